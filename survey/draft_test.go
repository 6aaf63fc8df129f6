package survey

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestDraftUnitsWithRepeatedAGS: a column holding AGS only is the unit id
// of the draft even where a municipality answered twice or a row lacks
// its AGS — the importer's duplicate policy and its rejects settle those.
// The draft took the tool's response id instead, made the AGS column a
// question scored as a number (goalposts from 14612000 to 14713000) and
// check read the municipality's two answers as two units.
func TestDraftUnitsWithRepeatedAGS(t *testing.T) {
	tests := []struct {
		name, csv string
		id        string
		ags       bool
		register  string
	}{
		{"LimeSurvey, answered twice",
			"id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,14612000,A1\n2,2024-03-15 11:00:00,14713000,A2\n3,2024-03-16 09:00:00,14612000,A2\n",
			"G00Q01", true, "sachsen"},
		{"LimeSurvey, an AGS left empty",
			"id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,14612000,A1\n2,2024-03-15 11:00:00,,A2\n3,2024-03-16 09:00:00,14713000,A2\n",
			"G00Q01", true, "sachsen"},
		{"named AGS, answered twice", "AGS;Q1\n14511000;ja\n14511000;nein\n14521010;ja\n", "AGS", true, "sachsen"},
		// Regionalschlüssel (ARS): the AGS of their first five and last
		// three digits are Saxony's (TestReadARS).
		{"keyed by ARS", "ARS;Q1\n145110000000;ja\n145215203010;nein\n146120000000;ja\n", "ARS", true, "sachsen"},
		{"no AGS: the response id", "id,submitdate,G00Q01,G01Q01\n1,2024-03-15 10:00:00,Dresden,A1\n2,2024-03-15 11:00:00,14713000,A2\n",
			"id", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DraftModel(strings.NewReader(tt.csv), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			u := d.Units
			if u.ID != tt.id || u.Municipalities != tt.ags || u.Register != tt.register {
				t.Errorf("units %+v, want id %q, municipalities %v, register %q", u, tt.id, tt.ags, tt.register)
			}
			for _, dim := range d.Dimensions {
				for _, q := range dim.Questions {
					if q.ID == tt.id {
						t.Errorf("the unit id %s is also a question (scale %s)", q.ID, q.Scale)
					}
				}
			}
		})
	}
}

// TestDraftAnswerOrder: a map scale's answers get their points in the
// order of an answer scale the draft knows, whatever row shows them first
// — the draft had "teilweise: 1, nein: 0.5, ja: 0" where the first row
// answered "teilweise" — and a draft that cannot know the order says so
// (Guessed): numeric codes from the highest, else first appearance.
func TestDraftAnswerOrder(t *testing.T) {
	tests := []struct {
		name    string
		answers []string // in the rows' order
		want    []DraftOption
		known   string
		guessed bool
	}{
		{"ja teilweise nein", []string{"teilweise", "nein", "ja", "ja"},
			[]DraftOption{{"ja", 1}, {"teilweise", 0.5}, {"nein", 0}}, "ja > teilweise > nein", false},
		{"agreement, capitals and spaces", []string{"Trifft eher zu", "trifft  nicht zu", "Trifft voll zu", "teils/teils"},
			[]DraftOption{{"Trifft voll zu", 1}, {"Trifft eher zu", 0.667}, {"teils/teils", 0.333}, {"trifft  nicht zu", 0}}, "trifft voll zu > trifft eher zu > teils/teils > trifft nicht zu", false},
		{"yes no", []string{"no", "yes"}, []DraftOption{{"yes", 1}, {"no", 0}}, "yes > no", false},
		{"frequency", []string{"selten", "immer", "nie", "oft"},
			[]DraftOption{{"immer", 1}, {"oft", 0.667}, {"selten", 0.333}, {"nie", 0}}, "immer > oft > selten > nie", false},
		{"two spellings of one step: not known", []string{"teilweise", "zum Teil", "ja"},
			[]DraftOption{{"teilweise", 1}, {"zum Teil", 0.5}, {"ja", 0}}, "", true},
		{"two scales mixed: not known", []string{"ja", "trifft zu", "nein"},
			[]DraftOption{{"ja", 1}, {"trifft zu", 0.5}, {"nein", 0}}, "", true},
		{"numeric codes, highest first", []string{"2", "4", "1", "3"},
			[]DraftOption{{"4", 1}, {"3", 0.667}, {"2", 0.333}, {"1", 0}}, "", true},
		{"unknown words, as first shown", []string{"Pilot", "Regelbetrieb", "keine"},
			[]DraftOption{{"Pilot", 1}, {"Regelbetrieb", 0.5}, {"keine", 0}}, "", true},
		{"one answer", []string{"ja", "ja"}, []DraftOption{{"ja", 1}}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var csv strings.Builder
			csv.WriteString("AGS;Q1\n")
			for i, a := range tt.answers {
				fmt.Fprintf(&csv, "145210%02d;%s\n", i+10, a)
			}
			d, err := DraftModel(strings.NewReader(csv.String()), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Scales) != 1 {
				t.Fatalf("%d scales: %+v", len(d.Scales), d.Scales)
			}
			sc := d.Scales[0]
			if !slices.Equal(sc.Options, tt.want) || sc.Known != tt.known || sc.Guessed != tt.guessed {
				t.Errorf("options %v, known %q, guessed %v; want %v, %q, %v", sc.Options, sc.Known, sc.Guessed, tt.want, tt.known, tt.guessed)
			}
		})
	}
}

