package scoring

import (
	"fmt"
	"strings"
)

// UnitID identifies a responding unit. For municipalities it is the 8-digit
// AGS (Amtlicher Gemeindeschlüssel) as a string, so leading zeros survive.
type UnitID string

// IsAGS reports whether the id is an Amtlicher Gemeindeschlüssel: eight
// digits, the state, the Regierungsbezirk and the district first.
func (id UnitID) IsAGS() bool {
	if len(id) != 8 {
		return false
	}
	for i := range len(id) {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// District returns the code of an AGS's district, its first five digits;
// false for an id that is no AGS.
func (id UnitID) District() (string, bool) {
	if !id.IsAGS() {
		return "", false
	}
	return string(id[:5]), true
}

// WaveID identifies a survey wave, such as "2024".
type WaveID string

// QuestionID is the code of a question as the survey tool writes it
// ("A001_01", "G02Q03[SQ001]", "digital_strategy"). Codes are case-sensitive:
// Q1_a and Q1_A are different questions.
type QuestionID string

// NodeID identifies a dimension or indicator of the model.
type NodeID string

// PeerGroupID identifies a kind of peer group, such as "landkreis".
type PeerGroupID string

// Wave is one round of the survey. Waves are ordered by Order; trends
// compare a wave with the one before it.
type Wave struct {
	ID    WaveID
	Label string // shown in reports; defaults to the ID
	Order int    // position in time, ascending
}

// Unit is one responding municipality (or, for other models, whatever the
// model's units are). The zero Population means unknown; Lon and Lat are
// valid only when HasLocation is true.
type Unit struct {
	ID          UnitID
	Name        string
	District    string
	Population  int
	Lon, Lat    float64
	HasLocation bool
	// Attrs holds further attributes from the survey or register, such as
	// "state". Keys are attribute names as used by peer groups.
	Attrs map[string]string
}

// Attr returns the value of a unit attribute by name. The built-in names
// "district" and "name" map to the struct fields; "size_class" is derived by
// the model and is not known to a bare Unit.
func (u Unit) Attr(name string) string {
	switch name {
	case "district":
		return u.District
	case "name":
		return u.Name
	case "id", "ags":
		return string(u.ID)
	}
	return u.Attrs[name]
}

// Source says where a response came from, so that every message about it can
// name file, sheet, row and column. Columns is shared by all responses of
// one file: Columns[q] is the 1-based column of question q, or 0 when the
// file has no column for it.
type Source struct {
	File    string
	Sheet   string // empty for CSV
	Columns []int
	// Questionnaire, when set, is the questionnaire the file was read
	// against (Model.Questionnaire). Score refuses, as a fatal finding,
	// rows read against another questionnaire than their wave's: their
	// answers would be read as questions they do not answer.
	Questionnaire *Model
	// Rows, when set, holds the 1-based row of question q, for files that
	// lay one response down a sheet, a question per row (the questionnaire
	// of 'reifegrad template'); Response.Row is then the row of the unit's
	// id. Nil for files with a row per response.
	Rows []int
}

// Response is one unit's answers in one wave. Answers is indexed like
// Model.Questions; an absent or empty answer is "" (Answers.At). Row is 1-based and counts
// physical lines/rows of the file, header included.
type Response struct {
	Wave    WaveID
	Unit    Unit
	Answers Answers
	Source  *Source
	Row     int
	// Incomplete is set when the survey tool marks the response
	// unfinished; Received is its receipt time as the file wrote it (""
	// when the file has none; ReceivedAt reads it). The duplicate policy
	// reads both (DuplicatePolicy.Prefer).
	Incomplete bool
	Received   string
}

// Position formats where answer q of r came from: "file.csv:12:7" or
// "file.xlsx[Sheet1]:12:7". Column 0 is omitted.
func (r *Response) Position(q int) string {
	if r.Source == nil {
		return fmt.Sprintf("row %d", r.Row)
	}
	row, col := r.Row, 0
	if q >= 0 && q < len(r.Source.Columns) {
		col = r.Source.Columns[q]
	}
	if q >= 0 && q < len(r.Source.Rows) && r.Source.Rows[q] > 0 {
		row = r.Source.Rows[q]
	}
	return Pos(r.Source.File, r.Source.Sheet, row, col)
}

// Pos formats a place in an input file as "file:row:col", the form compilers
// use, so editors can jump to it. Sheet, row and col are omitted when zero.
func Pos(file, sheet string, row, col int) string {
	var b strings.Builder
	b.WriteString(file)
	if sheet != "" {
		b.WriteString("[" + sheet + "]")
	}
	if row > 0 {
		fmt.Fprintf(&b, ":%d", row)
		if col > 0 {
			fmt.Fprintf(&b, ":%d", col)
		}
	}
	return b.String()
}

// Reject is an input row that was not scored, with the reason. Every input
// row is either scored or rejected; Results keeps both so reports can
// account for every row.
type Reject struct {
	File   string
	Sheet  string
	Row    int
	Column int // 0 when the reason concerns the whole row
	Wave   WaveID
	Unit   UnitID // may be empty or invalid: it is what the row said
	Name   string
	Reason string // in English, for the terminal and rejects.csv
	// Cause and Args say Reason in any language (Describer.Reject).
	Cause Cause
	Args  []string
}

// Position formats where the rejected row is, like Response.Position.
func (r Reject) Position() string { return Pos(r.File, r.Sheet, r.Row, r.Column) }

// IssueKind classifies a data-quality finding that did not reject a row.
type IssueKind uint8

const (
	// IssueUnknownAnswer: the answer is not in the question's scale. It is
	// treated as not answered, never as 0.
	IssueUnknownAnswer IssueKind = iota + 1
	// IssueOutOfRange: a number outside the scale's declared range.
	IssueOutOfRange
	// IssueDuplicate: a unit answered more than once in a wave; the
	// duplicate policy decided which row counts.
	IssueDuplicate
	// IssueUnmatchedName: a unit name that matched no register entry, or
	// several.
	IssueUnmatchedName
	// IssueLowCoverage: a node was not scored because too few of its
	// answers were given.
	IssueLowCoverage
	// IssueIncomplete: the survey tool marked the response incomplete.
	IssueIncomplete
	// IssueOther: any other note from an importer.
	IssueOther
	// IssueMissingQuestion: a question of the model has no column in an
	// input (per wave), so every row of it would be scored without the
	// question. Fatal unless the model declares the question optional.
	IssueMissingQuestion
	// IssueDenominator: a number could not be divided by its denominator
	// (0 or missing for the unit); it is treated as missing.
	IssueDenominator
	// IssueDissolved: a unit answered a wave under a key (AGS) that had
	// been succeeded by then (see Succession); the message names the
	// successor.
	IssueDissolved
	// IssueUnreachableLevel: a wave asks no question below the node of a
	// staged level's criterion (model.waves), so no unit of the wave can
	// reach that level, whatever it answered.
	IssueUnreachableLevel
	// IssueModelChanged: a unit submitted its answers online (serve) under
	// a model that has been edited since (Model.Fingerprint): it is scored
	// under the current model, so its figures differ from those it was
	// shown when it submitted.
	IssueModelChanged
)

var issueKindNames = [...]string{
	IssueUnknownAnswer:    "unknown_answer",
	IssueOutOfRange:       "out_of_range",
	IssueDuplicate:        "duplicate",
	IssueUnmatchedName:    "unmatched_name",
	IssueLowCoverage:      "low_coverage",
	IssueIncomplete:       "incomplete",
	IssueOther:            "other",
	IssueMissingQuestion:  "missing_question",
	IssueDenominator:      "denominator",
	IssueDissolved:        "dissolved_unit",
	IssueUnreachableLevel: "unreachable_level",
	IssueModelChanged:     "model_changed",
}

// IssueKinds lists every kind of finding, for catalogues that must name
// each one.
func IssueKinds() []IssueKind {
	var ks []IssueKind
	for k := range issueKindNames {
		if issueKindNames[k] != "" {
			ks = append(ks, IssueKind(k))
		}
	}
	return ks
}

func (k IssueKind) String() string {
	if int(k) < len(issueKindNames) && issueKindNames[k] != "" {
		return issueKindNames[k]
	}
	return fmt.Sprintf("IssueKind(%d)", k)
}

// Issue is a data-quality finding: something a researcher should look at,
// which did not stop the row from being scored.
type Issue struct {
	Kind     IssueKind
	Place    string // "file.csv:12:7"
	Wave     WaveID
	Unit     UnitID
	Question QuestionID // empty when not about one question
	Node     NodeID     // for IssueLowCoverage
	Value    string     // the offending raw value, if any
	Message  string     // in English, for the terminal and check --json
	// Cause and Args say Message in any language (Describer.Issue).
	Cause Cause
	Args  []string
	// Fatal marks a finding under which no figure can be trusted: run
	// writes nothing and check fails. The zero value is a note.
	Fatal bool
}

// Unread reports whether the issue is an answer the input holds that the
// scoring could not read — not in its scale, out of range, a formula
// cell without a stored value, or a cell of a merged range that shows the
// range's value but holds none — and so counts as not answered: the file
// says more than the scores use, which check fails on.
func (i Issue) Unread() bool {
	return i.Kind == IssueUnknownAnswer || i.Kind == IssueOutOfRange || i.Cause == CauseFormulaNoValue || i.Cause == CauseMergedCell
}

func (i Issue) String() string {
	s := i.Place
	if s != "" {
		s += ": "
	}
	return s + i.Message
}
