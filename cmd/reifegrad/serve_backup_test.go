package main

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"slices"
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

// TestServeBackupAuditLogBusy: a server that saves without pause can hold
// the database's write lock past the busy timeout (seen under -race in
// TestServeBackupWhileServing). The copy, which only reads, is complete by
// then: 'serve backup' keeps it, exits 0 and warns that the audit log does
// not record it — it used to delete the good copy and exit 1 with
// "database is locked". With the lock free, the log records the copy
// where it stays, not the temporary file it was written to.
func TestServeBackupAuditLogBusy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reifegrad.db")
	MustRunIn(t, testPassword+"\n", "-c", repoConfig, "serve", "init", "--db", path, "-q")
	ctx := context.Background()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	holder, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	busy := filepath.Join(dir, "busy.db")
	_, stderr, code := MustRun(t, "-c", repoConfig, "serve", "backup", "--db", path, "-o", busy, "-q")
	if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	holder.Close()
	if code != 0 || !strings.Contains(stderr, "warning: "+busy+" is a complete copy, but the database's audit log could not record it") {
		t.Errorf("backup while the write lock is held: exit %d, stderr %q; want 0 and a warning", code, stderr)
	}
	free := filepath.Join(dir, "free.db")
	if _, stderr, code := MustRun(t, "-c", repoConfig, "serve", "backup", "--db", path, "-o", free, "-q"); code != 0 || stderr != "" {
		t.Errorf("backup with the lock free: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	for _, cp := range []string{busy, free} {
		db, err := sqlite.Open(ctx, cp, false)
		if err != nil {
			t.Errorf("%s: %v", cp, err)
			continue
		}
		units, err := db.Units(ctx)
		if err != nil || len(units) != 419 {
			t.Errorf("%s: %d units, %v; want Saxony's 419", cp, len(units), err)
		}
		db.Close()
	}
	db, err := sqlite.Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := db.Events(ctx, fieldwork.EventFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	for _, e := range evs {
		if e.Action == fieldwork.ActionBackup {
			logged = append(logged, e.Detail)
		}
	}
	if want := []string{free}; !slices.Equal(logged, want) {
		t.Errorf("backups in the audit log: %q, want %q", logged, want)
	}
}
