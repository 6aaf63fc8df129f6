package html

import (
	"slices"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
)

// TestCountsOfAHiddenWave: the number of units scored is a count over the
// wave's units, shown where its level counts are (scoring.Disclosure.Units)
// — aggregates.csv hid it for a wave too small while the overview showed
// it: "mit Gesamtwert 12", n in the table per dimension, and in the data
// quality the units not scored per node (the wave's units less those
// scored), review 9. The fixture's 2026 wave has 13 units; Gemeinde K
// answered a third of the weight, so the overall score and "dienste" are
// scored for 12, "strategie" for 13 (fixture.Units, by hand); K's overall
// score is the one node not scored for too few answers ("dienste" has no
// answer at all).
func TestCountsOfAHiddenWave(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	wi := r.Latest()
	tests := []struct {
		min      int
		scored   string   // the key figure "mit Gesamtwert"
		n        []string // n per row of the table: overall, strategie, dienste
		coverage []string // units whose overall score is not scored in 2026 for too few answers: K
	}{
		{5, "12", []string{"12", "13", "12"}, []string{"1"}},
		{13, "12", []string{"12", "13", "12"}, []string{"1"}},
		{14, "•", []string{"•", "•", "•"}, []string{"•"}},
	}
	for _, tt := range tests {
		rd := newRenderer(r, Options{MinGroupSize: tt.min})
		all := rd.group(r.Waves[wi].ID, -1, "")
		figs := rd.headline(wi, all, r.WaveUnits(wi))
		if figs[1].Label != rd.t.FigScored || figs[1].Value != tt.scored {
			t.Errorf("min %d: key figure %q = %q, want %q %q", tt.min, figs[1].Label, figs[1].Value, rd.t.FigScored, tt.scored)
		}
		p := &overviewPage{page: page{T: rd.t}}
		rd.dimensionSection(p, all)
		var n []string
		for _, row := range p.DimRows {
			n = append(n, row.N)
		}
		if !slices.Equal(n, tt.n) {
			t.Errorf("min %d: n per dimension %q, want %q", tt.min, n, tt.n)
		}
		var cov []string
		for _, row := range rd.quality().LowCoverage {
			if row.Wave == "2026" && row.Label == rd.t.Overall {
				cov = append(cov, row.Count)
			}
		}
		if !slices.Equal(cov, tt.coverage) {
			t.Errorf("min %d: units not scored in 2026 %q, want %q", tt.min, cov, tt.coverage)
		}
	}
}
