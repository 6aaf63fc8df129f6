package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/reports/xlsx"
)

// defaultQuestionnaire is the file template writes without -o.
const defaultQuestionnaire = "fragebogen.xlsx"

// templateCommand writes the questionnaire workbook of the model: the
// self-assessment a municipality fills in without any survey platform,
// and 'run -i' scores as it comes back.
func (a *app) templateCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write the questionnaire workbook a municipality fills in by itself (-o fragebogen.xlsx)",
		Long: `template writes, from the model of the config alone, an Excel workbook a
municipality fills in by itself: its AGS and name at the top, then one row per
question with its code, its text, an answer cell offering the scale's answers
(including "weiß nicht" and "nicht zutreffend") and notes. The questions are the
model's, as its latest wave asks them (model.waves). The texts around the
questions follow report.language (--lang).

-o names the file (default fragebogen.xlsx; a folder gets fragebogen.xlsx
inside). An existing file is kept unless --force: it may be a filled-in one.

Score returned questionnaires directly as that wave, one -i per file:
  reifegrad run -i 2028=fragebogen_dresden.xlsx -i 2028=fragebogen_leipzig.xlsx`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			path, err := questionnairePath(cmd.Flag("out").Value.String())
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); err == nil && !force {
				return fmt.Errorf("%s exists and may hold answers: remove it, choose another -o or add --force", path)
			}
			if err := writeFileAtomic(path, func(w io.Writer) error {
				return xlsx.WriteQuestionnaire(w, s.Model, xlsx.Options{Language: s.Report.Language})
			}); err != nil {
				return err
			}
			if !a.quiet {
				t := statusTexts[s.Report.Language]
				fmt.Fprintf(a.stderr, t.wroteWhatF, path, t.questions.of(s.Report.Language, len(s.Model.Questions)))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

// questionnairePath resolves -o for template: empty is the default file,
// a folder gets the default file inside; anything else must be .xlsx.
func questionnairePath(out string) (string, error) {
	if out == "" {
		return defaultQuestionnaire, nil
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return filepath.Join(out, defaultQuestionnaire), nil
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return "", &usageError{errors.New("template: -o must name an .xlsx file or a folder, got " + out)}
	}
	return out, nil
}
