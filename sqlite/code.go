package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// IssueCodes gives each of the units a new access code, in one
// transaction, and returns the codes in plain text: the only time they
// exist. A unit that has an active code keeps it unless reissue is set;
// then the old code is revoked and the unit's sessions end. nil units
// means every unit. Codes are drawn from rand (crypto/rand.Reader outside
// tests).
func (db *DB) IssueCodes(ctx context.Context, units []scoring.UnitID, reissue bool, rand io.Reader, by fieldwork.Actor) ([]fieldwork.IssuedCode, error) {
	var out []fieldwork.IssuedCode
	err := db.write(ctx, func(tx *sql.Tx) error {
		out = nil
		ids, err := db.unitIDs(ctx, tx, units)
		if err != nil {
			return err
		}
		now := db.now()
		for _, id := range ids {
			var active int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM codes WHERE unit = ? AND revoked_at IS NULL`, string(id)).Scan(&active); err != nil {
				return err
			}
			if active > 0 && !reissue {
				continue
			}
			if active > 0 {
				if err := db.revokeTx(ctx, tx, id, by); err != nil {
					return err
				}
			}
			c, err := db.newCodeTx(ctx, tx, rand)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO codes (unit, selector, hash, issued_at) VALUES (?, ?, ?, ?)`,
				string(id), c.Selector(), c.Hash(), stamp(now)); err != nil {
				return fmt.Errorf("unit %s: cannot store code: %w", id, err)
			}
			if err := db.logTx(ctx, tx, now, fieldwork.Event{Actor: by, Action: fieldwork.ActionCodeIssue, Unit: id}); err != nil {
				return err
			}
			out = append(out, fieldwork.IssuedCode{Unit: id, Code: c})
		}
		return nil
	})
	return out, err
}

// newCodeTx draws a code whose selector no active code has.
func (db *DB) newCodeTx(ctx context.Context, tx *sql.Tx, rand io.Reader) (fieldwork.Code, error) {
	for range 100 {
		c, err := fieldwork.NewCode(rand)
		if err != nil {
			return "", err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM codes WHERE selector = ? AND revoked_at IS NULL`, c.Selector()).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return c, nil
		}
	}
	return "", errors.New("cannot draw a code with a free selector (is the random source broken?)")
}

// unitIDs checks that every unit exists; nil means all units.
func (db *DB) unitIDs(ctx context.Context, tx *sql.Tx, units []scoring.UnitID) ([]scoring.UnitID, error) {
	if units == nil {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM units ORDER BY id`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var ids []scoring.UnitID
		for rows.Next() {
			var id scoring.UnitID
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var missing []error
	for _, id := range units {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE id = ?`, string(id)).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			missing = append(missing, fmt.Errorf("unit %s: %w", id, fieldwork.ErrNotFound))
		}
	}
	return units, errors.Join(missing...)
}

// RevokeCodes revokes the active code of each unit and ends its sessions.
// A unit without an active code is left as it is.
func (db *DB) RevokeCodes(ctx context.Context, units []scoring.UnitID, by fieldwork.Actor) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		ids, err := db.unitIDs(ctx, tx, units)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := db.revokeTx(ctx, tx, id, by); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) revokeTx(ctx context.Context, tx *sql.Tx, id scoring.UnitID, by fieldwork.Actor) error {
	now := db.now()
	res, err := tx.ExecContext(ctx, `UPDATE codes SET revoked_at = ? WHERE unit = ? AND revoked_at IS NULL`, stamp(now), string(id))
	if err != nil {
		return fmt.Errorf("unit %s: cannot revoke code: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE role = 'unit' AND unit = ?`, string(id)); err != nil {
		return err
	}
	return db.logTx(ctx, tx, now, fieldwork.Event{Actor: by, Action: fieldwork.ActionCodeRevoke, Unit: id})
}

// dummyHash is compared against when no code has the selector, so that an
// unknown code takes as long as a wrong one.
var dummyHash = fieldwork.Code("00000000000000000000").Hash()

// SignIn returns the unit whose active code c is, or fieldwork.ErrSignIn
// for a wrong, unknown or revoked code alike.
func (db *DB) SignIn(ctx context.Context, c fieldwork.Code) (scoring.UnitID, error) {
	var unit scoring.UnitID
	var hash []byte
	err := db.r.QueryRowContext(ctx, `SELECT unit, hash FROM codes WHERE selector = ? AND revoked_at IS NULL`, c.Selector()).Scan(&unit, &hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		c.Matches(dummyHash)
		return "", fieldwork.ErrSignIn
	case err != nil:
		return "", fmt.Errorf("cannot check code: %w", err)
	case !c.Matches(hash):
		return "", fieldwork.ErrSignIn
	}
	return unit, nil
}

// SetPassword stores the association's password hash (from
// fieldwork.HashPassword) and ends every admin session.
func (db *DB) SetPassword(ctx context.Context, hash string, by fieldwork.Actor) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO admin (id, password_hash, set_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, set_at = excluded.set_at`, hash, stamp(now)); err != nil {
			return fmt.Errorf("cannot store password: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE role = 'admin'`); err != nil {
			return err
		}
		return db.logTx(ctx, tx, now, fieldwork.Event{Actor: by, Action: fieldwork.ActionPassword})
	})
}

// PasswordHash returns the association's password hash, or
// fieldwork.ErrNotFound before one is set.
func (db *DB) PasswordHash(ctx context.Context) (string, error) {
	var h string
	err := db.r.QueryRowContext(ctx, `SELECT password_hash FROM admin WHERE id = 1`).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("password: %w", fieldwork.ErrNotFound)
	}
	return h, err
}
