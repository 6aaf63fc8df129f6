package survey

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/reifegrad/reifegrad/scoring"
)

// nameIndex finds register entries by municipality name.
type nameIndex struct {
	keys map[string][]int // name key → indices into Register.Units
	all  []string         // the base key of every unit, for "did you mean"
}

// titles are words that official names and surveys add to a name, before
// ("Große Kreisstadt Radebeul") or after it ("Radebeul, Stadt"), in folded
// form (see foldName).
var titles = []string{
	"grosse kreisstadt", "landeshauptstadt", "universitaetsstadt", "hochschulstadt", "hansestadt",
	"kreisfreie stadt", "kreisstadt", "stadt", "gemeinde", "marktgemeinde", "markt", "flecken", "kurort",
}

// foldName folds a name for comparison: lower case, ä → ae, ö → oe,
// ü → ue, ß → ss, other accents dropped (Budyšin → budysin), hyphens and
// dashes as spaces, "Sankt" and "St." alike, spaces collapsed.
func foldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "–", " ", "—", " ", "-", " ", "\u00a0", " ",
		"sankt ", "st. ").Replace(s)
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if out, _, err := transform.String(t, s); err == nil {
			s = out
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// nameKeys returns the keys a name may be found by, most specific first:
// the whole name; without what follows a comma (", Stadt") or stands in
// brackets ("(Landkreis Bautzen)"); without titles; and each half of a
// double name ("Bautzen/Budyšin", "Börnichen/Erzgeb.").
func nameKeys(name string) []string {
	full := foldName(name)
	keys := []string{full}
	add := func(k string) {
		k = strings.TrimSpace(k)
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	base := full
	if i := strings.IndexByte(base, ','); i > 0 {
		base = base[:i]
	}
	if i := strings.IndexByte(base, '('); i > 0 {
		base = strings.TrimSpace(base[:i])
	}
	add(base)
	bare := stripTitles(base)
	add(bare)
	if strings.Contains(bare, "/") {
		for part := range strings.SplitSeq(bare, "/") {
			add(stripTitles(part))
		}
	}
	return keys
}

func stripTitles(s string) string {
	s = strings.TrimSpace(s)
	for changed := true; changed; {
		changed = false
		for _, t := range titles {
			if strings.HasPrefix(s, t+" ") {
				s, changed = strings.TrimSpace(s[len(t)+1:]), true
			}
			if strings.HasSuffix(s, " "+t) {
				s, changed = strings.TrimSpace(s[:len(s)-len(t)-1]), true
			}
		}
	}
	return s
}

// foldDistrict folds a district name: "Landkreis Bautzen", "LK Bautzen"
// and "Bautzen" are the same district; "Leipzig, Stadt" is the city.
func foldDistrict(s string) string {
	s = foldName(s)
	for _, p := range []string{"landkreis ", "lk ", "kreis ", "lkr. ", "lkr "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func (r *Register) names() *nameIndex {
	r.nameOnce.Do(func() {
		ix := &nameIndex{keys: map[string][]int{}}
		for i, u := range r.Units {
			keys := nameKeys(u.Name)
			for _, k := range keys {
				ix.keys[k] = append(ix.keys[k], i)
			}
			ix.all = append(ix.all, keys[len(keys)-1])
		}
		r.nameIdx = ix
	})
	return r.nameIdx
}

// MatchName finds the municipality a survey names. Names are compared
// after folding case, umlauts and accents and dropping titles such as
// "Stadt" or "Große Kreisstadt"; either half of a double name
// ("Bautzen/Budyšin") will do. A name several municipalities share is
// resolved by district when given. The error wraps ErrUnknownName (with
// the closest register names) or ErrAmbiguousName (with every candidate).
func (r *Register) MatchName(name, district string) (scoring.Unit, error) {
	ix := r.names()
	var ambiguous []int
	for _, k := range nameKeys(name) {
		cands := ix.keys[k]
		if len(cands) > 1 && district != "" {
			d := foldDistrict(district)
			var in []int
			for _, c := range cands {
				if foldDistrict(r.Units[c].District) == d {
					in = append(in, c)
				}
			}
			if len(in) > 0 {
				cands = in
			}
		}
		switch {
		case len(cands) == 1:
			return r.Units[cands[0]], nil
		case len(cands) > 1 && ambiguous == nil:
			ambiguous = cands
		}
	}
	if ambiguous != nil {
		var list []string
		for _, c := range ambiguous {
			u := r.Units[c]
			list = append(list, fmt.Sprintf("%s %s (%s)", u.ID, u.Name, u.District))
		}
		return scoring.Unit{}, &nameError{fmt.Errorf("%w: %q fits %d municipalities of register %s: %s; give the AGS or the district",
			ErrAmbiguousName, name, len(ambiguous), r.Name, strings.Join(list, "; ")),
			scoring.CauseAmbiguousName, []string{name, r.Name, strings.Join(list, "; ")}}
	}
	unknown := []string{name, r.Name}
	if near := r.nearestNames(name, 3); len(near) > 0 {
		return scoring.Unit{}, &nameError{fmt.Errorf("%w: %q is not in register %s (did you mean %s?)", ErrUnknownName, name, r.Name, strings.Join(near, ", ")),
			scoring.CauseUnknownName, unknown}
	}
	return scoring.Unit{}, &nameError{fmt.Errorf("%w: %q is not in register %s", ErrUnknownName, name, r.Name), scoring.CauseUnknownName, unknown}
}

// nameError is MatchName's error, with its cause and args for the reports
// (the row a name rejects, scoring.Cause).
type nameError struct {
	error
	cause scoring.Cause
	args  []string
}

func (e *nameError) Unwrap() error { return e.error }

// nameCause returns the cause and args of MatchName's error.
func nameCause(err error) (scoring.Cause, []string) {
	var ne *nameError
	if errors.As(err, &ne) {
		return ne.cause, ne.args
	}
	return 0, nil
}

// NameFits reports whether a survey's name for a unit fits the register
// entry, by the rules of MatchName.
func (r *Register) NameFits(name string, u scoring.Unit) bool {
	want := nameKeys(u.Name)
	for _, k := range nameKeys(name) {
		if slices.Contains(want, k) {
			return true
		}
	}
	return false
}

// nearestNames returns up to n register names closest to name.
func (r *Register) nearestNames(name string, n int) []string {
	ix := r.names()
	keys := nameKeys(name)
	k := keys[len(keys)-1]
	type hit struct {
		i, d int
	}
	var hits []hit
	limit := max(2, len([]rune(k))/3)
	for i, b := range ix.all {
		if d := abs(len(b) - len(k)); d > limit {
			continue
		}
		if d := levenshtein(k, b); d <= limit {
			hits = append(hits, hit{i, d})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.d - b.d })
	var out []string
	for _, h := range hits[:min(n, len(hits))] {
		u := r.Units[h.i]
		out = append(out, fmt.Sprintf("%q (%s, %s)", u.Name, u.ID, u.District))
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
