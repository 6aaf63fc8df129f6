package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// WriteWorkbook writes reifegrad.xlsx, the analyst's workbook: it holds
// every unit's own results, and its first sheet says so (internal, not for
// publication; see WritePublication for the workbook to publish). Its
// sheets, in order:
//
//   - Übersicht (Overview): headline figures of the latest wave, the level
//     distribution and the mean per dimension of every wave, each with a
//     native Excel chart;
//   - Ergebnisse (Results): one row per unit and wave with attributes,
//     overall score, level, every dimension, coverage and percentiles;
//     frozen header, autofilter, a colour scale on the scores;
//   - Indikatoren (Indicators): one row per unit × indicator × question
//     with the indicator's score and the raw answer, continued on further
//     sheets beyond Excel's row limit;
//   - Gruppen (Groups): n, mean, median and quartiles per peer group;
//   - Datenqualität (Data quality): rejected rows, answers outside their
//     scale, duplicates, units not scored for low coverage, other notes;
//   - Methodik (Methodology): the model as tables and the generated text.
//
// Sheet names and headers follow Options.Language. Scores keep their full
// precision and are shown with one decimal by the cell format. No
// aggregate of a group smaller than Options.MinGroupSize is shown (see
// suppressed); "•" stands in its place. Every text, whatever it contains,
// is written as a text cell: nothing in the workbook is a formula.
func WriteWorkbook(w io.Writer, r *scoring.Results, o Options) error {
	wb, err := newWorkbook(r, o)
	if err != nil {
		return err
	}
	defer wb.close()
	if err := wb.build(); err != nil {
		return err
	}
	return wb.f.Write(w)
}

// Options control the workbook. The zero value writes a German workbook
// that hides every figure of a group smaller than
// scoring.DefaultMinGroupSize.
type Options struct {
	Language scoring.Language
	// MinGroupSize: no aggregate of a group with fewer units is shown.
	// Zero means scoring.DefaultMinGroupSize.
	MinGroupSize int
	// Disclosure, if set, decides which group figures may be shown, so
	// that every output of a run asks the same object; it must have been
	// made for the same Results. Nil means scoring.NewDisclosure(r,
	// MinGroupSize).
	Disclosure *scoring.Disclosure
	// Analysis, if set, adds sheets with the treatment of numbers, the
	// model's validation and the units' robustness.
	Analysis *analyse.Report
	// Roadmaps, if set, are the units' roadmaps: the sheet Fahrplan lists
	// them, a row per unit and step.
	Roadmaps *roadmap.Set
	// Progress, if set, is called while the long tables (Ergebnisse,
	// Indikatoren, Antworten, Fahrplan) are written: the sheet, the rows
	// written and its rows. It is called from the goroutine that writes
	// the workbook.
	Progress func(sheet string, done, total int)
	// Date and DataCutoff date the publication workbook (as the pages);
	// zero leaves them out.
	Date, DataCutoff time.Time
	// DataSource is the source note of data the publication shows besides
	// the answers — a bundled register's districts and populations (the
	// groups' names, the size classes), whose licence asks for it — on
	// its Hinweise sheet; "" for none.
	DataSource string
	// Await, if set, is called before the first sheet that shows the
	// roadmaps or the analysis, and returns them in place of Analysis
	// and Roadmaps: a run works them out while the first sheets, the
	// longest, are written. An error stops the workbook.
	Await func() (*analyse.Report, *roadmap.Set, error)
}

