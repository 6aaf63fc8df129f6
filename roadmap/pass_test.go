package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestPassDecidesNothing: merging a child of a single outcome in place
// (pass) instead of into a new class (merge) changes no roadmap: on random
// models (every target) and on the benchmark's model every plan equals,
// step for step, the one made with every child merged, and pass did run
// there.
func TestPassDecidesNothing(t *testing.T) {
	same := func(t *testing.T, res *scoring.Results, target int, what string) (passed int) {
		t.Helper()
		p := newPlanner(res, 0, Options{Target: Target{Level: target}, Phases: 2, Disclosure: scoring.NewDisclosure(res, 2)})
		with, without := newSolver(p), newSolver(p)
		without.noPass = true
		for i := range res.Units {
			u := &res.Units[i]
			a, errA := with.plan(u)
			b, errB := without.plan(u)
			if errA != nil || errB != nil {
				t.Fatalf("%s, %s: %v / %v", what, u.Unit.ID, errA, errB)
			}
			if x, y := fmt.Sprintf("%v", a), fmt.Sprintf("%v", b); x != y {
				t.Fatalf("%s, %s: merging in place changes the roadmap:\n%s\n%s", what, u.Unit.ID, x, y)
			}
			if without.passed != 0 {
				t.Fatalf("%s, %s: %d children merged in place without pass", what, u.Unit.ID, without.passed)
			}
			if a.Status == Planned && with.passed > 0 {
				passed++
			}
		}
		return passed
	}
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	random := 0
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 17))
		src := randomModel(r, 8)
		res := randomResults(t, r, src, 12)
		for target := 0; target <= len(res.Model.Levels.List); target++ {
			random += same(t, res, target, fmt.Sprintf("seed %d, target %d", seed, target))
		}
	}
	m := nationalModel(t, 200)
	res := scoring.Score(m, nationalData(m, 300))
	national := same(t, res, 0, "benchmark model")
	if random < 50 || national < 250 {
		t.Fatalf("pass ran in too few searches: %d on random models, %d on the benchmark model", random, national)
	}
	t.Logf("roadmaps with children merged in place: %d on random models, %d on the benchmark model", random, national)
}
