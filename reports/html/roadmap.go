package html

import (
	"fmt"
	"math"
	"strings"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// roadmapView is a profile's section "Ihr Weg zu Stufe N": the unit's
// roadmap to its target level, step by step.
type roadmapView struct {
	Heading string
	// Lead says where the unit stands: target reached, top level,
	// unreachable, or what the steps achieve.
	Lead     string
	Progress string // percent to target and progress to date
	Note     string // the unit's own goal could not be read, and why
	Phases   []roadmapPhase
	Explain  string
}

// roadmapPhase is a group of steps; without phases there is one, without
// heading.
type roadmapPhase struct {
	Heading string
	Steps   []roadmapStep
}

// roadmapStep is one step as the profile shows it.
type roadmapStep struct {
	Number   int
	Question string // the question's text (or code)
	Change   string // "nein → teilweise", "klären (bisher: weiß nicht) → ja"
	Effort   string
	After    string // "danach 52,3 · Stufe 3 Fortgeschritten"
	Peers    string
	Advice   string
	// NextStep marks advice that is the dimension's next step, which the
	// section "Nächste Schritte" prints too (paper shows it once).
	NextStep bool
}

// roadmapCatalog holds the texts of the roadmap section; fields ending in
// F are fmt formats, their verbs documented beside them.
type roadmapCatalog struct {
	HeadingF     string // %s: target level (number and name)
	HeadingTop   string
	AtTargetF    string // %s: target level
	HeadingPastF string // %s: target level, below the unit's own
	PastTargetF  string // %s: target level, %s: the unit's level above it
	AtTop        string
	UnreachableF string // %s: target level
	// UnmeetableF says instead which criteria no answer can meet
	// (roadmap.Plan.Unmeetable): %s: target level, %s: the criteria,
	// each as NotAppliesF or UnaskedF (%s: its label), the last two
	// joined by And.
	UnmeetableF, NotAppliesF, UnaskedF, And string
	// NoneBetween follows UnreachableF where levels lie between the
	// unit's and the target and none of them is within reach either.
	NoneBetween string
	// HeadingTowardF and TowardF head and lead a way to the highest level
	// below an unreachable target that can be reached (%s: that level):
	// such a goal gave no steps at all.
	HeadingTowardF string
	TowardF        string
	// OwnGoalOut says that the unreachable target is the unit's own goal
	// (OwnGoal would call the level the steps lead to its goal).
	OwnGoalOut string
	LeadF      string // %d: steps, %s: total effort, %s: ReachF or ReachStagedF
	LeadOneF   string // one step: %s: its effort, %s: ReachF or ReachStagedF
	// ReachF says where the steps lead under threshold levels, where the
	// score decides the level; ReachStagedF under staged levels, where
	// the criteria do and the overall score does not ("und damit Stufe 1"
	// beside a score of 4.9 told a cause there is none). %[1]s: projected
	// score, %[2]s: level.
	ReachF       string
	ReachStagedF string
	// LeadGreedyF and LeadGreedyOneF as LeadF and LeadOneF, for a roadmap
	// not proven least (roadmap.Plan.Exact false): they claim no least.
	LeadGreedyF    string
	LeadGreedyOneF string
	OwnGoal        string
	PercentF       string // %s: percent of the target posture reached
	// NoPointsOne and NoPointsF say that clarifications to an answer of
	// no points are not in that percent (roadmap.Plan.ClarifiedWithoutPoints).
	NoPointsOne   string
	NoPointsF     string // %s: how many questions
	ProgressF     string // %s: wave of the baseline, %s: percent of the way
	ProgressCoreF string // as ProgressF, then %d of %d questions compared
	NoProgMergedF string // %s: wave of the baseline
	NoProgNoWayF  string // %s: wave of the baseline
	NoProgNoWayCF string // as NoProgNoWayF, then %d of %d questions compared
	NoProgMetF    string // %s: wave of the baseline, %s: the level the unit stood at then
	NoProgFlatF   string // %s: wave of the baseline, %s: overall score now, %s: after the way
	NoProgFellF   string // %s: wave of the baseline; the score fell, the level rose
	NoProgRoseF   string // %s: wave of the baseline; the score rose, the level fell
	PhaseF        string // %d: phase, %s: projected score, %s: level at its end
	PhaseNoScoreF string // %d: phase that ends without an overall score
	Clarify       string
	ClarifyF      string // %s: the answer given before ("weiß nicht")
	// AssumedF words a step that clarifies an open question at its
	// lowest answer (roadmap.Step.Assumed): %s: Clarify or ClarifyF, %s:
	// the answer assumed. "klären → trifft voll zu" on a reversed question
	// ("Fehlendes Personal verhindert …") read as advice to get there.
	AssumedF      string
	NoneTicked    string // a multi-select answered with no item ticked
	AddItemF      string // %s: item
	EffortF       string // %s: effort
	AfterF        string // %s: projected score, %s: level
	AfterNoScore  string
	PeersF        string // %s: count of peers
	PeersOne      string // a count of one
	GoalNoLevelF  string // %s: the goal given, %s: its column, %s: the model's levels
	Explain       string
	ExplainClarif string
	// PeersLater stands where the counts of peers would, on a profile
	// compared with the last refresh (Options.Comparison): its counts
	// come with the next one.
	PeersLater string
}

var roadmapCatalogs = map[scoring.Language]*roadmapCatalog{
	scoring.German: {
		HeadingF:       "Ihr Weg zu Stufe %s",
		HeadingTop:     "Ihr Weg: höchste Stufe erreicht",
		AtTargetF:      "Sie haben Ihr Ziel erreicht: Stufe %s.",
		HeadingPastF:   "Ihr Weg: Ziel Stufe %s überschritten",
		PastTargetF:    "Ihr Ziel, Stufe %s, haben Sie überschritten: Sie stehen auf Stufe %s.",
		AtTop:          "Sie stehen auf der höchsten Stufe des Modells.",
		UnreachableF:   "Stufe %s ist mit den gestellten Fragen nicht erreichbar: Auch mit den bestmöglichen Antworten reicht es nicht (nicht zutreffende Fragen und Fragen, deren Punkte vom Vergleich mit den anderen Kommunen abhängen, zählen nicht als Schritte).",
		NoneBetween:    "Auch keine Stufe zwischen Ihrer jetzigen und dieser ist erreichbar; daher zeigt dieser Abschnitt keine Schritte.",
		UnmeetableF:    "Stufe %s ist nicht erreichbar: Sie verlangt %s, und ohne Wert ist ein Kriterium nie erfüllt.",
		NotAppliesF:    "„%s“ (trifft bei Ihnen nicht zu)",
		UnaskedF:       "„%s“ (in dieser Welle nicht gefragt)",
		And:            " und ",
		HeadingTowardF: "Ihr Weg zu Stufe %s, der höchsten erreichbaren",
		TowardF:        "Die Schritte unten führen zur höchsten Stufe darunter, die erreichbar ist, Stufe %s: Sie ist das Ziel dieses Weges.",
		OwnGoalOut:     "Ihre Kommune hat sie selbst als Ziel angegeben.",
		LeadF:          "Mit diesen %d Schritten (Aufwand %s) %s. Die Schritte sind so gewählt, dass der Gesamtaufwand am kleinsten ist, und nach ihrer Wirkung je Aufwand geordnet.",
		ReachF:         "erreicht Ihr Gesamtwert voraussichtlich %[1]s und damit Stufe %[2]s",
		ReachStagedF:   "erfüllen Sie voraussichtlich die Kriterien der Stufe %[2]s; Ihr Gesamtwert liegt danach bei %[1]s",
		LeadOneF:       "Mit diesem einen Schritt (Aufwand %s) %s. Kein anderer Weg zum Ziel hat einen kleineren Aufwand.",
		LeadGreedyF:    "Mit diesen %d Schritten (Aufwand %s) %s. Die Schritte sind nach ihrer Wirkung je Aufwand gewählt und geordnet; ob ein Weg mit kleinerem Aufwand zum Ziel führt, ließ sich nicht prüfen (die Suche wurde zu groß).",
		LeadGreedyOneF: "Mit diesem einen Schritt (Aufwand %s) %s. Ob ein Weg mit kleinerem Aufwand zum Ziel führt, ließ sich nicht prüfen (die Suche wurde zu groß).",
		OwnGoal:        "Das Ziel ist die Stufe, die Ihre Kommune selbst angegeben hat.",
		PercentF:       "Vom Zielprofil haben Sie %s erreicht.",
		NoPointsOne:    "Dieser Anteil zählt Punkte: Eine Frage, die der Weg klärt, bringt mit der angenommenen Antwort keine Punkte und zählt darin nicht.",
		NoPointsF:      "Dieser Anteil zählt Punkte: %s Fragen, die der Weg klärt, bringen mit der angenommenen Antwort keine Punkte und zählen darin nicht.",
		ProgressF:      "Seit %s haben Sie %s des Weges zurückgelegt.",
		ProgressCoreF:  "Seit %s haben Sie %s des Weges zurückgelegt (auf Basis von %d von %d Fragen, die in beiden Wellen gleich gestellt wurden).",
		NoProgMergedF:  "Fortschritt seit %s: – (nicht berechnet, weil sich das Gebiet verändert hat).",
		NoProgNoWayF:   "Fortschritt seit %s: – (Ihr Gesamtwert lag damals schon auf oder über dem Wert am Ende dieses Weges).",
		NoProgNoWayCF:  "Fortschritt seit %s: – (Ihr Gesamtwert auf Basis von %d von %d Fragen, die in beiden Wellen gleich gestellt wurden, lag damals schon auf oder über dem Wert am Ende dieses Weges).",
		NoProgMetF:     "Fortschritt seit %s: – (damals standen Sie schon auf Stufe %s, am Ziel dieses Weges oder darüber).",
		NoProgFlatF:    "Fortschritt seit %s: – (er wird am Gesamtwert gemessen, den dieser Weg nicht hebt: jetzt %s, danach %s).",
		NoProgFellF:    "Fortschritt seit %s: – (er wird am Gesamtwert gemessen, und der ist seitdem gefallen, Ihre Stufe aber gestiegen).",
		NoProgRoseF:    "Fortschritt seit %s: – (er wird am Gesamtwert gemessen, und der ist seitdem gestiegen, Ihre Stufe aber gefallen).",
		PhaseF:         "Phase %d – danach voraussichtlich %s, Stufe %s",
		PhaseNoScoreF:  "Phase %d – danach noch ohne Gesamtwert",
		Clarify:        "klären",
		ClarifyF:       "klären (bisher: %s)",
		AssumedF:       "%s – der Weg nimmt die ungünstigste Antwort an: „%s“",
		NoneTicked:     "keine davon",
		AddItemF:       "zusätzlich: %s",
		EffortF:        "Aufwand %s",
		AfterF:         "danach %s · Stufe %s",
		AfterNoScore:   "danach noch ohne Gesamtwert",
		PeersF:         "%s Kommunen Ihrer Größenklasse sind hier schon so weit.",
		PeersOne:       "Eine Kommune Ihrer Größenklasse ist hier schon so weit.",
		GoalNoLevelF:   "Ihre Zielangabe „%s“ (Spalte %s) nennt keine Stufe des Modells (%s); der Weg führt daher zum allgemein gesetzten Ziel.",
		Explain:        "Aufwand in den Einheiten des Modells (ohne eigene Angabe 1 je Schritt). Ein Schritt hebt eine Antwort um eine Stufe ihrer Skala, eine Mehrfachauswahl um einen Eintrag, eine Zahl in den nächsten Bereich. Nicht zutreffende Fragen zählen nie.",
		PeersLater:     "Wie viele Kommunen Ihrer Größenklasse bei einem Schritt schon so weit sind, steht hier für Ihre neue Einreichung, sobald die Vergleichswerte das nächste Mal aktualisiert werden.",
		ExplainClarif:  "Ein Schritt auf einer offenen Frage („weiß nicht“, unbeantwortet) klärt sie und hebt sie zugleich so weit, wie der Weg es braucht, geplant vom ungünstigsten Fall aus, ihrer niedrigsten Antwort; er steht an der Stelle, an die ihn seine Wirkung je Aufwand setzt.",
	},
	scoring.English: {
		HeadingF:       "Your way to level %s",
		HeadingTop:     "Your way: highest level reached",
		AtTargetF:      "You have reached your target: level %s.",
		HeadingPastF:   "Your way: target level %s passed",
		PastTargetF:    "You have passed your target, level %s: you stand at level %s.",
		AtTop:          "You stand at the model's highest level.",
		UnreachableF:   "Level %s cannot be reached with the questions asked: even the best possible answers fall short (questions that do not apply and questions whose points depend on the other municipalities do not count as steps).",
		NoneBetween:    "Nor can any level between yours and it be reached, so this section shows no steps.",
		UnmeetableF:    "Level %s cannot be reached: it requires %s, and a criterion without a score is never met.",
		NotAppliesF:    "“%s” (does not apply to you)",
		UnaskedF:       "“%s” (not asked in this wave)",
		And:            " and ",
		HeadingTowardF: "Your way to level %s, the highest within reach",
		TowardF:        "The steps below lead to the highest level beneath it that can be reached, level %s, the target of this way.",
		OwnGoalOut:     "Your municipality gave it as its own goal.",
		LeadF:          "With these %d steps (effort %s) %s. The steps are chosen for the least total effort and ordered by their gain per effort.",
		ReachF:         "your overall score is projected to reach %[1]s, and with it level %[2]s",
		ReachStagedF:   "you are projected to meet the criteria of level %[2]s, with an overall score of %[1]s",
		LeadOneF:       "With this one step (effort %s) %s. No other way to the target takes less effort.",
		LeadGreedyF:    "With these %d steps (effort %s) %s. The steps are chosen and ordered by their gain per effort; whether a way of less effort reaches the target could not be checked (the search grew too large).",
		LeadGreedyOneF: "With this one step (effort %s) %s. Whether a way of less effort reaches the target could not be checked (the search grew too large).",
		OwnGoal:        "The target is the level your municipality gave itself.",
		PercentF:       "You have reached %s of the target posture.",
		NoPointsOne:    "This share counts points: one question the way clarifies earns no points with the answer assumed and does not count in it.",
		NoPointsF:      "This share counts points: %s questions the way clarifies earn no points with the answer assumed and do not count in it.",
		ProgressF:      "Since %s you have come %s of the way.",
		ProgressCoreF:  "Since %s you have come %s of the way (on the basis of %d of %d questions asked the same way in both waves).",
		NoProgMergedF:  "Progress since %s: – (not computed, as the territory has changed).",
		NoProgNoWayF:   "Progress since %s: – (your overall score then was already at or above the score at the end of this way).",
		NoProgNoWayCF:  "Progress since %s: – (your overall score on the basis of %d of %d questions asked the same way in both waves was then already at or above the score at the end of this way).",
		NoProgMetF:     "Progress since %s: – (you then stood at level %s already, at or above the target of this way).",
		NoProgFlatF:    "Progress since %s: – (it is measured on the overall score, which this way does not raise: %s now, %s after it).",
		NoProgFellF:    "Progress since %s: – (it is measured on the overall score, which has fallen since, while your level has risen).",
		NoProgRoseF:    "Progress since %s: – (it is measured on the overall score, which has risen since, while your level has fallen).",
		PhaseF:         "Phase %d – then projected %s, level %s",
		PhaseNoScoreF:  "Phase %d – then still without an overall score",
		Clarify:        "clarify",
		ClarifyF:       "clarify (so far: %s)",
		AssumedF:       "%s – the way assumes the least favourable answer: “%s”",
		NoneTicked:     "none of these",
		AddItemF:       "add: %s",
		EffortF:        "effort %s",
		AfterF:         "then %s · level %s",
		AfterNoScore:   "then still without an overall score",
		PeersF:         "%s municipalities of your size class are this far already.",
		PeersOne:       "One municipality of your size class is this far already.",
		GoalNoLevelF:   "Your goal “%s” (column %s) names no level of the model (%s); so the way leads to the target set for all.",
		Explain:        "Effort in the model's units (1 per step unless the model says otherwise). A step raises one answer by one step of its scale, a multi-select by one item, a number to its next range. Questions that do not apply never count.",
		PeersLater:     "How many municipalities of your size class are this far already at a step is shown here for your new submission when the comparison figures are next updated.",
		ExplainClarif:  "A step on an open question (“don't know”, unanswered) clarifies it and raises it at once as far as the way needs, planned from the worst case, its lowest answer; it stands where its gain per effort places it.",
	},
}

// roadmap builds the roadmap section of unit u's profile, or nil when the
// run made no roadmaps.
func (rd *renderer) roadmap(u *scoring.UnitResult) *roadmapView {
	set := rd.o.Roadmaps
	if set == nil {
		return nil
	}
	p := set.Unit(u.Unit.ID)
	if p == nil || p.Unit.Wave != u.Wave {
		return nil
	}
	t, rt, m := rd.t, rd.roadmapT, rd.r.Model
	level := func(o int) string { return m.Levels.ByOrdinal(o).Label() }
	v := &roadmapView{Note: rd.roadmapNote(p.Note, rt)}
	switch p.Status {
	case roadmap.AtTop:
		v.Heading, v.Lead = rt.HeadingTop, rt.AtTop
		return v
	case roadmap.AtTarget:
		v.Heading = fmt.Sprintf(rt.HeadingF, level(p.Target))
		v.Lead = fmt.Sprintf(rt.AtTargetF, level(p.Target))
		if p.LevelAfter > p.Target {
			// An own goal below the unit's level: "Ihr Weg zu Stufe 2"
			// above a unit at level 4 named a way down.
			v.Heading = fmt.Sprintf(rt.HeadingPastF, level(p.Target))
			v.Lead = fmt.Sprintf(rt.PastTargetF, level(p.Target), level(p.LevelAfter))
		}
		return v
	case roadmap.Unreachable:
		if len(p.Steps) > 0 {
			break // a way to the highest level within reach, below
		}
		v.Heading = fmt.Sprintf(rt.HeadingF, level(p.Target))
		v.Lead = rd.unreachable(p, rt)
		if p.Target > u.Level+1 {
			// A goal some levels up: say that none between is within
			// reach either, or the empty way reads as an omission.
			v.Lead += " " + rt.NoneBetween
		}
		return v
	}
	var unreachable string
	if p.Status == roadmap.Unreachable {
		// The steps lead to the highest level below the target within
		// reach (roadmap.Plan.LevelAfter), and say so first.
		unreachable = rd.unreachable(p, rt) + " "
		if p.OwnGoal {
			unreachable += rt.OwnGoalOut + " "
		}
		unreachable += fmt.Sprintf(rt.TowardF, level(p.LevelAfter)) + " "
		v.Heading = fmt.Sprintf(rt.HeadingTowardF, level(p.LevelAfter))
	} else {
		v.Heading = fmt.Sprintf(rt.HeadingF, level(p.Target))
	}
	// Only a roadmap the search proved least says so; a greedy one
	// (Exact false) is marked exact: false in roadmap.csv and .json, and
	// says here what it is.
	leadF, leadOneF := rt.LeadF, rt.LeadOneF
	if !p.Exact {
		leadF, leadOneF = rt.LeadGreedyF, rt.LeadGreedyOneF
	}
	reachF := rt.ReachF
	if m.Levels.Method == scoring.Staged {
		reachF = rt.ReachStagedF
	}
	reach := fmt.Sprintf(reachF, rd.projected(p.After), level(p.LevelAfter))
	if len(p.Steps) == 1 {
		v.Lead = fmt.Sprintf(leadOneF, t.int(p.Effort), reach)
	} else {
		v.Lead = fmt.Sprintf(leadF, len(p.Steps), t.int(p.Effort), reach)
	}
	if p.OwnGoal && p.Status != roadmap.Unreachable {
		v.Lead += " " + rt.OwnGoal
	}
	v.Lead = unreachable + v.Lead
	if !math.IsNaN(p.PercentToTarget) {
		v.Progress = fmt.Sprintf(rt.PercentF, t.pct(100*p.PercentToTarget))
		switch n := p.ClarifiedWithoutPoints; {
		case n == 1:
			v.Progress += " " + rt.NoPointsOne
		case n > 1:
			v.Progress += " " + fmt.Sprintf(rt.NoPointsF, t.int(n))
		}
	}
	if s := rd.progress(p, rt); s != "" {
		v.Progress += " " + s
	}
	clarified := false
	seenAdvice := map[string]bool{}
	for i, st := range p.Steps {
		if len(v.Phases) == 0 || (st.Phase > 0 && st.Phase != p.Steps[i-1].Phase) {
			ph := roadmapPhase{}
			if st.Phase > 0 {
				end := p.Phases[st.Phase-1]
				ph.Heading = fmt.Sprintf(rt.PhaseF, st.Phase, rd.projected(end.After), level(end.LevelAfter))
				if !end.After.Scored() {
					// A unit without an overall score answers open
					// questions first: its early phases end without one,
					// and the heading read "danach voraussichtlich –,
					// Stufe –" above steps that say it in words.
					ph.Heading = fmt.Sprintf(rt.PhaseNoScoreF, st.Phase)
				}
			}
			v.Phases = append(v.Phases, ph)
		}
		rs := roadmapStep{Number: i + 1, Question: st.Question.Text, Effort: fmt.Sprintf(rt.EffortF, t.int(st.Effort))}
		if rs.Question == "" {
			rs.Question = string(st.Question.ID)
		}
		// Numbers the roadmap worked out in the page's language ("2,5").
		from, to := p.Change(i, t.Lang)
		if st.Clarify && from != "" && st.Question.Scale != nil && st.Question.Scale.Parse(from).Status == scoring.Blank {
			// A code for "not answered" ("-9", as serve's export writes
			// an open multi-select) is no answer the unit gave: it read
			// "klären (bisher: -9)".
			from = ""
		}
		if to == "" && !st.Item && st.Question.Scale != nil && st.Question.Scale.Kind == scoring.ScaleMulti {
			// The first rung of a multi-select whose empty cell is an
			// answer (empty: none): clarified as nothing ticked. It read
			// "klären → " with nothing after the arrow.
			to = rt.NoneTicked
		}
		switch {
		case st.Clarify && from == "":
			from = rt.Clarify
		case st.Clarify:
			from = fmt.Sprintf(rt.ClarifyF, from)
		}
		if st.Item {
			to = fmt.Sprintf(rt.AddItemF, to)
		}
		rs.Change = from + " → " + to
		switch {
		case st.Item && !st.Clarify:
			rs.Change = to
		case st.Assumed:
			rs.Change = fmt.Sprintf(rt.AssumedF, from, to)
		}
		clarified = clarified || st.Clarify
		rs.After = rt.AfterNoScore
		if st.After.Scored() {
			rs.After = fmt.Sprintf(rt.AfterF, rd.score(st.After.Score), level(st.Level))
		}
		switch {
		case rd.compare != rd:
			// Counted with the unit's newer answers among the others of
			// the last refresh: which counts a size class tells depends on
			// the unit's own answer, and moving it between submissions
			// could pin how many others stand below a rung (PeersLater).
		case st.PeersShown && st.Peers == 1:
			rs.Peers = rt.PeersOne
		case st.PeersShown:
			rs.Peers = fmt.Sprintf(rt.PeersF, t.int(st.Peers))
		}
		// A dimension's advice is shown at its first step only.
		if st.Advice != "" && !seenAdvice[st.Advice] {
			seenAdvice[st.Advice] = true
			rs.Advice = st.Advice
			rs.NextStep = m.Advice(st.Question) == ""
		}
		v.Phases[len(v.Phases)-1].Steps = append(v.Phases[len(v.Phases)-1].Steps, rs)
	}
	v.Explain = rt.Explain
	if clarified {
		v.Explain += " " + rt.ExplainClarif
	}
	if rd.compare != rd && len(p.Steps) > 0 && rd.o.Roadmaps.Counted {
		// Only where counts are made at all (roadmap.Set.Counted): a model
		// of organisations without size classes was promised "how many
		// organisations of your size class are this far" with the next
		// refresh.
		v.Explain += " " + rt.PeersLater
	}
	return v
}

// unreachable says that p's target cannot be reached, and why where the
// plan knows: the criteria no answer can meet (roadmap.Plan.Unmeetable),
// else every cause there can be.
func (rd *renderer) unreachable(p *roadmap.Plan, rt *roadmapCatalog) string {
	target := rd.r.Model.Levels.ByOrdinal(p.Target).Label()
	if len(p.Unmeetable) == 0 {
		return fmt.Sprintf(rt.UnreachableF, target)
	}
	d := scoring.NewDescriber(rd.o.Language)
	var crits []string
	for _, c := range p.Unmeetable {
		f := rt.NotAppliesF
		if p.Unit.Nodes.At(c.Node).State == scoring.Unasked {
			f = rt.UnaskedF
		}
		crits = append(crits, fmt.Sprintf(f, d.Criterion(rd.r.Model, c)))
	}
	list := crits[0]
	if n := len(crits); n > 1 {
		list = strings.Join(crits[:n-1], ", ") + rt.And + crits[n-1]
	}
	return fmt.Sprintf(rt.UnmeetableF, target, list)
}

// projected formats a projected overall score, "–" when there is none.
func (rd *renderer) projected(s scoring.NodeScore) string {
	if !s.Scored() {
		return "–"
	}
	return rd.score(s.Score)
}

// roadmapNote words a plan's note in the page's language; "" for none.
func (rd *renderer) roadmapNote(n roadmap.Note, rt *roadmapCatalog) string {
	if n.Reason != roadmap.GoalNamesNoLevel {
		return ""
	}
	levels := make([]string, len(rd.r.Model.Levels.List))
	for i, l := range rd.r.Model.Levels.List {
		levels[i] = l.Label()
	}
	return fmt.Sprintf(rt.GoalNoLevelF, n.Goal, n.Column, strings.Join(levels, ", "))
}

// progress is the sentence on a plan's progress to date: the share of the
// way, on how many questions it rests when the waves' comparable core
// leaves some out, or why it has none; "" without a previous wave to
// compare with.
func (rd *renderer) progress(p *roadmap.Plan, rt *roadmapCatalog) string {
	since := rd.waveLabel(p.Since)
	partial := p.Compared < p.Asked
	switch p.NoProgress {
	case roadmap.ProgressGiven:
		pct := rd.t.pct(100 * p.Progress)
		if partial {
			return fmt.Sprintf(rt.ProgressCoreF, since, pct, p.Compared, p.Asked)
		}
		return fmt.Sprintf(rt.ProgressF, since, pct)
	case roadmap.TerritoryChanged:
		return fmt.Sprintf(rt.NoProgMergedF, since)
	case roadmap.NoWayToGo:
		if partial {
			return fmt.Sprintf(rt.NoProgNoWayCF, since, p.Compared, p.Asked)
		}
		return fmt.Sprintf(rt.NoProgNoWayF, since)
	case roadmap.TargetMetThen:
		return fmt.Sprintf(rt.NoProgMetF, since, rd.r.Model.Levels.ByOrdinal(p.BaselineLevel).Label())
	case roadmap.ScoreNotRaised:
		return fmt.Sprintf(rt.NoProgFlatF, since, rd.projected(p.Unit.Nodes.At(0)), rd.projected(p.After))
	case roadmap.ScoreAgainstLevel:
		if p.Unit.Level > p.BaselineLevel {
			return fmt.Sprintf(rt.NoProgFellF, since)
		}
		return fmt.Sprintf(rt.NoProgRoseF, since)
	}
	return ""
}
