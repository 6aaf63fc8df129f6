package roadmap

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reifegrad/reifegrad/scoring"
)

// Target says which level each unit's roadmap aims at. The zero Target
// aims at the next level above the unit's own.
type Target struct {
	// Level is the ordinal (not the number) of a fixed target level; 0
	// means the next level above the unit's own.
	Level int
	// Attribute, when set, names the unit attribute holding a unit's own
	// goal (a level's number or name, from an input column). A unit
	// without a value there aims as Level says; a value that names no
	// level is reported in Plan.Note (GoalNamesNoLevel) and Level applies.
	Attribute string
}

// ParseTarget reads a target as config writes it: "next", or a level by
// its number or name.
func ParseTarget(m *scoring.Model, s string) (Target, error) {
	if t := strings.TrimSpace(s); t == "" || strings.EqualFold(t, "next") {
		return Target{}, nil
	}
	if o, ok := levelOf(m, s); ok {
		return Target{Level: o}, nil
	}
	return Target{}, fmt.Errorf("target %q is not a level of the model (want next, %s)", s, levelNames(m))
}

// levelOf finds a level by its number (as the model numbers it) or name
// (ignoring case), and returns its ordinal.
func levelOf(m *scoring.Model, s string) (int, bool) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	for _, l := range m.Levels.List {
		if (err == nil && l.Number == n) || (err != nil && strings.EqualFold(l.Name, s)) {
			return l.Ordinal, true
		}
	}
	return 0, false
}

func levelNames(m *scoring.Model) string {
	var out []string
	for _, l := range m.Levels.List {
		out = append(out, strconv.Quote(l.Label()))
	}
	return strings.Join(out, ", ")
}

// Options say how roadmaps are made. The zero Options aim at the next
// level, without phases, and show no peer counts.
type Options struct {
	Target Target
	// Phases groups the steps into up to three phases of about equal
	// effort; 0 means no phases.
	Phases int
	// Disclosure decides whether a peer count may be shown (its group and
	// the count must be at least min_group_size); nil shows none.
	Disclosure *scoring.Disclosure
	// Workers bounds the goroutines; 0 means one per CPU.
	Workers int
}

// Status says what a unit's roadmap is.
type Status uint8

const (
	// Planned: the steps lead to the target.
	Planned Status = iota
	// AtTarget: the unit already stands at or above its target level.
	AtTarget
	// AtTop: the unit stands at the highest level; there is no next one.
	AtTop
	// Unreachable: no answers to the questions asked reach the target
	// (questions on relative scales, not-applicable answers or the
	// criteria themselves stand in the way). Where a level between the
	// unit's own and the target can be reached, the steps lead to the
	// highest such level, LevelAfter; else there are none.
	Unreachable
)

var statusNames = [...]string{"planned", "at_target", "at_top", "unreachable"}

// NoProgress says why a plan's progress to date has no value.
type NoProgress uint8

const (
	// ProgressGiven: Plan.Progress has a value.
	ProgressGiven NoProgress = iota
	// NoBaseline: there is no previous wave, the unit did not answer it,
	// or its score then does not exist on the basis of the comparison.
	NoBaseline
	// TerritoryChanged: units have become part of this one since the
	// previous wave (UnitResult.Merged, Absorbed: whether or not they
	// answered it). As no change is computed for it
	// (scoring.Results.Change), no progress is: its earlier score is that
	// of a smaller territory.
	TerritoryChanged
	// NoWayToGo: the baseline was at or above the end of the roadmap
	// already; SAMM's formula would call a fall "more than the whole way".
	NoWayToGo
	// NoScore: there is a baseline, but the unit's score now or at the end
	// of its roadmap does not exist on the basis of the comparison.
	NoScore
	// TargetUnreachable: there is a baseline, but the target cannot be
	// reached (Unreachable): there is no end to measure the way by.
	TargetUnreachable
	// NoWayPlanned: there is a baseline, but the unit stands at or above
	// its target, or at the top level (AtTarget, AtTop): no way was
	// planned, so there is no way to have come a share of. The formula,
	// with the end its answers now, gave (c − b)/(c − b) = 100 % for every
	// unit that rose, whatever it did.
	NoWayPlanned
	// TargetMetThen: the unit stood at or above its target level in the
	// previous wave (BaselineLevel) and has fallen since: there was no way
	// to go then, as for NoWayToGo. On the comparable core the formula
	// still found a way, and under staged levels, whose criteria the
	// overall score does not measure, it read "118 %" for a unit that fell
	// from level 4 to none, "−479 %" under threshold levels for one whose
	// core score missed the band its full score reached.
	TargetMetThen
	// ScoreNotRaised: the roadmap does not raise the overall score (After
	// is at most the score now), on which progress is measured. Under
	// staged levels its steps meet criteria, and a question they clarify
	// at a low answer lowers a mean: the formula read "117 % of the way"
	// above a step still to take. (Under threshold levels a planned way
	// always raises the score into the target's band.)
	ScoreNotRaised
	// ScoreAgainstLevel: the unit's level rose since the previous wave
	// while its score (on the comparable core) fell, or the other way
	// round. The figure would tell the opposite of the level's change on
	// the same page: under staged levels, whose criteria the score does
	// not measure, a unit risen from Stufe 1 to 3 read "−4.356 % des
	// Weges" (its score 6.8 below 2026's, which lay 0.2 below the end).
	ScoreAgainstLevel
)

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// NoteReason says what a plan's Note is about. Each output words it in
// its own language (Note.English for the English ones); the roadmap only
// says what holds.
type NoteReason uint8

