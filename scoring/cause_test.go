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

// TestDescriberARSRead: the note on ids read from Regionalschlüssel
// speaks of one as of many — "Spalte 1: 1 Kennungen sind …" was its
// German of a file with one ARS among AGS — and groups the count as every
// count reifegrad prints ("10786 Kennungen" of a national file).
func TestDescriberARSRead(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang Language
		args []string // column, count, first row
		want string
	}{
		{"one", German, []string{"1", "1", "4"}, "Spalte 1 enthält Regionalschlüssel (ARS, 12 Ziffern) statt AGS – Anzahl: 1, der erste in Zeile 4; jeder wird als AGS aus seinen ersten fünf und letzten drei Ziffern gelesen."},
		{"a nation's", German, []string{"1", "10786", "2"}, "Spalte 1 enthält Regionalschlüssel (ARS, 12 Ziffern) statt AGS – Anzahl: 10.786, der erste in Zeile 2; jeder wird als AGS aus seinen ersten fünf und letzten drei Ziffern gelesen."},
		{"one, English", English, []string{"1", "1", "4"}, "Column 1 holds regional keys (ARS, 12 digits) instead of AGS — count: 1, the first in row 4; each is read as the AGS of its first five and last three digits."},
		{"a nation's, English", English, []string{"1", "10786", "2"}, "Column 1 holds regional keys (ARS, 12 digits) instead of AGS — count: 10,786, the first in row 2; each is read as the AGS of its first five and last three digits."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewDescriber(tt.lang).Issue(Issue{Cause: CauseARSRead, Args: tt.args, Message: "english"}); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDescriberCounts: counts in a finding or a reject are grouped as
// the language groups them, as every count reifegrad prints; the German
// pages read "Die Zelle enthält 10485760 Zeichen, erlaubt sind höchstens
// 32767" and "ausgeblendete Zeilen …, 1500: …". Row numbers stay as they
// are ("Zeilen 2–1501").
func TestDescriberCounts(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cause  Cause
		args   []string
		de, en string
	}{
		{"a long cell", CauseLongCell, []string{"10485760", "32767"},
			"Die Zelle enthält 10.485.760 Zeichen, erlaubt sind höchstens 32.767 (wie in Excel).",
			"The cell holds 10,485,760 characters, at most 32,767 are allowed (as in Excel)."},
		{"hidden rows", CauseHiddenRows, []string{"1500", "2–1501"},
			"In der Arbeitsmappe ausgeblendete Zeilen (ein Filter, eine Gruppierung), 1.500: 2–1501; sie werden wie jede Zeile gelesen. Zeilen, die nicht zählen sollen, bitte löschen.",
			"Rows hidden in the workbook (a filter, a grouping), 1,500: 2–1501; they are read like every row. Delete those that should not count."},
		{"few extra fields", CauseExtraFields, []string{"8", "6"},
			"Die Zeile hat 8 Felder, die Kopfzeile 6: Werte jenseits der Kopfzeile gehören zu keiner Frage.",
			"The row has 8 fields, the header 6: values beyond the header belong to no question."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for lang, want := range map[Language]string{German: tt.de, English: tt.en} {
				if got := NewDescriber(lang).Reject(Reject{Cause: tt.cause, Args: tt.args, Reason: "english"}); got != want {
					t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
				}
			}
		})
	}
}
