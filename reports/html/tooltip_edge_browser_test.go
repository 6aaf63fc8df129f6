package html_test

import (
	"context"
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

// TestTooltipKeepsScoreBelowEdge: a chart tooltip must show a unit's score
// as the page does, never across a level edge. In the Saxony fixture
// (waves 2024, 2026) unit 14627110 scores 39.971428… on Prozesse & E-Akte
// (scores.csv), below the edge 40 of Fortgeschritten; the table and the
// bar's label read "39,97". Hand: 39.9714 rounded to one decimal is 40.0,
// which reaches 40; two decimals give 39.97 < 40, as README item 5 says.
func TestTooltipKeepsScoreBelowEdge(t *testing.T) {
	exe := browsertest.Chromium(t)
	dir := t.TempDir()
	m, ds := fixture.Saxony(t)
	writeSite(t, dir, scoring.Score(m, ds), html.Options{})
	ctx, cancel := chromedp.NewContext(browsertest.Start(t, exe, 1200, 900))
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	if err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "profiles", "14627110.html"))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitForCharts(t, ctx)
	tips := showTooltips(t, ctx)
	const dim = "Prozesse & E-Akte"
	if !strings.Contains(tips.Text, dim+"39,97") {
		t.Errorf("no bar tooltip reads %q", dim+" 39,97")
	}
	if strings.Contains(tips.Text, dim+"40\n") || strings.Contains(tips.Text, dim+"40,0") {
		t.Errorf("a tooltip shows %s at 40 (level Etabliert's edge) though the score is 39.9714:\n%s", dim, tips.Text)
	}
}
