package html

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"time"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// catalogActions counts the actions of the profile's templates that print
// a catalogue text ({{.T.X}}, {{$.T.X}}).
func catalogActions(t *testing.T, lang scoring.Language, baked bool) int {
	t.Helper()
	set := pageTemplates()
	if baked {
		var err error
		if set, err = profileTemplate(lang); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, name := range bakedTrees {
		walkActions(set.Lookup(name).Tree.Root, true, func(a *parse.ActionNode, _ bool) {
			if s := a.String(); strings.HasPrefix(s, "{{.T.") || strings.HasPrefix(s, "{{$.T.") {
				n++
			}
		})
	}
	return n
}

// TestBakedAsTemplate: the profile pages from the baked templates are
// byte for byte those of the plain templates, for every profile of the
// bundled example (roadmaps, analysis, stamp, inline assets or not) and of
// the fixture whose names, labels and answers are payloads, in both
// languages; and the baked templates print (nearly) no catalogue text by
// action any more.
func TestBakedAsTemplate(t *testing.T) {
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	hostile := fixture.Fixture(t, fixture.Model(t))
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		plain, baked := catalogActions(t, lang, false), catalogActions(t, lang, true)
		// Left: .T.Lang (a Language, not a string).
		if plain < 25 || baked > 1 {
			t.Errorf("%s: %d catalogue actions, %d after baking", lang, plain, baked)
		}
		set, err := profileTemplate(lang)
		if err != nil {
			t.Fatal(err)
		}
		for ri, r := range []*scoring.Results{saxony, hostile} {
			dis := scoring.NewDisclosure(r, 2)
			plans, err := roadmap.Build(r, roadmap.Options{Phases: 3, Disclosure: dis})
			if err != nil {
				t.Fatal(err)
			}
			day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
			o := Options{Language: lang, Roadmaps: plans, Disclosure: dis, Date: day, DataCutoff: day, InlineAssets: ri == 1}
			if ri == 0 {
				a := &analyse.Options{Draws: 40, Seed: 1, Inputs: []analyse.Input{{Kind: analyse.LevelEdges, Spread: 5}}}
				if o.Analysis, err = analyse.Analyse(context.Background(), r, r.Latest(), a, dis); err != nil {
					t.Fatal(err)
				}
			}
			rd := newRenderer(r, o)
			for _, u := range ProfileUnits(r) {
				p, err := rd.profilePage(u, "../assets")
				if err != nil {
					t.Fatal(err)
				}
				var want, got bytes.Buffer
				if err := pageTemplates().ExecuteTemplate(&want, "profile.html", p); err != nil {
					t.Fatal(err)
				}
				if err := set.ExecuteTemplate(&got, "profile.html", p); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("%s %s: baked page differs:\n%s", u.Unit.ID, lang, firstDiff(got.String(), want.String()))
				}
				// The figures kept by the renderer are the template's of
				// this page's charts.
				for c, fig := range map[*chart]string{p.RadarChart: string(p.RadarFigure), p.BarsChart: string(p.BarsFigure)} {
					var b bytes.Buffer
					if err := pageTemplates().ExecuteTemplate(&b, "chart", c); err != nil {
						t.Fatal(err)
					}
					if b.String() != fig {
						t.Errorf("%s %s: kept figure of %s differs:\n%s", u.Unit.ID, lang, c.ID, firstDiff(fig, b.String()))
					}
				}
			}
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return "baked: …" + a[max(0, i-80):min(len(a), i+80)] + "\nplain: …" + b[max(0, i-80):min(len(b), i+80)]
}

// TestFigureKey: charts that differ in anything the template "chart"
// shows have different keys; a chart with its own table has none.
func TestFigureKey(t *testing.T) {
	base := chart{ID: "a", Title: "t", Height: 10, TableID: "x", Notes: []string{"n"},
		Legend: []legendItem{{Colour: "#fff", Label: "l", Pattern: "p"}}}
	variants := []func(c *chart){
		func(c *chart) { c.ID = "b" },
		func(c *chart) { c.Title = "t2" },
		func(c *chart) { c.Height = 11 },
		func(c *chart) { c.Aspect = 1.5 },
		func(c *chart) { c.TableID = "y" },
		func(c *chart) { c.Notes = nil },
		func(c *chart) { c.Notes = []string{"n", ""} },
		func(c *chart) { c.Notes = []string{"n\",\"#fff"} },
		func(c *chart) { c.Legend = nil },
		func(c *chart) { c.Legend[0].Colour = "#000" },
		func(c *chart) { c.Legend[0].Label = "m" },
		func(c *chart) { c.Legend[0].Pattern = "" },
		// A note moved into the legend's place and back must not collide.
		func(c *chart) { c.Notes = []string{"n", "#fff", "l", "p"}; c.Legend = nil },
	}
	k0, ok := figureKey(&base)
	if !ok {
		t.Fatal("no key for a chart without its own table")
	}
	seen := map[string]int{k0: -1}
	for i, v := range variants {
		c := base
		c.Legend = slices.Clone(base.Legend)
		v(&c)
		k, ok := figureKey(&c)
		if !ok {
			t.Fatalf("variant %d: no key", i)
		}
		if j, dup := seen[k]; dup {
			t.Errorf("variant %d has the key of %d: %s", i, j, k)
		}
		seen[k] = i
	}
	withTable := base
	withTable.Table = &dataTable{}
	if _, ok := figureKey(&withTable); ok {
		t.Error("a chart with its own table got a key")
	}
}
