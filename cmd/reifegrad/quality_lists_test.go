package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestQualityListsPerWaveQuestion: the overview's and the workbook's
// lists of answers outside the scale, on the bundled example with three
// 2026 answers "vielleicht" to I06 (IT equipment in 2026; since 2028 I07,
// and I06 the new ISMS question) and four 2028 cells that tick the unknown
// item "Bitcoin" beside different items of O03. The overview printed the
// ISMS question's text beside 2026's I06, and the workbook lumped both
// waves' I06 in one row; each "Bitcoin" was a row of its own (count 1 or
// 2) as the whole cell was the value. Now each wave's question as it
// asked it, and "Bitcoin" counted 4 times in one row, in both.
func TestQualityListsPerWaveQuestion(t *testing.T) {
	dir := t.TempDir()
	cfg, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "config.yaml"), strings.ReplaceAll(string(cfg), "file: example/", "file: "))
	edit := func(name, question string, rows []int, cell func(old string) string) {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(repoConfig), "example", name))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
		r.Comma = ';'
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, h := range recs[0] {
			if h == question {
				col = i
			}
		}
		for _, i := range rows {
			recs[i][col] = cell(recs[i][col])
		}
		var out bytes.Buffer
		out.WriteString("\ufeff")
		w := csv.NewWriter(&out)
		w.Comma = ';'
		w.WriteAll(recs)
		writeFile(t, filepath.Join(dir, name), out.String())
	}
	for _, name := range []string{"umfrage_2024.csv", "umfrage_2026.csv", "umfrage_2028.csv"} {
		edit(name, "S01", nil, nil)
	}
	edit("umfrage_2026.csv", "I06", []int{3, 4, 5}, func(string) string { return "vielleicht" })
	// Rows whose O03 ticks different items, each with Bitcoin beside them.
	edit("umfrage_2028.csv", "O03", []int{3, 7, 11, 15}, func(old string) string {
		return strings.Join([]string{[]string{"ePayBL", "PayPal", "giropay", "ePayBL;PayPal"}[len(old)%4], "Bitcoin"}, ";")
	})
	out := filepath.Join(dir, "out")
	if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "overview.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`\s+`).ReplaceAllString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(page), " "), " ")
	for _, want := range []string{
		"2026 I06 Unsere IT-Ausstattung entspricht den Anforderungen. vielleicht Antwort nicht in der Skala 3",
		"2028 O03 Welche Online-Bezahlverfahren bieten Sie an? (Mehrfachauswahl) Bitcoin Antwort nicht in der Skala 4",
	} {
		if !strings.Contains(text, want) {
			i := strings.Index(text, "Antworten außerhalb der Skala")
			t.Errorf("overview lacks %q; its list:\n%.1500s", want, text[max(i, 0):])
		}
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("Datenqualität")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]string{{"2026", "I06", "vielleicht", "unbekannte Antwort", "3"}, {"2028", "O03", "Bitcoin", "unbekannte Antwort", "4"}} {
		found := false
		for _, r := range rows {
			if len(r) >= len(want) && strings.Join(r[:len(want)], "|") == strings.Join(want, "|") {
				found = true
			}
		}
		if !found {
			t.Errorf("Datenqualität lacks the row %q", want)
		}
	}
}
