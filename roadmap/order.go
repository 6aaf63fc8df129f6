package roadmap

import (
	"math"
	"slices"
	"strings"

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
	rank     int // the question's place in the tie rule's order (ruleOrder)
	// What the next step does, as last worked out: its effort and its
	// effect on each node with a requirement (w.eff[at:at+len(reqNodes)]).
	// lin: worked out from the weighted means' slopes (see slopeEffect);
	// else by the evaluator (try), and then stale once a step is taken
	// that can change it: watch[wlo:whi] lists the nodes where it can.
	effort   int
	lin      bool
	stale    bool
	done     bool    // no step left (then out of the walk)
	ratio    float64 // gain per effort, as ratio last worked it out
	key      float64 // linear moves: a bound of ratio (see pick)
	at       int
	wlo, whi int
}

// effect is what a step does to one node with a requirement: its score
// moves by d, its state and coverage become state and cov. on: the node
// depends on the question.
type effect struct {
	d     float64
	cov   float64
	state scoring.State
	on    bool
}

// walk takes steps by the ordering rule (see order): each time the step
// of the largest gain per effort, gains within tieTolerance of the
// largest equal, and of equal ones the step on the question that comes
// first in the tie rule's order. The gain of a step is how much it closes
// the distance to the target (shortfall). Where the question's way to the
// nodes with requirements is a chain of weighted means or sums and the
// step changes no state (an answered question raised), its effect is its
// points' change times the product of weight ÷ included weight up the
// chain (slopeEffect): the same as the evaluator's up to rounding, far
// below tieTolerance. Elsewhere (geometric means, minima, maxima, an open
// question clarified, a part becoming scored) the evaluator works it out
// (try), and again whenever a step taken since can have changed it. The
// steps taken are scored by the evaluator: every score a roadmap shows is
// what Score would give.
type walk struct {
	s      *solver
	in     []scoring.Input
	nodes  []scoring.NodeScore
	level  int
	effort int
	moves  []move
	eff    []effect
	watch  []int32
	saved  []scoring.NodeScore
	base   []baseOf
	// lin holds the linear moves with a step left, by key (see pick),
	// other the rest; cand is pick's scratch.
	lin, other, cand []int32
	// sw caches each node's included weight (IncludedWeight) while swOK;
	// stamp marks the nodes the last step changed (steps+1).
	sw    []float64
	swOK  []bool
	stamp []int
	steps int
	// sums are the evaluator's running sums of the weighted means over
	// nodes, so that scoring a step resumes each mean at the child it
	// changed (scoring.Sums): most of the cost of scoring a step.
	sums *scoring.Sums
}

// newWalk starts a walk over moves; the solver keeps one, reused with its
// buffers.
func (s *solver) newWalk(in []scoring.Input, nodes []scoring.NodeScore, level int, moves []move) *walk {
	w := &s.walk
	nn := len(s.p.m.Nodes)
	*w = walk{s: s, in: in, nodes: nodes, level: level, moves: moves, eff: w.eff[:0], watch: w.watch[:0],
		saved: w.saved[:0], base: w.base, lin: w.lin[:0], other: w.other[:0], cand: w.cand[:0], sw: w.sw, swOK: w.swOK, stamp: w.stamp,
		sums: w.sums}
	if w.sums == nil {
		w.sums = new(scoring.Sums)
	}
	w.sums.Reset() // other node scores
	if len(w.sw) != nn {
		w.sw, w.swOK, w.stamp = make([]float64, nn), make([]bool, nn), make([]int, nn)
	}
	clear(w.swOK)
	clear(w.stamp)
	nr := len(s.reqNodes)
	for i := range w.moves {
		mv := &w.moves[i]
		mv.at = len(w.eff)
		w.eff = append(w.eff, make([]effect, nr)...)
		w.work(mv)
		w.enqueue(int32(i))
	}
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
		// Clarified to the lowest rung: for a multi-select whose empty
		// cell is no answer, that ticks an item (unitLadders).
		r, effort := l.rungs[mv.next], s.p.m.ClarifyEffort()
		if r.item >= 0 {
			effort += r.effort
		}
		return r, effort
	}
	return l.rungs[mv.next], l.rungs[mv.next].effort
}

