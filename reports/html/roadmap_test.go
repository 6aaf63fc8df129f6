package html

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestRoadmapSection renders the section "Ihr Weg zu Stufe N" of every
// profile of the fixture, in both languages, with phases: one golden page,
// and for every unit a section that fits its roadmap's status, escapes the
// model's texts and shows no peer count the rules hide.
func TestRoadmapSection(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Phases: 2, Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		rt := roadmapCatalogs[lang]
		for i := range set.Plans {
			p := &set.Plans[i]
			page := profileHTML(t, r, p.Unit, Options{Language: lang, Roadmaps: set, Disclosure: dis})
			for _, raw := range []string{fixture.PayloadScript, fixture.PayloadImg, fixture.PayloadDimLabel, fixture.PayloadAnswer} {
				if strings.Contains(page, raw) {
					t.Errorf("%s: the page holds %q unescaped", p.Unit.Unit.ID, raw)
				}
			}
			section, ok := between(page, `<section class="roadmap">`, `</section>`)
			if !ok {
				t.Fatalf("%s: no roadmap section", p.Unit.Unit.ID)
			}
			want := map[roadmap.Status]string{roadmap.Planned: `<ol class="roadmap-steps">`, roadmap.AtTop: escape(rt.AtTop)}[p.Status]
			if want != "" && !strings.Contains(section, want) {
				t.Errorf("%s (%v): section lacks %q:\n%s", p.Unit.Unit.ID, p.Status, want, section)
			}
			if lead := map[bool]string{true: rt.LeadOneF, false: rt.LeadF}[len(p.Steps) == 1]; p.Status == roadmap.Planned && !strings.Contains(section, escape(lead[:strings.Index(lead, "%")])) {
				t.Errorf("%s: %d steps, but the lead is not %q:\n%s", p.Unit.Unit.ID, len(p.Steps), lead, section)
			}
			if got := strings.Count(section, "<li "); got != len(p.Steps) {
				t.Errorf("%s: %d steps shown, %d planned", p.Unit.Unit.ID, got, len(p.Steps))
			}
			for _, st := range p.Steps {
				if !st.PeersShown && st.Peers != 0 {
					t.Errorf("%s: a hidden peer count kept its number", p.Unit.Unit.ID)
				}
			}
		}
	}
	// One planned roadmap as a golden page.
	for i := range set.Plans {
		if p := &set.Plans[i]; p.Status == roadmap.Planned && len(p.Steps) > 1 {
			golden(t, "profile_roadmap.html", profileHTML(t, r, p.Unit, Options{Roadmaps: set, Disclosure: dis}))
			return
		}
	}
	t.Fatal("the fixture has no roadmap of two steps or more")
}

// TestRoadmapPeerCounts: with groups of any size shown, each step shows
// its peer count, in words when it is one.
func TestRoadmapPeerCounts(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 1)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	rt := roadmapCatalogs[scoring.German]
	counts := map[bool]int{}
	for i := range set.Plans {
		p := &set.Plans[i]
		if len(p.Steps) == 0 {
			continue
		}
		section, _ := between(profileHTML(t, r, p.Unit, Options{Roadmaps: set, Disclosure: dis}), `<ol class="roadmap-steps">`, `</ol>`)
		for j, st := range p.Steps {
			li, _ := between(section, fmt.Sprintf(`<li value="%d">`, j+1), `</li>`)
			want := fmt.Sprintf(rt.PeersF, strconv.Itoa(st.Peers))
			if st.Peers == 1 {
				want = rt.PeersOne
			}
			if st.PeersShown && !strings.Contains(li, escape(want)) {
				t.Errorf("%s step %d: want %q in %s", p.Unit.Unit.ID, j+1, want, li)
			}
			counts[st.Peers == 1]++
		}
	}
	if counts[true] == 0 || counts[false] == 0 {
		t.Errorf("steps with one peer: %d, with other counts: %d; want both", counts[true], counts[false])
	}
}

func between(s, from, to string) (string, bool) {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(after, to)
	return in, ok
}

