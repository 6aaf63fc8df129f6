package analyse

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestCompareByHand: the new model weighs D1 three times. Overall scores
// (old → new): a (100, 0) 50 → 75, b (0, 100) 50 → 25, c 50 → 50,
// d 80 → 80, e (20, 30) 25 → 22.5. Levels from 0, 40, 60: a B → C and
// b B → A. Spearman: old ranks (3, 3, 3, 5, 1), new (4, 2, 3, 5, 1):
// r = 8/√80. The overall shift: (25 − 25 + 0 + 0 − 2.5)/5 = −0.5, absolute
// 52.5/5 = 10.5; D1 and D2 do not move.
func TestCompareByHand(t *testing.T) {
	rows := [][]string{{"1", "0", ""}, {"0", "1", ""}, {"0.5", "0.5", ""}, {"0.8", "0.8", ""}, {"0.2", "0.3", ""}}
	old := scoreRows(t, twoDims, rows...)
	newer := scoreRows(t, strings.Replace(twoDims, "    - id: D1\n", "    - id: D1\n      weight: 3\n", 1), rows...)
	c := Compare(old, newer, "1", scoring.NewDisclosure(newer, 5))
	var got []string
	for _, ch := range c.Changes {
		got = append(got, string(ch.Unit)+":"+ch.From.Label()+"→"+ch.To.Label())
	}
	if want := "a:2 B→3 C b:2 B→1 A"; strings.Join(got, " ") != want {
		t.Errorf("changes %v, want %s", got, want)
	}
	if !near(c.RankCorrelation, 8/math.Sqrt(80)) || c.Units != 5 {
		t.Errorf("rank correlation %v over %d, want %v", c.RankCorrelation, c.Units, 8/math.Sqrt(80))
	}
	if len(c.Shifts) != 3 {
		t.Fatalf("shifts %+v", c.Shifts)
	}
	if s := c.Shifts[0]; s.Node != "overall" || !near(s.Mean, -0.5) || !near(s.MeanAbs, 10.5) || s.N != 5 || !near(s.OldMean, 51) || !near(s.NewMean, 50.5) {
		t.Errorf("overall: %+v", s)
	}
	if s := c.Shifts[1]; s.Node != "D1" || s.Mean != 0 || s.MeanAbs != 0 {
		t.Errorf("D1: %+v", s)
	}
	sup := Compare(old, newer, "1", scoring.NewDisclosure(newer, 6))
	if !sup.Suppressed || sup.Shifts != nil || !math.IsNaN(sup.RankCorrelation) || len(sup.Changes) != 2 {
		t.Errorf("6 needed: %+v", sup)
	}
}

// TestCompareJoinedFew: a shift of a node rests on the units scored on it
// under both models; with the wave's mean under each model published by
// its own run, n × the shift's new mean told the sum of the units scored
// under the new model alone — here unit f's D2 score — and likewise for the
// old model. So, as for the change between waves (Disclosure.Panel), those
// scored under one model only must be none or at least the minimum
// (review 10). By hand: the old model needs 90 % of a node's weight
// answered, the new one any; f answers Q3 not, so its D2 (half answered)
// and overall score (D2 not scored, two thirds of the questions answered)
// are scored under the new model only: 5 units in both, 1 joined, below a
// minimum of 5 — D2 and the overall shift are not shown, D1 (6 in both) is.
func TestCompareJoinedFew(t *testing.T) {
	rows := [][]string{{"1", "0", "1"}, {"0", "1", "2"}, {"0.5", "0.5", "3"}, {"0.8", "0.8", "4"}, {"0.2", "0.3", "5"}, {"0.5", "0.5", ""}}
	old := scoreRows(t, strings.Replace(twoDims, "  name: R\n", "  name: R\n  missing: {min_coverage: 0.9}\n", 1), rows...)
	newer := scoreRows(t, twoDims, rows...)
	c := Compare(old, newer, "1", scoring.NewDisclosure(newer, 5))
	var got []string
	for _, s := range c.Shifts {
		got = append(got, fmt.Sprintf("%s:%d", s.Node, s.N))
	}
	if want := "D1:6"; c.Suppressed || strings.Join(got, " ") != want {
		t.Errorf("suppressed %v, shifts %v, want %s", c.Suppressed, got, want)
	}
}
