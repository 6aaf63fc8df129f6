package survey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/reifegrad/reifegrad/bench/floor"
)

// splitRecords reads r with a splitReader of pieces of size bytes.
func splitRecords(r io.Reader, comma rune, size int) []string {
	s := newSplitReader(r, byte(comma), size)
	defer s.close()
	return readAllRecords(s.Read, s.Line)
}

// reusedRecords reads as splitRecords, with the records' slices and text
// reused (reuseRecords): each record is read before the next Read only,
// after the other goroutines had a chance to run (and to overwrite it, if
// a piece were taken back too early).
func reusedRecords(r io.Reader, comma rune, size int) []string {
	s := newSplitReader(r, byte(comma), size)
	defer s.close()
	s.reuseRecords()
	read := func() ([]string, error) {
		rec, err := s.Read()
		runtime.Gosched()
		return rec, err
	}
	return readAllRecords(read, s.Line)
}

// heldRecords reads as reusedRecords, holding the records (holdRecords)
// as the answer filler does: every record stays in hand until the holder
// lets go of it, and each is checked then (and the rest at the end) to be
// what it was when Read returned it — a piece taken back too early would
// have been read into again by then. It also returns how many times the
// reader waited for the holder to let go.
func heldRecords(t *testing.T, r io.Reader, comma rune, size int) ([]string, int) {
	s := newSplitReader(r, byte(comma), size)
	defer s.close()
	h := &checkHolder{t: t}
	s.holdRecords(h)
	read := func() ([]string, error) {
		rec, err := s.Read()
		if err == nil {
			h.recs, h.copies = append(h.recs, rec), append(h.copies, strings.Clone(strings.Join(rec, "\x00")))
		}
		runtime.Gosched()
		return rec, err
	}
	out := readAllRecords(read, s.Line)
	h.wait(int64(len(h.recs)))
	return out, h.waits
}

// checkHolder holds every record handed out until wait, and checks then
// that it is unchanged.
type checkHolder struct {
	t        *testing.T
	recs     [][]string
	copies   []string // each record as it was handed out
	released int
	waits    int
}

func (h *checkHolder) mark() int64 { return int64(len(h.recs)) }

func (h *checkHolder) wait(token int64) {
	h.waits++
	for i := h.released; i < int(token); i++ {
		if got := strings.Join(h.recs[i], "\x00"); got != h.copies[i] {
			h.t.Fatalf("record %d changed while held: %q, was %q", i, got, h.copies[i])
		}
	}
	h.released = max(h.released, int(token))
}

// splitCases put what a cut may meet at every place a small piece size
// cuts: a quoted cell holding line breaks and separators, "" inside
// quotes, empty lines, CRLF, a BOM (kept here: decode removes it before),
// malformed quotes that make the quotes' parity lie, and lines longer than
// a piece.
var splitCases = []string{
	"a;b\n\"x\ny\";z\n1;2\n",
	"a;b\r\n\"x\r\ny;\r\n\";z\r\n1;2\r\n",
	"a,b\n\"x\n,y\",z\n\"\"\"\n\",w\n",
	"\ufeffa;b\n1;2\n\n\n3;4\n\r\n5;6",
	"h;\"q\n\n\nq\";x\n\n1;\"\"\n",
	"a;b\"c\n\"x\n1;2\n\"y\nz\";3\n",
	"x\"\n\"y\n\"z\nw\";v\n",
	"\"never closed\n1;2\n3;4\n",
	strings.Repeat("eine sehr lange Zeile ohne Umbruch;", 40) + "\n1;2\n",
	strings.Repeat("\"a\nb\";c\n", 30),
	strings.Repeat("1;2;\"3\n4\";5\r\n\n", 25) + "x",
}

