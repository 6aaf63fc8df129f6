package scoring

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// WaveInfo is a wave the model declares (model.waves): its place in time
// and how its questionnaire differed from the next wave's. The model's
// questions are those of the latest wave, under their codes there; an
// earlier wave's questionnaire is derived from them by undoing, wave by
// wave, the changes each wave declares (Model.Questionnaire).
type WaveInfo struct {
	Wave
	// Date is the day the wave was surveyed, when the model gives it. A
	// wave without a date whose ID is a year (Year) lies somewhere in that
	// year.
	Date time.Time
	Year int

	// questionnaire is the wave's questionnaire; nil when it is the
	// model's own.
	questionnaire *Model
	// version[q] tells how reference question q was asked in this wave:
	// -1 not at all; two waves with the same version asked it the same
	// way (the same meaning, perhaps under another code).
	version []int
}

// Crosswalk is how the questionnaire changed between two consecutive
// waves, as the model declares it, and what the two have in common.
// Question codes are those of the later wave (To) unless said otherwise.
type Crosswalk struct {
	From, To WaveID
	Renamed  []Rename     // same question, new code
	Rescaled []QuestionID // another answer scale; earlier answers mapped onto the new points
	New      []QuestionID // not asked in From
	Dropped  []QuestionID // asked in From, not in To (their codes in the model)
	Split    []Split
	Merged   []Merge
	// Compared counts the questions the model scores that both waves
	// asked the same way — the comparable core every change from From to
	// To is computed on; Asked counts those either wave asked, as
	// Comparison does.
	Compared, Asked int
	// Core[q] is set for the reference questions in the comparable core.
	Core []bool
}

// Rename is a question asked under another code in the earlier wave.
type Rename struct{ From, To QuestionID }

// Split is one earlier question that became several.
type Split struct {
	From QuestionID // its code in the earlier wave
	Into []QuestionID
}

// Merge is several earlier questions that became one.
type Merge struct {
	From []QuestionID // their codes in the earlier wave
	Into QuestionID
}

// Succession is a territorial change: unit From (an AGS) ceased to exist
// on Date, and its territory belongs to unit To from then on (a merger, an
// incorporation, or a new key for the same municipality).
type Succession struct {
	From, To UnitID
	Date     time.Time
}

// Questionnaire returns the model as asked in wave w: the same tree, with
// Questions as that wave asked them — under the codes and through the
// scales of that wave; NotAsked for questions the wave did not ask;
// questions derived from others (From) where a later wave split or merged
// them, those others appended after the model's questions. The first
// len(m.Questions) questions stand for the model's questions, index by
// index, so Node.Questions hold for every wave. An importer reads the
// file of wave w against Questionnaire(w), so that Response.Answers are
// indexed like it. A model without a waves section, or a wave that asked
// the latest questionnaire, returns m itself. A wave the model does not
// declare, in a model that declares waves, is an error: its questionnaire
// is unknown.
func (m *Model) Questionnaire(w WaveID) (*Model, error) {
	if len(m.Waves) == 0 {
		return m, nil
	}
	i := m.waveIndex(w)
	if i < 0 {
		ids := make([]string, len(m.Waves))
		for j, wi := range m.Waves {
			ids[j] = string(wi.ID)
		}
		return nil, fmt.Errorf("wave %s is not declared in model.waves (declared: %s)", w, strings.Join(ids, ", "))
	}
	if q := m.Waves[i].questionnaire; q != nil {
		return q, nil
	}
	return m, nil
}

// AskedAs is the question wave w asked under the code id (model.waves may
// have given an earlier wave's code to another question since, as I06 in
// the bundled model): its text and scale as that wave asked it. Where the
// wave's questionnaire is unknown or lacks the code, the model's question
// of that code; nil where neither has it.
func (m *Model) AskedAs(w WaveID, id QuestionID) *Question {
	if qm, err := m.Questionnaire(w); err == nil {
		if q := qm.Question(id); q != nil {
			return q
		}
	}
	return m.Question(id)
}

// questionnaire is Questionnaire for the engine: the model itself for a
// wave it does not know (Score does not fail; importers already refused
// such a wave).
func (m *Model) questionnaire(w WaveID) *Model {
	q, err := m.Questionnaire(w)
	if err != nil {
		return m
	}
	return q
}

func (m *Model) waveIndex(w WaveID) int {
	return slices.IndexFunc(m.Waves, func(wi WaveInfo) bool { return wi.ID == w })
}

