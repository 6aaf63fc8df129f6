//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledRuns kills real runs with SIGKILL while they commit, at a
// reduced size (30 units): the output folder holds the previous set or
// the new one, whole, each time, and the next run leaves nothing behind.
// The kill comes when the staged set has its manifest (the commit is
// under way) and then a little later each time, into the swap and the
// removal of the previous set.
func TestKilledRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 22 processes")
	}
	root := t.TempDir()
	small := func(src, name string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		p := filepath.Join(root, name)
		if err := os.WriteFile(p, []byte(strings.Join(lines[:31], "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old, cur := "2024="+small("../../example/umfrage_2024.csv", "a.csv"), "2026="+small("../../example/umfrage_2026.csv", "b.csv")
	run := func(in, out string) {
		t.Helper()
		if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	refOld, refNew := filepath.Join(root, "ref-old"), filepath.Join(root, "ref-new")
	run(old, refOld)
	run(cur, refNew)
	mine := map[string]string{"notes.txt": "mine", "profiles/notes.txt": "mine too"}
	writeFiles(t, refOld, mine)
	writeFiles(t, refNew, mine)
	sets := map[string]map[string]string{"previous": setContent(t, refOld), "new": setContent(t, refNew)}
	seen := map[string]int{}
	delays := []time.Duration{0, 0, 0, 50 * time.Microsecond, 100 * time.Microsecond, 200 * time.Microsecond,
		500 * time.Microsecond, time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond}
	for i, d := range delays {
		out := filepath.Join(root, "out", string(rune('a'+i)))
		run(old, out)
		writeFiles(t, out, mine)
		cmd := command(t, "-c", repoConfig, "-i", cur, "-o", out, "-q")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
	poll:
		for !staged(out) {
			select {
			case <-exited:
				break poll
			default:
			}
		}
		time.Sleep(d)
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		state := ""
		got := setContent(t, out)
		for name, want := range sets {
			if diffTree(got, want) == "" {
				state = name
			}
		}
		if state == "" {
			t.Fatalf("killed %v after staging: neither set whole: against the previous: %s; against the new: %s", d, diffTree(got, sets["previous"]), diffTree(got, sets["new"]))
		}
		seen[state]++
		var stderr bytes.Buffer
		next := command(t, "-c", repoConfig, "-i", cur, "-o", out, "-q")
		next.Stderr = &stderr
		if err := next.Run(); err != nil {
			t.Fatalf("the run after the kill: %v: %s", err, stderr.String())
		}
		if d := diffTree(setContent(t, out), sets["new"]); d != "" {
			t.Errorf("after the next run: %s", d)
		}
		checkNoStaging(t, out)
	}
	t.Logf("kills that left the previous set: %d, the new: %d", seen["previous"], seen["new"])
	if seen["previous"] == 0 || seen["new"] == 0 {
		t.Logf("every kill left the same set: the timing did not reach into both sides of the swap this time")
	}
}

// staged reports whether a run has staged its set beside out, manifest
// included: it is committing.
func staged(out string) bool {
	all, _ := leftovers(out)
	for _, p := range all {
		if _, err := os.Stat(filepath.Join(p, manifestName)); err == nil {
			return true
		}
	}
	return false
}

// setContent is tree, with the workbook reduced to its sheets (its
// document properties hold the time it was written).
func setContent(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := tree(t, dir)
	if wb, ok := got["reifegrad.xlsx"]; ok {
		zr, err := zip.NewReader(strings.NewReader(wb), int64(len(wb)))
		if err != nil {
			got["reifegrad.xlsx"] = "damaged: " + err.Error()
			return got
		}
		parts := map[string]string{}
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "xl/") {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				parts[f.Name] = fmt.Sprintf("%x", sha256.Sum256(b))
			}
		}
		got["reifegrad.xlsx"] = fmt.Sprint(parts) // sorted by part name
	}
	return got
}
