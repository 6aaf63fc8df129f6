package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWaveColumnAndInputWave: a file given a wave (-i 2028=file,
// survey.inputs[].wave) while survey.wave_column reads each row's wave
// from a column says two things of one file; the run refuses (exit 1)
// naming both, and writes nothing (review 8, finding 9: the wave 2028 was
// ignored without a word and the rows scored as 2024 and 2026). A wave
// from the file name is no statement of the user's: the column decides,
// A 2024: nein, nein = 0; A 2026: ja, ja = 100.
func TestWaveColumnAndInputWave(t *testing.T) {
	cfg := `units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels: {method: threshold, bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 90}]}
  scales: {jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]}]
`
	tests := []struct {
		name, survey string
		args         []string // "@" stands for the folder
		env          string   // REIFEGRAD_SURVEY_WAVE_COLUMN
		want         string   // in stderr; empty: the run succeeds
	}{
		{"-i with a wave", "survey: {wave_column: welle}\n", []string{"-i", "2028=@/antworten_2030.csv"}, "",
			`-i 2028=@/antworten_2030.csv: the file's rows are given wave 2028, and survey.wave_column (@/config.yaml:10:23) reads each row's wave from column "welle": give one of them`},
		{"the column from the environment", "", []string{"-i", "2028=@/antworten_2030.csv"}, "welle",
			`-i 2028=@/antworten_2030.csv: the file's rows are given wave 2028, and REIFEGRAD_SURVEY_WAVE_COLUMN reads each row's wave from column "welle": give one of them`},
		{"survey.inputs with a wave", "survey:\n  wave_column: welle\n  inputs: [{wave: \"2028\", file: antworten_2030.csv}]\n", nil, "",
			`@/config.yaml:12:19: survey.inputs[0].wave: the file's rows are given wave 2028, and survey.wave_column (@/config.yaml:11:16) reads each row's wave from column "welle"`},
		{"-i without a wave", "survey: {wave_column: welle}\n", []string{"-i", "@/antworten_2030.csv"}, "", ""},
		{"survey.inputs without a wave", "survey:\n  wave_column: welle\n  inputs: [{file: antworten_2030.csv}]\n", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			at := func(s string) string { return strings.ReplaceAll(s, "@", dir) }
			writeFile(t, filepath.Join(dir, "config.yaml"), cfg+tt.survey)
			writeFile(t, filepath.Join(dir, "antworten_2030.csv"), "id;welle;Q1;Q2\nA;2024;nein;nein\nA;2026;ja;ja\n")
			if tt.env != "" {
				t.Setenv("REIFEGRAD_SURVEY_WAVE_COLUMN", tt.env)
			}
			out := filepath.Join(dir, "out")
			args := []string{"-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"}
			for _, a := range tt.args {
				args = append(args, at(a))
			}
			_, stderr, code := MustRun(t, args...)
			if tt.want != "" {
				if code != 1 || !strings.Contains(stderr, at(tt.want)) {
					t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, at(tt.want))
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("the refused run wrote %s", out)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := map[string]string{}
			for _, r := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
				if r[3] == "overall" {
					got[r[0]] = r[6]
				}
			}
			if len(got) != 2 || got["2024"] != "0" || got["2026"] != "100" {
				t.Errorf("overall scores by wave %v, want 2024: 0, 2026: 100", got)
			}
		})
	}
}

// TestWaveColumnWithModelWaves: survey.wave_column beside model.waves.
// Each file was read as the wave of its name asked the questions, so a
// file without a year in its name was refused as "wave 1 is not declared
// in model.waves" whatever its rows said, and the bundled config could
// not read a wave column at all. Where no declared wave changed the
// questions, every row is read against the one questionnaire; where one
// did, a row could not be read as its wave asked, and that is the error.
func TestWaveColumnWithModelWaves(t *testing.T) {
	base := `units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
survey: {wave_column: welle}
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels: {method: threshold, bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 90}]}
  scales: {jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]}]
`
	tests := []struct{ name, waves, rows, want string }{
		{"no changes", "  waves: [{id: \"2024\"}, {id: \"2026\"}]\n", "", ""},
		// A wave model.waves does not declare, in a row: as in a file's
		// name it is an error (it was read as the latest questionnaire
		// and became the report's wave, of one unit).
		{"a wave not declared", "  waves: [{id: \"2024\"}, {id: \"2026\"}]\n", "B;2030;ja;ja\nC;2030;ja;nein\n",
			`@/antworten.csv:4: survey.wave_column "welle": wave 2030 is not declared in model.waves (declared: 2024, 2026)`},
		{"a change", "  waves: [{id: \"2024\"}, {id: \"2026\", changes: {new: [Q2]}}]\n", "",
			`survey.wave_column (@/config.yaml:3:23) reads every row of a file as one questionnaire asks, and model.waves declares changes to the questions: wave 2024 asked other questions than the latest; give each wave its own file (-i 2024=…, -i 2026=…)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			at := func(s string) string { return strings.ReplaceAll(s, "@", dir) }
			writeFile(t, filepath.Join(dir, "config.yaml"), base+tt.waves)
			writeFile(t, filepath.Join(dir, "antworten.csv"), "id;welle;Q1;Q2\nA;2024;nein;nein\nA;2026;ja;ja\n"+tt.rows)
			out := filepath.Join(dir, "out")
			_, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q", "-i", filepath.Join(dir, "antworten.csv"))
			if tt.want != "" {
				if code != 1 || !strings.Contains(stderr, at(tt.want)) {
					t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, at(tt.want))
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := map[string]string{}
			for _, r := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
				if r[3] == "overall" {
					got[r[0]] = r[6]
				}
			}
			if len(got) != 2 || got["2024"] != "0" || got["2026"] != "100" {
				t.Errorf("overall scores by wave %v, want 2024: 0, 2026: 100", got)
			}
		})
	}
}
