package analyse

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// twoDims: overall = mean of D1 and D2, each read from one number 0–1;
// levels from 0, 40 and 60.
const twoDims = `model:
  name: R
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 40}, {level: 3, name: C, min: 60}]}
  scales:
    p: {type: numeric, min: 0, max: 1}
    n: {type: numeric, normalise: minmax}
  dimensions:
    - id: D1
      indicators: [{id: i1, question: Q1, scale: p}]
    - id: D2
      indicators: [{id: i2, question: Q2, scale: p}, {id: i3, question: Q3, scale: n}]
`

func scoreRows(t *testing.T, src string, rows ...[]string) *scoring.Results {
	t.Helper()
	return scoring.Score(mustModel(t, src), dataset(rows...))
}

// TestRobustLevelEdges: only the band edges move (±5 points), so ranks
// never change and nothing varies for the sensitivity analysis. A unit at
// 41 keeps level B while the edge 40 + s ≤ 41, s uniform on [−5, 5]: in
// 60 % of the draws; one at 30 or 55 or 70 always keeps its level.
func TestRobustLevelEdges(t *testing.T) {
	r := scoreRows(t, twoDims,
		[]string{"0.3", "0.3", ""}, []string{"0.41", "0.41", ""}, []string{"0.55", "0.55", ""},
		[]string{"0.7", "0.7", ""}, []string{"0.1", "0.1", ""})
	rob, err := Robust(context.Background(), r, 0, Options{Draws: 3000, Seed: 1, Inputs: []Input{{Kind: LevelEdges, Spread: 5}}}, scoring.NewDisclosure(r, 5))
	if err != nil {
		t.Fatal(err)
	}
	if rob.Draws != 3000 || rob.Base != 1000 {
		t.Errorf("draws %d base %d, want 3000 1000", rob.Draws, rob.Base)
	}
	want := []float64{1, 0.6, 1, 1, 1}
	for i, u := range rob.Units {
		if math.Abs(u.KeepLevel-want[i]) > 0.04 {
			t.Errorf("unit %d (level %d): keeps it in %.3f of the draws, want %.2f", i, u.Level, u.KeepLevel, want[i])
		}
		if float64(u.Rank) != u.MedianRank || float64(u.Rank) != u.RankLow || float64(u.Rank) != u.RankHigh || u.Scored != 3000 {
			t.Errorf("unit %d: rank %d, draws %v–%v–%v over %d", i, u.Rank, u.RankLow, u.MedianRank, u.RankHigh, u.Scored)
		}
	}
	if u := rob.Units[1]; math.Abs(u.Levels[1]-0.4) > 0.04 || u.Levels[1]+u.Levels[2] != 1 {
		t.Errorf("unit at 41: level shares %v, want A 0.4, B 0.6", u.Levels)
	}
	if rob.Variance != 0 || !math.IsNaN(rob.Sensitivity[0].First) {
		t.Errorf("no rank ever moves: variance %v, indices %+v", rob.Variance, rob.Sensitivity)
	}
}

