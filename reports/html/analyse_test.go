package html_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// mustAnalysis analyses the latest wave of r with two uncertain choices:
// the dimensions' weights ±30 % and the level edges ± edge points.
func mustAnalysis(tb testing.TB, r *scoring.Results, edge float64) *analyse.Report {
	tb.Helper()
	o := &analyse.Options{Draws: 80, Seed: 1, Inputs: []analyse.Input{
		{Kind: analyse.Weights, Node: r.Model.Root().ID, Spread: 0.3}, {Kind: analyse.LevelEdges, Spread: edge}}}
	rep, err := analyse.Analyse(context.Background(), r, r.Latest(), o, scoring.NewDisclosure(r, 0))
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

// TestAnalysisPages: with an analysis, the overview has the sections on
// robustness and validation, and each profile of the analysed wave its
// robustness line, which says what the analysis found for that unit.
func TestAnalysisPages(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	rep := mustAnalysis(t, r, 5)
	var b bytes.Buffer
	if err := html.RenderOverview(&b, r, html.Options{Analysis: rep}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="robustness"`, `id="validation"`, "Cronbachs α", "overview-ranks", "overview-sensitivity"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("overview without %q", want)
		}
	}
	units := r.WaveUnits(r.Latest())
	u := &units[0]
	ru := rep.Unit(r, u)
	if ru == nil || ru.Level == 0 {
		t.Fatalf("no robustness for %s", u.Unit.ID)
	}
	b.Reset()
	if err := html.RenderProfile(&b, r, u, html.Options{Analysis: rep}, "assets"); err != nil {
		t.Fatal(err)
	}
	want := "Robustheit: " + m.Levels.ByOrdinal(ru.Level).Label() + " in "
	if !strings.Contains(b.String(), want) {
		t.Errorf("profile without %q", want)
	}
	// The share and the rank interval say over how many variants: 80
	// draws over 2 inputs are ⌊80/4⌋ = 20 base draws of 4 variants, 80 in all.
	if rep.Robustness.Draws != 80 || !strings.Contains(b.String(), " von 80 Modellvarianten; Rang ") {
		t.Errorf("the profile's robustness line does not say it rests on %d variants", rep.Robustness.Draws)
	}
	// Without an analysis nothing of it appears.
	b.Reset()
	if err := html.RenderOverview(&b, r, html.Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `id="robustness"`) {
		t.Error("a robustness section without an analysis")
	}
}

// TestRobustnessRankedShare: a unit's median rank and interval are over
// the variants that gave it an overall score; where that is not all of
// them, its profile says in how many, and the overview's table of ranks
// has the share beside each unit. (Whether a unit is scored in a variant
// is analyse's, tested there: here the share is set.)
func TestRobustnessRankedShare(t *testing.T) {
	m, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	rep := mustAnalysis(t, r, 5)
	units := r.WaveUnits(r.Latest())
	for i, tc := range []struct {
		share float64
		want  string
	}{
		{1, " von 80 Modellvarianten; Rang %d, in 90 % der Varianten zwischen "},
		{0.5, " von 80 Modellvarianten; Rang %d; einen Gesamtwert hat die Kommune in 50 % der Varianten, in 90 % von diesen liegt ihr Rang zwischen "},
		// Never "100 %" for a share below all (pctAt).
		{0.995, "; einen Gesamtwert hat die Kommune in 99,5 % der Varianten, in 90 % von diesen"},
	} {
		u := &units[i]
		ru := rep.Unit(r, u)
		if ru == nil || ru.Rank == 0 {
			t.Fatalf("unit %s: no rank", u.Unit.ID)
		}
		ru.RankedShare = tc.share
		var b bytes.Buffer
		if err := html.RenderProfile(&b, r, u, html.Options{Analysis: rep}, "assets"); err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(tc.want, "%d", strconv.Itoa(ru.Rank), 1)
		if got := strings.ReplaceAll(b.String(), "\u00a0", " "); !strings.Contains(got, want) {
			t.Errorf("ranked in %v of the variants: profile without %q", tc.share, want)
		}
	}
	var b bytes.Buffer
	if err := html.RenderOverview(&b, r, html.Options{Analysis: rep}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<th>mit Gesamtwert in</th>") && !strings.Contains(b.String(), ">mit Gesamtwert in<") {
		t.Error("the overview's table of ranks has no column of the share of variants ranked")
	}
}
