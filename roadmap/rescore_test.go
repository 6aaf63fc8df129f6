package roadmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// answerAfter returns the answer a unit gives after taking step st on
// its answer raw, as the step names it: a mapping's answer, a number of
// the bin or the value named, the items ticked.
func answerAfter(t *testing.T, m *scoring.Model, raw string, st Step) string {
	t.Helper()
	sc := st.Question.Scale
	switch {
	case sc.Kind == scoring.ScaleMap:
		return st.To
	case sc.Kind == scoring.ScaleMulti:
		ticked, _ := sc.Ticked(raw)
		if st.Clarify || ticked == nil {
			ticked = make([]bool, len(sc.Items))
		}
		for _, it := range strings.Split(st.To, "; ") {
			if it == "" {
				continue
			}
			i := slices.IndexFunc(sc.Items, func(x scoring.Item) bool { return x.Label == it })
			if i < 0 {
				t.Fatalf("step %s → %q: no item %q", st.Question.ID, st.To, it)
			}
			ticked[i] = true
		}
		var out []string
		for i, on := range ticked {
			if on {
				out = append(out, sc.Items[i].Label)
			}
		}
		return strings.Join(out, ";")
	case len(sc.Bins) > 0:
		for i, b := range sc.Bins {
			if binLabel(sc, i) != st.To {
				continue
			}
			switch {
			case !b.Open:
				return formatNumber(b.Max)
			case i > 0:
				return formatNumber(sc.Bins[i-1].Max + 1)
			}
			return formatNumber(sc.Min)
		}
		t.Fatalf("step %s → %q: no such bin", st.Question.ID, st.To)
	}
	return st.To
}

// TestStepsRescoredFromAnswers: a roadmap's steps, taken as they read —
// the answers they name written into the unit's response — and the
// survey scored again from scratch give the projected overall score and
// level of every step. Unlike the brute force, this does not go through
// the roadmap's own ladders: a step that names an answer other than the
// one it planned with shows here.
func TestStepsRescoredFromAnswers(t *testing.T) {
	seeds := uint64(300)
	if testing.Short() {
		seeds = 40
	}
	checked := 0
	for seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 99))
		src := randomModel(r, 6)
		res := randomResults(t, r, src, 8)
		m := res.Model
		for target := 0; target <= len(m.Levels.List); target++ {
			set, err := BuildWave(res, 0, Options{Target: Target{Level: target}})
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			for i, pl := range set.Plans {
				if pl.Status != Planned {
					continue
				}
				answers := res.Units[i].Response.Answers.Strings()
				for k, st := range pl.Steps {
					q := st.Question.Index
					answers[q] = answerAfter(t, m, answers[q], st)
					ds := &scoring.Dataset{}
					for j := range res.Units {
						resp := *res.Units[j].Response
						if j == i {
							resp.Answers = scoring.AnswersOf(answers...)
						}
						ds.Responses = append(ds.Responses, resp)
					}
					again := scoring.Score(m, ds)
					u := again.Units[i]
					got := fmt.Sprintf("level %d, score %v", u.Level, u.Nodes.At(0).Score)
					want := fmt.Sprintf("level %d, score %v", st.Level, st.After.Score)
					if u.Level != st.Level || u.Nodes.At(0).Scored() != st.After.Scored() ||
						st.After.Scored() && math.Abs(u.Nodes.At(0).Score-st.After.Score) > 1e-9 {
						t.Fatalf("seed %d, target %d: %s step %d (%s %q → %q, clarify %v): the answers %q score %s, the roadmap says %s\n%s",
							seed, target, pl.Unit.Unit.ID, k+1, st.Question.ID, st.From, st.To, st.Clarify, answers, got, want, src)
					}
					checked++
				}
			}
		}
	}
	t.Logf("steps rescored: %d", checked)
	if checked < 500 {
		t.Fatalf("only %d steps rescored", checked)
	}
}
