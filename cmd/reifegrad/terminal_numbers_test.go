package main

import (
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestTerminalNumbers: the terminal writes figures as the pages do
// (reports/html catalog.num and catalog.signed): a decimal comma in German,
// a true minus sign (U+2212) in either language, never "-0,0", and a change
// that rounds to zero as "±0,0" — it has no direction, so neither "+" nor
// "−" fits (diff printed "+0,0" and "-0,5").
func TestTerminalNumbers(t *testing.T) {
	for _, tt := range []struct {
		lang     scoring.Language
		x        float64
		prec     int
		num, sig string
	}{
		{scoring.German, -0.5, 1, "−0,5", "−0,5"},
		{scoring.German, 1.5, 1, "1,5", "+1,5"},
		{scoring.German, 0, 1, "0,0", "±0,0"},
		{scoring.German, 0.04, 1, "0,0", "±0,0"},
		{scoring.German, -0.04, 1, "0,0", "±0,0"},
		{scoring.German, -0.0049, 2, "0,00", "±0,00"},
		{scoring.German, -0.09, 2, "−0,09", "−0,09"},
		{scoring.English, -0.5, 1, "−0.5", "−0.5"},
		{scoring.English, 0, 1, "0.0", "±0.0"},
		{scoring.English, 12.25, 1, "12.3", "+12.3"},
		{scoring.German, math.NaN(), 1, "–", "–"},
		// Thousands grouped as the pages group them: a rank interval read
		// "10786" beside "Rang 10.786".
		{scoring.German, 10786, 0, "10.786", "+10.786"},
		{scoring.English, 10786, 0, "10,786", "+10,786"},
		{scoring.German, -3264.5, 1, "−3.264,5", "−3.264,5"},
		{scoring.English, -3264.5, 1, "−3,264.5", "−3,264.5"},
		{scoring.German, 999.95, 1, "1.000,0", "+1.000,0"},
		{scoring.German, 1234567.891, 2, "1.234.567,89", "+1.234.567,89"},
		{scoring.English, 999, 0, "999", "+999"},
	} {
		if got := fnum(tt.lang, tt.x, tt.prec); got != tt.num {
			t.Errorf("fnum(%s, %g, %d) = %q, want %q", tt.lang, tt.x, tt.prec, got, tt.num)
		}
		if got := signed(tt.lang, tt.x, tt.prec); got != tt.sig {
			t.Errorf("signed(%s, %g, %d) = %q, want %q", tt.lang, tt.x, tt.prec, got, tt.sig)
		}
	}
}
