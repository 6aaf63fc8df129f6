package roadmap

import (
	"math"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// move is what remains to be done on one question.
type move struct {
	q      int
	next   int // the next rung to reach
	target int // the last rung to reach
	// open: the question is open and not yet clarified; its next step
	// clarifies it and raises it to target at once (combined), or
	// clarifies it to the lowest answer (not combined).
	open     bool
	combined bool
	ratio    float64 // gain per effort of the next step, when last tried
	model    int     // position in the model, for ties
	// tried is the walk's step count when ratio was tried: a move tried
	// since the last step taken, and tried last, needs no second try.
	tried int
}

// walk is a greedy walk over moves: it takes, step by step, the move
// whose next step closes most of the distance to the target per unit of
// effort (then: raises the overall score most; then: comes first in the
// model). Gains are tried lazily: a move's gain from an earlier turn is
// tried again only when it is the best candidate, and taken when it still
// is. Where gains do not grow with other steps (a weighted mean of fixed
// parts: most models) this is the plain greedy order; elsewhere it is
// close to it. The walk's scores are the evaluator's.
type walk struct {
	s      *solver
	in     []scoring.Input
	nodes  []scoring.NodeScore
	level  int
	effort int
	heap   []move
	saved  []scoring.NodeScore
	// after holds the affected nodes' scores of the last step tried, so
	// that taking it needs no second Update (the same computation).
	after []scoring.NodeScore
	// steps counts the steps taken; lastQ is the question of the last
	// step tried.
	steps, lastQ int
}

// newWalk starts a walk; the solver keeps one, reused with its buffers.
func (s *solver) newWalk(in []scoring.Input, nodes []scoring.NodeScore, level int) *walk {
	w := &s.walk
	*w = walk{s: s, in: in, nodes: nodes, level: level, heap: w.heap[:0], saved: w.saved[:0], after: w.after[:0], lastQ: -1}
	return w
}

// stepOf returns the rung the next step of a move reaches and its effort.
func (s *solver) stepOf(mv *move) (rung, int) {
	l := &s.lad[mv.q]
	if mv.open && mv.combined {
		for _, o := range l.options {
			if o.rung == mv.target {
				return l.rungs[mv.target], o.cost
			}
		}
	}
	if mv.open {
		return l.rungs[mv.next], s.p.m.ClarifyEffort()
	}
	return l.rungs[mv.next], l.rungs[mv.next].effort
}

// try returns the gain per effort of a move's next step and the overall
// score it leads to, leaving the walk's state as it was.
func (w *walk) try(mv *move) (float64, float64) {
	s := w.s
	mv.tried, w.lastQ = w.steps, mv.q
	r, effort := s.stepOf(mv)
	aff := s.p.ev.Affected(mv.q)
	w.saved = w.saved[:0]
	for _, n := range aff {
		w.saved = append(w.saved, w.nodes[n])
	}
	base := s.shortfall(w.nodes)
	old := w.in[mv.q]
	w.in[mv.q] = scoring.Input{Points: r.points}
	s.p.ev.Update(s.u, w.in, w.nodes, mv.q)
	gain := base - s.shortfall(w.nodes)
	score := math.Inf(-1)
	if w.nodes[0].Scored() {
		score = w.nodes[0].Score
	}
	w.in[mv.q] = old
	w.after = w.after[:0]
	for i, n := range aff {
		w.after = append(w.after, w.nodes[n])
		w.nodes[n] = w.saved[i]
	}
	if effort == 0 {
		return math.Inf(1), score
	}
	return gain / float64(effort), score
}

// better orders candidates: larger ratio, then earlier in the model.
func better(a, b *move) bool {
	if a.ratio != b.ratio {
		return a.ratio > b.ratio
	}
	return a.model < b.model
}

func (w *walk) push(mv move) {
	h := append(w.heap, mv)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !better(&h[i], &h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	w.heap = h
}

func (w *walk) pop() move {
	h := w.heap
	top := h[0]
	h[0] = h[len(h)-1]
	h = h[:len(h)-1]
	for i := 0; ; {
		l, r, b := 2*i+1, 2*i+2, i
		if l < len(h) && better(&h[l], &h[b]) {
			b = l
		}
		if r < len(h) && better(&h[r], &h[b]) {
			b = r
		}
		if b == i {
			break
		}
		h[i], h[b] = h[b], h[i]
		i = b
	}
	w.heap = h
	return top
}

// add makes moves candidates, trying each once.
func (w *walk) add(moves []move) {
	for _, mv := range moves {
		mv.ratio, _ = w.try(&mv)
		w.push(mv)
	}
}

// next takes the best step and calls take with it; it returns false when
// no move is left, or (with positive) when the best one gains nothing.
func (w *walk) next(positive bool, take func(mv *move, r rung, effort int, before scoring.NodeScore)) bool {
	for len(w.heap) > 0 {
		mv := w.pop()
		ratio := mv.ratio
		if mv.tried != w.steps || w.lastQ != mv.q {
			// Tried before the last step, or another move was tried since
			// (w.after is its): try again. Otherwise the try would repeat
			// the last one, on the same answers, bit for bit.
			ratio, _ = w.try(&mv)
		}
		if len(w.heap) > 0 && ratio < w.heap[0].ratio-1e-12 {
			mv.ratio = ratio // no longer the best: back in line
			w.push(mv)
			continue
		}
		if positive && !(ratio > 1e-12) {
			return false
		}
		s := w.s
		r, effort := s.stepOf(&mv)
		before := w.nodes[0]
		w.in[mv.q] = scoring.Input{Points: r.points}
		// The scores the try just computed for this very step, as Update
		// would compute them again.
		for i, n := range s.p.ev.Affected(mv.q) {
			w.nodes[n] = w.after[i]
		}
		w.level, _ = s.p.m.Levels.Decide(w.nodes)
		w.effort += effort
		w.steps++
		if take != nil {
			take(&mv, r, effort, before)
		}
		switch {
		case mv.open && mv.combined:
			mv.next, mv.open = mv.target+1, false
		case mv.open:
			mv.next, mv.open = 1, false
		default:
			mv.next++
		}
		if mv.next <= mv.target {
			mv.ratio, _ = w.try(&mv)
			w.push(mv)
		}
		return true
	}
	return false
}

// greedy walks greedily over every step the unit can take (the
// questions of shared options fixed as s.fixed says) until it reaches the
// target, leaves the end state in s.choice and returns its effort; false
// when no step is left and the target is not reached. It is the roadmap
// when the exact search is too big (see maxValues).
func (s *solver) greedy(target int) (int, bool) {
	u := s.u
	in := append(s.work[:0], s.in...)
	s.work = in
	nodes := append(s.nodes[:0], u.Nodes...)
	for q, f := range s.fixed {
		s.choice[q] = max(f, 0)
		if f > 0 {
			o := s.lad[q].options[f]
			in[q] = scoring.Input{Status: o.status, Points: o.points}
			s.p.ev.Update(u, in, nodes, q)
		}
	}
	lv, _ := s.p.m.Levels.Decide(nodes)
	w := s.newWalk(in, nodes, lv)
	var moves []move
	for q := range s.lad {
		l := &s.lad[q]
		if s.fixed[q] >= 0 || len(l.options) < 2 {
			continue
		}
		moves = append(moves, move{q: q, target: len(l.rungs) - 1, open: l.clarify, model: q})
	}
	w.add(moves)
	// Options are the current answer, then one per rung: rung r is option
	// r + 1.
	take := func(mv *move, r rung, effort int, before scoring.NodeScore) { s.choice[mv.q] = mv.next + 1 }
	for w.level < target {
		if !w.next(false, take) {
			return 0, false
		}
	}
	return w.effort, true
}

// order turns the end state in s.choice into steps, by the greedy walk:
// largest gain per effort first. The scores after each step are the
// evaluator's, so they are what Score would give; the last one must reach
// the target and the efforts add up to the least effort found, or the
// roadmap is reported unverified.
func (s *solver) order(pl *Plan) error {
	p, u := s.p, s.u
	moves := s.moves[:0]
	steps := 0
	for q, oi := range s.choice {
		if oi <= 0 {
			continue
		}
		o := s.lad[q].options[oi]
		moves = append(moves, move{q: q, target: o.rung, open: s.lad[q].clarify, combined: true, model: q})
		if steps++; !s.lad[q].clarify {
			steps += o.rung // rungs 0..o.rung, one step each; an open question's is one
		}
	}
	s.moves = moves
	if steps > 0 {
		pl.Steps = make([]Step, 0, steps)
	}
	in := append(s.work[:0], s.in...)
	s.work = in
	w := s.newWalk(in, append(s.nodes[:0], u.Nodes...), u.Level)
	w.add(moves)
	for w.next(false, func(mv *move, r rung, effort int, before scoring.NodeScore) {
		from := answerOf(u, mv.q)
		if !mv.open && mv.next > 0 {
			from = s.lad[mv.q].rungs[mv.next-1].label
		}
		st := Step{Question: p.m.Questions[mv.q], Dimension: p.m.Nodes[p.dim[mv.q]], From: from,
			Clarify: mv.open, To: r.label, Item: r.item >= 0, Effort: effort,
			After: w.nodes[0], Level: w.level, Gain: math.NaN(), Advice: s.advice(mv.q)}
		if before.Scored() && w.nodes[0].Scored() {
			st.Gain = w.nodes[0].Score - before.Score
		}
		st.Peers, st.PeersShown = p.peers.count(u, mv.q, r)
		pl.Steps = append(pl.Steps, st)
	}) {
	}
	pl.After, pl.LevelAfter = w.nodes[0], w.level
	if w.level < pl.Target || w.effort != pl.Effort {
		return ErrUnverified
	}
	return nil
}

// shortfall is the distance of node scores to the target: over the nodes
// the target puts a requirement on, how far each score is below it, and
// for a node not scored, the requirement plus 100 and the coverage
// missing (in points of 0–100).
func (s *solver) shortfall(nodes []scoring.NodeScore) float64 {
	var d float64
	for _, n := range s.reqNodes {
		r, ns := s.req[n], nodes[n]
		if ns.Scored() {
			d += max(0, r-ns.Score)
			continue
		}
		d += r + 100 + 100*max(0, s.p.m.Nodes[n].MinCoverage-ns.Coverage)
	}
	return d
}

// advice returns the question's advice, else its dimension's next step
// for the level the dimension stands at.
func (s *solver) advice(q int) string {
	m := s.p.m
	if a := m.Advice(m.Questions[q]); a != "" {
		return a
	}
	d := m.Nodes[s.p.dim[q]]
	return d.NextSteps[DimensionLevel(m, s.u, d)]
}

// DimensionLevel returns the level whose advice fits dimension d of unit
// u: under threshold levels the band its own score falls into, under
// staged levels the unit's level; level 1 when the dimension is not
// scored or the unit has no level yet (the advice for a start).
func DimensionLevel(m *scoring.Model, u *scoring.UnitResult, d *scoring.Node) int {
	lv := u.Level
	if m.Levels.Method == scoring.Threshold {
		lv = 0
		if s := u.Nodes[d.Index]; s.Scored() {
			for _, l := range m.Levels.List {
				if s.Score >= l.Min-1e-9 {
					lv = l.Ordinal
				}
			}
		}
	}
	return max(lv, 1)
}

// percentToTarget computes SAMM's percent to target for the solver's end
// state (see the package function).
func (s *solver) percentToTarget() float64 {
	end := make([]float64, len(s.in))
	for q, x := range s.in {
		if x.Status == scoring.Answered {
			end[q] = x.Points
		}
		if oi := s.choice[q]; oi > 0 {
			end[q] = s.lad[q].options[oi].points
		}
	}
	return percentToTarget(s.p.m, s.p.ev.ChildWeight, s.u.Nodes, s.in, end)
}

// percentToTarget is SAMM's percent to target over the questions,
// 1 − Σ a·max(0, end − current) / Σ a·end, each question weighted by its
// nominal share a of the overall score: the products of the weights down
// the tree, over the children that apply (nodes holds the unit's scores,
// for which do) and the questions that apply. current is a question's
// points now (0 when not answered), end its points in the target posture.
// NaN when the target posture has no points.
func percentToTarget(m *scoring.Model, weight func(n *scoring.Node, c int) float64, nodes []scoring.NodeScore, in []scoring.Input, end []float64) float64 {
	share := make([]float64, len(m.Nodes))
	share[0] = 1
	var gap, target float64
	for _, n := range m.Nodes {
		if share[n.Index] == 0 {
			continue
		}
		if n.Kind == scoring.KindIndicator {
			var sw float64
			for j, q := range n.Questions {
				if counts(in[q].Status) {
					sw += n.QWeights[j]
				}
			}
			for j, q := range n.Questions {
				if !counts(in[q].Status) {
					continue
				}
				a := share[n.Index] * n.QWeights[j] / sw
				cur := 0.0
				if in[q].Status == scoring.Answered {
					cur = in[q].Points
				}
				gap += a * max(0, end[q]-cur)
				target += a * end[q]
			}
			continue
		}
		var sw float64
		for _, c := range n.Children {
			if stateOf(nodes[c]) != stNotApplies {
				sw += weight(n, c)
			}
		}
		for _, c := range n.Children {
			if stateOf(nodes[c]) != stNotApplies {
				share[c] = share[n.Index] * weight(n, c) / sw
			}
		}
	}
	if target == 0 {
		return math.NaN()
	}
	return 1 - gap/target
}

// estimate guesses the least effort, for the programme's first budget: it
// takes one-rung steps by their gain per effort, the gain figured as if
// the overall score were a fixed weighted mean of the questions (each
// question's share of it, open questions as if answered), until the
// shortfall is made up. For such models it is the effort of a feasible
// roadmap, and the programme finds the optimum in one pass; where it falls
// short, the budget is doubled.
func (s *solver) estimate() int {
	deficit := s.shortfall(s.u.Nodes)
	if deficit <= 0 {
		return 1
	}
	effort := 0
	scoredOnly := true
	if root := s.u.Nodes[0]; !root.Scored() {
		// First the coverage: the open questions with the largest share
		// of the overall weight, clarified; then the score from nothing.
		effort, deficit, scoredOnly = s.coverageEstimate(), s.req[0], false
	}
	share := s.shares(s.estShare[:0], scoredOnly)
	s.estShare = share
	steps := s.estSteps[:0]
	for q := range s.lad {
		l := &s.lad[q]
		if s.fixed[q] >= 0 || len(l.options) < 2 {
			continue
		}
		prevCost, prevPts := 0, 0.0
		if s.in[q].Status == scoring.Answered {
			prevPts = s.in[q].Points
		}
		for _, o := range l.options[1:] {
			e := o.cost - prevCost
			g := share[q] * (o.points - prevPts) * 100
			if e > 0 {
				steps = append(steps, estStep{ratio: g / float64(e), effort: e, gain: g})
			}
			prevCost, prevPts = o.cost, o.points
		}
	}
	s.estSteps = steps
	// Largest ratio first; only the first few of the steps are taken, so
	// they are drawn from a heap rather than sorted. (Steps of equal ratio
	// come in another order than a sort's; that changes at most the
	// budget, never a roadmap: TestBudgetDecidesNothing.)
	for i := len(steps)/2 - 1; i >= 0; i-- {
		siftDown(steps, i)
	}
	for len(steps) > 0 && deficit > 1e-9 {
		st := steps[0]
		effort += st.effort
		deficit -= st.gain
		steps[0] = steps[len(steps)-1]
		steps = steps[:len(steps)-1]
		siftDown(steps, 0)
	}
	return effort
}

// siftDown restores the max-heap of steps by ratio below i.
func siftDown(h []estStep, i int) {
	for {
		l, r, b := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].ratio > h[b].ratio {
			b = l
		}
		if r < len(h) && h[r].ratio > h[b].ratio {
			b = r
		}
		if b == i {
			return
		}
		h[i], h[b] = h[b], h[i]
		i = b
	}
}

type estStep struct {
	ratio  float64
	effort int
	gain   float64
}

// coverageEstimate counts the open questions to clarify, largest share of
// the overall weight first, until the overall coverage reaches its
// minimum.
func (s *solver) coverageEstimate() int {
	share := s.shares(s.estShare[:0], false)
	s.estShare = share
	need := s.p.m.Nodes[0].MinCoverage - s.u.Nodes[0].Coverage
	var open []float64
	for q, l := range s.lad {
		if l.clarify && len(l.options) > 1 && s.fixed[q] < 0 {
			open = append(open, share[q])
		}
	}
	slices.Sort(open)
	effort := 0
	for i := len(open) - 1; i >= 0 && need > 1e-12; i-- {
		need -= open[i]
		effort += s.p.m.ClarifyEffort()
	}
	return effort
}

// shares returns each question's nominal share of the overall score:
// products of weights down the tree, over the children that count now
// (with scoredOnly: scored, or counted as zero or imputed; else every
// child that applies) and the questions that apply.
func (s *solver) shares(dst []float64, scoredOnly bool) []float64 {
	m := s.p.m
	nodeShare := s.estNode[:0]
	nodeShare = append(nodeShare, make([]float64, len(m.Nodes))...)
	s.estNode = nodeShare
	dst = append(dst[:0], make([]float64, len(m.Questions))...)
	nodeShare[0] = 1
	for _, n := range m.Nodes {
		sh := nodeShare[n.Index]
		if sh == 0 {
			continue
		}
		if n.Kind == scoring.KindIndicator {
			var sw float64
			for j, q := range n.Questions {
				if counts(s.in[q].Status) {
					sw += n.QWeights[j]
				}
			}
			for j, q := range n.Questions {
				if counts(s.in[q].Status) {
					dst[q] += sh * n.QWeights[j] / sw
				}
			}
			continue
		}
		counts := func(c int) bool {
			st := s.u.Nodes[c].State
			return stateOf(s.u.Nodes[c]) != stNotApplies && (!scoredOnly || st == scoring.Scored || n.Policy != scoring.Reweight)
		}
		var sw float64
		for _, c := range n.Children {
			if counts(c) {
				sw += s.weight(n, c)
			}
		}
		for _, c := range n.Children {
			if counts(c) {
				nodeShare[c] = sh * s.weight(n, c) / sw
			}
		}
	}
	return dst
}
