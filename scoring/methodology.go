package scoring

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Methodology describes in plain words how the model computes its scores,
// as paragraphs, in German or English: how answers
// become points, how the tree combines them, what happens to missing
// answers, how levels are decided and how units are compared. It is
// generated from the model, so it stays true when the model changes; the
// reports and "reifegrad model" print it. Like the reports' catalogs it
// speaks of municipalities; they print it speaking of the model's units
// (internal/nouns.Methodology): the paragraphs said "Einheiten" of
// Saxony's municipalities beside pages that say Kommunen.
func Methodology(m *Model, lang Language) []string {
	return methodology(m, lang, nil)
}

// Methodology is scoring.Methodology of r's model as r's outputs state it:
// a peer group no unit of r is in (Presence) is not named — "For a fair
// comparison, organisations are placed in peer groups: District, Size
// class" stood above organisations none of which has either.
func (r *Results) Methodology(lang Language) []string {
	return methodology(r.Model, lang, r.Presence().PeerGroups)
}

// methodology writes the paragraphs of m, naming the peer groups pg for
// which held[pg] (held nil: every one).
func methodology(m *Model, lang Language, held []bool) []string {
	w := &methodWriter{m: m, t: methodTexts[lang], lang: lang, d: NewDescriber(lang), held: held}
	ps := []string{w.intro(), w.scales(), w.treatment(), w.structure(), w.missing(), w.levels(), w.comparison(), w.fingerprint()}
	return slices.DeleteFunc(ps, func(p string) bool { return p == "" })
}

// Match returns the scale's matching rule as the config names it: "fold"
// (the default: case and surrounding spaces ignored), "exact", "trim"
// (spaces ignored, case kept) or "fold_notrim" (case ignored, spaces kept).
func (s *Scale) Match() string {
	switch {
	case s.Exact && s.NoTrim:
		return "exact"
	case s.Exact:
		return "trim"
	case s.NoTrim:
		return "fold_notrim"
	}
	return "fold"
}

type methodWriter struct {
	m    *Model
	t    *methodText
	lang Language
	d    Describer
	held []bool // the peer groups to name (nil: all), see methodology
}

func (w *methodWriter) num(x float64) string { return w.d.Number(x) }

func (w *methodWriter) quote(s string) string { return w.d.Quote(s) }

// usedQuestions returns the questions indicators read, in model order.
func (w *methodWriter) usedQuestions() []*Question {
	used := w.m.usedQuestions()
	var out []*Question
	for i, q := range w.m.Questions {
		if used[i] {
			out = append(out, q)
		}
	}
	return out
}

// fingerprint names the model's fingerprint, so that two reports of one
// model version whose points were edited in between are told apart.
func (w *methodWriter) fingerprint() string {
	if w.m.Fingerprint == "" {
		return ""
	}
	return fmt.Sprintf(w.t.fingerprint, w.m.Fingerprint)
}

func (w *methodWriter) intro() string {
	m, t := w.m, w.t
	name := w.quote(m.Name)
	if m.Version != "" {
		name += fmt.Sprintf(" (%s %s)", t.version, m.Version)
	}
	sub := 0
	for _, n := range m.Nodes {
		if n.Kind == KindDimension && n.Depth > 1 {
			sub++
		}
	}
	scored, _ := m.QuestionCounts()
	// Each count takes its noun's singular or plural, and so do the verbs
	// that agree with it ("1 Dimensionen" was written for a model of one).
	nInd, nDim := len(m.Indicators()), len(m.Dimensions())
	dims := w.count(nDim, t.dimNoun)
	if sub > 0 {
		dims = fmt.Sprintf(t.withSub, dims, w.count(sub, t.subdim))
	}
	s := fmt.Sprintf(t.intro, name, w.count(scored, t.questionNoun)) + " " +
		fmt.Sprintf(t.form[number(scored)], w.count(nInd, t.indicatorNoun)) +
		fmt.Sprintf(t.grouped[number(nInd)], dims)
	if m.Description != "" && m.Language == w.lang {
		s = m.Description + " " + s
	}
	return s
}

