package roadmap

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// A rung is one answer a question can be moved to: its points (after the
// scale and any reversal) and the effort of reaching it from the rung
// below.
type rung struct {
	points float64
	effort int
	label  string // the answer as the model declares it, a bin or a value
	item   int    // multi-selects: the item ticked to reach this rung; -1 otherwise
}

// staticLadder holds the rungs of a question whose ladder does not depend
// on the unit (map, bins, steps), ascending by points, each points value
// once (of a mapping's answers of equal points the one of least effort,
// else the first declared, stands for them).
type staticLadder struct {
	rungs []rung
	// bins holds a winding scale's bins in declared order (see
	// windingRungs); nil for every other scale.
	bins []rung
}

// ladders builds the static ladder of every question steppable in the
// wave, as the wave asked it (wq, its questionnaire: a rescaled question
// has its old scale in an earlier wave); nil for questions whose ladder
// is per unit (multi-selects) or that cannot be stepped on.
func ladders(m, wq *scoring.Model, steppable []bool) []*staticLadder {
	out := make([]*staticLadder, len(m.Questions))
	for qi := range m.Questions {
		q := wq.Questions[qi]
		sc := q.Scale
		if !steppable[qi] || sc.Kind == scoring.ScaleMulti {
			continue
		}
		effort := func(i int) int { return stepEffort(m, wq, qi, i) }
		var rs []rung
		switch {
		case sc.Kind == scoring.ScaleMap:
			for i, l := range sc.Labels {
				a := sc.Parse(l)
				rs = append(rs, rung{points: effective(q, a.Value), effort: effort(i), label: l, item: -1})
			}
		case len(sc.Bins) > 0:
			for i, b := range sc.Bins {
				rs = append(rs, rung{points: effective(q, b.Points), effort: effort(i), label: binLabel(sc, i), item: -1})
			}
			if winding(rs) {
				out[qi] = &staticLadder{bins: slices.Clone(rs)}
			}
		default:
			for i, x := range m.Steps(sc) {
				rs = append(rs, rung{points: effective(q, sc.Points(x)), effort: effort(i), label: formatNumber(x), item: -1})
			}
		}
		// Of a mapping's answers of equal points, the one of least effort
		// (then the first declared) stands for them: a roadmap reaches
		// whichever costs less ("geplant" at 1 rather than "teilweise" at
		// 4, both 0.5). Bins and steps keep their order: a number passes
		// through the bins between.
		if out[qi] == nil {
			out[qi] = &staticLadder{}
		}
		slices.SortStableFunc(rs, func(a, b rung) int {
			if sc.Kind == scoring.ScaleMap {
				return cmp.Or(cmp.Compare(a.points, b.points), cmp.Compare(a.effort, b.effort))
			}
			return cmp.Compare(a.points, b.points)
		})
		out[qi].rungs = slices.CompactFunc(rs, func(a, b rung) bool { return a.points == b.points })
	}
	return out
}

// winding reports whether bins' points (in declared order) both rise and
// fall, as on a scale with an optimum in the middle.
func winding(bins []rung) bool {
	up, down := false, false
	for i := 1; i < len(bins); i++ {
		up = up || bins[i].points > bins[i-1].points
		down = down || bins[i].points < bins[i-1].points
	}
	return up && down
}

// windingRungs returns the rungs of a question on a winding scale for an
// answer in bin c: a number moves along the bins, each bin entered at its
// effort, so a bin costs the efforts of the bins from c to it. Of the bins
// of more points than c's, it keeps the least effort per points value,
// and of those the ones no bin of more points reaches with as little
// effort; ascending, each with the effort beyond the rung below. (Ranked
// by points alone, the ladder led a unit at 1 on a scale best at 3–5
// through 6–9 and ≥ 10 and back to 3–5.)
func windingRungs(bins []rung, c int, dst []rung) []rung {
	cost := make([]int, len(bins))
	for j := c + 1; j < len(bins); j++ {
		cost[j] = cost[j-1] + bins[j].effort
	}
	for j := c - 1; j >= 0; j-- {
		cost[j] = cost[j+1] + bins[j].effort
	}
	var idx []int
	for j := range bins {
		if bins[j].points > bins[c].points {
			idx = append(idx, j)
		}
	}
	// By points, then effort (then nearer, as the bins are walked out
	// from c): the first of each points value stands for it.
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(bins[a].points, bins[b].points), cmp.Compare(cost[a], cost[b]),
			cmp.Compare(abs(a-c), abs(b-c)))
	})
	idx = slices.CompactFunc(idx, func(a, b int) bool { return bins[a].points == bins[b].points })
	keep := idx[:0]
	for k := len(idx) - 1; k >= 0; k-- {
		if len(keep) == 0 || cost[idx[k]] < cost[keep[len(keep)-1]] {
			keep = append(keep, idx[k])
		}
	}
	slices.Reverse(keep)
	prev := 0
	for _, j := range keep {
		r := bins[j]
		r.effort, prev = cost[j]-prev, cost[j]
		dst = append(dst, r)
	}
	return dst
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// binOf returns the bin a number falls in, as Scale.Points finds it.
func binOf(sc *scoring.Scale, x float64) int {
	for i, b := range sc.Bins {
		if b.Open || x <= b.Max {
			return i
		}
	}
	return len(sc.Bins) - 1
}

