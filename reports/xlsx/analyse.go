package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// analyseText holds the texts of the analysis sheets in one language.
type analyseText struct {
	SheetTreatment, SheetValidation, SheetRobustness string

	TreatmentTitle, TreatmentLead, Raw, Denominator, Denominated, Imputed, Treated, Normalised, Flags string
	TreatmentCut                                                                                      string // %d: rows left out
	TreatmentCutOne                                                                                   string // the same for one
	// FlagWords say what the treatment did (scoring.TreatFlag) in words:
	// indicators.csv's codes ("answered+division_by_zero+imputed") are
	// for a filter, and were English on the German sheet.
	FlagWords map[scoring.TreatFlag]string

	ValidationTitle, ValidationLead, ReliabilityTitle, Parts, Alpha, FirstComponent, WeakestPart string
	ItemRest, AlphaIfDropped, DistributionTitle, Missing, Skewness, Kurtosis, Floor, Ceiling     string
	FlagsTitle, Pair, Correlation, NoFlags, NegativeInside, NearDuplicate, Suppressed            string
	SuppressedWave                                                                               string // %d: minimum group size

	RobustnessTitle, RobustnessLead, Draws, BaseDraws, Seed, Inputs, Input, First, Total string
	MeanShift, UnitsTitle, Rank, MedianRank, RankLow, RankHigh, Level, KeepLevel         string
	Ranked                                                                               string // the share of variants with an overall score
	NoRobustness                                                                         string
	WaveUnits                                                                            string // %s: wave, %s: units (Language.Count)
	WaveParticipants                                                                     string // %s: wave, %s: units of a wave whose figures are hidden
}

