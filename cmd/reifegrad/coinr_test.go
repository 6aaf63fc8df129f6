package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCOINrRun: 'reifegrad run' on COINr's raw ASEM data with
// example/coinr/config.yaml, read by the importer as a user's file is,
// writes in scores.csv COINr's 11 published aggregates of all 51 countries
// and in indicators.csv its treated and normalised tables, to 1e-6 (the
// reference data lives outside the repository: ../shared/reference, or
// REIFEGRAD_REFERENCE).
func TestCOINrRun(t *testing.T) {
	ref := os.Getenv("REIFEGRAD_REFERENCE")
	if ref == "" {
		ref = "../../../shared/reference"
	}
	dir := filepath.Join(ref, "coinr")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference data %s is absent: %v", dir, err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := MustRun(t, "-c", "../../example/coinr/config.yaml", "-i", "2018="+filepath.Join(dir, "ASEM_iData.csv"), "-o", out, "-q"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// scores.csv: wave,ags,name,kind,id,label,score,…
	got := map[[2]string]string{}
	for _, row := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
		id := row[4]
		if id == "overall" {
			id = "Index"
		}
		got[[2]string{row[1], id}] = row[6]
	}
	aggs := []string{"Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin", "Conn", "Sust", "Index"}
	compareTable(t, filepath.Join(dir, "expected_ASEM_COIN", "Aggregated.csv"), aggs, got, 51*11)
	// indicators.csv: wave,ags,name,question,indicator,raw,denominator,denominated,imputed,treated,normalised,flags
	treated, normalised := map[[2]string]string{}, map[[2]string]string{}
	for _, row := range readCSV(t, filepath.Join(out, "indicators.csv"))[1:] {
		treated[[2]string{row[1], row[3]}], normalised[[2]string{row[1], row[3]}] = row[9], row[10]
	}
	compareTable(t, filepath.Join(dir, "expected_ASEM_COIN", "Treated.csv"), nil, treated, 51*49)
	compareTable(t, filepath.Join(dir, "expected_ASEM_COIN", "Normalised.csv"), nil, normalised, 51*49)
}

// compareTable compares the columns cols (nil: every column we have) of a
// COINr table, keyed by UnitCode, with got, and checks how many cells were
// compared.
func compareTable(t *testing.T, file string, cols []string, got map[[2]string]string, want int) {
	t.Helper()
	recs := readCSV(t, file)
	n := 0
	for _, rec := range recs[1:] {
		for j, col := range recs[0] {
			if j == 0 {
				continue
			}
			g, ok := got[[2]string{rec[0], col}]
			if cols != nil {
				ok = ok && contains(cols, col)
			}
			if !ok {
				continue
			}
			n++
			w, err := strconv.ParseFloat(rec[j], 64)
			x, err2 := strconv.ParseFloat(g, 64)
			if err != nil || err2 != nil || math.Abs(x-w) > 1e-6 || math.Abs(x-w) > 1e-6*math.Abs(w) {
				t.Errorf("%s %s %s: got %q, want %q", filepath.Base(file), rec[0], col, g, rec[j])
			}
		}
	}
	if n != want {
		t.Errorf("%s: compared %d cells, want %d", filepath.Base(file), n, want)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
