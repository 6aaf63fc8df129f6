package scoring

import (
	"math"
	"testing"
	"time"
)

// TestRankEndsOnNaN: ranking ends whatever the scores are. No score can
// be NaN (MaxMagnitude), but a run of tied scores that could not hold its
// own first score, NaN − NaN ≤ tolerance being false, ranked forever.
func TestRankEndsOnNaN(t *testing.T) {
	r := &Results{Units: make([]UnitResult, 3)}
	col := nodeColumn{score: []float64{math.NaN(), 50, math.NaN()}, scored: []bool{true, true, true}}
	done := make(chan struct{})
	go func() {
		r.rank("", -1, []int{0, 1, 2}, []int32{0, 1, 2}, col)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("rank did not return on a NaN score")
	}
	for i, u := range r.Units {
		if u.State.Rank < 1 || u.State.Rank > 3 {
			t.Errorf("unit %d: rank %d, want one of 1–3", i, u.State.Rank)
		}
	}
}
