package html

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates are parsed once, when a page is first written — not at
// start, which every command paid, check included (0.7 ms, 4,600
// allocations); executing a template is safe for concurrent use.
var pageTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))
})

// Options control the HTML reports. The zero value writes German pages
// that link assets from "assets/", suppress groups smaller than
// scoring.DefaultMinGroupSize, and name no municipality in the overview.
type Options struct {
	Language scoring.Language
	// MinGroupSize: no aggregate of a group with fewer units is shown.
	// Zero means scoring.DefaultMinGroupSize.
	MinGroupSize int
	// Disclosure, if set, decides which group figures may be shown, so
	// that every output of a run asks the same object; it must have been
	// made for the same Results. Nil means scoring.NewDisclosure(r,
	// MinGroupSize).
	Disclosure *scoring.Disclosure
	// ListUnits allows the overview to name individual units: in the map's
	// tooltips, the data-quality lists and a list of all units with links
	// to their profiles. Off, the overview shows aggregates only.
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
	// Date is the day the report is made, shown on every page (and on
	// every printed page); the zero value leaves it out.
	Date time.Time
	// DataCutoff is the day the data was taken (the survey's end, or the
	// export), shown beside the date; the zero value leaves it out.
	DataCutoff time.Time
	// DataSource is the source note of data the pages show besides the
	// answers — a bundled register's districts and populations, whose
	// licence asks for it (survey.RegisterSource) — closing the
	// overview's methodology and the profile's reading guide; "" for none.
	DataSource string
	// Analysis, if set, adds the model's validation and robustness to
	// the overview and each unit's robustness to its profile.
	Analysis *analyse.Report
	// RobustnessLater, with no Analysis, has a profile say that its
	// robustness is computed later, where the line would stand: the
	// server's profile of a municipality's fresh submission is analysed
	// at the next refresh of the others' figures (web). False: no line.
	RobustnessLater bool
	// RobustnessPending, with no Analysis, has a profile say that its
	// robustness is being computed, where the line would stand: the
	// server analyses a peer refresh's results in the background (web).
	RobustnessPending bool
	// AnalysisPending, with no Analysis, has the overview say, where the
	// analysis would stand, that it is still being computed, with a link
	// to the page with ?wait: 'reifegrad serve' answers the overview
	// before the analysis of its submissions is done, and that link once
	// it is. False: no analysis, no word of it.
	AnalysisPending bool
	// Comparison, if set, is the scoring a profile compares its unit with
	// instead of the results it renders: the groups' figures (medians,
	// which groups are shown) are Comparison's, and the unit's percentiles
	// are not shown. 'reifegrad serve' scores a municipality's newer
	// submission among the others as of the last refresh of their figures
	// (web); a percentile or a median that moved with each of its own
	// submissions would let it find, by submitting other answers, each of a
	// small group's scores. Its figures come with the next refresh.
	Comparison *scoring.Results
	// Roadmaps, if set, are the units' roadmaps of the latest wave: each
	// profile shows its own ("Ihr Weg zu Stufe N").
	Roadmaps *roadmap.Set
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

// renderer holds what every page of one run shares: the results, the
// options and, for single-file HTML, the asset contents, read once. It is
// read-only after newRenderer, so profiles render from it in parallel.
type renderer struct {
	r        *scoring.Results
	o        Options
	t        *catalog
	minGroup int
	// peerGroup is the index of the peer group profiles compare with, or
	// -1: the model has none, or no unit is in any of its groups
	// (scoring.Presence) — a column of "•" said to be hidden for a group
	// too small stood in every profile of organisations without a size
	// class.
	peerGroup int
	dis       *scoring.Disclosure // which group figures may be shown
	inline    *inlineAssets
	palette   []string         // colour per level, by ordinal - 1
	round     scoring.Rounding // how a unit's scores are shown beside levels
	shapes    profileShapes
	// compare renders the group figures a profile compares with: rd
	// itself, or one over Options.Comparison.
	compare *renderer
	figures sync.Map // figureKey → template.HTML (figure)
	// profileSet is the profile's templates baked with t (bake.go): the
	// language's shared ones where t is the language's catalog, else t's
	// own, baked once — baked with the shared catalog, a SAMM profile's
	// headers said "municipalities" where its cells said "organisations".
	profileSet func() (*template.Template, error)
	// analyseT and roadmapT are the texts of the analyses and the roadmap
	// in t's words for the units.
	analyseT *analyseText
	roadmapT *roadmapCatalog
}

func newRenderer(r *scoring.Results, o Options) *renderer {
	dis := o.Disclosure
	if dis == nil {
		dis = scoring.NewDisclosure(r, o.MinGroupSize)
	}
	rd := &renderer{r: r, o: o, t: unitTexts(r, texts(o.Language)), minGroup: dis.MinGroup(), dis: dis,
		palette: levelPalette(len(r.Model.Levels.List)), round: scoring.NewRounding(r.Model.Levels)}
	one, many := r.UnitNouns(o.Language)
	rp := nouns.Replacer(o.Language, one, many)
	rd.analyseT, rd.roadmapT = nouns.Rewrite(analyseTexts[o.Language], rp), nouns.Rewrite(roadmapCatalogs[o.Language], rp)
	rd.profileSet = func() (*template.Template, error) { return profileTemplate(o.Language) }
	if rd.t != texts(o.Language) {
		rd.profileSet = sync.OnceValues(func() (*template.Template, error) { return bakeCatalog(rd.t) })
	}
	if o.InlineAssets {
		rd.inline = loadInline()
	}
	if rd.peerGroup = o.peerGroup(r.Model); !r.Presence().PeerGroup(rd.peerGroup) {
		rd.peerGroup = -1
	}
	rd.compare = rd
	if c := o.Comparison; c != nil {
		co := o
		co.Comparison, co.Disclosure, co.Roadmaps, co.Analysis = nil, nil, nil, nil
		rd.compare = newRenderer(c, co)
	}
	return rd
}

// unitTexts is t with the model's words for its units: the id and
// district headers (scoring.Results.UnitIDLabel, DistrictLabel) — "AGS"
// headed the id of organisations and countries — and the noun in every
// text (Results.UnitNouns) — "Alle Kommunen" above them. t itself where
// all are t's own.
func unitTexts(r *scoring.Results, t *catalog) *catalog {
	one, many := r.UnitNouns(t.Lang)
	id, district := r.UnitIDLabel(t.ID, t.UnitID), r.DistrictLabel(t.District)
	if id == t.ID && district == t.District && one == "" {
		return t
	}
	// A copy of its own either way: t is shared by every renderer, and
	// Rewrite hands it back as it is where the noun does not change.
	cc := *nouns.Rewrite(t, nouns.Replacer(t.Lang, one, many))
	c := &cc
	c.ID, c.District = id, district
	if r.Model.UnitLabels.ID != "" {
		c.UnitID = id
	}
	return c
}

// levelColour returns the colour of a level; ordinal 0 (no level) is grey.
func (rd *renderer) levelColour(ordinal int) string {
	if ordinal < 1 || ordinal > len(rd.palette) {
		return noLevelColour
	}
	return rd.palette[ordinal-1]
}

// group returns the statistics of a group, or empty statistics when the
// group has no units, so callers need not check for nil.
func (rd *renderer) group(wave scoring.WaveID, pg int, name string) *scoring.GroupStats {
	if g := rd.r.Group(wave, pg, name); g != nil {
		return g
	}
	m := rd.r.Model
	return &scoring.GroupStats{Wave: wave, PeerGroup: pg, Group: name,
		Nodes: make([]scoring.Stats, len(m.Nodes)), Levels: make([]int, len(m.Levels.List)+1)}
}

// since words a change since the previous wave (label) for the figure
// it stands under: on the questions both waves asked alike, and said so
// where those are not all the wave asked — the figure above is a score on
// all of them.
func (rd *renderer) since(ch scoring.Change, label string) string {
	t := rd.t
	switch {
	case ch.Compared >= ch.Asked:
		return fmt.Sprintf(t.SinceF, t.signed(ch.Delta), label)
	case ch.Compared == 1:
		return fmt.Sprintf(t.SinceCore1F, t.signed(ch.Delta), label)
	}
	return fmt.Sprintf(t.SinceCoreF, t.signed(ch.Delta), label, ch.Compared)
}

// groups returns the groups of peer group pg in a wave, by name.
func (rd *renderer) groups(wave scoring.WaveID, pg int) []*scoring.GroupStats {
	var out []*scoring.GroupStats
	for i := range rd.r.Groups {
		if g := &rd.r.Groups[i]; g.Wave == wave && g.PeerGroup == pg {
			out = append(out, g)
		}
	}
	return out
}

// shown reports whether an aggregate over n units may be published.
func (rd *renderer) shown(n int) bool { return n >= rd.minGroup }

// stat returns a statistic of node in g, or NaN when it is suppressed:
// the group or the number of units scored on the node is below the minimum
// group size, or the group is hidden so that a smaller one cannot be
// computed by difference (see disclosure).
func (rd *renderer) stat(g *scoring.GroupStats, node int, f func(scoring.Stats) float64) float64 {
	if rd.dis.Node(g, node) != scoring.Published {
		return math.NaN()
	}
	return f(g.Nodes[node])
}

func mean(s scoring.Stats) float64   { return s.Mean }
func median(s scoring.Stats) float64 { return s.Median }

// waveLabel returns the label of a wave.
func (rd *renderer) waveLabel(id scoring.WaveID) string {
	for _, w := range rd.r.Waves {
		if w.ID == id {
			return w.Label
		}
	}
	return string(id)
}

// score formats a unit's score, actual or projected, by the model's
// rounding (scoring.Rounding): one decimal, more where one would reach a
// level's or criterion's minimum the score does not reach (59,96 beside
// level 1 below 60, never 60,0); "–" for NaN.
func (rd *renderer) score(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return rd.t.decimal(rd.round.Text(x))
}

// scoreValue is a unit's score as a chart draws it: what score writes, so
// that a bar or point never ends across a band edge its label does not,
// and the tooltip, which shows the value as it is, reads as the label.
func (rd *renderer) scoreValue(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return rd.round.Value(x)
}

// scoreValues maps scoreValue over xs, into a new slice.
func (rd *renderer) scoreValues(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = rd.scoreValue(x)
	}
	return out
}

