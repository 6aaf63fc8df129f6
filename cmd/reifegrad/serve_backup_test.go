package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
)

// TestServeBackupWhileServing: 'serve backup' runs while municipalities
// save. Each copy opens on its own and is one moment of the database:
// every sheet's version matches its answers exactly, none half-saved.
func TestServeBackupWhileServing(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	ids, _ := exampleSheets(t, 8)
	var stop atomic.Bool
	var wg sync.WaitGroup
	saves := atomic.Int64{}
	for _, id := range ids {
		c := f.client(t)
		c.signIn(f.codes[id])
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := 0; !stop.Load() && v < 400; v++ {
				// Two answers per save: a copy must hold both or neither.
				val := []string{"ja", "nein"}[v%2]
				st, body := c.save(v, map[string][]string{"S01": {val}, "S02": {val}})
				if st != http.StatusOK || !strings.Contains(body, `"version":`) {
					t.Errorf("%s: save %d: %d %s", id, v, st, body)
					return
				}
				saves.Add(1)
			}
		}()
	}
	var copies []string
	for i := range 3 {
		out := filepath.Join(f.dir, "kopie"+string(rune('a'+i))+".db")
		MustRunIn(t, "", "-c", repoConfig, "serve", "backup", "--db", f.dbPath, "-o", out, "-q")
		copies = append(copies, out)
	}
	stop.Store(true)
	wg.Wait()
	if saves.Load() == 0 {
		t.Fatal("no save ran beside the backups")
	}
	ctx := context.Background()
	for _, cp := range copies {
		db, err := sqlite.Open(ctx, cp, false)
		if err != nil {
			t.Fatalf("%s: %v", cp, err)
		}
		for _, id := range ids {
			s, err := db.Sheet(ctx, "2028", scoring.UnitID(id))
			if err != nil {
				t.Fatal(err)
			}
			evs, err := db.Events(ctx, fieldwork.EventFilter{Unit: scoring.UnitID(id), Limit: 10000})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range evs {
				if e.Action == fieldwork.ActionAnswer {
					n++
				}
			}
			// Every save changes both answers: two rows per version.
			if n != 2*s.Version || (s.Version > 0 && s.Answers["S01"] != s.Answers["S02"]) {
				t.Errorf("%s, %s: version %d with %d answer rows, S01=%q S02=%q: not one moment", cp, id, s.Version, n, s.Answers["S01"], s.Answers["S02"])
			}
		}
		db.Close()
	}
	_, stderr, code := MustRun(t, "-c", repoConfig, "serve", "backup", "--db", f.dbPath, "-o", copies[0])
	if code == 0 || !strings.Contains(stderr, "exists") {
		t.Errorf("backup over an existing file: exit %d, %s", code, stderr)
	}
}
