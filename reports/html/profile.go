package html

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// profilePage is what profiles/<id>.html shows: one unit, and aggregates
// of groups large enough to publish. Nothing on it is another unit's own
// data.
type profilePage struct {
	page
	Unit        scoring.Unit
	Meta        []figure // AGS, district, size class, population
	Scored      bool
	Level       scoring.Level
	LevelName   string // the key figure's level: its name, or NoLevel (staged: no level's criteria met)
	LevelSub    string // under it: the level's description, or why there is none
	LevelColour string
	LevelInk    string
	Figures     []figure
	LowCoverage string
	// Robustness is the one-line statement of the uncertainty analysis
	// (analyse.go); "" when there is none.
	Robustness string

	RadarChart *chart
	BarsChart  *chart
	// RadarFigure and BarsFigure are the two charts as the template
	// "chart" renders them (renderer.figure).
	RadarFigure, BarsFigure template.HTML

	Dimensions []profileDimRow
	// DimNote is the note under the table of dimensions: what coverage
	// is and, where the change column rests on fewer questions than the
	// scores beside it, on how many.
	DimNote  string
	HasPeers bool // the model has the peer group profiles compare with
	// HasPoints: some row shows its score in points too (a model that
	// counts points: OWASP SAMM's 0–3, ODM's points).
	HasPoints bool
	// HasBands: the table of dimensions has a column of the level band
	// each score reaches — under threshold levels only. Staged levels
	// have no bands (a level is its criteria, met or not), and the
	// column was empty in every row.
	HasBands bool
	// HowToRead are the paragraphs of "So lesen Sie dieses Profil".
	HowToRead []string
	PrevWave  string // label of the previous wave, "" if the unit did not answer it
	Strong    []indicatorRow
	Weak      []indicatorRow
	Roadmap   *roadmapView
	Steps     []stepRow
	StepsNote string
	Blocking  *blocking
	Previous  *previous
	Note      string
}

// profileDimRow is a line of the profile's table of dimensions.
type profileDimRow struct {
	// Points is the score in the model's points ("1,23 von 3"), for a
	// model that counts them; "" otherwise.
	Name, Score, Points, Band, Coverage, Change, StateMedian, PeerMedian string
	Depth                                                                int
}

// indicatorRow is one of the strongest or weakest indicators.
type indicatorRow struct{ Name, Dimension, Score, Answer string }

// stepRow is the next step in one dimension.
type stepRow struct{ Dimension, Level, Text string }

// blocking lists the criteria a staged unit misses for its next level.
type blocking struct {
	Heading string
	Items   []string
}

// previous compares the unit with its previous wave.
type previous struct {
	Heading              string
	Before, After, Delta string
	// BeforeLabel and AfterLabel say what Before and After are: the
	// overall scores, or the scores on the questions both waves asked
	// alike.
	BeforeLabel, AfterLabel string
	Level                   string
	// Note says on how many questions the change rests, when the two
	// waves did not ask all of them the same way; Merged lists the
	// municipalities that have become part of this one since, with their
	// scores in the earlier wave (a change is then not computed).
	Note   string
	Merged []string
}

func (rd *renderer) profile(w io.Writer, u *scoring.UnitResult, assets string) error {
	p, err := rd.profilePage(u, assets)
	if err != nil {
		return err
	}
	set, err := rd.profileSet()
	if err != nil {
		return err
	}
	return execute(w, set, "profile.html", p)
}

