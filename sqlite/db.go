package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/reifegrad/reifegrad/fieldwork"
)

// DB is the store in one SQLite file. It is safe for concurrent use.
type DB struct {
	path string
	w    *sql.DB // the one writing connection
	r    *sql.DB // read-only connections
	// now is the clock; tests set it.
	now func() time.Time
	// saves queue for the saver goroutine, which commits them in
	// groups (see Save). Close closes the queue under mu, so that no
	// save is queued after it and none is left unanswered.
	saves     chan *saveJob
	saverDone chan struct{}
	mu        sync.RWMutex
	closed    bool
}

var errClosed = errors.New("database closed")

var _ fieldwork.Store = (*DB)(nil)

// ErrNoDatabase: Open found no database file (run 'serve init' first).
var ErrNoDatabase = errors.New("no database")

// Open opens the database at path and brings its schema up to date. With
// create set, a missing file is created; without, it is ErrNoDatabase.
func Open(ctx context.Context, path string, create bool) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) && !create {
		return nil, fmt.Errorf("%s: %w (run 'reifegrad serve init' first)", path, ErrNoDatabase)
	}
	mode := "rw"
	if create {
		mode = "rwc"
	}
	// WAL lets readers run beside the writer; FULL syncs the WAL on every
	// commit, so an acknowledged save survives a crash or power loss. The
	// busy timeout covers another process (a backup, 'serve codes') that
	// holds the write lock for a moment.
	common := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	uri := (&url.URL{Scheme: "file", Opaque: (&url.URL{Path: abs}).EscapedPath()}).String()
	w, err := sql.Open("sqlite", uri+"?mode="+mode+"&_pragma=journal_mode(WAL)&_txlock=immediate&"+common)
	if err != nil {
		return nil, fmt.Errorf("cannot open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w, now: time.Now}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r, err := sql.Open("sqlite", uri+"?mode=ro&"+common)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("cannot open database: %w", err)
	}
	r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	db.r = r
	db.saves, db.saverDone = make(chan *saveJob, maxBatch), make(chan struct{})
	go db.saver()
	return db, nil
}

// Close finishes the saves under way and closes the database; a clean
// close folds the WAL into the file. Saves after Close fail.
func (db *DB) Close() error {
	db.mu.Lock()
	if !db.closed {
		db.closed = true
		close(db.saves)
	}
	db.mu.Unlock()
	<-db.saverDone
	return errors.Join(db.r.Close(), db.w.Close())
}

// SetClock replaces the clock, for tests of expiry and ordering.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// timeFormat is how times are stored: UTC with fixed width, so that text
// order is time order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func stamp(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseStamp(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeFormat, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// write runs fn in one write transaction and commits it, or rolls it back
// when fn fails.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cannot begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cannot commit: %w", err)
	}
	return nil
}

// logTx appends an audit event inside a write transaction.
func (db *DB) logTx(ctx context.Context, tx *sql.Tx, at time.Time, e fieldwork.Event) error {
	role := ""
	if e.Actor.Role != 0 {
		role = e.Actor.Role.String()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (at, actor_role, actor_unit, addr, action, wave, unit, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, stamp(at), role, string(e.Actor.Unit), e.Actor.Addr, string(e.Action),
		string(e.Wave), string(e.Unit), e.Detail)
	if err != nil {
		return fmt.Errorf("cannot write the audit log: %w", err)
	}
	return nil
}
