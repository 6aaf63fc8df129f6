package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/web"
)

// Two municipalities of the Saxon register in different districts and
// size classes: nothing of B may ever reach A.
const (
	unitA     = scoring.UnitID("14511000") // Chemnitz, Stadt
	unitB     = scoring.UnitID("14612000") // Dresden, Stadt
	unitBName = "Dresden"
)

// TestServeRoutes calls every route as a visitor, a municipality and the
// association, and checks the status each role gets.
func TestServeRoutes(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	if err := f.db.CreateWave(context.Background(), scoring.Wave{ID: "2027"}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	unit := f.client(t)
	unit.signIn(f.codes[unitA])
	if st, body := unit.save(0, map[string][]string{"S01": {"ja"}}); st != http.StatusOK {
		t.Fatalf("save: %d %s", st, body)
	}
	unit.get("/questionnaire")
	admin := f.client(t)
	admin.adminSignIn()
	anon := f.client(t)
	anon.get("/signin")

	const (
		redirect = http.StatusSeeOther
		ok       = http.StatusOK
		unauth   = http.StatusUnauthorized
		forbid   = http.StatusForbidden
	)
	profileFile := "/admin/profiles/" + string(unitA) + ".html"
	tests := []struct {
		method, path string
		form         url.Values
		anon, unit   int
		admin        int
	}{
		{"GET", "/", nil, redirect, redirect, redirect},
		{"GET", "/signin", nil, ok, ok, ok},
		{"GET", "/admin/signin", nil, ok, ok, ok},
		{"GET", "/healthz", nil, ok, ok, ok},
		{"GET", "/assets/echarts.min.js", nil, ok, ok, ok},
		{"GET", "/assets/serve.js", nil, ok, ok, ok},
		{"GET", "/admin/assets/reifegrad.css", nil, ok, ok, ok},
		{"GET", "/assets/config.yaml", nil, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound},
		{"GET", "/nowhere", nil, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound},
		{"GET", "/questionnaire", nil, redirect, ok, forbid},
		{"POST", "/questionnaire/save", url.Values{"wave": {"2028"}, "version": {"1"}}, unauth, redirect, forbid},
		{"POST", "/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}, unauth, redirect, forbid},
		{"GET", "/profile", nil, redirect, ok, forbid},
		{"GET", "/admin", nil, redirect, forbid, ok},
		{"POST", "/admin/waves", url.Values{"id": {"2026"}}, unauth, forbid, redirect},
		{"POST", "/admin/waves/2028/open", nil, unauth, forbid, redirect},
		{"POST", "/admin/waves/2027/close", nil, unauth, forbid, redirect},
		{"GET", "/admin/waves/2028", nil, redirect, forbid, ok},
		{"GET", "/admin/waves/2028/reminders.csv", nil, redirect, forbid, ok},
		{"GET", "/admin/waves/2028/export.csv", nil, redirect, forbid, ok},
		{"GET", "/admin/overview.html", nil, redirect, forbid, ok},
		{"GET", profileFile, nil, redirect, forbid, ok},
		{"GET", "/admin/audit", nil, redirect, forbid, ok},
	}
	for _, tt := range tests {
		for _, who := range []struct {
			name string
			c    *client
			want int
		}{{"visitor", anon, tt.anon}, {"municipality", unit, tt.unit}, {"association", admin, tt.admin}} {
			t.Run(who.name+" "+tt.method+" "+tt.path, func(t *testing.T) {
				who.c.tb = t
				var st int
				var body string
				if tt.method == "GET" {
					st, body = who.c.get(tt.path)
				} else {
					form := url.Values{}
					for k, v := range tt.form {
						form[k] = v
					}
					st, _, body = who.c.post(tt.path, form)
				}
				if st != who.want {
					t.Errorf("got %d, want %d\n%.300s", st, who.want, body)
				}
			})
		}
	}
	// Signing out needs the token too, and ends the session.
	if st, _, _ := unit.do("POST", "/signout", url.Values{}, nil); st != http.StatusForbidden {
		t.Errorf("sign-out without token: %d, want 403", st)
	}
	unit.tb = t
	if st, loc, _ := unit.post("/signout", nil); st != http.StatusSeeOther || loc != "/signin" {
		t.Errorf("sign-out: %d %s", st, loc)
	}
	if st, _ := unit.get("/questionnaire"); st != http.StatusSeeOther {
		t.Errorf("questionnaire after sign-out: %d, want 303 to the sign-in", st)
	}
}

// TestServeIsolation: municipality A asks for B's answers, profile and
// export under every URL shape it could try. It gets 403 or 404, or its
// own data; never a byte of B's.
func TestServeIsolation(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	b := f.client(t)
	b.signIn(f.codes[unitB])
	if st, body := b.save(0, map[string][]string{"S01": {"nein"}, "O02": {"7"}}); st != http.StatusOK {
		t.Fatalf("B's save: %d %s", st, body)
	}
	b.get("/questionnaire")
	if st, loc, _ := b.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther || loc != "/profile" {
		t.Fatalf("B's submit: %d %s", st, loc)
	}
	a := f.client(t)
	a.signIn(f.codes[unitA])
	bID := string(unitB)
	shapes := []string{
		"/profile?unit=" + bID, "/profile?ags=" + bID, "/profile/" + bID, "/profile/" + bID + ".html",
		"/profiles/" + bID + ".html", "/admin/profiles/" + bID + ".html", "/admin/profiles/..%2F" + bID + ".html",
		"/questionnaire?unit=" + bID, "/questionnaire/" + bID, "/questionnaire?ags=" + bID + "&wave=2028",
		"/admin/waves/2028/export.csv", "/admin/waves/2028/export.csv?unit=" + bID, "/admin/waves/2028/reminders.csv",
		"/admin/waves/2028", "/admin/audit?unit=" + bID, "/admin/overview.html", "/admin",
		"/assets/..%2F..%2F" + bID, "/export.csv", "/api/answers?unit=" + bID,
	}
	for _, p := range shapes {
		st, body := a.get(p)
		if st != http.StatusForbidden && st != http.StatusNotFound && st != http.StatusOK {
			t.Errorf("GET %s: status %d, want 403, 404 or A's own page", p, st)
		}
		if strings.Contains(body, bID) || strings.Contains(body, unitBName) {
			t.Errorf("GET %s (status %d) shows B's data", p, st)
		}
	}
	// A's posts naming B change A's sheet only.
	a.get("/questionnaire")
	form := url.Values{"wave": {"2028"}, "version": {"0"}, "unit": {bID}, "ags": {bID}, "q": {"S01"}, "a:S01": {"ja"}}
	if st, _, body := a.do("POST", "/questionnaire/save?unit="+bID, withCSRF(form, a.csrf), http.Header{"Accept": {"application/json"}}); st != http.StatusOK {
		t.Fatalf("A's save naming B: %d %s", st, body)
	}
	st, _, _ := a.do("POST", "/questionnaire/submit?unit="+bID, withCSRF(url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}, "unit": {bID}}, a.csrf), nil)
	if st != http.StatusSeeOther {
		t.Fatalf("A's submit naming B: %d", st)
	}
	ctx := context.Background()
	sb, err := f.db.Sheet(ctx, "2028", unitB)
	if err != nil {
		t.Fatal(err)
	}
	if sb.Version != 1 || sb.SubmittedVersion != 1 || sb.Answers["S01"] != "nein" {
		t.Errorf("B's sheet after A's posts: %+v", sb)
	}
	sa, _ := f.db.Sheet(ctx, "2028", unitA)
	if sa.Answers["S01"] != "ja" || sa.SubmittedVersion != 1 {
		t.Errorf("A's sheet: %+v", sa)
	}
	// A's own profile holds nothing of B's either.
	st, body := a.get("/profile")
	if st != http.StatusOK || strings.Contains(body, bID) || strings.Contains(body, unitBName) {
		t.Errorf("A's profile: status %d, shows B: %v", st, strings.Contains(body, unitBName))
	}
}

