package survey

import (
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

// plan is the mapping of one file's header to the model: which field holds
// the unit id, name and attributes, the wave, the tool's time and
// completion marks, and every question.
type plan struct {
	platform Platform
	width    int // fields in the header

	id, name, district, population, wave int // field index, -1 if absent
	when, complete                       int
	status                               int // Qualtrics' response type, -1 if absent
	// completeRule says how the complete field is read.
	completeRule completeRule
	byName       bool // units are found by name in the register
	attrs        []attrCol

	// direct[q] is the field holding question q's whole answer, or -1.
	direct []int
	// multi lists questions assembled from one column per item.
	multi []multiCol
	// cells lists the questions whose raw answers are translated before
	// scoring (codebook, the tool's missing codes, joined multi-selects).
	cells []cellRule
	// columns[q] is the 1-based column reported for question q.
	columns []int
	// cols says what each field of the header was taken for (the
	// column map 'reifegrad check' shows).
	cols []scoring.InputColumn
	// missing lists the questions without a column, with the unused
	// columns that look most like them.
	missing []missingQuestion
	// reason says why the platform was recognised.
	reason because
}

// missingQuestion is a question without a column in one input.
type missingQuestion struct {
	q    int
	near []suggestion
}

type attrCol struct {
	attr  string
	field int
}

// completeRule reads a tool's completion mark.
type completeRule uint8

const (
	completeNone     completeRule = iota // the tool has none: every row is complete
	completeIfFilled                     // a time that is empty until submitted (LimeSurvey submitdate)
	completeIfTrue                       // a flag: 1/TRUE/T (SoSci Survey FINISHED)
)

// multiCol is a multi-select question exported as one column per item, as
// LimeSurvey ("Q3[SQ001]" = "Y"), SoSci Survey ("A003_01" = 2) and
// spreadsheet forms with a tick column per option do.
type multiCol struct {
	q     int
	items []itemCol
	// base is SoSci Survey's question column next to its items, which
	// holds the number of ticked items or a negative residual code; -1.
	base int
}

type itemCol struct {
	field int
	item  int
	other bool // LimeSurvey's "Q[other]" free text: ticked when filled
}

// idSynonyms are the headers taken as the AGS column when the id column is
// left at its default.
var idSynonyms = []string{"ags", "gemeindeschlüssel", "gemeindeschluessel", "amtlicher gemeindeschlüssel",
	"amtlicher gemeindeschluessel", "gemeindekennziffer", "gkz", "ags-nr", "ags-nr.", "ags nr"}

var (
	nameSynonyms       = []string{"name", "gemeinde", "kommune", "gemeindename", "name der kommune", "name der gemeinde", "municipality"}
	districtSynonyms   = []string{"district", "landkreis", "kreis"}
	populationSynonyms = []string{"population", "einwohner", "einwohnerzahl"}
)

// headerMatcher classifies the normalised headers of one file.
type headerMatcher struct {
	m       *scoring.Model
	opt     *Options
	idx     *headerIndex
	idNames []string
	// pointNumbers: the table is a workbook, whose number cells are
	// read with a decimal point whatever the locale.
	pointNumbers bool
}

func newHeaderMatcher(m *scoring.Model, opt *Options) *headerMatcher {
	hm := &headerMatcher{m: m, opt: opt, idx: newHeaderIndex(m, opt.Codebook)}
	switch id := normHeader(opt.IDColumn); id {
	case "", "ags":
		hm.idNames = idSynonyms
	default:
		hm.idNames = []string{id}
	}
	return hm
}

// isIDHeader reports whether a normalised header names the id column.
func (hm *headerMatcher) isID(nh string) bool { return slices.Contains(hm.idNames, nh) }

func (hm *headerMatcher) isName(nh string) bool {
	return matches(nh, hm.opt.NameColumn, nameSynonyms...)
}

// looksLikeHeader reports whether a record is the header row: it names
// the id column, or (when units may be found by name) the name column.
func (hm *headerMatcher) looksLikeHeader(rec []string) bool {
	for _, h := range rec {
		nh := normHeader(headerCode(h))
		if hm.opt.Match != MatchName && (hm.isID(nh) || hm.isID(normHeader(h))) {
			return true
		}
		if hm.opt.Match != MatchID && hm.opt.Register != nil && hm.isName(nh) {
			return true
		}
	}
	return false
}

// mapHeader builds the plan for a header row. Questions are found by
// code, text, alias or codebook column after normalising (see
// normHeader); a multi-select question may instead be spread over item
// columns. All problems are returned together.
func (hm *headerMatcher) mapHeader(hdr []string) (*plan, error) {
	return hm.mapHeaderRows(&header{row: 1, rows: 1, cells: hdr})
}

// mapHeaderRows builds the plan for a file's header rows: every name a
// column has (its code, a LimeSurvey heading's code and text, the text or
// option of a further header row) is tried in turn.
func (hm *headerMatcher) mapHeaderRows(h *header) (*plan, error) {
	m, opt := hm.m, hm.opt
	hdr := h.cells
	names := make([][]string, len(hdr))
	norms := make([][]string, len(hdr))
	detect := make([]string, len(hdr))
	for f := range hdr {
		names[f] = h.namesOf(f)
		for _, n := range names[f] {
			norms[f] = append(norms[f], normHeader(n))
		}
		detect[f] = normHeader(headerCode(hdr[f]))
	}
	pf, reason := opt.Platform, because{}.and("", "set by survey.format", scoring.CauseFormatSet)
	switch {
	case pf != PlatformAuto:
		reason = reason.then(h.reason)
	case h.platform != PlatformAuto:
		pf, reason = h.platform, h.reason
	default:
		pf, reason = detectPlatform(detect)
		reason = reason.then(h.reason)
	}
	spec := platforms[pf]
	p := &plan{platform: pf, reason: reason, width: len(hdr), id: -1, name: -1, district: -1, population: -1, wave: -1, when: -1, complete: -1, status: -1,
		direct: make([]int, len(m.Questions)), columns: make([]int, len(m.Questions)), cols: make([]scoring.InputColumn, len(hdr))}
	for i := range p.direct {
		p.direct[i] = -1
	}
	for f := range hdr {
		p.cols[f] = scoring.InputColumn{Column: f + 1, Header: h.shownOf(f)}
	}
	var errs []error
	set := func(slot *int, f int, role scoring.ColumnRole) {
		if *slot >= 0 {
			errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("two %s columns: %d (%q) and %d (%q)", role, *slot+1, hdr[*slot], f+1, hdr[f])})
			return
		}
		*slot = f
		p.cols[f].Role = role
	}
	multi := map[int]*multiCol{}
	var unmatched []int
	timeRank := -1
	for f := range hdr {
		if !slices.ContainsFunc(norms[f], func(s string) bool { return s != "" }) || hm.unitColumnOf(p, spec, f, norms[f], set, &timeRank) {
			continue
		}
		q, err := hm.questionOf(names[f], norms[f])
		if err != nil {
			errs = append(errs, &ParseError{Column: f + 1, Err: err})
			continue
		}
		if q >= 0 {
			if p.direct[q] >= 0 {
				errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("question %s has two columns: %d (%q) and %d (%q)",
					m.Questions[q].ID, p.direct[q]+1, hdr[p.direct[q]], f+1, hdr[f])})
				continue
			}
			p.direct[q] = f
			continue
		}
		q, it, ok, err := hm.itemColumnOf(names[f], pf)
		if err != nil {
			errs = append(errs, &ParseError{Column: f + 1, Err: err})
			continue
		}
		if ok {
			mc := multi[q]
			if mc == nil {
				mc = &multiCol{q: q, base: -1}
				multi[q] = mc
			}
			if i := slices.IndexFunc(mc.items, func(c itemCol) bool { return c.item == it.item && !c.other && !it.other }); i >= 0 {
				errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("item %q of question %s has two columns: %d (%q) and %d (%q)",
					m.Questions[q].Scale.Items[it.item].Code, m.Questions[q].ID, mc.items[i].field+1, hdr[mc.items[i].field], f+1, hdr[f])})
				continue
			}
			it.field = f
			mc.items = append(mc.items, it)
			continue
		}
		unmatched = append(unmatched, f)
	}
	errs = append(errs, hm.settleMulti(p, multi, hdr)...)
	errs = append(errs, hm.checkUnitColumns(p, hdr, unmatched)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	hm.mapQuestions(p, names, unmatched)
	p.cells = hm.cellRules(p)
	return p, nil
}

