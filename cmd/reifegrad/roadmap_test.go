package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRoadmapsOfExample: every municipality of the Saxony example with a
// profile has a roadmap (in the wave its profile shows) or a stated
// reason, in roadmap.csv, roadmap.json, the sheet Fahrplan and its
// profile; a planned roadmap ends at its target.
func TestRoadmapsOfExample(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(out, "roadmap.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	units := map[string][]string{}
	last := map[string][]string{}
	for _, r := range rows[1:] {
		if _, ok := units[r[col["ags"]]]; !ok {
			units[r[col["ags"]]] = r
		}
		last[r[col["ags"]]] = r
	}
	profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	if len(units) != len(profiles) || len(units) < 400 {
		t.Errorf("%d units have a roadmap row, %d a profile", len(units), len(profiles))
	}
	for ags, r := range units {
		switch st := r[col["status"]]; st {
		case "planned":
			l := last[ags]
			// Labels start with the level's number: "4 Etabliert".
			if l[col["level_after"]] < l[col["target"]] || l[col["target"]] == "" {
				t.Errorf("%s: the last step ends at %q, the target is %q", ags, l[col["level_after"]], l[col["target"]])
			}
			if l[col["exact"]] != "true" {
				t.Errorf("%s: the roadmap is not proven least", ags)
			}
		case "at_top", "at_target":
			if r[col["step"]] != "" {
				t.Errorf("%s: %s with steps", ags, st)
			}
		case "unreachable":
			// Its steps, if any, lead to the highest level below the
			// target within reach.
			if l := last[ags]; l[col["step"]] != "" && !(l[col["level_after"]] < l[col["target"]] && l[col["level_after"]] > l[col["level"]]) {
				t.Errorf("%s: unreachable, its steps end at %q from %q, the target is %q", ags, l[col["level_after"]], l[col["level"]], l[col["target"]])
			}
		default:
			t.Errorf("%s: status %q", ags, st)
		}
	}

	var js struct {
		Wave  string `json:"wave"`
		Units []struct {
			ID     string            `json:"id"`
			Status string            `json:"status"`
			Steps  []json.RawMessage `json:"steps"`
		} `json:"units"`
	}
	src, err := os.ReadFile(filepath.Join(out, "roadmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(src, &js); err != nil {
		t.Fatal(err)
	}
	if js.Wave != "2028" || len(js.Units) != len(units) {
		t.Errorf("roadmap.json: wave %s, %d units", js.Wave, len(js.Units))
	}
	steps := 0
	for _, u := range js.Units {
		steps += len(u.Steps)
	}
	if steps != len(rows)-1-(len(units)-countWithSteps(units, col)) {
		t.Errorf("roadmap.json has %d steps, roadmap.csv %d rows", steps, len(rows)-1)
	}

	wb, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if !slices.Contains(wb.GetSheetList(), "Fahrplan") {
		t.Fatalf("no sheet Fahrplan: %v", wb.GetSheetList())
	}
	sheet, err := wb.GetRows("Fahrplan")
	if err != nil || len(sheet) != len(rows) {
		t.Errorf("Fahrplan has %d rows, roadmap.csv %d: %v", len(sheet), len(rows), err)
	}

	for ags, r := range units {
		page, err := os.ReadFile(filepath.Join(out, "profiles", ags+".html"))
		if err != nil {
			t.Fatal(err)
		}
		want := "Ihr Weg zu Stufe "
		if r[col["status"]] == "at_top" {
			want = "Ihr Weg: höchste Stufe erreicht"
		}
		if !strings.Contains(string(page), want) {
			t.Errorf("profile %s has no roadmap section (%q)", ags, want)
		}
	}
}

// countWithSteps counts the units whose roadmap has steps: every planned
// one, and an unreachable one that leads to a level below its target.
func countWithSteps(units map[string][]string, col map[string]int) int {
	n := 0
	for _, r := range units {
		if r[col["step"]] != "" {
			n++
		}
	}
	return n
}

// TestRoadmapTargetColumn: a municipality's own target level from an input
// column; a column the inputs lack is an error naming the setting.
func TestRoadmapTargetColumn(t *testing.T) {
	for _, tt := range []struct {
		name, header, rows, want string
		code                     int
	}{
		{"column", "id,gemeinde,kreis,ziel,Q1,Q2", "1,Ahorn,Nord,2,nein,nein\n2,Birke,Nord,,nein,nein\n", "", 0},
		{"no column", "id,gemeinde,kreis,Q1,Q2", "1,Ahorn,Nord,nein,nein\n", `roadmap.target_column: no input has a column "ziel"`, exitBadInput},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := settingsBase + "roadmap:\n  target_column: ziel\n" + settingsModel
			if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(tt.header+"\n"+tt.rows), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			_, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "--quiet")
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.want)
			}
			if code != 0 {
				return
			}
			rows := readCSV(t, filepath.Join(out, "roadmap.csv"))
			own := map[string]string{}
			for _, r := range rows[1:] {
				own[r[1]] = r[6] + " " + r[5]
			}
			if own["1"] != "true 2 Weiter" || own["2"] != "false 2 Weiter" {
				t.Errorf("own goal and target: %v", own)
			}
		})
	}
}

// TestRoadmapGoalNamesNoLevel: a municipality's own goal that names no
// level is told in the run's language on the terminal, on its profile and
// in the workbook — it was package roadmap's English sentence everywhere
// and the terminal did not say it at all — and --json lists it with stable
// keys.
func TestRoadmapGoalNamesNoLevel(t *testing.T) {
	dir := t.TempDir()
	cfg := settingsBase + "roadmap:\n  target_column: ziel\n" + settingsModel
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	csvText := "id,gemeinde,kreis,ziel,Q1,Q2\n1,Ahorn,Nord,Stufe 9,nein,nein\n2,Birke,Nord,,nein,nein\n"
	if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, terminal, page string
	}{
		{"de", "Eigene Ziele, die keine Stufe nennen (ihre Fahrpläne führen zu roadmap.target): 1 „Stufe 9“ (Spalte ziel)\n",
			"Ihre Zielangabe „Stufe 9“ (Spalte ziel) nennt keine Stufe des Modells"},
		{"en", "Own goals that name no level (their roadmaps aim at roadmap.target): 1 “Stufe 9” (column ziel)\n",
			"Your goal “Stufe 9” (column ziel) names no level of the model"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+tt.lang)
			stdout, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "--quiet", "--lang", tt.lang)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, tt.terminal) {
				t.Errorf("the summary does not say %q:\n%s", tt.terminal, stdout)
			}
			page, err := os.ReadFile(filepath.Join(out, "profiles", "1.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), tt.page) {
				t.Errorf("profile 1 does not say %q", tt.page)
			}
		})
	}
	stdout, _, _ := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", filepath.Join(dir, "out-json"), "--quiet", "--json")
	if !strings.Contains(stdout, `"goals_naming_no_level": [`) || !strings.Contains(stdout, `"goal": "Stufe 9"`) {
		t.Errorf("--json does not list the goal:\n%s", stdout)
	}
}
