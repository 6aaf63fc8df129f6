package survey

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// fillModel has a map, a numeric scale under decimal: auto (whose
// answers the decimal check sees) and a multi-select.
const fillModel = `
model:
  name: Füller
  missing:
    codes: {"weiß nicht": unknown}
  levels:
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 50}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    menge: {type: numeric, min: 0, max: 100000, goalposts: [0, 5000]}
    arten: {type: multi, separator: ";", items: [Post, Fax, Web, App]}
  questions:
`

// fillCSV is a file of rows as a generic export writes them, with what
// the reader meets in a real one: numbers that read two ways ("1.234")
// and their column's others, answers not in the scale, rows too short to
// reach the last questions (whose answers the reader gathers itself,
// between the filled ones), empty rows, units answering twice, rows
// without an id.
func fillCSV(rows, questions int, seed uint64) (model string, data []byte) {
	r := rand.New(rand.NewPCG(seed, 7))
	var m strings.Builder
	m.WriteString(fillModel)
	scales := []string{"janein", "menge", "arten"}
	for q := range questions {
		fmt.Fprintf(&m, "    - {id: Q%02d, scale: %s, text: \"Frage %d\"}\n", q+1, scales[q%3], q+1)
	}
	m.WriteString("  dimensions:\n    - id: alles\n      indicators:\n")
	for q := range questions {
		fmt.Fprintf(&m, "        - {id: i%02d, question: Q%02d}\n", q+1, q+1)
	}
	var b bytes.Buffer
	b.WriteString("id;name")
	for q := range questions {
		fmt.Fprintf(&b, ";Q%02d", q+1)
	}
	b.WriteString("\r\n")
	maps := []string{"ja", "nein", "teilweise", "weiß nicht", "jein", ""}
	multis := []string{"Post;Fax", "Web", "", "App;Post;Web", "Fax;Brief"}
	for i := range rows {
		switch r.IntN(50) {
		case 0:
			b.WriteString("\r\n")
			continue
		case 1:
			b.WriteString(";ohne Kennung\r\n")
			continue
		}
		fmt.Fprintf(&b, "U%04d;Einheit %d", r.IntN(rows), i)
		n := questions
		if r.IntN(20) == 0 {
			n = r.IntN(questions)
		}
		for q := range n {
			var v string
			switch q % 3 {
			case 0:
				v = maps[r.IntN(len(maps))]
			case 1:
				switch r.IntN(4) {
				case 0:
					v = fmt.Sprintf("%d.%03d", 1+r.IntN(9), r.IntN(1000)) // reads two ways
				case 1:
					v = fmt.Sprintf("%d,%d", r.IntN(100), r.IntN(10))
				default:
					v = fmt.Sprint(r.IntN(5000))
				}
			default:
				v = multis[r.IntN(len(multis))]
			}
			if strings.Contains(v, ";") {
				v = `"` + v + `"`
			}
			b.WriteString(";" + v)
		}
		b.WriteString("\r\n")
	}
	return m.String(), b.Bytes()
}

// readFilled reads data as Read reads a CSV file, with pieces of size
// bytes, the answers filled by the filler when fill is set, else added by
// the reader itself; it also reports whether a piece was held for the
// filler.
func readFilled(t *testing.T, data []byte, m *scoring.Model, fill bool, size int) (*scoring.Dataset, bool) {
	t.Helper()
	opt := Options{Delimiter: ';', IDColumn: "id"}
	hm := newHeaderMatcher(m, &opt)
	scan := &textScan{r: bytes.NewReader(data)}
	sr := newSplitReader(scan, ';', size)
	ct := &csvTable{read: sr.Read, line: sr.Line, stop: sr.close, reuse: sr.reuseRecords, scan: scan, size: int64(len(data))}
	if fill {
		ct.hold = sr.holdRecords
	}
	defer ct.close()
	ds, err := readTable(ct, hm, "fill.csv")
	if err != nil {
		t.Fatal(err)
	}
	return ds, sr.held != nil
}

