package html_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/browsertest"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestRoadmapAccessible opens, in both languages, the profile of the Saxony
// municipality with the longest roadmap (in three phases, with peer
// counts) and the profile of one already at the top or at its target, and
// checks them as TestAccessibility checks every page: axe-core's WCAG A/AA
// rules, the keyboard, no repeated paragraph and nothing wider than a
// 400 px phone screen.
func TestRoadmapAccessible(t *testing.T) {
	exe := browsertest.Chromium(t)
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Phases: 3, Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	var longest, done *roadmap.Plan
	for i := range set.Plans {
		p := &set.Plans[i]
		if p.Status == roadmap.Planned && (longest == nil || len(p.Steps) > len(longest.Steps)) {
			longest = p
		}
		if done == nil && (p.Status == roadmap.AtTop || p.Status == roadmap.AtTarget) {
			done = p
		}
	}
	if longest == nil || len(longest.Phases) < 2 {
		t.Fatal("the Saxony example has no roadmap in phases")
	}
	units := []*scoring.UnitResult{longest.Unit}
	if done != nil {
		units = append(units, done.Unit)
	}
	dir := t.TempDir()
	write := func(name string, fn func(io.Writer) error) string { return fixture.WriteFile(t, dir, name, fn) }
	for _, a := range html.AssetNames() {
		write(html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
	}
	b := startBrowser(t, exe)
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		o := html.Options{Language: lang, Roadmaps: set, Disclosure: dis}
		for _, u := range units {
			page := write(lang.String()+"/"+html.ProfileFile(u.Unit.ID), func(w io.Writer) error {
				return html.RenderProfile(w, r, u, o, "../"+html.AssetsDir)
			})
			if src, err := os.ReadFile(page); err != nil || !strings.Contains(string(src), `<section class="roadmap">`) {
				t.Fatalf("%s has no roadmap section (%v)", page, err)
			}
			t.Run(lang.String()+"/"+string(u.Unit.ID), func(t *testing.T) { b.checkAccessible(t, page, string(axe)) })
		}
	}
}
