package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/questionnaire"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// writeQuestionnaire writes the questionnaire of the test model and opens it.
func writeQuestionnaire(t *testing.T, o Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteQuestionnaire(&buf, fixture.SheetModel(t), o); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, openOptions)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestQuestionnaireLayout(t *testing.T) {
	f := writeQuestionnaire(t, Options{})
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Fragebogen", "Listen"}) {
		t.Fatalf("sheets = %q", got)
	}
	if visible, _ := f.GetSheetVisible("Listen"); visible {
		t.Error("the answer lists are visible")
	}
	const sheet = "Fragebogen"
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	for name, want := range map[string]string{
		questionnaire.NameID: "'Fragebogen'!$D$6", questionnaire.NameUnit: "'Fragebogen'!$D$7",
		questionnaire.NameCodes: "'Fragebogen'!$B$10:$B$16", questionnaire.NameAnswers: "'Fragebogen'!$D$10:$D$16",
	} {
		if names[name] != want {
			t.Errorf("%s refers to %q, want %q", name, names[name], want)
		}
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Rows 10–16: a heading per top-level dimension, then its questions
	// in the order of the model's tree.
	var got []string
	for _, r := range rows[9:16] {
		got = append(got, strings.Join(r, "|"))
	}
	want := []string{
		"Strategie",
		"1|A1|Gibt es eine Strategie?||Antworten: ja, teilweise, nein\naußerdem möglich: weiß nicht, nicht zutreffend",
		"2|A2|Gibt es eine verantwortliche Person?||z. B. eine CDO\nAntworten: ja, teilweise, nein\naußerdem möglich: weiß nicht, nicht zutreffend",
		"Dienste",
		"3|B1|Wie viele Dienste sind online?||zulässig 0 bis 100\naußerdem möglich: weiß nicht, nicht zutreffend",
		"4|B2|Welche Maßnahmen gibt es? (Mehrfachauswahl)||Mehrfachauswahl: zutreffende Optionen mit „;“ getrennt eintragen: a; b; c; d\naußerdem möglich: weiß nicht, nicht zutreffend",
		"5|B3|Fehlt Personal?||Antworten: ja, teilweise, nein\naußerdem möglich: weiß nicht, nicht zutreffend",
	}
	if !slices.Equal(got, want) {
		t.Errorf("questions =\n%q\nwant\n%q", got, want)
	}

	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	byCell := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		byCell[dv.Sqref] = dv
	}
	list := func(cell string) []string {
		dv := byCell[cell]
		if dv == nil || dv.Type != "list" {
			t.Fatalf("%s: validation %+v, want a list", cell, dv)
		}
		return rangeValues(t, f, dv.Formula1)
	}
	yesNo := []string{"ja", "teilweise", "nein", "weiß nicht", "nicht zutreffend"}
	for _, cell := range []string{"D11", "D12", "D16"} {
		if got := list(cell); !slices.Equal(got, yesNo) {
			t.Errorf("%s offers %q, want %q", cell, got, yesNo)
		}
	}
	if dv := byCell["D14"]; dv == nil || dv.Type != "custom" ||
		dv.Formula1 != `OR(AND(ISNUMBER(D14),D14>=0,D14<=100),D14="weiß nicht",D14="nicht zutreffend")` {
		t.Errorf("D14: validation %+v, want a number from 0 to 100 or a missing code", dv)
	}
	if dv := byCell["D15"]; dv == nil || dv.Type != "" || !strings.Contains(*dv.Prompt, "a; b; c; d") {
		t.Errorf("D15: validation %+v, want an input message listing the options", dv)
	}

	prot, err := f.GetSheetProtection(sheet)
	if err != nil || prot.SelectUnlockedCells != true {
		t.Errorf("protection = %+v (%v)", prot, err)
	}
	// Input cells are open; the id is text (leading zeros), answers are
	// General (a typed number stays a number for the number check).
	for _, tt := range []struct {
		cell   string
		locked bool
		format int
	}{{"D6", false, 49}, {"D7", false, 49}, {"D11", false, 0}, {"D14", false, 0}, {"F11", false, 0}, {"B11", true, 0}, {"C11", true, 0}} {
		id, _ := f.GetCellStyle(sheet, tt.cell)
		st, _ := f.GetStyle(id)
		locked := st.Protection == nil || st.Protection.Locked
		if locked != tt.locked || st.NumFmt != tt.format {
			t.Errorf("%s: locked %v, format %d; want %v, %d", tt.cell, locked, st.NumFmt, tt.locked, tt.format)
		}
	}
}

func TestQuestionnaireEnglish(t *testing.T) {
	f := writeQuestionnaire(t, Options{Language: scoring.English})
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Questionnaire", "Lists"}) {
		t.Errorf("sheets = %q", got)
	}
	if v, _ := f.GetCellValue("Questionnaire", "C6"); !strings.HasPrefix(v, "Official municipality key") {
		t.Errorf("C6 = %q", v)
	}
}

func TestQClip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{{"kurz", 5, "kurz"}, {"Fünfzehn", 5, "Fünf…"}, {"abcde", 5, "abcde"}} {
		if got := qClip(tt.in, tt.n); got != tt.want {
			t.Errorf("qClip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestQuestionnaireUnitWords: the questionnaire of a model that names its
// units (model.unit_labels) asks for their id and name in its words; one
// for organisations asked for the "Official municipality key (AGS, 8
// digits)" and the "Name of the municipality". A model that names none
// keeps the municipal questionnaire.
func TestQuestionnaireUnitWords(t *testing.T) {
	tests := []struct {
		name         string
		labels       scoring.UnitLabels
		lang         scoring.Language
		sheet        string
		id, unitName string // C6, C7
		title        string // the id cell's prompt
		never        string // in no cell, any case ("": not checked)
	}{
		{"municipalities", scoring.UnitLabels{}, scoring.German, "Fragebogen", "Amtlicher Gemeindeschlüssel (AGS, 8 Ziffern)", "Name der Kommune", "AGS", ""},
		{"organisations", scoring.UnitLabels{ID: "Organisation", Unit: "organisation", Units: "organisations"}, scoring.English, "Questionnaire",
			"Organisation", "Name", "Organisation", "municipal"},
		{"countries, German, nouns only", scoring.UnitLabels{Unit: "Nation", Units: "Nationen"}, scoring.German, "Fragebogen",
			"Kennung", "Name", "Kennung", "gemeinde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture.SheetModel(t)
			m.UnitLabels = tt.labels
			var buf bytes.Buffer
			if err := WriteQuestionnaire(&buf, m, Options{Language: tt.lang}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf, openOptions)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for cell, want := range map[string]string{"C6": tt.id, "C7": tt.unitName} {
				if v, _ := f.GetCellValue(tt.sheet, cell); v != want {
					t.Errorf("%s = %q, want %q", cell, v, want)
				}
			}
			dvs, err := f.GetDataValidations(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if i := slices.IndexFunc(dvs, func(dv *excelize.DataValidation) bool { return dv.Sqref == "D6" }); i < 0 || dvs[i].PromptTitle == nil || *dvs[i].PromptTitle != tt.title {
				t.Errorf("the id cell's prompt is not titled %q", tt.title)
			}
			if tt.never == "" {
				return
			}
			rows, _ := f.GetRows(tt.sheet)
			for i, row := range rows {
				for j, cell := range row {
					if l := strings.ToLower(cell); strings.Contains(l, tt.never) || strings.Contains(cell, "AGS") || strings.Contains(l, "kommune") {
						t.Errorf("row %d column %d: %q", i+1, j+1, cell)
					}
				}
			}
		})
	}
}
