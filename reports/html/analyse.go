package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// analyseText holds the texts of the analysis on the pages, in one
// language.
type analyseText struct {
	Robustness, RobustLead, KeepFigure, KeepSub, RankTitle, RankNote, RankAnon string
	Interval, MedianRank, RankAxis, SensTitle, SensNote, First, Total          string
	Validation, ValidLead, RelTitle, Node, Parts, Alpha, PC1, FlagsTitle       string
	NegativeInside, NearDuplicate, NoFlags, Sample                             string
	// ProfileLine: %s level, %s share, %s variants, %d rank, %s–%s the
	// 5–95 % ranks; ProfileNoRank: %s level, %s share, %s variants;
	// ProfilePart as ProfileLine with, before the ranks, %s the share of
	// the variants that gave the unit an overall score.
	ProfileLine, ProfileNoRank, ProfilePart string
	// ProfileLater stands for the line when the results are analysed
	// later (Options.RobustnessLater).
	ProfileLater string
	// ProfilePending stands for the line while the results' analysis is
	// being computed (Options.RobustnessPending).
	ProfilePending string
	// Pending, PendingNote and PendingLink: the overview's analysis still
	// being computed (Options.AnalysisPending).
	Pending, PendingNote, PendingLink string
	// Ranked heads the share of variants with an overall score.
	Ranked string
}

var analyseTexts = map[scoring.Language]*analyseText{
	scoring.German: {
		Robustness: "Robustheit der Ergebnisse",
		RobustLead: "Die unsicheren Entscheidungen des Modells wurden %d-mal zufällig variiert (%s); jede Variante bewertet alle Kommunen neu.",
		KeepFigure: "Kommunen, die ihre Stufe in mindestens 90 % der Varianten behalten", KeepSub: "von %s mit einer Stufe",
		RankTitle: "Rang je Kommune: Median und 90-Prozent-Intervall über %s Varianten",
		RankNote:  "Kommunen nach ihrem Rang; der Balken reicht vom 5. bis zum 95. Perzentil ihres Rangs, der Punkt ist der Median.",
		RankAnon:  "Kommunen werden nicht genannt (report.list_units).",
		Interval:  "90-Prozent-Intervall", MedianRank: "Median-Rang", RankAxis: "Rang",
		SensTitle: "Welche Entscheidung macht wie viel aus?",
		SensNote:  "Sensitivitätsindizes der mittleren Rangverschiebung: 1. Ordnung – Anteil der Schwankung, den die Entscheidung allein erklärt; gesamt – mit ihren Wechselwirkungen. Geschätzt aus %d Basisziehungen: Werte etwas unter 0 oder über 1 sind Schätzfehler.",
		First:     "1. Ordnung", Total: "gesamt",
		Validation: "Statistische Prüfung des Modells",
		ValidLead:  "Wie gut passen die Teile jeder Dimension zusammen? Kennzahlen über die Kommunen mit allen Teilen bewertet; über zu wenige Kommunen wird nichts ausgewiesen (•).",
		RelTitle:   "Zuverlässigkeit", Node: "Ebene", Parts: "Teile", Alpha: "Cronbachs α", PC1: "Anteil der 1. Hauptkomponente",
		FlagsTitle: "Auffällige Korrelationen", NegativeInside: "negativ innerhalb von „%s“", NearDuplicate: "nahezu gleich", NoFlags: "Keine: keine negative Korrelation innerhalb einer Dimension, kein Paar mit |r| > 0,9.",
		Sample:         "Jede %d. Kommune nach Rang gezeigt.",
		ProfileLine:    "Robustheit: %s in %s von %s Modellvarianten; Rang %d, in 90 %% der Varianten zwischen %s und %s.",
		ProfileNoRank:  "Robustheit: %s in %s von %s Modellvarianten.",
		ProfilePart:    "Robustheit: %s in %s von %s Modellvarianten; Rang %d; einen Gesamtwert hat die Kommune in %s der Varianten, in 90 %% von diesen liegt ihr Rang zwischen %s und %s.",
		ProfileLater:   "Robustheit: wird für Ihre neue Einreichung berechnet, sobald die Vergleichswerte das nächste Mal aktualisiert werden (nach weiteren Einreichungen); bis dahin steht hier keine Angabe.",
		ProfilePending: "Robustheit: wird für den jetzigen Stand der Vergleichswerte gerade berechnet; laden Sie die Seite in einigen Minuten neu.",
		Ranked:         "mit Gesamtwert in",
		Pending:        "Analyse des Modells",
		PendingNote:    "Die statistische Prüfung des Modells und die Robustheit der Ergebnisse werden für den jetzigen Stand der Einreichungen noch berechnet; die Seite zeigt sie, sobald sie fertig sind.",
		PendingLink:    "Seite mit der Analyse laden (wartet, bis sie fertig ist)",
	},
	scoring.English: {
		Robustness: "Robustness of the results",
		RobustLead: "The model's uncertain choices were varied at random %d times (%s); each variant scores every municipality again.",
		KeepFigure: "Municipalities keeping their level in at least 90 % of the variants", KeepSub: "of %s with a level",
		RankTitle: "Rank per municipality: median and 90 % interval over %s variants",
		RankNote:  "Municipalities by their rank; the bar spans the 5th to 95th percentile of their rank, the dot is the median.",
		RankAnon:  "Municipalities are not named (report.list_units).",
		Interval:  "90 % interval", MedianRank: "median rank", RankAxis: "rank",
		SensTitle: "Which choice matters how much?",
		SensNote:  "Sensitivity indices of the mean rank shift: first order – the share of its variation the choice explains alone; total – with its interactions. Estimated from %d base draws: values a little below 0 or above 1 are estimation error.",
		First:     "first order", Total: "total",
		Validation: "Statistical validation of the model",
		ValidLead:  "How well do the parts of each dimension hang together? Figures over the municipalities with every part scored; nothing is shown over too few (•).",
		RelTitle:   "Reliability", Node: "Node", Parts: "Parts", Alpha: "Cronbach's α", PC1: "Share of the 1st principal component",
		FlagsTitle: "Flagged correlations", NegativeInside: "negative inside “%s”", NearDuplicate: "near-duplicates", NoFlags: "None: no negative correlation inside a dimension, no pair with |r| > 0.9.",
		Sample:         "Every %dth municipality by rank is shown.",
		ProfileLine:    "Robustness: %s in %s of %s model variants; rank %d, in 90 %% of the variants between %s and %s.",
		ProfileNoRank:  "Robustness: %s in %s of %s model variants.",
		ProfilePart:    "Robustness: %s in %s of %s model variants; rank %d; it has an overall score in %s of the variants, and in 90 %% of those its rank lies between %s and %s.",
		ProfileLater:   "Robustness: computed for your new submission when the comparison figures are next updated (after further submissions); until then there is no figure here.",
		ProfilePending: "Robustness: being computed for the current comparison figures; reload the page in a few minutes.",
		Ranked:         "with overall score in",
		Pending:        "Analysis of the model",
		PendingNote:    "The statistical validation of the model and the robustness of the results are still being computed for the submissions as they stand; the page shows them once they are done.",
		PendingLink:    "Load the page with the analysis (waits until it is done)",
	},
}

