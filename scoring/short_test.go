package scoring

import (
	"math/rand/v2"
	"testing"
)

// TestShortAgainstStates: short, which reads eight nodes' flags at once,
// marks exactly the bytes that, read alone, have the state Missing or
// NotRated — for every byte value in every place of a word of Scored
// nodes, and on words of random bytes.
func TestShortAgainstStates(t *testing.T) {
	want := func(bs [8]byte) uint64 {
		var m uint64
		for i, b := range bs {
			if st := State(b & stateBits); st == Missing || st == NotRated {
				m |= 1 << (8 * i)
			}
		}
		return m
	}
	word := func(bs [8]byte) uint64 {
		var x uint64
		for i, b := range bs {
			x |= uint64(b) << (8 * i)
		}
		return x
	}
	var bs [8]byte
	for place := range 8 {
		for b := range 256 {
			bs = [8]byte{coveredFlag, keptFlag, imputedFlag | coveredFlag, 0, keptFlag, 0, coveredFlag, 0}
			bs[place] = byte(b)
			if got := short(word(bs)); got != want(bs) {
				t.Fatalf("byte %#02x at %d of %v: short %#x, want %#x", b, place, bs, got, want(bs))
			}
		}
	}
	r := rand.New(rand.NewPCG(8, 8))
	for range 100000 {
		for i := range bs {
			bs[i] = byte(r.IntN(256))
		}
		if got := short(word(bs)); got != want(bs) {
			t.Fatalf("%v: short %#x, want %#x", bs, got, want(bs))
		}
	}
}
