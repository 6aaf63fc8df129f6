package csv

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

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
	const header = "wave,ags,name,status,level,target,own_goal,effort,exact,percent_to_target,progress,step,phase,question,dimension,from,to,clarify,step_effort,score_after,level_after,peers,note"
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
