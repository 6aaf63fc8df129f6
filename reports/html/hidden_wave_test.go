package html

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestCountsOfAHiddenWave: the number of units scored is a count over the
// wave's units, shown where its level counts are (scoring.Disclosure.Units)
// — aggregates.csv hid it for a wave too small while the overview showed
// it: "mit Gesamtwert 12", n in the table per dimension, and in the data
// quality the units not scored per node (the wave's units less those
// scored), review 9. The fixture's 2026 wave has 13 units; Gemeinde K
// answered a third of the weight, so the overall score and "dienste" are
// scored for 12, "strategie" for 13 (fixture.Units, by hand); K's overall
// score is the one node not scored for too few answers ("dienste" has no
// answer at all). In a wave too small, not even a row of "•" tells that
// some unit missed the overall score (review 10: TestFindingsOfAHiddenWave).
func TestCountsOfAHiddenWave(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	wi := r.Latest()
	tests := []struct {
		min      int
		scored   string   // the key figure "mit Gesamtwert"
		n        []string // n per row of the table: overall, strategie, dienste
		coverage []string // units whose overall score is not scored in 2026 for too few answers: K
	}{
		{5, "12", []string{"12", "13", "12"}, []string{"1"}},
		{13, "12", []string{"12", "13", "12"}, []string{"1"}},
		{14, "•", []string{"•", "•", "•"}, nil}, // no row, not even "•": the section's note names the wave
	}
	for _, tt := range tests {
		rd := newRenderer(r, Options{MinGroupSize: tt.min})
		all := rd.group(r.Waves[wi].ID, -1, "")
		figs := rd.headline(wi, all, r.WaveUnits(wi))
		if figs[1].Label != rd.t.FigScored || figs[1].Value != tt.scored {
			t.Errorf("min %d: key figure %q = %q, want %q %q", tt.min, figs[1].Label, figs[1].Value, rd.t.FigScored, tt.scored)
		}
		p := &overviewPage{page: page{T: rd.t}}
		rd.dimensionSection(p, all)
		var n []string
		for _, row := range p.DimRows {
			n = append(n, row.N)
		}
		if !slices.Equal(n, tt.n) {
			t.Errorf("min %d: n per dimension %q, want %q", tt.min, n, tt.n)
		}
		var cov []string
		for _, row := range rd.quality().LowCoverage {
			if row.Wave == "2026" && row.Label == rd.t.Overall {
				cov = append(cov, row.Count)
			}
		}
		if !slices.Equal(cov, tt.coverage) {
			t.Errorf("min %d: units not scored in 2026 %q, want %q", tt.min, cov, tt.coverage)
		}
	}
}

// TestFindingsOfAHiddenWave: the overview counted the findings about the
// units of a wave too small to show — its answers outside the scale per
// question and value, and within the total and the count by kind, which
// less the waves shown gave them; its areas not scored showed "•" but only
// in rows of the areas some unit missed (review 10). At a minimum of 8 the
// fixture's 2024 wave (7 units) is hidden and 2026 (13) shown. 2026 has
// four findings (E's duplicate, F's answer outside the scale, K's overall
// score not scored at 33 % answered and K's Dienste, of which nothing was
// answered); 2024 gets, for the test, an answer "vielleicht" of A, G's
// overall score not scored and a question without a column (about the
// file: counted). By hand: 5 findings, two areas not scored, the answers
// and areas of 2026 alone, and the note naming 2024; at 5 all 7.
func TestFindingsOfAHiddenWave(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	root := r.Model.Nodes[0].ID
	r.Issues = append(r.Issues,
		scoring.Issue{Kind: scoring.IssueUnknownAnswer, Place: "umfrage_2024.csv:2:4", Wave: "2024", Unit: "14001001", Question: "Q2", Value: "vielleicht"},
		scoring.Issue{Kind: scoring.IssueLowCoverage, Place: "umfrage_2024.csv:8", Wave: "2024", Unit: "14002001", Node: root},
		scoring.Issue{Kind: scoring.IssueMissingQuestion, Place: "umfrage_2024.csv:1", Wave: "2024", Question: "Q4"})
	tests := []struct {
		min      int
		total    string
		kinds    []string // counts by kind, in kind order
		answers  []string // wave and value
		coverage []string // wave and count
		note     bool
	}{
		{8, "5", []string{"1", "1", "2", "1"}, []string{"2026 " + fixture.PayloadInvalid}, []string{"2026 1", "2026 1"}, true},
		{5, "7", []string{"2", "1", "3", "1"}, []string{"2024 vielleicht", "2026 " + fixture.PayloadInvalid}, []string{"2024 1", "2026 1", "2026 1"}, false},
	}
	for _, tt := range tests {
		rd := newRenderer(r, Options{MinGroupSize: tt.min})
		q := rd.quality()
		if got := q.Figures[2].Value; got != tt.total {
			t.Errorf("min %d: %s = %s, want %s", tt.min, q.Figures[2].Label, got, tt.total)
		}
		var kinds, answers, coverage []string
		for _, k := range q.Kinds {
			kinds = append(kinds, k.Count)
		}
		for _, a := range q.Answers {
			answers = append(answers, a.Wave+" "+a.Value)
		}
		for _, c := range q.LowCoverage {
			coverage = append(coverage, c.Wave+" "+c.Count)
		}
		if !slices.Equal(kinds, tt.kinds) {
			t.Errorf("min %d: counts by kind %q, want %q", tt.min, kinds, tt.kinds)
		}
		if !slices.Equal(answers, tt.answers) {
			t.Errorf("min %d: answers outside the scale %q, want %q", tt.min, answers, tt.answers)
		}
		if !slices.Equal(coverage, tt.coverage) {
			t.Errorf("min %d: areas not scored %q, want %q", tt.min, coverage, tt.coverage)
		}
		if note := q.HiddenWaves != ""; note != tt.note || tt.note && !strings.Contains(q.HiddenWaves, "2024") {
			t.Errorf("min %d: note %q, want one naming 2024: %v", tt.min, q.HiddenWaves, tt.note)
		}
	}
}

