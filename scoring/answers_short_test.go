package scoring

import (
	"fmt"
	"strings"
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
					if c, ok := first[s]; ok && c != a.Code(0) {
						t.Fatalf("round %d: %q has code %d, first %d", round, s, a.Code(0), c)
					}
					first[s] = a.Code(0)
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

// FuzzAnswerBook holds the book to a map per question: the cells of the
// input (records split at a newline, cells at a tab, up to three
// questions) are added record by record, and every answer must come back
// as added, under the code its text had the first time, with as many
// codes per question as distinct texts ("" included). The first byte
// chooses how many codes a short answer's slot may hold, and how many
// codes the answers hold themselves (narrow), so that the answers beyond
// the slots and the codes the book keeps apart are fuzzed too; some
// answers are corrected afterwards (Set), as a reader settles "1.234".
func FuzzAnswerBook(f *testing.F) {
	f.Add([]byte("\x00ja\tnein\t37,5\nja\t\t37,50\nAlpha;Gamma;Delta;Epsilon\t12345\t123456"))
	f.Add([]byte("\x01a\taa\taaa\naaaa\taaaaa\taaaaaa\naaaaaaa\taaaaaaaa\ta"))
	// Long answers that agree in their first and last eight bytes.
	f.Add([]byte("\x02Post;Fax;Web;Mail;App\tx\nPost;Fax;App;Mail;App\t1.234\t1,234\nPost;Fax;Web;Mail;App"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		limits, narrow := []uint32{maxShortCodes, 1, 3}, []uint32{wideCode, 1, 4}
		book := func() *AnswerBook {
			b := NewAnswerBook(3)
			b.shortCodes = limits[int(data[0])%len(limits)]
			b.narrow = narrow[int(data[0])/len(limits)%len(narrow)]
			return b
		}
		// New and Fill give the codes Add gives, also with every
		// response cut before the first is filled (as a reader's filler
		// may lag behind it).
		lines := strings.Split(string(data[1:]), "\n")
		ba, bf := book(), book()
		cut := make([]Answers, len(lines))
		for i, line := range lines {
			cut[i] = bf.New(len(strings.SplitN(line, "\t", 3)))
		}
		for i, line := range lines {
			rec := strings.SplitN(line, "\t", 3)
			a := ba.Add(rec)
			bf.Fill(cut[i], rec)
			for q, s := range rec {
				if cut[i].At(q) != s || cut[i].Code(q) != a.Code(q) {
					t.Fatalf("record %d, question %d: %q filled as %q, code %d; added with code %d", i, q, s, cut[i].At(q), cut[i].Code(q), a.Code(q))
				}
			}
		}
		b := book()
		first := make([]map[string]uint32, 3)
		for q := range first {
			first[q] = map[string]uint32{"": 0}
		}
		var added []Answers
		var recs [][]string
		for i, line := range strings.Split(string(data[1:]), "\n") {
			rec := strings.SplitN(line, "\t", 3)
			a := b.Add(rec)
			if i%3 == 2 && len(recs) > 0 {
				// Correct the first answer of a record before to this
				// record's last.
				prev := len(recs) / 2
				a, s := added[prev], rec[len(rec)-1]
				a.Set(0, s)
				recs[prev] = append([]string{s}, recs[prev][1:]...)
				if a.At(0) != s {
					t.Fatalf("set to %q, given back as %q", s, a.At(0))
				}
				if _, seen := first[0][s]; !seen {
					first[0][s] = a.Code(0)
				}
			}
			added, recs = append(added, a), append(recs, rec)
			for q, s := range rec {
				if a.At(q) != s {
					t.Fatalf("question %d: %q given back as %q", q, s, a.At(q))
				}
				c, seen := first[q][s]
				if seen && c != a.Code(q) {
					t.Fatalf("question %d: %q has code %d, first %d", q, s, a.Code(q), c)
				}
				if !seen {
					first[q][s] = a.Code(q)
				}
			}
		}
		// Every record's answers as they are now, the corrected ones
		// included, under their first codes.
		for i, a := range added {
			for q, s := range recs[i] {
				if a.At(q) != s {
					t.Fatalf("record %d, question %d: %q given back as %q", i, q, s, a.At(q))
				}
				if c, seen := first[q][s]; seen && c != a.Code(q) {
					t.Fatalf("record %d, question %d: %q has code %d, first %d", i, q, s, a.Code(q), c)
				}
			}
		}
		for q := range first {
			if b.Distinct(q) != len(first[q]) {
				t.Errorf("question %d: %d codes for %d distinct answers", q, b.Distinct(q), len(first[q]))
			}
		}
	})
}
