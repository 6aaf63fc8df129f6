package csv

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/scoring"
)

// InertText makes a text value safe to open in a spreadsheet (OWASP,
// "CSV Injection"). Excel and LibreOffice read a cell that starts with
// '=', '+', '-' or '@' as a formula, and a leading tab or carriage return
// can hide one; such a cell gets a leading apostrophe, which makes it
// text. InertText returns s itself when nothing needs changing.
//
// Where OWASP's advice leaves room, InertText decides:
//
//   - A plain number ("-9", "+3", "2.5", "3,5", "1e3") stays as it is: it
//     is data, SoSci's -9 among it, and cannot run anything.
//   - Leading spaces and double quotes are looked past: an import that
//     trims spaces or strips quotes turns ` =1+1` or `"=1+1` into a
//     formula. An apostrophe is not looked past: it is what makes a cell
//     text.
//   - A cell can start inside a value, too: German Excel splits a
//     comma-separated file at ';', and simple readers split at tabs and
//     line breaks. Every part after a ';', tab, CR or LF is checked like
//     a value of its own and gets the apostrophe right after the
//     separator. Such values are rare in names and reasons; an apostrophe
//     too many there is a small price for a file that is safe in every
//     locale.
func InertText(s string) string {
	if !strings.ContainsAny(s, "=+-@\t\r") {
		return s
	}
	var b strings.Builder
	done := 0  // s[:done] is in b
	start := 0 // where the current cell starts
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !isCellSeparator(s[i]) {
			continue
		}
		if formulaStart(s[start:i]) || (start == 0 && (s[0] == '\t' || s[0] == '\r')) {
			b.WriteString(s[done:start])
			b.WriteByte('\'')
			done = start
		}
		start = i + 1
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// isCellSeparator reports whether a spreadsheet may start a new cell
// after c when it reads a CSV file in another shape than it was written.
func isCellSeparator(c byte) bool { return c == ';' || c == '\t' || c == '\r' || c == '\n' }

// formulaStart reports whether a spreadsheet would read cell as a formula:
// after spaces and double quotes it starts with '=', '+', '-' or '@' and it
// is not a plain number.
func formulaStart(cell string) bool {
	t := strings.TrimLeftFunc(cell, func(r rune) bool { return r == '"' || unicode.IsSpace(r) })
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@':
		return !plainNumber(strings.TrimSpace(cell))
	}
	return false
}

// plainNumber reports whether s is a decimal number as spreadsheets write
// it: an optional sign, digits, an optional decimal point or comma with
// digits, an optional exponent. "Inf", "NaN", hex and thousands
// separators are not plain numbers.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		return false
	}
	if i < len(s) && (s[i] == '.' || s[i] == ',') {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
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
// name on overall rows. It returns the first error of w.
//
// Rows go to gocsv in batches, the first with the header: gocsv's
// channel interface would need a producer goroutine, which blocks for
// good once gocsv returns early on a failing writer.
func WriteScores(w io.Writer, r *scoring.Results) error {
	m := r.Model
	cw := gocsv.NewSafeCSVWriter(csv.NewWriter(w))
	const batch = 4096
	rows := make([]scoreRow, 0, min(batch, len(r.Units)*len(m.Nodes)))
	header := true
	flush := func() error {
		var err error
		if header {
			err = gocsv.MarshalCSV(rows, cw)
		} else {
			err = gocsv.MarshalCSVWithoutHeaders(rows, cw)
		}
		header, rows = false, rows[:0]
		return err
	}
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
			rows = append(rows, row)
			if len(rows) == batch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if len(rows) > 0 || header {
		return flush()
	}
	return nil
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
