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
	o, err := newOutputs(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
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
	tests := []struct {
		name, content, say string
	}{
		{"header only", "ags;gemeinde;S01\n", "the inputs have no data rows"},
		{"every row rejected", "ags;gemeinde;S01\n99999999;Nirgendwo;ja\n;;\n", "all 2 rows were rejected\n" + filepath.Join(dir, "every row rejected.csv") + ":2:1: invalid unit id"},
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
