package analyse

import "math"

// The sensitivity analysis follows Saltelli et al. (2010), "Variance based
// sensitivity analysis of model output", as COINr does: two independent
// samples A and B of n rows each draw every uncertain input; for each
// input i the matrix AB_i is A with input i taken from B. The model is
// evaluated on all (k+2)·n rows. With V the variance of the outputs on A
// and B together,
//
//	S_i  = mean(f(B)·(f(AB_i) − f(A))) / V          (Saltelli 2010, first order)
//	ST_i = mean((f(A) − f(AB_i))²) / (2V)           (Jansen 1999, total)
//
// The outputs are centred on the mean of f(A) and f(B) first: the indices
// do not change in expectation, but the first-order estimator's error
// grows with the outputs' mean (here a mean rank shift, far from 0).
//
// Every row of every matrix is itself a draw of all inputs from their
// distributions (each input's value comes from A or from B, both drawn
// independently), so the uncertainty analysis uses all of them.

// design lays out the (k+2)·n evaluations: row r of the plan takes input
// j's sample from A or B.
type design struct {
	n, k int
}

// rows is the number of evaluations.
func (d design) rows() int { return (d.k + 2) * d.n }

// source returns, for evaluation e, the base row and whether input j is
// taken from B. Evaluations 0…n−1 are A, n…2n−1 are B, then AB_0, AB_1, …
func (d design) source(e, j int) (row int, fromB bool) {
	block, row := e/d.n, e%d.n
	switch block {
	case 0:
		return row, false
	case 1:
		return row, true
	}
	return row, j == block-2
}

// indices estimates the first-order and total indices of every input from
// the outputs y of the design's evaluations (in the design's order). They
// are NaN when the outputs do not vary.
func (d design) indices(y []float64) (first, total []float64, v float64) {
	n := d.n
	var mean float64
	for _, x := range y[:2*n] {
		mean += x
	}
	mean /= float64(2 * n)
	c := make([]float64, len(y))
	for i, x := range y {
		c[i] = x - mean
	}
	ya, yb := c[:n], c[n:2*n]
	v = variance(c[:2*n])
	first, total = make([]float64, d.k), make([]float64, d.k)
	for j := range d.k {
		yab := c[(j+2)*n : (j+3)*n]
		var s, st float64
		for r := range n {
			s += yb[r] * (yab[r] - ya[r])
			st += (ya[r] - yab[r]) * (ya[r] - yab[r])
		}
		first[j], total[j] = math.NaN(), math.NaN()
		if v > 0 {
			first[j] = s / float64(n) / v
			total[j] = st / float64(2*n) / v
		}
	}
	return first, total, v
}
