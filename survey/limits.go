package survey

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Limits on one input file. Survey exports arrive broken, huge or crafted;
// each limit turns what would otherwise exhaust memory, write unusable
// outputs or hide a damaged file into an error or a rejected row that says
// where. Every limit is far above a real survey: every municipality of
// Germany (10,786) answering 200 questions is a CSV of about 25 MB.
const (
	// MaxFileSize is the most bytes read from one CSV file, and the most
	// an xlsx file may have before and (UnzipSizeLimit) after unzipping.
	// A larger file is an error.
	MaxFileSize = 1 << 30

	// MaxRows is the most records one file or sheet may have below its
	// header: Excel's limit of 1,048,576 rows a sheet. More is an error
	// naming the first row beyond it.
	MaxRows = 1 << 20

	// MaxColumns is the most columns a header may have: Excel's limit of
	// 16,384 (column XFD), so that an export that fits a spreadsheet
	// always fits. A wider header is an error.
	MaxColumns = 16384

	// MaxCellChars is the most characters a cell may hold: Excel's limit
	// of 32,767. A row with a longer cell is rejected, naming the cell,
	// before its text reaches names, reports and workbooks.
	MaxCellChars = 32767

	// MaxIDChars is the most characters of a unit id (units other than
	// municipalities, whose AGS has 8 digits). A unit's profile is named
	// after its id (reports.ProfileFile), escaping every character other
	// than ASCII letters, digits, '-' and '_' as "~xxxx" (up to 6 bytes):
	// 40 characters keep the name within the 255 bytes file systems allow.
	// A row with a longer id is rejected.
	MaxIDChars = 40
)

// ErrLimit is wrapped by every error and reject reason about a limit
// above.
var ErrLimit = errors.New("over the limit")

// badCell checks the cells of a record: none may hold more than
// MaxCellChars characters and, if text is set, none may hold a NUL byte
// (binary data, or an export that broke) or text that is not UTF-8 (a file
// in another encoding than detected or set, see Options.Encoding). It
// returns the 1-based column of the first bad cell and why, or 0.
func badCell(rec []string, text bool) (int, string) {
	for i, f := range rec {
		switch {
		case len(f) > MaxCellChars && utf8.RuneCountInString(f) > MaxCellChars:
			return i + 1, fmt.Sprintf("%v: the cell holds %d characters, at most %d are allowed (as in Excel)", ErrLimit, utf8.RuneCountInString(f), MaxCellChars)
		case !text:
		case strings.IndexByte(f, 0) >= 0:
			return i + 1, "the cell holds a NUL byte: is the file binary or damaged?"
		case !utf8.ValidString(f):
			return i + 1, "the cell is not valid UTF-8 text: is the file in another encoding? (set survey.encoding)"
		}
	}
	return 0, ""
}

// textScan watches the text a CSV reader reads for NUL bytes and bytes
// that are not UTF-8, a buffer at a time, which costs a fraction of
// checking every cell. Until it has seen one, no record can hold one, and
// the reader skips the check of every cell (badCell's text). Read runs on
// the goroutine that parses the file; Clean may be called from any.
type textScan struct {
	r       io.Reader
	suspect atomic.Bool
	carry   [utf8.UTFMax]byte // the start of a character split between reads
	nc      int
}

// Clean reports whether the text read so far holds neither a NUL byte
// nor a byte that is not UTF-8.
func (s *textScan) Clean() bool { return !s.suspect.Load() }

func (s *textScan) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if !s.suspect.Load() {
		if !s.scan(p[:n]) || (err != nil && s.nc > 0) {
			s.suspect.Store(true)
		}
	}
	return n, err
}

// scan reports whether b, continuing the bytes carried over from the last
// read, is clean; it carries over a character that b cuts off.
func (s *textScan) scan(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	if s.nc > 0 {
		// Complete the character split at the end of the last read.
		var buf [2 * utf8.UTFMax]byte
		k := copy(buf[:], s.carry[:s.nc])
		k += copy(buf[k:], b[:min(len(b), utf8.UTFMax-s.nc)])
		if !utf8.FullRune(buf[:k]) {
			if len(b) >= utf8.UTFMax-s.nc {
				return false
			}
			s.nc = copy(s.carry[:], buf[:k]) // still incomplete: wait for more
			return true
		}
		r, size := utf8.DecodeRune(buf[:k])
		if r == utf8.RuneError && size <= 1 {
			return false
		}
		b = b[size-s.nc:]
		s.nc = 0
	}
	// Carry over an incomplete character at the end.
	tail := 0
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				tail = len(b) - i
			}
			break
		}
	}
	s.nc = copy(s.carry[:], b[len(b)-tail:])
	return utf8.Valid(b[:len(b)-tail])
}

// sizeLimited reads at most MaxFileSize bytes from r and then fails,
// rather than stopping silently as io.LimitReader does: a file cut off at
// the limit would lose rows without a word.
type sizeLimited struct {
	r    io.Reader
	left int64
}

func (l *sizeLimited) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// At the limit: only a further byte makes the file too large.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: the file is larger than %d bytes", ErrLimit, int64(MaxFileSize))
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func limitSize(r io.Reader) io.Reader { return &sizeLimited{r: r, left: MaxFileSize} }

// checkZip inflates every part of an xlsx package once and reports a part
// that is damaged: a checksum or size that does not match its data, or
// data that does not inflate. excelize ignores these errors and reads what
// it got, so a damaged or crafted workbook (one whose header claims a
// small sheet) would lose rows without a word. A package that is not a zip
// file at all is left to excelize to describe.
func checkZip(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	var total uint64
	for _, zf := range zr.File {
		if zf.UncompressedSize64 > UnzipSizeLimit-total {
			return fmt.Errorf("%w: its unzipped size exceeds %d bytes", ErrLimit, UnzipSizeLimit)
		}
		total += zf.UncompressedSize64
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("damaged: part %s: %w", zf.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("damaged: part %s: %w", zf.Name, err)
		}
	}
	return nil
}
