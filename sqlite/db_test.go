package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
)

// MustOpen opens a new database in a temporary folder, closed at the end
// of the test. Its clock starts at 2026-03-01 09:00 UTC and moves one
// second per reading, so that every stamp differs.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "reifegrad.db"), true)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	t := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { t = t.Add(time.Second); return t })
	return db
}

// seeded is a deterministic random source for codes.
func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	s[0] = byte(seed)
	return rand.NewChaCha8(s)
}

var testUnits = []scoring.Unit{
	{ID: "14511000", Name: "Chemnitz, Stadt", District: "Chemnitz, Stadt", Population: 250681, Lon: 12.92, Lat: 50.83, HasLocation: true},
	{ID: "14612000", Name: "Dresden, Stadt", District: "Dresden, Stadt", Population: 563011, Lon: 13.74, Lat: 51.05, HasLocation: true},
	{ID: "14730300", Name: "Taucha, Stadt", District: "Nordsachsen", Population: 15781, Attrs: map[string]string{"state": "Sachsen"}},
}

// MustUnits loads testUnits and a wave "2026", open.
func MustUnits(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	ctx := context.Background()
	if err := db.PutUnits(ctx, testUnits, fieldwork.Actor{}); err != nil {
		tb.Fatal(err)
	}
	if err := db.CreateWave(ctx, scoring.Wave{ID: "2026", Label: "Erhebung 2026"}, fieldwork.Actor{}); err != nil {
		tb.Fatal(err)
	}
	if err := db.SetWaveState(ctx, "2026", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
		tb.Fatal(err)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "neu.db")
	if _, err := sqlite.Open(ctx, path, false); !errors.Is(err, sqlite.ErrNoDatabase) {
		t.Fatalf("Open of a missing file: got %v, want ErrNoDatabase", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open without create made %s", path)
	}
	db, err := sqlite.Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutUnits(ctx, testUnits, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Reopening applies no migration twice and keeps the data.
	db, err = sqlite.Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	us, err := db.Units(ctx)
	if err != nil || len(us) != len(testUnits) {
		t.Fatalf("Units after reopening: %d units, %v; want %d", len(us), err, len(testUnits))
	}
}

func TestUnits(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if err := db.PutUnits(ctx, testUnits, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range got {
		w := testUnits[i]
		if u.ID != w.ID || u.Name != w.Name || u.District != w.District || u.Population != w.Population ||
			u.HasLocation != w.HasLocation || u.Lon != w.Lon || u.Lat != w.Lat || u.Attrs["state"] != w.Attrs["state"] {
			t.Errorf("unit %d: got %+v, want %+v", i, u, w)
		}
	}
	renamed := testUnits[2]
	renamed.Name = "Taucha"
	if err := db.PutUnits(ctx, []scoring.Unit{renamed}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if u, err := db.Unit(ctx, "14730300"); err != nil || u.Name != "Taucha" {
		t.Errorf("Unit after update: %q, %v; want Taucha", u.Name, err)
	}
	if _, err := db.Unit(ctx, "99999999"); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("Unit of an unknown id: got %v, want ErrNotFound", err)
	}
}

func TestCodes(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	MustUnits(t, db)
	codes, err := db.IssueCodes(ctx, nil, false, seeded(1), fieldwork.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != len(testUnits) {
		t.Fatalf("issued %d codes, want %d", len(codes), len(testUnits))
	}
	for i, c := range codes {
		if c.Unit != testUnits[i].ID {
			t.Errorf("code %d is for %s, want %s", i, c.Unit, testUnits[i].ID)
		}
		if got, err := db.SignIn(ctx, c.Code); err != nil || got != c.Unit {
			t.Errorf("SignIn with the code of %s: got %q, %v", c.Unit, got, err)
		}
	}
	// A second run issues nothing: every unit has a code.
	again, err := db.IssueCodes(ctx, nil, false, seeded(2), fieldwork.Actor{})
	if err != nil || len(again) != 0 {
		t.Fatalf("second IssueCodes: %d codes, %v; want none", len(again), err)
	}
	// Wrong codes: one symbol off, and a selector nobody has.
	first := codes[0].Code
	wrong := first[:19] + map[bool]fieldwork.Code{true: "1", false: "0"}[first[19] == '0']
	unknown := fieldwork.Code("ZZZZ") + first[4:]
	if first.Selector() == "ZZZZ" {
		unknown = "YYYY" + first[4:]
	}
	for _, c := range []fieldwork.Code{wrong, unknown} {
		if _, err := db.SignIn(ctx, c); !errors.Is(err, fieldwork.ErrSignIn) {
			t.Errorf("SignIn(%s): got %v, want ErrSignIn", c, err)
		}
	}
	// A session of the unit ends when its code is reissued.
	sess := fieldwork.Session{ID: []byte("s1"), Role: fieldwork.RoleUnit, Unit: codes[0].Unit, CSRF: "x",
		Created: time.Now(), Expires: time.Now().Add(time.Hour)}
	if err := db.CreateSession(ctx, sess, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	re, err := db.IssueCodes(ctx, []scoring.UnitID{codes[0].Unit}, true, seeded(3), fieldwork.Actor{})
	if err != nil || len(re) != 1 {
		t.Fatalf("reissue: %d codes, %v", len(re), err)
	}
	if _, err := db.SignIn(ctx, first); !errors.Is(err, fieldwork.ErrSignIn) {
		t.Errorf("SignIn with the reissued unit's old code: got %v, want ErrSignIn", err)
	}
	if u, err := db.SignIn(ctx, re[0].Code); err != nil || u != codes[0].Unit {
		t.Errorf("SignIn with the new code: %q, %v", u, err)
	}
	if _, err := db.Session(ctx, sess.ID, time.Now()); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("session after reissue: got %v, want ErrNotFound", err)
	}
	// Revoked: the code no longer signs in.
	if err := db.RevokeCodes(ctx, []scoring.UnitID{codes[1].Unit}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignIn(ctx, codes[1].Code); !errors.Is(err, fieldwork.ErrSignIn) {
		t.Errorf("SignIn with a revoked code: got %v, want ErrSignIn", err)
	}
	if _, err := db.IssueCodes(ctx, []scoring.UnitID{"99999999"}, false, seeded(4), fieldwork.Actor{}); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("IssueCodes for an unknown unit: got %v, want ErrNotFound", err)
	}
}

// TestCodesStoredAsHash reads the database file: no plain code, not even
// its secret part, is in it.
func TestCodesStoredAsHash(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.db")
	db, err := sqlite.Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutUnits(ctx, testUnits, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	codes, err := db.IssueCodes(ctx, nil, false, seeded(5), fieldwork.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		if secret := string(c.Code[4:]); strings.Contains(string(raw), secret) {
			t.Errorf("the database holds the secret part of %s's code", c.Unit)
		}
	}
}

func TestPasswordAndSessions(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, err := db.PasswordHash(ctx); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("PasswordHash before init: got %v, want ErrNotFound", err)
	}
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	admin := fieldwork.Session{ID: []byte("a"), Role: fieldwork.RoleAdmin, CSRF: "c1", Created: now, Expires: now.Add(time.Hour)}
	if err := db.CreateSession(ctx, admin, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Session(ctx, admin.ID, now.Add(59*time.Minute))
	if err != nil || got.Role != fieldwork.RoleAdmin || got.CSRF != "c1" || !got.Expires.Equal(admin.Expires) {
		t.Fatalf("Session: %+v, %v", got, err)
	}
	if _, err := db.Session(ctx, admin.ID, now.Add(time.Hour)); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("expired session: got %v, want ErrNotFound", err)
	}
	if err := db.SetPassword(ctx, "$argon2id$x", fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if h, err := db.PasswordHash(ctx); err != nil || h != "$argon2id$x" {
		t.Errorf("PasswordHash: %q, %v", h, err)
	}
	if _, err := db.Session(ctx, admin.ID, now); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("admin session after a new password: got %v, want ErrNotFound", err)
	}
	unit := fieldwork.Session{ID: []byte("u"), Role: fieldwork.RoleUnit, Unit: "14612000", CSRF: "c2", Created: now, Expires: now.Add(time.Hour)}
	if err := db.CreateSession(ctx, unit, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSession(ctx, unit.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Session(ctx, unit.ID, now); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("deleted session: got %v, want ErrNotFound", err)
	}
}

func TestWaves(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	for _, id := range []scoring.WaveID{"2024", "2026"} {
		if err := db.CreateWave(ctx, scoring.Wave{ID: id}, fieldwork.Actor{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateWave(ctx, scoring.Wave{ID: "2024"}, fieldwork.Actor{}); !errors.Is(err, fieldwork.ErrExists) {
		t.Errorf("second wave 2024: got %v, want ErrExists", err)
	}
	for _, bad := range []scoring.WaveID{"", "..", "a/b", "2026 Herbst", scoring.WaveID(strings.Repeat("x", 41))} {
		if err := db.CreateWave(ctx, scoring.Wave{ID: bad}, fieldwork.Actor{}); err == nil {
			t.Errorf("CreateWave(%q): no error", bad)
		}
	}
	if err := db.SetWaveState(ctx, "2024", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetWaveState(ctx, "2026", fieldwork.WaveOpen, fieldwork.Actor{}); !errors.Is(err, fieldwork.ErrOtherWaveOpen) {
		t.Errorf("opening a second wave: got %v, want ErrOtherWaveOpen", err)
	}
	if err := db.SetWaveState(ctx, "2024", fieldwork.WaveClosed, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetWaveState(ctx, "2026", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetWaveState(ctx, "1999", fieldwork.WaveOpen, fieldwork.Actor{}); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("unknown wave: got %v, want ErrNotFound", err)
	}
	ws, err := db.Waves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].ID != "2024" || ws[0].Order != 1 || ws[0].State != fieldwork.WaveClosed || ws[0].ClosedAt.IsZero() ||
		ws[1].ID != "2026" || ws[1].Order != 2 || ws[1].State != fieldwork.WaveOpen || ws[1].Label != "2026" || !ws[1].ClosedAt.IsZero() {
		t.Errorf("Waves: %+v", ws)
	}
}

func TestSaveAndSubmit(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	MustUnits(t, db)
	const w, u = scoring.WaveID("2026"), scoring.UnitID("14612000")
	who := fieldwork.Actor{Role: fieldwork.RoleUnit, Unit: u, Addr: "127.0.0.1"}
	s, err := db.Sheet(ctx, w, u)
	if err != nil || s.Version != 0 || len(s.Answers) != 0 {
		t.Fatalf("empty sheet: %+v, %v", s, err)
	}
	v, err := db.Save(ctx, w, u, 0, []fieldwork.Change{ch("S01", "ja"), ch("O02", "12")}, who)
	if err != nil || v != 1 {
		t.Fatalf("first save: version %d, %v", v, err)
	}
	// Another tab that still has version 0 gets a conflict, not an overwrite.
	_, err = db.Save(ctx, w, u, 0, []fieldwork.Change{ch("S01", "nein")}, who)
	var ce *fieldwork.ConflictError
	if !errors.As(err, &ce) || ce.Current != 1 || ce.Base != 0 || !errors.Is(err, fieldwork.ErrConflict) {
		t.Fatalf("save from a stale version: got %v, want a conflict at version 1", err)
	}
	// Saving what is stored changes nothing.
	if v, err = db.Save(ctx, w, u, 1, []fieldwork.Change{ch("S01", "ja")}, who); err != nil || v != 1 {
		t.Fatalf("unchanged save: version %d, %v; want 1", v, err)
	}
	if err := db.Submit(ctx, w, u, 1, "7835d4f6d808", who); err != nil {
		t.Fatal(err)
	}
	// A change after submitting is a draft: the submission keeps version 1.
	if v, err = db.Save(ctx, w, u, 1, []fieldwork.Change{ch("S01", "teilweise"), ch("O02", "")}, who); err != nil || v != 2 {
		t.Fatalf("save after submit: version %d, %v", v, err)
	}
	s, err = db.Sheet(ctx, w, u)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != 2 || s.SubmittedVersion != 1 || !s.HasDraft() || s.Answers["S01"] != "teilweise" || len(s.Answers) != 1 {
		t.Errorf("sheet after the draft: %+v", s)
	}
	subs, err := db.Submissions(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Answers["S01"] != "ja" || subs[0].Answers["O02"] != "12" || subs[0].SubmittedVersion != 1 ||
		subs[0].SubmittedModel != "7835d4f6d808" {
		t.Errorf("submission: %+v, want version 1 with S01=ja, O02=12 under model 7835d4f6d808", subs)
	}
	if sheets, err := db.Sheets(ctx, w); err != nil || len(sheets) != 1 || sheets[0].SubmittedModel != "7835d4f6d808" {
		t.Errorf("Sheets: %+v, %v; want the submission's model 7835d4f6d808", sheets, err)
	}
	if _, err := db.Save(ctx, w, u, 2, []fieldwork.Change{ch("S01", "ja"), ch("S01", "nein")}, who); err == nil {
		t.Error("a save that changes S01 twice: no error")
	}
	if err := db.Submit(ctx, w, "14511000", 0, "", who); !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("submitting an empty sheet: got %v, want ErrNotFound", err)
	}
	if err := db.SetWaveState(ctx, w, fieldwork.WaveClosed, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Save(ctx, w, u, 2, []fieldwork.Change{ch("S01", "ja")}, who); !errors.Is(err, fieldwork.ErrWaveNotOpen) {
		t.Errorf("save in a closed wave: got %v, want ErrWaveNotOpen", err)
	}
	if err := db.Submit(ctx, w, u, 2, "", who); !errors.Is(err, fieldwork.ErrWaveNotOpen) {
		t.Errorf("submit in a closed wave: got %v, want ErrWaveNotOpen", err)
	}
	states, err := db.Sheets(ctx, w)
	if err != nil || len(states) != 1 || states[0].Version != 2 || states[0].SubmittedVersion != 1 || states[0].Answers != nil {
		t.Errorf("Sheets: %+v, %v", states, err)
	}
	// The history: four answers saved, in the audit log newest first.
	evs, err := db.Events(ctx, fieldwork.EventFilter{Unit: u})
	if err != nil {
		t.Fatal(err)
	}
	var answers []string
	for _, e := range evs {
		if e.Action == fieldwork.ActionAnswer {
			answers = append(answers, string(e.Question)+"="+e.New)
		}
	}
	if got, want := strings.Join(answers, " "), "O02= S01=teilweise O02=12 S01=ja"; got != want {
		t.Errorf("answer history: got %q, want %q", got, want)
	}
}

func TestGeneration(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	MustUnits(t, db)
	g0, _ := db.Generation(ctx)
	if _, err := db.Save(ctx, "2026", "14612000", 0, []fieldwork.Change{ch("S01", "ja")}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if g1, _ := db.Generation(ctx); g1 != g0 {
		t.Errorf("a draft changed the generation: %d → %d", g0, g1)
	}
	if err := db.Submit(ctx, "2026", "14612000", 1, "", fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	if g2, _ := db.Generation(ctx); g2 == g0 {
		t.Errorf("a submission left the generation at %d", g0)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	MustUnits(t, db)
	if _, err := db.Save(ctx, "2026", "14612000", 0, []fieldwork.Change{ch("S01", "ja")}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kopie.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	cp, err := sqlite.Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	s, err := cp.Sheet(ctx, "2026", "14612000")
	if err != nil || s.Answers["S01"] != "ja" {
		t.Errorf("sheet in the backup: %+v, %v", s, err)
	}
	if err := db.Backup(ctx, path); err == nil {
		t.Error("a backup over an existing file: no error")
	}
}

// TestAppendOnly tries to change and delete answers and audit events with
// plain SQL on the file: the triggers refuse.
func TestAppendOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := sqlite.Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	MustUnits(t, db)
	if _, err := db.Save(ctx, "2026", "14612000", 0, []fieldwork.Change{ch("S01", "ja")}, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode: %q, %v; want wal", mode, err)
	}
	for _, stmt := range []string{
		`DELETE FROM answers`, `UPDATE answers SET value = 'nein'`,
		`DELETE FROM events`, `UPDATE events SET detail = ''`,
	} {
		if _, err := raw.Exec(stmt); err == nil || !strings.Contains(err.Error(), "never") {
			t.Errorf("%s: got %v, want refused", stmt, err)
		}
	}
}

// TestNewerSchema: a database written by a newer reifegrad is refused, not
// written into.
func TestNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := sqlite.Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := sqlite.Open(ctx, path, false); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: got %v", err)
	}
}

func ch(q scoring.QuestionID, v string) fieldwork.Change {
	return fieldwork.Change{Question: q, Value: v}
}

// TestSaveTogether: saves arriving at once share commits, yet each is
// decided alone: every unit's first save succeeds, and of ten tabs saving
// one sheet from version 0 exactly one does, the others get a conflict.
func TestSaveTogether(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	var units []scoring.Unit
	for i := range 60 {
		units = append(units, scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1400%04d", i)), Name: fmt.Sprint("U", i)})
	}
	if err := db.PutUnits(ctx, units, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	MustUnits(t, db)
	var wg sync.WaitGroup
	versions := make([]int, len(units))
	errs := make([]error, len(units))
	for i, u := range units {
		wg.Add(1)
		go func() {
			defer wg.Done()
			versions[i], errs[i] = db.Save(ctx, "2026", u.ID, 0, []fieldwork.Change{ch("S01", "ja"), ch("S02", fmt.Sprint(i))}, fieldwork.Actor{})
		}()
	}
	tabs := make([]error, 10)
	for i := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, tabs[i] = db.Save(ctx, "2026", "14612000", 0, []fieldwork.Change{ch("S01", fmt.Sprint("tab", i))}, fieldwork.Actor{})
		}()
	}
	wg.Wait()
	for i := range units {
		if errs[i] != nil || versions[i] != 1 {
			t.Errorf("unit %d: version %d, %v", i, versions[i], errs[i])
		}
	}
	won := 0
	for _, err := range tabs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, fieldwork.ErrConflict):
			t.Errorf("tab: %v, want success or a conflict", err)
		}
	}
	if won != 1 {
		t.Errorf("%d of 10 tabs saved from version 0, want exactly 1", won)
	}
	s, _ := db.Sheet(ctx, "2026", "14612000")
	if s.Version != 1 || !strings.HasPrefix(s.Answers["S01"], "tab") {
		t.Errorf("the contested sheet: %+v", s)
	}
	n := 0
	evs, _ := db.Events(ctx, fieldwork.EventFilter{Limit: 1000})
	for _, e := range evs {
		if e.Action == fieldwork.ActionAnswer {
			n++
		}
	}
	if n != 2*len(units)+1 {
		t.Errorf("%d answers stored, want %d", n, 2*len(units)+1)
	}
}

// TestEventsPagedLoseNothing: the audit log read page by page, each page
// going on after the last event of the one before, holds every event once
// and in the order of the whole log. Paged by time, "before the last
// event's time", a page that ended inside a save (its answers share one
// time) lost the rest of that save's answers: of Saxony's 17,913 events
// served 200 a page, 711 were never listed.
func TestEventsPagedLoseNothing(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	MustUnits(t, db)
	who := func(u scoring.UnitID) fieldwork.Actor {
		return fieldwork.Actor{Role: fieldwork.RoleUnit, Unit: u, Addr: "127.0.0.1"}
	}
	// Saves of 5, 4, 3 and 2 answers, each sharing one time, and a
	// submission between them.
	saves := []struct {
		unit    scoring.UnitID
		version int
		answers []string
	}{
		{"14612000", 0, []string{"S01", "S02", "S03", "S04", "S05"}},
		{"14511000", 0, []string{"S01", "S02", "S03", "S04"}},
		{"14730300", 0, []string{"S01", "S02", "S03"}},
		{"14612000", 1, []string{"O01", "O02"}},
	}
	for _, s := range saves {
		var changes []fieldwork.Change
		for _, q := range s.answers {
			changes = append(changes, ch(scoring.QuestionID(q), "ja"))
		}
		if _, err := db.Save(ctx, "2026", s.unit, s.version, changes, who(s.unit)); err != nil {
			t.Fatal(err)
		}
		if s.unit == "14511000" {
			if err := db.Submit(ctx, "2026", s.unit, 1, "", who(s.unit)); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := db.Events(ctx, fieldwork.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	answers := 0
	for _, e := range all {
		if e.Action == fieldwork.ActionAnswer {
			answers++
		}
	}
	if answers != 14 {
		t.Fatalf("%d answers in the log, want 14", answers)
	}
	for _, tt := range []struct {
		unit  scoring.UnitID
		limit int
	}{{"", 1}, {"", 2}, {"", 3}, {"", 4}, {"", 7}, {"14612000", 2}, {"14612000", 3}} {
		t.Run(fmt.Sprintf("%s/%d", tt.unit, tt.limit), func(t *testing.T) {
			want := all
			if tt.unit != "" {
				if want, err = db.Events(ctx, fieldwork.EventFilter{Unit: tt.unit, Limit: 1000}); err != nil {
					t.Fatal(err)
				}
			}
			var got []fieldwork.Event
			f := fieldwork.EventFilter{Unit: tt.unit, Limit: tt.limit}
			for page := 0; page < 100; page++ {
				evs, err := db.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, evs...)
				if len(evs) < tt.limit {
					break
				}
				f.Before = evs[len(evs)-1].Key
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("paged %d at a time: %d events, want the %d of the whole log in its order", tt.limit, len(got), len(want))
			}
		})
	}
}

// TestSubmittedModelMigration: a database of schema 1, written before
// sheets kept the model they were submitted under, opens with its
// submissions whole and their model unknown (""), and new submissions
// keep theirs.
func TestSubmittedModelMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := sqlite.Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	MustUnits(t, db) // and open wave 2026
	const w = scoring.WaveID("2026")
	for _, u := range []scoring.UnitID{"14612000", "14511000"} {
		if _, err := db.Save(ctx, w, u, 0, []fieldwork.Change{ch("S01", "ja")}, fieldwork.Actor{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Submit(ctx, w, "14612000", 1, "", fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Back to schema 1: the column did not exist.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE sheets DROP COLUMN submitted_model`, `PRAGMA user_version = 1`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	raw.Close()
	if db, err = sqlite.Open(ctx, path, false); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Submit(ctx, w, "14511000", 1, "7835d4f6d808", fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	subs, err := db.Submissions(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	got := map[scoring.UnitID]string{}
	for _, s := range subs {
		if s.Answers["S01"] != "ja" {
			t.Errorf("%s: answers %v after the migration", s.Unit, s.Answers)
		}
		got[s.Unit] = s.SubmittedModel
	}
	if len(got) != 2 || got["14612000"] != "" || got["14511000"] != "7835d4f6d808" {
		t.Errorf("submitted models %v; want 14612000 unknown (before the migration), 14511000 7835d4f6d808", got)
	}
}
