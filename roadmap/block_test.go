package roadmap

import (
	"fmt"
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
