package roadmap

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// equalModel has a scale with two answers of equal points and different
// efforts ("teilweise" 4, "geplant" 1, both 0.5; "ja" 2), declared the
// dearer one first; overall = mean(Q1, Q2) (Q2 reversed: "nein" is its
// best answer), B from 25, C from 75.
const equalModel = `model:
  name: Gleich
  missing: {policy: reweight, codes: {wn: unknown}}
  effort: {clarify: 1}
  scales:
    jn: {map: {nein: 0, teilweise: 0.5, geplant: 0.5, ja: 1}, effort: {teilweise: 4, geplant: 1, ja: 2}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn, reverse: true}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 25}, {level: 3, name: C, min: 75}]
`

// TestCheapestOfEqualAnswers (review 9): of two answers worth the same
// points, a roadmap reaches the one of less effort — the first declared
// stood for both, so "nein → teilweise" cost 4 where "nein → geplant"
// costs 1. By hand (reversed, Q2's ladder is ja 0, geplant 0.5 at 1, nein
// 1 at 1, the default):
//
//	Q1 nein, Q2 ja (score 0) to B (25: one answer at 0.5): Q2 → geplant, 1
//	(of equal roadmaps, the tie rule's first: Q2's ladder is even; was 4,
//	"teilweise");
//	the same to C (75: points 1.5): Q2 ja → geplant → nein (1 + 1), Q1 →
//	geplant (1): 3 (was Q2 4 + 1, Q1 4: 9);
//	Q1 and Q2 open (wn, no score) to B: clarify 1 and geplant 1: 2 (was 5).
func TestCheapestOfEqualAnswers(t *testing.T) {
	m := parseModel(t, "gleich.yaml", equalModel)
	for _, tt := range []struct {
		name, q1, q2 string
		target       int
		effort       int
		steps        string
	}{
		{"to B", "nein", "ja", 2, 1, "Q2 ja→geplant 1"},
		{"to C", "nein", "ja", 3, 3, "Q1 nein→geplant 1; Q2 geplant→nein 1; Q2 ja→geplant 1"},
		{"open to B", "wn", "wn", 2, 2, "Q1 wn→geplant? 2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, got := planTo(t, m, map[string]string{"Q1": tt.q1, "Q2": tt.q2}, tt.target)
			if p.Status != Planned || p.Effort != tt.effort || got != tt.steps || p.LevelAfter != tt.target {
				t.Errorf("%v, effort %d, level after %d: %s; want planned, %d, %d: %s",
					p.Status, p.Effort, p.LevelAfter, got, tt.effort, tt.target, tt.steps)
			}
		})
	}
}

// multiModel: overall = mean(Q1 share of 3 items, Q2 ja/nein); B from
// 50.
const multiModel = `model:
  name: Mehrfach
  missing: {policy: reweight, codes: {wn: unknown}}
  effort: {clarify: 2}
  peer_groups: [{id: gk, name: GK, attribute: size_class}]
  size_classes: [{name: klein}]
  scales:
    ms: {type: multi, items: [a, b, c]}
    jn: {map: {nein: 0, ja: 1}, effort: {ja: 9}}
  questions:
    - {id: Q1, scale: ms}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 30}]
`

// TestClarifiedMultiSelectNamesEveryItem (review 9): an open multi-select
// clarified and raised by two items in one step said only the last item
// ("Q1 klären → zusätzlich: b"), while its effort and projected score
// were those of ticking both. Unit u: Q1 blank, Q2 nein. B needs 30: Q1
// at 2 of 3 items (33.3; one item gives 16.7), clarify 2 + a 1 + b 1 =
// 4, far below Q2 (9). The step names both items; the peers ticking the
// last one alone are no count of those giving that answer, so none is
// shown. Peers (min group 1): p1 ticks a;b, p2 b, p3 a;c: a and b are
// ticked by 2 each, c by 1 — a, b first (then model order).
func TestClarifiedMultiSelectNamesEveryItem(t *testing.T) {
	m := parseModel(t, "mehrfach.yaml", multiModel)
	res := score(t, m, nil,
		unit{id: "u", wave: "1", population: 100, answers: map[string]string{"Q1": "", "Q2": "nein"}},
		unit{id: "p1", wave: "1", population: 100, answers: map[string]string{"Q1": "a;b", "Q2": "nein"}},
		unit{id: "p2", wave: "1", population: 100, answers: map[string]string{"Q1": "b", "Q2": "nein"}},
		unit{id: "p3", wave: "1", population: 100, answers: map[string]string{"Q1": "a;c", "Q2": "nein"}})
	set, err := BuildWave(res, 0, Options{Target: Target{Level: 2}, Disclosure: scoring.NewDisclosure(res, 1)})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Unit("u")
	if p.Status != Planned || p.Effort != 4 || len(p.Steps) != 1 {
		t.Fatalf("%v, effort %d, %d steps; want planned, 4, 1", p.Status, p.Effort, len(p.Steps))
	}
	st := p.Steps[0]
	if !st.Clarify || !st.Item || st.To != "a; b" || st.PeersShown || !st.NoPeerCount || st.Effort != 4 {
		t.Errorf("step %s %q → %q (clarify %v, item %v), effort %d, peers %d shown %v; want a clarification to \"a; b\", effort 4, no peers",
			st.Question.ID, st.From, st.To, st.Clarify, st.Item, st.Effort, st.Peers, st.PeersShown)
	}
}

