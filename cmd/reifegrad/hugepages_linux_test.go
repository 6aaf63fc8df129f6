//go:build linux

package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHugePagesForTheNextAllocations checks what preferHugePages rests
// on, on the Go this is built with: after it, the next allocation lies in
// memory advised for huge pages ("hg" among the VmFlags of its mapping in
// /proc/self/smaps), and it asks nothing when told not to.
func TestHugePagesForTheNextAllocations(t *testing.T) {
	for _, tc := range []struct {
		name    string
		godebug string
		size    int64
		want    bool
	}{
		{"a small heap keeps its pages", "", minHugeHeap - 1, false},
		{"GODEBUG=disablethp=1 forbids them", "madvdontneed=1,disablethp=1", 64 << 20, false},
		{"the next allocation is advised", "", 64 << 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GODEBUG", tc.godebug)
			got := preferHugePages(tc.size)
			if !tc.want {
				if got {
					t.Fatalf("preferHugePages(%d) with GODEBUG=%q asked for huge pages", tc.size, tc.godebug)
				}
				return
			}
			if !got {
				t.Skip("this kernel refuses MADV_HUGEPAGE (no transparent huge pages)")
			}
			b := make([]byte, 16<<20)
			flags, err := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(" "+flags+" ", " hg ") {
				t.Errorf("a 16 MiB allocation after preferHugePages lies in a mapping without huge-page advice: VmFlags %q", flags)
			}
		})
	}
}

// vmFlags returns the VmFlags line of the mapping holding addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", os.ErrNotExist
}

// mappingRange parses the first line of a mapping in smaps,
// "c000000000-c004000000 rw-p 00000000 00:00 0".
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	addrs, _, found := strings.Cut(line, " ")
	l, h, dash := strings.Cut(addrs, "-")
	if !found || !dash {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
