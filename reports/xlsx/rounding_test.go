package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// roundingResults scores one unit per answer on a model whose levels
// start at 40 and 60; with a second question (jn: ja/nein, its own
// dimension) when answers have two columns.
func roundingResults(t *testing.T, answers [][]string) *scoring.Results {
	t.Helper()
	yaml := "model:\n  name: M\n  levels: {bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 40}, {level: 3, name: Drei, min: 60}]}\n" +
		"  scales:\n    pz: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}\n    jn: {map: {ja: 1, nein: 0}}\n" +
		"  questions:\n    - {id: P, scale: pz}\n"
	dims := "  dimensions:\n    - id: d\n      indicators: [{id: i, question: P}]\n"
	if len(answers[0]) > 1 {
		yaml += "    - {id: Q, scale: jn}\n"
		dims += "    - id: e\n      indicators: [{id: j, question: Q}]\n"
	}
	m, err := scoring.ParseModel("m.yaml", []byte(yaml+dims))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for i, a := range answers {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%d", i)), Name: fmt.Sprintf("Unit %d", i)},
			Answers: scoring.AnswersOf(a...), Row: i + 2})
	}
	return scoring.Score(m, ds)
}

// TestWorkbookScoreDecimals (review7): a unit's score keeps its full value;
// where the column's one decimal would show it at a level's minimum it
// does not reach (59.96 as 60.0 beside level 2 below 60), its cell gets
// a number format with enough decimals. Formats by hand: 59.96 "0.00",
// 39.999999 "0.000000"; 59.94 and 60.04 keep the column's "0.0".
func TestWorkbookScoreDecimals(t *testing.T) {
	answers := [][]string{{"59,96"}, {"59,94"}, {"60,04"}, {"39,999999"}, {"10"}, {"20"}, {"90"}, {"95"}}
	r := roundingResults(t, answers)
	f, _ := writeBook(t, r, Options{}, 0)
	cases := []struct {
		unit          string
		score         float64
		format, shown string // the cell's number format; the text excelize shows with it
		level         string
	}{
		{"U0", 59.96, "0.00", "59.96", "Zwei"},
		{"U1", 59.94, "0.0", "59.9", "Zwei"},
		{"U2", 60.04, "0.0", "60.0", "Drei"},
		{"U3", 39.999999, "0.000000", "39.999999", "Eins"},
	}
	cols, rows := readTable(t, f, "Ergebnisse", 1)
	icols, irows := readTable(t, f, "Indikatoren", 1)
	for _, c := range cases {
		t.Run(c.unit, func(t *testing.T) {
			row := find(t, rows, 1, map[int]string{cols["Kennung"]: c.unit})
			if got := rows[row-2][cols["Reifegrad"]-1]; got != c.level {
				t.Errorf("level %q, want %q", got, c.level)
			}
			for _, cell := range []string{cellName(cols["Gesamtwert"], row), cellName(cols["d"], row)} {
				checkScoreCell(t, f, "Ergebnisse", cell, c.score, c.format, c.shown)
			}
			irow := find(t, irows, 1, map[int]string{icols["Kennung"]: c.unit})
			checkScoreCell(t, f, "Indikatoren", cellName(icols["Wert"], irow), c.score, c.format, c.shown)
		})
	}
}

// checkScoreCell checks a score cell: its full value, its number format
// and the text excelize's formatter shows for it.
func checkScoreCell(t *testing.T, f *excelize.File, sheet, cell string, score float64, format, shown string) {
	t.Helper()
	if got := numberAt(t, f, sheet, cell); math.Abs(got-score) > 1e-12 { // the cell keeps 15 digits
		t.Errorf("%s!%s = %v, want the full %v", sheet, cell, got, score)
	}
	if got := formatAt(t, f, sheet, cell); got != format {
		t.Errorf("%s!%s: number format %q, want %q", sheet, cell, got, format)
	}
	if got, err := f.GetCellValue(sheet, cell); err != nil || got != shown {
		t.Errorf("%s!%s shows %q (%v), want %q", sheet, cell, got, err, shown)
	}
}

