package html_test

import (
	"bytes"
	"context"
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
