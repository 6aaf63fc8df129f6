package scoring

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ModelError is a problem in a model definition, with its place in the
// config file and the path to the offending node.
type ModelError struct {
	File string
	Line int
	Col  int
	Path string // "model.dimensions[2].indicators[0]"
	Err  error
}

func (e *ModelError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ModelError) Unwrap() error { return e.Err }

// ErrNoModel is returned by ParseModel when the config has no model section.
var ErrNoModel = errors.New("no model section")

// maxModelErrors bounds how many problems ParseModel reports at once.
const maxModelErrors = 50

// pos is where a spec element starts in the config file.
type pos struct{ line, col int }

func (p *pos) set(n *yaml.Node) { p.line, p.col = n.Line, n.Column }

type modelSpec struct {
	Name        string               `yaml:"name"`
	Version     string               `yaml:"version"`
	Description string               `yaml:"description"`
	Language    string               `yaml:"language"`
	UnitLabels  UnitLabels           `yaml:"unit_labels"`
	Aggregation string               `yaml:"aggregation"`
	Missing     missingSpec          `yaml:"missing"`
	Levels      levelsSpec           `yaml:"levels"`
	PeerGroups  []peerGroupSpec      `yaml:"peer_groups"`
	SizeClasses []sizeClassSpec      `yaml:"size_classes"`
	Scales      map[string]scaleSpec `yaml:"scales"`
	Questions   []questionSpec       `yaml:"questions"`
	Dimensions  []nodeSpec           `yaml:"dimensions"`

	// Waves and territories: see waves.go.
	Waves      []waveSpec      `yaml:"waves"`
	Successors []successorSpec `yaml:"successors"`

	// Roadmaps: see effort.go.
	Effort effortSpec `yaml:"effort"`
	// Treatment of numeric questions: see treatload.go.
	Treatment *treatmentSpec `yaml:"treatment"`

	scaleOrder []string
}

type missingSpec struct {
	Policy      string    `yaml:"policy"`
	MinCoverage *float64  `yaml:"min_coverage"`
	ImputeBy    string    `yaml:"impute_by"`
	Codes       yaml.Node `yaml:"codes"` // ordered map code → meaning
}

type levelsSpec struct {
	Method string     `yaml:"method"`
	Bands  []bandSpec `yaml:"bands"`
}

type bandSpec struct {
	Level       *int            `yaml:"level"`
	Name        string          `yaml:"name"`
	Description string          `yaml:"description"`
	Min         *float64        `yaml:"min"`
	Max         *float64        `yaml:"max"`
	Criteria    []criterionSpec `yaml:"criteria"`
	pos
}

