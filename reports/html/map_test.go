package html_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/reifegrad/reifegrad/geo"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

var mapBlock = regexp.MustCompile(`(?s)<script type="application/json" id="reifegrad-maps">(.*?)</script>`)

// choropleth is what the overview's map shows: its regions (from the
// page's boundaries), the values of its map series by region, and its
// labels.
type choropleth struct {
	regions []string       // names of the areas of the topology
	values  map[string]int // region name → value of the map series
	labels  []string
	topo    *geo.Topology
}

func overviewMap(tb testing.TB, r *scoring.Results, o html.Options) choropleth {
	tb.Helper()
	var b bytes.Buffer
	if err := html.RenderOverview(&b, r, o); err != nil {
		tb.Fatal(err)
	}
	var charts map[string]json.RawMessage
	if err := json.Unmarshal(fixture.ChartBlock.FindSubmatch(b.Bytes())[1], &charts); err != nil {
		tb.Fatal(err)
	}
	var opt struct {
		Series []struct {
			Type string `json:"type"`
			Data []struct {
				Name  string          `json:"name"`
				Value json.RawMessage `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(charts["overview-map"], &opt); err != nil {
		tb.Fatal(err)
	}
	m := mapBlock.FindSubmatch(b.Bytes())
	if m == nil {
		tb.Fatal("no boundaries on the page")
	}
	var maps map[string]struct {
		Chart    string          `json:"chart"`
		Topology json.RawMessage `json:"topology"`
	}
	if err := json.Unmarshal(m[1], &maps); err != nil {
		tb.Fatal(err)
	}
	if len(maps) != 1 {
		tb.Fatalf("%d maps on the page, want 1", len(maps))
	}
	var c choropleth
	for _, pm := range maps {
		topo, err := geo.ReadTopoJSON(bytes.NewReader(pm.Topology))
		if err != nil {
			tb.Fatal(err)
		}
		c.topo = topo
		for _, a := range topo.Layers["areas"] {
			c.regions = append(c.regions, a.Name)
		}
	}
	c.values = map[string]int{}
	for _, s := range opt.Series {
		for _, d := range s.Data {
			switch s.Type {
			case "map":
				v, err := strconv.Atoi(string(d.Value))
				if err != nil {
					tb.Fatalf("region %q: value %s", d.Name, d.Value)
				}
				c.values[d.Name] = v
			case "scatter":
				c.labels = append(c.labels, d.Name)
			}
		}
	}
	return c
}

// TestChoroplethOfDistricts checks the default map of the Saxony example:
// every district of Saxony is a region; those with at least
// min_group_size units and not hidden by secondary suppression are
// coloured by the lower median of their units' levels (worked out here
// from the units), the others hatched ("•", value -1); no region or label
// names a municipality.
func TestChoroplethOfDistricts(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	latest := r.WaveUnits(r.Latest())
	levels := map[string][]int{}
	for _, u := range latest {
		levels[u.Unit.District] = append(levels[u.Unit.District], u.Level)
	}
	// With a minimum of 5, Meißen (28 units) is hidden as well: the
	// state's figures minus those of the other districts would give the
	// three district-free cities' of one unit each (see scoring.Disclosure).
	for _, tt := range []struct {
		min       int
		secondary string
	}{{5, "Meißen"}, {40, ""}} {
		t.Run(strconv.Itoa(tt.min), func(t *testing.T) {
			c := overviewMap(t, r, html.Options{MinGroupSize: tt.min})
			if len(c.regions) != 13 {
				t.Errorf("%d regions, want Saxony's 13 districts", len(c.regions))
			}
			coloured, hatched := 0, 0
			for name, v := range c.values {
				district := name[:strings.Index(name, " (n = ")]
				ls := slices.Sorted(slices.Values(levels[district]))
				shown := len(ls) >= tt.min && district != tt.secondary
				switch {
				case shown && v != ls[(len(ls)-1)/2]:
					t.Errorf("%s: level %d, want the lower median %d of %v", district, v, ls[(len(ls)-1)/2], ls)
				case !shown && v != -1:
					t.Errorf("%s (%d units) coloured %d, want hatched (-1)", district, len(ls), v)
				}
				if v >= 0 {
					coloured++
				} else {
					hatched++
				}
			}
			want := 0
			for d, ls := range levels {
				if len(ls) >= tt.min && d != tt.secondary {
					want++
				}
			}
			if coloured != want || coloured+hatched != len(levels) {
				t.Errorf("%d regions coloured and %d hatched, want %d of %d districts coloured", coloured, hatched, want, len(levels))
			}
			// Every text of the map starts with a district's name.
			for _, s := range append(slices.Clone(c.regions), c.labels...) {
				name := s
				for _, sep := range []string{" (n = ", " · ", " •"} {
					name, _, _ = strings.Cut(name, sep)
				}
				if _, ok := levels[name]; !ok {
					t.Errorf("map text %q names no district", s)
				}
			}
			if len(c.labels) != 13 {
				t.Errorf("%d labels, want one per district", len(c.labels))
			}
		})
	}
}

// TestChoroplethOfMunicipalities: with list_units on, each of Saxony's 419
// municipalities is a region coloured by the level of its unit.
func TestChoroplethOfMunicipalities(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	c := overviewMap(t, r, html.Options{ListUnits: true})
	if len(c.regions) != 419 {
		t.Errorf("%d regions, want 419", len(c.regions))
	}
	latest := r.WaveUnits(r.Latest())
	if len(c.values) != len(latest) {
		t.Errorf("%d regions coloured, want one per unit (%d)", len(c.values), len(latest))
	}
	for _, u := range latest {
		name := u.Unit.Name + ": " + m.Levels.ByOrdinal(u.Level).Label()
		if v, ok := c.values[name]; !ok || v != u.Level {
			t.Errorf("%s: value %d (found %v), want its level %d", u.Unit.Name, v, ok, u.Level)
		}
	}
	if len(c.labels) != 13 {
		t.Errorf("%d labels, want the 13 districts' names", len(c.labels))
	}
}

// TestMapAttribution: the boundaries are BKG's VG5000 under the Datenlizenz
// Deutschland – Namensnennung 2.0, whose source note must name the
// provider, say that the data was changed, and refer to the licence text
// at www.govdata.de/dl-de/by-2-0 — on paper too, where a link cannot be
// followed, so its address is written out. Every map of the overview (the
// districts, the municipalities with list_units), German and English,
// carries that note under it, once.
func TestMapAttribution(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	for _, tt := range []struct {
		name string
		o    html.Options
		want string
	}{
		{"districts", html.Options{},
			"Kartengrundlage: © GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), Daten verändert (vereinfacht); Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0"},
		{"municipalities", html.Options{ListUnits: true},
			"Kartengrundlage: © GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), Daten verändert (vereinfacht); Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0"},
		{"english", html.Options{Language: scoring.English},
			"Boundaries: © GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), data changed (simplified); Data licence Germany – attribution – version 2.0, https://www.govdata.de/dl-de/by-2-0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := html.RenderOverview(&b, r, tt.o); err != nil {
				t.Fatal(err)
			}
			doc, err := xhtml.Parse(&b)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string // the page's paragraphs, the notes among them
			for n := range doc.Descendants() {
				if n.Type == xhtml.ElementNode && n.Data == "p" {
					lines = append(lines, strings.Join(strings.Fields(text(n)), " "))
				}
			}
			if n := slices.Index(lines, tt.want); n < 0 || slices.Index(lines[n+1:], tt.want) >= 0 {
				var near []string
				for _, l := range lines {
					if strings.Contains(l, "GeoBasis") {
						near = append(near, l)
					}
				}
				t.Errorf("the map's source note is %q, want %q once", near, tt.want)
			}
		})
	}
}
