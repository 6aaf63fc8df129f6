package xlsx_test

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/reports/xlsx"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// germany is a generated answer of every municipality of the deutschland
// register (10,786) to the model of config.yaml, one wave, built once.
var germany = sync.OnceValues(func() (*germanyData, error) {
	reg, err := survey.LoadRegister("deutschland")
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile("../../config.yaml")
	if err != nil {
		return nil, err
	}
	m, err := scoring.ParseModel("config.yaml", src)
	if err != nil {
		return nil, err
	}
	sv := example.Generate(reg.Units, m, example.Spec{Seed: 20261123, Wave: "2026", ResponseRate: 1})
	// The generated rows, as the importer would hand them over: answers
	// by question, the unit joined from the register.
	col := make([]int, len(m.Questions))
	for i, h := range sv.Header {
		if q := m.Question(scoring.QuestionID(h)); q != nil {
			col[q.Index] = i
		}
	}
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026", Label: "2026"}}}
	source := &scoring.Source{File: "umfrage_2026.csv", Columns: make([]int, len(m.Questions))}
	book := scoring.NewAnswerBook(len(m.Questions)) // one for every response, as the importer's
	for i, row := range sv.Rows {
		u, _ := reg.Lookup(scoring.UnitID(row[0]))
		answers := make([]string, len(m.Questions))
		for q, c := range col {
			answers[q] = row[c]
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Unit: u, Answers: book.Add(answers), Source: source, Row: i + 2})
	}
	return &germanyData{m: m, ds: ds}, nil
})

type germanyData struct {
	m  *scoring.Model
	ds *scoring.Dataset
}

// countingWriter counts what is written and drops it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

// BenchmarkWorkbookVsScore measures, in the same run, scoring every
// municipality of Germany (10,786 units, config.yaml's 39 questions) and
// writing their reifegrad.xlsx into memory, and reports write/score. The
// Indikatoren sheet is most of the work: 10,786 × 39 rows.
//
//	go test ./reports -run '^$' -bench WorkbookVsScore -benchtime 3x
func BenchmarkWorkbookVsScore(b *testing.B) {
	d, err := germany()
	if err != nil {
		b.Fatal(err)
	}
	if n := len(d.ds.Responses); n != 10786 {
		b.Fatalf("%d responses, want 10786", n)
	}
	var score, write time.Duration
	var w countingWriter
	for b.Loop() {
		t0 := time.Now()
		r := scoring.Score(d.m, d.ds)
		t1 := time.Now()
		w = countingWriter{}
		if err := xlsx.WriteWorkbook(&w, r, xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
		score += t1.Sub(t0)
		write += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(score.Microseconds())/1000/n, "score-ms/op")
	b.ReportMetric(float64(write.Microseconds())/1000/n, "xlsx-ms/op")
	b.ReportMetric(float64(write)/float64(score), "xlsx/score")
	b.ReportMetric(float64(w.n), "xlsx-B")
}
