package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// analysis is what 'analyse' found, for the terminal or as JSON.
type analysis struct {
	s          *settings
	r          *scoring.Results
	wave       int
	dis        *scoring.Disclosure
	validation *analyse.Validation
	robustness *analyse.Robustness // nil: no uncertain input declared
	lang       scoring.Language    // of the terminal text (report.language)
	text       *analyseText        // its words, of the model's units (unitWords)
}

// words returns the terminal text's words in the report's language.
func (an *analysis) words() *analyseText {
	if an.text == nil {
		an.text = unitWords(an.r, an.lang)
	}
	return an.text
}

// num formats a figure in the report's language.
func (an *analysis) num(x float64, prec int) string { return fnum(an.lang, x, prec) }

// count writes a count in the report's language, thousands grouped
// (Language.Count), as check and the run summary write theirs.
func (an *analysis) count(n int) string { return an.lang.Count(n) }

// nodeName is a node's name for the terminal, its control characters
// made visible as every text of the config or the data that the terminal
// shows (a name may hold a line break: config.yaml allows them).
func (an *analysis) nodeName(i int) string { return visible(an.r.Model.Nodes[i].Name) }

func (an *analysis) writeText(w io.Writer) error {
	var b strings.Builder
	v, t := an.validation, an.words()
	m := an.r.Model
	if v.UnitsHidden { // how many have a score is a figure of the wave's units
		fmt.Fprintf(&b, t.HeadHiddenF, visible(m.Name), visible(string(v.Wave)), t.Participants.of(an.lang, v.Participants))
	} else {
		fmt.Fprintf(&b, t.HeadF, visible(m.Name), visible(string(v.Wave)), t.Units.of(an.lang, v.Units))
	}
	if v.Suppressed {
		fmt.Fprintf(&b, t.SmallF, t.Units.of(an.lang, an.dis.MinGroup()))
		_, err := io.WriteString(w, b.String())
		return err
	}
	an.textReliability(&b)
	an.textIndicators(&b)
	an.textFlags(&b)
	an.textTreatment(&b)
	an.textRobustness(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func (an *analysis) textReliability(b *strings.Builder) {
	t := an.words()
	b.WriteString(t.RelTitle)
	h := t.RelHead
	fmt.Fprintf(b, "  %-32s %5s %6s %6s %5s  %s\n", h[0], h[1], h[2], h[3], h[4], h[5])
	for _, rel := range an.validation.Reliability {
		weakest, alpha, pc1 := "", an.num(rel.Alpha, 2), pct(rel.FirstComponent)
		if j, ok := argmin(rel.ItemRest); ok {
			weakest = fmt.Sprintf("%s (%s; %s)", an.nodeName(rel.Items[j]), an.num(rel.ItemRest[j], 2), an.num(rel.AlphaIfDropped[j], 2))
		}
		if rel.Suppressed {
			weakest, alpha, pc1 = fmt.Sprintf(t.RelSmallF, t.Units.of(an.lang, an.dis.MinGroup())), "•", "•"
		}
		fmt.Fprintf(b, "  %-32s %5d %6s %6s %5s  %s\n", clip(an.nodeName(rel.Node), 32), len(rel.Items), an.count(rel.N), alpha, pc1, weakest)
	}
}

// argmin returns the index of the smallest number that is not NaN.
func argmin(xs []float64) (int, bool) {
	best := -1
	for i, x := range xs {
		if !math.IsNaN(x) && (best < 0 || x < xs[best]) {
			best = i
		}
	}
	return best, best >= 0
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (an *analysis) textIndicators(b *strings.Builder) {
	t := an.words()
	b.WriteString(t.IndTitle)
	h := t.IndHead
	fmt.Fprintf(b, "  %-32s %6s %8s %9s %9s %6s %6s\n", h[0], h[1], h[2], h[3], h[4], h[5], h[6])
	for _, d := range an.validation.Indicators {
		sk, ku, lo, hi := an.num(d.Skewness, 2), an.num(d.Kurtosis, 2), pct(d.Floor), pct(d.Ceiling)
		if d.Suppressed {
			sk, ku, lo, hi = "•", "•", "•", "•"
		}
		fmt.Fprintf(b, "  %-32s %6s %8s %9s %9s %6s %6s\n", clip(an.nodeName(d.Node), 32), an.count(d.N), pct(d.Missing), sk, ku, lo, hi)
	}
	// Under min_group_size 1 a figure is hidden only where no unit has
	// it (scoring.Disclosure.HidesSmallGroups), and SAMM's organisations
	// read of figures "over fewer than 1 organisation" below a table
	// with none hidden: the legend only where it applies.
	if an.dis.HidesSmallGroups() || slices.ContainsFunc(an.validation.Indicators, func(d analyse.Distribution) bool { return d.Suppressed }) {
		fmt.Fprintf(b, t.IndNoteF, t.Units.of(an.lang, an.dis.MinGroup()))
	}
}

func (an *analysis) textFlags(b *strings.Builder) {
	m, t := an.r.Model, an.words()
	b.WriteString(t.FlagsTitle)
	if len(an.validation.Flags) == 0 {
		fmt.Fprintf(b, t.NoFlagsF, an.lang.Number(analyse.NearDuplicateR))
	}
	for _, f := range an.validation.Flags {
		what := t.NearDup
		if f.Kind == analyse.NegativeInside {
			what = fmt.Sprintf(t.NegInsideF, an.nodeName(m.Nodes[f.A].Parent))
		}
		fmt.Fprintf(b, "  %s: %s ~ %s  r = %s\n", what, an.nodeName(f.A), an.nodeName(f.B), an.num(f.R, 2))
	}
}

// treatmentShown reports whether what the treatment of a question's
// numbers found may be shown: the skewness and kurtosis, and what follows
// from them — how many numbers were winsorised at either end, whether they
// were log-transformed (only where |skewness| and kurtosis pass their
// thresholds). They are figures over its tq.N numbers, hidden below
// report.min_group_size as the indicators' are (analyse printed
// "X  3 … 1,73 → 1,73" of three units beside their indicator's "•", and
// "0/1" of six beside a hidden share at 100: one of them far above the
// rest). Imputation never raises N past the minimum: it takes a mean of at
// least that many numbers of the wave, else leaves the number missing.
func (an *analysis) treatmentShown(tq *scoring.TreatedQuestion) bool { return an.dis.Shown(tq.N) }

func (an *analysis) textTreatment(b *strings.Builder) {
	m := an.r.Model
	var rows []string
	for _, q := range m.Questions {
		tq := an.r.Treated(an.wave, q.Index)
		if tq == nil || q.Treatment == nil {
			continue
		}
		log := ""
		if tq.Log {
			log = "log"
		}
		low, high := an.count(tq.WinsorisedLow), an.count(tq.WinsorisedHigh)
		before, after := an.num(tq.SkewBefore, 2), an.num(tq.SkewAfter, 2)
		if !an.treatmentShown(tq) {
			low, high, log, before, after = "•", "•", "•", "•", "•"
		}
		rows = append(rows, fmt.Sprintf("  %-20s %6s %8s %7s/%-5s %4s  %s → %s", clip(visible(string(q.ID)), 20), an.count(tq.N), an.count(tq.Imputed),
			low, high, log, before, after))
	}
	if len(rows) == 0 {
		return
	}
	t := an.words()
	h := t.TreatHead
	fmt.Fprintf(b, "%s  %-20s %6s %8s %13s %4s  %s\n%s\n", t.TreatTitle, h[0], h[1], h[2], h[3], h[4], h[5], strings.Join(rows, "\n"))
}

func (an *analysis) textRobustness(b *strings.Builder) {
	rob, t := an.robustness, an.words()
	if rob == nil {
		b.WriteString(t.RobNone)
		return
	}
	if rob.Suppressed {
		fmt.Fprintf(b, t.RobSmallF, t.Units.of(an.lang, an.dis.MinGroup()))
		return
	}
	m := an.r.Model
	fmt.Fprintf(b, t.RobHeadF, an.count(rob.Draws), t.BaseDraws.of(an.lang, rob.Base), len(rob.Inputs)+2, rob.Seed)
	// The indices first and the input after them, whole: clipped to a
	// column, "Verdichtung „Reifegradmodell Digitale Verwaltun…" hid the
	// aggregations drawn, "Gewichte „…“ …" the spread — what the index is
	// of.
	fmt.Fprintf(b, "  %11s %7s  %s\n", t.RobCols[1], t.RobCols[2], t.RobCols[0])
	for j, in := range rob.Inputs {
		sv := rob.Sensitivity[j]
		fmt.Fprintf(b, "  %11s %7s  %s\n", an.num(sv.First, 2), an.num(sv.Total, 2), visible(in.Describe(m, an.lang)))
	}
	fmt.Fprintf(b, t.ShiftF, an.num(rob.MeanShift, 1))
	if rob.Variance == 0 {
		b.WriteString(t.NeverVaries)
	}
	b.WriteString(")\n")
	units := an.r.WaveUnits(an.wave)
	type weak struct {
		i    int
		keep float64
	}
	var ws []weak
	kept := 0
	leveled := 0
	for i, u := range rob.Units {
		if u.Level == 0 {
			continue
		}
		leveled++
		if u.Stable() {
			kept++
		} else {
			ws = append(ws, weak{i, u.KeepLevel})
		}
	}
	fmt.Fprintf(b, t.KeptF, an.count(kept), an.count(leveled))
	slices.SortStableFunc(ws, func(x, y weak) int { return cmp.Compare(x.keep, y.keep) })
	for k, wk := range ws {
		if k == 10 {
			fmt.Fprintf(b, "    "+t.MoreF, an.count(len(ws)-k))
			break
		}
		u, ru := rob.Units[wk.i], &units[wk.i]
		// A name from the data may hold a line break: it would start a
		// line of its own, "  99 Fake → 1 Anfang" under the list.
		fmt.Fprintf(b, t.UnitF, visible(string(ru.Unit.ID)), clip(visible(ru.Unit.Name), 24), visible(m.Levels.ByOrdinal(u.Level).Label()),
			pctAt(an.lang, u.KeepLevel, analyse.StableShare), an.count(u.Rank), an.num(u.RankLow, 0), an.num(u.RankHigh, 0))
	}
}

// jnum is a figure in JSON: null when not computable.
func jnum(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func jnums(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	for i, x := range xs {
		out[i] = jnum(x)
	}
	return out
}

type jsonAnalysis struct {
	Model string `json:"model"`
	Wave  string `json:"wave"`
	// Units counts the units with an overall score, left out where the
	// wave's figures are hidden (analyse.Validation.UnitsHidden);
	// Participants the units of the wave.
	Units        *int            `json:"units,omitempty"`
	Participants int             `json:"participants"`
	Suppressed   bool            `json:"suppressed,omitempty"`
	Reliability  []jsonRel       `json:"reliability,omitempty"`
	Indicators   []jsonDist      `json:"indicators,omitempty"`
	Corr         *jsonCorr       `json:"correlations,omitempty"`
	Treatment    []jsonTreatment `json:"treatment,omitempty"`
	Robustness   *jsonRobustness `json:"robustness,omitempty"`
}

type jsonRel struct {
	Node           string     `json:"node"`
	Items          []string   `json:"items"`
	N              int        `json:"n"`
	Alpha          *float64   `json:"alpha"`
	AlphaIfDropped []*float64 `json:"alpha_if_dropped"`
	ItemRest       []*float64 `json:"item_rest"`
	FirstComponent *float64   `json:"first_component_share"`
}

type jsonDist struct {
	Indicator     string   `json:"indicator"`
	N             int      `json:"n"`
	Missing       *float64 `json:"missing_share"`
	NotApplicable int      `json:"not_applicable"`
	Skewness      *float64 `json:"skewness"`
	Kurtosis      *float64 `json:"kurtosis"`
	Floor         *float64 `json:"floor_share"`
	Ceiling       *float64 `json:"ceiling_share"`
}

type jsonCorr struct {
	Nodes    []string       `json:"nodes"`
	Pearson  [][]*float64   `json:"pearson"`
	Spearman [][]*float64   `json:"spearman"`
	Pairs    [][]int        `json:"pairs"`
	Flags    []jsonCorrFlag `json:"flags"`
}

type jsonCorrFlag struct {
	Kind string   `json:"kind"`
	A    string   `json:"a"`
	B    string   `json:"b"`
	R    *float64 `json:"r"`
}

type jsonTreatment struct {
	Question string `json:"question"`
	N        int    `json:"n"`
	Imputed  int    `json:"imputed"`
	// What the outlier treatment did, skewness and kurtosis are null,
	// and Suppressed set, where N is below report.min_group_size
	// (treatmentShown).
	WinsorisedLow  *int     `json:"winsorised_low"`
	WinsorisedHigh *int     `json:"winsorised_high"`
	Log            *bool    `json:"log"`
	Suppressed     bool     `json:"suppressed,omitempty"`
	SkewBefore     *float64 `json:"skewness_before"`
	KurtBefore     *float64 `json:"kurtosis_before"`
	SkewAfter      *float64 `json:"skewness_after"`
	KurtAfter      *float64 `json:"kurtosis_after"`
}

type jsonRobustness struct {
	Draws      int              `json:"draws"`
	Base       int              `json:"base_draws"`
	Seed       uint64           `json:"seed"`
	Suppressed bool             `json:"suppressed,omitempty"`
	Inputs     []jsonInput      `json:"inputs"`
	MeanShift  *float64         `json:"mean_absolute_rank_shift,omitempty"`
	Units      []jsonUnitRobust `json:"units,omitempty"`
}

type jsonInput struct {
	Input string   `json:"input"`
	First *float64 `json:"first_order"`
	Total *float64 `json:"total"`
}

type jsonUnitRobust struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Rank       int      `json:"rank,omitempty"`
	Level      *int     `json:"level"`
	KeepLevel  *float64 `json:"keep_level_share,omitempty"`
	MedianRank *float64 `json:"median_rank,omitempty"`
	// RankedShare: the share of variants with an overall score, over
	// which median_rank and rank_p5/p95 are.
	RankedShare float64            `json:"ranked_share"`
	RankLow     *float64           `json:"rank_p5,omitempty"`
	RankHigh    *float64           `json:"rank_p95,omitempty"`
	Levels      map[string]float64 `json:"level_shares"`
}

func (an *analysis) writeJSON(w io.Writer) error {
	m := an.r.Model
	v := an.validation
	id := func(i int) string { return string(m.Nodes[i].ID) }
	out := jsonAnalysis{Model: m.Name, Wave: string(v.Wave), Participants: v.Participants, Suppressed: v.Suppressed}
	if !v.UnitsHidden {
		out.Units = &v.Units
	}
	if !v.Suppressed {
		for _, rel := range v.Reliability {
			jr := jsonRel{Node: id(rel.Node), N: rel.N, Alpha: jnum(rel.Alpha), AlphaIfDropped: jnums(rel.AlphaIfDropped),
				ItemRest: jnums(rel.ItemRest), FirstComponent: jnum(rel.FirstComponent)}
			for _, c := range rel.Items {
				jr.Items = append(jr.Items, id(c))
			}
			out.Reliability = append(out.Reliability, jr)
		}
		for _, d := range v.Indicators {
			out.Indicators = append(out.Indicators, jsonDist{Indicator: id(d.Node), N: d.N, Missing: jnum(d.Missing),
				NotApplicable: d.NotApplicable, Skewness: jnum(d.Skewness), Kurtosis: jnum(d.Kurtosis), Floor: jnum(d.Floor), Ceiling: jnum(d.Ceiling)})
		}
		c := &jsonCorr{Pairs: v.Pairs, Flags: []jsonCorrFlag{}}
		for k, n := range v.Nodes {
			c.Nodes = append(c.Nodes, id(n))
			c.Pearson = append(c.Pearson, jnums(v.Pearson[k]))
			c.Spearman = append(c.Spearman, jnums(v.Spearman[k]))
		}
		for _, f := range v.Flags {
			c.Flags = append(c.Flags, jsonCorrFlag{Kind: f.Kind.String(), A: id(f.A), B: id(f.B), R: jnum(f.R)})
		}
		out.Corr = c
		for _, q := range m.Questions {
			if tq := an.r.Treated(an.wave, q.Index); tq != nil && q.Treatment != nil {
				jt := jsonTreatment{Question: string(q.ID), N: tq.N, Imputed: tq.Imputed, Suppressed: !an.treatmentShown(tq)}
				if !jt.Suppressed {
					jt.WinsorisedLow, jt.WinsorisedHigh, jt.Log = &tq.WinsorisedLow, &tq.WinsorisedHigh, &tq.Log
					jt.SkewBefore, jt.KurtBefore, jt.SkewAfter, jt.KurtAfter = jnum(tq.SkewBefore), jnum(tq.KurtBefore), jnum(tq.SkewAfter), jnum(tq.KurtAfter)
				}
				out.Treatment = append(out.Treatment, jt)
			}
		}
	}
	if rob := an.robustness; rob != nil {
		out.Robustness = an.jsonRobustness(rob)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (an *analysis) jsonRobustness(rob *analyse.Robustness) *jsonRobustness {
	m := an.r.Model
	jr := &jsonRobustness{Draws: rob.Draws, Base: rob.Base, Seed: rob.Seed, Suppressed: rob.Suppressed}
	for j, in := range rob.Inputs {
		ji := jsonInput{Input: in.Describe(m, scoring.English)}
		if !rob.Suppressed {
			ji.First, ji.Total = jnum(rob.Sensitivity[j].First), jnum(rob.Sensitivity[j].Total)
		}
		jr.Inputs = append(jr.Inputs, ji)
	}
	if rob.Suppressed {
		return jr
	}
	jr.MeanShift = jnum(rob.MeanShift)
	units := an.r.WaveUnits(an.wave)
	for i, u := range rob.Units {
		ju := jsonUnitRobust{ID: string(units[i].Unit.ID), Name: units[i].Unit.Name, Rank: u.Rank, RankedShare: u.RankedShare, Levels: map[string]float64{}}
		if u.Level > 0 {
			n := m.Levels.ByOrdinal(u.Level).Number
			ju.Level, ju.KeepLevel = &n, jnum(u.KeepLevel)
		}
		if u.Scored > 0 {
			ju.MedianRank, ju.RankLow, ju.RankHigh = jnum(u.MedianRank), jnum(u.RankLow), jnum(u.RankHigh)
		}
		for o, share := range u.Levels {
			if share == 0 {
				continue
			}
			key := "none"
			if o > 0 {
				key = fmt.Sprint(m.Levels.ByOrdinal(o).Number)
			}
			ju.Levels[key] = share
		}
		jr.Units = append(jr.Units, ju)
	}
	return jr
}