// Crosswalks returns the crosswalk of every pair of consecutive waves the
// model declares, in order; nil without a waves section.
func (m *Model) Crosswalks() []Crosswalk { return m.crosswalks }

// Crosswalk returns the crosswalk from the wave before `to` to `to`, and
// false when the model does not declare both.
func (m *Model) Crosswalk(to WaveID) (Crosswalk, bool) {
	for _, c := range m.crosswalks {
		if c.To == to {
			return c, true
		}
	}
	return Crosswalk{}, false
}

// CrosswalksBetween returns the crosswalks that lead from wave from to
// wave to, in order: the one between them for consecutive waves of the
// model, several where the results skip a declared wave (2024 and 2028
// without 2026), all of whose changes lie between the two; nil where
// either wave is not declared or to does not come after from. Looking at
// Crosswalk(to) alone, a comparison of 2024 with 2028 rested on 38 of 40
// questions and named none of the changes that left two out.
func (m *Model) CrosswalksBetween(from, to WaveID) []Crosswalk {
	i := slices.IndexFunc(m.crosswalks, func(c Crosswalk) bool { return c.From == from })
	j := slices.IndexFunc(m.crosswalks, func(c Crosswalk) bool { return c.To == to })
	if i < 0 || j < i {
		return nil
	}
	return m.crosswalks[i : j+1]
}

// HasColumn reports whether the question is read from a column of its
// wave's input: not when the wave did not ask it, nor when it is derived
// from other questions.
func (q *Question) HasColumn() bool { return !q.NotAsked && len(q.From) == 0 }

// core returns which reference questions waves a..b (indices into
// m.Waves, a < b) all asked the same way, and how many of the scored ones
// that are; nil when the model declares no waves or a or b is unknown.
func (m *Model) core(a, b int) ([]bool, int) {
	if a < 0 || b < 0 || len(m.Waves) == 0 {
		return nil, 0
	}
	used := m.usedQuestions()
	core := make([]bool, len(m.Questions))
	n := 0
	for q := range m.Questions {
		v := m.Waves[a].version[q]
		core[q] = v >= 0
		for w := a + 1; w <= b && core[q]; w++ {
			core[q] = m.Waves[w].version[q] == v
		}
		if core[q] && used[q] {
			n++
		}
	}
	return core, n
}

// asked returns which reference questions wave i asked (in any form).
func (m *Model) asked(i int) []bool {
	out := make([]bool, len(m.Questions))
	for q := range out {
		out[q] = i < 0 || m.Waves[i].version[q] >= 0
	}
	return out
}

// The waves section of the config.

type waveSpec struct {
	ID      string       `yaml:"id"`
	Label   string       `yaml:"label"`
	Date    string       `yaml:"date"`
	Changes *changesSpec `yaml:"changes"`
	pos
}

