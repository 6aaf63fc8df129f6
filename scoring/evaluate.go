package scoring

import (
	"cmp"
	"math"
	"slices"
)

// Input is one question's answer as the engine scores it: its status and,
// when Answered, its points in [0, 1] after the scale, normalisation and
// reversal.
type Input struct {
	Status Status
	Points float64
	// Imputed: the treatment stage imputed the number (Status is then
	// Answered); it scores but counts as not answered.
	Imputed bool
	// Unanswered is the share of an answered question not answered: of a
	// question an earlier wave asked as parts a later one merged, the
	// parts that apply but were not answered (see derivedPoints); else 0.
	Unanswered float64
}

// Evaluator scores one unit again from answers it may not have given, for
// what-if projections (package roadmap tries answers one step up their
// scales). It holds what scoring a unit needs from the rest of its wave —
// the observed range of scales normalised over the wave and the means that
// replace missing nodes under the Impute policy — so that each projection
// looks at the unit alone, and gives the node scores Score would give had
// the unit answered so (the other units unchanged). An Evaluator is
// immutable and safe for concurrent use.
type Evaluator struct {
	m    *Model
	q    *Model // the wave's questionnaire (Model.Questionnaire)
	r    *Results
	wave int
	// maxPts are the nodes' points possible in the wave: a question the
	// wave did not ask weighs nothing under a Sum (Model.maxPointsAsked).
	maxPts []float64
	// lo[q], hi[q]: the observed range of question q in the wave, for
	// scales normalised over all units.
	lo, hi []float64
	// means[g][n] is the mean of node n over the units of impute group g
	// that have it scored without imputation (NaN: none); the last group
	// is the whole wave. group maps a group name to its index.
	means [][]float64
	group map[string]int
	// affected[q] lists the nodes whose scores depend on question q,
	// children before parents.
	affected [][]int
	// resume[q][i]: for affected[q][i] a weighted mean or sum, the first of
	// its children that depend on q (where UpdateSums resumes it); else -1.
	resume [][]int
	inner  []int // inner nodes, children before parents
	// treated[q] is question q's treatment stage in the wave (nil: none),
	// looked up once: Inputs reads it for every unit and question.
	treated []*TreatedQuestion
	// weights[n][j] is the weight of node n's child j as node weighs it
	// (times its points possible under a Sum), worked out once for mean.
	weights [][]float64
}

// NewEvaluator prepares projections for the units of wave wi of r.
func NewEvaluator(r *Results, wi int) *Evaluator {
	m := r.Model
	e := &Evaluator{m: m, q: m.questionnaire(r.Waves[wi].ID), r: r, wave: wi}
	e.maxPts = m.maxPointsAsked(func(qi int) bool { return !e.q.Questions[qi].NotAsked })
	units := r.WaveUnits(wi)
	nq := len(m.Questions)
	e.lo, e.hi = make([]float64, nq), make([]float64, nq)
	for qi := range m.Questions {
		q := e.q.Questions[qi]
		e.lo[qi], e.hi[qi] = math.Inf(1), math.Inf(-1)
		if q.Scale == nil || !q.Scale.NeedsWave() || !q.HasColumn() {
			continue
		}
		for i := range units {
			a, _ := parse(q, units[i].Response, qi)
			if a.Status == Answered {
				e.lo[qi], e.hi[qi] = min(e.lo[qi], a.Value), max(e.hi[qi], a.Value)
			}
		}
	}
	e.treated = make([]*TreatedQuestion, nq)
	for qi := range m.Questions {
		e.treated[qi] = r.Treated(wi, qi)
	}
	e.imputeMeans(units, func(u *UnitResult) NodeScores { return u.Nodes })
	e.dependencies()
	e.weights = make([][]float64, len(m.Nodes))
	for _, n := range m.Nodes {
		for _, c := range n.Children {
			wt := m.Nodes[c].Weight
			if n.Aggregation == Sum {
				wt *= e.maxPts[c]
			}
			e.weights[n.Index] = append(e.weights[n.Index], wt)
		}
	}
	return e
}

