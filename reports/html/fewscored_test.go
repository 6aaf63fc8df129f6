package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestLegendOfFewScored: where a group has min_group_size units or more
// but fewer of them have a score (too few answers), its figures are "•"
// for that, not for "fewer than 5 municipalities in the group": six
// municipalities of one district, two of them without an answer, were
// told their percentile and medians were hidden as the group had fewer
// than 5. The profile's percentile, radar note and legend, and the
// overview's legend and heat map's note say so.
func TestLegendOfFewScored(t *testing.T) {
	const model = `model:
  name: Wenige
  levels: {bands: [{level: 1, name: A, min: 0}]}
  peer_groups: [{id: lk, name: Landkreis, attribute: district}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - {id: a, name: Alpha, indicators: [{id: ia, question: QA, scale: jn}]}
    - {id: b, name: Beta, indicators: [{id: ib, question: QB, scale: jn}]}
    - {id: c, name: Gamma, indicators: [{id: ic, question: QC, scale: jn}]}
`
	m, err := scoring.ParseModel("w.yaml", []byte(model))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for i := range 6 {
		a := []string{"ja", "nein", "ja"}
		if i >= 4 {
			a = []string{"", "", ""}
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(a...),
			Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1461200%d", i)), Name: fmt.Sprintf("K%d", i), District: "D"}})
	}
	r := scoring.Score(m, ds)
	if n := r.Group("1", -1, "").Nodes[0].N; n != 4 {
		t.Fatalf("%d units with an overall score, want 4", n)
	}
	tests := []struct {
		name              string
		lang              scoring.Language
		profile, overview []string
		wrong             string
	}{
		{"de", scoring.German, []string{
			"• = nicht ausgewiesen: weniger als 5 Kommunen der Gruppe mit Gesamtwert (Vertraulichkeit).",
			"Der Median der Vergleichsgruppe fehlt: Weniger als 5 ihrer Kommunen haben dort einen Wert.",
			"Ebenso nicht ausgewiesen (•) sind die Kennzahlen eines Bereichs, in dem weniger als 5 Kommunen der Gruppe einen Wert haben."},
			[]string{"Ebenso nicht ausgewiesen (•) sind die Kennzahlen eines Bereichs, in dem weniger als 5 Kommunen der Gruppe einen Wert haben."},
			"Sie umfasst weniger als 5 Kommunen"},
		{"en", scoring.English, []string{
			"• = not shown: fewer than 5 municipalities of the group with an overall score (confidentiality).",
			"The peer-group median is missing: fewer than 5 of its municipalities have a score there.",
			"Nor are the figures of an area in which fewer than 5 municipalities of the group have a score (•)."},
			[]string{"Nor are the figures of an area in which fewer than 5 municipalities of the group have a score (•)."},
			"the group has fewer than 5 municipalities"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Language: tt.lang}
			profile := pageText(t, profileHTML(t, r, &r.Units[0], o))
			overview := pageText(t, overviewHTML(t, r, o))
			for _, w := range tt.profile {
				if !strings.Contains(profile, w) {
					t.Errorf("the profile lacks %q", w)
				}
			}
			if strings.Contains(profile, tt.wrong) {
				t.Errorf("the profile says %q", tt.wrong)
			}
			for _, w := range tt.overview {
				if strings.Count(overview, w) != 2 { // the foot's legend and the heat map's note
					t.Errorf("the overview has %q %d times, want 2", w, strings.Count(overview, w))
				}
			}
		})
	}
}
