package scoring

// Cause names the sentence a Reject or an Issue says, so that every
// report says it in its own language (Describer.Reject, Describer.Issue):
// a German page must not quote an importer's English. Reason and Message
// stay the English text the terminal, check --json and the analyst's CSV
// files show. Args are the values the sentence names (a row number, a
// code, an AGS), in the order Cause's comment lists them, formatted as
// the input had them. The zero Cause: an adapter gave only the English
// text, and every language shows that.
type Cause uint8

// Causes of rejected rows.
const (
	// CauseMalformedRow: the row is not valid CSV (the parser's detail is
	// in Reason). No args.
	CauseMalformedRow Cause = iota + 1
	// CauseExtraFields: fields, header fields.
	CauseExtraFields
	// CauseEmptyRow: no args.
	CauseEmptyRow
	// CauseLongCell: characters, the most allowed.
	CauseLongCell
	// CauseNULByte: no args.
	CauseNULByte
	// CauseNotUTF8: no args.
	CauseNotUTF8
	// CauseNoWave: the wave column's number.
	CauseNoWave
	// CauseDroppedIncomplete: the survey platform.
	CauseDroppedIncomplete
	// CauseNoName: the name column's number.
	CauseNoName
	// CauseUnknownName: name, register.
	CauseUnknownName
	// CauseAmbiguousName: name, register, the candidates ("AGS name
	// (district); …").
	CauseAmbiguousName
	// CauseNoID: the id column's number (or cell, "B3", in a
	// questionnaire).
	CauseNoID
	// CauseLongID: characters, the most allowed.
	CauseLongID
	// CauseNotAGS: the id as the file wrote it.
	CauseNotAGS
	// CauseNotInRegister: AGS, register.
	CauseNotInRegister
	// CausePopulation: the value.
	CausePopulation
	// CauseDuplicateRow: unit, the other row, the duplicate policy.
	CauseDuplicateRow
	// CauseDuplicateFile: unit, wave, where else it answered (another
	// file; no receipt time decides which counts, so neither does).
	CauseDuplicateFile
	// CauseAmbiguousQuestion: the question code (long layout).
	CauseAmbiguousQuestion
	// CauseUnknownQuestion: the question code (long layout).
	CauseUnknownQuestion
	// CauseAnsweredTwice: unit, question, first row, this row (long layout).
	CauseAnsweredTwice
	// CauseEmptyQuestionnaire: no args.
	CauseEmptyQuestionnaire
	// CauseNoIDCell: the questionnaire's id cell ("B3").
	CauseNoIDCell
	// CauseNotAResponse: platform, what it marks the row as (its
	// label: "Survey Preview"), the status value.
	CauseNotAResponse
	// CauseUnknownStatus: platform, the status value.
	CauseUnknownStatus
)

// Causes of data-quality notes (Issue).
const (
	// CauseDuplicate: unit, wave, first row, second row, policy.
	CauseDuplicate Cause = iota + CauseUnknownStatus + 1
	// CauseFaultyAnswer: question, platform, the answer.
	CauseFaultyAnswer
	// CauseNameMismatch: AGS, the file's name, register, the register's name.
	CauseNameMismatch
	// CauseKeptIncomplete: unit, platform.
	CauseKeptIncomplete
	// CauseMissingQuestion: question, wave.
	CauseMissingQuestion
	// CauseMissingOptional: question, wave.
	CauseMissingOptional
	// CauseMissingQuestionNear: question, wave, the unused columns most
	// like it (number and heading, "5 \"S0l\"", several joined by " / ").
	CauseMissingQuestionNear
	// CauseMissingOptionalNear: question, wave, columns as above.
	CauseMissingOptionalNear
	// CauseDenominatorZero: unit, question, denominator.
	CauseDenominatorZero
	// CauseDenominatorMissing: unit, question, denominator.
	CauseDenominatorMissing
	// CauseUndatedWaves: earlier wave, later wave.
	CauseUndatedWaves
	// CauseDissolved: AGS, name, successor, date (YYYY-MM-DD), wave.
	CauseDissolved
	// CauseOtherQuestionnaire: file, wave.
	CauseOtherQuestionnaire
	// CauseLowCoverage: unit, node, per cent answered, per cent needed.
	CauseLowCoverage
	// CauseUnknownAnswer: question, answer, scale.
	CauseUnknownAnswer
	// CauseOutOfRange: question, answer.
	CauseOutOfRange
	// CauseUnreachableLevel: wave, node ID, node name, level label.
	CauseUnreachableLevel
)