// unitColumnOf tries each name of a column as a unit or bookkeeping
// column.
func (hm *headerMatcher) unitColumnOf(p *plan, spec *platformSpec, f int, norms []string, set func(*int, int, scoring.ColumnRole), timeRank *int) bool {
	for _, nh := range norms {
		if nh != "" && hm.unitColumn(p, spec, f, nh, set, timeRank) {
			return true
		}
	}
	return false
}

// questionOf returns the question the first of a column's names that
// names one names, or -1.
func (hm *headerMatcher) questionOf(names, norms []string) (int, error) {
	for i, n := range names {
		if norms[i] == "" {
			continue
		}
		qs, err := hm.question(n, norms[i])
		if err != nil {
			return -1, err
		}
		if len(qs) == 1 {
			return qs[0], nil
		}
	}
	return -1, nil
}

// itemColumnOf tries each name of a column as an item column; an unknown
// item is an error only when no name of the column fits.
func (hm *headerMatcher) itemColumnOf(names []string, pf Platform) (int, itemCol, bool, error) {
	var first error
	for _, n := range names {
		q, it, ok, err := hm.itemColumn(n, pf)
		if ok {
			return q, it, true, nil
		}
		if first == nil {
			first = err
		}
	}
	return 0, itemCol{}, false, first
}

