package xlsx

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// The long tables (Indikatoren: a row per unit, indicator and question;
// Antworten; Fahrplan) are most of a workbook's bytes. excelize's stream
// writer writes each sheet's frame — column widths and styles, panes,
// the header row, autofilter, conditional formats, print titles — and
// the rows between come from a rowEncoder, already deflated on the other
// cores while the rest of the workbook is built (a sheet body). excelize
// writes the sheet with a marker row where the body goes; splicer, the
// zip writer excelize is given, puts the body in its place. The unzipped
// sheet is byte for byte the one excelize writes (TestSplicedWorkbook).

// sheetBody is the rows of one streamed sheet, deflated in chunks as they
// are encoded. A chunk is compressed with the last 32 KiB of the one
// before as its dictionary and ends with a sync flush, so the chunks one
// after the other are one deflate stream (as pigz makes it); its end
// comes with the sheet's frame.
type sheetBody struct {
	marker string // the marker row's text
	size   int64  // uncompressed bytes
	crc    uint32 // CRC-32 of the uncompressed bytes
	chunks []*bodyChunk
	wg     sync.WaitGroup
}

type bodyChunk struct {
	out bytes.Buffer
	err error
}

// bodyChunkSize is how many bytes of rows are compressed as one piece:
// large enough that a chunk's cost dwarfs its start, small enough that
// a table's chunks keep both cores busy and little is held at once.
const bodyChunkSize = 512 << 10

// deflater compresses the bodies of one workbook, at most one chunk per
// core at a time.
type deflater struct {
	slots   chan struct{}
	nonce   string
	bodies  []*sheetBody
	free    sync.Pool // *[]byte chunk buffers
	writers sync.Pool // *flate.Writer
}

// level is the compression level of the sheet bodies: archive/zip's
// default level. klauspost/compress's flate at this level is about a
// third faster than compress/flate's and writes about 4 % less (the
// Saxony example's Indikatoren, 29 MB: 288 against 414 ms, 7.35 against
// 7.68 %), and its writers take a new dictionary on Reset, so one writer
// per core serves every chunk.
const level = flate.DefaultCompression

func newDeflater() (*deflater, error) {
	var n [12]byte
	if _, err := rand.Read(n[:]); err != nil {
		return nil, err
	}
	return &deflater{slots: make(chan struct{}, runtime.GOMAXPROCS(0)), nonce: hex.EncodeToString(n[:])}, nil
}

// newBody starts a sheet body. Its marker is unique in the workbook and
// cannot be guessed, so no text of the model or the data can be taken
// for it.
func (d *deflater) newBody() *sheetBody {
	b := &sheetBody{marker: fmt.Sprintf("reifegrad-body-%s-%d", d.nonce, len(d.bodies))}
	d.bodies = append(d.bodies, b)
	return b
}

func (d *deflater) buffer() []byte {
	if p, ok := d.free.Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, bodyChunkSize+64<<10)
}

// add hands the encoded rows in raw to a core for compression; dict is
// the uncompressed end of the chunk before (nil for the first). raw is
// the deflater's from then on.
func (d *deflater) add(b *sheetBody, raw, dict []byte) {
	b.size += int64(len(raw))
	b.crc = crc32.Update(b.crc, crc32.IEEETable, raw)
	c := &bodyChunk{}
	b.chunks = append(b.chunks, c)
	d.slots <- struct{}{}
	b.wg.Go(func() {
		defer func() { <-d.slots }()
		fw, _ := d.writers.Get().(*flate.Writer)
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(&c.out, level); err != nil {
				c.err = err
				return
			}
		}
		fw.ResetDict(&c.out, dict)
		_, err := fw.Write(raw)
		if err == nil {
			err = fw.Flush()
		}
		c.err = err
		d.writers.Put(fw)
		d.free.Put(&raw)
	})
}

// wait waits for every chunk of every body.
func (d *deflater) wait() {
	for _, b := range d.bodies {
		b.wg.Wait()
	}
}

