package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/reifegrad/reifegrad/scoring"
)

// option is what go-echarts' chart types have in common: they validate
// their series and return the ECharts option as a map.
type option interface {
	Validate()
	JSON() map[string]any
}

// chart is one chart of a page. ID is the value of the data-chart
// attribute; it is derived from the page and the chart's role, never
// random, so pages are reproducible.
type chart struct {
	ID    string
	Title string
	// Notes are shown under the chart: how to read it, what is left out.
	Notes []string
	// Legend, if set, is drawn in HTML under the chart (for keys the
	// chart cannot label without crowding).
	Legend []legendItem
	// Height of the chart in CSS pixels.
	Height int
	// Aspect, if set, sizes the chart by its width (width ÷ height)
	// instead of Height: a map scales to its container, phone and A4
	// page included.
	Aspect float64
	Option option
	// Extra sets top-level option keys that go-echarts v2.6.7 cannot
	// express (a visualMap bound to one series, a grid of fixed size).
	// Values are plain data, encoded like the rest of the option.
	Extra map[string]any
	// Table is the chart's data as a table, shown one click away under
	// it; TableID instead names a table elsewhere on the page that holds
	// the same figures. Every chart has one or the other: what a chart
	// shows by colour and position, a screen reader reads from its table.
	Table   *dataTable
	TableID string
	// Print says what paper shows of a chart with its own Table: by
	// default the chart alone, its table left folded away. A chart that
	// does not write all its figures on itself (a line, a stack of
	// shares too thin to label, bars without numbers) prints its table
	// under it; one whose rows cannot be read at the size of a page (the
	// heatmap's wrapped names in rows of 18 px) prints the table instead.
	Print printMode
	// encoded, if set, is the option already encoded (a filled shape);
	// Option and Extra are then not used.
	encoded []byte

	t *catalog
}

// Catalog is the catalog of the page the chart is on (set by page.add).
func (c *chart) Catalog() *catalog { return c.t }

// printMode is what a printed page shows of a chart (chart.Print).
type printMode uint8

const (
	printChart     printMode = iota // the chart, its table folded away
	printWithTable                  // the chart and its table under it
	printTable                      // the table instead of the chart
)

// PrintClass is the class of the chart's figure that the print
// stylesheet acts on, "" for the chart alone.
func (c *chart) PrintClass() string {
	if c.Table == nil {
		return ""
	}
	switch c.Print {
	case printWithTable:
		return "print-table"
	case printTable:
		return "print-table-only"
	}
	return ""
}

// TableView is the chart's own table as the template "datatable" shows it.
func (c *chart) TableView() tableView {
	return tableView{ID: c.DataTable(), Caption: c.Title, Table: c.Table}
}

// tableView is a data table with its ID and caption.
type tableView struct {
	ID, Caption string
	Table       *dataTable
}

// DataTable returns the ID of the table that holds the chart's figures.
func (c *chart) DataTable() string {
	if c.Table != nil {
		return c.ID + "-table"
	}
	return c.TableID
}

// figure returns the chart's figure as the template "chart" renders it.
// A profile's charts look the same on most profiles of a run — the bars
// always, the radar in a few variants of its notes — so each distinct
// figure is rendered once per renderer and kept: figureKey holds every
// value the template reads, so an equal key is an equal figure. A chart
// with its own table is rendered each time.
func (rd *renderer) figure(c *chart) (template.HTML, error) {
	key, ok := figureKey(c)
	if ok {
		if h, hit := rd.figures.Load(key); hit {
			return h.(template.HTML), nil
		}
	}
	var b strings.Builder
	if err := pageTemplates().ExecuteTemplate(&b, "chart", c); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	if ok {
		rd.figures.Store(key, h)
	}
	return h, nil
}

// figureKey encodes what the template "chart" shows of c, each text
// quoted (so that no two charts share a key); false when c has its own
// table, which the key does not hold.
func figureKey(c *chart) (string, bool) {
	if c.Table != nil {
		return "", false
	}
	k := []string{strconv.Quote(c.ID), strconv.Quote(c.Title), strconv.Quote(c.DataTable()),
		strconv.Itoa(c.Height), strconv.FormatFloat(c.Aspect, 'g', -1, 64), strconv.Itoa(len(c.Notes))}
	for _, n := range c.Notes {
		k = append(k, strconv.Quote(n))
	}
	for _, l := range c.Legend {
		k = append(k, strconv.Quote(l.Colour), strconv.Quote(l.Label), strconv.Quote(l.Pattern))
	}
	return strings.Join(k, ","), true
}

// dataTable is a chart's figures as rows and columns of text.
type dataTable struct {
	Caption string
	Head    []string
	Rows    [][]string
	// Num marks numeric columns (right-aligned); it may be shorter than
	// Head.
	Num []bool
}

// Stacks reports whether the table's rows are stacked on a phone's
// screen (reifegrad.css: table.stack), each cell with its column's name:
// a table of more than three columns would not fit.
func (d *dataTable) Stacks() bool { return len(d.Head) > 3 }

// Wide reports whether the table is wider than a printed page even with
// every cell broken at its spaces (reifegrad.css: table.wide): then, on
// paper, which does not scroll, its column names may break inside a word
// rather than push the last columns off the page ("Informations-
// sicherheitsmanagement" and ten more dimensions). A table that fits
// keeps its words whole: breaking anywhere in every table let the
// browser squeeze names that fit ("Gesa-mtwe-rt") and the example's
// overview grew from 6 pages to 8.
func (d *dataTable) Wide() bool {
	cols := make([]int, len(d.Head))
	widen := func(j int, text string) {
		if j < len(cols) {
			cols[j] = max(cols[j], longestWord(text))
		}
	}
	for j, h := range d.Head {
		widen(j, h)
	}
	for _, row := range d.Rows {
		for j, c := range row {
			widen(j, c)
		}
	}
	width := 0
	for _, w := range cols {
		width += w + cellPadding
	}
	return width > printWidth
}

