package roadmap

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// randomModel writes a small random model: two or three levels of nodes
// over at most maxQ questions with every kind of scale the roadmap steps
// on (map, bins — one scale's rising and falling —, steps, multi-select
// share and count, reversed), random
// efforts, aggregations, missing policies and minimum coverages, and
// threshold or staged levels. Now and then a question feeds two
// indicators.
func randomModel(r *rand.Rand, maxQ int) string {
	var b strings.Builder
	aggs := []string{"mean", "geometric", "min", "max", "sum"}
	pols := []string{"reweight", "zero", "impute"}
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	staged := r.IntN(2) == 0
	fmt.Fprintf(&b, `model:
  name: Zufall
  aggregation: %s
  missing: {policy: %s, min_coverage: %v, codes: {wn: unknown, nz: not_applicable, "-9": blank}}
  effort: {default: %d, clarify: %d}
  peer_groups: [{id: gk, name: GK, attribute: size_class}]
  size_classes: [{name: klein, max: 1000}, {name: groß}]
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}, effort: {teilweise: %d, ja: %d}}
    vier: {map: {a: 0, b: 0.3, c: 0.3, d: 1}}
    bins: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.4}, {max: 19, points: 0.4}, {points: 1}], effort: [1, %d, 1, %d]}
    gp: {type: numeric, min: 0, max: 10, goalposts: [0, 10], steps: [0, 4, 10]}
    opt: {type: numeric, min: 0, bins: [{max: 2, points: 0.3}, {max: 5, points: 1}, {max: 9, points: 0.6}, {points: 0.8}], effort: [1, %d, 1, %d]}
    share: {type: multi, items: [x, y, z], effort: {z: %d}}
    count: {type: multi, score: count, items: [x, y, z], bins: [{max: 0, points: 0}, {max: 1, points: 0.6}, {points: 1}]}
`, pick(aggs), pick(pols), []float64{0, 0.3, 0.6}[r.IntN(3)], 1+r.IntN(2), 1+r.IntN(3),
		1+r.IntN(3), 1+r.IntN(3), 1+r.IntN(3), 1+r.IntN(3), 1+r.IntN(4), 1+r.IntN(4), 1+r.IntN(3))
	scales := []string{"jn", "vier", "bins", "gp", "opt", "share", "count"}
	nq := 2 + r.IntN(maxQ-1)
	b.WriteString("  questions:\n")
	for q := range nq {
		rev := ""
		if r.IntN(6) == 0 {
			rev = ", reverse: true"
		}
		eff := ""
		if r.IntN(5) == 0 {
			eff = fmt.Sprintf(", effort: %d", 1+r.IntN(3))
		}
		fmt.Fprintf(&b, "    - {id: Q%d, scale: %s%s%s}\n", q, pick(scales), rev, eff)
	}
	// Questions are dealt to indicators in order; one may be dealt twice.
	next := 0
	var nodes []string
	b.WriteString("  dimensions:\n")
	dims := 1 + r.IntN(3)
	for d := range dims {
		id := fmt.Sprintf("d%d", d)
		nodes = append(nodes, id)
		fmt.Fprintf(&b, "    - id: %s\n      weight: %d\n      aggregation: %s\n      missing: {policy: %s, min_coverage: %v}\n      indicators:\n",
			id, 1+r.IntN(3), pick(aggs), pick(pols), []float64{0, 0.5}[r.IntN(2)])
		inds := 1 + r.IntN(2)
		for i := range inds {
			iid := fmt.Sprintf("i%d_%d", d, i)
			nodes = append(nodes, iid)
			var qs []string
			k := 1 + r.IntN(2)
			for range k {
				if next < nq && (d < dims-1 || i < inds-1) || next < nq && len(qs) == 0 {
					qs = append(qs, fmt.Sprintf("{id: Q%d, weight: %d}", next, 1+r.IntN(2)))
					next++
				}
			}
			if d == dims-1 && i == inds-1 {
				for ; next < nq; next++ {
					qs = append(qs, fmt.Sprintf("Q%d", next))
				}
			}
			if len(qs) == 0 || r.IntN(8) == 0 {
				qs = append(qs, fmt.Sprintf("Q%d", r.IntN(nq)))
			}
			fmt.Fprintf(&b, "        - {id: %s, weight: %d, aggregation: %s, questions: [%s]}\n", iid, 1+r.IntN(2), pick(aggs), strings.Join(dedupe(qs), ", "))
		}
	}
	b.WriteString("  levels:\n")
	if !staged {
		fmt.Fprintf(&b, "    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: %d}, {level: 3, name: C, min: %d}]\n", 20+r.IntN(20), 50+r.IntN(40))
		return b.String()
	}
	b.WriteString("    method: staged\n    bands:\n")
	for l := 1; l <= 3; l++ {
		fmt.Fprintf(&b, "      - {level: %d, name: L%d, criteria: [", l, l)
		for c := range 1 + r.IntN(2) {
			if c > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{node: %s, min: %d}", pick(nodes), min(100, 10*l+r.IntN(25*l)))
		}
		b.WriteString("]}\n")
	}
	return b.String()
}

// dedupe keeps the first mention of each question: an indicator lists a
// question once.
func dedupe(qs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range qs {
		id := strings.TrimPrefix(q, "{id: ")
		id, _, _ = strings.Cut(id, ",")
		if !seen[id] {
			seen[id] = true
			out = append(out, q)
		}
	}
	return out
}

