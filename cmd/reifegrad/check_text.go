package main

import (
	"time"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// checkText holds the words of check's listing in one language: it
// follows report.language (--lang), as the run summary does. What the
// importers and scoring say (why a file was read as it was, a rejected
// row, a finding) comes from scoring.Describer; check --json stays
// English, with stable keys.
type checkText struct {
	lang        scoring.Language // the catalog's, for its counts (noun.of)
	validF      string           // %s config, %q model, %s questions scored (scored)
	scored      noun
	contextF    string // %d questions for information only
	dimensionsF string // %d dimensions
	dimensionF  string // the same for one
	readAsF     string // %s file, %s format, %s why
	headerRowsF string // %d first, %d last header row
	headerRowF  string // %d header row
	missingF    string // %s questions
	rejectedF   string // %s place, %s reason
	question    string // "→ question %s" without the code
	thousandsF  noun   // after question: how many answers had a thousands separator
	thousandCF  noun   // the same for English thousands ("1,234")
	thousandXF  noun   // the same for both, each by its question (long layout)
	itemF       string // %s question, %s item
	toolsF      string // %s what the tool's column means
	units       checkUnitWords
	wave        string
	questionOfF string // %s column's meaning
	questionsF  string // %s number of questions the long layout's code column names
	questionF   string // the same for one
	answerOf    string
	unused      string
	bookkeeping map[string]string // survey's English names of the tools' columns
	wavesF      string            // %s from, %s to, %d compared, %d asked by either wave
	changes     [6]string         // renamed, rescaled, new, dropped, split, merged
	mergedIntoF string            // %s unit, %s successor, %s date
	renumberedF string            // %s unit, %s new key, %s date
	dateLayout  string            // a day: ISO in English, "01.01.2025" in German, as the pages write it
}

// checkUnitWords are check's words that name the units, written of
// municipalities as the reports' catalogs are; check's listing speaks of
// the model's units through nouns.Rewrite (scoring.Results.UnitNouns): the
// column map named the AGS column of Saxony's municipalities "Kennung der
// Einheit" while every other output says Kommune.
type checkUnitWords struct {
	ID        string                        // the unit id column
	Role      map[scoring.ColumnRole]string // name, district, population columns
	Attribute string                        // before an attribute column's name
	Long      string                        // the long layout: a row per unit, question and answer
	Prefix    string                        // before a succession in the listing
}

// words is t speaking of r's units.
func (t checkText) words(r *scoring.Results) checkText {
	one, many := r.UnitNouns(t.lang)
	t.units = *nouns.Rewrite(&t.units, nouns.Replacer(t.lang, one, many))
	return t
}

var checkTexts = map[scoring.Language]checkText{
	scoring.English: {
		lang:        scoring.English,
		validF:      "%s: model %q is valid (%s",
		scored:      noun{"%s question scored", "%s questions scored"},
		contextF:    ", %d for information only",
		dimensionsF: ", %d dimensions)\n",
		dimensionF:  ", 1 dimension)\n",
		readAsF:     "%s: read as %s (%s)",
		headerRowsF: "; header in rows %d–%d",
		headerRowF:  "; header in row %d",
		missingF:    "  questions without a column: %s\n",
		rejectedF:   "%s: rejected: %s\n",
		question:    "→ question ",
		thousandsF: noun{" (%s answer such as 1.234 read as a whole number: the column writes decimal commas)",
			" (%s answers such as 1.234 read as whole numbers: the column writes decimal commas)"},
		thousandCF: noun{" (%s answer such as 1,234 read as a whole number: the column writes decimal points)",
			" (%s answers such as 1,234 read as whole numbers: the column writes decimal points)"},
		thousandXF: noun{" (%s answer such as 1.234 or 1,234 read as a whole number: as the other answers to its question write decimals)",
			" (%s answers such as 1.234 or 1,234 read as whole numbers: as the other answers to their question write decimals)"},
		itemF:  "→ question %s, item %s",
		toolsF: "the tool's %s",
		units: checkUnitWords{ID: "municipality id", Attribute: "municipality attribute ", Long: "; one row per municipality, question and answer",
			Prefix: "municipality ", Role: map[scoring.ColumnRole]string{scoring.ColumnName: "municipality name",
				scoring.ColumnDistrict: "municipality district", scoring.ColumnPopulation: "municipality population"}},
		wave:        "wave",
		questionOfF: "the question of each row (%s)",
		answerOf:    "the answer of each row",
		unused:      "unused",
		wavesF:      "Waves %s → %s: changes compare %d of the %d scored questions of the two waves (those asked the same way in both)\n",
		changes:     [6]string{"renamed", "rescaled (earlier answers mapped onto the new scale)", "new", "dropped", "split", "merged"},
		mergedIntoF: "%s merged into %s on %s",
		renumberedF: "%s renumbered as %s on %s",
		dateLayout:  time.DateOnly,
	},
	scoring.German: {
		lang:        scoring.German,
		validF:      "%s: Modell %q ist gültig (%s",
		scored:      noun{"%s bewertete Frage", "%s bewertete Fragen"},
		contextF:    ", %d nur zur Information",
		dimensionsF: ", %d Dimensionen)\n",
		dimensionF:  ", 1 Dimension)\n",
		readAsF:     "%s: gelesen als %s (%s)",
		headerRowsF: "; Kopfzeilen %d–%d",
		headerRowF:  "; Kopfzeile %d",
		missingF:    "  Fragen ohne Spalte: %s\n",
		rejectedF:   "%s: nicht gewertet: %s\n",
		question:    "→ Frage ",
		thousandsF: noun{" (%s Antwort wie 1.234 als ganze Zahl gelesen: die Spalte schreibt Dezimalkommas)",
			" (%s Antworten wie 1.234 als ganze Zahlen gelesen: die Spalte schreibt Dezimalkommas)"},
		thousandCF: noun{" (%s Antwort wie 1,234 als ganze Zahl gelesen: die Spalte schreibt Dezimalpunkte)",
			" (%s Antworten wie 1,234 als ganze Zahlen gelesen: die Spalte schreibt Dezimalpunkte)"},
		thousandXF: noun{" (%s Antwort wie 1.234 oder 1,234 als ganze Zahl gelesen: wie die übrigen Antworten ihrer Frage Dezimalstellen schreiben)",
			" (%s Antworten wie 1.234 oder 1,234 als ganze Zahlen gelesen: wie die übrigen Antworten ihrer Frage Dezimalstellen schreiben)"},
		itemF:  "→ Frage %s, Eintrag %s",
		toolsF: "Spalte des Werkzeugs: %s",
		units: checkUnitWords{ID: "Kennung der Kommune", Attribute: "Merkmal der Kommune: ", Long: "; eine Zeile je Kommune, Frage und Antwort",
			Role: map[scoring.ColumnRole]string{scoring.ColumnName: "Name der Kommune",
				scoring.ColumnDistrict: "Landkreis der Kommune", scoring.ColumnPopulation: "Einwohnerzahl der Kommune"}},
		wave:        "Welle",
		questionOfF: "die Frage jeder Zeile (%s)",
		questionsF:  "%s Fragen",
		questionF:   "1 Frage",
		answerOf:    "die Antwort jeder Zeile",
		unused:      "nicht verwendet",
		bookkeeping: map[string]string{"bookkeeping": "Verwaltung", "time": "Zeitpunkt",
			"submission time (empty: incomplete)":            "Zeitpunkt des Absendens (leer: nicht abgeschlossen)",
			"completion flag":                                "Kennzeichen „abgeschlossen“",
			"response type (previews, tests, spam rejected)": "Art der Antwort (Vorschau, Test und Spam nicht gewertet)"},
		wavesF:      "Wellen %s → %s: Veränderungen vergleichen %d der %d bewerteten Fragen der beiden Wellen (die in beiden gleich gestellten)\n",
		changes:     [6]string{"umbenannt", "neu skaliert (frühere Antworten auf die neue Skala abgebildet)", "neu", "entfallen", "geteilt", "zusammengelegt"},
		mergedIntoF: "%s eingegliedert in %s am %s",
		renumberedF: "%s neu geschlüsselt als %s am %s",
		dateLayout:  "02.01.2006",
	},
}
