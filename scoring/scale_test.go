package scoring_test

import (
	"math"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// scalesModel declares one scale per matching rule and kind; its questions
// are context questions, so no indicator needs them.
const scalesModel = `model:
  name: Skalen
  levels: {bands: [{level: 1, name: A, min: 0}]}
  missing: {codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}}
  scales:
    fold: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    exact: {match: exact, map: {Ja: 1, nein: 0}}
    notrim: {match: fold_notrim, map: {"Not Applicable": 1, "No": 0}, unlisted: 0}
    trim: {match: trim, map: {Ja: 1}}
    unlisted: {map: {yes: 1}, unlisted: 0.25}
    bins: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.5}, {max: 24, points: 0.75}]}
    open: {type: numeric, bins: [{max: 0, points: 0}, {points: 1}]}
    goal: {type: numeric, goalposts: [0, 50]}
    goalrev: {type: numeric, goalposts: [100, 0]}
    comma: {type: numeric, decimal: comma, goalposts: [0, 10]}
    share: {type: multi, items: [a, b, {code: c, label: Cee}, d]}
    count: {type: multi, separator: ",", score: count, items: [a, b, c], bins: [{max: 0, points: 0}, {max: 1, points: 0.5}, {points: 1}]}
    nonebox: {type: multi, empty: none, items: [a, b]}
    nonecount: {type: multi, empty: none, score: count, items: [a, b], bins: [{max: 0, points: 0.1}, {points: 1}]}
    own: {map: {ja: 1}, missing: {"k.A.": blank, "?": unknown}}
  questions:
    - {id: Q, scale: fold}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q}]
`

func TestScaleParse(t *testing.T) {
	m, err := scoring.ParseModel("scales.yaml", []byte(scalesModel))
	if err != nil {
		t.Fatal(err)
	}
	const no = -1.0 // no points: the answer is not Answered
	tests := []struct {
		scale, raw string
		status     scoring.Status
		points     float64
	}{
		// Default matching ignores case and surrounding spaces.
		{"fold", " JA ", scoring.Answered, 1},
		{"fold", "Teilweise", scoring.Answered, 0.5},
		{"fold", "jein", scoring.Invalid, no},
		{"fold", "", scoring.Blank, no},
		{"fold", " \t", scoring.Blank, no},
		{"fold", "-9", scoring.Blank, no},
		{"fold", "Weiß nicht", scoring.Unknown, no},
		{"fold", " nicht zutreffend ", scoring.NotApplicable, no},
		// exact keeps case and spaces, for answers and missing codes.
		{"exact", "Ja", scoring.Answered, 1},
		{"exact", "ja", scoring.Invalid, no},
		{"exact", " Ja", scoring.Invalid, no},
		{"exact", "weiß nicht", scoring.Unknown, no},
		{"exact", "Weiß nicht", scoring.Invalid, no},
		// fold_notrim (ODM 2023): case ignored, spaces count.
		{"notrim", "not applicable", scoring.Answered, 1},
		{"notrim", "not applicable ", scoring.Answered, 0}, // unlisted
		{"notrim", "NO", scoring.Answered, 0},
		// trim keeps case but drops surrounding spaces.
		{"trim", " Ja ", scoring.Answered, 1},
		{"trim", "ja", scoring.Invalid, no},
		// unlisted answers earn the declared points; missing codes still win.
		{"unlisted", "YES", scoring.Answered, 1},
		{"unlisted", "perhaps", scoring.Answered, 0.25},
		{"unlisted", "weiß nicht", scoring.Unknown, no},
		// numeric bins, decimal comma, thousands separators, range.
		{"bins", "0", scoring.Answered, 0},
		{"bins", "3,5", scoring.Answered, 0.5},
		{"bins", "9", scoring.Answered, 0.5},
		{"bins", "9.5", scoring.Answered, 0.75},
		{"bins", "24", scoring.Answered, 0.75},
		{"bins", "25", scoring.Invalid, no}, // above the last, closed bin
		{"bins", "-1", scoring.Invalid, no}, // below min
		{"bins", "viele", scoring.Invalid, no},
		{"open", "1.000.000", scoring.Answered, 1},
		{"open", "0", scoring.Answered, 0},
		// goalposts, clipped; reversed goalposts.
		{"goal", "25", scoring.Answered, 0.5},
		{"goal", "75", scoring.Answered, 1},
		{"goal", "-5", scoring.Answered, 0},
		{"goalrev", "25", scoring.Answered, 0.75},
		{"comma", "2,5", scoring.Answered, 0.25},
		{"comma", "2.5", scoring.Invalid, no},   // '.' groups thousands in threes: 2.5 is neither 2,5 nor 25
		{"comma", "2.500", scoring.Answered, 1}, // 2500
		// multi-select: share of items, by code or label, each once.
		{"share", "a;b", scoring.Answered, 0.5},
		{"share", "a; Cee", scoring.Answered, 0.5},
		{"share", "C;c", scoring.Answered, 0.25},
		{"share", "a;x", scoring.Invalid, no},
		{"share", "", scoring.Blank, no},
		{"count", "a,b", scoring.Answered, 1},
		{"count", "b", scoring.Answered, 0.5},
		// empty: none reads an empty cell as nothing ticked; a missing
		// code stays missing.
		{"nonebox", "", scoring.Answered, 0},
		{"nonebox", "  ", scoring.Answered, 0},
		{"nonebox", "-9", scoring.Blank, no},
		{"nonebox", "b", scoring.Answered, 0.5},
		{"nonecount", "", scoring.Answered, 0.1}, // the bin of 0 items
		// a scale's own missing codes add to the model's.
		{"own", "k.A.", scoring.Blank, no},
		{"own", "?", scoring.Unknown, no},
		{"own", "-9", scoring.Blank, no},
	}
	for _, tt := range tests {
		sc := m.Scales[tt.scale]
		a := sc.Parse(tt.raw)
		if a.Status != tt.status {
			t.Errorf("%s.Parse(%q) status = %v, want %v", tt.scale, tt.raw, a.Status, tt.status)
			continue
		}
		if tt.status != scoring.Answered {
			continue
		}
		if got := sc.Points(a.Value); math.Abs(got-tt.points) > 1e-12 {
			t.Errorf("%s.Parse(%q) = %v points, want %v", tt.scale, tt.raw, got, tt.points)
		}
	}
}

func TestScaleOutOfRange(t *testing.T) {
	m, err := scoring.ParseModel("scales.yaml", []byte(scalesModel))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		scale, raw string
		want       bool
	}{
		{"bins", "-1", true}, {"bins", "25", true}, {"bins", "24", false}, {"bins", "viele", false}, {"fold", "jein", false},
		// Every number keeps to 0 or 1e-15 … 1e15 in size (scoring.MaxMagnitude).
		{"open", "1e15", false}, {"open", "1000000000000001", true}, {"open", "1e308", true}, {"open", "-1e16", true},
		{"open", "-1e15", false}, {"open", "1e-15", false}, {"open", "1e-16", true}, {"open", "-2e-300", true}, {"open", "0", false},
		{"comma", "0,000000000000001", false}, {"comma", "0,0000000000000001", true},
	} {
		if got := m.Scales[tt.scale].OutOfRange(tt.raw); got != tt.want {
			t.Errorf("%s.OutOfRange(%q) = %v, want %v", tt.scale, tt.raw, got, tt.want)
		}
		if a := m.Scales[tt.scale].Parse(tt.raw); tt.want && a.Status != scoring.Invalid {
			t.Errorf("%s.Parse(%q) = %+v, want it refused", tt.scale, tt.raw, a)
		}
	}
}