// printWidth is how many characters of 8.5 pt fit across an A4 page in
// print (reifegrad.css), and cellPadding what a cell's padding and
// border take, in characters. The example's widest table needs 108.
const (
	printWidth  = 115
	cellPadding = 2
)

// longestWord returns the length in characters of the longest piece of s
// a browser will not break: split at spaces and after hyphens.
func longestWord(s string) int {
	longest, n := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			n = 0
		case r == '-':
			n++
			longest = max(longest, n)
			n = 0
		default:
			n++
		}
		longest = max(longest, n)
	}
	return longest
}

// Class is the table's class attribute: "stack" (Stacks) and "wide"
// (Wide), each when it holds, once for both — Wide reads every cell.
func (d *dataTable) Class() string {
	var c []string
	if d.Stacks() {
		c = append(c, "stack")
	}
	if d.Wide() {
		c = append(c, "wide")
	}
	return strings.Join(c, " ")
}

// IsNum reports whether column i is numeric.
func (d *dataTable) IsNum(i int) bool { return i < len(d.Num) && d.Num[i] }

// legendItem is a swatch with its label. Pattern, if set, is the CSS
// background that repeats the chart's pattern (decal) for the item, so
// that the legend does not rely on colour alone either.
type legendItem struct {
	Colour, Label string
	Pattern       string
}

// chartData encodes the options of all charts of a page for the JSON block
// the page script reads.
//
// go-echarts renders options into <script> without escaping (measured with
// v2.6.7: a series name "</script><script>alert(1)</script>" runs). We
// therefore never use its templates. encoding/json escapes <, >, & and the
// JavaScript line separators U+2028/U+2029, so no user text can end the
// script element or be parsed as markup, whatever it contains. The page
// script reads the block with JSON.parse, never eval. The options carry no
// JavaScript functions: we never use go-echarts' FuncOpts, whose "__f__"
// markers only its templates turn into code; through encoding/json a
// string such as "__f__alert(1)__f__" stays a string.
//
// The block is the object chart ID → option that encoding/json makes of a
// map: IDs in sorted order, a later chart of the same ID replacing an
// earlier one. Each option is encoded on its own (json.Marshal of a value
// inside a map writes the same bytes as of the value alone), or was
// encoded from a shape (see shape).
func chartData(cs []*chart) (template.JS, error) {
	byID := make(map[string]*chart, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	ids := slices.Sorted(maps.Keys(byID))
	var b bytes.Buffer
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(id)
		if err != nil {
			return "", err
		}
		b.Write(key)
		b.WriteByte(':')
		o, err := byID[id].optionJSON()
		if err != nil {
			return "", err
		}
		b.Write(o)
	}
	b.WriteByte('}')
	return template.JS(b.String()), nil
}

// optionJSON encodes the chart's option with its Extra keys.
func (c *chart) optionJSON() ([]byte, error) {
	if c.encoded != nil {
		return c.encoded, nil
	}
	c.Option.Validate()
	o := c.Option.JSON()
	for k, v := range c.Extra {
		o[k] = v
	}
	return json.Marshal(o)
}

// shape is a chart's option encoded once, with holes where the values
// that differ from page to page go: a profile's charts have the same axes,
// bands, colours and layout on every profile of a run, and only their
// data differ. Making and encoding the option anew for each profile (go-
// echarts fills its defaults by reflection, encoding/json sorts the keys
// of every map) cost about a third of a profile's rendering.
//
// A filled shape is byte for byte the encoding of the whole option with
// the values in place of the holes: encoding/json encodes a value inside
// a map or slice exactly as it encodes the value alone (same escaping of
// <, > and & in strings), and the holes sit where the values would be.
type shape struct{ parts [][]byte }

// hole returns the placeholder for the i-th value of a shape: a string
// that no option holds (it starts with a NUL byte).
func hole(i int) string { return fmt.Sprintf("\x00reifegrad-hole-%d\x00", i) }

// newShape encodes c's option, whose values hold hole(0), hole(1), … in
// order (each once), and splits the encoding at them.
func newShape(c chart, holes int) (*shape, error) {
	b, err := c.optionJSON()
	if err != nil {
		return nil, err
	}
	s := &shape{}
	for i := range holes {
		h, _ := json.Marshal(hole(i))
		before, after, ok := bytes.Cut(b, h)
		if !ok || bytes.Contains(after, h) {
			return nil, fmt.Errorf("chart %s: hole %d not found once in its option", c.ID, i)
		}
		s.parts = append(s.parts, before)
		b = after
	}
	s.parts = append(s.parts, b)
	return s, nil
}

// fill encodes the values into the holes and returns the option's JSON.
func (s *shape) fill(values ...any) ([]byte, error) {
	if len(values) != len(s.parts)-1 {
		return nil, fmt.Errorf("shape with %d holes filled with %d values", len(s.parts)-1, len(values))
	}
	var b bytes.Buffer
	for i, v := range values {
		b.Write(s.parts[i])
		e, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		b.Write(e)
	}
	b.Write(s.parts[len(values)])
	return b.Bytes(), nil
}

// levelPalette returns the colours of n levels, from orange (the first
// level: most to do) through light tones to dark blue (the top level).
// Orange against blue stays apart for every common colour-vision
// deficiency, and every tone shows on white.
func levelPalette(n int) []string {
	palettes := [][]string{
		{"#3182bd"},
		{"#e6550d", "#3182bd"},
		{"#e6550d", "#9ecae1", "#08519c"},
		{"#e6550d", "#fdae6b", "#6baed6", "#08519c"},
		{"#e6550d", "#fdae6b", "#9ecae1", "#3182bd", "#08306b"},
		{"#a63603", "#e6550d", "#fdae6b", "#9ecae1", "#3182bd", "#08306b"},
		{"#a63603", "#e6550d", "#fdae6b", "#c6dbef", "#6baed6", "#2171b5", "#08306b"},
	}
	if n <= 0 {
		return nil
	}
	if n <= len(palettes) {
		return palettes[n-1]
	}
	// More levels than colours: neighbours share a colour, order stays.
	top := palettes[len(palettes)-1]
	out := make([]string, n)
	for i := range out {
		out[i] = top[int(math.Round(float64(i)*float64(len(top)-1)/float64(n-1)))]
	}
	return out
}

