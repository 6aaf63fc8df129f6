package analyse

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// statsReference is testdata/stats/reference.json: the figures of
// items.csv as pandas and numpy compute them (see reference.py there).
type statsReference struct {
	Pearson, Spearman [][]float64
	Pairs             [][]int
	Skewness          []float64
	Kurtosis          []float64
	Floor, Ceiling    []float64
	First4, All       struct {
		N              int
		Alpha          float64
		AlphaIfDropped []float64 `json:"alpha_if_dropped"`
		ItemRest       []float64 `json:"item_rest"`
		FirstComponent float64   `json:"first_component"`
		Eigenvalues    []float64
	}
}

// readItems reads testdata/stats/items.csv: columns of numbers, empty for
// no value (NaN).
func readItems(t *testing.T) [][]float64 {
	t.Helper()
	f, err := os.Open("testdata/stats/items.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := make([][]float64, len(recs[0]))
	for _, rec := range recs[1:] {
		for j, cell := range rec {
			x := math.NaN()
			if cell != "" {
				if x, err = strconv.ParseFloat(cell, 64); err != nil {
					t.Fatal(err)
				}
			}
			cols[j] = append(cols[j], x)
		}
	}
	return cols
}

func readStatsReference(t *testing.T) statsReference {
	t.Helper()
	b, err := os.ReadFile("testdata/stats/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref statsReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-10*math.Max(1, math.Abs(b)) }

func TestCorrelationsAgainstPandas(t *testing.T) {
	cols, ref := readItems(t), readStatsReference(t)
	for a := range cols {
		for b := range cols {
			r, n := pearson(cols[a], cols[b])
			if !near(r, ref.Pearson[a][b]) || n != ref.Pairs[a][b] {
				t.Errorf("pearson(i%d, i%d) = %v (n %d), pandas %v (n %d)", a+1, b+1, r, n, ref.Pearson[a][b], ref.Pairs[a][b])
			}
			if s, _ := spearman(cols[a], cols[b]); !near(s, ref.Spearman[a][b]) {
				t.Errorf("spearman(i%d, i%d) = %v, pandas %v", a+1, b+1, s, ref.Spearman[a][b])
			}
		}
	}
}

func TestDistributionAgainstPandas(t *testing.T) {
	cols, ref := readItems(t), readStatsReference(t)
	for j, c := range cols {
		d := describe(c, nil)
		if !near(d.Skewness, ref.Skewness[j]) || !near(d.Kurtosis, ref.Kurtosis[j]) {
			t.Errorf("i%d: skewness %v kurtosis %v, pandas %v %v", j+1, d.Skewness, d.Kurtosis, ref.Skewness[j], ref.Kurtosis[j])
		}
		if !near(d.Floor, ref.Floor[j]) || !near(d.Ceiling, ref.Ceiling[j]) {
			t.Errorf("i%d: floor %v ceiling %v, want %v %v", j+1, d.Floor, d.Ceiling, ref.Floor[j], ref.Ceiling[j])
		}
	}
	if scoring.Skewness(nil) == scoring.Skewness(nil) {
		t.Error("skewness of nothing must be NaN")
	}
}

func TestReliabilityAgainstPandas(t *testing.T) {
	cols, ref := readItems(t), readStatsReference(t)
	for _, tt := range []struct {
		name string
		k    int
		want struct {
			N              int
			Alpha          float64
			AlphaIfDropped []float64 `json:"alpha_if_dropped"`
			ItemRest       []float64 `json:"item_rest"`
			FirstComponent float64   `json:"first_component"`
			Eigenvalues    []float64
		}
	}{{"first4", 4, ref.First4}, {"all", 6, ref.All}} {
		t.Run(tt.name, func(t *testing.T) {
			rel := reliability(cols[:tt.k])
			if rel.N != tt.want.N || !near(rel.Alpha, tt.want.Alpha) || !near(rel.FirstComponent, tt.want.FirstComponent) {
				t.Errorf("n %d alpha %v first component %v; want %d %v %v", rel.N, rel.Alpha, rel.FirstComponent, tt.want.N, tt.want.Alpha, tt.want.FirstComponent)
			}
			for j := range tt.k {
				if !near(rel.AlphaIfDropped[j], tt.want.AlphaIfDropped[j]) || !near(rel.ItemRest[j], tt.want.ItemRest[j]) {
					t.Errorf("item %d: alpha if dropped %v, item-rest %v; want %v %v", j+1, rel.AlphaIfDropped[j], rel.ItemRest[j], tt.want.AlphaIfDropped[j], tt.want.ItemRest[j])
				}
			}
			rows := completeRows(cols[:tt.k])
			c := make([][]float64, tt.k)
			for a := range c {
				c[a] = make([]float64, tt.k)
				for b := range c[a] {
					c[a][b], _ = pearson(pick(cols[a], rows), pick(cols[b], rows))
				}
			}
			ev := eigenvalues(c)
			slices.Sort(ev)
			for i := range ev {
				if math.Abs(ev[i]-tt.want.Eigenvalues[i]) > 1e-10 {
					t.Errorf("eigenvalues %v, numpy %v", ev, tt.want.Eigenvalues)
					break
				}
			}
		})
	}
}

func TestReliabilityByHand(t *testing.T) {
	x := []float64{10, 20, 30, 40, 50}
	neg := []float64{90, 80, 70, 60, 50}
	// Two equal items: var(sum) = 4 var(item), α = 2·(1 − 2/4) = 1; each
	// item correlates 1 with the other; one component carries it all.
	rel := reliability([][]float64{x, x})
	if !near(rel.Alpha, 1) || !near(rel.ItemRest[0], 1) || !near(rel.FirstComponent, 1) {
		t.Errorf("equal items: %+v", rel)
	}
	// An item and its mirror: the sum has no spread, α is not computable.
	rel = reliability([][]float64{x, neg})
	if !math.IsNaN(rel.Alpha) || !near(rel.ItemRest[0], -1) {
		t.Errorf("mirrored items: %+v", rel)
	}
	// Three items with one dropped by hand: α if i3 dropped is α(i1, i2).
	y := []float64{12, 18, 35, 38, 52}
	z := []float64{50, 10, 40, 20, 30}
	rel = reliability([][]float64{x, y, z})
	if want := cronbach([][]float64{x, y}); !near(rel.AlphaIfDropped[2], want) {
		t.Errorf("alpha if i3 dropped %v, want %v", rel.AlphaIfDropped[2], want)
	}
	// By hand: var(x) = 1000/4 = 250, var(y) = 1036/4 = 259, var(z) =
	// 1000/4 = 250; sum = (72, 48, 105, 98, 132), mean 91, var =
	// 4136/4 = 1034; α = 3/2·(1 − 759/1034).
	if want := 1.5 * (1 - 759.0/1034); !near(rel.Alpha, want) {
		t.Errorf("alpha %v, by hand %v", rel.Alpha, want)
	}
}

// TestSpearmanSorted: the rank-index path the validation takes gives
// spearman's and pearson's results bit for bit, on columns with gaps, ties, signed
// zeros, a constant column and columns without a common value.
func TestSpearmanSorted(t *testing.T) {
	nan := math.NaN()
	rng := rand.New(rand.NewPCG(7, 18))
	column := func(n int, gaps float64, values int) []float64 {
		c := make([]float64, n)
		for i := range c {
			switch {
			case rng.Float64() < gaps:
				c[i] = nan
			case values > 0:
				c[i] = float64(rng.IntN(values)) * 25 // few values: many ties
			default:
				c[i] = rng.NormFloat64()
			}
		}
		return c
	}
	cols := [][]float64{
		column(300, 0, 0), column(300, 0.2, 0), column(300, 0.5, 5), column(300, 0.1, 2),
		column(300, 0, 1), // constant
		column(300, 1, 0), // no value at all
		{0, math.Copysign(0, -1), 1, nan, 1, 0, 2, nan, math.Copysign(0, -1), 3},
		{1, 2, nan, 3, 3, 0, nan, 4, 5, 5},
	}
	var scratch spearmanScratch
	for a := range cols {
		for b := range cols {
			x, y := cols[a], cols[b]
			if len(x) != len(y) {
				continue
			}
			want, wn := spearman(x, y)
			wantP, pn := pearson(x, y)
			gotP, got, gn := pairCorrelations(x, y, newRankIndex(x), newRankIndex(y), &scratch)
			same := func(a, b float64) bool {
				return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
			}
			if !same(got, want) || gn != wn {
				t.Errorf("columns %d, %d: spearman from the rank indexes %v (n %d), spearman %v (n %d)", a, b, got, gn, want, wn)
			}
			if !same(gotP, wantP) || gn != pn {
				t.Errorf("columns %d, %d: pearson from the rank indexes %v (n %d), pearson %v (n %d)", a, b, gotP, gn, wantP, pn)
			}
		}
	}
}

// TestConstantColumns: a column whose numbers are all equal has no spread,
// so its correlations, skewness and kurtosis are not computable (NaN,
// shown "–"). Their mean, summed and divided, missed the number by a
// rounding error, and two constant dimensions (33.33 and 66.67) showed as
// near-duplicates with r = 1.00; five equal numbers had a skewness of 1.19.
func TestConstantColumns(t *testing.T) {
	rep := func(x float64, n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = x
		}
		return xs
	}
	varying := []float64{1, 5, 2, 8, 3, 9, 4, 7, 6, 10}
	both := make([]int, 10)
	for i := range both {
		both[i] = i
	}
	for _, tt := range []struct {
		name string
		x, y []float64
	}{
		{"two constants", rep(100.0/3, 10), rep(200.0/3, 10)},
		{"a constant and a varying column", rep(0.1, 10), varying},
		{"a varying and a constant column", varying, rep(7.3, 10)},
	} {
		if r, _ := pearson(tt.x, tt.y); !math.IsNaN(r) {
			t.Errorf("%s: pearson %v, want none", tt.name, r)
		}
		if r := pearsonOn(tt.x, tt.y, both); !math.IsNaN(r) {
			t.Errorf("%s: pearsonOn %v, want none", tt.name, r)
		}
	}
	for _, xs := range [][]float64{rep(0.1, 5), rep(7.3, 7), rep(100.0/3, 10)} {
		if s, k := scoring.Skewness(xs), scoring.Kurtosis(xs); !math.IsNaN(s) || !math.IsNaN(k) {
			t.Errorf("%d × %v: skewness %v, kurtosis %v, want none", len(xs), xs[0], s, k)
		}
	}
	if r, _ := pearson(varying, varying); r != 1 {
		t.Errorf("a column with itself: r = %v, want 1", r)
	}
}

// TestSpearmanNearTies: two scores that are equal but for the last bits of
// their sums (the example's Tharandt and Arzberg, Personal & Kompetenzen
// 91.2, one of them 91.19999999999999) share their rank, as scoring ranks
// them (within 1e-9). Spearman ranked them apart: its figure rested on a
// rounding error, and the example's correlations of that dimension missed
// by up to 6.4e-5 what scipy gives on the scores of the workbook, whose
// cells keep 15 significant digits. The reference is scipy's
// (testdata/stats/near_ties.py).
func TestSpearmanNearTies(t *testing.T) {
	f, err := os.Open("testdata/stats/near_ties.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var x, y []float64
	for _, rec := range recs[1:] {
		a, errA := strconv.ParseFloat(rec[0], 64)
		b, errB := strconv.ParseFloat(rec[1], 64)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		x, y = append(x, a), append(y, b)
	}
	b, err := os.ReadFile("testdata/stats/near_ties.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Spearman float64 }
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if got, _ := spearman(x, y); !near(got, ref.Spearman) {
		t.Errorf("spearman = %v, scipy on the scores rounded to 9 decimals %v", got, ref.Spearman)
	}
	var scratch spearmanScratch
	if _, got, _ := pairCorrelations(x, y, newRankIndex(x), newRankIndex(y), &scratch); !near(got, ref.Spearman) {
		t.Errorf("spearman from the rank indexes = %v, scipy %v", got, ref.Spearman)
	}
	// Compare (reifegrad diff) ranks the overall scores of two models so.
	if got, _ := spearman(y, x); !near(got, ref.Spearman) {
		t.Errorf("spearman(y, x) = %v, scipy %v", got, ref.Spearman)
	}
}
