package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/reifegrad/reifegrad/geo"
	"github.com/reifegrad/reifegrad/scoring"
)

// mapName is the name the page registers its boundaries under.
const mapName = "reifegrad-map"

// pageMap is the boundaries one chart draws, as the page script reads
// them from the block #reifegrad-maps: a TopoJSON topology with the layer
// "areas", and the arcs of each lines series of the chart.
type pageMap struct {
	Chart    string           `json:"chart"`
	Topology json.RawMessage  `json:"topology"`
	Lines    map[string][]int `json:"lines"`
}

// mapSection fills the map. Where the units are municipalities of a
// bundled boundary file (package geo), it is a choropleth: districts by
// the median level of their municipalities or, with list_units on and
// municipal boundaries at hand, every municipality by its level. Other
// units with coordinates are drawn as dots (see dotMap).
func (rd *renderer) mapSection(p *overviewPage, units []scoring.UnitResult) {
	topo, mode := boundariesFor(units)
	if topo == nil {
		rd.dotMap(p, units)
		return
	}
	t := rd.t
	var c chart
	var m pageMap
	if mode == geo.Municipalities && rd.o.ListUnits {
		c, m = rd.municipalityMap(topo, units)
	} else {
		c, m = rd.districtMap(topo, units)
	}
	c.Notes = append(c.Notes, t.MapSource)
	p.MapChart = p.add(c)
	p.Maps = map[string]pageMap{mapName: m}
}

// boundariesFor returns the bundled boundaries that hold the units, and
// the finest layer they have: Saxony's municipalities when every unit is
// one of them, else Germany's districts when most units' district codes
// are (a code unknown there is a territorial change since 2021 or not an
// AGS at all: those units are left off and counted). It returns nil when
// the units are not municipalities of Germany.
func boundariesFor(units []scoring.UnitResult) (*geo.Topology, string) {
	if len(units) == 0 {
		return nil, ""
	}
	ids := make([]string, 0, len(units))
	for i := range units {
		if id := units[i].Unit.ID; id.IsAGS() {
			ids = append(ids, string(id))
		}
	}
	if len(ids) < len(units)/2 || len(ids) == 0 {
		return nil, ""
	}
	if t, err := geo.Load("sachsen"); err == nil && coveredBy(t, geo.Municipalities, ids, 8) == len(ids) {
		return t, geo.Municipalities
	}
	if t, err := geo.Load("deutschland"); err == nil && 2*coveredBy(t, geo.Districts, ids, 5) > len(ids) {
		return t, geo.Districts
	}
	return nil, ""
}

// coveredBy counts the ids whose first n characters are an area of layer.
func coveredBy(t *geo.Topology, layer string, ids []string, n int) int {
	areas := map[string]bool{}
	for _, a := range t.Layers[layer] {
		areas[a.ID] = true
	}
	k := 0
	for _, id := range ids {
		if areas[id[:n]] {
			k++
		}
	}
	return k
}

// districtStats is what the map shows of one district.
type districtStats struct {
	name       string // as the units name it (the peer group's name)
	n          int    // participating units
	level      int    // ordinal of the median level; 0 for none
	suppressed bool   // too few units, or hidden so that others cannot be computed
	secondary  bool
}

// districtsOf groups the units by district code (the first five digits of
// the AGS) and works out what the map may show of each: the lower median
// of their levels (a level actually held), unless the district has fewer
// than min_group_size units or the district peer group hides it.
func (rd *renderer) districtsOf(units []scoring.UnitResult) map[string]*districtStats {
	out := map[string]*districtStats{}
	levels := map[string][]int{}
	for i := range units {
		u := &units[i]
		code, ok := u.Unit.ID.District()
		if !ok {
			continue
		}
		d := out[code]
		if d == nil {
			d = &districtStats{name: u.Unit.District}
			out[code] = d
		}
		d.n++
		levels[code] = append(levels[code], u.Level)
	}
	pg := peerGroupByAttribute(rd.r.Model, "district")
	for code, d := range out {
		switch {
		case !rd.shown(d.n):
			d.suppressed = true
		case pg >= 0 && rd.dis.Units(rd.r.Group(units[0].Wave, pg, d.name)) == scoring.Complementary:
			d.suppressed, d.secondary = true, true
		default:
			ls := levels[code]
			slices.Sort(ls)
			d.level = ls[(len(ls)-1)/2]
		}
	}
	return out
}

