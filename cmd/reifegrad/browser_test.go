package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
)

var screenshots = flag.String("screenshots", "", "TestRunInBrowser: the folder for the screenshots README shows (default: a temporary folder)")

// TestRunInBrowser opens what the bundled example's run writes — three
// waves, robustness, roadmaps — in headless Chromium at 1,200 px: every
// chart draws, nothing throws or logs an error, no page is wider than the
// window. It takes the screenshots of README (overview down to its
// data-quality section, and Gelenau's profile):
//
//	go test ./cmd/reifegrad -run TestRunInBrowser -screenshots "$PWD/docs/screenshots"
func TestRunInBrowser(t *testing.T) {
	exe := browsertest.Chromium(t)
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	shots := *screenshots
	if shots == "" {
		shots = t.TempDir()
	}
	browser := browsertest.Start(t, exe, 1200, 900)
	for _, p := range []struct {
		file, shot, until string
		sections          []string // headings the page must show
	}{
		{"overview.html", "overview.png", "#quality", []string{"Karte", "Entwicklung", "Robustheit der Ergebnisse"}},
		{"profiles/14521200.html", "profile.png", "", []string{"Ihr Weg zu Stufe 5 Vorreiter", "Veränderung seit Welle 2026"}},
	} {
		t.Run(p.file, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser) // a new tab
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
			defer cancelTimeout()
			probs := browsertest.Watch(ctx)
			if err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.Join(out, p.file))); err != nil {
				t.Fatal(err)
			}
			if n := browsertest.WaitForCharts(t, ctx); n < 2 {
				t.Errorf("%d charts", n)
			}
			var page struct {
				Overflow bool
				Headings []string
			}
			if err := chromedp.Run(ctx, chromedp.Evaluate(`({
				overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
				headings: Array.from(document.querySelectorAll("h2")).map(h => h.textContent.trim()),
			})`, &page)); err != nil {
				t.Fatal(err)
			}
			if page.Overflow {
				t.Error("the page is wider than the window")
			}
			for _, want := range p.sections {
				if !slices.ContainsFunc(page.Headings, func(h string) bool { return strings.HasPrefix(h, want) }) {
					t.Errorf("no section %q among %q", want, page.Headings)
				}
			}
			shot, err := browsertest.Screenshot(ctx, 1200, p.until)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, p.shot), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond) // late events first
			for _, pr := range probs.All() {
				t.Error(pr)
			}
		})
	}
	t.Logf("screenshots in %s", shots)
}
