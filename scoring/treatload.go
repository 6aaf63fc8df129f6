package scoring

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gopkg.in/yaml.v3"
)

// treatmentSpec is the treatment of numeric questions: model-wide under
// model.treatment, or for one question (or one-question indicator) under
// its treatment key, where every key given replaces the model's.
type treatmentSpec struct {
	Impute   string       `yaml:"impute"`
	ImputeBy string       `yaml:"impute_by"`
	Outliers *outlierSpec `yaml:"outliers"`
	pos
}

func (s *treatmentSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain treatmentSpec
	s.pos.set(n)
	return n.Decode((*plain)(s))
}

// outlierSpec is "none", "default" (COINr's defaults) or a mapping; keys
// left out take COINr's defaults.
type outlierSpec struct {
	Word      string   `yaml:"-"`
	Winsorise *int     `yaml:"winsorise"`
	Skewness  *float64 `yaml:"skewness"`
	Kurtosis  *float64 `yaml:"kurtosis"`
	Log       *bool    `yaml:"log"`
	pos
}

func (s *outlierSpec) UnmarshalYAML(n *yaml.Node) error {
	s.pos.set(n)
	if n.Kind == yaml.ScalarNode {
		s.Word = n.Value
		return nil
	}
	type plain outlierSpec
	return n.Decode((*plain)(s))
}

// denominatorSpec is a question id or "population", or {by, per}.
type denominatorSpec struct {
	By  string   `yaml:"by"`
	Per *float64 `yaml:"per"`
	pos
}

func (s *denominatorSpec) UnmarshalYAML(n *yaml.Node) error {
	s.pos.set(n)
	if n.Kind == yaml.ScalarNode {
		s.By = n.Value
		return nil
	}
	type plain denominatorSpec
	return n.Decode((*plain)(s))
}

// populationDenominator names the unit's population as a denominator.
const populationDenominator = "population"

// treatments attaches a Treatment to every numeric question, from the
// model-wide treatment and each question's own keys, and checks that
// treatment keys are given only where they apply.
func (b *builder) treatments(s *modelSpec) {
	m := b.m
	own := make([]*treatmentSpec, len(m.Questions))
	dens := make([]*denominatorSpec, len(m.Questions))
	paths := make([]string, len(m.Questions))
	for i := range s.Questions {
		qs := &s.Questions[i]
		q := m.Question(QuestionID(qs.ID))
		if q == nil || (qs.Treatment == nil && qs.Denominator == nil) {
			continue
		}
		own[q.Index], dens[q.Index], paths[q.Index] = qs.Treatment, qs.Denominator, fmt.Sprintf("model.questions[%d]", i)
	}
	var walk func(ns []nodeSpec, path string)
	walk = func(ns []nodeSpec, path string) {
		for i := range ns {
			n := &ns[i]
			p := fmt.Sprintf("%s[%d]", path, i)
			walk(n.Dimensions, p+".dimensions")
			walk(n.Indicators, p+".indicators")
			if n.Treatment == nil && n.Denominator == nil {
				continue
			}
			if n.Question == "" {
				b.errf(n.pos, p, "treatment and denominator belong to an indicator read from one question (or to the question)")
				continue
			}
			q := m.Question(QuestionID(n.Question))
			if q == nil {
				continue // reported by the node builder
			}
			if own[q.Index] != nil || dens[q.Index] != nil {
				b.errf(n.pos, p, "question %q already has a treatment or denominator (at %s)", n.Question, paths[q.Index])
				continue
			}
			own[q.Index], dens[q.Index], paths[q.Index] = n.Treatment, n.Denominator, p
		}
	}
	walk(s.Dimensions, "model.dimensions")
	for qi, q := range m.Questions {
		if q.Scale == nil {
			continue
		}
		if !q.Scale.numeric() {
			if own[qi] != nil || dens[qi] != nil {
				at := pos{}
				if own[qi] != nil {
					at = own[qi].pos
				} else {
					at = dens[qi].pos
				}
				b.errf(at, paths[qi], "question %q is not answered with a number (scale %q): it cannot be treated or divided", q.ID, q.Scale.ID)
			}
			continue
		}
		if s.Treatment == nil && own[qi] == nil && dens[qi] == nil {
			continue
		}
		q.Treatment = b.treatment(s.Treatment, own[qi], dens[qi], q, paths[qi])
	}
}

