package scoring

import (
	"fmt"
	"strings"
)

// Describer builds, in one language, the phrases that describe a model:
// its numbers, how a scale turns answers into points, what a node is and
// how it combines its parts, what a missing code means. 'reifegrad
// model', the methodology text and the workbook's Methodik sheet all take
// their phrases from it, so a scale reads the same wherever it is shown.
// The zero value describes in German; a Describer is safe for concurrent
// use.
type Describer struct {
	Lang Language
}

// NewDescriber returns the describer of a language.
func NewDescriber(l Language) Describer { return Describer{Lang: l} }

func (d Describer) t() *describeText { return describeTexts[d.Lang] }

// Number writes a number of the model (see Language.Number).
func (d Describer) Number(x float64) string { return d.Lang.Number(x) }

// Quote puts an answer in the language's quotation marks.
func (d Describer) Quote(s string) string { return d.t().Open + s + d.t().Close }

// Scale says in one line how the scale turns answers into points (0–1):
// "„ja“ = 1, „nein“ = 0, other answers = 0", "allowed 0 to 100; up to 9
// → 0.5; more → 1", "share ticked of 3 options: post, online, app".
func (d Describer) Scale(sc *Scale) string {
	t := d.t()
	var parts []string
	switch sc.Kind {
	case ScaleMap:
		as := make([]string, 0, len(sc.Labels)+1)
		for _, l := range sc.Labels {
			as = append(as, d.Quote(l)+" = "+d.Number(sc.Parse(l).Value))
		}
		if sc.HasUnlisted {
			as = append(as, t.Unlisted+" = "+d.Number(sc.UnlistedPoints))
		}
		parts = append(parts, strings.Join(as, ", "))
		if m := sc.Match(); m != "fold" {
			parts = append(parts, t.Match[m])
		}
	case ScaleNumeric:
		if r := d.Range(sc); r != "" {
			parts = append(parts, r)
		}
		parts = append(parts, d.NumberRule(sc))
	case ScaleMulti:
		items := make([]string, len(sc.Items))
		for i, it := range sc.Items {
			items[i] = it.Label
			if it.Code != it.Label {
				items[i] += " (" + it.Code + ")"
			}
		}
		if sc.MultiScore == MultiShare {
			parts = append(parts, fmt.Sprintf(t.MultiShare, len(sc.Items))+": "+strings.Join(items, ", "))
		} else {
			parts = append(parts, t.MultiCount+" ("+strings.Join(items, ", ")+"), "+t.Then+" "+d.NumberRule(sc))
		}
		if sc.Separator != "" && sc.Separator != ";" {
			parts = append(parts, fmt.Sprintf(t.Separator, d.Quote(sc.Separator)))
		}
		if sc.EmptyNone {
			parts = append(parts, t.EmptyNone)
		} else {
			parts = append(parts, t.EmptyBlank)
		}
	}
	return strings.Join(parts, "; ")
}

// Question describes a question's scale, and its reversal.
func (d Describer) Question(q *Question) string {
	if q.Scale == nil {
		return ""
	}
	s := d.Scale(q.Scale)
	if q.Reverse {
		s += " (" + d.t().Reversed + ")"
	}
	return s
}

// Range says which numbers a numeric scale allows, or "" when any.
func (d Describer) Range(sc *Scale) string {
	t := d.t()
	switch {
	case sc.HasMin && sc.HasMax:
		return fmt.Sprintf(t.Allowed, d.Number(sc.Min), d.Number(sc.Max))
	case sc.HasMin:
		return fmt.Sprintf(t.AllowedFrom, d.Number(sc.Min))
	case sc.HasMax:
		return fmt.Sprintf(t.AllowedTo, d.Number(sc.Max))
	}
	return ""
}

// NumberRule says how a number of the scale becomes points.
func (d Describer) NumberRule(sc *Scale) string {
	t := d.t()
	switch {
	case len(sc.Bins) > 0:
		return d.Bins(sc)
	case sc.Normalisation == NormaliseGoalposts:
		return fmt.Sprintf(t.Goalposts, d.Number(sc.Low), d.Number(sc.High))
	case sc.Normalisation == NormaliseMinMax:
		return t.MinMax
	case sc.Normalisation == NormaliseZScore:
		return fmt.Sprintf(t.ZScore, d.Number(sc.ZMean), d.Number(sc.ZSD))
	case sc.Normalisation == NormaliseRank:
		return t.Rank
	}
	return t.AsIs
}

// Bins describes bins as "up to 0 → 0; up to 9 → 0.5; more → 1".
func (d Describer) Bins(sc *Scale) string {
	t := d.t()
	parts := make([]string, len(sc.Bins))
	for i, b := range sc.Bins {
		if b.Open {
			parts[i] = t.More + " → " + d.Number(b.Points)
		} else {
			parts[i] = t.UpTo + " " + d.Number(b.Max) + " → " + d.Number(b.Points)
		}
	}
	return strings.Join(parts, "; ")
}

// Criterion describes a criterion of a staged level: its label from the
// model, else "Strategie ≥ 37,5".
func (d Describer) Criterion(m *Model, c Criterion) string {
	if c.Label != "" {
		return c.Label
	}
	return m.Nodes[c.Node].Name + " ≥ " + d.Number(c.Min)
}