func (s *bandSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain bandSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type criterionSpec struct {
	Node     string   `yaml:"node"`
	Nodes    []string `yaml:"nodes"`
	Children string   `yaml:"children_of"`
	Min      float64  `yaml:"min"`
	Label    string   `yaml:"label"`
	pos
}

func (s *criterionSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain criterionSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type peerGroupSpec struct {
	ID        string `yaml:"id"`
	Name      string `yaml:"name"`
	Attribute string `yaml:"attribute"`
	pos
}

func (s *peerGroupSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain peerGroupSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type sizeClassSpec struct {
	Name string `yaml:"name"`
	Max  *int   `yaml:"max"`
	pos
}

func (s *sizeClassSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain sizeClassSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type scaleSpec struct {
	Type      string     `yaml:"type"`
	Match     string     `yaml:"match"`
	Map       yaml.Node  `yaml:"map"`
	Unlisted  *float64   `yaml:"unlisted"`
	Min       *float64   `yaml:"min"`
	Max       *float64   `yaml:"max"`
	Decimal   string     `yaml:"decimal"`
	Bins      []binSpec  `yaml:"bins"`
	Normalise string     `yaml:"normalise"`
	Goalposts []float64  `yaml:"goalposts"`
	ZScore    []float64  `yaml:"zscore"` // [mean, sd] on 0–100 for normalise: zscore
	Items     []itemSpec `yaml:"items"`
	Separator string     `yaml:"separator"`
	Score     string     `yaml:"score"`
	Empty     string     `yaml:"empty"`
	Missing   yaml.Node  `yaml:"missing"`

	// Roadmaps: see effort.go.
	Effort yaml.Node `yaml:"effort"`
	Steps  []float64 `yaml:"steps"`
	pos
}

func (s *scaleSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain scaleSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type binSpec struct {
	Max    *float64 `yaml:"max"`
	Points float64  `yaml:"points"`
}

// itemSpec is a multi-select item: a plain string, or {code, label}.
type itemSpec struct {
	Code  string `yaml:"code"`
	Label string `yaml:"label"`
}

func (s *itemSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		s.Code, s.Label = n.Value, n.Value
		return nil
	}
	type plain itemSpec
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	if s.Label == "" {
		s.Label = s.Code
	}
	return nil
}

type questionSpec struct {
	ID       string   `yaml:"id"`
	Text     string   `yaml:"text"`
	Help     string   `yaml:"help"`
	Scale    string   `yaml:"scale"`
	Aliases  []string `yaml:"aliases"`
	Reverse  bool     `yaml:"reverse"`
	Required bool     `yaml:"required"`
	Optional bool     `yaml:"optional"`
	Context  bool     `yaml:"context"`

	// Roadmaps: see effort.go.
	Effort yaml.Node `yaml:"effort"`
	Advice string    `yaml:"advice"`
	// Treatment and Denominator: see treatload.go.
	Treatment   *treatmentSpec   `yaml:"treatment"`
	Denominator *denominatorSpec `yaml:"denominator"`
	pos
}

func (s *questionSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain questionSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

// nodeSpec is a dimension (with dimensions or indicators inside) or an
// indicator (with question or questions).
type nodeSpec struct {
	ID          string         `yaml:"id"`
	Name        string         `yaml:"name"`
	Description string         `yaml:"description"`
	Weight      *float64       `yaml:"weight"`
	Aggregation string         `yaml:"aggregation"`
	Missing     *nodeMissing   `yaml:"missing"`
	NextSteps   map[int]string `yaml:"next_steps"`
	Dimensions  []nodeSpec     `yaml:"dimensions"`
	Indicators  []nodeSpec     `yaml:"indicators"`
	Question    string         `yaml:"question"`
	Questions   []qrefSpec     `yaml:"questions"`
	Scale       string         `yaml:"scale"`
	Reverse     bool           `yaml:"reverse"`
	Optional    bool           `yaml:"optional"`
	// Treatment and Denominator: see treatload.go.
	Treatment   *treatmentSpec   `yaml:"treatment"`
	Denominator *denominatorSpec `yaml:"denominator"`
	pos
}

func (s *nodeSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain nodeSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type nodeMissing struct {
	Policy      string   `yaml:"policy"`
	MinCoverage *float64 `yaml:"min_coverage"`
}

// qrefSpec names a question of an indicator: "A01" or {id: A01, weight: 2}.
type qrefSpec struct {
	ID     string   `yaml:"id"`
	Weight *float64 `yaml:"weight"`
	pos
}

func (s *qrefSpec) UnmarshalYAML(n *yaml.Node) error {
	s.pos.set(n)
	if n.Kind == yaml.ScalarNode {
		s.ID = n.Value
		return nil
	}
	type plain qrefSpec
	return n.Decode((*plain)(s))
}

// ParseModel reads the "model" section of a config file and builds a
// validated Model. file names the config in error messages. Unknown keys,
// wrong types, unknown scales or questions, weights that are not positive,
// level bands that overlap or leave gaps and questions used by no indicator
// are errors; all problems found are returned together (errors.Join of
// *ModelError), each with line and column where the file has them.
//
// The model is decoded strictly with yaml.v3 rather than through viper,
// because viper lowercases map keys and would merge codes like Q1_a and Q1_A.
func ParseModel(file string, src []byte) (*Model, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, YAMLError(file, err)
	}
	return ParseModelYAML(file, &doc)
}

// ParseModelYAML is ParseModel of a config file that the caller has
// parsed already with yaml.Unmarshal (a file without a document leaves
// doc zero), so that a command reading the rest of the file too parses it
// once. It only reads doc: other goroutines may read it meanwhile.
func ParseModelYAML(file string, doc *yaml.Node) (*Model, error) {
	if doc.Kind == 0 {
		return nil, &ModelError{File: file, Err: ErrNoModel}
	}
	if err := CheckYAMLAliases(file, doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &ModelError{File: file, Line: doc.Line, Err: errors.New("config must be a mapping with a model section")}
	}
	b := &builder{file: file}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "model" {
			b.root, b.rootPos = top.Content[i+1], pos{top.Content[i].Line, top.Content[i].Column}
		}
	}
	if b.root == nil {
		return nil, &ModelError{File: file, Line: 1, Err: ErrNoModel}
	}
	if b.root.Kind != yaml.MappingNode {
		return nil, &ModelError{File: file, Line: b.root.Line, Col: b.root.Column, Path: "model", Err: errors.New("must be a mapping")}
	}
	checkKeys(b.root, reflect.TypeOf(modelSpec{}), "model", b, 0)
	var spec modelSpec
	if err := b.root.Decode(&spec); err != nil {
		b.errs = append(b.errs, yamlErrors(file, err)...)
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	spec.scaleOrder = mappingKeys(b.root, "scales")
	m := b.build(&spec)
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	m.Fingerprint = fingerprint(b.root)
	return m, nil
}

// YAMLError turns an error of yaml.v3 into *ModelError values that carry
// the line in their position ("config.yaml:12: …") instead of in the
// message ("yaml: line 12: …"), joined with errors.Join. Commands use it for
// the settings part of a config file too, so every message about the file
// has the same form.
func YAMLError(file string, err error) error {
	return errors.Join(yamlErrors(file, err)...)
}

var (
	yamlLine   = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlField  = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	yamlDecode = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.*)$")
	// yaml.v3 counts lines from 0 in the errors of its parser (as opposed
	// to its scanner), and then names the line before the one meant: the
	// start of the unclosed collection, or the offending token.
	yamlParserErrors = []string{
		"did not find expected node content",
		"did not find expected key",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected '-' indicator",
		"did not find expected <document start>",
	}
)

func yamlErrors(file string, err error) []error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := make([]error, 0, len(msgs))
	for _, msg := range msgs {
		msg = strings.TrimPrefix(msg, "yaml: ")
		e := &ModelError{File: file}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if slices.Contains(yamlParserErrors, msg) {
				e.Line++
			}
		}
		e.Err = errors.New(friendlyDecode(msg))
		out = append(out, e)
	}
	return out
}

// friendlyDecode rephrases yaml.v3's "cannot unmarshal !!str `x` into
// float64" in words a model author knows.
func friendlyDecode(msg string) string {
	if m := yamlField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1]) // from a decoder with KnownFields
	}
	m := yamlDecode.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	got := strconv.Quote(m[2])
	switch m[1] {
	case "seq":
		got = "a list"
	case "map":
		got = "a mapping"
	}
	want := "a value of type " + m[3]
	switch into := m[3]; {
	case into == "float64":
		want = "a number"
	case strings.HasPrefix(into, "int"):
		want = "a whole number"
	case into == "bool":
		want = "true or false"
	case into == "string":
		want = "text"
	case strings.HasPrefix(into, "[]"):
		want = "a list"
	case strings.HasPrefix(into, "map["), strings.Contains(into, "."):
		// A struct of this or another package (scoring.scaleSpec,
		// main.ReportConfig): its Go name means nothing to the author.
		want = "a mapping"
	}
	return fmt.Sprintf("want %s, got %s", want, got)
}

func mappingKeys(n *yaml.Node, key string) []string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			var keys []string
			v := n.Content[i+1]
			for j := 0; j+1 < len(v.Content); j += 2 {
				keys = append(keys, v.Content[j].Value)
			}
			return keys
		}
	}
	return nil
}