// suppressedNote is the legend of "•" as scoring.Disclosure decides it:
// groups of fewer than min_group_size units, or under min_group_size 1,
// which hides no figure that exists, figures no unit of the group has.
// With quartiles, for an output that shows them, it says too that
// quartiles of fewer than 5 scores are hidden where the smallest group
// shown is smaller (scoring.FewScores).
func (rd *renderer) suppressedNote(quartiles bool) string {
	t := rd.t
	note := fmt.Sprintf(t.SuppressedNote, rd.minGroup)
	if !rd.dis.HidesSmallGroups() {
		note = t.NoFigureNote
	}
	if quartiles && rd.dis.QuartilesApart() {
		note += " " + fmt.Sprintf(t.QuartilesNoteF, scoring.MinQuartileScores)
	}
	return note
}

// fewScored reports whether some of the nodes (indicators left out, as
// no table shows their group figures) has its figures over group g hidden
// only because fewer than min_group_size of g's units are scored there
// (scoring.Disclosure.FewScored), where small groups are hidden at all:
// then a legend of groups too small does not explain its "•".
func (rd *renderer) fewScored(nodes []*scoring.Node, g *scoring.GroupStats) bool {
	if g == nil || !rd.dis.HidesSmallGroups() {
		return false
	}
	return slices.ContainsFunc(nodes, func(n *scoring.Node) bool {
		return n.Kind != scoring.KindIndicator && rd.dis.Node(g, n.Index) == scoring.TooSmall && rd.dis.FewScored(g, n.Index)
	})
}

