package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestSkewnessKurtosisByHand(t *testing.T) {
	// {0, 0, 0, 0, 1}: mean 0.2, Σd² = 0.8, Σd³ = 0.48, Σd⁴ = 0.416, so
	// skewness = √5·0.48/0.8^1.5 · √20/3 = √5 and
	// kurtosis = ((6·(5·0.416/0.64 − 3) + 6)·4)/(3·2) = 5 (Excel: SKEW 2.236, KURT 5).
	// 1…10: symmetric, skewness 0; Excel's KURT gives −1.2.
	tests := []struct {
		name       string
		xs         []float64
		skew, kurt float64
	}{
		{"one_of_five", []float64{0, 0, 0, 0, 1}, math.Sqrt(5), 5},
		{"one_to_ten", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, -1.2},
		{"too_few", []float64{1, 2}, math.NaN(), math.NaN()},
		// {1, 2, 4}: mean 7/3, d = (−4/3, −1/3, 5/3), Σd² = 42/9, Σd³ =
		// 60/27; skewness = √3·(60/27)/(42/9)^1.5 · √(3·2)/1; too few for
		// kurtosis.
		{"three", []float64{1, 2, 4}, math.Sqrt(3) * (60.0 / 27) / math.Pow(42.0/9, 1.5) * math.Sqrt(6), math.NaN()},
		{"no_spread", []float64{3, 3, 3, 3}, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scoring.Skewness(tt.xs); !close(got, tt.skew) {
				t.Errorf("Skewness: got %v, want %v", got, tt.skew)
			}
			if got := scoring.Kurtosis(tt.xs); !close(got, tt.kurt) {
				t.Errorf("Kurtosis: got %v, want %v", got, tt.kurt)
			}
		})
	}
}

// close compares two numbers to 1e-12, NaN equal to NaN.
func close(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b))
}

// numbersModel is a model of one numeric question X treated as given.
func numbersModel(scale, treatment string) string {
	return `model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    zahl: ` + scale + `
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl` + treatment + `}
`
}

// treatNumbers scores the numbers xs as answers to X and returns the
// treatment of X.
func treatNumbers(t *testing.T, m *scoring.Model, xs []float64) (*scoring.Results, *scoring.TreatedQuestion) {
	t.Helper()
	ds := &scoring.Dataset{}
	for i, x := range xs {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + i))},
			Answers: scoring.AnswersOf(strconv.FormatFloat(x, 'g', -1, 64))})
	}
	r := scoring.Score(m, ds)
	return r, r.Treated(0, 0)
}

func TestOutliersByHand(t *testing.T) {
	ten := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name     string
		outliers string
		xs       []float64
		want     []float64 // treated numbers
		high     int
		log      bool
	}{
		// COINr's own example, c(1:10, 30, 100): skewness 3.06, kurtosis
		// 9.74; pulling 100 in to 30 leaves skewness 1.71 < 2: done.
		{"one_step", "{winsorise: 5}", append(ten[:10:10], 30, 100), append(ten[:10:10], 30, 30), 1, false},
		// Already within: 1…10 has skewness 0.
		{"passes", "{winsorise: 5}", ten, ten, 0, false},
		// 18 zeros, 1 and 100 (skewness 4.47, kurtosis 20.0): one point
		// allowed, 100 → 1 leaves skewness 2.89 and kurtosis 7.04, so the
		// untreated numbers are log-transformed: ln(x − 0 + 0.01·100).
		{"log_after_winsorising", "{winsorise: 1}", append(make([]float64, 18), 1, 100),
			append(make([]float64, 18), math.Log(2), math.Log(101)), 0, true},
		// No winsorising allowed: log at once. 1…10, 100: min 1, max 100,
		// ln(x − 1 + 0.01·99).
		{"log_only", "{winsorise: 0}", append(ten[:10:10], 100), logShifted(append(ten[:10:10], 100), -1+0.99), 0, true},
		// Without log, a failing column stays winsorised as far as allowed.
		{"no_log", "{winsorise: 1, log: false}", append(make([]float64, 18), 1, 100), append(make([]float64, 18), 1, 1), 1, false},
		{"none", "none", append(ten[:10:10], 100), append(ten[:10:10], 100), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, numbersModel("{type: numeric, normalise: minmax}", ", treatment: {outliers: "+tt.outliers+"}"))
			_, tq := treatNumbers(t, m, tt.xs)
			for i, v := range tq.Values {
				if !close(v.Treated, tt.want[i]) {
					t.Errorf("unit %d: treated %v, want %v", i, v.Treated, tt.want[i])
				}
				if (v.Flags&scoring.TreatLog != 0) != tt.log {
					t.Errorf("unit %d: flags %v, log want %v", i, v.Flags, tt.log)
				}
			}
			if tq.WinsorisedHigh != tt.high || tq.WinsorisedLow != 0 || tq.Log != tt.log {
				t.Errorf("winsorised high %d low %d log %v, want %d 0 %v", tq.WinsorisedHigh, tq.WinsorisedLow, tq.Log, tt.high, tt.log)
			}
		})
	}
}

