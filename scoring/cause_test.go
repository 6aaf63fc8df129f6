package scoring

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCauseTexts checks that every cause has a sentence in every language
// that names exactly its args, each once at least, and that Describer
// fills them in (a wrong number of args falls back to the English text
// rather than printing %!s(MISSING)).
func TestCauseTexts(t *testing.T) {
	index := regexp.MustCompile(`%\[(\d+)\]s`)
	for _, l := range []Language{German, English} {
		for c := Cause(1); c < causeEnd; c++ {
			text, ok := causeTexts[l][c]
			if !ok {
				t.Errorf("%s: cause %d has no text", l, c)
				continue
			}
			seen := map[int]bool{}
			for _, m := range index.FindAllStringSubmatch(text, -1) {
				n, _ := strconv.Atoi(m[1])
				seen[n] = true
			}
			if len(seen) != c.Args() {
				t.Errorf("%s: cause %d names %d args, Args() says %d: %s", l, c, len(seen), c.Args(), text)
			}
			for n := range seen {
				if n < 1 || n > c.Args() {
					t.Errorf("%s: cause %d names arg %d of %d", l, c, n, c.Args())
				}
			}
			args := make([]string, c.Args())
			for i := range args {
				args[i] = "‹" + strconv.Itoa(i+1) + "›"
			}
			got := NewDescriber(l).Reject(Reject{Cause: c, Args: args, Reason: "english"})
			for _, a := range args {
				if !strings.Contains(got, a) {
					t.Errorf("%s: cause %d: %q lacks %s", l, c, got, a)
				}
			}
			if strings.Contains(got, "%!") {
				t.Errorf("%s: cause %d: %q", l, c, got)
			}
		}
		if len(causeTexts[l]) != int(causeEnd)-1 {
			t.Errorf("%s: %d texts for %d causes", l, len(causeTexts[l]), causeEnd-1)
		}
	}
}

func TestDescriberReason(t *testing.T) {
	tests := []struct {
		name string
		lang Language
		rj   Reject
		want string
	}{
		{"german", German, Reject{Cause: CauseNotInRegister, Args: []string{"14009999", "sachsen"}, Reason: "bad id: AGS 14009999 is not in register sachsen"},
			"Der AGS 14009999 steht nicht im Verzeichnis sachsen."},
		{"english", English, Reject{Cause: CauseNotInRegister, Args: []string{"14009999", "sachsen"}, Reason: "bad id: AGS 14009999 is not in register sachsen"},
			"AGS 14009999 is not in register sachsen."},
		{"no cause: the importer's text", German, Reject{Reason: "from elsewhere"}, "from elsewhere"},
		{"args missing: the importer's text", German, Reject{Cause: CauseNotInRegister, Args: []string{"14009999"}, Reason: "bad id"}, "bad id"},
		{"unknown cause", German, Reject{Cause: causeEnd, Reason: "x"}, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewDescriber(tt.lang).Reject(tt.rj); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	is := Issue{Cause: CauseLowCoverage, Args: []string{"14521020", "Strategie", "40", "60"}, Message: "english"}
	if got, want := NewDescriber(German).Issue(is), "14521020: Strategie nicht bewertet: 40 % beantwortet, 60 % nötig."; got != want {
		t.Errorf("issue: got %q, want %q", got, want)
	}
}