// suppressedScore formats a median a unit's score is compared with as
// the score (score), or "•" where it is suppressed (NaN).
func (rd *renderer) suppressedScore(v float64) string {
	if math.IsNaN(v) {
		return rd.t.Suppressed
	}
	return rd.score(v)
}

// suppressedNum formats a value that may be suppressed (NaN) as "•".
func (rd *renderer) suppressedNum(v float64) string {
	if math.IsNaN(v) {
		return rd.t.Suppressed
	}
	return rd.t.num(v)
}

// peerGroupByAttribute returns the index of the first peer group over an
// attribute, or -1.
func peerGroupByAttribute(m *scoring.Model, attr string) int {
	for i, p := range m.PeerGroups {
		if p.Attribute == attr {
			return i
		}
	}
	return -1
}

// page holds what every page template needs.
type page struct {
	T        *catalog
	Title    string
	Subtitle string
	// Stamp says when the report was made, of which waves and as of which
	// data: on screen under the title, in print at the foot of every page.
	Stamp string
	// Head is what a printed page says at its head: which page of which
	// report it is (the title; a profile adds the unit's id), so that a
	// sheet separated from its first page still says whose it is.
	Head string
	// Mark is the confidentiality mark at the head of every printed page,
	// "" for none: a profile holds one municipality's own answers.
	Mark string
	// PageRule is the print stylesheet's @page rule that writes Head and
	// Mark at the head of every printed page and Stamp at its foot.
	PageRule  template.CSS
	Assets    string // relative URL of the assets folder
	Inline    *inlineAssets
	Nav       []navItem
	Charts    []*chart
	ChartJSON template.JS
	// Maps are the boundaries of the page's maps, by the name the page
	// registers them under; MapJSON is their JSON block.
	Maps    map[string]pageMap
	MapJSON template.JS
}

