package scoring_test

import (
	"fmt"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// exampleConfig is a small model as it would stand in config.yaml.
const exampleConfig = `model:
  name: Beispielmodell
  missing:
    min_coverage: 0.5
    codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    bands:
      - {level: 1, name: Einsteiger, min: 0}
      - {level: 2, name: Fortgeschritten, min: 50}
  peer_groups:
    - {id: kreis, name: Landkreis, attribute: district}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    dienste: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {points: 1}]}
  questions:
    - {id: S01, scale: janein, text: "Gibt es eine Digitalisierungsstrategie?"}
    - {id: O01, scale: dienste, text: "Wie viele Leistungen sind online?"}
  dimensions:
    - id: strategie
      name: Strategie
      weight: 2
      indicators: [{id: strategie_vorhanden, name: Strategie vorhanden, question: S01}]
    - id: online
      name: Online-Dienste
      indicators: [{id: anzahl, name: Zahl der Leistungen, question: O01}]
`

func ExampleParseModel() {
	m, err := scoring.ParseModel("config.yaml", []byte(exampleConfig))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range m.Nodes {
		fmt.Printf("%s%s (weight %v, %s)\n", strings.Repeat("  ", n.Depth), n.Name, n.Weight, n.Aggregation)
	}
	// Output:
	// Beispielmodell (weight 1, mean)
	//   Strategie (weight 2, mean)
	//     Strategie vorhanden (weight 1, mean)
	//   Online-Dienste (weight 1, mean)
	//     Zahl der Leistungen (weight 1, mean)
}

func ExampleParseModel_errors() {
	broken := strings.Replace(exampleConfig, "scale: dienste", "scale: diensste", 1)
	broken = strings.Replace(broken, "weight: 2", "weight: 0", 1)
	_, err := scoring.ParseModel("config.yaml", []byte(broken))
	fmt.Println(err)
	// Output:
	// config.yaml:17:7: model.questions[1]: question "O01": unknown scale "diensste"
	// config.yaml:19:7: model.dimensions[0].weight: weight must be positive, got 0 (to ask a question for information only, leave it out of the indicators and mark it context: true under questions)
}

func ExampleScale_Parse() {
	m, _ := scoring.ParseModel("config.yaml", []byte(exampleConfig))
	janein, dienste := m.Scales["janein"], m.Scales["dienste"]
	for _, raw := range []string{" Ja ", "teilweise", "weiß nicht", "nicht zutreffend", "-9", "jein"} {
		a := janein.Parse(raw)
		fmt.Printf("%-18q %-14s %v\n", raw, a.Status, a.Value)
	}
	a := dienste.Parse("3,5")
	fmt.Printf("%-18q %-14s %v points\n", "3,5", a.Status, dienste.Points(a.Value))
	// Output:
	// " Ja "             answered       1
	// "teilweise"        answered       0.5
	// "weiß nicht"       unknown        0
	// "nicht zutreffend" not_applicable 0
	// "-9"               blank          0
	// "jein"             invalid        0
	// "3,5"              answered       0.5 points
}

func ExampleScore() {
	m, _ := scoring.ParseModel("config.yaml", []byte(exampleConfig))
	ds := &scoring.Dataset{Responses: []scoring.Response{
		{Wave: "2026", Unit: scoring.Unit{ID: "14511000", Name: "Chemnitz", District: "Chemnitz"}, Answers: scoring.AnswersOf("ja", "120")},
		{Wave: "2026", Unit: scoring.Unit{ID: "14522080", Name: "Flöha", District: "Mittelsachsen"}, Answers: scoring.AnswersOf("teilweise", "4")},
		{Wave: "2026", Unit: scoring.Unit{ID: "14522240", Name: "Leisnig", District: "Mittelsachsen"}, Answers: scoring.AnswersOf("weiß nicht", "0")},
	}}
	res := scoring.Score(m, ds)
	for _, u := range res.Units {
		o := u.Overall()
		level := m.Levels.ByOrdinal(u.Level)
		if !o.Scored() {
			fmt.Printf("%-9s not scored (%s, coverage %.0f %%)\n", u.Unit.Name, o.State, 100*o.Coverage)
			continue
		}
		fmt.Printf("%-9s %5.1f  %-15s rank %d, in %s rank %d of %d\n", u.Unit.Name, o.Score, level, u.State.Rank, u.Peers[0].Group, u.Peers[0].Rank, u.Peers[0].N)
	}
	// Output:
	// Chemnitz  100.0  Fortgeschritten rank 1, in Chemnitz rank 1 of 1
	// Flöha      50.0  Fortgeschritten rank 2, in Mittelsachsen rank 1 of 1
	// Leisnig   not scored (low_coverage, coverage 33 %)
}

func ExampleResults_Change() {
	m, _ := scoring.ParseModel("config.yaml", []byte(exampleConfig))
	unit := scoring.Unit{ID: "14522080", Name: "Flöha", District: "Mittelsachsen"}
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		{Wave: "2024", Unit: unit, Answers: scoring.AnswersOf("nein", "4")},
		{Wave: "2026", Unit: unit, Answers: scoring.AnswersOf("teilweise", "12")},
	}})
	u := &res.Units[1]
	if c, ok := res.Change(u, 0); ok {
		fmt.Printf("%s: %.1f in %s, %.1f in %s (%+.1f)\n", u.Unit.Name, c.Before, c.From, c.After, c.To, c.Delta)
	}
	g, _ := res.GroupChange(res.Group("2026", 0, "Mittelsachsen"), 0)
	fmt.Printf("Mittelsachsen: mean %+.1f, %d units in both waves\n", g.Delta, g.Panel)
	// Output:
	// Flöha: 16.7 in 2024, 66.7 in 2026 (+50.0)
	// Mittelsachsen: mean +50.0, 1 units in both waves
}

func ExampleMethodology() {
	m, _ := scoring.ParseModel("config.yaml", []byte(exampleConfig))
	fmt.Println(scoring.Methodology(m, scoring.English)[0])
	// Output:
	// The model “Beispielmodell” evaluates 2 questions. They form 2 indicators, grouped into 2 dimensions.
}

func ExampleDescribe() {
	s := scoring.Describe([]float64{40, 10, 30, 20})
	fmt.Printf("n %d, mean %v, Q1 %v, median %v, Q3 %v\n", s.N, s.Mean, s.Q1, s.Median, s.Q3)
	// Output:
	// n 4, mean 25, Q1 17.5, median 25, Q3 32.5
}
