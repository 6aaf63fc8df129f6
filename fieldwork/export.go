package fieldwork

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// Columns names the unit columns of an export, as the importer is told to
// find them (the settings units.id, units.name, units.district and
// units.population). Empty fields take "ags", "gemeinde", "landkreis" and
// "einwohner", which the importer finds by default.
type Columns struct {
	ID, Name, District, Population string
}

// ReceivedColumn holds the time of each submission (local, with its
// offset: 2026-03-02T11:04:05+01:00); the importer reads it as the time of
// receipt ("eingang").
const ReceivedColumn = "eingang"

// IsExport reports whether firstLine (a file's first line, its byte
// order mark included) is the header WriteCSV writes with these columns:
// the file is an earlier export, which a new one may replace.
func (c Columns) IsExport(firstLine string) bool {
	return strings.HasPrefix(firstLine, "\ufeff"+strings.Join(c.header(), ";")+";")
}

func (c Columns) header() []string {
	return []string{cmp.Or(c.ID, "ags"), cmp.Or(c.Name, "gemeinde"), cmp.Or(c.District, "landkreis"),
		cmp.Or(c.Population, "einwohner"), ReceivedColumn}
}

// WriteCSV writes sheets in the shape the importer reads (reifegrad run
// -i): as German Excel saves "CSV UTF-8" — a byte order mark, ';' between
// fields, CRLF line ends — a header of the unit columns, the time of
// receipt and every question m asks (Asked) by its ID — m is the
// questionnaire of the sheets' wave (scoring.Model.Questionnaire) — then a row per sheet
// with its answers as stored, ordered by unit ID. A question without an
// answer gets NotAnsweredCell: empty, or the code for "not answered" where
// the scale would read an empty cell as nothing ticked; without such a
// code WriteCSV fails (ErrNoBlankCode) rather than export a wrong answer. A sheet's Answers are
// written as they are: pass the submitted answers (Store.Submissions) for
// an export of responses. units must hold every sheet's unit; a sheet of
// an unknown unit is an error, not a row with an empty name, and so is an
// answer to a question m does not ask (ErrNotAsked), not a column left out.
func WriteCSV(w io.Writer, m *scoring.Model, units []scoring.Unit, sheets []Sheet, cols Columns) error {
	byID := make(map[scoring.UnitID]*scoring.Unit, len(units))
	for i := range units {
		byID[units[i].ID] = &units[i]
	}
	sorted := slices.Clone(sheets)
	slices.SortFunc(sorted, func(a, b Sheet) int { return cmp.Compare(a.Unit, b.Unit) })
	asked := Asked(m)
	if err := unasked(sorted, asked); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	hdr := cols.header()
	for _, q := range asked {
		hdr = append(hdr, string(q.ID))
	}
	if err := cw.Write(hdr); err != nil {
		return err
	}
	open := make([]string, len(asked)) // the cell of a question left open
	for i, q := range asked {
		var ok bool
		if open[i], ok = NotAnsweredCell(m, q.Scale); !ok {
			return fmt.Errorf("question %s: scale %s %w", q.ID, q.Scale.ID, ErrNoBlankCode)
		}
	}
	row := make([]string, len(hdr))
	for _, s := range sorted {
		u, ok := byID[s.Unit]
		if !ok {
			return fmt.Errorf("sheet of unit %s: %w", s.Unit, ErrNotFound)
		}
		row[0], row[1], row[2], row[3] = string(u.ID), u.Name, u.District, ""
		if u.Population > 0 {
			row[3] = strconv.Itoa(u.Population)
		}
		row[4] = ""
		if !s.Submitted.IsZero() {
			// As the pages show it, in the server's local time, and with
			// its offset: the importer reads the instant back, and a
			// person reading the file knows the zone.
			row[4] = s.Submitted.Local().Format(time.RFC3339)
		}
		for i, q := range asked {
			row[5+i] = cmp.Or(s.Answers[q.ID], open[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ErrNotAsked is an answer stored for a question the wave's questionnaire
// does not ask: the model changed while the wave was open.
var ErrNotAsked = errors.New("questions the model does not ask in that wave (renamed or removed while the wave was open?): give the question its code back, or keep it in the model — context: true asks it for information only")

// unasked names the answers of sheets (sorted by unit) to questions not
// among asked; cleared answers are none.
func unasked(sheets []Sheet, asked []*scoring.Question) error {
	known := make(map[scoring.QuestionID]bool, len(asked))
	for _, q := range asked {
		known[q.ID] = true
	}
	var found []string
	n := 0
	for _, s := range sheets {
		var qs []string
		for id, v := range s.Answers {
			if v != "" && !known[id] {
				qs = append(qs, string(id))
			}
		}
		if len(qs) == 0 {
			continue
		}
		n++
		if len(found) < 10 {
			slices.Sort(qs)
			found = append(found, fmt.Sprintf("%s answered %s", s.Unit, strings.Join(qs, ", ")))
		}
	}
	if n == 0 {
		return nil
	}
	more := ""
	if n > len(found) {
		more = fmt.Sprintf(" and %d more units", n-len(found))
	}
	return fmt.Errorf("wave %s: %s%s: %w", sheets[0].Wave, strings.Join(found, ", "), more, ErrNotAsked)
}