// profilePage gathers what the profile of u shows.
func (rd *renderer) profilePage(u *scoring.UnitResult, assets string) (*profilePage, error) {
	r, t, m := rd.r, rd.t, rd.r.Model
	p := &profilePage{page: page{T: t, Title: t.ProfileTitle + ": " + u.Unit.Name,
		Subtitle: m.Name + " · " + t.Wave + " " + rd.waveLabel(u.Wave), Mark: t.ProfileMark}, Unit: u.Unit}
	p.Head = p.Title + " · " + string(u.Unit.ID)
	p.Meta = rd.meta(u)
	ov := u.Overall()
	p.Scored = ov.Scored()
	p.Level = m.Levels.ByOrdinal(u.Level)
	p.LevelName, p.LevelSub = p.Level.String(), p.Level.Description
	if u.Level == 0 {
		p.LevelName, p.LevelSub = t.NoLevel, fmt.Sprintf(t.NoLevelSubF, m.Levels.ByOrdinal(1).String())
	}
	p.LevelColour, p.LevelInk = rd.levelColour(u.Level), inkOn(rd.levelColour(u.Level))

	gr := rd.compare
	state := gr.group(u.Wave, -1, "")
	pg := rd.peerGroup
	var peers *scoring.GroupStats
	peerLabel := ""
	if pg >= 0 && u.Peers[pg].Group != "" {
		peers = gr.group(u.Wave, pg, u.Peers[pg].Group)
		peerLabel = fmt.Sprintf(t.FigPeerF, m.PeerGroups[pg].Name, u.Peers[pg].Group)
	}
	prev := r.Previous(u)
	if prev != nil {
		p.PrevWave = rd.waveLabel(prev.Wave)
	}

	score := figure{Label: t.FigScore, Value: t.NotRated}
	if p.Scored {
		score.Value = rd.score(ov.Score)
		if c, ok := r.Change(u, 0); ok {
			score.Sub = rd.since(c, p.PrevWave)
		}
	}
	p.Figures = []figure{score, rd.percentile(t.FigState, u.State, state)}
	if peers != nil {
		p.Figures = append(p.Figures, rd.percentile(peerLabel, u.Peers[pg], peers))
	}
	p.LowCoverage = rd.lowCoverage(u)
	p.Robustness = rd.robustLine(u)

	dims := m.Dimensions()
	axes := make([]string, len(dims))
	own, stateMed, peerMed := make([]float64, len(dims)), make([]float64, len(dims)), make([]float64, len(dims))
	labels, colours := make([]string, len(dims)), make([]string, len(dims))
	for i, d := range dims {
		axes[i] = d.Name
		s := u.Nodes.At(d.Index)
		own[i], labels[i], colours[i] = math.NaN(), t.NotRated, noLevelColour
		if s.Scored() {
			own[i], labels[i], colours[i] = rd.scoreValue(s.Score), rd.score(s.Score), rd.bandColour(s.Score)
			// The band by name as well as by colour.
			if b := rd.bandOf(s.Score); b.Ordinal > 0 {
				labels[i] += " · " + b.Name
			}
		}
		stateMed[i] = gr.stat(state, d.Index, median)
		peerMed[i] = gr.stat(peers, d.Index, median)
	}
	series := []barSeries{{Name: u.Unit.Name, Values: own, Shown: true}}
	// The medians the unit is compared with are rounded as its scores
	// (renderer.score): a median equal to the unit's 59.96 does not read
	// 60,0 beside its 59,96. raw are the series' values before rounding.
	raw := [][]float64{nil}
	// A median that is suppressed is not drawn at all (a median drawn as
	// 0 would be a figure nobody published).
	if !allNaN(stateMed) {
		series = append(series, barSeries{Name: t.StateMedian, Values: rd.scoreValues(stateMed), Shown: true})
		raw = append(raw, stateMed)
	}
	if peers != nil && !allNaN(peerMed) {
		series = append(series, barSeries{Name: t.PeerMedian + " (" + u.Peers[pg].Group + ")", Values: rd.scoreValues(peerMed), Shown: true})
		raw = append(raw, peerMed)
	}
	// A radar needs three axes; with fewer dimensions the comparison is
	// drawn as grouped bars.
	shapes, err := rd.profileShapes(axes)
	if err != nil {
		return nil, err
	}
	var radar chart
	if len(axes) < 3 {
		radar = barChart("profile-compare", axes, series, true, 100, t.Score+" (0–100)")
	} else {
		names := make([]string, len(series))
		for i, s := range series {
			names[i] = s.Name
		}
		lines := radarLines(len(axes), series, func(si, i int) string {
			if si == 0 { // the unit's own score, as its table shows it
				return axes[i] + ": " + rd.score(u.Nodes.At(dims[i].Index).Score)
			}
			return axes[i] + ": " + rd.score(raw[si][i])
		})
		radar = chart{ID: profileRadarID, Height: radarHeight}
		if shapes.radar == nil {
			radar.Option = radarOption(axes, names, lines)
		} else if radar.encoded, err = shapes.radar.fill(names, lines); err != nil {
			return nil, err
		}
	}
	radar.Title, radar.Notes, radar.TableID = t.RadarTitle, []string{t.RadarNote}, "dim-table"
	if slices.ContainsFunc(own, math.IsNaN) {
		radar.Notes = append(radar.Notes, t.RadarGapNote)
	}
	p.HasPeers = pg >= 0
	var peerWhy scoring.Suppression
	if pg >= 0 {
		peerWhy = gr.dis.Peers(u, pg)
	}
	switch {
	case pg < 0:
		radar.Notes = []string{t.RadarNoPeersNote}
	case peerWhy == scoring.NoGroup:
		// No group to compare with, not a group too small: the column of
		// its medians would be "•" in every row, which the page explains
		// as a group of fewer than min_group_size.
		p.HasPeers = false
		radar.Notes = []string{t.RadarNoPeersNote, rd.noGroup(pg)}
	case peerWhy == scoring.Complementary:
		radar.Notes = append(radar.Notes, t.RadarPeerSecondary)
	case len(series) < 3 && peerWhy == scoring.Published:
		// The group is large enough: too few of it are scored on
		// every dimension.
		radar.Notes = append(radar.Notes, fmt.Sprintf(t.RadarPeerScoredF, rd.minGroup))
	case len(series) < 3:
		radar.Notes = append(radar.Notes, fmt.Sprintf(t.RadarPeerOffF, rd.minGroup))
	}
	if gr != rd && len(series) > 1 {
		// Only where a median is drawn: first in its wave, the unit had
		// "Die Mediane sind die der letzten Aktualisierung …" beside none.
		radar.Notes = append(radar.Notes, t.RadarAsOfRefresh)
	}
	p.RadarChart = p.add(radar)
	bars := chart{ID: profileBarsID, Height: barHeight(len(axes), 1, true)}
	if shapes.bars == nil {
		bars = bandChart(profileBarsID, axes, own, labels, colours, rd.bands(), t)
	} else if bars.encoded, err = shapes.bars.fill(bandData(own, labels, colours)); err != nil {
		return nil, err
	}
	bars.Title, bars.Notes, bars.TableID = t.BarsTitle, []string{t.BarsNote}, "dim-table"
	for _, b := range rd.bands() {
		bars.Legend = append(bars.Legend, legendItem{Colour: b.Colour, Label: b.Name + " " + t.Lang.Number(b.From) + "–" + t.Lang.Number(b.To)})
	}
	if m.Levels.Method == scoring.Staged {
		bars.Notes = []string{t.BarsStagedNote}
	}
	p.BarsChart = p.add(bars)
	if p.RadarFigure, err = rd.figure(p.RadarChart); err != nil {
		return nil, err
	}
	if p.BarsFigure, err = rd.figure(p.BarsChart); err != nil {
		return nil, err
	}

	var changed bool
	p.Dimensions, changed = rd.dimensionRows(u, prev, state, peers)
	p.HasPoints = slices.ContainsFunc(p.Dimensions, func(r profileDimRow) bool { return r.Points != "" })
	p.HasBands = r.Model.Levels.Method == scoring.Threshold
	p.HowToRead = slices.Clone(t.HowToReadParas)
	if slices.ContainsFunc(r.Model.Nodes, func(n *scoring.Node) bool { return n.Aggregation != scoring.Mean }) {
		p.HowToRead[0] = t.HowToReadAgg
	}
	if !p.HasPeers {
		// No peer group to explain: organisations without a size class
		// read how "the peer group brings together" theirs, and so did a
		// municipality in none.
		p.HowToRead[len(p.HowToRead)-1] = t.HowToReadMedian
	}
	if rd.o.DataSource != "" { // the catalog's slice is shared by every profile: never append into it
		p.HowToRead = append(slices.Clip(p.HowToRead), rd.o.DataSource)
	}
	p.DimNote = rd.dimNote(u, changed)
	p.Strong, p.Weak = rd.extremes(u, 3)
	p.Roadmap = rd.roadmap(u)
	p.Steps = rd.nextSteps(u)
	p.StepsNote = t.NextStepsNote
	switch {
	case m.Levels.Method != scoring.Staged:
	case u.Level == 0:
		// Its advice is the first level's (roadmap.DimensionLevel): say
		// so, as "passend zu Ihrem Reifegrad" fits no level.
		p.StepsNote = fmt.Sprintf(t.NextStepsNoLevelF, m.Levels.ByOrdinal(1).String())
	default:
		p.StepsNote = t.NextStepsStagedNote
	}
	p.Blocking = rd.blocking(u)
	p.Previous = rd.previous(u, prev)
	p.Note = fmt.Sprintf(t.ConfProfileF, rd.minGroup)
	switch {
	case !gr.dis.HidesSmallGroups():
		p.Note = t.ConfProfileOne
	case gr.fewScored(m.Nodes, state) || p.HasPeers && gr.fewScored(m.Nodes, peers):
		p.Note += " " + fmt.Sprintf(t.ScoredNoteF, rd.minGroup)
	}
	if err := p.finish(rd, assets); err != nil {
		return nil, err
	}
	return p, nil
}

