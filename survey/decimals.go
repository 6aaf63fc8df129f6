package survey

import (
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// decimalColumns settles the answers a numeric scale with decimal: auto
// cannot read alone: "1.234" and "12.500" are 1.234 and 12.5 with a
// decimal point, 1234 and 12500 with a German thousands separator
// (scoring.ThousandsOrDecimal). The rest of the column decides: when it
// writes decimal commas ("3,5", "1.234,5", "1.234.567") and never a
// decimal point, such answers are whole numbers, and the column map says
// how many were read so. Otherwise they stay as they are, which the scale
// refuses with a finding that names the cell and the decimal: setting.
// A decimal point in a workbook says nothing: its number cells always
// have one, whatever the text cells beside them were typed as.
type decimalColumns struct {
	qs     []int // the questions read: direct answers on a numeric, auto scale
	commas []int // per entry of qs: answers with a decimal comma
	points []int // per entry of qs: answers with a decimal point
	// open holds the ambiguous answers, each as its response's answers
	// and the question: settled in place at the end of the file.
	open     []openAnswer
	workbook bool
	// Thousands counts, per question, the answers read with a thousands
	// separator.
	Thousands map[int]int
}

type openAnswer struct {
	answers []string
	q       int
}

func newDecimalColumns(m *scoring.Model, p *plan, workbook bool) *decimalColumns {
	var qs []int
	for q, f := range p.direct {
		if sc := m.Questions[q].Scale; f >= 0 && sc != nil && sc.Kind == scoring.ScaleNumeric && sc.Decimal == scoring.DecimalAuto {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return &decimalColumns{qs: qs, commas: make([]int, len(qs)), points: make([]int, len(qs)), workbook: workbook}
}

// see looks at one response's answers. Only answers holding a '.' or a
// ',' need a second look.
func (d *decimalColumns) see(answers []string) {
	for i, q := range d.qs {
		v := answers[q]
		dot, comma := strings.IndexByte(v, '.'), strings.IndexByte(v, ',')
		if dot < 0 && comma < 0 {
			continue
		}
		v = strings.TrimSpace(v)
		switch {
		case comma < 0 && scoring.ThousandsOrDecimal(v):
			d.open = append(d.open, openAnswer{answers, q})
		case comma >= 0 && strings.LastIndexByte(v, ',') > strings.LastIndexByte(v, '.') && strings.Count(v, ",") == 1,
			comma < 0 && strings.Count(v, ".") > 1:
			d.commas[i]++ // "3,5", "1.234,5", "1.234.567": German
		case !d.workbook && comma < 0:
			d.points[i]++ // "3.5", "0.125"
		}
	}
}

// settle reads the open answers of the columns that write decimal commas
// as whole numbers.
func (d *decimalColumns) settle() {
	german := map[int]bool{}
	for i, q := range d.qs {
		german[q] = d.commas[i] > 0 && d.points[i] == 0
	}
	for _, o := range d.open {
		if !german[o.q] {
			continue
		}
		v := strings.TrimSpace(o.answers[o.q])
		o.answers[o.q] = strings.Replace(v, ".", "", 1)
		if d.Thousands == nil {
			d.Thousands = map[int]int{}
		}
		d.Thousands[o.q]++
	}
	d.open = nil
}
