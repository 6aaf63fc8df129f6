package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// splitReader reads the records of a CSV text as recordReader does — the
// same records, the same lines, the same errors — but cuts the text into
// pieces at line breaks and parses the pieces on several cores at once,
// handing the records out in the order of the text.
//
// A piece can be parsed before the pieces ahead of it only if a record
// starts where it starts, which a line break alone does not tell: a
// quoted cell may hold line breaks. So the pieces are cut where the
// quotes seen since the start of the text are even — outside every quoted
// cell, in a file whose quotes are well formed — and that is only a
// guess: a piece's own parse is used only when the parse of the piece
// before it (in order, with everything before) ended exactly at the cut.
// Otherwise (a quoted cell across the cut in a malformed file, a record
// longer than a piece, a limit) the text from the unfinished record on is
// read in order by one recordReader, as without pieces. Line numbers are
// the text's: a piece's parse counts from 0 and is shifted by the lines
// before it when its records are handed out.
//
// FuzzSplitRecords holds it to recordReader for any input, delimiter and
// piece size.
type splitReader struct {
	comma byte
	size  int // bytes of text per piece

	order    chan *piece // every piece, in order, from cut
	quit     chan struct{}
	wg       sync.WaitGroup // cut and the parsers
	inOrder  atomic.Bool    // the pieces' own parses are no longer used
	closeOne sync.Once

	cur   *piece
	next  int           // cur's next record to hand out
	lines int           // lines of the text before cur
	line  int           // the line the last record started on
	seq   *recordReader // set once the rest is read in order

	// slabs holds the slices the pieces' records are cut from, texts the
	// buffers their text is read into. Once the caller said it keeps no
	// record and no string of one (reuseRecords), the slabs and buffer of
	// a piece are taken back when Read moves past it.
	slabs *fieldSlabs
	texts chan []byte
	reuse bool
	// holder, when set, still reads the records of the last piece Read
	// moved past (holdRecords): that piece, held, is taken back only when
	// Read moves past the next one, once holder has let go of it.
	holder recordHolder
	held   *piece
}

// piece is a part of the text: whole lines, then (rarely) bytes that
// belong before the next piece's text.
type piece struct {
	text  string
	tail  string // bytes after text: of an endless line, or before a read error
	final bool   // the input ends after text and tail
	err   error  // the read error after text and tail: it ends the input

	ready chan struct{} // closed when the parse below is done
	recs  []parsed      // the records and errors of text, lines counted from 0
	slabs [][]string    // the slabs recs are cut from
	buf   []byte        // the buffer text is (see textOf), nil when text is a copy
	reuse bool          // Read took p after reuseRecords: its slabs and buf go back
	token int64         // holder's mark once Read moved past p (holdRecords)
	stop  int           // where in text the parse stopped: len(text) when at the end of a record
	nl    int           // lines of text[:stop]
	end   error         // io.EOF or err when the input ended in the piece
}

// parsed is one result of a piece's parse: a record starting on line, or a
// *csv.ParseError.
type parsed struct {
	rec  []string
	line int
	err  error
}

// splitPiece is how many bytes of text a piece holds: small enough that
// the first records are ready early, large enough that a piece costs
// little to hand over.
const splitPiece = 256 << 10

// errPieceEnd ends the parse of a piece that is not the end of the input;
// errPieceRead that of a piece the input's read error ends (piece.err).
var (
	errPieceEnd  = errors.New("end of the piece")
	errPieceRead = errors.New("read error after the piece")
)

// newSplitReader reads records separated by comma, for which asciiComma
// must hold, from r with a piece size of size bytes (0: splitPiece). It
// reads r on its own goroutine until close.
func newSplitReader(r io.Reader, comma byte, size int) *splitReader {
	if size <= 0 {
		size = splitPiece
	}
	parsers := min(max(runtime.GOMAXPROCS(0), 1), 4)
	// One piece ahead of the parsers is enough to keep them busy: each
	// piece waiting in order holds its text and its records' slices
	// (about 0.75 MB of a national file), fresh pages the kernel gives
	// one by one. With twice as many parsers and two more waiting, a
	// national check had 560 page faults more and took 3 % longer
	// (bench/pair, 21 runs each at load 1: 0.1532 → 0.1486 s wall,
	// 0.239 → 0.223 s CPU).
	s := &splitReader{comma: comma, size: size, order: make(chan *piece, parsers+1), quit: make(chan struct{}), slabs: newFieldSlabs(),
		texts: make(chan []byte, 2*parsers+4)}
	work := make(chan *piece, parsers)
	s.wg.Add(1 + parsers)
	go s.cut(r, work)
	for range parsers {
		go func() {
			defer s.wg.Done()
			for p := range work {
				if !s.inOrder.Load() {
					s.parse(p)
				}
				close(p.ready)
			}
		}()
	}
	return s
}

