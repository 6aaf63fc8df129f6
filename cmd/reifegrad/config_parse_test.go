package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestSettingsModelParsedOnce: loadSettings parses the file once for its
// settings and its model; the model of every config in the repository is
// the one scoring.ParseModel reads from the file on its own (as serve and
// diff read it).
func TestSettingsModelParsedOnce(t *testing.T) {
	for _, cfg := range []string{"../../config.yaml", "../../example/samm/config.yaml", "../../example/odm/config.yaml",
		"../../example/coinr/config.yaml", "testdata/rv06/config.yaml"} {
		t.Run(cfg, func(t *testing.T) {
			s, err := loadSettings(cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			want, err := scoring.ParseModel(cfg, src)
			if err != nil {
				t.Fatal(err)
			}
			want.MinGroupSize = s.Report.MinGroupSize
			if !reflect.DeepEqual(s.Model, want) {
				t.Errorf("the model of loadSettings differs from ParseModel's")
			}
		})
	}
}

// TestSettingsErrorOrder: with the file parsed once for the settings and
// the model, the errors come as they came: a file that is no
// YAML, then the settings', then the model's, then those of REIFEGRAD_*
// variables; a file without a document has no model section.
func TestSettingsErrorOrder(t *testing.T) {
	const model = "model:\n  name: X\n  levels: {bands: [{level: 1, name: A, min: 0}]}\n  scales: {jn: {map: {ja: 1}}}\n" +
		"  questions: [{id: Q1, scale: %s}]\n  dimensions: [{id: d, indicators: [{id: i, question: Q1}]}]\n"
	badModel, goodModel := fmt.Sprintf(model, "fehlt"), fmt.Sprintf(model, "jn")
	tests := []struct {
		name, config, env, want string
	}{
		{"empty file", "", "", `{cfg}: no model section`},
		{"a comment alone", "# nur ein Kommentar\n", "", `{cfg}: no model section`},
		{"no YAML", "report: [a\nmodel: {}\n", "", `{cfg}:2: did not find expected ',' or ']'`},
		{"setting before model", "report: {min_group_size: viele}\n" + badModel, "x",
			`{cfg}:1:26: report.min_group_size: want a whole number, got "viele"`},
		{"model before variable", badModel, "x", `{cfg}:5:15: model.questions[0]: question "Q1": unknown scale "fehlt"`},
		{"variable", "units: {municipalities: false}\n" + goodModel, "x",
			`REIFEGRAD_REPORT_MIN_GROUP_SIZE: report.min_group_size: want a whole number, got "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(cfg, []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.env != "" {
				t.Setenv("REIFEGRAD_REPORT_MIN_GROUP_SIZE", tt.env)
			}
			_, err := loadSettings(cfg, nil)
			if got, want := errText(err), strings.ReplaceAll(tt.want, "{cfg}", cfg); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}
