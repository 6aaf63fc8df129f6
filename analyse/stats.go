package analyse

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// The statistics below take columns of numbers with NaN for "no value"
// and return NaN for "not computable" (too few values, no spread).

// pearson returns Pearson's correlation of the pairs where both x and y
// have a value, and how many pairs there were.
func pearson(x, y []float64) (float64, int) {
	var n int
	var mx, my float64
	xv, yv := varies(), varies()
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			n++
			mx += x[i]
			my += y[i]
			xv.see(x[i])
			yv.see(y[i])
		}
	}
	if n < 2 || !xv.does() || !yv.does() {
		return math.NaN(), n
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			dx, dy := x[i]-mx, y[i]-my
			sxy += dx * dy
			sxx += dx * dx
			syy += dy * dy
		}
	}
	if sxx == 0 || syy == 0 {
		return math.NaN(), n
	}
	return clampCorr(sxy / math.Sqrt(sxx*syy)), n
}

// extent tells whether the numbers seen differ. A column whose numbers are
// all equal has no spread, but its mean, summed and divided, can miss the
// number by a rounding error, and the deviations from it then correlated:
// two constant dimensions showed as near-duplicates, r = 1.00.
type extent struct{ lo, hi float64 }

func varies() extent { return extent{math.Inf(1), math.Inf(-1)} }

func (s *extent) see(x float64) { s.lo, s.hi = min(s.lo, x), max(s.hi, x) }

func (s extent) does() bool { return s.lo < s.hi }

// clampCorr keeps a correlation in [−1, 1] against rounding.
func clampCorr(r float64) float64 { return min(max(r, -1), 1) }

// spearman returns Spearman's rank correlation of the pairs where both
// have a value: Pearson's correlation of their ranks among those pairs,
// ties sharing their mean rank.
func spearman(x, y []float64) (float64, int) {
	var xs, ys []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	return pearson(ranks(xs), ranks(ys))
}

// rankIndex is a column's units that have a value, in the order of their
// values (stable), with those values and a bit set of the units that have
// one. Sorted once per column, it lets pairCorrelations rank the units of
// any pair of columns in linear time: the validation correlates every
// pair of up to a few hundred nodes, and sorting both columns again for
// each pair took three quarters of a national run's CPU (10,786 units,
// 215 nodes: 65 of 87 s).
type rankIndex struct {
	order []int     // units with a value, by value
	vals  []float64 // their values, in that order
	has   []uint64  // bit i: unit i has a value
}