// work works out what a move's next step does: by the slopes where they
// hold, else by the evaluator.
func (w *walk) work(mv *move) {
	s := w.s
	r, effort := s.stepOf(mv)
	mv.effort, mv.stale = effort, false
	x := w.in[mv.q]
	mv.lin = !mv.open && s.p.linear[mv.q] && x.Status == scoring.Answered && !x.Imputed
	if mv.lin {
		w.slopeEffect(mv, 100*(r.points-x.Points))
		return
	}
	w.try(mv, r)
}

// slopeEffect sets the effect of a linear move whose question's points
// change by dp (× 100): up the chain from its indicator, each node moves
// by its child's move × weight ÷ included weight, and not at all above a
// child that is not scored (its score does not count there).
func (w *walk) slopeEffect(mv *move, dp float64) {
	mv.wlo, mv.whi = 0, 0 // nothing to watch: a structural step works every linear move out again
	s := w.s
	ev, m := s.p.ev, s.p.m
	eff := w.eff[mv.at : mv.at+len(s.reqNodes)]
	clear(eff)
	aff := ev.Affected(mv.q)
	ind := m.Nodes[aff[0]]
	d := 0.0
	for j, q := range ind.Questions {
		if q == mv.q {
			d = dp * ind.QWeights[j] / w.includedWeight(aff[0])
			break
		}
	}
	for i, n := range aff {
		if i > 0 {
			c := aff[i-1]
			if w.nodes[c].State != scoring.Scored {
				d = 0
			} else if d != 0 {
				d *= ev.ChildWeight(m.Nodes[n], c) / w.includedWeight(n)
			}
		}
		if k := s.reqIdx[n]; k >= 0 {
			ns := w.nodes[n]
			eff[k] = effect{d: d, cov: ns.Coverage, state: ns.State, on: true}
		}
	}
}

// includedWeight returns node n's included weight, cached until a step
// changes a state below it.
func (w *walk) includedWeight(n int) float64 {
	if !w.swOK[n] {
		w.sw[n], w.swOK[n] = w.s.p.ev.IncludedWeight(w.s.u, w.in, w.nodes, n), true
	}
	return w.sw[n]
}

// apply moves the move's question to rung r and scores the unit anew with
// the evaluator. The nodes the question affects keep their scores from
// before in w.saved (in the order of aff), for try to put back and next
// to compare; old is the question's input before, level the unit's level
// after.
func (w *walk) apply(mv *move, r rung) (aff []int, old scoring.Input, level int) {
	ev := w.s.p.ev
	aff = ev.Affected(mv.q)
	w.saved = w.saved[:0]
	for _, n := range aff {
		w.saved = append(w.saved, w.nodes[n])
	}
	old = w.in[mv.q]
	w.in[mv.q] = scoring.Input{Points: r.points}
	return aff, old, ev.UpdateSums(w.s.u, w.in, w.nodes, mv.q, w.sums)
}

// try works out the effect of a move's next step (to rung r) with the
// evaluator, leaving the walk's state as it was, and which nodes a later
// step must not touch for the effect to hold: those that are no weighted
// mean or sum, and those whose children (or questions) the step changes
// in state — there the effect depends on the node's other children.
func (w *walk) try(mv *move, r rung) {
	s := w.s
	m := s.p.m
	aff, old, _ := w.apply(mv, r)
	eff := w.eff[mv.at : mv.at+len(s.reqNodes)]
	clear(eff)
	mv.wlo = len(w.watch)
	statusChanged := old.Status != scoring.Answered || old.Imputed
	for i, n := range aff {
		after, before := w.nodes[n], w.saved[i]
		if k := s.reqIdx[n]; k >= 0 {
			eff[k] = effect{d: after.Score - before.Score, cov: after.Coverage, state: after.State, on: true}
		}
		nd := m.Nodes[n]
		if (nd.Aggregation != scoring.Mean && nd.Aggregation != scoring.Sum) || (statusChanged && nd.Kind == scoring.KindIndicator) {
			w.watch = append(w.watch, int32(n))
		}
		if after.State != before.State || after.Imputed != before.Imputed {
			if p := nd.Parent; p >= 0 {
				w.watch = append(w.watch, int32(p))
			}
		}
		w.nodes[n] = before
	}
	mv.whi = len(w.watch)
	w.in[mv.q] = old
	w.s.p.ev.Forget(w.sums, mv.q)
}

