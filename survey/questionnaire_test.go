package survey

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/questionnaire"
	"github.com/reifegrad/reifegrad/scoring"
)

// qModel is the model of the questionnaire tests.
const qModel = `
model:
  name: Fragebogen-Test
  missing: {codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}}
  levels: {method: threshold, bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
    zahl: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
  questions:
    - {id: Q1, scale: jn, text: "Eins?"}
    - {id: Q2, scale: zahl, text: "Zwei?"}
    - {id: Q3, scale: jn, text: "Drei?"}
  dimensions:
    - id: d
      name: D
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3}
`

func qMustModel(t *testing.T) *scoring.Model {
	t.Helper()
	m, err := scoring.ParseModel("q.yaml", []byte(qModel))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// qSheet is a questionnaire as 'reifegrad template' lays it out, built
// here by hand so the reader is tested against the contract of defined
// names, not against the writer.
type qSheet struct {
	ags, name any
	rows      [][2]any // code, answer; from row 10
	names     map[string]string
	formats   map[int]string // rows[i]'s answer cell: its number format (a user typed "45 %")
}

func (q qSheet) bytes(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Bogen"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	set := func(cell string, v any) {
		if v != nil {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	set("C6", "AGS")
	set("D6", q.ags)
	set("D7", q.name)
	set("B9", "Code")
	for i, r := range q.rows {
		row := 10 + i
		set("B"+strconv.Itoa(row), r[0])
		set("D"+strconv.Itoa(row), r[1])
		if code, ok := q.formats[i]; ok {
			style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				t.Fatal(err)
			}
			f.SetCellStyle(sheet, "D"+strconv.Itoa(row), "D"+strconv.Itoa(row), style)
		}
	}
	names := map[string]string{
		questionnaire.NameID: "'Bogen'!$D$6", questionnaire.NameUnit: "Bogen!$D$7",
		questionnaire.NameCodes: "'Bogen'!$B$10:$B$" + strconv.Itoa(9+len(q.rows)), questionnaire.NameAnswers: "'Bogen'!$D$10:$D$" + strconv.Itoa(9+len(q.rows)),
	}
	for k, v := range q.names {
		names[k] = v
	}
	for k, v := range names {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: k, RefersTo: v}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func qRead(t *testing.T, q qSheet, opt Options) (*scoring.Dataset, error) {
	t.Helper()
	opt.Wave = scoring.Wave{ID: "2026"}
	return Read(bytes.NewReader(q.bytes(t)), "bogen.xlsx", qMustModel(t), opt)
}

func TestReadQuestionnaire(t *testing.T) {
	reg, err := LoadRegister("sachsen")
	if err != nil {
		t.Fatal(err)
	}
	full := [][2]any{{"Q1", "ja"}, {nil, nil}, {"Q2", 37.5}, {"Q3", "weiß nicht"}}
	tests := []struct {
		name    string
		q       qSheet
		opt     Options
		unit    scoring.UnitID
		answers []string
		places  []string // of each answer; "" when the sheet lacks the question
		reject  string   // a reject's place and reason, instead of a response
	}{
		{"AGS as a number, register", qSheet{ags: 14612000, name: "Dresden", rows: full},
			Options{UnitsAreMunicipalities: true, Register: reg}, "14612000", []string{"ja", "37.5", "weiß nicht"}, []string{"bogen.xlsx[Bogen]:10:4", "bogen.xlsx[Bogen]:12:4", "bogen.xlsx[Bogen]:13:4"}, ""},
		{"leading zero restored", qSheet{ags: 1001000, name: "Flensburg", rows: full},
			Options{UnitsAreMunicipalities: true}, "01001000", []string{"ja", "37.5", "weiß nicht"}, []string{"bogen.xlsx[Bogen]:10:4", "bogen.xlsx[Bogen]:12:4", "bogen.xlsx[Bogen]:13:4"}, ""},
		{"a question missing", qSheet{ags: "14612000", rows: [][2]any{{"Q3", "nein"}}},
			Options{}, "14612000", []string{"", "", "nein"}, []string{"bogen.xlsx[Bogen]:6", "bogen.xlsx[Bogen]:6", "bogen.xlsx[Bogen]:10:4"}, ""},
		{"name only, matched in the register", qSheet{name: "Dresden", rows: full},
			Options{UnitsAreMunicipalities: true, Register: reg}, "14612000", []string{"ja", "37.5", "weiß nicht"}, []string{"bogen.xlsx[Bogen]:10:4", "bogen.xlsx[Bogen]:12:4", "bogen.xlsx[Bogen]:13:4"}, ""},
		{"no AGS", qSheet{name: "Dresden", rows: full}, Options{},
			"", nil, nil, "bogen.xlsx[Bogen]:6:4: invalid unit id: the id cell D6 is empty"},
		{"empty", qSheet{rows: [][2]any{{"Q1", nil}, {"Q2", nil}}}, Options{},
			"", nil, nil, "bogen.xlsx[Bogen]:6:4: empty questionnaire"},
		{"bad AGS", qSheet{ags: "1461200X", rows: full}, Options{UnitsAreMunicipalities: true},
			"", nil, nil, `bogen.xlsx[Bogen]:6:4: invalid unit id: "1461200X" is not an 8-digit AGS`},
		{"not in the register", qSheet{ags: "14999999", rows: full}, Options{UnitsAreMunicipalities: true, Register: reg},
			"", nil, nil, "bogen.xlsx[Bogen]:6:4: invalid unit id: AGS 14999999 is not in register sachsen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := qRead(t, tt.q, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if tt.reject != "" {
				if len(ds.Responses) != 0 || len(ds.Rejects) != 1 {
					t.Fatalf("%d responses, %d rejects; want one reject", len(ds.Responses), len(ds.Rejects))
				}
				if got := ds.Rejects[0].Position() + ": " + ds.Rejects[0].Reason; got != tt.reject {
					t.Errorf("reject %q, want %q", got, tt.reject)
				}
				return
			}
			if len(ds.Responses) != 1 || len(ds.Rejects) != 0 {
				t.Fatalf("%d responses, %d rejects %v; want one response", len(ds.Responses), len(ds.Rejects), ds.Rejects)
			}
			r := ds.Responses[0]
			if r.Unit.ID != tt.unit || !slices.Equal(r.Answers.Strings(), tt.answers) || r.Wave != "2026" {
				t.Errorf("response %s %q in wave %s, want %s %q", r.Unit.ID, r.Answers, r.Wave, tt.unit, tt.answers)
			}
			if tt.opt.Register != nil && r.Unit.District == "" {
				t.Error("the register did not fill the district")
			}
			// Every answer's place is its own cell; a question the sheet
			// lacks is placed at the unit's row.
			for q, want := range tt.places {
				if got := r.Position(q); got != want {
					t.Errorf("answer %d at %s, want %s", q, got, want)
				}
			}
		})
	}
}

