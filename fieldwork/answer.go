package fieldwork

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// MaxAnswerLength is the longest answer Clean accepts, in bytes: far
// above any answer a form offers, far below the 32,767 characters after
// which the importer rejects a row.
const MaxAnswerLength = 1000

// Clean checks a raw answer to question q as a form sent it and returns
// the cell to store, which the importer reads as the same answer: the raw
// text unchanged, or "" for a blank answer. It refuses, wrapping
// ErrInvalidAnswer, what the question's scale does not read as an answer
// or a declared missing code (a word not in the scale, a number out of
// range, an item not offered), and text that is not UTF-8, holds control
// characters or is longer than MaxAnswerLength. A map scale that gives
// unlisted answers points (scoring.Scale.HasUnlisted) still takes only its
// listed answers here: a form offers nothing else.
func Clean(q *scoring.Question, raw string) (string, error) {
	invalid := func(why string) (string, error) {
		return "", fmt.Errorf("question %s: %s: %w", q.ID, why, ErrInvalidAnswer)
	}
	switch {
	case len(raw) > MaxAnswerLength:
		return invalid(fmt.Sprintf("longer than %d bytes", MaxAnswerLength))
	case !utf8.ValidString(raw):
		return invalid("not UTF-8")
	case strings.ContainsFunc(raw, unicode.IsControl):
		return invalid("control character")
	case strings.TrimSpace(raw) == "":
		return "", nil
	}
	sc := q.Scale
	a := sc.Parse(raw)
	switch {
	case a.Status == scoring.Invalid && sc.OutOfRange(raw):
		return invalid("out of range")
	case a.Status == scoring.Invalid:
		return invalid("not in the scale")
	case a.Status == scoring.Blank:
		return "", nil
	case a.Status == scoring.Answered && sc.Kind == scoring.ScaleMap && sc.HasUnlisted && !slices.Contains(sc.Labels, raw):
		return invalid("not in the scale")
	}
	return raw, nil
}

// Offered returns the missing codes a questionnaire offers for a scale
// besides its answers: those meaning "don't know" (scoring.Unknown) and
// "not applicable" (scoring.NotApplicable), in the model's spelling and
// order, then codes only the scale declares. Codes meaning "not answered"
// are not offered: leaving the question open says that.
func Offered(m *scoring.Model, sc *scoring.Scale) []scoring.MissingCode {
	var out []scoring.MissingCode
	for _, c := range m.MissingCodes {
		if c.Status != scoring.Blank && sc.Parse(c.Code).Status == c.Status {
			out = append(out, c)
		}
	}
	own := slices.Sorted(maps.Keys(sc.Missing))
	slices.SortStableFunc(own, func(a, b string) int { return cmp.Compare(sc.Missing[a], sc.Missing[b]) })
	for _, k := range own {
		st := sc.Missing[k]
		if st == scoring.Blank || slices.ContainsFunc(out, func(c scoring.MissingCode) bool {
			return c.Status == st && strings.EqualFold(strings.TrimSpace(c.Code), k)
		}) {
			continue
		}
		out = append(out, scoring.MissingCode{Code: k, Status: st})
	}
	return out
}

// Answered reports whether a stored answer counts as given for progress:
// anything but blank, including "don't know" and "not applicable".
func Answered(q *scoring.Question, raw string) bool {
	return raw != "" && q.Scale.Parse(raw).Status != scoring.Blank
}

// Asked returns the questions m asks, each with a column in an export:
// for a wave's questionnaire (scoring.Model.Questionnaire) neither the
// questions that wave did not ask nor those derived from others.
func Asked(m *scoring.Model) []*scoring.Question {
	out := make([]*scoring.Question, 0, len(m.Questions))
	for _, q := range m.Questions {
		if q.HasColumn() {
			out = append(out, q)
		}
	}
	return out
}

// Count returns how many of the questions m asks the answers give.
func Count(m *scoring.Model, answers map[scoring.QuestionID]string) int {
	n := 0
	for _, q := range Asked(m) {
		if Answered(q, answers[q.ID]) {
			n++
		}
	}
	return n
}

// NoneTicked is the cell that says "none of these" for a multi-select:
// its separator alone, which every multi-select scale reads as no item
// ticked (0 points for a share, the bin of 0 for a count), whether the
// scale reads an empty cell as nothing ticked or as not answered.
func NoneTicked(sc *scoring.Scale) string {
	if sc.Separator == "" {
		return ";"
	}
	return sc.Separator
}

// NotAnsweredCell returns the cell an export writes for a question the
// unit left open: empty, unless the scale reads an empty cell as an
// answer (a multi-select with empty: none); then the first code the model
// declares for "not answered" (such as "-9"). It reports false when there
// is no such code: the export could not tell "left open" from "nothing
// ticked" (see CheckModel).
func NotAnsweredCell(m *scoring.Model, sc *scoring.Scale) (string, bool) {
	if sc.Parse("").Status == scoring.Blank {
		return "", true
	}
	for _, c := range m.MissingCodes {
		if c.Status == scoring.Blank && sc.Parse(c.Code).Status == scoring.Blank {
			return c.Code, true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(sc.Missing)) {
		if sc.Missing[k] == scoring.Blank && sc.Parse(k).Status == scoring.Blank {
			return k, true
		}
	}
	return "", false
}

// ErrNoBlankCode: a scale reads an empty cell as an answer and declares
// no code for "not answered".
var ErrNoBlankCode = errors.New(`reads an empty cell as "nothing ticked" and has no code for "not answered" (add one such as "-9": blank to model.missing.codes)`)

// CheckModel reports the questions whose answers a survey run online
// could not export faithfully: those whose scale reads an empty cell as
// an answer without a code for "not answered", so that a question left
// open would be scored as nothing ticked.
func CheckModel(m *scoring.Model) error {
	var errs []error
	for _, q := range Asked(m) {
		if _, ok := NotAnsweredCell(m, q.Scale); !ok {
			errs = append(errs, fmt.Errorf("question %s: scale %s %w", q.ID, q.Scale.ID, ErrNoBlankCode))
		}
	}
	return errors.Join(errs...)
}