// logShifted returns ln(x + shift) for each x.
func logShifted(xs []float64, shift float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Log(x + shift)
	}
	return out
}

func TestWinsoriseLow(t *testing.T) {
	// Mirror of the one-step case: −100 is pulled up to −30.
	xs := []float64{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -30, -100}
	m := mustParse(t, numbersModel("{type: numeric, normalise: minmax}", ", treatment: {outliers: default}"))
	_, tq := treatNumbers(t, m, xs)
	if tq.WinsorisedLow != 1 || tq.WinsorisedHigh != 0 {
		t.Fatalf("winsorised low %d high %d, want 1 0", tq.WinsorisedLow, tq.WinsorisedHigh)
	}
	if v := tq.Values[11]; v.Treated != -30 || v.Flags&scoring.TreatWinsorisedLow == 0 {
		t.Errorf("−100: treated %v flags %v, want −30 winsorised_low", v.Treated, v.Flags)
	}
}

func TestNormaliseByHand(t *testing.T) {
	tests := []struct {
		name, scale, extra string
		xs, want           []float64 // want: Normalised, 0–100
	}{
		// mean 2, sd 1: z = −1, 0, 1 → 50 + 10z.
		{"zscore", "{type: numeric, normalise: zscore}", "", []float64{1, 2, 3}, []float64{40, 50, 60}},
		{"zscore_reversed", "{type: numeric, normalise: zscore}", ", reverse: true", []float64{1, 2, 3}, []float64{60, 50, 40}},
		{"zscore_placed", "{type: numeric, normalise: zscore, zscore: [0, 1]}", "", []float64{1, 2, 3}, []float64{-1, 0, 1}},
		// ranks 1, 2.5, 2.5, 4 → (r − 1)/3.
		{"rank", "{type: numeric, normalise: rank}", "", []float64{10, 20, 20, 30}, []float64{0, 50, 50, 100}},
		{"rank_reversed", "{type: numeric, normalise: rank}", ", reverse: true", []float64{10, 20, 20, 30}, []float64{100, 50, 50, 0}},
		{"minmax", "{type: numeric, normalise: minmax}", "", []float64{10, 20, 30}, []float64{0, 50, 100}},
		{"minmax_equal", "{type: numeric, normalise: minmax}", "", []float64{7, 7}, []float64{100, 100}},
		{"goalposts", "{type: numeric, goalposts: [0, 20]}", "", []float64{10, 30}, []float64{50, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, numbersModel(tt.scale, tt.extra))
			r, tq := treatNumbers(t, m, tt.xs)
			for i, v := range tq.Values {
				if !close(v.Normalised, tt.want[i]) {
					t.Errorf("unit %d: normalised %v, want %v", i, v.Normalised, tt.want[i])
				}
				if s := r.WaveUnits(0)[i].Nodes.At(0).Score; !close(s, tt.want[i]) {
					t.Errorf("unit %d: overall %v, want %v", i, s, tt.want[i])
				}
			}
		})
	}
}

// denominatorModel divides X by the context question E, per 10, and
// imputes by the given method within districts.
func denominatorModel(impute string) string {
	return `model:
  name: T
  missing: {codes: {nz: not_applicable}}
  levels: {bands: [{level: 1, name: A, min: 0}]}
  peer_groups: [{id: kreis, attribute: district}]
  treatment: {impute: ` + impute + `}
  scales:
    zahl: {type: numeric, normalise: minmax}
  questions:
    - {id: E, scale: zahl, context: true}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl,
           denominator: {by: E, per: 10}}
`
}

