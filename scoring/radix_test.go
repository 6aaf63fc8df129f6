package scoring

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSortKeyed checks the radix sort of scores against a stable sort by
// comparison of the scores themselves: the same units in the same order,
// equal scores in the order they came. Scores of every kind a node can
// have and some it cannot (negative, ±0, huge), few distinct or all
// distinct, below and above radixMin.
func TestSortKeyed(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	draws := map[string]func() float64{
		"means of few answers": func() float64 { return float64(r.IntN(9)) * 12.5 },
		"any on 0–100":         func() float64 { return 100 * r.Float64() },
		"negative and signed zeros": func() float64 {
			return []float64{-3.5, math.Copysign(0, -1), 0, 1e-300, -1e300, 7}[r.IntN(6)]
		},
		"full range": func() float64 { return math.Float64frombits(r.Uint64()&^(0x7ff<<52) | uint64(r.IntN(0x7ff))<<52) },
	}
	for name, draw := range draws {
		for _, n := range []int{0, 1, 2, radixMin - 1, radixMin, 1000, 10786} {
			xs := make([]keyed, n)
			vals := make([]float64, n)
			for i := range xs {
				vals[i] = draw()
				xs[i] = keyed{scoreKey(vals[i]), int32(i)}
			}
			want := slices.Clone(xs)
			slices.SortStableFunc(want, func(a, b keyed) int {
				va, vb := vals[a.unit], vals[b.unit]
				if va == 0 && vb == 0 { // −0 below +0, as the key has it
					return signRank(vb) - signRank(va)
				}
				return cmp.Compare(va, vb)
			})
			got := sortKeyed(xs)
			if !slices.Equal(got, want) {
				t.Errorf("%s, %d scores: sorted differently", name, n)
			}
		}
	}
}

// signRank is 1 for a negative sign, else 0.
func signRank(f float64) int {
	if math.Signbit(f) {
		return 1
	}
	return 0
}

// TestRanker checks Ranker against ranks counted one unit at a time: a
// unit's rank is one more than the units above the highest score of its
// run, where a run starts at the highest score not yet ranked and takes
// every score within tieTolerance of it. Scores with near-ties (1e-10
// apart), exact ties and units without a score, below and above
// radixMin, ranked again and again by one Ranker.
func TestRanker(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	var rk Ranker
	for round := range 40 {
		n := []int{0, 1, 5, radixMin - 1, radixMin, 1079}[round%6]
		us := make([]UnitResult, n)
		for i := range us {
			s := NodeScore{State: Scored, Score: float64(r.IntN(12)) * 8.5}
			switch r.IntN(5) {
			case 0:
				s.Score += 1e-10 * float64(r.IntN(3)) // within the tolerance
			case 1:
				s.State = Missing
			case 2:
				s.Score = 100 * r.Float64()
			}
			us[i].Nodes = NodeScoresOf(s)
		}
		got := make([]int32, n)
		rk.Rank(us, got)
		// The runs, highest first, by counting: take the highest score not
		// yet ranked; every unranked score within the tolerance of it
		// shares the rank 1 + the units ranked before.
		want := make([]int32, n)
		done := 0
		for {
			top := -1
			for i, u := range us {
				if u.Nodes.At(0).Scored() && want[i] == 0 && (top < 0 || u.Nodes.At(0).Score > us[top].Nodes.At(0).Score) {
					top = i
				}
			}
			if top < 0 {
				break
			}
			rank := int32(done + 1)
			for i, u := range us {
				if u.Nodes.At(0).Scored() && want[i] == 0 && us[top].Nodes.At(0).Score-u.Nodes.At(0).Score <= tieTolerance {
					want[i] = rank
					done++
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d, %d units: ranks differ\n got %v\nwant %v", round, n, got, want)
		}
	}
}

// TestByUnit checks the radix sort of responses by unit id against a sort
// by comparison of the ids, and its "distinct" against a set of the ids:
// AGS, ids shorter than others they begin, bytes above 0x7f, and ids it
// must leave to comparison (longer than eight bytes, a NUL byte).
func TestByUnit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	alphabets := map[string]string{
		"digits":        "0123456789",
		"prefixes":      "01",
		"high bytes":    "a\x7f\x80\xc3\xa4\xff",
		"with NUL":      "1\x002",
		"any printable": "0aZ-_. ",
	}
	for name, alpha := range alphabets {
		for _, maxLen := range []int{1, 3, 8, 10} {
			for _, n := range []int{0, 1, 2, radixMin - 1, radixMin, 3000} {
				rs := make([]*Response, n)
				for i := range rs {
					id := make([]byte, r.IntN(maxLen+1))
					for j := range id {
						id[j] = alpha[r.IntN(len(alpha))]
					}
					rs[i] = &Response{Unit: Unit{ID: UnitID(id)}, Row: i}
				}
				sorted, distinct, ok := byUnit(slices.Clone(rs))
				wantOK := !slices.ContainsFunc(rs, func(r *Response) bool {
					return len(r.Unit.ID) > 8 || strings.IndexByte(string(r.Unit.ID), 0) >= 0
				})
				if ok != wantOK {
					t.Fatalf("%s, ≤%d bytes, %d: ok %v, want %v", name, maxLen, n, ok, wantOK)
				}
				if !ok {
					continue
				}
				want := slices.Clone(rs)
				slices.SortStableFunc(want, func(a, b *Response) int { return cmp.Compare(a.Unit.ID, b.Unit.ID) })
				if !slices.Equal(sorted, want) {
					t.Fatalf("%s, ≤%d bytes, %d: order differs from sorting the ids", name, maxLen, n)
				}
				seen := map[UnitID]bool{}
				wantDistinct := true
				for _, r := range rs {
					wantDistinct = wantDistinct && !seen[r.Unit.ID]
					seen[r.Unit.ID] = true
				}
				if distinct != wantDistinct {
					t.Fatalf("%s, ≤%d bytes, %d: distinct %v, want %v", name, maxLen, n, distinct, wantDistinct)
				}
			}
		}
	}
}
