package main

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/web"
)

// shownPages records, for each profile rendered, which units' responses
// its results held and what they answered to S01, then renders the page.
type shownPages struct {
	web.Pages
	mu   sync.Mutex
	last map[scoring.UnitID]string // unit → its S01 answer in the last profile's results
}

func (p *shownPages) Profile(w io.Writer, r *scoring.Results, u *scoring.UnitResult, cmp *scoring.Results, a *analyse.Report, later, pending bool, assets string) error {
	s01 := slices.IndexFunc(r.Model.Questions, func(q *scoring.Question) bool { return q.ID == "S01" })
	shown := map[scoring.UnitID]string{}
	for _, x := range r.Units {
		if x.Wave == "2028" && x.Response != nil {
			shown[x.Unit.ID] = x.Response.Answers.At(s01)
		}
	}
	p.mu.Lock()
	p.last = shown
	p.mu.Unlock()
	return p.Pages.Profile(w, r, u, cmp, a, later, pending, assets)
}

// TestServePeersRefreshInSteps: a municipality's own profile shows the
// others' submissions as of the last refresh, which waits until more than
// report.min_group_size (5 in the bundled config) municipalities have new
// or changed ones — six, so that whoever looks, five others changed; its
// own submission shows at once. Scored afresh at each
// submission, two visits one submission apart told how the newcomer
// answered (a peer count 12 → 13 at one answer). The association's pages
// show every submission at once.
func TestServePeersRefreshInSteps(t *testing.T) {
	pages := &shownPages{}
	f := MustServe(t, repoConfig, "", func(o *web.Options) { pages.Pages = o.Pages; o.Pages = pages })
	var units []scoring.UnitID
	for id := range f.codes {
		units = append(units, id)
	}
	slices.Sort(units)
	units = units[:7]
	clients := map[scoring.UnitID]*client{}
	submit := func(id scoring.UnitID, version int, s01 string) {
		t.Helper()
		c := clients[id]
		if c == nil {
			c = f.client(t)
			c.signIn(f.codes[id])
			clients[id] = c
		}
		if st, body := c.save(version-1, map[string][]string{"S01": {s01}}); st != http.StatusOK {
			t.Fatalf("%s saves: %d %s", id, st, body)
		}
		c.get("/questionnaire")
		if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {strconv.Itoa(version)}}); st != http.StatusSeeOther {
			t.Fatalf("%s submits: %d %s", id, st, loc)
		}
	}
	shown := func(id scoring.UnitID) map[scoring.UnitID]string {
		t.Helper()
		if st, _ := clients[id].get("/profile"); st != http.StatusOK {
			t.Fatalf("%s's profile: status %d", id, st)
		}
		pages.mu.Lock()
		defer pages.mu.Unlock()
		return pages.last
	}
	want := func(step string, got map[scoring.UnitID]string, answers ...string) {
		t.Helper()
		w := map[scoring.UnitID]string{}
		for i := 0; i < len(answers); i += 2 {
			w[scoring.UnitID(answers[i])] = answers[i+1]
		}
		if !maps.Equal(got, w) {
			t.Errorf("%s: the profile's results hold %v, want %v", step, got, w)
		}
	}
	u := func(i int) string { return string(units[i]) }

	submit(units[0], 1, "ja")
	want("first view", shown(units[0]), u(0), "ja")
	submit(units[1], 1, "nein")
	submit(units[2], 1, "nein")
	want("two others submitted", shown(units[0]), u(0), "ja")
	want("the newcomer's own view", shown(units[1]), u(0), "ja", u(1), "nein")
	submit(units[0], 2, "teilweise")
	want("its own change shows at once", shown(units[0]), u(0), "teilweise")
	submit(units[3], 1, "ja")
	submit(units[4], 1, "ja")
	want("four others", shown(units[0]), u(0), "teilweise")
	submit(units[5], 1, "nein")
	want("six changed, its own among them: refreshed", shown(units[0]), u(0), "teilweise", u(1), "nein", u(2), "nein", u(3), "ja", u(4), "ja", u(5), "nein")
	submit(units[6], 1, "ja")
	want("one more after the refresh", shown(units[0]), u(0), "teilweise", u(1), "nein", u(2), "nein", u(3), "ja", u(4), "ja", u(5), "nein")

	// The association sees every submission.
	admin := f.client(t)
	admin.adminSignIn()
	if st, _ := admin.get("/admin/profiles/" + u(0) + ".html"); st != http.StatusOK {
		t.Fatalf("the association's view of %s: status %d", u(0), st)
	}
	pages.mu.Lock()
	got := pages.last
	pages.mu.Unlock()
	want("the association", got, u(0), "teilweise", u(1), "nein", u(2), "nein", u(3), "ja", u(4), "ja", u(5), "nein", u(6), "ja")
}

