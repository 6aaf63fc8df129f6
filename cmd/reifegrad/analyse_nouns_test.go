package main

import (
	"strings"
	"testing"
)

// TestAnalyseUnitNouns: analyse and diff speak of the units as the
// reports do (scoring.Results.UnitNouns): of municipalities where every
// unit is keyed by an AGS and the model names none ("418 Einheiten mit
// Gesamtwert" was printed of Saxony's municipalities), of the model's own
// noun in its language (SAMM's organisations, ODM's countries: "2 units"),
// of "Einheiten" in the other; one in the singular ("1 Kommunen mit
// Gesamtwert"). Under min_group_size 1 no legend of figures "over fewer
// than 1" hidden: none is, where some unit has it (SAMM's and ODM's
// examples read "figures over fewer than 1 organisation are not shown"
// below a table with none hidden).
func TestAnalyseUnitNouns(t *testing.T) {
	const samm, odm = "../../example/samm/config.yaml", "../../example/odm/config.yaml"
	dir := t.TempDir()
	one := writeIn(t, dir, "config.yaml", strings.Replace(oneDimensionConfig, "min_group_size: 5", "min_group_size: 1", 1))
	oneIn := writeIn(t, dir, "umfrage_2026.csv", "ags;gemeinde;Q1;Q2;Q3\n14511000;Chemnitz;ja;ja;nein\n")
	tests := []struct {
		name    string
		args    []string
		want    []string // lines or parts of lines, spaces collapsed
		wantNot []string
	}{
		{"analyse, municipalities, de", []string{"analyse", "-c", repoConfig, "--draws", "40"},
			[]string{"Welle 2028: 418 Kommunen mit Gesamtwert", "(Kommunen mit allen Teilen bewertet)",
				"• weniger als 5 Kommunen", "Kennzahlen über weniger als 5 Kommunen werden nicht gezeigt",
				"Kommunen, die ihre Stufe in mindestens 90 % der Varianten behalten:"},
			[]string{"Einheit"}},
		{"analyse, municipalities, en", []string{"analyse", "-c", repoConfig, "--draws", "40", "--lang", "en"},
			[]string{"wave 2028: 418 municipalities with an overall score", "(municipalities with every part scored)",
				"• fewer than 5 municipalities", "figures over fewer than 5 municipalities are not shown",
				"municipalities keeping their level in at least 90 % of the variants:"},
			[]string{"unit"}},
		{"analyse, one municipality", []string{"analyse", "-c", one, "-i", "2026=" + oneIn},
			[]string{"Eine Dimension, Welle 2026: 1 Kommune mit Gesamtwert"},
			[]string{"1 Kommunen", "Einheit", "weniger als 1"}},
		{"analyse, SAMM's organisations", []string{"analyse", "-c", samm},
			[]string{"OWASP SAMM v2, wave 2025: 2 organisations with an overall score", "(organisations with every part scored)"},
			[]string{"unit", "municipalit", "fewer than 1"}},
		{"analyse, SAMM in German", []string{"analyse", "-c", samm, "--lang", "de"},
			[]string{"OWASP SAMM v2, Welle 2025: 2 Einheiten mit Gesamtwert"},
			[]string{"Kommune", "organisation", "weniger als 1"}},
		{"analyse, ODM's countries", []string{"analyse", "-c", odm},
			[]string{"wave 2023: 2 countries with an overall score"},
			[]string{"unit", "municipalit", "fewer than 1"}},
		{"diff, municipalities, de", []string{"diff", "-c", repoConfig, "-c", repoConfig},
			[]string{"Welle 2028: 418 Kommunen in beiden", "(Kommunen unter beiden bewertet)", "Kommunen, deren Stufe sich ändert: 0"},
			[]string{"Einheit"}},
		{"diff, municipalities, en", []string{"diff", "-c", repoConfig, "-c", repoConfig, "--lang", "en"},
			[]string{"Wave 2028: 418 municipalities in both", "(municipalities scored under both)", "Municipalities whose level changes: 0"},
			[]string{"unit", "Unit"}},
		{"diff, SAMM's organisations", []string{"diff", "-c", samm, "-c", samm},
			[]string{"Wave 2025: 2 organisations in both", "(organisations scored under both)", "Organisations whose level changes: 0"},
			[]string{"unit", "Unit", "municipalit", "Municipalit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := MustRun(t, append(tt.args, "--quiet")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			flat := strings.Join(strings.Fields(stdout), " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("no %q in\n%s", w, stdout)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(stdout, w) {
					t.Errorf("%q in\n%s", w, stdout)
				}
			}
		})
	}
}
