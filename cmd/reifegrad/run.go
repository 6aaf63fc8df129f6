package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/xlsx"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// input is one file to read, with the wave its rows belong to.
type input struct {
	Wave    scoring.Wave
	Path    string // on disk; empty for a built-in file
	Name    string // in messages
	builtin string // path inside example.Files
	// Format, Codebook (a path) and Sheet override the survey settings
	// for this file; nil or empty keeps them.
	Format          *survey.Platform
	Codebook, Sheet string
	key             string // "survey.inputs[2]", for messages; empty for -i
	flag            string // "-i 2026=antworten.csv", for messages; empty for survey.inputs
	waveGiven       bool   // the wave was given ("2026=", survey.inputs[].wave), not taken from the file name
	// database, when set, is the 'serve' database at Path whose wave is
	// read as its export ("-i 2026=sqlite:reifegrad.db").
	database *databaseInput
}

func (in input) open() (io.ReadCloser, error) {
	if in.builtin != "" {
		return example.Files.Open(in.builtin)
	}
	if in.database != nil {
		return in.database.open(in.Wave.ID)
	}
	return os.Open(in.Path)
}

// inputBytes is the size of the inputs on disk (built-in files and
// databases are small and not counted; a file that cannot be read is
// reported by the reader).
func inputBytes(ins []input) int64 {
	var n int64
	for _, in := range ins {
		if in.builtin != "" || in.database != nil {
			continue
		}
		if fi, err := os.Stat(in.Path); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
	}
	return n
}

var yearInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// resolveInputs turns -i flags, or else the config's survey.inputs, into
// inputs. A flag "2024=file.csv" sets the wave; otherwise a year in the
// file name does, else the wave is "1".
func (a *app) resolveInputs(s *settings) ([]input, error) {
	var ins []input
	if len(a.inputs) > 0 {
		for _, arg := range a.inputs {
			wave, file := "", arg
			if w, f, ok := strings.Cut(arg, "="); ok && w != "" && !strings.ContainsAny(w, `/\`) {
				wave, file = w, f
			}
			if db, ok := strings.CutPrefix(file, databasePrefix); ok {
				dbi, err := databaseInputs(s, wave, db)
				if err != nil {
					return nil, err
				}
				for i := range dbi {
					dbi[i].flag = "-i " + arg
				}
				ins = append(ins, dbi...)
				continue
			}
			ins = append(ins, input{Wave: waveOf(wave, file), Path: file, Name: file, flag: "-i " + arg, waveGiven: wave != ""})
		}
		return ins, nil
	}
	if len(s.Survey.Inputs) == 0 {
		return nil, &usageError{errors.New("no input: give -i file.csv or list survey.inputs in config.yaml")}
	}
	for i, ic := range s.Survey.Inputs {
		p := ic.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.Dir, p)
		}
		in := input{Wave: waveOf(ic.Wave, ic.File), Path: p, Name: p, Format: ic.Format, Sheet: ic.Sheet,
			Codebook: s.path(ic.Codebook), key: fmt.Sprintf("survey.inputs[%d]", i), waveGiven: ic.Wave != ""}
		if _, err := os.Stat(p); err != nil && s.Embedded {
			// Run outside the repository: use the example built into the
			// binary.
			if _, ferr := fs.Stat(example.Files, path.Base(ic.File)); ferr == nil {
				in = input{Wave: in.Wave, Name: ic.File + " (built-in)", builtin: path.Base(ic.File), Format: in.Format, Sheet: in.Sheet, key: in.key, waveGiven: in.waveGiven}
			}
		}
		ins = append(ins, in)
	}
	return ins, nil
}

// inputWaves refuses a file given a wave (-i 2028=file,
// survey.inputs[].wave) while survey.wave_column reads each row's wave
// from a column: two answers to one question, of which the first was
// ignored without a word. A database's wave selects its export and is no
// such answer.
func inputWaves(s *settings, ins []input) error {
	if s.Survey.WaveColumn == "" {
		return nil
	}
	for _, in := range ins {
		switch {
		case !in.waveGiven || in.database != nil:
		case in.flag != "":
			return fmt.Errorf("%s: %w", in.flag, waveTwice(s, string(in.Wave.ID)))
		default:
			return s.errAt(in.key+".wave", waveTwice(s, string(in.Wave.ID)))
		}
	}
	return nil
}

// waveColumnQuestionnaire refuses survey.wave_column where model.waves
// declares waves that asked other questions than the latest: a file is
// read against one questionnaire, and the rows of such a wave would be
// read under codes and scales it did not ask.
func waveColumnQuestionnaire(s *settings) error {
	var other, all []string
	for _, w := range s.Model.Waves {
		all = append(all, "-i "+string(w.ID)+"=…")
		if qm, err := s.Model.Questionnaire(w.ID); err != nil || qm != s.Model {
			other = append(other, string(w.ID))
		}
	}
	if len(other) == 0 {
		return nil
	}
	waves := "wave "
	if len(other) > 1 {
		waves = "waves "
	}
	return fmt.Errorf("%s reads every row of a file as one questionnaire asks, and model.waves declares changes to the questions: %s%s asked other questions than the latest; give each wave its own file (%s)",
		waveColumnWhere(s), waves, strings.Join(other, ", "), strings.Join(all, ", "))
}

// rowWavesDeclared refuses, as a file of a wave model.waves does not
// declare is refused, a row whose wave column names such a wave: its
// questionnaire is unknown. Each wave is named at its first row.
func rowWavesDeclared(s *settings, d *scoring.Dataset) error {
	if s.Survey.WaveColumn == "" || len(s.Model.Waves) == 0 {
		return nil
	}
	var errs []error
	seen := map[scoring.WaveID]bool{}
	for i := range d.Responses {
		r := &d.Responses[i]
		if seen[r.Wave] {
			continue
		}
		seen[r.Wave] = true
		if _, err := s.Model.Questionnaire(r.Wave); err != nil {
			errs = append(errs, fmt.Errorf("%s: survey.wave_column %q: %w", r.Position(-1), s.Survey.WaveColumn, err))
		}
	}
	return errors.Join(errs...)
}

// waveTwice says that a file's wave was given twice.
func waveTwice(s *settings, wave string) error {
	return fmt.Errorf("the file's rows are given wave %s, and %s reads each row's wave from column %q: give one of them", wave, waveColumnWhere(s), s.Survey.WaveColumn)
}

// waveColumnWhere says where survey.wave_column was set.
func waveColumnWhere(s *settings) string {
	where := "survey.wave_column"
	if o, ok := s.origins["survey.wave_column"]; ok {
		switch {
		case o.Flag != "":
			where = "--" + o.Flag
		case o.Env != "":
			where = o.Env
		case o.Line > 0:
			where = fmt.Sprintf("survey.wave_column (%s:%d:%d)", s.File, o.Line, o.Col)
		}
	}
	return where
}

func waveOf(wave, file string) scoring.Wave {
	if wave == "" {
		if m := yearInName.FindStringSubmatch(filepath.Base(file)); m != nil {
			wave = m[1]
		} else {
			wave = "1"
		}
	}
	return scoring.Wave{ID: scoring.WaveID(wave), Label: wave}
}

// surveyOptions builds the importer options from the settings.
func surveyOptions(s *settings) (survey.Options, error) {
	opt := survey.Options{
		IDColumn: s.Units.ID, NameColumn: s.Units.Name, DistrictColumn: s.Units.District,
		PopulationColumn: s.Units.Population, UnitsAreMunicipalities: s.Units.Municipalities,
		Sheet: s.Survey.Sheet, WaveColumn: s.Survey.WaveColumn,
		Platform: s.Survey.Format, Duplicates: s.Survey.Duplicates, Incomplete: s.Survey.Incomplete,
		Encoding: s.Survey.Encoding, Match: s.Units.Match, Delimiter: rune(s.Survey.Delimiter),
		Register: s.Register, Layout: s.Survey.Layout, Attributes: roadmapAttributes(s),
	}
	if s.Survey.Codebook != "" {
		var err error
		if opt.Codebook, err = loadCodebook(s.path(s.Survey.Codebook), s.Model); err != nil {
			return opt, s.errAt("survey.codebook", err)
		}
	}
	return opt, nil
}

// path resolves a path from the config file against the config's folder.
func (s *settings) path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.Dir, p)
}

func loadCodebook(file string, m *scoring.Model) (*survey.Codebook, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot open codebook: %w", err)
	}
	defer f.Close()
	return survey.ReadCodebook(f, file, m)
}

// inputOptions applies one input's overrides to the survey options.
func inputOptions(s *settings, opt survey.Options, in input, codebooks map[string]*survey.Codebook) (survey.Options, error) {
	opt.Wave = in.Wave
	if in.Sheet != "" {
		opt.Sheet = in.Sheet
	}
	if in.Format != nil {
		opt.Platform = *in.Format
	}
	if in.Codebook != "" {
		cb, ok := codebooks[in.Codebook]
		if !ok {
			var err error
			if cb, err = loadCodebook(in.Codebook, s.Model); err != nil {
				return opt, s.errAt(in.key+".codebook", err)
			}
			codebooks[in.Codebook] = cb
		}
		opt.Codebook = cb
	}
	return opt, nil
}

// readInputs reads every input. File-level errors of all files are
// returned together, so one run shows them all.
func readInputs(s *settings, ins []input) (*scoring.Dataset, error) {
	opt, err := surveyOptions(s)
	if err != nil {
		return nil, err
	}
	ds := &scoring.Dataset{}
	codebooks := map[string]*survey.Codebook{}
	var errs []error
	for _, in := range ins {
		o, err := inputOptions(s, opt, in, codebooks)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f, err := in.open()
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot open input: %w", err))
			continue
		}
		// Each file is read as its wave asked the questions (codes,
		// scales, questions not asked): model.waves. A wave column
		// gives each row its wave; the file is then read against one
		// questionnaire, which every declared wave must have asked.
		qm, err := s.Model.Questionnaire(in.Wave.ID)
		if s.Survey.WaveColumn != "" && in.database == nil {
			qm, err = s.Model, waveColumnQuestionnaire(s)
		}
		if err != nil {
			f.Close()
			errs = append(errs, fmt.Errorf("%s: %w", in.Name, err))
			continue
		}
		d, err := survey.Read(f, in.Name, qm, o)
		f.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := rowWavesDeclared(s, d); err != nil {
			errs = append(errs, err)
			continue
		}
		if in.database != nil {
			d.Issues = append(d.Issues, in.database.changed[in.Wave.ID]...)
			// The database is read through its export, which this
			// program writes in UTF-8 with a byte order mark: the
			// encoding found is of that text, not of the file the user
			// named ("reifegrad.db: it starts with the UTF-8 byte order
			// mark" was false). A database has no encoding to report,
			// as a workbook has none.
			for i := range d.Inputs {
				in := &d.Inputs[i]
				in.Encoding, in.EncodingReason, in.EncodingCause, in.EncodingArgs = "", "", 0, nil
			}
		}
		ds.Append(d)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ds, nil
}

// load resolves settings and inputs and reads them.
func (a *app) load(cmd *cobra.Command) (*settings, []input, *scoring.Dataset, error) {
	s, err := loadSettings(a.configPath, cmd.Flags())
	if err != nil {
		return nil, nil, nil, err
	}
	a.lang = s.Report.Language
	a.stage(a.say().reading)
	ins, err := a.resolveInputs(s)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := inputWaves(s, ins); err != nil {
		return nil, nil, nil, err
	}
	raiseGCFloor(inputBytes(ins))
	ds, err := readInputs(s, ins)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := validateData(s, ins, ds); err != nil {
		return nil, nil, nil, err
	}
	return s, ins, ds, nil
}

// reportOptions are the HTML report's options from the settings, with
// the report's date and data cut-off where they are set; run fills in
// their defaults (reportDates).
func reportOptions(s *settings) html.Options {
	o := html.Options{Language: s.Report.Language, MinGroupSize: s.Report.MinGroupSize, ListUnits: s.Report.ListUnits,
		InlineAssets: s.Report.InlineAssets, PeerGroup: s.Report.PeerGroup, Workers: s.Report.Workers,
		Date: s.Report.Date.Time, DataCutoff: s.Report.DataCutoff.Time}
	if s.Units.Register != "" { // districts, populations and places come from it: its licence asks to be named
		o.DataSource = survey.RegisterSource(s.Report.Language)
	}
	return o
}

// run is the main job: read, score, write every report.
func (a *app) run(cmd *cobra.Command) error {
	start := time.Now()
	stop, err := a.startProfile()
	if err != nil {
		return err
	}
	defer stop()
	defer a.stage("")
	s, ins, ds, err := a.load(cmd)
	if err != nil {
		return err
	}
	if err := fatalFindings(ds); err != nil {
		return err
	}
	browser := ""
	if s.Report.PDF { // no Chromium: say so before scoring
		if browser, err = browserFor(s); err != nil {
			return err
		}
	}
	ropt := reportOptions(s)
	if ropt.Date, ropt.DataCutoff, err = reportDates(s, ins); err != nil {
		return err
	}
	a.stage(fmt.Sprintf(a.say().scoringF, a.lang.Count(len(ds.Responses))))
	res := scoring.Score(s.Model, ds)
	if len(res.Units) == 0 {
		return nothingScored(res)
	}
	// One decision on which group figures may be published, asked by
	// every output and the summary.
	ropt.Disclosure = scoring.NewDisclosure(res, s.Report.MinGroupSize)
	// The analysis and the roadmaps are worked out while the workbook's
	// first sheets are written (see writeAll); their settings are
	// checked now, before anything is written.
	an, err := prepareAnalysis(s, res)
	if err != nil {
		return err
	}
	rmo, err := roadmapOptions(s, ropt.Disclosure)
	if err != nil {
		return err
	}
	out, err := newOutputs(cmd.Context(), outDir(s), readFiles(s, ins), a.warn)
	if err != nil {
		return err
	}
	out.hook = a.writeHook
	a.stage(a.say().analysing)
	// The writing's context: the first output that fails cancels the
	// rest, the analysis included.
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	dis := ropt.Disclosure
	pending := startLater(func(l *later) error {
		var err error
		if l.analysis, err = an(ctx, dis); err != nil {
			return err
		}
		l.plans, err = roadmap.Build(res, rmo)
		return err
	})
	if err := a.writeAll(ctx, cancel, s, out, res, ropt, pending); err != nil {
		out.Abort()
		return err
	}
	ropt.Analysis, ropt.Roadmaps, _ = pending.wait()
	if s.Report.PDF {
		if err := a.writePDFs(cmd.Context(), s, out, res, browser); err != nil {
			out.Abort()
			return err
		}
	}
	a.stage(a.say().moving)
	// The summary is printed before the new set replaces the previous
	// one: if stdout is closed or full, the previous outputs stay.
	return out.Commit(func() error {
		a.stage("")
		sum := summarise(s, res, ropt.Disclosure, out, time.Since(start))
		sum.Files = append(sum.Files, analysisFiles(ropt.Analysis)...)
		sum.readAs(ds.Inputs)
		sum.goalsUnread(ropt.Roadmaps)
		if a.json {
			return sum.writeJSON(a.stdout)
		}
		return sum.writeText(a.stdout)
	})
}

// warn tells the person running reifegrad something they should know
// even with --quiet (a wait for another run, a lock taken over).
func (a *app) warn(msg string) {
	a.stage("")
	fmt.Fprintf(a.stderr, "reifegrad: %s\n", visible(msg))
}

// readFiles lists every file a run reads, which no output may replace:
// the inputs, their codebooks and the config.
func readFiles(s *settings, ins []input) []string {
	var files []string
	if !s.Embedded {
		files = append(files, s.File)
	}
	if s.Survey.Codebook != "" {
		files = append(files, s.path(s.Survey.Codebook))
	}
	for _, in := range ins {
		if in.Path != "" {
			files = append(files, in.Path)
		}
		if in.Codebook != "" {
			files = append(files, in.Codebook)
		}
	}
	return files
}

// nothingScored explains a run in which no row could be scored: every
// rejected row with its reason, so the user can fix the input.
func nothingScored(res *scoring.Results) error {
	var b strings.Builder
	if n := len(res.Rejects); n == 1 {
		b.WriteString("nothing to score: the one row was rejected")
	} else {
		fmt.Fprintf(&b, "nothing to score: all %d rows were rejected", n)
	}
	for i, r := range res.Rejects {
		if i == 20 {
			fmt.Fprintf(&b, "\n… and %d more", len(res.Rejects)-i)
			break
		}
		// One line each: a reason quotes the unit's id as given, and
		// "unit 7<LF>FAKE answered more than once" split in two.
		fmt.Fprintf(&b, "\n%s: %s", r.Position(), oneLine(r.Reason))
	}
	if len(res.Rejects) == 0 {
		b.Reset()
		b.WriteString("nothing to score: the inputs have no data rows")
	}
	return errors.New(b.String())
}

// later is the analysis and the roadmaps of a run, worked out on a
// goroutine of their own while the outputs that do not need them are
// written; whatever needs them waits for them.
type later struct {
	done     chan struct{}
	analysis *analyse.Report
	plans    *roadmap.Set
	err      error
}

// startLater runs work on a goroutine of its own; it fills l.
func startLater(work func(l *later) error) *later {
	l := &later{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.err = work(l)
	}()
	return l
}

// wait waits for the work and returns what it found.
func (l *later) wait() (*analyse.Report, *roadmap.Set, error) {
	<-l.done
	return l.analysis, l.plans, l.err
}

// writeAll writes every output into the staging area.
// ctx is the writing's context, which cancel cancels (pending's work
// too).
func (a *app) writeAll(ctx context.Context, cancel context.CancelFunc, s *settings, out *outputs, res *scoring.Results, ropt html.Options, pending *later) error {
	write := func(name string, fn func(io.Writer) error) error {
		w, err := out.Create(name)
		if err != nil {
			return err
		}
		if err := fn(w); err != nil {
			w.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		return w.Close()
	}
	// The tables, the workbooks and the profiles are written at the same
	// time: the tables and then the publication on one core, the
	// workbook's rows on one, the profiles on all. One after the other
	// they left a core idle — for a quarter of the Saxony example's run
	// while the workbook was written, for seconds nationally; the
	// publication, written after the workbook, kept one core idle for
	// the last tenth of the Saxony example's run. The workbook, the
	// longest, starts at once: its first sheets need neither the analysis
	// nor the roadmaps, which are worked out beside them (pending); the
	// rest waits for those. All are waited for; the first failure stops
	// the rest, and the run reports it, not the cancellations it caused
	// (firstCause), in the order: the analysis's, the tables', the
	// workbook's, the publication's, the profiles'.
	prog := a.newProgress(len(html.ProfileUnits(res)))
	defer prog.clear()
	prog.alongside(a.say().analysing)
	// withLater waits for the analysis and the roadmaps and returns ropt
	// with them; nothing to write when they failed.
	withLater := func() (html.Options, bool) {
		an, plans, err := pending.wait()
		prog.alongside("")
		if err != nil {
			cancel()
			return ropt, false
		}
		o := ropt
		o.Analysis, o.Roadmaps = an, plans
		return o, true
	}
	tables, published, profiles := make(chan error, 1), make(chan error, 1), make(chan error, 1)
	go func() {
		ropt, ok := withLater()
		if !ok {
			tables <- nil
			published <- nil
			return
		}
		err := writeTables(write, res, ropt)
		if err != nil {
			cancel()
			tables <- err
			published <- nil
			return
		}
		tables <- nil
		if err = writePublished(write, s, res, ropt); err != nil {
			cancel()
		}
		published <- err
	}()
	go func() {
		popt, ok := withLater()
		if !ok {
			profiles <- nil
			return
		}
		if prog != nil {
			popt.Progress = prog.profile
		}
		err := html.RenderAll(ctx, res, popt, out.Create)
		if err != nil {
			cancel()
		}
		profiles <- err
	}()
	err := a.writeWorkbook(write, res, ropt, prog, pending.wait)
	if err != nil {
		cancel()
	}
	terr, pberr, perr := <-tables, <-published, <-profiles
	_, _, lerr := pending.wait()
	return firstCause(lerr, terr, err, pberr, perr)
}

// firstCause returns the first of errs that is not a cancellation — the
// failure that cancelled the others —, else the first cancellation (an
// interrupt), else nil.
func firstCause(errs ...error) error {
	var canceled error
	for _, e := range errs {
		switch {
		case e == nil:
		case errors.Is(e, context.Canceled):
			if canceled == nil {
				canceled = e
			}
		default:
			return e
		}
	}
	return canceled
}

// writeTables writes the tidy tables: scores, rejects, the analysis's
// tables and the roadmaps as CSV and JSON.
func writeTables(write func(string, func(io.Writer) error) error, res *scoring.Results, ropt html.Options) error {
	if err := write("scores.csv", func(w io.Writer) error { return csv.WriteScores(w, res) }); err != nil {
		return err
	}
	if err := write("rejects.csv", func(w io.Writer) error { return csv.WriteRejects(w, res) }); err != nil {
		return err
	}
	if err := writeAnalysis(write, res, ropt.Analysis); err != nil {
		return err
	}
	if err := write("roadmap.csv", func(w io.Writer) error { return csv.WriteRoadmap(w, res.Model, ropt.Roadmaps) }); err != nil {
		return err
	}
	return write("roadmap.json", func(w io.Writer) error { return roadmap.WriteJSON(w, res.Model, ropt.Roadmaps) })
}

// writeWorkbook writes reifegrad.xlsx, showing its progress; await
// returns the analysis and the roadmaps once they are there.
func (a *app) writeWorkbook(write func(string, func(io.Writer) error) error, res *scoring.Results, ropt html.Options, prog *progress,
	await func() (*analyse.Report, *roadmap.Set, error)) error {
	xo := xlsx.Options{Language: ropt.Language, Disclosure: ropt.Disclosure, Await: await}
	if prog != nil {
		// The workbook's long tables take the longest of the writing
		// nationally: say how far each is.
		xo.Progress = func(sheet string, done, total int) {
			prog.writing(fmt.Sprintf("reifegrad.xlsx: %s %d %%", visible(sheet), 100*done/max(total, 1)))
		}
	}
	prog.writing("reifegrad.xlsx")
	err := write("reifegrad.xlsx", func(w io.Writer) error { return xlsx.WriteWorkbook(w, res, xo) })
	prog.writing("")
	return err
}

// outDir is output.dir: relative to the config's folder when config.yaml
// sets it, like every other path in the file; from -o/--out or
// REIFEGRAD_OUTPUT_DIR, or the default "out", relative to the working
// directory.
func outDir(s *settings) string {
	if o, ok := s.origins["output.dir"]; ok && o.Line > 0 {
		return s.path(s.Output.Dir)
	}
	return s.Output.Dir
}
