package scoring_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// base is a valid model; the broken configs below change one thing in it.
// Line numbers in the expected errors count from "model:" as line 1.
const base = `model:
  name: T
  levels:
    bands:
      - {level: 1, name: A, min: 0}
      - {level: 2, name: B, min: 50}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: Q1}
`

// edit replaces old by new in base, failing when old is not there.
func edit(tb testing.TB, pairs ...string) string {
	tb.Helper()
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			tb.Fatalf("base has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestParseModelErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the whole error text, one problem a line
	}{
		{"no model section", "survey: {}\n",
			`t.yaml:1: no model section`},
		{"model is not a mapping", "model: [1]\n",
			`t.yaml:1:8: model: must be a mapping`},
		{"yaml syntax error names the line", edit(t, "  name: T\n", "  name: [T\n"),
			`t.yaml:2: did not find expected ',' or ']'`},
		{"unclosed mapping names the line it opens", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n", "    jn: {map: {ja: 1, nein: 0}\n"),
			`t.yaml:8: did not find expected ',' or '}'`},
		{"bad indentation", edit(t, "  questions:\n", "  questions:\n   x: 1\n"),
			`t.yaml:11: mapping values are not allowed in this context`},
		{"duplicate key", edit(t, "  name: T\n", "  name: T\n  name: U\n"),
			`t.yaml:3: mapping key "name" already defined at line 2`},
		{"unknown key", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1, colour: red}"),
			`t.yaml:14:33: model.dimensions[0].indicators[0]: unknown key "colour" (known: id, name, description, weight, aggregation, missing, next_steps, dimensions, indicators, question, questions, scale, reverse, optional, treatment, denominator)`},
		{"unknown key at top", edit(t, "  name: T\n", "  name: T\n  levles: {}\n"),
			`t.yaml:3:3: model: unknown key "levles" (known: name, version, description, language, unit_labels, aggregation, missing, levels, peer_groups, size_classes, scales, questions, dimensions, waves, successors, effort, treatment)`},
		{"wrong type", edit(t, "    - id: d\n", "    - id: d\n      weight: heavy\n"),
			`t.yaml:13: want a number, got "heavy"`},
		{"wrong type list", edit(t, "      indicators:\n", "      weight: [1]\n      indicators:\n"),
			`t.yaml:13: want a number, got a list`},
		{"unknown scale", edit(t, "{id: Q1, scale: jn}", "{id: Q1, scale: jaa}"),
			`t.yaml:10:7: model.questions[0]: question "Q1": unknown scale "jaa"`},
		{"unknown question", edit(t, "question: Q1}", "question: Q2}"),
			"t.yaml:14:11: model.dimensions[0].indicators[0]: unknown question \"Q2\"\n" +
				`t.yaml:10:7: model.questions[0]: question "Q1" is used by no indicator (mark it context: true if it is asked for information only)`},
		{"question used by no indicator", edit(t, "    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn}\n    - {id: Q2, scale: jn}\n"),
			`t.yaml:11:7: model.questions[1]: question "Q2" is used by no indicator (mark it context: true if it is asked for information only)`},
		{"zero weight", edit(t, "    - id: d\n", "    - id: d\n      weight: 0\n"),
			`t.yaml:12:7: model.dimensions[0].weight: weight must be positive, got 0 (to ask a question for information only, leave it out of the indicators and mark it context: true under questions)`},
		{"negative weight", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1, weight: -2}"),
			`t.yaml:14:11: model.dimensions[0].indicators[0].weight: weight must be positive, got -2`},
		{"weight too large", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1, weight: 1e16}"),
			`t.yaml:14:11: model.dimensions[0].indicators[0].weight: weight must be between 1e-15 and 1e+15, got 1e+16`},
		{"weight too small", edit(t, "    - id: d\n", "    - id: d\n      weight: 1e-16\n"),
			`t.yaml:12:7: model.dimensions[0].weight: weight must be between 1e-15 and 1e+15, got 1e-16`},
		{"negative question weight", edit(t, "{id: i, question: Q1}", "{id: i, questions: [{id: Q1, weight: -1}]}"),
			`t.yaml:14:31: model.dimensions[0].indicators[0].questions[0].weight: weight must be positive, got -1`},
		{"infinite weight", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1, weight: .inf}"),
			`t.yaml:14:11: model.dimensions[0].indicators[0].weight: weight must be positive, got +Inf`},
		{"bands overlap", edit(t, "{level: 2, name: B, min: 50}", "{level: 2, name: B, min: 0}"),
			`t.yaml:6:9: model.levels.bands[1].min: level 2 "B": levels overlap: min 0 is not above min 0 of level 1 "A"`},
		{"bands leave a gap at 0", edit(t, "{level: 1, name: A, min: 0}", "{level: 1, name: A, min: 10}"),
			`t.yaml:5:9: model.levels.bands[0].min: level 1 "A": the first level must start at 0, or scores below 10 have no level (a gap)`},
		{"bands leave a gap between", edit(t, "{level: 1, name: A, min: 0}", "{level: 1, name: A, min: 0, max: 40}"),
			`t.yaml:5:9: model.levels.bands[0].max: level 1 "A": gap between levels: it ends at 40, level 2 "B" starts at 50`},
		{"bands overlap by max", edit(t, "{level: 1, name: A, min: 0}", "{level: 1, name: A, min: 0, max: 60}"),
			`t.yaml:5:9: model.levels.bands[0].max: level 1 "A": levels overlap: it ends at 60, level 2 "B" starts at 50`},
		{"last band stops short", edit(t, "{level: 2, name: B, min: 50}", "{level: 2, name: B, min: 50, max: 90}"),
			`t.yaml:6:9: model.levels.bands[1].max: level 2 "B": the last level must reach 100, or scores above 90 have no level (a gap)`},
		{"levels out of order", edit(t, "{level: 2, name: B", "{level: 3, name: B"),
			`t.yaml:6:9: model.levels.bands[1].level: level 2 "B": levels must be numbered 1, 2, 3, … in order; expected 2, got 3`},
		{"no levels", edit(t, "  levels:\n    bands:\n      - {level: 1, name: A, min: 0}\n      - {level: 2, name: B, min: 50}\n", ""),
			`t.yaml:1:1: model.levels.bands: the model needs at least one level`},
		{"unknown level method", edit(t, "  levels:\n", "  levels:\n    method: stepped\n"),
			`t.yaml:4:13: model.levels.method: unknown level method "stepped" (want threshold or staged)`},
		{"staged criterion on unknown node", edit(t,
			"      - {level: 1, name: A, min: 0}\n      - {level: 2, name: B, min: 50}\n",
			"      - {level: 1, name: A}\n      - {level: 2, name: B, criteria: [{node: dd, min: 50}]}\n",
			"  levels:\n", "  levels:\n    method: staged\n"),
			`t.yaml:7:40: model.levels.bands[1].criteria[0]: unknown node "dd"`},
		{"staged level with min", edit(t, "  levels:\n", "  levels:\n    method: staged\n"),
			"t.yaml:6:9: model.levels.bands[0]: level 1 \"A\": staged levels are reached by criteria, not by min/max bands\n" +
				`t.yaml:7:9: model.levels.bands[1]: level 2 "B": staged levels are reached by criteria, not by min/max bands`},
		{"levels numbered from 2", edit(t, "{level: 1, name: A, min: 0}\n      - {level: 2, name: B", "{level: 2, name: A, min: 0}\n      - {level: 3, name: B"),
			`t.yaml:5:9: model.levels.bands[0].level: level 2 "A": levels are numbered from 0 or from 1, got 2`},
		{"levels from 0 out of order", edit(t, "{level: 1, name: A, min: 0}\n      - {level: 2, name: B", "{level: 0, name: A, min: 0}\n      - {level: 2, name: B"),
			`t.yaml:6:9: model.levels.bands[1].level: level 1 "B": levels must be numbered 0, 1, 2, … in order; expected 1, got 2`},
		{"next step for a level that does not exist from 0", edit(t, "{level: 1, name: A, min: 0}\n      - {level: 2, name: B", "{level: 0, name: A, min: 0}\n      - {level: 1, name: B",
			"    - id: d\n", "    - id: d\n      next_steps: {2: Weiter so.}\n"),
			`t.yaml:12:7: model.dimensions[0].next_steps: level 2 does not exist (the model has levels 0 to 1)`},
		{"empty on a map scale", edit(t, "    jn: {map: {ja: 1, nein: 0}}", "    jn: {map: {ja: 1, nein: 0}, empty: none}"),
			`t.yaml:8:9: model.scales.jn.empty: empty applies to multi-select scales only; an empty cell of any other scale is not answered`},
		{"unknown empty meaning", edit(t, "    jn: {map: {ja: 1, nein: 0}}", "    jn: {map: {ja: 1, nein: 0}}\n    mm: {items: [a, b], empty: zero}"),
			`t.yaml:9:9: model.scales.mm.empty: unknown meaning of an empty cell "zero" (want none: nothing ticked, scored 0; or blank: not answered)`},
		{"zero question weight", edit(t, "{id: i, question: Q1}", "{id: i, questions: [{id: Q1, weight: 0}]}"),
			`t.yaml:14:31: model.dimensions[0].indicators[0].questions[0].weight: weight must be positive, got 0 (to ask a question for information only, leave it out of the indicators and mark it context: true under questions)`},
		{"unknown aggregation", edit(t, "    - id: d\n", "    - id: d\n      aggregation: median\n"),
			`t.yaml:12:7: model.dimensions[0].aggregation: unknown aggregation "median" (want mean, geometric, min, max or sum)`},
		{"unknown policy", edit(t, "  name: T\n", "  name: T\n  missing: {policy: guess}\n"),
			`t.yaml:3:21: model.missing.policy: unknown missing policy "guess" (want reweight, zero or impute)`},
		{"unknown missing meaning", edit(t, "  name: T\n", "  name: T\n  missing: {codes: {\"-9\": nix}}\n"),
			`t.yaml:3:27: model.missing.codes.-9: unknown meaning "nix" (want blank, unknown or not_applicable)`},
		{"min coverage above 1", edit(t, "  name: T\n", "  name: T\n  missing: {min_coverage: 60}\n"),
			`t.yaml:3:27: model.missing.min_coverage: must be between 0 and 1, got 60`},
		{"points above 1", edit(t, "{ja: 1, nein: 0}", "{ja: 10, nein: 0}"),
			`t.yaml:8:20: model.scales.jn.map.ja: points must be a number between 0 and 1, got "10"`},
		{"answer listed twice after matching", edit(t, "{ja: 1, nein: 0}", "{ja: 1, JA: 0.5, nein: 0}"),
			`t.yaml:8:23: model.scales.jn.map: answer "JA" is listed twice (after matching)`},
		{"missing code also scored", edit(t, "{ja: 1, nein: 0}}", "{ja: 1, nein: 0}, missing: {nein: unknown}}"),
			`t.yaml:8:9: model.scales.jn: answer "nein" is both a missing code and a scored answer`},
		{"unknown matching", edit(t, "{map: {ja: 1, nein: 0}}", "{match: fuzzy, map: {ja: 1, nein: 0}}"),
			`t.yaml:8:9: model.scales.jn.match: unknown matching "fuzzy" (want fold, exact, trim or fold_notrim)`},
		{"bins do not rise", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, bins: [{max: 5, points: 0}, {max: 5, points: 1}]}\n"),
			`t.yaml:9:8: model.scales.n.bins[1]: bins must rise: max 5 after 5`},
		{"numeric scale without rule", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, min: 0, max: 10}\n"),
			`t.yaml:9:8: model.scales.n: a numeric scale needs bins, goalposts or normalise: minmax (or min: 0 and max: 1 when answers already are points)`},
		{"goalposts equal", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, goalposts: [5, 5]}\n"),
			`t.yaml:9:8: model.scales.n.goalposts: goalposts must be two different numbers [worst, best]`},
		{"goalposts too far apart", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, goalposts: [-1e308, 1e308]}\n"),
			`t.yaml:9:8: model.scales.n.goalposts: goalposts must be 0 or between 1e-15 and 1e+15 in size, got [-1e+308 1e+308]`},
		// NaN passes a range test written as x < lo || x > hi: each of these
		// was accepted, and a NaN point or band edge reached the scores.
		{"map points NaN", edit(t, "{map: {ja: 1, nein: 0}}", "{map: {ja: .nan, nein: 0}}"),
			`t.yaml:8:20: model.scales.jn.map.ja: points must be a number between 0 and 1, got ".nan"`},
		{"band min NaN", edit(t, "{level: 2, name: B, min: 50}", "{level: 2, name: B, min: .nan}"),
			`t.yaml:6:9: model.levels.bands[1].min: level 2 "B": min must be between 0 and 100, got NaN`},
		{"bin max NaN", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, bins: [{max: 10, points: 0}, {max: .nan, points: 0.5}, {points: 1}]}\n"),
			`t.yaml:9:8: model.scales.n.bins[1].max: max must be a number, got NaN`},
		{"zscore mean NaN", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, normalise: zscore, zscore: [.nan, 10]}\n"),
			`t.yaml:9:8: model.scales.n.zscore: zscore must be [mean, sd] with a positive sd, on the 0–100 scale`},
		{"zscore sd huge", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n",
			"    jn: {map: {ja: 1, nein: 0}}\n    n: {type: numeric, normalise: zscore, zscore: [50, 1e308]}\n"),
			`t.yaml:9:8: model.scales.n.zscore: zscore must be [mean, sd] with a positive sd, on the 0–100 scale`},
		{"question declared twice", edit(t, "    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn}\n    - {id: Q1, scale: jn}\n"),
			`t.yaml:11:7: model.questions[1]: question "Q1" is declared twice`},
		{"node id used twice", edit(t, "{id: i, question: Q1}", "{id: d, question: Q1}"),
			`t.yaml:14:11: model.dimensions[0].indicators[0]: id "d" is used twice`},
		{"reverse on a declared question", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1, reverse: true}"),
			`t.yaml:14:11: model.dimensions[0].indicators[0].reverse: question "Q1" is declared under questions: say reverse: true there`},
		{"dimension without indicators", edit(t, "    - id: d\n", "    - id: e\n    - id: d\n"),
			`t.yaml:12:7: model.dimensions[0]: "e" has no indicators or dimensions`},
		{"next step for a level that does not exist", edit(t, "    - id: d\n", "    - id: d\n      next_steps: {7: Weiter so.}\n"),
			`t.yaml:12:7: model.dimensions[0].next_steps: level 7 does not exist (the model has levels 1 to 2)`},
		{"unknown impute group", edit(t, "  name: T\n", "  name: T\n  missing: {policy: impute, impute_by: land}\n"),
			`t.yaml:3:40: model.missing.impute_by: unknown peer group "land"`},
		{"size classes do not rise", edit(t, "  name: T\n", "  name: T\n  size_classes: [{name: klein, max: 5000}, {name: mittel, max: 5000}, {name: groß}]\n"),
			`t.yaml:3:44: model.size_classes[1]: size classes must rise: max 5000 after 5000`},
		{"no name", edit(t, "  name: T\n", ""),
			`t.yaml:1:1: model.name: the model needs a name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scoring.ParseModel("t.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("ParseModel succeeded, want error:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("ParseModel error:\n got: %s\nwant: %s", got, tt.want)
			}
			var me *scoring.ModelError
			if !errors.As(err, &me) {
				t.Errorf("error %T is not a *ModelError", err)
			}
		})
	}
}

func TestParseModelAccepts(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"base", base},
		{"context question", edit(t, "    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn}\n    - {id: Q2, scale: jn, context: true}\n")},
		{"codes differing in case are different questions", edit(t,
			"    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn}\n    - {id: q1, scale: jn}\n",
			"{id: i, question: Q1}", "{id: i, questions: [Q1, {id: q1, weight: 2}]}")},
		{"compact indicator declares its question", edit(t, "{id: i, question: Q1}", "{id: i, question: Q1}\n        - {id: j, question: Q9, scale: jn, reverse: true}")},
		{"bands with matching max", edit(t, "{level: 1, name: A, min: 0}", "{level: 1, name: A, min: 0, max: 50}")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := scoring.ParseModel("t.yaml", []byte(tt.src)); err != nil {
				t.Errorf("ParseModel: %v", err)
			}
		})
	}
}

// TestSumPointsBounded: under sum, weights multiply down the tree, each
// within the number bounds and their product not: the model's full score
// in points left them (1e30 here; twenty levels of 1e15 made it infinite
// and every score NaN, twenty-two of 1e-15 made it 0 and no unit scored).
func TestSumPointsBounded(t *testing.T) {
	model := func(w string) string {
		return `model:
  name: T
  aggregation: sum
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}]
  dimensions:
    - id: a
      weight: ` + w + `
      dimensions:
        - id: b
          weight: ` + w + `
          indicators: [{id: i, question: Q1}]
`
	}
	for _, tt := range []struct{ weight, want string }{
		{"1e15", "t.yaml:1:1: model: its full score in points is 1e+30, outside 1e-15 to 1e+15: the weights under sum multiply down the tree"},
		{"1e-10", "t.yaml:1:1: model: its full score in points is 1.0000000000000001e-20, outside 1e-15 to 1e+15: the weights under sum multiply down the tree"},
		{"1e7", ""},
	} {
		_, err := scoring.ParseModel("t.yaml", []byte(model(tt.weight)))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("weights %s: %q, want %q", tt.weight, got, tt.want)
		}
	}
}
