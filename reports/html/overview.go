package html

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/internal/visible"
	"github.com/reifegrad/reifegrad/scoring"
)

// overviewPage is what overview.html shows. A nil chart or an empty list
// leaves its section out.
type overviewPage struct {
	page
	ListUnits bool
	Figures   []figure

	LevelRows   []levelRow
	RangeHead   string // what decides a level: the overall score or criteria
	LevelsChart *chart
	SizeChart   *chart
	LevelsNote  string

	DimRows  []dimStatRow
	DimChart *chart
	BoxChart *chart

	HeatChart   *chart
	GroupsTitle string

	MapChart *chart

	TrendChart       *chart
	TrendLevelsChart *chart

	// Robust and Validation: the analysis of the model (analyse.go);
	// nil when there is none.
	Robust     *robustSection
	Validation *validationSection
	A          *analyseText
	// AnalysisPending: the analysis is still being computed
	// (Options.AnalysisPending).
	AnalysisPending bool

	Quality     quality
	Units       []unitRow
	Methodology []string
	Note        string
}

// levelRow is a line of the table of levels.
type levelRow struct {
	Name, Range, Description string
	Count, Share             string
	Colour, Ink, Pattern     string
}

// dimStatRow is a line of the table of figures per dimension; P10 and
// P90 are the ends of the box plot's whiskers.
type dimStatRow struct {
	Name, N, Mean, Median, Q1, Q3, P10, P90 string
	Overall                                 bool
}

// unitRow is a line of the list of units (ListUnits only).
type unitRow struct {
	ID, Name, District, SizeClass, Score, Level, Href string
}

func (rd *renderer) overview(w io.Writer) error {
	r, t := rd.r, rd.t
	wi := r.Latest()
	if wi < 0 {
		return errors.New("no responses to report")
	}
	wave := r.Waves[wi]
	all := rd.group(wave.ID, -1, "")
	units := r.WaveUnits(wi)
	p := &overviewPage{page: page{T: t, Title: r.Model.Name + " – " + t.Overview, Subtitle: t.Wave + " " + wave.Label},
		ListUnits: rd.o.ListUnits}
	p.Figures = rd.headline(wi, all, units)
	rd.levelSection(p, wave.ID, all)
	rd.dimensionSection(p, all)
	rd.districtSection(p, wave.ID, all)
	rd.mapSection(p, units)
	rd.trendSection(p)
	rd.analysisSections(p)
	p.A = rd.at()
	p.Quality = rd.quality()
	if rd.o.ListUnits {
		p.Units = rd.unitRows(units)
	}
	p.Methodology = rd.methodology()
	if rd.o.DataSource != "" {
		p.Methodology = append(p.Methodology, rd.o.DataSource)
	}
	p.Note = rd.suppressedNote(true) // the table of dimensions shows quartiles
	if rd.fewScored(append([]*scoring.Node{r.Model.Root()}, r.Model.Dimensions()...), all) {
		p.Note += " " + fmt.Sprintf(t.ScoredNoteF, rd.minGroup)
	}
	p.Nav = p.nav()
	if err := p.finish(rd, AssetsDir); err != nil {
		return err
	}
	return execute(w, pageTemplates(), "overview.html", p)
}

