package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustOutputs(t *testing.T, dir string, inputs []string) *outputs {
	t.Helper()
	o, err := newOutputs(context.Background(), dir, inputs, func(msg string) { t.Logf("note: %s", msg) })
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// writeSet writes files (name → content) as the outputs of o.
func writeSet(t *testing.T, o *outputs, files map[string]string) {
	t.Helper()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := o.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, files[name]); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// commitSet writes files as a whole run does: open, write, commit.
func commitSet(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	o := mustOutputs(t, dir, nil)
	writeSet(t, o, files)
	if err := o.Commit(nil); err != nil {
		t.Fatal(err)
	}
}

// tree reads a folder as name → content, without following links: a link
// is "-> target", a folder "/" (only when empty). reifegrad's own files
// (.reifegrad-*) are left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case strings.HasPrefix(rel, reservedPrefix):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			to, _ := os.Readlink(p)
			got[rel] = "-> " + to
		case d.IsDir():
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				got[rel+"/"] = ""
			}
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case strings.HasPrefix(text, "-> "):
			err = os.Symlink(strings.TrimPrefix(text, "-> "), p)
		case strings.HasSuffix(name, "/"):
			err = os.MkdirAll(p, 0o755)
		default:
			err = os.WriteFile(p, []byte(text), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func union(sets ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

func diffTree(got, want map[string]string) string {
	short := func(s string) string {
		if len(s) > 40 {
			return fmt.Sprintf("%.40q… (%d bytes)", s, len(s))
		}
		return fmt.Sprintf("%q", s)
	}
	var b strings.Builder
	for k, v := range want {
		if g, ok := got[k]; !ok {
			fmt.Fprintf(&b, "missing %s; ", k)
		} else if g != v {
			fmt.Fprintf(&b, "%s = %s, want %s; ", k, short(g), short(v))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			fmt.Fprintf(&b, "extra %s; ", k)
		}
	}
	return b.String()
}

// The sets of the tests below: a previous set, a new one, and what a
// person put into the output folder.
var (
	previousSet = map[string]string{"scores.csv": "old scores", "profiles/1.html": "old profile 1",
		"profiles/gone.html": "old, not rewritten", "assets/a.js": "old asset"}
	nextSet = map[string]string{"scores.csv": "new scores", "profiles/1.html": "new profile 1",
		"profiles/2.html": "new profile 2", "overview.html": "new overview"}
	foreignFiles = map[string]string{"notes.txt": "mine", "profiles/notes.txt": "mine too",
		"analysis/plot.R": "plot()", "analysis/data/": "", "link": "-> notes.txt", "profiles/old-but-mine.html": "kept"}
)

// TestForeignFilesSurvive: what reifegrad did not write stays, the same
// file (not a copy), across runs; what the previous set had and the new
// one has not goes, and only that.
func TestForeignFilesSurvive(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		t.Run(fmt.Sprintf("previous set without manifest: %v", legacy), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			foreign := foreignFiles
			if legacy {
				// An earlier version listed nothing: its outputs are
				// recognised by name and content, and a person's .html
				// in profiles/ is told from a profile by the latter.
				writeFiles(t, dir, legacySet)
			} else {
				commitSet(t, dir, previousSet)
			}
			writeFiles(t, dir, foreign)
			inode := func() fs.FileInfo {
				fi, err := os.Stat(filepath.Join(dir, "analysis", "plot.R"))
				if err != nil {
					t.Fatal(err)
				}
				return fi
			}
			before := inode()
			commitSet(t, dir, nextSet)
			if d := diffTree(tree(t, dir), union(nextSet, foreign)); d != "" {
				t.Errorf("after the run: %s", d)
			}
			if !os.SameFile(before, inode()) {
				t.Error("analysis/plot.R is another file now: carried as a copy, not kept")
			}
			checkNoStaging(t, dir)
			m, err := readManifest(dir)
			if err != nil || m == nil {
				t.Fatalf("no manifest: %v", err)
			}
			for name := range nextSet {
				if !m[name] {
					t.Errorf("manifest does not list %s", name)
				}
			}
			for name := range foreign {
				if m[name] {
					t.Errorf("manifest lists %s, which is not reifegrad's", name)
				}
			}
		})
	}
}

