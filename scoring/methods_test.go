package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// mustParse builds a model from YAML text or fails the test.
func mustParse(tb testing.TB, src string) *scoring.Model {
	tb.Helper()
	m, err := scoring.ParseModel("test.yaml", []byte(src))
	if err != nil {
		tb.Fatalf("ParseModel: %v", err)
	}
	return m
}

// unit is a response for tests: answers in question order.
func unit(wave, id, district string, pop int, answers ...string) scoring.Response {
	return scoring.Response{Wave: scoring.WaveID(wave), Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id, District: district, Population: pop},
		Answers: scoring.AnswersOf(answers...), Row: 2}
}

// result finds a unit's result in a wave.
func result(tb testing.TB, r *scoring.Results, wave, id string) *scoring.UnitResult {
	tb.Helper()
	for i := range r.Units {
		if r.Units[i].Wave == scoring.WaveID(wave) && r.Units[i].Unit.ID == scoring.UnitID(id) {
			return &r.Units[i]
		}
	}
	tb.Fatalf("no result for %s in wave %s", id, wave)
	return nil
}

// want is an expected node score: none for "not scored".
type want struct {
	node  string
	score float64
}

func checkScores(t *testing.T, m *scoring.Model, u *scoring.UnitResult, ws ...want) {
	t.Helper()
	for _, w := range ws {
		n := m.Node(scoring.NodeID(w.node))
		if n == nil {
			t.Fatalf("no node %q", w.node)
		}
		s := u.Nodes.At(n.Index)
		switch {
		case w.score == none && s.Scored():
			t.Errorf("%s %s = %v, want not scored", u.Unit.ID, w.node, s.Score)
		case w.score != none && (!s.Scored() || math.Abs(s.Score-w.score) > 1e-9):
			t.Errorf("%s %s = %v (%v), want %v", u.Unit.ID, w.node, s.Score, s.State, w.score)
		}
	}
}

func TestMinMaxAndReverse(t *testing.T) {
	m := mustParse(t, `model:
  name: MinMax
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    mm: {type: numeric, normalise: minmax}
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: N, scale: mm}
    - {id: R, scale: jn, reverse: true}
  dimensions:
    - id: d
      indicators: [{id: n, question: N}, {id: r, question: R}]
`)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "", 0, "10", "ja"),
		unit("1", "B", "", 0, "20", "nein"),
		unit("1", "C", "", 0, "40", "teilweise"),
		unit("1", "D", "", 0, "", "nein"),
		unit("2", "A", "", 0, "7", "ja"), // alone in its wave: nobody is behind
	}})
	// Min 10 and max 40 over the wave's answers: (x − 10) / 30.
	checkScores(t, m, result(t, res, "1", "A"), want{"n", 0}, want{"r", 0}, want{"d", 0})
	checkScores(t, m, result(t, res, "1", "B"), want{"n", 100.0 / 3}, want{"r", 100}, want{"d", (100.0/3 + 100) / 2})
	checkScores(t, m, result(t, res, "1", "C"), want{"n", 100}, want{"r", 50}, want{"d", 75})
	checkScores(t, m, result(t, res, "1", "D"), want{"n", none}, want{"r", 100}, want{"d", 100})
	checkScores(t, m, result(t, res, "2", "A"), want{"n", 100})
}

// structureModel nests dimensions three deep and uses every aggregation.
// Its scale takes answers that already are points.
const structureModel = `model:
  name: Struktur
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    p: {type: numeric, min: 0, max: 1}
  questions:
    - {id: Q1, scale: p}
    - {id: Q2, scale: p}
    - {id: Q3, scale: p}
    - {id: Q4, scale: p}
    - {id: Q5, scale: p}
    - {id: Q6, scale: p}
    - {id: Q7, scale: p}
    - {id: Q8, scale: p}
    - {id: Q9, scale: p}
    - {id: Q10, scale: p}
  dimensions:
    - id: a
      weight: 2
      dimensions:
        - id: a1
          aggregation: geometric
          indicators:
            - {id: i1, questions: [Q1, {id: Q2, weight: 3}], aggregation: mean}
            - {id: i2, question: Q3, weight: 2}
        - id: a2
          aggregation: min
          indicators: [{id: i3, question: Q4}, {id: i4, question: Q5}]
    - id: b
      aggregation: sum
      indicators:
        - {id: i5, questions: [{id: Q6, weight: 2}, {id: Q7, weight: 3}], aggregation: sum}
        - {id: i6, question: Q8, weight: 4}
    - id: c
      aggregation: max
      indicators: [{id: i7, question: Q9}, {id: i8, question: Q10}]
`

