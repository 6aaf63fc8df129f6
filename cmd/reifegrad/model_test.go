package main

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestModelCommand compares "reifegrad model" with golden files; run with
// -update to rewrite them and review the diff.
func TestModelCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"samm", []string{"-c", "../../example/samm/config.yaml", "model"}, "model_samm.en.txt"},
		{"odm in German", []string{"-c", "../../example/odm/config.yaml", "model", "--lang", "de"}, "model_odm.de.txt"},
		{"features", []string{"-c", "../../scoring/testdata/features.yaml", "model", "--lang", "de"}, "model_features.de.txt"},
		{"features in English", []string{"-c", "../../scoring/testdata/features.yaml", "model", "--lang", "en"}, "model_features.en.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, stderr)
			}
			golden := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, stdout)
			}
		})
	}
}

func TestModelCommandJSON(t *testing.T) {
	stdout, stderr, code := MustRun(t, "-c", "../../example/samm/config.yaml", "--json", "model")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr)
	}
	var got struct {
		Name        string
		Fingerprint string
		Nodes       []struct {
			ID, Kind, Aggregation string
			MaxPoints             float64 `json:"max_points"`
			Questions             []string
		}
		Methodology []string
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	// 1 overall + 5 functions + 15 practices + 30 streams; the
	// methodology's last paragraph names the fingerprint.
	if got.Name != "OWASP SAMM v2" || len(got.Nodes) != 51 || len(got.Methodology) != 7 ||
		len(got.Fingerprint) != 12 || !strings.Contains(got.Methodology[6], got.Fingerprint) {
		t.Errorf("name %q, %d nodes, %d paragraphs, fingerprint %q; want OWASP SAMM v2, 51, 7 paragraphs, the last naming a fingerprint of 12 digits",
			got.Name, len(got.Nodes), len(got.Methodology), got.Fingerprint)
	}
	i := slices.IndexFunc(got.Nodes, func(n struct {
		ID, Kind, Aggregation string
		MaxPoints             float64 `json:"max_points"`
		Questions             []string
	}) bool {
		return n.ID == "G-SM-A"
	})
	if i < 0 || got.Nodes[i].Aggregation != "sum" || got.Nodes[i].MaxPoints != 3 ||
		!slices.Equal(got.Nodes[i].Questions, []string{"G-SM-A-1-1", "G-SM-A-2-1", "G-SM-A-3-1"}) {
		t.Errorf("stream G-SM-A = %+v", got.Nodes[i])
	}
}

func TestModelCommandErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	src := "model:\n  name: X\n  levels: {bands: [{level: 1, name: A, min: 0}]}\n  scales: {jn: {map: {ja: 1}}}\n" +
		"  questions: [{id: Q1, scale: jn}]\n  dimensions:\n    - {id: d, indicators: [{id: i, question: Q2}]}\n"
	if err := os.WriteFile(broken, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := MustRun(t, "-c", broken, "model")
	for _, want := range []string{
		broken + `:7:28: model.dimensions[0].indicators[0]: unknown question "Q2"`,
		broken + `:5:15: model.questions[0]: question "Q1" is used by no indicator`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, stderr, code := MustRun(t, "-c", "../../example/samm/config.yaml", "model", "--lang", "fr"); code != 2 || !strings.Contains(stderr, "--lang") {
		t.Errorf("--lang fr: exit %d, stderr %q; want 2 and a message about --lang", code, stderr)
	}
}

// scoresCSV runs the command line and returns overall and node scores by
// unit and node from scores.csv.
func scoresCSV(t *testing.T, args ...string) map[[2]string]float64 {
	t.Helper()
	out := t.TempDir()
	_, stderr, code := MustRun(t, append(args, "-o", out, "--quiet")...)
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(out, "scores.csv"))
	id, score := slices.Index(rows[0], "id"), slices.Index(rows[0], "score")
	if id < 0 || score < 0 {
		t.Fatalf("scores.csv header %v lacks id or score", rows[0])
	}
	got := map[[2]string]float64{}
	for _, r := range rows[1:] {
		if r[score] == "" {
			continue
		}
		v, err := strconv.ParseFloat(r[score], 64)
		if err != nil {
			t.Fatal(err)
		}
		got[[2]string{r[1], r[id]}] = v // the unit is the second column
	}
	return got
}