func TestDenominateImputeByHand(t *testing.T) {
	// unit: district, X, E → X/E·10
	//   a K1 10 2 → 50      b K1 30 3 → 100     c K1 — 5 → missing
	//   d K2  8 0 → ÷0      e K2 nz 1 → n/a     f —  20 4 → 50
	//   g —  — 1 → missing
	// Imputed from the answered 50, 100, 50 (wave mean 200/3, median
	// 50; K1 mean 75, median 75); d's group K2 has no number, so group
	// methods fall back to the wave, as for g, who has no group. Each
	// mean or median needs min_group_size numbers (scoring.ImputeFrom):
	// with 3, K1's two give way to the wave's three; with 4 nothing is
	// imputed — c's number would be a and b's mean, a group of two.
	rows := []struct{ id, district, x, e string }{
		{"a", "K1", "10", "2"}, {"b", "K1", "30", "3"}, {"c", "K1", "", "5"},
		{"d", "K2", "8", "0"}, {"e", "K2", "nz", "1"}, {"f", "", "20", "4"}, {"g", "", "", "1"},
	}
	const na = -1.0
	tests := []struct {
		impute  string
		min     int     // report.min_group_size
		c, d, g float64 // imputed numbers
		fromAll string  // units flagged imputed_from_wave
	}{
		{"group_mean", 1, 75, 200.0 / 3, 200.0 / 3, "dg"},
		{"group_median", 1, 75, 50, 50, "dg"},
		{"mean", 1, 200.0 / 3, 200.0 / 3, 200.0 / 3, ""},
		{"median", 1, 50, 50, 50, ""},
		{"none", 1, na, na, na, ""},
		{"group_mean", 2, 75, 200.0 / 3, 200.0 / 3, "dg"},
		{"group_mean", 3, 200.0 / 3, 200.0 / 3, 200.0 / 3, "cdg"},
		{"group_median", 3, 50, 50, 50, "cdg"},
		{"group_mean", 4, na, na, na, ""},
		{"median", 4, na, na, na, ""},
		{"mean", 0, na, na, na, ""}, // 0: DefaultMinGroupSize, 5
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/min%d", tt.impute, tt.min), func(t *testing.T) {
			m := mustParse(t, denominatorModel(tt.impute))
			m.MinGroupSize = tt.min
			x := m.Question("X").Index
			ds := &scoring.Dataset{}
			for _, r := range rows {
				ans := make([]string, len(m.Questions))
				ans[x], ans[m.Question("E").Index] = r.x, r.e
				ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(ans...),
					Unit: scoring.Unit{ID: scoring.UnitID(r.id), District: r.district}})
			}
			if err := m.CheckData(ds); err != nil {
				t.Fatalf("CheckData: %v", err)
			}
			res := scoring.Score(m, ds)
			tq := res.Treated(0, x)
			want := []float64{50, 100, tt.c, tt.d, na, 50, tt.g}
			for i, v := range tq.Values {
				id := rows[i].id
				if w := want[i]; (w == na) != !v.Has || (v.Has && !close(v.Imputed, w)) {
					t.Errorf("%s: imputed %v (has %v), want %v", id, v.Imputed, v.Has, w)
				}
				imputed := v.Flags&scoring.TreatImputed != 0
				if wantImp := strings.Contains("cdg", id) && want[i] != na; imputed != wantImp {
					t.Errorf("%s: flags %v, imputed want %v", id, v.Flags, wantImp)
				}
				if fromAll := v.Flags&scoring.TreatImputedFromWave != 0; fromAll != strings.Contains(tt.fromAll, id) {
					t.Errorf("%s: flags %v, from wave want %v", id, v.Flags, !fromAll)
				}
				// An imputed number scores but counts as not answered.
				s := res.WaveUnits(0)[i].Nodes.At(m.Node("i").Index)
				if v.Has && (s.Imputed != imputed || (s.Coverage == 0) != imputed) {
					t.Errorf("%s: indicator imputed %v coverage %v", id, s.Imputed, s.Coverage)
				}
			}
			if v := tq.Values[3]; v.Flags&scoring.TreatDivisionByZero == 0 || v.Denominated != 0 {
				t.Errorf("d: flags %v denominated %v, want a division by zero and no number", v.Flags, v.Denominated)
			}
			if v := tq.Values[0]; v.Denominator != 2 || v.Denominated != 50 || v.Flags&scoring.TreatDenominated == 0 {
				t.Errorf("a: denominator %v denominated %v flags %v", v.Denominator, v.Denominated, v.Flags)
			}
			var found []string
			for _, is := range res.Issues {
				if is.Kind == scoring.IssueDenominator {
					found = append(found, string(is.Unit))
				}
			}
			if strings.Join(found, ",") != "d" {
				t.Errorf("denominator issues for %v, want d", found)
			}
		})
	}
}