func TestStructureAndAggregation(t *testing.T) {
	m := mustParse(t, structureModel)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "", 0, "0.2", "0.6", "0.8", "0.8", "0.4", "0.5", "1", "0.25", "0.3", "0.9"),
		unit("1", "Z", "", 0, "0.2", "0.6", "0", "0.8", "0.4", "0.5", "1", "0.25", "0.3", "0.9"),
	}})
	// By hand:
	//   i1 = (1·20 + 3·60) / 4 = 50; i2 = 80
	//   a1 = geometric mean, weights 1 and 2: (50 · 80²)^(1/3) = ∛320000
	//   a2 = min(80, 40) = 40; a = (a1 + a2) / 2
	//   i5 = points 2·0.5 + 3·1 = 4 of 5 = 80; i6 = 25, worth 4 points
	//   b = (4 + 1) points of 9 = 500/9
	//   c = max(30, 90) = 90
	//   overall = (2a + b + c) / 4
	a1 := math.Cbrt(320000)
	a := (a1 + 40) / 2
	b := 500.0 / 9
	checkScores(t, m, result(t, res, "1", "A"),
		want{"i1", 50}, want{"i2", 80}, want{"a1", a1}, want{"i3", 80}, want{"i4", 40}, want{"a2", 40}, want{"a", a},
		want{"i5", 80}, want{"i6", 25}, want{"b", b}, want{"c", 90}, want{"overall", (2*a + b + 90) / 4})
	// A zero under a geometric mean cannot be compensated.
	checkScores(t, m, result(t, res, "1", "Z"), want{"i2", 0}, want{"a1", 0}, want{"a", 20})
	for _, tt := range []struct {
		node string
		max  float64
	}{{"i5", 5}, {"i6", 1}, {"b", 9}, {"i1", 1}, {"a", 1}, {"overall", 3}} {
		if got := m.Node(scoring.NodeID(tt.node)).MaxPoints; got != tt.max {
			t.Errorf("%s.MaxPoints = %v, want %v", tt.node, got, tt.max)
		}
	}
	if !m.Points {
		t.Error("Model.Points = false, want true: b sums points")
	}
	if got := res.Points(m.Node("b"), result(t, res, "1", "A").Nodes.At(m.Node("b").Index).Score); math.Abs(got-5) > 1e-9 {
		t.Errorf("points of b = %v, want 5", got)
	}
}

// missingModel has a reweighting and a zero-counting dimension.
const missingModel = `model:
  name: Fehlend
  missing:
    policy: reweight
    min_coverage: 0.5
    codes: {wn: unknown, nz: not_applicable}
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: Q3, scale: jn}
    - {id: Q4, scale: jn}
  dimensions:
    - id: r
      indicators: [{id: q1, question: Q1}, {id: q2, question: Q2}]
    - id: z
      missing: {policy: zero, min_coverage: 0}
      indicators: [{id: q3, question: Q3}, {id: q4, question: Q4}]
`

// TestAggregationInherited: a node without its own aggregation takes its
// parent's, indicators included; a node's own setting holds for it and is
// what its children inherit.
func TestAggregationInherited(t *testing.T) {
	m := mustParse(t, `model:
  name: Erbe
  aggregation: sum
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    p: {type: numeric, min: 0, max: 1}
  questions: [{id: Q1, scale: p}, {id: Q2, scale: p}, {id: Q3, scale: p}, {id: Q4, scale: p}, {id: Q5, scale: p}]
  dimensions:
    - id: a
      indicators:
        - {id: i1, questions: [{id: Q1, weight: 2}, {id: Q2, weight: 3}]}
    - id: b
      aggregation: min
      dimensions:
        - id: b1
          indicators:
            - {id: i2, questions: [Q3, Q4]}
            - {id: i3, question: Q5, aggregation: mean}
`)
	for _, tt := range []struct {
		node string
		agg  scoring.Aggregation
	}{{"overall", scoring.Sum}, {"a", scoring.Sum}, {"i1", scoring.Sum}, {"b", scoring.Minimum},
		{"b1", scoring.Minimum}, {"i2", scoring.Minimum}, {"i3", scoring.Mean}} {
		if got := m.Node(scoring.NodeID(tt.node)).Aggregation; got != tt.agg {
			t.Errorf("%s: aggregation %v, want %v", tt.node, got, tt.agg)
		}
	}
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "", 0, "0.5", "1", "0.2", "0.9", "0.6"),
	}})
	// By hand: i1 sums points 2·0.5 + 3·1 = 4 of 5 = 80 (not the mean of
	// 50 and 100, 75); i2 = min(20, 90) = 20; i3 = 60; b1 = b = min = 20.
	// The overall sum weighs a by its 5 points and b by its 1 point:
	// (5·80 + 1·20) / 6 = 70.
	checkScores(t, m, result(t, res, "1", "A"), want{"i1", 80}, want{"i2", 20}, want{"i3", 60},
		want{"b1", 20}, want{"b", 20}, want{"a", 80}, want{"overall", 70})
}

