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

	mu     sync.Mutex
	filled int64 // jobs done, under mu
	more   sync.Cond
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
		for _, j := range batch {
			f.book.Fill(j.answers, j.raw)
			if f.dec != nil {
				f.dec.see(j.answers)
			}
		}
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

// wait returns once the jobs before token are filled (recordHolder).
func (f *answerFiller) wait(token int64) {
	f.mu.Lock()
	for f.filled < token {
		f.more.Wait()
	}
	f.mu.Unlock()
}

// drain returns once every job added so far is filled: before the book
// or the answers are read, or answers are added by another way.
func (f *answerFiller) drain() { f.wait(f.mark()) }

// close drains f and ends its goroutine. f is not used after.
func (f *answerFiller) close() {
	f.drain()
	close(f.jobs)
	<-f.done
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
