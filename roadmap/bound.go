package roadmap

import (
	"math"

	"github.com/reifegrad/reifegrad/scoring"
)

// The programme's work is largest at the node that carries the target's
// requirement (the overall score, for threshold levels): there every
// child's frontier, one score per effort up to the budget, is merged with
// every partial aggregate, the square of the budget per child. Most of
// those partial aggregates cannot lead to any outcome that meets the
// requirement within the budget: they spent effort where it gains
// little. A cut skips them.
//
// The cut is an upper bound on what the children not merged yet can still
// add with a given effort: each child's best score at each effort, raised
// to its upper concave hull, and the hulls merged (the max-plus sum of
// concave sequences is the merge of their increments), which is at least
// what any split of the effort among those children gives. A partial
// aggregate that falls short of the requirement even with that bound, by
// more than rounding can explain, is not merged further; a child's effort
// is skipped when even the best partial aggregate it can be added to falls
// short.
//
// This changes no roadmap, no effort and no tie: an outcome skipped can
// lead to no outcome that meets the requirement, and so is on no path the
// search traces. Every outcome that can still meet it keeps its value and
// where the value came from, as each candidate for it that is skipped
// would itself have been unable to meet the requirement (with a value at
// least the kept one's, it could). And what is dropped as dominated
// (index) stays dropped: a cheaper outcome of at least the value is kept
// whenever the dearer one is. The cut is only made where each level has a
// single class (every child merged is scored now, and stays scored, with
// a single class of outcome), so that no class is made in another order.
type cutoff struct {
	on   bool
	need float64 // least partial aggregate (Σ weight·score) that can still meet the requirement
	// ub[i*(budget+1)+r] bounds what merged children i.. add with effort
	// at most r; the last row (i = len(merged)) is all zero.
	ub []float64
	// scratch
	hull, inc, next []float64
	rows, cols      []int32
	vertex          []int
}

// cutTolerance is how far (on the 0–100 scale) a bound must fall short of
// a requirement before anything is cut: far above the rounding of sums of
// a few hundred scores, far below any difference between two answers.
const cutTolerance = 1e-6

// prepareCut sets s.cut for merging the children of node n in the order of
// merged.
func (s *solver) prepareCut(n int, nd *scoring.Node, merged []int) {
	cut := &s.cut
	cut.on = false
	r := s.req[n]
	if s.noCut || !(r > 1e-6) || s.scoreFree[n] || s.free || (nd.Aggregation != scoring.Mean && nd.Aggregation != scoring.Sum) || len(merged) < 2 {
		return
	}
	B := s.budget
	stride := B + 1
	cut.ub = growZero(cut.ub, (len(merged)+1)*stride)
	cut.hull = growZero(cut.hull, stride)
	cut.inc = growZero(cut.inc, B)
	cut.next = growZero(cut.next, B)
	var den float64
	// From the last child to the first: ub row i = hull of child i ⊕ row i+1.
	for i := len(merged) - 1; i >= 0; i-- {
		c := merged[i]
		wt := s.weight(nd, c)
		den += wt
		if !s.bestByEffort(nd, c, wt, cut.hull) {
			return
		}
		// Upper concave hull of (k, hull[k]); its increments, one per unit
		// of effort, do not increase.
		cut.concaveIncrements(cut.hull, cut.inc)
		base := cut.hull[0]
		row, below := cut.ub[i*stride:(i+1)*stride], cut.ub[(i+1)*stride:(i+2)*stride]
		// below's increments, merged with inc, largest first.
		a, b := 0, 0
		row[0] = base + below[0]
		for k := 1; k <= B; k++ {
			var d float64
			switch {
			case b >= B:
				d = cut.inc[a]
				a++
			case a >= B:
				d = below[b+1] - below[b]
				b++
			case cut.inc[a] >= below[b+1]-below[b]:
				d = cut.inc[a]
				a++
			default:
				d = below[b+1] - below[b]
				b++
			}
			row[k] = row[k-1] + d
		}
	}
	cut.need = (r - 1e-9 - cutTolerance) * den
	cut.on = true
}