// escape writes a text as html/template does in element content.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "“", "“").Replace(s)
}

// TestRoadmapCatalogs checks the section's texts in both languages.
func TestRoadmapCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": roadmapCatalogs[scoring.German], "en": roadmapCatalogs[scoring.English]})
}

// TestGreedyRoadmapClaimsNoLeast (review 9): a roadmap the search could
// not prove least (roadmap.Plan.Exact false: the greedy one, past the
// search's bound, see roadmap.TestTooBigIsGreedy) said on the profile
// "Die Schritte sind so gewählt, dass der Gesamtaufwand am kleinsten ist"
// (one step: "Kein anderer Weg zum Ziel hat einen kleineren Aufwand"),
// while roadmap.csv and .json said exact: false. Each planned roadmap of
// the fixture, marked not exact, says it could not be checked, and claims
// no least; marked exact, it claims it, as before.
func TestGreedyRoadmapClaimsNoLeast(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[bool]int{}
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		rt := roadmapCatalogs[lang]
		for i := range set.Plans {
			p := &set.Plans[i]
			if p.Status != roadmap.Planned || !p.Exact {
				continue
			}
			one := len(p.Steps) == 1
			seen[one]++
			for _, exact := range []bool{true, false} {
				p.Exact = exact
				page := profileHTML(t, r, p.Unit, Options{Language: lang, Roadmaps: set, Disclosure: dis})
				section, _ := between(page, `<section class="roadmap">`, `</section>`)
				claim := map[bool]string{true: rt.LeadOneF, false: rt.LeadF}[one]
				greedy := map[bool]string{true: rt.LeadGreedyOneF, false: rt.LeadGreedyF}[one]
				claim, greedy = claim[strings.LastIndex(claim, "%s.")+3:], greedy[strings.LastIndex(greedy, "%s.")+3:]
				if has := strings.Contains(section, escape(claim)); has != exact {
					t.Errorf("%s (%s, exact %v): the claim %q shown: %v", p.Unit.Unit.ID, lang, exact, claim, has)
				}
				if has := strings.Contains(section, escape(greedy)); has == exact {
					t.Errorf("%s (%s, exact %v): %q shown: %v", p.Unit.Unit.ID, lang, exact, greedy, has)
				}
			}
			p.Exact = true
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("the fixture's planned roadmaps: %d of one step, %d of more", seen[true], seen[false])
	}
}

// TestRoadmapNoteInPageLanguage: a goal in the input that names no level
// is noted on the profile in the page's language, with the model's levels
// it could have named (it was an English sentence from package roadmap on
// German pages too).
func TestRoadmapNoteInPageLanguage(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	p := &set.Plans[0]
	p.Note = roadmap.Note{Reason: roadmap.GoalNamesNoLevel, Goal: "Stufe 9", Column: "zielstufe"}
	var levels []string
	for _, l := range r.Model.Levels.List {
		levels = append(levels, l.Label())
	}
	for _, tt := range []struct {
		lang       scoring.Language
		want, deny string
	}{
		{scoring.German, "Ihre Zielangabe „Stufe 9“ (Spalte zielstufe) nennt keine Stufe des Modells (" + strings.Join(levels, ", ") + ")", "names no level"},
		{scoring.English, "Your goal “Stufe 9” (column zielstufe) names no level of the model (" + strings.Join(levels, ", ") + ")", "nennt keine"},
	} {
		page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
		section, _ := between(page, `<section class="roadmap">`, `</section>`)
		if !strings.Contains(section, escape(tt.want)) {
			t.Errorf("%s: the roadmap section does not say %q:\n%s", tt.lang, tt.want, section)
		}
		if strings.Contains(page, tt.deny) {
			t.Errorf("%s: the page holds %q", tt.lang, tt.deny)
		}
	}
}

