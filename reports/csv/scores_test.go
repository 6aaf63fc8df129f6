package csv

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// scoreRow is one line of scores.csv, the tidy long format: one row per
// unit × (overall | dimension | indicator). Its columns are a stable
// interface for R and pandas users; WriteScores writes exactly what gocsv
// writes for it (gocsvScores).
type scoreRow struct {
	Wave     string `csv:"wave"`
	ID       string `csv:"ags"`
	Name     string `csv:"name"`
	Kind     string `csv:"kind"`
	NodeID   string `csv:"id"`
	Label    string `csv:"label"`
	Score    string `csv:"score"`
	Coverage string `csv:"coverage"`
	Level    string `csv:"level"`
}

// gocsvScores writes scores.csv through gocsv, a struct per row in
// batches: how WriteScores wrote it before it put rows together itself.
func gocsvScores(w io.Writer, r *scoring.Results) error {
	m := r.Model
	cw := gocsv.NewSafeCSVWriter(csv.NewWriter(w))
	const batch = 4096
	rows := make([]scoreRow, 0, min(batch, len(r.Units)*len(m.Nodes)))
	header := true
	flush := func() error {
		var err error
		if header {
			err = gocsv.MarshalCSV(rows, cw)
		} else {
			err = gocsv.MarshalCSVWithoutHeaders(rows, cw)
		}
		header, rows = false, rows[:0]
		return err
	}
	for i := range r.Units {
		u := &r.Units[i]
		for ni, n := range m.Nodes {
			s := u.Nodes.At(ni)
			row := scoreRow{Wave: InertText(string(u.Wave)), ID: InertText(string(u.Unit.ID)), Name: InertText(u.Unit.Name),
				Kind: n.Kind.String(), NodeID: InertText(string(n.ID)), Label: InertText(n.Name),
				Coverage: strconv.FormatFloat(s.Coverage, 'g', -1, 64)}
			if s.State == scoring.NotApplies {
				row.Coverage = ""
			}
			if s.Scored() {
				row.Score = strconv.FormatFloat(s.Score, 'g', -1, 64)
			}
			if ni == 0 && u.Level > 0 {
				row.Level = InertText(m.Levels.ByOrdinal(u.Level).Name)
			}
			rows = append(rows, row)
			if len(rows) == batch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if len(rows) > 0 || header {
		return flush()
	}
	return nil
}

// TestWriteScoresAsGocsv: WriteScores writes byte for byte what gocsv
// writes for the same rows — with formula payloads, quotes, commas and
// line breaks in names and labels, units without a score or level, and
// no units at all.
func TestWriteScoresAsGocsv(t *testing.T) {
	m, ds := quirkySaxony(t)
	cases := map[string]*scoring.Results{
		"saxony": scoring.Score(m, ds),
		"sheet":  fixture.Sheet(t),
		"empty":  scoring.Score(m, &scoring.Dataset{}),
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := WriteScores(&got, r); err != nil {
				t.Fatal(err)
			}
			if err := gocsvScores(&want, r); err != nil {
				t.Fatal(err)
			}
			sameBytes(t, got.String(), want.String())
		})
	}
}

// quirkyTexts are names and texts a writer must quote or make inert.
var quirkyTexts = []string{`Quote "x", y`, "two\nlines", " leading space", `\.`, "=1+1", "Grün;Weiß\r\n"}

// quirkySaxony is the Saxony fixture with quirkyTexts as the first units'
// names and a unit that answered nothing after them.
func quirkySaxony(t *testing.T) (*scoring.Model, *scoring.Dataset) {
	t.Helper()
	m, ds := fixture.Saxony(t)
	for i, name := range quirkyTexts {
		ds.Responses[i].Unit.Name = name
	}
	ds.Responses[len(quirkyTexts)].Answers = scoring.AnswersOf(make([]string, len(m.Questions))...) // nothing answered
	return m, ds
}