// noGroup says why a unit in no group of peer group pg is compared with
// no group (scoring.NoGroup): without a population where the groups are
// size classes, else without a value for the peer group's attribute.
func (rd *renderer) noGroup(pg int) string {
	g := rd.r.Model.PeerGroups[pg]
	if g.Attribute == "size_class" {
		return fmt.Sprintf(rd.t.NoSizeClassF, g.Name)
	}
	return fmt.Sprintf(rd.t.NoGroupF, g.Name)
}

// IDs of the profile's charts.
const profileRadarID, profileBarsID = "profile-compare", "profile-bars"

// profileShapes are the shapes of the profile's two charts: the radar of
// the unit and the medians (holes: the legend's names, the lines) and the
// unit's bars over the level bands (hole: the bars). Their axes are the
// model's dimensions, the same on every profile; they are made once per
// renderer, by the first profile. Without them (nil: TestProfileShapes
// compares) the charts are made and encoded whole.
type profileShapes struct {
	once        sync.Once
	radar, bars *shape
	err         error
}

func (rd *renderer) profileShapes(axes []string) (*profileShapes, error) {
	s := &rd.shapes
	s.once.Do(func() {
		if len(axes) >= 3 {
			if s.radar, s.err = newShape(chart{ID: profileRadarID, Option: radarOption(axes, hole(0), hole(1))}, 2); s.err != nil {
				return
			}
		}
		bars := bandChart(profileBarsID, axes, nil, nil, nil, rd.bands(), rd.t)
		bars.Option.(*charts.Bar).MultiSeries[0].Data = hole(0)
		s.bars, s.err = newShape(bars, 1)
	})
	return s, s.err
}

