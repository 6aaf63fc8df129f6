package analyse

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// InputKind is what an uncertain input varies.
type InputKind uint8

const (
	// Weights: each weight of the node's children (Node "": of every
	// node) is multiplied by a factor drawn uniformly from
	// [1 − Spread, 1 + Spread].
	Weights InputKind = iota + 1
	// Dirichlet: the weights of the node's children are drawn together
	// from a Dirichlet distribution around them (mean: the model's
	// weights; Concentration: the larger, the closer).
	Dirichlet
	// Aggregation: the node (Node "": every dimension and the overall
	// score) combines its children by one of Aggregations, drawn
	// uniformly.
	Aggregation
	// Missing: the node (Node "": every node) treats missing children by
	// one of Policies.
	Missing
	// Normalisation: the questions normalised over the wave are
	// normalised by one of Normalisations.
	Normalisation
	// LevelEdges: the lower bound of every level but the first (staged
	// levels: the minimum of every criterion) moves by a number of points
	// drawn uniformly from [−Spread, Spread], each on its own.
	LevelEdges
)

var inputKindNames = [...]string{Weights: "weights", Dirichlet: "dirichlet", Aggregation: "aggregation",
	Missing: "missing", Normalisation: "normalise", LevelEdges: "levels"}

func (k InputKind) String() string {
	if int(k) < len(inputKindNames) && inputKindNames[k] != "" {
		return inputKindNames[k]
	}
	return fmt.Sprintf("InputKind(%d)", k)
}

// Input is one uncertain choice of the model: a factor of the
// sensitivity analysis. Only the fields of its Kind are used.
type Input struct {
	Kind           InputKind
	Node           scoring.NodeID
	Spread         float64
	Concentration  float64
	Aggregations   []scoring.Aggregation
	Policies       []scoring.MissingPolicy
	Normalisations []scoring.Normalisation
}

// Options configure Robustness. The zero value is not usable: give at
// least one Input.
type Options struct {
	// Draws is the number of variants scored in all (at least MinDraws;
	// 0 means DefaultDraws). The sensitivity design uses
	// ⌊Draws/(k+2)⌋ base draws for k inputs.
	Draws int
	// Seed makes the draws reproducible: the same seed, options and data
	// give the same results on any machine and with any Workers.
	Seed   uint64
	Inputs []Input
	// Workers bounds the goroutines; 0 means GOMAXPROCS.
	Workers int
}

// DefaultDraws, MinDraws and MaxDraws bound Options.Draws.
const (
	DefaultDraws = 1000
	MinDraws     = 10
	MaxDraws     = 100_000
)

// MinConcentration and MaxConcentration bound a Dirichlet's concentration.
// Below, every gamma draw of a child's share can underflow to 0, and the
// draw was repeated for ever (a concentration of 1e-12 hung the analysis);
// above, the shares overflowed to NaN weights. A concentration of 0.01
// already lets the weights go anywhere, one of 10⁶ keeps them at the
// model's.
const (
	MinConcentration = 0.01
	MaxConcentration = 1e6
)

// OptionError is a problem with Options: Input is the index of the input
// at fault (−1 for the options themselves), Field the option's name
// ("draws", "node", "spread", …), so that callers can point at the place
// in their configuration.
type OptionError struct {
	Input int
	Field string
	Err   error
}

func (e *OptionError) Error() string {
	if e.Input < 0 {
		return e.Field + ": " + e.Err.Error()
	}
	return fmt.Sprintf("input %d: %s: %v", e.Input+1, e.Field, e.Err)
}

func (e *OptionError) Unwrap() error { return e.Err }

