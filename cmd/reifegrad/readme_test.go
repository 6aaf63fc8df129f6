package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func readREADME(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestREADMEQuickStart: the summary README quotes for the first command is
// what the bundled example prints — every line it shows (it elides some
// with "…"), the files of the last line (the folder there is absolute and
// the time differs) — and the columns README gives for each CSV output
// are the file's header.
func TestREADMEQuickStart(t *testing.T) {
	readme := readREADME(t)
	_, block, ok := strings.Cut(readme, "prints a summary, in the report's language")
	if !ok {
		t.Fatal("README has no quick start summary")
	}
	_, block, _ = strings.Cut(block, "```\n")
	block, _, _ = strings.Cut(block, "```")
	out := t.TempDir()
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	fileList := regexp.MustCompile(`^Geschrieben nach .*/: (.*) in [0-9,]+ s$`)
	shown := 0
	for want := range strings.Lines(block) {
		want = strings.TrimSuffix(want, "\n")
		if strings.TrimSpace(want) == "…" {
			continue
		}
		shown++
		if m := fileList.FindStringSubmatch(want); m != nil {
			got := fileList.FindStringSubmatch(lines[len(lines)-2])
			if got == nil || got[1] != m[1] {
				t.Errorf("README's last line lists %q, the run wrote %q", m[1], lines[len(lines)-2])
			}
			continue
		}
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("README shows the line %q, which the summary does not print:\n%s", want, stdout)
		}
	}
	if shown < 5 {
		t.Errorf("only %d lines of README's summary checked", shown)
	}

	for _, f := range []string{"aggregates.csv", "scores.csv", "roadmap.csv", "indicators.csv", "robustness.csv", "rejects.csv"} {
		header := strings.Join(readCSV(t, filepath.Join(out, f))[0], ",")
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(f) + "` \\|.*$").FindString(readme)
		if !strings.Contains(row, "`"+header+"`") {
			t.Errorf("README's row of %s does not give its columns `%s`:\n%s", f, header, row)
		}
	}
}

// TestREADMECommandsAndFlags: every command and flag a user can give is
// named in README (its commands table, flags line or sections), so that
// none added to the command line goes undocumented.
func TestREADMECommandsAndFlags(t *testing.T) {
	readme := readREADME(t)
	root := NewRootCommand(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	root.InitDefaultCompletionCmd()
	n := 0
	var walk func(c *cobra.Command, path string)
	walk = func(c *cobra.Command, path string) {
		flags := func(fs *pflag.FlagSet) {
			fs.VisitAll(func(f *pflag.Flag) {
				if f.Name == "help" || f.Hidden {
					return
				}
				n++
				if !strings.Contains(readme, "--"+f.Name) {
					t.Errorf("README does not name the flag --%s of %q", f.Name, path)
				}
				if f.Shorthand != "" && !strings.Contains(readme, "-"+f.Shorthand) {
					t.Errorf("README does not name -%s (--%s) of %q", f.Shorthand, f.Name, path)
				}
			})
		}
		flags(c.LocalNonPersistentFlags())
		flags(c.PersistentFlags())
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || c.Name() == "completion" {
				continue
			}
			p := strings.TrimPrefix(path+" "+sub.Name(), "reifegrad ")
			n++
			if !strings.Contains(readme, "`"+p) && !strings.Contains(readme, "reifegrad "+p) {
				t.Errorf("README does not name the command %q", p)
			}
			walk(sub, "reifegrad "+p)
		}
	}
	walk(root, "reifegrad")
	if n < 40 {
		t.Errorf("only %d commands and flags found", n)
	}
}