func allNaN(xs []float64) bool {
	return !slices.ContainsFunc(xs, func(x float64) bool { return !math.IsNaN(x) })
}

// meta returns the unit's attributes for the line under the title.
func (rd *renderer) meta(u *scoring.UnitResult) []figure {
	t := rd.t
	var out []figure
	if u.Unit.ID != "" {
		label := t.UnitID
		if u.Unit.ID.IsAGS() { // models of other units key them otherwise
			label = t.ID
		}
		out = append(out, figure{Label: label, Value: string(u.Unit.ID)})
	}
	if u.Unit.District != "" {
		out = append(out, figure{Label: t.District, Value: u.Unit.District})
	}
	if u.SizeClass != "" {
		out = append(out, figure{Label: t.SizeClass, Value: u.SizeClass})
	}
	if u.Unit.Population > 0 {
		out = append(out, figure{Label: t.Population, Value: t.int(u.Unit.Population)})
	}
	return out
}

// percentile is the figure for the unit's position in a group: the share
// of the other units it scored better than, when the group's figures are
// published (see scoring.Disclosure; pos.N is the group's number of units with an
// overall score).
func (rd *renderer) percentile(label string, pos scoring.Position, g *scoring.GroupStats) figure {
	t := rd.t
	f := figure{Label: label, Value: t.Suppressed}
	switch rd.compare.dis.Node(g, 0) {
	case scoring.Complementary:
		f.Sub = t.SecondaryShort
	case scoring.TooSmall:
		f.Sub = rd.compare.suppressedNote(false)
		if rd.compare.dis.HidesSmallGroups() && rd.compare.dis.FewScored(g, 0) {
			f.Sub = fmt.Sprintf(t.SuppressedScoredF, rd.minGroup)
		}
	default:
		if rd.compare != rd {
			f.Value, f.Sub = "–", t.PctNextRefresh
			break
		}
		if math.IsNaN(pos.Percentile) {
			f.Value, f.Sub = "–", t.PctAlone
			break
		}
		f.Value = t.pct(pos.Percentile)
		f.Sub = fmt.Sprintf(t.PctF, t.pct(pos.Percentile))
	}
	return f
}

