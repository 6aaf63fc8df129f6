package main

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// treatmentConfig scores Q1 and a number X whose outliers are treated, at
// a minimum group size of 5.
const treatmentConfig = `units: {id: id, name: gemeinde, municipalities: false}
report: {min_group_size: MIN}
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
//
// What the treatment did follows from those figures, and is hidden with
// them: 1, 2, 1, 3, 2, 200 (mean 209/6, Σd² = 196433/6, Σd³ = 38927200/9,
// Σd⁴ = 54012366347/72) have SKEW 6/20 · Σd³/s³ = 2.449 and KURT
// 42/60 · Σd⁴/s⁴ − 75/12 = 5.998, both past the thresholds: 200 is pulled
// in to 3 ("0/1"; after, 1, 2, 1, 3, 2, 3 are symmetric: skewness 0).
// Under a minimum of 10 analyse printed that "0/1" beside the indicator's
// hidden share at 100: one of the six numbers lies far above the others.
func TestAnalyseTreatmentDisclosure(t *testing.T) {
	s2 := 196433.0 / 30 // the six numbers' sample variance
	sixSkew := 6.0 / 20 * (38927200.0 / 9) / math.Pow(s2, 1.5)
	sixKurt := 42.0/60*(54012366347.0/72)/(s2*s2) - 75.0/12
	six := []string{"1", "2", "1", "3", "2", "200", "", ""}
	sixOfTwelve := append(slices.Clone(six), "", "", "", "") // ten units at least: the wave's figures are shown
	for _, tt := range []struct {
		name       string
		min        string   // report.min_group_size
		numbers    []string // X of the units A, B, …, "" not answered
		de, en     string   // the row of X, spaces collapsed
		suppressed bool
		skew, kurt float64 // skewness_before, kurtosis_before in --json; NaN: null
		high       int     // winsorised_high in --json; -1: null
	}{
		{"three numbers", "5", []string{"1", "2", "40", "", "", "", "", ""}, "X 3 0 •/• • • → •", "X 3 0 •/• • • → •", true, math.NaN(), math.NaN(), -1},
		{"five numbers", "5", []string{"1", "2", "3", "4", "10", "", "", ""}, "X 5 0 0/0 1,70 → 1,70", "X 5 0 0/0 1.70 → 1.70", false, 6 * math.Sqrt2 / 5, 3.152, 0},
		{"six numbers, one winsorised", "5", six, "X 6 0 0/1 2,45 → 0,00", "X 6 0 0/1 2.45 → 0.00", false, sixSkew, sixKurt, 1},
		{"six numbers under a minimum of ten", "10", sixOfTwelve, "X 6 0 •/• • • → •", "X 6 0 •/• • • → •", true, math.NaN(), math.NaN(), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := writeIn(t, dir, "config.yaml", strings.Replace(treatmentConfig, "MIN", tt.min, 1))
			rows := "id,gemeinde,Q1,X\n"
			for i, x := range tt.numbers {
				q1 := []string{"ja", "nein"}[i%2]
				rows += strconv.Itoa(i+1) + "," + string(rune('A'+i)) + "," + q1 + "," + x + "\n"
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
					High       *int     `json:"winsorised_high"`
					Low        *int     `json:"winsorised_low"`
					Log        *bool    `json:"log"`
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
			count := func(p *int) any { // the count, not its address
				if p == nil {
					return nil
				}
				return *p
			}
			flag := func(p *bool) any {
				if p == nil {
					return nil
				}
				return *p
			}
			if math.IsNaN(tt.skew) {
				if tr.SkewBefore != nil || tr.KurtBefore != nil || tr.SkewAfter != nil || tr.High != nil || tr.Low != nil || tr.Log != nil {
					t.Errorf("figures of %d units: skewness %v, kurtosis %v, after %v, winsorised %v/%v, log %v; want null",
						tr.N, val(tr.SkewBefore), val(tr.KurtBefore), val(tr.SkewAfter), count(tr.Low), count(tr.High), flag(tr.Log))
				}
				return
			}
			if tr.SkewBefore == nil || math.Abs(*tr.SkewBefore-tt.skew) > 1e-9 || tr.KurtBefore == nil || math.Abs(*tr.KurtBefore-tt.kurt) > 1e-9 {
				t.Errorf("skewness %v, kurtosis %v; want %v, %v", val(tr.SkewBefore), val(tr.KurtBefore), tt.skew, tt.kurt)
			}
			if tr.High == nil || *tr.High != tt.high || tr.Low == nil || *tr.Low != 0 || tr.Log == nil || *tr.Log {
				t.Errorf("winsorised_low %v, winsorised_high %v, log %v; want 0, %d, false", count(tr.Low), count(tr.High), flag(tr.Log), tt.high)
			}
			if strings.Contains(stdout, "NaN") {
				t.Errorf("NaN in --json:\n%s", stdout)
			}
		})
	}
}
