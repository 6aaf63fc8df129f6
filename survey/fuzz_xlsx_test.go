package survey

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// xlsxPackage wraps a worksheet and its shared strings into the smallest
// package excelize opens: the fuzzer varies the XML, not the zip.
func xlsxPackage(sheet, shared []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)},
		{"_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Antworten" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)},
		{"xl/worksheets/sheet1.xml", sheet},
		{"xl/sharedStrings.xml", shared},
	}
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write(p.data)
	}
	zw.Close()
	return buf.Bytes()
}

// sheetParts returns the first worksheet holding data and the shared
// strings of a workbook.
func sheetParts(tb testing.TB, wb []byte) (sheet, shared []byte) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		tb.Fatal(err)
	}
	read := func(zf *zip.File) []byte {
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
	for _, zf := range zr.File {
		switch {
		case zf.Name == "xl/sharedStrings.xml":
			shared = read(zf)
		case strings.HasPrefix(zf.Name, "xl/worksheets/sheet") && (sheet == nil || !bytes.Contains(sheet, []byte("<c "))):
			sheet = read(zf)
		}
	}
	return sheet, shared
}

// smallWorkbook is a workbook as excelize writes it: shared strings,
// numbers, a formula, an empty row, and a row wider than the header.
func smallWorkbook(tb testing.TB) []byte {
	tb.Helper()
	wb := excelize.NewFile()
	for i, row := range [][]any{
		{"ags", "gemeinde", "S01", "O02", "P06"},
		{"14612000", "Dresden", "ja", 12, 37.5},
		{14511000, "Chemnitz", "teilweise", "1.234,5"},
		{},
		{"14612000", "Dresden", "nein", 0, 100, "zu viel"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow("Sheet1", cell, &row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := wb.SetCellFormula("Sheet1", "D3", "1+1"); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXPackage: the fuzzer's package around the parts of smallWorkbook
// reads as the workbook itself does, so that its seeds start from real
// rows: two responses, the empty row no record, the wide row rejected.
func TestXLSXPackage(t *testing.T) {
	m := mustModel(t)
	opt := Options{UnitsAreMunicipalities: true, Register: mustRegister(t, "sachsen")}
	wb := smallWorkbook(t)
	sheet, shared := sheetParts(t, wb)
	for name, b := range map[string][]byte{"workbook": wb, "package": xlsxPackage(sheet, shared)} {
		ds, err := Read(bytes.NewReader(b), "f.xlsx", m, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(ds.Responses) != 2 || len(ds.Rejects) != 1 || ds.Rejects[0].Row != 5 {
			t.Errorf("%s: %d responses, rejects %+v; want 2 and row 5", name, len(ds.Responses), ds.Rejects)
		}
	}
}

// FuzzReadXLSX reads arbitrary worksheet and shared-strings XML as a
// workbook. Read must not panic, and whatever it returns must account for
// rows exactly once, as FuzzReadCSV checks for CSV.
func FuzzReadXLSX(f *testing.F) {
	for _, file := range []string{"testdata/excel.xlsx", "testdata/msforms.xlsx"} {
		if b, err := os.ReadFile(file); err == nil {
			sheet, shared := sheetParts(f, b)
			f.Add(sheet, shared)
		}
	}
	sheet, shared := sheetParts(f, smallWorkbook(f))
	f.Add(sheet, shared)
	// A formula without a value (formulasWithoutValue), as a script
	// writes it.
	f.Add(bytes.Replace(sheet, []byte("</c></row>"), []byte(`</c><c r="Z2"><f>1+1</f></c><c r="AA2" t="str"><f>A1</f><v></v></c></row>`), 1), shared)
	// Number cells whose stored value reads two ways as text (sheetCells).
	f.Add(bytes.Replace(sheet, []byte("</c></row>"), []byte(`</c><c r="Z2"><v>1.234</v></c><c r="AA2" t="str"><v>-12.500</v></c><c r="AB2" t="n"><v> 100.125 </v></c></row>`), 1), shared)

	m := mustModel(f)
	reg := mustRegister(f, "sachsen")
	f.Fuzz(func(t *testing.T, sheet, shared []byte) {
		b := xlsxPackage(sheet, shared)
		for _, opt := range []Options{
			{UnitsAreMunicipalities: true, Register: reg},
			{IDColumn: "gemeinde", Duplicates: RejectAll},
		} {
			ds, err := Read(bytes.NewReader(b), "f.xlsx", m, opt)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.xlsx") {
					t.Fatalf("error %q does not name the file", err)
				}
				continue
			}
			checkAccounting(t, ds, m, "f.xlsx", opt.UnitsAreMunicipalities)
			scoring.Score(m, ds)
		}
	})
}
