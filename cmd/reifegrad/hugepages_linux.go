//go:build linux

package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
)

// preferHugePages asks Linux to back the next size bytes of the heap with
// transparent huge pages (2 MiB instead of 4 KiB) and reports whether it
// did. The kernel grants them on request where
// /sys/kernel/mm/transparent_hugepage/enabled says "madvise" (Debian's
// and most distributions' default) or "always"; where it says "never" the
// request changes nothing.
//
// Why: reading and scoring the national data fills about 140 MiB of heap
// that stays live until the process ends. With 4 KiB pages every first
// write to a page is a fault: 37,700 faults, 0.10–0.15 s of kernel time in
// a 'reifegrad check' of 0.30 s CPU and 0.15 s wall. With huge pages there
// are about 2,500 (BENCHMARKS.md has the ratios).
//
// How: Go's heap has no such setting. Go 1.21.1 stopped asking for huge
// pages because the sparse heap of a long-running server grew (and
// GODEBUG=disablethp=1 forbids them); the heap of a run or a check is
// dense and only grows while the inputs are read and scored. So this
// makes the runtime map the memory the next allocations will use: it
// allocates size bytes (fresh from the system, untouched, so costing
// little), advises the kernel on their range, and frees them in a
// collection of the still small heap (1.3–1.9 ms). Go's page allocator
// hands out the lowest free addresses first, so what is allocated next
// lands in the advised range (TestHugePagesForTheNextAllocations checks
// that on the Go it is built with).
func preferHugePages(size int64) bool {
	if size < minHugeHeap || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return false
	}
	if !adviseHuge(size) {
		return false
	}
	runtime.GC() // the allocation is garbage now: free its pages for what comes next
	return true
}

// adviseHuge allocates size bytes and advises huge pages for them; the
// allocation is garbage when it returns.
func adviseHuge(size int64) bool {
	b := make([]byte, size)
	return syscall.Madvise(b, syscall.MADV_HUGEPAGE) == nil
}
