package survey

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

// suggestion is an unused column that may be the one meant for a question.
type suggestion struct {
	field int
	score float64 // similarity in [0, 1]
}

// maxSuggestions bounds a "did you mean" list: more is noise.
const maxSuggestions = 3

// minSimilarity is the similarity below which a header is not suggested.
// A one-character slip in a three-character code ("S1" for "S01") scores
// 2/3; "S02" for "S01", a different question, scores as much, which is
// why only unused columns are ever suggested.
const minSimilarity = 0.6

// suggest ranks the unused columns by how much they look like question q:
// its code against the header's code (a LimeSurvey "CODE. text" heading,
// the base of an item column "Q3[SQ001]" or "A003_01"), its text and
// aliases against the header's text (a text the export cut short with
// "..." counts as the text it begins). Best first, at most
// maxSuggestions, ties in column order.
func suggest(q *scoring.Question, names [][]string, unused []int) []suggestion {
	var out []suggestion
	for _, f := range unused {
		best := 0.0
		for _, n := range names[f] {
			best = max(best, similarity(q, n))
		}
		if best >= minSimilarity {
			out = append(out, suggestion{field: f, score: best})
		}
	}
	slices.SortStableFunc(out, func(a, b suggestion) int { return cmp.Compare(b.score, a.score) })
	return out[:min(len(out), maxSuggestions)]
}

// didYouMean phrases suggestions: ` (did you mean "S0l" (column 5)?)`,
// or "" when there are none.
func didYouMean(hdr []string, s []suggestion) string {
	if len(s) == 0 {
		return ""
	}
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprintf("%q (column %d)", clip(hdr[x.field], 80), x.field+1)
	}
	return " (did you mean " + strings.Join(parts, " or ") + "?)"
}

// clip shortens a long heading for a message.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// similarity of a question to a header, in [0, 1].
func similarity(q *scoring.Question, h string) float64 {
	code, text := headerParts(h)
	best := 0.0
	for _, c := range codeForms(code) {
		best = max(best, codeSimilarity(string(q.ID), c))
	}
	for _, t := range append([]string{q.Text}, q.Aliases...) {
		if t == "" {
			continue
		}
		best = max(best, textSimilarity(t, text))
		if text != h {
			best = max(best, textSimilarity(t, h))
		}
	}
	for _, a := range q.Aliases {
		best = max(best, codeSimilarity(a, code))
	}
	return best
}

// headerParts splits a LimeSurvey "code and text" heading ("G01Q01. Wie
// …") into its code and text; other headers are both.
func headerParts(h string) (code, text string) {
	h = strings.TrimSpace(h)
	if c, t, ok := strings.Cut(h, ". "); ok && c != "" && !strings.ContainsAny(c, " \t") {
		return c, t
	}
	return h, h
}

// codeForms returns a header's code and the question code an item column
// is based on: "Q3[SQ001]" → Q3, "A003_01" → A003.
func codeForms(code string) []string {
	out := []string{code}
	if i := strings.LastIndexByte(code, '['); i > 0 && strings.HasSuffix(code, "]") {
		out = append(out, code[:i])
	}
	if i := strings.LastIndexByte(code, '_'); i > 0 && allDigits(code[i+1:]) {
		out = append(out, code[:i])
	}
	return out
}

// codeSimilarity compares two codes, ignoring case: 1 − the edit distance
// over the longer length, where swapping two neighbours is one edit and
// mixing up look-alikes (0/O, 1/l/I) half of one.
func codeSimilarity(a, b string) float64 {
	ra, rb := []rune(strings.ToLower(strings.TrimSpace(a))), []rune(strings.ToLower(strings.TrimSpace(b)))
	n := max(len(ra), len(rb))
	if n == 0 || n > 64 {
		return 0
	}
	return max(0, 1-editDistance(ra, rb)/float64(n))
}

// textSimilarity compares a question's text with a header's: equal after
// normalising is 1; a header that ends in "..." or "…" and begins the
// text is 0.95; otherwise the share of words they have in common (Dice),
// or the character similarity for short texts, whichever is higher.
func textSimilarity(want, h string) float64 {
	w, g := normHeader(want), normHeader(h)
	if w == "" || g == "" {
		return 0
	}
	if w == g {
		return 1
	}
	for _, ell := range []string{"...", "…", ".."} {
		if cut, ok := strings.CutSuffix(g, ell); ok && len([]rune(cut)) >= 8 && strings.HasPrefix(w, strings.TrimSpace(cut)) {
			return 0.95
		}
	}
	best := dice(words(w), words(g))
	if rw, rg := []rune(w), []rune(g); max(len(rw), len(rg)) <= 200 {
		best = max(best, 1-editDistance(rw, rg)/float64(max(len(rw), len(rg))))
	}
	return best
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// dice is the Dice coefficient of two word lists (as multisets).
func dice(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// lookAlike reports whether two runes are easily mixed up when typed or
// read: 0 and o, 1 and l and i.
func lookAlike(a, b rune) bool {
	class := func(r rune) rune {
		switch r {
		case '0', 'o':
			return '0'
		case '1', 'l', 'i':
			return '1'
		}
		return r
	}
	return class(a) == class(b)
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of neighbours cost 1, a
// substitution of look-alikes 0.5.
func editDistance(a, b []rune) float64 {
	d := make([][]float64, len(a)+1)
	for i := range d {
		d[i] = make([]float64, len(b)+1)
		d[i][0] = float64(i)
	}
	for j := range d[0] {
		d[0][j] = float64(j)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			sub := 1.0
			switch {
			case a[i-1] == b[j-1]:
				sub = 0
			case lookAlike(a[i-1], b[j-1]):
				sub = 0.5
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+sub)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
