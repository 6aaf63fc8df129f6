package csv

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// WriteRoadmap writes roadmap.csv: comma-separated UTF-8, a unit's
// roadmap in the wave it was made in (its latest); status is
// planned, at_target, at_top or unreachable (an unreachable roadmap's
// steps, if any, lead to the highest level below its target within
// reach, level_after); exact is false where the
// effort is a greedy roadmap's, not proven the least; levels as the model numbers
// and names them; scores on 0–100 and shares on 0–1 at full precision,
// empty where they do not exist; peers empty where the count may not be
// shown (peers_hidden true) or none was made (peers_hidden false: no
// count speaks for the step, or the unit has no size class).
//
// The rows are exactly what gocsv writes for roadmapRow
// (TestWriteRoadmapAsGocsv), as a record of strings each: nationally the
// file has 680,000 rows, and gocsv's reflection over their 23 fields cost
// more than writing them.
func WriteRoadmap(w io.Writer, m *scoring.Model, s *roadmap.Set) error {
	cw := csv.NewWriter(w)
	cw.Write(roadmapHeader)
	rec := make([]string, len(roadmapHeader))
	for _, p := range s.Plans {
		u := p.Unit
		base := append(rec[:0], InertText(string(u.Wave)), InertText(string(u.Unit.ID)), InertText(u.Unit.Name),
			p.Status.String(), levelLabel(m, u.Level), levelLabel(m, p.Target), strconv.FormatBool(p.OwnGoal), strconv.Itoa(p.Effort),
			strconv.FormatBool(p.Exact), number(p.PercentToTarget), number(p.Progress))
		note := InertText(p.Note.English(m)) // roadmap.csv speaks English, as rejects.csv does
		if len(p.Steps) == 0 {
			cw.Write(append(base, "", "", "", "", "", "", "false", "", "", "", "", note, "false"))
			continue
		}
		for i, st := range p.Steps {
			phase, peers := "", ""
			if st.Phase > 0 {
				phase = strconv.Itoa(st.Phase)
			}
			if st.PeersShown {
				peers = strconv.Itoa(st.Peers)
			}
			cw.Write(append(base, strconv.Itoa(i+1), phase, InertText(string(st.Question.ID)), InertText(string(st.Dimension.ID)),
				InertText(st.From), InertText(st.To), strconv.FormatBool(st.Clarify), strconv.Itoa(st.Effort),
				scoreText(st.After), levelLabel(m, st.Level), peers, note, strconv.FormatBool(st.PeersHidden)))
		}
	}
	cw.Flush()
	return cw.Error()
}

// roadmapHeader is the header gocsv writes for roadmapRow.
var roadmapHeader = []string{"wave", "ags", "name", "status", "level", "target", "own_goal", "effort", "exact", "percent_to_target",
	"progress", "step", "phase", "question", "dimension", "from", "to", "clarify", "step_effort", "score_after", "level_after", "peers", "note", "peers_hidden"}

// levelLabel is the level of ordinal o as roadmap.csv names it; "" for
// none.
func levelLabel(m *scoring.Model, o int) string {
	if o == 0 {
		return ""
	}
	return InertText(m.Levels.ByOrdinal(o).Label())
}

// scoreText is a node's score at full precision; "" where it has none.
func scoreText(ns scoring.NodeScore) string {
	if !ns.Scored() {
		return ""
	}
	return number(ns.Score)
}