// TestSplitRecords: for every case, delimiter and piece size, the split
// read gives the records, lines and errors of recordReader reading the
// whole input in order (which TestRecords holds to encoding/csv).
func TestSplitRecords(t *testing.T) {
	for _, in := range append(slices.Clone(recordCases), splitCases...) {
		for _, comma := range []rune{';', ',', '\t'} {
			want := ourRecords(strings.NewReader(in), comma, 0)
			for _, size := range []int{1, 2, 3, 5, 8, 13, 64, 0} {
				for name, r := range map[string]func() io.Reader{
					"whole": func() io.Reader { return strings.NewReader(in) },
					"bytes": func() io.Reader { return iotest.OneByteReader(strings.NewReader(in)) },
				} {
					if got := splitRecords(r(), comma, size); !slices.Equal(got, want) {
						t.Errorf("%q (comma %q, pieces of %d, %s):\n got %q\nwant %q", in, comma, size, name, got, want)
					}
					if got := reusedRecords(r(), comma, size); !slices.Equal(got, want) {
						t.Errorf("%q (comma %q, pieces of %d, %s, reused):\n got %q\nwant %q", in, comma, size, name, got, want)
					}
				}
			}
		}
	}
}

// TestSplitReadError: the records before a read error, then the error,
// as recordReader gives them, wherever the error falls.
func TestSplitReadError(t *testing.T) {
	in := "a;b\n1;\"2\n3\";4\nx;y\n\"p\nq\";r\n"
	for cut := range len(in) + 1 {
		for _, size := range []int{1, 3, 7, 0} {
			src := func() io.Reader {
				return io.MultiReader(strings.NewReader(in[:cut]), iotest.ErrReader(errors.New("broken")))
			}
			want := ourRecords(src(), ';', 3)
			if got := splitRecords(src(), ';', size); !slices.Equal(got, want) {
				t.Errorf("error after %d bytes, pieces of %d:\n got %q\nwant %q", cut, size, got, want)
			}
		}
	}
}

// TestSplitUsesPieces: on a well-formed file the pieces' own parses are
// used (no piece falls back to reading in order), also where quoted cells
// hold line breaks; a bare quote that makes the quotes' parity lie
// falls back and still reads the same.
func TestSplitUsesPieces(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "%d;\"Zeile\n%d; mit \"\"Anführung\"\"\";x\r\n", i, i)
	}
	good := b.String()
	bad := good[:len(good)/3] + "1;b\"c;d\n" + good[len(good)/3:]
	for _, tc := range []struct {
		in      string
		inOrder bool
	}{{good, false}, {bad, true}} {
		want := ourRecords(strings.NewReader(tc.in), ';', 0)
		s := newSplitReader(strings.NewReader(tc.in), ';', 4096)
		got := readAllRecords(s.Read, s.Line)
		s.close()
		if !slices.Equal(got, want) {
			t.Fatalf("records differ from recordReader's")
		}
		if s.inOrder.Load() != tc.inOrder {
			t.Errorf("read in order: %v, want %v", s.inOrder.Load(), tc.inOrder)
		}
	}
}

// TestSplitHoldsRecords: with holdRecords, a piece's text is read into
// again only after the holder let go of its records (heldRecords checks
// each one then), and pieces are still taken back: the reader waits once
// for every piece but the first, one piece behind.
func TestSplitHoldsRecords(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "%d;Gemeinde %d;\"ja\";%d,5\r\n", i, i, i%100)
	}
	in := b.String()
	want := ourRecords(strings.NewReader(in), ';', 0)
	for _, size := range []int{4096, 512, 97} {
		got, waits := heldRecords(t, strings.NewReader(in), ';', size)
		if !slices.Equal(got, want) {
			t.Fatalf("pieces of %d: records differ from recordReader's", size)
		}
		// heldRecords waits once more itself, at the end.
		if pieces := len(in)/size - 2; waits-1 < pieces {
			t.Errorf("pieces of %d: the reader waited %d times for the holder, want at least %d (a piece taken back each time)", size, waits-1, pieces)
		}
	}
}

// TestSplitClose: closing before the end stops reading (no goroutine
// left reading the input), whatever was read.
func TestSplitClose(t *testing.T) {
	in := strings.Repeat("a;b\n", 10000)
	for _, n := range []int{0, 1, 500} {
		s := newSplitReader(strings.NewReader(in), ';', 64)
		for range n {
			if _, err := s.Read(); err != nil {
				t.Fatal(err)
			}
		}
		s.close()
		s.close() // twice is harmless
	}
}

