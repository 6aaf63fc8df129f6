package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// Sheet returns a unit's sheet with its latest answers; version 0 and no
// answers when nothing was saved yet.
func (db *DB) Sheet(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID) (fieldwork.Sheet, error) {
	s := fieldwork.Sheet{Wave: wave, Unit: unit, Answers: map[scoring.QuestionID]string{}}
	// One read transaction: the sheet row and its answers are of the
	// same moment.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM waves WHERE id = ?) + (SELECT count(*) FROM units WHERE id = ?)`,
		string(wave), string(unit)).Scan(&n); err != nil {
		return s, err
	}
	if n != 2 {
		return s, fmt.Errorf("sheet %s/%s: %w", wave, unit, fieldwork.ErrNotFound)
	}
	var updated, submitted sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT version, updated_at, submitted_version, submitted_at FROM sheets WHERE wave = ? AND unit = ?`,
		string(wave), string(unit)).Scan(&s.Version, &updated, &s.SubmittedVersion, &submitted)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("cannot read sheet: %w", err)
	}
	s.Updated, s.Submitted = parseStamp(updated), parseStamp(submitted)
	rows, err := tx.QueryContext(ctx, `SELECT question, value FROM answers WHERE wave = ? AND unit = ? ORDER BY id`, string(wave), string(unit))
	if err != nil {
		return s, fmt.Errorf("cannot read answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q scoring.QuestionID
		var v string
		if err := rows.Scan(&q, &v); err != nil {
			return s, err
		}
		setAnswer(s.Answers, q, v)
	}
	return s, rows.Err()
}

// setAnswer applies one answer row: a later row supersedes an earlier one,
// and an empty value clears the answer.
func setAnswer(answers map[scoring.QuestionID]string, q scoring.QuestionID, v string) {
	if v == "" {
		delete(answers, q)
	} else {
		answers[q] = v
	}
}

// Save applies changes to the sheet at version base and returns the new
// version; see fieldwork.Store. The save is atomic: its own savepoint,
// undone whole when it fails. Saves that arrive while another commits
// share the next commit (group commit): one sync of the log for many
// saves, each acknowledged only once that commit is on disk.
func (db *DB) Save(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID, base int, changes []fieldwork.Change, by fieldwork.Actor) (int, error) {
	seen := make(map[scoring.QuestionID]bool, len(changes))
	for _, c := range changes {
		if seen[c.Question] {
			return 0, fmt.Errorf("question %s changed twice in one save", c.Question)
		}
		seen[c.Question] = true
	}
	j := &saveJob{ctx: ctx, wave: wave, unit: unit, base: base, changes: changes, by: by, done: make(chan struct{})}
	db.mu.RLock()
	if db.closed {
		db.mu.RUnlock()
		return 0, errClosed
	}
	select {
	case db.saves <- j:
	case <-ctx.Done():
		db.mu.RUnlock()
		return 0, ctx.Err()
	}
	db.mu.RUnlock()
	// Once queued, the save may commit: wait for the outcome whatever
	// the context does, so that the answer is never a guess.
	<-j.done
	return j.version, j.err
}

// saveJob is a save waiting for the saver.
type saveJob struct {
	ctx     context.Context
	wave    scoring.WaveID
	unit    scoring.UnitID
	base    int
	changes []fieldwork.Change
	by      fieldwork.Actor
	version int
	err     error
	done    chan struct{}
}

// maxBatch bounds how many saves share a commit.
const maxBatch = 128

// saver commits queued saves, those that queued up while it was busy
// together, until the queue is closed.
func (db *DB) saver() {
	defer close(db.saverDone)
	for j := range db.saves {
		batch := []*saveJob{j}
	more:
		for len(batch) < maxBatch {
			select {
			case j, ok := <-db.saves:
				if !ok {
					break more
				}
				batch = append(batch, j)
			default:
				break more
			}
		}
		db.saveBatch(batch)
	}
}

// saveBatch runs each save of the batch in its own savepoint of one
// transaction and commits it; a save that fails is rolled back alone. If
// the commit fails, every save of the batch fails.
func (db *DB) saveBatch(batch []*saveJob) {
	ctx := context.Background() // one cancelled request must not undo the others
	err := db.write(ctx, func(tx *sql.Tx) error {
		for _, j := range batch {
			if err := j.ctx.Err(); err != nil {
				j.err = err
				continue
			}
			if _, err := tx.ExecContext(ctx, "SAVEPOINT save"); err != nil {
				return err
			}
			j.version, j.err = db.saveTx(ctx, tx, j)
			if j.err != nil {
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO save"); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, "RELEASE save"); err != nil {
				return err
			}
		}
		return nil
	})
	for _, j := range batch {
		if err != nil && j.err == nil {
			j.version, j.err = 0, err
		}
		close(j.done)
	}
}

// saveTx is one save inside the batch's transaction.
func (db *DB) saveTx(ctx context.Context, tx *sql.Tx, j *saveJob) (int, error) {
	cur, err := db.openSheetTx(ctx, tx, j.wave, j.unit, j.base)
	if err != nil {
		return 0, err
	}
	next, now := cur+1, db.now()
	changed := 0
	for _, c := range j.changes {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT value FROM answers WHERE wave = ? AND unit = ? AND question = ? ORDER BY id DESC LIMIT 1`,
			string(j.wave), string(j.unit), string(c.Question)).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if old == c.Value {
			continue
		}
		if changed == 0 {
			// The sheet row first: answers refer to it.
			if _, err := tx.ExecContext(ctx, `INSERT INTO sheets (wave, unit, version, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (wave, unit) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
				string(j.wave), string(j.unit), next, stamp(now)); err != nil {
				return 0, fmt.Errorf("cannot save sheet: %w", err)
			}
		}
		changed++
		if _, err := tx.ExecContext(ctx, `INSERT INTO answers (wave, unit, question, value, version, at, actor_role, actor_unit, addr)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(j.wave), string(j.unit), string(c.Question), c.Value, next, stamp(now),
			roleName(j.by.Role), string(j.by.Unit), j.by.Addr); err != nil {
			return 0, fmt.Errorf("cannot save answer: %w", err)
		}
	}
	if changed == 0 {
		return cur, nil
	}
	return next, nil
}

