package main

import (
	"math"
	"strings"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// analyseText holds the words of analyse's and diff's terminal text in one
// language: it follows report.language (--lang), as check and the run
// summary do, and so does the number format (fnum). Their --json stays
// English, with stable keys. Its texts speak of municipalities, as the
// reports' catalogs do; unitWords makes them speak of the model's own
// units (scoring.Results.UnitNouns).
type analyseText struct {
	HeadF        string // %s model, %s wave, %s units with an overall score (units)
	HeadHiddenF  string // %s model, %s wave, %s participants of a wave whose figures are hidden
	Units        noun   // a count of units
	Participants noun   // a count of the units of a wave
	SmallF       string // %s minimum group size (units)
	RelTitle     string
	RelHead      [6]string // node, parts, n, alpha, PC1, the part least in line
	RelSmallF    string    // %s minimum group size (units)
	IndTitle     string
	IndHead      [7]string // indicator, n, missing, skewness, kurtosis, at 0, at 100
	IndNoteF     string    // %s minimum group size (units)
	FlagsTitle   string
	NoFlagsF     string // %s the |r| above which two parts are near-duplicates
	NearDup      string
	NegInsideF   string // %s the node
	TreatTitle   string
	TreatHead    [6]string // question, n, imputed, winsorised low/high, log, skewness before → after
	RobNone      string
	RobSmallF    string // %s minimum group size (units)
	RobHeadF     string // %s variants, %s base draws (BaseDraws), %d per base draw, %d seed
	BaseDraws    noun
	RobCols      [3]string
	ShiftF       string // %s mean absolute rank shift
	NeverVaries  string
	KeptF        string // %s units keeping their level, %s units with a level
	MoreF        string // %s units not listed (after the list's indent)
	UnitF        string // %s id, %s name, %s level, %s share, %s rank, %s, %s rank interval

	DiffHeadF   string // %s old model, %s new model, %s wave, %s units (units)
	Fingerprint string // the word before Model.Fingerprint
	DiffSmallF  string // %s minimum group size (units)
	RankCorrF   string // %s Spearman's rho
	ShiftTitle  string
	ShiftHead   [6]string // node, n, old, new, shift, |shift|
	ChangesF    string    // %s units whose level changes
	NoLevel     string    // a unit without a level, as the reports name it
	HiddenF     string    // %s minimum group size (units), %s the nodes whose shift is withheld
}

var analyseTexts = map[scoring.Language]analyseText{
	scoring.English: {
		HeadF:        "%s, wave %s: %s with an overall score\n",
		HeadHiddenF:  "%s, wave %s: %s\n",
		Units:        noun{"%s municipality", "%s municipalities"},
		Participants: noun{"%s participant", "%s participants"},
		SmallF:       "\nFewer than %s (report.min_group_size): no figure over the wave is shown.\n",
		RelTitle:     "\nReliability of each node's parts (municipalities with every part scored)\n",
		RelHead:      [6]string{"node", "parts", "n", "alpha", "PC1", "part least in line (item-rest r; alpha without it)"},
		RelSmallF:    "• fewer than %s",
		IndTitle:     "\nIndicators (scores 0–100)\n",
		IndHead:      [7]string{"indicator", "n", "missing", "skewness", "kurtosis", "at 0", "at 100"},
		IndNoteF:     "  • figures over fewer than %s are not shown (report.min_group_size)\n",
		FlagsTitle:   "\nFlagged correlations (Pearson)\n",
		NoFlagsF:     "  none: no negative correlation inside a node, no pair with |r| > %s\n",
		NearDup:      "near-duplicates",
		NegInsideF:   "negative inside %s",
		TreatTitle:   "\nTreatment of numbers\n",
		TreatHead:    [6]string{"question", "n", "imputed", "winsor. lo/hi", "", "skewness before → after"},
		RobNone:      "\nRobustness: no uncertain choice is declared (analyse.uncertainty; see reifegrad analyse --help)\n",
		RobSmallF:    "\nRobustness: fewer than %s with an overall score: not computed\n",
		RobHeadF:     "\nRobustness: %s variants (%s × %d), seed %d\n",
		BaseDraws:    noun{"%s base draw", "%s base draws"},
		RobCols:      [3]string{"uncertain input", "first-order", "total"},
		ShiftF:       "  (of the mean absolute rank shift, %s ranks on average",
		NeverVaries:  "; it never varies, so no input matters",
		KeptF:        "  municipalities keeping their level in at least 90 %% of the variants: %s of %s\n",
		MoreF:        "… and %s more (all of them with --json)\n",
		UnitF:        "    %-10s %-24s level %s in %s of the variants; rank %s (5–95 %%: %s–%s)\n",

		DiffHeadF:   "Old: %s\nNew: %s\nWave %s: %s in both\n",
		Fingerprint: "fingerprint",
		DiffSmallF:  "\nFewer than %s scored under both (report.min_group_size): no figure over the wave is shown.\n",
		RankCorrF:   "\nRank correlation of the overall scores (Spearman): %s\n",
		ShiftTitle:  "\nScore shift, new − old (municipalities scored under both)\n",
		ShiftHead:   [6]string{"node", "n", "old", "new", "shift", "|shift|"},
		ChangesF:    "\nMunicipalities whose level changes: %s\n",
		NoLevel:     "no level",
		HiddenF:     "  not shown (fewer than %s, but some, scored under one model alone: report.min_group_size): %s\n",
	},
	scoring.German: {
		HeadF:        "%s, Welle %s: %s mit Gesamtwert\n",
		HeadHiddenF:  "%s, Welle %s: %s\n",
		Units:        noun{"%s Kommune", "%s Kommunen"},
		Participants: noun{"%s Teilnehmende", "%s Teilnehmende"},
		SmallF:       "\nWeniger als %s (report.min_group_size): keine Kennzahl über die Welle.\n",
		RelTitle:     "\nZuverlässigkeit der Teile jeder Ebene (Kommunen mit allen Teilen bewertet)\n",
		RelHead:      [6]string{"Ebene", "Teile", "n", "Alpha", "HK1", "am wenigsten passender Teil (Trennschärfe r; Alpha ohne ihn)"},
		RelSmallF:    "• weniger als %s",
		IndTitle:     "\nIndikatoren (Werte 0–100)\n",
		IndHead:      [7]string{"Indikator", "n", "fehlend", "Schiefe", "Wölbung", "bei 0", "bei 100"},
		IndNoteF:     "  • Kennzahlen über weniger als %s werden nicht gezeigt (report.min_group_size)\n",
		FlagsTitle:   "\nAuffällige Korrelationen (Pearson)\n",
		NoFlagsF:     "  keine: keine negative Korrelation innerhalb einer Ebene, kein Paar mit |r| > %s\n",
		NearDup:      "nahezu gleich",
		NegInsideF:   "negativ innerhalb von %s",
		TreatTitle:   "\nAufbereitung der Zahlen\n",
		TreatHead:    [6]string{"Frage", "n", "ergänzt", "winsor. u/o", "", "Schiefe vorher → nachher"},
		RobNone:      "\nRobustheit: keine unsichere Entscheidung angegeben (analyse.uncertainty; siehe reifegrad analyse --help)\n",
		RobSmallF:    "\nRobustheit: weniger als %s mit Gesamtwert: nicht berechnet\n",
		RobHeadF:     "\nRobustheit: %s Varianten (%s × %d), Startwert %d\n",
		BaseDraws:    noun{"%s Basisziehung", "%s Basisziehungen"},
		RobCols:      [3]string{"unsichere Entscheidung", "1. Ordnung", "gesamt"},
		ShiftF:       "  (der mittleren absoluten Rangverschiebung, im Mittel %s Ränge",
		NeverVaries:  "; sie schwankt nie, also macht keine Entscheidung etwas aus",
		KeptF:        "  Kommunen, die ihre Stufe in mindestens 90 %% der Varianten behalten: %s von %s\n",
		MoreF:        "… und %s weitere (alle mit --json)\n",
		UnitF:        "    %-10s %-24s Stufe %s in %s der Varianten; Rang %s (5–95 %%: %s–%s)\n",

		DiffHeadF:   "Alt: %s\nNeu: %s\nWelle %s: %s in beiden\n",
		Fingerprint: "Kennung",
		DiffSmallF:  "\nWeniger als %s unter beiden bewertet (report.min_group_size): keine Kennzahl über die Welle.\n",
		RankCorrF:   "\nRangkorrelation der Gesamtwerte (Spearman): %s\n",
		ShiftTitle:  "\nVerschiebung der Werte, neu − alt (Kommunen unter beiden bewertet)\n",
		ShiftHead:   [6]string{"Ebene", "n", "alt", "neu", "Versch.", "|Versch.|"},
		ChangesF:    "\nKommunen, deren Stufe sich ändert: %s\n",
		NoLevel:     "ohne Reifegrad",
		HiddenF:     "  nicht gezeigt (weniger als %s, aber einige, nur unter einem Modell bewertet: report.min_group_size): %s\n",
	},
}

// unitWords is the terminal text of analyse and diff in language l,
// speaking of r's units as the reports do (scoring.Results.UnitNouns):
// of municipalities, of the model's own units (model.unit_labels) or of
// "Einheiten"/"units". It read "418 Einheiten mit Gesamtwert" of Saxony's
// municipalities, and "2 units" of SAMM's organisations.
func unitWords(r *scoring.Results, l scoring.Language) *analyseText {
	t := analyseTexts[l]
	one, many := r.UnitNouns(l)
	return nouns.Rewrite(&t, nouns.Replacer(l, one, many))
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
