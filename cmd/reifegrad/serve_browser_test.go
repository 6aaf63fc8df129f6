package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/scoring"
)

// browse starts headless Chromium and fails the test on any console
// error (a refused script or style under the Content-Security-Policy
// among them), exception or dialog.
func browse(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browsertest.Start(t, browsertest.Chromium(t), 1280, 1000), 3*time.Minute)
	t.Cleanup(cancel)
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			t.Errorf("exception: %s", ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				t.Errorf("console error: %v", ev.Args)
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError && !strings.Contains(ev.Entry.URL, "favicon") {
				t.Errorf("browser log: %s %s", ev.Entry.Text, ev.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			t.Errorf("dialog: %q", ev.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	if err := chromedp.Run(ctx, cdplog.Enable()); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// step is one thing a person does on the questionnaire, and how to see
// afterwards that it stuck.
type step struct {
	sel  string // element to click, or to type into
	text string // typed, then the field is left (Tab)
}

// plan answers every question of the model the way a person would: a
// choice, "weiß nicht" or "nicht zutreffend" on some, numbers with a
// decimal comma, ticks in multi-selects, "keine davon" once.
func plan(m *scoring.Model) []step {
	var out []step
	multi := 0
	for i, q := range m.Questions {
		fs := fmt.Sprintf("#q%d ", i)
		offered := fieldwork.Offered(m, q.Scale)
		radio := func(name, value string) string {
			return fs + fmt.Sprintf(`input[type=radio][name=%q][value=%q]`, name+string(q.ID), value)
		}
		switch sc := q.Scale; {
		case i%9 == 4 && len(offered) > 0 && sc.Kind == scoring.ScaleMap:
			out = append(out, step{sel: radio("a:", offered[0].Code)}) // weiß nicht
		case i%9 == 7 && len(offered) > 1 && sc.Kind == scoring.ScaleMap:
			out = append(out, step{sel: radio("a:", offered[1].Code)}) // nicht zutreffend
		case sc.Kind == scoring.ScaleMap:
			out = append(out, step{sel: radio("a:", sc.Labels[(i/2)%len(sc.Labels)])})
		case sc.Kind == scoring.ScaleNumeric && i%3 == 0 && len(offered) > 0:
			out = append(out, step{sel: radio("m:", offered[0].Code)})
		case sc.Kind == scoring.ScaleNumeric:
			v := "12"
			if sc.HasMax && sc.Max <= 100 {
				v = "37,5"
			}
			out = append(out, step{sel: fs + "input[type=text]", text: v})
		case sc.Kind == scoring.ScaleMulti:
			multi++
			if multi == 3 {
				out = append(out, step{sel: radio("m:", "none")})
				continue
			}
			for k := 0; k < len(sc.Items) && k < multi+1; k++ {
				out = append(out, step{sel: fs + fmt.Sprintf(`input[type=checkbox][value=%q]`, sc.Items[k].Code)})
			}
		}
	}
	return out
}

// clickChecked clicks a radio button or checkbox as a person does, and
// clicks again if the click did not tick it: on a machine under load the
// page may still move (a status line, an error that clears) between
// finding the element and the click landing.
func clickChecked(ctx context.Context, sel string) error {
	var err error
	for range 3 {
		if err = chromedp.Run(ctx, chromedp.ScrollIntoView(sel, chromedp.ByQuery), chromedp.Click(sel, chromedp.ByQuery)); err != nil {
			continue
		}
		var checked bool
		if err = chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).checked`, sel), &checked)); err == nil && checked {
			return nil
		}
		err = fmt.Errorf("not ticked after the click")
	}
	return err
}

// waitSaved waits until the questionnaire's script has saved everything.
func waitSaved(ctx context.Context, t *testing.T) {
	t.Helper()
	var status string
	settled := 0
	for range 300 {
		if err := chromedp.Run(ctx, chromedp.Text("#save-status", &status, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		// Saved twice in a row, 50 ms apart: no change was on its way.
		if settled++; !strings.HasPrefix(status, "Alle Antworten gespeichert") {
			settled = 0
		}
		if settled == 2 {
			return
		}
		if strings.Contains(status, "Nicht gespeichert") || strings.Contains(status, "geändert") {
			t.Fatalf("save status: %s", status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("not saved after 15 s: %q", status)
}

// TestServeBrowser: a municipality in headless Chromium signs in, answers
// every question (every scale kind, "weiß nicht", "nicht zutreffend",
// "keine davon"), closes and reopens the page (the draft is there),
// submits and reads its profile. run, scoring the association's export,
// computes the numbers the profile shows.
func TestServeBrowser(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	ctx := browse(t)
	m := f.s.Model
	// Four other municipalities submit first, so that peer figures
	// appear once this one submits too.
	ids, sheets := exampleSheets(t, 4)
	for i, id := range ids {
		c := f.client(t)
		c.signIn(f.codes[id])
		if st, body := c.save(0, formAnswers(m, sheets[i])); st != http.StatusOK {
			t.Fatalf("%s: %d %s", id, st, body)
		}
		c.get("/questionnaire")
		c.post("/questionnaire/submit", map[string][]string{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}})
	}
	const unit = unitA
	if err := chromedp.Run(ctx,
		chromedp.Navigate(f.srv.URL+"/"),
		chromedp.WaitVisible("#code", chromedp.ByQuery),
		chromedp.SendKeys("#code", strings.ToLower(f.codes[unit]), chromedp.ByQuery),
		chromedp.Submit("#code", chromedp.ByQuery),
		chromedp.WaitVisible("#questionnaire", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	steps := plan(m)
	for _, s := range steps {
		var err error
		if s.text != "" {
			err = chromedp.Run(ctx, chromedp.SendKeys(s.sel, s.text+"\t", chromedp.ByQuery))
		} else {
			err = clickChecked(ctx, s.sel)
		}
		if err != nil {
			t.Fatalf("%s: %v", s.sel, err)
		}
	}
	waitSaved(ctx, t)
	// The page says saved once nothing it knows of waits; the last field's
	// change may reach it a moment after the keys, under load: the
	// database has the last word.
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if sh, err := f.db.Sheet(context.Background(), "2028", unit); err == nil && len(sh.Answers) == len(m.Questions) {
			break
		}
	}
	waitSaved(ctx, t)
	var progress string
	if err := chromedp.Run(ctx, chromedp.Text("#progress-text", &progress, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d von %d Fragen beantwortet", len(m.Questions), len(m.Questions)); progress != want {
		t.Errorf("progress: %q, want %q", progress, want)
	}
	// A closed browser keeps the draft: a new tab after a reload shows
	// every answer.
	if err := chromedp.Run(ctx, chromedp.Reload(), chromedp.WaitVisible("#questionnaire", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		var ok bool
		js := fmt.Sprintf(`(function(){var e=document.querySelector(%q);return e!==null&&(e.type==="text"?e.value===%q:e.checked);})()`, s.sel, s.text)
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok)); err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("after the reload, %s is not as answered", s.sel)
		}
	}
	sheet, err := f.db.Sheet(context.Background(), "2028", unit)
	if err != nil || len(sheet.Answers) != len(m.Questions) || sheet.IsSubmitted() {
		t.Fatalf("draft in the database: %d answers, submitted %v, %v", len(sheet.Answers), sheet.IsSubmitted(), err)
	}
	// A sheet with an area not scored (an answer "weiß nicht") is shown
	// what that means before it is submitted; the person submits anyway.
	var confirm bool
	if err := chromedp.Run(ctx,
		chromedp.Click("#submit button", chromedp.ByQuery),
		chromedp.WaitVisible("#profile-compare, section.confirm button", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("section.confirm") !== null`, &confirm),
	); err != nil {
		t.Fatal(err)
	}
	if confirm {
		if err := chromedp.Run(ctx, chromedp.Click("section.confirm button", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
	}
	var charts int
	if err := chromedp.Run(ctx,
		chromedp.WaitVisible("#profile-compare", chromedp.ByID),
		chromedp.Poll(`window.reifegradCharts && window.reifegradCharts.length`, &charts, chromedp.WithPollingTimeout(20*time.Second)),
	); err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("table")[0].tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.textContent))`, &rows)); err != nil {
		t.Fatal(err)
	}
	var level string
	if err := chromedp.Run(ctx, chromedp.Text(".level-figure .value", &level, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}

	// run scores the association's export.
	admin := f.client(t)
	admin.adminSignIn()
	_, export := admin.get("/admin/waves/2028/export.csv")
	file := filepath.Join(f.dir, "antworten_2028.csv")
	if err := os.WriteFile(file, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(f.dir, "out")
	MustRunIn(t, "", "-c", repoConfig, "-i", "2028="+file, "-o", out, "-q")
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	want := map[string]string{}
	wantLevel := ""
	for _, r := range scores[1:] {
		if r[1] != string(unit) || (r[3] != "overall" && r[3] != "dimension") {
			continue
		}
		x, err := strconv.ParseFloat(r[6], 64)
		if err != nil {
			t.Fatalf("scores.csv: %v", err)
		}
		name := r[5]
		if r[3] == "overall" {
			name = "overall"
			wantLevel = r[8]
		}
		want[name] = strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", ",", 1)
	}
	if len(rows) != len(want) {
		t.Fatalf("the profile's table has %d rows, scores.csv %d scores of %s", len(rows), len(want), unit)
	}
	for i, row := range rows {
		name := strings.TrimSpace(row[0])
		if i == 0 {
			name = "overall"
		}
		if got := strings.TrimSpace(row[1]); got != want[name] {
			t.Errorf("%s: the live profile shows %s, run scores %s", name, got, want[name])
		}
	}
	if !strings.Contains(level, strings.TrimSpace(wantLevel)) || wantLevel == "" {
		t.Errorf("level: the live profile shows %q, run %q", level, wantLevel)
	}
	if charts < 2 {
		t.Errorf("%d charts drawn on the profile, want the radar and the bars", charts)
	}
}
