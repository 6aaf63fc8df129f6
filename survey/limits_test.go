package survey

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"strconv"
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
	if want := "f.csv:1: over the limit: the row has more than 16384 fields (as in Excel)"; err == nil || err.Error() != want {
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
	if want := "f.csv:262146: over the limit: more than 262144 rows below the header"; err == nil || err.Error() != want || !errors.Is(err, ErrLimit) {
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
// with the given CRC and declared size; its other parts are sound.
func storedZip(sheet []byte, crc uint32, size uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := zw.Create(part[0])
		io.WriteString(w, part[1])
	}
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
			_, err := checkZip(tt.pkg)
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

// guardRecords returns the records the guard sees in src: first line and
// fields of each, leaving out the empty lines encoding/csv skips.
func guardRecords(t testing.TB, src string) [][2]int {
	lines := strings.Split(src, "\n")
	var got [][2]int
	g := newRecordGuard(strings.NewReader(src), ';')
	g.ended = func(line, fields int) {
		if l := lines[line-1]; fields > 1 || (l != "" && l != "\r") {
			got = append(got, [2]int{line, fields})
		}
	}
	if _, err := io.Copy(io.Discard, struct{ io.Reader }{g}); err != nil {
		t.Fatal(err)
	}
	if g.bytes > 0 {
		g.endRecord() // the file ends the last record
	}
	return got
}

// csvRecords returns the records encoding/csv reads from src, as
// guardRecords does; a record it refuses has fields -1.
func csvRecords(src string) [][2]int {
	cr := csv.NewReader(strings.NewReader(src))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	var out [][2]int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out = append(out, [2]int{pe.StartLine, -1})
			continue
		}
		line, _ := cr.FieldPos(0)
		out = append(out, [2]int{line, len(rec)})
	}
}

// checkGuard compares the records of the guard and of encoding/csv.
func checkGuard(t testing.TB, src string) {
	g, c := guardRecords(t, src), csvRecords(src)
	if len(g) != len(c) {
		t.Fatalf("%q: guard %v, csv %v", src, g, c)
	}
	for i := range g {
		if g[i][0] != c[i][0] || (c[i][1] >= 0 && g[i][1] != c[i][1]) {
			t.Fatalf("%q: record %d: guard %v, csv %v", src, i+1, g, c)
		}
	}
}

// TestRecordGuardSplitsAsCSV: the guard sees the records encoding/csv
// reads, with their lines and fields, broken quotes included.
func TestRecordGuardSplitsAsCSV(t *testing.T) {
	for _, src := range []string{
		"a;b;c\n1;2;3\n",
		"a;\"b;\nc\";d\n1;2\n",
		"a;\"b\"\"c\";d\r\n1;\"\"\r\n\r\n\n2;3\n",
		"a;b\"c;d\n1;2\n",         // bare quote
		"a;\"b\"c;d\n1;2\n",       // text after a closing quote
		"a;\"b\nc\"x;d\n1;2\n",    // … in a field over two lines
		"\"\"\n;\n;;\n\"\r\"\r\n", // empty quoted, empty fields, CR in quotes
		"a;\"b\"\r;c\n1\n",
	} {
		checkGuard(t, src)
	}
}

func FuzzRecordGuard(f *testing.F) {
	for _, s := range []string{"a;b\n1;2\n", "a;\"b\n\"\"c\";d\r\n", "x\"y;\"z\"q\n\n;\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsRune(src, '\r') && !strings.Contains(src, "\r\n") {
			t.Skip() // lone CRs are turned into line ends before (crReader)
		}
		checkGuard(t, src)
	})
}

// TestRecordLimits: a record passing MaxColumns fields or MaxRecordBytes
// bytes ends reading at once, naming its first line — also in a quoted
// cell over many lines, and in a file that is one endless line.
func TestRecordLimits(t *testing.T) {
	m := mustModel(t)
	s := strings.NewReader
	tests := []struct {
		name string
		src  io.Reader
		want string
	}{
		{"fields at the limit", s("id;name;S01;O02\nk1;Aue;ja;-9" + strings.Repeat(";", MaxColumns-4) + "\n"), ""},
		{"a row of 64 million delimiters", io.MultiReader(s("id;name;S01;O02\nk1;Aue;ja;-9\nk2"), repeated(";", 64<<20)),
			"f.csv:3: over the limit: the row has more than 16384 fields (as in Excel)"},
		{"one endless line", io.MultiReader(s("id;name;S01;O02\nk1;Aue;ja;"), repeated("9", 1<<30)),
			"f.csv:2: over the limit: the row is longer than 16777216 bytes"},
		{"a quoted cell of many lines", io.MultiReader(s("id;name;S01;O02\nk1;Aue;ja;-9\nk2;\""), repeated("x\n", 10<<20), s("\";ja;-9\n")),
			"f.csv:3: over the limit: the row is longer than 16777216 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Read(tt.src, "f.csv", m, Options{IDColumn: "id", Encoding: EncodingUTF8, Delimiter: ';'})
			runtime.ReadMemStats(&after)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrLimit) {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
			// Refused within the limit: the CSV reader holds one record, in buffers
			// that grow by doubling, never the 1 GiB of input.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 12*MaxRecordBytes {
				t.Errorf("%d MiB allocated to refuse it", alloc>>20)
			}
		})
	}
}

// repeated yields s n times without holding it n times.
func repeated(s string, n int) io.Reader {
	return io.LimitReader(&cycle{s: s}, int64(len(s)*n))
}

type cycle struct {
	s string
	i int
}

func (c *cycle) Read(p []byte) (int, error) {
	for n := 0; n < len(p); {
		k := copy(p[n:], c.s[c.i:])
		n += k
		c.i = (c.i + k) % len(c.s)
	}
	return len(p), nil
}

