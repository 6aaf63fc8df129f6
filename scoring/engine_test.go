package scoring_test

import (
	"math"
	"os"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// MustModel loads a model from testdata or fails the test.
func MustModel(tb testing.TB, file string) *scoring.Model {
	tb.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := scoring.ParseModel(file, src)
	if err != nil {
		tb.Fatalf("ParseModel(%s): %v", file, err)
	}
	return m
}

func response(m *scoring.Model, id, district string, answers ...string) scoring.Response {
	return scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id, District: district},
		Answers: scoring.AnswersOf(answers...), Source: &scoring.Source{File: "t.csv", Columns: []int{2, 3, 4, 5}}, Row: 2}
}

const none = -1.0 // marks a node that is not scored

func TestScoreByHand(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	// Expected values computed by hand from testdata/mini.yaml:
	//   d1 = (3·i1 + 1·i2) / 4, d2 = (i3 + i4) / 2, overall = (2·d1 + d2) / 3.
	tests := []struct {
		name                        string
		answers                     []string
		i1, i2, i3, i4, d1, d2, all float64
		covD1, covD2, covAll        float64
		level                       int
	}{
		{"all answered", []string{"ja", "nein", "12", "nein"},
			100, 0, 100, 100, 75, 100, 250.0 / 3, 1, 1, 1, 2},
		{"unknown is reweighted", []string{"teilweise", "weiß nicht", "5", "ja"},
			50, none, 50, 0, 50, 25, 125.0 / 3, 0.75, 1, 2.5 / 3, 1},
		{"not applicable leaves the denominator", []string{"nz", "ja", "", "teilweise"},
			none, 100, none, 50, 100, 50, 250.0 / 3, 1, 0.5, 2.5 / 3, 2},
		{"nothing valid answered", []string{"", "jein", "-9", ""},
			none, none, none, none, none, none, none, 0, 0, 0, 0},
	}
	ds := &scoring.Dataset{}
	for i, tt := range tests {
		ds.Responses = append(ds.Responses, response(m, string(rune('A'+i)), "K", tt.answers...))
	}
	res := scoring.Score(m, ds)
	if len(res.Units) != len(tests) {
		t.Fatalf("got %d results, want %d", len(res.Units), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &res.Units[i]
			for _, c := range []struct {
				node string
				want float64
			}{{"i1", tt.i1}, {"i2", tt.i2}, {"i3", tt.i3}, {"i4", tt.i4}, {"d1", tt.d1}, {"d2", tt.d2}, {"overall", tt.all}} {
				s := u.Nodes.At(m.Node(scoring.NodeID(c.node)).Index)
				if c.want == none {
					if s.Scored() {
						t.Errorf("%s: scored %v, want not scored", c.node, s.Score)
					}
					continue
				}
				if !s.Scored() || math.Abs(s.Score-c.want) > 1e-9 {
					t.Errorf("%s = %v (%v), want %v", c.node, s.Score, s.State, c.want)
				}
			}
			for _, c := range []struct {
				node string
				want float64
			}{{"d1", tt.covD1}, {"d2", tt.covD2}, {"overall", tt.covAll}} {
				if got := u.Nodes.At(m.Node(scoring.NodeID(c.node)).Index).Coverage; math.Abs(got-c.want) > 1e-9 {
					t.Errorf("coverage %s = %v, want %v", c.node, got, c.want)
				}
			}
			if u.Level != tt.level {
				t.Errorf("level = %d, want %d", u.Level, tt.level)
			}
		})
	}
	var unknown []scoring.Issue
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueUnknownAnswer {
			unknown = append(unknown, is)
		}
	}
	if len(unknown) != 1 || unknown[0].Value != "jein" || unknown[0].Question != "Q2" || unknown[0].Place != "t.csv:2:3" {
		t.Errorf("unknown-answer issues = %+v, want one for Q2 \"jein\" at t.csv:2:3", unknown)
	}
}

func TestPositionsAndGroups(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	ds := &scoring.Dataset{Responses: []scoring.Response{
		response(m, "A", "K", "ja", "ja", "12", "nein"),            // 100
		response(m, "B", "K", "nein", "nein", "0", "ja"),           // 0
		response(m, "C", "K", "ja", "nein", "12", "nein"),          // 250/3
		response(m, "D", "L", "ja", "nein", "12", "nein"),          // 250/3
		response(m, "E", "L", "teilweise", "ja", "5", "teilweise"), // d1 62.5, d2 50 → 175/3
	}}
	res := scoring.Score(m, ds)
	want := map[scoring.UnitID]struct {
		rank int
		pct  float64
	}{
		"A": {1, 100}, "C": {2, 62.5}, "D": {2, 62.5}, "E": {4, 25}, "B": {5, 0},
	}
	for i := range res.Units {
		u := &res.Units[i]
		w := want[u.Unit.ID]
		if u.State.Rank != w.rank || math.Abs(u.State.Percentile-w.pct) > 1e-9 || u.State.N != 5 {
			t.Errorf("%s: rank %d pct %v n %d, want rank %d pct %v n 5", u.Unit.ID, u.State.Rank, u.State.Percentile, u.State.N, w.rank, w.pct)
		}
	}
	g := res.Group("1", -1, "")
	s := g.Nodes[0]
	// Scores sorted: 0, 175/3, 250/3, 250/3, 100.
	if s.N != 5 || math.Abs(s.Median-250.0/3) > 1e-9 || math.Abs(s.Mean-(0+175.0/3+500.0/3+100)/5) > 1e-9 ||
		math.Abs(s.Q1-175.0/3) > 1e-9 || math.Abs(s.Q3-250.0/3) > 1e-9 {
		t.Errorf("state stats = %+v", s)
	}
	if k := res.Group("1", 0, "L"); k == nil || k.Units != 2 || math.Abs(k.Nodes[0].Mean-(250.0/3+175.0/3)/2) > 1e-9 {
		t.Errorf("group L = %+v", k)
	}
	if got := g.Levels; got[1] != 1 || got[2] != 4 { // only B is below 50
		t.Errorf("level counts = %v, want [0 1 4]", got)
	}
}

func TestQuantileType7(t *testing.T) {
	xs := []float64{1, 2, 3, 4}
	for _, tt := range []struct{ p, want float64 }{{0, 1}, {0.25, 1.75}, {0.5, 2.5}, {0.75, 3.25}, {1, 4}} {
		if got := scoring.Quantile(xs, tt.p); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Quantile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

// withWave moves a response to wave w.
func withWave(r scoring.Response, w scoring.WaveID) scoring.Response {
	r.Wave = w
	return r
}