// checkKeys walks the YAML tree against the spec types and reports every
// key the spec does not know, with its line. yaml.v3's KnownFields does not
// reach into custom unmarshalers, so this walk does it for the whole tree.
func checkKeys(n *yaml.Node, t reflect.Type, path string, b *builder, depth int) {
	if depth > MaxYAMLDepth { // CheckYAMLAliases has refused deeper documents; a safety net
		b.errAt(n.Line, n.Column, path, fmt.Errorf("%w: nested deeper than %d levels", ErrYAMLDepth, MaxYAMLDepth))
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return
		}
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(yaml.Node{}) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return // a scalar form (itemSpec, qrefSpec) or a type error Decode reports
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := b.fieldType(t, k.Value)
			if !ok {
				b.errAt(k.Line, k.Column, path, fmt.Errorf("unknown key %q (known: %s)", k.Value, strings.Join(tags(t), ", ")))
				continue
			}
			checkKeys(n.Content[i+1], ft, path+"."+k.Value, b, depth+1)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, c := range n.Content {
			checkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), b, depth+1)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkKeys(n.Content[i+1], t.Elem(), path+"."+n.Content[i].Value, b, depth+1)
		}
	}
}

// fieldType returns the type of the field of struct t that the yaml key
// name sets: the first whose yaml tag names it. The fields of each type
// are listed once a parse (b.fields): looked up key by key, their tags
// were most of the time checkKeys took.
func (b *builder) fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	fields, ok := b.fields[t]
	if !ok {
		fields = map[string]reflect.Type{}
		for i := range t.NumField() {
			f := t.Field(i)
			if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" && fields[tag] == nil {
				fields[tag] = f.Type
			}
		}
		if b.fields == nil {
			b.fields = map[reflect.Type]map[string]reflect.Type{}
		}
		b.fields[t] = fields
	}
	ft, ok := fields[name]
	return ft, ok
}

func tags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}

// builder turns specs into a Model, collecting errors.
type builder struct {
	file     string
	root     *yaml.Node // the model mapping
	rootPos  pos        // where the key "model" is
	errs     []error
	fields   map[reflect.Type]map[string]reflect.Type // see fieldType
	nodePos  []pos                                    // where each node of the model is declared
	nodePath []string                                 // and its path, for messages
	m        *Model
	used     []bool // questions used by an indicator
	// defaults are the model-wide settings nodes start from.
	defaults struct {
		agg         Aggregation
		policy      MissingPolicy
		minCoverage float64
	}
}

func (b *builder) errAt(line, col int, path string, err error) {
	if len(b.errs) == maxModelErrors {
		b.errs = append(b.errs, &ModelError{File: b.file, Err: errors.New("too many errors")})
	}
	if len(b.errs) > maxModelErrors {
		return
	}
	b.errs = append(b.errs, &ModelError{File: b.file, Line: line, Col: col, Path: path, Err: err})
}

