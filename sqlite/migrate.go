package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema's history: migrations[i] takes the database
// from version i to i+1 (PRAGMA user_version). Never edit one that has
// shipped; append a new one.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE units (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	district   TEXT NOT NULL DEFAULT '',
	population INTEGER NOT NULL DEFAULT 0,
	lon        REAL,
	lat        REAL,
	attrs      TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE codes (
	id         INTEGER PRIMARY KEY,
	unit       TEXT NOT NULL REFERENCES units(id),
	selector   TEXT NOT NULL,
	hash       BLOB NOT NULL,
	issued_at  TEXT NOT NULL,
	revoked_at TEXT
) STRICT;
CREATE UNIQUE INDEX codes_active_selector ON codes(selector) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX codes_active_unit ON codes(unit) WHERE revoked_at IS NULL;

CREATE TABLE admin (
	id            INTEGER PRIMARY KEY CHECK (id = 1),
	password_hash TEXT NOT NULL,
	set_at        TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
	id         BLOB PRIMARY KEY,
	role       TEXT NOT NULL,
	unit       TEXT NOT NULL DEFAULT '',
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_unit ON sessions(unit);

CREATE TABLE waves (
	id        TEXT PRIMARY KEY,
	label     TEXT NOT NULL,
	ord       INTEGER NOT NULL,
	state     TEXT NOT NULL,
	opened_at TEXT,
	closed_at TEXT
) STRICT;

CREATE TABLE sheets (
	wave              TEXT NOT NULL REFERENCES waves(id),
	unit              TEXT NOT NULL REFERENCES units(id),
	version           INTEGER NOT NULL,
	updated_at        TEXT NOT NULL,
	submitted_version INTEGER NOT NULL DEFAULT 0,
	submitted_at      TEXT,
	PRIMARY KEY (wave, unit)
) STRICT, WITHOUT ROWID;

CREATE TABLE answers (
	id         INTEGER PRIMARY KEY,
	wave       TEXT NOT NULL,
	unit       TEXT NOT NULL,
	question   TEXT NOT NULL,
	value      TEXT NOT NULL,
	version    INTEGER NOT NULL,
	at         TEXT NOT NULL,
	actor_role TEXT NOT NULL,
	actor_unit TEXT NOT NULL DEFAULT '',
	addr       TEXT NOT NULL DEFAULT '',
	FOREIGN KEY (wave, unit) REFERENCES sheets(wave, unit)
) STRICT;
CREATE INDEX answers_sheet ON answers(wave, unit, question, version);
CREATE INDEX answers_at ON answers(at);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	actor_role TEXT NOT NULL,
	actor_unit TEXT NOT NULL DEFAULT '',
	addr       TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL,
	wave       TEXT NOT NULL DEFAULT '',
	unit       TEXT NOT NULL DEFAULT '',
	detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_at ON events(at);
CREATE INDEX events_action ON events(action, id);

CREATE TRIGGER answers_never_changed BEFORE UPDATE ON answers
BEGIN SELECT RAISE(ABORT, 'answers are never changed, only superseded'); END;
CREATE TRIGGER answers_never_deleted BEFORE DELETE ON answers
BEGIN SELECT RAISE(ABORT, 'answers are never deleted, only superseded'); END;
CREATE TRIGGER events_never_changed BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is never deleted'); END;
`,
	// 2: the model a sheet was submitted under (scoring.Model.Fingerprint;
	// empty for a submission before this version kept it).
	`ALTER TABLE sheets ADD COLUMN submitted_model TEXT NOT NULL DEFAULT '';`,
}

// migrate brings the schema up to date, each step in its own transaction
// with the version it reaches. A database newer than this program is an
// error: an old binary must not write into a schema it does not know.
func migrate(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("cannot read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this reifegrad knows (%d): use a newer reifegrad", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return nil
}
