package scoring_test

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// inWave is a response of unit id in district k to testdata/mini.yaml.
func inWave(wave, id, k string, answers ...string) scoring.Response {
	return scoring.Response{Wave: scoring.WaveID(wave), Unit: scoring.Unit{ID: scoring.UnitID(id), Name: id, District: k},
		Answers: scoring.AnswersOf(answers...), Source: &scoring.Source{File: wave + ".csv", Columns: []int{2, 3, 4, 5}}, Row: 2}
}

// TestNumberScoredFollowsTheLevelCounts: the number of units scored on a
// node is a count over the group's units, as the count without a level is;
// aggregates.csv hid n = 4 of the overall score of district K (5 units, one
// without answers) as too small while it showed K's count without a level,
// 1: 5 − 1 = 4. Both follow Disclosure.Units now. A wave of 3 units shows
// neither (review 9).
func TestNumberScoredFollowsTheLevelCounts(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	full := []string{"ja", "nein", "12", "nein"}
	nothing := []string{"", "", "", ""}
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "1", Label: "1"}, {ID: "2", Label: "2"}}}
	// Wave 1: 3 units, one without answers. Wave 2: K 5 units (one without
	// answers), M 5 (four without), L 6, all others answered in full.
	add := func(wave, k string, n, empty int) {
		for i := range n {
			a := full
			if i < empty {
				a = nothing
			}
			ds.Responses = append(ds.Responses, inWave(wave, fmt.Sprintf("%s%s%02d", wave, k, i), k, a...))
		}
	}
	add("1", "K", 3, 1)
	add("2", "K", 5, 1)
	add("2", "M", 5, 4)
	add("2", "L", 6, 0)
	r := scoring.Score(m, ds)
	d := scoring.NewDisclosure(r, 5)

	type key struct {
		wave, group string
		stat        scoring.Statistic
		node, level int
	}
	got := map[key]scoring.Aggregate{}
	for _, a := range d.Aggregates() {
		got[key{string(a.Wave), a.Group, a.Statistic, a.Node, a.Level}] = a
	}
	overall, d2 := 0, m.Node("d2").Index
	tests := []struct {
		name       string
		k          key
		value      float64 // -1: hidden
		suppressed scoring.Suppression
	}{
		// By hand: K has 4 of 5 units scored, M 1 of 5, L 6 of 6, wave 2
		// 11 of 16; wave 1 has 3 units, too few.
		{"K: n of the overall score", key{"2", "K", scoring.StatN, overall, 0}, 4, scoring.Published},
		{"K: n of d2", key{"2", "K", scoring.StatN, d2, 0}, 4, scoring.Published},
		{"K: without a level", key{"2", "K", scoring.StatCount, -1, 0}, 1, scoring.Published},
		{"K: the mean stays hidden (4 scored)", key{"2", "K", scoring.StatMean, overall, 0}, -1, scoring.TooSmall},
		{"M: n of the overall score", key{"2", "M", scoring.StatN, overall, 0}, 1, scoring.Published},
		{"M: without a level", key{"2", "M", scoring.StatCount, -1, 0}, 4, scoring.Published},
		{"L: n of the overall score", key{"2", "L", scoring.StatN, overall, 0}, 6, scoring.Published},
		{"wave 2: n of the overall score", key{"2", "", scoring.StatN, overall, 0}, 11, scoring.Published},
		{"wave 1: n of the overall score", key{"1", "", scoring.StatN, overall, 0}, -1, scoring.TooSmall},
		{"wave 1: without a level", key{"1", "", scoring.StatCount, -1, 0}, -1, scoring.TooSmall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := got[tt.k]
			switch {
			case !ok:
				t.Fatalf("no aggregate %+v", tt.k)
			case a.Suppression != tt.suppressed:
				t.Errorf("suppression %d, want %d", a.Suppression, tt.suppressed)
			case tt.value >= 0 && a.Value != tt.value:
				t.Errorf("value %v, want %v", a.Value, tt.value)
			}
		})
	}
	// Every group: n of each node shown exactly where the count without
	// a level is, and n of the overall score + that count = its units.
	for k, a := range got {
		if k.stat != scoring.StatN {
			continue
		}
		nl := got[key{k.wave, k.group, scoring.StatCount, -1, 0}]
		if a.Suppression != nl.Suppression {
			t.Errorf("wave %s group %q node %d: n %d, count without a level %d", k.wave, k.group, k.node, a.Suppression, nl.Suppression)
		}
		if k.node == overall && a.Suppression == scoring.Published && int(a.Value+nl.Value) != a.Units {
			t.Errorf("wave %s group %q: n %v + without a level %v ≠ %d units", k.wave, k.group, a.Value, nl.Value, a.Units)
		}
	}
	// The count without an overall score over both waves (1 + 2 + ...)
	// less wave 2's would be wave 1's: not shown while wave 1 is hidden.
	if s := d.AllWaves(); s != scoring.TooSmall {
		t.Errorf("AllWaves with a wave of 3 units = %d, want TooSmall", s)
	}
	if s := scoring.NewDisclosure(r, 3).AllWaves(); s != scoring.Published {
		t.Errorf("AllWaves at a minimum of 3 = %d, want Published", s)
	}
}

