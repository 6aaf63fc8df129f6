package geo

// simplifyLine returns the points of line that the Douglas–Peucker
// algorithm keeps at the given tolerance in metres: the end points, and
// recursively the point farthest from the chord between two kept points
// while it lies farther than the tolerance. A closed line (first point
// equal to last) keeps at least four points, so a ring stays a ring. The
// line is not modified.
func simplifyLine(line []Point, tolerance float64) []Point {
	n := len(line)
	if n <= 2 {
		return append([]Point(nil), line...)
	}
	var lat float64
	for _, p := range line {
		lat += p[1]
	}
	pl := newPlane(lat / float64(n))
	xs, ys := make([]float64, n), make([]float64, n)
	for i, p := range line {
		xs[i], ys[i] = pl.xy(p)
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	if line[0] == line[n-1] && n >= 4 {
		// A closed line: its chord is a point. Keep the point farthest
		// from it, then the one farthest from the two halves' chords, so
		// that at least a triangle remains however small the ring.
		far := farthest(xs, ys, 0, n-1)
		keep[far] = true
		a := farthest(xs, ys, 0, far)
		b := farthest(xs, ys, far, n-1)
		if distanceFromChord(xs, ys, 0, far, a) >= distanceFromChord(xs, ys, far, n-1, b) {
			keep[a] = true
		} else {
			keep[b] = true
		}
		markFar(xs, ys, 0, far, tolerance, keep)
		markFar(xs, ys, far, n-1, tolerance, keep)
	} else {
		markFar(xs, ys, 0, n-1, tolerance, keep)
	}
	out := make([]Point, 0, n/4+2)
	for i, k := range keep {
		if k {
			out = append(out, line[i])
		}
	}
	return out
}

// markFar keeps, between the kept points i and j, every point the
// Douglas–Peucker recursion reaches. It iterates with an explicit stack,
// as a border can have thousands of points.
func markFar(xs, ys []float64, i, j int, tolerance float64, keep []bool) {
	type span struct{ i, j int }
	stack := []span{{i, j}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.j-s.i < 2 {
			continue
		}
		k := farthest(xs, ys, s.i, s.j)
		if distanceFromChord(xs, ys, s.i, s.j, k) <= tolerance {
			continue
		}
		keep[k] = true
		stack = append(stack, span{s.i, k}, span{k, s.j})
	}
}

// farthest returns the index strictly between i and j of the point
// farthest from the chord i–j (the first of equals), or i+1 if there is
// no point between them.
func farthest(xs, ys []float64, i, j int) int {
	best, bestD := i+1, -1.0
	for k := i + 1; k < j; k++ {
		if d := distanceFromChord(xs, ys, i, j, k); d > bestD {
			best, bestD = k, d
		}
	}
	return best
}

func distanceFromChord(xs, ys []float64, i, j, k int) float64 {
	return segmentDistance(xs[k], ys[k], xs[i], ys[i], xs[j], ys[j])
}
