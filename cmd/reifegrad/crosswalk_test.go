package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// wavesConfig has two waves: 2026 renamed F1 (2024: Q1), changed the
// scale of F2, added F3; and between them municipality 14521010 was
// merged into 14521020 (a made-up change, with real AGS of the bundled
// register).
const wavesConfig = `survey:
  inputs:
    - {wave: "2024", file: w2024.csv}
    - {wave: "2026", file: w2026.csv}
units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}
report: {min_group_size: 1, list_units: true}
model:
  name: Wellenmodell
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  missing: {codes: {"weiß nicht": unknown}}
  scales:
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    vier: {map: {immer: 1, oft: 0.66, selten: 0.33, nie: 0}}
  questions:
    - {id: F1, scale: jn}
    - {id: F2, scale: vier}
    - {id: F3, scale: jn}
  dimensions:
    - id: d
      name: Digitales
      indicators: [{id: i1, question: F1}, {id: i2, question: F2}, {id: i3, question: F3}]
  waves:
    - id: "2024"
    - id: "2026"
      changes:
        renamed: {Q1: F1}
        rescaled: [{question: F2, from: jn, map: {ja: immer, teilweise: 0.5, nein: nie}}]
        new: [F3]
  successors:
    - {from: "14521010", to: "14521020", date: 2025-01-01}
`