// TestRobustWeights: the units sit at (100, 0), (0, 100), … so the weight
// of D1 against D2 decides their order; the level edges decide no rank.
// All of the rank shift is due to the weights: S and ST ≈ 1 for them,
// exactly 0 for the edges (their AB matrix gives A's ranks back).
func TestRobustWeights(t *testing.T) {
	r := scoreRows(t, twoDims,
		[]string{"1", "0", ""}, []string{"0", "1", ""}, []string{"0.9", "0.2", ""}, []string{"0.2", "0.8", ""},
		[]string{"0.6", "0.45", ""}, []string{"0.45", "0.6", ""})
	o := Options{Draws: 4000, Seed: 7, Inputs: []Input{{Kind: Weights, Node: "overall", Spread: 0.5}, {Kind: LevelEdges, Spread: 3}}}
	rob, err := Robust(context.Background(), r, 0, o, scoring.NewDisclosure(r, 5))
	if err != nil {
		t.Fatal(err)
	}
	w, e := rob.Sensitivity[0], rob.Sensitivity[1]
	if math.Abs(w.First-1) > 0.1 || math.Abs(w.Total-1) > 0.1 || e.First != 0 || e.Total != 0 {
		t.Errorf("weights S %.3f ST %.3f (want ≈ 1), edges S %v ST %v (want 0)", w.First, w.Total, e.First, e.Total)
	}
	// Unit 1 (0, 100) is level C (≥ 60) exactly when w2 ≥ 1.5·w1 … by
	// symmetry units 0 and 1 reach level C equally often.
	if d := math.Abs(rob.Units[0].Levels[3] - rob.Units[1].Levels[3]); d > 0.05 {
		t.Errorf("mirror units reach C in %.3f and %.3f of the draws", rob.Units[0].Levels[3], rob.Units[1].Levels[3])
	}
	// Same seed, any number of workers: the same numbers.
	o.Workers = 1
	one, _ := Robust(context.Background(), r, 0, o, scoring.NewDisclosure(r, 5))
	o.Workers = 3
	three, _ := Robust(context.Background(), r, 0, o, scoring.NewDisclosure(r, 5))
	if !reflect.DeepEqual(one, three) || !reflect.DeepEqual(one.Units, rob.Units) {
		t.Error("results depend on the number of workers")
	}
	o.Seed = 8
	other, _ := Robust(context.Background(), r, 0, o, scoring.NewDisclosure(r, 5))
	if reflect.DeepEqual(other.Units, rob.Units) {
		t.Error("another seed gave the same draws")
	}
}

func TestRobustSuppressed(t *testing.T) {
	r := scoreRows(t, twoDims, []string{"1", "0", ""}, []string{"0", "1", ""})
	rob, err := Robust(context.Background(), r, 0, Options{Inputs: []Input{{Kind: LevelEdges, Spread: 3}}}, scoring.NewDisclosure(r, 5))
	if err != nil || !rob.Suppressed || rob.Units != nil || rob.Sensitivity != nil {
		t.Errorf("2 units, 5 needed: %+v, %v", rob, err)
	}
}

func TestRecordRanks(t *testing.T) {
	us := []scoring.UnitResult{
		{Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: 50})}, {Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: 80})},
		{Nodes: scoring.NodeScoresOf(scoring.NodeScore{State: scoring.Missing})}, {Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: 50 + 1e-10})},
		{Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: 20}), Level: 1},
	}
	d := &draws{units: 5, ranks: make([]int32, 5), levels: make([]uint8, 5), y: make([]float64, 1)}
	d.record(0, us, []int32{2, 1, 0, 3, 4}, &scoring.Ranker{})
	// 80 first; the two 50s tie at 2; 20 is fourth; the missing unit has none.
	if want := []int32{2, 1, 0, 2, 4}; !reflect.DeepEqual(d.ranks, want) {
		t.Errorf("ranks %v, want %v", d.ranks, want)
	}
	// |2−2| + |1−1| + |2−3| + |4−4| over 4 units.
	if d.y[0] != 0.25 || d.levels[4] != 1 {
		t.Errorf("shift %v, levels %v", d.y[0], d.levels)
	}
}

// TestRecordRanksEndOnNaN: ranking a draw ends whatever the scores are
// (no score can be NaN, scoring.MaxMagnitude; a run of ties that could not
// hold its own first score ranked forever).
func TestRecordRanksEndOnNaN(t *testing.T) {
	us := []scoring.UnitResult{{Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: math.NaN()})}, {Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: 80})},
		{Nodes: scoring.NodeScoresOf(scoring.NodeScore{Score: math.NaN()})}}
	d := &draws{units: 3, ranks: make([]int32, 3), levels: make([]uint8, 3), y: make([]float64, 1)}
	done := make(chan struct{})
	go func() {
		d.record(0, us, []int32{1, 2, 3}, &scoring.Ranker{})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("record did not return on a NaN score")
	}
	for i, rk := range d.ranks {
		if rk < 1 || rk > 3 {
			t.Errorf("unit %d: rank %d, want one of 1–3", i, rk)
		}
	}
}

