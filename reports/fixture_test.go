package reports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// Payloads that must show as text wherever they appear. Each alert has its
// own number, so a browser test that sees a dialog can tell which one got
// through.
const (
	PayloadScript   = "</script><script>alert(1)</script>"
	PayloadImg      = "<img src=x onerror=alert(2)>"
	PayloadFunc     = "__f__alert(3)__f__"
	PayloadDimLabel = `<img src=x onerror=alert(4)> & "Dienste"` // testdata/model.yaml
	PayloadAnswer   = "<b onmouseover=alert(5)>ja</b>"           // a valid answer of scale jn
	PayloadInvalid  = "<script>alert(6)</script>"                // an answer outside the scale
	PayloadDistrict = "<svg onload=alert(7)>"
	PayloadQuote    = `Gemeinde "D" & Söhne'`
	PayloadRejected = "<i>Unbekannt</i>"
)

// MustModel loads a model from testdata or fails the test.
func MustModel(tb testing.TB, file string) *scoring.Model {
	tb.Helper()
	path := filepath.Join("testdata", file)
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := scoring.ParseModel(path, src)
	if err != nil {
		tb.Fatalf("ParseModel(%s): %v", path, err)
	}
	return m
}

// fixtureUnit is one row of the fixture: a unit and its answers to Q1–Q4
// of testdata/model.yaml in each wave ("" in Waves: did not answer).
type fixtureUnit struct {
	ID, Name, District string
	Population         int
	Lon, Lat           float64
	Answers2024        []string
	Answers2026        []string
}

// Scores by hand (strategie = (2·Q1 + Q2)/3, dienste = (Q3 + Q4)/2,
// overall = mean of the two; Q3 bins: 0 → 0, 1–9 → 50, 10+ → 100):
//
//	unit  2026: strategie  dienste  overall  level   2024 overall
//	A     100     100      100      Spitze   29,2
//	B     16,7    75       45,8     Mitte    0
//	C     33,3    0        16,7     Anfang   58,3
//	D     66,7    75       70,8     Mitte
//	E     100     25       62,5     Mitte
//	F     50      100      75       Spitze   (Q2 is outside the scale)
//	G     0       0        0        Anfang   8,3
//	H     50      50       50       Mitte    29,2
//	I     83,3    75       79,2     Spitze
//	J     33,3    50       41,7     Mitte
//	K     100     –        –        –        (coverage 1/3: not scored)
//	L     66,7    100      83,3     Spitze   54,2
//	M     16,7    50       33,3     Anfang
//	N     (2024 only)                        100
//
// Groups of 2026: Nordkreis A–F (6), the payload district G–K (5),
// Kleinkreis L, M (2: suppressed); size class klein: all but I, J, M (10),
// groß: I, J, M (3: suppressed). With a minimum of 5, the payload district
// and klein are hidden too (secondary suppression: the state minus the
// groups shown would give Kleinkreis' and groß' figures).
var fixtureUnits = []fixtureUnit{
	{"14001001", PayloadScript, "Nordkreis", 3000, 12.1, 51.2, []string{"teilweise", "nein", "5", "nein"}, []string{PayloadAnswer, "ja", "12", "ja"}},
	{"14001002", PayloadImg, "Nordkreis", 4000, 12.3, 51.3, []string{"nein", "nein", "0", "nein"}, []string{"nein", "teilweise", "5", "ja"}},
	{"14001003", PayloadFunc, "Nordkreis", 5000, 12.5, 51.1, []string{"ja", "nein", "0", "ja"}, []string{"teilweise", "nein", "0", "nein"}},
	{"14001004", PayloadQuote, "Nordkreis", 6000, 12.7, 51.25, nil, []string{"ja", "nein", "20", "teilweise"}},
	{"14001005", "Gemeinde E", "Nordkreis", 7000, 12.9, 51.35, nil, []string{"ja", "ja", "3", "nein"}},
	{"14001006", "Gemeinde F", "Nordkreis", 8000, 13.1, 51.15, nil, []string{"teilweise", PayloadInvalid, "10", "ja"}},
	{"14002001", "Gemeinde G", PayloadDistrict, 2000, 13.4, 50.8, []string{"nein", "teilweise", "0", "nein"}, []string{"nein", "nein", "0", "nein"}},
	{"14002002", "Gemeinde H", PayloadDistrict, 2500, 13.6, 50.7, []string{"teilweise", "nein", "0", "teilweise"}, []string{"teilweise", "teilweise", "1", "teilweise"}},
	{"14002003", "Gemeinde I", PayloadDistrict, 20000, 13.8, 50.9, nil, []string{"ja", "teilweise", "9", "ja"}},
	{"14002004", "Gemeinde J", PayloadDistrict, 30000, 14.0, 50.75, nil, []string{"nein", "ja", "50", "nein"}},
	{"14002005", "Gemeinde K", PayloadDistrict, 1500, 14.2, 50.85, nil, []string{"ja", "weiß nicht", "-9", "-9"}},
	{"14003001", "Gemeinde L", "Kleinkreis", 9000, 14.6, 51.1, []string{"nein", "ja", "5", "ja"}, []string{"teilweise", "ja", "15", "ja"}},
	{"14003002", "Gemeinde M", "Kleinkreis", 60000, 0, 0, nil, []string{"nein", "teilweise", "2", "teilweise"}},
	{"14004001", "Gemeinde N", "Nordkreis", 3500, 12.2, 51.4, []string{"ja", "ja", "10", "ja"}, nil},
}

