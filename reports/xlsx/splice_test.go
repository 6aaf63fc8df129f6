package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// buildRaw writes a workbook either way: with its long tables as sheet
// bodies (spliced), or every row through excelize's stream writer.
// It returns the workbook and the number of sheet bodies.
func buildRaw(tb testing.TB, r *scoring.Results, o Options, rowLimit int, spliced bool) ([]byte, int) {
	tb.Helper()
	wb, err := newWorkbook(r, o)
	if err != nil {
		tb.Fatal(err)
	}
	defer wb.close()
	if !spliced {
		wb.deflate = nil
		wb.f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	}
	if rowLimit > 0 {
		wb.rowLimit = rowLimit
	}
	if err := wb.build(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	if !spliced {
		return buf.Bytes(), 0
	}
	return buf.Bytes(), len(wb.deflate.bodies)
}

// unzipParts returns every part of a workbook, unzipped; archive/zip
// checks each part's CRC-32 as it reads it.
func unzipParts(tb testing.TB, raw []byte) map[string][]byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatalf("%s: %v", zf.Name, err)
		}
		parts[zf.Name] = b
	}
	return parts
}

// contentTypeTag finds the elements of [Content_Types].xml, whose order
// excelize takes from a map.
var contentTypeTag = regexp.MustCompile(`<[^>]+>`)

// TestSplicedWorkbook: the workbook whose long tables are encoded by
// rowEncoder and spliced into excelize's frame unzips to the same parts,
// byte for byte, as the one excelize writes row by row (only the order of
// the elements of [Content_Types].xml varies, as it does between two runs
// of excelize). Cases: the spreadsheet fixture (long Indikatoren), the
// same past a lowered row limit (wide Indikatoren and Antworten over
// continuation sheets), the payload fixture with roadmaps (Fahrplan), and
// the Saxony example with its analysis (three waves, 419 units).
func TestSplicedWorkbook(t *testing.T) {
	type tc struct {
		name     string
		r        *scoring.Results
		o        Options
		rowLimit int
		bodies   int // at least so many sheets must have been spliced
	}
	var cases []tc
	sheet := fixture.Sheet(t)
	cases = append(cases, tc{"sheet", sheet, Options{}, 0, 2}, tc{"sheet, continued", sheet, Options{Language: scoring.English}, 4, 6})
	payload := fixture.Fixture(t, fixture.Model(t))
	pdis := scoring.NewDisclosure(payload, 2)
	set, err := roadmap.Build(payload, roadmap.Options{Disclosure: pdis})
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, tc{"payloads", payload, Options{Disclosure: pdis, Roadmaps: set}, 0, 3})
	if !testing.Short() {
		m, ds := fixture.Saxony(t)
		sx := scoring.Score(m, ds)
		d := scoring.NewDisclosure(sx, 5)
		rep, err := analyse.Analyse(context.Background(), sx, len(sx.Waves)-1, &analyse.Options{Draws: 20, Seed: 1,
			Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 5}}}, d)
		if err != nil {
			t.Fatal(err)
		}
		sset, err := roadmap.Build(sx, roadmap.Options{Disclosure: d})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, tc{"saxony", sx, Options{Disclosure: d, Analysis: rep, Roadmaps: sset}, 0, 3})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, _ := buildRaw(t, c.r, c.o, c.rowLimit, false)
			want := unzipParts(t, old)
			raw, bodies := buildRaw(t, c.r, c.o, c.rowLimit, true)
			got := unzipParts(t, raw)
			if len(got) != len(want) {
				t.Errorf("%d parts, want %d", len(got), len(want))
			}
			for name, w := range want {
				g, ok := got[name]
				switch {
				case !ok:
					t.Errorf("%s missing", name)
				case name == "[Content_Types].xml":
					gt, wt := contentTypeTag.FindAllString(string(g), -1), contentTypeTag.FindAllString(string(w), -1)
					slices.Sort(gt)
					slices.Sort(wt)
					if !slices.Equal(gt, wt) {
						t.Errorf("%s differs:\n%s\nwant\n%s", name, g, w)
					}
				case !bytes.Equal(g, w):
					i := 0
					for i < min(len(g), len(w)) && g[i] == w[i] {
						i++
					}
					t.Errorf("%s differs at byte %d: %q, want %q", name, i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
				}
			}
			// The bodies really were spliced: each spliced part was
			// written raw, with its sizes in the local header.
			zr, _ := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
			n := 0
			for _, zf := range zr.File {
				if zf.Flags&0x8 == 0 {
					n++
				}
			}
			if n != bodies || bodies < c.bodies {
				t.Errorf("%d spliced sheets of %d bodies, want at least %d", n, bodies, c.bodies)
			}
		})
	}
}