func roleName(r fieldwork.Role) string {
	if r == 0 {
		return ""
	}
	return r.String()
}

// openSheetTx checks that the wave is open and the sheet at version base,
// and returns its version.
func (db *DB) openSheetTx(ctx context.Context, tx *sql.Tx, wave scoring.WaveID, unit scoring.UnitID, base int) (int, error) {
	st, err := waveStateTx(ctx, tx, wave)
	if err != nil {
		return 0, err
	}
	if st != fieldwork.WaveOpen {
		return 0, fmt.Errorf("wave %s: %w", wave, fieldwork.ErrWaveNotOpen)
	}
	var cur int
	err = tx.QueryRowContext(ctx, `SELECT version FROM sheets WHERE wave = ? AND unit = ?`, string(wave), string(unit)).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if cur != base {
		return 0, &fieldwork.ConflictError{Wave: wave, Unit: unit, Base: base, Current: cur}
	}
	return cur, nil
}

// Submit submits the sheet at version; see fieldwork.Store.
func (db *DB) Submit(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID, version int, model string, by fieldwork.Actor) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := db.openSheetTx(ctx, tx, wave, unit, version); err != nil {
			return err
		}
		if version == 0 {
			return fmt.Errorf("sheet %s/%s: no answers saved: %w", wave, unit, fieldwork.ErrNotFound)
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE sheets SET submitted_version = ?, submitted_at = ?, submitted_model = ? WHERE wave = ? AND unit = ?`,
			version, stamp(now), model, string(wave), string(unit)); err != nil {
			return fmt.Errorf("cannot submit: %w", err)
		}
		return db.logTx(ctx, tx, now, fieldwork.Event{Actor: by, Action: fieldwork.ActionSubmit, Wave: wave, Unit: unit,
			Version: version, Detail: "version " + strconv.Itoa(version)})
	})
}

// Sheets returns the state of every sheet of a wave, by unit, without
// answers.
func (db *DB) Sheets(ctx context.Context, wave scoring.WaveID) ([]fieldwork.Sheet, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT unit, version, updated_at, submitted_version, submitted_at, submitted_model FROM sheets WHERE wave = ? ORDER BY unit`, string(wave))
	if err != nil {
		return nil, fmt.Errorf("cannot read sheets: %w", err)
	}
	defer rows.Close()
	var out []fieldwork.Sheet
	for rows.Next() {
		s := fieldwork.Sheet{Wave: wave}
		var updated, submitted sql.NullString
		if err := rows.Scan(&s.Unit, &s.Version, &updated, &s.SubmittedVersion, &submitted, &s.SubmittedModel); err != nil {
			return nil, err
		}
		s.Updated, s.Submitted = parseStamp(updated), parseStamp(submitted)
		out = append(out, s)
	}
	return out, rows.Err()
}

// Submissions returns every submitted sheet of a wave, by unit, with the
// answers as they were at the submitted version.
func (db *DB) Submissions(ctx context.Context, wave scoring.WaveID) ([]fieldwork.Sheet, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT unit, version, updated_at, submitted_version, submitted_at, submitted_model FROM sheets
		WHERE wave = ? AND submitted_version > 0 ORDER BY unit`, string(wave))
	if err != nil {
		return nil, fmt.Errorf("cannot read sheets: %w", err)
	}
	var out []fieldwork.Sheet
	idx := map[scoring.UnitID]int{}
	for rows.Next() {
		s := fieldwork.Sheet{Wave: wave, Answers: map[scoring.QuestionID]string{}}
		var updated, submitted sql.NullString
		if err := rows.Scan(&s.Unit, &s.Version, &updated, &s.SubmittedVersion, &submitted, &s.SubmittedModel); err != nil {
			rows.Close()
			return nil, err
		}
		s.Updated, s.Submitted = parseStamp(updated), parseStamp(submitted)
		idx[s.Unit] = len(out)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT a.unit, a.question, a.value FROM answers a
		JOIN sheets s ON s.wave = a.wave AND s.unit = a.unit
		WHERE a.wave = ? AND s.submitted_version > 0 AND a.version <= s.submitted_version ORDER BY a.id`, string(wave))
	if err != nil {
		return nil, fmt.Errorf("cannot read answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u scoring.UnitID
		var q scoring.QuestionID
		var v string
		if err := rows.Scan(&u, &q, &v); err != nil {
			return nil, err
		}
		setAnswer(out[idx[u]].Answers, q, v)
	}
	return out, rows.Err()
}

// Generation is the ID of the latest event that changes what is scored:
// a submission, a wave created, opened or closed, units loaded.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM events WHERE action IN (?, ?, ?, ?, ?)`,
		string(fieldwork.ActionSubmit), string(fieldwork.ActionWaveCreate), string(fieldwork.ActionWaveOpen),
		string(fieldwork.ActionWaveClose), string(fieldwork.ActionUnits)).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("cannot read generation: %w", err)
	}
	return g, nil
}
