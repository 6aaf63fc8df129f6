package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// section is a part of the questionnaire: the questions of one top-level
// dimension, each asked once, where the model first uses it; questions no
// indicator uses come last. It matches the questionnaire workbook of
// 'reifegrad template'.
type section struct {
	Title     string
	Node      scoring.NodeID // the dimension; "" for the questions no indicator uses
	Questions []int          // into the wave's questionnaire's Questions
}

func sections(m *scoring.Model, other string) []section {
	var out []section
	seen := make([]bool, len(m.Questions))
	for _, n := range m.Nodes {
		if n.Depth == 1 {
			out = append(out, section{Title: n.Name, Node: n.ID})
		}
		if n.Kind != scoring.KindIndicator || len(out) == 0 {
			continue
		}
		for _, qi := range n.Questions {
			if !seen[qi] && m.Questions[qi].HasColumn() { // as the wave asked it
				seen[qi] = true
				out[len(out)-1].Questions = append(out[len(out)-1].Questions, qi)
			}
		}
	}
	var rest []int
	for qi, s := range seen {
		if !s && m.Questions[qi].HasColumn() {
			rest = append(rest, qi)
		}
	}
	if len(rest) > 0 {
		out = append(out, section{Title: other, Questions: rest})
	}
	return slices.DeleteFunc(out, func(s section) bool { return len(s.Questions) == 0 })
}

// Form fields: the answer of question ID is posted as "a:ID" (radio,
// text or checkboxes), the missing code chosen beside a number or a
// multi-select as "m:ID", and every question a post sets is listed as
// "q". A plain form post lists them all; the script only those changed.
const (
	fieldAnswer  = "a:"
	fieldMissing = "m:"
	fieldListed  = "q"
)

// formSection and formQuestion are a section and a question as the
// template shows them, with the sheet's answer filled in.
type formSection struct {
	Title     string
	Questions []formQuestion
}

type formQuestion struct {
	ID            string
	Num           int
	DOM           string // element id
	Text          string
	Help          string
	Kind          string // map, numeric or multi
	Hint          string
	Options       []formOption // answers of a map scale, items of a multi-select
	Missing       []formOption // "weiß nicht", "nicht zutreffend", as the model has them
	Value         string       // the number typed
	Answered      bool
	NoAnswer      bool // map: nothing chosen
	MissingChosen bool // numeric, multi: a missing code is chosen
	NoneChosen    bool // multi: "none of these"
}

type formOption struct {
	Value, Label string
	Checked      bool
}

// questionForm builds the form of question qi of the questionnaire m with
// the stored answer raw.
func (s *Server) questionForm(m *scoring.Model, qi int, raw string) formQuestion {
	t := s.t
	q := m.Questions[qi]
	sc := q.Scale
	f := formQuestion{ID: string(q.ID), Num: qi + 1, DOM: "q" + strconv.Itoa(qi), Text: cmp.Or(q.Text, string(q.ID)),
		Help: q.Help, Kind: sc.Kind.String(), Answered: fieldwork.Answered(q, raw)}
	chosen := false
	for _, c := range fieldwork.Offered(m, sc) {
		on := raw != "" && sc.Parse(raw).Status == c.Status && strings.EqualFold(strings.TrimSpace(raw), strings.TrimSpace(c.Code))
		chosen = chosen || on
		f.Missing = append(f.Missing, formOption{Value: c.Code, Label: c.Code, Checked: on})
	}
	f.MissingChosen = chosen
	switch sc.Kind {
	case scoring.ScaleMap:
		for _, l := range sc.Labels {
			f.Options = append(f.Options, formOption{Value: l, Label: l, Checked: !chosen && raw != "" && mapMatches(sc, l, raw)})
		}
		f.NoAnswer = !slices.ContainsFunc(f.Options, func(o formOption) bool { return o.Checked }) && !chosen
	case scoring.ScaleNumeric:
		if !chosen {
			f.Value = raw
		}
		f.Hint = t.NumberHint
		if sc.HasMin && sc.HasMax {
			f.Hint = fmt.Sprintf(t.NumberHintF, s.num(sc.Min), s.num(sc.Max))
		}
	case scoring.ScaleMulti:
		f.NoneChosen = !chosen && raw != "" && sc.Parse(raw) == (scoring.Answer{}) && strings.Trim(raw, separator(sc)+" ") == ""
		ticked := map[string]bool{}
		if !chosen && raw != "" {
			for part := range strings.SplitSeq(raw, separator(sc)) {
				ticked[strings.ToLower(strings.TrimSpace(part))] = true
			}
		}
		for _, it := range sc.Items {
			label := cmp.Or(it.Label, it.Code)
			f.Options = append(f.Options, formOption{Value: it.Code, Label: label,
				Checked: ticked[strings.ToLower(it.Code)] || ticked[strings.ToLower(label)]})
		}
		f.Hint = t.MultiHint
	}
	return f
}

