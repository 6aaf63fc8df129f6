package scoring

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Comparison is what two consecutive waves of the results have in common:
// the questions both asked the same way (the comparable core, on which
// every change between them is computed), and the territorial changes
// between them.
type Comparison struct {
	From, To WaveID
	// Core[q] is set for the model's questions both waves asked the same
	// way; nil when that is every question (a model without waves).
	Core []bool
	// Compared counts the scored questions in the core, Asked those
	// either wave asked: "change on the basis of Compared of Asked
	// questions asked the same way in both waves". A question only the
	// earlier wave asked (dropped since) counts as much as a new one: the
	// full scores of both waves rest on all their questions, so the
	// comparison is complete only when each wave's full scores are its
	// scores on the core.
	Compared, Asked int
	// Successions are the territorial changes that took effect after
	// From and by To.
	Successions []Succession
}

// Partial reports whether the comparison leaves out a question either
// wave asked: then the scores a change runs between are not both waves'
// full scores.
func (c Comparison) Partial() bool { return c.Compared < c.Asked }

// Comparison returns the comparison of wave i of the results with the
// wave before it; false for the first wave.
func (r *Results) Comparison(i int) (Comparison, bool) {
	if i < 1 || i > len(r.Comparisons) {
		return Comparison{}, false
	}
	return r.Comparisons[i-1], true
}

// TrendCore returns how many of the scored questions every wave of the
// results asked the same way (the core the trend figures, UnitResult.Trend
// and GroupStats.Trend, are computed on), and how many some wave asked:
// compared < asked whenever a trend figure is not the wave's full figure.
func (r *Results) TrendCore() (compared, asked int) { return r.trendCompared, r.trendAsked }

// modelWave returns the index in Model.Waves of the results' wave i, or
// -1 when the model does not declare it.
func (r *Results) modelWave(i int) int { return r.Model.waveIndex(r.Waves[i].ID) }

// coreOf returns the questions the given model waves all asked the same
// way, and how many of the scored ones they are; nil (all) when a wave is
// not declared or none is given (results of no response at all).
func (m *Model) coreOf(waves []int) ([]bool, int) {
	used := m.usedQuestions()
	scored := 0
	for _, u := range used {
		if u {
			scored++
		}
	}
	if len(m.Waves) == 0 || len(waves) == 0 || slices.Contains(waves, -1) {
		return nil, scored
	}
	core := make([]bool, len(m.Questions))
	n := 0
	for q := range m.Questions {
		v := m.Waves[waves[0]].version[q]
		core[q] = v >= 0
		for _, w := range waves[1:] {
			core[q] = core[q] && m.Waves[w].version[q] == v
		}
		if core[q] && used[q] {
			n++
		}
	}
	return core, n
}

// askedCount counts the scored questions some of the given model waves
// asked (all of them when a wave is not declared, or none is given).
func (m *Model) askedCount(waves []int) int {
	used := m.usedQuestions()
	all := len(m.Waves) == 0 || len(waves) == 0 || slices.Contains(waves, -1)
	n := 0
	for q, u := range used {
		if u && (all || slices.ContainsFunc(waves, func(w int) bool { return m.Waves[w].version[q] >= 0 })) {
			n++
		}
	}
	return n
}

