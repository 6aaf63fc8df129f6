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
	EncodingAuto Encoding = iota // BOM if present, else UTF-8 if valid, else Windows-1252
	EncodingUTF8
	EncodingUTF16
	EncodingWindows1252
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
	case "utf-16", "utf16":
		return EncodingUTF16, nil
	case "windows-1252", "cp1252", "latin1", "iso-8859-1", "ansi":
		return EncodingWindows1252, nil
	}
	return 0, fmt.Errorf("unknown encoding %q (want auto, utf-8, utf-16 or windows-1252)", s)
}

// decode wraps r so that it yields UTF-8 without BOM. With EncodingAuto it
// looks at the first bytes: a BOM decides; otherwise valid UTF-8 is taken as
// UTF-8 and anything else as Windows-1252, which is what Excel writes on
// German Windows when saving "CSV (Trennzeichen-getrennt)".
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
		if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
			br.Discard(3)
		}
		return br, enc, nil
	case EncodingUTF16:
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case EncodingWindows1252:
		e = charmap.Windows1252
	}
	return bufio.NewReaderSize(transform.NewReader(br, e.NewDecoder()), sniffSize), enc, nil
}

func detectEncoding(head []byte) Encoding {
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return EncodingUTF8
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
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

// Delimiters are the field separators tried when none is configured.
var Delimiters = []rune{';', ',', '\t', '|'}

// detectDelimiter tries each candidate on the first lines and keeps the one
// that splits them most consistently into the most fields: every record
// must have the same number of fields, and more than one.
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
		// Consistency first, then width.
		score := modeN*1000/n*1000 + min(mode, 999)
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// csvTable reads records from a CSV file.
type csvTable struct {
	cr   *csv.Reader
	last int // line of the last record
}

func newCSVTable(r io.Reader, opt *Options) (*csvTable, error) {
	br, _, err := decode(r, opt.Encoding)
	if err != nil {
		return nil, err
	}
	comma := opt.Delimiter
	if comma == 0 {
		head, _ := br.Peek(sniffSize)
		comma = detectDelimiter(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // ragged rows are reported per row, not fatal
	cr.ReuseRecord = false  // responses keep the field strings
	return &csvTable{cr: cr}, nil
}

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, &ParseError{Row: pe.StartLine, Column: pe.Column, Err: pe.Err}
		}
		return nil, 0, err
	}
	line, _ := t.cr.FieldPos(0)
	t.last = line
	return rec, line, nil
}

func (t *csvTable) column(row, field int) int { return field + 1 }
