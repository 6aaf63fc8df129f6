package survey

import (
	"errors"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

// Sentinel errors, wrapped by ParseError and Reject reasons.
var (
	ErrNoIDColumn      = errors.New("no id column")
	ErrAmbiguousHeader = errors.New("header matches more than one question")
	ErrDuplicateUnit   = errors.New("duplicate unit")
	ErrBadID           = errors.New("invalid unit id")
	ErrEmptyFile       = errors.New("file is empty")
)

// ParseError is a problem at a place in an input file. It is modelled on
// encoding/csv.ParseError.
type ParseError struct {
	File   string
	Sheet  string
	Row    int // 1-based; 0 when the problem concerns the whole file
	Column int // 1-based; 0 when the problem concerns the whole row
	Err    error
}

func (e *ParseError) Error() string {
	return scoring.Pos(e.File, e.Sheet, e.Row, e.Column) + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Format is the kind of file, chosen by extension unless set.
type Format uint8

const (
	FormatAuto Format = iota
	FormatCSV
	FormatXLSX
)

// DuplicatePolicy decides which row counts when a unit appears more than
// once in one file. The decision is always reported.
type DuplicatePolicy uint8

const (
	KeepLast  DuplicatePolicy = iota // the later row wins; earlier ones are rejected
	KeepFirst                        // the first row wins
	RejectAll                        // every row of the unit is rejected
)

// ParseDuplicatePolicy turns a config word into a DuplicatePolicy.
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch s {
	case "", "keep_last", "keep_latest":
		return KeepLast, nil
	case "keep_first":
		return KeepFirst, nil
	case "reject_all", "reject":
		return RejectAll, nil
	}
	return 0, fmt.Errorf("unknown duplicate policy %q (want keep_last, keep_first or reject_all)", s)
}

// Options control how a file is read. The zero value reads a generic CSV
// or xlsx file whose id column is "ags", in wave "" (see scoring.Wave).
type Options struct {
	// Wave tags every response of the file.
	Wave scoring.Wave
	// Format: zero chooses by file extension (.xlsx/.xlsm → xlsx, else CSV).
	Format Format
	// Encoding and Delimiter of CSV files; zero values detect them.
	Encoding  Encoding
	Delimiter rune
	// Sheet of an xlsx file, by name or 1-based index; empty: the first
	// sheet with data.
	Sheet string
	// IDColumn names the unit id column; empty means "ags". NameColumn,
	// DistrictColumn and PopulationColumn are optional; empty means
	// "name"/"gemeinde", "district"/"landkreis" and
	// "population"/"einwohner".
	IDColumn, NameColumn, DistrictColumn, PopulationColumn string
	// UnitsAreMunicipalities turns on AGS checks: ids are padded to and
	// must be 8 digits.
	UnitsAreMunicipalities bool
	// Register, if set, must contain every unit id; its district,
	// population and location fill what the file lacks.
	Register *Register
	// Duplicates is the policy for a unit answering twice in the file.
	Duplicates DuplicatePolicy
}

// Read reads one survey export into a Dataset: a Response per valid row and
// a Reject, with its reason, for every other row, so that rows read =
// responses + rejects. name is the file name used in messages and decides
// the format when Options.Format is zero. A file that cannot be read at all
// (no id column, broken xlsx, an ambiguous header) is an error.
func Read(r io.Reader, name string, m *scoring.Model, opt Options) (*scoring.Dataset, error) {
	var t table
	var err error
	switch format(name, opt.Format) {
	case FormatXLSX:
		t, err = newXLSXTable(r, &opt)
	default:
		t, err = newCSVTable(r, &opt)
	}
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	return readTable(t, name, m, &opt)
}

func format(name string, f Format) Format {
	if f != FormatAuto {
		return f
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return FormatXLSX
	}
	return FormatCSV
}

// table yields the records of a CSV file or a worksheet.
type table interface {
	// next returns the next record and its 1-based row, or io.EOF.
	next() ([]string, int, error)
	sheet() string
}

func (t *csvTable) sheet() string { return "" }

// columns is the mapping of one file's header to the model.
type columns struct {
	id, name, district, population int // field index, -1 if absent
	questions                      []int
}

func readTable(t table, file string, m *scoring.Model, opt *Options) (*scoring.Dataset, error) {
	hdr, hdrRow, err := t.next()
	if errors.Is(err, io.EOF) {
		return nil, &ParseError{File: file, Sheet: t.sheet(), Err: ErrEmptyFile}
	}
	if err != nil {
		return nil, withFile(err, file, t.sheet())
	}
	cols, src, err := mapHeader(hdr, m, opt)
	if err != nil {
		return nil, withPlace(err, file, t.sheet(), hdrRow)
	}
	src.File, src.Sheet = file, t.sheet()
	ds := &scoring.Dataset{Waves: []scoring.Wave{opt.Wave}}
	seen := map[scoring.UnitID]int{} // unit → index in ds.Responses
	badRows := 0
	for {
		rec, row, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && pe.Row > 0 && badRows < maxBadRows {
				// A malformed record (a stray quote) is rejected and
				// reading goes on with the next one.
				badRows++
				ds.Rejects = append(ds.Rejects, scoring.Reject{File: file, Sheet: t.sheet(), Row: pe.Row,
					Column: pe.Column, Wave: opt.Wave.ID, Reason: "malformed CSV: " + pe.Err.Error()})
				continue
			}
			return nil, withFile(err, file, t.sheet())
		}
		if extra := extraFields(rec, len(hdr)); extra > 0 {
			ds.Rejects = append(ds.Rejects, scoring.Reject{File: file, Sheet: t.sheet(), Row: row, Column: len(hdr) + 1,
				Wave: opt.Wave.ID, Reason: fmt.Sprintf("row has %d fields, the header %d: values beyond the header cannot be assigned to a question", len(rec), len(hdr))})
			continue
		}
		resp, rej := cols.response(rec, row, src, opt, m)
		if rej != nil {
			ds.Rejects = append(ds.Rejects, *rej)
			continue
		}
		if prev, dup := seen[resp.Unit.ID]; dup {
			dupe(ds, prev, resp, opt.Duplicates)
			continue
		}
		seen[resp.Unit.ID] = len(ds.Responses)
		ds.Responses = append(ds.Responses, *resp)
	}
	compactRejected(ds)
	return ds, nil
}

