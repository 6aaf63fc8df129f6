package main

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// TestRunOpenData: run --opendata writes the folder for GovData — the
// same aggregates.csv as beside it, the model as JSON, DCAT-AP.de
// metadata naming Saxony (ARS 140000000000) and the waves' years, the
// licence from the settings, and a README.
func TestRunOpenData(t *testing.T) {
	out := t.TempDir()
	t.Setenv("REIFEGRAD_OPENDATA_PUBLISHER", "Sächsischer Städte- und Gemeindetag")
	t.Setenv("REIFEGRAD_OPENDATA_LICENCE", "cc-by-4.0")
	stdout, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--opendata", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "aggregates.csv, opendata/") {
		t.Errorf("summary:\n%s", stdout)
	}
	agg, err := os.ReadFile(filepath.Join(out, "opendata", "aggregates.csv"))
	if err != nil {
		t.Fatal(err)
	}
	beside, _ := os.ReadFile(filepath.Join(out, "aggregates.csv"))
	if !bytes.Equal(agg, beside) {
		t.Error("opendata/aggregates.csv differs from aggregates.csv")
	}
	var model struct{ Name string }
	if b, err := os.ReadFile(filepath.Join(out, "opendata", "model.json")); err != nil || json.Unmarshal(b, &model) != nil || model.Name == "" {
		t.Errorf("model.json: %v %q", err, model.Name)
	}
	meta, err := os.ReadFile(filepath.Join(out, "opendata", "metadata.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"regionalKey/140000000000", `"2024-01-01"`, `"2028-12-31"`, "licenses/cc-by/4.0",
		"Sächsischer Städte- und Gemeindetag", `"dcat:byteSize": {`, fmt.Sprintf(`"@value": "%d"`, len(agg))} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("metadata.jsonld lacks %s", want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(out, "opendata", "README.md")); err != nil || !strings.Contains(string(b), "CC BY 4.0") {
		t.Errorf("README.md: %v", err)
	}
}

// TestRunOpenDataNeedsPublisher: --opendata without opendata.publisher is
// an error that names the key.
func TestRunOpenDataNeedsPublisher(t *testing.T) {
	_, stderr, code := MustRun(t, "-c", "../../example/samm/config.yaml", "-o", filepath.Join(t.TempDir(), "out"), "--opendata", "--quiet")
	if code != 1 || !strings.Contains(stderr, "opendata.publisher") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
