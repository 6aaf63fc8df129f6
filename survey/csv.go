package survey

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a file is inspected to detect its encoding and
// delimiter.
const sniffSize = 64 << 10

// Encoding names a text encoding of a CSV file.
type Encoding uint8

const (
	EncodingAuto        Encoding = iota // BOM if present, else UTF-16 if it looks so, else UTF-8 if valid, else Windows-1252
	EncodingUTF8                        // with or without BOM
	EncodingUTF16                       // little or big endian by BOM; little endian without
	EncodingWindows1252                 // what German Excel writes for "CSV (Trennzeichen-getrennt)"
)

func (e Encoding) String() string {
	return [...]string{"auto", "utf-8", "utf-16", "windows-1252"}[e]
}

// ParseEncoding turns a config word into an Encoding.
func ParseEncoding(s string) (Encoding, error) {
	switch s {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "utf-16", "utf16", "unicode":
		return EncodingUTF16, nil
	case "windows-1252", "cp1252", "latin1", "iso-8859-1", "ansi":
		return EncodingWindows1252, nil
	}
	return 0, fmt.Errorf("unknown encoding %q (want auto, utf-8, utf-16 or windows-1252)", s)
}

var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
)

// decode wraps r so that it yields UTF-8 without BOM. With EncodingAuto it
// looks at the first bytes: a BOM decides; text with a zero byte in most
// character pairs is UTF-16 (Excel's "Unicode Text" without BOM); valid
// UTF-8 is UTF-8; anything else is Windows-1252, which Excel writes on
// German Windows when saving "CSV (Trennzeichen-getrennt)". ISO-8859-1
// files read correctly as Windows-1252, which only adds characters.
func decode(r io.Reader, enc Encoding) (*bufio.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, enc, err
	}
	if enc == EncodingAuto {
		enc = detectEncoding(head)
	}
	var e encoding.Encoding
	switch enc {
	case EncodingUTF8:
		if bytes.HasPrefix(head, bomUTF8) {
			br.Discard(len(bomUTF8))
		}
		return br, enc, nil
	case EncodingUTF16:
		// ExpectBOM: a BOM, if present, overrides the default endianness.
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		if !bytes.HasPrefix(head, bomUTF16LE) && !bytes.HasPrefix(head, bomUTF16BE) {
			e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
			if zeroPairs(head, 0) > zeroPairs(head, 1) {
				e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
			}
		}
	case EncodingWindows1252:
		e = charmap.Windows1252
	}
	return bufio.NewReaderSize(transform.NewReader(br, e.NewDecoder()), sniffSize), enc, nil
}

func detectEncoding(head []byte) Encoding {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return EncodingUTF8
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		return EncodingUTF16
	case len(head) >= 4 && 2*max(zeroPairs(head, 0), zeroPairs(head, 1)) > len(head)/2:
		// More than half of the character pairs have a zero byte: ASCII
		// text in UTF-16 without BOM.
		return EncodingUTF16
	}
	// The sniffed prefix may end inside a multi-byte character.
	for cut := 0; cut < utf8.UTFMax && cut < len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return EncodingUTF8
		}
	}
	return EncodingWindows1252
}

// zeroPairs counts the byte pairs of head whose byte at offset off is 0.
func zeroPairs(head []byte, off int) int {
	n := 0
	for i := off; i+1-off < len(head); i += 2 {
		if head[i] == 0 {
			n++
		}
	}
	return n
}

// Delimiters are the field separators tried when none is configured.
var Delimiters = []rune{';', ',', '\t', '|'}

// detectDelimiter tries each candidate on the first records and keeps the
// one that splits them most consistently into the most fields: the share
// of records with the most common field count decides, then that count.
func detectDelimiter(head []byte) rune {
	best, bestScore := ';', -1
	for _, d := range Delimiters {
		cr := csv.NewReader(bytes.NewReader(head))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		counts := map[int]int{}
		n := 0
		for n < 50 {
			rec, err := cr.Read()
			if err != nil {
				break // EOF, or a record cut off at the end of the sniffed bytes
			}
			counts[len(rec)]++
			n++
		}
		if n == 0 {
			continue
		}
		mode, modeN := 0, 0
		for fields, c := range counts {
			if c > modeN || (c == modeN && fields > mode) {
				mode, modeN = fields, c
			}
		}
		if mode < 2 {
			continue
		}
		score := modeN*1000/n*1000 + min(mode, 999)
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// crReader turns lone carriage returns, the line ends of old Mac Excel,
// into newlines.
type crReader struct{ r io.Reader }

func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// onlyCR reports whether head ends lines with '\r' alone.
func onlyCR(head []byte) bool {
	return bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
}

// csvTable reads records from a CSV file with encoding/csv, which is the
// fast path for wide files: the fields of a record share one string, which
// responses keep without copying, and the record slice is reused.
type csvTable struct {
	cr   *csv.Reader
	scan *textScan
}

// clean reports whether no record read so far can hold a NUL byte or a
// byte that is not UTF-8, so that its cells need no check for them.
func (t *csvTable) clean() bool { return t.scan.Clean() }

func newCSVTable(r io.Reader, opt *Options) (*csvTable, error) {
	br, _, err := decode(limitSize(r), opt.Encoding)
	if err != nil {
		return nil, err
	}
	head, _ := br.Peek(sniffSize)
	comma := opt.Delimiter
	if comma == 0 {
		comma = detectDelimiter(head)
	}
	var in io.Reader = br
	if onlyCR(head) {
		in = crReader{br}
	}
	scan := &textScan{r: in}
	cr := csv.NewReader(newRecordGuard(scan, comma))
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // ragged rows are reported per row, not fatal
	// Every record is a fresh slice (no ReuseRecord), so the reader can
	// keep a record's fields as a response's answers without copying them
	// (see reader.answers).
	return &csvTable{cr: cr, scan: scan}, nil
}

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// csv's column counts characters, not fields: say so in
			// the message rather than report it as a column.
			return nil, pe.StartLine, &ParseError{Row: pe.StartLine, Err: fmt.Errorf("%w (line %d, character %d)", pe.Err, pe.Line, pe.Column)}
		}
		return nil, 0, err
	}
	line, _ := t.cr.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) sheet() string { return "" }

// freshRecords tells prefetch that every record is a new slice.
func (t *csvTable) freshRecords() bool { return true }
func (t *csvTable) close()             {}
