// Package catalogtest checks translation catalogues: the structs and maps
// that hold the fixed texts of reifegrad in each language (the HTML
// pages, the workbook, the methodology, the describer and the command
// reifegrad model). Every package with a catalogue calls Check from a test, so
// one rule holds for all: no language lacks an entry, and every text
// takes the same format verbs, in the same order, in every language.
// Only tests import it.
package catalogtest

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"
)

// verbs finds fmt verbs, "%%" included. The space flag is left out: "63 %
// der Gemeinden" is a percent sign in prose, not a verb.
var verbs = regexp.MustCompile(`%[-+#0-9.*\[\]]*[a-zA-Z%]`)

// Check compares the catalogue of every language in byLang with that of
// ref (one of its keys), and reports on tb: an empty text in any
// language, a map whose keys differ, a list of another length, and a text
// whose format verbs differ from its counterpart's. A catalogue is a
// struct (or a pointer to one) whose fields are texts, lists and maps of
// texts, or nested structs; fields of other kinds (a language code) are
// not compared. Unexported fields are read too.
func Check(tb testing.TB, ref string, byLang map[string]any) {
	tb.Helper()
	base, ok := byLang[ref]
	if !ok {
		tb.Fatalf("no catalogue for %q", ref)
	}
	if len(byLang) < 2 {
		tb.Fatalf("only %d catalogue: nothing to compare", len(byLang))
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		if l == ref {
			continue
		}
		c := checker{tb: tb, ref: ref, lang: l}
		c.compare("", reflect.ValueOf(base), reflect.ValueOf(byLang[l]))
	}
}

type checker struct {
	tb        testing.TB
	ref, lang string
}

func (c *checker) errorf(path, format string, args ...any) {
	c.tb.Helper()
	c.tb.Errorf("%s (%s vs %s): %s", path, c.ref, c.lang, fmt.Sprintf(format, args...))
}

func (c *checker) compare(path string, a, b reflect.Value) {
	c.tb.Helper()
	a, b = deref(a), deref(b)
	if !a.IsValid() || !b.IsValid() || a.Kind() != b.Kind() {
		c.errorf(path, "missing")
		return
	}
	switch a.Kind() {
	case reflect.String:
		x, y := a.String(), b.String()
		if x == "" || y == "" {
			c.errorf(path, "empty text (%q, %q)", x, y)
		}
		if vx, vy := verbs.FindAllString(x, -1), verbs.FindAllString(y, -1); !slices.Equal(vx, vy) {
			c.errorf(path, "format verbs %v and %v", vx, vy)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			c.compare(join(path, a.Type().Field(i).Name), a.Field(i), b.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() || a.Len() == 0 {
			c.errorf(path, "%d and %d entries", a.Len(), b.Len())
			return
		}
		for i := range a.Len() {
			c.compare(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
		}
	case reflect.Map:
		if a.Len() == 0 {
			c.errorf(path, "no entries")
		}
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); v.IsValid() {
				c.compare(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), v)
			} else {
				c.errorf(path, "no entry %v in %s", k, c.lang)
			}
		}
		for _, k := range b.MapKeys() {
			if !a.MapIndex(k).IsValid() {
				c.errorf(path, "no entry %v in %s", k, c.ref)
			}
		}
	}
}

// deref follows pointers and interfaces; a nil one gives the zero Value.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