// mapMatches reports whether the stored answer raw is the declared
// answer label: as sent by this form, or in another spelling the scale
// reads the same (case, spaces).
func mapMatches(sc *scoring.Scale, label, raw string) bool {
	if raw == label {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(raw), strings.TrimSpace(label)) && sc.Parse(raw) == sc.Parse(label)
}

func separator(sc *scoring.Scale) string { return fieldwork.NoneTicked(sc) }

// num writes a number of the model in the page's language.
func (s *Server) num(x float64) string {
	v := strconv.FormatFloat(x, 'f', -1, 64)
	if s.t.Lang == "de" {
		v = strings.Replace(v, ".", ",", 1)
	}
	return v
}

// questionnaireData fills questionnaire.html.
type questionnaireData struct {
	page
	Wave      fieldwork.Wave
	Unit      scoring.Unit
	Sheet     fieldwork.Sheet
	Open      bool // the wave takes answers
	Sections  []formSection
	Answered  int
	Questions int
	Submitted string // time of the last submission, formatted
	// Unsent says, in a closed wave, that answers saved were never
	// submitted and do not count ("" when there are none).
	Unsent  string
	Message string // an error to show above the form
	Saved   bool   // a plain form post was saved
}

// openWave returns the open wave, or the latest one with a false flag
// when none is open, or ErrNotFound when there is no wave at all.
func (s *Server) currentWave(r *http.Request) (fieldwork.Wave, bool, error) {
	waves, err := s.o.Store.Waves(r.Context())
	if err != nil {
		return fieldwork.Wave{}, false, err
	}
	for _, w := range waves {
		if w.State == fieldwork.WaveOpen {
			return w, true, nil
		}
	}
	for i := len(waves) - 1; i >= 0; i-- {
		if waves[i].State == fieldwork.WaveClosed {
			return waves[i], false, nil
		}
	}
	return fieldwork.Wave{}, false, fieldwork.ErrNotFound
}

// questionnaire shows the unit's sheet of the open wave (read-only when
// the latest wave is closed).
func (s *Server) questionnaire(w http.ResponseWriter, r *http.Request) {
	s.showQuestionnaire(w, r, http.StatusOK, "", r.URL.Query().Has("saved"))
}

