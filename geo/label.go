package geo

import (
	"container/heap"
	"math"
)

// SetLabels sets the label point of every area of a layer: the pole of
// inaccessibility of its largest part, rounded to decimals places.
func (t *Topology) SetLabels(layer string, decimals int) {
	for i := range t.Layers[layer] {
		a := &t.Layers[layer][i]
		var best Polygon
		bestArea := -1.0
		for _, poly := range t.Shape(*a) {
			if ar := math.Abs(signedArea(poly[0])); ar > bestArea {
				best, bestArea = poly, ar
			}
		}
		if best != nil {
			p := labelPoint(best)
			a.Label = Point{round(p[0], decimals), round(p[1], decimals)}
		}
	}
}

// labelPoint returns the point inside a polygon that lies farthest from
// its border (its pole of inaccessibility), to within 1 % of the smaller
// side of its bounding box. A name placed there stays inside even a
// crescent-shaped district, where the centroid can lie outside. The
// search refines square cells in order of the best distance they could
// still contain (V. Agafonkin's polylabel, 2016).
func labelPoint(poly Polygon) Point {
	box := emptyBBox()
	for _, p := range poly[0] {
		box.add(p)
	}
	pl := newPlane((box[1] + box[3]) / 2)
	rings := make([][][2]float64, len(poly))
	for i, r := range poly {
		rings[i] = make([][2]float64, len(r))
		for k, p := range r {
			x, y := pl.xy(p)
			rings[i][k] = [2]float64{x, y}
		}
	}
	x0, y0 := pl.xy(Point{box[0], box[1]})
	x1, y1 := pl.xy(Point{box[2], box[3]})
	w, h := x1-x0, y1-y0
	size := min(w, h)
	if size <= 0 {
		return poly[0][0]
	}
	precision := size / 100
	var q cellQueue
	half := size / 2
	for x := x0; x < x1; x += size {
		for y := y0; y < y1; y += size {
			heap.Push(&q, newCell(x+half, y+half, half, rings))
		}
	}
	// Start from the centre of the box: a fine answer for compact shapes.
	best := newCell(x0+w/2, y0+h/2, 0, rings)
	for q.Len() > 0 {
		c := heap.Pop(&q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		half := c.half / 2
		for _, dx := range []float64{-half, half} {
			for _, dy := range []float64{-half, half} {
				heap.Push(&q, newCell(c.x+dx, c.y+dy, half, rings))
			}
		}
	}
	return Point{best.x / pl.kx, best.y / metresPerDegreeLat}
}

// cell is a square of the label search: its centre, half its side, the
// signed distance of the centre from the border (positive inside) and the
// largest distance any point of the square can have.
type cell struct {
	x, y, half, d, max float64
}

func newCell(x, y, half float64, rings [][][2]float64) cell {
	d := signedDistance(x, y, rings)
	return cell{x: x, y: y, half: half, d: d, max: d + half*math.Sqrt2}
}

// signedDistance returns the distance of (x, y) from the nearest border of
// the rings, positive inside the polygon (even–odd rule), negative outside.
func signedDistance(x, y float64, rings [][][2]float64) float64 {
	inside := false
	dist := math.Inf(1)
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > y) != (b[1] > y) && x < a[0]+(y-a[1])/(b[1]-a[1])*(b[0]-a[0]) {
				inside = !inside
			}
			dist = min(dist, segmentDistance(x, y, a[0], a[1], b[0], b[1]))
		}
	}
	if !inside {
		return -dist
	}
	return dist
}

// cellQueue is a max-heap of cells by the distance they could contain.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
