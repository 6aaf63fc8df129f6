package survey

import (
	"sync"

	"github.com/reifegrad/reifegrad/scoring"
)

// answerFiller adds the answers of a file's responses to its book on a
// goroutine of its own, while the reader goes on with the next rows.
// Adding the answers (scoring.AnswerBook.Fill: a table look-up per cell)
// was two fifths of reading a national file, all of it on the one
// goroutine that hands out the records in order, while the parsers
// waited for it; moved here, a national check takes about a tenth less
// time (BENCHMARKS.md). The reader cuts each response's answers (New) in
// the order of its rows and the filler fills them (Fill) in that order,
// so every code is the one Add would have given: the same Dataset to the
// byte, whichever goroutine runs first. The filler also looks at each
// response's numbers for the decimal check (decimalColumns.see), which
// reads the codes, in the same order.
//
// The records' text is the table's, which reuses it (reuseRecords): the
// table asks mark for a token once it has handed out a stretch of records
// and wait(token) before it reuses their text (recordHolder).
type answerFiller struct {
	book *scoring.AnswerBook
	dec  *decimalColumns

	batch  []fillJob      // the jobs not yet handed to the goroutine
	queued int64          // jobs handed to the goroutine or in batch
	jobs   chan []fillJob // batches, in order
	free   chan []fillJob // batches done, for reuse
	done   chan struct{}  // closed when the goroutine has ended

	mu       sync.Mutex
	filled   int64 // jobs done, under mu
	more     sync.Cond
	panicked any // what a panic while filling raised, under mu (see fill)
}

// fillJob is one response's answers to fill from raw.
type fillJob struct {
	answers scoring.Answers
	raw     []string
}

// fillBatch is how many responses go to the filler at a time: a national
// file's piece (splitPiece) holds about 140, so the filler starts on a
// piece's first rows while the reader reads the rest.
const fillBatch = 32

// newAnswerFiller starts a filler of book; dec, when not nil, sees each
// response after it is filled.
func newAnswerFiller(book *scoring.AnswerBook, dec *decimalColumns) *answerFiller {
	f := &answerFiller{book: book, dec: dec, jobs: make(chan []fillJob, 64), free: make(chan []fillJob, 4),
		done: make(chan struct{})}
	f.more.L = &f.mu
	f.batch = make([]fillJob, 0, fillBatch)
	go f.run()
	return f
}

func (f *answerFiller) run() {
	defer close(f.done)
	for batch := range f.jobs {
		f.fill(batch)
		f.mu.Lock()
		f.filled += int64(len(batch))
		f.more.Broadcast()
		f.mu.Unlock()
		select {
		case f.free <- batch[:0]:
		default:
		}
	}
}

// fill fills a batch. A panic in it (a defect) is kept and raised again
// on the reader's goroutine (wait), where its caller can recover it — a
// server reading a form's answers in a request does — instead of ending
// the process from this goroutine; the jobs after it are passed by.
func (f *answerFiller) fill(batch []fillJob) {
	defer func() {
		if p := recover(); p != nil {
			f.mu.Lock()
			f.panicked = p
			f.mu.Unlock()
		}
	}()
	f.mu.Lock()
	failed := f.panicked != nil
	f.mu.Unlock()
	if failed {
		return
	}
	for _, j := range batch {
		f.book.Fill(j.answers, j.raw)
		if f.dec != nil {
			f.dec.see(j.answers)
		}
	}
}

// add queues the filling of a (from book.New(len(raw))) with raw. raw's
// strings must stay as they are until a wait for a later mark returns.
func (f *answerFiller) add(a scoring.Answers, raw []string) {
	f.batch = append(f.batch, fillJob{a, raw})
	f.queued++
	if len(f.batch) == fillBatch {
		f.send()
	}
}

func (f *answerFiller) send() {
	if len(f.batch) == 0 {
		return
	}
	f.jobs <- f.batch
	select {
	case f.batch = <-f.free:
	default:
		f.batch = make([]fillJob, 0, fillBatch)
	}
}

// mark returns a token for every job added so far (recordHolder).
func (f *answerFiller) mark() int64 {
	f.send()
	return f.queued
}

// wait returns once the jobs before token are filled (recordHolder). It
// raises the panic of a filling that failed.
func (f *answerFiller) wait(token int64) {
	if p := f.waitFilled(token); p != nil {
		panic(p)
	}
}

// waitFilled returns once the jobs before token are filled or passed by,
// with what a failed filling raised.
func (f *answerFiller) waitFilled(token int64) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.filled < token {
		f.more.Wait()
	}
	return f.panicked
}

// drain returns once every job added so far is filled: before the book
// or the answers are read, or answers are added by another way.
func (f *answerFiller) drain() { f.wait(f.mark()) }

// close fills what is left and ends f's goroutine, then raises the panic
// of a filling that failed. f is not used after.
func (f *answerFiller) close() {
	p := f.waitFilled(f.mark())
	close(f.jobs)
	<-f.done
	if p != nil {
		panic(p)
	}
}

// recordHolder is a reader that keeps records after the next Read: it
// holds a stretch of them until it says it no longer does. A table that
// reuses the text of records it has handed out (splitReader) asks mark
// once it has handed out a stretch, and wait with that token before it
// reuses their text.
type recordHolder interface {
	mark() int64
	wait(token int64)
}
