package main

import (
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// summaryText holds the words of the run summary in one language: it
// follows report.language (--lang), as the reports do.
type summaryText struct {
	rowsF        string // %s read, %s scored, %s rejected (Language.Count)
	notRatedF    string // %s scored without an overall score
	issuesF      string // %s notes
	waveF        string // %s wave, %s its participants (participants)
	participants noun   // a wave's units, in words that fit every model ("Teilnehmende")
	meanF        string // %s mean
	suppressedF  string // %d minimum group size
	wroteF       string // %s folder, %s files, %s seconds
	readAsF      string // %s file, %s encoding, %s why
	missingF     string // %s questions
	missingItemF string // %s question, %s wave
	noLevel      string // the level list's row of units without a level, as the reports name it
	goalsF       string // %s the goals that name no level
	goalItemF    string // %s unit, %s goal, %s column
	moreF        string // %d not listed
}

var summaryTexts = map[scoring.Language]summaryText{
	scoring.English: {
		rowsF:        "Rows read: %s = %s scored + %s rejected",
		notRatedF:    " (%s scored without overall score: too few answers)",
		issuesF:      "Data-quality notes: %s (see the data quality section of the reports)\n",
		waveF:        "\nWave %s: %s",
		participants: noun{"%s participant", "%s participants"},
		meanF:        ", mean score %s",
		suppressedF:  " (fewer than %d: no figures shown, as in the reports)",
		wroteF:       "\nWrote %s/: %s in %s s\n",
		readAsF:      "Read %s as %s: %s\n",
		missingF:     "Optional questions without a column (not answered in any row): %s\n",
		missingItemF: "%s (wave %s)",
		noLevel:      "no level",
		goalsF:       "Own goals that name no level (their roadmaps aim at roadmap.target): %s\n",
		goalItemF:    "%s “%s” (column %s)",
		moreF:        "… and %d more (all of them with --json)",
	},
	scoring.German: {
		rowsF:        "Gelesene Zeilen: %s = %s bewertet + %s nicht gewertet",
		notRatedF:    " (%s ohne Gesamtwert: zu wenige Antworten)",
		issuesF:      "Hinweise zur Datenqualität: %s (siehe Abschnitt Datenqualität der Berichte)\n",
		waveF:        "\nWelle %s: %s",
		participants: noun{"%s Teilnehmende", "%s Teilnehmende"},
		meanF:        ", Mittelwert Gesamtwert %s",
		suppressedF:  " (weniger als %d: keine Kennzahlen, wie in den Berichten)",
		wroteF:       "\nGeschrieben nach %s/: %s in %s s\n",
		readAsF:      "%s gelesen als %s: %s\n",
		missingF:     "Optionale Fragen ohne Spalte (in keiner Zeile beantwortet): %s\n",
		missingItemF: "%s (Welle %s)",
		noLevel:      "ohne Reifegrad",
		goalsF:       "Eigene Ziele, die keine Stufe nennen (ihre Fahrpläne führen zu roadmap.target): %s\n",
		goalItemF:    "%s „%s“ (Spalte %s)",
		moreF:        "… und %d weitere (alle mit --json)",
	},
}

// decimal formats x with the given decimals, rounded as every output
// rounds (scoring.Fixed), as the language writes it: its decimal mark and
// its thousands grouped, as the pages write numbers and Language.Count
// counts ("1.234,5", "1,234.5"; a rank interval read "10786" beside
// "Rang 10.786"). An ASCII minus stays (fnum makes it a true one).
func decimal(l scoring.Language, x float64, decimals int) string {
	s := scoring.Fixed(x, decimals)
	sign, s := "", s
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = "-", rest
	}
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Trim(whole, "0123456789") != "" { // Inf, NaN: as Fixed wrote them
		return sign + s
	}
	sep, mark := ",", "."
	if l == scoring.German {
		sep, mark = ".", ","
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}
