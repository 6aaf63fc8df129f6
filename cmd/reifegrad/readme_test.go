package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
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
				// As README writes a flag with its shorthand: "-o/--out"
				// (a bare "-o" is in every "--out").
				if f.Shorthand != "" && !strings.Contains(readme, "-"+f.Shorthand+"/--"+f.Name) {
					t.Errorf("README does not name -%s/--%s of %q", f.Shorthand, f.Name, path)
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

// TestREADMELimits: README's table of limits gives the values the
// readers enforce — each row against the constant that sets it — so a
// limit changed in code cannot leave the table promising another.
func TestREADMELimits(t *testing.T) {
	readme := readREADME(t)
	_, table, ok := strings.Cut(readme, "\n| limit | value | when exceeded |\n")
	if !ok {
		t.Fatal("README has no table of limits")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	mib := func(n int) string { return fmt.Sprintf("%d MiB", n>>20) }
	for _, c := range []struct{ limit, value string }{
		{"size of an input file (CSV or xlsx)", mib(survey.MaxFileSize)},
		{"rows below the header of one file or sheet", grouped(survey.MaxRows)},
		{"fields in a row, header included", grouped(survey.MaxColumns) + " (Excel's columns)"},
		{"bytes in a row of a CSV file (with every line of its quoted cells)", mib(survey.MaxRecordBytes)},
		{"unzipped size of a workbook, of its sheet", fmt.Sprintf("%d GiB, %s", survey.UnzipSizeLimit>>30, mib(survey.MaxSheetBytes))},
		{"strings in a workbook's shared strings table (unzipped bytes)", fmt.Sprintf("%s (%s)", grouped(survey.MaxSharedStrings), mib(survey.MaxSharedStringsBytes))},
		{"characters in a cell", grouped(survey.MaxCellChars) + " (Excel's)"},
		{"merged ranges in a sheet", grouped(survey.MaxMergedRanges)},
		{"characters of a unit id (other than an AGS)", fmt.Sprintf("%d (its profile's file name)", survey.MaxIDChars)},
		{"nodes added by YAML aliases in a config or codebook", grouped(scoring.MaxAliasNodes)},
		{"text of a config or codebook with its aliases expanded", mib(scoring.MaxYAMLBytes)},
		{"nesting of a config or codebook", fmt.Sprintf("%d levels", scoring.MaxYAMLDepth)},
		{"characters of one text of a config or codebook (a name, label, description)", grouped(scoring.MaxTextChars) + " (a workbook cell's)"},
	} {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(c.limit) + ` \| ([^|]*) \|`).FindStringSubmatch(table)
		switch {
		case row == nil:
			t.Errorf("README's table of limits has no row %q", c.limit)
		case !strings.HasPrefix(row[1], c.value):
			t.Errorf("README: %s: %s; the code: %s", c.limit, row[1], c.value)
		}
	}
	if want := fmt.Sprintf("nested deeper than %d levels", scoring.MaxYAMLDepth); !strings.Contains(table, want) {
		t.Errorf("README's table of limits does not quote the error %q", want)
	}
}

// grouped writes n with thousands separated by commas, as README does.
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestREADMEFuzzTargets: README says how many fuzz targets .ci/run
// fuzzes; it finds them as this test does (every func Fuzz… of a test
// file), so a target added or removed changes the count README gives.
func TestREADMEFuzzTargets(t *testing.T) {
	n := 0
	fuzz := regexp.MustCompile(`(?m)^func Fuzz[A-Za-z0-9_]*`)
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n += len(fuzz.FindAll(b, -1))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("the %d `Fuzz…` functions", n); !strings.Contains(readREADME(t), want) {
		t.Errorf("README does not say %q", want)
	}
	if n < 15 {
		t.Errorf("only %d fuzz targets found", n)
	}
}

// TestREADMELayout: every package of the module is named in README's
// Layout — by its path, or, in a folder README describes as a whole
// (bench/), by its name on that folder's line.
func TestREADMELayout(t *testing.T) {
	_, block, ok := strings.Cut(readREADME(t), "\n## Layout\n")
	if !ok {
		t.Fatal("README has no Layout section")
	}
	_, block, _ = strings.Cut(block, "```\n")
	block, _, _ = strings.Cut(block, "```")
	named := func(pkg string) bool {
		if regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(pkg)+`/? `).MatchString(block) || strings.Contains(block, "("+pkg+",") || strings.Contains(block, pkg+" (") {
			return true
		}
		dir, name := filepath.Split(pkg)
		line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(dir) + ` .*(\n {20}.*)*`).FindString(block)
		return line != "" && regexp.MustCompile(`\b`+regexp.QuoteMeta(name)+`\b`).MatchString(line)
	}
	n := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		gos, _ := filepath.Glob(filepath.Join(path, "*.go"))
		if len(gos) == 0 || path == "../.." {
			return nil
		}
		pkg := filepath.ToSlash(strings.TrimPrefix(path, "../../"))
		n++
		if !named(pkg) {
			t.Errorf("README's Layout does not name the package %s", pkg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Errorf("only %d packages found", n)
	}
}