// sameBytes fails the test where got, written by one of our writers,
// differs from want, gocsv's bytes, and shows where.
func sameBytes(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("differs from gocsv at byte %d of %d:\n got …%q\nwant …%q", i, len(want), got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
}

// national scores 10,786 units (every municipality of Germany) on a
// generated model of 200 questions, as bench/run does, once.
var national = sync.OnceValues(func() (*scoring.Results, error) {
	reg, err := survey.LoadRegister("deutschland")
	if err != nil {
		return nil, err
	}
	m, err := scoring.ParseModel("synthetic.yaml", []byte(example.SyntheticModel(200, "deutschland")))
	if err != nil {
		return nil, err
	}
	var src bytes.Buffer
	if err := example.Generate(reg.Units, m, example.Spec{Seed: 1, Wave: "2026", ResponseRate: 1}).WriteCSV(&src); err != nil {
		return nil, err
	}
	ds, err := survey.Read(&src, "umfrage_2026.csv", m, survey.Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true, Register: reg})
	if err != nil {
		return nil, err
	}
	return scoring.Score(m, ds), nil
})

// BenchmarkWriteScores writes the national scores.csv (2.2 million rows,
// about 130 MB) into a file three ways in one loop: with WriteScores,
// through gocsv as a struct per row (gocsvScores), and as the bare bytes
// — the finished file written in 256 KiB pieces, the least writing it
// costs. It reports each and the ratios to the bare bytes.
func BenchmarkWriteScores(b *testing.B) {
	r, err := national()
	if err != nil {
		b.Fatal(err)
	}
	var file bytes.Buffer
	if err := WriteScores(&file, r); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(file.Len()))
	dir := b.TempDir()
	write := func(name string, fn func(io.Writer) error) time.Duration {
		t0 := time.Now()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		if err := fn(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	var tOurs, tGocsv, tBytes time.Duration
	for b.Loop() {
		tBytes += write("bytes.csv", func(w io.Writer) error {
			for p := file.Bytes(); len(p) > 0; p = p[min(len(p), 256<<10):] {
				if _, err := w.Write(p[:min(len(p), 256<<10)]); err != nil {
					return err
				}
			}
			return nil
		})
		tOurs += write("scores.csv", func(w io.Writer) error { return WriteScores(w, r) })
		tGocsv += write("gocsv.csv", func(w io.Writer) error { return gocsvScores(w, r) })
	}
	n := float64(b.N)
	b.ReportMetric(tOurs.Seconds()*1000/n, "scores-ms/op")
	b.ReportMetric(tGocsv.Seconds()*1000/n, "gocsv-ms/op")
	b.ReportMetric(tBytes.Seconds()*1000/n, "bytes-ms/op")
	b.ReportMetric(float64(tOurs)/float64(tBytes), "scores/bytes")
	b.ReportMetric(float64(tGocsv)/float64(tBytes), "gocsv/bytes")
}

// TestScoresCoverage: coverage tells a node nothing of which applied
// (empty) from one nothing of which was answered (0): both have no score,
// and "0" for the first read as "not answered" (the example's 1,184 rows
// of Kfz-Zulassung, an office most municipalities do not run).
func TestScoresCoverage(t *testing.T) {
	const model = `model:
  name: C
  missing: {codes: {nz: not_applicable}}
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - id: d
      indicators:
        - {id: a, question: A, scale: jn}
        - {id: b, question: B, scale: jn}
        - {id: c, question: C, scale: jn}
`
	m, err := scoring.ParseModel("c.yaml", []byte(model))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{Responses: []scoring.Response{{Wave: "2026", Unit: scoring.Unit{ID: "1", Name: "Eins"}, Answers: scoring.AnswersOf("ja", "nz", "")}}}
	var b bytes.Buffer
	if err := WriteScores(&b, scoring.Score(m, ds)); err != nil {
		t.Fatal(err)
	}
	rows := readAll(t, &b)
	got := map[string][2]string{} // id: score, coverage
	for _, row := range rows[1:] {
		got[row[4]] = [2]string{row[6], row[7]}
	}
	// Two of three apply, one of them answered: coverage ½ (hand).
	want := map[string][2]string{"overall": {"100", "0.5"}, "d": {"100", "0.5"}, "a": {"100", "1"}, "b": {"", ""}, "c": {"", "0"}}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: score, coverage %q, want %q", id, got[id], w)
		}
	}
}
