package roadmap

import (
	"fmt"
	"testing"
)

// adviceModel: overall = (a + 3·b)/4; a = mean(A1, A2), b = mean(B1, B2),
// ja 1, teilweise 0.5, nein 0; a part with less than half its weight
// answered has no score. %[1]s: B1's own advice (a YAML line, or none);
// %[2]s: the levels; %[3]d: b's weight (3 unless said).
const adviceModel = `model:
  name: Rat
  missing: {policy: reweight, min_coverage: 0.5, codes: {"weiß nicht": unknown}}
  levels:
%[2]s
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: A1, scale: jn}
    - {id: A2, scale: jn}
    - {id: B1, scale: jn, text: "E-Akte"%[1]s}
    - {id: B2, scale: jn}
  dimensions:
    - id: a
      next_steps: {1: "a: anfangen", 2: "a: ausbauen", 3: "a: halten"}
      indicators: [{id: a1, question: A1}, {id: a2, question: A2}]
    - id: b
      weight: %[3]d
      next_steps: {1: "b: die E-Akte in einem Pilotbereich starten", 2: "b: ausbauen", 3: "b: halten"}
      indicators: [{id: b1, question: B1}, {id: b2, question: B2}]
`

// TestAdviceOfUnscoredDimension (road16): a step in a dimension that is
// not scored showed the dimension's advice for level 1 ("die E-Akte in
// einem Pilotbereich starten"), while "Nächste Schritte" on the same page
// says no advice can be given for a dimension without a score. Such a
// step now carries the question's own advice, or none; a step in a scored
// dimension keeps the dimension's advice. By hand:
//
// threshold (bands 0, 50, 90): open b (B1, B2 "weiß nicht"), A1, A2 ja:
// b has no score, nor has the whole (coverage 1/4 < 1/2): target level 1;
// clarifying B1 (the first of two equal ones) at nein gives coverage
// (1 + 3/2)/4 = 0.625 and a score of 25: one step, B1 clarified → nein.
// Scored b (B1 nein, B2 open): b = 0, the whole 25, level 1, target 2 at
// 50: B1 nein → teilweise gives b = 50, the whole 62.5: one step, advice
// of b's band (0: level 1).
//
// staged (level 1: a ≥ 0; level 2: b ≥ 50; level 3: b ≥ 90): the open
// unit, without an overall score, has no level and aims at level 1, its
// one step B1 clarified → nein as above. The scored unit (B1 nein) stands
// at level 1 and takes B1 nein → teilweise (b = 50), with the advice for
// its level. With b's weight 1 instead of 3, the open unit has an overall
// score (coverage 1/2: a's 100) and level 1, and needs b ≥ 50: B1
// clarified → teilweise.
func TestAdviceOfUnscoredDimension(t *testing.T) {
	const (
		threshold = `    method: threshold
    bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 50}, {level: 3, name: Drei, min: 90}]`
		staged = `    method: staged
    bands:
      - {level: 1, name: Eins, criteria: [{node: a, min: 0}]}
      - {level: 2, name: Zwei, criteria: [{node: b, min: 50}]}
      - {level: 3, name: Drei, criteria: [{node: b, min: 90}]}`
		own = `, advice: "Die E-Akte einführen."`
	)
	open := map[string]string{"A1": "ja", "A2": "ja", "B1": "weiß nicht", "B2": "weiß nicht"}
	scored := map[string]string{"A1": "ja", "A2": "ja", "B1": "nein", "B2": "weiß nicht"}
	for _, tt := range []struct {
		name, levels, advice string
		weightB              int // 0: 3
		answers              map[string]string
		step                 string // the one step: question from → to
		want                 string
	}{
		{"threshold, not scored, no own advice", threshold, "", 0, open, "B1 weiß nicht → nein", ""},
		{"threshold, not scored, own advice", threshold, own, 0, open, "B1 weiß nicht → nein", "Die E-Akte einführen."},
		{"threshold, scored", threshold, "", 0, scored, "B1 nein → teilweise", "b: die E-Akte in einem Pilotbereich starten"},
		{"threshold, scored, own advice", threshold, own, 0, scored, "B1 nein → teilweise", "Die E-Akte einführen."},
		{"staged, not scored, no own advice", staged, "", 0, open, "B1 weiß nicht → nein", ""},
		{"staged, not scored, own advice", staged, own, 0, open, "B1 weiß nicht → nein", "Die E-Akte einführen."},
		{"staged, scored", staged, "", 0, scored, "B1 nein → teilweise", "b: die E-Akte in einem Pilotbereich starten"},
		{"staged at level 1, not scored", staged, "", 1, open, "B1 weiß nicht → teilweise", ""},
		{"staged at level 1, not scored, own advice", staged, own, 1, open, "B1 weiß nicht → teilweise", "Die E-Akte einführen."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.weightB == 0 {
				tt.weightB = 3
			}
			m := parseModel(t, tt.name, fmt.Sprintf(adviceModel, tt.advice, tt.levels, tt.weightB))
			set, err := Build(score(t, m, nil, unit{id: "A", answers: tt.answers}), Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Plans[0]
			if p.Status != Planned || len(p.Steps) != 1 {
				t.Fatalf("%v with %d steps, want planned with 1", p.Status, len(p.Steps))
			}
			st := p.Steps[0]
			if got := fmt.Sprintf("%s %s → %s", st.Question.ID, st.From, st.To); got != tt.step {
				t.Fatalf("step %s, want %s", got, tt.step)
			}
			if st.Advice != tt.want {
				t.Errorf("advice %q, want %q", st.Advice, tt.want)
			}
		})
	}
}
