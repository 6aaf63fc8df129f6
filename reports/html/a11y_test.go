package html_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// writePages renders the assets, the overview and the profiles of the
// given units into dir, and returns the profiles' paths.
func writePages(t *testing.T, dir string, r *scoring.Results, o html.Options, n int) []string {
	t.Helper()
	write := func(name string, fn func(io.Writer) error) string { return fixture.WriteFile(t, dir, name, fn) }
	for _, a := range html.AssetNames() {
		write(html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
	}
	write("overview.html", func(w io.Writer) error { return html.RenderOverview(w, r, o) })
	var profiles []string
	for _, u := range html.ProfileUnits(r)[:n] {
		profiles = append(profiles, write("profiles/"+html.ProfileFile(u.Unit.ID), func(w io.Writer) error {
			return html.RenderProfile(w, r, u, o, "../"+html.AssetsDir)
		}))
	}
	return profiles
}

// axeRules are the rule tags of WCAG 2.0 and 2.1, levels A and AA, as
// axe-core names them.
const axeRules = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

// TestAccessibility opens every kind of page — the overview and profiles
// of each bundled example model, in German and English — and checks what
// WCAG 2.1 AA asks of it, as far as a machine can tell:
//   - axe-core 4.10 (testdata/axe) finds no violation of the WCAG 2.0 and
//     2.1 rules of levels A and AA;
//   - at a phone's 400 px nothing is wider than the screen;
//   - every chart names a table with its figures (data-table), and it
//     exists and has rows;
//   - the first thing a keyboard reaches is a link that skips to the
//     content, and nothing sets its own tab order;
//   - no paragraph says the same twice.
func TestAccessibility(t *testing.T) {
	exe := browsertest.Chromium(t)
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	sm, sds := fixture.Example(t, "samm")
	samm := scoring.Score(sm, sds)
	om, ods := fixture.Example(t, "odm")
	odm := scoring.Score(om, ods)
	date := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	sites := []struct {
		name string
		r    *scoring.Results
		o    html.Options
	}{
		{"saxony-de", saxony, html.Options{}},
		{"saxony-en-listed", saxony, html.Options{Language: scoring.English, ListUnits: true}},
		{"samm-de", samm, html.Options{MinGroupSize: 1}},
		{"samm-en", samm, html.Options{MinGroupSize: 1, Language: scoring.English}},
		{"odm-de", odm, html.Options{MinGroupSize: 1, ListUnits: true}},
		{"odm-en", odm, html.Options{MinGroupSize: 1, Language: scoring.English}},
	}
	dir := t.TempDir()
	b := startBrowser(t, exe)
	for _, s := range sites {
		s.o.Date, s.o.DataCutoff = date, date.AddDate(0, -2, 0)
		site := filepath.Join(dir, s.name)
		profiles := writePages(t, site, s.r, s.o, 1)
		for _, page := range append([]string{filepath.Join(site, "overview.html")}, profiles...) {
			name := s.name + "/" + strings.TrimPrefix(page, site+string(filepath.Separator))
			t.Run(name, func(t *testing.T) { b.checkAccessible(t, page, string(axe)) })
		}
	}
}

func (b *browser) checkAccessible(t *testing.T, file, axe string) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 180*time.Second)
	defer cancelTimeout()
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(1200, 900, 1, false), chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitForCharts(t, ctx)

	// axe-core, injected into the page.
	var violations []struct {
		ID, Help string
		Nodes    []struct{ Target []any }
	}
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axe, nil),
		// The drawing inside a chart is an image (role img, named by the
		// chart's title): axe checks the box, not the thousands of shapes
		// in it, which would only make it slow.
		chromedp.Evaluate(`axe.run({exclude: [["[data-chart] > div"]]}, {runOnly: {type: "tag", values: `+axeRules+`}}).then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({target: n.target}))})))`,
			&violations, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes[:min(3, len(v.Nodes))] {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("axe %s: %s (%d elements, e.g. %s)", v.ID, v.Help, len(v.Nodes), strings.Join(where, "; "))
	}

	// Every chart has its table.
	var missing []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("[data-chart]")).filter(el => {
			const tb = document.getElementById(el.dataset.table || "");
			return !tb || tb.tagName !== "TABLE" || tb.tBodies.length === 0 || tb.tBodies[0].rows.length === 0;
		}).map(el => el.id + " → " + (el.dataset.table || "no data-table"))`, &missing)); err != nil {
		t.Fatal(err)
	}
	for _, c := range missing {
		t.Errorf("chart without a data table: %s", c)
	}

	// The keyboard: a skip link first, no tab order of our own.
	var keys struct {
		First, Target string
		Positive      int
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const f = document.querySelector("a[href], button, summary, [tabindex]:not([tabindex='-1'])");
			const id = f && f.getAttribute("href") ? f.getAttribute("href").slice(1) : "";
			return {first: f ? f.className + " " + f.getAttribute("href") : "", target: id && document.getElementById(id) ? document.getElementById(id).tagName : "",
				positive: Array.from(document.querySelectorAll("[tabindex]")).filter(e => e.tabIndex > 0).length};
		})()`, &keys)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(keys.First, "skip ") || keys.Target != "MAIN" {
		t.Errorf("the first focusable element is %q (to %q), want the skip link to main", keys.First, keys.Target)
	}
	if keys.Positive > 0 {
		t.Errorf("%d elements set a positive tabindex", keys.Positive)
	}

	// No paragraph twice.
	var repeated []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const seen = new Map();
			for (const p of document.querySelectorAll("p, li, dd")) {
				const s = p.innerText.trim().replace(/\s+/g, " ");
				if (s.length >= 20) seen.set(s, (seen.get(s) || 0) + 1);
			}
			return Array.from(seen).filter(([s, n]) => n > 1).map(([s, n]) => n + "× " + s.slice(0, 80));
		})()`, &repeated)); err != nil {
		t.Fatal(err)
	}
	for _, r := range repeated {
		t.Errorf("repeated paragraph: %s", r)
	}

	// A phone: nothing overflows the screen.
	var widths struct{ Doc, View int }
	var wide []string
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(400, 800, 1, true),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`({doc: document.documentElement.scrollWidth, view: window.innerWidth})`, &widths),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("body *")).filter(e => {
				if (e.closest(".table-wrap")) return false; // scrolls in its own box
				const r = e.getBoundingClientRect();
				return r.width > 0 && r.right > window.innerWidth + 1;
			}).slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`, &wide)); err != nil {
		t.Fatal(err)
	}
	if widths.Doc > widths.View {
		t.Errorf("at 400 px the page is %d px wide: %v", widths.Doc, wide)
	}
}

// TestWithoutAssets opens a profile whose assets folder is missing (as when
// the file alone is e-mailed): it says so in words, and its tables are
// there.
func TestWithoutAssets(t *testing.T) {
	exe := browsertest.Chromium(t)
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	dir := t.TempDir()
	profiles := writePages(t, dir, r, html.Options{}, 1)
	if err := os.RemoveAll(filepath.Join(dir, html.AssetsDir)); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, exe)
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	var text string
	var tables int
	err := chromedp.Run(ctx, chromedp.Navigate("file://"+profiles[0]),
		chromedp.Evaluate(`document.body.innerText`, &text),
		chromedp.Evaluate(`document.querySelectorAll("table tbody tr").length`, &tables))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Die Diagramme dieses Berichts fehlen") {
		t.Errorf("the page does not say that its charts are missing:\n%.300s", text)
	}
	if tables == 0 {
		t.Error("no table rows")
	}
}
