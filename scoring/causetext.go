package scoring

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Reject says why row rj was not scored, in the describer's language.
// A reject without a Cause (an adapter that gave only English text) is
// shown as its Reason.
func (d Describer) Reject(rj Reject) string { return d.cause(rj.Cause, rj.Args, rj.Reason) }

// Issue says what a data-quality note found, in the describer's language;
// without a Cause, its Message.
func (d Describer) Issue(is Issue) string { return d.cause(is.Cause, is.Args, is.Message) }

func (d Describer) cause(c Cause, args []string, english string) string {
	f, ok := causeTexts[d.Lang][c]
	if !ok || c.Args() != len(args) {
		return english
	}
	vs := make([]any, len(args))
	for i, a := range args {
		if d.Lang == German && slices.Contains(figureArgs[c], i) {
			a = strings.Replace(a, ".", ",", 1)
		}
		if n, err := strconv.Atoi(a); err == nil && slices.Contains(countArgs[c], i) {
			a = d.Lang.Count(n)
		}
		if d.Lang == German && slices.Contains(dateArgs[c], i) {
			if t, err := time.Parse(time.DateOnly, a); err == nil {
				a = t.Format("02.01.2006")
			}
		}
		vs[i] = a
	}
	return fmt.Sprintf(f, vs...)
}

// figureArgs lists, per cause, the args that are figures reifegrad
// computed (written with a decimal point), not text of the input: they
// take the language's decimal mark ("59,7 % beantwortet").
var figureArgs = map[Cause][]int{CauseLowCoverage: {2, 3}}

// countArgs lists, per cause, the args that are counts (written 10786):
// they are grouped as the language groups them ("10.786 Kennungen",
// "höchstens 32.767"), as every count reifegrad prints. Row and column
// numbers are places, not counts, and stay as they are.
var countArgs = map[Cause][]int{
	CauseExtraFields: {0, 1}, CauseLongCell: {0, 1}, CauseLongID: {0, 1},
	CauseEncodingUTF8: {1}, CauseEncodingMixed: {1, 2}, CauseEncodingWindows1252: {1}, CauseEncodingMostlyWindows1252: {1, 2},
	CauseHiddenRows: {0}, CauseARSRead: {1},
}

// dateArgs lists, per cause, the args that are days (written 2025-01-01):
// German texts write them as every German output does, "01.01.2025".
var dateArgs = map[Cause][]int{CauseDissolved: {3}}

