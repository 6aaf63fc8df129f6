package xlsx

import (
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowEncoder writes the rows of a streamed table as the sheet XML that
// excelize's StreamWriter.SetRow writes for them, byte for byte
// (TestRowEncoderMatchesExcelize, FuzzRowEncoder). SetRow spends most of
// its time on things a table already knows: the cell reference parsed and
// formatted for every cell, the column style looked up, and every text
// escaped through a strings.Builder, a replace and a regexp, whether it
// needs it or not. Here the column letters and styles are made once, and a
// text goes the careful way only when it holds something to escape.
//
// Like SetRow, every text becomes an inline string (t="inlineStr"), never
// a formula or a shared string, and is XML-escaped as excelize escapes it.
type rowEncoder struct {
	cols []string // column letters: "A", "B", …
	// style is each column's cell style attribute (` s="7"`), or "".
	style []string
	// escaped remembers the cell (from its type attribute on) of texts
	// that had to be escaped: a table repeats the same few on every row
	// (a dimension "Strategie & Steuerung" on each of the Saxony
	// example's 42,000 Indikatoren rows), and escaping them again was a
	// tenth of the workbook's rows.
	escaped map[string]string
}

// escapedMax bounds the texts a rowEncoder remembers: free texts (raw
// answers) would otherwise grow it with every row.
const escapedMax = 1024

func newRowEncoder(styles []int) *rowEncoder {
	e := &rowEncoder{cols: make([]string, len(styles)), style: make([]string, len(styles))}
	for i, s := range styles {
		e.cols[i], _ = excelize.ColumnNumberToName(i + 1)
		if s != 0 {
			e.style[i] = ` s="` + strconv.Itoa(s) + `"`
		}
	}
	return e
}

// row appends row number n with the given values (nil: no cell) to b.
// A formula, or a value of a type no table writes (times, rich text), is
// an error: a table cell is a number or a text.
func (e *rowEncoder) row(b []byte, n int, vals []any) ([]byte, error) {
	num := strconv.AppendInt(make([]byte, 0, 8), int64(n), 10)
	b = append(b, `<row r="`...)
	b = append(b, num...)
	b = append(b, `">`...)
	for i, v := range vals {
		if v == nil {
			continue
		}
		style := e.style[i]
		switch c := v.(type) {
		case excelize.Cell:
			if c.Formula != "" {
				return b, fmt.Errorf("column %s: a formula in a table cell", e.cols[i])
			}
			if c.StyleID > 0 {
				style = ` s="` + strconv.Itoa(c.StyleID) + `"`
			}
			v = c.Value
		case *excelize.Cell:
			return b, fmt.Errorf("column %s: a table cell given as *excelize.Cell", e.cols[i])
		}
		b = append(b, `<c r="`...)
		b = append(b, e.cols[i]...)
		b = append(b, num...)
		b = append(b, '"')
		b = append(b, style...)
		var nb []byte
		switch t, ok := v.(string); {
		case ok && plainText(t):
			nb = appendPlainText(b, t)
		case ok:
			nb = e.escapedText(b, t)
		default:
			nb = appendValue(b, v)
		}
		if nb == nil {
			return b, fmt.Errorf("column %s: a table cell of type %T", e.cols[i], v)
		}
		b = append(nb, `</c>`...)
	}
	return append(b, `</row>`...), nil
}

// escapedText appends text t, for which plainText does not hold, as
// appendText does, escaping it only the first time the encoder meets it.
func (e *rowEncoder) escapedText(b []byte, t string) []byte {
	if c, ok := e.escaped[t]; ok {
		return append(b, c...)
	}
	c := appendEscapedText(nil, t)
	if e.escaped == nil {
		e.escaped = map[string]string{}
	}
	if len(e.escaped) < escapedMax {
		e.escaped[t] = string(c)
	}
	return append(b, c...)
}

// appendValue appends the rest of a cell's element after its style: the
// type attribute, ">" and the value, as excelize's setCellValFunc and
// writeCell make them. It returns nil for a type it does not write.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, '>')
	case string:
		return appendText(b, x)
	case []byte:
		return appendText(b, string(x))
	case float64:
		return appendFloat(b, x, 64)
	case float32:
		return appendFloat(b, float64(x), 32)
	case int:
		return appendNumber(b, strconv.FormatInt(int64(x), 10))
	case int8:
		return appendNumber(b, strconv.FormatInt(int64(x), 10))
	case int16:
		return appendNumber(b, strconv.FormatInt(int64(x), 10))
	case int32:
		return appendNumber(b, strconv.FormatInt(int64(x), 10))
	case int64:
		return appendNumber(b, strconv.FormatInt(x, 10))
	case uint:
		return appendNumber(b, strconv.FormatUint(uint64(x), 10))
	case uint8:
		return appendNumber(b, strconv.FormatUint(uint64(x), 10))
	case uint16:
		return appendNumber(b, strconv.FormatUint(uint64(x), 10))
	case uint32:
		return appendNumber(b, strconv.FormatUint(uint64(x), 10))
	case uint64:
		return appendNumber(b, strconv.FormatUint(x, 10))
	case bool:
		if x {
			return append(b, ` t="b"><v>1</v>`...)
		}
		return append(b, ` t="b"><v>0</v>`...)
	}
	// Times, durations and rich text need excelize's own handling; no
	// table column returns them.
	return nil
}