// TestOutputConflicts: an output whose place holds something reifegrad
// must not replace is an error before anything changes.
func TestOutputConflicts(t *testing.T) {
	tests := []struct {
		name   string
		before map[string]string // beside a committed previousSet
		manual map[string]string // replacing entries of it
		want   string            // {dir} is the output folder
	}{
		{"a file no manifest lists", map[string]string{"overview.html": "a person's page"}, nil,
			"will not replace {dir}/overview.html: reifegrad did not write it (.reifegrad-manifest does not list it)"},
		{"a folder where a file goes", map[string]string{"overview.html/x": "x"}, nil, "cannot write {dir}/overview.html: it is a folder"},
		{"a file where a folder goes", nil, map[string]string{"profiles": "a file"}, "cannot write the folder {dir}/profiles: a file is in the way"},
		{"a link to a file", map[string]string{"elsewhere.csv": "theirs"}, map[string]string{"scores.csv": "-> elsewhere.csv"},
			"{dir}/scores.csv is a symbolic link (to elsewhere.csv): reifegrad never writes or deletes through a link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			commitSet(t, dir, previousSet)
			for name := range tt.manual {
				os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name)))
			}
			writeFiles(t, dir, union(tt.before, tt.manual))
			before := tree(t, dir)
			o := mustOutputs(t, dir, nil)
			writeSet(t, o, nextSet)
			err := o.Commit(nil)
			if want := strings.ReplaceAll(tt.want, "{dir}", dir); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Commit: %v\nwant %s", err, want)
			}
			if d := diffTree(tree(t, dir), before); d != "" {
				t.Errorf("the folder changed: %s", d)
			}
			checkNoStaging(t, dir)
		})
	}
}

// TestSymlinksInOutputFolder: a link where reifegrad writes is refused,
// and nothing is written or deleted through it — the cases of a
// linked profiles/ folder (whose other pages a run deleted) and a linked
// scores.csv (which a run replaced).
func TestSymlinksInOutputFolder(t *testing.T) {
	in := "2026=../../example/umfrage_2026.csv"
	for _, tt := range []struct{ name, link string }{{"profiles/ is a link to a folder", "profiles"}, {"scores.csv is a link to a file", "scores.csv"}} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out, other := filepath.Join(root, "out"), filepath.Join(root, "other")
			if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q"); code != 0 {
				t.Fatalf("first run: %s", stderr)
			}
			target := filepath.Join(other, "index.html")
			if tt.link == "scores.csv" {
				target = filepath.Join(other, "scores.csv")
			}
			writeFiles(t, other, map[string]string{"index.html": "their page", "scores.csv": "their scores", "a.html": "another page"})
			if err := os.RemoveAll(filepath.Join(out, tt.link)); err != nil {
				t.Fatal(err)
			}
			linkTo := other
			if tt.link == "scores.csv" {
				linkTo = target
			}
			if err := os.Symlink(linkTo, filepath.Join(out, tt.link)); err != nil {
				t.Fatal(err)
			}
			otherBefore, outBefore := tree(t, other), tree(t, out)
			_, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q")
			want := filepath.Join(out, tt.link) + " is a symbolic link (to " + linkTo + "): reifegrad never writes or deletes through a link"
			if code != exitBadInput || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want exit 1: %s", code, stderr, want)
			}
			if d := diffTree(tree(t, other), otherBefore); d != "" {
				t.Errorf("the linked folder changed: %s", d)
			}
			if d := diffTree(tree(t, out), outBefore); d != "" {
				t.Errorf("the output folder changed: %s", d)
			}
			checkNoStaging(t, out)
		})
	}
	t.Run("the output folder itself is a link", func(t *testing.T) {
		root := t.TempDir()
		real, link := filepath.Join(root, "real"), filepath.Join(root, "link")
		if err := os.Mkdir(real, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", link, "-q"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if to, err := os.Readlink(link); err != nil || to != real {
			t.Errorf("the link became %q, %v", to, err)
		}
		if _, err := os.Stat(filepath.Join(real, "overview.html")); err != nil {
			t.Errorf("no overview in the folder the link points to: %v", err)
		}
	})
}

