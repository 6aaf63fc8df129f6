package survey

import (
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// decimalColumns settles the answers a numeric scale with decimal: auto
// cannot read alone (scoring.ThousandsOrDecimal): "1.234" and "12.500" are
// 1.234 and 12.5 with a decimal point, 1234 and 12500 with a German
// thousands separator; "1,234" and "12,500" are 1.234 and 12.5 with a
// decimal comma, 1234 and 12500 with an English thousands separator. The
// rest of the column decides (see the convention type):
//
//   - a column that writes German numbers ("3,5", "1.234,5", "1.234.567")
//     and never an English one: "1.234" is 1234, "1,234" is 1.234;
//   - a column that writes English numbers ("3.5", "1,234.5",
//     "1,234,567") and never a German one: "1,234" is 1234. "1.234" stays
//     ambiguous there (a German answer typed with a decimal point beside
//     German thousands is as likely as three decimals);
//   - a column with both, or neither: the answer stays as it is, which the
//     scale refuses with a finding that names the cell and the decimal:
//     setting.
//
// The column map says how many answers were read as whole numbers.
type decimalColumns struct {
	qs []int // the questions read: direct answers on a numeric, auto scale
	// kinds is, per question of qs and per code of its answers in the
	// file's book, what see found the answer to be (answerKind): a
	// national file's numeric columns hold a few hundred distinct
	// numbers each, and looking at each one's text once, not once a
	// cell, took a tenth of the reader's time.
	kinds [][]answerKind
	book  *scoring.AnswerBook // the book of the codes kinds is of
	// open holds the ambiguous answers, each as its response's answers
	// and the question: settled in place at the end of the file.
	open     []openAnswer
	workbook bool
	// Thousands counts, per question, the answers read with a thousands
	// separator; ThousandsSeparator is that separator.
	Thousands          map[int]int
	ThousandsSeparator map[int]string
}

type openAnswer struct {
	answers scoring.Answers
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

// answerKind is what decimalColumns.see found an answer to be.
type answerKind uint8

const (
	notLooked answerKind = iota
	plainNumber
	openNumber // thousands or decimal: settled at the end of the file
)

// see looks at one response's answers for ambiguous numbers. Checking an
// answer costs its length and one byte: the rest of the column is read
// only at the end, and only for the columns that hold one.
func (d *decimalColumns) see(answers scoring.Answers) {
	if b := answers.Book(); b != d.book || d.kinds == nil {
		// Codes are a book's: responses of another book start afresh
		// (a file's responses share one).
		d.book, d.kinds = b, make([][]answerKind, len(d.qs))
	}
	for k, q := range d.qs {
		c := int(answers.Code(q))
		kinds := d.kinds[k]
		if c >= len(kinds) {
			kinds = append(kinds, make([]answerKind, c+1-len(kinds))...)
			kinds = kinds[:cap(kinds)]
			d.kinds[k] = kinds
		}
		if kinds[c] == notLooked {
			kinds[c] = plainNumber
			v := answers.At(q)
			if n := len(v); n >= 5 && (v[n-4] == '.' || v[n-4] == ',' || v[n-1] == ' ') && scoring.ThousandsOrDecimal(strings.TrimSpace(v)) {
				kinds[c] = openNumber
			}
		}
		if kinds[c] == openNumber {
			d.open = append(d.open, openAnswer{answers, q})
		}
	}
}

// settle reads the open answers of the columns whose other numbers say
// which convention they follow: it looks at every response of the file
// once for each such column.
func (d *decimalColumns) settle(responses []scoring.Response) {
	if len(d.open) == 0 {
		return
	}
	conv := map[int]convention{}
	for _, o := range d.open {
		if _, seen := conv[o.q]; !seen {
			conv[o.q] = d.convention(responses, o.q)
		}
	}
	for _, o := range d.open {
		v := strings.TrimSpace(o.answers.At(o.q))
		sep := v[len(v)-4:][:1]
		switch c := conv[o.q]; {
		case c == german && sep == ".", c == english && sep == ",":
			o.answers.Set(o.q, strings.Replace(v, sep, "", 1))
			if d.Thousands == nil {
				d.Thousands, d.ThousandsSeparator = map[int]int{}, map[int]string{}
			}
			d.Thousands[o.q]++
			d.ThousandsSeparator[o.q] = sep
		case c == german:
			// A decimal comma: 1.234. A fourth decimal of 0 keeps the
			// number and its convention and takes it out of the
			// ambiguous shape, so that every later reading of the answer
			// (scores, roadmaps, findings) gets the same number.
			o.answers.Set(o.q, v+"0")
		}
	}
	d.open = nil
}

// convention is what a column's numbers say about how they were written:
// German (decimal comma), English (decimal point), both or neither.
type convention uint8

const (
	german convention = 1 << iota
	english
)

// convention reports the conventions question q's column is written in,
// by its answers that read one way only (numberConvention).
func (d *decimalColumns) convention(responses []scoring.Response, q int) convention {
	var c convention
	for i := range responses {
		if c |= numberConvention(responses[i].Answers.At(q), d.workbook); c == german|english {
			break
		}
	}
	return c
}

// numberConvention reports the convention a number is written in, when
// it reads one way only: German for a decimal comma ("3,5", "0,125",
// "1.234,5", "1,5E+02") or German thousands ("1.234.567"), English for a
// decimal point ("3.5", "1,234.5", "1.5e2") or English thousands
// ("1,234,567"). No separator, an ambiguous "1.234" or "1,234", thousands
// groups not of three digits and text that is no number ("k.A.") say
// nothing. In a workbook a decimal point says nothing either: its number
// cells are read as stored, always with a point, whatever the text cells
// beside them were typed as.
func numberConvention(v string, workbook bool) convention {
	v = strings.TrimSpace(v)
	if n, ok := strings.CutSuffix(v, "%"); ok {
		v = strings.TrimSpace(n) // "12,5 %"
	}
	if strings.IndexAny(v, ".,") < 0 || scoring.ThousandsOrDecimal(v) {
		return 0
	}
	if _, ok := scoring.ParseNumber(v, scoring.DecimalAuto); !ok {
		return 0
	}
	dots, commas := strings.Count(v, "."), strings.Count(v, ",")
	lastDot, lastComma := strings.LastIndexByte(v, '.'), strings.LastIndexByte(v, ',')
	point := english
	if workbook {
		point = 0
	}
	switch {
	case strings.ContainsAny(v, "eE"):
		if commas > 0 {
			return german
		}
		return point
	case dots > 0 && commas > 0:
		if lastComma > lastDot {
			return german // "1.234,5"
		}
		return english // "1,234.5"
	case commas > 1:
		if grouped(v, ',') {
			return english // "1,234,567"
		}
		return 0
	case dots > 1:
		if grouped(v, '.') {
			return german // "1.234.567"
		}
		return 0
	case commas == 1:
		return german // "3,5", "0,125", "1234,5"
	}
	return point // "3.5"
}

// grouped reports whether every separator sep in v is followed by exactly
// three digits, as thousands separators are.
func grouped(v string, sep byte) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != sep {
			continue
		}
		if i+4 > len(v) || strings.Trim(v[i+1:i+4], "0123456789") != "" || i+4 < len(v) && v[i+4] >= '0' && v[i+4] <= '9' {
			return false
		}
	}
	return true
}
