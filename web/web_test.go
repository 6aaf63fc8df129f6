package web

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(func() time.Time { return now })
	// Five failures are free; then 1 s, 2 s, 4 s … to wait.
	for i := range 5 {
		if d := l.wait("k"); d != 0 {
			t.Fatalf("after %d failures: wait %v, want 0", i, d)
		}
		l.fail("k")
	}
	if d := l.wait("k"); d != 0 {
		t.Errorf("after 5 failures: wait %v, want 0", d)
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		l.fail("k")
		if d := l.wait("k"); d != want {
			t.Errorf("failure %d: wait %v, want %v", 6+i, d, want)
		}
		now = now.Add(want)
	}
	for range 30 {
		l.fail("k")
	}
	if d := l.wait("k"); d != maxWait {
		t.Errorf("after many failures: wait %v, want the cap %v", d, maxWait)
	}
	if d := l.wait("other"); d != 0 {
		t.Errorf("another key waits %v", d)
	}
	now = now.Add(forgetAfter + time.Second)
	if d := l.wait("k"); d != 0 {
		t.Errorf("after an hour without failure: wait %v, want 0", d)
	}
	l.fail("k")
	if d := l.wait("k"); d != 0 {
		t.Errorf("the count restarts after forgetting: wait %v", d)
	}
	l.fail("j")
	l.succeed("j")
	if _, ok := l.entries["j"]; ok {
		t.Error("succeed kept the key")
	}
}

func TestLimiterBounded(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(func() time.Time { return now })
	for i := range maxEntries + 10 {
		l.fail(string(rune(i)) + "x")
	}
	if n := len(l.entries); n > maxEntries {
		t.Errorf("%d entries, want at most %d", n, maxEntries)
	}
}

