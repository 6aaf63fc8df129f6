package xlsx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSplitText: pieces stay below the limit, break at spaces and line
// breaks, and together hold the whole text.
func TestSplitText(t *testing.T) {
	words := strings.Repeat("Stufe ", 20000) + "Ende"
	lines := strings.Repeat("eine Zeile\n", 10000)
	soup := strings.Repeat("x", 70000)
	for _, text := range []string{"kurz", words, lines, soup} {
		pieces := splitText(text, maxCellChars)
		for i, p := range pieces {
			if n := utf8.RuneCountInString(p); n > maxCellChars || (n == maxCellChars && text != soup) {
				t.Errorf("piece %d has %d characters", i, n)
			}
		}
		joined := strings.Join(pieces, "")
		if strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }; strip(joined) != strip(text) {
			t.Errorf("the pieces of a text of %d characters do not hold it whole", len(text))
		}
	}
}

// TestClipCell: a text beyond a cell is cut visibly, to exactly the limit.
func TestClipCell(t *testing.T) {
	if got := clipCell("ä"); got != "ä" {
		t.Errorf("clipCell(ä) = %q", got)
	}
	got := clipCell(strings.Repeat("ä", maxCellChars+100))
	if n := utf8.RuneCountInString(got); n > maxCellChars || !strings.HasSuffix(got, "…[+116]") {
		t.Errorf("clipped to %d characters, ending %q", n, got[len(got)-12:])
	}
}
