package scoring

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// RoadmapSettings are the model's settings for roadmaps (package roadmap):
// how much work it takes to move an answer one step up its scale, the
// planning steps of numeric scales without bins, and advice per question.
// An effort is a whole number of at least 1 in the model's own unit (a
// relative size such as 1 small, 3 medium, 8 large, or person-days); whole
// numbers keep the search for the least total effort exact.
type RoadmapSettings struct {
	// Default is the effort of a step that nothing else sets; 1 unless
	// model.effort.default says otherwise.
	Default int
	// Clarify is the effort of finding out the answer to a question the
	// unit left open ("weiß nicht", blank, an answer not in the scale)
	// before any step up from the lowest answer; 1 unless
	// model.effort.clarify says otherwise.
	Clarify int

	scaleEfforts    map[string][]int // by scale ID, indexed like the scale's rungs
	questionEfforts [][]int          // by question index; nil: the scale's
	steps           map[string][]float64
	advice          []string // by question index
}

// MaxEffort bounds a single effort, so that the sums a roadmap adds up
// stay far from overflowing.
const MaxEffort = 1_000_000

type effortSpec struct {
	Default *int `yaml:"default"`
	Clarify *int `yaml:"clarify"`
}

// StepEffort returns the effort of reaching rung i of question q's scale
// from the rung below: per question, else per scale, else the model's
// default. Rungs are indexed as the scale declares its answers: Labels for
// map scales, Bins, Items (ticking item i) for multi-selects, Steps for
// other numeric scales.
func (m *Model) StepEffort(q *Question, i int) int {
	rs := &m.Roadmap
	if q.Index < len(rs.questionEfforts) {
		if e := rs.questionEfforts[q.Index]; i >= 0 && i < len(e) && e[i] > 0 {
			return e[i]
		}
	}
	if q.Scale != nil {
		if e := rs.scaleEfforts[q.Scale.ID]; i >= 0 && i < len(e) && e[i] > 0 {
			return e[i]
		}
	}
	if rs.Default == 0 {
		return 1 // a model built by hand
	}
	return rs.Default
}

// ScaleStepEffort returns the effort of reaching rung i of scale s, as
// the scale or the model's default sets it (no question's own effort).
func (m *Model) ScaleStepEffort(s *Scale, i int) int {
	if e := m.Roadmap.scaleEfforts[s.ID]; i >= 0 && i < len(e) && e[i] > 0 {
		return e[i]
	}
	if m.Roadmap.Default == 0 {
		return 1
	}
	return m.Roadmap.Default
}

// Advice returns the model's advice for improving the answer to q (the
// question's advice: key), or "".
func (m *Model) Advice(q *Question) string {
	if q.Index < len(m.Roadmap.advice) {
		return m.Roadmap.advice[q.Index]
	}
	return ""
}

// Steps returns the planning grid of a numeric scale without bins: the
// values a roadmap moves an answer to (the scale's steps: key, by default
// its range in quarters). It is nil for other scales.
func (m *Model) Steps(s *Scale) []float64 {
	if st, ok := m.Roadmap.steps[s.ID]; ok {
		return st
	}
	if s.Kind == ScaleNumeric && len(s.Bins) == 0 && !s.NeedsWave() {
		return s.defaultSteps()
	}
	return nil
}

// Rungs returns the number of answers a roadmap can step between on the
// scale, in the indexing of StepEffort: the declared answers, bins, items
// or steps. It is 0 for scales a roadmap does not step on (min–max
// normalisation: points depend on the other units).
func (m *Model) Rungs(s *Scale) int {
	switch {
	case s.Kind == ScaleMap:
		return len(s.Labels)
	case s.Kind == ScaleMulti:
		return len(s.Items)
	case len(s.Bins) > 0:
		return len(s.Bins)
	}
	return len(m.Steps(s))
}

// defaultSteps is the planning grid of a numeric scale without bins and
// without steps of its own: its range in quarters.
func (s *Scale) defaultSteps() []float64 {
	lo, hi := 0.0, 1.0
	if s.Normalisation == NormaliseGoalposts {
		lo, hi = s.Low, s.High
	}
	out := make([]float64, 5)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/4
	}
	return out
}

// Ticked returns which items of a multi-select scale a raw answer ticks,
// indexed like Items, and false when the answer is not a list of items.
func (s *Scale) Ticked(raw string) ([]bool, bool) {
	if s.Kind != ScaleMulti || s.Parse(raw).Status != Answered {
		return nil, false
	}
	sep := s.Separator
	if sep == "" {
		sep = ";"
	}
	out := make([]bool, len(s.Items))
	for part := range strings.SplitSeq(raw, sep) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i, ok := s.itemIndex[part]
		if !ok {
			if i, ok = s.itemIndex[s.normalise(part)]; !ok {
				return nil, false
			}
		}
		out[i] = true
	}
	return out, true
}

