package roadmap

import (
	"fmt"
	"strings"
	"testing"
)

// TestTowardUnreachable (road16): a target that cannot be reached gave no
// steps at all, not even toward the levels that can be. Its plan now
// leads to the highest level below the target within reach above the
// unit's own (status unreachable, LevelAfter that level); with no such
// level it has none. By hand:
//
// staged: level 1 a ≥ 0; 2 a ≥ 50; 3 a = 100 and k ≥ 50; 4 a = 100 and k
// = 100. a = mean(A1, A2), ja 1, teilweise 0.5, nein 0; k = K, answered
// "nicht zutreffend": k has no score, so levels 3 and 4 are out of reach.
// A1, A2 nein: level 1. Own goal 4 (or fixed target 3): level 2 is the
// highest within reach, a = 50: A1 nein → teilweise → ja (effort 2, the
// first question taken furthest of the equal ways). A1 ja, A2 nein:
// level 2 already; target 3 has no level between: no steps.
//
// threshold: overall = mean(Q1, Q2), Q2 min-max over the wave (A 0, B
// 10: A's 0 points are fixed); bands 0, 50, 90. A: Q1 nein — 0, level 1.
// To level 3 (90): Q1 ja gives 50 — out of reach; level 2 is: Q1 nein →
// ja (effort 1), 50.
//
// Plan.Unmeetable (staged17): k ≥ 50 in every staged case (k does not
// apply), once though levels 3 and 4 both name k; none for the threshold
// case.
func TestTowardUnreachable(t *testing.T) {
	const staged = `model:
  name: Stufen
  missing: {policy: reweight, codes: {"nicht zutreffend": not_applicable}}
  scales:
    jn: {map: {nein: 0, teilweise: 0.5, ja: 1}}
  questions:
    - {id: A1, scale: jn}
    - {id: A2, scale: jn}
    - {id: K, scale: jn}
  levels:
    method: staged
    bands:
      - {level: 1, name: Eins, criteria: [{node: a, min: 0}]}
      - {level: 2, name: Zwei, criteria: [{node: a, min: 50}]}
      - {level: 3, name: Drei, criteria: [{node: a, min: 100}, {node: k, min: 50}]}
      - {level: 4, name: Vier, criteria: [{node: a, min: 100}, {node: k, min: 100}]}
  dimensions:
    - id: a
      indicators: [{id: a1, question: A1}, {id: a2, question: A2}]
    - id: k
      indicators: [{id: k1, question: K}]
`
	const threshold = `model:
  name: Schwellen
  missing: {policy: reweight}
  levels:
    bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 50}, {level: 3, name: Drei, min: 90}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
    rel: {type: numeric, min: 0, normalise: minmax}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: rel}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
`
	low := map[string]string{"A1": "nein", "A2": "nein", "K": "nicht zutreffend"}
	two := map[string]string{"A1": "ja", "A2": "nein", "K": "nicht zutreffend"}
	for _, tt := range []struct {
		name, model string
		answers     map[string]string
		goal        string // the unit's own goal; "" none
		target      int    // roadmap.target; 0 next
		wantTarget  int
		steps       string // "Q from→to; …"
		effort      int
		levelAfter  int
		unmeetable  string // Plan.Unmeetable: node ≥ min, …
	}{
		{"own goal 4 from level 1", staged, low, "4", 0, 4, "A1 nein→teilweise; A1 teilweise→ja", 2, 2, "k ≥ 50"},
		{"target 3 from level 1", staged, low, "", 3, 3, "A1 nein→teilweise; A1 teilweise→ja", 2, 2, "k ≥ 50"},
		{"target 3 from level 2: none between", staged, two, "", 3, 3, "", 0, 2, "k ≥ 50"},
		{"next from level 2: none between", staged, two, "", 0, 3, "", 0, 2, "k ≥ 50"},
		{"threshold, target 3 from level 1", threshold, map[string]string{"Q1": "nein", "Q2": "0"}, "", 3, 3, "Q1 nein→ja", 1, 2, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := parseModel(t, tt.name, tt.model)
			units := []unit{{id: "A", wave: "1", answers: tt.answers, attrs: map[string]string{"ziel": tt.goal}}}
			if tt.model == threshold {
				units = append(units, unit{id: "B", wave: "1", answers: map[string]string{"Q1": "nein", "Q2": "10"}})
			}
			res := score(t, m, nil, units...)
			set, err := BuildWave(res, 0, Options{Target: Target{Level: tt.target, Attribute: "ziel"}})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("A")
			var got []string
			for _, st := range p.Steps {
				got = append(got, fmt.Sprintf("%s %s→%s", st.Question.ID, st.From, st.To))
			}
			if p.Status != Unreachable || p.Target != tt.wantTarget || strings.Join(got, "; ") != tt.steps || p.Effort != tt.effort || p.LevelAfter != tt.levelAfter {
				t.Errorf("%v to %d: %q, effort %d, level after %d; want unreachable to %d: %q, effort %d, level after %d",
					p.Status, p.Target, strings.Join(got, "; "), p.Effort, p.LevelAfter, tt.wantTarget, tt.steps, tt.effort, tt.levelAfter)
			}
			// staged17: the criteria no answer can meet, named on the
			// profile instead of every cause there can be: k, answered
			// "nicht zutreffend", once though levels 3 and 4 both ask for
			// it; none for a question normalised over the wave.
			var crit []string
			for _, c := range p.Unmeetable {
				crit = append(crit, fmt.Sprintf("%s ≥ %v", m.Nodes[c.Node].ID, c.Min))
			}
			if got := strings.Join(crit, ", "); got != tt.unmeetable {
				t.Errorf("unmeetable %q, want %q", got, tt.unmeetable)
			}
			if len(p.Steps) > 0 && (p.Steps[len(p.Steps)-1].Level != tt.levelAfter || !p.Exact) {
				t.Errorf("the last step leads to level %d (exact %v), want %d, exact", p.Steps[len(p.Steps)-1].Level, p.Exact, tt.levelAfter)
			}
		})
	}
}
