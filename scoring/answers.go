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
// fit in a small book and 2 bytes an answer, where a []string took 16
// bytes an answer and kept the file's text alive besides; and scoring
// reads each distinct answer once per step (worker.leaves), by its code,
// instead of hashing the raw text of every cell.
//
// The zero value holds no answers. Answers built by AnswersOf or an
// AnswerBook are safe for concurrent reading; Set is not.
type Answers struct {
	book *AnswerBook
	// codes holds each answer's code, or wideCode for a code from the
	// book's narrow on, which the book keeps by the code's place (wide).
	// A question of a file has no more distinct answers than the file
	// has rows, so only a file of more than 65,534 rows can have such a
	// code; two bytes an answer instead of four are 4.3 MB less of a
	// national survey, memory the kernel gives the process page by page.
	codes []uint16
}

// wideCode stands in Answers.codes for a code the book keeps apart.
const wideCode = 1<<16 - 1

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
func (a Answers) At(q int) string { return a.book.text[q][a.Code(q)] }

// Code is the answer to question q as its code in its book (Book): two
// answers to q from one book are the same text exactly when their codes
// are the same. Codes count from 0 ("") up, in the order a question's answers
// were first added, so that a reader can remember what it found an
// answer to be by its code, in a slice, instead of looking at its text
// in every cell. It panics when q is out of range, as At does.
func (a Answers) Code(q int) uint32 {
	c := uint32(a.codes[q])
	if c == wideCode {
		c = a.book.wide[&a.codes[q]]
	}
	return c
}

// Book is the book a's codes are codes of: answers from different books
// have codes that cannot be compared. It is nil for the zero Answers.
func (a Answers) Book() *AnswerBook { return a.book }

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
func (a Answers) Set(q int, raw string) {
	if p := &a.codes[q]; *p == wideCode {
		delete(a.book.wide, p)
		*p = 0
	}
	a.book.place(a.codes, q, a.book.code(q, raw))
}

// place writes code c of question q at codes[q], which holds no wide
// code: the code itself if it is below b.narrow, else wideCode there and
// the code in b.wide, by its place.
func (b *AnswerBook) place(codes []uint16, q int, c uint32) {
	if c < b.narrow {
		codes[q] = uint16(c)
		return
	}
	codes[q] = wideCode
	if b.wide == nil {
		b.wide = map[*uint16]uint32{}
	}
	b.wide[&codes[q]] = c
}

// narrowCodes is how many of question q's codes Answers hold themselves:
// a reader that remembers what a code read as, in a slice by code, makes
// it no longer (a wide code in Answers.codes then lies beyond it).
func (b *AnswerBook) narrowCodes(q int) int { return min(len(b.text[q]), int(b.narrow)) }

// AnswerBook holds the distinct raw answers of each question, for the
// responses of one read (Answers). Code 0 is "" for every question, so
// codes that are all 0 are a response without answers.
//
// The zero value is not usable; NewAnswerBook makes one. Adding is not
// safe for concurrent use; once the read is done, the book is only read.
type AnswerBook struct {
	text  [][]string   // text[q][code]
	short []shortTable // per question: its answers of one to shortMax bytes
	long  []longTable  // per question: its longer answers
	codes []uint16     // codes are cut from it, answerSlab responses at a time
	arena []byte       // the text of new answers is copied to it (keep)
	later []int32      // Add's questions to settle after its loop
	// shortCodes is how many codes of a question a shortTable's slots
	// hold (maxShortCodes but in tests of the answers after them).
	shortCodes uint32
	// narrow is how many codes of a question Answers hold themselves
	// (wideCode but in tests of the codes after them); wide holds the
	// others, by their place in Answers.codes.
	narrow uint32
	wide   map[*uint16]uint32
	// single is set for a book of one response (AnswersOf): scoring does
	// not remember what it read for such a book (worker.bookMemo).
	single bool
}

// shortTable finds a question's answers of one to shortMax bytes —
// nearly every answer of a survey: "ja", "3", "37,5", "12000" — each in
// one word that holds its bytes, its length (together its key, shortKey)
// and its code, in open addressing, a power of two long. A probe reads
// one word and compares it once: a national survey's numeric questions
// have a thousand distinct answers each, and their tables of 24-byte
// slots (48 KB each, where these are 16 KB) did not stay in a core's
// cache between one response and the next.
type shortTable struct {
	slots []uint64 // 0: empty (a key's length is never 0)
	used  int
	// more holds the short answers that come after the first
	// maxShortCodes codes of the question, whose codes a slot cannot
	// hold, and those whose codes Answers do not hold themselves
	// (AnswerBook.narrow): a code found in a slot never needs that
	// check.
	more map[string]uint32
}

// longTable finds a question's answers longer than shortMax, in open
// addressing, a power of two long.
type longTable struct {
	slots []answerSlot
	used  int
	// more holds the answers whose codes Answers do not hold themselves
	// (AnswerBook.narrow): a code found in a slot never needs that
	// check.
	more map[string]uint32
}

