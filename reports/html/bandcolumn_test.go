package html

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestDimensionTableBands (staged17, left): the profile's table of
// dimensions has a column "Reifegrad" with the level band each score
// reaches. Staged levels have no bands — a level is its criteria, met or
// not — and the column was empty in every row, the overall row included,
// 418 of 418 profiles of a staged Saxony model. It is left out there; under
// threshold levels every row keeps its cell (the overall score and two
// dimensions in the threshold fixture, the rows of testdata/staged.yaml
// alike).
func TestDimensionTableBands(t *testing.T) {
	staged := fixture.Fixture(t, fixture.MustModel(t, "testdata/staged.yaml"))
	threshold := fixture.Fixture(t, fixture.Model(t))
	for _, tt := range []struct {
		name  string
		r     *scoring.Results
		id    scoring.UnitID
		lang  scoring.Language
		label string
		cells int // cells of the column: one per row, or none
	}{
		{"threshold", threshold, "14002001", scoring.German, "Reifegrad", 3},
		{"threshold, en", threshold, "14002001", scoring.English, "Maturity level", 3},
		{"staged", staged, "14001005", scoring.German, "Reifegrad", 0},
		{"staged, en", staged, "14001005", scoring.English, "Maturity level", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := profileHTML(t, tt.r, fixture.UnitResult(t, tt.r, "2026", tt.id), Options{Language: tt.lang})
			table, ok := between(page, `<table id="dim-table"`, `</table>`)
			if !ok {
				t.Fatal("no table of dimensions")
			}
			head, _ := between(table, `<thead>`, `</thead>`)
			if got, want := strings.Contains(head, `<th scope="col">`+tt.label+`</th>`), tt.cells > 0; got != want {
				t.Errorf("header %q: %v, want %v:\n%s", tt.label, got, want, head)
			}
			if got := strings.Count(table, `<td data-label="`+tt.label+`">`); got != tt.cells {
				t.Errorf("%d cells %q, want %d:\n%s", got, tt.label, tt.cells, table)
			}
		})
	}
}
