package roadmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// shortfallOf is the distance to target level ordinal target as the
// ordering rule defines it (README *Roadmaps*), worked out on its own:
// over the nodes the target puts a requirement on (threshold levels: the
// overall score reaches the band; staged levels: the overall score exists
// and every criterion of the target and the levels below holds), how far a
// scored node is below its requirement, and for a node not scored the
// requirement + 100 + the coverage missing in points.
func shortfallOf(m *scoring.Model, target int, nodes []scoring.NodeScore) float64 {
	req := map[int]float64{0: 0}
	if m.Levels.Method == scoring.Threshold {
		req[0] = m.Levels.ByOrdinal(target).Min
	} else {
		for _, l := range m.Levels.List {
			if l.Ordinal > target {
				break
			}
			for _, c := range l.Criteria {
				if r, ok := req[c.Node]; !ok || c.Min > r {
					req[c.Node] = c.Min
				}
			}
		}
	}
	var d float64
	for n, r := range req {
		if ns := nodes[n]; ns.State == scoring.Scored {
			d += max(0, r-ns.Score)
		} else {
			d += r + 100 + 100*max(0, m.Nodes[n].MinCoverage-ns.Coverage)
		}
	}
	return d
}

// itemsOf names the items of a multi-select's rungs as a step ticking
// them all does.
func itemsOf(rs []rung) string {
	var out []string
	for _, r := range rs {
		if r.item >= 0 {
			out = append(out, r.label)
		}
	}
	return strings.Join(out, "; ")
}

// orderStep is a step as the brute force takes it: the question, the
// answer reached and its points, the effort.
type orderStep struct {
	q      int
	to     string
	points float64
	effort int
}

// bruteForceOrder orders the steps of plan pl by the ordering rule, tried
// in full at every turn: each question's next step scored from scratch
// (Evaluate), its gain the fall of the shortfall, the largest gain per
// effort first, gains per effort within tieTolerance of the largest
// equal, then the question first in ruleOrder. It returns the questions
// and answers in that order, and the overall score after each step.
func bruteForceOrder(t *testing.T, p *planner, u *scoring.UnitResult, target int, pl Plan) ([]string, []float64, int) {
	m := p.m
	in := p.ev.Inputs(u, nil)
	lad := p.unitLadders(in, u, nil, nil)
	pos := map[int]int{}
	for i, q := range ruleOrder(m, u, in, lad) {
		pos[q] = i
	}
	// The steps of each question, in its ladder's order.
	queue := map[int][]orderStep{}
	for _, st := range pl.Steps {
		q := st.Question.Index
		k := len(queue[q])
		rg := lad[q].rungs
		i := k
		if st.Clarify {
			i = -1
			for j := range rg {
				if rg[j].label == st.To || rg[j].item >= 0 && itemsOf(rg[:j+1]) == st.To {
					i = j
				}
			}
		}
		if i < 0 || i >= len(rg) || rg[i].label != st.To && !(st.Clarify && itemsOf(rg[:i+1]) == st.To) {
			t.Fatalf("%s: step %s → %q is not on its ladder", u.Unit.ID, st.Question.ID, st.To)
		}
		queue[q] = append(queue[q], orderStep{q: q, to: st.To, points: rg[i].points, effort: st.Effort})
	}
	work := append([]scoring.Input(nil), in...)
	nodes := make([]scoring.NodeScore, len(m.Nodes))
	p.ev.Evaluate(u, work, nodes)
	var names []string
	var after []float64
	tied := 0
	for len(queue) > 0 {
		base := shortfallOf(m, target, nodes)
		type cand struct {
			q     int
			ratio float64
		}
		var cands []cand
		for q, steps := range queue {
			old := work[q]
			work[q] = scoring.Input{Points: steps[0].points}
			p.ev.Evaluate(u, work, nodes)
			ratio := math.Inf(1)
			if steps[0].effort > 0 {
				ratio = (base - shortfallOf(m, target, nodes)) / float64(steps[0].effort)
			}
			cands = append(cands, cand{q, ratio})
			work[q] = old
		}
		top := math.Inf(-1)
		for _, c := range cands {
			top = max(top, c.ratio)
		}
		best, equal := -1, 0
		for _, c := range cands {
			if c.ratio >= top-tieTolerance {
				equal++
				if best < 0 || pos[c.q] < pos[best] {
					best = c.q
				}
			}
		}
		if equal > 1 {
			tied++
		}
		st := queue[best][0]
		if queue[best] = queue[best][1:]; len(queue[best]) == 0 {
			delete(queue, best)
		}
		work[best] = scoring.Input{Points: st.points}
		p.ev.Evaluate(u, work, nodes)
		names = append(names, fmt.Sprintf("%s→%s", m.Questions[best].ID, st.to))
		after = append(after, nodes[0].Score)
	}
	return names, after, tied
}

