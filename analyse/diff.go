package analyse

import (
	"math"
	"slices"

	"github.com/reifegrad/reifegrad/scoring"
)

// Comparison compares two models scored on the same inputs: what a
// research team asks before adopting a new version of its model. Units
// are matched by id in the same wave.
type Comparison struct {
	Wave scoring.WaveID
	// Units counts the units of the wave in both results; Suppressed is
	// set when fewer of them have an overall score in both than the
	// minimum group size: then RankCorrelation and Shifts are left empty.
	Units      int
	Suppressed bool
	// Changes lists the units whose level differs, by unit id.
	Changes []LevelChange
	// RankCorrelation is Spearman's correlation of the overall scores of
	// the units scored under both models (NaN when not computable).
	RankCorrelation float64
	// Shifts holds, for the overall score and every dimension that both
	// models have (by id), how the scores moved from old to new — where
	// the units scored on it under both are enough and those scored
	// under one model alone none or enough (Disclosure.Panel).
	Shifts []Shift
	// Hidden lists the shared nodes (in the new model's order) whose
	// shift Disclosure.Panel withholds, so that a reader is told why a
	// row is missing rather than left to guess.
	Hidden []scoring.NodeID
}

// LevelChange is a unit that reaches another level under the new model.
// The zero Level means none.
type LevelChange struct {
	Unit     scoring.UnitID
	Name     string
	From, To scoring.Level
}

// Shift is the move of one node's scores from the old model to the new,
// over the units scored on it under both (N).
type Shift struct {
	Node             scoring.NodeID
	Name             string // in the new model
	N                int
	OldMean, NewMean float64
	// Mean is the mean of the units' changes (new − old), MeanAbs the
	// mean of their absolute values.
	Mean, MeanAbs float64
}

// scoredOn counts the units scored on node.
func scoredOn(us []scoring.UnitResult, node int) int {
	n := 0
	for i := range us {
		if us[i].Nodes.At(node).Scored() {
			n++
		}
	}
	return n
}

// Compare compares wave wave of old and new. Group figures obey d (of the
// new results).
func Compare(old, new *scoring.Results, wave scoring.WaveID, d *scoring.Disclosure) *Comparison {
	c := &Comparison{Wave: wave, RankCorrelation: math.NaN()}
	ou, nu := waveUnits(old, wave), waveUnits(new, wave)
	byID := make(map[scoring.UnitID]*scoring.UnitResult, len(ou))
	for i := range ou {
		byID[ou[i].Unit.ID] = &ou[i]
	}
	type pair struct{ o, n *scoring.UnitResult }
	var pairs []pair
	for i := range nu {
		if o := byID[nu[i].Unit.ID]; o != nil {
			pairs = append(pairs, pair{o, &nu[i]})
		}
	}
	c.Units = len(pairs)
	var xs, ys []float64
	for _, p := range pairs {
		from, to := old.Model.Levels.ByOrdinal(p.o.Level), new.Model.Levels.ByOrdinal(p.n.Level)
		if from.Ordinal != to.Ordinal || from.Number != to.Number || from.Name != to.Name {
			c.Changes = append(c.Changes, LevelChange{Unit: p.n.Unit.ID, Name: p.n.Unit.Name, From: from, To: to})
		}
		if p.o.Nodes.At(0).Scored() && p.n.Nodes.At(0).Scored() {
			xs, ys = append(xs, p.o.Nodes.At(0).Score), append(ys, p.n.Nodes.At(0).Score)
		}
	}
	slices.SortFunc(c.Changes, func(a, b LevelChange) int {
		if a.Unit < b.Unit {
			return -1
		}
		if a.Unit > b.Unit {
			return 1
		}
		return 0
	})
	if !d.Shown(len(xs)) {
		c.Suppressed = true
		return c
	}
	c.RankCorrelation, _ = spearman(xs, ys)
	for _, n := range new.Model.Nodes {
		if n.Kind == scoring.KindIndicator {
			continue
		}
		on := old.Model.Node(n.ID)
		if on == nil || on.Kind == scoring.KindIndicator {
			continue
		}
		s := Shift{Node: n.ID, Name: n.Name}
		var so, sn float64
		for _, p := range pairs {
			a, b := p.o.Nodes.At(on.Index), p.n.Nodes.At(n.Index)
			if !a.Scored() || !b.Scored() {
				continue
			}
			s.N++
			so += a.Score
			sn += b.Score
			s.Mean += b.Score - a.Score
			s.MeanAbs += math.Abs(b.Score - a.Score)
		}
		// Each model's run publishes the wave's mean of the node over the
		// units it scores: less n × this shift's mean under that model,
		// the sum of the units scored under it alone. So these must be
		// none or enough, as for the change between two waves.
		if d.Panel(s.N, scoredOn(nu, n.Index)-s.N, scoredOn(ou, on.Index)-s.N) != scoring.Published {
			c.Hidden = append(c.Hidden, n.ID)
			continue // a dimension scored for too few units says nothing it may say
		}
		k := float64(s.N)
		s.OldMean, s.NewMean, s.Mean, s.MeanAbs = so/k, sn/k, s.Mean/k, s.MeanAbs/k
		c.Shifts = append(c.Shifts, s)
	}
	return c
}

// waveUnits returns the results of the wave with the given id, or none.
func waveUnits(r *scoring.Results, wave scoring.WaveID) []scoring.UnitResult {
	for i, w := range r.Waves {
		if w.ID == wave {
			return r.WaveUnits(i)
		}
	}
	return nil
}
