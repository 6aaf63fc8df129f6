package analyse

import (
	"context"
	"math"

	"github.com/reifegrad/reifegrad/scoring"
)

// Validation is the statistical validation of a model on one wave: how
// well the items of each dimension hang together, how indicators and
// dimensions correlate, and how each indicator's scores are distributed.
// Every figure is over all units of the wave; a figure that cannot be
// computed (too few units, no spread) is NaN, which writers show as
// empty. When the wave has fewer units with an overall score than the
// minimum group size, Suppressed is set and nothing else is filled in:
// no figure may then be shown.
type Validation struct {
	Wave scoring.WaveID
	// Participants counts the units of the wave, shown as every output
	// shows them; Units those with an overall score, a figure over the
	// wave's units (scoring.Disclosure.Units): 0 with UnitsHidden set
	// where the wave's figures are hidden, as the overview's "•".
	Participants int
	Units        int
	UnitsHidden  bool
	Suppressed   bool
	// Reliability holds every node with two or more children (the overall
	// score and the dimensions), in model order.
	Reliability []Reliability
	// Indicators describes the distribution of each indicator's scores.
	Indicators []Distribution
	// Nodes are the indicators and dimensions (not the overall score) in
	// model order; Pearson and Spearman are their correlation matrices
	// (pairwise complete), Pairs the number of units behind each. A
	// correlation of fewer pairs than the minimum group size is NaN
	// (suppressed) and never flagged.
	Nodes             []int
	Pearson, Spearman [][]float64
	Pairs             [][]int
	// Flags lists the noteworthy correlations.
	Flags []CorrelationFlag
}

// Reliability is the internal consistency of one node's children (its
// items), over the units that have every item scored (N). When N is below
// the minimum group size, Suppressed is set and the figures are NaN: they
// would describe a group too small to show.
type Reliability struct {
	Node       int   // index into Model.Nodes
	Items      []int // its children the wave asked (two at least)
	N          int
	Suppressed bool
	// Alpha is Cronbach's α; AlphaIfDropped[j] the α of the other items,
	// ItemRest[j] the correlation of item j with the sum of the others.
	Alpha          float64
	AlphaIfDropped []float64
	ItemRest       []float64
	// FirstComponent is the share of the items' variance that the first
	// principal component explains (PCA on their correlation matrix).
	FirstComponent float64
}

// Distribution describes one indicator's scores (0–100) in the wave.
type Distribution struct {
	Node int
	// N counts the units with a score; Missing is the share of the units
	// to which the indicator applies that have none; NotApplicable counts
	// the units to which it does not apply.
	N             int
	Missing       float64
	NotApplicable int
	// Skewness and Kurtosis as scoring.Skewness and scoring.Kurtosis
	// (Excel's SKEW and KURT); Floor and Ceiling the shares of scores at
	// 0 and at 100. They are NaN and Suppressed is set when N is below
	// the minimum group size.
	Skewness, Kurtosis float64
	Floor, Ceiling     float64
	Suppressed         bool
}

// CorrelationKind says why a pair of nodes is flagged.
type CorrelationKind uint8

const (
	// NegativeInside: two items of the same node correlate negatively
	// (Pearson), so they pull its score in opposite directions.
	NegativeInside CorrelationKind = iota + 1
	// NearDuplicate: |r| > 0.9 between two indicators or two dimensions
	// neither of which contains the other: they measure nearly the same.
	NearDuplicate
)

func (k CorrelationKind) String() string {
	switch k {
	case NegativeInside:
		return "negative_inside"
	case NearDuplicate:
		return "near_duplicate"
	}
	return "CorrelationKind(?)"
}

// CorrelationFlag is a flagged pair of nodes (indices into Model.Nodes).
type CorrelationFlag struct {
	Kind CorrelationKind
	A, B int
	R    float64 // Pearson
}

// NearDuplicateR is the |r| above which two nodes count as near-duplicates.
const NearDuplicateR = 0.9

