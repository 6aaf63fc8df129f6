package scoring

import "unsafe"

// A check fills a few large arrays once, each of them memory the process
// never touched before: the node scores (20 MB for the national data,
// 10,786 units × 207 nodes), the unit results (7 MB) and the groups'
// statistics (5 MB). The system supplies such memory a 4 KiB page at a
// time, each on the first write, and on a virtual machine a page fault
// is dear: perf counted 16,900 of them in a national check, a quarter
// of its CPU time in the kernel, half of them for these arrays.
// A transparent huge page of 2 MiB takes one fault where 512 small pages
// took one each; the kernel hands huge pages to memory asked for them
// (madvise MADV_HUGEPAGE) where it is set to "madvise", the default of
// Debian and most distributions, and to all memory where it is set to
// "always". Asked for them for these arrays and the answers' codes, the
// national check took 8,400 page faults instead of 16,900, and 6–7 %
// less time and CPU (medians of 31 runs side by side), for 9 MiB more
// peak memory (91 MiB): an array takes whole huge pages.
//
// The advice is only a hint: the numbers are the same with it or without,
// and where the system gives no huge pages (another system, or "never")
// the arrays are ordinary memory.

// hugePage is the size of a transparent huge page on x86-64 and arm64 with
// 4 KiB pages; a larger or smaller one only makes the advice cover less.
const hugePage = 2 << 20

// makeLarge returns make([]T, n), for an array of at least half a huge
// page that is written once and kept: aligned to a huge page, in whole
// huge pages, and advised as huge pages where the system has them
// (adviseHuge), so that each huge page of it costs one page fault. The
// allocation is up to two huge pages longer than the array, so that the
// advised pages can start on a boundary, the array at its first element
// past it, and the last huge page be whole; the pages before the
// boundary are never touched, and untouched pages take no memory, so the
// array costs at most a huge page more than its size.
func makeLarge[T any](n int) []T {
	sz := unsafe.Sizeof(*new(T))
	size := uintptr(n) * sz
	if !hugeAdvice || size < hugePage/2 || sz == 0 {
		return make([]T, n)
	}
	// The array starts less than sz past the boundary.
	whole := (size + sz + hugePage - 1) &^ (hugePage - 1)
	s := make([]T, int((hugePage+whole)/sz)+1)
	base := unsafe.Pointer(unsafe.SliceData(s))
	gap := (hugePage - uintptr(base)%hugePage) % hugePage
	skip := int((gap + sz - 1) / sz)
	adviseHuge(unsafe.Add(base, gap), whole)
	return s[skip : skip+n : skip+n]
}

// hugePages returns the whole huge pages inside the n bytes at address
// start: the offset of the first from start and their length (0 when
// there is none). Advice on them leaves the pages around the array,
// which other objects may share, alone.
func hugePages(start, n uintptr) (off, length uintptr) {
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := (start + n) &^ (hugePage - 1)
	if hi <= lo {
		return 0, 0
	}
	return lo - start, hi - lo
}

// makeWritten returns make([]T, n) with every byte written once, for a
// table that is read before it is written: an open-addressing table's
// probes, a memo's "not met yet". Memory never touched that is read
// first is mapped to the system's shared page of zeros, and the first
// write to it then takes a second page fault, which also interrupts the
// other cores running the process to drop the old mapping from their
// caches: in a national check such faults, on the tables of numeric
// answers with thousands of values, were 4 % of the CPU. Written first,
// a page takes one fault: the national check took 6 % less time (medians
// of 31 runs side by side).
func makeWritten[T any](n int) []T {
	s := make([]T, n)
	clear(s)
	return s
}
