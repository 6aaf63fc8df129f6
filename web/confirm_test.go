package web

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestConfirmShareOfAPart: the confirmation's share of a part answered is
// never written as all or none of it. With 1 of 200 questions of equal
// weight open the share is 99.5 %: whole percent wrote "100 %" beneath
// "1 von 200 Fragen sind noch nicht beantwortet". Shares far from 0 and
// 100 % stay in whole percent.
func TestConfirmShareOfAPart(t *testing.T) {
	m := mustModel(t)
	for _, tc := range []struct {
		lang               scoring.Language
		coverage           float64
		overall, dimension string
	}{
		{scoring.German, 199.0 / 200, "Ihr Gesamtwert beruht auf 99,5 % der Fragen (nach Gewicht).", "wird bewertet: 99,5 % beantwortet (nach Gewicht)"},
		{scoring.English, 199.0 / 200, "Your overall score rests on 99.5 % of the questions (by weight).", "scored: 99.5 % answered (by weight)"},
		{scoring.English, 1.0 / 300, "Your overall score rests on 0.3 % of the questions (by weight).", "scored: 0.3 % answered (by weight)"},
		{scoring.German, 3.0 / 4, "Ihr Gesamtwert beruht auf 75 % der Fragen (nach Gewicht).", "wird bewertet: 75 % beantwortet (nach Gewicht)"},
	} {
		s := &Server{t: texts(tc.lang)}
		ns := scoring.NodeScore{Score: 50, Coverage: tc.coverage, State: scoring.Scored}
		if got, short := s.overallConsequence(m, ns); got != tc.overall || short {
			t.Errorf("%s, coverage %v: overall %q (short %v), want %q", tc.lang, tc.coverage, got, short, tc.overall)
		}
		if got, short := s.consequence(m, 0, ns); got != tc.dimension || short {
			t.Errorf("%s, coverage %v: dimension %q (short %v), want %q", tc.lang, tc.coverage, got, short, tc.dimension)
		}
	}
}
