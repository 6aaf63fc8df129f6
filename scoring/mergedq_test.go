package scoring_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// mergedModel: 2026 merged K1a and K1b (2024) into K01. %s: the missing
// policy, then the indicators: K01 and Q1 in two indicators of one
// dimension, or in one indicator.
const mergedModel = `
model:
  name: Mini
  missing:
    policy: %s
    min_coverage: 0.1
    codes: {"weiß nicht": unknown, "nz": not_applicable, "-9": blank}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 90}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: K01, scale: jn}
  dimensions:
    - id: d
      indicators:
%s
  waves:
    - {id: "2024"}
    - id: "2026"
      changes:
        merged: [{from: [K1a, K1b], scale: jn, into: K01}]
`

const (
	twoIndicators = "        - {id: i1, question: Q1}\n        - {id: i2, question: K01}"
	oneIndicator  = "        - {id: i, questions: [Q1, K01]}"
)

// TestMergedQuestionParts: in the wave that asked a merged question as
// parts, a part not answered ("weiß nicht", blank) is a part of the
// question not answered (review 8, finding 6): under the policy zero it
// counts 0, under reweight the parts answered carry the question, and
// either way the question is answered only that far — coverage says so,
// so that min_coverage acts. A part not applicable leaves the question.
// Every unit answers Q1 ja (100); overall = mean(Q1, K01), equal weights,
// alike whether they are two indicators or one. By hand:
//
//	K1a, K1b          zero: K01, overall, coverage    reweight: K01, overall, coverage
//	ja, nein          50, 75, 1                       50, 75, 1
//	ja, weiß nicht    (1+0)/2 = 50, 75, (1+.5)/2      100, 100, .75
//	ja, blank         50, 75, .75                     100, 100, .75
//	ja, nz            100, 100, 1                     100, 100, 1
//	weiß nicht, blank 0 (nothing answered), 50, .5    none, 100, .5
//	nz, nz            not applicable, 100, 1          not applicable, 100, 1
func TestMergedQuestionParts(t *testing.T) {
	type want struct{ overall, coverage float64 }
	units := []struct{ id, k1a, k1b string }{
		{"A", "ja", "nein"}, {"B", "ja", "weiß nicht"}, {"C", "ja", ""}, {"D", "ja", "nz"}, {"E", "weiß nicht", ""}, {"F", "nz", "nz"},
	}
	for _, tt := range []struct {
		policy string
		want   map[string]want
	}{
		{"zero", map[string]want{"A": {75, 1}, "B": {75, 0.75}, "C": {75, 0.75}, "D": {100, 1}, "E": {50, 0.5}, "F": {100, 1}}},
		{"reweight", map[string]want{"A": {75, 1}, "B": {100, 0.75}, "C": {100, 0.75}, "D": {100, 1}, "E": {100, 0.5}, "F": {100, 1}}},
	} {
		for name, inds := range map[string]string{"two indicators": twoIndicators, "one indicator": oneIndicator} {
			t.Run(tt.policy+", "+name, func(t *testing.T) {
				m, err := scoring.ParseModel("merged.yaml", []byte(fmt.Sprintf(mergedModel, tt.policy, inds)))
				if err != nil {
					t.Fatal(err)
				}
				q, err := m.Questionnaire("2024")
				if err != nil {
					t.Fatal(err)
				}
				cols := map[string]int{}
				for i, qq := range q.Questions {
					cols[string(qq.ID)] = i
				}
				ds := &scoring.Dataset{}
				for _, u := range units {
					a := make([]string, len(q.Questions))
					a[cols["Q1"]], a[cols["K1a"]], a[cols["K1b"]] = "ja", u.k1a, u.k1b
					ds.Responses = append(ds.Responses, scoring.Response{Wave: "2024", Unit: scoring.Unit{ID: scoring.UnitID(u.id), Name: u.id}, Answers: scoring.AnswersOf(a...), Row: 2})
				}
				res := scoring.Score(m, ds)
				ev := scoring.NewEvaluator(res, 0)
				nodes := make([]scoring.NodeScore, len(m.Nodes))
				for _, u := range res.WaveUnits(0) {
					w := tt.want[string(u.Unit.ID)]
					if o := u.Nodes.At(0); !o.Scored() || math.Abs(o.Score-w.overall) > 1e-9 || math.Abs(o.Coverage-w.coverage) > 1e-9 {
						t.Errorf("%s 2024: overall %v (%s), coverage %v; want %v, %v", u.Unit.ID, o.Score, o.State, o.Coverage, w.overall, w.coverage)
					}
					// The evaluator (what-if projections) reads it alike.
					ev.Evaluate(&u, ev.Inputs(&u, nil), nodes)
					if o := nodes[0]; math.Abs(o.Score-u.Nodes.At(0).Score) > 1e-9 || math.Abs(o.Coverage-u.Nodes.At(0).Coverage) > 1e-9 {
						t.Errorf("%s: evaluator %v, %v; engine %v, %v", u.Unit.ID, o.Score, o.Coverage, u.Nodes.At(0).Score, u.Nodes.At(0).Coverage)
					}
				}
			})
		}
	}
}