// TestFahrplanScoreDecimals: the projected score after a step keeps its
// full value and shows enough decimals beside the projected level. U0
// (P 19.92, Q nein: overall 9.96, level 1, target 2 from 40) takes Q
// first (gain 50 per effort, P's next range 25 gains 2.54): then 59.96,
// level 2 below 60 — "0.00", not 60.0; and P: (25 + 100) / 2 = 62.5, level
// 3, the column's "0.0". By hand.
func TestFahrplanScoreDecimals(t *testing.T) {
	r := roundingResults(t, [][]string{{"19,92", "nein"}, {"10", "ja"}, {"20", "ja"}, {"30", "nein"}, {"90", "ja"}, {"95", "nein"}})
	set, err := roadmap.Build(r, roadmap.Options{Target: roadmap.Target{Level: 3}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeBook(t, r, Options{Roadmaps: set}, 0)
	cols, rows := readTable(t, f, "Fahrplan", 1)
	want := []struct {
		question      string
		score         float64
		format, shown string
		level         string
	}{
		{"Q", 59.96, "0.00", "59.96", "2 Zwei"},
		{"P", 62.5, "0.0", "62.5", "3 Drei"},
	}
	for _, w := range want {
		row := find(t, rows, 1, map[int]string{cols["Kennung"]: "U0", cols["Frage"]: w.question})
		if got := rows[row-2][cols["Stufe danach"]-1]; got != w.level {
			t.Errorf("step %s: level after %q, want %q", w.question, got, w.level)
		}
		checkScoreCell(t, f, "Fahrplan", cellName(cols["Gesamtwert danach"], row), w.score, w.format, w.shown)
	}
}

// TestWorkbookCoverageBelowMinimum (review 8, finding 11): a coverage
// just below min_coverage must not show as the minimum in Excel's whole
// percent. Dimension d = P (weight 597) + Q (weight 403), min_coverage
// 0.6; by hand U0 (P only) covers 0.597: "0.0 %" shows 59.7 %, not 60 %;
// U1 (both) 1 and U2 (Q only) 0.403 keep the column's "0 %".
func TestWorkbookCoverageBelowMinimum(t *testing.T) {
	m, err := scoring.ParseModel("m.yaml", []byte("model:\n  name: M\n  missing: {policy: reweight, min_coverage: 0.6}\n"+
		"  levels: {bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 50}]}\n"+
		"  scales:\n    jn: {map: {ja: 1, nein: 0}}\n  questions:\n    - {id: P, scale: jn}\n    - {id: Q, scale: jn}\n"+
		"  dimensions:\n    - id: d\n      indicators: [{id: i, question: P, weight: 597}, {id: j, question: Q, weight: 403}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for i, a := range [][]string{{"ja", ""}, {"ja", "nein"}, {"", "ja"}} {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%d", i)), Name: fmt.Sprintf("Unit %d", i)},
			Answers: scoring.AnswersOf(a...), Row: i + 2})
	}
	f, _ := writeBook(t, scoring.Score(m, ds), Options{}, 0)
	cols, rows := readTable(t, f, "Ergebnisse", 1)
	for _, c := range []struct {
		unit          string
		coverage      float64
		format, shown string
	}{
		{"U0", 0.597, "0.0 %", "59.7 %"},
		{"U1", 1, "0 %", "100 %"},
		{"U2", 0.403, "0 %", "40 %"},
	} {
		cell := cellName(cols["Abdeckung"], find(t, rows, 1, map[int]string{cols["Kennung"]: c.unit}))
		if got := numberAt(t, f, "Ergebnisse", cell); math.Abs(got-c.coverage) > 1e-12 {
			t.Errorf("%s: coverage %v, want the full %v", c.unit, got, c.coverage)
		}
		if got := formatAt(t, f, "Ergebnisse", cell); got != c.format {
			t.Errorf("%s: coverage format %q, want %q", c.unit, got, c.format)
		}
		if got, err := f.GetCellValue("Ergebnisse", cell); err != nil || excelizePercent(got) != c.shown {
			t.Errorf("%s: coverage shows %q (%v), want %q", c.unit, got, err, c.shown)
		}
	}
}

