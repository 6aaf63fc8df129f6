package survey

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// fillModel has a map, a numeric scale under decimal: auto (whose
// answers the decimal check sees) and a multi-select.
const fillModel = `
model:
  name: Füller
  missing:
    codes: {"weiß nicht": unknown}
  levels:
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 50}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    menge: {type: numeric, min: 0, max: 100000, goalposts: [0, 5000]}
    arten: {type: multi, separator: ";", items: [Post, Fax, Web, App]}
  questions:
`

// TestFillerPanicsOnTheReader: a filling that panics (a defect: here the
// answers of another book) is raised again on the reader's goroutine,
// where a caller can recover it, at the next wait and again at close,
// which still ends the filler's goroutine; the jobs after it are passed
// by, not filled.
func TestFillerPanicsOnTheReader(t *testing.T) {
	book, other := scoring.NewAnswerBook(2), scoring.NewAnswerBook(2)
	f := newAnswerFiller(book, nil)
	f.add(book.New(2), []string{"ja", "1"})
	f.add(other.New(2), []string{"nein", "2"})
	after := book.New(2)
	f.add(after, []string{"vielleicht", "3"})
	for _, step := range []struct {
		name string
		do   func()
	}{{"drain", f.drain}, {"close", f.close}} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), "another book") {
					t.Errorf("%s: recovered %v, want the filling's panic", step.name, p)
				}
			}()
			step.do()
		}()
	}
	select {
	case <-f.done:
	default:
		t.Errorf("the filler's goroutine did not end at close")
	}
	if got := after.Strings(); got[0] != "" {
		t.Errorf("a job after the failed one was filled: %q", got)
	}
}

// TestCloseFillRaisesOnce: the reader's closeFill raises a failed
// filling's panic, and the closeFill deferred in readTable, which runs
// while that panic unwinds, does nothing more — before, it closed the
// filler a second time and a "close of closed channel" took the place of
// the panic that said what went wrong.
func TestCloseFillRaisesOnce(t *testing.T) {
	book, other := scoring.NewAnswerBook(1), scoring.NewAnswerBook(1)
	r := &reader{fill: newAnswerFiller(book, nil)}
	r.fill.add(other.New(1), []string{"ja"})
	var got any
	func() {
		defer func() { got = recover() }()
		defer r.closeFill() // as readTable defers it
		r.closeFill()       // as readTable calls it after the last record
	}()
	if !strings.Contains(fmt.Sprint(got), "another book") {
		t.Errorf("recovered %v, want the filling's panic", got)
	}
}
