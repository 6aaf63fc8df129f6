package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// outputs writes a run's files atomically as a set. Every file is first
// written into a staging folder inside the output folder; only when all of
// them are complete are they renamed into place. A run that fails midway
// leaves the previous outputs untouched. No output may replace an input
// file. outputs is safe for concurrent use.
type outputs struct {
	dir    string
	stage  string
	inputs []os.FileInfo
	// rename moves a file: os.Rename, except in tests that make it fail.
	rename func(from, to string) error

	mu    sync.Mutex
	files []string // relative names, slash-separated
}

func newOutputs(dir string, inputs []string) (*outputs, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output folder: %w", err)
	}
	stage, err := os.MkdirTemp(dir, ".reifegrad-")
	if err != nil {
		return nil, fmt.Errorf("cannot write to output folder: %w", err)
	}
	o := &outputs{dir: dir, stage: stage, rename: os.Rename}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil {
			o.inputs = append(o.inputs, fi)
		}
	}
	return o, nil
}

// Create opens a staged file for the output name ("profiles/x.html").
func (o *outputs) Create(name string) (io.WriteCloser, error) {
	clean := path.Clean(name)
	if clean != name || strings.HasPrefix(clean, "../") || clean == ".." || path.IsAbs(clean) || strings.HasPrefix(clean, ".reifegrad-") {
		return nil, fmt.Errorf("invalid output name %q", name)
	}
	if err := o.checkNotInput(clean); err != nil {
		return nil, err
	}
	p := filepath.Join(o.stage, filepath.FromSlash(clean))
	o.mu.Lock()
	if slices.Contains(o.files, clean) {
		o.mu.Unlock()
		return nil, fmt.Errorf("output %s written twice", clean)
	}
	o.files = append(o.files, clean)
	o.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	// Exclusive: on a file system that ignores case, profiles of units
	// "ab" and "AB" are one file, and the second would replace the first.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("output %s: another output has the same name on this file system (names that differ only in case?)", clean)
	}
	return f, err
}

// checkNotInput refuses an output path that is an input file.
func (o *outputs) checkNotInput(name string) error {
	target := filepath.Join(o.dir, filepath.FromSlash(name))
	fi, err := os.Stat(target)
	if err != nil {
		return nil // does not exist yet: cannot be an input
	}
	for _, in := range o.inputs {
		if os.SameFile(fi, in) {
			return fmt.Errorf("refusing to write %s: it is an input file", target)
		}
	}
	return nil
}

// Commit moves every staged file into place and removes the stage. The
// previous outputs are replaced as a set: each is first moved aside, and
// if any file cannot be moved into place, every move is undone, so the
// folder holds the previous outputs again and the error says so.
func (o *outputs) Commit() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var errs []error
	for _, name := range o.files {
		if err := o.checkNotInput(name); err != nil {
			errs = append(errs, err)
		}
		dst := o.Path(name)
		if fi, err := os.Lstat(dst); err == nil && fi.IsDir() {
			errs = append(errs, fmt.Errorf("cannot write %s: it is a folder", dst))
		}
	}
	if len(errs) > 0 {
		o.abortLocked()
		return errors.Join(errs...)
	}
	old, err := os.MkdirTemp(o.dir, ".reifegrad-old-")
	if err != nil {
		o.abortLocked()
		return fmt.Errorf("cannot write to output folder: %w", err)
	}
	type move struct{ from, to string }
	var done []move
	mv := func(from, to string) error {
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := o.rename(from, to); err != nil {
			return err
		}
		done = append(done, move{from, to})
		return nil
	}
	stale := o.stale()
	for _, name := range append(slices.Clone(o.files), stale...) {
		src := filepath.Join(o.stage, filepath.FromSlash(name))
		dst := o.Path(name)
		err := error(nil)
		if _, lerr := os.Lstat(dst); lerr == nil {
			err = mv(dst, filepath.Join(old, filepath.FromSlash(name)))
		}
		if err == nil && !slices.Contains(stale, name) {
			err = mv(src, dst)
		}
		if err != nil {
			for i := len(done) - 1; i >= 0; i-- {
				os.Rename(done[i].to, done[i].from) //nolint:errcheck // best effort: the error below is what counts
			}
			os.RemoveAll(old)
			o.abortLocked()
			return fmt.Errorf("cannot move %s into place, previous outputs kept: %w", name, err)
		}
	}
	os.RemoveAll(old)
	return os.RemoveAll(o.stage)
}

// stale lists the profiles of an earlier run that this run does not
// write: a unit that is no longer in the input must not keep a profile
// that looks current. Only *.html files directly in profiles/ count;
// anything else a user put there stays.
func (o *outputs) stale() []string {
	var out []string
	written := map[string]bool{}
	for _, f := range o.files {
		written[f] = true
	}
	entries, _ := os.ReadDir(o.Path("profiles"))
	for _, e := range entries {
		name := "profiles/" + e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".html") && !written[name] {
			out = append(out, name)
		}
	}
	return out
}

// Abort discards every staged file.
func (o *outputs) Abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.abortLocked()
}

func (o *outputs) abortLocked() {
	os.RemoveAll(o.stage)
	o.files = nil
}

// Path returns where an output lands after Commit.
func (o *outputs) Path(name string) string { return filepath.Join(o.dir, filepath.FromSlash(name)) }
