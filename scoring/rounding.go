package scoring

import (
	"math"
	"slices"
	"strconv"
)

// Rounding is how every output rounds a unit's score (0–100, actual or
// projected) for people, so that a shown score never contradicts the
// level beside it: it never reaches a threshold — a level's minimum, a
// staged criterion's minimum, a band's edge — that the score does not
// reach, nor falls below one the score reaches. Reached means as the
// level rule has it (within 1e-9, see Reaches).
//
// A score is shown with one decimal, unless that rounding would cross an
// edge: then with the fewest decimals that do not (59.96 at a minimum of
// 60 is "59.96", 59.996 is "59.996"). Text stops at three decimals and
// then cuts towards the score's side of the edge (59.9999 is "59.999"):
// never up to a level the unit has not reached. A spreadsheet keeps the
// full value and shows it with Decimals, which goes further than text, so
// that a spreadsheet's own rounding cannot cross the edge either.
//
// Every figure is rounded by one convention, Round: half away from zero,
// as a spreadsheet shows its cells (51.25 is "51.3" on the page as in the
// workbook).
//
// The edges are the model's, collected once (NewRounding); a score far
// from every edge costs a few comparisons. Group figures (means, medians)
// decide no level and are shown with one decimal (Fixed). A share beside
// a minimum that decides something (a coverage beside min_coverage, a
// share beside the 90 % a count uses) is rounded by its own Rounding
// (NewRoundingAt).
type Rounding struct {
	edges []float64 // ascending, distinct
	first int       // decimals of a figure far from every edge
	near  float64   // how far from an edge first decimals are safe
}

// Rounding limits: text shows at most TextDecimals, a spreadsheet's
// number format at most MaxDecimals (enough for any score more than 1e-9
// below an edge, well inside the 15 digits a spreadsheet keeps).
const (
	TextDecimals = 3
	MaxDecimals  = 12
)

// NewRounding collects the edges of a level scheme: the minima of the
// threshold levels above the first (the first band takes every score
// below the second), or every minimum a staged criterion names.
func NewRounding(ls Levels) Rounding {
	var edges []float64
	for i, l := range ls.List {
		if ls.Method == Threshold && i > 0 {
			edges = append(edges, l.Min)
		}
		for _, c := range l.Criteria {
			edges = append(edges, c.Min)
		}
	}
	return NewRoundingAt(1, edges...)
}

// NewRoundingAt is the rounding of a figure shown with first decimals
// that never reaches (nor falls below) one of edges it does not reach:
// a coverage of 59.7 % beside a minimum of 60 % is "59.7", not "60"
// (first 0).
func NewRoundingAt(first int, edges ...float64) Rounding {
	edges = slices.Clone(edges)
	slices.Sort(edges)
	// Half a unit of the first decimal and room for the 1e-9 of Reaches.
	return Rounding{edges: slices.Compact(edges), first: first, near: 0.5*math.Pow(10, -float64(first)) + 1e-6}
}

// First is the number of decimals of a figure far from every edge.
func (r Rounding) First() int { return r.first }

// Reaches reports whether a score reaches a minimum: at or above it, or
// within 1e-9 below (a sum's rounding error). Levels and criteria are
// decided by it.
func Reaches(score, min float64) bool { return score >= min-1e-9 }

// Decimals returns the fewest decimals, at least First (1 for scores),
// at which x rounded — by Round, as the texts and a spreadsheet show it,
// and by its exact binary value to the nearest, as a program might that
// rounds the binary value — lies on the same side of every edge as x.
// It is at most MaxDecimals; a score within about 1e-12 below an edge
// gets MaxDecimals though that may not separate them (Reaches takes it
// as reaching).
func (r Rounding) Decimals(x float64) int {
	i := 0 // edges ascend: skip those far below x, stop at those far above
	for i < len(r.edges) && x >= r.edges[i]+r.near {
		i++
	}
	j := i
	for j < len(r.edges) && x >= r.edges[j]-r.near {
		j++
	}
	if i == j {
		return r.first
	}
	// Every near edge is checked at each count: more decimals bring the
	// figure nearer to x, but may still put it across an edge that fewer
	// did not (59.9549 beside 59.9545: 60.0, then 59.95).
	for d := r.first; d < MaxDecimals; d++ {
		if !slices.ContainsFunc(r.edges[i:j], func(e float64) bool { return !agrees(x, e, d) }) {
			return d
		}
	}
	return MaxDecimals
}

// agrees reports whether x shown with d decimals, rounded either way,
// lies on the same side of edge e as x.
func agrees(x, e float64, d int) bool {
	want := Reaches(x, e)
	exact, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
	return (exact >= e) == want && (Round(x, d) >= e) == want
}

