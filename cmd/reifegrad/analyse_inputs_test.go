package main

import (
	"regexp"
	"testing"
)

// TestAnalyseInputsWhole: the table of sensitivity indices names each
// uncertain input whole, after its two indices; clipped to a column of 48
// it read "Verdichtung „Reifegradmodell Digitale Verwaltun…" and "Gewichte
// „Reifegradmodell Digitale Verwaltung“ …", hiding the aggregations drawn
// and the spread — what each index is of. The config's five inputs, as
// config.yaml declares them.
func TestAnalyseInputsWhole(t *testing.T) {
	const index = `^ +−?\d[.,]\d\d +−?\d[.,]\d\d  `
	for _, tt := range []struct {
		lang  string
		lines []string // regular expressions, each a line of the table
	}{
		{"de", []string{
			`^ +1\. Ordnung +gesamt  unsichere Entscheidung$`,
			index + `Gewichte „Reifegradmodell Digitale Verwaltung“ ±20 %$`,
			index + `Gewichte „Online-Dienste \(OZG\)“ \(Dirichlet, Konzentration 50\)$`,
			index + `Verdichtung „Reifegradmodell Digitale Verwaltung“ \(Mittelwert, geometrisches Mittel\)$`,
			index + `Fehlende Werte aller Knoten \(übergehen, einsetzen\)$`,
			index + `Stufengrenzen ±5 Punkte$`}},
		{"en", []string{
			`^ +first-order +total  uncertain input$`,
			index + `weights of “Reifegradmodell Digitale Verwaltung” ±20 %$`,
			index + `weights of “Online-Dienste \(OZG\)” \(Dirichlet, concentration 50\)$`,
			index + `aggregation of “Reifegradmodell Digitale Verwaltung” \(mean, geometric\)$`,
			index + `missing data of every node \(reweight, impute\)$`,
			index + `level edges ±5 points$`}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, "analyse", "-c", repoConfig, "--draws", "40", "--lang", tt.lang, "-q")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, l := range tt.lines {
				if !regexp.MustCompile(`(?m)` + l).MatchString(stdout) {
					t.Errorf("no line %s in\n%s", l, stdout)
				}
			}
		})
	}
}