const (
	// NoNote: nothing to note.
	NoNote NoteReason = iota
	// GoalNamesNoLevel: the unit's own goal in the input (Note.Goal, from
	// column Note.Column) names no level of the model, by number or name;
	// the configured target applies instead.
	GoalNamesNoLevel
)

var noteReasonNames = [...]string{NoNote: "", GoalNamesNoLevel: "goal_names_no_level"}

// String is the reason's stable name ("goal_names_no_level"; "" for
// NoNote), as roadmap.json writes it.
func (r NoteReason) String() string {
	if int(r) < len(noteReasonNames) {
		return noteReasonNames[r]
	}
	return "NoteReason(" + strconv.Itoa(int(r)) + ")"
}

// Note is something the reader of a roadmap should know, as a reason and
// its data; the zero Note notes nothing.
type Note struct {
	Reason NoteReason
	// Goal is the value the input gave, Column the input column it came
	// from (GoalNamesNoLevel).
	Goal, Column string
}

// English is the note in English, with the model's levels it could have
// named, for the outputs whose texts are English (roadmap.csv,
// roadmap.json); "" for NoNote.
func (n Note) English(m *scoring.Model) string {
	if n.Reason != GoalNamesNoLevel {
		return ""
	}
	return fmt.Sprintf("the goal %q in column %s names no level (%s): roadmap.target applies", n.Goal, n.Column, levelNames(m))
}

// Plan is one unit's roadmap.
type Plan struct {
	Unit   *scoring.UnitResult
	Status Status
	// Target is the ordinal of the level aimed at (0 with AtTop);
	// OwnGoal is set when it is the unit's own goal from the input.
	Target  int
	OwnGoal bool
	// Note is what the reader should know beside the roadmap: a goal in
	// the input that names no level. Its zero value notes nothing.
	Note  Note
	Steps []Step
	// Effort is the total effort of the steps: the least that reaches the
	// target when Exact, else the effort of a greedy roadmap.
	Effort int
	// Exact is set when Effort is proven the least (see the package
	// documentation); a roadmap whose search grew past its bound is the
	// greedy one.
	Exact  bool
	Phases []Phase
	// After is the overall score projected after every step, LevelAfter
	// the level (for AtTarget and AtTop: the unit's own).
	After      scoring.NodeScore
	LevelAfter int
	// PercentToTarget (0–1) is how much of the target posture the unit
	// has: 1 − Σ a·max(0, target − current) / Σ a·target over the
	// questions, target being each answer's points after the roadmap and a
	// a question's nominal share of the overall score (SAMM's percent to
	// target, with SAMM's equal activities generalised to weights). NaN
	// when the target is unreachable, and for a unit without an overall
	// score: its roadmap answers open questions first, at their lowest
	// answer, which adds no points — the sums saw its target posture
	// reached, and a municipality that had answered 1 of 40 questions read
	// "Vom Zielprofil haben Sie 100 % erreicht" above 19 steps.
	PercentToTarget float64
	// ClarifiedWithoutPoints counts the open questions ("weiß nicht",
	// blank) the roadmap clarifies to an answer worth no points (a
	// clarification the coverage needs): SAMM's formula sums points, so
	// such a step neither lowers PercentToTarget nor adds to its target —
	// a unit whose only step it is has reached 100 %. Shown beside the
	// figure so that it does not read as "nothing left to do".
	ClarifiedWithoutPoints int
	// Unmeetable lists, for an Unreachable plan under staged levels, the
	// criteria of its target and the levels below that no answer can
	// meet: their node does not apply to the unit (every question
	// answered "nicht zutreffend") or was not asked in its wave, and a
	// criterion needs a score. The profile names them; it gave the list
	// of every possible cause ("nicht zutreffende Fragen und Fragen,
	// deren Punkte vom Vergleich … abhängen") where one criterion on an
	// OZG service that is the district's, not the municipality's, stood
	// in the way.
	Unmeetable []scoring.Criterion
	// Progress is the progress to date since the previous wave (Since),
	// SAMM's (Current − Baseline) / (End − Baseline) on the overall score,
	// all three on the basis every change between the two waves rests on:
	// the comparable core, the Compared of the Asked questions both waves
	// asked the same way (scoring.Comparison; where it leaves nothing out,
	// the full scores). Baseline is the unit's score in the previous wave,
	// Current its score now, End the score of the roadmap's end state (of
	// the answers now for AtTarget and AtTop), each on that core. Progress
	// then never contradicts the change since the previous wave
	// (scoring.Results.Change): both are Current − Baseline, the one
	// divided by the positive way to go. NaN where it has no value, and
	// NoProgress says why — for AtTarget and AtTop always (NoWayPlanned
	// where there is a baseline): no way was planned; the other figures
	// are NaN where they do not exist (Baseline too for TerritoryChanged).
	Progress, Baseline, Current, End float64
	Since                            scoring.WaveID
	Compared, Asked                  int
	NoProgress                       NoProgress
	// BaselineLevel is the ordinal of the unit's level in the previous
	// wave (0: none, or it did not answer; see TargetMetThen).
	BaselineLevel int
}

