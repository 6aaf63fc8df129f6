package survey

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// maxBadRows bounds how many malformed records a file may have before
// reading stops with an error: a file that is mostly broken is not a survey
// export with a few bad rows.
const maxBadRows = 100

// maxTitleRows bounds how far down the header row is looked for: exports
// often put a title, a date or notes above it.
const maxTitleRows = 30

// reader turns the records of one table into a Dataset.
type reader struct {
	file, sheet string
	m           *scoring.Model
	opt         *Options
	p           *plan
	hm          *headerMatcher
	hdr         []string // each column's header, as shown
	hdrRows     int
	src         *scoring.Source
	ds          *scoring.Dataset
	meta        []rowMeta // parallel to ds.Responses
	seen        map[unitKey]int
	waves       map[scoring.WaveID]bool
	badRows     int
	// book holds the distinct answers of the file's responses; out is
	// the answers of the record being read, before they go into the book.
	// fill, when set, fills the answers that are a run of the record into
	// the book on a goroutine of its own (answerFiller).
	book *scoring.AnswerBook
	out  []string
	fill *answerFiller
	// answerField, when set, marks the fields that hold answers, and
	// says that the table reuses the text of records (reuseRecords), so
	// every string the reader keeps must be its own: the answers go into
	// the book, which copies them; the other fields (id, name, wave,
	// time, …) are copied before row reads them (own), and findings copy
	// what they keep (reject, issue).
	answerField []bool
	// span is the field of the first question when the questions' fields
	// are one run in model order, as in a generic export; -1 otherwise.
	span int
	// size is the input's size in bytes while the reader still has to
	// make room for its rows (reserve), else 0; bytes is the length of
	// the records read until then.
	size, bytes int64
	// clean reports whether the records read so far cannot hold a NUL
	// byte or text that is not UTF-8 (see textScan); nil: they may.
	clean func() bool
	// dec settles numbers such as "1.234" from their column (nil: no
	// question has a numeric scale with decimal: auto).
	dec *decimalColumns
	// formulas holds a workbook's cells with a formula and no value, by
	// row: 0-based fields (nil: none).
	formulas map[int][]int
	// merged finds a workbook's answer cells inside merged ranges (nil:
	// none), fieldQuestion the question of each answer field.
	merged        *mergedAnswers
	fieldQuestion map[int]int
	// hidden lists a workbook's rows Excel does not show (ascending),
	// hiddenRead those of them read as records.
	hidden, hiddenRead []int
	// ars counts the ids read as AGS from a Regionalschlüssel, arsRow is
	// the first row of one (arsNote).
	ars, arsRow int
}

type unitKey struct {
	wave scoring.WaveID
	unit scoring.UnitID
}

// rowMeta is what the incomplete policy and reject_all need to know about
// a response (the duplicate policy reads the Response: Incomplete, and
// Received, the time cell as read — parsed only for a duplicate, so rows
// are not made to pay for time.Parse).
type rowMeta struct {
	complete bool
	dead     bool // rejected after all (reject_all)
}

