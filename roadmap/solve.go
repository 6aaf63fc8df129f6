package roadmap

import (
	"cmp"
	"math"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// The search for the least-effort roadmap is a dynamic programme over the
// model's tree, bottom-up, on whole-number efforts up to a budget. For
// every node it keeps the outcomes its subtree can reach — an outcome is
// (total effort, state, coverage, score) — and drops an outcome only when
// another of no more effort has the same state and coverage and at least
// its score. That is safe because a parent's score never falls when a
// child's score rises with its state and coverage unchanged (every
// aggregation is monotone in each child), and a parent's state and
// coverage depend on its children's only through their states and
// coverages. What is not monotone — a newly answered question can lower a
// reweighted mean, a dimension that becomes scored can pull the overall
// score down, a coverage threshold can flip — is therefore never pruned
// away: outcomes that differ in state or coverage are all kept. A node
// carrying a requirement (the overall score for threshold levels, each
// criterion's node for staged levels) keeps only the outcomes that meet
// it. The least effort among the root's outcomes is the optimum, exact
// for any model whose questions each feed one indicator; a question
// feeding several indicators is enumerated outside the programme.

// Outcome states of a subtree.
const (
	stScored uint8 = iota
	stUnscored
	stNotApplies
)

type outcome struct {
	cost  int
	state uint8
	cov   float64
	score float64
	entry int // the merge entry it came from (arena index); option index for questions
}

// entry is a partial aggregate over the first children of a node.
type entry struct {
	cost      int
	prev, opt int // the entry before, and the child's outcome taken
	covered   float64
	den, val  float64
	any       bool
}

// solver is the mutable state of planning one unit at a time; each
// goroutine has its own.
type solver struct {
	p   *planner
	u   *scoring.UnitResult
	in  []scoring.Input
	lad []unitLadder
	// req[n] is the least score node n must reach (NaN: none); a node with
	// a requirement must be scored.
	req    []float64
	live   []bool
	fixed  []int // per question: the one option allowed (shared questions), or -1
	budget int
	free   bool // reachability: every option costs nothing

	arena  []entry
	outs   [][]outcome
	merged [][]int // per node, the children merged (questions as -1-q)
	choice []int   // per question, the option chosen
	nodes  []scoring.NodeScore
}

func newSolver(p *planner) *solver {
	m := p.m
	s := &solver{p: p, req: make([]float64, len(m.Nodes)), live: make([]bool, len(m.Nodes)),
		fixed: make([]int, len(m.Questions)), outs: make([][]outcome, len(m.Nodes)),
		merged: make([][]int, len(m.Nodes)), choice: make([]int, len(m.Questions)),
		nodes: make([]scoring.NodeScore, len(m.Nodes))}
	return s
}

// requirements sets what the target level asks of each node.
func (s *solver) requirements(target int) {
	m := s.p.m
	for i := range s.req {
		s.req[i] = math.NaN()
	}
	s.req[0] = 0 // a level needs an overall score
	if m.Levels.Method == scoring.Threshold {
		s.req[0] = m.Levels.ByOrdinal(target).Min
		return
	}
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

// markLive sets live[n] for nodes with a question below that has more
// than one option.
func (s *solver) markLive() {
	m := s.p.m
	clear(s.live)
	for _, n := range m.Nodes {
		if n.Kind != scoring.KindIndicator {
			continue
		}
		for _, q := range n.Questions {
			if len(s.lad[q].options) > 1 || s.fixed[q] > 0 {
				for p := n.Index; p >= 0 && !s.live[p]; p = m.Nodes[p].Parent {
					s.live[p] = true
				}
			}
		}
	}
}

// solve runs the programme with the current budget and returns the least
// effort that meets the requirements, or -1.
func (s *solver) solve() int {
	s.arena = s.arena[:0]
	if !s.node(0) {
		return -1
	}
	best := -1
	for _, o := range s.outs[0] {
		if best < 0 || o.cost < best {
			best = o.cost
		}
	}
	return best
}

// node computes the outcomes of node n's subtree and reports whether any
// meets the requirements within it.
func (s *solver) node(n int) bool {
	m := s.p.m
	nd := m.Nodes[n]
	outs := s.outs[n][:0]
	if !s.live[n] {
		// Nothing below changes: the subtree stays as scored, and must
		// meet its requirements as it is (they are in the range of its
		// descendants, as nodes are in pre-order).
		for d := n; d < s.p.end[n]; d++ {
			cur := s.u.Nodes[d]
			if !s.meets(d, outcome{state: stateOf(cur), score: cur.Score}) {
				s.outs[n] = outs
				return false
			}
		}
		cur := s.u.Nodes[n]
		o := outcome{state: stateOf(cur), cov: cur.Coverage, score: cur.Score, entry: -1}
		if !s.p.covMatters[n] {
			o.cov = 0
		}
		s.outs[n] = append(outs, o)
		return true
	}
	merged := s.merged[n][:0]
	if nd.Kind == scoring.KindIndicator {
		for _, q := range nd.Questions {
			if s.in[q].Status != scoring.NotApplicable {
				merged = append(merged, -1-q)
			}
		}
	} else {
		for _, c := range nd.Children {
			if !s.node(c) {
				s.merged[n] = merged
				s.outs[n] = outs
				return false
			}
			if len(s.outs[c]) == 1 && s.outs[c][0].state == stNotApplies {
				continue
			}
			merged = append(merged, c)
		}
	}
	s.merged[n] = merged
	start := len(s.arena)
	s.arena = append(s.arena, entry{prev: -1, opt: -1, val: initial(nd.Aggregation)})
	lo, hi := start, len(s.arena)
	var applicable float64
	for _, c := range merged {
		wt := s.weight(nd, c)
		applicable += wt
		lo, hi = s.merge(nd, c, wt, lo, hi)
		if lo == hi {
			s.outs[n] = outs
			return false
		}
	}
	for ei := lo; ei < hi; ei++ {
		e := &s.arena[ei]
		o := outcome{cost: e.cost, state: stNotApplies, entry: ei}
		if applicable > 0 {
			o.cov = e.covered / applicable
			switch {
			case !e.any:
				o.state = stUnscored
			case o.cov < nd.MinCoverage-1e-12:
				o.state = stUnscored
			default:
				o.state = stScored
				o.score = finalScore(nd.Aggregation, e)
			}
		}
		if !s.p.covMatters[n] {
			o.cov = 0
		}
		if s.meets(n, o) {
			outs = append(outs, o)
		}
	}
	s.outs[n] = pruneOutcomes(outs)
	return len(s.outs[n]) > 0
}

// meets reports whether an outcome of node n meets n's requirement.
func (s *solver) meets(n int, o outcome) bool {
	r := s.req[n]
	return math.IsNaN(r) || (o.state == stScored && o.score >= r-1e-9)
}

func stateOf(ns scoring.NodeScore) uint8 {
	switch ns.State {
	case scoring.Scored:
		return stScored
	case scoring.NotApplies:
		return stNotApplies
	}
	return stUnscored
}

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
	cn := s.p.m.Nodes[c]
	if n.Aggregation == scoring.Sum {
		return cn.Weight * cn.MaxPoints
	}
	return cn.Weight
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

// include adds a value on 0–100 with weight wt to an entry.
func include(a scoring.Aggregation, e *entry, wt, v float64) {
	e.any = true
	e.den += wt
	switch a {
	case scoring.Minimum:
		e.val = min(e.val, v)
	case scoring.Maximum:
		e.val = max(e.val, v)
	case scoring.Geometric:
		if v <= 0 {
			e.val = math.Inf(-1)
		} else {
			e.val += wt * math.Log(v)
		}
	default:
		e.val += wt * v
	}
}

func finalScore(a scoring.Aggregation, e *entry) float64 {
	var v float64
	switch a {
	case scoring.Minimum, scoring.Maximum:
		v = e.val
	case scoring.Geometric:
		if math.IsInf(e.val, -1) {
			return 0
		}
		v = math.Exp(e.val / e.den)
	default:
		v = e.val / e.den
	}
	return min(max(v, 0), 100)
}

// childOutcomes returns the outcomes of merged child c: a node's, or a
// question's options as outcomes (into buf).
func (s *solver) childOutcomes(c int, buf []outcome) []outcome {
	if c >= 0 {
		return s.outs[c]
	}
	q := -1 - c
	buf = buf[:0]
	for oi, op := range s.lad[q].options {
		if f := s.fixed[q]; f >= 0 && oi != f {
			continue
		}
		o := outcome{cost: op.cost, state: stUnscored, entry: oi}
		if s.free || s.fixed[q] >= 0 {
			o.cost = 0
		}
		if op.status == scoring.Answered {
			o.state, o.cov, o.score = stScored, 1, op.points*100
		}
		buf = append(buf, o)
	}
	return buf
}

// merge combines the entries arena[lo:hi] with the outcomes of child c of
// node n and returns the span of the new entries, pruned.
func (s *solver) merge(n *scoring.Node, c int, wt float64, lo, hi int) (int, int) {
	var small [8]outcome
	co := s.childOutcomes(c, small[:0])
	start := len(s.arena)
	leaf := c < 0
	for ai := lo; ai < hi; ai++ {
		for oi, o := range co {
			a := s.arena[ai]
			e := entry{cost: a.cost + o.cost, prev: ai, opt: oi, covered: a.covered + wt*o.cov,
				den: a.den, val: a.val, any: a.any}
			if e.cost > s.budget {
				continue
			}
			if leaf {
				e.opt = o.entry
			}
			switch {
			case o.state == stScored:
				include(n.Aggregation, &e, wt, o.score)
			case n.Policy == scoring.Zero:
				include(n.Aggregation, &e, wt, 0)
			case n.Policy == scoring.Impute && !leaf:
				if v, ok := s.p.ev.ImputeValue(s.u, c); ok {
					include(n.Aggregation, &e, wt, v)
				}
			}
			s.arena = append(s.arena, e)
		}
	}
	return start, start + pruneEntries(s.arena[start:])
}

// pruneEntries keeps, among entries alike in coverage, weight and whether
// anything is included, those no cheaper entry beats, and returns how many
// it kept (at the front of es).
func pruneEntries(es []entry) int {
	if len(es) < 2 {
		return len(es)
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.covered, b.covered), cmp.Compare(a.den, b.den), boolCmp(a.any, b.any),
			cmp.Compare(a.cost, b.cost), cmp.Compare(b.val, a.val))
	})
	k := 0
	for i := range es {
		if k > 0 {
			p := &es[k-1]
			if p.covered == es[i].covered && p.den == es[i].den && p.any == es[i].any && p.val >= es[i].val {
				continue // same kind, no cheaper, no better: dominated
			}
		}
		es[k] = es[i]
		k++
	}
	return k
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

// pruneOutcomes keeps the outcomes no other of the same state and
// coverage beats with no more effort and at least its score.
func pruneOutcomes(os []outcome) []outcome {
	if len(os) < 2 {
		return os
	}
	slices.SortFunc(os, func(a, b outcome) int {
		return cmp.Or(cmp.Compare(a.state, b.state), cmp.Compare(a.cov, b.cov), cmp.Compare(a.cost, b.cost), cmp.Compare(b.score, a.score))
	})
	k := 0
	for i := range os {
		if k > 0 {
			p := &os[k-1]
			if p.state == os[i].state && p.cov == os[i].cov && (p.score >= os[i].score || p.state != stScored) {
				continue
			}
		}
		os[k] = os[i]
		k++
	}
	return os[:k]
}

// trace records in choice the option each question takes in root outcome
// oi.
func (s *solver) trace(n, oi int) {
	if !s.live[n] {
		return
	}
	ei := s.outs[n][oi].entry
	merged := s.merged[n]
	for k := len(merged) - 1; k >= 0; k-- {
		e := s.arena[ei]
		if c := merged[k]; c < 0 {
			s.choice[-1-c] = e.opt
		} else {
			s.trace(c, e.opt)
		}
		ei = e.prev
	}
}
