package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	reportcsv "github.com/reifegrad/reifegrad/reports/csv"
	reporthtml "github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/scoring"
)

// hostileDir holds the committed corpus of crafted inputs; its README
// lists every item. Large items are built by the tests at run time.
const hostileDir = "../../testdata/hostile/"

// hostileCase is one run of 'reifegrad run' over a crafted input.
type hostileCase struct {
	name   string
	config string                                // in hostileDir; "" is config.yaml
	input  string                                // in hostileDir, unless build is set
	build  func(t *testing.T, dir string) string // writes the input into dir, returns its path
	env    map[string]string
	// errs: the run fails (exit 1), writes nothing, and says each of
	// these ("{in}" and "{cfg}" stand for the paths of input and config).
	errs []string
	// Otherwise the run succeeds: rows read, scored and rejected, and
	// the start of each reject's place and reason in rejects.csv.
	rows    [3]int
	rejects []string
	// text: per output page, texts it must show as text (not markup);
	// cells: texts that must be cells of the workbook.
	text  map[string][]string
	cells []string
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{name: "payloads in names, districts, answers and labels", input: "payloads.csv", rows: [3]int{15, 15, 0}, text: map[string][]string{
			"overview.html": {"<script>alert(101)</script> Modell", "<script>alert(121)</script>", "<img src=x onerror=alert(123)>",
				`=HYPERLINK("http://example.invalid","klick")`, "<svg onload=alert(122)>", "</script><script>alert(107)</script>",
				`"><iframe src=javascript:alert(111)>`, "<b onmouseover=alert(105)>ja</b>", "<script>alert(124)</script>"},
			"profiles/p01.html":                             {"<script>alert(121)</script>", "<svg onload=alert(122)>", "__f__alert(110)__f__", "@SUM(1+1)"},
			"profiles/p02.html":                             {"<img src=x onerror=alert(123)>", "<b onmouseover=alert(105)>ja</b>"},
			"profiles/~002e~002e~002f~002e~002e~002fx.html": {"../../etc/passwd"},
		}, cells: []string{`=HYPERLINK("http://example.invalid","klick")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "=1+1",
			"<script>alert(121)</script>", "=3+3", "</script><script>alert(107)</script>", "../../x"}},
		{name: "NUL bytes", input: "nul.csv", rows: [3]int{3, 1, 2}, rejects: []string{
			"{in}:2:2: the cell holds a NUL byte", "{in}:3:4: the cell holds a NUL byte"}},
		{name: "not UTF-8, detected as Windows-1252", input: "invalid_utf8.csv", rows: [3]int{2, 2, 0}},
		{name: "not UTF-8, though survey.encoding says so", input: "invalid_utf8.csv", env: map[string]string{"REIFEGRAD_SURVEY_ENCODING": "utf-8"},
			errs: []string{"nothing to score: all 2 rows were rejected", "{in}:2:2: the cell is not valid UTF-8", "{in}:3:2: the cell is not valid UTF-8"}},
		{name: "not UTF-8 beyond the bytes encoding detection looks at", build: lateInvalidUTF8, rows: [3]int{4, 3, 1}, rejects: []string{
			"{in}:5:2: the cell is not valid UTF-8"}},
		{name: "ragged rows", input: "ragged.csv", rows: [3]int{5, 3, 2}, rejects: []string{
			"{in}:3:7: row has 8 fields, the header 6", "{in}:6: empty row"}},
		{name: "a 10 MB cell", build: bigCell, rows: [3]int{2, 1, 1}, rejects: []string{
			"{in}:2:2: over the limit: the cell holds 10485760 characters, at most 32767"}},
		{name: "an id too long for a file name", build: longID, rows: [3]int{2, 1, 1}, rejects: []string{
			"{in}:2:1: invalid unit id: over the limit: the id has 300 characters, at most 40"}},
		{name: "100,000 columns", build: wideHeader,
			errs: []string{"{in}:1: over the limit: the row has more than 16384 fields (as in Excel)"}},
		{name: "empty file", input: "empty.csv", errs: []string{"{in}: file is empty"}},
		{name: "header only", input: "header_only.csv", errs: []string{"nothing to score: the inputs have no data rows"}},
		{name: "binary file", input: "binary.csv", errs: []string{`{in}:1: no id column "id" in the header`}},
		{name: "duplicate question headers", input: "duplicate_headers.csv", errs: []string{`{in}:1:6: question Q1 has two columns: 4 ("Q1") and 6 ("Q1")`}},
		{name: "duplicate id headers", input: "duplicate_id_columns.csv", errs: []string{`{in}:1:3: two id columns: 1 ("id") and 3 ("id")`}},
		{name: "not an Excel file named .xlsx", input: "not_excel.xlsx", errs: []string{"{in}: not a readable xlsx workbook: zip: not a valid zip file"}},
		{name: "truncated workbook", build: truncatedWorkbook, errs: []string{"{in}: not a readable xlsx workbook: zip: not a valid zip file"}},
		{name: "damaged workbook", build: damagedWorkbook, errs: []string{"{in}: not a readable xlsx workbook: damaged: part xl/worksheets/sheet1.xml: "}},
		{name: "zip bomb", build: zipBomb, errs: []string{"{in}: not a readable xlsx workbook: over the limit: its unzipped size exceeds 1073741824 bytes"}},
		{name: "zip bomb that declares a small sheet", build: lyingZipBomb, errs: []string{
			"{in}: not a readable xlsx workbook: damaged: part xl/worksheets/sheet1.xml: zip: not a valid zip file"}},
		{name: "config: wrong types", config: "config_wrong_types.yaml", input: "payloads.csv", errs: []string{
			`{cfg}:10: want a whole number, got "zwei"`, `{cfg}:10: want a number, got "fünfzig"`, `{cfg}:12: want a mapping, got a list`,
			`{cfg}:17: want a number, got "schwer"`, `{cfg}:18: want a list, got a mapping`}},
		{name: "config: wrong type in the settings", config: "config_wrong_setting.yaml", input: "payloads.csv", errs: []string{`{cfg}:3:26: report.min_group_size: want a whole number, got "viele"`}},
		{name: "config: cycle of aliases", config: "config_cycle.yaml", input: "payloads.csv", errs: []string{"{cfg}:11:19: alias *dims refers to a node that contains it"}},
		{name: "config: alias bomb", config: "config_alias_bomb.yaml", input: "payloads.csv", errs: []string{"{cfg}:15:33: alias *x4: aliases expand to too many nodes"}},
		{name: "config: missing scale", config: "config_missing_scale.yaml", input: "payloads.csv", errs: []string{`{cfg}:9:7: model.questions[1]: question "Q2": unknown scale "fehlt"`}},
		{name: "config: binary", config: "config_binary.yaml", input: "payloads.csv", errs: []string{"{cfg}:2:10: control character U+0000"}},
	}
}

// TestHostileInputs runs the whole pipeline, as 'reifegrad run' does,
// over every item of the corpus: each gives a clear error naming the
// place, or outputs that are safe (checkSafeOutputs) and account for
// every row — never a panic, never a hang.
func TestHostileInputs(t *testing.T) {
	corpusBefore := snapshot(t, hostileDir)
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			inDir, out := filepath.Join(root, "in"), filepath.Join(root, "out")
			if err := os.Mkdir(inDir, 0o755); err != nil {
				t.Fatal(err)
			}
			in := hostileDir + tt.input
			if tt.build != nil {
				in = tt.build(t, inDir)
			}
			cfg := hostileDir + tt.config
			if tt.config == "" {
				cfg = hostileDir + "config.yaml"
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			stdout, stderr, code := runWithin(t, 2*time.Minute, "-c", cfg, "-i", "2026="+in, "-o", out, "--json")
			place := strings.NewReplacer("{in}", in, "{cfg}", cfg)
			if tt.errs != nil {
				if code != exitBadInput {
					t.Fatalf("exit %d, want 1; stderr: %.500s", code, stderr)
				}
				for _, want := range tt.errs {
					if !strings.Contains(stderr, place.Replace(want)) {
						t.Errorf("stderr does not say %q:\n%.1000s", place.Replace(want), stderr)
					}
				}
				if _, err := os.Stat(out); err == nil {
					if files := snapshot(t, out); len(files) > 0 {
						t.Errorf("a failed run left %d files in the output folder", len(files))
					}
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %.1000s", code, stderr)
			}
			sum := accountFor(t, stdout, out)
			if got := [3]int{sum.RowsRead, sum.Scored, sum.Rejected}; got != tt.rows {
				t.Errorf("rows read, scored, rejected = %v, want %v", got, tt.rows)
			}
			rejects := readCSV(t, filepath.Join(out, "rejects.csv"))[1:]
			for i, want := range tt.rejects {
				want = place.Replace(want)
				if i >= len(rejects) {
					t.Errorf("no reject %q", want)
					continue
				}
				r := rejects[i]
				got := fmt.Sprintf("%s:%s:%s: %s", r[0], r[2], r[3], r[7])
				if r[3] == "" || r[3] == "0" {
					got = fmt.Sprintf("%s:%s: %s", r[0], r[2], r[7])
				}
				if !strings.HasPrefix(got, want) {
					t.Errorf("reject %d: %q, want %q…", i+1, got, want)
				}
			}
			checkSafeOutputs(t, out)
			if len(tt.cells) > 0 {
				all := workbookCells(t, filepath.Join(out, "reifegrad.xlsx"))
				for _, want := range tt.cells {
					if !all[want] {
						t.Errorf("no cell of the workbook holds %q", want)
					}
				}
			}
			for page, texts := range tt.text {
				b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
				if err != nil {
					t.Fatal(err)
				}
				shown := pageText(b)
				for _, want := range texts {
					if !strings.Contains(shown, want) {
						t.Errorf("%s does not show %q as text", page, want)
					}
				}
			}
			entries, _ := os.ReadDir(root)
			for _, e := range entries {
				if e.Name() != "in" && e.Name() != "out" {
					t.Errorf("%s written beside the output folder", e.Name())
				}
			}
		})
	}
	if corpusAfter := snapshot(t, hostileDir); len(corpusAfter) != len(corpusBefore) {
		t.Errorf("the corpus folder had %d files, now %d", len(corpusBefore), len(corpusAfter))
	}
}

// runWithin runs the command line and fails the test if it takes longer
// than limit: a hostile input must not make a run hang.
func runWithin(t *testing.T, limit time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.stdout, r.stderr, r.code = MustRun(t, args...)
		done <- r
	}()
	select {
	case r := <-done:
		return r.stdout, r.stderr, r.code
	case <-time.After(limit):
		t.Fatalf("the run did not end within %v", limit)
		return "", "", 0
	}
}

// accountFor checks that the summary, scores.csv and the workbook agree
// on every row: rows read = scored + rejected, scored = the distinct
// (wave, unit) pairs of scores.csv = the rows of the workbook's
// Ergebnisse sheet, rejected = the rows of rejects.csv.
func accountFor(t *testing.T, stdout, out string) summary {
	t.Helper()
	var sum summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("--json: %v\n%.500s", err, stdout)
	}
	if sum.RowsRead != sum.Scored+sum.Rejected {
		t.Errorf("summary: %d rows read ≠ %d scored + %d rejected", sum.RowsRead, sum.Scored, sum.Rejected)
	}
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	units := map[[2]string]bool{}
	for _, r := range scores[1:] {
		units[[2]string{r[0], r[1]}] = true
	}
	if len(units) != sum.Scored {
		t.Errorf("scores.csv has %d units × waves, the summary %d scored", len(units), sum.Scored)
	}
	if n := len(readCSV(t, filepath.Join(out, "rejects.csv"))) - 1; n != sum.Rejected {
		t.Errorf("rejects.csv has %d rows, the summary %d rejected", n, sum.Rejected)
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	n := 0
	for _, sheet := range wb.GetSheetList() {
		if sheet != "Ergebnisse" && !strings.HasPrefix(sheet, "Ergebnisse ") {
			continue // continuation sheets beyond Excel's row limit share the name
		}
		rows, err := wb.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		n += len(rows) - 1
	}
	if n != sum.Scored {
		t.Errorf("the workbook's Ergebnisse has %d rows, the summary %d scored", n, sum.Scored)
	}
	return sum
}

// outputName is every file name a run may write.
var outputName = regexp.MustCompile(`^(\.reifegrad-manifest|overview\.html|reifegrad\.xlsx|veroeffentlichung\.xlsx|scores\.csv|rejects\.csv|aggregates\.csv|roadmap\.csv|roadmap\.json|indicators\.csv|robustness\.csv|assets/[A-Za-z0-9._-]+|profiles/[A-Za-z0-9_~-]+\.html)$`)

// checkSafeOutputs checks what a run over hostile input wrote: only the
// files it may write, one profile per unit named after its id; HTML in
// which no input became markup; a workbook of well-formed XML without a
// single formula; CSV files whose every cell is inert.
func checkSafeOutputs(t *testing.T, out string) {
	t.Helper()
	files := snapshot(t, out)
	for name := range files {
		if !outputName.MatchString(filepath.ToSlash(strings.TrimPrefix(name, string(filepath.Separator)))) {
			t.Errorf("unexpected output file %q", name)
		}
	}
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	ids := map[string]bool{}
	for _, r := range scores[1:] {
		ids[r[1]] = true
	}
	profiles := 0
	for name := range files {
		if strings.Contains(name, "profiles") {
			profiles++
		}
	}
	if profiles != len(ids) {
		t.Errorf("%d profiles for %d units", profiles, len(ids))
	}
	for id := range ids {
		raw := strings.TrimPrefix(id, "'") // scores.csv neutralises an id that starts like a formula
		if _, ok := files[string(filepath.Separator)+filepath.Join("profiles", reporthtml.ProfileFile(scoring.UnitID(raw)))]; !ok {
			t.Errorf("no profile %s for unit %q", reporthtml.ProfileFile(scoring.UnitID(raw)), raw)
		}
	}
	for name, b := range files {
		var probs []string
		switch {
		case strings.HasSuffix(name, ".html"):
			probs = htmlProblems(b)
		case strings.HasSuffix(name, ".csv"):
			probs = csvProblems(b)
		case strings.HasSuffix(name, ".xlsx"):
			probs = workbookProblems(b)
		}
		for _, p := range probs {
			t.Errorf("%s: %s", name, p)
		}
	}
}

// csvProblems lists the cells of a CSV file that a spreadsheet would run
// as a formula.
func csvProblems(b []byte) []string {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return []string{err.Error()}
	}
	var probs []string
	for i, r := range rows {
		for j, f := range r {
			if reportcsv.InertText(f) != f {
				probs = append(probs, fmt.Sprintf("%d:%d: %q would be a formula in a spreadsheet", i+1, j+1, f))
			}
		}
	}
	return probs
}

// htmlProblems parses a page as a browser would and lists anything an
// input could have become: a script that is not one of ours, an event
// handler, a javascript: or data: URL, or an element no template writes.
func htmlProblems(b []byte) []string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return []string{err.Error()}
	}
	var probs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					probs = append(probs, fmt.Sprintf("<%s %s=%q>: an event handler", n.Data, a.Key, a.Val))
				}
				if v := strings.ToLower(strings.TrimSpace(a.Val)); strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					probs = append(probs, fmt.Sprintf("<%s %s=%q>: a script URL", n.Data, a.Key, a.Val))
				}
			}
			switch n.Data {
			case "script":
				src := attr["src"]
				ours := src != "" && (strings.HasSuffix(src, "assets/echarts.min.js") || strings.HasSuffix(src, "assets/reifegrad.js")) ||
					src == "" && attr["type"] == "application/json" && attr["id"] == "reifegrad-charts"
				if !ours {
					probs = append(probs, fmt.Sprintf("a script that is not ours: %v", n.Attr))
				}
				if attr["type"] == "application/json" {
					var v any
					if n.FirstChild == nil || json.Unmarshal([]byte(n.FirstChild.Data), &v) != nil {
						probs = append(probs, "the chart data is not JSON")
					}
				}
			case "img", "svg", "iframe", "object", "embed", "b", "i", "frame", "base":
				probs = append(probs, fmt.Sprintf("<%s> that no template writes", n.Data))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return probs
}

// workbookCells returns the set of values of every cell of a workbook.
func workbookCells(t *testing.T, file string) map[string]bool {
	t.Helper()
	wb, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	cells := map[string]bool{}
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				cells[c] = true
			}
		}
	}
	return cells
}

// pageText is the text of a page as a browser shows it, without what is
// inside script and style elements.
func pageText(b []byte) string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return sb.String()
}

// workbookProblems reads every part of a workbook as XML (a control
// character or a stray byte makes Excel refuse the file) and lists each
// that is not well-formed and each formula.
func workbookProblems(b []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return []string{err.Error()}
	}
	var probs []string
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return append(probs, err.Error())
		}
		dec := xml.NewDecoder(rc)
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				probs = append(probs, fmt.Sprintf("%s is not well-formed XML: %v", zf.Name, err))
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "f" && strings.HasPrefix(zf.Name, "xl/worksheets/") {
				probs = append(probs, zf.Name+" holds a formula")
			}
		}
		rc.Close()
	}
	return probs
}

// TestSafetyChecks shows that the checks of checkSafeOutputs catch what
// they are for, and pass what the reports write.
func TestSafetyChecks(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<!doctype html><html><head><script src="assets/echarts.min.js"></script></head><body>` + body +
			`<script type="application/json" id="reifegrad-charts">{"a":1}</script></body></html>`)
	}
	for _, tt := range []struct {
		name string
		bad  bool
		prob []string
	}{
		{"escaped payload", false, htmlProblems(page(`<p>&lt;img src=x onerror=alert(1)&gt;</p>`))},
		{"injected image", true, htmlProblems(page(`<p><img src=x onerror=alert(1)></p>`))},
		{"injected script", true, htmlProblems(page(`<p></script><script>alert(1)</script></p>`))},
		{"script URL", true, htmlProblems(page(`<a href=" JavaScript:alert(1)">x</a>`))},
		{"chart data broken out of", true, htmlProblems([]byte(`<script type="application/json" id="reifegrad-charts">{"a":"</script><script>alert(1)</script>"}</script>`))},
		{"inert CSV", false, csvProblems([]byte("name,score\n'=1+1,-9\n"))},
		{"formula in CSV", true, csvProblems([]byte("name,score\n=1+1,-9\n"))},
		{"formula after a line break", true, csvProblems([]byte("name\n\"a\n@SUM(1)\"\n"))},
	} {
		if got := len(tt.prob) > 0; got != tt.bad {
			t.Errorf("%s: problems %q, want some: %v", tt.name, tt.prob, tt.bad)
		}
	}
	wb := excelize.NewFile()
	wb.SetCellStr("Sheet1", "A1", "=1+1")
	var buf bytes.Buffer
	wb.Write(&buf)
	if p := workbookProblems(buf.Bytes()); len(p) != 0 {
		t.Errorf("a text cell: %q", p)
	}
	wb.SetCellFormula("Sheet1", "A2", "1+1")
	buf.Reset()
	wb.Write(&buf)
	if p := workbookProblems(buf.Bytes()); len(p) != 1 || !strings.Contains(p[0], "holds a formula") {
		t.Errorf("a formula: %q", p)
	}
}

