package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeTwelve writes the first 12 responses of the example's wave 2028 with
// the answers of rows 2, 5 and 8 blanked (no overall score), and a config
// with the repository's model that reads them.
func writeTwelve(t *testing.T) (cfg string) {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../example/umfrage_2028.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\ufeff"))))
	r.Comma, r.FieldsPerRecord = ';', -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[:13]
	for _, i := range []int{2, 5, 8} {
		for j := 3; j < len(rows[i]); j++ {
			rows[i][j] = ""
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.WriteAll(rows)
	if err := os.WriteFile(filepath.Join(dir, "antworten.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	s := string(conf)
	model := s[strings.Index(s, "\nmodel:")+1 : strings.Index(s, "\nanalyse:")+1]
	head := "survey:\n  inputs:\n    - {wave: \"2028\", file: antworten.csv}\n" +
		"units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}\n" +
		"report: {language: de, min_group_size: 5, date: 2026-12-06, data_cutoff: 2026-06-30}\n"
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(head+model), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// cellBeside returns, in sheet of the workbook file, the raw value under
// the header column in the first row below it that starts with first; ""
// when there is none.
func cellBeside(t *testing.T, file, sheet, first, column string) string {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for _, row := range rows {
		if i := slices.Index(row, column); i >= 0 {
			col = i
		} else if col >= 0 && len(row) > col && row[0] == first {
			return row[col]
		}
	}
	return ""
}

// prefix returns s cut to n bytes.
func prefix(s string, n int) string { return s[:min(n, len(s))] }

// TestLevelShareOneDenominator: the share of a level of all municipalities
// of a wave is one figure (scoring.GroupStats.LevelShare: of all the
// wave's units, those without a level included); the overview,
// reifegrad.xlsx, aggregates.csv and veroeffentlichung.xlsx must show the
// same one and say what it is of. 12 municipalities, 4 of them without an
// overall score (3 blanked, 1 below min_coverage), levels 2–5 held by 1,
// 2, 5, 0.
func TestLevelShareOneDenominator(t *testing.T) {
	cfg := writeTwelve(t)
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", cfg, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	agg := readCSV(t, filepath.Join(out, "aggregates.csv"))
	aggregate := func(measure, level string) string {
		for _, r := range agg {
			if r[0] == "2028" && r[1] == "all" && r[4] == measure && r[6] == level && r[7] == "share" {
				return r[8]
			}
		}
		return ""
	}
	page, err := os.ReadFile(filepath.Join(out, "overview.html"))
	page = withoutDataLabels(page)
	if err != nil {
		t.Fatal(err)
	}
	nbsp := func(b []byte) string { return strings.ReplaceAll(string(b), "\u00a0", " ") }
	levelRow := func(name string) string { // the overview's table of levels: row name's share
		m := regexp.MustCompile(`<strong>` + name + `</strong>[^\n]*?<td class="num">\d+</td><td class="num">([^<]*)</td>`).FindSubmatch(page)
		if m == nil {
			return ""
		}
		return nbsp(m[1])
	}
	keyFigure := func() string {
		m := regexp.MustCompile(`<div class="value">([^<]*)</div><div class="label">Anteil ab Reifegrad „Fortgeschritten“</div><div class="sub">([^<]*)</div>`).FindSubmatch(page)
		if m == nil {
			return ""
		}
		return nbsp(m[1]) + " " + nbsp(m[2])
	}
	overview := filepath.Join(out, "reifegrad.xlsx")
	publication := filepath.Join(out, "veroeffentlichung.xlsx")
	for _, c := range []struct {
		where, got, want string
	}{
		// Etabliert: 5 of 12 = 41.67 % (not 5 of the 8 with a level, 62.5 %).
		{"aggregates.csv share of Etabliert", aggregate("level", "4"), "41.7"},
		{"overview table, Etabliert", levelRow("Etabliert"), "42 %"},
		{"reifegrad.xlsx Übersicht, Etabliert", prefix(cellBeside(t, overview, "Übersicht", "Etabliert", "Anteil 2028"), 6), "0.4166"},
		{"veroeffentlichung.xlsx Kennzahlen, Anteil 4 Etabliert", prefix(cellBeside(t, publication, "Kennzahlen", "2028", "Anteil 4 Etabliert"), 5), "0.417"},
		// Without a level: 4 of 12 = 33.3 %, a share in every output.
		{"aggregates.csv share without a level", aggregate("no_level", ""), "33.3"},
		{"overview table, ohne Reifegrad", levelRow("ohne Reifegrad"), "33 %"},
		{"reifegrad.xlsx Übersicht, ohne Reifegrad", prefix(cellBeside(t, overview, "Übersicht", "ohne Reifegrad", "Anteil 2028"), 6), "0.3333"},
		// Levels 3–5: (2 + 5 + 0) of 12 = 58.3 % (not 7 of 8, 87.5 %), and
		// the key figure says of how many.
		{"overview key figure", keyFigure(), "58 % an allen 12 teilnehmenden Kommunen"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.where, c.got, c.want)
		}
	}
	if !strings.Contains(string(page), "Anteil an allen 12 teilnehmenden Kommunen der Welle, auch denen ohne Reifegrad.") {
		t.Error("the overview's table of levels does not say what a share is of")
	}
}
