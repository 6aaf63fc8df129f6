package scoring

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Treatment is how the numbers of one numeric question are prepared over
// all units of a wave before they become points, in the order of the JRC's
// COINr: denominate → impute → treat outliers → normalise (the scale's
// normalisation). The zero Treatment does nothing: the answered number
// goes straight to the scale. A Treatment is part of an immutable Model.
type Treatment struct {
	// Denominator, when set, divides the answer by another number of the
	// same unit.
	Denominator *Denominator
	// Impute replaces a missing number (not answered, unknown, invalid, or
	// a division by zero) by a statistic of the others' numbers after
	// denomination. ImputeNone (the zero value) leaves it missing.
	Impute ImputeMethod
	// ImputeBy is the index in Model.PeerGroups whose groups the group
	// methods use; -1 means the whole wave.
	ImputeBy int
	// Outliers says when and how extreme numbers are pulled in.
	Outliers Outliers
}

// modelPlace is where something is declared in the config file.
type modelPlace struct {
	file      string
	line, col int
	path      string
}

func (p modelPlace) err(format string, args ...any) *ModelError {
	return &ModelError{File: p.file, Line: p.line, Col: p.col, Path: p.path, Err: fmt.Errorf(format, args...)}
}

// Denominator divides a question's number by another number of the unit:
// the answer to Question, or (Question −1) the unit's population. The
// result is multiplied by Per ("per 10,000 inhabitants": Per 10000).
type Denominator struct {
	Question int // index into Model.Questions, or -1 for Unit.Population
	Per      float64
	Name     string // as configured: a question id or "population"
	place    modelPlace
}

// ImputeMethod is how a missing number is replaced before outlier
// treatment.
type ImputeMethod uint8

const (
	ImputeNone        ImputeMethod = iota
	ImputeGroupMean                // mean of the unit's peer group (Treatment.ImputeBy), else of the wave
	ImputeGroupMedian              // median of the unit's peer group, else of the wave
	ImputeMean                     // mean of the wave
	ImputeMedian                   // median of the wave
)

var imputeNames = [...]string{"none", "group_mean", "group_median", "mean", "median"}

func (m ImputeMethod) String() string {
	if int(m) < len(imputeNames) {
		return imputeNames[m]
	}
	return fmt.Sprintf("ImputeMethod(%d)", m)
}

// ParseImputeMethod turns a config word into an ImputeMethod.
func ParseImputeMethod(s string) (ImputeMethod, error) {
	if i := slices.Index(imputeNames[:], s); i >= 0 {
		return ImputeMethod(i), nil
	}
	return 0, fmt.Errorf("unknown imputation %q (want %s)", s, strings.Join(imputeNames[:], ", "))
}

// Outliers is COINr's default outlier treatment: while the distribution
// of a question's numbers has |skewness| ≥ Skewness and kurtosis ≥
// Kurtosis, the most extreme number (on the side of the skew) is set to
// the next one (winsorised), up to MaxPoints numbers; if that does not
// bring skewness or kurtosis below their thresholds and Log is set, the
// untreated numbers are log-transformed instead (COINr's log_CT,
// ln(x − min + 0.01·(max − min))). The zero value treats nothing.
type Outliers struct {
	MaxPoints          int
	Skewness, Kurtosis float64
	Log                bool
}

// Active reports whether outliers are treated at all.
func (o Outliers) Active() bool { return o.MaxPoints > 0 || o.Log }

// DefaultOutliers are COINr's defaults (winsorise up to 5 points while
// |skewness| ≥ 2 and kurtosis ≥ 3.5, then log_CT).
func DefaultOutliers() Outliers {
	return Outliers{MaxPoints: 5, Skewness: 2, Kurtosis: 3.5, Log: true}
}

// passes is COINr's check_SkewKurt: a distribution needs no treatment when
// |skewness| < Skewness or kurtosis < Kurtosis. Too few numbers to tell
// (skewness needs 3, kurtosis 4) or no spread at all also pass: COINr
// leaves such a column untreated.
func (o Outliers) passes(xs []float64) bool {
	sk, ku := Skewness(xs), Kurtosis(xs)
	if math.IsNaN(sk) || math.IsNaN(ku) {
		return true
	}
	return math.Abs(sk) < o.Skewness || ku < o.Kurtosis
}