// workbookZip is a sound workbook whose sheet holds rows (each cell an
// inline string, or a shared string given as an int), with a shared
// strings table sst (none if empty) and extra parts nothing refers to.
func workbookZip(t testing.TB, rows [][]any, sst string, extra map[string]int) []byte {
	t.Helper()
	var sheet strings.Builder
	sheet.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range row {
			ref := string(rune('A'+j)) + strconv.Itoa(i+1)
			switch v := v.(type) {
			case int:
				fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, v)
			default:
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
			}
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>`
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, write func(io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	for name, text := range map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet.String(),
		"xl/sharedStrings.xml":       sst,
	} {
		if text != "" {
			add(name, func(w io.Writer) { io.WriteString(w, text) })
		}
	}
	type packed struct {
		data []byte
		crc  uint32
	}
	zeros := map[int]packed{} // compressed once per size, stored raw
	for name, size := range extra {
		z, ok := zeros[size]
		if !ok {
			var b bytes.Buffer
			fw, _ := flate.NewWriter(&b, flate.BestCompression)
			plain := make([]byte, size)
			fw.Write(plain)
			fw.Close()
			z = packed{b.Bytes(), crc32.ChecksumIEEE(plain)}
			zeros[size] = z
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: z.crc,
			CompressedSize64: uint64(len(z.data)), UncompressedSize64: uint64(size)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(z.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sharedStrings is a shared strings table of n strings "s0", "s1", ….
func sharedStrings(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
	for i := range n {
		fmt.Fprintf(&b, "<si><t>s%d</t></si>", i)
	}
	b.WriteString("</sst>")
	return b.String()
}

// TestWorkbookParts: parts of a workbook that no sheet needs are never
// inflated (a 1 MB file with 100 parts of 10 MiB took 2.4 GiB); a shared
// strings table larger than MaxSharedStrings is refused before excelize
// parses it (8 million strings took 97 s); a table within it is read.
func TestWorkbookParts(t *testing.T) {
	m := mustModel(t)
	header := []any{"id", "name", "S01"}
	unused := map[string]int{}
	for i := range 100 {
		unused[fmt.Sprintf("xl/unused/part%d.bin", i)] = 10 << 20
	}
	unused["xl/worksheets/sheet2.xml"] = 10 << 20 // a sheet's name, but no sheet's part
	tests := []struct {
		name     string
		pkg      []byte
		want     string // error; "" reads the rows
		maxAlloc uint64
	}{
		{"100 parts of 10 MiB nothing refers to", workbookZip(t, [][]any{header, {"k1", "Aue", "ja"}}, "", unused), "", 64 << 20},
		{"shared strings at the limit", workbookZip(t, [][]any{header, {"k1", MaxSharedStrings - 1, "ja"}}, sharedStrings(MaxSharedStrings), nil), "", 0},
		{"shared strings over the limit", workbookZip(t, [][]any{header, {"k1", 0, "ja"}}, sharedStrings(MaxSharedStrings+1), nil),
			"w.xlsx: not a readable xlsx workbook: over the limit: its shared strings table holds 1048577 strings, at most 1048576 are allowed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.maxAlloc > 0 && len(tt.pkg) > 2<<20 {
				t.Fatalf("the package has %d bytes; the case wants a small file", len(tt.pkg))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			ds, err := Read(bytes.NewReader(tt.pkg), "w.xlsx", m, Options{IDColumn: "id"})
			runtime.ReadMemStats(&after)
			if tt.want != "" {
				if errText(err) != tt.want || !errors.Is(err, ErrLimit) {
					t.Errorf("err = %v, want %s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != 1 {
				t.Fatalf("%d responses, want 1", len(ds.Responses))
			}
			if tt.name == "shared strings at the limit" {
				if got, want := ds.Responses[0].Unit.Name, fmt.Sprintf("s%d", MaxSharedStrings-1); got != want {
					t.Errorf("name %q, want the shared string %q", got, want)
				}
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; tt.maxAlloc > 0 && alloc > tt.maxAlloc {
				t.Errorf("%d MiB allocated: parts nothing refers to were inflated", alloc>>20)
			}
		})
	}
}

// TestBadCellLengths: a cell over MaxCellChars characters is found
// wherever it is, whether the record's other cells are short or long, and
// a record longer than MaxCellChars bytes in short cells, or a cell of
// more bytes but not more characters, is fine.
func TestBadCellLengths(t *testing.T) {
	long := strings.Repeat("x", MaxCellChars+1)
	wide := strings.Repeat("ä", MaxCellChars) // 2 bytes each: MaxCellChars characters
	tests := []struct {
		name string
		rec  []string
		text bool
		col  int
	}{
		{"short", []string{"a", "b", ""}, false, 0},
		{"exactly the limit", []string{strings.Repeat("x", MaxCellChars)}, false, 0},
		{"one over", []string{"a", long, "b"}, false, 2},
		{"one over, checked as text", []string{"a", long}, true, 2},
		{"many bytes, not too many characters", []string{"a", wide}, false, 0},
		{"long record of short cells", slices.Repeat([]string{strings.Repeat("y", 1000)}, 40), false, 0},
		{"long record, the last cell over", append(slices.Repeat([]string{strings.Repeat("y", 1000)}, 40), long), false, 41},
		{"NUL, checked as text", []string{"a", "b\x00"}, true, 2},
		{"NUL, not checked", []string{"a", "b\x00"}, false, 0},
		{"not UTF-8", []string{"\xff"}, true, 1},
	}
	for _, tt := range tests {
		if col, _, _, _ := badCell(tt.rec, tt.text); col != tt.col {
			t.Errorf("%s: column %d, want %d", tt.name, col, tt.col)
		}
	}
}
