package html

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestProfileShapes: a profile's chart block made from the run's shapes
// is byte for byte the block of the charts made and encoded whole, for
// every profile of the bundled example and of the fixture whose names and
// labels are payloads, in both languages.
func TestProfileShapes(t *testing.T) {
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	hostile := fixture.Fixture(t, fixture.Model(t))
	for _, r := range []*scoring.Results{saxony, hostile} {
		for _, lang := range []scoring.Language{scoring.German, scoring.English} {
			o := Options{Language: lang}
			shaped, whole := newRenderer(r, o), newRenderer(r, o)
			whole.shapes.once.Do(func() {}) // no shapes: charts made whole
			for _, u := range ProfileUnits(r) {
				ps, err := shaped.profilePage(u, "../assets")
				if err != nil {
					t.Fatal(err)
				}
				pw, err := whole.profilePage(u, "../assets")
				if err != nil {
					t.Fatal(err)
				}
				if ps.ChartJSON != pw.ChartJSON {
					t.Errorf("%s %s: charts from shapes\n%s\nmade whole\n%s", u.Unit.ID, lang, ps.ChartJSON, pw.ChartJSON)
				}
				for _, c := range ps.Charts {
					// With fewer than three dimensions the comparison is
					// grouped bars, made whole.
					if c.encoded == nil && (c.ID == profileBarsID || len(r.Model.Dimensions()) >= 3) {
						t.Errorf("%s: chart %s not from a shape", u.Unit.ID, c.ID)
					}
				}
			}
		}
	}
}

// radarLinesAsMaps are radar lines as maps, as radarChart made them
// before radarLines (the reference for TestRadarLinesAsMaps).
func radarLinesAsMaps(n int, series []barSeries, pointName func(series, axis int) string) []any {
	var ss []any
	for si, s := range series {
		data := make([]any, 0, n+1)
		for i, v := range s.Values {
			if math.IsNaN(v) {
				data = append(data, map[string]any{"value": []any{"-", i}})
				continue
			}
			data = append(data, map[string]any{"value": []any{value(v), i}, "name": pointName(si, i)})
		}
		if v := s.Values[0]; math.IsNaN(v) {
			data = append(data, map[string]any{"value": []any{"-", n}})
		} else {
			data = append(data, map[string]any{"value": []any{value(v), n}, "symbol": "none"})
		}
		line := map[string]any{"type": "solid", "width": 3}
		item := map[string]any{"color": seriesColour(si)}
		sr := map[string]any{"type": "line", "name": s.Name, "coordinateSystem": "polar", "data": data,
			"connectNulls": false, "symbol": seriesSymbol(si), "symbolSize": 7, "lineStyle": line, "itemStyle": item}
		if si == 0 {
			sr["areaStyle"] = map[string]any{"opacity": 0.25}
		} else {
			line["type"], line["width"] = "dashed", 2
		}
		ss = append(ss, sr)
	}
	return ss
}

// TestRadarLinesAsMaps: radar lines encode as the maps of the same keys
// and values did (encoding/json sorts a map's keys), with hostile names,
// gaps and a gap on the first axis.
func TestRadarLinesAsMaps(t *testing.T) {
	nan := math.NaN()
	for _, name := range hostileTexts {
		series := []barSeries{
			{Name: name, Values: []float64{12.34, nan, 100, 0}},
			{Name: name + "2", Values: []float64{nan, 50, 49.95, 7}},
			{Name: "", Values: []float64{1, 2, 3, -0.04}},
		}
		pointName := func(si, i int) string { return name + ": " + series[si].Name }
		got, err := json.Marshal(radarLines(4, series, pointName))
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(radarLinesAsMaps(4, series, pointName))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q:\n%s\nas maps\n%s", name, got, want)
		}
	}
}

// TestShapeHoles: a shape whose hole is missing or repeated is refused.
func TestShapeHoles(t *testing.T) {
	for _, tt := range []struct {
		option rawOption
		holes  int
		ok     bool
	}{
		{rawOption{"a": hole(0), "b": hole(1)}, 2, true},
		{rawOption{"a": hole(1), "b": hole(0)}, 2, false}, // out of order
		{rawOption{"a": hole(0)}, 2, false},
		{rawOption{"a": hole(0), "b": []any{hole(0)}}, 1, false},
	} {
		s, err := newShape(chart{ID: "x", Option: tt.option}, tt.holes)
		if (err == nil) != tt.ok {
			t.Errorf("%v: error %v, want ok %v", tt.option, err, tt.ok)
			continue
		}
		if !tt.ok {
			continue
		}
		got, err := s.fill("<x>", []int{1})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(rawOption{"a": "<x>", "b": []int{1}})
		if !bytes.Equal(got, want) {
			t.Errorf("filled %s, want %s", got, want)
		}
		if _, err := s.fill("one"); err == nil {
			t.Error("a shape of two holes filled with one value")
		}
	}
}
