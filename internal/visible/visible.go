// Package visible shows the control characters of a page as text. A
// unit's name, a label or an answer may hold an escape (ESC, OSC 52, a
// backspace) that html/template leaves as it is: a page carried it raw,
// where the terminal (cmd/reifegrad) shows it as \u001b. The HTML pages
// of reports/html and of serve write them the same way.
package visible

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Controls returns page with every control character but tab, line feed
// and carriage return — the C0 controls, DEL and the C1 controls
// U+0080–U+009F — written as the text \uXXXX, as the terminal shows
// them; page itself when it holds none (the common case: one pass over
// the bytes, no copy). Bytes that are not UTF-8 stay as they are.
//
// Markup never holds a control character of its own, and the JSON of a
// page's charts escapes them (\u001b), so only the data's are rewritten:
// in text and in attribute values, where \u001b reads as what it is.
func Controls(page []byte) []byte {
	i := next(page, 0)
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+16)
	start := 0
	for ; i >= 0; i = next(page, start) {
		r, size := rune(page[i]), 1
		if page[i] == 0xc2 { // a C1 control, U+0080–U+009F, in UTF-8
			r, size = rune(page[i+1]), 2
		}
		out = append(out, page[start:i]...)
		out = fmt.Appendf(out, `\u%04x`, r)
		start = i + size
	}
	return append(out, page[start:]...)
}

// next returns the index of the first control character in page from
// from on, or -1. It reads eight bytes at a time and looks at each only
// where a word holds a byte below 0x20 (a line break, mostly), DEL or
// 0xC2 (the lead byte of U+0080–U+00BF): twice as fast as byte by byte,
// and a page is scanned whole (a profile of 23 kB in some 10 µs, of
// 300 µs to render it).
func next(page []byte, from int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := from
	for ; i+8 <= len(page); i += 8 {
		x := binary.LittleEndian.Uint64(page[i:])
		del, c2 := x^(0x7f*ones), x^(0xc2*ones)
		// The high bit of every byte below 0x20, DEL or 0xC2 (and maybe
		// of some after one: a borrow; never none of one).
		for m := (x-0x20*ones)&^x&highs | (del-ones)&^del&highs | (c2-ones)&^c2&highs; m != 0; m &= m - 1 {
			if j := i + bits.TrailingZeros64(m)/8; control(page, j) {
				return j
			}
		}
	}
	for ; i < len(page); i++ {
		if control(page, i) {
			return i
		}
	}
	return -1
}

// control reports whether a control character starts at page[i].
func control(page []byte, i int) bool {
	switch c := page[i]; {
	case c == '\t' || c == '\n' || c == '\r':
		return false
	case c < 0x20 || c == 0x7f:
		return true
	case c == 0xc2:
		return i+1 < len(page) && page[i+1] >= 0x80 && page[i+1] < 0xa0
	}
	return false
}
