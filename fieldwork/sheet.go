package fieldwork

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// Errors the Store returns, wrapped with context; test with errors.Is.
var (
	// ErrNotFound: no such wave, unit, sheet or session, or no password
	// has been set yet.
	ErrNotFound = errors.New("not found")
	// ErrExists: a wave with that ID already exists.
	ErrExists = errors.New("already exists")
	// ErrConflict: the sheet was changed since the version the caller
	// started from (another tab or device). Nothing was saved; see
	// ConflictError for the current version.
	ErrConflict = errors.New("the answers were changed elsewhere in the meantime")
	// ErrWaveNotOpen: answers can be saved and submitted only while their
	// wave is open.
	ErrWaveNotOpen = errors.New("the wave is not open")
	// ErrBadWaveID: a wave ID that ValidWaveID refuses.
	ErrBadWaveID = errors.New("a wave id is 1 to 40 letters, digits, '-', '_' or '.'")
	// ErrOtherWaveOpen: only one wave is open at a time, so that a unit
	// signing in knows which questionnaire is meant.
	ErrOtherWaveOpen = errors.New("another wave is open")
	// ErrSignIn: the code or password is wrong, unknown or revoked. The
	// three are deliberately not told apart.
	ErrSignIn = errors.New("sign-in failed")
	// ErrInvalidAnswer: an answer its question's scale does not read.
	ErrInvalidAnswer = errors.New("not a valid answer")
)

// ConflictError is ErrConflict with the version the sheet has now.
type ConflictError struct {
	Wave    scoring.WaveID
	Unit    scoring.UnitID
	Base    int // the version the caller started from
	Current int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("sheet %s/%s: version %d, not %d: %v", e.Wave, e.Unit, e.Current, e.Base, ErrConflict)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// WaveState is where a wave stands: planned waves take no answers yet,
// open ones do, closed ones no longer.
type WaveState uint8

const (
	WavePlanned WaveState = iota
	WaveOpen
	WaveClosed
)

var waveStateNames = [...]string{"planned", "open", "closed"}

func (s WaveState) String() string {
	if int(s) < len(waveStateNames) {
		return waveStateNames[s]
	}
	return "WaveState(" + strconv.Itoa(int(s)) + ")"
}

// ParseWaveState turns a stored word into a WaveState.
func ParseWaveState(s string) (WaveState, error) {
	for i, n := range waveStateNames {
		if n == s {
			return WaveState(i), nil
		}
	}
	return 0, fmt.Errorf("unknown wave state %q", s)
}

// Wave is a survey wave run online: the scoring.Wave (ID, label, order)
// and its state. OpenedAt and ClosedAt are zero until it is opened or
// closed.
type Wave struct {
	scoring.Wave
	State    WaveState
	OpenedAt time.Time
	ClosedAt time.Time
}

// ValidWaveID reports whether id can name a wave: 1 to 40 letters,
// digits, '-', '_' and '.' (not "." or ".."), so that it fits a command
// line (-i 2026=…), a URL path and a file name as it is.
func ValidWaveID(id scoring.WaveID) bool {
	s := string(id)
	if s == "" || len(s) > 40 || s == "." || s == ".." {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_' || r == '.')
	})
}

// Role is what a session may do.
type Role uint8

const (
	// RoleUnit is a municipality signed in with its code: it sees and
	// changes its own sheet and profile, nothing else.
	RoleUnit Role = iota + 1
	// RoleAdmin is the association: waves, progress, reminders, the
	// overview, the export and the audit log.
	RoleAdmin
)

