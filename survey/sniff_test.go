package survey

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// zipOf packs files into a zip archive, in order; the first entry is
// stored uncompressed, as OpenDocument requires of its "mimetype".
func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range files {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oleHeader is the 512-byte header of a Compound File Binary (Excel 97–2003,
// Word 97–2003, encrypted OOXML), as [MS-CFB] 2.2 lays it out.
func oleHeader() []byte {
	h := make([]byte, 512)
	copy(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	binary.LittleEndian.PutUint16(h[24:], 0x003e) // minor version
	binary.LittleEndian.PutUint16(h[26:], 0x0003) // major version 3
	binary.LittleEndian.PutUint16(h[28:], 0xfffe) // little endian
	binary.LittleEndian.PutUint16(h[30:], 9)      // 512-byte sectors
	binary.LittleEndian.PutUint16(h[32:], 6)      // 64-byte mini sectors
	return h
}

// savHeader is the start of an SPSS system file as PSPP documents it: the
// record type "$FL2", the product name, layout code 2, and so on.
func savHeader() []byte {
	var b bytes.Buffer
	b.WriteString("$FL2")
	b.WriteString(padTo("@(#) SPSS DATA FILE MS Windows Release 22.0.0.0", 60))
	binary.Write(&b, binary.LittleEndian, int32(2))  // layout code
	binary.Write(&b, binary.LittleEndian, int32(12)) // nominal case size
	binary.Write(&b, binary.LittleEndian, int32(1))  // compression
	return b.Bytes()
}

func padTo(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestFormatsNamed: a file reifegrad does not read is refused with what it
// is and how to get a table from it, whatever its name.
func TestFormatsNamed(t *testing.T) {
	m := mustModel(t)
	const ods = "application/vnd.oasis.opendocument.spreadsheet"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"antworten.ods", zipOf(t, [2]string{"mimetype", ods}, [2]string{"content.xml", "<office:document-content/>"}),
			"this is an OpenDocument spreadsheet (.ods); save it as .xlsx (Excel workbook) or as CSV and read that file (LibreOffice: File ▸ Save As ▸ Excel 2007-365)"},
		{"antworten.xlsx", zipOf(t, [2]string{"mimetype", ods}, [2]string{"content.xml", "<office:document-content/>"}),
			"this is an OpenDocument spreadsheet (.ods)"},
		{"antworten.xls", oleHeader(), "this is an Excel 97–2003 workbook (.xls) or another old Office file, or a password-protected workbook"},
		{"antworten.csv", oleHeader(), "this is an Excel 97–2003 workbook (.xls)"},
		{"survey_123456_SPSS.sav", savHeader(), "this is an SPSS data file (.sav)"},
		{"survey_123456_SPSS_data_file.dat", []byte("'1','2024-03-15 10:00:00','3','de','14612000','A1','A2'\n'2','2024-03-15 11:37:00','3','de','14713000','A2','A1'\n"),
			"this is a data file without a header (.dat, as LimeSurvey's and SoSci Survey's SPSS and R exports write it"},
		{"responses.json", []byte(`{"responses": [{"id": 1, "AGS": "14612000"}]}`), "this is JSON, not a table"},
		{"export.csv", []byte("[\n  {\"id\": 1, \"AGS\": \"14612000\"}\n]\n"), "this is JSON, not a table"},
		{"export.csv", []byte("<!DOCTYPE html>\n<html><head><title>Anmelden</title></head><body>…</body></html>"), "this is a web page (HTML)"},
		{"export.csv.gz", gz(t, "ags;S01\n14612000;ja\n"), "this is a gzip-compressed file; unpack it first"},
		{"export.pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), "this is a PDF document"},
		{"export.xml", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), "this is an Excel 2003 XML spreadsheet"},
		{"limesurvey_survey_123456.lss", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>"),
			"this is a LimeSurvey structure or response file (XML)"},
		{"bericht.docx", zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"}), "this is a Word document (.docx)"},
		{"export.zip", zipOf(t, [2]string{"results-survey123456.csv", "ags;S01\n"}, [2]string{"readme.txt", "hi"}),
			"this is a zip archive that is not an xlsx workbook (it holds readme.txt, results-survey123456.csv); unpack it and read the CSV or .xlsx inside"},
		{"export.xlsx", zipOf(t, [2]string{"results-survey123456.csv", "ags;S01\n"}),
			"this is a zip archive that is not an xlsx workbook (it holds results-survey123456.csv)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tt.data), tt.name, m, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.name+": ") {
				t.Errorf("error %v\nwant %s: …%s…", err, tt.name, tt.want)
			}
			if !errors.Is(err, ErrFileFormat) {
				t.Errorf("error %v does not wrap ErrFileFormat", err)
			}
		})
	}
}

// TestWorkbookNamedCSV: an xlsx workbook saved under a .csv name is read
// as the workbook it is.
func TestWorkbookNamedCSV(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"ags", "S01"}, {"14612000", "ja"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	ds, err := Read(&buf, "antworten.csv", mustModel(t), Options{Wave: scoring.Wave{ID: "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != 1 || ds.Responses[0].Answers.At(qS01) != "ja" || ds.Inputs[0].Sheet != "Sheet1" {
		t.Errorf("responses %+v, inputs %+v", ds.Responses, ds.Inputs)
	}
}

// TestCSVStillCSV: a CSV whose first cell starts with a bracket, or that
// looks like nothing above, is still read as CSV.
func TestCSVStillCSV(t *testing.T) {
	for _, in := range []string{"[Titel der Umfrage]\nags;S01\n14612000;ja\n", "ags;S01\n14612000;ja\n", "\ufeffags;S01\n14612000;{ja}\n"} {
		if _, err := Read(strings.NewReader(in), "x.csv", mustModel(t), Options{}); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}
