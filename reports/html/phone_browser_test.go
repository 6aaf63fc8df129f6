package html_test

import (
	"context"
	"io"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// phoneProbe lists, for the page as it is drawn, what a phone's reader
// could not read without scrolling sideways:
//   - a text a chart draws (axis names and labels, data labels, legends)
//     that reaches outside the chart's box, so the screen or the box
//     cuts it off, or that ECharts shortened ("…") while the chart's
//     table (data-table) has no cell of the whole text;
//   - two texts of a chart that cover each other;
//   - a cell of a table, those under charts opened, that lies right of
//     the screen or is too narrow for its text (the first of each
//     table).
//
// Texts are ECharts' drawn elements (zrender's display list, as
// WaitForCharts reads it), each its glyphs' box turned and moved as
// drawn; two texts cover each other when these boxes, 1 px smaller each
// way, overlap.
const phoneProbe = `(() => {
	const out = [];
	// corners of a text's glyph box on the chart, inset by d px.
	const corners = (el, d) => {
		const r = el.getBoundingRect(), m = el.transform || [1, 0, 0, 1, 0, 0];
		return [[r.x + d, r.y + d], [r.x + r.width - d, r.y + d], [r.x + r.width - d, r.y + r.height - d], [r.x + d, r.y + r.height - d]]
			.map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
	};
	// Two convex quadrangles overlap unless an edge's normal separates
	// them.
	const overlap = (p, q) => [p, q].every(poly => poly.every((a, i) => {
		const b = poly[(i + 1) % 4], nx = a[1] - b[1], ny = b[0] - a[0];
		const proj = pts => pts.map(([x, y]) => x * nx + y * ny);
		const pp = proj(p), qq = proj(q);
		return Math.max(...pp) > Math.min(...qq) && Math.max(...qq) > Math.min(...pp);
	}));
	for (const el of document.querySelectorAll("[data-chart]")) {
		const c = echarts.getInstanceByDom(el);
		const zr = c.getZr(), w = zr.getWidth(), h = zr.getHeight();
		const texts = zr.storage.getDisplayList().filter(d => d.type === "tspan" && !d.ignore && !d.invisible &&
			d.style && d.style.text && String(d.style.text).trim() !== "" && d.style.opacity !== 0);
		const table = document.getElementById(el.dataset.table || "");
		const cells = table ? Array.from(table.querySelectorAll("th, td")).map(c => c.textContent.trim()) : [];
		const boxes = texts.map(d => ({text: String(d.style.text), outer: corners(d, 0), inner: corners(d, 1)}));
		for (const b of boxes) {
			const xs = b.outer.map(p => p[0]), ys = b.outer.map(p => p[1]);
			const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
			if (x0 < -1 || y0 < -1 || x1 > w + 1 || y1 > h + 1) {
				out.push(el.id + ": " + JSON.stringify(b.text) + " leaves the chart (x " + Math.round(x0) + ".." + Math.round(x1) + " of 0.." + w +
					", y " + Math.round(y0) + ".." + Math.round(y1) + " of 0.." + h + ")");
			}
			const cut = b.text.match(/^(.*?)(…|\.\.\.)$/);
			if (cut && !cells.some(t => t.startsWith(cut[1]) && t !== b.text)) {
				out.push(el.id + ": " + JSON.stringify(b.text) + " is cut short, and its table has no cell of the whole text");
			}
		}
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				if (overlap(boxes[i].inner, boxes[j].inner)) out.push(el.id + ": " + JSON.stringify(boxes[i].text) + " covers " + JSON.stringify(boxes[j].text));
			}
		}
	}
	// Every table, the charts' own ones opened.
	for (const d of document.querySelectorAll("details")) d.open = true;
	const screen = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth > screen) out.push("the page is " + document.documentElement.scrollWidth + " px wide");
	const wide = new Map();
	for (const cell of document.querySelectorAll("td, th")) {
		const head = cell.closest("thead");
		if (head && head.getBoundingClientRect().width <= 1) continue; // hidden: for screen readers only
		const r = cell.getBoundingClientRect(), tb = cell.closest("table");
		if (r.width > 0 && (r.right > screen + 1 || cell.scrollWidth > cell.clientWidth + 1) && !wide.has(tb)) wide.set(tb, cell);
	}
	for (const [tb, cell] of wide) {
		out.push("table " + (tb.id || (tb.caption ? tb.caption.textContent : "")) + ": cell " + JSON.stringify(cell.textContent) + " ends at " +
			Math.round(cell.getBoundingClientRect().right) + " px, its text needs " + cell.scrollWidth + " px of " + cell.clientWidth);
	}
	return out;
})()`

// TestPhone opens the Saxony example's overview and the profile of a
// municipality with a roadmap, in German and English, on a 360 px phone
// screen and on a 400 px one, and checks that every label of every chart
// is drawn whole inside its chart without covering another, and that the
// stacked tables' cells are on the screen (phoneProbe).
func TestPhone(t *testing.T) {
	exe := browsertest.Chromium(t)
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Phases: 3, Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	var u *scoring.UnitResult
	for _, p := range html.ProfileUnits(r) {
		if p.Unit.ID == "14521200" { // Gelenau/Erzgeb., the README's profile
			u = p
		}
	}
	if u == nil {
		t.Fatal("no Gelenau in the Saxony example")
	}
	dir := t.TempDir()
	write := func(name string, fn func(io.Writer) error) string { return fixture.WriteFile(t, dir, name, fn) }
	b := startBrowser(t, exe)
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		for _, a := range html.AssetNames() {
			write(lang.String()+"/"+html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
		}
		o := html.Options{Language: lang, Roadmaps: set, Disclosure: dis, Analysis: mustAnalysis(t, r, 5)}
		pages := []string{
			write(lang.String()+"/overview.html", func(w io.Writer) error { return html.RenderOverview(w, r, o) }),
			write(lang.String()+"/profiles/"+html.ProfileFile(u.Unit.ID), func(w io.Writer) error {
				return html.RenderProfile(w, r, u, o, "../"+html.AssetsDir)
			}),
		}
		for _, page := range pages {
			for _, width := range []int{360, 400} {
				name, _ := filepath.Rel(dir, page)
				t.Run(name+"/"+strconv.Itoa(width), func(t *testing.T) {
					for _, p := range b.phoneProblems(t, page, width) {
						t.Error(p)
					}
				})
			}
		}
	}
}

// phoneProblems opens the page on a phone's screen width px wide and
// returns what phoneProbe finds.
func (b *browser) phoneProblems(t *testing.T, file string, width int) []string {
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	defer cancelTimeout()
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(int64(width), 800, 1, true), chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitForCharts(t, ctx)
	var problems []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(phoneProbe, &problems)); err != nil {
		t.Fatal(err)
	}
	return problems
}
