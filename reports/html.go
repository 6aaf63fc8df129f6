package reports

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/reifegrad/reifegrad/scoring"
)

//go:embed templates/*.html
var templateFS embed.FS

var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{}).ParseFS(templateFS, "templates/*.html"))

// Options control the HTML and Excel reports. The zero value writes German
// reports that link assets from "assets/", suppress groups smaller than 5,
// and name no municipality in the overview.
type Options struct {
	Language Language
	// MinGroupSize: no aggregate of a group with fewer units is shown.
	// Zero means 5.
	MinGroupSize int
	// ListUnits allows the overview to name individual units.
	ListUnits bool
	// InlineAssets writes single-file HTML with the chart library inside.
	InlineAssets bool
	// PeerGroup is the ID of the peer group profiles compare against;
	// empty picks "groessenklasse" if the model has it, else the first.
	PeerGroup scoring.PeerGroupID
	// Workers bounds how many profiles render at once; zero means one
	// per CPU.
	Workers int
	// Progress, if set, is called after each profile with the number
	// done and the total. It may be called from several goroutines.
	Progress func(done, total int)
}

func (o *Options) minGroup() int {
	if o.MinGroupSize <= 0 {
		return 5
	}
	return o.MinGroupSize
}

// peerGroup returns the index of the peer group profiles compare with, or
// -1 when the model has none.
func (o *Options) peerGroup(m *scoring.Model) int {
	want := o.PeerGroup
	if want == "" {
		want = "groessenklasse"
	}
	for i, p := range m.PeerGroups {
		if p.ID == want {
			return i
		}
	}
	if len(m.PeerGroups) > 0 && o.PeerGroup == "" {
		return 0
	}
	return -1
}

// page holds what every page template needs.
type page struct {
	T         *catalog
	Title     string
	Subtitle  string
	Assets    string // relative URL of the assets folder
	Inline    *inlineAssets
	Charts    []chart
	ChartJSON template.JS
}

func (p *page) finish(o *Options, assets string) error {
	if o.InlineAssets {
		p.Inline = loadInline()
	}
	p.Assets = assets
	js, err := chartData(p.Charts)
	p.ChartJSON = js
	return err
}

type figure struct{ Label, Value string }

type overviewPage struct {
	page
	Figures     []figure
	Quality     []figure
	Rejects     []scoring.Reject
	MoreRejects int
	Methodology []string
	Note        string
}

// RenderOverview writes overview.html: the association's view of all
// units in the latest wave. It shows aggregates only, unless ListUnits.
func RenderOverview(w io.Writer, r *scoring.Results, o Options) error {
	t := texts(o.Language)
	wi := r.Latest()
	if wi < 0 {
		return errors.New("no responses to report")
	}
	wave := r.Waves[wi]
	all := r.Group(wave.ID, -1, "")
	p := &overviewPage{page: page{T: t, Title: t.OverviewTitle, Subtitle: r.Model.Name + " · " + t.Wave + " " + wave.Label}}
	units := r.WaveUnits(wi)
	scored := 0
	for i := range units {
		if units[i].Overall().Scored() {
			scored++
		}
	}
	p.Figures = []figure{
		{t.Units, t.int(len(units))},
		{t.Scored, t.int(scored)},
	}
	rootStats := all.Nodes[0]
	if rootStats.N >= o.minGroup() {
		p.Figures = append(p.Figures, figure{t.MeanScore, t.num(rootStats.Mean)}, figure{t.MedianScore, t.num(rootStats.Median)})
	}
	p.Charts = append(p.Charts, levelChart(r, all, "overview-levels", t, o.minGroup()), dimensionMeanChart(r, all, "overview-dimensions", t, o.minGroup()))
	p.Quality = []figure{{t.RowsRead, t.int(r.RowsRead)}, {t.Rejected, t.int(len(r.Rejects))}, {t.Issues, t.int(len(r.Issues))}}
	p.Rejects = r.Rejects
	if len(p.Rejects) > 50 {
		p.MoreRejects = len(p.Rejects) - 50
		p.Rejects = p.Rejects[:50]
	}
	p.Methodology = scoring.Methodology(r.Model, t.Lang)
	p.Note = fmt.Sprintf(t.SuppressedNote, o.minGroup())
	if err := p.finish(&o, AssetsDir); err != nil {
		return err
	}
	return pageTemplates.ExecuteTemplate(w, "overview.html", p)
}

