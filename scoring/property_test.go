package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// gnode is a node of a randomly generated model.
type gnode struct {
	id        string
	weight    float64
	agg       string
	policy    string
	children  []*gnode
	questions []int // indicators only
	qweights  []float64
}

// genModel is a random model: a tree up to three levels deep over
// questions with map, min-max and goalpost scales.
type genModel struct {
	root   *gnode
	scales []string // scale of each question
}

// newGenModel draws a model. aggs and policies are the aggregations and
// missing policies to choose from.
func newGenModel(r *rand.Rand, aggs, policies []string) *genModel {
	g := &genModel{}
	n := 0
	var grow func(depth int) *gnode
	grow = func(depth int) *gnode {
		n++
		nd := &gnode{id: fmt.Sprintf("n%d", n), weight: 0.1 + 5*r.Float64(), agg: aggs[r.IntN(len(aggs))], policy: policies[r.IntN(len(policies))]}
		if depth == 3 || (depth > 0 && r.IntN(3) == 0) {
			for range 1 + r.IntN(3) {
				scale := "lik"
				switch r.IntN(6) {
				case 0:
					scale = "mm"
				case 1:
					scale = "gp"
				}
				nd.questions = append(nd.questions, len(g.scales))
				nd.qweights = append(nd.qweights, 0.1+3*r.Float64())
				g.scales = append(g.scales, scale)
			}
			return nd
		}
		for range 1 + r.IntN(4) {
			nd.children = append(nd.children, grow(depth+1))
		}
		return nd
	}
	g.root = grow(0)
	return g
}

// yaml renders the model, multiplying node weights by kNode and question
// weights by kQuestion.
func (g *genModel) yaml(kNode, kQuestion float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, `model:
  name: Zufall
  aggregation: %s
  missing: {policy: %s, min_coverage: 0.3, codes: {wn: unknown, nz: not_applicable}}
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    lik: {map: {a: 0, b: 0.25, c: 0.5, d: 0.75, e: 1}}
    mm: {type: numeric, normalise: minmax}
    gp: {type: numeric, goalposts: [0, 10]}
  questions:
`, g.root.agg, g.root.policy)
	for i, s := range g.scales {
		fmt.Fprintf(&b, "    - {id: Q%d, scale: %s}\n", i, s)
	}
	b.WriteString("  dimensions:\n")
	var write func(nd *gnode, indent string)
	write = func(nd *gnode, indent string) {
		fmt.Fprintf(&b, "%s- id: %s\n%s  weight: %v\n%s  aggregation: %s\n%s  missing: {policy: %s}\n",
			indent, nd.id, indent, nd.weight*kNode, indent, nd.agg, indent, nd.policy)
		if nd.questions != nil {
			fmt.Fprintf(&b, "%s  questions:\n", indent)
			for i, q := range nd.questions {
				fmt.Fprintf(&b, "%s    - {id: Q%d, weight: %v}\n", indent, q, nd.qweights[i]*kQuestion)
			}
			return
		}
		var dims, inds []*gnode
		for _, c := range nd.children {
			if c.questions != nil {
				inds = append(inds, c)
			} else {
				dims = append(dims, c)
			}
		}
		if len(dims) > 0 {
			fmt.Fprintf(&b, "%s  dimensions:\n", indent)
			for _, c := range dims {
				write(c, indent+"    ")
			}
		}
		if len(inds) > 0 {
			fmt.Fprintf(&b, "%s  indicators:\n", indent)
			for _, c := range inds {
				write(c, indent+"    ")
			}
		}
	}
	for _, c := range g.root.children {
		if c.questions != nil {
			// A top-level leaf becomes a dimension with one indicator.
			c = &gnode{id: c.id + "d", weight: c.weight, agg: c.agg, policy: c.policy, children: []*gnode{c}}
		}
		write(c, "    ")
	}
	return b.String()
}

// answers draws a response for every question.
func (g *genModel) answers(r *rand.Rand) []string {
	out := make([]string, len(g.scales))
	for i, s := range g.scales {
		switch k := r.IntN(10); {
		case k == 0:
			out[i] = ""
		case k == 1:
			out[i] = "wn"
		case k == 2:
			out[i] = "nz"
		case s == "lik":
			out[i] = string(rune('a' + r.IntN(5)))
		default:
			out[i] = fmt.Sprintf("%.1f", -2+14*r.Float64())
		}
	}
	return out
}

func (g *genModel) dataset(r *rand.Rand, units int) *scoring.Dataset {
	ds := &scoring.Dataset{}
	districts := []string{"K", "L", "M", ""}
	for i := range units {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1",
			Unit:    scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%03d", i)), District: districts[r.IntN(len(districts))]},
			Answers: scoring.AnswersOf(g.answers(r)...)})
	}
	return ds
}

var allAggs = []string{"mean", "geometric", "min", "max", "sum"}