// readsCounted counts the reads of every wave's submissions.
type readsCounted struct {
	fieldwork.Store
	mu    *sync.Mutex
	reads *int
}

func (s readsCounted) Submissions(ctx context.Context, w scoring.WaveID) ([]fieldwork.Sheet, error) {
	s.mu.Lock()
	*s.reads++
	s.mu.Unlock()
	return s.Store.Submissions(ctx, w)
}

// TestServeProfilesScoredOncePerRefresh: every municipality whose own
// submission the last refresh holds as it is sees the same results, those
// of the refresh, and they are scored once — not once per municipality
// looking. Each scoring is the wave's analysis and every unit's roadmap
// too: after the wave closed, 418 profiles were 418 scorings queued
// behind one lock, over a second a page at 16 visitors at once. A
// municipality that submitted since the refresh is scored with its own
// submission, once, and the others keep the shared results. The
// submissions are read once per change of them (a submission), not at
// every view: reading every answer cost a view more than rendering it.
func TestServeProfilesScoredOncePerRefresh(t *testing.T) {
	var mu sync.Mutex
	scorings, reads := 0, 0
	f := MustServe(t, repoConfig, "", func(o *web.Options) {
		o.Store = readsCounted{Store: o.Store, mu: &mu, reads: &reads}
		imp := o.Import
		o.Import = func(ctx context.Context, w fieldwork.Wave, sheets []fieldwork.Sheet) (*scoring.Dataset, error) {
			mu.Lock()
			scorings++
			mu.Unlock()
			return imp(ctx, w, sheets)
		}
	})
	var units []scoring.UnitID
	for id := range f.codes {
		units = append(units, id)
	}
	slices.Sort(units)
	units = units[:7]
	clients := map[scoring.UnitID]*client{}
	submit := func(i, version int, s01 string) {
		t.Helper()
		c := clients[units[i]]
		if c == nil {
			c = f.client(t)
			c.signIn(f.codes[units[i]])
			clients[units[i]] = c
		}
		if st, body := c.save(version-1, map[string][]string{"S01": {s01}}); st != http.StatusOK {
			t.Fatalf("%s saves: %d %s", units[i], st, body)
		}
		if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {strconv.Itoa(version)}}); st != http.StatusSeeOther {
			t.Fatalf("%s submits: %d %s", units[i], st, loc)
		}
	}
	for i := range units {
		submit(i, 1, "ja")
	}
	for _, step := range []struct {
		name     string
		resubmit int // unit that submits again before the view; -1: none
		view     int // unit whose profile is asked for
		want     int // scorings the view costs
		reads    int // reads of the wave's submissions it costs
	}{
		{"the first view: the refresh, scored", -1, 0, 1, 1},
		{"a second municipality: the same results", -1, 1, 0, 0},
		{"a third", -1, 2, 0, 0},
		{"a fourth", -1, 3, 0, 0},
		{"the first again", -1, 0, 0, 0},
		{"one that submitted since: its own scoring", 4, 4, 1, 1},
		{"another, after that submission: still the refresh's", -1, 5, 0, 0},
		{"the resubmitter again", -1, 4, 0, 0},
		{"the last one", -1, 6, 0, 0},
	} {
		if step.resubmit >= 0 {
			submit(step.resubmit, 2, "nein")
		}
		mu.Lock()
		before, readBefore := scorings, reads
		mu.Unlock()
		if st, _ := clients[units[step.view]].get("/profile"); st != http.StatusOK {
			t.Fatalf("%s: %s's profile: status %d", step.name, units[step.view], st)
		}
		mu.Lock()
		got, read := scorings-before, reads-readBefore
		mu.Unlock()
		if got != step.want {
			t.Errorf("%s: %d scorings, want %d", step.name, got, step.want)
		}
		if read != step.reads {
			t.Errorf("%s: the submissions read %d times, want %d", step.name, read, step.reads)
		}
	}
}

