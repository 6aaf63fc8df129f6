package scoring

import (
	"fmt"
	"iter"
	"math"
)

// NodeScores holds one unit's node scores, indexed like Model.Nodes; At
// gives each as a NodeScore. They are stored without NodeScore's padding,
// and most coverages take no room at all: a NodeScore takes 24 bytes (two
// float64s, the state and the flag, padded to a multiple of 8), a node
// here 9 — its score, and one byte for the state, the imputed flag and,
// for an indicator read from one question (nearly every node of a large
// model), its coverage, which can only be 0 or 1 (see coverageSlots);
// every other node keeps its coverage as a float64 besides. The node
// scores are the largest allocation of a check (51 MB as NodeScores for
// 10,786 municipalities × 207 nodes), and a check does not collect, so
// each of its bytes is memory never touched, a page the system supplies
// on the first write: the node scores' first writes were a fifth of
// checking the national data, most of it in those page faults.
//
// A NodeScores is a view, like a slice: copies share the scores, and Set
// through one is seen through the others. The zero value holds no nodes.
// Its methods take a pointer: it is 12 words, and a method of the value,
// inlined into scoring's loops, copied it at every call.
type NodeScores struct {
	scores []float64
	flags  []uint8 // State, with imputedFlag, keptFlag and coveredFlag
	// covs holds the coverage of node i at covs[slot[i]] (once stored,
	// its flags say so: keptFlag); a node with slot -1 has coverage 1
	// when coveredFlag is set, else 0.
	covs []float64
	slot []int32 // shared by every unit of a run
}

const (
	stateBits = 0x07 // State has five values
	// keptFlag marks a node whose coverage is kept in covs: reading a
	// coverage then needs no look at slot for the others (innerMean reads
	// one per child).
	keptFlag = 0x20
	// coveredFlag is the coverage 1 of a node that keeps none apart.
	coveredFlag = 0x40
	// imputedFlag marks NodeScore.Imputed.
	imputedFlag = 0x80
)

// MakeNodeScores returns room for k node scores, each the zero NodeScore,
// that keeps every coverage apart (any NodeScore can be Set).
func MakeNodeScores(k int) NodeScores {
	slot := make([]int32, k)
	for i := range slot {
		slot[i] = int32(i)
	}
	return NodeScores{scores: make([]float64, k), flags: make([]uint8, k), covs: make([]float64, k), slot: slot}
}

// NodeScoresOf returns node scores holding xs, in order.
func NodeScoresOf(xs ...NodeScore) NodeScores {
	s := MakeNodeScores(len(xs))
	for i, x := range xs {
		s.Set(i, x)
	}
	return s
}

// nodeLayout is where a unit's node scores keep the coverages: slot[i]
// for node i (NodeScores.slot), nc of them.
type nodeLayout struct {
	slot []int32
	nc   int
}

// coverageSlots returns the layout of the node scores of m's units read
// against questionnaire q. An indicator read from one question that q
// does not derive from others is settled with coverage 0 or 1 (settle:
// 1 − unanswered, and only a derived question has parts not answered),
// so the flags hold it; every other node keeps its own. A variant
// (Scratch) changes how nodes aggregate, never which questions they read,
// so it lays its units out the same way.
func coverageSlots(m, q *Model) nodeLayout {
	slot := make([]int32, len(m.Nodes))
	n := 0
	for i, nd := range m.Nodes {
		if nd.Kind == KindIndicator && len(nd.Questions) == 1 && len(q.Questions[nd.Questions[0]].From) == 0 {
			slot[i] = -1
			continue
		}
		slot[i] = int32(n)
		n++
	}
	return nodeLayout{slot, n}
}

// nodeBlock is the node scores of a stretch of units, unit after unit,
// all laid out by one slot (coverageSlots).
type nodeBlock struct {
	scores []float64
	flags  []uint8
	covs   []float64
	slot   []int32
	k, nc  int // nodes and coverages kept per unit
}

