package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// fieldConfirm, posted with a submission, says the municipality has seen
// what it leaves open (confirmSubmit) and submits anyway.
const fieldConfirm = "confirm"

// confirmData fills confirm.html: before a sheet with questions open, or
// with an area that would not be scored, is submitted, what is open in
// each dimension and what that means for the scores.
type confirmData struct {
	page
	Wave      fieldwork.Wave
	Version   int
	Open      int // questions not answered
	Questions int
	Parts     []confirmPart
	// Overall says what the answers mean for the overall score and
	// level ("" when it is scored on every question).
	Overall string
	// Rejected says why the sheet would not be scored at all ("" when it
	// would be).
	Rejected string
}

// confirmPart is one dimension of the questionnaire in confirm.html.
type confirmPart struct {
	Title         string
	Answered      int
	Questions     int
	Consequence   string         // what its answers mean for its score
	NotScored     bool           // it would not be scored for want of answers
	OpenQuestions []formQuestion // the questions not answered
}

// confirmSubmit shows, before a submission, the sheet's open questions
// per dimension and, scored as the submission would be, which dimensions
// and whether the overall score would go unscored for want of answers.
// A municipality that submitted 1 of 40 questions was told nothing, and
// its profile then had no level, or one resting on a single answer. It
// reports whether it showed the page; it shows none when every question
// is answered and every area would be scored, and leaves it to Submit to
// refuse a sheet of another version or a wave not open.
func (s *Server) confirmSubmit(w http.ResponseWriter, r *http.Request, id scoring.WaveID, version int) (bool, error) {
	ctx := r.Context()
	wave, ok, err := s.openWaveNamed(ctx, id)
	if err != nil || !ok {
		return false, err
	}
	unit := sessionOf(r).Unit
	sheet, err := s.o.Store.Sheet(ctx, id, unit)
	if errors.Is(err, fieldwork.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if sheet.Version != version || sheet.Version == 0 {
		return false, nil
	}
	form, err := s.formOf(id)
	if err != nil {
		return false, err
	}
	d := confirmData{page: s.pageFor(r, s.t.ConfirmTitle), Wave: wave, Version: version}
	u, rejected, err := s.scoreAlone(ctx, wave, sheet)
	if err != nil {
		return false, err
	}
	d.Rejected = rejected
	m := s.o.Model
	for _, sec := range form.sections {
		p := confirmPart{Title: sec.Title, Questions: len(sec.Questions)}
		for _, qi := range sec.Questions {
			fq := s.questionForm(form.model, qi, sheet.Answers[form.model.Questions[qi].ID])
			if fq.Answered {
				p.Answered++
			} else {
				p.OpenQuestions = append(p.OpenQuestions, fq)
			}
		}
		if ni := nodeIndex(m, sec.Node); u != nil && ni >= 0 {
			p.Consequence, p.NotScored = s.consequence(m, ni, u.Nodes.At(ni))
		}
		d.Open += len(p.OpenQuestions)
		d.Questions += p.Questions
		d.Parts = append(d.Parts, p)
	}
	short := false
	for _, p := range d.Parts {
		short = short || p.NotScored
	}
	if u != nil {
		d.Overall, ok = s.overallConsequence(m, u.Nodes.At(0))
		short = short || ok
	}
	if d.Open == 0 && !short && d.Rejected == "" {
		return false, nil
	}
	s.render(w, r, http.StatusOK, "confirm.html", d)
	return true, nil
}

// openWaveNamed returns wave id when it is open.
func (s *Server) openWaveNamed(ctx context.Context, id scoring.WaveID) (fieldwork.Wave, bool, error) {
	waves, err := s.o.Store.Waves(ctx)
	if err != nil {
		return fieldwork.Wave{}, false, err
	}
	for _, w := range waves {
		if w.ID == id {
			return w, w.State == fieldwork.WaveOpen, nil
		}
	}
	return fieldwork.Wave{}, false, nil
}

// scoreAlone scores the sheet as its submission would be read (Import),
// alone: whether an area is short of answers (scoring.Model.ShortOfAnswers)
// depends on the unit's own answers only. It returns the unit's result,
// or why the importer would reject the sheet.
func (s *Server) scoreAlone(ctx context.Context, wave fieldwork.Wave, sheet fieldwork.Sheet) (*scoring.UnitResult, string, error) {
	sheet.SubmittedVersion, sheet.Submitted = sheet.Version, s.o.Now()
	ds, err := s.o.Import(ctx, wave, []fieldwork.Sheet{sheet})
	if err != nil {
		return nil, "", err
	}
	res := scoring.Score(s.o.Model, ds)
	for i := range res.Units {
		if u := &res.Units[i]; u.Unit.ID == sheet.Unit && u.Wave == wave.ID {
			return u, "", nil
		}
	}
	if why := rejectOf(res, sheet.Unit, s.o.Language); why != "" {
		return nil, why, nil
	}
	return nil, "", fmt.Errorf("wave %s: unit %s: the sheet was neither scored nor rejected", wave.ID, sheet.Unit)
}

// nodeIndex is the index of node id in m, or -1.
func nodeIndex(m *scoring.Model, id scoring.NodeID) int {
	if id == "" {
		return -1
	}
	for i, n := range m.Nodes {
		if n.ID == id {
			return i
		}
	}
	return -1
}

// consequence says what a dimension's answers mean for its score, and
// whether it would not be scored for want of answers.
func (s *Server) consequence(m *scoring.Model, ni int, ns scoring.NodeScore) (string, bool) {
	n := m.Nodes[ni]
	switch {
	case m.ShortOfAnswers(ni, ns):
		return fmt.Sprintf(s.t.NotScoredF, s.pctAt(ns.Coverage, n.MinCoverage), s.pct(n.MinCoverage)), true
	case ns.Scored() && ns.Coverage < 1:
		return fmt.Sprintf(s.t.ScoredOnF, s.partPct(ns.Coverage)), false
	case ns.Scored():
		return s.t.ScoredOnAll, false
	}
	return s.t.NotScoredOther, false
}

// overallConsequence says what the answers mean for the overall score and
// level, and whether it would not be scored for want of answers.
func (s *Server) overallConsequence(m *scoring.Model, ns scoring.NodeScore) (string, bool) {
	switch {
	case m.ShortOfAnswers(0, ns):
		return fmt.Sprintf(s.t.OverallNotScoredF, s.pctAt(ns.Coverage, m.Nodes[0].MinCoverage), s.pct(m.Nodes[0].MinCoverage)), true
	case ns.Scored() && ns.Coverage < 1:
		return fmt.Sprintf(s.t.OverallPartF, s.partPct(ns.Coverage)), false
	}
	return "", false
}

// pct writes a share (0–1) in whole percent in the page's language.
func (s *Server) pct(x float64) string { return s.decimal(scoring.Fixed(100*x, 0)) + " %" }

// pctAt writes a share beside the minimum that decides about it: never
// "60 %" for 59.7 % below a minimum of 60 % (scoring.NewRoundingAt).
func (s *Server) pctAt(x, min float64) string {
	return s.decimal(scoring.NewRoundingAt(0, 100*min).Text(100*x)) + " %"
}

// partPct writes the share of a part answered, which is neither none nor
// all, in whole percent or with the decimals that keep it off 0 % and
// 100 %: with 1 of 200 questions open the page said "Ihr Gesamtwert
// beruht auf 100 % der Fragen" under "1 von 200 Fragen sind noch nicht
// beantwortet".
func (s *Server) partPct(x float64) string {
	v, d := 100*x, 0
	for ; d < scoring.TextDecimals; d++ {
		if r, _ := strconv.ParseFloat(scoring.Fixed(v, d), 64); r > 0 && r < 100 {
			break
		}
	}
	return s.decimal(scoring.Fixed(v, d)) + " %"
}

// decimal writes a number's decimal point as the page's language does.
func (s *Server) decimal(v string) string {
	if s.t.Lang == "de" {
		return strings.Replace(v, ".", ",", 1)
	}
	return v
}
