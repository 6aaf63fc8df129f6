package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/reifegrad/reifegrad/bench/floor"
)

// readAllRecords reads every record of r with next, noting each record
// (with its first line) or parse error, up to io.EOF or another error.
func readAllRecords(next func() ([]string, error), line func() int) []string {
	var out []string
	for range 10000 {
		rec, err := next()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return append(out, "EOF")
		case errors.As(err, &pe):
			out = append(out, fmt.Sprintf("error %d:%d:%d %v", pe.StartLine, pe.Line, pe.Column, pe.Err))
		case err != nil:
			return append(out, "read error "+err.Error())
		default:
			out = append(out, fmt.Sprintf("line %d %q", line(), rec))
		}
	}
	return append(out, "too many records")
}

func stdRecords(r io.Reader, comma rune) []string {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	return readAllRecords(cr.Read, func() int { l, _ := cr.FieldPos(0); return l })
}

func ourRecords(r io.Reader, comma rune, chunk int) []string {
	rr := newRecordReader(r, byte(comma))
	rr.chunk = chunk
	return readAllRecords(rr.Read, rr.Line)
}

var recordCases = []string{
	"",
	"\n",
	"a;b;c\n",
	"a;b;c",
	"a;b;c\r\n1;2;3\r\n",
	"a;b\r",
	"a;b\r\r\n",
	"\r",
	"\r\n\r\n",
	"a\n\nb\n\r\nc",
	"a\rb;c\n",
	`"a;b";c` + "\n",
	`"a""b";"";"x"` + "\n",
	"\"zwei\nZeilen\";x\ny\n",
	"\"zwei\r\nZeilen\";x\r\ny\r\n",
	`a;b"c` + "\n" + "d\n",
	`"a"b;c` + "\n" + "d\n",
	`"abc` + "\n",
	`"abc`,
	"\"abc\n\n",
	"\"abc\"\r",
	"\"abc\"\rx\n",
	"x;\"abc\n\r\ndef\";\"g\"\n;\n",
	`"";;""` + "\n",
	";;;\n",
	"a;\"b\n",
	"\"\"\"\"\n",
	"a;b;c\n1;\"2;3\";4\n5;6\n",
	"\ufeffa;b\n",
	"x\"\n\"y\n",
	`"a";` + "\n" + `"b";;` + "\n",
}

// TestRecords reads every case as encoding/csv does, whatever the chunks
// the input arrives in and the reader makes text of.
func TestRecords(t *testing.T) {
	for _, in := range recordCases {
		for _, comma := range []rune{';', ',', '\t'} {
			want := stdRecords(strings.NewReader(in), comma)
			for _, chunk := range []int{0, 1, 2, 5} {
				for name, r := range map[string]io.Reader{"whole": strings.NewReader(in), "bytes": iotest.OneByteReader(strings.NewReader(in))} {
					got := ourRecords(r, comma, chunk)
					if !slices.Equal(got, want) {
						t.Errorf("%q (comma %q, chunk %d, %s):\n got %q\nwant %q", in, comma, chunk, name, got, want)
					}
				}
			}
		}
	}
}

// TestRecordsReadError: the records before a read error, then the error,
// as encoding/csv gives them.
func TestRecordsReadError(t *testing.T) {
	in := "a;b\n1;\"2\n3\";4\nx;y\n"
	for cut := range len(in) + 1 {
		want := stdRecords(iotest.DataErrReader(io.MultiReader(strings.NewReader(in[:cut]), iotest.ErrReader(errors.New("broken")))), ';')
		got := ourRecords(io.MultiReader(strings.NewReader(in[:cut]), iotest.ErrReader(errors.New("broken"))), ';', 3)
		if !slices.Equal(got, want) {
			t.Errorf("error after %d bytes:\n got %q\nwant %q", cut, got, want)
		}
	}
}

// FuzzRecords holds recordReader to encoding/csv: the same records, lines
// and errors for any input, delimiter and chunk size.
func FuzzRecords(f *testing.F) {
	for _, in := range recordCases {
		f.Add(in, byte(';'), uint8(0))
	}
	f.Add(strings.Repeat("a;\"b\nc\";d\r\n", 20), byte(';'), uint8(3))
	f.Fuzz(func(t *testing.T, in string, comma byte, chunk uint8) {
		if !asciiComma(rune(comma)) {
			return
		}
		want := stdRecords(strings.NewReader(in), rune(comma))
		got := ourRecords(iotest.HalfReader(strings.NewReader(in)), rune(comma), int(chunk))
		if !slices.Equal(got, want) {
			t.Errorf("%q (comma %q, chunk %d):\n got %q\nwant %q", in, comma, chunk, got, want)
		}
	})
}

