package survey

import (
	"strings"
	"testing"
)

// TestDraftUnitsWithRepeatedAGS: a column holding AGS only is the unit id
// of the draft even where a municipality answered twice or a row lacks
// its AGS — the importer's duplicate policy and its rejects settle those.
// The draft took the tool's response id instead, made the AGS column a
// question scored as a number (goalposts from 14612000 to 14713000) and
// check read the municipality's two answers as two units.
func TestDraftUnitsWithRepeatedAGS(t *testing.T) {
	tests := []struct {
		name, csv string
		id        string
		ags       bool
		register  string
	}{
		{"LimeSurvey, answered twice",
			"id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,14612000,A1\n2,2024-03-15 11:00:00,14713000,A2\n3,2024-03-16 09:00:00,14612000,A2\n",
			"G00Q01", true, "sachsen"},
		{"LimeSurvey, an AGS left empty",
			"id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,14612000,A1\n2,2024-03-15 11:00:00,,A2\n3,2024-03-16 09:00:00,14713000,A2\n",
			"G00Q01", true, "sachsen"},
		{"named AGS, answered twice", "AGS;Q1\n14511000;ja\n14511000;nein\n14521010;ja\n", "AGS", true, "sachsen"},
		{"no AGS: the response id", "id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,Dresden,A1\n2,2024-03-15 11:00:00,14713000,A2\n",
			"id", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DraftModel(strings.NewReader(tt.csv), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			u := d.Units
			if u.ID != tt.id || u.Municipalities != tt.ags || u.Register != tt.register {
				t.Errorf("units %+v, want id %q, municipalities %v, register %q", u, tt.id, tt.ags, tt.register)
			}
			for _, dim := range d.Dimensions {
				for _, q := range dim.Questions {
					if q.ID == tt.id {
						t.Errorf("the unit id %s is also a question (scale %s)", q.ID, q.Scale)
					}
				}
			}
		})
	}
}
