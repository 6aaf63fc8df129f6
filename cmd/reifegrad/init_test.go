package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// copyFixture copies a file of survey/testdata into dir.
func copyFixture(tb testing.TB, dir, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("../../survey/testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return writeIn(tb, dir, name, string(b))
}

// TestInitPassesCheck: for an export of every supported platform (and with
// LimeSurvey's and SoSci Survey's structure files), init writes a config
// whose model has one question per answer column — the item columns of a
// multi-select question being one — and check accepts it for the export
// it came from: no question without a column, no column left unused but
// the free text the draft names, no answer outside its scale.
func TestInitPassesCheck(t *testing.T) {
	tests := []struct {
		export, structure string
		questions, multi  int
		unused            []string // columns left out, by header
		codebook          bool
	}{
		{export: "limesurvey.csv", questions: 7, multi: 1, unused: []string{"G02Q03[other]"}},
		{export: "limesurvey.csv", structure: "limesurvey_survey_123456.lss", questions: 7, multi: 1, unused: []string{"G02Q03[other]"}, codebook: true},
		{export: "limesurvey.csv", structure: "survey_123456_R_syntax_file.R", questions: 7, multi: 1, unused: []string{"G02Q03[other]"}, codebook: true},
		{export: "limesurvey.csv", structure: "survey_123456_SPSS_syntax_file.sps", questions: 7, multi: 1, unused: []string{"G02Q03[other]"}, codebook: true},
		{export: "limesurvey_codetext.csv", questions: 7, multi: 1, unused: []string{"G02Q03[other]. Welche Bezahlverfahren bieten Sie an? [Sonstiges]"}},
		{export: "sosci.csv", questions: 7, multi: 1},
		{export: "sosci.csv", structure: "sosci_import_kommunen.r", questions: 7, multi: 1, codebook: true},
		{export: "qualtrics.csv", questions: 7, multi: 1, unused: []string{"ExternalReference | External Data Reference"}},
		{export: "qualtrics_legacy.csv", questions: 7, multi: 1, unused: []string{"V4 | ExternalDataReference"}},
		{export: "surveymonkey.csv", questions: 7, multi: 1},
		{export: "googleforms.csv", questions: 7, multi: 1},
		{export: "msforms.xlsx", questions: 7, multi: 1},
		{export: "excel_de.csv", questions: 7, multi: 1},
		{export: "excel.xlsx", questions: 7, multi: 1},
		{export: "long.csv", questions: 7, multi: 1},
	}
	for _, tt := range tests {
		t.Run(tt.export+"+"+tt.structure, func(t *testing.T) {
			dir := t.TempDir()
			export := copyFixture(t, dir, tt.export)
			args := []string{"init", "-q", "-i", "2024=" + export}
			if tt.structure != "" {
				args = append(args, "--structure", filepath.Join("../../survey/testdata", tt.structure))
			}
			if _, stderr, code := MustRun(t, args...); code != exitOK {
				t.Fatalf("init: exit %d: %s", code, stderr)
			}
			cfg := filepath.Join(dir, "config.yaml")
			src, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			m, err := scoring.ParseModel(cfg, src)
			if err != nil {
				t.Fatal(err)
			}
			multi := 0
			for _, q := range m.Questions {
				if q.Scale.Kind == scoring.ScaleMulti {
					multi++
				}
			}
			if len(m.Questions) != tt.questions || multi != tt.multi {
				t.Errorf("%d questions (%d multi-select), want %d (%d)", len(m.Questions), multi, tt.questions, tt.multi)
			}
			if _, err := os.Stat(filepath.Join(dir, "config_codebook.yaml")); (err == nil) != tt.codebook {
				t.Errorf("codebook written: %v, want %v", err == nil, tt.codebook)
			}
			stdout, stderr, code := MustRun(t, "-c", cfg, "check", "--json")
			if code != exitOK {
				t.Fatalf("check: exit %d\n%s\n%s", code, stdout, stderr)
			}
			var rep struct {
				Inputs []struct {
					Columns []struct {
						Header, Role string
					} `json:"columns"`
					Missing []string `json:"questions_without_column"`
				} `json:"inputs"`
				Issues []struct{ Kind string } `json:"issue_list"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatal(err)
			}
			var unused []string
			for _, c := range rep.Inputs[0].Columns {
				if c.Role == "unused" {
					unused = append(unused, c.Header)
				}
			}
			if !slices.Equal(unused, tt.unused) || len(rep.Inputs[0].Missing) != 0 {
				t.Errorf("unused columns %q, questions without a column %v; want %q and none", unused, rep.Inputs[0].Missing, tt.unused)
			}
			for _, is := range rep.Issues {
				if is.Kind == "unknown_answer" || is.Kind == "out_of_range" || is.Kind == "missing_question" {
					t.Errorf("finding %s", is.Kind)
				}
			}
		})
	}
}

// TestInitUsesTheStructure: with LimeSurvey's structure the model gets
// its question texts, answer labels (the codebook translates the codes)
// and question groups; answers meaning "don't know" become missing codes.
func TestInitUsesTheStructure(t *testing.T) {
	dir := t.TempDir()
	export := copyFixture(t, dir, "limesurvey.csv")
	cfg := filepath.Join(dir, "modell.yaml")
	if _, stderr, code := MustRun(t, "init", "-q", "-i", "2024="+export, "--structure", "../../survey/testdata/limesurvey_survey_123456.lss", "-o", cfg); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	src, _ := os.ReadFile(cfg)
	for _, want := range []string{
		"  name: Digitale Verwaltung 2024\n",
		"    - {id: G01Q01, scale: antworten1, text: \"Gibt es eine beschlossene Digitalisierungsstrategie?\"}\n",
		"    - {id: \"G03Q01[SQ001]\", scale: antworten1, text: \"Informationssicherheit [Notfallkonzept]\"}\n",
		"    antworten1:\n      map:\n        ja: 1\n        teilweise: 0.5\n        nein: 0\n",
		"        - {code: SQ003, label: \"Kreditkarte, Debitkarte\"}\n",
		"      nicht zutreffend: not_applicable\n      weiß nicht: unknown\n",
		"    - id: strategie_steuerung\n      name: \"Strategie & Steuerung\"\n",
		"  codebook: modell_codebook.yaml\n",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("config lacks %q:\n%s", want, src)
		}
	}
	cb, _ := os.ReadFile(filepath.Join(dir, "modell_codebook.yaml"))
	if !strings.Contains(string(cb), "  antworten1:\n    A1: ja\n    A2: teilweise\n    A3: nein\n    WN: weiß nicht\n    NZ: nicht zutreffend\n") {
		t.Errorf("codebook:\n%s", cb)
	}
	// Nothing is replaced.
	_, stderr, code := MustRun(t, "init", "-q", "-i", "2024="+export, "-o", cfg)
	if code != exitBadInput || !strings.Contains(stderr, cfg+" exists: nothing was written") {
		t.Errorf("init over an existing config: exit %d, %s", code, stderr)
	}
}
