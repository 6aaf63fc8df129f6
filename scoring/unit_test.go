package scoring_test

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestUnitIDDistrict: an AGS is eight digits; its district, the first
// five (Rosenheim, the city: 09163; Amerang in Landkreis Rosenheim: 09187).
func TestUnitIDDistrict(t *testing.T) {
	for _, tt := range []struct {
		id       scoring.UnitID
		district string
		ags      bool
	}{
		{"09163000", "09163", true},
		{"09187113", "09187", true},
		{"0916300", "", false},   // seven digits
		{"091630001", "", false}, // nine
		{"0916300A", "", false},
		{"DE-09163", "", false},
		{"", "", false},
	} {
		d, ok := tt.id.District()
		if d != tt.district || ok != tt.ags || tt.id.IsAGS() != tt.ags {
			t.Errorf("%q: District %q, %v, IsAGS %v; want %q, %v", tt.id, d, ok, tt.id.IsAGS(), tt.district, tt.ags)
		}
	}
}