// TestRoadmapNumbersInPageLanguage: a value the roadmap worked out for a
// numeric question reads "7,5" on a German page ("7.5" before), "7.5" on
// an English one.
func TestRoadmapNumbersInPageLanguage(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(set.Plans, func(p roadmap.Plan) bool { return len(p.Steps) > 0 && !p.Steps[0].Item })
	if i < 0 {
		t.Fatal("the fixture has no roadmap whose first step raises an answer")
	}
	p := &set.Plans[i]
	q := *p.Steps[0].Question
	q.Scale = &scoring.Scale{Kind: scoring.ScaleNumeric}
	p.Steps[0].Question, p.Steps[0].From, p.Steps[0].To = &q, "3", "7.5"
	for lang, want := range map[scoring.Language]string{scoring.German: "3 → 7,5", scoring.English: "3 → 7.5"} {
		page := profileHTML(t, r, p.Unit, Options{Language: lang, Roadmaps: set, Disclosure: dis})
		section, _ := between(page, `<section class="roadmap">`, `</section>`)
		if !strings.Contains(section, escape(want)) {
			t.Errorf("%s: the roadmap does not show %q:\n%s", lang, want, section)
		}
	}
}

// TestCountTexts: the map's notes take the singular for one municipality
// ("1 Kommunen liegen außerhalb" was written).
func TestCountTexts(t *testing.T) {
	de, en := texts(scoring.German), texts(scoring.English)
	for _, tt := range []struct{ got, want string }{
		{countText(1, de.MapOffOne, de.MapOffF), "Eine Kommune liegt außerhalb der Kartengrundlage (Gebietsstand 2021) und ist nicht eingezeichnet."},
		{countText(2, de.MapOffOne, de.MapOffF), "2 Kommunen liegen außerhalb der Kartengrundlage (Gebietsstand 2021) und sind nicht eingezeichnet."},
		{countText(1, de.MapMissingOne, de.MapMissingF), "Eine Kommune ohne Koordinaten ist nicht eingezeichnet."},
		{countText(1, en.MapMissingOne, en.MapMissingF), "One municipality without coordinates is not drawn."},
		{countText(3, en.MapOffOne, en.MapOffF), "3 municipalities lie outside the boundaries (as of 2021) and are not drawn."},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

// TestRoadmapClarifiedWithoutPoints: beside the percent to target, the
// profile says how many of the way's clarifications earn no points (SAMM's
// figure counts points, so they are not in it: a unit whose only step is
// such a clarification read "100 % erreicht" with nothing more).
func TestRoadmapClarifiedWithoutPoints(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 0, "a planned roadmap with a percent to target", func(p *roadmap.Plan) bool {
		return p.Status == roadmap.Planned && !math.IsNaN(p.PercentToTarget)
	})
	tests := []struct {
		lang scoring.Language
		n    int
		want string // "" : none of either sentence
	}{
		{scoring.German, 0, ""},
		{scoring.German, 1, "Dieser Anteil zählt Punkte: Eine Frage, die der Weg klärt, bringt mit der angenommenen Antwort keine Punkte und zählt darin nicht."},
		{scoring.German, 1200, "Dieser Anteil zählt Punkte: 1.200 Fragen, die der Weg klärt, bringen mit der angenommenen Antwort keine Punkte und zählen darin nicht."},
		{scoring.English, 1, "This share counts points: one question the way clarifies earns no points with the answer assumed and does not count in it."},
		{scoring.English, 3, "This share counts points: 3 questions the way clarifies earn no points with the answer assumed and do not count in it."},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.lang, tt.n), func(t *testing.T) {
			p.ClarifiedWithoutPoints = tt.n
			defer func() { p.ClarifiedWithoutPoints = 0 }()
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			section, _ := between(page, `<section class="roadmap">`, `</section>`)
			if tt.want == "" {
				if strings.Contains(section, "zählt Punkte") || strings.Contains(section, "counts points") {
					t.Errorf("no clarification without points, but the section says one:\n%s", section)
				}
				return
			}
			if !strings.Contains(section, escape(tt.want)) {
				t.Errorf("section lacks %q:\n%s", tt.want, section)
			}
		})
	}
}