func (rd *renderer) at() *analyseText { return rd.analyseT }

// robustSection is the overview's section on robustness.
type robustSection struct {
	Lead      string
	Figures   []figure
	RankChart *chart
	SensChart *chart
}

// validationSection is the overview's section on the model's validation.
type validationSection struct {
	Lead  string
	Rows  []validationRow
	Flags []string
}

type validationRow struct{ Node, Parts, N, Alpha, PC1 string }

// maxRankBars bounds the units in the rank-interval chart: beyond, every
// k-th unit by rank is drawn.
const maxRankBars = 500

// analysisSections fills the overview's sections of the analysis.
func (rd *renderer) analysisSections(p *overviewPage) {
	rep := rd.o.Analysis
	if rep == nil {
		p.AnalysisPending = rd.o.AnalysisPending
		return
	}
	if v := rep.Validation; v != nil && !v.Suppressed {
		p.Validation = rd.validationSection(v)
	}
	if rob := rep.Robustness; rob != nil && !rob.Suppressed {
		p.Robust = rd.robustSection(p, rep, rob)
	}
}

func (rd *renderer) validationSection(v *analyse.Validation) *validationSection {
	at, t, m := rd.at(), rd.t, rd.r.Model
	s := &validationSection{Lead: at.ValidLead}
	two := func(x float64, suppressed bool) string {
		if suppressed {
			return t.Suppressed
		}
		return rd.two(x)
	}
	for _, rel := range v.Reliability {
		pc := t.pct(100 * rel.FirstComponent)
		if rel.Suppressed {
			pc = t.Suppressed
		}
		s.Rows = append(s.Rows, validationRow{Node: m.Nodes[rel.Node].Name, Parts: t.int(len(rel.Items)), N: t.int(rel.N),
			Alpha: two(rel.Alpha, rel.Suppressed), PC1: pc})
	}
	for _, f := range v.Flags {
		kind := at.NearDuplicate
		if f.Kind == analyse.NegativeInside {
			kind = fmt.Sprintf(at.NegativeInside, m.Nodes[m.Nodes[f.A].Parent].Name)
		}
		s.Flags = append(s.Flags, fmt.Sprintf("%s: %s ~ %s (r = %s)", kind, m.Nodes[f.A].Name, m.Nodes[f.B].Name, two(f.R, false)))
	}
	if len(s.Flags) == 0 {
		s.Flags = []string{at.NoFlags}
	}
	return s
}