// posOf returns where the value under the given keys of the model section
// is in the file; when it is absent, where the innermost enclosing key is,
// so that a missing setting still points at its section.
func (b *builder) posOf(keys ...string) pos {
	n, p := b.root, b.rootPos
	for _, k := range keys {
		var next *yaml.Node
		for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
				p = pos{n.Content[i].Line, n.Content[i].Column}
				if next.Kind == yaml.ScalarNode {
					p = pos{next.Line, next.Column}
				}
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return p
}

func (b *builder) errf(p pos, path, format string, args ...any) {
	b.errAt(p.line, p.col, path, fmt.Errorf(format, args...))
}

func (b *builder) build(s *modelSpec) *Model {
	m := &Model{
		Name: s.Name, Version: s.Version, Description: s.Description,
		UnitLabels: UnitLabels{ID: strings.TrimSpace(s.UnitLabels.ID), District: strings.TrimSpace(s.UnitLabels.District),
			Unit: strings.TrimSpace(s.UnitLabels.Unit), Units: strings.TrimSpace(s.UnitLabels.Units)},
		Scales:        map[string]*Scale{},
		questionIndex: map[QuestionID]int{},
		nodeIndex:     map[NodeID]int{},
		ImputeBy:      -1,
	}
	b.m = m
	if lang, err := ParseLanguage(s.Language); err != nil {
		b.errf(b.posOf("language"), "model.language", "%v", err)
	} else {
		m.Language = lang
	}
	if (m.UnitLabels.Unit == "") != (m.UnitLabels.Units == "") {
		b.errf(b.posOf("unit_labels"), "model.unit_labels", "unit and units go together: name the noun for one unit and for several, or neither")
	}
	if m.Name == "" {
		b.errf(b.posOf("name"), "model.name", "the model needs a name")
	}
	var err error
	if b.defaults.agg, err = parseOr(s.Aggregation, Mean, ParseAggregation); err != nil {
		b.errf(b.posOf("aggregation"), "model.aggregation", "%v", err)
	}
	if b.defaults.policy, err = parseOr(s.Missing.Policy, Reweight, ParseMissingPolicy); err != nil {
		b.errf(b.posOf("missing", "policy"), "model.missing.policy", "%v", err)
	}
	if s.Missing.MinCoverage != nil {
		b.defaults.minCoverage = *s.Missing.MinCoverage
		b.checkShare(b.posOf("missing", "min_coverage"), "model.missing.min_coverage", b.defaults.minCoverage)
	}
	m.MissingCodes = b.missingCodes(&s.Missing.Codes, "model.missing.codes")

	for _, id := range s.scaleOrder {
		sc := s.Scales[id]
		m.Scales[id] = b.scale(id, &sc)
	}
	for i := range s.Questions {
		b.question(&s.Questions[i], fmt.Sprintf("model.questions[%d]", i))
	}
	b.peerGroups(s)
	b.sizeClasses(s)
	if s.Missing.ImputeBy != "" {
		i := slices.IndexFunc(m.PeerGroups, func(p PeerGroup) bool { return string(p.ID) == s.Missing.ImputeBy })
		if i < 0 {
			b.errf(b.posOf("missing", "impute_by"), "model.missing.impute_by", "unknown peer group %q", s.Missing.ImputeBy)
		}
		m.ImputeBy = i
	} else if len(m.PeerGroups) > 0 {
		m.ImputeBy = 0
	}

	root := &Node{Index: 0, Parent: -1, Kind: KindOverall, ID: "overall", Name: m.Name, Weight: 1,
		Aggregation: b.defaults.agg, Policy: b.defaults.policy, MinCoverage: b.defaults.minCoverage}
	m.Nodes = append(m.Nodes, root)
	m.nodeIndex[root.ID] = 0
	b.nodePos, b.nodePath = append(b.nodePos, b.rootPos), append(b.nodePath, "model")
	b.used = make([]bool, len(m.Questions))
	if len(s.Dimensions) == 0 {
		b.errf(b.posOf("dimensions"), "model.dimensions", "the model has no dimensions")
	}
	for i := range s.Dimensions {
		b.node(&s.Dimensions[i], 0, fmt.Sprintf("model.dimensions[%d]", i), false)
	}
	for i, q := range m.Questions {
		if !b.used[i] && !s.questionContext(q.ID) {
			b.errf(s.questionPos(q.ID), fmt.Sprintf("model.questions[%d]", i),
				"question %q is used by no indicator (mark it context: true if it is asked for information only)", q.ID)
		}
	}
	b.levels(&s.Levels)
	b.treatments(s)
	b.nextSteps()
	b.efforts(s)
	b.maxPoints(root)
	b.checkPoints()
	b.waves(s)
	b.successors(s)
	b.waveDates(s)
	m.Points = slices.ContainsFunc(m.Nodes, func(n *Node) bool { return n.Aggregation == Sum })
	return m
}

// nextSteps checks that advice is keyed by levels the model has, and
// turns the level numbers of the config into ordinals.
func (b *builder) nextSteps() {
	ls := b.m.Levels.List
	if len(ls) == 0 {
		return
	}
	first, last := ls[0].Number, ls[len(ls)-1].Number
	for i, node := range b.m.Nodes {
		if node.NextSteps == nil {
			continue
		}
		byOrdinal := make(map[int]string, len(node.NextSteps))
		for num, text := range node.NextSteps {
			if num < first || num > last {
				b.errf(b.nodePos[i], b.nodePath[i]+".next_steps", "level %d does not exist (the model has levels %d to %d)", num, first, last)
				continue
			}
			byOrdinal[num-first+1] = text
		}
		node.NextSteps = byOrdinal
	}
}

func (s *modelSpec) questionContext(id QuestionID) bool {
	for _, q := range s.Questions {
		if QuestionID(q.ID) == id {
			return q.Context
		}
	}
	return false
}

func (s *modelSpec) questionPos(id QuestionID) pos {
	for _, q := range s.Questions {
		if QuestionID(q.ID) == id {
			return q.pos
		}
	}
	return pos{}
}

func parseOr[T any](s string, def T, parse func(string) (T, error)) (T, error) {
	if s == "" {
		return def, nil
	}
	return parse(s)
}

// checkWeight refuses a weight that is not a positive number. A weight of
// 0 is what an author writes to keep a question without scoring it; the
// model has a word for that, and the message names it.
func (b *builder) checkWeight(p pos, path string, w float64) {
	switch {
	case w == 0:
		b.errf(p, path, "weight must be positive, got 0 (to ask a question for information only, leave it out of the indicators and mark it context: true under questions)")
	case !(w > 0) || math.IsInf(w, 0):
		b.errf(p, path, "weight must be positive, got %v", w)
	case !InMagnitude(w):
		b.errf(p, path, "weight must be between %g and %g, got %v", MinMagnitude, MaxMagnitude, w)
	}
}

func (b *builder) checkShare(p pos, path string, v float64) {
	if v < 0 || v > 1 || math.IsNaN(v) {
		b.errf(p, path, "must be between 0 and 1, got %v", v)
	}
}

// missingCodes reads an ordered map code → meaning.
func (b *builder) missingCodes(n *yaml.Node, path string) []MissingCode {
	if n.Kind == 0 {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		b.errAt(n.Line, n.Column, path, errors.New("must map answer codes to a meaning (blank, unknown, not_applicable)"))
		return nil
	}
	var out []MissingCode
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		st, ok := ParseStatus(v.Value)
		if !ok {
			b.errAt(v.Line, v.Column, path+"."+k.Value, fmt.Errorf("unknown meaning %q (want blank, unknown or not_applicable)", v.Value))
			continue
		}
		out = append(out, MissingCode{Code: k.Value, Status: st})
	}
	return out
}

