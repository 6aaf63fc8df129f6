package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestSummaryDisclosure: the terminal summary and --json follow the rule
// of the reports (scoring.Disclosure). A wave of 3 units, below the
// default min_group_size of 5, shows its number of units and nothing
// else: no mean, no level counts; a wave of 6 shows both.
func TestSummaryDisclosure(t *testing.T) {
	dir := t.TempDir()
	cfg := `survey:
  inputs:
    - {wave: "2024", file: umfrage_2024.csv}
    - {wave: "2026", file: umfrage_2026.csv}
units: {id: id, name: gemeinde, district: kreis, municipalities: false}
` + settingsModel
	files := map[string]string{
		"config.yaml": cfg,
		// 2024: three units, scores 100, 0, 50.
		"umfrage_2024.csv": "id,gemeinde,kreis,Q1,Q2\n1,Ahorn,Nord,ja,ja\n2,Birke,Nord,nein,nein\n3,Eiche,Nord,ja,nein\n",
		"umfrage_2026.csv": settingsInput,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "config.yaml")
	// 2026 by hand: Ahorn 100, Birke 50, Eiche 0, Linde 100, Ulme 50,
	// Weide 50; mean 350/6; level Weiter (from 50) five times, Anfang once.
	wantMean := 350.0 / 6

	for _, args := range [][]string{{"run", "-o", filepath.Join(dir, "out"), "-q", "--json"}, {"check", "--json"}} {
		stdout, stderr, code := MustRun(t, append([]string{"-c", config}, args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", args[0], code, stderr)
		}
		var sum struct {
			Waves []map[string]json.RawMessage `json:"waves"`
		}
		if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, stdout)
		}
		if len(sum.Waves) != 2 {
			t.Fatalf("%s: %d waves, want 2", args[0], len(sum.Waves))
		}
		small, full := sum.Waves[0], sum.Waves[1]
		if _, ok := small["mean"]; ok {
			t.Errorf("%s --json: wave 2024 of 3 units has a mean: %s", args[0], small["mean"])
		}
		if l := string(small["levels"]); l != "" && l != "null" && l != "[]" {
			t.Errorf("%s --json: wave 2024 of 3 units has level counts: %s", args[0], l)
		}
		if string(small["units"]) != "3" || string(small["suppressed"]) != "true" {
			t.Errorf("%s --json: wave 2024: units %s, suppressed %s; want 3, true", args[0], small["units"], small["suppressed"])
		}
		var mean float64
		if err := json.Unmarshal(full["mean"], &mean); err != nil || math.Abs(mean-wantMean) > 1e-9 {
			t.Errorf("%s --json: wave 2026 mean %s, want %v", args[0], full["mean"], wantMean)
		}
		var levels []struct {
			Name  string
			Count int
		}
		if err := json.Unmarshal(full["levels"], &levels); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, l := range levels {
			counts[l.Name] = l.Count
		}
		if counts["Weiter"] != 5 || counts["Anfang"] != 1 {
			t.Errorf("%s --json: wave 2026 levels %v, want Weiter 5, Anfang 1", args[0], counts)
		}
	}

	stdout, stderr, code := MustRun(t, "-c", config, "run", "-o", filepath.Join(dir, "out2"), "-q", "--lang", "en")
	if code != 0 {
		t.Fatalf("run: exit %d, stderr %s", code, stderr)
	}
	_, wave2024, _ := strings.Cut(stdout, "Wave 2024: 3 participants")
	wave2024, _, _ = strings.Cut(wave2024, "Wave 2026")
	if wave2024 == "" || strings.Contains(wave2024, "mean") || strings.Contains(wave2024, "Anfang") || strings.Contains(wave2024, "Weiter") {
		t.Errorf("the summary shows figures of the wave of 3 units:\n%s", stdout)
	}
	if !strings.Contains(stdout, "Wave 2026: 6 participants, mean score 58.3\n") {
		t.Errorf("the summary lacks the mean of the wave of 6 units:\n%s", stdout)
	}
}