// FuzzSplitRecords holds splitReader to recordReader: the same records,
// lines and errors for any input, delimiter and piece size, the input
// arriving in pieces of any size.
func FuzzSplitRecords(f *testing.F) {
	for _, in := range append(slices.Clone(recordCases), splitCases...) {
		f.Add(in, byte(';'), uint8(3))
	}
	f.Add(strings.Repeat("a;\"b\nc\";d\r\n", 20), byte(';'), uint8(7))
	f.Add("x\"y\n\"z\nw\";v\n1;2\n", byte(';'), uint8(4))
	f.Add(strings.Repeat("a;\"b\nc\";d\r\n", 20), byte(';'), uint8(128+5))
	f.Add(strings.Repeat("a;\"b\nc\";d\r\n", 20), byte(';'), uint8(192+5))
	f.Fuzz(func(t *testing.T, in string, comma byte, size uint8) {
		if !asciiComma(rune(comma)) {
			return
		}
		want := ourRecords(strings.NewReader(in), rune(comma), 0)
		read := splitRecords
		switch {
		case size >= 192:
			read = func(r io.Reader, comma rune, size int) []string {
				got, _ := heldRecords(t, r, comma, size)
				return got
			}
		case size >= 128:
			read = reusedRecords
		}
		got := read(iotest.HalfReader(strings.NewReader(in)), rune(comma), int(size%64)+1)
		if !slices.Equal(got, want) {
			t.Errorf("%q (comma %q, pieces of %d, reused %v, held %v):\n got %q\nwant %q", in, comma, int(size%64)+1, size >= 128, size >= 192, got, want)
		}
	})
}

// BenchmarkSplitRecords reads the records of a national survey (10,786
// rows × 200 questions) with splitReader and, in the same loop, with a
// bare encoding/csv pass (bench/floor), and reports the ratio of their
// wall times: below BenchmarkRecords' on a machine with a free core.
func BenchmarkSplitRecords(b *testing.B) {
	d := mustBench(b)
	b.SetBytes(int64(len(d.csv)))
	b.ReportAllocs()
	var tOurs, tBare time.Duration
	for b.Loop() {
		t0 := time.Now()
		if n, err := floor.CSV(bytes.NewReader(d.csv)); err != nil || n != d.rows+1 {
			b.Fatalf("bare pass: %d records, %v", n, err)
		}
		t1 := time.Now()
		s := newSplitReader(bytes.NewReader(d.csv), ';', 0)
		n := 0
		for {
			_, err := s.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		s.close()
		if n != d.rows+1 {
			b.Fatalf("%d records, want %d", n, d.rows+1)
		}
		tOurs += time.Since(t1)
		tBare += t1.Sub(t0)
	}
	b.ReportMetric(float64(tOurs.Nanoseconds())/float64(b.N), "split-ns/op")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(float64(tOurs)/float64(tBare), "x-bare")
}

// sliceErr is a read error that == cannot compare (a slice type).
type sliceErr []string

func (e sliceErr) Error() string { return strings.Join(e, ",") }

// TestSplitUncomparableReadError: a read error of any type ends the input
// as in recordReader — comparing it with == would panic in a parser.
func TestSplitUncomparableReadError(t *testing.T) {
	in := func() io.Reader {
		return io.MultiReader(strings.NewReader("a;b\n1;2\n"), iotest.ErrReader(sliceErr{"x"}))
	}
	want := ourRecords(in(), ';', 0)
	if got := splitRecords(in(), ';', 4); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if want[len(want)-1] != "read error x" {
		t.Errorf("recordReader ends with %q, want the read error", want[len(want)-1])
	}
}

// TestSplitReadAfterClose: Read after close returns (io.EOF at the latest)
// instead of waiting for a piece no parser will finish.
func TestSplitReadAfterClose(t *testing.T) {
	in := strings.Repeat("1;2\n", 100000)
	for i := range 100 {
		s := newSplitReader(strings.NewReader(in), ';', 64)
		if _, err := s.Read(); err != nil {
			t.Fatal(err)
		}
		s.close()
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				if _, err := s.Read(); err != nil {
					return
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("run %d: Read after close did not return", i)
		}
	}
}
