package scoring_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMethodology compares the generated methodology texts with golden
// files, one paragraph a line; run with -update to rewrite them and review
// the diff.
func TestMethodology(t *testing.T) {
	models := map[string]string{
		"features":  "testdata/features.yaml",
		"mini":      "testdata/mini.yaml",
		"samm":      "../example/samm/config.yaml",
		"odm":       "../example/odm/config.yaml",
		"coinr":     "../example/coinr/config.yaml",
		"treatment": "testdata/treatment.yaml",
	}
	for name, file := range models {
		m := MustModel(t, file)
		for _, lang := range []scoring.Language{scoring.German, scoring.English} {
			t.Run(name+"."+lang.String(), func(t *testing.T) {
				got := strings.Join(scoring.Methodology(m, lang), "\n\n") + "\n"
				golden := filepath.Join("testdata", "methodology", name+"."+lang.String()+".txt")
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("Methodology(%s, %s) differs from %s:\n%s", name, lang, golden, got)
				}
			})
		}
	}
}