// Step moves one question one answer up its scale; for an open question
// ("weiß nicht", blank), it clarifies the answer and then raises it from
// the lowest answer to To, as one step.
type Step struct {
	Question *scoring.Question
	// Dimension is the top-level dimension the question counts in.
	Dimension *scoring.Node
	// From is the answer before the step (the raw answer for the first
	// step of a question, else the previous step's To); Clarify is set when
	// the question is open and the step starts by finding out the answer.
	From    string
	Clarify bool
	// To is the answer after the step: an answer of the scale, a bin
	// ("10–24"), a value, or for a multi-select the item ticked (every
	// item ticked, "a; b", where an open one is clarified and raised by
	// several: then no peers are counted).
	To string
	// Item is set for a multi-select: To is an item to tick.
	Item bool
	// Assumed is set for a step that clarifies an open question at its
	// lowest answer and raises it no further: To is the answer the
	// roadmap assumes, the least favourable, not one it aims at (on a
	// reversed question "trifft voll zu" to "Fehlendes Personal
	// verhindert …").
	Assumed bool
	Effort  int
	// After is the overall score projected after this step and the ones
	// before it, Level the level; Gain the change of the overall score
	// (NaN unless scored before and after).
	After scoring.NodeScore
	Level int
	Gain  float64
	// Peers counts the units of the same size class that already give at
	// least the answer To (tick the item); PeersShown is false (and Peers
	// 0) when the count or the group is too small to be shown, or there is
	// no size class.
	Peers      int
	PeersShown bool
	// PeersHidden is set where a count was made but may not be shown
	// (report.min_group_size, or the rule that keeps two counts told
	// from giving away a smaller number), as against none made: no size
	// class, no counts asked for, or NoPeerCount. roadmap.csv and JSON
	// say which, as Fahrplan does ("•" against empty).
	PeersHidden bool
	// NoPeerCount is set where no count speaks for the step (Peers 0,
	// PeersShown false), as against one too small to show: a step that
	// clarifies an open question at its lowest answer (every unit that
	// answered gives at least that: the count said how many answered at
	// all) or ticks several items of an open multi-select at once (the
	// count of its last item is no one's answer).
	NoPeerCount bool
	// Phase is the phase of the step (1–3), 0 without phases.
	Phase int
	// Advice is the model's advice: the question's own, else its
	// dimension's next step for the level the dimension stands at; ""
	// where neither exists, as for a dimension without a score.
	Advice string
}

// Phase is a group of consecutive steps.
type Phase struct {
	Number     int
	Steps      int // how many
	Effort     int
	After      scoring.NodeScore // projected overall score at its end
	LevelAfter int
}

// Set holds roadmaps: Build's, of every unit in its latest wave, or
// BuildWave's, of the units of one wave.
type Set struct {
	// Wave is the latest wave (Build) or the wave (BuildWave); a plan's
	// own wave is its Unit's.
	Wave  scoring.WaveID
	Plans []Plan // sorted by unit ID
	// Excluded lists the questions no roadmap steps on: scales normalised
	// over all units, whose points depend on the others.
	Excluded []*scoring.Question
	// Shared is set when a question feeds several indicators; their
	// options were enumerated around the programme.
	Shared int
	// Counted is whether a step can carry a count of the unit's size
	// class (Step.Peers): the model compares by size class, counts were
	// asked for (Options.Disclosure) and some unit of a plan's wave has a
	// size class. Without, no step has one, and an output for people
	// writes no column for it (OWASP SAMM's organisations had an empty
	// "Organisations of the size class with this answer").
	Counted bool
}

