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

// TestHeatmapLabelContrast reads, in the drawn heatmap of the Saxony
// overview, every cell's number against the cell's colour as the browser
// painted them: WCAG 2.1 AA asks 4.5:1 of text (1.4.3). The labels turned
// white from 60 on, on a blue of 3.2:1 at 60 (3.9:1 at 66): five cells of
// the fixture, 60,3 to 62,7, had 3.3–3.5:1.
func TestHeatmapLabelContrast(t *testing.T) {
	b, dir, _ := saxonyInBrowser(t, html.Options{}, 0)
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	defer cancelTimeout()
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(1200, 900, 1, false), chromedp.Navigate("file://"+filepath.Join(dir, "overview.html"))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitForCharts(t, ctx)
	var labels []struct {
		Text, Ink, Fill string
		Ratio           float64
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const rgb = s => {
			if (!s) return null;
			if (s[0] === "#") {
				if (s.length === 4) s = "#" + s[1] + s[1] + s[2] + s[2] + s[3] + s[3];
				return [1, 3, 5].map(i => parseInt(s.slice(i, i + 2), 16));
			}
			const m = s.match(/[\d.]+/g);
			return m ? m.slice(0, 3).map(Number) : null;
		};
		const lum = c => {
			const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
		const el = document.getElementById("overview-heatmap");
		const out = [];
		for (const tx of el.querySelectorAll("svg text")) {
			const s = tx.textContent.trim();
			if (!/^\d+,\d$/.test(s)) continue; // a cell's number, not an axis name
			const r = tx.getBoundingClientRect();
			// The cell under the number: the smallest filled shape around
			// its centre.
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			let under = null, area = Infinity;
			for (const p of el.querySelectorAll("svg path")) {
				const f = p.getAttribute("fill");
				if (!f || f === "none" || !rgb(f)) continue;
				const b = p.getBoundingClientRect();
				if (b.left <= x && x <= b.right && b.top <= y && y <= b.bottom && b.width * b.height < area) {
					under = p;
					area = b.width * b.height;
				}
			}
			if (!under) { out.push({text: s, ink: tx.getAttribute("fill"), fill: "", ratio: 0}); continue; }
			out.push({text: s, ink: tx.getAttribute("fill"), fill: under.getAttribute("fill"),
				ratio: contrast(rgb(tx.getAttribute("fill")), rgb(under.getAttribute("fill")))});
		}
		return out;
	})()`, &labels)); err != nil {
		t.Fatal(err)
	}
	if len(labels) < 50 {
		t.Fatalf("%d labelled cells in the heatmap, want the Saxony example's 70", len(labels))
	}
	for _, l := range labels {
		if l.Ratio < 4.5 {
			t.Errorf("cell %s: ink %s on %q, contrast %.2f:1, want 4.5:1", l.Text, l.Ink, l.Fill, l.Ratio)
		}
	}
}
