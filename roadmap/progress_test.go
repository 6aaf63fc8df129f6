package roadmap

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// progressModel: overall = mean(Q1, Q2, Q3), ja 1, teilweise 0.5, nein 0;
// level 2 from 90. The first %s holds the 2026 wave's changes, the second
// the successors; Q3 is asked in both waves unless the changes say not.
const progressModel = `
model:
  name: Mini
  missing: {policy: reweight, min_coverage: 0.3}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 90}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
    - {id: Q3, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3}
  waves:
    - {id: "2024", date: 2024-03-01}
    - id: "2026"
      date: 2026-03-01
%s
%s
`

// TestProgressToDate: the progress to date of a roadmap follows the rules
// of every change between waves (review 8, findings 1 and 2): none for a
// unit others merged into, and baseline, now and the end of the roadmap
// all on the comparable core, so that it never contradicts the change on
// the same page. Every figure by hand (scores on 0–100).
func TestProgressToDate(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		name, changes, successors string
		units                     []unit
		// want: progress (NaN: none) and why; baseline, current, end on
		// the core; compared of asked questions.
		want, baseline, current, end float64
		why                          NoProgress
		compared, asked              int
	}{
		// Same questionnaire: 2024 (1 + 0 + 1)/3 = 66.7, 2026 (1 + 0.5 +
		// 1)/3 = 83.3; the roadmap raises Q2 to ja: 100. (83.3 − 66.7) /
		// (100 − 66.7) = 0.5.
		{name: "same questions", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "ja"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "teilweise", "Q3": "ja"}},
		}, want: 0.5, baseline: 200.0 / 3, current: 250.0 / 3, end: 100, compared: 3, asked: 3},
		// Review 8 finding 1: B became part of A on 2025-01-01. The
		// profile computes no change for A (the territory changed), so no
		// progress either, and no baseline (A's own 2024 score is that of
		// a smaller territory). On full scores it was (83.3 − 66.7) /
		// (100 − 66.7) = 0.5.
		{name: "merged", successors: "  successors:\n    - {from: \"B\", to: \"A\", date: 2025-01-01}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "ja"}},
			{id: "B", wave: "2024", answers: map[string]string{"Q1": "nein", "Q2": "nein", "Q3": "nein"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "teilweise", "Q3": "ja"}},
		}, want: nan, why: TerritoryChanged, baseline: nan, current: 250.0 / 3, end: 100, compared: 3, asked: 3},
		// B became part of A but did not answer 2024: the territory
		// changed all the same.
		{name: "merged, not answered before", successors: "  successors:\n    - {from: \"B\", to: \"A\", date: 2025-01-01}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "ja"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "teilweise", "Q3": "ja"}},
		}, want: nan, why: TerritoryChanged, baseline: nan, current: 250.0 / 3, end: 100, compared: 3, asked: 3},
		// Merged and at its target already: still none.
		{name: "merged at target", successors: "  successors:\n    - {from: \"B\", to: \"A\", date: 2025-01-01}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "ja"}},
			{id: "B", wave: "2024", answers: map[string]string{"Q1": "nein", "Q2": "nein", "Q3": "nein"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "ja", "Q3": "ja"}},
		}, want: nan, why: TerritoryChanged, baseline: nan, current: 100, end: 100, compared: 3, asked: 3},
		// Review 8 finding 2: Q2 and Q3 new in 2026; the core is {Q1}.
		// 2024 Q1 teilweise: 50. 2026 Q1 ja, Q2 nein, Q3 ja: full 66.7,
		// core 100 (the change +50). The roadmap raises Q2 to ja (full
		// 100), Q1 stays: end on the core 100. (100 − 50) / (100 − 50) = 1;
		// on full scores it was (66.7 − 50) / (100 − 50) = 1/3.
		{name: "new questions", changes: "      changes: {new: [Q2, Q3]}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "teilweise"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "ja"}},
		}, want: 1, baseline: 50, current: 100, end: 100, compared: 1, asked: 3},
		// Q3 new; the core {Q1, Q2} fell: 2024 (0.5 + 0)/2 = 25, 2026
		// (0 + 0)/2 = 0 (the change −25) while the full score rose to
		// (0 + 0 + 1)/3 = 33.3. The roadmap takes Q1 and Q2 to ja (full
		// 100 ≥ 90; one of them at teilweise gives 83.3): end on the core
		// 100. (0 − 25) / (100 − 25) = −1/3, as the change falls; on full
		// scores it was (33.3 − 25) / (100 − 25) = +0.11.
		{name: "fell on the core", changes: "      changes: {new: [Q3]}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "teilweise", "Q2": "nein"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "nein", "Q3": "ja"}},
		}, want: -1.0 / 3, baseline: 25, current: 0, end: 100, compared: 2, asked: 3},
		// Q3 dropped in 2026 (asked in 2024, still in the model): the core
		// is {Q1, Q2} of the 3 either wave asked. 2024 Q1 ja, Q2 nein, Q3 nein: full
		// 33.3, core 50. 2026 Q1 ja, Q2 nein: 50 (the change ±0); end Q2
		// ja: 100. (50 − 50) / (100 − 50) = 0; on full scores it was
		// (50 − 33.3) / (100 − 33.3) = 0.25.
		{name: "dropped question", changes: "      changes: {dropped: [Q3]}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "nein"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "nein"}},
		}, want: 0, baseline: 50, current: 50, end: 100, compared: 2, asked: 3},
		// Q3 new; at the top level already (2026 full 100 ≥ 90): no way
		// was planned, so none has been come. The end is now, on the core
		// (1 + 1)/2 = 100; baseline (1 + 0.5)/2 = 75. The formula gave
		// (100 − 75) / (100 − 75) = 1 (road16: "100 %" for every unit at
		// its target that rose at all).
		{name: "at target", changes: "      changes: {new: [Q3]}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "teilweise"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "ja", "Q3": "ja"}},
		}, want: nan, why: NoWayPlanned, baseline: 75, current: 100, end: 100, compared: 2, asked: 3},
		// Q3 new; the roadmap steps on Q3 alone: 2024 core (1 + 1)/2 =
		// 100, 2026 Q1 ja, Q2 ja, Q3 nein: full 66.7, core 100; end Q3 ja,
		// the core stays 100: no way to go on the core (baseline 100 = end).
		{name: "no way to go on the core", changes: "      changes: {new: [Q3]}", units: []unit{
			{id: "A", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "ja"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "ja", "Q3": "nein"}},
		}, want: nan, why: NoWayToGo, baseline: 100, current: 100, end: 100, compared: 2, asked: 3},
		// Did not answer 2024.
		{name: "no baseline", units: []unit{
			{id: "B", wave: "2024", answers: map[string]string{"Q1": "ja", "Q2": "ja", "Q3": "ja"}},
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "nein", "Q3": "nein"}},
		}, want: nan, why: NoBaseline, baseline: nan, current: 100.0 / 3, end: 100, compared: 3, asked: 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := parseModel(t, tt.name, fmt.Sprintf(progressModel, tt.changes, tt.successors))
			res := score(t, m, nil, tt.units...)
			set, err := Build(res, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("A")
			if p == nil {
				t.Fatal("no plan for A")
			}
			same := func(got, want float64) bool {
				return math.IsNaN(got) == math.IsNaN(want) && (math.IsNaN(want) || math.Abs(got-want) < 1e-9)
			}
			if !same(p.Progress, tt.want) || p.NoProgress != tt.why {
				t.Errorf("progress to date of A = %v (why %d), want %v (why %d)", p.Progress, p.NoProgress, tt.want, tt.why)
			}
			if !same(p.Baseline, tt.baseline) || !same(p.Current, tt.current) || !same(p.End, tt.end) {
				t.Errorf("baseline, now, end = %v, %v, %v; want %v, %v, %v", p.Baseline, p.Current, p.End, tt.baseline, tt.current, tt.end)
			}
			if p.Since != "2024" || p.Compared != tt.compared || p.Asked != tt.asked {
				t.Errorf("since %s on %d of %d questions, want 2024 on %d of %d", p.Since, p.Compared, p.Asked, tt.compared, tt.asked)
			}
			// Never against the change on the same page.
			if c, ok := res.Change(p.Unit, 0); ok && !math.IsNaN(p.Progress) && c.Delta*p.Progress < 0 {
				t.Errorf("change %+.1f, progress %v", c.Delta, p.Progress)
			}
		})
	}
}

