package scoring

import (
	"fmt"
	"testing"
)

// TestShortAnswersBeyondTheSlots: a short answer's code lives in its
// table's slot, which holds maxShortCodes codes; a question with more
// distinct short answers keeps the rest in a map. Every answer is given
// back as added and found again under its first code, whichever side of
// the limit it landed on (here made small: the real one is two million
// answers of one question). The answers are chosen so that keys could
// be confused: one byte repeated in answers of one to five bytes (told
// apart by their length alone), and answers that differ in one byte
// only, at each of their places.
func TestShortAnswersBeyondTheSlots(t *testing.T) {
	var answers []string
	for n := 1; n <= shortMax; n++ {
		for _, c := range "a9,-" {
			answers = append(answers, fmt.Sprintf("%0*s", n, string(c)))
			for i := range n {
				b := []byte("12345"[:n])
				b[i] = 'x'
				answers = append(answers, string(b))
			}
		}
	}
	answers = append(answers, "123456", "37,5", "37,50", "ja", "j", "") // and one long, and the empty one
	for _, limit := range []uint32{1, 2, 7, 40, maxShortCodes} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			b := NewAnswerBook(2)
			b.shortCodes = limit
			first := map[string]uint32{}
			for round := range 3 {
				for i, s := range answers {
					// The second question takes them in another order.
					other := answers[(i*7+3)%len(answers)]
					a := b.Add([]string{s, other})
					if a.At(0) != s || a.At(1) != other {
						t.Fatalf("round %d: %q and %q given back as %q and %q", round, s, other, a.At(0), a.At(1))
					}
					if c, ok := first[s]; ok && c != a.codes[0] {
						t.Fatalf("round %d: %q has code %d, first %d", round, s, a.codes[0], c)
					}
					first[s] = a.codes[0]
				}
			}
			if got := b.Distinct(0); got != len(first) {
				t.Errorf("%d codes for %d distinct answers", got, len(first))
			}
			spilled := 0
			for _, sh := range b.short {
				spilled += len(sh.more)
			}
			if limit < 40 && spilled == 0 {
				t.Errorf("limit %d: no answer beyond the slots: the test does not reach the map", limit)
			}
		})
	}
}