func readTable(src table, hm *headerMatcher, file string) (*scoring.Dataset, error) {
	m, opt := hm.m, hm.opt
	t := prefetch(src)
	defer t.close()
	hdr, hdrRow, above, err := findHeader(t, hm)
	if err != nil {
		if hdrRow > 0 {
			return nil, withPlace(err, file, t.sheet(), hdrRow)
		}
		return nil, withFile(err, file, t.sheet())
	}
	if len(hdr) > MaxColumns {
		return nil, withPlace(fmt.Errorf("%w: the header has %d columns, at most %d are allowed (as in Excel)", ErrLimit, len(hdr), MaxColumns), file, t.sheet(), hdrRow)
	}
	pt := &pushback{table: t}
	h := hm.headerRows(pt, hdr, hdrRow)
	p, err := hm.mapHeaderRows(h)
	if err != nil {
		return nil, withPlace(err, file, t.sheet(), hdrRow)
	}
	if err := hm.dataAbove(p, above, hdrRow, nil); err != nil {
		return nil, withFile(err, file, t.sheet())
	}
	shown := make([]string, len(h.cells))
	for f := range shown {
		shown[f] = h.shownOf(f)
	}
	r := &reader{file: file, sheet: t.sheet(), m: m, opt: opt, p: p, hm: hm, hdr: shown, hdrRows: h.rows,
		src:  &scoring.Source{File: file, Sheet: t.sheet(), Columns: p.columns, Questionnaire: m},
		ds:   &scoring.Dataset{Duplicates: scoring.DuplicatePolicy(opt.Duplicates)},
		seen: map[unitKey]int{}, waves: map[scoring.WaveID]bool{}, span: p.span()}
	if c, ok := src.(interface{ clean() bool }); ok {
		r.clean = c.clean
	}
	if s, ok := src.(interface{ inputSize() int64 }); ok {
		r.size = s.inputSize()
	}
	r.dec = newDecimalColumns(m, p, hm.pointNumbers)
	if ft, ok := src.(interface{ formulasWithoutValue() map[int][]int }); ok {
		if r.formulas = ft.formulasWithoutValue(); r.formulas != nil {
			r.fieldQuestion = p.answerFields()
		}
	}
	if ht, ok := src.(interface{ hiddenRows() []int }); ok {
		r.hidden = ht.hiddenRows()
	}
	if mt, ok := src.(interface{ mergedRanges() []mergeRange }); ok && len(mt.mergedRanges()) > 0 {
		if r.fieldQuestion == nil {
			r.fieldQuestion = p.answerFields()
		}
		if r.merged, err = newMergedAnswers(mt.mergedRanges(), slices.Collect(maps.Keys(r.fieldQuestion)), h.row+h.rows-1); err != nil {
			return nil, withFile(err, file, t.sheet())
		}
	}
	if rt, ok := src.(interface{ reuseRecords() }); ok {
		// row keeps no record and no string of one (copied), but for
		// the answers the filler still has to fill, which it holds.
		r.answerField = make([]bool, p.width)
		for f := range p.answerFields() {
			if f < len(r.answerField) {
				r.answerField[f] = true
			}
		}
		ht, ok := src.(interface{ holdRecords(recordHolder) bool })
		if ok && r.span >= 0 {
			r.book = scoring.NewAnswerBook(len(p.direct))
			r.fill = newAnswerFiller(r.book, r.dec)
			defer r.closeFill()
			if !ht.holdRecords(r.fill) {
				r.closeFill()
			}
		}
		if r.fill == nil {
			rt.reuseRecords()
		}
	}
	for records := 0; ; records++ {
		rec, row, err := pt.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if records == 0 && err == nil {
			if why := r.headerLike(rec); why != "" {
				return nil, withPlace(refuseHeaderLike(row, why), file, t.sheet(), row)
			}
		}
		if records == MaxRows {
			return nil, withPlace(fmt.Errorf("%w: more than %d rows below the header", ErrLimit, MaxRows), file, t.sheet(), row)
		}
		if err != nil {
			if r.malformed(err) {
				continue
			}
			return nil, withFile(err, file, t.sheet())
		}
		if _, hidden := slices.BinarySearch(r.hidden, row); hidden {
			r.hiddenRead = append(r.hiddenRead, row)
		}
		r.own(rec)
		if r.size > 0 {
			r.reserve(rec, records)
		}
		r.row(rec, row)
	}
	r.closeFill()
	r.hiddenNote()
	r.arsNote()
	r.finish()
	r.describe(hdrRow)
	if e, ok := src.(interface{ encoding() (string, encodingWhy) }); ok && len(r.ds.Inputs) > 0 {
		in := &r.ds.Inputs[len(r.ds.Inputs)-1]
		var why encodingWhy
		in.Encoding, why = e.encoding()
		in.EncodingReason, in.EncodingCause, in.EncodingArgs = why.text, why.cause, why.args
	}
	return r.ds, nil
}

// describe adds the column map of the file to the dataset, and a finding
// per question without a column and wave: fatal, unless the model says
// the question is optional.
func (r *reader) describe(hdrRow int) {
	p, ds := r.p, r.ds
	in := scoring.InputFile{File: r.file, Sheet: r.sheet, HeaderRow: hdrRow, HeaderRows: r.hdrRows,
		Format: p.platform.String(), FormatReason: p.reason.text, FormatSaid: p.reason.said, Columns: p.cols}
	if r.dec != nil && r.dec.Thousands != nil {
		in.Columns = slices.Clone(in.Columns)
		for q, n := range r.dec.Thousands {
			for i, c := range in.Columns {
				if c.Role == scoring.ColumnQuestion && c.Column == p.columns[q] {
					in.Columns[i].Thousands, in.Columns[i].ThousandsSeparator = n, r.dec.ThousandsSeparator[q]
				}
			}
		}
	}
	var waves []scoring.WaveID
	for _, w := range ds.Waves {
		waves = append(waves, w.ID)
	}
	if len(waves) == 0 {
		waves = []scoring.WaveID{r.opt.Wave.ID}
	}
	for _, mq := range p.missing {
		q := r.m.Questions[mq.q]
		in.Missing = append(in.Missing, q.ID)
		for _, w := range waves {
			ds.Issues = append(ds.Issues, scoring.Issue{Kind: scoring.IssueMissingQuestion, Place: scoring.Pos(r.file, r.sheet, hdrRow, 0),
				Wave: w, Question: q.ID, Fatal: !q.Optional, Message: missingMessage(q, w, len(waves) > 1 || w != "", didYouMean(r.hdr, mq.near)),
				Cause: missingCause(q, mq.near), Args: missingArgs(q, w, r.hdr, mq.near)})
		}
	}
	ds.Inputs = append(ds.Inputs, in)
}

