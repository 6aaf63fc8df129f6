//go:build !linux

package scoring

import "unsafe"

// hugeAdvice says whether makeLarge asks the system for huge pages: only
// Linux is asked (see makeLarge).
const hugeAdvice = false

func adviseHuge(unsafe.Pointer, uintptr) {}
