// Package example generates and holds the bundled example survey: a
// synthetic but plausible "Stand der Digitalen Verwaltung" survey of real
// municipalities, answered against any model.
//
// The generator is deterministic: the same register, model and Spec give
// the same rows. Answers follow a latent maturity per unit that grows with
// population, varies by district and dimension, and carries noise; about
// 5 % of answers are "weiß nicht" or blank.
package example

import (
	"cmp"
	"embed"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// Files holds the committed example surveys (CSV and xlsx for each wave).
//
//go:embed umfrage_*.csv umfrage_*.xlsx
var Files embed.FS

// Spec describes one generated wave.
type Spec struct {
	Seed uint64
	Wave string
	// Progress shifts every unit's latent maturity; later waves are
	// further along (e.g. 2024: -0.35, 2026: 0).
	Progress float64
	// ResponseRate is the share of units that answer (0 < r ≤ 1).
	ResponseRate float64
	// Problems adds the rows a real export has: a unit that answered
	// twice, an answer outside the scale, an AGS not in the register (not
	// with synthetic units, which no register holds) and an empty row.
	Problems bool
	// Units replaces the register's units with n synthetic ones (ids
	// "U0000001"…) cycling through the register for attributes, for
	// benchmarks beyond the number of real municipalities. 0 keeps the
	// register. No register knows synthetic units, so their district and
	// population are written too, in the last two columns (DistrictColumn,
	// PopulationColumn): peer groups by district and size class need them.
	Units int
}

// The columns of a synthetic unit's district and population (Spec.Units).
const (
	DistrictColumn   = "landkreis"
	PopulationColumn = "einwohner"
)

// Survey is a generated export: a header and rows of strings, plus which
// columns hold numbers (for typed xlsx cells).
type Survey struct {
	Header  []string
	Rows    [][]string
	Numeric []bool // per column
}

// Generate answers the questions of m for the register's units. m is the
// questionnaire of the wave (scoring.Model.Questionnaire): its codes and
// scales are written, questions it did not ask or derives from others
// have no column. A unit whose AGS had been succeeded by the wave (a
// merger the model declares) no longer answers.
func Generate(units []scoring.Unit, m *scoring.Model, spec Spec) *Survey {
	rng := rand.New(rand.NewPCG(spec.Seed, hashString(spec.Wave)))
	s := &Survey{Header: []string{"ags", "gemeinde", "eingang"}}
	s.Numeric = make([]bool, 3, 3+len(m.Questions))
	for _, q := range m.Questions {
		if !q.HasColumn() {
			continue
		}
		s.Header = append(s.Header, string(q.ID))
		s.Numeric = append(s.Numeric, q.Scale.Kind == scoring.ScaleNumeric)
	}
	if spec.Units > 0 {
		units = synthetic(units, spec.Units)
		s.Header = append(s.Header, DistrictColumn, PopulationColumn)
		s.Numeric = append(s.Numeric, false, true)
	}
	g := &gen{m: m, rng: rng, spec: spec}
	g.dimShift = make([]float64, len(m.Nodes))
	for _, d := range m.Dimensions() {
		g.dimShift[d.Index] = dimensionShift(d.ID)
	}
	year, _ := strconv.Atoi(spec.Wave)
	if year == 0 {
		year = 2026
	}
	for _, u := range units {
		if _, gone := m.SuccessorAt(u.ID, scoring.WaveID(spec.Wave)); gone {
			continue
		}
		if spec.ResponseRate > 0 && spec.ResponseRate < 1 && rng.Float64() > spec.ResponseRate {
			// Draw the unit's latent values anyway, so a unit's answers do
			// not depend on whether earlier units responded.
			g.unitTheta(u)
			continue
		}
		row := []string{string(u.ID), u.Name, g.timestamp(year)}
		row = append(row, g.answers(u)...)
		if spec.Units > 0 {
			row = append(row, u.District, strconv.Itoa(u.Population))
		}
		s.Rows = append(s.Rows, row)
	}
	// Exports list responses in the order they came in.
	slices.SortStableFunc(s.Rows, func(a, b []string) int { return cmp.Compare(a[2], b[2]) })
	if spec.Problems && len(s.Rows) > 10 {
		g.addProblems(s)
	}
	return s
}

// synthetic makes n units with ids U0000001… that borrow name, district,
// population and location from the register in turn.
func synthetic(reg []scoring.Unit, n int) []scoring.Unit {
	out := make([]scoring.Unit, n)
	for i := range out {
		u := reg[i%len(reg)]
		u.ID = scoring.UnitID(fmt.Sprintf("U%07d", i+1))
		if i >= len(reg) {
			u.Name = fmt.Sprintf("%s (%d)", u.Name, i/len(reg)+1)
		}
		out[i] = u
	}
	return out
}

type gen struct {
	m        *scoring.Model
	rng      *rand.Rand
	spec     Spec
	dimShift []float64
}

// dimensionShift makes some dimensions of the default model harder, as
// real surveys find (open data and AI lag behind, security basics are
// widespread).
func dimensionShift(id scoring.NodeID) float64 {
	switch id {
	case "daten":
		return -0.6
	case "online":
		return -0.25
	case "prozesse":
		return -0.1
	case "sicherheit":
		return 0.15
	}
	return 0
}

// unitTheta is a unit's latent maturity in this wave. Its lasting part —
// population, the district's and the unit's own standing — is drawn from
// the seed and the unit's (or district's) name alone, so it is the same in
// every wave; each wave adds the general progress and a little noise of
// its own. A municipality thus moves between waves as real ones do, a few
// points, not from one end of the scale to the other.
func (g *gen) unitTheta(u scoring.Unit) float64 {
	pop := float64(max(u.Population, 100))
	lasting := 0.55*(math.Log10(pop)-3.6) + 0.25*g.normal("district:"+u.District) + 0.5*g.normal("unit:"+string(u.ID))
	return lasting + g.spec.Progress + 0.15*g.rng.NormFloat64()
}

// normal draws a standard normal number that depends only on the seed and
// key, not on what was drawn before.
func (g *gen) normal(key string) float64 {
	return rand.New(rand.NewPCG(g.spec.Seed, hashString(key))).NormFloat64()
}

func (g *gen) timestamp(year int) string {
	day := g.rng.IntN(60)
	min := g.rng.IntN(9 * 60)
	month, dom := 3+day/30, 1+day%30
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d", year, month, dom, 8+min/60, min%60)
}

// answers draws one answer per question.
func (g *gen) answers(u scoring.Unit) []string {
	m := g.m
	theta := g.unitTheta(u)
	dimTheta := make([]float64, len(m.Nodes))
	dimTheta[0] = theta // questions of no dimension: those a later wave split or merged
	out := make([]string, len(m.Questions))
	owner := questionDimensions(m)
	for _, d := range m.Dimensions() {
		// A unit is stronger in some dimensions than others, lastingly.
		dimTheta[d.Index] = theta + g.dimShift[d.Index] + 0.35*g.normal("dim:"+string(u.ID)+":"+string(d.ID)) + 0.1*g.rng.NormFloat64()
	}
	for qi, q := range m.Questions {
		if !q.HasColumn() {
			continue
		}
		r := g.rng.Float64()
		switch {
		case notApplicable(q, u):
			out[qi] = missingCode(q.Scale, scoring.NotApplicable)
			continue
		case r < 0.03:
			out[qi] = blankAnswer(m, q.Scale)
			continue
		case r < 0.05:
			if c := missingCode(q.Scale, scoring.Unknown); c != "" {
				out[qi] = c
				continue
			}
		}
		diff := float64(hashString(string(q.ID))%1000)/1000*0.8 - 0.4
		t := sigmoid(1.6*(dimTheta[owner[qi]]-diff) + g.rng.NormFloat64()*0.6)
		if q.Reverse {
			t = 1 - t
		}
		out[qi] = g.answer(q.Scale, t)
	}
	// Only the questions with a column of their own are written.
	cols := out[:0]
	for qi, q := range m.Questions {
		if q.HasColumn() {
			cols = append(cols, out[qi])
		}
	}
	return cols
}

// questionDimensions maps each question to the top-level dimension that
// uses it.
func questionDimensions(m *scoring.Model) []int {
	out := make([]int, len(m.Questions))
	for _, n := range m.Nodes {
		if n.Kind != scoring.KindIndicator {
			continue
		}
		top := n
		for top.Parent > 0 {
			top = m.Nodes[top.Parent]
		}
		for _, q := range n.Questions {
			out[q] = top.Index
		}
	}
	return out
}

// notApplicable encodes one fact of the default model: only kreisfreie
// Städte register vehicles themselves; elsewhere the Landkreis does.
func notApplicable(q *scoring.Question, u scoring.Unit) bool {
	return q.ID == "O01_02" && u.District != u.Name
}

// blankAnswer is how an export writes a question that was not answered:
// an empty cell, except where the scale reads an empty cell as an answer
// (a multi-select with empty: none, where it means nothing was ticked);
// there the export writes the model's first code for "not answered", as
// survey tools do with "-9".
func blankAnswer(m *scoring.Model, s *scoring.Scale) string {
	if s.Kind != scoring.ScaleMulti || !s.EmptyNone {
		return ""
	}
	for _, c := range m.MissingCodes {
		if c.Status == scoring.Blank {
			return c.Code
		}
	}
	return missingCode(s, scoring.Blank)
}

// missingCode returns the first declared missing code with the meaning,
// in its declared spelling where the model keeps it.
func missingCode(s *scoring.Scale, st scoring.Status) string {
	var codes []string
	for c, v := range s.Missing {
		if v == st {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	if len(codes) == 0 {
		return ""
	}
	return codes[len(codes)-1]
}

// answer turns a target t in [0, 1] into an answer of the scale.
func (g *gen) answer(s *scoring.Scale, t float64) string {
	switch s.Kind {
	case scoring.ScaleMap:
		best, bestD := "", math.Inf(1)
		for _, l := range s.Labels {
			p := s.Parse(l).Value
			d := math.Abs(p - t + g.rng.NormFloat64()*0.08)
			if d < bestD {
				best, bestD = l, d
			}
		}
		return best
	case scoring.ScaleMulti:
		var picked []string
		for _, it := range s.Items {
			if g.rng.Float64() < t {
				picked = append(picked, it.Label)
			}
		}
		sep := s.Separator
		if sep == "" {
			sep = ";"
		}
		return strings.Join(picked, sep)
	}
	return g.number(s, t)
}

// number draws a number whose points are about t, written the German way.
func (g *gen) number(s *scoring.Scale, t float64) string {
	var x float64
	switch {
	case len(s.Bins) > 0:
		i := min(int(t*float64(len(s.Bins))), len(s.Bins)-1)
		lo := 0.0
		if i > 0 {
			lo = s.Bins[i-1].Max + 1
		}
		hi := s.Bins[i].Max
		if s.Bins[i].Open {
			hi = lo * 3
		}
		x = math.Round(lo + g.rng.Float64()*(hi-lo))
	case s.Normalisation == scoring.NormaliseGoalposts:
		x = math.Round((s.Low+t*(s.High-s.Low))*10) / 10
	default:
		x = math.Round(t * 1000)
	}
	if s.HasMin {
		x = max(x, s.Min)
	}
	if s.HasMax {
		x = min(x, s.Max)
	}
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// addProblems adds the rows every real export has.
func (g *gen) addProblems(s *Survey) {
	n := len(s.Rows)
	// A unit that started the questionnaire, gave up, and answered again
	// later: the first, thin attempt comes earlier in the export.
	dup := slices.Clone(s.Rows[n/3])
	for i := 3; i < len(dup); i++ {
		if g.rng.Float64() < 0.6 {
			dup[i] = ""
		}
	}
	dup[2] = s.Rows[0][2]
	// An answer outside the scale, where the model has a yes/no question.
	victim := s.Rows[n/2]
	for i, h := range s.Header {
		if q := g.m.Question(scoring.QuestionID(h)); q != nil && q.Scale.Kind == scoring.ScaleMap && len(q.Scale.Labels) <= 4 {
			victim[i] = "jein"
			break
		}
	}
	// A typo in an AGS, and a row of empty cells as Excel leaves them.
	// A synthetic unit's id has no register to be checked against: its
	// typo would be read as one more unit (or another unit's second
	// answer), so synthetic units have no typo row.
	empty := make([]string, len(s.Header))
	rows := append([][]string{dup}, s.Rows...)
	if g.spec.Units == 0 {
		typo := slices.Clone(s.Rows[2*n/3])
		typo[0] = typo[0][:len(typo[0])-3] + "999"
		rows = slices.Insert(rows, n/4, typo)
	}
	rows = slices.Insert(rows, 3*n/4, empty)
	s.Rows = rows
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
