package survey

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// ErrDataAboveHeader: rows above the header row hold answers, so the
// header row is not the first row of the table.
var ErrDataAboveHeader = errors.New("responses above the header row")

// ErrHeaderNotFirst: the header row lies below more rows than title rows
// fill.
var ErrHeaderNotFirst = errors.New("header row far down the table")

// titleRow is a row above the header row that is not blank: a title, a
// date, a note — or, when a table was sorted with its header row inside
// the range, a response.
type titleRow struct {
	rec []string
	row int
}

// dataAbove refuses a file with responses above its header row. Title
// rows are skipped, and a row skipped is a row not scored: when Excel
// sorts a table with its header row in the range, the header lands among
// the data and every response above it would vanish without a reason. A
// row is a response when its unit cell holds a unit the reader would take
// (an AGS in the register, a name the register knows) or, short of a
// register, a unit id beside at least one answer its question's scale
// takes. A title ("Umfrage 2026", "Stand: 01.03.2024") has neither.
// answer, when not nil, says whether a row holds such an answer (the
// long layout's question and answer columns); else the question columns
// of p are read.
func (hm *headerMatcher) dataAbove(p *plan, above []titleRow, hdrRow int, answer func([]string) bool) error {
	var rows []int
	var first string
	key := p.id
	if p.byName {
		key = p.name
	}
	for _, t := range above {
		unit, sure := hm.unitAbove(p, t.rec)
		if unit == "" {
			continue
		}
		if !sure {
			if answer != nil {
				sure = answer(t.rec)
			} else {
				sure = hm.answersFit(p, t.rec)
			}
		}
		if !sure {
			continue
		}
		if rows == nil {
			first = fmt.Sprintf("row %d: %q in column %d", t.row, clip(unit, 40), key+1)
		}
		rows = append(rows, t.row)
	}
	if rows == nil {
		return nil
	}
	hold := "hold units and answers"
	if len(rows) == 1 {
		hold = "holds a unit and answers"
	}
	return &ParseError{Row: rows[0], Column: key + 1, Err: fmt.Errorf("%w (row %d): %s %s (%s); they would not be scored. "+
		"The header row is not the first row of the table: was it sorted with the header row inside the range? "+
		"Sort it again without the header row (Excel: \"Daten haben Überschriften\"), or move the header row back to the top",
		ErrDataAboveHeader, hdrRow, spans(rows), hold, first)}
}

// unitAbove returns the unit a row above the header names in its unit
// cell, as the reader would take it, and whether that alone makes it a
// response: an AGS the register holds, or a name it matches. It returns
// "" when the cell holds no unit.
func (hm *headerMatcher) unitAbove(p *plan, rec []string) (unit string, sure bool) {
	opt := hm.opt
	if p.byName {
		name := strings.TrimSpace(field(rec, p.name))
		if name == "" || opt.Register == nil {
			return "", false
		}
		if _, err := opt.Register.MatchName(name, strings.TrimSpace(field(rec, p.district))); err != nil {
			return "", false
		}
		return name, true
	}
	raw := strings.TrimSpace(field(rec, p.id))
	if raw == "" || utf8.RuneCountInString(raw) > MaxIDChars {
		return "", false
	}
	if !opt.UnitsAreMunicipalities {
		return raw, false
	}
	id, ok, _ := agsOf(raw)
	if !ok {
		return "", false
	}
	if opt.Register != nil {
		_, known := opt.Register.Lookup(id)
		return raw, known
	}
	return raw, false
}

// answersFit reports whether a row holds at least one answer that its
// question's scale takes.
func (hm *headerMatcher) answersFit(p *plan, rec []string) bool {
	for q, f := range p.direct {
		v := field(rec, f)
		if strings.TrimSpace(v) == "" {
			continue
		}
		if sc := hm.m.Questions[q].Scale; sc != nil {
			if st := sc.Parse(v).Status; st != scoring.Invalid && st != scoring.Blank {
				return true
			}
		}
	}
	return false
}

// spans writes ascending row numbers as runs: "rows 1–11, 14".
func spans(rows []int) string {
	var b strings.Builder
	b.WriteString("row")
	if len(rows) > 1 {
		b.WriteString("s")
	}
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %d", rows[i])
		if j > i {
			fmt.Fprintf(&b, "–%d", rows[j])
		}
		i = j + 1
	}
	return b.String()
}
