package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/questionnaire"
	"github.com/reifegrad/reifegrad/scoring"
)

// Columns of the questionnaire sheet.
const (
	qColNo = iota + 1
	qColCode
	qColText
	qColAnswer
	qColHelp
	qColNote
)

// WriteQuestionnaire writes, from the model alone, a workbook a
// municipality fills in by itself: its id and name at the top, then one
// row per question, grouped by dimension, with the code, the text, an
// answer cell and notes. The answer cell of a question with a fixed list
// of answers offers them in a drop-down (data validation), together with
// the model's codes for "don't know" and "not applicable"; a number
// question accepts a number in the scale's range or one of those codes; a
// multi-select question says how to list the options. The sheet is
// protected without a password, so codes and questions stay as they are
// while the answer and note cells take input. 'reifegrad run -i' reads the
// filled file back (survey/questionnaire.go). Texts around the model's
// own follow Options.Language; nothing else of Options is used.
func WriteQuestionnaire(w io.Writer, m *scoring.Model, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	q := &form{f: f, m: m, t: questionnaireTexts(m, catalogFor(o.Language))}
	if err := q.st.init(f); err != nil {
		return err
	}
	if err := q.write(); err != nil {
		return err
	}
	return f.Write(w)
}

// questionnaireTexts is t for a model that names its units
// (model.unit_labels): a questionnaire for organisations or countries asked
// for the "Amtlicher Gemeindeschlüssel (AGS, 8 Ziffern)" and the "Name der
// Kommune". t itself for a model that does not (municipalities).
func questionnaireTexts(m *scoring.Model, t *catalog) *catalog {
	ul := m.UnitLabels
	if ul.ID == "" && ul.Unit == "" {
		return t
	}
	c := *t
	id := cmp.Or(ul.ID, t.UnitID)
	c.QIntro, c.QAGS, c.QAGSTitle, c.QName, c.QAGSPrompt = fmt.Sprintf(t.QIntroUnitF, id), id, id, t.Name, t.QIDPrompt
	return &c
}

// form is the state of writing one questionnaire workbook.
type form struct {
	f  *excelize.File
	m  *scoring.Model
	t  *catalog
	st styles
	// lists holds the reference of each map scale's answer list on the
	// hidden list sheet, by scale ID.
	lists map[string]string
}

// Layout rows of the questionnaire sheet.
const (
	qRowAGS    = 6
	qRowName   = 7
	qRowHeader = 9
)

func (q *form) write() error {
	t := q.t
	sheet := t.SheetQuestionnaire
	if err := addSheetTo(q.f, sheet); err != nil {
		return err
	}
	if err := q.answerLists(); err != nil {
		return err
	}
	if err := q.f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf(t.QTitle, q.m.Name), Creator: "reifegrad", Language: t.Lang.String()}); err != nil {
		return err
	}
	s := &sheetWriter{f: q.f, name: sheet, wrap: q.st.wrap}
	s.line(styledCell{V: fmt.Sprintf(t.QTitle, q.m.Name), Style: q.st.title, Spill: true})
	if q.m.Version != "" {
		s.line(styledCell{V: fmt.Sprintf(t.QVersion, q.m.Version), Style: q.st.subtitle, Spill: true})
	} else {
		s.skip(1)
	}
	q.paragraph(s, q.m.Description, q.st.lead)
	q.paragraph(s, t.QIntro, q.st.wrap)
	s.row = qRowAGS - 1
	s.line(nil, nil, styledCell{V: t.QAGS, Style: q.st.bold}, styledCell{Style: q.st.input})
	s.line(nil, nil, styledCell{V: t.QName, Style: q.st.bold}, styledCell{Style: q.st.input})
	s.row = qRowHeader - 1
	s.line(headerRow([]string{t.QNo, t.Code, t.Question, t.Answer, t.QHelp, t.QYourNote}, q.st.header)...)
	first := s.row + 1
	var dvs []*excelize.DataValidation
	n := 0
	for _, sec := range questionSections(q.m, t.QOther) {
		// Not merged: the reader would take a merged title for a code.
		s.line(styledCell{V: sec.title, Style: q.st.section, Spill: true})
		for _, qi := range sec.questions {
			n++
			qq := q.m.Questions[qi]
			help := q.help(qq)
			row := s.line(styledCell{V: n, Style: q.st.top}, styledCell{V: string(qq.ID), Style: q.st.top}, styledCell{V: qq.Text, Style: q.st.wrap}, styledCell{Style: q.st.answer},
				styledCell{V: help, Style: q.st.wrap}, styledCell{Style: q.st.noteInput})
			lines := max(qLineCount(qq.Text, 56), qLineCount(help, 44), 1)
			if err := q.f.SetRowHeight(sheet, row, rowHeight(lines, 2)); err != nil {
				return err
			}
			dvs = append(dvs, q.validation(qq, cellName(qColAnswer, row)))
		}
	}
	last := s.row
	if err := s.Err(); err != nil {
		return err
	}
	for col, w := range map[int]float64{qColNo: 5, qColCode: 11, qColText: 58, qColAnswer: 28, qColHelp: 46, qColNote: 28} {
		s.setWidth(col, w)
	}
	if err := s.Err(); err != nil {
		return err
	}
	for _, dv := range append(dvs, q.agsValidation()) {
		if err := q.f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	names := []excelize.DefinedName{
		{Name: questionnaire.NameID, RefersTo: rangeRef(sheet, qColAnswer, qRowAGS, qColAnswer, qRowAGS)},
		{Name: questionnaire.NameUnit, RefersTo: rangeRef(sheet, qColAnswer, qRowName, qColAnswer, qRowName)},
		{Name: questionnaire.NameCodes, RefersTo: rangeRef(sheet, qColCode, first, qColCode, max(last, first))},
		{Name: questionnaire.NameAnswers, RefersTo: rangeRef(sheet, qColAnswer, first, qColAnswer, max(last, first))},
		{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$" + strconv.Itoa(qRowHeader) + ":$" + strconv.Itoa(qRowHeader), Scope: sheet},
	}
	for _, dn := range names {
		if err := q.f.SetDefinedName(&dn); err != nil {
			return err
		}
	}
	q.f.SetActiveSheet(0)
	return q.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true})
}

