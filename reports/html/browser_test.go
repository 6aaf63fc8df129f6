package html_test

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

var screenshots = flag.String("screenshots", "", "folder for the browser test's PNG screenshots (default: a folder in the system's temp dir, logged)")

// writeSite renders every page of r into dir, as 'reifegrad run' does.
func writeSite(t *testing.T, dir string, r *scoring.Results, o html.Options) {
	t.Helper()
	create := func(name string) (io.WriteCloser, error) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		return os.Create(p)
	}
	if err := html.RenderAll(context.Background(), r, o, create); err != nil {
		t.Fatal(err)
	}
}

// pageCheck is a page to open and what its tooltips must show.
type pageCheck struct {
	name string
	file string
	// tooltips lists texts that must appear literally in the chart
	// tooltips (shown with dispatchAction showTip).
	tooltips []string
	// text lists texts that must appear literally in the page.
	text []string
	// shot names the screenshot to save, if any; it ends where the
	// element shotUntil starts (or at the bottom of the page).
	shot, shotUntil string
}

// TestBrowser opens the reports in headless Chromium over file:// and
// checks that every chart exists and finished rendering, and that no
// console error, exception or dialog occurs, while every chart's tooltips
// are shown. The fixture's names, dimension label, district and answers
// are script payloads: they must show as text. It saves screenshots of
// the Saxony example's overview and one profile for the README.
func TestBrowser(t *testing.T) {
	exe := browsertest.Chromium(t)
	dir := t.TempDir()
	fix := fixture.Fixture(t, fixture.Model(t))
	writeSite(t, filepath.Join(dir, "fixture"), fix, html.Options{ListUnits: true, Analysis: mustAnalysis(t, fix, 2)})
	writeSite(t, filepath.Join(dir, "inline"), fix, html.Options{InlineAssets: true, Language: scoring.English})
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	writeSite(t, filepath.Join(dir, "saxony"), saxony, html.Options{Analysis: mustAnalysis(t, saxony, 5)})

	shotDir := *screenshots
	if shotDir == "" {
		shotDir = filepath.Join(os.TempDir(), "reifegrad-screenshots")
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}

	payloadNames := []string{fixture.PayloadScript, fixture.PayloadImg, fixture.PayloadFunc, fixture.PayloadQuote}
	pages := []pageCheck{
		{name: "fixture overview", file: "fixture/overview.html",
			tooltips: append([]string{fixture.PayloadDimLabel, fixture.PayloadDistrict}, payloadNames...),
			text:     append([]string{fixture.PayloadInvalid, fixture.PayloadRejected, fixture.PayloadDimLabel}, payloadNames...)},
		{name: "fixture profile", file: "fixture/profiles/14001001.html",
			tooltips: []string{fixture.PayloadScript, fixture.PayloadDimLabel},
			text:     []string{fixture.PayloadScript, fixture.PayloadAnswer, fixture.PayloadDimLabel}},
		{name: "fixture profile no level", file: "fixture/profiles/14002005.html", tooltips: []string{fixture.PayloadDimLabel}},
		{name: "fixture profile small peer group", file: "fixture/profiles/14003002.html"},
		{name: "inline overview", file: "inline/overview.html", tooltips: []string{fixture.PayloadDimLabel, fixture.PayloadDistrict},
			text: []string{fixture.PayloadInvalid}},
		{name: "inline profile", file: "inline/profiles/14001002.html", tooltips: []string{fixture.PayloadImg}, text: []string{fixture.PayloadImg}},
		{name: "saxony overview", file: "saxony/overview.html", shot: "overview.png", shotUntil: "#quality"},
		{name: "saxony profile", file: "saxony/profiles/14521200.html", shot: "profile.png"},
	}

	b := startBrowser(t, exe)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			b.check(t, "file://"+filepath.Join(dir, p.file), p, shotDir)
		})
	}
	t.Logf("screenshots in %s", shotDir)
}

type browser struct {
	ctx context.Context
}

