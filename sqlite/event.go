package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/reifegrad/reifegrad/fieldwork"
)

// Log appends an event to the audit log, stamped now.
func (db *DB) Log(ctx context.Context, e fieldwork.Event) error {
	return db.write(ctx, func(tx *sql.Tx) error { return db.logTx(ctx, tx, db.now(), e) })
}

// Events reads the audit log, newest first: the events and the answer
// history together.
func (db *DB) Events(ctx context.Context, f fieldwork.EventFilter) ([]fieldwork.Event, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	// The page continues after the key f.Before, in the order (at, src,
	// id) descending: events of the key's time come after it too, where
	// "at < before" skipped those not yet shown. Each branch is ordered
	// and limited on its own, so that it reads the index on at rather
	// than sorting the whole log.
	before, src, id := "9999", 0, int64(0)
	if k := f.Before; !k.At.IsZero() {
		before, id = stamp(k.At), k.Seq
		if k.Answer {
			src = 1
		}
	}
	rows, err := db.r.QueryContext(ctx, `
		SELECT at, actor_role, actor_unit, addr, action, wave, unit, question, value, version, id, src FROM (
			SELECT * FROM (SELECT at, actor_role, actor_unit, addr, 'answer' AS action, wave, unit, question, value, version, id, 1 AS src
				FROM answers WHERE (at < ?1 OR at = ?1 AND (1 < ?4 OR 1 = ?4 AND id < ?5)) AND (?2 = '' OR unit = ?2)
				ORDER BY at DESC, id DESC LIMIT ?3)
			UNION ALL
			SELECT * FROM (SELECT at, actor_role, actor_unit, addr, action, wave, unit, '', detail, 0, id, 0
				FROM events WHERE (at < ?1 OR at = ?1 AND (0 < ?4 OR 0 = ?4 AND id < ?5)) AND (?2 = '' OR unit = ?2 OR actor_unit = ?2)
				ORDER BY at DESC, id DESC LIMIT ?3)
		) ORDER BY at DESC, src DESC, id DESC LIMIT ?3`, before, string(f.Unit), limit, src, id)
	if err != nil {
		return nil, fmt.Errorf("cannot read the audit log: %w", err)
	}
	defer rows.Close()
	var out []fieldwork.Event
	for rows.Next() {
		var e fieldwork.Event
		var at, role, action, value string
		var src int
		if err := rows.Scan(&at, &role, &e.Actor.Unit, &e.Actor.Addr, &action, &e.Wave, &e.Unit, &e.Question, &value, &e.Version, &e.Key.Seq, &src); err != nil {
			return nil, err
		}
		e.At = parseStamp(sql.NullString{String: at, Valid: true})
		e.Key.At, e.Key.Answer = e.At, src == 1
		if role != "" {
			if e.Actor.Role, err = fieldwork.ParseRole(role); err != nil {
				return nil, err
			}
		}
		e.Action = fieldwork.Action(action)
		if e.Action == fieldwork.ActionAnswer {
			e.New = value
		} else {
			e.Detail = value
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of the database to path, which must not
// exist, while others go on reading and writing (VACUUM INTO reads one
// snapshot). The copy is compact and has no WAL.
//
// Backup only reads: it does not record the copy in the audit log. The
// caller does, with Log, once the copy is where it stays. A backup of a
// busy server may wait longer for the write lock than the busy timeout
// (the server's saver takes it again at once), and a good copy must not
// turn into an error for want of its log entry.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := db.r.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("cannot back up to %s: %w", path, err)
	}
	return nil
}