// maxBadRows bounds how many malformed records a file may have before
// reading stops with an error: a file that is mostly broken is not a survey
// export with a few bad rows.
const maxBadRows = 100

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

// dupe applies the duplicate policy to a second row of a unit.
func dupe(ds *scoring.Dataset, prev int, resp *scoring.Response, p DuplicatePolicy) {
	old := &ds.Responses[prev]
	reject := func(r *scoring.Response, why string) {
		ds.Rejects = append(ds.Rejects, scoring.Reject{File: r.Source.File, Sheet: r.Source.Sheet, Row: r.Row,
			Wave: r.Wave, Unit: r.Unit.ID, Name: r.Unit.Name, Reason: why})
	}
	ds.Issues = append(ds.Issues, scoring.Issue{Kind: scoring.IssueDuplicate, Place: resp.Position(-1), Wave: resp.Wave,
		Unit: resp.Unit.ID, Message: fmt.Sprintf("unit %s answered twice (rows %d and %d)", resp.Unit.ID, old.Row, resp.Row)})
	switch p {
	case KeepFirst:
		reject(resp, fmt.Sprintf("%v: unit %s already answered in row %d (policy keep_first)", ErrDuplicateUnit, resp.Unit.ID, old.Row))
	case KeepLast:
		reject(old, fmt.Sprintf("%v: unit %s answered again in row %d (policy keep_last)", ErrDuplicateUnit, old.Unit.ID, resp.Row))
		*old = *resp
	case RejectAll:
		if old.Row > 0 {
			reject(old, fmt.Sprintf("%v: unit %s answered more than once (policy reject_all)", ErrDuplicateUnit, old.Unit.ID))
			old.Row = -old.Row // marks the kept slot as rejected; removed below
		}
		reject(resp, fmt.Sprintf("%v: unit %s answered more than once (policy reject_all)", ErrDuplicateUnit, resp.Unit.ID))
	}
}

