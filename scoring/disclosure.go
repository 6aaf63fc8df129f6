package scoring

import (
	"slices"
	"sync"
)

// Disclosure decides which figures of groups of units may be Published:
// statistical disclosure control, in one place for every output — the
// HTML pages, the workbook, the CSV files, the terminal summary and
// --json all ask the same value. It decides once, when first asked about a
// group of a peer group, and is safe for concurrent use.
//
// Primary suppression hides every figure of a group of fewer than
// min_group_size units, and a node's statistics where fewer than that many
// units have the node scored. That alone does not protect a small group:
// the figures of all units stay Published, so the total of all units minus
// the totals of the groups shown (n × mean for means, counts for level
// counts) is the total of the hidden ones. Saxony's three district-free
// cities have one municipality each; with every district shown, 419 × the
// mean of all minus the shown districts' n × mean gives the three cities'
// sum, and with only one of them hidden, its own score.
//
// Secondary (complementary) suppression closes that. A sum is known for
// every set of units whose figures are shown: all units of the wave and
// each group shown. From such a set A and any peer group, the groups shown
// that lie inside A can be subtracted; what is left of A, the remainder,
// is known too, and may be subtracted from in turn. Every remainder must
// hold 0 units or at least min_group_size. With A all units this is the
// rule within one peer group: the hidden groups, with the units that
// belong to none, must be 0 or enough. With A a group of another peer
// group it covers nesting: a district that is one size class but for two
// municipalities, or a Land next to all but one of its districts when a
// model compares both. While a remainder falls short, the smallest group
// subtracted from it (fewest units, then by name) is hidden as well.
//
// The rule is checked for every figure that adds up: over a group's units
// (level counts and shares, the number scored) and over its units scored
// on the overall score and on each top-level dimension (means), as these
// sets differ. A group hidden for one is hidden as a whole, in every
// output, so that no figure of another node can be set against it: an
// overall mean under the arithmetic mean is a fixed blend of the
// dimension means.
//
// What the rule does not hide, by decision:
//   - the figures of all units of a wave: the point of secondary
//     suppression is that they stay;
//   - the number of units per group ("n = 1"): who took part is not an
//     answer, and the reader needs it to see why a group is hidden;
//   - medians and quartiles of groups shown: they are order statistics of
//     at least min_group_size units, which say that some unit of the group
//     has a value but not which, and they cannot be subtracted like sums.
//     Quartiles of fewer than 5 scores are not (see Quartiles).
//     The lowest and highest value are different: the extreme unit is
//     often easy to guess (the state capital), so the box plot's whiskers
//     end at the 10th and 90th percentile instead (see Whiskers);
//   - figures across waves: the mean change of the units that took part in
//     both is checked apart (see Panel); group figures of different waves
//     are of different answers and do not subtract.
type Disclosure struct {
	r   *Results
	min int
	// hidden holds the groups hidden by secondary suppression, decided
	// (decide) when a group of a peer group is first asked about: a wave's
	// own figures never are hidden, and check, which asks only for those,
	// spent a tenth of its instructions deciding the others.
	once   sync.Once
	hidden map[groupRef]bool
}

// groupRef names a group of units of one wave.
type groupRef struct {
	wave  WaveID
	pg    int
	group string
}

func ref(g *GroupStats) groupRef { return groupRef{g.Wave, g.PeerGroup, g.Group} }

// Suppression says whether a figure is shown and, if not, why.
type Suppression uint8

const (
	// Published: the figure may be shown.
	Published Suppression = iota
	// TooSmall: fewer than min_group_size units (primary suppression).
	TooSmall
	// Complementary: the group is large enough, but its figure would let a
	// smaller group's be computed as a difference (secondary suppression).
	Complementary
	// NoGroup: there is no figure to show, hidden or not: the unit is in
	// no group of the peer group it would be compared with, having no
	// value for the peer group's attribute — a municipality without a
	// population has no size class (Peers). Its profile said the group's
	// median was missing because the group had fewer than 5 members.
	NoGroup
	// FewScores: a first or third quartile of fewer than
	// MinQuartileScores scores, which would give the lowest or highest
	// score away (Quartiles), where min_group_size lets the group's other
	// figures be shown. Under min_group_size 1 the legend "fewer than 1
	// organisations" explained the quartiles of two.
	FewScores
)

// DefaultMinGroupSize is the smallest group whose figures are Published
// when the settings name none.
const DefaultMinGroupSize = 5

