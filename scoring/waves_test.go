package scoring_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// wavesModel asks six questions in 2026; 2024 asked S01 as S1, S02 on a
// three-point scale, not S03, P1a and P1b as one question P1, and K01 as
// two questions K1a and K1b.
const wavesModel = `model:
  name: Wellen
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    fuenf: {map: {"trifft voll zu": 1, "trifft eher zu": 0.75, "teils/teils": 0.5, "trifft eher nicht zu": 0.25, "trifft nicht zu": 0}}
  questions:
    - {id: S01, scale: jn}
    - {id: S02, scale: fuenf}
    - {id: S03, scale: jn}
    - {id: P1a, scale: jn}
    - {id: P1b, scale: jn}
    - {id: K01, scale: jn}
  dimensions:
    - id: d
      indicators:
        - {id: s1, question: S01}
        - {id: s2, question: S02}
        - {id: s3, question: S03}
        - {id: p1a, question: P1a}
        - {id: p1b, question: P1b}
        - {id: k1, question: K01}
  waves:
    - id: "2024"
    - id: "2026"
      changes:
        renamed: {S1: S01}
        rescaled:
          - {question: S02, from: jn, map: {ja: trifft voll zu, teilweise: 0.6, nein: trifft nicht zu}}
        new: [S03]
        split: [{from: P1, scale: jn, into: [P1a, P1b]}]
        merged: [{from: [K1a, K1b], scale: jn, into: K01}]
`

func TestWaveQuestionnaires(t *testing.T) {
	m := mustParse(t, wavesModel)
	if q, err := m.Questionnaire("2026"); err != nil || q != m {
		t.Errorf("Questionnaire(2026) = %p, %v; want the model itself", q, err)
	}
	if _, err := m.Questionnaire("2030"); err == nil || !strings.Contains(err.Error(), "wave 2030 is not declared in model.waves (declared: 2024, 2026)") {
		t.Errorf("Questionnaire(2030): %v", err)
	}
	q, err := m.Questionnaire("2024")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, qq := range q.Questions {
		s := string(qq.ID)
		switch {
		case qq.NotAsked:
			s += " not asked"
		case len(qq.From) > 0:
			var from []string
			for _, f := range qq.From {
				from = append(from, string(q.Questions[f].ID))
			}
			s += " from " + strings.Join(from, "+")
		}
		got = append(got, s)
	}
	want := []string{"S1", "S02", "S03 not asked", "P1a from P1", "P1b from P1", "K01 from K1a+K1b", "P1", "K1a", "K1b"}
	if !slices.Equal(got, want) {
		t.Errorf("2024 questionnaire %q, want %q", got, want)
	}
	// The earlier scale of S02, mapped onto the new points.
	for raw, p := range map[string]float64{"ja": 1, "Teilweise": 0.6, "nein": 0} {
		if a := q.Questions[1].Scale.Parse(raw); a.Status != scoring.Answered || a.Value != p {
			t.Errorf("2024 S02 %q = %v, want %v points", raw, a, p)
		}
	}
	if a := q.Questions[1].Scale.Parse("trifft eher zu"); a.Status != scoring.Invalid {
		t.Errorf("2024 S02 takes an answer of the 2026 scale: %v", a)
	}
	if !q.Questions[6].HasColumn() || q.Questions[3].HasColumn() || q.Questions[2].HasColumn() {
		t.Error("HasColumn: P1 has a column, P1a and S03 have none")
	}
	cw, ok := m.Crosswalk("2026")
	if !ok {
		t.Fatal("no crosswalk into 2026")
	}
	wantCW := scoring.Crosswalk{From: "2024", To: "2026",
		Renamed: []scoring.Rename{{From: "S1", To: "S01"}}, Rescaled: []scoring.QuestionID{"S02"}, New: []scoring.QuestionID{"S03"},
		Split:  []scoring.Split{{From: "P1", Into: []scoring.QuestionID{"P1a", "P1b"}}},
		Merged: []scoring.Merge{{From: []scoring.QuestionID{"K1a", "K1b"}, Into: "K01"}}, Compared: 1, Asked: 6,
		Core: []bool{true, false, false, false, false, false}}
	if fmt.Sprint(cw) != fmt.Sprint(wantCW) {
		t.Errorf("crosswalk\n got %+v\nwant %+v", cw, wantCW)
	}
}

