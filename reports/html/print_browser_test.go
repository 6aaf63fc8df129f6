package html_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
)

// TestPrintFromBrowser prints the pages as a reader's browser does
// (Ctrl+P): the charts are drawn for a desktop screen, the browser fires
// beforeprint while the page is still laid out for the screen, and then
// lays it out for paper. Every chart's drawing must lie inside its box on
// paper: drawn 546 px wide for the screen, the level chart overflowed its
// half of the A4 page into the table beside it, and charts printed at a
// lower height than on screen were cut off at their foot.
func TestPrintFromBrowser(t *testing.T) {
	date := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	b, dir, profiles := saxonyInBrowser(t, html.Options{Date: date}, 1)
	for _, tt := range []struct {
		name, file string
	}{
		{"overview", filepath.Join(dir, "overview.html")},
		{"profile", profiles[0]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(b.ctx)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
			defer cancelTimeout()
			if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(1280, 900, 1, false), chromedp.Navigate("file://"+tt.file)); err != nil {
				t.Fatal(err)
			}
			if n := browsertest.WaitForCharts(t, ctx); n == 0 {
				t.Fatal("no chart drawn")
			}
			var outside []string
			err := chromedp.Run(ctx,
				chromedp.Evaluate(`window.dispatchEvent(new Event("beforeprint"))`, nil),
				emulation.SetEmulatedMedia().WithMedia("print"),
				chromedp.Sleep(200*time.Millisecond),
				chromedp.Evaluate(`Array.from(document.querySelectorAll("[data-chart]")).flatMap(el => {
					const svg = el.querySelector("svg");
					if (!svg || el.getBoundingClientRect().width === 0) return []; // not printed (a table instead)
					const box = el.getBoundingClientRect(), d = svg.getBoundingClientRect();
					const out = d.left < box.left - 1 || d.top < box.top - 1 || d.right > box.right + 1 || d.bottom > box.bottom + 1;
					return out ? [el.id + ": drawing " + Math.round(d.width) + "×" + Math.round(d.height) + " in a box of " + Math.round(box.width) + "×" + Math.round(box.height)] : [];
				})`, &outside))
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range outside {
				t.Errorf("on paper, %s", o)
			}
		})
	}
}