// districtMap draws every district of the states the units are in,
// coloured by the median level of its units; a suppressed district is
// hatched grey and labelled "•", one without units is left light grey.
// The label of a district carries its level's number, so the level does
// not depend on colour.
func (rd *renderer) districtMap(topo *geo.Topology, units []scoring.UnitResult) (chart, pageMap) {
	t, m := rd.t, rd.r.Model
	stats := rd.districtsOf(units)
	states := map[string]bool{}
	for code := range stats {
		states[code[:2]] = true
	}
	regions := map[string]string{} // district code → region name (tooltip)
	labels := map[string]string{}
	var small, secondary int
	tbl := &dataTable{Head: []string{t.District, t.N, t.MedianLevel}, Num: []bool{false, true, false}}
	for _, a := range topo.Layers[geo.Districts] {
		if !states[a.ID[:2]] {
			continue
		}
		d := stats[a.ID]
		name := a.Name
		switch {
		case d == nil:
			regions[a.ID] = name + ": " + t.MapNoUnits
			labels[a.ID] = name
			continue
		case d.name != "":
			name = d.name
		}
		head := fmt.Sprintf(t.NSizeF, name, t.int(d.n))
		switch {
		case d.suppressed:
			regions[a.ID] = head + ": " + t.Suppressed
			labels[a.ID] = name + " " + t.Suppressed
			tbl.Rows = append(tbl.Rows, []string{name, t.int(d.n), t.Suppressed})
			if d.secondary {
				secondary++
			} else {
				small++
			}
		default:
			l := m.Levels.ByOrdinal(d.level)
			regions[a.ID] = head + ": " + l.Label()
			labels[a.ID] = name + " · " + levelNumber(l)
			tbl.Rows = append(tbl.Rows, []string{name, t.int(d.n), l.Label()})
		}
	}
	slices.SortFunc(tbl.Rows, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	uniqueNames(regions)
	part := topo.Part(geo.Districts, func(a geo.Area) bool { return regions[a.ID] != "" }, func(a geo.Area) string { return regions[a.ID] }, geo.States)
	values := map[string]int{}
	for code, d := range stats {
		if regions[code] == "" {
			continue
		}
		values[code] = d.level
		if d.suppressed {
			values[code] = valueSuppressed
		}
	}
	c, pm := rd.choropleth(part, values, labels, "borders")
	c.Title, c.Table = t.MapDistrictTitle, tbl
	c.Notes = []string{t.MapChoroplethNote}
	if small > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf(t.MapSuppressedF, small, rd.minGroup))
	}
	if secondary > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf(t.MapDistrictSecondaryF, secondary))
	}
	if off := len(units) - coveredUnits(units, regions); off > 0 {
		c.Notes = append(c.Notes, countText(off, t.MapOffOne, t.MapOffF))
	}
	return c, pm
}

// coveredUnits counts the units whose district is drawn.
func coveredUnits(units []scoring.UnitResult, regions map[string]string) int {
	n := 0
	for i := range units {
		if code, ok := units[i].Unit.ID.District(); ok && regions[code] != "" {
			n++
		}
	}
	return n
}