// excelizeRow is the XML excelize's stream writer writes for a row of
// values in row 2, the columns styled as given.
func excelizeRow(tb testing.TB, styles []int, vals []any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range styles {
		if s == 0 {
			continue
		}
		id, err := f.NewStyle(&excelize.Style{NumFmt: s})
		if err != nil {
			tb.Fatal(err)
		}
		styles[i] = id
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	for i := len(styles) - 1; i >= 0; i-- {
		if styles[i] != 0 {
			if err := sw.SetColStyle(i+1, i+1, styles[i]); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := sw.SetRow("A2", vals); err != nil {
		tb.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	sheet := unzipParts(tb, buf.Bytes())["xl/worksheets/sheet1.xml"]
	i := bytes.Index(sheet, []byte(`<row r="2"`))
	j := bytes.Index(sheet, []byte(`</sheetData>`))
	if i < 0 || j < i {
		tb.Fatalf("no row 2 in %s", sheet)
	}
	return sheet[i:j]
}

// rowCases are values whose writing must equal excelize's: texts that
// need escaping, look like formulas or escaped characters, carry white
// space at an end, invalid UTF-8 or characters XML forbids, exceed Excel's
// cell limit in bytes or UTF-16 units; numbers at the edge of 15 digits.
var rowCases = []any{
	"plain", "", "Großenhain", "=1+1", "=HYPERLINK(\"http://x\")", "+SUM(A1)", "-2+3", "@cmd",
	fixture.PayloadScript, fixture.PayloadImg, fixture.PayloadQuote, fixture.PayloadDimLabel,
	"a&b", "<", ">", `"`, "'", " lead", "trail ", "\ttab", "line\nbreak", "cr\r\nlf", "\n",
	"a\x00b", "bell\x07", "del\x7f", "bad\xffutf8", "\xc3", "\uFFFE", "\uFFFD", "😀", "_x0041_", "a_x0041_b",
	"_x005F_x0041_", "_x005F_", "_xZZZZ_", "_x", "x_", "__x1234_", "_X0041_",
	strings.Repeat("ä", 40000), strings.Repeat("😀", 20000), strings.Repeat("a", 32767), strings.Repeat("a", 32768),
	strings.Repeat("a", 32766) + "😀", strings.Repeat("<", 11000),
	0.0, 1.0, -1.5, 33.333333333333336, 1e21, 1e-7, 123456789012345678.0, 0.1 + 0.2, math.MaxFloat64, -math.MaxFloat64,
	math.SmallestNonzeroFloat64, float32(1.1), 7, -3, int64(1) << 40, uint8(9), true, false,
	excelize.Cell{StyleID: 3, Value: "•"}, excelize.Cell{StyleID: 0, Value: 2.5}, excelize.Cell{StyleID: 5},
	excelize.Cell{StyleID: 2, Value: math.NaN()}, excelize.Cell{Value: math.Inf(-1)},
}

// TestRowEncoderMatchesExcelize writes each case in a styled and an
// unstyled column, and all of them in one row.
func TestRowEncoderMatchesExcelize(t *testing.T) {
	for _, v := range rowCases {
		vals := []any{v, nil, v}
		styles := []int{0, 0, 49}
		want := excelizeRow(t, styles, vals)
		got, err := newRowEncoder(styles).row(nil, 2, vals)
		if err != nil {
			t.Fatalf("%.40q: %v", v, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%.40q:\n got %.300s\nwant %.300s", v, got, want)
		}
	}
	styles := make([]int, len(rowCases))
	for i := range styles {
		styles[i] = i % 3 * 4
	}
	want := excelizeRow(t, styles, rowCases)
	got, _ := newRowEncoder(styles).row(nil, 2, rowCases)
	if !bytes.Equal(got, want) {
		t.Error("the row of every case differs from excelize's")
	}
}

// TestRowEncoderRefuses: a formula or a value no table writes is an
// error, never a cell.
func TestRowEncoderRefuses(t *testing.T) {
	for _, v := range []any{excelize.Cell{Formula: "1+1"}, &excelize.Cell{Value: "x"}, struct{}{}, []excelize.RichTextRun{{Text: "x"}}} {
		if _, err := newRowEncoder([]int{0}).row(nil, 2, []any{v}); err == nil {
			t.Errorf("%#v written", v)
		}
	}
}

// FuzzRowEncoder compares a text and a number with excelize's writing.
func FuzzRowEncoder(f *testing.F) {
	for _, v := range rowCases {
		if s, ok := v.(string); ok && len(s) < 100 {
			f.Add(s, 1.5)
		}
	}
	f.Fuzz(func(t *testing.T, s string, x float64) {
		vals := []any{s, x, excelize.Cell{StyleID: 1, Value: s}}
		styles := []int{0, 2, 0}
		want := excelizeRow(t, styles, vals)
		got, err := newRowEncoder(styles).row(nil, 2, vals)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q %v:\n got %s\nwant %s", s, x, got, want)
		}
	})
}

// TestCRC32Concat checks the CRC of a concatenation from its parts'.
func TestCRC32Concat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 4096, 100_000, 1 << 20} {
		a := make([]byte, rng.IntN(300))
		b := make([]byte, n)
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Concat(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(n)); got != want {
			t.Errorf("len %d+%d: %08x, want %08x", len(a), n, got, want)
		}
	}
}

// TestWorkbookProgress: each long table reports its rows as it writes
// them, ending with all of them; the totals are the rows the sheets hold.
func TestWorkbookProgress(t *testing.T) {
	r := fixture.Sheet(t)
	type call struct{ done, total int }
	calls := map[string][]call{}
	var order []string
	f, _ := writeBook(t, r, Options{Progress: func(sheet string, done, total int) {
		if _, ok := calls[sheet]; !ok {
			order = append(order, sheet)
		}
		calls[sheet] = append(calls[sheet], call{done, total})
	}}, 0)
	if want := []string{"Ergebnisse", "Indikatoren"}; !slices.Equal(order, want) {
		t.Errorf("progress of %v, want %v", order, want)
	}
	for sheet, cs := range calls {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		last := cs[len(cs)-1]
		if last.done != last.total || last.total != len(rows)-1 {
			t.Errorf("%s: last report %d of %d, the sheet has %d rows below its header", sheet, last.done, last.total, len(rows)-1)
		}
		for i := 1; i < len(cs); i++ {
			if cs[i].done <= cs[i-1].done {
				t.Errorf("%s: progress went back: %v", sheet, cs)
			}
		}
	}
}

// TestSortedDefaults: the <Default> elements of [Content_Types].xml are
// sorted when they stand together, as excelize writes them (in the order
// of a map's iteration); anything else is left as it is.
func TestSortedDefaults(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
	def := func(ext, typ string) string {
		return `<Default Extension="` + ext + `" ContentType="` + typ + `"></Default>`
	}
	over := `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"></Override>`
	tests := []struct {
		name, in, want string
	}{
		{"excelize's", head + over + def("xml", "application/xml") + def("wmf", "image/x-wmf") + def("bmp", "image/bmp") + `<Default Extension="png" ContentType="image/png"/>` + "</Types>",
			head + over + def("bmp", "image/bmp") + `<Default Extension="png" ContentType="image/png"/>` + def("wmf", "image/x-wmf") + def("xml", "application/xml") + "</Types>"},
		{"sorted already", head + def("a", "x/a") + def("b", "x/b") + over + "</Types>", head + def("a", "x/a") + def("b", "x/b") + over + "</Types>"},
		{"apart", head + def("b", "x/b") + over + def("a", "x/a") + "</Types>", head + def("b", "x/b") + over + def("a", "x/a") + "</Types>"},
		{"one", head + def("b", "x/b") + "</Types>", head + def("b", "x/b") + "</Types>"},
		{"none", head + over + "</Types>", head + over + "</Types>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(sortedDefaults([]byte(tt.in))); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestWorkbookSameBytes: a workbook written twice is the same file, byte
// for byte (excelize alone declares its image types in a varying order).
func TestWorkbookSameBytes(t *testing.T) {
	r := fixture.Sheet(t)
	var first []byte
	for i := range 5 {
		var b bytes.Buffer
		if err := WriteWorkbook(&b, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(b.Bytes(), first) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
}
