package survey

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

// Draft is a model drafted from an export (and the survey's structure
// file, where there is one): every question the export answers, its text,
// its answers as a scale, multi-select questions as such, and the codes
// the export uses for answers that have labels. It is a start for the
// researcher, who sets the points, weights and levels; reading the export
// against it finds every question and every answer.
type Draft struct {
	Title string
	// Platform is the tool recognised (or set), Reason why (in English);
	// ReasonSaid says Reason in parts, for scoring.Describer.Format in the
	// report language.
	Platform   Platform
	Reason     string
	ReasonSaid []scoring.Said
	Units      DraftUnits
	// Dimensions group the questions: by the structure's question groups,
	// by the codes' group prefix (G01Q01 → G01), or all in one.
	Dimensions []DraftDimension
	Scales     []DraftScale
	// Missing lists the answers that mean "not answered", "don't know" or
	// "not applicable" (scoring's missing codes: blank, unknown,
	// not_applicable).
	Missing []DraftMissing
	// Codebook maps, per scale, the codes the export writes to the labels
	// the scale lists; nil when the export writes the labels.
	Codebook map[string][]ValueLabel
	// Skipped lists the columns that are no question of a model, and why.
	Skipped []DraftSkipped
	Rows    int // data rows read
	// Long is true for an export in the long layout (a row per unit,
	// question and answer): survey.layout: long.
	Long bool
}

// DraftUnits say how the export names its units.
type DraftUnits struct {
	ID, Name       string // column headers; Name may be empty
	Municipalities bool   // the ids are AGS
	Register       string // the bundled register holding every id, or ""
}

// DraftDimension is a group of questions.
type DraftDimension struct {
	ID, Name  string
	Questions []DraftQuestion
}

// DraftQuestion is one question: an answer column, or the item columns
// of a multi-select question.
type DraftQuestion struct {
	ID, Text, Scale string
	Columns         []int // 1-based
}

// DraftScale is a scale of the draft. Kind is map, numeric or multi.
type DraftScale struct {
	ID      string
	Kind    scoring.ScaleKind
	Options []DraftOption // map: answers in the questionnaire's order
	// Numeric: the range seen, as goalposts; Comma when the export writes
	// a decimal comma, Point when it writes English numbers and some that
	// read two ways ("1,234": see numeric).
	Min, Max float64
	Comma    bool
	Point    bool
	Items    []ValueLabel // multi: item code and label
	Joined   bool         // multi: the export joins the items in one cell
	// Together (multi, joined with ", ") are the item labels read as one
	// option holding the separator ("Kreditkarte, Debitkarte"): their
	// parts were always ticked together, next to each other, in two cells
	// or more. Google Forms joins the options ticked with ", " whether or
	// not an option holds one; split, one tick counted as two items.
	Together []string
	// Guessed (map) is set when nothing told the order of the answers:
	// neither a questionnaire nor an answer scale the draft knows. They
	// are then in the order the export first shows them, or, numeric
	// codes, highest first — init asks the reader to check it.
	Guessed bool
	// Known (map) names the answer scale whose order the answers follow
	// ("ja > teilweise > nein"), when one did.
	Known string
}

// DraftOption is an answer of a map scale and its points, evenly spaced
// from 1 (the first) to 0 (the last) as a start: in the order of an
// answer scale the draft knows (answerOrders), else the order the
// questionnaire gives, else the order in which the export first shows
// them (DraftScale.Guessed).
type DraftOption struct {
	Answer string
	Points float64
}

// DraftMissing is an answer meaning not answered (blank), don't know
// (unknown) or not applicable.
type DraftMissing struct{ Answer, Status string }

// DraftSkipped is a column that became no question: Why in English,
// Reason (with Values) for a text in another language.
type DraftSkipped struct {
	Column      int
	Header, Why string
	Reason      SkipReason
	// Values is the number of different answers the column holds
	// (SkipFreeTextAnswers).
	Values int
}

// SkipReason says why a column of an export became no question.
type SkipReason uint8

const (
	// SkipOtherText: the free text of an "other" option.
	SkipOtherText SkipReason = iota + 1
	// SkipFreeText: the survey's structure says it is a free text question.
	SkipFreeText
	// SkipDates: every answer is a date or a time.
	SkipDates
	// SkipNoAnswers: no answers to learn the question's answers from.
	SkipNoAnswers
	// SkipFreeTextAnswers: too many different answers (DraftSkipped.Values
	// or more) to be a list of answers.
	SkipFreeTextAnswers
	// SkipRemarks: free text by its header (remarks, comments) whose
	// answers are mostly given once (see remarks).
	SkipRemarks
	// SkipUnshared: DraftSkipped.Values different answers, none given
	// twice: free text, not a list of answers (see remarks).
	SkipUnshared
)

// DraftOptions control how an export is drafted. The zero value drafts a
// CSV or xlsx export of any tool, recognised from its header.
type DraftOptions struct {
	Platform  Platform
	Encoding  Encoding
	Delimiter rune
	Sheet     string
	// Structure, if set, describes the survey's questions (ReadStructure).
	Structure *Structure
}

// maxOptions is the most distinct answers a column may have to be a
// question with a list of answers; more is free text (or a number).
const maxOptions = 20

// missingWords are answers that mean a missing value, by their folded
// text, with the status the model gives them.
var missingWords = map[string]string{
	"weiß nicht": "unknown", "weiss nicht": "unknown", "don't know": "unknown", "dont know": "unknown", "keine ahnung": "unknown",
	"nicht zutreffend": "not_applicable", "not applicable": "not_applicable", "entfällt": "not_applicable",
	"keine angabe": "blank", "k.a.": "blank", "k. a.": "blank", "no answer": "blank", "prefer not to say": "blank",
}

