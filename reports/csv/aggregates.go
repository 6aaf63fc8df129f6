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
	FlagTooSmall  = "too_small" // fewer units than report.min_group_size, or a quartile of fewer than 5 scores
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
		case scoring.Published:
			row.Value = figure(a.Statistic, a.Value)
		case scoring.Complementary:
			row.Flag = FlagSecondary
		default: // too few units, or a quartile of too few scores
			row.Flag = FlagTooSmall
		}
		rows[i] = row
	}
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}

// figure formats a published figure: counts whole, everything else with
// one decimal, rounded as every output rounds (scoring.Fixed: half away
// from zero, as the overview and the publication workbook show it).
func figure(s scoring.Statistic, v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	if s == scoring.StatN || s == scoring.StatCount {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return scoring.Fixed(v, 1)
}

// AggregateColumnDocs describes the columns of aggregates.csv, in order,
// in a language: name and meaning (for the open data README).
func AggregateColumnDocs(l scoring.Language) [][2]string {
	meanings := map[scoring.Language][]string{
		scoring.German: {
			"Welle der Erhebung",
			"Einteilung: `all` für alle Teilnehmenden der Welle, sonst die Kennung der Vergleichsgruppe (etwa Landkreis, Größenklasse; nur für die jüngste Welle)",
			"Gruppe innerhalb der Einteilung (leer bei `all`)",
			"Zahl der Teilnehmenden der Gruppe",
			"Bereich: Kennung des Gesamtwerts (`overall`) oder einer Dimension, `level` für einen Reifegrad, `no_level` für Teilnehmende ohne Reifegrad",
			"Bezeichnung des Bereichs oder Reifegrads",
			"Nummer des Reifegrads (nur bei `level`)",
			"Kennzahl: `n` (bewertet), `mean` (Mittelwert, nur Gesamtwert und oberste Dimensionen), `median`, `q1`, `q3` (Quartile), `p10`, `p90` (Perzentile, alle Teilnehmenden der jüngsten Welle), `count` (Anzahl), `share` (Anteil an allen Teilnehmenden der Gruppe in %, auch denen ohne Reifegrad)",
			"Wert, eine Nachkommastelle, Dezimalpunkt; Werte auf der Skala 0–100; leer, wenn nicht ausgewiesen",
			"Grund, wenn der Wert leer ist: `too_small` (zu wenige Teilnehmende), `secondary` (sonst ließe sich eine zu kleine Gruppe errechnen)",
		},
		scoring.English: {
			"wave of the survey",
			"grouping: `all` for all participants of the wave, else the id of the peer group (such as district, size class; latest wave only)",
			"group within the grouping (empty for `all`)",
			"number of participants in the group",
			"measure: the id of the overall score (`overall`) or of a dimension, `level` for a maturity level, `no_level` for participants without a level",
			"name of the measure or level",
			"number of the level (`level` rows only)",
			"statistic: `n` (scored), `mean` (overall score and top-level dimensions only), `median`, `q1`, `q3` (quartiles), `p10`, `p90` (percentiles, all participants of the latest wave), `count`, `share` (of all participants of the group, in %, those without a level included)",
			"value, one decimal, decimal point; scores on 0–100; empty where not shown",
			"why a value is empty: `too_small` (too few participants), `secondary` (it would let a group too small be computed)",
		},
	}
	cols := AggregateColumns()
	out := make([][2]string, len(cols))
	for i, c := range cols {
		out[i] = [2]string{c, meanings[l][i]}
	}
	return out
}
