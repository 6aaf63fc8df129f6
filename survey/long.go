package survey

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// Layout is how a file lays out its answers.
type Layout uint8

const (
	// LayoutWide: a row per unit (and wave), a column per question. The
	// zero value.
	LayoutWide Layout = iota
	// LayoutLong ("tidy"): a row per unit, question and answer, with a
	// column naming the question and one holding the answer; a
	// multi-select question has a row per ticked item (or an item column
	// name, "Q3[SQ001]", with a tick).
	LayoutLong
)

func (l Layout) String() string {
	if l == LayoutLong {
		return "long"
	}
	return "wide"
}

// ParseLayout turns a config word into a Layout.
func ParseLayout(s string) (Layout, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "wide":
		return LayoutWide, nil
	case "long", "tidy":
		return LayoutLong, nil
	}
	return 0, fmt.Errorf("unknown layout %q (want wide or long)", s)
}

// The headers of the long layout's question and answer columns.
var (
	questionColumnNames = []string{"question", "frage", "item", "variable", "code", "question_id", "frage_id", "fragecode", "question code"}
	answerColumnNames   = []string{"answer", "antwort", "value", "wert", "response"}
)

// nearestOf returns the one of names a header comes closest to, for "did
// you mean".
func nearestOf(names, hdr []string) string {
	best, bestD := names[0], 1<<30
	for _, n := range names {
		if _, d := closestD(n, hdr); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// longUnit gathers the rows of one unit in one wave.
type longUnit struct {
	first   []string // the unit's first row, for its id, name and attributes
	row     int      // its row
	answers map[int][]string
	rows    map[int]int // question → the row of its (first) answer
	items   map[int]map[int]bool
}

// readLong reads a file in the long layout: it gathers each unit's rows
// into one record of the wide layout and reads those as any export, so
// that ids, the register, waves, duplicates and every check apply alike;
// the places in messages are then put back to the rows and the answer
// column they came from. A row that cannot belong to a response (an
// unknown question, a second answer to the same question) is rejected.
func readLong(src table, hm *headerMatcher, file string) (*scoring.Dataset, error) {
	t := prefetch(src)
	defer t.close()
	hdr, hdrRow, above, err := findHeader(t, hm)
	if err != nil {
		if hdrRow > 0 {
			return nil, withPlace(err, file, t.sheet(), hdrRow)
		}
		return nil, withFile(err, file, t.sheet())
	}
	p, err := hm.mapHeader(hdr)
	if err != nil {
		return nil, withPlace(err, file, t.sheet(), hdrRow)
	}
	qcol, acol := -1, -1
	for f, h := range hdr {
		nh := normHeader(h)
		switch {
		case p.cols[f].Role != scoring.ColumnUnused:
		case qcol < 0 && slices.Contains(questionColumnNames, nh):
			qcol = f
		case acol < 0 && slices.Contains(answerColumnNames, nh):
			acol = f
		}
	}
	var errs []error
	if qcol < 0 {
		errs = append(errs, missing(`question column ("question", "frage", "item", "variable" or "code") for survey.layout: long`, nearestOf(questionColumnNames, hdr), hdr))
	}
	if acol < 0 {
		errs = append(errs, missing(`answer column ("answer", "antwort", "value" or "wert") for survey.layout: long`, nearestOf(answerColumnNames, hdr), hdr))
	}
	if len(errs) == 0 {
		errs = mixedLayout(hdr, p, qcol, acol)
	}
	if len(errs) > 0 {
		return nil, withPlace(errors.Join(errs...), file, t.sheet(), hdrRow)
	}
	answered := func(rec []string) bool {
		code := strings.TrimSpace(field(rec, qcol))
		qs := hm.idx.lookup(code, normHeader(code))
		if len(qs) != 1 || hm.m.Questions[qs[0]].Scale == nil {
			return false
		}
		st := hm.m.Questions[qs[0]].Scale.Parse(field(rec, acol)).Status
		return st != scoring.Invalid && st != scoring.Blank
	}
	if err := hm.dataAbove(p, above, hdrRow, answered); err != nil {
		return nil, withFile(err, file, t.sheet())
	}
	l := &longReader{hm: hm, file: file, sheet: t.sheet(), p: p, qcol: qcol, acol: acol, units: map[[2]string]*longUnit{}, codes: map[int]string{}}
	for {
		rec, row, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && pe.Row > 0 && len(l.rejects) < maxBadRows {
				l.reject(pe.Row, pe.Column, "", "malformed CSV: "+pe.Err.Error(), scoring.CauseMalformedRow)
				continue
			}
			return nil, withFile(err, file, t.sheet())
		}
		l.row(rec, row)
	}
	ds, err := l.wide(hdr)
	if err != nil {
		return nil, err
	}
	l.describe(ds, hdr, hdrRow)
	return ds, nil
}

// mixedLayout refuses a long file whose header also names a question's
// own column, as a wide file would: its cell of a unit's first row would
// otherwise be read as an answer beside the answers of the rows, or over
// them, and which one counts is not clear.
func mixedLayout(hdr []string, p *plan, qcol, acol int) []error {
	var errs []error
	for f, c := range p.cols {
		if c.Role != scoring.ColumnQuestion && c.Role != scoring.ColumnItem {
			continue
		}
		errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("%w: column %q is question %s's own column, as in a wide file, but with survey.layout: long every answer is a row, its question in column %d and the answer in column %d: leave the column out or read the file with survey.layout: wide",
			ErrMixedLayout, clip(hdr[f], 80), c.Question, qcol+1, acol+1)})
	}
	return errs
}

