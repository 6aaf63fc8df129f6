package survey

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// ErrHeaderRows wraps the refusal of a file whose first rows below the
// header look like more header rows rather than answers: scored, they
// would become units with nonsense answers.
var ErrHeaderRows = errors.New("header rows not understood")

// header is what the header rows of a file say about each column.
type header struct {
	row, rows int      // the first header row (1-based), and how many there are
	cells     []string // the row that names the columns
	// forms holds, per field, further names of the column: the question
	// text below a code, a SurveyMonkey option, a Qualtrics import id.
	forms [][]string
	// shown is each column's header as the column map shows it; nil:
	// cells.
	shown []string
	// platform is the tool recognised by its header rows (Qualtrics,
	// SurveyMonkey), and why; PlatformAuto when one row said it all.
	platform Platform
	reason   because
}

// namesOf returns every name of field f, the row's own first: the cell,
// for a LimeSurvey "code. text" heading its code and text, then what
// further header rows say.
func (h *header) namesOf(f int) []string {
	names := []string{h.cells[f]}
	if code, text, ok := limeHeading(h.cells[f]); ok {
		names = append(names, code, text)
	}
	if f < len(h.forms) {
		names = append(names, h.forms[f]...)
	}
	return names
}

func (h *header) shownOf(f int) string {
	if f < len(h.shown) && h.shown[f] != "" {
		return h.shown[f]
	}
	return h.cells[f]
}

