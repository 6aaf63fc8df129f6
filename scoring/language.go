package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// Language is the language of generated texts: reports, the methodology
// and 'reifegrad model'. Labels of the model (dimension, level and
// question names) come from config.yaml and are not translated. The zero
// value is German.
type Language uint8

const (
	German Language = iota
	English
)

// ParseLanguage turns a settings word into a Language: "de", "deutsch",
// "german", "en", "english", "englisch" in any case; "" is German. Any
// other word is an error that names the accepted ones.
func ParseLanguage(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "de", "deutsch", "german":
		return German, nil
	case "en", "english", "englisch":
		return English, nil
	}
	return 0, fmt.Errorf("unknown language %q (want de or en)", s)
}

// String returns the language's code, "de" or "en".
func (l Language) String() string {
	if l == English {
		return "en"
	}
	return "de"
}

// UnmarshalText parses a language as ParseLanguage does, so that a
// settings decoder turns the word into the type at the edge.
func (l *Language) UnmarshalText(b []byte) error {
	v, err := ParseLanguage(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// MarshalText writes the language's code.
func (l Language) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Number writes a number of the model (a weight, a bound, points) for
// people: as many decimals as it has, at most three when it has more
// ("0,333"), with a decimal comma and its thousands grouped as the
// language groups them, as Count groups counts ("bis 100.000", "max. 2.540
// Punkte"; "zulässig 0 bis 100000" stood beside "unter 5.000"). Every
// generated text formats the model's numbers with it.
func (l Language) Number(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if len(s) > 8 {
		s = strings.TrimRight(strings.TrimRight(strconv.FormatFloat(x, 'f', 3, 64), "0"), ".")
	}
	sign, digits := "", s
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, digits = "-", rest
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	if strings.Trim(whole, "0123456789") != "" { // NaN, Inf: as strconv writes them
		return s
	}
	sep, mark := byte(','), "."
	if l == German {
		sep, mark = '.', ","
	}
	out := []byte(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, sep)
		}
		out = append(out, whole[i])
	}
	if hasFrac {
		out = append(append(out, mark...), frac...)
	}
	return string(out)
}

// Count writes a count for people, its thousands grouped as the language
// does: "10.786" in German, "10,786" in English. Every generated text — the
// pages and the terminal — writes counts with it, so that the same number
// reads alike wherever it appears.
func (l Language) Count(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	sep := byte(',')
	if l == German {
		sep = '.'
	}
	b := make([]byte, 0, len(sign)+len(s)+len(s)/3)
	b = append(b, sign...)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, sep)
		}
		b = append(b, s[i])
	}
	return string(b)
}