// TestComparableCoreByHand scores both waves of wavesModel in full and on
// their comparable core (S01 alone: renamed, but asked the same way).
func TestComparableCoreByHand(t *testing.T) {
	m := mustParse(t, wavesModel)
	// 2024, in its questionnaire's order: S1, S02 (old scale), S03 (not
	// asked), P1a, P1b, K01 (derived), then P1, K1a, K1b.
	a24 := unit("2024", "A", "K", 0, "ja", "teilweise", "", "", "", "", "nein", "ja", "teilweise")
	a26 := unit("2026", "A", "K", 0, "nein", "trifft eher zu", "ja", "ja", "nein", "teilweise")
	b26 := unit("2026", "B", "K", 0, "ja", "trifft nicht zu", "nein", "nein", "nein", "nein")
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{a24, a26, b26}})
	// By hand, 2024 in full: S1 100, S02 60 (teilweise mapped to 0.6),
	// S03 not asked (left out, coverage stays 1), P1a = P1b = P1 = 0,
	// K01 = mean(K1a 100, K1b 50) = 75: d = (100+60+0+0+75)/5 = 47.
	u24 := result(t, res, "2024", "A")
	checkScores(t, m, u24, want{"s1", 100}, want{"s2", 60}, want{"s3", none}, want{"p1a", 0}, want{"p1b", 0}, want{"k1", 75}, want{"d", 47})
	if s := u24.Nodes.At(m.Node("s3").Index); s.State != scoring.Unasked {
		t.Errorf("2024 s3 state %v, want not asked", s.State)
	}
	if c := u24.Nodes.At(0).Coverage; c != 1 {
		t.Errorf("2024 coverage %v, want 1: a question not asked does not lower it", c)
	}
	// 2026 in full: 0, 75, 100, 100, 0, 50: d = 325/6.
	u26 := result(t, res, "2026", "A")
	checkScores(t, m, u26, want{"d", 325.0 / 6})
	// On the core (S01 only): 2024 d = 100, 2026 d = 0.
	c, ok := res.Change(u26, m.Node("d").Index)
	if !ok || c.Before != 100 || c.After != 0 || c.Delta != -100 || c.Compared != 1 || c.Asked != 6 {
		t.Errorf("change %+v, %v; want 100 → 0 on 1 of 6 questions", c, ok)
	}
	// The group: before, A alone (100); after, A 0 and B 100 = 50. The
	// panel is A's change, -100.
	g := res.Group("2026", -1, "")
	gc, ok := res.GroupChange(g, 0)
	if !ok || gc.Before != 100 || gc.After != 50 || gc.Panel != 1 || gc.PanelDelta != -100 || gc.Compared != 1 {
		t.Errorf("group change %+v, %v; want 100 → 50, panel 1 at -100, on 1 question", gc, ok)
	}
	// The full scores stay as they are.
	if g.Nodes[0].Mean != (325.0/6+100.0/6)/2 {
		t.Errorf("2026 mean %v, want the full scores' mean %v", g.Nodes[0].Mean, (325.0/6+100.0/6)/2)
	}
	if cmp, ok := res.Comparison(1); !ok || !cmp.Partial() || cmp.Compared != 1 || cmp.Asked != 6 {
		t.Errorf("comparison %+v", cmp)
	}
	if s := strings.Join(scoring.Methodology(m, scoring.English), " "); !strings.Contains(s, "Changes rest only on the questions both waves asked the same way") {
		t.Errorf("the methodology does not say that changes rest on the comparable core:\n%s", s)
	}
	if n, of := res.TrendCore(); n != 1 || of != 6 {
		t.Errorf("trend core %d of %d, want 1 of 6", n, of)
	}
	if tr := g.Trend[0]; tr.N != 2 || tr.Mean != 50 {
		t.Errorf("2026 trend figure %+v, want the core mean 50 of 2 units", tr)
	}
}

