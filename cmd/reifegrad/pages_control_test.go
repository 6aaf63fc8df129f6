package main

import (
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// controlIn returns the first control character in page that is not
// tab, line feed or carriage return (C0, DEL, C1), or -1.
func controlIn(page string) rune {
	for _, r := range page {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return r
		}
	}
	return -1
}

// TestNoControlCharactersInPages: names, districts, answers and the wave
// label of an input holding escapes (a colour, a clipboard write, a
// screen wipe, backspaces, a C1 CSI) reached overview.html and every
// profile raw — html/template escapes markup, not control characters —
// where the terminal shows them as \u001b. Every page now writes them as
// that text, and shows each unit's name so.
func TestNoControlCharactersInPages(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id;name;district;welle;Q1;Q2;Q3\n")
	for i, p := range terminalPayloads {
		q := strings.ReplaceAll(p, `"`, `""`)
		b.WriteString(strings.Join([]string{"t" + string(rune('a'+i)), `"Name` + q + `"`, `"Kreis` + q + `"`, `"2026` + terminalPayloads[0] + `"`, `"ja` + q + `"`, "ja", "nein"}, ";") + "\n")
	}
	in := filepath.Join(dir, "escapes.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REIFEGRAD_SURVEY_WAVE_COLUMN", "welle")
	out := filepath.Join(dir, "out")
	if _, stderr, code := MustRun(t, "-c", hostileDir+"config.yaml", "-i", in, "-o", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pages := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page := string(b)
		if r := controlIn(page); r >= 0 {
			i := strings.IndexRune(page, r)
			t.Errorf("%s holds the control character %U: …%q…", filepath.Base(path), r, page[max(0, i-40):min(len(page), i+20)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 1+len(terminalPayloads) {
		t.Errorf("%d pages, want the overview and %d profiles", pages, len(terminalPayloads))
	}
	// The colour of unit tc, made visible in its profile's heading.
	profile, err := os.ReadFile(filepath.Join(out, "profiles", "tc.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `Name\u001b[31m`; !strings.Contains(string(profile), want) {
		t.Errorf("profile tc does not show its name as %s", want)
	}
}

// TestNoControlCharactersInServePages: the association names a wave with
// an escape in its label; serve's own pages (the dashboard, the wave's
// page) and its overview carried it raw. They write it as \u001b.
func TestNoControlCharactersInServePages(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	admin := f.client(t)
	admin.adminSignIn()
	label := "Welle\x1b[31m 2026\x07"
	if st, loc, body := admin.post("/admin/waves", url.Values{"id": {"2026"}, "label": {label}}); st != http.StatusSeeOther {
		t.Fatalf("create wave: %d %s %s", st, loc, body)
	}
	for _, path := range []string{"/admin", "/admin/waves/2026", "/admin/audit"} {
		st, page := admin.get(path)
		if st != http.StatusOK {
			t.Fatalf("%s: status %d", path, st)
		}
		if r := controlIn(page); r >= 0 {
			t.Errorf("%s holds the control character %U", path, r)
		}
		if want := `Welle\u001b[31m 2026\u0007`; !strings.Contains(page, want) {
			t.Errorf("%s does not show the label as %s", path, want)
		}
	}
}

// TestServeErrorOnTheTerminal: an internal error of a request is told on
// the server's terminal with the client's path, which may hold an escape
// (%1B decodes to ESC), and the error, which may quote the data: both
// made visible.
func TestServeErrorOnTheTerminal(t *testing.T) {
	var stderr strings.Builder
	a := &app{stderr: &stderr}
	r := httptest.NewRequest("GET", "/admin/profiles/x%1B%5B2Jy.html", nil)
	a.serveError(r, errors.New("unit \x1b]52;c;ZXZpbA==\x07: broken"))
	want := `reifegrad serve: GET /admin/profiles/x\u001b[2Jy.html: unit \u001b]52;c;ZXZpbA==\u0007: broken` + "\n"
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
