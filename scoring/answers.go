package scoring

import (
	"fmt"
	"slices"
	"strings"
)

// Answers is one response's raw answers, indexed like Model.Questions: a
// code per question into an AnswerBook that holds each distinct raw
// answer of a question once. Survey answers repeat ("ja", "nein", a
// maturity level, a few hundred numbers), so a national file's answers
// fit in a small book and 4 bytes an answer, where a []string took 16
// bytes an answer and kept the file's text alive besides; and scoring
// reads each distinct answer once per step (worker.leaves), by its code,
// instead of hashing the raw text of every cell.
//
// The zero value holds no answers. Answers built by AnswersOf or an
// AnswerBook are safe for concurrent reading; Set is not.
type Answers struct {
	book  *AnswerBook
	codes []uint32
}

// AnswersOf returns the answers raw, in a book of their own: for tests,
// forms and other inputs of a few responses. A file of many responses
// shares one book (AnswerBook.Add).
func AnswersOf(raw ...string) Answers {
	b := NewAnswerBook(len(raw))
	b.single = true
	return b.Add(raw)
}

// Len is the number of questions the answers have a place for.
func (a Answers) Len() int { return len(a.codes) }

// At is the raw answer to question q ("" when empty). It panics when q is
// out of range, as indexing a slice does.
func (a Answers) At(q int) string { return a.book.text[q][a.codes[q]] }

// Strings returns the raw answers as a new slice.
func (a Answers) Strings() []string {
	out := make([]string, len(a.codes))
	for q := range out {
		out[q] = a.At(q)
	}
	return out
}

// String formats the answers as fmt formats a []string.
func (a Answers) String() string { return fmt.Sprint(a.Strings()) }

// Set replaces the answer to question q by raw: a reader's correction of
// an answer before scoring (survey settles "1.234" from its column). It
// changes every copy of a (they share the codes) and is not safe for
// concurrent use.
func (a Answers) Set(q int, raw string) { a.codes[q] = a.book.code(q, raw) }

// AnswerBook holds the distinct raw answers of each question, for the
// responses of one read (Answers). Code 0 is "" for every question, so
// codes that are all 0 are a response without answers.
//
// The zero value is not usable; NewAnswerBook makes one. Adding is not
// safe for concurrent use; once the read is done, the book is only read.
type AnswerBook struct {
	text  [][]string // text[q][code]
	slots [][]int32  // per question: index into text[q], -1 empty; a power of two long
	codes []uint32   // codes are cut from it, answerSlab responses at a time
	// single is set for a book of one response (AnswersOf): scoring does
	// not remember what it read for such a book (worker.bookMemo).
	single bool
}

// answerSlab is how many responses' codes one allocation holds.
const answerSlab = 256

// NewAnswerBook returns a book for the answers to n questions.
func NewAnswerBook(n int) *AnswerBook {
	b := &AnswerBook{text: make([][]string, n), slots: make([][]int32, n)}
	for q := range b.text {
		b.text[q] = emptyAnswer
	}
	return b
}

// emptyAnswer is the text of a question no response has answered yet:
// shared until the first answer, which append copies away from it.
var emptyAnswer = []string{""}

// Add returns the answers raw (indexed like the book's questions; a
// shorter raw has places for fewer questions) as Answers of b. Each
// distinct answer is copied once, so raw may be reused after.
func (b *AnswerBook) Add(raw []string) Answers {
	codes := b.take(len(raw))
	for q, s := range raw {
		if s != "" {
			codes[q] = b.code(q, s)
		}
	}
	return Answers{book: b, codes: codes}
}

// New returns answers with places for n questions (at most the book's),
// all empty, to be filled with Set.
func (b *AnswerBook) New(n int) Answers {
	return Answers{book: b, codes: b.take(n)}
}

// take returns n zero codes, cut from a slab.
func (b *AnswerBook) take(n int) []uint32 {
	if b.single || n > len(b.text) {
		return make([]uint32, n)
	}
	if len(b.codes) < n {
		b.codes = make([]uint32, n*answerSlab)
	}
	c := b.codes[:n:n]
	b.codes = b.codes[n:]
	return c
}

// Distinct is the number of codes question q has: its distinct answers
// so far, "" included.
func (b *AnswerBook) Distinct(q int) int { return len(b.text[q]) }

// code returns raw's code for question q, adding raw (a copy of it) if it
// is new. The table is open addressing on cellHash, as cellMemo was: a Go
// map per cell hashed every byte and cost more than the book saves.
func (b *AnswerBook) code(q int, raw string) uint32 {
	if raw == "" {
		return 0
	}
	texts := b.text[q]
	if len(texts) <= 4 {
		// A handful of answers so far: comparing is cheaper than hashing,
		// and many questions never have more (ja/nein/teilweise).
		for c := 1; c < len(texts); c++ {
			if texts[c] == raw {
				return uint32(c)
			}
		}
		if len(texts) < 4 {
			b.text[q] = append(texts, strings.Clone(raw))
			return uint32(len(texts))
		}
		b.rehash(q, 16) // the fifth distinct answer: from now on hashed
	}
	slots := b.slots[q]
	mask := uint32(len(slots) - 1)
	i := cellHash(raw) & mask
	for ; slots[i] >= 0; i = (i + 1) & mask {
		if c := slots[i]; b.text[q][c] == raw {
			return uint32(c)
		}
	}
	c := uint32(len(b.text[q]))
	b.text[q] = append(b.text[q], strings.Clone(raw))
	slots[i] = int32(c)
	if 2*len(b.text[q]) > len(slots) {
		b.rehash(q, 2*len(slots))
	}
	return c
}

// rehash makes question q's table n slots long (a power of two) and puts
// every answer but "" in it.
func (b *AnswerBook) rehash(q, n int) {
	slots := slices.Repeat([]int32{-1}, n)
	mask := uint32(n - 1)
	for c := 1; c < len(b.text[q]); c++ {
		i := cellHash(b.text[q][c]) & mask
		for slots[i] >= 0 {
			i = (i + 1) & mask
		}
		slots[i] = int32(c)
	}
	b.slots[q] = slots
}