// answerSlot is one answer longer than shortMax in a question's table:
// its length (0: the slot is empty) and its first eight and last eight
// bytes as two words, so that finding an answer of up to sixteen bytes
// ("trifft eher zu", "Alpha;Gamma") compares words and reads no text; a
// longer one is compared with its text.
type answerSlot struct {
	head, tail uint64
	n, code    uint32
}

// answerSlab is how many responses' codes one allocation holds.
const answerSlab = 256

// NewAnswerBook returns a book for the answers to n questions.
func NewAnswerBook(n int) *AnswerBook {
	b := &AnswerBook{text: make([][]string, n), short: make([]shortTable, n), long: make([]longTable, n),
		shortCodes: maxShortCodes, narrow: wideCode}
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
	a := Answers{book: b, codes: b.take(len(raw))}
	b.fill(a.codes, raw)
	return a
}

// Fill writes the answers raw into a, answers from New(len(raw)) of b not
// yet filled or Set: a reader may cut each response's answers (New) in
// the order of its rows and leave the filling to another goroutine. Codes
// are given in the order answers are first met, so to get the codes Add
// would give, fill them in the order Add would have added them; New and
// Fill may run on two goroutines at once, Fill and every other method
// but New may not. It panics when a is not of b or raw does not have a's
// length.
func (b *AnswerBook) Fill(a Answers, raw []string) {
	if a.book != b || len(a.codes) != len(raw) {
		panic(fmt.Sprintf("scoring: Fill of %d answers into %d places of another book", len(raw), len(a.codes)))
	}
	b.fill(a.codes, raw)
}

// fill writes the codes of raw into codes, all 0.
func (b *AnswerBook) fill(codes []uint16, raw []string) {
	shorts, longs := b.short[:len(raw)], b.long[:len(raw)]
	// The common case, an answer met before, is found here. The
	// questions whose answer is new, or longer than sixteen bytes and
	// found by its words alone, are listed in later and settled after
	// the loop: with a call in it (code, or comparing texts), the loop
	// kept its values on the stack instead of in registers, and that was
	// a fifth of its cost. The keys are worked out here rather than by
	// shortKey and answerWords, which are too large to be inlined. The
	// tables' slots hold only codes the answers hold themselves (narrow):
	// a code found in one is written as it is.
	const missed = wideCode
	if len(b.later) < len(raw) {
		b.later = make([]int32, len(raw))
	}
	later, nl := b.later[:len(raw)], 0
	for q, s := range raw {
		n := len(s)
		switch {
		case n == 0:
			continue
		case n <= shortMax:
			var key uint64
			if n >= 4 {
				key = uint64(le32(s)) | uint64(s[n-1])<<32
			} else {
				key = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
			}
			key |= uint64(n) << (8 * shortMax)
			slots := shorts[q].slots
			if len(slots) == 0 {
				break
			}
			mask := uint32(len(slots) - 1)
			for i := shortSlot(key) & mask; slots[i] != 0; i = (i + 1) & mask {
				if slots[i]&shortKeyMask == key {
					codes[q] = uint16(slots[i] >> shortKeyBits)
					goto next
				}
			}
		default:
			var head, tail uint64
			if n >= 8 {
				head, tail = le64(s), le64(s[n-8:])
			} else {
				head, tail = uint64(le32(s))|uint64(le32(s[n-4:]))<<32, uint64(n)
			}
			slots := longs[q].slots
			if len(slots) == 0 {
				break
			}
			mask := uint32(len(slots) - 1)
			for i := slotOf(head, tail, uint32(n)) & mask; slots[i].n != 0; i = (i + 1) & mask {
				if sl := &slots[i]; (sl.head^head)|(sl.tail^tail)|uint64(sl.n^uint32(n)) == 0 {
					codes[q] = uint16(sl.code)
					if n <= 16 {
						goto next // the words and the length are the answer
					}
					later[nl], nl = int32(q), nl+1 // to be compared by its text
					goto next
				}
			}
		}
		codes[q], later[nl], nl = missed, int32(q), nl+1
	next:
	}
	for _, q := range later[:nl] {
		if c := codes[q]; c == missed || b.text[q][c] != raw[q] {
			b.place(codes, int(q), b.code(int(q), raw[q]))
		}
	}
}

// New returns answers with places for n questions (at most the book's),
// all empty, to be filled with Set.
func (b *AnswerBook) New(n int) Answers {
	return Answers{book: b, codes: b.take(n)}
}

