package survey

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestResponsesAboveTheHeader: a table sorted in Excel with its header
// row inside the range puts the header among the data ("gemeinde" sorts
// after the names from A to F). The responses above it are no title
// rows: the file is refused, naming them, instead of scoring only those
// below. Title rows above a header — a tool's export title, a date, an
// empty line — are skipped as before.
func TestResponsesAboveTheHeader(t *testing.T) {
	const hdr = "ags;gemeinde;S01;S02;O02;P06;O03;I01_01;I01_02\n"
	const chemnitz = "14511000;Chemnitz, Stadt;ja;trifft zu;5;50;;ja;ja\n"
	const dresden = "14612000;Dresden, Stadt;ja;teils/teils;3;40;;ja;ja\n"
	const leipzig = "14713000;Leipzig, Stadt;nein;trifft zu;12;60;;ja;nein\n"
	saxony := mustRegister(t, "sachsen")
	municipal := Options{UnitsAreMunicipalities: true}
	for _, c := range []struct {
		name, file string
		opt        Options
		xlsx       bool
		want       string // the error; "" when the file is read
		responses  int
	}{
		{name: "sorted by name", file: dresden + leipzig + hdr + chemnitz, opt: municipal,
			want: `sorted.csv:1:1: responses above the header row (row 3): rows 1–2 hold units and answers (row 1: "14612000" in column 1); they would not be scored. The header row is not the first row of the table`},
		{name: "below a title", file: "Umfrage Digitale Verwaltung 2026\n\n" + dresden + hdr + chemnitz, opt: municipal,
			want: `sorted.csv:3:1: responses above the header row (row 4): row 3 holds a unit and answers (row 3: "14612000" in column 1)`},
		{name: "between title rows", file: dresden + "Stand: 01.03.2026\n" + leipzig + hdr + chemnitz, opt: municipal,
			want: `sorted.csv:1:1: responses above the header row (row 4): rows 1, 3 hold units`},
		{name: "an AGS of the register, answers outside the scales", file: "14612000;Dresden, Stadt;vielleicht;;;;;;\n" + hdr + chemnitz,
			opt: Options{UnitsAreMunicipalities: true, Register: saxony}, want: `sorted.csv:1:1: responses above the header row (row 2): row 1 holds a unit`},
		// Keyed by Regionalschlüssel, which the reader reads as AGS
		// (TestReadARS): the row above is a response as well.
		{name: "an ARS of the register, answers outside the scales", file: "146120000000;Dresden, Stadt;vielleicht;;;;;;\n" + strings.Replace(hdr+chemnitz, "14511000", "145110000000", 1),
			opt: Options{UnitsAreMunicipalities: true, Register: saxony}, want: `sorted.csv:1:1: responses above the header row (row 2): row 1 holds a unit`},
		{name: "an AGS Excel made a number", file: "1.4612E+07;Dresden, Stadt;ja;;;;;;\n" + hdr + chemnitz, opt: municipal,
			want: `sorted.csv:1:1: responses above the header row (row 2)`},
		{name: "names matched against the register", file: "Dresden, Stadt;nein\ngemeinde;S01\nChemnitz, Stadt;ja\n",
			opt: Options{UnitsAreMunicipalities: true, Register: saxony}, want: `sorted.csv:1:1: responses above the header row (row 2): row 1 holds a unit and answers (row 1: "Dresden, Stadt" in column 1)`},
		{name: "ids that are no AGS, with an answer", file: "org-7;Werk Sieben;ja;;;;;;\n" + strings.Replace(hdr, "ags", "id", 1) + "org-1;Werk Eins;ja;;;;;;\n",
			opt: Options{IDColumn: "id"}, want: `sorted.csv:1:1: responses above the header row (row 2): row 1 holds a unit and answers (row 1: "org-7" in column 1)`},
		{name: "a workbook sorted with its header", file: dresden + hdr + chemnitz, opt: municipal, xlsx: true,
			want: `sorted.xlsx[Antworten]:1:1: responses above the header row (row 2)`},

		{name: "title rows", file: "Digitalisierungsumfrage Sachsen;;\nStand: 01.03.2026;;\n;;\n" + hdr + chemnitz + dresden, opt: municipal, responses: 2},
		{name: "a title in the id column of organisations", file: "Umfrage 2026\nExport vom 01.03.2026;;\n\n" + strings.Replace(hdr, "ags", "id", 1) + "org-1;Werk Eins;ja;;;;;;\n",
			opt: Options{IDColumn: "id"}, responses: 1},
		{name: "a title naming an AGS", file: "Gemeinde 14612000;;\n" + hdr + chemnitz, opt: municipal, responses: 1},
		{name: "a number above the header, no answers", file: "2026;Umfrage;;\n" + hdr + chemnitz, opt: Options{IDColumn: "ags"}, responses: 1},
		{name: "a workbook with a title row", file: "Umfrage Digitale Verwaltung 2026\n\n" + hdr + chemnitz, opt: municipal, xlsx: true, responses: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			name, src := "sorted.csv", []byte(c.file)
			if c.xlsx {
				name, src = "sorted.xlsx", workbookOf(t, c.file)
			}
			ds, err := Read(bytes.NewReader(src), name, mustModel(t), c.opt)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want == "" && len(ds.Responses) != c.responses:
				t.Errorf("%d responses, rejects %v; want %d", len(ds.Responses), ds.Rejects, c.responses)
			case c.want != "" && err == nil:
				t.Errorf("read %d responses, %d rejects; want the error %q", len(ds.Responses), len(ds.Rejects), c.want)
			case c.want != "" && (!strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrDataAboveHeader)):
				t.Errorf("error %q, want %q", err, c.want)
			}
		})
	}
}