func withCSRF(form url.Values, tok string) url.Values {
	form.Set("csrf", tok)
	return form
}

// TestServeCSRF: every request that changes something fails without the
// session's token, with another session's token, or from another origin;
// nothing is changed.
func TestServeCSRF(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	unit := f.client(t)
	unit.signIn(f.codes[unitA])
	other := f.client(t)
	other.signIn(f.codes[unitB])
	admin := f.client(t)
	admin.adminSignIn()
	save := url.Values{"wave": {"2028"}, "version": {"0"}, "q": {"S01"}, "a:S01": {"ja"}}
	tests := []struct {
		name   string
		c      *client
		path   string
		form   url.Values
		token  string
		header http.Header
	}{
		{"save without token", unit, "/questionnaire/save", save, "", nil},
		{"save with another session's token", unit, "/questionnaire/save", save, other.csrf, nil},
		{"save from another origin", unit, "/questionnaire/save", save, unit.csrf, http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}},
		{"submit without token", unit, "/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"0"}}, "", nil},
		{"create wave without token", admin, "/admin/waves", url.Values{"id": {"2026"}}, "", nil},
		{"create wave with a municipality's token", admin, "/admin/waves", url.Values{"id": {"2026"}}, unit.csrf, nil},
		{"close wave without token", admin, "/admin/waves/2028/close", url.Values{}, "", nil},
		{"close wave from another origin", admin, "/admin/waves/2028/close", url.Values{}, admin.csrf, http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}},
		{"sign out without token", unit, "/signout", url.Values{}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.tb = t
			form := url.Values{}
			for k, v := range tt.form {
				form[k] = v
			}
			if tt.token != "" {
				form.Set("csrf", tt.token)
			}
			if st, _, body := tt.c.do("POST", tt.path, form, tt.header); st != http.StatusForbidden {
				t.Errorf("got %d, want 403\n%.300s", st, body)
			}
		})
	}
	ctx := context.Background()
	if s, _ := f.db.Sheet(ctx, "2028", unitA); s.Version != 0 {
		t.Errorf("a refused save changed the sheet: version %d", s.Version)
	}
	waves, _ := f.db.Waves(ctx)
	if len(waves) != 1 || waves[0].State != fieldwork.WaveOpen {
		t.Errorf("refused requests changed the waves: %+v", waves)
	}
	if st, _ := unit.get("/questionnaire"); st != http.StatusOK {
		t.Errorf("the session ended on a refused sign-out: %d", st)
	}
	// The sign-in form's token is a cookie and a field that must match.
	anon := f.client(t)
	anon.get("/signin")
	if st, _, _ := anon.post("/signin", url.Values{"code": {f.codes[unitA]}, "csrf": {"x" + anon.csrf}}); st != http.StatusForbidden {
		t.Errorf("sign-in with a wrong form token: %d, want 403", st)
	}
	fresh := f.client(t)
	if st, _, _ := fresh.post("/signin", url.Values{"code": {f.codes[unitA]}, "csrf": {anon.csrf}}); st != http.StatusForbidden {
		t.Errorf("sign-in without the token cookie: %d, want 403", st)
	}
}

