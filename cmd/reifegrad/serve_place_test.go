package main

import (
	"context"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestServePlacesUnitsOfItsList: organisations listed by serve init
// --units with their coordinates stood on no map of the server's
// overview: the export the server scores has no coordinates, and the
// reader takes places from units.register alone (none for units that are
// not municipalities). The server's scoring now gives each unit the place
// its line gave; a unit listed without one has none.
func TestServePlacesUnitsOfItsList(t *testing.T) {
	const samm = "../../example/samm/config.yaml"
	units := writeIn(t, t.TempDir(), "units.csv", "id,name,lon,lat\nVIE,Wien Digital,16.37,48.21\nNORD,Nordlicht Software GmbH,,\n")
	f := MustServe(t, samm, units)
	m, _ := f.s.Model.Questionnaire("2028")
	for i, id := range []scoring.UnitID{"VIE", "NORD"} {
		c := f.client(t)
		c.signIn(f.codes[id])
		c.submitAll(m, i, 1)
	}
	ctx := context.Background()
	subs, err := f.db.Submissions(ctx, "2028")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := importer(f.s, f.db)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := imp(ctx, fieldwork.Wave{Wave: scoring.Wave{ID: "2028"}}, subs)
	if err != nil {
		t.Fatal(err)
	}
	type place struct {
		lon, lat float64
		has      bool
	}
	want := map[scoring.UnitID]place{"VIE": {16.37, 48.21, true}, "NORD": {}}
	got := map[scoring.UnitID]place{}
	for _, r := range ds.Responses {
		got[r.Unit.ID] = place{r.Unit.Lon, r.Unit.Lat, r.Unit.HasLocation}
	}
	if len(got) != len(want) {
		t.Fatalf("scored %v, want %v", got, want)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: place %+v, want %+v", id, got[id], w)
		}
	}
}