// TestServeOwnProfileAnalysedLater: a municipality's profile scored with
// its own submission newer than the last refresh is not analysed — the
// 1,000 model variants of every unit were two thirds of its first view
// after submitting at national size (6–13 s) — and says where its
// robustness line stands that it comes with the next refresh, never a
// figure of an earlier state; the refresh's shared results carry it. The
// association's overview and a municipality's profile at one store
// generation read the submissions once between them.
func TestServeOwnProfileAnalysedLater(t *testing.T) {
	var mu sync.Mutex
	analyses, reads := 0, 0
	f := MustServe(t, repoConfig, "", func(o *web.Options) {
		o.Store = readsCounted{Store: o.Store, mu: &mu, reads: &reads}
		an := o.Analysis
		o.Analysis = func(ctx context.Context, r *scoring.Results) (*analyse.Report, error) {
			mu.Lock()
			analyses++
			mu.Unlock()
			return an(ctx, r)
		}
	})
	var units []scoring.UnitID
	for id := range f.codes {
		units = append(units, id)
	}
	slices.Sort(units)
	units = units[:7]
	clients := map[scoring.UnitID]*client{}
	submit := func(i, version int, s01 string) {
		t.Helper()
		c := clients[units[i]]
		if c == nil {
			c = f.client(t)
			c.signIn(f.codes[units[i]])
			clients[units[i]] = c
		}
		if st, body := c.save(version-1, map[string][]string{"S01": {s01}}); st != http.StatusOK {
			t.Fatalf("%s saves: %d %s", units[i], st, body)
		}
		if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {strconv.Itoa(version)}}); st != http.StatusSeeOther {
			t.Fatalf("%s submits: %d %s", units[i], st, loc)
		}
	}
	// Every question answered, so that each has a level and the wave
	// enough units with an overall score for its robustness to be shown.
	m, _ := f.s.Model.Questionnaire("2028")
	for i := range units {
		c := f.client(t)
		c.signIn(f.codes[units[i]])
		clients[units[i]] = c
		all := map[string][]string{}
		for _, q := range m.Questions {
			if q.HasColumn() && q.ID != "S01" {
				field, value := answerFor(m, q, i)
				if field == "m:" {
					value = "m:" + value
				}
				all[string(q.ID)] = []string{value}
			}
		}
		if st, body := c.save(0, all); st != http.StatusOK {
			t.Fatalf("%s saves: %d %s", units[i], st, body)
		}
		submit(i, 2, "ja")
	}
	admin := f.client(t)
	admin.adminSignIn()
	const later = "Robustheit: wird für Ihre neue Einreichung berechnet"
	for _, step := range []struct {
		name      string
		resubmit  int // unit that submits again before the view; -1: none; -2: wave 2026 is created
		view      int // unit whose profile is asked for; -1: the association's overview
		analyses  int // analyses the view costs
		reads     int // reads of the wave's submissions it costs
		robust    bool
		laterNote bool
	}{
		{"the first view: the refresh, analysed", -1, 0, 1, 1, true, false},
		{"one that submitted since: scored with its own, not analysed", 4, 4, 0, 1, false, true},
		{"the overview at that generation: analysed, not read again", -1, -1, 1, 0, true, false},
		{"another, as refreshed: the refresh's analysis", -1, 1, 0, 0, true, false},
		// A new generation that changes no submission of 2028: its
		// answers are not read again, only the new wave's (none).
		{"a wave created: 2028 not read again", -2, -1, 1, 1, true, false},
	} {
		switch {
		case step.resubmit >= 0:
			submit(step.resubmit, 3, "nein")
		case step.resubmit == -2:
			if err := f.db.CreateWave(context.Background(), scoring.Wave{ID: "2026"}, fieldwork.Actor{}); err != nil {
				t.Fatal(err)
			}
		}
		mu.Lock()
		analysesBefore, readsBefore := analyses, reads
		mu.Unlock()
		c, path := admin, "/admin/overview.html?wait"
		if step.view >= 0 {
			c, path = clients[units[step.view]], "/profile?wait"
		}
		st, page := c.get(path)
		if st != http.StatusOK {
			t.Fatalf("%s: %s: status %d", step.name, path, st)
		}
		mu.Lock()
		gotAnalyses, gotReads := analyses-analysesBefore, reads-readsBefore
		mu.Unlock()
		if gotAnalyses != step.analyses || gotReads != step.reads {
			t.Errorf("%s: %d analyses and %d reads of the submissions, want %d and %d", step.name, gotAnalyses, gotReads, step.analyses, step.reads)
		}
		if step.view < 0 {
			continue
		}
		if got := strings.Contains(page, "Modellvarianten"); got != step.robust {
			t.Errorf("%s: a robustness figure on the profile: %v, want %v", step.name, got, step.robust)
		}
		if got := strings.Contains(page, later); got != step.laterNote {
			t.Errorf("%s: the note that the robustness comes later: %v, want %v", step.name, got, step.laterNote)
		}
	}
}

