package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCoverageBelowMinimumNeverReadsAsIt: a dimension with 59.7 % of its
// weight answered is not scored (min_coverage 0.6); the profile must not
// call its coverage "60 %", the minimum it misses.
// Model: dimension d = i1 (weight 597) + i2 (weight 403); unit U1 answers q1
// only: coverage by hand 597 / (597 + 403) = 0.597 < 0.6.
func TestCoverageBelowMinimumNeverReadsAsIt(t *testing.T) {
	dir := t.TempDir()
	const config = `survey:
  inputs:
    - {wave: "2028", file: antworten.csv}
units: {id: id, name: name, municipalities: false, register: ""}
report: {language: de, min_group_size: 5, date: 2026-12-06, data_cutoff: 2026-06-30}
model:
  name: Abdeckung
  aggregation: mean
  missing: {policy: reweight, min_coverage: 0.6}
  peer_groups: []
  levels:
    method: threshold
    bands:
      - {level: 1, name: Eins, min: 0}
      - {level: 2, name: Zwei, min: 50}
  scales:
    janein:
      map: {ja: 1, nein: 0}
  questions:
    - {id: q1, scale: janein, text: "Frage 1"}
    - {id: q2, scale: janein, text: "Frage 2"}
    - {id: q3, scale: janein, text: "Frage 3"}
  dimensions:
    - id: d
      name: Dimension D
      indicators:
        - {id: i1, name: Indikator 1, question: q1, weight: 597}
        - {id: i2, name: Indikator 2, question: q2, weight: 403}
    - id: e
      name: Dimension E
      indicators:
        - {id: i3, name: Indikator 3, question: q3}
`
	const answers = "id;name;q1;q2;q3\nU1;Eins;ja;;ja\nU2;Zwei;ja;nein;ja\nU3;Drei;nein;ja;nein\nU4;Vier;ja;ja;ja\nU5;Fuenf;nein;nein;ja\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "antworten.csv"), []byte(answers), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "profiles", "U1.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.ReplaceAll(string(withoutDataLabels(b)), "\u00a0", " ")
	if strings.Contains(page, "Dimension D (60 % beantwortet, 60 % nötig)") {
		t.Error(`profile U1 says "Dimension D (60 % beantwortet, 60 % nötig)" and not scored; coverage 0.597 must read below 60 % (e.g. "59 %" or "59,7 %")`)
	}
	if strings.Contains(page, `Dimension D</th><td class="num">nicht bewertet</td><td></td><td class="num">60 %</td>`) {
		t.Error(`profile U1's table: Dimension D "nicht bewertet" with coverage "60 %"`)
	}
	// By hand: 59.7 % needs its decimal, as README step 5 says.
	for _, want := range []string{"Dimension D (59,7 % beantwortet, 60 % nötig)",
		`Dimension D</th><td class="num">nicht bewertet</td><td></td><td class="num">59,7 %</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("profile U1 has no %q", want)
		}
	}
}