// TestInputInsideProfiles: an input that lies in out/profiles and ends in
// .html, as a profile does, is read and kept — a run once deleted it as a
// stale profile.
func TestInputInsideProfiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 3; run++ {
		if run == 2 {
			// Between the runs the person saves the survey into the
			// output folder, under a name like a profile's.
			writeFiles(t, out, map[string]string{"profiles/antworten.html": string(src)})
		}
		in := "2026=../../example/umfrage_2026.csv"
		if run >= 2 {
			in = "2026=" + filepath.Join(out, "profiles", "antworten.html")
		}
		if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q"); code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, stderr)
		}
		if run >= 2 {
			if got, err := os.ReadFile(filepath.Join(out, "profiles", "antworten.html")); err != nil || string(got) != string(src) {
				t.Fatalf("run %d: the input in profiles/ is gone or changed: %v", run, err)
			}
		}
		if profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html")); len(profiles) != 419+min(run-1, 1) {
			t.Errorf("run %d: %d .html files in profiles/, want 419 profiles and the input", run, len(profiles))
		}
	}
}

// killed stands for kill -9: a commit stopped by it panics with this, and
// the test lets go of the locks without any cleanup.
type killed struct{}

// killingOps does the file system changes of a commit until the n-th,
// which it does not do (or, for a file, does half of) and panics instead.
type killingOps struct {
	osOps
	n, at    int
	exchange bool // false: the file system cannot exchange folders
}

func (k *killingOps) step() {
	if k.n++; k.n == k.at {
		panic(killed{})
	}
}

func (k *killingOps) Rename(from, to string) error { k.step(); return k.osOps.Rename(from, to) }
func (k *killingOps) Exchange(a, b string) error {
	if !k.exchange {
		return errNoExchange
	}
	k.step()
	return k.osOps.Exchange(a, b)
}
func (k *killingOps) Link(from, to string) error { k.step(); return k.osOps.Link(from, to) }
func (k *killingOps) Symlink(target, link string) error {
	k.step()
	return k.osOps.Symlink(target, link)
}
func (k *killingOps) Mkdir(dir string, perm fs.FileMode) error {
	k.step()
	return k.osOps.Mkdir(dir, perm)
}
func (k *killingOps) Remove(name string) error    { k.step(); return k.osOps.Remove(name) }
func (k *killingOps) RemoveAll(name string) error { k.step(); return k.osOps.RemoveAll(name) }
func (k *killingOps) WriteFile(name string, data []byte) error {
	if k.n+1 == k.at {
		os.WriteFile(name, data[:len(data)/2], 0o644) // killed while writing
	}
	k.step()
	return k.osOps.WriteFile(name, data)
}

