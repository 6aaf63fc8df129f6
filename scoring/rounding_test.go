package scoring

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

func TestRounding(t *testing.T) {
	threshold := NewRounding(Levels{Method: Threshold, List: []Level{{Ordinal: 1, Min: 0}, {Ordinal: 2, Min: 40}, {Ordinal: 3, Min: 60}}})
	staged := NewRounding(Levels{Method: Staged, List: []Level{
		{Ordinal: 1, Criteria: []Criterion{{Node: 1, Min: 0}}},
		{Ordinal: 2, Criteria: []Criterion{{Node: 1, Min: 33.33}, {Node: 0, Min: 60}}}}})
	// Expectations by hand: one decimal unless it crosses an edge, then
	// the fewest that do not (Decimals), text cut at three decimals.
	cases := []struct {
		name string
		r    Rounding
		x    float64
		text string
		dec  int
	}{
		{"far from every edge", threshold, 47.25, "47.2", 1}, // 47.25 is exact in binary: to even
		{"below 60, one decimal reaches it", threshold, 59.96, "59.96", 2},
		{"below 60, one decimal does not", threshold, 59.94, "59.9", 1},
		{"above 60", threshold, 60.04, "60.0", 1},
		{"exactly 60", threshold, 60, "60.0", 1},
		{"59.95 rounds up to 60.0", threshold, 59.95, "59.95", 2},
		{"two decimals still reach", threshold, 59.996, "59.996", 3},
		{"three decimals still reach: cut", threshold, 59.9996, "59.999", 4},
		{"39.999999 never 40.0", threshold, 39.999999, "39.999", 6},
		{"within 1e-9 below 60 reaches it", threshold, 60 - 5e-10, "60.0", 1},
		{"2e-9 below 60 does not", threshold, 60 - 2e-9, "59.999", 9},
		// 59.995 is 59.99499… in binary: Go writes 59.99, a spreadsheet
		// rounds the decimal 59.995 half up to 60.00.
		{"spreadsheet rounding", threshold, 59.995, "59.995", 3},
		{"no edge at 100", threshold, 99.99, "100.0", 1},
		{"the first band's 0 is no edge", threshold, -0.04, "-0.0", 1},
		{"staged criterion 33.33 reached", staged, 33.331, "33.33", 2},
		{"staged criterion 33.33 not reached", staged, 33.3299, "33.3", 1},
		{"staged criterion 60 on the overall score", staged, 59.97, "59.97", 2},
		{"staged criterion 0, z-score below", staged, -0.04, "-0.04", 2},
		{"no levels", Rounding{}, 59.96, "60.0", 1},
		{"NaN", threshold, math.NaN(), "NaN", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.r.Text(c.x); got != c.text {
				t.Errorf("Text(%v) = %q, want %q", c.x, got, c.text)
			}
			if got := c.r.Decimals(c.x); got != c.dec {
				t.Errorf("Decimals(%v) = %d, want %d", c.x, got, c.dec)
			}
		})
	}
}

func TestNewRoundingEdges(t *testing.T) {
	cases := []struct {
		name string
		ls   Levels
		want []float64
	}{
		{"threshold: minima above the first", Levels{Method: Threshold, List: []Level{{Min: 0}, {Min: 20}, {Min: 40}}}, []float64{20, 40}},
		{"staged: every criterion, once, ascending", Levels{Method: Staged, List: []Level{
			{Criteria: []Criterion{{Node: 1, Min: 50}, {Node: 2, Min: 0}}},
			{Criteria: []Criterion{{Node: 1, Min: 70}, {Node: 2, Min: 50}}}}}, []float64{0, 50, 70}},
	}
	for _, c := range cases {
		if got := NewRounding(c.ls).edges; !slices.Equal(got, c.want) {
			t.Errorf("%s: edges %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRoundingNeverCrosses rounds random scores near edges: the text, and
// the full value shown with Decimals by a spreadsheet (the decimal half
// up), lie on the side of each edge the level rule (Reaches) puts the
// score on.
func TestRoundingNeverCrosses(t *testing.T) {
	edges := []float64{20, 33.3, 60, 87.5}
	r := NewRounding(Levels{Method: Threshold, List: []Level{{Min: 0}, {Min: 20}, {Min: 33.3}, {Min: 60}, {Min: 87.5}}})
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200000 {
		e := edges[rng.IntN(len(edges))]
		x := e + (rng.Float64()-0.5)*0.2*math.Pow(10, -float64(rng.IntN(9)))
		text, _ := strconv.ParseFloat(r.Text(x), 64)
		d := r.Decimals(x)
		sheet, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
		for _, e := range edges {
			if Reaches(x, e) != (text >= e) {
				t.Fatalf("%.17g: text %q is on the other side of %v", x, r.Text(x), e)
			}
			if Reaches(x, e) != (sheet >= e) && math.Abs(x-e) > 1e-11 {
				t.Fatalf("%.17g at %d decimals (%v) is on the other side of %v", x, d, sheet, e)
			}
		}
	}
}

// BenchmarkRounding formats the overall scores of 10,000 random units, as
// profiles do, by the rule (Text) and, as the baseline in the same run,
// with one decimal (strconv): the rule's cost is the ratio, about 1 when
// few scores lie near an edge.
//
//	go test ./scoring -run '^$' -bench Rounding
func BenchmarkRounding(b *testing.B) {
	r := NewRounding(Levels{Method: Threshold, List: []Level{{Min: 0}, {Min: 20}, {Min: 40}, {Min: 60}, {Min: 80}}})
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 10000)
	for i := range xs {
		xs[i] = rng.Float64() * 100
	}
	var n int
	var base, rule float64
	b.Run("one-decimal", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				n += len(strconv.FormatFloat(x, 'f', 1, 64))
			}
		}
		base = float64(b.Elapsed().Nanoseconds()) / float64(b.N*len(xs))
	})
	b.Run("rule", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				n += len(r.Text(x))
			}
		}
		rule = float64(b.Elapsed().Nanoseconds()) / float64(b.N*len(xs))
		b.ReportMetric(rule, "ns/score")
		if base > 0 {
			b.ReportMetric(rule/base, "x-one-decimal")
		}
	})
	_ = n
}
