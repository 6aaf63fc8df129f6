package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBundledFilesAreDerived derives the boundary files again from the
// BKG source and compares them byte for byte with those in geo/maps, so
// a change to the derivation cannot land without its files. The source is
// not in the repository: the test looks for it beside the checkout
// (../shared/data/geo, where CI has it) or in REIFEGRAD_GEO_SOURCE, and
// skips without it.
func TestBundledFilesAreDerived(t *testing.T) {
	src := os.Getenv("REIFEGRAD_GEO_SOURCE")
	if src == "" {
		src = filepath.Join("..", "..", "..", "shared", "data", "geo")
	}
	if _, err := os.Stat(filepath.Join(src, "kreise_vg5000_2021.geojson")); err != nil {
		t.Skipf("no VG5000 source (set REIFEGRAD_GEO_SOURCE): %v", err)
	}
	out := t.TempDir()
	for _, d := range derivations {
		summary, err := derive(d, src, out)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(summary)
		got, err := os.ReadFile(filepath.Join(out, d.name+".topo.json"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "maps", d.name+".topo.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("geo/maps/%s.topo.json is not what derive writes: run go generate ./geo", d.name)
		}
	}
}
