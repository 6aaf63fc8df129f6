package scoring

import (
	"strings"
	"testing"
)

// TestOptionalQuestions: optional: true on a question, or on an indicator
// that declares its own question, makes the question optional; on a
// dimension, on an indicator of a question declared elsewhere, or beside
// required: true it is an error with its line.
func TestOptionalQuestions(t *testing.T) {
	const head = `model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
`
	tests := []struct {
		name, src string
		optional  map[QuestionID]bool
		err       string
	}{
		{name: "declared", src: `  questions:
    - {id: A, scale: jn, optional: true}
    - {id: B, scale: jn, required: true}
    - {id: C, scale: jn}
  dimensions:
    - {id: d, indicators: [{id: a, question: A}, {id: b, question: B}, {id: c, question: C}]}
`, optional: map[QuestionID]bool{"A": true, "B": false, "C": false}},
		{name: "compact", src: `  dimensions:
    - {id: d, indicators: [{id: a, question: A, scale: jn, optional: true}, {id: b, question: B, scale: jn}]}
`, optional: map[QuestionID]bool{"A": true, "B": false}},
		{name: "both", src: `  questions:
    - {id: A, scale: jn, optional: true, required: true}
  dimensions:
    - {id: d, indicators: [{id: a, question: A}]}
`, err: `t.yaml:6:7: model.questions[0]: question "A" is required and optional`},
		{name: "on a dimension", src: `  dimensions:
    - {id: d, optional: true, indicators: [{id: a, question: A, scale: jn}]}
`, err: `t.yaml:6:7: model.dimensions[0].optional: optional belongs to a question, not a dimension`},
		{name: "question declared elsewhere", src: `  questions:
    - {id: A, scale: jn}
  dimensions:
    - {id: d, indicators: [{id: a, question: A, optional: true}]}
`, err: `t.yaml:8:28: model.dimensions[0].indicators[0].optional: question "A" is declared under questions: say optional: true there`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel("t.yaml", []byte(head+tt.src))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Errorf("error %v, want %s…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range tt.optional {
				if got := m.Question(id).Optional; got != want {
					t.Errorf("question %s optional %v, want %v", id, got, want)
				}
			}
		})
	}
}

func TestColumnRoleText(t *testing.T) {
	for r := ColumnUnused; r <= ColumnAnswer; r++ {
		b, _ := r.MarshalText()
		var back ColumnRole
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Errorf("%v: round trip gives %v, %v", r, back, err)
		}
	}
	var r ColumnRole
	if err := r.UnmarshalText([]byte("colour")); err == nil {
		t.Error("unknown role accepted")
	}
}

func TestDatasetFatal(t *testing.T) {
	d := &Dataset{Issues: []Issue{{Kind: IssueDuplicate}, {Kind: IssueMissingQuestion, Question: "A", Fatal: true},
		{Kind: IssueMissingQuestion, Question: "B"}}}
	if got := d.Fatal(); len(got) != 1 || got[0].Question != "A" {
		t.Errorf("Fatal() = %+v, want the finding about A", got)
	}
}
