package xlsx

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// groups writes the Gruppen sheet: for every wave and peer group, the
// number of units and the statistics of the overall score and the mean of
// each top-level dimension. Statistics of a group smaller than the minimum
// group size, and of groups hidden so that such a group cannot be computed
// by difference, are suppressed as in the HTML reports; so is the number of
// units scored, which says of a group of one whether it answered enough.
// The number of units is always shown: who took part is no answer.
func (wb *workbook) groups() error {
	t, st, r := wb.t, &wb.st, wb.r
	s, err := wb.newSheet(t.SheetGroups)
	if err != nil {
		return err
	}
	s.line(styledCell{V: t.GroupsTitle, Style: st.title, Spill: true})
	note := wb.suppressedNote(true) // the table has quartiles
	nodes := append([]*scoring.Node{wb.m.Root()}, wb.m.Dimensions()...)
	if wb.dis.HidesSmallGroups() && slices.ContainsFunc(r.Groups, func(g scoring.GroupStats) bool {
		return slices.ContainsFunc(nodes, func(n *scoring.Node) bool {
			return wb.dis.Node(&g, n.Index) == scoring.TooSmall && wb.dis.FewScored(&g, n.Index)
		})
	}) {
		// "•" for a group large enough, too few of it scored there.
		note += " " + fmt.Sprintf(t.ScoredNoteF, wb.dis.MinGroup())
	}
	if wb.dis.AnyComplementary() {
		note += " " + t.SecondaryNote // on the same line, so the table starts where it always does
	}
	s.line(styledCell{V: note, Style: st.note, Spill: true})
	s.skip(1)
	dims := wb.m.Dimensions()
	headers := []string{t.Wave, t.PeerGroup, t.Group, t.GroupUnits, t.N, t.Mean, t.Median, t.Q1, t.Q3}
	for _, d := range dims {
		headers = append(headers, fmt.Sprintf(t.DimMean, d.Name))
	}
	hdr := make([]any, len(headers))
	for i, h := range headers {
		hdr[i] = styledCell{V: h, Style: st.header, Spill: true}
	}
	hrow := s.line(hdr...)
	labels := map[scoring.WaveID]string{}
	for _, w := range r.Waves {
		labels[w.ID] = w.Label
	}
	// By wave, then peer group, then group as every output lists them
	// (size classes from the smallest).
	waveAt := map[scoring.WaveID]int{}
	for i, w := range r.Waves {
		waveAt[w.ID] = i
	}
	groups := make([]*scoring.GroupStats, len(r.Groups))
	for i := range r.Groups {
		groups[i] = &r.Groups[i]
	}
	slices.SortStableFunc(groups, func(a, b *scoring.GroupStats) int {
		return cmp.Or(cmp.Compare(waveAt[a.Wave], waveAt[b.Wave]), cmp.Compare(a.PeerGroup, b.PeerGroup), wb.m.CompareGroups(a.PeerGroup, a.Group, b.Group))
	})
	for _, g := range groups {
		pg, name := t.AllUnits, t.AllUnits
		if g.PeerGroup >= 0 {
			pg, name = wb.m.PeerGroups[g.PeerGroup].Name, g.Group
		}
		scored := styledCell{V: g.Nodes[0].N, Style: st.integer}
		if wb.dis.Units(g) != scoring.Published {
			scored = styledCell{V: t.Suppressed, Style: st.suppressed}
		}
		row := []any{labels[g.Wave], pg, name, styledCell{V: g.Units, Style: st.integer}, scored,
			wb.stat(g, 0, func(s scoring.Stats) float64 { return s.Mean }),
			wb.stat(g, 0, func(s scoring.Stats) float64 { return s.Median }),
			wb.quartile(g, 0, func(s scoring.Stats) float64 { return s.Q1 }),
			wb.quartile(g, 0, func(s scoring.Stats) float64 { return s.Q3 })}
		for _, d := range dims {
			row = append(row, wb.stat(g, d.Index, func(s scoring.Stats) float64 { return s.Mean }))
		}
		s.line(row...)
	}
	widths := make([]float64, len(headers))
	for i := range headers {
		widths[i] = 12
		if i < len(s.width) {
			widths[i] = min(max(s.width[i]+2, 12), 40)
		}
		s.setWidth(i+1, widths[i])
	}
	if err := s.Err(); err != nil {
		return err
	}
	if err := wb.f.SetRowHeight(s.name, hrow, headerHeight(headers, widths)); err != nil {
		return err
	}
	if err := wb.freeze(s.name, 3, hrow); err != nil {
		return err
	}
	if err := wb.filter(s.name, area(1, hrow, len(headers), max(s.row, hrow))); err != nil {
		return err
	}
	if s.row > hrow {
		return wb.f.SetConditionalFormat(s.name, area(6, hrow+1, len(headers), s.row), []excelize.ConditionalFormatOptions{scoreScale})
	}
	return nil
}

