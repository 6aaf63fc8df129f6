package scoring

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// State says whether a node has a score for a unit.
type State uint8

const (
	Scored     State = iota // a score was computed
	Missing                 // nothing answered (or only unknown/invalid answers)
	NotRated                // coverage below the node's MinCoverage: not scored, unit flagged
	NotApplies              // every answer was "not applicable": the node leaves its parent's denominator
	// Unasked: the wave did not ask any of the node's questions (see
	// Model.Questionnaire). Like NotApplies the node leaves its parent's
	// denominator: a question a wave did not ask never lowers coverage.
	Unasked
)

var stateNames = [...]string{"scored", "missing", "low_coverage", "not_applicable", "not_asked"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", s)
}

// NodeScore is a unit's result on one node. Score is on 0–100 and valid
// only when State is Scored. Coverage is the share of the node's applicable
// weight that was actually answered (0–1), whatever the state.
type NodeScore struct {
	Score    float64
	Coverage float64
	State    State
	// Imputed is set when a missing child was replaced by its peer-group
	// mean somewhere below this node.
	Imputed bool
}

// Scored reports whether the node has a score.
func (s NodeScore) Scored() bool { return s.State == Scored }

// Dataset is what importers hand to the engine: responses, the rows they
// rejected and what they noticed, and the waves the responses belong to.
type Dataset struct {
	Waves     []Wave
	Responses []Response
	Rejects   []Reject
	Issues    []Issue
	// Successions are territorial changes an importer knows of (a
	// register's successor table); the model may declare more
	// (Model.Successions).
	Successions []Succession
	// Inputs says how each input file was read.
	Inputs []InputFile
	// Duplicates is the policy the importer applied to a unit answering a
	// wave twice in one file; Score applies it across the files of a
	// wave (see dedupe). Every file of a run is read with the same one.
	Duplicates DuplicatePolicy
}

// Append adds another dataset's rows. Waves are merged by ID.
func (d *Dataset) Append(o *Dataset) {
	for _, w := range o.Waves {
		if !slices.ContainsFunc(d.Waves, func(x Wave) bool { return x.ID == w.ID }) {
			d.Waves = append(d.Waves, w)
		}
	}
	d.Responses = appendRows(d.Responses, o.Responses)
	d.Rejects = appendRows(d.Rejects, o.Rejects)
	d.Issues = appendRows(d.Issues, o.Issues)
	d.Inputs = appendRows(d.Inputs, o.Inputs)
	d.Duplicates = o.Duplicates
	for _, s := range o.Successions {
		if !slices.Contains(d.Successions, s) {
			d.Successions = append(d.Successions, s)
		}
	}
}

// appendRows appends from to to; an empty to takes from's rows as they are,
// clipped so that a later append copies instead of writing into from's
// array. Copying the 10,786 responses of the national data into an empty
// dataset was 2.5 ms of a check on one core, and 1.6 MB of memory touched
// for nothing.
func appendRows[T any](to, from []T) []T {
	if len(to) == 0 {
		return slices.Clip(from)
	}
	return append(to, from...)
}

// Score scores every response of the dataset against the model. It never
// drops a response: each one yields a UnitResult (possibly without an
// overall score, flagged), except a unit's further responses in the same
// wave, of which the duplicate policy keeps at most one (see dedupe) and
// makes the others Rejects. Score is safe for concurrent use
// with other calls; it does not modify the dataset.
func Score(m *Model, d *Dataset) *Results {
	r := &Results{Model: m, Rejects: slices.Clone(d.Rejects), Issues: slices.Clone(d.Issues)}
	r.Waves = orderWaves(m, d)
	r.RowsRead = len(d.Responses) + len(d.Rejects)
	order := make(map[WaveID]int, len(r.Waves))
	for i, w := range r.Waves {
		order[w.ID] = i
	}
	byWave := make([][]*Response, len(r.Waves))
	for i := range d.Responses {
		resp := &d.Responses[i]
		byWave[order[resp.Wave]] = append(byWave[order[resp.Wave]], resp)
	}
	r.Units = make([]UnitResult, 0, len(d.Responses))
	runs := make([]*waveRun, len(r.Waves))
	dropped := duplicateRejects(d)
	for wi, rs := range byWave {
		if sorted, distinct, ok := byUnit(rs); ok && distinct && len(dropped[r.Waves[wi].ID]) == 0 {
			rs = sorted // no unit answered twice: nothing for dedupe to decide
		} else {
			rs = r.dedupe(rs, d.Duplicates, dropped[r.Waves[wi].ID])
			// After dedupe no two responses share an id, so an unstable sort
			// gives the one order there is; the stable sort's merges cost
			// n·log²n moves (4 % of checking 100,000 units, nothing at 10,000).
			slices.SortFunc(rs, func(a, b *Response) int { return cmp.Compare(a.Unit.ID, b.Unit.ID) })
		}
		start := len(r.Units)
		id := r.Waves[wi].ID
		// The wave's results are scored in place, in their stretch of
		// r.Units: copying them there afterwards cost a pass over every
		// result on one core (2.7 MB nationally, into memory never touched).
		r.Units = r.Units[:start+len(rs)]
		w := &waveRun{m: m, q: m.questionnaire(id), res: r, wave: id, rs: rs, units: r.Units[start:]}
		w.score()
		r.unreachable(w)
		r.waveStart = append(r.waveStart, start)
		runs[wi] = w
	}
	r.waveStart = append(r.waveStart, len(r.Units))
	r.compare(runs, d)
	// Positions write each unit's State and Peers; group statistics only
	// read scores and levels: the two can run side by side.
	cols := r.innerColumns()
	parts, orders := r.groupings(), r.byScore(cols)
	var wg sync.WaitGroup
	wg.Go(func() { r.positions(cols, parts, orders) })
	r.groupStats(cols, parts, orders)
	wg.Wait()
	return r
}

// unreachable notes every criterion of a staged level whose node the
// wave asks no question of. The criterion is then unmet for every unit of
// the wave, so their levels stop below it for want of questions, not of
// answers — a researcher comparing waves must know.
func (r *Results) unreachable(w *waveRun) {
	m := w.m
	if m.Levels.Method != Staged || len(w.rs) == 0 {
		return
	}
	d := NewDescriber(English)
	for _, l := range m.Levels.List {
		for _, c := range l.Criteria {
			if m.asksBelow(c.Node, w.asks) {
				continue
			}
			n := m.Nodes[c.Node]
			r.Issues = append(r.Issues, Issue{Kind: IssueUnreachableLevel, Wave: w.wave, Node: n.ID,
				Message: fmt.Sprintf("wave %s asks no question of %s (%s): level %s needs %q, so no unit of the wave can reach it",
					w.wave, n.ID, n.Name, l.Label(), d.Criterion(m, c)),
				Cause: CauseUnreachableLevel, Args: []string{string(w.wave), string(n.ID), n.Name, l.Label()}})
		}
	}
}

// asksBelow reports whether a question below node ni is asked.
func (m *Model) asksBelow(ni int, asks func(qi int) bool) bool {
	n := m.Nodes[ni]
	if slices.ContainsFunc(n.Questions, asks) {
		return true
	}
	return slices.ContainsFunc(n.Children, func(c int) bool { return m.asksBelow(c, asks) })
}

// orderWaves lists the dataset's waves in time (Model.compareWaves).
func orderWaves(m *Model, d *Dataset) []Wave {
	waves := m.datasetWaves(d)
	slices.SortStableFunc(waves, m.compareWaves)
	return waves
}

