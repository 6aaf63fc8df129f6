package scoring_test

import (
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// comparedModel: Overall = mean(Q1, Q2, X1); wave 2026 changes as each
// case of TestComparedEitherWave says.
const comparedModel = `
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 90}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: X1, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: ix, question: X1}
  waves:
    - {id: "2024"}
    - id: "2026"
`

// TestComparedEitherWave: a comparison is complete (not Partial, TrendCore
// n == of) only when every question either wave asked was compared — the
// reports then show the full scores beside the change, and a note
// otherwise (review 8, finding 8: with X1 dropped, 2 of 2 and no note,
// "vorher 33,3 jetzt 50,0 Veränderung ±0,0"). Unit A answers Q1 ja, Q2
// nein, X1 nein wherever the wave asks them.
//   - dropped X1: 2024 full (1+0+0)/3 = 33.3, on the core {Q1, Q2} 50;
//     2026 (X1 not asked) 50; change 50 → 50 on 2 of 3 questions.
//   - new X1: 2024 (not asked) 50; 2026 full 33.3, core 50; 2 of 3.
//   - unchanged: 33.3 → 33.3 on 3 of 3, the full scores.
func TestComparedEitherWave(t *testing.T) {
	tests := []struct {
		name                   string
		changes                string
		full24, full26         float64
		before, after          float64
		compared, asked        int
		trendCompared, trendOf int
	}{
		{"dropped", "      changes: {dropped: [X1]}\n", 100.0 / 3, 50, 50, 50, 2, 3, 2, 3},
		{"new", "      changes: {new: [X1]}\n", 50, 100.0 / 3, 50, 50, 2, 3, 2, 3},
		{"unchanged", "", 100.0 / 3, 100.0 / 3, 100.0 / 3, 100.0 / 3, 3, 3, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("compared.yaml", []byte(comparedModel+tt.changes))
			if err != nil {
				t.Fatal(err)
			}
			answers := map[scoring.QuestionID]string{"Q1": "ja", "Q2": "nein", "X1": "nein"}
			resp := func(w scoring.WaveID) scoring.Response {
				q, err := m.Questionnaire(w)
				if err != nil {
					t.Fatal(err)
				}
				a := make([]string, len(q.Questions))
				for i, qq := range q.Questions {
					if !qq.NotAsked {
						a[i] = answers[qq.ID]
					}
				}
				return scoring.Response{Wave: w, Unit: scoring.Unit{ID: "A", Name: "A"}, Answers: scoring.AnswersOf(a...), Row: 2}
			}
			res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{resp("2024"), resp("2026")}})
			prev, now := &res.WaveUnits(0)[0], &res.WaveUnits(1)[0]
			if math.Abs(prev.Nodes.At(0).Score-tt.full24) > 1e-9 || math.Abs(now.Nodes.At(0).Score-tt.full26) > 1e-9 {
				t.Fatalf("full scores %v, %v; want %v, %v", prev.Nodes.At(0).Score, now.Nodes.At(0).Score, tt.full24, tt.full26)
			}
			c, ok := res.Change(now, 0)
			if !ok || math.Abs(c.Before-tt.before) > 1e-9 || math.Abs(c.After-tt.after) > 1e-9 {
				t.Fatalf("change %+v (%v), want %v → %v", c, ok, tt.before, tt.after)
			}
			if cw, ok := m.Crosswalk("2026"); !ok || cw.Compared != tt.compared || cw.Asked != tt.asked {
				t.Errorf("crosswalk %d of %d (%v), want %d of %d", cw.Compared, cw.Asked, ok, tt.compared, tt.asked)
			}
			cmp, _ := res.Comparison(1)
			if cmp.Compared != tt.compared || cmp.Asked != tt.asked || c.Compared != tt.compared || c.Asked != tt.asked {
				t.Errorf("comparison %d of %d, change %d of %d; want %d of %d", cmp.Compared, cmp.Asked, c.Compared, c.Asked, tt.compared, tt.asked)
			}
			// What the reports rely on: a complete comparison runs between
			// the full scores.
			if !cmp.Partial() && (math.Abs(c.Before-prev.Nodes.At(0).Score) > 1e-9 || math.Abs(c.After-now.Nodes.At(0).Score) > 1e-9) {
				t.Errorf("comparison not partial but its change runs %v → %v, the full scores %v → %v",
					c.Before, c.After, prev.Nodes.At(0).Score, now.Nodes.At(0).Score)
			}
			if n, of := res.TrendCore(); n != tt.trendCompared || of != tt.trendOf {
				t.Errorf("TrendCore %d of %d, want %d of %d", n, of, tt.trendCompared, tt.trendOf)
			}
			if g := res.Group("2026", -1, ""); g != nil {
				gc, ok := res.GroupChange(g, 0)
				if !ok || gc.Compared != tt.compared || gc.Asked != tt.asked {
					t.Errorf("group change %d of %d (%v), want %d of %d", gc.Compared, gc.Asked, ok, tt.compared, tt.asked)
				}
			}
		})
	}
}
