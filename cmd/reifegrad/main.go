// Command reifegrad turns municipal survey responses into maturity scores
// and reports. Run it without arguments to score the bundled example.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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

// tuneGC sets the collector for a program whose heap is mostly live
// until it ends (answers, responses, scores), unless the user set GOGC or
// GOMEMLIMIT: the heap grows to three times the live data between
// collections instead of Go's default two (GOGC=200), but to at least
// gcFloor.
//
//   - Three times: the national run (10,786 units × 200 questions, every
//     output) took 12.9 s at GOGC=100 and 9.9 s at 200, with a peak of
//     393 MiB and 633 MiB (GOGC=400: 9.9 s, 868 MiB).
//   - At least gcFloor: while the inputs are read and scored the heap
//     only grows, and a collection of a growing heap frees next to nothing
//     but scans every answer. Below the floor there is none: 'reifegrad
//     check' of the national data (215 MiB) took 0.51 s of CPU against
//     0.62 s at GOGC=200 and 0.57 s with a floor of 128 MiB (medians of
//     seven runs side by side). The Saxony example's full run costs the
//     same CPU either way and peaks at 260 MiB instead of 137 MiB.
//
// Go has no setting for a least heap, so tuneGC keeps GOGC off and moves
// the memory limit, at which the collector runs, to max(gcFloor, 3 × the
// live heap) after every collection.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcFloor)
	watchGC()
}

// gcFloor is the heap below which the collector does not run.
const gcFloor = 256 << 20

// Reading and scoring keep about ten bytes of heap for every byte of a
// CSV input (the national data: 215 MiB for 19 MB; 100,000 units:
// 1.6 GiB for 181 MB), all of it live until the outputs are written. A
// collection while that heap grows frees next to nothing but marks every
// answer: at 100,000 units, with the floor at gcFloor, two collections
// took a fifth of 'check's CPU, which grew 13–15× for 10× the units.
const (
	heapPerInputByte = 16
	gcFloorMax       = 4 << 30
)

// raiseGCFloor keeps the collector off until the heap is about what
// reading and scoring inputs of n bytes needs (heapPerInputByte, at most
// gcFloorMax), unless the user set GOGC or GOMEMLIMIT. After the first
// collection afterGC sets the limit from the live heap as before.
func raiseGCFloor(n int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	floor := min(n, gcFloorMax/heapPerInputByte) * heapPerInputByte
	if floor > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(floor)
	}
}

// watchGC calls afterGC once the next collection is done: the cleanup of
// an object nothing refers to runs after the collection that finds it.
func watchGC() {
	runtime.AddCleanup(&gcSentinel{}, func(int) { afterGC() }, 0)
}

// gcSentinel holds a pointer, so that it gets an allocation of its own
// (a cleanup on an object in a shared tiny block may never run).
type gcSentinel struct{ _ *byte }

// afterGC sets the next memory limit from the live heap and waits for the
// next collection.
func afterGC() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		debug.SetMemoryLimit(max(gcFloor, 3*int64(sample[0].Value.Uint64())))
	}
	watchGC()
}

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

func (e *problemsFound) Error() string {
	if e.n == 1 {
		return "1 problem found"
	}
	return fmt.Sprintf("%d problems found", e.n)
}
