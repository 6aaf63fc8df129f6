package roadmap

import (
	"fmt"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestClarifyPeerCount (road16): a step that clarifies an open question at
// its lowest answer showed "243 Kommunen Ihrer Größenklasse sind hier
// schon so weit" — the count of every unit of the size class that
// answered at all, as each gives at least the lowest answer: no evidence
// for the step. It now has no count (NoPeerCount), while a clarification
// raised further counts the units giving at least the answer it aims at.
//
// overall = mean(Q1, Q2), nein 0, teilweise 0.5, ja 1, scored from a
// coverage of 3/4; levels from 0, 50, 75, 100. Unit u: Q1 "weiß nicht",
// Q2 ja — no score. Its size class (min group 1): p1 Q1 ja, p2 teilweise,
// p3 nein, p4 nein; 6 units with u and v (v: Q1 and Q2 open, counted in
// no answer). At least nein: 4, at least teilweise: 2, ja: 1 — all
// shown (1 = 1, 2 − 1 = 1, 4 − 2 = 2, and 6 − 4 = 2 leave enough).
//
//	to level 2 (50): Q1 clarified at nein (mean 50): no count; it was 4;
//	to level 3 (75): Q1 clarified → teilweise (75): 2;
//	to level 4 (100): Q1 clarified → ja: 1.
//
// Under a minimum group of 3, 1 and 2 are not shown (hidden: NoPeerCount
// false), and the clarification at nein has none still.
func TestClarifyPeerCount(t *testing.T) {
	const src = `model:
  name: Klären
  missing: {policy: reweight, min_coverage: 0.75, codes: {"weiß nicht": unknown}}
  peer_groups: [{id: gk, name: GK, attribute: size_class}]
  size_classes: [{name: klein}]
  scales:
    jn: {map: {nein: 0, teilweise: 0.5, ja: 1}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}, {level: 3, name: C, min: 75}, {level: 4, name: D, min: 100}]
`
	m := parseModel(t, "klaeren.yaml", src)
	res := score(t, m, nil,
		unit{id: "u", wave: "1", population: 100, answers: map[string]string{"Q1": "weiß nicht", "Q2": "ja"}},
		unit{id: "v", wave: "1", population: 100, answers: map[string]string{"Q1": "weiß nicht", "Q2": "weiß nicht"}},
		unit{id: "p1", wave: "1", population: 100, answers: map[string]string{"Q1": "ja", "Q2": "ja"}},
		unit{id: "p2", wave: "1", population: 100, answers: map[string]string{"Q1": "teilweise", "Q2": "ja"}},
		unit{id: "p3", wave: "1", population: 100, answers: map[string]string{"Q1": "nein", "Q2": "ja"}},
		unit{id: "p4", wave: "1", population: 100, answers: map[string]string{"Q1": "nein", "Q2": "ja"}})
	for _, tt := range []struct {
		minGroup, target int
		to               string
		peers            int
		shown, none      bool
	}{
		{1, 2, "nein", 0, false, true},
		{1, 3, "teilweise", 2, true, false},
		{1, 4, "ja", 1, true, false},
		{3, 2, "nein", 0, false, true},
		{3, 3, "teilweise", 0, false, false},
	} {
		t.Run(fmt.Sprintf("min %d, to level %d", tt.minGroup, tt.target), func(t *testing.T) {
			set, err := BuildWave(res, 0, Options{Target: Target{Level: tt.target}, Disclosure: scoring.NewDisclosure(res, tt.minGroup)})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("u")
			if p.Status != Planned || len(p.Steps) != 1 {
				t.Fatalf("%v with %d steps, want planned with 1", p.Status, len(p.Steps))
			}
			st := p.Steps[0]
			if st.Question.ID != "Q1" || !st.Clarify || st.To != tt.to {
				t.Fatalf("step %s %q → %q (clarify %v), want Q1 clarified → %q", st.Question.ID, st.From, st.To, st.Clarify, tt.to)
			}
			if st.Peers != tt.peers || st.PeersShown != tt.shown || st.NoPeerCount != tt.none {
				t.Errorf("peers %d shown %v, no count %v; want %d %v %v", st.Peers, st.PeersShown, st.NoPeerCount, tt.peers, tt.shown, tt.none)
			}
		})
	}
}

// TestClarifyAssumed (road16): a step that clarifies an open question at
// its lowest answer says that its answer is assumed (Step.Assumed), so
// that it does not read as an answer to reach. On a reversed question,
// Personalmangel ("Fehlendes Personal verhindert …", trifft nicht zu 1,
// teilweise 0.5, trifft voll zu 0 after reversal), the lowest answer is
// "trifft voll zu": the profile read "klären → trifft voll zu". overall =
// mean(S, K), scored from a coverage of 3/4; levels from 0, 50, 75. Unit:
// S ja, K "weiß nicht" — no score.
//
//	to level 2 (50): K clarified at "trifft voll zu" (mean 50): assumed;
//	to level 3 (75): K clarified → "trifft teilweise zu": aimed at.
func TestClarifyAssumed(t *testing.T) {
	const src = `model:
  name: Umgekehrt
  missing: {policy: reweight, min_coverage: 0.75, codes: {"weiß nicht": unknown}}
  scales:
    jn: {map: {nein: 0, ja: 1}}
    zu: {map: {"trifft nicht zu": 0, "trifft teilweise zu": 0.5, "trifft voll zu": 1}}
  questions:
    - {id: S, scale: jn}
    - {id: K, scale: zu, reverse: true, text: "Fehlendes Personal verhindert Digitalisierungsprojekte."}
  dimensions:
    - id: d
      indicators:
        - {id: s, question: S}
        - {id: k, question: K}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}, {level: 3, name: C, min: 75}]
`
	m := parseModel(t, "umgekehrt.yaml", src)
	res := score(t, m, nil, unit{id: "u", wave: "1", answers: map[string]string{"S": "ja", "K": "weiß nicht"}})
	for _, tt := range []struct {
		target  int
		to      string
		assumed bool
	}{
		{2, "trifft voll zu", true},
		{3, "trifft teilweise zu", false},
	} {
		t.Run(fmt.Sprintf("to level %d", tt.target), func(t *testing.T) {
			set, err := BuildWave(res, 0, Options{Target: Target{Level: tt.target}})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Plans[0]
			if p.Status != Planned || len(p.Steps) != 1 {
				t.Fatalf("%v with %d steps, want planned with 1", p.Status, len(p.Steps))
			}
			if st := p.Steps[0]; st.Question.ID != "K" || !st.Clarify || st.To != tt.to || st.Assumed != tt.assumed {
				t.Errorf("step %s %q → %q (clarify %v, assumed %v); want K clarified → %q, assumed %v",
					st.Question.ID, st.From, st.To, st.Clarify, st.Assumed, tt.to, tt.assumed)
			}
		})
	}
}
