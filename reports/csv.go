package reports

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/scoring"
)

// InertText makes a text value safe for spreadsheets: a value that starts
// with '=', '+', '-', '@', a tab or a carriage return would be read as a
// formula by Excel or LibreOffice, so it gets a leading apostrophe (OWASP,
// "CSV Injection"). Numbers, including negative ones such as SoSci's -9,
// stay as they are.
func InertText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
			return s
		}
		return "'" + s
	}
	return s
}

// scoreRow is one line of scores.csv, the tidy long format: one row per
// unit × (overall | dimension | indicator). Its columns are a stable
// interface for R and pandas users.
type scoreRow struct {
	Wave     string `csv:"wave"`
	ID       string `csv:"ags"`
	Name     string `csv:"name"`
	Kind     string `csv:"kind"`
	NodeID   string `csv:"id"`
	Label    string `csv:"label"`
	Score    string `csv:"score"`
	Coverage string `csv:"coverage"`
	Level    string `csv:"level"`
}

// WriteScores writes scores.csv: comma-separated UTF-8, scores on 0–100
// with full precision (empty when not scored), coverage 0–1, the level
// name on overall rows.
func WriteScores(w io.Writer, r *scoring.Results) error {
	m := r.Model
	if len(r.Units) == 0 {
		return gocsv.MarshalCSV([]scoreRow{}, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
	}
	rows := make(chan any, 256)
	errc := make(chan error, 1)
	go func() {
		errc <- gocsv.MarshalChan(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
	}()
	for i := range r.Units {
		u := &r.Units[i]
		for ni, n := range m.Nodes {
			s := u.Nodes[ni]
			row := scoreRow{Wave: InertText(string(u.Wave)), ID: InertText(string(u.Unit.ID)), Name: InertText(u.Unit.Name),
				Kind: n.Kind.String(), NodeID: InertText(string(n.ID)), Label: InertText(n.Name),
				Coverage: strconv.FormatFloat(s.Coverage, 'g', -1, 64)}
			if s.Scored() {
				row.Score = strconv.FormatFloat(s.Score, 'g', -1, 64)
			}
			if ni == 0 && u.Level > 0 {
				row.Level = InertText(m.Levels.ByOrdinal(u.Level).Name)
			}
			rows <- row
		}
	}
	close(rows)
	return <-errc
}

// rejectRow is one line of rejects.csv.
type rejectRow struct {
	File   string `csv:"file"`
	Sheet  string `csv:"sheet"`
	Row    int    `csv:"row"`
	Column int    `csv:"column"`
	Wave   string `csv:"wave"`
	ID     string `csv:"ags"`
	Name   string `csv:"name"`
	Reason string `csv:"reason"`
}

// WriteRejects writes rejects.csv: every input row that was not scored,
// with file, row, column and reason. It has a header even when empty.
func WriteRejects(w io.Writer, r *scoring.Results) error {
	rows := make([]rejectRow, len(r.Rejects))
	for i, j := range r.Rejects {
		rows[i] = rejectRow{File: InertText(j.File), Sheet: InertText(j.Sheet), Row: j.Row, Column: j.Column,
			Wave: InertText(string(j.Wave)), ID: InertText(string(j.Unit)), Name: InertText(j.Name), Reason: InertText(j.Reason)}
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}
