package survey

import (
	"errors"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestNormHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"S01", "S01"[:0] + "s01"},
		{"s01", "s01"},
		{"\ufeffAGS", "ags"},
		{"Gibt es\teine  Strategie?", "gibt es eine strategie?"},
		{"Gibt es\r\neine Strategie?", "gibt es eine strategie?"},
		{"Gibt&nbsp;es &quot;eine&quot; Strategie?", "gibt es \"eine\" strategie?"},
		{"<b>Gibt</b> es<br/>eine Strategie?", "gibt es eine strategie?"},
		{"Vorg&auml;nge", "vorgänge"},
		{"Frage[Zeile]", "frage [zeile]"},
		{"Frage  [ Zeile ]", "frage [zeile]"},
		{"G01Q03[SQ001]", "g01q03 [sq001]"},
		{"Größe\u00a0der Kommune", "größe der kommune"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normHeader(tt.in); got != tt.want {
			t.Errorf("normHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMapHeader checks which column each question is found in, and the
// header errors, by their whole text.
func TestMapHeader(t *testing.T) {
	m := mustModel(t)
	tests := []struct {
		name    string
		hdr     []string
		opt     Options
		want    map[int]int // question → 1-based column
		wantErr string
	}{
		{
			name: "codes",
			hdr:  []string{"ags", "S01", "S02", "O02"},
			want: map[int]int{qS01: 2, qS02: 3, qO02: 4},
		},
		{
			name: "texts with tabs, line breaks, entities and tags",
			hdr:  []string{"AGS", "Gibt es eine beschlossene\tDigitalisierungsstrategie?", "Die Verwaltungsleitung treibt\r\ndie Digitalisierung voran.", "Anteil papierloser Vorg&auml;nge (in&nbsp;%)", "<p>Wie viele Leistungen bieten Sie online an?</p>"},
			want: map[int]int{qS01: 2, qS02: 3, qP06: 4, qO02: 5},
		},
		{
			name: "aliases and LimeSurvey code and text",
			hdr:  []string{"AGS", "S01. Gibt es eine beschlossene Digitalisierungsstrategie?", "Informationssicherheit [Notfallkonzept]", "informationssicherheit[datensicherung]"},
			want: map[int]int{qS01: 2, qI01: 3, qI02: 4},
		},
		{
			name: "item columns",
			hdr:  []string{"ags", "S01", "O03[ePayBL]", "O03[karte]"},
			want: map[int]int{qS01: 2, qO03: 3},
		},
		{
			name:    "no id column",
			hdr:     []string{"AGS-Nummer", "S01"},
			wantErr: `t.csv:1: no id column "ags" in the header (did you mean "AGS-Nummer"?)`,
		},
		{
			name:    "question twice",
			hdr:     []string{"ags", "S01", "Gibt es eine beschlossene Digitalisierungsstrategie?"},
			wantErr: `t.csv:1:3: question S01 has two columns: 2 ("S01") and 3 ("Gibt es eine beschlossene Digitalisierungsstrategie?")`,
		},
		{
			name:    "unknown item of a multi-select",
			hdr:     []string{"ags", "S01", "O03[Bargeld]"},
			wantErr: `t.csv:1:3: column "O03[Bargeld]": "Bargeld" is no item of question O03 (scale zahlungsarten has epaybl, paypal, karte, lastschrift); name it in the codebook's items`,
		},
		{
			name:    "missing wave column",
			hdr:     []string{"ags", "S01", "Welle "},
			opt:     Options{WaveColumn: "Wellen"},
			wantErr: `t.csv:1: missing column: no wave column "Wellen" in the header (did you mean "Welle "?)`,
		},
		{
			name:    "two id columns",
			hdr:     []string{"ags", "S01", "Gemeindeschlüssel"},
			wantErr: `t.csv:1:3: two id columns: 1 ("ags") and 3 ("Gemeindeschlüssel")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join(quoteAll(tt.hdr), ";") + "\n"
			ds, err := Read(strings.NewReader(in), "t.csv", m, tt.opt)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_ = ds
			hm := newHeaderMatcher(m, &tt.opt)
			p, err := hm.mapHeader(tt.hdr)
			if err != nil {
				t.Fatal(err)
			}
			for q := range m.Questions {
				if got, want := p.columns[q], tt.want[q]; got != want {
					t.Errorf("question %s in column %d, want %d", m.Questions[q].ID, got, want)
				}
			}
		})
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return out
}

// TestAmbiguousHeader: a header that two questions share is an error,
// never a guess.
func TestAmbiguousHeader(t *testing.T) {
	src := strings.Replace(testModel, `text: "Die Verwaltungsleitung treibt die Digitalisierung voran."`,
		`text: "Gibt es eine beschlossene Digitalisierungsstrategie?"`, 1)
	m, err := scoring.ParseModel("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := "ags;S01;Gibt es eine beschlossene Digitalisierungsstrategie?\n14612000;ja;nein\n"
	_, err = Read(strings.NewReader(in), "t.csv", m, Options{})
	if !errors.Is(err, ErrAmbiguousHeader) {
		t.Fatalf("error %v, want ErrAmbiguousHeader", err)
	}
	want := `t.csv:1:3: header matches more than one question: "Gibt es eine beschlossene Digitalisierungsstrategie?" matches S01, S02`
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestHeaderBelowTitleRows finds the header below title rows in a CSV.
func TestHeaderBelowTitleRows(t *testing.T) {
	in := "Digitalisierungsumfrage Sachsen;;\nStand: 01.03.2024;;\n;;\nAGS;Gemeinde;S01\n14612000;Dresden;ja\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true})
	if len(ds.Responses) != 1 || ds.Responses[0].Row != 5 || ds.Responses[0].Answers.At(qS01) != "ja" {
		t.Errorf("responses %+v", ds.Responses)
	}
}

func TestWaveColumn(t *testing.T) {
	in := "AGS;Welle;S01\n14612000;2024;ja\n14612000;2026;nein\n14713000;2026.0;ja\n14713000;;ja\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, WaveColumn: "welle"})
	if len(ds.Responses) != 3 || len(ds.Rejects) != 1 {
		t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
	}
	var got []string
	for _, w := range ds.Waves {
		got = append(got, string(w.ID))
	}
	if strings.Join(got, ",") != "2024,2026" {
		t.Errorf("waves %v", got)
	}
	if r := ds.Rejects[0]; r.Row != 5 || r.Column != 2 || !strings.Contains(r.Reason, "wave column 2 is empty") {
		t.Errorf("reject %+v", r)
	}
	// The same unit in two waves is not a duplicate.
	for _, is := range ds.Issues {
		if is.Kind == scoring.IssueDuplicate {
			t.Errorf("issue %s", is)
		}
	}
}

func TestDuplicatePolicies(t *testing.T) {
	// Row 2: complete, early. Row 3: incomplete, later. Row 4: complete,
	// latest by time but written before row 3's time? no: row 4 is
	// earlier than row 2 by its submission time.
	in := `"id","submitdate","AGS","S01"
"1","2024-03-02 10:00:00","14612000","ja"
"2","","14612000","nein"
"3","2024-03-01 09:00:00","14612000","teilweise"
`
	tests := []struct {
		policy     DuplicatePolicy
		wantAnswer string // of the kept response; "" if none kept
		wantRej    []int  // rejected rows
	}{
		{KeepLatestComplete, "ja", []int{3, 4}},
		{KeepLast, "teilweise", []int{2, 3}},
		{KeepFirst, "ja", []int{3, 4}},
		{RejectAll, "", []int{2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			ds := readString(t, in, Options{UnitsAreMunicipalities: true, Duplicates: tt.policy})
			got := ""
			if len(ds.Responses) == 1 {
				got = ds.Responses[0].Answers.At(qS01)
			}
			if got != tt.wantAnswer || len(ds.Responses) > 1 {
				t.Errorf("kept %q (%d responses), want %q", got, len(ds.Responses), tt.wantAnswer)
			}
			var rows []int
			for _, r := range ds.Rejects {
				rows = append(rows, r.Row)
				if !errors.Is(errors.New(r.Reason), ErrDuplicateUnit) && !strings.Contains(r.Reason, ErrDuplicateUnit.Error()) {
					t.Errorf("reason %q", r.Reason)
				}
			}
			if !sameInts(rows, tt.wantRej) {
				t.Errorf("rejected rows %v, want %v", rows, tt.wantRej)
			}
			dups := 0
			for _, is := range ds.Issues {
				if is.Kind == scoring.IssueDuplicate {
					dups++
				}
			}
			if dups != 2 {
				t.Errorf("%d duplicate issues, want 2 (one per extra row)", dups)
			}
			if n := len(ds.Responses) + len(ds.Rejects); n != 3 {
				t.Errorf("responses + rejects = %d, want 3 rows", n)
			}
		})
	}
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestParsePolicies(t *testing.T) {
	for _, s := range []string{"keep_latest_complete", "keep_last", "keep_first", "reject_all"} {
		p, err := ParseDuplicatePolicy(s)
		if err != nil || p.String() != s {
			t.Errorf("ParseDuplicatePolicy(%q) = %v, %v", s, p, err)
		}
	}
	if p, _ := ParseDuplicatePolicy(""); p != KeepLatestComplete {
		t.Errorf("default duplicate policy %v", p)
	}
	if p, err := ParseIncompletePolicy("drop"); err != nil || p != DropIncomplete {
		t.Errorf("ParseIncompletePolicy(drop) = %v, %v", p, err)
	}
	if _, err := ParseIncompletePolicy("maybe"); err == nil {
		t.Error("unknown incomplete policy accepted")
	}
	if p, err := ParseMatch("name"); err != nil || p != MatchName {
		t.Errorf("ParseMatch(name) = %v, %v", p, err)
	}
}

// TestHeaderErrorsTogether: every problem of a header is reported at
// once, each with file and row.
func TestHeaderErrorsTogether(t *testing.T) {
	in := "Gemeindename;S1;Welle\n14612000;ja;2024\n"
	_, err := Read(strings.NewReader(in), "t.csv", mustModel(t), Options{WaveColumn: "wave"})
	want := `t.csv:1: no id column "ags" in the header
t.csv:1: missing column: no wave column "wave" in the header`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestParsePopulation(t *testing.T) {
	for in, want := range map[string]int{"12345": 12345, "12345.0": 12345, "12.345": 12345, "1.234.567": 1234567} {
		if got, ok := parsePopulation(in); !ok || got != want {
			t.Errorf("parsePopulation(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"-5", "viele", "12,5"} {
		if _, ok := parsePopulation(in); ok {
			t.Errorf("parsePopulation(%q) accepted", in)
		}
	}
}

// TestPopulationQuestion: a column that the model declares as a question
// is read as that question even when its header is a word for the
// population (COINr's ASEM data asks for the population in thousands, to
// divide by it); without such a question it is the population.
func TestPopulationQuestion(t *testing.T) {
	src := strings.Replace(testModel, "  questions:\n", "  questions:\n    - {id: Population, scale: tausend, context: true}\n", 1)
	src = strings.Replace(src, "  scales:\n", "  scales:\n    tausend: {type: numeric, normalise: minmax}\n", 1)
	m, err := scoring.ParseModel("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := "ags;Population;S01\n14612000;556,2;ja\n"
	ds, err := Read(strings.NewReader(in), "t.csv", m, Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	r := ds.Responses[0]
	if got := r.Answers.At(m.Question("Population").Index); got != "556,2" || r.Unit.Population != 0 {
		t.Errorf("answer %q, population %d; want the question answered 556,2 and no population", got, r.Unit.Population)
	}
	ds = readString(t, "ags;Einwohner;S01\n14612000;556227;ja\n", Options{UnitsAreMunicipalities: true})
	if p := ds.Responses[0].Unit.Population; p != 556227 {
		t.Errorf("population %d, want 556227", p)
	}
}
