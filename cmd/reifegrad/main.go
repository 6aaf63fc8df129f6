// Command reifegrad turns municipal survey responses into maturity scores
// and reports. Run it without arguments to score the bundled example.
package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// Exit codes, as documented in README.md.
const (
	exitOK       = 0
	exitBadInput = 1 // bad input, bad config, or problems found by check
	exitUsage    = 2 // unknown command or flag
)

func main() {
	tuneGC()
	// A closed stdout (reifegrad run | head) is a write error that the
	// run reports and that keeps the previous outputs, rather than a
	// signal that kills the process wherever it is.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmd := NewRootCommand(os.Stdin, os.Stdout, os.Stderr)
	err := cmd.ExecuteContext(ctx)
	os.Exit(exitCode(err, os.Stderr))
}

// tuneGC lets the heap grow to three times the live data between
// collections instead of Go's default two (GOGC=200), unless the user set
// GOGC. Most of reifegrad's heap is live until the end (answers, scores), so
// the default collected often for little: the national run (10,786 units ×
// 200 questions, every output) took 12.9 s at GOGC=100 and 9.9 s at 200,
// with a peak of 393 MiB and 633 MiB (GOGC=400: 9.9 s, 868 MiB).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// pauseGC turns the collector off while a run reads and scores its
// inputs, and returns the function that turns it on again. In those phases
// the heap only grows — answers, responses, scores, all live until the
// end — so a collection finds next to nothing to free, yet it scans every
// answer: on 10,786 units × 200 questions it was a quarter of the CPU time
// of 'reifegrad check' (0.59 s → 0.45 s of CPU without it, medians of four
// runs, peak 195 → 213 MiB). The reports that follow make garbage and
// collect as tuneGC set. A memory limit stays as a safety net: past it the
// collector runs anyway. With GOGC set by the user nothing changes.
func pauseGC() (resume func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(-1)
	if limit == math.MaxInt64 {
		debug.SetMemoryLimit(pausedLimit)
	}
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// pausedLimit is the heap at which the collector runs while paused.
const pausedLimit = 2 << 30

// exitCode prints err for people and maps it to the exit code.
func exitCode(err error, stderr interface{ Write([]byte) (int, error) }) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "reifegrad: %s\nRun 'reifegrad --help' for usage.\n", escapeText(err.Error(), true))
		return exitUsage
	}
	var pe *problemsFound
	if errors.As(err, &pe) {
		return exitBadInput // check already printed its report
	}
	// An error may quote the data (a header, a name): its control
	// characters are made visible.
	fmt.Fprintf(stderr, "reifegrad: %s\n", escapeText(err.Error(), true))
	return exitBadInput
}

// usageError marks errors in how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// problemsFound is returned by check when it reported problems.
type problemsFound struct{ n int }

func (e *problemsFound) Error() string { return fmt.Sprintf("%d problems found", e.n) }
