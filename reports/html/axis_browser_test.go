package html_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestAxisTicksInPageLanguage: the ticks of a value axis are numbers
// ECharts writes itself. The sensitivity chart's indices lie about 0–1, so
// its axis has decimal ticks (0.2, 0.4, …): on a German page they read
// "0,2", as every other number there, and on an English page "0.2".
func TestAxisTicksInPageLanguage(t *testing.T) {
	exe := browsertest.Chromium(t)
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	rep := mustAnalysis(t, r, 5)
	for _, tt := range []struct {
		lang       scoring.Language
		want, deny *regexp.Regexp
	}{
		{scoring.German, regexp.MustCompile(`^0,\d$`), regexp.MustCompile(`^-?\d+\.\d+$`)},
		{scoring.English, regexp.MustCompile(`^0\.\d$`), regexp.MustCompile(`^-?\d+,\d+$`)},
	} {
		t.Run(tt.lang.String(), func(t *testing.T) {
			dir := t.TempDir()
			writeSite(t, dir, r, html.Options{Language: tt.lang, Analysis: rep})
			ctx, cancel := chromedp.NewContext(browsertest.Start(t, exe, 1200, 900))
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
			defer cancelTimeout()
			if err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "overview.html"))); err != nil {
				t.Fatal(err)
			}
			browsertest.WaitForCharts(t, ctx)
			var ticks []string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll(
				'[data-chart="overview-sensitivity"] svg text')).map(function (e) { return e.textContent; })`, &ticks)); err != nil {
				t.Fatal(err)
			}
			decimals := 0
			for _, s := range ticks {
				s = strings.TrimSpace(s)
				if tt.deny.MatchString(s) {
					t.Errorf("the sensitivity chart writes %q on a %s page", s, tt.lang)
				}
				if tt.want.MatchString(s) {
					decimals++
				}
			}
			if decimals == 0 {
				t.Errorf("no axis tick with a decimal written the %s way among %q", tt.lang, ticks)
			}
		})
	}
}
