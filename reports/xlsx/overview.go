package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// Chart sizes in pixels; a row is 20 pixels high, so a chart spans
// chartRows rows.
const (
	chartWidth  = 600
	chartHeight = 320
	chartRows   = chartHeight/20 + 1
)

// seriesFills colour the waves of a chart, oldest first; the latest wave
// always gets the darkest blue.
var seriesFills = []string{"9ECAE1", "6BAED6", "3182BD", "08519C"}

func seriesFill(i, n int) string {
	return seriesFills[max(len(seriesFills)-n+i, 0)%len(seriesFills)]
}

// overview writes the Übersicht sheet: headline figures of the latest wave,
// then two tables over all waves, each with a native chart beside it.
func (wb *workbook) overview() error {
	t, st := wb.t, &wb.st
	s, err := wb.newSheet(t.SheetOverview)
	if err != nil {
		return err
	}
	s.line(styledCell{V: wb.m.Name, Style: st.title, Spill: true})
	sub := t.Subtitle
	if wb.m.Version != "" {
		sub = wb.m.Version + " · " + sub
	}
	s.line(styledCell{V: sub, Style: st.subtitle, Spill: true})
	s.line(styledCell{V: t.Internal, Style: st.warning, Spill: true})
	s.skip(1)
	s.line(styledCell{V: t.Figure, Style: st.header}, styledCell{V: t.Value, Style: st.header})
	for _, f := range wb.figures() {
		s.line(f[0], f[1])
	}
	s.skip(1)
	s.line(styledCell{V: wb.suppressedNote(false), Style: st.note, Spill: true})
	for _, note := range wb.comparisonNotes() {
		s.line(styledCell{V: note, Style: st.note, Spill: true})
	}
	if len(wb.r.Waves) == 0 {
		s.fit(45)
		return s.Err()
	}
	s.skip(1)
	chartCol := 2 + 2*len(wb.r.Waves) + 1
	levels, lrow := wb.levelTable(s)
	s.skip(max(lrow+chartRows-s.row, 2))
	dims, drow := wb.dimensionTable(s)
	s.fit(45)
	if err := s.Err(); err != nil {
		return err
	}
	for _, c := range []struct {
		chart *excelize.Chart
		row   int
	}{{levels, lrow}, {dims, drow}} {
		if len(c.chart.Series) == 0 {
			continue // every wave suppressed: a chart of nothing
		}
		anchor, _ := excelize.CoordinatesToCellName(chartCol, c.row)
		if err := wb.f.AddChart(t.SheetOverview, anchor, c.chart); err != nil {
			return err
		}
	}
	return nil
}

// figures are the headline figures: label and value cells.
func (wb *workbook) figures() [][2]any {
	t, st, r := wb.t, &wb.st, wb.r
	count := func(n int) styledCell { return styledCell{V: n, Style: st.integer} }
	var out [][2]any
	if wi := r.Latest(); wi >= 0 {
		units := r.WaveUnits(wi)
		scored := 0
		for i := range units {
			if units[i].Overall().Scored() {
				scored++
			}
		}
		all := wb.waveGroup(wi)
		// The number scored is a count over the wave's units, as its level
		// counts are (Disclosure.Units): hidden with them in a wave too small.
		scoredCell := styledCell{V: t.Suppressed, Style: st.suppressed}
		if wb.dis.Units(all) == scoring.Published {
			scoredCell = count(scored)
		}
		out = append(out,
			[2]any{t.LatestWave, r.Waves[wi].Label},
			[2]any{t.UnitsInWave, count(len(units))},
			[2]any{t.ScoredUnits, scoredCell},
			[2]any{t.MeanScore, wb.stat(all, 0, func(s scoring.Stats) float64 { return s.Mean })},
			[2]any{t.MedianScore, wb.stat(all, 0, func(s scoring.Stats) float64 { return s.Median })})
	}
	return append(out,
		[2]any{t.RowsRead, count(r.RowsRead)},
		[2]any{t.Rejected, count(len(r.Rejects))},
		[2]any{t.Issues, count(len(wb.findings()))})
}

