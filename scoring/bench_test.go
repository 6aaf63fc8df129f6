package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/cputime"
	"github.com/reifegrad/reifegrad/scoring"
)

// benchModel builds a model of nq questions programmatically: eight
// dimensions (one nested), every kind of scale, missing codes, min
// coverage, two peer groups.
func benchModel(tb testing.TB, nq int) *scoring.Model {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`model:
  name: Benchmark
  missing:
    min_coverage: 0.6
    codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    bands:
      - {level: 1, name: A, min: 0}
      - {level: 2, name: B, min: 25}
      - {level: 3, name: C, min: 50}
      - {level: 4, name: D, min: 75}
  peer_groups:
    - {id: kreis, name: Kreis, attribute: district}
    - {id: gk, name: Größenklasse, attribute: size_class}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    zustimmung: {map: {trifft voll zu: 1, trifft eher zu: 0.75, teils/teils: 0.5, trifft eher nicht zu: 0.25, trifft nicht zu: 0}}
    anzahl: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.25}, {max: 49, points: 0.75}, {points: 1}]}
    prozent: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    relativ: {type: numeric, min: 0, normalise: minmax}
    wege: {type: multi, items: [post, online, app, telefon]}
  questions:
`)
	for q := range nq {
		fmt.Fprintf(&b, "    - {id: Q%03d, scale: %s}\n", q, benchScales[q%len(benchScales)])
	}
	b.WriteString("  dimensions:\n")
	per := nq / 8
	for d := range 8 {
		fmt.Fprintf(&b, "    - id: d%d\n      weight: %d\n", d, 1+d%3)
		if d == 0 {
			// One dimension nests a sub-dimension with a geometric mean.
			fmt.Fprintf(&b, "      dimensions:\n        - id: d0s\n          aggregation: geometric\n          indicators:\n")
			for q := 0; q < per/2; q++ {
				fmt.Fprintf(&b, "            - {id: i%03d, question: Q%03d}\n", q, q)
			}
		}
		b.WriteString("      indicators:\n")
		start := d * per
		if d == 0 {
			start += per / 2
		}
		end := (d + 1) * per
		if d == 7 {
			end = nq
		}
		for q := start; q < end; q++ {
			fmt.Fprintf(&b, "        - {id: i%03d, question: Q%03d, weight: %d}\n", q, q, 1+q%2)
		}
	}
	m, err := scoring.ParseModel("bench.yaml", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

var benchScales = []string{"janein", "janein", "zustimmung", "janein", "anzahl", "prozent", "janein", "wege", "zustimmung", "relativ"}

// benchAnswer draws a raw answer for a scale, about 5 % of them missing.
func benchAnswer(r *rand.Rand, scale string) string {
	switch r.IntN(40) {
	case 0:
		return ""
	case 1:
		return "weiß nicht"
	}
	switch scale {
	case "janein":
		return [...]string{"ja", "teilweise", "nein", "Ja"}[r.IntN(4)]
	case "zustimmung":
		return [...]string{"trifft voll zu", "trifft eher zu", "teils/teils", "trifft eher nicht zu", "trifft nicht zu"}[r.IntN(5)]
	case "anzahl":
		return fmt.Sprint(r.IntN(80))
	case "prozent":
		return fmt.Sprintf("%d,%d", r.IntN(100), r.IntN(10))
	case "relativ":
		return fmt.Sprint(r.IntN(5000))
	case "wege":
		return [...]string{"post", "post;online", "online;app;telefon", "app"}[r.IntN(4)]
	}
	return ""
}

// benchRaw draws the raw answers of units units to every question of m
// (benchAnswer).
func benchRaw(r *rand.Rand, m *scoring.Model, units int) [][]string {
	raw := make([][]string, units)
	for u := range raw {
		raw[u] = make([]string, len(m.Questions))
		for q := range raw[u] {
			raw[u][q] = benchAnswer(r, m.Questions[q].Scale.ID)
		}
	}
	return raw
}

// BenchmarkScore scores 10,786 units (as many as Germany has
// municipalities) on a model of 200 questions. Compare it with the import
// of the same data: BenchmarkScoreVsImport in cmd/reifegrad measures both
// in one run. "book" holds the answers as a file's reader does, in one
// AnswerBook, which scoring reads by code; "own" gives each response a
// book of its own (AnswersOf), read by text: their ratio is what reading
// by code saves.
func BenchmarkScore(b *testing.B) {
	const units, questions = 10786, 200
	m := benchModel(b, questions)
	r := rand.New(rand.NewPCG(1, 2))
	raw := benchRaw(r, m, units)
	book := scoring.NewAnswerBook(questions)
	for _, bb := range []struct {
		name    string
		answers func(u int) scoring.Answers
	}{
		{"book", func(u int) scoring.Answers { return book.Add(raw[u]) }},
		{"own", func(u int) scoring.Answers { return scoring.AnswersOf(raw[u]...) }},
	} {
		r := rand.New(rand.NewPCG(3, 4))
		ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026"}}}
		for u := range units {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026",
				Unit:    scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("%08d", u)), District: fmt.Sprintf("K%03d", u%401), Population: 500 + r.IntN(200000)},
				Answers: bb.answers(u), Row: u + 2})
		}
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu, _ := cputime.Used()
			for b.Loop() {
				res := scoring.Score(m, ds)
				if len(res.Units) != units {
					b.Fatalf("%d results, want %d", len(res.Units), units)
				}
			}
			end, _ := cputime.Used()
			b.ReportMetric(float64((end-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
