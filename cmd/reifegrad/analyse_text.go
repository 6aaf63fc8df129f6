package main

import (
	"math"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// analyseText holds the words of analyse's and diff's terminal text in one
// language: it follows report.language (--lang), as check and the run
// summary do, and so does the number format (fnum). Their --json stays
// English, with stable keys.
type analyseText struct {
	headF       string // %s model, %s wave, %d units with an overall score
	headHiddenF string // %s model, %s wave, %d units of a wave whose figures are hidden
	units       noun   // diff's count of units in both
	smallF      string // %d minimum group size
	relTitle    string
	relHead     [6]string // node, parts, n, alpha, PC1, the part least in line
	relSmallF   string    // %d minimum group size
	indTitle    string
	indHead     [7]string // indicator, n, missing, skewness, kurtosis, at 0, at 100
	indNoteF    string    // %d minimum group size
	flagsTitle  string
	noFlagsF    string // %s the |r| above which two parts are near-duplicates
	nearDup     string
	negInsideF  string // %s the node
	treatTitle  string
	treatHead   [6]string // question, n, imputed, winsorised low/high, log, skewness before → after
	robNone     string
	robSmallF   string // %d minimum group size
	robHeadF    string // %d variants, %d base draws, %d per base draw, %d seed
	robCols     [3]string
	shiftF      string // %s mean absolute rank shift
	neverVaries string
	keptF       string // %d units keeping their level, %d units with a level
	moreF       string // %d units not listed (after the list's indent)
	unitF       string // %s id, %s name, %s level, %s share, %d rank, %s, %s rank interval

	diffHeadF   string // %s old model, %s new model, %s wave, %s units (units)
	fingerprint string // the word before Model.Fingerprint
	diffSmallF  string // %d minimum group size
	rankCorrF   string // %s Spearman's rho
	shiftTitle  string
	shiftHead   [6]string // node, n, old, new, shift, |shift|
	changesF    string    // %d units whose level changes
	noLevel     string    // a unit without a level, as the reports name it
	hiddenF     string    // %d minimum group size, %s the nodes whose shift is withheld
}

var analyseTexts = map[scoring.Language]analyseText{
	scoring.English: {
		headF:       "%s, wave %s: %d units with an overall score\n",
		headHiddenF: "%s, wave %s: %d participants\n",
		units:       noun{"%d unit", "%d units"},
		smallF:      "\nFewer than %d units (report.min_group_size): no figure over the wave is shown.\n",
		relTitle:    "\nReliability of each node's parts (units with every part scored)\n",
		relHead:     [6]string{"node", "parts", "n", "alpha", "PC1", "part least in line (item-rest r; alpha without it)"},
		relSmallF:   "• fewer than %d units",
		indTitle:    "\nIndicators (scores 0–100)\n",
		indHead:     [7]string{"indicator", "n", "missing", "skewness", "kurtosis", "at 0", "at 100"},
		indNoteF:    "  • figures over fewer than %d units are not shown (report.min_group_size)\n",
		flagsTitle:  "\nFlagged correlations (Pearson)\n",
		noFlagsF:    "  none: no negative correlation inside a node, no pair with |r| > %s\n",
		nearDup:     "near-duplicates",
		negInsideF:  "negative inside %s",
		treatTitle:  "\nTreatment of numbers\n",
		treatHead:   [6]string{"question", "n", "imputed", "winsor. lo/hi", "", "skewness before → after"},
		robNone:     "\nRobustness: no uncertain choice is declared (analyse.uncertainty; see reifegrad analyse --help)\n",
		robSmallF:   "\nRobustness: fewer than %d units with an overall score: not computed\n",
		robHeadF:    "\nRobustness: %d variants (%d base draws × %d), seed %d\n",
		robCols:     [3]string{"uncertain input", "first-order", "total"},
		shiftF:      "  (of the mean absolute rank shift, %s ranks on average",
		neverVaries: "; it never varies, so no input matters",
		keptF:       "  units keeping their level in at least 90 %% of the variants: %d of %d\n",
		moreF:       "… and %d more (all of them with --json)\n",
		unitF:       "    %-10s %-24s level %s in %s of the variants; rank %d (5–95 %%: %s–%s)\n",

		diffHeadF:   "Old: %s\nNew: %s\nWave %s: %s in both\n",
		fingerprint: "fingerprint",
		diffSmallF:  "\nFewer than %d units scored under both (report.min_group_size): no figure over the wave is shown.\n",
		rankCorrF:   "\nRank correlation of the overall scores (Spearman): %s\n",
		shiftTitle:  "\nScore shift, new − old (units scored under both)\n",
		shiftHead:   [6]string{"node", "n", "old", "new", "shift", "|shift|"},
		changesF:    "\nUnits whose level changes: %d\n",
		noLevel:     "no level",
		hiddenF:     "  not shown (fewer than %d units, but some, scored under one model alone: report.min_group_size): %s\n",
	},
	scoring.German: {
		headF:       "%s, Welle %s: %d Einheiten mit Gesamtwert\n",
		headHiddenF: "%s, Welle %s: %d Teilnehmende\n",
		units:       noun{"%d Einheit", "%d Einheiten"},
		smallF:      "\nWeniger als %d Einheiten (report.min_group_size): keine Kennzahl über die Welle.\n",
		relTitle:    "\nZuverlässigkeit der Teile jeder Ebene (Einheiten mit allen Teilen bewertet)\n",
		relHead:     [6]string{"Ebene", "Teile", "n", "Alpha", "HK1", "am wenigsten passender Teil (Trennschärfe r; Alpha ohne ihn)"},
		relSmallF:   "• weniger als %d Einheiten",
		indTitle:    "\nIndikatoren (Werte 0–100)\n",
		indHead:     [7]string{"Indikator", "n", "fehlend", "Schiefe", "Wölbung", "bei 0", "bei 100"},
		indNoteF:    "  • Kennzahlen über weniger als %d Einheiten werden nicht gezeigt (report.min_group_size)\n",
		flagsTitle:  "\nAuffällige Korrelationen (Pearson)\n",
		noFlagsF:    "  keine: keine negative Korrelation innerhalb einer Ebene, kein Paar mit |r| > %s\n",
		nearDup:     "nahezu gleich",
		negInsideF:  "negativ innerhalb von %s",
		treatTitle:  "\nAufbereitung der Zahlen\n",
		treatHead:   [6]string{"Frage", "n", "ergänzt", "winsor. u/o", "", "Schiefe vorher → nachher"},
		robNone:     "\nRobustheit: keine unsichere Entscheidung angegeben (analyse.uncertainty; siehe reifegrad analyse --help)\n",
		robSmallF:   "\nRobustheit: weniger als %d Einheiten mit Gesamtwert: nicht berechnet\n",
		robHeadF:    "\nRobustheit: %d Varianten (%d Basisziehungen × %d), Startwert %d\n",
		robCols:     [3]string{"unsichere Entscheidung", "1. Ordnung", "gesamt"},
		shiftF:      "  (der mittleren absoluten Rangverschiebung, im Mittel %s Ränge",
		neverVaries: "; sie schwankt nie, also macht keine Entscheidung etwas aus",
		keptF:       "  Einheiten, die ihre Stufe in mindestens 90 %% der Varianten behalten: %d von %d\n",
		moreF:       "… und %d weitere (alle mit --json)\n",
		unitF:       "    %-10s %-24s Stufe %s in %s der Varianten; Rang %d (5–95 %%: %s–%s)\n",

		diffHeadF:   "Alt: %s\nNeu: %s\nWelle %s: %s in beiden\n",
		fingerprint: "Kennung",
		diffSmallF:  "\nWeniger als %d Einheiten unter beiden bewertet (report.min_group_size): keine Kennzahl über die Welle.\n",
		rankCorrF:   "\nRangkorrelation der Gesamtwerte (Spearman): %s\n",
		shiftTitle:  "\nVerschiebung der Werte, neu − alt (Einheiten unter beiden bewertet)\n",
		shiftHead:   [6]string{"Ebene", "n", "alt", "neu", "Versch.", "|Versch.|"},
		changesF:    "\nEinheiten, deren Stufe sich ändert: %d\n",
		noLevel:     "ohne Reifegrad",
		hiddenF:     "  nicht gezeigt (weniger als %d Einheiten, aber einige, nur unter einem Modell bewertet: report.min_group_size): %s\n",
	},
}

// fnum formats a figure with prec decimals as the language writes it (a
// decimal comma in German) and as the pages write it (a true minus sign,
// U+2212, in either language); NaN (not computable) as "–".
func fnum(l scoring.Language, x float64, prec int) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := decimal(l, x, prec)
	if strings.Trim(s, "-0.,") == "" {
		return strings.TrimPrefix(s, "-") // an estimate of −0.001 is 0.00, not −0.00
	}
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return "−" + rest
	}
	return s
}

// signed is fnum with a sign also before a positive figure ("+0,3") and
// "±" before a change that rounds to zero ("±0,0"), as the pages write
// changes: a zero has no direction.
func signed(l scoring.Language, x float64, prec int) string {
	s := fnum(l, x, prec)
	switch {
	case s == "–" || strings.HasPrefix(s, "−"):
		return s
	case strings.Trim(s, "0.,") == "":
		return "±" + s
	}
	return "+" + s
}

// pct formats a share (0–1) as a whole percentage, rounded as every
// output rounds (scoring.Fixed); NaN as "–".
func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return scoring.Fixed(100*x, 0) + " %"
}

// pctAt formats a share (0–1) beside the minimum min that a count uses:
// in whole percent unless that would reach min and x does not ("89,5 %",
// never "90 %" for a unit the count at 90 % leaves out).
func pctAt(l scoring.Language, x, min float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := scoring.NewRoundingAt(0, 100*min).Text(100 * x)
	if l == scoring.German {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " %"
}
