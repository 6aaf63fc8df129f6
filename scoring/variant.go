package scoring

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"
)

// Variant changes a model's choices for scoring a wave again (see
// Rescorer): what an uncertainty analysis varies. A nil slice, and the
// zero value of the other fields, keep the model's choice.
type Variant struct {
	// Weight, Aggregation and Policy replace the weight, aggregation and
	// missing policy of nodes; indexed like Model.Nodes.
	Weight      []float64
	Aggregation []Aggregation
	Policy      []MissingPolicy
	// Normalisation, unless NormaliseNone, replaces the normalisation of
	// every question normalised over the wave (Scale.NeedsWave): min–max,
	// z-scores or ranks of the same treated numbers.
	Normalisation Normalisation
	// LevelShift moves the lower bound of threshold level o+1 by
	// LevelShift[o] points (the first level keeps its bound 0), or, for
	// staged levels, the minimum of every criterion of that level.
	LevelShift []float64
}

// Rescorer scores one wave of Results again under Variants of its model,
// from what the engine computed once: the treated numbers and the points
// of every question. Only what a variant changes is computed again — the
// indicators that combine their questions otherwise, whose numbers are
// normalised otherwise or whose missing policy changes to or from Zero,
// every dimension, the levels — by the
// engine's own code, so that the empty Variant gives exactly Score's
// results. A Rescorer is immutable and safe for concurrent use; each
// goroutine scores with its own Scratch.
type Rescorer struct {
	r       *Results
	wave    int
	units   []UnitResult
	rs      []*Response
	treated []*TreatedQuestion // by question; the engine's
	// alt[norm] holds, for questions normalised over the wave, the
	// treatment with points normalised by norm instead.
	alt           map[Normalisation][]*TreatedQuestion
	leaves, inner []int
	// groupOf, ngroups: the units' impute groups (see waveRun).
	groupOf []int
	ngroups int
}

// NewRescorer prepares wave wi of r for re-scoring; alts are the
// normalisations variants may choose (Variant.Normalisation).
func NewRescorer(r *Results, wi int, alts ...Normalisation) *Rescorer {
	m := r.Model
	rc := &Rescorer{r: r, wave: wi, units: r.WaveUnits(wi), treated: make([]*TreatedQuestion, len(m.Questions))}
	rc.rs = make([]*Response, len(rc.units))
	for i := range rc.units {
		rc.rs[i] = rc.units[i].Response
	}
	for qi := range m.Questions {
		rc.treated[qi] = r.Treated(wi, qi)
	}
	rc.alt = map[Normalisation][]*TreatedQuestion{}
	for _, norm := range alts {
		if norm == NormaliseNone || rc.alt[norm] != nil {
			continue
		}
		ts := slices.Clone(rc.treated)
		for qi, tq := range ts {
			if tq != nil && m.Questions[qi].Scale.NeedsWave() {
				ts[qi] = renormalised(tq, m.Questions[qi], norm)
			}
		}
		rc.alt[norm] = ts
	}
	w := &waveRun{m: m, q: m.questionnaire(r.Waves[wi].ID), res: r, rs: rc.rs, units: slices.Clone(rc.units)}
	rc.leaves, rc.inner = w.partition()
	w.assignGroups() // a variant may impute where the model does not
	rc.groupOf, rc.ngroups = w.groupOf, w.ngroups
	return rc
}

// renormalised returns a copy of tq whose points normalise the treated
// numbers by norm.
func renormalised(tq *TreatedQuestion, q *Question, norm Normalisation) *TreatedQuestion {
	c := *tq
	c.Values = slices.Clone(tq.Values)
	sc := *q.Scale
	sc.Normalisation = norm
	if norm == NormaliseZScore && sc.ZSD == 0 {
		sc.ZMean, sc.ZSD = 50, 10
	}
	var xs []float64
	var idx []int
	for i, v := range c.Values {
		if v.Has {
			xs, idx = append(xs, v.Treated), append(idx, i)
		}
	}
	normalise(&sc, q.Reverse, xs)
	for j, i := range idx {
		c.Values[i].points, c.Values[i].Normalised = xs[j], 100*xs[j]
	}
	return &c
}

// Units returns the units of the wave, in the order of Score's results.
func (rc *Rescorer) Units() []UnitResult { return rc.units }