func newRankIndex(x []float64) rankIndex {
	ix := rankIndex{has: make([]uint64, (len(x)+63)/64)}
	for i, v := range x {
		if !math.IsNaN(v) {
			ix.order = append(ix.order, i)
			ix.has[i/64] |= 1 << (i % 64)
		}
	}
	slices.SortStableFunc(ix.order, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	ix.vals = make([]float64, len(ix.order))
	for j, i := range ix.order {
		ix.vals[j] = x[i]
	}
	return ix
}

// spearmanScratch is the memory pairCorrelations reuses from pair to
// pair.
type spearmanScratch struct {
	rx, ry []float64
	kept   []int
	both   []int
}

// pairCorrelations returns pearson(x, y) and spearman(x, y), bit for bit,
// and the number of pairs, from the columns' rank indexes. Both sum over
// the units where x and y have a value in unit order, as pearson does; a
// rank depends only on the values of the pairs kept, and the sorted order
// of those is the rank index without the units the other column has no
// value for. The ranks then go to pearson's sums in unit order, as
// spearman passes them.
func pairCorrelations(x, y []float64, ox, oy rankIndex, s *spearmanScratch) (p, r float64, n int) {
	both := s.both[:0]
	for w := range ox.has {
		for m := ox.has[w] & oy.has[w]; m != 0; m &= m - 1 {
			both = append(both, w*64+bits.TrailingZeros64(m))
		}
	}
	s.both = both
	p = pearsonOn(x, y, both)
	if len(s.rx) < len(x) {
		s.rx, s.ry = make([]float64, len(x)), make([]float64, len(x))
	}
	s.kept = pairRanks(ox, oy.has, s.rx, s.kept)
	s.kept = pairRanks(oy, ox.has, s.ry, s.kept)
	return p, pearsonOn(s.rx, s.ry, both), len(both)
}

// pearsonOn is pearson(x, y) when exactly the units in both (ascending)
// have a value in x and y: the same sums in the same order.
func pearsonOn(x, y []float64, both []int) float64 {
	n := len(both)
	if n < 2 {
		return math.NaN()
	}
	var mx, my float64
	xv, yv := varies(), varies()
	for _, i := range both {
		mx += x[i]
		my += y[i]
		xv.see(x[i])
		yv.see(y[i])
	}
	if !xv.does() || !yv.does() {
		return math.NaN()
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for _, i := range both {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return clampCorr(sxy / math.Sqrt(sxx*syy))
}

// pairRanks sets out[i] to the rank of unit i's value in ox among the
// units that other has a value for too (ties sharing their mean rank, as
// ranks does); kept is scratch memory, returned for reuse.
func pairRanks(ox rankIndex, other []uint64, out []float64, kept []int) []int {
	kept = kept[:0]
	for j, i := range ox.order {
		if other[i/64]&(1<<(i%64)) != 0 {
			kept = append(kept, j)
		}
	}
	// Runs of ties from the top, as ranks forms them.
	for k := len(kept); k > 0; {
		top := ox.vals[kept[k-1]]
		j := k - 1
		for j > 0 && top-ox.vals[kept[j-1]] <= tieTolerance {
			j--
		}
		r := float64(j+k+1) / 2 // mean of ranks j+1 … k
		for _, p := range kept[j:k] {
			out[ox.order[p]] = r
		}
		k = j
	}
	return kept
}

// tieTolerance is how close two scores must be to be ties, as scoring
// ranks units (Position.Rank, Percentile, scoring.Ranker): the same
// answers reached through differently weighted sums can differ in the last
// bits (91.2 and 91.19999999999999), and ranked apart they made Spearman's
// correlation rest on a rounding error that no one recomputing it from the
// workbook's 15 significant digits could reproduce.
const tieTolerance = 1e-9

// ranks returns the ranks (1 = smallest) of xs, ties sharing their mean
// rank. Ties are values within tieTolerance of the highest of their run,
// as scoring forms them, from the top down.
func ranks(xs []float64) []float64 {
	n := len(xs)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	out := make([]float64, n)
	for k := n; k > 0; {
		top := xs[order[k-1]]
		j := k - 1
		for j > 0 && top-xs[order[j-1]] <= tieTolerance {
			j--
		}
		r := float64(j+k+1) / 2 // mean of ranks j+1 … k
		for _, i := range order[j:k] {
			out[i] = r
		}
		k = j
	}
	return out
}

// variance is the sample variance (n − 1) of xs, NaN for fewer than two.
func variance(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	var m float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return ss / float64(len(xs)-1)
}

// completeRows returns the rows (units) where every column has a value.
func completeRows(cols [][]float64) []int {
	if len(cols) == 0 {
		return nil
	}
	var rows []int
	for i := range cols[0] {
		ok := true
		for _, c := range cols {
			ok = ok && !math.IsNaN(c[i])
		}
		if ok {
			rows = append(rows, i)
		}
	}
	return rows
}

// pick returns the values of col in the given rows.
func pick(col []float64, rows []int) []float64 {
	out := make([]float64, len(rows))
	for j, i := range rows {
		out[j] = col[i]
	}
	return out
}

// cronbach returns Cronbach's α of the items (columns, complete rows
// only): k/(k−1)·(1 − Σ var(item)/var(sum)). NaN for fewer than two items,
// fewer than two rows, or a sum without spread.
func cronbach(items [][]float64) float64 {
	k := len(items)
	if k < 2 || len(items[0]) < 2 {
		return math.NaN()
	}
	total := make([]float64, len(items[0]))
	var sv float64
	for _, it := range items {
		sv += variance(it)
		for i, x := range it {
			total[i] += x
		}
	}
	vt := variance(total)
	if vt == 0 {
		return math.NaN()
	}
	return float64(k) / float64(k-1) * (1 - sv/vt)
}

// itemRest returns the correlation of item j with the sum of the other
// items (complete rows only).
func itemRest(items [][]float64, j int) float64 {
	rest := make([]float64, len(items[j]))
	for c, it := range items {
		if c == j {
			continue
		}
		for i, x := range it {
			rest[i] += x
		}
	}
	r, _ := pearson(items[j], rest)
	return r
}

// firstComponentShare returns the share of the total variance that the
// first principal component of the standardised items explains: the
// largest eigenvalue of their correlation matrix divided by their number.
// NaN when an item has no spread or there are too few rows.
func firstComponentShare(items [][]float64) float64 {
	k := len(items)
	if k == 0 {
		return math.NaN()
	}
	c := make([][]float64, k)
	for a := range c {
		c[a] = make([]float64, k)
		c[a][a] = 1
	}
	for a := range k {
		for b := a + 1; b < k; b++ {
			r, _ := pearson(items[a], items[b])
			if math.IsNaN(r) {
				return math.NaN()
			}
			c[a][b], c[b][a] = r, r
		}
	}
	return slices.Max(eigenvalues(c)) / float64(k)
}

// eigenvalues returns the eigenvalues of the symmetric matrix a (which it
// overwrites) by cyclic Jacobi rotations, accurate to rounding for the
// small correlation matrices of a dimension's items.
func eigenvalues(a [][]float64) []float64 {
	n := len(a)
	for sweep := 0; sweep < 100; sweep++ {
		var off float64
		for p := range n {
			for q := p + 1; q < n; q++ {
				off += a[p][q] * a[p][q]
			}
		}
		if off < 1e-30 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				if a[p][q] == 0 {
					continue
				}
				theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := range n {
					akp, akq := a[k][p], a[k][q]
					a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
				}
				for k := range n {
					apk, aqk := a[p][k], a[q][k]
					a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
				}
			}
		}
	}
	out := make([]float64, n)
	for i := range n {
		out[i] = a[i][i]
	}
	return out
}
