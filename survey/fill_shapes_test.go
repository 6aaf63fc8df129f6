package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// fillShapesCSV is a file of rows as a generic export writes them, with
// what the reader meets in a real one, at every place the pieces may cut:
// a BOM; answers in quotes holding line breaks (CRLF, which the parse
// undoes, and LF) and "" for a quote; answers longer than sixteen bytes
// that share their first and last eight (told apart only by their text);
// numbers that read two ways ("1.234") beside decimal-comma and
// German-thousands ones; answers not in the scale; rows too short to reach
// the last questions (whose answers the reader gathers itself, between
// the filled ones); empty rows, rows without an id and units answering
// twice. With bad set, one row near the middle has a bare quote:
// the quotes after it are odd, so the pieces are cut inside quoted cells
// and the rest is read in order. It also returns the questions whose
// answers are as written (not numbers the decimal check may settle).
func fillShapesCSV(rows, questions int, seed uint64, bad bool) (model string, data []byte, plain []bool) {
	r := rand.New(rand.NewPCG(seed, 11))
	var m strings.Builder
	m.WriteString(fillModel)
	scales := []string{"janein", "menge", "arten"}
	plain = make([]bool, questions)
	for q := range questions {
		fmt.Fprintf(&m, "    - {id: Q%02d, scale: %s, text: \"Frage %d\"}\n", q+1, scales[q%3], q+1)
		plain[q] = q%3 != 1
	}
	m.WriteString("  dimensions:\n    - id: alles\n      indicators:\n")
	for q := range questions {
		fmt.Fprintf(&m, "        - {id: i%02d, question: Q%02d}\n", q+1, q+1)
	}
	var b bytes.Buffer
	b.WriteString("\ufeffid;name")
	for q := range questions {
		fmt.Fprintf(&b, ";Q%02d", q+1)
	}
	b.WriteString("\r\n")
	maps := []string{"ja", "nein", "teilweise", "weiß nicht", "", "jein",
		`"Anmerkung:` + "\r\n" + `über zwei Zeilen"`, `"Zeile eins` + "\n" + `Zeile zwei"`, `"sagt ""ja"", meint nein"`}
	// Longer than sixteen bytes, the same first and last eight.
	for _, mid := range []string{"a", "b", "ab", "ba", "ä", "xyz"} {
		maps = append(maps, "trifft eher "+mid+" zu, trifft")
	}
	multis := []string{`"Post;Fax"`, "Web", "", `"App;Post;Web;Fax;Brief;Mail"`, `"Fax;` + "\r\n" + `Brief"`}
	for i := range rows {
		switch k := r.IntN(60); {
		case k == 0:
			b.WriteString("\r\n")
			continue
		case k == 1:
			b.WriteString(";ohne Kennung\r\n")
			continue
		case bad && i == rows/2:
			b.WriteString(`U9999;Ein"heit`)
		default:
			fmt.Fprintf(&b, "U%05d;Einheit %d", r.IntN(rows), i)
		}
		n := questions
		if r.IntN(25) == 0 {
			n = r.IntN(questions) // gathered by the reader, after a drain
		}
		for q := range n {
			var v string
			switch q % 3 {
			case 0:
				v = maps[r.IntN(len(maps))]
			case 1:
				switch r.IntN(5) {
				case 0:
					v = fmt.Sprintf("%d.%03d", 1+r.IntN(9), r.IntN(1000)) // reads two ways
				case 1:
					v = fmt.Sprintf("%d,%d", r.IntN(100), r.IntN(10))
				case 2:
					v = fmt.Sprintf("%d.%03d,%d", 1+r.IntN(9), r.IntN(1000), r.IntN(10))
				default:
					v = fmt.Sprint(r.IntN(5000))
				}
			default:
				v = multis[r.IntN(len(multis))]
			}
			b.WriteString(";" + v)
		}
		b.WriteString("\r\n")
	}
	return m.String(), b.Bytes(), plain
}

// countingHolder counts how often the split reader waited for the filler
// before it took a piece back.
type countingHolder struct {
	recordHolder
	waits *int
}

func (h countingHolder) wait(token int64) {
	*h.waits++
	h.recordHolder.wait(token)
}

