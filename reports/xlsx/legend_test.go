package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestLegendOfSuppressed: the workbooks' legend of "•" gives the reason
// that hid a figure (scoring.Disclosure). Under report.min_group_size 1 no
// figure that exists is hidden, and the sheets said "fewer than 1
// municipalities in the group" beside quartiles hidden for having fewer
// than 5 scores (scoring.FewScores); under 3 they said "fewer than 3" of
// those quartiles. Gruppen and the publication's Über (whose Daten has the
// quartiles) say why; from 5 on a group of fewer than 5 is hidden whole.
func TestLegendOfSuppressed(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	tests := []struct {
		lang          scoring.Language
		min           int
		want, wantNot string
	}{
		{scoring.German, 1, "• = keine Kennzahl: Keine Kommune der Gruppe hat dort einen Wert. Quartile aus weniger als 5 Werten werden nicht ausgewiesen (•)", "weniger als 1 "},
		{scoring.English, 1, "• = no figure: no municipality of the group has a value there. Quartiles of fewer than 5 scores are not shown (•)", "fewer than 1 "},
		{scoring.English, 3, "• = not shown: fewer than 3 municipalities in the group (confidentiality). Quartiles of fewer than 5 scores are not shown (•)", "no figure"},
		{scoring.German, 5, "• = nicht ausgewiesen: weniger als 5 Kommunen in der Gruppe (Vertraulichkeit).", "Quartile aus"},
	}
	for _, tt := range tests {
		c := catalogFor(tt.lang)
		o := Options{Language: tt.lang, Disclosure: scoring.NewDisclosure(r, tt.min)}
		for _, w := range []struct {
			write func(*bytes.Buffer) error
			sheet string
		}{
			{func(b *bytes.Buffer) error { return WriteWorkbook(b, r, o) }, c.SheetGroups},
			{func(b *bytes.Buffer) error { return WritePublication(b, r, o) }, c.SheetAbout},
		} {
			var b bytes.Buffer
			if err := w.write(&b); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(w.sheet)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(slices.Concat(rows...), "\n")
			if !strings.Contains(text, tt.want) || strings.Contains(text, tt.wantNot) {
				t.Errorf("%s, min %d, %s: lacks %q or has %q:\n%s", tt.lang, tt.min, w.sheet, tt.want, tt.wantNot, text)
			}
		}
	}
}
