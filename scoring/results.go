package scoring

import (
	"cmp"
	"math"
	"runtime"
	"slices"
)

// UnitResult is one unit's result in one wave.
type UnitResult struct {
	Wave      WaveID
	Unit      Unit
	SizeClass string
	// Response is the scored input row, with its raw answers and source.
	Response *Response
	// Nodes holds the score of every node, indexed like Model.Nodes;
	// Nodes.At(0) is the overall score.
	Nodes NodeScores
	// Level is the ordinal of the level reached (Model.Levels.ByOrdinal
	// gives its Number and name); 0 means no level: the unit has no
	// overall score or, under staged levels, misses a criterion of the
	// lowest level. Show Levels.ByOrdinal(Level).Label(), never Level.
	Level int
	// Blocking lists the unmet criteria of the next level (staged levels;
	// nil at the top level and without an overall score).
	Blocking []Criterion
	// LowCoverage is set when some dimension or the overall score was not
	// scored because too little was answered.
	LowCoverage bool
	// State is the position among all scored units of the wave; Peers the
	// position within each peer group, indexed like Model.PeerGroups.
	State Position
	Peers []Position
	// Previous is the index in Results.Units of this unit's result in the
	// previous wave — its own, or its predecessor's when only its key
	// changed (a succession with no other predecessor) — or -1.
	Previous int
	// Merged holds the indices in Results.Units of the results, in the
	// previous wave, of units that have become part of this one since (see
	// Succession). Their scores are listed, not averaged: a change since
	// the previous wave is not computed for a unit whose territory grew.
	Merged []int
	// Absorbed lists the units that have become part of this one since
	// the previous wave, whether or not they answered it (Merged holds
	// the results of those that did), in order of their IDs. The
	// territory changed all the same: a unit with any is given no
	// change. Empty for a unit that only changed its key.
	Absorbed []UnitID
	// Successor is the unit this one has become part of by the latest wave
	// (the reference territory); empty when it still exists.
	Successor UnitID

	// Core holds the node scores on the questions this wave and the
	// previous one asked the same way (the comparable core, see
	// Comparison), CoreNext those on the core shared with the next wave,
	// Trend those on the core of all waves. Each is Nodes itself when it
	// leaves nothing out. Changes between waves are computed on them; the
	// full scores are Nodes.
	Core, CoreNext, Trend NodeScores
}

// Overall returns the overall score.
func (u *UnitResult) Overall() NodeScore { return u.Nodes.At(0) }

// Position is a unit's place in a group of units (the whole wave or a peer
// group), by overall score. Rank 1 is the best; equal scores (within
// 1e-9) share a rank.
// Percentile is the share of the other units of the group that scored
// lower, ties counting half (0–100); it is NaN when the unit is alone.
// Rank is 0 when the unit has no overall score or no group.
type Position struct {
	Group      string
	Rank       int
	Percentile float64
	N          int // units in the group with an overall score
}

// Stats summarises the scores of one node over a group of units. Quartiles
// use linear interpolation between order statistics (R's type 7, Excel's
// QUARTILE.INC). All fields are zero when N is 0.
type Stats struct {
	N                              int
	Mean, Median, Q1, Q3, Min, Max float64
}

// GroupStats describes a group of units in one wave: the whole wave
// (PeerGroup -1) or one value of a peer group.
type GroupStats struct {
	Wave      WaveID
	PeerGroup int // index into Model.PeerGroups; -1 for all units
	Group     string
	// Units is the number of units in the group, scored or not.
	Units int
	// Nodes holds statistics per node, indexed like Model.Nodes;
	// indicators are left zero.
	Nodes []Stats
	// Levels counts units per level ordinal; Levels[0] counts units
	// without a level (not those at a level numbered 0, see Level).
	Levels []int
	// Trend holds the statistics per node of the units' scores on the
	// questions every wave asked the same way (UnitResult.Trend): the
	// figures of a trend across waves. It is Nodes when that core leaves
	// nothing out.
	Trend []Stats

	// core and coreNext are the statistics on UnitResult.Core and
	// CoreNext, for GroupChange.
	core, coreNext []Stats

	// panel[n] sums the changes of node n over the group's units that
	// have it scored in this wave and the previous one (see GroupChange).
	panel []panelSum
}