// TestCommitKilledAtEveryStep stops a commit before each of its file
// system changes, as kill -9 would, with and without a file system that
// exchanges folders, and over a previous set with and without manifest:
// the output folder must hold the previous set or the new one, each whole
// and with the person's files; and the next run must remove what the
// killed one left, changing nothing else.
func TestCommitKilledAtEveryStep(t *testing.T) {
	for _, exchange := range []bool{true, false} {
		for _, legacy := range []bool{false, true} {
			t.Run(fmt.Sprintf("exchange %v, no manifest %v", exchange, legacy), func(t *testing.T) {
				foreign := union(foreignFiles)
				prev, next := union(previousSet, foreign), union(nextSet, foreign)
				if legacy {
					prev = union(legacySet, foreign)
				}
				steps := 0
				for k := 1; ; k++ {
					dir := filepath.Join(t.TempDir(), "out")
					if legacy {
						writeFiles(t, dir, legacySet)
					} else {
						commitSet(t, dir, previousSet)
					}
					writeFiles(t, dir, foreign)
					ops := &killingOps{at: k, exchange: exchange}
					o, err := openOutputs(context.Background(), dir, nil, nil, ops)
					if err != nil {
						t.Fatal(err)
					}
					writeSet(t, o, nextSet)
					died := func() (died bool) {
						defer func() {
							if r := recover(); r != nil {
								if _, ok := r.(killed); !ok {
									panic(r)
								}
								died = true
							}
						}()
						if err := o.Commit(nil); err != nil {
							t.Fatalf("step %d: Commit: %v", k, err)
						}
						return false
					}()
					if !died {
						steps = k - 1
						if d := diffTree(tree(t, dir), next); d != "" {
							t.Errorf("after a whole commit: %s", d)
						}
						break
					}
					for _, f := range o.lock.held {
						f.Close() // the process is gone: so are its locks
					}
					var got map[string]string // nil between the two renames: no folder
					if _, err := os.Stat(dir); err == nil {
						got = tree(t, dir)
					}
					state := ""
					switch {
					case got == nil && !exchange:
					case diffTree(got, prev) == "":
						state = "previous"
					case diffTree(got, next) == "":
						state = "new"
					default:
						t.Fatalf("killed at step %d: a mix: against the previous set: %s; against the new: %s", k, diffTree(got, prev), diffTree(got, next))
					}
					// The next run starts, and stops (say, at a bad input).
					var notes []string
					o2, err := newOutputs(context.Background(), dir, nil, func(s string) { notes = append(notes, s) })
					if err != nil {
						t.Fatalf("killed at step %d: the next run: %v", k, err)
					}
					o2.Abort()
					after := tree(t, dir)
					if state == "" {
						state = "previous" // put back
					}
					want := map[string]map[string]string{"previous": prev, "new": next}[state]
					if d := diffTree(after, want); d != "" {
						t.Errorf("killed at step %d (%s set), after the next run: %s", k, state, d)
					}
					checkNoStaging(t, dir)
					if kept, _ := filepath.Glob(dir + "-kept-*"); len(kept) > 0 {
						t.Errorf("killed at step %d: the next run kept %v", k, kept)
					}
				}
				if steps < 10 {
					t.Errorf("a commit took %d steps; the test expects more", steps)
				}
				t.Logf("%d steps", steps)
			})
		}
	}
}

// TestOneRunAtATime: a second run on the same output folder waits, says
// so, and commits after the first; the folder then holds the second set.
func TestOneRunAtATime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	first := mustOutputs(t, dir, nil)
	notes := make(chan string, 4)
	second := make(chan *outputs)
	go func() {
		o, err := newOutputs(context.Background(), dir, nil, func(s string) { notes <- s })
		if err != nil {
			t.Error(err)
		}
		second <- o
	}()
	select {
	case n := <-notes:
		if want := fmt.Sprintf("another run (process %d on ", os.Getpid()); !strings.Contains(n, want) || !strings.Contains(n, "is writing "+dir+"; waiting") {
			t.Errorf("note %q; want it to say %q … waiting", n, want)
		}
	case <-second:
		t.Fatal("the second run did not wait")
	case <-time.After(10 * time.Second):
		t.Fatal("the second run said nothing")
	}
	writeSet(t, first, previousSet)
	time.Sleep(3 * pollLock) // the second run keeps waiting meanwhile
	select {
	case <-second:
		t.Fatal("the second run went on while the first wrote")
	default:
	}
	if err := first.Commit(nil); err != nil {
		t.Fatal(err)
	}
	o := <-second
	writeSet(t, o, nextSet)
	if err := o.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if d := diffTree(tree(t, dir), nextSet); d != "" {
		t.Errorf("after both runs: %s", d)
	}
	checkNoStaging(t, dir)
}