// Check reports every problem of o for model m as *OptionError values
// joined together, or nil.
func (o Options) Check(m *scoring.Model) error {
	var errs []error
	bad := func(i int, field, format string, args ...any) {
		errs = append(errs, &OptionError{Input: i, Field: field, Err: fmt.Errorf(format, args...)})
	}
	draws := o.Draws
	if draws == 0 {
		draws = DefaultDraws
	}
	switch {
	case draws < MinDraws:
		bad(-1, "draws", "at least %d draws are needed, got %d", MinDraws, draws)
	case draws > MaxDraws:
		bad(-1, "draws", "at most %d draws, got %d (each keeps a rank and a level of every unit: 100,000 draws of 10,786 units take 5 GiB)", MaxDraws, draws)
	}
	if len(o.Inputs) == 0 {
		bad(-1, "uncertainty", "no uncertain input is declared")
	} else if need := 2 * (len(o.Inputs) + 2); draws >= MinDraws && draws < need {
		bad(-1, "draws", "%d uncertain inputs need at least %d draws (2 per sample of the sensitivity design), got %d", len(o.Inputs), need, draws)
	}
	// Two inputs must not vary the same choice: a later one would
	// silently override the earlier. Node "" (every node) overlaps all.
	seen := map[InputKind]map[scoring.NodeID]int{}
	for i, in := range o.Inputs {
		kind := in.Kind
		if kind == Dirichlet {
			kind = Weights
		}
		nodes := seen[kind]
		if nodes == nil {
			nodes = map[scoring.NodeID]int{}
			seen[kind] = nodes
		}
		clash := -1
		for node, j := range nodes {
			if (node == in.Node || node == "" || in.Node == "") && (clash < 0 || j < clash) {
				clash = j
			}
		}
		if clash >= 0 {
			bad(i, in.Kind.String(), "varies what input %d varies already", clash+1)
		}
		nodes[in.Node] = i
		for _, err := range in.check(m) {
			errs = append(errs, &OptionError{Input: i, Field: err.field, Err: err.err})
		}
	}
	return errors.Join(errs...)
}

type fieldErr struct {
	field string
	err   error
}

func (in Input) check(m *scoring.Model) []fieldErr {
	var errs []fieldErr
	bad := func(field, format string, args ...any) {
		errs = append(errs, fieldErr{field, fmt.Errorf(format, args...)})
	}
	var node *scoring.Node
	if in.Node != "" {
		if node = m.Node(in.Node); node == nil {
			bad("node", "unknown node %q", in.Node)
			return errs
		}
	}
	switch in.Kind {
	case Weights:
		if node != nil && len(node.Children) < 2 {
			bad("node", "%q has %s: its weights are relative, varying them changes nothing", in.Node, children(node))
		}
		if !(in.Spread > 0 && in.Spread < 1) {
			bad("spread", "the spread of weights is a share between 0 and 1 (exclusive), got %v", in.Spread)
		}
	case Dirichlet:
		switch {
		case node == nil:
			bad("node", "a Dirichlet draws the weights of one node's children: name the node")
		case len(node.Children) < 2:
			bad("node", "a Dirichlet needs a node with two or more children; %q has %s", in.Node, children(node))
		}
		if !(in.Concentration >= MinConcentration && in.Concentration <= MaxConcentration) {
			bad("concentration", "the concentration must be between %g and %g, got %v", MinConcentration, MaxConcentration, in.Concentration)
		}
	case Aggregation:
		if node != nil && node.Kind == scoring.KindIndicator {
			bad("node", "%q is an indicator; vary the aggregation of a dimension or the overall score", in.Node)
		}
		if len(in.Aggregations) < 2 {
			bad("aggregation", "give two or more aggregations to choose from")
		}
		if slices.Contains(in.Aggregations, scoring.Sum) {
			bad("aggregation", "sum counts points and is not an alternative to a mean")
		}
	case Missing:
		if len(in.Policies) < 2 {
			bad("missing", "give two or more missing policies to choose from")
		}
	case Normalisation:
		if len(in.Normalisations) < 2 {
			bad("normalise", "give two or more normalisations to choose from")
		}
		if !slices.ContainsFunc(m.Questions, func(q *scoring.Question) bool { return q.Scale != nil && q.Scale.NeedsWave() && used(m, q) }) {
			bad("normalise", "no question of the model is normalised over the wave (normalise: minmax, zscore or rank)")
		}
	case LevelEdges:
		if len(m.Levels.List) < 2 {
			bad("levels", "the model has one level: there is no band edge to move")
			break
		}
		if !(in.Spread > 0 && in.Spread <= 100) {
			bad("levels", "the spread of level edges is a number of points above 0 and at most 100, got %v", in.Spread)
		} else if m.Levels.Method == scoring.Threshold {
			gap := math.Inf(1)
			for o := 1; o < len(m.Levels.List); o++ {
				gap = min(gap, m.Levels.List[o].Min-m.Levels.List[o-1].Min)
			}
			if in.Spread >= gap/2 {
				bad("levels", "edges moved by up to %v points could cross: the narrowest band is %v points wide, so the spread must be below %v", in.Spread, gap, gap/2)
			}
		}
	default:
		bad("kind", "unknown kind of input")
	}
	return errs
}