// Scratch is the working memory of one goroutine re-scoring with a
// Rescorer. It is not safe for concurrent use.
//
// It remembers what each node's scores were computed from — the node's
// own choices and its children's, as an exact signature — and keeps
// recent results: a node whose signature did not change since the
// previous variant is not computed again, and one seen before is copied.
// Across the draws of a Monte Carlo most dimensions repeat one of a few
// configurations; only the nodes whose weights vary continuously are
// computed every time. The signatures are exact, so a reused score is the
// score the engine would compute.
type Scratch struct {
	m     Model
	nodes []Node
	units []UnitResult
	block nodeBlock // every unit's node scores, unit after unit
	w     waveRun
	wk    worker
	means []float64

	sig, cur []int32 // per node: the signature wanted now, and held in block (-1: none)
	ids      []map[string]int32
	memo     []map[int32]NodeScores // per node and signature: every unit's score, indexed by unit
	memoSize int                    // bytes held in memo
	key      []byte
}

// memoBudget bounds the bytes of node scores one Scratch keeps for reuse.
const memoBudget = 64 << 20

// NewScratch returns working memory for Score.
func (rc *Rescorer) NewScratch() *Scratch {
	m := rc.r.Model
	k := len(m.Nodes)
	s := &Scratch{m: *m, nodes: make([]Node, k), units: slices.Clone(rc.units),
		sig: make([]int32, k), cur: make([]int32, k), ids: make([]map[string]int32, k), memo: make([]map[int32]NodeScores, k)}
	s.m.Nodes = make([]*Node, k)
	for i := range s.nodes {
		s.m.Nodes[i] = &s.nodes[i]
		s.cur[i] = -1
		s.ids[i], s.memo[i] = map[string]int32{}, map[int32]NodeScores{}
	}
	s.m.Levels.List = slices.Clone(m.Levels.List)
	for i := range s.m.Levels.List {
		s.m.Levels.List[i].Criteria = slices.Clone(m.Levels.List[i].Criteria)
	}
	wave := rc.r.Waves[rc.wave].ID
	s.w = waveRun{m: &s.m, q: m.questionnaire(wave), res: rc.r, wave: wave, rs: rc.rs, units: s.units}
	// Laid out as the engine laid out rc.units (allocate): a variant
	// changes how nodes aggregate, not which questions they read.
	lay := coverageSlots(m, s.w.questions())
	s.block = newNodeBlock(len(rc.units), lay)
	s.w.slot = lay.slot
	for i := range s.units {
		s.units[i].Nodes = s.block.unit(i)
	}
	s.wk = worker{w: &s.w, lo: 0, hi: len(s.units)}
	s.w.plan()
	s.w.kids = make([][]kid, k)
	return s
}

// Score scores the wave under v and returns its units with their node
// scores and levels, in the order of Units. The result lives in s and is
// overwritten by the next call; positions, blocking criteria and issues
// are not computed.
func (rc *Rescorer) Score(v *Variant, s *Scratch) []UnitResult {
	base := rc.r.Model
	s.variant(base, v)
	w := &s.w
	// Under a Sum a child weighs its points possible in the wave, as in
	// Score (allocate): the model's full points counted a question the
	// wave did not ask, and moved every variant of such a wave.
	w.maxPts = s.m.maxPointsAsked(w.asks)
	w.treated = rc.treated
	if v.Normalisation != NormaliseNone {
		if alt := rc.alt[v.Normalisation]; alt != nil {
			w.treated = alt
		}
	}
	impute := false
	for _, ni := range rc.inner {
		impute = impute || s.m.Nodes[ni].Policy == Impute
	}
	w.groupOf, w.ngroups = nil, 0
	if impute {
		w.groupOf, w.ngroups = rc.groupOf, rc.ngroups
	}
	for _, li := range rc.leaves {
		n := s.m.Nodes[li]
		nominal := !rc.leafChanges(base.Nodes[li], n, w.treated)
		s.sign(n, v.Normalisation, nominal)
		s.fill(n, func() {
			for i := range s.units {
				if nominal {
					s.units[i].Nodes.Set(li, rc.units[i].Nodes.At(li))
					continue
				}
				s.units[i].Nodes.Set(li, NodeScore{})
				s.wk.leaf(i, n)
			}
		})
	}
	s.wk.issues = s.wk.issues[:0]
	for _, ni := range rc.inner {
		n := s.m.Nodes[ni]
		s.sign(n, v.Normalisation, false)
		s.fill(n, func() {
			var means []float64
			if n.Policy == Impute && impute {
				s.means = w.groupMeans(n, s.means)
				means = s.means
			}
			// The variant's weights of the node's children, once for
			// every unit (inner reads them from kids).
			w.kids[ni] = w.weighChildren(n, w.kids[ni][:0])
			for i := range s.units {
				s.units[i].Nodes.Set(ni, NodeScore{})
				s.wk.inner(i, n, means)
			}
		})
	}
	for i := range s.units {
		u := &s.units[i]
		u.Level, _ = s.m.Levels.decide(u.Nodes.At(0), u.Nodes.At)
	}
	return s.units
}

