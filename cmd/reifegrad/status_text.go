package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// statusText holds the words of the lines init, template, example and
// serve print when they have done something: in the report language
// (--lang, report.language), as the run summary, check, analyse, diff and
// the progress line speak it. Error messages and warnings stay English.
type statusText struct {
	wroteF      string // %s file
	wroteWhatF  string // %s file, %s what: "wrote x (12 questions)"
	wroteListF  string // %s file, %s what: "wrote x: 3 codes"
	questions   noun
	rows        noun
	dimensions  noun
	scales      noun
	initF       string // %s questions, %d multi-select, %s dimensions, %s scales, %s rows, %s platform, %s why
	codebookF   string // %s file
	skippedF    string // %d column, %s header, %s why
	skipWhy     map[survey.SkipReason]string
	skipManyF   string // %d different answers
	skipRemarks string
	skipUnshF   string // %d different answers
	initNextF   string // %s config
	exampleNext string // %s config
	registerF   string // %s database, %s units, %s register
	keptF       string // %s units of the register, %s kept from before
	passwordSet string
	serveNext   string
	password    string
	again       string
	codes       noun
	haveOne     noun   // units that have a code already
	revoked     noun   // units whose codes were revoked
	exported    noun   // submitted questionnaires
	ofWaveF     string // %s exported, %s wave
}

// noun is a count's noun in the singular and the plural, each with a %s
// for the count: "1 question", "12 questions".
type noun [2]string

// of is k with its noun, k written as language l groups thousands
// (Language.Count): "10.786 Zeilen", "10,786 codes" — "10786" read
// against the language, beside check's "Gelesene Zeilen: 10.789".
func (n noun) of(l scoring.Language, k int) string {
	if k == 1 {
		return fmt.Sprintf(n[0], l.Count(k))
	}
	return fmt.Sprintf(n[1], l.Count(k))
}

var statusTexts = map[scoring.Language]*statusText{
	scoring.English: {
		wroteF: "wrote %s\n", wroteWhatF: "wrote %s (%s)\n", wroteListF: "wrote %s: %s",
		questions:  noun{"%s question", "%s questions"},
		rows:       noun{"%s row", "%s rows"},
		dimensions: noun{"%s dimension", "%s dimensions"},
		scales:     noun{"%s scale", "%s scales"},
		initF:      "%s (%d multi-select) in %s, %s, from %s read as %s (%s)",
		codebookF:  "wrote %s: the export's answer codes for the labels of the model\n",
		skippedF:   "  column %d %s: not a question: %s\n",
		skipWhy: map[survey.SkipReason]string{survey.SkipOtherText: "the free text of an \"other\" option",
			survey.SkipFreeText: "a free text question", survey.SkipDates: "dates or times, not answers",
			survey.SkipNoAnswers: "no answers to learn the question's answers from"},
		skipManyF:   "free text (%d different answers or more)",
		skipRemarks: "free text: remarks or comments by its header, answers mostly given once",
		skipUnshF:   "free text: %d different answers, none given twice",
		initNextF:   "Set the points, weights and levels, then: reifegrad -c %s check\n",
		exampleNext: "score it with: reifegrad -c %s\n",
		registerF:   "%s: %s (register %s",
		keptF:       ": %s, and %s kept from before",
		passwordSet: ", password set",
		serveNext:   ".\nNext: reifegrad serve codes -o zugangscodes.csv, then reifegrad serve\n",
		password:    "Password for the association (at least 12 characters): ",
		again:       "Again: ",
		codes:       noun{"%s code", "%s codes"},
		haveOne:     noun{" (%s unit already has one; --reissue replaces it)", " (%s units already have one; --reissue replaces them)"},
		revoked:     noun{"revoked the code of %s municipality\n", "revoked the codes of %s municipalities\n"},
		exported:    noun{"%s submitted questionnaire", "%s submitted questionnaires"},
		ofWaveF:     "%s of wave %s",
	},
	scoring.German: {
		wroteF: "%s geschrieben\n", wroteWhatF: "%s geschrieben (%s)\n", wroteListF: "%s geschrieben: %s",
		questions:  noun{"%s Frage", "%s Fragen"},
		rows:       noun{"%s Zeile", "%s Zeilen"},
		dimensions: noun{"%s Dimension", "%s Dimensionen"},
		scales:     noun{"%s Skala", "%s Skalen"},
		initF:      "%s (%d mit Mehrfachauswahl) in %s, %s, aus %s, gelesen als %s (%s)",
		codebookF:  "%s geschrieben: die Antwortcodes des Exports für die Antworten des Modells\n",
		skippedF:   "  Spalte %d %s: keine Frage: %s\n",
		skipWhy: map[survey.SkipReason]string{survey.SkipOtherText: "der Freitext einer Option „Sonstiges“",
			survey.SkipFreeText: "eine Freitextfrage", survey.SkipDates: "Daten oder Uhrzeiten, keine Antworten",
			survey.SkipNoAnswers: "keine Antworten, aus denen sich die Antworten der Frage ablesen lassen"},
		skipManyF:   "Freitext (%d verschiedene Antworten oder mehr)",
		skipRemarks: "Freitext: Bemerkungen oder Kommentare nach der Überschrift, Antworten meist nur einmal gegeben",
		skipUnshF:   "Freitext: %d verschiedene Antworten, keine zweimal gegeben",
		initNextF:   "Punkte, Gewichte und Stufen festlegen, dann: reifegrad -c %s check\n",
		exampleNext: "auswerten mit: reifegrad -c %s\n",
		registerF:   "%s: %s (Register %s",
		keptF:       ": %s, und %s von früher behalten",
		passwordSet: ", Passwort gesetzt",
		serveNext:   ".\nWeiter: reifegrad serve codes -o zugangscodes.csv, dann reifegrad serve\n",
		password:    "Passwort des Verbands (mindestens 12 Zeichen): ",
		again:       "Noch einmal: ",
		codes:       noun{"%s Zugangscode", "%s Zugangscodes"},
		haveOne:     noun{" (%s Einheit hat schon einen; --reissue ersetzt ihn)", " (%s Einheiten haben schon einen; --reissue ersetzt sie)"},
		revoked:     noun{"Zugangscode von %s Kommune widerrufen\n", "Zugangscodes von %s Kommunen widerrufen\n"},
		exported:    noun{"%s eingereichter Fragebogen", "%s eingereichte Fragebögen"},
		ofWaveF:     "%s der Welle %s",
	},
}

