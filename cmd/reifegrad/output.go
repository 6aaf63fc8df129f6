package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// The output folder is a set of files the run owns. The new set is
// written into a staging folder beside the output folder; when it is
// complete, the two folders are swapped in one step (renameat2 with
// RENAME_EXCHANGE on Linux), so that at every moment — a run killed with
// kill -9 included — the output folder holds either the previous set or the
// new one, never a mix. Files in the output folder that reifegrad did not
// write (notes, an input, a user's folder) are carried over into the new
// set as hard links before the swap, and so survive it. What reifegrad
// wrote is listed in the folder's manifest; the previous set is removed
// after the swap, and only what its manifest lists is ever deleted.
//
// Names in the output folder that start with ".reifegrad-" are
// reifegrad's own: the manifest, the lock's note of its holder, and the
// staging folders of versions that staged inside the output folder.
const (
	manifestName   = ".reifegrad-manifest"
	holderName     = ".reifegrad-lock"
	reservedPrefix = ".reifegrad-"
)

// manifestHead is the first line of a manifest: what it is, for a person
// who finds the file.
const manifestHead = "# reifegrad output set: the files below were written by reifegrad; its next run replaces them. Other files here are kept.\n"

// outputs writes a run's files as a set and replaces the previous set
// with it (see above). It holds the output folder's lock from newOutputs
// until Commit or Abort. Create is safe for concurrent use.
type outputs struct {
	dir    string // the output folder: absolute, with symlinks of its path resolved
	stage  string // the staging folder beside dir; "" once committed or aborted
	inputs []os.FileInfo
	fs     fileOps
	note   func(string) // tells the person running reifegrad (stderr)
	lock   *folderLock
	// hook, if set, stands between each output and its staged file:
	// tests make it fail as a full disk would (app.writeHook).
	hook func(name string, w io.Writer) io.Writer

	mu    sync.Mutex
	files []string // relative names, slash-separated, in the order created
	// names holds files as a set and folders the staged folders made so
	// far: a national run creates 100,000 outputs, and a list searched
	// per file (and a MkdirAll, a stat, per file) cost 18.6 s there.
	names   map[string]struct{}
	folders map[string]struct{}
}

// newOutputs takes the output folder dir for one run: it creates the
// folder if needed, waits for its lock (saying so with note), removes what
// a killed run left behind, and creates the staging folder. inputs are the
// files the run reads; no output may replace one, and none is deleted.
// Cancelling ctx stops the wait.
func newOutputs(ctx context.Context, dir string, inputs []string, note func(string)) (*outputs, error) {
	return openOutputs(ctx, dir, inputs, note, osOps{})
}

func openOutputs(ctx context.Context, dir string, inputs []string, note func(string), ops fileOps) (*outputs, error) {
	if note == nil {
		note = func(string) {}
	}
	abs, err := outputFolder(dir)
	if err != nil {
		return nil, err
	}
	o := &outputs{dir: abs, fs: ops, note: note}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil {
			o.inputs = append(o.inputs, fi)
		}
	}
	o.restoreSwapped()
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output folder: %w", err)
	}
	if o.lock, err = lockFolder(ctx, abs, note); err != nil {
		return nil, err
	}
	o.cleanLeftovers()
	fi, err := os.Stat(abs)
	if err != nil {
		o.lock.release()
		return nil, fmt.Errorf("cannot read output folder: %w", err)
	}
	stage, err := os.MkdirTemp(filepath.Dir(abs), leftoverPrefix(abs)+"stage-")
	if err == nil {
		err = os.Chmod(stage, fi.Mode().Perm())
	}
	if err != nil {
		o.lock.release()
		if stage != "" {
			os.RemoveAll(stage)
		}
		return nil, fmt.Errorf("cannot stage the outputs beside %s (the new set is written beside the output folder and then swapped with it, so the folder above must be writable): %w", abs, err)
	}
	o.stage = stage
	return o, nil
}