func children(n *scoring.Node) string {
	if len(n.Children) == 1 {
		return "one child"
	}
	return "no children"
}

// used reports whether some indicator reads q.
func used(m *scoring.Model, q *scoring.Question) bool {
	for _, n := range m.Nodes {
		if slices.Contains(n.Questions, q.Index) {
			return true
		}
	}
	return false
}

// Describe names the input in words for reports, in English or German.
func (in Input) Describe(m *scoring.Model, lang scoring.Language) string {
	de := lang == scoring.German
	name := func() string {
		if in.Node == "" {
			if de {
				return "aller Knoten"
			}
			return "of every node"
		}
		n := m.Node(in.Node)
		if de {
			return "„" + n.Name + "“"
		}
		return "of “" + n.Name + "”"
	}
	// Numbers as the language writes them (a decimal comma in German).
	pct := func(x float64) string {
		return lang.Number(math.Round(100*x*100) / 100)
	}
	switch in.Kind {
	case Weights:
		if de {
			return fmt.Sprintf("Gewichte %s ±%s %%", name(), pct(in.Spread))
		}
		return fmt.Sprintf("weights %s ±%s %%", name(), pct(in.Spread))
	case Dirichlet:
		if de {
			return fmt.Sprintf("Gewichte %s (Dirichlet, Konzentration %s)", name(), lang.Number(in.Concentration))
		}
		return fmt.Sprintf("weights %s (Dirichlet, concentration %s)", name(), lang.Number(in.Concentration))
	case Aggregation:
		var s []string
		for _, a := range in.Aggregations {
			if w, ok := germanAggregations[a]; ok && de {
				s = append(s, w)
				continue
			}
			s = append(s, a.String())
		}
		if de {
			return fmt.Sprintf("Verdichtung %s (%s)", name(), strings.Join(s, ", "))
		}
		return fmt.Sprintf("aggregation %s (%s)", name(), strings.Join(s, ", "))
	case Missing:
		var s []string
		for _, p := range in.Policies {
			if w, ok := germanPolicies[p]; ok && de {
				s = append(s, w)
				continue
			}
			s = append(s, p.String())
		}
		if de {
			return fmt.Sprintf("Fehlende Werte %s (%s)", name(), strings.Join(s, ", "))
		}
		return fmt.Sprintf("missing data %s (%s)", name(), strings.Join(s, ", "))
	case Normalisation:
		var s []string
		for _, n := range in.Normalisations {
			if w, ok := germanNormalisations[n]; ok && de {
				s = append(s, w)
				continue
			}
			s = append(s, NormalisationName(n))
		}
		if de {
			return "Normierung (" + strings.Join(s, ", ") + ")"
		}
		return "normalisation (" + strings.Join(s, ", ") + ")"
	case LevelEdges:
		if de {
			return fmt.Sprintf("Stufengrenzen ±%s Punkte", lang.Number(in.Spread))
		}
		return fmt.Sprintf("level edges ±%s points", lang.Number(in.Spread))
	}
	return in.Kind.String()
}

// The choices a German description names, in German: the config's words
// (mean, reweight, minmax) are English, and the description is read on
// German pages. English descriptions keep the config's words.
var (
	germanAggregations = map[scoring.Aggregation]string{scoring.Mean: "Mittelwert", scoring.Geometric: "geometrisches Mittel",
		scoring.Minimum: "Minimum", scoring.Maximum: "Maximum", scoring.Sum: "Summe"}
	germanPolicies = map[scoring.MissingPolicy]string{scoring.Reweight: "übergehen", scoring.Zero: "als 0 zählen",
		scoring.Impute: "einsetzen"}
	germanNormalisations = map[scoring.Normalisation]string{scoring.NormaliseMinMax: "Min-Max", scoring.NormaliseZScore: "z-Wert",
		scoring.NormaliseRank: "Rang"}
)

// NormalisationName is the config word of a normalisation over the wave.
func NormalisationName(n scoring.Normalisation) string {
	switch n {
	case scoring.NormaliseMinMax:
		return "minmax"
	case scoring.NormaliseZScore:
		return "zscore"
	case scoring.NormaliseRank:
		return "rank"
	}
	return "none"
}