// execute renders a page into memory first: a page is written with one
// call, and a failed page writes nothing. The buffers are reused: a
// profile grows one to its size again and again otherwise (10,786 times
// nationally). A control character of the data (an escape in a unit's
// name, an answer) is written as the text \u001b, as the terminal shows
// it: html/template left it raw in the page.
func execute(w io.Writer, set *template.Template, name string, data any) error {
	b := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(b)
	b.Reset()
	if err := set.ExecuteTemplate(b, name, data); err != nil {
		return err
	}
	_, err := w.Write(visible.Controls(b.Bytes()))
	return err
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (p *overviewPage) nav() []navItem {
	t := p.T
	n := []navItem{{"figures", t.Summary}, {"levels", t.Levels}, {"dimensions", t.Dimensions}}
	if p.HeatChart != nil {
		n = append(n, navItem{"groups", p.GroupsTitle})
	}
	if p.MapChart != nil {
		n = append(n, navItem{"map", t.Map})
	}
	if p.TrendChart != nil {
		n = append(n, navItem{"trend", t.Trend})
	}
	if p.AnalysisPending {
		n = append(n, navItem{"analysis", analyseTexts[t.Lang].Pending})
	}
	if p.Robust != nil {
		n = append(n, navItem{"robustness", analyseTexts[t.Lang].Robustness})
	}
	if p.Validation != nil {
		n = append(n, navItem{"validation", analyseTexts[t.Lang].Validation})
	}
	n = append(n, navItem{"quality", t.DataQuality})
	if len(p.Units) > 0 {
		n = append(n, navItem{"units", t.UnitsList})
	}
	return append(n, navItem{"method", t.Methodology})
}

// headline returns the key figures of the latest wave.
func (rd *renderer) headline(wi int, all *scoring.GroupStats, units []scoring.UnitResult) []figure {
	t, m := rd.t, rd.r.Model
	scored := 0
	for i := range units {
		if units[i].Overall().Scored() {
			scored++
		}
	}
	// The number scored is a count over the wave's units, as its level
	// counts are (Disclosure.Units): hidden with them in a wave too small.
	scoredFig := figure{Label: t.FigScored, Value: t.Suppressed}
	if rd.dis.Units(all) == scoring.Published {
		scoredFig.Value = t.int(scored)
	}
	figs := []figure{{Label: t.FigUnits, Value: t.int(len(units))}, scoredFig}
	meanFig := figure{Label: t.MeanScore, Value: rd.suppressedNum(rd.stat(all, 0, mean))}
	if wi > 0 {
		// The change of the mean rests, as every change does, on the
		// questions both waves asked the same way (the trend section says
		// on how many); the difference of the full means mixed in the
		// questions only one wave asked. Shown where both means are.
		prev := rd.group(rd.r.Waves[wi-1].ID, -1, "")
		before, after := rd.stat(prev, 0, mean), rd.stat(all, 0, mean)
		if gc, ok := rd.r.GroupChange(all, 0); ok && !math.IsNaN(before) && !math.IsNaN(after) && rd.dis.Change(gc) == scoring.Published {
			meanFig.Sub = rd.since(gc.Change, rd.r.Waves[wi-1].Label)
		}
	}
	figs = append(figs, meanFig, figure{Label: t.MedianScore, Value: rd.suppressedNum(rd.stat(all, 0, median))})
	if n := len(m.Levels.List); n > 1 {
		// Of all units of the wave, as the table of levels and every
		// other output (GroupStats.LevelShare).
		from := m.Levels.List[n/2]
		v := t.Suppressed
		if rd.dis.Units(all) == scoring.Published {
			if share := all.LevelShareFrom(from.Ordinal); !math.IsNaN(share) {
				v = t.pct(share)
			}
		}
		figs = append(figs, figure{Label: fmt.Sprintf(t.FigShareFromF, from.Name), Value: v, Sub: fmt.Sprintf(t.FigShareOfF, t.int(all.Units))})
	}
	return figs
}

// levelSection fills the table and charts of levels.
func (rd *renderer) levelSection(p *overviewPage, wave scoring.WaveID, all *scoring.GroupStats) {
	t, m := rd.t, rd.r.Model
	show := rd.dis.Units(all) == scoring.Published
	// share is a level's share of all units of the wave, those without a
	// level included (GroupStats.LevelShare), as in every output.
	share := func(o int) string {
		if v := all.LevelShare(o); show && !math.IsNaN(v) {
			return t.pct(v)
		}
		return t.Suppressed
	}
	var cats, labels, colours []string
	var counts []float64
	for _, l := range m.Levels.List {
		row := levelRow{Name: l.Name, Description: l.Description, Range: rd.levelRange(l),
			Colour: rd.levelColour(l.Ordinal), Ink: inkOn(rd.levelColour(l.Ordinal)), Pattern: levelPattern(l.Ordinal).Class(),
			Count: t.Suppressed, Share: t.Suppressed}
		n := all.Levels[l.Ordinal]
		if show {
			row.Count = t.int(n)
		}
		row.Share = share(l.Ordinal)
		p.LevelRows = append(p.LevelRows, row)
		cats, counts = append(cats, l.Name), append(counts, float64(n))
		labels, colours = append(labels, t.int(n)), append(colours, rd.levelColour(l.Ordinal))
	}
	if all.Levels[0] > 0 {
		row := levelRow{Name: t.NoLevel, Colour: noLevelColour, Ink: inkOn(noLevelColour), Count: t.Suppressed, Share: share(0)}
		if show {
			row.Count = t.int(all.Levels[0])
		}
		p.LevelRows = append(p.LevelRows, row)
		cats, counts = append(cats, t.NoLevel), append(counts, float64(all.Levels[0]))
		labels, colours = append(labels, t.int(all.Levels[0])), append(colours, noLevelColour)
	}
	p.LevelsNote = fmt.Sprintf(t.LevelTableNote, t.int(all.Units))
	p.RangeHead = t.Range
	if m.Levels.Method == scoring.Staged {
		p.RangeHead = t.Criteria
	}
	if show {
		c := barChart("overview-levels", cats, []barSeries{{Name: t.Count, Values: counts, Colours: colours, Labels: labels}}, false, 0, t.Count)
		c.Title, c.TableID = t.LevelDist, "levels-table"
		p.LevelsChart = p.add(c)
	}
	if pg := peerGroupByAttribute(m, "size_class"); pg >= 0 {
		groups := rd.groups(wave, pg)
		slices.SortStableFunc(groups, func(a, b *scoring.GroupStats) int { return m.CompareGroups(pg, a.Group, b.Group) })
		if len(groups) > 0 {
			c := rd.levelShares("overview-levels-by-size", groups)
			c.Title = fmt.Sprintf(t.LevelsByF, m.PeerGroups[pg].Name)
			c.Notes = []string{t.LevelsByNote}
			if rd.dis.ComplementaryIn(wave, pg) {
				c.Notes = append(c.Notes, t.SecondaryNote)
			}
			// Shares too thin to label: the table is the figures on paper.
			c.Print = printTable
			p.SizeChart = p.add(c)
		}
	}
}

// levelRange describes which scores or criteria give a level.
func (rd *renderer) levelRange(l scoring.Level) string {
	m := rd.r.Model
	if m.Levels.Method == scoring.Staged {
		var cs []string
		for _, c := range l.Criteria {
			cs = append(cs, scoring.NewDescriber(rd.o.Language).Criterion(m, c))
		}
		return strings.Join(cs, "; ")
	}
	return rd.t.From + " " + rd.t.Lang.Number(l.Min)
}

// levelShares is a stacked chart of the share of each level per group;
// groups whose distribution is suppressed (see disclosure) are labelled
// "•" and left empty.
func (rd *renderer) levelShares(id string, groups []*scoring.GroupStats) chart {
	t, m := rd.t, rd.r.Model
	cats := make([]string, len(groups))
	noLevel := false
	for i, g := range groups {
		label := g.Group
		if g.PeerGroup < 0 {
			label = rd.waveLabel(g.Wave)
		}
		if rd.dis.Units(g) == scoring.Published {
			cats[i] = fmt.Sprintf(t.NSizeF, label, t.int(g.Units))
		} else {
			cats[i] = fmt.Sprintf(t.SuppressedF, label, t.int(g.Units))
		}
		noLevel = noLevel || g.Levels[0] > 0
	}
	part := func(name string, ordinal int) stackSeries {
		s := stackSeries{Name: name, Colour: rd.levelColour(ordinal), Ink: inkOn(rd.levelColour(ordinal)), Pattern: levelPattern(ordinal),
			Shares: make([]float64, len(groups))}
		for i, g := range groups {
			s.Shares[i] = math.NaN()
			if rd.dis.Units(g) == scoring.Published {
				s.Shares[i] = g.LevelShare(ordinal)
			}
		}
		return s
	}
	var parts []stackSeries
	for _, l := range m.Levels.List {
		parts = append(parts, part(l.Name, l.Ordinal))
	}
	if noLevel {
		parts = append(parts, part(t.NoLevel, 0))
	}
	return shareChart(id, cats, parts, t)
}

// dimensionSection fills the table, mean chart and box plots per
// dimension.
func (rd *renderer) dimensionSection(p *overviewPage, all *scoring.GroupStats) {
	t, m := rd.t, rd.r.Model
	nodes := append([]*scoring.Node{m.Root()}, m.Dimensions()...)
	cats := make([]string, len(nodes))
	means := make([]float64, len(nodes))
	labels := make([]string, len(nodes))
	boxes := make([][5]float64, len(nodes))
	colours := make([]string, len(nodes))
	for i, n := range nodes {
		cats[i] = n.Name
		if i == 0 {
			cats[i] = t.Overall
		}
		s := all.Nodes[n.Index]
		row := dimStatRow{Name: cats[i], N: t.Suppressed, Overall: i == 0}
		if rd.dis.Units(all) == scoring.Published { // as aggregates.csv's n
			row.N = t.int(s.N)
		}
		if rd.shown(all.Units) && rd.shown(s.N) {
			row.Mean, row.Median, row.Q1, row.Q3 = t.num(s.Mean), t.num(s.Median), t.num(s.Q1), t.num(s.Q3)
			means[i], labels[i] = s.Mean, t.num(s.Mean)
			lo, hi := rd.dis.Whiskers(rd.r.Latest(), n.Index, s.Q1, s.Q3) // not Min and Max: see disclosure
			boxes[i] = [5]float64{lo, s.Q1, s.Median, s.Q3, hi}
			row.P10, row.P90 = t.num(lo), t.num(hi)
			if s.N < 11 { // no whiskers: see Disclosure.Whiskers
				row.P10, row.P90 = "–", "–"
			}
			if rd.dis.Quartiles(all, n.Index) != scoring.Published { // nor quartiles, nor a box
				row.Q1, row.Q3 = t.Suppressed, t.Suppressed
				boxes[i] = [5]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}
			}
		} else {
			row.Mean, row.Median, row.Q1, row.Q3 = t.Suppressed, t.Suppressed, t.Suppressed, t.Suppressed
			row.P10, row.P90 = t.Suppressed, t.Suppressed
			means[i], labels[i] = math.NaN(), t.Suppressed
			boxes[i] = [5]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}
		}
		colours[i] = seriesColour(0)
		if i == 0 {
			colours[i] = "#0d3c6e"
		}
		p.DimRows = append(p.DimRows, row)
	}
	c := barChart("overview-dimensions", cats, []barSeries{{Name: t.Mean, Values: means, Colours: colours, Labels: labels}}, true, 100, t.Mean+" (0–100)")
	c.Title, c.Notes, c.TableID = t.DimMeans, []string{t.DimMeansNote}, "dim-table"
	p.DimChart = p.add(c)
	b := boxplotChart("overview-boxplot", cats, boxes, t)
	b.Title, b.Notes, b.TableID = t.BoxTitle, []string{t.BoxNote}, "dim-table"
	p.BoxChart = p.add(b)
}