// Skewness is the sample skewness of xs as Excel's SKEW, e1071's type 2
// and COINr's skew compute it: √(n(n−1))/(n−2) · m₃/m₂^{3/2}, with m_k the
// k-th central moment. It is NaN for fewer than 3 numbers or no spread.
func Skewness(xs []float64) float64 {
	n := float64(len(xs))
	if len(xs) < 3 || noSpread(xs) {
		return math.NaN()
	}
	mean := sum(xs) / n
	var s2, s3 float64
	for _, x := range xs {
		d := x - mean
		s2 += d * d
		s3 += d * d * d
	}
	if s2 == 0 {
		return math.NaN()
	}
	y := math.Sqrt(n) * s3 / math.Pow(s2, 1.5)
	return y * math.Sqrt(n*(n-1)) / (n - 2)
}

// Kurtosis is the sample excess kurtosis of xs as Excel's KURT, e1071's
// type 2 and COINr's kurt compute it: ((n+1)(r−3)+6)(n−1)/((n−2)(n−3))
// with r = n·Σd⁴/(Σd²)². It is NaN for fewer than 4 numbers or no spread.
func Kurtosis(xs []float64) float64 {
	n := float64(len(xs))
	if len(xs) < 4 || noSpread(xs) {
		return math.NaN()
	}
	mean := sum(xs) / n
	var s2, s4 float64
	for _, x := range xs {
		d := x - mean
		s2 += d * d
		s4 += d * d * d * d
	}
	if s2 == 0 {
		return math.NaN()
	}
	r := n * s4 / (s2 * s2)
	return ((n+1)*(r-3) + 6) * (n - 1) / ((n - 2) * (n - 3))
}

// noSpread reports whether the numbers xs are all equal. Their mean,
// summed and divided, can miss the number by a rounding error, so the
// deviations from it are not 0 and made a skewness of 1.19 for five
// equal numbers; the test must be on the numbers themselves.
//
// It stops at the first number that differs, mostly the second: Skewness
// and Kurtosis ask on every step of the outlier treatment.
func noSpread(xs []float64) bool {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return false
		}
	}
	return true
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// winsorise treats xs in place as COINr's winsorise does and reports
// whether the result passes. Each step finds the extreme on the side of
// the skew and sets every number equal to it to the next one, so ties
// move together; it stops when the distribution passes or the points
// moved in the last step (which, being tied at the extreme, include the
// earlier ones) reach MaxPoints.
func (o Outliers) winsorise(xs []float64) bool {
	pass := o.passes(xs)
	nwin := 0
	var hi, lo []int
	for !pass && nwin < o.MaxPoints {
		moved := false
		if Skewness(xs) >= 0 {
			hi, moved = extremes(xs, hi[:0], 1)
		} else {
			lo, moved = extremes(xs, lo[:0], -1)
		}
		if !moved {
			break // every number is equal: nothing is left to move
		}
		nwin = len(hi) + len(lo)
		pass = o.passes(xs)
	}
	return pass
}

// extremes sets the numbers at the maximum (sign 1) or minimum (sign −1)
// of xs to the next number inside, and returns their indices. Where every
// number is at the extreme there is no next one: it moves none and says
// so (it set them all to −∞ once, and every unit got 0 points).
func extremes(xs []float64, idx []int, sign float64) ([]int, bool) {
	ext := xs[0] * sign
	for _, x := range xs {
		ext = max(ext, x*sign)
	}
	next, inside := math.Inf(-1), false
	for i, x := range xs {
		if x*sign == ext {
			idx = append(idx, i)
		} else {
			next, inside = max(next, x*sign), true
		}
	}
	if !inside {
		return idx[:0], false
	}
	for _, i := range idx {
		xs[i] = next * sign
	}
	return idx, true
}

