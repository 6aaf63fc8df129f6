package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/web"
)

// TestServeConfirmSubmit: a municipality that submits a sheet with
// questions open, or with a dimension that would not be scored, is first
// shown what is open per dimension and what it means for its scores, and
// its sheet is submitted only when it confirms; a sheet answered in full
// and scored everywhere is submitted at once. The shares are by hand from
// config.yaml: Strategie weighs S01 2, S02 1.5 and S03–S06 1 each (7.5);
// the dimensions weigh 1, 1.5, 1, 1, 1 and 0.75 (6.25); min_coverage
// 0.6. S02 alone: Strategie 1.5/7.5 = 20 %, overall 0.2/6.25 = 3.2 %.
// Everything answered, S01–S04 "weiß nicht" (not an answer that covers):
// Strategie 2/7.5 = 26.7 %, overall (0.267 + 5.25)/6.25 = 88.3 %.
func TestServeConfirmSubmit(t *testing.T) {
	s, err := loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.Model.Questionnaire("2028")
	all := map[string][]string{}
	for _, q := range m.Questions {
		if !q.HasColumn() {
			continue
		}
		field, value := answerFor(m, q, 0)
		if field == "m:" {
			value = "m:" + value
		}
		all[string(q.ID)] = []string{value}
	}
	unknown := map[string][]string{}
	for q, v := range all {
		unknown[q] = v
	}
	for _, q := range []string{"S01", "S02", "S03", "S04"} {
		unknown[q] = []string{"weiß nicht"}
	}
	tests := []struct {
		name     string
		lang     scoring.Language
		answers  map[string][]string
		confirm  bool     // a confirmation is asked
		want     []string // on the confirmation page
		wantNone []string // not on it
	}{
		{name: "one question of 40", lang: scoring.German, answers: map[string][]string{"S02": {"ja"}}, confirm: true,
			want: []string{"39 von 40 Fragen sind noch nicht beantwortet.",
				"Ohne Gesamtwert und ohne Reifegradstufe: Nur 3 % der Fragen sind beantwortet (nach Gewicht), nötig sind mindestens 60 %.",
				`<th scope="row">Strategie &amp; Steuerung</th><td class="num">1 von 6</td><td>wird nicht bewertet: 20 % beantwortet (nach Gewicht), nötig sind mindestens 60 %</td>`,
				`<th scope="row">Online-Dienste (OZG)</th><td class="num">0 von 9</td><td>wird nicht bewertet: 0 % beantwortet`,
				`<a href="/questionnaire#q0">1. Verfügt Ihre Kommune über eine beschlossene Digitalisierungsstrategie?</a>`,
				`Trotzdem einreichen`},
			wantNone: []string{`#q1"`}},
		{name: "one question of 40, in English", lang: scoring.English, answers: map[string][]string{"S02": {"ja"}}, confirm: true,
			want: []string{"39 of 40 questions are not answered yet.",
				"No overall score and no maturity level: only 3 % of the questions are answered (by weight), at least 60 % needed.",
				`<td class="num">1 of 6</td><td>not scored: 20 % answered (by weight), at least 60 % needed</td>`,
				`Submit anyway`}},
		{name: "everything answered, four times weiß nicht", lang: scoring.German, answers: unknown, confirm: true,
			want: []string{"Alle Fragen sind beantwortet.",
				"Ihr Gesamtwert beruht auf 88 % der Fragen (nach Gewicht).",
				`<td class="num">6 von 6</td><td>wird nicht bewertet: 27 % beantwortet (nach Gewicht), nötig sind mindestens 60 %</td>`,
				`<th scope="row">Online-Dienste (OZG)</th><td class="num">9 von 9</td><td>wird bewertet: alles beantwortet</td>`},
			wantNone: []string{"Noch offen in"}},
		{name: "everything answered", lang: scoring.German, answers: all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := MustServe(t, repoConfig, "", func(o *web.Options) { o.Language = tt.lang })
			c := f.client(t)
			c.signIn(f.codes[unitA])
			if st, body := c.save(0, tt.answers); st != http.StatusOK {
				t.Fatalf("save: %d %s", st, body)
			}
			st, loc, page := c.post("/questionnaire/submit", url.Values{"wave": {"2028"}, "version": {"1"}})
			submitted := func() bool {
				sheet, err := f.db.Sheet(context.Background(), "2028", unitA)
				if err != nil {
					t.Fatal(err)
				}
				return sheet.IsSubmitted()
			}
			if !tt.confirm {
				if st != http.StatusSeeOther || loc != "/profile" || !submitted() {
					t.Fatalf("submit: %d %q, submitted %v; want 303 to /profile, submitted", st, loc, submitted())
				}
				return
			}
			if st != http.StatusOK || submitted() {
				t.Fatalf("submit without confirming: %d %q, submitted %v; want the confirmation (200), not submitted", st, loc, submitted())
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the confirmation lacks %q\n%s", w, page)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(page, w) {
					t.Errorf("the confirmation holds %q", w)
				}
			}
			// Its button posts the confirmation: submitted, then the profile.
			if !strings.Contains(page, `<input type="hidden" name="confirm" value="1">`) {
				t.Fatal("the confirmation has no confirming form")
			}
			st, loc, _ = c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}})
			if st != http.StatusSeeOther || loc != "/profile" || !submitted() {
				t.Errorf("submit confirmed: %d %q, submitted %v; want 303 to /profile, submitted", st, loc, submitted())
			}
		})
	}
}
