package survey

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestReadARS: a file keyed by the 12-digit Regionalschlüssel (ARS), as
// official statistics key municipalities as often as by the AGS, had every
// row rejected as "not an 8-digit AGS". Its ids are now read as the AGS
// they hold — the first five digits and the last three (worked out by hand
// below) — one whose leading zero a spreadsheet dropped (11 digits) too,
// and the file says so once, at the first such row; an ARS whose AGS the
// register does not hold is rejected as any such AGS; other lengths stay
// no AGS.
func TestReadARS(t *testing.T) {
	const hdr = "AGS;Gemeinde;S01;O02;P06;O03;I01_01;I01_02\n"
	row := func(id, name string) string { return id + ";" + name + ";ja;trifft zu;1;ePayBL;ja;ja\n" }
	noRegister := baseOptions(t)
	noRegister.Register = nil
	for _, tt := range []struct {
		name    string
		rows    string
		opt     Options
		ids     []scoring.UnitID // scored, in order
		note    []string         // CauseARSRead's args; nil: no note
		rejects map[scoring.Cause][]string
	}{
		{name: "every id an ARS", opt: baseOptions(t),
			rows: row("146120000000", "Dresden") + row("145110000000", "Chemnitz") + row("145215203010", "Amtsberg"),
			ids:  []scoring.UnitID{"14511000", "14521010", "14612000"}, note: []string{"1", "3", "2"}},
		{name: "AGS and ARS mixed", opt: baseOptions(t),
			rows: row("14612000", "Dresden") + row("14511000", "Chemnitz") + row("145215203010", "Amtsberg"),
			ids:  []scoring.UnitID{"14511000", "14521010", "14612000"}, note: []string{"1", "1", "4"}},
		{name: "leading zero dropped, no register", opt: noRegister,
			rows: row("10010000000", "Flensburg") + row(" 01 0 02 0000 000 ", "Kiel"),
			ids:  []scoring.UnitID{"01001000", "01002000"}, note: []string{"1", "2", "2"}},
		{name: "not in the register", opt: baseOptions(t),
			rows: row("146120000000", "Dresden") + row("140099999999", "Nirgendwo"),
			ids:  []scoring.UnitID{"14612000"}, note: []string{"1", "2", "2"},
			rejects: map[scoring.Cause][]string{scoring.CauseNotInRegister: {"14009999", "sachsen"}}},
		{name: "ten and thirteen digits stay no AGS", opt: noRegister,
			rows:    row("1461200000", "Zehn") + row("1461200000000", "Dreizehn"),
			rejects: map[scoring.Cause][]string{scoring.CauseNotAGS: {"1461200000000"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := readString(t, hdr+tt.rows, tt.opt)
			var ids []scoring.UnitID
			for _, r := range ds.Responses {
				ids = append(ids, r.Unit.ID)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("scored %v, want %v; rejects %+v", ids, tt.ids, ds.Rejects)
			}
			var notes [][]string
			for _, is := range ds.Issues {
				if is.Cause == scoring.CauseARSRead {
					notes = append(notes, is.Args)
					if want := fmt.Sprintf("t.csv:%s:1", tt.note[2]); !strings.HasPrefix(is.Place, want) {
						t.Errorf("the note stands at %s, want %s", is.Place, want)
					}
				}
			}
			switch {
			case tt.note == nil && len(notes) > 0:
				t.Errorf("notes %q, want none", notes)
			case tt.note != nil && (len(notes) != 1 || !slices.Equal(notes[0], tt.note)):
				t.Errorf("notes %q, want one: %q", notes, tt.note)
			}
			got := map[scoring.Cause][]string{}
			for _, rj := range ds.Rejects {
				got[rj.Cause] = rj.Args
			}
			for c, args := range tt.rejects {
				if !slices.Equal(got[c], args) {
					t.Errorf("reject cause %d: args %q, want %q; rejects %+v", c, got[c], args, ds.Rejects)
				}
			}
		})
	}
}
