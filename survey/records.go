package survey

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
)

// recordReader reads CSV records as encoding/csv's Reader does with
// FieldsPerRecord -1 and LazyQuotes, TrimLeadingSpace and Comment off —
// the same records, the same errors (*csv.ParseError with the same lines
// and columns), empty lines skipped, "\r\n" read as "\n" — at a fraction
// of its cost. encoding/csv copies every field into a buffer, notes its
// position and then copies the record into a string; here the input is
// read in large chunks, each made a string once, and every field that
// needs no unquoting is a slice of that string: nothing is copied per
// field. BenchmarkRecords compares the two on a national survey.
//
// FuzzRecords holds it to encoding/csv's records and errors.
type recordReader struct {
	r     io.Reader
	comma byte
	chunk int // bytes read at once; 0: recordChunk

	text  string // whole lines read: a record that starts here ends here, unless the input goes on
	pos   int    // where the next record starts in text
	buf   []byte // bytes read after text (the start of a line)
	read  []byte // the buffer fill reads into
	eof   bool   // r has nothing more: text and buf hold the rest of the input
	err   error  // r's error other than io.EOF, returned once the lines before it are read
	lines int    // lines of the input before text[pos:]

	recLine int // the line the last record started on
	width   int // fields of the last record, to size the next

	// slabs, when set, gives the slices records are cut from (see
	// fields); used lists those cut from, slab the rest of the last.
	slabs  *fieldSlabs
	used   [][]string
	slab   []string
	inSlab bool // the record being read is cut from slab
}

// fieldSlabs hands out the slices a splitReader's pieces cut their
// records from, and takes them back once the caller is done with a
// piece's records: a national file's records would otherwise take a
// fresh slice each, 36 MB in all, and the memory of a short run is fresh
// pages, each a page fault. It is safe for concurrent use.
type fieldSlabs struct {
	free chan []string
}

// slabFields is how many fields one slab holds: a piece of a national
// file (splitPiece) takes about eight.
const slabFields = 4096

func newFieldSlabs() *fieldSlabs { return &fieldSlabs{free: make(chan []string, 64)} }

func (fs *fieldSlabs) get() []string {
	select {
	case s := <-fs.free:
		return s[:0]
	default:
		return make([]string, 0, slabFields)
	}
}

// put takes back slabs whose records nobody reads any more.
func (fs *fieldSlabs) put(slabs [][]string) {
	for _, s := range slabs {
		select {
		case fs.free <- s:
		default:
			return
		}
	}
}

// fields returns an empty slice for the next record's fields: the rest of
// the current slab when it has room for a record as wide as the last one,
// else a new slice. keep then says whether the record stayed in the slab.
func (rr *recordReader) fields() []string {
	need := max(rr.width, 1)
	rr.inSlab = rr.slabs != nil && need <= slabFields/2
	if !rr.inSlab {
		return make([]string, 0, need)
	}
	if cap(rr.slab)-len(rr.slab) < need {
		rr.slab = rr.slabs.get()
		rr.used = append(rr.used, rr.slab)
	}
	return rr.slab[len(rr.slab):len(rr.slab)]
}

// keep ends a record's fields, taken from fields: a record that grew
// beyond the slab's room was moved to a slice of its own by append.
func (rr *recordReader) keep(fields []string) []string {
	if rr.inSlab && len(fields) <= cap(rr.slab)-len(rr.slab) {
		rr.slab = rr.slab[:len(rr.slab)+len(fields)]
	}
	return fields[:len(fields):len(fields)]
}

// recordChunk is how much of the input is read and made text at once.
const recordChunk = 1 << 20

// errNeedMore says that a record continues beyond the text read so far.
var errNeedMore = errors.New("record continues beyond the text read")

// newRecordReader reads records separated by comma, for which asciiComma
// must hold.
func newRecordReader(r io.Reader, comma byte) *recordReader {
	return &recordReader{r: r, comma: comma}
}

// asciiComma reports whether recordReader can split on c: an ASCII
// character encoding/csv accepts as a delimiter.
func asciiComma(c rune) bool {
	return c > 0 && c < 0x80 && c != '"' && c != '\r' && c != '\n'
}

// Line is the input line the last record read started on, as
// encoding/csv's FieldPos(0) gives it.
func (rr *recordReader) Line() int { return rr.recLine }

