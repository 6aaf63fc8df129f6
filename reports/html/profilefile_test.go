package html

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestProfileFile(t *testing.T) {
	tests := []struct {
		id   string
		want string
	}{
		{"14612000", "14612000.html"},
		{"U0000001", "U0000001.html"},
		{"../../x", "~002e~002e~002f~002e~002e~002fx.html"},
		{"", "_.html"},
		{"a b", "a~0020b.html"},
		{"CON", "CON_.html"},
		{"nul", "nul_.html"},
		{"Com1", "Com1_.html"},
		{"LPT9", "LPT9_.html"},
		{"COM0", "COM0.html"}, // not a device
		{"CONSOLE", "CONSOLE.html"},
	}
	for _, tt := range tests {
		if got := ProfileFile(scoring.UnitID(tt.id)); got != tt.want {
			t.Errorf("ProfileFile(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}