func (b *builder) scale(id string, s *scaleSpec) *Scale {
	path := "model.scales." + id
	sc := &Scale{ID: id}
	switch s.Match {
	case "", "fold", "ignore_case":
	case "exact":
		sc.Exact, sc.NoTrim = true, true
	case "fold_notrim", "ignore_case_notrim":
		sc.NoTrim = true
	case "trim":
		sc.Exact = true
	default:
		b.errf(s.pos, path+".match", "unknown matching %q (want fold, exact, trim or fold_notrim)", s.Match)
	}
	kind := s.Type
	if kind == "" {
		switch {
		case s.Map.Kind != 0:
			kind = "map"
		case len(s.Items) > 0:
			kind = "multi"
		default:
			kind = "numeric"
		}
	}
	switch kind {
	case "map":
		sc.Kind = ScaleMap
		b.scaleMap(sc, &s.Map, path)
		if s.Unlisted != nil {
			sc.HasUnlisted, sc.UnlistedPoints = true, *s.Unlisted
			b.checkShare(s.pos, path+".unlisted", *s.Unlisted)
		}
	case "numeric":
		sc.Kind = ScaleNumeric
	case "multi":
		sc.Kind = ScaleMulti
		if len(s.Items) == 0 {
			b.errf(s.pos, path, "a multi-select scale needs items")
		}
		sc.itemIndex = map[string]int{}
		for i, it := range s.Items {
			sc.Items = append(sc.Items, Item(it))
			for _, k := range []string{it.Code, it.Label} {
				if j, dup := sc.itemIndex[sc.normalise(k)]; dup && j != i {
					b.errf(s.pos, path+".items", "item %q is listed twice", k)
				}
				sc.itemIndex[sc.normalise(k)] = i
			}
		}
		sc.Separator = s.Separator
		switch s.Empty {
		case "", "blank", "not_answered":
		case "none", "nothing_ticked":
			sc.EmptyNone = true
		default:
			b.errf(s.pos, path+".empty", "unknown meaning of an empty cell %q (want none: nothing ticked, scored 0; or blank: not answered)", s.Empty)
		}
		switch s.Score {
		case "", "share":
		case "count":
			sc.MultiScore = MultiCount
		default:
			b.errf(s.pos, path+".score", "unknown multi-select score %q (want share or count)", s.Score)
		}
	default:
		b.errf(s.pos, path+".type", "unknown scale type %q (want map, numeric or multi)", kind)
	}
	if s.Empty != "" && sc.Kind != ScaleMulti {
		b.errf(s.pos, path+".empty", "empty applies to multi-select scales only; an empty cell of any other scale is not answered")
	}
	if s.Min != nil {
		sc.HasMin, sc.Min = true, *s.Min
	}
	if s.Max != nil {
		sc.HasMax, sc.Max = true, *s.Max
	}
	switch s.Decimal {
	case "", "auto":
	case "comma", ",":
		sc.Decimal = DecimalComma
	case "point", ".":
		sc.Decimal = DecimalPoint
	default:
		b.errf(s.pos, path+".decimal", "unknown decimal separator %q (want auto, comma or point)", s.Decimal)
	}
	b.scaleNumbers(sc, s, path)
	sc.Missing = map[string]Status{}
	declared := slices.Clone(sc.Labels)
	for _, c := range append(slices.Clone(b.m.MissingCodes), b.missingCodes(&s.Missing, path+".missing")...) {
		sc.Missing[sc.normalise(c.Code)] = c.Status
		declared = append(declared, c.Code)
	}
	if sc.Kind == ScaleMap {
		for k := range sc.Missing {
			if _, clash := sc.Map[k]; clash {
				b.errf(s.pos, path, "answer %q is both a missing code and a scored answer", k)
			}
		}
	}
	sc.buildIndex(declared)
	return sc
}

func (b *builder) scaleMap(sc *Scale, n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		b.errAt(n.Line, n.Column, path+".map", errors.New("must map answers to points"))
		return
	}
	sc.Map = map[string]float64{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p, err := strconv.ParseFloat(v.Value, 64)
		if err != nil || !(p >= 0 && p <= 1) { // written so that NaN fails
			b.errAt(v.Line, v.Column, path+".map."+k.Value, fmt.Errorf("points must be a number between 0 and 1, got %q", v.Value))
			continue
		}
		key := sc.normalise(k.Value)
		if _, dup := sc.Map[key]; dup {
			b.errAt(k.Line, k.Column, path+".map", fmt.Errorf("answer %q is listed twice (after matching)", k.Value))
		}
		sc.Map[key] = p
		sc.Labels = append(sc.Labels, k.Value)
	}
}

func (b *builder) scaleNumbers(sc *Scale, s *scaleSpec, path string) {
	numeric := sc.Kind == ScaleNumeric || (sc.Kind == ScaleMulti && sc.MultiScore == MultiCount)
	if !numeric {
		if len(s.Bins) > 0 || s.Normalise != "" || len(s.Goalposts) > 0 {
			b.errf(s.pos, path, "bins and normalisation apply to numeric and count scales only")
		}
		return
	}
	for i, bs := range s.Bins {
		bin := Bin{Points: bs.Points}
		if bs.Max == nil {
			if i != len(s.Bins)-1 {
				b.errf(s.pos, fmt.Sprintf("%s.bins[%d]", path, i), "only the last bin may be open (without max)")
			}
			bin.Open = true
		} else {
			bin.Max = *bs.Max
			if math.IsNaN(bin.Max) || math.IsInf(bin.Max, 0) {
				b.errf(s.pos, fmt.Sprintf("%s.bins[%d].max", path, i), "max must be a number, got %v", bin.Max)
			} else if i > 0 && !sc.Bins[i-1].Open && bin.Max <= sc.Bins[i-1].Max {
				b.errf(s.pos, fmt.Sprintf("%s.bins[%d]", path, i), "bins must rise: max %v after %v", bin.Max, sc.Bins[i-1].Max)
			}
		}
		b.checkShare(s.pos, fmt.Sprintf("%s.bins[%d].points", path, i), bs.Points)
		sc.Bins = append(sc.Bins, bin)
	}
	switch {
	case len(s.Goalposts) > 0:
		if len(s.Goalposts) != 2 || s.Goalposts[0] == s.Goalposts[1] {
			b.errf(s.pos, path+".goalposts", "goalposts must be two different numbers [worst, best]")
			return
		}
		if !InMagnitude(s.Goalposts[0]) || !InMagnitude(s.Goalposts[1]) {
			b.errf(s.pos, path+".goalposts", "goalposts must be 0 or between %g and %g in size, got %v", MinMagnitude, MaxMagnitude, s.Goalposts)
			return
		}
		sc.Normalisation, sc.Low, sc.High = NormaliseGoalposts, s.Goalposts[0], s.Goalposts[1]
	case s.Normalise == "minmax":
		sc.Normalisation = NormaliseMinMax
	case s.Normalise == "zscore" || s.Normalise == "rank":
		b.scaleWave(sc, s, path)
	case s.Normalise == "" || s.Normalise == "none":
		if len(sc.Bins) == 0 && sc.Kind == ScaleNumeric {
			// Without bins or normalisation the number must already be
			// points: check it is declared so.
			if !(sc.HasMin && sc.HasMax && sc.Min >= 0 && sc.Max <= 1) {
				b.errf(s.pos, path, "a numeric scale needs bins, goalposts or normalise: minmax (or min: 0 and max: 1 when answers already are points)")
			}
		}
		if len(sc.Bins) == 0 && sc.Kind == ScaleMulti {
			b.errf(s.pos, path, "a count scale needs bins, goalposts or normalise: minmax")
		}
	default:
		b.errf(s.pos, path+".normalise", "unknown normalisation %q (want minmax, zscore, rank or none; use goalposts: [worst, best] for fixed bounds)", s.Normalise)
	}
	if len(sc.Bins) > 0 && sc.Normalisation != NormaliseNone {
		b.errf(s.pos, path, "use either bins or normalisation, not both")
	}
}