// TestServeSignInLimit: 20 wrong codes in a row from one address are
// slowed down: after five, each try must wait, and tries before that are
// refused (429) without being checked — even the right code. Codes are
// limited per selector too, whatever the address; and the answer never
// tells a wrong code from an unknown one.
func TestServeSignInLimit(t *testing.T) {
	f := MustServe(t, repoConfig, "", func(o *web.Options) { o.TrustProxy = true })
	right := f.codes[unitA]
	wrong := right[:len(right)-1] + map[bool]string{true: "1", false: "0"}[right[len(right)-1] == '0']
	c := f.client(t)
	c.header.Set("X-Forwarded-For", "192.0.2.1")
	c.get("/signin")
	var got []int
	for i := range 20 {
		code := wrong
		if i%2 == 1 {
			code = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ" + string(rune('0'+i%10))
		}
		st, _, _ := c.post("/signin", url.Values{"code": {code}})
		got = append(got, st)
	}
	want := []int{401, 401, 401, 401, 401, 401}
	for range 14 {
		want = append(want, 429)
	}
	if !equalInts(got, want) {
		t.Errorf("20 wrong codes: statuses %v, want %v", got, want)
	}
	if st, _, _ := c.post("/signin", url.Values{"code": {right}}); st != http.StatusTooManyRequests {
		t.Errorf("right code while the address waits: %d, want 429", st)
	}
	f.wait(2 * time.Second)
	if st, loc, _ := c.post("/signin", url.Values{"code": {right}}); st != http.StatusSeeOther || loc != "/questionnaire" {
		t.Errorf("right code after the wait: %d %s", st, loc)
	}

	// Per code: guesses at B's code from ever new addresses.
	b := f.codes[unitB]
	guess := b[:len(b)-1] + map[bool]string{true: "1", false: "0"}[b[len(b)-1] == '0']
	got = got[:0]
	for i := range 10 {
		g := f.client(t)
		g.header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(i))
		g.get("/signin")
		st, _, _ := g.post("/signin", url.Values{"code": {guess}})
		got = append(got, st)
	}
	if want := []int{401, 401, 401, 401, 401, 401, 429, 429, 429, 429}; !equalInts(got, want) {
		t.Errorf("guesses at one code from ten addresses: %v, want %v", got, want)
	}

	// Same answer for a wrong code, an unknown one and no code at all.
	d := f.client(t)
	d.header.Set("X-Forwarded-For", "203.0.113.9")
	d.get("/signin")
	var bodies []string
	for _, code := range []string{wrong, "ABCD-EFGH-JKMN-PQRS-TVWX", "nonsense"} {
		st, _, body := d.post("/signin", url.Values{"code": {code}})
		if st != http.StatusUnauthorized {
			t.Errorf("sign-in with %q: %d, want 401", code, st)
		}
		bodies = append(bodies, body)
	}
	if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Error("the answers to a wrong, an unknown and a malformed code differ")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestServeConflict: two tabs of one municipality. The second save from