// compare computes, after every wave is scored, the comparisons of
// consecutive waves and the units' scores on their comparable cores
// (UnitResult.Core, CoreNext, Trend), and links units across waves and
// territorial changes (UnitResult.Previous, Merged, Successor).
func (r *Results) compare(runs []*waveRun, d *Dataset) {
	m := r.Model
	nw := len(r.Waves)
	mw := make([]int, nw)
	for i := range r.Waves {
		mw[i] = r.modelWave(i)
	}
	r.Comparisons = make([]Comparison, max(nw-1, 0))
	for i := range r.Comparisons {
		c := &r.Comparisons[i]
		c.From, c.To = r.Waves[i].ID, r.Waves[i+1].ID
		c.Core, c.Compared = m.coreOf([]int{mw[i], mw[i+1]})
		c.Asked = m.askedCount(mw[i : i+2])
	}
	trend, n := m.coreOf(mw)
	r.trendCompared, r.trendAsked = n, m.askedCount(mw)
	r.waveCores = make([]waveCores, nw)
	for wi := range r.Waves {
		units := r.WaveUnits(wi)
		wc := &r.waveCores[wi]
		cache := map[string][]NodeScores{}
		scores := func(mask []bool) []NodeScores {
			if mask == nil || sameAsked(runs[wi], mask) {
				return nil
			}
			key := maskKey(mask)
			if s, ok := cache[key]; ok {
				return s
			}
			s := runs[wi].rescore(mask)
			cache[key] = s
			return s
		}
		var core, next, tr []NodeScores
		if wi > 0 {
			core = scores(r.Comparisons[wi-1].Core)
		}
		if wi < nw-1 {
			next = scores(r.Comparisons[wi].Core)
		}
		if nw > 1 {
			tr = scores(trend)
		}
		wc.core, wc.next, wc.trend = core != nil, next != nil, tr != nil
		for i := range units {
			u := &units[i]
			u.Core, u.CoreNext, u.Trend = pick(core, i, u.Nodes), pick(next, i, u.Nodes), pick(tr, i, u.Nodes)
		}
	}
	r.linkWaves(d)
}

func pick(s []NodeScores, i int, full NodeScores) NodeScores {
	if s == nil {
		return full
	}
	return s[i]
}

// sameAsked reports whether mask keeps exactly the questions the run's
// wave asked: then scores on it are the full scores.
func sameAsked(w *waveRun, mask []bool) bool {
	for qi := range mask {
		if mask[qi] != !w.q.Questions[qi].NotAsked {
			return false
		}
	}
	return true
}

func maskKey(mask []bool) string {
	b := make([]byte, len(mask))
	for i, v := range mask {
		if v {
			b[i] = 1
		}
	}
	return string(b)
}

// waveCores says which of a wave's core scores differ from its full
// scores (when not, UnitResult.Core etc. are UnitResult.Nodes).
type waveCores struct{ core, next, trend bool }