// districtSection fills the heatmap of dimension means per group of the
// district peer group, with the whole state as the first row.
func (rd *renderer) districtSection(p *overviewPage, wave scoring.WaveID, all *scoring.GroupStats) {
	t, m := rd.t, rd.r.Model
	pg := peerGroupByAttribute(m, "district")
	if pg < 0 {
		return
	}
	groups := append([]*scoring.GroupStats{all}, rd.groups(wave, pg)...)
	if len(groups) == 1 {
		return
	}
	nodes := append([]*scoring.Node{m.Root()}, m.Dimensions()...)
	cols := make([]string, len(nodes))
	for i, n := range nodes {
		cols[i] = n.Name
	}
	cols[0] = t.Overall
	rows := make([]string, len(groups))
	cells := make([][]heatCell, len(groups))
	for gi, g := range groups {
		label := g.Group
		if gi == 0 {
			label = t.AllUnits
		}
		rows[gi] = fmt.Sprintf(t.NSizeF, label, t.int(g.Units))
		cells[gi] = make([]heatCell, len(nodes))
		for ni, n := range nodes {
			v := rd.stat(g, n.Index, mean)
			cells[gi][ni] = heatCell{Value: v, Suppressed: math.IsNaN(v) && g.Units > 0}
		}
	}
	c := heatmapChart("overview-heatmap", cols, rows, cells, t)
	c.Title = fmt.Sprintf(t.HeatTitleF, m.PeerGroups[pg].Name)
	p.GroupsTitle = fmt.Sprintf(t.ByGroupF, m.PeerGroups[pg].Name)
	c.Notes = []string{fmt.Sprintf(t.HeatNoteF, rd.minGroup)}
	if !rd.dis.HidesSmallGroups() {
		c.Notes = []string{t.HeatDarker, t.NoFigureNote}
	}
	if slices.ContainsFunc(groups, func(g *scoring.GroupStats) bool { return rd.fewScored(nodes, g) }) {
		c.Notes = append(c.Notes, fmt.Sprintf(t.ScoredNoteF, rd.minGroup))
	}
	if rd.dis.ComplementaryIn(wave, pg) {
		c.Notes = append(c.Notes, t.SecondaryNote)
	}
	// On paper a row is 18 px, too little for a name that wraps: the
	// table, with every name beside its figures.
	c.Print = printTable
	p.HeatChart = p.add(c)
}

