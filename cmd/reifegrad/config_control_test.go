package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigRefusesControlCharacters: a control character written as a
// YAML escape passed the check of the file's bytes (unprintable) and
// reached every page, the workbook and serve's sign-in as it is: an ESC
// in model.unit_labels spoke of "organi␛[33msations". Each is an error at
// its line and column, the setting named; tab, line breaks and a
// direction mark (the hostile corpus's question text) stay allowed.
func TestConfigRefusesControlCharacters(t *testing.T) {
	src, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
		want           []string // errors, in order; none: the config loads
	}{
		{"a unit label", "  language: de\n", "  language: de\n  unit_labels: {unit: \"Org\\e[33m\", units: Orgs}\n",
			[]string{`config.yaml:50:23: model.unit_labels.unit: "Org\x1b[33m" holds the control character U+001B (written as an escape)`}},
		{"a level's name and a bell", "        name: Einsteiger\n", "        name: \"Einsteiger\\a\"\n",
			[]string{`config.yaml:72:15: model.levels.bands[0].name: "Einsteiger\a" holds the control character U+0007`}},
		{"an answer of a scale, a C1 control", "map: {ja: 1, teilweise", "map: {\"ja\\x9b\": 1, teilweise",
			[]string{`config.yaml:98:13: model.scales.janein.map: "ja\u009b" holds the control character U+009B`}},
		{"the model's name and a backspace", "  name: Reifegradmodell Digitale Verwaltung\n", "  name: \"Reife\\bgrad\\u0000modell\"\n",
			[]string{`config.yaml:47:9: model.name: "Reife\bgrad\x00modell" holds the control character U+0008`}},
		{"tab, line break, direction mark", "  name: Reifegradmodell Digitale Verwaltung\n", "  name: \"Reifegrad\\tmodell\\u202e\\nDigital\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(src), tt.old) {
				t.Fatalf("config.yaml has no %q", tt.old)
			}
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte(strings.Replace(string(src), tt.old, tt.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := loadSettings(cfg, nil)
			if tt.want == nil {
				if err != nil {
					t.Errorf("error %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			got := strings.Split(err.Error(), "\n")
			for i, w := range tt.want {
				w = strings.Replace(w, "config.yaml", cfg, 1)
				if i >= len(got) || !strings.HasPrefix(got[i], w) {
					t.Errorf("error %q, want it to begin %q", err, w)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d errors, want %d: %v", len(got), len(tt.want), err)
			}
		})
	}
}
