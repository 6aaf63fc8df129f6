package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestDatabaseInputHasNoEncoding: a 'serve' database read as run's input
// (-i 2028=sqlite:reifegrad.db) is read through its export, a CSV this
// program writes in UTF-8 with a byte order mark — no property of the
// database. The run summary said "sqlite:reifegrad.db gelesen als utf-8:
// die Datei beginnt mit der Bytereihenfolgemarke (BOM) von UTF-8", check
// its input line and --json alike, of a SQLite file that starts with
// "SQLite format 3". A database has no text encoding to report, as a
// workbook has none.
func TestDatabaseInputHasNoEncoding(t *testing.T) {
	f := submittedS01(t)
	in := "2028=sqlite:" + f.dbPath
	out := filepath.Join(t.TempDir(), "out")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"run", []string{"-c", repoConfig, "-q", "-i", in, "-o", out}},
		{"run --lang en", []string{"-c", repoConfig, "-q", "--lang", "en", "-i", in, "-o", out}},
		{"check", []string{"-c", repoConfig, "check", "-i", in}},
		{"check --lang en", []string{"-c", repoConfig, "check", "--lang", "en", "-i", in}},
	} {
		stdout, stderr, _ := MustRun(t, c.args...)
		if !strings.Contains(stdout, "sqlite:"+f.dbPath) && c.name[:3] == "che" {
			t.Errorf("%s does not name the database: %s %s", c.name, stdout, stderr)
		}
		for _, said := range []string{"utf-8", "Bytereihenfolgemarke", "byte order mark"} {
			if strings.Contains(stdout, said) {
				t.Errorf("%s says %q of the database:\n%s", c.name, said, stdout)
			}
		}
	}
	for _, args := range [][]string{
		{"-c", repoConfig, "-q", "--json", "-i", in, "-o", out},
		{"-c", repoConfig, "check", "--json", "-i", in},
	} {
		stdout, stderr, _ := MustRun(t, args...)
		var got struct {
			Encodings []json.RawMessage `json:"encodings"`
			Inputs    []struct {
				File     string `json:"file"`
				Encoding string `json:"encoding"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%v: %v: %s", args, err, stderr)
		}
		if len(got.Encodings) > 0 {
			t.Errorf("%v: encodings %s", args, got.Encodings)
		}
		for _, in := range got.Inputs {
			if in.Encoding != "" {
				t.Errorf("%v: %s read as %q", args, in.File, in.Encoding)
			}
		}
	}
}