// logCT is COINr's log_CT: ln(x − min + 0.01·(max − min)).
func logCT(xs []float64) {
	lo, hi := slices.Min(xs), slices.Max(xs)
	a := 0.01 * (hi - lo)
	for i, x := range xs {
		xs[i] = math.Log(x - lo + a)
	}
}

// TreatFlag records what the treatment stage did to one unit's number.
type TreatFlag uint16

const (
	// TreatAnswered: the unit answered a number (TreatedValue.Raw).
	TreatAnswered TreatFlag = 1 << iota
	// TreatNotApplicable: the question does not apply to the unit; it has
	// no number and none is imputed.
	TreatNotApplicable
	// TreatDenominated: the number was divided by the denominator.
	TreatDenominated
	// TreatDivisionByZero: the denominator was 0 or missing; the number is
	// missing (and may be imputed). The unit has an IssueDenominator.
	TreatDivisionByZero
	// TreatImputed: the number was missing and was imputed.
	TreatImputed
	// TreatImputedFromWave: a group method fell back to the whole wave,
	// because the unit has no group or its group has no number.
	TreatImputedFromWave
	// TreatWinsorisedHigh and TreatWinsorisedLow: the number was pulled
	// down to (up to) the next one.
	TreatWinsorisedHigh
	TreatWinsorisedLow
	// TreatLog: the question's numbers were log-transformed.
	TreatLog
	// TreatBlank, TreatUnknown and TreatInvalid say why a unit has no
	// number as answered: not answered (an empty cell or a blank code such
	// as "-9"), "weiß nicht", or an answer outside the scale. Without them
	// the three had no flag at all (and no number), and a not answered
	// question read like "weiß nicht" in indicators.csv; not applicable
	// has its own, TreatNotApplicable.
	TreatBlank
	TreatUnknown
	TreatInvalid
)

var treatFlagNames = []string{"answered", "not_applicable", "denominated", "division_by_zero",
	"imputed", "imputed_from_wave", "winsorised_high", "winsorised_low", "log", "blank", "unknown", "invalid"}

// treatFlagOrder is the order String names the flags in: what the unit
// answered first, then the stages.
var treatFlagOrder = []TreatFlag{TreatAnswered, TreatBlank, TreatUnknown, TreatInvalid, TreatNotApplicable,
	TreatDenominated, TreatDivisionByZero, TreatImputed, TreatImputedFromWave, TreatWinsorisedHigh, TreatWinsorisedLow, TreatLog}

// String lists the flags joined by "+", the answer first, then in the
// order of the stages, e.g. "answered+denominated+winsorised_high" or
// "unknown+imputed".
func (f TreatFlag) String() string {
	var parts []string
	for _, b := range treatFlagOrder {
		if f&b != 0 {
			parts = append(parts, treatFlagNames[bits.TrailingZeros16(uint16(b))])
		}
	}
	return strings.Join(parts, "+")
}

// TreatedValue is one unit's number of a numeric question at every stage
// of the treatment. Which fields hold a number is told by Has and Flags:
// Raw with TreatAnswered, Denominator and Denominated with
// TreatDenominated, the stages from Imputed on when Has is true. A value
// that has none is never NaN but simply not valid.
//
// The small fields lie together after the numbers: 64 bytes a value
// instead of 72, and a national run holds 540,000 of them.
type TreatedValue struct {
	Raw         float64
	Denominator float64
	Denominated float64 // Raw / Denominator × Per; Raw itself without a denominator
	Imputed     float64 // Denominated, or the imputed number
	Treated     float64 // after outlier treatment
	// Normalised is the number's score on 0–100 as it enters its
	// indicator: the scale's bins, goalposts or normalisation over the
	// wave, reversed for a reversed question.
	Normalised float64
	Status     Status // of the raw answer
	Has        bool   // the unit has a number after imputation
	Flags      TreatFlag

	points float64 // Normalised / 100, as the engine uses it (not rounded twice)
}

