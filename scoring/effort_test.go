package scoring_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// effortModel is a small model; extra is spliced into its model section,
// scaleExtra into scale jn, questionExtra into question Q1.
func effortModel(extra, scaleExtra, questionExtra string) string {
	return `model:
  name: T
` + extra + `  levels:
    bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}` + scaleExtra + `}
    n: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {points: 1}]}
    p: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    r: {type: numeric, min: 0, normalise: minmax}
    m: {type: multi, items: [{code: a, label: Alpha}, b, c]}
  questions:
    - {id: Q1, scale: jn` + questionExtra + `}
    - {id: Q2, scale: n}
    - {id: Q3, scale: p}
    - {id: Q4, scale: r}
    - {id: Q5, scale: m}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3}
        - {id: i4, question: Q4}
        - {id: i5, question: Q5}
`
}

func TestEfforts(t *testing.T) {
	tests := []struct {
		name                 string
		model, scale, qextra string
		// efforts of Q1's rungs (ja, teilweise, nein as declared), Q2's bins, Q5's items
		q1, q2, q5 []int
		clarify    int
	}{
		{name: "defaults", q1: []int{1, 1, 1}, q2: []int{1, 1, 1}, q5: []int{1, 1, 1}, clarify: 1},
		{name: "model default and clarify", model: "  effort: {default: 2, clarify: 3}\n",
			q1: []int{2, 2, 2}, q2: []int{2, 2, 2}, q5: []int{2, 2, 2}, clarify: 3},
		{name: "per answer of the scale", scale: ", effort: {teilweise: 2, JA: 5}",
			q1: []int{5, 2, 1}, q2: []int{1, 1, 1}, q5: []int{1, 1, 1}, clarify: 1},
		{name: "question overrides scale", scale: ", effort: {teilweise: 2, ja: 5}", qextra: ", effort: 4",
			q1: []int{4, 4, 4}, q2: []int{1, 1, 1}, q5: []int{1, 1, 1}, clarify: 1},
		{name: "question per answer", qextra: ", effort: {ja: 7}",
			q1: []int{7, 1, 1}, q2: []int{1, 1, 1}, q5: []int{1, 1, 1}, clarify: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("t.yaml", []byte(effortModel(tt.model, tt.scale, tt.qextra)))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				q    scoring.QuestionID
				want []int
			}{{"Q1", tt.q1}, {"Q2", tt.q2}, {"Q5", tt.q5}} {
				q := m.Question(c.q)
				var got []int
				for i := range m.Rungs(q.Scale) {
					got = append(got, m.StepEffort(q, i))
				}
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("%s: efforts %v, want %v", c.q, got, c.want)
				}
			}
			if got := m.ClarifyEffort(); got != tt.clarify {
				t.Errorf("clarify %d, want %d", got, tt.clarify)
			}
		})
	}
}

func TestEffortErrors(t *testing.T) {
	tests := []struct {
		name                 string
		model, scale, qextra string
		want                 string
	}{
		{name: "zero", model: "  effort: {default: 0}\n", want: "t.yaml:3:21: model.effort.default: an effort is a whole number from 1 to 1000000, got 0"},
		{name: "fraction", scale: ", effort: 1.5", want: `model.scales.jn.effort: an effort is a whole number from 1 to 1000000, got "1.5"`},
		{name: "unknown answer", scale: ", effort: {vielleicht: 2}", want: `model.scales.jn.effort: "vielleicht" is not an answer of scale "jn" (known: "ja", "teilweise", "nein")`},
		{name: "list on a map scale", qextra: ", effort: [1, 2, 3]", want: "model.questions[0].effort: give a number or a mapping answer → effort"},
		{name: "unknown key", model: "  effort: {defualt: 2}\n", want: `model.effort: unknown key "defualt" (known: default, clarify)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scoring.ParseModel("t.yaml", []byte(effortModel(tt.model, tt.scale, tt.qextra)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestEffortScaleErrors(t *testing.T) {
	base := `model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    s: %s
  questions: [{id: Q1, scale: s}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}]}]
`
	tests := []struct{ scale, want string }{
		{"{type: numeric, min: 0, bins: [{max: 0, points: 0}, {points: 1}], effort: [1, 2, 3]}", "model.scales.s.effort: want 2 efforts, one per bin or step, got 3"},
		{"{type: numeric, min: 0, bins: [{max: 0, points: 0}, {points: 1}], effort: {a: 1}}", "give a number or a list with one effort per bin or step"},
		{"{type: numeric, min: 0, bins: [{max: 0, points: 0}, {points: 1}], steps: [1, 2]}", "steps apply to numeric scales without bins"},
		{"{type: numeric, min: 0, max: 100, goalposts: [0, 100], steps: [50, 20]}", "model.scales.s.steps[1]: steps must rise, got 20 after 50"},
		{"{type: numeric, min: 0, max: 100, goalposts: [0, 100], steps: [50, 120]}", "step 120 is outside the scale's range"},
		{"{type: numeric, min: 0, normalise: minmax, effort: 2}", "a roadmap does not step on this scale"},
		{"{type: multi, items: [a, b], effort: {c: 2}}", `"c" is not an answer of scale "s" (known: "a", "b")`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := scoring.ParseModel("t.yaml", []byte(strings.Replace(base, "%s", tt.scale, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestSteps(t *testing.T) {
	m, err := scoring.ParseModel("t.yaml", []byte(effortModel("", "", "")))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    scoring.QuestionID
		want []float64
	}{
		{"Q1", nil}, {"Q2", nil}, {"Q3", []float64{0, 25, 50, 75, 100}}, {"Q4", nil}, {"Q5", nil},
	}
	for _, tt := range tests {
		if got := m.Steps(m.Question(tt.q).Scale); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: steps %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := m.Rungs(m.Question("Q4").Scale); got != 0 {
		t.Errorf("minmax scale has %d rungs, want 0", got)
	}
	m, err = scoring.ParseModel("t.yaml", []byte(strings.Replace(effortModel("", "", ""),
		"goalposts: [0, 100]}", "goalposts: [0, 100], steps: [10, 60, 100], effort: [1, 2, 4]}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	q3 := m.Question("Q3")
	if got := m.Steps(q3.Scale); !reflect.DeepEqual(got, []float64{10, 60, 100}) {
		t.Errorf("steps %v", got)
	}
	if got := m.StepEffort(q3, 2); got != 4 {
		t.Errorf("effort of step 100: %d, want 4", got)
	}
}

func TestTicked(t *testing.T) {
	m, err := scoring.ParseModel("t.yaml", []byte(effortModel("", "", "")))
	if err != nil {
		t.Fatal(err)
	}
	sc := m.Question("Q5").Scale
	tests := []struct {
		raw  string
		want []bool
		ok   bool
	}{
		{"a; c", []bool{true, false, true}, true},
		{"ALPHA;b", []bool{true, true, false}, true},
		{"a;x", nil, false},
		{"", nil, false},
	}
	for _, tt := range tests {
		got, ok := sc.Ticked(tt.raw)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Ticked(%q) = %v, %v; want %v, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}
