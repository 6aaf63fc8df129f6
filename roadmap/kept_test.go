package roadmap

import "testing"

// TestKeptSharesDecideNothing: percent to target with the questions'
// shares kept from the unit before, where the same nodes and questions
// count, and the multi-selects' ticked items kept by answer (tickedOf),
// give every plan exactly as working them out for each unit does —
// random models have not-applicable answers and parts, so the shares
// change between units.
func TestKeptSharesDecideNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "keeping the shares", stream: 11,
		off: func(s *solver) { s.noKeep = true },
		used: func(with, _ *solver) bool {
			k := with.kept
			with.kept = 0
			return k > 0
		}})
	if d.randomUsed == 0 || d.nationalUsed == 0 || d.randomUsed == d.random {
		t.Errorf("kept shares used in %d of %d random and %d of %d benchmark roadmaps; want some, not all, random ones",
			d.randomUsed, d.random, d.nationalUsed, d.national)
	}
}