// TreatedQuestion is the treatment of one numeric question in one wave.
type TreatedQuestion struct {
	Wave     WaveID
	Question int // index into Model.Questions
	// Values is indexed like the wave's units (Results.WaveUnits).
	Values []TreatedValue
	// N counts the units with a number after imputation, Imputed those
	// whose number was imputed.
	N, Imputed int
	// WinsorisedHigh and WinsorisedLow count the numbers pulled in; Log is
	// set when the numbers were log-transformed instead.
	WinsorisedHigh, WinsorisedLow int
	Log                           bool
	// Before and After are skewness and kurtosis of the numbers entering
	// and leaving outlier treatment (NaN when there are too few numbers
	// or no spread). Passes tells whether After is within the thresholds.
	SkewBefore, KurtBefore float64
	SkewAfter, KurtAfter   float64
	Passes                 bool

	q   *Question
	fit fitted
}

// fitted holds what the treatment of a wave found, so that a number a
// unit did not give can be treated as the wave was (see PointsFor).
type fitted struct {
	// lo, hi: the range of the treated numbers; winLo, winHi: whether
	// winsorising pulled numbers in at that end.
	lo, hi       float64
	winLo, winHi bool
	// logMin, logShift: ln(x − logMin + logShift) when Log is set.
	logMin, logShift float64
	// mean, sd of the treated numbers (z-scores); sorted treated numbers
	// (ranks).
	mean, sd float64
	sorted   []float64
}

// PointsFor returns the points in [0, 1] (z-scores: unbounded) that unit i
// of the wave would get for the number x instead of its answer, with the
// wave's treatment held fixed: x is divided by the unit's denominator,
// pulled into the range at an end that winsorising pulled in (or
// log-transformed with the wave's shift), and normalised with the wave's
// range, mean and standard deviation, or ranked among the other units'
// numbers; then reversed for a reversed question. For the unit's own
// answer it gives exactly the engine's points. It reports false when the
// unit's denominator is 0 or missing, or when no unit has a number.
func (tq *TreatedQuestion) PointsFor(i int, x float64) (float64, bool) {
	q, f := tq.q, &tq.fit
	if tq.N == 0 {
		return 0, false
	}
	if t := q.Treatment; t != nil && t.Denominator != nil {
		v := &tq.Values[i]
		if v.Flags&TreatDenominated == 0 {
			return 0, false
		}
		x = x / v.Denominator * t.Denominator.Per
	}
	if tq.Log {
		x = math.Log(max(x, f.logMin) - f.logMin + f.logShift)
	}
	if f.winHi {
		x = min(x, f.hi)
	}
	if f.winLo {
		x = max(x, f.lo)
	}
	sc := q.Scale
	var p float64
	switch {
	case len(sc.Bins) > 0 || sc.Normalisation == NormaliseGoalposts || sc.Normalisation == NormaliseNone:
		p = sc.Points(x)
	case sc.Normalisation == NormaliseMinMax:
		p = 1
		if f.hi > f.lo {
			p = clamp01((x - f.lo) / (f.hi - f.lo))
		}
	case sc.Normalisation == NormaliseZScore:
		z := 0.0
		if f.sd > 0 {
			z = (x - f.mean) / f.sd
		}
		if q.Reverse {
			z = -z
		}
		return (sc.ZMean + sc.ZSD*z) / 100, true
	case sc.Normalisation == NormaliseRank:
		p = f.rank(x, &tq.Values[i])
	}
	if q.Reverse {
		p = 1 - p
	}
	return p, true
}

// rank places x among the treated numbers of the other units: the share
// below, ties counting half, as percentRanks does for the unit's own.
func (f *fitted) rank(x float64, own *TreatedValue) float64 {
	below, _ := slices.BinarySearch(f.sorted, x)
	above, _ := slices.BinarySearch(f.sorted, math.Nextafter(x, math.Inf(1)))
	equal, n := above-below, len(f.sorted)
	if own.Has { // leave the unit's own number out
		n--
		if own.Treated < x {
			below--
		} else if own.Treated == x {
			equal--
		}
	}
	if n == 0 {
		return 1
	}
	return (float64(below) + 0.5*float64(equal)) / float64(n)
}