// ErrUnverified is returned when a roadmap, scored again step by step,
// does not reach the target the search found it reaches (a numerical
// edge case; it is never shown).
var ErrUnverified = errors.New("roadmap does not reach its target when scored again")

// Build makes the roadmap of every unit in its latest wave — the wave its
// profile shows — except a unit that has become part of another one that
// answered since (its profile is the successor's). Plans are sorted by
// unit ID.
func Build(r *scoring.Results, opt Options) (*Set, error) {
	latest := map[scoring.UnitID]int{} // unit → index in r.Units of its latest result
	for i := range r.Units {
		latest[r.Units[i].Unit.ID] = i
	}
	byWave := make([][]*scoring.UnitResult, len(r.Waves))
	for wi := range r.Waves {
		for i := range r.WaveUnits(wi) {
			u := &r.WaveUnits(wi)[i]
			k := latest[u.Unit.ID]
			if &r.Units[k] != u {
				continue
			}
			if j, ok := latest[u.Successor]; u.Successor != "" && ok && slices.Contains(r.Units[j].Merged, k) {
				continue
			}
			byWave[wi] = append(byWave[wi], u)
		}
	}
	set := &Set{}
	if len(r.Waves) > 0 {
		set.Wave = r.Waves[r.Latest()].ID
	}
	var errs []error
	for wi, units := range byWave {
		if len(units) == 0 {
			continue
		}
		ws, err := plan(r, wi, units, opt)
		if err != nil {
			errs = append(errs, err)
		}
		if ws == nil {
			continue
		}
		set.Plans = append(set.Plans, ws.Plans...)
		set.Counted = set.Counted || ws.Counted
		if wi == r.Latest() {
			set.Excluded, set.Shared = ws.Excluded, ws.Shared
		}
	}
	slices.SortFunc(set.Plans, func(a, b Plan) int { return strings.Compare(string(a.Unit.Unit.ID), string(b.Unit.Unit.ID)) })
	return set, errors.Join(errs...)
}

// BuildWave makes the roadmap of every unit of wave wi of r. It returns an
// error only for a model it cannot plan for or a roadmap it could not
// verify; every unit has a Plan either way.
func BuildWave(r *scoring.Results, wi int, opt Options) (*Set, error) {
	units := r.WaveUnits(wi)
	us := make([]*scoring.UnitResult, len(units))
	for i := range units {
		us[i] = &units[i]
	}
	return plan(r, wi, us, opt)
}

// plan makes the roadmaps of the given units of wave wi.
func plan(r *scoring.Results, wi int, units []*scoring.UnitResult, opt Options) (*Set, error) {
	if opt.Phases < 0 || opt.Phases > 3 {
		return nil, fmt.Errorf("roadmap: phases must be 0 to 3, got %d", opt.Phases)
	}
	if opt.Target.Level != 0 && r.Model.Levels.ByOrdinal(opt.Target.Level).Ordinal == 0 {
		return nil, fmt.Errorf("roadmap: target level %d is not a level of the model", opt.Target.Level)
	}
	p := newPlanner(r, wi, opt)
	set := &Set{Wave: r.Waves[wi].ID, Plans: make([]Plan, len(units)), Excluded: p.excluded, Shared: len(p.shared), Counted: len(p.peers.groups) > 0}
	errs := make([]error, len(units))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(units)/64))
	var wg sync.WaitGroup
	solvers := make([]*solver, workers)
	for w := range workers {
		wg.Go(func() {
			s := newSolver(p)
			solvers[w] = s
			for i := w * len(units) / workers; i < (w+1)*len(units)/workers; i++ {
				from := len(s.pending)
				set.Plans[i], errs[i] = s.plan(units[i])
				for k := from; k < len(s.pending); k++ {
					s.pending[k].plan = int32(i)
				}
			}
		})
	}
	wg.Wait()
	p.peers.finish(units, solvers, set.Plans)
	return set, errors.Join(errs...)
}

// planner holds what the roadmaps of one wave share. It is read-only once
// built.
type planner struct {
	r    *scoring.Results
	m    *scoring.Model
	wave int
	opt  Options
	ev   *scoring.Evaluator
	// core scores the end states on the comparable core with the previous
	// wave, the questions coreMask keeps, for the progress to date; nil
	// when that core is all the wave asked.
	core     *scoring.Evaluator
	coreMask []bool
	static   []*staticLadder
	peers    *peerCounts
	// wq is the wave's questionnaire (questions as the wave asked them);
	// steppable[q]: a roadmap may step on question q in the wave.
	wq        *scoring.Model
	steppable []bool
	// covMatters[n]: some node above n needs a minimum coverage, so n's
	// coverage can decide a state.
	covMatters []bool
	// simple[n] is the question of an indicator of one question, else -1.
	simple []int
	// end[n]: node n's subtree is Nodes[n:end[n]] (pre-order).
	end      []int
	shared   []int // questions that feed several indicators
	excluded []*scoring.Question
	dim      []int // per question: its top-level dimension
	// linear[q]: question q counts in one indicator, and it and every node
	// above it take a weighted mean or sum, so that while no state
	// changes its points move every node above linearly (walk.slopeEffect).
	linear []bool
	// childW[n][j] is the weight node n's child j carries in it
	// (Evaluator.ChildWeight), looked up once.
	childW [][]float64
	// parent[n] is node n's parent (-1 for the root); indQ lists the
	// questions of the indicators, in the model's order; minCov[n] is
	// node n's minimum coverage.
	parent []int
	minCov []float64
	indQ   []nodeQuestion
}

