// Package survey reads survey exports — CSV in the shapes Excel and survey
// platforms write, and xlsx workbooks — into scoring.Dataset values, as
// they come: nobody should have to clean a file by hand first.
//
// It is an adapter: it knows files, encodings, delimiters, headers, the
// survey tools' export layouts and the municipality registers, and speaks
// only scoring's vocabulary to the rest of the program.
//
// # Files
//
// CSV files are read with encoding/csv. The encoding (UTF-8 with or
// without BOM, UTF-16 little or big endian, Windows-1252) and the
// delimiter (';', ',', tab or '|': the one that splits the first records
// most consistently) are detected unless set; quoted fields may hold
// delimiters and line breaks; old Mac line ends ('\r') are accepted.
// Workbooks (.xlsx) are streamed with excelize's Rows iterator from the
// sheet named by Options.Sheet (name or 1-based index), else the first
// sheet holding the header; numbers are read as Excel stores them, date
// cells as ISO text, and a workbook that would unzip beyond
// UnzipSizeLimit is refused before it is inflated. Every part of a
// workbook is checked against its checksum and declared size first, so a
// damaged or crafted file is an error rather than a sheet cut short.
//
// # Limits
//
// Files arrive broken, huge or crafted. A file may have at most
// MaxFileSize bytes, MaxColumns columns, MaxRows rows below its header and
// MaxRecordBytes bytes in a row; a workbook's sheet at most MaxSheetBytes
// unzipped, its shared strings MaxSharedStrings; more is an error naming
// the file and row, found while reading, before the excess is held in
// memory. Parts of a workbook that no sheet needs are never inflated. A row with a
// cell of more than MaxCellChars characters (Excel's limit), a NUL byte or
// text that is not UTF-8, or a unit id longer than MaxIDChars, is rejected
// with its place. Codebooks, like models, refuse YAML aliases that cycle
// or expand beyond scoring.MaxAliasNodes.
//
// The header is the first row (of the first 30) that names the id column,
// or the name column when units are matched by name; title rows above it
// are skipped. A question's column is found by its code, its text or one
// of its aliases, compared after normalising whitespace, HTML entities and
// tags, and case; LimeSurvey's "CODE. text" headings by their code. A
// header that fits two questions, a question with two columns, a missing
// id or wave column are errors naming the closest header. A question
// without a column is a scoring.IssueMissingQuestion per wave, fatal
// unless the model declares the question optional, naming the unused
// columns most like it; Dataset.Inputs says what every column was taken
// for.
//
// # Platforms and codebooks
//
// Platform describes what each supported tool (LimeSurvey, SoSci Survey,
// Qualtrics, SurveyMonkey, Google Forms, Microsoft Forms, LamaPoll)
// writes: its bookkeeping columns, its completion mark and submission
// time, its codes for "not answered", its further header rows (Qualtrics'
// question texts and import ids, SurveyMonkey's options), and how
// multi-select answers are spread over item columns ("Q3[SQ001]" = "Y",
// "A003_01" = 2, "Q3_1" = 1, a column holding the option's label) or
// joined in one cell. Every name a column has — the cell, a LimeSurvey
// "code. text" heading's code and text, what the further header rows say
// — is tried in turn. A first data row that still looks like a header is
// refused (ErrHeaderRows), never scored. A Codebook maps a tool's own
// column, answer and item codes onto the model, which stays tool-neutral.
//
// Files that are no table (OpenDocument, Excel 97–2003, SPSS, JSON, a zip
// that is no workbook, …) are refused with ErrFileFormat, naming what
// they are.
//
// # Rows
//
// Every row below the header ends up either as a scoring.Response or as a
// scoring.Reject with its reason and place (file, sheet, row, column):
// empty rows, rows wider than the header, malformed records, cells over
// the limits above, invalid or unknown unit ids, unmatched or ambiguous names, empty wave cells,
// incomplete responses under DropIncomplete, and the losers of the
// duplicate policy. Rows read below the header = responses + rejects.
// What did not stop a row — a kept incomplete response, a duplicate, a
// name that contradicts the register, an answer the tool marks faulty —
// is a scoring.Issue. Answers outside their scale are left as they are,
// for the engine to report per question and value.
//
// Read is safe for concurrent use with different readers; Options,
// Register and Codebook values are not modified by it.
package survey