// workbook is the state of writing one reifegrad.xlsx. It is used by one
// goroutine; Results and Model are only read.
type workbook struct {
	f  *excelize.File
	r  *scoring.Results
	m  *scoring.Model
	o  Options
	t  *catalog
	d  scoring.Describer // phrases describing the model
	st styles
	// round decides how many decimals a unit's score shows (scoreValue).
	round scoring.Rounding
	// dis decides which group figures may be shown, by the rule every
	// output follows.
	dis *scoring.Disclosure
	// deflate, if set, takes the rows of the streamed tables (see
	// splice.go); nil writes them through excelize's stream writer.
	deflate *deflater
	// rowLimit is the most rows a sheet may hold: Excel's limit; tests
	// lower it to exercise the continuation sheets.
	rowLimit int
	// analyseT and roadmapT are the texts of the analyses and the roadmap
	// in t's words for the units.
	analyseT *analyseText
	roadmapT *roadmapCatalog
}

func newWorkbook(r *scoring.Results, o Options) (*workbook, error) {
	f := excelize.NewFile()
	dis := o.Disclosure
	if dis == nil {
		dis = scoring.NewDisclosure(r, o.MinGroupSize)
	}
	d, err := newDeflater()
	if err != nil {
		f.Close()
		return nil, err
	}
	f.SetZipWriter(d.splicer)
	wb := &workbook{f: f, r: r, m: r.Model, o: o, t: unitTexts(r, catalogFor(o.Language)), d: scoring.NewDescriber(o.Language), dis: dis,
		rowLimit: excelize.TotalRows, deflate: d, round: scoring.NewRounding(r.Model.Levels)}
	one, many := r.UnitNouns(o.Language)
	rp := nouns.Replacer(o.Language, one, many)
	wb.analyseT, wb.roadmapT = nouns.Rewrite(analyseTexts[o.Language], rp), nouns.Rewrite(roadmapCatalogs[o.Language], rp)
	if err := wb.st.init(f); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Model.Name, Creator: "reifegrad", Language: wb.t.Lang.String()}); err != nil {
		f.Close()
		return nil, err
	}
	return wb, nil
}

// close waits for the rows still being compressed and releases the file.
func (wb *workbook) close() {
	if wb.deflate != nil {
		wb.deflate.wait()
	}
	wb.f.Close()
}

func (wb *workbook) build() error {
	sheets := []struct {
		name  string
		write func() error
		later bool // shows the roadmaps or the analysis (Options.Await)
	}{
		{wb.t.SheetOverview, wb.overview, false},
		{wb.t.SheetResults, wb.results, false},
		{wb.t.SheetIndicators, wb.indicators, false},
		{wb.t.SheetGroups, wb.groups, false},
		{wb.roadmapT.Sheet, wb.roadmapSheet, true},
		{wb.t.SheetQuality, wb.quality, false},
		{wb.t.SheetMethod, wb.methodology, false},
		{"analysis", wb.analysisSheets, true},
	}
	for _, s := range sheets {
		if s.later && wb.o.Await != nil {
			var err error
			if wb.o.Analysis, wb.o.Roadmaps, err = wb.o.Await(); err != nil {
				return err
			}
			wb.o.Await = nil
		}
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if err := wb.st.err; err != nil {
		return fmt.Errorf("cell style: %w", err)
	}
	// The overview, the first sheet, is active as excelize made it.
	// SetActiveSheet would read every sheet back, the streamed ones
	// included: 0.7 s for Germany's Indikatoren.
	return nil
}

// addSheet creates the next sheet; the first one replaces excelize's
// default "Sheet1". Every sheet prints landscape, one page wide, so a
// clerk can print it as it is. The sheet properties must be set before a
// stream writer opens the sheet: it writes them first.
func (wb *workbook) addSheet(name string) error { return addSheetTo(wb.f, name) }

func addSheetTo(f *excelize.File, name string) error {
	if list := f.GetSheetList(); len(list) == 1 && list[0] == "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)})
}

// filter puts an autofilter on a range. excelize's AutoFilter replaces
// the sheet properties, so fit-to-page printing is set again.
func (wb *workbook) filter(sheet, rangeRef string) error {
	if err := wb.f.AutoFilter(sheet, rangeRef, nil); err != nil {
		return err
	}
	return wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)})
}