// freeze keeps the first cols columns and the rows up to hrow in view.
func (wb *workbook) freeze(sheet string, cols, hrow int) error {
	topLeft, _ := excelize.CoordinatesToCellName(cols+1, hrow+1)
	return wb.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: hrow, TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}}})
}

// quality writes the Datenqualität sheet: every rejected row with its
// reason, answers that fit no scale counted per question and value,
// duplicates, units not scored for low coverage, and all other notes —
// as the overview, without the findings about the units of a wave too
// small to show (scoring.Disclosure.Finding), and saying so.
func (wb *workbook) quality() error {
	t := wb.t
	s, err := wb.newSheet(t.SheetQuality)
	if err != nil {
		return err
	}
	s.line(styledCell{V: t.SheetQuality, Style: wb.st.title, Spill: true})
	var hidden []string
	for _, w := range wb.r.Waves {
		if !wb.findingsShown(w.ID) {
			hidden = append(hidden, w.Label)
		}
	}
	if len(hidden) > 0 {
		s.line(styledCell{V: fmt.Sprintf(t.QualHiddenF, wb.dis.MinGroup(), strings.Join(hidden, ", ")), Style: wb.st.note, Spill: true})
	}
	sections := []struct {
		title   string
		headers []string
		rows    [][]any
	}{
		{t.RejectsTitle, []string{t.File, t.Sheet, t.Row, t.Column, t.Wave, t.ID, t.Name, t.Reason}, wb.rejectRows()},
		{t.UnknownTitle, []string{t.Wave, t.Question, t.Answer, t.Kind, t.Count, t.Places}, wb.unknownAnswerRows()},
		{t.DuplicatesTitle, []string{t.Place, t.Wave, t.ID, t.Message}, wb.issueRows(scoring.IssueDuplicate)},
		{t.LowCoverageTitle, []string{t.Wave, t.ID, t.Name, t.Area, t.Coverage, t.Needed}, wb.lowCoverageRows()},
		{t.OtherTitle, []string{t.Kind, t.Place, t.Wave, t.ID, t.Message}, wb.otherIssueRows()},
	}
	for _, sec := range sections {
		s.skip(1)
		s.line(styledCell{V: fmt.Sprintf("%s (%d)", sec.title, len(sec.rows)), Style: wb.st.section, Spill: true})
		hdr := make([]any, len(sec.headers))
		for i, h := range sec.headers {
			hdr[i] = styledCell{V: h, Style: wb.st.header}
		}
		s.line(hdr...)
		if len(sec.rows) == 0 {
			s.line(styledCell{V: t.None, Style: wb.st.note})
		}
		for i, row := range sec.rows {
			if i == maxListed {
				s.line(styledCell{V: fmt.Sprintf(t.MoreRowsF, len(sec.rows)-i), Style: wb.st.note, Spill: true})
				break
			}
			s.line(row...)
		}
	}
	s.fit(60)
	return s.Err()
}

// findings are the data-quality findings the workbook may list and count
// (scoring.Disclosure.Finding).
func (wb *workbook) findings() []scoring.Issue {
	var out []scoring.Issue
	for _, is := range wb.r.Issues {
		if wb.dis.Finding(is) == scoring.Published {
			out = append(out, is)
		}
	}
	return out
}

// findingsShown reports whether the findings about the units of a wave
// are shown: whether its figures over all its units are
// (scoring.Disclosure.Finding).
func (wb *workbook) findingsShown(wave scoring.WaveID) bool {
	return wb.dis.Units(wb.r.Group(wave, -1, "")) == scoring.Published
}

// maxListed bounds each list of the Datenqualität sheet. A file of
// mostly broken rows could otherwise overflow the sheet (Excel's 1,048,576
// rows) and fail the whole run; the complete lists are in rejects.csv and
// 'reifegrad check'.
const maxListed = 10000

func (wb *workbook) rejectRows() [][]any {
	st := &wb.st
	rows := make([][]any, len(wb.r.Rejects))
	for i, j := range wb.r.Rejects {
		rows[i] = []any{j.File, j.Sheet, positive(j.Row), positive(j.Column), string(j.Wave),
			styledCell{V: string(j.Unit), Style: st.id}, j.Name, styledCell{V: wb.d.Reject(j), Style: st.wrap}}
	}
	return rows
}