// navItem is an entry of a page's table of contents.
type navItem struct{ ID, Label string }

// figure is a key figure: a big value, a label and an optional line
// under it.
type figure struct{ Label, Value, Sub string }

// add registers a chart of the page and returns it for the template.
func (p *page) add(c chart) *chart {
	pc := &c
	pc.t = p.T
	p.Charts = append(p.Charts, pc)
	return pc
}

func (p *page) finish(rd *renderer, assets string) error {
	p.Inline = rd.inline
	p.Assets = assets
	p.Stamp = rd.stamp()
	if p.Head == "" {
		p.Head = p.Title
	}
	p.PageRule = pageRule(p.Head, p.Mark, p.Stamp)
	js, err := chartData(p.Charts)
	p.ChartJSON = js
	if err != nil || len(p.Maps) == 0 {
		return err
	}
	// encoding/json escapes <, > and & in the names of the boundaries as
	// in every other string; the topology is compacted, not re-encoded.
	b, err := json.Marshal(p.Maps)
	p.MapJSON = template.JS(b)
	return err
}

// pageRule returns the @page rule of a page's print stylesheet: head at
// the top left of every printed page, mark (if any) at the top right,
// stamp (if any) at the bottom left. The texts are quoted here, not by
// html/template: it takes a quoted CSS string for a URL and replaced
// "Digitalprofil: Chemnitz, Stadt" — a scheme "Digitalprofil:" — by
// "#ZgotmplZ".
func pageRule(head, mark, stamp string) template.CSS {
	var b strings.Builder
	b.WriteString("@page { @top-left { content: " + cssString(head) + "; }")
	if mark != "" {
		b.WriteString(" @top-right { content: " + cssString(mark) + "; }")
	}
	if stamp != "" {
		b.WriteString(" @bottom-left { content: " + cssString(stamp) + "; }")
	}
	b.WriteString(" }")
	return template.CSS(b.String())
}

