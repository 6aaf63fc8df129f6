package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExampleFolder(t *testing.T) {
	for _, tt := range []struct {
		opt  exampleOptions
		want string
	}{
		{exampleOptions{register: "deutschland"}, "beispiel-deutschland"},
		{exampleOptions{register: "sachsen"}, "beispiel-sachsen"},
		{exampleOptions{register: "sachsen", dir: "example"}, "example"},
	} {
		if got := tt.opt.folder(); got != tt.want {
			t.Errorf("%+v: folder %q, want %q", tt.opt, got, tt.want)
		}
	}
}

// TestExampleNeverOverwritesOthers: example writes into its folder with a
// config that reads the files against the register used, writes again
// over its own unchanged files, and refuses — writing nothing — when a
// file there is someone else's or was changed.
func TestExampleNeverOverwritesOthers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "neu", "beispiel")
	gen := []string{"-c", repoConfig, "example", "-q", "--dir", dir, "--waves", "2026", "--formats", "csv"}
	if _, stderr, code := MustRun(t, gen...); code != exitOK {
		t.Fatalf("example: exit %d: %s", code, stderr)
	}
	cfg := filepath.Join(dir, "config.yaml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\n    - {wave: \"2026\", file: umfrage_2026.csv}\n") || !strings.Contains(string(src), "\n  register: sachsen ") {
		t.Errorf("config.yaml does not read the example:\n%s", src)
	}
	if _, stderr, code := MustRun(t, gen...); code != exitOK {
		t.Fatalf("example again over its own files: exit %d: %s", code, stderr)
	}

	data := filepath.Join(dir, "umfrage_2026.csv")
	mine := []byte("ags;S01\n14612000;ja\n")
	if err := os.WriteFile(data, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "config.yaml")
	os.Remove(filepath.Join(dir, exampleManifest))
	_, stderr, code := MustRun(t, gen...)
	for _, want := range []string{data + " exists and was not written by 'reifegrad example'", foreign + " exists and was not written", "choose another folder with --dir"} {
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("example over foreign files: exit %d, stderr %s; want exit 1 and %q", code, stderr, want)
		}
	}
	if b, _ := os.ReadFile(data); string(b) != string(mine) {
		t.Errorf("example replaced a file it did not write")
	}
}

// TestExampleRefusesTheConfigsInputs: a folder holding the inputs of the
// config is not filled with another register's municipalities, which the
// config would then reject by the thousand (the README's national example
// once did this to the bundled Saxony example).
func TestExampleRefusesTheConfigsInputs(t *testing.T) {
	dir := t.TempDir()
	cfg, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(conf, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	ex := filepath.Join(dir, "example")
	_, stderr, code := MustRun(t, "-c", conf, "example", "-q", "--dir", ex, "--register", "deutschland")
	want := `holds the inputs of ` + conf + `, which reads them against register "sachsen"`
	if code != exitBadInput || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %s; want exit 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(ex); !os.IsNotExist(err) {
		t.Errorf("%s was created: %v", ex, err)
	}
	// The same register: the config reads the files as they are, and
	// example writes no config beside them.
	if _, stderr, code := MustRun(t, "-c", conf, "example", "-q", "--dir", ex, "--formats", "csv"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(ex, "config.yaml")); !os.IsNotExist(err) {
		t.Errorf("a config was written beside the config's own inputs: %v", err)
	}
}

// TestNationalExampleAsInREADME: the README's national example, then the
// config it writes, checks every municipality of Germany against the
// national register: only the example's deliberate problem rows are
// rejected.
func TestNationalExampleAsInREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("10,786 municipalities")
	}
	dir := filepath.Join(t.TempDir(), "beispiel-deutschland")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "example", "-q", "--register", "deutschland", "--dir", dir, "--formats", "csv", "--waves", "2026"); code != exitOK {
		t.Fatalf("example: exit %d: %s", code, stderr)
	}
	got := checkRows(t, filepath.Join(dir, "config.yaml"))
	// The last wave's problem rows: a unit that answered twice, an AGS
	// typo and an empty row (the answer outside its scale is a note).
	if got.Scored != 10786 || len(got.Rejects) != 3 {
		t.Errorf("%d rows read, %d scored, rejects %+v; want 10,786 scored and the 3 problem rows", got.RowsRead, got.Scored, got.Rejects)
	}
}

// rowCounts is what the example's tests read of check --json.
type rowCounts struct {
	RowsRead int `json:"rows_read"`
	Scored   int `json:"scored"`
	Rejects  []struct {
		Reason string
	} `json:"reject_list"`
}

