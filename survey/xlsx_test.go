package survey

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestXLSXCells reads the hand-made workbook fixture: the header below a
// title row on the second sheet, the AGS and numbers as Excel stores them,
// the date received as ISO text.
func TestXLSXCells(t *testing.T) {
	m := mustModel(t)
	opt := Options{}
	hm := newHeaderMatcher(m, &opt)
	tb, err := newXLSXTable(bytes.NewReader(readFixture(t, "excel.xlsx")), &opt, hm.looksLikeHeader)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.close()
	if tb.sheet() != "Antworten" {
		t.Errorf("sheet %q, want Antworten (the first with the header)", tb.sheet())
	}
	var recs [][]string
	var rows []int
	for {
		rec, row, err := tb.next()
		if err != nil {
			break
		}
		recs, rows = append(recs, rec), append(rows, row)
	}
	if len(recs) != 2+len(testAnswers) || rows[1] != 3 {
		t.Fatalf("rows %v", rows)
	}
	first := recs[2]
	for i, want := range map[int]string{0: "14612000", 2: "2024-03-15 10:00", 5: "1234", 6: "87.5"} {
		if first[i] != want {
			t.Errorf("cell %d = %q, want %q", i+1, first[i], want)
		}
	}
	if got := recs[3][2]; got != "2024-03-15 11:37" {
		t.Errorf("second date %q", got)
	}
}

func TestXLSXSheetOption(t *testing.T) {
	m := mustModel(t)
	b := readFixture(t, "excel.xlsx")
	for _, tt := range []struct {
		sheet, wantErr string
	}{
		{"Antworten", ""},
		{"antworten", ""},
		{"2", ""},
		{"1", `excel.xlsx[Hinweise]:1: no id column "ags" in the header`},
		{"3", "sheet 3 does not exist: the workbook has 2 sheets"},
		{"Daten", `no sheet named "Daten"`},
	} {
		ds, err := Read(bytes.NewReader(b), "excel.xlsx", m, Options{Sheet: tt.sheet, UnitsAreMunicipalities: true})
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("sheet %q: %v", tt.sheet, err)
		case tt.wantErr == "" && len(ds.Responses) != len(testAnswers):
			t.Errorf("sheet %q: %d responses", tt.sheet, len(ds.Responses))
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("sheet %q: error %v, want %q", tt.sheet, err, tt.wantErr)
		}
	}
}

// TestXLSXHiddenSheet: a workbook whose first sheet is a hidden copy of
// older answers ("Rohdaten alt"), the sheet Excel shows after it. Without
// survey.sheet the hidden one was read — every score from answers no one
// sees, exit 0. A visible sheet with the header now comes first; a hidden
// one is read where no visible sheet has the header, or when named.
func TestXLSXHiddenSheet(t *testing.T) {
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales: {janein: {map: {ja: 1, nein: 0}}}
  questions: [{id: S01, scale: janein}]
  dimensions: [{id: d, indicators: [{id: s, question: S01}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		sheets []string // "name:answer", "name:" for a sheet without the header; "*" hides it
		option string
		want   string // the answer read
	}{
		{"hidden copy first", []string{"*alt:nein", "neu:ja"}, "", "ja"},
		{"very hidden copy first", []string{"**alt:nein", "neu:ja"}, "", "ja"},
		{"visible first", []string{"neu:ja", "*alt:nein"}, "", "ja"},
		{"only the hidden one has the header", []string{"*alt:nein", "Hinweise:"}, "", "nein"},
		{"the hidden one named", []string{"*alt:nein", "neu:ja"}, "alt", "nein"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			for i, spec := range tt.sheets {
				name, answer, _ := strings.Cut(strings.TrimLeft(spec, "*"), ":")
				if i == 0 {
					f.SetSheetName("Sheet1", name)
				} else if _, err := f.NewSheet(name); err != nil {
					t.Fatal(err)
				}
				if answer == "" {
					f.SetSheetRow(name, "A1", &[]any{"Diese Mappe enthält die Antworten."})
				} else {
					f.SetSheetRow(name, "A1", &[]any{"id", "S01"})
					f.SetSheetRow(name, "A2", &[]any{"u", answer})
				}
			}
			// Excel shows a visible sheet: make it the active one, then
			// hide the others (the active sheet cannot be hidden).
			for i, spec := range tt.sheets {
				if !strings.HasPrefix(spec, "*") {
					f.SetActiveSheet(i)
					break
				}
			}
			for _, spec := range tt.sheets {
				name, _, _ := strings.Cut(strings.TrimLeft(spec, "*"), ":")
				if strings.HasPrefix(spec, "*") {
					if err := f.SetSheetVisible(name, false, strings.HasPrefix(spec, "**")); err != nil {
						t.Fatal(err)
					}
				}
			}
			var b bytes.Buffer
			if err := f.Write(&b); err != nil {
				t.Fatal(err)
			}
			ds, err := Read(bytes.NewReader(b.Bytes()), "f.xlsx", m, Options{IDColumn: "id", Sheet: tt.option})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != 1 || ds.Responses[0].Answers.At(0) != tt.want {
				t.Errorf("read %v from sheet %q, want %q", ds.Responses, ds.Inputs[0].Sheet, tt.want)
			}
		})
	}
}

// TestXLSXZipBomb: a workbook claiming to unzip to more than
// UnzipSizeLimit is refused before anything is inflated.
func TestXLSXZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	data := []byte("<worksheet/>")
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(data)), UncompressedSize64: 1 << 31})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	start := time.Now()
	_, err := Read(bytes.NewReader(buf.Bytes()), "bomb.xlsx", mustModel(t), Options{})
	if err == nil || !strings.Contains(err.Error(), "bomb.xlsx: not a readable xlsx workbook") || !strings.Contains(err.Error(), "size") {
		t.Errorf("error %v, want the size limit", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v", d)
	}
}

