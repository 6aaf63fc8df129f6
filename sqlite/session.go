package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
)

// CreateSession stores a session, removes the expired ones and logs the
// sign-in.
func (db *DB) CreateSession(ctx context.Context, s fieldwork.Session, by fieldwork.Actor) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, stamp(db.now())); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, role, unit, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ID, s.Role.String(), string(s.Unit), s.CSRF, stamp(s.Created), stamp(s.Expires))
		if err != nil {
			return fmt.Errorf("cannot store session: %w", err)
		}
		return db.logTx(ctx, tx, db.now(), fieldwork.Event{Actor: by, Action: fieldwork.ActionSignIn, Unit: s.Unit})
	})
}

// Session returns the session with the given ID that has not expired at
// now, or fieldwork.ErrNotFound.
func (db *DB) Session(ctx context.Context, id []byte, now time.Time) (fieldwork.Session, error) {
	s := fieldwork.Session{ID: id}
	var role, created, expires string
	err := db.r.QueryRowContext(ctx, `SELECT role, unit, csrf, created_at, expires_at FROM sessions WHERE id = ? AND expires_at > ?`,
		id, stamp(now)).Scan(&role, (*string)(&s.Unit), &s.CSRF, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("session: %w", fieldwork.ErrNotFound)
	}
	if err != nil {
		return s, fmt.Errorf("cannot read session: %w", err)
	}
	if s.Role, err = fieldwork.ParseRole(role); err != nil {
		return s, err
	}
	s.Created = parseStamp(sql.NullString{String: created, Valid: true})
	s.Expires = parseStamp(sql.NullString{String: expires, Valid: true})
	return s, nil
}

// DeleteSession ends a session; ending one that does not exist is no
// error.
func (db *DB) DeleteSession(ctx context.Context, id []byte) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
		return err
	})
}
