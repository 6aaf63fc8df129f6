package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// folderLock is the lock of an output folder: one run at a time may
// write it. It is an advisory lock (flock) on the folder itself, so the
// system releases it when its holder ends, however it ends; a note in the
// folder (holderName) names the holder, for the message of a run that
// waits, and tells a run that takes the lock that the previous holder
// died without releasing it. The staging folder is locked too before it
// is swapped in, so that a waiting run that finds the new folder in place
// waits on.
type folderLock struct {
	dir   string
	held  []*os.File
	since time.Time
}

// pollLock is how often a waiting run tries the lock again.
const pollLock = 100 * time.Millisecond

// lockFolder takes the lock of dir, waiting for the run that holds it and
// saying so once with note. A holder that died is said with note too.
func lockFolder(ctx context.Context, dir string, note func(string)) (*folderLock, error) {
	announced := false
	for {
		f, err := os.Open(dir)
		if errors.Is(err, fs.ErrNotExist) {
			// Moved away by the run before, between its renames.
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("cannot create output folder: %w", err)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot open output folder: %w", err)
		}
		locked, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock output folder %s: %w", dir, err)
		}
		if !locked {
			f.Close()
			if !announced {
				note(fmt.Sprintf("another run (%s) is writing %s; waiting until it has finished", holderOf(dir), dir))
				announced = true
			}
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("stopped waiting for the output folder %s: %w", dir, context.Cause(ctx))
			case <-time.After(pollLock):
			}
			continue
		}
		// The folder at dir may have been swapped for another between
		// open and lock: then the lock is on the previous set.
		if fi, err := f.Stat(); err != nil || !sameAs(fi, dir) {
			f.Close()
			continue
		}
		l := &folderLock{dir: dir, held: []*os.File{f}, since: time.Now()}
		if h := holderOf(dir); h != "" {
			if pid, _ := holderPID(dir); pid != os.Getpid() {
				note(fmt.Sprintf("took over the lock of %s from %s, which ended without releasing it", dir, h))
			}
		}
		if err := l.writeHolder(dir, nil); err != nil {
			l.release()
			return nil, fmt.Errorf("cannot write to output folder: %w", err)
		}
		return l, nil
	}
}

func sameAs(fi fs.FileInfo, p string) bool {
	pfi, err := os.Stat(p)
	return err == nil && os.SameFile(fi, pfi)
}

// add locks the folder dir as well (the staged set, before the swap).
func (l *folderLock) add(dir string, ops fileOps) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	locked, err := tryLock(f)
	if err == nil && !locked {
		err = errors.New("locked by another process")
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("cannot lock %s: %w", dir, err)
	}
	l.held = append(l.held, f)
	return l.writeHolder(dir, ops)
}

// drop lets go of the lock on dir, which is about to be removed.
func (l *folderLock) drop(dir string) {
	if l == nil {
		return
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return
	}
	for i, f := range l.held {
		if ffi, err := f.Stat(); err == nil && os.SameFile(ffi, fi) {
			f.Close()
			l.held = slices.Delete(l.held, i, i+1)
			return
		}
	}
}

// release removes the note of the holder from the output folder and lets
// go of every lock.
func (l *folderLock) release() {
	if l == nil {
		return
	}
	if pid, err := holderPID(l.dir); err == nil && pid == os.Getpid() {
		os.Remove(filepath.Join(l.dir, holderName))
	}
	for _, f := range l.held {
		f.Close()
	}
	l.held = nil
}

// writeHolder writes the note of the holder into dir: process id, host
// and when it took the lock.
func (l *folderLock) writeHolder(dir string, ops fileOps) error {
	host, _ := os.Hostname()
	text := fmt.Sprintf("%d %s %s\n", os.Getpid(), host, l.since.Format(time.RFC3339))
	p := filepath.Join(dir, holderName)
	if ops != nil {
		return ops.WriteFile(p, []byte(text))
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", p)
	}
	os.Remove(p)
	return writeNew(p, []byte(text))
}

// holderOf describes the holder noted in dir ("process 1234 on host,
// since 10:02:03"), or "" if there is no note.
func holderOf(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, holderName))
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "a process"
	}
	pid, host := f[0], visible(f[1])
	if t, err := time.Parse(time.RFC3339, f[2]); err == nil {
		return fmt.Sprintf("process %s on %s, since %s", pid, host, t.Format("2006-01-02 15:04:05"))
	}
	return fmt.Sprintf("process %s on %s", pid, host)
}

func holderPID(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, holderName))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, errors.New("empty")
	}
	return strconv.Atoi(f[0])
}
