package reports

import (
	"fmt"
	"io"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// WriteWorkbook writes reifegrad.xlsx: one row per unit and wave with its
// attributes, overall score, level, dimension scores and coverage. Text is
// always written as text (never as a formula).
func WriteWorkbook(w io.Writer, r *scoring.Results, o Options) error {
	t := texts(o.Language)
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.Results
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	m := r.Model
	dims := m.Dimensions()
	hdr := []any{t.Wave, t.ID, t.Name, t.District, t.SizeClass, t.Population, t.Score, t.Level}
	for _, d := range dims {
		hdr = append(hdr, d.Name)
	}
	hdr = append(hdr, t.Coverage)
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	for i := range r.Units {
		u := &r.Units[i]
		row := []any{string(u.Wave), string(u.Unit.ID), u.Unit.Name, u.Unit.District, u.SizeClass, optInt(u.Unit.Population),
			optScore(u.Overall()), m.Levels.ByOrdinal(u.Level).Name}
		for _, d := range dims {
			row = append(row, optScore(u.Nodes[d.Index]))
		}
		row = append(row, u.Overall().Coverage)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// optScore returns a score rounded to the precision people read, or nil
// for an empty cell when the node is not scored.
func optScore(s scoring.NodeScore) any {
	if !s.Scored() {
		return nil
	}
	return math.Round(s.Score*100) / 100
}

func optInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