// missingMessage says that question q has no column, and what to do.
// missingCause is missingMessage's sentence for the reports.
func missingCause(q *scoring.Question, near []suggestion) scoring.Cause {
	switch {
	case q.Optional && len(near) > 0:
		return scoring.CauseMissingOptionalNear
	case q.Optional:
		return scoring.CauseMissingOptional
	case len(near) > 0:
		return scoring.CauseMissingQuestionNear
	}
	return scoring.CauseMissingQuestion
}

// missingArgs are missingCause's values: the question, the wave and the
// columns most like it, by number and heading.
func missingArgs(q *scoring.Question, w scoring.WaveID, hdr []string, near []suggestion) []string {
	args := []string{string(q.ID), string(w)}
	if len(near) > 0 {
		cols := make([]string, len(near))
		for i, x := range near {
			cols[i] = fmt.Sprintf("%d %q", x.field+1, clip(hdr[x.field], 80))
		}
		args = append(args, strings.Join(cols, " / "))
	}
	return args
}

func missingMessage(q *scoring.Question, wave scoring.WaveID, sayWave bool, near string) string {
	where := "this input"
	if sayWave {
		where = fmt.Sprintf("the input of wave %s", wave)
	}
	text := ""
	if q.Text != "" && q.Text != string(q.ID) {
		text = fmt.Sprintf(" (%q)", clip(q.Text, 60))
	}
	if q.Optional {
		return fmt.Sprintf("optional question %s%s has no column in %s%s; its answers count as not given in every row", q.ID, text, where, near)
	}
	return fmt.Sprintf("%v: question %s%s has no column in %s%s", ErrMissingColumn, q.ID, text, where, near)
}

// findHeader returns the first record that names the id column (or the
// name column), skipping title rows above it, and the rows it skipped that
// are not blank (see dataAbove). If none does, the error names what is
// missing, judged against the first non-empty record.
func findHeader(t table, hm *headerMatcher) ([]string, int, []titleRow, error) {
	var above []titleRow
	for i := 0; i < maxTitleRows; i++ {
		rec, row, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, row, nil, err
		}
		if hm.looksLikeHeader(rec) {
			return slices.Clone(rec), row, above, nil
		}
		if !allBlank(rec) {
			above = append(above, titleRow{slices.Clone(rec), row}) // the table reuses rec
		}
	}
	if above == nil {
		return nil, 0, nil, ErrEmptyFile
	}
	// A header further down is no header under title rows but a table
	// sorted with its header row inside the range: say where it is.
	// Only a file about to be refused is read on.
	if row, ok := headerBelow(t, hm); ok {
		return nil, row, nil, fmt.Errorf("%w: row %d is the header row, below %d rows, and title rows above a header may fill at most %d; "+
			"rows above it would not be scored. Was the table sorted with the header row inside the range? Sort it again without the header row "+
			"(Excel: \"Daten haben Überschriften\"), or move the header row back to the top", ErrHeaderNotFirst, row, row-1, maxTitleRows-1)
	}
	// Let mapHeader explain what the first row lacks.
	first := above[0]
	if _, err := hm.mapHeader(first.rec); err != nil {
		return nil, first.row, nil, err
	}
	return first.rec, first.row, nil, nil
}

// headerBelow looks for the header row below the rows findHeader
// searched, up to MaxRows rows.
func headerBelow(t table, hm *headerMatcher) (int, bool) {
	for i := maxTitleRows; i < MaxRows; i++ {
		rec, row, err := t.next()
		if errors.Is(err, io.EOF) {
			return 0, false
		}
		if err == nil && hm.looksLikeHeader(rec) {
			return row, true
		}
		var pe *ParseError
		if err != nil && (!errors.As(err, &pe) || pe.Row == 0 || errors.Is(err, ErrLimit)) {
			return 0, false
		}
	}
	return 0, false
}

