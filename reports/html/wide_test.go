package html

import (
	"strings"
	"testing"
)

// TestWide: a table is wide, its column names breakable in print, only
// when its columns at their longest unbreakable words, with padding, are
// more than a page's printWidth characters; words break at spaces and
// after hyphens.
func TestWide(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"Gesamtwert", 10}, {"IT & Informationssicherheit", 22},
		{"Online-Dienste (OZG)", 7}, {"Sächsische Schweiz-Osterzgebirge", 13}, {"59,8", 4},
		{"a\u00a0b", 1}, // a no-break space is a space to this count: the browser may not break it, but no name is that long
	} {
		if got := longestWord(tc.s); got != tc.want {
			t.Errorf("longestWord(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
	head := func(names ...string) *dataTable {
		return &dataTable{Head: append([]string{"Landkreis"}, names...), Rows: [][]string{append([]string{"Mittelsachsen"}, strings.Split(strings.Repeat("59,8 ", len(names)), " ")[:len(names)]...)}}
	}
	for _, tc := range []struct {
		name string
		d    *dataTable
		want bool
	}{
		// 13 + 2 and six names of 22 + 2: 159 > 115.
		{"six long names", head("IT & Informationssicherheit", "IT & Informationssicherheit", "IT & Informationssicherheit",
			"IT & Informationssicherheit", "IT & Informationssicherheit", "IT & Informationssicherheit"), true},
		// 15 + 6 × (10 + 2) = 87.
		{"the example's", head("Gesamtwert", "Strategie & Steuerung", "Online-Dienste (OZG)", "Prozesse & E-Akte", "Personal & Kompetenzen", "Daten & Innovation"), false},
		// 15 + 8 × 12 = 111 ≤ 115; 15 + 9 × 12 = 123.
		{"eight columns of 10", head(strings.Split(strings.Repeat("Gesamtwert,", 8), ",")[:8]...), false},
		{"nine columns of 10", head(strings.Split(strings.Repeat("Gesamtwert,", 9), ",")[:9]...), true},
	} {
		if got := tc.d.Wide(); got != tc.want {
			t.Errorf("%s: Wide() = %v, want %v", tc.name, got, tc.want)
		}
		// More than three columns: stacked on a phone, and wide or not.
		if want := map[bool]string{true: "stack wide", false: "stack"}[tc.want]; tc.d.Class() != want {
			t.Errorf("%s: Class() = %q, want %q", tc.name, tc.d.Class(), want)
		}
	}
}
