package survey

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

var update = flag.Bool("update", false, "rewrite the fixtures in testdata/")

// testModel is small but has every kind of scale: maps (one with a label
// containing a comma, as Google Forms joins checkboxes with ", "),
// numbers with bins and with goalposts, a multi-select, missing codes, and
// a grid of two questions.
const testModel = `
model:
  name: Testmodell
  missing:
    codes: {"-9": blank, "k.A.": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 50}
  peer_groups:
    - {id: landkreis, name: Landkreis, attribute: district}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    zustimmung: {map: {trifft zu: 1, "teils, teils": 0.5, trifft nicht zu: 0}}
    anzahl: {type: numeric, min: 0, max: 100000, decimal: comma, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {points: 1}]}
    prozent: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    zahlungsarten:
      type: multi
      items:
        - {code: epaybl, label: ePayBL}
        - {code: paypal, label: PayPal}
        - {code: karte, label: "Kreditkarte, Debitkarte"}
        - {code: lastschrift, label: SEPA-Lastschrift}
  questions:
    - {id: S01, scale: janein, required: true, text: "Gibt es eine beschlossene Digitalisierungsstrategie?"}
    - {id: S02, scale: zustimmung, text: "Die Verwaltungsleitung treibt die Digitalisierung voran."}
    - {id: O02, scale: anzahl, text: "Wie viele Leistungen bieten Sie online an?"}
    - {id: P06, scale: prozent, text: "Anteil papierloser Vorgänge (in %)"}
    - {id: O03, scale: zahlungsarten, text: "Welche Bezahlverfahren bieten Sie an?"}
    - {id: I01_01, scale: janein, text: "Gibt es ein IT-Notfallkonzept?", aliases: ["Informationssicherheit [Notfallkonzept]"]}
    - {id: I01_02, scale: janein, text: "Gibt es eine Offline-Datensicherung?", aliases: ["Informationssicherheit [Datensicherung]"]}
  dimensions:
    - id: strategie
      indicators:
        - {id: strat, question: S01, weight: 2}
        - {id: leitung, question: S02}
    - id: online
      indicators:
        - {id: anzahl, question: O02}
        - {id: papierlos, question: P06}
        - {id: zahlung, question: O03}
    - id: sicherheit
      indicators:
        - {id: notfall, question: I01_01}
        - {id: backup, question: I01_02}
`

