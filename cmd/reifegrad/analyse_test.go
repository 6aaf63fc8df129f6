package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analyseSection follows settingsBase's output section: analyse: is line
// 17, its first uncertain input line 20.
func analyseSection(items ...string) string {
	s := "  dir: out\nanalyse:\n  draws: 200\n  uncertainty:\n"
	for _, it := range items {
		s += "    - " + it + "\n"
	}
	return s
}

// TestAnalyseSettingsErrors: every bad setting of the uncertainty
// analysis is an error with its line and column, in every command.
func TestAnalyseSettingsErrors(t *testing.T) {
	tests := []struct{ name, to, want string }{
		{"few draws", strings.Replace(analyseSection("{levels: 5}"), "draws: 200", "draws: 5", 1),
			`:18:10: analyse.draws: at least 10 draws are needed, got 5`},
		{"dirichlet on one child", analyseSection("{dirichlet: overall, concentration: 20}"),
			`:20:19: analyse.uncertainty[0].dirichlet: a Dirichlet needs a node with two or more children; "overall" has one child`},
		{"unknown node", analyseSection("{weights: e, spread: 0.1}"), `:20:17: analyse.uncertainty[0].weights: unknown node "e"`},
		{"unknown key", analyseSection("{weigths: d, spread: 0.1}"), `:20:8: analyse.uncertainty[0]: unknown key "weigths" (did you mean "weights"?)`},
		{"two kinds", analyseSection("{weights: d, levels: 5}"),
			`:20:7: analyse.uncertainty[0]: say what varies with exactly one of weights, dirichlet, aggregation, missing, normalise, levels (got 2)`},
		{"crossing edges", analyseSection("{levels: 30}"),
			`:20:16: analyse.uncertainty[0].levels: edges moved by up to 30 points could cross: the narrowest band is 50 points wide, so the spread must be below 25`},
		{"unknown aggregation", analyseSection("{aggregation: [mean, median]}"),
			`:20:28: analyse.uncertainty[0].aggregation[1]: unknown aggregation "median" (want mean, geometric, min, max or sum)`},
		{"spread not a number", analyseSection("{weights: d, spread: viel}"), `:20:28: analyse.uncertainty[0].spread: want a number, got "viel"`},
		{"spread too large", analyseSection("{weights: d, spread: 1.5}"),
			`:20:28: analyse.uncertainty[0].spread: the spread of weights is a share between 0 and 1 (exclusive), got 1.5`},
		{"twice", analyseSection("{weights: d, spread: 0.1}", "{weights: all, spread: 0.2}"),
			`:21:17: analyse.uncertainty[1].weights: varies what input 1 varies already`},
		{"normalise without numbers", analyseSection("{normalise: [minmax, rank]}"),
			`:20:19: analyse.uncertainty[0].normalise: no question of the model is normalised over the wave (normalise: minmax, zscore or rank)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := settingsDir(t, "  dir: out\n", tt.to)
			for _, cmd := range [][]string{{"check"}, {"model"}, {"analyse"}} {
				_, stderr, code := MustRun(t, append([]string{"-c", cfg}, cmd...)...)
				if want := "reifegrad: " + cfg + tt.want; code != exitBadInput || !strings.HasPrefix(stderr, want) {
					t.Errorf("%s: exit %d, stderr %q; want %d, %q", cmd[0], code, stderr, exitBadInput, want)
				}
			}
		})
	}
}

// TestAnalyseCommand: analyse prints every part, as text and as JSON,
// never "NaN"; --draws and --seed reach the Monte Carlo.
func TestAnalyseCommand(t *testing.T) {
	cfg := settingsDir(t, "  dir: out\n", analyseSection("{weights: d, spread: 0.5}", "{levels: 10}"))
	stdout, stderr, code := MustRun(t, "-c", cfg, "analyse")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// In the config's language (report.language: de).
	for _, want := range []string{"Welle 2026: 6 Einheiten", "Zuverlässigkeit", "Indikatoren", "Auffällige Korrelationen",
		"Robustheit: 200 Varianten (50 Basisziehungen × 4), Startwert 0", "Gewichte „D“ ±50 %", "Stufengrenzen ±10 Punkte"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s", want, stdout)
		}
	}
	stdout, stderr, code = MustRun(t, "-c", cfg, "analyse", "--json", "--draws", "40", "--seed", "3")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Units      int
		Robustness struct {
			Draws int
			Seed  uint64
			Units []struct {
				ID          string   `json:"id"`
				KeepLevel   *float64 `json:"keep_level_share"`
				RankedShare *float64 `json:"ranked_share"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if got.Units != 6 || got.Robustness.Draws != 40 || got.Robustness.Seed != 3 || len(got.Robustness.Units) != 6 || got.Robustness.Units[0].KeepLevel == nil {
		t.Errorf("json: %+v", got)
	}
	if strings.Contains(stdout, "NaN") {
		t.Errorf("NaN in the JSON:\n%s", stdout)
	}
	// Weights change no unit's coverage here: each ranked in every variant.
	for _, u := range got.Robustness.Units {
		if u.RankedShare == nil || *u.RankedShare != 1 {
			t.Errorf("unit %s: ranked_share %v, want 1", u.ID, u.RankedShare)
		}
	}
	if _, stderr, code := MustRun(t, "-c", cfg, "analyse", "--wave", "1999"); code != exitBadInput || !strings.Contains(stderr, `--wave: no wave "1999" in the inputs`) {
		t.Errorf("unknown wave: exit %d, %s", code, stderr)
	}
}

// TestAnalyseSmallWave: with fewer units than report.min_group_size no
// figure over the wave appears, in text or JSON.
func TestAnalyseSmallWave(t *testing.T) {
	cfg := settingsDir(t, "min_group_size: 2", "min_group_size: 7")
	stdout, _, code := MustRun(t, "-c", cfg, "analyse")
	if code != exitOK || !strings.Contains(stdout, "Weniger als 7 Einheiten") || strings.Contains(stdout, "Zuverlässigkeit") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	stdout, _, _ = MustRun(t, "-c", cfg, "analyse", "--json")
	if !strings.Contains(stdout, `"suppressed": true`) || strings.Contains(stdout, "alpha") {
		t.Errorf("json:\n%s", stdout)
	}
}

// TestDiffCommand: the new model starts level 2 at 60 instead of 50; the
// three units at 50 (ja/nein) drop to level 1, nothing else moves.
func TestDiffCommand(t *testing.T) {
	old := settingsDir(t, "", "")
	newer := settingsDir(t, "{level: 2, name: Weiter, min: 50}", "{level: 2, name: Weiter, min: 60}")
	stdout, stderr, code := MustRun(t, "-c", old, "-c", newer, "diff", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Units           int
		OldFingerprint  string  `json:"old_fingerprint"`
		NewFingerprint  string  `json:"new_fingerprint"`
		RankCorrelation float64 `json:"rank_correlation"`
		Shifts          []struct {
			Node string
			Mean float64 `json:"mean_shift"`
		}
		Changes []struct {
			ID       string
			From, To int
		} `json:"level_changes"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	var moved []string
	for _, c := range got.Changes {
		if c.From != 2 || c.To != 1 {
			t.Errorf("%s: %d → %d", c.ID, c.From, c.To)
		}
		moved = append(moved, c.ID)
	}
	if strings.Join(moved, ",") != "2,5,6" || got.Units != 6 || got.RankCorrelation != 1 || len(got.Shifts) != 2 || got.Shifts[0].Mean != 0 {
		t.Errorf("diff: %+v", got)
	}
	// The models are told apart by their fingerprints, in JSON and text.
	var fp [2]string
	for i, cfg := range []string{old, newer} {
		s, err := loadSettings(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		fp[i] = s.Model.Fingerprint
	}
	if fp[0] == fp[1] || got.OldFingerprint != fp[0] || got.NewFingerprint != fp[1] {
		t.Errorf("fingerprints %q, %q; want the models' %q, %q", got.OldFingerprint, got.NewFingerprint, fp[0], fp[1])
	}
	stdout, _, _ = MustRun(t, "-c", old, "-c", newer, "diff")
	if !strings.Contains(stdout, ", Kennung "+fp[0]+" (") || !strings.Contains(stdout, ", Kennung "+fp[1]+" (") {
		t.Errorf("text names no fingerprints %s, %s:\n%s", fp[0], fp[1], stdout)
	}
	// Moving a level edge shifts no score: every shift reads "±0,0", as
	// the pages write a change of zero.
	if !strings.Contains(stdout, "Einheiten, deren Stufe sich ändert: 3") || !strings.Contains(stdout, "2 Weiter → 1 Anfang") ||
		!strings.Contains(stdout, " ±0,0 ") || strings.Contains(stdout, "+0,0") {
		t.Errorf("text:\n%s", stdout)
	}
	if _, stderr, code := MustRun(t, "-c", old, "diff"); code != exitUsage || !strings.Contains(stderr, "diff compares two configs") {
		t.Errorf("one config: exit %d, %s", code, stderr)
	}
	if _, stderr, code := MustRun(t, "-c", old, "-c", newer, "check"); code != exitUsage || !strings.Contains(stderr, "only diff compares two configs") {
		t.Errorf("check with two configs: exit %d, %s", code, stderr)
	}
}

// TestDiffNoLevel: a unit without a level under one model is named as
// the reports and the run summary name it ("ohne Reifegrad", "no level"),
// not a bare "–". With "nein" no answer of the new scale, Eiche (nein,
// nein) has no overall score.
func TestDiffNoLevel(t *testing.T) {
	old := settingsDir(t, "", "")
	newer := settingsDir(t, "jn: {map: {ja: 1, nein: 0}}", "jn: {map: {ja: 1}}")
	// Eiche is scored under the old model alone: 1 unit, fewer than 2, so
	// the shifts of D and the overall score are withheld — and the table,
	// empty, said nothing of why.
	for lang, want := range map[string][]string{
		"de": {"Eiche                        1 Anfang → ohne Reifegrad", "nicht gezeigt (weniger als 2 Einheiten, aber einige, nur unter einem Modell bewertet: report.min_group_size): Einstellungen, D"},
		"en": {"Eiche                        1 Anfang → no level", "not shown (fewer than 2 units, but some, scored under one model alone: report.min_group_size): Einstellungen, D"},
	} {
		stdout, stderr, code := MustRun(t, "-c", old, "-c", newer, "diff", "--lang", lang)
		for _, w := range want {
			if code != exitOK || !strings.Contains(stdout, w) || strings.Contains(stdout, "→ –") {
				t.Errorf("--lang %s: exit %d, %s\n%s\nwant %q", lang, code, stderr, stdout, w)
			}
		}
	}
	stdout, _, _ := MustRun(t, "-c", old, "-c", newer, "diff", "--json")
	if !strings.Contains(stdout, `"hidden_shifts": [`) {
		t.Errorf("--json names no hidden shift:\n%s", stdout)
	}
}

// TestDenominatorZeroColumn: a denominator that is 0 for every unit of a
// wave is an error at its place in the model, in check and run alike.
func TestDenominatorZeroColumn(t *testing.T) {
	dir := t.TempDir()
	cfg := `units: {id: id, municipalities: false}
model:
  name: Quote
  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    zahl: {type: numeric, normalise: minmax}
  questions:
    - {id: E, scale: zahl, context: true}
  dimensions:
    - id: d
      indicators:
        - {id: i, question: X, scale: zahl, denominator: E}
`
	data := "id,X,E\n1,3,0\n2,4,0\n3,5,\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d.csv"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "run", "analyse"} {
		_, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), cmd, "-i", "2026="+filepath.Join(dir, "d.csv"), "-o", filepath.Join(dir, "out"))
		want := filepath.Join(dir, "config.yaml") + `:12:58: model.dimensions[0].indicators[0].denominator: denominator "E" of question X is empty or 0 for every unit in wave 2026`
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", cmd, code, stderr, want)
		}
	}
}

// TestAnalyseHiddenWaveCount: in a wave too small to show, analyse told
// how many units have an overall score ("2 Kommunen mit Gesamtwert" of
// 3), which the overview hides as "• mit Gesamtwert" (review 10). By hand:
// 3 units, one answering nothing; it tells the 3 participants, in text and
// --json, and not the 2.
func TestAnalyseHiddenWaveCount(t *testing.T) {
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", oneDimensionConfig)
	in := writeIn(t, dir, "umfrage_2026.csv", "ags;gemeinde;Q1;Q2;Q3\n"+
		"14511000;Chemnitz;ja;ja;ja\n14521010;Amtsberg;ja;nein;ja\n14521020;Annaberg-Buchholz;;;\n")
	for _, tt := range []struct{ lang, head, count string }{
		{"de", "Eine Dimension, Welle 2026: 3 Teilnehmende", "2 Kommunen"},
		{"en", "Eine Dimension, wave 2026: 3 participants", "2 municipalities"},
	} {
		stdout, stderr, code := MustRun(t, "-c", cfg, "analyse", "-i", "2026="+in, "--lang", tt.lang)
		if code != exitOK || !hasLine(stdout, tt.head) || strings.Contains(stdout, tt.count) {
			t.Errorf("analyse --lang %s: exit %d, want the line %q and no count of 2:\n%s%s", tt.lang, code, tt.head, stdout, stderr)
		}
	}
	stdout, stderr, code := MustRun(t, "-c", cfg, "analyse", "-i", "2026="+in, "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); code != exitOK || err != nil {
		t.Fatalf("analyse --json: exit %d (%v):\n%s%s", code, err, stdout, stderr)
	}
	if _, ok := got["units"]; ok || got["participants"] != 3.0 || got["suppressed"] != true {
		t.Errorf("analyse --json: units %v, participants %v, suppressed %v; want no units, 3, true", got["units"], got["participants"], got["suppressed"])
	}
}