// TestQuartilesOfFewScores: with report.min_group_size 3, the overview's
// table per dimension showed the quartiles of a wave of 3 or 4 scores and
// drew their box; of 3, 2·q1 − median is the lowest score and 2·q3 −
// median the highest (scoring.Disclosure.Quartiles, review 10). The
// fixture's units A–D answer the 2026 wave alone: overall 100, 45,8,
// 16,7, 70,8 (fixture.Units, by hand). At a minimum of 3 the mean (58,3)
// and median (58,3) of the 4 are shown, not the quartiles nor a box; from
// 5 scores on (A–E, adding 62,5), the quartiles are.
func TestQuartilesOfFewScores(t *testing.T) {
	m := fixture.Model(t)
	for _, tt := range []struct {
		units            int
		mean, median, q1 string
		box              bool
	}{{4, "58,3", "58,3", "•", false}, {5, "59,2", "62,5", "45,8", true}} {
		ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026", Label: "2026"}}}
		src := &scoring.Source{File: "umfrage_2026.csv", Columns: []int{3, 4, 5, 6}}
		for i, f := range fixture.Units[:tt.units] {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Answers: scoring.AnswersOf(f.Answers2026...), Source: src, Row: i + 2,
				Unit: scoring.Unit{ID: scoring.UnitID(f.ID), Name: f.Name, District: f.District, Population: f.Population}})
		}
		r := scoring.Score(m, ds)
		rd := newRenderer(r, Options{MinGroupSize: 3})
		p := &overviewPage{page: page{T: rd.t}}
		rd.dimensionSection(p, rd.group("2026", -1, ""))
		row := p.DimRows[0]
		if row.Mean != tt.mean || row.Median != tt.median || row.Q1 != tt.q1 || tt.q1 == "•" && row.Q3 != "•" {
			t.Errorf("%d units: mean %s, median %s, quartiles %s %s; want %s, %s, %s", tt.units, row.Mean, row.Median, row.Q1, row.Q3, tt.mean, tt.median, tt.q1)
		}
		js, err := chartData(p.Charts)
		if err != nil {
			t.Fatal(err)
		}
		if drawn := strings.Contains(string(js), "mittlere Hälfte"); drawn != tt.box { // the box's tooltip
			t.Errorf("%d units: a box drawn %v, want %v", tt.units, drawn, tt.box)
		}
	}
}

// TestTrendOfFewScores: the trend rests on the questions every wave asked
// alike (GroupStats.Trend), which fewer units may have scored than the
// full node: the overview showed the trend's mean of a wave over 2 units,
// and "+0,0 seit 1" from it, because 8 had the full score (review 10). By
// hand: wave 2 adds Q3 (weight 3); six units answer only Q3 (3/5 of the
// weight: scored on the full model, not on the core Q1, Q2), two answer
// all; wave 1 asks Q1 and Q2 of 6 units, all "ja". At a minimum of 5 the
// full mean of wave 2 (100, 8 units) is shown, its trend mean (2 units)
// and the change on the core are not; at 2 they are (100, ±0,0).
func TestTrendOfFewScores(t *testing.T) {
	m, err := scoring.ParseModel("t.yaml", []byte(`model:
  name: T
  missing: {min_coverage: 0.5}
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}, {id: Q3, scale: jn}]
  dimensions:
    - id: d
      indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}, {id: i3, question: Q3, weight: 3}]
  waves:
    - id: "1"
    - id: "2"
      changes: {new: [Q3]}
`))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "1", Label: "1"}, {ID: "2", Label: "2"}}}
	add := func(wave string, n int, answers ...string) {
		for range n {
			id := fmt.Sprintf("%s%02d", wave, len(ds.Responses))
			ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(wave), Answers: scoring.AnswersOf(answers...),
				Source: &scoring.Source{File: wave + ".csv", Columns: []int{2, 3, 4}}, Row: len(ds.Responses) + 2,
				Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id}})
		}
	}
	add("1", 6, "ja", "ja", "")
	add("2", 6, "", "", "ja")
	add("2", 2, "ja", "ja", "ja")
	r := scoring.Score(m, ds)
	all := r.Group("2", -1, "")
	if all.Nodes[0].N != 8 || all.Trend[0].N != 2 {
		t.Fatalf("wave 2: %d scored, %d on the core; want 8 and 2 (by hand)", all.Nodes[0].N, all.Trend[0].N)
	}
	for _, tt := range []struct {
		min         int
		trend, full string
		since       string
	}{{5, "•", "100,0", ""}, {2, "100,0", "100,0", "±0,0 seit 1 auf den 2 gemeinsamen Fragen"}} {
		rd := newRenderer(r, Options{MinGroupSize: tt.min})
		trend := rd.t.Suppressed
		if x := rd.trendStat(all, 0); !math.IsNaN(x) {
			trend = rd.t.num(x)
		}
		figs := rd.headline(1, all, r.WaveUnits(1))
		if trend != tt.trend || figs[2].Value != tt.full || figs[2].Sub != tt.since {
			t.Errorf("min %d: trend %s, mean %s (%q); want %s, %s (%q)", tt.min, trend, figs[2].Value, figs[2].Sub, tt.trend, tt.full, tt.since)
		}
	}
}
