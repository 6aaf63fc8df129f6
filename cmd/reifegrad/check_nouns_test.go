package main

import (
	"testing"
)

// TestCheckUnitWords: check's column map and its list of mergers name
// the units as the reports do (scoring.Results.UnitNouns): the AGS column
// of Saxony's municipalities read "Kennung der Einheit" / "unit id", and
// SAMM's organisations "unit id"; a model of other units that names none
// keeps "Einheit" / "unit".
func TestCheckUnitWords(t *testing.T) {
	const samm = "../../example/samm/config.yaml"
	other := settingsDir(t, "", "")
	for _, tt := range []struct {
		name  string
		args  []string
		lines []string // lines of check's listing, spaces collapsed
	}{
		{"municipalities, de", []string{"-c", repoConfig}, []string{`1 "ags" Kennung der Kommune`, `2 "gemeinde" Name der Kommune`}},
		{"municipalities, en", []string{"-c", repoConfig, "--lang", "en"}, []string{`1 "ags" municipality id`, `2 "gemeinde" municipality name`,
			"municipality 14628310 (Rathen, Kurort) merged into 14628210 (Königstein/Sächs. Schw., Stadt) on 2027-01-01"}},
		{"SAMM's organisations", []string{"-c", samm}, []string{`1 "id" organisation id`, `2 "name" organisation name`}},
		{"SAMM in German", []string{"-c", samm, "--lang", "de"}, []string{`1 "id" Kennung der Einheit`, `2 "name" Name der Einheit`}},
		{"other units, de", []string{"-c", other}, []string{`1 "id" Kennung der Einheit`, `2 "gemeinde" Name der Einheit`, `3 "kreis" Landkreis der Einheit`}},
		{"other units, en", []string{"-c", other, "--lang", "en"}, []string{`1 "id" unit id`, `2 "gemeinde" unit name`, `3 "kreis" unit district`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, _ := MustRun(t, append(tt.args, "check")...)
			for _, l := range tt.lines {
				if !hasLine(stdout, l) {
					t.Errorf("no line %q in\n%s%s", l, stdout, stderr)
				}
			}
		})
	}
}