// TestCrosswalkErrors: a bad crosswalk is an error with its line.
func TestCrosswalkErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"rename to a code nobody has", "renamed: {S1: S01}", "renamed: {S1: S99}",
			`test.yaml:27:23: model.waves[1].changes.renamed.S1: rename S1 → S99: no question has code "S99" in wave 2026`},
		{"renames in a cycle", "renamed: {S1: S01}", "renamed: {S1: S01, S01: S1}",
			"test.yaml:27:19: model.waves[1].changes.renamed.S1: renames go round in a cycle: S1 → S01 → S1\n" +
				"test.yaml:27:28: model.waves[1].changes.renamed.S01: renames go round in a cycle: S01 → S1 → S01"},
		{"an old answer mapped to nothing", "map: {ja: trifft voll zu, teilweise: 0.6, nein: trifft nicht zu}", "map: {ja: trifft voll zu, teilweise: 0.6}",
			`test.yaml:29:13: model.waves[1].changes.rescaled.map: question "S02": the earlier answer "nein" is mapped to nothing`},
		{"mapped to an answer the new scale lacks", "teilweise: 0.6", "teilweise: halb",
			`test.yaml:29:76: model.waves[1].changes.rescaled.map.teilweise: question "S02": "halb" is neither an answer of scale "fuenf" nor points between 0 and 1`},
		{"new question not in the model", "new: [S03]", "new: [S33]",
			`test.yaml:30:15: model.waves[1].changes.new: no question of the model has code "S33" in wave 2026`},
		{"changed twice", "new: [S03]", "new: [S03, S02]",
			`test.yaml:29:13: model.waves[1].changes.rescaled: question "S02" is new and rescaled in the same wave`},
		{"a successor chain that loops", "  waves:\n", "  successors:\n    - {from: \"14000001\", to: \"14000002\", date: 2025-01-01}\n    - {from: \"14000002\", to: \"14000001\", date: 2025-01-01}\n  waves:\n",
			"test.yaml:24:7: model.successors[0]: the successions loop: 14000001 → 14000002 → 14000001\n" +
				"test.yaml:25:7: model.successors[1]: the successions loop: 14000002 → 14000001 → 14000002"},
		{"a change within a year wave", "  waves:\n", "  successors:\n    - {from: \"14000001\", to: \"14000002\", date: 2026-07-01}\n  waves:\n",
			`test.yaml:27:7: model.waves[1]: wave 2026 needs a date: the succession of 14000001 by 14000002 on 2026-07-01 falls within that year`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(wavesModel, tt.old) {
				t.Fatalf("wavesModel has no %q", tt.old)
			}
			_, err := scoring.ParseModel("test.yaml", []byte(strings.Replace(wavesModel, tt.old, tt.new, 1)))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got: %v\nwant: %s", err, tt.want)
			}
			var me *scoring.ModelError
			if err != nil && !errors.As(err, &me) {
				t.Errorf("%T is no *ModelError", err)
			}
		})
	}
}

