// Command reifegrad turns municipal survey responses into maturity scores
// and reports. Run it without arguments to score the bundled example.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
)

// Exit codes, as documented in README.md.
const (
	exitOK       = 0
	exitBadInput = 1 // bad input, bad config, or problems found by check
	exitUsage    = 2 // unknown command or flag
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmd := NewRootCommand(os.Stdin, os.Stdout, os.Stderr)
	err := cmd.ExecuteContext(ctx)
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err for people and maps it to the exit code.
func exitCode(err error, stderr interface{ Write([]byte) (int, error) }) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "reifegrad: %v\nRun 'reifegrad --help' for usage.\n", err)
		return exitUsage
	}
	var pe *problemsFound
	if errors.As(err, &pe) {
		return exitBadInput // check already printed its report
	}
	fmt.Fprintf(stderr, "reifegrad: %v\n", err)
	return exitBadInput
}

// usageError marks errors in how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// problemsFound is returned by check when it reported problems.
type problemsFound struct{ n int }

func (e *problemsFound) Error() string { return fmt.Sprintf("%d problems found", e.n) }