// randomAnswer draws an answer of a scale, missing codes and answers out
// of the scale included.
func randomAnswer(r *rand.Rand, sc *scoring.Scale) string {
	switch r.IntN(10) {
	case 0:
		return ""
	case 1:
		return "wn"
	case 2:
		return "nz"
	case 3:
		return "??"
	}
	switch sc.ID {
	case "jn":
		return []string{"ja", "teilweise", "nein"}[r.IntN(3)]
	case "vier":
		return []string{"a", "b", "c", "d"}[r.IntN(4)]
	case "bins":
		return fmt.Sprint([]int{0, 3, 12, 40}[r.IntN(4)])
	case "gp":
		return fmt.Sprint(r.IntN(11))
	case "opt":
		return fmt.Sprint([]int{1, 4, 7, 12}[r.IntN(4)])
	}
	var items []string
	for _, it := range []string{"x", "y", "z"} {
		if r.IntN(2) == 0 {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return "x"
	}
	return strings.Join(items, ";")
}

func randomResults(t testing.TB, r *rand.Rand, src string, units int) *scoring.Results {
	t.Helper()
	m, err := scoring.ParseModel("random.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	ds := &scoring.Dataset{}
	for i := range units {
		answers := make([]string, len(m.Questions))
		for q, qq := range m.Questions {
			answers[q] = randomAnswer(r, qq.Scale)
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(answers...),
			Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%02d", i)), Population: 500 + 200*i}})
	}
	return scoring.Score(m, ds)
}

// bruteForce tries every end state of unit u — every question at any of
// its options — scores each with the evaluator, and returns the least
// effort that reaches the target, or -1.
func bruteForce(p *planner, s *solver, u *scoring.UnitResult, target int) int {
	m := p.m
	in := p.ev.Inputs(u, nil)
	lad := p.unitLadders(in, u, nil, nil)
	nodes := make([]scoring.NodeScore, len(m.Nodes))
	work := append([]scoring.Input(nil), in...)
	best := -1
	var rec func(q, cost int)
	rec = func(q, cost int) {
		if best >= 0 && cost >= best {
			return
		}
		if q == len(m.Questions) {
			lv, _ := p.ev.Evaluate(u, work, nodes)
			if lv >= target {
				best = cost
			}
			return
		}
		for _, o := range lad[q].options {
			work[q] = scoring.Input{Status: o.status, Points: o.points}
			rec(q+1, cost+o.cost)
		}
		work[q] = in[q]
	}
	rec(0, 0)
	return best
}

// TestMinimalAgainstBruteForce: on small random models, the roadmap's
// effort is the least effort of all end states that reach the target,
// found by trying every one of them; a target no end state reaches is
// reported unreachable; and the steps, scored again, reach the target.
func TestMinimalAgainstBruteForce(t *testing.T) {
	seeds := uint64(400)
	if testing.Short() {
		seeds = 60
	}
	checked := map[Status]int{}
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 15))
		src := randomModel(r, 6)
		res := randomResults(t, r, src, 12)
		m := res.Model
		for target := 0; target <= len(m.Levels.List); target++ {
			set, err := BuildWave(res, 0, Options{Target: Target{Level: target}, Phases: 2})
			if err != nil {
				t.Fatalf("seed %d, target %d: %v\n%s", seed, target, err, src)
			}
			p := newPlanner(res, 0, Options{})
			s := newSolver(p)
			for i, pl := range set.Plans {
				u := &res.Units[i]
				checked[pl.Status]++
				want := target
				if want == 0 {
					if u.Level == len(m.Levels.List) {
						if pl.Status != AtTop {
							t.Fatalf("seed %d: %s at the top level: status %v", seed, u.Unit.ID, pl.Status)
						}
						continue
					}
					want = u.Level + 1
				}
				if pl.Target != want {
					t.Fatalf("seed %d: %s target %d, want %d", seed, u.Unit.ID, pl.Target, want)
				}
				if u.Level >= want {
					if pl.Status != AtTarget || len(pl.Steps) != 0 {
						t.Fatalf("seed %d: %s at level %d, target %d: status %v, %d steps", seed, u.Unit.ID, u.Level, want, pl.Status, len(pl.Steps))
					}
					continue
				}
				bf := bruteForce(p, s, u, want)
				switch {
				case bf < 0 && pl.Status != Unreachable:
					t.Fatalf("seed %d: %s → level %d: no end state reaches it, the roadmap says %v with effort %d\n%s", seed, u.Unit.ID, want, pl.Status, pl.Effort, src)
				case bf >= 0 && pl.Status != Planned:
					t.Fatalf("seed %d: %s → level %d: brute force reaches it with effort %d, the roadmap says %v\n%s\nanswers %q", seed, u.Unit.ID, want, bf, pl.Status, src, u.Response.Answers)
				case bf >= 0 && pl.Effort != bf:
					t.Fatalf("seed %d: %s → level %d: effort %d, brute force %d\n%s\nanswers %q", seed, u.Unit.ID, want, pl.Effort, bf, src, u.Response.Answers)
				}
				if pl.Status == Planned {
					sum := 0
					for _, st := range pl.Steps {
						sum += st.Effort
					}
					if sum != pl.Effort || pl.LevelAfter < want {
						t.Fatalf("seed %d: %s: steps add up to %d (effort %d), end at level %d (target %d)", seed, u.Unit.ID, sum, pl.Effort, pl.LevelAfter, want)
					}
				}
			}
		}
	}
	t.Logf("plans checked: %v", checked)
	if checked[Planned] == 0 || checked[Unreachable] == 0 || checked[AtTarget] == 0 {
		t.Fatalf("the random models do not exercise every status: %v", checked)
	}
}
