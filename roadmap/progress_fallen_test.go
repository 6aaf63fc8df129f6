package roadmap

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// fallenModel: overall = mean(Q1, Q2, Q3); jn: ja 1, teilweise 0.5, nein
// 0; ja2: ja 1, nein 0; "weiß nicht" is an open answer (reweighted away).
// %s: the levels.
const fallenModel = `model:
  name: Gefallen
  missing: {policy: reweight, min_coverage: 0.3, codes: {"weiß nicht": unknown}}
  levels:
%s
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    ja2: {map: {ja: 1, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: %s}
    - {id: Q3, scale: %s}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3}
`

// TestProgressOfAWayNotMeasured (staged17): progress to date is measured
// on the overall score, and two ways are not: the unit stood at or above
// its target level in the previous wave (target_met_then), and the way
// does not raise the overall score (score_not_raised). Under a staged
// model of the Saxony example 81 profiles read "118 % des Weges
// zurückgelegt" and the like above a step still to take — Marienberg fell
// from Stufe 4 to none, Ehrenfriedersdorf's one step clarifies the E-Akte
// at "in Teilen", lowering its score from 90,2 to 88,4. By hand (scores
// 0–100, the same questions in both waves, so the core is the whole):
//
// staged (level 1: i1 ≥ 50; level 2: i2 ≥ 100), jn everywhere:
//
//	fell from level 2: 2024 Q1 teilweise, Q2 ja, Q3 nein: 50, level 2;
//	2026 Q1 nein, Q2 ja, Q3 ja: 66,7, no level; target 1: Q1 →
//	teilweise, 83,3. The formula: (66,7 − 50)/(83,3 − 50) = 50 %.
//	score not raised: 2024 all nein: 0, no level; 2026 Q1 weiß nicht, Q2
//	ja, Q3 ja: 100 (Q1 reweighted away), no level (i1 not scored); target
//	1: Q1 clarified → teilweise (effort 2), (0,5 + 1 + 1)/3 = 83,3. The
//	formula: (100 − 0)/(83,3 − 0) = 120 %.
//	way to go (guard): 2024 Q1 nein, Q2 nein, Q3 ja: 33,3, no level; 2026
//	Q2 teilweise: 50; Q1 → teilweise: 66,7. (50 − 33,3)/(66,7 − 33,3) =
//	50 %, given.
//	level rose, score fell: 2024 as the guard, 33,3, no level; 2026 Q1
//	teilweise, Q2 nein, Q3 nein: 16,7, level 1; target 2: Q2 → ja (two
//	steps), 50. The formula: (16,7 − 33,3)/(50 − 33,3) = −100 %.
//	level fell, score rose (target level 2 for all): 2024 Q1 teilweise,
//	Q2 nein, Q3 nein: 16,7, level 1; 2026 Q1 nein, Q2 teilweise, Q3 ja:
//	50, no level; Q1 → teilweise, Q2 → ja: 83,3. The formula: (50 −
//	16,7)/(83,3 − 16,7) = 50 %.
//
// threshold (Eins from 0, Zwei from 40), Q2 and Q3 on ja2:
//
//	fell from Zwei: 2024 Q1 teilweise, Q2 nein, Q3 ja: 50, Zwei; 2026 all
//	nein: 0, Eins; target Zwei: two steps, Q2 and Q3 → ja (66,7; Q1 →
//	teilweise with one of them gives 50, less). The formula: (0 − 50)/
//	(66,7 − 50) = −300 %.
//	way to go (guard): 2024 Q1 teilweise, all else nein: 16,7, Eins; 2026
//	all nein: 0; Q2 and Q3 → ja: 66,7. (0 − 16,7)/(66,7 − 16,7) = −33,3 %,
//	given.
func TestProgressOfAWayNotMeasured(t *testing.T) {
	const (
		staged = `    method: staged
    bands:
      - {level: 1, name: Eins, criteria: [{node: i1, min: 50}]}
      - {level: 2, name: Zwei, criteria: [{node: i2, min: 100}]}`
		threshold = `    method: threshold
    bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 40}]`
	)
	nan := math.NaN()
	a := func(q1, q2, q3 string) map[string]string { return map[string]string{"Q1": q1, "Q2": q2, "Q3": q3} }
	for _, tt := range []struct {
		name, levels, scale2 string
		before, now          map[string]string
		fixed                int // Options.Target.Level; 0: next
		baseLevel, target    int
		baseline, current    float64
		end                  float64
		want                 float64
		why                  NoProgress
		json                 string // what roadmap.json says of it; "": a figure, no reason
	}{
		{"staged, fell from level 2", staged, "jn", a("teilweise", "ja", "nein"), a("nein", "ja", "ja"),
			0, 2, 1, 50, 200.0 / 3, 250.0 / 3, nan, TargetMetThen, `"no_progress": "target_met_then"`},
		{"staged, score not raised", staged, "jn", a("nein", "nein", "nein"), a("weiß nicht", "ja", "ja"),
			0, 0, 1, 0, 100, 250.0 / 3, nan, ScoreNotRaised, `"no_progress": "score_not_raised"`},
		{"staged, a way to go", staged, "jn", a("nein", "nein", "ja"), a("nein", "teilweise", "ja"),
			0, 0, 1, 100.0 / 3, 50, 200.0 / 3, 0.5, ProgressGiven, ""},
		{"staged, level rose, score fell", staged, "jn", a("nein", "nein", "ja"), a("teilweise", "nein", "nein"),
			0, 0, 2, 100.0 / 3, 50.0 / 3, 50, nan, ScoreAgainstLevel, `"no_progress": "score_against_level"`},
		{"staged, level fell, score rose", staged, "jn", a("teilweise", "nein", "nein"), a("nein", "teilweise", "ja"),
			2, 1, 2, 50.0 / 3, 50, 250.0 / 3, nan, ScoreAgainstLevel, `"no_progress": "score_against_level"`},
		{"threshold, fell from Zwei", threshold, "ja2", a("teilweise", "nein", "ja"), a("nein", "nein", "nein"),
			0, 2, 2, 50, 0, 200.0 / 3, nan, TargetMetThen, `"no_progress": "target_met_then"`},
		{"threshold, a way to go", threshold, "ja2", a("teilweise", "nein", "nein"), a("nein", "nein", "nein"),
			0, 1, 2, 50.0 / 3, 0, 200.0 / 3, -1.0 / 3, ProgressGiven, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := parseModel(t, tt.name, fmt.Sprintf(fallenModel, tt.levels, tt.scale2, tt.scale2))
			res := score(t, m, nil, unit{id: "A", wave: "2024", answers: tt.before}, unit{id: "A", wave: "2026", answers: tt.now})
			set, err := Build(res, Options{Target: Target{Level: tt.fixed}})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("A")
			if p.Status != Planned || p.Target != tt.target {
				t.Fatalf("%v to level %d, want planned to %d", p.Status, p.Target, tt.target)
			}
			same := func(got, want float64) bool {
				return math.IsNaN(got) == math.IsNaN(want) && (math.IsNaN(want) || math.Abs(got-want) < 1e-9)
			}
			if p.BaselineLevel != tt.baseLevel || !same(p.Baseline, tt.baseline) || !same(p.Current, tt.current) || !same(p.End, tt.end) {
				t.Errorf("level then %d, baseline, now, end %v, %v, %v; want %d, %v, %v, %v",
					p.BaselineLevel, p.Baseline, p.Current, p.End, tt.baseLevel, tt.baseline, tt.current, tt.end)
			}
			if !same(p.Progress, tt.want) || p.NoProgress != tt.why {
				t.Errorf("progress %v (why %d), want %v (why %d)", p.Progress, p.NoProgress, tt.want, tt.why)
			}
			var b strings.Builder
			if err := WriteJSON(&b, m, set); err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.json == "" && (strings.Contains(b.String(), `"no_progress"`) || strings.Contains(b.String(), `"progress": null`)):
				t.Errorf("roadmap.json gives no progress:\n%s", b.String())
			case !strings.Contains(b.String(), tt.json):
				t.Errorf("roadmap.json does not say %s:\n%s", tt.json, b.String())
			}
		})
	}
}
