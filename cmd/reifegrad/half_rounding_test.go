package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHalfRoundsAlikeEverywhere: a figure exactly halfway between two
// one-decimal values must read the same on the page as in the workbooks and
// aggregates.csv, which round half away from zero (Excel's number format
// "0.0"; reports/csv/aggregates.go math.Round). Hand: 51.25 → 51.3, 56.25 → 56.3.
func TestHalfRoundsAlikeEverywhere(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "profiles", "14521170.html"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<th scope="row">([^<]*)</th><td class="num">([^<]*)</td><td>[^<]*</td><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">([^<]*)</td>`)
	cells := map[string][2]string{}
	for _, m := range row.FindAllStringSubmatch(string(withoutDataLabels(b)), -1) {
		cells[html.UnescapeString(m[1])] = [2]string{m[2], m[3]}
	}
	for _, c := range []struct{ row, what, got, want string }{
		// scores.csv 2028,14521170 sicherheit 51.25; reifegrad.xlsx Ergebnisse N790 shows 51.3
		{"IT & Informationssicherheit", "score", cells["IT & Informationssicherheit"][0], "51,3"},
		// median of ozg_leistungen over all 413 scored in 2028 = 56.25; aggregates.csv 56.3
		{"OZG-Reifegrad ausgewählter Leistungen", "median of all", cells["OZG-Reifegrad ausgewählter Leistungen"][1], "56,3"},
	} {
		if c.got != c.want {
			t.Errorf("profile 14521170, %s, %s: %q, want %q", c.row, c.what, c.got, c.want)
		}
	}
}

// TestOverviewAndPublicationRoundAlike: veroeffentlichung.xlsx says it holds
// "dieselben Kennzahlen wie in der Übersicht". Six units; Dimension D scores
// by hand 100, 59.7, 40.3, 100, 0, 100 → median (59.7 + 100)/2 = 79.85;
// Dimension E scores 0, 0, 12.5, 24, 100, 100 → median (12.5 + 24)/2 = 18.25.
// Half away from zero: 79.9 and 18.3 (aggregates.csv); the overview must agree.
func TestOverviewAndPublicationRoundAlike(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"config.yaml", "antworten.csv"} { // review 8's overview-vs-publication/
		b, err := os.ReadFile(filepath.Join("testdata", "rv06", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "overview.html"))
	page = withoutDataLabels(page)
	if err != nil {
		t.Fatal(err)
	}
	// #dim-table: Dimension, n, Mittelwert, 10. Perzentil, 1. Quartil, Median, …
	row := regexp.MustCompile(`<th scope="row">(Dimension [DE])</th><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">([^<]*)</td>`)
	want := map[string]string{"Dimension D": "79,9", "Dimension E": "18,3"}
	seen := 0
	for _, m := range row.FindAllStringSubmatch(string(page), -1) {
		seen++
		if m[2] != want[m[1]] {
			t.Errorf("overview: median of %s %q, aggregates.csv and veroeffentlichung.xlsx %q", m[1], m[2], want[m[1]])
		}
	}
	if seen != len(want) {
		t.Errorf("%d rows of dimensions D and E in the overview, want %d", seen, len(want))
	}
	agg, err := os.ReadFile(filepath.Join(out, "aggregates.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{",median,79.9,", ",median,18.3,"} {
		if !strings.Contains(string(agg), w) {
			t.Errorf("aggregates.csv has no %q", w)
		}
	}
}
