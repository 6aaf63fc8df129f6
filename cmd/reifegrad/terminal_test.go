package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Görlitz – 2026", "Görlitz – 2026"},
		{"a\x1b]52;c;ZXZpbA==\x07b", `a\u001b]52;c;ZXZpbA==\u0007b`},
		{"\x1b[2J\x1b[H", `\u001b[2J\u001b[H`},
		{"line\nRows read: 1", `line\nRows read: 1`},
		{"tab\there\r", `tab\there\r`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"C1 \u009b31m", `C1 \u009b31m`},
		{"del\x7f", `del\u007f`},
		{"bad \xff byte", `bad \xff byte`},
		{"\ufffd stays", "\ufffd stays"},
	}
	for _, tt := range tests {
		if got := visible(tt.in); got != tt.want {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerminalWriter: a character cut in two by a write is held back and
// escaped whole; lines and tabs stay.
func TestTerminalWriter(t *testing.T) {
	var b bytes.Buffer
	w := &terminalWriter{w: &b}
	for _, part := range []string{"a\tb\n\xe2\x80", "\xae|\x1b", "[31m\n"} {
		w.Write([]byte(part))
	}
	if want := "a\tb\n\\u202e|\\u001b[31m\n"; b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}

// terminalPayloads are control sequences a respondent or an export could
// put into a wave label, a name or an answer: a clipboard write (OSC 52),
// a screen wipe, a colour, a text reversed, a faked summary line.
var terminalPayloads = []string{"\x1b]52;c;ZXZpbA==\x07", "\x1b[2J\x1b[H", "\x1b[31m", "\u202e", "\nRows read: 1 = 1 scored + 0 rejected\n", "\u009b2J", "\x08\x08"}

// TestNoControlSequencesReachTheTerminal runs run and check, as text and
// JSON, and failing runs, over an input whose wave column (the issue's
// finding), names and answers hold control sequences: stdout and stderr
// hold none of them, the texts are there made visible, and the JSON reads
// back to the very texts of the input. The input's wave holds the first
// payload; a second input gives every row a wave of its own, each with a
// payload, which the run refuses (waves the model does not declare, and
// not numbers, cannot be put in time) naming them all.
func TestNoControlSequencesReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, wave func(q string) string) string {
		var b strings.Builder
		b.WriteString("id;name;district;welle;Q1;Q2;Q3\n")
		for i, p := range terminalPayloads {
			q := strings.ReplaceAll(p, `"`, `""`)
			b.WriteString(strings.Join([]string{"t" + string(rune('a'+i)), `"Name` + q + `"`, "Kreis A", `"2026` + wave(q) + `"`, `"ja` + q + `"`, "ja", "nein"}, ";") + "\n")
		}
		in := filepath.Join(dir, name)
		if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return in
	}
	in := file("escapes.csv", func(string) string { return terminalPayloads[0] })
	waves := file("waves.csv", func(q string) string { return q })
	t.Setenv("REIFEGRAD_SURVEY_WAVE_COLUMN", "welle")
	cfg := hostileDir + "config.yaml"
	bad := filepath.Join(dir, "bad.csv") // a header naming Q1 twice, one with an escape
	if err := os.WriteFile(bad, []byte("id;name;district;welle;Q1;Q2;Q3;\"Q1\x1b[2J\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := [][]string{
		{"-c", cfg, "-i", in, "-o", filepath.Join(dir, "out"), "-q"},
		{"-c", cfg, "-i", in, "-o", filepath.Join(dir, "out2"), "-q", "--json"},
		{"check", "-c", cfg, "-i", in},
		{"check", "-c", cfg, "-i", in, "--json"},
		{"check", "-c", cfg, "-i", bad},
		{"check", "-c", cfg, "-i", waves},
		{"model", "-c", cfg},
	}
	for _, args := range runs {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			stdout, stderr, code := MustRun(t, args...)
			if code > 1 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, stream := range []struct{ name, text string }{{"stdout", stdout}, {"stderr", stderr}} {
				for _, bad := range []string{"\x1b", "\x07", "\x08", "\u202e", "\u009b", "\nRows read: 1 = 1"} {
					if strings.Contains(stream.text, bad) {
						t.Errorf("%s holds %q:\n%s", stream.name, bad, stream.text)
					}
				}
			}
			if args[len(args)-1] == "--json" {
				var doc any
				if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
					t.Fatalf("the JSON does not read back: %v", err)
				}
				// The escapes stand for the very characters.
				if !strings.Contains(stdout, `2026\u001b]52;c;ZXZpbA==\u0007`) {
					t.Errorf("the wave label is not in the JSON:\n%s", stdout)
				}
				waves := jsonStrings(doc)
				if !waves["2026\x1b]52;c;ZXZpbA==\x07"] {
					t.Errorf("the JSON does not read back to the wave label of the input")
				}
			} else if args[0] != "model" && !strings.Contains(stdout+stderr, `\u001b`) && !strings.Contains(stdout+stderr, `\x1b`) && !strings.Contains(stdout+stderr, "U+001B") {
				t.Errorf("the payloads are not shown made visible:\n%s%s", stdout, stderr)
			}
		})
	}
}

// jsonStrings collects every string of a decoded JSON document.
func jsonStrings(v any) map[string]bool {
	out := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out[v] = true
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}