func (b *builder) question(s *questionSpec, path string) *Question {
	m := b.m
	if s.ID == "" {
		b.errf(s.pos, path, "question needs an id")
		return nil
	}
	if _, dup := m.questionIndex[QuestionID(s.ID)]; dup {
		b.errf(s.pos, path, "question %q is declared twice", s.ID)
		return nil
	}
	sc := m.Scales[s.Scale]
	if sc == nil {
		if s.Scale == "" {
			b.errf(s.pos, path, "question %q needs a scale", s.ID)
		} else {
			b.errf(s.pos, path, "question %q: unknown scale %q", s.ID, s.Scale)
		}
	}
	if s.Required && s.Optional {
		b.errf(s.pos, path, "question %q is required and optional: a question without a column is either an error (required, the default) or a note (optional)", s.ID)
	}
	q := &Question{Index: len(m.Questions), ID: QuestionID(s.ID), Text: s.Text, Help: s.Help,
		Aliases: s.Aliases, Scale: sc, Reverse: s.Reverse, Optional: s.Optional}
	m.questionIndex[q.ID] = q.Index
	m.Questions = append(m.Questions, q)
	return q
}

func (b *builder) peerGroups(s *modelSpec) {
	m := b.m
	if s.PeerGroups == nil {
		m.PeerGroups = []PeerGroup{
			{ID: "landkreis", Name: "Landkreis", Attribute: "district"},
			{ID: "groessenklasse", Name: "Größenklasse", Attribute: "size_class"},
		}
		if m.Language == English {
			m.PeerGroups[0].Name, m.PeerGroups[1].Name = "District", "Size class"
		}
		return
	}
	seen := map[string]bool{}
	for i, p := range s.PeerGroups {
		path := fmt.Sprintf("model.peer_groups[%d]", i)
		if p.ID == "" || p.Attribute == "" {
			b.errf(p.pos, path, "a peer group needs id and attribute")
		}
		if seen[p.ID] {
			b.errf(p.pos, path, "peer group %q is declared twice", p.ID)
		}
		seen[p.ID] = true
		name := p.Name
		if name == "" {
			name = p.ID
		}
		m.PeerGroups = append(m.PeerGroups, PeerGroup{ID: PeerGroupID(p.ID), Name: name, Attribute: p.Attribute})
	}
}

// DefaultSizeClasses are the BBSR size classes of municipalities by
// population, named in the model's language l (as the default peer
// groups are): "unter 5.000" in German, "under 5,000" in English.
func DefaultSizeClasses(l Language) []SizeClass {
	names := [...]string{"unter 5.000", "5.000 bis unter 10.000", "10.000 bis unter 20.000", "20.000 bis unter 50.000",
		"50.000 bis unter 100.000", "100.000 bis unter 500.000", "500.000 und mehr"}
	if l == English {
		names = [...]string{"under 5,000", "5,000 to under 10,000", "10,000 to under 20,000", "20,000 to under 50,000",
			"50,000 to under 100,000", "100,000 to under 500,000", "500,000 and more"}
	}
	return []SizeClass{
		{Name: names[0], Max: 5000},
		{Name: names[1], Max: 10000},
		{Name: names[2], Max: 20000},
		{Name: names[3], Max: 50000},
		{Name: names[4], Max: 100000},
		{Name: names[5], Max: 500000},
		{Name: names[6], Open: true},
	}
}

func (b *builder) sizeClasses(s *modelSpec) {
	if s.SizeClasses == nil {
		b.m.SizeClasses = DefaultSizeClasses(b.m.Language)
		return
	}
	prev := 0
	for i, c := range s.SizeClasses {
		path := fmt.Sprintf("model.size_classes[%d]", i)
		sc := SizeClass{Name: c.Name}
		if c.Max == nil {
			if i != len(s.SizeClasses)-1 {
				b.errf(c.pos, path, "only the last size class may be open (without max)")
			}
			sc.Open = true
		} else {
			sc.Max = *c.Max
			if sc.Max <= prev {
				b.errf(c.pos, path, "size classes must rise: max %d after %d", sc.Max, prev)
			}
			prev = sc.Max
		}
		if sc.Name == "" {
			b.errf(c.pos, path, "a size class needs a name")
		}
		b.m.SizeClasses = append(b.m.SizeClasses, sc)
	}
}

