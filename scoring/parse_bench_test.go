package scoring_test

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// BenchmarkScaleParse reads typical answers of a yes/no scale, a five-step
// agreement scale and a number.
func BenchmarkScaleParse(b *testing.B) {
	m := benchModel(b, 16)
	janein, zustimmung, anzahl := m.Scales["janein"], m.Scales["zustimmung"], m.Scales["anzahl"]
	answers := []string{"ja", "nein", "teilweise", "Ja", "weiß nicht", ""}
	agree := []string{"trifft voll zu", "trifft eher zu", "teils/teils", "trifft nicht zu"}
	var sink float64
	for b.Loop() {
		for _, a := range answers {
			sink += janein.Parse(a).Value
		}
		for _, a := range agree {
			sink += zustimmung.Parse(a).Value
		}
		sink += anzahl.Parse("17").Value
	}
	_ = sink
	_ = scoring.Answer{}
}
