package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// waveOrderModel is a model without model.waves: Overall = mean(Q1, Q2).
const waveOrderModel = `units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels: {method: threshold, bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 90}]}
  scales: {jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]}]
`

// TestWaveOrderPlaces: waves the model does not declare and whose ids are
// not all whole numbers cannot be put in time, nor a merger within the
// year of a wave known only by its year; the run refuses (exit 1) and
// names each wave where it was given — the -i flag, the config line of
// survey.inputs[i].wave, the first row of the wave column. Waves that are
// numbers run in numeric order: wave 9 (nein, nein = 0) before wave 10
// (ja, teilweise = 75), so A's change is +75 (the profile says "+75,0").
func TestWaveOrderPlaces(t *testing.T) {
	tests := []struct {
		name   string
		config string // appended to waveOrderModel
		args   []string
		want   []string // in stderr; nil: the run succeeds
	}{
		{"numbers by -i", "", []string{"-i", "9=@/welle9.csv", "-i", "10=@/welle10.csv"}, nil},
		{"names by -i", "", []string{"-i", "Herbst 2024=@/welle9.csv", "-i", "Frühjahr 2025=@/welle10.csv"}, []string{
			`waves "Herbst 2024", "Frühjahr 2025" cannot be put in time`, "model.waves",
			`-i Herbst 2024=@/welle9.csv: wave "Herbst 2024"`, `-i Frühjahr 2025=@/welle10.csv: wave "Frühjahr 2025"`}},
		{"names in survey.inputs", "survey:\n  inputs:\n    - {wave: H24, file: welle9.csv}\n    - {wave: F25, file: welle10.csv}\n", nil, []string{
			`waves "H24", "F25" cannot be put in time`,
			`@/config.yaml:12:14: survey.inputs[0].wave: wave "H24"`, `@/config.yaml:13:14: survey.inputs[1].wave: wave "F25"`}},
		{"a year from the file name and a name", "", []string{"-i", "@/umfrage_2024.csv", "-i", "Herbst=@/welle10.csv"}, []string{
			`waves "2024", "Herbst" cannot be put in time`, `-i @/umfrage_2024.csv: wave "2024"`, `-i Herbst=@/welle10.csv: wave "Herbst"`}},
		// A merger within the year of a wave known only by its year: did
		// the survey come before it or after? (review 8, finding 7)
		{"a merger within a wave's year", "  successors: [{from: B, to: A, date: 2026-07-01}]\n", []string{"-i", "2024=@/welle9.csv", "-i", "2026=@/welle10.csv"}, []string{
			"-i 2026=@/welle10.csv: wave 2026 needs a date: the succession of B by A on 2026-07-01 falls within that year; declare the waves in model.waves, this one with the day it was surveyed"}},
		{"names in the wave column", "survey: {wave_column: welle}\n", []string{"-i", "@/spalte.csv"}, []string{
			`waves "H24", "F25" cannot be put in time`,
			`@/spalte.csv:2: survey.wave_column "welle": wave "H24"`, `@/spalte.csv:3: survey.wave_column "welle": wave "F25"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"config.yaml":      waveOrderModel + tt.config,
				"welle9.csv":       "id;Q1;Q2\nA;nein;nein\n",
				"umfrage_2024.csv": "id;Q1;Q2\nA;nein;nein\n",
				"welle10.csv":      "id;Q1;Q2\nA;ja;teilweise\n",
				"spalte.csv":       "id;welle;Q1;Q2\nA;H24;nein;nein\nA;F25;ja;teilweise\n",
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// "@" in args and messages stands for the folder
			at := func(s string) string { return strings.ReplaceAll(s, "@", dir) }
			out := filepath.Join(dir, "out")
			args := []string{"-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"}
			for _, a := range tt.args {
				args = append(args, at(a))
			}
			_, stderr, code := MustRun(t, args...)
			if tt.want == nil {
				if code != 0 {
					t.Fatalf("exit %d, want 0: %s", code, stderr)
				}
				page, err := os.ReadFile(filepath.Join(out, "profiles", "A.html"))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(page), "Veränderung seit Welle 9") || !strings.Contains(string(page), "&#43;75,0") {
					t.Errorf("profile of A: want the change since wave 9, +75,0")
				}
				return
			}
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stderr %q)", code, stderr)
			}
			for _, w := range tt.want {
				if w = at(w); !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the refused run wrote %s", out)
			}
		})
	}
}