// efforts reads the effort settings of the model, its scales and
// questions, and the planning steps of numeric scales. It runs after the
// questions are built.
func (b *builder) efforts(s *modelSpec) {
	m := b.m
	rs := &m.Roadmap
	rs.Default, rs.Clarify = 1, 1
	if s.Effort.Default != nil {
		rs.Default = b.effortValue(*s.Effort.Default, b.posOf("effort", "default"), "model.effort.default")
	}
	if s.Effort.Clarify != nil {
		rs.Clarify = b.effortValue(*s.Effort.Clarify, b.posOf("effort", "clarify"), "model.effort.clarify")
	}
	rs.scaleEfforts, rs.steps = map[string][]int{}, map[string][]float64{}
	for _, id := range s.scaleOrder {
		sc, spec := m.Scales[id], s.Scales[id]
		if sc == nil {
			continue
		}
		path := "model.scales." + id
		b.scaleSteps(sc, &spec, path)
		if e := b.effortList(sc, &spec.Effort, path+".effort"); e != nil {
			rs.scaleEfforts[id] = e
		}
	}
	rs.questionEfforts, rs.advice = make([][]int, len(m.Questions)), make([]string, len(m.Questions))
	for i, qs := range s.Questions {
		q := m.Question(QuestionID(qs.ID))
		if q == nil || q.Scale == nil {
			continue
		}
		rs.advice[q.Index] = qs.Advice
		rs.questionEfforts[q.Index] = b.effortList(q.Scale, &qs.Effort, fmt.Sprintf("model.questions[%d].effort", i))
	}
}

// scaleSteps checks and sets the planning grid of a numeric scale.
func (b *builder) scaleSteps(sc *Scale, s *scaleSpec, path string) {
	gridded := len(sc.Bins) == 0 && !sc.NeedsWave() && sc.Kind == ScaleNumeric
	if len(s.Steps) == 0 {
		return
	}
	if !gridded {
		b.errf(s.pos, path+".steps", "steps apply to numeric scales without bins and without normalise: minmax (bins are the steps of a binned scale)")
		return
	}
	for i, x := range s.Steps {
		if math.IsNaN(x) || math.IsInf(x, 0) || (i > 0 && x <= s.Steps[i-1]) {
			b.errf(s.pos, fmt.Sprintf("%s.steps[%d]", path, i), "steps must rise, got %v after %v", x, s.Steps[max(0, i-1)])
			return
		}
		if (sc.HasMin && x < sc.Min) || (sc.HasMax && x > sc.Max) {
			b.errf(s.pos, fmt.Sprintf("%s.steps[%d]", path, i), "step %v is outside the scale's range", x)
			return
		}
	}
	b.m.Roadmap.steps[sc.ID] = slices.Clone(s.Steps)
}

func (b *builder) effortValue(v int, p pos, path string) int {
	if v < 1 || v > MaxEffort {
		b.errf(p, path, "an effort is a whole number from 1 to %d, got %d", MaxEffort, v)
		return 1
	}
	return v
}

// effortList reads an effort setting for a scale or a question: a number
// (every step), a mapping answer or item → effort (map and multi-select
// scales), or a list with one effort per rung (bins and steps of numeric
// scales). It returns nil when the setting is absent.
func (b *builder) effortList(sc *Scale, n *yaml.Node, path string) []int {
	if n.Kind == 0 {
		return nil
	}
	rungs := b.m.Rungs(sc)
	if rungs == 0 {
		b.errAt(n.Line, n.Column, path, errors.New("a roadmap does not step on this scale (its points depend on the other units), so it takes no effort"))
		return nil
	}
	out := make([]int, rungs)
	switch n.Kind {
	case yaml.ScalarNode:
		v, ok := b.effortNode(n, path)
		if !ok {
			return nil
		}
		for i := range out {
			out[i] = v
		}
	case yaml.MappingNode:
		if sc.Kind != ScaleMap && sc.Kind != ScaleMulti {
			b.errAt(n.Line, n.Column, path, errors.New("give a number or a list with one effort per bin or step"))
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			r := sc.rungOf(k.Value)
			if r < 0 {
				b.errAt(k.Line, k.Column, path, fmt.Errorf("%q is not an answer of scale %q (known: %s)", k.Value, sc.ID, sc.rungNames()))
				continue
			}
			if e, ok := b.effortNode(v, path+"."+k.Value); ok {
				out[r] = e
			}
		}
	case yaml.SequenceNode:
		if sc.Kind == ScaleMap || sc.Kind == ScaleMulti {
			b.errAt(n.Line, n.Column, path, errors.New("give a number or a mapping answer → effort"))
			return nil
		}
		if len(n.Content) != rungs {
			b.errAt(n.Line, n.Column, path, fmt.Errorf("want %d efforts, one per bin or step, got %d", rungs, len(n.Content)))
			return nil
		}
		for i, c := range n.Content {
			if e, ok := b.effortNode(c, fmt.Sprintf("%s[%d]", path, i)); ok {
				out[i] = e
			}
		}
	default:
		b.errAt(n.Line, n.Column, path, errors.New("give a number, a mapping or a list"))
		return nil
	}
	return out
}

func (b *builder) effortNode(n *yaml.Node, path string) (int, bool) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || v < 1 || v > MaxEffort {
		b.errAt(n.Line, n.Column, path, fmt.Errorf("an effort is a whole number from 1 to %d, got %q", MaxEffort, n.Value))
		return 0, false
	}
	return v, true
}

// rungOf returns the rung an answer or item names, or -1.
func (s *Scale) rungOf(name string) int {
	switch s.Kind {
	case ScaleMap:
		key := s.normalise(name)
		for i, l := range s.Labels {
			if s.normalise(l) == key {
				return i
			}
		}
	case ScaleMulti:
		if i, ok := s.itemIndex[s.normalise(name)]; ok {
			return i
		}
	}
	return -1
}

func (s *Scale) rungNames() string {
	var names []string
	if s.Kind == ScaleMap {
		names = s.Labels
	}
	for _, it := range s.Items {
		names = append(names, it.Code)
	}
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(n)
	}
	return out
}

// ClarifyEffort returns the effort of clarifying an open question.
func (m *Model) ClarifyEffort() int {
	if m.Roadmap.Clarify == 0 {
		return 1 // a model built by hand
	}
	return m.Roadmap.Clarify
}
