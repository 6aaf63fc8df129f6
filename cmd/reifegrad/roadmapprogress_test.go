package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// miniModel is the model of the small end-to-end tests of waves and
// duplicates: overall = mean(Q1, Q2), ja 1, teilweise 0.5, nein 0; level
// Zwei from 90.
const miniModel = `model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.5}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 90}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
`

// progressConfig: overall = mean(Q1, Q2), ja 1, teilweise 0.5, nein 0;
// level 2 from 90 (the roadmap takes every answer to ja). %s: the 2026
// wave's changes, then the successors.
const progressConfig = `survey:
  inputs:
    - {wave: "2024", file: w2024.csv}
    - {wave: "2026", file: w2026.csv}
units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
` + miniModel + `  waves:
    - {id: "2024", date: 2024-03-01}
    - id: "2026"
      date: 2026-03-01
%s
%s
`

// TestProgressToDateOutputs: the progress to date as every output shows
// it (review 8, findings 1 and 2) — the profile's sentence, roadmap.csv's
// progress, roadmap.json's progress and why not. By hand:
//
// merged: B became part of A on 2025-01-01: A has no progress ("–" and the
// reason; empty; null, territory_changed). C 2024 nein, nein = 0, 2026
// nein, teilweise = 25, the roadmap's end 100: (25 − 0)/(100 − 0) = 25 %.
//
// new question: Q2 new in 2026. A 2024 Q1 teilweise = 50; 2026 Q1 ja, Q2
// nein: on the core {Q1} 100; the roadmap takes Q2 to ja, the core stays
// 100: (100 − 50)/(100 − 50) = 100 %, on 1 of 2 questions (full scores
// said 0 %).
//
// at the top (road16): A 2024 ja, teilweise = 75, 2026 ja, ja = 100, the
// top level: no way was planned, so it has no progress (empty; null,
// no_way_planned; empty in Fahrplan). The formula, the end being its
// answers now, gave (100 − 75)/(100 − 75) = 100 %. B at its own goal is
// alike; C, at the top without a previous answer, has no_baseline.
func TestProgressToDateOutputs(t *testing.T) {
	for _, tt := range []struct {
		name, changes, successors, w2024, w2026 string
		profile                                 map[string]string // unit → a sentence of its profile
		csv                                     map[string]string // unit → roadmap.csv progress
		why                                     map[string]string // unit → roadmap.json no_progress
	}{
		{name: "merged", successors: "  successors:\n    - {from: \"B\", to: \"A\", date: 2025-01-01}",
			w2024: "id;Q1;Q2\nA;ja;nein\nB;nein;nein\nC;nein;nein\n", w2026: "id;Q1;Q2\nA;ja;teilweise\nC;nein;teilweise\n",
			profile: map[string]string{"A": "Fortschritt seit 2024: – (nicht berechnet, weil sich das Gebiet verändert hat).",
				"C": "Seit 2024 haben Sie 25 % des Weges zurückgelegt."},
			csv: map[string]string{"A": "", "C": "0.25"}, why: map[string]string{"A": "territory_changed", "C": ""}},
		{name: "new question", changes: "      changes: {new: [Q2]}",
			w2024: "id;Q1\nA;teilweise\n", w2026: "id;Q1;Q2\nA;ja;nein\n",
			profile: map[string]string{"A": "Seit 2024 haben Sie 100 % des Weges zurückgelegt (auf Basis von 1 von 2 Fragen, die in beiden Wellen gleich gestellt wurden)."},
			csv:     map[string]string{"A": "1"}, why: map[string]string{"A": ""}},
		{name: "at the top",
			w2024: "id;Q1;Q2\nA;ja;teilweise\nB;teilweise;nein\n", w2026: "id;Q1;Q2;ziel\nA;ja;ja;\nB;ja;nein;1\nC;ja;ja;\n",
			profile: map[string]string{"A": "Sie stehen auf der höchsten Stufe des Modells.", "B": "Sie haben Ihr Ziel erreicht: Stufe 1 Eins."},
			csv:     map[string]string{"A": "", "B": "", "C": ""},
			why:     map[string]string{"A": "no_way_planned", "B": "no_way_planned", "C": "no_baseline"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			config := fmt.Sprintf(progressConfig, tt.changes, tt.successors)
			if strings.Contains(tt.w2026, "ziel") {
				config += "roadmap: {target_column: ziel}\n"
			}
			writeFiles(t, dir, map[string]string{"config.yaml": config,
				"w2024.csv": tt.w2024, "w2026.csv": tt.w2026})
			out := filepath.Join(dir, "out")
			if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"); code != 0 {
				t.Fatalf("run: exit %d: %s", code, stderr)
			}
			for id, want := range tt.profile {
				page, err := os.ReadFile(filepath.Join(out, "profiles", id+".html"))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(page), want) {
					t.Errorf("profile of %s lacks %q", id, want)
				}
			}
			rows := readCSV(t, filepath.Join(out, "roadmap.csv"))
			col := map[string]int{}
			for i, h := range rows[0] {
				col[strings.TrimPrefix(h, "\ufeff")] = i
			}
			got := map[string]string{}
			for _, r := range rows[1:] {
				got[r[col["ags"]]] = r[col["progress"]]
			}
			for id, want := range tt.csv {
				if got[id] != want {
					t.Errorf("roadmap.csv progress of %s = %q, want %q", id, got[id], want)
				}
			}
			f, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet, err := f.GetRows("Fahrplan")
			if err != nil {
				t.Fatal(err)
			}
			got = map[string]string{}
			for _, r := range sheet[1:] {
				if k := slices.Index(sheet[0], "Fortschritt seit letzter Welle"); k < len(r) {
					got[r[0]] = r[k]
				} else {
					got[r[0]] = ""
				}
			}
			for id, want := range tt.csv {
				if want != "" {
					continue // a share, formatted as a percent
				}
				if got[id] != "" {
					t.Errorf("Fahrplan progress of %s = %q, want empty", id, got[id])
				}
			}
			b, err := os.ReadFile(filepath.Join(out, "roadmap.json"))
			if err != nil {
				t.Fatal(err)
			}
			var set struct {
				Units []struct {
					ID         string   `json:"id"`
					Progress   *float64 `json:"progress"`
					NoProgress string   `json:"no_progress"`
				} `json:"units"`
			}
			if err := json.Unmarshal(b, &set); err != nil {
				t.Fatal(err)
			}
			for _, u := range set.Units {
				want, ok := tt.why[u.ID]
				if !ok {
					continue
				}
				if u.NoProgress != want || (u.Progress == nil) != (want != "") {
					t.Errorf("roadmap.json %s: progress %v, no_progress %q; want no_progress %q", u.ID, u.Progress, u.NoProgress, want)
				}
			}
		})
	}
}
