package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// sameNodes reports the first node whose state, score, coverage or
// imputation differ between a and b: bit for bit, as an evaluator must
// give what the engine gave.
func sameNodes(a, b []scoring.NodeScore) int {
	for i := range a {
		x, y := a[i], b[i]
		if x.State != y.State || x.Coverage != y.Coverage || x.Imputed != y.Imputed ||
			(x.Scored() && x.Score != y.Score) {
			return i
		}
	}
	return -1
}

// TestEvaluatorReproducesScore: re-scoring a unit from its own answers
// gives exactly the engine's node scores and level, under every
// aggregation and missing policy; Input gives each question's input as
// Inputs does.
func TestEvaluatorReproducesScore(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 11))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		res := scoring.Score(m, g.dataset(r, 30))
		ev := scoring.NewEvaluator(res, 0)
		nodes := make([]scoring.NodeScore, len(m.Nodes))
		var in []scoring.Input
		for i := range res.Units {
			u := &res.Units[i]
			in = ev.Inputs(u, in)
			for q := range in {
				// One question's input, as Inputs reads every one.
				if x := ev.Input(u, q); x != in[q] {
					t.Fatalf("seed %d, %s, question %d: Input %+v, Inputs %+v", seed, u.Unit.ID, q, x, in[q])
				}
			}
			lv, _ := ev.Evaluate(u, in, nodes)
			if k := sameNodes(u.Nodes.AppendTo(nil), nodes); k >= 0 {
				t.Fatalf("seed %d, %s, node %s: engine %+v, evaluator %+v", seed, u.Unit.ID, m.Nodes[k].ID, u.Nodes.At(k), nodes[k])
			}
			if lv != u.Level {
				t.Fatalf("seed %d, %s: level %d, engine %d", seed, u.Unit.ID, lv, u.Level)
			}
		}
	}
}

// TestEvaluatorOnCore: the evaluator on the comparable core re-scores
// every unit of the later wave exactly as the engine scored it on the
// core (UnitResult.Core), under every aggregation and missing policy —
// a Sum's points possible and the imputed means counting only the core.
func TestEvaluatorOnCore(t *testing.T) {
	partial := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 21))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		var fresh []string
		for q := range g.scales {
			if r.IntN(3) == 0 {
				fresh = append(fresh, fmt.Sprintf("Q%d", q))
			}
		}
		src := g.yaml(1, 1) + fmt.Sprintf("  waves: [{id: \"1\"}, {id: \"2\", changes: {new: [%s]}}]\n", strings.Join(fresh, ", "))
		m := mustParse(t, src)
		ds := g.dataset(r, 30)
		later := g.dataset(r, 30)
		for _, x := range later.Responses {
			x.Wave = "2"
			ds.Responses = append(ds.Responses, x)
		}
		res := scoring.Score(m, ds)
		ev, core := scoring.NewEvaluator(res, 1).OnCore()
		if (core == nil) != (len(fresh) == 0) {
			t.Fatalf("seed %d: %d new questions, core %v", seed, len(fresh), core)
		}
		if core != nil {
			partial++
		}
		nodes := make([]scoring.NodeScore, len(m.Nodes))
		for _, u := range res.WaveUnits(1) {
			in := ev.Inputs(&u, nil)
			scoring.Core(in, core)
			ev.Evaluate(&u, in, nodes)
			if k := sameNodes(u.Core.AppendTo(nil), nodes); k >= 0 {
				t.Fatalf("seed %d, %s, node %s: engine on the core %+v, evaluator %+v", seed, u.Unit.ID, m.Nodes[k].ID, u.Core.At(k), nodes[k])
			}
		}
	}
	if partial < 100 {
		t.Errorf("only %d of 200 models compare a partial core", partial)
	}
}