// TestOverlappingRuns starts two whole runs on one output folder at once:
// both succeed, one after the other, and the folder holds one whole set
// (the scores of one wave, a profile for each of its units).
func TestOverlappingRuns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	type result struct {
		stderr string
		code   int
	}
	done := make(chan result, 2)
	for _, in := range []string{"2024=../../example/umfrage_2024.csv", "2026=../../example/umfrage_2026.csv"} {
		go func() {
			_, stderr, code := MustRun(t, "-c", repoConfig, "-i", in, "-o", out, "-q")
			done <- result{stderr, code}
		}()
	}
	waited := 0
	for range 2 {
		r := <-done
		if r.code != 0 {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "waiting until it has finished") {
			waited++
		}
	}
	// One waits if they overlapped (TestOneRunAtATime forces that); on a
	// busy machine the first may be done before the second asks.
	if waited > 1 {
		t.Errorf("%d runs said they waited, want at most 1", waited)
	}
	t.Logf("%d run waited for the other", waited)
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	wave := scores[1][0]
	for _, row := range scores[1:] {
		if row[0] != wave {
			t.Fatalf("scores.csv mixes waves %s and %s", wave, row[0])
		}
	}
	profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	units := map[string]bool{}
	for _, row := range scores[1:] {
		units[row[1]] = true
	}
	if len(profiles) != len(units) {
		t.Errorf("%d profiles for the %d units of wave %s in scores.csv", len(profiles), len(units), wave)
	}
	checkNoStaging(t, out)
}

// TestStaleLock: a lock whose holder died is taken over, and said.
func TestStaleLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	pid := dead.Process.Pid
	writeFiles(t, dir, map[string]string{holderName: fmt.Sprintf("%d elsewhere 2026-01-02T03:04:05Z\n", pid)})
	var notes []string
	o, err := newOutputs(context.Background(), dir, nil, func(s string) { notes = append(notes, s) })
	if err != nil {
		t.Fatal(err)
	}
	o.Abort()
	want := fmt.Sprintf("took over the lock of %s from process %d on elsewhere, since 2026-01-02 03:04:05, which ended without releasing it", dir, pid)
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q, want %q", notes, want)
	}
	if _, err := os.Lstat(filepath.Join(dir, holderName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the lock note stays after the run: %v", err)
	}
}

// TestWaitCancelled: a run waiting for the lock stops when cancelled.
func TestWaitCancelled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	o := mustOutputs(t, dir, nil)
	defer o.Abort()
	ctx, cancel := context.WithTimeout(context.Background(), 3*pollLock)
	defer cancel()
	_, err := newOutputs(ctx, dir, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "stopped waiting for the output folder "+dir+": context deadline exceeded") {
		t.Errorf("err = %v", err)
	}
}

// TestLeftoversRemoved: staging folders of killed runs, beside the output
// folder and (as older versions staged) inside it, are removed by the
// next run; a folder of another output folder is not.
func TestLeftoversRemoved(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	commitSet(t, dir, previousSet)
	writeFiles(t, root, map[string]string{
		".out.reifegrad-stage-123/scores.csv":               "half",
		".out.reifegrad-stage-124/profiles/x.html":          "half",
		".out2.reifegrad-stage-9/scores.csv":                "another folder's",
		".out.reifegrad-stage-x/scores.csv":                 "not our name",
		"out/.reifegrad-1234567/profiles/09.html":           "an older version's stage",
		"out/.reifegrad-old-1234567/scores.csv":             "an older version's stage",
		".out.reifegrad-stage-125/" + manifestName + "-new": "cut",
	})
	o := mustOutputs(t, dir, nil)
	o.Abort()
	if d := diffTree(tree(t, dir), previousSet); d != "" {
		t.Error(d)
	}
	checkNoStaging(t, dir)
	for _, keep := range []string{".out2.reifegrad-stage-9/scores.csv", ".out.reifegrad-stage-x/scores.csv"} {
		if _, err := os.Stat(filepath.Join(root, keep)); err != nil {
			t.Errorf("%s removed: %v", keep, err)
		}
	}
}

