package html

import (
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestProgressNotMeasured (staged17): the profile says why progress to
// date has no value where the unit stood at its target level in the
// previous wave (roadmap.TargetMetThen) or the way does not raise its
// overall score (roadmap.ScoreNotRaised) — under staged levels both read
// "Seit 2026 haben Sie 118 % des Weges zurückgelegt" above a step still
// to take; and where its score moved against its level since
// (roadmap.ScoreAgainstLevel), where it read "−4.356 %" for a unit risen
// two levels. B of testdata/staged.yaml has 45,8 now and no level, E level
// 1; their plans are given those reasons, with level 2 (B) or none (E) in
// 2024 and 40 after the way.
func TestProgressNotMeasured(t *testing.T) {
	r := fixture.Fixture(t, fixture.MustModel(t, "testdata/staged.yaml"))
	dis := scoring.NewDisclosure(r, 2)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id        scoring.UnitID
		why       roadmap.NoProgress
		levelThen int
		de, en    string
	}{
		{"14001002", roadmap.TargetMetThen, 2,
			"Fortschritt seit 2024: – (damals standen Sie schon auf Stufe 2 Mitte, am Ziel dieses Weges oder darüber).",
			"Progress since 2024: – (you then stood at level 2 Mitte already, at or above the target of this way)."},
		{"14001002", roadmap.ScoreNotRaised, 2,
			"Fortschritt seit 2024: – (er wird am Gesamtwert gemessen, den dieser Weg nicht hebt: jetzt 45,8, danach 40,0).",
			"Progress since 2024: – (it is measured on the overall score, which this way does not raise: 45.8 now, 40.0 after it)."},
		{"14001002", roadmap.ScoreAgainstLevel, 2,
			"Fortschritt seit 2024: – (er wird am Gesamtwert gemessen, und der ist seitdem gestiegen, Ihre Stufe aber gefallen).",
			"Progress since 2024: – (it is measured on the overall score, which has risen since, while your level has fallen)."},
		{"14001005", roadmap.ScoreAgainstLevel, 0,
			"Fortschritt seit 2024: – (er wird am Gesamtwert gemessen, und der ist seitdem gefallen, Ihre Stufe aber gestiegen).",
			"Progress since 2024: – (it is measured on the overall score, which has fallen since, while your level has risen)."},
	} {
		p := *set.Unit(tt.id)
		p.Progress, p.NoProgress, p.BaselineLevel = math.NaN(), tt.why, tt.levelThen
		p.After = scoring.NodeScore{Score: 40, Coverage: 1, State: scoring.Scored}
		for lang, want := range map[scoring.Language]string{scoring.German: tt.de, scoring.English: tt.en} {
			rd := newRenderer(r, Options{Language: lang, Roadmaps: set, Disclosure: dis})
			if got := rd.progress(&p, rd.roadmapT); got != want {
				t.Errorf("reason %d, %s:\n got %q\nwant %q", tt.why, lang, got, want)
			}
		}
	}
}