// OnCore returns an evaluator that scores the units of e's wave as their
// scores on the comparable core with the previous wave are computed
// (UnitResult.Core), and that core (Comparison.Core): inputs of the
// questions the core leaves out must be NotAsked (see Core), a Sum counts
// the points possible of the questions it keeps, and the means that
// replace missing nodes are the core scores' means. When the core is all
// the wave asked (or the wave is the first), it returns e and nil: then
// UnitResult.Core is Nodes. A what-if projection scored by it is the
// projection's score on the basis every change between the two waves is
// computed on.
func (e *Evaluator) OnCore() (*Evaluator, []bool) {
	r, wi := e.r, e.wave
	if wi < 1 || wi >= len(r.waveCores) || !r.waveCores[wi].core {
		return e, nil
	}
	mask := r.Comparisons[wi-1].Core
	c := *e
	c.maxPts = e.m.maxPointsAsked(func(qi int) bool { return !e.q.Questions[qi].NotAsked && mask[qi] })
	c.weights = make([][]float64, len(e.m.Nodes))
	for _, n := range e.m.Nodes {
		for _, ch := range n.Children {
			wt := e.m.Nodes[ch].Weight
			if n.Aggregation == Sum {
				wt *= c.maxPts[ch]
			}
			c.weights[n.Index] = append(c.weights[n.Index], wt)
		}
	}
	c.means, c.group = nil, nil
	c.imputeMeans(r.WaveUnits(wi), func(u *UnitResult) NodeScores { return u.Core })
	return &c, mask
}

// Core sets the inputs of the questions outside core (from OnCore) to
// NotAsked, as the engine reads them when it scores on the core.
func Core(in []Input, core []bool) {
	if core == nil {
		return
	}
	for q := range in {
		if !core[q] {
			in[q] = Input{Status: NotAsked}
		}
	}
}

// imputeMeans computes the means that replace missing nodes, as the
// engine's groupMeans does: per group of Model.ImputeBy and for the whole
// wave, over the units that have the node scored without imputation
// (their scores as scores says: Nodes, or Core on the core).
func (e *Evaluator) imputeMeans(units []UnitResult, scores func(*UnitResult) NodeScores) {
	m := e.m
	if !slices.ContainsFunc(m.Nodes, func(n *Node) bool { return n.Policy == Impute && n.Kind != KindIndicator }) {
		return
	}
	e.group = map[string]int{}
	gi := make([]int, len(units))
	for i := range units {
		gi[i] = -1
		if m.ImputeBy < 0 {
			continue
		}
		g := e.r.groupOf(m.ImputeBy, &units[i])
		if g == "" {
			continue
		}
		k, ok := e.group[g]
		if !ok {
			k = len(e.group)
			e.group[g] = k
		}
		gi[i] = k
	}
	ng := len(e.group) + 1
	sum, cnt := make([][]float64, ng), make([][]int, ng)
	for g := range ng {
		sum[g], cnt[g] = make([]float64, len(m.Nodes)), make([]int, len(m.Nodes))
	}
	for i := range units {
		ns := scores(&units[i])
		for n := range ns.Len() {
			s := ns.At(n)
			if s.State != Scored || s.Imputed {
				continue
			}
			if gi[i] >= 0 {
				sum[gi[i]][n] += s.Score
				cnt[gi[i]][n]++
			}
			sum[ng-1][n] += s.Score
			cnt[ng-1][n]++
		}
	}
	e.means = sum
	for g := range ng {
		for n := range sum[g] {
			if !ImputeFrom(cnt[g][n], m.MinGroupSize) {
				sum[g][n] = math.NaN()
			} else {
				sum[g][n] /= float64(cnt[g][n])
			}
		}
	}
}