// Treated returns the treatment of question q in wave wi, or nil when q is
// not a numeric question or no indicator reads it. A question the scoring
// read number by number (see readsPlainly) is treated here, on first
// asking, for the whole wave: the same stages, the same values.
func (r *Results) Treated(wi, q int) *TreatedQuestion {
	for i := range r.treatment {
		t := &r.treatment[i]
		if t.Question == q && t.Wave == r.Waves[wi].ID {
			return t
		}
	}
	for _, l := range r.plain {
		if l.wave == wi {
			return l.get(r, q)
		}
	}
	return nil
}

// Treatments returns the treatment of every numeric question an indicator
// reads, by wave, then question.
func (r *Results) Treatments() []*TreatedQuestion {
	var out []*TreatedQuestion
	for wi := range r.Waves {
		for qi := range r.Model.Questions {
			if t := r.Treated(wi, qi); t != nil {
				out = append(out, t)
			}
		}
	}
	return out
}

// plainTreatment is the treatment stage of a wave's numbers the scoring
// read one by one (readsPlainly), worked out when an output first asks for
// it: checking the national data needs none of it, and it was a fifth of
// that check's memory (34 MB) and a seventh of its CPU time.
type plainTreatment struct {
	wave      int   // index into Results.Waves
	questions []int // ascending
	once      sync.Once
	treated   []*TreatedQuestion // by question index, after once
}

func (l *plainTreatment) get(r *Results, q int) *TreatedQuestion {
	if _, ok := slices.BinarySearch(l.questions, q); !ok {
		return nil
	}
	l.once.Do(func() {
		id := r.Waves[l.wave].ID
		units := r.WaveUnits(l.wave)
		rs := make([]*Response, len(units))
		for i := range units {
			rs[i] = units[i].Response
		}
		w := &waveRun{m: r.Model, q: r.Model.questionnaire(id), res: r, wave: id, rs: rs, units: units, quiet: true}
		// Without a treatment there is no denominator, so no finding: the
		// stages only repeat what Parse and Scale.Points gave the scoring.
		w.treatNumbers(l.questions)
		l.treated = w.treated
	})
	return l.treated[q]
}

// readsPlainly reports whether the scoring reads question q's numbers one
// by one, as points reads any answer (Scale.Points of the parsed number,
// reversed where the model says so), instead of from a treatment stage
// run over the wave first: no treatment is set, and the scale's points of
// a number depend on that number alone (bins, goalposts or none — exactly
// normalise's first case, which gives the same points).
func readsPlainly(q *Question) bool {
	return q.Treatment == nil && !q.Scale.NeedsWave()
}

// treatsNumbers reports whether question q goes through the treatment
// stage: every question answered with a number (or a count of items) that
// an indicator reads does, so that every numeric indicator's stages can be
// shown.
func treatsNumbers(q *Question) bool { return q.Scale != nil && q.Scale.numeric() }

// treatWave runs the treatment stage for every numeric question of the
// wave the scoring reads from it: one with a treatment, or whose points
// depend on the wave's numbers. It parses each unit's answer once; points
// reads the result. The other numeric questions points reads number by
// number, and their stages are worked out when an output asks
// (plainTreatment).
//
// The answers are read unit by unit, on every worker (readNumbers): a
// unit's answers lie together in memory, so reading one question across
// all units first (column by column) waited on memory for every answer and
// took three times as long as the scoring of the other questions, on one
// core. The stages over the wave then run per question, questions side by
// side.
func (w *waveRun) treatWave() {
	m := w.m
	read := make([]bool, len(m.Questions)) // by an indicator: context questions are not treated
	for _, n := range m.Nodes {
		for _, qi := range n.Questions {
			read[qi] = true
		}
	}
	var numeric, plain []int
	for qi := range m.Questions {
		// The wave's own question: its scale as that wave asked it; a
		// question the wave did not ask, or derived from others (see
		// Model.Questionnaire), has no numbers of its own to treat.
		q := w.questions().Questions[qi]
		switch {
		case !treatsNumbers(q) || !read[qi] || !q.HasColumn():
		case readsPlainly(q):
			plain = append(plain, qi)
		default:
			numeric = append(numeric, qi)
		}
	}
	if len(plain) > 0 {
		wi := slices.IndexFunc(w.res.Waves, func(x Wave) bool { return x.ID == w.wave })
		w.res.plain = append(w.res.plain, &plainTreatment{wave: wi, questions: plain})
	}
	if len(numeric) > 0 {
		w.treatIssues = w.treatNumbers(numeric)
	}
}