// the old version is refused with 409 and saves nothing; so is a submit
// of a version the page no longer shows.
func TestServeConflict(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	tab1 := f.client(t)
	tab1.signIn(f.codes[unitA])
	tab2 := &client{tb: t, base: tab1.base, c: tab1.c, csrf: tab1.csrf, header: http.Header{}}
	if st, body := tab1.save(0, map[string][]string{"S01": {"ja"}}); st != http.StatusOK || !strings.Contains(body, `"version":1`) {
		t.Fatalf("tab 1: %d %s", st, body)
	}
	st, body := tab2.save(0, map[string][]string{"S01": {"nein"}, "S02": {"nein"}})
	var resp struct {
		Conflict bool
		Version  int
		Error    string
	}
	json.Unmarshal([]byte(body), &resp)
	if st != http.StatusConflict || !resp.Conflict || resp.Version != 1 || resp.Error == "" {
		t.Errorf("tab 2 from version 0: %d %s, want 409 with the conflict at version 1", st, body)
	}
	// Without the script, the form comes back with the message.
	form := url.Values{"wave": {"2028"}, "version": {"0"}, "q": {"S01"}, "a:S01": {"nein"}}
	if st, _, body := tab2.post("/questionnaire/save", form); st != http.StatusConflict || !strings.Contains(body, "anderer Stelle geändert") {
		t.Errorf("plain form from version 0: %d, want 409 with the message", st)
	}
	if st, _, _ := tab2.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"0"}}); st != http.StatusConflict {
		t.Errorf("submit of version 0 when 1 is stored: %d, want 409", st)
	}
	s, _ := f.db.Sheet(context.Background(), "2028", unitA)
	if s.Version != 1 || s.Answers["S01"] != "ja" || len(s.Answers) != 1 || s.IsSubmitted() {
		t.Errorf("sheet after the conflicts: %+v", s)
	}
}

