package fieldwork

import (
	"cmp"
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

// Count returns how many of the model's questions the answers give.
func Count(m *scoring.Model, answers map[scoring.QuestionID]string) int {
	n := 0
	for _, q := range m.Questions {
		if Answered(q, answers[q.ID]) {
			n++
		}
	}
	return n
}