// Validate computes the validation of wave wi of r. Figures are shown
// only for a wave whose figures over its units d publishes and whose
// units with an overall score pass d.Shown.
func Validate(r *scoring.Results, wi int, d *scoring.Disclosure) *Validation {
	m := r.Model
	units := r.WaveUnits(wi)
	v := &Validation{Wave: r.Waves[wi].ID, Participants: len(units)}
	if d.Units(r.Group(v.Wave, -1, "")) != scoring.Published {
		v.UnitsHidden, v.Suppressed = true, true
		return v
	}
	for i := range units {
		if units[i].Nodes.At(0).Scored() {
			v.Units++
		}
	}
	if !d.Shown(v.Units) {
		v.Suppressed = true
		return v
	}
	cols := scoreColumns(units, len(m.Nodes))
	notAsked := unasked(units, len(m.Nodes))
	for _, n := range m.Nodes {
		if n.Kind == scoring.KindIndicator {
			continue
		}
		var parts []int
		for _, c := range n.Children {
			if !notAsked[c] {
				parts = append(parts, c)
			}
		}
		if len(parts) < 2 {
			continue
		}
		items := make([][]float64, len(parts))
		for j, c := range parts {
			items[j] = cols[c]
		}
		rel := reliability(items)
		rel.Node, rel.Items = n.Index, parts
		if !d.Shown(rel.N) {
			rel = suppressedReliability(rel)
		}
		v.Reliability = append(v.Reliability, rel)
	}
	for _, n := range m.Nodes {
		if notAsked[n.Index] {
			continue
		}
		if n.Kind == scoring.KindIndicator {
			dist := describe(cols[n.Index], notApplicable(units, n.Index))
			dist.Node = n.Index
			if !d.Shown(dist.N) {
				dist.Skewness, dist.Kurtosis, dist.Floor, dist.Ceiling = math.NaN(), math.NaN(), math.NaN(), math.NaN()
				dist.Suppressed = true
			}
			v.Indicators = append(v.Indicators, dist)
		}
		if n.Kind != scoring.KindOverall {
			v.Nodes = append(v.Nodes, n.Index)
		}
	}
	v.correlations(m, cols, d)
	return v
}

