package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSurveySettings runs check on a LimeSurvey export with its codebook
// (wave 2024) and a Google Forms export named by a per-input format (wave
// 2026), both from survey/testdata, with paths relative to the config.
func TestSurveySettings(t *testing.T) {
	dir := t.TempDir()
	data := "../../survey/testdata/"
	for _, f := range []string{"limesurvey.csv", "limesurvey_codebook.yaml", "googleforms.csv"} {
		b, err := os.ReadFile(data + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	model, err := os.ReadFile(data + "model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := `survey:
  inputs:
    - {wave: "2024", file: limesurvey.csv, codebook: limesurvey_codebook.yaml}
    - {wave: "2026", file: googleforms.csv, format: googleforms}
  incomplete: drop
  duplicates: reject_all
units: {id: ags, municipalities: true, register: sachsen, match: auto}
` + string(model)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := MustRun(t, "check", "-c", path, "--json")
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	var sum struct {
		RowsRead int `json:"rows_read"`
		Scored   int `json:"scored"`
		Rejected int `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.RowsRead != 12 || sum.Scored != 12 || sum.Rejected != 0 {
		t.Errorf("summary %+v, want 12 rows scored", sum)
	}

	// A wrong setting names its key.
	for _, tt := range []struct{ from, to, want string }{
		{"incomplete: drop", "incomplete: sometimes", "survey.incomplete: unknown incomplete policy"},
		{"match: auto", "match: fuzzy", "units.match: unknown unit matching"},
		{"format: googleforms}", "format: typeform}", `survey.inputs[1].format: unknown survey format "typeform"`},
		{"codebook: limesurvey_codebook.yaml}", "codebook: fehlt.yaml}", "cannot open codebook"},
	} {
		if err := os.WriteFile(path, []byte(strings.Replace(cfg, tt.from, tt.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := MustRun(t, "check", "-c", path)
		if code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tt.to, code, stderr, tt.want)
		}
	}
}