// bestByEffort fills dst[k] with weight wt times the best score merged
// child c reaches with effort at most k, for k up to the budget; false
// when the cut cannot be made at c (more than one class of outcome, an
// outcome that is not scored, or none at no effort).
func (s *solver) bestByEffort(nd *scoring.Node, c int, wt float64, dst []float64) bool {
	for k := range dst {
		dst[k] = math.Inf(-1)
	}
	leaf := c < 0 || s.isSimple(c)
	kids := s.childClasses(c)
	if len(kids) == 0 {
		return false
	}
	keepCov := !s.covFine(nd.Index) || !s.covOK[nd.Index]
	if c >= 0 {
		keepCov = !s.covOK[c]
	}
	for i := range kids {
		kc := &kids[i]
		if kc.state != stScored || (keepCov && kc.cov != kids[0].cov) {
			return false
		}
		if leaf {
			if kc.lastCost < len(dst) {
				dst[kc.lastCost] = max(dst[kc.lastCost], wt*kc.den)
			}
			continue
		}
		if len(kids) != 1 {
			return false
		}
		for _, k := range s.costs[kc.co : kc.co+kc.nc] {
			if int(k) < len(dst) {
				dst[k] = max(dst[k], wt*s.vals[kc.off+int(k)])
			}
		}
	}
	if math.IsInf(dst[0], -1) {
		return false
	}
	for k := 1; k < len(dst); k++ {
		dst[k] = max(dst[k], dst[k-1])
	}
	return true
}

// concaveIncrements writes into inc (len(v)-1) the increments of the upper
// concave hull of the points (k, v[k]): the hull's vertices by a monotone
// chain, then each segment's slope once per unit of effort.
func (cut *cutoff) concaveIncrements(v, inc []float64) {
	h := cut.vertex[:0]
	for k := range v {
		// Drop the last vertex while it lies on or below the line from
		// the one before it to k.
		for len(h) >= 2 {
			i, j := h[len(h)-2], h[len(h)-1]
			if (v[j]-v[i])*float64(k-i) > (v[k]-v[i])*float64(j-i) {
				break
			}
			h = h[:len(h)-1]
		}
		h = append(h, k)
	}
	cut.vertex = h
	for x := 1; x < len(h); x++ {
		i, j := h[x-1], h[x]
		slope := (v[j] - v[i]) / float64(j-i)
		for k := i; k < j; k++ {
			inc[k] = slope
		}
	}
}

// cutRows returns the efforts of class a (of the level before merging
// child i) from which an outcome meeting the requirement can still be
// reached: its value plus the bound on children i.. with the rest of the
// budget.
func (s *solver) cutRows(a *class, i int) []int32 {
	cut := &s.cut
	costs := s.costs[a.co : a.co+a.nc]
	stride := s.budget + 1
	ub := cut.ub[i*stride : (i+1)*stride]
	out := cut.rows[:0]
	for _, ac := range costs {
		if s.vals[a.off+int(ac)]+ub[s.budget-int(ac)] >= cut.need {
			out = append(out, ac)
		}
	}
	s.cuts += len(costs) - len(out)
	cut.rows = out
	return out
}

// cutCols returns the efforts of child i's class kc worth merging with
// class a: the best value of a within the rest of the budget, the child's
// value and the bound on children i+1.. can still meet the requirement.
func (s *solver) cutCols(a *class, kc *class, wt float64, i int) []int32 {
	cut := &s.cut
	stride := s.budget + 1
	ub := cut.ub[(i+1)*stride : (i+2)*stride]
	acosts := s.costs[a.co : a.co+a.nc]
	out := cut.cols[:0]
	j := -1 // the dearest effort of a within the rest
	for _, k := range s.costs[kc.co : kc.co+kc.nc] {
		rest := s.budget - int(k)
		if rest < 0 {
			break
		}
		for j+1 < len(acosts) && int(acosts[j+1]) <= rest {
			j++
		}
		for j >= 0 && int(acosts[j]) > rest {
			j--
		}
		if j < 0 {
			continue
		}
		if s.vals[a.off+int(acosts[j])]+wt*s.vals[kc.off+int(k)]+ub[rest] >= cut.need {
			out = append(out, k)
		} else {
			s.cuts++
		}
	}
	cut.cols = out
	return out
}

func growZero(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	x = x[:n]
	clear(x)
	return x
}
