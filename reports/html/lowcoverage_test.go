package html

import (
	"slices"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestLowCoverageNamesEveryDimensionNotScored: the profile's note on low
// coverage names every dimension not scored for too few answers — those
// with no answer at all too. It named only the dimensions with some
// answers below the minimum: a municipality that answered S01 alone read
// "… nicht bewertet: Strategie & Steuerung (27 % beantwortet, 60 % nötig)"
// as if the five others, of which it answered nothing, were scored.
func TestLowCoverageNamesEveryDimensionNotScored(t *testing.T) {
	m, ds := fixture.Saxony(t)
	tests := []struct {
		name     string
		answered []scoring.QuestionID // the rest "-9" (not answered)
		blank    []scoring.QuestionID // with answered empty: only these "-9", the rest as given
		want     string
	}{
		{
			// Strategie & Steuerung: S01's weight 2 of 7.5 = 26.7 %; the
			// overall score: S01's share of the whole model.
			name:     "one question answered",
			answered: []scoring.QuestionID{"S01"},
			want: "Geringe Abdeckung: Für folgende Bereiche lagen zu wenige Antworten vor; sie sind nicht bewertet: " +
				"Gesamtwert (4 % beantwortet, 60 % nötig); Strategie & Steuerung (27 % beantwortet, 60 % nötig); " +
				"Online-Dienste (OZG) (0 % beantwortet, 60 % nötig); OZG-Reifegrad ausgewählter Leistungen (0 % beantwortet, 60 % nötig); " +
				"Prozesse & E-Akte (0 % beantwortet, 60 % nötig); IT & Informationssicherheit (0 % beantwortet, 60 % nötig); " +
				"Personal & Kompetenzen (0 % beantwortet, 60 % nötig); Daten & Innovation (0 % beantwortet, 60 % nötig).",
		},
		{
			// S01 and S02: 3.5 of 7.5 = 46.7 %; Daten & Innovation
			// unanswered; the others answered in full.
			name:  "one dimension below its minimum, one unanswered",
			blank: []scoring.QuestionID{"S03", "S04", "S05", "S06", "D01", "D02", "D03", "D04", "D05", "D07"},
			want: "Geringe Abdeckung: Für folgende Bereiche lagen zu wenige Antworten vor; sie sind nicht bewertet: " +
				"Strategie & Steuerung (47 % beantwortet, 60 % nötig); Daten & Innovation (0 % beantwortet, 60 % nötig).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &scoring.Dataset{}
			for _, r := range ds.Responses {
				if r.Wave != "2026" || r.Unit.ID != "14612000" {
					continue
				}
				answers := r.Answers.Strings()
				for i, q := range m.Questions {
					if tt.answered != nil && !slices.Contains(tt.answered, q.ID) || slices.Contains(tt.blank, q.ID) {
						answers[i] = "-9"
					}
				}
				r.Answers = scoring.AnswersOf(answers...)
				d.Responses = append(d.Responses, r)
			}
			if len(d.Responses) != 1 {
				t.Fatalf("%d responses of 14612000 in 2026", len(d.Responses))
			}
			res := scoring.Score(m, d)
			u := fixture.UnitResult(t, res, "2026", "14612000")
			if got := newRenderer(res, Options{}).lowCoverage(u); got != tt.want {
				t.Errorf("the note reads\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