// ratio works out a move's gain per effort now (mv.ratio): the fall of
// each requirement's part of the shortfall at the step's state, coverage
// and score, per effort; +Inf for a step of no effort.
func (w *walk) ratio(mv *move) float64 {
	if mv.stale {
		w.work(mv)
	}
	var g float64
	if len(w.base) == 1 {
		// One requirement (threshold levels): gain, unrolled.
		if e, b := w.eff[mv.at], &w.base[0]; e.on {
			if e.state == scoring.Scored {
				g = b.short - max(0, b.req-(b.score+e.d))
			} else {
				g = b.short - (b.req + 100 + 100*max(0, b.minCov-e.cov))
			}
		}
	} else {
		g = w.gain(mv)
	}
	mv.ratio = math.Inf(1)
	if mv.effort != 0 {
		mv.ratio = g / float64(mv.effort)
	}
	return mv.ratio
}

// pick returns the move the ordering rule names now, or -1 when none is
// left. Linear moves wait in w.lin by an upper bound of their ratio, the
// effect on the one requirement per effort (key): a gain is at most that
// (the shortfall at the requirement falls by no more than its score
// rises). So only the linear moves whose bound is within tieTolerance of
// the best ratio seen are worked out — usually the best and those equal
// to it; the others (w.other, few) every time.
func (w *walk) pick() int {
	s := w.s
	w.base = w.base[:0]
	for _, n := range s.reqNodes {
		ns := w.nodes[n]
		w.base = append(w.base, baseOf{short: s.shortOf(n, ns.State, ns.Coverage, ns.Score), req: s.req[n],
			score: ns.Score, minCov: s.p.m.Nodes[n].MinCoverage})
	}
	// The bound holds for linear moves' effects on a scored requirement
	// (their state then stays scored); else every move is worked out.
	bounded := len(w.base) == 1 && w.nodes[s.reqNodes[0]].State == scoring.Scored
	top := math.Inf(-1)
	w.cand = w.cand[:0]
	for _, i := range w.other {
		top = max(top, w.ratio(&w.moves[i]))
		w.cand = append(w.cand, i)
	}
	for _, i := range w.lin {
		mv := &w.moves[i]
		if bounded && mv.key < top-tieTolerance {
			break // this and every move after it: ratio ≤ key < top − tieTolerance
		}
		top = max(top, w.ratio(mv))
		w.cand = append(w.cand, i)
	}
	best := -1
	for _, i := range w.cand {
		mv := &w.moves[i]
		if mv.ratio >= top-tieTolerance && (best < 0 || mv.rank < w.moves[best].rank) {
			best = int(i)
		}
	}
	return best
}

// setKey sets a linear move's bound (see pick).
func (w *walk) setKey(mv *move) {
	mv.key = math.Inf(1)
	if mv.effort != 0 {
		mv.key = math.Inf(-1)
		if e := w.eff[mv.at]; e.on {
			mv.key = max(e.d, 0) / float64(mv.effort)
		}
	}
}

// byKey orders w.lin: largest bound first, then the rule's order.
func (w *walk) byKey(i, j int32) int {
	a, b := &w.moves[i], &w.moves[j]
	if a.key != b.key {
		if a.key > b.key {
			return -1
		}
		return 1
	}
	return a.rank - b.rank
}

