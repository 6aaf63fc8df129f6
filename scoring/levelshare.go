package scoring

import "math"

// LevelShare returns the share, in % (0–100), of the group's units at the
// level of ordinal o (0: units without a level): of all the group's units,
// those without a level included, so that the shares of the levels and of
// the units without one add up to 100. It is NaN for a group of no units
// or an ordinal the model does not have.
//
// This is the one rule of a level's share: the overview, both workbooks
// and aggregates.csv publish the same figure, and their texts say what it
// is of ("of all N municipalities"). A share of the units with a level
// only would read higher wherever units are not scored, and the same
// figure would differ between outputs.
func (g *GroupStats) LevelShare(o int) float64 {
	if o < 0 || o >= len(g.Levels) || g.Units == 0 {
		return math.NaN()
	}
	return 100 * float64(g.Levels[o]) / float64(g.Units)
}

// LevelShareFrom returns the share, in % of all the group's units as
// LevelShare, of those at the level of ordinal o or above. It is NaN for
// a group of no units, or when o is not a level's ordinal (below 1 or
// above the model's levels).
func (g *GroupStats) LevelShareFrom(o int) float64 {
	if o < 1 || o >= len(g.Levels) || g.Units == 0 {
		return math.NaN()
	}
	k := 0
	for _, n := range g.Levels[o:] {
		k += n
	}
	return 100 * float64(k) / float64(g.Units)
}