func (e *Evaluator) dependencies() {
	m := e.m
	e.affected = make([][]int, len(m.Questions))
	for _, n := range m.Nodes {
		if n.Kind != KindIndicator {
			continue
		}
		for _, qi := range n.Questions {
			for p := n.Index; p >= 0; p = m.Nodes[p].Parent {
				if !slices.Contains(e.affected[qi], p) {
					e.affected[qi] = append(e.affected[qi], p)
				}
			}
		}
	}
	// Node indices are in pre-order: a child comes after its parent, so
	// descending order puts children first.
	for _, a := range e.affected {
		slices.SortFunc(a, func(x, y int) int { return y - x })
	}
	for i := len(m.Nodes) - 1; i >= 0; i-- {
		if m.Nodes[i].Kind != KindIndicator {
			e.inner = append(e.inner, i)
		}
	}
	e.resume = make([][]int, len(m.Questions))
	for qi, a := range e.affected {
		e.resume[qi] = make([]int, len(a))
		for i, n := range a {
			nd := m.Nodes[n]
			e.resume[qi][i] = -1
			if nd.Kind == KindIndicator || (nd.Aggregation != Mean && nd.Aggregation != Sum) {
				continue
			}
			for j, c := range nd.Children {
				if slices.Contains(a, c) {
					e.resume[qi][i] = j
					break
				}
			}
		}
	}
}

// Model returns the model the evaluator scores with.
func (e *Evaluator) Model() *Model { return e.m }

// Inputs returns unit u's answers as the engine read them, into dst
// (grown as needed). u must belong to the evaluator's wave.
func (e *Evaluator) Inputs(u *UnitResult, dst []Input) []Input {
	return e.InputsCached(u, dst, nil)
}

// InputsCached is Inputs remembering in c what each distinct answer of
// u's book read as, for a caller that reads the inputs of many units: a
// roadmap per unit parsed every answer's text through its scale again,
// a tenth of making the roadmaps. The inputs are Inputs' (c nil: Inputs
// itself).
func (e *Evaluator) InputsCached(u *UnitResult, dst []Input, c *InputCache) []Input {
	m := e.m
	dst = slices.Grow(dst[:0], len(m.Questions))[:len(m.Questions)]
	ui := -1
	if c != nil {
		c.use(e, u.Response.Answers.Book())
	}
	for qi := range m.Questions {
		dst[qi] = e.inputOf(u, qi, &ui, c)
	}
	return dst
}

// InputCache holds what the answers of one book read as through one
// evaluator's scales, by question and code (InputsCached). The zero value
// is empty; it is not safe for concurrent use.
type InputCache struct {
	e    *Evaluator
	book *AnswerBook
	by   [][]cachedInput // by question, by code
}

type cachedInput struct {
	in Input
	ok bool
}

// maxCachedCode bounds the codes the cache keeps an input for, so that a
// question with a code per response (free numbers in a file of a million
// rows) does not make it grow without end.
const maxCachedCode = 1 << 14

// use empties c unless it holds inputs of book read by e.
func (c *InputCache) use(e *Evaluator, book *AnswerBook) {
	if c.e == e && c.book == book {
		return
	}
	c.e, c.book = e, book
	if len(c.by) < len(e.m.Questions) {
		c.by = make([][]cachedInput, len(e.m.Questions))
	}
	for q := range c.by {
		c.by[q] = c.by[q][:0]
	}
}

// Input returns unit u's answer to question qi as the engine read it, as
// Inputs does for every question.
func (e *Evaluator) Input(u *UnitResult, qi int) Input {
	ui := -1
	return e.inputOf(u, qi, &ui, nil)
}

