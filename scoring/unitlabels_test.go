package scoring

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnitIDLabel: the units' id is headed by the model's unit_labels.id,
// else by the output's word for an AGS only where every unit is keyed by
// one; the district by unit_labels.district, else the output's word. A
// key unit_labels does not know is an error at its line.
func TestUnitIDLabel(t *testing.T) {
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
		id, district string
	}{
		{"municipalities", "", []string{"14612000", "14511000"}, "AGS", "Landkreis"},
		{"one not an AGS", "", []string{"14612000", "1461200"}, "Kennung", "Landkreis"},
		{"organisations", "", []string{"NORD"}, "Kennung", "Landkreis"},
		{"no units", "", nil, "AGS", "Landkreis"},
		{"named", "  unit_labels: {id: ' Land ', district: Region}\n", []string{"14612000"}, "Land", "Region"},
		{"id named", "  unit_labels: {id: Team}\n", []string{"NORD"}, "Team", "Landkreis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel("u.yaml", []byte(fmt.Sprintf(base, tt.labels)))
			if err != nil {
				t.Fatal(err)
			}
			ds := &Dataset{}
			for _, id := range tt.ids {
				ds.Responses = append(ds.Responses, Response{Wave: "1", Answers: AnswersOf("ja"), Unit: Unit{ID: UnitID(id)}})
			}
			r := Score(m, ds)
			if got := r.UnitIDLabel("AGS", "Kennung"); got != tt.id {
				t.Errorf("id %q, want %q", got, tt.id)
			}
			if got := r.DistrictLabel("Landkreis"); got != tt.district {
				t.Errorf("district %q, want %q", got, tt.district)
			}
		})
	}
	_, err := ParseModel("u.yaml", []byte(fmt.Sprintf(base, "  unit_labels: {id: Land, plural: Länder}\n")))
	if err == nil || !strings.Contains(err.Error(), "u.yaml:3") || !strings.Contains(err.Error(), "plural") {
		t.Errorf("unknown key: %v, want an error at u.yaml:3 naming it", err)
	}
}

// TestUnitNouns: outputs speak of the units with the model's nouns
// (unit_labels.unit, units) in its language, with a neutral noun in
// another language or where some unit is not keyed by an AGS and the
// model names none, and with their own words (municipalities) otherwise.
// unit without units is an error at its line.
func TestUnitNouns(t *testing.T) {
	const base = `model:
  name: Einheiten
  language: %s
%s  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q, scale: jn}]
`
	const orgs = "  unit_labels: {unit: organisation, units: organisations}\n"
	tests := []struct {
		name, lang, labels string
		ids                []string
		out                Language
		one, many          string
	}{
		{"municipalities", "de", "", []string{"14612000", "14511000"}, German, "", ""},
		{"no units", "de", "", nil, English, "", ""},
		{"countries, German", "de", "", []string{"14612000", "AT"}, German, "Einheit", "Einheiten"},
		{"countries, English", "de", "", []string{"AT"}, English, "unit", "units"},
		{"named", "en", orgs, []string{"NORD"}, English, "organisation", "organisations"},
		{"named, AGS keys", "en", orgs, []string{"14612000"}, English, "organisation", "organisations"},
		{"named in English, German report", "en", orgs, []string{"NORD"}, German, "Einheit", "Einheiten"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel("u.yaml", []byte(fmt.Sprintf(base, tt.lang, tt.labels)))
			if err != nil {
				t.Fatal(err)
			}
			ds := &Dataset{}
			for _, id := range tt.ids {
				ds.Responses = append(ds.Responses, Response{Wave: "1", Answers: AnswersOf("ja"), Unit: Unit{ID: UnitID(id)}})
			}
			if one, many := Score(m, ds).UnitNouns(tt.out); one != tt.one || many != tt.many {
				t.Errorf("UnitNouns(%v) = %q, %q, want %q, %q", tt.out, one, many, tt.one, tt.many)
			}
		})
	}
	_, err := ParseModel("u.yaml", []byte(fmt.Sprintf(base, "en", "  unit_labels: {unit: team}\n")))
	if err == nil || !strings.Contains(err.Error(), "u.yaml:4") || !strings.Contains(err.Error(), "unit and units go together") {
		t.Errorf("unit without units: %v, want an error at u.yaml:4", err)
	}
}
