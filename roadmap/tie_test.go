package roadmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// tieModelSrc is a model of one dimension and one indicator over three
// questions of the same scale and weight: interchangeable questions.
const tieModelSrc = `model:
  name: Gleichstand
  effort: {default: 1}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: Q3, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i, questions: [Q1, Q2, Q3]}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 30}, {level: 3, name: C, min: 60}]
`

// TestTieByHand: three interchangeable questions, each step (nein →
// teilweise → ja) gaining 0.5/3·100 = 16.67 for an effort of 1. Every end
// state of the least effort reaches the same score, and the rule names
// the one that goes furthest up the first question where they differ.
func TestTieByHand(t *testing.T) {
	m := parseModel(t, "tie.yaml", tieModelSrc)
	type step struct{ q, from, to string }
	for _, tc := range []struct {
		name    string
		answers map[string]string
		target  int
		effort  int
		after   float64
		steps   []step
	}{
		// 0 → B (30): two steps, 33.33 either way — Q1 to ja (2 on Q1),
		// Q1 and Q2 to teilweise, Q1 and Q3, Q2 to ja, …; the rule: Q1 to ja.
		{"all at nein", map[string]string{"Q1": "nein", "Q2": "nein", "Q3": "nein"}, 2, 2, 100.0 / 3,
			[]step{{"Q1", "nein", "teilweise"}, {"Q1", "teilweise", "ja"}}},
		// 33.33 → C (60): sum of points 1 must reach 1.8; two steps give
		// 2 (Q2 to ja, Q3 to ja, or Q2 and Q3 to teilweise): Q2 to ja.
		{"Q1 at the top", map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "nein"}, 3, 2, 200.0 / 3,
			[]step{{"Q2", "nein", "teilweise"}, {"Q2", "teilweise", "ja"}}},
		// 16.67 → B: one step, 33.33 from Q1 (to ja), Q2 or Q3 (to
		// teilweise) alike: Q1, the first question.
		{"Q1 half way", map[string]string{"Q1": "teilweise", "Q2": "nein", "Q3": "nein"}, 2, 1, 100.0 / 3,
			[]step{{"Q1", "teilweise", "ja"}}},
		// 16.67 → B with Q2 half way: Q1 (nein → teilweise) or Q2 or Q3 alike:
		// Q1, the first question.
		{"Q2 half way", map[string]string{"Q1": "nein", "Q2": "teilweise", "Q3": "nein"}, 2, 1, 100.0 / 3,
			[]step{{"Q1", "nein", "teilweise"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := score(t, m, nil, unit{id: "U", wave: "1", answers: tc.answers})
			set, err := BuildWave(res, 0, Options{Target: Target{Level: tc.target}})
			if err != nil {
				t.Fatal(err)
			}
			pl := set.Plans[0]
			if pl.Status != Planned || !pl.Exact || pl.Effort != tc.effort || math.Abs(pl.After.Score-tc.after) > 1e-9 {
				t.Fatalf("status %v exact %v effort %d after %v, want planned, exact, %d, %v", pl.Status, pl.Exact, pl.Effort, pl.After.Score, tc.effort, tc.after)
			}
			var got []step
			for _, st := range pl.Steps {
				got = append(got, step{string(st.Question.ID), st.From, st.To})
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.steps) {
				t.Fatalf("steps %v, want %v", got, tc.steps)
			}
		})
	}
}

// tieModel is a random model (randomModel) made to have many ties: every
// question on one of two scales, of weight 1 and the default effort,
// aggregations that are strictly increasing in every child (mean,
// geometric: with a minimum, a maximum or a sum capped at 100 the
// programme prefers the better score inside a part even where the overall
// score does not show it, see tie.go) and threshold levels. Its two scales
// score a clarified answer's lowest rung 0, so no part left out or
// multiplied by zero hides a better score either — on other models the
// overall score alone does not tell end states apart (see doc.go).
func tieModel(r *rand.Rand) string {
	for {
		src := randomModel(r, 6)
		if strings.Contains(src, "method: staged") {
			continue
		}
		src = regexp.MustCompile(`aggregation: (min|max|sum)\b`).ReplaceAllString(src, "aggregation: mean")
		src = regexp.MustCompile(`\{id: (Q\d+), scale: \w+[^}]*\}`).ReplaceAllStringFunc(src, func(s string) string {
			id := regexp.MustCompile(`Q\d+`).FindString(s)
			return fmt.Sprintf("{id: %s, scale: %s}", id, []string{"jn", "vier"}[r.IntN(4)/3])
		})
		src = regexp.MustCompile(`(\{id: Q\d+), weight: \d\}`).ReplaceAllString(src, "$1, weight: 1}")
		return src
	}
}

