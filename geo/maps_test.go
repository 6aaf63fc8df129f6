package geo

import (
	"encoding/csv"
	"os"
	"slices"
	"testing"
)

// registerCodes reads the AGS column of a municipality register of package
// survey and returns the codes cut to n digits, sorted and unique.
func registerCodes(t *testing.T, name string, n int) []string {
	t.Helper()
	f, err := os.Open("../survey/registers/" + name + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0][:n])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func layerIDs(topo *Topology, layer string) []string {
	var out []string
	for _, a := range topo.Layers[layer] {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

// TestBundledMaps checks the derived boundary files against the registers
// they belong to: an area for every municipality (Saxony) and district,
// no border that crosses another, one outline for Saxony, every label
// inside its area, and the attribution the licence asks for.
func TestBundledMaps(t *testing.T) {
	sachsen, err := Load("sachsen")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := layerIDs(sachsen, Municipalities), registerCodes(t, "sachsen", 8); !slices.Equal(got, want) {
		t.Errorf("sachsen: %d municipalities, register has %d", len(got), len(want))
	}
	if got, want := layerIDs(sachsen, Districts), registerCodes(t, "sachsen", 5); !slices.Equal(got, want) {
		t.Errorf("sachsen: districts %v, register has %v", got, want)
	}
	// Saxony is one piece: its outline, chained, is one ring.
	var refs []int
	uses := sachsen.uses(Municipalities)
	for _, a := range sachsen.Layers[Municipalities] {
		for _, p := range a.Polygons {
			for _, r := range p {
				for _, ref := range r {
					if i, _ := arcOf(ref); uses[i] == 1 {
						refs = append(refs, ref)
					}
				}
			}
		}
	}
	outline, err := sachsen.assemble(refs)
	if err != nil || len(outline) != 1 || len(outline[0]) != 1 {
		t.Errorf("the outline of Saxony is %d pieces (%v), want one ring", len(outline), err)
	}

	de, err := Load("deutschland")
	if err != nil {
		t.Fatal(err)
	}
	districts := layerIDs(de, Districts)
	for _, code := range registerCodes(t, "deutschland", 5) {
		if _, ok := slices.BinarySearch(districts, code); !ok {
			t.Errorf("deutschland: no area for district %s", code)
		}
	}
	states := layerIDs(de, States)
	if want := []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16"}; !slices.Equal(states, want) {
		t.Errorf("deutschland: states %v", states)
	}

	for name, topo := range map[string]*Topology{"sachsen": sachsen, "deutschland": de} {
		if topo.Attribution == "" {
			t.Errorf("%s: no attribution", name)
		}
		if c := topo.crossings(); len(c) > 0 {
			t.Errorf("%s: %d pairs of borders cross, e.g. arcs %v", name, len(c), c[0])
		}
		for layer, areas := range topo.Layers {
			for _, a := range areas {
				in := false
				for _, poly := range topo.Shape(a) {
					in = in || inPolygon(a.Label, poly)
				}
				if !in || a.Name == "" {
					t.Errorf("%s %s %s (%q): label %v outside", name, layer, a.ID, a.Name, a.Label)
				}
			}
		}
	}
}