// causeTexts holds the sentence of each Cause per language. The verbs are
// indexed (%[2]s) and come in the same order in every language.
var causeTexts = map[Language]map[Cause]string{
	German: {
		CauseMalformedRow:       "Die Zeile ist kein gültiges CSV.",
		CauseExtraFields:        "Die Zeile hat %[1]s Felder, die Kopfzeile %[2]s: Werte jenseits der Kopfzeile gehören zu keiner Frage.",
		CauseEmptyRow:           "Leere Zeile.",
		CauseLongCell:           "Die Zelle enthält %[1]s Zeichen, erlaubt sind höchstens %[2]s (wie in Excel).",
		CauseNULByte:            "Die Zelle enthält ein NUL-Byte: Ist die Datei binär oder beschädigt?",
		CauseNotUTF8:            "Die Zelle ist kein gültiger UTF-8-Text: Ist die Datei anders kodiert? (survey.encoding)",
		CauseNoWave:             "Die Spalte der Welle (%[1]s) ist leer.",
		CauseDroppedIncomplete:  "%[1]s markiert die Antwort als nicht abgeschlossen; verworfen nach survey.incomplete: drop.",
		CauseNoName:             "Die Spalte des Namens (%[1]s) ist leer.",
		CauseUnknownName:        "„%[1]s“ steht nicht im Verzeichnis %[2]s.",
		CauseAmbiguousName:      "„%[1]s“ passt auf mehrere Gemeinden des Verzeichnisses %[2]s: %[3]s. Bitte AGS oder Landkreis angeben.",
		CauseNoID:               "Die Spalte der Kennung (%[1]s) ist leer.",
		CauseLongID:             "Die Kennung hat %[1]s Zeichen, erlaubt sind höchstens %[2]s.",
		CauseNotAGS:             "„%[1]s“ ist kein achtstelliger Amtlicher Gemeindeschlüssel (AGS).",
		CauseNotInRegister:      "Der AGS %[1]s steht nicht im Verzeichnis %[2]s.",
		CausePopulation:         "Die Einwohnerzahl „%[1]s“ ist keine ganze Zahl.",
		CauseDuplicateRow:       "%[1]s hat diese Welle auch in Zeile %[2]s beantwortet; nach der Regel %[3]s zählt diese Zeile nicht.",
		CauseDuplicateFile:      "%[1]s hat Welle %[2]s auch in %[3]s beantwortet; ohne Eingangszeiten, die beide unterscheiden, lässt sich nicht entscheiden, welche Antwort gilt: keine zählt.",
		CauseAmbiguousQuestion:  "Der Fragecode „%[1]s“ bezeichnet mehr als eine Frage.",
		CauseUnknownQuestion:    "Die Frage „%[1]s“ ist nicht im Modell.",
		CauseAnsweredTwice:      "%[1]s beantwortet Frage %[2]s in dieser Datei zweimal (Zeilen %[3]s und %[4]s): Welche Antwort zählt, ist unklar.",
		CauseEmptyQuestionnaire: "Leerer Fragebogen.",
		CauseNoIDCell:           "Die Zelle der Kennung (%[1]s) ist leer.",
		CauseNotAResponse:       "%[1]s markiert die Zeile als %[2]s (Status %[3]s): keine Antwort einer Gemeinde.",
		CauseUnknownStatus:      "%[1]s markiert die Zeile mit dem unbekannten Antworttyp „%[2]s“ (Status): Zeile löschen oder Status auf IP Address (0) setzen, wenn es eine echte Antwort ist.",

		CauseDuplicate:                 "%[1]s hat Welle %[2]s zweimal beantwortet (Zeilen %[3]s und %[4]s); Regel %[5]s.",
		CauseFaultyAnswer:              "Frage %[1]s: %[2]s markiert die Antwort „%[3]s“ als fehlerhaft; sie gilt als nicht beantwortet.",
		CauseNameMismatch:              "%[1]s: Die Datei nennt sie „%[2]s“, das Verzeichnis %[3]s „%[4]s“. Bitte den AGS prüfen.",
		CauseKeptIncomplete:            "%[1]s: %[2]s markiert die Antwort als nicht abgeschlossen; gewertet nach survey.incomplete: keep.",
		CauseMissingQuestion:           "Frage %[1]s hat keine Spalte in der Eingabe der Welle %[2]s.",
		CauseMissingOptional:           "Die optionale Frage %[1]s hat keine Spalte in der Eingabe der Welle %[2]s; ihre Antwort gilt in jeder Zeile als nicht gegeben.",
		CauseMissingQuestionNear:       "Frage %[1]s hat keine Spalte in der Eingabe der Welle %[2]s (meinten Sie die Spalte %[3]s?).",
		CauseMissingOptionalNear:       "Die optionale Frage %[1]s hat keine Spalte in der Eingabe der Welle %[2]s (meinten Sie die Spalte %[3]s?); ihre Antwort gilt in jeder Zeile als nicht gegeben.",
		CauseDenominatorZero:           "%[1]s: Frage %[2]s lässt sich nicht durch %[3]s teilen, das hier 0 ist; der Wert gilt als fehlend.",
		CauseDenominatorMissing:        "%[1]s: Frage %[2]s lässt sich nicht durch %[3]s teilen, das hier fehlt; der Wert gilt als fehlend.",
		CauseUndatedWaves:              "Gebietsänderungen lassen sich zwischen den Wellen %[1]s und %[2]s nicht einordnen: Bitte den Wellen ein Datum geben (model.waves).",
		CauseDissolved:                 "%[1]s (%[2]s) ging in %[3]s auf (am %[4]s, vor Welle %[5]s); die Antworten zählen unter %[1]s – gehören sie zu %[3]s?",
		CauseOtherQuestionnaire:        "%[1]s wurde mit einem anderen Fragebogen gelesen als dem der Welle %[2]s.",
		CauseLowCoverage:               "%[1]s: %[2]s nicht bewertet: %[3]s %% beantwortet, %[4]s %% nötig.",
		CauseUnknownAnswer:             "Frage %[1]s: Die Antwort „%[2]s“ gehört nicht zur Skala %[3]s; sie gilt als nicht beantwortet.",
		CauseOutOfRange:                "Frage %[1]s: „%[2]s“ liegt außerhalb des zulässigen Bereichs; gilt als nicht beantwortet.",
		CauseUnreachableLevel:          "Welle %[1]s stellt keine Frage zu %[2]s (%[3]s), doch Stufe %[4]s setzt dort ein Kriterium: Keine Einheit der Welle kann sie erreichen.",
		CauseEncodingSet:               "festgelegt durch survey.encoding",
		CauseEncodingBOMUTF8:           "die Datei beginnt mit der Bytereihenfolgemarke (BOM) von UTF-8",
		CauseEncodingBOMUTF16:          "die Datei beginnt mit einer Bytereihenfolgemarke (BOM) von UTF-16",
		CauseEncodingUTF16NoBOM:        "in den meisten Bytepaaren ein Nullbyte: UTF-16 ohne Bytereihenfolgemarke",
		CauseEncodingASCII:             "in %[1]s nur ASCII-Zeichen",
		CauseEncodingUTF8:              "in %[1]s sind alle Zeichen außerhalb von ASCII gültiges UTF-8 (%[2]s)",
		CauseEncodingMixed:             "in %[1]s gültige UTF-8-Zeichen: %[2]s, Bytes ohne gültiges UTF-8: %[3]s; die Zeilen mit diesen Bytes werden nicht gewertet (survey.encoding setzen, wenn die Datei anders kodiert ist)",
		CauseEncodingWindows1252:       "in %[1]s Bytes ohne gültiges UTF-8: %[2]s, kein gültiges UTF-8-Zeichen; also Windows-1252, wie Excel unter deutschem Windows CSV speichert",
		CauseEncodingMostlyWindows1252: "in %[1]s Bytes ohne gültiges UTF-8: %[3]s, gültige UTF-8-Zeichen nur %[2]s; also Windows-1252, wie Excel unter deutschem Windows CSV speichert",
		CauseFormatSet:                 "festgelegt durch survey.format",
		CauseFormatColumns:             "Spalten %[1]s",
		CauseFormatFirstColumn:         "erste Spalte %[1]s",
		CauseFormatGeneric:             "keine Verwaltungsspalten eines Umfragewerkzeugs",
		CauseFormatQualtricsNoTexts:    "Spalten StartDate, EndDate, … (ohne Zeile mit Fragetexten darunter)",
		CauseFormatQualtricsLegacy:     "älterer Export: V1, V2, … über ResponseID, ResponseSet, … in Zeile 2",
		CauseFormatQualtricsTexts:      "Spalten StartDate, EndDate, …; Fragetexte in Zeile 2",
		CauseFormatImportIDs:           "Import-IDs von Qualtrics in Zeile %[1]s",
		CauseFormatOptionsRow:          "Antwortoptionen in Zeile %[1]s",
		CauseFormatTextsRow:            "eine Zeile mit Fragetexten unter der Kopfzeile (Zeile %[1]s)",
		CauseFormatLong:                "survey.layout: long",
		CauseFormatTemplate:            "die definierten Namen von „reifegrad template“ (%[1]s)",
		CauseAmbiguousNumber:           "Frage %[1]s: „%[2]s“ ist mit Dezimaltrennzeichen eine Zahl mit Nachkommastellen, mit Tausendertrennzeichen eine ganze Zahl; sie gilt als nicht beantwortet. Bitte in der Skala %[3]s decimal: comma (deutsche Schreibweise) oder decimal: point angeben.",
		CausePercentAnswer:             "Frage %[1]s: „%[2]s“ ist ein Prozentwert, die Skala %[3]s reicht aber nicht von 0 bis 100; die Antwort gilt als nicht beantwortet.",
		CauseFormulaNoValue:            "Frage %[1]s: Die Zelle %[2]s enthält eine Formel ohne gespeicherten Wert (die Arbeitsmappe wurde von einem Programm geschrieben oder ohne Berechnung gespeichert); die Antwort gilt als nicht beantwortet. In Excel öffnen und speichern, dann werden die Werte gespeichert.",
		CauseModelChanged:              "Welle %[1]s: %[2]s hat unter dem Modell mit der Kennung %[3]s eingereicht und wird jetzt nach dem seither geänderten Modell %[4]s bewertet: Die Zahlen weichen von denen ab, die bei der Einreichung angezeigt wurden.",
		CauseMergedCell:                "Frage %[1]s: Die Zelle %[2]s liegt im verbundenen Bereich %[3]s; Excel zeigt dort den Wert von %[4]s, die Datei enthält keinen: Die Antwort gilt als nicht beantwortet. Bitte die Zellen trennen und jeder Zeile ihre Antwort geben.",
		CauseHiddenRows:                "In der Arbeitsmappe ausgeblendete Zeilen (ein Filter, eine Gruppierung), %[1]s: %[2]s; sie werden wie jede Zeile gelesen. Zeilen, die nicht zählen sollen, bitte löschen.",
		CauseARSRead:                   "Spalte %[1]s enthält Regionalschlüssel (ARS, 12 Ziffern) statt AGS – Anzahl: %[2]s, der erste in Zeile %[3]s; jeder wird als AGS aus seinen ersten fünf und letzten drei Ziffern gelesen.",
	},
	English: {
		CauseMalformedRow:       "The row is not valid CSV.",
		CauseExtraFields:        "The row has %[1]s fields, the header %[2]s: values beyond the header belong to no question.",
		CauseEmptyRow:           "Empty row.",
		CauseLongCell:           "The cell holds %[1]s characters, at most %[2]s are allowed (as in Excel).",
		CauseNULByte:            "The cell holds a NUL byte: is the file binary or damaged?",
		CauseNotUTF8:            "The cell is not valid UTF-8 text: is the file in another encoding? (survey.encoding)",
		CauseNoWave:             "The wave column (%[1]s) is empty.",
		CauseDroppedIncomplete:  "%[1]s marks the response unfinished; dropped by survey.incomplete: drop.",
		CauseNoName:             "The name column (%[1]s) is empty.",
		CauseUnknownName:        "“%[1]s” is not in register %[2]s.",
		CauseAmbiguousName:      "“%[1]s” fits several municipalities of register %[2]s: %[3]s. Give the AGS or the district.",
		CauseNoID:               "The id column (%[1]s) is empty.",
		CauseLongID:             "The id has %[1]s characters, at most %[2]s are allowed.",
		CauseNotAGS:             "“%[1]s” is not an 8-digit AGS.",
		CauseNotInRegister:      "AGS %[1]s is not in register %[2]s.",
		CausePopulation:         "The population “%[1]s” is not a whole number.",
		CauseDuplicateRow:       "%[1]s answered this wave in row %[2]s too; under policy %[3]s this row does not count.",
		CauseDuplicateFile:      "%[1]s answered wave %[2]s at %[3]s too; without receipt times that tell the two apart it cannot be decided which counts, so neither does.",
		CauseAmbiguousQuestion:  "The question code “%[1]s” names more than one question.",
		CauseUnknownQuestion:    "Question “%[1]s” is not in the model.",
		CauseAnsweredTwice:      "%[1]s answers question %[2]s twice in this file (rows %[3]s and %[4]s): which answer counts is not clear.",
		CauseEmptyQuestionnaire: "Empty questionnaire.",
		CauseNoIDCell:           "The id cell (%[1]s) is empty.",
		CauseNotAResponse:       "%[1]s marks the row as %[2]s (Status %[3]s): not a response.",
		CauseUnknownStatus:      "%[1]s marks the row with the unknown response type “%[2]s” (Status): delete the row or set Status to IP Address (0) if it is a real response.",

		CauseDuplicate:                 "%[1]s answered wave %[2]s twice (rows %[3]s and %[4]s); policy %[5]s.",
		CauseFaultyAnswer:              "Question %[1]s: %[2]s marks the answer “%[3]s” as faulty; treated as not answered.",
		CauseNameMismatch:              "%[1]s: the file names it “%[2]s”, register %[3]s “%[4]s”. Check the AGS.",
		CauseKeptIncomplete:            "%[1]s: %[2]s marks the response unfinished; kept by survey.incomplete: keep.",
		CauseMissingQuestion:           "Question %[1]s has no column in the input of wave %[2]s.",
		CauseMissingOptional:           "Optional question %[1]s has no column in the input of wave %[2]s; its answer counts as not given in every row.",
		CauseMissingQuestionNear:       "Question %[1]s has no column in the input of wave %[2]s (did you mean column %[3]s?).",
		CauseMissingOptionalNear:       "Optional question %[1]s has no column in the input of wave %[2]s (did you mean column %[3]s?); its answer counts as not given in every row.",
		CauseDenominatorZero:           "%[1]s: question %[2]s cannot be divided by %[3]s, which is 0 here; its number is treated as missing.",
		CauseDenominatorMissing:        "%[1]s: question %[2]s cannot be divided by %[3]s, which is missing here; its number is treated as missing.",
		CauseUndatedWaves:              "Territorial changes cannot be placed between waves %[1]s and %[2]s: give the waves dates (model.waves).",
		CauseDissolved:                 "%[1]s (%[2]s) became part of %[3]s (on %[4]s, before wave %[5]s); its answers are scored under %[1]s — should they be %[3]s's?",
		CauseOtherQuestionnaire:        "%[1]s was read against another questionnaire than wave %[2]s's.",
		CauseLowCoverage:               "%[1]s: %[2]s not scored: %[3]s %% answered, %[4]s %% needed.",
		CauseUnknownAnswer:             "Question %[1]s: the answer “%[2]s” is not in scale %[3]s; treated as not answered.",
		CauseOutOfRange:                "Question %[1]s: “%[2]s” is out of range; treated as not answered.",
		CauseUnreachableLevel:          "Wave %[1]s asks no question of %[2]s (%[3]s), but level %[4]s sets a criterion there: no unit of the wave can reach it.",
		CauseEncodingSet:               "set by survey.encoding",
		CauseEncodingBOMUTF8:           "it starts with the UTF-8 byte order mark",
		CauseEncodingBOMUTF16:          "it starts with a UTF-16 byte order mark",
		CauseEncodingUTF16NoBOM:        "a zero byte in most pairs of bytes: UTF-16 without byte order mark",
		CauseEncodingASCII:             "%[1]s is plain ASCII",
		CauseEncodingUTF8:              "in %[1]s every character beyond ASCII is valid UTF-8 (%[2]s)",
		CauseEncodingMixed:             "in %[1]s, characters valid in UTF-8: %[2]s, bytes that are not: %[3]s; the rows holding those are rejected (set survey.encoding if the file is in another encoding)",
		CauseEncodingWindows1252:       "in %[1]s, bytes that are not UTF-8: %[2]s, valid UTF-8 characters: none; so Windows-1252, as Excel saves CSV on German Windows",
		CauseEncodingMostlyWindows1252: "in %[1]s, bytes that are not UTF-8: %[3]s, valid UTF-8 characters only %[2]s; so Windows-1252, as Excel saves CSV on German Windows",
		CauseFormatSet:                 "set by survey.format",
		CauseFormatColumns:             "columns %[1]s",
		CauseFormatFirstColumn:         "first column %[1]s",
		CauseFormatGeneric:             "no survey tool's bookkeeping columns",
		CauseFormatQualtricsNoTexts:    "columns StartDate, EndDate, … (no row of question texts below them)",
		CauseFormatQualtricsLegacy:     "legacy export: V1, V2, … over ResponseID, ResponseSet, … in row 2",
		CauseFormatQualtricsTexts:      "columns StartDate, EndDate, …; question texts in row 2",
		CauseFormatImportIDs:           "Qualtrics import ids in row %[1]s",
		CauseFormatOptionsRow:          "options in row %[1]s",
		CauseFormatTextsRow:            "a row of question texts below the header (row %[1]s)",
		CauseFormatLong:                "survey.layout: long",
		CauseFormatTemplate:            "the defined names of 'reifegrad template' (%[1]s)",
		CauseAmbiguousNumber:           "Question %[1]s: “%[2]s” is a number with decimals if its separator marks decimals, a whole number if it separates thousands; treated as not answered. Set decimal: comma (German) or decimal: point on scale %[3]s.",
		CausePercentAnswer:             "Question %[1]s: “%[2]s” is a percentage, but scale %[3]s does not run from 0 to 100; treated as not answered.",
		CauseFormulaNoValue:            "Question %[1]s: cell %[2]s holds a formula without a stored value (the workbook was written by a program or saved without calculating); treated as not answered. Open it in Excel and save it to store the values.",
		CauseModelChanged:              "Wave %[1]s: %[2]s submitted under the model with fingerprint %[3]s and is now scored under the model %[4]s, edited since: its figures differ from those shown at submission.",
		CauseMergedCell:                "Question %[1]s: cell %[2]s lies in the merged range %[3]s; Excel shows the value of %[4]s there, the file holds none: treated as not answered. Unmerge the cells and give each row its answer.",
		CauseHiddenRows:                "Rows hidden in the workbook (a filter, a grouping), %[1]s: %[2]s; they are read like every row. Delete those that should not count.",
		CauseARSRead:                   "Column %[1]s holds regional keys (ARS, 12 digits) instead of AGS — count: %[2]s, the first in row %[3]s; each is read as the AGS of its first five and last three digits.",
	},
}

