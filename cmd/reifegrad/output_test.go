package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFailedRunKeepsPreviousOutputs(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", out, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)

	// A second run on other data is cancelled while it writes: the
	// staged files must be discarded and the first run's outputs kept.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	cmd := NewRootCommand(strings.NewReader(""), &stdout, &stderr)
	cmd.SetArgs([]string{"-c", repoConfig, "-i", "2024=../../example/umfrage_2024.csv", "-o", out, "-q"})
	if err := cmd.ExecuteContext(ctx); err == nil {
		t.Fatal("cancelled run succeeded")
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("%d files after the failed run, %d before", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed by a failed run", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[strings.TrimPrefix(p, dir)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRefusesToOverwriteInput(t *testing.T) {
	out := t.TempDir()
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(out, "scores.csv") // an input where an output would go
	if err := os.WriteFile(input, src, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026="+input, "-o", out, "-q")
	if code != exitBadInput || !strings.Contains(stderr, "it is an input file") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, stderr)
	}
	if got, _ := os.ReadFile(input); !bytes.Equal(got, src) {
		t.Error("the input file was overwritten")
	}
	if _, err := os.Stat(filepath.Join(out, "overview.html")); err == nil {
		t.Error("outputs were written although the run was refused")
	}
}

func TestOutputNames(t *testing.T) {
	o := mustOutputs(t, t.TempDir(), nil)
	defer o.Abort()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", "profiles/../../x", ".reifegrad-x/y", "a//b"} {
		if w, err := o.Create(name); err == nil {
			w.Close()
			t.Errorf("Create(%q) succeeded", name)
		}
	}
}

func TestNothingToScore(t *testing.T) {
	dir := t.TempDir()
	// The header of the example, with a column for every question.
	hdr := "ags;gemeinde;S01;S02;S03;S04;S05;S06;O01_01;O01_02;O01_03;O01_04;O01_05;O02;O03;O04;O05;P01;P02;P03;P04;P05;P06;" +
		"I01;I02;I03;I04;I05;I06;K01;K02;K03;K04;K05;K06;D01;D02;D03;D04;D05;D06\n"
	tests := []struct {
		name, content, say string
	}{
		{"header only", hdr, "the inputs have no data rows"},
		{"every row rejected", hdr + "99999999;Nirgendwo;ja\n;;\n", "all 2 rows were rejected\n" + filepath.Join(dir, "every row rejected.csv") + ":2:1: invalid unit id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(dir, tt.name+".csv")
			if err := os.WriteFile(in, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			_, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026="+in, "-o", out, "-q")
			if code != exitBadInput || !strings.Contains(stderr, tt.say) {
				t.Errorf("exit %d, stderr %q; want exit 1 saying %q", code, stderr, tt.say)
			}
			if _, err := os.Stat(filepath.Join(out, "overview.html")); err == nil {
				t.Error("outputs written for a run that scored nothing")
			}
		})
	}
}

// TestOutputFolderProblems: an output folder that cannot hold the outputs
// is an error before anything is written, and what is there stays.
func TestOutputFolderProblems(t *testing.T) {
	in := "2026=../../example/umfrage_2026.csv"
	t.Run("output folder is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "out")
		if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", file, "-q")
		if code != exitBadInput || !strings.Contains(stderr, "cannot create output folder") {
			t.Errorf("exit %d, stderr %q; want exit 1: cannot create output folder", code, stderr)
		}
		if b, _ := os.ReadFile(file); string(b) != "keep me" {
			t.Errorf("the file became %q", b)
		}
	})
	t.Run("an output name is a folder", func(t *testing.T) {
		out := t.TempDir()
		if err := os.MkdirAll(filepath.Join(out, "scores.csv", "inside"), 0o755); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, out)
		_, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q")
		if want := "cannot write " + filepath.Join(out, "scores.csv") + ": it is a folder"; code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 1: %s", code, stderr, want)
		}
		checkUnchanged(t, out, before)
	})
	t.Run("a folder on the way is a file", func(t *testing.T) {
		out := t.TempDir()
		for _, f := range []string{"scores.csv", "rejects.csv", "reifegrad.xlsx", "overview.html", "profiles"} {
			if err := os.WriteFile(filepath.Join(out, f), []byte("previous "+f), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := snapshot(t, out)
		_, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q")
		if want := "cannot write the folder " + filepath.Join(out, "profiles") + ": a file is in the way"; code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 1: %s", code, stderr, want)
		}
		checkUnchanged(t, out, before)
	})
}

