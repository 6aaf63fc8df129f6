package nouns

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestReplacer: the catalogs' municipal nouns become the model's, in the
// singular and plural, capitalised at a sentence's start, and with the
// English article the noun takes.
func TestReplacer(t *testing.T) {
	for _, tc := range []struct {
		lang       scoring.Language
		one, many  string
		text, want string
	}{
		{scoring.English, "organisation", "organisations", "a municipality answered twice", "an organisation answered twice"},
		{scoring.English, "organisation", "organisations", "Each dot is a municipality, placed by longitude.", "Each dot is an organisation, placed by longitude."},
		{scoring.English, "organisation", "organisations", "A municipality that did not take part", "An organisation that did not take part"},
		{scoring.English, "organisation", "organisations", "answer under a municipality key", "answer under an organisation key"},
		{scoring.English, "country", "countries", "a municipality answered twice", "a country answered twice"},
		{scoring.English, "unit", "units", "a municipality answered twice", "a unit answered twice"},
		{scoring.English, "organisation", "organisations", "All municipalities; Municipality; your municipality's", "All organisations; Organisation; your organisation's"},
		{scoring.German, "Organisation", "Organisationen", "Alle Kommunen; eine Kommune", "Alle Organisationen; eine Organisation"},
	} {
		if got := Replacer(tc.lang, tc.one, tc.many).Replace(tc.text); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.one, got, tc.want)
		}
	}
	if Replacer(scoring.English, "", "") != nil {
		t.Error("no noun: want no replacer")
	}
}
