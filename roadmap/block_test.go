package roadmap

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBlockDecidesNothing: merging a node's last children as one block
// (block.go) instead of one by one changes no roadmap:
// on random models (every target) and on the benchmark's model every plan
// equals, step for step, the one the programme makes for every child, and
// a block was merged there.
func TestBlockDecidesNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "the block", stream: 19,
		off:  func(s *solver) { s.noBlock = true },
		used: func(with, _ *solver) bool { used := with.blocked > 0; with.blocked = 0; return used },
		unused: func(without *solver) error {
			if without.blocked != 0 || without.folded != 0 {
				return fmt.Errorf("%d blocks merged without blocks", without.blocked)
			}
			return nil
		}})
	if d.randomUsed < 100 || d.nationalUsed < d.national*2/3 {
		t.Fatalf("blocks were merged in too few searches: %d of %d on random models, %d of %d on the benchmark model",
			d.randomUsed, d.random, d.nationalUsed, d.national)
	}
}

// TestMergeSteps: merging the children's runs of steps gives the order of
// a sort by gain (largest first), then the child merged last first, then
// a child's steps in order — on random runs with many equal gains.
func TestMergeSteps(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	var tmp []step
	var runs []int
	for range 2000 {
		var order []step
		for j := range r.IntN(12) {
			d := float64(1 + r.IntN(4))
			for k := range int32(r.IntN(4)) {
				order = append(order, step{d: d, j: int32(j), k: k + 1})
				d -= float64(r.IntN(2))
				d = max(d, 0.5)
			}
		}
		want := slices.Clone(order)
		slices.SortFunc(want, func(x, y step) int {
			return cmp.Or(cmp.Compare(y.d, x.d), cmp.Compare(y.j, x.j), cmp.Compare(x.k, y.k))
		})
		var got []step
		got, tmp = mergeSteps(order, tmp, &runs)
		if !slices.Equal(got, want) {
			t.Fatalf("merged %v\nwant   %v", got, want)
		}
	}
}