func TestMissingPolicies(t *testing.T) {
	m := mustParse(t, missingModel)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "U1", "", 0, "ja", "wn", "ja", "wn"),
		unit("1", "U2", "", 0, "nz", "nein", "nz", "nz"),
		unit("1", "U3", "", 0, "wn", "wn", "teilweise", ""),
		unit("1", "U4", "", 0, "ja", "", "", ""),
	}})
	tests := []struct {
		id                 string
		r, z, all          float64
		covR, covZ, covAll float64
		rState, allState   scoring.State
		level              int
		lowCoverage        bool
	}{
		// r reweights: the unknown q2 leaves; z counts it as 0.
		{"U1", 100, 50, 75, 0.5, 0.5, 0.5, scoring.Scored, scoring.Scored, 2, false},
		// Not applicable leaves every denominator; z leaves the overall.
		{"U2", 0, none, 0, 1, 0, 1, scoring.Scored, scoring.Scored, 1, false},
		// r has nothing: missing; overall coverage (0 + 0.5) / 2 < 0.5.
		{"U3", none, 25, none, 0, 0.5, 0.25, scoring.Missing, scoring.NotRated, 0, true},
		// z scores 0 on nothing (its min_coverage is 0); the overall has
		// too little: (0.5 + 0) / 2.
		{"U4", 100, 0, none, 0.5, 0, 0.25, scoring.Scored, scoring.NotRated, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			u := result(t, res, "1", tt.id)
			checkScores(t, m, u, want{"r", tt.r}, want{"z", tt.z}, want{"overall", tt.all})
			for _, c := range []struct {
				node string
				want float64
			}{{"r", tt.covR}, {"z", tt.covZ}, {"overall", tt.covAll}} {
				if got := u.Nodes.At(m.Node(scoring.NodeID(c.node)).Index).Coverage; math.Abs(got-c.want) > 1e-12 {
					t.Errorf("coverage of %s = %v, want %v", c.node, got, c.want)
				}
			}
			if got := u.Nodes.At(m.Node("r").Index).State; got != tt.rState {
				t.Errorf("state of r = %v, want %v", got, tt.rState)
			}
			if got := u.Nodes.At(0).State; got != tt.allState {
				t.Errorf("state of overall = %v, want %v", got, tt.allState)
			}
			if u.Level != tt.level || u.LowCoverage != tt.lowCoverage {
				t.Errorf("level %d, low coverage %v; want %d, %v", u.Level, u.LowCoverage, tt.level, tt.lowCoverage)
			}
		})
	}
	var flagged []string
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueLowCoverage {
			flagged = append(flagged, string(is.Unit)+"/"+string(is.Node))
		}
	}
	// U3 answered nothing of r ("weiß nicht" twice): r is as much not
	// scored for want of answers as an overall score below its minimum.
	if w := []string{"U3/overall", "U3/r", "U4/overall"}; !slices.Equal(flagged, w) {
		t.Errorf("low-coverage issues = %v, want %v", flagged, w)
	}
}

