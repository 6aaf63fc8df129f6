package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	rcsv "github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
	"github.com/reifegrad/reifegrad/survey"
	"github.com/reifegrad/reifegrad/web"
)

// serveCommand is 'reifegrad serve' and its subcommands.
func (a *app) serveCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the survey online: municipalities answer and see their profile at once",
		Long: `serve runs the survey as a web application with its own database (one SQLite
file, serve.db, default reifegrad.db): municipalities sign in with their access
code, answer the questionnaire of the model (saved on every change), submit it
and see their profile at once, scored as 'run' scores it. The association signs
in at /admin with its password: it opens and closes waves, follows the response
by district and size class, lists who has not answered, exports the responses
and reads the overview and the audit log.

  reifegrad serve init            create the database, load the units, set the password
  reifegrad serve codes -o codes.csv   one access code per unit, for a mail merge
  reifegrad serve                 start the server (serve.addr, default localhost:8080)
  reifegrad serve export --wave 2026 -o antworten_2026.csv
  reifegrad run -i 2026=sqlite:reifegrad.db    score straight from the database
  reifegrad serve backup -o kopie.db           a consistent copy while serving

TLS: give serve.tls_cert and serve.tls_key (--tls-cert, --tls-key), or run behind
a reverse proxy that terminates TLS and set serve.proxy (--proxy).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.serve(cmd) },
	}
	pf := cmd.PersistentFlags()
	pf.String("db", "", "database file (default: serve.db, \"reifegrad.db\")")
	f := cmd.Flags()
	f.String("addr", "", "address to listen on (default: serve.addr, \"localhost:8080\")")
	f.String("tls-cert", "", "TLS certificate file (PEM), with --tls-key")
	f.String("tls-key", "", "TLS key file (PEM), with --tls-cert")
	f.Bool("proxy", false, "behind a reverse proxy that terminates TLS: trust X-Forwarded-For, Secure cookies")
	cmd.AddCommand(a.serveInitCommand(), a.serveCodesCommand(), a.serveExportCommand(), a.serveBackupCommand())
	return cmd
}

// openDB opens the database of the settings; create allows a new file.
func openDB(ctx context.Context, s *settings, create bool) (*sqlite.DB, error) {
	return sqlite.Open(ctx, dbPath(s), create)
}

// dbPath is serve.db: relative to the config's folder when config.yaml
// sets it, else to the working directory.
func dbPath(s *settings) string {
	if o, ok := s.origins["serve.db"]; ok && o.Line > 0 {
		return s.path(s.Serve.DB)
	}
	return s.Serve.DB
}

// exportColumns are the unit columns of an export: the ones the importer
// is told to read.
func exportColumns(s *settings) fieldwork.Columns {
	return fieldwork.Columns{ID: s.Units.ID, Name: s.Units.Name, District: s.Units.District, Population: s.Units.Population}
}

// exportWave writes the submitted answers of a wave as CSV, the shape
// 'run' imports. Everything that reads the database for scoring — the
// server's live profiles, 'serve export' and 'run -i sqlite:' — goes
// through it or exportSheets, so all three score the same file.
func exportWave(ctx context.Context, db fieldwork.Store, m *scoring.Model, cols fieldwork.Columns, wave scoring.WaveID, w io.Writer) (int, error) {
	subs, err := db.Submissions(ctx, wave)
	if err != nil {
		return 0, err
	}
	return len(subs), exportSheets(ctx, db, m, cols, wave, subs, w)
}

// exportSheets writes the given submitted sheets of a wave as exportWave
// writes the wave's: the web server scores a municipality's own profile
// from the others' sheets as of its last refresh (web.Options.MinGroupSize).
func exportSheets(ctx context.Context, db fieldwork.Store, m *scoring.Model, cols fieldwork.Columns, wave scoring.WaveID, subs []fieldwork.Sheet, w io.Writer) error {
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	// The wave's own questions, codes and scales (model.waves).
	qm, err := m.Questionnaire(wave)
	if err != nil {
		return err
	}
	return fieldwork.WriteCSV(w, qm, units, subs, cols)
}

// answersAsked refuses a database whose submitted answers the model no
// longer asks (a question renamed or removed while its wave was open):
// every profile and export of that wave would fail, or, before, would
// have been scored without them. A submitted answer the question's scale
// no longer takes (an answer taken out of it) counts as not answered, as
// run's finding at its cell says; warn names it, as the municipality's
// profile changes without its doing. So does a model edited since
// municipalities submitted (fieldwork.ModelChanges): warn counts them per
// wave.
func answersAsked(ctx context.Context, db fieldwork.Store, s *settings, warn func(string)) error {
	waves, err := db.Waves(ctx)
	if err != nil {
		return err
	}
	for _, w := range waves {
		// Every answer of the wave, read once for the three checks.
		subs, err := db.Submissions(ctx, w.ID)
		if err != nil {
			return err
		}
		if err := exportSheets(ctx, db, s.Model, exportColumns(s), w.ID, subs, io.Discard); errors.Is(err, fieldwork.ErrNotAsked) {
			return fmt.Errorf("%s: %w", dbPath(s), err)
		}
		qm, err := s.Model.Questionnaire(w.ID)
		if err != nil {
			continue // a wave the model no longer has: its pages say so
		}
		if changed := fieldwork.ModelChanges(s.Model, databaseName(dbPath(s)), subs); len(changed) > 0 {
			var earlier []string // the fingerprints submitted under (CauseModelChanged's third value)
			for _, is := range changed {
				if !slices.Contains(earlier, is.Args[2]) {
					earlier = append(earlier, is.Args[2])
				}
			}
			slices.Sort(earlier)
			warn(fmt.Sprintf("warning: %s: wave %s: %d of %d submissions were made under another version of the model (fingerprint %s, now %s): those municipalities were shown other figures than their profiles show now",
				dbPath(s), w.ID, len(changed), len(subs), strings.Join(earlier, ", "), s.Model.Fingerprint))
		}
		for _, sh := range subs {
			ids := slices.Sorted(maps.Keys(sh.Answers))
			for _, id := range ids {
				q := qm.Question(id)
				if q == nil {
					continue
				}
				if _, err := fieldwork.Clean(q, sh.Answers[id]); err != nil {
					warn(fmt.Sprintf("warning: %s: wave %s: %s submitted %s %s, which the model's scale no longer takes: it counts as not answered (changed while the wave was open?)",
						dbPath(s), w.ID, sh.Unit, id, strconv.Quote(sh.Answers[id])))
				}
			}
		}
	}
	return nil
}

// databaseName is how a wave of a database is named in messages and as
// an input: "sqlite:reifegrad.db".
func databaseName(path string) string { return "sqlite:" + path }

// importer is the server's web.Import: the submitted sheets it is given,
// exported as serve export writes a wave and read by the importer with
// run's settings.
func importer(s *settings, db fieldwork.Store) (web.Import, error) {
	opt, err := surveyOptions(s)
	if err != nil {
		return nil, err
	}
	cols := exportColumns(s)
	return func(ctx context.Context, wave fieldwork.Wave, subs []fieldwork.Sheet) (*scoring.Dataset, error) {
		var b bytes.Buffer
		if err := exportSheets(ctx, db, s.Model, cols, wave.ID, subs, &b); err != nil {
			return nil, err
		}
		qm, err := s.Model.Questionnaire(wave.ID)
		if err != nil {
			return nil, err
		}
		o := opt
		o.Wave = wave.Wave
		ds, err := survey.Read(&b, databaseName(dbPath(s)), qm, o)
		if err != nil {
			return nil, err
		}
		if err := placeUnits(ctx, db, ds); err != nil {
			return nil, err
		}
		ds.Issues = append(ds.Issues, fieldwork.ModelChanges(s.Model, databaseName(dbPath(s)), subs)...)
		return ds, nil
	}, nil
}

// placeUnits gives each unit of ds without a place the coordinates serve
// init stored for it (--units, lon and lat): the export the server scores
// has none, and the reader takes places from units.register alone, so
// organisations listed with their coordinates stood on no map of the
// server's overview. The database is read only when a unit lacks a place.
func placeUnits(ctx context.Context, db fieldwork.Store, ds *scoring.Dataset) error {
	if !slices.ContainsFunc(ds.Responses, func(r scoring.Response) bool { return !r.Unit.HasLocation }) {
		return nil
	}
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	placed := make(map[scoring.UnitID]scoring.Unit, len(units))
	for _, u := range units {
		if u.HasLocation {
			placed[u.ID] = u
		}
	}
	for i := range ds.Responses {
		u := &ds.Responses[i].Unit
		if p, ok := placed[u.ID]; ok && !u.HasLocation {
			u.Lon, u.Lat, u.HasLocation = p.Lon, p.Lat, true
		}
	}
	return nil
}

// servePeerGroups refuses a peer group by an attribute the server cannot
// know: the export it scores holds each unit's id, name, district and
// population (its size class), nothing else (fieldwork.WriteCSV), so every
// unit would stand outside such a group, and its figures would be missing
// from every page without a word. run takes such an attribute from a
// column of its inputs.
func servePeerGroups(s *settings) error {
	return s.peerGroupErrs(func(p scoring.PeerGroup) error {
		switch p.Attribute {
		case "district", "size_class", "name", "id", "ags":
			return nil
		}
		return fmt.Errorf("peer group %q compares the units by %q, which 'reifegrad serve' cannot know: the units it scores have an id, a name, a district and a population (size class), nothing else; compare by district or size_class here, or score the answers with 'reifegrad run', where a column %q of the inputs gives it", p.ID, p.Attribute, p.Attribute)
	})
}

// serve runs the web server until interrupted.
func (a *app) serve(cmd *cobra.Command) error {
	s, err := loadSettings(a.configPath, cmd.Flags())
	if err != nil {
		return err
	}
	if err := servePeerGroups(s); err != nil {
		return err
	}
	if a.cpuProfile != "" {
		f, err := os.Create(a.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	db, err := openDB(ctx, s, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.PasswordHash(ctx); errors.Is(err, fieldwork.ErrNotFound) {
		return fmt.Errorf("%s has no password for the association: run 'reifegrad serve init' first", dbPath(s))
	}
	if err := answersAsked(ctx, db, s, func(msg string) { fmt.Fprintln(a.stderr, visible(msg)) }); err != nil {
		return err
	}
	useTLS := s.Serve.TLSCert != ""
	o, err := a.serverOptions(s, db)
	if err != nil {
		return err
	}
	srv, err := web.New(ctx, o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.Serve.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}, ErrorLog: log.New(a.stderr, "reifegrad serve: ", 0)}
	scheme := "http"
	if useTLS {
		scheme = "https"
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "reifegrad serve: %s://%s (database %s; stop with Ctrl-C)\n", scheme, ln.Addr(), dbPath(s))
		if !useTLS && !s.Serve.Proxy && !loopback(ln.Addr()) {
			fmt.Fprintf(a.stderr, "reifegrad serve: warning: no TLS on an address other machines reach: codes and answers travel in clear text; give --tls-cert/--tls-key or run behind a TLS proxy with --proxy\n")
		}
	}
	done := make(chan error, 1)
	go func() {
		if useTLS {
			done <- hs.ServeTLS(ln, s.Serve.TLSCert, s.Serve.TLSKey)
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// serverOptions wires the web server to the database, the model, the
// importer and the report options of the settings.
func (a *app) serverOptions(s *settings, db fieldwork.Store) (web.Options, error) {
	imp, err := importer(s, db)
	if err != nil {
		return web.Options{}, err
	}
	useTLS := s.Serve.TLSCert != ""
	analysis := func(ctx context.Context, res *scoring.Results) (*analyse.Report, error) {
		return runAnalysis(ctx, s, res, scoring.NewDisclosure(res, s.Report.MinGroupSize))
	}
	return web.Options{Store: db, Model: s.Model, Import: imp, Pages: &htmlPages{o: reportOptions(s), s: s}, Inert: rcsv.InertText,
		Language: s.Report.Language, Analysis: analysis, Columns: exportColumns(s),
		Secure: useTLS || s.Serve.Proxy, TrustProxy: s.Serve.Proxy, MinGroupSize: s.Report.MinGroupSize,
		OnError: a.serveError}, nil
}

// serveError tells the server's terminal of an internal error. The path
// is the client's, the error may quote the data: their control
// characters are made visible.
func (a *app) serveError(r *http.Request, err error) {
	fmt.Fprintf(a.stderr, "reifegrad serve: %s %s: %s\n", visible(r.Method), visible(r.URL.Path), visible(err.Error()))
}

// htmlPages gives the web server run's pages: the HTML adapter with run's
// report options (the server serves the assets, so none is inlined). A
// profile carries the unit's roadmap as run's does, made once per scoring
// of the submissions.
type htmlPages struct {
	o html.Options
	s *settings

	mu   sync.Mutex
	res  *scoring.Results // the results the roadmaps are of
	sets *roadmap.Set
}

// roadmaps returns the roadmaps of r, made on first use.
func (p *htmlPages) roadmaps(r *scoring.Results) (*roadmap.Set, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.res != r {
		set, err := buildRoadmaps(p.s, r, scoring.NewDisclosure(r, p.s.Report.MinGroupSize))
		if err != nil {
			return nil, err
		}
		p.res, p.sets = r, set
	}
	return p.sets, nil
}

func (p *htmlPages) Units(r *scoring.Results) []*scoring.UnitResult { return html.ProfileUnits(r) }
func (p *htmlPages) File(id scoring.UnitID) string                  { return html.ProfileFile(id) }
func (p *htmlPages) AssetNames() []string                           { return html.AssetNames() }
func (p *htmlPages) Asset(w io.Writer, name string) error           { return html.WriteAsset(w, name) }

func (p *htmlPages) Profile(w io.Writer, r *scoring.Results, u *scoring.UnitResult, cmp *scoring.Results, a *analyse.Report, later, pending bool, assets string) error {
	o := p.o
	o.InlineAssets, o.Analysis, o.Comparison = false, a, cmp
	if (later || pending) && a == nil {
		toCome, err := robustnessToCome(p.s, r, u)
		if err != nil {
			return err
		}
		o.RobustnessLater, o.RobustnessPending = later && toCome, pending && toCome
	}
	var err error
	if o.Roadmaps, err = p.roadmaps(r); err != nil {
		return err
	}
	return html.RenderProfile(w, r, u, o, assets)
}

// robustnessToCome reports whether the analysis of r would give u's
// profile its robustness line, as html's robustLine decides it: uncertain
// choices declared (analyseOptions is nil without them), u in the wave
// analysed and with a level, and enough units of that wave with an
// overall score to be shown (analyse.Robust's rule). Where it would not,
// the profile says nothing of a robustness to come either.
func robustnessToCome(s *settings, r *scoring.Results, u *scoring.UnitResult) (bool, error) {
	robust, err := analyseOptions(s)
	if err != nil || robust == nil || u.Level == 0 {
		return false, err
	}
	wi, err := analyseWave(s, r)
	if err != nil || r.Waves[wi].ID != u.Wave {
		return false, err
	}
	scored := 0
	for _, x := range r.WaveUnits(wi) {
		if x.Nodes.At(0).Scored() {
			scored++
		}
	}
	return scoring.NewDisclosure(r, s.Report.MinGroupSize).Shown(scored), nil
}

func (p *htmlPages) Overview(w io.Writer, r *scoring.Results, a *analyse.Report, pending bool) error {
	o := p.o
	o.InlineAssets, o.Analysis, o.AnalysisPending = false, a, pending && a == nil
	return html.RenderOverview(w, r, o)
}

func loopback(addr net.Addr) bool {
	ta, ok := addr.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// serveInitCommand creates or updates the database: units from the
// register, the association's password.
func (a *app) serveInitCommand() *cobra.Command {
	var unitsFile string
	var newPassword bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create the database, load the units of the register and set the association's password",
		Long: `init creates the database (serve.db) if needed, loads every unit of the register