// ParseNormalisation turns minmax, zscore or rank into a Normalisation.
func ParseNormalisation(s string) (scoring.Normalisation, error) {
	for _, n := range []scoring.Normalisation{scoring.NormaliseMinMax, scoring.NormaliseZScore, scoring.NormaliseRank} {
		if s == NormalisationName(n) {
			return n, nil
		}
	}
	return 0, fmt.Errorf("unknown normalisation %q (want minmax, zscore or rank)", s)
}

// sample is one draw of one input: numbers (weights or level shifts) or
// the index of a choice.
type sample struct {
	xs     []float64
	choice int
}

// draw draws the input once.
func (in Input) draw(rng *rand.Rand, m *scoring.Model) sample {
	switch in.Kind {
	case Weights:
		var n int
		if in.Node == "" {
			n = len(m.Nodes) - 1 // every node but the root
		} else {
			n = len(m.Node(in.Node).Children)
		}
		s := sample{xs: make([]float64, n)}
		for i := range s.xs {
			s.xs[i] = 1 - in.Spread + 2*in.Spread*rng.Float64()
		}
		return s
	case Dirichlet:
		node := m.Node(in.Node)
		w := make([]float64, len(node.Children))
		for i, c := range node.Children {
			w[i] = m.Nodes[c].Weight
		}
		s := sample{xs: make([]float64, len(w))}
		dirichlet(rng, w, in.Concentration, s.xs)
		return s
	case Aggregation:
		return sample{choice: rng.IntN(len(in.Aggregations))}
	case Missing:
		return sample{choice: rng.IntN(len(in.Policies))}
	case Normalisation:
		return sample{choice: rng.IntN(len(in.Normalisations))}
	case LevelEdges:
		s := sample{xs: make([]float64, len(m.Levels.List))}
		for o := 1; o < len(s.xs); o++ {
			s.xs[o] = -in.Spread + 2*in.Spread*rng.Float64()
		}
		if m.Levels.Method == scoring.Staged {
			s.xs[0] = -in.Spread + 2*in.Spread*rng.Float64()
		}
		return s
	}
	return sample{}
}

// apply writes the sample of the input into the variant, which starts
// from the model's choices (see nominal).
func (in Input) apply(m *scoring.Model, s sample, v *scoring.Variant) {
	switch in.Kind {
	case Weights:
		if in.Node == "" {
			for i := 1; i < len(m.Nodes); i++ {
				v.Weight[i] = m.Nodes[i].Weight * s.xs[i-1]
			}
			return
		}
		for j, c := range m.Node(in.Node).Children {
			v.Weight[c] = m.Nodes[c].Weight * s.xs[j]
		}
	case Dirichlet:
		for j, c := range m.Node(in.Node).Children {
			v.Weight[c] = s.xs[j]
		}
	case Aggregation:
		a := in.Aggregations[s.choice]
		if in.Node != "" {
			v.Aggregation[m.Node(in.Node).Index] = a
			return
		}
		for _, n := range m.Nodes {
			if n.Kind != scoring.KindIndicator {
				v.Aggregation[n.Index] = a
			}
		}
	case Missing:
		p := in.Policies[s.choice]
		if in.Node != "" {
			v.Policy[m.Node(in.Node).Index] = p
			return
		}
		for i := range v.Policy {
			v.Policy[i] = p
		}
	case Normalisation:
		v.Normalisation = in.Normalisations[s.choice]
	case LevelEdges:
		copy(v.LevelShift, s.xs)
	}
}

// nominal sets v to the model's own choices.
func nominal(m *scoring.Model, v *scoring.Variant) {
	if v.Weight == nil {
		v.Weight = make([]float64, len(m.Nodes))
		v.Aggregation = make([]scoring.Aggregation, len(m.Nodes))
		v.Policy = make([]scoring.MissingPolicy, len(m.Nodes))
		v.LevelShift = make([]float64, len(m.Levels.List))
	}
	for i, n := range m.Nodes {
		v.Weight[i], v.Aggregation[i], v.Policy[i] = n.Weight, n.Aggregation, n.Policy
	}
	clear(v.LevelShift)
	v.Normalisation = scoring.NormaliseNone
}