// lowCoverage names the dimensions not scored for too few answers: those
// below their minimum coverage, and — where the note is shown — those
// with no answer at all (scoring.Missing, 0 % answered), which are as
// much below it. Naming only the first, the note of a municipality that
// answered 1 of 40 questions named one dimension of six, as if the others
// were scored; its table said "nicht bewertet" beside all of them.
func (rd *renderer) lowCoverage(u *scoring.UnitResult) string {
	if !u.LowCoverage {
		return ""
	}
	t, m := rd.t, rd.r.Model
	var parts []string
	for i, n := range m.Nodes {
		if n.Kind == scoring.KindIndicator || !m.ShortOfAnswers(i, u.Nodes.At(i)) {
			continue
		}
		name := n.Name
		if i == 0 {
			name = t.Overall
		}
		parts = append(parts, fmt.Sprintf(t.NotScoredDimF, name, t.pctAt(100*u.Nodes.At(i).Coverage, 100*n.MinCoverage), t.pct(100*n.MinCoverage)))
	}
	if len(parts) == 0 {
		return t.LowCoverage
	}
	return fmt.Sprintf(t.LowCoverageF, strings.Join(parts, "; "))
}

// bands returns the score ranges of threshold levels; staged levels have
// none.
func (rd *renderer) bands() []band {
	ls := rd.r.Model.Levels
	if ls.Method != scoring.Threshold {
		return nil
	}
	out := make([]band, len(ls.List))
	for i, l := range ls.List {
		to := 100.0
		if i+1 < len(ls.List) {
			to = ls.List[i+1].Min
		}
		out[i] = band{Name: l.Name, From: l.Min, To: to, Colour: rd.levelColour(l.Ordinal)}
	}
	return out
}

// bandOf returns the threshold level whose band a score falls into, or
// the zero Level for staged models.
func (rd *renderer) bandOf(score float64) scoring.Level { return rd.r.Model.Levels.Band(score) }

func (rd *renderer) bandColour(score float64) string {
	if l := rd.bandOf(score); l.Ordinal > 0 {
		return rd.levelColour(l.Ordinal)
	}
	return seriesColour(0)
}

// dimensionRows lists every dimension (nested ones indented) with the
// unit's score, the band it reaches, coverage, change since the previous
// wave and the medians of the state and the peer group.
//
// The change is Results.Change, the one the page's key figure and its
// section on the previous wave show: on the questions both waves asked
// the same way, and none ("–") where the territory changed or either wave
// has no score on that core. The difference of the full scores shown
// would let a question one wave did not ask move it. changed reports
// whether any row shows a change.
func (rd *renderer) dimensionRows(u *scoring.UnitResult, prev *scoring.UnitResult, state, peers *scoring.GroupStats) (rows []profileDimRow, changed bool) {
	r, t, m := rd.r, rd.t, rd.r.Model
	for i, n := range m.Nodes {
		if n.Kind == scoring.KindIndicator {
			continue
		}
		s := u.Nodes.At(i)
		row := profileDimRow{Name: n.Name, Depth: n.Depth, Score: t.NotRated, Coverage: t.pctAt(100*s.Coverage, 100*n.MinCoverage),
			StateMedian: rd.suppressedScore(rd.compare.stat(state, i, median)), PeerMedian: rd.suppressedScore(rd.compare.stat(peers, i, median))}
		if i == 0 {
			row.Name = t.Overall
		}
		if s.Scored() {
			row.Score = rd.score(s.Score)
			row.Band = rd.bandOf(s.Score).Name
			// The methodology of a points model says its scores are
			// also given as points; SAMM's users know a practice as
			// 1.5 of 3, not 50.0.
			if m.InPoints(n) {
				row.Points = fmt.Sprintf(t.PointsOfF, t.decimal(scoring.Fixed(r.Points(n, s.Score), 2)),
					t.decimal(strconv.FormatFloat(n.MaxPoints, 'f', -1, 64)))
			}
		}
		if prev != nil {
			row.Change = "–"
			if c, ok := r.Change(u, i); ok {
				row.Change, changed = t.signed(c.Delta), true
			}
		}
		rows = append(rows, row)
	}
	return rows, changed
}

