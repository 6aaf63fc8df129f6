package geo

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
)

// Topology is a set of layers of areas whose borders are shared arcs: a
// border between two neighbours is stored once, so simplifying it moves
// both sides alike and no gap or overlap opens between them. It is the
// model of a TopoJSON file (https://github.com/topojson/topojson-specification).
type Topology struct {
	// Attribution names the source of the geometry, as its licence asks.
	Attribution string
	// Arcs are the borders: each a line of at least two points, shared by
	// the rings that refer to it.
	Arcs [][]Point
	// Layers hold areas by layer name, e.g. "gemeinden" and "kreise".
	Layers map[string][]Area
}

// Area is one region of a layer: a municipality, district or state.
type Area struct {
	// ID is its official key: the AGS of a municipality, the five-digit
	// code of a district, the two-digit code of a state.
	ID   string
	Name string
	// Label is a point well inside the area for its name.
	Label Point
	// Polygons are the area's parts; each is a list of rings (exterior
	// first), and each ring a list of arc references: i is arc i as it
	// runs, ^i (that is, -i-1) arc i reversed.
	Polygons [][][]int
}

// Feature is an area given by coordinates, as a GeoJSON file has it.
type Feature struct {
	ID, Name string
	Polygons []Polygon
}

// arcOf returns the index of an arc reference and whether it is reversed.
func arcOf(ref int) (int, bool) {
	if ref < 0 {
		return ^ref, true
	}
	return ref, false
}

// ends returns the first and last point of an arc reference as it runs.
func (t *Topology) ends(ref int) (Point, Point) {
	i, rev := arcOf(ref)
	a := t.Arcs[i]
	if rev {
		return a[len(a)-1], a[0]
	}
	return a[0], a[len(a)-1]
}

