package reports_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/internal/pdfcheck"
	"github.com/reifegrad/reifegrad/reports/pdf"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// The page margins of the print stylesheet (@page in reifegrad.css), in
// points: the running footer lies in the bottom one.
const (
	marginTop    = 14.0 / 25.4 * 72
	marginBottom = 16.0 / 25.4 * 72
)

// printedPage is a page to print and what its PDF must meet.
type printedPage struct {
	name     string
	file     string
	maxPages int // 0: no limit
	// mark is the confidentiality mark at the head of every page, with
	// the page's title: a profile's.
	mark string
}

// TestPrint prints overviews and profiles of the example models to PDF
// through headless Chromium, as 'reifegrad run --pdf' does, and reads the
// PDFs back with poppler-utils. Bars (issue 16): the Saxony overview fits
// on 6 A4 pages and a profile on 2; no page but the last is more than
// 85 % empty; no page ends with a heading; every page carries the report
// date, the waves and the data cut-off; the PDF is tagged, with the page's
// title and language.
func TestPrint(t *testing.T) {
	exe := pdfcheck.Browser(t)
	date := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	cutoff := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	sm, sds := fixture.Example(t, "samm")
	om, ods := fixture.Example(t, "odm")
	dir := t.TempDir()
	var pages []printedPage
	site := func(name string, r *scoring.Results, o html.Options, maxOverview int, profiles ...*scoring.UnitResult) {
		o.Date, o.DataCutoff = date, cutoff
		d := filepath.Join(dir, name)
		pages = append(pages, printedPage{name + " overview", fixture.WriteFile(t, d, "overview.html", func(w io.Writer) error { return html.RenderOverview(w, r, o) }), maxOverview, ""})
		for _, u := range profiles {
			f := fixture.WriteFile(t, d, "profiles/"+html.ProfileFile(u.Unit.ID), func(w io.Writer) error { return html.RenderProfile(w, r, u, o, "../"+html.AssetsDir) })
			mark := "Vertraulich"
			if o.Language == scoring.English {
				mark = "Confidential"
			}
			pages = append(pages, printedPage{name + " profile " + string(u.Unit.ID), f, 2, mark})
		}
		for _, a := range html.AssetNames() {
			fixture.WriteFile(t, d, html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
		}
	}
	site("saxony", saxony, html.Options{}, 6, saxonyProfiles(saxony)...)
	site("saxony-en", saxony, html.Options{Language: scoring.English}, 6, saxonyProfiles(saxony)[:1]...)
	// As run writes them: with each unit's roadmap. The profiles whose
	// roadmaps have the median and the largest number of steps fit on two
	// pages.
	dis := scoring.NewDisclosure(saxony, 5)
	set, err := roadmap.Build(saxony, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	var planned []*roadmap.Plan
	for i := range set.Plans {
		if p := &set.Plans[i]; p.Status == roadmap.Planned {
			planned = append(planned, p)
		}
	}
	slices.SortStableFunc(planned, func(a, b *roadmap.Plan) int { return len(a.Steps) - len(b.Steps) })
	if len(planned) == 0 || len(planned[len(planned)/2].Steps) < 3 {
		t.Fatalf("the Saxony example has no roadmaps of 3 steps or more")
	}
	site("saxony-roadmap", saxony, html.Options{Roadmaps: set, Disclosure: dis}, 6, planned[len(planned)/2].Unit, planned[len(planned)-1].Unit)
	t.Logf("roadmaps printed: %d and %d steps", len(planned[len(planned)/2].Steps), len(planned[len(planned)-1].Steps))
	// All three waves of the bundled example with an analysis, as run
	// writes them: the levels by wave, three rows, fell across pages 3
	// and 4 (2 + 1).
	m3, ds3 := fixture.SaxonyWaves(t, "2024", "2026", "2028")
	three := scoring.Score(m3, ds3)
	dis3 := scoring.NewDisclosure(three, 5)
	ao := &analyse.Options{Draws: 80, Seed: 1, Inputs: []analyse.Input{
		{Kind: analyse.Weights, Node: three.Model.Root().ID, Spread: 0.2}, {Kind: analyse.LevelEdges, Spread: 5}}}
	rep, err := analyse.Analyse(context.Background(), three, three.Latest(), ao, dis3)
	if err != nil {
		t.Fatal(err)
	}
	site("saxony-2028", three, html.Options{Analysis: rep, Disclosure: dis3}, 6)
	samm := scoring.Score(sm, sds)
	site("samm", samm, html.Options{MinGroupSize: 1}, 0, html.ProfileUnits(samm)[0])
	odm := scoring.Score(om, ods)
	site("odm", odm, html.Options{MinGroupSize: 1, Language: scoring.English}, 0, html.ProfileUnits(odm)[0])

	p, err := pdf.Start(context.Background(), pdf.Options{Browser: exe})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	jobs := make([]pdf.Job, len(pages))
	for i, pg := range pages {
		jobs[i] = pdf.Job{Page: pg.file, Name: strings.TrimSuffix(pg.file, ".html") + ".pdf"}
	}
	create := func(name string) (io.WriteCloser, error) { return os.Create(name) }
	if err := p.PrintAll(context.Background(), jobs, create, 0, nil); err != nil {
		t.Fatal(err)
	}
	for i, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			checkPrinted(t, pg, jobs[i].Name)
			checkChartTables(t, pg.file, jobs[i].Name)
		})
	}
}

