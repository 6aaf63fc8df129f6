package scoring

import (
	"math"
	"testing"
)

// TestCoverageSlots: only an indicator read from one question that the
// questionnaire does not derive from others keeps its coverage in the
// flags (slot -1); the overall score, a dimension, an indicator of two
// questions and one of a derived question (whose parts not answered give
// it a coverage between 0 and 1) keep theirs apart, numbered in order.
func TestCoverageSlots(t *testing.T) {
	m := &Model{Nodes: []*Node{
		{Kind: KindOverall},
		{Kind: KindDimension},
		{Kind: KindIndicator, Questions: []int{0}},
		{Kind: KindIndicator, Questions: []int{1, 2}},
		{Kind: KindIndicator, Questions: []int{3}},
		{Kind: KindIndicator, Questions: []int{2}},
	}}
	q := &Model{Questions: []*Question{{}, {}, {}, {From: []int{1, 2}}}}
	lay := coverageSlots(m, q)
	want := []int32{0, 1, -1, 2, 3, -1}
	if lay.nc != 4 || len(lay.slot) != len(want) {
		t.Fatalf("layout %+v, want slots %v and 4 coverages", lay, want)
	}
	for i := range want {
		if lay.slot[i] != want[i] {
			t.Errorf("node %d: slot %d, want %d", i, lay.slot[i], want[i])
		}
	}
}

// TestNodeBlockKeepsCoverages: in a block laid out by coverageSlots, each
// unit's nodes read back as stored — the coverages the flags hold (0 and
// 1) and those kept apart (any) — and units do not share any; a coverage
// other than 0 or 1 where only those fit panics rather than read back
// wrong.
func TestNodeBlockKeepsCoverages(t *testing.T) {
	lay := nodeLayout{slot: []int32{0, -1, 1, -1}, nc: 2}
	b := newNodeBlock(3, lay)
	unit := func(j int) []NodeScore {
		return []NodeScore{
			{Score: 40 + float64(j), Coverage: 0.6 + float64(j)/10, State: Scored},
			{Score: 75, Coverage: 1, State: Scored, Imputed: j == 1},
			{Coverage: 0.25 * float64(j), State: Missing, Imputed: true},
			{State: NotApplies},
		}
	}
	for j := range 3 {
		u := b.unit(j)
		for i, ns := range unit(j) {
			u.Set(i, ns)
		}
	}
	for j := range 3 {
		u := b.unit(j)
		for i, ns := range unit(j) {
			if got := u.At(i); got != ns {
				t.Errorf("unit %d node %d: %+v, want %+v", j, i, got, ns)
			}
		}
	}
	for _, cov := range []float64{0.5, math.Copysign(0, -1), math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("coverage %v stored where only 0 and 1 fit: no panic", cov)
				}
			}()
			u := b.unit(0)
			u.Set(1, NodeScore{Score: 50, Coverage: cov, State: Scored})
		}()
	}
}