func TestImputePeerGroupMean(t *testing.T) {
	m := mustParse(t, `model:
  name: Imputation
  missing: {policy: impute, impute_by: kreis}
  peer_groups: [{id: kreis, name: Kreis, attribute: district}]
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - {id: d1, indicators: [{id: i1, question: Q1}]}
    - {id: d2, indicators: [{id: i2, question: Q2}]}
`)
	data := &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "K", 0, "ja", "ja"),
		unit("1", "B", "K", 0, "nein", "teilweise"),
		unit("1", "C", "K", 0, "ja", ""),
		unit("1", "D", "L", 0, "nein", "nein"),
		unit("1", "E", "L", 0, "ja", ""),
		unit("1", "F", "M", 0, "", "ja"),
		unit("1", "G", "", 0, "ja", ""),
	}}
	// By hand: a missing i2 is replaced, at d2, by the mean of i2 in the
	// unit's district among units that answered it; with nobody there, or
	// no district, by the mean of the whole wave — each only over at least
	// min_group_size units (scoring.ImputeFrom): the mean of fewer is their
	// figure in the unit's scores (E's d2 would be D's own). Otherwise the
	// dimension stays missing and the overall score is d1 alone.
	//   i2 in K: A 100, B 50 = 75 (2 units); in L: D 0 (1 unit)
	//   i2 over the wave: A 100, B 50, D 0, F 100 → 62.5 (4 units)
	//   i1 over the wave: A, C, E, G 100, B, D 0 → 400/6 (6 units)
	const none = -1.0
	type row struct {
		id      string
		d1, d2  float64
		imputed bool
	}
	tests := []struct {
		min  int
		rows []row
	}{
		{1, []row{{"A", 100, 100, false}, {"C", 100, 75, true}, {"E", 100, 0, true},
			{"F", 400.0 / 6, 100, true}, {"G", 100, 62.5, true}}},
		{2, []row{{"C", 100, 75, true}, {"E", 100, 62.5, true}, {"F", 400.0 / 6, 100, true}, {"G", 100, 62.5, true}}},
		{4, []row{{"C", 100, 62.5, true}, {"E", 100, 62.5, true}, {"F", 400.0 / 6, 100, true}}},
		{5, []row{{"C", 100, none, false}, {"E", 100, none, false}, {"F", 400.0 / 6, 100, true}, {"G", 100, none, false}}},
		{7, []row{{"C", 100, none, false}, {"F", none, 100, false}}},
		{0, []row{{"C", 100, none, false}, {"F", 400.0 / 6, 100, true}}}, // 0: DefaultMinGroupSize, 5
	}
	for _, tt := range tests {
		m.MinGroupSize = tt.min
		res := scoring.Score(m, data)
		for _, r := range tt.rows {
			u := result(t, res, "1", r.id)
			overall := (r.d1 + r.d2) / 2
			switch {
			case r.d1 == none:
				overall = r.d2
			case r.d2 == none:
				overall = r.d1
			}
			d1, d2 := r.d1, r.d2
			if d1 == none {
				d1 = math.NaN()
			}
			if d2 == none {
				d2 = math.NaN()
			}
			// A dimension not imputed is not scored: its one indicator is
			// missing.
			for _, w := range []want{{"d1", d1}, {"d2", d2}, {"overall", overall}} {
				n := m.Node(scoring.NodeID(w.node))
				s := u.Nodes.At(n.Index)
				if math.IsNaN(w.score) != !s.Scored() || s.Scored() && math.Abs(s.Score-w.score) > 1e-9 {
					t.Errorf("min %d: %s %s = %v (%v), want %v", tt.min, r.id, w.node, s.Score, s.State, w.score)
				}
			}
			cov := 0.5
			if r.id == "A" {
				cov = 1
			}
			if got := u.Nodes.At(0); got.Imputed != r.imputed || math.Abs(got.Coverage-cov) > 1e-12 {
				t.Errorf("min %d: %s overall: imputed %v coverage %v, want %v %v", tt.min, r.id, got.Imputed, got.Coverage, r.imputed, cov)
			}
		}
	}
}

func TestStagedLevels(t *testing.T) {
	m := mustParse(t, `model:
  name: Stufen
  levels:
    method: staged
    bands:
      - {level: 1, name: Basis}
      - {level: 2, name: Aufbau, criteria: [{children_of: overall, min: 50, label: mindestens 50}]}
      - {level: 3, name: Reif, criteria: [{node: overall, min: 75}, {node: s, min: 100}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: Q3, scale: jn}
  dimensions:
    - {id: s, name: Strategie, indicators: [{id: i1, question: Q1}]}
    - {id: o, name: Online, indicators: [{id: i2, question: Q2}]}
    - {id: p, name: Prozesse, indicators: [{id: i3, question: Q3}]}
`)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "", 0, "ja", "ja", "ja"),
		unit("1", "B", "", 0, "ja", "nein", "ja"),
		unit("1", "C", "", 0, "teilweise", "ja", "ja"),
		unit("1", "D", "", 0, "nein", "nein", "nein"),
		unit("1", "E", "", 0, "", "", ""),
	}})
	tests := []struct {
		id       string
		level    int
		blocking []string
	}{
		{"A", 3, nil},
		{"B", 1, []string{"mindestens 50 (Online)"}},
		{"C", 2, []string{"Strategie ≥ 100"}},
		{"D", 1, []string{"mindestens 50 (Strategie)", "mindestens 50 (Online)", "mindestens 50 (Prozesse)"}},
		{"E", 0, nil}, // no overall score: no level
	}
	for _, tt := range tests {
		u := result(t, res, "1", tt.id)
		var got []string
		for _, c := range u.Blocking {
			got = append(got, scoring.NewDescriber(scoring.German).Criterion(m, c))
		}
		if u.Level != tt.level || !slices.Equal(got, tt.blocking) {
			t.Errorf("%s: level %d blocked by %q, want %d blocked by %q", tt.id, u.Level, got, tt.level, tt.blocking)
		}
	}
}

