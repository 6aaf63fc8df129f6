// Command derive writes the boundary files of package geo from BKG's
// VG5000 boundaries (as GeoJSON in lon/lat): for each municipality
// register the areas its maps draw, simplified to what a report page or
// an A4 print can show, with label points. Run it through go generate in
// geo/, or from the repository root:
//
//	go run ./geo/derive -src ../shared/data/geo -out geo/maps
//
// The source files are not part of the repository (see
// geo/maps/SOURCES.md); the derived files are.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/reifegrad/reifegrad/geo"
)

// attribution is what the licence (dl-de/by-2-0) asks every use to name,
// including that the data was changed.
const attribution = "© GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), Stand 01.01.2021; " +
	"Datenlizenz Deutschland – Namensnennung – Version 2.0; vereinfacht (verändert) von reifegrad"

// states names the Länder by their two-digit code (AGS prefix).
var states = map[string]string{
	"01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
	"05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
	"09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg",
	"13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}

// A derived map: which source areas, how much to simplify, which layers
// to dissolve from them.
type derivation struct {
	name      string  // file name without extension, the register's name
	source    string  // "gemeinden" or "kreise"
	prefix    string  // keep source areas whose ID starts with it
	snap      float64 // metres; see geo.Build
	tolerance float64 // metres
	decimals  int
}

// The source was simplified at 100 m border by border: snapping at 120 m
// joins the borders that simplification tore apart (and no more: at 200 m
// separate borders start to merge). Tolerances: a report draws Saxony
// about 700 px wide (≈ 330 m per px) and Germany about 600 px high
// (≈ 1.4 km per px); an A4 print has about three times that resolution.
var derivations = []derivation{
	{name: "sachsen", source: "gemeinden", prefix: "14", snap: 120, tolerance: 200, decimals: 4},
	{name: "deutschland", source: "kreise", prefix: "", snap: 120, tolerance: 500, decimals: 4},
}

func main() {
	src := flag.String("src", "../shared/data/geo", "folder with gemeinden_vg5000_2021.geojson and kreise_vg5000_2021.geojson")
	out := flag.String("out", "geo/maps", "folder for the derived files")
	flag.Parse()
	for _, d := range derivations {
		summary, err := derive(d, *src, *out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "derive:", err)
			os.Exit(1)
		}
		fmt.Println(summary)
	}
}

// derive writes one derived file into out and returns a line saying what
// it holds.
func derive(d derivation, src, out string) (string, error) {
	file, idProp := "gemeinden_vg5000_2021.geojson", "ags"
	if d.source == "kreise" {
		file, idProp = "kreise_vg5000_2021.geojson", "district_ags"
	}
	f, err := os.Open(filepath.Join(src, file))
	if err != nil {
		return "", err
	}
	features, err := geo.ReadGeoJSON(f, idProp, "name")
	f.Close()
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	var keep []geo.Feature
	for _, f := range features {
		if strings.HasPrefix(f.ID, d.prefix) {
			keep = append(keep, f)
		}
	}
	t, err := geo.Build(d.source, keep, d.snap)
	if err != nil {
		return "", err
	}
	t.Attribution = attribution
	switch d.source {
	case "gemeinden":
		names, err := districtNames(src)
		if err != nil {
			return "", err
		}
		err = t.Dissolve("gemeinden", "kreise", func(a geo.Area) (string, string) { return a.ID[:5], names[a.ID[:5]] })
		if err != nil {
			return "", err
		}
	case "kreise":
		err := t.Dissolve("kreise", "laender", func(a geo.Area) (string, string) { return a.ID[:2], states[a.ID[:2]] })
		if err != nil {
			return "", err
		}
	}
	before := len(t.Arcs)
	points := countPoints(t)
	if err := t.Simplify(d.tolerance, d.decimals); err != nil {
		return "", fmt.Errorf("%s: %w", d.name, err)
	}
	for layer := range t.Layers {
		t.SetLabels(layer, d.decimals)
	}
	name := filepath.Join(out, d.name+".topo.json")
	tmp, err := os.CreateTemp(out, ".derive-*")
	if err != nil {
		return "", err
	}
	if err := t.WriteTopoJSON(tmp, d.decimals); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return "", err
	}
	st, err := os.Stat(name)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: %d arcs, %d → %d points, %d bytes", name, before, points, countPoints(t), st.Size()), nil
}

// districtNames returns the districts' names by their five-digit code.
func districtNames(src string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(src, "kreise_vg5000_2021.geojson"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fs, err := geo.ReadGeoJSON(f, "district_ags", "name")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, f := range fs {
		names[f.ID] = f.Name
	}
	return names, nil
}

func countPoints(t *geo.Topology) int {
	n := 0
	for _, a := range t.Arcs {
		n += len(a)
	}
	return n
}