func startBrowser(t *testing.T, exe string) *browser {
	t.Helper()
	return &browser{ctx: browsertest.Start(t, exe, 1200, 900)}
}

// saxonyInBrowser writes the Saxony fixture's overview and n profiles
// with o to a folder (writePages) and starts the browser that looks at
// them: the start of every test of how the pages behave in one.
func saxonyInBrowser(t *testing.T, o html.Options, n int) (b *browser, dir string, profiles []string) {
	t.Helper()
	exe := browsertest.Chromium(t)
	m, ds := fixture.Saxony(t)
	dir = t.TempDir()
	profiles = writePages(t, dir, scoring.Score(m, ds), o, n)
	return startBrowser(t, exe), dir, profiles
}

func (b *browser) check(t *testing.T, url string, pc pageCheck, shotDir string) {
	ctx, cancel := chromedp.NewContext(b.ctx) // a new tab
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	probs := browsertest.Watch(ctx)
	// Report what the page did wrong even when a check below stops the
	// test; let late events (a dialog from a handler) arrive first.
	defer func() {
		time.Sleep(200 * time.Millisecond)
		for _, p := range probs.All() {
			t.Error(p)
		}
	}()
	if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	n := browsertest.WaitForCharts(t, ctx)
	if pc.shot != "" {
		shot, err := browsertest.Screenshot(ctx, 1200, pc.shotUntil)
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join(shotDir, pc.shot), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tips := showTooltips(t, ctx)
	for _, want := range pc.tooltips {
		if !strings.Contains(tips.Text, want) {
			t.Errorf("no tooltip shows %q literally", want)
		}
	}
	var text string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.body.innerText`, &text)); err != nil {
		t.Fatal(err)
	}
	for _, want := range pc.text {
		if !strings.Contains(text, want) {
			t.Errorf("page does not show %q literally", want)
		}
	}
	// Elements no template writes: a payload that became markup would
	// add one, in the page or in a tooltip. The charts' own drawing is an
	// svg in the first child of their box (ECharts' SVG renderer, which
	// sets text as text); a tooltip is another child.
	var injected []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(
		`Array.from(document.querySelectorAll("img, svg, b, i, iframe, object, embed, script:not([src]):not([type])"))
			.filter(e => !(e.tagName === "SCRIPT" && e.textContent.length > 1000))
			.filter(e => !(e.tagName.toLowerCase() === "svg" && e.parentElement && e.parentElement.parentElement &&
				e.parentElement.parentElement.hasAttribute("data-chart") && e.parentElement === e.parentElement.parentElement.firstElementChild))
			.map(e => e.outerHTML.slice(0, 80))`, &injected)); err != nil {
		t.Fatal(err)
	}
	for _, e := range injected {
		t.Errorf("injected element: %s", e)
	}
	t.Logf("%d charts rendered, %d tooltips shown", n, tips.Shown)
}

type tooltips struct {
	Text  string
	Shown int
}

// showTooltips shows the tooltip of the first data items of every series
// of every chart (all items of small series) and returns their text.
func showTooltips(t *testing.T, ctx context.Context) tooltips {
	t.Helper()
	const show = `(() => {
		const out = {text: "", shown: 0};
		for (const el of document.querySelectorAll("[data-chart]")) {
			const c = echarts.getInstanceByDom(el);
			const series = c.getOption().series || [];
			series.forEach((s, si) => {
				const n = Math.min((s.data || []).length, 40);
				for (let di = 0; di < n; di++) {
					c.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: di});
					const tip = Array.from(el.children).find(e => !e.querySelector("canvas, svg") && e.textContent.trim() !== "");
					if (tip && getComputedStyle(tip).display !== "none") {
						out.text += tip.textContent + "\n";
						out.shown++;
					}
				}
			});
			c.dispatchAction({type: "hideTip"});
		}
		return out;
	})()`
	var tips tooltips
	if err := chromedp.Run(ctx, chromedp.Evaluate(show, &tips)); err != nil {
		t.Fatal(err)
	}
	return tips
}