func TestSizeClasses(t *testing.T) {
	def := mustParse(t, base)
	custom := mustParse(t, edit(t, "  name: T\n", "  name: T\n  size_classes: [{name: klein, max: 1000}, {name: groß}]\n"))
	tests := []struct {
		m    *scoring.Model
		pop  int
		want string
	}{
		{def, 0, ""},
		{def, 4999, "unter 5.000"},
		{def, 5000, "5.000 bis unter 10.000"},
		{def, 19999, "10.000 bis unter 20.000"},
		{def, 20000, "20.000 bis unter 50.000"},
		{def, 99999, "50.000 bis unter 100.000"},
		{def, 499999, "100.000 bis unter 500.000"},
		{def, 500000, "500.000 und mehr"},
		{custom, 999, "klein"},
		{custom, 1000, "groß"},
	}
	for _, tt := range tests {
		if got := tt.m.SizeClass(tt.pop); got != tt.want {
			t.Errorf("%s: SizeClass(%d) = %q, want %q", tt.m.Name, tt.pop, got, tt.want)
		}
	}
}

// TestPeerGroupPositions checks rank, percentile and statistics within
// each peer group (district and size class) of testdata/mini.yaml.
func TestPeerGroupPositions(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	m2 := mustParse(t, strings.Replace(mustRead(t, "testdata/mini.yaml"),
		"    - {id: kreis, name: Kreis, attribute: district}\n",
		"    - {id: kreis, name: Kreis, attribute: district}\n    - {id: gk, name: Größe, attribute: size_class}\n", 1))
	for _, m := range []*scoring.Model{m, m2} {
		res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
			unit("1", "A", "K", 3000, "ja", "ja", "12", "nein"),         // 100
			unit("1", "B", "K", 4000, "nein", "nein", "0", "ja"),        // 0
			unit("1", "C", "K", 8000, "ja", "nein", "12", "nein"),       // 250/3
			unit("1", "D", "L", 4500, "ja", "nein", "12", "nein"),       // 250/3
			unit("1", "E", "L", 0, "teilweise", "ja", "5", "teilweise"), // 175/3
		}})
		kreis := map[string]scoring.Position{
			"A": {Group: "K", Rank: 1, Percentile: 100, N: 3},
			"C": {Group: "K", Rank: 2, Percentile: 50, N: 3},
			"B": {Group: "K", Rank: 3, Percentile: 0, N: 3},
			"D": {Group: "L", Rank: 1, Percentile: 100, N: 2},
			"E": {Group: "L", Rank: 2, Percentile: 0, N: 2},
		}
		for id, w := range kreis {
			if got := result(t, res, "1", id).Peers[0]; got != w {
				t.Errorf("%s in Kreis: %+v, want %+v", id, got, w)
			}
		}
		g := res.Group("1", 0, "K").Nodes[0]
		// K: 0, 250/3, 100 → Q1 = 125/3, median 250/3, Q3 = 275/3.
		if g.N != 3 || math.Abs(g.Q1-125.0/3) > 1e-9 || math.Abs(g.Median-250.0/3) > 1e-9 || math.Abs(g.Q3-275.0/3) > 1e-9 ||
			math.Abs(g.Mean-(550.0/3)/3) > 1e-9 || g.Min != 0 || g.Max != 100 {
			t.Errorf("stats of K = %+v", g)
		}
		if len(m.PeerGroups) < 2 {
			continue
		}
		// Size classes: A, B, D under 5,000; C 5,000–10,000; E unknown.
		small := map[string]scoring.Position{
			"A": {Group: "unter 5.000", Rank: 1, Percentile: 100, N: 3},
			"D": {Group: "unter 5.000", Rank: 2, Percentile: 50, N: 3},
			"B": {Group: "unter 5.000", Rank: 3, Percentile: 0, N: 3},
		}
		for id, w := range small {
			if got := result(t, res, "1", id).Peers[1]; got != w {
				t.Errorf("%s in size class: %+v, want %+v", id, got, w)
			}
		}
		if got := result(t, res, "1", "C").Peers[1]; got.Rank != 1 || got.N != 1 || !math.IsNaN(got.Percentile) {
			t.Errorf("C alone in its size class: %+v, want rank 1 of 1, percentile NaN", got)
		}
		if got := result(t, res, "1", "E").Peers[1]; got.Rank != 0 || got.Group != "" {
			t.Errorf("E without population: %+v, want no group", got)
		}
		if g := res.Group("1", 1, "unter 5.000"); g == nil || g.Units != 3 {
			t.Errorf("group unter 5.000 = %+v, want 3 units", g)
		}
	}
}

