package survey

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/reifegrad/reifegrad/scoring"
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

// encodingScan is how much of a file the choice between UTF-8 and
// Windows-1252 is made on: the whole file, up to 64 MiB (three times every
// municipality of Germany answering 200 questions).
const encodingScan = 64 << 20

// decode wraps r so that it yields UTF-8 without BOM, and says which
// encoding it read and why. With EncodingAuto a BOM decides; text with a
// zero byte in most character pairs is UTF-16 (Excel's "Unicode Text"
// without BOM); else the text of the whole file decides between UTF-8 and
// Windows-1252, which Excel writes on German Windows when saving "CSV
// (Trennzeichen-getrennt)" (see chooseEncoding). ISO-8859-1 files read
// correctly as Windows-1252, which only adds characters.
func decode(r io.Reader, enc Encoding) (io.Reader, Encoding, encodingWhy, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, enc, encodingWhy{}, err
	}
	why := encodingWhy{"set by survey.encoding", scoring.CauseEncodingSet, nil}
	var in io.Reader = br
	if enc == EncodingAuto {
		enc, why = detectEncoding(head)
		if enc == EncodingAuto {
			text, err := io.ReadAll(io.LimitReader(br, encodingScan))
			if err != nil {
				return nil, enc, encodingWhy{}, err
			}
			enc, why = chooseEncoding(countText(text), len(text) < encodingScan)
			in = io.MultiReader(bytes.NewReader(text), br)
		}
	}
	var e encoding.Encoding
	switch enc {
	case EncodingUTF8:
		if bytes.HasPrefix(head, bomUTF8) {
			br.Discard(len(bomUTF8))
		}
		return in, enc, why, nil
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
	return bufio.NewReaderSize(transform.NewReader(in, e.NewDecoder()), sniffSize), enc, why, nil
}

// encodingWhy says why a file was read in its encoding: in English (the
// terminal's check, check --json) and as a cause with its values, which
// reports and the run summary say in their own language
// (scoring.Describer.Encoding).
type encodingWhy struct {
	text  string
	cause scoring.Cause
	args  []string
}

// detectEncoding decides what the first bytes of a file can: a byte order
// mark, or UTF-16 without one. Otherwise it returns EncodingAuto, and the
// text decides (chooseEncoding).
func detectEncoding(head []byte) (Encoding, encodingWhy) {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return EncodingUTF8, encodingWhy{"it starts with the UTF-8 byte order mark", scoring.CauseEncodingBOMUTF8, nil}
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		return EncodingUTF16, encodingWhy{"it starts with a UTF-16 byte order mark", scoring.CauseEncodingBOMUTF16, nil}
	case len(head) >= 4 && 2*max(zeroPairs(head, 0), zeroPairs(head, 1)) > len(head)/2:
		// More than half of the character pairs have a zero byte: ASCII
		// text in UTF-16 without BOM.
		return EncodingUTF16, encodingWhy{"a zero byte in most pairs of bytes: UTF-16 without byte order mark", scoring.CauseEncodingUTF16NoBOM, nil}
	}
	return EncodingAuto, encodingWhy{}
}

// textCount counts, in a text of unknown encoding, the characters beyond
// ASCII that are valid UTF-8 and the bytes that are not UTF-8.
type textCount struct{ utf8, invalid int }

// countText counts b; a character cut off at its end is not counted.
func countText(b []byte) textCount {
	var c textCount
	const chunk = 64 << 10
	for len(b) > 0 {
		n := min(len(b), chunk)
		if n < len(b) {
			// End the chunk at a character's start.
			for n > 0 && !utf8.RuneStart(b[n]) {
				n--
			}
		}
		part := b[:n]
		if utf8.Valid(part) {
			for _, x := range part {
				if x >= 0xC0 {
					c.utf8++ // the lead byte of a character beyond ASCII
				}
			}
		} else {
			for i := 0; i < len(part); {
				r, size := utf8.DecodeRune(part[i:])
				switch {
				case r == utf8.RuneError && size == 1 && len(b) == len(part) && !utf8.FullRune(part[i:]):
					i = len(part) // cut off at the end of the text
					continue
				case r == utf8.RuneError && size == 1:
					c.invalid++
				case r >= utf8.RuneSelf:
					c.utf8++
				}
				i += size
			}
		}
		b = b[n:]
	}
	return c
}

