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

// TestFocusRingContrast goes through the pages with the Tab key, as a
// keyboard user does, and measures the focus ring of every element it
// reaches against the colours around it: WCAG 2.1 AA (1.4.11) asks 3:1 of
// what shows the state of a control. The amber ring (#e8a33d) had 2.2:1 on
// the white page — every summary, table and link of the content.
func TestFocusRingContrast(t *testing.T) {
	b, dir, profiles := saxonyInBrowser(t, html.Options{ListUnits: true}, 1)
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
			if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(1200, 900, 1, false), chromedp.Navigate("file://"+tt.file)); err != nil {
				t.Fatal(err)
			}
			browsertest.WaitForCharts(t, ctx)
			seen := map[string]bool{}
			for range 150 { // the overview lists every unit: its first links are enough
				var ring struct {
					Key, What string
					Ratio     float64
				}
				if err := chromedp.Run(ctx, chromedp.KeyEvent("\t"), chromedp.Evaluate(focusRingJS, &ring)); err != nil {
					t.Fatal(err)
				}
				if ring.Key == "" || seen[ring.Key] {
					break // back at the start
				}
				seen[ring.Key] = true
				if ring.Ratio < 3 {
					t.Errorf("focus ring of %s: contrast %.2f:1 with its surroundings, want at least 3:1", ring.What, ring.Ratio)
				}
			}
			if len(seen) < 2 {
				t.Fatalf("the Tab key reached %d elements", len(seen))
			}
		})
	}
}

// focusRingJS measures the focus ring of the focused element: the
// contrast of its outline colour with the background just outside it on
// each of its four sides (the lowest), by WCAG's relative luminance.
const focusRingJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return {key: "", what: "", ratio: 0};
	const key = el.tagName + "#" + Array.from(document.querySelectorAll(el.tagName)).indexOf(el);
	const what = el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + (el.getAttribute("href") || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30));
	const cs = getComputedStyle(el);
	if (cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) < 1) return {key, what: what + " (no outline)", ratio: 0};
	const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
	const lum = c => {
		const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const ring = rgb(cs.outlineColor);
	const off = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth) + 1;
	const r = el.getBoundingClientRect();
	const background = (x, y) => {
		for (const e of document.elementsFromPoint(x, y)) {
			if (e === el || el.contains(e)) continue;
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
		}
		return [255, 255, 255];
	};
	const points = [[r.left - off, r.top + r.height / 2], [r.right + off, r.top + r.height / 2], [r.left + r.width / 2, r.top - off], [r.left + r.width / 2, r.bottom + off]]
		.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
	const ratio = Math.min(...points.map(([x, y]) => contrast(ring, background(x, y))));
	return {key, what, ratio: points.length ? ratio : 99};
})()`
