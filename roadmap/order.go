package roadmap

import (
	"math"

	"github.com/reifegrad/reifegrad/scoring"
)

// move is what remains to be done on one question of the end state.
type move struct {
	q      int
	next   int // the next rung to reach
	target int // the rung of the end state
	open   bool
}

// order turns the end state in s.choice into steps, largest gain per
// effort first: at each turn the next step of every question is tried on
// the scores so far, and the one that closes most of the distance to the
// target per unit of effort (then: raises the overall score most; then:
// comes first in the model) is taken. The scores after each step are the
// evaluator's, so they are what Score would give; the last one must reach
// the target, or the roadmap is reported unverified.
func (s *solver) order(pl *Plan) error {
	p, u := s.p, s.u
	var moves []move
	for q, oi := range s.choice {
		if oi <= 0 {
			continue
		}
		o := s.lad[q].options[oi]
		moves = append(moves, move{q: q, target: o.rung, open: s.lad[q].clarify})
	}
	in := append([]scoring.Input(nil), s.in...)
	nodes := append(s.nodes[:0], u.Nodes...)
	tmp := make([]scoring.NodeScore, len(nodes))
	level := u.Level
	total := 0
	for len(moves) > 0 {
		best, bestRatio, bestScore := -1, math.Inf(-1), math.Inf(-1)
		base := s.shortfall(nodes)
		for i, mv := range moves {
			r, effort := s.stepOf(mv)
			copy(tmp, nodes)
			old := in[mv.q]
			in[mv.q] = scoring.Input{Points: r.points}
			p.ev.Update(u, in, tmp, mv.q)
			in[mv.q] = old
			ratio := (base - s.shortfall(tmp)) / float64(effort)
			score := math.Inf(-1)
			if tmp[0].Scored() {
				score = tmp[0].Score
			}
			if ratio > bestRatio+1e-12 || (ratio > bestRatio-1e-12 && score > bestScore+1e-12) {
				best, bestRatio, bestScore = i, ratio, score
			}
		}
		mv := &moves[best]
		r, effort := s.stepOf(*mv)
		before := nodes[0]
		from := ""
		if mv.next == 0 || mv.open {
			from = answerOf(u, mv.q)
		} else {
			from = s.lad[mv.q].rungs[mv.next-1].label
		}
		in[mv.q] = scoring.Input{Points: r.points}
		level = p.ev.Update(u, in, nodes, mv.q)
		total += effort
		st := Step{Question: p.m.Questions[mv.q], Dimension: p.m.Nodes[p.dim[mv.q]], From: from,
			Clarify: mv.open && mv.next == 0, To: r.label, Item: r.item >= 0, Effort: effort,
			After: nodes[0], Level: level, Gain: math.NaN(), Advice: s.advice(mv.q)}
		if before.Scored() && nodes[0].Scored() {
			st.Gain = nodes[0].Score - before.Score
		}
		st.Peers, st.PeersShown = p.peers.count(u, mv.q, r)
		pl.Steps = append(pl.Steps, st)
		if mv.open {
			mv.next, mv.open = mv.target+1, false
		} else {
			mv.next++
		}
		if mv.next > mv.target {
			moves[best] = moves[len(moves)-1]
			moves = moves[:len(moves)-1]
		}
	}
	pl.After, pl.LevelAfter = nodes[0], level
	if level < pl.Target || total != pl.Effort {
		return ErrUnverified
	}
	return nil
}

// stepOf returns the rung the next step of a move reaches and its effort:
// for an open question, its end rung, at the effort of clarifying and
// every rung above the lowest.
func (s *solver) stepOf(mv move) (rung, int) {
	l := &s.lad[mv.q]
	if mv.open {
		for _, o := range l.options {
			if o.rung == mv.target {
				return l.rungs[mv.target], o.cost
			}
		}
	}
	return l.rungs[mv.next], l.rungs[mv.next].effort
}

// shortfall is the distance of node scores to the target: over the nodes
// the target puts a requirement on, how far each score is below it, and
// for a node not scored, the requirement plus 100 and the coverage
// missing (in points of 0–100).
func (s *solver) shortfall(nodes []scoring.NodeScore) float64 {
	var d float64
	for n, r := range s.req {
		if math.IsNaN(r) {
			continue
		}
		ns := nodes[n]
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

// percentToTarget computes SAMM's percent to target over the questions:
// each weighted by its nominal share of the overall score (questions that
// do not apply left out), the target posture being the answers after the
// roadmap.
func (s *solver) percentToTarget() float64 {
	m := s.p.m
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
				if s.in[q].Status != scoring.NotApplicable {
					sw += n.QWeights[j]
				}
			}
			for j, q := range n.Questions {
				if s.in[q].Status == scoring.NotApplicable {
					continue
				}
				a := share[n.Index] * n.QWeights[j] / sw
				cur, end := 0.0, 0.0
				if s.in[q].Status == scoring.Answered {
					cur, end = s.in[q].Points, s.in[q].Points
				}
				if oi := s.choice[q]; oi > 0 {
					end = s.lad[q].options[oi].points
				}
				gap += a * max(0, end-cur)
				target += a * end
			}
			continue
		}
		var sw float64
		for _, c := range n.Children {
			if s.u.Nodes[c].State != scoring.NotApplies {
				sw += s.weight(n, c)
			}
		}
		for _, c := range n.Children {
			if s.u.Nodes[c].State != scoring.NotApplies {
				share[c] = share[n.Index] * s.weight(n, c) / sw
			}
		}
	}
	if target == 0 {
		return math.NaN()
	}
	return 1 - gap/target
}
