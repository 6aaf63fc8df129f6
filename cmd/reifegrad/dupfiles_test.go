package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDuplicatesAcrossFiles: survey.duplicates holds when a unit answered
// a wave in two input files, as within one file (review 8, finding 5).
// A answered wave 2026 on paper (papier.csv, listed first; received
// 2026-01-10; Q1 nein, Q2 open → 0, coverage 0.5) and online (online.csv,
// received 2026-03-01; ja, ja → 100). Overall = mean(Q1, Q2).
// keep_latest_complete: both complete, online is later → 100; keep_last:
// the later → 100; keep_first: the earlier → 0; reject_all: A not scored.
// The order of the inputs decides nothing: listed the other way round,
// the same. Without a time in papier.csv nothing says which came later:
// A is not scored, both rows rejected with the reason (keep_first too);
// reject_all needs no time.
func TestDuplicatesAcrossFiles(t *testing.T) {
	const cfg = `survey:
  inputs:
    - {wave: "2026", file: %s}
    - {wave: "2026", file: %s}
units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
` + miniModel
	const (
		paper       = "id;eingang;Q1;Q2\nA;2026-01-10 09:00:00;nein;\nC;2026-01-10 09:00:00;nein;nein\n"
		paperNoTime = "id;Q1;Q2\nA;nein;\nC;nein;nein\n"
		online      = "id;eingang;Q1;Q2\nA;2026-03-01 09:00:00;ja;ja\n"
	)
	nan := math.NaN()
	for _, tt := range []struct {
		name, policy, paper string
		swap                bool    // list online.csv first
		want                float64 // A's overall score; NaN: not scored
		rejected            []string
		reason              string
	}{
		{"keep_latest_complete", "keep_latest_complete", paper, false, 100, []string{"papier.csv:2"}, "online.csv:2, which is more recent (policy keep_latest_complete)"},
		{"keep_latest_complete, swapped", "keep_latest_complete", paper, true, 100, []string{"papier.csv:2"}, "online.csv:2, which is more recent (policy keep_latest_complete)"},
		{"keep_last", "keep_last", paper, false, 100, []string{"papier.csv:2"}, "which is more recent (policy keep_last)"},
		{"keep_first", "keep_first", paper, false, 0, []string{"online.csv:2"}, "papier.csv:2, which came earlier (policy keep_first)"},
		{"keep_first, swapped", "keep_first", paper, true, 0, []string{"online.csv:2"}, "papier.csv:2, which came earlier (policy keep_first)"},
		{"reject_all", "reject_all", paper, false, nan, []string{"papier.csv:2", "online.csv:2"}, "answered more than once (policy reject_all)"},
		{"keep_latest_complete without time", "keep_latest_complete", paperNoTime, false, nan, []string{"papier.csv:2", "online.csv:2"},
			"without receipt times that tell the two apart it cannot be decided which counts, so neither does"},
		{"keep_first without time", "keep_first", paperNoTime, false, nan, []string{"papier.csv:2", "online.csv:2"}, "so neither does"},
		{"reject_all without time", "reject_all", paperNoTime, false, nan, []string{"papier.csv:2", "online.csv:2"}, "answered more than once"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			first, second := "papier.csv", "online.csv"
			if tt.swap {
				first, second = second, first
			}
			writeFiles(t, dir, map[string]string{"config.yaml": fmt.Sprintf(cfg, first, second),
				"papier.csv": tt.paper, "online.csv": online})
			t.Setenv("REIFEGRAD_SURVEY_DUPLICATES", tt.policy)
			out := filepath.Join(dir, "out")
			if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got, c := nan, nan
			for _, r := range readCSV(t, filepath.Join(out, "scores.csv")) {
				if r[3] == "overall" && r[1] == "A" {
					got, _ = strconv.ParseFloat(r[6], 64)
				}
				if r[3] == "overall" && r[1] == "C" {
					c, _ = strconv.ParseFloat(r[6], 64)
				}
			}
			if math.IsNaN(got) != math.IsNaN(tt.want) || !math.IsNaN(got) && got != tt.want {
				t.Errorf("A scored %v, want %v", got, tt.want)
			}
			if c != 0 {
				t.Errorf("C scored %v, want 0 (answered once)", c)
			}
			rows := readCSV(t, filepath.Join(out, "rejects.csv"))
			var places []string
			for _, r := range rows[1:] {
				places = append(places, filepath.Base(r[0])+":"+r[2])
				if !strings.Contains(strings.Join(r, ","), tt.reason) {
					t.Errorf("rejected %s:%s for %q, want it to say %q", r[0], r[1], r, tt.reason)
				}
			}
			slices.Sort(places)
			want := slices.Sorted(slices.Values(tt.rejected))
			if !slices.Equal(places, want) {
				t.Errorf("rejected %v, want %v", places, want)
			}
		})
	}
}
