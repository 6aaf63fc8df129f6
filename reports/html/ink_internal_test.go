package html

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

// contrastRatio is WCAG 2.1's contrast ratio of two colours "#rrggbb",
// worked out here apart from luminance in chart.go.
func contrastRatio(t *testing.T, a, b string) float64 {
	t.Helper()
	l := func(c string) float64 {
		var y float64
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			v, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
			if err != nil {
				t.Fatalf("colour %q: %v", c, err)
			}
			s := float64(v) / 255
			if s <= 0.03928 {
				y += w * s / 12.92
			} else {
				y += w * math.Pow((s+0.055)/1.055, 2.4)
			}
		}
		return y
	}
	x, y := l(a), l(b)
	return (math.Max(x, y) + 0.05) / (math.Min(x, y) + 0.05)
}

// TestInkOn checks that text inked by inkOn has 4.5:1 on every colour it
// is written on: the level colours of every number of levels (the level
// badge, the numbers in the shares by size class and by wave), the colour
// of no level, and every colour of the heatmap's scale. The orange of the
// first level had 4.1:1 with the dark ink, the blue #3182bd 4.2:1 with
// white, the heatmap's blue at 60 3.2:1 with white.
func TestInkOn(t *testing.T) {
	var colours []string
	for n := 1; n <= 9; n++ {
		colours = append(colours, levelPalette(n)...)
	}
	colours = append(colours, noLevelColour)
	for v := 0.0; v <= 100; v += 0.1 {
		colours = append(colours, heatColour(v))
	}
	for _, c := range colours {
		if r := contrastRatio(t, inkOn(c), c); r < 4.5 {
			t.Errorf("inkOn(%s) = %s: %.2f:1, want 4.5:1", c, inkOn(c), r)
		}
	}
	// Where the page's ink or white reads well, they stay.
	for _, tt := range []struct{ bg, want string }{
		{"#08306b", "#ffffff"}, {"#fdae6b", inkColour}, {"#f7fbff", inkColour}, {"#e6550d", "#000000"}, {"#3182bd", "#000000"},
	} {
		if got := inkOn(tt.bg); got != tt.want {
			t.Errorf("inkOn(%s) = %s, want %s", tt.bg, got, tt.want)
		}
	}
}

// TestHeatColour compares heatColour with the colours ECharts 5.6 painted
// the Saxony overview's heatmap cells in (read in Chromium), and with the
// ends of the scale.
func TestHeatColour(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want [3]int
	}{
		{0, [3]int{0xf7, 0xfb, 0xff}}, {100, [3]int{0x08, 0x30, 0x6b}}, {50, [3]int{0x6b, 0xae, 0xd6}},
		{60.3, [3]int{77, 149, 200}}, {60.5, [3]int{76, 148, 200}}, {60.9, [3]int{75, 147, 200}},
		{61.4, [3]int{73, 146, 199}}, {62.7, [3]int{69, 143, 197}},
	} {
		want := fmt.Sprintf("#%02x%02x%02x", tt.want[0], tt.want[1], tt.want[2])
		if got := heatColour(tt.v); got != want {
			t.Errorf("heatColour(%v) = %s, want %s", tt.v, got, want)
		}
	}
}
