package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/reports/html"
)

// fullDisk fails the first write that takes an output beyond 100 bytes,
// as a full disk does: with the staged file's name and ENOSPC.
type fullDisk struct {
	f       *os.File
	written int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if d.written+len(p) > 100 {
		return 0, &fs.PathError{Op: "write", Path: d.f.Name(), Err: syscall.ENOSPC}
	}
	d.written += len(p)
	return d.f.Write(p)
}

// runWithHook runs the command line with the disk full under the output
// name target.
func runWithHook(t *testing.T, target string, args ...string) (stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &terminalWriter{w: &out}, stderr: &errb,
		writeHook: func(name string, w io.Writer) io.Writer {
			if name != target {
				return w
			}
			return &fullDisk{f: w.(*os.File)}
		}}
	cmd := a.rootCommand()
	cmd.SetArgs(args)
	code = exitCode(cmd.Execute(), &errb)
	return errb.String(), code
}

// TestEveryOutputFailing fills the disk under each output in turn — the
// CSVs, the workbook, the overview, every asset, a profile: each run ends
// with exit 1 and a message naming the output's place and the cause, the
// previous outputs stay as they were, no staging is left and no goroutine
// is left blocked (the probe found a run hanging forever at scores.csv).
func TestEveryOutputFailing(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2024=../../example/umfrage_2024.csv", "-o", out, "-q"); code != 0 {
		t.Fatalf("the previous run: %s", stderr)
	}
	before := snapshot(t, out)
	// Every output a run writes, as its manifest lists them: the CSVs, the
	// workbook, the overview, the assets, and of the profiles the first
	// and the last.
	ref := filepath.Join(root, "ref")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", ref, "-q"); code != 0 {
		t.Fatalf("the reference run: %s", stderr)
	}
	m, err := readManifest(ref)
	if err != nil {
		t.Fatal(err)
	}
	var targets, profiles []string
	for name := range m {
		switch {
		case strings.HasSuffix(name, "/"):
		case strings.HasPrefix(name, "profiles/"):
			profiles = append(profiles, name)
		default:
			targets = append(targets, name)
		}
	}
	slices.Sort(targets)
	slices.Sort(profiles)
	targets = append(targets, profiles[0], profiles[len(profiles)-1])
	for _, want := range append([]string{"scores.csv", "rejects.csv", "reifegrad.xlsx", "overview.html"}, assetNames()...) {
		if !slices.Contains(targets, want) {
			t.Errorf("the manifest does not list %s", want)
		}
	}
	goroutines := runtime.NumGoroutine()
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			stderr, code := runWithHook(t, target, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", out, "-q")
			want := "write " + filepath.Join(out, filepath.FromSlash(target)) + ": no space left on device"
			if code != exitBadInput || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want exit 1 saying %q", code, stderr, want)
			}
			if strings.Contains(stderr, "reifegrad-stage") {
				t.Errorf("the message names the staging folder: %s", stderr)
			}
			if n := strings.Count(stderr, "no space left"); n > runtime.GOMAXPROCS(0) {
				t.Errorf("%d messages for one full disk", n)
			}
			checkUnchanged(t, out, before)
		})
	}
	// Every goroutine of the failed runs has ended.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines left after the failed runs (%d before):\n%s", n, goroutines, buf[:runtime.Stack(buf, true)])
	}
}

// TestWriteErrorsOfTheSystem runs reifegrad as its own process against
// real write errors: a file size limit (ulimit -f, whose signal Go
// ignores), a closed standard output (reifegrad … | head -0), and an
// output folder it may not write. Each ends with exit 1 and the file and
// cause; the previous outputs stay and no staging is left.
func TestWriteErrorsOfTheSystem(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	root := t.TempDir()
	out := filepath.Join(root, "out")
	in := []string{"-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", out, "-q"}
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2024=../../example/umfrage_2024.csv", "-o", out, "-q"); code != 0 {
		t.Fatalf("the previous run: %s", stderr)
	}
	before := snapshot(t, out)
	t.Run("file size limit", func(t *testing.T) {
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		// 1,000 blocks of 512 bytes: scores.csv (1.6 MB) passes it.
		cmd := command(t)
		cmd.Path = "/bin/sh"
		cmd.Args = append([]string{"sh", "-c", `ulimit -f 1000 && exec "$0" "$@"`, exe}, in...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err = cmd.Run()
		want := "write " + filepath.Join(out, "scores.csv") + ": file too large"
		if code := cmd.ProcessState.ExitCode(); code != exitBadInput || !strings.Contains(stderr.String(), want) {
			t.Errorf("exit %d (%v), stderr %q; want exit 1 saying %q", code, err, stderr.String(), want)
		}
		checkUnchanged(t, out, before)
	})
	t.Run("closed standard output", func(t *testing.T) {
		cmd := command(t, in...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout.Close() // nobody reads: the summary cannot be printed
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != exitBadInput || !strings.Contains(stderr.String(), "broken pipe") {
			t.Errorf("exit %d, stderr %q; want exit 1 saying broken pipe", code, stderr.String())
		}
		checkUnchanged(t, out, before)
	})
	t.Run("an output folder it may not write", func(t *testing.T) {
		// Root writes any folder: then reifegrad runs as nobody, from a
		// copy of the test binary that nobody may run, on a folder that
		// root owns.
		dir, err := os.MkdirTemp("", "reifegrad-readonly-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		ro := filepath.Join(dir, "out")
		if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2024=../../example/umfrage_2024.csv", "-o", ro, "-q"); code != 0 {
			t.Fatalf("the previous run: %s", stderr)
		}
		roBefore := snapshot(t, ro)
		args := append(slices.Clone(in[:len(in)-3]), "-o", ro, "-q")
		cmd := command(t, args...)
		if os.Geteuid() == 0 {
			exe := filepath.Join(dir, "reifegrad.test")
			if err := copyFile(cmd.Path, exe); err != nil {
				t.Fatal(err)
			}
			cmd.Path, cmd.Args[0] = exe, exe
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		} else if err := os.Chmod(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(ro, 0o755)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
			t.Skip("cannot run as another user:", err)
		}
		want := "cannot write to output folder: open " + filepath.Join(ro, holderName) + ": permission denied"
		if code := cmd.ProcessState.ExitCode(); code != exitBadInput || !strings.Contains(stderr.String(), want) {
			t.Errorf("exit %d, stderr %q; want exit 1 saying %q", code, stderr.String(), want)
		}
		os.Chmod(ro, 0o755)
		checkUnchanged(t, ro, roBefore)
	})
}

func assetNames() []string {
	var out []string
	for _, a := range html.AssetNames() {
		out = append(out, html.AssetsDir+"/"+a)
	}
	return out
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}