// paragraph writes a text across the sheet's width, wrapped.
func (q *form) paragraph(s *sheetWriter, text string, style int) {
	if text == "" {
		s.skip(1)
		return
	}
	row := s.line(styledCell{V: text, Style: style, Spill: true})
	if s.err == nil {
		s.err = q.merge(row, qLineCount(text, 160))
	}
}

// merge joins the cells of a row across the sheet; lines > 0 sets the
// height for that many lines of text.
func (q *form) merge(row, lines int) error {
	sheet := q.t.SheetQuestionnaire
	if err := q.f.MergeCell(sheet, cellName(qColNo, row), cellName(qColNote, row)); err != nil {
		return err
	}
	if lines > 0 {
		return q.f.SetRowHeight(sheet, row, rowHeight(lines, 3))
	}
	return nil
}

// qLineCount estimates how many lines text takes in a column of width
// characters.
func qLineCount(text string, width int) int {
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n += max(1, (utf8.RuneCountInString(line)*11/10+width-1)/width)
	}
	return n
}

// qSection is a heading of the questionnaire and its questions.
type qSection struct {
	title     string
	questions []int
}

// questionSections orders the questions as the model's tree does: one
// qSection per top-level dimension, each question once, where it is first
// used; questions no indicator uses (asked for context) come last.
func questionSections(m *scoring.Model, other string) []qSection {
	var out []qSection
	seen := make([]bool, len(m.Questions))
	for _, n := range m.Nodes {
		if n.Depth == 1 {
			out = append(out, qSection{title: n.Name})
		}
		if n.Kind != scoring.KindIndicator || len(out) == 0 {
			continue
		}
		for _, qi := range n.Questions {
			if !seen[qi] {
				seen[qi] = true
				out[len(out)-1].questions = append(out[len(out)-1].questions, qi)
			}
		}
	}
	var rest []int
	for qi, s := range seen {
		if !s {
			rest = append(rest, qi)
		}
	}
	if len(rest) > 0 {
		out = append(out, qSection{title: other, questions: rest})
	}
	return slices.DeleteFunc(out, func(s qSection) bool { return len(s.questions) == 0 })
}

// qExtraCodes returns the scale's codes for "don't know" and "not
// applicable", which the questionnaire offers besides the answers; codes
// for "not answered" are not offered: an empty cell says that.
func qExtraCodes(sc *scoring.Scale) []string {
	codes := slices.Collect(maps.Keys(sc.Missing))
	codes = slices.DeleteFunc(codes, func(c string) bool { return sc.Missing[c] == scoring.Blank })
	slices.SortFunc(codes, func(a, b string) int { return cmp.Or(cmp.Compare(sc.Missing[a], sc.Missing[b]), cmp.Compare(a, b)) })
	return codes
}

// answerLists writes the answers of every map scale a question uses, one
// column per scale, on a hidden sheet: drop-downs refer to them there, as
// an inline list cannot hold commas or more than 255 characters.
func (q *form) answerLists() error {
	q.lists = map[string]string{}
	var scales []*scoring.Scale
	for _, qq := range q.m.Questions {
		if sc := qq.Scale; sc.Kind == scoring.ScaleMap && q.lists[sc.ID] == "" {
			q.lists[sc.ID] = "?"
			scales = append(scales, sc)
		}
	}
	if len(scales) == 0 {
		return nil
	}
	name := q.t.SheetLists
	if _, err := q.f.NewSheet(name); err != nil {
		return err
	}
	slices.SortFunc(scales, func(a, b *scoring.Scale) int { return cmp.Compare(a.ID, b.ID) })
	for col, sc := range scales {
		values := append(slices.Clone(sc.Labels), qExtraCodes(sc)...)
		for row, v := range values {
			if err := q.f.SetCellStr(name, cellName(col+1, row+1), v); err != nil {
				return err
			}
		}
		q.lists[sc.ID] = rangeRef(name, col+1, 1, col+1, len(values))
	}
	return q.f.SetSheetVisible(name, false)
}