// dimNote is the note under the table of dimensions. When the table
// shows a change and the two waves did not ask every question the same
// way, it says on how many questions the changes rest: the scores beside
// them rest on all the questions of the unit's wave.
func (rd *renderer) dimNote(u *scoring.UnitResult, changed bool) string {
	t := rd.t
	if !changed {
		return t.DimTableNote
	}
	wi := slices.IndexFunc(rd.r.Waves, func(w scoring.Wave) bool { return w.ID == u.Wave })
	if c, ok := rd.r.Comparison(wi); ok && c.Partial() {
		return t.DimTableNote + " " + fmt.Sprintf(t.PanelCoreF, c.Compared, c.Asked)
	}
	return t.DimTableNote
}

// extremes returns up to k strongest and k weakest scored indicators;
// ties keep model order. The strongest are taken from the better half
// (rounded up) and the weakest from the rest, so no indicator is both;
// a score of 0 is never a strength and 100 never a weakness.
func (rd *renderer) extremes(u *scoring.UnitResult, k int) (strong, weak []indicatorRow) {
	m := rd.r.Model
	var idx []int
	for i, n := range m.Nodes {
		if n.Kind == scoring.KindIndicator && u.Nodes.At(i).Scored() {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(u.Nodes.At(b).Score, u.Nodes.At(a).Score) })
	half := (len(idx) + 1) / 2
	for _, i := range idx[:min(k, half)] {
		if u.Nodes.At(i).Score > 0 {
			strong = append(strong, rd.indicatorRow(u, i))
		}
	}
	rest := idx[half:]
	for j := len(rest) - 1; j >= max(0, len(rest)-k); j-- {
		if u.Nodes.At(rest[j]).Score < 100 {
			weak = append(weak, rd.indicatorRow(u, rest[j]))
		}
	}
	return strong, weak
}

func (rd *renderer) indicatorRow(u *scoring.UnitResult, i int) indicatorRow {
	m := rd.r.Model
	n := m.Nodes[i]
	top := n
	for top.Depth > 1 {
		top = m.Nodes[top.Parent]
	}
	var answers []string
	if u.Response != nil {
		for _, q := range n.Questions {
			if q < u.Response.Answers.Len() && strings.TrimSpace(u.Response.Answers.At(q)) != "" {
				answers = append(answers, u.Response.Answers.At(q))
			}
		}
	}
	return indicatorRow{Name: n.Name, Dimension: top.Name, Score: rd.score(u.Nodes.At(i).Score), Answer: strings.Join(answers, "; ")}
}

// nextSteps returns the model's advice per dimension, for the level
// roadmap.DimensionLevel gives it — the one rule the roadmap's steps
// follow too. Under threshold levels the advice is keyed by the band the
// dimension's own score reaches, so a strong unit still gets basic advice
// where it is weak; under staged levels by the unit's level, the first
// level's for a unit that meets none (this section showed nothing there,
// while its roadmap's steps gave the first level's advice). A dimension
// without a score claims no level: its step is to answer what is missing.
func (rd *renderer) nextSteps(u *scoring.UnitResult) []stepRow {
	t, m := rd.t, rd.r.Model
	var rows []stepRow
	for _, d := range m.Dimensions() {
		if len(d.NextSteps) == 0 {
			continue
		}
		key := roadmap.DimensionLevel(m, u, d)
		if key == 0 {
			rows = append(rows, stepRow{Dimension: d.Name, Level: t.NotRated, Text: t.NextStepsNotRated})
			continue
		}
		text, ok := d.NextSteps[key]
		if !ok {
			continue
		}
		rows = append(rows, stepRow{Dimension: d.Name, Level: fmt.Sprintf(t.NextStepsAtF, m.Levels.ByOrdinal(key).String()), Text: text})
	}
	return rows
}

