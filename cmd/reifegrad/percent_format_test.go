package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNegativePercentGermanFormat (review 8, finding 9): German pages
// write a negative figure with a true minus sign ("−5,0 seit 2026",
// catalog.signed); a percentage must too (it read "-479 %"). Progress by
// hand from roadmap.json, (current − baseline) / (end − baseline) of its
// progress_basis: 14521710 (70.8402 − 78.2919) / (81.2437 − 78.2919) =
// −2.524 → −252 %; 14628150 (1.1650 − 2.4573) / (19.7486 − 2.4573) =
// −0.0747 → −7 %. Thousands grouping ("−3.264 %") is TestNumberTexts'.
// Rodewisch's −479 % is none since staged17: it stood at its target,
// Vorreiter, in 2026 (roadmap.TargetMetThen).
func TestNegativePercentGermanFormat(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, c := range []struct{ ags, want string }{
		{"14523360", "Fortschritt seit 2026: – (damals standen Sie schon auf Stufe 5 Vorreiter, am Ziel dieses Weges oder darüber)."},
		{"14521710", "Seit 2026 haben Sie −252 % des Weges zurückgelegt"},
		{"14628150", "Seit 2026 haben Sie −7 % des Weges zurückgelegt"},
	} {
		b, err := os.ReadFile(filepath.Join(out, "profiles", c.ags+".html"))
		if err != nil {
			t.Fatal(err)
		}
		page := strings.ReplaceAll(string(b), "\u00a0", " ")
		if !strings.Contains(page, c.want) {
			i := max(strings.Index(page, "Seit 2026 haben Sie"), strings.Index(page, "Fortschritt seit 2026"), 0)
			t.Errorf("%s: progress reads %q, want %q", c.ags, page[i:min(i+60, len(page))], c.want)
		}
	}
}