var analyseTexts = map[scoring.Language]*analyseText{
	scoring.German: {
		SheetTreatment: "Aufbereitung", SheetValidation: "Validierung", SheetRobustness: "Robustheit",
		TreatmentTitle: "Aufbereitung der Zahlen je Kommune und Frage",
		TreatmentLead:  "Jede Zahl auf jeder Stufe: wie geantwortet, geteilt durch den Nenner, nach dem Ersetzen fehlender Werte, nach der Behandlung von Ausreißern und normiert auf 0–100, wie sie in den Indikator eingeht.",
		Raw:            "Antwort", Denominator: "Nenner", Denominated: "geteilt", Imputed: "ersetzt", Treated: "behandelt", Normalised: "normiert (0–100)", Flags: "Was geschah",
		TreatmentCut:    "… %d weitere Zeilen stehen in indicators.csv.",
		TreatmentCutOne: "… eine weitere Zeile steht in indicators.csv.",
		FlagWords: map[scoring.TreatFlag]string{scoring.TreatAnswered: "beantwortet", scoring.TreatBlank: "nicht beantwortet",
			scoring.TreatUnknown: "weiß nicht", scoring.TreatInvalid: "Antwort außerhalb der Skala", scoring.TreatNotApplicable: "nicht zutreffend",
			scoring.TreatDenominated: "durch den Nenner geteilt", scoring.TreatDivisionByZero: "Nenner 0 oder fehlend",
			scoring.TreatImputed: "ersetzt", scoring.TreatImputedFromWave: "mit dem Wert der ganzen Welle",
			scoring.TreatWinsorisedHigh: "hoher Ausreißer gekappt", scoring.TreatWinsorisedLow: "niedriger Ausreißer gekappt",
			scoring.TreatLog: "logarithmiert"},
		ValidationTitle:  "Statistische Prüfung des Modells",
		ValidationLead:   "Wie gut passen die Teile jeder Dimension zusammen, wie hängen Indikatoren und Dimensionen zusammen, wie sind die Werte verteilt? Alle Kennzahlen über die Kommunen der Welle; Kennzahlen über zu wenige Kommunen werden nicht ausgewiesen (•).",
		ReliabilityTitle: "Zuverlässigkeit (Kommunen mit allen Teilen bewertet)", Parts: "Teile", Alpha: "Cronbachs α",
		FirstComponent: "1. Hauptkomponente", WeakestPart: "Teil mit der geringsten Trennschärfe", ItemRest: "Trennschärfe", AlphaIfDropped: "α ohne diesen Teil",
		DistributionTitle: "Verteilung der Indikatorwerte (0–100)", Missing: "fehlend", Skewness: "Schiefe", Kurtosis: "Wölbung", Floor: "bei 0", Ceiling: "bei 100",
		FlagsTitle: "Auffällige Korrelationen (Pearson)", Pair: "Paar", Correlation: "r", NoFlags: "keine: keine negative Korrelation innerhalb eines Knotens, kein Paar mit |r| > 0,9",
		NegativeInside: "negativ innerhalb von %s", NearDuplicate: "nahezu gleich", Suppressed: "•",
		SuppressedWave:  "Die Welle hat weniger als %d bewertete Kommunen: keine Kennzahl wird ausgewiesen.",
		RobustnessTitle: "Robustheit der Ergebnisse",
		RobustnessLead:  "Die unsicheren Entscheidungen des Modells wurden zufällig variiert (reproduzierbar über den Startwert); je Variante wurde die Welle neu bewertet. Sensitivität: welcher Anteil der Schwankung der mittleren Rangverschiebung auf eine Entscheidung allein (1. Ordnung) oder mit ihren Wechselwirkungen (gesamt) zurückgeht.",
		Draws:           "Varianten", BaseDraws: "Basisziehungen", Seed: "Startwert", Inputs: "Unsichere Entscheidungen", Input: "Entscheidung", First: "1. Ordnung", Total: "gesamt",
		MeanShift: "mittlere Rangverschiebung", UnitsTitle: "Je Kommune", Rank: "Rang", MedianRank: "Median-Rang", RankLow: "Rang 5 %", RankHigh: "Rang 95 %", Ranked: "mit Gesamtwert in",
		Level: "Stufe", KeepLevel: "behält die Stufe in", NoRobustness: "Keine unsichere Entscheidung erklärt (analyse.uncertainty in config.yaml).",
		WaveUnits: "Welle %s: %s Kommunen mit Gesamtwert", WaveParticipants: "Welle %s: %s Teilnehmende",
	},
	scoring.English: {
		SheetTreatment: "Treatment", SheetValidation: "Validation", SheetRobustness: "Robustness",
		TreatmentTitle: "Treatment of the numbers per municipality and question",
		TreatmentLead:  "Every number at every stage: as answered, divided by its denominator, after missing numbers were imputed, after outliers were treated, and normalised to 0–100 as it enters its indicator.",
		Raw:            "answer", Denominator: "denominator", Denominated: "divided", Imputed: "imputed", Treated: "treated", Normalised: "normalised (0–100)", Flags: "what was done",
		TreatmentCut:    "… %d more rows are in indicators.csv.",
		TreatmentCutOne: "… one more row is in indicators.csv.",
		FlagWords: map[scoring.TreatFlag]string{scoring.TreatAnswered: "answered", scoring.TreatBlank: "not answered",
			scoring.TreatUnknown: "don't know", scoring.TreatInvalid: "answer outside the scale", scoring.TreatNotApplicable: "not applicable",
			scoring.TreatDenominated: "divided by the denominator", scoring.TreatDivisionByZero: "denominator 0 or missing",
			scoring.TreatImputed: "imputed", scoring.TreatImputedFromWave: "with the value of the whole wave",
			scoring.TreatWinsorisedHigh: "high outlier winsorised", scoring.TreatWinsorisedLow: "low outlier winsorised",
			scoring.TreatLog: "log-transformed"},
		ValidationTitle:  "Statistical validation of the model",
		ValidationLead:   "How well do the parts of each dimension hang together, how do indicators and dimensions correlate, how are the scores distributed? Every figure over the municipalities of the wave; figures over too few municipalities are not shown (•).",
		ReliabilityTitle: "Reliability (municipalities with every part scored)", Parts: "parts", Alpha: "Cronbach's α",
		FirstComponent: "1st principal component", WeakestPart: "part least in line", ItemRest: "item-rest r", AlphaIfDropped: "α without it",
		DistributionTitle: "Distribution of the indicator scores (0–100)", Missing: "missing", Skewness: "skewness", Kurtosis: "kurtosis", Floor: "at 0", Ceiling: "at 100",
		FlagsTitle: "Flagged correlations (Pearson)", Pair: "pair", Correlation: "r", NoFlags: "none: no negative correlation inside a node, no pair with |r| > 0.9",
		NegativeInside: "negative inside %s", NearDuplicate: "near-duplicates", Suppressed: "•",
		SuppressedWave:  "The wave has fewer than %d scored municipalities: no figure is shown.",
		RobustnessTitle: "Robustness of the results",
		RobustnessLead:  "The model's uncertain choices were varied at random (reproducibly, by the seed); each variant scored the wave again. Sensitivity: the share of the variation of the mean rank shift due to one choice alone (first order) or with its interactions (total).",
		Draws:           "variants", BaseDraws: "base draws", Seed: "seed", Inputs: "Uncertain choices", Input: "choice", First: "first order", Total: "total",
		MeanShift: "mean rank shift", UnitsTitle: "Per municipality", Rank: "rank", MedianRank: "median rank", RankLow: "rank 5 %", RankHigh: "rank 95 %", Ranked: "with overall score in",
		Level: "level", KeepLevel: "keeps its level in", NoRobustness: "No uncertain choice is declared (analyse.uncertainty in config.yaml).",
		WaveUnits: "Wave %s: %s municipalities with an overall score", WaveParticipants: "Wave %s: %s participants",
	},
}

