package survey

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestCellLimits: a row with a cell that holds a NUL byte, text that is
// not UTF-8, more than MaxCellChars characters or an id longer than
// MaxIDChars is rejected with its place; one at the limit is read.
func TestCellLimits(t *testing.T) {
	m := mustModel(t)
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	tests := []struct {
		name, row string
		col       int    // 0: the row is read
		reason    string // start of the reject reason
	}{
		{"NUL in an answer", "k1;Aue;ja\x00;-9", 3, "the cell holds a NUL byte"},
		{"NUL in a column no question reads", "k1;Aue;ja;-9;\x00", 5, "the cell holds a NUL byte"},
		{"invalid UTF-8 in the name", "k1;Au\xffe;ja;-9", 2, "the cell is not valid UTF-8"},
		{"cell at the limit", "k1;" + long("a", MaxCellChars) + ";ja;-9", 0, ""},
		{"umlauts at the limit (two bytes each)", "k1;" + long("ä", MaxCellChars) + ";ja;-9", 0, ""},
		{"cell one over the limit", "k1;Aue;ja;" + long("9", MaxCellChars+1), 4, "over the limit: the cell holds 32768 characters"},
		{"id at the limit", long("x", MaxIDChars) + ";Aue;ja;-9", 0, ""},
		{"id one over the limit", long("é", MaxIDChars+1) + ";Aue;ja;-9", 1, "invalid unit id: over the limit: the id has 41 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "id;name;S01;O02;note\n" + tt.row + "\n"
			ds, err := Read(strings.NewReader(src), "f.csv", m, Options{IDColumn: "id", Encoding: EncodingUTF8})
			if err != nil {
				t.Fatal(err)
			}
			if tt.col == 0 {
				if len(ds.Responses) != 1 || len(ds.Rejects) != 0 {
					t.Fatalf("%d responses, rejects %+v; want the row read", len(ds.Responses), ds.Rejects)
				}
				return
			}
			if len(ds.Responses) != 0 || len(ds.Rejects) != 1 {
				t.Fatalf("%d responses, %d rejects; want the row rejected", len(ds.Responses), len(ds.Rejects))
			}
			j := ds.Rejects[0]
			if j.Row != 2 || j.Column != tt.col || !strings.HasPrefix(j.Reason, tt.reason) {
				t.Errorf("reject at %d:%d %q, want 2:%d %q…", j.Row, j.Column, j.Reason, tt.col, tt.reason)
			}
			if len(j.Reason) > 200 || len(j.Name) > 200 {
				t.Errorf("the reject repeats the cell: reason %d bytes, name %d bytes", len(j.Reason), len(j.Name))
			}
		})
	}
}

// TestTableLimits: a header wider than MaxColumns, or more than MaxRows
// records below it, is an error naming the row.
func TestTableLimits(t *testing.T) {
	m := mustModel(t)
	wide := func(n int) string {
		var b strings.Builder
		b.WriteString("ags;S01")
		for i := 2; i < n; i++ {
			b.WriteString(";x")
		}
		return b.String() + "\n14612000;ja\n"
	}
	if _, err := Read(strings.NewReader(wide(MaxColumns)), "f.csv", m, Options{}); err != nil {
		t.Errorf("%d columns: %v", MaxColumns, err)
	}
	_, err := Read(strings.NewReader(wide(MaxColumns+1)), "f.csv", m, Options{})
	if want := "f.csv:1: over the limit: the header has 16385 columns, at most 16384 are allowed (as in Excel)"; err == nil || err.Error() != want {
		t.Errorf("%d columns: %v, want %s", MaxColumns+1, err, want)
	}

	// Blank records are the cheapest to read: each is one reject.
	rows := func(n int) io.Reader {
		return io.MultiReader(strings.NewReader("ags;S01\n"), bytes.NewReader(bytes.Repeat([]byte(";\n"), n)))
	}
	ds, err := Read(rows(MaxRows), "f.csv", m, Options{})
	if err != nil || len(ds.Rejects) != MaxRows {
		t.Errorf("%d rows: %v", MaxRows, err)
	}
	_, err = Read(rows(MaxRows+1), "f.csv", m, Options{})
	if want := "f.csv:1048578: over the limit: more than 1048576 rows below the header (as in Excel)"; err == nil || err.Error() != want || !errors.Is(err, ErrLimit) {
		t.Errorf("%d rows: %v, want %s", MaxRows+1, err, want)
	}
}

// TestSizeLimited: reading past the limit is an error, never a silent end
// of file that would drop the rest of the rows.
func TestSizeLimited(t *testing.T) {
	r := &sizeLimited{r: strings.NewReader("abcdefgh"), left: 5}
	b, err := io.ReadAll(r)
	if string(b) != "abcde" || !errors.Is(err, ErrLimit) {
		t.Errorf("read %q, %v; want abcde and ErrLimit", b, err)
	}
	r = &sizeLimited{r: strings.NewReader("abcde"), left: 5}
	if b, err := io.ReadAll(r); string(b) != "abcde" || err != nil {
		t.Errorf("read %q, %v; a file of exactly the limit is read whole", b, err)
	}
}