// municipalityMap draws every municipality, coloured by the level of the
// unit that is it (list_units only: it names them), with the districts'
// borders and names over them.
func (rd *renderer) municipalityMap(topo *geo.Topology, units []scoring.UnitResult) (chart, pageMap) {
	t, m := rd.t, rd.r.Model
	byID := map[string]*scoring.UnitResult{}
	for i := range units {
		byID[string(units[i].Unit.ID)] = &units[i]
	}
	regions := map[string]string{}
	values := map[string]int{}
	for _, a := range topo.Layers[geo.Municipalities] {
		u := byID[a.ID]
		if u == nil {
			regions[a.ID] = a.Name + ": " + t.MapNoUnit
			continue
		}
		regions[a.ID] = u.Unit.Name + ": " + m.Levels.ByOrdinal(u.Level).Label()
		values[a.ID] = u.Level
	}
	labels := map[string]string{}
	for _, d := range topo.Layers[geo.Districts] {
		labels[d.ID] = d.Name
	}
	uniqueNames(regions)
	part := topo.Part(geo.Municipalities, func(geo.Area) bool { return true }, func(a geo.Area) string { return regions[a.ID] }, geo.Districts)
	c, pm := rd.choropleth(part, values, nil, "borders")
	// District names at the districts' label points.
	var pts []map[string]any
	for _, d := range topo.Layers[geo.Districts] {
		pts = append(pts, map[string]any{"name": labels[d.ID], "value": []float64{d.Label[0], d.Label[1]}})
	}
	c.Option.(rawOption)["series"] = append(c.Option.(rawOption)["series"].([]any), labelSeries(pts))
	c.Title, c.TableID = t.MapTitle, "units-table"
	c.Notes = []string{t.MapMunicipalNote, t.MapNamesOn}
	return c, pm
}

// uniqueNames makes the region names (by ID) unique, as ECharts matches a
// region and its value by name: a name that two regions have gets their
// IDs added.
func uniqueNames(regions map[string]string) {
	seen := map[string]int{}
	for _, name := range regions {
		seen[name]++
	}
	for id, name := range regions {
		if seen[name] > 1 {
			regions[id] = name + " (" + id + ")"
		}
	}
}

// Region values that are no level.
const (
	valueSuppressed = -1
	valueNoData     = -2
)

