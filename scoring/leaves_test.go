package scoring

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// leavesModel has an indicator of every kind leaves reads: single
// questions read through their scale's index (one reversed, one under
// the zero policy, with a coverage rule), a treated number whose missing
// and invalid answers are imputed, numbers read plainly (in bins, and
// between goalposts reversed), multi-selects (a share; a count in bins,
// reversed, whose empty cell means nothing ticked) and an indicator of two
// questions, which always goes to leaf.
const leavesModel = `model:
  name: Leaves
  missing:
    min_coverage: 0.5
    codes: {"weiß nicht": unknown, "nz": not_applicable, "-9": blank}
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    pz: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    n: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {points: 1}]}
    mm: {type: multi, separator: ";", items: [Alpha, Beta, Gamma]}
    mc: {type: multi, separator: ",", score: count, empty: none, items: [{code: a, label: Eins}, {code: b, label: Zwei}, {code: c, label: Drei}], bins: [{max: 0, points: 0}, {max: 1, points: 0.25}, {points: 1}]}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn, reverse: true}
    - {id: Q3, scale: pz}
    - {id: Q4, scale: mm}
    - {id: Q5, scale: jn}
    - {id: Q6, scale: n}
    - {id: Q7, scale: jn}
    - {id: Q8, scale: pz, reverse: true}
    - {id: Q9, scale: mc, reverse: true}
  dimensions:
    - id: d1
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3, treatment: {impute: mean}}
        - {id: i4, question: Q4}
    - id: d2
      missing: {policy: zero, min_coverage: 0}
      indicators:
        - {id: i5, questions: [Q5, Q7]}
        - {id: i6, question: Q6}
        - {id: i7, question: Q7}
        - {id: i8, question: Q8}
        - {id: i9, question: Q9}
`

// TestLeavesAgainstLeaf: leaves, which reads the common answers in place,
// gives every indicator the node score leaf gives it and records the same
// findings in the same order — for answers in and outside the scales,
// missing codes, blanks, numbers to impute, a file without a column for a
// question and responses that stop early.
func TestLeavesAgainstLeaf(t *testing.T) {
	m, err := ParseModel("leaves.yaml", []byte(leavesModel))
	if err != nil {
		t.Fatal(err)
	}
	raw := [][]string{
		{"ja", "teilweise", "nein", "weiß nicht", "nz", "-9", "", "jein", "Ja", " ja "},
		{"ja", "teilweise", "nein", "weiß nicht", "nz", "", "jein"},
		{"0", "12", "55,5", "100", "101", "-1", "abc", "", "nz", "weiß nicht"},
		{"Alpha", "Alpha;Gamma", "", "Delta", "nz", "Gamma;Alpha", "Alpha; Gamma", "alpha", " ", "Alpha;Alpha", "Beta;", "weiß nicht", "-9", "Alpha;Beta;Gamma", "ALPHA;beta"},
		{"ja", "nein", "", "weiß nicht", "vielleicht"},
		{"0", "3", "9", "10", "500", "x", "", "1.234", "9,5", " 3", "3 ", "+3", "0009", "1e1", "-9", "nz", "weiß nicht", "10,000"},
		{"ja", "teilweise", "", "nz", "Nein"},
		{"0", "25", "37,5", "0.5", "100", "100,0", "-0", "-1", "101", "1.234", "12.500", "50 %", "1e2", " ", "nz", "-9", "Weiß nicht", "1234567890123456", ".5", "5."},
		{"a", "a,b", "b,a", "Eins,Drei", "a,b,c", "", " ", "d", "nz", "a,a", "Zwei", "weiß nicht"},
	}
	full := &Source{File: "a.csv", Columns: []int{2, 3, 4, 5, 6, 7, 8, 9, 10}}
	gap := &Source{File: "b.csv", Columns: []int{2, 0, 4, 5, 6, 7, 8, 0, 0}} // no column for Q2, Q8 and Q9
	for seed := range uint64(60) {
		r := rand.New(rand.NewPCG(seed, 3))
		// Odd seeds keep the answers in one book, as a file's reader does:
		// leaves then reads a code met before from its worker's memo.
		var book *AnswerBook
		if seed%2 == 1 {
			book = NewAnswerBook(len(m.Questions))
		}
		var rs []*Response
		for u := range 40 + r.IntN(200) {
			answers := make([]string, len(m.Questions))
			for q := range answers {
				answers[q] = raw[q][r.IntN(len(raw[q]))]
			}
			src := full
			switch r.IntN(6) {
			case 0:
				src = gap
			case 1:
				answers = answers[:r.IntN(len(answers))] // a response that stops early
			case 2:
				src = nil
			}
			a := AnswersOf(answers...)
			if book != nil {
				a = book.Add(answers)
			}
			rs = append(rs, &Response{Wave: "1", Unit: Unit{ID: UnitID(fmt.Sprintf("U%03d", u))}, Answers: a, Source: src, Row: u + 2})
		}
		fast, fastIssues := scoreLeaves(m, rs, true)
		slow, slowIssues := scoreLeaves(m, rs, false)
		for i := range fast {
			for _, n := range m.Nodes {
				if n.Kind == KindIndicator && fast[i].Nodes.At(n.Index) != slow[i].Nodes.At(n.Index) {
					t.Fatalf("seed %d, %s %v, %s: leaves %+v, leaf %+v", seed, rs[i].Unit.ID, rs[i].Answers, n.ID,
						fast[i].Nodes.At(n.Index), slow[i].Nodes.At(n.Index))
				}
			}
		}
		if len(fastIssues) == 0 || !reflect.DeepEqual(fastIssues, slowIssues) {
			t.Fatalf("seed %d: leaves found %d issues, leaf %d (or they differ)", seed, len(fastIssues), len(slowIssues))
		}
	}
}

// scoreLeaves scores the indicators of rs as aggregate does, by leaves
// (fast) or by leaf for each indicator, on one worker.
func scoreLeaves(m *Model, rs []*Response, fast bool) ([]UnitResult, []Issue) {
	w := &waveRun{m: m, q: m.questionnaire("1"), res: &Results{Model: m}, wave: "1", rs: rs}
	w.units = make([]UnitResult, len(rs))
	w.allocate()
	w.treatWave()
	w.plan()
	leaves, _ := w.partition()
	steps, at := w.leafSteps(leaves)
	wk := &worker{w: w, lo: 0, hi: len(rs)}
	for i := range rs {
		if fast {
			wk.leaves(i, steps, at)
			continue
		}
		for _, li := range leaves {
			wk.leaf(i, m.Nodes[li])
		}
	}
	return w.units, wk.issues
}
