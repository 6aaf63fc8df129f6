package survey

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readStructureFile(t *testing.T, name string) *Structure {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadStructure(bytes.NewReader(b), name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReadStructure: each structure file gives the texts, answer labels
// and options of the survey the fixtures export, as the tool wrote them.
func TestReadStructure(t *testing.T) {
	answers := []ValueLabel{{"A1", "ja"}, {"A2", "teilweise"}, {"A3", "nein"}, {"WN", "weiß nicht"}, {"NZ", "nicht zutreffend"}}
	tests := []struct {
		file, title string
		want        map[string]StructColumn // by column; order and group ignored
	}{
		{"limesurvey_survey_123456.lss", "Digitale Verwaltung 2024", map[string]StructColumn{
			"G01Q01":        {Text: "Gibt es eine beschlossene Digitalisierungsstrategie?", Values: answers, Group: "Strategie & Steuerung"},
			"G02Q02":        {Text: "Anteil papierloser Vorgänge (in %)", Numeric: true, Group: "Online-Dienste"},
			"G02Q03[SQ003]": {Text: "Welche Bezahlverfahren bieten Sie an?", Base: "G02Q03", Item: "Kreditkarte, Debitkarte", Group: "Online-Dienste"},
			"G03Q01[SQ002]": {Text: "Informationssicherheit [Datensicherung]", Values: answers, Group: "Informationssicherheit"},
			"AGS":           {Text: "Amtlicher Gemeindeschlüssel Ihrer Kommune", FreeText: true, Group: "Strategie & Steuerung"},
		}},
		{"survey_123456_R_syntax_file.R", "survey_123456_R_syntax_file", map[string]StructColumn{
			"G01Q01":       {Text: "Gibt es eine beschlossene Digitalisierungsstrategie?", Values: answers},
			"G03Q01_SQ002": {Text: "Informationssicherheit [Datensicherung]", Values: answers},
			"G02Q03_SQ001": {Text: "Welche Bezahlverfahren bieten Sie an? [ePayBL]", Values: []ValueLabel{{"1", "Ja"}, {"0", "Nicht gewählt"}}},
		}},
		{"survey_123456_SPSS_syntax_file.sps", "survey_123456_SPSS_syntax_file", map[string]StructColumn{
			"G01Q01":       {Text: "Gibt es eine beschlossene Digitalisierungsstrategie?", Values: answers},
			"G03Q01_SQ002": {Text: "Informationssicherheit [Datensicherung]", Values: answers},
			"G02Q03_SQ001": {Text: "Welche Bezahlverfahren bieten Sie an? [ePayBL]", Values: []ValueLabel{{"1", "Ja"}, {"0", "Nicht gewählt"}}},
			"id":           {Text: "Antwort ID"},
		}},
		{"sosci_import_kommunen.r", "Digitale Verwaltung 2024", map[string]StructColumn{
			"A101": {Text: "Gibt es eine beschlossene Digitalisierungsstrategie?", Values: []ValueLabel{{"1", "ja"}, {"2", "teilweise"}, {"3", "nein"},
				{"-1", "weiß nicht"}, {"-2", "nicht zutreffend"}, {"-9", "[NA] nicht beantwortet"}}},
			"B103_03": {Text: "Bezahlverfahren", Base: "B103", Item: "Kreditkarte, Debitkarte"},
			"B101_01": {Text: "Online-Leistungen: Wie viele Leistungen bieten Sie online an?"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := readStructureFile(t, tt.file)
			if s.Title != tt.title {
				t.Errorf("title %q, want %q", s.Title, tt.title)
			}
			for code, want := range tt.want {
				got := s.Columns[code]
				if got == nil {
					t.Errorf("no column %s", code)
					continue
				}
				g := *got
				g.order = 0
				if !reflect.DeepEqual(g, want) {
					t.Errorf("%s:\ngot  %+v\nwant %+v", code, g, want)
				}
			}
		})
	}
}

func TestReadStructureRefuses(t *testing.T) {
	for _, in := range []string{"ags;S01\n14612000;ja\n", "<?xml version=\"1.0\"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>"} {
		if _, err := ReadStructure(strings.NewReader(in), "x"); err == nil {
			t.Errorf("%q accepted as a structure", in)
		}
	}
}

// FuzzReadStructure: no structure file makes the readers panic.
func FuzzReadStructure(f *testing.F) {
	for _, name := range []string{"limesurvey_survey_123456.lss", "survey_123456_R_syntax_file.R", "survey_123456_SPSS_syntax_file.sps", "sosci_import_kommunen.r"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadStructure(bytes.NewReader(b), "f")
		if err == nil && len(s.Columns) == 0 {
			t.Fatal("a structure without columns")
		}
	})
}

// FuzzDraftModel drafts models from arbitrary files: no panic, and every
// question of a draft has a scale the draft holds.
func FuzzDraftModel(f *testing.F) {
	for _, fx := range fixtures {
		if strings.HasSuffix(fx.file, ".csv") {
			if b, err := fx.write(); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DraftModel(bytes.NewReader(b), "f.csv", DraftOptions{})
		if err != nil {
			return
		}
		scales := map[string]bool{}
		for _, sc := range d.Scales {
			scales[sc.ID] = true
		}
		for _, dim := range d.Dimensions {
			for _, q := range dim.Questions {
				if !scales[q.Scale] || q.ID == "" {
					t.Fatalf("question %+v without its scale", q)
				}
			}
		}
	})
}