// limeHeadingPattern matches LimeSurvey's "question code & question text"
// headings: "G01Q01. Wie …", "G02Q03[SQ001]. Welche …? [ePayBL]",
// "id. Response ID", "attribute_1. Gemeinde".
var limeHeadingPattern = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*(?:\[[^\][\s]+\])*)\. (.+)$`)

// limeHeading splits a LimeSurvey code-and-text heading.
func limeHeading(h string) (code, text string, ok bool) {
	m := limeHeadingPattern.FindStringSubmatch(strings.TrimSpace(h))
	if m == nil {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

// pushback lets the header reader look at the rows below the header and
// leave those that are answers for the reader.
type pushback struct {
	table
	held []record
}

func (p *pushback) next() ([]string, int, error) {
	if len(p.held) > 0 {
		r := p.held[0]
		p.held = p.held[1:]
		return r.rec, r.row, r.err
	}
	return p.table.next()
}

// peek returns the i-th record ahead (0: the next) without taking it; a
// record that cannot be read comes back as nil.
func (p *pushback) peek(i int) ([]string, int) {
	for len(p.held) <= i {
		rec, row, err := p.table.next()
		if rec != nil {
			rec = slices.Clone(rec)
		}
		p.held = append(p.held, record{rec: rec, row: row, err: err})
		if err != nil {
			break
		}
	}
	if i >= len(p.held) || p.held[i].err != nil {
		return nil, 0
	}
	return p.held[i].rec, p.held[i].row
}

// take drops the next record, which peek has shown to be a header row.
func (p *pushback) take() { p.held = p.held[1:] }

// headerRows reads the header rows that follow the first one, where a
// tool writes them: Qualtrics' question texts and import ids, its legacy
// export's names under V1…V10, SurveyMonkey's options, or any export's
// row of question texts under the codes.
func (hm *headerMatcher) headerRows(t *pushback, first []string, row int) *header {
	h := &header{row: row, rows: 1, cells: first}
	norm := make([]string, len(first))
	for f := range first {
		norm[f] = normHeader(headerCode(first[f]))
	}
	pf := hm.opt.Platform
	if pf == PlatformAuto {
		pf, _ = detectPlatform(norm)
	}
	switch {
	case pf == PlatformQualtrics || (hm.opt.Platform == PlatformAuto && legacyQualtrics(norm, t)):
		h.qualtrics(t, norm)
	case pf == PlatformSurveyMonkey:
		h.surveyMonkey(t, norm)
	default:
		hm.textRow(t, h)
	}
	return h
}

// headerCode is a LimeSurvey heading's code, or the header.
func headerCode(h string) string {
	if code, _, ok := limeHeading(h); ok {
		return code
	}
	return h
}

var vColumn = regexp.MustCompile(`^v[0-9]+$`)

// legacyQualtrics recognises Qualtrics' legacy export: V1, V2, … over
// ResponseID, ResponseSet, ….
func legacyQualtrics(norm []string, t *pushback) bool {
	if len(norm) < 2 || norm[0] != "v1" || norm[1] != "v2" {
		return false
	}
	r2, _ := t.peek(0)
	return len(r2) > 1 && normHeader(r2[0]) == "responseid"
}

// qualtrics takes Qualtrics' second and third header rows.
func (h *header) qualtrics(t *pushback, norm []string) {
	h.platform = PlatformQualtrics
	r2, _ := t.peek(0)
	if r2 == nil {
		return
	}
	legacy := len(norm) > 1 && norm[0] == "v1" && len(r2) > 0 && normHeader(r2[0]) == "responseid"
	texts := legacy
	for f, nh := range norm {
		switch nh {
		case "startdate", "enddate", "responseid", "recordeddate":
			if normHeader(field(r2, f)) == map[string]string{"startdate": "start date", "enddate": "end date",
				"responseid": "response id", "recordeddate": "recorded date"}[nh] {
				texts = true
			}
		}
	}
	if !texts {
		h.reason = because{}.and("", "columns StartDate, EndDate, … (no row of question texts below them)", scoring.CauseFormatQualtricsNoTexts)
		return
	}
	t.take()
	h.rows = 2
	h.forms = make([][]string, len(h.cells))
	h.shown = make([]string, len(h.cells))
	h.cells = slices.Clone(h.cells)
	for f := range h.cells {
		text := field(r2, f)
		switch {
		case legacy && vColumn.MatchString(norm[f]):
			// V1…V10 are named in the second row.
			h.cells[f], h.shown[f] = text, h.cells[f]+" | "+text
		case strings.TrimSpace(text) != "" && normHeader(text) != norm[f]:
			h.forms[f] = append(h.forms[f], text)
			if i := strings.LastIndex(text, " - "); i > 0 {
				// "Frage - Option" (a choice, a matrix row) read as a
				// grid row, "Frage [Option]".
				h.forms[f] = append(h.forms[f], text[:i]+" ["+text[i+3:]+"]")
			}
			h.shown[f] = h.cells[f] + " | " + text
		}
	}
	if legacy {
		h.reason = because{}.and("", "legacy export: V1, V2, … over ResponseID, ResponseSet, … in row 2", scoring.CauseFormatQualtricsLegacy)
		return
	}
	h.reason = because{}.and("", "columns StartDate, EndDate, …; question texts in row 2", scoring.CauseFormatQualtricsTexts)
	r3, _ := t.peek(0)
	if ids := importIDs(r3); ids != nil {
		t.take()
		h.rows = 3
		h.reason = h.reason.and(", ", "import ids in row 3", scoring.CauseFormatImportIDs, "3")
		for f, id := range ids {
			if f < len(h.forms) && id != "" {
				h.forms[f] = append(h.forms[f], id)
			}
		}
	}
}

// importIDs reads a row of Qualtrics import ids ({"ImportId":"QID1"}), or
// returns nil when most of the row is none.
func importIDs(rec []string) []string {
	ids := make([]string, len(rec))
	n, filled := 0, 0
	for f, c := range rec {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		filled++
		var v struct {
			ImportID string `json:"ImportId"`
		}
		if strings.HasPrefix(c, "{") && json.Unmarshal([]byte(c), &v) == nil && v.ImportID != "" {
			ids[f] = v.ImportID
			n++
		}
	}
	if filled == 0 || 2*n < filled {
		return nil
	}
	return ids
}

// surveyMonkeyLabels are second-row cells that name no option: the
// column holds the question's whole answer.
var surveyMonkeyLabels = []string{"response", "open-ended response", "antwort", "offene antwort"}

// surveyMonkey takes SurveyMonkey's second header row: a column with an
// empty first cell belongs to the question to its left, and the second
// row names its option (or matrix row).
func (h *header) surveyMonkey(t *pushback, norm []string) {
	h.platform = PlatformSurveyMonkey
	h.reason = because{}.and("", "columns Respondent ID, Collector ID", scoring.CauseFormatColumns, "Respondent ID, Collector ID")
	id := slices.Index(norm, "respondent id")
	r2, _ := t.peek(0)
	if r2 == nil || id < 0 || strings.TrimSpace(field(r2, id)) != "" {
		return // no second header row: a condensed export's data follow
	}
	t.take()
	h.rows = 2
	h.reason = h.reason.and("; ", "options in row 2", scoring.CauseFormatOptionsRow, "2")
	h.forms = make([][]string, len(h.cells))
	h.shown = make([]string, len(h.cells))
	cells := slices.Clone(h.cells)
	question := ""
	for f := range cells {
		if strings.TrimSpace(cells[f]) != "" {
			question = cells[f]
		} else {
			cells[f] = question
		}
		opt := strings.TrimSpace(field(r2, f))
		h.shown[f] = cells[f]
		if opt == "" || slices.Contains(surveyMonkeyLabels, normHeader(opt)) {
			continue
		}
		h.shown[f] += " | " + opt
		if question != "" {
			// An option or matrix row: named like a grid row, "Frage
			// [Option]", or "Frage - Option".
			h.forms[f] = []string{question + " - " + opt}
			cells[f] = question + " [" + opt + "]"
		}
	}
	h.cells = cells
}

// textRow takes a row of question texts under a row of codes, as
// exports with "codes and texts" write it: at least two of its cells name
// the question their column's code names, by text or alias, and none
// names another. Qualtrics import ids in the row below it are taken too.
func (hm *headerMatcher) textRow(t *pushback, h *header) {
	r2, row := t.peek(0)
	if r2 == nil {
		return
	}
	same := 0
	for f, c := range r2 {
		nc := normHeader(c)
		if nc == "" || f >= len(h.cells) || nc == normHeader(h.cells[f]) {
			continue
		}
		named := hm.idx.norm[nc]
		if len(named) == 0 {
			continue
		}
		code := hm.idx.lookup(headerCode(h.cells[f]), normHeader(headerCode(h.cells[f])))
		if len(code) == 1 && !slices.Contains(named, code[0]) {
			return // a text of another question: not this file's header
		}
		same++
	}
	if same < 2 {
		return
	}
	t.take()
	h.rows = 2
	h.reason = because{}.and("", fmt.Sprintf("a row of question texts below the header (row %d)", row), scoring.CauseFormatTextsRow, strconv.Itoa(row))
	h.forms = make([][]string, len(h.cells))
	h.shown = make([]string, len(h.cells))
	for f := range h.cells {
		if text := field(r2, f); strings.TrimSpace(text) != "" {
			h.forms[f] = []string{text}
			h.shown[f] = h.cells[f] + " | " + text
		}
	}
	if r3, row3 := t.peek(0); importIDs(r3) != nil {
		t.take()
		h.rows = 3
		h.reason = h.reason.and(" ", fmt.Sprintf("and Qualtrics import ids (row %d)", row3), scoring.CauseFormatImportIDs, strconv.Itoa(row3))
	}
}

// headerLike says why the first row below the header looks like another
// header row rather than answers, or returns "": it holds Qualtrics import
// ids, its unit id is a column name, or two or more of its answers are
// question texts of the model.
func (r *reader) headerLike(rec []string) string {
	p, hm := r.p, r.hm
	if importIDs(rec) != nil {
		return `it holds Qualtrics import ids ({"ImportId": …}); set survey.format: qualtrics`
	}
	key := p.id
	if p.byName {
		key = p.name
	}
	if v := normHeader(field(rec, key)); v != "" && (hm.isID(v) || slices.Contains(nameSynonyms, v) ||
		slices.Contains([]string{"response id", "respondent id", "antwort id", "external data reference", "externe datenreferenz"}, v)) {
		return fmt.Sprintf("its unit id %q is a column name", strings.TrimSpace(field(rec, key)))
	}
	var texts []string
	for q, f := range p.direct {
		v := strings.TrimSpace(field(rec, f))
		if v == "" || len(hm.idx.norm[normHeader(v)]) == 0 {
			continue
		}
		if sc := r.m.Questions[q].Scale; sc != nil && sc.Parse(v).Status != scoring.Invalid {
			continue // an answer of the scale that happens to read like a question
		}
		texts = append(texts, fmt.Sprintf("%q (column %d)", clip(v, 40), f+1))
	}
	if len(texts) >= 2 {
		return "its cells are question texts, not answers: " + strings.Join(texts[:min(len(texts), 3)], ", ")
	}
	return ""
}

// refuseHeaderLike is the error for a first data row that looks like a
// header row.
func refuseHeaderLike(row int, why string) error {
	return &ParseError{Row: row, Err: fmt.Errorf("%w: row %d looks like a further header row, not answers: %s. "+
		"Exports with several header rows are read as Qualtrics or SurveyMonkey wrote them (survey.format), or with a row of question texts under the codes; otherwise delete the extra rows",
		ErrHeaderRows, row, why)}
}
