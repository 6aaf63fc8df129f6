package main

import (
	"strings"
	"testing"
)

// TestCheckFindingsOnOneLine: a unit id with a line break (a quoted CSV
// cell) stays on its finding's line in check's listing, in English as in
// German; in English the importers' words went through as they were, and
// "unit 7<LF>FAKE answered again …" printed a line "FAKE answered again in
// row 4 (policy keep_last)" of its own. The id answers twice, in records
// two lines long starting at lines 2 and 4; keep_last keeps line 4's.
func TestCheckFindingsOnOneLine(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", settingsBase+settingsModel)
	in := writeIn(t, dir, "umfrage.csv", "id,gemeinde,kreis,Q1,Q2\n\"7\nFAKE\",Birke,Nord,ja,nein\n\"7\nFAKE\",Birke,Nord,ja,ja\n1,Ahorn,Nord,ja,ja\n")
	for _, tt := range []struct {
		lang  string
		lines []string // the finding's lines, spaces collapsed
	}{
		{"en", []string{`umfrage.csv:2: rejected: duplicate unit: unit 7\nFAKE answered again in row 4 (policy keep_last)`,
			`umfrage.csv:4: unit 7\nFAKE answered twice in wave 2026 (rows 2 and 4); policy keep_last`}},
		{"de", []string{`umfrage.csv:2: nicht gewertet: 7\nFAKE hat diese Welle auch in Zeile 4 beantwortet; nach der Regel keep_last zählt diese Zeile nicht.`,
			`umfrage.csv:4: 7\nFAKE hat Welle 2026 zweimal beantwortet (Zeilen 2 und 4); Regel keep_last.`}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			stdout, _, _ := MustRun(t, "-c", cfg, "check", "-i", "2026="+in, "--lang", tt.lang)
			for _, l := range tt.lines {
				if !hasLine(stdout, strings.ReplaceAll(l, "umfrage.csv", in)) {
					t.Errorf("no line %q in\n%s", l, stdout)
				}
			}
			for l := range strings.Lines(stdout) {
				if strings.HasPrefix(l, "FAKE") {
					t.Errorf("a line of the data's own: %q", l)
				}
			}
		})
	}
}

// TestNothingScoredOnOneLine: when every row is rejected, the error lists
// each row's reason on its own line, an id with a line break included
// (the error keeps its line breaks, which are ours: "unit 7" and "FAKE
// answered more than once …" were two lines). The id answers twice under
// reject_all, so both rows (records starting at lines 2 and 4) are
// rejected; run and analyse alike.
func TestNothingScoredOnOneLine(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", strings.Replace(settingsBase+settingsModel, "duplicates: keep_last", "duplicates: reject_all", 1))
	in := writeIn(t, dir, "umfrage.csv", "id,gemeinde,kreis,Q1,Q2\n\"7\nFAKE\",Birke,Nord,ja,nein\n\"7\nFAKE\",Birke,Nord,ja,ja\n")
	for _, cmd := range []string{"run", "analyse"} {
		t.Run(cmd, func(t *testing.T) {
			_, stderr, code := MustRun(t, "-c", cfg, cmd, "-i", "2026="+in, "-o", dir+"/out", "-q")
			want := in + `:2: duplicate unit: unit 7\nFAKE answered more than once (policy reject_all)`
			if code != exitBadInput || !hasLine(stderr, want) {
				t.Errorf("exit %d, want %d and the line %q in\n%s", code, exitBadInput, want, stderr)
			}
			for l := range strings.Lines(stderr) {
				if strings.HasPrefix(l, "FAKE") {
					t.Errorf("a line of the data's own: %q", l)
				}
			}
		})
	}
}
