package scoring_test

import (
	"math"
	"slices"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// absorbedModel: undatedModel with waves dated 2024-03-01 and
// 2026-03-01; the successions between them as each case of
// TestAbsorbedNoChange says.
const absorbedModel = undatedModel + `  waves:
    - {id: "2024", date: 2024-03-01}
    - {id: "2026", date: 2026-03-01}
`

// TestAbsorbedNoChange: a unit others merged into between two waves gets
// no change and leaves the panel's mean change, whether or not those
// merged into it answered the earlier wave (review 8, finding 4: without
// B in 2024, A got +25 and counted in the panel). A 2024: ja, nein = 50;
// A 2026: ja, teilweise = 75. C 2024: nein, nein = 0; C 2026: ja, ja =
// 100, +100. The panel of the whole wave: C alone, +100 (with A: 2 units,
// (25 + 100)/2 = 62.5). A key that only changed (X → A, A new, the same
// municipality under its name "A") keeps its trend: X 2024 50 → A 2026 75,
// +25, panel (25 + 100)/2 = 62.5. B merged into A where A did not answer
// 2024 (review11a: Rathen into Königstein in the generated national
// example, whose profile showed +68,5 — Königstein 2028 against Rathen
// 2026): no change, A absorbed B, the panel C alone.
func TestAbsorbedNoChange(t *testing.T) {
	named := func(wave, id, name, q1, q2 string) scoring.Response {
		return scoring.Response{Wave: scoring.WaveID(wave), Unit: scoring.Unit{ID: scoring.UnitID(id), Name: name},
			Answers: scoring.AnswersOf(q1, q2), Row: 2}
	}
	resp := func(wave, id, q1, q2 string) scoring.Response { return named(wave, id, id, q1, q2) }
	later := []scoring.Response{resp("2026", "A", "ja", "teilweise"), resp("2026", "C", "ja", "ja")}
	tests := []struct {
		name       string
		successors string
		earlier    []scoring.Response
		change     float64 // A's; NaN: none
		absorbed   []scoring.UnitID
		merged     int
		panel      int
		panelDelta float64
	}{
		{"B answered 2024", `[{from: "B", to: "A", date: 2025-01-01}]`,
			[]scoring.Response{resp("2024", "A", "ja", "nein"), resp("2024", "B", "nein", "nein"), resp("2024", "C", "nein", "nein")},
			math.NaN(), []scoring.UnitID{"B"}, 1, 1, 100},
		{"B did not answer 2024", `[{from: "B", to: "A", date: 2025-01-01}]`,
			[]scoring.Response{resp("2024", "A", "ja", "nein"), resp("2024", "C", "nein", "nein")},
			math.NaN(), []scoring.UnitID{"B"}, 0, 1, 100},
		{"B and D, D answered", `[{from: "B", to: "A", date: 2025-01-01}, {from: "D", to: "A", date: 2025-06-01}]`,
			[]scoring.Response{resp("2024", "A", "ja", "nein"), resp("2024", "D", "ja", "ja"), resp("2024", "C", "nein", "nein")},
			math.NaN(), []scoring.UnitID{"B", "D"}, 1, 1, 100},
		{"a merger before the earlier wave", `[{from: "B", to: "A", date: 2023-01-01}]`,
			[]scoring.Response{resp("2024", "A", "ja", "nein"), resp("2024", "C", "nein", "nein")},
			25, nil, 0, 2, 62.5},
		{"a new key", `[{from: "X", to: "A", date: 2025-01-01}]`,
			[]scoring.Response{named("2024", "X", " a ", "ja", "nein"), resp("2024", "C", "nein", "nein")},
			25, nil, 0, 2, 62.5},
		{"B merged into A, which did not answer 2024", `[{from: "B", to: "A", date: 2025-01-01}]`,
			[]scoring.Response{resp("2024", "B", "ja", "nein"), resp("2024", "C", "nein", "nein")},
			math.NaN(), []scoring.UnitID{"B"}, 1, 1, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("absorbed.yaml", []byte(absorbedModel+"  successors: "+tt.successors+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			res := scoring.Score(m, &scoring.Dataset{Responses: append(slices.Clone(tt.earlier), later...)})
			a := &res.WaveUnits(res.Latest())[0]
			c, ok := res.Change(a, 0)
			switch {
			case math.IsNaN(tt.change) && ok:
				t.Errorf("A: change %+.1f computed, want none", c.Delta)
			case !math.IsNaN(tt.change) && (!ok || math.Abs(c.Delta-tt.change) > 1e-9):
				t.Errorf("A: change %+v (%v), want %+.1f", c, ok, tt.change)
			}
			if !slices.Equal(a.Absorbed, tt.absorbed) || len(a.Merged) != tt.merged {
				t.Errorf("A: Absorbed %v, %d Merged; want %v, %d", a.Absorbed, len(a.Merged), tt.absorbed, tt.merged)
			}
			gc, ok := res.GroupChange(res.Group("2026", -1, ""), 0)
			if !ok || gc.Panel != tt.panel || math.Abs(gc.PanelDelta-tt.panelDelta) > 1e-9 {
				t.Errorf("panel of the wave: %d units, %+.2f (%v); want %d, %+.2f", gc.Panel, gc.PanelDelta, ok, tt.panel, tt.panelDelta)
			}
		})
	}
}