// compactRejected removes responses that reject_all marked.
func compactRejected(ds *scoring.Dataset) {
	out := ds.Responses[:0]
	for _, r := range ds.Responses {
		if r.Row > 0 {
			out = append(out, r)
		}
	}
	ds.Responses = out
}

func withFile(err error, file, sheet string) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File, pe.Sheet = file, sheet
		return pe
	}
	return &ParseError{File: file, Sheet: sheet, Err: err}
}

func withPlace(err error, file, sheet string, row int) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File, pe.Sheet, pe.Row = file, sheet, row
		return err
	}
	return &ParseError{File: file, Sheet: sheet, Row: row, Err: err}
}

// mapHeader finds the id, name and attribute columns and the column of
// every question. Questions are found by code, text or alias after
// normalising (see normHeader).
func mapHeader(hdr []string, m *scoring.Model, opt *Options) (*columns, *scoring.Source, error) {
	idx := newHeaderIndex(m)
	c := &columns{id: -1, name: -1, district: -1, population: -1, questions: make([]int, len(m.Questions))}
	for i := range c.questions {
		c.questions[i] = -1
	}
	src := &scoring.Source{Columns: make([]int, len(m.Questions))}
	idName := or(opt.IDColumn, "ags")
	var errs []error
	for f, h := range hdr {
		nh := normHeader(h)
		switch {
		case nh == normHeader(idName):
			c.id = f
			continue
		case matches(nh, opt.NameColumn, "name", "gemeinde", "kommune"):
			c.name = f
			continue
		case matches(nh, opt.DistrictColumn, "district", "landkreis", "kreis"):
			c.district = f
			continue
		case matches(nh, opt.PopulationColumn, "population", "einwohner"):
			c.population = f
			continue
		}
		qs := idx.lookup(h)
		switch len(qs) {
		case 0:
			continue
		case 1:
		default:
			ids := make([]string, len(qs))
			for i, q := range qs {
				ids[i] = string(m.Questions[q].ID)
			}
			errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("%w: %q matches %s", ErrAmbiguousHeader, h, strings.Join(ids, ", "))})
			continue
		}
		q := qs[0]
		if c.questions[q] >= 0 {
			errs = append(errs, &ParseError{Column: f + 1, Err: fmt.Errorf("question %s has two columns: %d and %d", m.Questions[q].ID, c.questions[q]+1, f+1)})
			continue
		}
		c.questions[q] = f
		src.Columns[q] = f + 1
	}
	if c.id < 0 {
		msg := fmt.Errorf("%w %q in the header", ErrNoIDColumn, idName)
		if near := closest(idName, hdr); near != "" {
			msg = fmt.Errorf("%w %q in the header (did you mean %q?)", ErrNoIDColumn, idName, near)
		}
		errs = append(errs, msg)
	}
	for q, f := range c.questions {
		if f < 0 && m.Questions[q].Required {
			errs = append(errs, fmt.Errorf("required question %s has no column", m.Questions[q].ID))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return c, src, nil
}

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
	for _, d := range defaults {
		if nh == d {
			return true
		}
	}
	return false
}

// headerIndex maps normalised codes, texts and aliases to questions.
type headerIndex struct {
	exact map[string]int
	norm  map[string][]int
}

