package analyse

import (
	"cmp"
	"context"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// Report is what the reports show of the analysis of one wave: its
// statistical validation and, when uncertain choices were declared, its
// robustness. Reports read it; nil means no analysis.
type Report struct {
	Wave       int // index into Results.Waves
	Validation *Validation
	Robustness *Robustness // nil: no uncertain input was declared
}

// Analyse validates wave wi of r and, when o is not nil, runs its
// uncertainty analysis.
func Analyse(ctx context.Context, r *scoring.Results, wi int, o *Options, d *scoring.Disclosure) (*Report, error) {
	rep := &Report{Wave: wi, Validation: Validate(r, wi, d)}
	if o != nil {
		rob, err := Robust(ctx, r, wi, *o, d)
		if err != nil {
			return nil, err
		}
		rep.Robustness = rob
	}
	return rep, nil
}

// Unit returns the robustness of unit u (a result of the analysed wave),
// or nil when there is none.
func (rep *Report) Unit(r *scoring.Results, u *scoring.UnitResult) *UnitRobustness {
	if rep == nil || rep.Robustness == nil || rep.Robustness.Suppressed || u.Wave != r.Waves[rep.Wave].ID {
		return nil
	}
	// Score keeps the units of a wave sorted by id.
	units := r.WaveUnits(rep.Wave)
	i, ok := slices.BinarySearchFunc(units, u.Unit.ID, func(x scoring.UnitResult, id scoring.UnitID) int { return cmp.Compare(x.Unit.ID, id) })
	if !ok {
		return nil
	}
	return &rep.Robustness.Units[i]
}