// readShapes reads data as Read reads a CSV file (decoded: the BOM goes),
// with pieces of size bytes (0: splitPiece), the answers filled by the
// filler when fill is set, else added by the reader. It returns how often
// a piece was taken back after waiting for the filler, and whether the
// rest of the file was read in order.
func readShapes(t *testing.T, data []byte, m *scoring.Model, fill bool, size int) (ds *scoring.Dataset, waits int, inOrder bool) {
	t.Helper()
	opt := Options{Delimiter: ';', IDColumn: "id"}
	hm := newHeaderMatcher(m, &opt)
	dec, _, _, err := decode(bytes.NewReader(data), opt.Encoding)
	if err != nil {
		t.Fatal(err)
	}
	scan := &textScan{r: dec}
	sr := newSplitReader(scan, ';', size)
	ct := &csvTable{read: sr.Read, line: sr.Line, stop: sr.close, reuse: sr.reuseRecords, scan: scan, size: int64(len(data))}
	if fill {
		ct.hold = func(h recordHolder) { sr.holdRecords(countingHolder{h, &waits}) }
	}
	defer ct.close()
	if ds, err = readTable(ct, hm, "fill.csv"); err != nil {
		t.Fatal(err)
	}
	return ds, waits, sr.seq != nil
}

// TestFilledShapes: a file with every shape a CSV export has, read in
// several pieces with the filler, is the dataset the reader makes adding
// the answers itself, code for code, and the same again when read a
// second time; and every answer not settled as a number is the cell as
// encoding/csv reads it. A piece whose text were read into again before
// the filler had filled its answers would show here as answers that
// differ (and, under -race, as a race).
func TestFilledShapes(t *testing.T) {
	for _, tc := range []struct {
		rows, questions, size int
		bad                   bool
	}{
		{9000, 24, 0, false},    // about 1.5 MB: six pieces of splitPiece
		{3000, 24, 4096, false}, // many small pieces, cut inside long answers
		{3000, 9, 300, false},   // pieces of two or three records
		{4000, 12, 8192, true},  // a bare quote: the rest is read in order
	} {
		t.Run(fmt.Sprintf("%d×%d/%d/bad=%v", tc.rows, tc.questions, tc.size, tc.bad), func(t *testing.T) {
			yaml, data, plain := fillShapesCSV(tc.rows, tc.questions, uint64(tc.rows*tc.questions+tc.size), tc.bad)
			m, err := scoring.ParseModel("fill.yaml", []byte(yaml))
			if err != nil {
				t.Fatal(err)
			}
			want, _, wantOrder := readShapes(t, data, m, false, tc.size)
			got, waits, inOrder := readShapes(t, data, m, true, tc.size)
			again, _, _ := readShapes(t, data, m, true, tc.size)
			if waits == 0 {
				t.Fatalf("no piece was taken back after the filler let go of it: the filler's holding was not tested")
			}
			// Where pieces are cut depends on which buffer comes back
			// first (a longer one holds more), so a file without a bare
			// quote may still be read in order from a record longer
			// than four pieces on; one with it always is.
			if tc.bad && (!inOrder || !wantOrder) {
				t.Fatalf("read in order from the bare quote on: %v (without the filler %v), want true", inOrder, wantOrder)
			}
			for name, ds := range map[string]*scoring.Dataset{"filled": got, "filled again": again} {
				sameDataset(t, name, ds, want)
			}
			// The file has what it should: rows refused, findings, and
			// numbers the decimal check settled as thousands.
			thousands := 0
			for _, c := range want.Inputs[0].Columns {
				thousands += c.Thousands
			}
			if len(want.Rejects) == 0 || len(want.Issues) == 0 || thousands == 0 {
				t.Errorf("%d rejects, %d findings, %d answers settled as thousands: want some of each", len(want.Rejects), len(want.Issues), thousands)
			}
			csvSays(t, data, want, plain)
		})
	}
}

// sameDataset fails unless got is want to every answer's code.
func sameDataset(t *testing.T, name string, got, want *scoring.Dataset) {
	t.Helper()
	if len(got.Responses) != len(want.Responses) {
		t.Fatalf("%s: %d responses, added %d", name, len(got.Responses), len(want.Responses))
	}
	for i := range want.Responses {
		g, w := got.Responses[i], want.Responses[i]
		for q := range w.Answers.Len() {
			if g.Answers.At(q) != w.Answers.At(q) || g.Answers.Code(q) != w.Answers.Code(q) {
				t.Fatalf("%s: row %d, question %d: %q (code %d), added %q (code %d)", name, w.Row, q, g.Answers.At(q), g.Answers.Code(q), w.Answers.At(q), w.Answers.Code(q))
			}
		}
		g.Answers, w.Answers = scoring.Answers{}, scoring.Answers{}
		g.Source, w.Source = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: response %d: %+v, added %+v", name, i, g, w)
		}
	}
	if !reflect.DeepEqual(got.Rejects, want.Rejects) || !reflect.DeepEqual(got.Issues, want.Issues) || !reflect.DeepEqual(got.Inputs, want.Inputs) {
		t.Errorf("%s: rejects, findings or inputs differ from those of the added answers", name)
	}
}