// bodyWriter encodes the rows of one sheet body and hands them over in
// chunks.
type bodyWriter struct {
	d    *deflater
	b    *sheetBody
	buf  []byte
	dict []byte // the end of the last chunk handed over
}

func (d *deflater) writer() *bodyWriter {
	return &bodyWriter{d: d, b: d.newBody(), buf: d.buffer()}
}

// flush hands the rows encoded so far over when they fill a chunk, or
// always when last is set.
func (w *bodyWriter) flush(last bool) {
	if len(w.buf) < bodyChunkSize && !(last && len(w.buf) > 0) {
		return
	}
	raw := w.buf
	next := raw[max(0, len(raw)-32<<10):]
	dict := w.dict
	w.dict = append([]byte(nil), next...)
	w.d.add(w.b, raw, dict)
	w.buf = w.d.buffer()
}

// splicer is the zip writer excelize writes the workbook with: it passes
// every part to archive/zip, except a sheet with a body's marker row,
// which it writes as its frame with the body in place of the marker row.
// It also puts the parts whose order excelize takes from a map in a fixed
// order (see worksheets and contentTypesPart): the same workbook is the
// same file.
type splicer struct {
	zw     *zip.Writer
	d      *deflater
	name   string        // the part being captured, "" if none
	sheet  *bytes.Buffer // its bytes
	bodies map[string]*sheetBody
	held   []heldPart // sheets not written yet (see worksheets)
	err    error
}

var _ excelize.ZipWriter = (*splicer)(nil)

func (d *deflater) splicer(w io.Writer) excelize.ZipWriter {
	s := &splicer{zw: zip.NewWriter(w), d: d, bodies: map[string]*sheetBody{}}
	for _, b := range d.bodies {
		s.bodies[b.marker] = b
	}
	return s
}