// TestProgressReasons (review 9): why a plan has no progress to date is
// the reason that holds — roadmap.json said "no_baseline" beside the
// baseline it gave, for a unit without a score now and for a target that
// cannot be reached. A had 2024 Q1 nein, Q2 0 (minmax over the wave: A 0,
// B 10): overall mean(Q1, Q2) = 0.
//
//	no score now: 2026 both blank (min coverage 0.5): baseline 0, no
//	score now, the roadmap clarifies Q1: no_score;
//	unreachable: 2026 Q1 nein, Q2 0 (B 10) to Zwei (90): Q2 is no step
//	(minmax), Q1 ja gives 50: unreachable, baseline 0;
//	no baseline: A did not answer 2024: no_baseline;
//	at target (road16): 2026 Q1 ja, Q2 0: 50, level Eins, its target;
//	baseline 0: the formula with the end now gave (50 − 0)/(50 − 0) = 1;
//	none, no_way_planned;
//	at top (road16): 2026 Q1 ja, Q2 10 (B 0): 100, level Zwei, the top:
//	it gave (100 − 0)/(100 − 0) = 1 too; none, no_way_planned;
//	at target, no baseline: no_baseline, as for every plan.
func TestProgressReasons(t *testing.T) {
	const src = `model:
  name: Gründe
  missing: {policy: reweight, min_coverage: 0.5}
  levels:
    bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 90}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
    rel: {type: numeric, min: 0, normalise: minmax}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: rel}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
`
	m := parseModel(t, "gruende.yaml", src)
	before := []unit{
		{id: "A", wave: "2024", answers: map[string]string{"Q1": "nein", "Q2": "0"}},
		{id: "B", wave: "2024", answers: map[string]string{"Q1": "nein", "Q2": "10"}},
	}
	for _, tt := range []struct {
		name   string
		units  []unit
		target int
		status Status
		why    NoProgress
		json   string
	}{
		{"no score now", append(before[:2:2],
			unit{id: "A", wave: "2026", answers: map[string]string{"Q1": "", "Q2": ""}},
			unit{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "10"}}), 0, Planned, NoScore, `"no_progress": "no_score"`},
		{"unreachable", append(before[:2:2],
			unit{id: "A", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "0"}},
			unit{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "10"}}), 2, Unreachable, TargetUnreachable, `"no_progress": "unreachable"`},
		{"at target", append(before[:2:2],
			unit{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "0"}},
			unit{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "10"}}), 1, AtTarget, NoWayPlanned, `"no_progress": "no_way_planned"`},
		{"at top", append(before[:2:2],
			unit{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "10"}},
			unit{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "0"}}), 0, AtTop, NoWayPlanned, `"no_progress": "no_way_planned"`},
		{"at target, no baseline", []unit{before[1],
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "ja", "Q2": "0"}},
			{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "10"}}}, 1, AtTarget, NoBaseline, `"no_progress": "no_baseline"`},
		{"no baseline", []unit{before[1],
			{id: "A", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "0"}},
			{id: "B", wave: "2026", answers: map[string]string{"Q1": "nein", "Q2": "10"}}}, 2, Unreachable, NoBaseline, `"no_progress": "no_baseline"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, m, nil, tt.units...)
			set, err := Build(res, Options{Target: Target{Level: tt.target}})
			if err != nil {
				t.Fatal(err)
			}
			p := set.Unit("A")
			if p.Status != tt.status || p.NoProgress != tt.why || !math.IsNaN(p.Progress) {
				t.Errorf("%v, progress %v, why %d; want %v, none, why %d", p.Status, p.Progress, p.NoProgress, tt.status, tt.why)
			}
			if tt.why != NoBaseline && p.Baseline != 0 {
				t.Errorf("baseline %v, want 0", p.Baseline)
			}
			var b strings.Builder
			if err := WriteJSON(&b, m, set); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tt.json) || !strings.Contains(b.String(), `"progress": null`) {
				t.Errorf("roadmap.json does not say %s with \"progress\": null:\n%s", tt.json, b.String())
			}
		})
	}
}