// mapQuestions fills the column map with the questions found, and lists
// those without a column with the unused columns most like them.
func (hm *headerMatcher) mapQuestions(p *plan, names [][]string, unmatched []int) {
	m := hm.m
	has := make([]bool, len(m.Questions))
	for q, f := range p.direct {
		if f >= 0 {
			p.columns[q] = f + 1
			p.cols[f].Role, p.cols[f].Question = scoring.ColumnQuestion, m.Questions[q].ID
			has[q] = true
		}
	}
	for _, mc := range p.multi {
		qq := m.Questions[mc.q]
		p.columns[mc.q] = mc.items[0].field + 1
		if mc.base >= 0 {
			p.columns[mc.q] = mc.base + 1
			p.cols[mc.base].Role, p.cols[mc.base].Question = scoring.ColumnQuestion, qq.ID
		}
		for _, ic := range mc.items {
			c := &p.cols[ic.field]
			c.Role, c.Question, c.Item = scoring.ColumnItem, qq.ID, qq.Scale.Items[ic.item].Code
		}
		has[mc.q] = true
	}
	for q, ok := range has {
		// A question the wave did not ask, or derives from others, has no
		// column to miss (scoring.Model.Questionnaire).
		if !ok && m.Questions[q].HasColumn() {
			p.missing = append(p.missing, missingQuestion{q: q, near: suggest(m.Questions[q], names, unmatched)})
		}
	}
}

// unitColumn recognises the columns that are not questions: the unit's
// id, name and attributes, the wave, and the tool's bookkeeping. Columns
// the configuration names come first, then the tool's bookkeeping columns
// (so that Microsoft Forms' "Name", the respondent, is not taken for the
// municipality's name), then the default unit columns.
func (hm *headerMatcher) unitColumn(p *plan, spec *platformSpec, f int, nh string, set func(*int, int, scoring.ColumnRole), timeRank *int) bool {
	opt := hm.opt
	switch {
	case hm.isID(nh):
		set(&p.id, f, scoring.ColumnID)
	case opt.WaveColumn != "" && nh == normHeader(opt.WaveColumn):
		set(&p.wave, f, scoring.ColumnWave)
	case opt.NameColumn != "" && nh == normHeader(opt.NameColumn):
		set(&p.name, f, scoring.ColumnName)
	case opt.DistrictColumn != "" && nh == normHeader(opt.DistrictColumn):
		set(&p.district, f, scoring.ColumnDistrict)
	case opt.PopulationColumn != "" && nh == normHeader(opt.PopulationColumn):
		set(&p.population, f, scoring.ColumnPopulation)
	default:
		if r, rank, ok := spec.role(nh); ok {
			p.cols[f].Role, p.cols[f].Attribute = scoring.ColumnBookkeeping, r.String()
			switch r {
			case roleTime, roleTimeComplete:
				if rank > *timeRank {
					p.when, *timeRank = f, rank
				}
				if r == roleTimeComplete {
					p.complete, p.completeRule = f, completeIfFilled
				}
			case roleComplete:
				p.complete, p.completeRule = f, completeIfTrue
			case roleStatus:
				p.status = f
			}
			return true
		}
		// A column the model declares as a question is that question,
		// even when its header is also a word for a unit column: a model
		// may ask for the population (in thousands, as a denominator).
		question := len(hm.idx.norm[nh]) > 0
		switch {
		case opt.NameColumn == "" && slices.Contains(nameSynonyms, nh) && !question:
			set(&p.name, f, scoring.ColumnName)
		case opt.DistrictColumn == "" && slices.Contains(districtSynonyms, nh) && !question:
			set(&p.district, f, scoring.ColumnDistrict)
		case opt.PopulationColumn == "" && slices.Contains(populationSynonyms, nh) && !question:
			set(&p.population, f, scoring.ColumnPopulation)
		default:
			a := hm.attribute(nh)
			if a == "" {
				return false
			}
			p.attrs = append(p.attrs, attrCol{attr: a, field: f})
			p.cols[f].Role, p.cols[f].Attribute = scoring.ColumnAttribute, a
		}
	}
	return true
}