// TestREADMESpeed: the figures README's Speed table quotes are those of
// the last bench/run, as BENCHMARKS.md gives them (two significant digits
// of its medians), and so is the national check that the section on
// crafted files quotes: bench/run rewrites BENCHMARKS.md, and README had
// gone on quoting an older run (0.3 s and 215 MiB beside a table's
// 0.12 s and 96 MiB).
func TestREADMESpeed(t *testing.T) {
	readme := readREADME(t)
	b, err := os.ReadFile("../../BENCHMARKS.md")
	if err != nil {
		t.Fatal(err)
	}
	bench, _, ok := strings.Cut(string(b), "<!-- notes: kept by bench/run -->")
	if !ok {
		t.Fatal("BENCHMARKS.md has no end of bench/run's tables")
	}
	measured := func(pattern string) []float64 {
		m := regexp.MustCompile("(?m)" + pattern).FindStringSubmatch(bench)
		if m == nil {
			t.Fatalf("BENCHMARKS.md has no line %s", pattern)
		}
		var xs []float64
		for _, s := range m[1:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			xs = append(xs, x)
		}
		return xs
	}
	// Two significant digits, written out: 111.5 s is "110 s", not "1.1e+02 s".
	two := func(x float64) string {
		r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 2, 64), 64)
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	saxony := measured(`^\| default \(config\.yaml[^|]*\| ([0-9.]+) s \|[^|]*\|[^|]*\| ([0-9]+) MiB \|`)
	check := measured("^\\| `reifegrad check` \\| ([0-9.]+) s \\|[^|]*\\| ([0-9]+) MiB \\|")
	national := measured("^\\| `reifegrad run` \\(every output[^|]*\\|[^|]*\\| ([0-9.]+) s \\|[^|]*\\| ([0-9]+) MiB \\|")
	big := measured("^\\| `reifegrad run`, own time[^|]*\\|[^|]*\\| ([0-9.]+) s \\|")
	bigRSS := measured("^\\| `reifegrad run`, peak RSS \\|[^|]*\\| ([0-9]+) MiB \\|")
	for _, c := range []struct{ run, time, memory string }{
		{"the Saxony example, every output", two(saxony[0]) + " s", fmt.Sprintf("%.0f MiB", saxony[1])},
		{"10,786 municipalities × 200 questions, import and scoring", two(check[0]) + " s", fmt.Sprintf("%.0f MiB", check[1])},
		{"the same, every output", two(national[0]) + " s", fmt.Sprintf("%.0f MiB", national[1])},
		{"100,000 units × 200 questions, every output", two(big[0]) + " s (its own clock)", two(bigRSS[0]/1024) + " GiB"},
	} {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(c.run) + `[^|]* \| ([^|]*) \| ([^|]*) \|$`).FindStringSubmatch(readme)
		switch {
		case row == nil:
			t.Errorf("README's Speed table has no row %q", c.run)
		case row[1] != c.time || row[2] != c.memory:
			t.Errorf("README's Speed table: %s: %s, %s; BENCHMARKS.md: %s, %s", c.run, row[1], row[2], c.time, c.memory)
		}
	}
	if want := fmt.Sprintf("(a 19 MB CSV) takes %s s and %.0f MiB", two(check[0]), check[1]); !strings.Contains(readme, want) {
		t.Errorf("README does not quote the national check as BENCHMARKS.md measured it: %q", want)
	}
	day := regexp.MustCompile("Measured by `bench/run` on ([0-9-]+)").FindStringSubmatch(bench)
	if day == nil || !strings.Contains(readme, "`bench/run` on "+day[1]) {
		t.Errorf("README's Speed does not give the day of the last bench/run (%v)", day)
	}
}

