package geo

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Test shapes are drawn on a grid of u degrees near Dresden (13° E, 51° N),
// where 0.01° is about 700 m east–west and 1,110 m north–south.
const u = 0.01

func at(x, y float64) Point { return Point{round(13+x*u, 6), round(51+y*u, 6)} }

// rect returns a ring around [x0, x1] × [y0, y1], clockwise (as the VG5000
// source has its exteriors), closed.
func rect(x0, y0, x1, y1 float64) []Point {
	return []Point{at(x0, y0), at(x0, y1), at(x1, y1), at(x1, y0), at(x0, y0)}
}

func feature(id string, rings ...[]Point) Feature {
	return Feature{ID: id, Name: "Area " + id, Polygons: []Polygon{rings}}
}

func mustBuild(t *testing.T, snap float64, fs ...Feature) *Topology {
	t.Helper()
	topo, err := Build("a", fs, snap)
	if err != nil {
		t.Fatal(err)
	}
	return topo
}

// areaOf returns an area's size in square degrees.
func areaOf(t *Topology, a Area) float64 {
	var s float64
	for _, poly := range t.Shape(a) {
		for _, r := range poly {
			s += signedArea(r)
		}
	}
	return s
}

func TestBuildSharesBorders(t *testing.T) {
	tests := []struct {
		name     string
		features []Feature
		// arcs, lines of the outline and of the borders between areas
		arcs, outline, borders int
		// the border between the areas, as a set of points
		border []Point
	}{
		{name: "two squares side by side",
			features: []Feature{feature("L", rect(0, 0, 1, 1)), feature("R", rect(1, 0, 2, 1))},
			arcs:     3, outline: 2, borders: 1, border: []Point{at(1, 0), at(1, 1)}},
		{name: "an enclave",
			features: []Feature{feature("O", rect(0, 0, 3, 3), reversed(rect(1, 1, 2, 2))), feature("I", rect(1, 1, 2, 2))},
			arcs:     2, outline: 1, borders: 1, border: []Point{at(1, 1), at(1, 2), at(2, 2), at(2, 1)}},
		{name: "three areas meeting",
			features: []Feature{feature("L", rect(0, 0, 1, 2)), feature("B", rect(1, 0, 2, 1)), feature("T", rect(1, 1, 2, 2))},
			arcs:     6, outline: 3, borders: 3, border: []Point{at(1, 0), at(1, 1), at(1, 2), at(2, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo := mustBuild(t, 0, tt.features...)
			if len(topo.Arcs) != tt.arcs {
				t.Errorf("%d arcs, want %d: %v", len(topo.Arcs), tt.arcs, topo.Arcs)
			}
			if n := len(topo.Outline("a")); n != tt.outline {
				t.Errorf("%d outline lines, want %d", n, tt.outline)
			}
			borders := topo.Borders("a")
			if len(borders) != tt.borders {
				t.Errorf("%d borders, want %d", len(borders), tt.borders)
			}
			set := map[Point]bool{}
			for _, l := range borders {
				for _, p := range l {
					set[p] = true
				}
			}
			for _, p := range tt.border {
				if !set[p] {
					t.Errorf("border misses %v", p)
				}
				delete(set, p)
			}
			if len(set) > 0 {
				t.Errorf("border has points it should not: %v", set)
			}
			// Every ring closes, exteriors run counter-clockwise, holes
			// clockwise, and the areas keep their size.
			for i, a := range topo.Layers["a"] {
				if err := topo.checkArea(a); err != nil {
					t.Error(err)
				}
				for _, poly := range topo.Shape(a) {
					for ri, r := range poly {
						if (signedArea(r) > 0) != (ri == 0) {
							t.Errorf("%s ring %d runs the wrong way", a.ID, ri)
						}
					}
				}
				var want float64
				for _, r := range tt.features[i].Polygons[0] {
					want += math.Abs(signedArea(r))
				}
				want -= 2 * holesArea(tt.features[i].Polygons[0])
				if got := areaOf(topo, a); math.Abs(got-want) > 1e-12 {
					t.Errorf("%s: area %g, want %g", a.ID, got, want)
				}
			}
		})
	}
}

func holesArea(p Polygon) float64 {
	var s float64
	for _, r := range p[1:] {
		s += math.Abs(signedArea(r))
	}
	return s
}

func reversed(r []Point) []Point {
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}

func TestDissolve(t *testing.T) {
	tests := []struct {
		name     string
		features []Feature
		group    func(Area) (string, string)
		// per new area: ID, number of polygons, rings, area in units²
		want []dissolved
	}{
		{name: "two squares become a rectangle",
			features: []Feature{feature("L", rect(0, 0, 1, 1)), feature("R", rect(1, 0, 2, 1))},
			group:    func(Area) (string, string) { return "X", "X" },
			want:     []dissolved{{"X", 1, 1, 2}}},
		{name: "an enclave fills its hole",
			features: []Feature{feature("O", rect(0, 0, 3, 3), reversed(rect(1, 1, 2, 2))), feature("I", rect(1, 1, 2, 2))},
			group:    func(Area) (string, string) { return "X", "X" },
			want:     []dissolved{{"X", 1, 1, 9}}},
		{name: "a ring around a hole",
			features: []Feature{feature("W", rect(0, 0, 1, 3)), feature("E", rect(2, 0, 3, 3)),
				feature("S", rect(1, 0, 2, 1)), feature("N", rect(1, 2, 2, 3)), feature("C", rect(1, 1, 2, 2))},
			group: func(a Area) (string, string) {
				if a.ID == "C" {
					return "", ""
				}
				return "X", "X"
			},
			want: []dissolved{{"X", 1, 2, 8}}},
		{name: "two groups, apart",
			features: []Feature{feature("A1", rect(0, 0, 1, 1)), feature("A2", rect(1, 0, 2, 1)),
				feature("B1", rect(5, 0, 6, 1)), feature("B2", rect(5, 1, 6, 2))},
			group: func(a Area) (string, string) { return a.ID[:1], "Group " + a.ID[:1] },
			want:  []dissolved{{"A", 1, 1, 2}, {"B", 1, 1, 2}}},
		{name: "one group in two parts",
			features: []Feature{feature("A1", rect(0, 0, 1, 1)), feature("A2", rect(3, 0, 4, 1))},
			group:    func(Area) (string, string) { return "A", "A" },
			want:     []dissolved{{"A", 2, 2, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo := mustBuild(t, 0, tt.features...)
			if err := topo.Dissolve("a", "b", tt.group); err != nil {
				t.Fatal(err)
			}
			var got []dissolved
			for _, a := range topo.Layers["b"] {
				rings := 0
				for _, p := range a.Polygons {
					rings += len(p)
				}
				got = append(got, dissolved{a.ID, len(a.Polygons), rings, math.Round(areaOf(topo, a)/(u*u)*1e6) / 1e6})
				if err := topo.checkArea(a); err != nil {
					t.Errorf("%s: %v", a.ID, err)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

type dissolved struct {
	ID              string
	Polygons, Rings int
	Area            float64
}

// TestSnapClosesSliver builds the flaw of the VG5000 source: the point J
// where B and T meet is missing from L's border, which passes J at 50 m.
// Without snapping a sliver opens between L and the others: L's border and
// theirs are separate arcs, and their union has a second ring. With a
// snap of 100 m the border is shared and the union is one rectangle.
func TestSnapClosesSliver(t *testing.T) {
	off := 50 / newPlane(51).kx / u // 50 m east, in units
	j := Point{round(13+(1+off)*u, 6), round(51+1*u, 6)}
	l := rect(0, 0, 1, 2)
	b := []Point{at(1, 0), j, at(2, 1), at(2, 0), at(1, 0)}
	top := []Point{j, at(1, 2), at(2, 2), at(2, 1), j}
	for _, tt := range []struct {
		snap  float64
		rings int
	}{{0, 2}, {100, 1}} {
		topo := mustBuild(t, tt.snap, feature("L", l), feature("B", b), feature("T", top))
		if err := topo.Dissolve("a", "all", func(Area) (string, string) { return "X", "X" }); err != nil {
			t.Fatal(err)
		}
		rings := 0
		for _, p := range topo.Layers["all"][0].Polygons {
			rings += len(p)
		}
		if rings != tt.rings {
			t.Errorf("snap %g m: the union has %d rings, want %d", tt.snap, rings, tt.rings)
		}
		if tt.snap > 0 {
			if n := len(topo.Borders("a")); n != 3 {
				t.Errorf("snap %g m: %d borders, want 3", tt.snap, n)
			}
			want := 4 * u * u // the union: a rectangle of 2 × 2 units
			if got := areaOf(topo, topo.Layers["all"][0]); math.Abs(got-want) > 1e-12 {
				t.Errorf("snap %g m: union area %g, want %g", tt.snap, got, want)
			}
		}
	}
}

// TestSimplifyKeepsNeighboursTogether simplifies a wiggly border between
// two areas whose outer border is straight: the wiggles go, both areas
// still run along the same arc, and their total area is what it was (the
// outline did not move).
func TestSimplifyKeepsNeighboursTogether(t *testing.T) {
	var border []Point // from (1, 0) up to (1, 2), wiggling ±0.02 units (±14 m)
	for k := 0; k <= 20; k++ {
		x := 1.0
		if k%2 == 1 {
			x += 0.02
		}
		border = append(border, at(x, float64(k)/10))
	}
	left := append([]Point{at(0, 0), at(0, 2)}, reversed(border)...)
	left = append(left, at(0, 0))
	right := append(slices.Clone(border), at(2, 2), at(2, 0), at(1, 0))
	topo := mustBuild(t, 0, Feature{ID: "L", Polygons: []Polygon{{reversed(left)}}}, Feature{ID: "R", Polygons: []Polygon{{reversed(right)}}})
	before := areaOf(topo, topo.Layers["a"][0]) + areaOf(topo, topo.Layers["a"][1])
	if err := topo.Simplify(50, 6); err != nil {
		t.Fatal(err)
	}
	borders := topo.Borders("a")
	if len(borders) != 1 || len(borders[0]) != 2 {
		t.Fatalf("borders after simplifying: %v, want one straight line", borders)
	}
	after := areaOf(topo, topo.Layers["a"][0]) + areaOf(topo, topo.Layers["a"][1])
	if math.Abs(after-before) > 1e-12 {
		t.Errorf("total area %g after, %g before", after, before)
	}
}

// TestSimplifyAvoidsCrossing has an island B in a notch of A's border.
// Simplified at 300 m the notch (200 m deep) would go and A's border would
// cut through B; Simplify keeps the notch instead. Without B it goes.
func TestSimplifyAvoidsCrossing(t *testing.T) {
	depth := 200 / metresPerDegreeLat / u // units
	notch := at(2, 2-depth)
	a := []Point{at(0, 0), at(0, 2), at(1, 2), notch, at(3, 2), at(4, 2), at(4, 0), at(0, 0)}
	b := []Point{at(1.9, 2-depth/2), at(2, 2+depth/2), at(2.1, 2-depth/2), at(1.9, 2-depth/2)}
	for _, tt := range []struct {
		name      string
		features  []Feature
		keepNotch bool
	}{
		{"island in the notch", []Feature{feature("A", a), feature("B", b)}, true},
		{"no island", []Feature{feature("A", a)}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			topo := mustBuild(t, 0, tt.features...)
			if err := topo.Simplify(300, 6); err != nil {
				t.Fatal(err)
			}
			kept := slices.Contains(topo.Shape(topo.Layers["a"][0])[0][0], notch)
			if kept != tt.keepNotch {
				t.Errorf("notch kept: %v, want %v", kept, tt.keepNotch)
			}
			if c := topo.crossings(); len(c) > 0 {
				t.Errorf("arcs cross: %v", c)
			}
		})
	}
}

func TestLabelPoint(t *testing.T) {
	// A "C" open to the east: its centroid lies in the opening.
	c := Polygon{{at(0, 0), at(3, 0), at(3, 1), at(1, 1), at(1, 2), at(3, 2), at(3, 3), at(0, 3), at(0, 0)}}
	tests := []struct {
		name string
		poly Polygon
		// the label must lie inside, at least minDist metres from the
		// border (the radius of the largest circle that fits, less the
		// 1 % precision)
		minDist float64
	}{
		{"rectangle", Polygon{rect(0, 0, 4, 2)}, 0.99 * 1 * u * metresPerDegreeLon * math.Cos(51.01*math.Pi/180)},
		{"C shape", c, 0.99 * 0.5 * u * metresPerDegreeLon * math.Cos(51.015*math.Pi/180)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := labelPoint(tt.poly)
			if !inPolygon(p, tt.poly) {
				t.Fatalf("label %v outside", p)
			}
			pl := newPlane(p[1])
			x, y := pl.xy(p)
			d := math.Inf(1)
			for _, r := range tt.poly {
				for i := 0; i+1 < len(r); i++ {
					ax, ay := pl.xy(r[i])
					bx, by := pl.xy(r[i+1])
					d = min(d, segmentDistance(x, y, ax, ay, bx, by))
				}
			}
			if d < tt.minDist {
				t.Errorf("label %v is %.0f m from the border, want at least %.0f", p, d, tt.minDist)
			}
		})
	}
}

func TestTopoJSONRoundTrip(t *testing.T) {
	topo := mustBuild(t, 0, feature("L", rect(0, 0, 1, 1)), feature("R", rect(1, 0, 2, 1)), feature("E", rect(5, 5, 6, 6)))
	if err := topo.Dissolve("a", "b", func(a Area) (string, string) { return a.ID[:1], "x" }); err != nil {
		t.Fatal(err)
	}
	topo.SetLabels("a", 4)
	topo.Attribution = "© test"
	var b bytes.Buffer
	if err := topo.WriteTopoJSON(&b, 6); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTopoJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, topo) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, topo)
	}
}

func TestReadTopoJSONErrors(t *testing.T) {
	const tr = `"transform":{"scale":[0.0001,0.0001],"translate":[13,51]}`
	tests := []struct{ name, in, want string }{
		{"not JSON", `{`, "unexpected EOF"},
		{"not a topology", `{"type":"FeatureCollection"}`, `type "FeatureCollection", want Topology`},
		{"no transform", `{"type":"Topology","objects":{},"arcs":[]}`, "no transform"},
		{"short arc", `{"type":"Topology",` + tr + `,"objects":{},"arcs":[[[0,0]]]}`, "arc 0 has 1 points"},
		{"unknown arc", `{"type":"Topology",` + tr + `,"objects":{"a":{"type":"GeometryCollection","geometries":[{"type":"Polygon","id":"X","arcs":[[1]]}]}},"arcs":[[[0,0],[1,0],[0,1],[-1,-1]]]}`, "a X: arc 1 does not exist"},
		{"ring not closed", `{"type":"Topology",` + tr + `,"objects":{"a":{"type":"GeometryCollection","geometries":[{"type":"Polygon","id":"X","arcs":[[0]]}]}},"arcs":[[[0,0],[1,0],[0,1]]]}`, "a X: ring does not join"},
		{"a point", `{"type":"Topology",` + tr + `,"objects":{"a":{"type":"GeometryCollection","geometries":[{"type":"Point","id":"X","arcs":[]}]}},"arcs":[]}`, `unsupported type "Point"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTopoJSON(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadGeoJSON(t *testing.T) {
	const square = `[[[13,51],[13,51.01],[13.01,51.01],[13,51]]]`
	tests := []struct {
		name, in, want string
		features       int
	}{
		{"polygon and multipolygon", `{"type":"FeatureCollection","features":[
			{"properties":{"ags":"1","name":"A"},"geometry":{"type":"Polygon","coordinates":` + square + `}},
			{"properties":{"ags":"2","name":"B"},"geometry":{"type":"MultiPolygon","coordinates":[` + square + `,` + square + `]}}]}`, "", 2},
		{"not a collection", `{"type":"Feature"}`, `type "Feature", want FeatureCollection`, 0},
		{"no id", `{"type":"FeatureCollection","features":[{"properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":` + square + `}}]}`, `feature 0: no text property "ags"`, 0},
		{"a line", `{"type":"FeatureCollection","features":[{"properties":{"ags":"1"},"geometry":{"type":"LineString","coordinates":[[13,51],[14,51]]}}]}`, `feature 1: unsupported geometry "LineString"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := ReadGeoJSON(strings.NewReader(tt.in), "ags", "name")
			if tt.want == "" {
				if err != nil || len(fs) != tt.features || len(fs[1].Polygons) != 2 || fs[0].Name != "A" {
					t.Errorf("got %v, %v", fs, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSegmentsCross(t *testing.T) {
	p := func(x, y float64) Point { return Point{x, y} }
	tests := []struct {
		name       string
		a, b, c, d Point
		want       bool
	}{
		{"X", p(0, 0), p(2, 2), p(0, 2), p(2, 0), true},
		{"apart", p(0, 0), p(1, 0), p(0, 1), p(1, 1), false},
		{"shared end", p(0, 0), p(1, 0), p(1, 0), p(1, 1), false},
		{"shared end, folding back", p(0, 0), p(2, 0), p(2, 0), p(1, 0), true},
		{"T: an end on the other's inside", p(0, 0), p(2, 0), p(1, 0), p(1, 1), true},
		{"collinear, apart", p(0, 0), p(1, 0), p(2, 0), p(3, 0), false},
		{"collinear, overlapping", p(0, 0), p(2, 0), p(1, 0), p(3, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := segmentsCross(tt.a, tt.b, tt.c, tt.d); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := segmentsCross(tt.c, tt.d, tt.a, tt.b); got != tt.want {
				t.Errorf("swapped: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPart keeps three of four municipalities in three districts (M1 and
// M2, M3, M4): the part has only their arcs, its outline runs around the
// three, and the one district border among them is the border between M2
// and M3 — the border between M3 and M4 lies on the outline.
func TestPart(t *testing.T) {
	topo := mustBuild(t, 0, feature("M1", rect(0, 0, 1, 1)), feature("M2", rect(1, 0, 2, 1)),
		feature("M3", rect(2, 0, 3, 1)), feature("M4", rect(3, 0, 4, 1)))
	if err := topo.Dissolve("a", "d", func(a Area) (string, string) {
		switch a.ID {
		case "M1", "M2":
			return "D1", "D1"
		}
		return "D" + a.ID[1:], "D"
	}); err != nil {
		t.Fatal(err)
	}
	p := topo.Part("a", func(a Area) bool { return a.ID != "M4" }, func(a Area) string { return "label " + a.ID }, "d")
	areas := p.Topology.Layers["areas"]
	if len(areas) != 3 || areas[0].Name != "label M1" || len(p.Topology.Layers) != 1 {
		t.Fatalf("areas %+v", areas)
	}
	lines := func(idx []int) (out [][]Point) {
		for _, i := range idx {
			out = append(out, p.Topology.Arcs[i])
		}
		return out
	}
	// Outline: arcs run from junction to junction, and every corner where
	// two squares meet is one: M1's three outer sides are one arc, M2's
	// top and bottom two, M3's bottom, right (its border with M4, left
	// out) and top three.
	if got := lines(p.Outline); len(got) != 6 {
		t.Errorf("outline %v, want 6 arcs", got)
	}
	border := lines(p.Borders)
	if len(border) != 1 || !slices.Contains(border[0], at(2, 0)) || !slices.Contains(border[0], at(2, 1)) {
		t.Errorf("district borders %v, want the line x = 2", border)
	}
	for _, a := range areas {
		if err := p.Topology.checkArea(a); err != nil {
			t.Error(err)
		}
	}
}