// TestSuccessions: a merger lists its predecessors under the successor and
// computes no change for it; a new key for the same municipality (the same
// name, Neudorf) keeps the trend; a dissolved key in a later wave is a finding naming the
// successor.
func TestSuccessions(t *testing.T) {
	renamed := func(r scoring.Response, name string) scoring.Response {
		r.Unit.Name = name
		return r
	}
	m := mustParse(t, `model:
  name: Gebiet
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i, question: Q}]}]
  waves: [{id: "2024"}, {id: "2026"}]
  successors:
    - {from: "14000001", to: "14000003", date: 2025-01-01}
    - {from: "14000002", to: "14000003", date: 2025-01-01}
    - {from: "14000004", to: "14000005", date: 2025-07-01}
`)
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{
		unit("2024", "14000001", "K", 0, "ja"), unit("2024", "14000002", "K", 0, "nein"),
		unit("2024", "14000003", "K", 0, "ja"), renamed(unit("2024", "14000004", "K", 0, "nein"), "Neudorf"),
		unit("2026", "14000003", "K", 0, "nein"), renamed(unit("2026", "14000005", "K", 0, "ja"), "Neudorf"),
		unit("2026", "14000001", "K", 0, "ja"),
	}})
	c := result(t, res, "2026", "14000003")
	var merged []string
	for _, i := range c.Merged {
		merged = append(merged, string(res.Units[i].Unit.ID))
	}
	if p := res.Previous(c); p == nil || p.Unit.ID != "14000003" || !slices.Equal(merged, []string{"14000001", "14000002"}) {
		t.Errorf("14000003: previous %v, merged %v; want its own 2024 result and 14000001, 14000002", p, merged)
	}
	if _, ok := res.Change(c, 0); ok {
		t.Error("a change was computed for a municipality whose territory grew")
	}
	e := result(t, res, "2026", "14000005")
	if ch, ok := res.Change(e, 0); !ok || ch.Before != 0 || ch.After != 100 {
		t.Errorf("14000005 (new key of 14000004): change %+v, %v; want 0 → 100", ch, ok)
	}
	for id, succ := range map[string]scoring.UnitID{"14000001": "14000003", "14000002": "14000003", "14000003": "", "14000004": "14000005"} {
		if got := result(t, res, "2024", id).Successor; got != succ {
			t.Errorf("2024 %s: successor %q, want %q", id, got, succ)
		}
	}
	var found []string
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueDissolved {
			found = append(found, is.Message)
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "14000001 (14000001) became part of 14000003 on 2025-01-01, before wave 2026") {
		t.Errorf("dissolved findings %q", found)
	}
	if ss := res.Comparisons[0].Successions; len(ss) != 3 || !ss[0].Date.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("comparison successions %v", ss)
	}
}

// TestPropertyNewQuestionChangesNoEarlierFigure: adding a question in the
// latest wave (declared new there) changes no score of an earlier wave
// and no change figure — of units, groups, dimensions or overall.
func TestPropertyNewQuestionChangesNoEarlierFigure(t *testing.T) {
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 17))
		g := newGenModel(r, allAggs, []string{"reweight", "zero", "impute"})
		base := g.yaml(1, 1) + "  waves: [{id: \"1\"}, {id: \"2\"}]\n"
		// The new question X joins a random indicator, or is an indicator
		// of its own in the first dimension.
		src := g.yaml(1, 1)
		lines := strings.Split(src, "\n")
		var at []int
		for i, l := range lines {
			if strings.HasSuffix(l, "questions:") && strings.HasPrefix(strings.TrimSpace(l), "questions:") && i > 0 && strings.HasPrefix(l, "      ") {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			t.Fatal("no indicator")
		}
		k := at[r.IntN(len(at))]
		indent := strings.Repeat(" ", len(lines[k])-len(strings.TrimLeft(lines[k], " "))+2)
		lines = slices.Insert(lines, k+1, indent+"- {id: X, weight: 1.5}")
		withX := strings.Replace(strings.Join(lines, "\n"), "  questions:\n", "  questions:\n    - {id: X, scale: lik}\n", 1) +
			"  waves: [{id: \"1\"}, {id: \"2\", changes: {new: [X]}}]\n"
		m0, m1 := mustParse(t, base), mustParse(t, withX)
		d0 := g.dataset(r, 40)
		d0.Responses = append(d0.Responses, g.dataset(r, 40).Responses...)
		for i := 40; i < 80; i++ {
			d0.Responses[i].Wave = "2"
		}
		// The same answers; in wave 2 the new question is answered too.
		d1 := &scoring.Dataset{}
		for _, resp := range d0.Responses {
			a := resp.Answers.Strings()
			x := ""
			if resp.Wave == "2" {
				x = string(rune('a' + r.IntN(5)))
			}
			resp.Answers = scoring.AnswersOf(append([]string{x}, a...)...)
			d1.Responses = append(d1.Responses, resp)
		}
		r0, r1 := scoring.Score(m0, d0), scoring.Score(m1, d1)
		if err := sameFigures(m0, r0, r1); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, withX)
		}
	}
}

