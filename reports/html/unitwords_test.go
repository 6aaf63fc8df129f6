package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestUnitWords: the list of units and a profile head the units' id and
// district with the model's words (model.unit_labels), else "AGS" only
// where every unit is keyed by one, else "Kennung"/"ID". The list of an
// ODM or SAMM run headed countries' and organisations' ids "AGS".
func TestUnitWords(t *testing.T) {
	const base = `model:
  name: Einheiten
%s  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q, scale: jn}]
`
	tests := []struct {
		name, labels string
		ids          []string
		lang         scoring.Language
		id, district string // the headers
		meta         string // the profile's line under the title, first unit
	}{
		{"municipalities", "", []string{"14612000", "14511000"}, scoring.German, "AGS", "Landkreis", "AGS <strong>14511000</strong>"},
		{"countries", "", []string{"14612000", "AT"}, scoring.English, "ID", "District", "ID <strong>14612000</strong>"},
		{"named by the model", "  unit_labels: {id: Land, district: Region}\n", []string{"AT", "DE"}, scoring.German, "Land", "Region",
			"Land <strong>AT</strong> · Region <strong>Mitte</strong>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("u.yaml", []byte(fmt.Sprintf(base, tt.labels)))
			if err != nil {
				t.Fatal(err)
			}
			ds := &scoring.Dataset{}
			for _, id := range tt.ids {
				ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf("ja"),
					Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id, District: "Mitte"}})
			}
			r := scoring.Score(m, ds)
			page := overviewHTML(t, r, Options{Language: tt.lang, ListUnits: true, MinGroupSize: 1})
			want := fmt.Sprintf("<th scope=\"col\">%s</th><th scope=\"col\">Name</th><th scope=\"col\">%s</th>", tt.id, tt.district)
			if !strings.Contains(page, want) {
				t.Errorf("the overview's list of units lacks %q", want)
			}
			profile := profileHTML(t, r, &r.Units[0], Options{Language: tt.lang, MinGroupSize: 1})
			if !strings.Contains(profile, `class="meta">`+tt.meta) {
				i := strings.Index(profile, `class="meta">`)
				t.Errorf("profile meta %q, want %q…", profile[i:min(len(profile), i+120)], tt.meta)
			}
		})
	}
}

// TestUnitNouns: the overview and a profile speak of the units as the
// model names them (unit_labels.unit, units), of "Einheiten"/"units" where
// they are not municipalities and it names none, and of municipalities
// only where they are. A SAMM overview said "participating
// municipalities" of organisations, a profile's header (baked into the
// templates) "Median of all municipalities".
func TestUnitNouns(t *testing.T) {
	const base = `model:
  name: Reife
  language: en
%s  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q, scale: jn}]
`
	tests := []struct {
		name, labels     string
		ids              []string
		lang             scoring.Language
		overview, median string // in the overview, in the profile's table of dimensions
		never            string // in neither, any case ("": not checked)
	}{
		{"municipalities", "", []string{"14612000", "14511000"}, scoring.German, "teilnehmende Kommunen", "<th scope=\"col\" class=\"num\">Median aller Kommunen</th>", ""},
		{"SAMM", "  unit_labels: {id: Organisation, unit: organisation, units: organisations}\n", []string{"NORD", "SUED"}, scoring.English,
			"participating organisations", "<th scope=\"col\" class=\"num\">Median of all organisations</th>", "municipalit"},
		{"ODM", "  unit_labels: {id: Country, unit: country, units: countries}\n", []string{"AT", "DE"}, scoring.English,
			"participating countries", "<th scope=\"col\" class=\"num\">Median of all countries</th>", "municipalit"},
		{"countries, German, unnamed", "", []string{"AT", "DE"}, scoring.German, "teilnehmende Einheiten", "<th scope=\"col\" class=\"num\">Median aller Einheiten</th>", "kommune"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("u.yaml", []byte(fmt.Sprintf(base, tt.labels)))
			if err != nil {
				t.Fatal(err)
			}
			ds := &scoring.Dataset{}
			for _, id := range tt.ids {
				ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf("ja"),
					Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id}})
			}
			r := scoring.Score(m, ds)
			o := Options{Language: tt.lang, ListUnits: true, MinGroupSize: 1}
			page, profile := overviewHTML(t, r, o), profileHTML(t, r, &r.Units[0], o)
			if !strings.Contains(page, tt.overview) {
				t.Errorf("the overview lacks %q", tt.overview)
			}
			if !strings.Contains(profile, tt.median) {
				t.Errorf("the profile lacks %q", tt.median)
			}
			for name, s := range map[string]string{"overview": page, "profile": profile} {
				if tt.never == "" {
					break
				}
				if i := strings.Index(strings.ToLower(s), strings.ToLower(tt.never)); i >= 0 {
					t.Errorf("the %s says %q", name, s[max(0, i-60):min(len(s), i+40)])
				}
			}
		})
	}
}
