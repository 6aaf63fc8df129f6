package html

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestProfileComparedWithRefresh: a profile scored with the unit's newer
// submission (serve) takes its groups' figures from Options.Comparison,
// the last refresh of the others' submissions. Six units of wave 1
// answer Q1 ja and Q2 ja or nein in turn (scores 100 and 50: median 75,0
// of d by hand); the unit ME answers all ja. Compared with a refresh of
// wave 1 that it joined, the medians are the refresh's and the note says
// so; first in wave 2, the refresh has no unit of its wave: no median is
// drawn, and no note speaks of medians.
func TestProfileComparedWithRefresh(t *testing.T) {
	m, err := scoring.ParseModel("t.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}, {id: Q3, scale: jn}]
  dimensions:
    - id: d
      indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}]
    - id: e
      indicators: [{id: i3, question: Q3}]
    - id: f
      indicators: [{id: i4, question: Q1}]
`))
	if err != nil {
		t.Fatal(err)
	}
	score := func(waves []string, answers map[string][]string) *scoring.Results {
		ds := &scoring.Dataset{}
		for _, w := range waves {
			ds.Waves = append(ds.Waves, scoring.Wave{ID: scoring.WaveID(w), Label: w})
		}
		for key, a := range answers {
			w, id, _ := strings.Cut(key, "/")
			ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(w), Answers: scoring.AnswersOf(a...),
				Source: &scoring.Source{File: w + ".csv", Columns: []int{2, 3, 4}}, Row: len(ds.Responses) + 2,
				Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id}})
		}
		return scoring.Score(m, ds)
	}
	others := map[string][]string{}
	for i := range 6 {
		others[fmt.Sprintf("1/U%d", i)] = []string{"ja", []string{"ja", "nein"}[i%2], "nein"}
	}
	refresh := score([]string{"1"}, others)
	const note = "Die Mediane sind die der letzten Aktualisierung der Vergleichswerte"
	for _, tt := range []struct {
		name, wave string
		median     string // of dimension d in the table
		note       bool
	}{
		{"in the refresh's wave", "1", "75,0", true},
		{"first in its wave", "2", "•", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			answers := map[string][]string{tt.wave + "/ME": {"ja", "ja", "ja"}}
			for k, v := range others {
				answers[k] = v
			}
			waves := []string{"1"}
			if tt.wave == "2" {
				waves = append(waves, "2")
			}
			res := score(waves, answers)
			var u *scoring.UnitResult
			for i := range res.Units {
				if res.Units[i].Unit.ID == "ME" {
					u = &res.Units[i]
				}
			}
			var b bytes.Buffer
			if err := RenderProfile(&b, res, u, Options{MinGroupSize: 5, Comparison: refresh}, ""); err != nil {
				t.Fatal(err)
			}
			page := regexp.MustCompile(` data-label="[^"]*"`).ReplaceAllString(b.String(), "")
			if row := `<th scope="row">d</th><td class="num">100,0</td><td>B</td><td class="num">100 %</td><td class="num">` + tt.median + `</td>`; !strings.Contains(page, row) {
				t.Errorf("lacks the row %s", row)
			}
			if got := strings.Contains(page, note); got != tt.note {
				t.Errorf("the note on the refresh's medians shown: %v, want %v", got, tt.note)
			}
		})
	}
}

// TestRoadmapPeersComparedWithRefresh: a profile compared with the last
// refresh (Options.Comparison: serve's view of a municipality's newer
// submission) showed its steps' peer counts, counted with its new answers
// among the others: which counts a size class tells depends on the unit's
// own answer, so moving it between submissions could pin how many others
// stand below a rung at one fewer than the minimum (review16). Such a
// profile now shows no count and says they come with the next refresh;
// the same profile of the refresh shows them.
func TestRoadmapPeersComparedWithRefresh(t *testing.T) {
	r, dis, set, p := fixturePlan(t, 0, "a roadmap with a peer count", func(p *roadmap.Plan) bool {
		return slices.ContainsFunc(p.Steps, func(s roadmap.Step) bool { return s.PeersShown })
	})
	for _, tt := range []struct {
		lang         scoring.Language
		count, later string
	}{
		{scoring.German, "hier schon so weit.", "steht hier für Ihre neue Einreichung, sobald die Vergleichswerte das nächste Mal aktualisiert werden"},
		{scoring.English, "this far already.", "is shown here for your new submission when the comparison figures are next updated"},
	} {
		for _, compared := range []bool{false, true} {
			o := Options{Language: tt.lang, Disclosure: dis, Roadmaps: set}
			if compared {
				o.Comparison = r
			}
			var b bytes.Buffer
			if err := RenderProfile(&b, r, p.Unit, o, ""); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			if got := strings.Contains(page, tt.count); got == compared {
				t.Errorf("%s, compared with the refresh %v: a peer count shown: %v", tt.lang, compared, got)
			}
			if got := strings.Contains(page, tt.later); got != compared {
				t.Errorf("%s, compared with the refresh %v: says the counts come later: %v", tt.lang, compared, got)
			}
		}
	}
}

// TestRoadmapNoPeersLaterWithoutSizeClasses: a profile compared with the
// last refresh promises the counts of the size class "with the next
// refresh" only where counts are made (roadmap.Set.Counted): the fixture's
// units without population and district (organisations) were promised
// how many organisations "of your size class" are this far.
func TestRoadmapNoPeersLaterWithoutSizeClasses(t *testing.T) {
	base := fixture.Fixture(t, fixture.Model(t))
	ds := &scoring.Dataset{Waves: base.Waves}
	for i := range base.Units {
		resp := *base.Units[i].Response
		resp.Unit.District, resp.Unit.Population = "", 0
		ds.Responses = append(ds.Responses, resp)
	}
	r := scoring.Score(base.Model, ds)
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	if set.Counted {
		t.Fatal("roadmap.Set.Counted without any size class")
	}
	i := slices.IndexFunc(set.Plans, func(p roadmap.Plan) bool { return len(p.Steps) > 0 })
	if i < 0 {
		t.Fatal("no roadmap with steps")
	}
	for lang, later := range map[scoring.Language]string{scoring.German: "Ihrer Größenklasse", scoring.English: "of your size class"} {
		var b bytes.Buffer
		if err := RenderProfile(&b, r, set.Plans[i].Unit, Options{Language: lang, Disclosure: dis, Roadmaps: set, Comparison: r}, ""); err != nil {
			t.Fatal(err)
		}
		if j := strings.Index(b.String(), later); j >= 0 {
			t.Errorf("%s: %q in …%s…", lang, later, b.String()[max(0, j-200):j+len(later)])
		}
	}
}
