package example

import (
	"fmt"
	"strings"
)

// SyntheticModel returns the YAML of a config with a generated model of n
// questions (n ≥ 6) in six dimensions, using every kind of scale the
// default model uses, for tests and benchmarks at scale. It keeps the
// settings of a municipal survey (AGS ids, the bundled register named by
// register).
func SyntheticModel(n int, register string) string {
	n = max(n, 6)
	var b strings.Builder
	fmt.Fprintf(&b, `units: {id: ags, name: gemeinde, municipalities: true, register: %s}
model:
  name: Synthetisches Modell (%d Fragen)
  missing:
    policy: reweight
    min_coverage: 0.6
    codes: {"-9": blank, "k.A.": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    method: threshold
    bands:
      - {level: 1, name: Einsteiger, min: 0}
      - {level: 2, name: Grundlagen, min: 20}
      - {level: 3, name: Fortgeschritten, min: 40}
      - {level: 4, name: Etabliert, min: 60}
      - {level: 5, name: Vorreiter, min: 80}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    zustimmung: {map: {trifft voll zu: 1, trifft eher zu: 0.75, teils/teils: 0.5, trifft eher nicht zu: 0.25, trifft nicht zu: 0}}
    ozg: {map: {"0": 0, "1": 0.25, "2": 0.5, "3": 0.75, "4": 1}}
    prozent: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    anzahl: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.4}, {max: 49, points: 0.7}, {points: 1}]}
    massnahmen: {type: multi, separator: ";", items: [Alpha, Beta, Gamma, Delta, Epsilon]}
  questions:
`, register, n)
	scales := []string{"janein", "zustimmung", "ozg", "janein", "prozent", "zustimmung", "anzahl", "massnahmen"}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "    - {id: F%03d, scale: %s, text: \"Synthetische Frage %d\"}\n", i, scales[i%len(scales)], i)
	}
	b.WriteString("  dimensions:\n")
	per := (n + 5) / 6
	for d := 0; d < 6; d++ {
		lo, hi := d*per+1, min((d+1)*per, n)
		if lo > hi {
			break
		}
		fmt.Fprintf(&b, "    - id: dim%d\n      name: Dimension %d\n      weight: %d\n      indicators:\n", d+1, d+1, 1+d%2)
		for i := lo; i <= hi; i++ {
			fmt.Fprintf(&b, "        - {id: ind%03d, question: F%03d, weight: %d}\n", i, i, 1+i%3)
		}
	}
	return b.String()
}