// choropleth is the chart of a part: its areas coloured by value (a level
// ordinal, 0 for no level, or valueSuppressed), each also with its level's
// pattern; the areas without a value light grey; the borders of the
// coarser layer and the outline drawn over them; labels, by area ID, at
// the areas' label points. The lines are filled in by the page script from
// the topology (see pageMap), so the arcs are sent once.
func (rd *renderer) choropleth(part geo.Part, values map[string]int, labels map[string]string, borders string) (chart, pageMap) {
	t, m := rd.t, rd.r.Model
	areas := part.Topology.Layers["areas"]
	var data []map[string]any
	var pts []map[string]any
	lon0, lon1, lat0, lat1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, arc := range part.Topology.Arcs {
		for _, p := range arc {
			lon0, lon1, lat0, lat1 = min(lon0, p[0]), max(lon1, p[0]), min(lat0, p[1]), max(lat1, p[1])
		}
	}
	for _, a := range areas {
		if l, ok := labels[a.ID]; ok {
			pts = append(pts, map[string]any{"name": l, "value": []float64{a.Label[0], a.Label[1]}})
		}
		v, ok := values[a.ID]
		if !ok {
			continue
		}
		colour, pat := rd.levelColour(v), levelPattern(v)
		if v == valueSuppressed {
			colour, pat = suppressedColour, hatch
		}
		data = append(data, map[string]any{"name": a.Name, "value": v, "itemStyle": map[string]any{"decal": decal(pat, inkOn(colour))}})
	}
	pieces := []map[string]any{}
	var legend []legendItem
	for _, l := range m.Levels.List {
		pieces = append(pieces, map[string]any{"value": l.Ordinal, "color": rd.levelColour(l.Ordinal)})
		legend = append(legend, legendItem{Colour: rd.levelColour(l.Ordinal), Label: l.Label(), Pattern: levelPattern(l.Ordinal).Class()})
	}
	pieces = append(pieces, map[string]any{"value": 0, "color": noLevelColour},
		map[string]any{"value": valueSuppressed, "color": suppressedColour})
	legend = append(legend, legendItem{Colour: noLevelColour, Label: t.NoLevel},
		legendItem{Colour: suppressedColour, Label: t.Suppressed + " " + t.SuppressedShort, Pattern: hatch.Class()},
		legendItem{Colour: noDataColour, Label: t.MapNoData})
	midLat := (lat0 + lat1) / 2
	aspect := math.Cos(midLat*math.Pi/180) * (lon1 - lon0) / (lat1 - lat0)
	lines := func(id string, width float64, colour string) map[string]any {
		return map[string]any{"type": "lines", "id": id, "coordinateSystem": "geo", "polyline": true, "silent": true,
			"lineStyle": map[string]any{"color": colour, "width": width, "opacity": 1}, "data": []any{}, "z": 3}
	}
	series := []any{
		map[string]any{"type": "map", "geoIndex": 0, "data": data},
		lines(borders, 1.2, "#3d4853"),
		lines("outline", 2, inkColour),
	}
	if len(pts) > 0 {
		series = append(series, labelSeries(pts))
	}
	o := rawOption{
		"tooltip": map[string]any{"show": true, "trigger": "item", "formatter": "{b}"},
		"geo": map[string]any{"map": mapName, "roam": false, "aspectScale": round(math.Cos(midLat*math.Pi/180), 4),
			"left": 0, "right": 0, "top": 2, "bottom": 2,
			"itemStyle": map[string]any{"areaColor": noDataColour, "borderColor": "#ffffff", "borderWidth": 0.5},
			"emphasis":  map[string]any{"label": map[string]any{"show": false}, "itemStyle": map[string]any{"borderColor": inkColour, "borderWidth": 1}},
			"select":    map[string]any{"disabled": true},
			"label":     map[string]any{"show": false}},
		"visualMap": map[string]any{"type": "piecewise", "show": false, "seriesIndex": 0, "pieces": pieces},
		"series":    series,
		// On a phone the names at the state's edge would reach beyond the
		// screen: the map leaves them room. (The printed map is wider, and
		// its height follows its width: height 0.)
		"media": []any{map[string]any{"query": phoneQuery(0), "option": map[string]any{"geo": map[string]any{"left": 16, "right": 16}}}},
	}
	var b bytes.Buffer
	if err := part.Topology.WriteTopoJSON(&b, 4); err != nil {
		panic(err) // writes to memory; the topology came from a file that read
	}
	pm := pageMap{Chart: "overview-map", Topology: b.Bytes(), Lines: map[string][]int{borders: part.Borders, "outline": part.Outline}}
	// The map's own box keeps its shape: a little wider than the area for
	// the labels that reach beyond it.
	return chart{ID: "overview-map", Option: o, Aspect: round(aspect*1.04, 3), Legend: legend}, pm
}

// labelSeries writes names at points of the map, hiding those that would
// overlap.
func labelSeries(pts []map[string]any) map[string]any {
	return map[string]any{"type": "scatter", "coordinateSystem": "geo", "symbolSize": 0, "silent": true, "z": 4,
		"tooltip": map[string]any{"show": false}, "data": pts,
		"label": map[string]any{"show": true, "formatter": "{b}", "position": "inside", "color": inkColour, "fontSize": 11,
			"textBorderColor": "#ffffff", "textBorderWidth": 2.5},
		"labelLayout": map[string]any{"hideOverlap": true}}
}

// levelNumber is a level's number as the model numbers it ("3"), or "–"
// for no level.
func levelNumber(l scoring.Level) string {
	if l.Ordinal == 0 {
		return "–"
	}
	return fmt.Sprint(l.Number)
}

// Colours of areas that show no level: suppressed (hatched over it) and
// without data.
const (
	suppressedColour = "#c9ced5"
	noDataColour     = "#eef0f3"
)

