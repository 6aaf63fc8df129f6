package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestAnswerBook: a book gives back every answer as added, whatever how
// many distinct answers a question has (its table grows) and however long
// they are: up to three bytes, four to seven, eight to sixteen (found by
// their words alone) and longer, where answers of one length that agree
// in their first and last eight bytes differ in the middle. Set changes
// one answer of one response only.
func TestAnswerBook(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, distinct := range []int{1, 3, 4, 5, 17, 600, 5000} {
		t.Run(fmt.Sprint(distinct), func(t *testing.T) {
			book := scoring.NewAnswerBook(3)
			var raw [][]string
			var got []scoring.Answers
			for range 3 * distinct {
				k := r.IntN(distinct)
				rec := []string{fmt.Sprint(r.IntN(distinct)), "", fmt.Sprintf("x%dy", r.IntN(distinct))}
				switch k % 4 {
				case 1:
					rec[2] = fmt.Sprintf("%08d", k) + "ab"[:k%3] // 8 to 10 bytes
				case 2:
					rec[2] = fmt.Sprintf("Alpha;%06d;Omega", k) // 18 bytes, the same words
				case 3:
					rec[2] = fmt.Sprintf("Alpha;%0*d", 1+k%12, k) // 7 to 17 bytes
				}
				if r.IntN(5) == 0 {
					rec[0] = ""
				}
				raw = append(raw, slices.Clone(rec))
				got = append(got, book.Add(rec))
				rec[2] = "overwritten" // the book holds its own copy
			}
			for i, a := range got {
				if a.Len() != 3 || !slices.Equal(a.Strings(), raw[i]) {
					t.Fatalf("response %d: %q, want %q", i, a.Strings(), raw[i])
				}
			}
			if n := book.Distinct(1); n != 1 {
				t.Errorf("an empty column has %d codes, want 1 (\"\")", n)
			}
			// One code per distinct answer, "" included, however often a
			// question's table grew: an answer not found again after a
			// growth would get a second code.
			for q := range 3 {
				seen := map[string]bool{"": true}
				for _, rec := range raw {
					seen[rec[q]] = true
				}
				if n := book.Distinct(q); n != len(seen) {
					t.Errorf("question %d: %d codes for %d distinct answers", q, n, len(seen))
				}
			}
			before := got[1].Strings()
			got[0].Set(0, "neu")
			if got[0].At(0) != "neu" || !slices.Equal(got[1].Strings(), before) {
				t.Errorf("Set: %q and %q, want neu and %q", got[0].At(0), got[1].Strings(), before)
			}
		})
	}
}

// TestFillRefusesOthers: Fill fills only answers cut by its own book
// (New) for as many questions as it is given; anything else is a
// programming error, and a panic rather than codes of another book.
func TestFillRefusesOthers(t *testing.T) {
	book, other := scoring.NewAnswerBook(3), scoring.NewAnswerBook(3)
	for _, tc := range []struct {
		name string
		a    scoring.Answers
		raw  []string
		ok   bool
	}{
		{"its own", book.New(3), []string{"ja", "", "3"}, true},
		{"fewer questions", book.New(2), []string{"ja", "nein"}, true},
		{"another book's", other.New(3), []string{"ja", "", "3"}, false},
		{"too few answers", book.New(3), []string{"ja"}, false},
		{"too many answers", book.New(2), []string{"ja", "", "3"}, false},
		{"the zero Answers", scoring.Answers{}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if p := recover(); (p == nil) != tc.ok {
					t.Errorf("panic %v, want one: %v", p, !tc.ok)
				}
			}()
			book.Fill(tc.a, tc.raw)
			if !slices.Equal(tc.a.Strings(), tc.raw) {
				t.Errorf("filled %q, want %q", tc.a.Strings(), tc.raw)
			}
		})
	}
}

// TestAnswerBookScoresAsSingle: scoring reads answers of a shared book
// by their codes (remembering what each code read as), and answers of a
// book of their own by their text; both score alike, findings included,
// also when a wave's responses come from two books taking turns. The
// model has every kind of scale, multi-select and plain numbers among
// them, and answers outside the scales.
func TestAnswerBookScoresAsSingle(t *testing.T) {
	const units, questions = 600, 40
	m := benchModel(t, questions)
	r := rand.New(rand.NewPCG(5, 6))
	raw := benchRaw(r, m, units)
	for u := range raw {
		for q := range raw[u] {
			if r.IntN(50) == 0 {
				raw[u][q] = [...]string{"vielleicht", "post;fax", "12,345", " ", "post;;app"}[r.IntN(5)]
			}
		}
	}
	dataset := func(answers func(u int) scoring.Answers) *scoring.Dataset {
		ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026"}}}
		for u := range units {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026",
				Unit:    scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("%05d", u)), District: fmt.Sprintf("K%d", u%7), Population: 1000 + 37*u},
				Answers: answers(u), Source: &scoring.Source{File: "t.csv"}, Row: u + 2})
		}
		return ds
	}
	want := scoring.Score(m, dataset(func(u int) scoring.Answers { return scoring.AnswersOf(raw[u]...) }))
	one := scoring.NewAnswerBook(questions)
	two := []*scoring.AnswerBook{scoring.NewAnswerBook(questions), scoring.NewAnswerBook(questions)}
	for name, answers := range map[string]func(u int) scoring.Answers{
		"one book":  func(u int) scoring.Answers { return one.Add(raw[u]) },
		"two books": func(u int) scoring.Answers { return two[u%2].Add(raw[u]) },
	} {
		got := scoring.Score(m, dataset(answers))
		if err := sameScores(want, got); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(want.Issues) == 0 || !reflect.DeepEqual(got.Issues, want.Issues) {
			t.Errorf("%s: %d findings, want the %d of answers of their own", name, len(got.Issues), len(want.Issues))
		}
	}
}

