package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// roadmapCatalog holds the texts of the sheet Fahrplan.
type roadmapCatalog struct {
	Sheet, Level, Target, Status, OwnGoal, Effort, PercentToTarget, Progress string
	Step, Phase, Question, Text, From, To, Clarify, StepEffort, ScoreAfter   string
	LevelAfter, Peers, Note                                                  string
	Statuses                                                                 map[roadmap.Status]string
	Yes                                                                      string
	GoalNoLevelF                                                             string // %s goal, %s column, %s levels
	// UnmeetableF says why a target is out of reach under staged levels
	// (roadmap.Plan.Unmeetable): %s: target level, %s: the criteria, each
	// as NotAppliesF or UnaskedF (%s: its label), joined by "; ".
	UnmeetableF, NotAppliesF, UnaskedF string
}

var roadmapCatalogs = map[scoring.Language]*roadmapCatalog{
	scoring.German: {Sheet: "Fahrplan", Level: "Stufe", Target: "Ziel", Status: "Stand", OwnGoal: "eigenes Ziel",
		Effort: "Aufwand gesamt", PercentToTarget: "Anteil des Zielprofils", Progress: "Fortschritt seit letzter Welle",
		Step: "Schritt", Phase: "Phase", Question: "Frage", Text: "Fragetext", From: "von", To: "nach", Clarify: "klären",
		StepEffort: "Aufwand", ScoreAfter: "Gesamtwert danach", LevelAfter: "Stufe danach",
		Peers: "Kommunen der Größenklasse mit dieser Antwort", Note: "Hinweis", Yes: "ja",
		GoalNoLevelF: "Die Zielangabe „%s“ (Spalte %s) nennt keine Stufe des Modells (%s); es gilt roadmap.target.",
		UnmeetableF:  "Stufe %s verlangt %s; ohne Wert ist ein Kriterium nie erfüllt.",
		NotAppliesF:  "„%s“ (trifft nicht zu)", UnaskedF: "„%s“ (in dieser Welle nicht gefragt)",
		Statuses: map[roadmap.Status]string{roadmap.Planned: "Fahrplan", roadmap.AtTarget: "Ziel erreicht",
			roadmap.AtTop: "höchste Stufe", roadmap.Unreachable: "nicht erreichbar"}},
	scoring.English: {Sheet: "Roadmap", Level: "Level", Target: "Target", Status: "Status", OwnGoal: "own goal",
		Effort: "Total effort", PercentToTarget: "Percent to target", Progress: "Progress since last wave",
		Step: "Step", Phase: "Phase", Question: "Question", Text: "Question text", From: "from", To: "to", Clarify: "clarify",
		StepEffort: "Effort", ScoreAfter: "Overall score after", LevelAfter: "Level after",
		Peers: "Municipalities of the size class with this answer", Note: "Note", Yes: "yes",
		GoalNoLevelF: "The goal “%s” (column %s) names no level of the model (%s); roadmap.target applies.",
		UnmeetableF:  "Level %s requires %s; a criterion without a score is never met.",
		NotAppliesF:  "“%s” (does not apply)", UnaskedF: "“%s” (not asked in this wave)",
		Statuses: map[roadmap.Status]string{roadmap.Planned: "roadmap", roadmap.AtTarget: "target reached",
			roadmap.AtTop: "top level", roadmap.Unreachable: "unreachable"}},
}

// roadmapRow is one line of the sheet Fahrplan: a unit's step, or a unit
// without steps (step nil).
type roadmapRow struct {
	p    *roadmap.Plan
	step int // index into p.Steps; -1: none
}