func TestCheckDataDenominator(t *testing.T) {
	m := mustParse(t, denominatorModel("none"))
	x, e := m.Question("X").Index, m.Question("E").Index
	ds := &scoring.Dataset{}
	add := func(wave, xv, ev string) {
		ans := make([]string, len(m.Questions))
		ans[x], ans[e] = xv, ev
		ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(wave), Answers: scoring.AnswersOf(ans...), Unit: scoring.Unit{ID: scoring.UnitID(wave + xv + ev)}})
	}
	add("2024", "1", "2")
	add("2024", "2", "0")
	add("2026", "1", "0")
	add("2026", "2", "")
	add("2026", "", "3") // E without X does not count
	err := m.CheckData(ds)
	want := `test.yaml:15:25: model.dimensions[0].indicators[0].denominator: denominator "E" of question X is empty or 0 for every unit in wave 2026`
	if err == nil || err.Error() != want {
		t.Errorf("CheckData:\n got: %v\nwant: %s", err, want)
	}
}

func TestTreatmentLoadErrors(t *testing.T) {
	base := func(extra string) string {
		return `model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    zahl: {type: numeric, normalise: minmax}
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: E, scale: zahl, context: true}
    - {id: J, scale: jn, context: true}
  dimensions:
    - id: d
      indicators:
` + extra
	}
	tests := []struct{ name, src, want string }{
		{"map_question", base("        - {id: i, question: J, treatment: {impute: mean}}\n"),
			`t.yaml:13:43: model.dimensions[0].indicators[0]: question "J" is not answered with a number (scale "jn"): it cannot be treated or divided`},
		{"unknown_denominator", base("        - {id: i, question: X, scale: zahl, denominator: Einwohner}\n"),
			`t.yaml:13:58: model.dimensions[0].indicators[0].denominator: unknown denominator "Einwohner" (want a question id, or "population" for the unit's population)`},
		{"map_denominator", base("        - {id: i, question: X, scale: zahl, denominator: J}\n"),
			`t.yaml:13:58: model.dimensions[0].indicators[0].denominator: denominator "J" is not answered with a number`},
		{"bad_per", base("        - {id: i, question: X, scale: zahl, denominator: {by: E, per: 0}}\n"),
			`t.yaml:13:58: model.dimensions[0].indicators[0].denominator.per: per must be a positive number, got 0`},
		{"per_too_large", base("        - {id: i, question: X, scale: zahl, denominator: {by: E, per: 1e20}}\n"),
			`t.yaml:13:58: model.dimensions[0].indicators[0].denominator.per: per must be between 1e-15 and 1e+15, got 1e+20`},
		{"bad_impute", base("        - {id: i, question: X, scale: zahl, treatment: {impute: modal}}\n"),
			`t.yaml:13:56: model.dimensions[0].indicators[0].treatment.impute: unknown imputation "modal" (want none, group_mean, group_median, mean, median)`},
		{"bad_outliers", base("        - {id: i, question: X, scale: zahl, treatment: {outliers: sometimes}}\n"),
			`t.yaml:13:67: model.dimensions[0].indicators[0].treatment.outliers: unknown outlier treatment "sometimes" (want none, default, or a mapping with winsorise, skewness, kurtosis, log)`},
		{"bad_skewness", base("        - {id: i, question: X, scale: zahl, treatment: {outliers: {skewness: -1}}}\n"),
			`t.yaml:13:67: model.dimensions[0].indicators[0].treatment.outliers.skewness: the skewness threshold must be positive, got -1`},
		{"unknown_key", base("        - {id: i, question: X, scale: zahl, treatment: {outliers: {winsorize: 3}}}\n"),
			`t.yaml:13:68: model.dimensions[0].indicators[0].treatment.outliers: unknown key "winsorize" (known: winsorise, skewness, kurtosis, log)`},
		{"unknown_peer_group", base("        - {id: i, question: X, scale: zahl, treatment: {impute: group_mean, impute_by: land}}\n"),
			`t.yaml:13:56: model.dimensions[0].indicators[0].treatment.impute_by: unknown peer group "land"`},
		{"dimension", base("        - {id: i, question: X, scale: zahl}\n    - id: d2\n      denominator: E\n      indicators: [{id: k, question: E}]\n"),
			`t.yaml:14:7: model.dimensions[1]: treatment and denominator belong to an indicator read from one question (or to the question)`},
		{"zscore_params", strings.Replace(base("        - {id: i, question: X, scale: zahl}\n"), "normalise: minmax}", "normalise: zscore, zscore: [50, 0]}", 1),
			`t.yaml:5:11: model.scales.zahl.zscore: zscore must be [mean, sd] with a positive sd, on the 0–100 scale`},
		// A log transform puts the numbers on another scale than bins and
		// goalposts are written on: with outliers: default on the example's
		// model every municipality got 25 points for its number of online
		// services in 2024 (bins 0 → 0, up to 9 → 25, …), 0 and 45 alike.
		{"log_on_bins", strings.Replace(base("        - {id: i, question: X, scale: zahl, treatment: {outliers: default}}\n"), "normalise: minmax}", "bins: [{max: 0, points: 0}, {max: 9, points: 0.25}, {points: 1}]}", 1),
			`t.yaml:13:67: model.dimensions[0].indicators[0].treatment.outliers: question X: its scale "zahl" gives points by bins on the number as answered, which a log-transformed number would be read against; log transforms suit a normalisation over the wave (normalise: minmax, zscore or rank) — else set log: false, or outliers: none on the question`},
		{"log_on_goalposts_from_the_model", strings.Replace(strings.Replace(base("        - {id: i, question: X, scale: zahl}\n"), "normalise: minmax}", "goalposts: [0, 100]}", 1), "  scales:", "  treatment: {outliers: {winsorise: 3}}\n  scales:", 1),
			`t.yaml:4:25: model.treatment.outliers: question X: its scale "zahl" gives points by goalposts on the number as answered, which a log-transformed number would be read against; log transforms suit a normalisation over the wave (normalise: minmax, zscore or rank) — else set log: false, or outliers: none on the question`},
		{"log_on_the_number_itself", strings.Replace(base("        - {id: i, question: X, scale: zahl, treatment: {outliers: {log: true, winsorise: 0}}}\n"), "normalise: minmax}", "min: 0, max: 1}", 1),
			`t.yaml:13:67: model.dimensions[0].indicators[0].treatment.outliers: question X: its scale "zahl" takes the number itself as points on the number as answered, which a log-transformed number would be read against; log transforms suit a normalisation over the wave (normalise: minmax, zscore or rank) — else set log: false, or outliers: none on the question`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scoring.ParseModel("t.yaml", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseModel:\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
	// Winsorising alone keeps the numbers on their scale (COINr normalises
	// winsorised numbers by goalposts too), and a question may take the
	// model's log transform back.
	for _, src := range []string{
		strings.Replace(base("        - {id: i, question: X, scale: zahl, treatment: {outliers: {log: false}}}\n"), "normalise: minmax}", "goalposts: [0, 100]}", 1),
		strings.Replace(strings.Replace(base("        - {id: i, question: X, scale: zahl, treatment: {outliers: none}}\n        - {id: k, question: E}\n"), "    zahl: {type: numeric, normalise: minmax}", "    zahl: {type: numeric, bins: [{max: 9, points: 0}, {points: 1}]}\n    welle: {type: numeric, normalise: rank}", 1), "{id: E, scale: zahl", "{id: E, scale: welle", 1) + "  treatment: {outliers: default}\n",
	} {
		if _, err := scoring.ParseModel("t.yaml", []byte(src)); err != nil {
			t.Errorf("ParseModel: %v\n%s", err, src)
		}
	}
}

// treatedDataset answers testdata/treatment.yaml at random: skewed
// numbers with gaps, zeros in the denominator E and unknown populations.
func treatedDataset(m *scoring.Model, seed uint64, n int) *scoring.Dataset {
	r := rand.New(rand.NewPCG(seed, 3))
	num := func() string {
		switch r.IntN(10) {
		case 0:
			return ""
		case 1:
			return strconv.Itoa(1000 + r.IntN(100000)) // an outlier
		}
		return strconv.FormatFloat(math.Round(r.ExpFloat64()*1000)/100, 'f', -1, 64)
	}
	ds := &scoring.Dataset{}
	for i := range n {
		ans := make([]string, len(m.Questions))
		for qi := range ans {
			ans[qi] = num()
		}
		if r.IntN(8) == 0 {
			ans[m.Question("E").Index] = "0"
		}
		pop := 0
		if r.IntN(10) > 0 {
			pop = 500 + r.IntN(50000)
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(ans...),
			Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("u%03d", i)), District: fmt.Sprint("K", r.IntN(4)), Population: pop}})
	}
	return ds
}

