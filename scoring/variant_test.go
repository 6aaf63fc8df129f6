package scoring_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestRescorerNominal: the empty variant gives exactly Score's node
// scores and levels, under every aggregation and missing policy.
func TestRescorerNominal(t *testing.T) {
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 17))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		res := scoring.Score(m, g.dataset(r, 40))
		rc := scoring.NewRescorer(res, 0)
		got := rc.Score(&scoring.Variant{}, rc.NewScratch())
		for i, u := range res.WaveUnits(0) {
			if k := sameNodes(u.Nodes.AppendTo(nil), got[i].Nodes.AppendTo(nil)); k >= 0 || got[i].Level != u.Level {
				t.Fatalf("seed %d, %s: node %d or level %d ≠ %d", seed, u.Unit.ID, k, got[i].Level, u.Level)
			}
		}
	}
}

// TestRescorerNominalEarlierWave: the empty variant gives Score's node
// scores and levels in a wave that did not ask a question under a Sum
// too. Score weighs indicator i2 by the points the wave could earn (1:
// only B asked); the Rescorer weighed it by the model's full points (2: B
// and X), so every draw of the Monte Carlo moved the wave's units.
//
// U0 answers A=ja, B=nein: d = (1·100 + 1·0)/2 = 50, level B (full points
// would give (100 + 2·0)/3 = 33.3, level A); U1 answers A=nein, B=ja:
// (0 + 100)/2 = 50 (full points: (0 + 2·100)/3 = 66.7). Found by a review.
func TestRescorerNominalEarlierWave(t *testing.T) {
	m := mustParse(t, `model:
  name: T
  aggregation: sum
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: A, scale: jn}
    - {id: B, scale: jn}
    - {id: X, scale: jn}
  dimensions:
    - id: d
      aggregation: sum
      indicators:
        - {id: i1, question: A}
        - {id: i2, questions: [B, X], aggregation: sum}
  waves: [{id: "1"}, {id: "2", changes: {new: [X]}}]
`)
	ds := &scoring.Dataset{}
	for wave, answers := range map[scoring.WaveID][][]string{
		"1": {{"ja", "nein", ""}, {"nein", "ja", ""}},
		"2": {{"ja", "nein", "ja"}, {"nein", "ja", "ja"}},
	} {
		for i, a := range answers {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: wave, Unit: scoring.Unit{ID: scoring.UnitID("U" + strconv.Itoa(i))}, Answers: scoring.AnswersOf(a...), Row: i + 2})
		}
	}
	res := scoring.Score(m, ds)
	d := m.Nodes[1]
	for _, u := range res.WaveUnits(0) {
		if d.ID != "d" || u.Nodes.At(d.Index).Score != 50 || u.Level != 2 {
			t.Fatalf("Score: %s %s = %v, level %d; want 50 (by hand), level 2", u.Unit.ID, d.ID, u.Nodes.At(d.Index).Score, u.Level)
		}
	}
	rc := scoring.NewRescorer(res, 0)
	got := rc.Score(&scoring.Variant{}, rc.NewScratch())
	for i, u := range res.WaveUnits(0) {
		if k := sameNodes(u.Nodes.AppendTo(nil), got[i].Nodes.AppendTo(nil)); k >= 0 || got[i].Level != u.Level {
			t.Errorf("Rescorer, empty variant, wave 1: %s d = %.4f level %d; Score gave 50, level %d", u.Unit.ID, got[i].Nodes.At(d.Index).Score, got[i].Level, u.Level)
		}
	}
}