// nodeQuestion is a question of an indicator.
type nodeQuestion struct{ n, q int }

func newPlanner(r *scoring.Results, wi int, opt Options) *planner {
	m := r.Model
	p := &planner{r: r, m: m, wave: wi, opt: opt, ev: scoring.NewEvaluator(r, wi)}
	if core, mask := p.ev.OnCore(); mask != nil {
		p.core, p.coreMask = core, mask
	}
	p.wq = p.ev.Questionnaire()
	p.steppable = make([]bool, len(m.Questions))
	for qi := range m.Questions {
		q := p.wq.Questions[qi]
		// A question the wave did not ask, derived from others, or whose
		// points depend on more than the unit's own answer (a treatment of
		// its numbers, a normalisation over the wave) is no step. Nor is a
		// reversed multi-select (each item ticked costs points, as with a
		// list of risks): its steps would untick items, which a roadmap
		// does not plan, and clarifying it would be planned from nothing
		// ticked — its best answer, not its worst.
		p.steppable[qi] = !q.NotAsked && len(q.From) == 0 && q.Scale != nil && m.Rungs(q.Scale) > 0 && p.ev.OwnPoints(qi) &&
			!(q.Reverse && q.Scale.Kind == scoring.ScaleMulti)
	}
	p.static = ladders(m, p.wq, p.steppable)
	p.covMatters = make([]bool, len(m.Nodes))
	for _, n := range m.Nodes {
		for a := n.Parent; a >= 0; a = m.Nodes[a].Parent {
			if m.Nodes[a].MinCoverage > 0 {
				p.covMatters[n.Index] = true
				break
			}
		}
	}
	p.simple = make([]int, len(m.Nodes))
	for i, n := range m.Nodes {
		p.simple[i] = -1
		if n.Kind == scoring.KindIndicator && len(n.Questions) == 1 {
			p.simple[i] = n.Questions[0]
		}
	}
	p.end = make([]int, len(m.Nodes))
	for i := len(m.Nodes) - 1; i >= 0; i-- {
		p.end[i] = max(p.end[i], i+1)
		if par := m.Nodes[i].Parent; par >= 0 {
			p.end[par] = max(p.end[par], p.end[i])
		}
	}
	uses := make([]int, len(m.Questions))
	p.dim = make([]int, len(m.Questions))
	for _, n := range m.Nodes {
		if n.Kind != scoring.KindIndicator {
			continue
		}
		top := n.Index
		for m.Nodes[top].Parent > 0 {
			top = m.Nodes[top].Parent
		}
		for _, q := range n.Questions {
			if uses[q] == 0 {
				p.dim[q] = top
			}
			uses[q]++
		}
	}
	for q, k := range uses {
		if k > 1 {
			p.shared = append(p.shared, q)
		}
		if wq := p.wq.Questions[q]; k > 0 && !wq.NotAsked && !p.steppable[q] {
			p.excluded = append(p.excluded, m.Questions[q])
		}
	}
	p.linear = make([]bool, len(m.Questions))
	for q, k := range uses {
		if k != 1 {
			continue
		}
		lin, aff := true, p.ev.Affected(q)
		for i, n := range aff {
			a := m.Nodes[n].Aggregation
			lin = lin && (a == scoring.Mean || a == scoring.Sum) && (i == 0 || m.Nodes[aff[i-1]].Parent == n)
		}
		p.linear[q] = lin && len(aff) > 0 && m.Nodes[aff[0]].Kind == scoring.KindIndicator
	}
	p.parent = make([]int, len(m.Nodes))
	p.minCov = make([]float64, len(m.Nodes))
	for _, n := range m.Nodes {
		p.parent[n.Index] = n.Parent
		p.minCov[n.Index] = n.MinCoverage
		if n.Kind == scoring.KindIndicator {
			for _, q := range n.Questions {
				p.indQ = append(p.indQ, nodeQuestion{n: n.Index, q: q})
			}
		}
	}
	p.childW = make([][]float64, len(m.Nodes))
	for _, n := range m.Nodes {
		for _, c := range n.Children {
			p.childW[n.Index] = append(p.childW[n.Index], p.ev.ChildWeight(n, c))
		}
	}
	p.peers = newPeerCounts(p)
	return p
}