// TestDisclosureDecidedOnFirstAsk: the secondary suppressions are decided
// when a group of a peer group is first asked about (check, which asks
// only for a wave's own figures, spent a tenth of its instructions on
// them), the same for eight goroutines asking at once (run with -race) as
// for one asking in turn. By hand: district S (2 units) is too small, so
// the smallest group shown beside it, K (5), is hidden as complementary —
// else wave total − K − M − L would be S's; the wave's own figures stay.
func TestDisclosureDecidedOnFirstAsk(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	full := []string{"ja", "nein", "12", "nein"}
	ds := &scoring.Dataset{}
	for _, g := range []struct {
		k string
		n int
	}{{"K", 5}, {"M", 6}, {"L", 7}, {"S", 2}} {
		for i := range g.n {
			ds.Responses = append(ds.Responses, inWave("1", fmt.Sprintf("%s%02d", g.k, i), g.k, full...))
		}
	}
	r := scoring.Score(m, ds)
	pg := -1
	for i, p := range m.PeerGroups {
		if p.Attribute == "district" {
			pg = i
		}
	}
	if pg < 0 {
		t.Fatal("mini.yaml has no peer group by district")
	}
	ask := func(d *scoring.Disclosure) map[string]scoring.Suppression {
		out := map[string]scoring.Suppression{"": d.Units(r.Group("1", -1, ""))}
		for _, k := range []string{"K", "M", "L", "S"} {
			out[k] = d.Units(r.Group("1", pg, k))
		}
		return out
	}
	want := map[string]scoring.Suppression{"": scoring.Published, "K": scoring.Complementary, "M": scoring.Published, "L": scoring.Published, "S": scoring.TooSmall}
	if got := ask(scoring.NewDisclosure(r, 5)); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("asked in turn: %v, want %v", got, want)
	}
	d := scoring.NewDisclosure(r, 5)
	got := make([]map[string]scoring.Suppression, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = ask(d) })
	}
	wg.Wait()
	for i, g := range got {
		if fmt.Sprint(g) != fmt.Sprint(want) {
			t.Errorf("goroutine %d: %v, want %v", i, g, want)
		}
	}
	if !d.AnyComplementary() || !d.ComplementaryIn("1", pg) {
		t.Error("K's complementary suppression is not reported")
	}
}

// TestFindingsOfAHiddenWave: the data-quality findings about the units of
// a wave whose figures are hidden are figures of that wave's few units —
// the overview counted wave 2026's 3 answers "vielleicht" (its only 3
// units) per question and value, and in its total and its count by kind,
// which less the waves shown gave them (review 10). Finding hides them;
// a finding about no unit (a question without a column in the wave's
// file) is about the file and stays. By hand: wave 1 has 3 units, one
// answering Q1 "vielleicht" (so its
// d1 is not scored: a quarter of the weight answered, below 0.5); wave 2 has 6 units, one answering Q2 "jein".
func TestFindingsOfAHiddenWave(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	full := []string{"ja", "nein", "12", "nein"}
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "1", Label: "1"}, {ID: "2", Label: "2"}}}
	for i := range 3 {
		a := full
		if i == 0 {
			a = []string{"vielleicht", "nein", "12", "nein"}
		}
		ds.Responses = append(ds.Responses, inWave("1", fmt.Sprintf("1K%02d", i), "K", a...))
	}
	for i := range 6 {
		a := full
		if i == 0 {
			a = []string{"ja", "jein", "12", "nein"}
		}
		ds.Responses = append(ds.Responses, inWave("2", fmt.Sprintf("2K%02d", i), "K", a...))
	}
	ds.Issues = []scoring.Issue{{Kind: scoring.IssueMissingQuestion, Place: "1.csv:1", Wave: "1", Question: "Q4", Message: "no column"}}
	r := scoring.Score(m, ds)
	type finding struct {
		wave  scoring.WaveID
		kind  scoring.IssueKind
		value string
	}
	for _, tt := range []struct {
		min  int
		want map[finding]scoring.Suppression
	}{
		{5, map[finding]scoring.Suppression{
			{"1", scoring.IssueUnknownAnswer, "vielleicht"}: scoring.TooSmall,
			{"1", scoring.IssueMissingQuestion, ""}:         scoring.Published,
			{"2", scoring.IssueUnknownAnswer, "jein"}:       scoring.Published,
			{"1", scoring.IssueLowCoverage, ""}:             scoring.TooSmall,
		}},
		{3, map[finding]scoring.Suppression{
			{"1", scoring.IssueUnknownAnswer, "vielleicht"}: scoring.Published,
			{"1", scoring.IssueMissingQuestion, ""}:         scoring.Published,
			{"2", scoring.IssueUnknownAnswer, "jein"}:       scoring.Published,
			{"1", scoring.IssueLowCoverage, ""}:             scoring.Published,
		}},
		{7, map[finding]scoring.Suppression{
			{"1", scoring.IssueUnknownAnswer, "vielleicht"}: scoring.TooSmall,
			{"1", scoring.IssueMissingQuestion, ""}:         scoring.Published,
			{"2", scoring.IssueUnknownAnswer, "jein"}:       scoring.TooSmall,
			{"1", scoring.IssueLowCoverage, ""}:             scoring.TooSmall,
		}},
	} {
		d := scoring.NewDisclosure(r, tt.min)
		got := map[finding]scoring.Suppression{}
		for _, is := range r.Issues {
			got[finding{is.Wave, is.Kind, is.Value}] = d.Finding(is)
		}
		if len(got) != len(tt.want) {
			t.Errorf("min %d: findings %v, want %v", tt.min, got, tt.want)
		}
		for f, want := range tt.want {
			if s, ok := got[f]; !ok || s != want {
				t.Errorf("min %d: Finding(%v) = %d (found %v), want %d", tt.min, f, s, ok, want)
			}
		}
	}
}

