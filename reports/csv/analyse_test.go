package csv

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
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
	e, x := m.Question("E").Index, m.Question("X").Index
	ds := &scoring.Dataset{}
	for _, u := range []struct{ id, name, x, e string }{{"1", "=Eins", "4", "2"}, {"2", "Zwei", "9", "3"}, {"3", "Drei", "5", "0"}} {
		ans := make([]string, len(m.Questions))
		ans[x], ans[e] = u.x, u.e
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Answers: ans, Unit: scoring.Unit{ID: scoring.UnitID(u.id), Name: u.name}})
	}
	return scoring.Score(m, ds)
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
	if row := got[2]; row[2] != "Zwei" || row[3] != "1" || row[4] != "1" || row[5] != "1" || row[6] != "1" || row[7] != "2 B" || row[8] != "1" || row[9] != "2 B: 1" || row[10] != "300" || row[11] != "2" {
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
