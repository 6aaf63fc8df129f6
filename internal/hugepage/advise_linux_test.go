package hugepage

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// vma is a mapping of /proc/self/smaps: its range and whether it is
// marked for huge pages (VmFlags "hg").
type vma struct {
	lo, hi uintptr
	huge   bool
}

func mappings(t *testing.T) []vma {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var out []vma
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rng, _, ok := strings.Cut(line, " "); ok && strings.Count(rng, "-") == 1 && !strings.HasSuffix(rng, ":") {
			lo, hi, _ := strings.Cut(rng, "-")
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				out = append(out, vma{lo: uintptr(a), hi: uintptr(b)})
				continue
			}
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(out) > 0 {
			out[len(out)-1].huge = strings.Contains(" "+flags+" ", " hg ")
		}
	}
	return out
}

// TestAdviseMarksOnlyWholeHugePages: the kernel's own account of the
// process's mappings says which ranges are marked for huge pages. After
// Advise of a slice, the marked ranges that were not marked before lie
// inside the slice, on boundaries of Size, and cover every whole huge
// page of it; a slice smaller than a huge page marks nothing.
func TestAdviseMarksOnlyWholeHugePages(t *testing.T) {
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skipf("no transparent huge pages: %v", err)
	} else if strings.Contains(string(b), "[never]") {
		t.Skip("transparent huge pages are off on this machine (never)")
	}
	for _, tc := range []struct {
		name  string
		bytes int
		whole bool // at least one whole huge page lies inside
	}{
		{"smaller than a huge page", Size / 2, false},
		{"three huge pages and a bit", 3*Size + 4096, true},
		{"ten huge pages", 10 * Size, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := map[uintptr]bool{}
			for _, m := range mappings(t) {
				if m.huge {
					before[m.lo] = true
				}
			}
			s := make([]uint64, tc.bytes/8)
			Advise(s)
			lo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
			hi := lo + uintptr(tc.bytes)
			first := (lo + Size - 1) &^ (Size - 1)
			last := hi &^ (Size - 1)
			var marked uintptr
			for _, m := range mappings(t) {
				if !m.huge || before[m.lo] || m.hi <= lo || m.lo >= hi {
					continue
				}
				if m.lo < first || m.hi > last || m.lo%Size != 0 || m.hi%Size != 0 {
					t.Errorf("marked %#x-%#x: outside the whole huge pages %#x-%#x of the slice %#x-%#x", m.lo, m.hi, first, last, lo, hi)
				}
				marked += m.hi - m.lo
			}
			want := uintptr(0)
			if tc.whole {
				want = last - first
			}
			if marked != want {
				t.Errorf("marked %d bytes of the slice, want %d (its whole huge pages)", marked, want)
			}
			s[len(s)-1] = 1 // keep s alive past the reading of smaps
		})
	}
}
