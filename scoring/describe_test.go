package scoring_test

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// describeModel has one scale of every kind the Describer words.
const describeModel = `model:
  name: Beschreibung
  levels:
    bands: [{level: 1, name: Eins, min: 0}]
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}, unlisted: 0}
    exakt: {match: exact, map: {Ja: 1, Nein: 0}}
    anzahl: {type: numeric, min: 0, max: 100, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {points: 1}]}
    anteil: {type: numeric, goalposts: [0, 100]}
    relativ: {type: numeric, normalise: minmax}
    standard: {type: numeric, normalise: zscore, zscore: [50, 12.5]}
    rang: {type: numeric, normalise: rank}
    roh: {type: numeric, min: 0, max: 1}
    wege: {type: multi, items: [post, {code: web, label: Internet}, app], empty: none}
    zahl: {type: multi, score: count, separator: ",", items: [a, b], bins: [{max: 0, points: 0}, {points: 1}]}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: exakt, reverse: true}
    - {id: Q3, scale: anzahl}
    - {id: Q4, scale: anteil}
    - {id: Q5, scale: relativ}
    - {id: Q6, scale: standard}
    - {id: Q7, scale: rang}
    - {id: Q8, scale: roh}
    - {id: Q9, scale: wege}
    - {id: Q10, scale: zahl}
  dimensions:
    - id: d
      name: D
      indicators:
        - {id: i, name: I, questions: [Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8, Q9, Q10]}
`

// TestDescriber checks the phrases of every kind of scale, written by
// hand from the model above, in both languages.
func TestDescriber(t *testing.T) {
	m, err := scoring.ParseModel("describe.yaml", []byte(describeModel))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q      scoring.QuestionID
		de, en string
	}{
		{"Q1", `„ja“ = 1, „teilweise“ = 0,5, „nein“ = 0, andere Antworten = 0`, `“ja” = 1, “teilweise” = 0.5, “nein” = 0, other answers = 0`},
		{"Q2", `„Ja“ = 1, „Nein“ = 0; genaue Schreibung, auch Groß- und Kleinschreibung und Leerzeichen (umgepolt: Punkte = 1 − Punkte der Skala)`,
			`“Ja” = 1, “Nein” = 0; exact spelling, case and spaces included (reversed: points = 1 − the scale's points)`},
		{"Q3", `zulässig 0 bis 100; bis 0 → 0; bis 9 → 0,5; mehr → 1`, `allowed 0 to 100; up to 0 → 0; up to 9 → 0.5; more → 1`},
		{"Q4", `linear: 0 → 0, 100 → 1`, `linear: 0 → 0, 100 → 1`},
		{"Q5", `linear zwischen kleinstem und größtem Wert der Welle`, `linear between the smallest and largest value of the wave`},
		{"Q6", `Standardwert: der Mittelwert der Welle ergibt 50 von 100 Punkten, jede Standardabweichung (der Stichprobe, n − 1) mehr 12,5`,
			`standard score: the wave's mean gives 50 points of 100, each standard deviation (of the sample, n − 1) more 12.5`},
		{"Q7", `Rang: Anteil der anderen Einheiten der Welle mit einer kleineren Zahl`, `rank: the share of the other units of the wave with a smaller number`},
		{"Q8", `zulässig 0 bis 1; Zahl = Punkte`, `allowed 0 to 1; number = points`},
		{"Q9", `Anteil der angekreuzten unter 3 Optionen: post, Internet (web), app; leer = nichts angekreuzt`,
			`share ticked of 3 options: post, Internet (web), app; empty = nothing ticked`},
		{"Q10", `Zahl der angekreuzten Optionen (a, b), dann bis 0 → 0; mehr → 1; getrennt durch „,“; leer = nicht beantwortet`,
			`number of options ticked (a, b), then up to 0 → 0; more → 1; separated by “,”; empty = not answered`},
	}
	de, en := scoring.NewDescriber(scoring.German), scoring.NewDescriber(scoring.English)
	for _, tt := range tests {
		q := m.Question(tt.q)
		if got := de.Question(q); got != tt.de {
			t.Errorf("%s in German:\n got %s\nwant %s", tt.q, got, tt.de)
		}
		if got := en.Question(q); got != tt.en {
			t.Errorf("%s in English:\n got %s\nwant %s", tt.q, got, tt.en)
		}
	}
}

// TestDescriberCriterion: a staged level's criterion reads as the model
// labels it, else as "node ≥ minimum" in the language's numbers.
func TestDescriberCriterion(t *testing.T) {
	m, err := scoring.ParseModel("describe.yaml", []byte(describeModel))
	if err != nil {
		t.Fatal(err)
	}
	d := m.Node("d").Index
	for _, tt := range []struct {
		c      scoring.Criterion
		de, en string
	}{
		{scoring.Criterion{Node: d, Min: 37.5}, "D ≥ 37,5", "D ≥ 37.5"},
		{scoring.Criterion{Node: 0, Min: 70}, "Beschreibung ≥ 70", "Beschreibung ≥ 70"},
		{scoring.Criterion{Node: d, Min: 40, Label: "Grundlagen"}, "Grundlagen", "Grundlagen"},
	} {
		if got := scoring.NewDescriber(scoring.German).Criterion(m, tt.c); got != tt.de {
			t.Errorf("German: %q, want %q", got, tt.de)
		}
		if got := scoring.NewDescriber(scoring.English).Criterion(m, tt.c); got != tt.en {
			t.Errorf("English: %q, want %q", got, tt.en)
		}
	}
}

// TestDescriberNames: every node kind, aggregation, missing-data policy
// and missing-code meaning has a name in both languages.
func TestDescriberNames(t *testing.T) {
	for _, d := range []scoring.Describer{scoring.NewDescriber(scoring.German), scoring.NewDescriber(scoring.English)} {
		for _, k := range []scoring.NodeKind{scoring.KindOverall, scoring.KindDimension, scoring.KindIndicator} {
			if d.Kind(k) == "" {
				t.Errorf("%v: no name for node kind %v", d.Lang, k)
			}
		}
		for _, a := range []scoring.Aggregation{scoring.Mean, scoring.Geometric, scoring.Minimum, scoring.Maximum, scoring.Sum} {
			if d.Aggregation(a) == "" {
				t.Errorf("%v: no name for aggregation %v", d.Lang, a)
			}
		}
		for _, p := range []scoring.MissingPolicy{scoring.Reweight, scoring.Zero, scoring.Impute} {
			if d.Policy(p) == "" {
				t.Errorf("%v: no name for policy %v", d.Lang, p)
			}
		}
		for _, s := range []scoring.Status{scoring.Blank, scoring.Unknown, scoring.NotApplicable} {
			if d.Status(s) == "" {
				t.Errorf("%v: no name for status %v", d.Lang, s)
			}
		}
	}
}
