package example

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes the survey as German Excel saves "CSV UTF-8": a byte
// order mark, ';' between fields and CRLF line ends.
func (s *Survey) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(s.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(s.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteXLSX writes the survey as a workbook with one sheet "Antworten":
// AGS and answers as text, numeric questions as numbers.
func (s *Survey) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Antworten"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, len(s.Header))
	for i, h := range s.Header {
		hdr[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hdr, excelize.RowOpts{}); err != nil {
		return err
	}
	for r, row := range s.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
			if i < len(s.Numeric) && s.Numeric[i] && v != "" {
				if x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil {
					cells[i] = x
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