// TestRoadmapClarifyExplained: the note under a roadmap with a step on an
// open question says what that step does. It read "Offene Fragen werden
// zuerst geklärt", while Bannewitz's way in the example clarifies E-Akte
// ("weiß nicht" → flächendeckend, effort 4) at step 5 of 6, after four
// steps on answered questions, and raises it three rungs at once beside
// "a step raises one answer by one step of its scale".
func TestRoadmapClarifyExplained(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 0, "a planned roadmap of two steps or more", func(p *roadmap.Plan) bool {
		return p.Status == roadmap.Planned && len(p.Steps) > 1
	})
	last := len(p.Steps) - 1
	was := p.Steps[last].Clarify
	p.Steps[last].Clarify = true // the open question's step comes last
	defer func() { p.Steps[last].Clarify = was }()
	tests := []struct {
		lang     scoring.Language
		want     string
		claimsAt []string // what the note must not say: that open questions come first
	}{
		{scoring.German, "Ein Schritt auf einer offenen Frage („weiß nicht“, unbeantwortet) klärt sie und hebt sie zugleich so weit, wie der Weg es braucht, geplant vom ungünstigsten Fall aus, ihrer niedrigsten Antwort; er steht an der Stelle, an die ihn seine Wirkung je Aufwand setzt.", []string{"werden zuerst geklärt"}},
		{scoring.English, "A step on an open question (“don't know”, unanswered) clarifies it and raises it at once as far as the way needs, planned from the worst case, its lowest answer; it stands where its gain per effort places it.", []string{"are clarified first"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String(), func(t *testing.T) {
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			section, _ := between(page, `<section class="roadmap">`, `</section>`)
			if !strings.Contains(section, escape(tt.want)) {
				t.Errorf("section lacks %q:\n%s", tt.want, section)
			}
			for _, c := range tt.claimsAt {
				if strings.Contains(section, c) {
					t.Errorf("the open question's step is step %d of %d, but the note says %q", last+1, last+1, c)
				}
			}
		})
	}
}

// TestRoadmapPhaseWithoutScore: a phase that ends without an overall
// score (a unit without one answers open questions first) is headed in
// words, as its steps are. It read "Phase 1 – danach voraussichtlich –,
// Stufe –" above steps saying "danach noch ohne Gesamtwert" (Börnichen's
// way in the example with every answer but S01 blanked and phases: 3).
func TestRoadmapPhaseWithoutScore(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 2, "a roadmap of two phases", func(p *roadmap.Plan) bool {
		return p.Status == roadmap.Planned && len(p.Phases) == 2 && p.Phases[1].After.Scored()
	})
	// Its first phase ends as a unit's without an overall score does.
	was, wasLevel := p.Phases[0].After, p.Phases[0].LevelAfter
	p.Phases[0].After, p.Phases[0].LevelAfter = scoring.NodeScore{State: scoring.NotRated}, 0
	defer func() { p.Phases[0].After, p.Phases[0].LevelAfter = was, wasLevel }()
	tests := []struct {
		lang       scoring.Language
		want, last string // the headings of the first and of the second phase
	}{
		{scoring.German, "Phase 1 – danach noch ohne Gesamtwert", "Phase 2 – danach voraussichtlich "},
		{scoring.English, "Phase 1 – then still without an overall score", "Phase 2 – then projected "},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String(), func(t *testing.T) {
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			section, _ := between(page, `<section class="roadmap">`, `</section>`)
			for _, want := range []string{tt.want, tt.last} {
				if !strings.Contains(section, escape(want)) {
					t.Errorf("section lacks %q:\n%s", want, section)
				}
			}
			if strings.Contains(section, "–, ") {
				t.Errorf("a phase heading shows a dash for its score:\n%s", section)
			}
		})
	}
}