// noLevelColour marks units without a level.
const noLevelColour = "#b8bec6"

// inkOn returns the text colour that reads on a background colour
// "#rrggbb" with the 4.5:1 that WCAG 2.1 AA asks of text (1.4.3): the
// page's dark ink on light tones and white on dark ones, whichever
// contrasts more; on the middle tones where neither reaches 4.5:1 (the
// orange #e6550d: 4.1:1 with the ink, the blue #3182bd: 4.2:1 with white),
// black, which has at least 4.6:1 with any colour that white has less.
func inkOn(bg string) string {
	lum, ok := luminance(bg)
	if !ok {
		return inkColour
	}
	white := 1.05 / (lum + 0.05)
	dark := (lum + 0.05) / (inkLuminance + 0.05)
	switch {
	case white >= dark && white >= 4.5:
		return "#ffffff"
	case dark > white && dark >= 4.5:
		return inkColour
	}
	return "#000000"
}

// inkLuminance is the relative luminance of inkColour.
const inkLuminance = 0.0196

// luminance returns the relative luminance (WCAG) of a colour "#rrggbb".
func luminance(c string) (float64, bool) {
	if len(c) != 7 || c[0] != '#' {
		return 0, false
	}
	var lum float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, false
		}
		x := float64(v) / 255
		if x <= 0.03928 {
			x /= 12.92
		} else {
			x = math.Pow((x+0.055)/1.055, 2.4)
		}
		lum += w * x
	}
	return lum, true
}

// Colours of compared series: the unit or the mean first, then the state
// and peer-group medians.
var seriesColours = []string{"#1f5f99", "#e8a33d", "#5ba37a", "#7a8793", "#b5525c", "#8c6bb1", "#3a9fbf"}

func seriesColour(i int) string { return seriesColours[i%len(seriesColours)] }

const (
	inkColour   = "#1d2733"
	mutedColour = "#5b6673"
	lineColour  = "#d9dee4"
)

func baseOpts(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	}
}

// value rounds a number for display to the one decimal the tables show,
// as they round it (scoring.Round), and turns NaN into a gap, which JSON
// cannot carry as a number.
func value(v float64) any {
	return drawn(scoring.Round(v, 1))
}

// drawn is a number rounded for display already (a unit's score, see
// renderer.scoreValue) as chart data: NaN a gap.
func drawn(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return v
}

// value is a value of the series as chart data.
func (s *barSeries) value(v float64) any {
	if s.Shown {
		return drawn(v)
	}
	return value(v)
}

// fixedLabel shows text as a data label. The text is ours (a number we
// formatted, or "•"): ECharts reads a label formatter as a template, so
// it must never carry user text.
func fixedLabel(text, position string) *opts.Label {
	return &opts.Label{Show: opts.Bool(true), Formatter: text, Position: position, Color: inkColour}
}

func valueAxis(max float64, name string) opts.XAxis {
	a := opts.XAxis{Type: "value", Min: 0, Name: name, NameLocation: "middle", NameGap: 28,
		SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: lineColour}}}
	if max > 0 {
		a.Max = max
	}
	return a
}

func categoryYAxis(cats []string) opts.YAxis {
	return opts.YAxis{Type: "category", Data: cats, Inverse: opts.Bool(true),
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Color: inkColour}}
}

func grid(left, right, top, bottom string) opts.Grid {
	return opts.Grid{ContainLabel: opts.Bool(true), Left: left, Right: right, Top: top, Bottom: bottom}
}

// barSeries is one series of a bar or radar chart.
type barSeries struct {
	Name    string
	Values  []float64 // NaN: no bar (suppressed or missing)
	Colours []string  // per bar, optional
	Labels  []string  // per bar, optional; "" for none
	// Shown: Values are rounded for display already (a unit's scores,
	// renderer.scoreValue), not to be rounded again.
	Shown bool
}

// barChart is a bar chart of one or more series over categories:
// horizontal (categories down the side, first at the top) when
// horizontal is set. maxValue > 0 fixes the end of the value axis.
func barChart(id string, categories []string, series []barSeries, horizontal bool, maxValue float64, axisName string) chart {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOpts(id)...)
	b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Bottom: "0"}))
	if horizontal {
		b.SetGlobalOptions(charts.WithGridOpts(grid("1%", "6%", "8", "40")),
			charts.WithXAxisOpts(valueAxis(maxValue, axisName)),
			charts.WithYAxisOpts(categoryYAxis(categories)))
	} else {
		b.SetXAxis(categories)
		y := opts.YAxis{Type: "value", Name: axisName, SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: lineColour}}}
		if maxValue > 0 {
			y.Max = maxValue
		}
		b.SetGlobalOptions(charts.WithGridOpts(grid("1%", "2%", "36", "30")),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Color: inkColour}}),
			charts.WithYAxisOpts(y))
	}
	position := "top"
	if horizontal {
		position = "right"
	}
	for si, s := range series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			d := opts.BarData{Value: s.value(v)}
			if s.Colours != nil {
				d.ItemStyle = &opts.ItemStyle{Color: s.Colours[i]}
			}
			if s.Labels != nil && s.Labels[i] != "" {
				d.Label = fixedLabel(s.Labels[i], position)
			}
			data[i] = d
		}
		b.AddSeries(s.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: seriesColour(si)}),
			barWidth("42"))
	}
	height := barHeight(len(categories), len(series), horizontal)
	// Where the columns are narrower than their names, the names under
	// them turn, so that long ones do not run into each other: on a phone
	// and on paper, where the chart is drawn half an A4 page wide (Saxony's
	// "Grundlagen", "Fortgeschritten" and "Etabliert" ran together into
	// one word), and on a screen too narrow for them.
	phone := map[string]any{"query": map[string]any{"maxWidth": max(phoneWidth, namesSideBySide(categories))}, "option": map[string]any{
		"xAxis": map[string]any{"axisLabel": map[string]any{"rotate": 35, "fontSize": 11}}}}
	if horizontal {
		phone = phoneNamesAbove(height, len(series), 12, "14%")
	}
	return chart{ID: id, Option: b, Height: height, Extra: map[string]any{"media": []any{phone}}}
}

