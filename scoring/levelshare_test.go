package scoring

import (
	"math"
	"testing"
)

func TestLevelShare(t *testing.T) {
	// 12 units: 4 without a level, then levels 1–5 held by 0, 1, 2, 5, 0
	// (review 8's twelve municipalities of 2028).
	twelve := GroupStats{Units: 12, Levels: []int{4, 0, 1, 2, 5, 0}}
	all := GroupStats{Units: 8, Levels: []int{0, 0, 1, 2, 5, 0}}
	empty := GroupStats{Units: 0, Levels: []int{0, 0, 0, 0, 0, 0}}
	nan := math.NaN()
	tests := []struct {
		name     string
		g        GroupStats
		o        int
		share    float64 // LevelShare(o)
		fromThis float64 // LevelShareFrom(o)
	}{
		{"no level, of all units", twelve, 0, 100 * 4.0 / 12, nan},
		{"Grundlagen", twelve, 2, 100 * 1.0 / 12, 100 * 8.0 / 12},
		{"Fortgeschritten", twelve, 3, 100 * 2.0 / 12, 100 * 7.0 / 12}, // 58.3, not 7/8
		{"Etabliert", twelve, 4, 100 * 5.0 / 12, 100 * 5.0 / 12},       // 41.7, not 5/8
		{"Vorreiter", twelve, 5, 0, 0},
		{"every unit has a level", all, 4, 62.5, 62.5},
		{"from the first level", all, 1, 0, 100},
		{"empty group", empty, 3, nan, nan},
		{"ordinal past the levels", twelve, 6, nan, nan},
		{"negative ordinal", twelve, -1, nan, nan},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-12 }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.LevelShare(tt.o); !same(got, tt.share) {
				t.Errorf("LevelShare(%d) = %v, want %v", tt.o, got, tt.share)
			}
			if got := tt.g.LevelShareFrom(tt.o); !same(got, tt.fromThis) {
				t.Errorf("LevelShareFrom(%d) = %v, want %v", tt.o, got, tt.fromThis)
			}
		})
	}
	// The shares of a group's levels and of its units without one add up
	// to 100.
	sum := 0.0
	for o := range twelve.Levels {
		sum += twelve.LevelShare(o)
	}
	if !same(sum, 100) {
		t.Errorf("shares of the twelve add up to %v, want 100", sum)
	}
}