// blocking lists, for staged models, the unmet criteria of the next
// level with the unit's current score on each.
func (rd *renderer) blocking(u *scoring.UnitResult) *blocking {
	t, m := rd.t, rd.r.Model
	if m.Levels.Method != scoring.Staged || len(u.Blocking) == 0 {
		return nil
	}
	b := &blocking{Heading: fmt.Sprintf(t.BlockingF, m.Levels.ByOrdinal(u.Level+1).String())}
	d := scoring.NewDescriber(rd.o.Language)
	for _, c := range u.Blocking {
		crit := d.Criterion(m, c)
		// A node that does not apply or was not asked is no "derzeit
		// nicht bewertet", which reads as if answers could score it.
		switch s := u.Nodes.At(c.Node); s.State {
		case scoring.Scored:
			b.Items = append(b.Items, fmt.Sprintf(t.BlockingNowF, crit, rd.score(s.Score)))
		case scoring.NotApplies:
			b.Items = append(b.Items, fmt.Sprintf(t.BlockingNAF, crit))
		case scoring.Unasked:
			b.Items = append(b.Items, fmt.Sprintf(t.BlockingUnaskedF, crit))
		default:
			b.Items = append(b.Items, fmt.Sprintf(t.BlockingNowF, crit, t.NotRated))
		}
	}
	return b
}

// previous compares the unit's overall score and level with its previous
// wave.
//
// The change rests on the questions both waves asked the same way
// (scoring.Comparison); when that is not all of them the scores shown are
// those on the common questions, and a note says so and gives the full
// scores. A municipality others merged into since lists them with their
// earlier scores, or that they did not take part, instead of a change: a
// larger territory is not compared with a smaller one.
func (rd *renderer) previous(u, prev *scoring.UnitResult) *previous {
	r, t, m := rd.r, rd.t, rd.r.Model
	wi := slices.IndexFunc(r.Waves, func(w scoring.Wave) bool { return w.ID == u.Wave })
	if prev == nil && len(u.Merged) == 0 && len(u.Absorbed) == 0 {
		if wi > 0 {
			return &previous{} // the unit missed the previous wave
		}
		return nil
	}
	p := &previous{Heading: fmt.Sprintf(t.PreviousF, rd.waveLabel(r.Waves[wi-1].ID)), Before: t.NotRated, After: t.NotRated, Delta: "–",
		BeforeLabel: t.Overall + " " + t.Before, AfterLabel: t.Overall + " " + t.After}
	if s := u.Overall(); s.Scored() {
		p.After = rd.score(s.Score)
	}
	if prev == nil {
		// Others merged into it since, and it did not answer the earlier
		// wave itself: it was not scored then because it did not take part.
		p.Before = t.PrevAbsent
	} else {
		if s := prev.Overall(); s.Scored() {
			p.Before = rd.score(s.Score)
		}
		p.Level = fmt.Sprintf(t.PrevLevelF, m.Levels.ByOrdinal(prev.Level), m.Levels.ByOrdinal(u.Level))
	}
	if c, ok := r.Change(u, 0); ok {
		p.Delta = t.signed(c.Delta)
		if c.Compared < c.Asked {
			// Not the overall scores: labelled so, as they differ from the
			// overall score at the top of the page ("Gesamtwert jetzt 85,2"
			// below "Gesamtwert 84,5").
			p.Before, p.After = rd.score(c.Before), rd.score(c.After)
			p.BeforeLabel, p.AfterLabel = fmt.Sprintf(t.CoreBeforeF, c.Compared), fmt.Sprintf(t.CoreAfterF, c.Compared)
			if c.Compared == 1 {
				p.BeforeLabel, p.AfterLabel = t.CoreBefore1, t.CoreAfter1
			}
			p.Note = fmt.Sprintf(t.CoreChangeF, c.Compared, c.Asked, rd.fullScore(prev), rd.fullScore(u))
		}
	}
	for _, i := range u.Merged {
		pu := &r.Units[i]
		p.Merged = append(p.Merged, fmt.Sprintf(t.MergedF, pu.Unit.Name, pu.Unit.ID, rd.waveLabel(pu.Wave), rd.fullScore(pu)))
	}
	for _, id := range u.Absorbed {
		if !slices.ContainsFunc(u.Merged, func(i int) bool { return r.Units[i].Unit.ID == id }) {
			p.Merged = append(p.Merged, fmt.Sprintf(t.MergedAbsentF, id, rd.waveLabel(r.Waves[wi-1].ID)))
		}
	}
	if len(p.Merged) > 0 {
		p.Note = t.MergedNote
	}
	return p
}

// fullScore formats a unit's overall score in its wave, or "not scored".
func (rd *renderer) fullScore(u *scoring.UnitResult) string {
	if s := u.Overall(); s.Scored() {
		return rd.score(s.Score)
	}
	return rd.t.NotRated
}