// Kind names a kind of node: overall, dimension, indicator.
func (d Describer) Kind(k NodeKind) string { return d.t().Kinds[k] }

// Aggregation names how a node combines its parts.
func (d Describer) Aggregation(a Aggregation) string { return d.t().Aggregations[a] }

// Policy names what a node does with missing parts.
func (d Describer) Policy(p MissingPolicy) string { return d.t().Policies[p] }

// Status names what a missing code means.
func (d Describer) Status(s Status) string { return d.t().Statuses[s] }

// describeText holds the words of the Describer in one language. Fields
// ending in a format take the verbs noted beside them.
type describeText struct {
	Open, Close string // quotation marks
	Unlisted    string // answers a map scale does not list
	Match       map[string]string
	Allowed     string // %s to %s: a number's range
	AllowedFrom string // %s: its minimum
	AllowedTo   string // %s: its maximum
	UpTo, More  string // bins
	Goalposts   string // %s, %s: the numbers that give 0 and 1
	MinMax      string
	ZScore      string // %s, %s: points of the wave's mean, and per standard deviation
	Rank        string
	AsIs        string
	MultiShare  string // %d: the number of options
	MultiCount  string
	Then        string
	Separator   string // %s: the separator, quoted
	EmptyNone   string
	EmptyBlank  string
	Reversed    string

	Kinds        map[NodeKind]string
	Aggregations map[Aggregation]string
	Policies     map[MissingPolicy]string
	Statuses     map[Status]string
}

var describeTexts = map[Language]*describeText{
	German: {
		Open: "„", Close: "“",
		Unlisted: "andere Antworten",
		Match: map[string]string{
			"exact":       "genaue Schreibung, auch Groß- und Kleinschreibung und Leerzeichen",
			"trim":        "Groß- und Kleinschreibung zählt",
			"fold_notrim": "Leerzeichen am Anfang und Ende zählen",
		},
		Allowed: "zulässig %s bis %s", AllowedFrom: "zulässig ab %s", AllowedTo: "zulässig bis %s",
		UpTo: "bis", More: "mehr",
		Goalposts:  "linear: %s → 0, %s → 1",
		MinMax:     "linear zwischen kleinstem und größtem Wert der Welle",
		ZScore:     "Standardwert: der Mittelwert der Welle ergibt %s von 100 Punkten, jede Standardabweichung (der Stichprobe, n − 1) mehr %s",
		Rank:       "Rang: Anteil der anderen Einheiten der Welle mit einer kleineren Zahl",
		AsIs:       "Zahl = Punkte",
		MultiShare: "Anteil der angekreuzten unter %d Optionen", MultiCount: "Zahl der angekreuzten Optionen", Then: "dann",
		Separator:  "getrennt durch %s",
		EmptyNone:  "leer = nichts angekreuzt",
		EmptyBlank: "leer = nicht beantwortet",
		Reversed:   "umgepolt: Punkte = 1 − Punkte der Skala",
		Kinds: map[NodeKind]string{KindOverall: "Gesamtwert", KindDimension: "Dimension",
			KindIndicator: "Indikator"},
		Aggregations: map[Aggregation]string{Mean: "gewichteter Mittelwert",
			Geometric: "gewichtetes geometrisches Mittel", Minimum: "Minimum", Sum: "Punktsumme",
			Maximum: "Maximum"},
		Policies: map[MissingPolicy]string{Reweight: "auslassen, Gewichte hochrechnen",
			Zero: "als 0 zählen", Impute: "Mittelwert der Vergleichsgruppe"},
		Statuses: map[Status]string{Blank: "nicht beantwortet", Unknown: "weiß nicht",
			NotApplicable: "nicht zutreffend (zählt nicht mit)"},
	},
	English: {
		Open: "“", Close: "”",
		Unlisted: "other answers",
		Match: map[string]string{
			"exact":       "exact spelling, case and spaces included",
			"trim":        "case counts",
			"fold_notrim": "leading and trailing spaces count",
		},
		Allowed: "allowed %s to %s", AllowedFrom: "allowed from %s", AllowedTo: "allowed up to %s",
		UpTo: "up to", More: "more",
		Goalposts:  "linear: %s → 0, %s → 1",
		MinMax:     "linear between the smallest and largest value of the wave",
		ZScore:     "standard score: the wave's mean gives %s points of 100, each standard deviation (of the sample, n − 1) more %s",
		Rank:       "rank: the share of the other units of the wave with a smaller number",
		AsIs:       "number = points",
		MultiShare: "share ticked of %d options", MultiCount: "number of options ticked", Then: "then",
		Separator:  "separated by %s",
		EmptyNone:  "empty = nothing ticked",
		EmptyBlank: "empty = not answered",
		Reversed:   "reversed: points = 1 − the scale's points",
		Kinds: map[NodeKind]string{KindOverall: "Overall", KindDimension: "Dimension",
			KindIndicator: "Indicator"},
		Aggregations: map[Aggregation]string{Mean: "weighted mean",
			Geometric: "weighted geometric mean", Minimum: "minimum", Sum: "sum of points",
			Maximum: "maximum"},
		Policies: map[MissingPolicy]string{Reweight: "skip, reweight the rest",
			Zero: "count as 0", Impute: "peer-group mean"},
		Statuses: map[Status]string{Blank: "not answered", Unknown: "don't know",
			NotApplicable: "not applicable (left out)"},
	},
}