// levelTable writes how many units of each wave reached each level, as
// count and share of all the wave's units (scoring.GroupStats.LevelShare,
// as every output), under a note saying so, and returns a column chart of
// the shares (shares, so that waves of different size compare), with the
// row of the table's header. A wave smaller than the minimum group size
// shows "•" and gets no series.
func (wb *workbook) levelTable(s *sheetWriter) (*excelize.Chart, int) {
	t, st, r := wb.t, &wb.st, wb.r
	s.line(styledCell{V: t.LevelShareNote, Style: st.note, Spill: true})
	hdr := []any{styledCell{V: t.Level, Style: st.header}}
	for _, w := range r.Waves {
		hdr = append(hdr, styledCell{V: fmt.Sprintf(t.CountOf, w.Label), Style: st.header}, styledCell{V: fmt.Sprintf(t.ShareOf, w.Label), Style: st.header})
	}
	hrow := s.line(hdr...)
	ordinals := make([]int, 0, len(wb.m.Levels.List)+1)
	for _, l := range wb.m.Levels.List {
		ordinals = append(ordinals, l.Ordinal)
	}
	for wi := range r.Waves {
		if g := wb.waveGroup(wi); g != nil && g.Levels[0] > 0 {
			ordinals = append(ordinals, 0)
			break
		}
	}
	for _, o := range ordinals {
		name := wb.m.Levels.ByOrdinal(o).String()
		if o == 0 {
			name = t.NoLevel
		}
		row := []any{styledCell{V: name, Style: st.levelStyle(o)}}
		for wi := range r.Waves {
			g := wb.waveGroup(wi)
			if wb.dis.Units(g) != scoring.Published {
				row = append(row, styledCell{V: t.Suppressed, Style: st.suppressed}, styledCell{V: t.Suppressed, Style: st.suppressed})
				continue
			}
			var share any
			if v := g.LevelShare(o); !math.IsNaN(v) {
				share = styledCell{V: v / 100, Style: st.share}
			}
			row = append(row, styledCell{V: g.Levels[o], Style: st.integer}, share)
		}
		s.line(row...)
	}
	ch := wb.chart(excelize.Col, t.LevelDist, excelize.ChartAxis{Minimum: ptr(0.0), NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0 %"}, MajorGridLines: true})
	for wi := range r.Waves {
		if wb.dis.Units(wb.waveGroup(wi)) != scoring.Published {
			continue
		}
		col := 3 + 2*wi
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       rangeRef(s.name, col, hrow, col, hrow),
			Categories: rangeRef(s.name, 1, hrow+1, 1, s.row),
			Values:     rangeRef(s.name, col, hrow+1, col, s.row),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{seriesFill(wi, len(r.Waves))}},
		})
	}
	return ch, hrow
}

// dimensionTable writes the mean score of every top-level dimension per
// wave and returns a bar chart of it, with the row of the table's header.
func (wb *workbook) dimensionTable(s *sheetWriter) (*excelize.Chart, int) {
	t, st, r := wb.t, &wb.st, wb.r
	hdr := []any{styledCell{V: t.Dimension, Style: st.header}}
	for _, w := range r.Waves {
		hdr = append(hdr, styledCell{V: fmt.Sprintf(t.MeanOf, w.Label), Style: st.header})
	}
	hrow := s.line(hdr...)
	dims := wb.m.Dimensions()
	for _, d := range dims {
		row := []any{d.Name}
		for wi := range r.Waves {
			row = append(row, wb.stat(wb.waveGroup(wi), d.Index, func(s scoring.Stats) float64 { return s.Mean }))
		}
		s.line(row...)
	}
	max100 := 100.0
	ch := wb.chart(excelize.Bar, t.DimMeans, excelize.ChartAxis{Minimum: ptr(0.0), Maximum: &max100, MajorGridLines: true})
	// Horizontal bars list categories bottom-up; reverse them so the
	// chart reads in the table's order.
	ch.XAxis.ReverseOrder = true
	for wi := range r.Waves {
		if wb.dis.Units(wb.waveGroup(wi)) != scoring.Published {
			continue
		}
		col := 2 + wi
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       rangeRef(s.name, col, hrow, col, hrow),
			Categories: rangeRef(s.name, 1, hrow+1, 1, hrow+len(dims)),
			Values:     rangeRef(s.name, col, hrow+1, col, hrow+len(dims)),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{seriesFill(wi, len(r.Waves))}},
		})
	}
	return ch, hrow
}