// TestServeOverviewAnalysedInBackground: the association's overview is
// answered without waiting for the analysis of the submissions (3 s of
// CPU at every submission at national size, which the page waited for):
// until it is done the page says so in its place, with a link to the page
// with ?wait, which waits for it and shows it — the page run writes. No
// analysis runs in a request: the wrapper below tells them apart by the
// request's context (net/http puts the server into it).
func TestServeOverviewAnalysedInBackground(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	inRequest := 0
	f := MustServe(t, repoConfig, "", func(o *web.Options) {
		an := o.Analysis
		o.Analysis = func(ctx context.Context, r *scoring.Results) (*analyse.Report, error) {
			if ctx.Value(http.ServerContextKey) != nil {
				mu.Lock()
				inRequest++
				mu.Unlock()
			} else {
				<-release
			}
			return an(ctx, r)
		}
	})
	m, _ := f.s.Model.Questionnaire("2028")
	ids := make([]scoring.UnitID, 0, len(f.codes))
	for id := range f.codes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, id := range ids[:6] {
		c := f.client(t)
		c.signIn(f.codes[id])
		c.submitAll(m, i, 1)
	}
	admin := f.client(t)
	admin.adminSignIn()
	pending := `<section id="analysis">
<h2>Analyse des Modells</h2>
<p class="note">Die statistische Prüfung des Modells und die Robustheit der Ergebnisse werden für den jetzigen Stand der Einreichungen noch berechnet; die Seite zeigt sie, sobald sie fertig sind. <a href="?wait">Seite mit der Analyse laden (wartet, bis sie fertig ist)</a></p>`
	st, page := admin.get("/admin/overview.html")
	if st != http.StatusOK || !strings.Contains(page, pending) || strings.Contains(page, `<section id="robustness">`) || strings.Contains(page, `<section id="validation">`) {
		t.Errorf("the overview while its analysis runs (status %d) does not say so in its place, or shows a part of it\n%s", st, page)
	}
	close(release)
	st, page = admin.get("/admin/overview.html?wait")
	if st != http.StatusOK || strings.Contains(page, `id="analysis"`) || !strings.Contains(page, `<section id="robustness">`) || !strings.Contains(page, `<section id="validation">`) {
		t.Errorf("the overview with ?wait (status %d) lacks the analysis or still says it is computed", st)
	}
	if _, again := admin.get("/admin/overview.html"); again != page {
		t.Error("once analysed, the overview without ?wait differs from the one with")
	}
	mu.Lock()
	defer mu.Unlock()
	if inRequest != 0 {
		t.Errorf("%d analyses ran in a request", inRequest)
	}
}

