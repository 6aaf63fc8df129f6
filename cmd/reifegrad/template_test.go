package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/survey"
)

// Answers of config.yaml's scales worth 1 point and 0 points.
var (
	topAnswers = map[string]any{
		"janein": "ja", "schulungstakt": "halbjährlich", "zustimmung": "trifft voll zu", "umsetzung": "umgesetzt", "einfuehrung": "flächendeckend",
		"ozg": "4", "grundschutz": "Zertifizierung", "schulungsrhythmus": "jährlich",
		"anzahl_dienste": 60.0, "prozent": 100, "anzahl_datensaetze": "75",
		"zahlungsarten": "ePayBL;PayPal;Kreditkarte", "sicherheitsmassnahmen": "Offline-Datensicherung;mfa;awareness;patch;pentest;uebung",
	}
	bottomAnswers = map[string]any{
		"janein": "nein", "schulungstakt": "nie", "zustimmung": "trifft nicht zu", "umsetzung": "nicht geplant", "einfuehrung": "nein",
		"ozg": 0, "grundschutz": "keine", "schulungsrhythmus": "nie",
		"anzahl_dienste": 0, "prozent": "0", "anzahl_datensaetze": 0.0,
	}
)

// questionnaireRows returns the row of every question code of a
// questionnaire and the column of its answers, found by the workbook's
// defined names.
func questionnaireRows(t *testing.T, f *excelize.File) (sheet string, rows map[string]int, answerCol string) {
	t.Helper()
	refs := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		refs[dn.Name] = dn.RefersTo
	}
	if refs["reifegrad_codes"] == "" || refs["reifegrad_answers"] == "" {
		t.Fatalf("defined names %v lack the codes or answers", refs)
	}
	sheet, col, r1, r2 := columnRange(t, refs["reifegrad_codes"])
	_, ac, _, _ := columnRange(t, refs["reifegrad_answers"])
	answerCol, _ = excelize.ColumnNumberToName(ac)
	rows = map[string]int{}
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(col, r)
		if v, _ := f.GetCellValue(sheet, cell); v != "" {
			rows[v] = r
		}
	}
	return sheet, rows, answerCol
}

// columnRange reads a reference to part of a column: 'Sheet'!$B$10:$B$60.
func columnRange(t *testing.T, ref string) (sheet string, col, row1, row2 int) {
	t.Helper()
	i := strings.LastIndex(ref, "!")
	from, to, _ := strings.Cut(strings.ReplaceAll(ref[i+1:], "$", ""), ":")
	col, row1, err1 := excelize.CellNameToCoordinates(from)
	_, row2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		t.Fatalf("bad reference %q", ref)
	}
	return strings.Trim(ref[:i], "'"), col, row1, row2
}

