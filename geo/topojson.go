package geo

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// topoFile is the TopoJSON form of a Topology: quantised, delta-encoded
// arcs and one GeometryCollection per layer.
type topoFile struct {
	Type        string                    `json:"type"`
	Attribution string                    `json:"attribution,omitempty"`
	Transform   *topoTransform            `json:"transform"`
	Objects     map[string]topoCollection `json:"objects"`
	Arcs        [][][2]int64              `json:"arcs"`
}

type topoTransform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type topoCollection struct {
	Type       string         `json:"type"`
	Geometries []topoGeometry `json:"geometries"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Properties topoProperties  `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
}

type topoProperties struct {
	Name  string `json:"name"`
	Label Point  `json:"label"`
}

// WriteTopoJSON writes t as a TopoJSON topology whose coordinates are
// quantised to decimals places (a transform with scale 10^-decimals) and
// delta-encoded, as the TopoJSON specification describes: positions
// already rounded to decimals places come back exactly. Each geometry
// and each arc is on a line of its own, so that a changed border shows
// as a changed line in a diff.
func (t *Topology) WriteTopoJSON(w io.Writer, decimals int) error {
	scale := math.Pow10(-decimals)
	west, south := math.Inf(1), math.Inf(1)
	for _, a := range t.Arcs {
		for _, p := range a {
			west, south = min(west, p[0]), min(south, p[1])
		}
	}
	if len(t.Arcs) == 0 {
		west, south = 0, 0
	}
	west, south = math.Floor(west/scale)*scale, math.Floor(south/scale)*scale
	west, south = round(west, decimals), round(south, decimals)
	bw := bufio.NewWriter(w)
	var werr error
	line := func(v any, last bool) {
		b, err := json.Marshal(v)
		if err != nil && werr == nil {
			werr = err
		}
		bw.Write(b)
		if !last {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	attr, _ := json.Marshal(t.Attribution)
	tr, _ := json.Marshal(topoTransform{Scale: [2]float64{scale, scale}, Translate: [2]float64{west, south}})
	fmt.Fprintf(bw, "{\"type\":\"Topology\",\n\"attribution\":%s,\n\"transform\":%s,\n\"objects\":{\n", attr, tr)
	layers := slices.Sorted(maps.Keys(t.Layers))
	for li, name := range layers {
		key, _ := json.Marshal(name)
		fmt.Fprintf(bw, "%s:{\"type\":\"GeometryCollection\",\"geometries\":[\n", key)
		areas := t.Layers[name]
		for ai, a := range areas {
			g := topoGeometry{Type: "MultiPolygon", ID: a.ID, Properties: topoProperties{Name: a.Name, Label: a.Label}}
			var err error
			if len(a.Polygons) == 1 {
				g.Type = "Polygon"
				g.Arcs, err = json.Marshal(a.Polygons[0])
			} else {
				g.Arcs, err = json.Marshal(a.Polygons)
			}
			if err != nil {
				return err
			}
			line(g, ai == len(areas)-1)
		}
		bw.WriteString("]}")
		if li < len(layers)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("},\n\"arcs\":[\n")
	for i, a := range t.Arcs {
		q := make([][2]int64, len(a))
		var x0, y0 int64
		for k, p := range a {
			x, y := int64(math.Round((p[0]-west)/scale)), int64(math.Round((p[1]-south)/scale))
			q[k] = [2]int64{x - x0, y - y0}
			x0, y0 = x, y
		}
		line(q, i == len(t.Arcs)-1)
	}
	bw.WriteString("]}\n")
	if werr != nil {
		return werr
	}
	return bw.Flush()
}

// ReadTopoJSON reads a topology as WriteTopoJSON writes it: quantised
// arcs, Polygon and MultiPolygon geometries with an id, a name and a label
// point. Positions are rounded to the decimals of the transform's scale.
// It checks that every arc reference exists and that every ring closes.
func ReadTopoJSON(r io.Reader) (*Topology, error) {
	var f topoFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if f.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type %q, want Topology", f.Type)
	}
	if f.Transform == nil || f.Transform.Scale[0] <= 0 || f.Transform.Scale[1] <= 0 {
		return nil, errors.New("topojson: no transform (only quantised topologies are read)")
	}
	tr := f.Transform
	decimals := max(0, int(math.Ceil(-math.Log10(min(tr.Scale[0], tr.Scale[1]))-1e-9)))
	t := &Topology{Attribution: f.Attribution, Arcs: make([][]Point, len(f.Arcs)), Layers: map[string][]Area{}}
	for i, q := range f.Arcs {
		if len(q) < 2 {
			return nil, fmt.Errorf("topojson: arc %d has %d points", i, len(q))
		}
		a := make([]Point, len(q))
		var x, y int64
		for k, d := range q {
			x, y = x+d[0], y+d[1]
			a[k] = Point{round(float64(x)*tr.Scale[0]+tr.Translate[0], decimals), round(float64(y)*tr.Scale[1]+tr.Translate[1], decimals)}
		}
		t.Arcs[i] = a
	}
	for name, c := range f.Objects {
		areas := make([]Area, len(c.Geometries))
		for i, g := range c.Geometries {
			a := Area{ID: g.ID, Name: g.Properties.Name, Label: g.Properties.Label}
			var err error
			switch g.Type {
			case "Polygon":
				var p [][]int
				err = json.Unmarshal(g.Arcs, &p)
				a.Polygons = [][][]int{p}
			case "MultiPolygon":
				err = json.Unmarshal(g.Arcs, &a.Polygons)
			default:
				err = fmt.Errorf("unsupported type %q", g.Type)
			}
			if err == nil {
				err = t.checkArea(a)
			}
			if err != nil {
				return nil, fmt.Errorf("topojson: %s %s: %w", name, g.ID, err)
			}
			areas[i] = a
		}
		t.Layers[name] = areas
	}
	return t, nil
}

// checkArea checks that an area's references name arcs of t and that
// each ring's arcs join end to start and close.
func (t *Topology) checkArea(a Area) error {
	if len(a.Polygons) == 0 {
		return errors.New("no polygon")
	}
	for _, poly := range a.Polygons {
		if len(poly) == 0 {
			return errors.New("a polygon without rings")
		}
		for _, ring := range poly {
			if len(ring) == 0 {
				return errors.New("an empty ring")
			}
			for _, ref := range ring {
				if i, _ := arcOf(ref); i >= len(t.Arcs) {
					return fmt.Errorf("arc %d does not exist", i)
				}
			}
			for k, ref := range ring {
				_, end := t.ends(ref)
				next, _ := t.ends(ring[(k+1)%len(ring)])
				if end != next {
					return fmt.Errorf("ring does not join at %v", end)
				}
			}
		}
	}
	return nil
}
