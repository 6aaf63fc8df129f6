package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// visible makes text from the data safe to print on a terminal: control
// characters (escape sequences that move the cursor, clear the screen,
// write the clipboard or fake a line), characters that reverse the
// direction of text, and bytes that are not UTF-8 are shown as escapes
// (\u001b, \n, \u202e, \xff) instead of acting. Everything else is left
// as it is.
func visible(s string) string { return escapeText(s, false) }

// escapeText is visible; with keepLines, line breaks and tabs stay, for a
// whole text whose lines are ours.
func escapeText(s string, keepLines bool) string {
	i := strings.IndexFunc(s, func(r rune) bool { return needsEscape(r, keepLines) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r == utf8.RuneError, !needsEscape(r, keepLines): // U+FFFD itself is harmless
			b.WriteString(s[:size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		default:
			// \uXXXX, which JSON reads as the same character: a JSON
			// string passed through stays valid.
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		s = s[size:]
	}
	return b.String()
}

// needsEscape reports whether r must not reach a terminal as it is.
// utf8.RuneError stands for bytes that are not UTF-8 (and for U+FFFD
// itself, which escapeText then leaves alone).
func needsEscape(r rune, keepLines bool) bool {
	if keepLines && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
}

// terminalWriter is standard output for results: whatever a command
// prints, as text or JSON, reaches the terminal with every control
// character of the data made visible (escapeText); line breaks and tabs
// stay. JSON stays valid: encoding/json escapes the C0 controls itself,
// and the rest become \u escapes. It holds back a character cut in two by
// a write until the next one.
type terminalWriter struct {
	w    io.Writer
	tail []byte // the start of a character cut off by the last write
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	b := append(t.tail, p...)
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	t.tail = append([]byte(nil), b[cut:]...)
	if _, err := io.WriteString(t.w, escapeText(string(b[:cut]), true)); err != nil {
		return 0, err
	}
	return len(p), nil
}