func TestWaveChanges(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	res := scoring.Score(m, &scoring.Dataset{
		Waves: []scoring.Wave{{ID: "2024", Order: 1}, {ID: "2026", Order: 2}},
		Responses: []scoring.Response{
			unit("2024", "A", "K", 0, "nein", "nein", "0", "ja"),           // 0
			unit("2024", "B", "K", 0, "teilweise", "ja", "5", "teilweise"), // 175/3
			unit("2024", "C", "K", 0, "ja", "ja", "12", "nein"),            // 100
			unit("2026", "A", "K", 0, "ja", "nein", "12", "nein"),          // 250/3
			unit("2026", "B", "K", 0, "teilweise", "ja", "5", "teilweise"), // 175/3
			unit("2026", "D", "K", 0, "ja", "ja", "12", "nein"),            // 100, new
		}})
	a := result(t, res, "2026", "A")
	c, ok := res.Change(a, 0)
	if !ok || c.From != "2024" || c.To != "2026" || c.Before != 0 || math.Abs(c.After-250.0/3) > 1e-9 || math.Abs(c.Delta-250.0/3) > 1e-9 {
		t.Errorf("Change(A) = %+v, %v; want 0 → 250/3", c, ok)
	}
	d1 := m.Node("d1").Index
	// d1 of A: (3·0 + 0)/4 = 0 → (3·100 + 0)/4 = 75.
	if c, ok := res.Change(a, d1); !ok || math.Abs(c.Delta-75) > 1e-9 {
		t.Errorf("Change(A, d1) = %+v, %v; want +75", c, ok)
	}
	if _, ok := res.Change(result(t, res, "2026", "D"), 0); ok {
		t.Error("Change(D) ok, want false: D did not answer 2024")
	}
	if _, ok := res.Change(result(t, res, "2024", "A"), 0); ok {
		t.Error("Change in the first wave ok, want false")
	}
	// Group K: means (0 + 175/3 + 100)/3 → (250/3 + 175/3 + 100)/3; the
	// panel is A (+250/3) and B (0).
	g, ok := res.GroupChange(res.Group("2026", 0, "K"), 0)
	before, after := (0+175.0/3+100)/3, (250.0/3+175.0/3+100)/3
	if !ok || g.NBefore != 3 || g.NAfter != 3 || math.Abs(g.Before-before) > 1e-9 || math.Abs(g.After-after) > 1e-9 ||
		math.Abs(g.Delta-(after-before)) > 1e-9 || g.Panel != 2 || math.Abs(g.PanelDelta-125.0/3) > 1e-9 {
		t.Errorf("GroupChange(K) = %+v, %v", g, ok)
	}
	if _, ok := res.GroupChange(res.Group("2024", -1, ""), 0); ok {
		t.Error("GroupChange in the first wave ok, want false")
	}
}

func mustRead(tb testing.TB, file string) string {
	tb.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	return string(src)
}

func TestInPoints(t *testing.T) {
	structure := mustParse(t, structureModel)
	features := MustModel(t, "testdata/features.yaml")
	samm := MustModel(t, "../example/samm/config.yaml")
	mini := MustModel(t, "testdata/mini.yaml")
	tests := []struct {
		m    *scoring.Model
		node string
		want bool
	}{
		{structure, "b", true},        // sums
		{structure, "i5", true},       // sums its questions
		{structure, "i6", true},       // under a sum
		{structure, "overall", false}, // a mean of children worth 1 and 9 points
		{structure, "a", false},       // nothing sums
		{features, "papier", true},
		{features, "prozesse", true}, // the mean of one summing child
		{features, "overall", false},
		{samm, "overall", true}, // means of children worth 3 points each
		{samm, "G-SM", true},
		{mini, "overall", false}, // no points at all
	}
	for _, tt := range tests {
		if got := tt.m.InPoints(tt.m.Node(scoring.NodeID(tt.node))); got != tt.want {
			t.Errorf("%s: InPoints(%s) = %v, want %v", tt.m.Name, tt.node, got, tt.want)
		}
	}
}

