package roadmap

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestWriteJSONAsEncoder: WriteJSON, which writes a unit at a time,
// writes byte for byte what a json.Encoder indenting the whole set by two
// spaces writes — with names that JSON escapes (quotes, HTML characters,
// line and paragraph separators), units without steps or a score, phases,
// an own goal's note, and no units at all.
func TestWriteJSONAsEncoder(t *testing.T) {
	m := mustModel(t, "../config.yaml")
	ozg := mustModel(t, "testdata/ozg.yaml")
	low := map[string]string{"O1": "1", "O2": "1", "O3": "1", "O4": "1", "O5": "1", "S1": "nein"}
	cases := []struct {
		name string
		res  *scoring.Results
		opt  Options
	}{
		{"default model, phases", score(t, m, top,
			unit{id: `14612000 "<b>&</b>"`, answers: strategieAndPersonalAtZero},
			unit{id: "top\u2028\u2029"},
			unit{id: "nothing", answers: map[string]string{"S01": ""}}), Options{Phases: 3}},
		{"statuses and notes", score(t, ozg, nil,
			unit{id: "A", answers: map[string]string{"O1": "4", "O2": "4", "O3": "4", "O4": "4", "O5": "4", "S1": "ja"}},
			unit{id: "C", answers: map[string]string{"O1": "nicht zutreffend", "O2": "3", "O3": "3", "O4": "3", "O5": "3", "S1": "ja"}},
			unit{id: "D", answers: low, attrs: map[string]string{"ziel": "9"}},
			unit{id: "E", answers: low, attrs: map[string]string{"ziel": "3"}}), Options{Target: Target{Attribute: "ziel"}}},
		{"no units", score(t, ozg, nil), Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set, err := Build(tc.res, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got, want bytes.Buffer
			if err := WriteJSON(&got, tc.res.Model, set); err != nil {
				t.Fatal(err)
			}
			whole := jsonSet{Wave: string(set.Wave), Units: make([]jsonPlan, len(set.Plans))}
			for i := range set.Plans {
				whole.Units[i] = jsonOf(tc.res.Model, &set.Plans[i])
			}
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(whole); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				g, w := got.String(), want.String()
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Errorf("differs from the encoder at byte %d of %d:\n got …%q\nwant …%q", i, len(w), g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
			}
			if !json.Valid(got.Bytes()) {
				t.Error("not valid JSON")
			}
		})
	}
}