// levelChart shows how many units reached each level.
func levelChart(r *scoring.Results, g *scoring.GroupStats, id string, t *catalog, minGroup int) chart {
	levels := r.Model.Levels.List
	cats := make([]string, 0, len(levels)+1)
	vals := make([]float64, 0, len(levels)+1)
	cols := make([]string, 0, len(levels)+1)
	for _, l := range levels {
		cats = append(cats, l.Name)
		v := float64(g.Levels[l.Ordinal])
		if g.Units < minGroup {
			v = math.NaN()
		}
		vals = append(vals, v)
		cols = append(cols, levelColour(l.Ordinal))
	}
	if g.Levels[0] > 0 {
		cats = append(cats, t.NoLevel)
		vals = append(vals, float64(g.Levels[0]))
		cols = append(cols, levelColour(0))
	}
	return chart{ID: id, Title: t.LevelDist, Option: barChart(id, t.LevelDist, cats, []barSeries{{Name: t.Count, Values: vals, Colours: cols}}, false, 0)}
}

// dimensionMeanChart shows the mean score of each top-level dimension.
func dimensionMeanChart(r *scoring.Results, g *scoring.GroupStats, id string, t *catalog, minGroup int) chart {
	dims := r.Model.Dimensions()
	cats := make([]string, len(dims))
	vals := make([]float64, len(dims))
	for i, d := range dims {
		cats[i] = d.Name
		s := g.Nodes[d.Index]
		vals[i] = s.Mean
		if s.N < minGroup {
			vals[i] = math.NaN()
		}
	}
	return chart{ID: id, Title: t.DimMeans, Option: barChart(id, t.DimMeans, cats, []barSeries{{Name: t.Mean, Values: vals}}, true, 100)}
}

type dimRow struct {
	Name                    string
	Score, Coverage         string
	StateMedian, PeerMedian string
}

type profilePage struct {
	page
	Unit        scoring.Unit
	SizeClass   string
	Wave        string
	Level       scoring.Level
	Score       string
	Scored      bool
	Percentile  string
	PeerName    string
	PeerGroup   string
	PeerPct     string
	Dimensions  []dimRow
	LowCoverage bool
	Note        string
}

// ProfileFile is the file name of a unit's profile. It is built from the
// unit ID alone; characters other than letters, digits, '-' and '_' are
// replaced, so no ID can reach outside the profiles folder.
func ProfileFile(id scoring.UnitID) string {
	var b strings.Builder
	for _, r := range string(id) {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '-', r == '_':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "~%04x", r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("_")
	}
	return b.String() + ".html"
}

// RenderProfile writes the profile of one unit result: its level and
// scores against the medians of the state and its peer group. It contains
// no other unit's own data. assets is the relative URL of the assets
// folder ("../assets" for profiles/).
func RenderProfile(w io.Writer, r *scoring.Results, u *scoring.UnitResult, o Options, assets string) error {
	t := texts(o.Language)
	m := r.Model
	p := &profilePage{page: page{T: t, Title: t.ProfileTitle + ": " + u.Unit.Name, Subtitle: m.Name + " · " + t.Wave + " " + string(u.Wave)},
		Unit: u.Unit, SizeClass: u.SizeClass, Wave: string(u.Wave), LowCoverage: u.LowCoverage}
	p.Level = m.Levels.ByOrdinal(u.Level)
	ov := u.Overall()
	p.Scored = ov.Scored()
	p.Score = t.num(ov.Score)
	if !math.IsNaN(u.State.Percentile) && u.State.N >= o.minGroup() {
		p.Percentile = fmt.Sprintf(t.PercentileOf, t.num(u.State.Percentile))
	}
	state := r.Group(u.Wave, -1, "")
	pg := o.peerGroup(m)
	var peers *scoring.GroupStats
	if pg >= 0 {
		p.PeerName = m.PeerGroups[pg].Name
		p.PeerGroup = u.Peers[pg].Group
		peers = r.Group(u.Wave, pg, u.Peers[pg].Group)
		if peers != nil && peers.Units >= o.minGroup() && !math.IsNaN(u.Peers[pg].Percentile) {
			p.PeerPct = fmt.Sprintf(t.PercentileOf, t.num(u.Peers[pg].Percentile))
		} else {
			p.PeerPct = t.Suppressed
		}
	}
	dims := m.Dimensions()
	axes := make([]string, len(dims))
	own, stateMed, peerMed := make([]float64, len(dims)), make([]float64, len(dims)), make([]float64, len(dims))
	for i, d := range dims {
		axes[i] = d.Name
		s := u.Nodes[d.Index]
		own[i] = math.NaN()
		row := dimRow{Name: d.Name, Score: t.NotRated, Coverage: t.num(100*s.Coverage) + " %"}
		if s.Scored() {
			own[i] = s.Score
			row.Score = t.num(s.Score)
		}
		stateMed[i] = median(state, d.Index, o.minGroup())
		peerMed[i] = median(peers, d.Index, o.minGroup())
		row.StateMedian, row.PeerMedian = suppressedNum(t, stateMed[i]), suppressedNum(t, peerMed[i])
		p.Dimensions = append(p.Dimensions, row)
	}
	series := []barSeries{{Name: u.Unit.Name, Values: own}, {Name: t.StateMedian, Values: stateMed}}
	if peers != nil && peers.Units >= o.minGroup() {
		series = append(series, barSeries{Name: t.PeerMedian + " (" + p.PeerGroup + ")", Values: peerMed})
	}
	p.Charts = []chart{{ID: "profile-radar", Title: t.RadarTitle, Tall: true, Option: radarChart("profile-radar", t.RadarTitle, axes, series)}}
	p.Note = fmt.Sprintf(t.SuppressedNote, o.minGroup())
	if err := p.finish(&o, assets); err != nil {
		return err
	}
	return pageTemplates.ExecuteTemplate(w, "profile.html", p)
}

