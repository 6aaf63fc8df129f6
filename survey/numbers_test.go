package survey

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// numbersModel: a count of open data sets (bins: 0 → 0, ≤ 9 → 40, ≤ 49 →
// 70, more → 100 points), a percentage on 0–100 (goalposts: the score is
// the number) and a share on 0–1 (the score is 100 × the number), all
// with decimal: auto, as the bundled config writes them.
const numbersModel = `model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 50}]}
  scales:
    anzahl: {type: numeric, min: 0, max: 100000, bins: [{max: 0, points: 0}, {max: 9, points: 0.4}, {max: 49, points: 0.7}, {points: 1}]}
    prozent: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    anteil: {type: numeric, min: 0, max: 1, goalposts: [0, 1]}
  questions:
    - {id: D02, scale: anzahl}
    - {id: P06, scale: prozent}
    - {id: S01, scale: anteil}
  dimensions:
    - id: d
      indicators: [{id: i, question: D02}, {id: j, question: P06}, {id: k, question: S01}]
`

// scoredCell is what became of one cell: its indicator's score, or the
// finding that names it (file[sheet]:row:col) and its cause.
type scoredCell struct {
	score float64 // -1: not scored
	cause scoring.Cause
}

// scoreCells reads the input and returns, per unit, what became of the
// cell of question q's indicator, and the dataset.
func scoreCells(t *testing.T, data []byte, name string, ind scoring.NodeID, col int) (map[scoring.UnitID]scoredCell, *scoring.Dataset) {
	t.Helper()
	m, err := scoring.ParseModel("m.yaml", []byte(numbersModel))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Read(bytes.NewReader(data), name, m, Options{IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(m, ds)
	out := map[scoring.UnitID]scoredCell{}
	for _, u := range res.Units {
		c := scoredCell{score: -1}
		if n := u.Nodes.At(m.Node(ind).Index); n.Scored() {
			c.score = n.Score
		}
		for _, is := range append(ds.Issues, res.Issues...) {
			sheet := ""
			if name == "f.xlsx" {
				sheet = "Sheet1"
			}
			if is.Unit == u.Unit.ID && is.Place == scoring.Pos(name, sheet, u.Response.Row, col) {
				c.cause = is.Cause
			}
		}
		out[u.Unit.ID] = c
	}
	return out, ds
}

// TestWorkbookCellsReadAsShown: a workbook cell shows one thing and
// stores another. A percentage shown "25%" stores 0.25; a date — German
// Excel turns a typed "1.5" into 1 May, shown "01. Mai" — stores its day
// number, 46143 for 2026-05-01. Read raw they scored 0.25 points of 100
// and 46143 data sets. A percentage is now read as shown on a scale of
// 0–100 (25 points), a finding on any other; a date is a date, whatever
// part of it the format shows, and so no count (a finding at the cell,
// as dates showing day and year were already). Numbers merely rounded or
// grouped by their format keep their stored value.
func TestWorkbookCellsReadAsShown(t *testing.T) {
	tests := []struct {
		unit   string
		col    string // B: D02, C: P06, D: S01
		value  float64
		numFmt int
		custom string
		want   scoredCell // by hand
	}{
		{"A", "B", 46143, 14, "", scoredCell{-1, scoring.CauseUnknownAnswer}},           // 05-01-26 (m-d-yy): a date, as before
		{"B", "B", 46143, 16, "", scoredCell{-1, scoring.CauseUnknownAnswer}},           // 1-May (d-mmm)
		{"C", "B", 46143, 0, "dd. mmm", scoredCell{-1, scoring.CauseUnknownAnswer}},     // 01. Mai
		{"D", "B", 46143, 17, "", scoredCell{-1, scoring.CauseUnknownAnswer}},           // May-26 (mmm-yy)
		{"E", "B", 46143, 0, "mmm yy", scoredCell{-1, scoring.CauseUnknownAnswer}},      // May 26
		{"F", "B", 46143.4375, 20, "", scoredCell{-1, scoring.CauseUnknownAnswer}},      // 10:30 (h:mm) of a day
		{"G", "B", 46143, 3, "", scoredCell{100, 0}},                                    // 46,143 (#,##0): a number
		{"H", "B", 7.4, 1, "", scoredCell{40, 0}},                                       // 7 (0): rounded, 7.4 is read
		{"I", "B", 5, 0, `0 "Stück"`, scoredCell{40, 0}},                                // 5 Stück
		{"J", "C", 0.25, 9, "", scoredCell{25, 0}},                                      // 25%
		{"K", "C", 0.805, 10, "", scoredCell{80.5, 0}},                                  // 80.50%
		{"L", "C", 0.0625, 0, "0.0%", scoredCell{6.25, 0}},                              // 6.3%: the stored 6.25
		{"M", "D", 0.25, 9, "", scoredCell{-1, scoring.CausePercentAnswer}},             // 25% on a share of 0–1: 25 or 0.25?
		{"N", "C", 1, 9, "", scoredCell{100, 0}},                                        // 100%
		{"O", "B", 2.5, 0, "# ?/?", scoredCell{40, 0}},                                  // 2 1/2: a fraction, not 2 January
		{"P", "B", 46143, 0, "dddd", scoredCell{-1, scoring.CauseUnknownAnswer}},        // Friday
		{"Q", "B", 46143, 0, "ddd", scoredCell{-1, scoring.CauseUnknownAnswer}},         // Fri
		{"R", "B", 46143, 0, "[$-407]dddd", scoredCell{-1, scoring.CauseUnknownAnswer}}, // Freitag
		{"S", "B", 46143, 0, "[$-407]ddd", scoredCell{-1, scoring.CauseUnknownAnswer}},  // Fr
		{"T", "B", 46143, 0, "mmmm", scoredCell{-1, scoring.CauseUnknownAnswer}},        // May
		{"U", "B", 46143, 0, "[$-407]mmmm", scoredCell{-1, scoring.CauseUnknownAnswer}}, // Mai
		{"V", "B", 46143, 0, "mmmmm", scoredCell{-1, scoring.CauseUnknownAnswer}},       // M
		{"W", "B", 46143, 0, "[$-40C]dddd", scoredCell{-1, scoring.CauseUnknownAnswer}}, // vendredi
		{"X", "B", 1, 4, "", scoredCell{40, 0}},                                         // 1.00 (#,##0.00): a number, not 1900-01-01
		{"Y", "B", 10, 2, "", scoredCell{70, 0}},                                        // 10.00 (0.00): not 1900-01-10
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01"})
	for i, tt := range tests {
		row := i + 2
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{tt.unit, 5, 50, 0.5})
		cell := fmt.Sprintf("%s%d", tt.col, row)
		f.SetCellValue("Sheet1", cell, tt.value)
		st := &excelize.Style{NumFmt: tt.numFmt}
		if tt.custom != "" {
			st.CustomNumFmt = &tt.custom
		}
		id, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Sheet1", cell, cell, id)
	}
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"B", "C", "D"} {
		ind := map[string]scoring.NodeID{"B": "i", "C": "j", "D": "k"}[col]
		got, _ := scoreCells(t, xb.Bytes(), "f.xlsx", ind, int(col[0]-'A')+1)
		for i, tt := range tests {
			if tt.col != col {
				continue
			}
			if g := got[scoring.UnitID(tt.unit)]; g.score != tt.want.score || g.cause != tt.want.cause {
				shown, _ := f.GetCellValue("Sheet1", fmt.Sprintf("%s%d", tt.col, i+2))
				t.Errorf("%s: cell shown %q (stored %v): score %v, finding %v; want %v, %v", tt.unit, shown, tt.value, g.score, g.cause, tt.want.score, tt.want.cause)
			}
		}
	}
}

// TestWorkbookNumberCells: a workbook's number cell stores 1.234 as
// "1.234" — the decimal, whatever a format shows. Read raw it looked like
// a text cell holding a German "1.234" (1234): decimal: auto refused it,
// decimal: comma read it as 1234. It is now 1.234 under every setting; a
// text cell "1.234" reads as before (refused, 1234, 1.234). A formula's
// number counts as a number, its text ("str") as text. Values by hand.
func TestWorkbookNumberCells(t *testing.T) {
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    auto: {type: numeric, goalposts: [0, 10000]}
    comma: {type: numeric, decimal: comma, goalposts: [0, 10000]}
    point: {type: numeric, decimal: point, goalposts: [0, 10000]}
  questions: [{id: A, scale: auto}, {id: C, scale: comma}, {id: P, scale: point}]
  dimensions: [{id: d, indicators: [{id: a, question: A}, {id: c, question: C}, {id: p, question: P}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	const refused = -1.0
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "A", "C", "P"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"number", 1.234, 1.234, 1.234})
	f.SetSheetRow("Sheet1", "A3", &[]any{"text", "1.234", "1.234", "1.234"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"formula", 7, 8, 9})
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	// As Excel saves them: a formula's number beside it, and one whose
	// result is text.
	data := withSheetXML(t, xb.Bytes(), `<c r="B4"><v>7</v></c>`, `<c r="B4" t="str"><f>TEXT(1234/1000,"0.000")</f><v>1.234</v></c>`)
	data = withSheetXML(t, data, `<c r="C4"><v>8</v></c>`, `<c r="C4"><f>1234/1000</f><v>1.234</v></c>`)
	data = withSheetXML(t, data, `<c r="D4"><v>9</v></c>`, `<c r="D4"><f>1234/1000</f><v>1.234</v></c>`)
	want := map[scoring.UnitID][3]float64{
		"number":  {1.234, 1.234, 1.234},
		"text":    {refused, 1234, 1.234},
		"formula": {refused, 1.234, 1.234}, // A's formula gives text
	}
	ds, err := Read(bytes.NewReader(data), "f.xlsx", m, Options{IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ds.Responses {
		for q, w := range want[r.Unit.ID] {
			a := m.Questions[q].Scale.Parse(r.Answers.At(q))
			if w == refused && a.Status != scoring.Invalid || w != refused && (a.Status != scoring.Answered || a.Value != w) {
				t.Errorf("%s, question %s: %q read as %+v, want %v", r.Unit.ID, m.Questions[q].ID, r.Answers.At(q), a, w)
			}
		}
	}
	if len(ds.Responses) != 3 {
		t.Errorf("%d responses, want 3", len(ds.Responses))
	}
}

// TestWorkbookWordsOfTheirOwn: where a workbook has a number format that
// shows words of its own (`"ja";"nein"`: 1 shown "ja"), a cell showing
// words is a date only when they name its month or weekday; the number
// behind "ja" is read. A month's name alone ("mmmm") is a date format of
// its own: the workbook has no other. By hand from D02's bins.
func TestWorkbookWordsOfTheirOwn(t *testing.T) {
	cells := []struct {
		unit   string
		value  float64
		custom string
		want   scoredCell
	}{
		{"A", 46143, "mmmm", scoredCell{-1, scoring.CauseUnknownAnswer}},         // May
		{"B", 46143, "[$-407]mmmmm", scoredCell{-1, scoring.CauseUnknownAnswer}}, // M
		{"C", 1, `"ja";"nein";"null"`, scoredCell{40, 0}},                        // ja
		{"D", 0, `"ja";"nein";"null"`, scoredCell{0, 0}},                         // null
		{"E", 12, `0;-0;"keine"`, scoredCell{70, 0}},                             // 12
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01"})
	for i, c := range cells {
		row := i + 2
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{c.unit, c.value, 50, 0.5})
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c.custom})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Sheet1", fmt.Sprintf("B%d", row), fmt.Sprintf("B%d", row), id)
	}
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	got, _ := scoreCells(t, xb.Bytes(), "f.xlsx", "i", 2)
	for i, c := range cells {
		if g := got[scoring.UnitID(c.unit)]; g != c.want {
			shown, _ := f.GetCellValue("Sheet1", fmt.Sprintf("B%d", i+2))
			t.Errorf("%s: cell shown %q (stored %v): score %v, finding %v; want %v, %v", c.unit, shown, c.value, g.score, g.cause, c.want.score, c.want.cause)
		}
	}
}

// TestThousandsSettledByTheColumn: under decimal: auto, "1.234" and
// "12.500" were read as 1.234 and 12.5 — even in a German file whose
// column writes "3,5" — and "1,234" and "12,500" as 1.234 and 12.5 even
// in an English file whose column writes "3.5". "1.234" is now a whole
// number when the rest of the column writes German numbers and never an
// English one, "1,234" when the rest writes English numbers and never a
// German one (and the column map says how many, and with which
// separator); "1,234" stays the decimal 1.234 in a German column. Else a
// finding names the cell: both conventions, no separator at all, text
// that is no number ("k.A."), or, for "1.234", a workbook (whose number
// cells always have a point) or an English column. Numbers that read one
// way only stay as they were.
func TestThousandsSettledByTheColumn(t *testing.T) {
	workbook := func(cells ...any) []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01"})
		for i, v := range cells {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{string(rune('A' + i)), v, 50, 0.5})
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	ambiguous := scoredCell{-1, scoring.CauseAmbiguousNumber}
	tests := []struct {
		name      string
		file      string
		data      []byte
		want      map[scoring.UnitID]scoredCell // by hand, from the bins
		thousands int                           // the column map's count
		sep       string                        // and separator
	}{
		{"German column", "de.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;12.500;50;0,5\nC;3,5;50;0,5\nD;1234;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {100, 0}, "C": {40, 0}, "D": {100, 0}}, 2, "."},
		// The same answer in several rows: each row is settled (the
		// reader looks at an answer's text once and remembers it by its
		// code for the rows after).
		{"German column, an answer again", "de.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;3,5;50;0,5\nC;1.234;50;0,5\nD;12.500;50;0,5\nE;1.234;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {40, 0}, "C": {100, 0}, "D": {100, 0}, "E": {100, 0}}, 4, "."},
		{"no separator, an answer again", "x.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;7;50;0,5\nC;1.234;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {40, 0}, "C": ambiguous}, 0, ""},
		{"German thousands only", "de.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;1.234.567;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {-1, scoring.CauseOutOfRange}}, 1, "."}, // 1234567 > 100000
		{"English column", "en.csv", []byte("id,D02,P06,S01\nA,1.234,50,0.5\nB,3.5,50,0.5\nC,1234,50,0.5\nD,0.125,50,0.5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {40, 0}, "C": {100, 0}, "D": {40, 0}}, 0, ""},
		{"no separator to go by", "x.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;-12.500;50;0,5\nC;7;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": ambiguous, "C": {40, 0}}, 0, ""},
		{"both conventions", "x.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;3,5;50;0,5\nC;2.5;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {40, 0}, "C": {40, 0}}, 0, ""},
		{"workbook", "f.xlsx", workbook("1.234", "12.500", 3.5, 1234),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": ambiguous, "C": {40, 0}, "D": {100, 0}}, 0, ""},
		{"workbook, German text", "f.xlsx", workbook("1.234", "3,5", 1.5),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {40, 0}, "C": {40, 0}}, 1, "."},
		// The comma, the other way round.
		{"English column, comma", "en.csv", []byte("id,D02,P06,S01\nA,\"1,234\",50,0.5\nB,\"12,500\",50,0.5\nC,3.5,50,0.5\nD,7,50,0.5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {100, 0}, "C": {40, 0}, "D": {40, 0}}, 2, ","},
		{"English thousands only", "en.csv", []byte("id,D02,P06,S01\nA,\"1,234\",50,0.5\nB,\"1,234,567\",50,0.5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {-1, scoring.CauseOutOfRange}}, 1, ","}, // 1234567 > 100000
		{"English grouped decimal", "en.csv", []byte("id,D02,P06,S01\nA,\"-1,234\",50,0.5\nB,\"1,234.5\",50,0.5\nC,\" 12,500 \",50,0.5\n"),
			map[scoring.UnitID]scoredCell{"A": {-1, scoring.CauseOutOfRange}, "B": {100, 0}, "C": {100, 0}}, 2, ","}, // -1234 < 0
		{"English column, both separators", "en.csv", []byte("id,D02,P06,S01\nA,1.234,50,0.5\nB,\"1,234\",50,0.5\nC,3.5,50,0.5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {100, 0}, "C": {40, 0}}, 1, ","},
		{"German decimal comma", "de.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;12,500;50;0,5\nC;0,5;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {40, 0}, "B": {70, 0}, "C": {40, 0}}, 0, ""},
		{"German column, both separators", "de.csv", []byte("id;D02;P06;S01\nA;1.234;50;0,5\nB;1,234;50;0,5\nC;7,25;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {40, 0}, "C": {40, 0}}, 1, "."},
		{"no comma to go by", "x.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;-12,500;50;0,5\nC;7;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": ambiguous, "C": {40, 0}}, 0, ""},
		{"both conventions, comma", "x.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;3,5;50;0,5\nC;2.5;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {40, 0}, "C": {40, 0}}, 0, ""},
		{"text is no number", "x.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;1.234;50;0,5\nC;k.A.;50;0,5\nD;n,a,;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": ambiguous, "C": {-1, scoring.CauseUnknownAnswer}, "D": {-1, scoring.CauseUnknownAnswer}}, 0, ""},
		{"misgrouped thousands", "x.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;1,23,456;50;0,5\nC;1.2345.6;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": ambiguous}, 0, ""},
		{"a German percentage", "x.csv", []byte("id;D02;P06;S01\nA;1,234;50;0,5\nB;12,5 %;50;0,5\n"),
			map[scoring.UnitID]scoredCell{"A": {40, 0}, "B": {-1, scoring.CausePercentAnswer}}, 0, ""},
		{"workbook, English text", "f.xlsx", workbook("1,234", "1,234.5", 3.5),
			map[scoring.UnitID]scoredCell{"A": {100, 0}, "B": {100, 0}, "C": {40, 0}}, 1, ","},
		{"workbook number cells", "f.xlsx", workbook(1.234, 12.345, "1.234", -123.456),
			map[scoring.UnitID]scoredCell{"A": {40, 0}, "B": {70, 0}, "C": ambiguous, "D": {-1, scoring.CauseOutOfRange}}, 0, ""},
		{"workbook, comma alone", "f.xlsx", workbook("1,234", 3.5, 1234),
			map[scoring.UnitID]scoredCell{"A": ambiguous, "B": {40, 0}, "C": {100, 0}}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ds := scoreCells(t, tt.data, tt.file, "i", 2)
			for u, w := range tt.want {
				if g := got[u]; g != w {
					t.Errorf("%s: score %v, finding %v; want %v, %v", u, g.score, g.cause, w.score, w.cause)
				}
			}
			n, sep := -1, ""
			for _, c := range ds.Inputs[0].Columns {
				if c.Question == "D02" {
					n, sep = c.Thousands, c.ThousandsSeparator
				}
			}
			if n != tt.thousands || sep != tt.sep {
				t.Errorf("column map: %d answers read with thousands separator %q, want %d, %q", n, sep, tt.thousands, tt.sep)
			}
		})
	}
}

// TestWorkbookFormulaWithoutValue: a workbook written by a script
// (openpyxl, excelize) or saved without calculating holds formulas
// without a value. Excel shows the answer; the reader sees a blank. It is
// still not answered (there is no value to score), but a finding names
// the cell. A formula outside the questions' columns, or a formula with
// its value, is no finding. An item column's formula without a value is
// a finding too.
func TestWorkbookFormulaWithoutValue(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01", "note"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"A", 5, nil, 0.5, "x"})
	f.SetCellFormula("Sheet1", "C2", `IF(E2="x",40,60)`)
	f.SetSheetRow("Sheet1", "A3", &[]any{"B", 5, 60, 0.5, nil})
	f.SetCellFormula("Sheet1", "E3", `B3*2`)
	f.SetSheetRow("Sheet1", "A4", &[]any{"C", 5, 60, 0.5})
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	// C4 as Excel saves a formula: with its value beside it.
	data := withSheetXML(t, xb.Bytes(), "<c r=\"C4\"><v>60</v></c>", "<c r=\"C4\"><f>30*2</f><v>60</v></c>")
	tests := []struct {
		unit scoring.UnitID
		want scoredCell
	}{
		{"A", scoredCell{-1, scoring.CauseFormulaNoValue}},
		{"B", scoredCell{60, 0}},
		{"C", scoredCell{60, 0}},
	}
	got, _ := scoreCells(t, data, "f.xlsx", "j", 3)
	for _, tt := range tests {
		if g := got[tt.unit]; g != tt.want {
			t.Errorf("%s: score %v, finding %v; want %v, %v", tt.unit, g.score, g.cause, tt.want.score, tt.want.cause)
		}
	}
	// An item column of a multi-select: a formula without a value there
	// was read as not ticked, without a finding.
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    wahl: {type: multi, items: [a, b], score: share}
  questions: [{id: M, scale: wahl}]
  dimensions: [{id: d, indicators: [{id: i, question: M}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	g := excelize.NewFile()
	defer g.Close()
	g.SetSheetRow("Sheet1", "A1", &[]any{"id", "M[a]", "M[b]"})
	g.SetSheetRow("Sheet1", "A2", &[]any{"A", 1, nil})
	g.SetCellFormula("Sheet1", "C2", `IF(B2=1,1,0)`)
	var gb bytes.Buffer
	if err := g.Write(&gb); err != nil {
		t.Fatal(err)
	}
	ds, err := Read(bytes.NewReader(gb.Bytes()), "g.xlsx", m, Options{IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, is := range ds.Issues {
		if is.Cause == scoring.CauseFormulaNoValue {
			found = append(found, is.Place+" "+strings.Join(is.Args, " "))
		}
	}
	if want := []string{"g.xlsx[Sheet1]:2:3 M C2"}; !slices.Equal(found, want) {
		t.Errorf("item column: findings %q, want %q", found, want)
	}
}

// TestWorkbookBooleanCells: a cell holding TRUE or FALSE (typed WAHR, the
// cell a checkbox is linked to, a comparison's result) is stored as 1 or
// 0. Read raw, TRUE was a count of 1 open data set (40 points), a share
// of 1 (100 points) and FALSE a count of 0, each without a finding. A
// boolean is no number: a finding at its cell, as a CSV's TRUE or WAHR
// is. Where a multi-select's item column holds it, it ticks (TRUE) or
// leaves the item (FALSE), as before. Values by hand.
func TestWorkbookBooleanCells(t *testing.T) {
	tests := []struct {
		unit string
		col  string // B: D02, D: S01
		cell string // the cell's XML
		want scoredCell
	}{
		{"A", "B", `<c r="B%d" t="b"><v>1</v></c>`, scoredCell{-1, scoring.CauseUnknownAnswer}},           // TRUE: no count
		{"B", "B", `<c r="B%d" t="b"><v>0</v></c>`, scoredCell{-1, scoring.CauseUnknownAnswer}},           // FALSE: no count of 0
		{"C", "D", `<c r="D%d" t="b"><v>1</v></c>`, scoredCell{-1, scoring.CauseUnknownAnswer}},           // TRUE: no share of 1
		{"D", "B", `<c r="B%d" t="b"><f>1=1</f><v>1</v></c>`, scoredCell{-1, scoring.CauseUnknownAnswer}}, // a formula's TRUE
		{"E", "B", `<c r="B%d"><v>1</v></c>`, scoredCell{40, 0}},                                          // the number 1: 1 data set
		{"F", "D", `<c r="D%d" t="str"><f>IF(1,"1","0")</f><v>1</v></c>`, scoredCell{100, 0}},             // the text 1
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01"})
	for i, tt := range tests {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{tt.unit, 5, 50, 0.5})
	}
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	data := xb.Bytes()
	for i, tt := range tests {
		row := i + 2
		old := map[string]string{"B": `<c r="B%d"><v>5</v></c>`, "D": `<c r="D%d"><v>0.5</v></c>`}[tt.col]
		data = withSheetXML(t, data, fmt.Sprintf(old, row), fmt.Sprintf(tt.cell, row))
	}
	for _, col := range []string{"B", "D"} {
		ind := map[string]scoring.NodeID{"B": "i", "D": "k"}[col]
		got, _ := scoreCells(t, data, "f.xlsx", ind, int(col[0]-'A')+1)
		for _, tt := range tests {
			if tt.col != col {
				continue
			}
			if g := got[scoring.UnitID(tt.unit)]; g != tt.want {
				t.Errorf("%s: cell %s: score %v, finding %v; want %v, %v", tt.unit, tt.cell, g.score, g.cause, tt.want.score, tt.want.cause)
			}
		}
	}

	// A multi-select's item columns: TRUE ticks, FALSE does not, under
	// the generic reader and LimeSurvey's (1 of 2 items: 50 points).
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    wahl: {type: multi, items: [a, b], score: share}
  questions: [{id: M, scale: wahl}]
  dimensions: [{id: d, indicators: [{id: i, question: M}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, header := range [][]any{{"id", "M[a]", "M[b]"}, {"id", "submitdate", "lastpage", "M[a]", "M[b]"}} {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &header)
		row := []any{"A", true, false}
		if len(header) == 5 {
			row = []any{"A", "2026-03-01 10:00:00", 2, true, false}
		}
		f.SetSheetRow("Sheet1", "A2", &row)
		var xb bytes.Buffer
		if err := f.Write(&xb); err != nil {
			t.Fatal(err)
		}
		f.Close()
		ds, err := Read(bytes.NewReader(xb.Bytes()), "f.xlsx", m, Options{IDColumn: "id"})
		if err != nil {
			t.Fatal(err)
		}
		res := scoring.Score(m, ds)
		if n := res.Units[0].Nodes.At(m.Node("i").Index); !n.Scored() || n.Score != 50 {
			t.Errorf("header %v: TRUE, FALSE scored %+v (issues %v), want 50", header, n, append(ds.Issues, res.Issues...))
		}
	}
}

// TestWorkbookMergedCells: Excel shows a merged range's value in every
// cell of it (two municipalities of one Verwaltungsgemeinschaft answering
// "5" once, across their rows) but stores it in the first cell only: the
// others read blank, and their answers were not answered without a word
// (check passed). Each such answer cell is now a finding that names the
// range; the value is still not guessed. A range outside the answer
// columns, or a covered cell holding a value of its own, is no finding.
// Values by hand from numbersModel (5 → 40, 50 → 50, 0.5 → 50).
func TestWorkbookMergedCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "D02", "P06", "S01", "note"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"A", 5, 50, 0.5, "x"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"B", nil, 50, 0.5})
	f.SetSheetRow("Sheet1", "A4", &[]any{"C", 5, 50, nil})
	f.SetSheetRow("Sheet1", "A5", &[]any{"D", 5, 50, 0.5, "y"})
	f.SetSheetRow("Sheet1", "A6", &[]any{"E", 5, 50, 0.5})
	for _, r := range []string{"B2:B3", "C4:D4", "E5:E6", "C5:C6"} {
		if err := f.MergeCell("Sheet1", r[:2], r[3:]); err != nil {
			t.Fatal(err)
		}
	}
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	// C6 as a program may write it: a value of its own inside C5:C6.
	data := withSheetXML(t, xb.Bytes(), `<c r="D6"><v>0.5</v></c>`, `<c r="C6"><v>50</v></c><c r="D6"><v>0.5</v></c>`)
	tests := []struct {
		unit string
		col  string // B: D02, C: P06, D: S01
		want scoredCell
	}{
		{"A", "B", scoredCell{40, 0}},                       // B2, the range's first cell
		{"B", "B", scoredCell{-1, scoring.CauseMergedCell}}, // B3 shows 5, holds nothing
		{"C", "C", scoredCell{50, 0}},                       // C4, first of C4:D4
		{"C", "D", scoredCell{-1, scoring.CauseMergedCell}}, // D4 shows 50 (a share of 50?), holds nothing
		{"D", "B", scoredCell{40, 0}},                       // E5:E6 is no answer column
		{"E", "C", scoredCell{50, 0}},                       // C6 holds its own 50
	}
	for _, col := range []string{"B", "C", "D"} {
		ind := map[string]scoring.NodeID{"B": "i", "C": "j", "D": "k"}[col]
		got, _ := scoreCells(t, data, "f.xlsx", ind, int(col[0]-'A')+1)
		for _, tt := range tests {
			if tt.col != col {
				continue
			}
			if g := got[scoring.UnitID(tt.unit)]; g != tt.want {
				t.Errorf("%s, column %s: score %v, finding %v; want %v, %v", tt.unit, tt.col, g.score, g.cause, tt.want.score, tt.want.cause)
			}
		}
	}

	// A multi-select's item column: "Y" merged over two rows ticks the
	// first only; the second is a finding, not an item left unticked.
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    wahl: {type: multi, items: [a, b], score: share}
  questions: [{id: M, scale: wahl}]
  dimensions: [{id: d, indicators: [{id: i, question: M}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	g := excelize.NewFile()
	defer g.Close()
	g.SetSheetRow("Sheet1", "A1", &[]any{"id", "submitdate", "lastpage", "M[a]", "M[b]"})
	g.SetSheetRow("Sheet1", "A2", &[]any{"A", "2026-03-01 10:00:00", 2, "Y", "Y"})
	g.SetSheetRow("Sheet1", "A3", &[]any{"B", "2026-03-01 11:00:00", 2, nil, "Y"})
	g.MergeCell("Sheet1", "D2", "D3")
	xb.Reset()
	if err := g.Write(&xb); err != nil {
		t.Fatal(err)
	}
	ds, err := Read(bytes.NewReader(xb.Bytes()), "g.xlsx", m, Options{IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, is := range ds.Issues {
		if is.Cause == scoring.CauseMergedCell {
			found = append(found, fmt.Sprintf("%s %s %v", is.Unit, is.Place, is.Args))
		}
	}
	if want := []string{"B g.xlsx[Sheet1]:3:4 [M D3 D2:D3 D2]"}; !slices.Equal(found, want) {
		t.Errorf("merged item column: findings %q, want %q", found, want)
	}
}

// withSheetXML returns the workbook with old replaced by new in its first
// sheet's XML.
func withSheetXML(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			found = bytes.Contains(b, []byte(old))
			b = bytes.Replace(b, []byte(old), []byte(new), 1)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("sheet1.xml has no %s", old)
	}
	return buf.Bytes()
}

func TestPercentText(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{"0.25", "25%"}, {"0.805", "80.5%"}, {"1", "100%"}, {"0", "0%"}, {"-0.125", "-12.5%"},
		{"0.00005", "0.005%"}, {"12.5", "1250%"}, {"2.5E-3", "2.5e-1%"}, {"+0.5", "50%"},
	} {
		got, ok := percentText(tt.raw)
		if !ok || got != tt.want {
			t.Errorf("percentText(%q) = %q, %v; want %q", tt.raw, got, ok, tt.want)
		}
	}
	for _, raw := range []string{"", "x", "NaN", "1e999"} {
		if got, ok := percentText(raw); ok {
			t.Errorf("percentText(%q) = %q, want refused", raw, got)
		}
	}
}

func TestPartDateText(t *testing.T) {
	frac, lit := styleKinds{date: true, fraction: true}, styleKinds{date: true, literal: true}
	tests := []struct {
		raw, shown string
		styles     styleKinds
		want       string
	}{
		{"46143", "01. Mai", lit, "2026-05-01"},
		{"46143", "1-May", lit, "2026-05-01"},
		{"46143", "May-26", lit, "2026-05-01"},
		{"46143", "März", lit, ""}, // not this date's month
		{"46143", "01.05.", lit, "2026-05-01"},
		{"46143", "2026", lit, "2026-05-01"},
		{"46143.4375", "10:30", lit, "2026-05-01 10:30"},
		{"0.4375", "10:30", lit, "10:30"},
		{"46143", "46,143", lit, ""},
		{"46143", "46143.00", lit, ""},
		{"5", "5 Stück", lit, ""},
		{"2.5", "2 1/2", frac, ""},
		{"1.5", "1,50", lit, ""},
		{"46143", "1", lit, "2026-05-01"},   // the day alone ("d")
		{"46143", "May", lit, "2026-05-01"}, // the month alone ("mmm")
		// 2026-05-01 is a Friday: its weekday by name ("dddd", "ddd"),
		// its month's initial ("mmmmm") are dates, also where the
		// workbook has formats showing words of their own.
		{"46143", "Friday", lit, "2026-05-01"},
		{"46143", "Freitag", lit, "2026-05-01"},
		{"46143", "Fri", lit, "2026-05-01"},
		{"46143", "Fr", lit, "2026-05-01"},
		{"46143", "M", lit, "2026-05-01"},
		{"46143", "Tuesday", lit, ""}, // not its weekday
		{"46143", "J", lit, ""},       // not its month
		{"46143", "F", lit, ""},       // nor is its weekday's initial a month's
		// Words alone, where no format shows words of its own: a weekday
		// in another language ("[$-40C]dddd").
		{"46143", "vendredi", styleKinds{date: true}, "2026-05-01"},
		{"46143", "vendredi", lit, ""}, // "ja";"nein" formats: words may be the number's
		{"1", "TRUE", styleKinds{date: true}, ""},
		{"0", "FALSE", styleKinds{date: true}, ""},
		{"0", "keine", lit, ""},
	}
	for _, tt := range tests {
		got, ok := partDateText(tt.raw, tt.shown, false, tt.styles)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("partDateText(%q, %q) = %q, %v; want %q", tt.raw, tt.shown, got, ok, tt.want)
		}
	}
}

// FuzzShownValue: whatever a cell stores and shows, shownValue does not
// panic, and what it returns is a date or time in ISO form, or the stored
// number as a percentage (100 times it, checked by scoring's reading).
func FuzzShownValue(f *testing.F) {
	for _, s := range [][2]string{{"46143", "01. Mai"}, {"0.25", "25%"}, {"46143.4375", "10:30"}, {"2.5E-3", "0%"},
		{"45366", "15.03.2024"}, {"5", "5 Stück"}, {"0.5", "1/2"}, {"-1", "-100%"}, {"1e308", "1E+308%"},
		{"46143", "Freitag"}, {"46143", "M"}, {"46143", "vendredi"}, {"1", "TRUE"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, raw, shown string) {
		v, ok := shownValue(raw, shown, false, styleKinds{date: true, percent: true, fraction: len(shown)%2 == 0, literal: len(raw)%2 == 0})
		if !ok {
			return
		}
		if p, isPercent := strings.CutSuffix(v, "%"); isPercent {
			x, err := strconv.ParseFloat(raw, 64)
			got, ok := scoring.ParseNumber(p, scoring.DecimalPoint)
			if err != nil || !ok || math.Abs(got-100*x) > 1e-12*math.Abs(100*x) {
				t.Fatalf("shownValue(%q, %q) = %q: not 100 × %v", raw, shown, v, x)
			}
			return
		}
		for _, layout := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02 15:04:05", "15:04", "15:04:05"} {
			if _, err := time.Parse(layout, v); err == nil {
				return
			}
		}
		t.Fatalf("shownValue(%q, %q) = %q: no ISO date or time", raw, shown, v)
	})
}

// TestDraftDecimal: init's draft writes the decimal setting that reads a
// numeric column as its other numbers say it is written (see numeric):
// an English column with "1,234" says decimal: point (it said comma, and
// "3.5" became 35), a German one comma, one without other separators
// comma (German is the guess), one with both conventions neither (auto
// reads each unambiguous number as written). The range is read so: by
// hand.
// TestDraftManyNumbers: init kept a column's first 201 different answers
// and called a column with more "free text" — the bundled example's P06
// and K02, percentages with a decimal comma (322 different answers), were
// left out of the draft. Numbers past the kept answers now count: a
// column of numbers stays a number question, its range and decimal from
// every answer; an answer that is no number past them still makes it free
// text, and "weiß nicht" past them is a missing code, not a word that
// makes the column free text. Ranges by hand.
func TestDraftManyNumbers(t *testing.T) {
	numbers := func(sep string, n int, f func(i int) string) string {
		var b strings.Builder
		b.WriteString("id" + sep + "Q1\n")
		for i := range n {
			fmt.Fprintf(&b, "u%d%s%s\n", i, sep, f(i))
		}
		return b.String()
	}
	tests := []struct {
		name     string
		csv      string
		numeric  bool
		comma    bool
		min, max float64
		missing  string // an answer the draft should read as missing
	}{
		{"German decimals", numbers(";", 300, func(i int) string { return fmt.Sprintf("%d,5", i) }), true, true, 0.5, 299.5, ""},
		{"English decimals", numbers(",", 300, func(i int) string { return fmt.Sprintf("%d.25", i) }), true, false, 0.25, 299.25, ""},
		{"a word past the kept answers", numbers(";", 300, func(i int) string {
			if i == 250 {
				return "ca. 40"
			}
			return fmt.Sprintf("%d,5", i)
		}), false, false, 0, 0, ""},
		{"weiß nicht past the kept answers", numbers(";", 300, func(i int) string {
			if i == 250 {
				return "weiß nicht"
			}
			return fmt.Sprintf("%d,5", i)
		}), true, true, 0.5, 299.5, "weiß nicht"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DraftModel(strings.NewReader(tt.csv), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var sc *DraftScale
			for i := range d.Scales {
				if d.Scales[i].Kind == scoring.ScaleNumeric {
					sc = &d.Scales[i]
				}
			}
			switch {
			case !tt.numeric && sc != nil:
				t.Fatalf("drafted as a number: %+v", sc)
			case !tt.numeric:
				return
			case sc == nil:
				t.Fatalf("no numeric scale; skipped %+v", d.Skipped)
			}
			if sc.Comma != tt.comma || sc.Min != tt.min || sc.Max != tt.max {
				t.Errorf("comma %v, range %v–%v; want %v, %v–%v", sc.Comma, sc.Min, sc.Max, tt.comma, tt.min, tt.max)
			}
			if tt.missing != "" && !slices.ContainsFunc(d.Missing, func(m DraftMissing) bool { return m.Answer == tt.missing }) {
				t.Errorf("missing codes %+v, want %q among them", d.Missing, tt.missing)
			}
		})
	}
}

func TestDraftDecimal(t *testing.T) {
	tests := []struct {
		name         string
		csv          string
		comma, point bool
		min, max     float64
	}{
		{"English thousands", "id,Q1\nA,\"1,234\"\nB,3.5\nC,20\n", false, true, 3.5, 1234},
		{"English, grouped", "id,Q1\nA,\"1,234.5\"\nB,\"12,500\"\nC,20\n", false, true, 20, 12500},
		{"English, nothing ambiguous", "id,Q1\nA,1234.5\nB,3.5\nC,20\n", false, false, 3.5, 1234.5},
		{"German", "id;Q1\nA;1.234\nB;3,5\nC;20\n", true, false, 3.5, 1234},
		{"German decimal comma", "id;Q1\nA;1,234\nB;3,5\nC;20\n", true, false, 1.234, 20},
		{"no other separator", "id;Q1\nA;12,500\nB;7\nC;20\n", true, false, 7, 20},
		{"both conventions", "id;Q1\nA;1,234\nB;3,5\nC;2.5\n", false, false, 1.234, 3.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DraftModel(strings.NewReader(tt.csv), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var sc *DraftScale
			for i := range d.Scales {
				if d.Scales[i].Kind == scoring.ScaleNumeric {
					sc = &d.Scales[i]
				}
			}
			if sc == nil {
				t.Fatalf("no numeric scale in %+v", d.Scales)
			}
			if sc.Comma != tt.comma || sc.Point != tt.point || sc.Min != tt.min || sc.Max != tt.max {
				t.Errorf("comma %v, point %v, range %v–%v; want %v, %v, %v–%v", sc.Comma, sc.Point, sc.Min, sc.Max, tt.comma, tt.point, tt.min, tt.max)
			}
		})
	}
}

// TestDraftDecimalWorkbook: in a workbook the draft takes the decimal
// setting from the text cells alone, as the importer does: number cells
// have a decimal point whatever the text cells were typed as. A budget
// column with number cells 12.5, 250, 3.75 and 40.25 and one German text
// cell "1.500" was drafted decimal: point, so that the importer read
// 1500 as 1.5 (range 1.5–250, the largest budget scored lowest) without
// a finding; now it is comma (German is the guess), the range 3.75–1500,
// and the importer reads 1500 and 12.5 with it. Values by hand.
func TestDraftDecimalWorkbook(t *testing.T) {
	tests := []struct {
		name         string
		cells        []any // column Q1, one per unit
		comma, point bool
		min, max     float64
		read         []float64 // each answer as the importer reads it with the draft's setting
	}{
		{"German text among number cells", []any{12.5, 250.0, 3.75, "1.500", 40.25},
			true, false, 3.75, 1500, []float64{12.5, 250, 3.75, 1500, 40.25}},
		{"number cells only", []any{12.5, 1.234, 20.0},
			false, false, 1.234, 20, []float64{12.5, 1.234, 20}},
		{"English text among number cells", []any{2.5, "1,234", "1,234.5", 20.0},
			false, true, 2.5, 1234.5, []float64{2.5, 1234, 1234.5, 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			f.SetSheetRow("Sheet1", "A1", &[]any{"id", "Q1"})
			for i, c := range tt.cells {
				f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{fmt.Sprintf("U%d", i+1), c})
			}
			var xb bytes.Buffer
			if err := f.Write(&xb); err != nil {
				t.Fatal(err)
			}
			d, err := DraftModel(bytes.NewReader(xb.Bytes()), "f.xlsx", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var sc *DraftScale
			for i := range d.Scales {
				if d.Scales[i].Kind == scoring.ScaleNumeric {
					sc = &d.Scales[i]
				}
			}
			if sc == nil {
				t.Fatalf("no numeric scale in %+v", d.Scales)
			}
			if sc.Comma != tt.comma || sc.Point != tt.point || sc.Min != tt.min || sc.Max != tt.max {
				t.Errorf("comma %v, point %v, range %v–%v; want %v, %v, %v–%v", sc.Comma, sc.Point, sc.Min, sc.Max, tt.comma, tt.point, tt.min, tt.max)
			}
			decimal := "auto"
			switch {
			case sc.Comma:
				decimal = "comma"
			case sc.Point:
				decimal = "point"
			}
			m, err := scoring.ParseModel("m.yaml", []byte(fmt.Sprintf(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales: {z: {type: numeric, decimal: %s, goalposts: [0, 100000]}}
  questions: [{id: Q1, scale: z}]
  dimensions: [{id: d, indicators: [{id: i, question: Q1}]}]
`, decimal)))
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Read(bytes.NewReader(xb.Bytes()), "f.xlsx", m, Options{IDColumn: "id"})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != len(tt.read) {
				t.Fatalf("%d responses, want %d", len(ds.Responses), len(tt.read))
			}
			for i, r := range ds.Responses {
				if a := m.Questions[0].Scale.Parse(r.Answers.At(0)); a.Status != scoring.Answered || a.Value != tt.read[i] {
					t.Errorf("%s: %q read as %+v, want %v", r.Unit.ID, r.Answers.At(0), a, tt.read[i])
				}
			}
		})
	}
}

// TestLongLayoutThousands: the long layout gathers each question's
// answers into a column of its own and settles "1.234" and "1,234" by
// them as a wide file's column; the answer column of the column map says
// how many were read as whole numbers, with the separator when all
// questions read the same one. Scores by hand from numbersModel (D02's
// bins, P06 the number itself).
func TestLongLayoutThousands(t *testing.T) {
	tests := []struct {
		name      string
		csv       string
		want      map[scoring.UnitID][2]float64 // D02's and P06's score, -1: not scored
		thousands int
		sep       string
	}{
		{"German", "id;frage;antwort\nA;D02;1.234\nA;P06;12,500\nB;D02;3,5\nB;P06;2,5\n",
			map[scoring.UnitID][2]float64{"A": {100, 12.5}, "B": {40, 2.5}}, 1, "."},
		{"English", "id,frage,antwort\nA,D02,\"1,234\"\nA,P06,12.5\nB,D02,3.5\nB,P06,\"1,234.5\"\n",
			map[scoring.UnitID][2]float64{"A": {100, 12.5}, "B": {40, -1}}, 1, ","}, // 1234.5 > 100
		{"each question its own", "id;frage;antwort\nA;D02;1.234\nA;P06;1,234\nB;D02;3,5\nB;P06;\"1,234,567\"\n",
			map[scoring.UnitID][2]float64{"A": {100, -1}, "B": {40, -1}}, 2, ""}, // 1234 and 1234567 > 100
		{"no evidence", "id;frage;antwort\nA;D02;1,234\nA;P06;12.500\nB;D02;7\nB;P06;50\n",
			map[scoring.UnitID][2]float64{"A": {-1, -1}, "B": {40, 50}}, 0, ""},
	}
	m, err := scoring.ParseModel("m.yaml", []byte(numbersModel))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Read(strings.NewReader(tt.csv), "l.csv", m, Options{IDColumn: "id", Layout: LayoutLong})
			if err != nil {
				t.Fatal(err)
			}
			res := scoring.Score(m, ds)
			for _, u := range res.Units {
				var got [2]float64
				for i, ind := range []scoring.NodeID{"i", "j"} {
					got[i] = -1
					if n := u.Nodes.At(m.Node(ind).Index); n.Scored() {
						got[i] = n.Score
					}
				}
				if w := tt.want[u.Unit.ID]; math.Abs(got[0]-w[0]) > 1e-9 || math.Abs(got[1]-w[1]) > 1e-9 {
					t.Errorf("%s: scores %v, want %v", u.Unit.ID, got, w)
				}
			}
			var n int
			var sep string
			for _, c := range ds.Inputs[0].Columns {
				if c.Role == scoring.ColumnAnswer {
					n, sep = c.Thousands, c.ThousandsSeparator
				}
			}
			if n != tt.thousands || sep != tt.sep {
				t.Errorf("answer column: %d read with thousands separator %q, want %d, %q", n, sep, tt.thousands, tt.sep)
			}
		})
	}
}

// FuzzDecimalColumns settles arbitrary columns of answers (one per line):
// an answer that reads one way only says the convention in which it reads
// so (numberConvention); an answer settled is one that read two ways, no
// longer does, and reads as the column's convention says; every other
// answer stays as it was; the column map counts the answers whose
// separator was read as a thousands separator.
func FuzzDecimalColumns(f *testing.F) {
	for _, s := range []string{"1.234\n3,5\n7", "1,234\n3.5\n12,500", "1,234\n1,234.5", "1,234\n0,5", "1.234\n1,234\n1.234.567",
		"1,234\nk.A.\n1,5E+02", "-12,500\n1,234,567\n 1,234 ", "12,5 %\n1,234"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, col string, workbook bool) {
		values := strings.Split(col, "\n")
		for _, v := range values {
			c := numberConvention(v, workbook)
			if c == 0 {
				continue
			}
			n, _ := strings.CutSuffix(strings.TrimSpace(v), "%")
			auto, ok1 := scoring.ParseNumber(n, scoring.DecimalAuto)
			dec := scoring.DecimalComma
			if c == english {
				dec = scoring.DecimalPoint
			}
			as, ok2 := scoring.ParseNumber(n, dec)
			if c != german && c != english || !ok1 || !ok2 || auto != as {
				t.Fatalf("numberConvention(%q) = %v, but it reads %v, %v under auto and %v, %v so", v, c, auto, ok1, as, ok2)
			}
		}
		responses := make([]scoring.Response, len(values))
		d := &decimalColumns{qs: []int{0}, workbook: workbook}
		for i, v := range values {
			responses[i].Answers = scoring.AnswersOf(v)
			d.see(responses[i].Answers)
		}
		d.settle(responses)
		conv := d.convention(responses, 0) // settled answers say nothing new
		whole := 0
		for i, v := range values {
			got := responses[i].Answers.At(0)
			if got == v {
				continue
			}
			trimmed := strings.TrimSpace(v)
			if !scoring.ThousandsOrDecimal(trimmed) || scoring.ThousandsOrDecimal(strings.TrimSpace(got)) {
				t.Fatalf("%q settled as %q", v, got)
			}
			dec := scoring.DecimalComma
			if conv == english {
				dec = scoring.DecimalPoint
			}
			want, _ := scoring.ParseNumber(trimmed, dec)
			if x, ok := scoring.ParseNumber(got, scoring.DecimalAuto); !ok || x != want || conv != german && conv != english {
				t.Fatalf("%q settled as %q (%v), want %v in a column of convention %v", v, got, x, want, conv)
			}
			if sep := trimmed[len(trimmed)-4]; conv == german && sep == '.' || conv == english && sep == ',' {
				whole++ // "1,000" in a German column is 1.000: a decimal
			}
		}
		if d.Thousands[0] != whole {
			t.Fatalf("column map: %d read as whole numbers, want %d", d.Thousands[0], whole)
		}
	})
}

// TestSheetBytes: the byte search that decides whether a sheet needs an
// XML pass finds formulas and values such as 1.234, also where one
// straddles two reads (64 KiB), and lets every other number pass.
func TestSheetBytes(t *testing.T) {
	pad := strings.Repeat(" ", 1<<16-3)
	tests := []struct {
		xml                                      string
		formula, number, boolean, merged, hidden bool
	}{
		{`<c r="B2"><v>1.234</v></c>`, false, true, false, false, false},
		{`<c r="B2"><v>-12.500</v></c>`, false, true, false, false, false},
		{`<c r="B2"><v>123.456</v></c>`, false, true, false, false, false},
		{`<c r="B2"><v>0.125</v></c>`, false, false, false, false, false},
		{`<c r="B2"><v>1234.567</v></c>`, false, false, false, false, false},
		{`<c r="B2"><v>1.2345</v></c>`, false, false, false, false, false},
		{`<c r="B2"><v>1.23</v></c>`, false, false, false, false, false},
		{`<row r="2" x14ac:dyDescent="0.250">`, false, false, false, false, false},
		{`<c r="B2"><f>1+1</f><v>2</v></c>`, true, false, false, false, false},
		{`<c r="B2"><f>A1</f><v>1.234</v></c>`, true, true, false, false, false},
		{pad + `<c r="B2"><v>1.234</v></c>`, false, true, false, false, false}, // straddling
		{pad[3:] + `<c r="B2"><v>1.234</v></c>`, false, true, false, false, false},
		{pad + `<f>1</f>`, true, false, false, false, false},
		{`<c r="B2" t="b"><v>1</v></c>`, false, false, true, false, false},
		{`<c r='B2' t='b'><v>0</v></c>`, false, false, true, false, false},
		{`<c r="B2" t="s"><v>0</v></c>`, false, false, false, false, false},
		{pad[9:] + `<c r="B2" t="b"><v>1</v></c>`, false, false, true, false, false}, // straddling
		{`<mergeCells count="1"><mergeCell ref="D3:D4"/></mergeCells>`, false, false, false, true, false},
		{pad[5:] + `<mergeCell ref="D3:D4"/>`, false, false, false, true, false}, // straddling
		{`<row r="5" hidden="1" spans="1:3">`, false, false, false, false, true},
		{`<row r="5" hidden="true">`, false, false, false, false, true},
		{`<row r="5" hidden="0">`, false, false, false, false, false},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("sheet.xml")
		w.Write([]byte(tt.xml))
		zw.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sheetBytes(zr.File[0]), (sheetMarks{tt.formula, tt.number, tt.boolean, tt.merged, tt.hidden}); got != want {
			t.Errorf("sheetBytes(%.40q…) = %+v; want %+v", strings.TrimSpace(tt.xml), got, want)
		}
	}
}