type panelSum struct {
	n   int
	sum float64
}

// Results is the outcome of scoring: a result per unit and wave, group
// statistics, and every rejected row and data-quality issue. Results is
// read-only after Score returns and safe for concurrent use.
type Results struct {
	Model    *Model
	Waves    []Wave
	Units    []UnitResult // by wave (in order), then unit ID
	Groups   []GroupStats // by wave, then PeerGroup (-1 first), then group
	Rejects  []Reject
	Issues   []Issue
	RowsRead int // input rows: len(Units) + len(Rejects) when nothing was lost
	// Comparisons compare each wave with the one before: Comparisons[i]
	// is Waves[i] → Waves[i+1].
	Comparisons []Comparison

	// treatment holds the treatment stage of the numeric questions scored
	// from it, by wave, then question; plain, per wave, that of the
	// questions read number by number, worked out when asked (Treated).
	treatment []TreatedQuestion
	plain     []*plainTreatment

	waveStart []int // Units[waveStart[i]:waveStart[i+1]] belong to Waves[i]
	groupIdx  map[groupKey]int
	waveCores []waveCores

	trendCompared, trendAsked int
}

type groupKey struct {
	wave  WaveID
	pg    int
	group string
}

// WaveUnits returns the results of wave i.
func (r *Results) WaveUnits(i int) []UnitResult {
	return r.Units[r.waveStart[i]:r.waveStart[i+1]]
}

// Latest returns the index of the last wave.
func (r *Results) Latest() int { return len(r.Waves) - 1 }

// Previous returns u's result in the previous wave, or nil.
func (r *Results) Previous(u *UnitResult) *UnitResult {
	if u.Previous < 0 {
		return nil
	}
	return &r.Units[u.Previous]
}

// Group returns the statistics of a group, or nil. pg is an index into
// Model.PeerGroups, or -1 for all units of the wave (group "").
func (r *Results) Group(wave WaveID, pg int, group string) *GroupStats {
	if i, ok := r.groupIdx[groupKey{wave, pg, group}]; ok {
		return &r.Groups[i]
	}
	return nil
}

// Change is how a score moved from one wave to the next: a unit's score,
// or a group's mean score. Both are computed on the comparable core of the
// two waves (see Comparison): Compared of the Asked questions either wave
// asked; when Compared < Asked, Before and After are not the full scores
// of the two waves, and reports say on how many questions the change
// rests.
type Change struct {
	From, To        WaveID
	Before, After   float64 // on 0–100, on the comparable core
	Delta           float64 // After − Before, in points of the 0–100 scale
	Compared, Asked int
}

// Change returns how unit u's score on node (an index into Model.Nodes)
// changed since the previous wave, on the questions both waves asked the
// same way. It reports false when u did not answer the previous wave (see
// UnitResult.Previous), when units merged into it since, whether they
// answered the previous wave or not (UnitResult.Absorbed: a larger
// territory is not compared with a smaller one), or when the node is not
// scored in either wave on that core.
func (r *Results) Change(u *UnitResult, node int) (Change, bool) {
	p := r.Previous(u)
	if p == nil || len(u.Merged) > 0 || len(u.Absorbed) > 0 {
		return Change{}, false
	}
	before, after := p.CoreNext.At(node), u.Core.At(node)
	if !before.Scored() || !after.Scored() {
		return Change{}, false
	}
	c := Change{From: p.Wave, To: u.Wave, Before: before.Score, After: after.Score, Delta: after.Score - before.Score}
	c.Compared, c.Asked = r.compared(u.Wave)
	return c, true
}

// compared returns the counts of the comparison of wave w with the one
// before it.
func (r *Results) compared(w WaveID) (compared, asked int) {
	for _, c := range r.Comparisons {
		if c.To == w {
			return c.Compared, c.Asked
		}
	}
	return 0, 0
}