// ruleOrder is the tie rule's order of the questions for unit u, made
// from the rule as documented (tie.go, README): the model's tree in its
// order, within each node first the answered questions whose ladder is
// even (every step of effort one, none gaining more than the one before),
// then the children without a score now (an open question, a part not
// scored), then the others; a question that feeds two indicators counts
// where it comes first.
func ruleOrder(m *scoring.Model, u *scoring.UnitResult, in []scoring.Input, lad []unitLadder) []int {
	var out []int
	seen := map[int]bool{}
	even := func(q int) bool {
		opts := lad[q].options
		for k, o := range opts {
			if o.status != scoring.Answered || o.imputed || o.cost != k {
				return false
			}
			if k > 0 {
				d := o.points - opts[k-1].points
				if d*100 <= tieTolerance || k > 1 && d*100 > (opts[k-1].points-opts[k-2].points)*100+tieTolerance {
					return false
				}
			}
		}
		return true
	}
	// group: 0 an even answered question, 1 not scored now, 2 the others.
	group := func(child int, question bool) int {
		q := child
		if !question {
			c := m.Nodes[child]
			if c.Kind != scoring.KindIndicator || len(c.Questions) != 1 {
				if u.Nodes.At(child).State == scoring.Scored {
					return 2
				}
				return 1
			}
			q = c.Questions[0]
		}
		switch {
		case in[q].Status != scoring.Answered:
			return 1
		case even(q):
			return 0
		}
		return 2
	}
	var visit func(n *scoring.Node)
	visit = func(n *scoring.Node) {
		var kids []int
		question := n.Kind == scoring.KindIndicator
		if question {
			for _, q := range n.Questions {
				if st := in[q].Status; st != scoring.NotApplicable && st != scoring.NotAsked {
					kids = append(kids, q)
				}
			}
		} else {
			kids = append(kids, n.Children...)
		}
		for g := range 3 {
			for _, c := range kids {
				if group(c, question) != g {
					continue
				}
				if !question {
					visit(m.Nodes[c])
				} else if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	visit(m.Nodes[0])
	return out
}

// bruteForceRule returns the end state (an option per question) the tie
// rule picks, by trying every one: the least effort that reaches the
// target, then the highest overall score (within tieTolerance), then the
// one that goes further up the first question, in ruleOrder, where they
// differ. nil when none reaches the target.
func bruteForceRule(p *planner, u *scoring.UnitResult, target int) ([]int, int) {
	m := p.m
	in := p.ev.Inputs(u, nil)
	lad := p.unitLadders(in, u, nil, nil)
	order := ruleOrder(m, u, in, lad)
	nodes := make([]scoring.NodeScore, len(m.Nodes))
	work := append([]scoring.Input(nil), in...)
	cur := make([]int, len(m.Questions))
	var best []int
	bestCost, bestScore := -1, 0.0
	first := func(a, b []int) bool {
		for _, q := range order {
			if a[q] != b[q] {
				return a[q] > b[q]
			}
		}
		return false
	}
	var rec func(q, cost int)
	rec = func(q, cost int) {
		if bestCost >= 0 && cost > bestCost {
			return
		}
		if q == len(m.Questions) {
			lv, _ := p.ev.Evaluate(u, work, nodes)
			if lv < target {
				return
			}
			sc := nodes[0].Score
			if bestCost < 0 || cost < bestCost || sc > bestScore+tieTolerance ||
				sc >= bestScore-tieTolerance && first(cur, best) {
				best, bestCost, bestScore = append(best[:0], cur...), cost, sc
			}
			return
		}
		for oi, o := range lad[q].options {
			work[q] = scoring.Input{Status: o.status, Points: o.points}
			cur[q] = oi
			rec(q+1, cost+o.cost)
		}
		work[q], cur[q] = in[q], 0
	}
	rec(0, 0)
	return best, bestCost
}

// TestTiesAgainstBruteForce: on small random models with many
// interchangeable questions, every roadmap's end state is the one an
// independent brute force picks by the rule (bruteForceRule), and there
// were ties to decide: end states of the least effort and the best score
// that the rule tells apart.
func TestTiesAgainstBruteForce(t *testing.T) {
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	compared, tied := 0, 0
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 18))
		src := tieModel(r)
		res := randomResults(t, r, src, 12)
		m := res.Model
		for target := 2; target <= len(m.Levels.List); target++ {
			if !(m.Levels.ByOrdinal(target).Min > 0) {
				continue // a level that asks only for a score: see tie.go
			}
			p := newPlanner(res, 0, Options{Target: Target{Level: target}})
			s := newSolver(p)
			for i := range res.Units {
				u := &res.Units[i]
				if u.Level >= target {
					continue
				}
				pl, err := s.plan(u)
				if err != nil {
					t.Fatalf("seed %d: %s: %v", seed, u.Unit.ID, err)
				}
				want, cost := bruteForceRule(p, u, target)
				if want == nil {
					if pl.Status != Unreachable {
						t.Fatalf("seed %d: %s: brute force reaches nothing, the roadmap %v", seed, u.Unit.ID, pl.Status)
					}
					continue
				}
				if pl.Status != Planned || !pl.Exact || pl.Effort != cost {
					t.Fatalf("seed %d: %s → %d: %v exact %v effort %d, brute force %d\n%s", seed, u.Unit.ID, target, pl.Status, pl.Exact, pl.Effort, cost, src)
				}
				compared++
				if fmt.Sprint(s.choice) != fmt.Sprint(want) {
					t.Fatalf("seed %d: %s → level %d: end state %v, the rule picks %v (order %v)\nanswers %q\n%s",
						seed, u.Unit.ID, target, s.choice, want, ruleOrder(m, u, p.ev.Inputs(u, nil), p.unitLadders(p.ev.Inputs(u, nil), u, nil, nil)), u.Response.Answers, src)
				}
				if ties(p, u, target, cost, want) {
					tied++
				}
			}
		}
	}
	t.Logf("end states compared: %d, with a tie the rule decided: %d", compared, tied)
	if compared < 200 || tied < 50 {
		t.Fatalf("too few end states compared (%d) or ties decided (%d)", compared, tied)
	}
}

