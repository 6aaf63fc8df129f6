package survey_test

import (
	"testing"

	"github.com/reifegrad/reifegrad/survey"
)

// TestRegisterDistrictNamesAreDistricts: the peer group "landkreis"
// (attribute district) groups units by the register's district name, so one
// name must be one district (the first five digits of the AGS). In
// deutschland.csv, the kreisfreie Stadt Rosenheim (09163000) and the 46
// municipalities of Landkreis Rosenheim (09187…) are both "Rosenheim"; by hand
// 400 district codes carry 386 names: 14 names hold two districts each.
func TestRegisterDistrictNamesAreDistricts(t *testing.T) {
	for _, name := range survey.Registers() {
		reg, err := survey.LoadRegister(name)
		if err != nil {
			t.Fatal(err)
		}
		codes := map[string]map[string]bool{}
		for _, u := range reg.Units {
			if codes[u.District] == nil {
				codes[u.District] = map[string]bool{}
			}
			codes[u.District][string(u.ID)[:5]] = true
		}
		for d, cs := range codes {
			if len(cs) > 1 {
				t.Errorf("register %s: district name %q names %d districts %v", name, d, len(cs), cs)
			}
		}
	}
}