// inputOf is Inputs for one question; *ui caches u's index in the wave
// (-1: not looked up yet); c, when not nil, the answers' inputs read
// before (of u's book by e: see use).
func (e *Evaluator) inputOf(u *UnitResult, qi int, ui *int, c *InputCache) Input {
	q := e.q.Questions[qi] // as the wave asked it
	switch {
	case q.NotAsked:
		return Input{Status: NotAsked}
	case len(q.From) > 0:
		st, p, un, _ := derivedPoints(e.q, u.Response, q, nil)
		return Input{Status: st, Points: p, Unanswered: un}
	case q.Scale == nil:
		return Input{Status: Blank}
	}
	if tq := e.treated[qi]; tq != nil {
		// Numbers were treated over the wave: take what the engine took.
		if *ui < 0 {
			*ui = e.unitIndex(u)
		}
		v := &tq.Values[*ui]
		switch {
		case v.Has:
			return Input{Points: v.points, Imputed: v.Flags&TreatImputed != 0}
		case v.Status == Answered: // a division by zero: the number is missing
			return Input{Status: Blank}
		default:
			return Input{Status: v.Status}
		}
	}
	if c == nil || c.book == nil || c.book.single {
		a, _ := parse(q, u.Response, qi)
		return e.input(q, a)
	}
	raw, ok := answer(u.Response, qi)
	if !ok {
		return Input{Status: Blank}
	}
	code := int(u.Response.Answers.Code(qi))
	by := c.by[qi]
	if code < len(by) && by[code].ok {
		return by[code].in
	}
	in := e.input(q, q.Scale.Parse(raw))
	if code < maxCachedCode {
		if code >= len(by) {
			by = append(by, make([]cachedInput, code+1-len(by))...)
			c.by[qi] = by
		}
		by[code] = cachedInput{in, true}
	}
	return in
}

// unitIndex returns u's index among the units of the evaluator's wave.
func (e *Evaluator) unitIndex(u *UnitResult) int {
	// Score keeps the units of a wave sorted by ID.
	i, _ := slices.BinarySearchFunc(e.r.WaveUnits(e.wave), u.Unit.ID, func(x UnitResult, id UnitID) int { return cmp.Compare(x.Unit.ID, id) })
	return i
}

// input turns a parsed answer of a question that is not numeric (numbers
// go through the treatment stage) into points as the engine's points does.
func (e *Evaluator) input(q *Question, a Answer) Input {
	if a.Status != Answered {
		return Input{Status: a.Status}
	}
	p := a.Value
	if q.Reverse {
		p = 1 - p
	}
	return Input{Points: p}
}

// Range returns the observed range of question q's answers in the wave,
// for scales normalised over all units (see Scale.NeedsWave); ok is false
// for other scales or when nobody answered.
func (e *Evaluator) Range(q int) (lo, hi float64, ok bool) {
	return e.lo[q], e.hi[q], e.lo[q] <= e.hi[q]
}

// Evaluate scores every node of unit u from the inputs into nodes (indexed
// like Model.Nodes, len(nodes) == len(Model.Nodes)) and returns the level
// and the criteria that block the next one, as Score would.
func (e *Evaluator) Evaluate(u *UnitResult, in []Input, nodes []NodeScore) (int, []Criterion) {
	var buf []weighted
	for i := len(e.m.Nodes) - 1; i >= 0; i-- {
		buf = e.node(u, in, nodes, e.m.Nodes[i], buf)
	}
	return e.m.Levels.decide(nodes[0], func(ni int) NodeScore { return nodes[ni] })
}

// Update rescores the nodes that depend on question q after in[q] changed;
// nodes must hold the scores of in before the change (from Evaluate or
// Update). It returns the level as Evaluate does.
func (e *Evaluator) Update(u *UnitResult, in []Input, nodes []NodeScore, q int) int {
	var small [64]weighted
	buf := small[:0]
	for _, n := range e.affected[q] {
		buf = e.node(u, in, nodes, e.m.Nodes[n], buf)
	}
	lv, _ := e.m.Levels.decide(nodes[0], func(ni int) NodeScore { return nodes[ni] })
	return lv
}

// Affected returns the nodes whose scores depend on question q, children
// before parents: the nodes Update rescores. The slice must not be
// modified.
func (e *Evaluator) Affected(q int) []int { return e.affected[q] }

