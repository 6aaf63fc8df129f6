package roadmap

import (
	"fmt"
	"testing"
)

// TestPassDecidesNothing: merging a child of a single outcome in place
// (pass) instead of into a new class (merge) changes no roadmap: on random
// models (every target) and on the benchmark's model every plan equals,
// step for step, the one made with every child merged, and pass did run
// there.
func TestPassDecidesNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "merging in place", stream: 17,
		off:  func(s *solver) { s.noPass = true },
		used: func(with, _ *solver) bool { return with.passed > 0 },
		unused: func(without *solver) error {
			if without.passed != 0 {
				return fmt.Errorf("%d children merged in place without pass", without.passed)
			}
			return nil
		}})
	if d.randomUsed < 50 || d.nationalUsed < 250 {
		t.Fatalf("pass ran in too few searches: %d on random models, %d on the benchmark model", d.randomUsed, d.nationalUsed)
	}
}

// TestFoldDecidesNothing: folding the children of a single outcome at no
// effort into a node's first partial aggregate (fold), instead of
// searching each (fixedNode) and merging it in place (pass) in its turn,
// changes no roadmap: on random models (every target) and on the
// benchmark's model every plan equals, step for step, the one made child
// by child, and children were folded there. The sums come in another
// order, so this also checks that their last bits decide nothing.
func TestFoldDecidesNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "folding", stream: 23,
		off:  func(s *solver) { s.noFold = true },
		used: func(with, _ *solver) bool { used := with.foldedIn > 0; with.foldedIn = 0; return used },
		unused: func(without *solver) error {
			if without.foldedIn != 0 {
				return fmt.Errorf("%d children folded without folding", without.foldedIn)
			}
			return nil
		}})
	if d.randomUsed < 50 || d.nationalUsed < 250 {
		t.Fatalf("children folded in too few searches: %d on random models, %d on the benchmark model", d.randomUsed, d.nationalUsed)
	}
}