// TestServeInvalidAnswers: answers the scale does not read are refused
// and not saved; the message names the question, not the answer.
func TestServeInvalidAnswers(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	c := f.client(t)
	c.signIn(f.codes[unitA])
	for _, tt := range []struct {
		q string
		v []string
	}{
		{"S01", []string{"vielleicht"}},
		{"S01", []string{"ja", "nein"}},
		{"O02", []string{"-3"}},
		{"O02", []string{"viele"}},
		{"O03", []string{"Bargeld"}},
		{"X99", []string{"ja"}},
		{"S01", []string{"<script>alert(1)</script>"}},
	} {
		st, body := c.save(0, map[string][]string{tt.q: tt.v})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `"question":"`+tt.q+`"`) || strings.Contains(body, "<script>") {
			t.Errorf("%s = %q: %d %s, want 422 naming the question", tt.q, tt.v, st, body)
		}
	}
	if s, _ := f.db.Sheet(context.Background(), "2028", unitA); s.Version != 0 {
		t.Errorf("refused answers were saved: version %d", s.Version)
	}
}

// TestServeCodesCLI: the codes file is the owner's only, kept unless
// --force; --reissue and --revoke end old codes.
func TestServeCodesCLI(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	file := filepath.Join(f.dir, "codes.csv")
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("codes file mode %v, want 0600", fi.Mode().Perm())
	}
	if len(f.codes) != 419 {
		t.Errorf("%d codes, want one per municipality of Saxony (419)", len(f.codes))
	}
	seen := map[string]bool{}
	for u, c := range f.codes {
		if _, ok := fieldwork.ParseCode(c); !ok || len(c) != 24 || seen[c] {
			t.Errorf("code of %s: %q is not a fresh code in five groups", u, c)
		}
		seen[c] = true
	}
	_, stderr, code := MustRun(t, "-c", repoConfig, "serve", "codes", "--db", f.dbPath, "-o", file)
	if code == 0 || !strings.Contains(stderr, "exists") {
		t.Errorf("codes over an existing file: exit %d, %s", code, stderr)
	}
	re := filepath.Join(f.dir, "re.csv")
	MustRunIn(t, "", "-c", repoConfig, "serve", "codes", "--db", f.dbPath, "-o", re, "--reissue", "--unit", string(unitA), "-q")
	newCodes := readCodes(t, re)
	if len(newCodes) != 1 || newCodes[unitA] == f.codes[unitA] {
		t.Fatalf("reissue: %v", newCodes)
	}
	MustRunIn(t, "", "-c", repoConfig, "serve", "codes", "--db", f.dbPath, "--revoke", "--unit", string(unitB), "-q")
	for _, tt := range []struct {
		code string
		ok   bool
	}{{f.codes[unitA], false}, {newCodes[unitA], true}, {f.codes[unitB], false}} {
		c := f.client(t)
		c.get("/signin")
		st, _, _ := c.post("/signin", url.Values{"code": {tt.code}})
		if (st == http.StatusSeeOther) != tt.ok {
			t.Errorf("sign-in with %s: %d, want success %v", tt.code, st, tt.ok)
		}
	}
}

