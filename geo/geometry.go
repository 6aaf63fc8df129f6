package geo

import "math"

// Point is a position: longitude and latitude in degrees (WGS84).
type Point [2]float64

// Polygon is a list of closed rings: the exterior first, then its holes.
// A ring's last point equals its first.
type Polygon [][]Point

// Metres per degree of latitude, and of longitude at the equator, on the
// WGS84 ellipsoid (mean values; good to 1 % across Germany).
const (
	metresPerDegreeLat = 111_132.0
	metresPerDegreeLon = 111_320.0
)

// plane maps longitude and latitude to metres on a plane tangent at
// latitude lat0 (an equirectangular projection). Over the extent of a
// German state its distortion stays below 1 %, far finer than the
// simplification tolerance.
type plane struct{ kx float64 }

func newPlane(lat0 float64) plane {
	return plane{kx: metresPerDegreeLon * math.Cos(lat0*math.Pi/180)}
}

func (pl plane) xy(p Point) (x, y float64) { return p[0] * pl.kx, p[1] * metresPerDegreeLat }

// signedArea returns the area a closed ring encloses in square degrees:
// positive when the ring runs counter-clockwise (longitude to the right,
// latitude up).
func signedArea(ring []Point) float64 {
	var a float64
	for i := 0; i+1 < len(ring); i++ {
		a += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	return a / 2
}

// inRing reports whether p lies inside the closed ring (even–odd rule);
// a point on the ring's border may go either way.
func inRing(p Point, ring []Point) bool {
	in := false
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])/(b[1]-a[1])*(b[0]-a[0]) {
			in = !in
		}
	}
	return in
}

// inPolygon reports whether p lies inside the polygon's exterior and
// outside its holes.
func inPolygon(p Point, poly Polygon) bool {
	if len(poly) == 0 || !inRing(p, poly[0]) {
		return false
	}
	for _, h := range poly[1:] {
		if inRing(p, h) {
			return false
		}
	}
	return true
}

// segmentDistance returns the distance of (px, py) from the segment
// (ax, ay)–(bx, by); a segment of length zero is its point.
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t := ((px-ax)*dx + (py-ay)*dy) / l2
		t = max(0, min(1, t))
		ax, ay = ax+t*dx, ay+t*dy
	}
	return math.Hypot(px-ax, py-ay)
}

// segmentsCross reports whether the segments a–b and c–d have a point in
// common other than a shared end point, which neighbouring segments of
// one line and arcs meeting at a junction always have.
func segmentsCross(a, b, c, d Point) bool {
	if a == c || a == d || b == c || b == d {
		// Sharing an end: they cross only if they overlap (collinear and
		// pointing the same way from the shared point).
		var s, p, q Point
		switch {
		case a == c:
			s, p, q = a, b, d
		case a == d:
			s, p, q = a, b, c
		case b == c:
			s, p, q = b, a, d
		default:
			s, p, q = b, a, c
		}
		return orient(s, p, q) == 0 && (p[0]-s[0])*(q[0]-s[0])+(p[1]-s[1])*(q[1]-s[1]) > 0
	}
	o1, o2, o3, o4 := orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
	if o1 != o2 && o3 != o4 && o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 {
		return true
	}
	return o1 == 0 && onSegment(a, c, b) || o2 == 0 && onSegment(a, d, b) ||
		o3 == 0 && onSegment(c, a, d) || o4 == 0 && onSegment(c, b, d)
}

// orient returns the sign of the turn a→b→c: 1 left, -1 right, 0 straight.
func orient(a, b, c Point) int {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether q, collinear with p and r, lies between them.
func onSegment(p, q, r Point) bool {
	return min(p[0], r[0]) <= q[0] && q[0] <= max(p[0], r[0]) && min(p[1], r[1]) <= q[1] && q[1] <= max(p[1], r[1])
}

// bbox is a bounding box: west, south, east, north.
type bbox [4]float64

func emptyBBox() bbox { return bbox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *bbox) add(p Point) {
	b[0], b[1] = min(b[0], p[0]), min(b[1], p[1])
	b[2], b[3] = max(b[2], p[0]), max(b[3], p[1])
}

func (b bbox) overlaps(c bbox) bool {
	return b[0] <= c[2] && c[0] <= b[2] && b[1] <= c[3] && c[1] <= b[3]
}

func round(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(x*p) / p
}