// TestEvaluatorTreated: the Evaluator re-scores units of a model with
// every part of the treatment stage exactly as the engine scored them, and
// PointsFor gives a unit's own answer exactly the engine's points.
func TestEvaluatorTreated(t *testing.T) {
	m := MustModel(t, "testdata/treatment.yaml")
	var logged, winsorised, imputed, divided int // the data must reach every stage
	for seed := range uint64(20) {
		res := scoring.Score(m, treatedDataset(m, seed, 60))
		ev := scoring.NewEvaluator(res, 0)
		nodes := make([]scoring.NodeScore, len(m.Nodes))
		units := res.WaveUnits(0)
		for i := range units {
			u := &units[i]
			lv, _ := ev.Evaluate(u, ev.Inputs(u, nil), nodes)
			if k := sameNodes(u.Nodes.AppendTo(nil), nodes); k >= 0 || lv != u.Level {
				t.Fatalf("seed %d, %s: node %d: engine %+v, evaluator %+v", seed, u.Unit.ID, k, u.Nodes.At(max(k, 0)), nodes[max(k, 0)])
			}
		}
		for _, tq := range res.Treatments() {
			if tq.Log {
				logged++
			}
			winsorised += tq.WinsorisedHigh
			imputed += tq.Imputed
			for i, v := range tq.Values {
				if v.Flags&scoring.TreatDivisionByZero != 0 {
					divided++
				}
				if v.Flags&scoring.TreatAnswered == 0 || !v.Has || v.Flags&scoring.TreatImputed != 0 {
					continue
				}
				p, ok := tq.PointsFor(i, v.Raw)
				if !ok || p*100 != v.Normalised {
					t.Fatalf("seed %d, question %d, unit %d: PointsFor(own answer) = %v, %v; engine %v", seed, tq.Question, i, p*100, ok, v.Normalised)
				}
			}
		}
	}
	if logged == 0 || winsorised == 0 || imputed == 0 || divided == 0 {
		t.Errorf("the data reached too few stages: %d logged, %d winsorised, %d imputed, %d divisions by zero", logged, winsorised, imputed, divided)
	}
}