// waveRun holds the mutable state of scoring one wave.
type waveRun struct {
	m     *Model
	q     *Model // the wave's questionnaire (Model.Questionnaire)
	res   *Results
	wave  WaveID
	rs    []*Response
	units []UnitResult
	// mask, when set, keeps only the questions it marks: the others count
	// as not asked (the comparable core of two waves, see rescore).
	mask []bool
	// maxPts[n] is node n's full score in points counting only the
	// questions this run asks (Node.MaxPoints counts them all): under a
	// Sum, a dimension with a question the wave did not ask weighs less.
	maxPts []float64
	// quiet runs (rescore) record no issues: the full run has.
	quiet bool
	// treated[q] is the treatment stage's result for numeric question q
	// (nil for other questions): every unit's number at every stage and
	// its points, computed over the wave before any unit is scored.
	treated     []*TreatedQuestion
	treatIssues []Issue
	// groupOf[u] is unit u's group index under Model.ImputeBy.
	groupOf []int
	ngroups int
	// plans[qi] is question qi as this run reads it (see plan).
	plans []qplan
	// direct[qi], when its scale is set, lets points read question qi's
	// answers by the scale's index alone (see plan).
	direct []directRead
	// need is the fewest answers a response holds for leaves to read
	// every step's answer directly (see leafSteps).
	need int
	// directQs are the questions leaves reads directly (a step's
	// directRead), each a place every source must have for it to.
	directQs []int
	// kids[n] holds inner node n's children as inner weighs them: worked
	// out once per run (childWeights), or by a Scratch, which changes the
	// weights between variants, before it computes node n.
	kids [][]kid
	// slot is where the run's node scores keep each node's coverage
	// (coverageSlots): the same for every unit.
	slot []int32
}

// directRead is how points reads a question whose answers are, nearly
// always, one of its scale's answers as declared: one lookup in the
// scale's index gives what Parse would, without the steps Parse and the
// memo take first.
type directRead struct {
	sc      *Scale
	reverse bool
	// number marks a numeric question read plainly (readsPlainly): an
	// answer its index does not hold (its missing codes) is read as a
	// number, and a number turned into points by the scale. Only leaves
	// reads such a question directly; points takes it the full way.
	number bool
}

// read reads raw as points does in the common case: a non-blank answer
// found in the scale's index is what Parse returns (its first step after
// the blank test), and a multi-select question has no direct read (its
// memo). A number read plainly that the index does not hold is read by
// readNumber. It reports false for anything else, an invalid answer
// included, which takes the full way.
func (d *directRead) read(raw string) (Status, float64, bool) {
	if raw == "" {
		return 0, 0, false
	}
	a, hit := d.sc.lookup(raw)
	switch {
	case !hit && d.number:
		return d.readNumber(raw)
	case !hit || a.Status == Invalid:
		return 0, 0, false
	case a.Status != Answered:
		return a.Status, 0, true
	}
	p := a.Value
	if d.number {
		p = d.sc.Points(p)
	}
	if d.reverse {
		p = 1 - p
	}
	return Answered, p, true
}

// readNumber reads a number the scale's index does not hold as Parse
// reads a plain one after its lookup ("12", "37,5": shortDecimal, refused
// where the decimal setting cannot tell the separator), then turns it into
// points as points does. A number outside the scale, and anything that is
// not such a plain number (blanks of spaces, thousands separators,
// percentages, scientific notation), reports false and takes the full
// way, which records the finding.
func (d *directRead) readNumber(raw string) (Status, float64, bool) {
	sc := d.sc
	x, ok := shortDecimal(raw, sc.Decimal)
	if !ok || sc.Decimal == DecimalAuto && len(raw) >= 5 && (raw[len(raw)-4] == '.' || raw[len(raw)-4] == ',') && ThousandsOrDecimal(raw) {
		return 0, 0, false
	}
	a := sc.number(x)
	if a.Status != Answered {
		return 0, 0, false
	}
	p := sc.Points(a.Value)
	if d.reverse {
		p = 1 - p
	}
	return Answered, p, true
}

func (w *waveRun) score() {
	w.checkQuestionnaires()
	w.allocate()
	w.treatWave()
	w.res.Issues = append(w.res.Issues, w.treatIssues...)
	for _, tq := range w.treated {
		if tq != nil {
			w.res.treatment = append(w.res.treatment, *tq)
		}
	}
	w.imputeGroups()
	workers := w.aggregate(true)
	// The scoring's findings first, then the finishing's, each in the
	// order of the units.
	for _, wk := range workers {
		w.res.Issues = append(w.res.Issues, wk.issues...)
	}
	for _, wk := range workers {
		w.res.Issues = append(w.res.Issues, wk.late...)
	}
}

// checkQuestionnaires refuses, as a fatal finding per file, rows that were
// read against another questionnaire than their wave's (Source.Questionnaire).
func (w *waveRun) checkQuestionnaires() {
	seen := map[*Source]bool{}
	for _, r := range w.rs {
		src := r.Source
		if src == nil || src.Questionnaire == nil || seen[src] || sameQuestionnaire(src.Questionnaire, w.q) {
			continue
		}
		seen[src] = true
		w.res.Issues = append(w.res.Issues, Issue{Kind: IssueOther, Place: Pos(src.File, src.Sheet, 0, 0), Wave: w.wave, Fatal: true,
			Message: fmt.Sprintf("%s was read against another questionnaire than wave %s's: read each wave's file against Model.Questionnaire(%s)", src.File, w.wave, w.wave),
			Cause:   CauseOtherQuestionnaire, Args: []string{src.File, string(w.wave)}})
	}
}

// sameQuestionnaire reports whether two questionnaires ask the same
// questions the same way: codes, scales, not asked, derived. (The same
// config parsed twice gives two equal questionnaires.)
func sameQuestionnaire(a, b *Model) bool {
	if a == b {
		return true
	}
	if len(a.Questions) != len(b.Questions) {
		return false
	}
	for i, qa := range a.Questions {
		qb := b.Questions[i]
		if qa.ID != qb.ID || qa.NotAsked != qb.NotAsked || !slices.Equal(qa.From, qb.From) || (qa.Scale == nil) != (qb.Scale == nil) ||
			(qa.Scale != nil && qa.Scale.ID != qb.Scale.ID) {
			return false
		}
	}
	return true
}

// rescore scores the wave's units again on the questions mask keeps, the
// others counting as not asked, and returns their node scores, indexed
// like w.units. It uses the full run's treatment of the numbers and its
// impute groups, and records no issues: it is the same wave, read the same
// way, on fewer questions.
func (w *waveRun) rescore(mask []bool) []NodeScores {
	c := &waveRun{m: w.m, q: w.q, res: w.res, wave: w.wave, rs: w.rs, mask: mask, quiet: true,
		treated: w.treated, groupOf: w.groupOf, ngroups: w.ngroups}
	c.allocate()
	c.aggregate(false)
	out := make([]NodeScores, len(c.units))
	for i := range c.units {
		out[i] = c.units[i].Nodes
	}
	return out
}

// asks reports whether this run reads question qi (an index into the
// model's questions): the wave asked it and the mask keeps it.
func (w *waveRun) asks(qi int) bool {
	return !w.questions().Questions[qi].NotAsked && (w.mask == nil || w.mask[qi])
}

// questions is the wave's questionnaire; the model's own for a run made
// without one (the Rescorer's variants of a model without waves).
func (w *waveRun) questions() *Model {
	if w.q == nil {
		return w.m
	}
	return w.q
}

// qplan is what a run needs to know of question qi before reading its
// answers: the question as the wave asked it, whether the run reads it
// and whether it is derived from others. points needs it once per unit
// and question; plan works it out once per run.
type qplan struct {
	q       *Question
	asked   bool
	derived bool
}

