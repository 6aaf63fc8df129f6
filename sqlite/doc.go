// Package sqlite is the store of 'reifegrad serve': units, access codes,
// sessions, waves, sheets and the audit log in one SQLite file, through the
// pure-Go driver modernc.org/sqlite (no C compiler, no other service).
//
// The database runs in WAL mode with synchronous=FULL: a save that was
// acknowledged is on disk, even if the process is killed or the machine
// loses power right after. Writes go through one connection, one
// transaction per call (BEGIN IMMEDIATE, so two writers never deadlock on
// upgrading a read lock), except that saves arriving together share one
// transaction, each in its own savepoint (group commit, see DB.Save);
// reads use a pool of read-only connections that WAL lets run beside the
// writer. The schema is versioned in this package
// (migrations, applied in order and recorded in PRAGMA user_version).
//
// Answers and audit events are never updated or deleted — triggers refuse
// it: a change appends a row, so every earlier state of a sheet can be
// rebuilt and the answer history is the audit trail.
//
// DB implements fieldwork.Store and is safe for concurrent use.
package sqlite
