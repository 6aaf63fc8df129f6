package scoring_test

// The JRC's COINr, run on its ASEM example, publishes every stage of its
// pipeline (../shared/reference/coinr, not committed: COINr 1.1.14's
// ASEM_COIN, built by COINr 0.6's build_ASEM). example/coinr/config.yaml
// configures the same index; from COINr's raw data it must reproduce
// every table: denominated, imputed, treated (with what was winsorised),
// normalised, and the 11 aggregates of all 51 countries.

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// coinrTolerance is the bar: every number within 1e-6, absolutely and,
// for the small numbers of the first stages (flights per head are about
// 1e-3), relatively. COINr's published stages were computed from its
// input rounded to 10 significant digits, so they differ from ours
// (computed from the full-precision raw data) by about 1e-8.
const coinrTolerance = 1e-6

func TestCOINrASEM(t *testing.T) {
	dir := needReference(t, "coinr")
	src, err := os.ReadFile("../example/coinr/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := scoring.ParseModel("config.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	ds := asemDataset(t, m, filepath.Join(dir, "ASEM_iData.csv"))
	if err := m.CheckData(ds); err != nil {
		t.Fatalf("CheckData: %v", err)
	}
	r := scoring.Score(m, ds)
	if got := len(r.WaveUnits(0)); got != 51 {
		t.Fatalf("units: got %d, want 51", got)
	}
	exp := filepath.Join(dir, "expected_ASEM_COIN")
	stages := []struct {
		file  string
		value func(v scoring.TreatedValue) (float64, bool)
	}{
		{"Denominated.csv", func(v scoring.TreatedValue) (float64, bool) {
			return v.Denominated, v.Flags&scoring.TreatAnswered != 0 && v.Flags&scoring.TreatDivisionByZero == 0
		}},
		{"Imputed.csv", func(v scoring.TreatedValue) (float64, bool) { return v.Imputed, v.Has }},
		{"Treated.csv", func(v scoring.TreatedValue) (float64, bool) { return v.Treated, v.Has }},
		{"Normalised.csv", func(v scoring.TreatedValue) (float64, bool) { return v.Normalised, v.Has }},
	}
	for _, st := range stages {
		t.Run(st.file, func(t *testing.T) {
			n := 0
			forTable(t, filepath.Join(exp, st.file), func(unit, col, cell string) {
				q := m.Question(scoring.QuestionID(col))
				if q == nil {
					return // a unit or group column
				}
				v := treatedValue(t, r, q, unit)
				got, ok := st.value(v)
				compareCell(t, unit, col, cell, got, ok)
				n++
			})
			if n != 51*49 {
				t.Errorf("compared %d cells, want %d", n, 51*49)
			}
		})
	}
	t.Run("Aggregated.csv", func(t *testing.T) {
		n := 0
		forTable(t, filepath.Join(exp, "Aggregated.csv"), func(unit, col, cell string) {
			id := scoring.NodeID(col)
			if col == "Index" {
				id = "overall"
			}
			node := m.Node(id)
			if node == nil || node.Kind == scoring.KindIndicator {
				return
			}
			s := unitResult(t, r, unit).Nodes.At(node.Index)
			compareCell(t, unit, col, cell, s.Score, s.Scored())
			n++
		})
		if n != 51*11 {
			t.Errorf("compared %d aggregates, want %d", n, 51*11)
		}
	})
	t.Run("Analysis_Treated_TreatFlags.csv", func(t *testing.T) {
		forTable(t, filepath.Join(exp, "Analysis_Treated_TreatFlags.csv"), func(unit, col, cell string) {
			q := m.Question(scoring.QuestionID(col))
			if q == nil {
				return
			}
			f := treatedValue(t, r, q, unit).Flags
			got := "No"
			switch {
			case f&scoring.TreatWinsorisedHigh != 0:
				got = "WHigh"
			case f&scoring.TreatWinsorisedLow != 0:
				got = "WLow"
			}
			if got != cell {
				t.Errorf("%s %s: got %s, want %s", unit, col, got, cell)
			}
		})
	})
	t.Run("Analysis_Treated_TreatSummary.csv", func(t *testing.T) {
		recs := readCSV(t, filepath.Join(exp, "Analysis_Treated_TreatSummary.csv"))
		for _, rec := range recs[1:] {
			q := m.Question(scoring.QuestionID(rec[0]))
			tq := r.Treated(0, q.Index)
			if got := []string{strconv.Itoa(tq.WinsorisedLow), strconv.Itoa(tq.WinsorisedHigh)}; !slices.Equal(got, rec[1:3]) || tq.Log {
				t.Errorf("%s: winsorised low, high: got %v (log %v), want %v", rec[0], got, tq.Log, rec[1:3])
			}
		}
	})
}

// asemDataset reads COINr's ASEM_iData: one row per country, uCode and
// uName, the group columns as attributes, the rest by question id.
func asemDataset(t *testing.T, m *scoring.Model, file string) *scoring.Dataset {
	t.Helper()
	recs := readCSV(t, file)
	hdr := recs[0]
	col := func(name string) int {
		i := slices.Index(hdr, name)
		if i < 0 {
			t.Fatalf("%s: no column %q", file, name)
		}
		return i
	}
	id, name, group := col("uCode"), col("uName"), col("EurAsia_group")
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2018"}}}
	for _, rec := range recs[1:] {
		answers := make([]string, len(m.Questions))
		for qi, q := range m.Questions {
			answers[qi] = rec[col(string(q.ID))]
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2018", Answers: scoring.AnswersOf(answers...),
			Unit: scoring.Unit{ID: scoring.UnitID(rec[id]), Name: rec[name], Attrs: map[string]string{"EurAsia_group": rec[group]}}})
	}
	return ds
}

