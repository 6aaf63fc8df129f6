package survey

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// Sentinel errors, wrapped by ParseError and named in Reject reasons.
var (
	ErrNoIDColumn      = errors.New("no id column")
	ErrAmbiguousHeader = errors.New("header matches more than one question")
	ErrDuplicateUnit   = errors.New("duplicate unit")
	ErrBadID           = errors.New("invalid unit id")
	ErrEmptyFile       = errors.New("file is empty")
	ErrMissingColumn   = errors.New("missing column")
	ErrUnknownName     = errors.New("unknown municipality name")
	ErrAmbiguousName   = errors.New("ambiguous municipality name")
	ErrIncomplete      = errors.New("incomplete response")
	ErrNotAResponse    = errors.New("not a response")
	ErrMixedLayout     = errors.New("a question's column in a long file")
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
// once in one wave. The reader applies it within a file, scoring.Score
// across the files of a wave, by one rule (scoring.DuplicatePolicy.Prefer).
// The decision is always reported: the rows that lose become Rejects, and
// an Issue names both rows.
// It is scoring.DuplicatePolicy with the words of the settings
// (UnmarshalText).
type DuplicatePolicy scoring.DuplicatePolicy

// The duplicate policies (see scoring.DuplicatePolicy).
const (
	KeepLatestComplete = DuplicatePolicy(scoring.KeepLatestComplete)
	KeepLast           = DuplicatePolicy(scoring.KeepLast)
	KeepFirst          = DuplicatePolicy(scoring.KeepFirst)
	RejectAll          = DuplicatePolicy(scoring.RejectAll)
)

func (p DuplicatePolicy) String() string { return scoring.DuplicatePolicy(p).String() }

// ParseDuplicatePolicy turns a config word into a DuplicatePolicy.
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch s {
	case "", "keep_latest_complete":
		return KeepLatestComplete, nil
	case "keep_last", "keep_latest":
		return KeepLast, nil
	case "keep_first":
		return KeepFirst, nil
	case "reject_all", "reject":
		return RejectAll, nil
	}
	return 0, fmt.Errorf("unknown duplicate policy %q (want keep_latest_complete, keep_last, keep_first or reject_all)", s)
}

// IncompletePolicy decides what happens to a response the survey tool
// marks as not finished (LimeSurvey: empty submitdate; SoSci Survey:
// FINISHED 0; Microsoft Forms: no completion time). Neither choice is
// silent: a kept response carries an IssueIncomplete, a dropped one is a
// Reject.
type IncompletePolicy uint8

const (
	KeepIncomplete IncompletePolicy = iota // score it; coverage rules apply
	DropIncomplete                         // reject it
)

// ParseIncompletePolicy turns a config word into an IncompletePolicy.
func ParseIncompletePolicy(s string) (IncompletePolicy, error) {
	switch s {
	case "", "keep":
		return KeepIncomplete, nil
	case "drop", "reject":
		return DropIncomplete, nil
	}
	return 0, fmt.Errorf("unknown incomplete policy %q (want keep or drop)", s)
}

// Match says how rows are tied to units.
type Match uint8

const (
	// MatchAuto uses the id column when the file has one, else the name
	// column, matched against the register.
	MatchAuto Match = iota
	MatchID         // the id column is required
	MatchName       // names are matched against the register even if ids exist
)

// ParseMatch turns a config word into a Match.
func ParseMatch(s string) (Match, error) {
	switch s {
	case "", "auto":
		return MatchAuto, nil
	case "id", "ags":
		return MatchID, nil
	case "name":
		return MatchName, nil
	}
	return 0, fmt.Errorf("unknown unit matching %q (want auto, id or name)", s)
}

