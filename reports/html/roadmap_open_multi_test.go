package html

import (
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestRoadmapOpenMultiSelect: a roadmap step that clarifies an open
// multi-select whose empty cell means nothing ticked (O03, empty: none)
// as nothing ticked, its worst case, says that the way assumes it: "klären
// – der Weg nimmt die ungünstigste Antwort an: „keine davon“" (road16; it
// read "klären → keine davon", as if nothing ticked were the answer to
// reach). It read "klären (bisher: -9) → " — the code for "not answered"
// that serve's export writes for an open multi-select, which the
// municipality never gave, and nothing after the arrow. An answer the
// unit gave ("weiß nicht") is still named.
func TestRoadmapOpenMultiSelect(t *testing.T) {
	m, ds := fixture.Saxony(t)
	tests := []struct {
		o03  string // Dresden's answer to O03; every other question "-9" but S01
		lang scoring.Language
		want string
	}{
		{"-9", scoring.German, "klären – der Weg nimmt die ungünstigste Antwort an: „keine davon“"},
		{"-9", scoring.English, "clarify – the way assumes the least favourable answer: “none of these”"},
		{"weiß nicht", scoring.German, "klären (bisher: weiß nicht) – der Weg nimmt die ungünstigste Antwort an: „keine davon“"},
		{"k.A.", scoring.German, "klären – der Weg nimmt die ungünstigste Antwort an: „keine davon“"},
	}
	for _, tt := range tests {
		t.Run(tt.o03+"/"+tt.lang.String(), func(t *testing.T) {
			d := &scoring.Dataset{}
			for _, r := range ds.Responses {
				if r.Wave != "2026" {
					continue
				}
				if r.Unit.ID == "14612000" {
					answers := r.Answers.Strings()
					for i, q := range m.Questions {
						switch q.ID {
						case "S01":
						case "O03":
							answers[i] = tt.o03
						default:
							answers[i] = "-9"
						}
					}
					r.Answers = scoring.AnswersOf(answers...)
				}
				d.Responses = append(d.Responses, r)
			}
			res := scoring.Score(m, d)
			dis := scoring.NewDisclosure(res, 5)
			set, err := roadmap.Build(res, roadmap.Options{Disclosure: dis})
			if err != nil {
				t.Fatal(err)
			}
			u := fixture.UnitResult(t, res, "2026", "14612000")
			v := newRenderer(res, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis}).roadmap(u)
			var got []string
			for _, ph := range v.Phases {
				for _, st := range ph.Steps {
					if st.Question == m.Question("O03").Text {
						got = append(got, st.Change)
					}
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("O03's steps read %q, want [%q]", got, tt.want)
			}
		})
	}
}
