package survey

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/questionnaire"
	"github.com/reifegrad/reifegrad/scoring"
)

// ErrQuestionnaire wraps what makes a filled-in questionnaire unreadable
// as a whole.
var ErrQuestionnaire = errors.New("questionnaire")

// readIfQuestionnaire reads a workbook that 'reifegrad template' wrote and
// a municipality filled in: one response laid down a sheet, a question
// per row. It reports false when the workbook is none, and then leaves *r
// ready to be read from the start, as any other workbook.
func readIfQuestionnaire(r *io.Reader, file string, m *scoring.Model, opt Options) (*scoring.Dataset, bool, error) {
	b, err := io.ReadAll(limitSize(*r))
	if err != nil {
		return nil, true, &ParseError{File: file, Err: err}
	}
	if err := zipIsWorkbook(b); err != nil {
		return nil, true, &ParseError{File: file, Err: err}
	}
	// Every workbook passes here first: check the package once for both
	// readers, and keep only the parts they need.
	if b, err = checkZip(b); err != nil {
		return nil, true, &ParseError{File: file, Err: fmt.Errorf("not a readable xlsx workbook: %w", err)}
	}
	*r = bytes.NewReader(b)
	if !hasQuestionnaireNames(b) {
		return nil, false, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), OpenOptions())
	if err != nil {
		return nil, true, &ParseError{File: file, Err: fmt.Errorf("not a readable xlsx workbook: %w", err)}
	}
	defer f.Close()
	ds, err := readQuestionnaire(f, file, m, opt)
	return ds, true, err
}

// hasQuestionnaireNames looks for the questionnaire's names in the
// workbook part of an xlsx package, without unpacking the rest: most
// workbooks are exports, and excelize unpacks them once, later.
func hasQuestionnaireNames(b []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false // excelize will say what is wrong with it
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		var wb struct {
			Names []struct {
				Name string `xml:"name,attr"`
			} `xml:"definedNames>definedName"`
		}
		if xml.NewDecoder(io.LimitReader(rc, UnzipXMLSizeLimit)).Decode(&wb) != nil {
			return false
		}
		found := 0
		for _, n := range wb.Names {
			if strings.EqualFold(n.Name, questionnaire.NameCodes) || strings.EqualFold(n.Name, questionnaire.NameAnswers) {
				found++
			}
		}
		return found == 2
	}
	return false
}

// qArea is a range a defined name refers to.
type qArea struct {
	sheet                  string
	col1, row1, col2, row2 int
}

func (a qArea) cell() string {
	n, _ := excelize.CoordinatesToCellName(a.col1, a.row1)
	return n
}

// parseArea reads a defined name's reference: Sheet!$D$6,
// 'Frage bogen'!$B$10:$B$48.
func parseArea(ref string) (qArea, error) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "=")
	i := strings.LastIndex(ref, "!")
	if i < 0 || strings.Contains(ref, "#REF") {
		return qArea{}, fmt.Errorf("broken reference %q", ref)
	}
	a := qArea{sheet: ref[:i]}
	if strings.HasPrefix(a.sheet, "'") && strings.HasSuffix(a.sheet, "'") && len(a.sheet) >= 2 {
		a.sheet = strings.ReplaceAll(a.sheet[1:len(a.sheet)-1], "''", "'")
	}
	from, to, ok := strings.Cut(strings.ReplaceAll(ref[i+1:], "$", ""), ":")
	if !ok {
		to = from
	}
	var err1, err2 error
	a.col1, a.row1, err1 = excelize.CellNameToCoordinates(from)
	a.col2, a.row2, err2 = excelize.CellNameToCoordinates(to)
	if err := errors.Join(err1, err2); err != nil {
		return qArea{}, fmt.Errorf("broken reference %q: %w", ref, err)
	}
	return a, nil
}

