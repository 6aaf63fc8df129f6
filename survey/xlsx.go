package survey

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Limits for opening workbooks. A response workbook for every municipality
// of Germany with 200 questions unzips to well under 200 MB; a zip bomb
// claims far more and is refused before it is inflated.
const (
	UnzipSizeLimit    = 1 << 30
	UnzipXMLSizeLimit = 64 << 20
)

// OpenOptions are the excelize options every workbook is opened with.
func OpenOptions() excelize.Options {
	return excelize.Options{UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit}
}

// xlsxTable streams the rows of one worksheet with excelize's Rows
// iterator, so a large sheet is never held as a whole.
type xlsxTable struct {
	f     *excelize.File
	rows  *excelize.Rows
	name  string
	row   int
	width int
}

func newXLSXTable(r io.Reader, opt *Options) (*xlsxTable, error) {
	f, err := excelize.OpenReader(r, OpenOptions())
	if err != nil {
		return nil, fmt.Errorf("not a readable xlsx workbook: %w", err)
	}
	sheet, err := pickSheet(f, opt.Sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxTable{f: f, rows: rows, name: sheet}, nil
}

// pickSheet resolves the sheet option: a name, a 1-based index, or empty
// for the first sheet that has data.
func pickSheet(f *excelize.File, want string) (string, error) {
	sheets := f.GetSheetList()
	if want != "" {
		name, idx := parseSheet(want)
		if idx > 0 {
			if idx > len(sheets) {
				return "", fmt.Errorf("sheet %d does not exist: the workbook has %d sheets", idx, len(sheets))
			}
			return sheets[idx-1], nil
		}
		for _, s := range sheets {
			if s == name {
				return s, nil
			}
		}
		return "", fmt.Errorf("no sheet named %q (sheets: %q)", name, sheets)
	}
	for _, s := range sheets {
		if dim, err := f.GetSheetDimension(s); err == nil && dim != "" && dim != "A1" {
			return s, nil
		}
	}
	if len(sheets) == 0 {
		return "", ErrEmptyFile
	}
	return sheets[0], nil
}

func (t *xlsxTable) sheet() string { return t.name }

func (t *xlsxTable) next() ([]string, int, error) {
	for t.rows.Next() {
		t.row++
		rec, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, t.row, &ParseError{Row: t.row, Err: err}
		}
		if len(rec) == 0 {
			continue // rows absent from the sheet are not records
		}
		return rec, t.row, nil
	}
	if err := t.rows.Error(); err != nil {
		return nil, t.row, err
	}
	t.rows.Close()
	t.f.Close()
	return nil, t.row, io.EOF
}
