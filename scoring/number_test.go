package scoring

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestShortDecimalAgreesWithStrconv checks the fast path of ParseNumber
// against strconv on random numbers of up to 15 digits, written with a
// decimal point and with a decimal comma: the results must be identical,
// bit for bit.
func TestShortDecimalAgreesWithStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		digits := 1 + r.IntN(15)
		var b strings.Builder
		if r.IntN(4) == 0 {
			b.WriteByte('-')
		}
		for range digits {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		s := b.String()
		if frac := r.IntN(digits + 1); frac > 0 && frac < digits {
			cut := len(s) - frac
			s = s[:cut] + "." + s[cut:]
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []struct {
			s string
			d Decimal
		}{{s, DecimalAuto}, {s, DecimalPoint}, {strings.Replace(s, ".", ",", 1), DecimalAuto}, {strings.Replace(s, ".", ",", 1), DecimalComma}} {
			got, ok := ParseNumber(in.s, in.d)
			if !ok || got != want {
				t.Fatalf("ParseNumber(%q, %v) = %v, %v; strconv says %v", in.s, in.d, got, ok, want)
			}
		}
	}
}

func TestShortDecimalDeclines(t *testing.T) {
	for _, tt := range []struct {
		s string
		d Decimal
	}{
		{"1.234", DecimalComma}, {"3,5", DecimalPoint}, {"1.234,5", DecimalAuto}, {"1e3", DecimalAuto},
		{"12.", DecimalAuto}, {"-", DecimalAuto}, {"1234567890123456", DecimalAuto}, {"1 234", DecimalAuto},
	} {
		if x, ok := shortDecimal(tt.s, tt.d); ok {
			t.Errorf("shortDecimal(%q, %v) = %v, true; want it to leave the number to the long way", tt.s, tt.d, x)
		}
	}
}