// TestFirstCause: of the errors of a run's outputs, the failure that
// cancelled the others is reported, not the cancellations it caused; only
// cancellations (an interrupt) give the first of them.
func TestFirstCause(t *testing.T) {
	full := errors.New("reifegrad.xlsx: no space left on device")
	other := errors.New("scores.csv: read-only file system")
	sheet := fmt.Errorf("sheet Fahrplan: %w", context.Canceled)
	tests := []struct {
		name string
		errs []error
		want error
	}{
		{"none", []error{nil, nil, nil}, nil},
		{"the analysis cancelled by a full disk", []error{context.Canceled, nil, full, nil, context.Canceled}, full},
		{"a wrapped cancellation before the cause", []error{nil, sheet, nil, full}, full},
		{"two failures: the first", []error{nil, other, full}, other},
		{"an interrupt", []error{nil, sheet, context.Canceled}, sheet},
	}
	for _, tt := range tests {
		if got := firstCause(tt.errs...); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// legacySet is previousSet as a version without manifests wrote it: its
// pages carry reifegrad's generator mark, its CSV files their header.
var legacySet = map[string]string{
	"scores.csv":          "wave,ags,name,kind,id,label,score,coverage,level\nold scores",
	"profiles/1.html":     "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"reifegrad\">\nold profile 1",
	"profiles/gone.html":  "<!DOCTYPE html>\n<meta name=\"generator\" content=\"reifegrad\">\nold, not rewritten",
	"assets/reifegrad.js": "old asset",
}

// TestLegacySetKeepsAPersonsFiles: in an output folder without a
// manifest, only what reifegrad demonstrably wrote is replaced or
// deleted — its pages by their generator mark, its CSV files by their
// header, its assets by their names. A person's logo in assets/ or page
// in profiles/ (the folder a web site or an earlier project may have) is
// kept, and a person's overview.html where reifegrad's goes is an error,
// not replaced.
func TestLegacySetKeepsAPersonsFiles(t *testing.T) {
	persons := map[string]string{"assets/logo.png": "a logo", "profiles/team.html": "<!DOCTYPE html>\n<title>Our team</title>",
		"profiles/notes.txt": "mine", "rejects.csv": "Nr;Grund\n1;my own list"}
	t.Run("a person's files beside the legacy set", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		writeFiles(t, dir, union(legacySet, persons))
		next := union(nextSet)
		delete(next, "overview.html")
		commitSet(t, dir, next)
		if d := diffTree(tree(t, dir), union(next, persons)); d != "" {
			t.Errorf("after the run: %s", d)
		}
	})
	for _, tt := range []struct{ name, file, text string }{
		{"a person's page", "overview.html", "<!DOCTYPE html>\n<title>Startseite</title>"},
		{"a person's table", "rejects.csv", "Nr;Grund\n1;my own list"},
	} {
		t.Run(tt.name+" where an output goes", func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			writeFiles(t, dir, union(legacySet, map[string]string{tt.file: tt.text}))
			before := tree(t, dir)
			o := mustOutputs(t, dir, nil)
			writeSet(t, o, union(nextSet, map[string]string{"rejects.csv": "new rejects"}))
			err := o.Commit(nil)
			if want := "will not replace " + filepath.Join(dir, tt.file) + ": reifegrad did not write it"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Commit: %v\nwant %s", err, want)
			}
			if d := diffTree(tree(t, dir), before); d != "" {
				t.Errorf("the folder changed: %s", d)
			}
		})
	}
}
