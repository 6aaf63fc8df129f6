package csv

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// quotaModel divides X by the context question E per 10 and imputes the
// wave's mean; three units, one with a denominator of 0.
const quotaModel = `model:
  name: Quote
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  treatment: {impute: mean}
  scales:
    zahl: {type: numeric, normalise: minmax}
  questions:
    - {id: E, scale: zahl, context: true}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl, denominator: {by: E, per: 10}}
`

func quotaResults(t *testing.T) *scoring.Results {
	t.Helper()
	m, err := scoring.ParseModel("q.yaml", []byte(quotaModel))
	if err != nil {
		t.Fatal(err)
	}
	// Three units: the third's number is imputed from the other two only
	// where report.min_group_size lets a mean of two be used.
	m.MinGroupSize = 1
	e, x := m.Question("E").Index, m.Question("X").Index
	ds := &scoring.Dataset{}
	for _, u := range []struct{ id, name, x, e string }{{"1", "=Eins", "4", "2"}, {"2", "Zwei", "9", "3"}, {"3", "Drei", "5", "0"}} {
		ans := make([]string, len(m.Questions))
		ans[x], ans[e] = u.x, u.e
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Answers: scoring.AnswersOf(ans...), Unit: scoring.Unit{ID: scoring.UnitID(u.id), Name: u.name}})
	}
	return scoring.Score(m, ds)
}

// indicatorRow is one line of indicators.csv: one unit's number of one
// numeric question at every stage of the treatment. Its columns are a
// stable interface; WriteIndicators writes exactly what gocsv
// writes for it (gocsvIndicators).
type indicatorRow struct {
	Wave        string `csv:"wave"`
	ID          string `csv:"ags"`
	Name        string `csv:"name"`
	Question    string `csv:"question"`
	Indicators  string `csv:"indicator"`
	Raw         string `csv:"raw"`
	Denominator string `csv:"denominator"`
	Denominated string `csv:"denominated"`
	Imputed     string `csv:"imputed"`
	Treated     string `csv:"treated"`
	Normalised  string `csv:"normalised"`
	Flags       string `csv:"flags"`
}

// gocsvIndicators writes indicators.csv through gocsv, a struct per row
// in batches: how WriteIndicators wrote it before it put its rows
// together itself, and the reference it is held to.
func gocsvIndicators(w io.Writer, r *scoring.Results) error {
	m := r.Model
	readers := make([][]string, len(m.Questions))
	for _, n := range m.Nodes {
		for _, q := range n.Questions {
			readers[q] = append(readers[q], string(n.ID))
		}
	}
	var rows []indicatorRow
	for wi := range r.Waves {
		units := r.WaveUnits(wi)
		for qi, q := range m.Questions {
			tq := r.Treated(wi, qi)
			if tq == nil || len(readers[qi]) == 0 {
				continue
			}
			for i, v := range tq.Values {
				u := &units[i]
				row := indicatorRow{Wave: InertText(string(u.Wave)), ID: InertText(string(u.Unit.ID)), Name: InertText(u.Unit.Name),
					Question: InertText(string(q.ID)), Indicators: InertText(strings.Join(readers[qi], ";")), Flags: v.Flags.String()}
				if v.Flags&scoring.TreatAnswered != 0 {
					row.Raw = number(v.Raw)
				}
				if v.Flags&scoring.TreatDenominated != 0 {
					row.Denominator, row.Denominated = number(v.Denominator), number(v.Denominated)
				}
				if v.Has {
					row.Imputed, row.Treated, row.Normalised = number(v.Imputed), number(v.Treated), number(v.Normalised)
				}
				rows = append(rows, row)
			}
		}
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}

// TestWriteIndicatorsAsGocsv: WriteIndicators writes byte for byte what
// gocsv writes for the same rows — with formula payloads, quotes, commas
// and line breaks in names, units that answered nothing (no flags),
// denominators of 0, imputed numbers, and no units at all.
func TestWriteIndicatorsAsGocsv(t *testing.T) {
	m, ds := quirkySaxony(t)
	cases := map[string]*scoring.Results{
		"saxony": scoring.Score(m, ds),
		"sheet":  fixture.Sheet(t),
		"quota":  quotaResults(t),
		"empty":  scoring.Score(m, &scoring.Dataset{}),
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := WriteIndicators(&got, r); err != nil {
				t.Fatal(err)
			}
			if err := gocsvIndicators(&want, r); err != nil {
				t.Fatal(err)
			}
			sameBytes(t, got.String(), want.String())
		})
	}
}

