package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTerminalCountsGrouped: analyse and diff write counts of a thousand
// and more with the language's thousands separator, as check and the run
// summary do ("Gelesene Zeilen: 10.789"): analyse printed "10786 Einheiten
// mit Gesamtwert" and n columns of 10786 and 1111 for Germany's
// municipalities. The 6,000 units answer the six patterns of
// settingsInput 1,000 times each: scores 100, 50, 0, 100, 50, 50 (mean
// 58.33); the new model weighs Q1 3:1, giving 100, 75, 0, 100, 25, 75
// (mean 62.5), so the 1,000 units answering nein, ja drop from Weiter to
// Anfang. The level edge at 50 moved by ±5 puts the 3,000 units at 50 at
// Weiter in about half the variants, so they are the units listed as
// unstable: the first ten of them, at rank 2,001 (2,000 units score 100),
// and "… und 2.990 weitere"; 3,000 draws with one input are 3,000/3 =
// 1,000 base draws of 3.
func TestTerminalCountsGrouped(t *testing.T) {
	dir := t.TempDir()
	patterns := strings.Split(strings.TrimSpace(settingsInput), "\n")[1:]
	var in strings.Builder
	in.WriteString("id,gemeinde,kreis,Q1,Q2\n")
	for i := range 6000 {
		p := strings.SplitN(patterns[i%6], ",", 3)
		in.WriteString(strings.Join([]string{"u" + strconv.Itoa(i+1), p[1] + strconv.Itoa(i+1), p[2]}, ",") + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	old := writeIn(t, dir, "alt.yaml", settingsBase+settingsModel+"analyse:\n  draws: 3000\n  uncertainty:\n    - {levels: 5}\n")
	newer := writeIn(t, dir, "neu.yaml", strings.Replace(settingsBase+settingsModel, "{id: i1, name: I1, question: Q1}", "{id: i1, name: I1, question: Q1, weight: 3}", 1))
	tests := []struct {
		name  string
		args  []string
		want  []string // parts of lines, spaces collapsed
		lines []string // regular expressions a line must match
	}{
		{"analyse de", []string{"analyse", "-c", old},
			[]string{"Einstellungen, Welle 2026: 6.000 Einheiten mit Gesamtwert", "Robustheit: 3.000 Varianten (1.000 Basisziehungen × 3), Startwert 0",
				"Einheiten, die ihre Stufe in mindestens 90 % der Varianten behalten: 3.000 von 6.000", "Rang 2.001 (5–95 %: 2.001–2.001)",
				"… und 2.990 weitere (alle mit --json)"},
			[]string{`^  D +2 +6\.000 `, `^  I1 +6\.000 +0 % `}},
		{"analyse en", []string{"analyse", "-c", old, "--lang", "en"},
			[]string{"Einstellungen, wave 2026: 6,000 units with an overall score", "Robustness: 3,000 variants (1,000 base draws × 3), seed 0",
				"units keeping their level in at least 90 % of the variants: 3,000 of 6,000", "rank 2,001 (5–95 %: 2,001–2,001)",
				"… and 2,990 more (all of them with --json)"},
			[]string{`^  D +2 +6,000 `, `^  I1 +6,000 +0 % `}},
		{"diff de", []string{"diff", "-c", old, "-c", newer},
			[]string{"Welle 2026: 6.000 Einheiten in beiden", "Einheiten, deren Stufe sich ändert: 1.000"},
			[]string{`^  D +6\.000 +58,3 +62,5 +\+4,2 +12,5$`}},
		{"diff en", []string{"diff", "-c", old, "-c", newer, "--lang", "en"},
			[]string{"Wave 2026: 6,000 units in both", "Units whose level changes: 1,000"},
			[]string{`^  D +6,000 +58\.3 +62\.5 +\+4\.2 +12\.5$`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, append(tt.args, "--quiet")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			flat := strings.Join(strings.Fields(stdout), " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("no %q in\n%s", w, stdout)
				}
			}
			for _, l := range tt.lines {
				if !regexp.MustCompile(`(?m)` + l).MatchString(stdout) {
					t.Errorf("no line %s in\n%s", l, stdout)
				}
			}
		})
	}
}
