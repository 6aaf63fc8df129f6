package survey

import (
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestCauses reads rows that are rejected or noted for different reasons
// and checks that each reject and issue carries its cause with the args
// its sentence names, so that a German report can say it in German.
func TestCauses(t *testing.T) {
	in := strings.Join([]string{
		"AGS;Gemeinde;S01;O02;P06;O03;I01_01;I01_02",
		"14612000;Dresden, Stadt;ja;trifft zu;1;ePayBL;ja;ja",
		";;;;;;;",
		"14612000;Dresden;ja;trifft zu;1;ePayBL;ja;ja;zu viel",
		"12ab;Irgendwo;ja;trifft zu;1;ePayBL;ja;ja",
		"14009999;Nirgendwo;ja;trifft zu;1;ePayBL;ja;ja",
		"14612000;Dresden, Stadt;nein;trifft zu;1;ePayBL;ja;ja",
		"14521020;Falschname;ja;trifft zu;1;ePayBL;ja;ja",
	}, "\n") + "\n"
	ds := readString(t, in, baseOptions(t))
	want := map[scoring.Cause][]string{
		scoring.CauseEmptyRow:      {},
		scoring.CauseExtraFields:   {"9", "8"},
		scoring.CauseNotAGS:        {"12ab"},
		scoring.CauseNotInRegister: {"14009999", "sachsen"},
		scoring.CauseDuplicateRow:  {"14612000", "7", "keep_latest_complete"},
		scoring.CauseDuplicate:     {"14612000", "2024", "2", "7", "keep_latest_complete"},
	}
	got := map[scoring.Cause][]string{}
	for _, rj := range ds.Rejects {
		got[rj.Cause] = rj.Args
		if rj.Cause.Args() != len(rj.Args) {
			t.Errorf("reject %+v: %d args for cause %d", rj, len(rj.Args), rj.Cause)
		}
	}
	for _, is := range ds.Issues {
		got[is.Cause] = is.Args
		if is.Cause.Args() != len(is.Args) {
			t.Errorf("issue %+v: %d args for cause %d", is, len(is.Args), is.Cause)
		}
	}
	for c, args := range want {
		if g, ok := got[c]; !ok || !slices.Equal(g, args) {
			t.Errorf("cause %d: args %q (found %v), want %q; rejects %+v", c, g, ok, args, ds.Rejects)
		}
	}
	if _, ok := got[scoring.CauseNameMismatch]; !ok {
		t.Errorf("no name mismatch noted: %+v", ds.Issues)
	}
}
