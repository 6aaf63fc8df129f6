package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// PutUnits adds the units of a register, or updates their name, district,
// population, location and attributes. Units are never removed: sheets
// and codes refer to them.
func (db *DB) PutUnits(ctx context.Context, units []scoring.Unit, by fieldwork.Actor) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO units (id, name, district, population, lon, lat, attrs)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, district = excluded.district,
				population = excluded.population, lon = excluded.lon, lat = excluded.lat, attrs = excluded.attrs`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, u := range units {
			if u.ID == "" {
				return errors.New("a unit without an id")
			}
			attrs, err := json.Marshal(u.Attrs)
			if err != nil {
				return err
			}
			if u.Attrs == nil {
				attrs = []byte("{}")
			}
			var lon, lat any
			if u.HasLocation {
				lon, lat = u.Lon, u.Lat
			}
			if _, err := st.ExecContext(ctx, string(u.ID), u.Name, u.District, u.Population, lon, lat, string(attrs)); err != nil {
				return fmt.Errorf("unit %s: %w", u.ID, err)
			}
		}
		return db.logTx(ctx, tx, db.now(), fieldwork.Event{Actor: by, Action: fieldwork.ActionUnits,
			Detail: fmt.Sprintf("%d units", len(units))})
	})
}

const unitColumns = `id, name, district, population, lon, lat, attrs`

func scanUnit(sc interface{ Scan(...any) error }) (scoring.Unit, error) {
	var u scoring.Unit
	var lon, lat sql.NullFloat64
	var attrs string
	if err := sc.Scan(&u.ID, &u.Name, &u.District, &u.Population, &lon, &lat, &attrs); err != nil {
		return u, err
	}
	if lon.Valid && lat.Valid {
		u.Lon, u.Lat, u.HasLocation = lon.Float64, lat.Float64, true
	}
	if attrs != "{}" && attrs != "null" {
		if err := json.Unmarshal([]byte(attrs), &u.Attrs); err != nil {
			return u, fmt.Errorf("unit %s: attributes: %w", u.ID, err)
		}
	}
	return u, nil
}

// Units returns every unit, by ID.
func (db *DB) Units(ctx context.Context) ([]scoring.Unit, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+unitColumns+` FROM units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("cannot read units: %w", err)
	}
	defer rows.Close()
	var out []scoring.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Unit returns one unit, or fieldwork.ErrNotFound.
func (db *DB) Unit(ctx context.Context, id scoring.UnitID) (scoring.Unit, error) {
	u, err := scanUnit(db.r.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ?`, string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %s: %w", id, fieldwork.ErrNotFound)
	}
	return u, err
}