// node adds a dimension or indicator under parent.
func (b *builder) node(s *nodeSpec, parent int, path string, forceIndicator bool) {
	m := b.m
	isIndicator := forceIndicator || s.Question != "" || len(s.Questions) > 0
	n := &Node{Index: len(m.Nodes), Parent: parent, Depth: m.Nodes[parent].Depth + 1,
		ID: NodeID(s.ID), Name: s.Name, Description: s.Description, Weight: 1, NextSteps: s.NextSteps}
	if s.ID == "" {
		b.errf(s.pos, path, "needs an id")
	} else if _, dup := m.nodeIndex[n.ID]; dup || s.ID == "overall" {
		b.errf(s.pos, path, "id %q is used twice", s.ID)
	}
	if n.Name == "" {
		n.Name = s.ID
	}
	if s.Weight != nil {
		n.Weight = *s.Weight
		b.checkWeight(s.pos, path+".weight", n.Weight)
	}
	par := m.Nodes[parent]
	n.Policy, n.MinCoverage = par.Policy, 0
	if !isIndicator {
		n.MinCoverage = b.defaults.minCoverage
		if parent != 0 {
			n.MinCoverage = par.MinCoverage
		}
	}
	if s.Missing != nil {
		var err error
		if n.Policy, err = parseOr(s.Missing.Policy, n.Policy, ParseMissingPolicy); err != nil {
			b.errf(s.pos, path+".missing.policy", "%v", err)
		}
		if s.Missing.MinCoverage != nil {
			n.MinCoverage = *s.Missing.MinCoverage
			b.checkShare(s.pos, path+".missing.min_coverage", n.MinCoverage)
		}
	}
	// A node without its own aggregation takes its parent's, indicators
	// included: a points model says "sum" once, at the top, and a
	// dimension that takes the minimum takes it all the way down. (An
	// indicator that silently averaged under a summing parent scored 9 of
	// 175 published ODM results right.)
	var err error
	if n.Aggregation, err = parseOr(s.Aggregation, par.Aggregation, ParseAggregation); err != nil {
		b.errf(s.pos, path+".aggregation", "%v", err)
	}
	m.Nodes = append(m.Nodes, n)
	b.nodePos, b.nodePath = append(b.nodePos, s.pos), append(b.nodePath, path)
	if s.ID != "" {
		m.nodeIndex[n.ID] = n.Index
	}
	par.Children = append(par.Children, n.Index)

	if isIndicator {
		n.Kind = KindIndicator
		if len(s.Dimensions) > 0 || len(s.Indicators) > 0 {
			b.errf(s.pos, path, "an indicator (with questions) cannot contain dimensions or indicators")
		}
		b.indicatorQuestions(n, s, path)
		return
	}
	n.Kind = KindDimension
	if s.Scale != "" {
		b.errf(s.pos, path, "scale belongs to a question or indicator, not a dimension")
	}
	if s.Optional {
		b.errf(s.pos, path+".optional", "optional belongs to a question, not a dimension")
	}
	if len(s.Dimensions) == 0 && len(s.Indicators) == 0 {
		b.errf(s.pos, path, "%q has no indicators or dimensions", s.ID)
	}
	for i := range s.Dimensions {
		b.node(&s.Dimensions[i], n.Index, fmt.Sprintf("%s.dimensions[%d]", path, i), false)
	}
	for i := range s.Indicators {
		b.node(&s.Indicators[i], n.Index, fmt.Sprintf("%s.indicators[%d]", path, i), true)
	}
}

func (b *builder) indicatorQuestions(n *Node, s *nodeSpec, path string) {
	m := b.m
	refs := s.Questions
	if s.Question != "" {
		if len(refs) > 0 {
			b.errf(s.pos, path, "give either question or questions")
		}
		refs = []qrefSpec{{ID: s.Question, pos: s.pos}}
	}
	if len(refs) == 0 {
		b.errf(s.pos, path, "indicator %q needs a question", s.ID)
	}
	for j, r := range refs {
		qpath := path
		if s.Question == "" {
			qpath = fmt.Sprintf("%s.questions[%d]", path, j)
		}
		if r.ID == "" {
			b.errf(r.pos, qpath, "needs a question id")
			continue
		}
		qi, ok := m.questionIndex[QuestionID(r.ID)]
		switch {
		case !ok && s.Scale != "":
			// The question is declared by the indicator itself, as in the
			// compact form {id, question, scale}.
			q := b.question(&questionSpec{ID: r.ID, Text: n.Name, Scale: s.Scale, Reverse: s.Reverse, Optional: s.Optional, pos: s.pos}, path)
			if q == nil {
				continue
			}
			qi = q.Index
			b.used = append(b.used, false)
		case !ok:
			b.errf(r.pos, qpath, "unknown question %q", r.ID)
			continue
		case s.Reverse:
			b.errf(s.pos, path+".reverse", "question %q is declared under questions: say reverse: true there", r.ID)
		case s.Optional:
			b.errf(s.pos, path+".optional", "question %q is declared under questions: say optional: true there", r.ID)
		case s.Scale != "" && m.Questions[qi].Scale != nil && m.Questions[qi].Scale.ID != s.Scale:
			b.errf(s.pos, path, "question %q is declared with scale %q; the indicator says %q", r.ID, m.Questions[qi].Scale.ID, s.Scale)
		}
		w := 1.0
		if r.Weight != nil {
			w = *r.Weight
			b.checkWeight(r.pos, qpath+".weight", w)
		}
		b.used[qi] = true
		n.Questions = append(n.Questions, qi)
		n.QWeights = append(n.QWeights, w)
	}
}

func (b *builder) levels(s *levelsSpec) {
	m := b.m
	switch s.Method {
	case "", "threshold":
		m.Levels.Method = Threshold
	case "staged":
		m.Levels.Method = Staged
	default:
		b.errf(b.posOf("levels", "method"), "model.levels.method", "unknown level method %q (want threshold or staged)", s.Method)
	}
	if len(s.Bands) == 0 {
		b.errf(b.posOf("levels", "bands"), "model.levels.bands", "the model needs at least one level")
		return
	}
	// Levels are numbered from the first band's number, 0 (as OWASP SAMM
	// counts) or 1 (the default), and then one by one.
	first := 1
	if n := s.Bands[0].Level; n != nil {
		first = *n
		if first != 0 && first != 1 {
			b.errf(s.Bands[0].pos, "model.levels.bands[0].level", "%s: levels are numbered from 0 or from 1, got %d", s.Bands[0].describe(first), first)
		}
	}
	for i, bs := range s.Bands {
		path := fmt.Sprintf("model.levels.bands[%d]", i)
		l := Level{Ordinal: i + 1, Number: first + i, Name: bs.Name, Description: bs.Description}
		if bs.Level != nil && *bs.Level != l.Number {
			b.errf(bs.pos, path+".level", "%s: levels must be numbered %d, %d, %d, … in order; expected %d, got %d",
				bs.describe(l.Number), first, first+1, first+2, l.Number, *bs.Level)
		}
		if m.Levels.Method == Threshold {
			b.thresholdBand(&l, s.Bands, i, path, first)
		} else {
			if bs.Min != nil || bs.Max != nil {
				b.errf(bs.pos, path, "%s: staged levels are reached by criteria, not by min/max bands", bs.describe(l.Number))
			}
			for j, cs := range bs.Criteria {
				b.criteria(&l, &cs, fmt.Sprintf("%s.criteria[%d]", path, j))
			}
		}
		m.Levels.List = append(m.Levels.List, l)
	}
}

