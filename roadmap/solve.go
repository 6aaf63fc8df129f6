package roadmap

import (
	"cmp"
	"math"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// The search for the least-effort roadmap is a dynamic programme over the
// model's tree, bottom-up, on whole-number efforts up to a budget. For
// every node it keeps, for each class of outcome its subtree can reach — a
// class is a state (scored or not) and a coverage — and each total effort,
// the best score. An outcome is dropped only when another of the same
// class and no more effort has at least its score. That is safe because a
// parent's score never falls when a child's score rises with its class
// unchanged (every aggregation is monotone in each child), and a parent's
// state and coverage depend on its children only through their classes.
// What is not monotone — a newly answered question can lower a reweighted
// mean, a dimension that becomes scored can pull the overall score down, a
// coverage threshold can flip — therefore never decides alone: outcomes of
// different classes are all kept. Within a node, partial aggregates over
// its first children are kept the same way, per class of covered weight
// and included weight (what the denominator of a reweighted mean depends
// on).
//
// A node carrying a requirement (the overall score for threshold levels,
// each criterion's node for staged levels) keeps only the outcomes that
// meet it (and skips, while merging its children, what cannot: see
// bound.go). The least effort among the root's outcomes is the optimum:
// exact for any model whose questions each feed one indicator; a question
// feeding several indicators is enumerated around the programme.
//
// Two facts keep the classes few. Coverage never falls when answers are
// added, so a node already at its minimum coverage stays there, and the
// coverage of the nodes below it decides nothing: it is not kept apart
// (unless a node further up still lacks coverage). And the included
// weight changes only where a child that is not scored now can become
// scored under the reweight policy: usually nowhere, or at a few open
// questions.

// Outcome states of a subtree.
const (
	stScored uint8 = iota
	stUnscored
	stNotApplies
)

// none marks an effort no outcome of a class reaches.
var none = math.NaN()

func isNone(x float64) bool { return x != x }

// class is a set of outcomes alike in state and coverage (a node's
// frontier) or in covered and included weight (a partial aggregate), with
// the best value for each effort 0..span-1 in vals[off:off+span] and the
// efforts that hold one, ascending, in costs[co:co+nc]. span is one more
// than the dearest effort the class can hold (at most the budget): a
// partial aggregate over a node's first few questions holds few efforts,
// and making and indexing a class costs its span.
type class struct {
	key      classKey
	state    uint8
	cov      float64 // frontier: the coverage; partial: the covered weight
	den      float64 // partial: the included weight
	any      bool    // partial: anything included
	off      int
	span     int
	co, nc   int
	lastCost int // frontier of a fixed subtree: -1; otherwise unused
}

// back says where the value of a partial aggregate came from: the class
// of the aggregate before, and the child's class and effort taken.
type back struct {
	prev, child, cost int32
}

// level is one step of a node's aggregation: its classes in
// solver.classes[lo:hi]. pass marks a child merged in place (see pass):
// the level is the one before it, and the child keeps its answer.
type level struct {
	lo, hi int
	pass   bool
	block  bool // one of the node's last children, merged as one block (block.go)
}

// solver is the mutable state of planning one unit at a time; each
// goroutine has its own.
type solver struct {
	p  *planner
	u  *scoring.UnitResult
	in []scoring.Input
	// inputs remembers what each distinct answer read as (in), from one
	// unit to the next.
	inputs scoring.InputCache
	lad    []unitLadder
	// req[n] is the least score node n must reach (NaN: none); a node with
	// a requirement must be scored.
	req    []float64
	live   []bool
	asLeaf []bool // per node: an indicator of one question merged as its options
	// scoreFree[n]: no requirement at n or above asks for a score above
	// 0, so n's score decides nothing; only whether it is scored, and its
	// coverage, count (see prune).
	scoreFree []bool
	covOK     []bool // per node: its coverage can decide nothing (see above)
	fixed     []int  // per question: the one option allowed (shared questions), or -1
	budget    int
	free      bool // reachability: every option costs nothing
	// roomy makes the first budget the largest there is (every option
	// at its dearest): tests compare its roadmaps with the estimate's.
	roomy bool

	classes []class
	// reserved counts budget+1 values per class made, for maxValues: the
	// bound on a search does not depend on how many efforts its classes
	// hold.
	reserved int
	// passed counts the children merged in place, each as the class the
	// merge would have made (for maxClasses).
	passed int
	noPass bool // tests: merge every child (see TestPassDecidesNothing)
	// folds[n] lists node n's children folded into its first partial
	// aggregate (fold); noFold: tests, pass them one by one.
	folds    [][]int
	noFold   bool
	foldedIn int // children folded (tests)
	vals     []float64
	backs    []back
	// at is the merge under way, for the tie rule; unfixed is scratch of
	// node.
	at      mergeAt
	unfixed []int
	cand    []int // scratch of search
	// blocks holds each node's last children merged as one block
	// (block.go); folded counts them as the classes the programme would
	// have made, blocked the blocks merged (tests). noBlock: tests, merge
	// every child.
	blocks   []blockOf
	folded   int
	blocked  int
	noBlock  bool
	bSteps   [2][]int32
	stepTmp  []step // scratch of mergeSteps
	stepRuns []int
	blockTmp []classKey
	evenQ    []bool // per question: its ladder is even (evenLadder)
	costs    []int32
	front    []level   // per node: its frontier's classes
	levels   [][]level // per node: its partial aggregates, one level per child merged
	merged   [][]int   // per node, the children merged (questions as -1-q)
	choice   []int     // per question, the option chosen
	nodes    []scoring.NodeScore
	// unit is the unit's node scores (UnitResult.Nodes) as []NodeScore, made
	// once per unit: the search reads them often, and copies them whole
	// where a walk starts.
	unit []scoring.NodeScore
	work []scoring.Input
	// overflow: the search passed maxValues; exact: every search of this
	// unit finished.
	overflow, exact bool
	// keys finds the classes of the level starting at keysLo by key, once
	// it is large.
	keys   map[classKey]int
	keysLo int
	// reqNodes lists the nodes with a requirement; reqIdx[n] is n's index
	// there, or -1.
	reqNodes []int
	reqIdx   []int
	reqFor   int // the target req, reqNodes, reqIdx and scoreFree are for (0: none yet)
	// rank[q] is question q's place in the tie rule's order (ruleOrder).
	rank     []int
	ruleKids []ruleKid // scratch of ruleOrder
	// dimAdv[d] is dimension d's advice for the unit being planned,
	// where dimAdvOK[d] (advice).
	dimAdv   []string
	dimAdvOK []bool
	// cut bounds the merges of the node being merged (see bound.go), the
	// child at cutAt.
	cut   cutoff
	cutAt int
	noCut bool // tests: merge everything (see TestCutDecidesNothing)
	cuts  int  // efforts skipped by the cut, for tests
	walk  walk
	moves []move
	// scratch of estimate
	estShare, estNode []float64
	estSteps          []estStep
	scratch           []class
	nones             []float64 // all none, for newClass
	// percentToTarget's terms (ptTerms) for the signature ptKept (ptOK:
	// made); ptSig, ptEnd scratch. kept counts the units that reused
	// them; noKeep: tests, make them for every unit.
	kept          int
	noKeep        bool
	ptTerms       []shareTerm
	ptKept, ptSig []bool
	ptOK          bool
	ptEnd         []float64
	// ticked memoises Scale.Ticked by scale and answer, for multiRungs
	// (a multi-select's answers are a few combinations of its items).
	ticked map[tickedKey][]bool
	// peerHist counts the answers of the units this solver planned, for
	// the peer counts; pending lists the steps whose count is filled in
	// when every roadmap is made (peerCounts.finish).
	peerHist peerHist
	pending  []pendingCount
}

func newSolver(p *planner) *solver {
	m := p.m
	return &solver{p: p, req: make([]float64, len(m.Nodes)), live: make([]bool, len(m.Nodes)), asLeaf: make([]bool, len(m.Nodes)), scoreFree: make([]bool, len(m.Nodes)),
		covOK: make([]bool, len(m.Nodes)), fixed: make([]int, len(m.Questions)),
		front: make([]level, len(m.Nodes)), levels: make([][]level, len(m.Nodes)),
		merged: make([][]int, len(m.Nodes)), choice: make([]int, len(m.Questions)), blocks: make([]blockOf, len(m.Nodes)),
		reqIdx: make([]int, len(m.Nodes)), rank: make([]int, len(m.Questions)), folds: make([][]int, len(m.Nodes)),
		nodes: make([]scoring.NodeScore, len(m.Nodes)), dimAdv: make([]string, len(m.Nodes)), dimAdvOK: make([]bool, len(m.Nodes))}
}

// requirements sets what the target level asks of each node.
func (s *solver) requirements(target int) {
	m := s.p.m
	// They depend on the target alone (and the model): most units of a
	// wave aim at one of a few levels, often the one the unit before did.
	if s.reqFor == target {
		return
	}
	s.reqFor = target
	for i := range s.req {
		s.req[i] = math.NaN()
	}
	s.req[0] = 0 // a level needs an overall score
	if m.Levels.Method == scoring.Threshold {
		s.req[0] = m.Levels.ByOrdinal(target).Min
	} else {
		for _, l := range m.Levels.List {
			if l.Ordinal > target {
				break
			}
			for _, c := range l.Criteria {
				if math.IsNaN(s.req[c.Node]) || c.Min > s.req[c.Node] {
					s.req[c.Node] = c.Min
				}
			}
		}
	}
	s.reqNodes = s.reqNodes[:0]
	for n, r := range s.req {
		s.reqIdx[n] = -1
		if !math.IsNaN(r) {
			s.reqIdx[n] = len(s.reqNodes)
			s.reqNodes = append(s.reqNodes, n)
		}
	}
	for _, n := range m.Nodes {
		free := !(s.req[n.Index] > 0)
		if n.Parent >= 0 {
			free = free && s.scoreFree[n.Parent]
		}
		s.scoreFree[n.Index] = free
	}
}

// markLive sets live[n] for nodes with a question below that has more
// than one option, and covOK[n] for nodes whose coverage decides nothing:
// every node above them either needs no minimum coverage or has it now.
func (s *solver) markLive() {
	pl := s.p
	clear(s.live)
	for _, iq := range pl.indQ {
		if q := iq.q; len(s.lad[q].options) > 1 || s.fixed[q] > 0 {
			for p := iq.n; p >= 0 && !s.live[p]; p = pl.parent[p] {
				s.live[p] = true
			}
		}
	}
	// Nodes are in pre-order: a parent's covOK is set before its
	// children's, and holds for every node above the parent; covFine is
	// asked once per parent, not once per child.
	last, lastOK := -2, false
	for n, p := range pl.parent {
		if p != last {
			last, lastOK = p, p < 0 || s.covOK[p] && s.covFine(p)
		}
		s.covOK[n] = lastOK
	}
}

// covFine reports whether node n has its minimum coverage now, and so in
// every end state: coverage never falls when answers are added.
func (s *solver) covFine(n int) bool {
	min := s.p.minCov[n]
	return min <= 0 || s.unit[n].Coverage >= min-1e-12
}

// solve runs the programme with the current budget and returns the least
// effort that meets the requirements, or -1.
func (s *solver) solve() int {
	s.classes, s.vals, s.backs, s.costs = s.classes[:0], s.vals[:0], s.backs[:0], s.costs[:0]
	s.reserved, s.passed, s.folded = 0, 0, 0
	s.overflow, s.keysLo = false, -1
	ok := s.node(0)
	if s.overflow {
		return tooBig
	}
	if !ok {
		return -1
	}
	best := -1
	for _, c := range s.frontier(0) {
		if c.nc > 0 && (best < 0 || int(s.costs[c.co]) < best) {
			best = int(s.costs[c.co])
		}
	}
	return best
}

func (s *solver) frontier(n int) []class { return s.classes[s.front[n].lo:s.front[n].hi] }

// maxValues bounds the values one search keeps (a value and its back
// pointer take 20 bytes): the classes multiply where many open questions
// meet a score the target needs (a unit without an overall score aiming
// above the first level); past the bound the search gives up, and the
// roadmap is the greedy walk's, marked as not proven least.
const maxValues, maxClasses = 600_000, 60_000

// classKey tells the classes of a level apart: covered and included
// weight and whether anything is included (partial aggregates), or
// coverage and state (a frontier: the state in den).
type classKey struct {
	cov, den float64
	any      bool
}

// findClass returns the class of the level starting at lo with the key,
// or -1. Small levels are searched; large ones (many open questions) are
// looked up in a map, kept from keyIndexAt classes on.
func (s *solver) findClass(lo int, k classKey) int {
	if s.keysLo == lo && s.keys != nil {
		if i, ok := s.keys[k]; ok {
			return i
		}
		return -1
	}
	for j := lo; j < len(s.classes); j++ {
		if s.classes[j].key == k {
			return j
		}
	}
	return -1
}

// keyIndexAt is the size from which a level's classes are found by map.
const keyIndexAt = 32

// keep records class i, new in the level starting at lo, under its key.
func (s *solver) keep(lo, i int, k classKey) {
	s.classes[i].key = k
	n := i - lo + 1
	switch {
	case n < keyIndexAt:
		return
	case s.keysLo != lo || s.keys == nil:
		if s.keys == nil {
			s.keys = map[classKey]int{}
		}
		clear(s.keys)
		s.keysLo = lo
		for j := lo; j <= i; j++ {
			s.keys[s.classes[j].key] = j
		}
	default:
		s.keys[k] = i
	}
}

// tooBig is what solve returns when the search passed maxValues.
const tooBig = -2

// newClass adds a class with no outcome yet, holding efforts up to
// dearest (at most the budget).
func (s *solver) newClass(c class, dearest int) int {
	c.off = len(s.vals)
	n := min(dearest, s.budget) + 1
	c.span = n
	if s.reserved+s.budget+1 > maxValues || len(s.classes)+s.passed+s.folded >= maxClasses {
		s.overflow = true
		c.off, c.span, n = 0, 0, 0 // no room: the search is abandoned (see solve)
		s.classes = append(s.classes, c)
		return len(s.classes) - 1
	}
	s.reserved += s.budget + 1
	s.vals = slices.Grow(s.vals, n)[:c.off+n]
	s.backs = slices.Grow(s.backs, n)[:c.off+n]
	// No outcome yet: copied from a row of none, a move of memory rather
	// than a loop (classes are made by the thousand per unit).
	for len(s.nones) < n {
		s.nones = append(s.nones, none)
	}
	copy(s.vals[c.off:], s.nones[:n])
	s.classes = append(s.classes, c)
	return len(s.classes) - 1
}

// index fills the costs of classes[lo:hi] from their values, dropping each
// value no cheaper one of its class reaches or beats.
func (s *solver) index(lo, hi int) {
	for i := lo; i < hi; i++ {
		c := &s.classes[i]
		c.co = len(s.costs)
		best, seen := 0.0, false
		vals := s.vals[c.off : c.off+c.span]
		// At most one cost per value: room made once, not per append.
		s.costs = slices.Grow(s.costs, len(vals))
		out := s.costs[c.co : c.co+len(vals)]
		nc := 0
		for k, v := range vals {
			if isNone(v) {
				continue
			}
			if seen && v <= best {
				vals[k] = none
				continue
			}
			best, seen = v, true
			out[nc] = int32(k)
			nc++
		}
		s.costs = s.costs[:c.co+nc]
		c.nc = nc
	}
}

// node computes the frontier of node n's subtree and reports whether it
// holds any outcome that meets the requirements within it.
func (s *solver) node(n int) bool {
	m := s.p.m
	nd := m.Nodes[n]
	if !s.live[n] {
		return s.fixedNode(n)
	}
	merged := s.merged[n][:0]
	if nd.Kind == scoring.KindIndicator {
		for _, q := range nd.Questions {
			if counts(s.in[q].Status) {
				merged = append(merged, -1-q)
			}
		}
	} else {
		fold := s.canFold(n)
		folds := s.folds[n][:0]
		for _, c := range nd.Children {
			s.asLeaf[c] = false
			if fold && s.p.simple[c] >= 0 && !s.live[c] && math.IsNaN(s.req[c]) && s.unit[c].State == scoring.Scored {
				// An indicator of one question whose answer no roadmap
				// moves: folded into the first partial aggregate (fold),
				// counted as the class fixedNode would make for it.
				if s.reserved+s.budget+1 > maxValues || len(s.classes)+s.passed+s.folded >= maxClasses {
					s.overflow = true
					s.folds[n], s.merged[n] = folds, merged
					return false
				}
				s.reserved += s.budget + 1
				s.passed++
				folds = append(folds, c)
				continue
			}
			if q := s.p.simple[c]; q >= 0 && s.live[c] && math.IsNaN(s.req[c]) {
				// An indicator of one question without a requirement:
				// its options are its outcomes (see childClasses).
				s.asLeaf[c] = true
				if counts(s.in[q].Status) {
					merged = append(merged, c)
				}
				continue
			}
			if !s.node(c) || s.overflow {
				s.merged[n] = merged
				return false
			}
			if f := s.frontier(c); len(f) == 1 && f[0].state == stNotApplies {
				continue
			}
			merged = append(merged, c)
		}
		s.folds[n] = folds
	}
	// Children whose inclusion can change (not scored now: an open
	// question, a dimension without a score) come after the others, so
	// that partial aggregates split into classes of included weight as late
	// as possible; answered questions with an even ladder (see even) come
	// last, so that they can be merged as one block (block.go). The order
	// of a sum, a minimum or a maximum does not matter to the score; it is
	// the tie rule's order reversed (see tie.go): each group is merged
	// from its last child in the model to its first, so that the child
	// merged last, which decides a tie first, is the first even one.
	rest := s.unfixed[:0]
	k := 0
	for _, c := range merged {
		if s.fixedIn(c) && !s.even(c) {
			merged[k] = c
			k++
		} else {
			rest = append(rest, c)
		}
	}
	fixed := k
	for _, c := range rest {
		if !s.fixedIn(c) {
			merged[k] = c
			k++
		}
	}
	open := k
	for _, c := range rest {
		if s.fixedIn(c) {
			merged[k] = c
			k++
		}
	}
	s.unfixed = rest
	slices.Reverse(merged[:fixed])
	slices.Reverse(merged[fixed:open])
	slices.Reverse(merged[open:])
	s.merged[n] = merged
	levels := s.levels[n][:0]
	lo := len(s.classes)
	k = s.newClass(class{}, 0)
	s.vals[s.classes[k].off] = initial(nd.Aggregation)
	s.index(lo, lo+1)
	cur := level{lo: lo, hi: lo + 1}
	var applicable float64
	if nd.Kind != scoring.KindIndicator {
		if applicable = s.fold(nd, cur); s.overflow {
			s.levels[n] = levels
			s.front[n] = cur
			return false
		}
	}
	s.prepareCut(n, nd, merged)
	cut := s.cut.on
	blockAt := len(merged) - s.blockSuffix(nd, merged)
	for i := 0; i < len(merged); i++ {
		if i == blockAt {
			s.levels[n] = levels
			if next, app, ok := s.blockMerge(n, nd, merged, i, cur); ok {
				cur, applicable = next, applicable+app
				for range len(merged) - i {
					levels = append(levels, level{lo: cur.lo, hi: cur.hi, block: true})
				}
				if cur.lo == cur.hi || s.overflow {
					s.levels[n] = levels
					s.front[n] = cur
					return false
				}
				break
			}
		}
		c := merged[i]
		wt := s.weight(nd, c)
		applicable += wt
		s.cut.on, s.cutAt = cut, i
		s.levels[n] = levels // the levels before, for ties (tie.go)
		if next, ok := s.pass(nd, c, wt, cur); ok {
			cur = next
		} else {
			s.at = mergeAt{node: n, child: i}
			cur = s.merge(nd, c, wt, cur)
		}
		levels = append(levels, cur)
		if cur.lo == cur.hi || s.overflow {
			s.levels[n] = levels
			s.front[n] = cur
			return false
		}
	}
	s.levels[n] = levels
	s.finish(n, nd, cur, applicable)
	return s.front[n].hi > s.front[n].lo
}

// fixedIn reports whether merged child c (a node, or a question as -1-q)
// is scored now: then it stays scored, and included, in every end state.
func (s *solver) fixedIn(c int) bool {
	if c < 0 {
		return s.in[-1-c].Status == scoring.Answered
	}
	if q := s.p.simple[c]; q >= 0 {
		return s.in[q].Status == scoring.Answered
	}
	return s.unit[c].State == scoring.Scored
}

// fixedNode makes the frontier of a subtree nothing changes in: the node as
// scored, at no effort, if every requirement in the subtree is met as it
// is (its descendants are Nodes[n+1:end[n]], as nodes are in pre-order).
func (s *solver) fixedNode(n int) bool {
	lo := len(s.classes)
	s.front[n] = level{lo: lo, hi: lo}
	for d := n; d < s.p.end[n]; d++ {
		if cur := s.unit[d]; !s.meets(d, stateOf(cur), cur.Score) {
			return false
		}
	}
	cur := s.unit[n]
	c := class{state: stateOf(cur), cov: cur.Coverage}
	if s.covOK[n] {
		c.cov = 0
	}
	k := s.newClass(c, 0)
	s.vals[s.classes[k].off] = cur.Score
	s.index(k, k+1)
	s.front[n] = level{lo: lo, hi: lo + 1}
	return true
}

// finish turns the partial aggregates over all children into the node's
// frontier: state, coverage and score, kept if they meet the node's
// requirement.
func (s *solver) finish(n int, nd *scoring.Node, last level, applicable float64) {
	lo := len(s.classes)
	dearest := s.dearest(last)
	mean := nd.Aggregation == scoring.Mean || nd.Aggregation == scoring.Sum
	for ai := last.lo; ai < last.hi; ai++ {
		a := s.classes[ai]
		cl := class{state: stNotApplies}
		if applicable > 0 {
			cl.cov = a.cov / applicable
			switch {
			case !a.any:
				cl.state = stUnscored
			case cl.cov < nd.MinCoverage-1e-12 && !s.covFine(n):
				// Below the minimum coverage. (A node that has it now keeps
				// it; its children's coverage is then not kept, and cl.cov
				// is not its coverage.)
				cl.state = stUnscored
			default:
				cl.state = stScored
			}
		}
		if s.covOK[n] {
			cl.cov = 0
		}
		k := s.findClass(lo, classKey{cov: cl.cov, den: float64(cl.state)})
		// What does not change from effort to effort is worked out once:
		// whether the score is worked out, the requirement (as meets
		// reads it), the class's values once it is found or made.
		scoreIt := cl.state == stScored && !s.scoreFree[n]
		req := s.req[n]
		hasReq := !math.IsNaN(req)
		var fv []float64
		var fb []back
		if k >= 0 {
			f := &s.classes[k]
			fv, fb = s.vals[f.off:f.off+f.span], s.backs[f.off:f.off+f.span]
		}
		nb := back{prev: int32(ai - last.lo)}
		src := s.vals[a.off : a.off+a.span]
		for _, c := range s.costs[a.co : a.co+a.nc] {
			v := 0.0
			switch {
			case !scoreIt:
			case mean:
				v = clamp100(src[c] / a.den) // finalScore's, inlined
			default:
				v = finalScore(nd.Aggregation, src[c], a.den)
			}
			if hasReq && !(cl.state == stScored && v >= req-1e-9) { // !meets
				continue
			}
			if k < 0 {
				if k = s.newClass(cl, dearest); s.overflow {
					return
				}
				s.keep(lo, k, classKey{cov: cl.cov, den: float64(cl.state)})
				f := &s.classes[k]
				fv, fb = s.vals[f.off:f.off+f.span], s.backs[f.off:f.off+f.span]
				src = s.vals[a.off : a.off+a.span] // s.vals may have moved
			}
			// Taken when the value held is less by more than the
			// tolerance (or none), or within it and the tie rule puts
			// this one first — as branches, not one expression.
			if x := fv[c]; x >= v-tieTolerance {
				if x > v+tieTolerance || s.cmpLevel(n, len(s.levels[n])-1, int(nb.prev), int(c), int(fb[c].prev), int(c)) <= 0 {
					continue
				}
			}
			fv[c] = v
			fb[c] = nb
		}
	}
	s.index(lo, len(s.classes))
	if s.scoreFree[n] {
		s.prune(true, n, lo, len(s.classes), func(c *class) bool { return c.state == stScored })
	}
	s.front[n] = level{lo: lo, hi: len(s.classes)}
}

// meets reports whether an outcome of node n meets n's requirement.
func (s *solver) meets(n int, state uint8, score float64) bool {
	r := s.req[n]
	return math.IsNaN(r) || (state == stScored && score >= r-1e-9)
}

func stateOf(ns scoring.NodeScore) uint8 {
	switch ns.State {
	case scoring.Scored:
		return stScored
	case scoring.NotApplies, scoring.Unasked:
		return stNotApplies // left out of the parent either way
	}
	return stUnscored
}

// counts reports whether a question with an answer of this status counts
// in its indicator's denominator: not when it does not apply or the wave
// did not ask it.
func counts(st scoring.Status) bool { return st != scoring.NotApplicable && st != scoring.NotAsked }

// weight is the weight child c (a node, or a question as -1-q) carries in
// node n, as the engine weighs it.
func (s *solver) weight(n *scoring.Node, c int) float64 {
	if c < 0 {
		q := -1 - c
		for j, qi := range n.Questions {
			if qi == q {
				return n.QWeights[j]
			}
		}
	}
	return s.p.ev.ChildWeight(n, c)
}

func initial(a scoring.Aggregation) float64 {
	switch a {
	case scoring.Minimum:
		return math.Inf(1)
	case scoring.Maximum:
		return math.Inf(-1)
	}
	return 0
}

// add returns a partial aggregate value with value v on 0–100 of weight
// wt included.
func add(a scoring.Aggregation, val, wt, v float64) float64 {
	switch a {
	case scoring.Minimum:
		return min(val, v)
	case scoring.Maximum:
		return max(val, v)
	case scoring.Geometric:
		if v <= 0 {
			return math.Inf(-1)
		}
		return val + wt*math.Log(v)
	}
	return val + wt*v
}

func finalScore(a scoring.Aggregation, val, den float64) float64 {
	var v float64
	switch a {
	case scoring.Minimum, scoring.Maximum:
		v = val
	case scoring.Geometric:
		if math.IsInf(val, -1) {
			return 0
		}
		v = math.Exp(val / den)
	default:
		v = val / den
	}
	return clamp100(v)
}

// clamp100 is min(max(v, 0), 100), spelt out: the builtins' handling of
// NaN and signed zeros costs a few instructions per value; this gives the
// same float for every v (NaN stays NaN, −0 becomes +0).
func clamp100(v float64) float64 {
	if v > 0 {
		if v > 100 {
			return 100
		}
		return v
	}
	if v != v {
		return v
	}
	return 0
}

// childClasses returns the classes of merged child c as single outcomes
// (state, coverage, score at one effort) for a question, or the frontier
// of a node.
func (s *solver) childClasses(c int) []class {
	q := -1 - c
	if c >= 0 {
		if !s.isSimple(c) {
			return s.frontier(c)
		}
		q = s.p.simple[c]
	}
	out := s.scratch[:0]
	for oi, op := range s.lad[q].options {
		if f := s.fixed[q]; f >= 0 && oi != f {
			continue
		}
		cl := class{state: stUnscored, lastCost: op.cost, off: oi}
		if s.free || s.fixed[q] >= 0 {
			cl.lastCost = 0
		}
		if op.status == scoring.Answered {
			cl.state, cl.cov, cl.den = stScored, 1, op.points*100 // den holds the score here
			if op.imputed {
				cl.cov = 0 // an imputed number scores but is not answered
			}
		} else if c >= 0 {
			// An open question as the single question of indicator c, as
			// the engine scores it: 0 under the zero policy (not rated
			// below a minimum coverage), else missing.
			if nd := s.p.m.Nodes[c]; nd.Policy == scoring.Zero && nd.MinCoverage <= 0 {
				cl.state = stScored
			}
		}
		if op.imputed && c >= 0 && s.p.m.Nodes[c].MinCoverage > 0 {
			cl.state = stUnscored // as the engine's single: not rated without coverage
		}
		out = append(out, cl)
	}
	s.scratch = out
	return out
}

// isSimple reports whether merged child c is an indicator of one question
// taken as its options (see node).
func (s *solver) isSimple(c int) bool {
	return c >= 0 && s.asLeaf[c]
}

// merge combines the partial aggregates of level cur with child c of node
// n and returns the new level.
func (s *solver) merge(n *scoring.Node, c int, wt float64, cur level) level {
	// A question, or an indicator of one question, has a single effort
	// per class.
	leaf := c < 0 || s.isSimple(c)
	kids := s.childClasses(c)
	// Coverage is kept apart only where it can decide a state.
	keepCov := !s.covFine(n.Index) || !s.covOK[n.Index]
	if c >= 0 {
		keepCov = !s.covOK[c]
	}
	dearest := s.dearest(cur)
	if leaf {
		k := 0
		for i := range kids {
			k = max(k, kids[i].lastCost)
		}
		dearest += k
	} else {
		dearest += s.dearest(s.front[c])
	}
	lo := len(s.classes)
	for ai := cur.lo; ai < cur.hi && !s.overflow; ai++ {
		// A copy: newClass may move s.classes. kids are a child's classes
		// (or scratch), which no class made here changes.
		a := s.classes[ai]
		rows := s.costs[a.co : a.co+a.nc]
		if s.cut.on {
			rows = s.cutRows(&a, s.cutAt)
		}
		for ki := range kids {
			kc := &kids[ki]
			cov := kc.cov
			if !keepCov {
				cov = 0
			}
			key := class{cov: a.cov + wt*cov, den: a.den, any: a.any}
			inc, v := false, 0.0
			switch {
			case kc.state == stScored:
				inc = true
				if leaf {
					v = kc.den
				}
			case n.Policy == scoring.Zero:
				inc = true
			case n.Policy == scoring.Impute && c >= 0:
				v, inc = s.p.ev.ImputeValue(s.u, c)
			}
			if inc {
				key.den += wt
				key.any = true
			}
			if s.scoreFree[n.Index] {
				key.den = 0 // scores decide nothing here: one class per coverage
			}
			t := s.findClass(lo, classKey{key.cov, key.den, key.any})
			if t < 0 {
				if t = s.newClass(key, dearest); s.overflow {
					break
				}
				s.keep(lo, t, classKey{key.cov, key.den, key.any})
			}
			to := s.classes[t].off
			acosts := rows
			if leaf {
				kcost := kc.lastCost
				s.mergeRow(n.Aggregation, leaf, inc && !s.scoreFree[n.Index], wt, v, a.off, to, kcost, acosts,
					back{prev: int32(ai - cur.lo), child: int32(kc.off), cost: int32(kcost)})
				continue
			}
			kcosts := s.costs[kc.co : kc.co+kc.nc]
			if s.cut.on {
				kcosts = s.cutCols(&a, kc, wt, s.cutAt)
			}
			s.mergeFront(n.Aggregation, inc && !s.scoreFree[n.Index], wt, v, kc.state == stScored, kc.off, a.off, to, kcosts, acosts,
				int32(ai-cur.lo), int32(ki))
		}
	}
	s.index(lo, len(s.classes))
	if s.scoreFree[n.Index] {
		s.prune(false, n.Index, lo, len(s.classes), func(c *class) bool { return c.any })
	}
	return level{lo: lo, hi: len(s.classes)}
}

// mergeRow merges the outcomes of a partial aggregate (its values at
// s.vals[from+ac] for each effort ac in acosts, ascending) with one
// outcome of a child (value v of weight wt, at effort kcost; included in
// the aggregate when inc) into the class whose values start at to,
// keeping each effort's best and where it came from (b). It is the
// programme's innermost loop: for a mean or a sum the child's term is
// worked out once, as add would work it out for every effort (the same
// product, added to each value: the same sums bit for bit).
func (s *solver) mergeRow(agg scoring.Aggregation, leaf, inc bool, wt, v float64, from, to, kcost int, acosts []int32, b back) {
	n := len(acosts)
	// Efforts past the budget are not kept; acosts ascend (a search for
	// the first past it: at the node with the target, rows lose up to a
	// budget's worth of efforts).
	if n > 0 && int(acosts[n-1])+kcost > s.budget {
		n, _ = slices.BinarySearch(acosts, int32(s.budget-kcost+1))
	}
	if n == 0 {
		return
	}
	acosts = acosts[:n]
	last := int(acosts[n-1]) + 1
	src := s.vals[from : from+last]
	dst := s.vals[to+kcost : to+kcost+last]
	dstB := s.backs[to+kcost : to+kcost+last]
	// A value is taken when the slot holds none (NaN: the comparison
	// fails) or less by more than the tolerance; within it, the tie rule
	// decides (takes). nv is never NaN.
	switch {
	case !inc:
		for _, ac := range acosts {
			nv, d := src[ac], dst[ac]
			if d >= nv-tieTolerance && (d > nv+tieTolerance || !s.takes(leaf, b, dstB[ac], kcost+int(ac))) {
				continue
			}
			dst[ac] = nv
			dstB[ac] = b
		}
	case agg == scoring.Mean || agg == scoring.Sum:
		// Sums of finite values: d - nv is NaN only for none.
		term := wt * v
		if first := int(acosts[0]); last-first == n {
			// Every effort first..last-1 is in acosts (they ascend without
			// gaps): the same loop over them as a range, without reading
			// the efforts or checking the indices.
			src, dst, dstB := src[first:], dst[first:], dstB[first:]
			dst, dstB = dst[:len(src)], dstB[:len(src)]
			for i, sv := range src {
				nv := sv + term
				// Kept when x ≥ −tol && (x > tol || !takes), as two
				// branches: of the one expression the compiler makes a
				// flag it tests again, a few instructions a value.
				x := dst[i] - nv
				if x > tieTolerance {
					continue
				}
				if x >= -tieTolerance && !s.takes(leaf, b, dstB[i], kcost+first+i) {
					continue
				}
				dst[i] = nv
				dstB[i] = b
			}
			return
		}
		for _, ac := range acosts {
			nv := src[ac] + term
			x := dst[ac] - nv
			if x > tieTolerance {
				continue
			}
			if x >= -tieTolerance && !s.takes(leaf, b, dstB[ac], kcost+int(ac)) {
				continue
			}
			dst[ac] = nv
			dstB[ac] = b
		}
	case agg == scoring.Geometric:
		// The child's term once for the row, as add works it out: −Inf
		// for a score of 0 (a partial aggregate is never +Inf, so adding
		// −Inf gives −Inf as add does).
		term := math.Inf(-1)
		if v > 0 {
			term = wt * math.Log(v)
		}
		for _, ac := range acosts {
			nv, d := src[ac]+term, dst[ac]
			if d >= nv-tieTolerance && (d > nv+tieTolerance || !s.takes(leaf, b, dstB[ac], kcost+int(ac))) {
				continue
			}
			dst[ac] = nv
			dstB[ac] = b
		}
	default:
		for _, ac := range acosts {
			nv, d := add(agg, src[ac], wt, v), dst[ac]
			if d >= nv-tieTolerance && (d > nv+tieTolerance || !s.takes(leaf, b, dstB[ac], kcost+int(ac))) {
				continue
			}
			dst[ac] = nv
			dstB[ac] = b
		}
	}
}

// mergeFront merges the outcomes of a partial aggregate (its values at
// s.vals[from+ac] for each effort ac in acosts, ascending) with each
// outcome of a class of a child node's frontier at the efforts kcosts
// (ascending; its value at s.vals[koff+kcost] when scored, else v), as
// mergeRow does for one after the other: the same candidates for each
// value in the same order, so the same values and ties. For a mean or a
// sum the row is read once and the efforts past the budget are found by
// walking back from those of the last child effort, instead of a call,
// its slices and a binary search per child effort (most calls at the
// node with the target, where rows are short after the cut).
func (s *solver) mergeFront(agg scoring.Aggregation, inc bool, wt, v float64, scored bool, koff, from, to int, kcosts, acosts []int32, prev, child int32) {
	if !inc || (agg != scoring.Mean && agg != scoring.Sum) || len(acosts) == 0 {
		for _, kcost := range kcosts {
			cv := v
			if scored {
				cv = s.vals[koff+int(kcost)]
			}
			s.mergeRow(agg, false, inc, wt, cv, from, to, int(kcost), acosts, back{prev: prev, child: child, cost: kcost})
		}
		return
	}
	n := len(acosts)
	first := int(acosts[0])
	src := s.vals[from : from+int(acosts[n-1])+1]
	for _, kc := range kcosts {
		kcost := int(kc)
		// The efforts within the budget: fewer as kcost rises.
		for n > 0 && int(acosts[n-1])+kcost > s.budget {
			n--
		}
		if n == 0 {
			return // and for every dearer kcost
		}
		cv := v
		if scored {
			cv = s.vals[koff+kcost]
		}
		term := wt * cv
		b := back{prev: prev, child: child, cost: kc}
		last := int(acosts[n-1]) + 1
		if last-first == n {
			// Every effort first..last-1 (see mergeRow).
			row := src[first:last]
			dst := s.vals[to+kcost+first : to+kcost+last]
			dstB := s.backs[to+kcost+first : to+kcost+last]
			dst, dstB = dst[:len(row)], dstB[:len(row)]
			for i, sv := range row {
				nv := sv + term
				x := dst[i] - nv
				if x > tieTolerance {
					continue
				}
				if x >= -tieTolerance && !s.newFirst(b, dstB[i], kcost+first+i) {
					continue
				}
				dst[i] = nv
				dstB[i] = b
			}
			continue
		}
		dst := s.vals[to+kcost : to+kcost+last]
		dstB := s.backs[to+kcost : to+kcost+last]
		for _, ac := range acosts[:n] {
			nv := src[ac] + term
			x := dst[ac] - nv
			if x > tieTolerance {
				continue
			}
			if x >= -tieTolerance && !s.newFirst(b, dstB[ac], kcost+int(ac)) {
				continue
			}
			dst[ac] = nv
			dstB[ac] = b
		}
	}
}

// pass merges child c of node n in place when the level before it is a
// single class and c has a single outcome at no effort, scored: a
// question (or an indicator) whose answer no roadmap moves (at the top of
// its scale, or on a scale no roadmap steps on) — about a third of the
// questions of the benchmark. merge would make a class of the same key
// with each value v + w·points at the same effort and drop what index
// drops; pass does exactly that to the class itself, and counts it as
// made (maxValues, maxClasses), so that the search gives up exactly where
// merge would. The level is marked, for trace: the child's choice is its
// answer.
func (s *solver) pass(n *scoring.Node, c int, wt float64, cur level) (level, bool) {
	if s.noPass || s.cut.on || cur.hi-cur.lo != 1 || s.scoreFree[n.Index] {
		return cur, false
	}
	var kc class
	var v float64
	if c < 0 || s.isSimple(c) {
		q := -1 - c
		if c >= 0 {
			q = s.p.simple[c]
		}
		if len(s.lad[q].options) != 1 || s.fixed[q] > 0 {
			return cur, false
		}
		kids := s.childClasses(c)
		if len(kids) != 1 || kids[0].lastCost != 0 || kids[0].off != 0 || kids[0].state != stScored {
			return cur, false
		}
		kc, v = kids[0], kids[0].den
	} else {
		// A subtree nothing changes in (fixedNode): one outcome.
		f := s.frontier(c)
		if s.live[c] || len(f) != 1 || f[0].nc != 1 || s.costs[f[0].co] != 0 || f[0].state != stScored {
			return cur, false
		}
		kc, v = f[0], s.vals[f[0].off]
	}
	if s.reserved+s.budget+1 > maxValues || len(s.classes)+s.passed+s.folded >= maxClasses {
		return cur, false // merge gives the search up here
	}
	s.reserved += s.budget + 1
	s.passed++
	// As merge keys the class.
	keepCov := !s.covFine(n.Index) || !s.covOK[n.Index]
	if c >= 0 {
		keepCov = !s.covOK[c]
	}
	cov := kc.cov
	if !keepCov {
		cov = 0
	}
	a := &s.classes[cur.lo]
	a.cov += wt * cov
	a.den += wt
	a.any = true
	a.key = classKey{a.cov, a.den, a.any}
	// As mergeRow adds and index keeps.
	costs := s.costs[a.co : a.co+a.nc]
	kept, best := 0, 0.0
	vals := s.vals[a.off : a.off+a.span]
	mean, term := n.Aggregation == scoring.Mean || n.Aggregation == scoring.Sum, wt*v
	for j, k := range costs {
		var nv float64
		if mean {
			nv = vals[k] + term // as mergeRow
		} else {
			nv = add(n.Aggregation, vals[k], wt, v)
		}
		if j > 0 && nv <= best {
			vals[k] = none
			continue
		}
		vals[k] = nv
		best = nv
		costs[kept] = k
		kept++
	}
	a.nc = kept
	return level{lo: cur.lo, hi: cur.hi, pass: true}, true
}

// canFold reports whether node n's children whose answer no roadmap
// moves are folded into its first partial aggregate (fold) rather than
// searched (fixedNode) and merged in place (pass) one by one: where pass
// would merge them in place — no cut, scores decide something — and the
// first partial aggregate is a single class, as it is before any child.
func (s *solver) canFold(n int) bool {
	return !s.noPass && !s.noFold && !(s.req[n] > 1e-6) && !s.scoreFree[n] && !s.free
}

// fold adds node n's folded children (s.folds) to the first partial
// aggregate, level cur (one class, one value at no effort), as pass adds
// each — its weight, coverage (where it can decide) and score, the score
// as fixedNode takes it (the engine's) — and returns their weight. Each
// is counted as the class pass would have made (the class fixedNode would
// have made is counted as it is met), so that a search gives up where it
// would have. The sums come in another order than pass's (all folded
// children first), which can change the last bits of a partial
// aggregate, never a roadmap: values within tieTolerance are equal (see
// tie.go).
func (s *solver) fold(nd *scoring.Node, cur level) float64 {
	var applicable float64
	a := &s.classes[cur.lo]
	mean := nd.Aggregation == scoring.Mean || nd.Aggregation == scoring.Sum
	for _, c := range s.folds[nd.Index] {
		if s.reserved+s.budget+1 > maxValues || len(s.classes)+s.passed+s.folded >= maxClasses {
			s.overflow = true
			return applicable
		}
		s.reserved += s.budget + 1
		s.passed++
		s.foldedIn++
		wt := s.weight(nd, c)
		applicable += wt
		ns := s.unit[c]
		if !s.covOK[c] {
			a.cov += wt * ns.Coverage
		}
		a.den += wt
		a.any = true
		v := &s.vals[a.off]
		if mean {
			*v += wt * ns.Score
		} else {
			*v = add(nd.Aggregation, *v, wt, ns.Score)
		}
	}
	a.key = classKey{a.cov, a.den, a.any}
	return applicable
}

// dearest returns the dearest effort any class of level l holds.
func (s *solver) dearest(l level) int {
	d := 0
	for i := l.lo; i < l.hi; i++ {
		if c := &s.classes[i]; c.nc > 0 {
			d = max(d, int(s.costs[c.co+c.nc-1]))
		}
	}
	return d
}

// prune drops, among classes[lo:hi] of a node whose score decides
// nothing, every value another class reaches with no more effort, at least
// the coverage and at least as good a state (better(c): scored, or
// anything included). Where scores decide nothing, more coverage and a
// scored child never hurt: they only make nodes above scored that would
// not be. Without this, a unit with many open questions has a class for
// every sum of their weights. Of values alike in all three, the one the
// tie rule puts first is kept (frontier: classes[lo:hi] are node n's
// frontier, else the level the merge under way makes).
func (s *solver) prune(frontier bool, n, lo, hi int, better func(c *class) bool) {
	type ent struct {
		cost int32
		cov  float64
		good bool
		cls  int
	}
	var es []ent
	for i := lo; i < hi; i++ {
		c := &s.classes[i]
		for _, k := range s.costs[c.co : c.co+c.nc] {
			es = append(es, ent{k, c.cov, better(c), i})
		}
	}
	slices.SortFunc(es, func(a, b ent) int {
		return cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(b.cov, a.cov), boolCmp(b.good, a.good),
			-s.cmpMade(frontier, n, a.cls, int(a.cost), b.cls, int(b.cost)))
	})
	bestGood, bestAny := math.Inf(-1), math.Inf(-1)
	dropped := false
	for _, e := range es {
		if bestGood >= e.cov || (!e.good && bestAny >= e.cov) {
			s.vals[s.classes[e.cls].off+int(e.cost)] = none
			dropped = true
			continue
		}
		if e.good {
			bestGood = max(bestGood, e.cov)
		}
		bestAny = max(bestAny, e.cov)
	}
	if dropped {
		s.index(lo, hi)
	}
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// rootValue returns the overall score of the cheapest root outcome the
// last solve found at the given effort (0 where scores decide nothing).
func (s *solver) rootValue(cost int) float64 {
	for _, c := range s.frontier(0) {
		if c.nc > 0 && int(s.costs[c.co]) == cost {
			return s.vals[c.off+cost]
		}
	}
	return math.NaN()
}

// traceBest records in choice the options of the cheapest root outcome.
func (s *solver) traceBest(cost int) {
	for q := range s.choice {
		s.choice[q] = 0
	}
	for i, c := range s.frontier(0) {
		if c.nc > 0 && int(s.costs[c.co]) == cost {
			s.trace(0, i, cost)
			return
		}
	}
}

// trace records in choice the option each question takes in the outcome
// of node n in frontier class fi at the given effort.
func (s *solver) trace(n, fi, cost int) {
	if !s.live[n] {
		return
	}
	f := s.frontier(n)[fi]
	ai := int(s.backs[f.off+cost].prev)
	levels, merged := s.levels[n], s.merged[n]
	for k := len(merged) - 1; k >= 0; k-- {
		if levels[k].pass {
			continue // the question keeps its answer (choice 0), at no effort
		}
		if levels[k].block {
			b := s.backs[s.classes[levels[k].lo+ai].off+cost]
			s.traceBlock(n, int(b.cost))
			cost -= int(b.cost)
			ai = int(b.prev)
			k = s.blocks[n].from // then the child before the block
			continue
		}
		a := s.classes[levels[k].lo+ai]
		b := s.backs[a.off+cost]
		if c := merged[k]; c < 0 {
			s.choice[-1-c] = int(b.child)
		} else if s.isSimple(c) {
			s.choice[s.p.simple[c]] = int(b.child)
		} else {
			s.trace(c, int(b.child), int(b.cost))
		}
		cost -= int(b.cost)
		ai = int(b.prev)
	}
}
