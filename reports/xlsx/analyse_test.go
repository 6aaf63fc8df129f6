package xlsx

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// quotaResults scores a model that divides X by E per 10 and imputes the
// wave's mean, for six units: X/E·10 = 20, 30, 40, 50, 60 and one with
// E = 0 (imputed: 40).
func quotaResults(t *testing.T) *scoring.Results {
	t.Helper()
	m, err := scoring.ParseModel("q.yaml", []byte(`model:
  name: Quote
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  treatment: {impute: mean}
  scales:
    zahl: {type: numeric, normalise: minmax}
  questions:
    - {id: E, scale: zahl, context: true}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl, denominator: {by: E, per: 10}}
        - {id: j, question: Y, scale: zahl}
`))
	if err != nil {
		t.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for k, u := range [][3]string{{"2", "1", "1"}, {"3", "1", "2"}, {"4", "1", "3"}, {"5", "1", "4"}, {"6", "1", "6"}, {"7", "0", "5"}} {
		ans := make([]string, len(m.Questions))
		ans[m.Question("X").Index], ans[m.Question("E").Index], ans[m.Question("Y").Index] = u[0], u[1], u[2]
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Answers: scoring.AnswersOf(ans...), Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + k))}})
	}
	return scoring.Score(m, ds)
}

func TestWorkbookAnalysis(t *testing.T) {
	r := quotaResults(t)
	d := scoring.NewDisclosure(r, 5)
	rep, err := analyse.Analyse(context.Background(), r, 0, &analyse.Options{Draws: 40, Seed: 1,
		Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 10}}}, d)
	if err != nil {
		t.Fatal(err)
	}
	// Treatment: unit f answered 7 with E = 0: no quotient, imputed as
	// the mean of 20 … 60, 40, normalised (40 − 20)/40 = 50; unit a
	// answered 2 with E = 1: 20, the lowest, normalised 0. What was done
	// in words of the sheet's language: indicators.csv's codes
	// ("answered+division_by_zero+imputed") stood on the German sheet.
	for _, tc := range []struct {
		lang                                 scoring.Language
		sheet, id, question, answer, imputed string
		normalised, flags                    string
		divided, flagsF, flagsA              string
	}{
		{scoring.English, "Treatment", "ID", "Question", "answer", "imputed", "normalised (0–100)", "what was done", "divided",
			"answered, denominator 0 or missing, imputed", "answered, divided by the denominator"},
		{scoring.German, "Aufbereitung", "Kennung", "Frage", "Antwort", "ersetzt", "normiert (0–100)", "Was geschah", "geteilt",
			"beantwortet, Nenner 0 oder fehlend, ersetzt", "beantwortet, durch den Nenner geteilt"},
	} {
		f, _ := writeBook(t, r, Options{Language: tc.lang, Disclosure: d, Analysis: rep}, 0)
		cols, rows := readTable(t, f, tc.sheet, 4)
		// The ids "a" … "f" are no AGS: the id column is headed "ID".
		row := find(t, rows, 4, map[int]string{cols[tc.id]: "f", cols[tc.question]: "X"})
		got := rows[row-5] // find counts from the header row 4
		if got[cols[tc.answer]-1] != "7" || got[cols[tc.divided]-1] != "" || got[cols[tc.imputed]-1] != "40" || got[cols[tc.normalised]-1] != "50" ||
			got[cols[tc.flags]-1] != tc.flagsF {
			t.Errorf("%s: unit f: %q, want what was done %q", tc.lang, got, tc.flagsF)
		}
		row = find(t, rows, 4, map[int]string{cols[tc.id]: "a", cols[tc.question]: "X"})
		if got := rows[row-5]; got[cols[tc.divided]-1] != "20" || got[cols[tc.normalised]-1] != "0" || got[cols[tc.flags]-1] != tc.flagsA {
			t.Errorf("%s: unit a: %q, want what was done %q", tc.lang, got, tc.flagsA)
		}
	}
	f, _ := writeBook(t, r, Options{Language: scoring.English, Disclosure: d, Analysis: rep}, 0)
	if got, want := f.GetSheetList(), []string{"Overview", "Results", "Indicators", "Groups", "Data quality", "Methodology", "Treatment", "Validation", "Robustness"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	// Robustness: one row per unit with its level and share.
	cols, rows := readTable(t, f, "Robustness", 14)
	if len(rows) != 6 || cols["keeps its level in"] == 0 || cols["with overall score in"] == 0 {
		t.Fatalf("robustness rows %q (columns %v)", rows, cols)
	}
	// The level edges change no score: every unit ranked in every variant.
	for _, row := range rows {
		if c := cols["with overall score in"] - 1; c >= len(row) || row[c] != "1" {
			t.Errorf("robustness row %q: ranked share not 100 %%", row)
		}
	}
	// Validation: the items of d are i and j over 6 units; α is shown.
	if v := numberAt(t, f, "Validation", "D7"); math.Abs(v-rep.Validation.Reliability[0].Alpha) > 1e-12 { // Excel keeps 15 digits
		t.Errorf("alpha %v, want %v", v, rep.Validation.Reliability[0].Alpha)
	}
	// Fewer units than the minimum group: the sheets say so and show nothing.
	d7 := scoring.NewDisclosure(r, 7)
	rep7, _ := analyse.Analyse(context.Background(), r, 0, &analyse.Options{Draws: 40, Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 10}}}, d7)
	f, _ = writeBook(t, r, Options{Language: scoring.English, Disclosure: d7, Analysis: rep7}, 0)
	for _, sheet := range []string{"Validation", "Robustness"} {
		rows, _ := f.GetRows(sheet)
		if len(rows) > 6 {
			t.Errorf("%s with a suppressed wave has %d rows: %q", sheet, len(rows), rows)
		}
	}
	// How many units have an overall score is a figure of the wave's units
	// (scoring.Disclosure.Units): hidden with them, the participants are
	// told instead (review 10: the sheet said "6 units with an overall
	// score" where the overview shows "•").
	if rows, _ := f.GetRows("Validation"); len(rows) < 2 || len(rows[1]) == 0 || rows[1][0] != "Wave 2026: 6 participants" {
		t.Errorf("Validation of a hidden wave: %q, want its second line %q", rows, "Wave 2026: 6 participants")
	}
}

