package csv

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// batchWriter hands rows to gocsv in batches, the first with the header
// (see WriteScores).
type batchWriter[T any] struct {
	cw     *gocsv.SafeCSVWriter
	rows   []T
	header bool
}

func newBatchWriter[T any](w io.Writer) *batchWriter[T] {
	return &batchWriter[T]{cw: gocsv.NewSafeCSVWriter(csv.NewWriter(w)), header: true}
}

func (b *batchWriter[T]) add(r T) error {
	b.rows = append(b.rows, r)
	if len(b.rows) == 4096 {
		return b.flush()
	}
	return nil
}

func (b *batchWriter[T]) flush() error {
	var err error
	if b.header {
		err = gocsv.MarshalCSV(b.rows, b.cw)
	} else {
		err = gocsv.MarshalCSVWithoutHeaders(b.rows, b.cw)
	}
	b.header, b.rows = false, b.rows[:0]
	return err
}

// close writes what is left (and the header of an empty file).
func (b *batchWriter[T]) close() error {
	if len(b.rows) > 0 || b.header {
		return b.flush()
	}
	return nil
}

// number formats a figure at full precision; "" for NaN.
func number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// WriteIndicators writes indicators.csv: for every wave, unit and numeric
// question an indicator reads, the number as answered (raw), its
// denominator and the quotient, the number after imputation, after
// outlier treatment, and normalised to 0–100 as it enters the indicator
// (reversed where the question is), at full precision, empty where a stage
// has no number; flags say what was done ("answered+denominated+
// winsorised_high", see scoring.TreatFlag). indicator names the
// indicators reading the question (";" between several).
//
// The rows are exactly what gocsv writes for indicatorRow
// (TestWriteIndicatorsAsGocsv), put together as WriteScores does its rows:
// from a unit's and a question's parts quoted once, with the numbers
// appended. Nationally the file has 540,000 rows, and gocsv's reflection
// over their twelve fields was a twentieth of a full run's CPU.
func WriteIndicators(w io.Writer, r *scoring.Results) error {
	m := r.Model
	readers := make([][]string, len(m.Questions))
	for _, n := range m.Nodes {
		for _, q := range n.Questions {
			readers[q] = append(readers[q], string(n.ID))
		}
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString(indicatorsHeader)
	var (
		nums  numberCache
		flags = map[scoring.TreatFlag]string{}
		line  []byte
		unit  []string // ",wave,ags,name" of the wave's units, quoted once
	)
	num := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return nums.format(x)
	}
	for wi := range r.Waves {
		units := r.WaveUnits(wi)
		unit = unit[:0]
		for qi, q := range m.Questions {
			tq := r.Treated(wi, qi)
			if tq == nil || len(readers[qi]) == 0 {
				continue
			}
			if len(unit) == 0 {
				for i := range units {
					u := &units[i]
					unit = append(unit, csvLine(InertText(string(u.Wave)), InertText(string(u.Unit.ID)), InertText(u.Unit.Name)))
				}
			}
			question := "," + csvLine(InertText(string(q.ID)), InertText(strings.Join(readers[qi], ";"))) + ","
			for i, v := range tq.Values {
				line = append(append(line[:0], unit[i]...), question...)
				if v.Flags&scoring.TreatAnswered != 0 {
					line = append(line, num(v.Raw)...)
				}
				line = append(line, ',')
				if v.Flags&scoring.TreatDenominated != 0 {
					line = append(append(append(line, num(v.Denominator)...), ','), num(v.Denominated)...)
				} else {
					line = append(line, ',')
				}
				line = append(line, ',')
				if v.Has {
					line = append(append(append(append(append(line, num(v.Imputed)...), ','), num(v.Treated)...), ','), num(v.Normalised)...)
				} else {
					line = append(line, ',', ',')
				}
				f, ok := flags[v.Flags]
				if !ok {
					f = csvLine(v.Flags.String())
					flags[v.Flags] = f
				}
				line = append(append(append(line, ','), f...), '\n')
				if _, err := bw.Write(line); err != nil {
					return err
				}
			}
		}
	}
	return bw.Flush()
}

// indicatorsHeader is the header gocsv writes for indicatorRow.
const indicatorsHeader = "wave,ags,name,question,indicator,raw,denominator,denominated,imputed,treated,normalised,flags\n"

// robustnessRow is one line of robustness.csv: one unit's result over the
// variants of the uncertainty analysis. Its columns are a stable interface.
type robustnessRow struct {
	Wave        string `csv:"wave"`
	ID          string `csv:"ags"`
	Name        string `csv:"name"`
	Rank        string `csv:"rank"`
	MedianRank  string `csv:"median_rank"`
	RankLow     string `csv:"rank_p5"`
	RankHigh    string `csv:"rank_p95"`
	Level       string `csv:"level"`
	KeepLevel   string `csv:"keep_level_share"`
	LevelShares string `csv:"level_shares"`
	Draws       int    `csv:"draws"`
	Seed        uint64 `csv:"seed"`
	// RankedShare is last, so that the columns before keep their places.
	RankedShare string `csv:"ranked_share"`
}

// WriteRobustness writes robustness.csv: per unit of the analysed wave its
// rank as scored, the median and the 5th and 95th percentile of its rank
// over the variants that gave it an overall score (empty when none did),
// its level, the share of variants in which it keeps that level, the
// share of every level reached ("2 Grundlagen: 0.06; 3 Fortgeschritten:
// 0.94", "–" for none), and last the share of variants that gave it an
// overall score, over which the ranks are. It writes only the header when rob is nil or
// suppressed: then nothing was computed.
func WriteRobustness(w io.Writer, r *scoring.Results, wave int, rob *analyse.Robustness) error {
	bw := newBatchWriter[robustnessRow](w)
	if rob == nil || rob.Suppressed {
		return bw.close()
	}
	m := r.Model
	units := r.WaveUnits(wave)
	for i, u := range rob.Units {
		ru := &units[i]
		row := robustnessRow{Wave: InertText(string(ru.Wave)), ID: InertText(string(ru.Unit.ID)), Name: InertText(ru.Unit.Name),
			Draws: rob.Draws, Seed: rob.Seed}
		if u.Rank > 0 {
			row.Rank = strconv.Itoa(u.Rank)
		}
		if u.Scored > 0 {
			row.MedianRank, row.RankLow, row.RankHigh = number(u.MedianRank), number(u.RankLow), number(u.RankHigh)
		}
		row.RankedShare = number(u.RankedShare)
		if u.Level > 0 {
			row.Level, row.KeepLevel = InertText(m.Levels.ByOrdinal(u.Level).Label()), number(u.KeepLevel)
		}
		var shares []string
		for o, sh := range u.Levels {
			if sh > 0 {
				shares = append(shares, m.Levels.ByOrdinal(o).Label()+": "+number(sh))
			}
		}
		row.LevelShares = InertText(strings.Join(shares, "; "))
		if err := bw.add(row); err != nil {
			return err
		}
	}
	return bw.close()
}