type longReader struct {
	hm          *headerMatcher
	file, sheet string
	p           *plan
	qcol, acol  int
	order       [][2]string // units in the order they first appear
	units       map[[2]string]*longUnit
	codes       map[int]string // question → its code as the file writes it
	unknown     []string       // codes naming no question, for "did you mean"
	rejects     []scoring.Reject
}

func (l *longReader) reject(row, col int, unit scoring.UnitID, reason string, cause scoring.Cause, args ...string) {
	l.rejects = append(l.rejects, scoring.Reject{File: l.file, Sheet: l.sheet, Row: row, Column: col,
		Wave: l.hm.opt.Wave.ID, Unit: unit, Reason: reason, Cause: cause, Args: args})
}

// row files one row under its unit.
func (l *longReader) row(rec []string, row int) {
	p, hm, m := l.p, l.hm, l.hm.m
	if allBlank(rec) {
		l.reject(row, 0, "", "empty row", scoring.CauseEmptyRow)
		return
	}
	key := [2]string{strings.TrimSpace(field(rec, p.wave)), strings.TrimSpace(field(rec, p.id))}
	if p.byName {
		key[1] = strings.TrimSpace(field(rec, p.name))
	}
	unit := scoring.UnitID(key[1])
	code := strings.TrimSpace(field(rec, l.qcol))
	answer := field(rec, l.acol)
	q, item := -1, -1
	if qs := hm.idx.lookup(code, normHeader(code)); len(qs) == 1 {
		q = qs[0]
	} else if len(qs) > 1 {
		l.reject(row, l.qcol+1, unit, fmt.Sprintf("%v: %q names more than one question", ErrAmbiguousHeader, code), scoring.CauseAmbiguousQuestion, code)
		return
	} else if iq, it, ok, _ := hm.itemColumn(code, p.platform); ok && !it.other {
		q, item = iq, it.item
	}
	if q < 0 {
		if code != "" && !slices.Contains(l.unknown, code) {
			l.unknown = append(l.unknown, code)
		}
		l.reject(row, l.qcol+1, unit, fmt.Sprintf("question %q is not in the model", code), scoring.CauseUnknownQuestion, code)
		return
	}
	u := l.units[key]
	if u == nil {
		u = &longUnit{first: rec, row: row, answers: map[int][]string{}, rows: map[int]int{}, items: map[int]map[int]bool{}}
		l.units[key] = u
		l.order = append(l.order, key)
	}
	if _, ok := l.codes[q]; !ok {
		l.codes[q] = code
	}
	qq := m.Questions[q]
	multi := qq.Scale != nil && qq.Scale.Kind == scoring.ScaleMulti
	if item >= 0 {
		// An item column's name with a tick: "O03[ePayBL]", 1.
		switch tickOf(PlatformGeneric, answer, qq.Scale.Items[item].Code, qq.Scale.Items[item].Label, false) {
		case tickOn:
			if u.items[q] == nil {
				u.items[q] = map[int]bool{}
			}
			u.items[q][item] = true
		case tickOff:
			if u.items[q] == nil {
				u.items[q] = map[int]bool{}
			}
		case tickInvalid:
			u.answers[q] = append(u.answers[q], answer) // for the engine to report
		}
		if _, ok := u.rows[q]; !ok {
			u.rows[q] = row
		}
		return
	}
	if prev, ok := u.rows[q]; ok && !multi {
		l.reject(row, l.acol+1, unit, fmt.Sprintf("unit %s answers question %s twice in this file (rows %d and %d): which answer counts is not clear", key[1], qq.ID, prev, row),
			scoring.CauseAnsweredTwice, key[1], string(qq.ID), strconv.Itoa(prev), strconv.Itoa(row))
		return
	}
	if _, ok := u.rows[q]; !ok {
		u.rows[q] = row
	}
	if multi && strings.TrimSpace(answer) == "" {
		return // a row for the question without an item
	}
	u.answers[q] = append(u.answers[q], answer)
}

