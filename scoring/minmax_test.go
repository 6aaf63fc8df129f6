package scoring

import (
	"math"
	"testing"
)

// TestMinOfMaxOf: minOf and maxOf give the builtins' floats, bit for bit,
// for numbers, infinities, NaN and zeros of either sign.
func TestMinOfMaxOf(t *testing.T) {
	xs := []float64{math.Inf(-1), -100, -1e-300, math.Copysign(0, -1), 0, 1e-300, 0.5, 50, 100, math.Inf(1), math.NaN()}
	for _, a := range xs {
		for _, b := range xs {
			if got, want := minOf(a, b), min(a, b); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("minOf(%v, %v) = %v, min %v", a, b, got, want)
			}
			if got, want := maxOf(a, b), max(a, b); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("maxOf(%v, %v) = %v, max %v", a, b, got, want)
			}
		}
	}
}
