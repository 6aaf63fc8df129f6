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
				ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: []string{"ja"},
					Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id, District: "Mitte"}})
			}
			r := scoring.Score(m, ds)
			page := overviewHTML(t, r, Options{Language: tt.lang, ListUnits: true, MinGroupSize: 1})
			want := fmt.Sprintf("<th>%s</th><th>Name</th><th>%s</th>", tt.id, tt.district)
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