// questionnaireAreas resolves the questionnaire's names and checks that
// codes and answers are two columns over the same rows of one sheet.
func questionnaireAreas(f *excelize.File) (ags, name, codes, answers qArea, err error) {
	refs := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == "" || dn.Scope == "Workbook" {
			refs[strings.ToLower(dn.Name)] = dn.RefersTo
		}
	}
	var errs []error
	get := func(name string) qArea {
		a, err := parseArea(refs[name])
		if err != nil {
			errs = append(errs, fmt.Errorf("name %s: %w", name, err))
		}
		return a
	}
	ags, name, codes, answers = get(questionnaire.NameID), get(questionnaire.NameUnit), get(questionnaire.NameCodes), get(questionnaire.NameAnswers)
	if len(errs) == 0 && (codes.sheet != answers.sheet || codes.col1 != codes.col2 || answers.col1 != answers.col2 ||
		codes.row1 != answers.row1 || codes.row2 != answers.row2) {
		errs = append(errs, errors.New("the columns of codes and answers do not line up"))
	}
	if len(errs) > 0 {
		return ags, name, codes, answers, fmt.Errorf("%w: %w (was the sheet's structure changed?)", ErrQuestionnaire, errors.Join(errs...))
	}
	return ags, name, codes, answers, nil
}

