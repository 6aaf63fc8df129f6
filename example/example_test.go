package example_test

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

func mustDefault(tb testing.TB) (*scoring.Model, *survey.Register) {
	tb.Helper()
	m, err := scoring.ParseModel("config.yaml", reifegrad.DefaultConfig)
	if err != nil {
		tb.Fatal(err)
	}
	reg, err := survey.LoadRegister("sachsen")
	if err != nil {
		tb.Fatal(err)
	}
	return m, reg
}

func TestGenerateIsDeterministic(t *testing.T) {
	m, reg := mustDefault(t)
	spec := example.Spec{Seed: 7, Wave: "2026", ResponseRate: 0.8, Problems: true}
	var a, b bytes.Buffer
	if err := example.Generate(reg.Units, m, spec).WriteCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := example.Generate(reg.Units, m, spec).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same spec gave different surveys")
	}
	spec.Seed = 8
	var c bytes.Buffer
	example.Generate(reg.Units, m, spec).WriteCSV(&c)
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("another seed gave the same survey")
	}
}

// TestGenerateIsPlausible scores a generated wave and checks the
// properties the generator promises: about 5 % missing answers, larger
// municipalities further along, and the problem rows.
func TestGenerateIsPlausible(t *testing.T) {
	latest, reg := mustDefault(t)
	m, err := latest.Questionnaire("2026") // the wave as it was asked
	if err != nil {
		t.Fatal(err)
	}
	s := example.Generate(reg.Units, m, example.Spec{Seed: 1, Wave: "2026", ResponseRate: 1, Problems: true})
	if len(s.Rows) != len(reg.Units)+3 {
		t.Errorf("%d rows, want %d units + duplicate, typo and empty row", len(s.Rows), len(reg.Units))
	}
	var buf bytes.Buffer
	if err := s.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	ds, err := survey.Read(&buf, "gen.csv", m, survey.Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true, Register: reg})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != len(reg.Units) || len(ds.Rejects) != 3 {
		t.Errorf("%d responses and %d rejects, want %d and 3", len(ds.Responses), len(ds.Rejects), len(reg.Units))
	}
	missing, cells := 0, 0
	for _, r := range ds.Responses {
		for q, a := range r.Answers.Strings() {
			if m.Questions[q].ID == "O01_02" || !m.Questions[q].HasColumn() {
				continue // not applicable outside kreisfreie Städte by design; not asked in 2026
			}
			cells++
			if st := m.Questions[q].Scale.Parse(a).Status; st == scoring.Blank || st == scoring.Unknown {
				missing++
			}
		}
	}
	if share := float64(missing) / float64(cells); share < 0.035 || share > 0.065 {
		t.Errorf("%.1f %% of answers missing, want about 5 %%", 100*share)
	}
	res := scoring.Score(m, ds)
	var xs, ys []float64
	for _, u := range res.Units {
		if u.Overall().Scored() {
			xs = append(xs, math.Log10(float64(u.Unit.Population)))
			ys = append(ys, u.Overall().Score)
		}
	}
	if r := correlation(xs, ys); r < 0.3 {
		t.Errorf("correlation of log population and score = %.2f, want clearly positive", r)
	}
	unknown := slices.ContainsFunc(res.Issues, func(i scoring.Issue) bool { return i.Kind == scoring.IssueUnknownAnswer && i.Value == "jein" })
	if !unknown {
		t.Error("no answer outside its scale was generated")
	}
}

func correlation(xs, ys []float64) float64 {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i] / n
		my += ys[i] / n
	}
	var sxy, sxx, syy float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
		syy += (ys[i] - my) * (ys[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func TestSyntheticModel(t *testing.T) {
	for _, n := range []int{6, 40, 200} {
		m, err := scoring.ParseModel("synthetic.yaml", []byte(example.SyntheticModel(n, "deutschland")))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(m.Questions) != n || len(m.Indicators()) != n || len(m.Dimensions()) != 6 {
			t.Errorf("n=%d: %d questions, %d indicators, %d dimensions", n, len(m.Questions), len(m.Indicators()), len(m.Dimensions()))
		}
	}
}