func newHeaderIndex(m *scoring.Model) *headerIndex {
	hi := &headerIndex{exact: map[string]int{}, norm: map[string][]int{}}
	add := func(key string, q int) {
		k := normHeader(key)
		if k == "" {
			return
		}
		for _, x := range hi.norm[k] {
			if x == q {
				return
			}
		}
		hi.norm[k] = append(hi.norm[k], q)
	}
	for i, q := range m.Questions {
		hi.exact[string(q.ID)] = i
		add(string(q.ID), i)
		add(q.Text, i)
		for _, a := range q.Aliases {
			add(a, i)
		}
	}
	return hi
}

// lookup returns the questions a header names. An exact code match wins, so
// that codes differing only in case (Q1_a, Q1_A) stay apart.
func (hi *headerIndex) lookup(h string) []int {
	if q, ok := hi.exact[strings.TrimSpace(h)]; ok {
		return []int{q}
	}
	return hi.norm[normHeader(h)]
}

// normHeader normalises a header or question text for matching: HTML
// entities decoded, tags and BOM removed, whitespace collapsed, case folded.
func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.ContainsAny(s, "&<") {
		s = html.UnescapeString(stripTags(s))
	}
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
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
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// closest returns the header most similar to want, for "did you mean".
func closest(want string, hdr []string) string {
	best, bestD := "", 1<<30
	w := normHeader(want)
	for _, h := range hdr {
		d := levenshtein(w, normHeader(h))
		if d < bestD {
			best, bestD = h, d
		}
	}
	if bestD > max(2, len(w)/2) {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
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

// response builds a Response from a record, or a Reject saying why not.
func (c *columns) response(rec []string, row int, src *scoring.Source, opt *Options, m *scoring.Model) (*scoring.Response, *scoring.Reject) {
	rej := func(col int, name, id, format string, args ...any) *scoring.Reject {
		return &scoring.Reject{File: src.File, Sheet: src.Sheet, Row: row, Column: col, Wave: opt.Wave.ID,
			Unit: scoring.UnitID(id), Name: name, Reason: fmt.Sprintf(format, args...)}
	}
	field := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	if allBlank(rec) {
		return nil, rej(0, "", "", "empty row")
	}
	name := strings.TrimSpace(field(c.name))
	rawID := field(c.id)
	id := scoring.UnitID(strings.TrimSpace(rawID))
	if id == "" {
		return nil, rej(c.id+1, name, "", "%v: the id column %d is empty", ErrBadID, c.id+1)
	}
	if opt.UnitsAreMunicipalities {
		var ok bool
		if id, ok = NormaliseAGS(rawID); !ok {
			return nil, rej(c.id+1, name, string(id), "%v: %q is not an 8-digit AGS", ErrBadID, rawID)
		}
	}
	u := scoring.Unit{ID: id, Name: name, District: strings.TrimSpace(field(c.district))}
	if p := strings.TrimSpace(field(c.population)); p != "" {
		n, ok := scoring.ParseNumber(p, scoring.DecimalComma)
		if !ok || n < 0 || n != float64(int(n)) {
			return nil, rej(c.population+1, name, string(id), "population %q is not a whole number", p)
		}
		u.Population = int(n)
	}
	if opt.Register != nil {
		ru, ok := opt.Register.Lookup(id)
		if !ok {
			return nil, rej(c.id+1, name, string(id), "%v: AGS %s is not in register %s", ErrBadID, id, opt.Register.Name)
		}
		join(&u, ru)
	}
	if u.Name == "" {
		u.Name = string(u.ID)
	}
	answers := make([]string, len(m.Questions))
	for q, f := range c.questions {
		answers[q] = field(f)
	}
	return &scoring.Response{Wave: opt.Wave.ID, Unit: u, Answers: answers, Source: src, Row: row}, nil
}

// join fills what the survey lacks from the register entry.
func join(u *scoring.Unit, ru scoring.Unit) {
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

func allBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// ParseSheet turns a sheet option into a name or a 1-based index.
func parseSheet(s string) (name string, index int) {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return "", n
	}
	return s, 0
}