// TestQuartilesOfFewUnits: type-7 quartiles of fewer than 5 scores
// interpolate with the lowest and highest one — of 3 scores, q1 is the
// mean of the lowest two and q3 of the highest two, so 2·q1 − median is
// the lowest score and 2·q3 − median the highest: with
// report.min_group_size 3, aggregates.csv told the scores of Saxony's
// three cities of 50,000 to 100,000 (review 10). The extremes are what the
// box plot leaves out (Whiskers); quartiles are shown from 5 scores, where
// they lie between the second and the second-highest. By hand: district
// K's 3 units score 0, 66⅔ and 100 on the overall score (mini.yaml:
// d1 = (3·Q1 + Q2)/4 weighs 2, d2 = (Q3 + reversed Q4)/2 weighs 1); at a
// minimum of 3 their median and mean are shown, not q1 = 33⅓ (= (0 +
// 66⅔)/2) and q3; nor in a district of 4; in one of 5, all of them.
func TestQuartilesOfFewUnits(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	ds := &scoring.Dataset{}
	for i, a := range [][]string{{"nein", "nein", "0", "ja"}, {"teilweise", "teilweise", "12", "nein"}, {"ja", "ja", "12", "nein"}} {
		ds.Responses = append(ds.Responses, inWave("1", fmt.Sprintf("K%02d", i), "K", a...))
	}
	for i := range 4 {
		ds.Responses = append(ds.Responses, inWave("1", fmt.Sprintf("L%02d", i), "L", "ja", "nein", "12", "nein"))
	}
	for i := range 5 {
		ds.Responses = append(ds.Responses, inWave("1", fmt.Sprintf("M%02d", i), "M", "ja", "nein", "12", "nein"))
	}
	r := scoring.Score(m, ds)
	var scores []float64
	for _, u := range r.Units {
		if u.Unit.District == "K" {
			scores = append(scores, u.Overall().Score)
		}
	}
	if len(scores) != 3 || scores[0] != 0 || math.Abs(scores[1]-200.0/3) > 1e-9 || scores[2] != 100 {
		t.Fatalf("K's overall scores %v, want 0, 66⅔, 100 (by hand)", scores)
	}
	d := scoring.NewDisclosure(r, 3)
	got := map[string]scoring.Suppression{}
	for _, a := range d.Aggregates() {
		if a.Node == 0 && a.PeerGroup >= 0 {
			got[a.Group+" "+a.Statistic.String()] = a.Suppression
		}
	}
	for k, want := range map[string]scoring.Suppression{
		"K mean": scoring.Published, "K median": scoring.Published, "K q1": scoring.FewScores, "K q3": scoring.FewScores,
		"L median": scoring.Published, "L q1": scoring.FewScores, "L q3": scoring.FewScores,
		"M q1": scoring.Published, "M q3": scoring.Published,
	} {
		if got[k] != want {
			t.Errorf("%s: %d, want %d", k, got[k], want)
		}
	}
	k := r.Group("1", 0, "K")
	if s := d.Quartiles(k, 0); s != scoring.FewScores || math.Abs(k.Nodes[0].Q1-100.0/3) > 1e-9 {
		t.Errorf("K's quartiles: %d (q1 %v), want FewScores (33⅓)", s, k.Nodes[0].Q1)
	}
}
