package roadmap

import (
	"slices"
	"sort"

	"github.com/reifegrad/reifegrad/scoring"
)

// peerCounts answers "how many units of my size class already give at
// least this answer?" for one wave. It is read-only once built.
type peerCounts struct {
	p      *planner
	pg     int // the peer group of size classes; -1: none
	groups map[string]*sizeClass
}

// sizeClass holds the answers of one size class.
type sizeClass struct {
	// points[q] holds the points of the answers to q, ascending;
	// items[q][i] counts the units ticking item i.
	points [][]float64
	items  [][]int
	// shown is whether figures of the size class may be shown at all;
	// units counts its units in the wave, answering or not.
	shown bool
	units int
	// told[q] holds the answers (their points, ascending) whose count
	// "at least this answer" may be shown (see tellable).
	told [][]float64
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
	var in []scoring.Input
	for _, u := range p.r.WaveUnits(p.wave) {
		g := u.SizeClass
		if g == "" {
			continue
		}
		sc := pc.groups[g]
		if sc == nil {
			sc = &sizeClass{points: make([][]float64, len(m.Questions)), items: make([][]int, len(m.Questions))}
			gs := p.r.Group(wave, pc.pg, g)
			sc.shown = gs != nil && p.opt.Disclosure.Units(gs) == scoring.Published
			pc.groups[g] = sc
		}
		sc.units++
		in = p.ev.Inputs(&u, in)
		for q, x := range in {
			if x.Status != scoring.Answered {
				continue
			}
			sc.points[q] = append(sc.points[q], x.Points)
			if scale := p.wq.Questions[q].Scale; scale != nil && scale.Kind == scoring.ScaleMulti {
				t, _ := scale.Ticked(answerOf(&u, q))
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
	}
	for _, sc := range pc.groups {
		sc.told = make([][]float64, len(sc.points))
		for q, xs := range sc.points {
			slices.Sort(xs)
			if l := p.static[q]; l != nil {
				rungs := make([]float64, len(l.rungs))
				for i, r := range l.rungs {
					rungs[i] = r.points
				}
				sc.told[q] = tellable(xs, rungs, sc.units, p.opt.Disclosure.Shown)
			}
		}
	}
	return pc
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
	var told []float64
	var counts []int
	last := 0 // the last count told; none yet
	for k := len(rungs) - 1; k >= 0; k-- {
		n := len(xs) - sort.SearchFloat64s(xs, rungs[k]-1e-12)
		if shown(n) && (n == last || shown(n-last)) {
			told, last = append(told, rungs[k]), n
			counts = append(counts, n)
		}
	}
	for len(told) > 0 && !complement(units, counts[len(counts)-1], shown) {
		told, counts = told[:len(told)-1], counts[:len(counts)-1]
	}
	slices.Reverse(told)
	return told
}

// complement reports whether a count n of a group of the given number
// of units may be told beside it: the units not counted are none or a
// showable number.
func complement(units, n int, shown func(int) bool) bool {
	return n == units || shown(units-n)
}

// count returns how many units of u's size class give at least the
// answer of rung r to question q (tick its item), and whether the count
// may be shown. Unit u itself never counts: its answer is below r.
func (pc *peerCounts) count(u *scoring.UnitResult, q int, r rung) (int, bool) {
	sc := pc.groups[u.SizeClass]
	if sc == nil || !sc.shown {
		return 0, false
	}
	var n int
	if r.item >= 0 {
		if it := sc.items[q]; it != nil {
			n = it[r.item]
		}
		if !complement(sc.units, n, pc.p.opt.Disclosure.Shown) {
			return 0, false // the units not ticking it would be too few to show
		}
	} else {
		xs := sc.points[q]
		n = len(xs) - sort.SearchFloat64s(xs, r.points-1e-12)
		if _, ok := slices.BinarySearch(sc.told[q], r.points); !ok {
			return 0, false
		}
	}
	if !pc.p.opt.Disclosure.Shown(n) {
		return 0, false // a count too small to show is not kept either
	}
	return n, true
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