// TestREADMEAnalyseExample: the analyse: section README shows under *Is
// the model any good?* is read as written by the default model, its line
// on normalisation aside — which the default model refuses, as README
// says, for it normalises no question over the wave (pasted whole, the
// example stopped with that error and README did not say why).
func TestREADMEAnalyseExample(t *testing.T) {
	_, block, ok := strings.Cut(readREADME(t), "when the config declares uncertain choices:\n\n  ```yaml\n")
	if !ok {
		t.Fatal("README has no example of analyse:")
	}
	block, _, _ = strings.Cut(block, "  ```")
	src, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(src), "\nanalyse:\n")
	if !ok {
		t.Fatal("config.yaml has no analyse section")
	}
	example, err := filepath.Abs(filepath.Join(filepath.Dir(repoConfig), "example"))
	if err != nil {
		t.Fatal(err)
	}
	head = strings.ReplaceAll(head, "file: example/", "file: "+example+"/")
	// The block is indented as the list item it stands in.
	var whole, without []string
	for l := range strings.Lines(block) {
		l = strings.TrimPrefix(l, "  ")
		whole = append(whole, l)
		if !strings.Contains(l, "the model needs one") {
			without = append(without, l)
		}
	}
	for _, c := range []struct {
		name, analyse, err string
	}{
		{"as written", strings.Join(whole, ""), "analyse.uncertainty[4].normalise: no question of the model is normalised over the wave"},
		{"without normalise", strings.Join(without, ""), ""},
	} {
		cfg := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(cfg, []byte(head+"\n"+c.analyse), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := MustRun(t, "-c", cfg, "analyse", "-q", "--draws", "20")
		switch {
		case c.err == "" && code != exitOK:
			t.Errorf("%s: exit %d: %s", c.name, code, stderr)
		case c.err != "" && (code != exitBadInput || !strings.Contains(stderr, c.err)):
			t.Errorf("%s: exit %d, %s; want %q", c.name, code, stderr, c.err)
		}
	}
}