// outputFolder makes dir absolute and resolves symlinks on its way: the
// folder given may be a link, and then the folder it points to is the one
// replaced. A file in its place is an error.
func outputFolder(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("cannot create output folder: %w", err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return "", fmt.Errorf("cannot create output folder: %s is not a folder", abs)
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("cannot use %s as output folder: it has no folder above it to stage the outputs in", abs)
	}
	return abs, nil
}

// leftoverPrefix is how the staging folders of the output folder dir
// begin: hidden, beside it, and named after it.
func leftoverPrefix(dir string) string {
	return "." + filepath.Base(dir) + ".reifegrad-"
}

// leftoverName matches what follows leftoverPrefix in the name of a
// staging folder ("stage-") or of a previous set moved aside ("old-").
var leftoverName = regexp.MustCompile(`^(stage|old)-[0-9]+$`)

// leftovers lists the staging folders of dir that earlier runs left, and
// which of them are previous sets moved aside.
func leftovers(dir string) (all, old []string) {
	entries, _ := os.ReadDir(filepath.Dir(dir))
	prefix := leftoverPrefix(dir)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() || !leftoverName.MatchString(rest) {
			continue
		}
		p := filepath.Join(filepath.Dir(dir), e.Name())
		all = append(all, p)
		if strings.HasPrefix(rest, "old-") {
			old = append(old, p)
		}
	}
	return all, old
}

// restoreSwapped puts a previous set back whose run was killed between
// the two renames that replace the exchange where the file system cannot
// swap folders: the output folder is missing and the previous set lies
// beside it.
func (o *outputs) restoreSwapped() {
	if _, err := os.Lstat(o.dir); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	_, old := leftovers(o.dir)
	if len(old) == 1 {
		if err := os.Rename(old[0], o.dir); err == nil {
			o.note(fmt.Sprintf("put the previous outputs back into %s: a run was stopped while it replaced them", o.dir))
		}
	}
}

// cleanLeftovers removes what runs that were killed left beside the
// output folder, and inside it: a manifest being written, or a staging
// folder of a version that staged there. It runs under the lock.
func (o *outputs) cleanLeftovers() {
	all, _ := leftovers(o.dir)
	for _, p := range all {
		if err := o.removeSet(p); err != nil {
			o.note(err.Error())
		}
	}
	entries, _ := os.ReadDir(o.dir)
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, reservedPrefix) && name != manifestName && name != holderName {
			if err := o.fs.RemoveAll(filepath.Join(o.dir, name)); err != nil {
				o.note(fmt.Sprintf("cannot remove %s, left by an earlier run: %v", filepath.Join(o.dir, name), err))
			}
		}
	}
}

// Create opens a staged file for the output name ("profiles/x.html").
// Errors in writing and closing it name the file where it will land.
func (o *outputs) Create(name string) (io.WriteCloser, error) {
	clean := path.Clean(name)
	if clean != name || strings.HasPrefix(clean, "../") || clean == ".." || clean == "." || path.IsAbs(clean) || strings.HasPrefix(clean, reservedPrefix) {
		return nil, fmt.Errorf("invalid output name %q", name)
	}
	o.mu.Lock()
	if o.stage == "" {
		o.mu.Unlock()
		return nil, fmt.Errorf("output %s: the output set is closed", clean)
	}
	if _, dup := o.names[clean]; dup {
		o.mu.Unlock()
		return nil, fmt.Errorf("output %s written twice", clean)
	}
	if o.names == nil {
		o.names, o.folders = map[string]struct{}{}, map[string]struct{}{}
	}
	o.names[clean] = struct{}{}
	o.files = append(o.files, clean)
	p := filepath.Join(o.stage, filepath.FromSlash(clean))
	if dir := path.Dir(clean); dir != "." {
		if _, made := o.folders[dir]; !made {
			// Under the lock, so that no other Create opens a file in
			// the folder before it exists.
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				o.mu.Unlock()
				return nil, o.final(err)
			}
			o.folders[dir] = struct{}{}
		}
	}
	o.mu.Unlock()
	// Exclusive: on a file system that ignores case, profiles of units
	// "ab" and "AB" are one file, and the second would replace the first.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("output %s: another output has the same name on this file system (names that differ only in case?)", clean)
	}
	if err != nil {
		return nil, o.final(err)
	}
	sf := &stagedFile{f: f, w: f, o: o}
	if o.hook != nil {
		sf.w = o.hook(clean, f)
	}
	return sf, nil
}

