package xlsx

import (
	"bytes"
	stdcsv "encoding/csv"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestWritePublication checks veroeffentlichung.xlsx of the fixture: its
// sheets; no unit's name or id anywhere in it (only group figures); no
// formula; its Daten sheet the very figures of aggregates.csv; and in
// Kennzahlen "•" exactly where Daten flags a figure.
func TestWritePublication(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		dis := scoring.NewDisclosure(r, 3)
		var b bytes.Buffer
		if err := WritePublication(&b, r, Options{Language: lang, Disclosure: dis}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		c := catalogFor(lang)
		if got, want := f.GetSheetList(), []string{c.SheetAbout, c.SheetFigures, c.SheetData, c.SheetMethod}; !slices.Equal(got, want) {
			t.Errorf("sheets %v, want %v", got, want)
		}
		// The model's fingerprint beside its version, so that two
		// publications of one version with edited points are told apart.
		about, err := f.GetRows(c.SheetAbout)
		if err != nil {
			t.Fatal(err)
		}
		if r.Model.Fingerprint == "" || !slices.ContainsFunc(about, func(row []string) bool {
			return slices.Equal(row, []string{c.ModelFingerprint, r.Model.Fingerprint})
		}) {
			t.Errorf("%s: no row %q %q", c.SheetAbout, c.ModelFingerprint, r.Model.Fingerprint)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for ri, row := range rows {
				for ci, cell := range row {
					for i := range r.Units {
						u := r.Units[i].Unit
						if strings.Contains(cell, string(u.ID)) || (len(u.Name) > 3 && strings.Contains(cell, u.Name)) {
							t.Errorf("%s row %d: %q names unit %s", sheet, ri+1, cell, u.ID)
						}
					}
					name, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
					if fm, _ := f.GetCellFormula(sheet, name); fm != "" {
						t.Errorf("%s!%s is a formula: %s", sheet, name, fm)
					}
				}
			}
		}
		// Daten = aggregates.csv.
		var cb bytes.Buffer
		if err := csv.WriteAggregates(&cb, dis, r.Model); err != nil {
			t.Fatal(err)
		}
		want, err := stdcsv.NewReader(&cb).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetRows(c.SheetData, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, aggregates.csv %d", c.SheetData, len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				g := ""
				if j < len(got[i]) {
					g = got[i][j]
				}
				if !sameCell(g, want[i][j]) {
					t.Errorf("%s row %d col %s: %q, aggregates.csv %q", c.SheetData, i+1, want[0][j], g, want[i][j])
				}
			}
		}
		checkFiguresMatchData(t, f, c, want)
	}
}

// sameCell compares a raw workbook cell with a CSV field: equal text, or
// equal numbers ("49" and "49.0").
func sameCell(a, b string) bool {
	if a == b {
		return true
	}
	x, e1 := strconv.ParseFloat(a, 64)
	y, e2 := strconv.ParseFloat(b, 64)
	return e1 == nil && e2 == nil && math.Abs(x-y) < 1e-9
}

// checkFiguresMatchData checks that the Kennzahlen sheet shows "•" where
// the data flags a hidden mean, median or share, and a number where not.
func checkFiguresMatchData(t *testing.T, f *excelize.File, c *catalog, data [][]string) {
	t.Helper()
	hidden, shown := 0, 0
	for _, row := range data[1:] {
		switch row[7] {
		case "mean", "median", "share":
		default:
			continue
		}
		if row[9] != "" {
			hidden++
		} else {
			shown++
		}
	}
	rows, err := f.GetRows(c.SheetFigures, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	dots, numbers := 0, 0
	for _, row := range rows[4:] { // title, note, blank, header
		for _, cell := range row[4:] {
			switch _, err := strconv.ParseFloat(cell, 64); {
			case cell == c.Suppressed:
				dots++
			case err == nil:
				numbers++
			}
		}
	}
	// Kennzahlen has the means and medians of the overall score and the
	// top-level dimensions and every share; Daten has medians of deeper
	// dimensions too.
	if dots == 0 || numbers == 0 || dots > hidden || numbers > shown {
		t.Errorf("%s: %d • and %d numbers; the data hides %d and shows %d", c.SheetFigures, dots, numbers, hidden, shown)
	}
}

// TestWorkbookSaysInternal: the analyst's workbook says on its first sheet,
// right under the title, that it holds every unit's results and is not
// for publication.
func TestWorkbookSaysInternal(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		f, _ := writeBook(t, r, Options{Language: lang}, 0)
		first := f.GetSheetList()[0]
		v, err := f.GetCellValue(first, "A3")
		if err != nil || v != catalogFor(lang).Internal || !strings.Contains(v, "veroeffentlichung.xlsx") {
			t.Errorf("%s!A3 = %q (%v), want the note that it is internal", first, v, err)
		}
	}
}
