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

// TestRewrite: every text of a catalog speaks of the model's units — a
// plain string, the strings of a slice, of an array (a table's column
// heads, a noun's singular and plural: analyse's "%s Kommune", "%s
// Kommunen" stayed municipal), of a map and of a nested struct — and the
// catalog itself keeps its words.
func TestRewrite(t *testing.T) {
	type inner struct{ S string }
	type catalog struct {
		S     string
		Slice []string
		Array [2]string
		Map   map[int]string
		In    inner
		N     int
	}
	c := &catalog{S: "Alle Kommunen", Slice: []string{"eine Kommune"}, Array: [2]string{"%s Kommune", "%s Kommunen"},
		Map: map[int]string{1: "Kommunen"}, In: inner{"jede Kommune"}, N: 7}
	got := Rewrite(c, Replacer(scoring.German, "Organisation", "Organisationen"))
	for _, tc := range []struct{ name, got, want string }{
		{"string", got.S, "Alle Organisationen"},
		{"slice", got.Slice[0], "eine Organisation"},
		{"array singular", got.Array[0], "%s Organisation"},
		{"array plural", got.Array[1], "%s Organisationen"},
		{"map", got.Map[1], "Organisationen"},
		{"struct", got.In.S, "jede Organisation"},
		{"catalog's string", c.S, "Alle Kommunen"},
		{"catalog's slice", c.Slice[0], "eine Kommune"},
		{"catalog's array", c.Array[1], "%s Kommunen"},
		{"catalog's map", c.Map[1], "Kommunen"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if got.N != 7 {
		t.Errorf("int: %d, want 7", got.N)
	}
}
