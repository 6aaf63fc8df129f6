package scoring

// makeWritten returns make([]T, n) with every byte written once, for a
// table that is read before it is written: an open-addressing table's
// probes, a memo's "not met yet". Memory never touched that is read
// first is mapped to the system's shared page of zeros, and the first
// write to it then takes a second page fault, which also interrupts the
// other cores running the process to drop the old mapping from their
// caches: in a national check such faults, on the tables of numeric
// answers with thousands of values, were 4 % of the CPU (perf). Written
// first, a page takes one fault: the national check took 4 % less time
// and 11 % less CPU (medians of 31 runs side by side).
func makeWritten[T any](n int) []T {
	s := make([]T, n)
	clear(s)
	return s
}
