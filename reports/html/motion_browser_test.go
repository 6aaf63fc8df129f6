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

// TestReducedMotion opens the pages as a reader who asked the system for
// less motion (prefers-reduced-motion: reduce): the charts appear without
// their opening animation and a jump from the contents scrolls at once.
// Both moved before: the charts grew for a second, the page glided.
func TestReducedMotion(t *testing.T) {
	b, dir, profiles := saxonyInBrowser(t, html.Options{}, 1)
	for _, tt := range []struct {
		name, file string
		reduce     bool
	}{
		{"overview, reduced", filepath.Join(dir, "overview.html"), true},
		{"profile, reduced", profiles[0], true},
		{"overview, no preference", filepath.Join(dir, "overview.html"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(b.ctx)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
			defer cancelTimeout()
			pref := "no-preference"
			if tt.reduce {
				pref = "reduce"
			}
			if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: pref}}),
				chromedp.Navigate("file://"+tt.file)); err != nil {
				t.Fatal(err)
			}
			browsertest.WaitForCharts(t, ctx)
			var got struct {
				Scroll   string
				Animated int
				Charts   int
			}
			if err := chromedp.Run(ctx, chromedp.Evaluate(`({scroll: getComputedStyle(document.documentElement).scrollBehavior,
				animated: window.reifegradCharts.filter(c => c.getOption().animation !== false).length,
				charts: window.reifegradCharts.length})`, &got)); err != nil {
				t.Fatal(err)
			}
			wantScroll, wantAnimated := "smooth", got.Charts
			if tt.reduce {
				wantScroll, wantAnimated = "auto", 0
			}
			if got.Charts == 0 || got.Scroll != wantScroll || got.Animated != wantAnimated {
				t.Errorf("scroll-behavior %q, %d of %d charts animated; want %q, %d", got.Scroll, got.Animated, got.Charts, wantScroll, wantAnimated)
			}
		})
	}
}
