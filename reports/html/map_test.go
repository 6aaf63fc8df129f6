package html_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// mapPoints returns name and coordinates of every dot of the overview map.
func mapPoints(tb testing.TB, r *scoring.Results, o html.Options) (names []string, coords [][2]float64) {
	tb.Helper()
	var b bytes.Buffer
	if err := html.RenderOverview(&b, r, o); err != nil {
		tb.Fatal(err)
	}
	var charts map[string]json.RawMessage
	if err := json.Unmarshal(fixture.ChartBlock.FindSubmatch(b.Bytes())[1], &charts); err != nil {
		tb.Fatal(err)
	}
	var dots struct {
		Series []struct {
			Data []struct {
				Name  string    `json:"name"`
				Value []float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(charts["overview-map"], &dots); err != nil {
		tb.Fatal(err)
	}
	for _, s := range dots.Series {
		for _, d := range s.Data {
			names = append(names, d.Name)
			coords = append(coords, [2]float64{d.Value[0], d.Value[1]})
		}
	}
	return names, coords
}

// TestMapShowsDistrictsUnlessListed checks that, with list_units off, the
// map cannot locate a single municipality: it shows one dot per district of
// at least min_group_size units that is not hidden by secondary
// suppression, none at any municipality's own place.
func TestMapShowsDistrictsUnlessListed(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	latest := r.WaveUnits(r.Latest())
	perDistrict := map[string]int{}
	own := map[[2]float64]bool{}
	for _, u := range latest {
		perDistrict[u.Unit.District]++
		own[[2]float64{math.Round(u.Unit.Lon*1e4) / 1e4, math.Round(u.Unit.Lat*1e4) / 1e4}] = true
	}
	// With a minimum of 5, Meißen (28 units, the smallest district shown)
	// is left out as well: the state's figures minus those of the other
	// districts would give the three district-free cities' of one unit
	// each (secondary suppression, as in every other output).
	for _, tt := range []struct {
		min       int
		secondary string
	}{{5, "Meißen"}, {40, ""}} {
		minGroup := tt.min
		t.Run(strconv.Itoa(minGroup), func(t *testing.T) {
			want := map[string]bool{}
			for d, n := range perDistrict {
				if n >= minGroup && d != tt.secondary {
					want[fmt.Sprintf("%s (n = %d)", d, n)] = true
				}
			}
			names, coords := mapPoints(t, r, html.Options{MinGroupSize: minGroup})
			if len(names) != len(want) {
				t.Errorf("%d dots, want %d districts with at least %d units (but %q)", len(names), len(want), minGroup, tt.secondary)
			}
			for i, name := range names {
				if !want[name] {
					t.Errorf("dot %q is not a district of at least %d units", name, minGroup)
				}
				if own[coords[i]] {
					t.Errorf("dot %q sits on a municipality's own coordinates %v", name, coords[i])
				}
			}
		})
	}
	names, _ := mapPoints(t, r, html.Options{ListUnits: true})
	if len(names) != len(own) {
		t.Errorf("with list_units: %d dots, want one per municipality (%d)", len(names), len(own))
	}
}
