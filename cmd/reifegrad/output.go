package main

import (
	"errors"
	"fmt"
	"io"
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
	o := &outputs{dir: dir, stage: stage}
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
	return os.Create(p)
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

// Commit moves every staged file into place and removes the stage.
func (o *outputs) Commit() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var errs []error
	for _, name := range o.files {
		if err := o.checkNotInput(name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		o.abortLocked()
		return errors.Join(errs...)
	}
	for _, name := range o.files {
		src := filepath.Join(o.stage, filepath.FromSlash(name))
		dst := filepath.Join(o.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("cannot move %s into place: %w", name, err)
		}
	}
	return os.RemoveAll(o.stage)
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
