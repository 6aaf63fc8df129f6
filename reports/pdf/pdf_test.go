package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/reports/internal/pdfcheck"
	"github.com/reifegrad/reifegrad/reports/pdf"
)

func start(t *testing.T, timeout time.Duration) *pdf.Printer {
	t.Helper()
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: pdfcheck.Browser(t), Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Error(err)
		}
	})
	return p
}

// file is an output that counts how it ended.
type file struct {
	bytes.Buffer
	closed, aborted bool
}

func (f *file) Close() error { f.closed = true; return nil }
func (f *file) Abort()       { f.aborted = true }

// TestPrintAll prints a page that draws 400 ms after loading and then says
// it is ready, and one that never says so. The first PDF has what was
// drawn late, in print media, with the page's title and language, tagged;
// the second fails naming its file, and its output is aborted.
func TestPrintAll(t *testing.T) {
	p := start(t, 3*time.Second)
	files := map[string]*file{}
	create := func(name string) (io.WriteCloser, error) {
		f := &file{}
		files[name] = f
		return f, nil
	}
	jobs := []pdf.Job{{Page: "testdata/late.html", Name: "late.pdf"}, {Page: "testdata/never.html", Name: "never.pdf"}}
	var done []int
	err := p.PrintAll(context.Background(), jobs, create, 2, func(n, total int) { done = append(done, n) })
	if err == nil || !strings.Contains(err.Error(), "never.html") || !strings.Contains(err.Error(), "not ready") {
		t.Errorf("error %v, want one for never.html, not ready", err)
	}
	if len(done) != 2 {
		t.Errorf("progress called %d times, want 2", len(done))
	}
	if f := files["never.pdf"]; f == nil || !f.aborted || f.closed {
		t.Errorf("never.pdf: %+v, want aborted", f)
	}
	late := files["late.pdf"]
	if late == nil || !late.closed || late.aborted {
		t.Fatalf("late.pdf: %+v, want written and closed", late)
	}
	name := filepath.Join(t.TempDir(), "late.pdf")
	if err := os.WriteFile(name, late.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := pdfcheck.Read(t, name, 0)
	if doc.Title != "Übersicht Prüfbericht" || doc.Lang != "de" || !doc.Tagged || len(doc.Pages) != 1 {
		t.Errorf("title %q, language %q, tagged %v, %d pages", doc.Title, doc.Lang, doc.Tagged, len(doc.Pages))
	}
	var text []string
	for _, l := range doc.Pages[0].Lines {
		text = append(text, l.Text)
	}
	if all := strings.Join(text, "\n"); !strings.Contains(all, "spät gezeichnet (Druck)") || !strings.Contains(all, "1 / 1") {
		t.Errorf("the PDF does not show what was drawn late in print media, with page numbers:\n%s", all)
	}
}

// TestPrintLeavesNothing: printing leaves nothing in the temporary
// directory once the printer is closed — Chromium's own directory there
// (org.chromium.Chromium.*) was left behind by every --pdf run.
func TestPrintLeavesNothing(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: pdfcheck.Browser(t), Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Print(context.Background(), "testdata/noscript.html", &b); err != nil {
		t.Error(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in the temporary directory: %s", e.Name())
	}
}

// TestPrintWithoutScript: a page whose script is missing (no assets
// folder) is printed once it has loaded, as it is.
func TestPrintWithoutScript(t *testing.T) {
	p := start(t, 5*time.Second)
	var b bytes.Buffer
	if err := p.Print(context.Background(), "testdata/noscript.html", &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Errorf("not a PDF: %.20q", b.Bytes())
	}
}

// TestPrintCancelled: a cancelled context stops printing.
func TestPrintCancelled(t *testing.T) {
	p := start(t, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(300 * time.Millisecond); cancel() }()
	var b bytes.Buffer
	if err := p.Print(ctx, "testdata/never.html", &b); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestNoBrowser: a browser that is not where it is said to be is named.
func TestNoBrowser(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "chromium")
	_, err := pdf.Start(context.Background(), pdf.Options{Browser: missing})
	if !errors.Is(err, pdf.ErrNoBrowser) || !strings.Contains(err.Error(), missing) {
		t.Errorf("error %v, want one wrapping ErrNoBrowser that names %s", err, missing)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := pdf.FindBrowser(); err != nil && (!errors.Is(err, pdf.ErrNoBrowser) || !strings.Contains(err.Error(), "chromium")) {
		t.Errorf("FindBrowser: %v, want ErrNoBrowser naming what it looked for", err)
	}
}