// GroupChange is how a group's scores on one node moved since the
// previous wave.
type GroupChange struct {
	// Change compares the group means: Before is the mean of the group in
	// the previous wave, After its mean now. When units join or leave the
	// survey between waves this mixes real change with a change of who
	// answered; PanelDelta does not.
	Change
	NBefore, NAfter int // units with the node scored in each wave
	// Panel counts the units of the group scored on the node in both
	// waves; PanelDelta is the mean of their own changes (NaN when Panel
	// is 0).
	Panel      int
	PanelDelta float64
}

// GroupChange returns how the scores of group g on node changed since the
// previous wave. Like GroupStats.Nodes it covers the overall score and the
// dimensions, not indicators. It reports false in the first wave, when the
// group has no units in the previous wave, or when the node has no score
// in either wave. The group is matched by peer group and value, so a unit
// that moved to another district counts in its current group's panel.
func (r *Results) GroupChange(g *GroupStats, node int) (GroupChange, bool) {
	wi := slices.IndexFunc(r.Waves, func(w Wave) bool { return w.ID == g.Wave })
	if wi < 1 || g.panel == nil {
		return GroupChange{}, false
	}
	prev := r.Group(r.Waves[wi-1].ID, g.PeerGroup, g.Group)
	if prev == nil {
		return GroupChange{}, false
	}
	before, after := prev.coreNext[node], g.core[node]
	if before.N == 0 || after.N == 0 {
		return GroupChange{}, false
	}
	gc := GroupChange{Change: Change{From: prev.Wave, To: g.Wave, Before: before.Mean, After: after.Mean,
		Delta: after.Mean - before.Mean}, NBefore: before.N, NAfter: after.N,
		Panel: g.panel[node].n, PanelDelta: math.NaN()}
	gc.Compared, gc.Asked = r.compared(g.Wave)
	if gc.Panel > 0 {
		gc.PanelDelta = g.panel[node].sum / float64(gc.Panel)
	}
	return gc, true
}

// Points converts a score on 0–100 of node n into the node's points
// (score/100 × Node.MaxPoints), for models that count points. It is exact
// for sums, and for means whose children have equal maxima (as in OWASP
// SAMM, where every practice is worth 3); for a mean over children with
// different maxima it is the mean score scaled to the mean maximum.
func (r *Results) Points(n *Node, score float64) float64 { return score / 100 * n.MaxPoints }

// groupOf returns unit u's group under peer group pg (-1: the wave).
func (r *Results) groupOf(pg int, u *UnitResult) string {
	if pg < 0 {
		return ""
	}
	p := r.Model.PeerGroups[pg]
	if p.Attribute == "size_class" {
		return u.SizeClass
	}
	return u.Unit.Attr(p.Attribute)
}

// grouping is the units of one wave under one peer group (-1: the whole
// wave): the groups' names, sorted, their members (indices into
// Results.Units, in the units' order) and each unit's group (indexed from
// the wave's first unit; -1: in none).
type grouping struct {
	names   []string
	members [][]int
	of      []int32
}

// partition groups the units of a wave by their value under pg, groups
// sorted by name; units without a value are left out.
func (r *Results) partition(wi, pg int) grouping {
	idx := map[string]int{}
	var names []string
	var members [][]int
	of := make([]int32, r.waveStart[wi+1]-r.waveStart[wi])
	for i := r.waveStart[wi]; i < r.waveStart[wi+1]; i++ {
		g := r.groupOf(pg, &r.Units[i])
		if g == "" && pg >= 0 {
			of[i-r.waveStart[wi]] = -1
			continue
		}
		k, ok := idx[g]
		if !ok {
			k = len(names)
			idx[g] = k
			names = append(names, g)
			members = append(members, nil)
		}
		members[k] = append(members[k], i)
		of[i-r.waveStart[wi]] = int32(k)
	}
	perm := make([]int, len(names))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return cmp.Compare(names[a], names[b]) })
	gp := grouping{names: make([]string, len(names)), members: make([][]int, len(names)), of: of}
	rank := make([]int32, len(names))
	for i, p := range perm {
		gp.names[i], gp.members[i] = names[p], members[p]
		rank[p] = int32(i)
	}
	for j, k := range of {
		if k >= 0 {
			of[j] = rank[k]
		}
	}
	return gp
}