// NewDisclosure decides the secondary suppressions of every wave of r.
// A minGroup below 1 means DefaultMinGroupSize.
func NewDisclosure(r *Results, minGroup int) *Disclosure {
	return &Disclosure{r: r, min: leastGroup(minGroup)}
}

// decide works out the secondary suppressions of every wave, once.
func (d *Disclosure) decide() {
	d.once.Do(func() {
		d.hidden = map[groupRef]bool{}
		r := d.r
		if len(r.Model.PeerGroups) == 0 {
			return
		}
		// The number of units, the overall score and the top-level
		// dimensions: the figures some output shows as sums or means.
		// Deeper nodes appear only as medians (the profiles' table), which
		// do not subtract; a mean of one added to an output must be added
		// here.
		measures := []int{-1, 0}
		for _, n := range r.Model.Dimensions() {
			measures = append(measures, n.Index)
		}
		for wi := range r.Waves {
			w := newWaveSets(r, wi)
			for w.hideOne(d, measures) {
			}
		}
	})
}

// figure decides a figure of group g: measure -1 for figures over its
// units (level counts and shares, the number scored), else a node index
// for the statistics of that node.
func (d *Disclosure) figure(g *GroupStats, measure int) Suppression {
	if g != nil && g.PeerGroup >= 0 {
		d.decide() // a wave's own figures are never hidden for another's sake
	}
	return d.decided(g, measure)
}

// decided is figure with the secondary suppressions decided so far: what
// deciding them asks.
func (d *Disclosure) decided(g *GroupStats, measure int) Suppression {
	switch {
	case g == nil || g.Units < d.min || measure >= 0 && g.Nodes[measure].N < d.min:
		return TooSmall
	case g.PeerGroup >= 0 && d.hidden[ref(g)]: // only groups of peer groups are ever hidden
		return Complementary
	}
	return Published
}

// Node decides the statistics of a node over group g (mean, median,
// quartiles) and, for node 0, the percentiles within g, which rank the
// units with an overall score.
func (d *Disclosure) Node(g *GroupStats, node int) Suppression { return d.figure(g, node) }

// Trend decides the mean of a node over group g on the questions every
// wave asked alike (GroupStats.Trend), the figure of a trend across waves.
// It may rest on fewer units than the node's full statistics — a unit
// that answered mostly the questions a wave added is scored, but not on
// that core — so it is TooSmall where fewer than the minimum have it,
// besides Node's decision.
func (d *Disclosure) Trend(g *GroupStats, node int) Suppression {
	if s := d.figure(g, node); s != Published {
		return s
	}
	if g.Trend[node].N < d.min {
		return TooSmall
	}
	return Published
}

// Change decides the change of a group's mean since the previous wave
// (GroupChange.Delta), on the questions both waves asked alike: over
// NBefore and NAfter units, each at least the minimum, for the same
// reason as Trend. The means of both waves must be Published as well.
func (d *Disclosure) Change(gc GroupChange) Suppression {
	if gc.NBefore < d.min || gc.NAfter < d.min {
		return TooSmall
	}
	return Published
}

// Quartiles decides the first and third quartile of a node over group g
// (and the box drawn from them). Type-7 quartiles of fewer than
// MinQuartileScores scores interpolate with the lowest and highest one —
// of 3, q1 is the mean of the lowest two, so 2·q1 − median is the lowest
// score itself — which the box plot leaves out for the reason given at
// Whiskers. From 5 scores on they lie between the second and the
// second-highest. So they are FewScores below 5 scores, even where
// report.min_group_size lets the group's mean and median be shown.
func (d *Disclosure) Quartiles(g *GroupStats, node int) Suppression {
	if s := d.figure(g, node); s != Published {
		return s
	}
	if g.Nodes[node].N < MinQuartileScores {
		return FewScores
	}
	return Published
}

// FewScored reports whether a TooSmall of Node for node over g is for
// the node's scores alone: g has min_group_size units or more, fewer of
// them scored on the node (too few answers there). The legend "fewer than
// 5 municipalities in the group" is wrong of it: the group of eight had
// four scored.
func (d *Disclosure) FewScored(g *GroupStats, node int) bool {
	return g != nil && g.Units >= d.min && g.Nodes[node].N < d.min
}

// QuartilesApart reports whether Quartiles may hide a quartile of a
// group whose other figures are shown (FewScores): whether min_group_size
// is below MinQuartileScores, so that an output showing quartiles must
// say so beside its legend of groups too small.
func (d *Disclosure) QuartilesApart() bool { return d.min < MinQuartileScores }

