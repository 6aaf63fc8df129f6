package scoring

import (
	"fmt"
	"strings"
	"unsafe"
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
	text  [][]string     // text[q][code]
	slots [][]answerSlot // per question: open addressing, a power of two long
	codes []uint32       // codes are cut from it, answerSlab responses at a time
	arena []byte         // the text of new answers is copied to it (keep)
	// single is set for a book of one response (AnswersOf): scoring does
	// not remember what it read for such a book (worker.bookMemo).
	single bool
}

// answerSlot is one answer in a question's table: its length (0: the
// slot is empty) and, for an answer of at most sixteen bytes, those bytes
// as two words (the first eight, the last eight), so that finding such an
// answer — nine in ten are: "ja", "3", "37,5", "trifft eher zu" — compares
// words and reads no text; a longer one is compared with its text.
type answerSlot struct {
	head, tail uint64
	n, code    uint32
}

// answerSlab is how many responses' codes one allocation holds.
const answerSlab = 256

// NewAnswerBook returns a book for the answers to n questions.
func NewAnswerBook(n int) *AnswerBook {
	b := &AnswerBook{text: make([][]string, n), slots: make([][]answerSlot, n)}
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
	tables := b.slots[:len(raw)]
	for q, s := range raw {
		if s == "" {
			continue
		}
		// The common case, an answer met before, found here without a
		// call to code, which adds a new one.
		head, tail := answerWords(s)
		n := uint32(len(s))
		if slots := tables[q]; len(slots) > 0 {
			mask := uint32(len(slots) - 1)
			for i := slotOf(head, tail, n) & mask; slots[i].n != 0; i = (i + 1) & mask {
				if sl := &slots[i]; sl.head == head && sl.tail == tail && sl.n == n && (n <= 16 || b.text[q][sl.code] == s) {
					codes[q] = sl.code
					goto next
				}
			}
		}
		codes[q] = b.code(q, s)
	next:
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
// is new. The table is open addressing on the answer's words
// (answerSlot): a Go map per cell hashes every byte and cost more than the
// book saves.
func (b *AnswerBook) code(q int, raw string) uint32 {
	if raw == "" {
		return 0
	}
	head, tail := answerWords(raw)
	n := uint32(len(raw))
	slots := b.slots[q]
	if len(slots) == 0 {
		slots = make([]answerSlot, 8)
		b.slots[q] = slots
	}
	mask := uint32(len(slots) - 1)
	i := slotOf(head, tail, n) & mask
	for ; slots[i].n != 0; i = (i + 1) & mask {
		if sl := &slots[i]; sl.head == head && sl.tail == tail && sl.n == n && (n <= 16 || b.text[q][sl.code] == raw) {
			return sl.code
		}
	}
	c := uint32(len(b.text[q]))
	b.text[q] = append(b.text[q], b.keep(raw))
	slots[i] = answerSlot{head: head, tail: tail, n: n, code: c}
	if 2*len(b.text[q]) > len(slots) {
		b.rehash(q, 2*len(slots))
	}
	return c
}

// answerWords returns raw's first eight bytes and its last eight (they
// overlap in an answer shorter than sixteen); an answer shorter than
// eight is all in head. Multi-select answers of one question differ at
// their ends ("Alpha;Gamma", "Alpha;Delta"), which tail holds.
func answerWords(raw string) (head, tail uint64) {
	switch n := len(raw); {
	case n >= 8:
		return le64(raw), le64(raw[n-8:])
	case n >= 4:
		// Two overlapping loads of four bytes.
		return uint64(le32(raw)) | uint64(le32(raw[n-4:]))<<32, uint64(n)
	default:
		// The first, middle and last byte: all of an answer of up to
		// three bytes, without a loop.
		return uint64(raw[0]) | uint64(raw[n/2])<<8 | uint64(raw[n-1])<<16, uint64(n)
	}
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 | uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// slotOf is where an answer of words head, tail and length n goes in a
// table.
func slotOf(head, tail uint64, n uint32) uint32 {
	return uint32(((head^uint64(n))*0x9E3779B97F4A7C15 ^ tail*0xC2B2AE3D27D4EB4F) >> 40)
}

// rehash makes question q's table n slots long (a power of two) and moves
// every answer into it from the old table, whose slots hold all a slot
// needs: rebuilding them from the text read every answer again, a sixth
// of reading the national survey's answers (50 questions of a thousand
// numbers each, their tables doubled from 8 slots to 2,048).
func (b *AnswerBook) rehash(q, n int) {
	slots := make([]answerSlot, n)
	mask := uint32(n - 1)
	for _, sl := range b.slots[q] {
		if sl.n == 0 {
			continue
		}
		i := slotOf(sl.head, sl.tail, sl.n) & mask
		for slots[i].n != 0 {
			i = (i + 1) & mask
		}
		slots[i] = sl
	}
	b.slots[q] = slots
}

// keep returns a copy of raw in the book's own memory: the distinct
// answers of a national survey are 30,000 short strings, and a string of
// its own for each was an allocation each.
func (b *AnswerBook) keep(raw string) string {
	if len(raw) > answerArena/8 {
		return strings.Clone(raw)
	}
	if len(b.arena)+len(raw) > cap(b.arena) {
		b.arena = make([]byte, 0, answerArena)
	}
	at := len(b.arena)
	b.arena = append(b.arena, raw...)
	return unsafe.String(&b.arena[at], len(raw))
}

// answerArena is how many bytes of distinct answers one allocation of
// AnswerBook.keep holds.
const answerArena = 64 << 10