func readAll(t *testing.T, b *bytes.Buffer) [][]string {
	t.Helper()
	recs, err := csv.NewReader(b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestWriteIndicators: 4/2·10 = 20 and 9/3·10 = 30; the third unit's
// denominator is 0, so its number is missing and imputed as the mean 25;
// min–max over 20, 30, 25 gives 0, 100, 50. E is read by no indicator and
// has no rows. Names are formula-safe.
func TestWriteIndicators(t *testing.T) {
	var b bytes.Buffer
	if err := WriteIndicators(&b, quotaResults(t)); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"wave", "ags", "name", "question", "indicator", "raw", "denominator", "denominated", "imputed", "treated", "normalised", "flags"},
		{"2026", "1", "'=Eins", "X", "i", "4", "2", "20", "20", "20", "0", "answered+denominated"},
		{"2026", "2", "Zwei", "X", "i", "9", "3", "30", "30", "30", "100", "answered+denominated"},
		{"2026", "3", "Drei", "X", "i", "5", "", "", "25", "25", "50", "answered+division_by_zero+imputed"},
	}
	if got := readAll(t, &b); !equalRecords(got, want) {
		t.Errorf("indicators.csv:\n got %q\nwant %q", got, want)
	}
}

// TestWriteRobustness: level edges ±20 around 50 on units at 0, 50 and
// 100: the first and last always keep their level and rank; the middle
// one is B while the edge stays at or below 50, half of the variants.
func TestWriteRobustness(t *testing.T) {
	r := quotaResults(t)
	var b bytes.Buffer
	if err := WriteRobustness(&b, r, 0, nil); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, &b); len(got) != 1 || got[0][3] != "rank" {
		t.Errorf("without an analysis: %q", got)
	}
	rob, err := analyse.Robust(context.Background(), r, 0, analyse.Options{Draws: 300, Seed: 2,
		Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 20}}}, scoring.NewDisclosure(r, 1))
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := WriteRobustness(&b, r, 0, rob); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, &b)
	if len(got) != 4 {
		t.Fatalf("rows %q", got)
	}
	if got[0][12] != "ranked_share" {
		t.Errorf("header %q: the last column is not ranked_share", got[0])
	}
	// The level edges change no score: every unit is ranked in every variant.
	if row := got[2]; row[2] != "Zwei" || row[3] != "1" || row[4] != "1" || row[5] != "1" || row[6] != "1" || row[7] != "2 B" || row[8] != "1" || row[9] != "2 B: 1" || row[10] != "300" || row[11] != "2" || row[12] != "1" {
		t.Errorf("unit at 100: %q", row)
	}
	if row := got[3]; row[7] != "2 B" || !strings.HasPrefix(row[9], "1 A: 0.") || !strings.Contains(row[9], "; 2 B: 0.") {
		t.Errorf("unit at 50: %q", row)
	}
	if got[1][1] != "1" || got[1][2] != "'=Eins" {
		t.Errorf("name not formula-safe: %q", got[1])
	}
}

func equalRecords(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

// TestIndicatorsSayWhyNoNumber: a unit without a number as answered says
// why in flags — not answered (an empty cell, the blank code "-9"), "weiß
// nicht", outside the scale, not applicable. The first three had no flag
// and every cell empty, so a not answered question read like "weiß nicht".
// Goalposts 0–10: 5 is 50; nothing is imputed.
func TestIndicatorsSayWhyNoNumber(t *testing.T) {
	const src = `model:
  name: Warum
  levels: {bands: [{level: 1, name: A, min: 0}]}
  missing: {codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}}
  scales:
    zahl: {type: numeric, min: 0, goalposts: [0, 10]}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl}
`
	m, err := scoring.ParseModel("w.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for i, a := range []string{"5", "", "-9", "weiß nicht", "nicht zutreffend", "-3"} {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(a),
			Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + i)), Name: a}})
	}
	var b bytes.Buffer
	if err := WriteIndicators(&b, scoring.Score(m, ds)); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"wave", "ags", "name", "question", "indicator", "raw", "denominator", "denominated", "imputed", "treated", "normalised", "flags"},
		{"1", "a", "5", "X", "i", "5", "", "", "5", "5", "50", "answered"},
		{"1", "b", "", "X", "i", "", "", "", "", "", "", "blank"},
		{"1", "c", "-9", "X", "i", "", "", "", "", "", "", "blank"},
		{"1", "d", "weiß nicht", "X", "i", "", "", "", "", "", "", "unknown"},
		{"1", "e", "nicht zutreffend", "X", "i", "", "", "", "", "", "", "not_applicable"},
		{"1", "f", "-3", "X", "i", "", "", "", "", "", "", "invalid"},
	}
	if got := readAll(t, &b); !equalRecords(got, want) {
		t.Errorf("indicators.csv:\n got %q\nwant %q", got, want)
	}
}
