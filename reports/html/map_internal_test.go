package html

import (
	"bytes"
	"testing"

	"github.com/reifegrad/reifegrad/geo"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

func unitsWithIDs(ids ...string) []scoring.UnitResult {
	out := make([]scoring.UnitResult, len(ids))
	for i, id := range ids {
		out[i].Unit.ID = scoring.UnitID(id)
	}
	return out
}

// TestBoundariesFor: Saxony's municipalities get Saxony's map with its
// municipalities; municipalities of several states Germany's districts;
// units that are not municipalities (or fake AGS) no boundaries.
func TestBoundariesFor(t *testing.T) {
	tests := []struct {
		name  string
		ids   []string
		layer string // "" for none
	}{
		{"Saxony", []string{"14511000", "14521010", "14612000"}, geo.Municipalities},
		{"Saxony and Bavaria", []string{"14511000", "09162000"}, geo.Districts},
		{"Berlin", []string{"11000000"}, geo.Districts},
		{"organisations", []string{"org-1", "org-2"}, ""},
		{"fake AGS", []string{"14001001", "14001002"}, ""},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo, layer := boundariesFor(unitsWithIDs(tt.ids...))
			if layer != tt.layer || (topo == nil) != (tt.layer == "") {
				t.Errorf("layer %q (topology %v), want %q", layer, topo != nil, tt.layer)
			}
		})
	}
}

// TestDistrictMapOfGermany draws the Saxony example on the national
// boundaries: only Saxony's 13 districts are regions (the states without
// units are left out), and no state border lies among them.
func TestDistrictMapOfGermany(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	de, err := geo.Load("deutschland")
	if err != nil {
		t.Fatal(err)
	}
	rd := newRenderer(r, Options{})
	_, pm := rd.districtMap(de, r.WaveUnits(r.Latest()))
	topo, err := geo.ReadTopoJSON(bytes.NewReader(pm.Topology))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(topo.Layers["areas"]); n != 13 {
		t.Errorf("%d regions, want 13", n)
	}
	if n := len(pm.Lines["borders"]); n != 0 {
		t.Errorf("%d state border arcs inside Saxony, want 0", n)
	}
	if len(pm.Lines["outline"]) == 0 {
		t.Error("no outline")
	}
}