// plan works out every question's qplan; call it before the workers
// start (points works without it, only slower).
func (w *waveRun) plan() {
	w.plans = make([]qplan, len(w.m.Questions))
	w.direct = make([]directRead, len(w.m.Questions))
	for qi := range w.plans {
		pl := w.makePlan(qi)
		w.plans[qi] = pl
		// Numeric questions are read by the treatment stage (treatsNumbers),
		// so a question read directly is never treated: points needs not
		// ask, and a Scratch, which sets its treatment after plan, agrees.
		if sc := pl.q.Scale; pl.asked && !pl.derived && sc != nil && sc.Kind != ScaleMulti && !treatsNumbers(pl.q) && sc.indexedExactly() {
			w.direct[qi] = directRead{sc: sc, reverse: pl.q.Reverse}
		}
	}
}

func (w *waveRun) makePlan(qi int) qplan {
	q := w.questions().Questions[qi]
	return qplan{q: q, asked: w.asks(qi), derived: len(q.From) > 0}
}

func (w *waveRun) planOf(qi int) qplan {
	if w.plans != nil {
		return w.plans[qi]
	}
	return w.makePlan(qi)
}

// maxPoints is child c's points possible in this run (see maxPts).
func (w *waveRun) maxPoints(c int) float64 {
	if w.maxPts == nil {
		return w.m.Nodes[c].MaxPoints
	}
	return w.maxPts[c]
}

// allocate makes the units' results with room for their node scores.
func (w *waveRun) allocate() {
	m := w.m
	n := len(w.rs)
	if w.units == nil {
		w.units = make([]UnitResult, n)
	}
	w.maxPts = m.maxPointsAsked(w.asks)
	workers := w.workers()
	lay := coverageSlots(m, w.questions())
	w.slot = lay.slot
	// Each worker allocates the node scores of its own units: one large
	// allocation made by one goroutine was, with the collector's assist
	// and the zeroing, a seventh of scoring the national data.
	parallel(workers, func(wk *worker, i int) {
		if wk.nodes.flags == nil {
			wk.nodes = newNodeBlock(wk.hi-wk.lo, lay)
		}
		j := i - wk.lo
		resp := w.rs[i]
		u := &w.units[i]
		u.Wave, u.Unit, u.Response = w.wave, resp.Unit, resp
		u.SizeClass = m.SizeClass(resp.Unit.Population)
		if v := resp.Unit.Attrs["size_class"]; v != "" {
			u.SizeClass = v
		}
		u.Nodes = wk.nodes.unit(j)
	})
}

// aggregate scores every unit's nodes bottom-up and returns the workers,
// which hold the issues they found. With finish it also finishes every
// unit (finishUnit): without imputation right after scoring its nodes,
// while they are still in the cache (a pass of its own over every unit's
// node scores waited on memory for each: at 100,000 units it took the
// second most of the last-level cache misses), with imputation after
// every node.
func (w *waveRun) aggregate(finish bool) []*worker {
	m := w.m
	workers := w.workers()
	leaves, inner := w.partition()
	w.plan()
	steps, at := w.leafSteps(leaves)
	w.childWeights(inner)
	if w.groupOf == nil {
		// Without imputation every unit is independent: score each one
		// bottom-up in a single pass over its own nodes.
		parallel(workers, func(wk *worker, i int) {
			wk.leaves(i, steps, at)
			for _, ni := range inner {
				wk.inner(i, m.Nodes[ni], nil)
			}
			if finish {
				wk.finishUnit(i)
			}
		})
		return workers
	}
	// Imputation needs every unit's score of a child before any parent:
	// go node by node, group means in between.
	parallel(workers, func(wk *worker, i int) { wk.leaves(i, steps, at) })
	var means []float64
	for _, ni := range inner {
		node := m.Nodes[ni]
		if node.Policy == Impute {
			means = w.groupMeans(node, means)
		}
		parallel(workers, func(wk *worker, i int) { wk.inner(i, node, means) })
	}
	if finish {
		parallel(workers, func(wk *worker, i int) { wk.finishUnit(i) })
	}
	return workers
}

// worker is the mutable state of one goroutine scoring a contiguous range
// of units. Issues are kept per worker and appended in worker order, so
// the result does not depend on scheduling.
type worker struct {
	w      *waveRun
	lo, hi int       // units [lo, hi)
	nodes  nodeBlock // the node scores of units [lo, hi)
	buf    []weighted
	issues []Issue // found while scoring
	late   []Issue // found while finishing (finishUnit)
	// src is the source of the last response leaves read, and placed
	// whether it has a place for every question a step reads directly.
	src    *Source
	placed bool
	// memos remember, per answer book the worker met, what each step and
	// scale made of each code (bookMemo); memo is the one used last.
	memos []*bookMemo
	memo  *bookMemo
}

// bookMemo is a worker's memo of the answers of one AnswerBook: what each
// leaf step read from each code (leaves), and what a multi-select scale
// parsed each code as (parseMemo). Each distinct answer is read once per
// step, not once per cell: a code is an index, where finding a raw answer
// again took a hash of its text. The book is read-only while scoring, so
// its codes are as many as when the memo was made.
type bookMemo struct {
	book   *AnswerBook
	steps  [][]stepRead // per leaf step, per code; nil until the step is read
	parsed [][]parsedAnswer
}

// stepRead is what leaves made of one code at one step: state 0 not read
// yet, 2 not readable directly (the full way, which records the finding),
// 1 read into a node whose flags hold its coverage, 3 read into any other
// node. In state 1, v and flags are what settle writes for the answer
// (settled): with them, leaves writes a code met before in two stores
// instead of settling it again, the innermost step of scoring. They
// depend on the step's node, which is the same for the worker's life:
// workers are made for one aggregate, over one set of steps. In state 3,
// st and v are the status and points read, which leafStep settles. One
// field serves as the score and the points so that an entry takes 16
// bytes: memoRun finds it by a shift.
type stepRead struct {
	v     float64
	st    Status
	state uint8
	flags uint8
}

// parsedAnswer is a multi-select scale's Parse of one code; has says it
// was parsed.
type parsedAnswer struct {
	a   Answer
	has bool
}

// memoOf returns the worker's memo of the book of r's answers, or nil for
// a book of one response (AnswersOf), whose memo would serve once.
func (wk *worker) memoOf(r *Response) *bookMemo {
	b := r.Answers.book
	if b == nil || b.single {
		return nil
	}
	if wk.memo != nil && wk.memo.book == b {
		return wk.memo
	}
	for _, m := range wk.memos {
		if m.book == b {
			wk.memo = m
			return m
		}
	}
	wk.memo = &bookMemo{book: b}
	wk.memos = append(wk.memos, wk.memo)
	return wk.memo
}

// parseMemo is parse for the worker: a multi-select answer ("Alpha;Beta;
// Gamma") is split and each item looked up by Parse only the first time
// the worker meets that code of the question; after that an index finds
// it. Parse is a function of the scale and the raw answer alone, so the
// result is the same; the caller records an invalid answer at its row and
// column as before.
func (wk *worker) parseMemo(q *Question, r *Response, qi int) Answer {
	raw, ok := answer(r, qi)
	if !ok {
		return Answer{Status: Blank}
	}
	if q.Scale.Kind != ScaleMulti || isBlank(raw) {
		return q.Scale.Parse(raw)
	}
	bm := wk.memoOf(r)
	if bm == nil {
		return q.Scale.Parse(raw)
	}
	if bm.parsed == nil {
		bm.parsed = make([][]parsedAnswer, len(wk.w.m.Questions))
	}
	if bm.parsed[qi] == nil {
		bm.parsed[qi] = make([]parsedAnswer, bm.book.narrowCodes(qi))
	}
	c := r.Answers.codes[qi]
	if int(c) >= len(bm.parsed[qi]) {
		return q.Scale.Parse(raw)
	}
	pa := &bm.parsed[qi][c]
	if !pa.has {
		pa.a, pa.has = q.Scale.Parse(raw), true
	}
	return pa.a
}

