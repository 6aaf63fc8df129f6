package roadmap

import (
	"slices"
	"sort"

	"github.com/reifegrad/reifegrad/scoring"
)

// peerCounts answers "how many units of my size class already give at
// least this answer?" for one wave. It is read-only once built.
type peerCounts struct {
	p  *planner
	pg int // the peer group of size classes; -1: none
	// points[g][q] holds the points of the answers to q in size class g,
	// ascending; items[g][q][i] counts the units ticking item i.
	points map[string][][]float64
	items  map[string][][]int
	// shown[g] is whether figures of size class g may be shown at all.
	shown map[string]bool
}

func newPeerCounts(p *planner) *peerCounts {
	m := p.m
	pc := &peerCounts{p: p, pg: -1, points: map[string][][]float64{}, items: map[string][][]int{}, shown: map[string]bool{}}
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
		if _, ok := pc.points[g]; !ok {
			pc.points[g], pc.items[g] = make([][]float64, len(m.Questions)), make([][]int, len(m.Questions))
			gs := p.r.Group(wave, pc.pg, g)
			pc.shown[g] = gs != nil && p.opt.Disclosure.Units(gs) == scoring.Published
		}
		in = p.ev.Inputs(&u, in)
		for q, x := range in {
			if x.Status != scoring.Answered {
				continue
			}
			pc.points[g][q] = append(pc.points[g][q], x.Points)
			if sc := p.wq.Questions[q].Scale; sc != nil && sc.Kind == scoring.ScaleMulti {
				t, _ := sc.Ticked(answerOf(&u, q))
				if pc.items[g][q] == nil {
					pc.items[g][q] = make([]int, len(sc.Items))
				}
				for i, on := range t {
					if on {
						pc.items[g][q][i]++
					}
				}
			}
		}
	}
	for _, qs := range pc.points {
		for _, xs := range qs {
			slices.Sort(xs)
		}
	}
	return pc
}

// count returns how many units of u's size class give at least the
// answer of rung r to question q (tick its item), and whether the count
// may be shown. Unit u itself never counts: its answer is below r.
func (pc *peerCounts) count(u *scoring.UnitResult, q int, r rung) (int, bool) {
	g := u.SizeClass
	if !pc.shown[g] {
		return 0, false
	}
	var n int
	if r.item >= 0 {
		if it := pc.items[g][q]; it != nil {
			n = it[r.item]
		}
	} else {
		xs := pc.points[g][q]
		n = len(xs) - sort.SearchFloat64s(xs, r.points-1e-12)
	}
	if !pc.p.opt.Disclosure.Shown(n) {
		return 0, false // a count too small to show is not kept either
	}
	return n, true
}

// item returns how many units of u's size class tick item i of question
// q, for ordering a multi-select's items; 0 where figures of the group may
// not be shown.
func (pc *peerCounts) item(u *scoring.UnitResult, q, i int) int {
	g := u.SizeClass
	if !pc.shown[g] || pc.items[g][q] == nil {
		return 0
	}
	return pc.items[g][q][i]
}
