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
	n := len(xs)
	if n < radixMin {
		slices.SortStableFunc(xs, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
		return xs
	}
	var count [8][256]int32
	for _, x := range xs {
		for d := range 8 {
			count[d][byte(x.key>>(8*d))]++
		}
	}
	src, dst := xs, make([]keyed, n)
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
	return src
}

// radixMin is the fewest keys sortKeyed sorts by radix: below it the
// eight counting tables cost more than comparisons.
const radixMin = 256