// TestWorkbookAnalysisWords: the sheets of the analysis (Validierung,
// Robustheit) speak of the units as the rest of the workbook, the
// overview and 'reifegrad analyse' do — Kommunen/municipalities where every
// unit is keyed by an AGS, the catalog's nouns rewritten otherwise — and
// group the count of units as the language does. Of Germany's
// municipalities the Validierung sheet read "Welle 2028: 10785 Einheiten
// mit Gesamtwert" and "Je Einheit", where analyse printed "10.785
// Kommunen mit Gesamtwert".
func TestWorkbookAnalysisWords(t *testing.T) {
	m, err := scoring.ParseModel("w.yaml", []byte(`model:
  name: Worte
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q1, scale: jn}, {id: j, question: Q2, scale: jn}]
`))
	if err != nil {
		t.Fatal(err)
	}
	// 1,200 units, each pair of answers as k mod 9 gives it: all keyed
	// by an AGS, or all by a code.
	results := func(id func(int) string) *scoring.Results {
		answers := []string{"ja", "teilweise", "nein"}
		ds := &scoring.Dataset{}
		for k := range 1200 {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026", Answers: scoring.AnswersOf(answers[k%3], answers[k/3%3]),
				Unit: scoring.Unit{ID: scoring.UnitID(id(k))}})
		}
		return scoring.Score(m, ds)
	}
	ags := results(func(k int) string { return fmt.Sprintf("14%06d", k) })
	codes := results(func(k int) string { return fmt.Sprintf("U%04d", k) })
	for _, tc := range []struct {
		name        string
		r           *scoring.Results
		lang        scoring.Language
		head, units string // the validation's first line, the robustness's table title
		never       string // in no cell of the two sheets, any case
	}{
		{"municipalities", ags, scoring.German, "Welle 2026: 1.200 Kommunen mit Gesamtwert", "Je Kommune", "einheit"},
		{"municipalities, English", ags, scoring.English, "Wave 2026: 1,200 municipalities with an overall score", "Per municipality", "unit"},
		{"units", codes, scoring.German, "Welle 2026: 1.200 Einheiten mit Gesamtwert", "Je Einheit", "kommune"},
		{"units, English", codes, scoring.English, "Wave 2026: 1,200 units with an overall score", "Per unit", "municipalit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := scoring.NewDisclosure(tc.r, 5)
			rep, err := analyse.Analyse(context.Background(), tc.r, 0, &analyse.Options{Draws: 20, Seed: 1,
				Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 10}}}, d)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := writeBook(t, tc.r, Options{Language: tc.lang, Disclosure: d, Analysis: rep}, 0)
			sheets := map[scoring.Language][2]string{scoring.German: {"Validierung", "Robustheit"}, scoring.English: {"Validation", "Robustness"}}[tc.lang]
			var cells []string
			for _, sheet := range sheets {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, row := range rows {
					cells = append(cells, row...)
				}
			}
			for _, want := range []string{tc.head, tc.units} {
				if !slices.Contains(cells, want) {
					t.Errorf("no cell %q in %v", want, sheets)
				}
			}
			for _, c := range cells {
				if strings.Contains(strings.ToLower(c), tc.never) {
					t.Errorf("a cell says %q", c)
				}
			}
		})
	}
}
