package csv

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// WriteScores writes scores.csv: comma-separated UTF-8, scores on 0–100
// with full precision (empty when not scored), coverage 0–1 (empty where
// no question below the node applies: the share of nothing is no
// share, and 0 read as "nothing answered"), the level name on overall
// rows. It returns the first error of w.
//
// The rows are exactly what gocsv writes for scoreRow (its tags give the
// header; TestWriteScoresAsGocsv compares the two), but put together from
// parts quoted once — a unit's wave, id and name, a node's kind, id and
// label, the level names — with the two numbers appended in place: the
// national file has two million rows, and gocsv's reflection over every
// field of every row cost 4× the whole writing of the bytes
// (BenchmarkWriteScores).
func WriteScores(w io.Writer, r *scoring.Results) error {
	m := r.Model
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString(scoresHeader)
	node := make([]string, len(m.Nodes)) // ",kind,id,label,"
	for ni, n := range m.Nodes {
		node[ni] = "," + csvLine(n.Kind.String(), InertText(string(n.ID)), InertText(n.Name)) + ","
	}
	level := make([]string, len(m.Levels.List)+1) // by ordinal; 0: none
	for o := 1; o < len(level); o++ {
		level[o] = csvLine(InertText(m.Levels.ByOrdinal(o).Name))
	}
	var nums numberCache
	var line []byte
	for i := range r.Units {
		u := &r.Units[i]
		unit := csvLine(InertText(string(u.Wave)), InertText(string(u.Unit.ID)), InertText(u.Unit.Name))
		for ni := range m.Nodes {
			s := u.Nodes.At(ni)
			line = append(append(line[:0], unit...), node[ni]...)
			if s.Scored() {
				line = append(line, nums.format(s.Score)...)
			}
			line = append(line, ',')
			if s.State != scoring.NotApplies {
				line = append(line, nums.format(s.Coverage)...)
			}
			line = append(line, ',')
			if ni == 0 {
				line = append(line, level[u.Level]...)
			}
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// scoresHeader is the header gocsv writes for scoreRow.
const scoresHeader = "wave,ags,name,kind,id,label,score,coverage,level\n"

// csvLine is fields as encoding/csv writes them in one line (the line
// break left out), quoted where needed. Where no field needs quotes, that
// is the fields joined by commas: a csv.Writer per call took a 4 KiB
// buffer each time, 44 MB for a national run's rows (one call a unit).
func csvLine(fields ...string) string {
	if !slices.ContainsFunc(fields, needsQuotes) {
		return strings.Join(fields, ",")
	}
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Write(fields)
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// needsQuotes reports whether encoding/csv quotes field with its default
// comma: a field with a comma, a quote or a line break, a leading space
// (unicode.IsSpace) and `\.`.
func needsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if strings.ContainsAny(field, ",\"\r\n") || field == `\.` {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// numberCache formats numbers at full precision as strconv does, keeping
// the last few thousand: scores and coverages repeat (0, 100, 1, the
// points of a scale's answers), and shortest formatting is the dearest
// step of writing a row.
type numberCache struct {
	bits [1024]uint64
	text [1024]string
}

func (c *numberCache) format(x float64) string {
	b := math.Float64bits(x)
	k := (b ^ b>>29 ^ b>>43) & 1023
	if c.bits[k] == b && c.text[k] != "" {
		return c.text[k]
	}
	t := strconv.FormatFloat(x, 'g', -1, 64)
	c.bits[k], c.text[k] = b, t
	return t
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