// readMulti reads a multi-select answer in leaves' loop as points reads
// it: from its scale's Parse (remembered by parseMemo), and reports false
// for a blank or an answer outside the scale, for the full way, which
// records.
func (wk *worker) readMulti(f *leafStep, r *Response) (Status, float64, bool) {
	if isBlank(r.Answers.At(f.qi)) {
		return 0, 0, false // blank: the full way decides what "nothing ticked" is
	}
	pl := wk.w.planOf(f.qi)
	a := wk.parseMemo(pl.q, r, f.qi)
	switch {
	case a.Status == Invalid:
		return 0, 0, false
	case a.Status != Answered:
		return a.Status, 0, true
	}
	p := a.Value
	if f.number {
		p = f.sc.Points(p)
	}
	if f.reverse {
		p = 1 - p
	}
	return Answered, p, true
}

// readStep reads step k's answer of response r in leaves' loop the first
// time the worker meets its code (directRead.read, or readMulti), and
// remembers it; ok false sends it the full way. leaves finds the codes
// met before itself.
func (wk *worker) readStep(k int, f *leafStep, r *Response, bm *bookMemo) (Status, float64, bool) {
	if bm == nil {
		return wk.readOnce(f, r)
	}
	c := r.Answers.codes[f.qi]
	memo := bm.steps[k]
	if memo == nil {
		memo = makeWritten[stepRead](bm.book.narrowCodes(f.qi))
		bm.steps[k] = memo
	}
	st, p, ok := wk.readOnce(f, r)
	if !ok && r.Answers.At(f.qi) == "" {
		// An empty cell, which the reads above leave to the full way
		// (points): that parses it by Parse("") and, unless it is answered
		// or invalid (neither of which an empty cell is outside a
		// multi-select whose empty cell ticks nothing), settles the status
		// alone, the same for every response leaves reads directly (it has
		// a place for the question). Nationally a twentieth of the cells,
		// each a call of leaf, points and Parse.
		if a := f.sc.Parse(""); a.Status != Answered && a.Status != Invalid {
			st, p, ok = a.Status, 0, true
		}
	}
	if int(c) < len(memo) {
		sr := &memo[c]
		switch {
		case ok && f.flat:
			sr.state = 1
			sr.v, sr.flags = settled(f.n, st, p)
		case ok:
			sr.st, sr.v, sr.state = st, p, 3
		default:
			sr.state = 2
		}
	}
	return st, p, ok
}

// readOnce reads step f's answer of response r as leaves does.
func (wk *worker) readOnce(f *leafStep, r *Response) (Status, float64, bool) {
	if f.multi {
		return wk.readMulti(f, r)
	}
	return f.read(r.Answers.At(f.qi))
}

// minChunk is the fewest units worth a goroutine of their own.
const minChunk = 256

// workers splits the wave's units into one contiguous range per CPU.
func (w *waveRun) workers() []*worker {
	n := len(w.units)
	p := max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
	out := make([]*worker, p)
	for i := range out {
		out[i] = &worker{w: w, lo: i * n / p, hi: (i + 1) * n / p}
	}
	return out
}

// parallel calls fn for every unit, each worker on its own range.
func parallel(workers []*worker, fn func(wk *worker, i int)) {
	if len(workers) == 1 {
		for i := workers[0].lo; i < workers[0].hi; i++ {
			fn(workers[0], i)
		}
		return
	}
	var wg sync.WaitGroup
	for _, wk := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := wk.lo; i < wk.hi; i++ {
				fn(wk, i)
			}
		}()
	}
	wg.Wait()
}

// finishUnit decides unit i's level and notes the nodes it could not
// score for lack of answers (Model.ShortOfAnswers).
func (wk *worker) finishUnit(i int) {
	w := wk.w
	u := &w.units[i]
	nodes := u.Nodes
	u.Level, u.Blocking = w.m.Levels.decide(nodes.At(0), nodes.At)
	flags := nodes.flags
	// Most nodes are scored: eight flags at a time say which are not
	// (short), and only those are looked at, in order.
	for base := 0; base < len(flags); base += 8 {
		var x uint64
		if base+8 <= len(flags) {
			x = binary.LittleEndian.Uint64(flags[base:])
		} else {
			var word [8]byte // past the last node: Scored
			copy(word[:], flags[base:])
			x = binary.LittleEndian.Uint64(word[:])
		}
		for m := short(x); m != 0; m &= m - 1 {
			ni := base + bits.TrailingZeros64(m)/8
			s := nodes.At(ni)
			if !w.m.ShortOfAnswers(ni, s) {
				continue
			}
			node := w.m.Nodes[ni]
			u.LowCoverage = true
			// 59.7 % answered of 60 % needed reads "59.7", never "60".
			answered, needed := NewRoundingAt(0, 100*node.MinCoverage).Text(100*s.Coverage), Fixed(100*node.MinCoverage, 0)
			wk.late = append(wk.late, Issue{Kind: IssueLowCoverage, Place: u.Response.Position(-1),
				Wave: w.wave, Unit: u.Unit.ID, Node: node.ID,
				Message: fmt.Sprintf("%s: %s not scored: %s %% answered, %s %% needed", u.Unit.ID, node.Name, answered, needed),
				Cause:   CauseLowCoverage, Args: []string{string(u.Unit.ID), node.Name, answered, needed}})
		}
	}
}

// short marks which of eight nodes' flags x (little-endian, one byte
// each) hold the state Missing or NotRated, 0b001 or 0b010: the lowest bit
// of byte j is set where, in byte j's three state bits, bit 0 differs from
// bit 1 and bit 2 is clear (no other state has that: Scored 0b000,
// NotApplies 0b011, Unasked 0b100). Shifting the word moves each byte's
// bits 1 and 2 onto its bit 0; the mask keeps the bits 0.
func short(x uint64) uint64 {
	return (x ^ x>>1) &^ (x >> 2) & 0x0101010101010101
}

// ShortOfAnswers reports whether node ni went unscored, as s says, for
// want of answers: answered below its minimum coverage (NotRated), or a
// dimension or the overall score with a minimum of which nothing was
// answered (Missing), which is as much below it. Findings, flags and
// every list of areas not scored follow it: counting only the first,
// check named one dimension of six for a municipality that answered 7 of
// 40 questions. An indicator without an answer is a question not
// answered, and a node without a minimum needs none.
func (m *Model) ShortOfAnswers(ni int, s NodeScore) bool {
	n := m.Nodes[ni]
	return s.State == NotRated || s.State == Missing && n.Kind != KindIndicator && n.MinCoverage > 0
}

// partition splits node indices into leaves and inner nodes; inner nodes
// come children first, so one pass in that order aggregates bottom-up.
func (w *waveRun) partition() (leaves, inner []int) {
	for i := len(w.m.Nodes) - 1; i >= 0; i-- {
		if w.m.Nodes[i].Kind == KindIndicator {
			leaves = append(leaves, i)
		} else {
			inner = append(inner, i)
		}
	}
	slices.Reverse(leaves)
	return leaves, inner
}

// answer returns the raw answer of response r to question q, and whether
// the input had a place for it at all: an input without a column for a
// question (an optional question, or answers built by hand that stop
// early) did not ask it there, and its empty answer must not be read as
// "nothing ticked" (Scale.EmptyNone).
func answer(r *Response, q int) (string, bool) {
	if q >= r.Answers.Len() {
		return "", false
	}
	if src := r.Source; src != nil && q < len(src.Columns) && src.Columns[q] == 0 && (q >= len(src.Rows) || src.Rows[q] == 0) {
		return "", false
	}
	return r.Answers.At(q), true
}

