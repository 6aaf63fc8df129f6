package scoring_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMethodology compares the generated methodology texts of each model
// as "reifegrad model" prints them (of the model's units, every peer group
// declared: nouns.ModelMethodology) with golden files, one paragraph a
// line; run with -update to rewrite them and review the diff. The
// outputs' (Results.Methodology) leave out peer groups no unit is in:
// TestPresence.
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
				got := strings.Join(nouns.ModelMethodology(m, lang), "\n\n") + "\n"
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

// TestMethodologyCounts: the introduction's counts take their noun's
// singular or plural, and the verbs agree ("1 Dimensionen" was written for
// a model of one dimension). The counts by hand from each model.
func TestMethodologyCounts(t *testing.T) {
	const head = "model:\n  name: M\n  levels:\n    method: threshold\n    bands: [{level: 1, name: A, min: 0}]\n" +
		"  scales:\n    jn: {map: {ja: 1, nein: 0}}\n"
	for _, tt := range []struct {
		name, model, de, en string
	}{
		{"one of each", head + "  questions: [{id: Q1, scale: jn}]\n  dimensions:\n    - id: d\n      indicators: [{id: i, question: Q1}]\n",
			"Das Modell „M“ wertet eine Frage aus. Sie bildet einen Indikator, der in einer Dimension zusammengefasst wird.",
			"The model “M” evaluates one question. It forms one indicator, grouped into one dimension."},
		{"two questions, one indicator", head + "  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]\n  dimensions:\n    - id: d\n" +
			"      indicators: [{id: i, questions: [Q1, Q2]}]\n",
			"Das Modell „M“ wertet 2 Fragen aus. Sie bilden einen Indikator, der in einer Dimension zusammengefasst wird.",
			"The model “M” evaluates 2 questions. They form one indicator, grouped into one dimension."},
		{"two of each", head + "  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}]\n  dimensions:\n" +
			"    - {id: d, indicators: [{id: i, question: Q1}]}\n    - {id: e, indicators: [{id: j, question: Q2}]}\n",
			"Das Modell „M“ wertet 2 Fragen aus. Sie bilden 2 Indikatoren, die in 2 Dimensionen zusammengefasst werden.",
			"The model “M” evaluates 2 questions. They form 2 indicators, grouped into 2 dimensions."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("m.yaml", []byte(tt.model))
			if err != nil {
				t.Fatal(err)
			}
			for lang, want := range map[scoring.Language]string{scoring.German: tt.de, scoring.English: tt.en} {
				if got := scoring.Methodology(m, lang)[0]; !strings.HasPrefix(got, want) {
					t.Errorf("%s: %q\nwant %q", lang, got, want)
				}
			}
		})
	}
}

// TestDefaultSizeClassesInModelLanguage: the default size classes are
// named in the model's language, as the default peer groups are: an
// English model's pages read "unter 5.000" beside "Size class".
func TestDefaultSizeClassesInModelLanguage(t *testing.T) {
	const model = "model:\n  name: M\n  language: %s\n  levels:\n    method: threshold\n    bands: [{level: 1, name: A, min: 0}]\n" +
		"  scales:\n    jn: {map: {ja: 1, nein: 0}}\n  questions: [{id: Q1, scale: jn}]\n  dimensions:\n    - id: d\n      indicators: [{id: i, question: Q1}]\n"
	for _, tt := range []struct {
		lang, first, last string
		pop               int
		class             string
	}{
		{"de", "unter 5.000", "500.000 und mehr", 7500, "5.000 bis unter 10.000"},
		{"en", "under 5,000", "500,000 and more", 7500, "5,000 to under 10,000"},
	} {
		m, err := scoring.ParseModel("m.yaml", []byte(strings.Replace(model, "%s", tt.lang, 1)))
		if err != nil {
			t.Fatal(err)
		}
		cs := m.SizeClasses
		if len(cs) != 7 || cs[0].Name != tt.first || cs[6].Name != tt.last || m.SizeClass(tt.pop) != tt.class {
			t.Errorf("%s: size classes %v; %d inhabitants in %q, want %q … %q and %q", tt.lang, cs, tt.pop, m.SizeClass(tt.pop), tt.first, tt.last, tt.class)
		}
	}
}

// TestMethodologyNamesImputeMinimum: the methodology says from how many
// values a missing one is imputed (report.min_group_size, ImputeFrom), for
// the policy and for numbers, as the engine decides it.
func TestMethodologyNamesImputeMinimum(t *testing.T) {
	tests := []struct {
		file string
		min  int
		lang scoring.Language
		want []string
	}{
		{"testdata/features.yaml", 0, scoring.German, []string{"sofern es mindestens 5 sind", "haben auch dort weniger als 5 einen Wert"}},
		{"testdata/features.yaml", 10, scoring.German, []string{"sofern es mindestens 10 sind", "haben auch dort weniger als 10 einen Wert"}},
		{"testdata/features.yaml", 3, scoring.English, []string{"if at least 3 do", "where fewer than 3 have one there too"}},
		{"testdata/treatment.yaml", 7, scoring.German, []string{"hat die Gruppe weniger als 7 Zahlen", "wenn sie mindestens 7 Zahlen hat"}},
		// At 1 the sentences say "no number", not "fewer than 1 numbers".
		{"testdata/treatment.yaml", 1, scoring.English, []string{"when the group has no number; when the wave has none either", "when it has any number, else"}},
		{"testdata/treatment.yaml", 1, scoring.German, []string{"hat die Gruppe keine Zahl, durch den der ganzen Welle; hat auch diese keine", "wenn sie eine Zahl hat, sonst"}},
		// The mean takes the place of the missing value (the German said the
		// missing indicator replaced the mean), and a donor's value rests on
		// no imputed one: a dimension with an imputed indicator gives none
		// (recomputed: the example under policy impute, 3,321 scores of 2028
		// agree only so).
		{"testdata/features.yaml", 1, scoring.German, []string{"tritt an die Stelle eines fehlenden Indikators oder einer fehlenden Dimension der Mittelwert", "die dort einen Wert haben (ohne eingesetzte Werte und Werte, in die eingesetzte eingehen), sonst der Mittelwert", "hat auch dort keine einen Wert, bleibt der Wert fehlend"}},
		{"testdata/features.yaml", 0, scoring.German, []string{"tritt an die Stelle eines fehlenden Indikators", "sonst der Mittelwert aller Kommunen der Welle; haben auch dort weniger als 5 einen Wert, bleibt der Wert fehlend"}},
		{"testdata/features.yaml", 1, scoring.English, []string{"that have a value there (leaving out imputed values and values that rest on them), else by", "where none has one there either"}},
	}
	for _, tt := range tests {
		m := MustModel(t, tt.file)
		m.MinGroupSize = tt.min
		got := strings.Join(scoring.Methodology(m, tt.lang), "\n")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s, min %d, %v: no %q in\n%s", tt.file, tt.min, tt.lang, w, got)
			}
		}
		for _, bad := range []string{"%!", "than 1 ", "als 1 ", "least 1 ", "mindestens 1 "} {
			if strings.Contains(got, bad) {
				t.Errorf("%s, min %d, %v: %q in\n%s", tt.file, tt.min, tt.lang, bad, got)
			}
		}
	}
}
