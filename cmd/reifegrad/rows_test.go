package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResponsesAboveTheHeaderRefused: a survey sorted in Excel with its
// header row inside the range (the reviewer's repro) is refused by check
// and run with exit 1, naming the rows above the header, and run writes
// nothing — instead of scoring only the rows below the header.
func TestResponsesAboveTheHeaderRefused(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"sorted.yaml": `survey:
  inputs:
    - {wave: "2026", file: sorted.csv}
units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}
report: {min_group_size: 1}
model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}, {level: 2, name: Zwei, min: 50}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: S01, scale: jn}
  dimensions:
    - {id: d, indicators: [{id: i, question: S01}]}
`,
		"sorted.csv": "14522010;Altmittweida;nein\n14730020;Bad Düben, Stadt;ja\n14729020;Belgershain;nein\nags;gemeinde;S01\n14729160;Grimma, Stadt;ja\n",
	})
	cfg := filepath.Join(dir, "sorted.yaml")
	const want = `sorted.csv:1:1: responses above the header row (row 4): rows 1–3 hold units and answers (row 1: "14522010" in column 1)`
	for _, args := range [][]string{{"check"}, {"-q", "-o", filepath.Join(dir, "out")}} {
		_, stderr, code := MustRun(t, append([]string{"-c", cfg}, args...)...)
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("%v: exit %d, stderr %s; want exit 1 and %q", args, code, stderr, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("run wrote out/: %v", err)
	}
}

// TestServeInitUnits: serve init --units refuses a register with a
// coordinate that is no place, naming file, line and column, before it
// creates the database; a point outside Germany is stored with a warning
// that --quiet does not silence.
func TestServeInitUnits(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n14511000,\"Chemnitz, Stadt\",\"Chemnitz, Stadt\",240078,12.921602,50.833593\n"
	for _, c := range []struct {
		name, row, want string
		stored          bool
	}{
		{"decimal comma", `14521010,Amtsberg,Erzgebirgskreis,3700,"13,0856","50,7594"`, `:3:5: lon "13,0856" has a decimal comma`, false},
		{"latitude without longitude", `14521040,Bärenstein,Erzgebirgskreis,2600,,50.5`, `:3:5: lon is empty but lat is not`, false},
		{"negative population", `14521040,Bärenstein,Erzgebirgskreis,-2600,12.99,50.5`, `:3:4: population "-2600" is not a whole number of 0 or more`, false},
		{"swapped", `14521035,Auerbach,Erzgebirgskreis,2600,50.7,12.9`, `:3: 14521035 (Auerbach) lies at lon 50.7, lat 12.9, outside Germany (lon 5.8 to 15.1, lat 47.2 to 55.1): lon and lat swapped?`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			units, db := filepath.Join(dir, "units.csv"), filepath.Join(dir, "reifegrad.db")
			if err := os.WriteFile(units, []byte(head+c.row+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errb strings.Builder
			cmd := NewRootCommand(strings.NewReader(testPassword+"\n"), &out, &errb)
			cmd.SetArgs([]string{"-c", repoConfig, "serve", "init", "--db", db, "--units", units, "-q"})
			err := cmd.Execute()
			if c.stored {
				if err != nil || !strings.Contains(errb.String(), "warning: register "+units+c.want) {
					t.Errorf("error %v, stderr %q; want the warning %q", err, errb.String(), c.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "register "+units+c.want) {
				t.Errorf("error %v; want %q", err, c.want)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the database was created: %v", err)
			}
		})
	}
}
