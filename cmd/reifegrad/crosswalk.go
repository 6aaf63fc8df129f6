package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// crosswalkReport is, for one pair of consecutive waves, what check says
// about them: the questions compared, renamed, rescaled, new, dropped,
// split and merged (model.waves), and the units merged or given a new key
// between them (successor tables).
type crosswalkReport struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Compared int      `json:"questions_compared"`
	Asked    int      `json:"questions_asked"` // by either wave (scoring.Comparison)
	Renamed  []string `json:"renamed,omitempty"`
	Rescaled []string `json:"rescaled,omitempty"`
	New      []string `json:"new,omitempty"`
	Dropped  []string `json:"dropped,omitempty"`
	Split    []string `json:"split,omitempty"`
	Merged   []string `json:"merged,omitempty"`
	Units    []string `json:"units,omitempty"`
	// successions are Units for the words of check's language.
	successions []succession
}

// succession is one unit merged into another, or given a new key.
type succession struct {
	from, to   string
	date       time.Time
	renumbered bool
}

// crosswalks describes the pairs of consecutive waves of the results, when
// the model declares its waves or municipalities merged between them.
func crosswalks(r *scoring.Results) []crosswalkReport {
	// The names are looked up only for a succession: a map of every unit
	// was 5 ms of a national check, on one core, for a single wave.
	var names map[scoring.UnitID]string
	name := func(id scoring.UnitID) string {
		if names == nil {
			names = make(map[scoring.UnitID]string, len(r.Units))
			for i := range r.Units {
				names[r.Units[i].Unit.ID] = r.Units[i].Unit.Name
			}
		}
		if n := names[id]; n != "" && n != string(id) {
			return fmt.Sprintf("%s (%s)", id, n)
		}
		return string(id)
	}
	var out []crosswalkReport
	for _, c := range r.Comparisons {
		// Only where the model declares its waves, or the territory
		// changed: otherwise every wave asked every question alike.
		if len(r.Model.Waves) == 0 && len(c.Successions) == 0 {
			continue
		}
		cr := crosswalkReport{From: string(c.From), To: string(c.To), Compared: c.Compared, Asked: c.Asked}
		for _, cw := range r.Model.CrosswalksBetween(c.From, c.To) {
			for _, rn := range cw.Renamed {
				cr.Renamed = append(cr.Renamed, fmt.Sprintf("%s → %s", rn.From, rn.To))
			}
			cr.Rescaled = append(cr.Rescaled, ids(cw.Rescaled)...)
			cr.New = append(cr.New, ids(cw.New)...)
			cr.Dropped = append(cr.Dropped, ids(cw.Dropped)...)
			for _, sp := range cw.Split {
				cr.Split = append(cr.Split, fmt.Sprintf("%s → %s", sp.From, strings.Join(ids(sp.Into), ", ")))
			}
			for _, mg := range cw.Merged {
				cr.Merged = append(cr.Merged, fmt.Sprintf("%s → %s", strings.Join(ids(mg.From), " + "), mg.Into))
			}
		}
		rekeyed := carriedOver(r, c.To)
		for _, s := range c.Successions {
			sc := succession{from: name(s.From), to: name(s.To), date: s.Date, renumbered: rekeyed[s.To] == s.From}
			cr.successions = append(cr.successions, sc)
			cr.Units = append(cr.Units, sc.say(checkTexts[scoring.English]))
		}
		out = append(out, cr)
	}
	return out
}

// carriedOver maps each unit of wave w whose result carries on another
// key's result of the wave before (scoring's UnitResult.Previous: a new key
// for the same municipality, whose change is computed across it) to that
// key. check calls a succession a new key only where the scores do: one
// municipality merged into another that had not answered the earlier wave
// (Rathen into Königstein) was called "renumbered" here while every report
// showed a merger, with no change.
func carriedOver(r *scoring.Results, w scoring.WaveID) map[scoring.UnitID]scoring.UnitID {
	out := map[scoring.UnitID]scoring.UnitID{}
	for i := range r.Units {
		u := &r.Units[i]
		if p := r.Previous(u); u.Wave == w && p != nil && p.Unit.ID != u.Unit.ID {
			out[u.Unit.ID] = p.Unit.ID
		}
	}
	return out
}

func ids(qs []scoring.QuestionID) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = string(q)
	}
	return out
}

// writeCrosswalks says in words, per pair of waves, on which questions
// the changes between them rest and what changed.
func writeCrosswalks(b *strings.Builder, cws []crosswalkReport, t checkText) {
	for _, c := range cws {
		fmt.Fprintf(b, t.wavesF, c.From, c.To, c.Compared, c.Asked)
		for i, list := range [][]string{c.Renamed, c.Rescaled, c.New, c.Dropped, c.Split, c.Merged} {
			if len(list) > 0 {
				fmt.Fprintf(b, "  %s: %s\n", t.changes[i], strings.Join(list, "; "))
			}
		}
		for _, u := range c.successions {
			fmt.Fprintf(b, "  %s%s\n", t.units.Prefix, u.say(t))
		}
	}
}

// say words a succession in the language of t.
func (sc succession) say(t checkText) string {
	f := t.mergedIntoF
	if sc.renumbered {
		f = t.renumberedF
	}
	return fmt.Sprintf(f, sc.from, sc.to, sc.date.Format(t.dateLayout))
}
