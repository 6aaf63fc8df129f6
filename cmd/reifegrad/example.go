package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// exampleCommand generates the example survey deterministically.
func (a *app) exampleCommand() *cobra.Command {
	var (
		dir      string
		register string
		waves    string
		units    int
		seed     uint64
		formats  string
		nq       int
	)
	cmd := &cobra.Command{
		Use:   "example",
		Short: "Generate the example survey (deterministic, seeded) from a municipality register",
		Long: `example writes a synthetic survey of real municipalities, answered against the
model of the config: one file per wave, as German Excel CSV (';', UTF-8 with BOM)
and as .xlsx. Larger municipalities tend to be further along; about 5 % of answers
are "weiß nicht" or blank; the last wave has a few problem rows (a unit that
answered twice, an answer outside its scale, an AGS typo, an empty row).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reg, err := survey.LoadRegister(register)
			if err != nil {
				return &usageError{err}
			}
			ws := strings.Split(waves, ",")
			last, err := strconv.Atoi(ws[len(ws)-1])
			if err != nil {
				return &usageError{fmt.Errorf("--waves: %q is not a year", ws[len(ws)-1])}
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			model, err := a.exampleModel(cmd, dir, register, nq, ws)
			if err != nil {
				return err
			}
			for i, w := range ws {
				year, err := strconv.Atoi(w)
				if err != nil {
					return &usageError{fmt.Errorf("--waves: %q is not a year", w)}
				}
				spec := example.Spec{Seed: seed, Wave: w, Progress: -0.175 * float64(last-year),
					ResponseRate: 0.85, Units: units, Problems: i == len(ws)-1}
				if i == len(ws)-1 {
					spec.ResponseRate = 1
				}
				sv := example.Generate(reg.Units, model, spec)
				base := filepath.Join(dir, "umfrage_"+w)
				for _, f := range strings.Split(formats, ",") {
					var write func(io.Writer) error
					switch f {
					case "csv":
						write = sv.WriteCSV
					case "xlsx":
						write = sv.WriteXLSX
					default:
						return &usageError{fmt.Errorf("--formats: unknown format %q (want csv, xlsx)", f)}
					}
					if err := writeFileAtomic(base+"."+f, write); err != nil {
						return err
					}
					if !a.quiet {
						fmt.Fprintf(a.stderr, "wrote %s.%s (%d rows)\n", base, f, len(sv.Rows))
					}
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&dir, "dir", "d", "example", "folder to write the survey files into")
	f.StringVar(&register, "register", "sachsen", "municipality register: "+strings.Join(survey.Registers(), ", "))
	f.StringVar(&waves, "waves", "2024,2026", "comma-separated survey years; the last is complete and has problem rows")
	f.IntVar(&units, "units", 0, "generate this many synthetic units instead of the register's (ids U0000001…)")
	f.Uint64Var(&seed, "seed", 20261123, "random seed")
	f.StringVar(&formats, "formats", "csv,xlsx", "file formats to write")
	f.IntVar(&nq, "questions", 0, "answer a generated model with this many questions instead of the config's; writes it as config.yaml into --dir")
	return cmd
}

// exampleModel returns the model to answer: the config's, or a generated
// one with n questions, which is then written as dir/config.yaml listing
// the generated files as inputs, ready for 'reifegrad -c dir/config.yaml'.
func (a *app) exampleModel(cmd *cobra.Command, dir, register string, n int, waves []string) (*scoring.Model, error) {
	if n <= 0 {
		s, err := loadSettings(a.configPath, cmd.Flags())
		if err != nil {
			return nil, err
		}
		return s.Model, nil
	}
	cfg := example.SyntheticModel(n, register) + "survey:\n  inputs:\n"
	for _, w := range waves {
		cfg += fmt.Sprintf("    - {wave: %q, file: umfrage_%s.csv}\n", w, w)
	}
	name := filepath.Join(dir, "config.yaml")
	m, err := scoring.ParseModel(name, []byte(cfg))
	if err != nil {
		return nil, err
	}
	return m, writeFileAtomic(name, func(w io.Writer) error { _, err := io.WriteString(w, cfg); return err })
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
