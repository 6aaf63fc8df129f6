package survey

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// missingOf returns the findings about questions without a column.
func missingOf(ds *scoring.Dataset) []scoring.Issue {
	var out []scoring.Issue
	for _, is := range ds.Issues {
		if is.Kind == scoring.IssueMissingQuestion {
			out = append(out, is)
		}
	}
	return out
}

// fullHeader is a header with every question of the test model.
var fullHeader = []string{"ags", "S01", "S02", "O02", "P06", "O03", "I01_01", "I01_02"}

func withHeader(hdr []string, i int, h string) []string {
	out := append([]string(nil), hdr...)
	if h == "" {
		return append(out[:i], out[i+1:]...)
	}
	out[i] = h
	return out
}

// TestMissingQuestion: a question without a column is a fatal finding
// naming the question and the unused columns that look most like it,
// best first; an optional question's absence is a note.
func TestMissingQuestion(t *testing.T) {
	m := mustModel(t)
	tests := []struct {
		name string
		hdr  []string
		opt  Options
		want []string // Place: Message of each finding
	}{
		{
			name: "every question has a column",
			hdr:  fullHeader,
		},
		{
			name: "a typo in a code: look-alikes rank first",
			hdr:  append(withHeader(fullHeader, 1, "S0l"), "S1", "Bemerkung"),
			want: []string{`t.csv:1: missing column: question S01 ("Gibt es eine beschlossene Digitalisierungsstrategie?") has no column in the input of wave 2024 (did you mean "S0l" (column 2) or "S1" (column 9)?)`},
		},
		{
			name: "a text cut short with ...",
			hdr:  withHeader(fullHeader, 3, "Wie viele Leistungen bieten Sie..."),
			want: []string{`t.csv:1: missing column: question O02 ("Wie viele Leistungen bieten Sie online an?") has no column in the input of wave 2024 (did you mean "Wie viele Leistungen bieten Sie..." (column 4)?)`},
		},
		{
			name: "a LimeSurvey heading, abbreviated, with another code",
			hdr:  withHeader(fullHeader, 4, "G02Q02. Anteil papierloser Vorg.."),
			want: []string{`t.csv:1: missing column: question P06 ("Anteil papierloser Vorgänge (in %)") has no column in the input of wave 2024 (did you mean "G02Q02. Anteil papierloser Vorg.." (column 5)?)`},
		},
		{
			name: "a multi-select whose item columns are not recognised",
			hdr:  append(withHeader(fullHeader, 5, ""), "O3_1", "O3_2"),
			want: []string{`t.csv:1: missing column: question O03 ("Welche Bezahlverfahren bieten Sie an?") has no column in the input of wave 2024 (did you mean "O3_1" (column 8) or "O3_2" (column 9)?)`},
		},
		{
			name: "nothing alike",
			hdr:  withHeader(fullHeader, 2, ""),
			want: []string{`t.csv:1: missing column: question S02 ("Die Verwaltungsleitung treibt die Digitalisierung voran.") has no column in the input of wave 2024`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join(tt.hdr, ";") + "\n14612000" + strings.Repeat(";", len(tt.hdr)-1) + "\n"
			tt.opt.Wave = scoring.Wave{ID: "2024"}
			ds, err := Read(strings.NewReader(in), "t.csv", m, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, is := range missingOf(ds) {
				got = append(got, is.String())
				if !is.Fatal || is.Wave != "2024" {
					t.Errorf("%s: fatal %v, wave %q; want fatal in wave 2024", is.Question, is.Fatal, is.Wave)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if n := len(ds.Fatal()); n != len(tt.want) {
				t.Errorf("%d fatal findings, want %d", n, len(tt.want))
			}
			if len(ds.Responses) != 1 {
				t.Errorf("%d responses, want the row read all the same", len(ds.Responses))
			}
		})
	}
}

// TestOptionalQuestion: an optional question without a column is a note;
// required: true says what is the default.
func TestOptionalQuestion(t *testing.T) {
	src := strings.Replace(testModel, `{id: S02, scale: zustimmung,`, `{id: S02, scale: zustimmung, optional: true,`, 1)
	m, err := scoring.ParseModel("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Join(withHeader(fullHeader, 2, ""), ";") + "\n"
	ds, err := Read(strings.NewReader(in), "t.csv", m, Options{Wave: scoring.Wave{ID: "2026"}})
	if err != nil {
		t.Fatal(err)
	}
	got := missingOf(ds)
	want := `t.csv:1: optional question S02 ("Die Verwaltungsleitung treibt die Digitalisierung voran.") has no column in the input of wave 2026; its answers count as not given in every row`
	if len(got) != 1 || got[0].String() != want || got[0].Fatal {
		t.Errorf("findings %+v, want the note %s", got, want)
	}
	if len(ds.Fatal()) != 0 {
		t.Errorf("fatal findings %v", ds.Fatal())
	}
	bad := strings.Replace(testModel, `{id: S02, scale: zustimmung,`, `{id: S02, scale: zustimmung, optional: true, required: true,`, 1)
	if _, err := scoring.ParseModel("m.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), `question "S02" is required and optional`) {
		t.Errorf("required and optional: error %v", err)
	}
}

// TestMissingQuestionPerWave: a file with a wave column reports a missing
// question once for every wave it holds.
func TestMissingQuestionPerWave(t *testing.T) {
	in := "ags;welle;S01;S02;O02;P06;O03;I01_01\n14612000;2024;ja;;;;;\n14612000;2026;ja;;;;;\n"
	ds, err := Read(strings.NewReader(in), "t.csv", mustModel(t), Options{WaveColumn: "welle"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, is := range missingOf(ds) {
		got = append(got, string(is.Wave)+" "+string(is.Question))
	}
	if want := []string{"2024 I01_02", "2026 I01_02"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestColumnMap: the dataset says what every column was taken for.
func TestColumnMap(t *testing.T) {
	in := "id;submitdate;lastpage;startlanguage;AGS;Gemeinde;S01;S02;O02;P06;O03[ePayBL];O03[karte];O03[other];I01_01;Notiz\n"
	ds, err := Read(strings.NewReader(in), "t.csv", mustModel(t), Options{Wave: scoring.Wave{ID: "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Inputs) != 1 {
		t.Fatalf("%d inputs, want 1", len(ds.Inputs))
	}
	got := ds.Inputs[0]
	want := scoring.InputFile{File: "t.csv", HeaderRow: 1, HeaderRows: 1, Format: "limesurvey", FormatReason: `columns "submitdate", "id"`,
		FormatSaid: []scoring.Said{{Cause: scoring.CauseFormatColumns, Args: []string{`"submitdate", "id"`}}},
		Encoding:   "utf-8", EncodingReason: "the file is plain ASCII",
		EncodingCause: scoring.CauseEncodingASCII, EncodingArgs: []string{""},
		Columns: []scoring.InputColumn{
			{Column: 1, Header: "id", Role: scoring.ColumnBookkeeping, Attribute: "bookkeeping"},
			{Column: 2, Header: "submitdate", Role: scoring.ColumnBookkeeping, Attribute: "submission time (empty: incomplete)"},
			{Column: 3, Header: "lastpage", Role: scoring.ColumnBookkeeping, Attribute: "bookkeeping"},
			{Column: 4, Header: "startlanguage", Role: scoring.ColumnBookkeeping, Attribute: "bookkeeping"},
			{Column: 5, Header: "AGS", Role: scoring.ColumnID},
			{Column: 6, Header: "Gemeinde", Role: scoring.ColumnName},
			{Column: 7, Header: "S01", Role: scoring.ColumnQuestion, Question: "S01"},
			{Column: 8, Header: "S02", Role: scoring.ColumnQuestion, Question: "S02"},
			{Column: 9, Header: "O02", Role: scoring.ColumnQuestion, Question: "O02"},
			{Column: 10, Header: "P06", Role: scoring.ColumnQuestion, Question: "P06"},
			{Column: 11, Header: "O03[ePayBL]", Role: scoring.ColumnItem, Question: "O03", Item: "epaybl"},
			{Column: 12, Header: "O03[karte]", Role: scoring.ColumnItem, Question: "O03", Item: "karte"},
			{Column: 13, Header: "O03[other]"},
			{Column: 14, Header: "I01_01", Role: scoring.ColumnQuestion, Question: "I01_01"},
			{Column: 15, Header: "Notiz"},
		},
		Missing: []scoring.QuestionID{"I01_02"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("input:\n%+v\nwant:\n%+v", got, want)
	}
}

// TestSimilarity checks the parts of the ranking by hand-computed values.
func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"S01", "S01", 1},
		{"S01", "s01", 1},
		{"S01", "S0l", 1 - 0.5/3}, // look-alike
		{"S01", "S1", 1 - 1.0/3},  // one deleted
		{"S01", "S10", 1 - 1.0/3}, // neighbours swapped
		{"S01", "X99", 0},
	}
	for _, tt := range tests {
		if got := codeSimilarity(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("codeSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	// Dice over words: {gibt es ein it notfallkonzept} and {gibt es eine
	// offline datensicherung} share 2 of 5+5 words.
	if got := dice(words("gibt es ein it-notfallkonzept?"), words("gibt es eine offline-datensicherung?")); got != 0.4 {
		t.Errorf("dice = %v, want 0.4", got)
	}
	if got := textSimilarity("Gibt es ein IT-Notfallkonzept?", "Gibt es ein IT-Notf…"); got != 0.95 {
		t.Errorf("cut text: %v, want 0.95", got)
	}
	if got := textSimilarity("Gibt es ein IT-Notfallkonzept?", "Gibt es…"); got >= minSimilarity {
		t.Errorf("a cut text of 7 characters scores %v, want below %v", got, minSimilarity)
	}
}
