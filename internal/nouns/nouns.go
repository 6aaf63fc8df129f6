// Package nouns rewrites a report's (or serve's) catalog of fixed texts,
// written for municipalities, to speak of a model's own units
// (scoring.Results.UnitNouns):
// the catalogs keep one wording, and this one place swaps the noun, so a
// new text cannot forget to.
package nouns

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// Methodology is r.Methodology in language l (naming only the peer
// groups r's units are in), speaking of r's units as the outputs do
// (r.UnitNouns): a page and the workbook print the same paragraphs.
func Methodology(r *scoring.Results, l scoring.Language) []string {
	return speak(r, r.Methodology(l), l)
}

// ModelMethodology is scoring.Methodology of m alone, as "reifegrad model"
// prints it: every peer group m declares, in the words m names its units.
func ModelMethodology(m *scoring.Model, l scoring.Language) []string {
	return speak(scoring.UnitsOf(m, nil), scoring.Methodology(m, l), l)
}

func speak(r *scoring.Results, ps []string, l scoring.Language) []string {
	one, many := r.UnitNouns(l)
	if rp := Replacer(l, one, many); rp != nil {
		for i, p := range ps {
			ps[i] = rp.Replace(p)
		}
	}
	return ps
}

// Replacer swaps the catalogs' municipal noun in language l for one and
// many (singular, plural); nil where one is "" (the catalogs' own words
// stand). German: Kommunen, Kommune; English: municipalities,
// municipality, capitalised at the start of a sentence or label.
func Replacer(l scoring.Language, one, many string) *strings.Replacer {
	if one == "" {
		return nil
	}
	if l == scoring.English {
		// Longer words first: strings.Replacer tries its pairs in order.
		// The article goes with the noun: "a municipality answered twice"
		// read "a organisation answered twice". (No catalog text has a word
		// ending in "a" before "municipality".)
		a := article(one)
		return strings.NewReplacer("a municipality", a+" "+one, "A municipality", capital(a)+" "+one,
			"Municipalities", capital(many), "municipalities", many,
			"Municipality", capital(one), "municipality", one)
	}
	return strings.NewReplacer("Kommunen", many, "Kommune", one)
}

// article is the English indefinite article before noun: "an" before a
// vowel a, e, i, o ("an organisation"), else "a" ("a country", "a unit":
// a u is mostly spoken as "you").
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeioAEIO", rune(noun[0])) {
		return "an"
	}
	return "a"
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Rewrite is a copy of *c with rp applied to every string field, every
// string of a []string or [N]string field and every value of a
// map[K]string field — of exported fields only: reflect may not set the
// others, so a catalog with unexported fields keeps its words. c itself is
// not changed (catalogs are shared by concurrent renderers). c where rp
// or c is nil.
func Rewrite[T any](c *T, rp *strings.Replacer) *T {
	if rp == nil || c == nil {
		return c
	}
	out := *c
	rewrite(reflect.ValueOf(&out).Elem(), rp)
	return &out
}

func rewrite(v reflect.Value, rp *strings.Replacer) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			f.SetString(rp.Replace(f.String()))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			s := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			for j := 0; j < f.Len(); j++ {
				s.Index(j).SetString(rp.Replace(f.Index(j).String()))
			}
			f.Set(s)
		case f.Kind() == reflect.Array && f.Type().Elem().Kind() == reflect.String:
			// A table's column heads, a noun's singular and plural: out is
			// a copy, and so are its arrays, so they change in place.
			for j := 0; j < f.Len(); j++ {
				f.Index(j).SetString(rp.Replace(f.Index(j).String()))
			}
		case f.Kind() == reflect.Map && f.Type().Elem().Kind() == reflect.String && !f.IsNil():
			m := reflect.MakeMapWithSize(f.Type(), f.Len())
			for it := f.MapRange(); it.Next(); {
				m.SetMapIndex(it.Key(), reflect.ValueOf(rp.Replace(it.Value().String())).Convert(f.Type().Elem()))
			}
			f.Set(m)
		case f.Kind() == reflect.Struct:
			rewrite(f, rp)
		}
	}
}