// TestPointsForProjection: numbers a unit did not give are treated as the
// wave was — pulled in where winsorising pulled in, ranked among the
// others, capped by the wave's range under min–max.
func TestPointsForProjection(t *testing.T) {
	ten := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name, scale, treatment string
		xs                     []float64
		unit                   int
		x, want                float64
	}{
		// 30, 100 → the 100 was pulled in to 30: 200 is pulled in too and
		// scores the top; 0 is below the range: 0 points.
		{"winsorised", "{type: numeric, normalise: minmax}", ", treatment: {outliers: default}", append(ten[:10:10], 30, 100), 0, 200, 1},
		{"below_range", "{type: numeric, normalise: minmax}", ", treatment: {outliers: default}", append(ten[:10:10], 30, 100), 5, 0, 0},
		// 1…10 treated 1…10; 5.5 is between 5 and 6: (5 − 1)/9 min-max.
		{"minmax", "{type: numeric, normalise: minmax}", "", ten, 0, 5.5, 4.5 / 9},
		// Unit 0 (answered 1) answering 5.5 instead: among the 9 others
		// (2…10) 4 are below: 4/9.
		{"rank", "{type: numeric, normalise: rank}", "", ten, 0, 5.5, 4.0 / 9},
		// … and answering 5: 3 below, one tie: 3.5/9.
		{"rank_tie", "{type: numeric, normalise: rank}", "", ten, 0, 5, 3.5 / 9},
		// mean 5.5, sd √(82.5/9): 5.5 + sd is 60 of 100.
		{"zscore", "{type: numeric, normalise: zscore}", "", ten, 0, 5.5 + math.Sqrt(82.5/9), 0.6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, numbersModel(tt.scale, tt.treatment))
			_, tq := treatNumbers(t, m, tt.xs)
			p, ok := tq.PointsFor(tt.unit, tt.x)
			if !ok || !close(p, tt.want) {
				t.Errorf("PointsFor(%d, %v) = %v, %v; want %v", tt.unit, tt.x, p, ok, tt.want)
			}
		})
	}
}