// malformed turns a broken CSV record into a Reject and reports whether
// reading may go on.
func (r *reader) malformed(err error) bool {
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Row == 0 || r.badRows >= maxBadRows || errors.Is(err, ErrLimit) {
		return false // a limit ends the file (README: Broken, huge or crafted files)
	}
	r.badRows++
	r.reject(pe.Row, pe.Column, r.opt.Wave.ID, "", "", "malformed CSV: "+pe.Err.Error(), scoring.CauseMalformedRow)
	return true
}

// reject files a row that is not scored: reason in English, cause and
// args for the reports' languages (scoring.Cause).
func (r *reader) reject(row, col int, wave scoring.WaveID, unit scoring.UnitID, name, reason string, cause scoring.Cause, args ...string) {
	if r.answerField != nil {
		reason, args = strings.Clone(reason), cloneAll(args)
	}
	r.ds.Rejects = append(r.ds.Rejects, scoring.Reject{File: r.file, Sheet: r.sheet, Row: row, Column: col,
		Wave: wave, Unit: unit, Name: name, Reason: reason, Cause: cause, Args: args})
}

func (r *reader) issue(kind scoring.IssueKind, row, col int, wave scoring.WaveID, unit scoring.UnitID, q scoring.QuestionID, value, msg string, cause scoring.Cause, args ...string) {
	if r.answerField != nil {
		value, msg, args = strings.Clone(value), strings.Clone(msg), cloneAll(args)
	}
	r.ds.Issues = append(r.ds.Issues, scoring.Issue{Kind: kind, Place: scoring.Pos(r.file, r.sheet, row, col),
		Wave: wave, Unit: unit, Question: q, Value: value, Message: msg, Cause: cause, Args: args})
}

// own copies the fields of rec that are not answers, when the table
// reuses the text of its records (answerField).
func (r *reader) own(rec []string) {
	if r.answerField == nil {
		return
	}
	for f := range rec {
		if f >= len(r.answerField) || !r.answerField[f] {
			rec[f] = strings.Clone(rec[f])
		}
	}
}

// cloneAll copies each string of ss into a new slice: a finding's
// values may be cells of a record whose text is reused (reader.copied).
func cloneAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// row turns one record into a Response or a Reject.
func (r *reader) row(rec []string, row int) {
	p := r.p
	wave := r.opt.Wave.ID
	if extra := extraFields(rec, p.width); extra > 0 {
		r.reject(row, p.width+1, wave, "", "", fmt.Sprintf("row has %d fields, the header %d: values beyond the header cannot be assigned to a question", len(rec), p.width),
			scoring.CauseExtraFields, strconv.Itoa(len(rec)), strconv.Itoa(p.width))
		return
	}
	if allBlank(rec) {
		r.reject(row, 0, wave, "", "", "empty row", scoring.CauseEmptyRow)
		return
	}
	if col, why, cause, args := badCell(rec, r.clean == nil || !r.clean()); col > 0 {
		r.reject(row, col, wave, "", "", why, cause, args...)
		return
	}
	name := strings.TrimSpace(field(rec, p.name))
	if p.wave >= 0 {
		wave = scoring.WaveID(normaliseWave(field(rec, p.wave)))
		if wave == "" {
			r.reject(row, p.wave+1, "", "", name, fmt.Sprintf("the wave column %d is empty", p.wave+1), scoring.CauseNoWave, strconv.Itoa(p.wave+1))
			return
		}
	}
	u, ok := r.unit(rec, row, wave, name)
	if !ok {
		return
	}
	if p.status >= 0 {
		if why, cause, args := notAResponse(field(rec, p.status)); why != "" {
			r.reject(row, p.status+1, wave, u.ID, u.Name, fmt.Sprintf("%v: %s marks it %s", ErrNotAResponse, p.platform, why),
				cause, append([]string{p.platform.String()}, args...)...)
			return
		}
	}
	meta := rowMeta{complete: true}
	if p.complete >= 0 {
		meta.complete = isComplete(field(rec, p.complete), p.completeRule)
	}
	stamp := ""
	if p.when >= 0 {
		stamp = field(rec, p.when)
	}
	if !meta.complete && r.opt.Incomplete == DropIncomplete {
		r.reject(row, p.complete+1, wave, u.ID, u.Name, fmt.Sprintf("%v: %s marks it unfinished (%s); dropped by survey.incomplete: drop", ErrIncomplete, p.platform, incompleteWhy(p)),
			scoring.CauseDroppedIncomplete, p.platform.String())
		return
	}
	resp := scoring.Response{Wave: wave, Unit: u, Answers: r.answers(rec, row, wave, u.ID), Source: r.src, Row: row,
		Incomplete: !meta.complete, Received: stamp}
	if r.formulas != nil {
		r.formulaCells(row, wave, u.ID)
	}
	if r.merged != nil {
		r.mergedCells(rec, row, wave, u.ID)
	}
	k := unitKey{wave, u.ID}
	if prev, dup := r.seen[k]; dup {
		r.dupe(prev, &resp, meta)
		return
	}
	r.seen[k] = len(r.ds.Responses)
	r.waves[wave] = true
	if len(r.ds.Responses) == cap(r.ds.Responses) {
		// Doubling, where append grows a long slice by a quarter: each
		// growth is a copy into fresh memory, five times the responses'
		// 1.8 MB for a national survey instead of twice.
		r.ds.Responses = slices.Grow(r.ds.Responses, max(len(r.ds.Responses), 64))
	}
	r.ds.Responses = append(r.ds.Responses, resp)
	r.meta = append(r.meta, meta)
}