// cssString quotes s as a CSS string. A quote, a backslash, a control
// character and < > & are hex escapes: nothing in a name can end the
// string, the rule or the <style> element ("</style>").
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// stamp returns the line that dates the report: the date it was made, the
// waves it covers and the cut-off of its data, where they are known.
func (rd *renderer) stamp() string {
	t := rd.t
	var parts []string
	if !rd.o.Date.IsZero() {
		parts = append(parts, fmt.Sprintf(t.StampDateF, t.date(rd.o.Date)))
	}
	var waves []string
	for _, w := range rd.r.Waves {
		waves = append(waves, w.Label)
	}
	if len(waves) == 1 {
		parts = append(parts, t.Wave+" "+waves[0])
	} else if len(waves) > 1 {
		parts = append(parts, t.WavesLabel+" "+strings.Join(waves, ", "))
	}
	if !rd.o.DataCutoff.IsZero() {
		parts = append(parts, fmt.Sprintf(t.StampCutoffF, t.date(rd.o.DataCutoff)))
	}
	return strings.Join(parts, " · ")
}

// RenderOverview writes overview.html: the association's view of all
// units in the latest wave, with the trend over earlier waves. It shows
// aggregates only, unless Options.ListUnits.
func RenderOverview(w io.Writer, r *scoring.Results, o Options) error {
	return newRenderer(r, o).overview(w)
}

// RenderProfile writes the profile of one unit result: its level and
// scores against the medians of the state and its peer group. It contains
// no other unit's own data. assets is the relative URL of the assets
// folder ("../assets" for profiles/).
func RenderProfile(w io.Writer, r *scoring.Results, u *scoring.UnitResult, o Options, assets string) error {
	return newRenderer(r, o).profile(w, u, assets)
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
	if b.Len() == 0 || windowsDevice(b.String()) {
		b.WriteString("_")
	}
	return b.String() + ".html"
}

// windowsDevice reports whether name is one Windows reserves for a device
// (CON, NUL, COM1, …): "NUL.html" cannot be created there, whatever the
// extension.
func windowsDevice(name string) bool {
	switch n := strings.ToUpper(name); n {
	case "CON", "PRN", "AUX", "NUL":
		return true
	default:
		return len(n) == 4 && (strings.HasPrefix(n, "COM") || strings.HasPrefix(n, "LPT")) && n[3] >= '1' && n[3] <= '9'
	}
}

// Create opens a named output for writing; RenderAll calls it for every
// file. Close must make the file visible (e.g. rename a temporary file).
type Create func(name string) (io.WriteCloser, error)

// ProfileUnits returns, for each unit, its result in the latest wave it
// answered: the results that get a profile.
//
// A municipality that has become part of another (UnitResult.Successor)
// has no profile of its own when its successor's profile lists it with its
// earlier scores (the merger came after its last wave).
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
	out := make([]*scoring.UnitResult, 0, len(order))
	for _, id := range order {
		u := &r.Units[latest[id]]
		if j, has := latest[u.Successor]; u.Successor != "" && has && slices.Contains(r.Units[j].Merged, latest[id]) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// RenderAll writes the assets (unless InlineAssets), overview.html and
// profiles/<id>.html for every unit, rendering profiles on
// Options.Workers goroutines. Errors are collected per profile and
// returned together; the output is the same whatever the number of
// workers.
func RenderAll(ctx context.Context, r *scoring.Results, o Options, create Create) error {
	if !o.InlineAssets {
		for _, name := range AssetNames() {
			if err := writeTo(create, AssetsDir+"/"+name, func(w io.Writer) error { return WriteAsset(w, name) }); err != nil {
				return err
			}
		}
	}
	rd := newRenderer(r, o)
	if err := writeTo(create, "overview.html", rd.overview); err != nil {
		return err
	}
	units := ProfileUnits(r)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(units))
	var next, done atomic.Int64
	// A write error (a full disk) stops the other workers too: one
	// message, not one per profile, and no work for an output set that
	// is discarded.
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(workers, len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(units) || ctx.Err() != nil || failed.Load() {
					return
				}
				u := units[i]
				errs[i] = writeTo(create, "profiles/"+ProfileFile(u.Unit.ID), func(w io.Writer) error {
					return rd.profile(w, u, "../"+AssetsDir)
				})
				if errs[i] != nil {
					failed.Store(true)
				}
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
