package main

import (
	"path/filepath"
	"strconv"
	"testing"
)

// TestPeerCountsDoNotDifferenceBelowMinimum: a roadmap shows a peer count
// only when it is at least report.min_group_size (roadmap/peers.go: "a count
// too small to show is not kept either"). Two steps of one profile on the
// same question, one answer up from the other, show the counts of "at least
// answer a" and "at least answer b"; their difference — the peers giving
// exactly a — must then be 0 or at least the minimum as well.
// Torgau (14730310), O02: 17 at least "10–24", 13 at least "25–49":
// by hand 17 − 13 = 4 municipalities of its size class answer exactly 10–24.
func TestPeerCountsDoNotDifferenceBelowMinimum(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(out, "roadmap.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	type key struct{ ags, question, from string }
	peers := map[key]int{} // (unit, question, from) → count of at least "to"
	next := map[key]string{}
	for _, r := range rows[1:] {
		// O03 and I04 are multi-selects (config.yaml): their counts are of one
		// item each and do not nest.
		if r[col["step"]] == "" || r[col["peers"]] == "" || r[col["question"]] == "O03" || r[col["question"]] == "I04" {
			continue
		}
		n, _ := strconv.Atoi(r[col["peers"]])
		k := key{r[col["ags"]], r[col["question"]], r[col["from"]]}
		peers[k], next[k] = n, r[col["to"]]
	}
	const min = 5
	for k, n := range peers {
		up := key{k.ags, k.question, next[k]}
		if m, ok := peers[up]; ok {
			if d := n - m; d > 0 && d < min {
				t.Errorf("%s %s: %d peers at least %q, %d at least %q: %d give exactly %q", k.ags, k.question, n, next[k], m, next[up], d, next[k])
			}
		}
	}
}
