package roadmap

import "github.com/reifegrad/reifegrad/scoring"

// The tie rule. Of the end states that reach the target with the least
// effort, the programme keeps, for each class and effort, the one with the
// best score (see solve.go). Two scores within tieTolerance of each other
// are equal: then the end state that goes further up the question that
// decides first is kept — the questions taken in the model's order, within
// each dimension and indicator first the answered questions with an even
// ladder (every step of effort one, none gaining more than the one before:
// see even), then those without a score now (open questions, parts not
// scored), then the others, and a part's questions together.
// As that is an order of the questions, the rule picks one end state of
// any set of equally good ones, however the scores were summed: a sum in
// another order (a fast path, a block of questions merged at once) can
// change the last bits of a score, never the roadmap.
//
// The programme carries the rule through its merges without a key per
// value: a node's children are merged in the rule's order reversed (see
// node), so the child merged last decides a tie first. Two candidates for
// the same value compare the child's outcome (an option: the higher is
// further up; a node's outcome: recursively) and, only where that is the
// same, the aggregates they extend, walking both back along their back
// pointers until they differ or meet (cmpLevel). Ties are common (many
// questions with the same ladder and weight), walks beyond one child rare.

// tieTolerance is how close two scores (a node's 0–100, or a partial
// aggregate Σ weight·score) must be to be equal: far above the rounding
// of sums of a few hundred terms (about 1e-12 here), far below any
// difference two answers make (points are a scale's values, 1e-3 apart at
// the least in any model seen).
const tieTolerance = 1e-9

// mergeAt is the merge under way: the node and the index (in merged) of
// the child being merged.
type mergeAt struct {
	node, child int
}

// takes reports whether candidate b for the value of effort e of the
// level being merged comes before the one held, old: for a question's
// option (leaf), the higher option, unless they are the same.
func (s *solver) takes(leaf bool, b, old back, e int) bool {
	if leaf && b.child != old.child {
		return b.child > old.child
	}
	return s.newFirst(b, old, e)
}

// newFirst reports whether the candidate b for the value of effort e of
// the level being merged (s.at) comes before the one held, old, by the
// tie rule.
func (s *solver) newFirst(b, old back, e int) bool {
	n, i := s.at.node, s.at.child
	if c := s.cmpChild(s.merged[n][i], b, old); c != 0 {
		return c > 0
	}
	return s.cmpLevel(n, i-1, int(b.prev), e-int(b.cost), int(old.prev), e-int(old.cost)) > 0
}

// cmpChild compares the outcomes two back pointers of a level took of
// merged child c (a question as -1-q, an indicator of one question taken
// as its options, or a node): +1 when the first comes first.
func (s *solver) cmpChild(c int, b1, b2 back) int {
	if c < 0 || s.isSimple(c) {
		// An option of a question: the higher goes further up.
		return cmpInt(int(b1.child), int(b2.child))
	}
	if b1.child == b2.child && b1.cost == b2.cost {
		return 0
	}
	return s.cmpFront(c, int(b1.child), int(b1.cost), int(b2.child), int(b2.cost))
}

// cmpFront compares the outcomes of node n in its frontier classes f1 and
// f2 (relative) at efforts e1 and e2.
func (s *solver) cmpFront(n, f1, e1, f2, e2 int) int {
	if !s.live[n] {
		return 0 // one outcome
	}
	fr := s.frontier(n)
	b1, b2 := s.backs[fr[f1].off+e1], s.backs[fr[f2].off+e2]
	return s.cmpLevel(n, len(s.levels[n])-1, int(b1.prev), e1, int(b2.prev), e2)
}

// cmpLevel compares two partial aggregates of node n after its merged
// children 0..k: class a1 (relative to level k) at effort e1 and class a2
// at effort e2. It walks both back from child k to child 0, the order in
// which the rule decides, until they differ or are the same aggregate.
func (s *solver) cmpLevel(n, k, a1, e1, a2, e2 int) int {
	levels, merged := s.levels[n], s.merged[n]
	for ; k >= 0; k-- {
		if a1 == a2 && e1 == e2 {
			return 0
		}
		if levels[k].pass {
			continue // the child kept its answer in both
		}
		if levels[k].block {
			// A block's outcomes are nested: the dearer goes further up.
			lo := levels[k].lo
			b1 := s.backs[s.classes[lo+a1].off+e1]
			b2 := s.backs[s.classes[lo+a2].off+e2]
			if b1.cost != b2.cost {
				return cmpInt(int(b1.cost), int(b2.cost))
			}
			a1, e1 = int(b1.prev), e1-int(b1.cost)
			a2, e2 = int(b2.prev), e2-int(b2.cost)
			k = s.blocks[n].from // then the child before the block
			continue
		}
		lo := levels[k].lo
		b1 := s.backs[s.classes[lo+a1].off+e1]
		b2 := s.backs[s.classes[lo+a2].off+e2]
		if c := s.cmpChild(merged[k], b1, b2); c != 0 {
			return c
		}
		a1, e1 = int(b1.prev), e1-int(b1.cost)
		a2, e2 = int(b2.prev), e2-int(b2.cost)
	}
	return 0
}

