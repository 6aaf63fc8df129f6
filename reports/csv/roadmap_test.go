package csv

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestWriteRoadmap: the stable header, a row per unit and step, names
// that would be formulas made inert, hidden peer counts empty.
func TestWriteRoadmap(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: scoring.NewDisclosure(r, 5)})
	if err != nil {
		t.Fatal(err)
	}
	set.Plans[0].Unit.Unit.Name = "=HYPERLINK(\"x\")"
	var b bytes.Buffer
	if err := WriteRoadmap(&b, r.Model, set); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	const header = "wave,ags,name,status,level,target,own_goal,effort,exact,percent_to_target,progress,step,phase,question,dimension,from,to,clarify,step_effort,score_after,level_after,peers,note,peers_hidden"
	if got := strings.Join(rows[0], ","); got != header {
		t.Errorf("header %s", got)
	}
	want := 1
	for _, p := range set.Plans {
		want += max(1, len(p.Steps))
	}
	if len(rows) != want {
		t.Errorf("%d rows, want %d", len(rows), want)
	}
	if rows[1][2] != "'=HYPERLINK(\"x\")" {
		t.Errorf("name %q is not inert", rows[1][2])
	}
	k := 1
	for _, p := range set.Plans {
		for j, st := range p.Steps {
			if row := rows[k+j]; !st.PeersShown && row[21] != "" {
				t.Errorf("row %d: hidden peer count %q", k+j+1, row[21])
			}
		}
		k += max(1, len(p.Steps))
	}
}

// roadmapRow is one line of roadmap.csv, the tidy long format of the
// roadmaps: one row per unit × step, and one row (step empty) for a unit
// without steps. Its columns are a stable interface; WriteRoadmap writes exactly what
// gocsv writes for it (gocsvRoadmap).
type roadmapRow struct {
	Wave            string `csv:"wave"`
	ID              string `csv:"ags"`
	Name            string `csv:"name"`
	Status          string `csv:"status"`
	Level           string `csv:"level"`
	Target          string `csv:"target"`
	OwnGoal         bool   `csv:"own_goal"`
	Effort          int    `csv:"effort"`
	Exact           bool   `csv:"exact"`
	PercentToTarget string `csv:"percent_to_target"`
	Progress        string `csv:"progress"`
	Step            string `csv:"step"`
	Phase           string `csv:"phase"`
	Question        string `csv:"question"`
	Dimension       string `csv:"dimension"`
	From            string `csv:"from"`
	To              string `csv:"to"`
	Clarify         bool   `csv:"clarify"`
	StepEffort      string `csv:"step_effort"`
	ScoreAfter      string `csv:"score_after"`
	LevelAfter      string `csv:"level_after"`
	Peers           string `csv:"peers"`
	Note            string `csv:"note"`
	PeersHidden     bool   `csv:"peers_hidden"`
}