// scales describes each kind of scale the model's questions use.
func (w *methodWriter) scales() string {
	t := w.t
	var seen []*Scale
	reversed := 0
	for _, q := range w.usedQuestions() {
		if q.Reverse {
			reversed++
		}
		if q.Scale != nil && !slices.Contains(seen, q.Scale) {
			seen = append(seen, q.Scale)
		}
	}
	var ps []string
	var maps, matches []string
	unlisted := map[float64]bool{}
	var bins, goal, minmax, share, count *Scale
	for _, sc := range seen {
		switch {
		case sc.Kind == ScaleMap:
			if len(maps) == 0 {
				for i, l := range sc.Labels {
					if i == 4 {
						maps = append(maps, "…")
						break
					}
					maps = append(maps, w.quote(l)+" = "+w.num(sc.Map[sc.normalise(l)]))
				}
			}
			if !slices.Contains(matches, sc.Match()) {
				matches = append(matches, sc.Match())
			}
			if sc.HasUnlisted {
				unlisted[sc.UnlistedPoints] = true
			}
		case sc.Kind == ScaleMulti && sc.MultiScore == MultiShare:
			share = cmpOr(share, sc)
		case sc.Kind == ScaleMulti:
			count = cmpOr(count, sc)
		case len(sc.Bins) > 0:
			bins = cmpOr(bins, sc)
		case sc.Normalisation == NormaliseGoalposts:
			goal = cmpOr(goal, sc)
		case sc.Normalisation == NormaliseMinMax:
			minmax = cmpOr(minmax, sc)
		}
	}
	if len(maps) > 0 {
		ps = append(ps, fmt.Sprintf(t.scaleMap, strings.Join(maps, ", ")))
		for _, mt := range matches {
			ps = append(ps, t.match[mt])
		}
		if len(unlisted) == 1 {
			for p := range unlisted {
				ps = append(ps, fmt.Sprintf(t.unlisted, w.num(p)))
			}
		} else if len(unlisted) > 1 {
			ps = append(ps, t.unlistedVaries)
		}
	}
	if bins != nil {
		ps = append(ps, fmt.Sprintf(t.bins, w.d.Bins(bins)))
	}
	if goal != nil {
		ps = append(ps, fmt.Sprintf(t.goalposts, w.num(goal.Low), w.num(goal.High)))
	}
	if minmax != nil {
		ps = append(ps, t.minmax)
	}
	if share != nil {
		ps = append(ps, t.share)
	}
	if count != nil {
		ps = append(ps, t.count)
	}
	var none, blank int
	for _, sc := range seen {
		if sc.Kind != ScaleMulti {
			continue
		}
		if sc.EmptyNone {
			none++
		} else {
			blank++
		}
	}
	switch {
	case none > 0 && blank > 0:
		ps = append(ps, t.emptyMixed)
	case none > 0:
		ps = append(ps, t.emptyNone)
	case blank > 0:
		ps = append(ps, t.emptyBlank)
	}
	switch {
	case reversed == 1:
		ps = append(ps, t.reverse1)
	case reversed > 1:
		ps = append(ps, fmt.Sprintf(t.reverse, reversed))
	}
	ps = append(ps, t.scale100)
	if w.m.InPoints(w.m.Root()) {
		ps = append(ps, fmt.Sprintf(t.points, w.num(w.m.Root().MaxPoints)))
	}
	return strings.Join(ps, " ")
}

func cmpOr(a, b *Scale) *Scale {
	if a != nil {
		return a
	}
	return b
}

