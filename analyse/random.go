package analyse

import (
	"math"
	"math/rand/v2"
)

// gamma draws from the Gamma(shape, 1) distribution (Marsaglia and Tsang
// 2000; for shape < 1 boosted by U^(1/shape)).
func gamma(rng *rand.Rand, shape float64) float64 {
	if shape < 1 {
		u := rng.Float64()
		for u == 0 {
			u = rng.Float64()
		}
		return gamma(rng, shape+1) * math.Pow(u, 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// dirichlet draws weights around w: shares from Dirichlet(c·w/Σw), times
// Σw, so that their mean is w and a larger concentration c keeps them
// closer (the variance of share i is πᵢ(1 − πᵢ)/(c + 1)). dst receives them.
func dirichlet(rng *rand.Rand, w []float64, c float64, dst []float64) {
	var sw float64
	for _, x := range w {
		sw += x
	}
	var sg float64
	// Every draw underflowing to 0 is possible for small shapes; with the
	// concentration at least MinConcentration it is rare enough to draw
	// again.
	for sg == 0 {
		for i, x := range w {
			dst[i] = gamma(rng, c*x/sw)
			sg += dst[i]
		}
	}
	for i := range dst {
		dst[i] = dst[i] / sg * sw
	}
}
