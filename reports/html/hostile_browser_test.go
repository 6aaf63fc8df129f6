package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// hostileDir is the corpus of crafted inputs (see its README).
const hostileDir = "../../testdata/hostile/"

// hostileSite reads the corpus's payloads.csv with its config.yaml, as
// 'reifegrad run' does with those settings, and writes the pages.
func hostileSite(t *testing.T, dir string) {
	t.Helper()
	src, err := os.ReadFile(hostileDir + "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := scoring.ParseModel("config.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(hostileDir + "payloads.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The settings of config.yaml: units, survey and report.
	ds, err := survey.Read(f, "payloads.csv", m, survey.Options{Wave: scoring.Wave{ID: "2026", Label: "2026"},
		IDColumn: "id", NameColumn: "name", DistrictColumn: "district", Delimiter: ';', Duplicates: survey.KeepLast})
	if err != nil {
		t.Fatal(err)
	}
	r := scoring.Score(m, ds)
	if len(r.Units) != 15 || len(r.Rejects) != 0 {
		t.Fatalf("%d units, %d rejects; want the 15 rows of payloads.csv scored", len(r.Units), len(r.Rejects))
	}
	writeSite(t, dir, r, html.Options{MinGroupSize: 1, ListUnits: true})
}

// TestBrowserHostile opens the pages written from the corpus's payloads
// in headless Chromium: no dialog, exception or console error while every
// chart's tooltips are shown, no element that an input became, and the
// payloads visible as text, in the page and in the tooltips.
func TestBrowserHostile(t *testing.T) {
	exe := browsertest.Chromium(t)
	dir := t.TempDir()
	hostileSite(t, dir)
	pages := []pageCheck{
		{name: "overview", file: "overview.html",
			tooltips: []string{"</script><script>alert(107)</script>", `"><iframe src=javascript:alert(111)>`, "<svg onload=alert(103)>"},
			text: []string{"<script>alert(101)</script> Modell", "<script>alert(121)</script>", "<img src=x onerror=alert(123)>",
				`=HYPERLINK("http://example.invalid","klick")`, "<svg onload=alert(122)>", "</script><script>alert(107)</script>",
				`"><iframe src=javascript:alert(111)>`, "<b onmouseover=alert(105)>ja</b>", "<script>alert(124)</script>"}},
		{name: "profile with script in name and district", file: "profiles/p01.html",
			tooltips: []string{"</script><script>alert(107)</script>"},
			text:     []string{"<script>alert(121)</script>", "<svg onload=alert(122)>", "__f__alert(110)__f__", "@SUM(1+1)"}},
		{name: "profile with markup in an answer", file: "profiles/p02.html",
			text: []string{"<img src=x onerror=alert(123)>", "<b onmouseover=alert(105)>ja</b>"}},
		{name: "profile with formulas", file: "profiles/p03.html",
			text: []string{`=HYPERLINK("http://example.invalid","klick")`, "+cmd|' /C calc'!A0"}},
		{name: "profile of id ../../x", file: "profiles/" + html.ProfileFile("../../x"), text: []string{"../../etc/passwd"}},
		{name: "profile with javascript: and data: URLs", file: "profiles/p07.html",
			text: []string{"javascript:alert(125)", "data:text/html,<script>alert(126)</script>"}},
		{name: "profile with entities", file: "profiles/p11.html", text: []string{"&lt;script&gt;alert(129)&lt;/script&gt;", "&#60;b&#62;Kreis"}},
		{name: "profile with comment and CDATA ends", file: "profiles/p12.html", text: []string{"]]><!--", "</title></textarea></style>"}},
	}
	b := startBrowser(t, exe)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			b.check(t, "file://"+filepath.Join(dir, filepath.FromSlash(p.file)), p, t.TempDir())
		})
	}
}