// targetOf returns the level unit u aims at, whether it is its own goal,
// and a note when its goal in the input names no level.
func (p *planner) targetOf(u *scoring.UnitResult) (target int, own bool, note Note) {
	t := p.opt.Target
	if t.Attribute != "" {
		if v := strings.TrimSpace(u.Unit.Attr(t.Attribute)); v != "" {
			if o, ok := levelOf(p.m, v); ok {
				return o, true, Note{}
			}
			note = Note{Reason: GoalNamesNoLevel, Goal: v, Column: t.Attribute}
		}
	}
	if t.Level != 0 {
		return t.Level, false, note
	}
	if u.Level >= len(p.m.Levels.List) {
		return 0, false, note
	}
	return p.m.Levels.List[u.Level].Ordinal, false, note // the level after u.Level
}

// plan makes unit u's roadmap.
func (s *solver) plan(u *scoring.UnitResult) (Plan, error) {
	p := s.p
	pl := Plan{Unit: u, After: u.Nodes.At(0), LevelAfter: u.Level, PercentToTarget: math.NaN(),
		Progress: math.NaN(), Baseline: math.NaN(), Current: math.NaN(), End: math.NaN(), NoProgress: NoBaseline}
	pl.Target, pl.OwnGoal, pl.Note = p.targetOf(u)
	p.baseline(u, &pl)
	s.u, s.unit = u, u.Nodes.AppendTo(s.unit[:0])
	s.in = p.ev.InputsCached(u, s.in, &s.inputs)
	p.peers.add(&s.peerHist, u, s.in)
	switch {
	case pl.Target == 0:
		pl.Status = AtTop
	case u.Level >= pl.Target:
		pl.Status = AtTarget
	}
	if pl.Status != Planned {
		pl.Exact = true
		pl.PercentToTarget = 1
		if c := u.Core.At(0); c.Scored() {
			pl.End = c.Score
		}
		if pl.NoProgress == NoBaseline && !math.IsNaN(pl.Baseline) {
			pl.NoProgress = NoWayPlanned
		}
		return pl, nil
	}
	memo := &s.ticked
	if s.noKeep {
		memo = nil
	}
	s.lad = s.p.unitLadders(s.in, u, s.lad, memo)
	s.evenQ = s.evenQ[:0]
	for q := range s.lad {
		s.evenQ = append(s.evenQ, evenLadder(s.lad[q].options))
	}
	s.requirements(pl.Target)
	s.ruleOrder()
	s.exact = true
	cost, ok := s.search(pl.Target)
	if !ok {
		pl.Status = Unreachable
		pl.Exact = s.exact
		pl.Unmeetable = p.unmeetable(u, pl.Target)
		if pl.NoProgress == NoBaseline && !math.IsNaN(pl.Baseline) {
			pl.NoProgress = TargetUnreachable
		}
		return pl, s.towardUnreachable(&pl)
	}
	pl.Effort, pl.Exact = cost, s.exact
	if err := s.order(&pl, pl.Target); err != nil {
		return pl, fmt.Errorf("%s: %w", u.Unit.ID, err)
	}
	if u.Nodes.At(0).Scored() {
		pl.PercentToTarget = s.percentToTarget()
		pl.ClarifiedWithoutPoints = s.clarifiedWithoutPoints()
	}
	pl.End = s.endOnCore(pl.After)
	pl.progress(u.Nodes.At(0))
	s.phases(&pl)
	return pl, nil
}

// unmeetable returns the criteria of the levels up to target (an ordinal)
// that unit u cannot meet whatever it answers: their node neither applies
// nor was asked (a roadmap steps on neither, see Plan.Unmeetable). A node
// is named once, by the criterion of the lowest level on it.
func (p *planner) unmeetable(u *scoring.UnitResult, target int) []scoring.Criterion {
	var out []scoring.Criterion
	for _, l := range p.m.Levels.List[:target] {
		for _, c := range l.Criteria {
			st := u.Nodes.At(c.Node).State
			if (st == scoring.NotApplies || st == scoring.Unasked) &&
				!slices.ContainsFunc(out, func(o scoring.Criterion) bool { return o.Node == c.Node }) {
				out = append(out, c)
			}
		}
	}
	return out
}

