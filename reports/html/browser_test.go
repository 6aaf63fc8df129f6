package html_test

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

var screenshots = flag.String("screenshots", "", "folder for the browser test's PNG screenshots (default: a folder in the system's temp dir, logged)")

// browserPath returns the Chromium to test with. The test skips only when
// no Chromium is installed and REIFEGRAD_BROWSER is unset; when the
// variable is set (as .ci/run does), a missing browser fails the test.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("REIFEGRAD_BROWSER"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("REIFEGRAD_BROWSER=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found and REIFEGRAD_BROWSER is unset")
	return ""
}

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
	exe := browserPath(t)
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
	// Not t.TempDir: Chromium's helper processes may still write to the
	// profile for a moment after the browser is gone, and t.TempDir fails
	// the test when its RemoveAll meets a file created meanwhile.
	profile, err := os.MkdirTemp("", "reifegrad-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		for range 10 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("cannot remove the browser profile %s", profile)
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("cannot start %s: %v", exe, err)
	}
	return &browser{ctx: ctx}
}

// problems collects what a page must not do.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problems) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

func (b *browser) check(t *testing.T, url string, pc pageCheck, shotDir string) {
	ctx, cancel := chromedp.NewContext(b.ctx) // a new tab
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	var probs problems
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			probs.add("dialog %s: %q", e.Type, e.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) //nolint:errcheck // the dialog is already recorded
		case *runtime.EventExceptionThrown:
			probs.add("exception: %s", e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert || e.Type == runtime.APITypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				probs.add("console.%s: %s", e.Type, strings.Join(args, " "))
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError || e.Entry.Level == cdplog.LevelWarning {
				probs.add("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL)
			}
		}
	})
	// Report what the page did wrong even when a check below stops the
	// test; let late events (a dialog from a handler) arrive first.
	defer func() {
		time.Sleep(200 * time.Millisecond)
		for _, p := range probs.all() {
			t.Error(p)
		}
	}()
	if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	n := waitForCharts(t, ctx)
	if pc.shot != "" {
		saveScreenshot(t, ctx, filepath.Join(shotDir, pc.shot), pc.shotUntil)
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

// waitForCharts waits until every [data-chart] element has an ECharts
// instance that has drawn something and whose animations have finished
// (a canvas alone proves nothing), and returns how many there are. It
// also checks that there is a chart for every option in the JSON block.
func waitForCharts(t *testing.T, ctx context.Context) int {
	t.Helper()
	const probe = `(() => {
		const els = Array.from(document.querySelectorAll("[data-chart]"));
		const block = JSON.parse(document.getElementById("reifegrad-charts").textContent);
		const r = {elements: els.length, options: Object.keys(block).length, ready: 0, missing: []};
		if (typeof echarts === "undefined") { r.missing.push("echarts not loaded"); return r; }
		for (const el of els) {
			const c = echarts.getInstanceByDom(el);
			if (!c) { r.missing.push(el.id + ": no instance"); continue; }
			const zr = c.getZr();
			if (zr.storage.getDisplayList().length === 0) { r.missing.push(el.id + ": nothing drawn"); continue; }
			if (!zr.animation.isFinished()) { r.missing.push(el.id + ": animating"); continue; }
			r.ready++;
		}
		return r;
	})()`
	var state struct {
		Elements, Options, Ready int
		Missing                  []string
	}
	deadline := time.Now().Add(30 * time.Second)
	stable := 0
	for {
		if err := chromedp.Run(ctx, chromedp.Evaluate(probe, &state)); err != nil {
			t.Fatal(err)
		}
		if state.Elements > 0 && state.Ready == state.Elements {
			stable++
			if stable == 2 { // finished twice in a row, 100 ms apart
				break
			}
		} else {
			stable = 0
		}
		if time.Now().After(deadline) {
			t.Fatalf("charts not rendered after 30 s: %d of %d ready; %v", state.Ready, state.Elements, state.Missing)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if state.Options != state.Elements {
		t.Errorf("%d chart options but %d chart elements", state.Options, state.Elements)
	}
	return state.Elements
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

// saveScreenshot captures the page, from the top to where the element
// until starts (the whole page if until is empty), as a small PNG.
func saveScreenshot(t *testing.T, ctx context.Context, file, until string) {
	t.Helper()
	var height float64
	var buf []byte
	js := `document.documentElement.scrollHeight`
	if until != "" {
		js = fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().top + window.scrollY`, until)
	}
	err := chromedp.Run(ctx,
		chromedp.Evaluate(js, &height),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			buf, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatPng).WithCaptureBeyondViewport(true).
				WithClip(&page.Viewport{X: 0, Y: 0, Width: 1200, Height: math.Ceil(height), Scale: 1}).Do(ctx)
			return err
		}))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	small, err := shrinkPNG(buf)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(file, small, 0o644); err != nil {
		t.Fatal(err)
	}
}

// shrinkPNG re-encodes a screenshot with a palette of its 256 most
// frequent colours; every other colour (antialiased edges) maps to the
// nearest of them. Reports are flat colours and text, so this looks the
// same and makes the file several times smaller.
func shrinkPNG(b []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	bounds := src.Bounds()
	counts := map[color.RGBA]int{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			counts[color.RGBAModel.Convert(src.At(x, y)).(color.RGBA)]++
		}
	}
	colours := slices.Collect(maps.Keys(counts))
	slices.SortFunc(colours, func(a, b color.RGBA) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a.R, b.R), cmp.Compare(a.G, b.G), cmp.Compare(a.B, b.B))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colours[:min(256, len(colours))] {
		pal = append(pal, c)
	}
	dst := image.NewPaletted(bounds, pal)
	index := map[color.RGBA]uint8{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.RGBAModel.Convert(src.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			dst.SetColorIndex(x, y, i)
		}
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