// TestSummaryDisclosureSaxony: with report.min_group_size 400 (set
// through REIFEGRAD_*, as a user may), the bundled example's wave 2024
// (355 municipalities) is hidden in the summary as in the reports, and
// wave 2026 (419) is shown (as is 2028, 418).
func TestSummaryDisclosureSaxony(t *testing.T) {
	t.Setenv("REIFEGRAD_REPORT_MIN_GROUP_SIZE", "400")
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "run", "-o", t.TempDir(), "-q", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var sum struct {
		Waves []struct {
			Wave       string
			Units      int
			Mean       *float64
			Levels     []json.RawMessage
			Suppressed bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Waves) != 3 {
		t.Fatalf("%d waves, want 3", len(sum.Waves))
	}
	if w := sum.Waves[0]; w.Units != 355 || w.Mean != nil || len(w.Levels) != 0 || !w.Suppressed {
		t.Errorf("wave 2024: %d units, mean %v, %d level counts, suppressed %v; want 355 and nothing else", w.Units, w.Mean, len(w.Levels), w.Suppressed)
	}
	if w := sum.Waves[1]; w.Units != 419 || w.Mean == nil || len(w.Levels) == 0 || w.Suppressed {
		t.Errorf("wave 2026: %d units, mean %v, %d level counts, suppressed %v; want 419 with mean and levels", w.Units, w.Mean, len(w.Levels), w.Suppressed)
	}
}

// TestSummaryHidesTheCountOfAHiddenWave: "1 scored without overall
// score" summed over both waves, less wave 2026's count without a level
// (0, shown), told that one of wave 2024's three units has no overall
// score, a figure the summary and every report hide (review 9). With
// 2024 hidden the count is left out of the text and of --json; at a
// minimum of 3 it is shown: 1 (Eiche, which answered Q1 only, 50 % of
// the weight, below min_coverage 0.6).
func TestSummaryHidesTheCountOfAHiddenWave(t *testing.T) {
	dir := t.TempDir()
	model := strings.Replace(settingsModel, "  name: Einstellungen\n", "  name: Einstellungen\n  missing: {min_coverage: 0.6}\n", 1)
	cfg := "survey:\n  inputs:\n    - {wave: \"2024\", file: umfrage_2024.csv}\n    - {wave: \"2026\", file: umfrage_2026.csv}\n" +
		"units: {id: id, name: gemeinde, district: kreis, municipalities: false}\n" + model
	files := map[string]string{
		"config.yaml":      cfg,
		"umfrage_2024.csv": "id,gemeinde,kreis,Q1,Q2\n1,Ahorn,Nord,ja,ja\n2,Birke,Nord,nein,nein\n3,Eiche,Nord,ja,\n",
		"umfrage_2026.csv": settingsInput,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "config.yaml")
	for _, tt := range []struct {
		min  string
		want string // the count in --json, "" for none
	}{{"5", ""}, {"3", "1"}} {
		t.Run("min="+tt.min, func(t *testing.T) {
			t.Setenv("REIFEGRAD_REPORT_MIN_GROUP_SIZE", tt.min)
			for _, args := range [][]string{{"run", "-o", filepath.Join(dir, "out"), "-q", "--json"}, {"check", "--json"}} {
				stdout, stderr, code := MustRun(t, append([]string{"-c", config}, args...)...)
				if code != 0 {
					t.Fatalf("%s: exit %d, stderr %s", args[0], code, stderr)
				}
				var sum map[string]json.RawMessage
				if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
					t.Fatalf("%s: %v\n%s", args[0], err, stdout)
				}
				if got := string(sum["scored_without_overall"]); got != tt.want {
					t.Errorf("%s --json: scored_without_overall %q, want %q", args[0], got, tt.want)
				}
			}
			stdout, stderr, code := MustRun(t, "-c", config, "run", "-o", filepath.Join(dir, "out"), "-q", "--lang", "en")
			if code != 0 {
				t.Fatalf("run: exit %d, stderr %s", code, stderr)
			}
			if shown := strings.Contains(stdout, "(1 scored without overall score: too few answers)"); shown != (tt.want != "") {
				t.Errorf("the count without an overall score shown %v, want %v:\n%s", shown, tt.want != "", stdout)
			}
		})
	}
}

// TestSummaryBarsInLine: the level bars of a wave start in one column,
// also where a count has six characters ("12.345", a run of 100,000
// units) or a level's name is longer than the 20 characters the labels
// had: both pushed their bars out of line. Each bar's length is its
// count's share of the largest, of 30 characters, rounded up (by hand:
// 12.345 → 30, 7 → 1, 9.999 → 25).
func TestSummaryBarsInLine(t *testing.T) {
	one, two, three := 1, 2, 3
	tests := []struct {
		name   string
		levels []levelCount
		bars   []int
	}{
		{"counts of four to six characters", []levelCount{{&one, "Einstieg", 12345}, {&two, "Grundlagen", 7}, {&three, "Fortgeschritten", 9999}}, []int{30, 1, 25}},
		{"a long name", []levelCount{{&one, "Einstieg", 40}, {&two, "Vernetzte Verwaltung mit Bürgerportal", 20}, {nil, "", 3}}, []int{30, 15, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &summary{Model: "M", lang: scoring.German, Waves: []waveSummary{{Wave: "2026", Units: 100, Levels: tt.levels}}}
			var b strings.Builder
			if err := s.writeText(&b); err != nil {
				t.Fatal(err)
			}
			var starts, lens []int
			for _, line := range strings.Split(b.String(), "\n") {
				if i := strings.Index(line, "█"); i >= 0 {
					starts = append(starts, utf8.RuneCountInString(line[:i]))
					lens = append(lens, strings.Count(line, "█"))
				}
			}
			if len(starts) != len(tt.levels) {
				t.Fatalf("%d bars, want %d:\n%s", len(starts), len(tt.levels), b.String())
			}
			for i := range starts {
				if starts[i] != starts[0] || lens[i] != tt.bars[i] {
					t.Errorf("bar %d starts at %d (the first at %d), %d long (want %d):\n%s", i, starts[i], starts[0], lens[i], tt.bars[i], b.String())
				}
			}
		})
	}
}
