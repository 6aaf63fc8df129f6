package survey

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Limits for opening workbooks (see also MaxSheetBytes and
// MaxSharedStrings). A response workbook for every municipality of Germany
// with 200 questions unzips to 110 MB; a zip bomb claims far more and is
// refused before it is inflated. Larger sheets are read from a temporary
// file rather than memory (UnzipXMLSizeLimit).
const (
	UnzipSizeLimit    = 1 << 30
	UnzipXMLSizeLimit = 64 << 20
)

// OpenOptions are the excelize options every workbook is opened with.
func OpenOptions() excelize.Options {
	return excelize.Options{UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit}
}

// xlsxTable streams the rows of one worksheet with excelize's Rows
// iterator, so a large sheet is never held as a whole. Cells are read raw:
// numbers as Excel stores them ("3.5", "14612000"), never as a number
// format shows them ("3,50", "1.234"). Date cells, which Excel stores as
// day numbers, become ISO text ("2024-03-15", "2024-03-15 10:30:00"):
// when the workbook has date formats, a second iterator reads the shown
// values alongside, and a number whose shown value is that day's date is
// taken as a date.
type xlsxTable struct {
	f        *excelize.File
	rows     *excelize.Rows
	shown    *excelize.Rows // nil when no style is a date format
	name     string
	row      int
	date1904 bool
}

// newXLSXTable opens a workbook and the sheet to read. isHeader
// recognises the header row, for finding the sheet when none is named.
func newXLSXTable(r io.Reader, opt *Options, isHeader func([]string) bool) (*xlsxTable, error) {
	f, err := excelize.OpenReader(r, OpenOptions())
	if err != nil {
		return nil, fmt.Errorf("not a readable xlsx workbook: %w", err)
	}
	t := &xlsxTable{f: f}
	if t.name, err = pickSheet(f, opt.Sheet, isHeader); err != nil {
		f.Close()
		return nil, err
	}
	if t.rows, err = f.Rows(t.name); err != nil {
		f.Close()
		return nil, err
	}
	if hasDateStyles(f) {
		if t.shown, err = f.Rows(t.name); err != nil {
			t.close()
			return nil, err
		}
		if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
			t.date1904 = *p.Date1904
		}
	}
	return t, nil
}

// pickSheet resolves the sheet option: a name (exact, else ignoring case),
// a 1-based index, or empty for the first sheet whose first rows hold the
// header, else the first sheet that has data (whose header is then
// reported as lacking the id column).
func pickSheet(f *excelize.File, want string, isHeader func([]string) bool) (string, error) {
	sheets := f.GetSheetList()
	if want != "" {
		name, idx := parseSheet(want)
		if idx > 0 {
			if idx > len(sheets) {
				return "", fmt.Errorf("sheet %d does not exist: the workbook has %d sheets (%q)", idx, len(sheets), sheets)
			}
			return sheets[idx-1], nil
		}
		for _, s := range sheets {
			if s == name {
				return s, nil
			}
		}
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(name)) {
				return s, nil
			}
		}
		return "", fmt.Errorf("no sheet named %q (sheets: %q)", name, sheets)
	}
	for _, s := range sheets {
		if hasHeader(f, s, isHeader) {
			return s, nil
		}
	}
	for _, s := range sheets {
		if dim, err := f.GetSheetDimension(s); err == nil && dim != "" && dim != "A1" {
			return s, nil
		}
	}
	if len(sheets) == 0 {
		return "", ErrEmptyFile
	}
	return sheets[0], nil
}

// hasHeader reports whether one of the first rows of a sheet is the
// header.
func hasHeader(f *excelize.File, sheet string, isHeader func([]string) bool) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for i := 0; i < maxTitleRows && rows.Next(); i++ {
		if rec, err := rows.Columns(excelize.Options{RawCellValue: true}); err == nil && isHeader(rec) {
			return true
		}
	}
	return false
}

func (t *xlsxTable) sheet() string { return t.name }

func (t *xlsxTable) close() {
	if t.rows != nil {
		t.rows.Close()
	}
	if t.shown != nil {
		t.shown.Close()
	}
	t.f.Close()
}

