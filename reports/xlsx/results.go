package xlsx

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// tableColumn is one column of a streamed table: header, cell format, and the
// value of a row. Value returns nil for an empty cell and may return an
// excelize.Cell to style one cell apart from its column.
type tableColumn[T any] struct {
	Header string
	Style  int
	Value  func(T) any
	Scale  bool // a score on 0–100: gets the colour scale
	Text   bool // text that may look like a number (AGS, raw answers)
}

// resultColumns are the columns of the Ergebnisse sheet.
func (wb *workbook) resultColumns() []tableColumn[*scoring.UnitResult] {
	t, st, m := wb.t, &wb.st, wb.m
	labels := map[scoring.WaveID]string{}
	for _, w := range wb.r.Waves {
		labels[w.ID] = w.Label
	}
	cols := []tableColumn[*scoring.UnitResult]{
		{Header: t.Wave, Text: true, Value: func(u *scoring.UnitResult) any { return labels[u.Wave] }},
		{Header: t.ID, Style: st.id, Text: true, Value: func(u *scoring.UnitResult) any { return string(u.Unit.ID) }},
		{Header: t.Name, Value: func(u *scoring.UnitResult) any { return u.Unit.Name }},
	}
	// District, size class and population where some unit has one: a
	// model of organisations or countries had three empty columns headed
	// in a municipality's words. So the percentile in a peer group.
	has := wb.r.Presence()
	if has.District {
		cols = append(cols, tableColumn[*scoring.UnitResult]{Header: t.District, Value: func(u *scoring.UnitResult) any { return u.Unit.District }})
	}
	if has.SizeClass {
		cols = append(cols, tableColumn[*scoring.UnitResult]{Header: t.SizeClass, Value: func(u *scoring.UnitResult) any { return u.SizeClass }})
	}
	if has.Population {
		cols = append(cols, tableColumn[*scoring.UnitResult]{Header: t.Population, Style: st.integer,
			Value: func(u *scoring.UnitResult) any { return positive(u.Unit.Population) }})
	}
	cols = append(cols, []tableColumn[*scoring.UnitResult]{
		{Header: t.Score, Style: st.score, Scale: true, Value: func(u *scoring.UnitResult) any { return wb.scoreValue(u.Nodes.At(0)) }},
		{Header: t.LevelNo, Value: func(u *scoring.UnitResult) any { return wb.levelNumber(u.Level) }},
		{Header: t.Level, Value: func(u *scoring.UnitResult) any {
			return excelize.Cell{StyleID: st.levelStyle(u.Level), Value: wb.levelName(u.Level)}
		}},
	}...)
	for _, n := range m.Nodes {
		if n.Kind != scoring.KindDimension {
			continue
		}
		cols = append(cols, tableColumn[*scoring.UnitResult]{Header: n.Name, Style: st.score, Scale: true,
			Value: func(u *scoring.UnitResult) any { return wb.scoreValue(u.Nodes.At(n.Index)) }})
	}
	cols = append(cols,
		tableColumn[*scoring.UnitResult]{Header: t.Coverage, Style: st.percent, Value: func(u *scoring.UnitResult) any {
			c := u.Overall().Coverage
			if style := wb.shareStyle(c, m.Nodes[0].MinCoverage); style != st.percent {
				return excelize.Cell{StyleID: style, Value: c}
			}
			return c
		}},
		tableColumn[*scoring.UnitResult]{Header: t.Note, Value: func(u *scoring.UnitResult) any {
			if u.LowCoverage {
				return t.LowCoverage
			}
			return nil
		}},
		tableColumn[*scoring.UnitResult]{Header: t.PercentileState, Style: st.percentile, Value: func(u *scoring.UnitResult) any {
			return wb.percentile(u.State, wb.r.Group(u.Wave, -1, ""))
		}})
	for pg, p := range m.PeerGroups {
		if !has.PeerGroup(pg) {
			continue
		}
		cols = append(cols, tableColumn[*scoring.UnitResult]{Header: fmt.Sprintf(t.PercentileIn, p.Name), Style: st.percentile,
			Value: func(u *scoring.UnitResult) any {
				pos := u.Peers[pg]
				if pos.Group == "" {
					return nil // the unit has no value for this peer group
				}
				return wb.percentile(pos, wb.r.Group(u.Wave, pg, pos.Group))
			}})
	}
	// The change of the overall score since the previous wave, on the
	// questions both asked the same way (see the notes in Übersicht);
	// empty for a first wave, a unit new to the survey, or one others
	// merged into. Last, so that the columns before keep their places.
	return append(cols, tableColumn[*scoring.UnitResult]{Header: t.ChangeCol, Style: st.score, Value: func(u *scoring.UnitResult) any {
		if c, ok := wb.r.Change(u, 0); ok {
			return c.Delta
		}
		return nil
	}})
}

