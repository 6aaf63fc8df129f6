package roadmap

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func mustModel(tb testing.TB, path string) *scoring.Model {
	tb.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return parseModel(tb, path, string(src))
}

// parseModel parses a model written in a test, named name in errors.
func parseModel(tb testing.TB, name, src string) *scoring.Model {
	tb.Helper()
	m, err := scoring.ParseModel(name, []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// unit is a test unit: its answers by question code, in one wave.
type unit struct {
	id, wave   string
	population int
	attrs      map[string]string
	answers    map[string]string
}

// score scores the units; answers not given are blank, and fill (if not
// empty) answers every question a unit does not name.
func score(tb testing.TB, m *scoring.Model, fill map[string]string, units ...unit) *scoring.Results {
	tb.Helper()
	ds := &scoring.Dataset{}
	for _, u := range units {
		answers := make([]string, len(m.Questions))
		for i, q := range m.Questions {
			answers[i] = fill[string(q.ID)]
			if a, ok := u.answers[string(q.ID)]; ok {
				answers[i] = a
			}
		}
		wave := u.wave
		if wave == "" {
			wave = "2028" // the default model's latest questionnaire
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(wave), Answers: scoring.AnswersOf(answers...),
			Unit: scoring.Unit{ID: scoring.UnitID(u.id), Name: u.id, Population: u.population, Attrs: u.attrs}})
	}
	return scoring.Score(m, ds)
}

// top answers every question of the default model at its best.
var top = map[string]string{
	"S01": "ja", "S02": "ja", "S03": "ja", "S04": "trifft voll zu", "S05": "trifft voll zu", "S06": "umgesetzt",
	"O01_01": "4", "O01_02": "4", "O01_03": "4", "O01_04": "4", "O01_05": "4", "O02": "60",
	"O03": "ePayBL;PayPal;Kreditkarte;giropay;SEPA-Lastschrift", "O04": "ja", "O05": "trifft voll zu",
	"P01": "flächendeckend", "P02": "ja", "P03": "flächendeckend", "P04": "trifft voll zu", "P05": "umgesetzt", "P06": "100",
	"I01": "ja", "I02": "Zertifizierung", "I03": "ja", "I04": "backup;mfa;awareness;patch;pentest;uebung", "I05": "halbjährlich", "I06": "ja", "I07": "trifft voll zu",
	"K01": "ja", "K02": "100", "K03": "ja", "K04": "trifft voll zu", "K05": "umgesetzt", "K06": "trifft nicht zu",
	"D01": "ja", "D02": "100", "D03": "umgesetzt", "D04": "umgesetzt", "D05": "ja", "D07": "trifft voll zu",
}

// bottom answers of the dimensions Strategie and Personal.
var strategieAndPersonalAtZero = map[string]string{
	"S01": "nein", "S02": "nein", "S03": "nein", "S04": "trifft nicht zu", "S05": "trifft nicht zu", "S06": "nicht geplant",
	"K01": "nein", "K02": "0", "K03": "nein", "K04": "trifft nicht zu", "K05": "nicht geplant", "K06": "trifft voll zu",
}

// TestDefaultModelByHand checks a roadmap of the default model computed
// by hand. Every answer is at its best except those of Strategie (weight
// 1) and Personal (weight 1), which are all at zero: the overall score is
// (1.5·100 + 100 + 100 + 0.75·100) / 6.25 = 68, level 4; level 5 needs 80.
// A step's gain is the dimension's weight / 6.25 × the indicator's weight
// / the dimension's weights × the rise in points: S01 (weight 2 of 7.5)
// nein → teilweise → ja gains 2.1333 twice, S02 (1.5 of 7.5) 1.6 twice,
// K01 and K03 (1 of 6.5) 1.2308 twice each, then S03 1.0667 twice,
// K02 (1.5 of 6.5, a percentage in quarters) 0.9231 four times. The best
// seven steps add 11.159 < 12, so at least eight are needed; the best
// eight add 2·2.1333 + 2·1.6 + 4·1.2308 = 12.390: S01, S02, K01 and K03
// to ja, effort 8, ending at 80.390 — level 5.
func TestDefaultModelByHand(t *testing.T) {
	m := mustModel(t, "../config.yaml")
	res := score(t, m, top, unit{id: "14612000", answers: strategieAndPersonalAtZero})
	if got := res.Units[0].Nodes.At(0).Score; math.Abs(got-68) > 1e-9 {
		t.Fatalf("overall score %v, want 68", got)
	}
	set, err := Build(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Plans[0]
	if p.Status != Planned || p.Target != 5 || p.Effort != 8 || p.LevelAfter != 5 {
		t.Fatalf("status %v, target %d, effort %d, level after %d; want planned, 5, 8, 5", p.Status, p.Target, p.Effort, p.LevelAfter)
	}
	want := []struct {
		q, from, to string
		after       float64
	}{
		{"S01", "nein", "teilweise", 68 + 2.0/7.5*16*0.5},
		{"S01", "teilweise", "ja", 68 + 2.0/7.5*16},
		{"S02", "nein", "teilweise", 68 + 3.5/7.5*16 - 1.5/7.5*16*0.5},
		{"S02", "teilweise", "ja", 68 + 3.5/7.5*16},
		{"K01", "nein", "teilweise", 68 + 3.5/7.5*16 + 1/6.5*16*0.5},
		{"K01", "teilweise", "ja", 68 + 3.5/7.5*16 + 1/6.5*16},
		{"K03", "nein", "teilweise", 68 + 3.5/7.5*16 + 2/6.5*16 - 1/6.5*16*0.5},
		{"K03", "teilweise", "ja", 68 + 3.5/7.5*16 + 2/6.5*16},
	}
	if len(p.Steps) != len(want) {
		t.Fatalf("%d steps, want %d", len(p.Steps), len(want))
	}
	for i, w := range want {
		st := p.Steps[i]
		if string(st.Question.ID) != w.q || st.From != w.from || st.To != w.to || st.Effort != 1 ||
			math.Abs(st.After.Score-w.after) > 1e-9 {
			t.Errorf("step %d: %s %s → %s, effort %d, after %.4f; want %s %s → %s, 1, %.4f",
				i+1, st.Question.ID, st.From, st.To, st.Effort, st.After.Score, w.q, w.from, w.to, w.after)
		}
		wantLevel := 4
		if i == len(want)-1 {
			wantLevel = 5
		}
		if st.Level != wantLevel {
			t.Errorf("step %d: level after %d, want %d", i+1, st.Level, wantLevel)
		}
	}
	// Percent to target: the target posture's share of points is the
	// projected score (a mean model), 80.390; the gap is the four
	// questions' shares, (2 + 1.5)/7.5/6.25 + (1 + 1)/6.5/6.25.
	target := (68 + 3.5/7.5*16 + 2/6.5*16) / 100
	gap := 3.5/7.5/6.25 + 2/6.5/6.25
	if want := 1 - gap/target; math.Abs(p.PercentToTarget-want) > 1e-12 {
		t.Errorf("percent to target %v, want %v", p.PercentToTarget, want)
	}
}

// TestWithoutOverallScore: a unit that answered only Strategie has no
// overall score; its roadmap to level 1 is the questions to answer first.
// Its empty multi-selects (E-Payment, Sicherheitsmaßnahmen; empty: none)
// count as answered: the weighted coverage is 1 + 1.5·1/5.5 + 1·1.5/8.5 =
// 1.4492 of 6.25, and 60 % needs 3.75, so 2.3008 more. Each answered
// question adds its dimension's weight × its share of the dimension: the
// largest are E-Akte 2/7 = 0.2857, two online indicators 1.5/5.5 =
// 0.2727, Grundschutz 2/8.5 = 0.2353, Fortbildungsquote 1.5/6.5 = 0.2308,
// ISB 1.5/8.5 = 0.1765, then the other five of Personal 1/6.5 = 0.1538:
// eleven add 2.2430 — short — twelve, with one of Prozesse (1/7), 2.3858.
// The least effort is 12 clarifications, each at the lowest answer (no
// further step), for a coverage of (1.4492 + 2.3858)/6.25 = 0.6136.
func TestWithoutOverallScore(t *testing.T) {
	m := mustModel(t, "../config.yaml")
	only := map[string]string{}
	for _, q := range []string{"S01", "S02", "S03", "S04", "S05", "S06"} {
		only[q] = top[q]
	}
	res := score(t, m, nil, unit{id: "14612000", answers: only})
	if u := res.Units[0]; u.Nodes.At(0).Scored() || u.Level != 0 {
		t.Fatalf("the unit has an overall score: %+v", u.Nodes.At(0))
	}
	set, err := Build(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Plans[0]
	if p.Status != Planned || p.Target != 1 || p.Effort != 12 || len(p.Steps) != 12 || p.LevelAfter < 1 || !p.After.Scored() {
		t.Fatalf("status %v, target %d, effort %d, %d steps, level after %d, after %+v; want planned, 1, 12, 12, ≥ 1, scored",
			p.Status, p.Target, p.Effort, len(p.Steps), p.LevelAfter, p.After)
	}
	for i, st := range p.Steps {
		if !st.Clarify || st.From != "" || st.Effort != 1 {
			t.Errorf("step %d: %s %q → %q clarify %v effort %d; want a clarification from blank", i+1, st.Question.ID, st.From, st.To, st.Clarify, st.Effort)
		}
	}
	if c := p.After.Coverage; math.Abs(c-(1.4492+2.3858)/6.25) > 1e-3 {
		t.Errorf("coverage after %v", c)
	}
}

// TestStagedOZG: in an OZG-style staged model every service must reach the
// level's OZG maturity (the minimum rule). Services at OZG 1, 2, 3, 1, 4:
// level 1. To level 2, the two services at 1 go to 2: effort 2. To level
// 4 (OZG 4 everywhere; reaching 4 costs 3 by the scale's efforts; the
// strategy to ja on the way, level 3 asks for it): 1→2→3→4 twice
// (1+1+3 each), 2→3→4 (1+3), 3→4 (3), and nein → teilweise → ja (2):
// 5+5+4+3+2 = 19.
func TestStagedOZG(t *testing.T) {
	m := mustModel(t, "testdata/ozg.yaml")
	u := unit{id: "14612000", answers: map[string]string{"O1": "1", "O2": "2", "O3": "3", "O4": "1", "O5": "4", "S1": "nein"}}
	res := score(t, m, nil, u)
	if lv := res.Units[0].Level; lv != 1 {
		t.Fatalf("level %d, want 1", lv)
	}
	tests := []struct {
		target, effort int
		steps          []string // question from→to
	}{
		{0, 2, []string{"O1 1→2", "O4 1→2"}},
		{4, 19, nil},
	}
	for _, tt := range tests {
		set, err := Build(res, Options{Target: Target{Level: tt.target}})
		if err != nil {
			t.Fatal(err)
		}
		p := set.Plans[0]
		want := max(tt.target, 2)
		if p.Status != Planned || p.Target != want || p.Effort != tt.effort || p.LevelAfter != want {
			t.Fatalf("target %d: status %v, target %d, effort %d, level after %d; want planned, %d, %d, %d",
				tt.target, p.Status, p.Target, p.Effort, p.LevelAfter, want, tt.effort, want)
		}
		if tt.steps != nil {
			var got []string
			for _, st := range p.Steps {
				got = append(got, string(st.Question.ID)+" "+st.From+"→"+st.To)
			}
			if !slices.Equal(got, tt.steps) {
				t.Errorf("steps %v, want %v", got, tt.steps)
			}
		}
		for _, st := range p.Steps {
			if st.Question.ID == "S1" && st.Advice != "Eine Strategie beschließen." {
				t.Errorf("advice of S1: %q", st.Advice)
			}
			if st.Question.ID == "O1" && st.Advice != "Formulare online stellen." {
				t.Errorf("advice of O1: %q (the dimension's for level 1)", st.Advice)
			}
		}
	}
}

// TestStatuses: a unit at the top level, one already at its target, and a
// target no answer reaches (a service that does not apply has no score, and
// the minimum rule needs it).
func TestStatuses(t *testing.T) {
	m := mustModel(t, "testdata/ozg.yaml")
	all4 := map[string]string{"O1": "4", "O2": "4", "O3": "4", "O4": "4", "O5": "4", "S1": "ja"}
	res := score(t, m, nil,
		unit{id: "A", answers: all4},
		unit{id: "B", answers: map[string]string{"O1": "3", "O2": "3", "O3": "3", "O4": "3", "O5": "3", "S1": "ja"}},
		unit{id: "C", answers: map[string]string{"O1": "nicht zutreffend", "O2": "3", "O3": "3", "O4": "3", "O5": "3", "S1": "ja"}},
	)
	set, err := Build(res, Options{Target: Target{Level: 3}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Status{AtTarget, AtTarget, Unreachable}
	for i, p := range set.Plans {
		if p.Status != want[i] || len(p.Steps) != 0 {
			t.Errorf("%s: %v with %d steps, want %v", p.Unit.Unit.ID, p.Status, len(p.Steps), want[i])
		}
	}
	if p := set.Plans[0]; p.PercentToTarget != 1 {
		t.Errorf("at target: percent to target %v, want 1", p.PercentToTarget)
	}
	set, err = Build(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := set.Plans[0]; p.Status != AtTop || p.Target != 0 {
		t.Errorf("top level: %v, target %d; want at_top, 0", p.Status, p.Target)
	}
	if p := set.Plans[1]; p.Status != Planned || p.Effort != 5*3 {
		t.Errorf("level 3 → 4: %v, effort %d; want planned, 15", p.Status, p.Effort)
	}
}

// TestReversedMultiNoStep: a reversed multi-select (each item ticked costs
// points) is no step — clarifying it must not be planned from nothing
// ticked, its best answer. Unit U leaves Q1 open and answers Q2 "nein":
// score 0 (Q1 left out). Clarifying Q1 (effort 1) would give 50 only if
// nothing were ticked; the roadmap takes Q2 nein → ja instead (effort 3):
// Q1 still left out, 100.
func TestReversedMultiNoStep(t *testing.T) {
	const src = `model:
  name: Umgekehrt
  effort: {default: 1, clarify: 1}
  missing: {codes: {wn: unknown}}
  scales:
    jn: {map: {ja: 1, nein: 0}}
    risks: {type: multi, items: [x, y, z]}
  questions:
    - {id: Q1, scale: risks, reverse: true}
    - {id: Q2, scale: jn, effort: 3}
  dimensions:
    - id: d
      indicators:
        - {id: i, questions: [Q1, Q2]}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]
`
	m := parseModel(t, "r.yaml", src)
	res := score(t, m, nil, unit{id: "U", wave: "1", answers: map[string]string{"Q1": "wn", "Q2": "nein"}})
	set, err := Build(res, Options{Target: Target{Level: 2}})
	if err != nil {
		t.Fatal(err)
	}
	pl := set.Plans[0]
	if pl.Status != Planned || pl.Effort != 3 || len(pl.Steps) != 1 {
		t.Fatalf("%v, effort %d, %d steps; want planned, 3, 1", pl.Status, pl.Effort, len(pl.Steps))
	}
	if st := pl.Steps[0]; st.Question.ID != "Q2" || st.From != "nein" || st.To != "ja" || st.Clarify || st.After.Score != 100 {
		t.Errorf("step %s %q → %q (clarify %v), after %v; want Q2 nein → ja, after 100", st.Question.ID, st.From, st.To, st.Clarify, st.After.Score)
	}
}

// TestOwnGoal: a unit's own target from an attribute, by number or name;
// a value that names no level is noted and the default applies.
func TestOwnGoal(t *testing.T) {
	m := mustModel(t, "testdata/ozg.yaml")
	answers := map[string]string{"O1": "1", "O2": "1", "O3": "1", "O4": "1", "O5": "1", "S1": "nein"}
	res := score(t, m, nil,
		unit{id: "A", answers: answers, attrs: map[string]string{"ziel": "3"}},
		unit{id: "B", answers: answers, attrs: map[string]string{"ziel": "ende-zu-ende"}},
		unit{id: "C", answers: answers, attrs: map[string]string{"ziel": "9"}},
		unit{id: "D", answers: answers},
	)
	set, err := Build(res, Options{Target: Target{Attribute: "ziel"}})
	if err != nil {
		t.Fatal(err)
	}
	// The note is data — the reason, the value and its column — for each
	// output to word in its language, not an English sentence.
	noted := Note{Reason: GoalNamesNoLevel, Goal: "9", Column: "ziel"}
	want := []struct {
		target int
		own    bool
		note   Note
	}{{3, true, Note{}}, {4, true, Note{}}, {2, false, noted}, {2, false, Note{}}}
	for i, p := range set.Plans {
		w := want[i]
		if p.Target != w.target || p.OwnGoal != w.own || p.Note != w.note {
			t.Errorf("%s: target %d own %v note %+v; want %d %v note %+v", p.Unit.Unit.ID, p.Target, p.OwnGoal, p.Note, w.target, w.own, w.note)
		}
	}
	if got := set.Plans[2].Note.English(m); !strings.Contains(got, `"9"`) || !strings.Contains(got, "column ziel") {
		t.Errorf("note %q does not quote the value and name its column", got)
	}
	var b strings.Builder
	if err := WriteJSON(&b, m, set); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `"note_reason": "goal_names_no_level"`); n != 1 {
		t.Errorf("roadmap.json names the note's reason %d times, want once (unit C):\n%s", n, b.String())
	}
}

// TestPeers: the count of units of the same size class that already give
// the answer a step reaches; shown from min_group_size on, never below.
func TestPeers(t *testing.T) {
	m := mustModel(t, "testdata/ozg.yaml")
	mk := func(id, o1 string) unit {
		return unit{id: id, population: 3000, answers: map[string]string{"O1": o1, "O2": "4", "O3": "4", "O4": "4", "O5": "4", "S1": "ja"}}
	}
	// Unit A (O1 at 3) needs O1 → 4; five units of its size class are at
	// 4, seven below (A at 3, G at 2, H–L at 1): 5 is shown, and so are
	// the 7 of the 12 not at 4. In the second set only four are at 4.
	// In the third, five at 4 of 7 units (review 9): 5 would tell that
	// 2 units (A and G) are not, a number too small to show.
	five := []unit{mk("A", "3"), mk("B", "4"), mk("C", "4"), mk("D", "4"), mk("E", "4"), mk("F", "4"), mk("G", "2"),
		mk("H", "1"), mk("I", "1"), mk("J", "1"), mk("K", "1"), mk("L", "1")}
	four := slices.Clone(five)
	four[5] = mk("F", "2")
	fiveOfSeven := five[:7]
	for _, tt := range []struct {
		units []unit
		n     int
		shown bool
	}{{five, 5, true}, {four, 0, false}, {fiveOfSeven, 0, false}} {
		res := score(t, m, nil, tt.units...)
		set, err := Build(res, Options{Disclosure: scoring.NewDisclosure(res, 5)})
		if err != nil {
			t.Fatal(err)
		}
		p := set.Unit("A")
		if p == nil || len(p.Steps) != 1 {
			t.Fatalf("plan of A: %+v", p)
		}
		if st := p.Steps[0]; st.Peers != tt.n || st.PeersShown != tt.shown {
			t.Errorf("peers %d shown %v, want %d %v", st.Peers, st.PeersShown, tt.n, tt.shown)
		}
	}
}

// TestSAMMPercentAndProgress reproduces the SAMM blog's worked example of
// percent to target and progress to date (OWASP SAMM, "SAMM Scoring:
// Percent to Target and Progress to Date Metrics", 2025) on the SAMM
// model: Secure Build answered 0.25, 0, 0, 1, 0, 0 with targets 1, 1, 0,
// 1, 0.5, 0 and every other activity 0 now and as target: percent to
// target 1 − 2.25/3.5; after a quarter (0.25 → 1, 0 → 0.5) progress
// (1.25 − 0.625)/(1.75 − 0.625) on the practice score, the same on the
// overall score, which is a fifteenth of it.
func TestSAMMPercentAndProgress(t *testing.T) {
	m := mustModel(t, "../example/samm/config.yaml")
	const some, half, most = "Yes, for some applications", "Yes, for at least half of the applications", "Yes, for most of the applications"
	base := map[string]string{"I-SB-A-1-1": some, "I-SB-B-1-1": most}
	after := map[string]string{"I-SB-A-1-1": most, "I-SB-A-2-1": half, "I-SB-B-1-1": most}
	target := map[string]float64{"I-SB-A-1-1": 1, "I-SB-A-2-1": 1, "I-SB-B-1-1": 1, "I-SB-B-2-1": 0.5}
	no := map[string]string{}
	for _, q := range m.Questions {
		no[string(q.ID)] = "No"
	}
	res := score(t, m, no, unit{id: "acme", wave: "2025", answers: base}, unit{id: "acme", wave: "2026", answers: after})
	ev := scoring.NewEvaluator(res, 0)
	u := &res.WaveUnits(0)[0]
	in := ev.Inputs(u, nil)
	end := make([]float64, len(in))
	for q, x := range in {
		end[q] = x.Points
		if p, ok := target[string(m.Questions[q].ID)]; ok {
			end[q] = p
		}
	}
	if got, want := percentToTarget(m, ev.ChildWeight, u.Nodes.AppendTo(nil), in, end), 1-2.25/3.5; math.Abs(got-want) > 1e-12 {
		t.Errorf("percent to target %v, want %v", got, want)
	}
	// The target posture's score, the baseline (2025) and now (2026).
	for q := range in {
		in[q] = scoring.Input{Points: end[q]}
	}
	nodes := make([]scoring.NodeScore, len(m.Nodes))
	ev.Evaluate(u, in, nodes)
	now := res.WaveUnits(1)[0].Nodes.At(0)
	got, why := progress(now.Score, u.Nodes.At(0).Score, nodes[0].Score)
	if want := (1.25 - 0.625) / (1.75 - 0.625); math.Abs(got-want) > 1e-12 {
		t.Errorf("progress to date %v (%d), want %v", got, why, want)
	}
	// No way to go: a baseline at or above the target has no progress
	// (the formula would call a fall from 100 to 0, target 50, 200 %).
	for _, tt := range []struct{ now, baseline, target float64 }{{0, 100, 50}, {60, 50, 50}, {40, 50, 50}} {
		if got, why := progress(tt.now, tt.baseline, tt.target); !math.IsNaN(got) || why != NoWayToGo {
			t.Errorf("progress from %v to %v, now %v: %v (%d), want none (no way to go)", tt.baseline, tt.target, tt.now, got, why)
		}
	}
	if want := 1.25 / 15 / 3 * 100; math.Abs(now.Score-want) > 1e-9 {
		t.Errorf("overall score now %v, want %v (1.25 points of the practice, a fifteenth, of 3)", now.Score, want)
	}
}

// TestTooBigIsGreedy: a unit without an overall score aiming at level 3
// of the default model needs coverage and a score at once; the classes of
// open questions multiply past the search's bound, and the roadmap is the
// greedy one, marked so — it still reaches the target.
func TestTooBigIsGreedy(t *testing.T) {
	m := mustModel(t, "../config.yaml")
	only := map[string]string{}
	for _, q := range []string{"S01", "S02", "S03", "S04", "S05", "S06"} {
		only[q] = top[q]
	}
	res := score(t, m, nil, unit{id: "14612000", answers: only})
	set, err := Build(res, Options{Target: Target{Level: 3}})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Plans[0]
	if p.Status != Planned || p.Exact || p.LevelAfter < 3 {
		t.Fatalf("status %v exact %v level after %d; want planned, not exact, ≥ 3", p.Status, p.Exact, p.LevelAfter)
	}
	if set, _ := Build(res, Options{}); !set.Plans[0].Exact {
		t.Errorf("to level 1 (coverage only) the search is exact")
	}
}

// TestZScoreBelowZero: a z-scored question's points are not bounded, so a
// unit's overall score can fall below 0. It is in the first level (the
// first band takes every score below it, as the last takes one above 100),
// and its roadmap plans from there. Before, it had a score and no level,
// the roadmap took it for at level 1 already and the whole run failed with
// ErrUnverified; its percent to target came out below 0.
func TestZScoreBelowZero(t *testing.T) {
	m := parseModel(t, "z.yaml", `model:
  name: ZN
  levels: {bands: [{level: 1, name: Low, min: 0}, {level: 2, name: Mid, min: 40}, {level: 3, name: High, min: 80}]}
  scales:
    zahl: {type: numeric, normalise: zscore}
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: X, scale: zahl}
    - {id: A, scale: jn}
  dimensions:
    - id: d
      indicators: [{id: x, question: X}, {id: a, question: A}]
`)
	ds := &scoring.Dataset{}
	for i := range 30 {
		x, a := "10", "ja"
		if i == 0 {
			x, a = "0", "nein" // far below the others: z ≈ −5.3
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("u%02d", i))},
			Answers: scoring.AnswersOf(x, a), Row: i + 2})
	}
	r := scoring.Score(m, ds)
	u := &r.Units[0]
	if s := u.Overall().Score; s >= 0 || u.Level != 1 {
		t.Fatalf("u00: score %v, level %d; want a score below 0 in level 1", s, u.Level)
	}
	set, err := Build(r, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	p := set.Plans[0]
	if p.Status != Planned || p.Target != 2 || len(p.Steps) != 1 || p.PercentToTarget != 0 {
		t.Errorf("u00: %+v; want one step to level 2 (A: nein → ja), 0 %% of the way", p)
	}
}

// TestPeerCountsTellNoSmallDifference: the counts "already at least this
// answer" of one size class and question are told only where no two of
// them, on one roadmap or on two read together, differ by a number too
// small to show. Nineteen units of one size class answer O1 with 1 (2
// units), 2 (4), 3 (6) and 4 (7); everything else is at the top. By
// hand, from the top: at least 4: 7, told; at least 3: 13, 6 more,
// told; at least 2: 17, only 4 more than 13 — it would tell that 4 units
// answer exactly 2 — not told; at least 1: 19, 6 more than 13.
func TestPeerCountsTellNoSmallDifference(t *testing.T) {
	m := mustModel(t, "testdata/ozg.yaml")
	var units []unit
	for _, g := range []struct {
		o1 string
		n  int
	}{{"1", 2}, {"2", 4}, {"3", 6}, {"4", 7}} {
		for i := range g.n {
			units = append(units, unit{id: fmt.Sprintf("U%s%d", g.o1, i), population: 3000,
				answers: map[string]string{"O1": g.o1, "O2": "4", "O3": "4", "O4": "4", "O5": "4", "S1": "ja"}})
		}
	}
	res := score(t, m, nil, units...)
	set, err := Build(res, Options{Disclosure: scoring.NewDisclosure(res, 5)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		unit, to string
		peers    int
		shown    bool
	}{
		{"U10", "2", 0, false},
		{"U20", "3", 13, true},
		{"U30", "4", 7, true},
	} {
		p := set.Unit(scoring.UnitID(tt.unit))
		if p == nil || len(p.Steps) == 0 {
			t.Fatalf("%s: plan %+v", tt.unit, p)
		}
		st := p.Steps[0]
		if st.To != tt.to || st.Peers != tt.peers || st.PeersShown != tt.shown {
			t.Errorf("%s: step to %q, peers %d shown %v; want to %q, %d %v", tt.unit, st.To, st.Peers, st.PeersShown, tt.to, tt.peers, tt.shown)
		}
	}
	// Every count told on any roadmap, side by side.
	told := map[int]bool{}
	for _, p := range set.Plans {
		for _, st := range p.Steps {
			if st.PeersShown {
				told[st.Peers] = true
			}
		}
	}
	for a := range told {
		for b := range told {
			if d := a - b; d > 0 && d < 5 {
				t.Errorf("counts %d and %d are both told: %d by difference", a, b, d)
			}
		}
	}
}

// TestTellable: which rungs' counts may be told, by hand, for counts
// shown from 5 on.
func TestTellable(t *testing.T) {
	shown := func(n int) bool { return n >= 5 }
	ozg := []float64{0, 0.25, 0.5, 0.75, 1}
	for _, tt := range []struct {
		name  string
		xs    []float64
		units int // of the size class, answering or not
		rungs []float64
		want  []float64
	}{
		// at least 1: 5; at least 0.75: 6 and at least 0.5: 7, 1 and 2
		// more; 0 and 0.25: 7; 3 units did not answer: 10 − 5 = 5
		{"the top alone", []float64{0.5, 0.75, 1, 1, 1, 1, 1}, 10, ozg, []float64{1}},
		// the same of 7 units (review 9): 5 would tell that 2 give less
		{"two units left", []float64{0.5, 0.75, 1, 1, 1, 1, 1}, 7, ozg, nil},
		// 5, 5, 10, 10, 10 of 12: 10 leaves 2 (not told), 5 leaves 7
		{"the lowest dropped", []float64{0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1}, 12, ozg, []float64{0.75, 1}},
		// 7, 13, 17 (4 more: not told), 19, 19 (0 more: told)
		{"a step of four skipped", []float64{0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 1, 1, 1, 1, 1, 1, 1}, 19, ozg,
			[]float64{0, 0.25, 0.75, 1}},
		{"too few", []float64{0, 0, 0.5}, 3, ozg, nil},
		{"rungs between answers", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9}, 10, []float64{0, 0.5, 1}, []float64{0, 0.5}}, // 10, 5, 0
		{"no answers", nil, 4, ozg, nil},
	} {
		if got := tellable(tt.xs, tt.rungs, tt.units, shown); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestChangeInLanguage: the numbers a roadmap works out for a numeric
// question (a value, a bin) are written with the language's decimal mark —
// German pages showed "7.5" and "> 2.5–5" — while the answer the unit gave,
// a mapping's answers and items stay as written.
func TestChangeInLanguage(t *testing.T) {
	num := &scoring.Question{ID: "N", Scale: &scoring.Scale{Kind: scoring.ScaleNumeric}}
	word := &scoring.Question{ID: "W", Scale: &scoring.Scale{Kind: scoring.ScaleMap}}
	p := &Plan{Steps: []Step{
		{Question: num, From: "1.234", To: "2.5"},
		{Question: num, From: "2.5", To: "> 2.5–5"},
		{Question: word, From: "v1.0", To: "v2.5"},
		{Question: num, From: "", To: "0.25", Item: true},
		{Question: num, From: "2.5", To: "10000"},
	}}
	want := map[scoring.Language][][2]string{
		// A worked-out 10000 has its thousands grouped, as Language.Number
		// writes the model's numbers.
		scoring.German:  {{"1.234", "2,5"}, {"2,5", "> 2,5–5"}, {"v1.0", "v2.5"}, {"", "0.25"}, {"2,5", "10.000"}},
		scoring.English: {{"1.234", "2.5"}, {"2.5", "> 2.5–5"}, {"v1.0", "v2.5"}, {"", "0.25"}, {"2.5", "10,000"}},
	}
	for lang, steps := range want {
		for i, w := range steps {
			if from, to := p.Change(i, lang); from != w[0] || to != w[1] {
				t.Errorf("%s, step %d: %q → %q, want %q → %q", lang, i+1, from, to, w[0], w[1])
			}
		}
	}
}

// TestPercentToTargetNeedsAnOverallScore: a unit without an overall score
// has no percent to target (NaN: null in roadmap.json, empty in
// roadmap.csv, not on the profile). Its roadmap clarifies open questions
// at their lowest answer, which adds no points, so the sums found its
// target posture reached: 100 %, above twelve steps. A unit with a score
// keeps its figure.
func TestPercentToTargetNeedsAnOverallScore(t *testing.T) {
	m := mustModel(t, "../config.yaml")
	strategie := map[string]string{}
	for _, q := range []string{"S01", "S02", "S03", "S04", "S05", "S06"} {
		strategie[q] = top[q]
	}
	tests := []struct {
		name    string
		answers map[string]string
		fill    map[string]string
		want    float64 // NaN: none
	}{
		{"Strategie alone answered: no overall score", strategie, nil, math.NaN()},
		// TestDefaultModelByHand's unit, overall score 68: its figure as
		// worked out there.
		{"scored 68", strategieAndPersonalAtZero, top,
			1 - (3.5/7.5/6.25+2/6.5/6.25)/((68+3.5/7.5*16+2/6.5*16)/100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, m, tt.fill, unit{id: "14612000", answers: tt.answers})
			set, err := Build(res, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Plans[0]
			if p.Status != Planned || len(p.Steps) == 0 {
				t.Fatalf("status %v, %d steps; want a planned roadmap", p.Status, len(p.Steps))
			}
			if got := p.PercentToTarget; math.IsNaN(tt.want) != math.IsNaN(got) || !math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("percent to target %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPercentToTargetClarifiedWithoutPoints: SAMM's percent to target sums
// points, so a step that clarifies an open question to an answer worth
// none (needed for the coverage) neither lowers the figure nor adds to the
// target: a unit whose only step it is reads 100 %. The plan counts such
// questions, which the profile says beside the figure.
//
// Overall zero policy: an area below its minimum coverage counts 0. A is
// a1, a2; B is b1, b2, b3 (reweight, min_coverage 0.6); every question is
// an indicator, so each of A's has the share 1/4 of the overall score,
// each of B's 1/6.
func TestPercentToTargetClarifiedWithoutPoints(t *testing.T) {
	const src = `model:
  name: Klären
  effort: {default: 1, clarify: 1}
  missing: {policy: zero, min_coverage: 0, codes: {wn: unknown}}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  dimensions:
    - id: A
      missing: {policy: reweight}
      indicators: [{id: a1, question: a1, scale: jn}, {id: a2, question: a2, scale: jn}]
    - id: B
      missing: {policy: reweight, min_coverage: 0.6}
      indicators: [{id: b1, question: b1, scale: jn}, {id: b2, question: b2, scale: jn}, {id: b3, question: b3, scale: jn}]
  levels:
    bands: [{level: 1, name: L1, min: 0}, {level: 2, name: L2, min: 60}]
`
	m := parseModel(t, "k.yaml", src)
	tests := []struct {
		name      string
		answers   map[string]string
		steps     int
		percent   float64
		clarified int
	}{
		// A 100, B not scored (1 of 3 answered): overall 50. Clarifying b2
		// (or b3) to "nein" scores B (50, 2 of 3): overall 75. Gap 0,
		// target 1/4 + 1/4 + 1/6: 100 %, with one step left.
		{"a clarification to no points", map[string]string{"a1": "ja", "a2": "ja", "b1": "ja", "b2": "wn", "b3": "wn"}, 1, 1, 1},
		// A 100, B 0: overall 50; two steps raise B to 33⅓ (b1 to "ja",
		// or b1 and b2 to "teilweise"): gap 1/6, target 1/4 + 1/4 + 1/6,
		// 1 − (1/6)/(2/3) = 75 %, either way.
		{"no open question", map[string]string{"a1": "ja", "a2": "ja", "b1": "nein", "b2": "nein", "b3": "nein"}, 2, 0.75, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, m, nil, unit{id: "U", wave: "1", answers: tt.answers})
			set, err := Build(res, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Plans[0]
			if p.Status != Planned || len(p.Steps) != tt.steps {
				t.Fatalf("status %v, %d steps; want planned, %d", p.Status, len(p.Steps), tt.steps)
			}
			if math.Abs(p.PercentToTarget-tt.percent) > 1e-12 || p.ClarifiedWithoutPoints != tt.clarified {
				t.Errorf("percent to target %v, clarified without points %d; want %v, %d", p.PercentToTarget, p.ClarifiedWithoutPoints, tt.percent, tt.clarified)
			}
		})
	}
}