// sameFigures compares the earlier wave's scores and every change figure
// of two results of models with the same nodes.
func sameFigures(m *scoring.Model, a, b *scoring.Results) error {
	close := func(x, y float64) bool { return x == y || math.Abs(x-y) < 1e-9 || (math.IsNaN(x) && math.IsNaN(y)) }
	for i := range a.Units {
		ua, ub := &a.Units[i], &b.Units[i]
		for ni := range m.Nodes {
			if ua.Wave == "1" && (ua.Nodes.At(ni).State != ub.Nodes.At(ni).State || !close(ua.Nodes.At(ni).Score, ub.Nodes.At(ni).Score)) {
				return fmt.Errorf("wave 1 %s node %s: %v, then %v", ua.Unit.ID, m.Nodes[ni].ID, ua.Nodes.At(ni), ub.Nodes.At(ni))
			}
			ca, oka := a.Change(ua, ni)
			cb, okb := b.Change(ub, ni)
			if oka != okb || !close(ca.Delta, cb.Delta) || !close(ca.Before, cb.Before) {
				return fmt.Errorf("%s %s node %s: change %+v %v, then %+v %v", ua.Wave, ua.Unit.ID, m.Nodes[ni].ID, ca, oka, cb, okb)
			}
		}
	}
	for i := range a.Groups {
		ga, gb := &a.Groups[i], &b.Groups[i]
		for ni, n := range m.Nodes {
			if n.Kind == scoring.KindIndicator {
				continue
			}
			ca, oka := a.GroupChange(ga, ni)
			cb, okb := b.GroupChange(gb, ni)
			if oka != okb || !close(ca.Delta, cb.Delta) || ca.Panel != cb.Panel || !close(ca.PanelDelta, cb.PanelDelta) {
				return fmt.Errorf("group %s/%s node %s: %+v %v, then %+v %v", ga.Wave, ga.Group, n.ID, ca, oka, cb, okb)
			}
		}
	}
	return nil
}

// TestWrongQuestionnaireIsFatal: rows read against another wave's
// questionnaire would be read as questions they do not answer; Score
// says so, fatally, once per file.
func TestWrongQuestionnaireIsFatal(t *testing.T) {
	m := mustParse(t, wavesModel)
	src := &scoring.Source{File: "w2024.csv", Columns: []int{3, 4, 5, 6, 7, 8}, Questionnaire: m} // the 2026 questionnaire
	a, b := unit("2024", "A", "", 0, "ja", "ja", "ja", "ja", "ja", "ja"), unit("2024", "B", "", 0, "ja", "ja", "ja", "ja", "ja", "ja")
	a.Source, b.Source = src, src
	res := scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{a, b}})
	var fatal []string
	for _, is := range res.Issues {
		if is.Fatal {
			fatal = append(fatal, is.String())
		}
	}
	if len(fatal) != 1 || !strings.Contains(fatal[0], "w2024.csv was read against another questionnaire than wave 2024's") {
		t.Errorf("fatal findings %q", fatal)
	}
	q24, _ := m.Questionnaire("2024")
	src.Questionnaire = q24
	for _, is := range scoring.Score(m, &scoring.Dataset{Responses: []scoring.Response{a, b}}).Issues {
		if is.Fatal {
			t.Errorf("read against its own questionnaire: %v", is)
		}
	}
}