// treatNumbers runs the treatment stage of the numeric questions in
// w.treated and returns its findings.
func (w *waveRun) treatNumbers(numeric []int) []Issue {
	w.treated = make([]*TreatedQuestion, len(w.m.Questions))
	for _, qi := range numeric {
		w.treated[qi] = &TreatedQuestion{Wave: w.wave, Question: qi, Values: make([]TreatedValue, len(w.rs)), q: w.questions().Questions[qi]}
	}
	workers := w.workers()
	parallel(workers, func(_ *worker, i int) { w.readNumbers(numeric, i) })
	issues := make([][]Issue, len(numeric))
	eachIndex(len(workers), len(numeric), func(j int) {
		tq := w.treated[numeric[j]]
		issues[j] = w.treatQuestion(tq, tq.q)
	})
	var out []Issue
	for _, is := range issues {
		out = append(out, is...)
	}
	return out
}

// readNumbers reads unit i's answers to the numeric questions into their
// treated values: the raw number, and what it is before any stage.
func (w *waveRun) readNumbers(numeric []int, i int) {
	resp := w.rs[i]
	for _, qi := range numeric {
		tq := w.treated[qi]
		v := &tq.Values[i]
		a, _ := parse(tq.q, resp, tq.q.Index)
		v.Status = a.Status
		switch a.Status {
		case Answered:
			v.Raw, v.Denominated, v.Imputed, v.Has = a.Value, a.Value, a.Value, true
			v.Flags |= TreatAnswered
		case NotApplicable:
			v.Flags |= TreatNotApplicable
		case Blank:
			v.Flags |= TreatBlank
		case Unknown:
			v.Flags |= TreatUnknown
		case Invalid:
			v.Flags |= TreatInvalid
		}
	}
}

