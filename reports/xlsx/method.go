package xlsx

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// methodology writes the Methodik sheet: the model as tables (the tree
// with weights and rules, each question with its scale; the levels; the
// missing codes; the size classes) and the methodology text generated
// from the model, so the sheet stays true when the model changes.
func (wb *workbook) methodology() error {
	t, st, m := wb.t, &wb.st, wb.m
	s, err := wb.newSheet(t.SheetMethod)
	if err != nil {
		return err
	}
	s.line(styledCell{V: m.Name, Style: st.title, Spill: true})
	if m.Description != "" {
		s.line(styledCell{V: m.Description, Style: st.subtitle, Spill: true})
	}
	s.skip(1)
	s.line(styledCell{V: t.ModelTitle, Style: st.section, Spill: true})
	headers := []string{t.Node, "ID", t.Name, t.Weight, t.Aggregation, t.Policy, t.MinCoverage, t.Question, t.QuestionText, t.Scale, t.Points}
	s.line(headerRow(headers, st.header)...)
	for _, n := range m.Nodes {
		indent := styledCell{V: n.Name, Style: st.indent(n.Depth)}
		row := []any{wb.d.Kind(n.Kind), string(n.ID), indent, styledCell{V: n.Weight, Style: st.number}, wb.aggregation(n),
			wb.d.Policy(n.Policy), styledCell{V: n.MinCoverage, Style: st.percent}}
		if n.Kind != scoring.KindIndicator || len(n.Questions) == 0 {
			s.line(row...)
			continue
		}
		for i, qi := range n.Questions {
			if i > 0 {
				row = make([]any, 7)
			}
			q := m.Questions[qi]
			s.line(append(row, string(q.ID), styledCell{V: q.Text, Style: st.wrap}, q.Scale.ID, styledCell{V: wb.d.Question(q), Style: st.wrap})...)
		}
	}
	wb.levelsTable(s)
	wb.codesTable(s)
	if len(m.SizeClasses) > 0 {
		s.skip(1)
		s.line(styledCell{V: t.SizeClassesTitle, Style: st.section, Spill: true})
		s.line(headerRow([]string{t.SizeClass, t.UpTo}, st.header)...)
		for _, c := range m.SizeClasses {
			var upTo any = c.Max
			if c.Open {
				upTo = t.Open
			}
			s.line(c.Name, upTo)
		}
	}
	s.fit(45)
	s.setWidth(9, 50)  // question text
	s.setWidth(11, 50) // answers → points
	if err := s.Err(); err != nil {
		return err
	}
	return wb.methodText(s)
}

// aggregation names how a node combines its parts; an indicator with one
// question combines nothing.
func (wb *workbook) aggregation(n *scoring.Node) any {
	if n.Kind == scoring.KindIndicator && len(n.Questions) < 2 {
		return nil
	}
	return wb.d.Aggregation(n.Aggregation)
}

func (wb *workbook) levelsTable(s *sheetWriter) {
	t, st, m := wb.t, &wb.st, wb.m
	s.skip(1)
	s.line(styledCell{V: t.LevelsTitle, Style: st.section, Spill: true})
	rule := t.From
	if m.Levels.Method == scoring.Staged {
		rule = t.Criteria
	}
	s.line(headerRow([]string{t.LevelNo, t.Level, rule, t.Description}, st.header)...)
	for _, l := range m.Levels.List {
		var r any = styledCell{V: l.Min, Style: st.number}
		if m.Levels.Method == scoring.Staged {
			var cs []string
			for _, c := range l.Criteria {
				cs = append(cs, wb.d.Criterion(m, c))
			}
			r = styledCell{V: strings.Join(cs, "; "), Style: st.wrap}
		}
		s.line(l.Number, styledCell{V: l.Name, Style: st.levelStyle(l.Ordinal)}, r, styledCell{V: l.Description, Style: st.wrap})
	}
}

// codesTable lists the missing codes of all scales with their meaning,
// and which scales know them when not all do.
func (wb *workbook) codesTable(s *sheetWriter) {
	t, st, m := wb.t, &wb.st, wb.m
	type code struct {
		text   string
		status scoring.Status
	}
	scales := map[code][]string{}
	for id, sc := range m.Scales {
		for c, status := range sc.Missing {
			k := code{c, status}
			scales[k] = append(scales[k], id)
		}
	}
	if len(scales) == 0 {
		return
	}
	s.skip(1)
	s.line(styledCell{V: t.CodesTitle, Style: st.section, Spill: true})
	s.line(headerRow([]string{t.Code, t.Meaning, t.Scale}, st.header)...)
	codes := slices.SortedFunc(maps.Keys(scales), func(a, b code) int {
		return cmp.Or(cmp.Compare(a.status, b.status), cmp.Compare(a.text, b.text))
	})
	for _, c := range codes {
		which := "–" // every scale
		if len(scales[c]) < len(m.Scales) {
			slices.Sort(scales[c])
			which = strings.Join(scales[c], ", ")
		}
		s.line(styledCell{V: c.text, Style: st.id}, wb.d.Status(c.status), which)
	}
}

// methodText writes the paragraphs of scoring.Methodology, each in a
// merged, wrapping cell across the table's width.
func (wb *workbook) methodText(s *sheetWriter) error {
	st := &wb.st
	s.skip(1)
	s.line(styledCell{V: wb.t.MethodText, Style: st.section, Spill: true})
	const lastCol = 11
	width := 0.0
	for c := 1; c <= lastCol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := wb.f.GetColWidth(s.name, name)
		if err != nil {
			return err
		}
		width += w
	}
	var paras []string
	for _, p := range nouns.Methodology(wb.r, wb.o.Language) {
		paras = append(paras, splitText(p, maxCellChars)...) // a model of 10,000 levels lists them all
	}
	for _, p := range paras {
		row := s.line(styledCell{V: p, Style: st.wrap, Spill: true})
		if err := s.Err(); err != nil {
			return err
		}
		if err := wb.f.MergeCell(s.name, cellName(1, row), cellName(lastCol, row)); err != nil {
			return err
		}
		lines := float64(utf8.RuneCountInString(p))*1.1/width + 1
		if err := wb.f.SetRowHeight(s.name, row, rowHeight(int(lines), 0)); err != nil {
			return err
		}
	}
	return nil
}

// headerRow turns texts into header cells.
func headerRow(texts []string, style int) []any {
	out := make([]any, len(texts))
	for i, h := range texts {
		out[i] = styledCell{V: h, Style: style}
	}
	return out
}