// TestOrderAgainstBruteForce: on small random models (every aggregation,
// policy and level method; half of them made to have many
// interchangeable questions), the steps of every roadmap come in the order
// an independent brute force of the ordering rule gives (bruteForceOrder),
// with the same projected overall scores — and there were steps of equal
// gain per effort for the rule's question order to decide.
func TestOrderAgainstBruteForce(t *testing.T) {
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	compared, tied := 0, 0
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 21))
		src := randomModel(r, 6)
		if seed%2 == 0 {
			src = tieModel(r)
		}
		res := randomResults(t, r, src, 12)
		m := res.Model
		for target := 1; target <= len(m.Levels.List); target++ {
			p := newPlanner(res, 0, Options{Target: Target{Level: target}})
			s := newSolver(p)
			for i := range res.Units {
				u := &res.Units[i]
				pl, err := s.plan(u)
				if err != nil {
					t.Fatalf("seed %d: %s: %v", seed, u.Unit.ID, err)
				}
				if pl.Status != Planned || len(pl.Steps) == 0 {
					continue
				}
				var got []string
				for _, st := range pl.Steps {
					got = append(got, fmt.Sprintf("%s→%s", st.Question.ID, st.To))
				}
				want, after, n := bruteForceOrder(t, p, u, target, pl)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("seed %d: %s → level %d: steps %v,\nthe rule orders them %v\nanswers %q\n%s", seed, u.Unit.ID, target, got, want, u.Response.Answers, src)
				}
				for k, st := range pl.Steps {
					if st.After.Score != after[k] {
						t.Fatalf("seed %d: %s: score after step %d %v, scored from scratch %v", seed, u.Unit.ID, k, st.After.Score, after[k])
					}
				}
				compared++
				tied += n
			}
		}
	}
	t.Logf("roadmaps compared: %d, steps of equal gain per effort the question order decided: %d", compared, tied)
	if compared < 500 || tied < 200 {
		t.Fatalf("too few roadmaps compared (%d) or ties decided (%d)", compared, tied)
	}
}

// orderModelSrc: one indicator over two questions on the same scale and
// weight; reaching ja on Q1 costs 2 (so its ladder is not even), on Q2 1.
const orderModelSrc = `model:
  name: Reihenfolge
  effort: {default: 1}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn, effort: {"ja": 2}}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i, questions: [Q1, Q2]}
  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 75}]
`

// TestOrderByHand: every step below gains 0.5/2·100 = 25 points of the
// overall score. From nein/nein the least effort to B (75) is 3: Q1 to
// teilweise (1) and Q2 to ja (1 + 1); Q1 to ja would cost 3 alone for 50.
// The first turn offers Q1 → teilweise and Q2 → teilweise, both 25 per
// effort: equal, so the tie rule's order decides — Q2 first, as its ladder
// is even (Q1's is not: its last step costs 2); then Q2 → ja and Q1 →
// teilweise, again 25 each: Q2 again. Where both ladders are even, the
// model's order decides: Q1 first.
func TestOrderByHand(t *testing.T) {
	type step struct {
		q, from, to string
		after       float64
	}
	for _, tc := range []struct {
		name string
		src  string
		want []step
	}{
		{"Q2 even, Q1 not", orderModelSrc,
			[]step{{"Q2", "nein", "teilweise", 25}, {"Q2", "teilweise", "ja", 50}, {"Q1", "nein", "teilweise", 75}}},
		{"both even", strings.Replace(orderModelSrc, `, effort: {"ja": 2}`, "", 1),
			// Now Q1 and Q2 to ja cost 2 each; of the end states of effort 3
			// (Q1 ja + Q2 teilweise, Q1 teilweise + Q2 ja) the tie rule
			// takes Q1 furthest up; the steps: Q1, Q1, Q2.
			[]step{{"Q1", "nein", "teilweise", 25}, {"Q1", "teilweise", "ja", 50}, {"Q2", "nein", "teilweise", 75}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parseModel(t, "order.yaml", tc.src)
			res := score(t, m, nil, unit{id: "U", wave: "1", answers: map[string]string{"Q1": "nein", "Q2": "nein"}})
			set, err := BuildWave(res, 0, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pl := set.Plans[0]
			if pl.Status != Planned || pl.Effort != 3 {
				t.Fatalf("status %v effort %d, want planned, 3", pl.Status, pl.Effort)
			}
			var got []step
			for _, st := range pl.Steps {
				got = append(got, step{string(st.Question.ID), st.From, st.To, math.Round(st.After.Score*1e9) / 1e9})
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("steps %v, want %v", got, tc.want)
			}
		})
	}
}