// help is the text of the notes column: the model's help, then what may
// be answered.
func (q *form) help(qq *scoring.Question) string {
	t, sc := q.t, qq.Scale
	var lines []string
	if qq.Help != "" {
		lines = append(lines, qq.Help)
	}
	switch sc.Kind {
	case scoring.ScaleMap:
		lines = append(lines, fmt.Sprintf(t.QOptions, strings.Join(sc.Labels, ", ")))
	case scoring.ScaleNumeric:
		if sc.HasMin && sc.HasMax {
			lines = append(lines, scoring.NewDescriber(t.Lang).Range(sc))
		}
	case scoring.ScaleMulti:
		items := make([]string, len(sc.Items))
		for i, it := range sc.Items {
			items[i] = it.Label
		}
		lines = append(lines, fmt.Sprintf(t.QMulti, qSeparator(sc))+": "+strings.Join(items, qSeparator(sc)+" "))
	}
	if codes := qExtraCodes(sc); len(codes) > 0 {
		lines = append(lines, fmt.Sprintf(t.QAlso, strings.Join(codes, ", ")))
	}
	return strings.Join(lines, "\n")
}

func qSeparator(sc *scoring.Scale) string {
	if sc.Separator == "" {
		return ";"
	}
	return sc.Separator
}

// validation is the data validation of a question's answer cell.
func (q *form) validation(qq *scoring.Question, cell string) *excelize.DataValidation {
	t, sc := q.t, qq.Scale
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	title := string(qq.ID)
	switch sc.Kind {
	case scoring.ScaleMap:
		dv.SetSqrefDropList(q.lists[sc.ID])
		dv.SetError(excelize.DataValidationErrorStyleStop, qClip(title, 32), t.QChoose)
		dv.SetInput(qClip(title, 32), qClip(qOr(qq.Help, t.QChoose), 255))
	case scoring.ScaleNumeric:
		dv.Type = "custom"
		dv.Formula1 = qXMLText(qNumberFormula(sc, cell))
		msg := t.QNumberAny
		if sc.HasMin && sc.HasMax {
			msg = fmt.Sprintf(t.QNumber, t.Lang.Number(sc.Min), t.Lang.Number(sc.Max))
		}
		if codes := qExtraCodes(sc); len(codes) > 0 {
			msg += " " + fmt.Sprintf(t.QAlso, t.quote(codes))
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, qClip(title, 32), qClip(msg, 255))
		dv.SetInput(qClip(title, 32), qClip(qOr(qq.Help, msg), 255))
	default:
		items := make([]string, len(sc.Items))
		for i, it := range sc.Items {
			items[i] = it.Label
		}
		dv.SetInput(qClip(title, 32), qClip(fmt.Sprintf(t.QMulti, qSeparator(sc))+": "+strings.Join(items, qSeparator(sc)+" "), 255))
	}
	return dv
}

// agsValidation prompts for the unit's id.
func (q *form) agsValidation() *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cellName(qColAnswer, qRowAGS)
	dv.SetInput(qClip(q.t.QAGSTitle, 32), qClip(q.t.QAGSPrompt, 255))
	return dv
}

// qNumberFormula accepts a number within the scale's range, or one of its
// codes for "don't know" and "not applicable". Excel keeps formulas in
// English whatever the language of its menus.
func qNumberFormula(sc *scoring.Scale, cell string) string {
	conds := []string{"ISNUMBER(" + cell + ")"}
	if sc.HasMin {
		conds = append(conds, cell+">="+strconv.FormatFloat(sc.Min, 'f', -1, 64))
	}
	if sc.HasMax {
		conds = append(conds, cell+"<="+strconv.FormatFloat(sc.Max, 'f', -1, 64))
	}
	alts := []string{"AND(" + strings.Join(conds, ",") + ")"}
	for _, c := range qExtraCodes(sc) {
		alts = append(alts, cell+`="`+strings.ReplaceAll(c, `"`, `""`)+`"`)
	}
	return "OR(" + strings.Join(alts, ",") + ")"
}

// qXMLText escapes a formula for the workbook's XML, where excelize puts
// it as it is.
func qXMLText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// quote lists codes in the quotation marks of the language.
func (t *catalog) quote(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = fmt.Sprintf(t.QQuote, c)
	}
	return strings.Join(out, ", ")
}

// qClip shortens s to at most n characters: Excel refuses longer titles
// (32) and messages (255) of data validations.
func qClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func qOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