// stagedFile is an output being written. Its errors name the file where
// it lands, not the staging folder, which is gone when the user reads the
// message.
type stagedFile struct {
	f *os.File
	w io.Writer // f, or a test's hook in front of it
	o *outputs
}

func (s *stagedFile) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	return n, s.o.final(err)
}

func (s *stagedFile) Close() error { return s.o.final(s.f.Close()) }

// final rewrites the path in a file system error from the staging folder
// to the output folder.
func (o *outputs) final(err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	if rel, rerr := filepath.Rel(o.stage, pe.Path); rerr == nil && !strings.HasPrefix(rel, "..") {
		return &fs.PathError{Op: pe.Op, Path: filepath.Join(o.dir, rel), Err: pe.Err}
	}
	return err
}

// Commit replaces the previous set with the new one. It first checks that
// every output may go where it goes (no input, folder, symbolic link or
// file that no manifest lists is in the way) and carries the files that
// are not reifegrad's into the new set; then ready, if not nil, runs (run
// prints its summary there, so that a failure to print keeps the previous
// set); then the folders are swapped, and the previous set removed. Any
// error before the swap leaves the previous set as it was and removes the
// staging folder. Commit releases the lock.
func (o *outputs) Commit(ready func() error) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stage == "" {
		return errors.New("the output set is closed")
	}
	if err := o.prepare(); err != nil {
		o.abortLocked()
		return err
	}
	if ready != nil {
		if err := ready(); err != nil {
			o.abortLocked()
			return err
		}
	}
	old, err := o.swap()
	if err != nil {
		o.abortLocked()
		return fmt.Errorf("cannot put the new outputs into %s, previous outputs kept: %w", o.dir, err)
	}
	o.stage = ""
	if err := o.removeSet(old); err != nil {
		o.note(err.Error())
	}
	o.lock.release()
	return nil
}

// prepare makes the staging folder the complete new output folder.
func (o *outputs) prepare() error {
	prev, err := readManifest(o.dir)
	if err != nil {
		return err
	}
	p := &planner{o: o, prev: prev, next: map[string]bool{}}
	for _, f := range o.files {
		p.next[f] = false
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			p.next[d] = true
		}
	}
	p.walk("")
	if len(p.conflicts) > 0 {
		return errors.Join(p.conflicts...)
	}
	for _, c := range p.carries {
		if err := o.carry(c); err != nil {
			return fmt.Errorf("cannot keep %s (it is not reifegrad's) in the new output set: %w; move it out of the output folder", filepath.Join(o.dir, c.rel), err)
		}
	}
	if err := o.writeManifest(o.stage, o.files); err != nil {
		return o.final(err)
	}
	if prev == nil {
		// The previous set has no manifest (written by a version before
		// manifests, or not by reifegrad): list what was recognised as
		// reifegrad's, so that a run killed after the swap leaves a
		// previous set that the next run can tell apart from the rest.
		if err := o.writeManifest(o.dir, p.legacy); err != nil {
			return err
		}
	}
	// The staged folder becomes the output folder: lock it too, before a
	// waiting run can see it there.
	return o.lock.add(o.stage, o.fs)
}

// swap exchanges the staging folder and the output folder and returns
// where the previous set now lies. Where the file system cannot exchange
// folders, two renames do it: a run killed between them leaves both sets
// beside the missing folder, and the next run puts the previous one back
// (restoreSwapped).
func (o *outputs) swap() (string, error) {
	err := o.fs.Exchange(o.stage, o.dir)
	if err == nil {
		return o.stage, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", err
	}
	old := filepath.Join(filepath.Dir(o.dir), fmt.Sprintf("%sold-%d", leftoverPrefix(o.dir), time.Now().UnixNano()))
	if err := o.fs.Rename(o.dir, old); err != nil {
		return "", err
	}
	if err := o.fs.Rename(o.stage, o.dir); err != nil {
		if rerr := o.fs.Rename(old, o.dir); rerr != nil {
			return "", fmt.Errorf("%w; the previous outputs are in %s", err, old)
		}
		return "", err
	}
	return old, nil
}