// percentile is a unit's percentile in a group for a cell, by the rule of
// the profile pages: "•" when the group's overall statistics are
// suppressed (see disclosure; p.N is the number of its units with an
// overall score); empty when the unit has no percentile (not scored, or
// alone).
func (wb *workbook) percentile(p scoring.Position, g *scoring.GroupStats) any {
	if wb.dis.Node(g, 0) != scoring.Published {
		return excelize.Cell{StyleID: wb.st.suppressed, Value: wb.t.Suppressed}
	}
	if math.IsNaN(p.Percentile) {
		return nil
	}
	return p.Percentile
}

// scoreValue is a unit's score (actual or projected) for a cell, at full
// precision; nil (an empty cell) when the node is not scored. The column
// shows one decimal; where one decimal would reach a level's or
// criterion's minimum the score does not reach (59.96 would show 60.0
// beside level 1 below 60), the cell gets a number format with as many
// decimals as scoring.Rounding.Decimals asks, so Excel shows 59.96.
func (wb *workbook) scoreValue(s scoring.NodeScore) any {
	if !s.Scored() {
		return nil
	}
	if d := wb.round.Decimals(s.Score); d > 1 {
		return excelize.Cell{StyleID: wb.st.scoreIn(wb.f, d), Value: s.Score}
	}
	return s.Score
}