(units.register, or --units with a register CSV: ags,name,district,population,lon,lat;
of units that are not municipalities id,name and, where known or where the model
compares by them, district, population, lon, lat) and sets the association's password, asked twice on the terminal or read as the
first line of standard input (at least 12 characters; stored as an argon2id hash).
Run again, it updates the units and keeps the password unless --password.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			if err := servePeerGroups(s); err != nil {
				return err
			}
			reg, err := initRegister(s, unitsFile)
			if err != nil {
				return err
			}
			// A point outside Germany is stored as given, but said: it is a
			// finding, not progress, so --quiet keeps it.
			for _, w := range reg.Warnings {
				fmt.Fprintln(a.stderr, "warning: "+visible(w))
			}
			db, err := openDB(cmd.Context(), s, true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.PutUnits(cmd.Context(), reg.Units, fieldwork.Actor{}); err != nil {
				return err
			}
			// Units are never removed (sheets and codes refer to them):
			// one the register no longer has still counts in every
			// wave's response and reminders. Say so, with --quiet too:
			// "2 units" beside a wave page counting 3 contradicted it.
			stored, err := db.Units(cmd.Context())
			if err != nil {
				return err
			}
			for _, w := range unitsBeyond(stored, reg) {
				fmt.Fprintln(a.stderr, "warning: "+visible(w))
			}
			_, err = db.PasswordHash(cmd.Context())
			set := newPassword || errors.Is(err, fieldwork.ErrNotFound)
			if set {
				pw, err := a.readPassword(statusTexts[s.Report.Language])
				if err != nil {
					return err
				}
				hash, err := fieldwork.HashPassword(pw, rand.Reader, fieldwork.DefaultArgon2)
				if err != nil {
					return err
				}
				if err := db.SetPassword(cmd.Context(), hash, fieldwork.Actor{}); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
			if !a.quiet {
				l := s.Report.Language
				t := statusTexts[l]
				fmt.Fprintf(a.stderr, t.registerF, dbPath(s), unitNoun[l].speaking(l, scoring.UnitsOf(s.Model, stored)).of(l, len(stored)), reg.Name)
				if n := len(stored) - len(reg.Units); n > 0 {
					fmt.Fprintf(a.stderr, t.keptF, l.Count(len(reg.Units)), l.Count(n))
				}
				fmt.Fprint(a.stderr, ")")
				if set {
					fmt.Fprint(a.stderr, t.passwordSet)
				}
				fmt.Fprint(a.stderr, t.serveNext)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&unitsFile, "units", "", "CSV of the units: a register (ags,name,district,population,lon,lat); of other units id,name,… (default: units.register)")
	cmd.Flags().BoolVar(&newPassword, "password", false, "set a new password even if one is set")
	return cmd
}

// unitsBeyond says which units of the database the register lacks: a
// line naming the first ten of them, or none.
func unitsBeyond(stored []scoring.Unit, reg *survey.Register) []string {
	var names []string
	for _, u := range stored {
		if _, ok := reg.Lookup(u.ID); !ok {
			names = append(names, fmt.Sprintf("%s (%s)", u.ID, u.Name))
		}
	}
	if len(names) == 0 {
		return nil
	}
	n, more := len(names), ""
	if n > 10 {
		names, more = names[:10], fmt.Sprintf(" and %d more", n-10)
	}
	kept := fmt.Sprintf("%d units", n)
	if n == 1 {
		kept = "1 unit"
	}
	return []string{fmt.Sprintf("the database keeps %s that register %s lacks: %s%s. Units are never removed: "+
		"they count in every wave's response and reminders", kept, reg.Name, strings.Join(names, ", "), more)}
}

// initRegister loads the units serve init stores.
func initRegister(s *settings, file string) (*survey.Register, error) {
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("cannot open units: %w", err)
		}
		defer f.Close()
		return survey.ReadUnits(f, file, survey.UnitsOptions{Municipalities: s.Units.Municipalities, Model: s.Model, Within: s.Register})
	}
	if s.Register == nil && !s.Units.Municipalities {
		// The bundled registers list municipalities only.
		return nil, &usageError{errors.New("serve init: no units: give --units units.csv, a CSV with the columns id and name (and district, population, lon, lat where known)")}
	}
	if s.Register == nil {
		return nil, &usageError{errors.New("serve init: no units: set units.register in the config or give --units register.csv")}
	}
	return s.Register, nil
}