// TestRoadmapLeadStaged: under staged levels the criteria decide the
// level, not the overall score, and the lead says so; under threshold
// levels the score's band does. In a staged Saxony model the lead read
// "erreicht Ihr Gesamtwert voraussichtlich 4,9 und damit Stufe 1
// Einsteiger", though another unit of 60 stood below level 1.
func TestRoadmapLeadStaged(t *testing.T) {
	tests := []struct {
		model string
		lang  scoring.Language
		want  string // the reach phrase, before the projected score
		not   string
	}{
		{"", scoring.German, "erreicht Ihr Gesamtwert voraussichtlich ", "erfüllen Sie voraussichtlich"},
		{"", scoring.English, "your overall score is projected to reach ", "meet the criteria"},
		{"testdata/staged.yaml", scoring.German, "erfüllen Sie voraussichtlich die Kriterien der Stufe ", "und damit Stufe"},
		{"testdata/staged.yaml", scoring.English, "you are projected to meet the criteria of level ", "and with it level"},
	}
	for _, tt := range tests {
		t.Run(tt.model+" "+tt.lang.String(), func(t *testing.T) {
			m := fixture.Model(t)
			if tt.model != "" {
				m = fixture.MustModel(t, tt.model)
			}
			r := fixture.Fixture(t, m)
			dis := scoring.NewDisclosure(r, 2)
			set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for i := range set.Plans {
				p := &set.Plans[i]
				if p.Status != roadmap.Planned || !p.After.Scored() {
					continue
				}
				n++
				page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
				section, _ := between(page, `<section class="roadmap">`, `</section>`)
				lv := escape(m.Levels.ByOrdinal(p.LevelAfter).Label())
				if !strings.Contains(section, escape(tt.want)) || !strings.Contains(section, lv) {
					t.Errorf("%s: the lead lacks %q and level %s:\n%s", p.Unit.Unit.ID, tt.want, lv, section)
				}
				if strings.Contains(section, tt.not) {
					t.Errorf("%s: the lead says %q:\n%s", p.Unit.Unit.ID, tt.not, section)
				}
			}
			if n == 0 {
				t.Fatal("no planned roadmap with a projected score")
			}
		})
	}
}

// fixturePlan builds the roadmaps of the fixture (in phases, when phases
// is above 0) and returns the results, their disclosure, the roadmaps and
// the first plan ok accepts; without one the test fails, naming what it
// wanted.
func fixturePlan(t *testing.T, phases int, what string, ok func(*roadmap.Plan) bool) (*scoring.Results, *scoring.Disclosure, *roadmap.Set, *roadmap.Plan) {
	t.Helper()
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Phases: phases, Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	for i := range set.Plans {
		if ok(&set.Plans[i]) {
			return r, dis, set, &set.Plans[i]
		}
	}
	t.Fatalf("the fixture has no %s", what)
	return nil, nil, nil, nil
}

// TestRoadmapPastTarget: a unit whose own goal lies below its level is
// told it passed it. Its section was headed "Ihr Weg zu Stufe 2" above a
// unit standing at level 4, as if the way went down; a unit at its goal
// keeps "Ihr Weg zu Stufe N" and "Sie haben Ihr Ziel erreicht".
func TestRoadmapPastTarget(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 0, "a planned roadmap", func(p *roadmap.Plan) bool { return p.Status == roadmap.Planned })
	m := r.Model
	was := *p
	defer func() { *p = was }()
	p.Status, p.Steps, p.Phases = roadmap.AtTarget, nil, nil
	top := len(m.Levels.List) - 1
	label := func(o int) string { return m.Levels.ByOrdinal(o).Label() }
	tests := []struct {
		lang          scoring.Language
		target, level int
		heading, lead string
	}{
		{scoring.German, 1, top, "Ihr Weg: Ziel Stufe " + label(1) + " überschritten", "Ihr Ziel, Stufe " + label(1) + ", haben Sie überschritten: Sie stehen auf Stufe " + label(top) + "."},
		{scoring.English, 1, top, "Your way: target level " + label(1) + " passed", "You have passed your target, level " + label(1) + ": you stand at level " + label(top) + "."},
		{scoring.German, top, top, "Ihr Weg zu Stufe " + label(top), "Sie haben Ihr Ziel erreicht: Stufe " + label(top) + "."},
		{scoring.English, top, top, "Your way to level " + label(top), "You have reached your target: level " + label(top) + "."},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.lang, tt.target, tt.level), func(t *testing.T) {
			p.Target, p.LevelAfter = tt.target, tt.level
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			section, _ := between(page, `<section class="roadmap">`, `</section>`)
			for _, want := range []string{tt.heading, tt.lead} {
				if !strings.Contains(section, escape(want)) {
					t.Errorf("section lacks %q:\n%s", want, section)
				}
			}
		})
	}
}