// parse reads answer q of r through the question's scale: Blank when the
// input had no place for it.
func parse(q *Question, r *Response, qi int) (Answer, string) {
	raw, ok := answer(r, qi)
	if !ok {
		return Answer{Status: Blank}, raw
	}
	return q.Scale.Parse(raw), raw
}

// points returns the status and points in [0, 1] of answer q of unit i,
// the share of it not answered (Input.Unanswered: of a question merged
// from parts, the parts not answered; else 0), and whether the points
// were imputed by the treatment stage, recording
// answers outside the scale as issues. Numeric questions were read and
// treated over the whole wave (treatWave); the others are read here.
func (wk *worker) points(i, qi int) (Status, float64, float64, bool) {
	w := wk.w
	if qi < len(w.direct) && w.direct[qi].sc != nil {
		if raw, ok := answer(w.rs[i], qi); ok {
			if st, p, ok := w.direct[qi].read(raw); ok {
				return st, p, 0, false
			}
		}
	}
	pl := w.planOf(qi)
	if !pl.asked {
		return NotAsked, 0, 0, false
	}
	q := pl.q
	resp := w.rs[i]
	if pl.derived {
		return derivedPoints(w.questions(), resp, q, wk.invalid)
	}
	if w.treated != nil && w.treated[qi] != nil {
		v := &w.treated[qi].Values[i]
		if v.Status == Invalid {
			wk.invalid(q, resp, qi) // and it may have been imputed
		}
		st, p, imp := v.read()
		return st, p, 0, imp
	}
	a := wk.parseMemo(q, resp, qi)
	switch a.Status {
	case Answered:
	case Invalid:
		wk.invalid(q, resp, qi)
		return Invalid, 0, 0, false
	default:
		return a.Status, 0, 0, false
	}
	p := a.Value
	if q.Scale.numeric() {
		p = q.Scale.Points(p) // a number read plainly (readsPlainly)
	}
	if q.Reverse {
		p = 1 - p
	}
	return Answered, p, 0, false
}

// derivedPoints reads a question a later wave split or merged, from the
// questions it is derived from in questionnaire qm (Question.From): the
// mean points of those answered, reversed where the model says so, and
// the share of the parts that apply not answered (unknown, blank or
// outside the scale: unanswered) — the question is answered that far,
// and under the missing policy zero those parts count 0 (answerValue);
// without any answered, not applicable when all were, else unknown when
// one was, else blank. Parts not applicable leave it. Its sources are
// read through their scales alone (the loader allows no scale normalised
// over a wave there).
func derivedPoints(qm *Model, r *Response, q *Question, invalid func(q *Question, resp *Response, qi int)) (st Status, p, unanswered float64, imputed bool) {
	var sum float64
	n, na, missing, unknown := 0, 0, 0, false
	for _, s := range q.From {
		sq := qm.Questions[s]
		a, _ := parse(sq, r, s)
		switch a.Status {
		case Answered:
			p := a.Value
			if sq.Scale.numeric() {
				p = sq.Scale.Points(p)
			}
			sum += p
			n++
		case NotApplicable:
			na++
		case Unknown:
			unknown = true
			missing++
		case Invalid:
			if invalid != nil {
				invalid(sq, r, s)
			}
			missing++
		default:
			missing++
		}
	}
	switch {
	case n > 0:
		p := sum / float64(n)
		if q.Reverse {
			p = 1 - p
		}
		if missing > 0 {
			unanswered = float64(missing) / float64(n+missing)
		}
		return Answered, p, unanswered, false
	case na == len(q.From):
		return NotApplicable, 0, 0, false
	case unknown:
		return Unknown, 0, 0, false
	}
	return Blank, 0, 0, false
}

// answerValue is an answered question's value in indicator n: its points
// on 0–100, and where part of it is not answered (a question merged from
// parts, Input.Unanswered) under the missing policy zero, those parts
// counting 0 — as they would had the parts been asked apart.
func answerValue(n *Node, p, unanswered float64) float64 {
	if unanswered > 0 && n.Policy == Zero {
		return p * (1 - unanswered) * 100
	}
	return p * 100
}

// invalid records that unit resp's answer to q is not in q's scale.
func (wk *worker) invalid(q *Question, resp *Response, qi int) {
	if wk.w.quiet {
		return
	}
	raw, _ := answer(resp, qi)
	kind, msg := IssueUnknownAnswer, fmt.Sprintf("question %s: answer %q is not in scale %q; treated as not answered", q.ID, raw, q.Scale.ID)
	cause, args := CauseUnknownAnswer, []string{string(q.ID), raw, q.Scale.ID}
	switch {
	case q.Scale.AmbiguousNumber(raw):
		msg = fmt.Sprintf("question %s: %q is a number with decimals if its separator marks decimals, a whole number if it separates thousands; treated as not answered (set decimal: comma or decimal: point on scale %q)", q.ID, raw, q.Scale.ID)
		cause = CauseAmbiguousNumber
	case q.Scale.Kind == ScaleNumeric && isPercent(raw):
		msg = fmt.Sprintf("question %s: %q is a percentage, but scale %q does not run from 0 to 100; treated as not answered", q.ID, raw, q.Scale.ID)
		cause = CausePercentAnswer
	case q.Scale.OutOfRange(raw):
		kind, msg = IssueOutOfRange, fmt.Sprintf("question %s: %q is out of range; treated as not answered", q.ID, raw)
		cause, args = CauseOutOfRange, args[:2]
	}
	wk.issues = append(wk.issues, Issue{Kind: kind, Place: resp.Position(qi), Wave: wk.w.wave,
		Unit: resp.Unit.ID, Question: q.ID, Value: raw, Message: msg, Cause: cause, Args: args})
}

// leaf scores indicator n for unit i from its questions.
func (wk *worker) leaf(i int, n *Node) {
	w := wk.w
	nodes := &w.units[i].Nodes
	if len(n.Questions) == 1 {
		wk.single(nodes, n, i)
		return
	}
	inc := wk.buf[:0]
	var applicable, answered float64
	imputed, unasked := false, true
	for j, qi := range n.Questions {
		wt := n.QWeights[j]
		st, p, un, imp := wk.points(i, qi)
		unasked = unasked && st == NotAsked
		switch st {
		case NotApplicable, NotAsked:
			continue
		case Answered:
			if !imp {
				answered += wt * (1 - un) // imputed numbers count as not answered
			}
			imputed = imputed || imp
			inc = append(inc, weighted{wt, answerValue(n, p, un)})
		default:
			if n.Policy == Zero {
				inc = append(inc, weighted{wt, 0})
			}
		}
		applicable += wt
	}
	st, cov := finish(n, inc, applicable, answered, &nodes.scores[n.Index])
	if st == NotApplies && unasked {
		st = Unasked
	}
	nodes.put(n.Index, st, cov, imputed)
	wk.buf = inc
}

// single scores an indicator read from one question, the common case,
// exactly as leaf would (with one value every aggregation is that value)
// but without collecting values first: it is the innermost step of
// scoring, once per unit and indicator.
func (wk *worker) single(nodes *NodeScores, n *Node, i int) {
	st, p, un, imp := wk.points(i, n.Questions[0])
	settle(nodes, n, st, p, un, imp)
}