// TestLevelsFromZero: a model may number its levels from 0. Level 0 is a
// level a unit reaches; a unit without an overall score has no level, and
// the two are never confused: UnitResult.Level holds the ordinal (1 for
// the lowest level, 0 for none) and outputs show Level.Number.
func TestLevelsFromZero(t *testing.T) {
	m := mustParse(t, `model:
  name: Ab Null
  levels:
    bands:
      - {level: 0, name: Anfang, min: 0}
      - {level: 1, name: Mitte, min: 50}
  missing: {min_coverage: 0.5}
  scales:
    p: {type: numeric, min: 0, max: 1}
  questions: [{id: Q1, scale: p}]
  dimensions:
    - id: d
      next_steps: {0: Beginnen., 1: Weitermachen.}
      indicators: [{id: i, question: Q1}]
`)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("1", "A", "", 0, "0.2"),
		unit("1", "B", "", 0, ""),
		unit("1", "C", "", 0, "0.7"),
	}})
	for _, tt := range []struct {
		id      string
		ordinal int
		label   string
	}{{"A", 1, "0 Anfang"}, {"B", 0, "–"}, {"C", 2, "1 Mitte"}} {
		u := result(t, res, "1", tt.id)
		l := m.Levels.ByOrdinal(u.Level)
		if u.Level != tt.ordinal || l.Label() != tt.label {
			t.Errorf("%s: level ordinal %d %q, want %d %q", tt.id, u.Level, l.Label(), tt.ordinal, tt.label)
		}
	}
	if got := res.Group("1", -1, "").Levels; !slices.Equal(got, []int{1, 1, 1}) {
		t.Errorf("level counts %v, want [1 1 1] (no level, level 0, level 1)", got)
	}
	if got := m.Node("d").NextSteps; got[1] != "Beginnen." || got[2] != "Weitermachen." {
		t.Errorf("next steps by ordinal %v, want level 0's advice at ordinal 1", got)
	}
	if s := strings.Join(scoring.Methodology(m, scoring.English), "\n"); !strings.Contains(s, "0 Anfang (from 0), 1 Mitte (from 50)") ||
		!strings.Contains(s, "No level (–) is not the same as level 0 (Anfang).") {
		t.Errorf("methodology does not tell level 0 from no level:\n%s", s)
	}
}

// TestEmptyMultiSelect: under empty: none an empty cell is nothing ticked
// (0 points, answered); under empty: blank it is not answered and the
// rest is reweighted. A question without a column in the input is never
// "nothing ticked".
func TestEmptyMultiSelect(t *testing.T) {
	m := mustParse(t, `model:
  name: Leer
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    none: {type: multi, empty: none, items: [a, b, c, d]}
    blank: {type: multi, empty: blank, items: [a, b, c, d]}
  questions: [{id: N, scale: none}, {id: B, scale: blank}, {id: X, scale: none}]
  dimensions:
    - id: d
      indicators: [{id: n, question: N}, {id: b, question: B}, {id: x, question: X}]
`)
	src := &scoring.Source{File: "a.csv", Columns: []int{2, 3, 0}} // X has no column
	r := unit("1", "A", "", 0, "", "", "")
	r.Source = src
	r2 := unit("1", "B", "", 0, "a;b;c", "", "")
	r2.Source = src
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{r, r2}})
	// A: N nothing ticked = 0 (answered); B not answered; X not in the
	// file. d = 0 on a third of the weight.
	a := result(t, res, "1", "A")
	checkScores(t, m, a, want{"n", 0}, want{"b", none}, want{"x", none}, want{"d", 0})
	if c := a.Nodes.At(0).Coverage; math.Abs(c-1.0/3) > 1e-12 {
		t.Errorf("A coverage %v, want 1/3", c)
	}
	// B: N = 3 of 4 ticked = 75; the others missing.
	checkScores(t, m, result(t, res, "1", "B"), want{"n", 75}, want{"d", 75})
}

