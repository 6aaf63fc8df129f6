package scoring

import (
	"math"
	"slices"
)

// Statistic names a figure of a group in the published aggregates.
type Statistic uint8

const (
	StatN      Statistic = iota // units scored on the node
	StatMean                    // mean score (overall and top-level dimensions only)
	StatMedian                  // median score
	StatQ1                      // first quartile
	StatQ3                      // third quartile
	StatP10                     // 10th percentile (all units of the latest wave, 11 or more scored)
	StatP90                     // 90th percentile (likewise)
	StatCount                   // units at a level
	StatShare                   // units at a level, in % of all the group's units (GroupStats.LevelShare)
)

var statNames = []string{"n", "mean", "median", "q1", "q3", "p10", "p90", "count", "share"}

// String returns the statistic's name as the published tables spell it:
// n, mean, median, q1, q3, p10, p90, count, share.
func (s Statistic) String() string { return statNames[s] }

// Aggregate is one figure of a group that a publication may contain, or
// the place of one it must not: then Value is NaN and Suppression says
// why. Figures of one group share Wave, PeerGroup, Group and Units.
type Aggregate struct {
	Wave      WaveID
	PeerGroup int    // index into Model.PeerGroups; -1 for all units
	Group     string // the group's name; "" for all units
	Units     int    // the group's size, shown for every group
	// Node is the node the figure is of, or -1 for a level figure.
	Node int
	// Level is the level ordinal of a level figure (0: no level).
	Level       int
	Statistic   Statistic
	Value       float64
	Suppression Suppression
}

// Aggregates lists every figure the publications (the overview, the
// publication workbook, aggregates.csv) may show, and the place of every
// one they must hide, under the same rule as every other output: for each
// wave, all units; for the latest wave, also each group of each peer
// group. Per group, for the overall score and each dimension the number
// scored (shown where the group's level counts are), median and quartiles, and the mean where d keeps it safe from
// differencing (the overall score and the top-level dimensions, see
// NewDisclosure); for all units of the latest wave the 10th and 90th
// percentile; then the count and share of units at each level.
func (d *Disclosure) Aggregates() []Aggregate {
	r, m := d.r, d.r.Model
	var out []Aggregate
	latest := r.Latest()
	safeMean := map[int]bool{0: true}
	for _, n := range m.Dimensions() {
		safeMean[n.Index] = true
	}
	for wi, w := range r.Waves {
		groups := []*GroupStats{r.Group(w.ID, -1, "")}
		if wi == latest {
			for pg := range m.PeerGroups {
				var gs []*GroupStats
				for i := range r.Groups {
					if g := &r.Groups[i]; g.Wave == w.ID && g.PeerGroup == pg {
						gs = append(gs, g)
					}
				}
				slices.SortStableFunc(gs, func(a, b *GroupStats) int { return m.CompareGroups(pg, a.Group, b.Group) })
				groups = append(groups, gs...)
			}
		}
		// A line for units without a level in every group of the wave, or
		// in none: its absence from a hidden group would tell.
		noLevel := groups[0] != nil && groups[0].Levels[0] > 0
		for _, g := range groups {
			if g == nil {
				continue
			}
			out = append(out, d.groupAggregates(g, wi == latest, noLevel, safeMean)...)
		}
	}
	return out
}

func (d *Disclosure) groupAggregates(g *GroupStats, latest, noLevel bool, safeMean map[int]bool) []Aggregate {
	m := d.r.Model
	var out []Aggregate
	add := func(node, level int, st Statistic, v float64, s Suppression) {
		if s != Published {
			v = math.NaN()
		}
		out = append(out, Aggregate{Wave: g.Wave, PeerGroup: g.PeerGroup, Group: g.Group, Units: g.Units,
			Node: node, Level: level, Statistic: st, Value: v, Suppression: s})
	}
	for i, n := range m.Nodes {
		if n.Kind == KindIndicator {
			continue
		}
		s, st := d.Node(g, i), g.Nodes[i]
		// The number scored is a count over the group's units, as the
		// level counts are: with them shown, the number of units less
		// those without a level is the number scored on the overall
		// score anyway. So it follows Units, not the node's statistics.
		add(i, 0, StatN, float64(st.N), d.Units(g))
		if safeMean[i] {
			add(i, 0, StatMean, st.Mean, s)
		}
		add(i, 0, StatMedian, st.Median, s)
		q := d.Quartiles(g, i)
		add(i, 0, StatQ1, st.Q1, q)
		add(i, 0, StatQ3, st.Q3, q)
		if latest && g.PeerGroup < 0 && st.N >= 11 {
			lo, hi := d.Whiskers(d.r.Latest(), i, st.Q1, st.Q3)
			add(i, 0, StatP10, lo, s)
			add(i, 0, StatP90, hi, s)
		}
	}
	s := d.Units(g)
	for o, n := range g.Levels {
		if o == 0 && !noLevel {
			continue
		}
		add(-1, o, StatCount, float64(n), s)
		add(-1, o, StatShare, g.LevelShare(o), s)
	}
	return out
}
