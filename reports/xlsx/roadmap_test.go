package xlsx

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestRoadmapCatalogs checks the sheet's texts in both languages.
func TestRoadmapCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": roadmapCatalogs[scoring.German], "en": roadmapCatalogs[scoring.English]})
}

// TestFahrplan: the sheet has a row per unit and step (a row for a unit
// without steps), read back from the workbook; hidden peer counts are "•",
// a step without one (a clarification at the lowest answer) is empty.
func TestFahrplan(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeBook(t, r, Options{Disclosure: dis, Roadmaps: set}, 0)
	if !slices.Contains(f.GetSheetList(), "Fahrplan") {
		t.Fatalf("sheets %v", f.GetSheetList())
	}
	rows, err := f.GetRows("Fahrplan")
	if err != nil {
		t.Fatal(err)
	}
	want := 1
	for _, p := range set.Plans {
		want += max(1, len(p.Steps))
	}
	if len(rows) != want {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	k := 1
	for _, p := range set.Plans {
		for j, st := range p.Steps {
			row := rows[k+j]
			if row[0] != string(p.Unit.Unit.ID) || row[11] != string(st.Question.ID) || row[13] != st.From || row[14] != st.To {
				t.Errorf("row %d: %v; want %s %s %s → %s", k+j+1, row, p.Unit.Unit.ID, st.Question.ID, st.From, st.To)
			}
			peers := ""
			if len(row) > 19 {
				peers = row[19]
			}
			if !st.PeersShown && !st.NoPeerCount && peers != "•" {
				t.Errorf("row %d: a hidden peer count shows %q", k+j+1, peers)
			}
			if st.NoPeerCount && peers != "" {
				t.Errorf("row %d: a step without a peer count shows %q", k+j+1, peers)
			}
		}
		k += max(1, len(p.Steps))
	}
}

// TestAwait: a workbook given its roadmaps through Options.Await, called
// once before the Fahrplan sheet, holds exactly the parts of one given
// them at once; an error from Await stops the workbook with that error.
func TestAwait(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	write := func(o Options) ([]byte, error) {
		var buf bytes.Buffer
		err := WriteWorkbook(&buf, r, o)
		return buf.Bytes(), err
	}
	want, err := write(Options{Disclosure: dis, Roadmaps: set})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	got, err := write(Options{Disclosure: dis, Await: func() (*analyse.Report, *roadmap.Set, error) {
		calls++
		return nil, set, nil
	}})
	if err != nil || calls != 1 {
		t.Fatalf("Await called %d times (want 1), err %v", calls, err)
	}
	wp, gp := unzipParts(t, want), unzipParts(t, got)
	if len(wp) != len(gp) {
		t.Fatalf("%d parts, want %d", len(gp), len(wp))
	}
	for name, w := range wp {
		if !bytes.Equal(gp[name], w) {
			t.Errorf("part %s differs", name)
		}
	}
	failed := errors.New("the analysis failed")
	if _, err := write(Options{Disclosure: dis, Await: func() (*analyse.Report, *roadmap.Set, error) { return nil, nil, failed }}); !errors.Is(err, failed) {
		t.Errorf("Await's error: WriteWorkbook returned %v", err)
	}
}

// TestFahrplanNote: the sheet's note on a goal that names no level is in
// the workbook's language (it was package roadmap's English sentence in a
// German workbook too).
func TestFahrplanNote(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	set.Plans[0].Note = roadmap.Note{Reason: roadmap.GoalNamesNoLevel, Goal: "Stufe 9", Column: "zielstufe"}
	var levels []string
	for _, l := range r.Model.Levels.List {
		levels = append(levels, l.Label())
	}
	for _, tt := range []struct {
		lang  scoring.Language
		sheet string
		want  string
	}{
		{scoring.German, "Fahrplan", "Die Zielangabe „Stufe 9“ (Spalte zielstufe) nennt keine Stufe des Modells (" + strings.Join(levels, ", ") + "); es gilt roadmap.target."},
		{scoring.English, "Roadmap", "The goal “Stufe 9” (column zielstufe) names no level of the model (" + strings.Join(levels, ", ") + "); roadmap.target applies."},
	} {
		f, _ := writeBook(t, r, Options{Language: tt.lang, Disclosure: dis, Roadmaps: set}, 0)
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		notes := 0
		for _, row := range rows[1:] {
			if len(row) == len(rows[0]) && row[len(row)-1] != "" {
				notes++
				if row[0] != string(set.Plans[0].Unit.Unit.ID) || row[len(row)-1] != tt.want {
					t.Errorf("%s: %s's note %q; want %s's %q", tt.lang, row[0], row[len(row)-1], set.Plans[0].Unit.Unit.ID, tt.want)
				}
			}
		}
		if notes == 0 {
			t.Errorf("%s: no row of %s holds the note", tt.lang, tt.sheet)
		}
	}
}

// TestFahrplanNumbers: a value the roadmap worked out for a numeric
// question is written "7,5" in a German workbook's "nach" column ("7.5"
// before), "7.5" in an English one.
func TestFahrplanNumbers(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(set.Plans, func(p roadmap.Plan) bool { return len(p.Steps) > 0 && !p.Steps[0].Item })
	if i < 0 {
		t.Fatal("the fixture has no roadmap whose first step raises an answer")
	}
	p := &set.Plans[i]
	q := *p.Steps[0].Question
	q.Scale = &scoring.Scale{Kind: scoring.ScaleNumeric}
	p.Steps[0].Question, p.Steps[0].To = &q, "7.5"
	for _, tt := range []struct {
		lang        scoring.Language
		sheet, want string
	}{{scoring.German, "Fahrplan", "7,5"}, {scoring.English, "Roadmap", "7.5"}} {
		f, _ := writeBook(t, r, Options{Language: tt.lang, Disclosure: dis, Roadmaps: set}, 0)
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		to := slices.Index(rows[0], roadmapCatalogs[tt.lang].To)
		row := slices.IndexFunc(rows, func(row []string) bool { return row[0] == string(p.Unit.Unit.ID) })
		if to < 0 || row < 0 || rows[row][to] != tt.want {
			t.Errorf("%s: the first step of %s goes to %q, want %q", tt.lang, p.Unit.Unit.ID, rows[max(row, 0)][max(to, 0)], tt.want)
		}
	}
}

// TestFahrplanNoPeerCount (road16): a step no peer count speaks for (a
// clarification at the lowest answer, roadmap.Step.NoPeerCount) has an
// empty cell; "•" says a count is hidden, which there it is not. A count
// hidden for its size stays "•", one shown its number.
func TestFahrplanNoPeerCount(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Disclosure: dis})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(set.Plans, func(p roadmap.Plan) bool { return len(p.Steps) >= 3 })
	if i < 0 {
		t.Fatal("the fixture has no roadmap of three steps")
	}
	p := &set.Plans[i]
	p.Steps[0].Peers, p.Steps[0].PeersShown, p.Steps[0].PeersHidden, p.Steps[0].NoPeerCount = 0, false, false, true
	p.Steps[1].Peers, p.Steps[1].PeersShown, p.Steps[1].PeersHidden, p.Steps[1].NoPeerCount = 0, false, true, false
	p.Steps[2].Peers, p.Steps[2].PeersShown, p.Steps[2].PeersHidden, p.Steps[2].NoPeerCount = 7, true, false, false
	f, _ := writeBook(t, r, Options{Disclosure: dis, Roadmaps: set}, 0)
	rows, err := f.GetRows("Fahrplan")
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], roadmapCatalogs[scoring.German].Peers)
	first := slices.IndexFunc(rows, func(row []string) bool { return row[0] == string(p.Unit.Unit.ID) })
	if col < 0 || first < 0 {
		t.Fatalf("no column %q or no row of %s", roadmapCatalogs[scoring.German].Peers, p.Unit.Unit.ID)
	}
	cell := func(row []string) string {
		if col < len(row) {
			return row[col]
		}
		return ""
	}
	for k, want := range []string{"", "•", "7"} {
		if got := cell(rows[first+k]); got != want {
			t.Errorf("step %d of %s: peers %q, want %q", k+1, p.Unit.Unit.ID, got, want)
		}
	}
}