// Decide returns the level of a unit's node scores and the criteria that
// block the next one (staged levels), as Score decides them.
func (ls Levels) Decide(nodes []NodeScore) (int, []Criterion) {
	return ls.decide(nodes[0], func(ni int) NodeScore { return nodes[ni] })
}

// node scores node n from its questions or children, exactly as the
// engine's leaf and inner do.
func (e *Evaluator) node(u *UnitResult, in []Input, nodes []NodeScore, n *Node, buf []weighted) []weighted {
	inc := buf[:0]
	s := &nodes[n.Index]
	*s = NodeScore{}
	if n.Kind == KindIndicator {
		var applicable, answered float64
		unasked := true
		for j, qi := range n.Questions {
			wt := n.QWeights[j]
			unasked = unasked && in[qi].Status == NotAsked
			switch x := in[qi]; x.Status {
			case NotApplicable, NotAsked:
				continue
			case Answered:
				if !x.Imputed {
					answered += wt * (1 - x.Unanswered)
				}
				s.Imputed = s.Imputed || x.Imputed
				inc = append(inc, weighted{wt, answerValue(n, x.Points, x.Unanswered)})
			default:
				if n.Policy == Zero {
					inc = append(inc, weighted{wt, 0})
				}
			}
			applicable += wt
		}
		s.State, s.Coverage = finish(n, inc, applicable, answered, &s.Score)
		if s.State == NotApplies && unasked {
			s.State = Unasked
		}
		return inc
	}
	if n.Aggregation == Mean || n.Aggregation == Sum {
		e.mean(u, nodes, n)
		return inc
	}
	var applicable, covered float64
	imputed, unasked := false, true
	for _, c := range n.Children {
		cs := nodes[c]
		wt := e.m.Nodes[c].Weight
		if n.Aggregation == Sum {
			wt *= e.maxPts[c]
		}
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
		case n.Policy == Impute:
			if v, ok := e.ImputeValue(u, c); ok {
				inc = append(inc, weighted{wt, v})
				imputed = true
			}
		}
	}
	s.State, s.Coverage = finish(n, inc, applicable, covered, &s.Score)
	if s.State == NotApplies && unasked {
		s.State = Unasked
	}
	s.Imputed = imputed
	return inc
}

// mean scores an inner node that takes the weighted mean (or sum) of its
// children in one pass: the same sums, in the same order, as node's
// collecting them for finish and aggregate (TestEvaluatorReproducesScore compares every node with Score bit for bit).
// The roadmap's step order calls it for every step it tries.
func (e *Evaluator) mean(u *UnitResult, nodes []NodeScore, n *Node) {
	e.meanFrom(u, nodes, n, meanSum{unasked: true}, 0, nil)
}

// meanSum is where mean stands after some of a node's children: its
// running sums, the count of values and their range, and whether any
// child was imputed or every one unasked.
type meanSum struct {
	applicable, covered, sw, sv, lo, hi float64
	k                                   int
	imputed, unasked                    bool
}

