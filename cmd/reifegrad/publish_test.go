package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/pdf"
)

// testBrowser returns the Chromium for the PDF tests (REIFEGRAD_BROWSER,
// else one found) or skips.
func testBrowser(t *testing.T) string {
	t.Helper()
	if b := os.Getenv("REIFEGRAD_BROWSER"); b != "" {
		return b
	}
	b, err := pdf.FindBrowser()
	if err != nil {
		t.Skip(err)
	}
	return b
}

// TestRunPDF: run --pdf writes overview.pdf and a PDF beside every
// profile, and the summary names them.
func TestRunPDF(t *testing.T) {
	t.Setenv("REIFEGRAD_REPORT_BROWSER", testBrowser(t))
	out := t.TempDir()
	stdout, stderr, code := MustRun(t, "-c", "../../example/samm/config.yaml", "-o", out, "--pdf", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	htmls, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	for _, f := range append([]string{filepath.Join(out, "overview.html")}, htmls...) {
		b, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".pdf")
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("no PDF beside %s: %v", f, err)
		}
	}
	for _, f := range []string{"veroeffentlichung.xlsx", "aggregates.csv"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if len(htmls) != 2 || !strings.Contains(stdout, "veroeffentlichung.xlsx, aggregates.csv, overview.pdf, profiles/*.pdf") {
		t.Errorf("%d profiles; summary:\n%s", len(htmls), stdout)
	}
}

// TestRunPDFWithoutBrowser: without a browser, --pdf fails before it
// writes anything and says how to get one.
func TestRunPDFWithoutBrowser(t *testing.T) {
	tests := []struct {
		name, browser string
		want          []string
	}{
		{"report.browser names nothing", filepath.Join(t.TempDir(), "chromium"), []string{"REIFEGRAD_REPORT_BROWSER", "report.browser", "no Chromium or Google Chrome found"}},
		{"none in PATH", "", []string{"apt-get install chromium", "report.browser"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("REIFEGRAD_REPORT_BROWSER", tt.browser)
			if tt.browser == "" {
				t.Setenv("PATH", t.TempDir())
				if _, err := pdf.FindBrowser(); err == nil {
					t.Skip("a browser outside PATH was found")
				}
			}
			out := filepath.Join(t.TempDir(), "out")
			_, stderr, code := MustRun(t, "-c", "../../example/samm/config.yaml", "-o", out, "--pdf", "--quiet")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was created", out)
			}
		})
	}
}