// BenchmarkRecords reads the records of a national survey (10,786 rows ×
// 200 questions, as bench/run generates it) with recordReader and, in the
// same loop, with a bare encoding/csv pass (bench/floor), and reports the
// ratio of their times.
func BenchmarkRecords(b *testing.B) {
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
		rr := newRecordReader(bytes.NewReader(d.csv), ';')
		n := 0
		for {
			_, err := rr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != d.rows+1 {
			b.Fatalf("%d records, want %d", n, d.rows+1)
		}
		tOurs += time.Since(t1)
		tBare += t1.Sub(t0)
	}
	b.ReportMetric(float64(tOurs.Nanoseconds())/float64(b.N), "records-ns/op")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(float64(tOurs)/float64(tBare), "x-bare")
}

// splitRunBytes is splitRun one byte at a time: the reference for its
// eight-byte steps.
func splitRunBytes(s string, comma byte, fields []string) ([]string, int, int) {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || (c == comma && len(fields) >= MaxColumns-1) {
			return fields, start, i
		} else if c == comma {
			fields = append(fields, s[start:i])
			start = i + 1
		}
	}
	return append(fields, s[start:]), start, -1
}

// TestSplitRun holds splitRun to splitRunBytes on lines of commas, quotes
// and text, also where a quote and the comma that passes MaxColumns
// share a word, and with fields already read before the line.
func TestSplitRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	for n := range 3000 {
		var b strings.Builder
		size := rng.IntN(40)
		if n%3 == 0 {
			size = MaxColumns + rng.IntN(24) - 12 // commas around the limit
		}
		for range size {
			switch r := rng.IntN(20); {
			case r == 0:
				b.WriteByte('"')
			case r < 12:
				b.WriteByte(';')
			default:
				b.WriteByte('a' + byte(r))
			}
		}
		if n%3 == 0 {
			b.Reset()
			b.WriteString(strings.Repeat(";", size))
			if rng.IntN(2) == 0 {
				at := max(0, size-rng.IntN(24))
				s := b.String()
				b.Reset()
				b.WriteString(s[:at] + `"` + s[at:])
			}
		}
		s := b.String()
		before := rng.IntN(3)
		pre := slices.Repeat([]string{"x"}, before)
		wf, ws, wq := splitRunBytes(s, ';', slices.Clone(pre))
		gf, gs, gq := splitRun(s, ';', slices.Clone(pre))
		if !slices.Equal(gf, wf) || gs != ws || gq != wq {
			t.Fatalf("%q after %d fields: got %d fields, start %d, stop %d; want %d, %d, %d", s[:min(len(s), 80)], before, len(gf), gs, gq, len(wf), ws, wq)
		}
	}
}

// TestEmptyLinesBeforeLongRecord: empty lines before a long record are not
// part of it, as encoding/csv (behind recordGuard) skips them — a record
// of 2 MiB after 15 MiB of empty lines is read, not refused as a row over
// MaxRecordBytes, and a record over the limit is named by its own line.
// Both readers, the single pass and the split one, read the same.
func TestEmptyLinesBeforeLongRecord(t *testing.T) {
	summary := func(next func() ([]string, error), line func() int) []string {
		var out []string
		for {
			rec, err := next()
			var pe *ParseError
			switch {
			case errors.Is(err, io.EOF):
				return append(out, "EOF")
			case errors.As(err, &pe):
				return append(out, fmt.Sprintf("row %d: %v", pe.Row, pe.Err))
			case err != nil:
				return append(out, "error "+err.Error())
			}
			out = append(out, fmt.Sprintf("line %d: %d fields, %d bytes", line(), len(rec), len(strings.Join(rec, ""))))
		}
	}
	tests := []struct {
		empties, long int
		want          []string
	}{
		{15 << 20, 2 << 20, []string{"line 1: 2 fields, 2 bytes", fmt.Sprintf("line %d: 1 fields, %d bytes", 2+15<<20, 2<<20), fmt.Sprintf("line %d: 2 fields, 2 bytes", 3+15<<20), "EOF"}},
		{8 << 20, 9 << 20, []string{"line 1: 2 fields, 2 bytes", fmt.Sprintf("line %d: 1 fields, %d bytes", 2+8<<20, 9<<20), fmt.Sprintf("line %d: 2 fields, 2 bytes", 3+8<<20), "EOF"}},
		{1 << 20, MaxRecordBytes + 10, []string{"line 1: 2 fields, 2 bytes", fmt.Sprintf("row %d: over the limit: the row is longer than %d bytes", 2+1<<20, MaxRecordBytes)}},
	}
	for _, tc := range tests {
		in := "h;x\n" + strings.Repeat("\n", tc.empties) + strings.Repeat("b", tc.long) + "\n1;2\n"
		rr := newRecordReader(strings.NewReader(in), ';')
		if got := summary(rr.Read, rr.Line); !slices.Equal(got, tc.want) {
			t.Errorf("recordReader, %d empty lines, %d bytes:\n got %q\nwant %q", tc.empties, tc.long, got, tc.want)
		}
		s := newSplitReader(strings.NewReader(in), ';', 0)
		if got := summary(s.Read, s.Line); !slices.Equal(got, tc.want) {
			t.Errorf("splitReader, %d empty lines, %d bytes:\n got %q\nwant %q", tc.empties, tc.long, got, tc.want)
		}
		s.close()
	}
}
