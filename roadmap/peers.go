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
	// shown is whether figures of the size class may be shown at all.
	shown bool
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
		for _, xs := range sc.points {
			slices.Sort(xs)
		}
	}
	return pc
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
	} else {
		xs := sc.points[q]
		n = len(xs) - sort.SearchFloat64s(xs, r.points-1e-12)
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
