package survey

import (
	"errors"
	"io"
)

// prefetchBatch is how many records travel together between the
// goroutines: enough to make the hand-over cheap, few enough to start
// early.
const prefetchBatch = 64

// record is one result of table.next.
type record struct {
	rec []string
	row int
	err error
}

// prefetched reads the records of a table on its own goroutine, a few
// batches ahead of the caller, so that parsing the file (CSV splitting,
// decoding, xlsx XML) and turning records into responses run on two cores
// instead of one after the other. It yields exactly the records, rows and
// errors of the table it wraps, in order.
//
// Measured with bench/run's phases on 10,786 rows × 200 questions: see
// BENCHMARKS.md.
// Its records are always fresh slices, never reused, so the caller may
// keep them.
type prefetched struct {
	src     table
	copy    bool // src reuses its record slice
	batches chan []record
	quit    chan struct{}
	cur     []record
	done    bool
}

// prefetch reads t ahead on a goroutine of its own (prefetched). A table
// that reads ahead on goroutines of its own already (a CSV file
// read by splitReader) is returned as it is: another hand-over would only
// cost.
func prefetch(t table) table {
	if a, ok := t.(interface{ readsAhead() bool }); ok && a.readsAhead() {
		return ownedTable{t}
	}
	f, fresh := t.(interface{ freshRecords() bool })
	p := &prefetched{src: t, copy: !fresh || !f.freshRecords(), batches: make(chan []record, 4), quit: make(chan struct{})}
	go p.produce()
	return p
}

func (p *prefetched) produce() {
	defer close(p.batches)
	batch := make([]record, 0, prefetchBatch)
	for {
		rec, row, err := p.src.next()
		r := record{rec: rec, row: row, err: err}
		if p.copy && rec != nil {
			// The table reuses its record slice; the strings are ours.
			r.rec = append(make([]string, 0, len(rec)), rec...)
		}
		batch = append(batch, r)
		final := errors.Is(err, io.EOF)
		if len(batch) == prefetchBatch || final {
			select {
			case p.batches <- batch:
			case <-p.quit:
				return
			}
			if final {
				return
			}
			batch = make([]record, 0, prefetchBatch)
		}
	}
}

func (p *prefetched) next() ([]string, int, error) {
	if len(p.cur) == 0 {
		if p.done {
			return nil, 0, io.EOF
		}
		b, ok := <-p.batches
		if !ok {
			p.done = true
			return nil, 0, io.EOF
		}
		p.cur = b
	}
	r := p.cur[0]
	p.cur = p.cur[1:]
	if errors.Is(r.err, io.EOF) {
		p.done = true
	}
	return r.rec, r.row, r.err
}

func (p *prefetched) sheet() string { return p.src.sheet() }

// close ends the producer and waits until it has let go of the table. The
// table itself stays open: its owner closes it.
func (p *prefetched) close() {
	close(p.quit)
	for range p.batches {
	}
}

// ownedTable is a table its owner closes: close does nothing.
type ownedTable struct{ table }

func (ownedTable) close() {}
