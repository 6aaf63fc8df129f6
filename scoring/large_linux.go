package scoring

import (
	"syscall"
	"unsafe"
)

// hugeAdvice says whether makeLarge asks the system for huge pages.
const hugeAdvice = true

// adviseHuge asks the system to back the whole huge pages of the n bytes
// at p with huge pages. An error (a kernel without transparent huge
// pages says EINVAL) changes nothing but the page size, so it is not
// reported.
func adviseHuge(p unsafe.Pointer, n uintptr) {
	off, length := hugePages(uintptr(p), n)
	if length == 0 {
		return
	}
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, off)), length), syscall.MADV_HUGEPAGE)
}