// treatment builds the Treatment of question q from the model-wide spec
// and the question's own (either may be nil).
func (b *builder) treatment(model, own *treatmentSpec, den *denominatorSpec, q *Question, path string) *Treatment {
	t := &Treatment{ImputeBy: b.m.ImputeBy}
	var outliersAt *outlierSpec // the spec that decided the outlier treatment
	var outliersPath string
	for _, s := range []*treatmentSpec{model, own} {
		if s == nil {
			continue
		}
		p := "model.treatment"
		if s == own {
			p = path + ".treatment"
		}
		if s.Impute != "" {
			im, err := ParseImputeMethod(s.Impute)
			if err != nil {
				b.errf(s.pos, p+".impute", "%v", err)
			}
			t.Impute = im
		}
		if s.ImputeBy != "" {
			t.ImputeBy = slices.IndexFunc(b.m.PeerGroups, func(g PeerGroup) bool { return string(g.ID) == s.ImputeBy })
			if t.ImputeBy < 0 {
				b.errf(s.pos, p+".impute_by", "unknown peer group %q", s.ImputeBy)
			}
		}
		if s.Outliers != nil {
			t.Outliers = b.outliers(s.Outliers, p+".outliers")
			outliersAt, outliersPath = s.Outliers, p+".outliers"
		}
	}
	// A log-transformed number is on another scale than the one answered:
	// only a normalisation over the wave (minmax, zscore, rank) can take
	// it. Bins and goalposts are edges on the numbers as answered, and read
	// against ln(x − min + …) they put every unit in the first bins: with
	// outliers: default on the example's model, each municipality got 25
	// points for its number of online services in 2024, 0 and 45 alike.
	// A question asked for information only (context) gives no points.
	if t.Outliers.Log && b.used[q.Index] && !q.Scale.NeedsWave() {
		how := "takes the number itself as points"
		switch {
		case len(q.Scale.Bins) > 0:
			how = "gives points by bins"
		case q.Scale.Normalisation == NormaliseGoalposts:
			how = "gives points by goalposts"
		}
		b.errf(outliersAt.pos, outliersPath, "question %s: its scale %q %s on the number as answered, which a log-transformed number would be read against; log transforms suit a normalisation over the wave (normalise: minmax, zscore or rank) — else set log: false, or outliers: none on the question", q.ID, q.Scale.ID, how)
	}
	if den != nil {
		t.Denominator = b.denominator(den, q, path+".denominator")
	}
	return t
}

func (b *builder) outliers(s *outlierSpec, path string) Outliers {
	switch s.Word {
	case "none":
		return Outliers{}
	case "default", "coinr":
		return DefaultOutliers()
	case "":
	default:
		b.errf(s.pos, path, "unknown outlier treatment %q (want none, default, or a mapping with winsorise, skewness, kurtosis, log)", s.Word)
		return Outliers{}
	}
	o := DefaultOutliers()
	if s.Winsorise != nil {
		o.MaxPoints = *s.Winsorise
		if o.MaxPoints < 0 {
			b.errf(s.pos, path+".winsorise", "the number of points to winsorise must be 0 or more, got %d", o.MaxPoints)
		}
	}
	if s.Skewness != nil {
		o.Skewness = *s.Skewness
		if !(o.Skewness > 0) || math.IsInf(o.Skewness, 0) {
			b.errf(s.pos, path+".skewness", "the skewness threshold must be positive, got %v", o.Skewness)
		}
	}
	if s.Kurtosis != nil {
		o.Kurtosis = *s.Kurtosis
		if math.IsNaN(o.Kurtosis) || math.IsInf(o.Kurtosis, 0) {
			b.errf(s.pos, path+".kurtosis", "the kurtosis threshold must be a number, got %v", o.Kurtosis)
		}
	}
	if s.Log != nil {
		o.Log = *s.Log
	}
	return o
}

