package survey

import (
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// cellRule translates the raw answers of one question before scoring:
// codebook codes to the model's answers, the tool's "not answered" codes
// to blank, and multi-select answers joined the tool's way to the scale's
// separator. Codes the question's scale itself knows are left alone: what
// the model declares wins over the tool's defaults.
type cellRule struct {
	q      int
	scale  *scoring.Scale
	recode map[string]string
	blank  []string
	faulty []string
	joined []string
	items  map[string]int // codebook item codes, for joined cells
	// comma: the scale expects a decimal comma but the table is a
	// workbook, whose number cells always have a decimal point.
	comma bool
	// blankCode is, on a multi-select scale that reads an empty cell as
	// nothing ticked (empty: none), one of the scale's codes for a blank
	// ("-9"): what a tool's "not answered" becomes (notAnsweredAs).
	blankCode string
}

// cellRules lists the questions whose answers need translating.
func (hm *headerMatcher) cellRules(p *plan) []cellRule {
	spec := platforms[p.platform]
	var out []cellRule
	fromItems := map[int]bool{}
	for _, mc := range p.multi {
		fromItems[mc.q] = true
	}
	for q, qq := range hm.m.Questions {
		sc := qq.Scale
		if sc == nil || (p.direct[q] < 0 && !fromItems[q]) {
			continue
		}
		// An earlier wave's rescaled question is answered on the scale
		// it asked with: its codes are that scale's.
		codes := sc.ID
		if sc.From != "" {
			codes = sc.From
		}
		r := cellRule{q: q, scale: sc, recode: hm.opt.Codebook.answerCodes(codes)}
		for _, c := range spec.blank {
			if sc.Parse(c).Status == scoring.Invalid {
				r.blank = append(r.blank, c)
			}
		}
		for _, c := range spec.faulty {
			if sc.Parse(c).Status == scoring.Invalid {
				r.faulty = append(r.faulty, c)
			}
		}
		if sc.Kind == scoring.ScaleMulti && len(spec.joined) > 0 && !fromItems[q] {
			r.joined = spec.joined
			r.items = hm.opt.Codebook.itemCodes(sc.ID)
		}
		r.comma = hm.pointNumbers && sc.Kind == scoring.ScaleNumeric && sc.Decimal == scoring.DecimalComma
		if sc.Kind == scoring.ScaleMulti && sc.EmptyNone {
			r.blankCode = blankCode(sc)
		}
		if r.recode != nil || r.blank != nil || r.faulty != nil || r.joined != nil || r.comma {
			out = append(out, r)
		}
	}
	return out
}

// apply translates one raw answer. faulty reports an answer the tool marks
// as faulty, read as not answered.
func (r *cellRule) apply(v string) (out string, faulty bool) {
	if v == "" {
		return v, false
	}
	k := strings.TrimSpace(v)
	if r.recode != nil {
		if a, ok := r.recode[k]; ok {
			return a, false
		}
		if a, ok := r.recode[strings.ToLower(k)]; ok {
			return a, false
		}
	}
	for _, c := range r.blank {
		if k == c {
			return r.notAnsweredAs(k), false
		}
	}
	for _, c := range r.faulty {
		if k == c {
			return r.notAnsweredAs(k), true
		}
	}
	if r.joined != nil {
		return splitJoined(v, r.scale, r.joined, r.items), false
	}
	if r.comma {
		if c, ok := numberCellWithComma(k); ok {
			return c, false
		}
	}
	return v, false
}

// notAnsweredAs is what the tool's "not answered" or faulty code k
// becomes: empty — but never on a multi-select scale that reads an empty
// cell as nothing ticked (empty: none), where SoSci Survey's -9 scored 0
// items, 0 points. There it is the scale's own code for a blank, else k
// itself, which the scale does not know: a finding at the cell, not a
// guess.
func (r *cellRule) notAnsweredAs(k string) string {
	switch {
	case r.scale.Kind != scoring.ScaleMulti || !r.scale.EmptyNone:
		return ""
	case r.blankCode != "":
		return r.blankCode
	}
	return k
}

// blankCode returns the first, in sorted order, of the scale's codes for
// a blank, or "".
func blankCode(sc *scoring.Scale) string {
	codes := make([]string, 0, len(sc.Missing))
	for c, st := range sc.Missing {
		if st == scoring.Blank && c != "" {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	if len(codes) == 0 {
		return ""
	}
	return codes[0]
}

// numberCellWithComma returns a workbook's number cell as a scale with
// decimal: comma reads it. A number cell is read as "5.5" (and 1.234 as
// "1.2340", see xlsxTable.next): its point becomes a comma. A text cell
// may hold "1.234" typed the German way, where the point followed by
// exactly three digits stays a thousands separator; it reports false for
// that and anything else it leaves as it is.
func numberCellWithComma(k string) (string, bool) {
	if i := strings.IndexByte(k, '.'); i >= 0 && len(k)-i-1 != 3 && strings.IndexByte(k, ',') < 0 {
		if _, err := strconv.ParseFloat(k, 64); err == nil {
			return strings.Replace(k, ".", ",", 1), true
		}
	}
	return k, false
}

// splitJoined turns a multi-select answer joined by a form tool ("PayPal,
// Kreditkarte, giropay") into item codes joined by the scale's separator.
// Item labels may themselves contain the separator ("ja, vollständig"), so
// the longest item name at each position wins. A part that names no item
// leaves the whole answer as it was, for the engine to report.
func splitJoined(v string, sc *scoring.Scale, seps []string, cbItems map[string]int) string {
	s := strings.TrimSpace(v)
	sep := sc.Separator
	if sep == "" {
		sep = ";"
	}
	var b strings.Builder
	n := 0
	for s != "" {
		for _, sp := range seps {
			s = strings.TrimSpace(strings.TrimPrefix(s, strings.TrimSpace(sp)))
		}
		if s == "" {
			break
		}
		item, rest := -1, ""
		best := 0
		try := func(name string, i int) {
			if len(name) <= best || len(name) > len(s) || !strings.EqualFold(s[:len(name)], name) {
				return
			}
			after := s[len(name):]
			if after != "" && !hasSepPrefix(after, seps) {
				return
			}
			item, rest, best = i, after, len(name)
		}
		for i, it := range sc.Items {
			try(it.Label, i)
			try(it.Code, i)
		}
		for code, i := range cbItems {
			try(code, i)
		}
		if item < 0 {
			return v
		}
		if n > 0 {
			b.WriteString(sep)
		}
		b.WriteString(sc.Items[item].Code)
		n++
		s = strings.TrimSpace(rest)
	}
	return b.String()
}

func hasSepPrefix(s string, seps []string) bool {
	for _, sp := range seps {
		if strings.HasPrefix(s, sp) || strings.HasPrefix(s, strings.TrimSpace(sp)) {
			return true
		}
	}
	return false
}

// join assembles a multi-select answer from its item columns: the ticked
// items' codes joined by the scale's separator. Nothing ticked but some
// item explicitly not ticked is an answer with no item (the separator
// alone, which the scale reads as none ticked); items the tool marks not
// answered give its code ("-9"); no information at all is blank. A value the tool never writes is returned as it is, so the
// engine reports it as not in the scale rather than scoring a guess.
func (mc *multiCol) join(rec []string, pf Platform, sc *scoring.Scale) string {
	if mc.base >= 0 {
		if v := strings.TrimSpace(field(rec, mc.base)); strings.HasPrefix(v, "-") {
			return v // a residual or missing code for the whole question
		}
	}
	sep := sc.Separator
	if sep == "" {
		sep = ";"
	}
	var b strings.Builder
	on, off, said := 0, false, ""
	for _, ic := range mc.items {
		it := sc.Items[ic.item]
		v := field(rec, ic.field)
		switch tickOf(pf, v, it.Code, it.Label, ic.other) {
		case tickOn:
			if on > 0 {
				b.WriteString(sep)
			}
			b.WriteString(it.Code)
			on++
		case tickOff:
			off = true
		case tickBlank:
			if said == "" {
				said = strings.TrimSpace(v)
			}
		case tickInvalid:
			return v
		}
	}
	switch {
	case on > 0:
		return b.String()
	case off:
		return sep
	}
	// The tool's own "not answered" (SoSci Survey's -9, LimeSurvey's
	// N/A), for the question's cell rule to read: not the empty cell a
	// scale with empty: none takes for nothing ticked.
	return said
}

func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}