// TestRoadmapClarifyAssumed (road16): a step that clarifies an open
// question at its lowest answer (roadmap.Step.Assumed) says that the way
// assumes that answer, the least favourable. On a reversed question it
// read "klären → trifft voll zu" ("Fehlendes Personal verhindert …"): the
// worst case written as the answer to reach. A clarification raised
// further keeps its arrow to the answer it aims at. The fixture's own
// such step (14002005, Q3 "-9", a code for blank) and the same step with
// "weiß nicht" and a reversed question's lowest answer.
func TestRoadmapClarifyAssumed(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 0, "a roadmap clarifying at the lowest answer", func(p *roadmap.Plan) bool {
		return p.Status == roadmap.Planned && len(p.Steps) > 0 && p.Steps[0].Assumed
	})
	was := p.Steps[0]
	defer func() { p.Steps[0] = was }()
	for _, tt := range []struct {
		name     string
		lang     scoring.Language
		from, to string
		assumed  bool
		want     string
		not      string // what the step must not say
	}{
		{"fixture de", scoring.German, was.From, was.To, true,
			"klären – der Weg nimmt die ungünstigste Antwort an: „" + was.To + "“", "klären → "},
		{"fixture en", scoring.English, was.From, was.To, true,
			"clarify – the way assumes the least favourable answer: “" + was.To + "”", "clarify → "},
		{"reversed de", scoring.German, "weiß nicht", "trifft voll zu", true,
			"klären (bisher: weiß nicht) – der Weg nimmt die ungünstigste Antwort an: „trifft voll zu“", "→ trifft voll zu"},
		{"reversed en", scoring.English, "weiß nicht", "trifft voll zu", true,
			"clarify (so far: weiß nicht) – the way assumes the least favourable answer: “trifft voll zu”", "→ trifft voll zu"},
		{"raised de", scoring.German, "weiß nicht", "trifft teilweise zu", false,
			"klären (bisher: weiß nicht) → trifft teilweise zu", "ungünstigste"},
		{"raised en", scoring.English, "weiß nicht", "trifft teilweise zu", false,
			"clarify (so far: weiß nicht) → trifft teilweise zu", "least favourable answer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p.Steps[0].From, p.Steps[0].To, p.Steps[0].Assumed = tt.from, tt.to, tt.assumed
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			step, _ := between(page, `<li value="1">`, `</li>`)
			if !strings.Contains(step, escape(tt.want)) {
				t.Errorf("step 1 lacks %q:\n%s", tt.want, step)
			}
			if strings.Contains(step, escape(tt.not)) {
				t.Errorf("step 1 says %q:\n%s", tt.not, step)
			}
		})
	}
}

