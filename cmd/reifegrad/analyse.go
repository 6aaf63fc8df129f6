package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/scoring"
)

// AnalyseSettings is the analyse section: the uncertainty analysis that
// 'analyse' (and 'run', for the reports) performs.
type AnalyseSettings struct {
	// Draws is the number of variants scored (default 1,000, at least 10).
	Draws int `yaml:"draws" flag:"draws"`
	// Seed makes the draws reproducible.
	Seed int `yaml:"seed" flag:"seed"`
	// Wave is the wave analysed; empty: the latest.
	Wave        string                `yaml:"wave" flag:"wave"`
	Uncertainty []UncertaintySettings `yaml:"uncertainty"`
}

// UncertaintySettings is one uncertain input; exactly one of Weights,
// Dirichlet, Aggregation, Missing, Normalise and Levels says its kind.
type UncertaintySettings struct {
	Weights       string   `yaml:"weights"` // a node id, or "all"
	Spread        number   `yaml:"spread"`
	Dirichlet     string   `yaml:"dirichlet"` // a node id
	Concentration number   `yaml:"concentration"`
	Aggregation   []string `yaml:"aggregation"`
	Missing       []string `yaml:"missing"`
	Normalise     []string `yaml:"normalise"`
	Levels        number   `yaml:"levels"` // ± points
	Node          string   `yaml:"node"`   // for aggregation and missing; empty: every node
}

// number is a setting that is a decimal number.
type number float64

func (n *number) UnmarshalText(b []byte) error {
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("want a number, got %q", b)
	}
	*n = number(x)
	return nil
}