// The builders below write the large or binary items of the corpus.

func writeInput(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const hostileHeader = "id;name;district;Q1;Q2;Q3\n"

func bigCell(t *testing.T, dir string) string {
	return writeInput(t, dir, "big_cell.csv", []byte(hostileHeader+"p70;"+strings.Repeat("A", 10<<20)+";Kreis A;ja;ja;ja\np71;Aue;Kreis A;ja;nein;ja\n"))
}

func longID(t *testing.T, dir string) string {
	return writeInput(t, dir, "long_id.csv", []byte(hostileHeader+strings.Repeat("../", 100)+";Aue;Kreis A;ja;ja;ja\np72;Aue;Kreis A;ja;nein;ja\n"))
}

func wideHeader(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(hostileHeader, "\n"))
	for i := 6; i < 100000; i++ {
		fmt.Fprintf(&b, ";c%d", i)
	}
	b.WriteString("\np73;Aue;Kreis A;ja;ja;ja\n")
	return writeInput(t, dir, "wide.csv", []byte(b.String()))
}

// lateInvalidUTF8 is valid UTF-8 for the first 64 KB that encoding
// detection reads (three rows with a 25,000-character note), then a name
// in Windows-1252.
func lateInvalidUTF8(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString("id;name;district;Q1;Q2;Q3;note\n")
	for i := range 3 {
		fmt.Fprintf(&b, "p8%d;Aue;Kreis A;ja;ja;ja;%s\n", i, strings.Repeat("ä", 25000))
	}
	b.WriteString("p84;Wei\xdfwasser;Kreis A;ja;ja;ja;\n")
	return writeInput(t, dir, "late_invalid.csv", []byte(b.String()))
}