// HidesSmallGroups reports whether TooSmall hides figures that exist:
// from min_group_size 2 on. Under 1 every group and node with a unit
// scored is shown, and a figure TooSmall is one no unit has (no unit
// of the group scored on the node): an output says that, not "fewer than
// 1".
func (d *Disclosure) HidesSmallGroups() bool { return d.min > 1 }

// MinQuartileScores is the fewest scores whose quartiles are shown
// (Quartiles).
const MinQuartileScores = 5

// Units decides the figures over all units of group g: the level
// distribution and the number of units scored on each node — and so the
// number not scored on a node, which is the group's size less that.
func (d *Disclosure) Units(g *GroupStats) Suppression { return d.figure(g, -1) }

// Peers decides the figures of the group of peer group pg that unit u is
// compared with on its profile (its percentile there, the group's
// medians), over the group's units as Units does: NoGroup where u is in
// no group of pg, else Units' decision for its group. u may be of other
// Results than d's (a profile compared with the last refresh's figures):
// its group is looked up by wave and name.
func (d *Disclosure) Peers(u *UnitResult, pg int) Suppression {
	if pg < 0 || pg >= len(u.Peers) || u.Peers[pg].Group == "" {
		return NoGroup
	}
	return d.Units(d.r.Group(u.Wave, pg, u.Peers[pg].Group))
}

// AllWaves decides a count summed over the units of every wave, such as
// the number of units without an overall score in all waves together: with
// one wave's figures hidden, that sum less the counts of the waves shown
// would be the hidden wave's. Published when every wave's units figures
// are (Units of all its units), else TooSmall.
func (d *Disclosure) AllWaves() Suppression {
	for _, w := range d.r.Waves {
		if g := d.r.Group(w.ID, -1, ""); g != nil && d.Units(g) != Published {
			return TooSmall
		}
	}
	return Published
}

// Finding decides a data-quality finding: whether it may be counted or
// listed in an output. A finding about a unit (Issue.Unit set) of a wave
// whose figures over its units are hidden (Units of all its units) is
// TooSmall: an answer outside the scale, an area not scored, a duplicate
// are facts about that wave's few units, and a count of them — per
// question and value, by kind, or in a total over all waves less the
// waves shown — is a figure of the wave. A finding about no unit (a
// question without a column in a wave's file, a level no unit of the wave
// can reach) is about the files or the model and Published. Rejected rows
// are no units of the wave and are not decided here: they are listed
// everywhere, as the number of units per wave is.
func (d *Disclosure) Finding(is Issue) Suppression {
	if is.Unit == "" {
		return Published
	}
	if d.Units(d.r.Group(is.Wave, -1, "")) != Published {
		return TooSmall
	}
	return Published
}

// ImputeFrom decides whether the mean or median of n units may replace a
// unit's missing value (the Impute policy, a treatment's impute): the
// value enters that unit's scores, which its profile, the workbook and the
// CSVs show, so it is a figure of those n units like any other and needs
// at least minGroup of them (below 1: DefaultMinGroupSize). Dresden missing
// a dimension, imputed from its size class of two, had Leipzig's score.
func ImputeFrom(n, minGroup int) bool { return n >= leastGroup(minGroup) }

// leastGroup is the fewest units a published group figure (NewDisclosure)
// or an imputed mean (ImputeFrom, as the methodology names it) rests on:
// minGroup, or DefaultMinGroupSize where it is below 1.
func leastGroup(minGroup int) int {
	if minGroup < 1 {
		return DefaultMinGroupSize
	}
	return minGroup
}

// MinGroup is the smallest group whose figures are published.
func (d *Disclosure) MinGroup() int { return d.min }

// Shown reports whether an aggregate over n units passes primary
// suppression (the figure may still be hidden as complementary).
func (d *Disclosure) Shown(n int) bool { return n >= d.min }

// AnyComplementary reports whether some group of some wave was hidden by
// secondary suppression, so that an output can say why.
func (d *Disclosure) AnyComplementary() bool {
	d.decide()
	return len(d.hidden) > 0
}

// ComplementaryIn reports whether some group of peer group pg in wave was
// hidden by secondary suppression, so that a page can say why.
func (d *Disclosure) ComplementaryIn(wave WaveID, pg int) bool {
	d.decide()
	for k := range d.hidden {
		if k.wave == wave && k.pg == pg {
			return true
		}
	}
	return false
}