// thresholdBand checks band i of a threshold scheme whose levels are
// numbered from first. Every message names the band at fault, and the
// neighbour it clashes with, by number and name.
func (b *builder) thresholdBand(l *Level, bands []bandSpec, i int, path string, first int) {
	bs := bands[i]
	this := bs.describe(first + i)
	if len(bs.Criteria) > 0 {
		b.errf(bs.pos, path, "%s: criteria apply to staged levels only", this)
	}
	if bs.Min == nil {
		b.errf(bs.pos, path, "%s: a threshold level needs min", this)
		return
	}
	l.Min = *bs.Min
	switch {
	case i == 0 && l.Min > 0:
		b.errf(bs.pos, path+".min", "%s: the first level must start at 0, or scores below %v have no level (a gap)", this, l.Min)
	case i > 0 && bands[i-1].Min != nil && l.Min <= *bands[i-1].Min:
		b.errf(bs.pos, path+".min", "%s: levels overlap: min %v is not above min %v of %s", this, l.Min, *bands[i-1].Min, bands[i-1].describe(first+i-1))
	case !(l.Min >= 0 && l.Min <= 100): // written so that NaN fails
		b.errf(bs.pos, path+".min", "%s: min must be between 0 and 100, got %v", this, l.Min)
	}
	if bs.Max != nil {
		next := ""
		if i+1 < len(bands) {
			next = bands[i+1].describe(first + i + 1)
		}
		switch {
		case i+1 < len(bands) && bands[i+1].Min != nil && *bs.Max < *bands[i+1].Min:
			b.errf(bs.pos, path+".max", "%s: gap between levels: it ends at %v, %s starts at %v", this, *bs.Max, next, *bands[i+1].Min)
		case i+1 < len(bands) && bands[i+1].Min != nil && *bs.Max > *bands[i+1].Min:
			b.errf(bs.pos, path+".max", "%s: levels overlap: it ends at %v, %s starts at %v", this, *bs.Max, next, *bands[i+1].Min)
		case i+1 == len(bands) && *bs.Max < 100:
			b.errf(bs.pos, path+".max", "%s: the last level must reach 100, or scores above %v have no level (a gap)", this, *bs.Max)
		}
	}
}

// describe names a band in messages: level 2 "Grundlagen".
func (s *bandSpec) describe(number int) string {
	if s.Name == "" {
		return fmt.Sprintf("level %d", number)
	}
	return fmt.Sprintf("level %d %q", number, s.Name)
}

func (b *builder) criteria(l *Level, cs *criterionSpec, path string) {
	m := b.m
	var ids []string
	switch {
	case cs.Node != "":
		ids = []string{cs.Node}
	case len(cs.Nodes) > 0:
		ids = cs.Nodes
	case cs.Children != "":
		p := m.Node(NodeID(cs.Children))
		if p == nil {
			b.errf(cs.pos, path+".children_of", "unknown node %q", cs.Children)
			return
		}
		for _, c := range p.Children {
			ids = append(ids, string(m.Nodes[c].ID))
		}
	default:
		b.errf(cs.pos, path, "a criterion needs node, nodes or children_of")
		return
	}
	if !(cs.Min >= 0 && cs.Min <= 100) { // written so that NaN fails
		b.errf(cs.pos, path+".min", "min is a score between 0 and 100, got %v", cs.Min)
	}
	for _, id := range ids {
		n := m.Node(NodeID(id))
		if n == nil {
			b.errf(cs.pos, path, "unknown node %q", id)
			continue
		}
		label, base := cs.Label, ""
		if label != "" && len(ids) > 1 {
			label, base = label+" ("+n.Name+")", cs.Label
		}
		l.Criteria = append(l.Criteria, Criterion{Node: n.Index, Min: cs.Min, Label: label, base: base})
	}
}

// checkPoints refuses a node whose full score in points leaves the number
// bounds (MaxMagnitude): under sum, weights multiply down the tree, so
// twenty levels of weight 10¹⁵ made it infinite and every score NaN, and
// twenty-two of 10⁻¹⁵ made it 0 and no unit had an overall score.
//
// It speaks only of a model without other errors: a weight refused or a
// node without children leaves points that say nothing more.
func (b *builder) checkPoints() {
	if len(b.errs) > 0 {
		return
	}
	// Children come after their parent: from the end, the first node out
	// of bounds is the lowest, where the product left them.
	for i := len(b.m.Nodes) - 1; i >= 0; i-- {
		if mp := b.m.Nodes[i].MaxPoints; !(mp > 0) || !InMagnitude(mp) {
			b.errf(b.nodePos[i], b.nodePath[i], "its full score in points is %g, outside %g to %g: the weights under sum multiply down the tree", mp, MinMagnitude, MaxMagnitude)
			return // the nodes above it are off too
		}
	}
}

// maxPoints fills Node.MaxPoints bottom-up.
func (b *builder) maxPoints(n *Node) float64 {
	m := b.m
	if n.Kind == KindIndicator {
		n.MaxPoints = 1
		if n.Aggregation == Sum {
			n.MaxPoints = 0
			for _, w := range n.QWeights {
				n.MaxPoints += w
			}
		}
		return n.MaxPoints
	}
	var sw, sum float64
	for _, c := range n.Children {
		cn := m.Nodes[c]
		mp := b.maxPoints(cn)
		sum += cn.Weight * mp
		sw += cn.Weight
	}
	if n.Aggregation == Sum {
		n.MaxPoints = sum
	} else if sw > 0 {
		n.MaxPoints = sum / sw
	}
	return n.MaxPoints
}