// suppressedReliability keeps of rel only what it may show: which items
// and how many units.
func suppressedReliability(rel Reliability) Reliability {
	nan := func(xs []float64) []float64 {
		out := make([]float64, len(xs))
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	return Reliability{Node: rel.Node, Items: rel.Items, N: rel.N, Suppressed: true, Alpha: math.NaN(),
		FirstComponent: math.NaN(), AlphaIfDropped: nan(rel.AlphaIfDropped), ItemRest: nan(rel.ItemRest)}
}

// scoreColumns returns every node's scores over the units, NaN where a
// unit has none.
func scoreColumns(units []scoring.UnitResult, nodes int) [][]float64 {
	cols := make([][]float64, nodes)
	for n := range cols {
		cols[n] = make([]float64, len(units))
		for i := range units {
			cols[n][i] = math.NaN()
			if s := units[i].Nodes.At(n); s.Scored() {
				cols[n][i] = s.Score
			}
		}
	}
	return cols
}

// unasked reports for every node whether the wave asked none of its
// questions (scoring.Unasked for every unit). Such a node is no part of
// the wave's scores — it never lowers coverage nor counts as missing — and
// so no part of its analysis: listed, it showed as 100 % missing, and as a
// part that no unit had it left its dimension without a reliability
// (analyse --wave 2024 on the example: ISMS, new in 2028, and IT &
// Informationssicherheit "• fewer than 5").
func unasked(units []scoring.UnitResult, nodes int) []bool {
	out := make([]bool, nodes)
	if len(units) == 0 {
		return out
	}
	for n := range out {
		out[n] = true
		for i := range units {
			if units[i].Nodes.At(n).State != scoring.Unasked {
				out[n] = false
				break
			}
		}
	}
	return out
}

func notApplicable(units []scoring.UnitResult, node int) []bool {
	out := make([]bool, len(units))
	for i := range units {
		out[i] = units[i].Nodes.At(node).State == scoring.NotApplies
	}
	return out
}

// reliability computes α, α if an item is dropped, item–rest
// correlations and the first component's share over the complete rows.
func reliability(items [][]float64) Reliability {
	rows := completeRows(items)
	full := make([][]float64, len(items))
	for j, it := range items {
		full[j] = pick(it, rows)
	}
	rel := Reliability{N: len(rows), Alpha: cronbach(full), FirstComponent: firstComponentShare(full)}
	for j := range full {
		others := make([][]float64, 0, len(full)-1)
		others = append(others, full[:j]...)
		others = append(others, full[j+1:]...)
		rel.AlphaIfDropped = append(rel.AlphaIfDropped, cronbach(others))
		rel.ItemRest = append(rel.ItemRest, itemRest(full, j))
	}
	return rel
}

// describe summarises a column of scores; na marks the units to which the
// indicator does not apply (nil: none).
func describe(col []float64, na []bool) Distribution {
	var d Distribution
	var xs []float64
	for i, x := range col {
		switch {
		case na != nil && na[i]:
			d.NotApplicable++
		case !math.IsNaN(x):
			xs = append(xs, x)
		}
	}
	d.N = len(xs)
	d.Missing, d.Floor, d.Ceiling = math.NaN(), math.NaN(), math.NaN()
	if applicable := len(col) - d.NotApplicable; applicable > 0 {
		d.Missing = float64(applicable-d.N) / float64(applicable)
	}
	d.Skewness, d.Kurtosis = scoring.Skewness(xs), scoring.Kurtosis(xs)
	if d.N > 0 {
		var lo, hi int
		for _, x := range xs {
			if x <= 1e-9 {
				lo++
			}
			if x >= 100-1e-9 {
				hi++
			}
		}
		d.Floor, d.Ceiling = float64(lo)/float64(d.N), float64(hi)/float64(d.N)
	}
	return d
}

// correlationNoise is how far from 0 a correlation computed from sums
// of scores may land by rounding alone: a correlation that is 0 came out
// as −1.3e-16 and was flagged negative beside "r = 0,00". Any correlation
// a reader could see as negative is far beyond it.
const correlationNoise = 1e-12

// correlations fills the matrices and the flags.
func (v *Validation) correlations(m *scoring.Model, cols [][]float64, d *scoring.Disclosure) {
	k := len(v.Nodes)
	v.Pearson, v.Spearman, v.Pairs = make([][]float64, k), make([][]float64, k), make([][]int, k)
	for a := range k {
		v.Pearson[a], v.Spearman[a], v.Pairs[a] = make([]float64, k), make([]float64, k), make([]int, k)
	}
	index := make([]rankIndex, k)
	for a := range k {
		index[a] = newRankIndex(cols[v.Nodes[a]])
	}
	// The rows of the matrices go to the cores (21,321 pairs nationally,
	// a quarter of a national run on one core). Row a writes only the
	// cells [a][b] and [b][a] with b ≥ a, so no two rows share a cell;
	// each row keeps its own flags, joined in row order afterwards: the
	// result is the same on any number of cores.
	flags := make([][]CorrelationFlag, k)
	_ = evaluate(context.Background(), 0, k, func() func(a int) {
		var scratch spearmanScratch
		return func(a int) {
			for b := a; b < k; b++ {
				x, y := cols[v.Nodes[a]], cols[v.Nodes[b]]
				p, s, n := pairCorrelations(x, y, index[a], index[b], &scratch)
				if !d.Shown(n) {
					p, s = math.NaN(), math.NaN()
				}
				v.Pearson[a][b], v.Pearson[b][a] = p, p
				v.Spearman[a][b], v.Spearman[b][a] = s, s
				v.Pairs[a][b], v.Pairs[b][a] = n, n
				if b == a || math.IsNaN(p) {
					continue
				}
				na, nb := m.Nodes[v.Nodes[a]], m.Nodes[v.Nodes[b]]
				if na.Parent == nb.Parent && p < -correlationNoise {
					flags[a] = append(flags[a], CorrelationFlag{Kind: NegativeInside, A: na.Index, B: nb.Index, R: p})
				}
				sameKind := (na.Kind == scoring.KindIndicator) == (nb.Kind == scoring.KindIndicator)
				if math.Abs(p) > NearDuplicateR && sameKind && !contains(m, na, nb) && !contains(m, nb, na) {
					flags[a] = append(flags[a], CorrelationFlag{Kind: NearDuplicate, A: na.Index, B: nb.Index, R: p})
				}
			}
		}
	})
	for _, f := range flags {
		v.Flags = append(v.Flags, f...)
	}
}

// contains reports whether node a lies above node b in the tree.
func contains(m *scoring.Model, a, b *scoring.Node) bool {
	for p := b.Parent; p >= 0; p = m.Nodes[p].Parent {
		if p == a.Index {
			return true
		}
	}
	return false
}