// TestServeHeaders: cookies are HttpOnly and SameSite=Strict, and Secure
// with the __Host- prefix under TLS; every page carries the security
// headers; pages are not stored, assets may be.
func TestServeHeaders(t *testing.T) {
	for _, secure := range []bool{false, true} {
		f := MustServe(t, repoConfig, "", func(o *web.Options) { o.Secure = secure })
		req, _ := http.NewRequest("GET", f.srv.URL+"/signin", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csrfCookie := resp.Cookies()[0]
		form := url.Values{"csrf": {csrfCookie.Value}, "code": {f.codes[unitA]}}
		req, _ = http.NewRequest("POST", f.srv.URL+"/signin", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(csrfCookie)
		resp, err = http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
			t.Fatalf("secure %v: sign-in: %d, cookies %v", secure, resp.StatusCode, resp.Cookies())
		}
		for _, c := range []*http.Cookie{csrfCookie, resp.Cookies()[0]} {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure != secure || c.Path != "/" ||
				strings.HasPrefix(c.Name, "__Host-") != secure {
				t.Errorf("secure %v: cookie %s: HttpOnly %v, SameSite %v, Secure %v, Path %q", secure, c.Name, c.HttpOnly, c.SameSite, c.Secure, c.Path)
			}
		}
		if hsts := resp.Header.Get("Strict-Transport-Security"); (hsts != "") != secure {
			t.Errorf("secure %v: Strict-Transport-Security %q", secure, hsts)
		}
	}
	f := MustServe(t, repoConfig, "")
	c := f.client(t)
	c.signIn(f.codes[unitA])
	for _, p := range []struct {
		path, cache string
	}{{"/questionnaire", "no-store"}, {"/signin", "no-store"}, {"/assets/echarts.min.js", "public, max-age=3600"}} {
		req, _ := http.NewRequest("GET", f.srv.URL+p.path, nil)
		resp, err := c.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || strings.Contains(h.Get("Content-Security-Policy"), "unsafe-eval") ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != p.cache {
			t.Errorf("%s: headers %v", p.path, h)
		}
	}
}

// TestServeInitCLI: serve needs init first; init again keeps the
// password unless --password; a short password is refused.
func TestServeInitCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "serve", "--db", db); code != 1 || !strings.Contains(stderr, "serve init") {
		t.Errorf("serve without a database: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("serve without a database created one")
	}
	var out, errb strings.Builder
	cmd := NewRootCommand(strings.NewReader("kurz\n"), &out, &errb)
	cmd.SetArgs([]string{"-c", repoConfig, "serve", "init", "--db", db})
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "12") {
		t.Errorf("a short password: %v", err)
	}
	MustRunIn(t, testPassword+"\n", "-c", repoConfig, "serve", "init", "--db", db, "-q")
	MustRunIn(t, "ignored because a password is set\n", "-c", repoConfig, "serve", "init", "--db", db, "-q")
	check := func(pw string) bool {
		d, err := sqliteOpen(db)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		h, err := d.PasswordHash(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ok, err := fieldwork.CheckPassword(pw, h)
		return ok && err == nil
	}
	if !check(testPassword) {
		t.Error("a second init changed the password")
	}
	MustRunIn(t, "ein ganz neues Passwort\n", "-c", repoConfig, "serve", "init", "--db", db, "--password", "-q")
	if !check("ein ganz neues Passwort") || check(testPassword) {
		t.Error("init --password did not replace the password")
	}
}

// TestServeResubmit: after submitting, a municipality changes an answer
// while the wave is open: its profile keeps the submitted answers until it
// submits again. A closed wave takes no change.
func TestServeResubmit(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	c := f.client(t)
	c.signIn(f.codes[unitA])
	c.save(0, map[string][]string{"S01": {"ja"}})
	c.get("/questionnaire")
	c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}})
	if st, body := c.save(1, map[string][]string{"S01": {"nein"}}); st != http.StatusOK {
		t.Fatalf("change after submitting: %d %s", st, body)
	}
	_, page := c.get("/questionnaire")
	if !strings.Contains(page, "noch nicht eingereicht") || !strings.Contains(page, "erneut ein") {
		t.Error("the questionnaire does not say that a change awaits submission")
	}
	ctx := context.Background()
	subs, _ := f.db.Submissions(ctx, "2028")
	if len(subs) != 1 || subs[0].Answers["S01"] != "ja" {
		t.Errorf("submission before resubmitting: %+v", subs)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"2"}}); st != http.StatusSeeOther || loc != "/profile" {
		t.Fatalf("resubmit: %d %s", st, loc)
	}
	subs, _ = f.db.Submissions(ctx, "2028")
	if len(subs) != 1 || subs[0].Answers["S01"] != "nein" || subs[0].SubmittedVersion != 2 {
		t.Errorf("submission after resubmitting: %+v", subs)
	}
	if err := f.db.SetWaveState(ctx, "2028", fieldwork.WaveClosed, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.save(2, map[string][]string{"S01": {"ja"}}); st != http.StatusConflict {
		t.Errorf("save in a closed wave: %d, want 409", st)
	}
	_, page = c.get("/questionnaire")
	if !strings.Contains(page, "geschlossen") || !strings.Contains(page, `<fieldset class="sheet" disabled>`) {
		t.Error("the questionnaire of a closed wave is not read-only")
	}
}

