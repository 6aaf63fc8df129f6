package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func init() {
	fixtures = append(fixtures, fixture{file: "long.csv", write: writeLong, opt: func(tb testing.TB, m *scoring.Model) Options {
		opt := baseOptions(tb)
		opt.Layout = LayoutLong
		return opt
	}})
}

// writeLong writes the answers in the long ("tidy") layout, as R's
// pivot_longer or a database query writes them: a row per municipality,
// question and answer; a multiple choice question has a row per ticked
// option; a question not answered has no row.
func writeLong() ([]byte, error) {
	rows := [][]string{{"ags", "gemeinde", "frage", "antwort"}}
	for _, a := range testAnswers {
		add := func(q, v string) {
			if v != "" {
				rows = append(rows, []string{a.ags, a.name, q, v})
			}
		}
		add("S01", a.s01)
		add("S02", a.s02)
		add("O02", germanNumber(a.o02))
		add("P06", germanNumber(a.p06))
		for _, label := range itemLabels(a.o03) {
			add("O03", label)
		}
		add("I01_01", a.i01)
		add("I01_02", a.i02)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	err := w.WriteAll(rows)
	return buf.Bytes(), err
}

// TestLongLayout: rows that cannot be part of a response are rejected with
// their place; item names with ticks work; a question without rows is the
// usual finding; an answer's place is its own row.
func TestLongLayout(t *testing.T) {
	m := mustModel(t)
	in := strings.Join([]string{
		"ags;frage;antwort",
		"14612000;S01;ja",
		"14612000;S02;trifft zu",
		"14612000;O02;12",
		"14612000;P06;50",
		"14612000;O03[ePayBL];1",
		"14612000;O03[PayPal];0",
		"14612000;I01_01;ja",
		"14612000;S0l;nein",
		"14612000;S01;nein",
		"14713000;S01;vielleicht",
		"14713000;O03;",
		"",
	}, "\n")
	ds, err := Read(strings.NewReader(in), "lang.csv", m, Options{Wave: scoring.Wave{ID: "2026"}, Layout: LayoutLong})
	if err != nil {
		t.Fatal(err)
	}
	var rejects []string
	for _, r := range ds.Rejects {
		rejects = append(rejects, r.Position()+": "+r.Reason)
	}
	wantRejects := []string{
		`lang.csv:9:2: question "S0l" is not in the model`,
		"lang.csv:10:3: unit 14612000 answers question S01 twice in this file (rows 2 and 10): which answer counts is not clear",
	}
	if !reflect.DeepEqual(rejects, wantRejects) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(rejects, "\n"), strings.Join(wantRejects, "\n"))
	}
	if len(ds.Responses) != 2 {
		t.Fatalf("%d responses, want 2", len(ds.Responses))
	}
	r := ds.Responses[0]
	if got := fmt.Sprint(r.Answers); got != "[ja trifft zu 12 50 epaybl ja ]" || r.Row != 2 {
		t.Errorf("answers %s in row %d", got, r.Row)
	}
	if got := ds.Responses[1].Answers.At(qO03); got != "" {
		t.Errorf("a row without an item gives %q, want not answered", got)
	}
	var missing []string
	for _, is := range missingOf(ds) {
		missing = append(missing, is.String())
	}
	want := []string{`lang.csv: missing column: question I01_02 ("Gibt es eine Offline-Datensicherung?") has no column in the input of wave 2026`}
	if !reflect.DeepEqual(missing, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(missing, "\n"), strings.Join(want, "\n"))
	}
	res := scoring.Score(m, ds)
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueUnknownAnswer && is.Place != "lang.csv:11:3" {
			t.Errorf("unknown answer placed at %s, want lang.csv:11:3 (its row, the answer column)", is.Place)
		}
	}
	in0 := ds.Inputs[0]
	var roles []string
	for _, c := range in0.Columns {
		roles = append(roles, c.Role.String())
	}
	if !in0.Long || !reflect.DeepEqual(roles, []string{"id", "question code", "answer"}) {
		t.Errorf("input %+v", in0)
	}
}