// Read returns the next record, a fresh slice, or an error: io.EOF at the
// end, a *csv.ParseError for a malformed record (reading goes on after
// it), or the error of the underlying reader, which ends the input.
func (rr *recordReader) Read() ([]string, error) {
	for {
		rec, used, err := rr.parse(rr.text[rr.pos:], rr.eof && rr.err == nil)
		if err != errNeedMore {
			rr.lines += lineCount(rr.text[rr.pos : rr.pos+used])
			rr.pos += used
			return rec, err
		}
		if rr.eof {
			if rr.err != nil {
				return nil, rr.err
			}
			return nil, io.EOF
		}
		// Empty lines before the record are not part of it (encoding/csv
		// and recordGuard skip them): leave them behind before the limit.
		for {
			l, ok := nextLine(rr.text[rr.pos:], false)
			if !ok || content(l, false) != "" {
				break
			}
			rr.pos += len(l)
			rr.lines++
		}
		if rest := len(rr.text) - rr.pos + len(rr.buf); rest > MaxRecordBytes {
			// A record that does not end within the limit is refused
			// before more of it is read.
			return nil, rr.limit(rr.text[rr.pos:]+string(rr.buf), rr.lines+1)
		}
		rr.fill()
	}
}

// limit returns the error for a record over MaxColumns fields or
// MaxRecordBytes bytes at the start of t, whose first line is line: the
// error recordGuard gives for the same bytes (which limit it passes first,
// and where). Reading ends with it.
func (rr *recordReader) limit(t string, line int) error {
	g := newRecordGuard(nil, rune(rr.comma))
	g.line, g.lines = line, line
	g.scan([]byte(t[:min(len(t), MaxRecordBytes+1)]))
	err := g.err
	if err == nil {
		err = &ParseError{Row: line, Err: fmt.Errorf("%w: the row is too long", ErrLimit)}
	}
	rr.text, rr.pos, rr.buf, rr.eof, rr.err = "", 0, nil, true, err
	return err
}

// lineCount counts the lines of t: its line breaks, and a last line
// without one.
func lineCount(t string) int {
	n := strings.Count(t, "\n")
	if t != "" && t[len(t)-1] != '\n' {
		n++
	}
	return n
}

// fill reads the next chunk: the text not yet used, then whole lines read
// after it. At the end of the input the text holds everything left.
func (rr *recordReader) fill() {
	rest := rr.text[rr.pos:]
	chunk := rr.chunk
	if chunk == 0 {
		chunk = recordChunk
	}
	// The bytes are read into a buffer that is reused and made text with
	// one copy.
	b := rr.read[:0]
	// Twice what is left, so that a long record is read in few steps,
	// but never much beyond MaxRecordBytes of it (see Read).
	if size := max(chunk, min(2*(len(rest)+len(rr.buf)), MaxRecordBytes+chunk)); cap(b) < size {
		b = make([]byte, 0, size)
	}
	b = append(b, rest...)
	b = append(b, rr.buf...)
	for len(b) < cap(b) && !rr.eof {
		n, err := rr.r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			rr.eof = true
			if !errors.Is(err, io.EOF) {
				rr.err = err
			}
		}
	}
	cut := len(b)
	if !rr.eof || rr.err != nil {
		for cut > 0 && b[cut-1] != '\n' {
			cut--
		}
	}
	rr.text = string(b[:cut])
	rr.buf = append(rr.buf[:0], b[cut:]...)
	rr.read = b
	rr.pos = 0
}

// parse reads one record from the start of text, whose first line is line
// rr.lines+1; final says that text is the rest of the input. It returns
// the record, how much of text it used and an error: errNeedMore when
// text ends before the record does.
func (rr *recordReader) parse(text string, final bool) ([]string, int, error) {
	used, line := 0, rr.lines
	for {
		l, ok := nextLine(text[used:], final)
		if !ok || l == "" {
			return nil, 0, errNeedMore
		}
		if content(l, final && used+len(l) == len(text)) != "" {
			break
		}
		used += len(l) // an empty line, skipped as encoding/csv does
		line++
	}
	rr.recLine = line + 1
	rec, end, err := rr.record(text, used, final)
	if err == errTooManyFields || (err != errNeedMore && end-used > MaxRecordBytes) {
		return nil, 0, rr.limit(text[used:], rr.recLine)
	}
	return rec, end, err
}

// errTooManyFields says that a record has more than MaxColumns fields, or
// more than MaxRecordBytes bytes.
var errTooManyFields = errors.New("too many fields")

// nextLine returns the line at the start of text with its line break, or
// without one when text is the end of the input (final). It reports false
// when text holds no whole line and more may come.
func nextLine(text string, final bool) (string, bool) {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i+1], true
	}
	return text, final
}

// content is a line without its line break ("\n" or "\r\n"), and without
// a "\r" ending the input's last line (last), as encoding/csv reads it.
func content(l string, last bool) string {
	switch {
	case strings.HasSuffix(l, "\r\n"):
		return l[:len(l)-2]
	case strings.HasSuffix(l, "\n"):
		return l[:len(l)-1]
	case last && strings.HasSuffix(l, "\r"):
		return l[:len(l)-1]
	}
	return l
}

