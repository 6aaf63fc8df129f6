package reports_test

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/xlsx"
	"github.com/reifegrad/reifegrad/scoring"
)

// The confidentiality test renders every output (overview, every profile,
// the workbook, both CSVs) and reads back every figure that aggregates
// units, knowing nothing of how the reports decide what to hide. Each
// figure covers a set of units: a group's units, or those of them scored
// on a node. Additive figures (a mean with its n, a count, a share of a
// known n) give the sum of some value over their set, so any linear
// combination of them is known too; the test looks for a combination that
// is the sum over fewer than min_group_size units. Other figures (medians,
// quartiles, percentiles, the map's districts) must cover enough units
// themselves.

// auditFigure is one aggregate read from an output.
type auditFigure struct {
	where    string // output and place, for messages
	wave     scoring.WaveID
	measure  int   // -1: over units (counts, level shares); else a node index
	units    []int // indices into the wave's units, ascending
	additive bool
	// sum is the total the figure tells over its units (n × mean, a
	// count), NaN when not additive or not read; tol is its rounding.
	sum, tol float64
	// key names the group, to compare outputs with each other.
	key auditKey
}

// auditKey names a group's figure: wave, peer group (-1 for all units),
// group and measure.
type auditKey struct {
	wave    scoring.WaveID
	pg      int
	group   string
	measure int
}

// auditor collects the figures of one run.
type auditor struct {
	t   *testing.T
	r   *scoring.Results
	o   html.Options
	min int
	// wave index by ID and label
	waveIndex map[scoring.WaveID]int
	waveByLbl map[string]scoring.WaveID
	figures   []auditFigure
	// published figures per output kind, to compare outputs
	shown map[string]map[auditKey]bool
	panel *panelFigure
}

func newAuditor(t *testing.T, r *scoring.Results, o html.Options) *auditor {
	a := &auditor{t: t, r: r, o: o, min: o.MinGroupSize, waveIndex: map[scoring.WaveID]int{},
		waveByLbl: map[string]scoring.WaveID{}, shown: map[string]map[auditKey]bool{}}
	for i, w := range r.Waves {
		a.waveIndex[w.ID] = i
		a.waveByLbl[w.Label] = w.ID
	}
	return a
}

// groupOf is unit u's group under peer group pg (-1: the wave), read from
// the unit's own attributes.
func (a *auditor) groupOf(pg int, u *scoring.UnitResult) string {
	if pg < 0 {
		return ""
	}
	if attr := a.r.Model.PeerGroups[pg].Attribute; attr != "size_class" {
		return u.Unit.Attr(attr)
	} else if v := u.Unit.Attrs["size_class"]; v != "" {
		return v
	}
	return u.SizeClass
}

// scored reports whether unit u counts for a measure.
func scored(u *scoring.UnitResult, measure int) bool {
	return measure < 0 || u.Nodes.At(measure).Scored()
}

// members returns the units of a group of a wave that count for measure.
func (a *auditor) members(wave scoring.WaveID, pg int, group string, measure int) []int {
	var out []int
	for i, u := range a.r.WaveUnits(a.waveIndex[wave]) {
		if a.groupOf(pg, &u) == group && scored(&u, measure) {
			out = append(out, i)
		}
	}
	return out
}

// sumOf is the true total of a measure over units of a wave: the number of
// units for -1, else the sum of the node's scores.
func (a *auditor) sumOf(wave scoring.WaveID, measure int, units []int) float64 {
	us := a.r.WaveUnits(a.waveIndex[wave])
	s := 0.0
	for _, i := range units {
		if measure < 0 {
			s++
		} else {
			s += us[i].Nodes.At(measure).Score
		}
	}
	return s
}

// add records a figure of group (wave, pg, group) on measure, read in
// output kind where.
func (a *auditor) add(kind, where string, k auditKey, additive bool, sum, tol float64) {
	units := a.members(k.wave, k.pg, k.group, k.measure)
	a.addSet(kind, auditFigure{where: kind + ": " + where, wave: k.wave, measure: k.measure, units: units,
		additive: additive, sum: sum, tol: tol, key: k})
}

func (a *auditor) addSet(kind string, f auditFigure) {
	a.figures = append(a.figures, f)
	if a.shown[kind] == nil {
		a.shown[kind] = map[auditKey]bool{}
	}
	a.shown[kind][f.key] = true
}

// nodeByName maps the labels outputs give nodes to node indices.
func (a *auditor) nodeByName(name string) int {
	m := a.r.Model
	if name == "Gesamtwert" || name == "Overall score" {
		return 0
	}
	for _, d := range m.Dimensions() {
		if d.Name == name {
			return d.Index
		}
	}
	a.t.Fatalf("no dimension %q", name)
	return -1
}