// cmpMade compares two values of the level the merge under way (s.at) is
// making, or, with frontier, of the frontier of node n being finished:
// class c1 (absolute) at effort e1 and c2 at e2.
func (s *solver) cmpMade(frontier bool, n, c1, e1, c2, e2 int) int {
	b1, b2 := s.backs[s.classes[c1].off+e1], s.backs[s.classes[c2].off+e2]
	if frontier {
		return s.cmpLevel(n, len(s.levels[n])-1, int(b1.prev), e1, int(b2.prev), e2)
	}
	i := s.at.child
	if c := s.cmpChild(s.merged[n][i], b1, b2); c != 0 {
		return c
	}
	return s.cmpLevel(n, i-1, int(b1.prev), e1-int(b1.cost), int(b2.prev), e2-int(b2.cost))
}

// cmpChoices compares two end states (an option per question) by the tie
// rule, over the tree of the last search: +1 when a comes first. It
// decides between the searches of questions that feed several indicators
// (search).
func (s *solver) cmpChoices(a, b []int) int {
	var walk func(n int) int
	walk = func(n int) int {
		if !s.live[n] {
			return 0
		}
		merged := s.merged[n]
		for k := len(merged) - 1; k >= 0; k-- {
			c := merged[k]
			q := -1 - c
			switch {
			case c >= 0 && s.isSimple(c):
				q = s.p.simple[c]
			case c >= 0:
				if r := walk(c); r != 0 {
					return r
				}
				continue
			}
			if r := cmpInt(a[q], b[q]); r != 0 {
				return r
			}
		}
		return 0
	}
	return walk(0)
}

// ruleOrder numbers the questions in the tie rule's order for the unit
// being planned (s.rank): the model's order, within each node first the
// answered questions with an even ladder, then the children not scored
// now, then the rest — the order node merges them in, reversed. The step
// order decides between steps of equal gain per effort by it (walk.next).
func (s *solver) ruleOrder() {
	for q := range s.rank {
		s.rank[q] = len(s.rank)
	}
	k := 0
	s.ruleKids = s.ruleKids[:0]
	s.visitRule(0, &k)
}

// ruleKid is a child (a question as -1-q) of a node ruleOrder visits, not
// numbered yet, with its group: 1 not scored now, 2 the others.
type ruleKid struct{ c, group int }

// visitRule numbers the questions of node n's subtree from *k on: first
// the answered questions with an even ladder (group 0, numbered as they
// are met), then the children of group 1, then those of group 2, each
// group in the model's order, a child node's questions together. The
// children of groups 1 and 2 wait in s.ruleKids.
func (s *solver) visitRule(n int, k *int) {
	nd := s.p.m.Nodes[n]
	lo := len(s.ruleKids)
	add := func(c int) {
		q := -1 - c
		if c >= 0 {
			q = s.p.simple[c]
		}
		switch {
		case !s.fixedIn(c):
			s.ruleKids = append(s.ruleKids, ruleKid{c, 1})
		case q >= 0 && s.evenQ[q]:
			s.number(q, k) // group 0
		default:
			s.ruleKids = append(s.ruleKids, ruleKid{c, 2})
		}
	}
	if nd.Kind == scoring.KindIndicator {
		for _, q := range nd.Questions {
			add(-1 - q)
		}
	} else {
		for _, c := range nd.Children {
			add(c)
		}
	}
	hi := len(s.ruleKids)
	for group := 1; group <= 2; group++ {
		for i := lo; i < hi; i++ {
			if s.ruleKids[i].group != group {
				continue
			}
			c := s.ruleKids[i].c
			q := -1 - c
			if c >= 0 {
				if q = s.p.simple[c]; q < 0 {
					s.visitRule(c, k)
					continue
				}
			}
			s.number(q, k)
		}
	}
	s.ruleKids = s.ruleKids[:lo]
}

// number gives question q the next place in the rule's order, unless it
// has one (a question of several indicators: its first).
func (s *solver) number(q int, k *int) {
	if s.rank[q] == len(s.rank) {
		s.rank[q] = *k
		*k++
	}
}

func cmpInt(a, b int) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}
