package html_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestPrintedHeadAndFoot reads the @page rule of each kind of page — what
// every printed page says at its head and foot — back to its texts. A
// printed profile's second page did not say whose profile it was, nor any
// page that it holds one municipality's own answers; and html/template,
// which takes a quoted CSS string for a URL, would have printed a head
// such as "Digitalprofil: Chemnitz, Stadt" (a scheme "Digitalprofil:") as
// "#ZgotmplZ". Names with quotes and "</script>" stay text.
func TestPrintedHeadAndFoot(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	date := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	unit := func(id string) *scoring.UnitResult {
		for _, u := range html.ProfileUnits(r) {
			if string(u.Unit.ID) == id {
				return u
			}
		}
		t.Fatalf("no unit %s", id)
		return nil
	}
	tests := []struct {
		name    string
		unit    *scoring.UnitResult // nil: the overview
		lang    scoring.Language
		want    []string // the texts of the rule's boxes, in order
		wantBox []string
	}{
		{"overview", nil, scoring.German, []string{r.Model.Name + " – Übersicht", "Stand 05.12.2026 · Wellen 2024, 2026"}, []string{"top-left", "bottom-left"}},
		{"profile", unit("14001004"), scoring.German,
			[]string{"Digitalprofil: " + fixture.PayloadQuote + " · 14001004", "Vertraulich", "Stand 05.12.2026 · Wellen 2024, 2026"}, []string{"top-left", "top-right", "bottom-left"}},
		{"profile, a name that closes the script", unit("14001001"), scoring.German,
			[]string{"Digitalprofil: " + fixture.PayloadScript + " · 14001001", "Vertraulich", "Stand 05.12.2026 · Wellen 2024, 2026"}, []string{"top-left", "top-right", "bottom-left"}},
		{"profile, English", unit("14001004"), scoring.English,
			[]string{"Digital profile: " + fixture.PayloadQuote + " · 14001004", "Confidential", "Made 2026-12-05 · Waves 2024, 2026"}, []string{"top-left", "top-right", "bottom-left"}},
	}
	rule := regexp.MustCompile(`<style media="print">(.*)</style>`)
	box := regexp.MustCompile(`@([a-z-]+) \{ content: "((?:[^"\\]|\\[0-9a-f]+ )*)"; \}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			o := html.Options{Date: date, Language: tt.lang}
			var err error
			if tt.unit == nil {
				err = html.RenderOverview(&b, r, o)
			} else {
				err = html.RenderProfile(&b, r, tt.unit, o, "../assets")
			}
			if err != nil {
				t.Fatal(err)
			}
			m := rule.FindStringSubmatch(b.String())
			if m == nil {
				t.Fatal("no print rule in the page")
			}
			var got, boxes []string
			for _, bm := range box.FindAllStringSubmatch(m[1], -1) {
				boxes = append(boxes, bm[1])
				got = append(got, unescapeCSS(t, bm[2]))
			}
			if strings.Join(boxes, "|") != strings.Join(tt.wantBox, "|") || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("rule %s\ngot boxes %q with %q\nwant %q with %q", m[1], boxes, got, tt.wantBox, tt.want)
			}
		})
	}
}

// unescapeCSS reads the hex escapes ("\22 ") of a CSS string's text.
func unescapeCSS(t *testing.T, s string) string {
	t.Helper()
	return regexp.MustCompile(`\\([0-9a-f]+) `).ReplaceAllStringFunc(s, func(e string) string {
		n, err := strconv.ParseUint(strings.TrimSpace(e[1:]), 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		return string(rune(n))
	})
}