// unknownAnswerRows counts answers outside their scale per question,
// value and kind, in model order, most frequent value first; up to five
// places show where to look.
func (wb *workbook) unknownAnswerRows() [][]any {
	type key struct {
		wave  scoring.WaveID
		q     scoring.QuestionID
		value string
		kind  scoring.IssueKind
	}
	counts := map[key]int{}
	places := map[key][]string{}
	var keys []key
	for _, is := range wb.findings() {
		if is.Kind != scoring.IssueUnknownAnswer && is.Kind != scoring.IssueOutOfRange {
			continue
		}
		// Per wave, as the overview counts them: a code may name another
		// question in another wave (model.waves). Of a multi-select cell
		// the items the scale does not offer are the value.
		value := is.Value
		if q := wb.m.AskedAs(is.Wave, is.Question); q != nil && is.Kind == scoring.IssueUnknownAnswer {
			value = q.Scale.NotInScale(value)
		}
		k := key{is.Wave, is.Question, value, is.Kind}
		if counts[k] == 0 {
			keys = append(keys, k)
		}
		counts[k]++
		if len(places[k]) < 5 {
			places[k] = append(places[k], is.Place)
		}
	}
	waveOrder := map[scoring.WaveID]int{}
	for i, w := range wb.r.Waves {
		waveOrder[w.ID] = i
	}
	order := func(w scoring.WaveID, id scoring.QuestionID) int {
		if q := wb.m.AskedAs(w, id); q != nil {
			return q.Index
		}
		return len(wb.m.Questions)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(waveOrder[a.wave], waveOrder[b.wave]), cmp.Compare(order(a.wave, a.q), order(b.wave, b.q)),
			cmp.Compare(counts[b], counts[a]), cmp.Compare(a.value, b.value))
	})
	rows := make([][]any, len(keys))
	for i, k := range keys {
		where := strings.Join(places[k], ", ")
		if counts[k] > len(places[k]) {
			where += ", …"
		}
		rows[i] = []any{string(k.wave), string(k.q), k.value, wb.t.IssueKinds[k.kind], styledCell{V: counts[k], Style: wb.st.integer}, styledCell{V: where, Style: wb.st.wrap}}
	}
	return rows
}

func (wb *workbook) issueRows(kind scoring.IssueKind) [][]any {
	var rows [][]any
	for _, is := range wb.findings() {
		if is.Kind == kind {
			rows = append(rows, []any{is.Place, string(is.Wave), styledCell{V: string(is.Unit), Style: wb.st.id}, styledCell{V: wb.d.Issue(is), Style: wb.st.wrap}})
		}
	}
	return rows
}

// lowCoverageRows lists every dimension (and overall score) a unit did not
// get because too little was answered, with the coverage it had.
func (wb *workbook) lowCoverageRows() [][]any {
	var rows [][]any
	for i := range wb.r.Units {
		u := &wb.r.Units[i]
		if !u.LowCoverage || !wb.findingsShown(u.Wave) {
			continue
		}
		for _, n := range wb.m.Nodes {
			if n.Kind == scoring.KindIndicator || !wb.m.ShortOfAnswers(n.Index, u.Nodes.At(n.Index)) {
				continue
			}
			rows = append(rows, []any{string(u.Wave), styledCell{V: string(u.Unit.ID), Style: wb.st.id}, u.Unit.Name, n.Name,
				styledCell{V: u.Nodes.At(n.Index).Coverage, Style: wb.shareStyle(u.Nodes.At(n.Index).Coverage, n.MinCoverage)}, styledCell{V: n.MinCoverage, Style: wb.st.percent}})
		}
	}
	return rows
}

// otherIssueRows lists the notes the other sections do not cover.
func (wb *workbook) otherIssueRows() [][]any {
	var rows [][]any
	for _, is := range wb.findings() {
		switch is.Kind {
		case scoring.IssueUnknownAnswer, scoring.IssueOutOfRange, scoring.IssueDuplicate, scoring.IssueLowCoverage:
			continue
		}
		kind, ok := wb.t.IssueKinds[is.Kind]
		if !ok {
			kind = is.Kind.String()
		}
		rows = append(rows, []any{kind, is.Place, string(is.Wave), styledCell{V: string(is.Unit), Style: wb.st.id}, styledCell{V: wb.d.Issue(is), Style: wb.st.wrap}})
	}
	return rows
}