// TestEvaluatorExample: the same on the bundled example and the default
// model, both waves.
func TestEvaluatorExample(t *testing.T) {
	src, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := mustParse(t, string(src))
	r := rand.New(rand.NewPCG(5, 5))
	ds := &scoring.Dataset{}
	for _, w := range []scoring.WaveID{"1", "2"} {
		for i := range 300 {
			answers := make([]string, len(m.Questions))
			for q, qq := range m.Questions {
				answers[q] = randomAnswer(r, m, qq.Scale)
			}
			ds.Responses = append(ds.Responses, scoring.Response{Wave: w, Answers: scoring.AnswersOf(answers...),
				Unit: scoring.Unit{ID: scoring.UnitID(rune('A'+i%26)) + scoring.UnitID(rune('a'+i/26)), Population: 1000 + 997*i}})
		}
	}
	res := scoring.Score(m, ds)
	for wi := range res.Waves {
		ev := scoring.NewEvaluator(res, wi)
		nodes := make([]scoring.NodeScore, len(m.Nodes))
		for _, u := range res.WaveUnits(wi) {
			lv, _ := ev.Evaluate(&u, ev.Inputs(&u, nil), nodes)
			if k := sameNodes(u.Nodes.AppendTo(nil), nodes); k >= 0 || lv != u.Level {
				t.Fatalf("%s: node %d differs or level %d ≠ %d", u.Unit.ID, k, lv, u.Level)
			}
		}
	}
}

// randomAnswer draws a raw answer of a scale, missing codes included.
func randomAnswer(r *rand.Rand, m *scoring.Model, sc *scoring.Scale) string {
	if k := r.IntN(12); k < len(m.MissingCodes) && k < 3 {
		return m.MissingCodes[k].Code
	} else if k == 3 {
		return ""
	}
	switch sc.Kind {
	case scoring.ScaleMap:
		return sc.Labels[r.IntN(len(sc.Labels))]
	case scoring.ScaleMulti:
		var out string
		for _, it := range sc.Items {
			if r.IntN(2) == 0 {
				out += it.Code + ";"
			}
		}
		return out
	}
	return []string{"0", "3", "12", "30", "60", "99,5"}[r.IntN(6)]
}

// TestEvaluatorProjects: changing one answer and updating the scores that
// depend on it gives what scoring the changed dataset gives for that unit
// (min–max scales aside: there the change may move the wave's range).
func TestEvaluatorProjects(t *testing.T) {
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 12))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		ds := g.dataset(r, 25)
		res := scoring.Score(m, ds)
		ev := scoring.NewEvaluator(res, 0)
		for range 8 {
			ui, q := r.IntN(len(res.Units)), r.IntN(len(g.scales))
			if g.scales[q] == "mm" {
				continue
			}
			u := &res.Units[ui]
			in := ev.Inputs(u, nil)
			nodes := u.Nodes.AppendTo(nil)
			raw := string(rune('a' + r.IntN(5)))
			if g.scales[q] == "gp" {
				raw = "7.5"
			}
			in[q] = scoring.Input{Points: m.Questions[q].Scale.Points(map[bool]float64{true: 7.5, false: float64(raw[0]-'a') / 4}[g.scales[q] == "gp"])}
			lv := ev.Update(u, in, nodes, q)

			changed := *ds
			changed.Responses = slices.Clone(ds.Responses)
			k := slices.IndexFunc(changed.Responses, func(x scoring.Response) bool { return x.Unit.ID == u.Unit.ID })
			answers := changed.Responses[k].Answers.Strings()
			answers[q] = raw
			changed.Responses[k].Answers = scoring.AnswersOf(answers...)
			want := scoring.Score(m, &changed).Units[ui]
			for ni := range nodes {
				a, b := nodes[ni], want.Nodes.At(ni)
				if a.State != b.State || math.Abs(a.Coverage-b.Coverage) > 1e-12 || (a.Scored() && math.Abs(a.Score-b.Score) > 1e-9) {
					t.Fatalf("seed %d, %s, Q%d := %s, node %s: projected %+v, rescored %+v", seed, u.Unit.ID, q, raw, m.Nodes[ni].ID, a, b)
				}
			}
			if lv != want.Level {
				t.Fatalf("seed %d: projected level %d, rescored %d", seed, lv, want.Level)
			}
		}
	}
}

