package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestAnalyseSpeaksTheReportLanguage: analyse's and diff's terminal text
// follow report.language (config.yaml: de) and --lang, words and number
// format, as check and the run summary do; --json stays English.
func TestAnalyseSpeaksTheReportLanguage(t *testing.T) {
	// Six units answering Q1, Q2 (ja = 100, nein = 0): 100, 50, 0, 100, 50,
	// 50 under the old model, mean 58.33; the new one weighs Q1 3:1, so
	// 100, 75, 0, 100, 25, 75, mean 62.5: shift +4.17, mean absolute
	// shift (0+25+0+0+25+25)/6 = 12.5, and Ulme (25) drops below 50.
	// Spearman of the ranks (5.5, 3, 1, 5.5, 3, 3) and (5.5, 3.5, 1, 5.5, 2,
	// 3.5): 15 / √(15 · 16.5) = 0.9535.
	old := settingsDir(t, "", "")
	newer := settingsDir(t, "{id: i1, name: I1, question: Q1}", "{id: i1, name: I1, question: Q1, weight: 3}")
	tests := []struct {
		name     string
		args     []string
		want     []string // lines or parts of lines, spaces collapsed
		wantNot  []string
		wantLine string // a regular expression one line must match
	}{
		{"analyse de", []string{"analyse", "-c", repoConfig, "--draws", "40"},
			// Cronbach's α of the overall score 0.9227931649657168 (--json);
			// 40 draws over the config's 5 uncertain inputs: ⌊40/7⌋ = 5 base
			// draws of 7 variants each.
			[]string{"Reifegradmodell Digitale Verwaltung, Welle 2028: 418 Kommunen mit Gesamtwert", "Zuverlässigkeit der Teile jeder Ebene",
				"Indikatoren (Werte 0–100)", "Robustheit: 35 Varianten (5 Basisziehungen × 7), Startwert 1", "Stufengrenzen ±5 Punkte"},
			[]string{"units", "Reliability", "0.9"}, `^  Reifegradmodell Digitale Verwal… +6 +400 +0,92 `},
		{"analyse en", []string{"analyse", "-c", repoConfig, "--draws", "40", "--lang", "en"},
			[]string{"Reifegradmodell Digitale Verwaltung, wave 2028: 418 municipalities with an overall score", "Reliability of each node's parts",
				"Robustness: 35 variants (5 base draws × 7), seed 1", "level edges ±5 points"},
			[]string{"Einheiten", "0,9"}, `^  Reifegradmodell Digitale Verwal… +6 +400 +0\.92 `},
		{"diff de", []string{"diff", "-c", old, "-c", newer},
			[]string{"Welle 2026: 6 Einheiten in beiden", "Rangkorrelation der Gesamtwerte (Spearman): 0,953",
				"Einheiten, deren Stufe sich ändert: 1", "5 Ulme 2 Weiter → 1 Anfang"},
			[]string{"units", "58.3"}, `^  D +6 +58,3 +62,5 +\+4,2 +12,5$`},
		{"diff de, the other way", []string{"diff", "-c", newer, "-c", old},
			[]string{"5 Ulme 1 Anfang → 2 Weiter"}, nil, `^  D +6 +62,5 +58,3 +−4,2 +12,5$`}, // a true minus sign, as the pages write it,
		{"diff en", []string{"diff", "-c", old, "-c", newer, "--lang", "en"},
			[]string{"Wave 2026: 6 units in both", "Rank correlation of the overall scores (Spearman): 0.953", "Units whose level changes: 1"},
			[]string{"Einheiten", "58,3"}, `^  D +6 +58\.3 +62\.5 +\+4\.2 +12\.5$`},
	}
	space := regexp.MustCompile(` +`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, append(tt.args, "--quiet")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			flat := space.ReplaceAllString(stdout, " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("no %q in\n%s", w, stdout)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(stdout, w) {
					t.Errorf("%q in\n%s", w, stdout)
				}
			}
			if !regexp.MustCompile(`(?m)` + tt.wantLine).MatchString(stdout) {
				t.Errorf("no line %s in\n%s", tt.wantLine, stdout)
			}
		})
	}
	// --json keeps its English keys and full numbers.
	stdout, _, _ := MustRun(t, "diff", "-c", old, "-c", newer, "--json")
	if !strings.Contains(stdout, `"rank_correlation": 0.9534625892455922`) || !strings.Contains(stdout, `"mean_absolute_shift": 12.5`) {
		t.Errorf("diff --json:\n%s", stdout)
	}
}
