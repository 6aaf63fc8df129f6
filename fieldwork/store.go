package fieldwork

import (
	"context"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// Store keeps units, access codes, sessions, waves, sheets and the audit
// log. It is what the web server needs; package sqlite implements it (and
// adds what only the command line does: loading units, issuing codes,
// setting the password, backups). Implementations are safe for concurrent
// use; every method that changes something does it in one transaction.
type Store interface {
	// Units returns every unit, by ID. Unit returns one, or ErrNotFound.
	Units(ctx context.Context) ([]scoring.Unit, error)
	Unit(ctx context.Context, id scoring.UnitID) (scoring.Unit, error)

	// SignIn returns the unit whose active code c is. A wrong, unknown or
	// revoked code is ErrSignIn, after the same constant-time comparison.
	SignIn(ctx context.Context, c Code) (scoring.UnitID, error)
	// PasswordHash returns the association's password hash, or
	// ErrNotFound before 'serve init' set one.
	PasswordHash(ctx context.Context) (string, error)

	// CreateSession stores a session and logs the sign-in of by, in
	// one transaction; Session returns the one with the given ID that
	// has not expired at now, or ErrNotFound; DeleteSession ends one
	// (signing out).
	CreateSession(ctx context.Context, s Session, by Actor) error
	Session(ctx context.Context, id []byte, now time.Time) (Session, error)
	DeleteSession(ctx context.Context, id []byte) error

	// Waves returns every wave in order. CreateWave adds a planned wave
	// (ErrExists if its ID is taken); SetWaveState opens or closes one.
	Waves(ctx context.Context) ([]Wave, error)
	CreateWave(ctx context.Context, w scoring.Wave, by Actor) error
	SetWaveState(ctx context.Context, id scoring.WaveID, s WaveState, by Actor) error

	// Sheet returns a unit's sheet with its latest answers (version 0 and
	// no answers when nothing was saved; ErrNotFound for an unknown wave
	// or unit).
	Sheet(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID) (Sheet, error)
	// Save applies changes to the sheet at version base, in one
	// transaction, and returns the new version. Answers equal to the
	// stored ones are not saved again; when nothing changes the version
	// stays. It returns a *ConflictError (ErrConflict) when the sheet is
	// no longer at base, ErrWaveNotOpen unless the wave is open. Values
	// must be cleaned (Clean) by the caller.
	Save(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID, base int, changes []Change, by Actor) (int, error)
	// Submit submits the sheet at version under the model with the
	// fingerprint model (scoring.Model.Fingerprint), which the sheet keeps
	// (ErrConflict if it has moved on, ErrNotFound if nothing was saved,
	// ErrWaveNotOpen).
	Submit(ctx context.Context, wave scoring.WaveID, unit scoring.UnitID, version int, model string, by Actor) error
	// Sheets returns the state of every sheet of a wave, without answers.
	Sheets(ctx context.Context, wave scoring.WaveID) ([]Sheet, error)
	// Submissions returns every submitted sheet of a wave with the
	// answers of its submitted version.
	Submissions(ctx context.Context, wave scoring.WaveID) ([]Sheet, error)
	// Generation changes whenever a submission or a wave changes: scores
	// computed at one generation hold until the next.
	Generation(ctx context.Context) (int64, error)

	// Log appends an event to the audit log; Events reads it, newest
	// first, answer changes included.
	Log(ctx context.Context, e Event) error
	Events(ctx context.Context, f EventFilter) ([]Event, error)
}
