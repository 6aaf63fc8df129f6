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
	qs []int // the questions read: direct answers on a numeric, auto scale
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
	return &decimalColumns{qs: qs, workbook: workbook}
}

// see looks at one response's answers for ambiguous numbers. Checking an
// answer costs its length and one byte: the rest of the column is read
// only at the end, and only for the columns that hold one.
func (d *decimalColumns) see(answers []string) {
	for _, q := range d.qs {
		v := answers[q]
		if n := len(v); n >= 5 && (v[n-4] == '.' || v[n-1] == ' ') && scoring.ThousandsOrDecimal(strings.TrimSpace(v)) {
			d.open = append(d.open, openAnswer{answers, q})
		}
	}
}

// settle reads the open answers of the columns that write decimal commas
// as whole numbers: it looks at every response of the file once for each
// such column.
func (d *decimalColumns) settle(responses []scoring.Response) {
	if len(d.open) == 0 {
		return
	}
	german := map[int]bool{}
	for _, o := range d.open {
		if _, seen := german[o.q]; !seen {
			german[o.q] = d.german(responses, o.q)
		}
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

// german reports whether question q's column writes decimal commas ("3,5",
// "1.234,5") or German thousands ("1.234.567") and never a decimal point
// ("3.5", "0.125"; in a workbook, whose number cells always have one, a
// point counts for nothing).
func (d *decimalColumns) german(responses []scoring.Response, q int) bool {
	commas := false
	for i := range responses {
		v := strings.TrimSpace(responses[i].Answers[q])
		dot, comma := strings.LastIndexByte(v, '.'), strings.LastIndexByte(v, ',')
		switch {
		case comma >= 0:
			if comma > dot && strings.IndexByte(v, ',') == comma {
				commas = true
			}
		case dot < 0, scoring.ThousandsOrDecimal(v):
		case strings.IndexByte(v, '.') != dot:
			commas = true // "1.234.567"
		case !d.workbook:
			return false
		}
	}
	return commas
}
