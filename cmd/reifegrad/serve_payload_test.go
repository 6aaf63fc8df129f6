package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Script payloads, as a hostile register, model or respondent could put
// them into names, labels, texts and answers.
const (
	payScript = `<script>alert(1)</script>`
	payImg    = `"><img src=x onerror=alert(2)>`
	payAttr   = `' onmouseover='alert(3)`
)

// hostileConfig writes the repository's config with script payloads in an
// answer of a scale, a multi-select item, a question's text and help, and
// a dimension's name; and a register of six Saxon municipalities whose
// names and districts are payloads.
func hostileConfig(t *testing.T) (cfg, units string) {
	t.Helper()
	src, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, r := range []struct{ old, new string }{
		{`janein:
      map: {ja: 1, teilweise: 0.5, nein: 0}`, `janein:
      map: {"ja` + payScript + `": 1, teilweise: 0.5, nein: 0}`},
		{`{code: backup, label: Offline-Datensicherung}`, `{code: backup, label: "Offline` + strings.ReplaceAll(payImg, `"`, `\"`) + `"}`},
		{`{id: S01, scale: janein, text: "Verfügt Ihre Kommune über eine beschlossene Digitalisierungsstrategie?"}`,
			`{id: S01, scale: janein, text: "Strategie? ` + payScript + `", help: "` + strings.ReplaceAll(payImg, `"`, `\"`) + `"}`},
		{`name: Strategie & Steuerung`, `name: "Strategie ` + payAttr + `"`},
	} {
		if !strings.Contains(s, r.old) {
			t.Fatalf("config.yaml no longer has %q", r.old)
		}
		s = strings.Replace(s, r.old, r.new, 1)
	}
	dir := t.TempDir()
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	units = filepath.Join(dir, "register.csv")
	reg := "ags,name,district,population,lon,lat\n" +
		`14511000,"Chemnitz ` + strings.ReplaceAll(payScript, `"`, `""`) + `","Kreis ` + strings.ReplaceAll(payImg, `"`, `""`) + `",250681,12.92,50.83` + "\n" +
		`14612000,"Dresden ` + strings.ReplaceAll(payImg, `"`, `""`) + `",Dresden,563011,13.74,51.05` + "\n" +
		`14713000,"Leipzig ` + payAttr + `",Leipzig,601866,12.37,51.34` + "\n" +
		"14521010,Amtsberg,Erzgebirgskreis,3691,13.0,50.7\n14521020,Annaberg-Buchholz,Erzgebirgskreis,19613,13.0,50.57\n14521035,Aue-Bad Schlema,Erzgebirgskreis,19878,12.7,50.59\n"
	if err := os.WriteFile(units, []byte(reg), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, units
}

// TestServePayloads: with script payloads in the register, the model and
// the answers, no page of the server carries one as markup, and in
// Chromium none runs (a dialog, exception or console error fails the
// test).
func TestServePayloads(t *testing.T) {
	cfg, units := hostileConfig(t)
	f := MustServe(t, cfg, units)
	answers := map[string][]string{"S01": {"ja" + payScript}, "I04": {"backup", "mfa"}, "S02": {"teilweise"}}
	for _, id := range []string{"14511000", "14612000", "14713000", "14521010", "14521020", "14521035"} {
		c := f.client(t)
		c.signIn(f.codes[scoringUnit(id)])
		if st, body := c.save(0, answers); st != http.StatusOK {
			t.Fatalf("%s: save: %d %s", id, st, body)
		}
		c.get("/questionnaire")
		if st, _, _ := c.post("/questionnaire/submit", map[string][]string{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("%s: submit: %d", id, st)
		}
	}
	unit := f.client(t)
	unit.signIn(f.codes["14511000"])
	admin := f.client(t)
	admin.adminSignIn()
	pages := []struct {
		c    *client
		path string
	}{
		{unit, "/questionnaire"}, {unit, "/profile"},
		{admin, "/admin"}, {admin, "/admin/waves/2028"}, {admin, "/admin/audit"},
		{admin, "/admin/overview.html?wait"}, {admin, "/admin/profiles/14511000.html"}, {admin, "/admin/profiles/14612000.html"},
	}
	for _, p := range pages {
		st, body := p.c.get(p.path)
		if st != http.StatusOK {
			t.Errorf("%s: status %d", p.path, st)
		}
		// The attribute payload is harmless outside a tag (the chart data
		// hold it as a JSON string); the browser below looks for it as an
		// attribute.
		for _, pay := range []string{payScript, "<img src=x"} {
			if strings.Contains(body, pay) {
				t.Errorf("%s carries the payload %q as markup", p.path, pay)
			}
		}
		if !strings.Contains(body, "alert(") && p.path != "/admin" {
			t.Errorf("%s shows none of the payloads at all: the test checks nothing there", p.path)
		}
	}

	// The confirmation before a submission with questions open shows
	// dimension names and question texts of the model.
	confirming := f.client(t)
	confirming.signIn(f.codes["14612000"])
	if st, body := confirming.save(1, map[string][]string{"I04": {"backup"}}); st != http.StatusOK {
		t.Fatalf("save: %d %s", st, body)
	}
	if st, _, body := confirming.post("/questionnaire/submit", map[string][]string{"wave": {"2028"}, "version": {"2"}}); st != http.StatusOK || !strings.Contains(body, `name="confirm"`) {
		t.Errorf("the confirmation: status %d, or no confirmation", st)
	} else {
		for _, pay := range []string{payScript, "<img src=x"} {
			if strings.Contains(body, pay) {
				t.Errorf("the confirmation carries the payload %q as markup", pay)
			}
		}
		if !strings.Contains(body, "alert(") {
			t.Error("the confirmation shows none of the payloads at all: the test checks nothing there")
		}
	}

	ctx := browse(t)
	visit := func(path string) {
		t.Helper()
		var n int
		if err := chromedp.Run(ctx, chromedp.Navigate(f.srv.URL+path), chromedp.WaitReady("body", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll("[onerror],[onmouseover]").length`, &n)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if n != 0 {
			t.Errorf("%s: %d elements carry an event handler attribute", path, n)
		}
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(f.srv.URL+"/signin"), chromedp.WaitVisible("#code", chromedp.ByQuery),
		chromedp.SendKeys("#code", f.codes["14511000"], chromedp.ByQuery), chromedp.Submit("#code", chromedp.ByQuery),
		chromedp.WaitVisible("#questionnaire", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	visit("/questionnaire")
	visit("/profile")
	if err := chromedp.Run(ctx, chromedp.Navigate(f.srv.URL+"/admin/signin"), chromedp.WaitVisible("#password", chromedp.ByQuery),
		chromedp.SendKeys("#password", testPassword, chromedp.ByQuery), chromedp.Submit("#password", chromedp.ByQuery),
		chromedp.WaitVisible("nav", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages[2:] {
		visit(p.path)
	}
}