func TestDateText(t *testing.T) {
	serial := func(s string) string {
		// Excel counts days since 1899-12-30.
		tm, _ := time.Parse("2006-01-02 15:04:05", s)
		x := tm.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
		return strings.TrimRight(strings.TrimRight(strconvF(x), "0"), ".")
	}
	tests := []struct {
		raw, shown, want string
		ok               bool
	}{
		{serial("2024-03-15 00:00:00"), "15.03.2024", "2024-03-15", true},
		{serial("2024-03-15 00:00:00"), "3/15/24", "2024-03-15", true},
		{serial("2024-03-15 10:30:00"), "15.03.2024 10:30", "2024-03-15 10:30", true},
		{serial("2024-03-15 22:30:05"), "3/15/24 10:30:05 PM", "2024-03-15 22:30:05", true},
		{serial("2024-03-15 00:00:00"), "Freitag, 15. März 2024", "2024-03-15", true},
		{"0.4375", "10:30", "10:30", true},
		{"1234.5", "1.234,50 €", "", false},
		{"10", "10.00", "", false}, // 10 and 0: the day and year of 1900-01-10, but a number
		{"1", "1,00", "", false},
		{"0.45", "45%", "", false},
		{"45366", "45366", "", false},
		{"text", "text", "", false},
	}
	for _, tt := range tests {
		got, ok := dateText(tt.raw, tt.shown, false)
		if got != tt.want || ok != tt.ok {
			t.Errorf("dateText(%q, %q) = %q, %v; want %q, %v", tt.raw, tt.shown, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsDateFormatCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"dd.mm.yyyy", true},
		{"m/d/yy h:mm", true},
		{"[h]:mm", true},
		{"hh:mm:ss", true},
		{"[$-407]dddd, d. mmmm yyyy", true},
		{"General", false},
		{"0.00%", false},
		{`#,##0 "Stück"`, false},
		{`#,##0.00\ "€"`, false},
		{"[Red]0.00", false},
		{"0.00E+00", false},
		{"mmmm", true},  // the month's name
		{"MMMMM", true}, // its initial
		{"aaaa", true},  // the weekday's name
		{`0.0 "mm"`, false},
		{`0 \m`, false},
	}
	for _, tt := range tests {
		if got := isDateFormatCode(tt.code); got != tt.want {
			t.Errorf("isDateFormatCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// TestLiteralSection: a format with a section showing only words of its
// own turns a number into words, as a date showing its weekday does.
func TestLiteralSection(t *testing.T) {
	for _, tt := range []struct {
		code string
		want bool
	}{
		{`"ja";"nein";"null"`, true},
		{`0;-0;"keine"`, true},
		{`[=1]"ja";[=0]"nein";0`, true},
		{`\k\e\i\n;0`, true},
		{"General", false},
		{`#,##0 "Stück"`, false},
		{`0;-0;;@`, false},
		{`"Text: "@`, false},
		{"dddd", false},
		{`#,##0.00 [$€-407];[Red]-#,##0.00 [$€-407]`, false},
		{`_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-`, false},
	} {
		if got := literalSection(tt.code); got != tt.want {
			t.Errorf("literalSection(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func strconvF(x float64) string { return strconv.FormatFloat(x, 'f', 10, 64) }

// TestMSFormsLatestByCompletionTime: Microsoft Forms writes completion
// times as date cells; keep_latest_complete keeps the later one even when
// it comes first in the sheet.
func TestMSFormsLatestByCompletionTime(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	hdr := []any{"ID", "Start time", "Completion time", "Email", "Name", "AGS", "S01"}
	f.SetSheetRow("Sheet1", "A1", &hdr)
	late := time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC)
	early := time.Date(2024, 3, 10, 9, 0, 0, 0, time.UTC)
	f.SetSheetRow("Sheet1", "A2", &[]any{1, late, late, "anonymous", "", "14612000", "ja"})
	f.SetSheetRow("Sheet1", "A3", &[]any{2, early, early, "anonymous", "", "14612000", "nein"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	ds, err := Read(&buf, "forms.xlsx", mustModel(t), Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != 1 || ds.Responses[0].Answers.At(qS01) != "ja" || ds.Responses[0].Row != 2 {
		t.Errorf("kept %+v, want row 2", ds.Responses)
	}
	if len(ds.Rejects) != 1 || !strings.Contains(ds.Rejects[0].Reason, "which is more recent") {
		t.Errorf("rejects %+v", ds.Rejects)
	}
}

// TestXLSXNumbersForDecimalCommaScale: a number cell (5.5) read for a
// scale that expects a decimal comma must not become 55.
func TestXLSXNumbersForDecimalCommaScale(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"AGS", "S01", "O02"})
	f.SetSheetRow("Sheet1", "A2", &[]any{14612000, "ja", 5.5})
	f.SetSheetRow("Sheet1", "A3", &[]any{14713000, "ja", "1.234"}) // text typed the German way
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m := mustModel(t)
	ds, err := Read(&buf, "n.xlsx", m, Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(m, ds)
	for _, u := range res.Units {
		n := u.Nodes.At(m.Node("anzahl").Index)
		want := map[scoring.UnitID]float64{"14612000": 50, "14713000": 100}[u.Unit.ID] // 5.5 ≤ 9; 1234 > 9
		if !n.Scored() || n.Score != want {
			t.Errorf("%s: anzahl %+v, want %v", u.Unit.ID, n, want)
		}
	}
}

// TestXLSXHiddenRows: rows a filter or a grouping hides are in the file
// and are read like every row — as before — but now a note says which
// (a filter that hid test or unfinished answers does not remove them);
// hidden empty rows below the table, a sheet without hidden rows: no note.
func TestXLSXHiddenRows(t *testing.T) {
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales: {janein: {map: {ja: 1, nein: 0}}}
  questions: [{id: S01, scale: janein}]
  dimensions: [{id: d, indicators: [{id: s, question: S01}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		hidden []int // rows hidden; the table is the header and rows 2–9
		want   []string
	}{
		{"none", nil, nil},
		{"a filter", []int{3, 5, 6, 7, 9}, []string{"5", "3, 5–7, 9"}},
		{"empty rows below the table", []int{12, 13}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			f.SetSheetRow("Sheet1", "A1", &[]any{"id", "S01"})
			for row := 2; row <= 9; row++ {
				f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{fmt.Sprintf("u%d", row), "ja"})
			}
			for _, row := range tt.hidden {
				if err := f.SetRowVisible("Sheet1", row, false); err != nil {
					t.Fatal(err)
				}
			}
			var b bytes.Buffer
			if err := f.Write(&b); err != nil {
				t.Fatal(err)
			}
			ds, err := Read(bytes.NewReader(b.Bytes()), "f.xlsx", m, Options{IDColumn: "id"})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != 8 {
				t.Errorf("%d responses, want all 8", len(ds.Responses))
			}
			var got []string
			for _, is := range ds.Issues {
				if is.Cause == scoring.CauseHiddenRows {
					got = is.Args
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("note %q, want %q", got, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		rows []int
		max  int
		want string
	}{
		{[]int{5}, 10, "5"},
		{[]int{5, 9, 10, 11, 12, 20}, 10, "5, 9–12, 20"},
		{[]int{1, 3, 5, 7}, 2, "1, 3, …"},
	} {
		if got := rowRanges(tt.rows, tt.max); got != tt.want {
			t.Errorf("rowRanges(%v, %d) = %q, want %q", tt.rows, tt.max, got, tt.want)
		}
	}
}