// meanFrom goes on with mean at child from, standing at acc (the sums
// over children 0..from-1), and finishes the node. With pre, it leaves
// the sums before each child j ≥ from in pre[j] (and after the last in
// pre[len(children)]), for UpdateSums to resume at.
func (e *Evaluator) meanFrom(u *UnitResult, nodes []NodeScore, n *Node, acc meanSum, from int, pre []meanSum) {
	s := &nodes[n.Index]
	weights := e.weights[n.Index]
	// The sums in locals, not in acc: the loop then keeps them in
	// registers.
	applicable, covered, sw, sv, lo, hi := acc.applicable, acc.covered, acc.sw, acc.sv, acc.lo, acc.hi
	k, imputed, unasked := acc.k, acc.imputed, acc.unasked
	kids := n.Children[:len(n.Children):len(n.Children)]
	for j := from; j < len(kids); j++ {
		if pre != nil {
			// Field by field: a composite literal is built aside first.
			p := &pre[j]
			p.applicable, p.covered, p.sw, p.sv, p.lo, p.hi = applicable, covered, sw, sv, lo, hi
			p.k, p.imputed, p.unasked = k, imputed, unasked
		}
		c := kids[j]
		cs := &nodes[c]
		wt := weights[j]
		unasked = unasked && cs.State == Unasked
		if cs.State == NotApplies || cs.State == Unasked {
			continue
		}
		applicable += wt
		covered += wt * cs.Coverage
		imputed = imputed || cs.Imputed
		var v float64
		switch {
		case cs.State == Scored:
			v = cs.Score
		case n.Policy == Zero:
		case n.Policy == Impute:
			iv, ok := e.ImputeValue(u, c)
			if !ok {
				continue
			}
			v, imputed = iv, true
		default:
			continue
		}
		if k == 0 {
			lo, hi = v, v
		}
		k++
		sw += wt
		sv += wt * v
		lo, hi = min(lo, v), max(hi, v)
	}
	if pre != nil {
		pre[len(kids)] = meanSum{applicable, covered, sw, sv, lo, hi, k, imputed, unasked}
	}
	switch {
	case applicable == 0:
		s.State, s.Coverage = NotApplies, 0
	case k == 0:
		s.State, s.Coverage = Missing, covered/applicable
	default:
		s.Coverage = covered / applicable
		s.Score = clampTo(sv/sw, lo, hi)
		s.State = Scored
		if s.Coverage < n.MinCoverage-1e-12 {
			s.State = NotRated
		}
	}
	if s.State == NotApplies && unasked {
		s.State = Unasked
	}
	s.Imputed = imputed
}

// Sums keeps, for the node scores of one unit that a caller changes one
// question at a time (UpdateSums), each weighted mean's (and sum's)
// running sums before each of its children, so that a change below one
// child resumes the mean at that child instead of adding up the children
// before it again: the same sums, in the same order, so the same scores
// bit for bit as Update (TestUpdateSumsIsUpdate). The roadmap's step order
// scores every step it takes and tries so; a mean has up to a few dozen
// children, and the one that changed is on average half-way.
//
// The zero value is ready: it knows no sums, and every mean starts at its
// first child. Reset forgets them all (for other node scores), Forget
// those past question q's children (after the caller put back the node
// scores an UpdateSums changed). A Sums is for one evaluator's model and
// one goroutine.
type Sums struct {
	pre [][]meanSum // pre[n][j]: node n's sums before child j
	// known[n]: pre[n][0..known[n]] hold for the node scores now.
	known []int
	buf   []weighted // node's scratch, kept: an array on the stack is cleared on every call
}

// Reset forgets every sum: the node scores are others now.
func (ss *Sums) Reset() { clear(ss.known) }

// Forget forgets the sums that the last UpdateSums of question q made past
// the children it changed: the caller has put back the scores of the
// nodes that depend on q (and q's input) as they were before it.
func (e *Evaluator) Forget(ss *Sums, q int) {
	if ss.known == nil {
		return
	}
	for i, n := range e.affected[q] {
		if r := e.resume[q][i]; r >= 0 && ss.known[n] > r {
			ss.known[n] = r
		}
	}
}