// Encoding says why a CSV file was read in its encoding, in the
// describer's language; without a cause, the importer's English.
func (d Describer) Encoding(in InputFile) string {
	args := in.EncodingArgs
	if c := in.EncodingCause; c >= CauseEncodingASCII && c <= CauseEncodingMostlyWindows1252 && len(args) > 0 {
		scope := encodingScope[d.Lang][0]
		if args[0] != "" {
			scope = fmt.Sprintf(encodingScope[d.Lang][1], args[0])
		}
		args = append([]string{scope}, args[1:]...)
	}
	return d.cause(in.EncodingCause, args, in.EncodingReason)
}

// encodingScope words the part of a file whose text decided its encoding:
// the whole file, or its first MiB (the German in the dative, after "in").
var encodingScope = map[Language][2]string{
	German:  {"der Datei", "den ersten %s MiB der Datei"},
	English: {"the file", "the first %s MiB of the file"},
}

// Format says why an input was read as its format, in the describer's
// language; an input without its parts said (or with a part the catalogue
// does not know) keeps the importer's English.
func (d Describer) Format(in InputFile) string {
	if len(in.FormatSaid) == 0 {
		return in.FormatReason
	}
	parts := make([]string, len(in.FormatSaid))
	for i, p := range in.FormatSaid {
		parts[i] = d.cause(p.Cause, p.Args, "")
		if parts[i] == "" {
			return in.FormatReason
		}
	}
	return strings.Join(parts, "; ")
}
