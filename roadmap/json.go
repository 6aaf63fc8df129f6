package roadmap

import (
	"bufio"
	"encoding/json"
	"io"
	"math"

	"github.com/reifegrad/reifegrad/scoring"
)

// The JSON export (roadmap.json) of a Set: language-neutral codes, levels
// by the model's numbers and names, scores on 0–100 at full precision,
// null where a figure does not exist. Its field names are a stable
// interface.
type jsonSet struct {
	Wave  string     `json:"wave"`
	Units []jsonPlan `json:"units"`
}

type jsonLevel struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
}

type jsonPlan struct {
	Wave            string     `json:"wave"`
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Status          string     `json:"status"`
	Level           *jsonLevel `json:"level"`
	Target          *jsonLevel `json:"target"`
	OwnGoal         bool       `json:"own_goal"`
	Note            string     `json:"note,omitempty"`
	NoteReason      string     `json:"note_reason,omitempty"`
	Score           *float64   `json:"score"`
	ScoreAfter      *float64   `json:"score_after"`
	LevelAfter      *jsonLevel `json:"level_after"`
	Effort          int        `json:"effort"`
	Exact           bool       `json:"exact"`
	PercentToTarget *float64   `json:"percent_to_target"`
	// Unmeetable: for a target out of reach, the criteria no answer can
	// meet (Plan.Unmeetable); absent when none.
	Unmeetable []jsonCriterion `json:"unmeetable,omitempty"`
	// ClarifiedWithoutPoints: open questions the roadmap clarifies to an
	// answer of no points, which percent_to_target (on points) does not
	// see; absent when none.
	ClarifiedWithoutPoints int         `json:"clarified_without_points,omitempty"`
	Baseline               *float64    `json:"baseline"`
	Progress               *float64    `json:"progress"`
	NoProgress             string      `json:"no_progress,omitempty"`
	ProgressBasis          *jsonBasis  `json:"progress_basis"`
	Phases                 []jsonPhase `json:"phases,omitempty"`
	Steps                  []jsonStep  `json:"steps"`
}

// jsonBasis is what the progress to date rests on: the previous wave, the
// questions compared of those asked (the comparable core), and the scores
// now and at the end of the roadmap on that core (the baseline's is the
// plan's "baseline").
type jsonBasis struct {
	Since    string   `json:"since"`
	Compared int      `json:"compared"`
	Asked    int      `json:"asked"`
	Current  *float64 `json:"current"`
	End      *float64 `json:"end"`
}

var noProgressNames = [...]string{ProgressGiven: "", NoBaseline: "no_baseline", TerritoryChanged: "territory_changed", NoWayToGo: "no_way_to_go",
	NoScore: "no_score", TargetUnreachable: "unreachable", NoWayPlanned: "no_way_planned", TargetMetThen: "target_met_then",
	ScoreNotRaised: "score_not_raised", ScoreAgainstLevel: "score_against_level"}

type jsonPhase struct {
	Number     int        `json:"number"`
	Steps      int        `json:"steps"`
	Effort     int        `json:"effort"`
	ScoreAfter *float64   `json:"score_after"`
	LevelAfter *jsonLevel `json:"level_after"`
}

// jsonCriterion is a criterion of a staged level no answer can meet: its
// node, its label as the profile names it (the model's, or "node ≥
// min"), its minimum, and why its node has no score — "not_applicable"
// or "not_asked" (scoring.State's names).
type jsonCriterion struct {
	Node  string  `json:"node"`
	Label string  `json:"label"`
	Min   float64 `json:"min"`
	Why   string  `json:"why"`
}

type jsonStep struct {
	Question   string     `json:"question"`
	Text       string     `json:"text"`
	Dimension  string     `json:"dimension"`
	From       string     `json:"from"`
	To         string     `json:"to"`
	Clarify    bool       `json:"clarify"`
	Item       bool       `json:"item"`
	Effort     int        `json:"effort"`
	Phase      int        `json:"phase,omitempty"`
	ScoreAfter *float64   `json:"score_after"`
	LevelAfter *jsonLevel `json:"level_after"`
	Peers      *int       `json:"peers"`
	// PeersHidden: a count was made but may not be shown (Peers null);
	// left out where none was made.
	PeersHidden bool   `json:"peers_hidden,omitempty"`
	Advice      string `json:"advice,omitempty"`
}

