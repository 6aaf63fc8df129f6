package html

import "testing"

func TestWrapWords(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "Daten", 14, "Daten"},
		{"two words", "Daten & Innovation", 14, "Daten &\nInnovation"},
		{"as long as a line", "Online-Dienste (OZG)", 14, "Online-Dienste\n(OZG)"},
		{"long word stays whole", "IT & Informationssicherheit", 14, "IT &\nInformationssicherheit"},
		{"long word at its hyphens", "Sächsische Schweiz-Osterzgebirge", 14, "Sächsische\nSchweiz-\nOsterzgebirge"},
		{"hyphen parts share a line", "Ende-zu-Ende-Digitalisierung", 14, "Ende-zu-Ende-\nDigitalisierung"},
		{"runes, not bytes", "Übergänge äöü", 13, "Übergänge äöü"},
		{"spaces collapse", "  a   b  ", 14, "a b"},
		{"trailing hyphen", "Online-", 5, "Online-"},
		{"empty", "", 14, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapWords(tt.in, tt.width); got != tt.want {
				t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}