// Fixture scores testdata/model.yaml (or another model with the same
// questions) on the fixture's two waves, with one rejected row and one
// duplicate.
func Fixture(tb testing.TB, model string) *scoring.Results {
	tb.Helper()
	m := MustModel(tb, model)
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2024", Label: "2024"}, {ID: "2026", Label: "2026"}}}
	src := map[scoring.WaveID]*scoring.Source{
		"2024": {File: "umfrage_2024.csv", Columns: []int{3, 4, 5, 6}},
		"2026": {File: "umfrage_2026.csv", Columns: []int{3, 4, 5, 6}},
	}
	for i, f := range fixtureUnits {
		u := scoring.Unit{ID: scoring.UnitID(f.ID), Name: f.Name, District: f.District, Population: f.Population,
			Lon: f.Lon, Lat: f.Lat, HasLocation: f.Lon != 0}
		for _, w := range []struct {
			id      scoring.WaveID
			answers []string
		}{{"2024", f.Answers2024}, {"2026", f.Answers2026}} {
			if w.answers != nil {
				ds.Responses = append(ds.Responses, scoring.Response{Wave: w.id, Unit: u, Answers: w.answers, Source: src[w.id], Row: i + 2})
			}
		}
	}
	ds.Rejects = []scoring.Reject{{File: "umfrage_2026.csv", Row: 20, Column: 1, Wave: "2026", Unit: "14009999", Name: PayloadRejected,
		Reason: "invalid unit id: AGS 14009999 is not in register"}}
	ds.Issues = []scoring.Issue{{Kind: scoring.IssueDuplicate, Place: "umfrage_2026.csv:21", Wave: "2026", Unit: "14001005",
		Message: "unit 14001005 answered twice (rows 6 and 21)"}}
	return scoring.Score(m, ds)
}

// unitResult returns the result of a unit in a wave, or fails the test.
func unitResult(tb testing.TB, r *scoring.Results, wave scoring.WaveID, id scoring.UnitID) *scoring.UnitResult {
	tb.Helper()
	for i := range r.Units {
		if u := &r.Units[i]; u.Wave == wave && u.Unit.ID == id {
			return u
		}
	}
	tb.Fatalf("no result for %s in wave %s", id, wave)
	return nil
}
