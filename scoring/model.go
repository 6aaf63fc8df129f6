package scoring

import (
	"cmp"
	"fmt"
	"strconv"
)

// Model is a maturity model: questions, scales, the tree of dimensions and
// indicators with weights and aggregation rules, missing-data rules, levels
// and peer groups. A Model is built by ParseModel, which validates it, and
// is immutable afterwards: it is safe for concurrent use.
type Model struct {
	Name        string
	Version     string
	Description string
	// Fingerprint identifies the model section of the config as written
	// (see fingerprint): outputs state it beside Version, and serve keeps
	// it with each submission, so that figures scored under an edited
	// model are told apart. Empty for a model not read from a config.
	Fingerprint string
	// Language of the model's labels, for generated texts.
	Language Language
	// UnitLabels name the units' id and district in the outputs' column
	// headers (model.unit_labels); empty fields leave the outputs' own
	// words (see Results.KeyedByAGS).
	UnitLabels UnitLabels

	Questions []*Question
	Scales    map[string]*Scale
	// MissingCodes are the answers the model declares as missing, with
	// their meaning, in the order of the config; every scale knows them
	// (and may add its own, see Scale.Missing). The empty answer is
	// always Blank and is not listed.
	MissingCodes []MissingCode

	// Nodes is the tree of the model in pre-order: Nodes[0] is the overall
	// score, its children are the top-level dimensions, the leaves are
	// indicators. A node's children always come after it.
	Nodes []*Node

	Levels     Levels
	PeerGroups []PeerGroup
	// SizeClasses derive the attribute "size_class" from population; the
	// upper bound of each class is exclusive and the last one is open.
	SizeClasses []SizeClass
	// ImputeBy is the index in PeerGroups whose group mean replaces a
	// missing score under the Impute policy; -1 means the whole wave.
	ImputeBy int
	// MinGroupSize is report.min_group_size, the fewest units whose mean
	// (or median) may replace a unit's missing value (ImputeFrom); 0 means
	// DefaultMinGroupSize. It is a setting of the reports, not of the
	// model, and no part of its fingerprint.
	MinGroupSize int
	// Points is set when the model counts points: some node aggregates
	// with Sum (see Node.MaxPoints). Reports show scores on 0–100 and, for
	// such models, also as points (Results.Points).
	Points bool
	// Roadmap holds efforts, planning steps and advice for roadmaps.
	Roadmap RoadmapSettings

	// Waves are the waves the model declares (model.waves), in the order
	// they were surveyed; empty when it declares none (then every wave
	// asked the model's questionnaire). See Questionnaire.
	Waves []WaveInfo
	// Successions are the territorial changes the model declares
	// (model.successors); a dataset may bring more (Dataset.Successions).
	Successions []Succession

	questionIndex map[QuestionID]int
	nodeIndex     map[NodeID]int
	crosswalks    []Crosswalk
}

// UnitLabels are what a model calls its units' id and district, in its
// language: a model of organisations, countries or teams speaks of them,
// not of a municipality's AGS and its Landkreis. Zero fields: the outputs'
// defaults.
type UnitLabels struct {
	ID       string `yaml:"id"`       // e.g. "Organisation", "Land (ISO)"
	District string `yaml:"district"` // e.g. "Region", "Bereich"
	// Unit and Units are the noun for one unit and for several, as the
	// outputs' sentences and group labels use it ("Alle Kommunen", "better
	// than 63 % of municipalities"): e.g. "organisation", "organisations".
	// Both or neither (load.go). See Results.UnitNouns.
	Unit  string `yaml:"unit"`
	Units string `yaml:"units"`
}

// MissingCode is a declared answer that means "no answer", and why.
type MissingCode struct {
	Code   string
	Status Status // Blank, Unknown or NotApplicable
}

// Question is one column of the survey, read through its scale.
type Question struct {
	Index   int
	ID      QuestionID
	Text    string
	Help    string
	Aliases []string // other headers that mean this question
	Scale   *Scale
	Reverse bool // points become 1 − points
	// Optional questions may lack a column in an input: that is a note.
	// Every other question is required (config: required: true, the
	// default): an input without its column is a fatal
	// IssueMissingQuestion, as its answers would silently count as missing.
	Optional bool
	// Treatment (numeric questions only) prepares the numbers over the
	// wave before the scale turns them into points; nil does nothing.
	Treatment *Treatment
	// NotAsked is set in a wave's questionnaire (Model.Questionnaire) for
	// a question that wave did not ask. Its answers are neither blank nor
	// missing: the question is left out of that wave's scores and does not
	// lower their coverage.
	NotAsked bool
	// From, in a wave's questionnaire, lists the questions (indices into
	// it) this one is derived from in that wave — an earlier question a
	// later wave split, or earlier questions it merged. Its points are the
	// mean of theirs answered, the parts not answered its share not
	// answered (derivedPoints, Input.Unanswered); it has no column of its
	// own (see HasColumn).
	From []int
}