func appendNumber(b []byte, v string) []byte {
	b = append(b, "><v>"...)
	b = append(b, v...)
	return append(b, "</v>"...)
}

// appendFloat writes a number as excelize does: at most 15 significant
// digits, NaN and infinities as text.
func appendFloat(b []byte, x float64, bits int) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return appendText(b, fmt.Sprint(x))
	}
	return appendNumber(b, formatCellFloat(x, bits))
}

// formatCellFloat is excelize's formatCellFloat with automatic precision:
// Excel keeps 15 significant digits.
func formatCellFloat(value float64, bitSize int) string {
	str := strconv.FormatFloat(value, 'f', -1, bitSize)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// appendText writes a text as an inline string.
func appendText(b []byte, s string) []byte {
	if plainText(s) {
		return appendPlainText(b, s)
	}
	return appendEscapedText(b, s)
}

// appendPlainText writes a text for which plainText holds.
func appendPlainText(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is><t>`...)
	b = append(b, s...)
	return append(b, `</t></is>`...)
}

// appendEscapedText writes a text for which plainText does not hold.
func appendEscapedText(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is><t`...)
	v, preserve := trimCellValue(s)
	if preserve {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = append(b, v...)
	return append(b, `</t></is>`...)
}

// plainText reports whether excelize would write s as it is: short enough,
// no white space at either end, nothing XML escapes, no "_x" (which could
// start an escaped character _xHHHH_ that excelize escapes again).
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars { // fewer UTF-16 units than bytes
		return false
	}
	if s == "" {
		return true
	}
	if edge(s[0]) || edge(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); {
		for i < len(s) && textClass[s[i]] == plain {
			i++ // most of every text: one load and one branch a byte
		}
		if i == len(s) {
			break
		}
		switch textClass[s[i]] {
		case escaped:
			return false
		case underscore:
			if i+1 < len(s) && s[i+1] == 'x' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !inCharacterRange(r) {
			return false
		}
		i += size
	}
	return true
}

// textClass sorts the bytes of a text for plainText: an ASCII byte is
// plain, escaped (a control character, < > & ' "), or an underscore,
// which starts an escape only when an x follows; a byte from
// utf8.RuneSelf on starts a rune to decode.
var textClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = multibyte
		case c < 0x20, c == '<', c == '>', c == '&', c == '\'', c == '"':
			t[c] = escaped
		case c == '_':
			t[c] = underscore
		}
	}
	return t
}()

// The classes of textClass.
const (
	plain = iota
	escaped
	underscore
	multibyte
)

// edge: excelize marks a text that starts or ends with one of these as
// xml:space="preserve".
func edge(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }

// inCharacterRange is encoding/xml's test of a character XML allows.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// trimCellValue is excelize's trimCellValue(value, true) (v2.11.1): the
// text cut to Excel's limit in UTF-16 units, XML-escaped with line breaks
// kept, and "_xHHHH_" escaped as Excel reads it.
func trimCellValue(value string) (v string, preserve bool) {
	if countUTF16String(value) > excelize.TotalCellChars {
		value = truncateUTF16Units(value, excelize.TotalCellChars)
	}
	if value != "" {
		prefix, suffix := value[0], value[len(value)-1]
		preserve = edge(prefix) || edge(suffix)
		var buf strings.Builder
		_ = xml.EscapeText(&buf, []byte(value))
		value = strings.ReplaceAll(buf.String(), "&#xA;", "\n")
	}
	return bstrMarshal(value), preserve
}

func countUTF16String(s string) int {
	var cnt int
	for _, r := range s {
		cnt += utf16.RuneLen(r)
	}
	return cnt
}

func truncateUTF16Units(s string, length int) string {
	var cnt int
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's bstrMarshal (v2.11.1): a literal "_xHHHH_"
// in a text is written as "_x005F_xHHHH_" so that Excel does not read it
// as an escaped character.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}
