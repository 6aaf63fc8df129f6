package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
	"github.com/reifegrad/reifegrad/web"
)

// testPassword is the association's password in every serve test.
const testPassword = "korrekt Pferd Batterie"

// serveFixture is a database made by 'serve init' and 'serve codes', with
// wave 2028 open, and the server of 'serve' on it.
type serveFixture struct {
	dir    string
	config string
	dbPath string
	db     *sqlite.DB
	s      *settings
	srv    *httptest.Server
	codes  map[scoring.UnitID]string // plain codes, from the CSV
	// The server's clock stands still at start, moved on only by wait:
	// sign-in limits must not depend on how fast a loaded machine runs
	// the test.
	mu      sync.Mutex
	start   time.Time
	advance time.Duration
	errs    []error // internal errors the server reported
}

// MustRunIn runs the command line with stdin and returns stderr, failing
// the test on a non-zero exit.
func MustRunIn(tb testing.TB, stdin string, args ...string) string {
	tb.Helper()
	var out, errb bytes.Buffer
	cmd := NewRootCommand(strings.NewReader(stdin), &out, &errb)
	cmd.SetArgs(args)
	if err := cmd.Execute(); err != nil {
		tb.Fatalf("reifegrad %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return errb.String()
}

// MustServe sets up a serveFixture with the config file cfg (and, if
// units is set, that register CSV). opts may change the server's options
// before it starts.
func MustServe(tb testing.TB, cfg, units string, opts ...func(*web.Options)) *serveFixture {
	tb.Helper()
	f := &serveFixture{dir: tb.TempDir(), config: cfg, start: time.Now()}
	f.dbPath = filepath.Join(f.dir, "reifegrad.db")
	args := []string{"-c", cfg, "serve", "init", "--db", f.dbPath, "-q"}
	if units != "" {
		args = append(args, "--units", units)
	}
	MustRunIn(tb, testPassword+"\n", args...)
	codes := filepath.Join(f.dir, "codes.csv")
	MustRunIn(tb, "", "-c", cfg, "serve", "codes", "--db", f.dbPath, "-o", codes, "-q")
	f.codes = readCodes(tb, codes)
	s, err := loadSettings(cfg, nil)
	if err != nil {
		tb.Fatal(err)
	}
	s.Serve.DB = f.dbPath
	f.s = s
	ctx := context.Background()
	if f.db, err = sqlite.Open(ctx, f.dbPath, false); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.db.Close() })
	if err := f.db.CreateWave(ctx, scoring.Wave{ID: "2028"}, fieldwork.Actor{}); err != nil {
		tb.Fatal(err)
	}
	if err := f.db.SetWaveState(ctx, "2028", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
		tb.Fatal(err)
	}
	a := &app{stderr: io.Discard}
	o, err := a.serverOptions(s, f.db)
	if err != nil {
		tb.Fatal(err)
	}
	o.Now = f.now
	o.OnError = func(_ *http.Request, err error) {
		f.mu.Lock()
		f.errs = append(f.errs, err)
		f.mu.Unlock()
	}
	for _, fn := range opts {
		fn(&o)
	}
	h, err := web.New(context.Background(), o)
	if err != nil {
		tb.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	tb.Cleanup(func() {
		f.srv.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, err := range f.errs {
			tb.Errorf("the server reported an internal error: %v", err)
		}
	})
	return f
}

func (f *serveFixture) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.start.Add(f.advance)
}

// wait moves the server's clock on.
func (f *serveFixture) wait(d time.Duration) {
	f.mu.Lock()
	f.advance += d
	f.mu.Unlock()
}

func readCodes(tb testing.TB, file string) map[scoring.UnitID]string {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[scoring.UnitID]string{}
	for _, row := range rows[1:] {
		out[scoring.UnitID(row[0])] = row[3]
	}
	return out
}

// client is one browser: a cookie jar and the CSRF token of the last page
// that had one.
type client struct {
	tb   testing.TB
	base string
	c    *http.Client
	csrf string
	// header is added to every request (X-Forwarded-For, Origin, …).
	header http.Header
}

func (f *serveFixture) client(tb testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{tb: tb, base: f.srv.URL, header: http.Header{},
		c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do sends a request and returns status, Location and body; it keeps the
// page's CSRF token.
func (c *client) do(method, path string, form url.Values, header http.Header) (int, string, string) {
	c.tb.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.tb.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	if m := csrfField.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func (c *client) get(path string) (int, string) {
	c.tb.Helper()
	code, _, body := c.do("GET", path, nil, nil)
	return code, body
}

// post sends a form with the CSRF token of the last page.
func (c *client) post(path string, form url.Values) (int, string, string) {
	c.tb.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	return c.do("POST", path, form, nil)
}

// signIn signs in with a code and fails the test unless it works.
func (c *client) signIn(code string) {
	c.tb.Helper()
	c.get("/signin")
	if st, loc, body := c.post("/signin", url.Values{"code": {code}}); st != http.StatusSeeOther || loc != "/questionnaire" {
		c.tb.Fatalf("sign-in with %s: %d %s\n%s", code, st, loc, body)
	}
	c.get("/questionnaire")
}

// adminSignIn signs the association in.
func (c *client) adminSignIn() {
	c.tb.Helper()
	c.get("/admin/signin")
	if st, loc, body := c.post("/admin/signin", url.Values{"password": {testPassword}}); st != http.StatusSeeOther || loc != "/admin" {
		c.tb.Fatalf("admin sign-in: %d %s\n%s", st, loc, body)
	}
	c.get("/admin")
}

// answersFor are answers to every question of m the questionnaire asks,
// the k-th of each scale (answerFor), as save posts them.
func answersFor(m *scoring.Model, k int) map[string][]string {
	all := map[string][]string{}
	for _, q := range m.Questions {
		if q.HasColumn() {
			field, value := answerFor(m, q, k)
			if field == "m:" {
				value = "m:" + value
			}
			all[string(q.ID)] = []string{value}
		}
	}
	return all
}

// submitAll saves answersFor(m, k) to wave 2028 over the sheet's version
// version−1 and submits it as version, failing the test where either is
// refused.
func (c *client) submitAll(m *scoring.Model, k, version int) {
	c.tb.Helper()
	if st, body := c.save(version-1, answersFor(m, k)); st != http.StatusOK {
		c.tb.Fatalf("saves: %d %s", st, body)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {strconv.Itoa(version)}}); st != http.StatusSeeOther {
		c.tb.Fatalf("submits: %d %s", st, loc)
	}
}

// save posts answers to wave 2028 as the questionnaire's script does and
// returns the status and the JSON body.
func (c *client) save(version int, answers map[string][]string) (int, string) {
	c.tb.Helper()
	return c.saveIn("2028", version, answers)
}

// saveIn is save for another wave.
func (c *client) saveIn(wave string, version int, answers map[string][]string) (int, string) {
	c.tb.Helper()
	form := url.Values{"csrf": {c.csrf}, "wave": {wave}, "version": {strconv.Itoa(version)}}
	for q, vs := range answers {
		form.Add("q", q)
		for _, v := range vs {
			if strings.HasPrefix(v, "m:") {
				form.Add("m:"+q, strings.TrimPrefix(v, "m:"))
			} else {
				form.Add("a:"+q, v)
			}
		}
	}
	st, _, body := c.do("POST", "/questionnaire/save", form, http.Header{"Accept": {"application/json"}})
	return st, body
}

func scoringUnit(id string) scoring.UnitID { return scoring.UnitID(id) }

func sqliteOpen(path string) (*sqlite.DB, error) {
	return sqlite.Open(context.Background(), path, false)
}
