package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// Methodology describes in plain words how the model computes its scores,
// as paragraphs, in German ("de") or English (any other value). It is
// generated from the model, so it stays true when the model changes.
func Methodology(m *Model, lang string) []string {
	t := methodTexts[lang]
	if t == nil {
		t = methodTexts["en"]
	}
	var ps []string
	nInd := len(m.Indicators())
	ps = append(ps, fmt.Sprintf(t.intro, m.Name, len(m.Questions), nInd, len(m.Dimensions())))
	ps = append(ps, t.scales)
	var dims []string
	for _, d := range m.Dimensions() {
		dims = append(dims, fmt.Sprintf("%s (%s %s)", d.Name, t.weight, fnum(d.Weight, lang)))
	}
	ps = append(ps, fmt.Sprintf(t.structure, strings.Join(dims, "; "), aggText(m.Root().Aggregation, t)))
	ps = append(ps, missingText(m, t, lang))
	ps = append(ps, levelText(m, t, lang))
	if len(m.PeerGroups) > 0 {
		var pg []string
		for _, p := range m.PeerGroups {
			pg = append(pg, p.Name)
		}
		ps = append(ps, fmt.Sprintf(t.peers, strings.Join(pg, ", ")))
	}
	return ps
}

func aggText(a Aggregation, t *methodText) string {
	switch a {
	case Geometric:
		return t.aggGeo
	case Minimum:
		return t.aggMin
	case Maximum:
		return t.aggMax
	case Sum:
		return t.aggSum
	}
	return t.aggMean
}

func missingText(m *Model, t *methodText, lang string) string {
	root := m.Root()
	var s string
	switch root.Policy {
	case Zero:
		s = t.missZero
	case Impute:
		s = t.missImpute
	default:
		s = t.missReweight
	}
	s += " " + t.missNA
	if root.MinCoverage > 0 {
		s += " " + fmt.Sprintf(t.minCov, fnum(100*root.MinCoverage, lang))
	}
	return s
}

func levelText(m *Model, t *methodText, lang string) string {
	var parts []string
	if m.Levels.Method == Staged {
		for _, l := range m.Levels.List {
			if len(l.Criteria) == 0 {
				parts = append(parts, fmt.Sprintf("%d %s", l.Ordinal, l.Name))
				continue
			}
			var cs []string
			for _, c := range l.Criteria {
				cs = append(cs, c.Describe(m))
			}
			parts = append(parts, fmt.Sprintf("%d %s: %s", l.Ordinal, l.Name, strings.Join(cs, ", ")))
		}
		return t.staged + " " + strings.Join(parts, "; ") + "."
	}
	for _, l := range m.Levels.List {
		parts = append(parts, fmt.Sprintf("%d %s (%s %s)", l.Ordinal, l.Name, t.from, fnum(l.Min, lang)))
	}
	return t.threshold + " " + strings.Join(parts, ", ") + "."
}

func fnum(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

type methodText struct {
	intro, scales, structure, weight                   string
	aggMean, aggGeo, aggMin, aggMax, aggSum            string
	missReweight, missZero, missImpute, missNA, minCov string
	threshold, staged, from, peers                     string
}

var methodTexts = map[string]*methodText{
	"de": {
		intro:        "Das %s wertet %d Fragen aus, die zu %d Indikatoren in %d Dimensionen zusammengefasst werden.",
		scales:       "Jede Antwort wird nach einer festgelegten Skala in Punkte zwischen 0 und 1 übersetzt, z. B. „ja“ = 1, „teilweise“ = 0,5, „nein“ = 0; Zahlen werden in Klassen eingeteilt oder zwischen festen Eckwerten skaliert. Indikatoren, Dimensionen und der Gesamtwert werden auf einer Skala von 0 bis 100 angegeben.",
		structure:    "Die Dimensionen sind: %s. Der Gesamtwert ist %s; ebenso werden Indikatoren zu Dimensionen zusammengefasst, jeweils mit ihren Gewichten.",
		weight:       "Gewicht",
		aggMean:      "der gewichtete Mittelwert der Dimensionen",
		aggGeo:       "das gewichtete geometrische Mittel der Dimensionen (Schwächen lassen sich nur begrenzt ausgleichen)",
		aggMin:       "der schwächste Dimensionswert",
		aggMax:       "der stärkste Dimensionswert",
		aggSum:       "die Summe der erreichten Punkte im Verhältnis zu den möglichen Punkten",
		missReweight: "Fehlende Antworten („weiß nicht“ oder leer) werden nicht als 0 gezählt: Der Wert wird aus den beantworteten Fragen gebildet, deren Gewichte entsprechend hochgerechnet werden.",
		missZero:     "Fehlende Antworten („weiß nicht“ oder leer) zählen als 0 Punkte.",
		missImpute:   "Fehlende Werte werden durch den Mittelwert der Vergleichsgruppe ersetzt.",
		missNA:       "„Nicht zutreffend“ nimmt eine Frage ganz aus der Rechnung.",
		minCov:       "Ist weniger als %s %% des Gewichts beantwortet, wird der Bereich nicht bewertet und die Kommune gekennzeichnet.",
		threshold:    "Der Reifegrad ergibt sich aus dem Gesamtwert:",
		staged:       "Ein Reifegrad ist erreicht, wenn die Kriterien dieser und aller niedrigeren Stufen erfüllt sind:",
		from:         "ab",
		peers:        "Zum fairen Vergleich werden Kommunen in Vergleichsgruppen eingeordnet: %s. Kennzahlen von Gruppen mit weniger Kommunen als der Mindestgröße werden nicht ausgewiesen.",
	},
	"en": {
		intro:        "The %s evaluates %d questions, grouped into %d indicators in %d dimensions.",
		scales:       "Each answer is turned into points between 0 and 1 by a fixed scale, e.g. \"yes\" = 1, \"partly\" = 0.5, \"no\" = 0; numbers are put into bands or scaled between fixed goalposts. Indicators, dimensions and the overall score are shown on a scale from 0 to 100.",
		structure:    "The dimensions are: %s. The overall score is %s; indicators are combined into dimensions the same way, each with its weight.",
		weight:       "weight",
		aggMean:      "the weighted mean of the dimensions",
		aggGeo:       "the weighted geometric mean of the dimensions (weaknesses can only partly be compensated)",
		aggMin:       "the weakest dimension",
		aggMax:       "the strongest dimension",
		aggSum:       "the sum of points earned relative to the points possible",
		missReweight: "Missing answers (\"don't know\" or blank) do not count as 0: the score is formed from the answered questions, whose weights are scaled up accordingly.",
		missZero:     "Missing answers (\"don't know\" or blank) count as 0 points.",
		missImpute:   "Missing values are replaced by the mean of the peer group.",
		missNA:       "\"Not applicable\" takes a question out of the calculation entirely.",
		minCov:       "If less than %s %% of the weight is answered, the area is not scored and the unit is flagged.",
		threshold:    "The maturity level follows from the overall score:",
		staged:       "A level is reached when the criteria of that level and all lower levels are met:",
		from:         "from",
		peers:        "For a fair comparison, units are placed in peer groups: %s. Figures of groups smaller than the minimum size are not shown.",
	},
}
