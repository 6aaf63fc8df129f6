package survey

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/bench/floor"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
)

// benchSurvey is a generated wave for every municipality of Germany
// (10,786 rows) answering a generated model of 200 questions, built once.
var benchSurvey = sync.OnceValues(func() (*benchData, error) {
	m, err := scoring.ParseModel("synthetic.yaml", []byte(example.SyntheticModel(200, "deutschland")))
	if err != nil {
		return nil, err
	}
	reg, err := LoadRegister("deutschland")
	if err != nil {
		return nil, err
	}
	s := example.Generate(reg.Units, m, example.Spec{Seed: 1, Wave: "2026", ResponseRate: 1})
	d := &benchData{m: m, reg: reg, rows: len(s.Rows)}
	var buf bytes.Buffer
	if err := s.WriteCSV(&buf); err != nil {
		return nil, err
	}
	d.csv = buf.Bytes()
	return d, nil
})

type benchData struct {
	m    *scoring.Model
	reg  *Register
	rows int
	csv  []byte
	xlsx []byte
}

func mustBench(b *testing.B) *benchData {
	b.Helper()
	d, err := benchSurvey()
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkReadCSV reads a 10,786-row × 200-question CSV with Read and,
// in the same loop, with a bare encoding/csv pass over the same bytes. The
// metric x-bare is the ratio of their times (target: at most 3).
func BenchmarkReadCSV(b *testing.B) {
	d := mustBench(b)
	benchRead(b, d, d.csv, "bench.csv", func(data []byte) (int, error) { return floor.CSV(bytes.NewReader(data)) })
}

// BenchmarkReadXLSX reads the same survey as a workbook with Read and, in
// the same loop, opens it and walks excelize's bare Rows iterator (raw
// cell values). The metric x-bare is the ratio of their times.
func BenchmarkReadXLSX(b *testing.B) {
	d := mustBench(b)
	if d.xlsx == nil {
		s := example.Generate(d.reg.Units, d.m, example.Spec{Seed: 1, Wave: "2026", ResponseRate: 1})
		var buf bytes.Buffer
		if err := s.WriteXLSX(&buf); err != nil {
			b.Fatal(err)
		}
		d.xlsx = buf.Bytes()
	}
	benchRead(b, d, d.xlsx, "bench.xlsx", bareXLSX)
}

// benchRead times Read of data and, in the same loop, the bare pass over
// it, and reports both and their ratio x-bare.
func benchRead(b *testing.B, d *benchData, data []byte, name string, bare func([]byte) (int, error)) {
	opt := Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true, Register: d.reg}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var tBare, tImp time.Duration
	for range b.N {
		t0 := time.Now()
		n, err := bare(data)
		if err != nil || n != d.rows+1 {
			b.Fatalf("bare pass: %d records, %v", n, err)
		}
		t1 := time.Now()
		ds, err := Read(bytes.NewReader(data), name, d.m, opt)
		if err != nil || len(ds.Responses) != d.rows {
			b.Fatalf("import: %v", err)
		}
		tImp += time.Since(t1)
		tBare += t1.Sub(t0)
	}
	b.ReportMetric(float64(tImp.Nanoseconds())/float64(b.N), "import-ns/op")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(float64(tImp)/float64(tBare), "x-bare")
}

func bareXLSX(data []byte) (int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), OpenOptions())
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Error()
}