// styles are the cell styles of the workbook, created once.
type styles struct {
	title, subtitle, section, note, header, wrap, id, score, integer                          int
	percent, share, percentile, suppressed, number, bold, input, answer, noteInput, top, lead int
	warning                                                                                   int
	level                                                                                     []int // by level ordinal; [0] = no level
	indents                                                                                   []int // by depth in the model tree
	// scores are the styles of scores with more decimals than score's
	// one, by number of decimals, made when first needed (scoreIn): a
	// workbook without a score near a threshold has none.
	scores [scoring.MaxDecimals + 1]int
	// percents are the styles of shares in percent with decimals, made
	// when first needed (percentIn), as scores.
	percents [scoring.MaxDecimals + 1]int
	err      error // the first error of scoreIn or percentIn
}

// Colours: the level colours of the HTML reports (light to dark blue,
// ordinal and colour-blind safe), the header fill and the score scale.
var (
	levelFills = []string{"BBBBBB", "C6DBEF", "9ECAE1", "6BAED6", "3182BD", "08519C", "08306B", "041F47"}
	headerFill = "DCE6F1"
	scaleLow   = "FFFFFF"
	scaleHigh  = "6BAED6"
)

func (st *styles) init(f *excelize.File) error {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	custom := func(format string) *string { return &format }
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}})
	st.subtitle = add(&excelize.Style{Font: &excelize.Font{Color: "595959"}})
	st.section = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}})
	st.note = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	st.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.warning = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C2A00"}})
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top,
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	st.wrap = add(&excelize.Style{Alignment: top})
	st.id = add(&excelize.Style{NumFmt: 49}) // "@": text, so 01001000 keeps its zero
	st.score = add(&excelize.Style{CustomNumFmt: custom("0.0")})
	st.integer = add(&excelize.Style{NumFmt: 3}) // #,##0
	// Percentages with a space before the sign ("63 %"), as every other
	// output of reifegrad writes them (DIN 5008); built-in 9 is "0%".
	st.percent = add(&excelize.Style{CustomNumFmt: custom("0 %")})
	st.share = add(&excelize.Style{CustomNumFmt: custom("0.0 %")})
	st.percentile = add(&excelize.Style{NumFmt: 1}) // 0
	st.number = add(&excelize.Style{NumFmt: 0})     // General: 2, 1.5, 0.75
	st.suppressed = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}, Font: &excelize.Font{Color: "595959"}})
	// Input cells of the questionnaire: the id as text, so 01001000 keeps
	// its zero; answers in the General format, so a typed number is a
	// number and passes the number check.
	box := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	open := &excelize.Protection{Locked: false}
	st.input = add(&excelize.Style{NumFmt: 49, Fill: yellow, Border: box, Protection: open, Alignment: top})
	st.answer = add(&excelize.Style{Fill: yellow, Border: box, Protection: open, Alignment: top})
	st.top = add(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	st.lead = add(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Alignment: top})
	st.noteInput = add(&excelize.Style{Protection: &excelize.Protection{Locked: false}, Alignment: top,
		Border: []excelize.Border{{Type: "bottom", Color: "D9D9D9", Style: 1}}})
	for i, c := range levelFills {
		font := &excelize.Font{}
		if i >= 4 {
			font.Color = "FFFFFF" // dark fills need light text
		}
		st.level = append(st.level, add(&excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}}))
	}
	for d := range 6 {
		st.indents = append(st.indents, add(&excelize.Style{Alignment: &excelize.Alignment{Indent: d}, Font: &excelize.Font{Bold: d < 2}}))
	}
	return err
}

// scoreIn returns the style of a score shown with d decimals ("0.00" for
// 2), making it the first time. An error is kept for build to return; the
// cell then has the column's style.
func (st *styles) scoreIn(f *excelize.File, d int) int {
	if st.scores[d] == 0 && st.err == nil {
		format := "0." + strings.Repeat("0", d)
		st.scores[d], st.err = f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	}
	return st.scores[d]
}