// towardUnreachable gives a plan whose target cannot be reached the way to
// the highest level below it that can, where one above the unit's own
// can: an own goal of level 5 out of reach (a criterion on a service that
// does not apply) gave no steps at all, not even to level 3 or 4. The
// plan stays Unreachable, with neither percent to target nor progress
// (its target has no end state); its steps, effort and After lead to
// LevelAfter. A target one above the unit's level has no level between:
// the plan keeps no steps.
func (s *solver) towardUnreachable(pl *Plan) error {
	for t := pl.Target - 1; t > s.u.Level; t-- {
		s.requirements(t)
		s.exact = true
		cost, ok := s.search(t)
		if !ok {
			continue
		}
		pl.Effort, pl.Exact = cost, s.exact
		if err := s.order(pl, t); err != nil {
			return fmt.Errorf("%s: %w", s.u.Unit.ID, err)
		}
		s.phases(pl)
		return nil
	}
	return nil
}

// search finds the least-effort end state and leaves it in s.choice. It
// enumerates the options of questions that feed several indicators around
// the programme, as the programme assumes disjoint subtrees.
func (s *solver) search(target int) (int, bool) {
	p := s.p
	for q := range s.fixed {
		s.fixed[q] = -1
	}
	best, bestChoice, bestValue := -1, []int(nil), math.NaN()
	var rec func(k, extra int)
	rec = func(k, extra int) {
		if k < len(p.shared) {
			q := p.shared[k]
			for oi, o := range s.lad[q].options {
				s.fixed[q] = oi
				rec(k+1, extra+o.cost)
			}
			s.fixed[q] = -1
			return
		}
		c, ok := s.searchFixed(target)
		if !ok {
			return
		}
		choice := append(s.cand[:0], s.choice...)
		s.cand = choice
		for _, q := range p.shared {
			choice[q] = s.fixed[q]
		}
		// Of equal efforts, the better score, then the tie rule (tie.go);
		// a greedy roadmap (not exact) has no score of the programme's.
		v := math.NaN()
		if s.exact {
			v = s.rootValue(c)
		}
		if best < 0 || c+extra < best ||
			c+extra == best && (v > bestValue+tieTolerance || !(v < bestValue-tieTolerance) && s.cmpChoices(choice, bestChoice) > 0) {
			best, bestValue = c+extra, v
			bestChoice = append(bestChoice[:0], choice...)
		}
	}
	rec(0, 0)
	if best < 0 {
		return 0, false
	}
	copy(s.choice, bestChoice)
	return best, true
}

// searchFixed runs the programme with a budget: first an estimate (see
// estimate), then — if no roadmap fits — it checks that the target can be
// reached at all (the programme with every option free) and raises the
// budget until the least effort fits. Every budget is searched exactly,
// so the first that holds a solution holds the optimum.
func (s *solver) searchFixed(target int) (int, bool) {
	s.markLive()
	total := 0
	for q := range s.lad {
		if s.fixed[q] < 0 {
			total += s.lad[q].options[len(s.lad[q].options)-1].cost
		}
	}
	s.free = false
	// The estimate with some room: it is often a step or two short where
	// the greedy steps are not the best (on the benchmark's 10,786
	// municipalities: the least effort 1 or 2 above it for three in four,
	// 3 for one in 25, 4 for one in 700, never more). The room is kept
	// small, a thirty-second and two: the programme's work grows with the
	// budget, at the nodes above the indicators with its square (a step
	// of room costs about 3 % of a search), while a search that finds
	// nothing costs a whole one. Where the least effort is above it, the
	// next budget has a sixteenth and six (the room the estimate had
	// before), then the budget doubles. Any budget that holds the least
	// effort gives the same roadmap (TestBudgetDecidesNothing).
	est := s.estimate()
	s.budget = min(max(1, est+est/32+2), total)
	if s.roomy {
		s.budget = total
	}
	for checked, tries := false, 0; ; tries++ {
		if tries == 1 {
			s.budget = min(max(s.budget+1, est+est/16+6), total)
		} else if tries > 1 {
			s.budget = min(2*s.budget, total)
		}
		c := s.solve()
		if c >= 0 {
			s.traceBest(c)
			return c, true
		}
		if c == tooBig {
			s.exact = false
			return s.greedy(target)
		}
		if s.budget >= total {
			return 0, false
		}
		if !checked {
			b := s.budget
			s.free, s.budget = true, 0
			ok := s.solve() >= 0
			s.free, s.budget, checked = false, b, true
			if !ok {
				return 0, false
			}
		}
	}
}

