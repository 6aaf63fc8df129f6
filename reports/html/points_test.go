package html

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestProfilePoints: a model that counts points (OWASP SAMM: a stream sums
// three activities, 0–3; practices and functions average them) shows each
// score in its points too, as its methodology says it does — the profile
// showed only 0–100, "Governance 50.0" where SAMM's toolbox says 1.5. A
// model without points has no such column.
//
// By hand: streams A = 1 + 0.5 + 0 = 1.5 and B = 0.25 + 0.25 + 0 = 0.5 of
// 3; the practice P and the function F average them: 1 of 3, 33.3; the
// overall score is F's.
func TestProfilePoints(t *testing.T) {
	const src = `model:
  name: Punkte
  language: en
  aggregation: mean
  missing: {policy: zero}
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    s: {map: {"no": 0, "some": 0.25, "half": 0.5, "most": 1}}
  dimensions:
    - id: F
      name: Function
      dimensions:
        - id: P
          name: Practice
          indicators:
            - {id: A, aggregation: sum, questions: [a1, a2, a3], scale: s}
            - {id: B, aggregation: sum, questions: [b1, b2, b3], scale: s}
`
	m, err := scoring.ParseModel("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{Responses: []scoring.Response{{Wave: "1", Unit: scoring.Unit{ID: "NORD", Name: "Nord"},
		Answers: scoring.AnswersOf("most", "half", "no", "some", "some", "no")}}}
	r := scoring.Score(m, ds)
	tests := []struct {
		lang scoring.Language
		want []string
	}{
		{scoring.English, []string{`<th scope="col" class="num">Points</th>`, `>33.3</td><td class="num" data-label="Points">1.00 of 3</td>`}},
		{scoring.German, []string{`<th scope="col" class="num">Punkte</th>`, `>33,3</td><td class="num" data-label="Punkte">1,00 von 3</td>`}},
	}
	for _, tt := range tests {
		page := profileHTML(t, r, &r.Units[0], Options{Language: tt.lang, MinGroupSize: 1})
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the profile lacks %q", tt.lang, w)
			}
		}
		if got := strings.Count(page, `data-label="`+map[scoring.Language]string{scoring.English: "Points", scoring.German: "Punkte"}[tt.lang]+`"`); got != 3 {
			t.Errorf("%s: %d cells of points, want 3 (overall, function, practice)", tt.lang, got)
		}
	}
	// Its "how to read" does not call the sums weighted means.
	if page := profileHTML(t, r, &r.Units[0], Options{Language: scoring.German, MinGroupSize: 1}); !strings.Contains(page, texts(scoring.German).HowToReadAgg) ||
		strings.Contains(page, "Indikatoren und Dimensionen sind gewichtete Mittelwerte") {
		t.Error("a model of sums: the profile says its indicators and dimensions are weighted means")
	}
	// A model of means (the fixture's) has no column of points, and says
	// they are weighted means.
	f := fixture.Fixture(t, fixture.Model(t))
	page := profileHTML(t, f, &f.Units[0], Options{Language: scoring.German})
	if strings.Contains(page, `<th scope="col" class="num">Punkte</th>`) {
		t.Error("a model without points shows a column of points")
	}
	if !strings.Contains(page, "Indikatoren und Dimensionen sind gewichtete Mittelwerte") {
		t.Error("a model of means: the profile does not say they are weighted means")
	}
}