// positive is n for a cell, or nil for the zero that means unknown.
func positive(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// levelNumber is the number of the level with the given ordinal, as the
// model numbers it (from 0 in SAMM), or an empty cell for no level: never
// a 0 that would read as level 0.
func (wb *workbook) levelNumber(ordinal int) any {
	if ordinal <= 0 {
		return nil
	}
	return wb.m.Levels.ByOrdinal(ordinal).Number
}

// results writes the Ergebnisse sheet with the stream writer: one row per
// unit and wave.
func (wb *workbook) results() error {
	cols := wb.resultColumns()
	rows := make([]*scoring.UnitResult, len(wb.r.Units))
	for i := range wb.r.Units {
		rows[i] = &wb.r.Units[i]
	}
	return streamTable(wb, wb.t.SheetResults, cols, rows, 3)
}

// indicatorRow is one line of the Indikatoren sheet: a unit's indicator
// and one of its questions.
type indicatorRow struct {
	u *scoring.UnitResult
	n *scoring.Node
	q int // index into Model.Questions, -1 when the indicator has none
}

// indicatorColumns are the columns of the Indikatoren sheet.
func (wb *workbook) indicatorColumns() []tableColumn[indicatorRow] {
	t, st, m := wb.t, &wb.st, wb.m
	top := make([]string, len(m.Nodes)) // name of each node's top-level dimension
	for _, n := range m.Nodes {
		if n.Depth == 1 {
			top[n.Index] = n.Name
		} else if n.Depth > 1 {
			top[n.Index] = top[n.Parent]
		}
	}
	labels := map[scoring.WaveID]string{}
	for _, w := range wb.r.Waves {
		labels[w.ID] = w.Label
	}
	return []tableColumn[indicatorRow]{
		{Header: t.Wave, Text: true, Value: func(r indicatorRow) any { return labels[r.u.Wave] }},
		{Header: t.ID, Style: st.id, Text: true, Value: func(r indicatorRow) any { return string(r.u.Unit.ID) }},
		{Header: t.Name, Value: func(r indicatorRow) any { return r.u.Unit.Name }},
		{Header: t.Dimension, Value: func(r indicatorRow) any { return top[r.n.Index] }},
		{Header: t.IndicatorID, Value: func(r indicatorRow) any { return string(r.n.ID) }},
		{Header: t.Indicator, Value: func(r indicatorRow) any { return r.n.Name }},
		{Header: t.Weight, Style: st.number, Value: func(r indicatorRow) any { return r.n.Weight }},
		{Header: t.Value, Style: st.score, Scale: true, Value: func(r indicatorRow) any { return wb.scoreValue(r.u.Nodes.At(r.n.Index)) }},
		{Header: t.State, Value: func(r indicatorRow) any { return t.States[r.u.Nodes.At(r.n.Index).State] }},
		{Header: t.Question, Value: func(r indicatorRow) any {
			if r.q < 0 {
				return nil
			}
			return string(m.Questions[r.q].ID)
		}},
		{Header: t.Answer, Text: true, Value: func(r indicatorRow) any {
			if r.q < 0 || r.u.Response == nil || r.q >= r.u.Response.Answers.Len() || r.u.Response.Answers.At(r.q) == "" {
				return nil
			}
			return r.u.Response.Answers.At(r.q)
		}},
	}
}

// indicators writes the Indikatoren sheet: the long table unit × indicator
// × question. An indicator read from several questions has a row per
// question, each with the indicator's score, so every raw answer has its
// own cell.
//
// When the long table would not fit in one sheet (more rows than Excel
// allows: 10,786 units × 200 questions are 2.2 million rows), it becomes
// two wide tables, one row per unit and wave: Indikatoren with a column per
// indicator's score and Antworten with a column per question's raw answer.
// They hold the same scores and answers in about a fifth of the cells; the
// long layout spread over three sheets took a third of a national run
// (11.5 s of 33 s, see BENCHMARKS.md) and made a 100 MB workbook.
func (wb *workbook) indicators() error {
	inds := wb.m.Indicators()
	long := 0
	for _, n := range inds {
		long += max(1, len(n.Questions))
	}
	if long*len(wb.r.Units) >= wb.rowLimit {
		return wb.indicatorsWide(inds)
	}
	rows := make([]indicatorRow, 0, long*len(wb.r.Units))
	for i := range wb.r.Units {
		u := &wb.r.Units[i]
		for _, n := range inds {
			if len(n.Questions) == 0 {
				rows = append(rows, indicatorRow{u, n, -1})
			}
			for _, q := range n.Questions {
				rows = append(rows, indicatorRow{u, n, q})
			}
		}
	}
	return streamParts(wb, wb.t.SheetIndicators, wb.indicatorColumns(), rows)
}

// indicatorsWide writes the wide Indikatoren and Antworten sheets.
func (wb *workbook) indicatorsWide(inds []*scoring.Node) error {
	t, st, m := wb.t, &wb.st, wb.m
	units := make([]*scoring.UnitResult, len(wb.r.Units))
	for i := range wb.r.Units {
		units[i] = &wb.r.Units[i]
	}
	scores := wb.unitColumns()
	for _, n := range inds {
		scores = append(scores, tableColumn[*scoring.UnitResult]{Header: n.Name, Style: st.score, Scale: true,
			Value: func(u *scoring.UnitResult) any { return wb.scoreValue(u.Nodes.At(n.Index)) }})
	}
	if err := streamParts(wb, t.SheetIndicators, scores, units); err != nil {
		return err
	}
	answers := wb.unitColumns()
	for qi, q := range m.Questions {
		answers = append(answers, tableColumn[*scoring.UnitResult]{Header: string(q.ID), Text: true,
			Value: func(u *scoring.UnitResult) any {
				if u.Response == nil || qi >= u.Response.Answers.Len() || u.Response.Answers.At(qi) == "" {
					return nil
				}
				return u.Response.Answers.At(qi)
			}})
	}
	return streamParts(wb, t.SheetAnswers, answers, units)
}

// unitColumns are the leading columns that say whose row it is.
func (wb *workbook) unitColumns() []tableColumn[*scoring.UnitResult] {
	t, st := wb.t, &wb.st
	labels := map[scoring.WaveID]string{}
	for _, w := range wb.r.Waves {
		labels[w.ID] = w.Label
	}
	return []tableColumn[*scoring.UnitResult]{
		{Header: t.Wave, Text: true, Value: func(u *scoring.UnitResult) any { return labels[u.Wave] }},
		{Header: t.ID, Style: st.id, Text: true, Value: func(u *scoring.UnitResult) any { return string(u.Unit.ID) }},
		{Header: t.Name, Value: func(u *scoring.UnitResult) any { return u.Unit.Name }},
	}
}

// streamParts writes rows as a streamed table; beyond Excel's row limit it
// goes on in further sheets ("Indikatoren 2", …), each with its header.
func streamParts[T any](wb *workbook, name string, cols []tableColumn[T], rows []T) error {
	per := wb.rowLimit - 1 // one row for the header
	for part := 0; part == 0 || part*per < len(rows); part++ {
		sheet := name
		if part > 0 {
			sheet = fmt.Sprintf("%s %d", name, part+1)
		}
		if err := streamTable(wb, sheet, cols, rows[part*per:min((part+1)*per, len(rows))], 3); err != nil {
			return err
		}
	}
	return nil
}

// maxColumnWidth bounds fitted columns; longer text is cut off visually
// but kept whole in the cell.
const maxColumnWidth = 50

// streamTable writes rows as a table on a new sheet with the stream writer:
// a header, then one line per row. The header and the first freeze
// columns stay in view; the table gets an autofilter, fitted column
// widths, the column formats, and a colour scale on its score columns.
// Everything that must reach the sheet's XML is set before Flush: the
// stream writer silently drops what comes after.
func streamTable[T any](wb *workbook, name string, cols []tableColumn[T], rows []T, freeze int) error {
	if err := wb.addSheet(name); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := columnWidths(cols, rows)
	headers := make([]string, len(cols))
	hdr := make([]any, len(cols))
	// The stream writer puts each column it is told about first; going
	// from the last column to the first leaves them in the ascending order
	// Excel expects.
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		headers[i] = c.Header
		hdr[i] = excelize.Cell{StyleID: wb.st.header, Value: c.Header}
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
		if c.Style != 0 {
			if err := sw.SetColStyle(i+1, i+1, c.Style); err != nil {
				return err
			}
		}
	}
	topLeft, _ := excelize.CoordinatesToCellName(freeze+1, 2)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freeze, YSplit: 1, TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", hdr, excelize.RowOpts{Height: headerHeight(headers, widths)}); err != nil {
		return err
	}
	if err := tableRows(wb, sw, name, cols, rows); err != nil {
		return err
	}
	last := len(rows) + 1
	if err := wb.filter(name, area(1, 1, len(cols), last)); err != nil {
		return err
	}
	// Printed, every page repeats the header.
	if err := wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(name) + "!$1:$1", Scope: name}); err != nil {
		return err
	}
	if len(rows) > 0 {
		for i, c := range cols {
			switch {
			case c.Scale:
				err = wb.f.SetConditionalFormat(name, area(i+1, 2, i+1, last), []excelize.ConditionalFormatOptions{scoreScale})
			case c.Text:
				err = wb.f.AddIgnoredErrors(name, area(i+1, 2, i+1, last), excelize.IgnoredErrorsNumberStoredAsText)
			}
			if err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// tableRows writes the rows of a streamed table below its header: as a
// sheet body (see splice.go), or through the stream writer when the
// workbook has no deflater (tests compare the two).
func tableRows[T any](wb *workbook, sw *excelize.StreamWriter, name string, cols []tableColumn[T], rows []T) error {
	vals := make([]any, len(cols))
	progress := func(done int) {
		if wb.o.Progress != nil && (done%progressRows == 0 || done == len(rows)) {
			wb.o.Progress(name, done, len(rows))
		}
	}
	if wb.deflate == nil {
		for i, row := range rows {
			for j, c := range cols {
				vals[j] = cellValue(c.Value(row))
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, vals); err != nil {
				return fmt.Errorf("row %d: %w", i+2, err)
			}
			progress(i + 1)
		}
		return nil
	}
	if len(rows) == 0 {
		return nil
	}
	body := wb.deflate.writer()
	if err := sw.SetRow("A2", []any{body.b.marker}); err != nil {
		return err
	}
	styles := make([]int, len(cols))
	for i, c := range cols {
		styles[i] = c.Style
	}
	enc := newRowEncoder(styles)
	for i, row := range rows {
		for j, c := range cols {
			vals[j] = cellValue(c.Value(row))
		}
		var err error
		if body.buf, err = enc.row(body.buf, i+2, vals); err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
		body.flush(false)
		progress(i + 1)
	}
	body.flush(true)
	return nil
}

// progressRows is how often a table reports its progress, in rows.
const progressRows = 4096

// scoreScale shades scores from white (0) to blue (100): the same scale in
// every column, so colours compare across dimensions.
var scoreScale = excelize.ConditionalFormatOptions{Type: "2_color_scale", Criteria: "=",
	MinType: "num", MinValue: "0", MinColor: "#" + scaleLow, MaxType: "num", MaxValue: "100", MaxColor: "#" + scaleHigh}

// columnWidths fits each column to its header (which wraps, so counts at
// most 12 characters) and its widest value. Large tables are sampled: the
// width must be known before the first streamed row.
func columnWidths[T any](cols []tableColumn[T], rows []T) []float64 {
	widths := make([]float64, len(cols))
	step := max(len(rows)/20000, 1)
	for i, c := range cols {
		w := min(textWidth(c.Header), 12)
		for j := 0; j < len(rows); j += step {
			v := c.Value(rows[j])
			if x, ok := v.(excelize.Cell); ok {
				v = x.Value
			}
			if v != nil {
				w = max(w, textWidth(v))
			}
		}
		widths[i] = min(max(w+2, 6), maxColumnWidth)
	}
	return widths
}
