package scoring_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// undatedModel: Overall = mean(Q1, Q2); each case of
// TestSuccessionWithinWaveYear adds its waves and successions.
const undatedModel = `
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 90}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
`

// TestSuccessionWithinWaveYear: B became part of A on the date of each
// case. A earlier: ja, nein = 50; A later: ja, teilweise = 75 (+25); B
// and C answer the earlier wave, C the later. A wave known only by its
// year cannot tell whether a change within that year (after 1 January)
// came before or after it: Score names it (CauseUndatedWaves) and gives A
// no change; CheckData refuses it as for a declared wave ("wave 2026
// needs a date"). Review 8, finding 7: without model.waves the wave was
// taken as 1 January, the merger on 1 July placed after it, no finding,
// A +25.
func TestSuccessionWithinWaveYear(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		name          string
		model         string // added to undatedModel
		fromRegister  *scoring.Succession
		earlier, then scoring.WaveID
		finding       bool
		change        float64 // A's; NaN: none
		dateErr       scoring.WaveID
		declared      int
	}{
		{"within the later year", `  successors: [{from: B, to: A, date: 2026-07-01}]`, nil, "2024", "2026", true, math.NaN(), "2026", -1},
		{"within the earlier year", `  successors: [{from: B, to: A, date: 2024-07-01}]`, nil, "2024", "2026", true, math.NaN(), "2024", -1},
		{"on 1 January of the later year", `  successors: [{from: B, to: A, date: 2026-01-01}]`, nil, "2024", "2026", false, math.NaN(), "", 0},
		{"after the later year", `  successors: [{from: B, to: A, date: 2027-03-01}]`, nil, "2024", "2026", false, 25, "", 0},
		{"waves without year or date", `  successors: [{from: B, to: A, date: 2026-07-01}]`, nil, "9", "10", true, math.NaN(), "", 0},
		{"dated waves", "  waves: [{id: \"2024\", date: 2024-03-01}, {id: \"2026\", date: 2026-03-01}]\n  successors: [{from: B, to: A, date: 2026-07-01}]",
			nil, "2024", "2026", false, 25, "", 0},
		{"a register's succession in a declared wave's year", `  waves: [{id: "2024"}, {id: "2026"}]`,
			&scoring.Succession{From: "B", To: "A", Date: day("2026-07-01")}, "2024", "2026", true, math.NaN(), "2026", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("undated.yaml", []byte(undatedModel+tt.model+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			resp := func(wave scoring.WaveID, id, q1, q2 string) scoring.Response {
				return scoring.Response{Wave: wave, Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id}, Answers: scoring.AnswersOf(q1, q2), Row: 2}
			}
			ds := &scoring.Dataset{Responses: []scoring.Response{
				resp(tt.earlier, "A", "ja", "nein"), resp(tt.earlier, "B", "nein", "nein"), resp(tt.earlier, "C", "nein", "nein"),
				resp(tt.then, "A", "ja", "teilweise"), resp(tt.then, "C", "nein", "teilweise")}}
			if tt.fromRegister != nil {
				ds.Successions = []scoring.Succession{*tt.fromRegister}
			}
			var de *scoring.WaveDateError
			err = m.CheckData(ds)
			switch {
			case tt.dateErr == "" && err != nil:
				t.Errorf("CheckData: %v, want nil", err)
			case tt.dateErr != "" && (!errors.As(err, &de) || de.Wave != tt.dateErr || de.Declared != tt.declared):
				t.Errorf("CheckData: %v, want a WaveDateError for wave %s (declared %d)", err, tt.dateErr, tt.declared)
			}
			res := scoring.Score(m, ds)
			named := slices.ContainsFunc(res.Issues, func(is scoring.Issue) bool { return is.Cause == scoring.CauseUndatedWaves })
			if named != tt.finding {
				t.Errorf("finding that the succession cannot be placed: %v, want %v (issues %v)", named, tt.finding, res.Issues)
			}
			a := &res.WaveUnits(res.Latest())[0]
			c, ok := res.Change(a, 0)
			switch {
			case math.IsNaN(tt.change) && ok:
				t.Errorf("A: change %+.1f computed across a merger that may precede the wave", c.Delta)
			case !math.IsNaN(tt.change) && (!ok || math.Abs(c.Delta-tt.change) > 1e-9):
				t.Errorf("A: change %+v (%v), want %+.1f", c, ok, tt.change)
			}
		})
	}
}
