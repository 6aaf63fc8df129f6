package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestBudgetDecidesNothing: the programme's first budget (the estimate
// with a little room, see searchFixed) only decides how much work a search
// takes, never the roadmap: on random models and on the benchmark's
// model every plan equals the one made with the largest budget there is,
// step for step.
func TestBudgetDecidesNothing(t *testing.T) {
	// same returns how many roadmaps it compared whose budgets differed.
	same := func(t *testing.T, res *scoring.Results, target int, what string) int {
		t.Helper()
		p := newPlanner(res, 0, Options{Target: Target{Level: target}, Phases: 2, Disclosure: scoring.NewDisclosure(res, 2)})
		tight, roomy := newSolver(p), newSolver(p)
		roomy.roomy = true
		planned := 0
		for i := range res.Units {
			u := &res.Units[i]
			a, errA := tight.plan(u)
			b, errB := roomy.plan(u)
			if errA != nil || errB != nil {
				t.Fatalf("%s, %s: %v / %v", what, u.Unit.ID, errA, errB)
			}
			if x, y := fmt.Sprintf("%v", a), fmt.Sprintf("%v", b); x != y {
				t.Fatalf("%s, %s: the budget changes the roadmap:\n%s\n%s", what, u.Unit.ID, x, y)
			}
			if a.Status == Planned && tight.budget < roomy.budget {
				planned++ // the budgets differed: a comparison
			}
		}
		return planned
	}
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	planned := 0
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 16))
		src := randomModel(r, 8)
		res := randomResults(t, r, src, 12)
		for target := 0; target <= len(res.Model.Levels.List); target++ {
			planned += same(t, res, target, fmt.Sprintf("seed %d, target %d", seed, target))
		}
	}
	m := nationalModel(t, 200)
	res := scoring.Score(m, nationalData(m, 300))
	national := same(t, res, 0, "benchmark model")
	if planned < 100 || national < 250 {
		t.Fatalf("too few roadmaps compared: %d on random models, %d on the benchmark model", planned, national)
	}
	t.Logf("roadmaps compared: %d on random models, %d on the benchmark model", planned, national)
}
