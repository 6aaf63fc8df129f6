package catalogtest

import (
	"fmt"
	"strings"
	"testing"
)

// recorder collects what Check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

type text struct {
	Title  string
	CountF string // %d: a count
	Words  [2]string
	Kinds  map[int]string
	code   string
	Lang   uint8
}

func TestCheck(t *testing.T) {
	good := text{Title: "Titel", CountF: "%d Einheiten", Words: [2]string{"eine", "viele"}, Kinds: map[int]string{1: "a", 2: "b"}, code: "x", Lang: 0}
	tests := []struct {
		name string
		en   text
		want []string
	}{
		{"complete", text{Title: "Title", CountF: "%d units", Words: [2]string{"one", "many"}, Kinds: map[int]string{1: "a", 2: "b"}, code: "y", Lang: 1}, nil},
		{"empty text", text{Title: "", CountF: "%d units", Words: [2]string{"one", "many"}, Kinds: map[int]string{1: "a", 2: "b"}, code: "y"},
			[]string{`Title (de vs en): empty text ("Titel", "")`}},
		{"verbs differ", text{Title: "Title", CountF: "%s units", Words: [2]string{"one", "%d"}, Kinds: map[int]string{1: "a", 2: "b"}, code: "y"},
			[]string{"CountF (de vs en): format verbs [%d] and [%s]", "Words[1] (de vs en): format verbs [] and [%d]"}},
		{"map keys differ", text{Title: "Title", CountF: "%d units", Words: [2]string{"one", "many"}, Kinds: map[int]string{1: "a", 3: "c"}, code: "y"},
			[]string{"Kinds (de vs en): no entry 2 in en", "Kinds (de vs en): no entry 3 in de"}},
		{"unexported empty", text{Title: "Title", CountF: "%d units", Words: [2]string{"one", "many"}, Kinds: map[int]string{1: "a", 2: "b"}},
			[]string{`code (de vs en): empty text ("x", "")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, "de", map[string]any{"de": &good, "en": tt.en})
			if strings.Join(r.errs, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(r.errs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