// treatmentRowLimit bounds the rows of the Aufbereitung sheet; all of them
// are in indicators.csv.
const treatmentRowLimit = 100000

// analysisSheets writes the sheets of the analysis: the treatment of
// numbers when the model treats any, the validation, the robustness.
func (wb *workbook) analysisSheets() error {
	if wb.o.Analysis == nil {
		return nil
	}
	format := "0.00"
	dec, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return err
	}
	for _, q := range wb.m.Questions {
		if q.Treatment != nil {
			if err := wb.treatmentSheet(); err != nil {
				return err
			}
			break
		}
	}
	if err := wb.validationSheet(dec); err != nil {
		return err
	}
	return wb.robustnessSheet(dec)
}

func (wb *workbook) at() *analyseText { return wb.analyseT }

func (wb *workbook) headerRow(s *sheetWriter, texts ...string) int {
	cells := make([]any, len(texts))
	for i, h := range texts {
		cells[i] = styledCell{V: h, Style: wb.st.header}
	}
	return s.line(cells...)
}

func (wb *workbook) treatmentSheet() error {
	at, t, st, r := wb.at(), wb.t, &wb.st, wb.r
	s, err := wb.newSheet(at.SheetTreatment)
	if err != nil {
		return err
	}
	s.line(styledCell{V: at.TreatmentTitle, Style: st.title, Spill: true})
	s.line(styledCell{V: at.TreatmentLead, Style: st.note, Spill: true})
	s.skip(1)
	hrow := wb.headerRow(s, t.Wave, t.ID, t.Name, t.Question, at.Raw, at.Denominator, at.Denominated, at.Imputed, at.Treated, at.Normalised, at.Flags)
	num := func(x float64, ok bool) any {
		if !ok {
			return nil
		}
		return styledCell{V: x, Style: st.number}
	}
	rows, cut := 0, 0
	words := flagWords(at.FlagWords)
	for wi := range r.Waves {
		units := r.WaveUnits(wi)
		for qi, q := range wb.m.Questions {
			tq := r.Treated(wi, qi)
			if tq == nil || q.Treatment == nil {
				continue
			}
			for i, v := range tq.Values {
				if rows == treatmentRowLimit {
					cut++
					continue
				}
				rows++
				u := &units[i]
				s.line(r.Waves[wi].Label, styledCell{V: string(u.Unit.ID), Style: st.id}, u.Unit.Name, string(q.ID),
					num(v.Raw, v.Flags&scoring.TreatAnswered != 0), num(v.Denominator, v.Flags&scoring.TreatDenominated != 0),
					num(v.Denominated, v.Flags&scoring.TreatDenominated != 0), num(v.Imputed, v.Has), num(v.Treated, v.Has),
					num(v.Normalised, v.Has), words(v.Flags))
			}
		}
	}
	if cut > 0 {
		cutText := fmt.Sprintf(at.TreatmentCut, cut)
		if cut == 1 {
			cutText = at.TreatmentCutOne
		}
		s.line(styledCell{V: cutText, Style: st.note, Spill: true})
	}
	s.fit(40)
	if err := s.Err(); err != nil {
		return err
	}
	return wb.freeze(s.name, 3, hrow)
}