// TestPropertyScoresInRange: whatever the model and the answers, every
// score is in [0, 100] and every coverage in [0, 1].
func TestPropertyScoresInRange(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		src := g.yaml(1, 1)
		m := mustParse(t, src)
		res := scoring.Score(m, g.dataset(r, 40))
		for _, u := range res.Units {
			for ni, s := range u.Nodes.All() {
				if s.Coverage < 0 || s.Coverage > 1+1e-12 || math.IsNaN(s.Coverage) {
					t.Fatalf("seed %d: %s %s coverage %v", seed, u.Unit.ID, m.Nodes[ni].ID, s.Coverage)
				}
				if s.Scored() && (s.Score < 0 || s.Score > 100+1e-9 || math.IsNaN(s.Score)) {
					t.Fatalf("seed %d: %s %s score %v\n%s", seed, u.Unit.ID, m.Nodes[ni].ID, s.Score, src)
				}
			}
		}
	}
}

// sameScores reports the first node score that differs between a and b.
func sameScores(a, b *scoring.Results) error {
	for i := range a.Units {
		ua, ub := a.Units[i], b.Units[i]
		for ni := range ua.Nodes.All() {
			sa, sb := ua.Nodes.At(ni), ub.Nodes.At(ni)
			if sa.State != sb.State || math.Abs(sa.Score-sb.Score) > 1e-9*max(1, sa.Score) ||
				math.Abs(sa.Coverage-sb.Coverage) > 1e-12 || sa.Imputed != sb.Imputed {
				return fmt.Errorf("%s node %d: %+v, then %+v", ua.Unit.ID, ni, sa, sb)
			}
		}
		if ua.Level != ub.Level || ua.State.Rank != ub.State.Rank {
			return fmt.Errorf("%s: level %d rank %d, then level %d rank %d", ua.Unit.ID, ua.Level, ua.State.Rank, ub.Level, ub.State.Rank)
		}
	}
	return nil
}

// TestPropertyWeightScale: weights are relative. Multiplying every weight
// by a constant changes no score. Under sum, weights of questions are
// points and node weights multiply their points: multiplying all points
// by a constant changes no score either (it changes the points, not the
// shares).
func TestPropertyWeightScale(t *testing.T) {
	tests := []struct {
		name        string
		aggs        []string
		kNode, kQue func(k float64) float64
	}{
		{"relative weights", []string{"mean", "geometric", "min", "max"},
			func(k float64) float64 { return k }, func(k float64) float64 { return k }},
		{"points", []string{"sum"},
			func(float64) float64 { return 1 }, func(k float64) float64 { return k }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(100) {
				r := rand.New(rand.NewPCG(seed, 2))
				g := newGenModel(r, tt.aggs, []string{"reweight", "zero", "impute"})
				ds := g.dataset(r, 30)
				base := scoring.Score(mustParse(t, g.yaml(1, 1)), ds)
				for _, k := range []float64{0.001, 3.7, 1000} {
					scaled := scoring.Score(mustParse(t, g.yaml(tt.kNode(k), tt.kQue(k))), ds)
					if err := sameScores(base, scaled); err != nil {
						t.Fatalf("seed %d, weights × %v: %v", seed, k, err)
					}
				}
			}
		})
	}
}

// TestPropertyMonotone: raising one answer never lowers any score of the
// unit, under every aggregation (the arithmetic mean included) and the
// reweight and zero policies.
func TestPropertyMonotone(t *testing.T) {
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 3))
		g := newGenModel(r, allAggs, []string{"reweight", "zero"})
		m := mustParse(t, g.yaml(1, 1))
		ds := g.dataset(r, 20)
		before := scoring.Score(m, ds)
		for range 10 {
			ui, q := r.IntN(len(ds.Responses)), r.IntN(len(g.scales))
			old := ds.Responses[ui].Answers.At(q)
			if g.scales[q] != "lik" || len(old) != 1 || old >= "e" {
				continue
			}
			raised := *ds
			raised.Responses = append([]scoring.Response(nil), ds.Responses...)
			answers := ds.Responses[ui].Answers.Strings()
			answers[q] = string(rune(old[0] + 1 + byte(r.IntN(int('e'-old[0])))))
			raised.Responses[ui].Answers = scoring.AnswersOf(answers...)
			after := scoring.Score(m, &raised)
			ub, ua := before.Units[ui], after.Units[ui]
			for ni := range ub.Nodes.All() {
				sb, sa := ub.Nodes.At(ni), ua.Nodes.At(ni)
				if sb.State != sa.State {
					t.Fatalf("seed %d: raising Q%d of %s from %s to %s changed the state of %s: %v → %v", seed, q, ub.Unit.ID, old, answers[q], m.Nodes[ni].ID, sb.State, sa.State)
				}
				if sb.Scored() && sa.Score < sb.Score-1e-9 {
					t.Fatalf("seed %d: raising Q%d of %s from %s to %s lowered %s (%s): %v → %v", seed, q, ub.Unit.ID, old, answers[q], m.Nodes[ni].ID, m.Nodes[ni].Aggregation, sb.Score, sa.Score)
				}
			}
		}
	}
}
