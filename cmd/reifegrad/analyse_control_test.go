package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnalyseNamesStayOnTheirLine: a unit's name from the data reaches
// analyse's and diff's lists with its control characters shown as escapes,
// as in check and the run summary; the terminal kept its line breaks and
// tabs, so a name "U<LF>X …" printed a line "X …" of its own in the list
// of level changes and of units keeping their level. By hand (the six
// units of settingsInput, Ulme renamed): Ulme answers nein, ja — 50 under the old model,
// 25 under the new one, which weighs Q1 3:1 — and so changes level; at 50
// with the level edge moved by ±5 it is one of the three units (Birke,
// Ulme, Weide) analyse lists as keeping their level in fewer than 90 % of
// the variants.
func TestAnalyseNamesStayOnTheirLine(t *testing.T) {
	dir := t.TempDir()
	const name = "U\nX\tY\x1b[2J\u202e"
	const shown = `U\nX\tY\u001b[2J\u202e`
	input := strings.Replace(settingsInput, "5,Ulme,", `5,"`+name+`",`, 1)
	if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	old := writeIn(t, dir, "alt.yaml", settingsBase+settingsModel+"analyse:\n  draws: 40\n  uncertainty:\n    - {levels: 5}\n")
	newer := writeIn(t, dir, "neu.yaml", strings.Replace(settingsBase+settingsModel, "{id: i1, name: I1, question: Q1}", "{id: i1, name: I1, question: Q1, weight: 3}", 1))
	for _, tt := range []struct {
		name string
		args []string
		line string // the line holding the name, spaces collapsed
	}{
		{"analyse", []string{"analyse", "-c", old}, "5 " + shown + " Stufe 2 Weiter in "},
		{"analyse en", []string{"analyse", "-c", old, "--lang", "en"}, "5 " + shown + " level 2 Weiter in "},
		{"diff", []string{"diff", "-c", old, "-c", newer}, "5 " + shown + " 2 Weiter → 1 Anfang"},
		{"diff en", []string{"diff", "-c", old, "-c", newer, "--lang", "en"}, "5 " + shown + " 2 Weiter → 1 Anfang"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, append(tt.args, "--quiet")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			found := false
			for l := range strings.Lines(stdout) {
				if strings.HasPrefix(l, "X") || strings.ContainsAny(l, "\t\x1b\u202e") {
					t.Errorf("a line of the data's own: %q", l)
				}
				found = found || strings.HasPrefix(strings.Join(strings.Fields(l), " "), tt.line)
			}
			if !found {
				t.Errorf("no line %q in\n%s", tt.line, stdout)
			}
		})
	}
}
