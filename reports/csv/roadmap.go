package csv

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// roadmapRow is one line of roadmap.csv, the tidy long format of the
// roadmaps: one row per unit × step, and one row (step empty) for a unit
// without steps. Its columns are a stable interface.
type roadmapRow struct {
	Wave            string `csv:"wave"`
	ID              string `csv:"ags"`
	Name            string `csv:"name"`
	Status          string `csv:"status"`
	Level           string `csv:"level"`
	Target          string `csv:"target"`
	OwnGoal         bool   `csv:"own_goal"`
	Effort          int    `csv:"effort"`
	Exact           bool   `csv:"exact"`
	PercentToTarget string `csv:"percent_to_target"`
	Progress        string `csv:"progress"`
	Step            string `csv:"step"`
	Phase           string `csv:"phase"`
	Question        string `csv:"question"`
	Dimension       string `csv:"dimension"`
	From            string `csv:"from"`
	To              string `csv:"to"`
	Clarify         bool   `csv:"clarify"`
	StepEffort      string `csv:"step_effort"`
	ScoreAfter      string `csv:"score_after"`
	LevelAfter      string `csv:"level_after"`
	Peers           string `csv:"peers"`
	Note            string `csv:"note"`
}

// WriteRoadmap writes roadmap.csv: comma-separated UTF-8, a unit's
// roadmap in the wave it was made in (its latest); status is
// planned, at_target, at_top or unreachable; exact is false where the
// effort is a greedy roadmap's, not proven the least; levels as the model numbers
// and names them; scores on 0–100 and shares on 0–1 at full precision,
// empty where they do not exist; peers empty where the count may not be
// shown.
func WriteRoadmap(w io.Writer, m *scoring.Model, s *roadmap.Set) error {
	level := func(o int) string {
		if o == 0 {
			return ""
		}
		return InertText(m.Levels.ByOrdinal(o).Label())
	}
	num := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	score := func(ns scoring.NodeScore) string {
		if !ns.Scored() {
			return ""
		}
		return num(ns.Score)
	}
	var rows []roadmapRow
	for _, p := range s.Plans {
		u := p.Unit
		base := roadmapRow{Wave: InertText(string(u.Wave)), ID: InertText(string(u.Unit.ID)), Name: InertText(u.Unit.Name),
			Status: p.Status.String(), Level: level(u.Level), Target: level(p.Target), OwnGoal: p.OwnGoal, Effort: p.Effort, Exact: p.Exact,
			PercentToTarget: num(p.PercentToTarget), Progress: num(p.Progress), Note: InertText(p.Note)}
		if len(p.Steps) == 0 {
			rows = append(rows, base)
			continue
		}
		for i, st := range p.Steps {
			r := base
			r.Step = strconv.Itoa(i + 1)
			if st.Phase > 0 {
				r.Phase = strconv.Itoa(st.Phase)
			}
			r.Question, r.Dimension = InertText(string(st.Question.ID)), InertText(string(st.Dimension.ID))
			r.From, r.To, r.Clarify = InertText(st.From), InertText(st.To), st.Clarify
			r.StepEffort, r.ScoreAfter, r.LevelAfter = strconv.Itoa(st.Effort), score(st.After), level(st.Level)
			if st.PeersShown {
				r.Peers = strconv.Itoa(st.Peers)
			}
			rows = append(rows, r)
		}
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}