// groupings partitions every wave under every peer group: [wave][pg+1],
// the whole wave first. Positions and group statistics share them.
func (r *Results) groupings() [][]grouping {
	npg := len(r.Model.PeerGroups)
	out := make([][]grouping, len(r.Waves))
	for wi := range out {
		out[wi] = make([]grouping, npg+1)
	}
	eachIndex(runtime.GOMAXPROCS(0), len(r.Waves)*(npg+1), func(t int) {
		wi, pg := t/(npg+1), t%(npg+1)-1
		out[wi][pg+1] = r.partition(wi, pg)
	})
	return out
}

// byScore lists, for every wave and inner node, the wave's units with a
// score, lowest score first (indices into Results.Units; nil for
// indicators). One pass over such a list hands every group of a peer
// group its scores in order (byGroup): sorting each group's own
// scores, for every peer group and node, was most of the cost of the
// positions and group statistics.
func (r *Results) byScore(cols []nodeColumn) [][][]int32 {
	out := make([][][]int32, len(r.Waves))
	var tasks [][2]int
	for wi := range r.Waves {
		out[wi] = make([][]int32, len(cols))
		for ni, c := range cols {
			if c.score != nil {
				tasks = append(tasks, [2]int{wi, ni})
			}
		}
	}
	eachIndex(runtime.GOMAXPROCS(0), len(tasks), func(t int) {
		wi, ni := tasks[t][0], tasks[t][1]
		col := cols[ni]
		xs := make([]keyed, 0, r.waveStart[wi+1]-r.waveStart[wi])
		for i := r.waveStart[wi]; i < r.waveStart[wi+1]; i++ {
			if col.scored[i] {
				xs = append(xs, keyed{scoreKey(col.score[i]), int32(i)})
			}
		}
		xs = sortKeyed(xs)
		order := make([]int32, len(xs))
		for j, x := range xs {
			order[j] = x.unit
		}
		out[wi][ni] = order
	})
	return out
}

// nodeColumn is one inner node's scores of every unit (indexed like
// Results.Units), and whether each is scored: the positions and group
// statistics read them group by group, in an order that jumps between
// the units; from a column of their own those reads stay in the cache.
type nodeColumn struct {
	score  []float64
	scored []bool
}

// innerColumns copies every inner node's scores into columns (nil for
// indicators), in one pass over the units, a stretch of units per core:
// on one core it was 2.5 ms of a national check that nothing overlaps.
func (r *Results) innerColumns() []nodeColumn {
	m := r.Model
	cols := make([]nodeColumn, len(m.Nodes))
	var inner []int
	for ni, n := range m.Nodes {
		if n.Kind != KindIndicator {
			inner = append(inner, ni)
			cols[ni] = nodeColumn{score: make([]float64, len(r.Units)), scored: make([]bool, len(r.Units))}
		}
	}
	const stretch = 1024
	eachIndex(runtime.GOMAXPROCS(0), (len(r.Units)+stretch-1)/stretch, func(t int) {
		for i := t * stretch; i < min((t+1)*stretch, len(r.Units)); i++ {
			nodes := r.Units[i].Nodes
			for _, ni := range inner {
				cols[ni].score[i], cols[ni].scored[i] = nodes.scores[ni], nodes.Scored(ni)
			}
		}
	})
	return cols
}

