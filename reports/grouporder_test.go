package reports_test

import (
	"bytes"
	stdcsv "encoding/csv"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/xlsx"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestSizeClassOrder: the size classes of the Saxony example's latest
// wave are listed from the smallest up, as the model declares them and
// the overview's chart shows them, in every table that lists groups —
// aggregates.csv, the publication's Kennzahlen and the workbook's Gruppen.
// They were sorted by name: "10.000 bis unter 20.000", "100.000 bis unter
// 500.000", "20.000 bis unter 50.000", "5.000 bis unter 10.000", …, with
// "unter 5.000", the smallest, last.
func TestSizeClassOrder(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	wave := r.Waves[r.Latest()].ID
	// The classes the wave has, in the model's order (worked out from the
	// units, not from the groups).
	have := map[string]bool{}
	for _, u := range r.WaveUnits(r.Latest()) {
		have[m.SizeClass(u.Unit.Population)] = true
	}
	var want []string
	for _, c := range m.SizeClasses {
		if have[c.Name] {
			want = append(want, c.Name)
		}
	}
	if len(want) < 5 {
		t.Fatalf("the example's latest wave has %d size classes; the test needs more to see an order", len(want))
	}
	// listed reads, from rows of [wave, peer group, group, …] at the given
	// columns, the groups of the size class peer group in order, each once.
	listed := func(rows [][]string, waveCol, pgCol, groupCol int, pg string) []string {
		var got []string
		for _, row := range rows {
			if len(row) > groupCol && row[waveCol] == string(wave) && row[pgCol] == pg && !slices.Contains(got, row[groupCol]) {
				got = append(got, row[groupCol])
			}
		}
		return got
	}
	var ag bytes.Buffer
	if err := csv.WriteAggregates(&ag, scoring.NewDisclosure(r, 5), m); err != nil {
		t.Fatal(err)
	}
	rows, err := stdcsv.NewReader(&ag).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sheet := func(write func(*bytes.Buffer) error, name string) [][]string {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	o := xlsx.Options{MinGroupSize: 5}
	for _, tt := range []struct {
		name string
		got  []string
	}{
		{"aggregates.csv", listed(rows, 0, 1, 2, "groessenklasse")},
		{"veroeffentlichung.xlsx Kennzahlen", listed(sheet(func(b *bytes.Buffer) error { return xlsx.WritePublication(b, r, o) }, "Kennzahlen"), 0, 1, 2, "Größenklasse")},
		{"reifegrad.xlsx Gruppen", listed(sheet(func(b *bytes.Buffer) error { return xlsx.WriteWorkbook(b, r, o) }, "Gruppen"), 0, 1, 2, "Größenklasse")},
	} {
		if !slices.Equal(tt.got, want) {
			t.Errorf("%s lists the size classes %q, want %q", tt.name, tt.got, want)
		}
	}
}
