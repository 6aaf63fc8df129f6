package html

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestKeyFigureLevel (staged17): the profile's key figure "Reifegrad" of
// a unit with an overall score and no level — under staged levels it
// meets no level's criteria — was an empty grey badge (the zero Level's
// name), 135 of 418 profiles of a staged Saxony model. It now reads "ohne
// Reifegrad", as the overview counts such units, and says why. B of
// testdata/staged.yaml (strategie 16,7 < 25) has none; E stands at level
// 1, "Anfang"; K of the threshold fixture has no overall score.
func TestKeyFigureLevel(t *testing.T) {
	staged := fixture.Fixture(t, fixture.MustModel(t, "testdata/staged.yaml"))
	threshold := fixture.Fixture(t, fixture.Model(t))
	for _, tt := range []struct {
		name string
		r    *scoring.Results
		id   scoring.UnitID
		lang scoring.Language
		want string // the figure's value and the line under it
	}{
		{"no level", staged, "14001002", scoring.German,
			`ohne Reifegrad</span></div><div class="sub">Die Kriterien der ersten Stufe, „Anfang“, sind noch nicht erfüllt.</div>`},
		{"no level, en", staged, "14001002", scoring.English,
			`no level</span></div><div class="sub">The criteria of the first level, “Anfang”, are not met yet.</div>`},
		{"level 1", staged, "14001005", scoring.German,
			`>Anfang</span></div><div class="sub">Erste Schritte sind gemacht.</div>`},
		{"no overall score", threshold, "14002005", scoring.German,
			`<div class="label">Reifegrad</div><div class="value">nicht bewertet</div>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := profileHTML(t, tt.r, fixture.UnitResult(t, tt.r, "2026", tt.id), Options{Language: tt.lang})
			figure, _ := between(page, `<div class="figure level-figure">`, `<div class="figure">`)
			if !strings.Contains(figure, tt.want) {
				t.Errorf("the key figure lacks %q:\n%s", tt.want, figure)
			}
		})
	}
}