// flagWords returns what says a unit's flags in the words given for each
// flag, in the order scoring.TreatFlag.String names them, joined by ", ":
// "beantwortet, Nenner 0 oder fehlend, ersetzt". A combination is worded
// once (a sheet has up to 100,000 rows and a handful of combinations).
func flagWords(word map[scoring.TreatFlag]string) func(scoring.TreatFlag) string {
	byCode := make(map[string]string, len(word))
	for f, w := range word {
		byCode[f.String()] = w
	}
	done := map[scoring.TreatFlag]string{}
	return func(f scoring.TreatFlag) string {
		if s, ok := done[f]; ok {
			return s
		}
		codes := strings.Split(f.String(), "+")
		for i, c := range codes {
			if w, ok := byCode[c]; ok { // every flag has its word (TestCatalogs)
				codes[i] = w
			}
		}
		s := strings.Join(codes, ", ")
		done[f] = s
		return s
	}
}

// fig is a figure of the analysis: empty when not computable (NaN), "•"
// when suppressed.
func (wb *workbook) fig(x float64, suppressed bool, style int) any {
	if suppressed {
		return styledCell{V: wb.at().Suppressed, Style: wb.st.suppressed}
	}
	if math.IsNaN(x) {
		return nil
	}
	return styledCell{V: x, Style: style}
}

// validationSheet writes the validation; dec is the style of figures with
// two decimals.
func (wb *workbook) validationSheet(dec int) error {
	at, t, st, m := wb.at(), wb.t, &wb.st, wb.m
	v := wb.o.Analysis.Validation
	s, err := wb.newSheet(at.SheetValidation)
	if err != nil {
		return err
	}
	s.line(styledCell{V: at.ValidationTitle, Style: st.title, Spill: true})
	head := fmt.Sprintf(at.WaveUnits, wb.r.Waves[wb.o.Analysis.Wave].Label, wb.t.Lang.Count(v.Units))
	if v.UnitsHidden { // how many have a score is a figure of the wave's units
		head = fmt.Sprintf(at.WaveParticipants, wb.r.Waves[wb.o.Analysis.Wave].Label, wb.t.Lang.Count(v.Participants))
	}
	s.line(styledCell{V: head, Style: st.subtitle, Spill: true})
	s.line(styledCell{V: at.ValidationLead, Style: st.note, Spill: true})
	s.skip(1)
	if v.Suppressed {
		s.line(styledCell{V: fmt.Sprintf(at.SuppressedWave, wb.dis.MinGroup()), Style: st.note, Spill: true})
		s.fit(60)
		return s.Err()
	}
	s.line(styledCell{V: at.ReliabilityTitle, Style: st.section, Spill: true})
	wb.headerRow(s, t.Node, at.Parts, t.N, at.Alpha, at.FirstComponent, at.WeakestPart, at.ItemRest, at.AlphaIfDropped)
	for _, rel := range v.Reliability {
		row := []any{m.Nodes[rel.Node].Name, len(rel.Items), rel.N, wb.fig(rel.Alpha, rel.Suppressed, dec),
			wb.fig(rel.FirstComponent, rel.Suppressed, st.share)}
		if j := weakest(rel.ItemRest); j >= 0 && !rel.Suppressed {
			row = append(row, m.Nodes[rel.Items[j]].Name, wb.fig(rel.ItemRest[j], false, dec), wb.fig(rel.AlphaIfDropped[j], false, dec))
		}
		s.line(row...)
	}
	s.skip(1)
	s.line(styledCell{V: at.DistributionTitle, Style: st.section, Spill: true})
	wb.headerRow(s, t.Indicator, t.N, at.Missing, at.Skewness, at.Kurtosis, at.Floor, at.Ceiling)
	for _, d := range v.Indicators {
		s.line(m.Nodes[d.Node].Name, d.N, wb.fig(d.Missing, false, st.share), wb.fig(d.Skewness, d.Suppressed, dec),
			wb.fig(d.Kurtosis, d.Suppressed, dec), wb.fig(d.Floor, d.Suppressed, st.share), wb.fig(d.Ceiling, d.Suppressed, st.share))
	}
	s.skip(1)
	s.line(styledCell{V: at.FlagsTitle, Style: st.section, Spill: true})
	if len(v.Flags) == 0 {
		s.line(styledCell{V: at.NoFlags, Style: st.note, Spill: true})
	}
	for _, f := range v.Flags {
		kind := at.NearDuplicate
		if f.Kind == analyse.NegativeInside {
			kind = fmt.Sprintf(at.NegativeInside, m.Nodes[m.Nodes[f.A].Parent].Name)
		}
		s.line(kind, m.Nodes[f.A].Name+" ~ "+m.Nodes[f.B].Name, wb.fig(f.R, false, dec))
	}
	s.fit(45)
	return s.Err()
}

