package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// MustRun runs the command line in args and returns stdout, stderr and the
// exit code main would use.
func MustRun(tb testing.TB, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	var out, errb bytes.Buffer
	cmd := NewRootCommand(strings.NewReader(""), &out, &errb)
	cmd.SetArgs(args)
	err := cmd.Execute()
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func readCSV(tb testing.TB, file string) [][]string {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return rows
}

const repoConfig = "../../config.yaml"

func TestRunExample(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Gelesene Zeilen: 1.198 = 1.192 bewertet + 6 nicht gewertet") {
		t.Errorf("summary does not account for every row:\n%s", stdout)
	}
	// One language: the German summary says in German why it read a file
	// as it did.
	if !strings.Contains(stdout, "example/umfrage_2024.csv gelesen als utf-8: die Datei beginnt mit der Bytereihenfolgemarke (BOM) von UTF-8") {
		t.Errorf("summary does not say the encoding in German:\n%s", stdout)
	}
	for _, f := range []string{"overview.html", "reifegrad.xlsx", "scores.csv", "rejects.csv", "assets/echarts.min.js", "assets/ECHARTS-LICENSE", "profiles/14612000.html"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	// 418 municipalities of 2028; Kurort Rathen, merged into Königstein in
	// 2027 (the example's fictional merger), is listed on Königstein's page.
	if len(profiles) != 418 {
		t.Errorf("%d profiles, want 418", len(profiles))
	}
	checkNoStaging(t, out)

	rejects := readCSV(t, filepath.Join(out, "rejects.csv"))
	if len(rejects) != 7 {
		t.Errorf("rejects.csv has %d rows, want header + 6", len(rejects))
	}

	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	if got := strings.Join(scores[0], ","); got != "wave,ags,name,kind,id,label,score,coverage,level" {
		t.Errorf("scores.csv header = %s", got)
	}
	const nodes = 48 // overall + 8 dimensions + 39 indicators of config.yaml
	if len(scores) != 1+1192*nodes {
		t.Errorf("scores.csv has %d rows, want 1 + 1192×%d", len(scores), nodes)
	}
	checkOverallIsWeightedMean(t, scores)

	wb, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("Ergebnisse")
	if err != nil || len(rows) != 1+1192 {
		t.Errorf("workbook has %d rows (%v), want 1 + 1192", len(rows), err)
	}
}

// checkOverallIsWeightedMean recomputes each 2026 overall score from the
// dimension rows of scores.csv with the weights of config.yaml — an
// independent check of the aggregation.
func checkOverallIsWeightedMean(t *testing.T, scores [][]string) {
	t.Helper()
	weights := map[string]float64{"strategie": 1, "online": 1.5, "prozesse": 1, "sicherheit": 1, "personal": 1, "daten": 0.75}
	type acc struct{ sw, sv float64 }
	sums := map[string]*acc{}
	overall := map[string]float64{}
	checked := 0
	for _, r := range scores[1:] {
		if r[0] != "2026" || r[6] == "" {
			continue
		}
		v, err := strconv.ParseFloat(r[6], 64)
		if err != nil {
			t.Fatalf("score %q: %v", r[6], err)
		}
		switch {
		case r[3] == "overall":
			overall[r[1]] = v
		case r[3] == "dimension" && weights[r[4]] > 0:
			a := sums[r[1]]
			if a == nil {
				a = &acc{}
				sums[r[1]] = a
			}
			a.sw += weights[r[4]]
			a.sv += weights[r[4]] * v
		}
	}
	for ags, want := range overall {
		a := sums[ags]
		if got := a.sv / a.sw; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: overall %v, weighted mean of dimensions %v", ags, want, got)
		}
		checked++
	}
	if checked < 400 {
		t.Errorf("checked only %d units", checked)
	}
}

func TestRunJSONAndFormatsAgree(t *testing.T) {
	dirCSV, dirXLSX := t.TempDir(), t.TempDir()
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.csv", "-o", dirCSV, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, stdout)
	}
	if sum.RowsRead != 422 || sum.Scored != 419 || sum.Rejected != 3 || len(sum.Waves) != 1 || sum.Waves[0].Wave != "2026" {
		t.Errorf("summary = %+v", sum)
	}
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2026=../../example/umfrage_2026.xlsx", "-o", dirXLSX, "--json"); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dirCSV, "scores.csv"))
	b, _ := os.ReadFile(filepath.Join(dirXLSX, "scores.csv"))
	if !bytes.Equal(a, b) {
		t.Error("scores.csv from the CSV and the xlsx export differ")
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		say  string
	}{
		{"unknown flag", []string{"--nope"}, exitUsage, "unknown flag"},
		{"unknown argument", []string{"run", "extra"}, exitUsage, "unexpected argument"},
		{"missing input", []string{"-c", repoConfig, "-i", "does-not-exist.csv", "-o", "OUT"}, exitBadInput, "does-not-exist.csv"},
		{"check finds the example's problem rows", []string{"-c", repoConfig, "check"}, exitBadInput, ""},
		{"version", []string{"version"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			for i, a := range args {
				if a == "OUT" {
					args[i] = t.TempDir()
				}
			}
			_, stderr, code := MustRun(t, args...)
			if code != tt.code || !strings.Contains(stderr, tt.say) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tt.code, tt.say)
			}
		})
	}
}
