package scoring

import (
	"strconv"
)

// LevelMethod is how a unit's maturity level is decided.
type LevelMethod uint8

const (
	// Threshold: the overall score falls into a band; each level has a
	// lower bound Min.
	Threshold LevelMethod = iota
	// Staged: a unit reaches level L only if it meets the criteria of every
	// level ≤ L (CMMI-style gating). "The lowest criterion sets the
	// level" is the case where every level has the same criteria with
	// rising minima.
	Staged
)

func (m LevelMethod) String() string {
	if m == Staged {
		return "staged"
	}
	return "threshold"
}

// Level is one maturity stage. A level has two numbers, kept apart on
// purpose: Ordinal is its position (1 for the lowest level, then 2, 3, …)
// and indexes everything that counts by level (UnitResult.Level,
// GroupStats.Levels, Node.NextSteps); Number is what the model calls it,
// and what every output shows. Most models number their levels from 1, so
// the two agree; OWASP SAMM numbers them from 0, and its lowest level,
// "0", is a level a unit reaches. Ordinal 0 is the zero Level and means
// "no level" — the unit has no overall score, or (staged levels) does not
// meet the criteria of the lowest level — which is never a level number:
// outputs show it as "–", never as 0.
type Level struct {
	Ordinal     int
	Number      int
	Name        string
	Description string
	// Min is the lower bound of the band on the overall score (0–100) for
	// threshold levels.
	Min float64
	// Criteria must all hold for a staged level.
	Criteria []Criterion
}

// String returns the level's name, or its number when it has none; "–"
// for no level.
func (l Level) String() string {
	if l.Ordinal == 0 {
		return "–"
	}
	if l.Name == "" {
		return strconv.Itoa(l.Number)
	}
	return l.Name
}

// Label returns number and name, "2 Grundlagen", as lists of levels show
// them; "–" for no level.
func (l Level) Label() string {
	switch {
	case l.Ordinal == 0:
		return "–"
	case l.Name == "":
		return strconv.Itoa(l.Number)
	}
	return strconv.Itoa(l.Number) + " " + l.Name
}

// Criterion is a condition of a staged level: a node's score (0–100) must
// be at least Min.
type Criterion struct {
	Node  int // index into Model.Nodes
	Min   float64
	Label string // optional text; generated from node and Min when empty

	// base is the label as configured, when one criterion of the config
	// (nodes, children_of) became several: the methodology names it once.
	base string
}

// Met reports whether the criterion holds for a unit's node scores.
func (c Criterion) Met(scores []NodeScore) bool { return c.met(scores[c.Node]) }

// met reports whether the criterion holds for s, the score of its node.
func (c Criterion) met(s NodeScore) bool { return s.Scored() && Reaches(s.Score, c.Min) }

// Levels is the level scheme of a model.
type Levels struct {
	Method LevelMethod
	List   []Level // ascending by Ordinal, Ordinal = index+1; Number = List[0].Number + index
}

// Top returns the highest level.
func (ls Levels) Top() Level { return ls.List[len(ls.List)-1] }

// ByOrdinal returns the level with the given ordinal, or the zero Level.
func (ls Levels) ByOrdinal(o int) Level {
	if o < 1 || o > len(ls.List) {
		return Level{}
	}
	return ls.List[o-1]
}

// Band returns the threshold level whose band a score falls into: the
// highest level whose min it reaches. The first band starts at 0 (the
// loader requires it) and also takes a score below 0, which only z-scores,
// being unbounded, reach — as the last band takes one above 100. A
// z-scored unit below 0 had an overall score and no level, and its roadmap
// failed the whole run. For staged levels Band returns the zero Level.
func (ls Levels) Band(score float64) Level {
	if ls.Method != Threshold || len(ls.List) == 0 {
		return Level{}
	}
	lv := ls.List[0]
	for _, l := range ls.List[1:] {
		if Reaches(score, l.Min) {
			lv = l
		}
	}
	return lv
}

// decide returns the level ordinal for a unit and, for staged levels, the
// criteria of the next level that are not met. A unit without an overall
// score gets level 0 under either method: a level is never given on scraps.
// Under Staged, level 0 also means the criteria of level 1 are not met.
// top is the unit's overall score, score(ni) its score on node ni: a
// unit's NodeScores (At) or a projection's []NodeScore both decide by it.
// Threshold levels need only top, which the roadmaps' search passes
// without a call through score for every step it weighs.
func (ls Levels) decide(top NodeScore, score func(ni int) NodeScore) (int, []Criterion) {
	if !top.Scored() {
		return 0, nil
	}
	if ls.Method == Threshold {
		return ls.Band(top.Score).Ordinal, nil
	}
	lv := 0
	for _, l := range ls.List {
		var unmet []Criterion
		for _, c := range l.Criteria {
			if !c.met(score(c.Node)) {
				unmet = append(unmet, c)
			}
		}
		if len(unmet) > 0 {
			return lv, unmet
		}
		lv = l.Ordinal
	}
	return lv, nil
}
