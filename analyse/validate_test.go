package analyse

import (
	"math"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

const validateModel = `model:
  name: V
  missing: {codes: {nz: not_applicable}}
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    p: {type: numeric, min: 0, max: 1}
  dimensions:
    - id: A
      indicators:
        - {id: a1, question: Q1, scale: p}
        - {id: a2, question: Q2, scale: p}
    - id: B
      indicators:
        - {id: b1, question: Q3, scale: p}
        - {id: b2, question: Q4, scale: p}
        - {id: b3, question: Q5, scale: p}
`

func mustModel(t *testing.T, src string) *scoring.Model {
	t.Helper()
	m, err := scoring.ParseModel("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func dataset(rows ...[]string) *scoring.Dataset {
	ds := &scoring.Dataset{}
	for i, ans := range rows {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(ans...),
			Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + i))}})
	}
	return ds
}

// TestValidateByHand: A's two indicators are equal (α 1, a near-duplicate,
// one component); B's first two mirror each other (r = −1: negative inside
// B and a near-duplicate). b3 is 0 twice, 1 once, missing once and not
// applicable once; on the three units with all of B, b2 = (.4, .8, 0) and
// b3 = (0, 0, 1) have r = −0.4/√(0.32·2/3) = −0.866: negative inside B,
// not a near-duplicate; b1 correlates +0.866 with b3 and 0.3 with a1.
func TestValidateByHand(t *testing.T) {
	m := mustModel(t, validateModel)
	ds := dataset(
		[]string{"0.1", "0.1", "0.6", "0.4", "0"},
		[]string{"0.3", "0.3", "0.2", "0.8", "0"},
		[]string{"0.5", "0.5", "1", "0", "1"},
		[]string{"0.7", "0.7", "0.4", "0.6", ""},
		[]string{"0.9", "0.9", "0.8", "0.2", "nz"},
	)
	r := scoring.Score(m, ds)
	// A minimum group of 3 lets the figures of b3 (3 units) be shown.
	v := Validate(r, 0, scoring.NewDisclosure(r, 3))
	if v.Suppressed || v.Units != 5 {
		t.Fatalf("suppressed %v units %d", v.Suppressed, v.Units)
	}
	a := relOf(t, v, m, "A")
	if a.N != 5 || !near(a.Alpha, 1) || !near(a.ItemRest[0], 1) || !near(a.FirstComponent, 1) {
		t.Errorf("A: %+v", a)
	}
	var flags []string
	for _, f := range v.Flags {
		flags = append(flags, f.Kind.String()+":"+string(m.Nodes[f.A].ID)+"-"+string(m.Nodes[f.B].ID))
	}
	want := []string{"near_duplicate:a1-a2", "negative_inside:b1-b2", "near_duplicate:b1-b2", "negative_inside:b2-b3"}
	if !equalStrings(flags, want) {
		t.Errorf("flags %v, want %v", flags, want)
	}
	if r := v.Pearson[5][6]; !near(r, -0.4/math.Sqrt(0.32*2/3)) {
		t.Errorf("r(b2, b3) = %v", r)
	}
	if r := v.Pearson[1][4]; !near(r, 0.3) {
		t.Errorf("r(a1, b1) = %v, want 0.3", r)
	}
	b3 := v.Indicators[4]
	// 3 scored of the 4 it applies to: missing 1/4; two at 0, one at 100.
	if b3.N != 3 || b3.NotApplicable != 1 || !near(b3.Missing, 0.25) || !near(b3.Floor, 2.0/3) || !near(b3.Ceiling, 1.0/3) {
		t.Errorf("b3: %+v", b3)
	}
	if !math.IsNaN(b3.Kurtosis) {
		t.Errorf("b3: kurtosis of 3 numbers %v, want NaN", b3.Kurtosis)
	}
	// Suppressed below the minimum group size: nothing computed.
	if v := Validate(r, 0, scoring.NewDisclosure(r, 6)); !v.Suppressed || v.Reliability != nil || v.Pearson != nil {
		t.Errorf("6 needed, 5 units: %+v", v)
	}
}