func (t *xlsxTable) next() ([]string, int, error) {
	for t.rows.Next() {
		t.row++
		rec, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, t.row, &ParseError{Row: t.row, Err: err}
		}
		if t.shown != nil && t.shown.Next() {
			if shown, err := t.shown.Columns(); err == nil {
				t.dates(rec, shown)
			}
		}
		if len(rec) == 0 {
			continue // rows without values are not records
		}
		return rec, t.row, nil
	}
	if err := t.rows.Error(); err != nil {
		return nil, t.row, err
	}
	return nil, t.row, io.EOF
}

// dates replaces the day numbers of date cells by ISO text.
func (t *xlsxTable) dates(raw, shown []string) {
	for i := range min(len(raw), len(shown)) {
		if raw[i] != shown[i] && raw[i] != "" {
			if iso, ok := dateText(raw[i], shown[i], t.date1904); ok {
				raw[i] = iso
			}
		}
	}
}

// dateText returns the ISO form of an Excel day number when the shown
// text is a rendering of that date or time: its day and year (or hour and
// minute) appear in it as numbers. Numbers shown with a number format
// ("1.234,50", "45 %") never pass.
func dateText(raw, shown string, date1904 bool) (string, bool) {
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil || x < 0 || x >= 2958466 || math.IsNaN(x) {
		return "", false
	}
	tm, err := excelize.ExcelDateToTime(x, date1904)
	if err != nil {
		return "", false
	}
	nums := numbersIn(shown)
	has := func(n int) bool {
		for _, v := range nums {
			if v == n {
				return true
			}
		}
		return false
	}
	timeShown := strings.Contains(shown, ":") && has(tm.Minute()) &&
		(has(tm.Hour()) || has(tm.Hour()%12) || (tm.Hour()%12 == 0 && has(12)))
	if x >= 1 {
		if !has(tm.Day()) || !(has(tm.Year()) || has(tm.Year()%100)) {
			return "", false
		}
		if timeShown {
			return isoTime(tm, "2006-01-02"), true
		}
		return tm.Format("2006-01-02"), true
	}
	if timeShown {
		return isoTime(tm, ""), true
	}
	return "", false
}

func isoTime(tm time.Time, date string) string {
	layout := "15:04"
	if tm.Second() != 0 {
		layout = "15:04:05"
	}
	if date != "" {
		layout = date + " " + layout
	}
	return tm.Format(layout)
}

// numbersIn returns the digit runs of s as numbers.
func numbersIn(s string) []int {
	var out []int
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			n, in = min(n*10+int(c-'0'), 1e9), true
			continue
		}
		if in {
			out = append(out, n)
		}
		n, in = 0, false
	}
	if in {
		out = append(out, n)
	}
	return out
}

// hasDateStyles reports whether any cell style of the workbook has a date
// or time number format.
func hasDateStyles(f *excelize.File) bool {
	for i := 0; i < 1<<16; i++ {
		s, err := f.GetStyle(i)
		if err != nil || s == nil {
			return false
		}
		if isDateNumFmt(s.NumFmt) || (s.CustomNumFmt != nil && isDateFormatCode(*s.CustomNumFmt)) {
			return true
		}
	}
	return false
}

// isDateNumFmt reports whether a built-in number format shows dates or
// times (ECMA-376 18.8.30, with the East Asian and Thai date formats).
func isDateNumFmt(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 || 50 <= id && id <= 58 || 71 <= id && id <= 81
}

// isDateFormatCode reports whether a custom number format shows a date or
// time: it has y, d, h or s outside quoted text, escapes and brackets
// (except elapsed-time brackets such as [h]).
func isDateFormatCode(code string) bool {
	inQuote, inBracket := false, false
	var bracket strings.Builder
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			if c == ']' {
				inBracket = false
				switch strings.ToLower(bracket.String()) {
				case "h", "hh", "m", "mm", "s", "ss":
					return true
				}
				bracket.Reset()
			} else {
				bracket.WriteByte(c)
			}
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		case strings.IndexByte("yYdDhHsS", c) >= 0:
			return true
		}
	}
	return false
}
