package survey

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
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
// format shows them ("3,50", "1.234"), except where the format hides the
// number (see shownValue): when the workbook has date or percent formats,
// a second iterator reads the shown values alongside. Date cells, which
// Excel stores as day numbers, become ISO text ("2024-03-15",
// "2024-03-15 10:30:00"), also when the format shows only part of the
// date ("01. Mai", "May-26", "10:30"); percent cells become the
// percentage shown, at full precision ("25%" for 0.25, "80.5%"). A number
// cell whose stored value reads two ways as text ("1.234") gets a fourth
// decimal of 0 ("1.2340"): it is the decimal, and is read so.
type xlsxTable struct {
	f        *excelize.File
	rows     *excelize.Rows
	shown    *excelize.Rows // nil when no style is a date or percent format
	name     string
	row      int
	date1904 bool
	styles   styleKinds
	formulas map[int][]int // formulasWithoutValue
	// numbers: the number cells whose stored value looks like "1.234"
	// (sheetCells), by row.
	numbers map[int][]int
	// booleans: the TRUE/FALSE cells (sheetCells), by row.
	booleans map[int][]int
	// merges: the sheet's merged ranges (sheetCells).
	merges []mergeRange
	// hidden: the rows Excel does not show (sheetCells).
	hidden []int
}

