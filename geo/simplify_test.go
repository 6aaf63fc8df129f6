package geo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Near the equator a degree is about 111 km both ways, so the cases below
// are easy to reason about in metres: 0.001° ≈ 111 m.
func TestSimplifyLine(t *testing.T) {
	tests := []struct {
		name      string
		line      []Point
		tolerance float64
		want      []Point
	}{
		{"two points stay", []Point{{0, 0}, {1, 0}}, 1000, []Point{{0, 0}, {1, 0}}},
		{"collinear points go", []Point{{0, 0}, {0.001, 0}, {0.002, 0}, {0.003, 0}}, 1, []Point{{0, 0}, {0.003, 0}}},
		{"a bump below the tolerance goes", []Point{{0, 0}, {0.001, 0.0005}, {0.002, 0}}, 100, []Point{{0, 0}, {0.002, 0}}},
		{"a bump above the tolerance stays", []Point{{0, 0}, {0.001, 0.0005}, {0.002, 0}}, 50, []Point{{0, 0}, {0.001, 0.0005}, {0.002, 0}}},
		// The farthest point (0.002, 0.003), 333 m from the chord, splits
		// the line; then on the left (0.001, 0.0017) is 12.3 m from its
		// chord and goes, on the right (0.003, 0.0025) is 61.7 m away and
		// stays.
		{"recursion", []Point{{0, 0}, {0.001, 0.0017}, {0.002, 0.003}, {0.003, 0.0025}, {0.004, 0}}, 50,
			[]Point{{0, 0}, {0.002, 0.003}, {0.003, 0.0025}, {0.004, 0}}},
		{"a closed ring keeps a triangle", []Point{{0, 0}, {0.0001, 0}, {0.0001, 0.0001}, {0, 0.0001}, {0, 0}}, 10000,
			[]Point{{0, 0}, {0.0001, 0}, {0.0001, 0.0001}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.line)
			got := simplifyLine(tt.line, tt.tolerance)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if !slices.Equal(in, tt.line) {
				t.Errorf("input changed to %v", tt.line)
			}
		})
	}
}

// TestSimplifyLineWithinTolerance checks, for random walks, the property
// that defines the algorithm's result: every point left out lies within
// the tolerance of the simplified line between the kept points around it
// (measured by brute force in the same plane), and the kept points are
// the input's, in order.
func TestSimplifyLineWithinTolerance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for run := range 200 {
		n := 3 + rng.IntN(60)
		line := make([]Point, n)
		p := Point{13 + rng.Float64(), 51 + rng.Float64()}
		for i := range line {
			line[i] = p
			p = Point{p[0] + (rng.Float64()-0.3)*0.01, p[1] + (rng.Float64()-0.5)*0.01}
		}
		tol := 50 + rng.Float64()*500
		got := simplifyLine(line, tol)
		var lat float64
		for _, p := range line {
			lat += p[1]
		}
		pl := newPlane(lat / float64(n))
		k := 0 // index in line of got[j]
		for j := 0; j+1 < len(got); j++ {
			for line[k] != got[j] {
				k++
			}
			next := k + 1
			for line[next] != got[j+1] {
				next++
			}
			ax, ay := pl.xy(got[j])
			bx, by := pl.xy(got[j+1])
			for m := k + 1; m < next; m++ {
				x, y := pl.xy(line[m])
				// The brute-force distance: the nearest of 1,001 points on the
				// segment, so within 0.1 % of its length of the exact value.
				d := math.Inf(1)
				for s := 0; s <= 1000; s++ {
					f := float64(s) / 1000
					d = min(d, math.Hypot(ax+f*(bx-ax)-x, ay+f*(by-ay)-y))
				}
				if d > tol+math.Hypot(bx-ax, by-ay)/1000 {
					t.Fatalf("run %d: point %d is %.1f m from the simplified line, tolerance %.1f", run, m, d, tol)
				}
			}
			k = next
		}
		if got[0] != line[0] || got[len(got)-1] != line[n-1] {
			t.Fatalf("run %d: end points not kept", run)
		}
	}
}
