package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAbsorbedProfile: B became part of A on 2025-01-01, between the
// dated waves. A 2024: ja, nein = 50; A 2026: ja, teilweise = 75. Whether
// or not B answered 2024, A's profile gives no change ("–") and lists B:
// with its earlier score (nein, nein = 0,0) or as not taking part (review
// 8, finding 4: without B in 2024 the profile said "+25,0" and nothing of
// the merger). Where A did not answer 2024 and B did (review11a: Königstein
// and Rathen), A's profile compared its 2026 with B's 2024 (+75,0) and B
// had a profile of its own: now A lists B, its score before is "nicht
// teilgenommen" (it read "nicht bewertet", as if A had been scored), and
// B has no profile.
func TestAbsorbedProfile(t *testing.T) {
	cfg := `survey:
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
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]}]
  waves: [{id: "2024", date: 2024-03-01}, {id: "2026", date: 2026-03-01}]
  successors: [{from: "B", to: "A", date: 2025-01-01}]
`
	tests := []struct {
		name, w2024, listed, before string
	}{
		{"B answered", "id;Q1;Q2\nA;ja;nein\nB;nein;nein\nC;nein;nein\n", "B (B), Welle 2024: Gesamtwert 0,0", "50,0"},
		{"B did not answer", "id;Q1;Q2\nA;ja;nein\nC;nein;nein\n", "B, Welle 2024: nicht teilgenommen, kein früherer Wert", "50,0"},
		{"A did not answer", "id;Q1;Q2\nB;nein;nein\nC;nein;nein\n", "B (B), Welle 2024: Gesamtwert 0,0", "nicht teilgenommen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "config.yaml"), cfg)
			writeFile(t, filepath.Join(dir, "w2024.csv"), tt.w2024)
			writeFile(t, filepath.Join(dir, "w2026.csv"), "id;Q1;Q2\nA;ja;teilweise\nC;nein;teilweise\n")
			out := filepath.Join(dir, "out")
			if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"); code != 0 {
				t.Fatalf("run: exit %d: %s", code, stderr)
			}
			page, err := os.ReadFile(filepath.Join(out, "profiles", "A.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{tt.listed, `<div class="label">Veränderung</div><div class="value">–</div>`,
				`<div class="label">Gesamtwert vorher</div><div class="value">` + tt.before + `</div>`,
				"eine Veränderung wird nicht berechnet, weil sich das Gebiet verändert hat"} {
				if !strings.Contains(string(page), want) {
					t.Errorf("profile of A lacks %q", want)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "profiles", "B.html")); !os.IsNotExist(err) {
				t.Errorf("B, part of A, has a profile of its own (%v)", err)
			}
		})
	}
}
