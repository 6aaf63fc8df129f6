package roadmap

import (
	"fmt"
	"testing"
)

// windingModel: a numeric scale whose bins' points rise and fall (an
// optimum in the middle: 3–5 best), efforts per bin [1, 1, 1, 4].
const windingModel = `model:
  name: Optimum
  missing: {policy: reweight, codes: {wn: unknown}}
  effort: {clarify: 1}
  scales:
    opt: {type: numeric, min: 0, bins: [{max: 2, points: 0.3}, {max: 5, points: 1}, {max: 9, points: 0.6}, {points: 0.8}], effort: [1, 1, 1, 4]}
  questions:
    - {id: Q1, scale: opt}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 70}, {level: 3, name: C, min: 90}]
`

// TestWindingBins (review 9): on a scale whose bins' points rise and
// fall, a number moves along the bins, each bin entered at its effort.
// The ladder took the bins by points (0.3, 0.6, 0.8, 1), so a unit at 1
// was told "1 → 6–9 → ≥ 10 → 3–5" (effort 1 + 4 + 1 = 6) where entering
// 3–5 costs 1. By hand:
//
//	1 (0.3) to C (90): 1 → 3–5, effort 1;
//	1 to B (70): the same (6–9 gives 60 < 70; ≥ 10, 80, costs 1 + 1 + 4);
//	12 (≥ 10, 0.8) to C: ≥ 10 → 6–9 → 3–5 would pass 0.6; 3–5 costs
//	  1 (6–9) + 1 (3–5) = 2: one step "≥ 10 → 3–5", effort 2;
//	7 (6–9, 0.6) to B: 6–9 → 3–5, 1 (≥ 10 costs 4);
//	open (wn) to C: clarified to the lowest bin (0–2) and raised to 3–5:
//	  1 + 1 = 2.
func TestWindingBins(t *testing.T) {
	m := parseModel(t, "optimum.yaml", windingModel)
	for _, tt := range []struct {
		answer string
		target int
		effort int
		steps  string
	}{
		{"1", 3, 1, "Q1 1→3–5 1"},
		{"1", 2, 1, "Q1 1→3–5 1"},
		{"12", 3, 2, "Q1 12→3–5 2"},
		{"7", 2, 1, "Q1 7→3–5 1"},
		{"wn", 3, 2, "Q1 wn→3–5? 2"},
	} {
		t.Run(fmt.Sprintf("%s to %d", tt.answer, tt.target), func(t *testing.T) {
			p, got := planTo(t, m, map[string]string{"Q1": tt.answer}, tt.target)
			if p.Status != Planned || p.Effort != tt.effort || got != tt.steps || p.LevelAfter < tt.target {
				t.Errorf("%v, effort %d, level after %d: %s; want planned, %d, %d: %s",
					p.Status, p.Effort, p.LevelAfter, got, tt.effort, tt.target, tt.steps)
			}
		})
	}
}