// structure names the dimensions and says how every level combines.
func (w *methodWriter) structure() string {
	m, t := w.m, w.t
	var dims []string
	equal := true
	for _, d := range m.Dimensions() {
		equal = equal && d.Weight == m.Dimensions()[0].Weight
	}
	for _, d := range m.Dimensions() {
		if equal {
			dims = append(dims, d.Name)
		} else {
			dims = append(dims, fmt.Sprintf("%s (%s %s)", d.Name, t.weight, w.num(d.Weight)))
		}
	}
	s := fmt.Sprintf(t.dims, strings.Join(dims, "; "))
	if equal && len(dims) > 1 {
		s += " " + t.equal
	}
	s += " " + fmt.Sprintf(t.overall, t.agg[m.Root().Aggregation], t.aggNote[m.Root().Aggregation])
	// The rule most dimensions follow, then the exceptions.
	var inner []*Node
	count := map[Aggregation]int{}
	for _, n := range m.Nodes[1:] {
		if n.Kind == KindDimension {
			inner = append(inner, n)
			count[n.Aggregation]++
		}
	}
	if len(inner) > 0 {
		common := m.Root().Aggregation
		for a, c := range count {
			if c > count[common] || (c == count[common] && a < common) {
				common = a
			}
		}
		s += " " + fmt.Sprintf(t.inner, t.agg[common], t.aggNote[common])
		var other []string
		for _, n := range inner {
			if n.Aggregation != common {
				other = append(other, fmt.Sprintf("%s: %s", n.Name, t.agg[n.Aggregation]))
			}
		}
		if len(other) > 0 {
			s += " " + fmt.Sprintf(t.except, strings.Join(other, "; "))
		}
	}
	multi := map[Aggregation]int{}
	for _, n := range m.Indicators() {
		if len(n.Questions) > 1 {
			multi[n.Aggregation]++
		}
	}
	for _, a := range []Aggregation{Mean, Sum, Geometric, Minimum, Maximum} {
		if multi[a] > 0 {
			s += " " + fmt.Sprintf(t.multi, w.count(multi[a], t.indicator), t.agg[a], t.aggNote[a])
		}
	}
	if m.Points {
		s += " " + t.weightsPoints
	} else {
		s += " " + t.weightsRelative
	}
	return s
}

// missing explains missing codes, the policies and min_coverage.
func (w *methodWriter) missing() string {
	m, t := w.m, w.t
	byStatus := map[Status][]string{}
	for _, c := range m.MissingCodes {
		byStatus[c.Status] = append(byStatus[c.Status], w.quote(c.Code))
	}
	var ps []string
	blank := t.blank
	if cs := byStatus[Blank]; len(cs) > 0 {
		blank = fmt.Sprintf(t.blankCodes, strings.Join(cs, ", "))
	}
	ps = append(ps, blank)
	if cs := byStatus[Unknown]; len(cs) > 0 {
		ps = append(ps, fmt.Sprintf(t.unknown, strings.Join(cs, ", ")))
	}
	if cs := byStatus[NotApplicable]; len(cs) > 0 {
		ps = append(ps, fmt.Sprintf(t.na, strings.Join(cs, ", ")))
	}
	ps = append(ps, t.invalid)
	root := m.Root()
	ps = append(ps, w.policyText(root.Policy))
	var other []string
	for _, n := range m.Nodes[1:] {
		if n.Policy != m.Nodes[n.Parent].Policy {
			other = append(other, fmt.Sprintf("%s: %s", n.Name, t.policyWord[n.Policy]))
		}
	}
	if len(other) > 0 {
		ps = append(ps, fmt.Sprintf(t.except, strings.Join(other, "; ")))
	}
	if slices.ContainsFunc(m.Nodes, func(n *Node) bool { return n.Policy == Impute }) {
		group := t.wholeWave
		if m.ImputeBy >= 0 {
			group = fmt.Sprintf(t.peerGroup, m.PeerGroups[m.ImputeBy].Name)
		}
		n, how := leastGroup(m.MinGroupSize), t.imputeHow
		if n == 1 {
			how = t.imputeHowAny
		}
		least := w.num(float64(n))
		ps = append(ps, fmt.Sprintf(how, group, least, least))
	}
	ps = append(ps, t.coverage)
	var covs []string
	if root.MinCoverage > 0 {
		ps = append(ps, fmt.Sprintf(t.minCov, w.num(100*root.MinCoverage)))
	}
	for _, n := range m.Nodes[1:] {
		if n.MinCoverage != m.Nodes[n.Parent].MinCoverage && !(n.Kind == KindIndicator && n.MinCoverage == 0) &&
			!(n.Parent == 0 && n.MinCoverage == root.MinCoverage) {
			covs = append(covs, fmt.Sprintf("%s: %s %%", n.Name, w.num(100*n.MinCoverage)))
		}
	}
	if len(covs) > 0 {
		ps = append(ps, fmt.Sprintf(t.except, strings.Join(covs, "; ")))
	}
	return strings.Join(ps, " ")
}

func (w *methodWriter) policyText(p MissingPolicy) string {
	switch p {
	case Zero:
		return w.t.missZero
	case Impute:
		return w.t.missImpute
	}
	return w.t.missReweight
}