// chooseEncoding decides between UTF-8 and Windows-1252 on the counts of
// the whole text (whole: false when only its first encodingScan bytes
// were counted). A Windows-1252 text of German has umlauts as single bytes
// that are never valid UTF-8, and hardly a pair of bytes that happens to
// be; a UTF-8 text has its umlauts valid. So the text is UTF-8 when at
// least as many characters are valid UTF-8 as bytes are not — a UTF-8 file
// with a few bytes of another encoding (a name pasted from elsewhere)
// stays UTF-8, and the rows holding those bytes are rejected at their
// cells — and Windows-1252 only when that is the consistent reading.
func chooseEncoding(c textCount, whole bool) (Encoding, encodingWhy) {
	of, scope := "the file", ""
	if !whole {
		of = fmt.Sprintf("the first %d MiB of the file", encodingScan>>20)
		scope = strconv.Itoa(encodingScan >> 20)
	}
	bytesNot := fmt.Sprintf("%d bytes are not", c.invalid)
	if c.invalid == 1 {
		bytesNot = "1 byte is not"
	}
	chars, invalid := strconv.Itoa(c.utf8), strconv.Itoa(c.invalid)
	switch {
	case c.invalid == 0 && c.utf8 == 0:
		return EncodingUTF8, encodingWhy{fmt.Sprintf("%s is plain ASCII", of), scoring.CauseEncodingASCII, []string{scope}}
	case c.invalid == 0:
		return EncodingUTF8, encodingWhy{fmt.Sprintf("all %d characters beyond ASCII in %s are valid UTF-8", c.utf8, of), scoring.CauseEncodingUTF8, []string{scope, chars}}
	case c.utf8 >= c.invalid:
		return EncodingUTF8, encodingWhy{fmt.Sprintf("in %s %d characters are valid UTF-8 and %s: the rows holding those are rejected (set survey.encoding if the file is in another encoding)", of, c.utf8, bytesNot), scoring.CauseEncodingMixed, []string{scope, chars, invalid}}
	case c.utf8 == 0:
		return EncodingWindows1252, encodingWhy{fmt.Sprintf("in %s %s UTF-8 and no character is: Windows-1252, as Excel saves CSV on German Windows", of, bytesNot), scoring.CauseEncodingWindows1252, []string{scope, invalid}}
	}
	return EncodingWindows1252, encodingWhy{fmt.Sprintf("in %s %s UTF-8 and only %d characters are: Windows-1252, as Excel saves CSV on German Windows", of, bytesNot, c.utf8), scoring.CauseEncodingMostlyWindows1252, []string{scope, chars, invalid}}
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

// detectDelimiter tries each candidate on the first records of head and
// keeps the one that splits them most consistently: the one whose fields
// include the header (isHeader, if not nil, recognises it: a semicolon
// file whose names hold commas splits into two fields per row at the
// comma, but only the semicolon yields the header); among those the most
// records with the most common number of fields, weighted by that number.
// Ragged rows lower a delimiter's consistency but do not disqualify it:
// read.go rejects each with its row number.
//
// The header is looked for only where it can decide: a delimiter absent
// from head splits nothing, and one that scores no more than a delimiter
// that found the header cannot win with a header either. Looking for it
// normalises every field of up to maxTitleRows records, and a semicolon
// file's rows split at their commas are few fields of hundreds of bytes
// each: a national file's 64 KB took 2 ms before the first row was read.
func detectDelimiter(head []byte, isHeader func([]string) bool) rune {
	best, bestHeader, bestScore := ';', false, -1.0
	for _, d := range Delimiters {
		if !bytes.ContainsRune(head, d) {
			continue // every record would be one field
		}
		cr := csv.NewReader(bytes.NewReader(head))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		counts := map[int]int{}
		n := 0
		var early [][]string // the first maxTitleRows records, of more than one field
		for n < 50 {
			rec, err := cr.Read()
			if err != nil {
				break // EOF, or a record cut off at the end of the sniffed bytes
			}
			counts[len(rec)]++
			if n < maxTitleRows && len(rec) > 1 {
				early = append(early, rec)
			}
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
		score := float64(modeN) / float64(n) * float64(mode)
		if bestHeader && score <= bestScore {
			continue // it loses, with a header or without
		}
		header := isHeader != nil && slices.ContainsFunc(early, isHeader)
		if (header && !bestHeader) || (header == bestHeader && score > bestScore) {
			best, bestHeader, bestScore = d, header, score
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

// csvTable reads records from a CSV file: with splitReader (recordReader
// on several cores), whose fields are slices of the text it read, which
// responses keep without copying, or with encoding/csv for a delimiter
// beyond ASCII. Both read the same.
type csvTable struct {
	read   func() ([]string, error)
	line   func() int         // the line the last record started on
	stop   func()             // ends the reading goroutines, if any
	reuse  func()             // lets the table reuse record slices (splitReader.reuseRecords); nil: it cannot
	hold   func(recordHolder) // reuse for a reader that holds records longer (splitReader.holdRecords); nil: it cannot
	scan   *textScan
	enc    Encoding
	encWhy encodingWhy
	size   int64 // of the input in bytes; 0: unknown
}

// encoding says which encoding the file was read in, and why.
func (t *csvTable) encoding() (string, encodingWhy) { return t.enc.String(), t.encWhy }

// inputSize is the size of the table's input in bytes, 0 when unknown:
// the reader estimates from it how many rows to make room for (reserve).
func (t *csvTable) inputSize() int64 { return t.size }

// clean reports whether no record read so far can hold a NUL byte or a
// byte that is not UTF-8, so that its cells need no check for them.
func (t *csvTable) clean() bool { return t.scan.Clean() }

// newCSVTable opens a CSV file. isHeader recognises the header row, for
// detecting the delimiter.
func newCSVTable(r io.Reader, opt *Options, isHeader func([]string) bool) (*csvTable, error) {
	dec, enc, why, err := decode(limitSize(r), opt.Encoding)
	if err != nil {
		return nil, err
	}
	br, ok := dec.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(dec, sniffSize)
	}
	head, _ := br.Peek(sniffSize)
	comma := opt.Delimiter
	if comma == 0 {
		comma = detectDelimiter(head, isHeader)
	}
	var in io.Reader = br
	if onlyCR(head) {
		in = crReader{br}
	}
	scan := &textScan{r: in}
	if asciiComma(comma) {
		sr := newSplitReader(scan, byte(comma), 0)
		return &csvTable{read: sr.Read, line: sr.Line, stop: sr.close, reuse: sr.reuseRecords, hold: sr.holdRecords, scan: scan, enc: enc, encWhy: why}, nil
	}
	cr := csv.NewReader(newRecordGuard(scan, comma))
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // ragged rows are reported per row, not fatal
	// Every record is a fresh slice (no ReuseRecord), so the reader can
	// keep a record's fields as a response's answers without copying them
	// (see reader.answers).
	return &csvTable{read: cr.Read, line: func() int { l, _ := cr.FieldPos(0); return l }, scan: scan, enc: enc, encWhy: why}, nil
}

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// csv's column counts characters, not fields: say so in
			// the message rather than report it as a column.
			return nil, pe.StartLine, &ParseError{Row: pe.StartLine, Err: fmt.Errorf("%w (line %d, character %d)", pe.Err, pe.Line, pe.Column)}
		}
		return nil, 0, err
	}
	return rec, t.line(), nil
}

func (t *csvTable) sheet() string { return "" }

// reuseRecords tells the table that its reader keeps no record slice
// beyond the next call of next (only strings from it).
func (t *csvTable) reuseRecords() {
	if t.reuse != nil {
		t.reuse()
	}
}

// holdRecords is reuseRecords for a reader that holds the records of a
// stretch longer, until h lets go of them (recordHolder); it reports
// whether the table can.
func (t *csvTable) holdRecords(h recordHolder) bool {
	if t.hold == nil {
		return false
	}
	t.hold(h)
	return true
}

// readsAhead tells prefetch that the records are read ahead on other
// goroutines already (splitReader).
func (t *csvTable) readsAhead() bool { return t.stop != nil }

// freshRecords tells prefetch that every record is a new slice.
func (t *csvTable) freshRecords() bool { return true }

func (t *csvTable) close() {
	if t.stop != nil {
		t.stop()
	}
}
