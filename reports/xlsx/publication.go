package xlsx

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// WritePublication writes veroeffentlichung.xlsx, the workbook a public
// body may publish beside the overview. It holds aggregates only — no
// unit's own result, not even in a hidden sheet — and exactly the figures
// of scoring.Disclosure.Aggregates: the same groups are hidden ("•") as in
// the overview and aggregates.csv, so nothing in it can be computed back
// to a group too small to show. Its sheets, in order:
//
//   - Hinweise (About): what the workbook holds, the confidentiality rule
//     and where the figures come from;
//   - Kennzahlen (Figures): one row per group (all units of every wave,
//     each peer group's groups of the latest wave) with its size, the
//     mean and median of the overall score and of each top-level
//     dimension, and the share of each level;
//   - Daten (Data): every figure as a row, the columns of aggregates.csv;
//   - Methodik (Methodology): the model and how scores are computed.
//
// Texts are text cells, never formulas.
func WritePublication(w io.Writer, r *scoring.Results, o Options) error {
	wb, err := newWorkbook(r, o)
	if err != nil {
		return err
	}
	defer wb.close()
	aggs := wb.dis.Aggregates()
	for _, s := range []struct {
		name  string
		write func() error
	}{
		{wb.t.SheetAbout, wb.about},
		{wb.t.SheetFigures, func() error { return wb.publishedFigures(aggs) }},
		{wb.t.SheetData, func() error { return wb.publishedData(aggs) }},
		{wb.t.SheetMethod, wb.methodology},
	} {
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return wb.f.Write(w)
}

// about writes the Hinweise sheet.
func (wb *workbook) about() error {
	t, st := wb.t, &wb.st
	s, err := wb.newSheet(t.SheetAbout)
	if err != nil {
		return err
	}
	s.line(styledCell{V: wb.m.Name, Style: st.title, Spill: true})
	s.line(styledCell{V: t.PublicationTitle, Style: st.subtitle, Spill: true})
	s.skip(1)
	var waves []string
	for _, w := range wb.r.Waves {
		waves = append(waves, w.Label)
	}
	rows := [][2]string{{t.Waves, strings.Join(waves, ", ")}}
	if !wb.o.Date.IsZero() {
		rows = append(rows, [2]string{t.Date, wb.date(wb.o.Date)})
	}
	if !wb.o.DataCutoff.IsZero() {
		rows = append(rows, [2]string{t.DataCutoff, wb.date(wb.o.DataCutoff)})
	}
	if wb.m.Version != "" {
		rows = append(rows, [2]string{t.ModelVersion, wb.m.Version})
	}
	if wb.m.Fingerprint != "" { // explained on the Methodik sheet
		rows = append(rows, [2]string{t.ModelFingerprint, wb.m.Fingerprint})
	}
	for _, r := range rows {
		s.line(styledCell{V: r[0], Style: st.bold}, r[1])
	}
	s.skip(1)
	paras := []string{t.PublicationAbout, wb.suppressedNote(true), t.SecondaryNote, t.LevelShareNote, t.PublicationData} // the data sheet has quartiles
	if !wb.grouped() {
		// Only the figures of all units: no group of any peer group, and
		// no division whose groups a difference could give away.
		paras = []string{t.PublicationAboutAll, paras[1], t.LevelShareNote, t.PublicationData}
	}
	if wb.o.DataSource != "" {
		paras = append(paras, wb.o.DataSource)
	}
	for _, p := range paras {
		s.line(styledCell{V: p, Style: st.wrap})
	}
	s.setWidth(1, 28)
	s.setWidth(2, 90)
	return s.Err()
}

// date formats a day as the catalogue's language writes it.
func (wb *workbook) date(d time.Time) string {
	if wb.t.Lang == scoring.German {
		return d.Format("02.01.2006")
	}
	return d.Format("2006-01-02")
}

// groupKey names a group of the aggregates.
type groupKey struct {
	wave  scoring.WaveID
	pg    int
	group string
}

// publishedFigures writes the Kennzahlen sheet from the aggregates.
func (wb *workbook) publishedFigures(aggs []scoring.Aggregate) error {
	t, st, m := wb.t, &wb.st, wb.m
	s, err := wb.newSheet(t.SheetFigures)
	if err != nil {
		return err
	}
	s.line(styledCell{V: t.FiguresTitle, Style: st.title, Spill: true})
	s.line(styledCell{V: wb.suppressedNote(false), Style: st.note, Spill: true})
	s.line(styledCell{V: t.LevelShareNote, Style: st.note, Spill: true})
	s.skip(1)
	nodes := append([]*scoring.Node{m.Root()}, m.Dimensions()...)
	// The peer group and group only where some unit is in one: OWASP
	// SAMM's organisations had "all organisations" and an empty group on
	// every row.
	grouped := wb.grouped()
	headers := []string{t.Wave, t.PeerGroup, t.Group, t.GroupUnits}
	if !grouped {
		headers = []string{t.Wave, t.GroupUnits}
	}
	type column struct {
		node, level int
		stat        scoring.Statistic
	}
	var cols []column
	for i, n := range nodes {
		name := n.Name
		if i == 0 {
			name = t.Score
		}
		headers = append(headers, fmt.Sprintf(t.MeanOf, name), fmt.Sprintf(t.MedianOf, name))
		cols = append(cols, column{n.Index, 0, scoring.StatMean}, column{n.Index, 0, scoring.StatMedian})
	}
	levels := map[int]bool{}
	for _, a := range aggs {
		if a.Node < 0 {
			levels[a.Level] = true
		}
	}
	for _, l := range m.Levels.List {
		headers = append(headers, fmt.Sprintf(t.ShareOf, l.Label()))
		cols = append(cols, column{-1, l.Ordinal, scoring.StatShare})
	}
	if levels[0] {
		headers = append(headers, fmt.Sprintf(t.ShareOf, t.NoLevel))
		cols = append(cols, column{-1, 0, scoring.StatShare})
	}
	s.line(headerRow(headers, st.header)...)
	top := s.row
	// The groups in the order of the aggregates, each figure in its
	// column; "•" where it is hidden.
	type cellKey struct {
		g    groupKey
		node int
		lvl  int
		stat scoring.Statistic
	}
	figures := map[cellKey]scoring.Aggregate{}
	var order []groupKey
	units := map[groupKey]int{}
	for _, a := range aggs {
		g := groupKey{a.Wave, a.PeerGroup, a.Group}
		if _, ok := units[g]; !ok {
			order = append(order, g)
			units[g] = a.Units
		}
		figures[cellKey{g, a.Node, a.Level, a.Statistic}] = a
	}
	for _, g := range order {
		pg, group := t.AllUnits, g.group
		if g.pg >= 0 {
			pg = m.PeerGroups[g.pg].Name
		} else {
			group = ""
		}
		row := []any{wb.waveLabel(g.wave), pg, group, styledCell{V: units[g], Style: st.integer}}
		if !grouped {
			row = []any{row[0], row[3]}
		}
		for _, c := range cols {
			a, ok := figures[cellKey{g, c.node, c.level, c.stat}]
			switch {
			case !ok:
				row = append(row, nil)
			case a.Suppression != scoring.Published:
				row = append(row, styledCell{V: t.Suppressed, Style: st.suppressed})
			case c.stat == scoring.StatShare:
				row = append(row, styledCell{V: round1(a.Value) / 100, Style: st.share})
			default:
				row = append(row, styledCell{V: round1(a.Value), Style: st.score})
			}
		}
		s.line(row...)
	}
	s.fit(40)
	if err := s.Err(); err != nil {
		return err
	}
	if !grouped {
		return wb.freeze(s.name, 1, top)
	}
	return wb.freeze(s.name, 3, top)
}

// grouped reports whether some unit is in a group of some peer group
// (scoring.Presence): only then do the published figures have groups.
func (wb *workbook) grouped() bool { return slices.Contains(wb.r.Presence().PeerGroups, true) }

// publishedData writes the Daten sheet: the rows of aggregates.csv, with
// numbers as numbers.
func (wb *workbook) publishedData(aggs []scoring.Aggregate) error {
	t, st, m := wb.t, &wb.st, wb.m
	s, err := wb.newSheet(t.SheetData)
	if err != nil {
		return err
	}
	s.line(headerRow([]string{"wave", "group_by", "group", "units", "measure", "label", "level", "statistic", "value", "flag"}, st.header)...)
	top := s.row
	for _, a := range aggs {
		groupBy := "all"
		if a.PeerGroup >= 0 {
			groupBy = string(m.PeerGroups[a.PeerGroup].ID)
		}
		var measure, label, level any
		switch {
		case a.Node >= 0:
			measure, label = string(m.Nodes[a.Node].ID), m.Nodes[a.Node].Name
		case a.Level > 0:
			l := m.Levels.ByOrdinal(a.Level)
			measure, label, level = "level", l.Name, l.Number
		default:
			measure = "no_level"
		}
		var value, flag any
		switch a.Suppression {
		case scoring.TooSmall, scoring.FewScores, scoring.NoGroup:
			flag = "too_small"
		case scoring.Complementary:
			flag = "secondary"
		default:
			if a.Statistic == scoring.StatN || a.Statistic == scoring.StatCount {
				value = styledCell{V: a.Value, Style: st.integer}
			} else {
				value = styledCell{V: round1(a.Value), Style: st.score}
			}
		}
		s.line(string(a.Wave), groupBy, a.Group, a.Units, measure, label, level, a.Statistic.String(), value, flag)
	}
	s.fit(40)
	if err := s.Err(); err != nil {
		return err
	}
	return wb.freeze(s.name, 0, top)
}

// round1 rounds to the one decimal the pages show, as they round it.
func round1(x float64) float64 { return scoring.Round(x, 1) }