// checkUnchanged fails unless dir holds exactly the files of before, with
// their contents, and no staging folder.
func checkUnchanged(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	for name, b := range before {
		if a, ok := after[name]; !ok || !bytes.Equal(a, b) {
			t.Errorf("%s changed or removed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was added", name)
		}
	}
	checkNoStaging(t, dir)
}

// checkNoStaging fails if a staging folder of the output folder dir is
// left, beside it or (as older versions staged) inside it.
func checkNoStaging(t *testing.T, dir string) {
	t.Helper()
	all, _ := leftovers(dir)
	inside, _ := filepath.Glob(filepath.Join(dir, reservedPrefix+"*"))
	for _, l := range append(all, inside...) {
		if filepath.Base(l) != manifestName {
			t.Errorf("staging left behind: %s", l)
		}
	}
}

// TestOutputSameNameTwice: a file that is already there when an output is
// created (another output with the same name on a file system that
// ignores case) is an error, never overwritten.
func TestOutputSameNameTwice(t *testing.T) {
	o := mustOutputs(t, t.TempDir(), nil)
	defer o.Abort()
	p := filepath.Join(o.stage, "profiles", "AB.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("unit ab"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Create("profiles/AB.html"); err == nil || !strings.Contains(err.Error(), "another output has the same name") {
		t.Errorf("Create over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "unit ab" {
		t.Errorf("the existing file became %q", b)
	}
}

// TestRefusesToOverwriteConfig: the config, too, is an input.
func TestRefusesToOverwriteConfig(t *testing.T) {
	out := t.TempDir()
	src, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(out, "rejects.csv") // a config where an output goes
	if err := os.WriteFile(cfg, src, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := MustRun(t, "-c", cfg, "-i", "2026=../../example/umfrage_2026.csv", "-o", out, "-q")
	if code != exitBadInput || !strings.Contains(stderr, "refusing to write "+cfg+": it is an input file") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, stderr)
	}
	if got, _ := os.ReadFile(cfg); !bytes.Equal(got, src) {
		t.Error("the config was overwritten")
	}
}

// TestStaleProfilesGo runs twice on different inputs into one folder: the
// second run leaves a profile for exactly its own units, removes those of
// the first that it does not write, and keeps what a user put there.
func TestStaleProfilesGo(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", out, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	mine := filepath.Join(out, "profiles", "notes.txt")
	if err := os.WriteFile(mine, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	small := filepath.Join(t.TempDir(), "small.csv")
	// The header and three responses (row 2 of the example is a thin first
	// attempt of a unit that answered again later; take rows 3 to 5).
	if err := os.WriteFile(small, []byte(lines[0]+lines[2]+lines[3]+lines[4]), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026="+small, "-o", out, "-q"); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	if len(profiles) != 3 {
		t.Errorf("%d profiles after the second run, want its 3 units", len(profiles))
	}
	for _, line := range lines[2:5] {
		ags := strings.TrimPrefix(strings.SplitN(line, ";", 2)[0], "\ufeff")
		if _, err := os.Stat(filepath.Join(out, "profiles", ags+".html")); err != nil {
			t.Errorf("no profile for %s: %v", ags, err)
		}
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "kept" {
		t.Errorf("a user's file in profiles/ was touched: %v", err)
	}
}