// enqueue puts a move that has a step left in w.lin or w.other.
func (w *walk) enqueue(i int32) {
	mv := &w.moves[i]
	if !mv.lin || len(w.s.reqNodes) != 1 {
		w.other = append(w.other, i)
		return
	}
	w.setKey(mv)
	k, _ := slices.BinarySearchFunc(w.lin, i, w.byKey)
	w.lin = slices.Insert(w.lin, k, i)
}

// dequeue takes move i out of w.lin or w.other.
func (w *walk) dequeue(i int32) {
	if k := slices.Index(w.other, i); k >= 0 {
		w.other = slices.Delete(w.other, k, k+1)
		return
	}
	if k := slices.Index(w.lin, i); k >= 0 {
		w.lin = slices.Delete(w.lin, k, k+1)
	}
}

// gain is a move's gain now: the fall of each requirement's part of the
// shortfall (shortOf) at the step's state, coverage and score.
func (w *walk) gain(mv *move) float64 {
	var g float64
	for k, e := range w.eff[mv.at : mv.at+len(w.base)] {
		if !e.on {
			continue
		}
		b := &w.base[k]
		if e.state == scoring.Scored {
			g += b.short - max(0, b.req-(b.score+e.d))
		} else {
			g += b.short - (b.req + 100 + 100*max(0, b.minCov-e.cov))
		}
	}
	return g
}

// baseOf is a requirement's part of the shortfall now, for ratios.
type baseOf struct {
	short, req, score, minCov float64
}

// next takes the step the ordering rule names and calls take with it; it
// returns false when no move is left.
func (w *walk) next(take func(mv *move, r rung, effort int, before scoring.NodeScore)) bool {
	s := w.s
	best := w.pick()
	if best < 0 {
		return false
	}
	w.dequeue(int32(best))
	mv := &w.moves[best]
	r, effort := s.stepOf(mv)
	before := w.nodes[0]
	aff, old, level := w.apply(mv, r)
	w.level = level
	w.effort += effort
	w.steps++
	structural := old.Status != scoring.Answered || old.Imputed
	for i, n := range aff {
		a, b := w.nodes[n], w.saved[i]
		if a.State != b.State || a.Imputed != b.Imputed || a.Coverage != b.Coverage {
			structural = true
		}
		w.stamp[n] = w.steps
	}
	if take != nil {
		take(mv, r, effort, before)
	}
	switch {
	case mv.open && mv.combined:
		mv.next, mv.open = mv.target+1, false
	case mv.open:
		mv.next, mv.open = 1, false
	default:
		mv.next++
	}
	mv.done = mv.next > mv.target
	// What the other moves' steps do can have changed: every one when a
	// state or coverage changed (included weights with it), else those
	// whose effect the evaluator worked out at a node this step touched.
	if structural {
		for _, n := range aff {
			w.swOK[n] = false
		}
	}
	if structural {
		for _, i := range w.lin {
			o := &w.moves[i]
			r, _ := s.stepOf(o)
			w.slopeEffect(o, 100*(r.points-w.in[o.q].Points))
			w.setKey(o)
		}
	}
	for _, i := range w.other {
		o := &w.moves[i]
		switch {
		case o.stale:
		case structural:
			o.stale = true
		default:
			for _, n := range w.watch[o.wlo:o.whi] {
				if w.stamp[n] == w.steps {
					o.stale = true
					break
				}
			}
		}
	}
	if structural {
		slices.SortFunc(w.lin, w.byKey)
	}
	if !mv.done {
		w.work(mv)
		w.enqueue(int32(best))
	}
	return true
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
	nodes := append(s.nodes[:0], s.unit...)
	for q, f := range s.fixed {
		s.choice[q] = max(f, 0)
		if f > 0 {
			o := s.lad[q].options[f]
			in[q] = scoring.Input{Status: o.status, Points: o.points}
			s.p.ev.Update(u, in, nodes, q)
		}
	}
	lv, _ := s.p.m.Levels.Decide(nodes)
	moves := s.moves[:0]
	for q := range s.lad {
		l := &s.lad[q]
		if s.fixed[q] >= 0 || len(l.options) < 2 {
			continue
		}
		moves = append(moves, move{q: q, target: len(l.rungs) - 1, open: l.clarify, rank: s.rank[q]})
	}
	s.moves = moves
	w := s.newWalk(in, nodes, lv, moves)
	// Options are the current answer, then one per rung: rung r is option
	// r + 1.
	take := func(mv *move, r rung, effort int, before scoring.NodeScore) { s.choice[mv.q] = mv.next + 1 }
	for w.level < target {
		if !w.next(take) {
			return 0, false
		}
	}
	return w.effort, true
}