// trendSection fills the charts across waves, when there are several.
func (rd *renderer) trendSection(p *overviewPage) {
	r, t, m := rd.r, rd.t, rd.r.Model
	if len(r.Waves) < 2 {
		return
	}
	nodes := append([]*scoring.Node{m.Root()}, m.Dimensions()...)
	labels := make([]string, len(r.Waves))
	states := make([]*scoring.GroupStats, len(r.Waves))
	var sizes []string
	for i, w := range r.Waves {
		labels[i] = w.Label
		states[i] = rd.group(w.ID, -1, "")
		sizes = append(sizes, w.Label+": "+t.int(states[i].Units))
	}
	series := make([]barSeries, len(nodes))
	for ni, n := range nodes {
		s := barSeries{Name: n.Name, Values: make([]float64, len(r.Waves))}
		if ni == 0 {
			s.Name = t.Overall
		}
		for wi := range r.Waves {
			s.Values[wi] = rd.trendStat(states[wi], n.Index)
		}
		series[ni] = s
	}
	c := lineChart("overview-trend", labels, series, t)
	c.Title = t.TrendTitle + " (0–100)"
	c.Notes = []string{fmt.Sprintf(t.TrendNoteF, strings.Join(sizes, ", "))}
	// A trend rests on the questions every wave asked the same way.
	if n, of := r.TrendCore(); n < of {
		c.Notes = append(c.Notes, fmt.Sprintf(t.TrendCoreF, n, of))
	}
	// The mean change of the units scored in both waves; those who joined
	// or left are counted so that none of them can be worked out.
	if gc, ok := r.GroupChange(states[len(states)-1], 0); ok &&
		rd.dis.Panel(gc.Panel, gc.NAfter-gc.Panel, gc.NBefore-gc.Panel) == scoring.Published {
		c.Notes = append(c.Notes, fmt.Sprintf(t.TrendPanelF, gc.Panel, t.signed(gc.PanelDelta), r.Waves[len(r.Waves)-2].Label))
		// A unit others merged into since answered both waves but has no
		// change (scoring.Results.Change): the count above leaves it out,
		// and without this the note said fewer took part in both than did.
		if slices.ContainsFunc(r.WaveUnits(r.Latest()), func(u scoring.UnitResult) bool {
			return u.Previous >= 0 && (len(u.Merged) > 0 || len(u.Absorbed) > 0)
		}) {
			c.Notes = append(c.Notes, t.TrendPanelMerged)
		}
		if gc.Compared < gc.Asked {
			c.Notes = append(c.Notes, fmt.Sprintf(t.PanelCoreF, gc.Compared, gc.Asked))
		}
	}
	c.Print = printWithTable // a line has no figures written on it
	p.TrendChart = p.add(c)
	lv := rd.levelShares("overview-trend-levels", states)
	lv.Title = t.TrendLevels
	lv.Print = printTable // as the chart by size class
	p.TrendLevelsChart = p.add(lv)
}