// unitNoun is the count noun of units in the lines of serve, written of
// municipalities as the reports' catalogs are (see speaking).
var unitNoun = map[scoring.Language]noun{scoring.English: {"%s municipality", "%s municipalities"}, scoring.German: {"%s Kommune", "%s Kommunen"}}

// speaking is n, written of municipalities, speaking of r's units as the
// reports do (scoring.Results.UnitNouns, nouns.Replacer): serve init said
// "419 Einheiten (Register sachsen)" of Saxony's municipalities, where
// every page and check say Kommunen.
func (n noun) speaking(l scoring.Language, r *scoring.Results) noun {
	one, many := r.UnitNouns(l)
	if rp := nouns.Replacer(l, one, many); rp != nil {
		return noun{rp.Replace(n[0]), rp.Replace(n[1])}
	}
	return n
}

// skipped words why a column of an export became no question.
func (t *statusText) skipped(s survey.DraftSkipped) string {
	switch s.Reason {
	case survey.SkipFreeTextAnswers:
		return fmt.Sprintf(t.skipManyF, s.Values)
	case survey.SkipRemarks:
		return t.skipRemarks
	case survey.SkipUnshared:
		return fmt.Sprintf(t.skipUnshF, s.Values)
	}
	if w, ok := t.skipWhy[s.Reason]; ok {
		return w
	}
	return s.Why
}

// flagLanguage is the report language of a command that reads no config
// (init): --lang, else REIFEGRAD_REPORT_LANGUAGE, else German, the default
// of report.language and the language of the config init drafts.
func flagLanguage(fs *pflag.FlagSet) (scoring.Language, error) {
	v := os.Getenv("REIFEGRAD_REPORT_LANGUAGE")
	if f := fs.Lookup("lang"); f != nil && f.Changed {
		v = f.Value.String()
	}
	l, err := scoring.ParseLanguage(v)
	if err != nil {
		return 0, &usageError{fmt.Errorf("--lang: %w", err)}
	}
	return l, nil
}