// TestExtremeNumbersStayFinite: answers at and beyond the magnitudes every
// number keeps to (scoring.MaxMagnitude) never make a score infinite or
// NaN. Two answers of 1e308 made a wave's mean infinite, every z-score
// NaN, and ranking a NaN never ended; now they are out of range, and the
// largest and smallest numbers allowed, divided by the smallest
// denominator allowed, z-scored, min-maxed and ranked, stay finite.
func TestExtremeNumbersStayFinite(t *testing.T) {
	m := mustParse(t, `model:
  name: T
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales:
    z: {type: numeric, normalise: zscore}
    mm: {type: numeric, normalise: minmax}
    r: {type: numeric, normalise: rank}
  questions:
    - {id: E, scale: mm, context: true}
    - {id: Z, scale: z}
    - {id: M, scale: mm}
    - {id: R, scale: r}
  dimensions:
    - id: d
      indicators:
        - {id: z, question: Z}
        - {id: m, question: M, denominator: {by: E, per: 1e15}}
        - {id: r, question: R}
`)
	answers := [][]string{
		{"1e-15", "1e308", "1e15", "-1e15"},
		{"1e-15", "1e308", "-1e15", "1e15"},
		{"1e15", "1e15", "1e-15", "1e-15"},
		{"1e-15", "-1e15", "1e15", "0"},
		{"1e-16", "0", "5", "1e16"},
	}
	var ds scoring.Dataset
	for i, a := range answers {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%d", i))},
			Answers: scoring.AnswersOf(a...), Source: &scoring.Source{File: "t.csv", Columns: []int{2, 3, 4, 5}}, Row: i + 2})
	}
	done := make(chan *scoring.Results, 1)
	go func() { done <- scoring.Score(m, &ds) }()
	var res *scoring.Results
	select {
	case res = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Score did not return")
	}
	for _, u := range res.Units {
		for ni, s := range u.Nodes.All() {
			if math.IsNaN(s.Score) || math.IsInf(s.Score, 0) || s.Score < 0 || s.Score > 100 {
				t.Errorf("%s node %s: score %v", u.Unit.ID, m.Nodes[ni].ID, s.Score)
			}
		}
	}
	// Out of range: U0's and U1's Z (1e308), U4's R (1e16); U4's E
	// (1e-16) cannot divide its M.
	var out []string
	for _, is := range res.Issues {
		switch is.Kind {
		case scoring.IssueOutOfRange:
			out = append(out, fmt.Sprintf("%s %s %s", is.Unit, is.Question, is.Value))
		case scoring.IssueDenominator:
			out = append(out, fmt.Sprintf("%s %s / E", is.Unit, is.Question))
		}
	}
	slices.Sort(out)
	if want := []string{"U0 Z 1e308", "U1 Z 1e308", "U4 M / E", "U4 R 1e16"}; !slices.Equal(out, want) {
		t.Errorf("findings %q, want %q", out, want)
	}
}

// TestZScoreOfEqualNumbers: when every unit gives the same number, none is
// above or below the mean, so every z-score is 0 and every unit scores the
// mean, 50 by default. Summed and divided, seven answers of 7.3 averaged to
// 7.299999999999999, and the spread of 1e-16 that left made every unit
// 0.95 standard deviations off: 59.3 or 40.7.
func TestZScoreOfEqualNumbers(t *testing.T) {
	m := oneQuestionModel(t, "{type: numeric, normalise: zscore}", "")
	for _, tt := range []struct {
		answer string
		units  int
	}{{"7.3", 7}, {"0.1", 3}, {"0.1", 6}, {"33.3", 6}, {"12", 5}, {"7.3", 1}} {
		for _, u := range scoring.Score(m, oneAnswerEach(slices.Repeat([]string{tt.answer}, tt.units)...)).Units {
			if s := u.Overall().Score; s != 50 {
				t.Errorf("%d × %s: %s scores %v, want 50", tt.units, tt.answer, u.Unit.ID, s)
			}
		}
	}
}

// TestWinsoriseEqualNumbersStayFinite: winsorising stops when every number
// is equal; there is no next number to move them to. With thresholds no
// distribution passes, it set them all to −∞ once, and every unit got 0
// points with exit 0.
func TestWinsoriseEqualNumbersStayFinite(t *testing.T) {
	m := oneQuestionModel(t, "{type: numeric, normalise: minmax}",
		"  treatment: {outliers: {winsorise: 100, skewness: 0.001, kurtosis: -100, log: false}}\n")
	res := scoring.Score(m, oneAnswerEach("0.1", "0.1", "0.1", "0.1", "0.1", "0.9"))
	for _, tq := range res.Treatments() {
		for i, v := range tq.Values {
			if math.IsInf(v.Treated, 0) || math.IsNaN(v.Treated) {
				t.Errorf("unit %d: treated %v", i, v.Treated)
			}
		}
	}
	// The 0.9 is pulled to 0.1; all equal, min-max gives every unit the
	// full points.
	for _, u := range res.Units {
		if s := u.Overall().Score; s != 100 {
			t.Errorf("%s scores %v, want 100", u.Unit.ID, s)
		}
	}
}

