package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/pdf"
)

// TestRunPDF: run --pdf writes overview.pdf and a PDF beside every
// profile, and the summary names them.
func TestRunPDF(t *testing.T) {
	t.Setenv("REIFEGRAD_REPORT_BROWSER", browsertest.Chromium(t))
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

// TestRunSaxonyPrintsOnA4: the bundled example as a user runs it (three
// waves, robustness and roadmaps), then its overview and the profile with
// the longest roadmap printed as --pdf prints them: the overview fits on
// 6 A4 pages and that profile on 2 (issue 16). The report package's
// TestPrint checks the layout rules on a fixture of two waves; this one
// sees what the example's longest profile really holds.
func TestRunSaxonyPrintsOnA4(t *testing.T) {
	browser := browsertest.Chromium(t)
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed")
	}
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", "../../config.yaml", "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "roadmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	type unit struct {
		ID    string            `json:"id"`
		Steps []json.RawMessage `json:"steps"`
	}
	var set struct {
		Units []unit `json:"units"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	// The five longest roadmaps: equal step counts need not take equal room.
	slices.SortStableFunc(set.Units, func(a, b unit) int { return len(b.Steps) - len(a.Steps) })
	longest := set.Units[:min(5, len(set.Units))]
	if len(longest[0].Steps) < 10 {
		t.Fatalf("the example's longest roadmap has %d steps; the test wants a long one", len(longest[0].Steps))
	}
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: browser})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	type document struct {
		name     string
		maxPages int
		steps    int
	}
	jobs := []pdf.Job{{Page: filepath.Join(out, "overview.html"), Name: "overview.pdf"}}
	docs := []document{{"overview.pdf", 6, 0}}
	for _, u := range longest {
		jobs = append(jobs, pdf.Job{Page: filepath.Join(out, "profiles", u.ID+".html"), Name: u.ID + ".pdf"})
		docs = append(docs, document{u.ID + ".pdf", 2, len(u.Steps)})
	}
	printed := t.TempDir()
	create := func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(printed, name)) }
	if err := p.PrintAll(context.Background(), jobs, create, 2, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range docs {
		info, err := exec.Command("pdfinfo", filepath.Join(printed, c.name)).Output()
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("pdfinfo %s: no page count in\n%s", c.name, info)
		}
		if n, _ := strconv.Atoi(string(m[1])); n > c.maxPages {
			t.Errorf("%s (%d roadmap steps): %d pages, want at most %d", c.name, c.steps, n, c.maxPages)
		}
	}
}

// TestRunOutputsListed: every name run writes at the top of the output
// folder is in runOutputs, which opendata.dir must stay clear of — an
// output added to run without it could share a folder with the open
// data one.
func TestRunOutputsListed(t *testing.T) {
	out := t.TempDir()
	t.Setenv("REIFEGRAD_OPENDATA_PUBLISHER", "Sächsischer Städte- und Gemeindetag")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--opendata", "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m, err := readManifest(out)
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	listed := map[string]bool{}
	for _, o := range runOutputs {
		listed[o.name] = true
	}
	for name := range m {
		first, _, _ := strings.Cut(strings.TrimSuffix(name, "/"), "/")
		if first != "opendata" && !listed[first] {
			t.Errorf("run writes %s, which runOutputs does not list", first)
		}
	}
}