// splitRun appends the fields of s, a line's content from the start of a
// field, up to its end or its first quote, and returns them with where
// the field being read starts and the index of that quote (-1 at the end
// of the line, when every field was appended). It stops as well at a comma
// that would make more than MaxColumns fields, returning its index.
//
// Survey fields are short, a few bytes: strings.IndexByte, made for long
// texts, would spend most of its time starting up. splitRun looks at eight
// bytes at a time, as one word, for the bytes equal to a comma or a quote.
func splitRun(s string, comma byte, fields []string) ([]string, int, int) {
	c, q := ones*uint64(comma), ones*uint64('"')
	start, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		w := word(s[i : i+8])
		for m := zeroBytes(w^c) | zeroBytes(w^q); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)/8
			if s[j] == '"' || len(fields) >= MaxColumns-1 {
				return fields, start, j
			}
			fields = append(fields, s[start:j])
			start = j + 1
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '"' || (c == comma && len(fields) >= MaxColumns-1) {
			return fields, start, i
		} else if c == comma {
			fields = append(fields, s[start:i])
			start = i + 1
		}
	}
	return append(fields, s[start:]), start, -1
}

const ones = 0x0101010101010101

// word is the first eight bytes of b, the first the lowest.
func word(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// zeroBytes has the high bit set of every byte of x that is 0, exactly:
// no carry crosses from one byte into the next.
func zeroBytes(x uint64) uint64 {
	const lows = 0x7f7f7f7f7f7f7f7f
	return ^((x&lows + lows) | x) & ^uint64(lows)
}

// record reads the record starting at text[start:], field by field as
// encoding/csv does: a field runs to the next comma and holds no quote,
// unless it starts with one; then it runs to the quote followed by a comma
// or the end of a line, may span lines and holds "" for a quote. A field
// is a slice of text, unless "" or a "\r\n" in it had to be undone.
func (rr *recordReader) record(text string, start int, final bool) ([]string, int, error) {
	comma := rr.comma
	line := rr.recLine // the current line's number
	off := start       // where the current line starts in text
	var l, body string // the current line, and its content
	var nl bool        // the current line ends in a line break
	next := func() {
		l, _ = nextLine(text[off:], final)
		body, nl = content(l, final && off+len(l) == len(text)), strings.HasSuffix(l, "\n")
	}
	next()
	rest := body
	// at is where rest starts in text; col its column in the current
	// line, from 1, for errors.
	at := func() int { return off + len(body) - len(rest) }
	col := func() int { return len(body) - len(rest) + 1 }
	fail := func(line, col int, err error) ([]string, int, error) {
		return nil, off + len(l), &csv.ParseError{StartLine: rr.recLine, Line: line, Column: col, Err: err}
	}
	fields := rr.fields()
	for {
		if rest == "" || rest[0] != '"' {
			var start, quote int
			fields, start, quote = splitRun(rest, comma, fields)
			if quote < 0 {
				break
			}
			if rest[quote] == comma {
				return nil, 0, errTooManyFields
			}
			if quote > start {
				return fail(line, col()+quote, csv.ErrBareQuote)
			}
			rest = rest[quote:]
			continue
		}
		rest = rest[1:]
		from, to := at(), 0 // the field's text, between its quotes
		undo := false       // it holds "" or "\r\n"
		last := false       // it ends the record
	field:
		for {
			i := strings.IndexByte(rest, '"')
			switch {
			case i >= 0:
				rest = rest[i+1:]
				switch {
				case rest != "" && rest[0] == '"':
					undo = true
					rest = rest[1:]
				case rest != "" && rest[0] == comma:
					if len(fields)+1 == MaxColumns {
						return nil, 0, errTooManyFields
					}
					to = at() - 1
					rest = rest[1:]
					break field
				case rest == "":
					to, last = at()-1, true
					break field
				default:
					return fail(line, col()-1, csv.ErrQuote)
				}
			case rest != "" || nl:
				// The field goes on in the next line.
				undo = undo || strings.HasSuffix(l, "\r\n")
				end := len(body) + 1 // the column after the line, its break included
				if nl {
					end++
				}
				off += len(l)
				if off-start > MaxRecordBytes {
					return nil, 0, errTooManyFields // too long: limit tells which limit
				}
				if off == len(text) && !final {
					return nil, 0, errNeedMore
				}
				next()
				rest = body
				if body == "" && !nl {
					// The input ends inside the quotes.
					return nil, len(text), &csv.ParseError{StartLine: rr.recLine, Line: line, Column: end, Err: csv.ErrQuote}
				}
				line++
			default:
				// The input ends inside the quotes.
				return nil, len(text), &csv.ParseError{StartLine: rr.recLine, Line: line, Column: col(), Err: csv.ErrQuote}
			}
		}
		field := text[from:to]
		if undo {
			field = strings.ReplaceAll(strings.ReplaceAll(field, `""`, `"`), "\r\n", "\n")
		}
		fields = append(fields, field)
		if last {
			break
		}
	}
	rr.width = len(fields)
	return rr.keep(fields), off + len(l), nil
}
