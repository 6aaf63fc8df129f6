package main

import (
	"fmt"
	"github.com/reifegrad/reifegrad/scoring"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// app is the state one invocation shares between its commands: the
// streams, and the global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	configPath  string   // the one -c (see pickConfig)
	configPaths []string // every -c: diff takes two
	inputs      []string
	json        bool
	quiet       bool
	cpuProfile  string
	// lang is the language of the progress line: report.language once
	// the settings are read (load), German before.
	lang scoring.Language

	// writeHook, in tests, stands between every output and its file
	// (see outputs.hook); nil otherwise.
	writeHook func(name string, w io.Writer) io.Writer
}

// NewRootCommand builds the reifegrad command tree. Tests call it with
// buffers instead of the process's streams.
func NewRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	// Results go out through terminalWriter: no text from the data
	// reaches a terminal as a control sequence, in any command.
	return (&app{stdin: stdin, stdout: &terminalWriter{w: stdout}, stderr: stderr}).rootCommand()
}

func (a *app) rootCommand() *cobra.Command {
	stdin, stdout, stderr := a.stdin, a.stdout, a.stderr
	root := &cobra.Command{
		Use:   "reifegrad",
		Short: "Turn municipal survey responses into maturity scores and reports",
		Long: `reifegrad scores survey responses of municipalities against a configurable
maturity model (config.yaml) and writes reports: overview.html, one profile per
municipality with its roadmap to the next level, the analyst's reifegrad.xlsx,
veroeffentlichung.xlsx to publish, and tidy CSV files (scores, rejects, roadmaps,
aggregates); see README.md.

Without a command it runs 'run': with no config.yaml in the working directory it
uses the built-in model and the bundled example survey of Saxony.`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.run(cmd)
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	pf := root.PersistentFlags()
	pf.StringArrayVarP(&a.configPaths, "config", "c", nil, "config file (default: ./config.yaml, else the built-in model; diff takes two)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return a.pickConfig(cmd) }
	pf.StringArrayVarP(&a.inputs, "input", "i", nil, "input file, optionally with its wave: -i 2024=file.csv (repeatable; replaces survey.inputs)")
	pf.StringP("out", "o", "", "output folder (default: output.dir, \"out\")")
	pf.BoolVar(&a.json, "json", false, "print a machine-readable summary on stdout")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "no progress on stderr")
	pf.String("lang", "", "report language: de or en (default: report.language)")
	pf.Bool("inline-assets", false, "write single-file HTML with the chart library inside")
	pf.Int("workers", 0, "profiles rendered at once (default: one per CPU)")
	pf.Bool("pdf", false, "also print overview.pdf and profiles/*.pdf (needs Chromium or Chrome)")
	pf.Bool("opendata", false, "also write a folder for open data portals (opendata/: aggregates.csv, model.json, DCAT-AP.de metadata, README)")
	// For developers measuring where a run spends its time (bench/run).
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	pf.MarkHidden("cpuprofile")
	root.AddCommand(
		&cobra.Command{Use: "run", Short: "Score the inputs and write all reports (the default)", Args: noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error { return a.run(cmd) }},
		&cobra.Command{Use: "check", Short: "Validate config and inputs, write nothing; exit 1 on problems", Args: noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error { return a.check(cmd) }},
		a.exampleCommand(),
		a.initCommand(),
		a.modelCommand(),
		a.analyseCommand(),
		a.diffCommand(),
		a.templateCommand(),
		a.serveCommand(),
		&cobra.Command{Use: "version", Short: "Print the version", Args: noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error { return a.version() }},
	)
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Errorf("unexpected argument %q for %q", args[0], cmd.CommandPath())}
	}
	return nil
}

// stage tells a person at the terminal what a long run is doing now, on
// one line of stderr that the next stage overwrites; "" clears it. It
// prints nothing when showProgress is false.
// say returns the progress line's words in the run's language.
func (a *app) say() progressText { return progressTexts[a.lang] }

func (a *app) stage(what string) {
	if !a.showProgress() {
		return
	}
	if what == "" {
		fmt.Fprint(a.stderr, "\r\033[K")
		return
	}
	fmt.Fprintf(a.stderr, "\r\033[Kreifegrad: %s …", what)
}

// showProgress reports whether progress belongs on stderr: not when quiet,
// and only when stderr is a terminal.
func (a *app) showProgress() bool {
	if a.quiet {
		return false
	}
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
