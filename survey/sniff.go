package survey

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// ErrFileFormat wraps the message for a file that is no table reifegrad
// reads (CSV or xlsx): it names what the file is and how to get a table
// from it, rather than reading its bytes as CSV and failing on a stray
// quote or a missing id column.
var ErrFileFormat = errors.New("not a CSV file or xlsx workbook")

// recogniseSize is how much of a file is looked at to recognise it.
const recogniseSize = 8 << 10

// sniff looks at the start of a file and decides how to read it: as the
// format its name says, as an xlsx workbook that was named otherwise, or
// not at all, with an error wrapping ErrFileFormat that names what the
// file is. It returns a reader that yields the whole file.
//
// reifegrad does not read these formats itself: no Go library for
// OpenDocument, Excel 97–2003 or SPSS files is maintained well enough to
// trust its numbers, and every tool that writes them also writes xlsx or
// CSV, which are read in full (types, dates, encodings) here.
func sniff(r io.Reader, name string, f Format) (io.Reader, Format, error) {
	br := bufio.NewReaderSize(r, recogniseSize)
	head, err := br.Peek(recogniseSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return br, f, err
	}
	ext := strings.ToLower(filepath.Ext(name))
	if what, fix := recognise(head, ext); what != "" {
		return br, f, fmt.Errorf("%w: this is %s; %s", ErrFileFormat, what, fix)
	}
	if f == FormatCSV && bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		// A zip named .csv: an xlsx workbook renamed, or an archive.
		b, err := io.ReadAll(limitSize(br))
		if err != nil {
			return nil, f, err
		}
		if err := zipIsWorkbook(b); err != nil {
			return nil, f, err
		}
		return bytes.NewReader(b), FormatXLSX, nil
	}
	return br, f, nil
}

// saveAs is the advice for a spreadsheet in another format.
const saveAs = "save it as .xlsx (Excel workbook) or as CSV and read that file"

// recognise names a file that is no CSV or xlsx by its first bytes and its
// extension, with the way to a table; "" for a file that may be one.
func recognise(head []byte, ext string) (what, fix string) {
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		// OpenDocument packages start with an uncompressed "mimetype"
		// entry naming their kind.
		switch {
		case bytes.Contains(head[:min(len(head), 100)], []byte("opendocument.spreadsheet")):
			return "an OpenDocument spreadsheet (.ods)", saveAs + " (LibreOffice: File ▸ Save As ▸ Excel 2007-365)"
		case bytes.Contains(head[:min(len(head), 100)], []byte("opendocument.")):
			return "an OpenDocument document, not a spreadsheet", "export the responses as CSV or .xlsx"
		}
		return "", ""
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "an Excel 97–2003 workbook (.xls) or another old Office file, or a password-protected workbook",
			saveAs + " (without a password)"
	case bytes.HasPrefix(head, []byte("$FL2")) || bytes.HasPrefix(head, []byte("$FL3")):
		return "an SPSS data file (.sav)", "export the responses from the survey tool as CSV or .xlsx (or in SPSS/PSPP: File ▸ Export ▸ CSV, with variable names in the first row)"
	case bytes.HasPrefix(head, []byte("<stata_dta>")):
		return "a Stata data file (.dta)", "export it as CSV with variable names in the first row"
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "a PDF document", "export the responses from the survey tool as CSV or .xlsx"
	case bytes.HasPrefix(head, []byte("\x1f\x8b")):
		return "a gzip-compressed file", "unpack it first"
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return "a rich text document (.rtf)", "export the responses as CSV or .xlsx"
	case hasPrefixFold(text, "<!doctype html") || hasPrefixFold(text, "<html"):
		return "a web page (HTML), perhaps a login or error page saved instead of the download", "download the export again as CSV or .xlsx"
	case hasPrefixFold(text, "<?xml"):
		switch {
		case bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
			return "an Excel 2003 XML spreadsheet", saveAs
		case bytes.Contains(head, []byte("opendocument")):
			return "a flat OpenDocument file (.fods)", saveAs
		case bytes.Contains(head, []byte("<document")) && bytes.Contains(head, []byte("<LimeSurveyDocType>")):
			return "a LimeSurvey structure or response file (XML)", "export the responses as CSV (Responses ▸ Export ▸ CSV); a structure file (.lss) is read by 'reifegrad init --structure'"
		}
		return "an XML file", "export the responses as CSV or .xlsx"
	case ext == ".json" || ext == ".jsonl" || ext == ".ndjson" || looksLikeJSON(text):
		return "JSON, not a table", "export the responses as CSV or .xlsx"
	case ext == ".dat":
		return "a data file without a header (.dat, as LimeSurvey's and SoSci Survey's SPSS and R exports write it: the column names are in the syntax file beside it)",
			"export the responses as CSV or .xlsx with question codes in the first row"
	case ext == ".ods" || ext == ".xls" || ext == ".sav" || ext == ".sps" || ext == ".r" || ext == ".lss" || ext == ".lsr":
		// Named so, but not recognised by content: say what the name says.
		return map[string]string{".ods": "named as an OpenDocument spreadsheet (.ods)", ".xls": "named as an Excel 97–2003 workbook (.xls)",
			".sav": "named as an SPSS data file (.sav)", ".sps": "an SPSS syntax file (.sps), not the data",
			".r": "an R script, not the data", ".lss": "a LimeSurvey structure file (.lss), not the responses",
			".lsr": "a LimeSurvey response archive (.lsr)"}[ext], "export the responses as CSV or .xlsx"
	}
	return "", ""
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// looksLikeJSON reports whether text starts as a JSON object or an array
// of objects or arrays would; a CSV's first cell rarely does.
func looksLikeJSON(text []byte) bool {
	if len(text) < 2 || (text[0] != '{' && text[0] != '[') {
		return false
	}
	rest := bytes.TrimLeft(text[1:], " \t\r\n")
	if len(rest) == 0 {
		return false
	}
	if text[0] == '{' {
		return rest[0] == '"' || rest[0] == '}'
	}
	return rest[0] == '{' || rest[0] == '[' || rest[0] == ']'
}

// zipIsWorkbook reports, for a zip archive, whether it is an xlsx
// workbook; if not, the error names what the archive holds. Bytes that
// are no readable zip archive pass: the workbook reader says what is
// wrong with them.
func zipIsWorkbook(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	var names []string
	for _, f := range zr.File {
		switch {
		case f.Name == "xl/workbook.xml":
			return nil
		case f.Name == "word/document.xml":
			return fmt.Errorf("%w: this is a Word document (.docx); export the responses as CSV or .xlsx", ErrFileFormat)
		case f.Name == "ppt/presentation.xml":
			return fmt.Errorf("%w: this is a PowerPoint presentation (.pptx); export the responses as CSV or .xlsx", ErrFileFormat)
		}
		if !strings.HasSuffix(f.Name, "/") {
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	list := strings.Join(names[:min(len(names), 5)], ", ")
	if len(names) > 5 {
		list += fmt.Sprintf(" and %d more", len(names)-5)
	}
	if len(names) == 0 {
		list = "nothing"
	}
	return fmt.Errorf("%w: this is a zip archive that is not an xlsx workbook (it holds %s); unpack it and read the CSV or .xlsx inside", ErrFileFormat, list)
}