// eachIndex calls fn(j) for every j in [0, n) on up to p goroutines.
func eachIndex(p, n int, fn func(j int)) {
	p = min(p, n)
	if p <= 1 {
		for j := range n {
			fn(j)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range p {
		wg.Go(func() {
			for j := int(next.Add(1)) - 1; j < n; j = int(next.Add(1)) - 1 {
				fn(j)
			}
		})
	}
	wg.Wait()
}

// treatQuestion fills tq for question q from the raw numbers readNumbers
// read: every stage, in order. It returns the findings of the stages.
func (w *waveRun) treatQuestion(tq *TreatedQuestion, q *Question) []Issue {
	t := q.Treatment
	if t == nil {
		t = &Treatment{ImputeBy: -1}
	}
	vs := tq.Values
	var issues []Issue
	if d := t.Denominator; d != nil {
		for i := range vs {
			v := &vs[i]
			if v.Has {
				issues = w.denominate(issues, v, d, q, i)
				v.Imputed = v.Denominated
			}
		}
	}
	w.impute(tq, t)
	xs := make([]float64, 0, len(vs))
	idx := make([]int, 0, len(vs))
	for i := range vs {
		if vs[i].Has {
			xs = append(xs, vs[i].Imputed)
			idx = append(idx, i)
		}
	}
	tq.N = len(xs)
	tq.SkewBefore, tq.KurtBefore = Skewness(xs), Kurtosis(xs)
	tq.Passes = true
	if t.Outliers.Active() {
		if len(xs) > 0 {
			tq.fit.logMin, tq.fit.logShift = slices.Min(xs), 0.01*(slices.Max(xs)-slices.Min(xs))
		}
		tq.Passes = treatOutliers(xs, t.Outliers, &tq.Log)
	}
	if t.Outliers.Active() {
		tq.SkewAfter, tq.KurtAfter = Skewness(xs), Kurtosis(xs)
	} else {
		tq.SkewAfter, tq.KurtAfter = tq.SkewBefore, tq.KurtBefore // xs unchanged
	}
	tq.fit.fit(xs, q.Scale)
	for j, i := range idx {
		v := &vs[i]
		v.Treated = xs[j]
		switch {
		case tq.Log:
			v.Flags |= TreatLog
		case v.Treated < v.Imputed:
			v.Flags |= TreatWinsorisedHigh
			tq.WinsorisedHigh++
			tq.fit.winHi = true
		case v.Treated > v.Imputed:
			v.Flags |= TreatWinsorisedLow
			tq.WinsorisedLow++
			tq.fit.winLo = true
		}
	}
	normalise(q.Scale, q.Reverse, xs)
	for j, i := range idx {
		vs[i].points, vs[i].Normalised = xs[j], 100*xs[j]
	}
	return issues
}

// fit keeps the range, mean, standard deviation and order of the treated
// numbers xs, as far as the scale's normalisation needs them.
func (f *fitted) fit(xs []float64, sc *Scale) {
	if len(xs) == 0 {
		return
	}
	f.lo, f.hi = slices.Min(xs), slices.Max(xs)
	switch sc.Normalisation {
	case NormaliseZScore:
		f.mean, f.sd = meanSD(xs)
	case NormaliseRank:
		f.sorted = slices.Sorted(slices.Values(xs))
	}
}

// meanSD returns the mean and the sample standard deviation (0 for fewer
// than two numbers).
//
// Numbers that are all equal have that number as their mean and no spread,
// exactly: summed and divided, seven answers of 7.3 average to
// 7.299999999999999, which left a spread of 1e-16 and turned every z-score
// into ±0.95 standard deviations.
func meanSD(xs []float64) (mean, sd float64) {
	if len(xs) > 0 && noSpread(xs) {
		return xs[0], 0
	}
	mean = sum(xs) / float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

// treatOutliers applies o to xs in place: winsorising, and if that does
// not pass, log_CT on the untreated numbers. It reports whether the result
// passes and sets *logged when it log-transformed.
func treatOutliers(xs []float64, o Outliers, logged *bool) bool {
	if o.passes(xs) {
		return true
	}
	orig := slices.Clone(xs)
	if o.MaxPoints > 0 && o.winsorise(xs) {
		return true
	}
	if !o.Log {
		return false
	}
	copy(xs, orig)
	logCT(xs)
	*logged = true
	return o.passes(xs)
}

// denominate divides v by the unit's denominator. A denominator that is 0
// or missing makes the number missing, and the unit gets an issue,
// appended to issues.
func (w *waveRun) denominate(issues []Issue, v *TreatedValue, d *Denominator, q *Question, i int) []Issue {
	resp := w.rs[i]
	var den float64
	what, cause := "", CauseDenominatorMissing
	if d.Question < 0 {
		den = float64(resp.Unit.Population)
		if den <= 0 {
			what = "unknown"
		}
	} else {
		a, _ := parse(w.questions().Questions[d.Question], resp, d.Question)
		den = a.Value
		switch {
		case a.Status != Answered:
			what = "missing"
		case den == 0:
			what, cause = "0", CauseDenominatorZero
		}
	}
	if what != "" {
		v.Has, v.Denominated = false, 0
		v.Flags |= TreatDivisionByZero
		return append(issues, Issue{Kind: IssueDenominator, Place: resp.Position(q.Index),
			Wave: w.wave, Unit: resp.Unit.ID, Question: q.ID,
			Message: fmt.Sprintf("%s: question %s cannot be divided by %s, which is %s for this unit; its number is treated as missing", resp.Unit.ID, q.ID, d.Name, what),
			Cause:   cause, Args: []string{string(resp.Unit.ID), string(q.ID), d.Name}})
	}
	v.Denominator = den
	v.Denominated = v.Raw / den * d.Per
	v.Flags |= TreatDenominated
	return issues
}

// impute fills the missing numbers of tq by t.Impute, from the numbers
// that were not imputed: of the unit's group, else of the wave, each only
// from as many numbers as ImputeFrom allows (a group of two would hand the
// other's number to the unit's scores).
func (w *waveRun) impute(tq *TreatedQuestion, t *Treatment) {
	if t.Impute == ImputeNone {
		return
	}
	vs := tq.Values
	group := make([]string, len(vs))
	byGroup := map[string][]float64{}
	var all []float64
	grouped := t.Impute == ImputeGroupMean || t.Impute == ImputeGroupMedian
	for i := range vs {
		if grouped && t.ImputeBy >= 0 {
			group[i] = w.m.GroupOf(w.m.PeerGroups[t.ImputeBy], &w.rs[i].Unit)
		}
		if !vs[i].Has {
			continue
		}
		all = append(all, vs[i].Imputed)
		if group[i] != "" {
			byGroup[group[i]] = append(byGroup[group[i]], vs[i].Imputed)
		}
	}
	median := t.Impute == ImputeGroupMedian || t.Impute == ImputeMedian
	stat := func(xs []float64) float64 {
		if median {
			s := slices.Clone(xs)
			slices.Sort(s)
			return Quantile(s, 0.5)
		}
		return sum(xs) / float64(len(xs))
	}
	cache := map[string]float64{}
	for i := range vs {
		v := &vs[i]
		if v.Has || v.Flags&TreatNotApplicable != 0 || !ImputeFrom(len(all), w.m.MinGroupSize) {
			continue
		}
		g := group[i]
		if xs := byGroup[g]; g != "" && ImputeFrom(len(xs), w.m.MinGroupSize) {
			x, ok := cache[g]
			if !ok {
				x = stat(xs)
				cache[g] = x
			}
			v.Imputed = x
		} else {
			x, ok := cache["\x00all"]
			if !ok {
				x = stat(all)
				cache["\x00all"] = x
			}
			v.Imputed = x
			if grouped {
				v.Flags |= TreatImputedFromWave
			}
		}
		v.Has = true
		v.Flags |= TreatImputed
		tq.Imputed++
	}
}

// normalise turns treated numbers into points in place: the scale's bins
// or goalposts, or its normalisation over xs (the wave), reversed when
// reverse is set. Min–max puts every number at 1 when all are equal, as
// no unit is behind another. Z-scores are mapped to Scale.ZMean + ZSD·z
// on 0–100 (reversing negates z) and are not bounded.
func normalise(sc *Scale, reverse bool, xs []float64) {
	if len(xs) == 0 {
		return
	}
	switch {
	case len(sc.Bins) > 0 || sc.Normalisation == NormaliseGoalposts || sc.Normalisation == NormaliseNone:
		for i, x := range xs {
			xs[i] = sc.Points(x)
		}
	case sc.Normalisation == NormaliseMinMax:
		lo, hi := slices.Min(xs), slices.Max(xs)
		for i, x := range xs {
			if hi > lo {
				xs[i] = (x - lo) / (hi - lo)
			} else {
				xs[i] = 1
			}
		}
	case sc.Normalisation == NormaliseZScore:
		mean, sd := meanSD(xs)
		for i, x := range xs {
			z := 0.0
			if sd > 0 {
				z = (x - mean) / sd
			}
			if reverse {
				z = -z
			}
			xs[i] = (sc.ZMean + sc.ZSD*z) / 100
		}
		return
	case sc.Normalisation == NormaliseRank:
		percentRanks(xs)
	}
	if reverse {
		for i := range xs {
			xs[i] = 1 - xs[i]
		}
	}
}

// percentRanks replaces xs by (rank − 1)/(n − 1), ranks ascending with
// ties sharing their mean rank; a single number gets 1.
func percentRanks(xs []float64) {
	n := len(xs)
	if n == 1 {
		xs[0] = 1
		return
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	ranks := make([]float64, n)
	for j := 0; j < n; {
		k := j
		for k < n && xs[order[k]] == xs[order[j]] {
			k++
		}
		r := float64(j+k-1) / 2 // mean of the 0-based ranks j … k−1
		for _, i := range order[j:k] {
			ranks[i] = r / float64(n-1)
		}
		j = k
	}
	copy(xs, ranks)
}