func (s *Server) showQuestionnaire(w http.ResponseWriter, r *http.Request, status int, msg string, saved bool) {
	sess := sessionOf(r)
	d := questionnaireData{page: s.pageFor(r, s.t.QuestionnaireTitle), Message: msg, Saved: saved}
	unit, err := s.o.Store.Unit(r.Context(), sess.Unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Unit = unit
	d.Title = s.t.QuestionnaireTitle + ": " + unit.Name
	wave, open, err := s.currentWave(r)
	if errors.Is(err, fieldwork.ErrNotFound) {
		d.Message = s.t.NoWaveOpen
		s.render(w, r, status, "questionnaire.html", d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Wave, d.Open = wave, open
	sheet, err := s.o.Store.Sheet(r.Context(), wave.ID, sess.Unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case open || !sheet.HasDraft():
	case sheet.IsSubmitted():
		// The wave is closed: what was saved after the last submission
		// will never count. The page showed those answers as the sheet's,
		// beside "changes not yet submitted", while the profile and the
		// export hold the submitted ones: it now shows what counts, and
		// says so.
		if sheet, err = s.submittedSheet(r, sheet); err != nil {
			s.fail(w, r, err)
			return
		}
		d.Unsent = s.t.UnsentClosed
	default:
		// Saved, never submitted: the answers stay in view (they are the
		// municipality's work), but count for nothing.
		d.Unsent = s.t.NeverSubmittedClosed
	}
	d.Sheet = sheet
	if sheet.IsSubmitted() {
		d.Submitted = s.t.When(sheet.Submitted)
	}
	form, err := s.formOf(wave.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, sec := range form.sections {
		fs := formSection{Title: sec.Title}
		for _, qi := range sec.Questions {
			fq := s.questionForm(form.model, qi, sheet.Answers[form.model.Questions[qi].ID])
			fs.Questions = append(fs.Questions, fq)
			d.Questions++
			if fq.Answered {
				d.Answered++
			}
		}
		d.Sections = append(d.Sections, fs)
	}
	s.render(w, r, status, "questionnaire.html", d)
}

// submittedSheet returns a submitted sheet as it was submitted: the
// answers of its submitted version.
func (s *Server) submittedSheet(r *http.Request, sheet fieldwork.Sheet) (fieldwork.Sheet, error) {
	sheet.Version, sheet.Answers = sheet.SubmittedVersion, nil
	subs, err := s.o.Store.Submissions(r.Context(), sheet.Wave)
	if err != nil {
		return sheet, err
	}
	for _, sub := range subs {
		if sub.Unit == sheet.Unit {
			sheet.Answers = sub.Answers
			return sheet, nil
		}
	}
	return sheet, fmt.Errorf("wave %s: unit %s: the submitted sheet: %w", sheet.Wave, sheet.Unit, fieldwork.ErrNotFound)
}

// invalidQuestion is ErrInvalidAnswer for one question of a post, so
// that the script can mark it.
type invalidQuestion struct {
	id  scoring.QuestionID
	err error
}

func (e invalidQuestion) Error() string { return e.err.Error() }
func (e invalidQuestion) Unwrap() error { return e.err }

// changes reads the answers a post sets: one per question listed in "q",
// each a question the questionnaire m asks. stored returns the answers
// saved so far (read only when a post sets an answer and a missing code
// for one question: see rawAnswer).
func (s *Server) changes(r *http.Request, m *scoring.Model, stored func() (map[scoring.QuestionID]string, error)) ([]fieldwork.Change, error) {
	listed := r.PostForm[fieldListed]
	out := make([]fieldwork.Change, 0, len(listed))
	seen := map[string]bool{}
	var saved map[scoring.QuestionID]string
	for _, id := range listed {
		if seen[id] {
			continue
		}
		seen[id] = true
		q := m.Question(scoring.QuestionID(id))
		if q == nil || !q.HasColumn() {
			return nil, invalidQuestion{scoring.QuestionID(id), fmt.Errorf("question %q: %w", id, fieldwork.ErrInvalidAnswer)}
		}
		raw, err := rawAnswer(q, r.PostForm[fieldAnswer+id], r.PostFormValue(fieldMissing+id), func() (string, error) {
			if saved == nil {
				var err error
				if saved, err = stored(); err != nil {
					return "", err
				}
			}
			return saved[q.ID], nil
		})
		if err == nil {
			raw, err = fieldwork.Clean(q, raw)
		}
		if err != nil {
			return nil, invalidQuestion{q.ID, err}
		}
		out = append(out, fieldwork.Change{Question: q.ID, Value: raw})
	}
	return out, nil
}

// noneOfThese is the value of the choice "none of these" beside a
// multi-select; it becomes fieldwork.NoneTicked.
const noneOfThese = "none"

// rawAnswer makes the cell of a question from its form fields. Beside a
// number or a multi-select, a missing code may be chosen ("weiß nicht"),
// for a multi-select also "none of these", an answer of no item ticked;
// ticked items are joined in the scale's order with its separator; with
// nothing ticked or typed the question is left open.
//
// The page's script clears the number or the ticks when a code is chosen
// and the code when a number is typed or an item ticked, so it sends one
// of them. A plain form post (no script) sends both when the user typed
// 40 beside "weiß nicht" still chosen, or chose "weiß nicht" beside a
// number still typed: the one that differs from the stored answer
// (stored) is the user's change and wins — the code used to win always,
// and 40 typed over a stored "weiß nicht" was dropped while the page said
// saved. Both new is refused: which one is meant cannot be told.
func rawAnswer(q *scoring.Question, answer []string, missing string, stored func() (string, error)) (string, error) {
	sc := q.Scale
	if len(answer) > 1 && sc.Kind != scoring.ScaleMulti {
		return "", fmt.Errorf("question %s: several answers: %w", q.ID, fieldwork.ErrInvalidAnswer)
	}
	if sc.Kind == scoring.ScaleMap {
		if len(answer) == 0 {
			return "", nil
		}
		return answer[0], nil
	}
	var given string // the number typed, or the items ticked
	if sc.Kind == scoring.ScaleNumeric {
		if len(answer) > 0 {
			given = strings.TrimSpace(answer[0])
		}
	} else {
		var err error
		if given, err = tickedItems(q, answer); err != nil {
			return "", err
		}
	}
	code := missing // the cell of the code chosen
	if missing == noneOfThese && sc.Kind == scoring.ScaleMulti {
		code = fieldwork.NoneTicked(sc)
	}
	if missing == "" || given == "" {
		return cmp.Or(code, given), nil
	}
	was, err := stored()
	switch {
	case err != nil:
		return "", err
	case was == code:
		return given, nil
	case was == given:
		return code, nil
	}
	return "", fmt.Errorf("question %s: both %q and %q: %w", q.ID, given, missing, fieldwork.ErrInvalidAnswer)
}

// tickedItems joins the items ticked in the scale's order with its
// separator; an item the scale does not have is refused.
func tickedItems(q *scoring.Question, answer []string) (string, error) {
	sc := q.Scale
	ticked := map[string]bool{}
	for _, a := range answer {
		if a == "" {
			continue
		}
		if !slices.ContainsFunc(sc.Items, func(it scoring.Item) bool { return it.Code == a }) {
			return "", fmt.Errorf("question %s: no item %q: %w", q.ID, a, fieldwork.ErrInvalidAnswer)
		}
		ticked[a] = true
	}
	var parts []string
	for _, it := range sc.Items {
		if ticked[it.Code] {
			parts = append(parts, it.Code)
		}
	}
	return strings.Join(parts, separator(sc)), nil
}

// postedSheet reads the wave and version a post refers to. Whether the
// wave is open is the store's to check, in the transaction that saves.
func (s *Server) postedSheet(r *http.Request) (scoring.WaveID, int, error) {
	wave := scoring.WaveID(r.PostFormValue("wave"))
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version < 0 || !fieldwork.ValidWaveID(wave) {
		return "", 0, fmt.Errorf("wave %q, version %q: %w", wave, r.PostFormValue("version"), fieldwork.ErrInvalidAnswer)
	}
	return wave, version, nil
}

// save stores the answers of a post in one transaction: the script's
// after each change (answered with JSON), or the whole form without
// script (answered with the page).
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	wave, base, err := s.postedSheet(r)
	if err != nil {
		s.saveFailed(w, r, err)
		return
	}
	form, err := s.formOf(wave)
	if err != nil {
		s.saveFailed(w, r, fmt.Errorf("wave %s: %w: %v", wave, fieldwork.ErrInvalidAnswer, err))
		return
	}
	sess := sessionOf(r)
	changes, err := s.changes(r, form.model, func() (map[scoring.QuestionID]string, error) {
		sheet, err := s.o.Store.Sheet(r.Context(), wave, sess.Unit)
		return sheet.Answers, err
	})
	if err != nil {
		s.saveFailed(w, r, err)
		return
	}
	version, err := s.o.Store.Save(r.Context(), wave, sess.Unit, base, changes, s.actor(r))
	if err != nil {
		s.saveFailed(w, r, err)
		return
	}
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"version": version})
		return
	}
	http.Redirect(w, r, "/questionnaire?saved", http.StatusSeeOther)
}

