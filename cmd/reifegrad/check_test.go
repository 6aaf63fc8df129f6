package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeIn writes content to name in dir and returns its path.
func writeIn(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// hasLine reports whether out has a line of these fields, however spaced.
func hasLine(out, fields string) bool {
	for l := range strings.Lines(out) {
		if strings.Join(strings.Fields(l), " ") == fields {
			return true
		}
	}
	return false
}

// exampleHeader is the header of the bundled example: a column for every
// question of config.yaml.
const exampleHeader = "ags;gemeinde;S01;S02;S03;S04;S05;S06;O01_01;O01_02;O01_03;O01_04;O01_05;O02;O03;O04;O05;P01;P02;P03;P04;P05;P06;" +
	"I01;I02;I03;I04;I05;I06;K01;K02;K03;K04;K05;K06;D01;D02;D03;D04;D05;D06"

// TestMissingQuestionStopsRun: a question without a column makes check
// and run exit 1; run writes nothing; both name the question and the
// column that looks like it.
func TestMissingQuestionStopsRun(t *testing.T) {
	dir := t.TempDir()
	hdr := strings.Replace(exampleHeader, ";S03;", ";S0З;", 1) // a Cyrillic Ze for the 3
	in := writeIn(t, dir, "antworten.csv", hdr+"\n14612000;Dresden;ja"+strings.Repeat(";", strings.Count(hdr, ";")-2)+"\n")
	want := in + `:1: missing column: question S03 ("Hat die Digitalisierung ein eigenes Budget im Haushalt?") has no column in the input of wave 2026 (did you mean "S0З" (column 5)?)`

	stdout, stderr, code := MustRun(t, "-c", repoConfig, "check", "--lang", "english", "-i", "2026="+in)
	if code != exitBadInput || !strings.Contains(stdout, want) {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr: %s\nwant exit 1 and %s", code, stdout, stderr, want)
	}
	if !strings.Contains(stdout, "questions without a column: S03\n") || !hasLine(stdout, `5 "S0З" unused`) {
		t.Errorf("check does not show the column map:\n%s", stdout)
	}
	// In the config's language (German), with the same hint.
	stdout, _, code = MustRun(t, "-c", repoConfig, "check", "-i", "2026="+in)
	wantDE := in + `:1: Frage S03 hat keine Spalte in der Eingabe der Welle 2026 (meinten Sie die Spalte 5 "S0З"?).`
	if code != exitBadInput || !strings.Contains(stdout, wantDE) || !strings.Contains(stdout, "Fragen ohne Spalte: S03\n") ||
		!hasLine(stdout, `5 "S0З" nicht verwendet`) {
		t.Errorf("check in German: exit %d, stdout:\n%s\nwant exit 1, %s and the column map", code, stdout, wantDE)
	}

	out := filepath.Join(dir, "out")
	_, stderr, code = MustRun(t, "-c", repoConfig, "-i", "2026="+in, "-o", out, "-q")
	if code != exitBadInput || !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("run: exit %d, stderr:\n%s\nwant exit 1 and %s", code, stderr, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("run wrote %s: %v", out, err)
	}
}

// TestOptionalQuestionIsANote: an optional question without a column is
// listed, and neither check nor run fails for it.
func TestOptionalQuestionIsANote(t *testing.T) {
	dir := t.TempDir()
	cfg, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(cfg), "id: S03,", "id: S03, optional: true,", 1)
	if src == string(cfg) {
		t.Fatal("config.yaml has no question S03 to make optional")
	}
	conf := writeIn(t, dir, "config.yaml", src)
	hdr := strings.Replace(exampleHeader, ";S03;", ";", 1)
	in := writeIn(t, dir, "antworten.csv", hdr+"\n14612000;Dresden;ja"+strings.Repeat(";", strings.Count(hdr, ";")-2)+"\n")
	stdout, _, code := MustRun(t, "-c", conf, "check", "-i", "2026="+in)
	wantDE := in + `:1: Die optionale Frage S03 hat keine Spalte in der Eingabe der Welle 2026; ihre Antwort gilt in jeder Zeile als nicht gegeben.`
	if code != exitOK || !strings.Contains(stdout, wantDE) {
		t.Errorf("check: exit %d, stdout:\n%s\nwant exit 0 and %s", code, stdout, wantDE)
	}
	stdout, stderr, code := MustRun(t, "-c", conf, "check", "--lang", "english", "-i", "2026="+in)
	want := in + `:1: optional question S03 ("Hat die Digitalisierung ein eigenes Budget im Haushalt?") has no column in the input of wave 2026; its answers count as not given in every row`
	if code != exitOK || !strings.Contains(stdout, want) {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr: %s\nwant exit 0 and %s", code, stdout, stderr, want)
	}
	stdout, stderr, code = MustRun(t, "-c", conf, "-i", "2026="+in, "-o", filepath.Join(dir, "out"), "-q")
	if code != exitOK || !strings.Contains(stdout, "Optionale Fragen ohne Spalte (in keiner Zeile beantwortet): S03 (Welle 2026)\n") {
		t.Errorf("run: exit %d, stdout:\n%s\nstderr %s", code, stdout, stderr)
	}
}

