package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckAgreesWithRun: on every input that run refuses, check exits
// with the same code (it once passed a file with a header and no rows that
// run refused); on those that run reads, check may fail only for problems
// it lists (rejected rows, answers outside their scale).
func TestCheckAgreesWithRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		runCode       int
	}{
		{"header only", "", exitBadInput}, // the example's header
		{"every row rejected", "ags;gemeinde;S01\n99999999;Nirgendwo;ja\n", exitBadInput},
		{"empty", "", exitBadInput},
		{"a question without a column", "ags;gemeinde\n14612000;Dresden\n", exitBadInput},
		{"not a table", "%PDF-1.7\n", exitBadInput},
		{"a row rejected, the rest read", "", exitOK},
	}
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := tt.content
			switch tt.name {
			case "header only":
				content, _, _ = strings.Cut(string(src), "\n")
			case "a row rejected, the rest read":
				content = string(src) + "99999999;Nirgendwo\n"
			}
			in := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".csv")
			if err := os.WriteFile(in, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, runErr, run := MustRun(t, "-c", repoConfig, "-i", "2026="+in, "-o", filepath.Join(dir, "out"), "-q")
			_, checkErr, check := MustRun(t, "check", "-c", repoConfig, "-i", "2026="+in)
			if run != tt.runCode {
				t.Fatalf("run: exit %d, want %d: %s", run, tt.runCode, runErr)
			}
			if run != exitOK && check != run {
				t.Errorf("check: exit %d, run: exit %d (%s)", check, run, runErr)
			}
			if tt.name == "header only" && !strings.Contains(checkErr, "nothing to score: the inputs have no data rows") {
				t.Errorf("check says %q", checkErr)
			}
		})
	}
}