func (rd *renderer) robustSection(p *overviewPage, rep *analyse.Report, rob *analyse.Robustness) *robustSection {
	at, t, m := rd.at(), rd.t, rd.r.Model
	names := ""
	for j, in := range rob.Inputs {
		if j > 0 {
			names += "; "
		}
		names += in.Describe(m, t.Lang)
	}
	s := &robustSection{Lead: fmt.Sprintf(at.RobustLead, rob.Draws, names)}
	kept, leveled := 0, 0
	for _, u := range rob.Units {
		if u.Level > 0 {
			leveled++
			if u.Stable() {
				kept++
			}
		}
	}
	if rd.shown(leveled) {
		s.Figures = []figure{{Label: at.KeepFigure, Value: t.int(kept), Sub: fmt.Sprintf(at.KeepSub, t.int(leveled))}}
	}
	s.RankChart = p.add(rd.rankChart(rep, rob))
	sens := rd.sensitivityChart(rob)
	sens.Print = printWithTable // bars without their indices written on them
	s.SensChart = p.add(sens)
	return s
}

// sensitivityChart draws each uncertain input's first-order and total
// sensitivity index, at the two decimals the workbook and 'reifegrad
// analyse' show (indices lie about 0–1: one decimal would read 0.04 as
// 0), with the figures as its table.
func (rd *renderer) sensitivityChart(rob *analyse.Robustness) chart {
	at, t, m := rd.at(), rd.t, rd.r.Model
	cats := make([]string, len(rob.Inputs))
	first, total := make([]float64, len(cats)), make([]float64, len(cats))
	tbl := &dataTable{Head: []string{"", at.First, at.Total}, Num: []bool{false, true, true}}
	for j, in := range rob.Inputs {
		cats[j] = in.Describe(m, t.Lang)
		f, tt := rob.Sensitivity[j].First, rob.Sensitivity[j].Total
		first[j], total[j] = scoring.Round(f, 2), scoring.Round(tt, 2)
		tbl.Rows = append(tbl.Rows, []string{cats[j], rd.two(f), rd.two(tt)})
	}
	c := barChart("overview-sensitivity", cats, []barSeries{{Name: at.First, Values: first, Shown: true}, {Name: at.Total, Values: total, Shown: true}}, true, 0, "")
	c.Title, c.Notes, c.Table = at.SensTitle, []string{fmt.Sprintf(at.SensNote, rob.Base)}, tbl
	return c
}

// two formats an estimate with two decimals ("−0,02", "0,00"); NaN (not
// computable) as "–".
func (rd *renderer) two(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return rd.t.decimal(scoring.Fixed(x, 2))
}