// settleMulti decides, for questions with item columns, what a column of
// the whole question means: SoSci Survey writes the count of ticked items
// (or a residual code) there; elsewhere both is a conflict.
func (hm *headerMatcher) settleMulti(p *plan, multi map[int]*multiCol, hdr []string) []error {
	var errs []error
	qs := make([]int, 0, len(multi))
	for q := range multi {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	for _, q := range qs {
		mc := multi[q]
		if f := p.direct[q]; f >= 0 {
			if p.platform != PlatformSoSci {
				errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("question %s has a column (%d, %q) and item columns (%d, %q, …)",
					hm.m.Questions[q].ID, f+1, hdr[f], mc.items[0].field+1, hdr[mc.items[0].field])})
				continue
			}
			mc.base, p.direct[q] = f, -1
		}
		p.multi = append(p.multi, *mc)
	}
	return errs
}

// checkUnitColumns reports a missing id (or name) column and wave column,
// naming the closest header.
func (hm *headerMatcher) checkUnitColumns(p *plan, hdr []string, unmatched []int) []error {
	opt := hm.opt
	var errs []error
	candidates := make([]string, 0, len(unmatched))
	for _, f := range unmatched {
		candidates = append(candidates, hdr[f])
	}
	switch {
	case opt.Match == MatchName || (opt.Match == MatchAuto && p.id < 0 && p.name >= 0 && opt.Register != nil):
		p.byName = true
		if p.name < 0 {
			errs = append(errs, missing("name column "+quoteOr(opt.NameColumn, "gemeinde"), or(opt.NameColumn, "gemeinde"), candidates))
		}
		if opt.Register == nil {
			errs = append(errs, errors.New("matching units by name needs a register (units.register)"))
		}
	case p.id < 0:
		idName := or(opt.IDColumn, "ags")
		msg := fmt.Errorf("%w %q in the header", ErrNoIDColumn, idName)
		if near := closest(idName, candidates); near != "" {
			msg = fmt.Errorf("%w %q in the header (did you mean %q?)", ErrNoIDColumn, idName, near)
		}
		errs = append(errs, msg)
	}
	if opt.WaveColumn != "" && p.wave < 0 {
		errs = append(errs, missing("wave column "+quoteOr(opt.WaveColumn, ""), opt.WaveColumn, candidates))
	}
	// A unit column the settings name must be there: a typo would drop
	// the attribute (and with it a peer group) from every unit silently.
	for _, c := range []struct {
		key, name string
		f         int
	}{{"units.name", opt.NameColumn, p.name}, {"units.district", opt.DistrictColumn, p.district}, {"units.population", opt.PopulationColumn, p.population}} {
		if c.name != "" && c.f < 0 && !(c.key == "units.name" && p.byName) {
			errs = append(errs, missing(c.key+" column "+quoteOr(c.name, ""), c.name, candidates))
		}
	}
	return errs
}

func missing(what, want string, candidates []string) error {
	if near := closest(want, candidates); near != "" {
		return fmt.Errorf("%w: no %s in the header (did you mean %q?)", ErrMissingColumn, what, near)
	}
	return fmt.Errorf("%w: no %s in the header", ErrMissingColumn, what)
}