// reserveAfter is how many records reserve measures before it makes room.
const reserveAfter = 64

// reserve measures record rec, the records-th (from 0), and once it has
// measured reserveAfter of them, makes room for as many responses (and
// units seen) as the input holds rows of their mean length, and an eighth
// more. Grown by doubling from nothing, the responses of a national survey
// (10,786 × 176 bytes) were copied five times, each time into fresh memory:
// 3.8 MB, about 900 pages the kernel had to give the process one by one,
// where the room reserved is 2.1 MB, of which a page is only given once
// it is written. A file whose first rows are shorter than the rest reserves
// more than it needs, which costs no page; one whose first rows are longer
// grows as before from there.
func (r *reader) reserve(rec []string, records int) {
	n := len(rec) // a comma after every field but the last, and a line break
	for _, f := range rec {
		n += len(f)
	}
	r.bytes += int64(n)
	if records+1 < reserveAfter {
		return
	}
	rows := int(min(r.size/max(r.bytes/reserveAfter, 1), MaxRows))
	rows += rows/8 + reserveAfter
	r.ds.Responses = slices.Grow(r.ds.Responses, rows-len(r.ds.Responses))
	seen := make(map[unitKey]int, rows)
	maps.Copy(seen, r.seen)
	r.seen, r.size = seen, 0
}

// qualtricsStatus are the response types of Qualtrics' Status column, as
// the numeric export (codes) and the text export (labels) write them.
// Only people answering the survey (and responses imported or collected
// offline) are responses; a preview, a test or spam would otherwise be
// scored as the municipality's answer.
var qualtricsStatus = map[string]struct {
	label    string
	response bool
}{
	"0": {"IP Address", true}, "ip address": {"IP Address", true},
	"4": {"Imported", true}, "imported": {"Imported", true},
	"16": {"Offline", true}, "offline": {"Offline", true},
	"1": {"Survey Preview", false}, "survey preview": {"Survey Preview", false},
	"2": {"Survey Test", false}, "survey test": {"Survey Test", false},
	"8": {"Spam", false}, "spam": {"Spam", false},
	"9": {"Survey Preview Spam", false}, "survey preview spam": {"Survey Preview Spam", false},
	"12": {"Imported Spam", false}, "imported spam": {"Imported Spam", false},
	"17": {"Offline Survey Preview", false}, "offline survey preview": {"Offline Survey Preview", false},
}

// notAResponse says why a row whose Status cell holds s is no response,
// or "" for a response. A value Qualtrics does not document is refused
// too, with its value: whether it is a response cannot be known.
func notAResponse(s string) (string, scoring.Cause, []string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", 0, nil
	}
	st, ok := qualtricsStatus[strings.ToLower(s)]
	switch {
	case !ok:
		return fmt.Sprintf("with the unknown response type %q (Status); delete the row or set Status to IP Address (0) if it is a real response", s),
			scoring.CauseUnknownStatus, []string{s}
	case st.response:
		return "", 0, nil
	}
	return fmt.Sprintf("as %s (Status %s), not a response", st.label, s), scoring.CauseNotAResponse, []string{st.label, s}
}

func incompleteWhy(p *plan) string {
	if p.completeRule == completeIfFilled {
		return "no submission time"
	}
	return "not finished"
}

// span returns the field of the first question if every question's whole
// answer is in the field after the previous one's, and nothing needs
// translating; else -1.
func (p *plan) span() int {
	if len(p.direct) == 0 || len(p.multi) > 0 || len(p.cells) > 0 || p.direct[0] < 0 {
		return -1
	}
	for q, f := range p.direct {
		if f != p.direct[0]+q {
			return -1
		}
	}
	return p.direct[0]
}