// readPassword asks for the password twice on a terminal, or reads the
// first line of standard input.
func (a *app) readPassword(t *statusText) (string, error) {
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(a.stderr, t.password)
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(a.stderr, t.again)
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", err
		}
		if !bytes.Equal(p1, p2) {
			return "", errors.New("the two passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(io.LimitReader(a.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("cannot read the password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password: type it on the terminal or give it as the first line of standard input")
	}
	return line, nil
}

// serveCodesCommand issues, reissues and revokes access codes.
func (a *app) serveCodesCommand() *cobra.Command {
	var units []string
	var reissue, revoke, force bool
	var url string
	cmd := &cobra.Command{
		Use:   "codes",
		Short: "Issue one access code per unit and write them as CSV for a mail merge (-o zugangscodes.csv)",
		Long: `codes issues an access code to every unit that has none (or to the units given
with --unit) and writes them to -o (default zugangscodes.csv; an existing file is
kept unless --force, as it may hold codes not yet sent) with the columns ags,
gemeinde, landkreis, code and, with --url, adresse — for units that are not
municipalities their id, name, district, code and address in the model's words
(model.unit_labels) and the report's language. The database keeps only a hash
of each code: the file is the only copy, readable by its owner only.

--reissue gives the units new codes (their old codes and sessions end); --revoke
ends the codes of the units given with --unit without new ones.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			db, err := openDB(cmd.Context(), s, false)
			if err != nil {
				return err
			}
			defer db.Close()
			var ids []scoring.UnitID
			for _, u := range units {
				ids = append(ids, scoring.UnitID(strings.TrimSpace(u)))
			}
			if revoke {
				if len(ids) == 0 {
					return &usageError{errors.New("serve codes --revoke: name the units with --unit")}
				}
				if err := db.RevokeCodes(cmd.Context(), ids, fieldwork.Actor{}); err != nil {
					return err
				}
				if !a.quiet {
					l := s.Report.Language
					revoked := make([]scoring.Unit, len(ids))
					for i, id := range ids {
						revoked[i] = scoring.Unit{ID: id}
					}
					fmt.Fprint(a.stderr, statusTexts[l].revoked.speaking(l, scoring.UnitsOf(s.Model, revoked)).of(l, len(ids)))
				}
				return nil
			}
			return a.issueCodes(cmd, s, db, ids, reissue, force, url)
		},
	}
	cmd.Flags().StringArrayVar(&units, "unit", nil, "only this unit (its id, an AGS for municipalities; repeatable)")
	cmd.Flags().BoolVar(&reissue, "reissue", false, "replace existing codes")
	cmd.Flags().BoolVar(&revoke, "revoke", false, "revoke the codes of the --unit units")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing output file")
	cmd.Flags().StringVar(&url, "url", "", "address of the server, written beside each code")
	return cmd
}

const defaultCodesFile = "zugangscodes.csv"

func (a *app) issueCodes(cmd *cobra.Command, s *settings, db *sqlite.DB, ids []scoring.UnitID, reissue, force bool, url string) error {
	out := cmd.Flag("out").Value.String()
	if out == "" {
		out = defaultCodesFile
	}
	if _, err := os.Stat(out); err == nil && !force {
		return fmt.Errorf("%s exists and may hold codes not yet sent: choose another -o or add --force", out)
	}
	units, err := db.Units(cmd.Context())
	if err != nil {
		return err
	}
	byID := map[scoring.UnitID]scoring.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	if ids == nil && len(units) == 0 {
		return errors.New("the database has no units: run 'reifegrad serve init' first")
	}
	codes, err := db.IssueCodes(cmd.Context(), ids, reissue, rand.Reader, fieldwork.Actor{})
	if err != nil {
		return err
	}
	err = writeSecretFile(out, func(w io.Writer) error {
		io.WriteString(w, "\ufeff")
		cw := csv.NewWriter(w)
		cw.Comma, cw.UseCRLF = ';', true
		cw.Write(codesHeader(s.Model, s.Report.Language, units, url != ""))
		for _, c := range codes {
			u := byID[c.Unit]
			row := []string{rcsv.InertText(string(u.ID)), rcsv.InertText(u.Name), rcsv.InertText(u.District), c.Code.String()}
			if url != "" {
				row = append(row, rcsv.InertText(url))
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		// The codes are stored as hashes only: without the file they are
		// lost. Revoke them, so that none is valid and unknown.
		for _, c := range codes {
			db.RevokeCodes(context.WithoutCancel(cmd.Context()), []scoring.UnitID{c.Unit}, fieldwork.Actor{})
		}
		return fmt.Errorf("%w (the codes just issued were revoked)", err)
	}
	if !a.quiet {
		t := statusTexts[s.Report.Language]
		fmt.Fprintf(a.stderr, t.wroteListF, out, t.codes.of(s.Report.Language, len(codes)))
		if skipped := max(len(units)-len(codes), 0); ids == nil && skipped > 0 {
			fmt.Fprint(a.stderr, t.haveOne.of(s.Report.Language, skipped))
		}
		fmt.Fprintln(a.stderr)
	}
	return nil
}

// codesHeader is the header of serve codes' file in language l, with the
// address column where withURL. Of municipalities it is
// ags;gemeinde;landkreis;code(;adresse) in either language, byte for
// byte as before: mail merges and scripts read it. A model whose units
// are not all keyed by an AGS, or that names them (model.unit_labels), is
// spoken of in its own words, as the reports and serve's pages decide
// them (scoring.Results.UnitIDLabel, DistrictLabel, UnitNouns): a file of
// organisations headed "ags;gemeinde;landkreis" was wrong three times.
// The columns keep their places: id, name, district, code.
func codesHeader(m *scoring.Model, l scoring.Language, units []scoring.Unit, withURL bool) []string {
	r := scoring.UnitsOf(m, units)
	const ags = "ags"
	one, _ := r.UnitNouns(l)
	id, district := r.UnitIDLabel(ags, ""), r.DistrictLabel("")
	hdr := []string{ags, "gemeinde", "landkreis", "code", "adresse"}
	if one != "" || id != ags || district != "" {
		words := map[scoring.Language][3]string{scoring.German: {"kennung", "landkreis", "adresse"}, scoring.English: {"id", "district", "address"}}[l]
		// The model's words are text of the config: inert, as every cell.
		hdr = []string{rcsv.InertText(strings.ToLower(r.UnitIDLabel(ags, words[0]))), "name",
			rcsv.InertText(strings.ToLower(r.DistrictLabel(words[1]))), "code", words[2]}
	}
	if !withURL {
		hdr = hdr[:4]
	}
	return hdr
}

// writeSecretFile writes a file readable by its owner only, complete or
// not at all.
func writeSecretFile(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// serveExportCommand writes a wave's submitted answers as CSV.
func (a *app) serveExportCommand() *cobra.Command {
	var wave string
	var force bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the submitted answers of a wave as CSV, the shape 'run' imports",
		Long: `export writes the submitted answers of a wave (--wave; default: the only or the
open wave) to -o (default antworten_<wave>.csv) in the shape 'reifegrad run -i'
reads: ags, gemeinde, landkreis, einwohner, eingang and a column per question.
An earlier export there is replaced; any other file is kept unless --force.
'run -i 2026=sqlite:reifegrad.db' reads the same without the file.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			db, err := openDB(cmd.Context(), s, false)
			if err != nil {
				return err
			}
			defer db.Close()
			w, err := pickWave(cmd.Context(), db, wave)
			if err != nil {
				return err
			}
			out := cmd.Flag("out").Value.String()
			if out == "" {
				out = "antworten_" + string(w) + ".csv"
			}
			if !force && !replaceable(out, exportColumns(s)) {
				return fmt.Errorf("%s exists and is no export of this database's answers (its first line is not the export's header): choose another -o or add --force", out)
			}
			var n int
			if err := writeFileAtomic(out, func(f io.Writer) error {
				var err error
				n, err = exportWave(cmd.Context(), db, s.Model, exportColumns(s), w, f)
				return err
			}); err != nil {
				return err
			}
			db.Log(cmd.Context(), fieldwork.Event{Action: fieldwork.ActionExport, Wave: w, Detail: out})
			if !a.quiet {
				t := statusTexts[s.Report.Language]
				fmt.Fprintf(a.stderr, t.wroteListF+"\n", out, fmt.Sprintf(t.ofWaveF, t.exported.of(s.Report.Language, n), w))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&wave, "wave", "", "the wave to export")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file that is no earlier export")
	return cmd
}

// replaceable reports whether an export may be written to out: nothing is
// there, or an earlier export (a daily export replaces yesterday's). Any
// other file — a survey tool's export of the same name, an input of the
// run — is kept unless --force.
func replaceable(out string, cols fieldwork.Columns) bool {
	f, err := os.Open(out)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(io.LimitReader(f, 64<<10)).ReadString('\n')
	return cols.IsExport(line)
}

// pickWave returns the wave named, or without a name the open wave, or
// the only one.
func pickWave(ctx context.Context, db fieldwork.Store, name string) (scoring.WaveID, error) {
	waves, err := db.Waves(ctx)
	if err != nil {
		return "", err
	}
	var ids []string
	for _, w := range waves {
		if name != "" && string(w.ID) == name || name == "" && w.State == fieldwork.WaveOpen {
			return w.ID, nil
		}
		ids = append(ids, string(w.ID))
	}
	const none = "the database has no wave yet: the association creates one at /admin"
	switch {
	case name != "" && len(waves) == 0:
		return "", fmt.Errorf("no wave %q: %s", name, none)
	case name != "":
		return "", fmt.Errorf("no wave %q (the database has: %s)", name, strings.Join(ids, ", "))
	case len(waves) == 1:
		return waves[0].ID, nil
	case len(waves) == 0:
		return "", errors.New(none)
	}
	return "", &usageError{fmt.Errorf("name the wave with --wave (the database has: %s)", strings.Join(ids, ", "))}
}

// serveBackupCommand writes a consistent copy of the database.
func (a *app) serveBackupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup",
		Short: "Write a consistent copy of the database, also while the server runs (-o kopie.db)",
		Long: `backup writes a consistent copy of the database to -o (default
reifegrad-<date>-<time>.db), also while the server runs and takes answers: the
copy is one moment of the database (SQLite VACUUM INTO). An existing file is kept
unless --force. Restore by stopping the server and putting the copy in place of
serve.db.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			out := cmd.Flag("out").Value.String()
			if out == "" {
				out = "reifegrad-" + time.Now().Format("20060102-150405") + ".db"
			}
			if _, err := os.Stat(out); err == nil && !force {
				return fmt.Errorf("%s exists: choose another -o or add --force", out)
			}
			db, err := openDB(cmd.Context(), s, false)
			if err != nil {
				return err
			}
			defer db.Close()
			// VACUUM INTO writes a new file: write it beside the target
			// and move it into place when complete.
			tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-"+time.Now().Format("150405.000000"))
			if err := db.Backup(cmd.Context(), tmp); err != nil {
				os.Remove(tmp)
				return err
			}
			if err := os.Rename(tmp, out); err != nil {
				os.Remove(tmp)
				return err
			}
			if !a.quiet {
				fmt.Fprintf(a.stderr, statusTexts[s.Report.Language].wroteF, out)
			}
			// The audit log records the copy where it stays. A server
			// saving without pause can hold the write lock past the busy
			// timeout: the copy is complete all the same, so that is a
			// warning (with --quiet too), not an error that hides it.
			where := out
			if abs, err := filepath.Abs(out); err == nil {
				where = abs
			}
			if err := db.Log(cmd.Context(), fieldwork.Event{Action: fieldwork.ActionBackup, Detail: where}); err != nil {
				fmt.Fprintf(a.stderr, "warning: %s is a complete copy, but the database's audit log could not record it (%v): note the backup elsewhere\n", visible(out), err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

// databasePrefix marks an input that is a 'serve' database:
// -i 2026=sqlite:reifegrad.db reads wave 2026 of it, -i sqlite:reifegrad.db
// every wave with submissions.
const databasePrefix = "sqlite:"

// databaseInput reads a wave of a 'serve' database as run's input: its
// export, so that run scores exactly what 'serve export' writes and the
// server's profiles show.
type databaseInput struct {
	path string
	s    *settings
	// changed holds, per wave opened, the findings on submissions made
	// under another model (fieldwork.ModelChanges), for readInputs.
	changed map[scoring.WaveID][]scoring.Issue
}

// databaseInputs lists the inputs of "-i [wave=]sqlite:path".
func databaseInputs(s *settings, wave, path string) ([]input, error) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	waves, err := db.Waves(ctx)
	if err != nil {
		return nil, err
	}
	src := &databaseInput{path: path, s: s, changed: map[scoring.WaveID][]scoring.Issue{}}
	var ins []input
	for _, w := range waves {
		if wave != "" && string(w.ID) != wave {
			continue
		}
		if wave == "" {
			subs, err := db.Submissions(ctx, w.ID)
			if err != nil {
				return nil, err
			}
			if len(subs) == 0 {
				continue
			}
		}
		ins = append(ins, input{Wave: w.Wave, Path: path, Name: databaseName(path), database: src})
	}
	if len(ins) == 0 && wave != "" {
		return nil, fmt.Errorf("%s%s: no wave %q", databasePrefix, path, wave)
	}
	if len(ins) == 0 {
		return nil, fmt.Errorf("%s%s: no wave has submissions yet", databasePrefix, path)
	}
	return ins, nil
}

func (d *databaseInput) open(wave scoring.WaveID) (io.ReadCloser, error) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, d.path, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	subs, err := db.Submissions(ctx, wave)
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", databasePrefix, d.path, err)
	}
	var b bytes.Buffer
	if err := exportSheets(ctx, db, d.s.Model, exportColumns(d.s), wave, subs, &b); err != nil {
		return nil, fmt.Errorf("%s%s: %w", databasePrefix, d.path, err)
	}
	d.changed[wave] = fieldwork.ModelChanges(d.s.Model, databaseName(d.path), subs)
	return io.NopCloser(&b), nil
}
