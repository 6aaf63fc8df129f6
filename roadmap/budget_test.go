package roadmap

import (
	"math/rand/v2"
	"slices"
	"testing"
)

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

// TestSiftDown: the estimate's heap (siftDown moves the larger child up
// into the place of the step sifted) orders and pops steps exactly as
// the textbook heap that swaps at every level — the same steps in the
// same order, ties included, so the estimate and with it the budget are
// what they were. Random heaps with many equal ratios.
func TestSiftDown(t *testing.T) {
	swapDown := func(h []estStep, i int) {
		for {
			l, r, b := 2*i+1, 2*i+2, i
			if l < len(h) && h[l].ratio > h[b].ratio {
				b = l
			}
			if r < len(h) && h[r].ratio > h[b].ratio {
				b = r
			}
			if b == i {
				return
			}
			h[i], h[b] = h[b], h[i]
			i = b
		}
	}
	pops := func(h []estStep, down func([]estStep, int)) []estStep {
		for i := len(h)/2 - 1; i >= 0; i-- {
			down(h, i)
		}
		var out []estStep
		for len(h) > 0 {
			out = append(out, h[0])
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
			down(h, 0) // as estimate does: also on the empty heap
		}
		return out
	}
	r := rand.New(rand.NewPCG(7, 9))
	for range 2000 {
		var a []estStep
		for i := range r.IntN(60) {
			a = append(a, estStep{ratio: float64(r.IntN(5)), effort: i}) // effort tells equal ratios apart
		}
		got, want := pops(slices.Clone(a), siftDown), pops(slices.Clone(a), swapDown)
		if !slices.Equal(got, want) {
			t.Fatalf("popped %v\nwant   %v", got, want)
		}
	}
}