// Abort discards the new set and releases the lock.
func (o *outputs) Abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.abortLocked()
}

func (o *outputs) abortLocked() {
	if o.stage == "" {
		return
	}
	o.lock.drop(o.stage)
	if err := o.fs.RemoveAll(o.stage); err != nil {
		o.note(fmt.Sprintf("cannot remove the staging folder %s: %v (the next run removes it)", o.stage, err))
	}
	o.stage = ""
	o.files, o.names, o.folders = nil, nil, nil
	o.lock.release()
}

// Path returns where an output lands after Commit.
func (o *outputs) Path(name string) string { return filepath.Join(o.dir, filepath.FromSlash(name)) }

func (o *outputs) isInput(fi fs.FileInfo) bool {
	for _, in := range o.inputs {
		if os.SameFile(fi, in) {
			return true
		}
	}
	return false
}

// manifest is the list of what a run wrote into the output folder.
type manifest map[string]bool // relative name → listed; folders end in "/"

func (m manifest) lists(rel string, dir bool) bool {
	if dir {
		return m[rel+"/"]
	}
	return m[rel]
}

// readManifest reads the manifest of an output set; nil when it has none.
func readManifest(dir string) (manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the list of reifegrad's files in %s: %w", dir, err)
	}
	m := manifest{}
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m, nil
}

// writeManifest writes the manifest of the set in dir listing files. It
// appears whole or not at all: a set with a manifest cut short would have
// files of reifegrad's that it does not list.
func (o *outputs) writeManifest(dir string, files []string) error {
	tmp := filepath.Join(dir, manifestName+"-new")
	os.Remove(tmp) // left by a run that was killed here
	if err := o.fs.WriteFile(tmp, manifestText(files)); err != nil {
		return err
	}
	return o.fs.Rename(tmp, filepath.Join(dir, manifestName))
}

// manifestText lists files and, ending in "/", the folders they are in.
func manifestText(files []string) []byte {
	seen := map[string]bool{}
	var lines []string
	for _, f := range files {
		if strings.HasSuffix(f, "/") {
			f = strings.TrimSuffix(f, "/")
			if !seen[f+"/"] {
				seen[f+"/"] = true
				lines = append(lines, f+"/")
			}
		} else if !seen[f] {
			seen[f] = true
			lines = append(lines, f)
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if !seen[d+"/"] {
				seen[d+"/"] = true
				lines = append(lines, d+"/")
			}
		}
	}
	slices.Sort(lines)
	return []byte(manifestHead + strings.Join(lines, "\n") + "\n")
}

// legacyOutput recognises the outputs of reifegrad versions that wrote
// no manifest: the folders profiles/ and assets/, and in them and at the
// top the files those versions wrote — each only where its content shows
// it is reifegrad's (the generator mark every page has carried from the
// first version, the header of a CSV file, the names of the assets). A
// folder without a manifest may be a person's (-o pointing at a web
// site's folder): their logo in assets/ or page in profiles/ is not
// reifegrad's and is kept, and their overview.html where reifegrad's goes
// is in the way, never replaced.
func legacyOutput(abs, rel string, fi fs.FileInfo) bool {
	dir, name := path.Split(rel)
	switch {
	case fi.IsDir():
		return rel == "profiles" || rel == "assets"
	case !fi.Mode().IsRegular():
		return false
	case dir == "assets/":
		return slices.Contains(legacyAssets, name)
	case dir == "" && name == "overview.html", dir == "profiles/" && strings.HasSuffix(name, ".html"):
		return startsWithin(abs, 2048, func(head []byte) bool {
			return bytes.Contains(head, []byte(`<meta name="generator" content="reifegrad">`))
		})
	case dir == "" && name == "scores.csv":
		return startsWithin(abs, 64, func(head []byte) bool { return bytes.HasPrefix(bytes.TrimPrefix(head, utf8BOM), []byte("wave,")) })
	case dir == "" && name == "rejects.csv":
		return startsWithin(abs, 64, func(head []byte) bool { return bytes.HasPrefix(bytes.TrimPrefix(head, utf8BOM), []byte("file,")) })
	case dir == "" && name == "reifegrad.xlsx":
		return startsWithin(abs, 4, func(head []byte) bool { return bytes.Equal(head, []byte("PK\x03\x04")) })
	}
	return false
}