// TestRoadmapTowardUnreachable (road16): a target out of reach gave no
// steps at all, not even toward the levels within reach. A plan that
// leads to the highest of them (status unreachable, steps to LevelAfter)
// is headed and led by that level and says first that the target cannot
// be reached; one with no steps says, where levels lie between, that none
// of them can be reached either. A fixture unit's planned way, made the
// way below an unreachable target one level higher (also as its own
// goal, said of the target, not of the level the steps reach); then
// without steps, its target two levels above its own and one (the words
// as before).
func TestRoadmapTowardUnreachable(t *testing.T) {
	levels := len(fixture.Model(t).Levels.List)
	r, dis, set, p := fixturePlan(t, 0, "a planned roadmap of two steps or more below the top level", func(p *roadmap.Plan) bool {
		return p.Status == roadmap.Planned && len(p.Steps) > 1 && p.Target < levels && p.Unit.Level+2 <= levels
	})
	m := r.Model
	was := *p
	defer func() { *p = was }()
	label := func(o int) string { return m.Levels.ByOrdinal(o).Label() }
	reach, goal, own := was.Target, was.Target+1, was.Unit.Level
	for _, tt := range []struct {
		name          string
		lang          scoring.Language
		steps, own    bool
		target        int
		heading, lead string
		not           string
	}{
		{"way de", scoring.German, true, false, goal, "Ihr Weg zu Stufe " + label(reach) + ", der höchsten erreichbaren",
			"Stufe " + label(goal) + " ist mit den gestellten Fragen nicht erreichbar: Auch mit den bestmöglichen Antworten reicht es nicht (nicht zutreffende Fragen und Fragen, deren Punkte vom Vergleich mit den anderen Kommunen abhängen, zählen nicht als Schritte). Die Schritte unten führen zur höchsten Stufe darunter, die erreichbar ist, Stufe " + label(reach) + ": Sie ist das Ziel dieses Weges. Mit diesen ", ""},
		{"way en", scoring.English, true, false, goal, "Your way to level " + label(reach) + ", the highest within reach",
			"Level " + label(goal) + " cannot be reached with the questions asked: even the best possible answers fall short (questions that do not apply and questions whose points depend on the other municipalities do not count as steps). The steps below lead to the highest level beneath it that can be reached, level " + label(reach) + ", the target of this way. With these ", ""},
		{"none between de", scoring.German, false, false, own + 2, "Ihr Weg zu Stufe " + label(own+2),
			"nicht als Schritte). Auch keine Stufe zwischen Ihrer jetzigen und dieser ist erreichbar; daher zeigt dieser Abschnitt keine Schritte.", ""},
		{"none between en", scoring.English, false, false, own + 2, "Your way to level " + label(own+2),
			"not count as steps). Nor can any level between yours and it be reached, so this section shows no steps.", ""},
		{"next de", scoring.German, false, false, own + 1, "Ihr Weg zu Stufe " + label(own+1), "nicht als Schritte).", "Auch keine Stufe"},
		{"own goal de", scoring.German, true, true, goal, "Ihr Weg zu Stufe " + label(reach) + ", der höchsten erreichbaren",
			"zählen nicht als Schritte). Ihre Kommune hat sie selbst als Ziel angegeben. Die Schritte unten führen", "Das Ziel ist die Stufe, die Ihre Kommune selbst angegeben hat."},
		{"own goal en", scoring.English, true, true, goal, "Your way to level " + label(reach) + ", the highest within reach",
			"do not count as steps). Your municipality gave it as its own goal. The steps below lead", "The target is the level your municipality gave itself."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p.Status, p.Target, p.Steps, p.Phases, p.LevelAfter, p.OwnGoal = roadmap.Unreachable, tt.target, nil, nil, was.Unit.Level, tt.own
			if tt.steps {
				p.Steps, p.Phases, p.LevelAfter = was.Steps, was.Phases, was.LevelAfter
			}
			page := profileHTML(t, r, p.Unit, Options{Language: tt.lang, Roadmaps: set, Disclosure: dis})
			section, _ := between(page, `<section class="roadmap">`, `</section>`)
			for _, want := range []string{"<h2>" + escape(tt.heading) + "</h2>", escape(tt.lead)} {
				if !strings.Contains(section, want) {
					t.Errorf("section lacks %q:\n%s", want, section)
				}
			}
			if tt.not != "" && strings.Contains(section, tt.not) {
				t.Errorf("section says %q:\n%s", tt.not, section)
			}
			if got := strings.Count(section, "<li value="); tt.steps != (got == len(was.Steps)) || !tt.steps && got != 0 {
				t.Errorf("%d steps shown, want %d", got, map[bool]int{true: len(was.Steps)}[tt.steps])
			}
		})
	}
}