// TestExampleModelsRun runs the SAMM and ODM examples end to end, through
// the importer and the reports, and checks their overall scores (worked
// out by hand in scoring/reference_test.go).
func TestExampleModelsRun(t *testing.T) {
	samm := scoresCSV(t, "-c", "../../example/samm/config.yaml")
	odm := scoresCSV(t, "-c", "../../example/odm/config.yaml")
	for _, tt := range []struct {
		got  map[[2]string]float64
		unit string
		want float64
	}{
		{samm, "NORD", 100 * (37.0 / 30) / 3},
		{samm, "SUED", 100 * (44.5 / 15) / 3},
		{odm, "XA", 100 * 75.0 / 2540},
		{odm, "XB", 100 * 35.0 / 2540},
	} {
		if got, ok := tt.got[[2]string{tt.unit, "overall"}]; !ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s overall = %v (%v), want %v", tt.unit, got, ok, tt.want)
		}
	}
}

// TestODMReferenceThroughImporter reproduces the official ODM 2023 totals
// of all 35 countries from their published answer file, read by the
// importer as a user would give it (-i 2023=file.csv).
func TestODMReferenceThroughImporter(t *testing.T) {
	dir := "../../../shared/reference/odm2023"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference data %s is absent (it lives outside the repository): %v", dir, err)
	}
	// The published file has codes, no names: the user's config says so
	// (units.name is empty), as reifegrad refuses a name column that is
	// not there rather than scoring unnamed countries unasked.
	src, err := os.ReadFile("../../example/odm/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if n := strings.Count(string(src), "\n  name: name\n"); n != 1 {
		t.Fatalf("example/odm/config.yaml has %d lines units.name: name, want 1", n)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(src), "\n  name: name\n", "\n  name: \"\"\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	got := scoresCSV(t, "-c", cfg, "-i", "2023="+filepath.Join(dir, "wide_answers.csv"))
	official := readCSV(t, filepath.Join(dir, "country_scores_official.csv"))
	for _, r := range official[1:] {
		total, _ := strconv.ParseFloat(r[1], 64)
		if s, ok := got[[2]string{r[0], "overall"}]; !ok || math.Abs(s*2540/100-total) > 1e-9 {
			t.Errorf("%s: %v points, official %v", r[0], s*2540/100, total)
		}
	}
	if len(official) != 36 {
		t.Errorf("%d countries, want 35", len(official)-1)
	}
}

// TestConfigYAMLErrors: problems in the settings part of a config file
// are named by file and line, as model problems are.
func TestConfigYAMLErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "survey:\n  inputs: [\nmodel:\n  name: x\n", ":2: did not find expected ',' or ']'"},
		{"unknown key", "survey:\n  duplicats: keep_last\nmodel:\n  name: x\n", `:2:3: survey: unknown key "duplicats" (did you mean "duplicates"?)`},
		{"wrong type", "report:\n  min_group_size: viele\nmodel:\n  name: x\n", `:2:19: report.min_group_size: want a whole number, got "viele"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "c.yaml")
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := MustRun(t, "-c", file, "model")
			if want := "reifegrad: " + file + tt.want + "\n"; stderr != want || code != 1 {
				t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
			}
		})
	}
}

// TestCheckAndModelCountQuestionsAlike: check, model and the methodology
// count the questions the model scores, and name those asked for
// information only apart.
func TestCheckAndModelCountQuestionsAlike(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, `survey:
  inputs: [{wave: "2026", file: antworten.csv}]
units: {id: id, municipalities: false, register: ""}
model:
  name: Zählen
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: Q3, scale: jn, context: true}
  dimensions:
    - id: d
      indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]
`)
	writeFile(t, filepath.Join(dir, "antworten.csv"), "id;Q1;Q2;Q3\nA;ja;nein;ja\n")
	stdout, stderr, code := MustRun(t, "-c", cfg, "check", "--lang", "english")
	if code != 0 || !strings.Contains(stdout, `model "Zählen" is valid (2 questions scored, 1 for information only, 1 dimension)`) {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	stdout, stderr, code = MustRun(t, "-c", cfg, "model", "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "evaluates 2 questions") || !strings.Contains(stdout, "for information only (no indicator): Q3") {
		t.Errorf("model: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
}

func writeFile(tb testing.TB, name, text string) {
	tb.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}
