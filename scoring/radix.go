package scoring

import (
	"cmp"
	"math"
	"slices"
)

// keyed is a score as a sort key (scoreKey), and the unit it belongs to.
type keyed struct {
	key  uint64
	unit int32
}

// scoreKey maps a score to a key whose order as an unsigned number is the
// scores' order (−0 just below +0).
func scoreKey(f float64) uint64 {
	k := math.Float64bits(f)
	if k>>63 != 0 {
		return ^k
	}
	return k | 1<<63
}

// sortKeyed sorts xs by key, equal keys in the order they come, and
// returns the sorted keys (xs, or a slice of its own).
//
// It is a radix sort, least significant byte first, that skips a byte
// every key shares (scores on 0–100 share the sign and most of the
// exponent). Sorting the scores of every node by comparison mispredicted
// a branch about every other comparison; a radix sort has no branch that
// depends on the data.
func sortKeyed(xs []keyed) []keyed {
	sorted, _ := sortKeyedWith(xs, nil)
	return sorted
}

// sortKeyedWith is sortKeyed with tmp as its working memory, for callers
// that sort again and again: it returns the sorted keys and the working
// memory to pass next time.
func sortKeyedWith(xs, tmp []keyed) (sorted, work []keyed) {
	n := len(xs)
	if n < radixMin {
		slices.SortStableFunc(xs, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
		return xs, tmp
	}
	var count [8][256]int32
	for _, x := range xs {
		// Written out: as a loop over d, each count took a dozen
		// instructions (the shift by a variable, the index d*256+b).
		k := x.key
		count[0][byte(k)]++
		count[1][byte(k>>8)]++
		count[2][byte(k>>16)]++
		count[3][byte(k>>24)]++
		count[4][byte(k>>32)]++
		count[5][byte(k>>40)]++
		count[6][byte(k>>48)]++
		count[7][byte(k>>56)]++
	}
	if cap(tmp) < n {
		tmp = make([]keyed, n)
	}
	src, dst := xs, tmp[:n]
	for d := range 8 {
		c := &count[d]
		if c[byte(src[0].key>>(8*d))] == int32(n) {
			continue // every key has this byte: the order stays
		}
		var at int32
		for b, k := range c {
			c[b], at = at, at+k
		}
		for _, x := range src {
			b := byte(x.key >> (8 * d))
			dst[c[b]] = x
			c[b]++
		}
		src, dst = dst, src
	}
	return src, dst
}

// Ranker ranks units by their overall scores as Score ranks them within a
// group (Position.Rank): 1 for the highest, and scores within 1e-9 of the
// highest of their run share its rank. It is for callers that rank the
// same units again and again — the Monte Carlo's draws — and keeps its
// memory between calls; the zero value is ready. It is not safe for
// concurrent use.
type Ranker struct {
	keys, work []keyed
}

// Rank sets ranks[i] to the rank of unit us[i] by overall score among the
// units of us with one, and to 0 for a unit without. ranks has len(us).
func (rk *Ranker) Rank(us []UnitResult, ranks []int32) {
	keys := rk.keys[:0]
	for i := range us {
		ranks[i] = 0
		if s := us[i].Nodes.At(0); s.Scored() {
			keys = append(keys, keyed{scoreKey(s.Score), int32(i)})
		}
	}
	sorted, work := sortKeyedWith(keys, rk.work)
	rk.keys, rk.work = sorted, work // either may hold the keys next time
	// Lowest first: a run starts at its highest score, at the end.
	n := len(sorted)
	for j := n - 1; j >= 0; {
		top := us[sorted[j].unit].Nodes.At(0).Score
		rank := int32(n - j)
		// A run holds at least its first unit, so the loop ends whatever
		// the scores are (NaN compares false to everything).
		ranks[sorted[j].unit] = rank
		k := j - 1
		for k >= 0 && top-us[sorted[k].unit].Nodes.At(0).Score <= tieTolerance {
			ranks[sorted[k].unit] = rank
			k--
		}
		j = k
	}
}

// radixMin is the fewest keys sortKeyed sorts by radix: below it the
// eight counting tables cost more than comparisons.
const radixMin = 256

// unitKey is id as a sort key whose order as an unsigned number is the
// ids' order as strings, for an id of at most eight bytes none of which is
// NUL (an AGS has eight digits): the bytes big-endian, padded with zeros,
// so that a shorter id sorts before every longer one it begins. ok is
// false for any other id.
func unitKey(id UnitID) (key uint64, ok bool) {
	if len(id) > 8 {
		return 0, false
	}
	for i := range 8 {
		key <<= 8
		if i < len(id) {
			if id[i] == 0 {
				return 0, false
			}
			key |= uint64(id[i])
		}
	}
	return key, true
}

// byUnit returns the responses in the order of their unit ids, by radix
// on unitKey, and whether no two of them share an id. ok is false (and
// nothing sorted) when an id has no key. Sorting a wave's responses by
// comparison after a map had looked for units answering twice was 6 ms of
// a national check, on one core; with distinct keys the sorted keys show
// at once that no unit answered twice.
func byUnit(rs []*Response) (sorted []*Response, distinct, ok bool) {
	keys := make([]keyed, len(rs))
	for i, r := range rs {
		k, ok := unitKey(r.Unit.ID)
		if !ok {
			return nil, false, false
		}
		keys[i] = keyed{k, int32(i)}
	}
	keys = sortKeyed(keys)
	sorted = make([]*Response, len(rs))
	distinct = true
	for i, k := range keys {
		sorted[i] = rs[k.unit]
		if i > 0 && k.key == keys[i-1].key {
			distinct = false
		}
	}
	return sorted, distinct, true
}