// median returns a group's median of a node, or NaN when the group is
// missing or smaller than minGroup (confidentiality).
func median(g *scoring.GroupStats, node, minGroup int) float64 {
	if g == nil || g.Units < minGroup || g.Nodes[node].N < minGroup {
		return math.NaN()
	}
	return g.Nodes[node].Median
}

func suppressedNum(t *catalog, v float64) string {
	if math.IsNaN(v) {
		return t.Suppressed
	}
	return t.num(v)
}

// Create opens a named output for writing; RenderAll calls it for every
// file. Close must make the file visible (e.g. rename a temporary file).
type Create func(name string) (io.WriteCloser, error)

// ProfileUnits returns, for each unit, its result in the latest wave it
// answered: the results that get a profile.
func ProfileUnits(r *scoring.Results) []*scoring.UnitResult {
	latest := map[scoring.UnitID]int{}
	var order []scoring.UnitID
	for i := range r.Units {
		id := r.Units[i].Unit.ID
		if _, ok := latest[id]; !ok {
			order = append(order, id)
		}
		latest[id] = i
	}
	out := make([]*scoring.UnitResult, len(order))
	for i, id := range order {
		out[i] = &r.Units[latest[id]]
	}
	return out
}

// RenderAll writes the assets, overview.html and profiles/<id>.html for
// every unit, rendering profiles on Options.Workers goroutines. Errors are
// collected per profile and returned together; the output is the same
// whatever the number of workers.
func RenderAll(ctx context.Context, r *scoring.Results, o Options, create Create) error {
	if !o.InlineAssets {
		for _, name := range AssetNames() {
			if err := writeTo(create, AssetsDir+"/"+name, func(w io.Writer) error { return WriteAsset(w, name) }); err != nil {
				return err
			}
		}
	}
	if err := writeTo(create, "overview.html", func(w io.Writer) error { return RenderOverview(w, r, o) }); err != nil {
		return err
	}
	units := ProfileUnits(r)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(units))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(units) || ctx.Err() != nil {
					return
				}
				u := units[i]
				errs[i] = writeTo(create, "profiles/"+ProfileFile(u.Unit.ID), func(w io.Writer) error {
					return RenderProfile(w, r, u, o, "../"+AssetsDir)
				})
				if o.Progress != nil {
					o.Progress(int(done.Add(1)), len(units))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// writeTo creates a named output, lets fn write it and closes it.
func writeTo(create Create, name string, fn func(io.Writer) error) error {
	w, err := create(name)
	if err != nil {
		return err
	}
	if err := fn(w); err != nil {
		if a, ok := w.(interface{ Abort() }); ok {
			a.Abort()
		} else {
			w.Close()
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	return w.Close()
}
