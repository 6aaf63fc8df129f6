package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dimTableChanges returns the "Veränderung" cell of every row of a
// profile's dimension table (#dim-table), by the row's name.
func dimTableChanges(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(withoutDataLabels(b))
	i := strings.Index(s, `<table id="dim-table"`)
	j := strings.Index(s[i:], `</table>`)
	row := regexp.MustCompile(`<tr class="depth\d+"><th scope="row">([^<]*)</th><td class="num">[^<]*</td><td>[^<]*</td><td class="num">([^<]*)</td>`)
	out := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(s[i:i+j], -1) {
		out[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
	}
	return out
}

// TestProfileChangeColumnIsTheChange: the dimension table's change column
// must be the change the profile states elsewhere, on the questions both
// waves asked alike (README "Waves that change"), and none where the
// territory changed.
func TestProfileChangeColumnIsTheChange(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, c := range []struct {
		ags, row, want string
	}{
		// Callenberg: core 2026 → 2028 = +16.8959 (reifegrad.xlsx Ergebnisse V927,
		// the page's own "+16,9 seit 2026" and "Veränderung +16,9"); the full
		// scores' difference 84.8624 − 68.1388 = 16.7236 ("+16,7") is not a change
		// README allows.
		{"14524020", "Gesamtwert", "+16,9"},
		// IT & Informationssicherheit on its core (I01 ×1.5, I02 ×2, I03,
		// I04 ×1.5, I07 ×0.5 — I05 rescaled and I06 new in 2028 are not in
		// it): 2026 (1.5 + 2·0.8 + 1 + 1.5 + 0.5·0.75)/6.5 = 91.923, 2028
		// all at full points = 100 → +8.077; the full scores 100 − 93 would
		// read +7,0.
		{"14524020", "IT & Informationssicherheit", "+8,1"},
		// Strategie & Steuerung asked the same questions in both waves, so
		// its change is the full scores' difference (scores.csv):
		// 93.3333 − 84.7273 = 8.606.
		{"14524020", "Strategie & Steuerung", "+8,6"},
		// Königstein took in Kurort Rathen (model.successors): the page says no
		// change is computed; the table must not show 74.4601 − 69.9239 = +4,5.
		{"14628210", "Gesamtwert", "–"},
		{"14628210", "IT & Informationssicherheit", "–"},
	} {
		got := dimTableChanges(t, filepath.Join(out, "profiles", c.ags+".html"))[c.row]
		if got != c.want {
			t.Errorf("profile %s, row %s: change %q, want %q", c.ags, c.row, got, c.want)
		}
	}
	// The scores beside the changes are on all 40 questions of 2028, the
	// changes on the 38 both waves asked alike: the note under the table
	// says so where the table shows a change (not for Königstein).
	const note = "Veränderung auf Basis von 38 von 40 Fragen, die in beiden Wellen gleich gestellt wurden."
	for _, c := range []struct {
		ags  string
		want bool
	}{{"14524020", true}, {"14628210", false}} {
		b, err := os.ReadFile(filepath.Join(out, "profiles", c.ags+".html"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(withoutDataLabels(b))
		i := strings.Index(s, `<table id="dim-table"`)
		if got := strings.Contains(s[i:i+strings.Index(s[i:], "</section>")], note); got != c.want {
			t.Errorf("profile %s: the note under the table of dimensions says %q: %v, want %v", c.ags, note, got, c.want)
		}
	}
}