// close ends the reading of the input and waits until no goroutine of s
// reads it any more.
func (s *splitReader) close() {
	s.closeOne.Do(func() { close(s.quit) })
	s.wg.Wait()
}

// Line is the input line the last record read started on.
func (s *splitReader) Line() int { return s.line }

// reuseRecords tells s that the caller keeps no record, no record's
// slice and no string of a record beyond the next call of Read (it
// copies what it keeps): from the next piece on, the slices records are
// cut from and the buffers their text is read into are reused. A
// national file's text would otherwise be read into fresh memory, 19 MB
// of fresh pages, on top of its records' slices (fieldSlabs).
func (s *splitReader) reuseRecords() { s.reuse = true }

// holdRecords is reuseRecords for a caller that keeps the records of a
// stretch beyond the next call of Read, until it lets go of them (see
// recordHolder): a piece is taken back one piece later than with
// reuseRecords, and only once h has let go of its records.
func (s *splitReader) holdRecords(h recordHolder) { s.reuse, s.holder = true, h }

// takeBack reuses p's slabs and text buffer once Read has moved past it.
func (s *splitReader) takeBack(p *piece) {
	if s.holder != nil {
		p.token = s.holder.mark()
		p, s.held = s.held, p
		if p == nil {
			return
		}
		s.holder.wait(p.token)
	}
	s.slabs.put(p.slabs)
	if p.buf != nil {
		select {
		case s.texts <- p.buf:
		default:
		}
	}
	p.slabs, p.recs, p.buf, p.text = nil, nil, nil, ""
}

// Read returns the next record, or an error, as recordReader.Read does.
func (s *splitReader) Read() ([]string, error) {
	for {
		if s.seq != nil {
			rec, err := s.seq.Read()
			s.line = s.seq.Line()
			return rec, err
		}
		if p := s.cur; p != nil {
			if s.next < len(p.recs) {
				r := p.recs[s.next]
				s.next++
				if r.err != nil {
					return nil, shiftParseError(r.err, s.lines)
				}
				s.line = s.lines + r.line
				return r.rec, nil
			}
			if p.end != nil {
				return nil, p.end // as recordReader, again on every call
			}
			if p.stop < len(p.text) || p.tail != "" {
				// The piece did not end at the end of a record: read
				// the rest in order.
				s.inOrder.Store(true)
				feed := &pieceFeed{s: s, rest: p.text[p.stop:] + p.tail}
				switch {
				case p.err != nil:
					feed.end = p.err
				case p.final:
					feed.end = io.EOF
				}
				s.seq = newRecordReader(feed, s.comma)
				s.seq.lines = s.lines + p.nl
				continue
			}
			s.lines += p.nl
			if p.reuse {
				s.takeBack(p)
			}
		}
		p, ok := <-s.order
		if !ok {
			// Only after close: cut ends the input with a final piece.
			return nil, io.EOF
		}
		select {
		case <-p.ready:
		case <-s.quit:
			// After close the parsers may have stopped before p: nothing
			// more is read.
			return nil, io.EOF
		}
		s.cur, s.next = p, 0
		p.reuse = s.reuse
	}
}

// shiftParseError moves a piece's *csv.ParseError to the lines of the
// text: by the lines before the piece.
func shiftParseError(err error, lines int) error {
	pe := *err.(*csv.ParseError)
	pe.StartLine += lines
	pe.Line += lines
	return &pe
}

// parse reads p's text as recordReader reads it from the start of a
// record, counting lines from 0, and notes where and why it stopped.
func (s *splitReader) parse(p *piece) {
	rr := &recordReader{comma: s.comma, text: p.text, eof: true, err: errPieceEnd, slabs: s.slabs}
	defer func() { p.slabs = rr.used }()
	switch {
	case p.err != nil:
		// A sentinel stands for the read error: the reader's own error
		// need not be comparable.
		rr.err = errPieceRead
	case p.final:
		rr.err = nil
	}
	for n := 1; ; n++ {
		if n%1024 == 0 && s.inOrder.Load() {
			// The text is read in order now (a quoted cell across a
			// cut): what this piece parses is never used. Its lines
			// may each be a record of one field, which would take more
			// memory than the text itself.
			return
		}
		pos, lines := rr.pos, rr.lines
		rec, err := rr.Read()
		var pe *csv.ParseError
		switch {
		case err == nil:
			p.recs = append(p.recs, parsed{rec: rec, line: rr.recLine})
			continue
		case errors.Is(err, io.EOF):
			p.stop, p.nl, p.end = len(p.text), rr.lines, err
		case err == errPieceRead:
			p.stop, p.nl, p.end = len(p.text), rr.lines, p.err
		case errors.As(err, &pe):
			p.recs = append(p.recs, parsed{err: err})
			continue
		case err == errPieceEnd:
			p.stop, p.nl = rr.pos, rr.lines
			if n, ok := emptyLines(p.text[p.stop:]); ok {
				// Empty lines before the next piece: recordReader
				// skips them as it reads the next record.
				p.stop, p.nl = len(p.text), p.nl+n
			}
		default:
			// A limit: the text from this record on is read in
			// order, where recordReader decides it as it always does.
			p.stop, p.nl = pos, lines
		}
		return
	}
}