func (s *waveSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain waveSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

// changesSpec is what changed from the previous wave to this one. Codes on
// the "old" side (renamed keys, split.from, merged.from) are the previous
// wave's; all others this wave's.
type changesSpec struct {
	Renamed  yaml.Node     `yaml:"renamed"` // ordered map old code → new code
	Rescaled []rescaleSpec `yaml:"rescaled"`
	New      yaml.Node     `yaml:"new"`     // list of codes
	Dropped  yaml.Node     `yaml:"dropped"` // list of codes (as in the model)
	Split    []splitSpec   `yaml:"split"`
	Merged   []mergeSpec   `yaml:"merged"`
}

type rescaleSpec struct {
	Question string    `yaml:"question"`
	From     string    `yaml:"from"` // the scale the earlier waves asked with
	Map      yaml.Node `yaml:"map"`  // every earlier answer → an answer of the new scale, or points
	pos
}

func (s *rescaleSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain rescaleSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type splitSpec struct {
	From  string   `yaml:"from"`
	Scale string   `yaml:"scale"`
	Into  []string `yaml:"into"`
	pos
}

func (s *splitSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain splitSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type mergeSpec struct {
	From  []string `yaml:"from"`
	Scale string   `yaml:"scale"`
	Into  string   `yaml:"into"`
	pos
}

func (s *mergeSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain mergeSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

type successorSpec struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
	Date string `yaml:"date"`
	pos
}

func (s *successorSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain successorSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

// tracked is one question of the backward walk over the waves: a
// reference question, or an earlier question that a later wave split or
// merged into reference questions (a source).
type tracked struct {
	code    QuestionID
	scale   *Scale
	asked   bool
	from    []int // sources (indices of tracked) of a derived question
	version int
	text    string
}

// waves reads model.waves and derives every wave's questionnaire,
// walking back from the latest wave, whose questionnaire is the model's.
func (b *builder) waves(s *modelSpec) {
	m := b.m
	if len(s.Waves) == 0 {
		return
	}
	nq := len(m.Questions)
	seen := map[string]bool{}
	for i, ws := range s.Waves {
		path := fmt.Sprintf("model.waves[%d]", i)
		wi := WaveInfo{Wave: Wave{ID: WaveID(ws.ID), Label: ws.Label, Order: i}}
		if ws.ID == "" {
			b.errf(ws.pos, path, "a wave needs an id")
		} else if seen[ws.ID] {
			b.errf(ws.pos, path, "wave %s is declared twice", ws.ID)
		}
		seen[ws.ID] = true
		if wi.Label == "" {
			wi.Label = ws.ID
		}
		if y, err := strconv.Atoi(ws.ID); err == nil && len(ws.ID) == 4 {
			wi.Year = y
		}
		if ws.Date != "" {
			d, err := time.Parse(time.DateOnly, ws.Date)
			if err != nil {
				b.errf(ws.pos, path+".date", "want a date as 2026-03-01, got %q", ws.Date)
			}
			wi.Date = d
		}
		if i > 0 && !wi.Date.IsZero() && !m.Waves[i-1].Date.IsZero() && !wi.Date.After(m.Waves[i-1].Date) {
			b.errf(ws.pos, path+".date", "waves are listed in the order they were surveyed: %s is not after %s", ws.Date, s.Waves[i-1].Date)
		}
		if i == 0 && ws.Changes != nil {
			b.errf(ws.pos, path+".changes", "the first wave has no previous wave to change from")
		}
		m.Waves = append(m.Waves, wi)
	}
	// The state of every tracked question in each wave, from the latest
	// back; sources are appended to the tracked list as they appear.
	cur := make([]tracked, nq)
	for q, qq := range m.Questions {
		cur[q] = tracked{code: qq.ID, scale: qq.Scale, asked: true, text: qq.Text}
	}
	b.notAskedLatest(s, cur)
	states := make([][]tracked, len(s.Waves))
	states[len(s.Waves)-1] = slices.Clone(cur)
	nextVersion := 1
	m.crosswalks = make([]Crosswalk, len(s.Waves)-1)
	for i := len(s.Waves) - 1; i > 0; i-- {
		cw := &m.crosswalks[i-1]
		cw.From, cw.To = m.Waves[i-1].ID, m.Waves[i].ID
		if ch := s.Waves[i].Changes; ch != nil {
			cur = b.undo(cur, ch, fmt.Sprintf("model.waves[%d].changes", i), s.Waves[i].ID, cw, &nextVersion)
		}
		states[i-1] = slices.Clone(cur)
		b.uniqueCodes(cur, s.Waves[i-1])
	}
	for i := range m.Waves {
		m.Waves[i].version = make([]int, nq)
		for q := range nq {
			m.Waves[i].version[q] = -1
			if states[i][q].asked {
				m.Waves[i].version[q] = states[i][q].version
			}
		}
		m.Waves[i].questionnaire = b.questionnaireOf(states[i])
	}
	used := m.usedQuestions()
	for i := range m.crosswalks {
		cw := &m.crosswalks[i]
		cw.Core, cw.Compared = m.core(i, i+1)
		before := m.asked(i)
		for q, a := range m.asked(i + 1) {
			if (a || before[q]) && used[q] {
				cw.Asked++
			}
		}
	}
}

// notAskedLatest marks the questions dropped in some wave and not asked
// again since as not asked in the latest wave.
func (b *builder) notAskedLatest(s *modelSpec, cur []tracked) {
	for q := range cur {
		last := ""
		for _, ws := range s.Waves {
			if ws.Changes == nil {
				continue
			}
			for _, c := range codeList(&ws.Changes.Dropped) {
				if QuestionID(c.val) == cur[q].code {
					last = "dropped"
				}
			}
			for _, c := range codeList(&ws.Changes.New) {
				if QuestionID(c.val) == cur[q].code {
					last = "new"
				}
			}
		}
		if last == "dropped" {
			cur[q].asked, cur[q].version = false, -1
		}
	}
}

type posVal struct {
	val string
	pos pos
}

// codeList reads a YAML list of codes, with their places.
func codeList(n *yaml.Node) []posVal {
	var out []posVal
	for _, c := range n.Content {
		out = append(out, posVal{c.Value, pos{c.Line, c.Column}})
	}
	return out
}

// undo turns the state of wave `to` into the state of the wave before it,
// undoing the changes declared for `to`, and records them in cw.
func (b *builder) undo(cur []tracked, ch *changesSpec, path, to string, cw *Crosswalk, next *int) []tracked {
	m := b.m
	nq := len(m.Questions)
	fresh := func() int { *next++; return *next - 1 }
	// find returns the tracked question asked under code c in wave `to`.
	find := func(c string) int {
		return slices.IndexFunc(cur, func(t tracked) bool { return t.asked && t.code == QuestionID(c) })
	}
	ref := func(c string, p pos, what string) int {
		i := find(c)
		if i < 0 || i >= nq {
			b.errf(p, path+"."+what, "no question of the model has code %q in wave %s", c, to)
			return -1
		}
		if len(cur[i].from) > 0 {
			b.errf(p, path+"."+what, "question %q is derived from other questions in wave %s; it cannot change again there", c, to)
			return -1
		}
		return i
	}
	prev := slices.Clone(cur)
	touched := map[int]string{}
	touch := func(i int, p pos, what string) bool {
		if w, dup := touched[i]; dup {
			b.errf(p, path+"."+what, "question %q is %s and %s in the same wave", cur[i].code, w, what)
			return false
		}
		touched[i] = what
		return true
	}
	for _, c := range codeList(&ch.New) {
		if i := ref(c.val, c.pos, "new"); i >= 0 && touch(i, c.pos, "new") {
			prev[i].asked, prev[i].version = false, -1
			cw.New = append(cw.New, cur[i].code)
		}
	}
	for _, c := range codeList(&ch.Dropped) {
		i := slices.IndexFunc(m.Questions, func(q *Question) bool { return q.ID == QuestionID(c.val) })
		switch {
		case i < 0:
			b.errf(c.pos, path+".dropped", "no question of the model has code %q", c.val)
		case cur[i].asked:
			b.errf(c.pos, path+".dropped", "question %q is dropped in wave %s but asked there (mark it new again in a later wave, not dropped)", c.val, to)
		case touch(i, c.pos, "dropped"):
			prev[i] = tracked{code: m.Questions[i].ID, scale: m.Questions[i].Scale, asked: true, version: fresh(), text: m.Questions[i].Text}
			cw.Dropped = append(cw.Dropped, m.Questions[i].ID)
		}
	}
	for _, rs := range ch.Rescaled {
		i := ref(rs.Question, rs.pos, "rescaled")
		if i < 0 || !touch(i, rs.pos, "rescaled") {
			continue
		}
		if sc := b.rescale(&rs, cur[i].scale, path+".rescaled"); sc != nil {
			prev[i].scale, prev[i].version = sc, fresh()
			cw.Rescaled = append(cw.Rescaled, cur[i].code)
		}
	}
	for _, sp := range ch.Split {
		sc := b.sourceScale(sp.Scale, sp.pos, path+".split")
		if sp.From == "" || len(sp.Into) < 2 {
			b.errf(sp.pos, path+".split", "a split needs from (the earlier code) and into (two or more codes)")
			continue
		}
		src := len(prev)
		prev = append(prev, tracked{code: QuestionID(sp.From), scale: sc, asked: true, version: fresh()})
		v := fresh()
		split := Split{From: QuestionID(sp.From)}
		for _, c := range sp.Into {
			if i := ref(c, sp.pos, "split"); i >= 0 && touch(i, sp.pos, "split") {
				prev[i] = tracked{code: cur[i].code, scale: cur[i].scale, asked: true, from: []int{src}, version: v, text: cur[i].text}
				split.Into = append(split.Into, cur[i].code)
			}
		}
		cw.Split = append(cw.Split, split)
	}
	for _, mg := range ch.Merged {
		sc := b.sourceScale(mg.Scale, mg.pos, path+".merged")
		if mg.Into == "" || len(mg.From) < 2 {
			b.errf(mg.pos, path+".merged", "a merge needs from (two or more earlier codes) and into (one code)")
			continue
		}
		i := ref(mg.Into, mg.pos, "merged")
		if i < 0 || !touch(i, mg.pos, "merged") {
			continue
		}
		var from []int
		for _, c := range mg.From {
			from = append(from, len(prev))
			prev = append(prev, tracked{code: QuestionID(c), scale: sc, asked: true, version: fresh()})
		}
		prev[i] = tracked{code: cur[i].code, scale: cur[i].scale, asked: true, from: from, version: fresh(), text: cur[i].text}
		cw.Merged = append(cw.Merged, Merge{From: stringsToIDs(mg.From), Into: cur[i].code})
	}
	b.renames(cur, prev, &ch.Renamed, path+".renamed", to, cw, nq)
	return prev
}

func stringsToIDs(ss []string) []QuestionID {
	out := make([]QuestionID, len(ss))
	for i, s := range ss {
		out[i] = QuestionID(s)
	}
	return out
}

// renames applies "old: new" renames: the question asked as new in wave
// `to` (cur) was asked as old before (prev). A rename to a code nobody
// has, and renames that come back to where they started, are errors.
func (b *builder) renames(cur, prev []tracked, n *yaml.Node, path, to string, cw *Crosswalk, nq int) {
	if n.Kind == 0 {
		return
	}
	if n.Kind != yaml.MappingNode {
		b.errAt(n.Line, n.Column, path, errors.New("must map earlier codes to the codes of this wave (S1: S01)"))
		return
	}
	byOld := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		byOld[n.Content[i].Value] = n.Content[i+1].Value
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		old, neu := k.Value, v.Value
		// A cycle: following the renames from old comes back to old.
		x, steps := neu, []string{old, neu}
		for j := 0; j < len(byOld) && x != old; j++ {
			nx, ok := byOld[x]
			if !ok {
				break
			}
			x = nx
			steps = append(steps, x)
		}
		if x == old {
			b.errAt(k.Line, k.Column, path+"."+old, fmt.Errorf("renames go round in a cycle: %s", strings.Join(steps, " → ")))
			continue
		}
		t := slices.IndexFunc(cur, func(t tracked) bool { return t.asked && t.code == QuestionID(neu) })
		if t < 0 {
			b.errAt(v.Line, v.Column, path+"."+old, fmt.Errorf("rename %s → %s: no question has code %q in wave %s", old, neu, neu, to))
			continue
		}
		prev[t].code = QuestionID(old)
		if t < nq {
			cw.Renamed = append(cw.Renamed, Rename{From: QuestionID(old), To: QuestionID(neu)})
		}
	}
}

// rescale builds the scale an earlier wave asked a question with: the
// earlier scale (from) whose answers are mapped onto the points of the
// later one (to) — by an answer of the later scale, or by a number of
// points. Every answer of the earlier scale must be mapped.
func (b *builder) rescale(rs *rescaleSpec, to *Scale, path string) *Scale {
	old := b.m.Scales[rs.From]
	switch {
	case rs.From == "":
		b.errf(rs.pos, path, "question %q: a rescale needs from, the scale the earlier waves asked with", rs.Question)
		return nil
	case old == nil:
		b.errf(rs.pos, path+".from", "question %q: unknown scale %q", rs.Question, rs.From)
		return nil
	case to == nil:
		return nil
	}
	if old.Kind != ScaleMap {
		if rs.Map.Kind != 0 {
			b.errf(rs.pos, path+".map", "question %q: only answers of a map scale are mapped; scale %q gives its own points", rs.Question, rs.From)
		}
		if old.NeedsWave() {
			b.errf(rs.pos, path+".from", "question %q: an earlier scale cannot be min-max normalised", rs.Question)
		}
		return old
	}
	if rs.Map.Kind != yaml.MappingNode {
		b.errf(rs.pos, path+".map", "question %q: map every answer of scale %q to an answer of scale %q or to points", rs.Question, rs.From, to.ID)
		return nil
	}
	sc := *old
	sc.ID, sc.From = old.ID+"→"+to.ID, old.ID
	sc.Map = map[string]float64{}
	mapped := map[string]bool{}
	for i := 0; i+1 < len(rs.Map.Content); i += 2 {
		k, v := rs.Map.Content[i], rs.Map.Content[i+1]
		key := old.normalise(k.Value)
		if _, ok := old.Map[key]; !ok {
			b.errAt(k.Line, k.Column, path+".map", fmt.Errorf("question %q: %q is no answer of scale %q (its answers: %s)", rs.Question, k.Value, rs.From, strings.Join(old.Labels, ", ")))
			continue
		}
		mapped[key] = true
		p, ok := mappedPoints(v.Value, to)
		if !ok {
			b.errAt(v.Line, v.Column, path+".map."+k.Value, fmt.Errorf("question %q: %q is neither an answer of scale %q nor points between 0 and 1", rs.Question, v.Value, to.ID))
			continue
		}
		sc.Map[key] = p
	}
	for _, l := range old.Labels {
		if !mapped[old.normalise(l)] {
			b.errf(rs.pos, path+".map", "question %q: the earlier answer %q is mapped to nothing", rs.Question, l)
		}
	}
	sc.buildIndex(slices.Concat(old.Labels, missingLabels(old)))
	return &sc
}

// mappedPoints reads the target of a rescale map: an answer of the later
// scale, or points.
// An answer of the later scale wins over a number: under an OZG scale
// whose answers are "0" to "4", "1" means the answer 1 (0.25 points).
func mappedPoints(v string, to *Scale) (float64, bool) {
	if a := to.Parse(v); a.Status == Answered && !to.NeedsWave() {
		if to.numeric() {
			return to.Points(a.Value), true
		}
		return a.Value, true
	}
	if p, err := strconv.ParseFloat(v, 64); err == nil && p >= 0 && p <= 1 {
		return p, true
	}
	return 0, false
}

func missingLabels(s *Scale) []string {
	out := make([]string, 0, len(s.Missing))
	for k := range s.Missing {
		out = append(out, k)
	}
	return out
}

// sourceScale is the scale of the earlier questions of a split or merge.
func (b *builder) sourceScale(id string, p pos, path string) *Scale {
	sc := b.m.Scales[id]
	switch {
	case id == "":
		b.errf(p, path, "give the scale the earlier question(s) were asked with (scale: …)")
	case sc == nil:
		b.errf(p, path+".scale", "unknown scale %q", id)
	case sc.NeedsWave():
		b.errf(p, path+".scale", "scale %q is min-max normalised over a wave; an earlier question read through it cannot stand for a later one", id)
		return nil
	}
	return sc
}

// uniqueCodes checks that no two questions of a wave share a code.
func (b *builder) uniqueCodes(cur []tracked, ws waveSpec) {
	seen := map[QuestionID]bool{}
	for _, t := range cur {
		if !t.asked || len(t.from) > 0 {
			continue
		}
		if seen[t.code] {
			b.errf(ws.pos, "model.waves", "two questions have code %q in wave %s (a rename or split gives a code that is taken)", t.code, ws.ID)
		}
		seen[t.code] = true
	}
}

// questionnaireOf builds a wave's questionnaire from its tracked state:
// the model's questions as the wave asked them, then the earlier questions
// later waves split or merged. It returns nil when that is the model's
// own questionnaire.
func (b *builder) questionnaireOf(state []tracked) *Model {
	m := b.m
	nq := len(m.Questions)
	same := len(state) == nq
	for q := 0; same && q < nq; q++ {
		t := state[q]
		same = t.asked && len(t.from) == 0 && t.code == m.Questions[q].ID && t.scale == m.Questions[q].Scale
	}
	if same {
		return nil
	}
	ntracked := len(state)
	qm := *m
	qm.Questions = make([]*Question, ntracked)
	qm.questionIndex = make(map[QuestionID]int, ntracked)
	for i := range ntracked {
		var q Question
		if i < nq {
			q = *m.Questions[i]
		} else {
			q = Question{Index: i}
		}
		if !state[i].asked {
			q.NotAsked = true
			if i >= nq {
				q.ID = QuestionID(fmt.Sprintf("(%d)", i))
			}
			qm.Questions[i] = &q
			continue
		}
		t := state[i]
		if t.code != q.ID {
			q.Aliases = nil // aliases name the latest code's column
		}
		q.ID, q.Scale = t.code, t.scale
		if i >= nq {
			q.Text = ""
		}
		for _, f := range t.from {
			q.From = append(q.From, f)
		}
		if len(q.From) == 0 {
			qm.questionIndex[q.ID] = i
		}
		qm.Questions[i] = &q
	}
	return &qm
}

// successors reads model.successors: territorial changes, old unit →
// new unit with the date. A unit succeeded twice, and a chain of
// successions that loops back, are errors.
func (b *builder) successors(s *modelSpec) {
	m := b.m
	byFrom := map[UnitID]int{}
	for i, ss := range s.Successors {
		path := fmt.Sprintf("model.successors[%d]", i)
		if ss.From == "" || ss.To == "" || ss.Date == "" {
			b.errf(ss.pos, path, "a succession needs from, to and date")
			continue
		}
		d, err := time.Parse(time.DateOnly, ss.Date)
		if err != nil {
			b.errf(ss.pos, path+".date", "want a date as 2027-01-01, got %q", ss.Date)
			continue
		}
		if ss.From == ss.To {
			b.errf(ss.pos, path, "%s cannot succeed itself", ss.From)
			continue
		}
		if j, dup := byFrom[UnitID(ss.From)]; dup {
			b.errf(ss.pos, path, "%s already has a successor (model.successors[%d])", ss.From, j)
			continue
		}
		byFrom[UnitID(ss.From)] = i
		m.Successions = append(m.Successions, Succession{From: UnitID(ss.From), To: UnitID(ss.To), Date: d})
	}
	for i, ss := range s.Successors {
		if loop := successionLoop(m.Successions, UnitID(ss.From)); loop != nil {
			b.errf(ss.pos, fmt.Sprintf("model.successors[%d]", i), "the successions loop: %s", strings.Join(loop, " → "))
		}
	}
}

// CheckSuccessions checks a successor table: no unit succeeds itself or
// has two successors, and no chain of successions loops back. It returns
// the index of the first succession at fault with the error, or -1 and
// nil. Model loading and the register loader both use it.
func CheckSuccessions(ss []Succession) (int, error) {
	seen := map[UnitID]int{}
	for i, s := range ss {
		if s.From == s.To {
			return i, fmt.Errorf("%s cannot succeed itself", s.From)
		}
		if j, dup := seen[s.From]; dup {
			return i, fmt.Errorf("%s already has a successor (%s, entry %d)", s.From, ss[j].To, j+1)
		}
		seen[s.From] = i
	}
	for i, s := range ss {
		if loop := successionLoop(ss, s.From); loop != nil {
			return i, fmt.Errorf("the successions loop: %s", strings.Join(loop, " → "))
		}
	}
	return -1, nil
}

// successionLoop follows the successions from id and returns the chain if
// it comes back to id, else nil.
func successionLoop(ss []Succession, id UnitID) []string {
	next := map[UnitID]UnitID{}
	for _, s := range ss {
		next[s.From] = s.To
	}
	chain := []string{string(id)}
	for x, ok := next[id]; ok; x, ok = next[x] {
		chain = append(chain, string(x))
		if x == id {
			return chain
		}
		if len(chain) > len(ss)+1 {
			return nil // a loop not through id; reported at its own members
		}
	}
	return nil
}

// waveDates checks that every succession can be placed between waves: a
// wave known only by its year cannot tell whether a change dated within
// that year (other than on 1 January, when mergers usually take effect)
// came before or after it was surveyed.
func (b *builder) waveDates(s *modelSpec) {
	m := b.m
	for i, wi := range m.Waves {
		if !wi.Date.IsZero() || wi.Year == 0 {
			continue
		}
		for _, sc := range m.Successions {
			if sc.Date.Year() == wi.Year && sc.Date.YearDay() > 1 {
				b.errf(s.Waves[i].pos, fmt.Sprintf("model.waves[%d]", i), "wave %s needs a date: the succession of %s by %s on %s falls within that year",
					wi.ID, sc.From, sc.To, sc.Date.Format(time.DateOnly))
				break
			}
		}
	}
}

// waveTime is the instant a wave is placed at for territorial changes:
// its date, else 1 January of its year (a change on that day counts as
// before the wave, see waveDates), else the zero time (unknown).
func (wi WaveInfo) waveTime() time.Time {
	switch {
	case !wi.Date.IsZero():
		return wi.Date
	case wi.Year != 0:
		return time.Date(wi.Year, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// SuccessorAt returns the unit that unit id had become part of by the
// time of wave w (a declared wave with a date or a year), following the
// model's successions; false when id still existed then, or the wave
// cannot be placed in time.
func (m *Model) SuccessorAt(id UnitID, w WaveID) (UnitID, bool) {
	i := m.waveIndex(w)
	if i < 0 {
		return "", false
	}
	at := m.Waves[i].waveTime()
	if at.IsZero() {
		return "", false
	}
	if to := indexSuccessions(m.Successions).resolve(id, time.Time{}, at); to != id {
		return to, true
	}
	return "", false
}
