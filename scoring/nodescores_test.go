package scoring_test

import (
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestNodeScoresRoundTrip: every NodeScore stored is read back as it was
// — each state with and without the imputed flag, scores and coverages
// of every kind (a score kept under NotRated included) — and storing one
// node changes no other.
func TestNodeScoresRoundTrip(t *testing.T) {
	states := []scoring.State{scoring.Scored, scoring.Missing, scoring.NotRated, scoring.NotApplies, scoring.Unasked}
	values := []struct{ score, coverage float64 }{
		{0, 0}, {100, 1}, {37.5, 0.6}, {1.0 / 3, 0.59999999999999}, {-2.25, 1e-300}, {math.Copysign(0, -1), 0.5},
	}
	var want []scoring.NodeScore
	for _, st := range states {
		for _, imp := range []bool{false, true} {
			for _, v := range values {
				want = append(want, scoring.NodeScore{Score: v.score, Coverage: v.coverage, State: st, Imputed: imp})
			}
		}
	}
	s := scoring.MakeNodeScores(len(want))
	if s.Len() != len(want) {
		t.Fatalf("Len %d, want %d", s.Len(), len(want))
	}
	for i := range want {
		if got := s.At(i); got != (scoring.NodeScore{}) {
			t.Fatalf("node %d before Set: %+v, want the zero NodeScore", i, got)
		}
	}
	for i, ns := range want {
		s.Set(i, ns)
	}
	for i, ns := range want {
		got := s.At(i)
		if got != ns || math.Signbit(got.Score) != math.Signbit(ns.Score) {
			t.Errorf("node %d: %+v, want %+v", i, got, ns)
		}
		if s.State(i) != ns.State || s.Scored(i) != ns.Scored() {
			t.Errorf("node %d: State %v, Scored %v, want %v, %v", i, s.State(i), s.Scored(i), ns.State, ns.Scored())
		}
	}
	all := s.AppendTo(nil)
	for i, ns := range s.All() {
		if all[i] != ns || ns != want[i] {
			t.Errorf("node %d: All %+v, AppendTo %+v, want %+v", i, ns, all[i], want[i])
		}
	}
	c := s.Clone()
	c.Set(0, scoring.NodeScore{Score: 99, State: scoring.Scored})
	if s.At(0) != want[0] {
		t.Errorf("Set on a clone changed the original: %+v", s.At(0))
	}
	if got := scoring.NodeScoresOf(want[3], want[4]); got.Len() != 2 || got.At(0) != want[3] || got.At(1) != want[4] {
		t.Errorf("NodeScoresOf: %+v", got.AppendTo(nil))
	}
}
