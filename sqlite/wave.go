package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// Waves returns every wave, in order.
func (db *DB) Waves(ctx context.Context) ([]fieldwork.Wave, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, label, ord, state, opened_at, closed_at FROM waves ORDER BY ord, id`)
	if err != nil {
		return nil, fmt.Errorf("cannot read waves: %w", err)
	}
	defer rows.Close()
	var out []fieldwork.Wave
	for rows.Next() {
		var w fieldwork.Wave
		var state string
		var opened, closed sql.NullString
		if err := rows.Scan(&w.ID, &w.Label, &w.Order, &state, &opened, &closed); err != nil {
			return nil, err
		}
		if w.State, err = fieldwork.ParseWaveState(state); err != nil {
			return nil, fmt.Errorf("wave %s: %w", w.ID, err)
		}
		w.OpenedAt, w.ClosedAt = parseStamp(opened), parseStamp(closed)
		out = append(out, w)
	}
	return out, rows.Err()
}

// CreateWave adds a planned wave after the existing ones (its Order is
// ignored). An ID that fieldwork.ValidWaveID refuses is
// fieldwork.ErrBadWaveID.
func (db *DB) CreateWave(ctx context.Context, w scoring.Wave, by fieldwork.Actor) error {
	if !fieldwork.ValidWaveID(w.ID) {
		return fmt.Errorf("wave %q: %w", w.ID, fieldwork.ErrBadWaveID)
	}
	if w.Label == "" {
		w.Label = string(w.ID)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM waves WHERE id = ?`, string(w.ID)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("wave %s: %w", w.ID, fieldwork.ErrExists)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO waves (id, label, ord, state)
			VALUES (?, ?, (SELECT coalesce(max(ord), 0) + 1 FROM waves), ?)`,
			string(w.ID), w.Label, fieldwork.WavePlanned.String()); err != nil {
			return fmt.Errorf("wave %s: %w", w.ID, err)
		}
		return db.logTx(ctx, tx, db.now(), fieldwork.Event{Actor: by, Action: fieldwork.ActionWaveCreate, Wave: w.ID, Detail: w.Label})
	})
}

// SetWaveState opens or closes a wave. A closed wave may be opened again
// (to extend it); a wave cannot go back to planned. Opening a wave while
// another one is open is fieldwork.ErrOtherWaveOpen.
func (db *DB) SetWaveState(ctx context.Context, id scoring.WaveID, s fieldwork.WaveState, by fieldwork.Actor) error {
	var action fieldwork.Action
	var column string
	switch s {
	case fieldwork.WaveOpen:
		action, column = fieldwork.ActionWaveOpen, "opened_at"
	case fieldwork.WaveClosed:
		action, column = fieldwork.ActionWaveClose, "closed_at"
	default:
		return fmt.Errorf("wave %s: cannot set state %s", id, s)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT state FROM waves WHERE id = ?`, string(id)).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("wave %s: %w", id, fieldwork.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if cur == s.String() {
			return nil
		}
		if s == fieldwork.WaveOpen {
			var other string
			err := tx.QueryRowContext(ctx, `SELECT id FROM waves WHERE state = ? AND id <> ?`, s.String(), string(id)).Scan(&other)
			if err == nil {
				return fmt.Errorf("wave %s: %w: %s", id, fieldwork.ErrOtherWaveOpen, other)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE waves SET state = ?, `+column+` = ? WHERE id = ?`, s.String(), stamp(now), string(id)); err != nil {
			return err
		}
		return db.logTx(ctx, tx, now, fieldwork.Event{Actor: by, Action: action, Wave: id})
	})
}

// waveStateTx returns the state of a wave inside a transaction.
func waveStateTx(ctx context.Context, tx *sql.Tx, id scoring.WaveID) (fieldwork.WaveState, error) {
	var cur string
	err := tx.QueryRowContext(ctx, `SELECT state FROM waves WHERE id = ?`, string(id)).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("wave %s: %w", id, fieldwork.ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	return fieldwork.ParseWaveState(cur)
}
