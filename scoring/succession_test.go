package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestSuccessionIndex checks resolve through the index against following
// the list itself, the first fitting succession in list order at each
// step: chains, loops (which the tables, each checked on its own, can
// make together), units that moved twice, windows of every kind.
func TestSuccessionIndex(t *testing.T) {
	scan := func(ss []Succession, id UnitID, from, to time.Time) UnitID {
		seen := map[UnitID]bool{id: true}
		for {
			next := id
			for _, s := range ss {
				if s.From == id && s.Date.After(from) && !s.Date.After(to) {
					next = s.To
					break
				}
			}
			if next == id || seen[next] {
				return id
			}
			seen[next] = true
			id = next
		}
	}
	r := rand.New(rand.NewPCG(2, 9))
	day := func() time.Time { return time.Date(2020, 1, 1+r.IntN(6*365), 0, 0, 0, 0, time.UTC) }
	moved := 0
	for range 300 {
		units := 2 + r.IntN(12)
		id := func() UnitID { return UnitID(fmt.Sprintf("U%02d", r.IntN(units))) }
		ss := make([]Succession, r.IntN(3*units))
		for i := range ss {
			ss[i] = Succession{From: id(), To: id(), Date: day()}
		}
		x := indexSuccessions(ss)
		for range 20 {
			u, from, to := id(), day(), day()
			if r.IntN(4) == 0 {
				from = time.Time{}
			}
			want := scan(ss, u, from, to)
			if got := x.resolve(u, from, to); got != want {
				t.Fatalf("%v: %s from %v to %v resolves to %s, want %s", ss, u, from, to, got, want)
			}
			if want != u {
				moved++
			}
		}
	}
	if moved < 1000 {
		t.Errorf("only %d of 6,000 units moved: the test follows too few chains", moved)
	}
}
