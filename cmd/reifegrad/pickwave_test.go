package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
)

// TestPickWave: the wave serve export and codes act on, and what they
// say when there is none to pick — a named wave in a database without
// waves said "(the database has: )".
func TestPickWave(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		waves   []scoring.WaveID // created in order; the last is opened
		name    string
		want    scoring.WaveID
		wantErr string
	}{
		{nil, "", "", "the database has no wave yet: the association creates one at /admin"},
		{nil, "2026", "", `no wave "2026": the database has no wave yet: the association creates one at /admin`},
		{[]scoring.WaveID{"2026"}, "", "2026", ""},
		{[]scoring.WaveID{"2026"}, "2026", "2026", ""},
		{[]scoring.WaveID{"2024", "2026"}, "", "2026", ""}, // the open one
		{[]scoring.WaveID{"2024", "2026"}, "2024", "2024", ""},
		{[]scoring.WaveID{"2024", "2026"}, "2025", "", `no wave "2025" (the database has: 2024, 2026)`},
	}
	for _, c := range cases {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"), true)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range c.waves {
			if err := db.CreateWave(ctx, scoring.Wave{ID: id, Label: string(id)}, fieldwork.Actor{}); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(c.waves); n > 0 {
			if err := db.SetWaveState(ctx, c.waves[n-1], fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := pickWave(ctx, db, c.name)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.wantErr {
			t.Errorf("waves %v, --wave %q: %q, %q; want %q, %q", c.waves, c.name, got, msg, c.want, c.wantErr)
		}
		db.Close()
	}
}