// TestRescorerVariant: re-scoring under a variant gives exactly what
// scoring a model written with the variant's choices gives: weights,
// aggregations and missing policies of random nodes, another
// normalisation of the numbers normalised over the wave, a shifted level
// band. One scratch serves every variant in turn.
func TestRescorerVariant(t *testing.T) {
	aggNames := allAggs
	policies := []string{"reweight", "zero", "impute"}
	norms := map[string]scoring.Normalisation{"minmax": scoring.NormaliseMinMax, "zscore": scoring.NormaliseZScore, "rank": scoring.NormaliseRank}
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 23))
		g := newGenModel(r, aggNames, policies)
		ds := g.dataset(r, 40)
		base := scoring.Score(mustParse(t, g.yaml(1, 1)), ds)
		rc := scoring.NewRescorer(base, 0, scoring.NormaliseZScore, scoring.NormaliseRank, scoring.NormaliseMinMax)
		s := rc.NewScratch()
		for range 3 {
			// Change the generated model itself, then build the variant
			// from what the changed model says.
			var walk func(n *gnode)
			walk = func(n *gnode) {
				if r.IntN(2) == 0 {
					n.weight = 0.1 + 5*r.Float64()
				}
				if r.IntN(3) == 0 {
					n.agg = aggNames[r.IntN(len(aggNames))]
				}
				if r.IntN(3) == 0 {
					n.policy = policies[r.IntN(len(policies))]
				}
				for _, c := range n.children {
					walk(c)
				}
			}
			walk(g.root)
			norm := []string{"minmax", "zscore", "rank"}[r.IntN(3)]
			shift := -20 + 40*r.Float64()
			src := strings.Replace(g.yaml(1, 1), "mm: {type: numeric, normalise: minmax}", "mm: {type: numeric, normalise: "+norm+"}", 1)
			src = strings.Replace(src, "{level: 2, name: B, min: 50}", "{level: 2, name: B, min: "+strconv.FormatFloat(50+shift, 'g', -1, 64)+"}", 1)
			changed := mustParse(t, src)
			want := scoring.Score(changed, ds)
			v := &scoring.Variant{Normalisation: norms[norm], LevelShift: []float64{0, changed.Levels.List[1].Min - 50}}
			for _, n := range changed.Nodes {
				v.Weight = append(v.Weight, n.Weight)
				v.Aggregation = append(v.Aggregation, n.Aggregation)
				v.Policy = append(v.Policy, n.Policy)
			}
			got := rc.Score(v, s)
			for i, u := range want.WaveUnits(0) {
				if k := sameNodes(u.Nodes.AppendTo(nil), got[i].Nodes.AppendTo(nil)); k >= 0 || got[i].Level != u.Level {
					k = max(k, 0)
					t.Fatalf("seed %d, %s (%s): node %s: want %+v, got %+v; level %d, got %d", seed, u.Unit.ID, norm, changed.Nodes[k].ID, u.Nodes.At(k), got[i].Nodes.At(k), u.Level, got[i].Level)
				}
			}
		}
	}
}

// TestRescorerMemo: one scratch scoring a sequence of variants that
// repeat — as the draws of a Monte Carlo do — gives for each exactly what
// a fresh scratch gives: reused scores are never stale.
func TestRescorerMemo(t *testing.T) {
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 29))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		m := mustParse(t, g.yaml(1, 1))
		res := scoring.Score(m, g.dataset(r, 30))
		rc := scoring.NewRescorer(res, 0, scoring.NormaliseRank)
		var pool []*scoring.Variant
		for range 4 {
			v := &scoring.Variant{}
			for _, n := range m.Nodes {
				w := n.Weight
				if r.IntN(3) == 0 {
					w *= 1 + r.Float64()
				}
				a := n.Aggregation
				if n.Kind != scoring.KindIndicator && r.IntN(2) == 0 {
					a = []scoring.Aggregation{scoring.Mean, scoring.Geometric, scoring.Minimum}[r.IntN(3)]
				}
				v.Weight, v.Aggregation = append(v.Weight, w), append(v.Aggregation, a)
				v.Policy = append(v.Policy, []scoring.MissingPolicy{scoring.Reweight, scoring.Impute, n.Policy}[r.IntN(3)])
			}
			if r.IntN(2) == 0 {
				v.Normalisation = scoring.NormaliseRank
			}
			pool = append(pool, v)
		}
		s := rc.NewScratch()
		for range 12 {
			v := pool[r.IntN(len(pool))]
			got := rc.Score(v, s)
			want := rc.Score(v, rc.NewScratch())
			for i := range want {
				if k := sameNodes(want[i].Nodes.AppendTo(nil), got[i].Nodes.AppendTo(nil)); k >= 0 || got[i].Level != want[i].Level {
					t.Fatalf("seed %d, unit %d, node %d: fresh %+v, reused %+v", seed, i, k, want[i].Nodes.At(max(k, 0)), got[i].Nodes.At(max(k, 0)))
				}
			}
		}
	}
}