func (w *methodWriter) levels() string {
	m, t := w.m, w.t
	var parts []string
	if m.Levels.Method == Staged {
		for _, l := range m.Levels.List {
			if len(l.Criteria) == 0 {
				parts = append(parts, fmt.Sprintf("%d %s", l.Number, l.Name))
				continue
			}
			parts = append(parts, fmt.Sprintf("%d %s: %s", l.Number, l.Name, w.criteria(l.Criteria)))
		}
		return t.staged + " " + strings.Join(parts, "; ") + ". " + t.blocking + " " + w.noLevel()
	}
	for _, l := range m.Levels.List {
		parts = append(parts, fmt.Sprintf("%d %s (%s %s)", l.Number, l.Name, t.from, w.num(l.Min)))
	}
	return t.threshold + " " + strings.Join(parts, ", ") + ". " + w.noLevel()
}

// noLevel says when a unit has no level, and, for levels numbered from 0,
// that having none is not level 0.
func (w *methodWriter) noLevel() string {
	ls := w.m.Levels.List
	if len(ls) > 0 && ls[0].Number == 0 {
		return w.t.noLevel + " " + fmt.Sprintf(w.t.noLevelZero, ls[0].Name)
	}
	return w.t.noLevel
}

// criteria describes a level's criteria, naming a label or minimum shared
// by consecutive criteria once: "level 1 in Secure Build, Secure Deployment".
func (w *methodWriter) criteria(cs []Criterion) string {
	var out []string
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].base == cs[i].base && cs[j].Min == cs[i].Min && (cs[i].base != "" || cs[i].Label == "") {
			j++
		}
		if j-i == 1 {
			out = append(out, w.d.Criterion(w.m, cs[i]))
			i = j
			continue
		}
		var names []string
		for _, c := range cs[i:j] {
			names = append(names, w.m.Nodes[c.Node].Name)
		}
		if cs[i].base != "" {
			out = append(out, fmt.Sprintf(w.t.labelIn, cs[i].base, strings.Join(names, ", ")))
		} else {
			out = append(out, fmt.Sprintf(w.t.atLeast, strings.Join(names, ", "), w.num(cs[i].Min)))
		}
		i = j
	}
	return strings.Join(out, ", ")
}

func (w *methodWriter) comparison() string {
	m, t := w.m, w.t
	s := t.rankWave
	var pg []string
	sizeClasses := false
	for i, p := range m.PeerGroups {
		if w.held == nil || w.held[i] {
			pg = append(pg, p.Name)
			sizeClasses = sizeClasses || p.Attribute == "size_class"
		}
	}
	if len(pg) > 0 {
		s = t.rank
		s = fmt.Sprintf(t.peers, strings.Join(pg, ", ")) + " " + s
		if sizeClasses {
			var cs []string
			for _, c := range m.SizeClasses {
				cs = append(cs, c.Name)
			}
			s += " " + fmt.Sprintf(t.sizeClasses, strings.Join(cs, ", "))
		}
	}
	s += " " + t.waves
	if len(m.Waves) > 0 {
		s += " " + t.core // the model declares how its questionnaire changed
	}
	return s
}

// number is the index of the form that agrees with a count of n: 0 for
// one, 1 for any other.
func number(n int) int {
	if n == 1 {
		return 0
	}
	return 1
}

// count formats n with the singular or plural of a noun.
func (w *methodWriter) count(n int, noun [2]string) string {
	switch {
	case n == 1:
		return noun[0]
	case strings.Contains(noun[1], "%d"):
		return fmt.Sprintf(noun[1], n)
	}
	return strconv.Itoa(n) + " " + noun[1]
}

type methodText struct {
	version                                       string
	fingerprint                                   string    // %s: Model.Fingerprint
	intro, withSub                                string    // %s name, %s questions; %s dimensions, %s sub-dimensions
	form, grouped                                 [2]string // singular, plural: %s indicators; %s dimensions
	questionNoun, indicatorNoun, dimNoun          [2]string
	scaleMap, unlisted, unlistedVaries            string
	match                                         map[string]string
	bins, goalposts, minmax, share, count         string
	emptyNone, emptyBlank, emptyMixed             string
	reverse, reverse1, scale100, points           string
	subdim, indicator                             [2]string
	aggNote                                       map[Aggregation]string
	labelIn, atLeast, rankWave                    string
	dims, equal, weight, overall, inner, except   string
	multi, weightsRelative, weightsPoints         string
	agg                                           map[Aggregation]string
	blank, blankCodes, unknown, na, invalid       string
	missReweight, missZero, missImpute, imputeHow string
	imputeHowAny                                  string // imputeHow at report.min_group_size 1; indexed verbs as treatText's
	wholeWave, peerGroup                          string
	policyWord                                    map[MissingPolicy]string
	coverage, minCov                              string
	threshold, staged, blocking, noLevel, from    string
	noLevelZero                                   string // %s: name of level 0
	peers, sizeClasses, rank, waves, core         string
}