// draftColumn is what the draft learns of one column.
type draftColumn struct {
	f      int
	names  []string
	code   string // the question code the export gives it, or ""
	text   string
	values map[string]int
	order  []string // values in order of first appearance
	many   bool     // more distinct values than are kept
	// multi-select: the question (base) and option (sub, label) of an
	// item column.
	base, sub, label string
	st               *StructColumn
	longMulti        bool // long layout: several rows of a unit answer it
	// beyond sums up the answers past the kept ones (many), so that a
	// column of more than 200 different numbers — percentages with
	// decimals, counts — is still drafted as a number, not skipped as
	// free text.
	beyond numbersBeyond
}

// numbersBeyond is what the draft keeps of the answers past a column's
// kept values: whether one is no number, how the numbers are written,
// and their least and greatest under each reading (decimal auto, comma,
// point).
type numbersBeyond struct {
	other              bool
	convText, convBook convention
	ambiguous          bool
	n                  int
	lo, hi             [3]float64
}

// add sums up one answer past the kept ones. Words and tool codes for a
// missing answer join the kept values (few: missingWords, the tools'
// codes), where the draft reads them as such.
func (c *draftColumn) beyondAdd(v string) {
	if _, ok := missingWords[strings.ToLower(v)]; ok || toolMissingCode(v) {
		c.order = append(c.order, v)
		c.values[v]++
		return
	}
	nb := &c.beyond
	if _, ok := parseDraftNumber(v); !ok || nb.other {
		nb.other = true
		return
	}
	nb.convText |= numberConvention(v, false)
	nb.convBook |= numberConvention(v, true)
	nb.ambiguous = nb.ambiguous || scoring.ThousandsOrDecimal(v)
	for i, dec := range []scoring.Decimal{scoring.DecimalAuto, scoring.DecimalComma, scoring.DecimalPoint} {
		x, ok := scoring.ParseNumber(v, dec)
		if dec == scoring.DecimalAuto {
			x, ok = parseDraftNumber(v)
		}
		if !ok {
			continue
		}
		if nb.n == 0 || x < nb.lo[i] {
			nb.lo[i] = x
		}
		if nb.n == 0 || x > nb.hi[i] {
			nb.hi[i] = x
		}
	}
	nb.n++
}

// toolMissingCode reports whether v is a survey tool's code for a missing
// or faulty answer (SoSci Survey's -9, Qualtrics' -99, …).
func toolMissingCode(v string) bool {
	for _, sp := range platforms {
		if slices.Contains(sp.blank, v) || slices.Contains(sp.faulty, v) {
			return true
		}
	}
	return false
}

// DraftModel drafts a model from an export: see Draft. name is the file
// name in messages and decides the format.
func DraftModel(r io.Reader, name string, opt DraftOptions) (*Draft, error) {
	r, f, err := sniff(r, name, format(name, FormatAuto))
	if err != nil {
		return nil, withFile(err, name, "")
	}
	ropt := &Options{Platform: opt.Platform, Encoding: opt.Encoding, Delimiter: opt.Delimiter, Sheet: opt.Sheet}
	var t table
	switch f {
	case FormatXLSX:
		b, err := io.ReadAll(limitSize(r))
		if err != nil {
			return nil, &ParseError{File: name, Err: err}
		}
		if b, err = checkZip(b); err != nil {
			return nil, &ParseError{File: name, Err: fmt.Errorf("not a readable xlsx workbook: %w", err)}
		}
		t, err = newXLSXTable(bytes.NewReader(b), ropt, func(rec []string) bool { return filled(rec) >= 2 })
		if err != nil {
			return nil, withFile(err, name, "")
		}
	default:
		if t, err = newCSVTable(r, ropt, nil); err != nil { // no model: no header to recognise
			return nil, withFile(err, name, "")
		}
	}
	defer t.close()
	d, err := draft(t, ropt, opt.Structure)
	if err != nil {
		return nil, withFile(err, name, t.sheet())
	}
	return d, nil
}

func filled(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func draft(src table, opt *Options, st *Structure) (*Draft, error) {
	// A workbook's number cells are read with a decimal point whatever
	// the convention its text cells were typed in (see numeric).
	_, workbook := src.(*xlsxTable)
	hm := newHeaderMatcher(&scoring.Model{}, opt)
	t := &pushback{table: prefetch(src)}
	first, row, err := draftHeader(t, hm)
	if err != nil {
		return nil, err
	}
	h := hm.headerRows(t, first, row)
	d := &Draft{}
	detect := make([]string, len(h.cells))
	for f := range h.cells {
		detect[f] = normHeader(headerCode(h.cells[f]))
	}
	switch {
	case opt.Platform != PlatformAuto:
		why := because{}.and("", "set by survey.format", scoring.CauseFormatSet)
		d.Platform, d.Reason, d.ReasonSaid = opt.Platform, why.text, why.said
	case h.platform != PlatformAuto:
		d.Platform, d.Reason, d.ReasonSaid = h.platform, h.reason.text, h.reason.said
	default:
		var why because
		d.Platform, why = detectPlatform(detect)
		d.Reason, d.ReasonSaid = why.text, why.said
	}
	if st != nil {
		d.Title = st.Title
	}
	spec := platforms[d.Platform]
	var cols []*draftColumn
	idCol, nameCol := -1, -1
	for f := range h.cells {
		names := h.namesOf(f)
		norm := normHeader(headerCode(h.cells[f]))
		role := false
		for _, n := range names {
			if _, _, ok := spec.role(normHeader(n)); ok {
				role = true
			}
		}
		switch {
		case norm == "":
			continue
		case hm.isID(norm) && idCol < 0:
			idCol = f
			continue
		case role:
			continue
		case slices.Contains(nameSynonyms, norm) && nameCol < 0:
			nameCol = f
			continue
		case slices.Contains(districtSynonyms, norm) || slices.Contains(populationSynonyms, norm):
			continue
		}
		cols = append(cols, newDraftColumn(f, h, names, d.Platform, st))
	}
	long := newLongDraft(cols)
	if long != nil {
		d.Long = true
		cols = nil
	}
	// Which columns hold each value once: the candidates for a response
	// id. And which hold AGS only (empty cells aside): the unit id even
	// where a municipality answered twice — the importer's duplicate
	// policy settles that, and taking the tool's response id instead
	// made the AGS a question scored as a number.
	ids := make([]map[string]bool, len(h.cells))
	ags := make([]map[string]bool, len(h.cells))
	for f := range ids {
		ids[f], ags[f] = map[string]bool{}, map[string]bool{}
	}
	for {
		rec, _, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && pe.Row > 0 {
				continue // a broken record: check will name it
			}
			return nil, err
		}
		if filled(rec) == 0 {
			continue
		}
		d.Rows++
		for _, c := range cols {
			c.see(field(rec, c.f))
		}
		if long != nil {
			long.see(rec, idCol, h, d.Platform, st)
		}
		for f, seen := range ids {
			v := strings.TrimSpace(field(rec, f))
			switch {
			case seen == nil:
			case v == "" || (seen[v] && !d.Long):
				ids[f] = nil // empty or repeated: no id
			default:
				seen[v] = true
			}
			if a := ags[f]; a != nil && v != "" {
				if _, ok, _ := agsOf(v); ok {
					a[v] = true
				} else {
					ags[f] = nil
				}
			}
		}
	}
	d.units(h, idCol, nameCol, ids, ags)
	cols = slices.DeleteFunc(cols, func(c *draftColumn) bool { return h.cells[c.f] == d.Units.ID })
	if long != nil {
		cols = long.columns()
	}
	d.questions(cols, spec, st, workbook)
	return d, nil
}

