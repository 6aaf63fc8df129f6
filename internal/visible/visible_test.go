package visible

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestControls(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"none", "<p>Plauen, Stadt</p>\n", "<p>Plauen, Stadt</p>\n"},
		{"line breaks and tabs stay", "a\tb\r\nc", "a\tb\r\nc"},
		{"a colour", "<h1>Nordlicht\x1b[31mROT\x1b[0m</h1>", `<h1>Nordlicht\u001b[31mROT\u001b[0m</h1>`},
		{"a clipboard write", `title="x` + "\x1b]52;c;ZXZpbA==\x07" + `"`, `title="x\u001b]52;c;ZXZpbA==\u0007"`},
		{"backspaces, DEL", "a\x08\x08\x7fb", `a\u0008\u0008\u007fb`},
		{"C1 controls", "\u009b2J and \u0085", `\u009b2J and \u0085`},
		{"Latin-1 letters stay", "Südwind ¢ ©", "Südwind ¢ ©"},
		{"at the end", "x\x1b", `x\u001b`},
		{"invalid UTF-8 stays", "a\xc2", "a\xc2"},
		{"a lone continuation after C2 stays", "\xc2\xc2\x9b", "\xc2\\u009b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Controls([]byte(tt.in))); got != tt.want {
				t.Errorf("Controls(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestControlsUnchanged: a page without a control character is returned
// as it is, not copied.
func TestControlsUnchanged(t *testing.T) {
	page := []byte("<p>ja</p>\n")
	if got := Controls(page); &got[0] != &page[0] {
		t.Error("a page without control characters was copied")
	}
}

// FuzzControls compares Controls with the same rule written over
// characters (unicode.IsControl) for valid UTF-8; for any input, no C0
// control but tab, line feed and carriage return, and no DEL, is left.
func FuzzControls(f *testing.F) {
	f.Add("Nordlicht\x1b[31m\u009b\x7f\t\n")
	f.Add("\xc2")
	f.Add("\xc2\xc2\x9b")
	f.Fuzz(func(t *testing.T, s string) {
		got := string(Controls([]byte(s)))
		if utf8.ValidString(s) {
			var want strings.Builder
			for _, r := range s {
				if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
					fmt.Fprintf(&want, `\u%04x`, r)
				} else {
					want.WriteRune(r)
				}
			}
			if got != want.String() {
				t.Fatalf("Controls(%q) = %q, want %q", s, got, want.String())
			}
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				t.Fatalf("Controls(%q) = %q holds byte %#x", s, got, c)
			}
		}
	})
}

// BenchmarkControls: a profile's size of text without a control
// character, the case of every page but a hostile one.
func BenchmarkControls(b *testing.B) {
	page := []byte(strings.Repeat("<td class=\"num\">62,5</td><td>Großenhain, Stadt</td>\n", 1200))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		Controls(page)
	}
}