// TestDraftSkipsDates: a column of dates or times (a submission date of a
// generic export, a date asked for) is no question — it had become a list
// of answers with points from 1 to 0 when it held 20 days or fewer.
func TestDraftSkipsDates(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		skip   bool
	}{
		{"ISO dates", []string{"2024-03-15", "2024-03-16", "2024-03-15"}, true},
		{"German dates and times", []string{"15.03.2024 10:12", "16.03.2024 09:01:33", "k.A."}, true},
		{"times with a zone", []string{"2024/03/15 10:12:00 PM GMT+1", "2024/03/16 9:01:33 AM GMT+1"}, true},
		{"answers", []string{"ja", "nein"}, false},
		{"a date among answers", []string{"ja", "2024-03-15"}, false},
		{"small numbers", []string{"1", "2", "3"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var csv strings.Builder
			csv.WriteString("AGS;Datum;Q1\n")
			for i, v := range tt.values {
				fmt.Fprintf(&csv, "145210%02d;%s;ja\n", i+10, v)
			}
			d, err := DraftModel(strings.NewReader(csv.String()), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			skipped := slices.ContainsFunc(d.Skipped, func(s DraftSkipped) bool { return s.Header == "Datum" })
			asked := false
			for _, dim := range d.Dimensions {
				for _, q := range dim.Questions {
					asked = asked || q.ID == "Datum"
				}
			}
			if skipped != tt.skip || asked == tt.skip {
				t.Errorf("skipped %v, a question %v; want skipped %v (%+v)", skipped, asked, tt.skip, d.Skipped)
			}
		})
	}
}

// TestDraftSkipsRemarks: a free-text column with few answers (at most 20,
// so not free text by their number) had become a scored question, its
// remarks answers with points from 1 to 0. A column is free text when its
// header speaks of remarks and most answers were given once, or when five
// or more answers were given once each; a list of answers is shared.
func TestDraftSkipsRemarks(t *testing.T) {
	tests := []struct {
		name, header string
		values       []string
		skip         SkipReason // 0: a question
	}{
		{"remarks, each once", "Bemerkungen", []string{"Server wird 2025 ersetzt", "keine", "Personal fehlt"}, SkipRemarks},
		{"remarks, one shared", "Anmerkungen zur Umfrage", []string{"keine", "keine", "zu lang", "Frage 3 unklar"}, SkipRemarks},
		{"comments, English", "Q9 Comments", []string{"n/a", "see attachment"}, SkipRemarks},
		{"remarks header, answers shared", "Bemerkungen erwünscht?", []string{"ja", "nein", "ja", "nein", "ja"}, 0},
		{"remarks header, a known scale each once", "Bemerkungen erwünscht?", []string{"ja", "nein"}, 0},
		{"remarks header, a Likert scale each once", "Anregungen werden umgesetzt", []string{"trifft eher zu", "trifft nicht zu", "trifft voll zu"}, 0},
		{"a remark word inside another", "Kommentarfunktion", []string{"a", "b", "c"}, 0},
		{"five answers, none twice", "Q9", []string{"Server alt", "kein Budget", "IT-Dienstleister", "Personal", "Zeit"}, SkipUnshared},
		{"four answers, none twice", "Q9", []string{"ja", "teilweise", "nein", "geplant"}, 0},
		{"a known scale, each once", "Q9", []string{"trifft eher zu", "trifft nicht zu", "teils/teils", "trifft voll zu", "trifft eher nicht zu"}, 0},
		{"codes 1 to 5, each once", "Q9", []string{"3", "1", "5", "2", "4"}, 0},
		{"codes and text, each once", "Q9", []string{"3", "1", "5", "2", "k. A. wegen Umstellung"}, SkipUnshared},
		{"a scale, shared", "Q9", []string{"ja", "teilweise", "nein", "geplant", "ja", "nein"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var csv strings.Builder
			csv.WriteString("AGS;" + tt.header + ";Q1\n")
			for i, v := range tt.values {
				fmt.Fprintf(&csv, "145210%02d;%s;ja\n", i+10, v)
			}
			d, err := DraftModel(strings.NewReader(csv.String()), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got SkipReason
			for _, s := range d.Skipped {
				if s.Header == tt.header {
					got = s.Reason
				}
			}
			asked := 0
			for _, dim := range d.Dimensions {
				asked += len(dim.Questions)
			}
			if want := 2 - min(1, int(tt.skip)); got != tt.skip || asked != want {
				t.Errorf("skipped %v, %d questions; want skipped %v, %d (%+v)", got, asked, tt.skip, want, d.Skipped)
			}
		})
	}
}
