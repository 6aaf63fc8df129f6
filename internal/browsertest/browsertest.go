// Package browsertest starts headless Chromium for the browser tests and
// takes the screenshots README shows. Only tests import it.
package browsertest

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/reports/pdf"
)

// Chromium returns the browser to test with: REIFEGRAD_BROWSER, which
// must then exist (as in CI, where a missing browser is a failure, not a
// skip), else the one pdf.FindBrowser finds; without one the test or
// benchmark is skipped.
func Chromium(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("REIFEGRAD_BROWSER"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			tb.Fatalf("REIFEGRAD_BROWSER=%s: %v", p, err)
		}
		return p
	}
	p, err := pdf.FindBrowser()
	if err != nil {
		tb.Skip(err)
	}
	return p
}

// Start starts headless Chromium exe with a window of width × height
// pixels and returns the context of its first tab; the browser stops and
// its profile is removed when the test ends.
func Start(tb testing.TB, exe string, width, height int) context.Context {
	tb.Helper()
	// Not t.TempDir: Chromium's helper processes may still write to the
	// profile for a moment after the browser is gone, and t.TempDir fails
	// the test when its RemoveAll meets a file created meanwhile.
	profile, err := os.MkdirTemp("", "reifegrad-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() {
		cancel()
		cancelAlloc()
		pdf.RemoveSingleton(profile)
		for range 10 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		tb.Logf("cannot remove the browser profile %s", profile)
	})
	if err := chromedp.Run(ctx); err != nil {
		tb.Fatalf("cannot start %s: %v", exe, err)
	}
	return ctx
}

// Screenshot captures the page of ctx, width pixels wide, from the top to
// where the element until starts (the whole page if until is empty), as a
// small PNG (Shrink).
func Screenshot(ctx context.Context, width int, until string) ([]byte, error) {
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
				WithClip(&page.Viewport{X: 0, Y: 0, Width: float64(width), Height: math.Ceil(height), Scale: 1}).Do(ctx)
			return err
		}))
	if err != nil {
		return nil, err
	}
	return Shrink(buf)
}

// Shrink re-encodes a screenshot with a palette of its 256 most frequent
// colours; every other colour (antialiased edges) maps to the nearest of
// them. Reports are flat colours and text, so this looks the same and
// makes the file several times smaller.
func Shrink(b []byte) ([]byte, error) {
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

// Problems collects what a page must not do: open a dialog, throw, write
// an error or warning to the console or the browser's log.
type Problems struct {
	mu   sync.Mutex
	list []string
}

func (p *Problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// All returns the problems seen so far.
func (p *Problems) All() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// Watch collects the problems of the tab of ctx from now on; a dialog is
// dismissed.
func Watch(ctx context.Context) *Problems {
	probs := &Problems{}
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
	return probs
}

// WaitForCharts waits until every [data-chart] element has an ECharts
// instance that has drawn something and whose animations have finished
// (a canvas alone proves nothing), and returns how many there are. It
// also checks that there is a chart for every option in the JSON block.
func WaitForCharts(t testing.TB, ctx context.Context) int {
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