// successions returns the model's territorial changes and the dataset's.
func (r *Results) successions(d *Dataset) []Succession {
	out := slices.Clone(r.Model.Successions)
	for _, s := range d.Successions {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// waveTime places wave i of the results in time; zero when unknown.
func (r *Results) waveTime(i int) time.Time {
	if mi := r.modelWave(i); mi >= 0 {
		return r.Model.Waves[mi].waveTime()
	}
	return WaveInfo{Wave: r.Waves[i], Year: yearOf(r.Waves[i].ID)}.waveTime()
}

// waveSpan is when wave i of the results was surveyed, as far as the
// model tells: a dated wave on its day (from = until); a wave known by
// its year within that year, from 1 January (a change on that day counts
// as before the wave, see waveDates) to 31 December; of any other wave
// nothing (both zero).
func (r *Results) waveSpan(i int) (from, until time.Time) {
	if mi := r.modelWave(i); mi >= 0 && !r.Model.Waves[mi].Date.IsZero() {
		d := r.Model.Waves[mi].Date
		return d, d
	}
	t := r.waveTime(i)
	if t.IsZero() {
		return t, t
	}
	return t, time.Date(t.Year(), 12, 31, 23, 59, 59, 0, time.UTC)
}

// unplaced returns the successions that may or may not have taken effect
// after wave a and by wave b (indices of the results' waves): neither
// surely in that interval nor surely out of it. A wave known only by its
// year cannot tell whether a change dated within that year came before or
// after it was surveyed; a wave known by neither date nor year, whether
// any change did. Taking such a wave as 1 January of its year placed a
// merger on 1 July silently after it, and the merged unit kept a change
// across it.
func (r *Results) unplaced(ss []Succession, a, b int) []Succession {
	aFrom, aUntil := r.waveSpan(a)
	bFrom, bUntil := r.waveSpan(b)
	var out []Succession
	for _, s := range ss {
		afterA := !aUntil.IsZero() && s.Date.After(aUntil)
		byA := !aFrom.IsZero() && !s.Date.After(aFrom)
		byB := !bFrom.IsZero() && !s.Date.After(bFrom)
		afterB := !bUntil.IsZero() && s.Date.After(bUntil)
		if !(afterA && byB) && !byA && !afterB {
			out = append(out, s)
		}
	}
	return out
}

func yearOf(id WaveID) int {
	if len(id) != 4 {
		return 0
	}
	y := 0
	for _, c := range id {
		if c < '0' || c > '9' {
			return 0
		}
		y = 10*y + int(c-'0')
	}
	return y
}

// successionIndex is a list of successions and, for each unit, where in
// the list those starting from it are, in the list's order. Following
// every unit of a wave through the list scanned all of it per unit
// (nationally 10,786 units × the register's successions, twice): the
// longest step of scoring that runs on one core.
type successionIndex struct {
	list []Succession
	from map[UnitID][]int
}

func indexSuccessions(ss []Succession) successionIndex {
	x := successionIndex{list: ss, from: make(map[UnitID][]int, len(ss))}
	for i, s := range ss {
		x.from[s.From] = append(x.from[s.From], i)
	}
	return x
}

// resolve follows unit id through the successions that took effect after
// from and by to (from zero: any time before), and returns where it ends.
// A chain that loops (possible only across the model's and a register's
// tables, each checked on its own) stops where it would repeat.
func (x successionIndex) resolve(id UnitID, from, to time.Time) UnitID {
	var seen map[UnitID]bool // made at the first step: most units never move
	for {
		next := id
		for _, i := range x.from[id] {
			if s := x.list[i]; s.Date.After(from) && !s.Date.After(to) {
				next = s.To
				break
			}
		}
		if next == id {
			return id
		}
		if seen == nil {
			seen = map[UnitID]bool{id: true}
		}
		if seen[next] {
			return id
		}
		seen[next] = true
		id = next
	}
}

// linkWaves sets every unit's Previous (its own result in the previous
// wave, or its predecessor's when only its key changed), Merged (the
// results of units merged into it since) and Successor (the unit it has
// become part of by the latest wave), and notes a unit that answered a
// wave under a key that no longer existed then.
func (r *Results) linkWaves(d *Dataset) {
	ss := indexSuccessions(r.successions(d))
	for i := range r.Units {
		r.Units[i].Previous = -1
	}
	nw := len(r.Waves)
	times := make([]time.Time, nw)
	for i := range times {
		times[i] = r.waveTime(i)
	}
	for wi := 0; wi < nw; wi++ {
		units := r.WaveUnits(wi)
		if len(ss.list) > 0 && !times[wi].IsZero() {
			latest := times[nw-1]
			for i := range units {
				u := &units[i]
				if to := ss.resolve(u.Unit.ID, time.Time{}, latest); to != u.Unit.ID {
					u.Successor = to
				}
				r.dissolved(ss, u, times[wi])
			}
		}
		if wi == 0 {
			continue
		}
		prev := map[UnitID]int{}
		for i := r.waveStart[wi-1]; i < r.waveStart[wi]; i++ {
			prev[r.Units[i].Unit.ID] = i
		}
		from, to := times[wi-1], times[wi]
		placed := len(ss.list) > 0 && !from.IsZero() && !to.IsZero()
		// into[x] lists the units of the previous wave that became x;
		// absorbed[x] the units whose successions into x took effect in
		// the interval, answered or not; unsure[x] is set where one of
		// them may as well have taken effect before or after it.
		into := map[UnitID][]int{}
		absorbed := map[UnitID][]UnitID{}
		unsure := map[UnitID]bool{}
		if maybe := r.unplaced(ss.list, wi-1, wi); len(maybe) > 0 {
			r.Issues = append(r.Issues, Issue{Kind: IssueOther, Wave: r.Waves[wi].ID,
				Message: fmt.Sprintf("territorial changes cannot be placed between waves %s and %s: give the waves dates (model.waves)", r.Waves[wi-1].ID, r.Waves[wi].ID),
				Cause:   CauseUndatedWaves, Args: []string{string(r.Waves[wi-1].ID), string(r.Waves[wi].ID)}})
			_, until := r.waveSpan(wi)
			if until.IsZero() {
				until = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
			}
			for _, s := range maybe {
				x := ss.resolve(s.From, time.Time{}, until)
				absorbed[x] = append(absorbed[x], s.From)
				unsure[x] = true
				if i, ok := prev[s.From]; ok && !slices.Contains(into[x], i) {
					into[x] = append(into[x], i)
				}
			}
		}
		if placed {
			for _, s := range ss.list {
				if s.Date.After(from) && !s.Date.After(to) {
					r.Comparisons[wi-1].Successions = append(r.Comparisons[wi-1].Successions, s)
					x := ss.resolve(s.From, from, to)
					absorbed[x] = append(absorbed[x], s.From)
				}
			}
			for id, i := range prev {
				if x := ss.resolve(id, from, to); x != id && !slices.Contains(into[x], i) {
					into[x] = append(into[x], i)
				}
			}
		}
		for i := range units {
			u := &units[i]
			p, own := prev[u.Unit.ID]
			preds := into[u.Unit.ID]
			slices.Sort(preds)
			in := absorbed[u.Unit.ID]
			switch {
			case own:
				// Its territory grew even where those merged into it did
				// not answer the previous wave.
				u.Previous = p
				u.Merged, u.Absorbed = preds, sortedIDs(in)
			case len(preds) == 1 && len(in) == 1 && !unsure[u.Unit.ID] && sameName(r.Units[preds[0]].Unit.Name, u.Unit.Name):
				// A new key for the same municipality: one predecessor,
				// under the same name. One municipality merged into
				// another that did not answer the earlier wave (Rathen
				// into Königstein) has a name of its own: Königstein's
				// change would be Königstein now against Rathen then.
				u.Previous = preds[0]
			default:
				u.Merged, u.Absorbed = preds, sortedIDs(in)
			}
		}
	}
}

// sameName reports whether two units' names are the same, ignoring case
// and the spaces around them: a municipality given only a new key keeps
// its name.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// sortedIDs returns ids sorted, without repeats; nil for none.
func sortedIDs(ids []UnitID) []UnitID {
	if len(ids) == 0 {
		return nil
	}
	return slices.Compact(slices.Sorted(slices.Values(ids)))
}

// dissolved notes a unit whose key had been succeeded by the time of its
// wave: its answers stand under a key that no longer existed.
func (r *Results) dissolved(ss successionIndex, u *UnitResult, at time.Time) {
	for _, i := range ss.from[u.Unit.ID] {
		if s := ss.list[i]; !s.Date.After(at) {
			place := ""
			if u.Response != nil {
				place = u.Response.Position(-1)
			}
			r.Issues = append(r.Issues, Issue{Kind: IssueDissolved, Place: place, Wave: u.Wave, Unit: u.Unit.ID,
				Message: fmt.Sprintf("%s (%s) became part of %s on %s, before wave %s; its answers are scored under %s — should they be %s's?",
					u.Unit.ID, u.Unit.Name, s.To, s.Date.Format(time.DateOnly), u.Wave, u.Unit.ID, s.To),
				Cause: CauseDissolved, Args: []string{string(u.Unit.ID), u.Unit.Name, string(s.To), s.Date.Format(time.DateOnly), string(u.Wave)}})
			return
		}
	}
}