// InPoints reports whether node n's score is meaningful as points, so that
// reports may show Results.Points beside it: the model counts points, n or
// a node above or below it sums, and every node below n that does not sum
// has children of equal maximum (then its mean of shares is also a mean of
// points, as in OWASP SAMM).
func (m *Model) InPoints(n *Node) bool {
	if !m.Points {
		return false
	}
	sums := false
	for p := n; p != nil; p = m.parent(p) {
		sums = sums || p.Aggregation == Sum
	}
	var exact func(n *Node) bool
	exact = func(n *Node) bool {
		sums = sums || n.Aggregation == Sum
		for _, c := range n.Children {
			if n.Aggregation != Sum && m.Nodes[c].MaxPoints != m.Nodes[n.Children[0]].MaxPoints {
				return false
			}
			if !exact(m.Nodes[c]) {
				return false
			}
		}
		return true
	}
	return exact(n) && sums
}

func (m *Model) parent(n *Node) *Node {
	if n.Parent < 0 {
		return nil
	}
	return m.Nodes[n.Parent]
}

// QuestionCounts counts the questions the model scores (those an indicator
// reads) and those it asks for information only (context: true). Every
// command and text that counts questions uses it, so they agree.
func (m *Model) QuestionCounts() (scored, context int) {
	used := m.usedQuestions()
	for _, u := range used {
		if u {
			scored++
		}
	}
	return scored, len(used) - scored
}

// usedQuestions reports for every question whether an indicator reads it.
func (m *Model) usedQuestions() []bool {
	used := make([]bool, len(m.Questions))
	for _, n := range m.Nodes {
		for _, q := range n.Questions {
			used[q] = true
		}
	}
	return used
}

// Question returns the question with the given code, or nil.
func (m *Model) Question(id QuestionID) *Question {
	if i, ok := m.questionIndex[id]; ok {
		return m.Questions[i]
	}
	return nil
}

// Node returns the dimension or indicator with the given ID, or nil.
func (m *Model) Node(id NodeID) *Node {
	if i, ok := m.nodeIndex[id]; ok {
		return m.Nodes[i]
	}
	return nil
}

// Root returns the overall node.
func (m *Model) Root() *Node { return m.Nodes[0] }

// Dimensions returns the top-level dimensions.
func (m *Model) Dimensions() []*Node {
	root := m.Nodes[0]
	out := make([]*Node, len(root.Children))
	for i, c := range root.Children {
		out[i] = m.Nodes[c]
	}
	return out
}

// Indicators returns the leaves of the tree in model order.
func (m *Model) Indicators() []*Node {
	var out []*Node
	for _, n := range m.Nodes {
		if n.Kind == KindIndicator {
			out = append(out, n)
		}
	}
	return out
}

// NodeKind tells the overall node, dimensions and indicators apart.
type NodeKind uint8

const (
	KindOverall NodeKind = iota
	KindDimension
	KindIndicator
)

func (k NodeKind) String() string {
	switch k {
	case KindOverall:
		return "overall"
	case KindDimension:
		return "dimension"
	case KindIndicator:
		return "indicator"
	}
	return "NodeKind(" + strconv.Itoa(int(k)) + ")"
}

// Aggregation is how a node combines its children (or an indicator its
// questions).
type Aggregation uint8

const (
	// Mean is the weighted arithmetic mean: Σ wᵢsᵢ / Σ wᵢ.
	Mean Aggregation = iota
	// Geometric is the weighted geometric mean: Π sᵢ^(wᵢ/Σw). A zero child
	// makes it zero: strengths cannot compensate for a gap.
	Geometric
	// Minimum is the weakest child.
	Minimum
	// Sum adds points: Σ wᵢ·pointsᵢ, out of Σ wᵢ·maxᵢ. A leaf under a Sum
	// node is worth its weight in points.
	Sum
	// Maximum is the strongest child (for indicators read from alternative
	// questions).
	Maximum
)

var aggregationNames = [...]string{"mean", "geometric", "min", "sum", "max"}

func (a Aggregation) String() string {
	if int(a) < len(aggregationNames) {
		return aggregationNames[a]
	}
	return "Aggregation(" + strconv.Itoa(int(a)) + ")"
}