// TestLongLayoutMissingQuestionSuggests: a question without rows is told
// which unknown codes of the question column look like it.
func TestLongLayoutMissingQuestionSuggests(t *testing.T) {
	in := "ags;frage;antwort\n14612000;S0l;ja\n14612000;S02;trifft zu\n14612000;O02;1\n14612000;P06;1\n14612000;O03;PayPal\n14612000;I01_01;ja\n14612000;I01_02;ja\n"
	ds, err := Read(strings.NewReader(in), "lang.csv", mustModel(t), Options{Wave: scoring.Wave{ID: "2026"}, Layout: LayoutLong})
	if err != nil {
		t.Fatal(err)
	}
	got := missingOf(ds)
	want := `lang.csv: missing column: question S01 ("Gibt es eine beschlossene Digitalisierungsstrategie?") has no column in the input of wave 2026 (did you mean "S0l" (rows of question column 2)?)`
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("findings %v\nwant %s", got, want)
	}
}

func TestLongLayoutNeedsItsColumns(t *testing.T) {
	_, err := Read(strings.NewReader("ags;fragen;antwort\n14612000;S01;ja\n"), "lang.csv", mustModel(t), Options{Layout: LayoutLong})
	want := `lang.csv:1: missing column: no question column ("question", "frage", "item", "variable" or "code") for survey.layout: long in the header (did you mean "fragen"?)`
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// TestLongLayoutRefusesAQuestionColumn: a long file whose header also
// holds a question's own column (fuzzing found "I01_01 " beside frage
// and antwort) is refused at that column: its cell of each unit's first
// row was read as an answer without a row of its own, beside or over the
// answers of the rows.
func TestLongLayoutRefusesAQuestionColumn(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"question", "ags;frage;antwort;I01_01 \n14612000;I01_02;ja;nein\n",
			`lang.csv:1:4: a question's column in a long file: column "I01_01" is question I01_01's own column, as in a wide file, but with survey.layout: long every answer is a row, its question in column 2 and the answer in column 3: leave the column out or read the file with survey.layout: wide`},
		{"item", "antwort;frage;O03[ePayBL];ags\n1;S01;1;14612000\n",
			`lang.csv:1:3: a question's column in a long file: column "O03[ePayBL]" is question O03's own column, as in a wide file, but with survey.layout: long every answer is a row, its question in column 2 and the answer in column 1: leave the column out or read the file with survey.layout: wide`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "lang.csv", mustModel(t), Options{Wave: scoring.Wave{ID: "2026"}, Layout: LayoutLong})
			if err == nil || err.Error() != tc.want || !errors.Is(err, ErrMixedLayout) {
				t.Errorf("error %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]Layout{"": LayoutWide, "wide": LayoutWide, "long": LayoutLong, "Tidy": LayoutLong} {
		if got, err := ParseLayout(in); err != nil || got != want {
			t.Errorf("ParseLayout(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseLayout("diagonal"); err == nil {
		t.Error("unknown layout accepted")
	}
}

// FuzzReadLong reads arbitrary files in the long layout: it must not
// panic, every reject names its row and reason, and every answer of a
// response has the row it came from.
func FuzzReadLong(f *testing.F) {
	if b, err := writeLong(); err == nil {
		f.Add(b)
	}
	f.Add([]byte("ags;frage;antwort\n14612000;O03[ePayBL];1\n14612000;S01;ja\n14612000;S01;nein\n;;\n"))
	f.Add([]byte("ags;welle;frage;antwort\n14612000;2024;S01;ja\n14612000;2026;S01;nein\n"))
	m := mustModel(f)
	reg := mustRegister(f, "sachsen")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, opt := range []Options{
			{Layout: LayoutLong, UnitsAreMunicipalities: true, Register: reg},
			{Layout: LayoutLong, WaveColumn: "welle", Duplicates: RejectAll},
		} {
			ds, err := Read(bytes.NewReader(b), "f.csv", m, opt)
			if err != nil {
				continue
			}
			for _, r := range ds.Rejects {
				if r.Row <= 0 || r.Reason == "" {
					t.Fatalf("reject %+v", r)
				}
			}
			for _, r := range ds.Responses {
				if r.Unit.ID == "" || r.Answers.Len() != len(m.Questions) || r.Source == nil {
					t.Fatalf("response %+v", r)
				}
				for q, a := range r.Answers.Strings() {
					if a != "" && r.Source.Rows[q] <= 0 {
						t.Fatalf("answer %q to %s without its row", a, m.Questions[q].ID)
					}
				}
			}
			scoring.Score(m, ds)
		}
	})
}