// longDraft gathers, for an export in the long layout, the answers of
// each question code as a column of its own.
type longDraft struct {
	qcol, acol int
	codes      map[string]*draftColumn
	order      []string
	seen       map[[2]string]bool // unit and code: a second row makes it multi-select
	multi      map[string]bool
}

// newLongDraft recognises the long layout by its question and answer
// columns, or returns nil.
func newLongDraft(cols []*draftColumn) *longDraft {
	l := &longDraft{qcol: -1, acol: -1, codes: map[string]*draftColumn{}, seen: map[[2]string]bool{}, multi: map[string]bool{}}
	for _, c := range cols {
		n := normHeader(c.names[0])
		switch {
		case l.qcol < 0 && slices.Contains(questionColumnNames, n):
			l.qcol = c.f
		case l.acol < 0 && slices.Contains(answerColumnNames, n):
			l.acol = c.f
		}
	}
	if l.qcol < 0 || l.acol < 0 {
		return nil
	}
	return l
}

func (l *longDraft) see(rec []string, idCol int, h *header, pf Platform, st *Structure) {
	code := strings.TrimSpace(field(rec, l.qcol))
	if code == "" {
		return
	}
	c := l.codes[code]
	if c == nil {
		c = newDraftColumn(0, &header{cells: []string{code}}, []string{code}, pf, st)
		c.f, c.base = l.acol, ""
		l.codes[code] = c
		l.order = append(l.order, code)
	}
	key := [2]string{field(rec, idCol), code}
	if l.seen[key] {
		l.multi[code] = true
	}
	l.seen[key] = true
	c.see(field(rec, l.acol))
}

// columns returns the question codes as columns; a code answered in
// several rows by one unit is a multi-select question of its answers.
func (l *longDraft) columns() []*draftColumn {
	var out []*draftColumn
	for _, code := range l.order {
		c := l.codes[code]
		c.longMulti = l.multi[code]
		out = append(out, c)
	}
	return out
}

// draftHeader finds the header: the first row (of the first
// maxTitleRows) naming the id column, else the first with two cells.
func draftHeader(t *pushback, hm *headerMatcher) ([]string, int, error) {
	firstAt := -1
	for i := 0; i < maxTitleRows; i++ {
		rec, _ := t.peek(i)
		if rec == nil {
			break
		}
		if firstAt < 0 && filled(rec) >= 2 {
			firstAt = i
		}
		if hm.looksLikeHeader(rec) {
			firstAt = i
			break
		}
	}
	if firstAt < 0 {
		return nil, 0, ErrEmptyFile
	}
	for range firstAt {
		t.next()
	}
	rec, row, err := t.next()
	return rec, row, err
}

// units picks the id column: one the header names as such, else one
// whose values are all AGS (ags: each column's AGS, nil where a value is
// none), else the tool's response id, a column holding each value once
// (ids).
func (d *Draft) units(h *header, idCol, nameCol int, ids, ags []map[string]bool) {
	allAGS := func(f int) bool { return len(ags[f]) > 0 }
	if idCol < 0 {
		for f := range h.cells {
			if allAGS(f) {
				idCol = f
				break
			}
		}
	}
	if idCol < 0 {
		for f, c := range h.cells {
			switch normHeader(headerCode(c)) {
			case "id", "responseid", "respondent id", "case", "serial", "token", "response id":
				if ids[f] != nil {
					idCol = f
				}
			}
			if idCol >= 0 {
				break
			}
		}
	}
	if idCol < 0 {
		return
	}
	d.Units.ID = h.cells[idCol]
	if nameCol >= 0 {
		d.Units.Name = h.cells[nameCol]
	}
	d.Units.Municipalities = allAGS(idCol)
	if !d.Units.Municipalities {
		return
	}
	for _, name := range Registers() {
		reg, err := LoadRegister(name)
		if err != nil {
			continue
		}
		in := true
		for v := range ags[idCol] {
			id, _, _ := agsOf(v)
			if _, ok := reg.Lookup(id); !ok {
				in = false
				break
			}
		}
		if in {
			d.Units.Register = name
			return
		}
	}
}