// oneQuestionModel is a model of one question Q on the given scale, its
// one indicator in one dimension; extra lines go under model:.
func oneQuestionModel(tb testing.TB, scale, extra string) *scoring.Model {
	return mustParse(tb, "model:\n  name: T\n  levels: {bands: [{level: 1, name: A, min: 0}]}\n"+extra+
		"  scales:\n    s: "+scale+"\n  questions:\n    - {id: Q, scale: s}\n  dimensions:\n    - id: d\n      indicators: [{id: i, question: Q}]\n")
}

// oneAnswerEach is a wave of units U0, U1, … answering a one-question
// model, unit i with answers[i].
func oneAnswerEach(answers ...string) *scoring.Dataset {
	var ds scoring.Dataset
	for i, a := range answers {
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("U%d", i))},
			Answers: scoring.AnswersOf(a), Row: i + 2})
	}
	return &ds
}

// TestPlainNumbersTreatedOnAsking: a numeric question without a treatment,
// whose points depend on its number alone, is scored number by number and
// its stages are worked out when first asked for — once, whoever asks at
// the same time (run's outputs do), with the points the scoring gave.
// Points by hand: goalposts 0–200, bins at 9 and
// 49, none (the number itself), each also reversed.
func TestPlainNumbersTreatedOnAsking(t *testing.T) {
	tests := []struct {
		scale, reverse string
		answers        []string
		want           []float64 // indicator scores; NaN: not scored
	}{
		{"{type: numeric, min: 0, max: 200, goalposts: [0, 200]}", "", []string{"50", "150,5", "", "weiß nicht"},
			[]float64{25, 75.25, math.NaN(), math.NaN()}},
		{"{type: numeric, min: 0, max: 200, goalposts: [0, 200]}", ", reverse: true", []string{"50", "150,5"},
			[]float64{75, 24.75}},
		{"{type: numeric, min: 0, bins: [{max: 9, points: 0.4}, {max: 49, points: 0.7}, {points: 1}]}", "", []string{"0", "9", "10", "49,5"},
			[]float64{40, 40, 70, 100}},
		{"{type: numeric, min: 0, max: 1}", ", reverse: true", []string{"0,25", "1"},
			[]float64{75, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.scale+tt.reverse, func(t *testing.T) {
			m := mustParse(t, "model:\n  name: T\n  levels: {bands: [{level: 1, name: A, min: 0}]}\n"+
				"  missing: {codes: {\"weiß nicht\": unknown}}\n"+
				"  scales:\n    s: "+tt.scale+"\n  questions:\n    - {id: Q, scale: s"+tt.reverse+"}\n  dimensions:\n    - id: d\n      indicators: [{id: i, question: Q}]\n")
			res := scoring.Score(m, oneAnswerEach(tt.answers...))
			ind := m.Node("i").Index
			units := res.WaveUnits(0)
			for i, u := range units {
				s := u.Nodes.At(ind)
				if math.IsNaN(tt.want[i]) != !s.Scored() || (s.Scored() && math.Abs(s.Score-tt.want[i]) > 1e-9) {
					t.Errorf("%s (%q): %+v, want %v", u.Unit.ID, tt.answers[i], s, tt.want[i])
				}
			}
			got := make([]*scoring.TreatedQuestion, 8)
			var wg sync.WaitGroup
			for g := range got {
				wg.Go(func() { got[g] = res.Treated(0, 0) })
			}
			wg.Wait()
			for _, tq := range got {
				if tq == nil || tq != got[0] {
					t.Fatalf("Treated gave %p, %p: want one treatment", tq, got[0])
				}
			}
			if ts := res.Treatments(); len(ts) != 1 || ts[0] != got[0] {
				t.Errorf("Treatments: %v", ts)
			}
			for i, v := range got[0].Values {
				s := units[i].Nodes.At(ind)
				if v.Has != s.Scored() || (v.Has && v.Normalised != s.Score) {
					t.Errorf("%s: stage %+v, scored %+v", units[i].Unit.ID, v, s)
				}
			}
		})
	}
}