// namesSideBySide is the narrowest chart (CSS pixels) whose columns are
// wide enough for their names written level under them: the longest
// name at 7 px a character (12 px type, a little wider than the average
// letter), 8 px between names, and 60 px for the value axis and margins.
func namesSideBySide(categories []string) int {
	longest := 0
	for _, c := range categories {
		longest = max(longest, utf8.RuneCountInString(c))
	}
	return len(categories)*(7*longest+8) + 60
}

// barWidth caps the thickness of bars (and boxes) in pixels.
func barWidth(px string) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = px })
}

func barHeight(categories, series int, horizontal bool) int {
	if !horizontal {
		return 340
	}
	return 70 + categories*max(34, 18*series+14)
}

// stackSeries is one level (or other part) of a stacked share chart.
type stackSeries struct {
	Name    string
	Colour  string
	Ink     string    // label colour on Colour
	Pattern pattern   // drawn over Colour
	Shares  []float64 // per category, 0–100; NaN where suppressed
}

// shareChart shows, per category, how the units split into parts (levels)
// as horizontal bars stacked to 100 %. Shares below 6 % get no label so
// labels never overlap.
func shareChart(id string, categories []string, parts []stackSeries, t *catalog) chart {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOpts(id)...)
	b.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(grid("1%", "4%", "8", "64")),
		charts.WithXAxisOpts(valueAxis(100, t.ShareAxis)),
		charts.WithYAxisOpts(categoryYAxis(categories)))
	for _, p := range parts {
		data := make([]opts.BarData, len(p.Shares))
		for i, v := range p.Shares {
			d := opts.BarData{Value: value(v)}
			if !math.IsNaN(v) && v >= 6 {
				d.Label = fixedLabel(t.pct(v), "inside")
				d.Label.Color = p.Ink
			}
			data[i] = d
		}
		b.AddSeries(p.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: p.Colour}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Stack = "share" }),
			barWidth("30"))
	}
	decals := make([]any, len(parts))
	tbl := &dataTable{Head: []string{""}, Num: []bool{false}}
	for i, p := range parts {
		decals[i] = decal(p.Pattern, p.Ink)
		tbl.Head = append(tbl.Head, p.Name)
		tbl.Num = append(tbl.Num, true)
	}
	for ci, c := range categories {
		row := []string{c}
		for _, p := range parts {
			row = append(row, t.pctOrSuppressed(p.Shares[ci]))
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	// Each level has its pattern as well as its colour (ECharts' decal,
	// by series in order).
	height := 100 + 40*len(categories)
	// On a phone, labels that would cover each other are left out (the
	// figures are in the table).
	phone := phoneNamesAbove(height, 1, 18, "4%")
	bars := make([]any, len(parts))
	for i := range bars {
		bars[i] = map[string]any{"barMaxWidth": 18, "labelLayout": map[string]any{"hideOverlap": true}}
	}
	phone["option"].(map[string]any)["series"] = bars
	return chart{ID: id, Option: b, Height: height, Table: tbl, Extra: map[string]any{
		"aria":  map[string]any{"enabled": true, "label": map[string]any{"enabled": false}, "decal": map[string]any{"show": true, "decals": decals}},
		"media": []any{phone},
	}}
}

// heatItem is one cell of a heatmap. go-echarts' HeatMapData has no label,
// so cells are written with their own type.
type heatItem struct {
	Name  string      `json:"name"`
	Value [3]any      `json:"value"`
	Label *opts.Label `json:"label,omitempty"`
}

// heatCell is the value of a heatmap cell, or a suppressed cell.
type heatCell struct {
	Value      float64 // NaN: no data
	Suppressed bool
}

// heatmapChart shows values on 0–100 for rows × columns. Suppressed cells
// are a second, grey series that shows "•" and takes no colour from the
// scale. The tooltip shows the cell's name ("row · column: value"), which
// ECharts HTML-escapes when it fills a template.
func heatmapChart(id string, cols, rows []string, cells [][]heatCell, t *catalog) chart {
	h := charts.NewHeatMap()
	h.SetGlobalOptions(baseOpts(id)...)
	h.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithGridOpts(grid("1%", "2%", "8", "70")),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cols}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows}))
	shown, hidden := []heatItem{}, []heatItem{}
	for r, row := range cells {
		for c, cell := range row {
			name := rows[r] + " · " + cols[c] + ": "
			switch {
			case cell.Suppressed:
				hidden = append(hidden, heatItem{Name: name + t.Suppressed, Value: [3]any{c, r, 0}, Label: fixedLabel(t.Suppressed, "inside")})
			case !math.IsNaN(cell.Value):
				s := t.num(cell.Value)
				l := fixedLabel(s, "inside")
				l.Color = inkOn(heatColour(cell.Value))
				shown = append(shown, heatItem{Name: name + s, Value: [3]any{c, r, value(cell.Value)}, Label: l})
			}
		}
	}
	h.MultiSeries = append(h.MultiSeries, charts.SingleSeries{Name: t.Mean, Type: types.ChartHeatMap, Data: shown,
		ItemStyle: &opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}})
	if len(hidden) > 0 {
		h.MultiSeries = append(h.MultiSeries, charts.SingleSeries{Name: t.Suppressed, Type: types.ChartHeatMap, Data: hidden,
			ItemStyle: &opts.ItemStyle{Color: "#eef0f3", BorderColor: "#ffffff", BorderWidth: 1}})
	}
	tbl := &dataTable{Head: append([]string{""}, cols...), Num: []bool{false}}
	for range cols {
		tbl.Num = append(tbl.Num, true)
	}
	for r, row := range cells {
		line := []string{rows[r]}
		for _, cell := range row {
			switch {
			case cell.Suppressed:
				line = append(line, t.Suppressed)
			default:
				line = append(line, t.num(cell.Value))
			}
		}
		tbl.Rows = append(tbl.Rows, line)
	}
	return chart{ID: id, Option: h, Height: 170 + 30*len(rows), Table: tbl, Extra: map[string]any{
		// Long names wrap instead of overlapping (go-echarts' AxisLabel
		// has no width or overflow).
		"xAxis": map[string]any{"type": "category", "data": cols, "position": "top", "splitArea": map[string]any{"show": true},
			"axisTick":  map[string]any{"show": false},
			"axisLabel": map[string]any{"interval": 0, "width": 126, "overflow": "break", "color": inkColour, "fontSize": 11, "lineHeight": 14}},
		"yAxis": map[string]any{"type": "category", "data": rows, "inverse": true, "splitArea": map[string]any{"show": true},
			"axisTick":  map[string]any{"show": false},
			"axisLabel": map[string]any{"interval": 0, "width": 200, "overflow": "break", "color": inkColour, "lineHeight": 14}},
		// Where columns are too narrow for the longest words, the column
		// names turn instead (an ECharts media query: data, no code).
		"media": []any{map[string]any{"query": map[string]any{"maxWidth": 210 + 128*len(cols)},
			"option": map[string]any{"xAxis": map[string]any{"axisLabel": map[string]any{"rotate": 30, "width": 220, "overflow": "truncate"}}}},
			// On a phone the cells are too narrow for their numbers: they
			// are left to the table under the chart.
			map[string]any{"query": map[string]any{"maxWidth": 560},
				"option": map[string]any{"series": []any{map[string]any{"label": map[string]any{"show": false}}, map[string]any{}},
					"xAxis": map[string]any{"axisLabel": map[string]any{"fontSize": 10, "width": 90}},
					"yAxis": map[string]any{"axisLabel": map[string]any{"fontSize": 10, "width": 110, "overflow": "truncate"}}}}},
		"visualMap": map[string]any{
			"type": "continuous", "min": 0, "max": 100, "seriesIndex": 0, "calculable": false,
			"orient": "horizontal", "left": "center", "bottom": 8, "itemWidth": 12, "itemHeight": 220,
			"text": []string{"100", "0"}, "textStyle": map[string]any{"color": mutedColour},
			"inRange": map[string]any{"color": heatScale},
		},
	}}
}

