package roadmap

import (
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// peerCounts answers "how many units of my size class already give at
// least this answer?" for one wave. The ticks of multi-select items are
// counted when it is made (ladders order items by them); the answers'
// points as each unit is planned, from the inputs its roadmap reads
// anyway (add), and the rest after every roadmap is made (finish): the
// steps' counts are filled in then. It is read-only after finish.
type peerCounts struct {
	p      *planner
	pg     int // the peer group of size classes; -1: none
	groups map[string]*sizeClass
	// rungs[q] holds the points of question q's static rungs (nil: none),
	// multi the multi-select questions.
	rungs [][]float64
	multi []int
}

// sizeClass holds the answers of one size class.
type sizeClass struct {
	index int // among the groups, for peerHist
	// items[q][i] counts the units ticking item i of question q.
	items [][]int
	// shown is whether figures of the size class may be shown at all;
	// units counts its units in the wave, answering or not.
	shown bool
	units int
	// told[q] holds the answers (their points, ascending) whose count
	// "at least this answer" may be shown (see tellable), toldN[q] those
	// counts.
	told  [][]float64
	toldN [][]int
}

// peerHist is one solver's share of the size classes' histograms (per
// sizeClass.index, per question): [j] counts the answers at or above the
// first j rungs of the question's static ladder and below the others
// (see bucket). finish adds them up.
type peerHist [][][]int

// pendingCount is a step whose peer count finish fills in: step of
// set.Plans[plan], to the answer of the given points of question q (an
// item's count is known before: count takes it at once).
type pendingCount struct {
	plan, step, q int32
	points        float64
}

func newPeerCounts(p *planner) *peerCounts {
	m := p.m
	pc := &peerCounts{p: p, pg: -1, groups: map[string]*sizeClass{}}
	for i, g := range m.PeerGroups {
		if g.Attribute == "size_class" {
			pc.pg = i
		}
	}
	if pc.pg < 0 || p.opt.Disclosure == nil {
		return pc
	}
	wave := p.r.Waves[p.wave].ID
	// Only the count of answers at or above each rung of a static ladder
	// is ever asked (count, tellable): each answer is counted in the
	// bucket of the rungs it reaches instead of kept and sorted.
	pc.rungs = make([][]float64, len(m.Questions))
	for q, l := range p.static {
		if l != nil {
			pc.rungs[q] = make([]float64, len(l.rungs))
			for i, r := range l.rungs {
				pc.rungs[q][i] = r.points
			}
		}
		if scale := p.wq.Questions[q].Scale; scale != nil && scale.Kind == scoring.ScaleMulti {
			pc.multi = append(pc.multi, q)
		}
	}
	wu := p.r.WaveUnits(p.wave)
	// A multi-select's answers are a few combinations of its items:
	// their ticks are worked out once each (tickedOf), not parsed and
	// allocated for every unit.
	var ticked map[tickedKey][]bool
	for i := range wu {
		u := &wu[i]
		g := u.SizeClass
		if g == "" {
			continue
		}
		sc := pc.groups[g]
		if sc == nil {
			sc = &sizeClass{index: len(pc.groups), items: make([][]int, len(m.Questions))}
			gs := p.r.Group(wave, pc.pg, g)
			sc.shown = gs != nil && p.opt.Disclosure.Units(gs) == scoring.Published
			pc.groups[g] = sc
		}
		sc.units++
		for _, q := range pc.multi {
			if p.ev.Input(u, q).Status != scoring.Answered {
				continue
			}
			scale := p.wq.Questions[q].Scale
			t := tickedOf(scale, answerOf(u, q), &ticked)
			if sc.items[q] == nil {
				sc.items[q] = make([]int, len(scale.Items))
			}
			for i, on := range t {
				if on {
					sc.items[q][i]++
				}
			}
		}
	}
	return pc
}

// add counts unit u's answers (its inputs in) into h, a solver's share
// of the histograms.
func (pc *peerCounts) add(h *peerHist, u *scoring.UnitResult, in []scoring.Input) {
	sc := pc.groups[u.SizeClass]
	if sc == nil {
		return // no size class, or no counts at all
	}
	if len(*h) != len(pc.groups) {
		*h = make(peerHist, len(pc.groups))
	}
	hq := (*h)[sc.index]
	if hq == nil {
		hq = make([][]int, len(pc.rungs))
		for q, rs := range pc.rungs {
			if rs != nil {
				hq[q] = make([]int, len(rs)+1)
			}
		}
		(*h)[sc.index] = hq
	}
	for q, x := range in {
		if hist := hq[q]; hist != nil && x.Status == scoring.Answered {
			hist[bucket(pc.rungs[q], x.Points)]++
		}
	}
}

// finish adds up the solvers' histograms and counts the units of the wave
// not planned (planned: those in units), decides what may be told, and
// fills in the pending steps' counts.
func (pc *peerCounts) finish(units []*scoring.UnitResult, solvers []*solver, plans []Plan) {
	if len(pc.groups) == 0 {
		return
	}
	p := pc.p
	var h peerHist
	planned := make(map[*scoring.UnitResult]bool, len(units))
	for _, u := range units {
		planned[u] = true
	}
	var in []scoring.Input
	var cache scoring.InputCache
	wu := p.r.WaveUnits(p.wave)
	for i := range wu {
		if u := &wu[i]; !planned[u] && u.SizeClass != "" {
			in = p.ev.InputsCached(u, in, &cache)
			pc.add(&h, u, in)
		}
	}
	hs := []peerHist{h}
	for _, s := range solvers {
		hs = append(hs, s.peerHist)
	}
	for _, sc := range pc.groups {
		sc.told, sc.toldN = make([][]float64, len(pc.rungs)), make([][]int, len(pc.rungs))
		for q, rs := range pc.rungs {
			if rs == nil {
				continue
			}
			sum := make([]int, len(rs)+1)
			for _, h := range hs {
				if len(h) > sc.index && h[sc.index] != nil {
					for j, n := range h[sc.index][q] {
						sum[j] += n
					}
				}
			}
			sc.told[q], sc.toldN[q] = tellableCounts(atLeast(sum), rs, sc.units, p.opt.Disclosure.Shown)
		}
	}
	for _, s := range solvers {
		for _, pd := range s.pending {
			pl := &plans[pd.plan]
			st := &pl.Steps[pd.step]
			st.Peers, st.PeersShown, st.PeersHidden = pc.count(pl.Unit, int(pd.q), rung{points: pd.points, item: -1})
		}
	}
}

// bucket returns how many of the rungs (points, ascending) an answer of x
// points reaches: the rungs k with x ≥ rungs[k] − 1e-12, as "at least this
// answer" counts it.
func bucket(rungs []float64, x float64) int {
	lo, hi := 0, len(rungs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x >= rungs[mid]-1e-12 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// atLeast turns a histogram of buckets (hist[j]: answers reaching the
// first j rungs) into the count of answers reaching each rung k: those of
// the buckets above k.
func atLeast(hist []int) []int {
	n := make([]int, len(hist)-1)
	sum := 0
	for k := len(hist) - 1; k > 0; k-- {
		sum += hist[k]
		n[k-1] = sum
	}
	return n
}

// tellable returns the rungs (their points, ascending, a subset of
// rungs) whose count "at least this answer" among a size class's sorted
// answers xs may be shown. The counts of two rungs differ by the units
// answering from the one up to the other: shown side by side — two steps
// of one roadmap, or two municipalities' roadmaps read together — they
// would tell that number even where it is too small to show on its own.
// So, from the highest rung down (the answers roadmaps lead to), a count
// is told only if it may be shown and is 0 or a showable number more than
// the last one told: every difference of two told counts is then a sum of
// showable numbers. Decided once per size class and question, it holds on
// every page.
//
// The size class's number of units is shown too (its level distribution
// and n): it is the count of "any answer or none", below the lowest rung.
// So the lowest count told must also be all of them or a showable number
// fewer — else "5 of 7" told that 2 units give less than that answer or
// none; the counts below it are dropped until it is.
func tellable(xs, rungs []float64, units int, shown func(int) bool) []float64 {
	hist := make([]int, len(rungs)+1)
	for _, x := range xs {
		hist[bucket(rungs, x)]++
	}
	told, _ := tellableCounts(atLeast(hist), rungs, units, shown)
	return told
}

// tellableCounts is tellable on the counts of answers at least each rung
// (atLeast[k] for rungs[k]); it returns the counts told beside the rungs.
func tellableCounts(atLeast []int, rungs []float64, units int, shown func(int) bool) ([]float64, []int) {
	var told []float64
	var counts []int
	last := 0 // the last count told; none yet
	for k := len(rungs) - 1; k >= 0; k-- {
		n := atLeast[k]
		if shown(n) && (n == last || shown(n-last)) {
			told, last = append(told, rungs[k]), n
			counts = append(counts, n)
		}
	}
	for len(told) > 0 && !complement(units, counts[len(counts)-1], shown) {
		told, counts = told[:len(told)-1], counts[:len(counts)-1]
	}
	slices.Reverse(told)
	slices.Reverse(counts)
	return told, counts
}

// complement reports whether a count n of a group of the given number
// of units may be told beside it: the units not counted are none or a
// showable number.
func complement(units, n int, shown func(int) bool) bool {
	return n == units || shown(units-n)
}

// count returns how many units of u's size class give at least the
// answer of rung r to question q (tick its item), whether the count may be
// shown, and whether one is kept back (hidden): false where none is made
// at all — no size class, no counts asked for. Unit u itself never
// counts: its answer is below r.
func (pc *peerCounts) count(u *scoring.UnitResult, q int, r rung) (n int, shown, hidden bool) {
	sc := pc.groups[u.SizeClass]
	switch {
	case sc == nil:
		return 0, false, false
	case !sc.shown:
		return 0, false, true
	}
	if r.item >= 0 {
		if it := sc.items[q]; it != nil {
			n = it[r.item]
		}
		if !complement(sc.units, n, pc.p.opt.Disclosure.Shown) {
			return 0, false, true // the units not ticking it would be too few to show
		}
	} else {
		// Only a rung whose count may be told has one: worked out once
		// per size class (tellable).
		i, ok := slices.BinarySearch(sc.told[q], r.points)
		if !ok {
			return 0, false, true
		}
		n = sc.toldN[q][i]
	}
	if !pc.p.opt.Disclosure.Shown(n) {
		return 0, false, true // a count too small to show is not kept either
	}
	return n, true, false
}

// items returns how many units of u's size class tick each item of
// question q, for ordering a multi-select's items; nil (none) where
// figures of the group may not be shown.
func (pc *peerCounts) items(u *scoring.UnitResult, q int) []int {
	sc := pc.groups[u.SizeClass]
	if sc == nil || !sc.shown {
		return nil
	}
	return sc.items[q]
}