// Panel decides the mean change of the units that took part in two waves:
// n units in both, joined units only in the later wave, left units only in
// the earlier one (each counted among units scored on the node). With the
// means of both waves Published, n × the mean change tells the sum of the
// joined units' scores minus that of the units that left; with one unit
// joining and none leaving, that is its score. So each of joined and left
// must be 0 or at least the minimum, and n at least the minimum.
func (d *Disclosure) Panel(n, joined, left int) Suppression {
	small := func(k int) bool { return k > 0 && k < d.min }
	if n < d.min || small(joined) || small(left) {
		return TooSmall
	}
	return Published
}

// Whiskers returns where the box plot of a node over all units of wave wi
// ends: the 10th and 90th percentile, which leave out the lowest and
// highest score, each one unit's own. With fewer than 11 units scored
// they would be drawn from the lowest or highest score themselves, so
// the whiskers shrink to the quartiles (q1, q3).
func (d *Disclosure) Whiskers(wi, node int, q1, q3 float64) (lo, hi float64) {
	var xs []float64
	for _, u := range d.r.WaveUnits(wi) {
		if s := u.Nodes.At(node); s.Scored() {
			xs = append(xs, s.Score)
		}
	}
	if len(xs) < 11 {
		return q1, q3
	}
	slices.Sort(xs)
	return Quantile(xs, 0.1), Quantile(xs, 0.9)
}

// waveSets knows, for one wave, which units make up each group: what
// secondary suppression needs and GroupStats does not hold.
type waveSets struct {
	r      *Results
	wave   WaveID
	units  []UnitResult
	all    *GroupStats
	groups [][]*GroupStats // by peer group, as in Results.Groups
	// of[pg][i] is the index in groups[pg] of unit i's group, or -1.
	of [][]int
}

func newWaveSets(r *Results, wi int) *waveSets {
	w := &waveSets{r: r, wave: r.Waves[wi].ID, units: r.WaveUnits(wi), all: r.Group(r.Waves[wi].ID, -1, "")}
	npg := len(r.Model.PeerGroups)
	w.groups = make([][]*GroupStats, npg)
	w.of = make([][]int, npg)
	index := make([]map[string]int, npg)
	for pg := range npg {
		index[pg] = map[string]int{}
	}
	for i := range r.Groups {
		g := &r.Groups[i]
		if g.Wave == w.wave && g.PeerGroup >= 0 {
			index[g.PeerGroup][g.Group] = len(w.groups[g.PeerGroup])
			w.groups[g.PeerGroup] = append(w.groups[g.PeerGroup], g)
		}
	}
	for pg := range npg {
		w.of[pg] = make([]int, len(w.units))
		for i := range w.units {
			w.of[pg][i] = -1
			if name := w.units[i].Peers[pg].Group; name != "" {
				if k, ok := index[pg][name]; ok {
					w.of[pg][i] = k
				}
			}
		}
	}
	return w
}

// hideOne finds a remainder that falls short for some measure, hides one
// group to fix it and reports true; or reports false when every remainder
// of the wave is 0 or large enough.
func (w *waveSets) hideOne(d *Disclosure, measures []int) bool {
	for _, m := range measures {
		if g := w.shortfall(d, m); g != nil {
			d.hidden[ref(g)] = true
			return true
		}
	}
	return false
}

