package survey

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReserveResponses: a file read from disk makes room for its rows once,
// judged by its size and its first rows, instead of doubling the responses
// from nothing (1,100 rows: room for 1,815 after five copies). A reader
// that cannot say its size grows as before; either way every row is read.
func TestReserveResponses(t *testing.T) {
	m := mustModel(t)
	const rows = 1100
	var b strings.Builder
	b.WriteString("AGS;Gemeinde;S01;S02\n")
	for i := range rows {
		fmt.Fprintf(&b, "99%06d;Gemeinde %05d;ja;\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "umfrage.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every row has the same length: the estimate is the rows and the
	// header's share of one, and an eighth more, and reserveAfter.
	most := rows + rows/8 + reserveAfter + 2
	for _, tc := range []struct {
		name       string
		file       bool
		least, max int
	}{
		{"file", true, rows, most},
		{"reader without a size", false, rows, 2 * rows},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var in interface{ Read([]byte) (int, error) } = f
			if !tc.file {
				in = readerOnly{f}
			}
			ds, err := Read(in, "umfrage.csv", m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != rows || len(ds.Rejects) != 0 {
				t.Fatalf("%d responses, %d rejects, want %d and 0", len(ds.Responses), len(ds.Rejects), rows)
			}
			if c := cap(ds.Responses); c < tc.least || c > tc.max {
				t.Errorf("room for %d responses, want %d to %d", c, tc.least, tc.max)
			}
		})
	}
}

// readerOnly reads a file without saying its size.
type readerOnly struct{ f *os.File }

func (r readerOnly) Read(p []byte) (int, error) { return r.f.Read(p) }