// answers collects the raw answers of a record, indexed like the model's
// questions, into the file's answer book: the answers keep nothing of the
// record, whose slice and text the table may then reuse.
func (r *reader) answers(rec []string, row int, wave scoring.WaveID, unit scoring.UnitID) scoring.Answers {
	p, m := r.p, r.m
	nq := len(p.direct)
	if r.book == nil {
		r.book = scoring.NewAnswerBook(nq)
	}
	if r.span >= 0 && r.span+nq <= len(rec) {
		// The answers are a run of the record: no need to gather them.
		if r.fill != nil {
			a := r.book.New(nq)
			r.fill.add(a, rec[r.span:r.span+nq])
			return a
		}
		return r.see(r.book.Add(rec[r.span : r.span+nq]))
	}
	if r.fill != nil {
		// A short record among records filled by the filler: its
		// answers are added after theirs, as they come in the file.
		r.fill.drain()
	}
	if cap(r.out) < nq {
		r.out = make([]string, nq)
	}
	out := r.out[:nq]
	clear(out)
	for q, f := range p.direct {
		if f >= 0 && f < len(rec) {
			out[q] = rec[f]
		}
	}
	for i := range p.multi {
		mc := &p.multi[i]
		out[mc.q] = mc.join(rec, p.platform, m.Questions[mc.q].Scale)
	}
	for i := range p.cells {
		c := &p.cells[i]
		v, faulty := c.apply(out[c.q])
		if faulty {
			qq := m.Questions[c.q]
			r.issue(scoring.IssueOther, row, p.columns[c.q], wave, unit, qq.ID, strings.TrimSpace(out[c.q]),
				fmt.Sprintf("question %s: %s marks the answer as faulty (%s); treated as not answered", qq.ID, p.platform, strings.TrimSpace(out[c.q])),
				scoring.CauseFaultyAnswer, string(qq.ID), p.platform.String(), strings.TrimSpace(out[c.q]))
		}
		out[c.q] = v
	}
	return r.see(r.book.Add(out))
}

// see shows answers to the decimal check (decimalColumns.see), as the
// filler does for the answers it fills.
func (r *reader) see(a scoring.Answers) scoring.Answers {
	if r.dec != nil {
		r.dec.see(a)
	}
	return a
}

// closeFill fills every answer still to fill and ends the filler; the
// book and the answers may be read after. It does nothing without one.
func (r *reader) closeFill() {
	// Let go of the filler first: its close may raise a filling's panic,
	// and the deferred closeFill that runs then must not close it twice
	// (a "close of closed channel" in place of the panic that tells why).
	if f := r.fill; f != nil {
		r.fill = nil
		f.close()
	}
}

// formulaCells reports each answer of the row read from a formula without
// a value: Excel would show one, the reader sees a blank (not answered).
func (r *reader) formulaCells(row int, wave scoring.WaveID, unit scoring.UnitID) {
	for _, f := range r.formulas[row] {
		q, ok := r.fieldQuestion[f] // a question's column or an item column
		if !ok {
			continue
		}
		qq := r.m.Questions[q]
		cell, _ := excelize.CoordinatesToCellName(f+1, row)
		r.issue(scoring.IssueOther, row, f+1, wave, unit, qq.ID, "",
			fmt.Sprintf("question %s: cell %s holds a formula without a stored value (the workbook was written by a program or saved without calculating); treated as not answered — open it in Excel and save it to store the values", qq.ID, cell),
			scoring.CauseFormulaNoValue, string(qq.ID), cell)
	}
}

