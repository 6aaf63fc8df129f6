package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// initCommand drafts a config from an export: the model skeleton a
// researcher starts from.
func (a *app) initCommand() *cobra.Command {
	var structure, format string
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Draft a config from an export: every question with its text and answers (-i export.csv)",
		Long: `init reads one export (-i [wave=]file, CSV or xlsx of any supported tool) and
writes a config whose model has every question of the export: its code, its full
text, its answers as a scale (a list of answers with points evenly spaced from 1 to
0 as a start, a number with the range seen, or the items of a multi-select
question), grouped into dimensions by the survey's question groups where known.
Answers meaning "weiß nicht", "nicht zutreffend" or "keine Angabe" become missing
codes. Columns of free text are left out and listed.

--structure adds what the survey tool knows beyond the export: LimeSurvey's survey
structure (.lss), the R or SPSS syntax file of its R or SPSS export, or SoSci
Survey's R import script — question texts, answer labels, multi-select options. When
the export writes answer codes that have labels, the model lists the labels and a
codebook beside the config translates the codes.

-o names the config (default: config.yaml beside the export); an existing file is
never replaced. The points, weights and levels are the researcher's to set; the
draft as written reads its export without a missing column or an answer outside its
scale: 'reifegrad -c <config> check' shows it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.initConfig(cmd, structure, format) },
	}
	cmd.Flags().StringVar(&structure, "structure", "", "the survey's structure: LimeSurvey .lss, R or SPSS syntax file, SoSci Survey R import script")
	cmd.Flags().StringVar(&format, "format", "auto", "the tool that wrote the export (as survey.format)")
	return cmd
}

func (a *app) initConfig(cmd *cobra.Command, structure, format string) error {
	if len(a.inputs) != 1 {
		return &usageError{errors.New("init: give one export with -i [wave=]file")}
	}
	lang, err := flagLanguage(cmd.Flags())
	if err != nil {
		return err
	}
	ins, err := a.resolveInputs(nil)
	if err != nil {
		return err
	}
	in := ins[0]
	pf, err := survey.ParsePlatform(format)
	if err != nil {
		return &usageError{fmt.Errorf("--format: %w", err)}
	}
	opt := survey.DraftOptions{Platform: pf}
	if structure != "" {
		f, err := os.Open(structure)
		if err != nil {
			return fmt.Errorf("cannot open structure file: %w", err)
		}
		opt.Structure, err = survey.ReadStructure(f, structure)
		f.Close()
		if err != nil {
			return err
		}
	}
	out := cmd.Flag("out").Value.String()
	if out == "" {
		out = filepath.Join(filepath.Dir(in.Path), "config.yaml")
	}
	codebook := strings.TrimSuffix(out, filepath.Ext(out)) + "_codebook.yaml"
	f, err := os.Open(in.Path)
	if err != nil {
		return fmt.Errorf("cannot open input: %w", err)
	}
	d, err := survey.DraftModel(f, in.Name, opt)
	f.Close()
	if err != nil {
		return err
	}
	if d.Units.ID == "" {
		return fmt.Errorf("%s: no column identifies the units (an AGS, or the tool's response id): add one, or name it in units.id of a config written by hand", in.Name)
	}
	rel, err := relativeTo(out, in.Path)
	if err != nil {
		return err
	}
	if d.Title == "" {
		d.Title = strings.TrimSuffix(filepath.Base(in.Path), filepath.Ext(in.Path))
	}
	if d.Codebook == nil {
		codebook = ""
	}
	files := map[string]string{out: draftConfig(d, in, rel, codebook)}
	if codebook != "" {
		files[codebook] = draftCodebook(d)
	}
	for name := range files {
		if _, err := os.Stat(name); err == nil {
			return fmt.Errorf("%s exists: nothing was written; choose another file with -o", name)
		}
	}
	// What is written must load: a draft the model loader refuses is a
	// bug here, not the researcher's to find.
	if _, err := scoring.ParseModel(out, []byte(files[out])); err != nil {
		return fmt.Errorf("init: the draft does not load (please report): %w", err)
	}
	for _, name := range []string{codebook, out} {
		if name == "" {
			continue
		}
		text := files[name]
		if err := writeFileAtomic(name, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
			return err
		}
	}
	if !a.quiet {
		a.initSummary(statusTexts[lang], scoring.NewDescriber(lang), d, out, codebook)
	}
	return nil
}

// relativeTo returns path as the config at config reads it.
func relativeTo(config, path string) (string, error) {
	ac, err := filepath.Abs(filepath.Dir(config))
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(ac, ap)
	if err != nil {
		return ap, nil
	}
	return filepath.ToSlash(rel), nil
}

// initSummary says what init wrote, in the report language: the counts
// of the draft, why the export was read as its tool's, and the columns
// that became no question.
func (a *app) initSummary(t *statusText, say scoring.Describer, d *survey.Draft, out, codebook string) {
	kinds := map[string]scoring.ScaleKind{}
	for _, sc := range d.Scales {
		kinds[sc.ID] = sc.Kind
	}
	nq, multi := 0, 0
	for _, dim := range d.Dimensions {
		for _, q := range dim.Questions {
			nq++
			if kinds[q.Scale] == scoring.ScaleMulti {
				multi++
			}
		}
	}
	why := say.Format(scoring.InputFile{FormatReason: d.Reason, FormatSaid: d.ReasonSaid})
	fmt.Fprintf(a.stderr, t.wroteListF+"\n", out, fmt.Sprintf(t.initF, t.questions.of(say.Lang, nq), multi, t.dimensions.of(say.Lang, len(d.Dimensions)),
		t.scales.of(say.Lang, len(d.Scales)), t.rows.of(say.Lang, d.Rows), d.Platform, visible(why)))
	if codebook != "" {
		fmt.Fprintf(a.stderr, t.codebookF, codebook)
	}
	for _, s := range d.Skipped {
		fmt.Fprintf(a.stderr, t.skippedF, s.Column, visible(quoteHeader(s.Header)), t.skipped(s))
	}
	fmt.Fprintf(a.stderr, t.initNextF, out)
}

// draftConfig writes the draft as a config.
func draftConfig(d *survey.Draft, in input, file, codebook string) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	// The draft's comments are German, the reason among them.
	why := scoring.NewDescriber(scoring.German).Format(scoring.InputFile{FormatReason: d.Reason, FormatSaid: d.ReasonSaid})
	w("# Entwurf von 'reifegrad init' aus %s (%s: %s).\n", yamlComment(filepath.Base(in.Path)), d.Platform, yamlComment(why))
	w("# Die Punkte der Antworten sind gleichmäßig verteilt, die Gewichte gleich, die Stufen\n")
	w("# die des Standardmodells: ein Anfang, den die Forschung festlegt.\n")
	w("survey:\n  format: %s\n", d.Platform)
	if d.Long {
		w("  layout: long\n")
	}
	if codebook != "" {
		cb, _ := relativeTo(filepath.Join(filepath.Dir(codebook), "x"), codebook)
		w("  codebook: %s\n", yamlString(cb))
	}
	w("  inputs:\n    - {wave: %s, file: %s}\n", strconv.Quote(string(in.Wave.ID)), yamlString(file))
	w("units:\n  id: %s\n", yamlString(d.Units.ID))
	if d.Units.Name != "" {
		w("  name: %s\n", yamlString(d.Units.Name))
	}
	w("  municipalities: %v\n", d.Units.Municipalities)
	if d.Units.Register != "" {
		w("  register: %s\n", d.Units.Register)
	}
	w("model:\n  name: %s\n", yamlString(d.Title))
	w("  levels:\n    method: threshold\n    bands:\n")
	for i, band := range []string{"Einsteiger", "Grundlagen", "Fortgeschritten", "Etabliert", "Vorreiter"} {
		w("      - {level: %d, name: %s, min: %d}\n", i+1, band, 20*i)
	}
	if len(d.Missing) > 0 {
		w("  missing:\n    codes:\n")
		for _, m := range d.Missing {
			w("      %s: %s\n", yamlString(m.Answer), m.Status)
		}
	}
	w("  scales:\n")
	for _, sc := range d.Scales {
		w("    %s:\n", sc.ID)
		switch sc.Kind {
		case scoring.ScaleMap:
			switch {
			case sc.Known != "":
				w("      # in the order %s\n", yamlComment(sc.Known))
			case sc.Guessed:
				w("      # order guessed (numeric codes highest first, else as the export first shows them): check it\n")
			}
			w("      map:\n")
			for _, o := range sc.Options {
				w("        %s: %s\n", yamlString(o.Answer), strconv.FormatFloat(o.Points, 'f', -1, 64))
			}
		case scoring.ScaleNumeric:
			w("      type: numeric\n      goalposts: [%s, %s]   # the range seen in the export\n",
				strconv.FormatFloat(sc.Min, 'f', -1, 64), strconv.FormatFloat(sc.Max, 'f', -1, 64))
			switch {
			case sc.Comma:
				w("      decimal: comma\n")
			case sc.Point:
				w("      decimal: point\n")
			}
		case scoring.ScaleMulti:
			w("      type: multi\n")
			if sc.Joined {
				w("      # the export joins the ticked options in one cell\n")
			}
			for _, l := range sc.Together {
				w("      # %s: its parts were always ticked together, next to each other: read as one option (split it if they are two)\n", yamlComment(l))
			}
			w("      items:\n")
			for _, it := range sc.Items {
				w("        - {code: %s, label: %s}\n", yamlString(it.Code), yamlString(it.Label))
			}
		}
	}
	w("  questions:\n")
	for _, dim := range d.Dimensions {
		for _, q := range dim.Questions {
			w("    - {id: %s, scale: %s, text: %s}\n", yamlString(q.ID), q.Scale, strconv.Quote(q.Text))
		}
	}
	w("  dimensions:\n")
	used := map[string]bool{}
	for _, dim := range d.Dimensions {
		w("    - id: %s\n      name: %s\n      indicators:\n", dim.ID, yamlString(dim.Name))
		for _, q := range dim.Questions {
			id := indicatorID(q.ID, used)
			w("        - {id: %s, question: %s}\n", id, yamlString(q.ID))
		}
	}
	return b.String()
}

// indicatorID makes a unique indicator id of a question id.
func indicatorID(q string, used map[string]bool) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(q) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	base := strings.Trim(sb.String(), "_")
	if base == "" || base[0] < 'a' || base[0] > 'z' {
		base = "i_" + base
	}
	id := base
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("%s_%d", base, n)
	}
	used[id] = true
	return id
}

// draftCodebook writes the codes the export uses for the labels of the
// draft's scales.
func draftCodebook(d *survey.Draft) string {
	var b strings.Builder
	b.WriteString("# Antwortcodes des Exports → Antworten des Modells (von 'reifegrad init')\nanswers:\n")
	for _, sc := range d.Scales {
		codes := d.Codebook[sc.ID]
		if len(codes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s:\n", sc.ID)
		for _, c := range codes {
			fmt.Fprintf(&b, "    %s: %s\n", yamlString(c.Code), yamlString(c.Label))
		}
	}
	return b.String()
}

// yamlComment keeps a text on one comment line.
func yamlComment(s string) string { return strings.Join(strings.Fields(visible(s)), " ") }
