package roadmap

import "testing"

// TestBudgetDecidesNothing: the programme's first budget (the estimate
// with a little room, see searchFixed) only decides how much work a search
// takes, never the roadmap: on random models and on the benchmark's
// model every plan equals the one made with the largest budget there is,
// step for step.
func TestBudgetDecidesNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "the budget", stream: 16,
		off:  func(s *solver) { s.roomy = true },
		used: func(tight, roomy *solver) bool { return tight.budget < roomy.budget }, // a comparison
	})
	if d.randomUsed < 100 || d.nationalUsed < 250 {
		t.Fatalf("too few roadmaps compared: %d on random models, %d on the benchmark model", d.randomUsed, d.nationalUsed)
	}
}
