package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// oneDimensionConfig: three yes/no questions in one dimension; a unit
// that answers none of them has no overall score and so no level.
const oneDimensionConfig = `units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}
report: {min_group_size: 5}
model:
  name: Eine Dimension
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}, {id: Q3, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}, {id: i3, question: Q3}]}]
`

// TestSummaryWords: the run summary and check say, in both languages, how
// many units have no overall score (check's line of rows as run's), name
// their row in the level list as the reports do ("ohne Reifegrad", not a
// bare "–"), and count one dimension in the singular. By hand: five units
// answer ja three times (100, level B), one answers nothing; the bars are
// scaled to the largest count, 5: ⌈1·30/5⌉ = 6 blocks for the one without
// a level.
func TestSummaryWords(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", oneDimensionConfig)
	in := writeIn(t, dir, "umfrage_2026.csv", "ags;gemeinde;Q1;Q2;Q3\n"+
		"14511000;Chemnitz;ja;ja;ja\n14521010;Amtsberg;ja;ja;ja\n14521020;Annaberg-Buchholz;ja;ja;ja\n"+
		"14521035;Aue-Bad Schlema;ja;ja;ja\n14521040;Auerbach;ja;ja;ja\n14521060;Bärenstein;;;\n")
	for _, tt := range []struct {
		lang                                string
		rows, wave, noLevel, levelB, models string
	}{
		{"de", "Gelesene Zeilen: 6 = 6 bewertet + 0 nicht gewertet (1 ohne Gesamtwert: zu wenige Antworten)",
			"Welle 2026: 6 Teilnehmende, Mittelwert Gesamtwert 100,0",
			"ohne Reifegrad 1 ██████", "2 B 5 " + strings.Repeat("█", 30), `(3 bewertete Fragen, 1 Dimension)`},
		// "6 participants" as the German "6 Teilnehmende": it read "6
		// units" of municipalities, where the reports say municipalities.
		{"en", "Rows read: 6 = 6 scored + 0 rejected (1 scored without overall score: too few answers)",
			"Wave 2026: 6 participants, mean score 100.0",
			"no level 1 ██████", "2 B 5 " + strings.Repeat("█", 30), `(3 questions scored, 1 dimension)`},
	} {
		stdout, stderr, code := MustRun(t, "-c", cfg, "-i", "2026="+in, "-o", dir+"/out-"+tt.lang, "-q", "--lang", tt.lang)
		if code != exitOK || !hasLine(stdout, tt.rows) || !hasLine(stdout, tt.wave) || !hasLine(stdout, tt.noLevel) || !hasLine(stdout, tt.levelB) {
			t.Errorf("run --lang %s: exit %d, want lines %q, %q, %q and %q in:\n%s%s", tt.lang, code, tt.rows, tt.wave, tt.noLevel, tt.levelB, stdout, stderr)
		}
		stdout, stderr, code = MustRun(t, "-c", cfg, "check", "-i", "2026="+in, "--lang", tt.lang)
		if code != exitOK || !hasLine(stdout, tt.rows) || !strings.Contains(stdout, tt.models+"\n") {
			t.Errorf("check --lang %s: exit %d, want %q and %q in:\n%s%s", tt.lang, code, tt.rows, tt.models, stdout, stderr)
		}
	}
	// A wave of one participant says so in the singular.
	one := writeIn(t, dir, "eine.csv", "ags;gemeinde;Q1;Q2;Q3\n14511000;Chemnitz;ja;ja;ja\n")
	for lang, want := range map[string]string{"de": "Welle 2026: 1 Teilnehmende (weniger als 5: keine Kennzahlen, wie in den Berichten)",
		"en": "Wave 2026: 1 participant (fewer than 5: no figures shown, as in the reports)"} {
		stdout, stderr, code := MustRun(t, "-c", cfg, "-i", "2026="+one, "-o", dir+"/out-one-"+lang, "-q", "--lang", lang)
		if code != exitOK || !hasLine(stdout, want) {
			t.Errorf("run --lang %s, one unit: exit %d, want the line %q in:\n%s%s", lang, code, want, stdout, stderr)
		}
	}
	// A wave of 6 below a minimum of 7 shows no count, in check as in the
	// summary (Disclosure.AllWaves): 6 scored less the hidden count would
	// tell the number of units with a level.
	t.Setenv("REIFEGRAD_REPORT_MIN_GROUP_SIZE", "7")
	stdout, stderr, code := MustRun(t, "-c", cfg, "check", "-i", "2026="+in)
	if code != exitOK || strings.Contains(stdout, "ohne Gesamtwert") || !hasLine(stdout, "Gelesene Zeilen: 6 = 6 bewertet + 0 nicht gewertet") {
		t.Errorf("check, min 7: exit %d, the count of a hidden wave shown:\n%s%s", code, stdout, stderr)
	}
}

// TestSummaryFindingsOfAHiddenWave: run's summary counted the findings
// about the units of a wave too small to show ("Hinweise zur
// Datenqualität: 2"), which less the overview's count of the waves shown
// is that wave's (review 10). Wave 2024 has 3 units, Chemnitz answering Q1
// "vielleicht"; 2026 has 6, Bärenstein answering Q2 "jein" (both outside
// the scale). By hand: at a minimum of 5 one finding (Bärenstein's), in
// the text and in --json; at 3 both.
func TestSummaryFindingsOfAHiddenWave(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", oneDimensionConfig)
	in24 := writeIn(t, dir, "umfrage_2024.csv", "ags;gemeinde;Q1;Q2;Q3\n"+
		"14511000;Chemnitz;vielleicht;ja;ja\n14521010;Amtsberg;ja;ja;ja\n14521020;Annaberg-Buchholz;ja;ja;ja\n")
	in26 := writeIn(t, dir, "umfrage_2026.csv", "ags;gemeinde;Q1;Q2;Q3\n"+
		"14511000;Chemnitz;ja;ja;ja\n14521010;Amtsberg;ja;ja;ja\n14521020;Annaberg-Buchholz;ja;ja;ja\n"+
		"14521035;Aue-Bad Schlema;ja;ja;ja\n14521040;Auerbach;ja;ja;ja\n14521060;Bärenstein;nein;jein;nein\n")
	for _, tt := range []struct {
		min    string
		issues int
	}{{"5", 1}, {"3", 2}} {
		t.Setenv("REIFEGRAD_REPORT_MIN_GROUP_SIZE", tt.min)
		stdout, stderr, code := MustRun(t, "-c", cfg, "-i", "2024="+in24, "-i", "2026="+in26, "-o", dir+"/out-"+tt.min, "-q")
		if line := fmt.Sprintf("Hinweise zur Datenqualität: %d (siehe Abschnitt Datenqualität der Berichte)", tt.issues); code != exitOK || !hasLine(stdout, line) {
			t.Errorf("run, min %s: exit %d, want the line %q in:\n%s%s", tt.min, code, line, stdout, stderr)
		}
		stdout, stderr, code = MustRun(t, "-c", cfg, "-i", "2024="+in24, "-i", "2026="+in26, "-o", dir+"/json-"+tt.min, "-q", "--json")
		var sum struct {
			Issues int `json:"issues"`
		}
		if err := json.Unmarshal([]byte(stdout), &sum); code != exitOK || err != nil || sum.Issues != tt.issues {
			t.Errorf("run --json, min %s: exit %d (%v), issues %d, want %d:\n%s%s", tt.min, code, err, sum.Issues, tt.issues, stdout, stderr)
		}
	}
}
