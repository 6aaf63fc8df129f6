package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestInnerMeanAgainstInnerAny: innerMean, which finds the range of the
// values by comparisons, gives every node the score, state, coverage and
// imputed flag innerAny gives it through aggregate (Go's min and max),
// bit for bit — on children whose scores are drawn to meet the cases
// where the two ways of finding a range differ or a mean lands on its
// end: −0 beside +0, NaN, infinities, equal values, means that round
// past their values, weights of 0, children not applicable or not asked,
// missing children under every policy, imputed ones, and coverages kept
// apart or in the flags.
func TestInnerMeanAgainstInnerAny(t *testing.T) {
	negZero := math.Copysign(0, -1)
	values := []float64{0, negZero, 100, 100, 100, 50, 1.0 / 3, 2.0 / 3, 99.99999999999999, 100.00000000000001,
		math.NaN(), math.Inf(1), math.Inf(-1), 1e-300, -1e-300, 0.1, 0.2, 0.3}
	weights := []float64{1, 1, 2.5, 0.1, 3, 0, 1e-9, 7}
	states := []State{Scored, Scored, Scored, Scored, Missing, NotRated, NotApplies, Unasked}
	covs := []float64{1, 1, 0, 0.5, 1.0 / 3}
	r := rand.New(rand.NewPCG(18, 18))
	zeros := 0
	for trial := range 200000 {
		k := 1 + r.IntN(6)
		n := &Node{Index: 0, Aggregation: Aggregation(r.IntN(2)) * Sum, Policy: MissingPolicy(r.IntN(3)), MinCoverage: []float64{0, 0.6}[r.IntN(2)]}
		wts := make([]float64, k)
		// A pool of two or three values per node, so that ties and equal
		// values (a mean on the end of its range) are common.
		pool := []float64{values[r.IntN(len(values))], values[r.IntN(len(values))], values[r.IntN(len(values))]}
		if r.IntN(4) == 0 {
			pool = pool[:1]
		}
		ns := NodeScores{scores: make([]float64, k+1), flags: make([]uint8, k+1), covs: make([]float64, k+1), slot: make([]int32, k+1)}
		for c := 1; c <= k; c++ {
			n.Children = append(n.Children, c)
			wts[c-1] = weights[r.IntN(len(weights))]
			ns.slot[c] = int32(c)
			st := states[r.IntN(len(states))]
			cov := covs[r.IntN(len(covs))]
			if r.IntN(2) == 0 { // coverage in the flags: 0 or 1
				ns.slot[c] = -1
				cov = float64(r.IntN(2))
			}
			ns.scores[c] = pool[r.IntN(len(pool))]
			ns.put(c, st, cov, r.IntN(8) == 0)
		}
		means := make([]float64, (k+1)*2) // one group and the whole wave
		for j := range means {
			means[j] = pool[r.IntN(len(pool))]
			if r.IntN(4) == 0 {
				means[j] = math.NaN()
			}
		}
		score := func(mean bool) NodeScore {
			s := ns.Clone()
			kids := make([]kid, k)
			for j, c := range n.Children {
				kids[j] = kid{w: wts[j], c: int32(c), slot: ns.slot[c]}
			}
			w := &waveRun{units: []UnitResult{{Nodes: s}}, kids: [][]kid{kids}, groupOf: []int{r.IntN(2) - 1}, ngroups: 2}
			wk := &worker{w: w}
			if mean {
				wk.innerMean(0, n, means)
			} else {
				wk.innerAny(0, n, means)
			}
			return s.At(0)
		}
		seed := r.Uint64()
		r = rand.New(rand.NewPCG(seed, 1))
		got := score(true)
		r = rand.New(rand.NewPCG(seed, 1))
		want := score(false)
		r = rand.New(rand.NewPCG(seed, 2))
		if math.Float64bits(got.Score) != math.Float64bits(want.Score) || math.Float64bits(got.Coverage) != math.Float64bits(want.Coverage) ||
			got.State != want.State || got.Imputed != want.Imputed {
			t.Fatalf("trial %d: node %+v, weights %v, children %+v: innerMean %+v (score bits %x), innerAny %+v (score bits %x)",
				trial, n, wts, ns, got, math.Float64bits(got.Score), want, math.Float64bits(want.Score))
		}
		if got.State == Scored && got.Score == 0 {
			zeros++
		}
	}
	if zeros == 0 {
		t.Fatal("no node scored 0: the values do not reach the signs of zero")
	}
}