func (r *Results) positions(cols []nodeColumn, parts [][]grouping, orders [][][]int32) {
	npg := len(r.Model.PeerGroups)
	for i := range r.Units {
		r.Units[i].Peers = make([]Position, npg)
	}
	var desc, scored []int32
	var at []int
	for wi := range r.Waves {
		// The scored units by overall score, highest first.
		desc = append(desc[:0], orders[wi][0]...)
		slices.Reverse(desc)
		for pg := -1; pg < npg; pg++ {
			gp := parts[wi][pg+1]
			byGroup(gp, r.waveStart[wi], desc, &scored, &at)
			for gi, ms := range gp.members {
				r.rank(gp.names[gi], pg, ms, scored[at[gi]:at[gi+1]], cols[0])
			}
		}
	}
}

// byGroup hands out order (indices into Results.Units) group by group of
// gp, each group's in the order of order: group g's are
// (*dst)[at[g]:at[g+1]]. Units in no group are left out; ws is the
// wave's first unit.
func byGroup(gp grouping, ws int, order []int32, dst *[]int32, at *[]int) {
	n := len(gp.members)
	*at = slices.Grow((*at)[:0], n+1)[:n+1]
	fill := *at
	clear(fill)
	for _, i := range order {
		if g := gp.of[int(i)-ws]; g >= 0 {
			fill[g+1]++
		}
	}
	for g := range n {
		fill[g+1] += fill[g]
	}
	*dst = slices.Grow((*dst)[:0], fill[n])[:fill[n]]
	// fill[g] is where group g's next unit goes; once all are placed it
	// is where group g+1 starts, so the starts are fill shifted by one.
	for _, i := range order {
		if g := gp.of[int(i)-ws]; g >= 0 {
			(*dst)[fill[g]] = i
			fill[g]++
		}
	}
	copy(fill[1:], fill[:n])
	fill[0] = 0
}

// rank sets the positions of the units ms within their group; scored
// lists those of them with an overall score, highest first, and overall
// is the overall score's column (innerColumns).
func (r *Results) rank(group string, pg int, ms []int, scored []int32, overall nodeColumn) {
	n := len(scored)
	for _, i := range ms {
		p := Position{Group: group, N: n, Percentile: math.NaN()}
		r.setPosition(pg, i, p)
	}
	for j := 0; j < n; {
		s := overall.score[scored[j]]
		// A run holds at least its first unit, so the loop ends whatever
		// the scores are (NaN compares false to everything).
		k := j + 1
		for k < n && s-overall.score[scored[k]] <= tieTolerance {
			k++
		}
		ties := k - j
		below := n - k
		pct := math.NaN()
		if n > 1 {
			pct = 100 * (float64(below) + 0.5*float64(ties-1)) / float64(n-1)
		}
		for _, i := range scored[j:k] {
			r.setPosition(pg, int(i), Position{Group: group, Rank: j + 1, Percentile: pct, N: n})
		}
		j = k
	}
}

// tieTolerance is how close two scores (on 0–100) must be to share a
// rank: the same answers reached through differently written weights may
// differ in the last bits, and must not be ranked apart.
const tieTolerance = 1e-9

func (r *Results) setPosition(pg, i int, p Position) {
	if pg < 0 {
		r.Units[i].State = p
	} else {
		r.Units[i].Peers[pg] = p
	}
}

func (r *Results) groupStats(cols []nodeColumn, parts [][]grouping, orders [][][]int32) {
	m := r.Model
	// Each (wave, peer group) is a task of its own; the tasks run side by
	// side and are put together in order, so the result does not depend on
	// scheduling.
	type task struct{ wi, pg int }
	var tasks []task
	for wi := range r.Waves {
		for pg := -1; pg < len(m.PeerGroups); pg++ {
			tasks = append(tasks, task{wi, pg})
		}
	}
	out := make([][]GroupStats, len(tasks))
	eachIndex(runtime.GOMAXPROCS(0), len(tasks), func(t int) {
		wi, pg := tasks[t].wi, tasks[t].pg
		out[t] = r.groupsOf(wi, pg, parts[wi][pg+1], cols, orders[wi])
	})
	r.groupIdx = map[groupKey]int{}
	for _, gs := range out {
		for _, g := range gs {
			r.groupIdx[groupKey{g.Wave, g.PeerGroup, g.Group}] = len(r.Groups)
			r.Groups = append(r.Groups, g)
		}
	}
}

