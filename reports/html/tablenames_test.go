package html_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestEveryTableHasAName: a screen reader announces a table by its name —
// its caption, aria-label, or the text of the elements aria-labelledby
// names; a table without one is "table, 12 rows" among several. Every
// table of the overview and of a profile has a name that is not empty, in
// German and English, with the analysis (the validation table) and the
// data-quality tables the Saxony example fills (rejected rows, answers
// outside their scale, low coverage). And, as the accessibility
// statement says, column and row headers (headerProblems): a reader moving
// to a cell of the validation table heard "Cronbachs α, 0,91" without the
// dimension it belongs to.
func TestEveryTableHasAName(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	rep := mustAnalysis(t, r, 5)
	for _, o := range []html.Options{
		{Analysis: rep},
		{Analysis: rep, Language: scoring.English, ListUnits: true},
	} {
		var pages []struct {
			name string
			b    bytes.Buffer
		}
		add := func(name string, render func(*bytes.Buffer) error) {
			pages = append(pages, struct {
				name string
				b    bytes.Buffer
			}{name: name})
			if err := render(&pages[len(pages)-1].b); err != nil {
				t.Fatal(err)
			}
		}
		add("overview", func(b *bytes.Buffer) error { return html.RenderOverview(b, r, o) })
		u := html.ProfileUnits(r)[0]
		add("profile "+string(u.Unit.ID), func(b *bytes.Buffer) error { return html.RenderProfile(b, r, u, o, "assets") })
		for i := range pages {
			p := &pages[i]
			doc, err := xhtml.Parse(&p.b)
			if err != nil {
				t.Fatal(err)
			}
			tables, names := 0, map[string]string{}
			for n := range doc.Descendants() {
				if n.Type == xhtml.ElementNode && attr(n, "id") != "" {
					names[attr(n, "id")] = text(n)
				}
			}
			for n := range doc.Descendants() {
				if n.Type != xhtml.ElementNode || n.Data != "table" {
					continue
				}
				tables++
				if name := tableName(n, names); name == "" {
					t.Errorf("%s (%s): table %q (class %q) has no name", p.name, o.Language, attr(n, "id"), attr(n, "class"))
				}
				for _, e := range headerProblems(n) {
					t.Errorf("%s (%s): table %q: %s", p.name, o.Language, tableName(n, names), e)
				}
			}
			if tables == 0 {
				t.Errorf("%s (%s): no table: the test no longer sees the page's tables", p.name, o.Language)
			}
			if p.name == "overview" {
				for _, id := range []string{"validation-title", "quality-rejects", "quality-answers", "quality-lowcov", "units-title"} {
					if _, ok := names[id]; !ok && (id != "units-title" || o.ListUnits) {
						t.Errorf("overview (%s): no %s: the test no longer sees that table", o.Language, id)
					}
				}
			}
		}
	}
}

// headerProblems lists what table n lacks of its headers: every cell of its
// head a column header (th scope="col"), every row of its body a row
// header (th scope="row") — the cell that names the row, so that a screen
// reader says which row a figure is in.
func headerProblems(n *xhtml.Node) []string {
	var out []string
	for d := range n.Descendants() {
		if d.Type != xhtml.ElementNode || d.Parent == nil {
			continue
		}
		switch {
		case d.Data == "th" && d.Parent.Parent != nil && d.Parent.Parent.Data == "thead" && attr(d, "scope") != "col":
			out = append(out, fmt.Sprintf("head cell %q is no column header (scope=\"col\")", strings.TrimSpace(text(d))))
		case d.Data == "tr" && d.Parent.Data == "tbody":
			header := false
			for c := range d.ChildNodes() {
				header = header || c.Type == xhtml.ElementNode && c.Data == "th" && attr(c, "scope") == "row"
			}
			if !header {
				out = append(out, fmt.Sprintf("row %q has no row header (th scope=\"row\")", strings.Join(strings.Fields(text(d)), " ")))
			}
		}
		if len(out) >= 3 {
			return out // enough to see what is wrong
		}
	}
	return out
}

// tableName is the accessible name of table n as a browser computes it
// for the three ways our pages name a table.
func tableName(n *xhtml.Node, byID map[string]string) string {
	if ids := attr(n, "aria-labelledby"); ids != "" {
		var parts []string
		for _, id := range strings.Fields(ids) {
			parts = append(parts, byID[id])
		}
		return strings.TrimSpace(strings.Join(parts, " "))
	}
	if l := strings.TrimSpace(attr(n, "aria-label")); l != "" {
		return l
	}
	for c := range n.ChildNodes() {
		if c.Type == xhtml.ElementNode && c.Data == "caption" {
			return strings.TrimSpace(text(c))
		}
	}
	return ""
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == xhtml.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
