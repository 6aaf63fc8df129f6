package roadmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestCutDecidesNothing: skipping the partial aggregates that cannot meet
// the requirement (bound.go) changes no roadmap: on random models (every
// target) and on the benchmark's model, every plan equals, step for step,
// the one made with every merge done, and the cut did skip work there.
func TestCutDecidesNothing(t *testing.T) {
	d := decidesNothing(t, solverChange{what: "the cut", stream: 15,
		off:  func(s *solver) { s.noCut = true },
		used: func(with, _ *solver) bool { used := with.cuts > 0; with.cuts = 0; return used },
		unused: func(without *solver) error {
			if without.cuts != 0 {
				return fmt.Errorf("%d cuts without the cut", without.cuts)
			}
			return nil
		}})
	if d.randomUsed < 20 || d.nationalUsed < d.national*9/10 {
		t.Fatalf("the cut skipped work in too few searches: %d of %d on random models, %d of %d on the benchmark model",
			d.randomUsed, d.random, d.nationalUsed, d.national)
	}
}

// TestHullIncrements: the increments of the hull of a best score by
// effort (a sequence that does not fall, given by the efforts where it
// rises) do not increase, the hull lies on or above every point of the
// sequence and meets the first and the last, and at each effort it is the
// largest value on a chord between two points around it, as the
// definition gives.
func TestHullIncrements(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var cut cutoff
	for range 2000 {
		v := make([]float64, 1+r.IntN(12))
		for k := 1; k < len(v); k++ {
			v[k] = v[k-1] + float64(r.IntN(4))*[]float64{0.25, 1.0 / 3, 7}[r.IntN(3)]
		}
		var pts []effortValue
		for k := range v {
			if k == 0 || v[k] > v[k-1] {
				pts = append(pts, effortValue{k, v[k]})
			}
		}
		inc := make([]float64, len(v)-1)
		for k := range inc {
			inc[k] = math.NaN() // every one must be written
		}
		cut.hullIncrements(pts, inc)
		h := v[0]
		for k := range inc {
			if k > 0 && inc[k] > inc[k-1]+1e-12 {
				t.Fatalf("%v: increments %v increase at %d", v, inc, k)
			}
			h += inc[k]
			if h < v[k+1]-1e-9 {
				t.Fatalf("%v: hull %v below the point %d (%v)", v, h, k+1, v[k+1])
			}
		}
		if math.Abs(h-v[len(v)-1]) > 1e-9 {
			t.Fatalf("%v: hull ends at %v", v, h)
		}
		// Independently: the hull at k is the largest value on a chord
		// between two points around k.
		for k := range v {
			want := v[k]
			for i := 0; i <= k; i++ {
				for j := k; j < len(v); j++ {
					if i < j {
						want = max(want, v[i]+(v[j]-v[i])*float64(k-i)/float64(j-i))
					}
				}
			}
			got := v[0]
			for x := range k {
				got += inc[x]
			}
			if math.Abs(got-want) > 1e-9 {
				t.Fatalf("%v: hull at %d is %v, want %v", v, k, got, want)
			}
		}
	}
}
