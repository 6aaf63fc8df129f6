package roadmap

import (
	"cmp"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// A node whose aggregation is linear in its children (a mean or a sum, as
// a partial aggregate Σ weight·score) merges its last children — answered
// questions with an even ladder: every step costs one and gains no more
// than the one before — as one block. The block's best term at effort k
// takes the k largest gains of its questions (for concave ladders the
// merge of their increments is exact), and its outcomes are nested: the
// end state at k+1 is the one at k and one step more. Adding the block to
// a partial aggregate f is a max-plus convolution of f with a concave
// sequence, h(e) = max f(j) + g(e−j), whose least maximiser j does not
// fall as e rises (the sums form a Monge array): a divide and conquer over
// e finds every h(e) in about (span + questions) · log(span) steps, where
// the programme takes span × options per question.
//
// The tie rule (tie.go) is kept: of equal gains the block takes first the
// step of the question that decides first (merged last), a question's own
// steps in their order; of equal values h(e), the one with the most block
// steps (the least j), as the block decides before everything merged
// before it and its outcomes are nested. TestBlockDecidesNothing checks
// that every roadmap is the programme's.

// step is one step of a block's question: its gain, the question (its
// index in the block) and the step (1 = the first above the answer).
type step struct {
	d    float64
	j, k int32
}

// blockOf is a node's block: from is the index in merged of its first
// child; order the steps in the order taken; base each child's option
// before any step; g[k] the block's term with k steps.
type blockOf struct {
	from  int
	order []step
	base  []int32
	g     []float64
}

// even reports whether merged child c is a question (or an indicator of
// one question) whose ladder above its answer is even (evenLadder), with
// a step below it. It depends on the unit's ladder only, as the tie
// rule's order does.
func (s *solver) even(c int) bool {
	q := -1 - c
	if c >= 0 {
		if q = s.p.simple[c]; q < 0 || !s.live[c] {
			return false // not a question, or no step below: the order cannot matter
		}
	}
	return s.evenQ[q]
}

// evenLadder reports whether a ladder is even: every step costs one and
// gains, on its own scale, more than tieTolerance but no more than the
// step before it (within tieTolerance), or it has no step. A step of no
// gain (a multi-select's tick that stays in its bin) makes it uneven.
func evenLadder(opts []option) bool {
	prev := 0.0
	for k, o := range opts {
		if o.status != scoring.Answered || o.imputed || o.cost != k {
			return false
		}
		if k > 0 {
			d := 100*o.points - 100*opts[k-1].points
			if !(d > tieTolerance) || (k > 1 && d > prev+tieTolerance) {
				return false
			}
			prev = d
		}
	}
	return true
}

// blockSuffix returns how many of node n's last merged children form a
// block (at least two, else 0): even answered questions (every option in
// the one class merge would put it in), in a mean or a sum whose score
// counts.
func (s *solver) blockSuffix(nd *scoring.Node, merged []int) int {
	if s.noBlock || s.cut.on || s.free || s.scoreFree[nd.Index] || (nd.Aggregation != scoring.Mean && nd.Aggregation != scoring.Sum) {
		return 0
	}
	b := 0
	for i := len(merged) - 1; i >= 0; i-- {
		c := merged[i]
		// Even and answered: every option scored, counted (not imputed)
		// and one more step than the one before, as childClasses gives
		// them (a question fixed by search: its one option).
		if !(c < 0 || s.isSimple(c)) || !s.fixedIn(c) || !s.even(c) || !(s.weight(nd, c) > 0) {
			break
		}
		b++
	}
	if b < 2 {
		return 0
	}
	return b
}

// blockMerge merges node n's children merged[from:] into level cur as one
// block and returns the new level and their weight, counted as the levels
// the programme would have made (maxValues, maxClasses): it gives up
// exactly where they would. false (nothing done) when two classes would
// fall together (then merge decides, value by value).
func (s *solver) blockMerge(n int, nd *scoring.Node, merged []int, from int, cur level) (level, float64, bool) {
	kids := merged[from:]
	bl := &s.blocks[n]
	bl.from = from
	bl.order, bl.base = bl.order[:0], bl.base[:0]
	keepCov := !s.covFine(nd.Index) || !s.covOK[nd.Index]
	// Each class's key as merge makes it, child by child.
	keys := s.blockTmp[:0]
	for ai := cur.lo; ai < cur.hi; ai++ {
		a := s.classes[ai]
		keys = append(keys, classKey{a.cov, a.den, a.any})
	}
	s.blockTmp = keys
	var applicable, base float64
	K := 0
	for j, c := range kids {
		wt := s.weight(nd, c)
		applicable += wt
		// The child's outcomes as childClasses makes them, read from its
		// options: each answered and counted (an even ladder's are), of
		// coverage 1 and score 100·points; a question fixed by search has
		// its one option.
		q := -1 - c
		if c >= 0 {
			q = s.p.simple[c]
		}
		opts := s.lad[q].options
		first := 0
		if f := s.fixed[q]; f >= 0 {
			opts, first = opts[f:f+1], f
		}
		cov, keep := 1.0, keepCov
		if c >= 0 {
			keep = !s.covOK[c]
		}
		if !keep {
			cov = 0
		}
		for i := range keys {
			keys[i] = classKey{keys[i].cov + wt*cov, keys[i].den + wt, true}
		}
		base += wt * (opts[0].points * 100)
		bl.base = append(bl.base, int32(first))
		prev := 0.0
		for k := 1; k < len(opts); k++ {
			d := wt*(opts[k].points*100) - wt*(opts[k-1].points*100)
			if k > 1 {
				d = min(d, prev) // even within the tolerance: made exact
			}
			prev = d
			bl.order = append(bl.order, step{d: d, j: int32(j), k: int32(k)})
		}
		K += len(opts) - 1
	}
	for i := range keys {
		for x := range i {
			if keys[x] == keys[i] {
				return cur, 0, false
			}
		}
	}
	// Counted as the classes (or merges in place) the programme makes for
	// every child but the last; the last makes the classes.
	for range len(kids) - 1 {
		for range cur.hi - cur.lo {
			if s.reserved+s.budget+1 > maxValues || len(s.classes)+s.passed+s.folded >= maxClasses {
				s.overflow = true
				return cur, applicable, true
			}
			s.reserved += s.budget + 1
			s.folded++
		}
	}
	// Largest gain first (see mergeSteps).
	bl.order, s.stepTmp = mergeSteps(bl.order, s.stepTmp, &s.stepRuns)
	// Gains within the tolerance of a group's first are equal: the child
	// merged last first, a child's steps in their order. Exactly equal
	// gains come so from mergeSteps; gains within the tolerance but not
	// equal are sorted here.
	for i := 0; i < len(bl.order); {
		e := i + 1
		for e < len(bl.order) && bl.order[i].d-bl.order[e].d <= tieTolerance {
			e++
		}
		if e-i > 1 && !slices.IsSortedFunc(bl.order[i:e], ruleSteps) {
			slices.SortFunc(bl.order[i:e], ruleSteps)
		}
		i = e
	}
	bl.g = append(bl.g[:0], base)
	for _, st := range bl.order {
		bl.g = append(bl.g, bl.g[len(bl.g)-1]+st.d)
	}
	dearest := s.dearest(cur) + K
	lo := len(s.classes)
	for ai := cur.lo; ai < cur.hi; ai++ {
		k := s.newClass(class{cov: keys[ai-cur.lo].cov, den: keys[ai-cur.lo].den, any: true}, dearest)
		if s.overflow {
			return cur, applicable, true
		}
		s.classes[k].key = keys[ai-cur.lo]
		a, t := s.classes[ai], s.classes[k]
		s.convolve(bl.g, a, t, int32(ai-cur.lo))
	}
	s.index(lo, len(s.classes))
	s.blocked++
	return level{lo: lo, hi: len(s.classes)}, applicable, true
}

// ruleSteps orders steps of equal gain: the child merged last first, a
// child's steps in their order.
func ruleSteps(x, y step) int { return cmp.Or(cmp.Compare(y.j, x.j), cmp.Compare(x.k, y.k)) }

// mergeSteps returns the steps of order, appended child by child (j
// ascending) with each child's gains not rising, sorted by gain, largest
// first, and of exactly equal gains the child merged last (the larger j)
// first, a child's steps in their order — one order, the one a sort by
// gain and then ruleSteps gives. As each child's steps are a sorted run,
// the runs are merged pairwise (about K·log(children) comparisons) instead
// of sorted. tmp is scratch (returned, grown), runs too. The gains are
// differences of finite values, never NaN.
func mergeSteps(order, tmp []step, runs *[]int) ([]step, []step) {
	rs := (*runs)[:0]
	for i := range order {
		if i == 0 || order[i].j != order[i-1].j {
			rs = append(rs, i)
		}
	}
	rs = append(rs, len(order))
	tmp = slices.Grow(tmp[:0], len(order))[:len(order)]
	for len(rs) > 2 {
		out := rs[:0]
		k := 0
		for ; k+2 < len(rs); k += 2 {
			lo, mid, hi := rs[k], rs[k+1], rs[k+2]
			// Every step of the right run belongs to a later child: of
			// equal gains it goes first.
			a, b, o := lo, mid, lo
			for a < mid && b < hi {
				if order[b].d >= order[a].d {
					tmp[o] = order[b]
					b++
				} else {
					tmp[o] = order[a]
					a++
				}
				o++
			}
			o += copy(tmp[o:], order[a:mid])
			copy(tmp[o:], order[b:hi])
			out = append(out, lo)
		}
		if k+1 < len(rs) {
			// An odd run left: as it is.
			copy(tmp[rs[k]:rs[k+1]], order[rs[k]:rs[k+1]])
			out = append(out, rs[k])
		}
		out = append(out, len(order))
		rs = out
		order, tmp = tmp, order
	}
	*runs = rs
	return order, tmp
}

// convolve fills class t with h(e) = max over the efforts j class a holds
// of a's value at j + g[e−j], the least such j among values within
// tieTolerance of the best (the most block steps), by divide and conquer
// over e: the least maximiser does not fall as e rises.
func (s *solver) convolve(g []float64, a, t class, prev int32) {
	c := convolution{supp: s.costs[a.co : a.co+a.nc], f: s.vals[a.off : a.off+a.span],
		h: s.vals[t.off : t.off+t.span], hb: s.backs[t.off : t.off+t.span], g: g, prev: prev}
	if len(c.h) > 0 && len(c.supp) > 0 {
		c.rec(0, len(c.h)-1, 0, len(c.supp)-1)
	}
}

// convolution is convolve's work: h(e) = max f(j) + g(e−j) over the
// efforts j in supp, back pointers in hb.
type convolution struct {
	supp    []int32
	f, g, h []float64
	hb      []back
	prev    int32
}

// rec fills h(e) for e in elo..ehi (not empty), whose least maximisers lie
// among supp[plo..phi].
func (c *convolution) rec(elo, ehi, plo, phi int) {
	supp, f, g, K := c.supp, c.f, c.g, len(c.g)-1
	if plo == phi {
		// One candidate left: every e takes it where it fits, as the
		// search below would find (a single j; none where e−j is out
		// of the block's range).
		j := int(supp[plo])
		for e := max(elo, j); e <= min(ehi, j+K); e++ {
			c.h[e] = f[j] + g[e-j]
			c.hb[e] = back{prev: c.prev, cost: int32(e - j)}
		}
		return
	}
	mid := (elo + ehi) / 2
	best, bv := -1, 0.0
	for p := plo; p <= phi; p++ {
		j := int(supp[p])
		k := mid - j
		if k < 0 {
			break
		}
		if k > K {
			continue
		}
		if v := f[j] + g[k]; best < 0 || v > bv+tieTolerance {
			best, bv = p, v
		}
	}
	lphi, rplo := phi, plo // the range of the halves: all of it without a maximiser
	if best >= 0 {
		c.h[mid] = bv
		c.hb[mid] = back{prev: c.prev, cost: int32(mid - int(supp[best]))}
		lphi, rplo = best, best
	}
	if elo <= mid-1 {
		c.rec(elo, mid-1, plo, lphi)
	}
	if mid+1 <= ehi {
		c.rec(mid+1, ehi, rplo, phi)
	}
}

// traceBlock records in choice the options of node n's block with k steps.
func (s *solver) traceBlock(n, k int) {
	bl := &s.blocks[n]
	merged := s.merged[n]
	steps := s.blockSteps(0, bl, k)
	for j, base := range bl.base {
		c := merged[bl.from+j]
		q := -1 - c
		if c >= 0 {
			q = s.p.simple[c]
		}
		s.choice[q] = int(base + steps[j])
	}
}

func (s *solver) blockSteps(x int, bl *blockOf, k int) []int32 {
	st := slices.Grow(s.bSteps[x][:0], len(bl.base))[:len(bl.base)]
	clear(st)
	for _, o := range bl.order[:k] {
		st[o.j]++
	}
	s.bSteps[x] = st
	return st
}
