package analyse

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/reifegrad/reifegrad/scoring"
)

// Robustness is the uncertainty and sensitivity analysis of one wave: how
// far each unit's rank and level depend on the declared uncertain
// choices, and which choice matters most.
type Robustness struct {
	Wave scoring.WaveID
	// Draws is the number of variants scored; Base the base draws of the
	// sensitivity design (Draws = (k+2)·Base for k inputs, rounded down).
	Draws, Base int
	Seed        uint64
	Inputs      []Input
	// Units is indexed like the wave's units (Results.WaveUnits).
	Units []UnitRobustness
	// Sensitivity holds, per input (in the order of Inputs), the first-
	// order and total sensitivity indices of the mean absolute rank shift
	// of a draw (the mean over units of |rank in the draw − rank as
	// scored|). MeanShift is that shift averaged over the draws, Variance
	// its variance; with no variance the indices are NaN.
	Sensitivity         []Sensitivity
	MeanShift, Variance float64
	// Suppressed is set when the wave has fewer units with an overall
	// score than the minimum group size: then nothing was computed.
	Suppressed bool
}

// UnitRobustness is one unit's result over all draws.
type UnitRobustness struct {
	// Rank and Level (an ordinal) as scored; 0 when the unit has no
	// overall score.
	Rank, Level int
	// Scored counts the draws that gave the unit an overall score, and
	// RankedShare is their share of all draws; MedianRank and the 5–95 %
	// interval RankLow…RankHigh (quantiles of type 7) are over those
	// alone, and 0 when there are none. Every output that shows them
	// says RankedShare where it is below 1: a median rank over an eighth
	// of the draws read as one over all of them.
	Scored                        int
	RankedShare                   float64
	MedianRank, RankLow, RankHigh float64
	// Levels[o] is the share of draws in which the unit reached the level
	// of ordinal o (0: no level); KeepLevel is Levels[Level].
	Levels    []float64
	KeepLevel float64
}

// StableShare is the share of the draws in which a unit that keeps its
// level counts as robust: the reports count the units keeping their level
// in at least 90 % of the variants (Stable), and show each unit's share so
// that it never reads as 90 % when it is below.
const StableShare = 0.9

// Stable reports whether the unit has a level and keeps it in at least
// StableShare of the draws.
func (u *UnitRobustness) Stable() bool { return u.Level > 0 && u.KeepLevel >= StableShare }

// Sensitivity is one input's sensitivity indices.
type Sensitivity struct {
	First, Total float64
}

// Robust runs the Monte Carlo of o on wave wi of r. It returns an
// *OptionError (joined) when o does not fit the model, and ctx's error
// when cancelled.
func Robust(ctx context.Context, r *scoring.Results, wi int, o Options, d *scoring.Disclosure) (*Robustness, error) {
	m := r.Model
	if err := o.Check(m); err != nil {
		return nil, err
	}
	if o.Draws == 0 {
		o.Draws = DefaultDraws
	}
	units := r.WaveUnits(wi)
	res := &Robustness{Wave: r.Waves[wi].ID, Seed: o.Seed, Inputs: o.Inputs}
	scored := 0
	for i := range units {
		if units[i].Nodes.At(0).Scored() {
			scored++
		}
	}
	if !d.Shown(scored) {
		res.Suppressed = true
		return res, nil
	}
	k := len(o.Inputs)
	des := design{n: o.Draws / (k + 2), k: k}
	res.Draws, res.Base = des.rows(), des.n
	a, b := drawSamples(m, o, des.n)
	var alts []scoring.Normalisation
	for _, in := range o.Inputs {
		alts = append(alts, in.Normalisations...)
	}
	rc := scoring.NewRescorer(r, wi, alts...)
	nominalRank := make([]int32, len(units))
	for i := range units {
		nominalRank[i] = int32(units[i].State.Rank)
	}
	out := &draws{units: len(units), ranks: make([]int32, des.rows()*len(units)),
		levels: make([]uint8, des.rows()*len(units)), y: make([]float64, des.rows())}
	err := evaluate(ctx, o.Workers, des.rows(), func() func(e int) {
		s, v := rc.NewScratch(), &scoring.Variant{}
		var rk scoring.Ranker
		return func(e int) {
			nominal(m, v)
			for j, in := range o.Inputs {
				row, fromB := des.source(e, j)
				smp := a[row][j]
				if fromB {
					smp = b[row][j]
				}
				in.apply(m, smp, v)
			}
			us := rc.Score(v, s)
			out.record(e, us, nominalRank, &rk)
		}
	})
	if err != nil {
		return nil, err
	}
	first, total, v := des.indices(out.y)
	res.Variance = v
	for e := range out.y {
		res.MeanShift += out.y[e]
	}
	res.MeanShift /= float64(len(out.y))
	for j := range first {
		res.Sensitivity = append(res.Sensitivity, Sensitivity{First: first[j], Total: total[j]})
	}
	res.Units = out.perUnit(units, len(m.Levels.List), o.Workers)
	return res, nil
}