// legacyAssets are the files every version wrote into assets/.
var legacyAssets = []string{"ECHARTS-LICENSE", "ECHARTS-NOTICE", "echarts.min.js", "reifegrad.css", "reifegrad.js"}

var utf8BOM = []byte("\xef\xbb\xbf")

// startsWithin reports whether the first n bytes of the file abs (fewer
// if it is shorter) satisfy ok; a file that cannot be read does not.
func startsWithin(abs string, n int, ok func([]byte) bool) bool {
	f, err := os.Open(abs)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, n)
	m, _ := io.ReadFull(f, head)
	return ok(head[:m])
}

// planner compares the previous set with the new one: which outputs
// replace what, what must be carried over, and what is in the way.
type planner struct {
	o         *outputs
	prev      manifest        // nil: the folder has no manifest
	next      map[string]bool // the new set: name → is a folder
	conflicts []error
	carries   []carry
	legacy    []string // with no manifest: what was recognised as reifegrad's
}

// carry is an entry of the output folder to keep in the new set.
type carry struct {
	rel string
	fi  fs.FileInfo
}

// walk visits the entries of the folder rel of the output folder. It
// never follows a symbolic link: a link is an entry like a file.
func (p *planner) walk(rel string) {
	entries, err := os.ReadDir(filepath.Join(p.o.dir, filepath.FromSlash(rel)))
	if err != nil {
		p.conflicts = append(p.conflicts, fmt.Errorf("cannot read output folder: %w", err))
		return
	}
	for _, e := range entries {
		if rel == "" && strings.HasPrefix(e.Name(), reservedPrefix) {
			continue // reifegrad's own: never carried
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		p.visit(path.Join(rel, e.Name()), fi)
	}
}

func (p *planner) visit(rel string, fi fs.FileInfo) {
	abs := filepath.Join(p.o.dir, filepath.FromSlash(rel))
	mode := fi.Mode()
	ours := false
	if p.prev != nil {
		ours = p.prev.lists(rel, fi.IsDir())
	} else if ours = legacyOutput(abs, rel, fi); ours {
		if fi.IsDir() {
			p.legacy = append(p.legacy, rel+"/")
		} else {
			p.legacy = append(p.legacy, rel)
		}
	}
	input := mode.IsRegular() && p.o.isInput(fi)
	isDir, inNext := p.next[rel]
	fail := func(format string, args ...any) { p.conflicts = append(p.conflicts, fmt.Errorf(format, args...)) }
	switch {
	case inNext && mode&fs.ModeSymlink != 0:
		to, _ := os.Readlink(abs)
		fail("%s is a symbolic link (to %s): reifegrad never writes or deletes through a link in its output folder; remove the link or choose another output folder", abs, to)
	case inNext && isDir && !mode.IsDir():
		fail("cannot write the folder %s: a file is in the way", abs)
	case inNext && isDir:
		p.walk(rel)
	case inNext && mode.IsDir():
		fail("cannot write %s: it is a folder", abs)
	case inNext && input:
		fail("refusing to write %s: it is an input file", abs)
	case inNext && !mode.IsRegular():
		fail("cannot write %s: it is not a regular file", abs)
	case inNext && !ours && p.prev == nil:
		fail("will not replace %s: reifegrad did not write it (the folder has no %s, and the file is not as reifegrad writes it); move it away or choose another output folder", abs, manifestName)
	case inNext && !ours:
		fail("will not replace %s: reifegrad did not write it (%s does not list it); move it away or choose another output folder", abs, manifestName)
	case inNext:
		// An output of the previous set, replaced.
	case mode.IsDir():
		n := len(p.carries)
		p.carries = append(p.carries, carry{rel, fi})
		p.walk(rel)
		if ours && len(p.carries) == n+1 {
			p.carries = p.carries[:n] // reifegrad's folder, with nothing in it to keep
		}
	case ours && mode.IsRegular() && !input:
		// An output of the previous set that the new one does not have
		// (the profile of a unit no longer in the input): it goes.
	default:
		p.carries = append(p.carries, carry{rel, fi})
	}
}

// carry puts an entry of the output folder into the staging folder: a
// folder as a new folder, a symbolic link as a new link with the same
// target, anything else as a hard link to the same file.
func (o *outputs) carry(c carry) error {
	from := filepath.Join(o.dir, filepath.FromSlash(c.rel))
	to := filepath.Join(o.stage, filepath.FromSlash(c.rel))
	switch {
	case c.fi.IsDir():
		return o.fs.Mkdir(to, c.fi.Mode().Perm())
	case c.fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(from)
		if err != nil {
			return err
		}
		return o.fs.Symlink(target, to)
	}
	return o.fs.Link(from, to)
}

// removeSet removes a set that is no longer the output folder: the
// previous set after a swap, or a staging folder a killed run left. Only
// what its manifest lists is deleted. Anything else was carried into the
// output folder before the swap, and its copy here is a second link to the
// same file, which goes; an entry the output folder does not have (a file
// put there while the run worked) is moved into it. What cannot be placed
// stays, in a folder named so that a person finds it. A staging folder
// without a manifest never reached the swap: it holds only reifegrad's
// files and second links of files in the output folder, and goes whole.
func (o *outputs) removeSet(set string) error {
	m, err := readManifest(set)
	if err != nil {
		return err
	}
	if m == nil {
		o.lock.drop(set)
		if err := o.fs.RemoveAll(set); err != nil {
			return fmt.Errorf("cannot remove the staging folder %s: %w", set, err)
		}
		return nil
	}
	c := &setRemover{o: o, set: set, m: m}
	c.walk("")
	o.lock.drop(set)
	for _, name := range []string{manifestName, holderName} {
		if err := o.fs.Remove(filepath.Join(set, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.kept++
		}
	}
	if c.kept == 0 {
		if err := o.fs.Remove(set); err == nil || errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	keep := filepath.Join(filepath.Dir(o.dir), fmt.Sprintf("%s-kept-%s", filepath.Base(o.dir), time.Now().Format("20060102-150405.000000")))
	if err := o.fs.Rename(set, keep); err != nil {
		return fmt.Errorf("could not remove %d entries of the previous outputs in %s: %w", c.kept, set, err)
	}
	return fmt.Errorf("kept %d files that reifegrad did not write in %s: their places in %s are taken", c.kept, keep, o.dir)
}

// setRemover walks a set that is being removed.
type setRemover struct {
	o    *outputs
	set  string
	m    manifest
	kept int
}

func (c *setRemover) walk(rel string) {
	entries, err := os.ReadDir(filepath.Join(c.set, filepath.FromSlash(rel)))
	if err != nil {
		c.kept++
		return
	}
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		if rel == "" && (e.Name() == manifestName || e.Name() == holderName) {
			continue // removed last
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		abs := filepath.Join(c.set, filepath.FromSlash(name))
		switch {
		case rel == "" && strings.HasPrefix(e.Name(), reservedPrefix):
			// A staging folder of a version that staged inside the
			// output folder, or a manifest being written: reifegrad's.
			if c.o.fs.RemoveAll(abs) != nil {
				c.kept++
			}
		case fi.IsDir():
			c.walk(name)
			if err := c.o.fs.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
				c.kept++ // not empty: something in it was kept
			}
		case c.m.lists(name, false) && fi.Mode().IsRegular() && !c.o.isInput(fi):
			if c.o.fs.Remove(abs) != nil {
				c.kept++
			}
		default:
			c.place(name, abs, fi)
		}
	}
}

// place handles an entry that is not reifegrad's: removed if the output
// folder has it (a second link), else moved there if its place is free.
func (c *setRemover) place(rel, abs string, fi fs.FileInfo) {
	there := filepath.Join(c.o.dir, filepath.FromSlash(rel))
	tfi, err := lstatIn(c.o.dir, rel)
	switch {
	case err == nil && sameEntry(abs, fi, there, tfi):
		if c.o.fs.Remove(abs) != nil {
			c.kept++
		}
	case errors.Is(err, fs.ErrNotExist) && c.folderFor(path.Dir(rel)) == nil:
		if c.o.fs.Rename(abs, there) != nil {
			c.kept++
		}
	default:
		c.kept++
	}
}

// folderFor makes sure the folder rel of the output folder exists as a
// real folder, without following links.
func (c *setRemover) folderFor(rel string) error {
	if rel == "." {
		return nil
	}
	fi, err := lstatIn(c.o.dir, rel)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case errors.Is(err, fs.ErrNotExist):
		if err := c.folderFor(path.Dir(rel)); err != nil {
			return err
		}
		return c.o.fs.Mkdir(filepath.Join(c.o.dir, filepath.FromSlash(rel)), 0o755)
	case err == nil:
		return fmt.Errorf("%s is not a folder", rel)
	}
	return err
}

// lstatIn is os.Lstat of rel inside root, failing if a folder on the way
// is a symbolic link rather than following it.
func lstatIn(root, rel string) (fs.FileInfo, error) {
	p := root
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		p = filepath.Join(p, part)
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		if i < len(parts)-1 && !fi.IsDir() {
			return nil, fmt.Errorf("%s: %w", p, errNotFolder)
		}
		if i == len(parts)-1 {
			return fi, nil
		}
	}
	return nil, fs.ErrNotExist
}