// dotMap draws units that are no municipalities of a bundled boundary file
// but have coordinates (see mapSection). With list_units on, every unit is a dot
// coloured by its level. Otherwise a dot at a unit's own coordinates would
// name it as surely as a label (everyone knows where Dresden is), so the
// map shows districts instead: one dot per district at the centre of its
// participating units, coloured by their median level and sized by their
// number, and only for districts of at least min_group_size units whose
// figures the district peer group, if the model has one, shows (see
// disclosure).
func (rd *renderer) dotMap(p *overviewPage, units []scoring.UnitResult) {
	t, m := rd.t, rd.r.Model
	layers := make([]mapLayer, len(m.Levels.List)+1)
	for i := range layers {
		layers[i] = mapLayer{Name: m.Levels.ByOrdinal(i).String(), Colour: rd.levelColour(i)}
	}
	layers[0].Name = t.NoLevel
	var notes []string
	located, missing := 0, 0
	if rd.o.ListUnits {
		for i := range units {
			u := &units[i]
			if !u.Unit.HasLocation {
				missing++
				continue
			}
			layers[u.Level].Points = append(layers[u.Level].Points, mapPoint{Lon: u.Unit.Lon, Lat: u.Unit.Lat, Name: u.Unit.Name})
			located++
		}
		notes = []string{t.MapNote, t.MapNamesOn}
	} else {
		var small, secondary int
		located, missing, small, secondary = rd.districtPoints(units, layers)
		notes = []string{t.MapDistrictNote}
		if small > 0 {
			notes = append(notes, fmt.Sprintf(t.MapDistrictHiddenF, small, rd.minGroup))
		}
		if secondary > 0 {
			notes = append(notes, fmt.Sprintf(t.MapDistrictSecondaryF, secondary))
		}
	}
	if located == 0 {
		return
	}
	// Levels first, units without a level last; empty layers stay in the
	// legend only if they are levels.
	ordered := slices.Clone(layers[1:])
	if len(layers[0].Points) > 0 {
		ordered = append(ordered, layers[0])
	}
	c := mapChart("overview-map", ordered, true)
	c.Title = t.MapTitle
	if !rd.o.ListUnits {
		c.Title = t.MapDistrictTitle
	}
	if missing > 0 {
		notes = append(notes, countText(missing, t.MapMissingOne, t.MapMissingF))
	}
	c.Notes = notes
	p.MapChart = p.add(c)
}

// districtPoints adds one point per district with at least minGroup
// located units to the layer of the district's median level. It returns
// how many units were drawn (inside districts), how many had no
// coordinates, how many districts were too small to show, and how many
// were hidden by secondary suppression.
func (rd *renderer) districtPoints(units []scoring.UnitResult, layers []mapLayer) (located, missing, small, secondary int) {
	type district struct {
		lon, lat float64
		levels   []int
	}
	byName := map[string]*district{}
	var names []string
	for i := range units {
		u := &units[i]
		if !u.Unit.HasLocation {
			missing++
			continue
		}
		if u.Unit.District == "" {
			continue // no district to draw it in: a dot of such units would be a group no table shows
		}
		d := byName[u.Unit.District]
		if d == nil {
			d = &district{}
			byName[u.Unit.District] = d
			names = append(names, u.Unit.District)
		}
		d.lon += u.Unit.Lon
		d.lat += u.Unit.Lat
		d.levels = append(d.levels, u.Level)
	}
	slices.Sort(names)
	pg := peerGroupByAttribute(rd.r.Model, "district")
	for _, name := range names {
		d := byName[name]
		n := len(d.levels)
		if !rd.shown(n) {
			small++
			continue
		}
		if pg >= 0 && len(units) > 0 && rd.dis.Units(rd.r.Group(units[0].Wave, pg, name)) == scoring.Complementary {
			secondary++
			continue
		}
		slices.Sort(d.levels)
		level := d.levels[(n-1)/2] // the lower median: a level actually held
		label := fmt.Sprintf(rd.t.NSizeF, name, rd.t.int(n))
		layers[level].Points = append(layers[level].Points, mapPoint{Lon: d.lon / float64(n), Lat: d.lat / float64(n),
			Name: label, Size: districtDotSize(n)})
		located += n
	}
	return located, missing, small, secondary
}

// districtDotSize makes a dot's area grow with the number of units.
func districtDotSize(n int) int { return int(math.Round(6 + 3*math.Sqrt(float64(n)))) }

// countText is one for a count of 1 ("Eine Kommune liegt …"), else many
// with the count ("3 Kommunen liegen …").
func countText(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