// baseline sets what unit u's progress to date rests on: the previous
// wave, the comparison's counts, and the unit's score then and now on the
// comparable core — no score then for a unit others merged into (see
// TerritoryChanged).
func (p *planner) baseline(u *scoring.UnitResult, pl *Plan) {
	if p.wave < 1 {
		return
	}
	pl.Since = p.r.Waves[p.wave-1].ID
	if c, ok := p.r.Comparison(p.wave); ok {
		pl.Compared, pl.Asked = c.Compared, c.Asked
	}
	if c := u.Core.At(0); c.Scored() {
		pl.Current = c.Score
	}
	if len(u.Merged) > 0 || len(u.Absorbed) > 0 {
		pl.NoProgress = TerritoryChanged
		return
	}
	if prev := p.r.Previous(u); prev != nil && prev.CoreNext.At(0).Scored() {
		pl.Baseline = prev.CoreNext.At(0).Score
		pl.BaselineLevel = prev.Level
	}
}

// endOnCore returns the overall score of the roadmap's end state (after
// its full score) on the comparable core with the previous wave: the end
// state's answers scored with the questions outside the core not asked,
// as the engine scores UnitResult.Core. NaN when not scored.
func (s *solver) endOnCore(after scoring.NodeScore) float64 {
	p := s.p
	if p.core == nil {
		if after.Scored() {
			return after.Score
		}
		return math.NaN()
	}
	in := append(s.work[:0], s.in...)
	s.work = in
	for q, oi := range s.choice {
		if oi > 0 {
			o := s.lad[q].options[oi]
			in[q] = scoring.Input{Status: o.status, Points: o.points}
		}
	}
	scoring.Core(in, p.coreMask)
	nodes := append(s.nodes[:0], s.unit...)
	s.nodes = nodes
	p.core.Evaluate(s.u, in, nodes)
	if !nodes[0].Scored() {
		return math.NaN()
	}
	return nodes[0].Score
}

// progress sets SAMM's progress to date, (Current − Baseline) / (End −
// Baseline), or why it has none; now is the unit's overall score. It has
// no value where the baseline was at or above the end already: there was
// no way to go, and the formula would call a unit that fell from 100 to 0
// with its target at 50 "200 % of the way"; nor where the unit stood at
// its target level then (TargetMetThen), nor where the way does not raise
// the score it is measured on (ScoreNotRaised), nor where that score moved
// against the level since (ScoreAgainstLevel). Those three only take the
// place of a figure: a reason found first stands.
func (pl *Plan) progress(now scoring.NodeScore) {
	if pl.NoProgress == TerritoryChanged {
		return
	}
	pl.Progress, pl.NoProgress = progress(pl.Current, pl.Baseline, pl.End)
	switch {
	case pl.NoProgress != ProgressGiven:
	case pl.BaselineLevel >= pl.Target:
		pl.Progress, pl.NoProgress = math.NaN(), TargetMetThen
	case now.Scored() && pl.After.Scored() && scoring.Reaches(now.Score, pl.After.Score):
		pl.Progress, pl.NoProgress = math.NaN(), ScoreNotRaised
	case pl.Unit.Level > pl.BaselineLevel && pl.Current < pl.Baseline-1e-9,
		pl.Unit.Level < pl.BaselineLevel && pl.Current > pl.Baseline+1e-9:
		pl.Progress, pl.NoProgress = math.NaN(), ScoreAgainstLevel
	}
}

func progress(current, baseline, end float64) (float64, NoProgress) {
	switch {
	case math.IsNaN(baseline):
		return math.NaN(), NoBaseline
	case math.IsNaN(current) || math.IsNaN(end):
		return math.NaN(), NoScore
	case !(end > baseline):
		return math.NaN(), NoWayToGo
	}
	return (current - baseline) / (end - baseline), ProgressGiven
}

// phases groups the steps into up to Options.Phases phases of about equal
// effort: a step falls into the phase in which its effort starts.
func (s *solver) phases(pl *Plan) {
	n := min(s.p.opt.Phases, len(pl.Steps))
	if n == 0 || pl.Effort == 0 {
		return
	}
	done := 0
	for i := range pl.Steps {
		st := &pl.Steps[i]
		st.Phase = min(n, 1+done*n/pl.Effort)
		done += st.Effort
	}
	// Renumber so that no phase is empty.
	k := 0
	for i := range pl.Steps {
		if i == 0 || pl.Steps[i].Phase != pl.Steps[i-1].Phase {
			k++
			pl.Phases = append(pl.Phases, Phase{Number: k})
		}
		pl.Steps[i].Phase = k
		ph := &pl.Phases[k-1]
		ph.Steps++
		ph.Effort += pl.Steps[i].Effort
		ph.After, ph.LevelAfter = pl.Steps[i].After, pl.Steps[i].Level
	}
}

// Unit returns the plan of a unit, or nil.
func (s *Set) Unit(id scoring.UnitID) *Plan {
	i, ok := slices.BinarySearchFunc(s.Plans, id, func(p Plan, id scoring.UnitID) int {
		return strings.Compare(string(p.Unit.Unit.ID), string(id))
	})
	if !ok {
		return nil
	}
	return &s.Plans[i]
}