// sign sets the signature of node n under the current variant: for a
// leaf, whether it is as the engine scored it, else its aggregation,
// zero policy and the normalisation of its numbers; for an inner node its
// aggregation and policy and, per child, its weight and signature.
func (s *Scratch) sign(n *Node, norm Normalisation, nominal bool) {
	k := s.key[:0]
	if n.Kind == KindIndicator {
		if !nominal {
			k = append(k, 1, byte(n.Aggregation), byte(norm))
			if n.Policy == Zero {
				k = append(k, 1)
			}
		}
	} else {
		k = append(k, byte(n.Aggregation), byte(n.Policy))
		for _, c := range n.Children {
			k = binary.LittleEndian.AppendUint64(k, math.Float64bits(s.m.Nodes[c].Weight))
			k = binary.LittleEndian.AppendUint32(k, uint32(s.sig[c]))
		}
	}
	s.key = k
	id, ok := s.ids[n.Index][string(k)]
	if !ok {
		id = int32(len(s.ids[n.Index]))
		s.ids[n.Index][string(k)] = id
	}
	s.sig[n.Index] = id
}

// fill makes the units hold node n's scores for its signature: as they are, from
// the memo, or computed by compute (and kept while the budget allows).
func (s *Scratch) fill(n *Node, compute func()) {
	ni, id := n.Index, s.sig[n.Index]
	if s.cur[ni] == id {
		return
	}
	if col, ok := s.memo[ni][id]; ok {
		for i := range col.Len() {
			s.units[i].Nodes.Set(ni, col.At(i))
		}
		s.cur[ni] = id
		return
	}
	compute()
	s.cur[ni] = id
	// A column keeps each unit's score, flags, coverage and its slot.
	if size := len(s.units) * int(unsafe.Sizeof(float64(0))*2+unsafe.Sizeof(uint8(0))+unsafe.Sizeof(int32(0))); s.memoSize+size <= memoBudget {
		col := MakeNodeScores(len(s.units))
		for i := range col.Len() {
			col.Set(i, s.units[i].Nodes.At(ni))
		}
		s.memo[ni][id] = col
		s.memoSize += size
	}
}

// leafChanges reports whether indicator n scores differently from the
// model's node b: it combines its questions otherwise, its numbers are
// normalised otherwise, or it counts missing answers as zero where b did
// not (or the other way round).
func (rc *Rescorer) leafChanges(b, n *Node, treated []*TreatedQuestion) bool {
	if b.Aggregation != n.Aggregation || (b.Policy == Zero) != (n.Policy == Zero) {
		return true
	}
	for _, qi := range n.Questions {
		if treated[qi] != rc.treated[qi] {
			return true
		}
	}
	return false
}

// variant sets s's copy of the model to base changed by v.
func (s *Scratch) variant(base *Model, v *Variant) {
	for i, n := range base.Nodes {
		c := &s.nodes[i]
		*c = *n
		if v.Weight != nil {
			c.Weight = v.Weight[i]
		}
		if v.Aggregation != nil {
			c.Aggregation = v.Aggregation[i]
		}
		if v.Policy != nil {
			c.Policy = v.Policy[i]
		}
	}
	if v.Weight != nil || v.Aggregation != nil {
		(&builder{m: &s.m}).maxPoints(s.m.Nodes[0])
	}
	for o, l := range base.Levels.List {
		sl := &s.m.Levels.List[o]
		sl.Min = l.Min
		for j, c := range l.Criteria {
			sl.Criteria[j].Min = c.Min
		}
		if o >= len(v.LevelShift) {
			continue
		}
		if base.Levels.Method == Threshold && o > 0 {
			sl.Min = l.Min + v.LevelShift[o]
		}
		for j, c := range l.Criteria {
			sl.Criteria[j].Min = c.Min + v.LevelShift[o]
		}
	}
}