// emptyLines reports whether t holds only empty lines ("\n" or "\r\n"),
// and how many.
func emptyLines(t string) (int, bool) {
	n := 0
	for t != "" {
		switch {
		case t[0] == '\n':
			t = t[1:]
		case len(t) > 1 && t[0] == '\r' && t[1] == '\n':
			t = t[2:]
		default:
			return 0, false
		}
		n++
	}
	return n, true
}

// cut reads r into pieces and hands each to the parsers and, in order, to
// Read.
func (s *splitReader) cut(r io.Reader, work chan<- *piece) {
	defer s.wg.Done()
	defer close(work)
	defer close(s.order)
	send := func(p *piece) bool {
		p.ready = make(chan struct{})
		select {
		case s.order <- p:
		case <-s.quit:
			return false
		}
		select {
		case work <- p:
			return true
		case <-s.quit:
			return false
		}
	}
	odd := false // an odd number of quotes before b
	b := s.textBuf(nil)
	for {
		var rerr error
		for len(b) < cap(b) && rerr == nil {
			var n int
			n, rerr = r.Read(b[len(b):cap(b)])
			b = b[:len(b)+n]
		}
		switch {
		case errors.Is(rerr, io.EOF):
			send(&piece{text: string(b), final: true})
			return
		case rerr != nil:
			at := bytes.LastIndexByte(b, '\n') + 1
			send(&piece{text: string(b[:at]), tail: string(b[at:]), err: rerr})
			return
		}
		at, even := cutAt(b, odd)
		if at == 0 {
			if len(b) < 4*s.size {
				// A line longer than the buffer: read on.
				b = append(b, make([]byte, len(b))...)[:len(b)]
				continue
			}
			// An endless line: hand it on as it is (the reader in order
			// refuses it at MaxRecordBytes), and read on.
			if !send(&piece{tail: string(b)}) {
				return
			}
			odd = odd != (bytes.Count(b, quote)%2 == 1)
			b = b[:0]
			continue
		}
		// The piece keeps b, its text a string over it: b is not written
		// again unless Read gives it back (reuseRecords), after the
		// caller is done with every string of the piece's records.
		if !send(&piece{text: textOf(b[:at]), buf: b}) {
			return
		}
		odd = !even
		b = s.textBuf(b[at:])
	}
}

// textBuf returns a buffer to read the next piece into, starting with
// rest: one Read gave back, or a new one.
func (s *splitReader) textBuf(rest []byte) []byte {
	var b []byte
	select {
	case b = <-s.texts:
	default:
	}
	if cap(b) < max(s.size, 2*len(rest)) {
		b = make([]byte, 0, max(s.size, 2*len(rest)))
	}
	return append(b[:0], rest...)
}

// textOf is b as a string without a copy: b must not change while the
// string or a part of it is in use (see cut).
func textOf(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

var quote = []byte{'"'}

// cutAt returns where to cut b, whose start has an odd number of quotes
// before it if odd: after the last line break with an even number of
// quotes before it among the last half of b's lines, or else after its
// last line break; 0 when b holds none. It reports whether the quotes
// before the cut are even.
func cutAt(b []byte, odd bool) (int, bool) {
	last := bytes.LastIndexByte(b, '\n')
	if last < 0 {
		return 0, !odd
	}
	// Parity at the end of b, then walking back line by line.
	even := odd == (bytes.Count(b, quote)%2 == 1)
	for i := len(b); i > len(b)/2; {
		j := bytes.LastIndexByte(b[:i], '\n')
		if j < 0 {
			break
		}
		if bytes.Count(b[j+1:i], quote)%2 == 1 {
			even = !even
		}
		if even {
			return j + 1, true
		}
		i = j
	}
	return last + 1, odd == (bytes.Count(b[:last+1], quote)%2 == 1)
}

// pieceFeed gives the reader in order the text from an unfinished record
// on: the rest of a piece, then every further piece, then the end of the
// input as the input ended.
type pieceFeed struct {
	s    *splitReader
	rest string
	end  error
}

func (f *pieceFeed) Read(b []byte) (int, error) {
	for f.rest == "" {
		if f.end != nil {
			return 0, f.end
		}
		p, ok := <-f.s.order
		if !ok {
			f.end = io.EOF // only after close
			continue
		}
		f.rest = p.text + p.tail
		switch {
		case p.err != nil:
			f.end = p.err
		case p.final:
			f.end = io.EOF
		}
	}
	n := copy(b, f.rest)
	f.rest = f.rest[n:]
	return n, nil
}
