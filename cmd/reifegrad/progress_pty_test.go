//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the side a program writes to as its
// terminal, and the side that reads what it shows.
func openPTY(t *testing.T) (term, screen *os.File) {
	t.Helper()
	screen, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(screen.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return term, screen
}

// TestProgressOnATerminal: on a terminal, a command shows what it does on
// stderr in the report's language (report.language, --lang), and clears
// the line before it ends; the results on stdout carry none of it.
func TestProgressOnATerminal(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"check, German", []string{"-c", repoConfig, "check"},
			[]string{"reifegrad: Eingaben werden gelesen …", "reifegrad: 1.192 Antworten werden bewertet …"}},
		{"check, English", []string{"-c", repoConfig, "check", "--lang", "en"},
			[]string{"reifegrad: reading the inputs …", "reifegrad: scoring 1,192 responses …"}},
		{"run, German", []string{"-c", repoConfig, "-o", out},
			[]string{"reifegrad: Eingaben werden gelesen …", "Schreiben: reifegrad.xlsx", "Profile 418 von 418",
				"reifegrad: Ausgaben werden an ihren Platz gelegt …"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term, screen := openPTY(t)
			defer screen.Close()
			shown := make(chan string)
			go func() {
				b, _ := io.ReadAll(screen) // until the terminal side is closed
				shown <- string(b)
			}()
			var stdout bytes.Buffer
			cmd := NewRootCommand(strings.NewReader(""), &stdout, term)
			cmd.SetArgs(tt.args)
			err := cmd.Execute()
			term.Close()
			got := <-shown
			if code := exitCode(err, io.Discard); code != exitOK && code != exitBadInput {
				t.Fatalf("exit %d: %v", code, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the terminal does not show %q:\n%q", w, got)
				}
			}
			if !strings.HasSuffix(got, "\r\033[K") {
				t.Errorf("the line is not cleared at the end: %q", got[max(0, len(got)-80):])
			}
			if strings.Contains(stdout.String(), "\033") || strings.Contains(stdout.String(), "…") {
				t.Errorf("stdout carries progress: %q", stdout.String()[:min(200, stdout.Len())])
			}
		})
	}
}