// drawSamples draws the samples A and B of the design, in a fixed order
// from one seeded stream, so that results do not depend on scheduling.
func drawSamples(m *scoring.Model, o Options, n int) (a, b [][]sample) {
	rng := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	fill := func() [][]sample {
		rows := make([][]sample, n)
		for r := range rows {
			rows[r] = make([]sample, len(o.Inputs))
			for j, in := range o.Inputs {
				rows[r][j] = in.draw(rng, m)
			}
		}
		return rows
	}
	a = fill()
	b = fill()
	return a, b
}

// evaluate calls the function made by mk once per worker for every
// evaluation 0…rows−1, spread over the workers.
func evaluate(ctx context.Context, workers, rows int, mk func() func(e int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, rows))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			fn := mk()
			for {
				e := int(next.Add(1)) - 1
				if e >= rows || ctx.Err() != nil {
					return
				}
				fn(e)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// draws holds every evaluation's ranks and levels (evaluation-major) and
// its output y, the mean absolute rank shift.
type draws struct {
	units  int
	ranks  []int32 // 0: no overall score in that draw
	levels []uint8
	y      []float64
}

// record ranks the units of evaluation e by overall score with rk, as
// scoring ranks them (rank 1 the best; scores within 1e-9 share a rank),
// and keeps ranks, levels and the mean absolute shift from the nominal
// ranks.
func (d *draws) record(e int, us []scoring.UnitResult, nominal []int32, rk *scoring.Ranker) {
	ranks := d.ranks[e*d.units : (e+1)*d.units]
	levels := d.levels[e*d.units : (e+1)*d.units]
	for i := range us {
		levels[i] = uint8(us[i].Level)
	}
	rk.Rank(us, ranks)
	var shift float64
	n := 0
	for i, rk := range ranks {
		if rk > 0 && nominal[i] > 0 {
			shift += math.Abs(float64(rk - nominal[i]))
			n++
		}
	}
	if n > 0 {
		d.y[e] = shift / float64(n)
	}
}

// perUnit summarises the draws per unit, units side by side on the
// workers.
func (d *draws) perUnit(units []scoring.UnitResult, nlevels, workers int) []UnitRobustness {
	rows := len(d.y)
	out := make([]UnitRobustness, len(units))
	evaluate(context.Background(), workers, len(units), func() func(i int) {
		var rk []int32
		var sorted []float64
		var count []int32
		return func(i int) {
			u := &out[i]
			u.Rank, u.Level = units[i].State.Rank, units[i].Level
			u.Levels = make([]float64, nlevels+1)
			rk = rk[:0]
			for e := range rows {
				if r := d.ranks[e*d.units+i]; r > 0 {
					rk = append(rk, r)
				}
				u.Levels[d.levels[e*d.units+i]]++
			}
			for o := range u.Levels {
				u.Levels[o] /= float64(rows)
			}
			u.KeepLevel = u.Levels[u.Level]
			u.Scored = len(rk)
			u.RankedShare = float64(len(rk)) / float64(rows)
			if len(rk) == 0 {
				return
			}
			sorted, count = sortRanks(rk, sorted, count)
			u.MedianRank = scoring.Quantile(sorted, 0.5)
			u.RankLow, u.RankHigh = scoring.Quantile(sorted, 0.05), scoring.Quantile(sorted, 0.95)
		}
	})
	return out
}

// sortRanks returns the ranks rk sorted, as numbers, in sorted (reused).
// A unit's ranks over the draws lie close together, so counting them
// over the range they span sorts them in two passes; ranks spread wider
// than the draws are many are sorted by comparison. count is scratch space.
func sortRanks(rk []int32, sorted []float64, count []int32) ([]float64, []int32) {
	sorted = sorted[:0]
	lo, hi := slices.Min(rk), slices.Max(rk)
	if span := int(hi-lo) + 1; span <= 4*len(rk) {
		count = slices.Grow(count[:0], span)[:span]
		clear(count)
		for _, r := range rk {
			count[r-lo]++
		}
		for v, c := range count {
			for range c {
				sorted = append(sorted, float64(lo+int32(v)))
			}
		}
		return sorted, count
	}
	for _, r := range rk {
		sorted = append(sorted, float64(r))
	}
	slices.Sort(sorted)
	return sorted, count
}