// TestScaleNotInScale: of a multi-select cell the items the scale does
// not offer, as the reports group answers outside the scale; anything
// else as it is.
func TestScaleNotInScale(t *testing.T) {
	m, err := scoring.ParseModel("scales.yaml", []byte(scalesModel))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ scale, raw, want string }{
		{"share", "a;Bitcoin", "Bitcoin"},
		{"share", "Bitcoin; a ;Cee;Dogecoin", "Bitcoin;Dogecoin"},
		{"share", " bitcoin ;b", "bitcoin"},
		{"share", "A;b", "A;b"}, // every item offered (matched ignoring case): as it is
		{"count", "a,x,c", "x"},
		{"fold", "jein", "jein"},
		{"bins", "25", "25"},
	} {
		if got := m.Scales[tt.scale].NotInScale(tt.raw); got != tt.want {
			t.Errorf("%s.NotInScale(%q) = %q, want %q", tt.scale, tt.raw, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		dec  scoring.Decimal
		want float64
		ok   bool
	}{
		{"3,5", scoring.DecimalAuto, 3.5, true},
		{"1.234,5", scoring.DecimalAuto, 1234.5, true},
		{"1,234.5", scoring.DecimalAuto, 1234.5, true},
		{"1.234.567", scoring.DecimalAuto, 1234567, true},
		{"1 234", scoring.DecimalAuto, 1234, true},
		{"-9", scoring.DecimalAuto, -9, true},
		// Thousands separators group the whole part in threes, one kind
		// throughout: anything else is no number (it was read as 25,
		// 12345, …, dropping the separators).
		{"2.5", scoring.DecimalComma, 0, false},
		{"2,5", scoring.DecimalPoint, 0, false},
		{"2.500", scoring.DecimalComma, 2500, true},
		{"2,500", scoring.DecimalPoint, 2500, true},
		{"1,234,5", scoring.DecimalAuto, 0, false},
		{"12.34.5", scoring.DecimalAuto, 0, false},
		{"1234.567,5", scoring.DecimalAuto, 0, false},
		{"1.234 567", scoring.DecimalAuto, 0, false},
		{"1,234.56,7", scoring.DecimalAuto, 0, false},
		{"1.234.567,25", scoring.DecimalComma, 1234567.25, true},
		{"12 345,5", scoring.DecimalAuto, 12345.5, true},
		{"1'234.5", scoring.DecimalPoint, 1234.5, true},
		{"1e3", scoring.DecimalAuto, 1000, true},
		// Scientific notation reads the same in both conventions.
		{"1,5E+02", scoring.DecimalAuto, 150, true},
		{"1.5e2", scoring.DecimalAuto, 150, true},
		{"1,5E+02", scoring.DecimalComma, 150, true},
		{"1.5e2", scoring.DecimalPoint, 150, true},
		{"-2,5e-1", scoring.DecimalAuto, -0.25, true},
		{"+3E0", scoring.DecimalAuto, 3, true},
		{"1.5e2", scoring.DecimalComma, 0, false},   // '.' is no decimal separator there
		{"1,5E+02", scoring.DecimalPoint, 0, false}, // nor ',' here
		{"1.234,5E3", scoring.DecimalAuto, 0, false},
		{"1e", scoring.DecimalAuto, 0, false},
		{"e5", scoring.DecimalAuto, 0, false},
		{"1e5000", scoring.DecimalAuto, 0, false},
		{"1e400", scoring.DecimalAuto, 0, false},
		{"1e5e5", scoring.DecimalAuto, 0, false},
		{"NaN", scoring.DecimalAuto, 0, false},
		{"Inf", scoring.DecimalAuto, 0, false},
		{"0x10", scoring.DecimalAuto, 0, false},
		{"1,2,3.4,5", scoring.DecimalAuto, 0, false},
		{"1.234.567\x005", scoring.DecimalAuto, 0, false}, // NUL is no decimal separator
		{".000\x00.000", scoring.DecimalAuto, 0, false},
		{"", scoring.DecimalAuto, 0, false},
		{"zwölf", scoring.DecimalAuto, 0, false},
	}
	for _, tt := range tests {
		got, ok := scoring.ParseNumber(tt.in, tt.dec)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseNumber(%q, %d) = %v, %v; want %v, %v", tt.in, tt.dec, got, ok, tt.want, tt.ok)
		}
	}
}

