package survey

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// formulasWithoutValue finds the cells of a workbook's sheet that hold a
// formula but no value. Excel stores the value it last computed beside
// every formula; a workbook written by a program (openpyxl, excelize,
// a script's export) often stores none, and excelize then reads the cell
// as empty — an answer that is there, shown by Excel, read as a blank.
// The result maps a 1-based row to the 0-based fields of such cells; nil
// when there are none, the common case, which costs one pass of a byte
// search over the sheet's XML. A sheet that cannot be found or read here
// yields nil: excelize reads the workbook, and reports what is broken.
func formulasWithoutValue(data []byte, sheet string) map[int][]int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	name := sheetPath(zr, sheet)
	if name == "" {
		return nil
	}
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		if zf.UncompressedSize64 > UnzipSizeLimit || !hasFormula(zf) {
			return nil
		}
		rc, err := zf.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		return emptyFormulaCells(io.LimitReader(rc, UnzipSizeLimit))
	}
	return nil
}

// hasFormula reports whether the sheet's XML has a formula element
// ("<f>", "<f ", "<f/>", or with a namespace prefix, ":f>" …).
func hasFormula(zf *zip.File) bool {
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	br := bufio.NewReaderSize(io.LimitReader(rc, UnzipSizeLimit), 1<<16)
	var carry []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := br.Read(buf)
		chunk := append(carry, buf[:n]...)
		for i := 0; ; {
			j := bytes.IndexByte(chunk[i:], 'f')
			if j < 0 {
				break
			}
			k := i + j
			if k > 0 && (chunk[k-1] == '<' || chunk[k-1] == ':') && k+1 < len(chunk) {
				if c := chunk[k+1]; c == '>' || c == ' ' || c == '/' {
					return true
				}
			}
			i = k + 1
		}
		// Keep the last bytes: a tag may straddle two reads.
		carry = append(carry[:0], chunk[max(0, len(chunk)-2):]...)
		if err != nil {
			return false
		}
	}
}

// emptyFormulaCells lists the cells with a formula and no value.
func emptyFormulaCells(r io.Reader) map[int][]int {
	d := xml.NewDecoder(r)
	var out map[int][]int
	var ref string
	inCell, formula, value := false, false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out
			}
			return out
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "c":
				inCell, formula, value, ref = true, false, false, ""
				for _, a := range e.Attr {
					if a.Name.Local == "r" {
						ref = a.Value
					}
				}
			case "f":
				formula = formula || inCell
			}
		case xml.CharData:
			// Text inside <v> or an inline string's <t>: a value.
			if inCell && len(bytes.TrimSpace(e)) > 0 {
				value = true
			}
		case xml.EndElement:
			if e.Name.Local == "f" {
				// The formula's own text is no value: forget it.
				value = false
			}
			if e.Name.Local == "c" && inCell {
				if formula && !value {
					if col, row, err := excelize.CellNameToCoordinates(ref); err == nil {
						if out == nil {
							out = map[int][]int{}
						}
						out[row] = append(out[row], col-1)
					}
				}
				inCell = false
			}
		}
	}
}

// sheetPath finds the part of the zip that holds the named sheet, through
// the workbook and its relationships.
func sheetPath(zr *zip.Reader, sheet string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !readPart(zr, "xl/workbook.xml", &wb) || !readPart(zr, "xl/_rels/workbook.xml.rels", &rels) {
		return ""
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/")
				}
				return path.Join("xl", r.Target)
			}
		}
	}
	return ""
}

// readPart decodes a small XML part of the zip (at most 64 MiB).
func readPart(zr *zip.Reader, name string, v any) bool {
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				return false
			}
			defer rc.Close()
			return xml.NewDecoder(io.LimitReader(rc, UnzipXMLSizeLimit)).Decode(v) == nil
		}
	}
	return false
}
