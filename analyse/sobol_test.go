package analyse

import (
	"math"
	"math/rand/v2"
	"testing"
)

// estimate runs the design on f with inputs uniform on [lo, hi].
func estimate(n, k int, lo, hi float64, f func(x []float64) float64) (first, total []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	a, b := make([][]float64, n), make([][]float64, n)
	for r := range n {
		a[r], b[r] = make([]float64, k), make([]float64, k)
		for j := range k {
			a[r][j] = lo + (hi-lo)*rng.Float64()
			b[r][j] = lo + (hi-lo)*rng.Float64()
		}
	}
	d := design{n: n, k: k}
	y := make([]float64, d.rows())
	x := make([]float64, k)
	for e := range y {
		for j := range k {
			row, fromB := d.source(e, j)
			x[j] = a[row][j]
			if fromB {
				x[j] = b[row][j]
			}
		}
		y[e] = f(x)
	}
	first, total, _ = d.indices(y)
	return first, total
}

// TestSobolIshigami: the Ishigami function, whose indices are known
// analytically (Ishigami and Homma 1990; a = 7, b = 0.1): with
// V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = 8b²π⁸/225 and
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, S = (V1, V2, 0)/V and
// ST = (V1 + V13, V2, V13)/V — about (0.314, 0.442, 0) and
// (0.558, 0.442, 0.244).
func TestSobolIshigami(t *testing.T) {
	const a, b = 7.0, 0.1
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * math.Pow(1+b*pi4/5, 2)
	v2 := a * a / 8
	v13 := 8 * b * b * pi4 * pi4 / 225
	v := a*a/8 + b*pi4/5 + b*b*pi4*pi4/18 + 0.5
	wantS := []float64{v1 / v, v2 / v, 0}
	wantST := []float64{(v1 + v13) / v, v2 / v, v13 / v}
	first, total := estimate(50000, 3, -math.Pi, math.Pi, func(x []float64) float64 {
		return math.Sin(x[0]) + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*math.Sin(x[0])
	})
	for j := range 3 {
		if math.Abs(first[j]-wantS[j]) > 0.02 || math.Abs(total[j]-wantST[j]) > 0.02 {
			t.Errorf("x%d: S %.4f ST %.4f, analytic %.4f %.4f", j+1, first[j], total[j], wantS[j], wantST[j])
		}
	}
}

// TestSobolG: Sobol's G function Π (|4xᵢ − 2| + aᵢ)/(1 + aᵢ) on [0, 1]⁶,
// with Vᵢ = 1/(3(1 + aᵢ)²), V = Π(1 + Vᵢ) − 1, Sᵢ = Vᵢ/V and
// STᵢ = Vᵢ·Π_{j≠i}(1 + Vⱼ)/V (Saltelli et al. 2010).
func TestSobolG(t *testing.T) {
	as := []float64{0, 1, 4.5, 9, 99, 99}
	vi := make([]float64, len(as))
	prod := 1.0
	for i, a := range as {
		vi[i] = 1 / (3 * (1 + a) * (1 + a))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	first, total := estimate(50000, len(as), 0, 1, func(x []float64) float64 {
		g := 1.0
		for i, a := range as {
			g *= (math.Abs(4*x[i]-2) + a) / (1 + a)
		}
		return g
	})
	for i := range as {
		s, st := vi[i]/v, vi[i]*prod/(1+vi[i])/v
		if math.Abs(first[i]-s) > 0.02 || math.Abs(total[i]-st) > 0.02 {
			t.Errorf("x%d: S %.4f ST %.4f, analytic %.4f %.4f", i+1, first[i], total[i], s, st)
		}
	}
}

// TestSobolConstant: an output that does not vary has no indices.
func TestSobolConstant(t *testing.T) {
	first, total := estimate(10, 2, 0, 1, func([]float64) float64 { return 3 })
	for j := range 2 {
		if !math.IsNaN(first[j]) || !math.IsNaN(total[j]) {
			t.Errorf("constant output: S %v ST %v, want NaN", first[j], total[j])
		}
	}
}

// TestDirichletMoments: the draws around weights (1, 2, 3) with
// concentration 20 have mean (1, 2, 3) and share variances
// πᵢ(1 − πᵢ)/21, πᵢ = wᵢ/6.
func TestDirichletMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 7))
	w := []float64{1, 2, 3}
	const n, c = 200000, 20.0
	var sum, sum2 [3]float64
	d := make([]float64, 3)
	for range n {
		dirichlet(rng, w, c, d)
		for i, x := range d {
			sum[i] += x
			sum2[i] += (x / 6) * (x / 6)
		}
	}
	for i := range w {
		mean := sum[i] / n
		pi := w[i] / 6
		v := sum2[i]/n - pi*pi
		if math.Abs(mean-w[i]) > 0.01*w[i] || math.Abs(v-pi*(1-pi)/(c+1)) > 0.03*pi*(1-pi)/(c+1) {
			t.Errorf("weight %d: mean %v (want %v), share variance %v (want %v)", i, mean, w[i], v, pi*(1-pi)/(c+1))
		}
	}
}