// leafStep is how leaves scores indicator n. A single-question indicator
// read directly (directRead: sc set) or from the treatment stage (tq set)
// is scored in place; any other, and any answer those steps do not read
// as the common case, goes to leaf.
type leafStep struct {
	n  *Node
	qi int
	directRead
	// multi marks a multi-select question read by its worker's memo
	// (readMulti); directRead then holds its scale and reading.
	multi bool
	tq    *TreatedQuestion
	// flat says that n keeps its coverage with its flags (no slot apart,
	// see coverageSlots): a code met before is then written in two
	// stores (stepRead's state written).
	flat bool
}

// leafAt is where leaves' loop finds step k's answer and writes its
// score: question qi, node idx. A slice of them apart from the steps
// keeps that loop on 8 bytes a step.
type leafAt struct{ qi, idx int32 }

// leafSteps makes the steps of the indicators leaves lists, in that order,
// and where each reads and writes (leafAt).
func (w *waveRun) leafSteps(leaves []int) ([]leafStep, []leafAt) {
	steps := make([]leafStep, len(leaves))
	at := make([]leafAt, len(leaves))
	w.need, w.directQs = 0, w.directQs[:0]
	for k, li := range leaves {
		n := w.m.Nodes[li]
		steps[k].n = n
		steps[k].flat = w.slot != nil && w.slot[li] < 0
		if len(n.Questions) != 1 {
			continue
		}
		qi := n.Questions[0]
		switch pl := w.planOf(qi); {
		case qi < len(w.direct) && w.direct[qi].sc != nil:
			steps[k].qi, steps[k].directRead = qi, w.direct[qi]
		case pl.asked && !pl.derived && w.treated != nil && w.treated[qi] != nil:
			steps[k].qi, steps[k].tq = qi, w.treated[qi]
			continue
		case pl.asked && !pl.derived && pl.q.Scale != nil && pl.q.Scale.Kind == ScaleNumeric && readsPlainly(pl.q) && pl.q.Scale.indexedExactly():
			// Not treated in this run (the stage is worked out when an
			// output asks: Results.Treated), so read as points would.
			steps[k].qi, steps[k].directRead = qi, directRead{sc: pl.q.Scale, reverse: pl.q.Reverse, number: true}
		case pl.asked && !pl.derived && pl.q.Scale != nil && pl.q.Scale.Kind == ScaleMulti && readsPlainly(pl.q):
			sc := pl.q.Scale
			steps[k].qi, steps[k].multi, steps[k].directRead = qi, true, directRead{sc: sc, reverse: pl.q.Reverse, number: sc.numeric()}
		default:
			continue
		}
		w.need = max(w.need, qi+1)
		w.directQs = append(w.directQs, qi)
	}
	for k, f := range steps {
		at[k].idx = int32(f.n.Index)
		if f.multi || f.sc != nil {
			// Below need: a response leaves reads directly has its code.
			// The others read question 0, which it has as well (need > 0),
			// and find no memo.
			at[k].qi = int32(f.qi)
		}
	}
	return steps, at
}

// leaves scores unit i's indicators, steps in order (so that the answers
// outside their scale are recorded in the order leaf records them). It is
// the innermost loop of scoring, once per unit and indicator: the common
// answer — found in its scale's index, or a treated number — is read and
// settled here, exactly as points and single read and settle it, without
// their calls and the checks they make per answer that hold for the whole
// response (it has every step's answer, its source a place for each).
//
// The commonest of all, a code the worker met before at the step, into a
// node whose flags hold its coverage, is two stores of what the memo
// remembers (stepRead, state 1); every other cell goes to leafStep.
func (wk *worker) leaves(i int, steps []leafStep, at []leafAt) {
	w := wk.w
	resp := w.rs[i]
	nodes := &w.units[i].Nodes
	direct := resp.Answers.Len() >= w.need && wk.placesAll(resp.Source)
	bm := wk.memoOf(resp)
	if bm == nil || !direct || w.need == 0 {
		for k := range steps {
			wk.leafStep(i, k, &steps[k], resp, nodes, direct, bm)
		}
		return
	}
	if bm.steps == nil {
		bm.steps = make([][]stepRead, len(steps))
	}
	memos, codes := bm.steps, resp.Answers.codes
	scores, flags := nodes.scores, nodes.flags
	for k := memoRun(0, at, memos, codes, scores, flags); k < len(at); k = memoRun(k+1, at, memos, codes, scores, flags) {
		wk.leafStep(i, k, &steps[k], resp, nodes, direct, bm)
	}
}

// memoRun writes the cells of leaves from step k on that are codes met
// before into a node whose flags hold its coverage (stepRead state 1), up
// to the first that is not, and returns that step (len(at) after the
// last). A step read from no memo (a treated number, or leaf) has none.
// Its loop calls nothing, so its values stay in registers: inside leaves,
// leafStep's call made the compiler reload them for every cell (a third
// of the loop's instructions).
//
//go:noinline
func memoRun(k int, at []leafAt, memos [][]stepRead, codes []uint16, scores []float64, flags []uint8) int {
	memos = memos[:len(at)]
	flags = flags[:len(scores)] // one bounds check serves both
	for ; k < len(at); k++ {
		a := at[k]
		memo, c := memos[k], codes[a.qi]
		if uint(c) >= uint(len(memo)) || memo[c].state != 1 {
			break
		}
		scores[a.idx], flags[a.idx] = memo[c].v, memo[c].flags
	}
	return k
}

// leafStep scores step k of leaves for unit i (response resp, node scores
// nodes), as leaves' loop did before it wrote the codes met before in
// place: from its memo, read and remembered (readStep), from the
// treatment, or by leaf. Kept out of leaves, so that leaves' loop keeps
// its values in registers.
//
//go:noinline
func (wk *worker) leafStep(i, k int, f *leafStep, resp *Response, nodes *NodeScores, direct bool, bm *bookMemo) {
	switch {
	case (f.multi || f.sc != nil) && direct:
		if bm != nil {
			// A code met before: what it read as, without reading it again.
			if memo := bm.steps[k]; int(resp.Answers.codes[f.qi]) < len(memo) {
				switch sr := &memo[resp.Answers.codes[f.qi]]; sr.state {
				case 1:
					nodes.scores[f.n.Index], nodes.flags[f.n.Index] = sr.v, sr.flags
					return
				case 3:
					settle(nodes, f.n, sr.st, sr.v, 0, false)
					return
				case 2:
					wk.leaf(i, f.n)
					return
				}
			}
		}
		if st, p, ok := wk.readStep(k, f, resp, bm); ok {
			settle(nodes, f.n, st, p, 0, false)
			return
		}
	case f.tq != nil:
		if v := &f.tq.Values[i]; v.Status != Invalid {
			st, p, imp := v.read()
			settle(nodes, f.n, st, p, 0, imp)
			return
		}
	}
	wk.leaf(i, f.n)
}

// placesAll reports whether source src has a place for every question a
// step reads directly (see answer), remembering the answer for the last
// source asked: a wave's responses come from a few files.
func (wk *worker) placesAll(src *Source) bool {
	if src == nil {
		return true
	}
	if src != wk.src {
		wk.src, wk.placed = src, true
		for _, qi := range wk.w.directQs {
			if qi < len(src.Columns) && src.Columns[qi] == 0 && (qi >= len(src.Rows) || src.Rows[qi] == 0) {
				wk.placed = false
			}
		}
	}
	return wk.placed
}

// read is what points makes of a treated number that is not invalid: its
// status, points and whether it was imputed.
func (v *TreatedValue) read() (Status, float64, bool) {
	switch {
	case v.Has:
		return Answered, v.points, v.Flags&TreatImputed != 0
	case v.Status == Answered:
		return Blank, 0, false // a division by zero: the number is missing
	}
	return v.Status, 0, false
}

