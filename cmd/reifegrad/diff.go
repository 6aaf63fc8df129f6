package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// pickConfig takes the one -c of every command but diff, which compares
// two: a second -c elsewhere is a mistake, not a choice of the last.
func (a *app) pickConfig(cmd *cobra.Command) error {
	if cmd.Name() == "diff" {
		return nil
	}
	switch len(a.configPaths) {
	case 0:
		a.configPath = ""
	case 1:
		a.configPath = a.configPaths[0]
	default:
		return &usageError{fmt.Errorf("-c/--config given %d times: only diff compares two configs", len(a.configPaths))}
	}
	return nil
}

// diffCommand is 'reifegrad diff -c old.yaml -c new.yaml'.
func (a *app) diffCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff -c old.yaml -c new.yaml",
		Short: "Compare two models on the same inputs: level changes, rank correlation, score shifts",
		Long: `diff scores the same inputs with two configs (the first -c is the old model, the
second the new) and shows what adopting the new one would change, on the latest wave
(or analyse.wave of the new config, --wave):

  - the rank correlation (Spearman) of the overall scores;
  - the shift of the overall score and of every dimension both models have (by id):
    mean before and after, mean change and mean absolute change;
  - every unit whose level changes, from → to.

The inputs are -i, else the new config's survey.inputs; each config reads them with
its own survey and units settings. Figures over all units are shown only for at least
report.min_group_size units (of the new config). With --json, as JSON.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.diff(cmd) },
	}
	cmd.Flags().String("wave", "", "wave to compare (default analyse.wave, else the latest)")
	return cmd
}

func (a *app) diff(cmd *cobra.Command) error {
	if len(a.configPaths) != 2 {
		return &usageError{fmt.Errorf("diff compares two configs: give -c old.yaml -c new.yaml (got %d)", len(a.configPaths))}
	}
	defer a.stage("")
	var ss [2]*settings
	var rs [2]*scoring.Results
	for k, path := range a.configPaths {
		s, err := loadSettings(path, cmd.Flags())
		if err != nil {
			return err
		}
		ss[k] = s
	}
	a.lang = ss[1].Report.Language
	a.stage(a.say().reading)
	ins, err := a.resolveInputs(ss[1])
	if err != nil {
		return err
	}
	for k, s := range ss {
		if err := inputWaves(s, ins); err != nil {
			return err
		}
		ds, err := readInputs(s, ins)
		if err != nil {
			return err
		}
		if err := validateData(s, ins, ds); err != nil {
			return err
		}
		if err := fatalFindings(ds); err != nil {
			return fmt.Errorf("%s: %w", s.File, err)
		}
		rs[k] = scoring.Score(s.Model, ds)
		if len(rs[k].Units) == 0 {
			return nothingScored(rs[k])
		}
	}
	wi, err := analyseWave(ss[1], rs[1])
	if err != nil {
		return err
	}
	dis := scoring.NewDisclosure(rs[1], ss[1].Report.MinGroupSize)
	c := analyse.Compare(rs[0], rs[1], rs[1].Waves[wi].ID, dis)
	a.stage("")
	d := &modelDiff{files: [2]string{ss[0].File, ss[1].File}, models: [2]*scoring.Model{rs[0].Model, rs[1].Model}, c: c, min: dis.MinGroup(),
		lang: ss[1].Report.Language, text: unitWords(rs[1], ss[1].Report.Language)}
	if a.json {
		return d.writeJSON(a.stdout)
	}
	return d.writeText(a.stdout)
}

// modelDiff is what diff prints.
type modelDiff struct {
	files  [2]string
	models [2]*scoring.Model
	c      *analyse.Comparison
	min    int
	lang   scoring.Language // of the terminal text: the new config's report.language
	text   *analyseText     // its words, of the new model's units (unitWords)
}

// maxListed bounds the units diff lists on the terminal.
const maxListed = 50

func (d *modelDiff) writeText(w io.Writer) error {
	var b strings.Builder
	c, t, l := d.c, d.text, d.lang
	// Two edits of one model version are told apart by their
	// fingerprints (scoring.Model.Fingerprint).
	title := func(k int) string {
		m := d.models[k]
		s := m.Name
		if m.Version != "" {
			s += " " + m.Version
		}
		if m.Fingerprint != "" {
			s += ", " + t.Fingerprint + " " + m.Fingerprint
		}
		return visible(fmt.Sprintf("%s (%s)", s, d.files[k]))
	}
	fmt.Fprintf(&b, t.DiffHeadF, title(0), title(1), visible(string(c.Wave)), t.Units.of(l, c.Units))
	if c.Suppressed {
		fmt.Fprintf(&b, t.DiffSmallF, t.Units.of(l, d.min))
	} else {
		fmt.Fprintf(&b, t.RankCorrF, fnum(l, c.RankCorrelation, 3))
		h := t.ShiftHead
		fmt.Fprintf(&b, "%s  %-32s %6s %7s %7s %7s %9s\n", t.ShiftTitle, h[0], h[1], h[2], h[3], h[4], h[5])
		for _, s := range c.Shifts {
			fmt.Fprintf(&b, "  %-32s %6s %7s %7s %7s %9s\n", clip(visible(s.Name), 32), l.Count(s.N), fnum(l, s.OldMean, 1), fnum(l, s.NewMean, 1),
				signed(l, s.Mean, 1), fnum(l, s.MeanAbs, 1))
		}
		if len(c.Hidden) > 0 {
			var names []string
			for _, id := range c.Hidden {
				names = append(names, d.models[1].Node(id).Name)
			}
			fmt.Fprintf(&b, t.HiddenF, t.Units.of(l, d.min), visible(strings.Join(names, ", ")))
		}
	}
	fmt.Fprintf(&b, t.ChangesF, l.Count(len(c.Changes)))
	for i, ch := range c.Changes {
		if i == maxListed {
			fmt.Fprintf(&b, "  "+t.MoreF, l.Count(len(c.Changes)-i))
			break
		}
		// No level is named as the reports and the summary name it.
		level := func(l scoring.Level) string {
			if l.Ordinal == 0 {
				return t.NoLevel
			}
			return visible(l.Label())
		}
		// Names and ids from the data, each on its line: a line break in
		// a name faked a line of the list ("  99 Fake → 1 Anfang").
		fmt.Fprintf(&b, "  %-10s %-28s %s → %s\n", visible(string(ch.Unit)), clip(visible(ch.Name), 28), level(ch.From), level(ch.To))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type jsonDiff struct {
	Old             string          `json:"old"`
	New             string          `json:"new"`
	OldFingerprint  string          `json:"old_fingerprint,omitempty"`
	NewFingerprint  string          `json:"new_fingerprint,omitempty"`
	Wave            string          `json:"wave"`
	Units           int             `json:"units"`
	Suppressed      bool            `json:"suppressed,omitempty"`
	RankCorrelation *float64        `json:"rank_correlation,omitempty"`
	Shifts          []jsonShift     `json:"shifts,omitempty"`
	HiddenShifts    []string        `json:"hidden_shifts,omitempty"` // nodes whose shift report.min_group_size withholds
	Changes         []jsonLevelMove `json:"level_changes"`
}

type jsonShift struct {
	Node    string  `json:"node"`
	N       int     `json:"n"`
	OldMean float64 `json:"old_mean"`
	NewMean float64 `json:"new_mean"`
	Mean    float64 `json:"mean_shift"`
	MeanAbs float64 `json:"mean_absolute_shift"`
}

// jsonLevelMove names levels by the models' numbers; null is no level.
type jsonLevelMove struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	From *int   `json:"from"`
	To   *int   `json:"to"`
}

func levelNumber(l scoring.Level) *int {
	if l.Ordinal == 0 {
		return nil
	}
	n := l.Number
	return &n
}

func (d *modelDiff) writeJSON(w io.Writer) error {
	c := d.c
	out := jsonDiff{Old: d.files[0], New: d.files[1], OldFingerprint: d.models[0].Fingerprint, NewFingerprint: d.models[1].Fingerprint, Wave: string(c.Wave), Units: c.Units, Suppressed: c.Suppressed,
		Changes: []jsonLevelMove{}}
	if !c.Suppressed {
		out.RankCorrelation = jnum(c.RankCorrelation)
	}
	for _, id := range c.Hidden {
		out.HiddenShifts = append(out.HiddenShifts, string(id))
	}
	for _, s := range c.Shifts {
		out.Shifts = append(out.Shifts, jsonShift{Node: string(s.Node), N: s.N, OldMean: s.OldMean, NewMean: s.NewMean, Mean: s.Mean, MeanAbs: s.MeanAbs})
	}
	for _, ch := range c.Changes {
		out.Changes = append(out.Changes, jsonLevelMove{ID: string(ch.Unit), Name: ch.Name, From: levelNumber(ch.From), To: levelNumber(ch.To)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
