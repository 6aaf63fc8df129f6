package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestLegendOfSuppressed: the legend of "•" gives the reason that hid a
// figure. Under report.min_group_size 1 (the SAMM and ODM examples) no
// figure that exists is hidden, and the overview and profiles said
// "• = not shown: fewer than 1 organisations in the group" and "figures
// of groups with fewer than 1 organisations are not shown" — beside
// quartiles of two scores hidden for another reason: fewer than 5 scores
// (scoring.FewScores). Under 3 the legend said "fewer than 3" of the
// quartiles of a group of 3. Under 5 the quartiles need no sentence of
// their own: a group of fewer than 5 is hidden whole.
func TestLegendOfSuppressed(t *testing.T) {
	const model = `model:
  name: Legende
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - {id: a, name: Alpha, indicators: [{id: ia, question: QA, scale: jn}]}
`
	tests := []struct {
		name      string
		min       int
		lang      scoring.Language
		want      []string // in the overview's text
		wantNot   []string // in the overview's and the profile's text
		profile   string   // in the profile's text
		quartiles bool     // the table of dimensions shows the mean and median, "•" for the quartiles
	}{
		{"1, en", 1, scoring.English,
			[]string{"• = no figure: no municipality of the group has a value there. Quartiles of fewer than 5 scores are not shown (•): they would give away the lowest or highest score, a single municipality's.",
				"Confidentiality: figures are shown for groups of any size, a single municipality included (report.min_group_size: 1)."},
			[]string{"fewer than 1 "},
			"This profile contains only data on your municipality and aggregated figures, which are shown for groups of any size. • stands where no municipality of the group has a value.", true},
		{"1, de", 1, scoring.German,
			[]string{"• = keine Kennzahl: Keine Kommune der Gruppe hat dort einen Wert. Quartile aus weniger als 5 Werten werden nicht ausgewiesen (•): Sie verrieten den niedrigsten oder höchsten Wert, den einer einzelnen Kommune.",
				"Vertraulichkeit: Kennzahlen werden für Gruppen jeder Größe ausgewiesen, auch für eine einzelne Kommune (report.min_group_size: 1)."},
			[]string{"weniger als 1 "},
			"• steht, wo keine Kommune der Gruppe einen Wert hat.", true},
		{"3, en", 3, scoring.English,
			[]string{"• = not shown: fewer than 3 municipalities in the group (confidentiality). Quartiles of fewer than 5 scores are not shown (•)"},
			nil, "Figures of groups with fewer than 3 municipalities are not shown (•)", true},
		{"5, de", 5, scoring.German,
			[]string{"• = nicht ausgewiesen: weniger als 5 Kommunen in der Gruppe (Vertraulichkeit)."},
			[]string{"Quartile aus weniger", "jeder Größe"}, "Kennzahlen von Gruppen mit weniger als 5 Kommunen werden nicht ausgewiesen (•)", false},
	}
	m, err := scoring.ParseModel("l.yaml", []byte(model))
	if err != nil {
		t.Fatal(err)
	}
	// Three municipalities: the mean and median are shown from
	// min_group_size 3 down, the quartiles never (fewer than 5 scores).
	ds := &scoring.Dataset{}
	for i, a := range []string{"ja", "nein", "ja"} {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(a),
			Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1461200%d", i)), Name: fmt.Sprintf("K%d", i)}})
	}
	r := scoring.Score(m, ds)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Language: tt.lang, MinGroupSize: tt.min}
			overview := pageText(t, overviewHTML(t, r, o))
			profile := pageText(t, profileHTML(t, r, &r.Units[0], o))
			for _, w := range tt.want {
				if !strings.Contains(overview, w) {
					t.Errorf("the overview lacks %q", w)
				}
			}
			if !strings.Contains(profile, tt.profile) {
				t.Errorf("the profile lacks %q", tt.profile)
			}
			for _, w := range tt.wantNot {
				if strings.Contains(overview, w) {
					t.Errorf("the overview says %q", w)
				}
				if strings.Contains(profile, w) {
					t.Errorf("the profile says %q", w)
				}
			}
			// The row of the overall score in the table of dimensions:
			// n, mean, p10, q1, median, q3, p90 — the quartiles "•".
			row := map[scoring.Language]string{scoring.English: "Overall score 3 66.7 – • 100.0 • –", scoring.German: "Gesamtwert 3 66,7 – • 100,0 • –"}[tt.lang]
			if got := strings.Contains(strings.Join(strings.Fields(overview), " "), row); got != tt.quartiles {
				t.Errorf("row %q: %v, want %v", row, got, tt.quartiles)
			}
		})
	}
}