// percentIn returns the style of a share in percent with d decimals
// ("0.0 %" for 1), making it when first asked.
func (st *styles) percentIn(f *excelize.File, d int) int {
	if st.percents[d] == 0 && st.err == nil {
		format := "0." + strings.Repeat("0", d) + " %"
		st.percents[d], st.err = f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	}
	return st.percents[d]
}

// shareStyle is the style of a share (0–1) beside a minimum min (0–1)
// that decides something about it — a coverage beside min_coverage, a
// share beside the 90 % a count uses: whole percent (percent), or as many
// decimals as it takes for Excel's display not to reach min when the
// share does not (0.597 beside 0.6 shows "59.7 %", not "60 %").
func (wb *workbook) shareStyle(x, min float64) int {
	if d := scoring.NewRoundingAt(0, 100*min).Decimals(100 * x); d > 0 {
		return wb.st.percentIn(wb.f, d)
	}
	return wb.st.percent
}

// indent is the style of a model node's name at a depth of the tree.
func (st *styles) indent(depth int) int { return st.indents[min(depth, len(st.indents)-1)] }

func (st *styles) levelStyle(ordinal int) int {
	return st.level[min(max(ordinal, 0), len(st.level)-1)]
}

// styledCell is a value with a style. A nil value leaves the cell empty; NaN is
// written as an empty cell too. A Spill cell's text may run across the
// next, empty columns (titles, notes): it does not widen its column.
type styledCell struct {
	V     any
	Style int
	Spill bool
}

// sheetWriter writes a normal (not streamed) worksheet top to bottom and fits
// the column widths to what was written. Like bufio.Writer it keeps the
// first error and does nothing afterwards; Err reports it.
type sheetWriter struct {
	f     *excelize.File
	name  string
	row   int       // the last row written
	width []float64 // widest content per column, in characters
	wrap  int       // the style of wrapping text
	err   error
}

func (wb *workbook) newSheet(name string) (*sheetWriter, error) {
	if err := wb.addSheet(name); err != nil {
		return nil, err
	}
	return &sheetWriter{f: wb.f, name: name, wrap: wb.st.wrap}, nil
}

// line writes the cells of the next row from column A; a cell is a cell
// value or any plain value.
func (s *sheetWriter) line(cells ...any) int {
	s.row++
	for i, c := range cells {
		s.put(s.row, i+1, c)
	}
	return s.row
}

// skip leaves n empty rows.
func (s *sheetWriter) skip(n int) { s.row += n }

// put writes one cell and counts its width.
func (s *sheetWriter) put(row, col int, c any) {
	if s.err != nil {
		return
	}
	cl, ok := c.(styledCell)
	if !ok {
		cl = styledCell{V: c}
	}
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		s.err = err
		return
	}
	if v := cellValue(cl.V); v != nil {
		if s.err = s.f.SetCellValue(s.name, name, v); s.err != nil {
			return
		}
		if !cl.Spill {
			s.measure(col, v, cl.Style == s.wrap)
		}
	}
	if cl.Style != 0 {
		s.err = s.f.SetCellStyle(s.name, name, name, cl.Style)
	}
}

// measure counts a value's width for its column; text that wraps counts
// at most wrapWidth characters, the rest goes on further lines.
func (s *sheetWriter) measure(col int, v any, wraps bool) {
	for len(s.width) < col {
		s.width = append(s.width, 0)
	}
	w := textWidth(v)
	if wraps {
		w = min(w, wrapWidth)
	}
	s.width[col-1] = max(s.width[col-1], w)
}

// wrapWidth is the width at which wrapping text is set.
const wrapWidth = 40

