package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/pdf"
	"github.com/reifegrad/reifegrad/reports/xlsx"
	"github.com/reifegrad/reifegrad/scoring"
)

// Day is a calendar day in a setting ("2026-03-31"); the zero Day is
// unset.
type Day struct{ time.Time }

// UnmarshalText accepts a date as YYYY-MM-DD, or "" for none.
func (d *Day) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Day{}
		return nil
	}
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return fmt.Errorf("want a date as YYYY-MM-DD, got %q", string(b))
	}
	*d = Day{t}
	return nil
}

// reportDates returns the report's date and the data cut-off its pages
// show. The date is report.date, else the day of SOURCE_DATE_EPOCH (for
// reproducible outputs), else today. The cut-off is report.data_cutoff,
// else the day the newest input file on disk was last changed, else none
// (the bundled example's files are inside the program).
func reportDates(s *settings, ins []input) (date, cutoff time.Time, err error) {
	date = s.Report.Date.Time
	if date.IsZero() {
		date = time.Now()
		if e := os.Getenv("SOURCE_DATE_EPOCH"); e != "" {
			sec, perr := strconv.ParseInt(e, 10, 64)
			if perr != nil {
				return date, cutoff, fmt.Errorf("SOURCE_DATE_EPOCH=%s: want seconds since 1970", e)
			}
			date = time.Unix(sec, 0).UTC()
		}
	}
	cutoff = s.Report.DataCutoff.Time
	if cutoff.IsZero() {
		for _, in := range ins {
			if in.Path == "" {
				continue
			}
			if fi, err := os.Stat(in.Path); err == nil && fi.ModTime().After(cutoff) {
				cutoff = fi.ModTime()
			}
		}
	}
	day := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return day(date), day(cutoff), nil
}

// browserFor returns the Chromium that --pdf prints with: report.browser,
// else one found on the machine. Its error says how to get one.
func browserFor(s *settings) (string, error) {
	if b := s.Report.Browser; b != "" {
		if _, err := os.Stat(b); err != nil {
			return "", s.errAt("report.browser", fmt.Errorf("%w: %v", pdf.ErrNoBrowser, err))
		}
		return b, nil
	}
	b, err := pdf.FindBrowser()
	if err != nil {
		return "", fmt.Errorf("--pdf: %w. PDFs are printed by Chromium or Google Chrome: install one "+
			"(Debian/Ubuntu: sudo apt-get install chromium; Windows, macOS: Google Chrome) "+
			"or set report.browser in config.yaml (or REIFEGRAD_REPORT_BROWSER) to its path", err)
	}
	return b, nil
}

// writePDFs prints the staged overview and profiles to overview.pdf and
// profiles/<id>.pdf through headless Chromium, as many at once as
// report.workers allows.
func (a *app) writePDFs(ctx context.Context, s *settings, out *outputs, res *scoring.Results, browser string) error {
	a.stage(a.say().browser)
	p, err := pdf.Start(ctx, pdf.Options{Browser: browser})
	if err != nil {
		return fmt.Errorf("--pdf: %w", err)
	}
	defer p.Close()
	jobs := []pdf.Job{{Page: out.staged("overview.html"), Name: "overview.pdf"}}
	for _, u := range html.ProfileUnits(res) {
		name := "profiles/" + html.ProfileFile(u.Unit.ID)
		jobs = append(jobs, pdf.Job{Page: out.staged(name), Name: strings.TrimSuffix(name, ".html") + ".pdf"})
	}
	a.stage("")
	var progress func(int, int)
	if a.showProgress() {
		bar := progressbar.NewOptions(len(jobs), progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription("PDF"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		progress = func(int, int) { bar.Add(1) }
		defer bar.Finish()
	}
	// Each tab is a renderer of its own; two per core keep Chromium busy
	// while a page waits for its charts.
	workers := s.Report.Workers
	if workers == 0 {
		workers = 2 * runtime.GOMAXPROCS(0)
	}
	if err := p.PrintAll(ctx, jobs, out.Create, workers, progress); err != nil {
		return fmt.Errorf("--pdf: %w", err)
	}
	return nil
}

// staged returns where an output written to the stage lies on disk
// until the set is committed: the PDF printer opens the pages there.
func (o *outputs) staged(name string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return filepath.Join(o.stage, filepath.FromSlash(name))
}

// writePublication writes the outputs for publication: the workbook
// veroeffentlichung.xlsx and aggregates.csv, both with the same figures
// as the overview and no unit's own.
func writePublication(write func(string, func(io.Writer) error) error, res *scoring.Results, ropt html.Options) error {
	if err := write("veroeffentlichung.xlsx", func(w io.Writer) error {
		return xlsx.WritePublication(w, res, xlsx.Options{Language: ropt.Language, Disclosure: ropt.Disclosure,
			Date: ropt.Date, DataCutoff: ropt.DataCutoff, DataSource: ropt.DataSource})
	}); err != nil {
		return err
	}
	return write("aggregates.csv", func(w io.Writer) error { return csv.WriteAggregates(w, ropt.Disclosure, res.Model) })
}

// writePublished writes what run publishes beyond the analyst's outputs:
// the publication workbook and aggregates.csv, and with --opendata the
// open data folder.
func writePublished(write func(string, func(io.Writer) error) error, s *settings, res *scoring.Results, ropt html.Options) error {
	if err := writePublication(write, res, ropt); err != nil {
		return err
	}
	if s.OpenData.Write {
		return writeOpenData(write, s, res, ropt)
	}
	return nil
}

// publishFiles names the outputs of a run beyond the analyst's, for the
// summary.
func publishFiles(s *settings) []string {
	files := []string{"veroeffentlichung.xlsx", "aggregates.csv"}
	if s.OpenData.Write {
		files = append(files, s.OpenData.Dir+"/")
	}
	if s.Report.PDF {
		files = append(files, "overview.pdf", "profiles/*.pdf")
	}
	return files
}
