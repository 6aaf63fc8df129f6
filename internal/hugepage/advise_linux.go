package hugepage

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Advise asks that the whole huge pages inside s's backing array (up to
// its capacity) be huge pages when they are first written. Call it right
// after make and before writing: pages written already stay small. The
// part before the first and after the last boundary of Size is left as
// it is, so no memory outside s is advised.
func Advise[T any](s []T) {
	var zero T
	n := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if n < Size {
		return
	}
	p := unsafe.Pointer(unsafe.SliceData(s[:cap(s)]))
	skip := (Size - uintptr(p)%Size) % Size
	if n-skip < Size {
		return
	}
	// The result is not checked: a kernel without transparent huge
	// pages says EINVAL, and the array is the same either way.
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), (n-skip)&^(Size-1)), unix.MADV_HUGEPAGE)
}