// fit sets every column to the width of its widest content, between 6 and
// maxWidth characters; wider text wraps where the style wraps. Neighbours
// of equal width are set as one range: excelize walks every column set so
// far on each call, so a sheet of 10,000 columns (one per level of a
// model with 10,000 levels) set one by one took minutes.
func (s *sheetWriter) fit(maxWidth float64) {
	width := func(i int) float64 { return min(max(s.width[i]+2, 6), maxWidth) }
	for i := 0; i < len(s.width) && s.err == nil; {
		j := i + 1
		for j < len(s.width) && width(j) == width(i) {
			j++
		}
		first, _ := excelize.ColumnNumberToName(i + 1)
		last, _ := excelize.ColumnNumberToName(j)
		s.err = s.f.SetColWidth(s.name, first, last, width(i))
		i = j
	}
}

// setWidth overrides the width of column col (1-based).
func (s *sheetWriter) setWidth(col int, w float64) {
	if s.err != nil {
		return
	}
	name, _ := excelize.ColumnNumberToName(col)
	s.err = s.f.SetColWidth(s.name, name, name, w)
}

// Err returns the first error.
func (s *sheetWriter) Err() error { return s.err }

// cellValue maps what a table holds to what excelize writes: NaN and
// infinities become empty cells, a number the 15 significant digits a
// spreadsheet keeps of it (see keptDigits), text stays text. A text that
// needs no clipping is handed on in the interface it came in: boxing it
// again cost an allocation per text cell (the Saxony example's Indikatoren
// sheet alone has 330,000).
func cellValue(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		if k := keptDigits(x); k != x {
			return k
		}
	case string:
		if c := clipCell(x); c != x {
			return c
		}
	}
	return v
}

// keptDigits is x rounded to 15 significant digits: the decimal a
// spreadsheet keeps of it, and the one every figure on the pages is
// rounded from (scoring.Round). excelize writes at most 15 digits too, but
// cuts the rest off: 62.449999999999996 (a dimension's weighted mean,
// 62.45 in decimal) became 62.4499999999999, which Excel shows as 62.4
// while the profile showed 62,5. Rounded here, the cell holds 62.45 and
// shows 62.5, as the page does. Whole numbers below 10^15 are kept as
// they are, without formatting.
func keptDigits(x float64) float64 {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return x
	}
	var buf [32]byte
	k, err := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], x, 'e', 14, 64)), 64)
	if err != nil {
		return x
	}
	return k
}

// maxCellChars is the most characters a cell holds (Excel's limit).
// excelize cuts a longer text without a word; model texts are refused
// longer (scoring.MaxTextChars), data texts too (survey.MaxCellChars),
// generated texts are split over rows (splitText), so only a message
// quoting a long answer can reach it.
const maxCellChars = 32767

// clipCell cuts a text beyond maxCellChars and says how much is left
// out, so the cut is visible: "…[+1234]".
func clipCell(s string) string {
	if len(s) <= maxCellChars || utf8.RuneCountInString(s) <= maxCellChars {
		return s
	}
	r := []rune(s)
	keep := maxCellChars - 16
	return string(r[:keep]) + fmt.Sprintf("…[+%d]", len(r)-keep)
}

// splitText splits a text into pieces of fewer than max characters, at
// line breaks or spaces where it can (else of max), for texts that take
// several cells.
func splitText(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) >= max {
		r := []rune(s)
		cut := max
		for i := max - 1; i > max/2; i-- {
			if r[i] == '\n' || r[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, string(r[:cut]))
		s = strings.TrimLeft(string(r[cut:]), " \n")
	}
	return append(out, s)
}

// textWidth estimates how many characters wide a value shows.
func textWidth(v any) float64 {
	switch x := v.(type) {
	case string:
		w := 0
		for line := range strings.SplitSeq(x, "\n") {
			w = max(w, utf8.RuneCountInString(line))
		}
		return float64(w) * 1.1
	case float64:
		if math.Abs(x) >= 1e5 {
			return 10
		}
		return 6
	case int:
		return float64(len(fmt.Sprint(x))) * 1.35 // with thousands separators
	}
	return 8
}