// Causes of the encoding a CSV file was read in (InputFile.EncodingCause).
// The counted ones take as their first arg the scope: "" for the whole
// file, else the MiB counted from its start, which Describer.Encoding
// words in its language.
const (
	// CauseEncodingSet: survey.encoding says so. No args.
	CauseEncodingSet Cause = iota + CauseUnreachableLevel + 1
	// CauseEncodingBOMUTF8: no args.
	CauseEncodingBOMUTF8
	// CauseEncodingBOMUTF16: no args.
	CauseEncodingBOMUTF16
	// CauseEncodingUTF16NoBOM: no args.
	CauseEncodingUTF16NoBOM
	// CauseEncodingASCII: scope.
	CauseEncodingASCII
	// CauseEncodingUTF8: scope, characters beyond ASCII (all valid).
	CauseEncodingUTF8
	// CauseEncodingMixed: UTF-8 with a few bytes that are not; scope,
	// valid characters beyond ASCII, invalid bytes.
	CauseEncodingMixed
	// CauseEncodingWindows1252: no character is valid UTF-8; scope,
	// invalid bytes.
	CauseEncodingWindows1252
	// CauseEncodingMostlyWindows1252: fewer valid characters than invalid
	// bytes; scope, valid characters, invalid bytes.
	CauseEncodingMostlyWindows1252

	// Causes of the format an input was read as (InputFile.FormatSaid).

	// CauseFormatSet: survey.format says so. No args.
	CauseFormatSet
	// CauseFormatColumns: the tool's bookkeeping columns, quoted and
	// listed ("submitdate", "id").
	CauseFormatColumns
	// CauseFormatFirstColumn: the first column's heading, quoted.
	CauseFormatFirstColumn
	// CauseFormatGeneric: no survey tool's bookkeeping columns. No args.
	CauseFormatGeneric
	// CauseFormatQualtricsNoTexts: Qualtrics' columns without a row of
	// question texts. No args.
	CauseFormatQualtricsNoTexts
	// CauseFormatQualtricsLegacy: Qualtrics' legacy export. No args.
	CauseFormatQualtricsLegacy
	// CauseFormatQualtricsTexts: Qualtrics' columns, question texts in
	// row 2. No args.
	CauseFormatQualtricsTexts
	// CauseFormatImportIDs: Qualtrics' import ids; their row.
	CauseFormatImportIDs
	// CauseFormatOptionsRow: SurveyMonkey's options; their row.
	CauseFormatOptionsRow
	// CauseFormatTextsRow: a row of question texts below the header; its
	// row.
	CauseFormatTextsRow
	// CauseFormatLong: survey.layout: long. No args.
	CauseFormatLong
	// CauseFormatTemplate: a questionnaire of 'reifegrad template'; its
	// defined names.
	CauseFormatTemplate

	// Causes of data-quality notes on a number an answer shows or holds
	// (kept after the others: a Cause's value never changes).

	// CauseAmbiguousNumber: question, answer, scale ("1.234" or "1,234"
	// under decimal: auto, see ThousandsOrDecimal).
	CauseAmbiguousNumber
	// CausePercentAnswer: question, answer, scale (a percentage such as
	// "25%" on a numeric scale that does not run from 0 to 100).
	CausePercentAnswer
	// CauseFormulaNoValue: question, the cell ("C2").
	CauseFormulaNoValue

	// CauseModelChanged: wave, unit, the fingerprint of the model it
	// submitted under, the fingerprint of the model scoring it now.
	CauseModelChanged

	// CauseMergedCell: question, the cell ("D4"), the merged range
	// ("D3:D5"), its first cell, whose value Excel shows ("D3").
	CauseMergedCell
	// CauseHiddenRows: how many rows, which ("5, 9–12").
	CauseHiddenRows
	// CauseARSRead: the id column's number, how many ids, the first row
	// ("13072075" read from the Regionalschlüssel "130725252075").
	CauseARSRead

	causeEnd
)

// causeArgs is the number of args of each cause.
var causeArgs = [causeEnd]int{
	CauseMalformedRow: 0, CauseExtraFields: 2, CauseEmptyRow: 0, CauseLongCell: 2, CauseNULByte: 0,
	CauseNotUTF8: 0, CauseNoWave: 1, CauseDroppedIncomplete: 1, CauseNoName: 1, CauseUnknownName: 2,
	CauseAmbiguousName: 3, CauseNoID: 1, CauseLongID: 2, CauseNotAGS: 1, CauseNotInRegister: 2,
	CausePopulation: 1, CauseDuplicateRow: 3, CauseDuplicateFile: 3, CauseAmbiguousQuestion: 1,
	CauseUnknownQuestion: 1, CauseAnsweredTwice: 4, CauseEmptyQuestionnaire: 0, CauseNoIDCell: 1,
	CauseNotAResponse: 3, CauseUnknownStatus: 2,
	CauseDuplicate: 5, CauseFaultyAnswer: 3, CauseNameMismatch: 4, CauseKeptIncomplete: 2,
	CauseMissingQuestion: 2, CauseMissingOptional: 2, CauseMissingQuestionNear: 3, CauseMissingOptionalNear: 3, CauseDenominatorZero: 3, CauseDenominatorMissing: 3,
	CauseUndatedWaves: 2, CauseDissolved: 5, CauseOtherQuestionnaire: 2, CauseLowCoverage: 4,
	CauseUnknownAnswer: 3, CauseOutOfRange: 2, CauseUnreachableLevel: 4,
	CauseEncodingSet: 0, CauseEncodingBOMUTF8: 0, CauseEncodingBOMUTF16: 0, CauseEncodingUTF16NoBOM: 0,
	CauseEncodingASCII: 1, CauseEncodingUTF8: 2, CauseEncodingMixed: 3, CauseEncodingWindows1252: 2,
	CauseEncodingMostlyWindows1252: 3,
	CauseFormatSet:                 0, CauseFormatColumns: 1, CauseFormatFirstColumn: 1, CauseFormatGeneric: 0,
	CauseFormatQualtricsNoTexts: 0, CauseFormatQualtricsLegacy: 0, CauseFormatQualtricsTexts: 0,
	CauseFormatImportIDs: 1, CauseFormatOptionsRow: 1, CauseFormatTextsRow: 1, CauseFormatLong: 0,
	CauseFormatTemplate:  1,
	CauseAmbiguousNumber: 3, CausePercentAnswer: 3, CauseFormulaNoValue: 2,
	CauseModelChanged: 4, CauseMergedCell: 4, CauseHiddenRows: 2, CauseARSRead: 3,
}

// Said is one sentence named by its cause and values, for a text of
// several parts (why an input was read as it was): Describer.Format says
// the parts in its language.
type Said struct {
	Cause Cause
	Args  []string
}

// Args is the number of values the cause's sentence names; -1 for a
// value that is no cause.
func (c Cause) Args() int {
	if c == 0 || c >= causeEnd {
		return -1
	}
	return causeArgs[c]
}