// TestQuestionnaireScored checks a questionnaire end to end with the
// engine: the answer outside its scale is reported at its cell.
func TestQuestionnaireScored(t *testing.T) {
	ds, err := qRead(t, qSheet{ags: "14612000", rows: [][2]any{{"Q1", "jein"}, {"Q2", 80}, {"Q3", "ja"}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(qMustModel(t), ds)
	if got := res.Units[0].Overall().Score; got != 90 {
		t.Errorf("overall %v, want (0.8 + 1)/2 = 90 with Q1 not answered", got)
	}
	if len(res.Issues) != 1 || res.Issues[0].Place != "bogen.xlsx[Bogen]:10:4" || res.Issues[0].Question != "Q1" {
		t.Errorf("issues %v, want Q1 at bogen.xlsx[Bogen]:10:4", res.Issues)
	}
}

func TestQuestionnaireErrors(t *testing.T) {
	full := [][2]any{{"Q1", "ja"}, {"Q2", 1}, {"Q3", "ja"}}
	tests := []struct {
		name string
		q    qSheet
		want string
	}{
		{"unknown code", qSheet{ags: "1", rows: [][2]any{{"Q1", "ja"}, {"X9", "ja"}}},
			`bogen.xlsx[Bogen]:11:2: questionnaire: question "X9" is not in the model as wave 2026 asks it (was it made with another config, or for another wave?)`},
		{"code twice", qSheet{ags: "1", rows: [][2]any{{"Q1", "ja"}, {"Q1", "nein"}}},
			"bogen.xlsx[Bogen]:11:2: questionnaire: question Q1 is asked twice, in rows 10 and 11"},
		{"columns out of line", qSheet{ags: "1", rows: full, names: map[string]string{questionnaire.NameAnswers: "Bogen!$D$11:$D$12"}},
			"bogen.xlsx: questionnaire: the columns of codes and answers do not line up (was the sheet's structure changed?)"},
		{"deleted cell", qSheet{ags: "1", rows: full, names: map[string]string{questionnaire.NameID: "Bogen!#REF!"}},
			`bogen.xlsx: questionnaire: name reifegrad_ags: broken reference "Bogen!#REF!" (was the sheet's structure changed?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := qRead(t, tt.q, Options{})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			if !errors.Is(err, ErrQuestionnaire) {
				t.Errorf("error %v does not wrap ErrQuestionnaire", err)
			}
		})
	}
}

func TestParseArea(t *testing.T) {
	tests := []struct {
		ref  string
		want qArea
		err  bool
	}{
		{"Bogen!$D$6", qArea{"Bogen", 4, 6, 4, 6}, false},
		{"'Frage bogen'!$B$10:$B$48", qArea{"Frage bogen", 2, 10, 2, 48}, false},
		{"'Bob''s'!A1", qArea{"Bob's", 1, 1, 1, 1}, false},
		{"=Bogen!$D$6", qArea{"Bogen", 4, 6, 4, 6}, false},
		{"Bogen!#REF!", qArea{}, true},
		{"D6", qArea{}, true},
		{"", qArea{}, true},
	}
	for _, tt := range tests {
		got, err := parseArea(tt.ref)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseArea(%q) = %+v, %v; want %+v, error %v", tt.ref, got, err, tt.want, tt.err)
		}
	}
}

// TestExportIsNoQuestionnaire reads an ordinary workbook export: the
// questionnaire check must leave it to the export reader.
func TestExportIsNoQuestionnaire(t *testing.T) {
	b, err := os.ReadFile("../example/umfrage_2026.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if hasQuestionnaireNames(b) {
		t.Fatal("the example export is taken for a questionnaire")
	}
	src, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := scoring.ParseModel("config.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Read(bytes.NewReader(b), "umfrage_2026.xlsx", m, Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), OpenOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range rows[1:] {
		if slices.ContainsFunc(r, func(c string) bool { return c != "" }) {
			want++
		}
	}
	if n := len(ds.Responses) + len(ds.Rejects); n != want || want < 419 {
		t.Errorf("%d rows read, want every data row of the sheet: %d", n, want)
	}
}

// TestQuestionnaireWithoutAQuestion: a questionnaire whose row of a
// question was deleted gets the finding every input gets, placed on its
// sheet, and its column map points at the cells.
func TestQuestionnaireWithoutAQuestion(t *testing.T) {
	ds, err := qRead(t, qSheet{ags: "14612000", rows: [][2]any{{"Q1", "ja"}, {"Q3", "nein"}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := missingOf(ds)
	want := `bogen.xlsx[Bogen]: missing column: question Q2 ("Zwei?") has no column in the input of wave 2026`
	if len(got) != 1 || got[0].String() != want || !got[0].Fatal {
		t.Errorf("findings %v, want the fatal %s", got, want)
	}
	in := ds.Inputs[0]
	var cells []string
	for _, c := range in.Columns {
		cells = append(cells, strconv.Itoa(c.Row)+":"+strconv.Itoa(c.Column)+" "+c.Role.String()+" "+string(c.Question))
	}
	if wantCells := []string{"6:4 id ", "7:4 name ", "10:4 question Q1", "11:4 question Q3"}; in.Format != "questionnaire" || !slices.Equal(cells, wantCells) {
		t.Errorf("input %s %v, want questionnaire %v", in.Format, cells, wantCells)
	}
}

// TestQuestionnaireCellsReadAsShown: a filled-in questionnaire's answer
// cells are read as every workbook's cells. A clerk who typed "45 %" into
// the answer to "Anteil … (in %)" got a cell storing 0.45, shown 45 %, and
// it scored 0.45 of 100 points without a word; TRUE was a share of 1, and
// the number 1.234 "ambiguous". Scores by hand from qModel (Q2: 0–100).
func TestQuestionnaireCellsReadAsShown(t *testing.T) {
	const notScored = -1.0
	tests := []struct {
		name   string
		answer any
		format string
		want   float64
		cause  scoring.Cause
	}{
		{"45 % typed", 0.45, "0%", 45, 0},
		{"45,5 % typed", 0.455, "0.0%", 45.5, 0},
		{"a number", 45, "", 45, 0},
		{"a number of three decimals", 1.234, "", 1.234, 0},
		{"TRUE", true, "", notScored, scoring.CauseUnknownAnswer},
		{"a date (45.1. typed)", 46143, "dd.mm.yyyy", notScored, scoring.CauseUnknownAnswer},
	}
	m := qMustModel(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := qSheet{ags: "14612000", rows: [][2]any{{"Q1", "ja"}, {"Q2", tt.answer}, {"Q3", "nein"}}}
			if tt.format != "" {
				q.formats = map[int]string{1: tt.format}
			}
			ds, err := qRead(t, q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			res := scoring.Score(m, ds)
			if len(res.Units) != 1 {
				t.Fatalf("%d units, rejects %v", len(res.Units), ds.Rejects)
			}
			got := notScored
			if n := res.Units[0].Nodes.At(m.Node("i2").Index); n.Scored() {
				got = n.Score
			}
			var cause scoring.Cause
			for _, is := range append(ds.Issues, res.Issues...) {
				if is.Question == "Q2" {
					cause = is.Cause
				}
			}
			if got != tt.want || cause != tt.cause {
				t.Errorf("Q2 read as %q: score %v, finding %v; want %v, %v", ds.Responses[0].Answers.At(1), got, cause, tt.want, tt.cause)
			}
		})
	}
}