// readQuestionnaire turns a filled-in questionnaire into a Dataset with
// one response, or one reject. The unit and its answers go through the
// same reader as every export (id checks, register, name matching), as a
// table of one header and one record; the places in its messages are then
// put back to the questionnaire's cells: an answer's place is its own
// cell (scoring.Source.Rows), a problem with the unit's id is the id cell.
func readQuestionnaire(f *excelize.File, file string, m *scoring.Model, opt Options) (*scoring.Dataset, error) {
	agsA, nameA, codesA, answersA, err := questionnaireAreas(f)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	sheet := codesA.sheet
	// Cells are read as every workbook's: a percentage typed into an
	// answer cell ("45 %", stored 0.45) is 45, not 0.45.
	styles, date1904 := workbookStyles(f), false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	value := func(sheet string, col, row int) (string, error) {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return cellAsRead(f, sheet, c, styles, date1904)
	}
	nq := len(m.Questions)
	src := &scoring.Source{File: file, Sheet: sheet, Columns: make([]int, nq), Rows: make([]int, nq), Questionnaire: m}
	answers := make([]string, nq)
	var errs []error
	for row := codesA.row1; row <= codesA.row2; row++ {
		code, err := value(sheet, codesA.col1, row)
		if err != nil {
			return nil, &ParseError{File: file, Sheet: sheet, Err: err}
		}
		code = strings.TrimSpace(code)
		if code == "" {
			continue // a heading
		}
		q := m.Question(scoring.QuestionID(code))
		switch {
		case q == nil:
			// m is the questionnaire of the file's wave: a questionnaire of
			// the latest wave, given as an earlier one, lacks its new codes.
			what := "the model"
			if opt.Wave.ID != "" {
				what = fmt.Sprintf("the model as wave %s asks it", opt.Wave.ID)
			}
			errs = append(errs, &ParseError{File: file, Sheet: sheet, Row: row, Column: codesA.col1,
				Err: fmt.Errorf("%w: question %q is not in %s (was it made with another config, or for another wave?)", ErrQuestionnaire, code, what)})
			continue
		case src.Rows[q.Index] > 0:
			errs = append(errs, &ParseError{File: file, Sheet: sheet, Row: row, Column: codesA.col1,
				Err: fmt.Errorf("%w: question %s is asked twice, in rows %d and %d", ErrQuestionnaire, q.ID, src.Rows[q.Index], row)})
			continue
		}
		if answers[q.Index], err = value(sheet, answersA.col1, row); err != nil {
			return nil, &ParseError{File: file, Sheet: sheet, Err: err}
		}
		src.Columns[q.Index], src.Rows[q.Index] = answersA.col1, row
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	ags, err1 := value(agsA.sheet, agsA.col1, agsA.row1)
	name, err2 := value(nameA.sheet, nameA.col1, nameA.row1)
	if err := errors.Join(err1, err2); err != nil {
		return nil, &ParseError{File: file, Sheet: sheet, Err: err}
	}
	return oneResponse(m, opt, src, agsA, nameA, strings.TrimSpace(ags), strings.TrimSpace(name), answers)
}

// oneResponse reads the questionnaire's unit and answers as a table of one
// record, and moves the places of what the reader reports to the
// questionnaire's cells.
func oneResponse(m *scoring.Model, opt Options, src *scoring.Source, agsA, nameA qArea, ags, name string, answers []string) (*scoring.Dataset, error) {
	file, sheet := src.File, src.Sheet
	reject := func(a qArea, reason string, cause scoring.Cause, args ...string) (*scoring.Dataset, error) {
		return &scoring.Dataset{Duplicates: scoring.DuplicatePolicy(opt.Duplicates), Rejects: []scoring.Reject{{File: file, Sheet: sheet, Row: a.row1, Column: a.col1, Wave: opt.Wave.ID,
			Unit: scoring.UnitID(ags), Name: name, Reason: reason, Cause: cause, Args: args}}}, nil
	}
	byName := ags == "" && name != "" && opt.Register != nil
	switch {
	case ags == "" && name == "" && allBlank(answers):
		return reject(agsA, "empty questionnaire", scoring.CauseEmptyQuestionnaire)
	case ags == "" && !byName:
		return reject(agsA, fmt.Sprintf("%v: the id cell %s is empty", ErrBadID, agsA.cell()), scoring.CauseNoIDCell, agsA.cell())
	}
	// The record: id, name, then every question the sheet has.
	hdr, rec := []string{}, []string{}
	place := map[int]qArea{} // record field → questionnaire cell
	if !byName {
		hdr, rec = append(hdr, qOr(opt.IDColumn, "ags")), append(rec, ags)
		place[len(rec)] = agsA
	}
	hdr, rec = append(hdr, qOr(opt.NameColumn, "name")), append(rec, name)
	place[len(rec)] = nameA
	for _, q := range m.Questions {
		if src.Rows[q.Index] > 0 {
			hdr, rec = append(hdr, string(q.ID)), append(rec, answers[q.Index])
			place[len(rec)] = qArea{sheet: sheet, col1: src.Columns[q.Index], row1: src.Rows[q.Index]}
		}
	}
	// The sheet's codes and answers are the model's own: no codebook,
	// platform or wave column of the exports applies.
	opt.Codebook, opt.Platform, opt.WaveColumn, opt.Sheet = nil, 0, "", ""
	if byName {
		opt.Match = MatchName
	}
	hm := newHeaderMatcher(m, &opt)
	hm.pointNumbers = true // raw number cells, as in every workbook
	t := &qTable{sheetName: sheet, recs: [][]string{hdr, rec}, rows: []int{max(agsA.row1-1, 1), agsA.row1}}
	ds, err := readTable(t, hm, file)
	if err != nil {
		return nil, err
	}
	for i := range ds.Responses {
		ds.Responses[i].Source = src
	}
	moved := map[string]string{}
	for field, a := range place {
		moved[scoring.Pos(file, sheet, agsA.row1, field)] = scoring.Pos(file, a.sheet, a.row1, a.col1)
	}
	for i := range ds.Rejects {
		j := &ds.Rejects[i]
		if a, ok := place[j.Column]; ok {
			j.Row, j.Column = a.row1, a.col1
		}
	}
	for i := range ds.Issues {
		is := &ds.Issues[i]
		if p, ok := moved[is.Place]; ok {
			is.Place = p
		}
		if is.Kind == scoring.IssueMissingQuestion {
			// The sheet has no row for it: the place is the sheet.
			is.Place = scoring.Pos(file, sheet, 0, 0)
		}
	}
	questionnaireInput(ds, place)
	return ds, nil
}

// questionnaireInput makes the description of the one-record table read
// above describe the questionnaire: its cells instead of the record's
// fields.
func questionnaireInput(ds *scoring.Dataset, place map[int]qArea) {
	for i := range ds.Inputs {
		in := &ds.Inputs[i]
		names := questionnaire.NameCodes + ", " + questionnaire.NameAnswers
		in.Format, in.FormatReason = "questionnaire", "the defined names of 'reifegrad template' ("+names+")"
		in.FormatSaid = []scoring.Said{{Cause: scoring.CauseFormatTemplate, Args: []string{names}}}
		in.HeaderRow, in.HeaderRows = 0, 0
		for j := range in.Columns {
			c := &in.Columns[j]
			if a, ok := place[c.Column]; ok {
				c.Column, c.Row = a.col1, a.row1
			}
		}
	}
}

// qTable serves records held in memory as a table.
type qTable struct {
	sheetName string
	recs      [][]string
	rows      []int
	i         int
}

func (t *qTable) next() ([]string, int, error) {
	if t.i >= len(t.recs) {
		return nil, 0, io.EOF
	}
	t.i++
	return t.recs[t.i-1], t.rows[t.i-1], nil
}

func (t *qTable) sheet() string { return t.sheetName }
func (t *qTable) close()        {}

func qOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