func TestOptionsCheck(t *testing.T) {
	m := mustModel(t, twoDims+"    - id: D3\n      indicators: [{id: i4, question: Q4, scale: p}]\n")
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"few_draws", Options{Draws: 5, Inputs: []Input{{Kind: LevelEdges, Spread: 3}}}, "draws: at least 10 draws are needed, got 5"},
		{"no_inputs", Options{}, "uncertainty: no uncertain input is declared"},
		{"design", Options{Draws: 11, Inputs: []Input{{Kind: LevelEdges, Spread: 3}, {Kind: Weights, Spread: 0.1}, {Kind: Missing, Policies: []scoring.MissingPolicy{0, 1}}, {Kind: Aggregation, Aggregations: []scoring.Aggregation{0, 1}}}},
			"draws: 4 uncertain inputs need at least 12 draws (2 per sample of the sensitivity design), got 11"},
		{"dirichlet_one_child", Options{Inputs: []Input{{Kind: Dirichlet, Node: "D3", Concentration: 50}}},
			`input 1: node: a Dirichlet needs a node with two or more children; "D3" has one child`},
		{"dirichlet_no_node", Options{Inputs: []Input{{Kind: Dirichlet, Concentration: 50}}},
			"input 1: node: a Dirichlet draws the weights of one node's children: name the node"},
		{"dirichlet_concentration", Options{Inputs: []Input{{Kind: Dirichlet, Node: "D2", Concentration: 0}}},
			"input 1: concentration: the concentration must be between 0.01 and 1e+06, got 0"},
		// A concentration of 1e-12 drew shares that all underflowed to 0,
		// for ever; one of 1e308 drew NaN weights.
		{"dirichlet_tiny", Options{Inputs: []Input{{Kind: Dirichlet, Node: "D2", Concentration: 1e-12}}},
			"input 1: concentration: the concentration must be between 0.01 and 1e+06, got 1e-12"},
		{"dirichlet_huge", Options{Inputs: []Input{{Kind: Dirichlet, Node: "D2", Concentration: 1e308}}},
			"input 1: concentration: the concentration must be between 0.01 and 1e+06, got 1e+308"},
		{"many_draws", Options{Draws: 100_001, Inputs: []Input{{Kind: LevelEdges, Spread: 3}}},
			"draws: at most 100000 draws, got 100001 (each keeps a rank and a level of every unit: 100,000 draws of 10,786 units take 5 GiB)"},
		{"edges_huge", Options{Inputs: []Input{{Kind: LevelEdges, Spread: 1e308}}},
			"input 1: levels: the spread of level edges is a number of points above 0 and at most 100, got 1e+308"},
		{"weights_one_child", Options{Inputs: []Input{{Kind: Weights, Node: "D1", Spread: 0.2}}},
			`input 1: node: "D1" has one child: its weights are relative, varying them changes nothing`},
		{"weights_spread", Options{Inputs: []Input{{Kind: Weights, Node: "D2", Spread: 1}}},
			"input 1: spread: the spread of weights is a share between 0 and 1 (exclusive), got 1"},
		{"unknown_node", Options{Inputs: []Input{{Kind: Weights, Node: "D9", Spread: 0.2}}}, `input 1: node: unknown node "D9"`},
		{"twice", Options{Inputs: []Input{{Kind: Weights, Node: "D2", Spread: 0.2}, {Kind: Dirichlet, Node: "D2", Concentration: 9}}},
			"input 2: dirichlet: varies what input 1 varies already"},
		{"every_and_one", Options{Inputs: []Input{{Kind: Aggregation, Node: "D2", Aggregations: []scoring.Aggregation{0, 1}}, {Kind: Aggregation, Aggregations: []scoring.Aggregation{0, 2}}}},
			"input 2: aggregation: varies what input 1 varies already"},
		{"edges_cross", Options{Inputs: []Input{{Kind: LevelEdges, Spread: 10}}},
			"input 1: levels: edges moved by up to 10 points could cross: the narrowest band is 20 points wide, so the spread must be below 10"},
		{"sum", Options{Inputs: []Input{{Kind: Aggregation, Aggregations: []scoring.Aggregation{scoring.Mean, scoring.Sum}}}},
			"input 1: aggregation: sum counts points and is not an alternative to a mean"},
		{"one_choice", Options{Inputs: []Input{{Kind: Normalisation, Normalisations: []scoring.Normalisation{scoring.NormaliseRank}}}},
			"input 1: normalise: give two or more normalisations to choose from"},
		{"fine", Options{Inputs: []Input{{Kind: Normalisation, Normalisations: []scoring.Normalisation{scoring.NormaliseRank, scoring.NormaliseZScore}}, {Kind: Dirichlet, Node: "overall", Concentration: 30}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Check(m)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Check:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
	if err := (Options{Inputs: []Input{{Kind: Normalisation, Normalisations: []scoring.Normalisation{1, 2}}}}).Check(mustModel(t, strings.Replace(twoDims, "normalise: minmax", "goalposts: [0, 1]", 1))); err == nil || !strings.Contains(err.Error(), "no question of the model is normalised over the wave") {
		t.Errorf("normalise without a question normalised over the wave: %v", err)
	}
}

// TestSortRanks checks the counting sort of a unit's ranks, and its
// fallback for ranks spread wider than they are many, against a sort by
// comparison.
func TestSortRanks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	var sorted []float64
	var count []int32
	for _, tt := range []struct {
		name      string
		n, lo, hi int
	}{
		{"one", 1, 7, 7}, {"all equal", 50, 3, 3}, {"narrow", 1000, 40, 60},
		{"span as wide as allowed", 10, 1, 40}, {"wide", 10, 1, 10786}, {"rank 1 to n", 1000, 1, 1000},
	} {
		for range 20 {
			rk := make([]int32, tt.n)
			want := make([]float64, tt.n)
			for i := range rk {
				rk[i] = int32(tt.lo + r.IntN(tt.hi-tt.lo+1))
				want[i] = float64(rk[i])
			}
			slices.Sort(want)
			sorted, count = sortRanks(rk, sorted, count)
			if !slices.Equal(sorted, want) {
				t.Fatalf("%s: sortRanks(%v) = %v, want %v", tt.name, rk, sorted, want)
			}
		}
	}
}

// TestRobustRankedShare: a unit that answered only D2 is scored while D2
// carries at least half of the overall score's weight (min_coverage
// 0.5): with the weights drawn around 1:1, in about half the variants.
// Its ranks are over those, and RankedShare says so; the others are
// ranked in every variant.
func TestRobustRankedShare(t *testing.T) {
	src := strings.Replace(twoDims, "  name: R\n", "  name: R\n  missing: {min_coverage: 0.5}\n", 1)
	r := scoreRows(t, src,
		[]string{"", "0.9", "5"}, []string{"0.2", "0.3", "1"}, []string{"0.5", "0.5", "2"},
		[]string{"0.8", "0.6", "3"}, []string{"0.4", "0.9", "4"}, []string{"0.7", "0.1", "6"})
	if !r.Units[0].Overall().Scored() {
		t.Fatalf("unit 0 at equal weights: %+v, want scored (coverage 0.5)", r.Units[0].Overall())
	}
	o := Options{Draws: 3000, Seed: 3, Inputs: []Input{{Kind: Weights, Node: "overall", Spread: 0.5}}}
	rob, err := Robust(context.Background(), r, 0, o, scoring.NewDisclosure(r, 5))
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range rob.Units {
		want := 1.0
		if i == 0 {
			want = 0.5
		}
		if math.Abs(u.RankedShare-want) > 0.04 || u.RankedShare != float64(u.Scored)/float64(rob.Draws) {
			t.Errorf("unit %d: ranked in %.3f of the draws (%d of %d), want %.1f", i, u.RankedShare, u.Scored, rob.Draws, want)
		}
	}
}