// UpdateSums is Update, with each weighted mean (or sum) above q resumed
// from ss at the first of its children that depend on q. nodes must hold
// what Update would have left in them, and ss be Reset whenever nodes were
// changed otherwise (Forget after putting back what an UpdateSums changed).
func (e *Evaluator) UpdateSums(u *UnitResult, in []Input, nodes []NodeScore, q int, ss *Sums) int {
	if len(ss.known) != len(e.m.Nodes) {
		ss.pre = make([][]meanSum, len(e.m.Nodes))
		for _, n := range e.m.Nodes {
			if n.Kind != KindIndicator {
				ss.pre[n.Index] = make([]meanSum, len(n.Children)+1)
			}
		}
		ss.known = make([]int, len(e.m.Nodes))
	}
	for i, n := range e.affected[q] {
		nd := e.m.Nodes[n]
		r := e.resume[q][i]
		if r < 0 {
			ss.buf = e.node(u, in, nodes, nd, ss.buf)
			continue
		}
		from := min(r, ss.known[n])
		pre := ss.pre[n]
		acc := pre[from]
		if from == 0 {
			acc = meanSum{unasked: true}
		}
		e.meanFrom(u, nodes, nd, acc, from, pre)
		ss.known[n] = len(nd.Children)
	}
	lv, _ := e.m.Levels.decide(nodes[0], func(ni int) NodeScore { return nodes[ni] })
	return lv
}

// ImputeValue returns the value that replaces node c of unit u when it is
// missing under the Impute policy: its mean in u's impute group, else in
// the whole wave; false when nobody has it scored.
func (e *Evaluator) ImputeValue(u *UnitResult, c int) (float64, bool) {
	if e.means == nil {
		return 0, false
	}
	all := e.means[len(e.means)-1]
	if e.m.ImputeBy >= 0 {
		if g, ok := e.group[e.r.groupOf(e.m.ImputeBy, u)]; ok {
			if v := e.means[g][c]; !math.IsNaN(v) {
				return v, true
			}
		}
	}
	return all[c], !math.IsNaN(all[c])
}

// Questionnaire returns the questionnaire of the evaluator's wave: the
// model's questions as that wave asked them (scales before a rescaling,
// questions not asked; see Model.Questionnaire).
func (e *Evaluator) Questionnaire() *Model { return e.q }

// ChildWeight returns the weight child c carries in node n as the engine
// weighs it in the wave: its weight, under a Sum times its points possible
// in the wave.
func (e *Evaluator) ChildWeight(n *Node, c int) float64 {
	if n.Aggregation == Sum {
		return e.m.Nodes[c].Weight * e.maxPts[c]
	}
	return e.m.Nodes[c].Weight
}

// OwnPoints reports whether question q's points in the wave follow from
// the unit's own answer alone, so that a what-if answer has the points
// its scale gives: no treatment configured (denominator, imputation,
// outliers) and no normalisation over the units of the wave.
func (e *Evaluator) OwnPoints(q int) bool {
	wq := e.q.Questions[q]
	return wq.Treatment == nil && (wq.Scale == nil || !wq.Scale.NeedsWave())
}

// IncludedWeight returns the weight node n of unit u divides by when it is
// a weighted mean (or sum) of its questions (an indicator) or children:
// the weights of those that count in its score now — answered, scored,
// or counted as zero or imputed under its policy — as node and mean weigh
// them. While no child's state changes, a change Δ of one counted child's
// score (a question's points × 100) moves the node by weight·Δ/IncludedWeight:
// package roadmap ranks steps by that, and scores the steps it takes here.
func (e *Evaluator) IncludedWeight(u *UnitResult, in []Input, nodes []NodeScore, n int) float64 {
	nd := e.m.Nodes[n]
	var sw float64
	if nd.Kind == KindIndicator {
		for j, qi := range nd.Questions {
			switch in[qi].Status {
			case NotApplicable, NotAsked:
			case Answered:
				sw += nd.QWeights[j]
			default:
				if nd.Policy == Zero {
					sw += nd.QWeights[j]
				}
			}
		}
		return sw
	}
	weights := e.weights[n]
	for j, c := range nd.Children {
		switch cs := &nodes[c]; {
		case cs.State == NotApplies || cs.State == Unasked:
		case cs.State == Scored || nd.Policy == Zero:
			sw += weights[j]
		case nd.Policy == Impute:
			if _, ok := e.ImputeValue(u, c); ok {
				sw += weights[j]
			}
		}
	}
	return sw
}