// TestServeWaveQuestionnaire: a wave is answered, exported and scored as
// the model says that wave asked its questions (model.waves): in 2026
// under the codes D06 and I06 (D07 and I07 since 2028), without the ISMS
// question new in 2028 — which shares the code I06 with 2026's I06 and
// must not take its answer. A wave the model does not declare cannot be
// created.
func TestServeWaveQuestionnaire(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	ctx := context.Background()
	if err := f.db.SetWaveState(ctx, "2028", fieldwork.WaveClosed, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CreateWave(ctx, scoring.Wave{ID: "2026"}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetWaveState(ctx, "2026", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	c := f.client(t)
	c.signIn(f.codes[unitA])
	_, page := c.get("/questionnaire")
	for name, want := range map[string]bool{"D06": true, "I06": true, "D07": false, "I07": false} {
		if got := strings.Contains(page, `name="a:`+name+`"`); got != want {
			t.Errorf("2026's questionnaire has a field for %s: %v, want %v", name, got, want)
		}
	}
	if strings.Contains(page, "Informationssicherheits-Managementsystem") {
		t.Error("2026's questionnaire asks the ISMS question, new in 2028")
	}
	// D07 is a 2028 code: in 2026 it is no question.
	if st, _ := c.saveIn("2026", 0, map[string][]string{"D07": {"trifft voll zu"}}); st != http.StatusUnprocessableEntity {
		t.Errorf("save of D07 in 2026: %d, want 422", st)
	}
	if st, body := c.saveIn("2026", 0, map[string][]string{"I06": {"trifft voll zu"}, "D06": {"trifft eher zu"}}); st != http.StatusOK {
		t.Fatalf("save in 2026: %d %s", st, body)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2026"}, "version": {"1"}}); st != http.StatusSeeOther || loc != "/profile" {
		t.Fatalf("submit in 2026: %d %s", st, loc)
	}
	a := f.client(t)
	a.adminSignIn()
	st, export := a.get("/admin/waves/2026/export.csv")
	if st != http.StatusOK {
		t.Fatalf("export of 2026: %d", st)
	}
	header, _, _ := strings.Cut(strings.TrimPrefix(export, "\ufeff"), "\r\n")
	cols := strings.Split(header, ";")
	for name, want := range map[string]bool{"D06": true, "I06": true, "D07": false, "I07": false} {
		if got := slices.Contains(cols, name); got != want {
			t.Errorf("2026's export has a column %s: %v, want %v (header %s)", name, got, want, header)
		}
	}
	// run reads the export as 2026 asked it: I06 is the IT equipment
	// (I07 since 2028), scored; the ISMS indicator is not asked.
	dir := t.TempDir()
	in := filepath.Join(dir, "antworten_2026.csv")
	if err := os.WriteFile(in, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	MustRunIn(t, "", "-c", repoConfig, "run", "-q", "-i", "2026="+in, "-o", out)
	scores, err := os.ReadFile(filepath.Join(out, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(scores)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var ausstattung, isms string
	for _, f := range rows {
		if len(f) < 7 || f[1] != string(unitA) {
			continue
		}
		switch f[4] {
		case "ausstattung":
			ausstattung = f[6]
		case "isms":
			isms = f[6]
		}
	}
	// "trifft voll zu" is the top of the agreement scale: 100 points.
	if ausstattung != "100" || isms != "" {
		t.Errorf("unit A in 2026: ausstattung %q, isms %q; want 100 and not scored", ausstattung, isms)
	}
	// A wave the model does not declare has no questionnaire.
	a.get("/admin")
	if st, _, body := a.post("/admin/waves", url.Values{"id": {"2030"}}); st != http.StatusConflict || !strings.Contains(body, "model.waves") {
		t.Errorf("creating wave 2030: %d, want 409 naming model.waves", st)
	}
	waves, _ := f.db.Waves(ctx)
	for _, w := range waves {
		if w.ID == "2030" {
			t.Error("wave 2030 was created")
		}
	}
}
