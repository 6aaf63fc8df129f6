package main

import (
	"bytes"
	"encoding/csv"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeTwoWaves writes example waves 2026 and 2028 into a folder, with
// every answer to I06 in 2028 replaced by nein when noISMS, and a config
// with the repository's model reading them.
func writeTwoWaves(t *testing.T, noISMS bool) string {
	t.Helper()
	dir := t.TempDir()
	for _, w := range []string{"2026", "2028"} {
		src, err := os.ReadFile("../../example/umfrage_" + w + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		if w == "2028" && noISMS {
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\ufeff"))))
			r.Comma, r.FieldsPerRecord = ';', -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := -1
			for j, h := range rows[0] {
				if h == "I06" {
					col = j
				}
			}
			for _, row := range rows[1:] {
				if col < len(row) {
					row[col] = "nein"
				}
			}
			var b bytes.Buffer
			cw := csv.NewWriter(&b)
			cw.Comma = ';'
			cw.WriteAll(rows)
			src = b.Bytes()
		}
		if err := os.WriteFile(filepath.Join(dir, "umfrage_"+w+".csv"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conf, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	s := string(conf)
	model := s[strings.Index(s, "\nmodel:")+1 : strings.Index(s, "\nanalyse:")+1]
	head := "survey:\n  inputs:\n    - {wave: \"2026\", file: umfrage_2026.csv}\n    - {wave: \"2028\", file: umfrage_2028.csv}\n" +
		"units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}\n" +
		"report: {language: de, min_group_size: 5, date: 2026-12-06, data_cutoff: 2026-06-30}\n"
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(head+model), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestHeadlineChangeRestsOnTheCore: I06 (ISMS) is new in 2028
// (model.waves: new: [I06]), so no change may depend on its answers
// (README "Waves that change": every change of … the overall score is
// computed on the comparable core). The overview's key figure "+… seit
// 2026" must be the same whatever 2028 answered to I06, and equal the
// trend table's 2028 − 2026 on the same page (core means 59.916 − 48.978 =
// +10.938). The difference of the full means it showed moves with I06:
// 58.597 − 48.951 = +9.6 with every I06 answered nein.
func TestHeadlineChangeRestsOnTheCore(t *testing.T) {
	// 38 of the 40 questions of 2028 were asked alike in 2026: the label
	// says so.
	since := regexp.MustCompile(`<div class="sub">([^<]*) seit 2026 auf den 38 gemeinsamen Fragen</div>`)
	trend := regexp.MustCompile(`<tr><th scope="row">(2026|2028)</th><td class="num">([^<]*)</td>`)
	for _, tt := range []struct {
		name      string
		noISMS    bool
		want      string
		trendRows string
	}{
		{"as the example answered", false, "+10,9", "2026 49,0; 2028 59,9"},
		{"I06 all nein", true, "+10,9", "2026 49,0; 2028 59,9"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, stderr, code := MustRun(t, "-c", writeTwoWaves(t, tt.noISMS), "-o", out, "--quiet"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			page, err := os.ReadFile(filepath.Join(out, "overview.html"))
			page = withoutDataLabels(page)
			if err != nil {
				t.Fatal(err)
			}
			m := since.FindSubmatch(page)
			if m == nil {
				t.Fatal("no change since 2026 among the key figures")
			}
			if got := html.UnescapeString(string(m[1])); got != tt.want {
				t.Errorf("key figure %q seit 2026, want %s (core, as the trend table)", got, tt.want)
			}
			i := bytes.Index(page, []byte(`id="overview-trend-table"`))
			if i < 0 {
				t.Fatal("no trend table")
			}
			var rows []string
			for _, r := range trend.FindAllSubmatch(page[i:], 2) {
				rows = append(rows, string(r[1])+" "+html.UnescapeString(string(r[2])))
			}
			if got := strings.Join(rows, "; "); got != tt.trendRows {
				t.Errorf("trend table's overall means %q, want %q", got, tt.trendRows)
			}
		})
	}
}