// TestAmbiguousNumber: under decimal: auto a number whose value depends
// on the convention — one to three digits, one '.' or ',' and three
// digits — is refused, "1,234" as "1.234" was, and said to be ambiguous
// (also as a percentage on a scale of 0 to 100, where it is not "a
// percentage on the wrong scale"). A set decimal reads it; numbers that
// read one way only are read as before. Values by hand: goalposts 0 and
// 2000, so points are the number / 2000.
func TestAmbiguousNumber(t *testing.T) {
	m, err := scoring.ParseModel("n.yaml", []byte(`model:
  name: N
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    auto: {type: numeric, goalposts: [0, 2000]}
    point: {type: numeric, decimal: point, goalposts: [0, 2000]}
    comma: {type: numeric, decimal: comma, goalposts: [0, 2000]}
    pct: {type: numeric, min: 0, max: 100, goalposts: [0, 2000]}
  questions: [{id: Q, scale: auto}]
  dimensions: [{id: d, indicators: [{id: i, question: Q}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	const refused = -1.0
	for _, tt := range []struct {
		scale, raw string
		points     float64 // refused: Invalid
		ambiguous  bool
	}{
		{"auto", "1,234", refused, true},
		{"auto", "12,500", refused, true},
		{"auto", "-123,456", refused, true},
		{"auto", " 1,234 ", refused, true},
		{"auto", "1.234", refused, true},
		{"auto", "0,125", 0.0000625, false},    // 0.125: no thousands group starts with 0
		{"auto", "1,2345", 0.00061725, false},  // 1.2345
		{"auto", "1234,5", 0.61725, false},     // 1234.5
		{"auto", "1,234.5", 0.61725, false},    // 1234.5
		{"auto", "1,234,567", 1, false},        // 1234567, above the goalpost
		{"auto", "1234,567", 0.6172835, false}, // 1234.567
		{"auto", "1,23", 0.000615, false},      // 1.23
		{"auto", "1,234E2", 0.0617, false},     // 123.4
		{"point", "1,234", 0.617, false},       // 1234
		{"comma", "1,234", 0.000617, false},    // 1.234
		{"comma", "1.234", 0.617, false},       // 1234
		{"pct", "1,234 %", refused, true},      // 1.234 % or 1234 %?
		{"pct", "1,234%", refused, true},       //
		{"pct", "12,5 %", 0.00625, false},      // 12.5
		{"auto", "1,234 %", refused, false},    // a percentage on a scale not of 0–100
	} {
		sc := m.Scales[tt.scale]
		a := sc.Parse(tt.raw)
		switch {
		case tt.points == refused && a.Status != scoring.Invalid:
			t.Errorf("%s.Parse(%q) = %+v, want it refused", tt.scale, tt.raw, a)
		case tt.points != refused && (a.Status != scoring.Answered || math.Abs(sc.Points(a.Value)-min(tt.points, 1)) > 1e-12):
			t.Errorf("%s.Parse(%q) = %+v (%v points), want %v points", tt.scale, tt.raw, a, sc.Points(a.Value), tt.points)
		}
		if got := sc.AmbiguousNumber(tt.raw); got != tt.ambiguous {
			t.Errorf("%s.AmbiguousNumber(%q) = %v, want %v", tt.scale, tt.raw, got, tt.ambiguous)
		}
	}
}

// FuzzScaleParse checks that no answer makes a scale panic or yield points
// outside [0, 1].
func FuzzScaleParse(f *testing.F) {
	m, err := scoring.ParseModel("scales.yaml", []byte(scalesModel))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"ja", " JA ", "3,5", "1.000.000", "a;Cee", "a,b,c", "-9", "weiß nicht", "1e308", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for id, sc := range m.Scales {
			a := sc.Parse(raw)
			if a.Status != scoring.Answered {
				continue
			}
			p := sc.Points(a.Value)
			if math.IsNaN(p) || p < 0 || p > 1 {
				t.Errorf("%s.Parse(%q) → %v points", id, raw, p)
			}
		}
	})
}

// TestScaleByHand: a Scale built in code, not by the loader, parses too.
func TestScaleByHand(t *testing.T) {
	sc := &scoring.Scale{ID: "jn", Kind: scoring.ScaleMap, Map: map[string]float64{"ja": 1, "nein": 0},
		Missing: map[string]scoring.Status{"k.a.": scoring.Blank}}
	for _, tt := range []struct {
		raw    string
		status scoring.Status
		value  float64
	}{
		{"ja", scoring.Answered, 1}, {" NEIN", scoring.Answered, 0}, {"K.A.", scoring.Blank, 0}, {"jein", scoring.Invalid, 0},
	} {
		if a := sc.Parse(tt.raw); a.Status != tt.status || a.Value != tt.value {
			t.Errorf("Parse(%q) = %+v, want %v %v", tt.raw, a, tt.status, tt.value)
		}
	}
}
