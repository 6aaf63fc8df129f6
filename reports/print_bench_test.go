package reports_test

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/pdf"
	"github.com/reifegrad/reifegrad/scoring"
)

// BenchmarkPrint prints a profile of the Saxony example to PDF, one at a
// time, against a baseline measured in the same run: the same page
// without its assets folder (no chart library, no charts: what Chromium
// spends on loading and printing a page of that size anyway). The ratio
// print/baseline is what the charts cost; the time per op is one PDF.
func BenchmarkPrint(b *testing.B) {
	exe := browsertest.Chromium(b)
	m, ds := fixture.Saxony(b)
	r := scoring.Score(m, ds)
	u := html.ProfileUnits(r)[0]
	dir := b.TempDir()
	page := func(sub string, assets bool) string {
		d := filepath.Join(dir, sub)
		if assets {
			for _, a := range html.AssetNames() {
				fixture.WriteFile(b, d, html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
			}
		}
		return fixture.WriteFile(b, d, "profiles/"+html.ProfileFile(u.Unit.ID), func(w io.Writer) error {
			return html.RenderProfile(w, r, u, html.Options{}, "../"+html.AssetsDir)
		})
	}
	withCharts, bare := page("charts", true), page("bare", false)
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: exe})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	// Each op prints both pages, timed apart, so that both see the same
	// load on the machine.
	var base, full time.Duration
	for b.Loop() {
		for _, c := range []struct {
			file string
			d    *time.Duration
		}{{bare, &base}, {withCharts, &full}} {
			start := time.Now()
			var buf bytes.Buffer
			if err := p.Print(context.Background(), c.file, &buf); err != nil {
				b.Fatal(err)
			}
			*c.d += time.Since(start)
		}
	}
	b.ReportMetric(float64(full.Milliseconds())/float64(b.N), "ms/pdf")
	b.ReportMetric(float64(base.Milliseconds())/float64(b.N), "baseline-ms/pdf")
	b.ReportMetric(float64(full)/float64(base), "print/baseline")
}
