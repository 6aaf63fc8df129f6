package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImputeFollowsMinGroupSize runs the example's wave 2028 under the
// Impute policy by size class with Dresden's answers on "Daten &
// Innovation" blanked. Its size class "500.000 und mehr" holds Dresden and
// Leipzig, so the class mean that replaces Dresden's missing dimension is
// Leipzig's own score: from its profile's overall score and dimensions,
// Dresden could read it off. With report.min_group_size above 1 the mean
// of one municipality is not used, the wave's is (scoring.ImputeFrom); with
// 1 it is, as before. Checked from scores.csv alone: the overall score less
// Dresden's other dimensions, weighted, is the value imputed.
func TestImputeFollowsMinGroupSize(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../example/umfrage_2028.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows[1:] {
		if row[0] != "14612000" {
			continue
		}
		found = true
		for j, h := range rows[0] {
			if strings.HasPrefix(h, "D0") {
				row[j] = ""
			}
		}
	}
	if !found {
		t.Fatal("no Dresden in the example's wave 2028")
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.WriteAll(rows)
	if err := os.WriteFile(filepath.Join(dir, "antworten.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	s := string(conf)
	model := s[strings.Index(s, "\nmodel:")+1 : strings.Index(s, "\nanalyse:")+1]
	model = strings.Replace(model, "policy: reweight", "policy: impute", 1)
	if !strings.Contains(model, "impute_by: groessenklasse") {
		t.Fatal("the example imputes by another peer group")
	}
	weights := map[string]float64{"strategie": 1, "online": 1.5, "prozesse": 1, "sicherheit": 1, "personal": 1, "daten": 0.75}

	for _, min := range []int{1, 2, 10} {
		head := "survey:\n  inputs:\n    - {wave: \"2028\", file: antworten.csv}\n" +
			"units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}\n" +
			"report: {language: de, min_group_size: " + strconv.Itoa(min) + ", date: 2026-12-06, data_cutoff: 2026-06-30}\n"
		cfg := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(cfg, []byte(head+model), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out"+strconv.Itoa(min))
		if _, stderr, code := MustRun(t, "-c", cfg, "-o", out, "--quiet"); code != 0 {
			t.Fatalf("min %d: exit %d: %s", min, code, stderr)
		}
		score := map[[2]string]float64{} // ags, node
		var full, nfull float64          // daten over the municipalities that answered all of it
		for _, row := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
			if row[6] == "" {
				continue
			}
			v, err := strconv.ParseFloat(row[6], 64)
			if err != nil {
				t.Fatal(err)
			}
			score[[2]string{row[1], row[4]}] = v
			if row[4] == "daten" && row[7] == "1" {
				full += v
				nfull++
			}
		}
		dresden := func(n string) float64 {
			v, ok := score[[2]string{"14612000", n}]
			if !ok {
				t.Fatalf("min %d: Dresden has no %s", min, n)
			}
			return v
		}
		if _, ok := score[[2]string{"14612000", "daten"}]; ok {
			t.Fatalf("min %d: Dresden's daten is scored; the test wants it missing", min)
		}
		var sum, wsum float64
		for n, wt := range weights {
			wsum += wt
			if n != "daten" {
				sum += wt * dresden(n)
			}
		}
		imputed := (dresden("overall")*wsum - sum) / weights["daten"]
		leipzig := score[[2]string{"14713000", "daten"}]
		want, what := full/nfull, "the wave's mean"
		if min == 1 {
			want, what = leipzig, "Leipzig's own score"
		}
		if math.Abs(imputed-want) > 1e-9 {
			t.Errorf("min %d: Dresden's daten imputed as %v, want %v (%s); Leipzig's is %v", min, imputed, want, what, leipzig)
		}
	}
}