// heatScale are the colours of the heatmap's scale from 0 to 100, evenly
// spaced.
var heatScale = []string{"#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"}

// heatColour returns the colour the heatmap gives a value on 0–100, as
// ECharts' continuous visualMap works it out: each channel interpolated
// linearly between the two neighbouring colours of heatScale, rounded.
// The label of a cell is inked for that colour: a fixed threshold (white
// from 60 on) gave white on 60–68 at 3.2–3.9:1.
func heatColour(v float64) string {
	x := min(max(v/100, 0), 1) * float64(len(heatScale)-1)
	i := min(int(x), len(heatScale)-2)
	f := x - float64(i)
	var out [3]uint8
	for c := range out {
		a, _ := strconv.ParseUint(heatScale[i][1+2*c:3+2*c], 16, 8)
		b, _ := strconv.ParseUint(heatScale[i+1][1+2*c:3+2*c], 16, 8)
		out[c] = uint8(math.Round(float64(a) + (float64(b)-float64(a))*f))
	}
	return fmt.Sprintf("#%02x%02x%02x", out[0], out[1], out[2])
}

// boxplotChart shows the spread of each category as a horizontal box:
// minimum, first quartile, median, third quartile, maximum. A NaN box is
// left out (suppressed). ECharts' own box tooltip names the five values
// in English, so each box carries its description, in the report's
// language, as its name, and the tooltip shows that name.
func boxplotChart(id string, categories []string, boxes [][5]float64, t *catalog) chart {
	b := charts.NewBoxPlot()
	b.SetGlobalOptions(baseOpts(id)...)
	b.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithGridOpts(grid("1%", "4%", "8", "40")),
		charts.WithXAxisOpts(valueAxis(100, t.Score+" (0–100)")),
		charts.WithYAxisOpts(categoryYAxis(categories)))
	data := make([]opts.BoxPlotData, len(boxes))
	for i, bx := range boxes {
		if math.IsNaN(bx[2]) {
			data[i] = opts.BoxPlotData{Name: categories[i] + ": " + t.Suppressed, Value: []any{}}
			continue
		}
		data[i] = opts.BoxPlotData{Name: fmt.Sprintf(t.BoxTipF, categories[i], t.num(bx[2]), t.num(bx[1]), t.num(bx[3]), t.num(bx[0]), t.num(bx[4])),
			Value: []any{value(bx[0]), value(bx[1]), value(bx[2]), value(bx[3]), value(bx[4])}}
	}
	b.AddSeries(t.Dimensions, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#dbe7f3", BorderColor: seriesColour(0), BorderWidth: 1.5}),
		barWidth("26"))
	return chart{ID: id, Option: b, Height: barHeight(len(categories), 1, true)}
}

// mapPoint is one unit on the map.
type mapPoint struct {
	Lon, Lat float64
	Name     string // "" when units may not be named
	Size     int    // symbol size in pixels; 0 for the default
}

// mapLayer is the units of one level.
type mapLayer struct {
	Name   string
	Colour string
	Points []mapPoint
}

// Largest plot area of the map, in CSS pixels.
const mapWidth, mapHeight = 760, 600