// TestGroupsAgainstDirect checks positions and group statistics, which
// Score hands out of one order by score per wave and node, against each
// group worked out on its own: its members' scores sorted and described,
// a unit's rank as one more than the peers scoring above it, its
// percentile from the peers below and level with it. Random units of
// testdata/mini.yaml (with size classes as a second peer group) in three
// waves, some without an overall score, some in no size class.
func TestGroupsAgainstDirect(t *testing.T) {
	m := mustParse(t, strings.Replace(mustRead(t, "testdata/mini.yaml"),
		"    - {id: kreis, name: Kreis, attribute: district}\n",
		"    - {id: kreis, name: Kreis, attribute: district}\n    - {id: gk, name: Größe, attribute: size_class}\n", 1))
	r := rand.New(rand.NewPCG(7, 11))
	jn := []string{"ja", "teilweise", "nein", "weiß nicht", ""}
	for round := range 20 {
		var ds scoring.Dataset
		for _, wave := range []string{"1", "2", "3"} {
			for u := range 20 + r.IntN(600) {
				if r.IntN(5) == 0 {
					continue // not every unit answers every wave
				}
				pop := []int{0, 2000, 4000, 7000, 20000, 80000}[r.IntN(6)]
				ds.Responses = append(ds.Responses, unit(wave, fmt.Sprintf("U%03d", u), fmt.Sprintf("K%d", r.IntN(1+round)), pop,
					jn[r.IntN(len(jn))], jn[r.IntN(len(jn))], strconv.Itoa(r.IntN(15)), jn[r.IntN(len(jn))]))
			}
		}
		res := scoring.Score(m, &ds)
		for wi, w := range res.Waves {
			units := res.WaveUnits(wi)
			for pg := -1; pg < len(m.PeerGroups); pg++ {
				groups := map[string][]*scoring.UnitResult{}
				for i := range units {
					u := &units[i]
					g := ""
					switch {
					case pg < 0:
					case m.PeerGroups[pg].Attribute == "size_class":
						g = u.SizeClass
					default:
						g = u.Unit.District
					}
					if pg >= 0 && g == "" {
						continue
					}
					groups[g] = append(groups[g], u)
				}
				for name, us := range groups {
					gs := res.Group(w.ID, pg, name)
					if gs == nil || gs.Units != len(us) {
						t.Fatalf("round %d wave %s peer group %d %q: %+v, want %d units", round, w.ID, pg, name, gs, len(us))
					}
					for ni, n := range m.Nodes {
						if n.Kind == scoring.KindIndicator {
							continue
						}
						var xs []float64
						for _, u := range us {
							if u.Nodes.At(ni).Scored() {
								xs = append(xs, u.Nodes.At(ni).Score)
							}
						}
						if want := scoring.Describe(xs); gs.Nodes[ni] != want {
							t.Errorf("round %d wave %s peer group %d %q node %s: %+v, want %+v", round, w.ID, pg, name, n.ID, gs.Nodes[ni], want)
						}
					}
					var scored []float64
					for _, u := range us {
						if u.Overall().Scored() {
							scored = append(scored, u.Overall().Score)
						}
					}
					for _, u := range us {
						got := u.State
						if pg >= 0 {
							got = u.Peers[pg]
						}
						want := scoring.Position{Group: name, N: len(scored), Percentile: math.NaN()}
						if u.Overall().Scored() {
							s := u.Overall().Score
							above, below := 0, 0
							for _, x := range scored {
								switch {
								case x > s+1e-9:
									above++
								case x < s-1e-9:
									below++
								}
							}
							want.Rank = above + 1
							if n := len(scored); n > 1 {
								want.Percentile = 100 * (float64(below) + 0.5*float64(n-above-below-1)) / float64(n-1)
							}
						}
						same := got.Group == want.Group && got.N == want.N && got.Rank == want.Rank &&
							(got.Percentile == want.Percentile || math.IsNaN(got.Percentile) && math.IsNaN(want.Percentile))
						if !same {
							t.Errorf("round %d wave %s peer group %d: unit %s at %+v, want %+v", round, w.ID, pg, u.Unit.ID, got, want)
						}
					}
				}
			}
		}
	}
}

// TestBand: the band a threshold score falls into — the highest level
// whose min it reaches; the first band (from 0) also takes a score below 0,
// which only unbounded z-scores reach, as the last takes one above 100.
func TestBand(t *testing.T) {
	ls := MustModel(t, "testdata/mini.yaml").Levels // A from 0, B from 50
	for _, tt := range []struct {
		score float64
		want  int
	}{{-5, 1}, {0, 1}, {49.99, 1}, {50 - 1e-10, 2}, {50, 2}, {100, 2}, {150, 2}} {
		if got := ls.Band(tt.score).Ordinal; got != tt.want {
			t.Errorf("Band(%v) = level %d, want %d", tt.score, got, tt.want)
		}
	}
	staged := scoring.Levels{Method: scoring.Staged, List: ls.List}
	if got := staged.Band(60); got.Ordinal != 0 {
		t.Errorf("staged Band(60) = %+v, want none", got)
	}
}