// forTable calls fn for every cell of a COINr table with a UnitCode column.
func forTable(t *testing.T, file string, fn func(unit, col, cell string)) {
	t.Helper()
	recs := readCSV(t, file)
	uc := slices.Index(recs[0], "UnitCode")
	for _, rec := range recs[1:] {
		for j, cell := range rec {
			if j != uc {
				fn(rec[uc], recs[0][j], cell)
			}
		}
	}
}

func unitResult(t *testing.T, r *scoring.Results, unit string) *scoring.UnitResult {
	t.Helper()
	us := r.WaveUnits(0)
	i := slices.IndexFunc(us, func(u scoring.UnitResult) bool { return string(u.Unit.ID) == unit })
	if i < 0 {
		t.Fatalf("unit %s not scored", unit)
	}
	return &us[i]
}

func treatedValue(t *testing.T, r *scoring.Results, q *scoring.Question, unit string) scoring.TreatedValue {
	t.Helper()
	tq := r.Treated(0, q.Index)
	if tq == nil {
		t.Fatalf("question %s was not treated", q.ID)
	}
	us := r.WaveUnits(0)
	i := slices.IndexFunc(us, func(u scoring.UnitResult) bool { return string(u.Unit.ID) == unit })
	if i < 0 {
		t.Fatalf("unit %s not scored", unit)
	}
	return tq.Values[i]
}

// compareCell compares one published cell ("NA" when COINr has no number)
// with ours.
func compareCell(t *testing.T, unit, col, cell string, got float64, ok bool) {
	t.Helper()
	if cell == "NA" || cell == "" {
		if ok {
			t.Errorf("%s %s: got %v, want no number", unit, col, got)
		}
		return
	}
	want, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		t.Fatalf("%s %s: %v", unit, col, err)
	}
	if !ok {
		t.Errorf("%s %s: got no number, want %v", unit, col, want)
		return
	}
	if d := math.Abs(got - want); d > coinrTolerance || d > coinrTolerance*math.Abs(want) {
		t.Errorf("%s %s: got %.12g, want %.12g (difference %.2g)", unit, col, got, want, d)
	}
}