// TestMergerEndToEnd runs check and run over two waves with a changed
// questionnaire and a merger: check names the crosswalk and the merger,
// the earlier wave is scored as it was asked, the changes rest on the
// comparable core, the merged municipality's page lists its predecessor
// and the predecessor has no page of its own.
func TestMergerEndToEnd(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, wavesConfig)
	// 2024: Amtsberg (14521010) and Annaberg-Buchholz (14521020), each
	// under the old codes; 2026: Annaberg-Buchholz, and Amtsberg again
	// under its dissolved AGS.
	writeFile(t, filepath.Join(dir, "w2024.csv"), "ags;gemeinde;Q1;F2\n14521010;Amtsberg;ja;nein\n14521020;Annaberg-Buchholz;nein;teilweise\n14521035;Aue-Bad Schlema;teilweise;ja\n")
	writeFile(t, filepath.Join(dir, "w2026.csv"), "ags;gemeinde;F1;F2;F3\n14521020;Annaberg-Buchholz;ja;oft;ja\n14521035;Aue-Bad Schlema;ja;nie;nein\n14521010;Amtsberg;ja;immer;ja\n")

	stdout, stderr, code := MustRun(t, "-c", cfg, "check", "--lang", "english")
	for _, want := range []string{
		"Waves 2024 → 2026: changes compare 1 of the 3 scored questions of the two waves (those asked the same way in both)",
		"  renamed: Q1 → F1",
		"  rescaled (earlier answers mapped onto the new scale): F2",
		"  new: F3",
		"  municipality 14521010 (Amtsberg) merged into 14521020 (Annaberg-Buchholz) on 2025-01-01",
		"14521010 (Amtsberg) became part of 14521020 on 2025-01-01, before wave 2026",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check does not say %q:\n%s\n%s", want, stdout, stderr)
		}
	}
	if code != 0 {
		t.Errorf("check: exit %d (a dissolved AGS is a finding, not a failure)\n%s", code, stderr)
	}
	// In German the day is written as every German output writes it.
	stdout, _, _ = MustRun(t, "-c", cfg, "check")
	for _, want := range []string{
		"  14521010 (Amtsberg) eingegliedert in 14521020 (Annaberg-Buchholz) am 01.01.2025",
		"14521010 (Amtsberg) ging in 14521020 auf (am 01.01.2025, vor Welle 2026)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check does not say %q:\n%s", want, stdout)
		}
	}
	stdout, _, _ = MustRun(t, "-c", cfg, "check", "--json")
	var rep struct {
		Crosswalks []crosswalkReport `json:"crosswalks"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Crosswalks) != 1 || rep.Crosswalks[0].Compared != 1 || rep.Crosswalks[0].Asked != 3 || len(rep.Crosswalks[0].Units) != 1 {
		t.Errorf("check --json crosswalks = %+v", rep.Crosswalks)
	}

	out := filepath.Join(dir, "out")
	if _, stderr, code := MustRun(t, "-c", cfg, "-o", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	scores := readCSV(t, filepath.Join(out, "scores.csv"))
	got := map[string]string{}
	for _, r := range scores[1:] {
		got[r[0]+" "+r[1]+" "+r[4]] = r[6]
	}
	// 2024 as asked then: Amtsberg Q1 ja, F2 nein → (100 + 0)/2 = 50;
	// Annaberg Q1 nein, F2 teilweise mapped to 0.5 → 25; F3 not asked.
	for k, want := range map[string]string{"2024 14521010 overall": "50", "2024 14521020 overall": "25", "2024 14521020 i3": "",
		"2026 14521020 overall": "88.66666666666667"} {
		if got[k] != want {
			t.Errorf("scores.csv %s = %q, want %q", k, got[k], want)
		}
	}
	// Aue-Bad Schlema changed on the core (F1 only) from 50 to 100; its
	// full scores are 75 and 33.33.
	page, err := os.ReadFile(filepath.Join(out, "profiles", "14521035.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Veränderung auf Basis von 1 von 3 Fragen, die in beiden Wellen gleich gestellt wurden", "&#43;50,0"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("profile of Aue-Bad Schlema lacks %q", want)
		}
	}
	page, err = os.ReadFile(filepath.Join(out, "profiles", "14521020.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Amtsberg (14521010), Welle 2024: Gesamtwert 50,0", "eine Veränderung wird nicht berechnet, weil sich das Gebiet verändert hat"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("profile of Annaberg-Buchholz lacks %q", want)
		}
	}
	profiles, _ := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
	var ids []string
	for _, p := range profiles {
		ids = append(ids, strings.TrimSuffix(filepath.Base(p), ".html"))
	}
	// Amtsberg answered 2026 under its dissolved AGS, so it keeps a page
	// for that wave; the finding above names its successor.
	if !slices.Equal(ids, []string{"14521010", "14521020", "14521035"}) {
		t.Errorf("profiles %v", ids)
	}
}

// TestOutputDirRelativeToConfig: output.dir in config.yaml is relative to
// the config's folder, like the inputs; -o relative to the working
// directory.
func TestOutputDirRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, strings.Replace(wavesConfig, "report: {", "output: {dir: berichte}\nreport: {", 1))
	writeFile(t, filepath.Join(dir, "w2024.csv"), "ags;gemeinde;Q1;F2\n14521020;Annaberg-Buchholz;nein;teilweise\n")
	writeFile(t, filepath.Join(dir, "w2026.csv"), "ags;gemeinde;F1;F2;F3\n14521020;Annaberg-Buchholz;ja;oft;ja\n")
	if _, stderr, code := MustRun(t, "-c", cfg, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "berichte", "scores.csv")); err != nil {
		t.Errorf("output.dir berichte is not beside the config: %v", err)
	}
	if _, err := os.Stat("berichte"); !os.IsNotExist(err) {
		t.Errorf("output.dir was taken relative to the working directory: %v", err)
	}
}

// TestCrosswalkNewKeyOrMerger: check calls a succession a new key only
// where the reports carry the unit's change across it — a single
// predecessor of the same name that answered the earlier wave (scoring's
// UnitResult.Previous) — and a merger wherever they show one. Before, one
// unit merged into another that had not answered the earlier wave (Rathen
// into Königstein with Königstein's 2026 row removed) read "renumbered as"
// in check, while the profile listed Rathen's earlier score and computed
// no change.
func TestCrosswalkNewKeyOrMerger(t *testing.T) {
	const cfg = `survey:
  inputs:
    - {wave: "2024", file: w2024.csv}
    - {wave: "2026", file: w2026.csv}
units: {id: id, name: name, municipalities: false}
report: {min_group_size: 1}
model:
  name: Schluessel
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: F1, scale: jn}]
  dimensions: [{id: d, name: D, indicators: [{id: i1, question: F1}]}]
  successors:
    - {from: "A", to: "B", date: 2025-01-01}
