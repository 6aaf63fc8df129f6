package scoring

import "testing"

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