func (r Role) String() string {
	switch r {
	case RoleUnit:
		return "unit"
	case RoleAdmin:
		return "admin"
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// ParseRole turns a stored word into a Role.
func ParseRole(s string) (Role, error) {
	switch s {
	case "unit":
		return RoleUnit, nil
	case "admin":
		return RoleAdmin, nil
	}
	return 0, fmt.Errorf("unknown role %q", s)
}

// Actor is who did something, for the audit log. The zero Actor is the
// command line (serve init, codes, backup on the server's machine).
type Actor struct {
	Role Role
	Unit scoring.UnitID // for RoleUnit
	Addr string         // client address; empty on the command line
}

// Sheet is one unit's questionnaire in one wave. Answers holds the raw
// answer to each question by ID, as an export cell holds it; a question
// without an entry is not answered. Version counts the saves (0: nothing
// saved yet). SubmittedVersion is the version the unit submitted last (0:
// never); the report scores the answers of that version, so changes
// after it are a draft until submitted again.
type Sheet struct {
	Wave             scoring.WaveID
	Unit             scoring.UnitID
	Version          int
	Answers          map[scoring.QuestionID]string
	Updated          time.Time // of the last save
	SubmittedVersion int
	Submitted        time.Time // of the last submission
	// SubmittedModel is the fingerprint of the model the last submission
	// was made under (scoring.Model.Fingerprint): the profile the unit saw
	// then. Empty when unknown (submitted before reifegrad kept it).
	SubmittedModel string
}

// IsSubmitted reports whether the unit has submitted the sheet.
func (s Sheet) IsSubmitted() bool { return s.SubmittedVersion > 0 }

// HasDraft reports whether the sheet has answers not yet submitted.
func (s Sheet) HasDraft() bool { return s.Version > s.SubmittedVersion }

// Change sets one answer; an empty Value clears it.
type Change struct {
	Question scoring.QuestionID
	Value    string
}

// Session is a signed-in browser. ID is the SHA-256 hash of the token in
// its cookie (the token itself is never stored), CSRF the token every
// state-changing request must carry.
type Session struct {
	ID      []byte
	Role    Role
	Unit    scoring.UnitID // for RoleUnit
	CSRF    string
	Created time.Time
	Expires time.Time
}

// Action is what an audit Event records.
type Action string

// The actions of the audit log.
const (
	ActionAnswer       Action = "answer" // one answer changed (Question, New, Version)
	ActionSubmit       Action = "submit"
	ActionSignIn       Action = "sign_in"
	ActionSignInFailed Action = "sign_in_failed"
	ActionSignOut      Action = "sign_out"
	ActionWaveCreate   Action = "wave_create"
	ActionWaveOpen     Action = "wave_open"
	ActionWaveClose    Action = "wave_close"
	ActionCodeIssue    Action = "code_issue"
	ActionCodeRevoke   Action = "code_revoke"
	ActionPassword     Action = "password_set"
	ActionExport       Action = "export"
	ActionBackup       Action = "backup"
	ActionUnits        Action = "units_set"
)

// Event is one line of the audit log: who did what when. Answer changes
// are events too (the store keeps them as the answer history, never
// deleted); for them Question, New and Version are set.
type Event struct {
	At       time.Time
	Actor    Actor
	Action   Action
	Wave     scoring.WaveID
	Unit     scoring.UnitID
	Question scoring.QuestionID
	New      string
	Version  int
	Detail   string
	// Key is the event's place in the log, as the store read it (zero in
	// an event given to Log).
	Key EventKey
}

// EventKey places an event in the audit log's order, newest first: by
// time, at the same time answers before the other events, then by the
// store's sequence number. Many events share a time (the answers of one
// save), so a page of the log ends at a key, not at a time: ending at a
// time skipped the rest of the events of that time.
type EventKey struct {
	At     time.Time
	Answer bool  // a change of an answer
	Seq    int64 // the store's sequence number among events of its kind
}

// EventFilter selects audit events, newest first. The zero value selects
// the latest 100 events of everybody.
type EventFilter struct {
	Unit scoring.UnitID // only events about this unit; empty: all
	// Before selects the events after this one in the log's order (older,
	// or of the same time and later in the order); zero At: from the
	// newest. A key with only At set selects the events before that time.
	Before EventKey
	Limit  int // at most this many; 0 means 100
}

// IssuedCode is a unit's new access code in plain text, which exists only
// until it is handed over.
type IssuedCode struct {
	Unit scoring.UnitID
	Code Code
}