var codeLike = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.]*(\[[^\]\s]+\])*$`)

func newDraftColumn(f int, h *header, names []string, pf Platform, st *Structure) *draftColumn {
	c := &draftColumn{f: f, names: names, values: map[string]int{}}
	cell := strings.TrimSpace(h.cells[f])
	if code, text, ok := limeHeading(cell); ok {
		c.code, c.text = code, text
	} else if codeLike.MatchString(cell) && len(cell) <= 32 && pf != PlatformSurveyMonkey {
		c.code = cell
	}
	if c.text == "" && pf != PlatformSurveyMonkey {
		for _, n := range names[1:] {
			if !strings.HasPrefix(strings.TrimSpace(n), "{") && normHeader(n) != normHeader(cell) && !codeLike.MatchString(n) {
				c.text = strings.TrimSpace(n)
				break
			}
		}
	}
	if c.text == "" && c.code == "" {
		c.text = cell
	}
	if st != nil && c.code != "" {
		c.st = st.Columns[c.code]
		if c.st == nil {
			// R and SPSS name "Q3[SQ001]" Q3_SQ001.
			c.st = st.Columns[strings.NewReplacer("[", "_", "]", "").Replace(c.code)]
		}
	}
	if st != nil && c.st == nil {
		c.st = st.ByPosition[f+1]
	}
	if c.st != nil && c.st.Text != "" {
		c.text = c.st.Text
	}
	c.splitItem(pf)
	return c
}

// splitItem finds the question and option of what may be an item column
// of a multi-select question: Q3[SQ001], A003_01, Q5_1 (with the text
// "Frage - Option"), "Frage [Option]".
func (c *draftColumn) splitItem(pf Platform) {
	if c.st != nil && c.st.Base != "" {
		c.base, c.sub, c.label = c.st.Base, strings.TrimPrefix(c.code, c.st.Base), c.st.Item
		c.sub = strings.Trim(c.sub, "[]_")
		return
	}
	code := c.code
	switch {
	case code != "" && strings.HasSuffix(code, "]") && strings.LastIndexByte(code, '[') > 0:
		i := strings.LastIndexByte(code, '[')
		c.base, c.sub = code[:i], code[i+1:len(code)-1]
	case code != "" && strings.LastIndexByte(code, '_') > 0 && allDigits(code[strings.LastIndexByte(code, '_')+1:]):
		i := strings.LastIndexByte(code, '_')
		c.base, c.sub = code[:i], code[i+1:]
	case code == "" && strings.HasSuffix(c.text, "]") && strings.LastIndexByte(c.text, '[') > 0:
		i := strings.LastIndexByte(c.text, '[')
		c.base, c.sub = strings.TrimSpace(c.text[:i]), strings.TrimSpace(c.text[i+1:len(c.text)-1])
		c.label = c.sub
	}
	if c.base == "" {
		return
	}
	// The option's label: after the last " - " (Qualtrics) or in the
	// last brackets (LimeSurvey's code-and-text heading) of the text.
	if c.label == "" {
		if i := strings.LastIndex(c.text, " - "); i > 0 {
			c.label = strings.TrimSpace(c.text[i+3:])
		} else if i := strings.LastIndexByte(c.text, '['); i > 0 && strings.HasSuffix(c.text, "]") {
			c.label = strings.TrimSpace(c.text[i+1 : len(c.text)-1])
		} else {
			c.label = c.sub
		}
	}
}

// see counts one answer of the column.
func (c *draftColumn) see(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	if _, ok := c.values[v]; !ok {
		if len(c.values) > 200 {
			c.many = true
			c.beyondAdd(v)
			return
		}
		c.order = append(c.order, v)
	}
	c.values[v]++
}

// ticks reports whether every answer of an item column is a tick of the
// tool (or the option's own label).
func (c *draftColumn) ticks(pf Platform) bool {
	if c.many {
		return false
	}
	for v := range c.values {
		lv := strings.ToLower(v)
		switch {
		case v == c.label || v == c.sub:
		case pf == PlatformSoSci && slices.Contains([]string{"1", "2", "-9", "-8", "0", "true", "false"}, lv):
		case pf == PlatformLimeSurvey && slices.Contains([]string{"y", "n", "1", "0", "n/a", "ja", "nein", "yes", "no"}, lv):
		case pf != PlatformSoSci && pf != PlatformLimeSurvey && slices.Contains([]string{"1", "0", "x"}, lv):
		default:
			return false
		}
	}
	return true
}

// questions turns the columns into questions and scales.
func (d *Draft) questions(cols []*draftColumn, spec *platformSpec, st *Structure, workbook bool) {
	// Item columns of one question: by their question, in order.
	groups := map[string][]*draftColumn{}
	var bases []string
	for _, c := range cols {
		if c.base == "" || isOtherLabel(normHeader(c.sub)) {
			continue
		}
		k := normHeader(c.base)
		if groups[k] == nil {
			bases = append(bases, k)
		}
		groups[k] = append(groups[k], c)
	}
	multi := map[*draftColumn]bool{}
	baseOf := map[string]bool{}
	for _, k := range bases {
		g := groups[k]
		known := g[0].st != nil && g[0].st.Base != ""
		ok := known || len(g) >= 2
		for _, c := range g {
			ok = ok && (known || c.ticks(d.Platform))
		}
		if ok {
			for _, c := range g {
				multi[c] = true
			}
			baseOf[k] = true
		}
	}
	b := &draftBuilder{d: d, spec: spec, scales: map[string]int{}, missing: map[string]string{}, workbook: workbook}
	done := map[string]bool{}
	for _, c := range cols {
		switch {
		case multi[c]:
			k := normHeader(c.base)
			if !done[k] {
				done[k] = true
				b.multi(groups[k])
			}
		case baseOf[normHeader(c.code)]:
			// SoSci's column of the whole multi-select question (the
			// count of ticked options, or a residual code).
		case c.base != "" && isOtherLabel(normHeader(c.sub)):
			d.skip(c, SkipOtherText, 0, "the free text of an \"other\" option")
		default:
			b.single(c)
		}
	}
	for a, s := range b.missing {
		d.Missing = append(d.Missing, DraftMissing{Answer: a, Status: s})
	}
	slices.SortFunc(d.Missing, func(x, y DraftMissing) int { return cmp.Compare(x.Answer, y.Answer) })
	d.group(st)
}

func (d *Draft) skip(c *draftColumn, reason SkipReason, values int, why string) {
	d.Skipped = append(d.Skipped, DraftSkipped{Column: c.f + 1, Header: c.names[0], Why: why, Reason: reason, Values: values})
}

type draftBuilder struct {
	d       *Draft
	spec    *platformSpec
	scales  map[string]int // options key → index in d.Scales
	missing map[string]string
	n       int // generated question ids
	// workbook: the export is a workbook, whose number cells say
	// nothing about the convention (numberConvention).
	workbook bool
}

// id returns a question's id: its code, else a generated one.
func (b *draftBuilder) id(code string) string {
	if code != "" {
		return code
	}
	b.n++
	return fmt.Sprintf("F%02d", b.n)
}

func (b *draftBuilder) add(q DraftQuestion) {
	if strings.TrimSpace(q.Text) == "" {
		q.Text = q.ID // a code is all the export says
	}
	if len(b.d.Dimensions) == 0 {
		b.d.Dimensions = []DraftDimension{{ID: "alle"}}
	}
	b.d.Dimensions[0].Questions = append(b.d.Dimensions[0].Questions, q)
}

// multi adds a multi-select question from its item columns.
func (b *draftBuilder) multi(g []*draftColumn) {
	c0 := g[0]
	code := ""
	if c0.code != "" {
		code = c0.base
	}
	text := c0.text
	if i := strings.LastIndex(text, " - "); i > 0 {
		text = strings.TrimSpace(text[:i])
	} else if i := strings.LastIndexByte(text, '['); i > 0 && strings.HasSuffix(text, "]") {
		text = strings.TrimSpace(text[:i])
	}
	if code == "" && c0.code == "" {
		text = c0.base
	}
	sc := DraftScale{Kind: scoring.ScaleMulti}
	var cols []int
	for i, c := range g {
		itemCode := c.sub
		if c0.code == "" {
			itemCode = fmt.Sprintf("o%d", i+1) // a label only: a short code for it
		}
		sc.Items = append(sc.Items, ValueLabel{Code: itemCode, Label: c.label})
		cols = append(cols, c.f+1)
	}
	id := b.id(code)
	sc.ID = "auswahl_" + slug(id)
	b.d.Scales = append(b.d.Scales, sc)
	b.add(DraftQuestion{ID: id, Text: text, Scale: sc.ID, Columns: cols})
}

// single adds a question of one column: its answers a list, a number,
// or items joined in one cell; free text is skipped.
func (b *draftBuilder) single(c *draftColumn) {
	values := make([]string, 0, len(c.order))
	for _, v := range c.order {
		if slices.Contains(b.spec.blank, v) || slices.Contains(b.spec.faulty, v) {
			continue
		}
		if s, ok := missingWords[strings.ToLower(v)]; ok {
			b.missing[v] = s
			continue
		}
		values = append(values, v)
	}
	if c.st != nil && c.st.FreeText {
		b.d.skip(c, SkipFreeText, 0, "a free text question")
		return
	}
	if len(values) > 0 && !slices.ContainsFunc(values, func(v string) bool { return !scoring.IsTimeText(v) }) {
		// A submission or meeting date with few distinct days had become
		// a list of answers scored from 1 to 0.
		b.d.skip(c, SkipDates, 0, "dates or times, not answers")
		return
	}
	if len(values) == 0 && (c.st == nil || len(c.st.Values) == 0) {
		b.d.skip(c, SkipNoAnswers, 0, "no answers to learn the question's answers from")
		return
	}
	id := b.id(c.code)
	q := DraftQuestion{ID: id, Text: c.text, Columns: []int{c.f + 1}}
	numeric := (!c.many || !c.beyond.other) && numericOptions(values) > 0 || (c.st != nil && c.st.Numeric)
	switch sc, joined := joinedItems(values, b.spec); {
	case c.longMulti:
		sc := DraftScale{ID: "auswahl_" + slug(id), Kind: scoring.ScaleMulti}
		for i, v := range values {
			sc.Items = append(sc.Items, ValueLabel{Code: fmt.Sprintf("o%d", i+1), Label: v})
		}
		b.d.Scales = append(b.d.Scales, sc)
		q.Scale = sc.ID
	case c.st != nil && len(c.st.Values) > 0:
		q.Scale = b.labelled(c, values)
	case numeric:
		q.Scale = b.numeric(id, values, &c.beyond)
	case joined:
		sc.ID = "auswahl_" + slug(id)
		b.d.Scales = append(b.d.Scales, sc)
		q.Scale = sc.ID
	case !c.many && remarks(c, values) == SkipRemarks:
		b.d.skip(c, SkipRemarks, len(values), "free text: remarks or comments by its header, answers mostly given once")
		return
	case !c.many && remarks(c, values) == SkipUnshared:
		b.d.skip(c, SkipUnshared, len(values), fmt.Sprintf("free text: %d different answers, none given twice", len(values)))
		return
	case !c.many && len(values) <= maxOptions:
		q.Scale = b.options(values, false)
	default:
		b.d.skip(c, SkipFreeTextAnswers, len(c.values), fmt.Sprintf("free text (%d different answers or more)", len(c.values)))
		return
	}
	b.add(q)
}

// remarkWords are header words of a free-text column (folded, whole
// words): "Bemerkungen", "Anmerkung", "Kommentar", "Remarks", ….
var remarkWords = map[string]bool{
	"bemerkung": true, "bemerkungen": true, "anmerkung": true, "anmerkungen": true, "kommentar": true, "kommentare": true,
	"freitext": true, "anregung": true, "anregungen": true, "erläuterung": true, "erläuterungen": true, "erlaeuterung": true,
	"erlaeuterungen": true, "begründung": true, "begruendung": true, "remark": true, "remarks": true, "comment": true,
	"comments": true, "notes": true, "feedback": true,
}

// minUnshared is the fewest different answers, none given twice, that
// make a column free text whatever its header.
const minUnshared = 5

// remarks tells a free-text column with few answers (at most maxOptions,
// so not yet free text by their number) from a list of answers, or
// returns 0. A list of answers is shared: units give the same answer, and
// a scale learned from answers each given once would be a guess. So a
// column is free text when
//
//   - its header (code or text) holds a word of remarks (remarkWords), its
//     answers are not a known answer scale (answerOrders), and at least
//     half of them were given once (SkipRemarks: a
//     question "Bemerkungen an die Verwaltung?" answered ja/nein by many
//     stays a question), or
//   - it holds minUnshared or more different answers and none was given
//     twice (SkipUnshared).
//
// A municipal survey's remarks column of a dozen comments had become a
// scored question, its comments answers with points from 1 to 0.
func remarks(c *draftColumn, values []string) SkipReason {
	once := 0
	for _, v := range values {
		if c.values[v] == 1 {
			once++
		}
	}
	// A known answer scale is a question whatever its header: a pilot's
	// "Bemerkungen erwünscht?" answered ja and nein, once each, was left
	// out as remarks.
	if _, known := answerOrder(values); len(values) > 0 && 2*once >= len(values) && known == "" &&
		remarkHeader(append([]string{c.text}, c.names...)) {
		return SkipRemarks
	}
	if len(values) >= minUnshared && once == len(values) && !answerList(values) {
		return SkipUnshared
	}
	return 0
}

// answerList says whether values read as a list of answers even when
// each was given once: a scale of answerOrders, or whole-number codes. A
// pilot of five municipalities answering "trifft voll zu" … "trifft nicht
// zu", or 1 … 5, one each, gives a question, not free text.
func answerList(values []string) bool {
	if _, known := answerOrder(values); known != "" {
		return true
	}
	for _, v := range values {
		if _, err := strconv.Atoi(strings.TrimSpace(v)); err != nil {
			return false
		}
	}
	return true
}

// remarkHeader says whether a header holds a word of remarkWords.
func remarkHeader(headers []string) bool {
	for _, h := range headers {
		for _, w := range strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if remarkWords[w] {
				return true
			}
		}
	}
	return false
}

// numericOptions says whether values are numbers rather than answer
// codes: 1 for numbers (more than a few, or with decimals, or beyond
// 0–10), -1 for codes or text.
func numericOptions(values []string) int {
	if len(values) == 0 {
		return -1
	}
	small := true
	for _, v := range values {
		x, ok := parseDraftNumber(v)
		if !ok {
			return -1
		}
		if x != float64(int64(x)) || x < -10 || x > 10 {
			small = false
		}
	}
	if small && len(values) <= 7 {
		return -1 // answer codes such as 1…5 or -1
	}
	return 1
}

func parseDraftNumber(v string) (float64, bool) {
	if x, err := strconv.ParseFloat(v, 64); err == nil {
		return x, true
	}
	return scoring.ParseNumber(v, scoring.DecimalAuto)
}

// options adds (or reuses) a map scale of the answers, points evenly
// spaced in their order: the questionnaire's (ordered), else an answer
// scale's the draft knows (answerOrder), else, marked Guessed, numeric
// codes from the highest or the order of first appearance. That order
// alone had put "teilweise: 1, nein: 0.5, ja: 0" in a draft whose first
// row answered "teilweise".
func (b *draftBuilder) options(values []string, ordered bool) string {
	known := ""
	if !ordered {
		values, known = answerOrder(values)
	}
	key := "map:" + strings.Join(values, "\x00")
	if i, ok := b.scales[key]; ok {
		return b.d.Scales[i].ID
	}
	sc := DraftScale{ID: fmt.Sprintf("antworten%d", len(b.scales)+1), Kind: scoring.ScaleMap, Known: known, Guessed: !ordered && known == "" && len(values) > 1}
	for i, v := range values {
		p := 1.0
		if len(values) > 1 {
			p = 1 - float64(i)/float64(len(values)-1)
		}
		sc.Options = append(sc.Options, DraftOption{Answer: v, Points: roundPoints(p)})
	}
	b.scales[key] = len(b.d.Scales)
	b.d.Scales = append(b.d.Scales, sc)
	return sc.ID
}

func roundPoints(p float64) float64 {
	return float64(int64(p*1000+0.5)) / 1000
}

// labelled adds a map scale of the structure's answer labels; where the
// export writes the codes, the codebook translates them.
func (b *draftBuilder) labelled(c *draftColumn, values []string) string {
	var labels []string
	codes := map[string]string{}
	for _, vl := range c.st.Values {
		if strings.HasPrefix(vl.Label, "[NA]") || slices.Contains(b.spec.blank, vl.Code) {
			continue // SoSci's "[NA] nicht beantwortet": blank to the importer
		}
		if s, ok := missingWords[strings.ToLower(vl.Label)]; ok {
			b.missing[vl.Label] = s
		} else if !slices.Contains(labels, vl.Label) {
			labels = append(labels, vl.Label)
		}
		codes[vl.Code] = vl.Label
	}
	usesCodes := false
	for _, v := range values {
		if _, isCode := codes[v]; isCode && !slices.Contains(labels, v) {
			usesCodes = true
		} else if !slices.Contains(labels, v) {
			labels = append(labels, v) // seen in the export, not in the structure
		}
	}
	id := b.options(labels, true)
	if usesCodes {
		if b.d.Codebook == nil {
			b.d.Codebook = map[string][]ValueLabel{}
		}
		if b.d.Codebook[id] == nil {
			for _, vl := range c.st.Values {
				if label, ok := codes[vl.Code]; ok && label != "" && !strings.HasPrefix(label, "[NA]") {
					b.d.Codebook[id] = append(b.d.Codebook[id], ValueLabel{Code: vl.Code, Label: label})
				}
			}
		}
	}
	return id
}

// numeric adds a numeric scale over the range seen: of values and of the
// numbers beyond them.
func (b *draftBuilder) numeric(id string, values []string, beyond *numbersBeyond) string {
	sc := DraftScale{ID: "zahl_" + slug(id), Kind: scoring.ScaleNumeric}
	// "1.234" is 1234 in a German export, 1.234 in an English one, and
	// "1,234" the other way round; under decimal: auto both are refused
	// where the column does not tell (see decimalColumns). The column's
	// other numbers decide the draft's decimal: German ones ("3,5",
	// "1.234.567") make it comma, English ones ("3.5", "1,234.5") point
	// when an ambiguous number needs it; with neither, German is the
	// guess (comma); with both, auto reads each number that reads one
	// way only as it is written and refuses the others with a finding.
	// The config says it, and the researcher sees and may change it.
	// In a workbook a decimal point says nothing, as to the importer: its
	// number cells have one whatever the text cells beside them were
	// typed as, so "12.5" from a number cell beside a text cell "1.500"
	// made the draft decimal: point, and 1500 read as 1.5.
	ambiguous := false
	var conv convention
	for _, v := range values {
		ambiguous = ambiguous || scoring.ThousandsOrDecimal(strings.TrimSpace(v))
		conv |= numberConvention(v, b.workbook)
	}
	ambiguous = ambiguous || beyond.ambiguous
	if b.workbook {
		conv |= beyond.convBook
	} else {
		conv |= beyond.convText
	}
	switch conv {
	case german:
		sc.Comma = true
	case english:
		sc.Point = ambiguous
	case 0:
		sc.Comma = ambiguous
	}
	for i, v := range values {
		x, _ := parseDraftNumber(v)
		switch {
		case sc.Comma:
			if b.workbook {
				v, _ = numberCellWithComma(strings.TrimSpace(v)) // as the importer reads it
			}
			x, _ = scoring.ParseNumber(v, scoring.DecimalComma)
		case sc.Point:
			x, _ = scoring.ParseNumber(v, scoring.DecimalPoint)
		}
		if i == 0 || x < sc.Min {
			sc.Min = x
		}
		if i == 0 || x > sc.Max {
			sc.Max = x
		}
	}
	if beyond.n > 0 {
		r := 0
		switch {
		case sc.Comma:
			r = 1
		case sc.Point:
			r = 2
		}
		sc.Min, sc.Max = min(sc.Min, beyond.lo[r]), max(sc.Max, beyond.hi[r])
	}
	if sc.Max <= sc.Min {
		sc.Max = sc.Min + 1
	}
	b.d.Scales = append(b.d.Scales, sc)
	return sc.ID
}

// joinedItems recognises a multi-select question whose items the tool
// joins in one cell (Microsoft Forms "A;B;", Google Forms "A, B"): at
// least two answers are joined, and some item also stands alone.
func joinedItems(values []string, spec *platformSpec) (DraftScale, bool) {
	seps := spec.joined
	if len(seps) == 0 {
		seps = []string{";"} // a scale's own separator, as spreadsheets join
	}
	for _, sep := range seps {
		var items []string
		joined, alone := 0, map[string]bool{}
		for _, v := range values {
			parts := strings.Split(strings.TrimSuffix(v, ";"), sep)
			if len(parts) > 1 {
				joined++
			} else {
				alone[strings.TrimSpace(parts[0])] = true
			}
			for _, p := range parts {
				if p = strings.TrimSpace(p); p != "" && !slices.Contains(items, p) {
					items = append(items, p)
				}
			}
		}
		single := 0
		for _, it := range items {
			if alone[it] {
				single++
			}
		}
		trailing := sep == ";" && len(values) > 0 && !slices.ContainsFunc(values, func(v string) bool { return !strings.HasSuffix(v, ";") })
		if (joined >= 2 && single >= 1 || trailing) && len(items) <= maxOptions {
			sc := DraftScale{Kind: scoring.ScaleMulti, Joined: true}
			if strings.TrimSpace(sep) == "," {
				items, sc.Together = together(values, sep, items)
			}
			for i, it := range items {
				sc.Items = append(sc.Items, ValueLabel{Code: fmt.Sprintf("o%d", i+1), Label: it})
			}
			return sc, true
		}
	}
	return DraftScale{}, false
}

// together joins the parts of items that are one option holding the
// separator sep: a part always directly followed by the same other part,
// that one always directly preceded by it, in two cells or more (options
// are joined in the questionnaire's order). It returns the items with
// such runs joined ("Kreditkarte, Debitkarte") and the joined labels.
func together(values []string, sep string, items []string) ([]string, []string) {
	cells := map[string]int{}    // cells holding a part
	next := map[string]string{}  // the part always right after it, "" if none or varying
	prev := map[string]string{}  // the part always right before it
	varies := map[string]bool{}  // next differs between cells (or is missing)
	variesP := map[string]bool{} // prev differs
	for _, v := range values {
		var parts []string
		for _, p := range strings.Split(strings.TrimSuffix(v, ";"), sep) {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		for i, p := range parts {
			cells[p]++
			n, b := "", ""
			if i+1 < len(parts) {
				n = parts[i+1]
			}
			if i > 0 {
				b = parts[i-1]
			}
			if c, ok := next[p]; ok && c != n || n == "" {
				varies[p] = true
			}
			next[p] = n
			if c, ok := prev[p]; ok && c != b || b == "" {
				variesP[p] = true
			}
			prev[p] = b
		}
	}
	glued := func(p string) bool { // p and the part after it are one option
		n := next[p]
		return !varies[p] && n != "" && !variesP[n] && prev[n] == p && cells[p] == cells[n] && cells[p] >= 2
	}
	var out, joined []string
	inRun := map[string]bool{}
	for _, it := range items {
		if inRun[it] {
			continue
		}
		label := it
		for p := it; glued(p) && !inRun[next[p]]; p = next[p] {
			inRun[next[p]] = true
			label += strings.TrimRight(sep, " ") + " " + next[p]
		}
		if label != it {
			joined = append(joined, label)
		}
		out = append(out, label)
	}
	return out, joined
}

// group sorts the questions into dimensions: the structure's groups, the
// group prefix of LimeSurvey's codes (G01Q01), or one dimension.
func (d *Draft) group(st *Structure) {
	if len(d.Dimensions) == 0 {
		return
	}
	qs := d.Dimensions[0].Questions
	groupOf := func(q DraftQuestion) (string, string) {
		if st != nil {
			for code, c := range st.Columns {
				if (code == q.ID || c.Base == q.ID) && c.Group != "" {
					return c.Group, c.Group
				}
			}
		}
		if m := limeGroup.FindStringSubmatch(q.ID); m != nil {
			return m[1], "Gruppe " + m[1]
		}
		return "alle", "Alle Fragen"
	}
	var dims []DraftDimension
	index := map[string]int{}
	for _, q := range qs {
		key, name := groupOf(q)
		i, ok := index[key]
		if !ok {
			i = len(dims)
			index[key] = i
			dims = append(dims, DraftDimension{ID: slug(key), Name: name})
		}
		dims[i].Questions = append(dims[i].Questions, q)
	}
	d.Dimensions = dims
}

var limeGroup = regexp.MustCompile(`^(G\d+)Q\d+`)

// slug makes an id of a text: lower case letters, digits and "_".
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(foldName(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		return "x"
	}
	if out[0] >= '0' && out[0] <= '9' {
		return "n" + out
	}
	return out
}

// answerOrders are the ordered answer scales of German and English
// surveys the draft recognises, best answer first: each answer with its
// rank (answers of one rank are spellings of one step).
var answerOrders = [][][]string{
	{{"ja"}, {"teilweise", "zum teil", "teils"}, {"nein"}},
	{{"ja"}, {"in planung", "geplant"}, {"nein"}},
	{{"vorhanden"}, {"in planung", "geplant"}, {"nicht vorhanden"}},
	{{"umgesetzt", "eingeführt"}, {"in umsetzung", "in einführung"}, {"geplant", "in planung"}, {"nicht geplant"}},
	{{"trifft voll zu", "trifft voll und ganz zu", "trifft völlig zu"}, {"trifft eher zu", "trifft zu"}, {"teils/teils", "teils, teils", "teils-teils", "weder noch"}, {"trifft eher nicht zu"}, {"trifft nicht zu"}, {"trifft überhaupt nicht zu", "trifft gar nicht zu"}},
	{{"vollständig", "voll und ganz"}, {"weitgehend", "überwiegend"}, {"teilweise", "zum teil"}, {"ansatzweise", "kaum", "wenig"}, {"nicht", "gar nicht", "überhaupt nicht"}},
	{{"sehr gut"}, {"gut"}, {"eher gut"}, {"befriedigend", "mittel", "mittelmäßig"}, {"eher schlecht", "ausreichend"}, {"schlecht", "mangelhaft"}, {"sehr schlecht", "ungenügend"}},
	{{"sehr hoch"}, {"hoch"}, {"mittel"}, {"niedrig", "gering"}, {"sehr niedrig", "sehr gering"}},
	{{"immer"}, {"sehr oft", "sehr häufig"}, {"oft", "häufig"}, {"manchmal", "gelegentlich"}, {"selten"}, {"nie"}},
	{{"yes"}, {"partly", "partially", "in part"}, {"no"}},
	{{"strongly agree"}, {"agree"}, {"neutral", "neither agree nor disagree"}, {"disagree"}, {"strongly disagree"}},
	{{"always"}, {"often"}, {"sometimes"}, {"rarely"}, {"never"}},
}

// answerOrder returns values in the order of the first answer scale of
// answerOrders that holds every one of them at a rank of its own (case and
// spaces aside), with that scale's answers as its name; else numeric codes
// ("1" … "5") from the highest, else values as they are, and "".
func answerOrder(values []string) ([]string, string) {
	if len(values) < 2 {
		return values, ""
	}
	norm := func(v string) string { return strings.Join(strings.Fields(strings.ToLower(v)), " ") }
	for _, order := range answerOrders {
		rank := make([]int, len(values))
		taken := map[int]bool{}
		ok := true
		for i, v := range values {
			rank[i] = slices.IndexFunc(order, func(spellings []string) bool { return slices.Contains(spellings, norm(v)) })
			if rank[i] < 0 || taken[rank[i]] {
				ok = false
				break
			}
			taken[rank[i]] = true
		}
		if !ok {
			continue
		}
		out := slices.Clone(values)
		idx := make([]int, len(values))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return rank[a] - rank[b] })
		names := make([]string, len(values))
		for k, i := range idx {
			out[k], names[k] = values[i], norm(values[i])
		}
		return out, strings.Join(names, " > ")
	}
	nums := make([]float64, len(values))
	for i, v := range values {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return values, ""
		}
		nums[i] = x
	}
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(nums[b], nums[a]) })
	out := make([]string, len(values))
	for k, i := range idx {
		out[k] = values[i]
	}
	return out, ""
}
