package scoring

import (
	"fmt"
	"strings"
)

// treatText holds the words of the treatment paragraph of Methodology.
type treatText struct {
	intro, divided, per, population, and string
	imputeGroup, imputeWave, imputeNot   string
	// At report.min_group_size 1: "no number", not "fewer than 1
	// numbers". Their verbs are indexed (%[1]s): the least is not said,
	// and fmt leaves an unused argument unremarked only then.
	imputeGroupAny, imputeWaveAny            string
	imputeMean, imputeMedian                 string
	winsorise, logAfter, logOnly, outliersOf string
	zscore, rank                             string
}

var treatTexts = map[Language]*treatText{
	German: {
		intro:          "Zahlen werden vor der Umrechnung in Punkte über alle Einheiten einer Erhebungswelle aufbereitet, in dieser Reihenfolge (wie im JRC-Werkzeug COINr):",
		divided:        "%s wird durch %s geteilt",
		per:            " (je %s)",
		population:     "die Einwohnerzahl",
		and:            " und ",
		imputeGroup:    "Eine fehlende Zahl wird durch den %s der Gruppe %s der Einheit ersetzt (hat die Gruppe weniger als %s Zahlen, durch den der ganzen Welle; hat auch diese weniger, bleibt sie fehlend); ersetzte Zahlen gelten als nicht beantwortet.",
		imputeWave:     "Eine fehlende Zahl wird durch den %s der ganzen Welle ersetzt, wenn sie mindestens %s Zahlen hat, sonst bleibt sie fehlend; ersetzte Zahlen gelten als nicht beantwortet.",
		imputeNot:      "Fehlende Zahlen werden nicht ersetzt.",
		imputeGroupAny: "Eine fehlende Zahl wird durch den %[1]s der Gruppe %[2]s der Einheit ersetzt (hat die Gruppe keine Zahl, durch den der ganzen Welle; hat auch diese keine, bleibt sie fehlend); ersetzte Zahlen gelten als nicht beantwortet.",
		imputeWaveAny:  "Eine fehlende Zahl wird durch den %[1]s der ganzen Welle ersetzt, wenn sie eine Zahl hat, sonst bleibt sie fehlend; ersetzte Zahlen gelten als nicht beantwortet.",
		imputeMean:     "Mittelwert",
		imputeMedian:   "Median",
		winsorise:      "Solange die Zahlen einer Frage stark schief verteilt sind (Schiefe betragsmäßig mindestens %s und Wölbung mindestens %s), wird der extremste Wert auf den nächsten gesetzt, höchstens %d Werte",
		logAfter:       "; genügt das nicht, werden stattdessen die Logarithmen ln(x − min + 0,01·(max − min)) verwendet.",
		logOnly:        "Sind die Zahlen einer Frage stark schief verteilt (Schiefe betragsmäßig mindestens %s und Wölbung mindestens %s), werden ihre Logarithmen ln(x − min + 0,01·(max − min)) verwendet.",
		outliersOf:     " (betrifft: %s)",
		zscore:         "Manche Zahlen werden als Standardwert umgerechnet: der Mittelwert der Welle ergibt %s Punkte von 100, eine Standardabweichung (der Stichprobe, n − 1) mehr %s.",
		rank:           "Manche Zahlen werden als Rang umgerechnet: der Anteil der anderen Einheiten der Welle mit einer kleineren Zahl (Gleichstand zählt halb).",
	},
	English: {
		intro:          "Numbers are prepared over all units of a survey wave before they become points, in this order (as in the JRC's COINr):",
		divided:        "%s is divided by %s",
		per:            " (per %s)",
		population:     "the population",
		and:            " and ",
		imputeGroup:    "A missing number is replaced by the %s of the unit's group by %s (by the whole wave's when the group has fewer than %s numbers; when the wave has fewer too, it stays missing); replaced numbers count as not answered.",
		imputeWave:     "A missing number is replaced by the %s of the whole wave when it has at least %s numbers, else it stays missing; replaced numbers count as not answered.",
		imputeNot:      "Missing numbers are not replaced.",
		imputeGroupAny: "A missing number is replaced by the %[1]s of the unit's group by %[2]s (by the whole wave's when the group has no number; when the wave has none either, it stays missing); replaced numbers count as not answered.",
		imputeWaveAny:  "A missing number is replaced by the %[1]s of the whole wave when it has any number, else it stays missing; replaced numbers count as not answered.",
		imputeMean:     "mean",
		imputeMedian:   "median",
		winsorise:      "While the numbers of a question are strongly skewed (absolute skewness at least %s and kurtosis at least %s), the most extreme one is set to the next, at most %d numbers",
		logAfter:       "; if that is not enough, their logarithms ln(x − min + 0.01·(max − min)) are used instead.",
		logOnly:        "If the numbers of a question are strongly skewed (absolute skewness at least %s and kurtosis at least %s), their logarithms ln(x − min + 0.01·(max − min)) are used.",
		outliersOf:     " (applies to: %s)",
		zscore:         "Some numbers become standard scores: the wave's mean gives %s points of 100, one standard deviation (of the sample, n − 1) more %s.",
		rank:           "Some numbers become ranks: the share of the other units of the wave with a smaller number (ties counting half).",
	},
}