`
	for _, c := range []struct {
		name, w2024, w2026, want string
	}{
		// B did not answer 2024 and has another name: a merger (no change
		// in any report).
		{"into a unit that did not answer, another name", "id;name;F1\nA;Ahorn;ja\n", "id;name;F1\nB;Birke;nein\n",
			"A (Ahorn) merged into B (Birke) on 2025-01-01"},
		// The same name: a new key; B's change runs from A's 2024 score.
		{"a new key, the same name", "id;name;F1\nA;Ahorn;ja\n", "id;name;F1\nB;Ahorn;nein\n",
			"A (Ahorn) renumbered as B (Ahorn) on 2025-01-01"},
		{"the same name, spaces and case aside", "id;name;F1\nA;Ahorn;ja\n", "id;name;F1\nB; AHORN ;nein\n",
			"A (Ahorn) renumbered as B (AHORN) on 2025-01-01"},
		// B answered 2024 itself: a merger.
		{"into a unit that answered", "id;name;F1\nA;Ahorn;ja\nB;Ahorn;ja\n", "id;name;F1\nB;Ahorn;nein\n",
			"A (Ahorn) merged into B (Ahorn) on 2025-01-01"},
		// A did not answer 2024: nothing carries over, a merger.
		{"from a unit that did not answer", "id;name;F1\nC;Eiche;ja\n", "id;name;F1\nB;Ahorn;nein\nC;Eiche;ja\n",
			"A merged into B (Ahorn) on 2025-01-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "config.yaml"), cfg)
			writeFile(t, filepath.Join(dir, "w2024.csv"), c.w2024)
			writeFile(t, filepath.Join(dir, "w2026.csv"), c.w2026)
			stdout, stderr, _ := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "check", "--json")
			var rep struct {
				Crosswalks []crosswalkReport `json:"crosswalks"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("%v\n%s\n%s", err, stdout, stderr)
			}
			if len(rep.Crosswalks) != 1 || !slices.Equal(rep.Crosswalks[0].Units, []string{c.want}) {
				t.Errorf("crosswalks = %+v, want units [%s]", rep.Crosswalks, c.want)
			}
		})
	}
}

// TestCrosswalkAcrossASkippedWave: inputs that skip a declared wave are
// compared on the questions both asked alike, and check names every change
// between them — those of the skipped wave too. Before, 2024 → 2028
// without 2026 said "1 of the 3 scored questions" and named no change.
func TestCrosswalkAcrossASkippedWave(t *testing.T) {
	const cfg = `units: {id: id, name: name, municipalities: false}
report: {min_group_size: 1}
model:
  name: Drei Wellen
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales: {jn: {map: {ja: 1, nein: 0}}, vier: {map: {immer: 1, oft: 0.66, selten: 0.33, nie: 0}}}
  questions: [{id: F1, scale: jn}, {id: F2, scale: vier}, {id: F3, scale: jn}]
  dimensions: [{id: d, name: D, indicators: [{id: i1, question: F1}, {id: i2, question: F2}, {id: i3, question: F3}]}]
  waves:
    - id: "2024"
    - id: "2026"
      changes: {renamed: {Q1: F1}}
    - id: "2028"
      changes:
        rescaled: [{question: F2, from: jn, map: {ja: immer, nein: nie}}]
        new: [F3]
`
	files := map[string]string{
		"2024": "id;name;Q1;F2\nA;Ahorn;ja;nein\n",
		"2026": "id;name;F1;F2\nA;Ahorn;ja;ja\n",
		"2028": "id;name;F1;F2;F3\nA;Ahorn;ja;oft;ja\n",
	}
	type cw struct {
		from, to               string
		compared, asked        int
		renamed, rescaled, new []string
	}
	for _, c := range []struct {
		waves []string
		want  []cw
	}{
		{[]string{"2024", "2026", "2028"}, []cw{
			{"2024", "2026", 2, 2, []string{"Q1 → F1"}, nil, nil},
			{"2026", "2028", 1, 3, nil, []string{"F2"}, []string{"F3"}}}},
		{[]string{"2024", "2028"}, []cw{
			{"2024", "2028", 1, 3, []string{"Q1 → F1"}, []string{"F2"}, []string{"F3"}}}},
		{[]string{"2024", "2026"}, []cw{
			{"2024", "2026", 2, 2, []string{"Q1 → F1"}, nil, nil}}},
		{[]string{"2026", "2028"}, []cw{
			{"2026", "2028", 1, 3, nil, []string{"F2"}, []string{"F3"}}}},
	} {
		t.Run(strings.Join(c.waves, "+"), func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "config.yaml"), cfg)
			args := []string{"-c", filepath.Join(dir, "config.yaml"), "check", "--json"}
			for _, w := range c.waves {
				f := filepath.Join(dir, "w"+w+".csv")
				writeFile(t, f, files[w])
				args = append(args, "-i", w+"="+f)
			}
			stdout, stderr, _ := MustRun(t, args...)
			var rep struct {
				Crosswalks []crosswalkReport `json:"crosswalks"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("%v\n%s\n%s", err, stdout, stderr)
			}
			var got []cw
			for _, r := range rep.Crosswalks {
				got = append(got, cw{r.From, r.To, r.Compared, r.Asked, r.Renamed, r.Rescaled, r.New})
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("crosswalks\n got %v\nwant %v", got, c.want)
			}
		})
	}
}