// checkRows runs check --json on config cfg and returns its row counts.
func checkRows(t *testing.T, cfg string) rowCounts {
	t.Helper()
	stdout, stderr, _ := MustRun(t, "-c", cfg, "check", "--json")
	var got rowCounts
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("check: %v: %s", err, stderr)
	}
	return got
}

// TestExampleConfigReadsItsFiles: whatever config example answers — the
// bundled model, another published one (SAMM: organisations with an id
// column "id"), a generated model — with the register's municipalities or
// synthetic units, the config it writes reads the files it wrote: every
// unit is scored, and only the deliberate problem rows are rejected (a
// second answer, an empty row and, where a register can tell, an AGS
// typo). Synthetic units bring their district and population, which the
// bundled model's peer groups need.
func TestExampleConfigReadsItsFiles(t *testing.T) {
	const saxony = 419
	for _, c := range []struct {
		name, config string
		args         []string
		units, bad   int
	}{
		{"bundled model", repoConfig, nil, saxony, 3},
		{"bundled model, synthetic units", repoConfig, []string{"--units", "30"}, 30, 2},
		{"bundled model, generated questions", repoConfig, []string{"--questions", "12"}, saxony, 3},
		{"generated questions, synthetic units", repoConfig, []string{"--questions", "12", "--units", "30"}, 30, 2},
		{"SAMM", "../../example/samm/config.yaml", nil, saxony, 3},
		{"SAMM, synthetic units", "../../example/samm/config.yaml", []string{"--units", "30"}, 30, 2},
		{"ODM, synthetic units", "../../example/odm/config.yaml", []string{"--units", "30"}, 30, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "beispiel")
			gen := append([]string{"-c", c.config, "example", "-q", "--dir", dir, "--waves", "2026", "--formats", "csv"}, c.args...)
			if _, stderr, code := MustRun(t, gen...); code != exitOK {
				t.Fatalf("example: exit %d: %s", code, stderr)
			}
			cfg := filepath.Join(dir, "config.yaml")
			got := checkRows(t, cfg)
			if got.Scored != c.units || len(got.Rejects) != c.bad || got.RowsRead != c.units+c.bad {
				t.Errorf("%d rows read, %d scored, rejects %+v; want %d scored and %d problem rows", got.RowsRead, got.Scored, got.Rejects, c.units, c.bad)
			}
			if c.units < saxony {
				if _, stderr, code := MustRun(t, "-c", cfg, "-q", "-o", filepath.Join(dir, "out")); code != exitOK {
					t.Errorf("run: exit %d: %s", code, stderr)
				}
			}
		})
	}
}

// TestExampleRefusesAttributesItCannotGenerate: a model whose peer group
// groups by an attribute of its own data (COINr's EurAsia_group) is
// refused, naming it, and nothing is written.
func TestExampleRefusesAttributesItCannotGenerate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "beispiel")
	_, stderr, code := MustRun(t, "-c", "../../example/coinr/config.yaml", "example", "-q", "--dir", dir, "--waves", "2026", "--formats", "csv")
	want := `model.peer_groups[0]: peer group "eurasia" groups by "EurAsia_group", which 'reifegrad example' does not generate`
	if code != exitBadInput || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %s; want exit 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s was created: %v", dir, err)
	}
}

// TestBundledExampleRegenerates: README's "`--dir example` regenerates the
// bundled example" on a copy of the repository's config and example
// folder: example finds its own files there (.reifegrad-example lists
// every wave), writes them again byte for byte and no config beside them.
func TestBundledExampleRegenerates(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join(dir, "example")
	if err := os.Mkdir(ex, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile := func(from, to string) []byte {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return b
	}
	conf := filepath.Join(dir, "config.yaml")
	copyFile(repoConfig, conf)
	bundled, err := filepath.Glob("../../example/umfrage_*")
	if err != nil || len(bundled) != 6 {
		t.Fatalf("bundled inputs %v (%v), want 3 waves × csv, xlsx", bundled, err)
	}
	want := map[string][]byte{}
	for _, f := range append(bundled, "../../example/"+exampleManifest) {
		want[filepath.Base(f)] = copyFile(f, filepath.Join(ex, filepath.Base(f)))
	}
	if _, stderr, code := MustRun(t, "-c", conf, "example", "-q", "--dir", ex); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(ex, name))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s changed (%v): the bundled file is not what example writes", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(ex, "config.yaml")); !os.IsNotExist(err) {
		t.Errorf("a config was written beside the config's own inputs: %v", err)
	}
}