// headerHeight returns the height in points of a header row whose texts
// wrap within the given column widths.
func headerHeight(headers []string, widths []float64) float64 {
	lines := 1
	for i, h := range headers {
		w := 10.0
		if i < len(widths) {
			w = widths[i]
		}
		n := int(math.Ceil(float64(utf8.RuneCountInString(h)) * 1.1 / max(w-1, 1)))
		lines = max(lines, n)
	}
	return rowHeight(min(lines, 4), 0)
}

// maxRowHeight is Excel's limit on the height of a row, in points:
// excelize refuses a higher one, and with it the whole workbook.
const maxRowHeight = 409

// rowHeight is the height of a row of text lines, 15 points each plus pad,
// at most maxRowHeight: a longer text wraps within the row, and Excel
// shows it whole in the cell's editor and the formula bar.
func rowHeight(lines int, pad float64) float64 {
	return min(15*float64(max(lines, 1))+pad, maxRowHeight)
}

// rangeRef is an absolute reference to a range of a sheet, quoted so any sheet
// name is safe: 'Übersicht'!$B$5:$B$9.
func rangeRef(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	b, _ := excelize.CoordinatesToCellName(col2, row2, true)
	q := quoteSheet(sheet) + "!"
	if a == b {
		return q + a
	}
	return q + a + ":" + b
}

// quoteSheet quotes a sheet name for a reference, doubling any apostrophe
// in it as Excel does.
func quoteSheet(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// cellName is a relative cell reference such as "B7".
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// area is a relative range such as "A1:K20".
func area(col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1)
	b, _ := excelize.CoordinatesToCellName(col2, row2)
	return a + ":" + b
}

// stat returns a statistic of a group for a cell: the number, or "•" when
// suppressed (see disclosure): the group, or the number of its units with
// the node scored, is smaller than the minimum, or the group is hidden so
// that a smaller one cannot be computed by difference.
func (wb *workbook) stat(g *scoring.GroupStats, node int, pick func(scoring.Stats) float64) styledCell {
	if wb.dis.Node(g, node) != scoring.Published {
		return styledCell{V: wb.t.Suppressed, Style: wb.st.suppressed}
	}
	return styledCell{V: pick(g.Nodes[node]), Style: wb.st.score}
}

// suppressedNote is the legend of "•" as scoring.Disclosure decides it:
// groups of fewer than min_group_size units, or under min_group_size 1,
// which hides no figure that exists, figures no unit of the group has.
// With quartiles, for a sheet that shows them, it says too that
// quartiles of fewer than 5 scores are hidden where smaller groups are
// shown (scoring.FewScores).
func (wb *workbook) suppressedNote(quartiles bool) string {
	t := wb.t
	note := fmt.Sprintf(t.SuppressedNote, wb.dis.MinGroup())
	if !wb.dis.HidesSmallGroups() {
		note = t.NoFigureNote
	}
	if quartiles && wb.dis.QuartilesApart() {
		note += " " + fmt.Sprintf(t.QuartilesNoteF, scoring.MinQuartileScores)
	}
	return note
}

// quartile is stat for a quartile, which needs more scores than the
// group's other figures (scoring.Disclosure.Quartiles).
func (wb *workbook) quartile(g *scoring.GroupStats, node int, pick func(scoring.Stats) float64) styledCell {
	if wb.dis.Quartiles(g, node) != scoring.Published {
		return styledCell{V: wb.t.Suppressed, Style: wb.st.suppressed}
	}
	return styledCell{V: pick(g.Nodes[node]), Style: wb.st.score}
}

// waveGroup returns the statistics of all units of wave i.
func (wb *workbook) waveGroup(i int) *scoring.GroupStats {
	return wb.r.Group(wb.r.Waves[i].ID, -1, "")
}

// levelName is the level's name for a cell, or "not scored".
func (wb *workbook) levelName(ordinal int) string {
	if ordinal == 0 {
		return wb.t.NotScored
	}
	return wb.m.Levels.ByOrdinal(ordinal).String()
}
