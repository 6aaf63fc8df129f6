package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// exampleManifest lists, in a folder, the files 'reifegrad example' wrote
// there with their SHA-256: example overwrites a file only when it is
// listed and unchanged, so it never replaces a file it did not write.
const exampleManifest = ".reifegrad-example"

// exampleCommand generates the example survey deterministically.
func (a *app) exampleCommand() *cobra.Command {
	var opt exampleOptions
	cmd := &cobra.Command{
		Use:   "example",
		Short: "Generate the example survey (deterministic, seeded) from a municipality register",
		Long: `example writes a synthetic survey of real municipalities, answered against the
model of the config: one file per wave, as German Excel CSV (';', UTF-8 with BOM)
and as .xlsx, and a config.yaml that reads them against the register used
('reifegrad -c <folder>/config.yaml'). Larger municipalities tend to be further
along; about 5 % of answers are "weiß nicht" or blank. The first of several
waves has 85 % of the municipalities; every later wave has all of them and a few
problem rows (a unit that answered twice, an answer outside its scale, an AGS
typo, an empty row). Each wave asks its own questionnaire (model.waves), and a
municipality the model's successions dissolved by a wave no longer answers.

It writes into a new folder, beispiel-<register> unless --dir says otherwise, and
never replaces a file it did not write (or that was changed since): it then
refuses, naming the file. The list of what it wrote is kept in the folder's
` + exampleManifest + `.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.example(cmd, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.dir, "dir", "d", "", "folder to write into (default: beispiel-<register>)")
	f.StringVar(&opt.register, "register", "sachsen", "municipality register: "+strings.Join(survey.Registers(), ", "))
	f.StringVar(&opt.waves, "waves", "2024,2026,2028", "comma-separated survey years; every wave but the first of several is complete and has problem rows")
	f.IntVar(&opt.units, "units", 0, "generate this many synthetic units instead of the register's (ids U0000001…)")
	f.Uint64Var(&opt.seed, "seed", 20261123, "random seed")
	f.StringVar(&opt.formats, "formats", "csv,xlsx", "file formats to write")
	f.IntVar(&opt.questions, "questions", 0, "answer a generated model with this many questions instead of the config's")
	return cmd
}

type exampleOptions struct {
	dir, register, waves, formats string
	units, questions              int
	seed                          uint64
}

// folder is where example writes: --dir, else a folder of its own beside
// the bundled example, never into it.
func (o exampleOptions) folder() string {
	if o.dir != "" {
		return o.dir
	}
	return "beispiel-" + o.register
}

// exampleFile is one file example is about to write.
type exampleFile struct {
	name  string // in the folder
	write func(io.Writer) error
	rows  int // for the message; 0 for config.yaml
}

func (a *app) example(cmd *cobra.Command, opt exampleOptions) error {
	reg, err := survey.LoadRegister(opt.register)
	if err != nil {
		return &usageError{err}
	}
	ws := strings.Split(opt.waves, ",")
	years := make([]int, len(ws))
	for i, w := range ws {
		if years[i], err = strconv.Atoi(w); err != nil {
			return &usageError{fmt.Errorf("--waves: %q is not a year", w)}
		}
	}
	formats := strings.Split(opt.formats, ",")
	for _, f := range formats {
		if f != "csv" && f != "xlsx" {
			return &usageError{fmt.Errorf("--formats: unknown format %q (want csv, xlsx)", f)}
		}
	}
	dir := opt.folder()
	cfg, model, err := a.exampleConfig(cmd, opt, dir, ws, formats)
	if err != nil {
		return err
	}
	var files []exampleFile
	for i, w := range ws {
		// Progress is counted from 2026, so that a wave's answers do not
		// depend on the other waves generated with it.
		spec := example.Spec{Seed: opt.seed, Wave: w, Progress: 0.175 * float64(years[i]-2026),
			ResponseRate: 0.85, Units: opt.units, Problems: i > 0 || len(ws) == 1}
		if spec.Problems {
			spec.ResponseRate = 1
		}
		// Each wave is answered as it was asked (model.waves).
		qm, err := model.Questionnaire(scoring.WaveID(w))
		if err != nil {
			return &usageError{fmt.Errorf("--waves: %w", err)}
		}
		sv := example.Generate(reg.Units, qm, spec)
		for _, f := range formats {
			write := sv.WriteCSV
			if f == "xlsx" {
				write = sv.WriteXLSX
			}
			files = append(files, exampleFile{name: "umfrage_" + w + "." + f, write: write, rows: len(sv.Rows)})
		}
	}
	if cfg != nil {
		files = append(files, exampleFile{name: "config.yaml", write: func(w io.Writer) error { _, err := w.Write(cfg); return err }})
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	written, err := mayWriteExample(dir, files)
	if err != nil {
		return err
	}
	lang, err := flagLanguage(cmd.Flags())
	if err != nil {
		return err
	}
	t := statusTexts[lang]
	for _, f := range files {
		h := sha256.New()
		if err := writeFileAtomic(filepath.Join(dir, f.name), func(w io.Writer) error { return f.write(io.MultiWriter(w, h)) }); err != nil {
			return err
		}
		written[f.name] = hex.EncodeToString(h.Sum(nil))
		if err := writeExampleManifest(dir, written); err != nil {
			return err
		}
		if !a.quiet {
			if f.rows > 0 {
				fmt.Fprintf(a.stderr, t.wroteWhatF, filepath.Join(dir, f.name), t.rows.of(lang, f.rows))
			} else {
				fmt.Fprintf(a.stderr, t.wroteF, filepath.Join(dir, f.name))
			}
		}
	}
	if !a.quiet && cfg != nil {
		fmt.Fprintf(a.stderr, t.exampleNext, filepath.Join(dir, "config.yaml"))
	}
	return nil
}

// mayWriteExample checks, before anything is written, that every file
// example is about to write is new or one it wrote and nobody changed
// since; it returns the folder's manifest.
func mayWriteExample(dir string, files []exampleFile) (map[string]string, error) {
	written, err := readExampleManifest(dir)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		b, err := os.ReadFile(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			errs = append(errs, err)
			continue
		}
		sum := sha256.Sum256(b)
		switch want, ok := written[f.name]; {
		case !ok:
			errs = append(errs, fmt.Errorf("%s exists and was not written by 'reifegrad example'", p))
		case want != hex.EncodeToString(sum[:]):
			errs = append(errs, fmt.Errorf("%s was written by 'reifegrad example' but changed since", p))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w\nnothing was written: choose another folder with --dir (or move these files away)", errors.Join(errs...))
	}
	return written, nil
}

// readExampleManifest reads a folder's list of files example wrote: a line of
// "<sha256>  <name>" per file.
func readExampleManifest(dir string) (map[string]string, error) {
	out := map[string]string{}
	f, err := os.Open(filepath.Join(dir, exampleManifest))
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if sum, name, ok := strings.Cut(line, "  "); ok && !strings.HasPrefix(line, "#") {
			out[name] = sum
		}
	}
	return out, sc.Err()
}

func writeExampleManifest(dir string, written map[string]string) error {
	names := make([]string, 0, len(written))
	for n := range written {
		names = append(names, n)
	}
	slices.Sort(names)
	return writeFileAtomic(filepath.Join(dir, exampleManifest), func(w io.Writer) error {
		var b strings.Builder
		b.WriteString("# Files 'reifegrad example' wrote here (SHA-256). It replaces only these, and only unchanged.\n")
		for _, n := range names {
			fmt.Fprintf(&b, "%s  %s\n", written[n], n)
		}
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// exampleConfig returns the model to answer and the config to write
// beside the survey, which reads the generated files against the register
// used: the config's own, or a generated model with opt.questions
// questions. It returns no config when the files are already the config's
// inputs and it reads them against the same register; it refuses to
// write the config's inputs for another register, which would make the
// config's next run reject them.
func (a *app) exampleConfig(cmd *cobra.Command, opt exampleOptions, dir string, waves, formats []string) ([]byte, *scoring.Model, error) {
	inputExt := formats[0]
	if slices.Contains(formats, "csv") {
		inputExt = "csv"
	}
	var inputs []string
	for _, w := range waves {
		inputs = append(inputs, fmt.Sprintf("{wave: %q, file: umfrage_%s.%s}", w, w, inputExt))
	}
	units := exampleUnits{register: opt.register, municipalities: true}
	if opt.units > 0 {
		// Synthetic ids (U0000001…) are no AGS: no register applies; the
		// files carry their district and population instead.
		units = exampleUnits{synthetic: true}
	}
	register, municipalities := units.register, units.municipalities
	if opt.questions > 0 {
		src := example.SyntheticModel(opt.questions, opt.register)
		m, err := scoring.ParseModel(filepath.Join(dir, "config.yaml"), []byte(src))
		if err != nil {
			return nil, nil, err
		}
		// The generated model's units are one flow mapping; set them there.
		set := fmt.Sprintf("municipalities: %v, register: %s", municipalities, yamlString(register))
		if units.synthetic {
			set += fmt.Sprintf(", district: %s, population: %s", example.DistrictColumn, example.PopulationColumn)
		}
		src = strings.Replace(src, "municipalities: true, register: "+opt.register, set, 1)
		src += "survey:\n  inputs:\n"
		for _, in := range inputs {
			src += "    - " + in + "\n"
		}
		return []byte(src), m, nil
	}
	s, err := loadSettings(a.configPath, cmd.Flags())
	if err != nil {
		return nil, nil, err
	}
	if ins, err := a.resolveInputs(s); err == nil && len(ins) > 0 {
		var targets []string
		for _, w := range waves {
			targets = append(targets, filepath.Join(dir, "umfrage_"+w+"."+inputExt))
		}
		var theirs []string
		for _, in := range ins {
			theirs = append(theirs, in.Path)
		}
		if sameFiles(targets, theirs) {
			if s.Units.Register == register && s.Units.Municipalities == municipalities {
				return nil, s.Model, nil // the config reads them as they are
			}
			return nil, nil, fmt.Errorf("%s holds the inputs of %s, which reads them against register %q: "+
				"writing municipalities of register %q there would make its next run reject them; nothing was written: choose another folder with --dir",
				dir, s.File, s.Units.Register, register)
		}
	}
	src := reifegrad.DefaultConfig
	if !s.Embedded {
		if src, err = os.ReadFile(s.File); err != nil {
			return nil, nil, err
		}
	}
	codebook := ""
	if s.Survey.Codebook != "" {
		if codebook, err = filepath.Abs(s.path(s.Survey.Codebook)); err != nil {
			return nil, nil, err
		}
	}
	if err := exampleAttributes(s.File, s.Model); err != nil {
		return nil, nil, err
	}
	cfg, err := withSettings(src, codebook, units, inputs)
	return cfg, s.Model, err
}

// exampleAttributes refuses a model whose peer groups group by an
// attribute the example does not write: its config could not read the
// files (a peer group no unit has a value for is an error). The register,
// or a synthetic unit's columns, give district and population (the size
// class); the files hold id and name.
func exampleAttributes(file string, m *scoring.Model) error {
	var errs []error
	for i, pg := range m.PeerGroups {
		switch pg.Attribute {
		case "district", "size_class", "name", "id", "ags":
			continue
		}
		errs = append(errs, fmt.Errorf("%s: model.peer_groups[%d]: peer group %q groups by %q, which 'reifegrad example' does not generate (only district and size class)", file, i, pg.ID, pg.Attribute))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w\nnothing was written: example answers models whose peer groups group by district or size class", errors.Join(errs...))
	}
	return nil
}

// sameFiles reports whether two lists name the same files.
func sameFiles(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	abs := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i], _ = filepath.Abs(p)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(abs(a), abs(b))
}

// writeFileAtomic writes a file through a temporary file in the same
// folder and renames it into place.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