// chart returns an empty chart of the workbook's look.
func (wb *workbook) chart(kind excelize.ChartType, title string, values excelize.ChartAxis) *excelize.Chart {
	axisFont := excelize.Font{Color: "404040", Size: 9}
	values.Font = axisFont
	return &excelize.Chart{
		XAxis:      excelize.ChartAxis{Font: axisFont},
		Type:       kind,
		VaryColors: ptr(false), // colour by wave, not by bar
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		YAxis:      values,
		Format:     excelize.GraphicOptions{ScaleX: 1, ScaleY: 1, OffsetX: 10},
	}
}

func ptr[T any](v T) *T { return &v }

// comparisonNotes say, per pair of consecutive waves, on how many
// questions the changes rest and what the questionnaire and the territory
// changed; none when every pair asked every question alike.
func (wb *workbook) comparisonNotes() []string {
	t, r := wb.t, wb.r
	var out []string
	for _, c := range r.Comparisons {
		if !c.Partial() && len(c.Successions) == 0 {
			continue
		}
		note := fmt.Sprintf(t.CoreNoteF, wb.waveLabel(c.From), wb.waveLabel(c.To), c.Compared, c.Asked)
		// Every change between the two waves, those of a declared wave
		// the results skip included.
		var renamed, rescaled, added, dropped, split, merged []string
		for _, cw := range r.Model.CrosswalksBetween(c.From, c.To) {
			for _, rn := range cw.Renamed {
				renamed = append(renamed, string(rn.From)+" → "+string(rn.To))
			}
			for _, sp := range cw.Split {
				split = append(split, string(sp.From)+" → "+joinIDs(sp.Into, " + "))
			}
			for _, mg := range cw.Merged {
				merged = append(merged, joinIDs(mg.From, " + ")+" → "+string(mg.Into))
			}
			rescaled = append(rescaled, idStrings(cw.Rescaled)...)
			added = append(added, idStrings(cw.New)...)
			dropped = append(dropped, idStrings(cw.Dropped)...)
		}
		var parts []string
		add := func(label string, items []string) {
			if len(items) > 0 {
				parts = append(parts, label+": "+strings.Join(items, ", "))
			}
		}
		add(t.RenamedL, renamed)
		add(t.RescaledL, rescaled)
		add(t.NewL, added)
		add(t.DroppedL, dropped)
		add(t.SplitL, split)
		add(t.MergedL, merged)
		if len(parts) > 0 {
			note += " " + strings.Join(parts, "; ") + "."
		}
		if len(c.Successions) > 0 {
			note += " " + fmt.Sprintf(t.TerritoryF, len(c.Successions)) + "."
		}
		out = append(out, note)
	}
	if len(out) > 0 {
		out = append(out, t.TrendNote)
	}
	return out
}

func idStrings(qs []scoring.QuestionID) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = string(q)
	}
	return out
}

func joinIDs(qs []scoring.QuestionID, sep string) string { return strings.Join(idStrings(qs), sep) }

func (wb *workbook) waveLabel(id scoring.WaveID) string {
	for _, w := range wb.r.Waves {
		if w.ID == id {
			return w.Label
		}
	}
	return string(id)
}