// newXLSXTable opens a workbook and the sheet to read. isHeader
// recognises the header row, for finding the sheet when none is named.
func newXLSXTable(r io.Reader, opt *Options, isHeader func([]string) bool) (*xlsxTable, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), OpenOptions())
	if err != nil {
		return nil, fmt.Errorf("not a readable xlsx workbook: %w", err)
	}
	t := &xlsxTable{f: f}
	if t.name, err = pickSheet(f, opt.Sheet, isHeader); err != nil {
		f.Close()
		return nil, err
	}
	cells := scanSheet(data, t.name)
	if cells.tooManyMerges {
		f.Close()
		return nil, fmt.Errorf("%w: sheet %s has more than %d merged ranges", ErrLimit, t.name, MaxMergedRanges)
	}
	t.formulas, t.numbers, t.booleans, t.merges, t.hidden = cells.formulas, cells.numbers, cells.booleans, cells.merges, cells.hiddenRows
	if t.rows, err = f.Rows(t.name); err != nil {
		f.Close()
		return nil, err
	}
	if t.styles = workbookStyles(f); t.styles.date || t.styles.percent {
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
// reported as lacking the id column). Unnamed, a visible sheet comes
// before every hidden one: a hidden copy of older answers ("Rohdaten
// alt") before the sheet Excel shows was read in its place.
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
	// Visible sheets first, then hidden ones, each in workbook order.
	byVisibility := make([]string, 0, len(sheets))
	for _, shown := range []bool{true, false} {
		for _, s := range sheets {
			if v, err := f.GetSheetVisible(s); (err != nil || v) == shown {
				byVisibility = append(byVisibility, s)
			}
		}
	}
	for _, s := range byVisibility {
		if hasHeader(f, s, isHeader) {
			return s, nil
		}
	}
	for _, s := range byVisibility {
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

// formulasWithoutValue returns the cells of the sheet holding a formula
// but no value, by row (see sheetCells). It is worked out when
// the workbook is opened and never changes: the reader may ask while the
// rows are read ahead.
func (t *xlsxTable) formulasWithoutValue() map[int][]int { return t.formulas }

// mergedRanges returns the sheet's merged ranges.
func (t *xlsxTable) mergedRanges() []mergeRange { return t.merges }

// hiddenRows returns the rows Excel does not show, ascending.
func (t *xlsxTable) hiddenRows() []int { return t.hidden }

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
		// A boolean cell is TRUE or FALSE, not the 1 or 0 it is
		// stored as: no count, code or share a scale would score.
		for _, f := range t.booleans[t.row] {
			if f < len(rec) {
				rec[f] = boolText(rec[f])
			}
		}
		if t.shown != nil && t.shown.Next() {
			if shown, err := t.shown.Columns(); err == nil {
				t.dates(rec, shown)
			}
		}
		// A number cell stores 1.234 as "1.234", which reads two ways
		// as text (scoring.ThousandsOrDecimal); a fourth decimal of 0
		// keeps the number and makes it read one way under every
		// decimal setting. Dates and percentages are text by now.
		for _, f := range t.numbers[t.row] {
			if f < len(rec) && scoring.ThousandsOrDecimal(rec[f]) {
				rec[f] += "0"
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

// boolText is a boolean cell's stored value as TRUE or FALSE.
func boolText(raw string) string {
	switch raw {
	case "1":
		return "TRUE"
	case "0":
		return "FALSE"
	}
	return raw
}

// cellAsRead returns one cell of a workbook as xlsxTable reads the cells
// of its rows: a boolean as TRUE or FALSE, a number whose format hides it
// as what it shows (a percentage, a date: shownValue), a number such as
// 1.234 with a fourth decimal of 0, everything else raw. styles and
// date1904 are the workbook's (workbookStyles, its properties).
func cellAsRead(f *excelize.File, sheet, cell string, styles styleKinds, date1904 bool) (string, error) {
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil || raw == "" {
		return raw, err
	}
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		return raw, err
	}
	switch typ {
	case excelize.CellTypeBool:
		return boolText(raw), nil
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
	default:
		return raw, nil // text, a formula's text, an error
	}
	if styles.date || styles.percent {
		if shown, err := f.GetCellValue(sheet, cell); err == nil && shown != raw {
			if v, ok := shownValue(raw, shown, date1904, styles); ok {
				return v, nil
			}
		}
	}
	if scoring.ThousandsOrDecimal(raw) {
		raw += "0"
	}
	return raw, nil
}

// dates replaces the numbers of cells whose format hides them by what
// they show (shownValue).
func (t *xlsxTable) dates(raw, shown []string) {
	for i := range min(len(raw), len(shown)) {
		if raw[i] != shown[i] && raw[i] != "" {
			if v, ok := shownValue(raw[i], shown[i], t.date1904, t.styles); ok {
				raw[i] = v
			}
		}
	}
}

// shownValue returns what a number cell means when its format shows
// something else than the stored number: the ISO date of a date cell
// (dateText, partDateText), the percentage of a percent cell ("25%" for
// 0.25: a survey's 0–100 question means 25, and scoring reads "25%" only
// on a scale of 0 to 100). Numbers merely rounded or grouped ("3,50",
// "1,234") keep their stored value.
func shownValue(raw, shown string, date1904 bool, styles styleKinds) (string, bool) {
	if styles.date {
		if iso, ok := dateText(raw, shown, date1904); ok {
			return iso, true
		}
	}
	if styles.percent && strings.HasSuffix(strings.TrimSpace(shown), "%") {
		if p, ok := percentText(raw); ok {
			return p, true
		}
	}
	if styles.date {
		return partDateText(raw, shown, date1904, styles)
	}
	return "", false
}

// percentText writes a stored number as the percentage it is: the
// decimal point moved two places ("0.805" → "80.5%"), so no rounding of a
// multiplication creeps in.
func percentText(raw string) (string, bool) {
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(100*x, 0) || strings.Trim(raw, "0123456789.+-eE") != "" {
		return "", false
	}
	if e := strings.IndexAny(raw, "eE"); e >= 0 {
		exp, err := strconv.Atoi(raw[e+1:])
		if err != nil || exp > 400 || exp < -400 {
			return "", false
		}
		return raw[:e] + "e" + strconv.Itoa(exp+2) + "%", true
	}
	sign, digits := "", raw
	if digits[0] == '-' || digits[0] == '+' {
		sign, digits = digits[:1], digits[1:]
		if sign == "+" {
			sign = ""
		}
	}
	whole, frac, _ := strings.Cut(digits, ".")
	frac += "00"
	whole, frac = whole+frac[:2], frac[2:]
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		whole += "." + frac
	}
	return sign + whole + "%", true
}

// excelDay reads a cell's stored value as an Excel day number and its
// date and time: false for a value that is no day Excel can show (below
// 0, from the year 10000 on, or no number).
func excelDay(raw string, date1904 bool) (float64, time.Time, bool) {
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil || x < 0 || x >= 2958466 || math.IsNaN(x) {
		return 0, time.Time{}, false
	}
	tm, err := excelize.ExcelDateToTime(x, date1904)
	if err != nil {
		return 0, time.Time{}, false
	}
	return x, tm, true
}

// dateText returns the ISO form of an Excel day number when the shown
// text is a rendering of that date or time: its day and year (or hour and
// minute) appear in it as numbers. Numbers shown with a number format
// ("1.234,50", "45 %", and "10.00", whose 10 and 0 are the day and year
// of 1900-01-10) never pass.
func dateText(raw, shown string, date1904 bool) (string, bool) {
	x, tm, ok := excelDay(raw, date1904)
	if !ok || rendersNumber(shown, x) {
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

// partDateText returns the ISO form of an Excel day number shown as part
// of its date or time: German Excel turns a typed "1.5" into 1 May,
// shown "01. Mai" and stored as 46143; "1-May", "May-26", "Mai 26",
// "01.05.", "2026", "10:30", the month's name alone ("mmmm": "Mai") or
// its initial ("mmmmm": "M") and the weekday's name ("dddd": "Freitag",
// "ddd": "Fri") hide the number as well. The shown text must be made of
// that date's parts only — its numbers each a day, month, year, hour,
// minute or second of it — and name its month or weekday, or be no
// rendering of the number itself (a day alone, "1", is a date too: a
// format that hides the number must not leave it to be read). Text with
// no number at all ("vendredi", a weekday in a language not listed here)
// is a date too, unless the workbook has number formats that show a
// text of their own ("ja";"nein"), or it is a boolean cell's TRUE or
// FALSE. A fraction ("2 1/2") is a number, when the workbook has
// fraction formats.
func partDateText(raw, shown string, date1904 bool, styles styleKinds) (string, bool) {
	x, tm, ok := excelDay(raw, date1904)
	if !ok {
		return "", false
	}
	nums := numbersIn(shown)
	if len(nums) > 8 {
		return "", false
	}
	for _, n := range nums {
		switch n {
		case tm.Day(), int(tm.Month()), tm.Year(), tm.Year() % 100, tm.Hour(), tm.Hour() % 12, tm.Minute(), tm.Second():
		default:
			return "", false
		}
	}
	if styles.fraction && strings.Contains(shown, "/") {
		return "", false
	}
	named := namesMonth(shown, tm.Month()) ||
		len(nums) == 0 && (namesWeekday(shown, tm.Weekday()) || monthInitial(shown, tm.Month()) || !styles.literal && wordsOnly(shown))
	if !named && (len(nums) == 0 || rendersNumber(shown, x)) {
		return "", false
	}
	if strings.Contains(shown, ":") && x >= 1 {
		return isoTime(tm, "2006-01-02"), true
	}
	if x < 1 {
		return isoTime(tm, ""), true
	}
	return tm.Format("2006-01-02"), true
}

// monthNames are the months' names as Excel shows them in English and in
// German: a shown word starting with the first three letters of one
// names it ("Mai", "May", "Dez", "März" by "mär").
var monthNames = [12][2]string{{"jan", "jän"}, {"feb", "feb"}, {"mar", "mär"}, {"apr", "apr"}, {"may", "mai"}, {"jun", "jun"},
	{"jul", "jul"}, {"aug", "aug"}, {"sep", "sep"}, {"oct", "okt"}, {"nov", "nov"}, {"dec", "dez"}}

// namesMonth reports whether a word of shown names month m.
func namesMonth(shown string, m time.Month) bool {
	if m < time.January || m > time.December {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(shown), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, name := range monthNames[m-1] {
			if strings.HasPrefix(w, name) {
				return true
			}
		}
	}
	return false
}

// weekdayNames are the weekdays' names in English and German, from
// Sunday: a shown word of two letters or more that starts one names it
// ("Fri", "Fr", "Freitag").
var weekdayNames = [7][]string{{"sunday", "sonntag"}, {"monday", "montag"}, {"tuesday", "dienstag"}, {"wednesday", "mittwoch"},
	{"thursday", "donnerstag"}, {"friday", "freitag"}, {"saturday", "samstag", "sonnabend"}}

// namesWeekday reports whether a word of shown names weekday d.
func namesWeekday(shown string, d time.Weekday) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(shown), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, name := range weekdayNames[d] {
			if len(w) >= 2 && strings.HasPrefix(name, w) {
				return true
			}
		}
	}
	return false
}

// monthInitial reports whether shown is month m's initial alone, as the
// format "mmmmm" shows it (the same in English and German).
func monthInitial(shown string, m time.Month) bool {
	s := strings.ToLower(strings.TrimSpace(shown))
	return len(s) == 1 && m >= time.January && m <= time.December && s[0] == monthNames[m-1][0][0]
}

// wordsOnly reports whether shown is made of words, with no digit, and is
// no boolean cell's TRUE or FALSE.
func wordsOnly(shown string) bool {
	s := strings.TrimSpace(shown)
	if strings.EqualFold(s, "true") || strings.EqualFold(s, "false") || strings.ContainsAny(s, "0123456789") {
		return false
	}
	return strings.ContainsFunc(s, unicode.IsLetter)
}

// rendersNumber reports whether shown is x as a number format writes it:
// the text from its first to its last digit a number with either decimal
// separator ("46,143", "1.234,50", "3.1"), equal to x up to the rounding
// of its decimals; a sign, currency or unit around it does not matter.
func rendersNumber(shown string, x float64) bool {
	first, last := strings.IndexAny(shown, "0123456789"), strings.LastIndexAny(shown, "0123456789")
	if first < 0 {
		return false
	}
	inner := shown[first : last+1]
	if strings.Trim(inner, "0123456789.,' ") != "" {
		return false
	}
	decimals := 0
	if i := strings.LastIndexAny(inner, ".,"); i >= 0 {
		decimals = len(inner) - i - 1
	}
	tol := 0.5*math.Pow(10, -float64(decimals))*1.0001 + 1e-9*math.Abs(x)
	for _, d := range []scoring.Decimal{scoring.DecimalPoint, scoring.DecimalComma} {
		if s, ok := scoring.ParseNumber(inner, d); ok && math.Abs(s-math.Abs(x)) <= tol {
			return true
		}
	}
	return false
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

// styleKinds says which kinds of number formats that hide a cell's
// number the workbook's styles have. literal: a format with a section
// that shows a text of its own instead of the number ("ja";"nein").
type styleKinds struct {
	date, percent, fraction, literal bool
}

// workbookStyles looks at every cell style of the workbook.
func workbookStyles(f *excelize.File) styleKinds {
	var k styleKinds
	for i := 0; i < 1<<16; i++ {
		s, err := f.GetStyle(i)
		if err != nil || s == nil {
			return k
		}
		code := ""
		if s.CustomNumFmt != nil {
			code = *s.CustomNumFmt
		}
		k.date = k.date || isDateNumFmt(s.NumFmt) || code != "" && isDateFormatCode(code)
		k.percent = k.percent || s.NumFmt == 9 || s.NumFmt == 10 || code != "" && formatHas(code, "%")
		k.fraction = k.fraction || s.NumFmt == 12 || s.NumFmt == 13 || code != "" && formatHas(code, "/")
		k.literal = k.literal || code != "" && literalSection(code)
	}
	return k
}

// formatHas reports whether a number format code has sign outside quoted
// text, escapes and brackets.
func formatHas(code, sign string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case strings.HasPrefix(code[i:], sign):
			return true
		}
	}
	return false
}

// literalSection reports whether a number format has a section that
// shows words of its own and no number, date or time: `"ja";"nein"`,
// `0;-0;"keine"`. Such a format turns a number into words, as a date
// format showing only a weekday does. A section showing signs only (the
// accounting format's "-" for zero) shows no words.
func literalSection(code string) bool {
	letter := func(c byte) bool { return c >= utf8.RuneSelf || unicode.IsLetter(rune(c)) }
	inQuote, inBracket, text, shows := false, false, false, false
	for i := 0; i <= len(code); i++ {
		if i == len(code) || !inQuote && !inBracket && code[i] == ';' {
			if text && !shows {
				return true
			}
			text, shows = false, false
			continue
		}
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
			text = text || inQuote && letter(c)
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\':
			text, i = text || i+1 < len(code) && letter(code[i+1]), i+1
		case c == '_' || c == '*':
			i++ // padding
		case strings.IndexByte("0#?@yYmMdDhHsS", c) >= 0, strings.HasPrefix(strings.ToLower(code[i:]), "general"):
			shows = true
		case letter(c):
			text = true
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
// time: it has y, m, d, h or s or a weekday's "aaa" outside quoted text,
// escapes and brackets (except elapsed-time brackets such as [h]). An m
// alone is a month or a minute: a date or time either way ("mmmm" shows
// the month's name).
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
		case strings.IndexByte("yYmMdDhHsS", c) >= 0, strings.HasPrefix(strings.ToLower(code[i:]), "aaa"):
			return true
		}
	}
	return false
}