// mapChart draws units as dots on longitude × latitude, one series per
// level. There is no base map: the report must work without network, and
// a bundled map of every region would dwarf the report. The plot area has
// a fixed size whose aspect ratio corrects for longitude degrees being
// shorter than latitude degrees (by the cosine of the mean latitude), so
// the shape of the region is true. named switches the tooltip from the
// level alone to "name: level".
func mapChart(id string, layers []mapLayer, named bool) chart {
	lon0, lon1, lat0, lat1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, l := range layers {
		for _, p := range l.Points {
			lon0, lon1 = min(lon0, p.Lon), max(lon1, p.Lon)
			lat0, lat1 = min(lat0, p.Lat), max(lat1, p.Lat)
		}
	}
	ext := mapExtent(lon0, lon1, lat0, lat1)
	s := charts.NewScatter()
	s.SetGlobalOptions(baseOpts(id)...)
	tip := "{a}"
	if named {
		tip = "{b}<br/>{a}"
	}
	s.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: types.FuncStr(tip)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}))
	for _, l := range layers {
		data := make([]opts.ScatterData, len(l.Points))
		for i, p := range l.Points {
			data[i] = opts.ScatterData{Name: p.Name, Value: []float64{round(p.Lon, 4), round(p.Lat, 4)}, SymbolSize: p.Size}
		}
		s.AddSeries(l.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: l.Colour, BorderColor: "#ffffff", BorderWidth: 0.6, Opacity: opts.Float(0.9)}),
			charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 9}))
	}
	// Longitude and latitude axes without lines, ticks or labels: the
	// dots are the map (go-echarts' YAxis has no axisTick).
	axis := func(lo, hi float64) map[string]any {
		off := map[string]any{"show": false}
		return map[string]any{"type": "value", "min": lo, "max": hi, "axisLabel": off, "axisLine": off, "axisTick": off, "splitLine": off}
	}
	return chart{ID: id, Option: s, Height: ext.Height + 70, Extra: map[string]any{
		"xAxis": axis(ext.Lon0, ext.Lon1),
		"yAxis": axis(ext.Lat0, ext.Lat1),
		"grid": map[string]any{"left": "center", "top": 16, "width": ext.Width, "height": ext.Height,
			"show": true, "borderColor": lineColour, "backgroundColor": "#fbfcfd"},
	}}
}

// extent is the area a map shows and the size of its plot in pixels.
type extent struct {
	Lon0, Lon1, Lat0, Lat1 float64
	Width, Height          int
}

