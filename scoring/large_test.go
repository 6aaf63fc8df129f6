package scoring

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestHugePages(t *testing.T) {
	const hp = hugePage
	for _, c := range []struct {
		start, n    uintptr
		off, length uintptr
	}{
		{0, hp, 0, hp},
		{0, hp - 1, 0, 0},
		{1, hp, 0, 0},                      // crosses a boundary, holds no whole page
		{1, 2 * hp, hp - 1, hp},            // the page from the boundary on
		{5 * hp, 3*hp + 4096, 0, 3 * hp},   // the tail past the last whole page is left
		{5*hp - 16, 2*hp + 16, 16, 2 * hp}, // starts 16 bytes before a boundary
		{7 * hp, 0, 0, 0},
	} {
		off, length := hugePages(c.start, c.n)
		if off != c.off || length != c.length {
			t.Errorf("hugePages(%#x, %#x) = %#x, %#x, want %#x, %#x", c.start, c.n, off, length, c.off, c.length)
		}
	}
}

// TestMakeLarge checks makeLarge's arrays: of the length asked, zero,
// apart from each other, and, where huge pages are asked for, starting
// less than one element past a huge page's boundary.
func TestMakeLarge(t *testing.T) {
	type odd [3]byte                                 // a size that divides no boundary
	type unitSized [unsafe.Sizeof(UnitResult{})]byte // as large as a unit's result (656 bytes)
	const us = int(unsafe.Sizeof(unitSized{}))
	for _, n := range []int{0, 1, 1000, hugePage/2/us - 1, hugePage / 2 / us, hugePage/us + 1, 3*hugePage/us + 7} {
		check(t, "unitSized", n, makeLarge[unitSized](n), uintptr(us))
	}
	for _, n := range []int{hugePage/2 - 1, hugePage / 2, hugePage + 1, 5 * hugePage} {
		check(t, "uint8", n, makeLarge[uint8](n), 1)
		check(t, "odd", n, makeLarge[odd](n), 3)
		check(t, "float64", n, makeLarge[float64](n), 8)
	}
}

func check[T comparable](t *testing.T, name string, n int, s []T, sz uintptr) {
	t.Helper()
	if len(s) != n || cap(s) != n {
		t.Fatalf("makeLarge[%s](%d): len %d, cap %d", name, n, len(s), cap(s))
	}
	var zero T
	for i := range s {
		if s[i] != zero {
			t.Fatalf("makeLarge[%s](%d)[%d] is not zero", name, n, i)
		}
	}
	if !hugeAdvice || uintptr(n)*sz < hugePage/2 {
		return
	}
	if past := uintptr(unsafe.Pointer(unsafe.SliceData(s))) % hugePage; past >= sz {
		t.Errorf("makeLarge[%s](%d) starts %d bytes past a huge page's boundary, want less than %d", name, n, past, sz)
	}
	// Every element can be written without touching another array.
	other := makeLarge[T](n)
	for i := range s {
		s[i] = *new(T)
	}
	if &other[0] == &s[0] {
		t.Fatalf("makeLarge[%s](%d) returned the same array twice", name, n)
	}
}

// TestMakeLargeAdvised reads from the system that a large array's memory
// may be backed by huge pages (/proc/self/smaps: THPeligible), where the
// system gives huge pages to memory that asks for them.
func TestMakeLargeAdvised(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("huge pages are asked for on Linux only")
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") && !strings.Contains(string(mode), "[always]") {
		t.Skipf("this system gives no huge pages on request (%q, %v)", strings.TrimSpace(string(mode)), err)
	}
	s := makeLarge[float64](3 * hugePage / 8)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	eligible, found := thpEligible(t, addr)
	if !found {
		t.Fatalf("no mapping in /proc/self/smaps holds %#x", addr)
	}
	if !eligible {
		t.Errorf("the mapping that holds makeLarge's array at %#x is not eligible for huge pages", addr)
	}
	runtime.KeepAlive(s)
}

// thpEligible reports the THPeligible line of the mapping holding addr.
func thpEligible(t *testing.T, addr uintptr) (eligible, found bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("cannot read the mappings: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line + " ")[0], "-"); ok && !strings.HasSuffix(line, ":") && !strings.Contains(lo, ":") {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(addr) >= a && uint64(addr) < b
				continue
			}
		}
		if in && strings.HasPrefix(line, "THPeligible:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "THPeligible:")) == "1", true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(fmt.Errorf("reading /proc/self/smaps: %w", err))
	}
	return false, false
}

func TestMakeWritten(t *testing.T) {
	for _, n := range []int{0, 1, 8, 4096, 1 << 17} {
		s := makeWritten[answerSlot](n)
		if len(s) != n || cap(s) < n {
			t.Fatalf("makeWritten(%d): len %d, cap %d", n, len(s), cap(s))
		}
		for i, sl := range s {
			if sl != (answerSlot{}) {
				t.Fatalf("makeWritten(%d)[%d] = %+v, want zero", n, i, sl)
			}
		}
	}
}