// chartTables are the tables of the overview's charts that do not carry
// every figure legibly on paper: the heatmap (a name that wraps needs two
// lines, a row on paper has 18 px: Saxony's "Sächsische Schweiz-
// Osterzgebirge" stood beside Nordsachsen's figures), the shares by size
// class and by wave (stacks too thin to label), the means by wave (a line)
// and the sensitivity indices (bars without numbers).
var chartTables = []string{"overview-heatmap-table", "overview-levels-by-size-table", "overview-trend-table",
	"overview-trend-levels-table", "overview-sensitivity-table"}

// checkChartTables checks that each row of those tables on the page is in
// its PDF as one line: the first word of the row's name, then its figures
// in order (pdftotext -layout, runs of spaces as one, "5 %" as "5%").
func checkChartTables(t *testing.T, page, pdfFile string) {
	f, err := os.Open(page)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := xhtml.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext joins a narrow space before "%" to the number ("5%").
	flat := func(s string) string {
		return strings.ReplaceAll(norm(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)), " %", "%")
	}
	var lines []string
	var pageOf []int // the page of each line: pdftotext ends a page with a form feed
	for _, l := range strings.Split(string(out), "\n") {
		page := 0
		if len(pageOf) > 0 {
			page = pageOf[len(pageOf)-1]
		}
		page += strings.Count(l, "\f")
		lines, pageOf = append(lines, flat(strings.ReplaceAll(l, "\f", ""))), append(pageOf, page)
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "table" && slices.Contains(chartTables, attr(n, "id")) {
			rows := tableRows(n)
			pages := map[int]bool{}
			for _, row := range rows {
				name, figures := strings.Fields(flat(row[0])), flat(strings.Join(row[1:], " "))
				if len(name) == 0 {
					continue
				}
				at := slices.IndexFunc(lines, func(l string) bool {
					_, after, ok := strings.Cut(l, name[0]+" ")
					return ok && strings.Contains(after, figures)
				})
				if at < 0 {
					t.Errorf("table %s: the row %q with %q is not on paper as one line", attr(n, "id"), row[0], figures)
					continue
				}
				pages[pageOf[at]] = true
			}
			// A table short enough for one page is printed on one: the
			// levels by wave stood 2 rows on one page and its last row,
			// under the repeated head but without its caption, on the next.
			if len(rows) <= 15 && len(pages) > 1 {
				t.Errorf("table %s of %d rows is printed across pages %v", attr(n, "id"), len(rows), slices.Sorted(maps.Keys(pages)))
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// tableRows returns the text of each cell of each row of a table's body.
func tableRows(table *xhtml.Node) [][]string {
	var rows [][]string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == xhtml.ElementNode && (c.Data == "th" || c.Data == "td") {
					cells = append(cells, norm(text(c)))
				}
			}
			rows = append(rows, cells)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	return rows
}

// saxonyProfiles picks profiles that stretch the layout: the first unit,
// one with a dimension not scored, and the one with the longest name.
func saxonyProfiles(r *scoring.Results) []*scoring.UnitResult {
	units := html.ProfileUnits(r)
	out := []*scoring.UnitResult{units[0]}
	for _, u := range units {
		if u.LowCoverage {
			out = append(out, u)
			break
		}
	}
	longest := units[0]
	for _, u := range units {
		if len(u.Unit.Name) > len(longest.Unit.Name) {
			longest = u
		}
	}
	return append(out, longest)
}

func checkPrinted(t *testing.T, pg printedPage, file string) {
	doc := pdfcheck.Read(t, file, marginBottom)
	title, lang, headings, stamp := pageFacts(t, pg.file)
	if doc.Title != title || !doc.Tagged || doc.Lang != lang {
		t.Errorf("title %q, tagged %v, language %q; want %q, tagged, %q", doc.Title, doc.Tagged, doc.Lang, title, lang)
	}
	if pg.maxPages > 0 && len(doc.Pages) > pg.maxPages {
		t.Errorf("%d pages, want at most %d", len(doc.Pages), pg.maxPages)
	}
	for i, p := range doc.Pages {
		var head, body, foot []pdfcheck.Line
		for _, l := range p.Lines {
			switch {
			case l.YMin > p.Height-marginBottom:
				foot = append(foot, l)
			case l.YMax < marginTop:
				head = append(head, l)
			default:
				body = append(body, l)
			}
		}
		// The running head: which page it is (the title) and, on a
		// profile, that it is confidential — on every page, as a sheet
		// may be separated from the first.
		header := ""
		for _, l := range head {
			header += l.Text + " "
		}
		if !strings.Contains(norm(header), norm(title)) || !strings.Contains(header, pg.mark) {
			t.Errorf("page %d: head %q, want %q and %q", i+1, header, title, pg.mark)
		}
		// The running footer: the stamp and the page number.
		footer := ""
		for _, l := range foot {
			footer += l.Text + " "
		}
		if !strings.Contains(norm(footer), norm(stamp)) || !strings.Contains(footer, fmt.Sprintf("%d / %d", i+1, len(doc.Pages))) {
			t.Errorf("page %d: footer %q, want %q and the page number", i+1, footer, stamp)
		}
		if len(body) == 0 {
			t.Errorf("page %d has no text", i+1)
			continue
		}
		if last := norm(body[len(body)-1].Text); slices.Contains(headings, last) {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
		// No two words drawn into each other: the level chart's names
		// under its columns ran together on paper ("Grundlagen" across
		// "FortgeschrittenEtabliert"). A word drawn twice in one place is
		// a label with its halo (the map's names).
		for a, w := range p.Words {
			for _, v := range p.Words[a+1:] {
				if w.Covers(v, 1) && w.Text != v.Text {
					t.Errorf("page %d: %q and %q are drawn into each other", i+1, w.Text, v.Text)
				}
			}
		}
		top, bottom := marginTop/p.Height, 1-marginBottom/p.Height
		if empty := (bottom - p.InkBottom) / (bottom - top); i < len(doc.Pages)-1 && empty > 0.85 {
			t.Errorf("page %d is %.0f %% empty: %s", i+1, 100*empty, p)
		}
	}
	t.Logf("%d pages", len(doc.Pages))
}

var space = regexp.MustCompile(`\s+`)

func norm(s string) string { return strings.TrimSpace(space.ReplaceAllString(s, " ")) }

// pageFacts reads from the HTML page what its PDF must show: its title,
// language, headings (h1–h4, chart and table captions) and the stamp line
// under its title.
func pageFacts(t *testing.T, file string) (title, lang string, headings []string, stamp string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := xhtml.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "title":
				title = norm(text(n))
			case "h1", "h2", "h3", "h4", "figcaption", "caption", "summary":
				headings = append(headings, norm(text(n)))
			case "p":
				if attr(n, "class") == "stamp" {
					stamp = norm(text(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if stamp == "" {
		t.Fatal("the page has no stamp line")
	}
	return title, lang, headings, stamp
}

func attr(n *xhtml.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *xhtml.Node) string {
	if n.Type == xhtml.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}