// ParseAggregation turns a config word into an Aggregation.
func ParseAggregation(s string) (Aggregation, error) {
	switch s {
	case "mean", "arithmetic", "weighted_mean":
		return Mean, nil
	case "geometric", "geomean", "geometric_mean":
		return Geometric, nil
	case "min", "minimum":
		return Minimum, nil
	case "sum", "points":
		return Sum, nil
	case "max", "maximum":
		return Maximum, nil
	}
	return 0, fmt.Errorf("unknown aggregation %q (want mean, geometric, min, max or sum)", s)
}

// MissingPolicy is what a node does with a child (or question) that has no
// score because it was not answered, not known or too thinly covered.
// Not-applicable children are always left out of the denominator.
type MissingPolicy uint8

const (
	// Reweight leaves the missing child out; the others' weights are
	// rescaled so they sum up as before.
	Reweight MissingPolicy = iota
	// Zero counts the missing child as 0 points.
	Zero
	// Impute uses the mean of the child's score in the unit's peer group
	// (Model.ImputeBy) in the same wave.
	Impute
)

var policyNames = [...]string{"reweight", "zero", "impute"}

func (p MissingPolicy) String() string {
	if int(p) < len(policyNames) {
		return policyNames[p]
	}
	return "MissingPolicy(" + strconv.Itoa(int(p)) + ")"
}

// ParseMissingPolicy turns a config word into a MissingPolicy.
func ParseMissingPolicy(s string) (MissingPolicy, error) {
	switch s {
	case "reweight", "skip":
		return Reweight, nil
	case "zero":
		return Zero, nil
	case "impute", "impute_mean", "peer_mean":
		return Impute, nil
	}
	return 0, fmt.Errorf("unknown missing policy %q (want reweight, zero or impute)", s)
}

// Node is a dimension, an indicator, or the overall score.
type Node struct {
	Index       int
	Parent      int // -1 for the root
	Depth       int // 0 for the root, 1 for top-level dimensions
	Kind        NodeKind
	ID          NodeID
	Name        string
	Description string
	Weight      float64
	Aggregation Aggregation
	Policy      MissingPolicy
	// MinCoverage: below this share of answered weight the node is not
	// scored and the unit is flagged. 0 scores on any answer.
	MinCoverage float64
	Children    []int
	// Questions (indicators only) are indices into Model.Questions,
	// combined with Aggregation and the question weights QWeights.
	Questions []int
	QWeights  []float64
	// MaxPoints is the node's full score in points: 1 for an indicator
	// (times its weight under a Sum parent), Σ wᵢ·maxᵢ for a Sum node and
	// the weighted mean of the children's maxima otherwise.
	MaxPoints float64
	// NextSteps holds advice text by level ordinal (see Level; the config
	// keys it by level number): what a unit at that level should do next
	// in this dimension.
	NextSteps map[int]string
}

// SizeClass is a population band [previous Max, Max). The last class has
// Open set.
type SizeClass struct {
	Name string
	Max  int
	Open bool
}

// SizeClass returns the name of the size class for a population, or "" when
// the population is unknown or the model has no size classes.
func (m *Model) SizeClass(population int) string {
	if population <= 0 {
		return ""
	}
	for _, c := range m.SizeClasses {
		if c.Open || population < c.Max {
			return c.Name
		}
	}
	return ""
}

// CompareGroups orders two groups of peer group pg as every output lists
// them: size classes from the smallest population up, as the model
// declares them — by name, "10.000 bis unter 20.000" came before
// "5.000 bis unter 10.000" and "unter 5.000" last — then any size class
// the units bring themselves, and every other group, by name.
func (m *Model) CompareGroups(pg int, a, b string) int {
	if pg >= 0 && pg < len(m.PeerGroups) && m.PeerGroups[pg].Attribute == "size_class" {
		at := func(name string) int {
			for i, c := range m.SizeClasses {
				if c.Name == name {
					return i
				}
			}
			return len(m.SizeClasses)
		}
		if c := cmp.Compare(at(a), at(b)); c != 0 {
			return c
		}
	}
	return cmp.Compare(a, b)
}

// PeerGroup is a kind of peer group: units with the same value of an
// attribute ("district", "size_class", or any attribute from the input).
type PeerGroup struct {
	ID        PeerGroupID
	Name      string
	Attribute string
}

// GroupOf returns the unit's group under peer group pg: the value of its
// attribute, or for "size_class" the size class derived from population
// (unless the unit brings its own). "" means the unit has no group.
func (m *Model) GroupOf(pg PeerGroup, u *Unit) string {
	if pg.Attribute == "size_class" {
		if v := u.Attrs["size_class"]; v != "" {
			return v
		}
		return m.SizeClass(u.Population)
	}
	return u.Attr(pg.Attribute)
}