// mapExtent pads the bounding box by 4 % and fits it, true to scale, into
// mapWidth × mapHeight.
func mapExtent(lon0, lon1, lat0, lat1 float64) extent {
	if math.IsInf(lon0, 0) { // no points
		return extent{0, 1, 0, 1, mapWidth, mapHeight}
	}
	const minSpan = 0.05 // degrees, so a single point still has an area
	padLon, padLat := max(lon1-lon0, minSpan)*0.04, max(lat1-lat0, minSpan)*0.04
	e := extent{Lon0: round(lon0-padLon, 3), Lon1: round(lon1+padLon, 3), Lat0: round(lat0-padLat, 3), Lat1: round(lat1+padLat, 3)}
	kx := math.Cos((e.Lat0 + e.Lat1) / 2 * math.Pi / 180) // km per degree of longitude ÷ per degree of latitude
	w, h := (e.Lon1-e.Lon0)*kx, e.Lat1-e.Lat0
	scale := min(mapWidth/w, mapHeight/h)
	e.Width, e.Height = int(math.Round(w*scale)), int(math.Round(h*scale))
	return e
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// lineChart shows series over the waves, each with its own symbol.
func lineChart(id string, waves []string, series []barSeries, t *catalog) chart {
	l := charts.NewLine()
	l.SetGlobalOptions(baseOpts(id)...)
	l.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(grid("1%", "4%", "36", "64")),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: lineColour}}}))
	l.SetXAxis(waves)
	for i, s := range series {
		data := make([]opts.LineData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.LineData{Value: value(v)}
		}
		width := float32(2)
		if i == 0 {
			width = 4
		}
		l.AddSeries(s.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: seriesColour(i)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: width}),
			charts.WithLineChartOpts(opts.LineChart{Symbol: seriesSymbol(i), SymbolSize: 9, ShowSymbol: opts.Bool(true)}))
	}
	tbl := &dataTable{Head: []string{""}, Num: []bool{false}}
	for _, s := range series {
		tbl.Head = append(tbl.Head, s.Name)
		tbl.Num = append(tbl.Num, true)
	}
	for wi, w := range waves {
		row := []string{w}
		for _, s := range series {
			row = append(row, t.numOrSuppressed(s.Values[wi]))
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	// On a phone the legend takes a line for about every two series:
	// the plot ends above it.
	phone := map[string]any{"query": phoneQuery(380), "option": map[string]any{
		"grid": map[string]any{"bottom": 40 + 24*((len(series)+1)/2)}}}
	return chart{ID: id, Option: l, Height: 380, Table: tbl, Extra: map[string]any{"media": []any{phone}}}
}

// rawOption is an ECharts option written as plain data, for the charts
// whose structure go-echarts v2.6.7 cannot express (a polar line over a
// radar grid, a map coloured through another series' geo). Its values are
// encoded like every other option: data only, no functions.
type rawOption map[string]any

func (rawOption) Validate()              {}
func (o rawOption) JSON() map[string]any { return o }

// radarHeight is the height of a radar chart in CSS pixels.
const radarHeight = 440

// radarLines are the series of a radar chart: a closed line per series
// (see radarOption). pointName formats the tooltip text of one point.
func radarLines(n int, series []barSeries, pointName func(series, axis int) string) []radarLine {
	lines := make([]radarLine, len(series))
	for si := range series {
		s := &series[si]
		data := make([]radarPoint, 0, n+1)
		for i, v := range s.Values {
			if math.IsNaN(v) {
				data = append(data, radarPoint{Value: [2]any{"-", i}})
				continue
			}
			data = append(data, radarPoint{Value: [2]any{s.value(v), i}, Name: pointName(si, i)})
		}
		// Back to the first axis to close the line; no second dot there.
		if v := s.Values[0]; math.IsNaN(v) {
			data = append(data, radarPoint{Value: [2]any{"-", n}})
		} else {
			data = append(data, radarPoint{Value: [2]any{s.value(v), n}, Symbol: "none"})
		}
		l := radarLine{ConnectNulls: false, CoordinateSystem: "polar", Data: data, ItemStyle: itemColour{seriesColour(si)},
			LineStyle: lineStyle{Type: "solid", Width: 3}, Name: s.Name, Symbol: seriesSymbol(si), SymbolSize: 7, Type: "line"}
		if si == 0 {
			l.AreaStyle = &areaStyle{Opacity: 0.25}
		} else {
			l.LineStyle = lineStyle{Type: "dashed", Width: 2}
		}
		lines[si] = l
	}
	return lines
}

// radarLine is a series of a radar chart. Its fields are in the order of
// their JSON names, so that it encodes as the map of the same keys did
// (encoding/json writes a map's keys sorted): TestRadarLinesCanonical.
type radarLine struct {
	AreaStyle        *areaStyle   `json:"areaStyle,omitempty"`
	ConnectNulls     bool         `json:"connectNulls"`
	CoordinateSystem string       `json:"coordinateSystem"`
	Data             []radarPoint `json:"data"`
	ItemStyle        itemColour   `json:"itemStyle"`
	LineStyle        lineStyle    `json:"lineStyle"`
	Name             string       `json:"name"`
	Symbol           string       `json:"symbol"`
	SymbolSize       int          `json:"symbolSize"`
	Type             string       `json:"type"`
}

// radarPoint is a point of a radarLine: a value (or "-", a gap) on an
// axis, with its tooltip text, or the point that closes the line. The
// name is never empty where a point has one (pointName names the axis).
type radarPoint struct {
	Name   string `json:"name,omitempty"`
	Symbol string `json:"symbol,omitempty"`
	Value  [2]any `json:"value"`
}

type areaStyle struct {
	Opacity float64 `json:"opacity"`
}

type itemColour struct {
	Color string `json:"color"`
}

type lineStyle struct {
	Type  string `json:"type"`
	Width int    `json:"width"`
}

// radarOption is a radar chart's option: it compares series over the
// same axes (0–100). A radar series of ECharts would draw a missing value
// at the centre, as if it were 0, so the values are drawn as closed lines
// (radarLines) in polar coordinates laid over the radar's grid: a
// dimension without a value (not scored, or a suppressed median) is a gap
// in its line. The first series (the unit) is drawn solid and filled, the
// others (medians) dashed, so they differ without colour. names are the
// legend's (the series' names) and series the lines, or holes of a shape.
func radarOption(axes []string, names, series any) rawOption {
	ind, phoneInd := make([]map[string]any, len(axes)), make([]map[string]any, len(axes))
	for i, a := range axes {
		ind[i] = map[string]any{"name": a, "max": 100}
		phoneInd[i] = map[string]any{"name": wrapWords(a, phoneLine), "max": 100}
	}
	n := len(axes)
	center, radius := []string{"50%", "46%"}, "56%"
	phoneCenter := []string{"50%", "43%"}
	return rawOption{
		"tooltip": map[string]any{"show": true, "trigger": "item", "formatter": "{a}<br/>{b}"},
		"legend":  map[string]any{"show": true, "bottom": "0", "data": names},
		"radar": map[string]any{"indicator": ind, "shape": "polygon", "splitNumber": 5, "center": center, "radius": radius,
			"axisName":  map[string]any{"color": inkColour, "fontSize": 12, "width": 120, "overflow": "break"},
			"splitLine": map[string]any{"lineStyle": map[string]any{"color": lineColour}},
			"splitArea": map[string]any{"show": false}},
		"polar": map[string]any{"center": center, "radius": radius},
		// In a narrow box (a phone, half an A4 page) the names need more
		// room around the web.
		"media": []any{map[string]any{"query": map[string]any{"maxWidth": 460},
			"option": map[string]any{"radar": map[string]any{"radius": "40%", "axisName": map[string]any{"fontSize": 10, "width": 80}},
				"polar": map[string]any{"radius": "40%"}}},
			// On a phone the names beside the web break into lines:
			// ECharts cuts a radar's axis names at their width rather than
			// breaking them, so the lines are in the names.
			map[string]any{"query": phoneQuery(radarHeight),
				"option": map[string]any{"radar": map[string]any{"indicator": phoneInd, "nameGap": 8, "radius": "48%", "center": phoneCenter,
					"axisName": map[string]any{"lineHeight": 12}},
					"polar": map[string]any{"radius": "48%", "center": phoneCenter}}}},
		"angleAxis":  map[string]any{"type": "value", "min": 0, "max": n, "startAngle": 90, "clockwise": false, "show": false},
		"radiusAxis": map[string]any{"type": "value", "min": 0, "max": 100, "show": false},
		"series":     series,
	}
}

// seriesSymbols tell compared series apart without colour.
var seriesSymbols = []string{"circle", "rect", "triangle", "diamond", "pin", "roundRect", "arrow"}

func seriesSymbol(i int) string { return seriesSymbols[i%len(seriesSymbols)] }

// band is one level's range on the 0–100 scale.
type band struct {
	Name     string
	From, To float64
	Colour   string
}

// bandChart shows one value per category as horizontal bars over the
// level bands. Bars take the colour of the band they reach.
func bandChart(id string, categories []string, values []float64, labels []string, colours []string, bands []band, t *catalog) chart {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOpts(id)...)
	// Room on the right for labels such as "80,2 · Fortgeschritten".
	b.SetGlobalOptions(
		charts.WithGridOpts(grid("1%", "24%", "8", "40")),
		charts.WithXAxisOpts(valueAxis(100, t.Score+" (0–100)")),
		charts.WithYAxisOpts(categoryYAxis(categories)))
	data := bandData(values, labels, colours)
	var areas [][]opts.MarkAreaData
	for _, bd := range bands {
		areas = append(areas, []opts.MarkAreaData{
			{Name: bd.Name, XAxis: bd.From, MarkAreaStyle: opts.MarkAreaStyle{ItemStyle: &opts.ItemStyle{Color: bd.Colour, Opacity: opts.Float(0.13)},
				Label: &opts.Label{Show: opts.Bool(false)}}},
			{XAxis: bd.To}})
	}
	sopts := []charts.SeriesOpts{barWidth("26")}
	if len(areas) > 0 {
		sopts = append(sopts, charts.WithMarkAreaData(areas...))
	}
	b.AddSeries(t.Score, data, sopts...)
	height := barHeight(len(categories), 1, true)
	// On a phone the labels at the bars' ends ("80,2 · Fortgeschritten")
	// need the right part of the chart.
	return chart{ID: id, Option: b, Height: height, Extra: map[string]any{
		"media": []any{phoneNamesAbove(height, 1, 12, "44%")},
	}}
}