func quoteOr(s, def string) string { return fmt.Sprintf("%q", or(s, def)) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func matches(nh, configured string, defaults ...string) bool {
	if configured != "" {
		return nh == normHeader(configured)
	}
	return slices.Contains(defaults, nh)
}

// attribute returns the unit attribute a header names: a peer group's
// attribute (or the group's id or name), such as "size_class"/"groessenklasse".
func (hm *headerMatcher) attribute(nh string) string {
	for _, a := range hm.opt.Attributes {
		if nh == normHeader(a) {
			return a
		}
	}
	for _, pg := range hm.m.PeerGroups {
		switch pg.Attribute {
		case "district", "name", "id", "ags":
			continue
		}
		if nh == normHeader(pg.Attribute) || nh == normHeader(string(pg.ID)) || nh == normHeader(pg.Name) {
			return pg.Attribute
		}
	}
	return ""
}

// question returns the question a whole header names. LimeSurvey's
// "code and text" headings ("G01Q01. Gibt es …?") are found by their code.
func (hm *headerMatcher) question(h, nh string) ([]int, error) {
	qs := hm.idx.lookup(h, nh)
	if len(qs) == 0 {
		if code, _, ok := strings.Cut(strings.TrimSpace(h), ". "); ok && !strings.ContainsAny(code, " \t") {
			qs = hm.idx.lookup(code, normHeader(code))
		}
	}
	if len(qs) > 1 {
		ids := make([]string, len(qs))
		for i, q := range qs {
			ids[i] = string(hm.m.Questions[q].ID)
		}
		return nil, fmt.Errorf("%w: %q matches %s", ErrAmbiguousHeader, h, strings.Join(ids, ", "))
	}
	return qs, nil
}

// itemColumn recognises a column of one item of a multi-select question:
// "Q3[SQ001]" and "Frage [Option]" (LimeSurvey codes and full headings,
// Google Forms grids), "A003_01" (SoSci Survey, generic), and LimeSurvey's
// "Q3[other]". The item is found by its code or label, or by the
// codebook's item codes.
func (hm *headerMatcher) itemColumn(h string, pf Platform) (int, itemCol, bool, error) {
	h = strings.TrimSpace(h)
	var base, sub string
	switch {
	case strings.HasSuffix(h, "]") && strings.LastIndexByte(h, '[') > 0:
		i := strings.LastIndexByte(h, '[')
		base, sub = h[:i], h[i+1:len(h)-1]
	case pf == PlatformSoSci || pf == PlatformGeneric:
		i := strings.LastIndexByte(h, '_')
		if i <= 0 || !allDigits(h[i+1:]) {
			return 0, itemCol{}, false, nil
		}
		base, sub = h[:i], h[i+1:]
	default:
		return 0, itemCol{}, false, nil
	}
	qs := hm.idx.lookup(base, normHeader(base))
	if len(qs) != 1 {
		return 0, itemCol{}, false, nil
	}
	q := qs[0]
	sc := hm.m.Questions[q].Scale
	if sc == nil || sc.Kind != scoring.ScaleMulti {
		return 0, itemCol{}, false, nil
	}
	nsub := normHeader(sub)
	if it, ok := hm.opt.Codebook.item(sc.ID, sub); ok {
		return q, itemCol{item: it, other: isOtherLabel(nsub)}, true, nil
	}
	if it := findItem(sc, sub); it >= 0 {
		return q, itemCol{item: it}, true, nil
	}
	if isOtherLabel(nsub) {
		for _, code := range []string{"other", "-oth-", "sonstiges", "sonstige", "andere"} {
			if it := findItem(sc, code); it >= 0 {
				return q, itemCol{item: it, other: true}, true, nil
			}
		}
		return 0, itemCol{}, false, nil // free text nothing in the model asks for
	}
	if strings.HasSuffix(nsub, "comment") {
		return 0, itemCol{}, false, nil // LimeSurvey's comment on an option
	}
	// A column of a multi-select question whose item is unknown would be
	// dropped without a word; it is an error instead.
	return 0, itemCol{}, false, fmt.Errorf("column %q: %q is no item of question %s (scale %s has %s); name it in the codebook's items",
		h, sub, hm.m.Questions[q].ID, sc.ID, itemList(sc))
}

// isOtherLabel reports whether a normalised item name is a tool's
// "other" option (LimeSurvey's [other] and its label, SurveyMonkey's
// "Other (please specify)"), whose column holds free text.
func isOtherLabel(n string) bool {
	n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(n, "(please specify)"), "(bitte angeben)"))
	switch n {
	case "other", "-oth-", "sonstiges", "sonstige", "andere", "anderes", "weitere":
		return true
	}
	return false
}

