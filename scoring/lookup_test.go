package scoring

import (
	"strings"
	"testing"
)

// lookupModel has scales whose index keys share lengths ("0" … "4"),
// first and last bytes, numeric scales with numeric missing codes, and a
// multi-select scale.
const lookupModel = `model:
  name: Lookup
  missing:
    codes: {"-9": blank, "-8": unknown, "k.A.": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    bands:
      - {level: 1, name: A, min: 0}
  scales:
    ozg: {map: {"0": 0, "1": 0.25, "2": 0.5, "3": 0.75, "4": 1}}
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0, "Ja!": 1}}
    exakt: {map: {A: 1, b: 0}, match: exact}
    anzahl: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.4}, {points: 1}]}
    komma: {type: numeric, decimal: comma, min: -100, max: 100, goalposts: [0, 100]}
    wege: {type: multi, items: [Alpha, Beta, Gamma]}
  questions:
    - {id: Q1, scale: ozg}
    - {id: Q2, scale: janein}
    - {id: Q3, scale: exakt}
    - {id: Q4, scale: anzahl}
    - {id: Q5, scale: komma}
    - {id: Q6, scale: wege}
  dimensions:
    - id: d
      indicators:
        - {id: i1, question: Q1}
        - {id: i2, question: Q2}
        - {id: i3, question: Q3}
        - {id: i4, question: Q4}
        - {id: i5, question: Q5}
        - {id: i6, question: Q6}
`

// plainLookup is lookup without smallHash: the keys of the key's length,
// compared one by one.
func (s *Scale) plainLookup(key string) (Answer, bool) {
	if s.small == nil {
		a, ok := s.index[key]
		return a, ok
	}
	if len(key) > smallMaxLen || s.smallAt[len(key)] == 0xff {
		return Answer{}, false
	}
	for i := int(s.smallAt[len(key)]); i < len(s.small) && len(s.small[i].key) == len(key); i++ {
		if s.small[i].key == key {
			return s.small[i].a, true
		}
	}
	return Answer{}, false
}

// plainParse is Parse without its shortcuts for plain numbers: the answer
// normalised, looked up, else read by ParseNumber.
func (s *Scale) plainParse(raw string) Answer {
	if isBlank(raw) {
		if s.EmptyNone && s.Kind == ScaleMulti {
			return Answer{}
		}
		return Answer{Status: Blank}
	}
	if a, ok := s.plainLookup(raw); ok {
		return a
	}
	if s.Kind == ScaleMulti {
		if a := s.parseMulti(raw); a.Status != Invalid {
			return a
		}
	}
	key := s.normalise(raw)
	if a, ok := s.plainLookup(key); ok {
		return a
	}
	switch s.Kind {
	case ScaleMap:
		if p, ok := s.Map[key]; ok {
			return Answer{Value: p}
		}
		if s.HasUnlisted {
			return Answer{Value: s.UnlistedPoints}
		}
	case ScaleNumeric:
		if n, ok := strings.CutSuffix(key, "%"); ok {
			if !s.percent() {
				return Answer{Status: Invalid}
			}
			key = strings.TrimSpace(n)
		}
		if s.AmbiguousNumber(key) {
			return Answer{Status: Invalid}
		}
		if x, ok := ParseNumber(key, s.Decimal); ok {
			return s.number(x)
		}
	case ScaleMulti:
		return s.parseMulti(key)
	}
	return Answer{Status: Invalid}
}

// FuzzScaleLookup: Parse, with its hashed lookup and its shortcut for
// plain numbers, reads every answer as the plain reading does.
func FuzzScaleLookup(f *testing.F) {
	m, err := ParseModel("lookup.yaml", []byte(lookupModel))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"0", "4", "5", "04", " 3", "ja", "JA", "Ja!", "ja!", "A", "a", "-9", "-8", "-7", "k.A.", "K.A.",
		"weiß nicht", "Weiß Nicht", "12", "12,5", "12.5", "-0", "+3", "1.000", "1e3", "Alpha;beta", "", " ", "nicht zutreffend"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for id, sc := range m.Scales {
			if got, want := sc.Parse(raw), sc.plainParse(raw); got != want {
				t.Errorf("%s.Parse(%q) = %+v, the plain reading %+v", id, raw, got, want)
			}
			// points reads a non-blank answer the index finds directly
			// (directRead): it must be what Parse makes of it.
			if a, hit := sc.lookup(raw); sc.indexedExactly() && raw != "" && hit && a != sc.Parse(raw) {
				t.Errorf("%s: direct read of %q = %+v, Parse %+v", id, raw, a, sc.Parse(raw))
			}
			if got, ok := sc.lookup(raw); true {
				want, wok := sc.plainLookup(raw)
				if got != want || ok != wok {
					t.Errorf("%s.lookup(%q) = %+v %v, plainLookup %+v %v", id, raw, got, ok, want, wok)
				}
			}
		}
	})
}

// TestIndexedExactly: a scale is read directly by its index only when it
// has one and no key of it is blank, since Parse reads a blank answer
// before it asks the index.
func TestIndexedExactly(t *testing.T) {
	m, err := ParseModel("lookup.yaml", []byte(lookupModel))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"ozg", "janein", "exakt", "anzahl", "komma", "wege"} {
		if !m.Scales[id].indexedExactly() {
			t.Errorf("%s: not read directly, want directly", id)
		}
	}
	blank := &Scale{index: map[string]Answer{"ja": {Value: 1}, "\u00a0": {Status: Blank}}}
	if blank.indexedExactly() {
		t.Error("a scale with a blank key is read directly")
	}
	if (&Scale{}).indexedExactly() {
		t.Error("a scale without an index is read directly")
	}
}