// TestToolVariables: every REIFEGRAD_* variable the repository's code
// reads that is no setting is one a command lets pass (toolVariables),
// and README names each. REIFEGRAD_SERVE_PROFILE, which BENCHMARKS.md
// gives for profiling the server under TestServeLoad, was not: the test
// stopped at its first command with "REIFEGRAD_SERVE_PROFILE: names no
// setting".
func TestToolVariables(t *testing.T) {
	s, err := loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	read := regexp.MustCompile(`(?:Getenv|LookupEnv)\("(REIFEGRAD_[A-Z0-9_]+)"\)|= "(REIFEGRAD_[A-Z0-9_]+)"`)
	found := map[string]bool{}
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range read.FindAllStringSubmatch(string(b), -1) {
			found[m[1]+m[2]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	readme := readREADME(t)
	n := 0
	for name := range found {
		if s.unknownVariables([]string{name + "=1"}) == nil && !slices.Contains(toolVariables, name) {
			continue // a setting
		}
		n++
		if !slices.Contains(toolVariables, name) {
			t.Errorf("%s is read by the code but refused by every command (names no setting)", name)
		}
	}
	for _, name := range toolVariables {
		if !strings.Contains(readme, "`"+name+"`") {
			t.Errorf("README does not name %s among the variables the tests and tools read", name)
		}
	}
	if n < 4 {
		t.Errorf("only %d tool variables found in the code: %v", n, found)
	}
}

// TestREADMESettingDefaults: each setting's default, as the program has
// it (defaultSettings, the zero value of a choice written as it reads it
// back), is the one README's settings table gives in its values column:
// "(`5`)", "(`keep_latest_complete`)".
func TestREADMESettingDefaults(t *testing.T) {
	_, table, ok := strings.Cut(readREADME(t), "\n| key | values (default) | what it does |\n")
	if !ok {
		t.Fatal("README has no settings table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	d := defaultSettings()
	n := 0
	eachLeaf(reflect.ValueOf(&d).Elem(), "", func(key string, f reflect.StructField, v reflect.Value) {
		var def string
		switch key {
		case "report.date", "report.data_cutoff":
			return // worked out when unset: README says how
		case "analyse.draws":
			if v.Int() == 0 {
				def = strconv.Itoa(analyse.DefaultDraws) // 0: the package's default
			}
		}
		switch x := v.Interface().(type) {
		case fmt.Stringer:
			def = x.String()
		case string:
			def = x
		case bool:
			def = strconv.FormatBool(x)
		case int:
			if def == "" {
				def = strconv.Itoa(x)
			}
		default:
			return
		}
		if def == "" {
			return // no default: README says what applies without one
		}
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(key) + "` \\| ([^|]*) \\|").FindStringSubmatch(table)
		n++
		if row == nil || !strings.Contains(row[1], "(`"+def+"`") {
			t.Errorf("README's settings table: %s: %v; the default is %s", key, row, def)
		}
	})
	if n < 20 {
		t.Errorf("only %d defaults checked", n)
	}
}

// TestREADMEAggregatesCodes: README's row of aggregates.csv names every
// statistic and every flag the file writes, as it spells them.
func TestREADMEAggregatesCodes(t *testing.T) {
	row := regexp.MustCompile("(?m)^\\| `aggregates\\.csv` \\|.*$").FindString(readREADME(t))
	if row == "" {
		t.Fatal("README has no row of aggregates.csv")
	}
	names := []string{csv.FlagTooSmall, csv.FlagSecondary}
	for s := scoring.StatN; s <= scoring.StatShare; s++ {
		names = append(names, s.String())
	}
	for _, name := range names {
		if !strings.Contains(row, "`"+name+"`") {
			t.Errorf("README's row of aggregates.csv does not name %s", name)
		}
	}
}

// TestREADMEWorkbookSheets: every sheet of the example's two workbooks is
// named in README's row of its workbook (*Übersicht*, …), so a sheet added
// to a workbook cannot go undescribed.
func TestREADMEWorkbookSheets(t *testing.T) {
	readme := readREADME(t)
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := 0
	for _, book := range []string{"reifegrad.xlsx", "veroeffentlichung.xlsx"} {
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(book) + "` \\|.*$").FindString(readme)
		f, err := excelize.OpenFile(filepath.Join(out, book))
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			n++
			if !strings.Contains(row, "*"+sheet+"*") {
				t.Errorf("README's row of %s does not name its sheet %s", book, sheet)
			}
		}
		f.Close()
	}
	if n < 12 {
		t.Errorf("only %d sheets found", n)
	}
}

// TestREADMEServeFilesIgnored: the files README's serve walk writes into
// the clone — the database, the access codes (their only copy), the
// backup and the export of the answers — are ignored by git, so that a
// `git add -A` in the clone does not commit them.
func TestREADMEServeFilesIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if err := exec.Command("git", "-C", "../..", "rev-parse").Run(); err != nil {
		t.Skip("not in a git checkout")
	}
	db := defaultSettings().Serve.DB
	files := []string{db, db + "-wal", db + "-shm"}
	out := regexp.MustCompile(`(?m)^go run \./cmd/reifegrad (?:serve|run)\b.* -o (\S+)`)
	for _, m := range out.FindAllStringSubmatch(readREADME(t), -1) {
		files = append(files, m[1])
	}
	if len(files) < 6 {
		t.Fatalf("only %v found", files)
	}
	for _, f := range files {
		if err := exec.Command("git", "-C", "../..", "check-ignore", "-q", "--no-index", f).Run(); err != nil {
			t.Errorf("git does not ignore %s, which README's serve walk writes into the clone", f)
		}
	}
}