// saveFailed answers a failed save: the script gets JSON, a plain form
// the page again with the message (its answers were not saved).
func (s *Server) saveFailed(w http.ResponseWriter, r *http.Request, err error) {
	var conflict *fieldwork.ConflictError
	switch {
	case wantsJSON(r):
		s.fail(w, r, err)
	case errors.As(err, &conflict):
		s.showQuestionnaire(w, r, http.StatusConflict, s.t.ConflictMessage, false)
	case errors.Is(err, fieldwork.ErrInvalidAnswer):
		s.showQuestionnaire(w, r, http.StatusUnprocessableEntity, s.t.InvalidMessage, false)
	case errors.Is(err, fieldwork.ErrWaveNotOpen):
		s.showQuestionnaire(w, r, http.StatusConflict, s.t.WaveNotOpen, false)
	default:
		s.fail(w, r, err)
	}
}

// submit submits the sheet at the version the page shows, then shows the
// profile. A sheet with questions open, or with an area that would not be
// scored, is first shown what that means (confirmSubmit) and submitted
// only when the post confirms it.
func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	wave, version, err := s.postedSheet(r)
	if err == nil && r.PostFormValue(fieldConfirm) == "" {
		var asked bool
		if asked, err = s.confirmSubmit(w, r, wave, version); err == nil && asked {
			return
		}
	}
	if err == nil {
		err = s.o.Store.Submit(r.Context(), wave, sessionOf(r).Unit, version, s.o.Model.Fingerprint, s.actor(r))
	}
	if errors.Is(err, fieldwork.ErrNotFound) {
		// Nothing saved yet: the store has no sheet to submit.
		s.showQuestionnaire(w, r, http.StatusUnprocessableEntity, s.t.NothingToSubmit, false)
		return
	}
	if err != nil {
		s.saveFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/profile", http.StatusSeeOther)
}
