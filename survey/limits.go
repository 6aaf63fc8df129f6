package survey

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// Limits on one input file. Survey exports arrive broken, huge or crafted;
// each limit turns what would otherwise exhaust memory or time, write
// unusable outputs or hide a damaged file into an error or a rejected row
// that says where. Each is checked while the file is read, before what it
// bounds is held in memory. Every limit is far above a real survey: every
// municipality of Germany (10,786) answering 200 questions is a CSV of
// about 20 MB, or a workbook whose sheet unzips to 110 MB.
const (
	// MaxFileSize is the most bytes read from one file, CSV or xlsx. A
	// larger file is an error. Reading costs time and memory in
	// proportion to the data: 512 MiB is about 25 times every
	// municipality of Germany with 200 questions (bench/run's largest
	// input, 100,000 units, is 180 MB).
	MaxFileSize = 512 << 20

	// MaxRows is the most records one file or sheet may have below its
	// header: 262,144, one row per unit and wave, is 24 waves of every
	// municipality of Germany. More is an error naming the first row
	// beyond it. (Excel's own limit, 1,048,576, took 51 s and 3.1 GiB.)
	MaxRows = 1 << 18

	// MaxColumns is the most columns a header may have: Excel's limit of
	// 16,384 (column XFD), so that an export that fits a spreadsheet
	// always fits. A wider header is an error.
	MaxColumns = 16384

	// MaxCellChars is the most characters a cell may hold: Excel's limit
	// of 32,767. A row with a longer cell is rejected, naming the cell,
	// before its text reaches names, reports and workbooks.
	MaxCellChars = 32767

	// MaxRecordBytes is the most bytes one record of a CSV file (a row,
	// header included, with every line of its quoted cells) may have.
	// It is checked as the bytes arrive, before the CSV reader holds
	// them: a file of one endless line is refused after 16 MiB, not
	// after reading it whole. A survey row is a few kilobytes; a row of
	// 16,384 columns of 1,000 characters each still fits.
	MaxRecordBytes = 16 << 20

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
// returns the 1-based column of the first bad cell and why (in English,
// and as cause and args for the reports), or 0.
func badCell(rec []string, text bool) (int, string, scoring.Cause, []string) {
	if !text {
		// No cell of a record of at most MaxCellChars bytes can hold
		// more characters: summing the lengths is a fraction of testing
		// every cell, and a survey row has a few kilobytes.
		n := 0
		for _, f := range rec {
			n += len(f)
		}
		if n <= MaxCellChars {
			return 0, "", 0, nil
		}
	}
	for i, f := range rec {
		switch {
		case len(f) > MaxCellChars && utf8.RuneCountInString(f) > MaxCellChars:
			n := utf8.RuneCountInString(f)
			return i + 1, fmt.Sprintf("%v: the cell holds %d characters, at most %d are allowed (as in Excel)", ErrLimit, n, MaxCellChars),
				scoring.CauseLongCell, []string{strconv.Itoa(n), strconv.Itoa(MaxCellChars)}
		case !text:
		case strings.IndexByte(f, 0) >= 0:
			return i + 1, "the cell holds a NUL byte: is the file binary or damaged?", scoring.CauseNULByte, nil
		case !utf8.ValidString(f):
			return i + 1, "the cell is not valid UTF-8 text: is the file in another encoding? (set survey.encoding)", scoring.CauseNotUTF8, nil
		}
	}
	return 0, "", 0, nil
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

// MaxSharedStrings is the most strings a workbook's shared strings table
// may hold, and MaxSharedStringsBytes its most bytes unzipped: excelize
// parses the whole table when a sheet refers to it, and a table of eight
// million strings took 97 s. A survey export has one string per distinct
// answer, name and heading.
const (
	MaxSharedStrings      = 1 << 20
	MaxSharedStringsBytes = 64 << 20
)

// MaxSheetBytes is the most bytes a worksheet of a workbook may have
// unzipped: 256 MiB, more than twice every municipality of Germany with
// 200 questions. excelize's Rows iterator reads about 10 MB of sheet a
// second, so this bounds the time a workbook can take.
const MaxSheetBytes = 256 << 20

// workbookPart is a relationship type whose target the reader needs: the
// sheets, the shared strings and the styles (for dates).
var workbookPart = map[string]bool{"worksheet": true, "chartsheet": true, "dialogsheet": true,
	"sharedStrings": true, "styles": true, "theme": true}

// checkZip checks an xlsx package and returns the package excelize is to
// open: only the parts the sheets need, found through the package's
// relationships ([Content_Types].xml, the workbook, its sheets, shared
// strings, styles, theme) — drawings, media, macros and any part nothing
// refers to are never inflated. Each part kept is inflated once to find
// damage: a checksum or size that does not match its data, or data that
// does not inflate. excelize ignores these errors and reads what it got,
// so a damaged or crafted workbook (one whose header claims a small
// sheet) would lose rows without a word. A package that is not a zip file
// at all is returned as it is, for excelize to describe.
func checkZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return b, nil
	}
	p := &zipPackage{files: map[string]*zip.File{}, keep: map[*zip.File]bool{}}
	for _, zf := range zr.File {
		p.files[strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))] = zf
	}
	if err := p.walk(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if !p.keep[zf] {
			continue
		}
		fh := zf.FileHeader
		w, err := zw.CreateRaw(&fh)
		if err != nil {
			return nil, err
		}
		raw, err := zf.OpenRaw()
		if err != nil {
			return nil, fmt.Errorf("damaged: part %s: %w", zf.Name, err)
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, fmt.Errorf("damaged: part %s: %w", zf.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// zipPackage finds the parts of an xlsx package that reading needs.
type zipPackage struct {
	files map[string]*zip.File // by lower-case name
	keep  map[*zip.File]bool
	total uint64 // unzipped bytes of the parts kept
}

func (p *zipPackage) walk() error {
	if _, err := p.part("[Content_Types].xml", ""); err != nil {
		return err
	}
	book := "xl/workbook.xml" // where excelize looks without relationships
	rels, err := p.rels("")
	if err != nil {
		return err
	}
	for _, r := range rels {
		if path.Base(r.Type) == "officeDocument" {
			book = r.Target
		}
	}
	if _, err := p.part(book, ""); err != nil {
		return err
	}
	rels, err = p.rels(book)
	if err != nil {
		return err
	}
	for _, r := range rels {
		kind := path.Base(r.Type)
		if !workbookPart[kind] || r.Mode == "External" {
			continue
		}
		if _, err := p.part(r.Target, kind); err != nil {
			return err
		}
	}
	return nil
}

// relationship is one entry of a .rels part, its target resolved to a
// name in the package.
type relationship struct {
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads the relationships of the part source ("" for the package).
func (p *zipPackage) rels(source string) ([]relationship, error) {
	dir, base := path.Split(source)
	b, err := p.part(dir+"_rels/"+base+".rels", "")
	if err != nil || b == nil {
		return nil, err
	}
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, nil // excelize will say what is wrong with it
	}
	for i, r := range doc.Rels {
		if strings.HasPrefix(r.Target, "/") {
			doc.Rels[i].Target = strings.TrimPrefix(r.Target, "/")
		} else {
			doc.Rels[i].Target = path.Join(dir, r.Target)
		}
	}
	return doc.Rels, nil
}

// part keeps the part name (of the given relationship kind) and inflates
// it to check it; it returns the data of a .rels or workbook part, which
// the walk reads, and nil for a part the package does not have.
func (p *zipPackage) part(name, kind string) ([]byte, error) {
	zf := p.files[strings.ToLower(name)]
	if zf == nil || p.keep[zf] {
		return nil, nil
	}
	p.keep[zf] = true
	if zf.UncompressedSize64 > UnzipSizeLimit-p.total {
		return nil, fmt.Errorf("%w: its unzipped size exceeds %d bytes", ErrLimit, UnzipSizeLimit)
	}
	p.total += zf.UncompressedSize64
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("damaged: part %s: %w", zf.Name, err)
	}
	defer rc.Close()
	var sink io.Writer = io.Discard
	var kept bytes.Buffer
	var strs *siCounter
	switch {
	case kind == "sharedStrings":
		if zf.UncompressedSize64 > MaxSharedStringsBytes {
			return nil, fmt.Errorf("%w: its shared strings take %d bytes unzipped, at most %d are allowed", ErrLimit, zf.UncompressedSize64, MaxSharedStringsBytes)
		}
		strs = &siCounter{}
		sink = strs
	case kind == "worksheet" && zf.UncompressedSize64 > MaxSheetBytes:
		return nil, fmt.Errorf("%w: its sheet %s takes %d bytes unzipped, at most %d are allowed", ErrLimit, zf.Name, zf.UncompressedSize64, MaxSheetBytes)
	case kind == "":
		// A .rels, the workbook or the content types: small, and read.
		if zf.UncompressedSize64 > UnzipXMLSizeLimit {
			return nil, fmt.Errorf("%w: part %s takes %d bytes unzipped, at most %d are allowed", ErrLimit, zf.Name, zf.UncompressedSize64, UnzipXMLSizeLimit)
		}
		sink = &kept
	}
	if _, err := io.Copy(sink, rc); err != nil {
		return nil, fmt.Errorf("damaged: part %s: %w", zf.Name, err)
	}
	if strs != nil && strs.n > MaxSharedStrings {
		return nil, fmt.Errorf("%w: its shared strings table holds %d strings, at most %d are allowed", ErrLimit, strs.n, MaxSharedStrings)
	}
	return kept.Bytes(), nil
}

// siCounter counts the string items (<si>, with any namespace prefix) of
// a shared strings table as it is inflated, without parsing it.
type siCounter struct {
	n    int
	name []byte // the element name being read after '<', up to 16 bytes
	in   bool
}

func (c *siCounter) Write(b []byte) (int, error) {
	for _, ch := range b {
		if ch == '<' {
			c.in, c.name = true, c.name[:0]
			continue
		}
		if !c.in {
			continue
		}
		switch ch {
		case '>', '/', ' ', '\t', '\n', '\r':
			if n := c.name; string(n) == "si" || (len(n) > 3 && string(n[len(n)-3:]) == ":si") {
				c.n++
			}
			c.in = false
		default:
			if len(c.name) < 16 {
				c.name = append(c.name, ch)
			} else {
				c.in = false
			}
		}
	}
	return len(b), nil
}

// recordGuard watches the bytes a csv.Reader reads and fails as soon as
// a record has more than MaxColumns fields or MaxRecordBytes bytes —
// before the reader has allocated them (a line of 64 million delimiters
// is 64 million fields). It splits records as encoding/csv does without
// LazyQuotes: a quote opens a quoted field only at the start of a field,
// in it a doubled quote is a quote and a line break is part of the
// field, and a record whose quotes are broken ends with its line.
type recordGuard struct {
	r     io.Reader
	comma byte // the delimiter, or its first byte
	state guardState
	// fields and bytes of the record being read; line is the line it
	// starts on, lines the lines read so far.
	fields, bytes int
	line, lines   int
	err           error // sticky: every read after the limit fails
	// ended, if set, is told each record's first line and fields (the
	// tests compare them with encoding/csv's).
	ended func(line, fields int)
}

type guardState uint8

const (
	atFieldStart guardState = iota
	inField
	inQuotes
	quoteInQuotes // a quote in a quoted field: its end, or the first of two
	crAfterQuote  // "\r after a closing quote: a line end if \n follows
	skipToLineEnd // the record's quotes are broken; csv ends it with the line
)

func newRecordGuard(r io.Reader, comma rune) *recordGuard {
	var b [utf8.UTFMax]byte
	utf8.EncodeRune(b[:], comma)
	return &recordGuard{r: r, comma: b[0], line: 1, lines: 1, fields: 1}
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if i := g.scan(p[:n]); i < n {
		return i, g.err
	}
	return n, err
}

// scan follows the records through b and returns len(b), or the offset
// at which a record passes a limit (with g.err set).
func (g *recordGuard) scan(b []byte) int {
	for i, c := range b {
		g.bytes++
		if c == '\n' {
			g.lines++
		}
		switch g.state {
		case atFieldStart, inField:
			switch {
			case c == g.comma:
				g.fields++
				g.state = atFieldStart
			case c == '\n':
				g.endRecord()
			case c == '"' && g.state == atFieldStart:
				g.state = inQuotes
			case c == '"':
				g.state = skipToLineEnd // a bare quote: csv.ErrBareQuote
			default:
				g.state = inField
			}
		case inQuotes:
			if c == '"' {
				g.state = quoteInQuotes
			}
		case quoteInQuotes:
			switch c {
			case '"':
				g.state = inQuotes
			case g.comma:
				g.fields++
				g.state = atFieldStart
			case '\n':
				g.endRecord()
			case '\r':
				g.state = crAfterQuote
			default:
				g.state = skipToLineEnd // csv.ErrQuote
			}
		case crAfterQuote:
			if c == '\n' {
				g.endRecord()
			} else {
				g.state = skipToLineEnd
			}
		case skipToLineEnd:
			if c == '\n' {
				g.endRecord()
			}
		}
		switch {
		case g.fields > MaxColumns:
			g.err = &ParseError{Row: g.line, Err: fmt.Errorf("%w: the row has more than %d fields (as in Excel)", ErrLimit, MaxColumns)}
		case g.bytes > MaxRecordBytes:
			g.err = &ParseError{Row: g.line, Err: fmt.Errorf("%w: the row is longer than %d bytes", ErrLimit, MaxRecordBytes)}
		default:
			continue
		}
		return i
	}
	return len(b)
}

func (g *recordGuard) endRecord() {
	if g.ended != nil {
		g.ended(g.line, g.fields)
	}
	g.state = atFieldStart
	g.fields, g.bytes = 1, 0
	g.line = g.lines
}