// exampleWorkbook is the bundled example survey as a workbook.
func exampleWorkbook(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../example/umfrage_2026.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func truncatedWorkbook(t *testing.T, dir string) string {
	b := exampleWorkbook(t)
	return writeInput(t, dir, "truncated.xlsx", b[:len(b)/2])
}

// damagedWorkbook flips one byte in the middle of the compressed sheet.
func damagedWorkbook(t *testing.T, dir string) string {
	b := bytes.Clone(exampleWorkbook(t))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			off, err := zf.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			b[off+int64(zf.CompressedSize64)/2] ^= 0x55
		}
	}
	return writeInput(t, dir, "damaged.xlsx", b)
}

// zipBomb is a workbook whose sheet inflates to 2 GiB of XML from about
// 2 MB: honest about its size, which is over the limit.
func zipBomb(t *testing.T, dir string) string {
	return writeInput(t, dir, "bomb.xlsx", bombWorkbook(t, 2048, 0))
}

// lyingZipBomb declares its 64 MiB sheet as 1 KiB.
func lyingZipBomb(t *testing.T, dir string) string {
	return writeInput(t, dir, "lying_bomb.xlsx", bombWorkbook(t, 64, 1024))
}

// bombWorkbook builds a workbook whose sheet holds the header and then
// mib MiB of blanks, compressed once as one MiB and repeated: a deflate
// stream may be cut after a sync flush and its pieces repeated. declare,
// if not 0, is the size the zip header claims.
func bombWorkbook(t *testing.T, mib int, declare uint64) []byte {
	t.Helper()
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>`)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	tail := []byte(`</sheetData></worksheet>`)
	piece := func(b []byte) []byte {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write(b)
		w.Flush()
		return buf.Bytes()
	}
	var data bytes.Buffer
	data.Write(piece(head))
	c := piece(chunk)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for range mib {
		data.Write(c)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	w, _ := flate.NewWriter(&data, flate.BestCompression)
	w.Write(tail)
	w.Close()
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	size := uint64(len(head)) + uint64(mib)<<20 + uint64(len(tail))
	if declare != 0 {
		size = declare
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := zw.Create(p[0])
		io.WriteString(w, p[1])
	}
	sw, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(data.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	sw.Write(data.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBombWorkbookInflates checks the builder itself: the honest bomb
// really inflates to what it declares (else the zip bomb case would test
// nothing).
func TestBombWorkbookInflates(t *testing.T) {
	b := bombWorkbook(t, 8, 0)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == "xl/worksheets/sheet1.xml" })
	rc, err := zr.File[i].Open()
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rc)
	if err != nil || n < 8<<20 || uint64(n) != zr.File[i].UncompressedSize64 || len(b) > 64<<10 {
		t.Errorf("inflated %d bytes (%v) from a %d-byte workbook, want 8 MiB and more from under 64 KiB", n, err, len(b))
	}
}