func (s *splicer) Create(name string) (io.Writer, error) {
	if err := s.finish(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(name, worksheets) {
		if err := s.flush(); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(name, worksheets) || name == contentTypesPart {
		s.name, s.sheet = name, new(bytes.Buffer)
		return s.sheet, nil
	}
	return s.zw.Create(name)
}

// worksheets is the folder of the sheets' parts. excelize writes the
// sheets it streamed first, in the order of a map's iteration, then the
// other parts in reverse order of their names; the splicer holds the
// sheets until the first other part and writes them in excelize's reverse
// order of names too, so that the same workbook is the same file.
const worksheets = "xl/worksheets/"

// heldPart is a sheet's part waiting for its place in the zip file.
type heldPart struct {
	name   string
	header *zip.FileHeader // the part deflated already; nil: data is the part
	data   []byte
}

// flush writes the held sheets.
func (s *splicer) flush() error {
	slices.SortFunc(s.held, func(a, b heldPart) int { return strings.Compare(b.name, a.name) })
	for _, p := range s.held {
		var w io.Writer
		var err error
		if p.header != nil {
			w, err = s.zw.CreateRaw(p.header)
		} else {
			w, err = s.zw.Create(p.name)
		}
		if err == nil {
			_, err = w.Write(p.data)
		}
		if err != nil {
			return err
		}
	}
	s.held = nil
	return nil
}

// contentTypesPart lists the content type of every part of the package.
// excelize appends the image types it declares in the order of a map's
// iteration, so two runs wrote the same workbook with different bytes;
// the splicer sorts them (sortedDefaults).
const contentTypesPart = "[Content_Types].xml"

// defaultElem is a <Default> element of [Content_Types].xml as excelize
// writes it.
var defaultElem = regexp.MustCompile(`<Default Extension="[^"]*" ContentType="[^"]*"(?:></Default>|/>)`)

// sortedDefaults returns the content types with their <Default> elements
// sorted by extension, when they stand together as excelize writes them;
// their order means nothing (ECMA-376 part 2, §10.1.2.2). Anything else
// is returned as it is.
func sortedDefaults(xml []byte) []byte {
	at := defaultElem.FindAllIndex(xml, -1)
	if len(at) < 2 {
		return xml
	}
	for i := 1; i < len(at); i++ {
		if at[i][0] != at[i-1][1] {
			return xml
		}
	}
	elems := make([][]byte, len(at))
	for i, a := range at {
		elems[i] = xml[a[0]:a[1]]
	}
	slices.SortStableFunc(elems, bytes.Compare)
	out := append([]byte(nil), xml[:at[0][0]]...)
	for _, e := range elems {
		out = append(out, e...)
	}
	return append(out, xml[at[len(at)-1][1]:]...)
}

func (s *splicer) AddFS(fsys fs.FS) error {
	if err := s.finish(); err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	return s.zw.AddFS(fsys)
}

func (s *splicer) Close() error {
	if err := s.finish(); err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	if len(s.bodies) > 0 {
		return errors.New("xlsx: a sheet's rows were not written (marker not found)")
	}
	return s.zw.Close()
}

// finish writes the part captured last, or holds it if it is a sheet.
func (s *splicer) finish() error {
	if s.name == "" {
		return nil
	}
	name, xml := s.name, s.sheet.Bytes()
	s.name, s.sheet = "", nil
	if name == contentTypesPart {
		w, err := s.zw.Create(name)
		if err == nil {
			_, err = w.Write(sortedDefaults(xml))
		}
		return err
	}
	b, head, tail := s.cut(xml)
	if b == nil {
		s.held = append(s.held, heldPart{name: name, data: xml})
		return nil
	}
	delete(s.bodies, b.marker)
	b.wg.Wait()
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, level)
	if err != nil {
		return err
	}
	if _, err := fw.Write(head); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	for _, c := range b.chunks {
		if c.err != nil {
			return c.err
		}
		out.Write(c.out.Bytes())
	}
	fw.Reset(&out)
	if _, err := fw.Write(tail); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	size := int64(len(head)) + b.size + int64(len(tail))
	crc := crc32Concat(crc32.ChecksumIEEE(head), b.crc, b.size)
	crc = crc32Concat(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	s.held = append(s.held, heldPart{name: name, data: out.Bytes(), header: &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(out.Len()), UncompressedSize64: uint64(size)}})
	return nil
}

// cut finds a body's marker row in a sheet: the body, the sheet before
// the row and after it. A marker row is the only row after the header:
// excelize has written <row r="2"><c …><is><t>marker</t></is></c></row>.
func (s *splicer) cut(xml []byte) (b *sheetBody, head, tail []byte) {
	i := bytes.Index(xml, []byte(`<row r="2">`))
	if i < 0 {
		return nil, nil, nil
	}
	j := bytes.Index(xml[i:], []byte(`</row>`))
	if j < 0 {
		return nil, nil, nil
	}
	row := xml[i : i+j]
	k := bytes.Index(row, []byte(`<t>`))
	l := bytes.Index(row, []byte(`</t>`))
	if k < 0 || l < k {
		return nil, nil, nil
	}
	b = s.bodies[string(row[k+3:l])]
	if b == nil {
		return nil, nil, nil
	}
	return b, xml[:i], xml[i+j+len(`</row>`):]
}

// crc32Concat is the CRC-32 of a text A followed by a text B of n bytes,
// from crcA and crcB alone. The CRC is affine in its input: crc(A‖B) =
// crc(B) ⊕ crc(A‖0ⁿ) ⊕ crc(0ⁿ), and a run of zero bytes is cheap to
// checksum.
func crc32Concat(crcA, crcB uint32, n int64) uint32 {
	var zeros [32 << 10]byte
	a, z := crcA, uint32(0)
	for n > 0 {
		k := min(n, int64(len(zeros)))
		a = crc32.Update(a, crc32.IEEETable, zeros[:k])
		z = crc32.Update(z, crc32.IEEETable, zeros[:k])
		n -= k
	}
	return crcB ^ a ^ z
}