// WriteJSON writes the roadmaps of a set as JSON. Peer counts that may
// not be shown are null; nothing else about other units is in it.
//
// The bytes are those of a json.Encoder indenting the whole set by two
// spaces, but written a unit at a time: nationally the file has 100 MB,
// and the whole set, its encoding and its indented copy held at once
// cost three times that in memory (ten times at 100,000 units).
func WriteJSON(w io.Writer, m *scoring.Model, s *Set) error {
	wave, err := json.Marshal(string(s.Wave))
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("{\n  \"wave\": ")
	bw.Write(wave)
	bw.WriteString(",\n  \"units\": [")
	if len(s.Plans) == 0 {
		bw.WriteString("]\n}\n")
		return bw.Flush()
	}
	for i := range s.Plans {
		if i > 0 {
			bw.WriteByte(',')
		}
		b, err := json.MarshalIndent(jsonOf(m, &s.Plans[i]), "    ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString("\n    ")
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// jsonOf is a unit's plan as roadmap.json writes it.
func jsonOf(m *scoring.Model, p *Plan) jsonPlan {
	level := func(o int) *jsonLevel {
		l := m.Levels.ByOrdinal(o)
		if l.Ordinal == 0 {
			return nil
		}
		return &jsonLevel{Number: l.Number, Name: l.Name}
	}
	score := func(ns scoring.NodeScore) *float64 {
		if !ns.Scored() {
			return nil
		}
		return &ns.Score
	}
	num := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	u := p.Unit
	jp := jsonPlan{Wave: string(u.Wave), ID: string(u.Unit.ID), Name: u.Unit.Name, Status: p.Status.String(), Level: level(u.Level),
		Target: level(p.Target), OwnGoal: p.OwnGoal, Note: p.Note.English(m), NoteReason: p.Note.Reason.String(), Score: score(u.Nodes.At(0)),
		ScoreAfter: score(p.After), LevelAfter: level(p.LevelAfter), Effort: p.Effort, Exact: p.Exact,
		PercentToTarget: num(p.PercentToTarget), ClarifiedWithoutPoints: p.ClarifiedWithoutPoints, Baseline: num(p.Baseline), Progress: num(p.Progress),
		Steps: make([]jsonStep, len(p.Steps))}
	for _, c := range p.Unmeetable {
		jp.Unmeetable = append(jp.Unmeetable, jsonCriterion{Node: string(m.Nodes[c.Node].ID),
			Label: scoring.NewDescriber(scoring.English).Criterion(m, c), Min: c.Min, Why: u.Nodes.At(c.Node).State.String()})
	}
	if int(p.NoProgress) < len(noProgressNames) {
		jp.NoProgress = noProgressNames[p.NoProgress]
	}
	if p.Since != "" {
		jp.ProgressBasis = &jsonBasis{Since: string(p.Since), Compared: p.Compared, Asked: p.Asked, Current: num(p.Current), End: num(p.End)}
	}
	for _, ph := range p.Phases {
		jp.Phases = append(jp.Phases, jsonPhase{Number: ph.Number, Steps: ph.Steps, Effort: ph.Effort,
			ScoreAfter: score(ph.After), LevelAfter: level(ph.LevelAfter)})
	}
	for k, st := range p.Steps {
		js := jsonStep{Question: string(st.Question.ID), Text: st.Question.Text, Dimension: string(st.Dimension.ID),
			From: st.From, To: st.To, Clarify: st.Clarify, Item: st.Item, Effort: st.Effort, Phase: st.Phase,
			ScoreAfter: score(st.After), LevelAfter: level(st.Level), Advice: st.Advice, PeersHidden: st.PeersHidden}
		if st.PeersShown {
			n := st.Peers
			js.Peers = &n
		}
		jp.Steps[k] = js
	}
	return jp
}
