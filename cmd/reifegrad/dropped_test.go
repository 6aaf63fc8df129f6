package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// droppedConfig: Overall = mean(Q1, Q2, X1); wave 2026 dropped X1.
const droppedConfig = `survey:
  inputs:
    - {wave: "2024", file: w2024.csv}
    - {wave: "2026", file: w2026.csv}
units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels: {method: threshold, bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 90}]}
  scales: {jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}, {id: X1, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}, {id: ix, question: X1}]}]
  waves:
    - {id: "2024"}
    - id: "2026"
      changes: {dropped: [X1]}
`

// TestDroppedQuestionReports: a question the earlier wave asked and the
// later one dropped leaves the change on 2 of the 3 questions either wave
// asked, and every report says so, check too (review 8, finding 8: each showed the
// full scores 33,3 and 50,0 beside the change ±0,0, with no note, and the
// overview's key figure said "+16,7 seit 2024" beside a trend of 50,0 →
// 50,0). A 2024: ja, nein, nein → full (1+0+0)/3 = 33,3, on the core
// {Q1, Q2} (1+0)/2 = 50,0; A 2026: ja, nein → 50,0; change ±0,0.
func TestDroppedQuestionReports(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, droppedConfig)
	writeFile(t, filepath.Join(dir, "w2024.csv"), "id;Q1;Q2;X1\nA;ja;nein;nein\n")
	writeFile(t, filepath.Join(dir, "w2026.csv"), "id;Q1;Q2\nA;ja;nein\n")
	out := filepath.Join(dir, "out")
	if _, stderr, code := MustRun(t, "-c", cfg, "-o", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Übersicht")
	if err != nil {
		t.Fatal(err)
	}
	var sheet []string
	for _, r := range rows {
		sheet = append(sheet, strings.Join(r, " "))
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	check, _, _ := MustRun(t, "-c", cfg, "check")
	checkJSON, _, _ := MustRun(t, "-c", cfg, "check", "--json")
	tests := []struct {
		name, text string
		want       []string
	}{
		{"check", check, []string{"Wellen 2024 → 2026: Veränderungen vergleichen 2 der 3 bewerteten Fragen der beiden Wellen (die in beiden gleich gestellten)\n  entfallen: X1"}},
		{"check --json", checkJSON, []string{`"questions_compared": 2,`, `"questions_asked": 3,`}},
		{"profile", read("profiles/A.html"), []string{
			// On the two questions both waves asked, not the overall
			// scores (33,3 and 50,0): labelled as what they are.
			`<div class="label">Wert auf den 2 gemeinsamen Fragen, vorher</div><div class="value">50,0</div>`,
			`<div class="label">Wert auf den 2 gemeinsamen Fragen, jetzt</div><div class="value">50,0</div>`,
			"Veränderung auf Basis von 2 von 3 Fragen, die in beiden Wellen gleich gestellt wurden; die Gesamtwerte auf allen Fragen der jeweiligen Welle: vorher 33,3, jetzt 50,0.",
			// The change of the core under the overall score says so.
			`<div class="sub">±0,0 seit 2024 auf den 2 gemeinsamen Fragen</div>`}},
		{"overview", read("overview.html"), []string{
			`<div class="value">50,0</div><div class="label">Mittelwert Gesamtwert</div><div class="sub">±0,0 seit 2024 auf den 2 gemeinsamen Fragen</div>`,
			"Die Mittelwerte beruhen auf 2 von 3 Fragen, die in allen Wellen gleich gestellt wurden",
			"Veränderung auf Basis von 2 von 3 Fragen, die in beiden Wellen gleich gestellt wurden."}},
		{"workbook", strings.Join(sheet, "\n"), []string{
			"2024 → 2026: Veränderungen auf Basis von 2 von 3 Fragen, die in beiden Wellen gleich gestellt wurden. nicht mehr gefragt: X1."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(tt.text, w) {
					t.Errorf("lacks %q", w)
				}
			}
		})
	}
}