// wide reads the gathered units as a table of the wide layout.
func (l *longReader) wide(hdr []string) (*scoring.Dataset, error) {
	m := l.hm.m
	var unitCols []int
	for f := range hdr {
		if f != l.qcol && f != l.acol && l.p.cols[f].Role != scoring.ColumnUnused {
			unitCols = append(unitCols, f)
		}
	}
	qs := make([]int, 0, len(l.codes))
	for q := range l.codes {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	whdr := make([]string, 0, len(unitCols)+len(qs)+len(l.unknown))
	for _, f := range unitCols {
		whdr = append(whdr, hdr[f])
	}
	for _, q := range qs {
		whdr = append(whdr, l.codes[q])
	}
	// Codes that name no question stay as unused columns, so that a
	// question without rows is told which of them it may be.
	whdr = append(whdr, l.unknown...)
	recs := [][]string{whdr}
	rows := []int{1}
	for _, key := range l.order {
		u := l.units[key]
		rec := make([]string, len(whdr))
		for i, f := range unitCols {
			rec[i] = field(u.first, f)
		}
		for i, q := range qs {
			rec[len(unitCols)+i] = l.answer(u, q)
		}
		recs, rows = append(recs, rec), append(rows, u.row)
	}
	t := &qTable{sheetName: l.sheet, recs: recs, rows: rows}
	ds, err := readTable(t, l.hm, l.file)
	if err != nil {
		return nil, err
	}
	ds.Rejects = append(ds.Rejects, l.rejects...)
	// Each response's answers come from rows of their own.
	byRow := map[int]*longUnit{}
	for _, u := range l.units {
		byRow[u.row] = u
	}
	byUnit := map[unitKey]*longUnit{}
	nq := len(m.Questions)
	for i := range ds.Responses {
		r := &ds.Responses[i]
		u := byRow[r.Row]
		if u == nil {
			continue
		}
		byUnit[unitKey{r.Wave, r.Unit.ID}] = u
		src := &scoring.Source{File: l.file, Sheet: l.sheet, Columns: make([]int, nq), Rows: make([]int, nq)}
		for q, row := range u.rows {
			src.Columns[q], src.Rows[q] = l.acol+1, row
		}
		r.Source = src
	}
	for i := range ds.Rejects[:len(ds.Rejects)-len(l.rejects)] {
		if j := &ds.Rejects[i]; j.Column > 0 && j.Column <= len(unitCols) {
			j.Column = unitCols[j.Column-1] + 1
		} else {
			j.Column = 0
		}
	}
	for i := range ds.Issues {
		is := &ds.Issues[i]
		u := byUnit[unitKey{is.Wave, is.Unit}]
		switch {
		case is.Kind == scoring.IssueMissingQuestion:
			is.Place = scoring.Pos(l.file, l.sheet, 0, 0)
			// The codes that name no question are named as such, not by
			// a column of the gathered table.
			for k, code := range l.unknown {
				col := len(unitCols) + len(qs) + k + 1
				is.Message = strings.ReplaceAll(is.Message, fmt.Sprintf("%q (column %d)", clip(code, 80), col), fmt.Sprintf("%q (rows of question column %d)", clip(code, 80), l.qcol+1))
			}
		case u != nil && is.Question != "":
			if q := m.Question(is.Question); q != nil && u.rows[q.Index] > 0 {
				is.Place = scoring.Pos(l.file, l.sheet, u.rows[q.Index], l.acol+1)
			}
		case u != nil:
			is.Place = scoring.Pos(l.file, l.sheet, u.row, 0)
		}
	}
	return ds, nil
}

// answer is a unit's answer to question q as one cell: a multi-select
// question's items joined by the scale's separator.
func (l *longReader) answer(u *longUnit, q int) string {
	sc := l.hm.m.Questions[q].Scale
	if sc == nil || sc.Kind != scoring.ScaleMulti {
		if a := u.answers[q]; len(a) > 0 {
			return a[0]
		}
		return ""
	}
	sep := sc.Separator
	if sep == "" {
		sep = ";"
	}
	var parts []string
	for i, it := range sc.Items {
		if u.items[q][i] {
			parts = append(parts, it.Code)
		}
	}
	parts = append(parts, u.answers[q]...)
	if len(parts) == 0 && u.items[q] != nil {
		return sep // items seen, none ticked
	}
	return strings.Join(parts, sep)
}

// describe makes the dataset's input say what the long file holds.
func (l *longReader) describe(ds *scoring.Dataset, hdr []string, hdrRow int) {
	if len(ds.Inputs) == 0 {
		return
	}
	in := &ds.Inputs[len(ds.Inputs)-1]
	in.Long, in.HeaderRow, in.HeaderRows = true, hdrRow, 1
	in.FormatReason += "; survey.layout: long"
	in.FormatSaid = append(slices.Clip(in.FormatSaid), scoring.Said{Cause: scoring.CauseFormatLong})
	cols := make([]scoring.InputColumn, len(hdr))
	for f, h := range hdr {
		cols[f] = l.p.cols[f]
		cols[f].Header = h
	}
	what := strconv.Itoa(len(l.codes)) + " questions"
	if len(l.codes) == 1 {
		what = "1 question"
	}
	cols[l.qcol].Role, cols[l.qcol].Attribute = scoring.ColumnQuestionCode, what
	cols[l.acol].Role = scoring.ColumnAnswer
	// The gathered table settled "1.234" and "1,234" by each question's
	// answers (decimalColumns): the answer column says how many, with
	// the separator when every question read the same one.
	a := &cols[l.acol]
	for _, c := range in.Columns {
		if c.Thousands == 0 {
			continue
		}
		if a.Thousands == 0 {
			a.ThousandsSeparator = c.ThousandsSeparator
		} else if a.ThousandsSeparator != c.ThousandsSeparator {
			a.ThousandsSeparator = ""
		}
		a.Thousands += c.Thousands
	}
	in.Columns = cols
}
