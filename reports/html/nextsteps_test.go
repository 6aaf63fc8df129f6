package html

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestNextStepsWithoutLevel (staged17): under staged levels a unit that
// meets no level's criteria showed no row of "Nächste Schritte" for a
// scored dimension (there is no advice for "level 0"), while the steps of
// its roadmap on the same page gave that dimension's advice for the first
// level ("Eine Strategie schreiben."); on paper, which prints a
// dimension's advice under "Nächste Schritte" only, it was gone. Now the
// section gives the first level's advice too, and its note says why.
//
// testdata/staged.yaml by hand (strategie = (2·Q1 + Q2)/3, dienste =
// (Q3 + Q4)/2; level 1 needs strategie ≥ 25): B (nein, teilweise, 5, ja)
// has strategie 16,7 and dienste 75, G (nein, nein, 0, nein) 0 and 0, M
// (nein, teilweise, 2, teilweise) 16,7 and 50: no level, both dimensions
// scored. E (ja, ja, 3, nein) stands at level 1 (dienste 25 < 50 blocks
// level 2), J (nein, ja, 50, nein: strategie 33,3) too: the guards.
func TestNextStepsWithoutLevel(t *testing.T) {
	m := fixture.MustModel(t, "testdata/staged.yaml")
	r := fixture.Fixture(t, m)
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	first := []string{
		"Strategie: Stufe „Anfang“: Eine Strategie schreiben.",
		fixture.PayloadDimLabel + ": Stufe „Anfang“: Erste Leistungen online anbieten.",
	}
	const (
		noLevelDE = "Empfehlungen aus dem Reifegradmodell für den Anfang: Sie haben noch keine Stufe erreicht, daher die Empfehlungen der ersten Stufe, „Anfang“."
		noLevelEN = "Advice from the maturity model for a start: you have not reached a level yet, so this is the advice of the first level, “Anfang”."
		stagedDE  = "Empfehlungen aus dem Reifegradmodell, passend zu Ihrem Reifegrad."
	)
	tests := []struct {
		id     scoring.UnitID
		level  int
		rows   []string
		noteDE string
		noteEN string
	}{
		{"14001002", 0, first, noLevelDE, noLevelEN},                                                      // B
		{"14002001", 0, first, noLevelDE, noLevelEN},                                                      // G
		{"14003002", 0, first, noLevelDE, noLevelEN},                                                      // M
		{"14001005", 1, first, stagedDE, "Advice from the maturity model, matching your maturity level."}, // E
		{"14002004", 1, first, stagedDE, "Advice from the maturity model, matching your maturity level."}, // J
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			u := fixture.UnitResult(t, r, "2026", tt.id)
			if u.Level != tt.level {
				t.Fatalf("level %d, want %d", u.Level, tt.level)
			}
			rd := newRenderer(r, Options{Roadmaps: set, Disclosure: dis})
			var rows, texts []string
			for _, s := range rd.nextSteps(u) {
				rows = append(rows, s.Dimension+": "+s.Level+": "+s.Text)
				texts = append(texts, s.Text)
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("Nächste Schritte\n got %q\nwant %q", rows, tt.rows)
			}
			// Every step's advice from its dimension is the advice
			// "Nächste Schritte" shows for that dimension.
			p := set.Unit(tt.id)
			advised := 0
			for _, st := range p.Steps {
				if st.Advice == "" || m.Advice(st.Question) != "" {
					continue
				}
				advised++
				if !slices.Contains(texts, st.Advice) {
					t.Errorf("step on %s advises %q, which Nächste Schritte does not show (%q)", st.Question.ID, st.Advice, texts)
				}
			}
			if advised == 0 {
				t.Fatalf("no step of %s gives its dimension's advice: nothing compared", tt.id)
			}
			for lang, note := range map[scoring.Language]string{scoring.German: tt.noteDE, scoring.English: tt.noteEN} {
				page := profileHTML(t, r, u, Options{Language: lang, Roadmaps: set, Disclosure: dis})
				if !strings.Contains(page, `<p class="note">`+escape(note)+`</p>`) {
					t.Errorf("%s: the page lacks the note %q", lang, note)
				}
			}
		})
	}
}