func mustModel(tb testing.TB) *scoring.Model {
	tb.Helper()
	m, err := scoring.ParseModel("testmodel.yaml", []byte(testModel))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func mustRegister(tb testing.TB, name string) *Register {
	tb.Helper()
	r, err := LoadRegister(name)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// answers are the responses every fixture of TestSameAnswersSameResults
// exports, in the model's words. O03 lists item codes.
type answers struct {
	ags, name          string
	s01, s02, o02, p06 string
	o03                []string
	i01, i02           string
	received           time.Time
}

var (
	t0          = time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	testAnswers = []answers{
		{ags: "14612000", name: "Dresden, Stadt", s01: "ja", s02: "trifft zu", o02: "1234", p06: "87.5", o03: []string{"epaybl", "karte"}, i01: "ja", i02: "ja"},
		{ags: "14713000", name: "Leipzig, Stadt", s01: "teilweise", s02: "teils, teils", o02: "45", p06: "60", o03: []string{"paypal"}, i01: "ja", i02: "nein"},
		{ags: "14625020", name: "Bautzen, Stadt", s01: "nein", s02: "trifft nicht zu", o02: "0", p06: "12.25", i01: "weiß nicht", i02: "nein"},
		{ags: "14521010", name: "Amtsberg", s02: "teils, teils", o02: "3", o03: []string{"lastschrift", "epaybl", "paypal"}, i01: "nein", i02: "weiß nicht"},
		{ags: "14626490", name: "Schleife", s01: "weiß nicht", s02: "trifft zu", o02: "9", p06: "100", o03: []string{"karte"}, i01: "nicht zutreffend", i02: "ja"},
		{ags: "14729160", name: "Grimma, Stadt", s01: "ja", o02: "10", p06: "0", o03: []string{"epaybl"}, i01: "ja", i02: "ja"},
	}
)

func init() {
	for i := range testAnswers {
		testAnswers[i].received = t0.Add(time.Duration(i) * 97 * time.Minute)
	}
}

// items of the test model's multi-select scale, in order.
var testItems = []struct{ code, label, ls, sosci string }{
	{"epaybl", "ePayBL", "SQ001", "01"},
	{"paypal", "PayPal", "SQ002", "02"},
	{"karte", "Kreditkarte, Debitkarte", "SQ003", "03"},
	{"lastschrift", "SEPA-Lastschrift", "SQ004", "04"},
}

func itemLabels(codes []string) []string {
	var out []string
	for _, c := range codes {
		for _, it := range testItems {
			if it.code == c {
				out = append(out, it.label)
			}
		}
	}
	return out
}

// germanNumber writes a number the way German Excel does: decimal comma,
// thousands with a dot.
func germanNumber(s string) string {
	if s == "" {
		return ""
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 3 {
		intPart = intPart[:len(intPart)-3] + "." + intPart[len(intPart)-3:]
	}
	if frac != "" {
		return intPart + "," + frac
	}
	return intPart
}

// fixture is one export of testAnswers, as a tool writes it.
type fixture struct {
	file  string
	write func() ([]byte, error)
	opt   func(tb testing.TB, m *scoring.Model) Options
	// csv fixtures are compared byte for byte with testdata; xlsx ones by
	// their cells.
	xlsx bool
}

func baseOptions(tb testing.TB) Options {
	return Options{Wave: scoring.Wave{ID: "2024"}, UnitsAreMunicipalities: true, Register: mustRegister(tb, "sachsen")}
}

func withCodebook(file string) func(tb testing.TB, m *scoring.Model) Options {
	return func(tb testing.TB, m *scoring.Model) Options {
		opt := baseOptions(tb)
		f, err := os.Open(filepath.Join("testdata", file))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		if opt.Codebook, err = ReadCodebook(f, file, m); err != nil {
			tb.Fatal(err)
		}
		return opt
	}
}

func plain(tb testing.TB, m *scoring.Model) Options { return baseOptions(tb) }

var fixtures = []fixture{
	{file: "excel_de.csv", write: writeExcelCSV, opt: plain},
	{file: "excel.xlsx", write: writeExcelXLSX, opt: plain, xlsx: true},
	{file: "limesurvey.csv", write: writeLimeSurvey, opt: withCodebook("limesurvey_codebook.yaml")},
	{file: "sosci.csv", write: writeSoSci, opt: func(tb testing.TB, m *scoring.Model) Options {
		opt := withCodebook("sosci_codebook.yaml")(tb, m)
		opt.IDColumn = "SERIAL" // municipalities were invited with their AGS as serial
		return opt
	}},
	{file: "googleforms.csv", write: writeGoogleForms, opt: plain},
	{file: "msforms.xlsx", write: writeMSForms, opt: plain, xlsx: true},
	{file: "model.yaml", write: func() ([]byte, error) { return []byte(strings.TrimPrefix(testModel, "\n")), nil }},
	{file: "limesurvey_codebook.yaml", write: func() ([]byte, error) { return []byte(limeSurveyCodebook), nil }},
	{file: "sosci_codebook.yaml", write: func() ([]byte, error) { return []byte(sosciCodebook), nil }},
}

// writeExcelCSV writes what German Excel saves as "CSV (Trennzeichen-
// getrennt)": Windows-1252, ';', decimal comma, CRLF, headers as someone
// typed them (codes, a question text with a line break, "Gemeinde").
func writeExcelCSV() ([]byte, error) {
	hdr := []string{"AGS", "Gemeinde", "Eingang", "S01", "Die Verwaltungsleitung treibt\ndie Digitalisierung voran.", "O02", "P06", "O03", "I01_01", "I01_02"}
	rows := [][]string{hdr}
	for _, a := range testAnswers {
		rows = append(rows, []string{a.ags, a.name, a.received.Format("02.01.2006 15:04"), a.s01, a.s02, germanNumber(a.o02), germanNumber(a.p06),
			strings.Join(itemLabels(a.o03), ";"), a.i01, a.i02})
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
}

// writeExcelXLSX writes the same survey as a workbook someone made by
// hand: a title row and an empty row above the header, the AGS and
// numbers as numbers, the date received as a date cell, on the second
// sheet after a sheet of notes.
func writeExcelXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Hinweise"); err != nil {
		return nil, err
	}
	f.SetCellValue("Hinweise", "A1", "Bitte nur das Blatt Antworten auswerten.")
	if _, err := f.NewSheet("Antworten"); err != nil {
		return nil, err
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	if err != nil {
		return nil, err
	}
	const sh = "Antworten"
	f.SetCellValue(sh, "A1", "Umfrage Digitale Verwaltung 2024")
	hdr := []any{"AGS", "Gemeinde", "Eingang", "S01", "S02", "Wie viele Leistungen bieten Sie online an?", "P06", "O03", "I01_01", "I01_02"}
	f.SetSheetRow(sh, "A3", &hdr)
	for i, a := range testAnswers {
		row := i + 4
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
		f.SetCellValue(sh, cell(1), atoi(a.ags))
		f.SetCellValue(sh, cell(2), a.name)
		f.SetCellValue(sh, cell(3), a.received)
		f.SetCellStyle(sh, cell(3), cell(3), date)
		f.SetCellValue(sh, cell(4), a.s01)
		f.SetCellValue(sh, cell(5), a.s02)
		if a.o02 != "" {
			f.SetCellValue(sh, cell(6), atof(a.o02))
		}
		if a.p06 != "" {
			f.SetCellValue(sh, cell(7), atof(a.p06))
		}
		f.SetCellValue(sh, cell(8), strings.Join(itemLabels(a.o03), ";"))
		f.SetCellValue(sh, cell(9), a.i01)
		f.SetCellValue(sh, cell(10), a.i02)
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

// limeSurveyCodebook maps LimeSurvey's default codes (G01Q01, A1, SQ001)
// onto the model.
const limeSurveyCodebook = `# LimeSurvey: question, answer and subquestion codes of the survey
columns:
  G01Q01: S01
  G01Q02: S02
  G02Q01: O02
  G02Q02: P06
  G02Q03: O03
  G03Q01[SQ001]: I01_01
  G03Q01[SQ002]: I01_02
answers:
  janein: {A1: ja, A2: teilweise, A3: nein, WN: weiß nicht, NZ: nicht zutreffend}
  zustimmung: {A1: trifft zu, A2: "teils, teils", A3: trifft nicht zu}
items:
  zahlungsarten: {SQ001: epaybl, SQ002: paypal, SQ003: karte, SQ004: lastschrift}
`

func limeCode(scale, v string) string {
	codes := map[string]map[string]string{
		"janein":     {"ja": "A1", "teilweise": "A2", "nein": "A3", "weiß nicht": "WN", "nicht zutreffend": "NZ"},
		"zustimmung": {"trifft zu": "A1", "teils, teils": "A2", "trifft nicht zu": "A3"},
	}
	return codes[scale][v]
}

// writeLimeSurvey writes a LimeSurvey response export ("CSV", question
// codes, answer codes) as its CsvWriter does: UTF-8 with BOM, every field
// quoted, CRLF, and a blank line at the end.
func writeLimeSurvey() ([]byte, error) {
	hdr := []string{"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "AGS",
		"G01Q01", "G01Q02", "G02Q01", "G02Q02", "G02Q03[SQ001]", "G02Q03[SQ002]", "G02Q03[SQ003]", "G02Q03[SQ004]",
		"G02Q03[other]", "G03Q01[SQ001]", "G03Q01[SQ002]"}
	rows := [][]string{hdr}
	for i, a := range testAnswers {
		ts := a.received.Format("2006-01-02 15:04:05")
		row := []string{fmt.Sprint(i + 1), ts, "3", "de", fmt.Sprint(1000 + i), ts, ts, a.ags,
			limeCode("janein", a.s01), limeCode("zustimmung", a.s02), a.o02, a.p06}
		for _, it := range testItems {
			row = append(row, map[bool]string{true: "Y"}[slices.Contains(a.o03, it.code)])
		}
		row = append(row, "", limeCode("janein", a.i01), limeCode("janein", a.i02))
		rows = append(rows, row)
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		buf.WriteString("\r\n")
	}
	buf.WriteString("\r\n")
	return buf.Bytes(), nil
}

// sosciCodebook maps SoSci Survey's variables and numeric codes onto the
// model: residual answers -1 (weiß nicht) and -2 (trifft nicht zu) are
// declared here, -9 (not answered) the importer knows.
const sosciCodebook = `# SoSci Survey: variables and answer codes of questionnaire "kommunen"
columns:
  A101: S01
  A102: S02
  B101_01: O02
  B102_01: P06
  B103: O03
  C101_01: I01_01
  C101_02: I01_02
answers:
  janein: {"1": ja, "2": teilweise, "3": nein, "-1": weiß nicht, "-2": nicht zutreffend}
  zustimmung: {"1": trifft zu, "2": "teils, teils", "3": trifft nicht zu}
items:
  zahlungsarten: {"01": epaybl, "02": paypal, "03": karte, "04": lastschrift}
`

func sosciCode(scale, v string) string {
	if v == "" {
		return "-9"
	}
	codes := map[string]map[string]string{
		"janein":     {"ja": "1", "teilweise": "2", "nein": "3", "weiß nicht": "-1", "nicht zutreffend": "-2"},
		"zustimmung": {"trifft zu": "1", "teils, teils": "2", "trifft nicht zu": "3"},
	}
	return codes[scale][v]
}

// writeSoSci writes a SoSci Survey data download ("CSV", for GNU R): UTF-8,
// tab-separated, quoted text, variables framed by the bookkeeping
// columns, -9 for questions not answered, multiple choice as 1 (not
// chosen) and 2 (chosen) next to the count of chosen options.
func writeSoSci() ([]byte, error) {
	hdr := []string{"CASE", "SERIAL", "REF", "QUESTNNR", "MODE", "STARTED", "A101", "A102", "B101_01", "B102_01",
		"B103", "B103_01", "B103_02", "B103_03", "B103_04", "C101_01", "C101_02", "TIME001", "TIME002", "TIME_SUM",
		"MAILSENT", "LASTDATA", "FINISHED", "Q_VIEWER", "LASTPAGE", "MAXPAGE", "MISSING"}
	rows := [][]string{hdr}
	for i, a := range testAnswers {
		ts := a.received.Format("2006-01-02 15:04:05")
		num := func(s string) string { return map[bool]string{true: "-9", false: s}[s == ""] }
		row := []string{fmt.Sprint(101 + i), a.ags, "", "kommunen", "interview", ts, sosciCode("janein", a.s01), sosciCode("zustimmung", a.s02),
			num(a.o02), num(a.p06)}
		if len(a.o03) == 0 {
			row = append(row, "-9", "-9", "-9", "-9", "-9")
		} else {
			row = append(row, fmt.Sprint(len(a.o03)))
			for _, it := range testItems {
				row = append(row, map[bool]string{true: "2", false: "1"}[slices.Contains(a.o03, it.code)])
			}
		}
		row = append(row, sosciCode("janein", a.i01), sosciCode("janein", a.i02), "35", "48", "83", "", ts, "1", "0", "2", "2", "0")
		rows = append(rows, row)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = '\t'
	err := w.WriteAll(rows)
	return buf.Bytes(), err
}

// writeGoogleForms writes a Google Forms response download: UTF-8 without
// BOM, ',', "Zeitstempel" first, question texts as headers, the grid
// question's rows as "Frage [Zeile]", checkboxes joined with ", ".
func writeGoogleForms() ([]byte, error) {
	hdr := []string{"Zeitstempel", "E-Mail-Adresse", "AGS", "Gibt es eine beschlossene Digitalisierungsstrategie?",
		"Die Verwaltungsleitung treibt die Digitalisierung voran.", "Wie viele Leistungen bieten Sie online an?",
		"Anteil papierloser Vorgänge (in %)", "Welche Bezahlverfahren bieten Sie an?",
		"Informationssicherheit [Notfallkonzept]", "Informationssicherheit [Datensicherung]"}
	rows := [][]string{hdr}
	for _, a := range testAnswers {
		rows = append(rows, []string{a.received.Format("02.01.2006 15:04:05"), "it@" + a.ags + ".example", a.ags, a.s01, a.s02,
			a.o02, germanNumber(a.p06), strings.Join(itemLabels(a.o03), ", "), a.i01, a.i02})
	}
	var buf bytes.Buffer
	err := csv.NewWriter(&buf).WriteAll(rows)
	return buf.Bytes(), err
}

// writeMSForms writes a Microsoft Forms "Open in Excel" workbook: ID,
// Start time, Completion time (date cells), Email, Name (the respondent,
// not the municipality), Last modified time, then question texts (one
// with an HTML entity); multi-select answers joined with ";" and a
// trailing ";".
func writeMSForms() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Sheet1"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("m/d/yy h:mm:ss")})
	if err != nil {
		return nil, err
	}
	hdr := []any{"ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "AGS",
		"Gibt es eine beschlossene Digitalisierungsstrategie?", "Die Verwaltungsleitung treibt die Digitalisierung voran.",
		"Wie viele Leistungen bieten Sie online an?", "Anteil papierloser Vorg&auml;nge (in %)", "Welche Bezahlverfahren bieten Sie an?",
		"Gibt es ein IT-Notfallkonzept?", "Gibt es eine Offline-Datensicherung?"}
	f.SetSheetRow(sh, "A1", &hdr)
	for i, a := range testAnswers {
		row := i + 2
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
		f.SetCellValue(sh, cell(1), i+1)
		f.SetCellValue(sh, cell(2), a.received.Add(-12*time.Minute))
		f.SetCellValue(sh, cell(3), a.received)
		f.SetCellStyle(sh, cell(2), cell(3), date)
		f.SetCellValue(sh, cell(4), "anonymous")
		f.SetCellValue(sh, cell(5), "Max Mustermann")
		multi := ""
		if len(a.o03) > 0 {
			multi = strings.Join(itemLabels(a.o03), ";") + ";"
		}
		vals := []any{a.ags, a.s01, a.s02, a.o02, a.p06, multi, a.i01, a.i02}
		for j, v := range vals {
			if s, ok := v.(string); ok && s == "" {
				continue
			}
			f.SetCellValue(sh, cell(7+j), v)
		}
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

func ptr[T any](v T) *T { return &v }

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

func atof(s string) float64 {
	var x float64
	fmt.Sscan(s, &x)
	return x
}

// TestFixtures checks that testdata holds what the writers above produce
// from the documented shapes, and rewrites it with -update.
func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			want, err := fx.write()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", fx.file)
			if *update {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if fx.xlsx {
				if g, w := xlsxCells(t, got), xlsxCells(t, want); g != w {
					t.Errorf("%s differs from its writer (run go test -update):\ngot  %s\nwant %s", path, g, w)
				}
				return
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from its writer (run go test -update)", path)
			}
		})
	}
}

// xlsxCells renders every cell of a workbook, for comparing workbooks by
// content rather than by zip bytes.
func xlsxCells(tb testing.TB, b []byte) string {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&sb, "[%s]%q", sh, rows)
	}
	return sb.String()
}

func readFixture(tb testing.TB, file string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		tb.Fatalf("%v (run go test -update)", err)
	}
	return b
}

// unitView is what scores.csv shows of a unit's result.
type unitView struct {
	Wave       scoring.WaveID
	ID         scoring.UnitID
	Name       string
	District   string
	Population int
	Level      int
	Nodes      []scoring.NodeScore
}

func view(res *scoring.Results) []unitView {
	var out []unitView
	for _, u := range res.Units {
		out = append(out, unitView{u.Wave, u.Unit.ID, u.Unit.Name, u.Unit.District, u.Unit.Population, u.Level, u.Nodes.AppendTo(nil)})
	}
	return out
}

// TestSameAnswersSameResults is the acceptance test of the importer: the
// same answers exported by German Excel (CSV and xlsx), LimeSurvey, SoSci
// Survey, Google Forms and Microsoft Forms give identical results — every
// node's score, coverage and state, and the level, of every unit — with
// nothing rejected and no answer outside its scale.
func TestSameAnswersSameResults(t *testing.T) {
	m := mustModel(t)
	var want []unitView
	var wantFrom string
	for _, fx := range fixtures {
		if fx.opt == nil {
			continue
		}
		t.Run(fx.file, func(t *testing.T) {
			ds, err := Read(bytes.NewReader(readFixture(t, fx.file)), fx.file, m, fx.opt(t, m))
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != len(testAnswers) || len(ds.Rejects) != 0 {
				t.Fatalf("%d responses, %d rejects %v; want %d and none", len(ds.Responses), len(ds.Rejects), ds.Rejects, len(testAnswers))
			}
			res := scoring.Score(m, ds)
			for _, is := range res.Issues {
				if is.Kind == scoring.IssueUnknownAnswer || is.Kind == scoring.IssueOutOfRange {
					t.Errorf("issue: %s", is)
				}
			}
			got := view(res)
			if want == nil {
				want, wantFrom = got, fx.file
				checkHandScores(t, got)
				return
			}
			if !slices.EqualFunc(got, want, func(a, b unitView) bool {
				return a.Wave == b.Wave && a.ID == b.ID && a.Name == b.Name && a.District == b.District &&
					a.Population == b.Population && a.Level == b.Level && slices.Equal(a.Nodes, b.Nodes)
			}) {
				t.Errorf("results differ from %s:\ngot  %+v\nwant %+v", wantFrom, got, want)
			}
		})
	}
}

// checkHandScores checks the results of the first fixture against scores
// worked out by hand from testAnswers, so that "identical" cannot mean
// "identically wrong".
func checkHandScores(t *testing.T, got []unitView) {
	t.Helper()
	// Node order: overall, strategie, strategie(S01), leitung(S02), online,
	// anzahl(O02), papierlos(P06), zahlung(O03), sicherheit, notfall, backup.
	want := map[scoring.UnitID][]float64{
		// Dresden: strategie (2·100+100)/3 = 100; online (100+87.5+50)/3;
		// sicherheit 100.
		"14612000": {-1, 100, 100, 100, (100 + 87.5 + 50) / 3, 100, 87.5, 50, 100, 100, 100},
		// Bautzen: strategie (2·0+0)/3 = 0; O03 not answered, so online =
		// (0+12.25)/2; notfall unknown, so sicherheit = backup = 0.
		"14625020": {-1, 0, 0, 0, (0 + 12.25) / 2, 0, 12.25, -2, 0, -2, 0},
		// Schleife: S01 unknown → strategie = leitung = 100; I01_01 not
		// applicable → sicherheit = backup = 100.
		"14626490": {-1, 100, -2, 100, (50.0 + 100 + 25) / 3, 50, 100, 25, 100, -3, 100},
	}
	for _, u := range got {
		w, ok := want[u.ID]
		if !ok {
			continue
		}
		for i, x := range w {
			n := u.Nodes[i]
			switch {
			case x == -1:
			case x == -2:
				if n.State != scoring.Missing {
					t.Errorf("%s node %d: state %v, want missing", u.ID, i, n.State)
				}
			case x == -3:
				if n.State != scoring.NotApplies {
					t.Errorf("%s node %d: state %v, want not applicable", u.ID, i, n.State)
				}
			case n.State != scoring.Scored || abs64(n.Score-x) > 1e-9:
				t.Errorf("%s node %d: %v %.4f, want %.4f", u.ID, i, n.State, n.Score, x)
			}
		}
	}
}

func abs64(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

var _ = unicode.UTF8 // the encodings test uses x/text's unicode package too