func itemList(sc *scoring.Scale) string {
	var out []string
	for _, it := range sc.Items {
		out = append(out, it.Code)
	}
	return strings.Join(out, ", ")
}

// findItem returns the index of the item named by code or label, or -1.
func findItem(sc *scoring.Scale, s string) int {
	ns := normHeader(s)
	for i, it := range sc.Items {
		if it.Code == s || normHeader(it.Code) == ns || normHeader(it.Label) == ns {
			return i
		}
	}
	return -1
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// headerIndex maps normalised codes, texts, aliases and codebook columns
// to questions.
type headerIndex struct {
	exact map[string]int
	norm  map[string][]int
}

func newHeaderIndex(m *scoring.Model, cb *Codebook) *headerIndex {
	hi := &headerIndex{exact: map[string]int{}, norm: map[string][]int{}}
	add := func(key string, q int) {
		k := normHeader(key)
		if k == "" || slices.Contains(hi.norm[k], q) {
			return
		}
		hi.norm[k] = append(hi.norm[k], q)
	}
	for i, q := range m.Questions {
		if !q.HasColumn() {
			continue // not asked in this wave, or derived: no column names it
		}
		hi.exact[string(q.ID)] = i
		add(string(q.ID), i)
		add(q.Text, i)
		for _, a := range q.Aliases {
			add(a, i)
		}
	}
	if cb != nil {
		for col, id := range cb.columns {
			if q := m.Question(id); q != nil {
				hi.exact[col] = q.Index
				add(col, q.Index)
			}
		}
	}
	return hi
}

// lookup returns the questions a header names. An exact code match wins,
// so that codes differing only in case (Q1_a, Q1_A) stay apart.
func (hi *headerIndex) lookup(h, nh string) []int {
	if q, ok := hi.exact[strings.TrimSpace(h)]; ok {
		return []int{q}
	}
	return hi.norm[nh]
}

// normHeader normalises a header or question text for matching: BOM and
// zero-width characters removed, HTML tags dropped and entities decoded,
// whitespace (tabs, line breaks, no-break spaces) collapsed, one space
// before "[" and none inside the brackets, case folded.
func normHeader(s string) string {
	if strings.ContainsAny(s, "&<") {
		s = html.UnescapeString(stripTags(s))
	}
	if isPlainHeader(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	space := false
	for _, r := range s {
		switch {
		case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case r == ']':
			space = false
		case r == '[':
			space = true
		}
		if space && last != 0 && last != '[' {
			b.WriteByte(' ')
		}
		space = false
		last = unicode.ToLower(r)
		b.WriteRune(last)
	}
	return b.String()
}

// isPlainHeader reports whether s is already normal: lower-case ASCII
// letters, digits and simple punctuation without spaces, as codes are.
func isPlainHeader(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || ('A' <= c && c <= 'Z') || c == '[' || c == ']' {
			return false
		}
	}
	return true
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// closest returns the candidate most similar to want, for "did you mean",
// or "" when none is close.
func closest(want string, candidates []string) string {
	s, _ := closestD(want, candidates)
	return s
}

func closestD(want string, candidates []string) (string, int) {
	best, bestD := "", 1<<30
	w := normHeader(want)
	if w == "" {
		return "", bestD
	}
	for _, h := range candidates {
		nh := normHeader(h)
		if nh == "" {
			continue
		}
		d := levenshtein(w, nh)
		// One containing the other ("AGS-Nummer" for "ags") is as good
		// as a typo.
		if min(len(nh), len(w)) >= 3 && (strings.Contains(nh, w) || strings.Contains(w, nh)) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = h, d
		}
	}
	if bestD > max(2, len([]rune(w))/2) {
		return "", bestD
	}
	return best, bestD
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 300 || len(rb) > 300 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
