package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCreateOutputs stages n empty profiles and commits them, as a
// run of n units does, and reports the cost per file: it stays flat from
// 10,000 to 100,000 files when naming and creating an output does not
// grow with the outputs before it.
func BenchmarkCreateOutputs(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var create, total time.Duration
			for b.Loop() {
				dir := filepath.Join(b.TempDir(), "out")
				o, err := newOutputs(context.Background(), dir, nil, nil)
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				for i := range n {
					w, err := o.Create(fmt.Sprintf("profiles/%08d.html", i))
					if err != nil {
						b.Fatal(err)
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
				create += time.Since(t0)
				if err := o.Commit(nil); err != nil {
					b.Fatal(err)
				}
				total += time.Since(t0)
			}
			b.ReportMetric(float64(create.Microseconds())/float64(b.N*n), "create-µs/file")
			b.ReportMetric(float64(total.Microseconds())/float64(b.N*n), "total-µs/file")
		})
	}
}
