package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// TestStatusCatalogs checks the words of init, template, example and
// serve in both languages.
func TestStatusCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": statusTexts[scoring.German], "en": statusTexts[scoring.English]})
}

// TestCountNouns: a count takes its noun's singular for one and its
// plural for any other number ("1 codes", "1 Antworten wie 1.234 als ganze
// Zahlen gelesen" were written).
func TestCountNouns(t *testing.T) {
	de, en := statusTexts[scoring.German], statusTexts[scoring.English]
	model := func(cfg string) *scoring.Model {
		s, err := loadSettings(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s.Model
	}
	municipal, samm := model(repoConfig), model("../../example/samm/config.yaml")
	for _, tt := range []struct {
		got, want string
	}{
		{en.codes.of(scoring.English, 1), "1 code"},
		{en.codes.of(scoring.English, 0), "0 codes"},
		{en.codes.of(scoring.English, 419), "419 codes"},
		{de.codes.of(scoring.German, 1), "1 Zugangscode"},
		{en.revoked.of(scoring.English, 1), "revoked the code of 1 municipality\n"},
		{de.revoked.of(scoring.German, 2), "Zugangscodes von 2 Kommunen widerrufen\n"},
		{en.haveOne.of(scoring.English, 1), " (1 unit already has one; --reissue replaces it)"},
		{de.exported.of(scoring.German, 1), "1 eingereichter Fragebogen"},
		{de.exported.of(scoring.German, 3), "3 eingereichte Fragebögen"},
		{de.dimensions.of(scoring.German, 1), "1 Dimension"},
		// Thousands grouped as the language groups them: example wrote
		// "umfrage_2026.csv geschrieben (10786 Zeilen)".
		{de.rows.of(scoring.German, 10786), "10.786 Zeilen"},
		{en.rows.of(scoring.English, 10786), "10,786 rows"},
		{en.codes.of(scoring.English, 1000), "1,000 codes"},
		{de.revoked.of(scoring.German, 10786), "Zugangscodes von 10.786 Kommunen widerrufen\n"},
		// Of the model's units as the reports name them (speaking): serve
		// init said "419 Einheiten" of Saxony's municipalities.
		{unitNoun[scoring.German].speaking(scoring.German, scoring.UnitsOf(municipal, []scoring.Unit{{ID: "14521010"}})).of(scoring.German, 419), "419 Kommunen"},
		{unitNoun[scoring.English].speaking(scoring.English, scoring.UnitsOf(municipal, []scoring.Unit{{ID: "14521010"}})).of(scoring.English, 1), "1 municipality"},
		{unitNoun[scoring.German].speaking(scoring.German, scoring.UnitsOf(municipal, []scoring.Unit{{ID: "NORD"}})).of(scoring.German, 2), "2 Einheiten"},
		{de.revoked.speaking(scoring.German, scoring.UnitsOf(municipal, []scoring.Unit{{ID: "NORD"}})).of(scoring.German, 1), "Zugangscode von 1 Einheit widerrufen\n"},
		{en.revoked.speaking(scoring.English, scoring.UnitsOf(samm, []scoring.Unit{{ID: "NORD"}})).of(scoring.English, 2), "revoked the codes of 2 organisations\n"},
		{analyseTexts[scoring.German].Units.of(scoring.German, 10786), "10.786 Kommunen"},
		{analyseTexts[scoring.English].Units.of(scoring.English, 10786), "10,786 municipalities"},
		{en.questions.of(scoring.English, 1), "1 question"},
		{checkTexts[scoring.German].thousandsF.of(scoring.German, 1), " (1 Antwort wie 1.234 als ganze Zahl gelesen: die Spalte schreibt Dezimalkommas)"},
		{checkTexts[scoring.English].scored.of(scoring.English, 1), "1 question scored"},
		{analyseTexts[scoring.German].Units.of(scoring.German, 1), "1 Kommune"},
		{analyseTexts[scoring.English].Units.of(scoring.English, 418), "418 municipalities"},
		{de.skipped(survey.DraftSkipped{Reason: survey.SkipUnshared, Values: 6}), "Freitext: 6 verschiedene Antworten, keine zweimal gegeben"},
		{en.skipped(survey.DraftSkipped{Reason: survey.SkipRemarks, Values: 3}), "free text: remarks or comments by its header, answers mostly given once"},
		{(&problemsFound{1}).Error(), "1 problem found"},
		{(&problemsFound{2}).Error(), "2 problems found"},
		{strings.SplitN(nothingScored(&scoring.Results{Rejects: []scoring.Reject{{File: "a.csv", Row: 2, Reason: "x"}}}).Error(), "\n", 2)[0],
			"nothing to score: the one row was rejected"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

// TestInitSpeaksTheReportLanguage: init's summary was English while run,
// check, analyse and diff speak the report language (German unless
// --lang en); it now speaks it too, why the export was read as LimeSurvey's
// and why a column is no question included.
func TestInitSpeaksTheReportLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang      string
		want      []string
		forbidden *regexp.Regexp
	}{
		{"", []string{"modell.yaml geschrieben: 7 Fragen (1 mit Mehrfachauswahl) in ", " gelesen als limesurvey (",
			"  Spalte ", ": keine Frage: der Freitext einer Option „Sonstiges“\n", "Punkte, Gewichte und Stufen festlegen, dann: reifegrad -c "},
			regexp.MustCompile(`wrote|questions|not a question|read as|Set the points`)},
		{"en", []string{"modell.yaml: 7 questions (1 multi-select) in ", " read as limesurvey (",
			": not a question: the free text of an \"other\" option\n", "Set the points, weights and levels, then: reifegrad -c "},
			regexp.MustCompile(`geschrieben|Fragen|keine Frage|gelesen als|festlegen`)},
	} {
		t.Run("lang="+tt.lang, func(t *testing.T) {
			dir := t.TempDir()
			export := copyFixture(t, dir, "limesurvey.csv")
			args := []string{"init", "-i", "2024=" + export, "-o", filepath.Join(dir, "modell.yaml")}
			if tt.lang != "" {
				args = append(args, "--lang", tt.lang)
			}
			_, stderr, code := MustRun(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("no %q in\n%s", w, stderr)
				}
			}
			if m := tt.forbidden.FindString(stderr); m != "" {
				t.Errorf("%q in the %s summary:\n%s", m, tt.lang, stderr)
			}
			// The draft's comments are German in either case, the
			// reason for the tool among them.
			src, err := os.ReadFile(filepath.Join(dir, "modell.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(string(src), "\n"); !strings.Contains(first, "(limesurvey: Spalten ") {
				t.Errorf("the draft's first comment: %q", first)
			}
		})
	}
}