// order turns the end state in s.choice into steps, in the order the
// ordering rule gives (walk): largest gain per effort first, equal gains
// (within tieTolerance) in the tie rule's order. The scores after each step are the
// evaluator's, so they are what Score would give; the last one must reach
// the target level (the plan's, or the highest below it within reach)
// and the efforts add up to the least effort found, or the roadmap is
// reported unverified.
func (s *solver) order(pl *Plan, target int) error {
	p, u := s.p, s.u
	moves := s.moves[:0]
	steps := 0
	for q, oi := range s.choice {
		if oi <= 0 {
			continue
		}
		o := s.lad[q].options[oi]
		moves = append(moves, move{q: q, target: o.rung, open: s.lad[q].clarify, combined: true, rank: s.rank[q]})
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
	clear(s.dimAdvOK)
	w := s.newWalk(in, append(s.nodes[:0], s.unit...), u.Level, moves)
	for w.next(func(mv *move, r rung, effort int, before scoring.NodeScore) {
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
		// An item's count now, an answer's once every unit's answers
		// are counted (peerCounts.finish); none for the combined step
		// below, nor for an open question clarified at its lowest
		// answer: every unit that answered gives at least that, and
		// "243 Kommunen … sind hier schon so weit" counted them all — no
		// evidence for a step that assumes the least favourable answer.
		count := r.item < 0
		if !count {
			st.Peers, st.PeersShown, st.PeersHidden = p.peers.count(u, mv.q, r)
		}
		if mv.open && mv.target == 0 && r.item < 0 {
			st.Assumed, st.NoPeerCount, count = true, true, false
		}
		if rs := s.lad[mv.q].rungs[:mv.target+1]; mv.open && r.item >= 0 && (len(rs) > 2 || len(rs) == 2 && rs[0].item >= 0) {
			// An open multi-select clarified and raised in one step ticks
			// the items of its rungs up to target (rung 0 is nothing
			// ticked, where that is an answer): the step names them all,
			// and how many peers tick the last one counts no one's answer.
			var items []string
			for _, t := range rs {
				if t.item >= 0 {
					items = append(items, t.label)
				}
			}
			st.To = strings.Join(items, "; ")
			st.Peers, st.PeersShown, st.PeersHidden, st.NoPeerCount, count = 0, false, false, true, false
		}
		if count {
			s.pending = append(s.pending, pendingCount{step: int32(len(pl.Steps)), q: int32(mv.q), points: r.points})
		}
		pl.Steps = append(pl.Steps, st)
	}) {
	}
	pl.After, pl.LevelAfter = w.nodes[0], w.level
	if w.level < target || w.effort != pl.Effort {
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
		ns := nodes[n]
		d += s.shortOf(n, ns.State, ns.Coverage, ns.Score)
	}
	return d
}

// shortOf is node n's part of the shortfall at that state, coverage and
// score.
func (s *solver) shortOf(n int, state scoring.State, cov, score float64) float64 {
	if state == scoring.Scored {
		return max(0, s.req[n]-score)
	}
	return s.req[n] + 100 + 100*max(0, s.p.m.Nodes[n].MinCoverage-cov)
}

// advice returns the question's advice, else its dimension's next step
// for the level the dimension stands at — none for a dimension without a
// score (see DimensionLevel).
func (s *solver) advice(q int) string {
	m := s.p.m
	if a := m.Advice(m.Questions[q]); a != "" {
		return a
	}
	// A dimension's advice depends on the unit and the dimension alone:
	// worked out once per unit (order clears dimAdvOK).
	n := s.p.dim[q]
	if !s.dimAdvOK[n] {
		d := m.Nodes[n]
		s.dimAdv[n] = ""
		if lv := DimensionLevel(m, s.u, d); lv > 0 {
			s.dimAdv[n] = d.NextSteps[lv]
		}
		s.dimAdvOK[n] = true
	}
	return s.dimAdv[n]
}

// DimensionLevel returns the level whose advice fits dimension d of unit
// u: under threshold levels the band its own score falls into, under
// staged levels the unit's level; level 1 when the unit has no level yet
// (the advice for a start). The profile's "Nächste Schritte" keys its
// advice by it too, so that a step's advice is the one shown there (it
// showed none for a unit without a level, whose steps gave level 1's).
// It returns 0 — no advice fits — when the dimension is not scored:
// "Nächste Schritte" says for it that advice needs its open questions
// answered, and a roadmap step that gave its advice for level 1 ("… die
// E-Akte in einem Pilotbereich starten") told a unit that may be far
// along to start.
func DimensionLevel(m *scoring.Model, u *scoring.UnitResult, d *scoring.Node) int {
	s := u.Nodes.At(d.Index)
	if !s.Scored() {
		return 0
	}
	lv := u.Level
	if m.Levels.Method == scoring.Threshold {
		lv = m.Levels.Band(s.Score).Ordinal
	}
	return max(lv, 1)
}

// percentToTarget computes SAMM's percent to target for the solver's end
// state (see the package function). The questions' shares depend only on
// which nodes and questions count (see shareTerms), the same for most
// units: they are kept from the unit before when that agrees.
func (s *solver) percentToTarget() float64 {
	m := s.p.m
	end := slices.Grow(s.ptEnd[:0], len(s.in))[:len(s.in)]
	s.ptEnd = end
	for q, x := range s.in {
		end[q] = 0
		if x.Status == scoring.Answered {
			end[q] = x.Points
		}
		if oi := s.choice[q]; oi > 0 {
			end[q] = s.lad[q].options[oi].points
		}
	}
	sig := slices.Grow(s.ptSig[:0], len(m.Nodes)+len(s.in))
	for _, ns := range s.unit {
		sig = append(sig, stateOf(ns) != stNotApplies)
	}
	for _, x := range s.in {
		sig = append(sig, counts(x.Status))
	}
	if s.noKeep || !s.ptOK || !slices.Equal(sig, s.ptKept) {
		s.ptTerms = shareTerms(m, s.p.ev.ChildWeight, s.unit, s.in, s.ptTerms[:0])
		s.ptKept, s.ptOK = append(s.ptKept[:0], sig...), true
	} else {
		s.kept++
	}
	s.ptSig = sig
	return percentOf(s.ptTerms, s.in, end)
}

// clarifiedWithoutPoints counts the questions open now that the end state
// answers with no points (after percentToTarget, whose end state it reads).
func (s *solver) clarifiedWithoutPoints() int {
	n := 0
	for q, x := range s.in {
		if counts(x.Status) && x.Status != scoring.Answered && s.choice[q] > 0 && unitPoints(s.ptEnd[q]) == 0 {
			n++
		}
	}
	return n
}

// percentToTarget is SAMM's percent to target over the questions,
// 1 − Σ a·max(0, end − current) / Σ a·end, each question weighted by its
// nominal share a of the overall score: the products of the weights down
// the tree, over the children that apply (nodes holds the unit's scores,
// for which do) and the questions that apply. current is a question's
// points now (0 when not answered), end its points in the target posture.
// NaN when the target posture has no points.
func percentToTarget(m *scoring.Model, weight func(n *scoring.Node, c int) float64, nodes []scoring.NodeScore, in []scoring.Input, end []float64) float64 {
	return percentOf(shareTerms(m, weight, nodes, in, nil), in, end)
}

// shareTerm is one question's nominal share a of the overall score, in
// one indicator.
type shareTerm struct {
	q int
	a float64
}

// shareTerms returns the terms of percentToTarget's sums in the order it
// adds them (the model's order of indicators, each one's questions in
// order). They depend on the model, on which of nodes apply and on which
// questions of in count, nothing else.
func shareTerms(m *scoring.Model, weight func(n *scoring.Node, c int) float64, nodes []scoring.NodeScore, in []scoring.Input, dst []shareTerm) []shareTerm {
	share := make([]float64, len(m.Nodes))
	share[0] = 1
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
				dst = append(dst, shareTerm{q: q, a: share[n.Index] * n.QWeights[j] / sw})
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
	return dst
}

// percentOf sums percentToTarget's terms.
//
// Points are taken on the 0–1 scale SAMM's formula assumes: a z-scored
// question's points are not bounded, and one below 0 made percent to
// target negative.
func percentOf(terms []shareTerm, in []scoring.Input, end []float64) float64 {
	var gap, target float64
	for _, t := range terms {
		cur := 0.0
		if in[t.q].Status == scoring.Answered {
			cur = unitPoints(in[t.q].Points)
		}
		e := unitPoints(end[t.q])
		gap += t.a * max(0, e-cur)
		target += t.a * e
	}
	if target == 0 {
		return math.NaN()
	}
	return 1 - gap/target
}

// unitPoints bounds points to 0–1; within them it returns x itself.
func unitPoints(x float64) float64 { return min(max(x, 0), 1) }

// estimate guesses the least effort, for the programme's first budget: it
// takes one-rung steps by their gain per effort, the gain figured as if
// the overall score were a fixed weighted mean of the questions (each
// question's share of it, open questions as if answered), until the
// shortfall is made up. For such models it is the effort of a feasible
// roadmap, and the programme finds the optimum in one pass; where it falls
// short, the budget is raised (searchFixed).
func (s *solver) estimate() int {
	deficit := s.shortfall(s.unit)
	if deficit <= 0 {
		return 1
	}
	effort := 0
	scoredOnly := true
	if root := s.unit[0]; !root.Scored() {
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

// siftDown restores the max-heap of steps by ratio below i. The step
// sifted is held aside and the larger children move up into its place,
// level by level, until it fits: the comparisons and the heap of a
// swap at every level, with one move per level instead of a swap.
func siftDown(h []estStep, i int) {
	if i >= len(h) {
		return // the last step popped
	}
	x := h[i]
	for {
		l, r, b, br := 2*i+1, 2*i+2, -1, x.ratio
		if l < len(h) && h[l].ratio > br {
			b, br = l, h[l].ratio
		}
		if r < len(h) && h[r].ratio > br {
			b = r
		}
		if b < 0 {
			break
		}
		h[i] = h[b]
		i = b
	}
	h[i] = x
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
	need := s.p.m.Nodes[0].MinCoverage - s.unit[0].Coverage
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
			if len(n.Questions) == 1 {
				// One question: the loops below, unrolled (0 + w is w).
				if q := n.Questions[0]; counts(s.in[q].Status) {
					w := n.QWeights[0]
					dst[q] += sh * w / w
				}
				continue
			}
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
		// A child counts when it applies and, with scoredOnly, is scored
		// or the node counts it anyway (zero, impute).
		anyState := !scoredOnly || n.Policy != scoring.Reweight
		ws := s.p.childW[n.Index]
		var sw float64
		for j, c := range n.Children {
			if st := s.unit[c].State; st != scoring.NotApplies && st != scoring.Unasked && (anyState || st == scoring.Scored) {
				sw += ws[j]
			}
		}
		for j, c := range n.Children {
			if st := s.unit[c].State; st != scoring.NotApplies && st != scoring.Unasked && (anyState || st == scoring.Scored) {
				nodeShare[c] = sh * ws[j] / sw
			}
		}
	}
	return dst
}
