package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// solverChange is a change to the search that must decide no roadmap,
// only how much work a search takes.
type solverChange struct {
	what   string        // for messages: "the cut"
	stream uint64        // of the random models' generator
	off    func(*solver) // makes a solver without the change, the reference
	// used tells, after a unit's search by both, whether the change
	// did something there; unused, if set, fails the test when the
	// reference did it anyway.
	used   func(with, without *solver) bool
	unused func(without *solver) error
}

// decided counts the planned roadmaps a change was compared on and how
// many of them it did something in.
type decided struct {
	random, randomUsed     int // 300 random models, every target
	national, nationalUsed int // 300 units of the benchmark model
}

// decidesNothing plans every unit of 300 random models (60 with -short)
// for every target, and 300 units of the benchmark's model for the next
// level, with the change and without it, and fails where a plan differs
// in anything (steps, order, scores, phases, peers) — the work a change
// saves must never be a roadmap it changes.
func decidesNothing(t *testing.T, c solverChange) decided {
	t.Helper()
	var d decided
	same := func(res *scoring.Results, target int, where string) (planned, used int) {
		t.Helper()
		p := newPlanner(res, 0, Options{Target: Target{Level: target}, Phases: 2, Disclosure: scoring.NewDisclosure(res, 2)})
		with, without := newSolver(p), newSolver(p)
		c.off(without)
		for i := range res.Units {
			u := &res.Units[i]
			a, errA := with.plan(u)
			b, errB := without.plan(u)
			if errA != nil || errB != nil {
				t.Fatalf("%s, %s: %v / %v", where, u.Unit.ID, errA, errB)
			}
			if x, y := fmt.Sprintf("%v", a), fmt.Sprintf("%v", b); x != y {
				t.Fatalf("%s, %s: %s changes the roadmap:\n%s\n%s", where, u.Unit.ID, c.what, x, y)
			}
			if c.unused != nil {
				if err := c.unused(without); err != nil {
					t.Fatalf("%s, %s: %v", where, u.Unit.ID, err)
				}
			}
			did := c.used(with, without) // for every unit: it may reset counters
			if a.Status == Planned {
				planned++
				if did {
					used++
				}
			}
		}
		return planned, used
	}
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, c.stream))
		res := randomResults(t, r, randomModel(r, 8), 12)
		for target := 0; target <= len(res.Model.Levels.List); target++ {
			p, u := same(res, target, fmt.Sprintf("seed %d, target %d", seed, target))
			d.random, d.randomUsed = d.random+p, d.randomUsed+u
		}
	}
	m := nationalModel(t, 200)
	d.national, d.nationalUsed = same(scoring.Score(m, nationalData(m, 300)), 0, "benchmark model")
	t.Logf("roadmaps compared: %d on random models (%s did something in %d), %d on the benchmark model (%d)",
		d.random, c.what, d.randomUsed, d.national, d.nationalUsed)
	return d
}
