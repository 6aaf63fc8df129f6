package xlsx

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestLegendOfSuppressed: the workbooks' legend of "•" gives the reason
// that hid a figure (scoring.Disclosure). Under report.min_group_size 1 no
// figure that exists is hidden, and the sheets said "fewer than 1
// municipalities in the group" beside quartiles hidden for having fewer
// than 5 scores (scoring.FewScores); under 3 they said "fewer than 3" of
// those quartiles. Gruppen and the publication's Über (whose Daten has the
// quartiles) say why; from 5 on a group of fewer than 5 is hidden whole.
func TestLegendOfSuppressed(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	tests := []struct {
		lang          scoring.Language
		min           int
		want, wantNot string
	}{
		{scoring.German, 1, "• = keine Kennzahl: Keine Kommune der Gruppe hat dort einen Wert. Quartile aus weniger als 5 Werten werden nicht ausgewiesen (•)", "weniger als 1 "},
		{scoring.English, 1, "• = no figure: no municipality of the group has a value there. Quartiles of fewer than 5 scores are not shown (•)", "fewer than 1 "},
		{scoring.English, 3, "• = not shown: fewer than 3 municipalities in the group (confidentiality). Quartiles of fewer than 5 scores are not shown (•)", "no figure"},
		{scoring.German, 5, "• = nicht ausgewiesen: weniger als 5 Kommunen in der Gruppe (Vertraulichkeit).", "Quartile aus"},
	}
	for _, tt := range tests {
		c := catalogFor(tt.lang)
		o := Options{Language: tt.lang, Disclosure: scoring.NewDisclosure(r, tt.min)}
		for _, w := range []struct {
			write func(*bytes.Buffer) error
			sheet string
		}{
			{func(b *bytes.Buffer) error { return WriteWorkbook(b, r, o) }, c.SheetGroups},
			{func(b *bytes.Buffer) error { return WritePublication(b, r, o) }, c.SheetAbout},
		} {
			var b bytes.Buffer
			if err := w.write(&b); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(w.sheet)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(slices.Concat(rows...), "\n")
			if !strings.Contains(text, tt.want) || strings.Contains(text, tt.wantNot) {
				t.Errorf("%s, min %d, %s: lacks %q or has %q:\n%s", tt.lang, tt.min, w.sheet, tt.want, tt.wantNot, text)
			}
		}
	}
}

// TestLegendOfFewScored: Gruppen's legend says why a group of six shows
// "•": fewer than 5 of it have a score (two did not answer), not fewer
// than 5 in the group.
func TestLegendOfFewScored(t *testing.T) {
	const model = `model:
  name: Wenige
  levels: {bands: [{level: 1, name: A, min: 0}]}
  peer_groups: [{id: lk, name: Landkreis, attribute: district}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - {id: a, name: Alpha, indicators: [{id: ia, question: QA, scale: jn}]}
    - {id: b, name: Beta, indicators: [{id: ib, question: QB, scale: jn}]}
`
	m, err := scoring.ParseModel("w.yaml", []byte(model))
	if err != nil {
		t.Fatal(err)
	}
	build := func(silent int) *scoring.Results {
		ds := &scoring.Dataset{}
		for i := range 6 {
			a := []string{"ja", "nein"}
			if i < silent {
				a = []string{"", ""}
			}
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Answers: scoring.AnswersOf(a...),
				Unit: scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1461200%d", i)), Name: fmt.Sprintf("K%d", i), District: "D"}})
		}
		return scoring.Score(m, ds)
	}
	const sentence = "Nor are the figures of an area in which fewer than 5 municipalities of the group have a score (•)."
	for _, tt := range []struct {
		silent int
		want   bool
	}{{2, true}, {1, false}} {
		r := build(tt.silent)
		var b bytes.Buffer
		if err := WriteWorkbook(&b, r, Options{Language: scoring.English}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(catalogFor(scoring.English).SheetGroups)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(strings.Join(slices.Concat(rows...), "\n"), sentence); got != tt.want {
			t.Errorf("%d of 6 without answers: %q %v, want %v", tt.silent, sentence, got, tt.want)
		}
	}
}
