// Package questionnaire is the contract between the questionnaire workbook
// that 'reifegrad template' writes (reports/xlsx) and the reader that takes
// it back filled in (survey): the defined names by which the reader finds
// the cells. Excel and LibreOffice move a defined name along when someone
// inserts rows or columns, so the reader finds the cells wherever the
// municipality moved them.
//
// The package sits at the top level and imports nothing: survey and
// reports/xlsx are adapters that must not import each other, and the
// layout is neither's alone. It is too small, and too much about one
// file format, to belong to scoring.
package questionnaire

// The defined names of the questionnaire workbook.
const (
	NameID      = "reifegrad_ags"     // the cell of the unit's id
	NameUnit    = "reifegrad_name"    // the cell of its name
	NameCodes   = "reifegrad_codes"   // the column of question codes
	NameAnswers = "reifegrad_answers" // the column of answers, row by row beside the codes
)
