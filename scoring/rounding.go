package scoring

import (
	"math"
	"slices"
	"strconv"
	"strings"
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
// The edges are the model's, collected once (NewRounding); a score far
// from every edge costs a few comparisons. Group figures (means, medians)
// decide no level and are shown with one decimal as before.
type Rounding struct {
	edges []float64 // ascending, distinct
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
	slices.Sort(edges)
	return Rounding{edges: slices.Compact(edges)}
}

// Reaches reports whether a score reaches a minimum: at or above it, or
// within 1e-9 below (a sum's rounding error). Levels and criteria are
// decided by it.
func Reaches(score, min float64) bool { return score >= min-1e-9 }

// near is how far from an edge a score must lie for one decimal to be
// safe on both sides: half a unit of the first decimal and room for the
// 1e-9 of Reaches.
const near = 0.05 + 1e-6

// Decimals returns the fewest decimals, at least 1, at which x rounded —
// by its exact binary value to the nearest, as Go formats it, and by its
// shortest decimal half away from zero, as spreadsheets display a number
// format — lies on the same side of every edge as x. It is at most
// MaxDecimals; a score within about 1e-12 below an edge gets MaxDecimals
// though that may not separate them (Reaches takes it as reaching).
func (r Rounding) Decimals(x float64) int {
	i := 0 // edges ascend: skip those far below x, stop at those far above
	for i < len(r.edges) && x >= r.edges[i]+near {
		i++
	}
	j := i
	for j < len(r.edges) && x >= r.edges[j]-near {
		j++
	}
	if i == j {
		return 1
	}
	// Every near edge is checked at each count: more decimals bring the
	// figure nearer to x, but may still put it across an edge that fewer
	// did not (59.9549 beside 59.9545: 60.0, then 59.95).
	for d := 1; d < MaxDecimals; d++ {
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
	return (exact >= e) == want && (halfAway(x, d) >= e) == want
}

// halfAway rounds the shortest decimal of x half away from zero to d
// decimals, as a spreadsheet shows x in the format 0.0…0 (d zeros).
func halfAway(x float64, d int) float64 {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	dot := strings.IndexByte(s, '.')
	if dot < 0 || len(s)-dot-1 <= d {
		return x
	}
	digits := []byte(s[:dot] + s[dot+1:dot+1+d])
	if s[dot+1+d] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	n := len(digits) - d
	v, _ := strconv.ParseFloat(string(digits[:n])+"."+string(digits[n:]), 64)
	return math.Copysign(v, x)
}

// Text writes x by the rule with a decimal point: "59.9", "59.96",
// "59.999" (cut). Callers put the language's decimal mark.
func (r Rounding) Text(x float64) string {
	d := r.Decimals(x)
	if d <= TextDecimals {
		return strconv.FormatFloat(x, 'f', d, 64)
	}
	return strconv.FormatFloat(r.cut(x), 'f', TextDecimals, 64)
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