// treatment describes the treatment stage and the normalisations over the
// wave that it added, or returns "" when the model treats nothing.
func (w *methodWriter) treatment() string {
	t := treatTexts[w.lang]
	var ps, divided []string
	imputes := map[string][]string{}
	var imputeOrder []string
	outliers := map[Outliers][]string{}
	var outlierOrder []Outliers
	var zs *Scale
	rank := false
	for _, q := range w.usedQuestions() {
		switch q.Scale.Normalisation {
		case NormaliseZScore:
			zs = cmpOr(zs, q.Scale)
		case NormaliseRank:
			rank = true
		}
		tr := q.Treatment
		if tr == nil {
			continue
		}
		if d := tr.Denominator; d != nil {
			by := d.Name
			if d.Question < 0 {
				by = t.population
			}
			s := fmt.Sprintf(t.divided, string(q.ID), by)
			if d.Per != 1 {
				s += fmt.Sprintf(t.per, w.num(d.Per))
			}
			divided = append(divided, s)
		}
		im := w.imputeText(t, tr)
		if _, ok := imputes[im]; !ok {
			imputeOrder = append(imputeOrder, im)
		}
		imputes[im] = append(imputes[im], string(q.ID))
		if tr.Outliers.Active() {
			if _, ok := outliers[tr.Outliers]; !ok {
				outlierOrder = append(outlierOrder, tr.Outliers)
			}
			outliers[tr.Outliers] = append(outliers[tr.Outliers], string(q.ID))
		}
	}
	if len(divided) == 0 && len(imputeOrder) == 0 && len(outlierOrder) == 0 && zs == nil && !rank {
		return ""
	}
	if len(divided) > 0 || len(imputeOrder) > 0 || len(outlierOrder) > 0 {
		ps = append(ps, t.intro)
	}
	if len(divided) > 0 {
		ps = append(ps, strings.Join(divided, "; ")+".")
	}
	for _, im := range imputeOrder {
		if len(imputeOrder) > 1 {
			im = strings.TrimSuffix(im, ".") + fmt.Sprintf(t.outliersOf, strings.Join(imputes[im], ", ")) + "."
		}
		ps = append(ps, im)
	}
	for _, o := range outlierOrder {
		s := w.outlierText(t, o)
		if len(outlierOrder) > 1 {
			s = strings.TrimSuffix(s, ".") + fmt.Sprintf(t.outliersOf, strings.Join(outliers[o], ", ")) + "."
		}
		ps = append(ps, s)
	}
	if zs != nil {
		ps = append(ps, fmt.Sprintf(t.zscore, w.num(zs.ZMean), w.num(zs.ZMean+zs.ZSD)))
	}
	if rank {
		ps = append(ps, t.rank)
	}
	return strings.Join(ps, " ")
}

func (w *methodWriter) imputeText(t *treatText, tr *Treatment) string {
	stat := t.imputeMean
	if tr.Impute == ImputeGroupMedian || tr.Impute == ImputeMedian {
		stat = t.imputeMedian
	}
	n := leastGroup(w.m.MinGroupSize) // ImputeFrom
	group, wave := t.imputeGroup, t.imputeWave
	if n == 1 {
		group, wave = t.imputeGroupAny, t.imputeWaveAny
	}
	least := w.num(float64(n))
	switch {
	case tr.Impute == ImputeNone:
		return t.imputeNot
	case (tr.Impute == ImputeGroupMean || tr.Impute == ImputeGroupMedian) && tr.ImputeBy >= 0:
		return fmt.Sprintf(group, stat, w.quote(w.m.PeerGroups[tr.ImputeBy].Name), least)
	}
	return fmt.Sprintf(wave, stat, least)
}

func (w *methodWriter) outlierText(t *treatText, o Outliers) string {
	if o.MaxPoints == 0 {
		return fmt.Sprintf(t.logOnly, w.num(o.Skewness), w.num(o.Kurtosis))
	}
	s := fmt.Sprintf(t.winsorise, w.num(o.Skewness), w.num(o.Kurtosis), o.MaxPoints)
	if o.Log {
		return s + t.logAfter
	}
	return s + "."
}