// unit finds the responding unit of a record, by id or by name, and joins
// the register. It rejects the row and reports false when it cannot.
func (r *reader) unit(rec []string, row int, wave scoring.WaveID, name string) (scoring.Unit, bool) {
	p, opt := r.p, r.opt
	u := scoring.Unit{Name: name, District: strings.TrimSpace(field(rec, p.district))}
	if p.byName {
		if name == "" {
			r.reject(row, p.name+1, wave, "", "", fmt.Sprintf("%v: the name column %d is empty", ErrUnknownName, p.name+1), scoring.CauseNoName, strconv.Itoa(p.name+1))
			return u, false
		}
		ru, err := opt.Register.MatchName(name, u.District)
		if err != nil {
			cause, args := nameCause(err)
			r.reject(row, p.name+1, wave, "", name, err.Error(), cause, args...)
			return u, false
		}
		u.ID = ru.ID
		r.join(&u, ru)
	} else {
		raw := field(rec, p.id)
		u.ID = scoring.UnitID(strings.TrimSpace(raw))
		if u.ID == "" {
			r.reject(row, p.id+1, wave, "", name, fmt.Sprintf("%v: the id column %d is empty", ErrBadID, p.id+1), scoring.CauseNoID, strconv.Itoa(p.id+1))
			return u, false
		}
		if n := utf8.RuneCountInString(string(u.ID)); n > MaxIDChars {
			r.reject(row, p.id+1, wave, "", name, fmt.Sprintf("%v: %v: the id has %d characters, at most %d are allowed", ErrBadID, ErrLimit, n, MaxIDChars),
				scoring.CauseLongID, strconv.Itoa(n), strconv.Itoa(MaxIDChars))
			return u, false
		}
		if opt.UnitsAreMunicipalities {
			id, ok, ars := agsOf(raw)
			if ars {
				if r.ars++; r.arsRow == 0 {
					r.arsRow = row
				}
			}
			if !ok {
				r.reject(row, p.id+1, wave, id, name, fmt.Sprintf("%v: %q is not an 8-digit AGS", ErrBadID, raw), scoring.CauseNotAGS, raw)
				return u, false
			}
			u.ID = id
		}
		if opt.Register != nil {
			ru, ok := opt.Register.Lookup(u.ID)
			if !ok {
				r.reject(row, p.id+1, wave, u.ID, name, fmt.Sprintf("%v: AGS %s is not in register %s", ErrBadID, u.ID, opt.Register.Name),
					scoring.CauseNotInRegister, string(u.ID), opt.Register.Name)
				return u, false
			}
			if name != "" && name != ru.Name && !opt.Register.NameFits(name, ru) {
				r.issue(scoring.IssueUnmatchedName, row, p.name+1, wave, u.ID, "", name,
					fmt.Sprintf("%s: the file names it %q, register %s %q: check the AGS", u.ID, name, opt.Register.Name, ru.Name),
					scoring.CauseNameMismatch, string(u.ID), name, opt.Register.Name, ru.Name)
			}
			r.join(&u, ru)
		}
	}
	if v := strings.TrimSpace(field(rec, p.population)); v != "" {
		n, ok := parsePopulation(v)
		if !ok {
			r.reject(row, p.population+1, wave, u.ID, u.Name, fmt.Sprintf("population %q is not a whole number", v), scoring.CausePopulation, v)
			return u, false
		}
		u.Population = n
	}
	for _, a := range p.attrs {
		if v := strings.TrimSpace(field(rec, a.field)); v != "" {
			if u.Attrs == nil {
				u.Attrs = map[string]string{}
			}
			u.Attrs[a.attr] = v
		}
	}
	if u.Name == "" {
		u.Name = string(u.ID)
	}
	return u, true
}

// join fills what the survey lacks from the register entry.
func (r *reader) join(u *scoring.Unit, ru scoring.Unit) {
	if u.Name == "" {
		u.Name = ru.Name
	}
	if u.District == "" {
		u.District = ru.District
	}
	if u.Population == 0 {
		u.Population = ru.Population
	}
	if !u.HasLocation && ru.HasLocation {
		u.Lon, u.Lat, u.HasLocation = ru.Lon, ru.Lat, true
	}
}

// arsNote says, once for the file, that its ids were read as AGS from
// Regionalschlüssel (arsAGS): the id column holds another key than the
// outputs show, and whoever matches the outputs with the file must know.
func (r *reader) arsNote() {
	if r.ars == 0 {
		return
	}
	col, n, first := strconv.Itoa(r.p.id+1), strconv.Itoa(r.ars), strconv.Itoa(r.arsRow)
	r.issue(scoring.IssueOther, r.arsRow, r.p.id+1, r.opt.Wave.ID, "", "", "",
		fmt.Sprintf("column %s holds regional keys (ARS, 12 digits) instead of AGS — count: %s, the first in row %s; each is read as the AGS of its first five and last three digits", col, n, first),
		scoring.CauseARSRead, col, n, first)
}