func (b *builder) denominator(s *denominatorSpec, q *Question, path string) *Denominator {
	m := b.m
	d := &Denominator{Question: -1, Per: 1, Name: s.By, place: modelPlace{file: b.file, line: s.line, col: s.col, path: path}}
	if s.Per != nil {
		d.Per = *s.Per
		switch {
		case !(d.Per > 0) || math.IsInf(d.Per, 0):
			b.errf(s.pos, path+".per", "per must be a positive number, got %v", d.Per)
		case !InMagnitude(d.Per):
			b.errf(s.pos, path+".per", "per must be between %g and %g, got %v", MinMagnitude, MaxMagnitude, d.Per)
		}
	}
	switch dq := m.Question(QuestionID(s.By)); {
	case s.By == "":
		b.errf(s.pos, path, "a denominator needs a question id or %q", populationDenominator)
	case dq != nil:
		if dq == q {
			b.errf(s.pos, path, "question %q cannot be divided by itself", q.ID)
		}
		if dq.Scale == nil || dq.Scale.Kind != ScaleNumeric {
			b.errf(s.pos, path, "denominator %q is not answered with a number", s.By)
		}
		d.Question = dq.Index
	case s.By == populationDenominator:
	default:
		b.errf(s.pos, path, "unknown denominator %q (want a question id, or %q for the unit's population)", s.By, populationDenominator)
	}
	return d
}

// CheckData checks the settings of the model that can only be checked
// against the data: a denominator question that, in some wave, is empty
// or 0 for every unit that answered the question it divides would make the
// whole indicator missing, so it is an error at the denominator's place in
// the config rather than a finding per unit; waves whose order in time
// would be a guess are a *WaveOrderError, a wave known by its year in
// which a territorial change took effect a *WaveDateError. It returns nil
// when the model has nothing to check.
func (m *Model) CheckData(d *Dataset) error {
	var errs []error
	if err := m.checkWaveOrder(d); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, m.checkWaveDates(d)...)
	for _, q := range m.Questions {
		if q.Treatment == nil || q.Treatment.Denominator == nil {
			continue
		}
		den := q.Treatment.Denominator
		type count struct{ answered, usable int }
		waves := map[WaveID]*count{}
		var order []WaveID
		for i := range d.Responses {
			r := &d.Responses[i]
			c := waves[r.Wave]
			if c == nil {
				c = &count{}
				waves[r.Wave] = c
				order = append(order, r.Wave)
			}
			if a, _ := parse(q, r, q.Index); a.Status != Answered {
				continue
			}
			c.answered++
			if den.usable(m, r) {
				c.usable++
			}
		}
		for _, w := range order {
			if c := waves[w]; c.answered > 0 && c.usable == 0 {
				errs = append(errs, den.place.err("denominator %q of question %s is empty or 0 for every unit in wave %s", den.Name, q.ID, w))
			}
		}
	}
	return errors.Join(errs...)
}

// usable reports whether response r has a denominator other than 0.
func (d *Denominator) usable(m *Model, r *Response) bool {
	if d.Question < 0 {
		return r.Unit.Population > 0
	}
	a, _ := parse(m.Questions[d.Question], r, d.Question)
	return a.Status == Answered && a.Value != 0
}

// scaleWave reads the normalisations over the wave that the treatment
// stage added: z-scores (placed on 0–100 by zscore: [mean, sd], by default
// [50, 10]) and percent ranks.
func (b *builder) scaleWave(sc *Scale, s *scaleSpec, path string) {
	if s.Normalise == "rank" {
		sc.Normalisation = NormaliseRank
		if s.ZScore != nil {
			b.errf(s.pos, path+".zscore", "zscore applies to normalise: zscore only")
		}
		return
	}
	sc.Normalisation, sc.ZMean, sc.ZSD = NormaliseZScore, 50, 10
	if s.ZScore == nil {
		return
	}
	if len(s.ZScore) != 2 || !InMagnitude(s.ZScore[0]) || !(s.ZScore[1] > 0) || !InMagnitude(s.ZScore[1]) {
		b.errf(s.pos, path+".zscore", "zscore must be [mean, sd] with a positive sd, on the 0–100 scale")
		return
	}
	sc.ZMean, sc.ZSD = s.ZScore[0], s.ZScore[1]
}
