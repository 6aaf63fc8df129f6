package survey

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// sheetCells is what a sheet's XML says of its cells that excelize's rows
// do not. Each maps a 1-based row to 0-based fields.
type sheetCells struct {
	// formulas: cells that hold a formula but no value. Excel stores the
	// value it last computed beside every formula; a workbook written by
	// a program (openpyxl, excelize, a script's export) often stores
	// none, and excelize then reads the cell as empty — an answer that
	// is there, shown by Excel, read as a blank.
	formulas map[int][]int
	// numbers: number cells whose stored value has the shape of
	// scoring.ThousandsOrDecimal ("1.234"). Stored, it is the decimal
	// 1.234 (Excel stores numbers with a point); read raw, it looks like
	// a text cell holding a German "1.234" (1234).
	numbers map[int][]int
	// booleans: cells holding TRUE or FALSE (typed WAHR, a checkbox's
	// linked cell, a comparison's result). Read raw they are "1" and
	// "0": a count of 1, OZG level 1, a share of 100 %.
	booleans map[int][]int
	// merges: the sheet's merged ranges, at most MaxMergedRanges
	// (tooManyMerges: it has more).
	merges        []mergeRange
	tooManyMerges bool
	// hiddenRows: the rows Excel does not show (a filter, a grouping,
	// hidden by hand), ascending.
	hiddenRows []int
}

// scanSheet finds the formulas without a value, the number cells such as
// 1.234, the TRUE/FALSE cells and the merged ranges of a workbook's sheet. When there are none, the common case,
// it costs one pass of a byte search over the sheet's XML; an XML pass
// follows only when the bytes may hold one. A sheet that cannot be found
// or read here yields nothing: excelize reads the workbook, and reports
// what is broken.
func scanSheet(data []byte, sheet string) sheetCells {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return sheetCells{}
	}
	name := sheetPath(zr, sheet)
	if name == "" {
		return sheetCells{}
	}
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		if zf.UncompressedSize64 > UnzipSizeLimit {
			return sheetCells{}
		}
		if m := sheetBytes(zf); m == (sheetMarks{}) {
			return sheetCells{}
		}
		rc, err := zf.Open()
		if err != nil {
			return sheetCells{}
		}
		defer rc.Close()
		return cellsOf(io.LimitReader(rc, UnzipSizeLimit))
	}
	return sheetCells{}
}

// sheetMarks says what a sheet's XML may hold (sheetBytes).
type sheetMarks struct{ formula, number, boolean, merged, hidden bool }

// sheetBytes reports whether the sheet's XML may have a formula element
// ("<f>", "<f ", "<f/>", or with a namespace prefix, ":f>" …), a value
// such as "1.234" (">1.234<", ">-12.500<": one to three digits not
// starting with 0, a point, three digits, between tags), a boolean cell
// (` t="b"`, ` t='b'`), a merged range ("mergeCell") and a hidden row
// (` hidden="1"`, ` hidden="true"`; a hidden column's too).
func sheetBytes(zf *zip.File) (m sheetMarks) {
	rc, err := zf.Open()
	if err != nil {
		return m
	}
	defer rc.Close()
	br := bufio.NewReaderSize(io.LimitReader(rc, UnzipSizeLimit), 1<<16)
	var carry []byte
	buf := make([]byte, 1<<16)
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	for {
		n, err := br.Read(buf)
		chunk := append(carry, buf[:n]...)
		for i := 0; !m.formula; {
			j := bytes.IndexByte(chunk[i:], 'f')
			if j < 0 {
				break
			}
			k := i + j
			if k > 0 && (chunk[k-1] == '<' || chunk[k-1] == ':') && k+1 < len(chunk) {
				if c := chunk[k+1]; c == '>' || c == ' ' || c == '/' {
					m.formula = true
				}
			}
			i = k + 1
		}
		for i := 0; !m.number; {
			j := bytes.IndexByte(chunk[i:], '.')
			if j < 0 {
				break
			}
			k := i + j
			if k+4 < len(chunk) && digit(chunk[k+1]) && digit(chunk[k+2]) && digit(chunk[k+3]) && chunk[k+4] == '<' {
				b := k // the first digit before the point
				for b > 0 && k-b < 4 && digit(chunk[b-1]) {
					b--
				}
				if w := k - b; w >= 1 && w <= 3 && chunk[b] != '0' && b > 0 && (chunk[b-1] == '>' || chunk[b-1] == '-') {
					m.number = true
				}
			}
			i = k + 1
		}
		m.boolean = m.boolean || bytes.Contains(chunk, []byte(` t="b"`)) || bytes.Contains(chunk, []byte(` t='b'`))
		m.merged = m.merged || bytes.Contains(chunk, []byte("mergeCell"))
		m.hidden = m.hidden || bytes.Contains(chunk, []byte(` hidden="1"`)) || bytes.Contains(chunk, []byte(` hidden="true"`))
		if m == (sheetMarks{true, true, true, true, true}) {
			return m
		}
		// Keep the last bytes: a tag or value may straddle two reads.
		carry = append(carry[:0], chunk[max(0, len(chunk)-9):]...)
		if err != nil {
			return m
		}
	}
}

// cellsOf reads the sheet's cells for sheetCells.
func cellsOf(r io.Reader) sheetCells {
	d := xml.NewDecoder(r)
	var out sheetCells
	add := func(m *map[int][]int, ref string) {
		if col, row, err := excelize.CellNameToCoordinates(ref); err == nil {
			if *m == nil {
				*m = map[int][]int{}
			}
			(*m)[row] = append((*m)[row], col-1)
		}
	}
	var ref, typ string
	var v []byte
	inCell, inV, formula, value := false, false, false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "c":
				inCell, formula, value, ref, typ, v = true, false, false, "", "", v[:0]
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "r":
						ref = a.Value
					case "t":
						typ = a.Value
					}
				}
			case "f":
				formula = formula || inCell
			case "v":
				inV = inCell
			case "row":
				hidden, row := false, 0
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "hidden":
						hidden = a.Value == "1" || a.Value == "true"
					case "r":
						row, _ = strconv.Atoi(a.Value)
					}
				}
				if hidden && row > 0 {
					out.hiddenRows = append(out.hiddenRows, row)
				}
			case "mergeCell":
				for _, a := range e.Attr {
					if a.Name.Local != "ref" {
						continue
					}
					if len(out.merges) == MaxMergedRanges {
						out.tooManyMerges = true
					} else if mr, ok := parseMergeRef(a.Value); ok {
						out.merges = append(out.merges, mr)
					}
				}
			}
		case xml.CharData:
			// Text inside <v> or an inline string's <t>: a value.
			if inCell && len(bytes.TrimSpace(e)) > 0 {
				value = true
			}
			if inV {
				v = append(v, e...)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "f":
				// The formula's own text is no value: forget it.
				value = false
			case "v":
				inV = false
			case "c":
				if !inCell {
					break
				}
				if formula && !value {
					add(&out.formulas, ref)
				}
				// A number cell: no type, or "n"; "s", "str",
				// "inlineStr" hold text, "b" and "e" no number.
				if (typ == "" || typ == "n") && scoring.ThousandsOrDecimal(string(bytes.TrimSpace(v))) {
					add(&out.numbers, ref)
				}
				if typ == "b" {
					add(&out.booleans, ref)
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