// dupe applies the duplicate policy to a second row of a unit in a wave.
func (r *reader) dupe(prev int, resp *scoring.Response, meta rowMeta) {
	old := &r.ds.Responses[prev]
	om := &r.meta[prev]
	policy := r.opt.Duplicates
	r.ds.Issues = append(r.ds.Issues, scoring.Issue{Kind: scoring.IssueDuplicate, Place: resp.Position(-1), Wave: resp.Wave,
		Unit: resp.Unit.ID, Message: fmt.Sprintf("unit %s answered twice in wave %s (rows %d and %d); policy %s", resp.Unit.ID, resp.Wave, old.Row, resp.Row, policy),
		Cause: scoring.CauseDuplicate, Args: []string{string(resp.Unit.ID), string(resp.Wave), strconv.Itoa(old.Row), strconv.Itoa(resp.Row), policy.String()}})
	lose := func(x *scoring.Response, why string) {
		other := old.Row
		if x == old {
			other = resp.Row
		}
		r.reject(x.Row, 0, x.Wave, x.Unit.ID, x.Unit.Name, fmt.Sprintf("%v: unit %s %s (policy %s)", ErrDuplicateUnit, x.Unit.ID, why, policy),
			scoring.CauseDuplicateRow, string(x.Unit.ID), strconv.Itoa(other), policy.String())
	}
	// The rule that decides across files decides here too; two rows of one
	// file are in the order the tool received them, so it is never
	// Undecided.
	pref, ground := scoring.DuplicatePolicy(policy).Prefer(old, resp)
	switch {
	case pref == scoring.KeepNeither || pref == scoring.Undecided:
		if !om.dead {
			lose(old, "answered more than once")
			om.dead = true
		}
		lose(resp, "answered more than once")
	case pref == scoring.KeepEarlier && ground == scoring.ByPolicy:
		lose(resp, fmt.Sprintf("already answered in row %d", old.Row))
	case pref == scoring.KeepEarlier:
		lose(resp, fmt.Sprintf("already answered in row %d, %s", old.Row, groundWords(ground)))
	case ground == scoring.ByPolicy:
		lose(old, fmt.Sprintf("answered again in row %d", resp.Row))
		*old, *om = *resp, meta
	default:
		lose(old, fmt.Sprintf("answered again in row %d, %s", resp.Row, groundWords(ground)))
		*old, *om = *resp, meta
	}
}

// groundWords says why the kept response won.
func groundWords(g scoring.Ground) string {
	switch g {
	case scoring.ByCompleteness:
		return "which is complete"
	case scoring.ByTime:
		return "which is more recent"
	}
	return "which comes later"
}

// finish drops responses that reject_all marked, notes kept incomplete
// responses and lists the waves.
func (r *reader) finish() {
	ds := r.ds
	if r.dec != nil {
		r.dec.settle(ds.Responses)
	}
	out := ds.Responses[:0]
	for i, resp := range ds.Responses {
		m := r.meta[i]
		if m.dead {
			continue
		}
		if !m.complete {
			r.issue(scoring.IssueIncomplete, resp.Row, r.p.complete+1, resp.Wave, resp.Unit.ID, "", "",
				fmt.Sprintf("%s: %s marks the response unfinished (%s); kept by survey.incomplete: keep", resp.Unit.ID, r.p.platform, incompleteWhy(r.p)),
				scoring.CauseKeptIncomplete, string(resp.Unit.ID), r.p.platform.String())
		}
		out = append(out, resp)
	}
	ds.Responses = out
	if r.p.wave < 0 {
		ds.Waves = []scoring.Wave{r.opt.Wave}
		return
	}
	for _, resp := range ds.Responses {
		if r.waves[resp.Wave] {
			ds.Waves = append(ds.Waves, scoring.Wave{ID: resp.Wave, Label: string(resp.Wave)})
			delete(r.waves, resp.Wave)
		}
	}
}

// extraFields counts non-blank fields beyond the header's width.
func extraFields(rec []string, width int) int {
	n := 0
	for i := width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			n++
		}
	}
	return n
}

func allBlank(rec []string) bool {
	for _, f := range rec {
		if f != "" && strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parsePopulation reads a head count as spreadsheets write it: "12345",
// "12345.0" from a number cell, or with German thousands ("12.345").
func parsePopulation(v string) (int, bool) {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x != float64(int64(x)) {
		var ok bool
		if x, ok = scoring.ParseNumber(v, scoring.DecimalComma); !ok {
			return 0, false
		}
	}
	if x < 0 || x != float64(int64(x)) || x > 1e9 {
		return 0, false
	}
	return int(x), true
}

// isComplete reads a completion mark.
func isComplete(v string, rule completeRule) bool {
	v = strings.TrimSpace(v)
	switch rule {
	case completeIfFilled:
		return v != "" && v != "N/A"
	case completeIfTrue:
		switch strings.ToLower(v) {
		case "1", "true", "t", "yes", "ja", "2":
			return true
		}
		return false
	}
	return true
}

// normaliseWave tidies a wave cell: "2024.0" from a spreadsheet number
// becomes "2024".
func normaliseWave(v string) string {
	v = strings.TrimSpace(v)
	if x, err := strconv.ParseFloat(v, 64); err == nil && x == float64(int64(x)) && !strings.ContainsAny(v, "eE") {
		return strconv.FormatInt(int64(x), 10)
	}
	return v
}