var errNotFolder = errors.New("not a folder")

// sameEntry reports whether two entries are one file (hard links), or
// symbolic links with the same target.
func sameEntry(a string, afi fs.FileInfo, b string, bfi fs.FileInfo) bool {
	if afi.Mode()&fs.ModeSymlink != 0 && bfi.Mode()&fs.ModeSymlink != 0 {
		at, aerr := os.Readlink(a)
		bt, berr := os.Readlink(b)
		return aerr == nil && berr == nil && at == bt
	}
	return os.SameFile(afi, bfi)
}

// fileOps are the changes of the file system that replacing a set makes.
// Tests substitute them to stop a commit at every step, as kill -9 would.
type fileOps interface {
	Rename(from, to string) error
	// Exchange swaps two folders in one step, or returns errNoExchange
	// when the system or file system cannot.
	Exchange(a, b string) error
	Link(from, to string) error
	Symlink(target, link string) error
	Mkdir(dir string, perm fs.FileMode) error
	WriteFile(name string, data []byte) error
	Remove(name string) error
	RemoveAll(name string) error
}

// errNoExchange: the folders cannot be swapped in one step.
var errNoExchange = errors.New("folders cannot be exchanged in one step here")

type osOps struct{}

func (osOps) Rename(from, to string) error             { return os.Rename(from, to) }
func (osOps) Exchange(a, b string) error               { return exchange(a, b) }
func (osOps) Link(from, to string) error               { return os.Link(from, to) }
func (osOps) Symlink(target, link string) error        { return os.Symlink(target, link) }
func (osOps) Mkdir(dir string, perm fs.FileMode) error { return os.Mkdir(dir, perm) }
func (osOps) Remove(name string) error                 { return os.Remove(name) }
func (osOps) RemoveAll(name string) error              { return os.RemoveAll(name) }
func (osOps) WriteFile(name string, data []byte) error { return writeNew(name, data) }

// writeNew writes a file that must not exist yet, never through a link.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