// fillQuestionnaire fills a copy of the template as a municipality would
// and saves it as name.
func fillQuestionnaire(t *testing.T, template, name, ags, unit string, answers map[string]any) string {
	t.Helper()
	f, err := excelize.OpenFile(template, survey.OpenOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, rows, col := questionnaireRows(t, f)
	if len(rows) != 40 {
		t.Fatalf("the questionnaire has %d questions, want the 40 of config.yaml", len(rows))
	}
	set := func(cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("D6", ags)
	set("D7", unit)
	for code, v := range answers {
		r, ok := rows[code]
		if !ok {
			t.Fatalf("no row for question %s", code)
		}
		set(col+strconv.Itoa(r), v)
	}
	path := filepath.Join(filepath.Dir(template), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// scaleOf maps config.yaml's questions to their scales.
func scaleOf(t *testing.T) map[string]string {
	t.Helper()
	s, err := loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, q := range s.Model.Questions {
		out[string(q.ID)] = q.Scale.ID
	}
	return out
}

// TestTemplateLoop is the self-assessment loop: write the questionnaire,
// fill in two copies as two municipalities would, score them with run and
// compare with scores computed by hand from config.yaml.
func TestTemplateLoop(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "fragebogen.xlsx")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "template", "-o", tmpl, "-q"); code != 0 {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	scales := scaleOf(t)

	// Dresden: 1 point everywhere, except S01 "nein", Kfz-Zulassung "nicht
	// zutreffend" and every question of Daten & Innovation "weiß nicht".
	dresden := map[string]any{}
	for q, sc := range scales {
		dresden[q] = topAnswers[sc]
		if strings.HasPrefix(q, "D") {
			dresden[q] = "weiß nicht"
		}
	}
	dresden["S01"], dresden["O01_02"] = "nein", "nicht zutreffend"
	dresden["K06"] = "trifft nicht zu" // reversed: 1 − 0 = 1 point
	// Leipzig: 0 points everywhere; both multi-selects blank; S02 outside
	// its scale.
	leipzig := map[string]any{}
	for q, sc := range scales {
		if v, ok := bottomAnswers[sc]; ok {
			leipzig[q] = v
		}
	}
	leipzig["S02"] = "jein"
	leipzig["K06"] = "trifft voll zu"
	fileD := fillQuestionnaire(t, tmpl, "fragebogen_dresden.xlsx", "14612000", "Dresden", dresden)
	fileL := fillQuestionnaire(t, tmpl, "fragebogen_leipzig.xlsx", "14713000", "Leipzig", leipzig)

	out := filepath.Join(dir, "out")
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2028="+fileD, "-i", "2028="+fileL, "-o", out, "--json", "-q")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	var sum summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.RowsRead != 2 || sum.Scored != 2 || sum.Rejected != 0 {
		t.Errorf("summary = %+v, want 2 rows read and scored", sum)
	}

	// By hand: Strategie = (2·0 + 1.5·1 + 4·1)/7.5; Online, Prozesse,
	// Sicherheit, Personal = 100; Daten not answered, so the overall
	// score is the weighted mean of the other five (weights 1, 1.5, 1,
	// 1, 1).
	strategie := 100 * 5.5 / 7.5
	want := map[string]map[string]float64{
		"14612000": {"overall": (strategie + 1.5*100 + 3*100) / 5.5, "strategie": strategie, "online": 100, "ozg_leistungen": 100,
			"personal": 100, "daten": math.NaN()},
		"14713000": {"overall": 0, "strategie": 0, "sicherheit": 0},
	}
	levels := map[string]string{"14612000": "Vorreiter", "14713000": "Einsteiger"}
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	seen := 0
	for _, r := range scores[1:] {
		w, ok := want[r[1]][r[4]]
		if !ok {
			continue
		}
		seen++
		if math.IsNaN(w) {
			if r[6] != "" {
				t.Errorf("%s %s = %s, want not scored", r[1], r[4], r[6])
			}
			continue
		}
		got, err := strconv.ParseFloat(r[6], 64)
		if err != nil || math.Abs(got-w) > 1e-9 {
			t.Errorf("%s %s = %q, want %v (by hand)", r[1], r[4], r[6], w)
		}
		if r[3] == "overall" && r[8] != levels[r[1]] {
			t.Errorf("%s level = %q, want %q", r[1], r[8], levels[r[1]])
		}
	}
	if seen != 9 {
		t.Errorf("found %d of the 9 expected scores in scores.csv", seen)
	}

	// The answer outside its scale is reported at its very cell.
	f, err := excelize.OpenFile(fileL, survey.OpenOptions())
	if err != nil {
		t.Fatal(err)
	}
	sheet, rows, col := questionnaireRows(t, f)
	f.Close()
	stdout, _, code = MustRun(t, "-c", repoConfig, "check", "--lang", "english", "-i", "2028="+fileL)
	cellPlace := fileL + "[" + sheet + "]:" + strconv.Itoa(rows["S02"]) + ":" + strconv.Itoa(int(col[0]-'A'+1))
	if code != exitBadInput || !strings.Contains(stdout, cellPlace+": question S02") {
		t.Errorf("check: exit %d, want 1 and the place %s of S02:\n%s", code, cellPlace, stdout)
	}
}

// TestTemplateRowsInserted checks that a questionnaire still reads after
// someone inserted rows above the questions and between them: the defined
// names move along.
func TestTemplateRowsInserted(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "q.xlsx")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "--lang", "en", "template", "-o", tmpl, "-q"); code != 0 {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	answers := map[string]any{}
	for q, sc := range scaleOf(t) {
		answers[q] = topAnswers[sc]
	}
	answers["K06"] = "trifft nicht zu"
	file := fillQuestionnaire(t, tmpl, "filled.xlsx", "14612000", "Dresden", answers)
	f, err := excelize.OpenFile(file, survey.OpenOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Questionnaire", "Lists"}) {
		t.Errorf("sheets %q, want the English names", got)
	}
	sheet, rows, _ := questionnaireRows(t, f)
	for _, at := range []int{rows["O02"], 2} {
		if err := f.UnprotectSheet(sheet); err != nil {
			t.Fatal(err)
		}
		if err := f.InsertRows(sheet, at, 2); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-i", "2028="+file, "-o", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	for _, r := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
		if r[3] == "overall" && r[6] != "100" {
			t.Errorf("overall = %s, want 100: every answer is worth a point", r[6])
		}
	}
}

func TestTemplateRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fragebogen.xlsx")
	if err := os.WriteFile(file, []byte("filled in"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		file string // whose content is checked
		kept bool
	}{
		{"existing file", []string{"template", "-o", file}, exitBadInput, file, true},
		{"wrong extension", []string{"template", "-o", filepath.Join(dir, "x.csv")}, exitUsage, "", false},
		{"folder", []string{"template", "-o", dir, "--force"}, exitOK, file, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := MustRun(t, append([]string{"-c", repoConfig, "-q"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			if tt.file == "" {
				return
			}
			b, _ := os.ReadFile(tt.file)
			if kept := string(b) == "filled in"; kept != tt.kept {
				t.Errorf("file kept = %v, want %v", kept, tt.kept)
			}
		})
	}
}