// TestUpdateSumsIsUpdate: changing one answer after another and updating
// with UpdateSums, which resumes each mean at the child that changed, gives
// the node scores and level Update gives, bit for bit — also when a change
// is tried and put back (Forget) or the scores start anew (Reset), under
// every aggregation and missing policy.
func TestUpdateSumsIsUpdate(t *testing.T) {
	var resumed, tried int
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 13))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		res := scoring.Score(m, g.dataset(r, 20))
		ev := scoring.NewEvaluator(res, 0)
		var ss scoring.Sums
		for i := range res.Units {
			u := &res.Units[i]
			in := ev.Inputs(u, nil)
			plain, summed := u.Nodes.AppendTo(nil), u.Nodes.AppendTo(nil)
			ss.Reset()
			for step := range 40 {
				q := r.IntN(len(in))
				old := in[q]
				switch k := r.IntN(5); k {
				case 0:
					in[q] = scoring.Input{Status: scoring.Blank}
				default:
					in[q] = scoring.Input{Points: float64(r.IntN(5)) / 4}
				}
				if r.IntN(3) == 0 {
					// Tried and put back, as the roadmap's step order does.
					saved := slices.Clone(summed)
					ev.UpdateSums(u, in, summed, q, &ss)
					copy(summed, saved)
					in[q] = old
					ev.Forget(&ss, q)
					tried++
					continue
				}
				lv := ev.Update(u, in, plain, q)
				if got := ev.UpdateSums(u, in, summed, q, &ss); got != lv {
					t.Fatalf("seed %d, %s, step %d: level %d, Update %d", seed, u.Unit.ID, step, got, lv)
				}
				if k := sameNodes(plain, summed); k >= 0 {
					t.Fatalf("seed %d, %s, step %d (Q%d), node %s: Update %+v, UpdateSums %+v", seed, u.Unit.ID, step, q, m.Nodes[k].ID, plain[k], summed[k])
				}
				resumed++
			}
		}
	}
	if resumed < 10000 || tried < 5000 {
		t.Errorf("only %d updates and %d tries compared", resumed, tried)
	}
}

// TestInputsCachedAreInputs: inputs read through a cache are Inputs',
// unit by unit, with one cache kept across models (each evaluator's
// scales read the same codes otherwise), across the two books a wave's
// responses take turns from (codes of one book are not another's), and
// across answers in books of their own (AnswersOf), which it passes by.
func TestInputsCachedAreInputs(t *testing.T) {
	var cache scoring.InputCache
	var in, want []scoring.Input
	hits := 0
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 31))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		ds := g.dataset(r, 40)
		books := []*scoring.AnswerBook{scoring.NewAnswerBook(len(m.Questions)), scoring.NewAnswerBook(len(m.Questions))}
		for i := range ds.Responses {
			if i%5 != 4 { // every fifth keeps a book of its own
				a := &ds.Responses[i].Answers
				*a = books[i%2].Add(a.Strings())
			}
		}
		res := scoring.Score(m, ds)
		ev := scoring.NewEvaluator(res, 0)
		seen := map[[2]any]scoring.Input{}
		for i := range res.Units {
			u := &res.Units[i]
			want = ev.Inputs(u, want)
			in = ev.InputsCached(u, in, &cache)
			for q := range want {
				if in[q] != want[q] {
					t.Fatalf("seed %d, %s, question %d (%q): cached %+v, Inputs %+v", seed, u.Unit.ID, q, u.Response.Answers.At(q), in[q], want[q])
				}
				k := [2]any{u.Response.Answers.Book(), [2]uint32{uint32(q), u.Response.Answers.Code(q)}}
				if _, ok := seen[k]; ok {
					hits++
				}
				seen[k] = want[q]
			}
		}
	}
	if hits < 10000 {
		t.Errorf("only %d answers met again: the cache was hardly asked", hits)
	}
}