// roadmapSheet writes the sheet Fahrplan: one row per unit and step of its
// roadmap, one row for a unit without steps. Peer counts kept back
// (roadmap.Step.PeersHidden) are "•"; a step for which none was made — no
// count speaks for it, or the unit has no size class — has an empty cell;
// where no step can have one (roadmap.Set.Counted), there is no column.
func (wb *workbook) roadmapSheet() error {
	set := wb.o.Roadmaps
	if set == nil {
		return nil
	}
	t, rt, st, m := wb.t, wb.roadmapT, &wb.st, wb.m
	var rows []roadmapRow
	for i := range set.Plans {
		p := &set.Plans[i]
		if len(p.Steps) == 0 {
			rows = append(rows, roadmapRow{p, -1})
		}
		for k := range p.Steps {
			rows = append(rows, roadmapRow{p, k})
		}
	}
	level := func(o int) any {
		if o == 0 {
			return nil
		}
		return m.Levels.ByOrdinal(o).Label()
	}
	num := func(x float64) any {
		if math.IsNaN(x) {
			return nil
		}
		return x
	}
	step := func(r roadmapRow) *roadmap.Step {
		if r.step < 0 {
			return nil
		}
		return &r.p.Steps[r.step]
	}
	onStep := func(f func(s *roadmap.Step) any) func(roadmapRow) any {
		return func(r roadmapRow) any {
			if s := step(r); s != nil {
				return f(s)
			}
			return nil
		}
	}
	cols := []tableColumn[roadmapRow]{
		{Header: t.ID, Style: st.id, Text: true, Value: func(r roadmapRow) any { return string(r.p.Unit.Unit.ID) }},
		{Header: t.Name, Value: func(r roadmapRow) any { return r.p.Unit.Unit.Name }},
		{Header: rt.Level, Value: func(r roadmapRow) any { return level(r.p.Unit.Level) }},
		{Header: rt.Target, Value: func(r roadmapRow) any { return level(r.p.Target) }},
		{Header: rt.OwnGoal, Value: func(r roadmapRow) any {
			if r.p.OwnGoal {
				return rt.Yes
			}
			return nil
		}},
		{Header: rt.Status, Value: func(r roadmapRow) any { return rt.Statuses[r.p.Status] }},
		{Header: rt.Effort, Style: st.integer, Value: func(r roadmapRow) any { return r.p.Effort }},
		{Header: rt.PercentToTarget, Style: st.percent, Value: func(r roadmapRow) any { return num(r.p.PercentToTarget) }},
		{Header: rt.Progress, Style: st.percent, Value: func(r roadmapRow) any { return num(r.p.Progress) }},
		{Header: rt.Step, Style: st.integer, Value: func(r roadmapRow) any {
			if r.step < 0 {
				return nil
			}
			return r.step + 1
		}},
		{Header: rt.Phase, Style: st.integer, Value: onStep(func(s *roadmap.Step) any {
			if s.Phase == 0 {
				return nil
			}
			return s.Phase
		})},
		{Header: rt.Question, Text: true, Value: onStep(func(s *roadmap.Step) any { return string(s.Question.ID) })},
		{Header: rt.Text, Value: onStep(func(s *roadmap.Step) any { return s.Question.Text })},
		{Header: rt.From, Text: true, Value: func(r roadmapRow) any {
			if r.step < 0 {
				return nil
			}
			from, _ := r.p.Change(r.step, wb.o.Language)
			return from
		}},
		{Header: rt.To, Text: true, Value: func(r roadmapRow) any {
			if r.step < 0 {
				return nil
			}
			_, to := r.p.Change(r.step, wb.o.Language)
			return to
		}},
		{Header: rt.Clarify, Value: onStep(func(s *roadmap.Step) any {
			if s.Clarify {
				return rt.Yes
			}
			return nil
		})},
		{Header: rt.StepEffort, Style: st.integer, Value: onStep(func(s *roadmap.Step) any { return s.Effort })},
		{Header: rt.ScoreAfter, Style: st.score, Scale: true, Value: onStep(func(s *roadmap.Step) any { return wb.scoreValue(s.After) })},
		{Header: rt.LevelAfter, Value: onStep(func(s *roadmap.Step) any { return level(s.Level) })},
	}
	// The count of peers only where some step can have one (Set.Counted):
	// a model of organisations without size classes had the column empty.
	if set.Counted {
		cols = append(cols, tableColumn[roadmapRow]{Header: rt.Peers, Style: st.integer, Value: onStep(func(s *roadmap.Step) any {
			switch {
			case s.PeersHidden:
				return excelize.Cell{StyleID: st.suppressed, Value: t.Suppressed}
			case !s.PeersShown:
				return nil // none made: no count speaks for the step, or no size class
			}
			return s.Peers
		})})
	}
	cols = append(cols, tableColumn[roadmapRow]{Header: rt.Note, Value: func(r roadmapRow) any {
		var notes []string
		if r.p.Note.Reason == roadmap.GoalNamesNoLevel {
			levels := make([]string, len(m.Levels.List))
			for i, l := range m.Levels.List {
				levels[i] = l.Label()
			}
			notes = append(notes, fmt.Sprintf(rt.GoalNoLevelF, r.p.Note.Goal, r.p.Note.Column, strings.Join(levels, ", ")))
		}
		if len(r.p.Unmeetable) > 0 {
			// The profile names them too: "nicht erreichbar" alone
			// told the sheet's reader no cause.
			var crits []string
			for _, c := range r.p.Unmeetable {
				f := rt.NotAppliesF
				if r.p.Unit.Nodes.At(c.Node).State == scoring.Unasked {
					f = rt.UnaskedF
				}
				crits = append(crits, fmt.Sprintf(f, wb.d.Criterion(m, c)))
			}
			notes = append(notes, fmt.Sprintf(rt.UnmeetableF, m.Levels.ByOrdinal(r.p.Target).Label(), strings.Join(crits, "; ")))
		}
		if len(notes) == 0 {
			return nil
		}
		return strings.Join(notes, " ")
	}})
	return streamParts(wb, rt.Sheet, cols, rows)
}