// bandData is the data of bandChart's series: each bar in its colour,
// with its label. The values are a unit's scores as shown
// (renderer.scoreValue): a bar ends where its label says.
func bandData(values []float64, labels []string, colours []string) []opts.BarData {
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: drawn(v), ItemStyle: &opts.ItemStyle{Color: colours[i]}}
		if labels[i] != "" {
			data[i].Label = fixedLabel(labels[i], "right")
		}
	}
	return data
}

// pattern is what is drawn over a level's colour, so that levels (and
// suppressed areas) differ without colour too: for colour-blind readers,
// and on a grey-scale printer.
type pattern int

const (
	plain pattern = iota
	dots
	rising     // lines like /
	falling    // lines like \
	horizontal // lines like –
	vertical   // lines like |
	hatch      // suppressed: dense lines like \, on grey
)

// levelPattern returns the pattern of a level by ordinal: none for the
// first level (and for no level), then dots, horizontal, vertical and
// rising lines in turn; falling lines are kept for suppressed areas.
func levelPattern(ordinal int) pattern {
	if ordinal <= 1 {
		return plain
	}
	return []pattern{dots, horizontal, vertical, rising}[(ordinal-2)%4]
}

// class names the CSS class that draws the pattern on a legend swatch
// (see reifegrad.css); empty for none.
func (p pattern) Class() string {
	switch p {
	case dots:
		return "pat-dots"
	case rising:
		return "pat-rising"
	case falling:
		return "pat-falling"
	case horizontal:
		return "pat-horizontal"
	case vertical:
		return "pat-vertical"
	case hatch:
		return "pat-hatch"
	}
	return ""
}

// decal returns the ECharts decal that draws the pattern in ink (dark or
// white, as reads on the colour), or the decal that draws nothing.
func decal(p pattern, ink string) map[string]any {
	c := "rgba(29, 39, 51, 0.45)"
	if ink == "#ffffff" {
		c = "rgba(255, 255, 255, 0.6)"
	}
	lines := func(rotation float64, gap int) map[string]any {
		return map[string]any{"symbol": "rect", "symbolSize": 1, "dashArrayX": []int{1, 0}, "dashArrayY": []int{1, gap},
			"rotation": rotation, "color": c}
	}
	switch p {
	case dots:
		return map[string]any{"symbol": "circle", "symbolSize": 0.9, "dashArrayX": []int{2, 4}, "dashArrayY": []int{2, 4}, "color": c}
	case rising: // ECharts turns counter-clockwise for a negative angle
		return lines(-math.Pi/4, 4)
	case falling:
		return lines(math.Pi/4, 4)
	case horizontal:
		return lines(0, 4)
	case vertical:
		return lines(math.Pi/2, 4)
	case hatch:
		d := lines(math.Pi/4, 3)
		d["color"] = "rgba(29, 39, 51, 0.5)"
		return d
	}
	return map[string]any{"symbol": "none"}
}

// phoneWidth is the widest chart that gets a phone's layout: a chart
// on a 400 px screen is about 376 px wide.
const phoneWidth = 420

// phoneQuery is the ECharts media query of a chart of the given height
// (CSS pixels) on a phone's screen. The printed chart is as narrow as a
// phone's — half an A4 page, about 340 px — but only 60 % as high
// (reifegrad.css), and keeps its own layout: only the height tells the
// two apart.
func phoneQuery(height int) map[string]any {
	return map[string]any{"maxWidth": phoneWidth, "minHeight": height * 3 / 4}
}

// phoneLine is the length in characters of a line of a label that is
// broken into lines on a phone.
const phoneLine = 14

// wrapWords breaks s into lines of at most width characters at spaces,
// or after a hyphen where a word alone is longer than a line; a longer
// part stays whole.
func wrapWords(s string, width int) string {
	var parts []string
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) <= width {
			parts = append(parts, w)
			continue
		}
		for {
			i := strings.Index(w, "-")
			if i < 0 || i == len(w)-1 {
				break
			}
			parts = append(parts, w[:i+1])
			w = w[i+1:]
		}
		parts = append(parts, w)
	}
	var b strings.Builder
	line := 0
	for i, p := range parts {
		n := utf8.RuneCountInString(p)
		glue := " "
		if i > 0 && strings.HasSuffix(parts[i-1], "-") {
			glue = ""
		}
		switch {
		case i == 0:
		case line+len(glue)+n <= width:
			b.WriteString(glue)
			line += len(glue)
		default:
			b.WriteByte('\n')
			line = 0
		}
		b.WriteString(p)
		line += n
	}
	return b.String()
}

// phoneNamesAbove is the media rule of a horizontal bar chart on a phone:
// the names beside the bars would leave the bars no room, and the labels
// at their ends none either, so each category's name goes above its
// bars (breaking into lines where it is long), which are thinner (thick
// pixels each, side series side by side), and the bars end right of the
// chart's edge where the labels after them still fit.
func phoneNamesAbove(height, side, thick int, right string) map[string]any {
	// The name's bottom stays 4 px above the bars.
	above := (side*thick+(side-1)*thick/3)/2 + 4
	bars := make([]any, side)
	for i := range bars {
		bars[i] = map[string]any{"barMaxWidth": thick}
	}
	return map[string]any{"query": phoneQuery(height), "option": map[string]any{
		"grid": map[string]any{"left": 12, "right": right, "top": 28},
		"yAxis": map[string]any{"z": 3, "axisLabel": map[string]any{"inside": true, "verticalAlign": "bottom", "fontSize": 11,
			"padding": []int{0, 0, above, 0}, "width": phoneLabelWidth, "overflow": "break"}},
		"series": bars,
	}}
}

// phoneLabelWidth is the width in pixels of a name over the bars on a
// phone: a 360 px screen's chart is 334 px wide.
const phoneLabelWidth = 300
