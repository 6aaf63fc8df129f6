package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestRunSameBytes: the main job run twice, the second time on one core,
// writes the same output set byte for byte — every table, workbook, page
// and the manifest — so that a published file's checksum says whether its
// content changed.
func TestRunSameBytes(t *testing.T) {
	run := func() map[string][]byte {
		out := t.TempDir()
		if _, stderr, code := MustRun(t, "-c", "../../config.yaml", "-o", out, "--quiet"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		files := map[string][]byte{}
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	first := run()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	second := run()
	if len(first) < 400 {
		t.Fatalf("%d files; the example writes a profile for each of its 418 municipalities", len(first))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between the runs", name)
		}
	}
	for name := range second {
		if _, ok := first[name]; !ok {
			t.Errorf("%s written only by the second run", name)
		}
	}
	for _, name := range []string{"reifegrad.xlsx", "veroeffentlichung.xlsx", "scores.csv", "roadmap.json", "overview.html"} {
		if len(first[name]) == 0 {
			t.Errorf("%s missing or empty", name)
		}
	}
}