// excelizePercent puts the space of a percent format ("0 %") where Excel
// and LibreOffice show it, before the sign: excelize's own rendering
// (GetCellValue) writes the literal after it ("59.7% ").
func excelizePercent(s string) string {
	if v, ok := strings.CutSuffix(s, "% "); ok {
		return v + " %"
	}
	return s
}

// TestWorkbookKeepsRoundedDigits (review11a): a score whose binary value
// lies just below a half — 51.25 is 51.24999999999999 as goalposts compute
// it, 29.85 29.849999999999998 — is shown half away from zero on the pages
// (scoring.Round: 51,3 and 29,9, the README's own example). The workbook
// cut such a value to 15 digits (51.2499999999999) and Excel showed 51.2:
// the same unit's score read 51,3 on its profile and 51.2 in Ergebnisse
// (in the bundled example: Neukieritzsch's Prozesse & E-Akte 2028, 62,5 on
// the profile, 62.4 in the workbook). The cell must hold the 15 digits
// rounded, 51.25, and show 51.3. Values by hand; each case checks first
// that its score is such a binary value, so it cannot pass by luck.
func TestWorkbookKeepsRoundedDigits(t *testing.T) {
	cases := []struct {
		answer string
		kept   float64 // the decimal a spreadsheet keeps, by hand
		shown  string  // Excel's text in the column's "0.0", by hand
		trap   bool    // the binary value cut to 15 digits shows otherwise
	}{
		{"51,25", 51.25, "51.3", true},
		{"29,85", 29.85, "29.9", true},
		{"62,45", 62.45, "62.5", false},
		{"59,94", 59.94, "59.9", false},
	}
	var answers [][]string
	for _, c := range cases {
		answers = append(answers, []string{c.answer})
	}
	r := roundingResults(t, answers)
	f, _ := writeBook(t, r, Options{}, 0)
	cols, rows := readTable(t, f, "Ergebnisse", 1)
	icols, irows := readTable(t, f, "Indikatoren", 1)
	for i, c := range cases {
		t.Run(c.answer, func(t *testing.T) {
			unit := fmt.Sprintf("U%d", i)
			var score float64
			for _, u := range r.Units {
				if string(u.Unit.ID) == unit {
					score = u.Nodes.At(0).Score
				}
			}
			cutValue, _ := strconv.ParseFloat(formatCellFloat(score, 64), 64) // excelize's 15 digits
			if trap := scoring.Fixed(cutValue, 1) != c.shown; trap != c.trap {
				t.Fatalf("score %v cut to %v: shown otherwise %v, the case says %v", score, cutValue, trap, c.trap)
			}
			if got := scoring.Fixed(score, 1); got != c.shown {
				t.Fatalf("the pages show %v as %s, the case says %s", score, got, c.shown)
			}
			row := find(t, rows, 1, map[int]string{cols["Kennung"]: unit})
			irow := find(t, irows, 1, map[int]string{icols["Kennung"]: unit})
			for _, at := range []struct{ sheet, cell string }{
				{"Ergebnisse", cellName(cols["Gesamtwert"], row)},
				{"Ergebnisse", cellName(cols["d"], row)},
				{"Indikatoren", cellName(icols["Wert"], irow)},
			} {
				if got := numberAt(t, f, at.sheet, at.cell); got != c.kept {
					t.Errorf("%s!%s = %v, want %v (15 digits, rounded)", at.sheet, at.cell, got, c.kept)
				}
				if got, err := f.GetCellValue(at.sheet, at.cell); err != nil || got != c.shown {
					t.Errorf("%s!%s shows %q (%v), want %q as on the pages", at.sheet, at.cell, got, err, c.shown)
				}
			}
		})
	}
}