// storedZip is a workbook package whose sheet is stored (not deflated)
// with the given CRC and declared size.
func storedZip(sheet []byte, crc uint32, size uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CRC32: crc,
		CompressedSize64: uint64(len(sheet)), UncompressedSize64: size})
	w.Write(sheet)
	zw.Close()
	return buf.Bytes()
}

// TestCheckZip: a part whose data does not match its checksum or its
// declared size is damaged; excelize alone would read the truncated or
// altered sheet without a word.
func TestCheckZip(t *testing.T) {
	sheet := []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ags</t></is></c></row></sheetData></worksheet>`)
	crc := crc32.ChecksumIEEE(sheet)
	n := uint64(len(sheet))
	tests := []struct {
		name string
		pkg  []byte
		want string // "" for no error
	}{
		{"sound", storedZip(sheet, crc, n), ""},
		{"checksum does not match", storedZip(sheet, crc^1, n), "damaged: part xl/worksheets/sheet1.xml: zip: checksum error"},
		{"declares fewer bytes than it holds", storedZip(sheet, crc, 10), "damaged: part xl/worksheets/sheet1.xml: zip: not a valid zip file"},
		{"declares more than the limit", storedZip(sheet, crc, UnzipSizeLimit+1), "over the limit: its unzipped size exceeds 1073741824 bytes"},
		{"not a zip file: left to excelize", []byte("ags;S01\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkZip(tt.pkg)
			if got := errText(err); got != tt.want {
				t.Errorf("checkZip: %q, want %q", got, tt.want)
			}
		})
	}
	// Read names the file.
	_, err := Read(bytes.NewReader(storedZip(sheet, crc^1, n)), "kaputt.xlsx", mustModel(t), Options{})
	if want := "kaputt.xlsx: not a readable xlsx workbook: damaged: part xl/worksheets/sheet1.xml: zip: checksum error"; errText(err) != want {
		t.Errorf("Read: %v, want %s", err, want)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestCodebookAliases: a codebook whose aliases form a cycle is refused
// with the alias's line before its mappings are walked.
func TestCodebookAliases(t *testing.T) {
	m := mustModel(t)
	_, err := ReadCodebook(strings.NewReader("answers: &a\n  janein: *a\n"), "cb.yaml", m)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Row != 2 || pe.Column != 11 || !errors.Is(err, scoring.ErrAliasCycle) {
		t.Errorf("error %v, want cb.yaml:2:11 naming the cycle", err)
	}
}

// chunked reads r in pieces of the given sizes, in turn.
type chunked struct {
	r     io.Reader
	sizes []int
	i     int
}

func (c *chunked) Read(p []byte) (int, error) {
	n := c.sizes[c.i%len(c.sizes)]
	c.i++
	return c.r.Read(p[:min(n, len(p))])
}

// TestTextScan: whatever the pieces a file is read in, textScan calls it
// clean exactly when it holds no NUL byte and is valid UTF-8 as a whole
// (the independent judgement of utf8.Valid on all of it).
func TestTextScan(t *testing.T) {
	texts := []string{
		"", "ags;name\n1;Aue\n", "Größe;Weißwasser\n", "€ 𝄞 ✓ ä", "a\x00b", "\xff", "Gr\xc3", "Gr\xc3\xb6\xc3",
		"\xf0\x9d\x84", "\xf0\x9d\x84\x9e", "\xed\xa0\x80", "\xc0\xaf", "ok\x80", strings.Repeat("ä", 100) + "\xe2\x82",
	}
	sizes := [][]int{{1}, {2}, {3}, {1, 2, 3, 5}, {7}, {4096}}
	rnd := func(seed uint64) string { // random bytes, mostly UTF-8
		var b []byte
		x := seed
		for range 64 {
			x = x*6364136223846793005 + 1442695040888963407
			switch x >> 61 {
			case 0:
				b = append(b, byte(x>>40))
			case 1:
				b = append(b, "ä€𝄞"[int(x>>33)%9:]...)
			default:
				b = append(b, 'a'+byte(x>>50)%26)
			}
		}
		return string(b)
	}
	for seed := range uint64(300) {
		texts = append(texts, rnd(seed))
	}
	for _, text := range texts {
		want := utf8.ValidString(text) && !strings.Contains(text, "\x00")
		for _, sz := range sizes {
			s := &textScan{r: &chunked{r: strings.NewReader(text), sizes: sz}}
			b, err := io.ReadAll(s)
			if err != nil || string(b) != text {
				t.Fatalf("%q: read %q, %v", text, b, err)
			}
			if s.Clean() != want {
				t.Errorf("%q in pieces of %v: Clean() = %v, want %v", text, sz, s.Clean(), want)
			}
		}
	}
}
