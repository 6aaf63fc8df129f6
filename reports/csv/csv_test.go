package csv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

func TestInertText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain name", "Dresden", "Dresden"},
		{"hyphen inside", "Sankt Egidien-Ost", "Sankt Egidien-Ost"},
		{"formula", "=1+1", "'=1+1"},
		{"hyperlink", `=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"plus", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"minus expression", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"at", "@SUM(1+1)", "'@SUM(1+1)"},
		{"leading tab", "\t=1", "'\t'=1"},
		{"tab alone", "\tDresden", "'\tDresden"},
		{"leading CR", "\rx", "'\rx"},
		{"SoSci missing code", "-9", "-9"},
		{"signed number", "+3", "+3"},
		{"decimal point", "-2.5", "-2.5"},
		{"decimal comma", "-2,5", "-2,5"},
		{"exponent", "-1e-3", "-1e-3"},
		{"number with spaces", " -9 ", " -9 "},
		{"infinity is no number", "-Inf", "'-Inf"},
		{"hex is no number", "-0x1p3", "'-0x1p3"},
		{"thousands are no number", "-1.234,5", "'-1.234,5"},
		{"dangling decimal", "-9.", "'-9."},
		{"equals with digits", "=9", "'=9"},
		{"after spaces", "  =1+1", "'  =1+1"},
		{"after a double quote", `"=1+1"`, `'"=1+1"`},
		{"after an apostrophe", "'=1+1", "'=1+1"},
		{"after a semicolon", "Nord;=1+1", "Nord;'=1+1"},
		{"after a semicolon and space", "Nord; @x", "Nord;' @x"},
		{"after a tab", "Nord\t-x", "Nord\t'-x"},
		{"after a line break", "Nord\n=1", "Nord\n'=1"},
		{"several cells", "=a;b;+c", "'=a;b;'+c"},
		{"number after a semicolon", "1;-9", "1;-9"},
		{"reason text", "answer \"-9\" is not in scale", "answer \"-9\" is not in scale"},
		{"trailing separator", "x;", "x;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InertText(tt.in); got != tt.want {
				t.Errorf("InertText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// dangerousCell reports the first cell of s (split as any spreadsheet might
// split it) that a spreadsheet would read as a formula, or "".
func dangerousCell(s string) string {
	if s != "" && (s[0] == '\t' || s[0] == '\r') {
		return s
	}
	for _, cell := range strings.FieldsFunc(s, func(r rune) bool { return r < 128 && isCellSeparator(byte(r)) }) {
		if formulaStart(cell) {
			return cell
		}
	}
	return ""
}

func FuzzInertText(f *testing.F) {
	for _, s := range []string{"", "Dresden", "=1+1", "-9", "\t=1", "a;=b", " \"@x", "-1e5", "x\n+y", "'=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := InertText(s)
		if c := dangerousCell(got); c != "" {
			t.Fatalf("InertText(%q) = %q: the cell %q would be a formula", s, got, c)
		}
		if again := InertText(got); again != got {
			t.Fatalf("InertText is not idempotent: %q → %q → %q", s, got, again)
		}
		// Only apostrophes are added, at cell starts.
		if strings.ReplaceAll(got, "'", "") != strings.ReplaceAll(s, "'", "") {
			t.Fatalf("InertText(%q) = %q changes more than apostrophes", s, got)
		}
		if !strings.ContainsAny(s, "=+-@\t\r") && got != s {
			t.Fatalf("InertText(%q) = %q, want it unchanged", s, got)
		}
	})
}

// xlReadCSV parses an output of WriteScores or WriteRejects.
func xlReadCSV(t *testing.T, b []byte) (map[string]int, [][]string) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]int{}
	for i, h := range rows[0] {
		cols[h] = i
	}
	return cols, rows[1:]
}

// TestCSVPayloads checks that formula payloads in names and reasons arrive
// neutralised in scores.csv and rejects.csv while numbers stay numbers.
// FuzzCSVLine holds csvLine to a csv.Writer writing the same fields: the
// same line, quotes and all, whether or not a field needs them.
func FuzzCSVLine(f *testing.F) {
	for _, s := range []string{"a\x00b\x00c", "\x00", " a\x00b", "a,b\x00c", `\.`, "x\x00\u00a0y", "\u2003Einheit", `"q"`, "a\nb\x00\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		fields := strings.Split(joined, "\x00")
		var b strings.Builder
		cw := csv.NewWriter(&b)
		if err := cw.Write(fields); err != nil {
			t.Fatal(err)
		}
		cw.Flush()
		if want := strings.TrimSuffix(b.String(), "\n"); csvLine(fields...) != want {
			t.Errorf("csvLine(%q) = %q, want %q", fields, csvLine(fields...), want)
		}
	})
}

func TestCSVPayloads(t *testing.T) {
	r := fixture.Sheet(t)
	var scores, rejects bytes.Buffer
	if err := WriteScores(&scores, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteRejects(&rejects, r); err != nil {
		t.Fatal(err)
	}
	cols, rows := xlReadCSV(t, scores.Bytes())
	found := 0
	for _, row := range rows {
		if row[cols["ags"]] != "01001003" {
			continue
		}
		found++
		if got, want := row[cols["name"]], "'"+fixture.FormulaName; got != want {
			t.Errorf("scores.csv name = %q, want %q", got, want)
		}
		if row[cols["kind"]] == "overall" {
			got, err := strconv.ParseFloat(row[cols["score"]], 64)
			if want := fixture.SheetOverall["01001003"]; err != nil || math.Abs(got-want) > 1e-9 {
				t.Errorf("scores.csv overall score = %q, want the number %v", row[cols["score"]], want)
			}
		}
	}
	if found != len(r.Model.Nodes) {
		t.Errorf("%d rows of 01001003 in scores.csv, want %d", found, len(r.Model.Nodes))
	}

	cols, rows = xlReadCSV(t, rejects.Bytes())
	if len(rows) != 1 {
		t.Fatalf("rejects.csv has %d rows, want 1", len(rows))
	}
	for col, want := range map[string]string{"name": "'" + fixture.FormulaReject, "reason": "'" + fixture.FormulaReason, "row": "12", "ags": "0100199"} {
		if got := rows[0][cols[col]]; got != want {
			t.Errorf("rejects.csv %s = %q, want %q", col, got, want)
		}
	}
}

// failingWriter accepts n bytes, then fails every write.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteFailing checks that a writer failing after 100 bytes (a full
// disk, a closed pipe) ends both writers with its error. WriteScores once
// fed gocsv from a goroutine that blocked for good when gocsv gave up; the
// guard turns such a hang into a failure instead of a stuck test run.
func TestWriteFailing(t *testing.T) {
	// Saxony's scores.csv has far more rows than gocsv's channel once
	// buffered, so the old producer blocked.
	m, ds := fixture.Saxony(t)
	for i := range 20 {
		ds.Rejects = append(ds.Rejects, scoring.Reject{File: "umfrage.csv", Row: i + 2, Column: 1, Reason: "invalid unit id"})
	}
	r := scoring.Score(m, ds)
	for _, tt := range []struct {
		name  string
		write func(io.Writer, *scoring.Results) error
	}{
		{"scores", WriteScores},
		{"rejects", WriteRejects},
	} {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- tt.write(&failingWriter{n: 100}, r) }()
			select {
			case err := <-done:
				if !errors.Is(err, errDiskFull) {
					t.Errorf("err = %v, want %v", err, errDiskFull)
				}
			case <-time.After(time.Minute):
				t.Fatal("the writer hangs on a failing io.Writer")
			}
		})
	}
}
