package csv

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/scoring"
)

// aggregateRow is one line of aggregates.csv: one figure of one group.
// Its columns are a stable interface for publication (GovData) and for R
// and pandas users.
type aggregateRow struct {
	Wave      string `csv:"wave"`
	GroupBy   string `csv:"group_by"` // peer group id, or "all"
	Group     string `csv:"group"`    // "" for all units
	Units     int    `csv:"units"`
	Measure   string `csv:"measure"` // node id, "level" or "no_level"
	Label     string `csv:"label"`   // node name, or level name
	Level     string `csv:"level"`   // level number, on level rows
	Statistic string `csv:"statistic"`
	Value     string `csv:"value"`
	Flag      string `csv:"flag"`
}

// Flags of a figure that is not published (aggregates.csv's flag column).
const (
	FlagTooSmall  = "too_small" // fewer units than report.min_group_size
	FlagSecondary = "secondary" // would let a smaller group be computed
)

// AggregateColumns lists the columns of aggregates.csv, in order.
func AggregateColumns() []string {
	return []string{"wave", "group_by", "group", "units", "measure", "label", "level", "statistic", "value", "flag"}
}

// WriteAggregates writes aggregates.csv: every figure of d.Aggregates(),
// the same the overview and the publication workbook show, one per line,
// comma-separated UTF-8 with a decimal point. Scores and shares have one
// decimal, as on the pages (the figures are what was published, not more
// precise than it); a figure that is not published has an empty value and
// its reason in flag (too_small, secondary). Group names are made inert
// for spreadsheets (see InertText).
func WriteAggregates(w io.Writer, d *scoring.Disclosure, m *scoring.Model) error {
	aggs := d.Aggregates()
	rows := make([]aggregateRow, len(aggs))
	for i, a := range aggs {
		row := aggregateRow{Wave: InertText(string(a.Wave)), GroupBy: "all", Group: InertText(a.Group), Units: a.Units,
			Statistic: a.Statistic.String()}
		if a.PeerGroup >= 0 {
			row.GroupBy = InertText(string(m.PeerGroups[a.PeerGroup].ID))
		}
		if a.Node >= 0 {
			n := m.Nodes[a.Node]
			row.Measure, row.Label = InertText(string(n.ID)), InertText(n.Name)
		} else if a.Level > 0 {
			l := m.Levels.ByOrdinal(a.Level)
			row.Measure, row.Label, row.Level = "level", InertText(l.Name), strconv.Itoa(l.Number)
		} else {
			row.Measure = "no_level" // units without a level (too few answers)
		}
		switch a.Suppression {
		case scoring.TooSmall:
			row.Flag = FlagTooSmall
		case scoring.Complementary:
			row.Flag = FlagSecondary
		default:
			row.Value = figure(a.Statistic, a.Value)
		}
		rows[i] = row
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}

// figure formats a published figure: counts whole, everything else with
// one decimal.
func figure(s scoring.Statistic, v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	if s == scoring.StatN || s == scoring.StatCount {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
}
