package roadmap

import (
	"slices"

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
	pts        []effortValue
	inc, next  []float64
	rows, cols []int32
	vertex     []int
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
	cut.inc = growZero(cut.inc, B)
	cut.next = growZero(cut.next, B)
	var den float64
	// From the last child to the first: ub row i = hull of child i ⊕ row i+1.
	for i := len(merged) - 1; i >= 0; i-- {
		c := merged[i]
		wt := s.weight(nd, c)
		den += wt
		if !s.bestPoints(nd, c, wt) {
			return
		}
		// Upper concave hull of the best score by effort; its increments,
		// one per unit of effort, do not increase.
		cut.hullIncrements(cut.pts, cut.inc)
		base := cut.pts[0].v
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

// effortValue is an effort and a value.
type effortValue struct {
	k int
	v float64
}

// bestPoints sets s.cut.pts to the efforts within the budget at which the
// best score merged child c reaches with at most that effort, times wt,
// rises, with that score, ascending — where the best score by effort, as
// bestByEffort makes it, steps up; it is flat between them. false where
// bestByEffort is false.
func (s *solver) bestPoints(nd *scoring.Node, c int, wt float64) bool {
	B := s.budget
	pts := s.cut.pts[:0]
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
			if kc.lastCost <= B {
				pts = append(pts, effortValue{kc.lastCost, wt * kc.den})
			}
			continue
		}
		if len(kids) != 1 {
			return false
		}
		// A frontier's values rise with the effort (index): already the
		// points.
		costs := s.costs[kc.co : kc.co+kc.nc]
		for len(costs) > 0 && int(costs[len(costs)-1]) > B {
			costs = costs[:len(costs)-1]
		}
		vals := s.vals[kc.off : kc.off+kc.span]
		pts = slices.Grow(pts, len(costs))
		for _, k := range costs {
			pts = append(pts, effortValue{int(k), wt * vals[k]})
		}
		s.cut.pts = pts
		return len(pts) > 0 && pts[0].k == 0
	}
	// By effort (a question's options nearly always are already), then
	// only where the best so far rises.
	for i := 1; i < len(pts); i++ {
		for j := i; j > 0 && pts[j].k < pts[j-1].k; j-- {
			pts[j], pts[j-1] = pts[j-1], pts[j]
		}
	}
	n := 0
	for _, p := range pts {
		switch {
		case n > 0 && p.k == pts[n-1].k:
			pts[n-1].v = max(pts[n-1].v, p.v)
		case n > 0 && p.v <= pts[n-1].v:
		default:
			pts[n] = p
			n++
		}
	}
	s.cut.pts = pts[:n]
	return n > 0 && pts[0].k == 0
}

// hullIncrements writes into inc (one per unit of effort up to the
// budget, len(inc)) the increments of the upper concave hull of the
// sequence that takes pts[i].v from effort pts[i].k on (pts ascending in
// effort and value, the first at 0): the hull of the points, flat after
// the last, as concaveIncrements gives for the whole sequence.
func (cut *cutoff) hullIncrements(pts []effortValue, inc []float64) {
	h := cut.vertex[:0]
	for k := range pts {
		for len(h) >= 2 {
			i, j := pts[h[len(h)-2]], pts[h[len(h)-1]]
			if (j.v-i.v)*float64(pts[k].k-i.k) > (pts[k].v-i.v)*float64(j.k-i.k) {
				break
			}
			h = h[:len(h)-1]
		}
		h = append(h, k)
	}
	cut.vertex = h
	for x := 1; x < len(h); x++ {
		i, j := pts[h[x-1]], pts[h[x]]
		slope := (j.v - i.v) / float64(j.k-i.k)
		for k := i.k; k < j.k; k++ {
			inc[k] = slope
		}
	}
	for k := pts[h[len(h)-1]].k; k < len(inc); k++ {
		inc[k] = 0
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
