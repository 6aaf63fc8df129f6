package scoring

import (
	"fmt"
	"strconv"
)

// InputFile says how an importer understood one input file: which tool wrote
// it and why it thinks so, where the header is, and which column became
// which question. It lets a researcher check the reading before trusting
// a score ('reifegrad check' prints it), and it names every question the
// file has no column for.
type InputFile struct {
	File  string
	Sheet string // empty for CSV
	// HeaderRow is the 1-based row of the header; HeaderRows > 1 when
	// the tool writes several header rows (question texts, import ids,
	// answer options below the codes).
	HeaderRow, HeaderRows int
	// Format is the survey tool or layout recognised (or set), such as
	// "limesurvey"; FormatReason says what it was recognised by.
	Format, FormatReason string
	// FormatSaid says FormatReason in parts, for Describer.Format in the
	// report's language.
	FormatSaid []Said
	// Encoding is the text encoding a CSV file was read in ("utf-8",
	// "windows-1252", "utf-16"), and EncodingReason why; empty for a
	// workbook.
	Encoding, EncodingReason string
	// EncodingCause and EncodingArgs say EncodingReason for
	// Describer.Encoding, in the report's language.
	EncodingCause Cause
	EncodingArgs  []string
	// Long is true for a file with one row per unit, question and answer.
	Long    bool
	Columns []InputColumn
	// Missing lists the questions without a column, in model order.
	Missing []QuestionID
}

// InputColumn is what one column of an input was taken for.
type InputColumn struct {
	Column int // 1-based
	// Row is the 1-based row of an answer in a questionnaire laid down a
	// sheet ('reifegrad template'); 0 in a table with a row per response.
	Row    int
	Header string
	Role   ColumnRole
	// Question is set for ColumnQuestion and ColumnItem; Item is the code
	// of the multi-select item a ColumnItem ticks.
	Question QuestionID
	Item     string
	// Attribute names the unit attribute of a ColumnAttribute, or what a
	// ColumnBookkeeping column means to the tool ("submission time").
	Attribute string
	// Thousands counts the answers of a question's column read with a
	// thousands separator, ThousandsSeparator: "1.234" as 1234 because
	// the column writes decimal commas, or "1,234" as 1234 because it
	// writes decimal points (see ThousandsOrDecimal).
	Thousands          int
	ThousandsSeparator string
}

// ColumnRole is what an importer took a column for. The zero value is an
// unused column.
type ColumnRole uint8

const (
	ColumnUnused       ColumnRole = iota
	ColumnID                      // the unit's id (AGS)
	ColumnName                    // the unit's name
	ColumnDistrict                // the unit's district
	ColumnPopulation              // the unit's population
	ColumnAttribute               // another unit attribute, for peer groups
	ColumnWave                    // the wave of each row
	ColumnBookkeeping             // the survey tool's own: response id, times, completion
	ColumnQuestion                // a question's whole answer
	ColumnItem                    // one item of a multi-select question
	ColumnQuestionCode            // long layout: the question each row answers
	ColumnAnswer                  // long layout: the answer
)

var columnRoleNames = [...]string{"unused", "id", "name", "district", "population", "attribute", "wave", "bookkeeping", "question", "item",
	"question code", "answer"}

func (r ColumnRole) String() string {
	if int(r) < len(columnRoleNames) {
		return columnRoleNames[r]
	}
	return "ColumnRole(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText writes the role's name, for JSON.
func (r ColumnRole) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a role's name.
func (r *ColumnRole) UnmarshalText(b []byte) error {
	for i, n := range columnRoleNames {
		if n == string(b) {
			*r = ColumnRole(i)
			return nil
		}
	}
	return fmt.Errorf("unknown column role %q", b)
}

// Fatal returns the findings under which no figure can be trusted (see
// Issue.Fatal), in the order they were found.
func (d *Dataset) Fatal() []Issue {
	var out []Issue
	for _, is := range d.Issues {
		if is.Fatal {
			out = append(out, is)
		}
	}
	return out
}