// kid is a child of an inner node as innerMean reads it: its index c,
// its weight w and where its coverage is kept (NodeScores.slot): the
// slot is the same for every unit, and looking it up per unit was a
// register and a load more in innerMean's loop.
type kid struct {
	w    float64
	c    int32
	slot int32
}

// childWeights works out, for every inner node, its children's weights as
// innerMean weighs them, once per run instead of once per unit.
func (w *waveRun) childWeights(inner []int) {
	w.kids = make([][]kid, len(w.m.Nodes))
	for _, ni := range inner {
		n := w.m.Nodes[ni]
		w.kids[ni] = w.weighChildren(n, nil)
	}
}

// weighChildren appends node n's children to buf, each with its weight:
// under a Sum times the child's points possible in this run.
func (w *waveRun) weighChildren(n *Node, buf []kid) []kid {
	for _, c := range n.Children {
		wt := w.m.Nodes[c].Weight
		if n.Aggregation == Sum {
			wt *= w.maxPoints(c)
		}
		buf = append(buf, kid{w: wt, c: int32(c), slot: w.slot[c]})
	}
	return buf
}

// settle sets the score of indicator n, read from one question, in nodes
// from the question's status and points (see points). The score is left
// as it was unless set: the node scores are fresh (allocate) or reset
// (Scratch), so it is 0 then.
func settle(nodes *NodeScores, n *Node, st Status, p, unanswered float64, imp bool) {
	settleAt(nodes, n.Index, n, st, p, unanswered, imp)
}

// settleAt is settle into the scores' node i, which is n's place in them.
func settleAt(nodes *NodeScores, i int, n *Node, st Status, p, unanswered float64, imp bool) {
	state, cov := Scored, 0.0
	switch {
	case st == NotApplicable:
		state = NotApplies
	case st == NotAsked:
		state = Unasked
	case st == Answered && imp:
		nodes.scores[i] = p * 100 // imputed: not answered, coverage 0
	case st == Answered:
		nodes.scores[i], cov = answerValue(n, p, unanswered), 1-unanswered
	case n.Policy == Zero:
		nodes.scores[i] = 0
	default:
		state = Missing
	}
	if state == Scored && cov < n.MinCoverage-1e-12 {
		state = NotRated
	}
	nodes.put(i, state, cov, st == Answered && imp)
}

// settled is what settle(nodes, n, st, p, 0, false) writes into node
// scores that keep n's coverage with its flags (no slot apart): n's score
// and flags. settle leaves the score as it was where it sets none, which
// in fresh or reset node scores is 0 (see settle), as here.
func settled(n *Node, st Status, p float64) (float64, uint8) {
	var score [1]float64
	var flags [1]uint8
	slot := [1]int32{-1}
	ns := NodeScores{scores: score[:], flags: flags[:], slot: slot[:]}
	settleAt(&ns, 0, n, st, p, 0, false)
	return score[0], flags[0]
}

type weighted struct{ w, v float64 }

// finish aggregates the included values and decides the node's state.
func finish(n *Node, inc []weighted, applicable, covered float64, score *float64) (State, float64) {
	if applicable == 0 {
		return NotApplies, 0
	}
	cov := covered / applicable
	if len(inc) == 0 {
		return Missing, cov
	}
	*score = aggregate(n.Aggregation, inc)
	if cov < n.MinCoverage-1e-12 {
		return NotRated, cov
	}
	return Scored, cov
}

// aggregate combines weighted scores on 0–100. For Sum the weights already
// carry the children's maximum points, so Sum is the weighted mean too:
// points earned ÷ points possible.
func aggregate(a Aggregation, xs []weighted) float64 {
	switch a {
	case Minimum:
		v := xs[0].v
		for _, x := range xs[1:] {
			v = min(v, x.v)
		}
		return v
	case Maximum:
		v := xs[0].v
		for _, x := range xs[1:] {
			v = max(v, x.v)
		}
		return v
	case Geometric:
		var sw, sl float64
		lo, hi := xs[0].v, xs[0].v
		for _, x := range xs {
			if x.v <= 0 {
				return 0
			}
			sw += x.w
			sl += x.w * math.Log(x.v)
			lo, hi = min(lo, x.v), max(hi, x.v)
		}
		return clampTo(math.Exp(sl/sw), lo, hi)
	}
	var sw, sv float64
	lo, hi := xs[0].v, xs[0].v
	for _, x := range xs {
		sw += x.w
		sv += x.w * x.v
		lo, hi = min(lo, x.v), max(hi, x.v)
	}
	return clampTo(sv/sw, lo, hi)
}

// clampTo keeps a mean within the range [lo, hi] of the values it
// averages. Rounding can put a mean of values that are all 100 at
// 100.00000000000001 or 99.99999999999999; the clamp keeps such means
// exact, so that scores stay in 0–100 and equal units stay tied.
func clampTo(v, lo, hi float64) float64 { return min(max(v, lo), hi) }

// inner aggregates node n for unit i from its children's scores.
func (wk *worker) inner(i int, n *Node, means []float64) {
	if n.Aggregation == Mean || n.Aggregation == Sum {
		wk.innerMean(i, n, means)
		return
	}
	wk.innerAny(i, n, means)
}

// innerAny is inner for any aggregation: it collects the values included
// and hands them to finish and aggregate. innerMean computes the same for
// a weighted mean, and falls back on it where its shortcut cannot tell.
func (wk *worker) innerAny(i int, n *Node, means []float64) {
	w := wk.w
	u := &w.units[i]
	inc := wk.buf[:0]
	var applicable, covered float64
	imputed, unasked := false, true
	kids := w.kids[n.Index]
	for j, c := range n.Children {
		cs := u.Nodes.At(c)
		wt := kids[j].w
		unasked = unasked && cs.State == Unasked
		if cs.State == NotApplies || cs.State == Unasked {
			continue
		}
		applicable += wt
		covered += wt * cs.Coverage
		imputed = imputed || cs.Imputed
		switch {
		case cs.State == Scored:
			inc = append(inc, weighted{wt, cs.Score})
		case n.Policy == Zero:
			inc = append(inc, weighted{wt, 0})
		case n.Policy == Impute && means != nil:
			if v, ok := w.imputeValue(means, c, i); ok {
				inc = append(inc, weighted{wt, v})
				imputed = true
			}
		}
	}
	st, cov := finish(n, inc, applicable, covered, &u.Nodes.scores[n.Index])
	if st == NotApplies && unasked {
		st = Unasked
	}
	u.Nodes.put(n.Index, st, cov, imputed)
	wk.buf = inc
}