// TestServeProfileAnalysedInBackground: a municipality's profile of a
// peer refresh is answered without waiting for the refresh's analysis
// (some 7 s of CPU at national size, which the first municipality to look
// after each refresh waited for): until it is done the robustness line
// says so, in its place, with no figure; ?wait waits for it; later views
// show the same analysis, run once, off any request.
func TestServeProfileAnalysedInBackground(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	inRequest, analyses := 0, 0
	f := MustServe(t, repoConfig, "", func(o *web.Options) {
		an := o.Analysis
		o.Analysis = func(ctx context.Context, r *scoring.Results) (*analyse.Report, error) {
			mu.Lock()
			analyses++
			inReq := ctx.Value(http.ServerContextKey) != nil
			if inReq {
				inRequest++
			}
			mu.Unlock()
			if !inReq {
				<-release
			}
			return an(ctx, r)
		}
	})
	m, _ := f.s.Model.Questionnaire("2028")
	ids := make([]scoring.UnitID, 0, len(f.codes))
	for id := range f.codes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var clients []*client
	for i, id := range ids[:6] {
		c := f.client(t)
		c.signIn(f.codes[id])
		clients = append(clients, c)
		c.submitAll(m, i, 1)
	}
	const pending = "Robustheit: wird für den jetzigen Stand der Vergleichswerte gerade berechnet; laden Sie die Seite in einigen Minuten neu."
	for _, c := range clients[:2] {
		st, page := c.get("/profile")
		if st != http.StatusOK || !strings.Contains(page, pending) || strings.Contains(page, "Modellvarianten") || strings.Contains(page, "Ihre neue Einreichung") {
			t.Errorf("a profile while the refresh's analysis runs (status %d) does not say so in its place, or shows a figure or the wrong note\n%s", st, page)
		}
	}
	close(release)
	st, page := clients[0].get("/profile?wait")
	if st != http.StatusOK || strings.Contains(page, pending) || !strings.Contains(page, "Modellvarianten") {
		t.Errorf("the profile with ?wait (status %d) lacks the robustness figure or still says it is computed", st)
	}
	if _, again := clients[0].get("/profile"); again != page {
		t.Error("once analysed, the profile without ?wait differs from the one with")
	}
	if st, other := clients[2].get("/profile"); st != http.StatusOK || strings.Contains(other, pending) || !strings.Contains(other, "Modellvarianten") {
		t.Errorf("a later view of the refresh (status %d) lacks the robustness figure or says it is computed", st)
	}
	mu.Lock()
	defer mu.Unlock()
	if inRequest != 0 || analyses != 1 {
		t.Errorf("%d analyses, %d in a request; want 1 in the background", analyses, inRequest)
	}
}

// TestServeAnalysisPanics: an analysis that panics, run off any request
// (TestServeOverviewAnalysedInBackground), is the overview's error (500,
// told to OnError), not the end of the server: in a request net/http
// recovered it, in the background it would take the process down.
func TestServeAnalysisPanics(t *testing.T) {
	var mu sync.Mutex
	var reported []error
	f := MustServe(t, repoConfig, "", func(o *web.Options) {
		o.Analysis = func(context.Context, *scoring.Results) (*analyse.Report, error) { panic("a bug in the analysis") }
		o.OnError = func(_ *http.Request, err error) {
			mu.Lock()
			reported = append(reported, err)
			mu.Unlock()
		}
	})
	c := f.client(t)
	c.signIn(f.codes[unitA])
	if st, body := c.save(0, map[string][]string{"S01": {"ja"}}); st != http.StatusOK {
		t.Fatalf("save: %d %s", st, body)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", st, loc)
	}
	admin := f.client(t)
	admin.adminSignIn()
	if st, _ := admin.get("/admin/overview.html?wait"); st != http.StatusInternalServerError {
		t.Errorf("the overview of a panicking analysis: status %d, want 500", st)
	}
	if st, _ := admin.get("/healthz"); st != http.StatusOK {
		t.Errorf("after the panic the server answers %d", st)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reported) != 1 || !strings.Contains(reported[0].Error(), "analysis: panic: a bug in the analysis") {
		t.Errorf("reported: %v, want the analysis's panic once", reported)
	}
}

