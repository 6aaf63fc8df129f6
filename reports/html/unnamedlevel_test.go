package html

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestUnnamedLevels: a level needs no name (Level.String gives its
// number then, as the key figure shows it), but "Nächste Schritte" and
// the list of what the next level lacks took the name alone and read
// "Stufe „“" and "Für den Reifegrad „“ fehlen noch:" (staged17, left).
// testdata/staged.yaml with its level names taken out: B (14001002)
// meets no level, so its advice is the first level's; E (14001005)
// stands at level 1 and lacks level 2's criteria.
func TestUnnamedLevels(t *testing.T) {
	m := fixture.MustModel(t, "testdata/staged.yaml")
	for i := range m.Levels.List {
		m.Levels.List[i].Name = ""
	}
	r := fixture.Fixture(t, m)
	for _, tt := range []struct {
		id   scoring.UnitID
		want string
	}{
		{"14001002", "daher die Empfehlungen der ersten Stufe, „1“."},
		{"14001005", "Für den Reifegrad „2“ fehlen noch:"},
		{"14001005", "Stufe „1“"},
	} {
		page := profileHTML(t, r, fixture.UnitResult(t, r, "2026", tt.id), Options{Language: scoring.German})
		if !strings.Contains(page, tt.want) {
			t.Errorf("%s: the profile lacks %q", tt.id, tt.want)
		}
		if strings.Contains(page, "„“") {
			t.Errorf("%s: the profile names a level „“", tt.id)
		}
	}
}