// groupsOf computes the statistics of every group gp of peer group pg
// (-1: the whole wave) in wave wi; orders are the wave's byScore lists.
func (r *Results) groupsOf(wi, pg int, gp grouping, cols []nodeColumn, orders [][]int32) []GroupStats {
	m := r.Model
	w := r.Waves[wi]
	wc := r.waveCores[wi]
	out := make([]GroupStats, len(gp.members))
	// The groups' node statistics in one allocation, not one per group
	// (nationally 401 districts).
	k := len(m.Nodes)
	nodes := make([]Stats, len(gp.members)*k)
	for gi, ms := range gp.members {
		g := GroupStats{Wave: w.ID, PeerGroup: pg, Group: gp.names[gi], Units: len(ms),
			Nodes: nodes[gi*k : (gi+1)*k : (gi+1)*k], Levels: make([]int, len(m.Levels.List)+1)}
		for _, i := range ms {
			g.Levels[r.Units[i].Level]++
		}
		if wi > 0 {
			g.panel = make([]panelSum, len(m.Nodes))
		}
		g.core, g.coreNext, g.Trend = g.Nodes, g.Nodes, g.Nodes
		if wc.core {
			g.core = make([]Stats, len(m.Nodes))
		}
		if wc.next {
			g.coreNext = make([]Stats, len(m.Nodes))
		}
		if wc.trend {
			g.Trend = make([]Stats, len(m.Nodes))
		}
		out[gi] = g
	}
	var xs []float64
	var units []int32
	var at []int
	for ni, n := range m.Nodes {
		if n.Kind == KindIndicator {
			continue
		}
		// Each group's scores of the node, in order: the same values
		// Describe would sort.
		byGroup(gp, r.waveStart[wi], orders[ni], &units, &at)
		for gi := range out {
			xs = xs[:0]
			for _, i := range units[at[gi]:at[gi+1]] {
				xs = append(xs, cols[ni].score[i])
			}
			out[gi].Nodes[ni] = describeSorted(xs)
		}
		for gi, ms := range gp.members {
			g := &out[gi]
			if wc.core {
				g.core[ni] = describeOf(ms, &xs, func(i int) NodeScore { return r.Units[i].Core.At(ni) })
			}
			if wc.next {
				g.coreNext[ni] = describeOf(ms, &xs, func(i int) NodeScore { return r.Units[i].CoreNext.At(ni) })
			}
			if wc.trend {
				g.Trend[ni] = describeOf(ms, &xs, func(i int) NodeScore { return r.Units[i].Trend.At(ni) })
			}
			if g.panel == nil {
				continue
			}
			for _, i := range ms {
				if c, ok := r.Change(&r.Units[i], ni); ok {
					g.panel[ni].n++
					g.panel[ni].sum += c.Delta
				}
			}
		}
	}
	return out
}

// describeOf describes the scored values of the units ms; xs is scratch
// space.
func describeOf(ms []int, xs *[]float64, score func(i int) NodeScore) Stats {
	*xs = (*xs)[:0]
	for _, i := range ms {
		if s := score(i); s.Scored() {
			*xs = append(*xs, s.Score)
		}
	}
	return Describe(*xs)
}

// Describe computes Stats for a sample. It sorts xs in place.
func Describe(xs []float64) Stats {
	slices.Sort(xs)
	return describeSorted(xs)
}