// stepEffort is the effort of rung i of question qi as wave questionnaire
// wq asks it: the question's own efforts apply to its scale in the model;
// under an earlier scale, that scale's.
func stepEffort(m, wq *scoring.Model, qi, i int) int {
	if q := wq.Questions[qi]; q.Scale != m.Questions[qi].Scale {
		return m.ScaleStepEffort(q.Scale, i)
	}
	return m.StepEffort(m.Questions[qi], i)
}

// effective returns the points a question counts for scale points p.
func effective(q *scoring.Question, p float64) float64 {
	if q.Reverse {
		return 1 - p
	}
	return p
}

// binLabel describes bin i of a scale: "0", "1–9", "≥ 50". Bounds that are
// whole numbers are read as counts (the bin above 9 starts at 10).
func binLabel(sc *scoring.Scale, i int) string {
	b := sc.Bins[i]
	var lo float64
	hasLo := i > 0
	if hasLo {
		lo = sc.Bins[i-1].Max
	} else if sc.HasMin {
		lo, hasLo = sc.Min, true
	}
	whole := func(x float64) bool { return x == math.Trunc(x) && math.Abs(x) < 1e15 }
	from := func() string {
		if i > 0 && whole(lo) {
			return formatNumber(lo + 1)
		}
		return formatNumber(lo)
	}
	switch {
	case b.Open && hasLo && i > 0 && whole(lo):
		return "≥ " + from()
	case b.Open && hasLo && i > 0:
		return "> " + from()
	case b.Open && hasLo:
		return "≥ " + from()
	case b.Open:
		return "…"
	case !hasLo:
		return "≤ " + formatNumber(b.Max)
	case i > 0 && whole(lo) && whole(b.Max) && lo+1 == b.Max:
		return formatNumber(b.Max)
	case i > 0 && !whole(lo):
		return "> " + formatNumber(lo) + "–" + formatNumber(b.Max)
	case from() == formatNumber(b.Max):
		return formatNumber(b.Max)
	}
	return from() + "–" + formatNumber(b.Max)
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// option is one answer a question may have in a roadmap's end state: the
// current one (index 0, cost 0) or a rung above it.
type option struct {
	cost    int
	status  scoring.Status
	points  float64
	imputed bool // the current answer, a number the treatment stage imputed
	rung    int  // index into the unit's ladder of the question; -1: unchanged
}

// unitLadder is a question's ladder for one unit: the rungs above its
// answer (for an open question all of them, after clarifying), and the
// options they make.
type unitLadder struct {
	// rungs is read only: it may be (part of) a static ladder, shared.
	rungs   []rung
	options []option
	clarify bool   // the question is open: the first rung is reached by clarifying
	multi   []rung // a multi-select's or winding scale's own rungs, rungs points into it
}

// unitLadders builds every question's options for one unit. peers orders
// the unticked items of a multi-select (the most common among peers first,
// among items of equal effort), or is nil.
func (p *planner) unitLadders(in []scoring.Input, u *scoring.UnitResult, dst []unitLadder, memo *map[tickedKey][]bool) []unitLadder {
	m := p.m
	dst = slices.Grow(dst[:0], len(m.Questions))[:len(m.Questions)]
	for qi := range m.Questions {
		q := p.wq.Questions[qi]
		l := &dst[qi]
		l.rungs, l.clarify = nil, false
		x := in[qi]
		l.options = append(l.options[:0], option{status: x.Status, points: x.Points, imputed: x.Imputed, rung: -1})
		switch {
		case !p.steppable[qi]:
			continue
		case x.Status == scoring.Answered:
		case x.Status == scoring.Blank, x.Status == scoring.Unknown, x.Status == scoring.Invalid:
			l.clarify = true
		default:
			continue // not applicable, not asked, or a status a roadmap cannot change
		}
		switch {
		case q.Scale.Kind == scoring.ScaleMulti:
			l.multi = p.multiRungs(q, u, l.multi[:0], memo)
			l.rungs = l.multi
		case p.static[qi] != nil && p.static[qi].bins != nil:
			// A winding scale: the rungs depend on the bin the answer is
			// in; an open question is planned from its lowest bin.
			bins := p.static[qi].bins
			c := 0
			if l.clarify {
				for j := range bins {
					if bins[j].points < bins[c].points {
						c = j
					}
				}
				l.multi = append(l.multi[:0], bins[c])
				l.multi[0].effort = 0
			} else {
				c = binOf(q.Scale, q.Scale.Parse(answerOf(u, qi)).Value)
				l.multi = l.multi[:0]
			}
			l.multi = windingRungs(bins, c, l.multi)
			l.rungs = l.multi
		case p.static[qi] != nil:
			l.rungs = p.static[qi].rungs
		default:
			continue
		}
		if l.clarify {
			// An open multi-select whose empty cell is not answered
			// (empty: blank) cannot be answered with nothing ticked: it is
			// clarified by ticking an item, its first rung.
			if q.Scale.Kind == scoring.ScaleMulti && !q.Scale.EmptyNone {
				l.rungs = l.rungs[1:]
			}
			cost := m.ClarifyEffort()
			for i, r := range l.rungs {
				if i > 0 || r.item >= 0 {
					cost += r.effort
				}
				l.options = append(l.options, option{cost: cost, status: scoring.Answered, points: r.points, rung: i})
			}
			continue
		}
		// Rungs at or below the answer are behind it; steps start above.
		// A multi-select's first rung is its answer: the items ticked.
		start := 0
		for start < len(l.rungs) && l.rungs[start].points <= x.Points+1e-12 {
			start++
		}
		if q.Scale.Kind == scoring.ScaleMulti {
			start = 1
		}
		l.rungs = l.rungs[start:]
		cost := 0
		for i, r := range l.rungs {
			cost += r.effort
			l.options = append(l.options, option{cost: cost, status: scoring.Answered, points: r.points, rung: i})
		}
	}
	return dst
}

// multiRungs returns the ladder of a multi-select for unit u: its answer
// (the items ticked; none for an open question), then one rung per item
// not yet ticked, by effort, then by how many peers tick it, then in model
// order.
func (p *planner) multiRungs(q *scoring.Question, u *scoring.UnitResult, dst []rung, memo *map[tickedKey][]bool) []rung {
	sc := q.Scale
	ticked := tickedOf(sc, answerOf(u, q.Index), memo)
	if ticked == nil {
		ticked = make([]bool, len(sc.Items))
	}
	var free []int
	n := 0
	for i, t := range ticked {
		if t {
			n++
		} else {
			free = append(free, i)
		}
	}
	effort := func(i int) int { return stepEffort(p.m, p.wq, q.Index, i) }
	ticks := p.peers.items(u, q.Index)
	item := func(i int) int {
		if ticks == nil {
			return 0
		}
		return ticks[i]
	}
	slices.SortStableFunc(free, func(a, b int) int {
		return cmp.Or(cmp.Compare(effort(a), effort(b)), cmp.Compare(item(b), item(a)))
	})
	pts := func(k int) float64 {
		if sc.MultiScore == scoring.MultiCount {
			return effective(q, sc.Points(float64(k)))
		}
		return effective(q, float64(k)/float64(len(sc.Items)))
	}
	dst = append(dst, rung{points: pts(n), item: -1})
	for j, it := range free {
		dst = append(dst, rung{points: pts(n + j + 1), effort: effort(it), label: sc.Items[it].Label, item: it})
	}
	return dst
}

// tickedKey is a multi-select scale and a raw answer.
type tickedKey struct {
	sc  *scoring.Scale
	raw string
}

// maxTicked bounds the answers a solver's memo of Ticked keeps: free
// text in a multi-select's cells could make each one new.
const maxTicked = 4096

// tickedOf is sc.Ticked(raw) (nil where that is not ok), from memo (if
// any) where it was worked out for the same scale and answer before; the
// slice is shared and must not be changed.
func tickedOf(sc *scoring.Scale, raw string, memo *map[tickedKey][]bool) []bool {
	if memo == nil {
		t, _ := sc.Ticked(raw)
		return t
	}
	k := tickedKey{sc, raw}
	if t, ok := (*memo)[k]; ok {
		return t
	}
	t, _ := sc.Ticked(raw)
	if *memo == nil {
		*memo = map[tickedKey][]bool{}
	}
	if len(*memo) < maxTicked {
		(*memo)[k] = t
	}
	return t
}

func answerOf(u *scoring.UnitResult, q int) string {
	if u.Response == nil || q >= u.Response.Answers.Len() {
		return ""
	}
	return strings.TrimSpace(u.Response.Answers.At(q))
}

// numberToken finds the numbers formatNumber writes into a label.
var numberToken = regexp.MustCompile(`-?\d+(?:\.\d+)?`)

// Change returns step i's answer before and after as lang writes them.
// From and To are language-neutral: a number the roadmap worked out — a
// value ("7.5") or a bin ("> 2.5–5") of a numeric question — is written
// with lang's decimal mark, as the methodology writes the model's numbers
// (scoring.Language.Number); an answer of a mapping, an item, and the
// answer the unit gave (the first step's From, kept as it was written)
// stay as they are.
func (p *Plan) Change(i int, lang scoring.Language) (from, to string) {
	st := &p.Steps[i]
	from, to = st.From, st.To
	if st.Item || st.Question.Scale == nil || st.Question.Scale.Kind != scoring.ScaleNumeric {
		return from, to
	}
	local := func(s string) string {
		return numberToken.ReplaceAllStringFunc(s, func(n string) string {
			x, err := strconv.ParseFloat(n, 64)
			if err != nil {
				return n
			}
			return lang.Number(x)
		})
	}
	if slices.ContainsFunc(p.Steps[:i], func(s Step) bool { return s.Question == st.Question }) {
		from = local(from) // the step before's To
	}
	return from, local(to)
}