func (a *auditor) peerGroupByName(name string) int {
	for i, p := range a.r.Model.PeerGroups {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// splitN splits "label (n = 12)" or "label (n = 12) •" into label and n.
var nLabel = regexp.MustCompile(`^(.*) \(n = (\d+)\)( •)?$`)

func splitN(tb testing.TB, s string) (label string, n int, hidden bool) {
	tb.Helper()
	m := nLabel.FindStringSubmatch(s)
	if m == nil {
		tb.Fatalf("label %q has no (n = …)", s)
	}
	n, _ = strconv.Atoi(m[2])
	return m[1], n, m[3] != ""
}

// number reads a chart value: a number, or "-" for a gap.
func number(v any) (float64, bool) {
	if m, ok := v.(map[string]any); ok {
		v = m["value"]
	}
	f, ok := v.(float64)
	return f, ok
}

// charts decodes the chart block of a page.
func charts(tb testing.TB, page []byte) map[string]map[string]any {
	tb.Helper()
	m := fixture.ChartBlock.FindSubmatch(page)
	if m == nil {
		return nil
	}
	var out map[string]map[string]any
	if err := json.Unmarshal(m[1], &out); err != nil {
		tb.Fatal(err)
	}
	return out
}

// axisData returns the categories of a chart's axis (an object, or a
// list of one).
func axisData(c map[string]any, axis string) []any {
	a := c[axis]
	if l, ok := a.([]any); ok {
		a = l[0]
	}
	return a.(map[string]any)["data"].([]any)
}

// readOverview reads the overview: heatmap cells, level shares per size
// class, the map's districts, the box plot and the note on the panel.
func (a *auditor) readOverview(page []byte) {
	t, r := a.t, a.r
	latest := r.Waves[r.Latest()].ID
	cs := charts(t, page)
	if h, ok := cs["overview-heatmap"]; ok {
		pg := peerGroupByAttr(r.Model, "district")
		cols, rows := axisData(h, "xAxis"), axisData(h, "yAxis")
		for _, s := range h["series"].([]any) {
			for _, d := range s.(map[string]any)["data"].([]any) {
				v := d.(map[string]any)["value"].([]any)
				mean, ok := v[2].(float64)
				if !ok || strings.HasSuffix(d.(map[string]any)["name"].(string), "•") {
					continue
				}
				c, row := int(v[0].(float64)), int(v[1].(float64))
				label, _, _ := splitN(t, rows[row].(string))
				k := auditKey{latest, pg, label, a.nodeByName(cols[c].(string))}
				if row == 0 {
					k.pg, k.group = -1, ""
				}
				n := float64(len(a.members(k.wave, k.pg, k.group, k.measure)))
				a.add("heatmap", fmt.Sprintf("%s × %s", rows[row], cols[c]), k, true, mean*n, 0.05*n)
			}
		}
	}
	if c, ok := cs["overview-levels-by-size"]; ok {
		pg := peerGroupByAttr(r.Model, "size_class")
		cats := axisData(c, "yAxis")
		for i, cat := range cats {
			label, n, hidden := splitN(t, cat.(string))
			published := false
			for _, s := range c["series"].([]any) {
				if _, ok := number(s.(map[string]any)["data"].([]any)[i]); ok {
					published = true
				}
			}
			if published == hidden {
				t.Errorf("size chart: %q is marked hidden %v but has shares %v", cat, hidden, published)
			}
			if !published {
				continue
			}
			k := auditKey{latest, pg, label, -1}
			if got := len(a.members(k.wave, pg, label, -1)); got != n {
				t.Errorf("size chart: %q has %d units", cat, got)
			}
			// Each level's share × n is a count over the class; the sum
			// read is the number of units, the level counts being further
			// sums over the same set.
			a.add("size chart", cat.(string), k, true, float64(n), 0.5)
		}
	}
	if c, ok := cs["overview-map"]; ok && !a.o.ListUnits {
		// The regions of the choropleth: "District (n = 12): 3 Level",
		// value the median level, or -1 where the district is hatched.
		for _, s := range c["series"].([]any) {
			if s.(map[string]any)["type"] != "map" {
				continue
			}
			for _, d := range s.(map[string]any)["data"].([]any) {
				head, _, _ := strings.Cut(d.(map[string]any)["name"].(string), ": ")
				name, n, _ := splitN(t, head)
				var units []int
				for i, u := range r.WaveUnits(r.Latest()) {
					if u.Unit.District == name {
						units = append(units, i)
					}
				}
				if len(units) != n {
					t.Errorf("map: %q drawn with n = %d, has %d units", name, n, len(units))
				}
				if v, _ := number(d); v < 0 {
					continue // hatched: no figure of the group
				}
				a.addSet("map", auditFigure{where: "map: " + name, wave: latest, measure: -1, units: units,
					key: auditKey{latest, peerGroupByAttr(r.Model, "district"), name, -1}})
			}
		}
	}
	if c, ok := cs["overview-boxplot"]; ok {
		a.checkWhiskers(c)
	}
	a.readPanel(page)
}

func peerGroupByAttr(m *scoring.Model, attr string) int {
	for i, p := range m.PeerGroups {
		if p.Attribute == attr {
			return i
		}
	}
	return -1
}

// checkWhiskers checks that the box plot (all units of the latest wave)
// does not draw the lowest or highest score of a dimension where a single
// unit holds it: its whiskers must each be reached or passed by at least
// two units.
func (a *auditor) checkWhiskers(c map[string]any) {
	cats := axisData(c, "yAxis")
	data := c["series"].([]any)[0].(map[string]any)["data"].([]any)
	units := a.r.WaveUnits(a.r.Latest())
	for i, cat := range cats {
		v := data[i].(map[string]any)["value"].([]any)
		if len(v) == 0 {
			continue
		}
		node := a.nodeByName(cat.(string))
		lo, hi := v[0].(float64), v[4].(float64)
		below, above := 0, 0
		for _, u := range units {
			if s := u.Nodes.At(node); s.Scored() {
				x := math.Round(s.Score*10) / 10 // as the chart rounds
				if x <= lo {
					below++
				}
				if x >= hi {
					above++
				}
			}
		}
		if below < 2 || above < 2 {
			a.t.Errorf("box plot %s: whiskers %v–%v are a single unit's score (%d units at or below, %d at or above)", cat, lo, hi, below, above)
		}
	}
}

var panelNote = regexp.MustCompile(`(?:Die|The) (\d+) (?:Kommunen|municipalities), (?:die an beiden Wellen teilgenommen haben, haben ihren Gesamtwert im Mittel um|that took part in both waves changed their overall score by) ([±+−]?[0-9.,]+) (?:Punkte|points)`)

// readPanel records the mean change of the units in both waves: with the
// means of both waves it tells the sum over the units that joined minus
// that over the units that left, so each must be none or enough.
func (a *auditor) readPanel(page []byte) {
	m := panelNote.FindSubmatch([]byte(stdhtml.UnescapeString(string(page))))
	r := a.r
	if m == nil || len(r.Waves) < 2 {
		return
	}
	wi := r.Latest()
	n, _ := strconv.Atoi(string(m[1]))
	num := strings.NewReplacer("±", "", "+", "", "−", "-", ".", "", ",", ".").Replace(string(m[2]))
	if a.o.Language == scoring.English {
		num = strings.NewReplacer("±", "", "+", "", "−", "-", ",", "").Replace(string(m[2]))
	}
	delta, err := strconv.ParseFloat(num, 64)
	if err != nil {
		a.t.Fatalf("panel note: change %q: %v", m[2], err)
	}
	inBoth := map[scoring.UnitID]bool{}
	var joined, left []int
	for i, u := range r.WaveUnits(wi) {
		if !u.Overall().Scored() {
			continue
		}
		if p := r.Previous(&u); p != nil && p.Overall().Scored() {
			inBoth[u.Unit.ID] = true
		} else {
			joined = append(joined, i)
		}
	}
	for i, u := range r.WaveUnits(wi - 1) {
		if u.Overall().Scored() && !inBoth[u.Unit.ID] {
			left = append(left, i)
		}
	}
	if n != len(inBoth) {
		a.t.Errorf("panel note: %d units in both waves, want %d", n, len(inBoth))
	}
	a.panel = &panelFigure{n: n, delta: delta, joined: joined, left: left}
}

// panelFigure is the mean change read from the overview.
type panelFigure struct {
	n            int
	delta        float64
	joined, left []int // indices into the units of the latest wave and the one before
}

// checkPanel computes, from the means of the last two waves read from
// Gruppen and the mean change, the sum over the units that joined minus
// that over those that left; it must be that (or the figures were
// misread), and each of the two sets must be none or enough.
func (a *auditor) checkPanel(rows []groupRow) {
	p, r := a.panel, a.r
	if p == nil {
		return
	}
	wi := r.Latest()
	now, before := r.Waves[wi].ID, r.Waves[wi-1].ID
	var sums [2]float64
	for _, g := range rows {
		mean, ok := g.means[0]
		if g.pg >= 0 || !ok {
			continue
		}
		n := float64(len(a.members(g.wave, -1, "", 0)))
		switch g.wave {
		case now:
			sums[0] = mean * n
		case before:
			sums[1] = mean * n
		}
	}
	implied := sums[0] - sums[1] - float64(p.n)*p.delta
	want := a.sumOf(now, 0, p.joined) - a.sumOf(before, 0, p.left)
	if math.Abs(implied-want) > 0.05*float64(p.n)+1e-6 {
		a.t.Errorf("panel: the means and the mean change give %v for the joined minus the left units, their true sums %v: misread", implied, want)
	}
	if len(p.joined) > 0 && len(p.joined) < a.min || len(p.left) > 0 && len(p.left) < a.min {
		a.t.Errorf("overview: the mean change of the %d units in both waves gives the sum over %s minus that over %s (fewer than %d)",
			p.n, a.names(now, p.joined), a.names(before, p.left), a.min)
	}
	if p.n < a.min {
		a.t.Errorf("overview: the mean change of %d units is shown (fewer than %d)", p.n, a.min)
	}
}

var figureDiv = regexp.MustCompile(`<div class="label">([^<]*)</div><div class="value">([^<]*)</div>`)

// readProfile reads a profile's peer-group medians and its percentiles.
func (a *auditor) readProfile(name string, page []byte, u *scoring.UnitResult) {
	m := a.r.Model
	pg := peerGroupIndex(m, a.o.PeerGroup)
	if pg < 0 {
		return
	}
	group := a.groupOf(pg, u)
	prefix := "Median der Vergleichsgruppe ("
	if a.o.Language == scoring.English {
		prefix = "Peer-group median ("
	}
	for _, values := range seriesByPrefix(charts(a.t, page)["profile-compare"], prefix) {
		for i, v := range values {
			if _, ok := number(v); ok {
				d := m.Dimensions()[i]
				a.add("profile", fmt.Sprintf("%s peer median %s", name, d.Name), auditKey{u.Wave, pg, group, d.Index}, false, math.NaN(), 0)
			}
		}
	}
	for _, f := range figureDiv.FindAllSubmatch(page, -1) {
		label, value := stdhtml.UnescapeString(string(f[1])), stdhtml.UnescapeString(string(f[2]))
		if value == "•" || value == "–" || !strings.HasSuffix(value, "%") {
			continue
		}
		switch {
		case strings.HasPrefix(label, "Vergleich mit allen") || strings.HasPrefix(label, "Compared with all"):
			a.add("profile", name+" "+label, auditKey{u.Wave, -1, "", 0}, false, math.NaN(), 0)
		case strings.HasPrefix(label, "Vergleich: ") || strings.HasPrefix(label, "Compared: "):
			a.add("profile", name+" "+label, auditKey{u.Wave, pg, group, 0}, false, math.NaN(), 0)
		}
	}
}

// peerGroupIndex is the peer group profiles compare with, as documented
// for Options.PeerGroup.
func peerGroupIndex(m *scoring.Model, id scoring.PeerGroupID) int {
	want := id
	if want == "" {
		want = "groessenklasse"
	}
	for i, p := range m.PeerGroups {
		if p.ID == want {
			return i
		}
	}
	if len(m.PeerGroups) > 0 && id == "" {
		return 0
	}
	return -1
}

// seriesByPrefix returns the values of every series (bar or radar) whose
// name starts with prefix.
func seriesByPrefix(c map[string]any, prefix string) [][]any {
	var out [][]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if name, ok := x["name"].(string); ok && strings.HasPrefix(name, prefix) {
				if vs, ok := x["value"].([]any); ok {
					out = append(out, vs)
					return
				}
				if vs, ok := x["data"].([]any); ok {
					out = append(out, vs)
					return
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(c["series"])
	return out
}

// readWorkbook reads the Gruppen sheet (every group's n, number scored,
// mean, median, quartiles and dimension means) and the percentiles of
// Ergebnisse, and returns the Gruppen rows for the remainder check.
func (a *auditor) readWorkbook(b []byte) []groupRow {
	t := a.t
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := excelize.Options{RawCellValue: true}
	rows, err := f.GetRows("Gruppen", raw)
	if err != nil {
		t.Fatal(err)
	}
	h := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Welle" })
	if h < 0 {
		t.Fatal("Gruppen: no header")
	}
	head := rows[h]
	var out []groupRow
	for _, row := range rows[h+1:] {
		cell := func(col string) string {
			if i := slices.Index(head, col); i >= 0 && i < len(row) {
				return row[i]
			}
			return ""
		}
		wave := a.waveByLbl[row[0]]
		pg := a.peerGroupByName(row[1])
		group := row[2]
		if pg < 0 {
			group = ""
		}
		gr := groupRow{wave: wave, pg: pg, group: group, means: map[int]float64{}}
		where := fmt.Sprintf("%s %s %s", row[0], row[1], row[2])
		if _, err := strconv.ParseFloat(cell("bewertet (n)"), 64); err == nil {
			a.add("Gruppen", where+" bewertet", auditKey{wave, pg, group, -1}, true, math.NaN(), 0)
		}
		for _, col := range head[5:] {
			v, err := strconv.ParseFloat(cell(col), 64)
			if err != nil {
				continue // "•"
			}
			node := 0
			if d, ok := strings.CutPrefix(col, "Ø "); ok {
				node = a.nodeByName(d)
			}
			k := auditKey{wave, pg, group, node}
			additive := col == "Mittelwert" || strings.HasPrefix(col, "Ø ")
			if additive {
				gr.means[node] = v
				n := float64(len(a.members(wave, pg, group, node)))
				a.add("Gruppen", where+" "+col, k, true, v*n, 1e-6*n)
			} else {
				a.add("Gruppen", where+" "+col, k, false, math.NaN(), 0)
			}
		}
		out = append(out, gr)
	}
	a.readPercentiles(f)
	return out
}

// readAggregates records every figure of aggregates.csv (or of the same
// table in the publication workbook): a mean with its n, and the level
// counts of a group, are additive; medians, quartiles, percentiles and the
// numbers scored must cover enough units themselves.
func (a *auditor) readAggregates(kind string, b []byte) {
	t := a.t
	rows, err := stdcsv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, row := range rows[1:] {
		get := func(c string) string { return row[col[c]] }
		if get("value") == "" {
			continue
		}
		v, err := strconv.ParseFloat(get("value"), 64)
		if err != nil {
			t.Fatalf("%s: value %q", kind, get("value"))
		}
		pg := slices.IndexFunc(a.r.Model.PeerGroups, func(p scoring.PeerGroup) bool { return string(p.ID) == get("group_by") })
		wave := scoring.WaveID(get("wave"))
		where := strings.Join(row[:len(row)-1], " ")
		switch measure, stat := get("measure"), get("statistic"); {
		case measure == "level" || measure == "no_level" || stat == "n":
			// A count or share of a level says, with the group's size,
			// how many of its units hold the level: a sum over them. So
			// does n, how many of them are scored on a node.
			n := float64(len(a.members(wave, pg, get("group"), -1)))
			a.add(kind, where, auditKey{wave, pg, get("group"), -1}, true, n, 0.5)
		case stat == "mean":
			node := a.nodeByID(measure)
			n := float64(len(a.members(wave, pg, get("group"), node)))
			a.add(kind, where, auditKey{wave, pg, get("group"), node}, true, v*n, 0.05*n)
		default:
			a.add(kind, where, auditKey{wave, pg, get("group"), a.nodeByID(measure)}, false, math.NaN(), 0)
		}
	}
}

// readPublication reads veroeffentlichung.xlsx: its Daten sheet as
// aggregates.csv, and every other cell, which must name no unit.
func (a *auditor) readPublication(r *scoring.Results, o html.Options) {
	t := a.t
	var b bytes.Buffer
	if err := xlsx.WritePublication(&b, r, xlsx.Options{Language: o.Language, MinGroupSize: o.MinGroupSize}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	rows, err := f.GetRows(sheets[2], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var cb bytes.Buffer
	w := stdcsv.NewWriter(&cb)
	for _, row := range rows {
		for len(row) < 10 {
			row = append(row, "")
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	a.readAggregates("veroeffentlichung.xlsx", cb.Bytes())
}

// nodeByID maps a node id to its index.
func (a *auditor) nodeByID(id string) int {
	i := slices.IndexFunc(a.r.Model.Nodes, func(n *scoring.Node) bool { return string(n.ID) == id })
	if i < 0 {
		a.t.Fatalf("no node %q", id)
	}
	return i
}

// groupRow is a line of the Gruppen sheet as read: the means shown, by
// node.
type groupRow struct {
	wave  scoring.WaveID
	pg    int
	group string
	means map[int]float64
}

// readPercentiles records every percentile shown in Ergebnisse: a rank
// within the unit's group.
func (a *auditor) readPercentiles(f *excelize.File) {
	rows, err := f.GetRows("Ergebnisse", excelize.Options{RawCellValue: true})
	if err != nil {
		a.t.Fatal(err)
	}
	head := rows[0]
	byID := map[[2]string]*scoring.UnitResult{}
	for i := range a.r.Units {
		u := &a.r.Units[i]
		byID[[2]string{string(u.Wave), string(u.Unit.ID)}] = u
	}
	for _, row := range rows[1:] {
		u := byID[[2]string{string(a.waveByLbl[row[0]]), row[1]}]
		if u == nil {
			a.t.Fatalf("Ergebnisse: row %q is no unit", row[:2])
		}
		for c, col := range head {
			name, ok := strings.CutPrefix(col, "Perzentil ")
			if !ok || c >= len(row) {
				continue
			}
			if _, err := strconv.ParseFloat(row[c], 64); err != nil {
				continue
			}
			k := auditKey{u.Wave, a.peerGroupByName(name), "", 0}
			if k.pg >= 0 {
				k.group = a.groupOf(k.pg, u)
			}
			a.add("Ergebnisse", fmt.Sprintf("%s %s %s", row[0], row[1], col), k, false, math.NaN(), 0)
		}
	}
}

// checkCSV checks that scores.csv holds only units' own scores and
// rejects.csv only rejected rows: neither has an aggregate.
func (a *auditor) checkCSV(scores, rejects []byte) {
	t := a.t
	recs, err := stdcsv.NewReader(bytes.NewReader(scores)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := len(a.r.Units)*len(a.r.Model.Nodes) + 1; len(recs) != want {
		t.Errorf("scores.csv: %d lines, want a header and one per unit and node (%d)", len(recs), want)
	}
	byKey := map[string]*scoring.UnitResult{}
	for i := range a.r.Units {
		u := &a.r.Units[i]
		byKey[string(u.Wave)+"\x00"+string(u.Unit.ID)] = u
	}
	for _, rec := range recs[1:] {
		u := byKey[rec[0]+"\x00"+rec[1]]
		node := a.r.Model.Node(scoring.NodeID(rec[4]))
		if u == nil || node == nil {
			t.Errorf("scores.csv: line %q is not a unit's node", rec)
			continue
		}
		want := ""
		if s := u.Nodes.At(node.Index); s.Scored() {
			want = strconv.FormatFloat(s.Score, 'g', -1, 64)
		}
		if rec[6] != want {
			t.Errorf("scores.csv: %s %s %s = %q, want the unit's own score %q", rec[0], rec[1], rec[4], rec[6], want)
		}
	}
	recs, err = stdcsv.NewReader(bytes.NewReader(rejects)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(a.r.Rejects)+1 {
		t.Errorf("rejects.csv: %d lines, want a header and one per rejected row (%d)", len(recs), len(a.r.Rejects))
	}
}

// checkSums checks that every additive figure read tells the true sum
// over the units the test takes it to cover: that the test read the
// outputs right, so that its other checks mean something.
func (a *auditor) checkSums() {
	for _, f := range a.figures {
		if !f.additive || math.IsNaN(f.sum) {
			continue
		}
		if want := a.sumOf(f.wave, f.measure, f.units); math.Abs(f.sum-want) > f.tol+1e-6 {
			a.t.Errorf("%s: the figure gives a sum of %v over %d units, their true sum is %v: misread", f.where, f.sum, len(f.units), want)
		}
	}
}

// checkPrimary checks that every figure covers no fewer units than the
// minimum.
func (a *auditor) checkPrimary() {
	for _, f := range a.figures {
		if len(f.units) < a.min {
			a.t.Errorf("%s: a figure over %d units (fewer than %d)", f.where, len(f.units), a.min)
		}
	}
}

// checkRemainders is the direct check: for each wave, peer group and
// measure of the Gruppen sheet, the figures of all units minus those of
// the groups shown give the figure of the rest; the rest must hold no
// unit or enough, and the figure so computed must be the rest's true one
// (or the sheet was misread).
func (a *auditor) checkRemainders(rows []groupRow) {
	type part struct {
		wave scoring.WaveID
		pg   int
	}
	all := map[scoring.WaveID]groupRow{}
	parts := map[part][]groupRow{}
	for _, g := range rows {
		if g.pg < 0 {
			all[g.wave] = g
		} else {
			parts[part{g.wave, g.pg}] = append(parts[part{g.wave, g.pg}], g)
		}
	}
	for p, gs := range parts {
		total, ok := all[p.wave]
		if !ok {
			continue
		}
		for node, mean := range total.means {
			everyone := a.members(p.wave, -1, "", node)
			implied := mean * float64(len(everyone))
			covered := map[int]bool{}
			for _, g := range gs {
				if m, ok := g.means[node]; ok {
					ms := a.members(p.wave, p.pg, g.group, node)
					implied -= m * float64(len(ms))
					for _, i := range ms {
						covered[i] = true
					}
				}
			}
			var rest []int
			for _, i := range everyone {
				if !covered[i] {
					rest = append(rest, i)
				}
			}
			if len(rest) > 0 && len(rest) < a.min {
				a.t.Errorf("Gruppen %s %s node %d: all units minus the groups shown leaves %s (%d, fewer than %d), mean %.4g",
					p.wave, a.r.Model.PeerGroups[p.pg].Name, node, a.names(p.wave, rest), len(rest), a.min, implied/float64(len(rest)))
			}
			if want := a.sumOf(p.wave, node, rest); math.Abs(implied-want) > 1e-6*float64(len(everyone)+1)*100 {
				a.t.Errorf("Gruppen %s %s node %d: the remainder's sum computed from the sheet is %v, its true sum %v: misread",
					p.wave, a.r.Model.PeerGroups[p.pg].Name, node, implied, want)
			}
		}
	}
}

func (a *auditor) names(wave scoring.WaveID, units []int) string {
	us := a.r.WaveUnits(a.waveIndex[wave])
	var ns []string
	for _, i := range units {
		ns = append(ns, us[i].Unit.Name)
	}
	return strings.Join(ns, ", ")
}

// checkLinear looks, per wave and measure, for a set of fewer than the
// minimum (and more than zero) units whose sum follows from the additive
// figures: the figures' sets, and the whole wave whenever it is large
// enough (its figures are shown: assumed known whether read or not).
func (a *auditor) checkLinear() {
	type wm struct {
		wave    scoring.WaveID
		measure int
	}
	sets := map[wm][][]int{}
	for _, f := range a.figures {
		if f.additive {
			k := wm{f.wave, f.measure}
			sets[k] = append(sets[k], f.units)
		}
	}
	for k := range sets {
		if all := a.members(k.wave, -1, "", k.measure); len(all) >= a.min {
			sets[k] = append(sets[k], all)
		}
	}
	for k, ss := range sets {
		n := len(a.r.WaveUnits(a.waveIndex[k.wave]))
		if small := derivableSmall(ss, n, a.min); small != nil {
			a.t.Errorf("wave %s, measure %d: the sum over %s (%d units, fewer than %d) follows from the figures shown",
				k.wave, k.measure, a.names(k.wave, small), len(small), a.min)
		}
	}
}

// checkConsistent checks that the outputs agree on which figures of a
// group are shown: the heatmap and the profiles show a group's statistics
// of a node exactly where the Gruppen sheet does, and the size chart a
// group's distribution where Gruppen shows its number scored.
func (a *auditor) checkConsistent() {
	g := a.shown["Gruppen"]
	latest := a.r.Waves[a.r.Latest()].ID
	for _, kind := range []string{"heatmap", "size chart", "profile", "map", "Ergebnisse"} {
		for k := range a.shown[kind] {
			if k.pg >= 0 && !g[k] {
				a.t.Errorf("%s shows %v, which Gruppen hides", kind, k)
			}
		}
	}
	for k := range g {
		if k.wave != latest || k.pg < 0 {
			continue
		}
		switch {
		case k.pg == peerGroupByAttr(a.r.Model, "district") && k.measure >= 0 && a.shown["heatmap"] != nil && !a.shown["heatmap"][k] &&
			(k.measure == 0 || a.r.Model.Nodes[k.measure].Depth == 1):
			a.t.Errorf("Gruppen shows %v, which the heatmap hides", k)
		case k.pg == peerGroupByAttr(a.r.Model, "size_class") && k.measure < 0 && a.shown["size chart"] != nil && !a.shown["size chart"][k]:
			a.t.Errorf("Gruppen shows %v, which the size chart hides", k)
		}
	}
}

// derivableSmall returns a set of units, more than none and fewer than
// min, whose sum is a linear combination of the sums over sets (of units
// 0..n-1), or nil. Units in the same sets form an atom; every set is a
// union of atoms, and a set's sum follows iff its indicator over atoms
// lies in the span of the sets' indicators. Reducing each atom's unit
// vector by the sets in row echelon form leaves a residue; the residues
// of a set's atoms sum to zero iff the set's sum follows. The search
// tries every union of atoms of fewer than min units.
func derivableSmall(sets [][]int, n, min int) []int {
	// atoms by membership signature
	sig := make([][]byte, n)
	for i := range sig {
		sig[i] = make([]byte, len(sets))
	}
	for s, set := range sets {
		for _, i := range set {
			sig[i][s] = 1
		}
	}
	atomOf := map[string]int{}
	var atoms [][]int
	for i := range n {
		k := string(sig[i])
		a, ok := atomOf[k]
		if !ok {
			a = len(atoms)
			atomOf[k] = a
			atoms = append(atoms, nil)
		}
		atoms[a] = append(atoms[a], i)
	}
	p := len(atoms)
	// rows: sets over atoms
	rows := make([][]float64, len(sets))
	for s, set := range sets {
		rows[s] = make([]float64, p)
		for _, i := range set {
			rows[s][atomOf[string(sig[i])]] = 1
		}
	}
	pivots := rref(rows, p)
	// residue of each atom over the non-pivot columns
	isPivot := map[int]int{} // column → row
	for r, c := range pivots {
		isPivot[c] = r
	}
	residue := make([][]float64, p)
	for a := range p {
		v := make([]float64, p)
		if r, ok := isPivot[a]; ok {
			for c := range p {
				if _, piv := isPivot[c]; !piv {
					v[c] = -rows[r][c]
				}
			}
		} else {
			v[a] = 1
		}
		residue[a] = v
	}
	// depth-first over unions of atoms of fewer than min units
	order := make([]int, 0, p)
	for a := range p {
		if len(atoms[a]) < min {
			order = append(order, a)
		}
	}
	slices.SortFunc(order, func(x, y int) int { return len(atoms[x]) - len(atoms[y]) })
	sum := make([]float64, p)
	var chosen []int
	var found []int
	var dfs func(from, size int) bool
	dfs = func(from, size int) bool {
		if size > 0 && zero(sum) {
			for _, a := range chosen {
				found = append(found, atoms[a]...)
			}
			slices.Sort(found)
			return true
		}
		for j := from; j < len(order); j++ {
			a := order[j]
			if size+len(atoms[a]) >= min {
				break // sorted by size: the rest are no smaller
			}
			add(sum, residue[a], 1)
			chosen = append(chosen, a)
			if dfs(j+1, size+len(atoms[a])) {
				return true
			}
			chosen = chosen[:len(chosen)-1]
			add(sum, residue[a], -1)
		}
		return false
	}
	dfs(0, 0)
	return found
}

func add(dst, v []float64, k float64) {
	for i, x := range v {
		if x != 0 {
			dst[i] += k * x
		}
	}
}

func zero(v []float64) bool {
	for _, x := range v {
		if math.Abs(x) > 1e-9 {
			return false
		}
	}
	return true
}

// rref brings rows (over p columns) into reduced row echelon form in
// place and returns the pivot column of each leading row.
func rref(rows [][]float64, p int) []int {
	var pivots []int
	r := 0
	for c := 0; c < p && r < len(rows); c++ {
		best := r
		for i := r + 1; i < len(rows); i++ {
			if math.Abs(rows[i][c]) > math.Abs(rows[best][c]) {
				best = i
			}
		}
		if math.Abs(rows[best][c]) < 1e-9 {
			continue
		}
		rows[r], rows[best] = rows[best], rows[r]
		piv := rows[r][c]
		for j := range rows[r] {
			rows[r][j] /= piv
		}
		for i := range rows {
			if i != r && math.Abs(rows[i][c]) > 1e-12 {
				add(rows[i], rows[r], -rows[i][c])
			}
		}
		pivots = append(pivots, c)
		r++
	}
	return pivots
}

// auditFiles collects RenderAll's outputs in memory.
type auditFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

type auditFile struct {
	bytes.Buffer
	name string
	fs   *auditFiles
}

func (f *auditFile) Close() error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	f.fs.files[f.name] = f.Bytes()
	return nil
}

// audit renders every output of r with o, runs every check and returns
// what it read.
func audit(t *testing.T, r *scoring.Results, o html.Options) *auditor {
	t.Helper()
	a := newAuditor(t, r, o)
	fs := &auditFiles{files: map[string][]byte{}}
	create := func(name string) (io.WriteCloser, error) { return &auditFile{name: name, fs: fs}, nil }
	if err := html.RenderAll(context.Background(), r, o, create); err != nil {
		t.Fatal(err)
	}
	a.readOverview(fs.files["overview.html"])
	for _, u := range html.ProfileUnits(r) {
		name := "profiles/" + html.ProfileFile(u.Unit.ID)
		a.readProfile(name, fs.files[name], u)
	}
	var xl, sc, rj bytes.Buffer
	if err := xlsx.WriteWorkbook(&xl, r, xlsx.Options{Language: o.Language, MinGroupSize: o.MinGroupSize}); err != nil {
		t.Fatal(err)
	}
	if err := csv.WriteScores(&sc, r); err != nil {
		t.Fatal(err)
	}
	if err := csv.WriteRejects(&rj, r); err != nil {
		t.Fatal(err)
	}
	groups := a.readWorkbook(xl.Bytes())
	a.checkCSV(sc.Bytes(), rj.Bytes())
	var ag bytes.Buffer
	if err := csv.WriteAggregates(&ag, scoring.NewDisclosure(r, o.MinGroupSize), r.Model); err != nil {
		t.Fatal(err)
	}
	a.readAggregates("aggregates.csv", ag.Bytes())
	a.readPublication(r, o)
	a.checkSums()
	a.checkPrimary()
	a.checkRemainders(groups)
	a.checkPanel(groups)
	a.checkLinear()
	a.checkConsistent()
	return a
}

// TestDerivableSmall checks the search the confidentiality test relies
// on, with sets whose derivable sums are known by hand.
func TestDerivableSmall(t *testing.T) {
	tests := []struct {
		name string
		sets [][]int
		n    int
		min  int
		want []int
	}{
		{"the whole and all groups but one", [][]int{{0, 1, 2, 3, 4, 5, 6}, {0, 1, 2}, {3, 4, 5}}, 7, 3, []int{6}},
		{"the whole and all groups but two", [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2}, {3, 4, 5}}, 8, 3, []int{6, 7}},
		{"the remainder large enough", [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2}, {3, 4, 5}}, 8, 2, nil},
		{"nested groups of two partitions", [][]int{{0, 1, 2, 3, 4}, {0, 1, 2}, {5, 6, 7}}, 8, 3, []int{3, 4}},
		{"a chain of differences", [][]int{{0, 1, 2, 3, 4, 5}, {0, 1, 2, 3}, {2, 3, 4, 5}, {0, 1, 2, 3, 4}}, 6, 2, []int{4}},
		{"overlaps without a small difference", [][]int{{0, 1, 2, 3}, {2, 3, 4, 5}, {0, 1, 4, 5, 6, 7}}, 8, 2, nil},
		{"a sum only from three sets", [][]int{{0, 1, 2, 3}, {2, 3, 4, 5}, {0, 1, 4, 5}}, 6, 3, []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := derivableSmall(tt.sets, tt.n, tt.min); !slices.Equal(got, tt.want) {
				t.Errorf("derivableSmall = %v, want %v", got, tt.want)
			}
		})
	}
}

// adversary describes a fixture built to tempt a leak.
type adversary struct {
	name  string
	model string // extra YAML appended to the peer groups of the fixture's model, if any
	units []advUnit
}

// advUnit is a unit of an adversarial fixture; answers by wave ("" for
// none), as Q1–Q4 of the fixture's model.
type advUnit struct {
	district   string
	land       string
	population int
	answers    map[scoring.WaveID][]string
}

// answerSets give varied scores; a unit takes one by its number.
var answerSets = [][]string{
	{"ja", "ja", "12", "ja"}, {"nein", "teilweise", "5", "ja"}, {"teilweise", "nein", "0", "nein"},
	{"ja", "nein", "20", "teilweise"}, {"nein", "nein", "3", "nein"}, {"teilweise", "ja", "10", "ja"},
	{"ja", "teilweise", "9", "nein"}, {"nein", "ja", "50", "teilweise"},
}

// group returns n units of a district, all in 2026 (and, with both, in
// 2024), numbered from first for their answers; without Q3/Q4 when
// noServices.
func group(district, land string, n, population, first int, both, noServices bool) []advUnit {
	var out []advUnit
	for i := range n {
		ans := slices.Clone(answerSets[(first+i)%len(answerSets)])
		if noServices {
			ans[2], ans[3] = "", ""
		}
		u := advUnit{district: district, land: land, population: population + 100*i,
			answers: map[scoring.WaveID][]string{"2026": ans}}
		if both {
			u.answers["2024"] = answerSets[(first+i+3)%len(answerSets)]
		}
		out = append(out, u)
	}
	return out
}

func concat(gs ...[]advUnit) []advUnit { return slices.Concat(gs...) }

// adversaries: each is a way a small group could be computed.
var adversaries = []adversary{
	// Three districts shown and one of a single unit: the wave minus the
	// three is the one; the size classes likewise (one "groß").
	{name: "all but one", units: concat(group("Nord", "", 7, 2000, 0, true, false), group("Ost", "", 6, 3000, 2, true, false),
		group("West", "", 5, 4000, 4, true, false), group("Stadt", "", 1, 80000, 6, true, false))},
	// Two units have no district: the wave minus the districts is them.
	{name: "no district", units: concat(group("Nord", "", 6, 2000, 0, false, false), group("Süd", "", 6, 3000, 3, false, false),
		group("", "", 2, 4000, 5, false, false))},
	// Size class groß lies inside district Mitte but for two units: Mitte
	// minus groß is two units.
	{name: "nested", units: concat(group("Mitte", "", 5, 20000, 0, false, false), group("Mitte", "", 2, 3000, 5, false, false),
		group("Rand", "", 8, 2000, 1, false, false), group("Land", "", 6, 4000, 3, false, false))},
	// District A has its services scored for 3 units only: all minus the
	// districts' service means is those three.
	{name: "coverage", units: concat(group("A", "", 3, 2000, 0, false, false), group("A", "", 3, 2500, 3, false, true),
		group("B", "", 6, 3000, 2, false, false), group("C", "", 7, 4000, 4, false, false))},
	// A Land next to all but one of its districts, with a peer group per
	// Land.
	{name: "hierarchy", model: "    - {id: land, name: Land, attribute: land}\n", units: concat(
		group("D1", "L1", 6, 2000, 0, false, false), group("D2", "L1", 6, 2500, 1, false, false), group("D3", "L1", 1, 3000, 2, false, false),
		group("D4", "L2", 7, 3500, 3, false, false), group("D5", "L2", 6, 4000, 4, false, false), group("D6", "L2", 1, 4500, 5, false, false))},
	// One unit joins in 2026: the change of the units in both waves, with
	// the means of both waves, is its score.
	{name: "panel", units: concat(group("Nord", "", 6, 2000, 0, true, false), group("Süd", "", 6, 3000, 2, true, false),
		group("Nord", "", 1, 2600, 5, false, false))},
}

// build scores an adversarial fixture with the fixture's model.
func (adv adversary) build(tb testing.TB) *scoring.Results {
	tb.Helper()
	y := string(fixture.ModelYAML)
	if adv.model != "" {
		const after = "    - {id: groessenklasse, name: Größenklasse, attribute: size_class}\n"
		if !strings.Contains(y, after) {
			tb.Fatal("fixture model: peer groups changed")
		}
		y = strings.Replace(y, after, after+adv.model, 1)
	}
	m, err := scoring.ParseModel("model.yaml", []byte(y))
	if err != nil {
		tb.Fatal(err)
	}
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2024", Label: "2024", Order: 1}, {ID: "2026", Label: "2026", Order: 2}}}
	for i, au := range adv.units {
		u := scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1400%04d", i+1)), Name: fmt.Sprintf("Gemeinde %d", i+1),
			District: au.district, Population: au.population, Lon: 12 + 0.1*float64(i), Lat: 51, HasLocation: true}
		if au.land != "" {
			u.Attrs = map[string]string{"land": au.land}
		}
		for _, w := range []scoring.WaveID{"2024", "2026"} {
			if ans := au.answers[w]; ans != nil {
				ds.Responses = append(ds.Responses, scoring.Response{Wave: w, Unit: u, Answers: scoring.AnswersOf(ans...),
					Source: &scoring.Source{File: string(w) + ".csv", Columns: []int{3, 4, 5, 6}}, Row: i + 2})
			}
		}
	}
	return scoring.Score(m, ds)
}

// TestConfidentiality renders every output for the Saxony example and the
// adversarial fixtures at several minimum group sizes and checks that no
// group smaller than the minimum can be read or computed from them.
func TestConfidentiality(t *testing.T) {
	for _, adv := range adversaries {
		r := adv.build(t)
		for _, minGroup := range []int{2, 3, 5, 7} {
			t.Run(fmt.Sprintf("%s/min=%d", adv.name, minGroup), func(t *testing.T) {
				audit(t, r, html.Options{MinGroupSize: minGroup})
			})
		}
	}
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	for _, minGroup := range []int{3, 5, 20} {
		t.Run(fmt.Sprintf("Sachsen/min=%d", minGroup), func(t *testing.T) {
			a := audit(t, r, html.Options{MinGroupSize: minGroup})
			// The audit read figures from every output that has them.
			for _, kind := range []string{"heatmap", "size chart", "map", "profile", "Gruppen", "Ergebnisse", "aggregates.csv", "veroeffentlichung.xlsx"} {
				if len(a.shown[kind]) == 0 {
					t.Errorf("read no figure from %s", kind)
				}
			}
			if a.panel == nil {
				t.Error("read no mean change of the units in both waves (355 in both, 64 joined, none left)")
			}
			if minGroup == 5 {
				saxonySecondary(t, a)
			}
		})
	}
}

// saxonySecondary checks which groups of at least 5 units the Saxony
// example hides, worked out by hand: in 2026 the three district-free
// cities (one unit each) leave 3 units, so Meißen (28, the smallest
// district) goes too; in 2024 Dresden and Leipzig answered (Chemnitz did
// not), 2 units, and again Meißen (25) goes. The size classes hide
// 3 + 1 + 2 = 6 units in 2026 (50–100k, 100–500k, ≥ 500k) and 3 + 2 = 5 in
// 2024: enough both times, so no size class is hidden for them.
func saxonySecondary(t *testing.T, a *auditor) {
	var got []string
	for _, g := range a.r.Groups {
		if g.PeerGroup < 0 || g.Units < 5 {
			continue
		}
		if !a.shown["Gruppen"][auditKey{g.Wave, g.PeerGroup, g.Group, 0}] {
			got = append(got, fmt.Sprintf("%s %s %s", g.Wave, a.r.Model.PeerGroups[g.PeerGroup].Name, g.Group))
		}
	}
	want := []string{"2024 Landkreis Meißen", "2026 Landkreis Meißen"}
	if !slices.Equal(got, want) {
		t.Errorf("groups of at least 5 units hidden = %q, want %q", got, want)
	}
}