// innerMean is inner for a weighted mean (or a Sum, whose weights carry
// the children's points): the same sums in the same order as finish and
// aggregate compute them, without collecting the values first. It is,
// with leaves, the innermost step of scoring: once per unit and child.
//
// Only the range of the values, which the mean is clamped to (clampTo),
// is found otherwise: by comparisons (meanOf), where aggregate takes Go's
// min and max, whose rules for NaN and −0 cost a dozen instructions per
// value. meanOf's lo is the least value, its hi the greatest of those
// that were not the least so far when met (a value is compared with hi
// only when it is not below lo): both are values of the node (or ±∞ while
// none is), hi at most the greatest. The two ways agree wherever the mean
// m lies strictly between lo and hi, and only there is m kept as it is:
//   - a value NaN makes m NaN (its product with the weight, and every sum
//     with that, is NaN), and m is then between nothing;
//   - without NaN, Go's min of the values is lo as a number (they differ
//     at most in the sign of a zero: min prefers −0), and Go's max is at
//     least hi;
//   - so lo < m < hi says m is above Go's minimum and below its maximum,
//     equal to neither, and then max(m, min) and min(that, max) are m, bit
//     for bit (a tie of +0 and −0 cannot arise: m is not equal to either).
//
// Anywhere else — m at an end of the range (all values equal, say), NaN,
// an infinity, hi still −∞ (a single value, or values met in falling
// order) — innerAny computes the node again with aggregate's own min and
// max. TestInnerMeanAgainstInnerAny holds the two together on values made
// to hit those cases.
func (wk *worker) innerMean(i int, n *Node, means []float64) {
	nodes := &wk.w.units[i].Nodes
	scores := nodes.scores
	applicable, covered, sw, sv, lo, hi, seen := meanOf(wk.w.kids[n.Index], nodes.flags, scores, nodes.covs)
	m := sv / sw
	// No child counted (applicable 0: whether the node is Unasked depends
	// on which did not), one missing that counts 0 (Zero) or whose peer
	// group's value replaces it (Impute), no value at all (hi is still
	// −∞), or m not strictly inside the range (see above): all rare (the
	// national data has neither policy), and left to innerAny.
	if applicable == 0 || seen&stateBits != 0 && (n.Policy == Zero || n.Policy == Impute && means != nil) || !(lo < m && m < hi) {
		wk.innerAny(i, n, means)
		return
	}
	cov := covered / applicable
	scores[n.Index] = m
	state := Scored
	if cov < n.MinCoverage-1e-12 {
		state = NotRated
	}
	nodes.put(n.Index, state, cov, seen&imputedFlag != 0)
}

// meanOf is innerMean's loop over the children kids of a node, in the
// node scores flags, scores and covs, a missing child left out. It
// returns the weight that counts (applicable) and its part covered, the
// sums of the weights and of the weighted values included, the range of
// those values found by comparisons (lo and hi as innerMean describes
// them), and the flags of the children that count, together. It is a
// function of its own that calls nothing, so that the compiler keeps its
// values in registers (inside innerMean it kept some on the stack), and it
// leaves the policies Zero and Impute to innerAny (one register less).
//
//go:noinline
func meanOf(kids []kid, flags []uint8, scores, covs []float64) (applicable, covered, sw, sv, lo, hi float64, seen uint) {
	lo, hi = math.Inf(1), math.Inf(-1)
	flags = flags[:len(scores)] // one bounds check serves both
	for _, k := range kids {
		cf := uint(flags[k.c])
		var cov float64 // coverage, as NodeScores.At reads it
		switch {
		case cf&keptFlag != 0:
			cov = covs[k.slot]
		case cf&coveredFlag != 0:
			cov = 1
		}
		if cf&stateBits != uint(Scored) {
			// Not scored: it counts unless it does not apply or was not
			// asked, and has no value.
			if st := State(cf & stateBits); st != NotApplies && st != Unasked {
				applicable += k.w
				covered += k.w * cov
				seen |= cf
			}
			continue
		}
		applicable += k.w
		covered += k.w * cov
		seen |= cf
		v := scores[k.c]
		sw += k.w
		sv += k.w * v
		// Not both tests: a new least value goes on (see innerMean).
		if v < lo {
			lo = v
			continue
		}
		if v > hi {
			hi = v
		}
	}
	return applicable, covered, sw, sv, lo, hi, seen
}

// maxPointsAsked computes every node's full score in points as
// Node.MaxPoints does, counting only the questions asks keeps: a node
// without any is worth 0 points.
func (m *Model) maxPointsAsked(asks func(qi int) bool) []float64 {
	out := make([]float64, len(m.Nodes))
	for ni := len(m.Nodes) - 1; ni >= 0; ni-- {
		n := m.Nodes[ni]
		if n.Kind == KindIndicator {
			for j, qi := range n.Questions {
				if !asks(qi) {
					continue
				}
				if n.Aggregation == Sum {
					out[ni] += n.QWeights[j]
				} else {
					out[ni] = 1
				}
			}
			continue
		}
		var sw, sum float64
		for _, c := range n.Children {
			if out[c] == 0 {
				continue // nothing asked below: it leaves the denominator
			}
			sum += m.Nodes[c].Weight * out[c]
			sw += m.Nodes[c].Weight
		}
		if n.Aggregation == Sum {
			out[ni] = sum
		} else if sw > 0 {
			out[ni] = sum / sw
		}
	}
	return out
}

// imputeGroups assigns each unit its group under Model.ImputeBy, once per
// wave, if any node imputes. A unit without a value for the peer group's
// attribute (or a model without peer groups) gets -1: it imputes from the
// whole wave. The whole wave is the last slot, ngroups-1.
func (w *waveRun) imputeGroups() {
	m := w.m
	if !slices.ContainsFunc(m.Nodes, func(n *Node) bool { return n.Policy == Impute && n.Kind != KindIndicator }) {
		return
	}
	w.assignGroups()
}

// assignGroups assigns each unit its group under Model.ImputeBy (see
// imputeGroups).
func (w *waveRun) assignGroups() {
	m := w.m
	w.groupOf = make([]int, len(w.units))
	ids := map[string]int{}
	for i := range w.units {
		w.groupOf[i] = -1
		if m.ImputeBy < 0 {
			continue
		}
		g := w.res.groupOf(m.ImputeBy, &w.units[i])
		if g == "" {
			continue
		}
		id, ok := ids[g]
		if !ok {
			id = len(ids)
			ids[g] = id
		}
		w.groupOf[i] = id
	}
	w.ngroups = len(ids) + 1
}

// imputeValue returns the value that replaces child c of unit i: the mean
// of c in the unit's peer group, or, when nobody in the group has c scored
// or the unit has no group, the mean of c in the whole wave.
func (w *waveRun) imputeValue(means []float64, c, i int) (float64, bool) {
	if g := w.groupOf[i]; g >= 0 {
		if v := means[c*w.ngroups+g]; !math.IsNaN(v) {
			return v, true
		}
	}
	v := means[c*w.ngroups+w.ngroups-1]
	return v, !math.IsNaN(v)
}

// groupMeans returns, for every child c of n and group g, the mean score
// of c over the units of the group that have it scored (NaN if none), at
// means[c*ngroups+g]; the last group is the whole wave. Values that were
// themselves imputed (somewhere below c) are left out, so imputation never
// feeds on imputation. A mean of fewer units than ImputeFrom allows is NaN
// too: it would be a small group's figure in the imputed unit's scores.
func (w *waveRun) groupMeans(n *Node, buf []float64) []float64 {
	size := len(w.m.Nodes) * w.ngroups
	if cap(buf) < size {
		buf = make([]float64, size)
	}
	buf = buf[:size]
	cnt := make([]int, size)
	ng, all := w.ngroups, w.ngroups-1
	for _, c := range n.Children {
		clear(buf[c*ng : (c+1)*ng])
	}
	// Unit by unit, each child: a unit's node scores lie together, so
	// every cache line is read once. Child by child, every unit's score
	// was a line of its own, read again for each child (an eighth of the
	// Monte Carlo's draws of the Saxony example). Each mean sums its
	// scores in the order of the units either way.
	for i := range w.units {
		nodes := w.units[i].Nodes
		g := w.groupOf[i]
		for _, c := range n.Children {
			if nodes.flags[c]&(stateBits|imputedFlag) != uint8(Scored) { // not scored, or imputed
				continue
			}
			score := nodes.scores[c]
			if g >= 0 {
				buf[c*ng+g] += score
				cnt[c*ng+g]++
			}
			buf[c*ng+all] += score
			cnt[c*ng+all]++
		}
	}
	for _, c := range n.Children {
		for g := 0; g < w.ngroups; g++ {
			k := c*w.ngroups + g
			if !ImputeFrom(cnt[k], w.m.MinGroupSize) {
				buf[k] = math.NaN()
			} else {
				buf[k] /= float64(cnt[k])
			}
		}
	}
	return buf
}