// ties reports whether another end state than best reaches the target
// with the same effort and as good a score.
func ties(p *planner, u *scoring.UnitResult, target, cost int, best []int) bool {
	m := p.m
	in := p.ev.Inputs(u, nil)
	lad := p.unitLadders(in, u, nil, nil)
	nodes := make([]scoring.NodeScore, len(m.Nodes))
	work := append([]scoring.Input(nil), in...)
	for q, oi := range best {
		o := lad[q].options[oi]
		work[q] = scoring.Input{Status: o.status, Points: o.points}
	}
	p.ev.Evaluate(u, work, nodes)
	score := nodes[0].Score
	copy(work, in)
	found := false
	var rec func(q, c int, same bool)
	rec = func(q, c int, same bool) {
		if found || c > cost {
			return
		}
		if q == len(m.Questions) {
			if c != cost || same {
				return
			}
			if lv, _ := p.ev.Evaluate(u, work, nodes); lv >= target && math.Abs(nodes[0].Score-score) <= tieTolerance {
				found = true
			}
			return
		}
		for oi, o := range lad[q].options {
			work[q] = scoring.Input{Status: o.status, Points: o.points}
			rec(q+1, c+o.cost, same && oi == best[q])
		}
		work[q] = in[q]
	}
	rec(0, 0, true)
	return found
}