var methodTexts = map[Language]*methodText{
	German: {
		version: "Version",
		fingerprint: "Kennung des Modells: %s. Sie wird aus dem Abschnitt „model“ der Konfiguration berechnet, wie er geschrieben ist (ohne Kommentare und Einrückung): " +
			"Jede Änderung daran – ein Punktwert, ein Gewicht, ein Fragetext – ergibt eine andere Kennung. Zahlen mit derselben Kennung beruhen auf demselben Modell.",
		intro:          "Das Modell %s wertet %s aus.",
		form:           [2]string{"Sie bildet %s", "Sie bilden %s"},
		grouped:        [2]string{", der in %s zusammengefasst wird.", ", die in %s zusammengefasst werden."},
		withSub:        "%s mit %s",
		questionNoun:   [2]string{"eine Frage", "Fragen"},
		indicatorNoun:  [2]string{"einen Indikator", "Indikatoren"},
		dimNoun:        [2]string{"einer Dimension", "Dimensionen"},
		subdim:         [2]string{"einer Unterdimension", "Unterdimensionen"},
		indicator:      [2]string{"eines Indikators, der auf mehreren Fragen beruht,", "von %d Indikatoren, die auf mehreren Fragen beruhen,"},
		scaleMap:       "Jede Antwort wird nach einer festgelegten Skala in Punkte zwischen 0 und 1 übersetzt, z. B. %s.",
		unlisted:       "Antworten, die in der Skala nicht aufgeführt sind, ergeben %s Punkte.",
		unlistedVaries: "Antworten, die in der Skala nicht aufgeführt sind, ergeben die Punkte, die die Skala dafür festlegt.",
		match: map[string]string{
			"fold":        "Groß- und Kleinschreibung sowie Leerzeichen am Anfang und Ende spielen dabei keine Rolle.",
			"exact":       "Bei manchen Skalen muss die Antwort genau, auch in Groß- und Kleinschreibung, übereinstimmen.",
			"trim":        "Bei manchen Skalen zählt die Groß- und Kleinschreibung, Leerzeichen am Anfang und Ende nicht.",
			"fold_notrim": "Bei manchen Skalen spielt die Groß- und Kleinschreibung keine Rolle, Leerzeichen am Anfang und Ende aber schon.",
		},
		bins:       "Zahlen werden in Klassen eingeteilt (z. B. %s).",
		goalposts:  "Zahlen werden zwischen festen Eckwerten auf 0 bis 1 umgerechnet (z. B. %s ergibt 0, %s ergibt 1; Werte darüber hinaus werden begrenzt).",
		minmax:     "Manche Zahlen werden zwischen dem kleinsten und dem größten Wert aller Kommunen derselben Erhebungswelle auf 0 bis 1 umgerechnet; der Wert hängt also auch von den anderen ab.",
		share:      "Bei Fragen mit Mehrfachauswahl zählt der Anteil der angekreuzten Möglichkeiten.",
		count:      "Bei manchen Fragen mit Mehrfachauswahl zählt die Zahl der angekreuzten Möglichkeiten, in Klassen eingeteilt.",
		emptyNone:  "Ist bei einer Mehrfachauswahl nichts angekreuzt (eine leere Antwort), zählt das als keine Möglichkeit: 0 Punkte.",
		emptyBlank: "Eine leere Antwort bei einer Mehrfachauswahl gilt als nicht beantwortet.",
		emptyMixed: "Eine leere Antwort bei einer Mehrfachauswahl zählt je nach Frage als nichts angekreuzt (0 Punkte) oder als nicht beantwortet.",
		reverse:    "%d Fragen sind umgekehrt gepolt: Sie zählen 1 minus die Punkte ihrer Antwort.",
		reverse1:   "Eine Frage ist umgekehrt gepolt: Sie zählt 1 minus die Punkte ihrer Antwort.",
		scale100:   "Indikatoren, Dimensionen und der Gesamtwert werden auf einer Skala von 0 bis 100 angegeben.",
		points:     "Zusätzlich werden sie als Punkte angegeben; insgesamt sind %s Punkte möglich.",
		dims:       "Die Dimensionen sind: %s.",
		equal:      "Sie zählen gleich viel.",
		weight:     "Gewicht",
		overall:    "Der Gesamtwert ist %s der Dimensionen%s.",
		inner:      "Der Wert einer Dimension ist %s ihrer Indikatoren und Unterdimensionen%s.",
		except:     "Abweichend: %s.",
		multi:      "Der Wert %s ist %s dieser Fragen%s.",
		agg: map[Aggregation]string{
			Mean:      "der gewichtete Mittelwert",
			Geometric: "das gewichtete geometrische Mittel",
			Minimum:   "das Minimum",
			Maximum:   "das Maximum",
			Sum:       "die Summe der Punkte",
		},
		aggNote: map[Aggregation]string{
			Geometric: " – Schwächen lassen sich nur begrenzt ausgleichen",
			Minimum:   " – der schwächste Teil bestimmt den Wert",
			Maximum:   " – der stärkste Teil zählt",
			Sum:       ", als Anteil an den möglichen Punkten",
		},
		labelIn:         "%s in %s",
		atLeast:         "%s mindestens %s",
		weightsRelative: "Gewichte sind relativ und müssen sich nicht zu 1 addieren.",
		weightsPoints:   "Bei einer Summe ist das Gewicht einer Frage oder eines Indikators seine Punktzahl; sonst sind Gewichte relativ.",
		blank:           "Leere Antworten gelten als nicht beantwortet.",
		blankCodes:      "Leere Antworten und %s gelten als nicht beantwortet.",
		unknown:         "%s gilt als unbekannt und wird wie eine fehlende Antwort behandelt.",
		na:              "%s nimmt eine Frage ganz aus der Rechnung.",
		invalid:         "Eine Antwort, die nicht zur Skala passt, wird gemeldet und als nicht beantwortet behandelt, nie als 0.",
		missReweight:    "Fehlende Antworten zählen nicht als 0: Der Wert wird aus den beantworteten Fragen gebildet, deren Gewichte entsprechend hochgerechnet werden.",
		missZero:        "Fehlende Antworten zählen als 0 Punkte.",
		missImpute:      "Fehlende Werte werden durch den Mittelwert der Vergleichsgruppe ersetzt.",
		imputeHow:       "Wo eingesetzt wird, tritt an die Stelle eines fehlenden Indikators oder einer fehlenden Dimension der Mittelwert der Kommunen %s derselben Erhebungswelle, die dort einen Wert haben (ohne eingesetzte Werte und Werte, in die eingesetzte eingehen), sofern es mindestens %s sind, sonst der Mittelwert aller Kommunen der Welle; haben auch dort weniger als %s einen Wert, bleibt der Wert fehlend. Fehlende Fragen innerhalb eines Indikators werden übergangen.",
		imputeHowAny:    "Wo eingesetzt wird, tritt an die Stelle eines fehlenden Indikators oder einer fehlenden Dimension der Mittelwert der Kommunen %[1]s derselben Erhebungswelle, die dort einen Wert haben (ohne eingesetzte Werte und Werte, in die eingesetzte eingehen), sonst der Mittelwert aller Kommunen der Welle; hat auch dort keine einen Wert, bleibt der Wert fehlend. Fehlende Fragen innerhalb eines Indikators werden übergangen.",
		wholeWave:       "der ganzen Erhebungswelle",
		peerGroup:       "derselben Vergleichsgruppe (%s)",
		policyWord:      map[MissingPolicy]string{Reweight: "fehlende Antworten werden übergangen", Zero: "fehlende Antworten zählen als 0", Impute: "fehlende Werte werden eingesetzt"},
		coverage:        "Zu jedem Wert wird die Abdeckung angegeben: der Anteil des Gewichts, der tatsächlich beantwortet wurde.",
		minCov:          "Ist weniger als %s %% des Gewichts beantwortet, wird der Bereich nicht bewertet und die Kommune gekennzeichnet.",
		threshold:       "Der Reifegrad ergibt sich aus dem Gesamtwert:",
		staged:          "Eine Stufe ist erreicht, wenn die Kriterien dieser und aller niedrigeren Stufen erfüllt sind:",
		blocking:        "Zu jeder Kommune werden die Kriterien genannt, die ihr zur nächsten Stufe fehlen.",
		noLevel:         "Ohne Gesamtwert gibt es keinen Reifegrad.",
		noLevelZero:     "Kein Reifegrad (–) ist etwas anderes als Stufe 0 (%s).",
		from:            "ab",
		peers:           "Zum fairen Vergleich werden die Kommunen in Vergleichsgruppen eingeordnet: %s.",
		sizeClasses:     "Die Größenklassen nach Einwohnerzahl sind: %s.",
		rankWave:        "Rang und Perzentil werden unter allen Kommunen der Erhebungswelle bestimmt. Das Perzentil ist der Anteil der anderen Kommunen mit niedrigerem Gesamtwert, Gleichstände zählen halb. Quartile werden linear interpoliert (wie QUARTILE.INKL in Excel). Kennzahlen von Gruppen mit weniger Kommunen als der Mindestgröße werden nicht ausgewiesen.",
		rank:            "Rang und Perzentil werden unter allen Kommunen der Erhebungswelle und innerhalb jeder Vergleichsgruppe bestimmt. Das Perzentil ist der Anteil der anderen Kommunen mit niedrigerem Gesamtwert, Gleichstände zählen halb. Quartile werden linear interpoliert (wie QUARTILE.INKL in Excel). Kennzahlen von Gruppen mit weniger Kommunen als der Mindestgröße werden nicht ausgewiesen.",
		waves:           "Für Kommunen und Gruppen, die schon an der vorigen Erhebungswelle teilgenommen haben, wird die Veränderung seitdem gezeigt.",
		core:            "Veränderungen beruhen nur auf den Fragen, die beide Wellen gleich gestellt haben; eine Frage, die eine Welle nicht gestellt hat, senkt deren Abdeckung nicht. Wo Kommunen fusioniert sind, werden die früheren Werte der Vorgänger einzeln genannt und keine Veränderung berechnet.",
	},
	English: {
		version: "version",
		fingerprint: "Model fingerprint: %s. It is computed from the config's model section as written (without comments and layout): " +
			"any edit of it — a point, a weight, a question's text — gives another fingerprint. Figures with the same fingerprint rest on the same model.",
		intro:          "The model %s evaluates %s.",
		form:           [2]string{"It forms %s", "They form %s"},
		grouped:        [2]string{", grouped into %s.", ", grouped into %s."},
		withSub:        "%s with %s",
		questionNoun:   [2]string{"one question", "questions"},
		indicatorNoun:  [2]string{"one indicator", "indicators"},
		dimNoun:        [2]string{"one dimension", "dimensions"},
		subdim:         [2]string{"one sub-dimension", "sub-dimensions"},
		indicator:      [2]string{"one indicator based on several questions", "%d indicators based on several questions"},
		scaleMap:       "Each answer is turned into points between 0 and 1 by a fixed scale, e.g. %s.",
		unlisted:       "Answers that the scale does not list earn %s points.",
		unlistedVaries: "Answers that the scale does not list earn the points the scale sets for them.",
		match: map[string]string{
			"fold":        "Upper and lower case and spaces at either end do not matter.",
			"exact":       "Some scales require the answer to match exactly, case included.",
			"trim":        "Some scales take case into account, but not spaces at either end.",
			"fold_notrim": "Some scales ignore case but not spaces at either end.",
		},
		bins:       "Numbers are put into bands (e.g. %s).",
		goalposts:  "Numbers are scaled to 0–1 between fixed goalposts (e.g. %s gives 0, %s gives 1; values beyond are capped).",
		minmax:     "Some numbers are scaled to 0–1 between the smallest and the largest value of all municipalities in the same survey wave, so they also depend on the others.",
		share:      "For multiple-choice questions, the share of options ticked counts.",
		count:      "For some multiple-choice questions, the number of options ticked counts, put into bands.",
		emptyNone:  "An empty multiple-choice answer means that nothing was ticked: 0 points.",
		emptyBlank: "An empty multiple-choice answer counts as not answered.",
		emptyMixed: "An empty multiple-choice answer means, depending on the question, that nothing was ticked (0 points) or that it was not answered.",
		reverse:    "%d questions are reversed: they count 1 minus the points of their answer.",
		reverse1:   "One question is reversed: it counts 1 minus the points of its answer.",
		scale100:   "Indicators, dimensions and the overall score are shown on a scale from 0 to 100.",
		points:     "They are also shown as points; %s points are possible in total.",
		dims:       "The dimensions are: %s.",
		equal:      "They count equally.",
		weight:     "weight",
		overall:    "The overall score is %s of the dimensions%s.",
		inner:      "The score of a dimension is %s of its indicators and sub-dimensions%s.",
		except:     "Except: %s.",
		multi:      "The score of %s is %s of those questions%s.",
		agg: map[Aggregation]string{
			Mean:      "the weighted mean",
			Geometric: "the weighted geometric mean",
			Minimum:   "the minimum",
			Maximum:   "the maximum",
			Sum:       "the sum of points",
		},
		aggNote: map[Aggregation]string{
			Geometric: ": weaknesses can only partly be compensated",
			Minimum:   ": the weakest part sets the score",
			Maximum:   ": the strongest part counts",
			Sum:       ", as a share of the points possible",
		},
		labelIn:         "%s in %s",
		atLeast:         "%s at least %s",
		weightsRelative: "Weights are relative and need not add up to 1.",
		weightsPoints:   "In a sum, the weight of a question or indicator is its number of points; elsewhere weights are relative.",
		blank:           "Blank answers count as not answered.",
		blankCodes:      "Blank answers and %s count as not answered.",
		unknown:         "%s counts as unknown and is treated like a missing answer.",
		na:              "%s takes a question out of the calculation entirely.",
		invalid:         "An answer that does not fit the scale is reported and treated as not answered, never as 0.",
		missReweight:    "Missing answers do not count as 0: the score is formed from the answered questions, whose weights are scaled up accordingly.",
		missZero:        "Missing answers count as 0 points.",
		missImpute:      "Missing values are replaced by the peer-group mean.",
		imputeHow:       "Where values are imputed, a missing indicator or dimension is replaced by the mean of the municipalities of %s in the same survey wave that have a value there (leaving out imputed values and values that rest on them), if at least %s do, else by the mean of all municipalities of the wave; where fewer than %s have one there too, it stays missing. Missing questions within an indicator are skipped.",
		imputeHowAny:    "Where values are imputed, a missing indicator or dimension is replaced by the mean of the municipalities of %[1]s in the same survey wave that have a value there (leaving out imputed values and values that rest on them), else by the mean of all municipalities of the wave; where none has one there either, it stays missing. Missing questions within an indicator are skipped.",
		wholeWave:       "the whole survey wave",
		peerGroup:       "the same peer group (%s)",
		policyWord:      map[MissingPolicy]string{Reweight: "missing answers are skipped", Zero: "missing answers count as 0", Impute: "missing values are imputed"},
		coverage:        "Every score carries its coverage: the share of its weight that was actually answered.",
		minCov:          "If less than %s %% of the weight is answered, the area is not scored and the municipality is flagged.",
		threshold:       "The maturity level follows from the overall score:",
		staged:          "A level is reached when the criteria of that level and all lower levels are met:",
		blocking:        "For each municipality, the criteria that keep it from the next level are listed.",
		noLevel:         "Without an overall score there is no level.",
		noLevelZero:     "No level (–) is not the same as level 0 (%s).",
		from:            "from",
		peers:           "For a fair comparison, municipalities are placed in peer groups: %s.",
		sizeClasses:     "The size classes by population are: %s.",
		rankWave:        "Rank and percentile are computed among all municipalities of the survey wave. The percentile is the share of the other municipalities with a lower overall score, ties counting half. Quartiles use linear interpolation (Excel's QUARTILE.INC). Figures of groups smaller than the minimum group size are not shown.",
		rank:            "Rank and percentile are computed among all municipalities of the survey wave and within each peer group. The percentile is the share of the other municipalities with a lower overall score, ties counting half. Quartiles use linear interpolation (Excel's QUARTILE.INC). Figures of groups smaller than the minimum group size are not shown.",
		waves:           "For municipalities and groups that also took part in the previous survey wave, the change since then is shown.",
		core:            "Changes rest only on the questions both waves asked the same way; a question a wave did not ask does not lower its coverage. Where municipalities merged, the earlier scores of the predecessors are named one by one and no change is computed.",
	},
}