func relOf(t *testing.T, v *Validation, m *scoring.Model, id string) Reliability {
	t.Helper()
	for _, rel := range v.Reliability {
		if m.Nodes[rel.Node].ID == scoring.NodeID(id) {
			return rel
		}
	}
	t.Fatalf("no reliability for %s", id)
	return Reliability{}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestValidateSmallGroups: figures over fewer units than the minimum
// group size are suppressed, though the wave is large enough: a node
// whose items few units have, an indicator few units answered, a pair
// few units share.
func TestValidateSmallGroups(t *testing.T) {
	m := mustModel(t, validateModel)
	rows := [][]string{}
	for i := range 8 {
		x := strconv.FormatFloat(float64(i)/10, 'f', -1, 64)
		b3 := ""
		if i < 4 {
			b3 = x // 4 units only
		}
		rows = append(rows, []string{x, x, x, x, b3})
	}
	r := scoring.Score(m, dataset(rows...))
	v := Validate(r, 0, scoring.NewDisclosure(r, 5))
	if b := relOf(t, v, m, "B"); !b.Suppressed || b.N != 4 || !math.IsNaN(b.Alpha) || !math.IsNaN(b.ItemRest[0]) {
		t.Errorf("B (4 complete units): %+v", b)
	}
	if a := relOf(t, v, m, "A"); a.Suppressed || a.N != 8 {
		t.Errorf("A: %+v", a)
	}
	if d := v.Indicators[4]; !d.Suppressed || d.N != 4 || !math.IsNaN(d.Floor) || !math.IsNaN(d.Skewness) {
		t.Errorf("b3: %+v", d)
	}
	if !math.IsNaN(v.Pearson[1][6]) || v.Pairs[1][6] != 4 || math.IsNaN(v.Pearson[1][4]) {
		t.Errorf("a1 ~ b3 over 4 units: r %v (pairs %d); a1 ~ b1 r %v", v.Pearson[1][6], v.Pairs[1][6], v.Pearson[1][4])
	}
	for _, f := range v.Flags {
		if f.A == m.Node("b3").Index || f.B == m.Node("b3").Index {
			t.Errorf("flag over 4 units: %+v", f)
		}
	}
}

// TestValidateAnyCores: the correlation pairs go to the cores; the
// matrices and the flags must not depend on how many there are. Eight
// indicators in two dimensions over 40 units, half of them built to
// correlate negatively or nearly perfectly so that there are flags of
// both kinds; the flags must be in row order of the matrix (a, then b),
// as one core finds them.
func TestValidateAnyCores(t *testing.T) {
	src := `model:
  name: V
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    p: {type: numeric, min: 0, max: 1}
  dimensions:
    - id: A
      indicators:
        - {id: a1, question: Q1, scale: p}
        - {id: a2, question: Q2, scale: p}
        - {id: a3, question: Q3, scale: p}
        - {id: a4, question: Q4, scale: p}
    - id: B
      indicators:
        - {id: b1, question: Q5, scale: p}
        - {id: b2, question: Q6, scale: p}
        - {id: b3, question: Q7, scale: p}
        - {id: b4, question: Q8, scale: p}
`
	var rows [][]string
	for i := range 40 {
		x := float64((i*37)%40) / 40
		y := float64((i*11)%40) / 40
		f := func(v float64) string { return strconv.FormatFloat(min(max(v, 0), 1), 'f', 4, 64) }
		row := []string{f(x), f(1 - x), f(x + 0.01*float64(i%3)), f(y), f(y), f(1 - y), f(x*y + 0.1), f(float64(i%5) / 5)}
		if i%7 == 0 {
			row[3] = "" // some pairs with fewer units
		}
		rows = append(rows, row)
	}
	r := scoreRows(t, src, rows...)
	d := scoring.NewDisclosure(r, 5)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := Validate(r, 0, d)
	runtime.GOMAXPROCS(4)
	four := Validate(r, 0, d)
	if len(one.Flags) < 4 {
		t.Fatalf("only %d flags: the data should give several of both kinds", len(one.Flags))
	}
	same := func(a, b [][]float64) bool {
		for i := range a {
			for j := range a[i] {
				if math.Float64bits(a[i][j]) != math.Float64bits(b[i][j]) {
					return false
				}
			}
		}
		return len(a) == len(b)
	}
	if !same(one.Pearson, four.Pearson) || !same(one.Spearman, four.Spearman) || !reflect.DeepEqual(one.Pairs, four.Pairs) {
		t.Error("the correlation matrices differ between 1 and 4 cores")
	}
	if !reflect.DeepEqual(one.Flags, four.Flags) {
		t.Errorf("flags differ:\n1 core:  %v\n4 cores: %v", one.Flags, four.Flags)
	}
	// Row order: each flag's (a, b) position in Nodes does not go back.
	pos := map[int]int{}
	for i, n := range four.Nodes {
		pos[n] = i
	}
	for i := 1; i < len(four.Flags); i++ {
		p, q := four.Flags[i-1], four.Flags[i]
		if pos[q.A] < pos[p.A] || pos[q.A] == pos[p.A] && pos[q.B] < pos[p.B] {
			t.Errorf("flag %d (%v) before flag %d (%v): not in row order", i-1, p, i, q)
		}
	}
}

// TestNoNegativeFromRounding: two indicators whose correlation is 0 (y is
// symmetric, x a straight line) come out of the sums as −1.3e-16; that is
// rounding, not a negative correlation, and the overview flagged it as
// "negativ innerhalb" beside "r = 0,00" (review 9b). A true negative one
// (b1, b2 mirrored) is still flagged.
func TestNoNegativeFromRounding(t *testing.T) {
	m := mustModel(t, validateModel)
	a1, a2, b1, b2 := m.Node("a1").Index, m.Node("a2").Index, m.Node("b1").Index, m.Node("b2").Index
	cols := make([][]float64, len(m.Nodes))
	cols[a1] = []float64{58.300000000000004, 70.7, 83.10000000000001, 95.5}
	cols[a2] = []float64{86.4, 70.4, 70.4, 86.4}
	cols[b1] = []float64{10, 40, 20, 30}
	cols[b2] = []float64{40, 10, 30, 20}
	v := &Validation{Nodes: []int{a1, a2, b1, b2}}
	v.correlations(m, cols, scoring.NewDisclosure(&scoring.Results{Model: m}, 2))
	if p := v.Pearson[0][1]; !(p < 0 && p > -1e-15) {
		t.Fatalf("r(a1, a2) = %g: the rounding this test is about did not happen", p)
	}
	var flags []string
	for _, f := range v.Flags {
		flags = append(flags, f.Kind.String()+":"+string(m.Nodes[f.A].ID)+"-"+string(m.Nodes[f.B].ID))
	}
	if want := []string{"negative_inside:b1-b2", "near_duplicate:b1-b2"}; !equalStrings(flags, want) {
		t.Errorf("flags %v, want %v", flags, want)
	}
}

// TestValidateHiddenWaveCount: the number of units with an overall score
// is a count over the wave's units (scoring.Disclosure.Units), hidden with
// the wave's other figures where it is too small — 'analyse' printed
// "Welle 2028: 2 Einheiten mit Gesamtwert" for a wave of 3, whose overview
// shows "• mit Gesamtwert" (review 10). By hand: 3 units, one answering
// nothing; at a minimum of 5 the count is hidden and only the 3
// participants are told, at 3 the 2 scored are.
func TestValidateHiddenWaveCount(t *testing.T) {
	m := mustModel(t, validateModel)
	r := scoring.Score(m, dataset(
		[]string{"0.1", "0.1", "0.6", "0.4", "0"},
		[]string{"0.3", "0.3", "0.2", "0.8", "0"},
		[]string{"", "", "", "", ""},
	))
	for _, tt := range []struct {
		min, units   int
		hidden       bool
		participants int
		suppressed   bool
	}{{5, 0, true, 3, true}, {3, 2, false, 3, true}, {2, 2, false, 3, false}} {
		v := Validate(r, 0, scoring.NewDisclosure(r, tt.min))
		if v.Units != tt.units || v.UnitsHidden != tt.hidden || v.Participants != tt.participants || v.Suppressed != tt.suppressed {
			t.Errorf("min %d: units %d hidden %v participants %d suppressed %v, want %d %v %d %v", tt.min, v.Units, v.UnitsHidden,
				v.Participants, v.Suppressed, tt.units, tt.hidden, tt.participants, tt.suppressed)
		}
	}
}

// TestValidateUnaskedIndicator: an indicator whose question a wave did
// not ask (new since) is no part of that wave's analysis. analyse --wave
// 2024 on the example listed ISMS (new in 2028) with n 0, "100 % fehlend",
// and gave no reliability for IT & Informationssicherheit ("• weniger als 5
// Kommunen": no unit had all seven parts), though 297 had the six the wave
// asked. Here b3 is new in wave 2; wave 1's B is b1 and b2, whose figures
// numpy gives: α 0.8899876390605685, r 0.801783725737273, first component
// 0.9008918628686364 (and A's α 0.9262202043132803).
func TestValidateUnaskedIndicator(t *testing.T) {
	m := mustModel(t, strings.Replace(validateModel, "  scales:", `  waves:
    - id: "1"
    - id: "2"
      changes: {new: [Q5]}
  scales:`, 1))
	ds := &scoring.Dataset{}
	for w, rows := range map[scoring.WaveID][][]string{
		"1": {{"0.1", "0.2", "0.3", "0.5"}, {"0.4", "0.3", "0.6", "0.4"}, {"0.5", "0.7", "0.2", "0.1"},
			{"0.9", "0.8", "0.8", "0.9"}, {"0.3", "0.1", "0.5", "0.6"}, {"0.6", "0.6", "0.9", "0.7"}},
		"2": {{"0.1", "0.2", "0.3", "0.5", "1"}, {"0.4", "0.3", "0.6", "0.4", "0"}, {"0.5", "0.7", "0.2", "0.1", "1"},
			{"0.9", "0.8", "0.8", "0.9", "0"}, {"0.3", "0.1", "0.5", "0.6", "1"}, {"0.6", "0.6", "0.9", "0.7", "0"}},
	} {
		for i, ans := range rows {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: w, Answers: scoring.AnswersOf(ans...),
				Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + i))}})
		}
	}
	r := scoring.Score(m, ds)
	wi := slices.IndexFunc(r.Waves, func(w scoring.Wave) bool { return w.ID == "1" })
	v := Validate(r, wi, scoring.NewDisclosure(r, 5))
	b := relOf(t, v, m, "B")
	var items []string
	for _, it := range b.Items {
		items = append(items, string(m.Nodes[it].ID))
	}
	if !equalStrings(items, []string{"b1", "b2"}) || b.N != 6 || b.Suppressed {
		t.Fatalf("B: items %v, n %d, suppressed %v; want b1, b2 over 6 units", items, b.N, b.Suppressed)
	}
	if !near(b.Alpha, 0.8899876390605685) || !near(b.ItemRest[0], 0.801783725737273) || !near(b.ItemRest[1], 0.801783725737273) ||
		!near(b.FirstComponent, 0.9008918628686364) {
		t.Errorf("B: α %v, item–rest %v, first component %v; numpy 0.88999, 0.80178, 0.90089", b.Alpha, b.ItemRest, b.FirstComponent)
	}
	if a := relOf(t, v, m, "A"); !near(a.Alpha, 0.9262202043132803) {
		t.Errorf("A: α %v, numpy 0.9262202043132803", a.Alpha)
	}
	b3 := m.Node("b3").Index
	for _, d := range v.Indicators {
		if d.Node == b3 {
			t.Errorf("b3, not asked in wave 1, among its distributions: %+v", d)
		}
	}
	if len(v.Indicators) != 4 || slices.Contains(v.Nodes, b3) {
		t.Errorf("wave 1: %d distributions (want 4), correlated nodes %v (want no b3)", len(v.Indicators), v.Nodes)
	}
	// Wave 2 asked b3: all three parts.
	v2 := Validate(r, 1-wi, scoring.NewDisclosure(r, 5))
	if b := relOf(t, v2, m, "B"); len(b.Items) != 3 || len(v2.Indicators) != 5 {
		t.Errorf("wave 2: B's items %v, %d distributions; want 3 and 5", b.Items, len(v2.Indicators))
	}
}