// weakest is the index of the smallest figure that is not NaN, or −1.
func weakest(xs []float64) int {
	best := -1
	for i, x := range xs {
		if !math.IsNaN(x) && (best < 0 || x < xs[best]) {
			best = i
		}
	}
	return best
}

func (wb *workbook) robustnessSheet(dec int) error {
	at, t, st, r, m := wb.at(), wb.t, &wb.st, wb.r, wb.m
	rob := wb.o.Analysis.Robustness
	s, err := wb.newSheet(at.SheetRobustness)
	if err != nil {
		return err
	}
	s.line(styledCell{V: at.RobustnessTitle, Style: st.title, Spill: true})
	switch {
	case rob == nil:
		s.line(styledCell{V: at.NoRobustness, Style: st.note, Spill: true})
		return s.Err()
	case rob.Suppressed:
		s.line(styledCell{V: fmt.Sprintf(at.SuppressedWave, wb.dis.MinGroup()), Style: st.note, Spill: true})
		return s.Err()
	}
	s.line(styledCell{V: at.RobustnessLead, Style: st.note, Spill: true})
	s.skip(1)
	s.line(at.Draws, styledCell{V: rob.Draws, Style: st.integer})
	s.line(at.BaseDraws, styledCell{V: rob.Base, Style: st.integer})
	s.line(at.Seed, styledCell{V: rob.Seed, Style: st.integer})
	s.line(at.MeanShift, wb.fig(rob.MeanShift, false, st.score))
	s.skip(1)
	s.line(styledCell{V: at.Inputs, Style: st.section, Spill: true})
	wb.headerRow(s, at.Input, at.First, at.Total)
	for j, in := range rob.Inputs {
		s.line(in.Describe(m, wb.t.Lang), wb.fig(rob.Sensitivity[j].First, false, dec), wb.fig(rob.Sensitivity[j].Total, false, dec))
	}
	s.skip(1)
	s.line(styledCell{V: at.UnitsTitle, Style: st.section, Spill: true})
	hrow := wb.headerRow(s, t.ID, t.Name, at.Level, at.KeepLevel, at.Rank, at.MedianRank, at.RankLow, at.RankHigh, at.Ranked)
	units := r.WaveUnits(wb.o.Analysis.Wave)
	for i, u := range rob.Units {
		row := []any{styledCell{V: string(units[i].Unit.ID), Style: st.id}, units[i].Unit.Name}
		if u.Level > 0 {
			row = append(row, styledCell{V: m.Levels.ByOrdinal(u.Level).Label(), Style: st.levelStyle(u.Level)}, styledCell{V: u.KeepLevel, Style: wb.shareStyle(u.KeepLevel, analyse.StableShare)})
		} else {
			row = append(row, m.Levels.ByOrdinal(0).Label(), nil)
		}
		if u.Rank > 0 {
			row = append(row, u.Rank)
		} else {
			row = append(row, nil)
		}
		if u.Scored > 0 {
			row = append(row, u.MedianRank, u.RankLow, u.RankHigh)
		} else {
			row = append(row, nil, nil, nil)
		}
		row = append(row, styledCell{V: u.RankedShare, Style: wb.shareStyle(u.RankedShare, 1)})
		s.line(row...)
	}
	s.fit(50)
	if err := s.Err(); err != nil {
		return err
	}
	return wb.filter(s.name, fmt.Sprintf("A%d:H%d", hrow, s.row))
}