// TestFilledAsAdded: a file read with its answers filled on the filler's
// goroutine is the dataset the reader makes adding them itself, to every
// code: the same responses with the same answers under the same codes
// (the book's first-met order), the same rejects and findings in the same
// order, and the same decimal settlements (the filler shows each response
// to the decimal check, the reader the gathered ones, in row order).
func TestFilledAsAdded(t *testing.T) {
	for _, tc := range []struct {
		rows, questions int
		size            int
	}{
		{3000, 30, 4096},
		{3000, 30, 0}, // the pieces a national file is read in
		{400, 7, 300},
	} {
		t.Run(fmt.Sprintf("%d×%d/%d", tc.rows, tc.questions, tc.size), func(t *testing.T) {
			yaml, data := fillCSV(tc.rows, tc.questions, uint64(tc.rows+tc.size))
			m, err := scoring.ParseModel("fill.yaml", []byte(yaml))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := readFilled(t, data, m, false, tc.size)
			got, held := readFilled(t, data, m, true, tc.size)
			if !held {
				t.Fatalf("no piece was held for the filler: the answers were not filled by it")
			}
			if len(got.Responses) != len(want.Responses) || len(want.Responses) < tc.rows/2 {
				t.Fatalf("%d responses filled, %d added (of %d rows)", len(got.Responses), len(want.Responses), tc.rows)
			}
			for i := range want.Responses {
				g, w := got.Responses[i], want.Responses[i]
				for q := range w.Answers.Len() {
					if g.Answers.At(q) != w.Answers.At(q) || g.Answers.Code(q) != w.Answers.Code(q) {
						t.Fatalf("row %d, question %d: filled %q (code %d), added %q (code %d)", w.Row, q, g.Answers.At(q), g.Answers.Code(q), w.Answers.At(q), w.Answers.Code(q))
					}
				}
				g.Answers, w.Answers = scoring.Answers{}, scoring.Answers{}
				g.Source, w.Source = nil, nil
				if !reflect.DeepEqual(g, w) {
					t.Fatalf("response %d: filled %+v, added %+v", i, g, w)
				}
			}
			if !reflect.DeepEqual(got.Rejects, want.Rejects) || len(want.Rejects) == 0 {
				t.Errorf("rejects: filled %d, added %d", len(got.Rejects), len(want.Rejects))
			}
			if !reflect.DeepEqual(got.Issues, want.Issues) || len(want.Issues) == 0 {
				t.Errorf("findings: filled %d, added %d", len(got.Issues), len(want.Issues))
			}
			if !reflect.DeepEqual(got.Inputs, want.Inputs) {
				t.Errorf("inputs: filled %+v, added %+v", got.Inputs, want.Inputs)
			}
			thousands := 0
			for _, c := range want.Inputs[0].Columns {
				thousands += c.Thousands
			}
			if thousands == 0 {
				t.Errorf("no answer was settled as a number with a thousands separator: the decimal check saw nothing")
			}
		})
	}
}

// TestFillerPanicsOnTheReader: a filling that panics (a defect: here the
// answers of another book) is raised again on the reader's goroutine,
// where a caller can recover it, at the next wait and again at close,
// which still ends the filler's goroutine; the jobs after it are passed
// by, not filled.
func TestFillerPanicsOnTheReader(t *testing.T) {
	book, other := scoring.NewAnswerBook(2), scoring.NewAnswerBook(2)
	f := newAnswerFiller(book, nil)
	f.add(book.New(2), []string{"ja", "1"})
	f.add(other.New(2), []string{"nein", "2"})
	after := book.New(2)
	f.add(after, []string{"vielleicht", "3"})
	for _, step := range []struct {
		name string
		do   func()
	}{{"drain", f.drain}, {"close", f.close}} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), "another book") {
					t.Errorf("%s: recovered %v, want the filling's panic", step.name, p)
				}
			}()
			step.do()
		}()
	}
	select {
	case <-f.done:
	default:
		t.Errorf("the filler's goroutine did not end at close")
	}
	if got := after.Strings(); got[0] != "" {
		t.Errorf("a job after the failed one was filled: %q", got)
	}
}