func newNodeBlock(units int, lay nodeLayout) nodeBlock {
	k, nc := len(lay.slot), lay.nc
	return nodeBlock{scores: make([]float64, units*k), flags: make([]uint8, units*k), covs: make([]float64, units*nc),
		slot: lay.slot, k: k, nc: nc}
}

// unit returns unit j's node scores, capped so that they cannot grow into
// the next unit's.
func (b *nodeBlock) unit(j int) NodeScores {
	k, nc := b.k, b.nc
	return NodeScores{scores: b.scores[j*k : (j+1)*k : (j+1)*k], flags: b.flags[j*k : (j+1)*k : (j+1)*k],
		covs: b.covs[j*nc : (j+1)*nc : (j+1)*nc], slot: b.slot}
}

// Len is the number of nodes.
func (s *NodeScores) Len() int { return len(s.flags) }

// At returns node i's score.
func (s *NodeScores) At(i int) NodeScore {
	f := s.flags[i]
	return NodeScore{Score: s.scores[i], Coverage: coverage(s.covs, s.slot, i, f), State: State(f & stateBits), Imputed: f&imputedFlag != 0}
}

// coverage is node i's coverage, f its flags: kept in covs, else 1 or 0
// as coveredFlag says (a node never stored has coverage 0 either way).
// innerMean calls it once per child, with covs and slot in hand.
func coverage(covs []float64, slot []int32, i int, f uint8) float64 {
	switch {
	case f&keptFlag != 0:
		return covs[slot[i]]
	case f&coveredFlag != 0:
		return 1
	}
	return 0
}

// Set stores ns as node i's score.
func (s *NodeScores) Set(i int, ns NodeScore) {
	s.scores[i] = ns.Score
	s.put(i, ns.State, ns.Coverage, ns.Imputed)
}

// put stores node i's state, coverage and imputed flag (its score is
// stored apart, where it is computed). A node whose coverage the flags
// hold takes only 0 and 1: any other is a bug of coverageSlots, which
// must not pass as a wrong number.
func (s *NodeScores) put(i int, st State, cov float64, imputed bool) {
	f := uint8(st)
	if imputed {
		f |= imputedFlag
	}
	switch j := s.slot[i]; {
	case j >= 0:
		s.covs[j] = cov
		f |= keptFlag
	case cov == 1:
		f |= coveredFlag
	case math.Float64bits(cov) != 0: // not +0: −0 and NaN do not fit either
		badCoverage(i, cov)
	}
	s.flags[i] = f
}

// badCoverage panics: node i's coverage cov does not fit its flags (see
// put). Kept out of put, so that put is small enough to inline.
//
//go:noinline
func badCoverage(i int, cov float64) {
	panic(fmt.Sprintf("scoring: node %d has coverage %v, but keeps only 0 or 1", i, cov))
}

// State returns node i's state alone (At(i).State without the rest).
func (s *NodeScores) State(i int) State { return State(s.flags[i] & stateBits) }

// Scored reports whether node i has a score (At(i).Scored()).
func (s *NodeScores) Scored(i int) bool { return s.State(i) == Scored }

// All yields every node's index and score, in order.
func (s *NodeScores) All() iter.Seq2[int, NodeScore] {
	return func(yield func(int, NodeScore) bool) {
		for i := range s.flags {
			if !yield(i, s.At(i)) {
				return
			}
		}
	}
}

// AppendTo appends the node scores, in order, to dst: a []NodeScore to
// work on, as the Evaluator's projections do.
func (s *NodeScores) AppendTo(dst []NodeScore) []NodeScore {
	for i := range s.flags {
		dst = append(dst, s.At(i))
	}
	return dst
}

// Clone returns a copy that shares no score with s (only the layout,
// which never changes).
func (s *NodeScores) Clone() NodeScores {
	return NodeScores{scores: append([]float64(nil), s.scores...), flags: append([]uint8(nil), s.flags...),
		covs: append([]float64(nil), s.covs...), slot: s.slot}
}