// shortfall returns a group to hide because some set of units whose sum
// follows from the figures of measure m shown holds more than none and
// fewer than the minimum, or nil when there is none.
//
// Known are the sums over all units, over each group shown and, per peer
// group, over the rest: the units in its hidden groups or in none
// (the remainder, which must itself be 0 or large enough). A peer group
// thus cuts all units into known pieces. From each known set A (all units,
// a group shown, a remainder, and in turn every set found below) the
// pieces of every other peer group that lie wholly inside A are taken
// away; what is left is known too and must be 0 or large enough.
//
// What to hide when it is not: if the peer group's remainder is not among
// the pieces taken away, the smallest group shown among them, which joins
// the remainder outside A. If the remainder is among them, hiding a group
// inside A would only move it into a piece still taken away; instead the
// smallest group shown that holds units of what is left, which also has
// units outside A, and so takes the remainder out of A.
func (w *waveSets) shortfall(d *Disclosure, m int) *GroupStats {
	if d.decided(w.all, m) != Published {
		return nil // no total to subtract from; every group is smaller still
	}
	var everyone []int
	for i := range w.units {
		if m < 0 || w.units[i].Nodes.At(m).Scored() {
			everyone = append(everyone, i)
		}
	}
	cuts := make([]cut, len(w.groups))
	for pg, gs := range w.groups {
		cuts[pg] = w.cut(d, m, pg, gs, everyone)
	}
	type known struct {
		units []int // indices into w.units, members only, ascending
		pg    int   // the peer group A is a piece of; -1 for others
	}
	queue := []known{{everyone, -1}}
	for pg, c := range cuts {
		if n := len(c.rest); n > 0 && n < d.min {
			return smallest(w.groups[pg], c.shownIdx())
		}
		for k, ms := range c.members {
			if c.shown[k] {
				queue = append(queue, known{ms, pg})
			}
		}
		if len(c.rest) > 0 {
			queue = append(queue, known{c.rest, pg})
		}
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		for pg, c := range cuts {
			if pg == a.pg {
				continue // a is one of this peer group's pieces
			}
			left, inside, restInside := c.takeAway(w, pg, a.units)
			if len(inside) == 0 && !restInside {
				continue
			}
			if len(left) > 0 && len(left) < d.min {
				if !restInside {
					return smallest(w.groups[pg], inside)
				}
				return smallest(w.groups[pg], c.holding(w, pg, left))
			}
			if len(left) == 0 {
				continue
			}
			if key := setKey(left); !seen[key] {
				seen[key] = true
				queue = append(queue, known{left, -1})
			}
		}
	}
	return nil
}

// cut is how one peer group cuts the units counted for a measure into
// known pieces: the groups shown and the remainder.
type cut struct {
	shown   []bool  // by group index: its figure is shown
	members [][]int // by group index: its units counted for the measure
	size    []int   // len(members[k])
	rest    []int   // units in hidden groups or in none
}

func (w *waveSets) cut(d *Disclosure, m, pg int, gs []*GroupStats, everyone []int) cut {
	c := cut{shown: make([]bool, len(gs)), members: make([][]int, len(gs)), size: make([]int, len(gs))}
	for k, g := range gs {
		c.shown[k] = d.decided(g, m) == Published
	}
	for _, i := range everyone {
		if k := w.of[pg][i]; k >= 0 && c.shown[k] {
			c.members[k] = append(c.members[k], i)
		} else {
			c.rest = append(c.rest, i)
		}
	}
	for k := range gs {
		c.size[k] = len(c.members[k])
	}
	return c
}

func (c cut) shownIdx() []int {
	var ks []int
	for k, ok := range c.shown {
		if ok {
			ks = append(ks, k)
		}
	}
	return ks
}

// takeAway removes from units (ascending) the pieces of the cut wholly
// inside them. It returns what is left, the groups shown taken away
// (indices, ascending), and whether the remainder was taken away too.
func (c cut) takeAway(w *waveSets, pg int, units []int) (left, inside []int, restInside bool) {
	count := make([]int, len(c.shown))
	inRest := 0
	for _, i := range units {
		if k := w.of[pg][i]; k >= 0 && c.shown[k] {
			count[k]++
		} else {
			inRest++
		}
	}
	for k, n := range count {
		if n > 0 && n == c.size[k] {
			inside = append(inside, k)
		}
	}
	restInside = inRest > 0 && inRest == len(c.rest)
	for _, i := range units {
		k := w.of[pg][i]
		if k >= 0 && c.shown[k] {
			if _, found := slices.BinarySearch(inside, k); found {
				continue
			}
		} else if restInside {
			continue
		}
		left = append(left, i)
	}
	return left, inside, restInside
}

// holding returns the groups shown that hold some of units (indices,
// ascending).
func (c cut) holding(w *waveSets, pg int, units []int) []int {
	var ks []int
	for _, i := range units {
		if k := w.of[pg][i]; k >= 0 && c.shown[k] && !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// smallest returns the group among gs[k] for k in ks with the fewest
// units; ties go to the first by name.
func smallest(gs []*GroupStats, ks []int) *GroupStats {
	best := gs[ks[0]]
	for _, k := range ks[1:] {
		if g := gs[k]; g.Units < best.Units || g.Units == best.Units && g.Group < best.Group {
			best = g
		}
	}
	return best
}

// setKey identifies a set of unit indices (sorted ascending, as every set
// here is built in order).
func setKey(units []int) string {
	b := make([]byte, 0, 4*len(units))
	for _, i := range units {
		b = append(b, byte(i>>24), byte(i>>16), byte(i>>8), byte(i))
	}
	return string(b)
}