// rankChart draws each unit's 5–95 % rank interval as a bar and its
// median rank as a dot, units in the order of their rank as scored.
// Units are named only where the overview may name them.
func (rd *renderer) rankChart(rep *analyse.Report, rob *analyse.Robustness) chart {
	at := rd.at()
	units := rd.r.WaveUnits(rep.Wave)
	order := make([]int, 0, len(units))
	for i, u := range rob.Units {
		if u.Rank > 0 && u.Scored > 0 {
			order = append(order, i)
		}
	}
	sortByRank(order, rob)
	step := max(1, (len(order)+maxRankBars-1)/maxRankBars)
	var cats []string
	var low, span []opts.BarData
	var med []opts.ScatterData
	// The table: the units drawn, by rank, with the figures the chart
	// shows (named where the overview may name them).
	// The median and interval are over the variants that gave a unit an
	// overall score: how many, beside them.
	tbl := &dataTable{Head: []string{at.RankAxis, at.MedianRank, at.Interval, at.Ranked}, Num: []bool{true, true, true, true}}
	if rd.o.ListUnits {
		tbl.Head, tbl.Num = append([]string{rd.t.Name}, tbl.Head...), append([]bool{false}, tbl.Num...)
	}
	for k := 0; k < len(order); k += step {
		i := order[k]
		u := rob.Units[i]
		cat := strconv.Itoa(u.Rank)
		row := []string{rd.t.int(u.Rank), rd.t.num(u.MedianRank), rd.t.num(u.RankLow) + "–" + rd.t.num(u.RankHigh), rd.t.pctAt(100*u.RankedShare, 100)}
		if rd.o.ListUnits {
			cat = units[i].Unit.Name
			row = append([]string{cat}, row...)
		}
		tbl.Rows = append(tbl.Rows, row)
		cats = append(cats, cat)
		low = append(low, opts.BarData{Value: value(u.RankLow), ItemStyle: &opts.ItemStyle{Color: "transparent"}})
		span = append(span, opts.BarData{Value: value(u.RankHigh - u.RankLow)})
		med = append(med, opts.ScatterData{Value: value(u.MedianRank), SymbolSize: 5})
	}
	b := charts.NewBar()
	b.SetGlobalOptions(baseOpts("overview-ranks")...)
	b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(grid("1%", "2%", "20", "30")),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: at.RankAxis, Inverse: opts.Bool(true), Min: 1, Max: len(units),
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: lineColour}}}))
	b.SetXAxis(cats)
	stack := charts.WithBarChartOpts(opts.BarChart{Stack: "rank"})
	b.AddSeries("", low, stack, charts.WithItemStyleOpts(opts.ItemStyle{Color: "transparent"}))
	b.AddSeries(at.Interval, span, stack, charts.WithItemStyleOpts(opts.ItemStyle{Color: seriesColour(0)}))
	sc := charts.NewScatter()
	sc.AddSeries(at.MedianRank, med, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#0d3c6e"}))
	b.Overlap(sc)
	c := chart{ID: "overview-ranks", Option: b, Height: 340, Title: fmt.Sprintf(at.RankTitle, rd.t.int(rob.Draws)), Notes: []string{at.RankNote}, Table: tbl}
	if !rd.o.ListUnits {
		c.Notes = append(c.Notes, at.RankAnon)
	}
	if step > 1 {
		c.Notes = append(c.Notes, fmt.Sprintf(at.Sample, step))
	}
	return c
}

// sortByRank orders unit indices by their rank as scored.
func sortByRank(order []int, rob *analyse.Robustness) {
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rob.Units[a].Rank, rob.Units[b].Rank) })
}

// robustLine is a profile's one-line robustness statement: the share of
// variants in which the unit keeps its level and its rank interval; ""
// when there is no analysis of its wave.
func (rd *renderer) robustLine(u *scoring.UnitResult) string {
	if rd.o.Analysis == nil && rd.o.RobustnessPending {
		return rd.at().ProfilePending
	}
	if rd.o.Analysis == nil && rd.o.RobustnessLater {
		return rd.at().ProfileLater
	}
	ru := rd.o.Analysis.Unit(rd.r, u)
	if ru == nil || ru.Level == 0 {
		return ""
	}
	at, t := rd.at(), rd.t
	level := rd.r.Model.Levels.ByOrdinal(ru.Level).Label()
	// Never "90 %" for a unit the overview does not count among those
	// keeping their level in at least 90 % (analyse.StableShare).
	share := t.pctAt(100*ru.KeepLevel, 100*analyse.StableShare)
	// The share and the interval are over the variants: how many, so a
	// reader can tell 40 draws from 1,000.
	draws := t.int(rd.o.Analysis.Robustness.Draws)
	if ru.Rank == 0 || ru.Scored == 0 {
		return fmt.Sprintf(at.ProfileNoRank, level, share, draws)
	}
	low, high := strconv.Itoa(int(math.Round(ru.RankLow))), strconv.Itoa(int(math.Round(ru.RankHigh)))
	if ru.RankedShare < 1 {
		return fmt.Sprintf(at.ProfilePart, level, share, draws, ru.Rank, t.pctAt(100*ru.RankedShare, 100), low, high)
	}
	return fmt.Sprintf(at.ProfileLine, level, share, draws, ru.Rank, low, high)
}
