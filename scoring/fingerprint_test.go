package scoring

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestFingerprint: the fingerprint follows every edit of the model
// section and nothing else — not the layout, comments, anchors, or the
// settings beside the model.
func TestFingerprint(t *testing.T) {
	src, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(string(src), "  name: Mini", "  name: Mini\n  description: \"~\"", 1)
	edit := func(old, new string) string {
		t.Helper()
		if !strings.Contains(base, old) {
			t.Fatalf("mini.yaml has no %q", old)
		}
		return strings.Replace(base, old, new, 1)
	}
	cases := []struct {
		name string
		src  string
		same bool
	}{
		{"a comment", "# edited on 2026-12-07\n" + edit("  name: Mini", "  name: Mini # the example"), true},
		{"settings beside the model", base + "report:\n  min_group_size: 7\nsurvey:\n  delimiter: \";\"\n", true},
		{"flow style written as block", edit("    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}",
			"    jn:\n      map:\n        ja: 1\n        teilweise: 0.5\n        nein: 0"), true},
		{"a plain string quoted", edit("  name: Mini", `  name: "Mini"`), true},
		{"a repeated value as an anchor", edit("weight: 2\n", "weight: &two 2\n"), true},
		{"a point", edit("teilweise: 0.5", "teilweise: 0.4"), false},
		{"a weight", edit("weight: 3", "weight: 4"), false},
		{"a threshold", edit("min: 50", "min: 55"), false},
		{"the model's name", edit("  name: Mini", "  name: Mini 2"), false},
		{"a model version", edit("  name: Mini", "  name: Mini\n  version: \"2\""), false},
		// ~ is no description, "~" a description of one character.
		{"null and a text alike", edit(`  description: "~"`, "  description: ~"), false},
		{"two options swapped", edit("ja: 1, teilweise: 0.5", "teilweise: 0.5, ja: 1"), false},
		{"a question added", edit("    - {id: Q4, scale: jn, reverse: true}", "    - {id: Q4, scale: jn, reverse: true}\n    - {id: Q5, scale: jn, context: true}"), false},
	}
	m0, err := ParseModel("mini.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(m0.Fingerprint) {
		t.Fatalf("fingerprint %q: want 12 hexadecimal digits", m0.Fingerprint)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := ParseModel("edited.yaml", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Fingerprint == m0.Fingerprint; got != c.same {
				t.Errorf("fingerprint %s, unedited %s: same = %v, want %v", m.Fingerprint, m0.Fingerprint, got, c.same)
			}
		})
	}
}