// Round rounds x to d decimals (0 ≤ d ≤ 17) by the one convention every
// output shows a figure with: half away from zero, on the decimal a
// spreadsheet keeps of x (15 significant digits), as Excel shows a cell
// in the number format 0.0…0 (d zeros). So 51.25 is 51.3 and 79.85
// (79.849999… in binary, 79.8500000000000 to 15 digits) 79.9, on the
// pages, in the CSV files and in the workbooks alike — where Go's own
// formatting rounds the binary value, ties to even (51.2, 79.8). The
// result is never −0.
func Round(x float64, d int) float64 {
	v, _ := strconv.ParseFloat(Fixed(x, d), 64)
	return v
}

// Fixed writes x rounded by Round with exactly d decimals and a decimal
// point: Fixed(51.25, 1) is "51.3", Fixed(-0.04, 1) "0.0" (never "-0.0").
// NaN and infinities are written as strconv writes them.
func Fixed(x float64, d int) string {
	var buf [40]byte
	return string(appendFixed(buf[:0], x, d))
}

// appendFixed appends Fixed(x, d) to dst.
func appendFixed(dst []byte, x float64, d int) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.AppendFloat(dst, x, 'f', d, 64)
	}
	// Far from a tie, rounding the binary value gives the same digits
	// (the 15-digit decimal lies within 1e-15·|x| of it, much nearer than
	// the half): strconv's rounding is then Round's, at a third of the
	// cost.
	if d >= 0 && d < len(pow10) {
		if y := math.Abs(x) * pow10[d]; y < 1e8 && math.Abs(y-math.Floor(y)-0.5) > 1e-6 {
			if y < 0.5 {
				x = 0 // never "-0.0"
			}
			return strconv.AppendFloat(dst, x, 'f', d, 64)
		}
	}
	// The 15 significant digits of |x|: "d.dddddddddddddde±dd".
	var buf [24]byte
	e := strconv.AppendFloat(buf[:0], math.Abs(x), 'e', 14, 64)
	exp := 0
	for _, c := range e[18:] {
		exp = exp*10 + int(c-'0')
	}
	if e[17] == '-' {
		exp = -exp
	}
	var digits [16]byte // a leading 0 for the carry, then the 15 digits
	digits[0] = '0'
	digits[1] = e[0]
	copy(digits[2:], e[2:16])
	// digits[i] stands for 10^(exp+1-i); the last one kept stands for
	// 10^-d, so keep is the number of digits kept.
	keep := exp + 2 + d
	switch {
	case keep <= 0: // below half the last decimal
		keep = 0
		fallthrough
	case keep < len(digits):
		up := keep < len(digits) && digits[keep] >= '5'
		for i := keep; i < len(digits); i++ {
			digits[i] = '0'
		}
		for i := keep - 1; up && i >= 0; i-- { // half away from zero
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			up = false
		}
	}
	if x < 0 && slices.ContainsFunc(digits[:], func(c byte) bool { return c != '0' }) {
		dst = append(dst, '-')
	}
	// The powers from the highest a digit may stand for down to 10^-d;
	// leading zeros of the whole part are left out.
	lead := true
	for p := max(exp+1, 0); p >= -d; p-- {
		c := byte('0')
		if i := exp + 1 - p; i >= 0 && i < len(digits) {
			c = digits[i]
		}
		if p == -1 {
			dst = append(dst, '.')
		}
		if lead && c == '0' && p > 0 {
			continue
		}
		lead = false
		dst = append(dst, c)
	}
	return dst
}

// Text writes x by the rule with a decimal point: "59.9", "59.96",
// "59.999" (cut), each rounded by Round. Callers put the language's
// decimal mark.
func (r Rounding) Text(x float64) string {
	d := r.Decimals(x)
	if d <= TextDecimals {
		return Fixed(x, d)
	}
	return Fixed(r.cut(x), TextDecimals)
}

// Value is the number Text shows, for a chart that draws it.
func (r Rounding) Value(x float64) float64 {
	v, _ := strconv.ParseFloat(r.Text(x), 64)
	return v
}

// cut returns x cut to TextDecimals towards its own side of the edges:
// down where rounding would reach an edge x is below, else up.
func (r Rounding) cut(x float64) float64 {
	const p = 1000 // 10^TextDecimals
	down := math.Floor(x*p) / p
	if down > x { // x*p rounded up to a whole number
		down -= 1.0 / p
	}
	if r.sameSide(x, down) {
		return down
	}
	if up := math.Ceil(x*p) / p; r.sameSide(x, up) {
		return up
	}
	return down // never shown above a level not reached
}

// sameSide reports whether v lies on the same side of every edge as x.
func (r Rounding) sameSide(x, v float64) bool {
	for _, e := range r.edges {
		if Reaches(x, e) != (v >= e) {
			return false
		}
	}
	return true
}