// TestCheckJSON: check --json names the format, maps every column, and
// lists every rejected row and finding, not only their counts.
func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	hdr := "id;submitdate;lastpage;startlanguage;" + strings.Replace(exampleHeader, ";S03;", ";", 1) + ";Bemerkung"
	blank := strings.Repeat(";", strings.Count(exampleHeader, ";")-2)
	in := writeIn(t, dir, "lime.csv", hdr+"\n"+
		"1;2026-03-01 10:00;3;de;14612000;Dresden;ja"+blank+";\n"+
		"2;2026-03-01 11:00;3;de;99999999;Nirgendwo;ja"+blank+";\n"+
		"3;2026-03-01 12:00;3;de;14713000;Leipzig;vielleicht"+blank+";\n")
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "check", "--json", "-i", "2026="+in)
	if code != exitBadInput {
		t.Errorf("exit %d, want 1; stderr %s", code, stderr)
	}
	var got struct {
		RowsRead int `json:"rows_read"`
		Inputs   []struct {
			File      string `json:"file"`
			HeaderRow int    `json:"header_row"`
			Format    string `json:"format"`
			Reason    string `json:"format_reason"`
			Columns   []struct {
				Column   int    `json:"column"`
				Header   string `json:"header"`
				Role     string `json:"role"`
				Question string `json:"question"`
			} `json:"columns"`
			Missing []string `json:"questions_without_column"`
		} `json:"inputs"`
		Rejects []struct {
			Place, Unit, Reason string
		} `json:"reject_list"`
		Issues []struct {
			Kind, Place, Question, Value, Message string
			Fatal                                 bool
		} `json:"issue_list"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(got.Inputs) != 1 {
		t.Fatalf("%d inputs, want 1", len(got.Inputs))
	}
	in0 := got.Inputs[0]
	if in0.File != in || in0.HeaderRow != 1 || in0.Format != "limesurvey" || in0.Reason != `columns "submitdate", "id"` {
		t.Errorf("input %+v", in0)
	}
	nq := strings.Count(exampleHeader, ";") - 1
	if len(in0.Columns) != 4+2+nq-1+1 {
		t.Errorf("%d columns, want %d", len(in0.Columns), 4+2+nq)
	}
	roles := map[string]int{}
	for _, c := range in0.Columns {
		roles[c.Role]++
		if c.Role == "question" && c.Question != c.Header {
			t.Errorf("column %d %q taken for question %s", c.Column, c.Header, c.Question)
		}
	}
	if want := map[string]int{"bookkeeping": 4, "id": 1, "name": 1, "question": nq - 1, "unused": 1}; fmt.Sprint(roles) != fmt.Sprint(want) {
		t.Errorf("roles %v, want %v", roles, want)
	}
	if !slices.Equal(in0.Missing, []string{"S03"}) {
		t.Errorf("questions without a column %v, want [S03]", in0.Missing)
	}
	if got.RowsRead != 3 || len(got.Rejects) != 1 || got.Rejects[0].Place != in+":3:5" || got.Rejects[0].Unit != "99999999" {
		t.Errorf("rows read %d, rejects %+v; want the row of 99999999 at %s:3:5", got.RowsRead, got.Rejects, in)
	}
	var kinds []string
	for _, is := range got.Issues {
		if is.Kind != "low_coverage" { // the rows answer one question each
			kinds = append(kinds, fmt.Sprintf("%s %v %s %s", is.Kind, is.Fatal, is.Question, is.Value))
		}
	}
	if want := []string{"missing_question true S03 ", "unknown_answer false S01 vielleicht"}; !slices.Equal(kinds, want) {
		t.Errorf("issues %q, want %q", kinds, want)
	}
}

// TestCheckNeutralisesControls: headers reach the terminal without their
// control characters.
func TestCheckNeutralisesControls(t *testing.T) {
	dir := t.TempDir()
	in := writeIn(t, dir, "x.csv", exampleHeader+";\x1b]0,pwned\x07\x1b[2J\n")
	stdout, _, _ := MustRun(t, "-c", repoConfig, "check", "--lang", "english", "-i", "2026="+in)
	if strings.ContainsAny(stdout, "\x1b\x07") {
		t.Errorf("control characters reach the terminal:\n%q", stdout)
	}
	if !hasLine(stdout, `42 "\u001b]0,pwned\u0007\u001b[2J" unused`) {
		t.Errorf("the column is not shown with its controls named:\n%s", stdout)
	}
}

// TestPropertyMissingOrMisspelledColumn: for generated models and exports,
// deleting or misspelling any one question's column makes check exit 1
// and name that question.
func TestPropertyMissingOrMisspelledColumn(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	dir := t.TempDir()
	for model := range 8 {
		codes, texts, cfg := generatedModel(rng, 4+rng.IntN(8))
		conf := writeIn(t, dir, fmt.Sprintf("model%d.yaml", model), cfg)
		// Half the columns are headed by code, half by text, as exports do.
		hdr := []string{"nr"}
		for i := range codes {
			if rng.IntN(2) == 0 {
				hdr = append(hdr, codes[i])
			} else {
				hdr = append(hdr, texts[i])
			}
		}
		rows := ""
		for u := range 3 {
			rows += fmt.Sprintf("U%d", u)
			for range codes {
				rows += ";" + []string{"ja", "nein", "teilweise", ""}[rng.IntN(4)]
			}
			rows += "\n"
		}
		write := func(name string, h []string) string {
			return writeIn(t, dir, name, strings.Join(h, ";")+"\n"+rows)
		}
		whole := write(fmt.Sprintf("whole%d.csv", model), hdr)
		if stdout, stderr, code := MustRun(t, "-c", conf, "check", "-i", "1="+whole); code != exitOK {
			t.Fatalf("model %d: the whole export fails check (exit %d): %s%s", model, code, stdout, stderr)
		}
		taken := map[string]bool{"nr": true}
		for i := range codes {
			taken[strings.ToLower(codes[i])], taken[strings.ToLower(texts[i])] = true, true
		}
		for q := range codes {
			col := q + 1
			deleted := slices.Delete(slices.Clone(hdr), col, col+1)
			misspelled := slices.Clone(hdr)
			misspelled[col] = misspell(rng, hdr[col], taken)
			for _, tc := range []struct {
				how string
				hdr []string
			}{{"deleted", deleted}, {fmt.Sprintf("misspelled %q", misspelled[col]), misspelled}} {
				// Deleting a column shifts the rows' cells: the rows then
				// have one field too many, and are rejected as well.
				f := write(fmt.Sprintf("m%d_q%d.csv", model, q), tc.hdr)
				stdout, stderr, code := MustRun(t, "-c", conf, "check", "--lang", "english", "-i", "1="+f)
				say := fmt.Sprintf("missing column: question %s ", codes[q])
				if code != exitBadInput || !strings.Contains(stdout, say) {
					t.Errorf("model %d, %s column of %s: exit %d, want 1 naming %s\nstdout:\n%s\nstderr: %s",
						model, tc.how, codes[q], code, codes[q], stdout, stderr)
				}
			}
		}
	}
}

// generatedModel writes a config of n yes/no questions with codes in the
// styles survey tools use, each its own indicator.
func generatedModel(rng *rand.Rand, n int) (codes, texts []string, cfg string) {
	styles := []func(i int) string{
		func(i int) string { return fmt.Sprintf("G%02dQ%02d", 1+i/5, 1+i%5) },      // LimeSurvey
		func(i int) string { return fmt.Sprintf("A%03d", 101+i) },                  // SoSci Survey
		func(i int) string { return fmt.Sprintf("Q%d", 1+i) },                      // Qualtrics
		func(i int) string { return fmt.Sprintf("frage_%s", string(rune('a'+i))) }, // hand-made
	}
	style := styles[rng.IntN(len(styles))]
	words := []string{"Strategie", "Budget", "E-Akte", "Notfallkonzept", "Fortbildung", "Open Data", "Servicekonto", "Datensicherung", "Breitband", "Bürgerportal"}
	var b strings.Builder
	b.WriteString("units: {id: nr, municipalities: false}\nmodel:\n  name: Generiert\n  levels:\n    bands:\n      - {level: 1, name: Eins, min: 0}\n      - {level: 2, name: Zwei, min: 50}\n")
	b.WriteString("  scales:\n    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}\n  questions:\n")
	for i := range n {
		codes = append(codes, style(i))
		texts = append(texts, fmt.Sprintf("Gibt es in Ihrer Verwaltung %s Nr. %d?", words[rng.IntN(len(words))], i+1))
		fmt.Fprintf(&b, "    - {id: %s, scale: janein, text: %q}\n", codes[i], texts[i])
	}
	b.WriteString("  dimensions:\n    - id: alles\n      indicators:\n")
	for i := range n {
		fmt.Fprintf(&b, "        - {id: i%d, question: %s}\n", i, codes[i])
	}
	return codes, texts, b.String()
}

// misspell changes a header by one typing slip (a character dropped,
// doubled, swapped with its neighbour, or replaced by a look-alike or
// another letter) into one that names nothing in taken.
func misspell(rng *rand.Rand, h string, taken map[string]bool) string {
	for {
		r := []rune(h)
		i := rng.IntN(len(r))
		switch rng.IntN(4) {
		case 0:
			r = slices.Delete(r, i, i+1)
		case 1:
			r = slices.Insert(r, i, r[i])
		case 2:
			if i+1 < len(r) {
				r[i], r[i+1] = r[i+1], r[i]
			}
		case 3:
			r[i] = map[rune]rune{'0': 'O', '1': 'l', 'O': '0', 'l': '1', 'i': 'j'}[r[i]]
			if r[i] == 0 {
				r[i] = 'x'
			}
		}
		s := strings.TrimSpace(string(r))
		if low := strings.ToLower(s); s != "" && !taken[low] {
			return s
		}
	}
}

// TestLongLayoutSetting: survey.layout: long (here through
// REIFEGRAD_SURVEY_LAYOUT) reads a row per municipality, question and
// answer, and check shows it.
func TestLongLayoutSetting(t *testing.T) {
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(src), "\ufeff")))
	cr.Comma = ';'
	hdr, err1 := cr.Read()
	row, err2 := cr.Read()
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	cw.Write([]string{"ags", "gemeinde", "frage", "antwort"})
	for i := 3; i < len(hdr); i++ { // after ags, gemeinde, eingang
		cw.Write([]string{row[0], row[1], hdr[i], row[i]})
	}
	cw.Flush()
	in := writeIn(t, t.TempDir(), "lang.csv", b.String())
	t.Setenv("REIFEGRAD_SURVEY_LAYOUT", "long")
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "check", "-i", "2026="+in)
	if code != exitOK || !hasLine(stdout, `3 "frage" die Frage jeder Zeile (39 Fragen)`) || !hasLine(stdout, `4 "antwort" die Antwort jeder Zeile`) {
		t.Errorf("German: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	stdout, stderr, code = MustRun(t, "-c", repoConfig, "check", "--lang", "english", "-i", "2026="+in)
	if code != exitOK || !hasLine(stdout, `4 "antwort" the answer of each row`) || !strings.Contains(stdout, "Rows read: 1 = 1 scored + 0 rejected") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
}

// TestCheckFailsOnFormulaWithoutValue: an answer cell holding a formula
// without a stored value is read as not answered, so check fails on it as
// on an answer outside its scale; the same workbook with the cell empty
// passes.
func TestCheckFailsOnFormulaWithoutValue(t *testing.T) {
	src, err := os.ReadFile("../../example/umfrage_2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(src), "\uFEFF")))
	rd.Comma = ';'
	hdr, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	rd.Read()
	row, err := rd.Read() // Taucha: every question answered or explicitly not
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(hdr, "O02")
	if col < 0 || row[col] != "30" {
		t.Fatalf("the example's third row has no O02 of 30: %q", row)
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, 2)
	dir := t.TempDir()
	for _, tt := range []struct {
		name    string
		formula bool
		code    int
	}{
		{"formula without value", true, exitBadInput},
		{"empty cell", false, exitOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			vals := toAny(row)
			vals[col] = nil
			for r, line := range [][]any{toAny(hdr), vals} {
				a, _ := excelize.CoordinatesToCellName(1, r+1)
				if err := f.SetSheetRow("Sheet1", a, &line); err != nil {
					t.Fatal(err)
				}
			}
			if tt.formula {
				f.SetCellFormula("Sheet1", cell, "15*2")
			}
			in := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".xlsx")
			if err := f.SaveAs(in); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := MustRun(t, "-c", repoConfig, "check", "--lang", "english", "-i", "2026="+in)
			said := strings.Contains(stdout, "cell "+cell+" holds a formula without a stored value")
			if code != tt.code || said != tt.formula {
				t.Errorf("check: exit %d, names the formula: %v; want exit %d, %v\n%s%s", code, said, tt.code, tt.formula, stdout, stderr)
			}
		})
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestCheckSaysThousands: check's column map says how many answers a
// column read with a thousands separator, and which: "1,234" as 1234 in
// a column of decimal points, "1.234" in a column of decimal commas;
// the long layout's answer column sums its questions'. --json alike.
func TestCheckSaysThousands(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "c.yaml", `units: {id: id, municipalities: false}
model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    anzahl: {type: numeric, min: 0, goalposts: [0, 100000]}
  questions: [{id: D02, scale: anzahl}]
  dimensions: [{id: d, indicators: [{id: i, question: D02}]}]
`)
	tests := []struct {
		name, file, csv, layout string
		line                    string // check --lang en
		thousands               int
		sep                     string
	}{
		{"English", "en.csv", "id,D02\nA,\"1,234\"\nB,\"12,500\"\nC,3.5\n", "",
			`2 "D02" → question D02 (2 answers such as 1,234 read as whole numbers: the column writes decimal points)`, 2, ","},
		{"German", "de.csv", "id;D02\nA;1.234\nB;3,5\n", "",
			`2 "D02" → question D02 (1 answer such as 1.234 read as a whole number: the column writes decimal commas)`, 1, "."},
		{"long", "long.csv", "id;frage;antwort\nA;D02;1.234\nB;D02;3,5\n", "long",
			`3 "antwort" the answer of each row (1 answer such as 1.234 read as a whole number: the column writes decimal commas)`, 1, "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := writeIn(t, dir, tt.file, tt.csv)
			t.Setenv("REIFEGRAD_SURVEY_LAYOUT", tt.layout)
			stdout, stderr, code := MustRun(t, "-c", cfg, "check", "--lang", "english", "-i", "2026="+in)
			if code != exitOK || !hasLine(stdout, tt.line) {
				t.Errorf("exit %d, want a line %s; stdout:\n%s\nstderr: %s", code, tt.line, stdout, stderr)
			}
			if tt.layout == "long" {
				// One question named by the code column: singular, in
				// either language ("1 questions" was written).
				for lang, line := range map[string]string{"en": `2 "frage" the question of each row (1 question)`, "de": `2 "frage" die Frage jeder Zeile (1 Frage)`} {
					stdout, _, _ := MustRun(t, "-c", cfg, "check", "--lang", lang, "-i", "2026="+in)
					if !hasLine(stdout, line) {
						t.Errorf("want a line %s; stdout:\n%s", line, stdout)
					}
				}
			}
			stdout, stderr, code = MustRun(t, "-c", cfg, "check", "--json", "-i", "2026="+in)
			var got struct {
				Inputs []struct {
					Columns []struct {
						Thousands int    `json:"thousands"`
						Sep       string `json:"thousands_separator"`
					} `json:"columns"`
				} `json:"inputs"`
			}
			if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != exitOK || len(got.Inputs) != 1 {
				t.Fatalf("exit %d, %v: %s %s", code, err, stdout, stderr)
			}
			n, sep := 0, ""
			for _, c := range got.Inputs[0].Columns {
				n, sep = n+c.Thousands, sep+c.Sep
			}
			if n != tt.thousands || sep != tt.sep {
				t.Errorf("--json: %d answers with thousands separator %q, want %d, %q", n, sep, tt.thousands, tt.sep)
			}
		})
	}
}