// TestServeOwnNewerSubmissionCannotProbeOthers: a municipality's profile
// scored with its own submission newer than the last refresh showed its
// percentile and the medians with that submission among the others of
// the refresh. By submitting other answers again and again, a member of a
// group of five could watch its percentile step by a quarter as its score
// passed each of the four others', and the medians move to them: each of
// their scores, found by trying. Until the next refresh such a profile
// now compares with the refresh itself: the medians stay those of the
// refresh, and its percentiles are to come, as its robustness is.
func TestServeOwnNewerSubmissionCannotProbeOthers(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	m, _ := f.s.Model.Questionnaire("2028")
	ids := make([]scoring.UnitID, 0, len(f.codes))
	for id := range f.codes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	clients := map[scoring.UnitID]*client{}
	submit := func(id scoring.UnitID, version, k int) {
		t.Helper()
		c := clients[id]
		if c == nil {
			c = f.client(t)
			c.signIn(f.codes[id])
			clients[id] = c
		}
		c.submitAll(m, k, version)
	}
	type view struct {
		score, pct, pctSub string
		medians            []string
	}
	figure := regexp.MustCompile(`<div class="label">(Gesamtwert \(0–100\)|Vergleich mit allen Kommunen)</div><div class="value">([^<]*)</div>(?:<div class="sub">([^<]*)</div>)?`)
	median := regexp.MustCompile(`data-label="Median (?:aller Kommunen|der Vergleichsgruppe)">([^<]*)<`)
	look := func(id scoring.UnitID) view {
		t.Helper()
		st, page := clients[id].get("/profile")
		if st != http.StatusOK {
			t.Fatalf("%s's profile: status %d", id, st)
		}
		var v view
		for _, m := range figure.FindAllStringSubmatch(page, -1) {
			if m[1] == "Vergleich mit allen Kommunen" {
				v.pct, v.pctSub = m[2], m[3]
			} else {
				v.score = m[2]
			}
		}
		for _, m := range median.FindAllStringSubmatch(page, -1) {
			v.medians = append(v.medians, m[1])
		}
		if v.score == "" || v.pct == "" || len(v.medians) == 0 {
			t.Fatalf("%s's profile lacks its score, its percentile or the medians:\n%s", id, page)
		}
		return v
	}
	for i, id := range ids[:6] {
		submit(id, 1, i)
	}
	me := ids[0]
	refreshed := look(me)
	if !strings.HasSuffix(refreshed.pct, "%") {
		t.Fatalf("the refresh's profile shows the percentile %q, want one (six municipalities, at least five)", refreshed.pct)
	}
	scores := map[string]bool{refreshed.score: true}
	for version, k := range []int{7, 11, 13} {
		submit(me, version+2, k)
		got := look(me)
		scores[got.score] = true
		if got.pct != "–" || got.pctSub != "für Ihre neue Einreichung, sobald die Vergleichswerte das nächste Mal aktualisiert werden" {
			t.Errorf("after submitting answers %d again: the percentile reads %q (%q), want it to come with the next refresh", k, got.pct, got.pctSub)
		}
		if !slices.Equal(got.medians, refreshed.medians) {
			t.Errorf("after submitting answers %d again: the medians are %v, want the refresh's %v", k, got.medians, refreshed.medians)
		}
	}
	if len(scores) < 3 {
		t.Fatalf("the resubmissions gave the scores %v: too few different ones to probe with", scores)
	}
}