// Ring returns the coordinates of a ring of arc references, closed.
func (t *Topology) Ring(refs []int) []Point {
	var out []Point
	for _, ref := range refs {
		i, rev := arcOf(ref)
		a := t.Arcs[i]
		if rev {
			for k := len(a) - 1; k >= 0; k-- {
				if k == len(a)-1 && len(out) > 0 {
					continue
				}
				out = append(out, a[k])
			}
			continue
		}
		for k, p := range a {
			if k == 0 && len(out) > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

// Shape returns the polygons of an area as coordinates.
func (t *Topology) Shape(a Area) []Polygon {
	out := make([]Polygon, len(a.Polygons))
	for i, poly := range a.Polygons {
		out[i] = make(Polygon, len(poly))
		for j, ring := range poly {
			out[i][j] = t.Ring(ring)
		}
	}
	return out
}

// Build makes a topology of one layer from features. A point that lies
// within tol metres of a border is first put on it (see snap), so that
// neighbours share their border points exactly; then rings are cut into
// arcs wherever the set of neighbours changes, and an arc both neighbours
// run along is stored once. Exterior rings are turned counter-clockwise
// and holes clockwise.
func Build(layer string, features []Feature, tol float64) (*Topology, error) {
	t := &Topology{Layers: map[string][]Area{}}
	type ringAt struct{ f, p, r int }
	var rings [][]Point
	var at []ringAt
	for fi, f := range features {
		for pi, poly := range f.Polygons {
			for ri, ring := range poly {
				r := openRing(ring)
				if len(r) < 3 {
					return nil, fmt.Errorf("%s %s: ring %d of part %d has fewer than three points", layer, f.ID, ri, pi)
				}
				if (signedArea(append(r, r[0])) > 0) != (ri == 0) {
					slices.Reverse(r)
				}
				rings = append(rings, r)
				at = append(at, ringAt{fi, pi, ri})
			}
		}
	}
	snap(rings, tol)
	// Snapping can fold an islet narrower than the tolerance onto itself:
	// it has no area left to draw. A hole goes alone, an exterior with
	// its holes.
	dropped := map[[2]int]bool{} // feature, part
	for k := range rings {
		rings[k] = despike(rings[k])
		if a := at[k]; len(rings[k]) < 3 && a.r == 0 {
			dropped[[2]int{a.f, a.p}] = true
		}
	}
	junction := junctions(rings)
	index := map[string]int{}
	areas := make([]Area, len(features))
	for fi, f := range features {
		areas[fi] = Area{ID: f.ID, Name: f.Name, Polygons: make([][][]int, len(f.Polygons))}
	}
	for k, r := range rings {
		a := at[k]
		if len(r) < 3 || dropped[[2]int{a.f, a.p}] {
			continue
		}
		var refs []int
		for _, arc := range cutRing(r, junction) {
			refs = append(refs, t.addArc(arc, index))
		}
		areas[a.f].Polygons[a.p] = append(areas[a.f].Polygons[a.p], refs)
	}
	for i := range areas {
		areas[i].Polygons = slices.DeleteFunc(areas[i].Polygons, func(p [][]int) bool { return len(p) == 0 })
		if len(areas[i].Polygons) == 0 {
			return nil, fmt.Errorf("%s %s: no area left after snapping at %g m", layer, areas[i].ID, tol)
		}
	}
	t.Layers[layer] = areas
	return t, nil
}

// snap inserts into each ring's segments the points of any ring (its own
// included) that lie on them, within tol metres, so that a border two
// areas share has the same points on both sides. Where a source was
// simplified border by border, a point at which three areas meet may be
// kept on two of their borders but dropped from the third, which then
// passes it at up to the source's tolerance: left so, a sliver would open
// between them, or overlap.
func snap(rings [][]Point, tol float64) {
	const cell = 0.01 // degrees
	key := func(p Point) [2]int { return [2]int{int(math.Floor(p[0] / cell)), int(math.Floor(p[1] / cell))} }
	grid := map[[2]int][]Point{}
	seen := map[Point]bool{}
	for _, r := range rings {
		for _, p := range r {
			if !seen[p] {
				seen[p] = true
				grid[key(p)] = append(grid[key(p)], p)
			}
		}
	}
	pl := newPlane(51) // the middle of Germany; the snap is coarse anyway
	dlon, dlat := tol/pl.kx, tol/metresPerDegreeLat
	for ri, r := range rings {
		n := len(r)
		out := make([]Point, 0, n)
		for i, a := range r {
			b := r[(i+1)%n]
			out = append(out, a)
			ax, ay := pl.xy(a)
			bx, by := pl.xy(b)
			dx, dy := bx-ax, by-ay
			l2 := dx*dx + dy*dy
			if l2 == 0 {
				continue
			}
			type hit struct {
				t float64
				p Point
			}
			var hits []hit
			lo := key(Point{min(a[0], b[0]) - dlon, min(a[1], b[1]) - dlat})
			hi := key(Point{max(a[0], b[0]) + dlon, max(a[1], b[1]) + dlat})
			for x := lo[0]; x <= hi[0]; x++ {
				for y := lo[1]; y <= hi[1]; y++ {
					for _, p := range grid[[2]int{x, y}] {
						if p == a || p == b {
							continue
						}
						px, py := pl.xy(p)
						t := ((px-ax)*dx + (py-ay)*dy) / l2
						if t <= 0 || t >= 1 || math.Hypot(ax+t*dx-px, ay+t*dy-py) > tol {
							continue
						}
						hits = append(hits, hit{t, p})
					}
				}
			}
			slices.SortFunc(hits, func(x, y hit) int { return cmp.Compare(x.t, y.t) })
			for _, h := range hits {
				out = append(out, h.p)
			}
		}
		rings[ri] = out
	}
}

// despike removes the points where an open ring turns back on itself
// (…, a, b, a, …), which snapping leaves where a narrow spit folds flat,
// until none is left.
func despike(r []Point) []Point {
	for changed := true; changed && len(r) >= 3; {
		changed = false
		n := len(r)
		for i := range r {
			if r[(i+n-1)%n] == r[(i+1)%n] {
				// drop r[i] and the repeated point after it
				j := (i + 1) % n
				out := make([]Point, 0, n-2)
				for k, p := range r {
					if k != i && k != j {
						out = append(out, p)
					}
				}
				r, changed = out, true
				break
			}
		}
	}
	return r
}

// openRing returns a ring without its closing point and without repeated
// consecutive points.
func openRing(ring []Point) []Point {
	out := make([]Point, 0, len(ring))
	for _, p := range ring {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// junctions returns the points where rings must be cut into arcs: a point
// is a junction when it is seen with different neighbours, i.e. where a
// border between two areas meets a third area or the outside.
func junctions(rings [][]Point) map[Point]bool {
	type pair struct{ a, b Point }
	seen := map[Point]pair{}
	junction := map[Point]bool{}
	for _, r := range rings {
		n := len(r)
		for i, p := range r {
			a, b := r[(i+n-1)%n], r[(i+1)%n]
			if less(b, a) {
				a, b = b, a
			}
			if q, ok := seen[p]; !ok {
				seen[p] = pair{a, b}
			} else if q != (pair{a, b}) {
				junction[p] = true
			}
		}
	}
	return junction
}

func less(a, b Point) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// cutRing splits an open ring at its junctions into arcs that together
// run around it; a ring without junctions is one closed arc that starts
// at its least point, so that both rings running along it find it.
func cutRing(r []Point, junction map[Point]bool) [][]Point {
	start := -1
	for i, p := range r {
		if junction[p] {
			start = i
			break
		}
	}
	if start < 0 {
		start = 0
		for i, p := range r {
			if less(p, r[start]) {
				start = i
			}
		}
		arc := append(append([]Point(nil), r[start:]...), r[:start]...)
		return [][]Point{append(arc, r[start])}
	}
	n := len(r)
	var arcs [][]Point
	arc := []Point{r[start]}
	for k := 1; k <= n; k++ {
		p := r[(start+k)%n]
		arc = append(arc, p)
		if junction[p] {
			arcs = append(arcs, arc)
			arc = []Point{p}
		}
	}
	return arcs
}

// addArc returns the reference of an arc, adding it unless it or its
// reverse is already there.
func (t *Topology) addArc(arc []Point, index map[string]int) int {
	if i, ok := index[arcKey(arc, false)]; ok {
		return i
	}
	if i, ok := index[arcKey(arc, true)]; ok {
		return ^i
	}
	i := len(t.Arcs)
	t.Arcs = append(t.Arcs, arc)
	index[arcKey(arc, false)] = i
	return i
}

// arcKey identifies an arc's points in order (reversed if rev). The
// reverse of a closed arc that starts at its least point starts there
// too, so both run-throughs of a closed border meet in the index.
func arcKey(arc []Point, rev bool) string {
	b := make([]byte, 0, 16*len(arc))
	for k := range arc {
		p := arc[k]
		if rev {
			p = arc[len(arc)-1-k]
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[0]))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[1]))
	}
	return string(b)
}

// uses counts, for each arc, how often the rings of a layer run along it.
func (t *Topology) uses(layer string) []int {
	n := make([]int, len(t.Arcs))
	for _, a := range t.Layers[layer] {
		for _, poly := range a.Polygons {
			for _, ring := range poly {
				for _, ref := range ring {
					i, _ := arcOf(ref)
					n[i]++
				}
			}
		}
	}
	return n
}

// Outline returns the arcs of a layer that only one of its rings runs
// along: the outer border of all its areas together (a state's border
// for its districts), as lines.
func (t *Topology) Outline(layer string) [][]Point { return t.linesUsed(layer, 1) }

// Borders returns the arcs of a layer that two of its rings run along:
// the borders between its areas, as lines.
func (t *Topology) Borders(layer string) [][]Point { return t.linesUsed(layer, 2) }

func (t *Topology) linesUsed(layer string, times int) [][]Point {
	var out [][]Point
	for i, n := range t.uses(layer) {
		if n == times {
			out = append(out, t.Arcs[i])
		}
	}
	return out
}

// Select returns a topology with the areas of a layer that keep accepts,
// and only the arcs they use. Other layers are left out.
func (t *Topology) Select(layer string, keep func(Area) bool) *Topology {
	out, _ := t.selectAreas(layer, keep)
	return out
}

// selectAreas is Select; it also returns the new number of each old arc
// that the selected areas use.
func (t *Topology) selectAreas(layer string, keep func(Area) bool) (*Topology, map[int]int) {
	out := &Topology{Attribution: t.Attribution, Layers: map[string][]Area{}}
	renum := map[int]int{}
	var areas []Area
	for _, a := range t.Layers[layer] {
		if !keep(a) {
			continue
		}
		b := a
		b.Polygons = make([][][]int, len(a.Polygons))
		for pi, poly := range a.Polygons {
			b.Polygons[pi] = make([][]int, len(poly))
			for ri, ring := range poly {
				refs := make([]int, len(ring))
				for k, ref := range ring {
					i, rev := arcOf(ref)
					j, ok := renum[i]
					if !ok {
						j = len(out.Arcs)
						renum[i] = j
						out.Arcs = append(out.Arcs, t.Arcs[i])
					}
					if rev {
						j = ^j
					}
					refs[k] = j
				}
				b.Polygons[pi][ri] = refs
			}
		}
		areas = append(areas, b)
	}
	out.Layers[layer] = areas
	return out, renum
}

// Dissolve adds a layer whose areas are the unions of the areas of layer
// that group gives the same ID (and name): districts from their
// municipalities. Borders between areas of one group fall away; the new
// areas run along the same arcs as the old ones. An area for which group
// returns an empty ID is left out. Label points are not set.
func (t *Topology) Dissolve(layer, into string, group func(Area) (id, name string)) error {
	type part struct {
		name string
		refs []int
	}
	parts := map[string]*part{}
	var order []string
	for _, a := range t.Layers[layer] {
		id, name := group(a)
		if id == "" {
			continue
		}
		p, ok := parts[id]
		if !ok {
			p = &part{name: name}
			parts[id] = p
			order = append(order, id)
		}
		for _, poly := range a.Polygons {
			for _, ring := range poly {
				p.refs = append(p.refs, ring...)
			}
		}
	}
	areas := make([]Area, 0, len(order))
	for _, id := range order {
		p := parts[id]
		polys, err := t.assemble(p.refs)
		if err != nil {
			return fmt.Errorf("dissolve %s into %s %s: %w", layer, into, id, err)
		}
		areas = append(areas, Area{ID: id, Name: p.name, Polygons: polys})
	}
	t.Layers[into] = areas
	return nil
}

// assemble turns the arc references of the rings of several areas into
// the polygons of their union: an arc run along in both directions lies
// between two of them and falls away; the rest are chained end to start
// into rings, sorted into exteriors (counter-clockwise) and the holes
// that lie in them.
func (t *Topology) assemble(refs []int) ([][][]int, error) {
	dir := map[int]int{} // arc → +1 / -1 / 0 when both
	for _, ref := range refs {
		i, rev := arcOf(ref)
		d := 1
		if rev {
			d = -1
		}
		if old, ok := dir[i]; ok && old != d {
			dir[i] = 0
		} else {
			dir[i] = d
		}
	}
	from := map[Point][]int{}
	var open []int
	taken := map[int]bool{}
	for _, ref := range refs {
		i, rev := arcOf(ref)
		if d := dir[i]; d == 0 || (d == -1) != rev || taken[i] {
			continue
		}
		taken[i] = true
		s, _ := t.ends(ref)
		from[s] = append(from[s], ref)
		open = append(open, ref)
	}
	used := map[int]bool{}
	var rings [][]int
	for _, first := range open {
		if used[first] {
			continue
		}
		start, _ := t.ends(first)
		ring := []int{first}
		used[first] = true
		_, end := t.ends(first)
		for end != start {
			next, found := 0, false
			for _, ref := range from[end] {
				if !used[ref] {
					next, found = ref, true
					break
				}
			}
			if !found {
				return nil, fmt.Errorf("a border does not close at %v (ring %v, from %v, first %d)", end, ring, from[end], first)
			}
			used[next] = true
			ring = append(ring, next)
			_, end = t.ends(next)
		}
		rings = append(rings, ring)
	}
	type ext struct {
		refs [][]int
		ring []Point
		area float64
	}
	var exts []*ext
	var holes [][]int
	for _, r := range rings {
		pts := t.Ring(r)
		a := signedArea(pts)
		if a == 0 {
			continue // a line out and back along itself: no area
		}
		if a > 0 {
			exts = append(exts, &ext{refs: [][]int{r}, ring: pts, area: a})
		} else {
			holes = append(holes, r)
		}
	}
	slices.SortStableFunc(exts, func(a, b *ext) int { return cmp.Compare(b.area, a.area) })
	for _, h := range holes {
		pts := t.Ring(h)
		probe := Point{(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2}
		var in *ext
		for _, e := range exts { // the smallest exterior around it
			if inRing(probe, e.ring) {
				in = e
			}
		}
		if in == nil {
			return nil, fmt.Errorf("a hole at %v lies in no exterior (area %g)", probe, signedArea(pts))
		}
		in.refs = append(in.refs, h)
	}
	out := make([][][]int, len(exts))
	for i, e := range exts {
		out[i] = e.refs
	}
	return out, nil
}

// Simplify simplifies every arc with the Douglas–Peucker algorithm at a
// tolerance in metres, then rounds its coordinates to decimals places.
// Where that would collapse a ring (fewer than three points, or turn it
// round) or make two arcs cross that did not cross before, the arcs
// involved are simplified again at half their tolerance, down to none; it
// returns an error if even the unsimplified, rounded arcs do so.
func (t *Topology) Simplify(tolerance float64, decimals int) error {
	orig := t.Arcs
	before := map[[2]int]bool{}
	for _, p := range t.crossings() {
		before[p] = true
	}
	tol := make([]float64, len(orig))
	redo := make([]bool, len(orig))
	for i := range tol {
		tol[i], redo[i] = tolerance, true
	}
	t.Arcs = make([][]Point, len(orig))
	for {
		for i, r := range redo {
			if r {
				t.Arcs[i] = roundLine(simplifyLine(orig[i], tol[i]), decimals)
				redo[i] = false
			}
		}
		bad := t.collapsed()
		for _, p := range t.crossings() {
			if !before[p] {
				bad = append(bad, p[0], p[1])
			}
		}
		if len(bad) == 0 {
			return nil
		}
		for _, i := range bad {
			if redo[i] {
				continue
			}
			if tol[i] == 0 {
				return fmt.Errorf("arc %d (from %v) collapses or crosses another even unsimplified at %d decimals", i, orig[i][0], decimals)
			}
			if tol[i] /= 2; tol[i] < 1 {
				tol[i] = 0
			}
			redo[i] = true
		}
	}
}

// roundLine rounds a line's coordinates and drops points that rounding
// made equal to their predecessor; the end points stay.
func roundLine(line []Point, decimals int) []Point {
	out := make([]Point, 0, len(line))
	for k, p := range line {
		q := Point{round(p[0], decimals), round(p[1], decimals)}
		if k > 0 && k < len(line)-1 && q == out[len(out)-1] {
			continue
		}
		if k == len(line)-1 && len(out) > 1 && q == out[len(out)-1] {
			out = out[:len(out)-1]
		}
		out = append(out, q)
	}
	return out
}

// collapsed returns the arcs of every ring, in any layer, that has fewer
// than three distinct points or whose orientation turned.
func (t *Topology) collapsed() []int {
	var bad []int
	for _, areas := range t.Layers {
		for _, a := range areas {
			for _, poly := range a.Polygons {
				for ri, ring := range poly {
					pts := t.Ring(ring)
					distinct := map[Point]bool{}
					for _, p := range pts {
						distinct[p] = true
					}
					if len(distinct) >= 3 && (signedArea(pts) > 0) == (ri == 0) {
						continue
					}
					for _, ref := range ring {
						i, _ := arcOf(ref)
						bad = append(bad, i)
					}
				}
			}
		}
	}
	return bad
}

// crossings returns the pairs of arcs (lower index first) that cross,
// and an arc that crosses itself as a pair with itself. It sorts segments
// into a grid of cells so that only near segments are compared.
func (t *Topology) crossings() [][2]int {
	type seg struct {
		arc  int
		a, b Point
	}
	const cell = 0.05 // degrees
	grid := map[[2]int][]int{}
	var segs []seg
	for i, arc := range t.Arcs {
		for k := 0; k+1 < len(arc); k++ {
			s := seg{i, arc[k], arc[k+1]}
			id := len(segs)
			segs = append(segs, s)
			x0, x1 := int(math.Floor(min(s.a[0], s.b[0])/cell)), int(math.Floor(max(s.a[0], s.b[0])/cell))
			y0, y1 := int(math.Floor(min(s.a[1], s.b[1])/cell)), int(math.Floor(max(s.a[1], s.b[1])/cell))
			for x := x0; x <= x1; x++ {
				for y := y0; y <= y1; y++ {
					grid[[2]int{x, y}] = append(grid[[2]int{x, y}], id)
				}
			}
		}
	}
	pairs := map[[2]int]bool{}
	for _, ids := range grid {
		for m, i := range ids {
			for _, j := range ids[m+1:] {
				s, u := segs[i], segs[j]
				if segmentsCross(s.a, s.b, u.a, u.b) {
					pairs[[2]int{min(s.arc, u.arc), max(s.arc, u.arc)}] = true
				}
			}
		}
	}
	out := slices.SortedFunc(maps.Keys(pairs), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	return out
}

// Part is what a map draws: the areas of one layer that were kept (as the
// layer "areas"), only the arcs they use, and which of those arcs are
// their common outline and the borders of a coarser layer among them.
type Part struct {
	Topology *Topology
	// Outline lists the arcs only one kept area runs along.
	Outline []int
	// Borders lists the arcs between two kept areas that two areas of
	// the coarser layer run along (district borders among municipalities,
	// state borders among districts).
	Borders []int
}

// Part returns the areas of layer that keep accepts, renamed by name (an
// area's name in the part, e.g. a label for its tooltip), with the
// borders of the layer coarser ("" for none).
func (t *Topology) Part(layer string, keep func(Area) bool, name func(Area) string, coarser string) Part {
	sub, renum := t.selectAreas(layer, keep)
	areas := sub.Layers[layer]
	delete(sub.Layers, layer)
	for i := range areas {
		areas[i].Name = name(areas[i])
	}
	sub.Layers["areas"] = areas
	p := Part{Topology: sub}
	inner := sub.uses("areas")
	for i, n := range inner {
		if n == 1 {
			p.Outline = append(p.Outline, i)
		}
	}
	if coarser != "" {
		// A border of the coarser layer that only one kept area runs along
		// lies on the outline (a state's border with a state left out).
		for i, n := range t.uses(coarser) {
			if j, ok := renum[i]; ok && n == 2 && inner[j] == 2 {
				p.Borders = append(p.Borders, j)
			}
		}
		slices.Sort(p.Borders)
	}
	return p
}
