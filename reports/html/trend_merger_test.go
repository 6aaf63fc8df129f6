package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestTrendPanelLeavesOutMergers: the overview's mean change of the units
// that took part in both waves leaves out a unit others merged into since
// (scoring.Results.Change gives it none), and says so — before, "Die 2
// Kommunen, die an beiden Wellen teilgenommen haben" stood where 3 had.
// By hand, one question ja = 100, nein = 0: 14521010 nein → ja (+100),
// 14521020 nein → nein (±0): +50,0 over 2; 14521035, into which 14521040
// merged on 2027-01-01, took part in both and is not counted.
func TestTrendPanelLeavesOutMergers(t *testing.T) {
	for _, c := range []struct {
		name      string
		successor string // model.successors, or none
		w2026     string // ids answering 2026 besides 14521010 and 14521020
		panel     string
		note      bool
	}{
		{"a merger into a unit of both waves", `{from: "14521040", to: "14521035", date: 2027-01-01}`, "14521035 14521040", "Die 2 Kommunen, die an beiden Wellen teilgenommen haben, haben ihren Gesamtwert im Mittel um +50,0 Punkte verändert (seit 2026).", true},
		{"no merger", "", "14521035 14521040", "Die 3 Kommunen, die an beiden Wellen teilgenommen haben, haben ihren Gesamtwert im Mittel um +66,7 Punkte verändert (seit 2026).", false},
		// 14521035 did not answer 2026: it joined, no unit of both waves
		// is left out.
		{"a merger into a unit that joined", `{from: "14521040", to: "14521035", date: 2027-01-01}`, "14521040", "Die 2 Kommunen, die an beiden Wellen teilgenommen haben, haben ihren Gesamtwert im Mittel um +50,0 Punkte verändert (seit 2026).", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := `model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}]}]
`
			if c.successor != "" {
				src += "  successors: [" + c.successor + "]\n"
			}
			m, err := scoring.ParseModel("t.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026", Label: "2026"}, {ID: "2028", Label: "2028"}}}
			add := func(wave, id, answer string) {
				ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(wave), Answers: scoring.AnswersOf(answer),
					Source: &scoring.Source{File: wave + ".csv", Columns: []int{2}}, Row: len(ds.Responses) + 2,
					Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id}})
			}
			add("2026", "14521010", "nein")
			add("2026", "14521020", "nein")
			for _, id := range strings.Fields(c.w2026) {
				add("2026", id, "nein")
			}
			add("2028", "14521010", "ja")
			add("2028", "14521020", "nein")
			add("2028", "14521035", "ja")
			r := scoring.Score(m, ds)
			page := pageText(t, overviewHTML(t, r, Options{MinGroupSize: 1}))
			page = strings.Join(strings.Fields(page), " ")
			if !strings.Contains(page, c.panel) {
				t.Errorf("overview lacks %q:\n%s", c.panel, excerpt(page, "beiden Wellen teilgenommen haben, haben"))
			}
			merged := newRenderer(r, Options{MinGroupSize: 1}).t.TrendPanelMerged
			if got := strings.Contains(page, merged); got != c.note {
				t.Errorf("overview says %q: %v, want %v:\n%s", merged, got, c.note, excerpt(page, "beiden Wellen teilgenommen haben, haben"))
			}
		})
	}
}

func excerpt(s, at string) string {
	i := strings.Index(s, at)
	if i < 0 {
		return fmt.Sprintf("(no %q)", at)
	}
	return s[max(0, i-200):min(len(s), i+400)]
}