func mustModel(t *testing.T) *scoring.Model {
	t.Helper()
	src, err := os.ReadFile("../fieldwork/testdata/model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := scoring.ParseModel("model.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRawAnswer: the cell a question's form fields make. Beside a number
// or a multi-select, the number or items and a missing code both sent (a
// plain form post) give the one that differs from the stored answer, and
// are refused when both are new.
func TestRawAnswer(t *testing.T) {
	m := mustModel(t)
	tests := []struct {
		q       string
		answer  []string
		missing string
		stored  string
		want    string
		err     bool
	}{
		{"Q1", []string{"ja"}, "", "", "ja", false},
		{"Q1", nil, "", "", "", false},
		{"Q1", []string{"ja", "nein"}, "", "", "", true},
		{"Q2", []string{" 37,5 "}, "", "", "37,5", false},
		{"Q2", nil, "weiß nicht", "12", "weiß nicht", false},
		{"Q2", []string{"12"}, "weiß nicht", "12", "weiß nicht", false},
		{"Q2", []string{"12"}, "weiß nicht", "weiß nicht", "12", false},
		{"Q2", []string{"12"}, "weiß nicht", "", "", true},
		{"Q2", []string{"13"}, "weiß nicht", "12", "", true},
		{"Q3", []string{"c", "a"}, "", "", "a;c", false},
		{"Q3", []string{"a", "a"}, "", "", "a", false},
		{"Q3", []string{"x"}, "", "", "", true},
		{"Q3", []string{"a"}, "nicht zutreffend", "a", "nicht zutreffend", false},
		{"Q3", []string{"a"}, "nicht zutreffend", "", "", true},
		{"Q3", []string{"a"}, noneOfThese, ";", "a", false},
		{"Q3", []string{"a"}, noneOfThese, "a", ";", false},
		{"Q3", nil, noneOfThese, "", ";", false},
		{"Q3", nil, "", "", "", false},
		{"Q3", []string{""}, "", "", "", false},
	}
	for _, tt := range tests {
		stored := func() (string, error) { return tt.stored, nil }
		got, err := rawAnswer(m.Question(scoring.QuestionID(tt.q)), tt.answer, tt.missing, stored)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("rawAnswer(%s, %q, %q), stored %q = %q, %v; want %q, error %v", tt.q, tt.answer, tt.missing, tt.stored, got, err, tt.want, tt.err)
		}
		if err != nil && !errors.Is(err, fieldwork.ErrInvalidAnswer) {
			t.Errorf("rawAnswer(%s, %q): %v is not ErrInvalidAnswer", tt.q, tt.answer, err)
		}
	}
}

func TestClientAddr(t *testing.T) {
	tests := []struct {
		trust bool
		xff   []string
		want  string
	}{
		{false, nil, "192.0.2.7"},
		{false, []string{"203.0.113.1"}, "192.0.2.7"}, // not trusted: a client could forge it
		{true, []string{"203.0.113.1"}, "203.0.113.1"},
		{true, []string{"10.0.0.1, 203.0.113.2"}, "203.0.113.2"}, // the proxy appends last
		{true, []string{"1.1.1.1", "203.0.113.3"}, "203.0.113.3"},
		{true, []string{"nonsense"}, "192.0.2.7"},
	}
	for _, tt := range tests {
		s := &Server{o: Options{TrustProxy: tt.trust}}
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "192.0.2.7:4711"
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.clientAddr(r); got != tt.want {
			t.Errorf("trust %v, X-Forwarded-For %q: %s, want %s", tt.trust, tt.xff, got, tt.want)
		}
	}
}

func TestSections(t *testing.T) {
	m := mustModel(t)
	got := sections(m, "Weitere")
	if len(got) != 2 || got[0].Title != "d1" || len(got[0].Questions) != 2 || len(got[1].Questions) != 3 {
		t.Errorf("sections: %+v", got)
	}
}

// TestCatalogs: every text exists in every language.
func TestCatalogs(t *testing.T) {
	for lang, c := range catalogs {
		v := reflect.ValueOf(*c)
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.String && f.String() == "" {
				t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
}

// TestUnitWords: serve's own pages speak of a model's units in its words
// where it names them (model.unit_labels unit/units) and the pages are in
// its language; of units, as the reports do (Results.UnitNouns), where it
// names them and the pages are in another; of municipalities, as the
// catalogs are written, where it names none.
func TestUnitWords(t *testing.T) {
	for _, tc := range []struct {
		name         string
		model, pages scoring.Language
		one, many    string
		title, intro string
	}{
		{"German model naming organisations", scoring.German, scoring.German, "Organisation", "Organisationen",
			"Anmeldung für Organisationen", "Melden Sie sich mit dem Zugangscode an, den Ihre Organisation per Post oder E-Mail erhalten hat."},
		{"English model naming organisations", scoring.English, scoring.English, "organisation", "organisations",
			"Sign in for organisations", "Sign in with the access code your organisation received by post or e-mail."},
		{"its words are German, the pages English", scoring.German, scoring.English, "Organisation", "Organisationen",
			"Sign in for units", "Sign in with the access code your unit received by post or e-mail."},
		{"a model naming none", scoring.German, scoring.German, "", "",
			"Anmeldung für Kommunen", "Melden Sie sich mit dem Zugangscode an, den Ihre Kommune per Post oder E-Mail erhalten hat."},
	} {
		m := &scoring.Model{Language: tc.model, UnitLabels: scoring.UnitLabels{Unit: tc.one, Units: tc.many}}
		c := unitWords(texts(tc.pages), m, tc.pages, nil)
		if c.SignInTitle != tc.title || c.ForUnits != tc.title || c.SignInIntro != tc.intro {
			t.Errorf("%s: %q / %q / %q, want %q and %q", tc.name, c.SignInTitle, c.ForUnits, c.SignInIntro, tc.title, tc.intro)
		}
	}
	if texts(scoring.German).SignInTitle != "Anmeldung für Kommunen" {
		t.Error("unitWords changed the shared catalog")
	}
}

// TestSupersededAnalysisDoesNotHang: an analysis asked for while another
// runs, and replaced by a newer one before it started, is never run; a
// page waiting for it (?wait) waited until its client gave up. It now
// returns at once, pending, and the newest is analysed.
func TestSupersededAnalysisDoesNotHang(t *testing.T) {
	release := make(chan struct{})
	var analysed []*scoring.Results
	var mu sync.Mutex
	s := &Server{o: Options{Analysis: func(_ context.Context, r *scoring.Results) (*analyse.Report, error) {
		mu.Lock()
		analysed = append(analysed, r)
		first := len(analysed) == 1
		mu.Unlock()
		if first {
			<-release
		}
		return &analyse.Report{}, nil
	}}}
	res := func() *scoring.Results { return &scoring.Results{Units: make([]scoring.UnitResult, 1)} }
	r1, r2, r3 := res(), res(), res()
	run1 := s.analyseLater(forAssociation, r1)
	for { // run1 is being analysed
		mu.Lock()
		started := len(analysed) == 1
		mu.Unlock()
		if started {
			break
		}
		runtime.Gosched()
	}
	run2 := s.analyseLater(forAssociation, r2) // waits behind run1
	run3 := s.analyseLater(forAssociation, r3) // replaces run2
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if rep, pending, err := run2.result(ctx, true); rep != nil || !pending || err != nil {
		t.Errorf("superseded run: %v, pending %v, %v; want nothing, pending, no error", rep, pending, err)
	}
	close(release)
	for _, run := range []*analysisRun{run1, run3} {
		if rep, pending, err := run.result(ctx, true); rep == nil || pending || err != nil {
			t.Errorf("run of %p: %v, pending %v, %v; want its report", run.res, rep, pending, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(analysed) != 2 || analysed[0] != r1 || analysed[1] != r3 {
		t.Errorf("analysed %d results, want r1 and r3", len(analysed))
	}
}

// unitsStore is a store of the given units and nothing else.
type unitsStore struct {
	fieldwork.Store // not called
	units           []scoring.Unit
}

func (u unitsStore) Units(context.Context) ([]scoring.Unit, error) { return u.units, nil }

// TestServerNamesItsUnits: a server for a model whose units are not
// municipalities (ids that are not AGS) and that names no nouns
// (model.unit_labels) said "Sign in for municipalities" on its pages,
// where the reports of the same units say units: the noun is decided as
// Results.UnitNouns decides it, of the units the store holds.
func TestServerNamesItsUnits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lang  scoring.Language
		units []scoring.UnitID
		title string
	}{
		{"organisations, English", scoring.English, []scoring.UnitID{"NORD", "SUED"}, "Sign in for units"},
		{"organisations, German", scoring.German, []scoring.UnitID{"NORD", "SUED"}, "Anmeldung für Einheiten"},
		{"one id not an AGS", scoring.German, []scoring.UnitID{"14612000", "X1"}, "Anmeldung für Einheiten"},
		{"municipalities", scoring.German, []scoring.UnitID{"14612000", "14521035"}, "Anmeldung für Kommunen"},
		{"municipalities, English", scoring.English, []scoring.UnitID{"14612000"}, "Sign in for municipalities"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustModel(t)
			m.Language = tc.lang
			var units []scoring.Unit
			for _, id := range tc.units {
				units = append(units, scoring.Unit{ID: id, Name: string(id)})
			}
			s, err := New(context.Background(), Options{Store: unitsStore{units: units}, Model: m, Language: tc.lang,
				Import: func(context.Context, fieldwork.Wave, []fieldwork.Sheet) (*scoring.Dataset, error) { return nil, nil },
				Pages:  &fakePages{}, Inert: func(s string) string { return s }})
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", "/signin", nil))
			page := w.Body.String()
			if w.Code != 200 || !strings.Contains(page, "<h1>"+tc.title+"</h1>") {
				t.Errorf("sign-in page: status %d, want the heading %q in:\n%s", w.Code, tc.title, page)
			}
		})
	}
}