// describeSorted is Describe of xs sorted already.
func describeSorted(xs []float64) Stats {
	n := len(xs)
	if n == 0 {
		return Stats{}
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return Stats{N: n, Mean: sum / float64(n), Median: Quantile(xs, 0.5),
		Q1: Quantile(xs, 0.25), Q3: Quantile(xs, 0.75), Min: xs[0], Max: xs[n-1]}
}

// Quantile returns the p-quantile of sorted xs by linear interpolation
// (type 7).
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// UnitsOf returns results that hold units and no scores: what an output
// made before anything is scored (serve's pages, codes and reminders)
// asks of them to label the units as the reports do (UnitIDLabel,
// DistrictLabel, UnitNouns).
func UnitsOf(m *Model, units []Unit) *Results {
	r := &Results{Model: m, Units: make([]UnitResult, len(units))}
	for i, u := range units {
		r.Units[i].Unit = u
	}
	return r
}

// Presence says which of the units' attributes and peer groups r's
// outputs can speak of: what some unit, in some wave, has. An output
// writes a column, a figure or a sentence about one only where it is
// present — a model of organisations or countries whose units have no
// district and no population (OWASP SAMM, ODM, or any that leaves
// peer_groups to its default) had the columns "Perzentil Landkreis" and
// "Perzentil Größenklasse" empty for every unit, and each profile a
// peer-group median of "•" said to belong to a group too small. Every
// medium asks here, so none decides it on its own.
type Presence struct {
	District, SizeClass, Population bool
	// PeerGroups[pg] is whether some unit is in a group of peer group pg
	// (indexed like Model.PeerGroups).
	PeerGroups []bool
}

// PeerGroup reports whether peer group pg is present; false for pg -1
// (none).
func (p Presence) PeerGroup(pg int) bool {
	return pg >= 0 && pg < len(p.PeerGroups) && p.PeerGroups[pg]
}

// Presence is what r's units have (see Presence). It looks at every unit:
// an output asks once, not per unit.
func (r *Results) Presence() Presence {
	p := Presence{PeerGroups: make([]bool, len(r.Model.PeerGroups))}
	for i := range r.Units {
		u := &r.Units[i]
		p.District = p.District || u.Unit.District != ""
		p.SizeClass = p.SizeClass || u.SizeClass != ""
		p.Population = p.Population || u.Unit.Population > 0
		for pg := range p.PeerGroups {
			p.PeerGroups[pg] = p.PeerGroups[pg] || r.groupOf(pg, u) != ""
		}
	}
	return p
}

// UnitIDLabel is the header of the units' id column in an output whose
// words for it are ags (municipalities keyed by their AGS) and other: the
// model's unit_labels.id where it names one; else ags where every unit is
// keyed by an AGS, other where some unit is not (a model of organisations
// or countries — "AGS" above "NORD" or "AT" was wrong).
func (r *Results) UnitIDLabel(ags, other string) string {
	if l := r.Model.UnitLabels.ID; l != "" {
		return l
	}
	for i := range r.Units {
		if !r.Units[i].Unit.ID.IsAGS() {
			return other
		}
	}
	return ags
}

// DistrictLabel is the header of the units' district column: the model's
// unit_labels.district, else the output's own word.
func (r *Results) DistrictLabel(own string) string {
	if l := r.Model.UnitLabels.District; l != "" {
		return l
	}
	return own
}

// UnitNouns are the nouns for one unit and for several that outputs in
// language l write where their own words speak of municipalities: the
// model's unit_labels.unit and units where it names them and l is the
// model's language (its labels are in it); else "", "" (the outputs keep
// their words) where the model names none and every unit is keyed by an
// AGS; else the neutral
// "Einheit", "Einheiten" or "unit", "units". "Alle Kommunen" above a
// model's organisations or countries was a wrong statement.
//
// German outputs put the singular after feminine articles ("einer",
// "jede"), as they do Kommune: a German model names a feminine noun
// (Organisation, Einrichtung, Nation).
func (r *Results) UnitNouns(l Language) (one, many string) {
	ul := r.Model.UnitLabels
	if ul.Unit != "" && l == r.Model.Language {
		return ul.Unit, ul.Units
	}
	other := ul.Unit != ""
	for i := 0; i < len(r.Units) && !other; i++ {
		other = !r.Units[i].Unit.ID.IsAGS()
	}
	switch {
	case !other:
		return "", ""
	case l == English:
		return "unit", "units"
	}
	return "Einheit", "Einheiten"
}
