package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// treatmentConfig scores Q1 and a number X whose outliers are treated, at
// a minimum group size of 5.
const treatmentConfig = `units: {id: id, name: gemeinde, municipalities: false}
report: {min_group_size: 5}
model:
  name: Zahlen
  levels: {bands: [{level: 1, name: Anfang, min: 0}, {level: 2, name: Weiter, min: 50}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
    zahl: {type: numeric, min: 0, max: 1000, normalise: minmax}
  questions: [{id: Q1, scale: jn}, {id: X, scale: zahl}]
  dimensions:
    - id: d
      indicators: [{id: i1, question: Q1}, {id: ix, question: X, treatment: {outliers: default}}]
`

// TestAnalyseTreatmentDisclosure: the skewness and kurtosis of a
// question's numbers before and after outlier treatment are figures over
// the units with a number, hidden ("•", null) below report.min_group_size
// as the indicators' are; analyse printed "X  3 … 1,73 → 1,73" and --json
// "skewness_before": 1.728 of three units, beside their indicator's "•".
// Of eight units, three or five answer X. By hand, 1, 2, 3, 4, 10: mean 4,
// deviations −3, −2, −1, 0, 6, s² = 50/4, Excel's SKEW 5/(4·3) · 180/s³ =
// 6√2/5 = 1.6971 and KURT 5·6/(4·3·2) · 1394/s⁴ − 3·16/(3·2) = 3.152: below
// the thresholds (|2|, 3.5), so nothing is treated and after = before.
func TestAnalyseTreatmentDisclosure(t *testing.T) {
	for _, tt := range []struct {
		name       string
		numbers    []string // X of the units A…H, "" not answered
		de, en     string   // the row of X, spaces collapsed
		suppressed bool
		skew       float64 // skewness_before in --json; NaN: null
	}{
		{"three numbers", []string{"1", "2", "40", "", "", "", "", ""}, "X 3 0 0/0 • → •", "X 3 0 0/0 • → •", true, math.NaN()},
		{"five numbers", []string{"1", "2", "3", "4", "10", "", "", ""}, "X 5 0 0/0 1,70 → 1,70", "X 5 0 0/0 1.70 → 1.70", false, 6 * math.Sqrt2 / 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := writeIn(t, dir, "config.yaml", treatmentConfig)
			rows := "id,gemeinde,Q1,X\n"
			for i, x := range tt.numbers {
				q1 := []string{"ja", "nein"}[i%2]
				rows += string(rune('1'+i)) + "," + string(rune('A'+i)) + "," + q1 + "," + x + "\n"
			}
			in := writeIn(t, dir, "umfrage.csv", rows)
			for lang, want := range map[string]string{"de": tt.de, "en": tt.en} {
				stdout, stderr, code := MustRun(t, "-c", cfg, "analyse", "-i", "2026="+in, "--lang", lang, "-q")
				if code != exitOK || !hasLine(stdout, want) {
					t.Errorf("analyse --lang %s: exit %d, want the line %q in:\n%s%s", lang, code, want, stdout, stderr)
				}
			}
			stdout, stderr, code := MustRun(t, "-c", cfg, "analyse", "-i", "2026="+in, "--json", "-q")
			var got struct {
				Treatment []struct {
					Question   string   `json:"question"`
					N          int      `json:"n"`
					Suppressed bool     `json:"suppressed"`
					SkewBefore *float64 `json:"skewness_before"`
					KurtBefore *float64 `json:"kurtosis_before"`
					SkewAfter  *float64 `json:"skewness_after"`
				} `json:"treatment"`
			}
			if err := json.Unmarshal([]byte(stdout), &got); code != exitOK || err != nil || len(got.Treatment) != 1 {
				t.Fatalf("analyse --json: exit %d (%v):\n%s%s", code, err, stdout, stderr)
			}
			tr := got.Treatment[0]
			val := func(p *float64) any { // the number, not its address
				if p == nil {
					return nil
				}
				return *p
			}
			if tr.Suppressed != tt.suppressed {
				t.Errorf("suppressed %v, want %v", tr.Suppressed, tt.suppressed)
			}
			if math.IsNaN(tt.skew) {
				if tr.SkewBefore != nil || tr.KurtBefore != nil || tr.SkewAfter != nil {
					t.Errorf("figures of %d units: skewness %v, kurtosis %v, after %v; want null", tr.N, val(tr.SkewBefore), val(tr.KurtBefore), val(tr.SkewAfter))
				}
				return
			}
			if tr.SkewBefore == nil || math.Abs(*tr.SkewBefore-tt.skew) > 1e-12 || tr.KurtBefore == nil || math.Abs(*tr.KurtBefore-3.152) > 1e-12 {
				t.Errorf("skewness %v, kurtosis %v; want %v, 3.152", val(tr.SkewBefore), val(tr.KurtBefore), tt.skew)
			}
			if strings.Contains(stdout, "NaN") {
				t.Errorf("NaN in --json:\n%s", stdout)
			}
		})
	}
}