// analyseOptions turns the analyse section into options of package
// analyse, checked against the model; every problem is a *SettingError
// at its key. It returns nil options when no uncertain input is declared.
func analyseOptions(s *settings) (*analyse.Options, error) {
	a := s.Analyse
	var errs []error
	if a.Seed < 0 {
		errs = append(errs, s.errAt("analyse.seed", fmt.Errorf("want 0 or more, got %d", a.Seed)))
	}
	if len(a.Uncertainty) == 0 {
		switch {
		case a.Draws != 0 && a.Draws < analyse.MinDraws:
			errs = append(errs, s.errAt("analyse.draws", fmt.Errorf("at least %d draws are needed, got %d", analyse.MinDraws, a.Draws)))
		case a.Draws > analyse.MaxDraws:
			errs = append(errs, s.errAt("analyse.draws", fmt.Errorf("at most %d draws, got %d", analyse.MaxDraws, a.Draws)))
		}
		return nil, errors.Join(errs...)
	}
	o := &analyse.Options{Draws: a.Draws, Seed: uint64(max(a.Seed, 0)), Workers: s.Report.Workers}
	keys := make([]string, len(a.Uncertainty)) // the key that says each input's kind
	for i, u := range a.Uncertainty {
		in, key, err := u.input(s, i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		keys[i] = key
		o.Inputs = append(o.Inputs, in)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := o.Check(s.Model); err != nil {
		var oes []*analyse.OptionError
		for _, e := range unjoin(err) {
			var oe *analyse.OptionError
			if errors.As(e, &oe) {
				oes = append(oes, oe)
			}
		}
		for _, oe := range oes {
			errs = append(errs, s.errAt(optionKey(oe, a.Uncertainty, keys), oe.Err))
		}
		return nil, errors.Join(errs...)
	}
	return o, nil
}

// unjoin returns the errors joined in err.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// optionKey is the settings key of an analyse.OptionError.
func optionKey(oe *analyse.OptionError, us []UncertaintySettings, kinds []string) string {
	if oe.Input < 0 {
		return "analyse." + oe.Field
	}
	prefix := fmt.Sprintf("analyse.uncertainty[%d]", oe.Input)
	switch oe.Field {
	case "node":
		if us[oe.Input].Node != "" {
			return prefix + ".node"
		}
		return prefix + "." + kinds[oe.Input]
	case "spread", "concentration":
		return prefix + "." + oe.Field
	}
	return prefix + "." + kinds[oe.Input]
}

// input converts one uncertain input; it returns the key that says its
// kind.
func (u UncertaintySettings) input(s *settings, i int) (analyse.Input, string, error) {
	key := fmt.Sprintf("analyse.uncertainty[%d]", i)
	var set []string
	for _, k := range []struct {
		name string
		on   bool
	}{{"weights", u.Weights != ""}, {"dirichlet", u.Dirichlet != ""}, {"aggregation", u.Aggregation != nil},
		{"missing", u.Missing != nil}, {"normalise", u.Normalise != nil}, {"levels", u.Levels != 0}} {
		if k.on {
			set = append(set, k.name)
		}
	}
	if len(set) != 1 {
		return analyse.Input{}, "", s.errAt(key, fmt.Errorf("say what varies with exactly one of weights, dirichlet, aggregation, missing, normalise, levels (got %d)", len(set)))
	}
	kind := set[0]
	in := analyse.Input{Node: scoring.NodeID(u.Node), Spread: float64(u.Spread), Concentration: float64(u.Concentration)}
	var errs []error
	switch kind {
	case "weights":
		in.Kind = analyse.Weights
		in.Node = scoring.NodeID(u.Weights)
		if u.Weights == "all" {
			in.Node = ""
		}
	case "dirichlet":
		in.Kind, in.Node = analyse.Dirichlet, scoring.NodeID(u.Dirichlet)
	case "aggregation":
		in.Kind = analyse.Aggregation
		for j, w := range u.Aggregation {
			a, err := scoring.ParseAggregation(w)
			if err != nil {
				errs = append(errs, s.errAt(fmt.Sprintf("%s.aggregation[%d]", key, j), err))
			}
			in.Aggregations = append(in.Aggregations, a)
		}
	case "missing":
		in.Kind = analyse.Missing
		for j, w := range u.Missing {
			p, err := scoring.ParseMissingPolicy(w)
			if err != nil {
				errs = append(errs, s.errAt(fmt.Sprintf("%s.missing[%d]", key, j), err))
			}
			in.Policies = append(in.Policies, p)
		}
	case "normalise":
		in.Kind = analyse.Normalisation
		for j, w := range u.Normalise {
			n, err := analyse.ParseNormalisation(w)
			if err != nil {
				errs = append(errs, s.errAt(fmt.Sprintf("%s.normalise[%d]", key, j), err))
			}
			in.Normalisations = append(in.Normalisations, n)
		}
	case "levels":
		in.Kind, in.Spread = analyse.LevelEdges, float64(u.Levels)
	}
	if u.Node != "" && kind != "aggregation" && kind != "missing" {
		errs = append(errs, s.errAt(key+".node", fmt.Errorf("node belongs to aggregation and missing; %s names its node itself", kind)))
	}
	if u.Spread != 0 && kind != "weights" {
		errs = append(errs, s.errAt(key+".spread", fmt.Errorf("spread belongs to weights (levels: give the points as levels: 5)")))
	}
	if u.Concentration != 0 && kind != "dirichlet" {
		errs = append(errs, s.errAt(key+".concentration", errors.New("concentration belongs to dirichlet")))
	}
	return in, kind, errors.Join(errs...)
}

// analyseWave picks the wave of the analysis: analyse.wave, else the
// latest.
func analyseWave(s *settings, r *scoring.Results) (int, error) {
	if s.Analyse.Wave == "" {
		return r.Latest(), nil
	}
	i := slices.IndexFunc(r.Waves, func(w scoring.Wave) bool { return string(w.ID) == s.Analyse.Wave })
	if i < 0 {
		var ids []string
		for _, w := range r.Waves {
			ids = append(ids, string(w.ID))
		}
		return 0, s.errAt("analyse.wave", fmt.Errorf("no wave %q in the inputs (they hold %v)", s.Analyse.Wave, ids))
	}
	return i, nil
}

// analyseCommand is 'reifegrad analyse'.
func (a *app) analyseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "analyse",
		Short: "Validate the model statistically and test how robust its results are; write nothing",
		Long: `analyse scores the inputs and tells whether the model is any good, on the latest
wave (or analyse.wave, --wave):

  - per dimension (and the overall score) Cronbach's α of its parts, α if a part
    is dropped, each part's correlation with the rest, and the share of variance of
    the first principal component;
  - correlations (Pearson and Spearman) of indicators and dimensions, flagging
    negative ones inside a dimension and near-duplicates (|r| > 0.9);
  - per indicator n, missing share, skewness, kurtosis, shares at 0 and 100;
  - what the treatment of numbers did (imputed, winsorised, log-transformed);
  - with uncertain choices declared under analyse.uncertainty, a seeded Monte
    Carlo (analyse.draws, default 1000; --draws, --seed): per unit its median rank,
    5–95 % rank interval and the share of variants in which it keeps its level;
    per uncertain input its first-order and total sensitivity index.

  analyse:
    draws: 1000
    seed: 1
    uncertainty:
      - {weights: overall, spread: 0.2}        # its children's weights × 0.8 … 1.2
      - {dirichlet: online, concentration: 50} # weights of one node's children
      - {aggregation: [mean, geometric]}       # node: <id> for one node only
      - {missing: [reweight, impute]}
      - {normalise: [minmax, rank]}            # questions normalised over the wave
      - {levels: 5}                            # band edges ± 5 points

Figures over all units are shown only for a wave of at least report.min_group_size
units. With --json, everything as JSON, every unit's robustness included.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.analyse(cmd) },
	}
	f := cmd.Flags()
	f.Int("draws", 0, "variants scored in the uncertainty analysis (default analyse.draws, 1000)")
	f.Int("seed", 0, "seed of the draws (default analyse.seed, 0)")
	f.String("wave", "", "wave to analyse (default analyse.wave, else the latest)")
	return cmd
}

// analyse is the analyse command: score, validate, run the Monte Carlo,
// print.
func (a *app) analyse(cmd *cobra.Command) error {
	defer a.stage("")
	s, _, ds, err := a.load(cmd)
	if err != nil {
		return err
	}
	if err := fatalFindings(ds); err != nil {
		return err
	}
	opts, err := analyseOptions(s)
	if err != nil {
		return err
	}
	a.stage(fmt.Sprintf(a.say().scoringF, a.lang.Count(len(ds.Responses))))
	res := scoring.Score(s.Model, ds)
	if len(res.Units) == 0 {
		return nothingScored(res)
	}
	wi, err := analyseWave(s, res)
	if err != nil {
		return err
	}
	dis := scoring.NewDisclosure(res, s.Report.MinGroupSize)
	rep := &analysis{s: s, r: res, wave: wi, dis: dis, lang: s.Report.Language}
	a.stage(a.say().validating)
	rep.validation = analyse.Validate(res, wi, dis)
	if opts != nil {
		draws := opts.Draws
		if draws == 0 {
			draws = analyse.DefaultDraws
		}
		a.stage(fmt.Sprintf(a.say().variantsF, a.lang.Count(draws)))
		if rep.robustness, err = analyse.Robust(cmd.Context(), res, wi, *opts, dis); err != nil {
			return err
		}
	}
	a.stage("")
	if a.json {
		return rep.writeJSON(a.stdout)
	}
	return rep.writeText(a.stdout)
}

// runAnalysis is the analysis run adds to its reports: the validation of
// the wave analyse.wave (else the latest) and, when analyse.uncertainty
// declares uncertain choices, its robustness.
func runAnalysis(ctx context.Context, s *settings, res *scoring.Results, dis *scoring.Disclosure) (*analyse.Report, error) {
	an, err := prepareAnalysis(s, res)
	if err != nil {
		return nil, err
	}
	return an(ctx, dis)
}

// prepareAnalysis checks the settings of runAnalysis and returns the
// analysis to run, so that a run can refuse bad settings before it
// writes anything and analyse while it writes.
func prepareAnalysis(s *settings, res *scoring.Results) (func(context.Context, *scoring.Disclosure) (*analyse.Report, error), error) {
	opts, err := analyseOptions(s)
	if err != nil {
		return nil, err
	}
	wi, err := analyseWave(s, res)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, dis *scoring.Disclosure) (*analyse.Report, error) {
		return analyse.Analyse(ctx, res, wi, opts, dis)
	}, nil
}

// writeAnalysis writes indicators.csv (the treatment of numbers, always)
// and robustness.csv (when the robustness was analysed).
func writeAnalysis(write func(string, func(io.Writer) error) error, res *scoring.Results, rep *analyse.Report) error {
	if err := write("indicators.csv", func(w io.Writer) error { return csv.WriteIndicators(w, res) }); err != nil {
		return err
	}
	if rep == nil || rep.Robustness == nil {
		return nil
	}
	return write("robustness.csv", func(w io.Writer) error { return csv.WriteRobustness(w, res, rep.Wave, rep.Robustness) })
}

// analysisFiles names the files writeAnalysis writes, for the summary.
func analysisFiles(rep *analyse.Report) []string {
	if rep == nil || rep.Robustness == nil {
		return []string{"indicators.csv"}
	}
	return []string{"indicators.csv", "robustness.csv"}
}
