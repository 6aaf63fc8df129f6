package web

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// Pages renders the report pages that 'reifegrad run' writes: the
// profile of a unit and the overview, with the assets they reference.
// cmd/reifegrad passes the HTML adapter (reports/html) with run's report
// options, so a live profile is byte for byte run's page.
type Pages interface {
	// Units are the units that have a profile, each in the latest wave
	// it answered, as run writes profiles/<file>.
	Units(r *scoring.Results) []*scoring.UnitResult
	// File is the file name of a unit's profile, as the overview links it.
	File(id scoring.UnitID) string
	// Profile writes u's profile; cmp, if not nil, is the scoring u is
	// compared with instead of r (html.Options.Comparison: its groups'
	// figures, and no percentile of u); a, if not nil, is the analysis of r;
	// later, with a nil, says that r is analysed later, so that the page
	// says its robustness is to come rather than leave it out unsaid;
	// pending, with a nil, says that the analysis of r is still running
	// (the profile of a peer refresh, analysed in the background); assets
	// is the path the page loads its assets from.
	Profile(w io.Writer, r *scoring.Results, u *scoring.UnitResult, cmp *scoring.Results, a *analyse.Report, later, pending bool, assets string) error
	// Overview writes the overview of r; a as for Profile; pending, with
	// a nil, says that the analysis of r is still running, so that the
	// page says so where it would stand.
	Overview(w io.Writer, r *scoring.Results, a *analyse.Report, pending bool) error
	// AssetNames lists the assets the pages reference.
	AssetNames() []string
	// Asset writes the asset called name.
	Asset(w io.Writer, name string) error
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/*
var staticFS embed.FS

// Import turns the submitted sheets of one wave into a dataset, the way
// 'reifegrad run' reads that wave's export: the command wires it to the
// export (fieldwork.WriteCSV) read by the importer with run's settings, so
// that the live profile and run's profile are one computation.
type Import func(ctx context.Context, wave fieldwork.Wave, submitted []fieldwork.Sheet) (*scoring.Dataset, error)

// Options configure a Server. Store, Model and Import are required; the
// zero value of every other field is documented beside it.
type Options struct {
	Store  fieldwork.Store
	Model  *scoring.Model
	Import Import
	// Pages renders the profile and overview pages as run writes them
	// (cmd/reifegrad passes the HTML adapter's renderer with run's report
	// options), so the live profile is run's page; web imports no other
	// adapter.
	Pages Pages
	// Inert makes a text safe for a spreadsheet cell (no formula); the
	// reminders list for a mail merge goes through it. cmd/reifegrad
	// passes the CSV adapter's rule, the one every CSV output follows.
	Inert func(string) string
	// Language is the language of the server's own pages; the zero value
	// is German.
	Language scoring.Language
	// Analysis, if set, analyses the scored submissions as run does for
	// its reports (validation, robustness); its report goes to the pages.
	// Nil: no analysis.
	Analysis func(context.Context, *scoring.Results) (*analyse.Report, error)
	// Columns name the unit columns of the export, as the importer is
	// told to find them.
	Columns fieldwork.Columns
	// Secure marks cookies Secure (and names the session cookie
	// __Host-…) and sends Strict-Transport-Security: set it when the
	// server runs TLS itself or behind a proxy that does.
	Secure bool
	// TrustProxy takes the client address from the last entry of
	// X-Forwarded-For, which the reverse proxy in front appends; without
	// it the header is ignored (a client could forge it).
	TrustProxy bool
	// SessionTTL is how long a sign-in lasts; zero means 12 hours.
	SessionTTL time.Duration
	// Rand is the source of tokens; nil means crypto/rand.
	Rand io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnError, if set, is told of every internal error (status 500); the
	// client sees only that something went wrong.
	OnError func(r *http.Request, err error)
	// MinGroupSize is report.min_group_size: a municipality's own profile
	// shows the others' submissions as of the last refresh, which waits
	// until more than this many municipalities have new or changed ones
	// (peerView). Zero or one: every submission at once.
	MinGroupSize int
}

// Server is the web application. Create it with New.
type Server struct {
	o        Options
	t        *catalog
	pages    *template.Template
	mux      *http.ServeMux
	handler  http.Handler
	signins  *limiter // per client address and per code selector
	cache    resultsCache
	analyses analyses
	subs     submissionsRead
	peers    peerView
	// forms are the questionnaires of the waves asked so far, each built
	// once (formOf).
	formsMu sync.Mutex
	forms   map[scoring.WaveID]*form
}

// form is the questionnaire of one wave: the model as that wave asks its
// questions (model.waves: codes, scales, questions not asked), and its
// parts.
type form struct {
	model    *scoring.Model
	sections []section
}

// formOf returns the questionnaire of wave w. A wave the model does not
// declare, in a model that declares its waves, has none: its questions
// are unknown, so it can be neither answered nor exported.
func (s *Server) formOf(w scoring.WaveID) (*form, error) {
	s.formsMu.Lock()
	defer s.formsMu.Unlock()
	if f, ok := s.forms[w]; ok {
		return f, nil
	}
	qm, err := s.o.Model.Questionnaire(w)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoQuestionnaire, err)
	}
	f := &form{model: qm, sections: sections(qm, s.t.OtherQuestions)}
	s.forms[w] = f
	return f, nil
}

// ErrNoQuestionnaire: the model does not say which questions a wave asks
// (a wave missing from model.waves).
var ErrNoQuestionnaire = errors.New("the model declares no questionnaire for this wave")

// New builds a Server. It reads the store's units: whether they are
// municipalities decides how its pages name them (unitWords).
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Store == nil || o.Model == nil || o.Import == nil {
		return nil, errors.New("web: Options.Store, Model and Import are required")
	}
	for _, qm := range questionnaires(o.Model) {
		if err := fieldwork.CheckModel(qm); err != nil {
			return nil, fmt.Errorf("the questionnaire online cannot record this model faithfully: %w", err)
		}
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Pages == nil || o.Inert == nil {
		return nil, errors.New("web: Options.Pages and Options.Inert are required")
	}
	units, err := o.Store.Units(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{o: o, t: unitWords(texts(o.Language), o.Model, o.Language, units), signins: newLimiter(o.Now), forms: map[scoring.WaveID]*form{}}
	pages, err := template.New("").Funcs(template.FuncMap{
		"T": func() *catalog { return s.t },
		// A share in whole percent, rounded as every shown figure
		// (scoring.Fixed: 1 of 8 is 13 %, where printf's %.0f said 12).
		"pct": func(p fieldwork.Progress) string { return scoring.Fixed(100*p.Share(), 0) },
	}).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s.pages = pages
	s.routes()
	return s, nil
}

// questionnaires are the questionnaires of every wave m declares, or m
// itself when it declares none.
func questionnaires(m *scoring.Model) []*scoring.Model {
	out := []*scoring.Model{m}
	for _, w := range m.Waves {
		if qm, err := m.Questionnaire(w.ID); err == nil && qm != m {
			out = append(out, qm)
		}
	}
	return out
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes registers every route with the role that may use it. A route
// not listed is 404; one listed under another role is 403.
func (s *Server) routes() {
	m := http.NewServeMux()
	s.mux = m
	// Public.
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /signin", s.signInPage)
	m.HandleFunc("POST /signin", s.signIn)
	m.HandleFunc("GET /admin/signin", s.adminSignInPage)
	m.HandleFunc("POST /admin/signin", s.adminSignIn)
	m.HandleFunc("POST /signout", s.signOut)
	m.HandleFunc("GET /assets/{name}", s.asset)
	m.HandleFunc("GET /admin/assets/{name}", s.asset)
	m.HandleFunc("GET /healthz", s.health)
	// Municipalities: their own sheet and profile, from the session.
	m.Handle("GET /questionnaire", s.unit(s.questionnaire))
	m.Handle("POST /questionnaire/save", s.unit(s.save))
	m.Handle("POST /questionnaire/submit", s.unit(s.submit))
	m.Handle("GET /profile", s.unit(s.profile))
	// The association.
	m.Handle("GET /admin", s.admin(s.dashboard))
	m.Handle("POST /admin/waves", s.admin(s.createWave))
	m.Handle("POST /admin/waves/{wave}/open", s.admin(s.openWave))
	m.Handle("POST /admin/waves/{wave}/close", s.admin(s.closeWave))
	m.Handle("GET /admin/waves/{wave}", s.admin(s.wave))
	m.Handle("GET /admin/waves/{wave}/reminders.csv", s.admin(s.remindersCSV))
	m.Handle("GET /admin/waves/{wave}/export.csv", s.admin(s.export))
	m.Handle("GET /admin/overview.html", s.admin(s.overview))
	m.Handle("GET /admin/profiles/{file}", s.admin(s.adminProfile))
	m.Handle("GET /admin/audit", s.admin(s.audit))
	s.handler = s.secure(m)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "ok\n")
}

// unitWords is t speaking of the model's units in its own words where it
// names them (model.unit_labels unit/units) and the pages are in its
// language, of "units" where they are in another or where it names none
// and not every unit is keyed by an AGS — as Results.UnitNouns decides it
// for the reports, of the units the server has: serve's sign-in for an
// association of organisations said "Anmeldung für Kommunen", and in
// English, of a German model's organisations, "Sign in for
// municipalities" where its reports said units. A model that names none,
// of municipalities, keeps t's words.
func unitWords(t *catalog, m *scoring.Model, l scoring.Language, units []scoring.Unit) *catalog {
	r := scoring.UnitsOf(m, units)
	one, many := r.UnitNouns(l)
	return nouns.Rewrite(t, nouns.Replacer(l, one, many))
}

// resultsCache holds the scored submissions of one store generation;
// profiles and the overview are rendered from it until the next
// submission. Their analysis runs in the background (analyses): at
// national size it took 3 s of CPU at every submission, and the overview
// waited for it; a page served before it is done says so in its place,
// and one asked for with ?wait waits for it.
type resultsCache struct {
	mu  sync.Mutex
	gen int64
	res *scoring.Results
	// run is the analysis of res; nil without Options.Analysis.
	run *analysisRun
}

// analysisFor names what an analysis is of: the association's results
// of every submission (resultsCache), or the municipalities' results of
// the last peer refresh (peerView). Each has its latest analysis.
type analysisFor int

const (
	forAssociation analysisFor = iota
	forPeers
)

// analyses runs, in the background and one at a time, the latest
// analysis asked for of each kind (analysisFor): results scored again
// before theirs started replace them, and those in between are never
// analysed: they are superseded, and a page of them says its analysis is
// being computed, as the next view, of newer results, gets it. The analysis of 10,786
// municipalities takes some 3–7 s of CPU: in a request it held up the
// overview after every submission and the first profile after every
// peer refresh.
type analyses struct {
	mu      sync.Mutex
	latest  [2]*analysisRun // by analysisFor
	running bool
}

// analysisRun is the analysis of res: rep and err are set before done is
// closed, and read only after. started is guarded by analyses.mu; a run
// replaced before it started is superseded: done is closed without a
// report, and it stays pending (see result).
type analysisRun struct {
	res        *scoring.Results
	done       chan struct{}
	rep        *analyse.Report
	err        error
	started    bool
	superseded bool
}

// finished reports whether the run is done.
func (a *analysisRun) finished() bool {
	select {
	case <-a.done:
		return true
	default:
		return false
	}
}

// result returns the run's report, or pending while it runs; with wait,
// it waits for it (or for ctx). A nil run: no analysis, not pending.
func (a *analysisRun) result(ctx context.Context, wait bool) (rep *analyse.Report, pending bool, err error) {
	if a == nil {
		return nil, false, nil
	}
	if wait {
		select {
		case <-a.done:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	if !a.finished() || a.superseded {
		// A superseded run never gets its report: its page says the
		// analysis is being computed, and the next view (of newer
		// results) gets the newer one. A ?wait on it waited for ever.
		return nil, true, nil
	}
	return a.rep, false, a.err
}

// analyseLater asks for the analysis of res in the background as the
// latest of its kind, and returns its run; nil when the server has no
// analysis or res no unit.
func (s *Server) analyseLater(kind analysisFor, res *scoring.Results) *analysisRun {
	if s.o.Analysis == nil || res == nil || len(res.Units) == 0 {
		return nil
	}
	q := &s.analyses
	q.mu.Lock()
	defer q.mu.Unlock()
	return s.askLocked(kind, &analysisRun{res: res, done: make(chan struct{})})
}

// askLocked makes run the latest of its kind, superseding the one before
// unless it started or is the other kind's latest too (shareAnalysis),
// and starts the worker. Callers hold analyses.mu.
func (s *Server) askLocked(kind analysisFor, run *analysisRun) *analysisRun {
	q := &s.analyses
	if old := q.latest[kind]; old != nil && old != run && !old.started && q.latest[1-kind] != old {
		old.superseded = true
		close(old.done)
	}
	q.latest[kind] = run
	if !q.running && !run.finished() {
		q.running = true
		go s.analyseLatest()
	}
	return run
}

// shareAnalysis makes run, asked for by the other kind, the latest of
// kind too, and returns it: the peer refresh and the association's
// results of one store generation are one scoring, analysed once. A run
// the other kind superseded meanwhile is asked for again.
func (s *Server) shareAnalysis(kind analysisFor, run *analysisRun) *analysisRun {
	if run == nil {
		return nil
	}
	q := &s.analyses
	q.mu.Lock()
	defer q.mu.Unlock()
	if run.superseded {
		run = &analysisRun{res: run.res, done: make(chan struct{})}
	}
	return s.askLocked(kind, run)
}

// analyseLatest analyses the latest runs asked for until each is done.
func (s *Server) analyseLatest() {
	q := &s.analyses
	for {
		q.mu.Lock()
		var run *analysisRun
		for _, r := range q.latest {
			if r != nil && !r.finished() {
				run = r
				break
			}
		}
		if run == nil {
			q.running = false
			q.mu.Unlock()
			return
		}
		run.started = true
		q.mu.Unlock()
		rep, err := s.analyse(run.res)
		q.mu.Lock()
		run.rep, run.err = rep, err
		close(run.done)
		q.mu.Unlock()
	}
}

// analysisOf returns the analysis of res, the association's results: the
// report, or pending while it runs. With wait, it waits for it (or for
// ctx).
func (s *Server) analysisOf(ctx context.Context, res *scoring.Results, wait bool) (rep *analyse.Report, pending bool, err error) {
	c := &s.cache
	c.mu.Lock()
	run, stale := c.run, c.res != res
	c.mu.Unlock()
	if stale {
		// Newer submissions were scored meanwhile: res's analysis is
		// superseded (analyses), so it is pending, never silently absent.
		return nil, s.o.Analysis != nil, nil
	}
	return run.result(ctx, wait)
}

// results scores every wave's submissions, as run scores their exports,
// and asks for their analysis (analyseLater). It returns nil results when
// nothing has been submitted. The association's pages show these; a
// municipality's own profile shows unitResults.
func (s *Server) results(ctx context.Context) (*scoring.Results, error) {
	c := &s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	gen, err := s.o.Store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	if c.res != nil && c.gen == gen {
		return c.res, nil
	}
	waves, subs, err := s.submissions(ctx, gen)
	if err != nil {
		return nil, err
	}
	res, err := s.score(ctx, waves, subs)
	if err != nil {
		return nil, err
	}
	c.gen, c.res, c.run = gen, res, s.analyseLater(forAssociation, res)
	return res, nil
}

// resultsAt returns the association's results of store generation gen
// and their analysis, if the cache holds them (ok). Given res, the
// scoring of every submission at gen, it makes them those when the cache
// holds none of gen and gen is still the store's: a peer refresh scores
// what results would, and the two are scored and analysed once.
func (s *Server) resultsAt(ctx context.Context, gen int64, res *scoring.Results) (_ *scoring.Results, _ *analysisRun, ok bool) {
	c := &s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.res != nil && c.gen == gen {
		return c.res, c.run, true
	}
	if res == nil {
		return nil, nil, false
	}
	if g, err := s.o.Store.Generation(ctx); err != nil || g != gen {
		return nil, nil, false
	}
	c.gen, c.res, c.run = gen, res, s.analyseLater(forAssociation, res)
	return res, c.run, true
}

// analyse runs the analysis of res. A panic in it is its error: in a
// request net/http recovered it, but off one it would end the server.
func (s *Server) analyse(res *scoring.Results) (rep *analyse.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			rep, err = nil, fmt.Errorf("analysis: panic: %v", p)
		}
	}()
	if rep, err = s.o.Analysis(context.Background(), res); err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	return rep, nil
}

// submissionsRead holds the waves and their submitted sheets as read at
// store generation gen, for the association's pages (results) and the
// municipalities' (unitResults) alike: each read them on its own, and
// reading every answer of every wave took 1.7 s of CPU at national size
// (10,786 municipalities, two waves) — twice per submission when both
// were looked at.
type submissionsRead struct {
	mu    sync.Mutex
	read  bool
	gen   int64
	waves []fieldwork.Wave
	subs  map[scoring.WaveID][]fieldwork.Sheet
}

// submissions reads every wave and its submitted sheets at store
// generation gen. A wave whose submissions are those of the last read —
// every submitted sheet at the same version, time and model, as the
// store's list of sheets (without answers) says — keeps the answers read
// then: answers are never changed, only superseded by a later version,
// so a submitted version's answers stay what they were. A closed wave,
// and every wave but the one a new submission went to, is then not read
// again.
func (s *Server) submissions(ctx context.Context, gen int64) ([]fieldwork.Wave, map[scoring.WaveID][]fieldwork.Sheet, error) {
	c := &s.subs
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read && c.gen == gen {
		return c.waves, c.subs, nil
	}
	waves, err := s.o.Store.Waves(ctx)
	if err != nil {
		return nil, nil, err
	}
	subs := make(map[scoring.WaveID][]fieldwork.Sheet, len(waves))
	for _, w := range waves {
		if prev, ok := c.subs[w.ID]; c.read && ok {
			same, err := s.sameSubmissions(ctx, w.ID, prev)
			if err != nil {
				return nil, nil, err
			}
			if same != nil {
				subs[w.ID] = same
				continue
			}
		}
		if subs[w.ID], err = s.o.Store.Submissions(ctx, w.ID); err != nil {
			return nil, nil, err
		}
	}
	c.read, c.gen, c.waves, c.subs = true, gen, waves, subs
	return waves, subs, nil
}

// sameSubmissions returns the submitted sheets of a wave as Submissions
// would read them now, from prev, the ones read before, when every
// submission is still the one prev holds; nil when any is not.
func (s *Server) sameSubmissions(ctx context.Context, wave scoring.WaveID, prev []fieldwork.Sheet) ([]fieldwork.Sheet, error) {
	sheets, err := s.o.Store.Sheets(ctx, wave)
	if err != nil {
		return nil, err
	}
	out := make([]fieldwork.Sheet, 0, len(prev))
	for _, sh := range sheets {
		if sh.SubmittedVersion == 0 {
			continue
		}
		i := len(out)
		if i >= len(prev) {
			return nil, nil
		}
		p := prev[i]
		if p.Unit != sh.Unit || p.SubmittedVersion != sh.SubmittedVersion || !p.Submitted.Equal(sh.Submitted) || p.SubmittedModel != sh.SubmittedModel {
			return nil, nil
		}
		sh.Answers = p.Answers
		out = append(out, sh)
	}
	if len(out) != len(prev) {
		return nil, nil
	}
	return out, nil
}

// score imports and scores the submitted sheets of each wave. Nil
// results: nothing submitted.
func (s *Server) score(ctx context.Context, waves []fieldwork.Wave, subs map[scoring.WaveID][]fieldwork.Sheet) (*scoring.Results, error) {
	ds := &scoring.Dataset{}
	for _, w := range waves {
		if len(subs[w.ID]) == 0 {
			continue
		}
		d, err := s.o.Import(ctx, w, subs[w.ID])
		if err != nil {
			return nil, fmt.Errorf("wave %s: %w", w.ID, err)
		}
		ds.Append(d)
	}
	if len(ds.Responses) == 0 && len(ds.Rejects) == 0 {
		return nil, nil
	}
	return scoring.Score(s.o.Model, ds), nil
}

// peerView is what a municipality's own profile shows of the others.
// Scored afresh at every submission, its peer figures (percentile, peer
// medians, "N municipalities of your size class give this answer") would
// change with each, and two visits one submission apart would tell how
// the newcomer answered: a group of one, by difference. So the others'
// submissions are shown as of the last refresh, and a refresh waits until
// more than Options.MinGroupSize municipalities have new or changed ones
// (refreshAfter); the unit's own submission shows at once (what it
// changes, the unit knows).
//
// Every unit whose own submissions the refresh holds as they are sees the
// same results — those of the refresh itself — so they are scored once
// (shared) and not once per unit: each scoring of a wave is its analysis
// and every unit's roadmap too, and after a wave closes every municipality
// looks at its profile (418 of them, one scoring each, queued behind this
// lock, took over a second a page at 16 visitors at once). Scorings run
// outside the lock.
type peerView struct {
	mu     sync.Mutex
	others map[scoring.WaveID][]fieldwork.Sheet // as of the last refresh; nil until first asked
	gen    int64                                // the store generation others were read at
	epoch  int                                  // counts the refreshes
	shared *sharedView                          // the results of others alone; nil until asked
	views  map[scoring.UnitID]unitView          // the results last shown to a unit
}

// sharedView is the scoring of a refresh's submissions, with the waves it
// was scored with (a wave renamed or closed since is scored again), and
// its analysis, run in the background (analyses) once for every unit.
type sharedView struct {
	waves []fieldwork.Wave
	res   *scoring.Results
	run   *analysisRun
}

// unitView is a unit's results at a store generation.
type unitView struct {
	gen   int64
	res   *scoring.Results
	cmp   *scoring.Results // what the unit is compared with, when not res (unitResults)
	run   *analysisRun
	later bool // the analysis is left to the next refresh (unitResults)
}

// maxViews bounds the units whose results peerView keeps: each is a
// scoring of every wave.
const maxViews = 16

// unitResults scores the unit's current submissions with the others'
// as of the last refresh (peerView), and the analysis of that. Scored
// with the unit's own submission newer than the refresh, the results are
// not analysed, and later says so: the analysis (1,000 model variants of
// every unit) took two thirds of a municipality's first view of its
// profile after submitting at national size, 6–13 s, and what the
// profile shows of it, the unit's robustness, waits for the next refresh
// (the profile says so). A refresh's results are analysed once for
// every unit, in the background (analyseLater): the first municipality
// to look after a refresh waited for it (some 7 s of CPU nationally);
// until it is done the run is pending and the profile says so.
//
// Scored with its own newer submission, the unit is compared with the
// refresh's scoring (cmp), not with res: its percentiles and the groups'
// medians in res move with its own answers, and by submitting other
// answers again and again a member of a group of five would find each of
// the other four's scores (as its own passed theirs, its percentile
// stepped by a quarter). cmp is nil where the unit is compared with res.
func (s *Server) unitResults(ctx context.Context, id scoring.UnitID) (res, cmp *scoring.Results, run *analysisRun, later bool, err error) {
	pv := &s.peers
	pv.mu.Lock()
	gen, err := s.o.Store.Generation(ctx)
	if err != nil {
		pv.mu.Unlock()
		return nil, nil, nil, false, err
	}
	if v, ok := pv.views[id]; ok && v.gen == gen {
		pv.mu.Unlock()
		return v.res, v.cmp, v.run, v.later, nil
	}
	waves, cur, err := s.submissions(ctx, gen)
	if err != nil {
		pv.mu.Unlock()
		return nil, nil, nil, false, err
	}
	if pv.others == nil || changedUnits(pv.others, cur) >= refreshAfter(s.o.MinGroupSize) {
		pv.others, pv.gen, pv.views, pv.shared = cur, gen, nil, nil
		pv.epoch++
	}
	others, epoch := pv.others, pv.epoch
	asRefreshed := sameOwn(others, cur, id)
	// At the generation of the refresh, the others' submissions are all
	// there are: the association's results (results) are this scoring.
	// Each was scored and analysed on its own, twice the work at every
	// refresh.
	associations := asRefreshed && pv.gen == gen
	if sh := pv.shared; asRefreshed && sh != nil && slices.Equal(sh.waves, waves) {
		pv.keep(id, unitView{gen: gen, res: sh.res, run: sh.run})
		pv.mu.Unlock()
		return sh.res, nil, sh.run, false, nil
	}
	if sh := pv.shared; !asRefreshed && sh != nil && slices.Equal(sh.waves, waves) {
		cmp = sh.res
	}
	pv.mu.Unlock()

	var shared *analysisRun // the association's analysis of res
	scored := false
	if associations {
		res, shared, scored = s.resultsAt(ctx, gen, nil)
	}
	if !scored {
		subs := others
		if !asRefreshed {
			subs = withOwn(others, cur, id)
		}
		if res, err = s.score(ctx, waves, subs); err != nil {
			return nil, nil, nil, false, err
		}
		if !asRefreshed && cmp == nil {
			if cmp, err = s.score(ctx, waves, others); err != nil {
				return nil, nil, nil, false, err
			}
		}
		if associations { // offered, or taken if the association was quicker
			if r, run, ok := s.resultsAt(ctx, gen, res); ok {
				res, shared = r, run
			}
		}
	}
	later = !asRefreshed && s.o.Analysis != nil
	pv.mu.Lock()
	if asRefreshed && pv.epoch != epoch {
		// A refresh came while these were scored: they are of the old
		// one. Asking for their analysis replaced the new refresh's before
		// it started, and every profile of it then said its robustness was
		// being computed, for good (?wait too). Score again with the new.
		pv.mu.Unlock()
		return s.unitResults(ctx, id)
	}
	defer pv.mu.Unlock()
	if asRefreshed {
		// Two units scoring the same refresh at once share the first's
		// results and analysis: a second analysis would replace the
		// first's before it ran, and the first unit's page wait for it
		// in vain.
		switch sh := pv.shared; {
		case pv.epoch == epoch && sh != nil && slices.Equal(sh.waves, waves):
			res, run = sh.res, sh.run
		case shared != nil:
			run = s.shareAnalysis(forPeers, shared)
		default:
			run = s.analyseLater(forPeers, res)
		}
	}
	if pv.epoch == epoch { // no refresh meanwhile
		if asRefreshed {
			pv.shared = &sharedView{waves: waves, res: res, run: run}
		}
		pv.keep(id, unitView{gen: gen, res: res, cmp: cmp, run: run, later: later})
	}
	return res, cmp, run, later, nil
}

// keep remembers the results shown to a unit. Callers hold pv.mu.
func (pv *peerView) keep(id scoring.UnitID, v unitView) {
	if pv.views == nil || len(pv.views) >= maxViews {
		pv.views = make(map[scoring.UnitID]unitView)
	}
	pv.views[id] = v
}

// sameOwn reports whether others holds the unit's submissions of cur as
// they are, in every wave: then withOwn(others, cur, id) is others.
func sameOwn(others, cur map[scoring.WaveID][]fieldwork.Sheet, id scoring.UnitID) bool {
	version := func(sheets []fieldwork.Sheet) int {
		for _, sh := range sheets {
			if sh.Unit == id {
				return sh.SubmittedVersion
			}
		}
		return 0
	}
	for w := range cur {
		if version(cur[w]) != version(others[w]) {
			return false
		}
	}
	for w := range others {
		if _, ok := cur[w]; !ok && version(others[w]) != 0 {
			return false
		}
	}
	return true
}

// refreshAfter is how many municipalities must have new or changed
// submissions before the others' shown on a profile are refreshed: one
// more than the minimum group, so that whoever looks, at least min others
// than itself changed (its own change it knows). At most one: at once.
func refreshAfter(min int) int {
	if min <= 1 {
		return 1
	}
	return min + 1
}

// changedUnits counts the units with a submission in b that a does not
// hold as it is (new, or submitted again), or with one in a that b no
// longer holds, in any wave.
func changedUnits(a, b map[scoring.WaveID][]fieldwork.Sheet) int {
	type key struct {
		w scoring.WaveID
		u scoring.UnitID
	}
	was := make(map[key]int)
	for w, sheets := range a {
		for _, sh := range sheets {
			was[key{w, sh.Unit}] = sh.SubmittedVersion
		}
	}
	changed := make(map[scoring.UnitID]bool)
	for w, sheets := range b {
		for _, sh := range sheets {
			k := key{w, sh.Unit}
			if v, ok := was[k]; !ok || v != sh.SubmittedVersion {
				changed[sh.Unit] = true
			}
			delete(was, k)
		}
	}
	for k := range was {
		changed[k.u] = true
	}
	return len(changed)
}

// withOwn is others with the unit's sheets taken from cur: its own
// current submissions, in place of what others holds of it.
func withOwn(others, cur map[scoring.WaveID][]fieldwork.Sheet, id scoring.UnitID) map[scoring.WaveID][]fieldwork.Sheet {
	out := make(map[scoring.WaveID][]fieldwork.Sheet, len(cur))
	for w := range cur {
		var own *fieldwork.Sheet
		for i := range cur[w] {
			if cur[w][i].Unit == id {
				own = &cur[w][i]
			}
		}
		sheets := make([]fieldwork.Sheet, 0, len(others[w])+1)
		placed := false
		for _, sh := range others[w] {
			if sh.Unit != id {
				sheets = append(sheets, sh)
			} else if own != nil {
				sheets, placed = append(sheets, *own), true
			}
		}
		if own != nil && !placed {
			sheets = append(sheets, *own)
		}
		out[w] = sheets
	}
	return out
}