// TestResponsesAboveTheHeaderInLongLayout: the long layout's rows above
// its header are responses when they answer a question of the model.
func TestResponsesAboveTheHeaderInLongLayout(t *testing.T) {
	for _, c := range []struct{ name, above, want string }{
		{"an answer", "14612000;S01;ja\n", `long.csv:1:1: responses above the header row (row 2): row 1 holds a unit and answers`},
		{"a title", "Export;2026;\n", ""},
		{"an AGS beside no question", "14612000;Bemerkung;ja\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := c.above + "ags;frage;antwort\n14511000;S01;nein\n"
			ds, err := Read(strings.NewReader(src), "long.csv", mustModel(t), Options{UnitsAreMunicipalities: true, Layout: LayoutLong})
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want == "" && len(ds.Responses) != 1:
				t.Errorf("%d responses, want 1", len(ds.Responses))
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// workbookOf writes CSV text (';', no quotes) as a workbook's sheet
// "Antworten", every cell a text.
func workbookOf(t *testing.T, csv string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Antworten"); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(csv, "\n"), "\n") {
		cells := strings.Split(line, ";")
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Antworten", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHeaderFarDown: a header row below more rows than titles fill (a
// large table sorted with its header inside the range) is named with its
// row, not reported as a first row without an id column; a file without
// any header row still is.
func TestHeaderFarDown(t *testing.T) {
	var data strings.Builder
	for i := range 40 {
		data.WriteString("145210" + string(rune('1'+i/10)) + string(rune('0'+i%10)) + ";G;ja;;;;;;\n")
	}
	for _, c := range []struct {
		name, file, want string
		sentinel         error
	}{
		{"header below 40 rows", data.String() + "ags;gemeinde;S01;S02;O02;P06;O03;I01_01;I01_02\n14511000;Chemnitz, Stadt;ja;;;;;;\n",
			"sorted.csv:41: header row far down the table: row 41 is the header row, below 40 rows, and title rows above a header may fill at most 29", ErrHeaderNotFirst},
		{"no header at all", data.String(), `sorted.csv:1: no id column "ags" in the header`, ErrNoIDColumn},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.file), "sorted.csv", mustModel(t), Options{UnitsAreMunicipalities: true})
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, c.sentinel) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}
