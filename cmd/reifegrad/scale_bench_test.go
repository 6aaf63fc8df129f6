package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// scaleModel is a model of nq questions of every kind of scale, built
// programmatically (scoring's BenchmarkScore builds the same shape).
func scaleModel(tb testing.TB, nq int) *scoring.Model {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`model:
  name: Benchmark
  missing:
    min_coverage: 0.6
    codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 25}, {level: 3, name: C, min: 50}, {level: 4, name: D, min: 75}]}
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
	scales := []string{"janein", "janein", "zustimmung", "janein", "anzahl", "prozent", "janein", "wege", "zustimmung", "relativ"}
	for q := range nq {
		fmt.Fprintf(&b, "    - {id: Q%03d, scale: %s}\n", q, scales[q%len(scales)])
	}
	b.WriteString("  dimensions:\n")
	per := nq / 8
	for d := range 8 {
		fmt.Fprintf(&b, "    - id: d%d\n      weight: %d\n      indicators:\n", d, 1+d%3)
		end := (d + 1) * per
		if d == 7 {
			end = nq
		}
		for q := d * per; q < end; q++ {
			fmt.Fprintf(&b, "        - {id: i%03d, question: Q%03d, weight: %d}\n", q, q, 1+q%2)
		}
	}
	m, err := scoring.ParseModel("bench.yaml", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// scaleSurvey writes a survey export as German Excel writes CSV (';'): one
// row per municipality of the register, a column per question.
func scaleSurvey(tb testing.TB, m *scoring.Model, reg *survey.Register) []byte {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	hdr := []string{"ags", "gemeinde"}
	for _, q := range m.Questions {
		hdr = append(hdr, string(q.ID))
	}
	w.Write(hdr)
	for _, u := range reg.Units {
		rec := []string{string(u.ID), u.Name}
		for _, q := range m.Questions {
			rec = append(rec, scaleAnswer(r, q.Scale.ID))
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func scaleAnswer(r *rand.Rand, scale string) string {
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

// BenchmarkScoreVsImport imports a survey of all 10,786 municipalities of
// Germany answering 200 questions (checked against the register) and
// scores it, timing both phases in the same run. Besides ns/op (both
// phases) it reports import-ms/op, score-ms/op and score/import, the time
// of scoring as a ratio of the time of importing the same data.
func BenchmarkScoreVsImport(b *testing.B) {
	reg, err := survey.LoadRegister("deutschland")
	if err != nil {
		b.Fatal(err)
	}
	m := scaleModel(b, 200)
	src := scaleSurvey(b, m, reg)
	opt := survey.Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true, Register: reg, NameColumn: "gemeinde"}
	var imp, sc time.Duration
	for b.Loop() {
		t0 := time.Now()
		ds, err := survey.Read(bytes.NewReader(src), "bench.csv", m, opt)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		res := scoring.Score(m, ds)
		t2 := time.Now()
		if len(res.Units) != len(reg.Units) {
			b.Fatalf("%d units scored, want %d (%d rejected)", len(res.Units), len(reg.Units), len(res.Rejects))
		}
		imp += t1.Sub(t0)
		sc += t2.Sub(t1)
	}
	b.ReportMetric(float64(imp.Milliseconds())/float64(b.N), "import-ms/op")
	b.ReportMetric(float64(sc.Milliseconds())/float64(b.N), "score-ms/op")
	b.ReportMetric(sc.Seconds()/imp.Seconds(), "score/import")
}