// take returns n zero codes, cut from a slab.
func (b *AnswerBook) take(n int) []uint16 {
	if b.single || n > len(b.text) {
		return make([]uint16, n)
	}
	if len(b.codes) < n {
		b.codes = make([]uint16, n*answerSlab)
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
	if len(raw) <= shortMax {
		return b.shortCode(q, raw)
	}
	head, tail := answerWords(raw)
	n := uint32(len(raw))
	t := &b.long[q]
	if len(t.slots) == 0 {
		t.slots = make([]answerSlot, 8)
	}
	slots := t.slots
	mask := uint32(len(slots) - 1)
	i := slotOf(head, tail, n) & mask
	for ; slots[i].n != 0; i = (i + 1) & mask {
		if sl := &slots[i]; sl.head == head && sl.tail == tail && sl.n == n && (n <= 16 || b.text[q][sl.code] == raw) {
			return sl.code
		}
	}
	if c, ok := t.more[raw]; ok {
		return c
	}
	c := uint32(len(b.text[q]))
	b.text[q] = append(b.text[q], b.keep(raw))
	if c >= b.narrow {
		if t.more == nil {
			t.more = make(map[string]uint32)
		}
		t.more[b.text[q][c]] = c
		return c
	}
	slots[i] = answerSlot{head: head, tail: tail, n: n, code: c}
	t.used++
	if 2*t.used > len(slots) {
		t.grow()
	}
	return c
}

// shortMax is the longest answer a shortTable holds. Its bytes and
// length take shortKeyBits of a slot, the code the rest.
const (
	shortMax      = 5
	shortKeyBits  = 8*shortMax + 3
	shortKeyMask  = 1<<shortKeyBits - 1
	maxShortCodes = 1 << (64 - shortKeyBits)
)

// shortCode returns the code of raw (one to shortMax bytes) for question
// q, adding raw if it is new.
func (b *AnswerBook) shortCode(q int, raw string) uint32 {
	key := shortKey(raw)
	t := &b.short[q]
	if len(t.slots) == 0 {
		t.slots = make([]uint64, 8)
	}
	mask := uint32(len(t.slots) - 1)
	i := shortSlot(key) & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if t.slots[i]&shortKeyMask == key {
			return uint32(t.slots[i] >> shortKeyBits)
		}
	}
	if c, ok := t.more[raw]; ok {
		return c
	}
	c := uint32(len(b.text[q]))
	b.text[q] = append(b.text[q], b.keep(raw))
	if c >= min(b.shortCodes, b.narrow) {
		if t.more == nil {
			t.more = make(map[string]uint32)
		}
		t.more[b.text[q][c]] = c
		return c
	}
	t.slots[i] = key | uint64(c)<<shortKeyBits
	t.used++
	if 2*t.used > len(t.slots) {
		t.grow()
	}
	return c
}

// shortKey is the key of an answer of one to shortMax bytes: its bytes,
// the first in the lowest byte, and above them its length, so that two
// answers have the same key exactly when they are the same.
func shortKey(raw string) uint64 {
	n := len(raw)
	var w uint64
	if n >= 4 {
		// The first four bytes and the last (again the fourth in an
		// answer of four).
		w = uint64(le32(raw)) | uint64(raw[n-1])<<32
	} else {
		// The first, middle and last byte: all of an answer of up to
		// three bytes, without a loop (and the same bytes again where
		// it is shorter, which the length tells apart).
		w = uint64(raw[0]) | uint64(raw[n/2])<<8 | uint64(raw[n-1])<<16
	}
	return w | uint64(n)<<(8*shortMax)
}

// shortSlot is where key goes in a shortTable.
func shortSlot(key uint64) uint32 {
	return uint32((key * 0x9E3779B97F4A7C15) >> 40)
}

// grow doubles t and moves every slot into the new table (a slot holds
// its answer: no text is read again).
func (t *shortTable) grow() {
	slots := makeWritten[uint64](2 * len(t.slots))
	mask := uint32(len(slots) - 1)
	for _, sl := range t.slots {
		if sl == 0 {
			continue
		}
		i := shortSlot(sl&shortKeyMask) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = sl
	}
	t.slots = slots
}

// answerWords returns raw's first eight bytes and its last eight (they
// overlap in an answer shorter than sixteen); an answer shorter than
// eight (six or seven bytes: shorter ones are in a shortTable) is all in
// head, from two overlapping loads of four bytes. Multi-select answers
// of one question differ at their ends ("Alpha;Gamma", "Alpha;Delta"),
// which tail holds.
func answerWords(raw string) (head, tail uint64) {
	if n := len(raw); n < 8 {
		return uint64(le32(raw)) | uint64(le32(raw[n-4:]))<<32, uint64(n)
	}
	return le64(raw), le64(raw[len(raw)-8:])
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

// grow doubles t and moves every answer into the new table from the old
// one, whose slots hold all a slot needs (rebuilding them from the text
// would read every answer again).
func (t *longTable) grow() {
	slots := makeWritten[answerSlot](2 * len(t.slots))
	mask := uint32(len(slots) - 1)
	for _, sl := range t.slots {
		if sl.n == 0 {
			continue
		}
		i := slotOf(sl.head, sl.tail, sl.n) & mask
		for slots[i].n != 0 {
			i = (i + 1) & mask
		}
		slots[i] = sl
	}
	t.slots = slots
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