// Options control how a file is read. The zero value reads a generic CSV
// or xlsx export (platform recognised from the header) whose id column is
// "ags", in wave "" (see scoring.Wave), keeping incomplete responses and
// the latest complete one of duplicates.
type Options struct {
	// Wave tags every response of the file, unless WaveColumn is set.
	Wave scoring.Wave
	// WaveColumn names a column that holds each row's wave; a row whose
	// cell is empty is rejected. Empty: every row is in Wave.
	WaveColumn string
	// Format: zero chooses by file extension (.xlsx/.xlsm → xlsx, else CSV).
	Format Format
	// Platform is the survey tool that wrote the export; zero recognises
	// it from the header (see Platform).
	Platform Platform
	// Encoding and Delimiter of CSV files; zero values detect them.
	Encoding  Encoding
	Delimiter rune
	// Sheet of an xlsx file, by name or 1-based index; empty: the first
	// sheet with data.
	Sheet string
	// IDColumn names the unit id column; empty means "ags" (also found as
	// "AGS", "Gemeindeschlüssel", "Amtlicher Gemeindeschlüssel"). NameColumn,
	// DistrictColumn and PopulationColumn are optional; empty means
	// "name"/"gemeinde"/"kommune", "district"/"landkreis"/"kreis" and
	// "population"/"einwohner".
	IDColumn, NameColumn, DistrictColumn, PopulationColumn string
	// Attributes names further columns to keep as unit attributes
	// (Unit.Attrs, under the name as given here), such as a municipality's
	// own target level for its roadmap. Peer groups' attribute columns are
	// kept without being listed.
	Attributes []string
	// UnitsAreMunicipalities turns on AGS checks: ids are padded to and
	// must be 8 digits.
	UnitsAreMunicipalities bool
	// Register, if set, must contain every unit id; its name, district,
	// population and location fill what the file lacks, and it resolves
	// municipality names when the file has no ids.
	Register *Register
	// Match says whether units are found by id or by name.
	Match Match
	// Duplicates is the policy for a unit answering twice in one wave.
	Duplicates DuplicatePolicy
	// Incomplete is the policy for responses the tool marks unfinished.
	Incomplete IncompletePolicy
	// Codebook, if set, says how the export codes columns, answers and
	// multi-select items (see Codebook).
	Codebook *Codebook
	// Layout: zero reads a row per unit; LayoutLong a row per unit,
	// question and answer.
	Layout Layout
}

// Read reads one survey export into a Dataset: a Response per valid row and
// a Reject, with its reason, for every other row, so that the rows read
// below the header = responses + rejects. name is the file name used in
// messages and decides the format when Options.Format is zero. A file that
// cannot be read at all (no id column, broken xlsx, an ambiguous header, a
// required question without a column) is an error; all such problems of the
// header are returned together.
//
// m is the questionnaire of the file's wave (scoring.Model.Questionnaire):
// its questions are matched to columns under the codes that wave used. The
// dataset carries the register's territorial changes
// (Register.Successions).
func Read(r io.Reader, name string, m *scoring.Model, opt Options) (*scoring.Dataset, error) {
	ds, err := read(r, name, m, opt)
	if ds != nil && opt.Register != nil {
		ds.Successions = append(ds.Successions, opt.Register.Successions...)
	}
	return ds, err
}

func read(r io.Reader, name string, m *scoring.Model, opt Options) (*scoring.Dataset, error) {
	var t table
	size := inputSize(r) // before sniff wraps r
	r, f, err := sniff(r, name, format(name, opt.Format))
	if err != nil {
		return nil, withFile(err, name, "")
	}
	// One matcher finds the header while the table is opened (the
	// delimiter, the sheet) and maps it: its index of the questions' names
	// normalises every text and alias of the model.
	hm := newHeaderMatcher(m, &opt)
	switch f {
	case FormatXLSX:
		// A questionnaire of 'reifegrad template', filled in, is one
		// response down a sheet: questionnaire.go reads it.
		if ds, ok, qerr := readIfQuestionnaire(&r, name, m, opt); ok {
			return ds, qerr
		}
		t, err = newXLSXTable(r, &opt, hm.looksLikeHeader)
	default:
		var ct *csvTable
		if ct, err = newCSVTable(r, &opt, hm.looksLikeHeader); err == nil {
			ct.size, t = size, ct
		}
	}
	if err != nil {
		return nil, withFile(err, name, "")
	}
	defer t.close()
	_, hm.pointNumbers = t.(*xlsxTable)
	if opt.Layout == LayoutLong {
		return readLong(t, hm, name)
	}
	return readTable(t, hm, name)
}

// inputSize is the size in bytes of the file r reads (an os.File, or a
// file of an fs.FS), or 0 when r cannot say.
func inputSize(r io.Reader) int64 {
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
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
	// next returns the next record and its 1-based row, or io.EOF. The
	// record slice is valid until the next call; its strings may be kept.
	next() ([]string, int, error)
	sheet() string
	close()
}

func withFile(err error, file, sheet string) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File, pe.Sheet = file, sheet
		return pe
	}
	return &ParseError{File: file, Sheet: sheet, Err: err}
}

// withPlace puts file, sheet and row into every ParseError of a joined
// error, and wraps the others.
func withPlace(err error, file, sheet string, row int) error {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	out := make([]error, len(errs))
	for i, e := range errs {
		var pe *ParseError
		if errors.As(e, &pe) {
			pe.File, pe.Sheet, pe.Row = file, sheet, row
			out[i] = pe
		} else {
			out[i] = &ParseError{File: file, Sheet: sheet, Row: row, Err: e}
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}

// parseSheet turns a sheet option into a name or a 1-based index.
func parseSheet(s string) (name string, index int) {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return "", n
	}
	return s, 0
}