// unitRows lists the units of the latest wave (ListUnits only).
func (rd *renderer) unitRows(units []scoring.UnitResult) []unitRow {
	t, m := rd.t, rd.r.Model
	rows := make([]unitRow, len(units))
	for i := range units {
		u := &units[i]
		row := unitRow{ID: string(u.Unit.ID), Name: u.Unit.Name, District: u.Unit.District, SizeClass: u.SizeClass,
			Score: t.NotRated, Level: "–", Href: "profiles/" + ProfileFile(u.Unit.ID)}
		if u.Overall().Scored() {
			row.Score, row.Level = rd.score(u.Overall().Score), m.Levels.ByOrdinal(u.Level).String()
		}
		rows[i] = row
	}
	return rows
}

// methodology returns the paragraphs of the methodology section.
func (rd *renderer) methodology() []string {
	t := rd.t
	// The model's description opens the methodology where it is in the
	// page's language; in another it stays out.
	ps := nouns.Methodology(rd.r, rd.o.Language)
	// The version is named in the first paragraph, the fingerprint in
	// the last (scoring.Methodology).
	conf := t.ConfNoteF
	if !slices.Contains(rd.r.Presence().PeerGroups, true) {
		// No division into groups whose small ones a difference could
		// give away: organisations in no peer group read of those "such
		// as by district".
		conf = t.ConfAllNoteF
	}
	if !rd.dis.HidesSmallGroups() {
		return append(ps, t.ConfOneNote)
	}
	return append(ps, fmt.Sprintf(conf, rd.minGroup))
}

// trendStat is the mean of node on the questions every wave asked the
// same way (GroupStats.Trend), or NaN where the group's figure is hidden.
func (rd *renderer) trendStat(g *scoring.GroupStats, node int) float64 {
	if rd.dis.Trend(g, node) != scoring.Published {
		return math.NaN()
	}
	return g.Trend[node].Mean
}