// BenchmarkAnswerBook interns the answers of 10,786 responses to 200
// questions (benchAnswer's: short codes, numbers of up to a few thousand
// values, multi-select lists), as a file's reader does, and in the same
// run into a Go map per question, the obvious alternative: ns/cell of
// each and their ratio (x-map, below 1 when the book is cheaper).
func BenchmarkAnswerBook(b *testing.B) {
	const units, questions = 10786, 200
	m := benchModel(b, questions)
	r := rand.New(rand.NewPCG(1, 2))
	raw := make([][]string, units)
	for u := range raw {
		raw[u] = make([]string, questions)
		for q := range raw[u] {
			raw[u][q] = benchAnswer(r, m.Questions[q].Scale.ID)
		}
	}
	var book, maps time.Duration
	for b.Loop() {
		t0 := time.Now()
		bk := scoring.NewAnswerBook(questions)
		for _, rec := range raw {
			bk.Add(rec)
		}
		t1 := time.Now()
		tables := make([]map[string]uint32, questions)
		for q := range tables {
			tables[q] = map[string]uint32{"": 0}
		}
		codes := make([]uint32, questions*units)
		for u, rec := range raw {
			for q, s := range rec {
				c, ok := tables[q][s]
				if !ok {
					c = uint32(len(tables[q]))
					tables[q][strings.Clone(s)] = c
				}
				codes[u*questions+q] = c
			}
		}
		book, maps = book+t1.Sub(t0), maps+time.Since(t1)
	}
	cells := float64(b.N * units * questions)
	b.ReportMetric(float64(book.Nanoseconds())/cells, "book-ns/cell")
	b.ReportMetric(float64(maps.Nanoseconds())/cells, "map-ns/cell")
	b.ReportMetric(float64(book)/float64(maps), "x-map")
}

// TestWideCodesScoreAsSingle: a file of more than 65,534 rows can have a
// question with more distinct answers than a code of Answers holds (two
// bytes); the book keeps those codes apart. Every answer comes back as
// added, and the answers score as answers of their own do — scoring
// remembers what a code read as in a slice by code, which must not give
// a code the book keeps apart the reading of code 65,535.
func TestWideCodesScoreAsSingle(t *testing.T) {
	const units = 70000
	m, err := scoring.ParseModel("wide.yaml", []byte(`
model:
  name: Breit
  levels:
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 50}
  scales:
    anzahl: {type: numeric, min: 0, max: 100000, goalposts: [0, 100000]}
    janein: {map: {ja: 1, nein: 0}}
  questions:
    - {id: N, scale: anzahl, text: "Wie viele?"}
    - {id: J, scale: janein, text: "Ja oder nein?"}
  dimensions:
    - id: D
      name: D
      indicators:
        - {id: IN, name: N, questions: [N]}
        - {id: IJ, name: J, questions: [J]}
`))
	if err != nil {
		t.Fatal(err)
	}
	raw := make([][]string, units)
	for u := range raw {
		raw[u] = []string{strconv.Itoa(u * 100000 / units), [...]string{"ja", "nein"}[u%2]}
		if u%5 == 0 {
			raw[u][0] = fmt.Sprintf("Anzahl %d", u) // outside the scale: a finding
		}
	}
	dataset := func(answers func(u int) scoring.Answers) *scoring.Dataset {
		ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026"}}}
		for u := range units {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("%06d", u))},
				Answers: answers(u), Source: &scoring.Source{File: "t.csv"}, Row: u + 2})
		}
		return ds
	}
	book := scoring.NewAnswerBook(2)
	shared := make([]scoring.Answers, units)
	for u := range raw {
		shared[u] = book.Add(raw[u])
	}
	if n := book.Distinct(0); n <= 1<<16 {
		t.Fatalf("%d distinct answers: the test does not reach the wide codes", n)
	}
	for u, a := range shared {
		if a.At(0) != raw[u][0] || a.At(1) != raw[u][1] {
			t.Fatalf("unit %d: %q given back as %q", u, raw[u], a.Strings())
		}
	}
	want := scoring.Score(m, dataset(func(u int) scoring.Answers { return scoring.AnswersOf(raw[u]...) }))
	got := scoring.Score(m, dataset(func(u int) scoring.Answers { return shared[u] }))
	if err := sameScores(want, got); err != nil {
		t.Error(err)
	}
	if len(want.Issues) == 0 || !reflect.DeepEqual(got.Issues, want.Issues) {
		t.Errorf("%d findings, want the %d of answers of their own", len(got.Issues), len(want.Issues))
	}
}