// csvSays checks every answer of ds to a plain question against the cell
// encoding/csv reads from data (an independent parse), by the row its
// record starts on, and that the shapes are there to check.
func csvSays(t *testing.T, data []byte, ds *scoring.Dataset, plain []bool) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.Comma, cr.FieldsPerRecord = ';', -1
	cells := map[int][]string{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue // the bare quote: rejected by the reader too
		}
		line, _ := cr.FieldPos(0)
		cells[line] = rec
	}
	var lineBreaks, long int
	for _, resp := range ds.Responses {
		rec := cells[resp.Row]
		for q := range resp.Answers.Len() {
			if !plain[q] {
				continue
			}
			cell := field(rec, 2+q)
			if got := resp.Answers.At(q); got != cell {
				t.Fatalf("row %d, question %d: %q, encoding/csv reads %q", resp.Row, q, got, cell)
			}
			if strings.Contains(cell, "\n") {
				lineBreaks++
			}
			if len(cell) > 16 {
				long++
			}
		}
	}
	if lineBreaks == 0 || long == 0 || len(ds.Responses) == 0 {
		t.Errorf("%d answers with a line break, %d longer than sixteen bytes: the shapes were not read", lineBreaks, long)
	}
}

// TestFillerEnds: however the read of a file ends — at its end, at a
// limit, at a read error, at too many malformed rows, at a row too wide — the answer filler and the split reader have ended when Read
// returns (nothing is filled after: -race would see the answers read
// below while written), and the error names the file and the row.
func TestFillerEnds(t *testing.T) {
	header := "id;name;Q01;Q02;Q03\n"
	good := func(from, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "U%d;Einheit;ja;%d,5;\"Post;Web\"\n", from+i, i%100)
		}
		return b.String()
	}
	errRead := errors.New("the disk went away")
	for _, tc := range []struct {
		name string
		in   func() io.Reader
		want string // the error; "": none
	}{
		{"to its end", func() io.Reader { return strings.NewReader(header + good(0, 30000)) }, ""},
		{"over MaxRows", func() io.Reader { return strings.NewReader(header + good(0, MaxRows+1)) },
			fmt.Sprintf("f.csv:%d: over the limit: more than %d rows below the header", MaxRows+2, MaxRows)},
		{"a read error", func() io.Reader {
			return io.MultiReader(strings.NewReader(header+good(0, 30000)), iotestErr{errRead})
		}, "f.csv: the disk went away"},
		{"malformed rows", func() io.Reader {
			return strings.NewReader(header + good(0, 30000) + strings.Repeat("U1;Ein\"heit;ja;1;\n", maxBadRows+1))
		}, fmt.Sprintf("f.csv:%d: bare \" in non-quoted-field (line %d, character 7)", 30000+maxBadRows+2, 30000+maxBadRows+2)},
		{"a row over MaxColumns", func() io.Reader {
			return strings.NewReader(header + good(0, 30000) + "U1;Einheit;ja;1;" + strings.Repeat(";", MaxColumns) + "\n" + good(30000, 10))
		}, fmt.Sprintf("f.csv:%d: over the limit: the row has more than %d fields", 30000+2, MaxColumns)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			yaml, _, _ := fillShapesCSV(1, 3, 1, false)
			m, err := scoring.ParseModel("fill.yaml", []byte(yaml))
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Read(tc.in(), "f.csv", m, Options{Delimiter: ';', IDColumn: "id"})
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
				t.Fatalf("error %v, want %s…", err, tc.want)
			}
			if ds != nil {
				for _, resp := range ds.Responses {
					if resp.Answers.At(0) != "ja" || resp.Answers.At(2) != "Post;Web" {
						t.Fatalf("row %d: %q", resp.Row, resp.Answers.Strings())
					}
				}
			}
			if left := goroutinesOf("survey.(*answerFiller)", "survey.(*splitReader)", "survey.newSplitReader"); left != "" {
				t.Errorf("goroutines left after Read returned:\n%s", left)
			}
		})
	}
}

type iotestErr struct{ err error }

func (r iotestErr) Read([]byte) (int, error) { return 0, r.err }

// goroutinesOf returns the stacks of the goroutines running a function
// named by one of fns, once they have had the chance to end (a goroutine
// that has closed its done channel may still be returning).
func goroutinesOf(fns ...string) string {
	var left []string
	for range 200 {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		left = left[:0]
		for _, g := range strings.Split(string(buf), "\n\n") {
			for _, fn := range fns {
				if strings.Contains(g, fn) {
					left = append(left, g)
					break
				}
			}
		}
		if len(left) == 0 {
			return ""
		}
		time.Sleep(time.Millisecond)
	}
	return strings.Join(left, "\n\n")
}