// gocsvRoadmap writes roadmap.csv through gocsv, a struct per row: how
// WriteRoadmap wrote it before it wrote records of strings, and the
// reference it is held to.
func gocsvRoadmap(w io.Writer, m *scoring.Model, s *roadmap.Set) error {
	var rows []roadmapRow
	for _, p := range s.Plans {
		u := p.Unit
		base := roadmapRow{Wave: InertText(string(u.Wave)), ID: InertText(string(u.Unit.ID)), Name: InertText(u.Unit.Name),
			Status: p.Status.String(), Level: levelLabel(m, u.Level), Target: levelLabel(m, p.Target), OwnGoal: p.OwnGoal, Effort: p.Effort, Exact: p.Exact,
			PercentToTarget: number(p.PercentToTarget), Progress: number(p.Progress), Note: InertText(p.Note.English(m))}
		if len(p.Steps) == 0 {
			rows = append(rows, base)
			continue
		}
		for i, st := range p.Steps {
			r := base
			r.Step = strconv.Itoa(i + 1)
			if st.Phase > 0 {
				r.Phase = strconv.Itoa(st.Phase)
			}
			r.Question, r.Dimension = InertText(string(st.Question.ID)), InertText(string(st.Dimension.ID))
			r.From, r.To, r.Clarify = InertText(st.From), InertText(st.To), st.Clarify
			r.StepEffort, r.ScoreAfter, r.LevelAfter = strconv.Itoa(st.Effort), scoreText(st.After), levelLabel(m, st.Level)
			if st.PeersShown {
				r.Peers = strconv.Itoa(st.Peers)
			}
			r.PeersHidden = st.PeersHidden
			rows = append(rows, r)
		}
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}

// TestWriteRoadmapAsGocsv: WriteRoadmap writes byte for byte what gocsv
// writes for the same rows — with formula payloads, quotes, commas and
// line breaks in names and notes, units without steps or an overall
// score, phases, hidden peer counts, and no units at all.
func TestWriteRoadmapAsGocsv(t *testing.T) {
	m, ds := quirkySaxony(t)
	fix := fixture.Fixture(t, fixture.Model(t))
	cases := []struct {
		name string
		res  *scoring.Results
		opt  roadmap.Options
	}{
		{"saxony, phases", scoring.Score(m, ds), roadmap.Options{Phases: 3}},
		{"fixture, peers", fix, roadmap.Options{Disclosure: scoring.NewDisclosure(fix, 5)}},
		{"empty", scoring.Score(m, &scoring.Dataset{}), roadmap.Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set, err := roadmap.Build(tc.res, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			for i := range set.Plans {
				if i%3 == 1 {
					set.Plans[i].Note = roadmap.Note{Reason: roadmap.GoalNamesNoLevel, Goal: quirkyTexts[i%len(quirkyTexts)], Column: quirkyTexts[(i+1)%len(quirkyTexts)]}
				}
				if st := set.Plans[i].Steps; i%3 == 2 && len(st) > 0 {
					st[0].From, st[len(st)-1].To = "=1+1", quirkyTexts[i%len(quirkyTexts)]
				}
			}
			var got, want bytes.Buffer
			if err := WriteRoadmap(&got, tc.res.Model, set); err != nil {
				t.Fatal(err)
			}
			if err := gocsvRoadmap(&want, tc.res.Model, set); err != nil {
				t.Fatal(err)
			}
			sameBytes(t, got.String(), want.String())
		})
	}
}

// TestRoadmapPeersHidden: roadmap.csv left a step's peers empty both where
// a count was made and may not be shown and where none was made (no count
// speaks for the step, no size class, no counts asked for) — only the
// workbook's "•" told them apart. peers_hidden says which: true exactly
// for the steps with a count kept back, never beside a count shown or
// without counts asked for.
func TestRoadmapPeersHidden(t *testing.T) {
	fix := fixture.Fixture(t, fixture.Model(t))
	for _, tt := range []struct {
		name   string
		opt    roadmap.Options
		hidden bool // some step's count is kept back
	}{
		{"counts asked for", roadmap.Options{Disclosure: scoring.NewDisclosure(fix, 5)}, true},
		{"none asked for", roadmap.Options{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := roadmap.Build(fix, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteRoadmap(&b, fix.Model, set); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			var want []string // per step row: true where the step's count was made and kept back
			for _, p := range set.Plans {
				if len(p.Steps) == 0 {
					want = append(want, "false")
				}
				for _, st := range p.Steps {
					want = append(want, strconv.FormatBool(!st.PeersShown && !st.NoPeerCount && tt.opt.Disclosure != nil && p.Unit.SizeClass != ""))
				}
			}
			hidden := 0
			for i, r := range rows[1:] {
				got := r[col["peers_hidden"]]
				if got != want[i] {
					t.Errorf("row %d (%s, step %s): peers_hidden %s, want %s", i+2, r[col["ags"]], r[col["step"]], got, want[i])
				}
				if got == "true" {
					hidden++
					if r[col["peers"]] != "" {
						t.Errorf("row %d: a count %s beside peers_hidden", i+2, r[col["peers"]])
					}
				}
			}
			if (hidden > 0) != tt.hidden {
				t.Errorf("%d steps with a count kept back, want some: %v", hidden, tt.hidden)
			}
		})
	}
}
