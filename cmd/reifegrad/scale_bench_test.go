package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/bench/floor"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// BenchmarkScoreVsImport reads a survey of all 10,786 municipalities of
// Germany answering a generated model of 200 questions (the data of
// bench/run: 'reifegrad example --register deutschland --questions 200'),
// checked against the register, and scores it; in the same loop it times a
// bare encoding/csv pass over the same bytes. Besides ns/op it reports the
// time of each phase and the ratios the issues set targets for:
// (import+score)/floor ≤ 3 and score/import.
func BenchmarkScoreVsImport(b *testing.B) {
	reg, err := survey.LoadRegister("deutschland")
	if err != nil {
		b.Fatal(err)
	}
	m, err := scoring.ParseModel("synthetic.yaml", []byte(example.SyntheticModel(200, "deutschland")))
	if err != nil {
		b.Fatal(err)
	}
	var src bytes.Buffer
	if err := example.Generate(reg.Units, m, example.Spec{Seed: 1, Wave: "2026", ResponseRate: 1}).WriteCSV(&src); err != nil {
		b.Fatal(err)
	}
	opt := survey.Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true, Register: reg}
	var base, imp, sc time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := floor.CSV(bytes.NewReader(src.Bytes())); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		ds, err := survey.Read(bytes.NewReader(src.Bytes()), "bench.csv", m, opt)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		res := scoring.Score(m, ds)
		t3 := time.Now()
		if len(res.Units) != len(reg.Units) {
			b.Fatalf("%d units scored, want %d (%d rejected)", len(res.Units), len(reg.Units), len(res.Rejects))
		}
		base += t1.Sub(t0)
		imp += t2.Sub(t1)
		sc += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(base.Seconds()*1000/n, "floor-ms/op")
	b.ReportMetric(imp.Seconds()*1000/n, "import-ms/op")
	b.ReportMetric(sc.Seconds()*1000/n, "score-ms/op")
	b.ReportMetric((imp+sc).Seconds()/base.Seconds(), "(import+score)/floor")
	b.ReportMetric(sc.Seconds()/imp.Seconds(), "score/import")
}