// TestUnreachableLevel: a staged criterion on a node the wave did not ask
// is unmet for every unit of that wave — named once per wave and
// criterion as a finding, so that a lower level is read as the
// questionnaire's doing, not the units'.
func TestUnreachableLevel(t *testing.T) {
	src := strings.Replace(wavesModel, "  levels: {bands: [{level: 1, name: A, min: 0}]}\n",
		"  levels:\n    method: staged\n    bands:\n      - {level: 1, name: A}\n"+
			"      - {level: 2, name: B, criteria: [{node: s3, min: 50}]}\n"+
			"      - {level: 3, name: C, criteria: [{node: s1, min: 50, label: S01 erfüllt}]}\n", 1)
	m := mustParse(t, src)
	// A answers everything "ja" in both waves: 2026 reaches C; in 2024
	// S03 was not asked, so B's criterion is unmet and A stays at A.
	a24 := unit("2024", "A", "K", 0, "ja", "ja", "", "", "", "", "ja", "ja", "ja")
	a26 := unit("2026", "A", "K", 0, "ja", "trifft voll zu", "ja", "ja", "ja", "ja")
	tests := []struct {
		name      string
		responses []scoring.Response
		want      []string
	}{
		{"both waves", []scoring.Response{a24, a26},
			[]string{`unreachable_level 2024 s3: wave 2024 asks no question of s3 (s3): level 2 B needs "s3 ≥ 50", so no unit of the wave can reach it`}},
		{"2026 only", []scoring.Response{a26}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := scoring.Score(m, &scoring.Dataset{Responses: tt.responses})
			var got []string
			for _, is := range res.Issues {
				got = append(got, fmt.Sprintf("%s %s %s: %s", is.Kind, is.Wave, is.Node, is.Message))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings\n got %q\nwant %q", got, tt.want)
			}
			for _, r := range tt.responses {
				u := result(t, res, string(r.Wave), "A")
				if want := map[scoring.WaveID]int{"2024": 1, "2026": 3}[r.Wave]; u.Level != want {
					t.Errorf("%s: level %d, want %d", r.Wave, u.Level, want)
				}
			}
		})
	}
}

// TestScoreNoResponses: a model with waves scores an empty dataset to
// empty results (no wave, no comparison) instead of failing.
func TestScoreNoResponses(t *testing.T) {
	m := mustParse(t, wavesModel)
	res := scoring.Score(m, &scoring.Dataset{})
	if len(res.Units) != 0 || len(res.Waves) != 0 || len(res.Comparisons) != 0 {
		t.Errorf("got %d units, %d waves, %d comparisons; want none", len(res.Units), len(res.Waves), len(res.Comparisons))
	}
}

// TestCrosswalksBetween: the crosswalks leading from one declared wave to
// a later one, skipped waves' included, in order.
func TestCrosswalksBetween(t *testing.T) {
	m, err := scoring.ParseModel("drei.yaml", []byte(`model:
  name: Drei Wellen
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: F1, scale: jn}, {id: F2, scale: jn}, {id: F3, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: F1}, {id: i2, question: F2}, {id: i3, question: F3}]}]
  waves:
    - id: "2024"
    - id: "2026"
      changes: {renamed: {Q1: F1}}
    - id: "2028"
      changes: {new: [F3]}
    - id: "2030"
      changes: {new: [F2]}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		from, to scoring.WaveID
		want     string // each crosswalk as from>to
	}{
		{"2024", "2026", "2024>2026"},
		{"2026", "2028", "2026>2028"},
		{"2024", "2028", "2024>2026 2026>2028"},
		{"2024", "2030", "2024>2026 2026>2028 2028>2030"},
		{"2026", "2030", "2026>2028 2028>2030"},
		{"2028", "2026", ""}, // backwards
		{"2026", "2026", ""},
		{"2022", "2026", ""}, // not declared
		{"2024", "2032", ""},
	} {
		var got []string
		for _, cw := range m.CrosswalksBetween(c.from, c.to) {
			got = append(got, string(cw.From)+">"+string(cw.To))
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("CrosswalksBetween(%s, %s) = %q, want %q", c.from, c.to, s, c.want)
		}
	}
}