// TestClarifyMultiSelectByTicking (review 9): an open multi-select was
// clarified to "nothing ticked", its lowest answer — an answer that a
// scale whose empty cell is not answered (empty: blank, the default)
// cannot record: written back, the cell stays blank, the unit keeps no
// score, and the roadmap said it reached level A. Such a question is
// clarified by ticking an item (the cheapest: b or c at 1, then model
// order), effort clarify 2 + 1 = 3, score 1/3. Under empty: none, nothing
// ticked is an answer (an empty cell): a unit that gave "-9" clarifies
// to it, effort 2, score 0.
func TestClarifyMultiSelectByTicking(t *testing.T) {
	const src = `model:
  name: Klären
  missing: {policy: reweight, min_coverage: 0.5, codes: {"-9": blank}}
  effort: {clarify: 2}
  scales:
    ms: {type: multi, items: [a, b, c], effort: {a: 3}%s}
  questions:
    - {id: Q1, scale: ms}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]
`
	for _, tt := range []struct {
		name, empty, answer, to string
		effort                  int
		after                   float64
	}{
		{"empty is blank", "", "", "b", 3, 100.0 / 3},
		{"empty is none", ", empty: none", "-9", "", 2, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := parseModel(t, "klaeren.yaml", fmt.Sprintf(src, tt.empty))
			res := score(t, m, nil, unit{id: "u", wave: "1", answers: map[string]string{"Q1": tt.answer}})
			if res.Units[0].Nodes.At(0).Scored() {
				t.Fatalf("the unit has a score: %+v", res.Units[0].Nodes.At(0))
			}
			set, err := BuildWave(res, 0, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Plans[0]
			if p.Status != Planned || p.Effort != tt.effort || len(p.Steps) != 1 {
				t.Fatalf("%v, effort %d, %d steps; want planned, %d, 1", p.Status, p.Effort, len(p.Steps), tt.effort)
			}
			if st := p.Steps[0]; !st.Clarify || st.To != tt.to || st.Effort != tt.effort || math.Abs(st.After.Score-tt.after) > 1e-9 || st.Level != 1 {
				t.Errorf("step %q → %q (clarify %v), effort %d, after %v level %d; want → %q, %d, %v, 1",
					st.From, st.To, st.Clarify, st.Effort, st.After.Score, st.Level, tt.to, tt.effort, tt.after)
			}
		})
	}
}

// TestItemPeersLeaveEnough (review 9): how many peers tick an item is
// shown only where those not ticking it are none or enough to show: the
// size class's number of units is shown too. Unit u ticks a (16.7 with
// Q2 nein) and needs a second item for B (30): b, ticked by p1, p2, p3.
// Of 4 units, 3 tick b: 1 does not (u itself) — not shown under a
// minimum of 2; with p4 (a) 2 do not: 3 shown.
func TestItemPeersLeaveEnough(t *testing.T) {
	m := parseModel(t, "mehrfach.yaml", multiModel)
	units := []unit{
		{id: "u", wave: "1", population: 100, answers: map[string]string{"Q1": "a", "Q2": "nein"}},
		{id: "p1", wave: "1", population: 100, answers: map[string]string{"Q1": "a;b", "Q2": "nein"}},
		{id: "p2", wave: "1", population: 100, answers: map[string]string{"Q1": "b", "Q2": "nein"}},
		{id: "p3", wave: "1", population: 100, answers: map[string]string{"Q1": "a;b;c", "Q2": "nein"}},
	}
	for _, tt := range []struct {
		name  string
		units []unit
		peers int
		shown bool
	}{
		{"one left", units, 0, false},
		{"two left", append(units[:4:4], unit{id: "p4", wave: "1", population: 100, answers: map[string]string{"Q1": "a", "Q2": "nein"}}), 3, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, m, nil, tt.units...)
			set, err := BuildWave(res, 0, Options{Target: Target{Level: 2}, Disclosure: scoring.NewDisclosure(res, 2)})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("u")
			if p.Status != Planned || len(p.Steps) != 1 {
				t.Fatalf("%v, %d steps; want planned, 1", p.Status, len(p.Steps))
			}
			if st := p.Steps[0]; st.To != "b" || st.Peers != tt.peers || st.PeersShown != tt.shown {
				t.Errorf("step → %q, peers %d shown %v; want → b, %d %v", st.To, st.Peers, st.PeersShown, tt.peers, tt.shown)
			}
		})
	}
}

// planTo makes the roadmap to level target of one unit answering answers
// in a model of one wave, with its steps as "Q from→to[?] effort" ("?": a
// clarification), sorted and joined by "; ".
func planTo(t *testing.T, m *scoring.Model, answers map[string]string, target int) (*Plan, string) {
	t.Helper()
	res := score(t, m, nil, unit{id: "u", wave: "1", answers: answers})
	set, err := BuildWave(res, 0, Options{Target: Target{Level: target}})
	if err != nil {
		t.Fatal(err)
	}
	p := &set.Plans[0]
	var got []string
	for _, st := range p.Steps {
		c := ""
		if st.Clarify {
			c = "?"
		}
		got = append(got, fmt.Sprintf("%s %s→%s%s %d", st.Question.ID, st.From, st.To, c, st.Effort))
	}
	slices.Sort(got)
	return p, strings.Join(got, "; ")
}
