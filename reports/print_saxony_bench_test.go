package reports_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/pdf"
	"github.com/reifegrad/reifegrad/scoring"
)

// BenchmarkPrintSaxony prints every document of the Saxony example (the
// overview and one profile per municipality: 420 PDFs) as run --pdf does,
// in twice as many tabs as CPUs, against a baseline measured in the same
// run: rendering the same 420 HTML pages with their assets (what run
// writes without --pdf). One op is both; print/render says what --pdf
// adds to a run's reports, s/420-pdfs and ms/pdf what it takes here.
//
//	go test ./reports -run '^$' -bench PrintSaxony -benchtime 1x
func BenchmarkPrintSaxony(b *testing.B) {
	exe := browsertest.Chromium(b)
	m, ds := fixture.Saxony(b)
	r := scoring.Score(m, ds)
	dir := b.TempDir()
	create := func(root string) func(string) (io.WriteCloser, error) {
		return func(name string) (io.WriteCloser, error) {
			p := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			return os.Create(p)
		}
	}
	pages := filepath.Join(dir, "html")
	jobs := []pdf.Job{{Page: filepath.Join(pages, "overview.html"), Name: "overview.pdf"}}
	for _, u := range html.ProfileUnits(r) {
		name := "profiles/" + html.ProfileFile(u.Unit.ID)
		jobs = append(jobs, pdf.Job{Page: filepath.Join(pages, filepath.FromSlash(name)), Name: name[:len(name)-len(".html")] + ".pdf"})
	}
	if len(jobs) != 420 {
		b.Fatalf("%d documents, want the example's 420", len(jobs))
	}
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: exe})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var render, print time.Duration
	for b.Loop() {
		start := time.Now()
		if err := html.RenderAll(context.Background(), r, html.Options{}, create(pages)); err != nil {
			b.Fatal(err)
		}
		render += time.Since(start)
		start = time.Now()
		if err := p.PrintAll(context.Background(), jobs, create(filepath.Join(dir, "pdf")), 2*runtime.GOMAXPROCS(0), nil); err != nil {
			b.Fatal(err)
		}
		print += time.Since(start)
	}
	b.ReportMetric(print.Seconds()/float64(b.N), "s/420-pdfs")
	b.ReportMetric(float64(print.Milliseconds())/float64(b.N*len(jobs)), "ms/pdf")
	b.ReportMetric(float64(print)/float64(render), "print/render")
}
