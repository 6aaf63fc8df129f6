package scoring

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Status says whether an answer was given and, if not, why. The missing
// statuses are kept apart by meaning because they are treated differently:
// NotApplicable leaves the denominator, Unknown and Blank follow the missing
// policy, Invalid is reported and otherwise treated like Blank.
type Status uint8

const (
	Answered      Status = iota // a valid answer
	Blank                       // not answered (empty cell or declared blank code such as -9)
	Unknown                     // "weiß nicht": the respondent does not know
	NotApplicable               // "nicht zutreffend": excluded from the denominator
	Invalid                     // not in the scale, or out of range
	// NotAsked: the wave did not ask the question (Model.Questionnaire),
	// or a comparison leaves it out. Neither blank nor missing, it leaves
	// the denominator and never lowers coverage. Parse never returns it.
	NotAsked
)

var statusNames = [...]string{"answered", "blank", "unknown", "not_applicable", "invalid", "not_asked"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// ParseStatus turns a config word into a Status. It accepts the English
// names and their German equivalents.
func ParseStatus(s string) (Status, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "blank", "not_answered", "keine_angabe":
		return Blank, true
	case "unknown", "dont_know", "weiss_nicht":
		return Unknown, true
	case "not_applicable", "na", "nicht_zutreffend":
		return NotApplicable, true
	}
	return 0, false
}

// Answer is a parsed answer. For map, bins and share-of-items scales Value
// is already points in [0, 1]; for scales normalised over all units
// (NormaliseMinMax) it is the raw number until the engine has seen all units.
type Answer struct {
	Status Status
	Value  float64
}

// ScaleKind is how a scale reads raw answers.
type ScaleKind uint8

const (
	ScaleMap     ScaleKind = iota + 1 // answer code or text → points
	ScaleNumeric                      // a number, then bins or normalisation
	ScaleMulti                        // several items ticked, then share or count
)

func (k ScaleKind) String() string {
	switch k {
	case ScaleMap:
		return "map"
	case ScaleNumeric:
		return "numeric"
	case ScaleMulti:
		return "multi"
	}
	return "ScaleKind(" + strconv.Itoa(int(k)) + ")"
}

// Normalisation turns a number into points when a scale has no bins.
type Normalisation uint8

const (
	NormaliseNone      Normalisation = iota // the number already is points in [0, 1]
	NormaliseGoalposts                      // (x-Low)/(High-Low), clipped to [0, 1]
	NormaliseMinMax                         // (x-min)/(max-min) over all units of the wave
	NormaliseZScore                         // (ZMean + ZSD·z)/100, z the standard score over the wave
	NormaliseRank                           // (rank-1)/(n-1) over the wave, ties sharing their mean rank
)

// MultiScore is how a multi-select scale counts ticked items.
type MultiScore uint8

const (
	MultiShare MultiScore = iota // ticked ÷ items: points in [0, 1]
	MultiCount                   // the number ticked, then bins or normalisation
)

// Decimal is the decimal separator expected in numeric answers.
type Decimal uint8

const (
	// DecimalAuto: with both '.' and ',' the later one is the decimal
	// separator ("1.234,5", "1,234.5"); a single ',' is a decimal comma
	// ("3,5"); a single '.' a decimal point. Repeated separators are
	// thousands separators. A single '.' before exactly three digits
	// after one to three digits other than a leading 0 ("1.234",
	// "12.500") is 1.234 in English and 1234 in German: a scale reads it
	// as neither (Invalid, AmbiguousNumber says why), for the adapter to
	// settle from the rest of its column or the user with decimal:.
	DecimalAuto Decimal = iota
	DecimalComma
	DecimalPoint
)

// Bin maps numbers up to and including Max to Points. The last bin of a
// scale may be open (Open true) and takes every larger number.
type Bin struct {
	Max    float64
	Open   bool
	Points float64
}

// Item is one option of a multi-select question. Answers may name it by
// code or by label.
type Item struct {
	Code  string
	Label string
}

// Scale turns raw answers into points. A Scale is immutable after the model
// is built and safe for concurrent use.
type Scale struct {
	ID   string
	Kind ScaleKind
	// From is, for the scale an earlier wave asked a rescaled question
	// with, the ID of the scale it was (the rescale's from:): its answers
	// are that scale's, mapped onto the later scale's points, and so are
	// the codes a codebook gives for them. Empty otherwise.
	From string

	// Exact disables the default matching, which trims spaces and ignores
	// case. Trim keeps trimming on while Exact keeps case (ODM 2023 matches
	// case-insensitively but does not trim: set Exact=false, NoTrim=true).
	Exact  bool
	NoTrim bool

	// Map (ScaleMap): normalised answer → points. Labels keeps the
	// declared answers in order, for templates and drop-downs.
	Map    map[string]float64
	Labels []string
	// UnlistedPoints, when HasUnlisted, scores answers not in Map instead
	// of marking them Invalid (published point models often say "answers
	// not listed earn 0").
	UnlistedPoints float64
	HasUnlisted    bool

	// Numeric range check; a number outside is Invalid (out of range).
	Min, Max       float64
	HasMin, HasMax bool
	Decimal        Decimal

	Bins          []Bin
	Normalisation Normalisation
	Low, High     float64 // goalposts
	// ZMean and ZSD place z-scores on 0–100 (NormaliseZScore): a number
	// at the wave's mean scores ZMean, one standard deviation above it
	// ZMean + ZSD.
	ZMean, ZSD float64

	// Multi-select.
	Items      []Item
	Separator  string // between ticked items in one cell; default ";"
	MultiScore MultiScore
	// EmptyNone says that an empty multi-select cell means nothing was
	// ticked (0 items: 0 points for a share, or the bin of 0 for a count),
	// as exports write a question whose boxes were all left empty. The
	// zero value keeps an empty cell not answered (Blank), as exports
	// write a question that was skipped. Which one a survey tool means is
	// for the model to declare (empty: none or empty: blank); a declared
	// missing code ("-9") stays missing either way, and a question without
	// a column in the input is never read as nothing ticked.
	EmptyNone bool

	// Missing codes, normalised like answers, with their meaning. The
	// empty answer is always Blank.
	Missing map[string]Status

	itemIndex map[string]int
	// index holds Missing and Map in one map, so that most answers take
	// one lookup. Built by the model loader; a Scale built by hand works
	// without it.
	index map[string]Answer
	// small holds the index as a list sorted by key length when it is
	// short, and smallAt[n] is where its keys of length n begin (0xff:
	// none): a cell's length finds its one or two candidates, which beats
	// hashing it — a cell lookup is the innermost step of scoring.
	small   []indexEntry
	smallAt [smallMaxLen + 1]uint8
	// smallHash[smallSlot(k)] is the entry of small whose key k is the
	// only one in its slot (smallNone: no key, smallScan: several): most
	// answers are found by one comparison, also among keys of one length
	// ("0" … "4").
	smallHash [256]uint8
}

const (
	smallNone = 0xff
	smallScan = 0xfe
)

// smallSlot hashes a key by its length and its first and last bytes.
func smallSlot(k string) uint8 {
	return uint8(len(k)*37 + int(k[0])*7 + int(k[len(k)-1]))
}

type indexEntry struct {
	key string
	a   Answer
}

// smallIndex is the largest index kept as a list, smallMaxLen the longest
// key it may hold.
const (
	smallIndex  = 16
	smallMaxLen = 63
)

// buildIndex fills index from Missing and Map, and adds the spellings as
// declared in the model (answers such as "Pilotphase" or "k.A.", whose
// normal form differs), so that answers written as declared — what
// exports and the questionnaire template hold — are found by the first
// lookup, without normalising (lower-casing allocates).
func (s *Scale) buildIndex(declared []string) {
	s.index = make(map[string]Answer, len(s.Missing)+len(s.Map)+len(declared))
	for k, p := range s.Map {
		s.index[k] = Answer{Value: p}
	}
	for k, st := range s.Missing {
		s.index[k] = Answer{Status: st}
	}
	for _, d := range declared {
		if a, ok := s.index[s.normalise(d)]; ok {
			s.index[d] = a
		}
	}
	if s.itemIndex != nil {
		for _, it := range s.Items {
			for _, d := range []string{it.Code, it.Label} {
				if i, ok := s.itemIndex[s.normalise(d)]; ok {
					s.itemIndex[d] = i
				}
			}
		}
	}
	s.small = nil
	if len(s.index) > smallIndex {
		return
	}
	for k, a := range s.index {
		if len(k) > smallMaxLen {
			s.small = nil
			return
		}
		s.small = append(s.small, indexEntry{k, a})
	}
	slices.SortFunc(s.small, func(a, b indexEntry) int {
		return cmp.Or(cmp.Compare(len(a.key), len(b.key)), strings.Compare(a.key, b.key))
	})
	for i := range s.smallAt {
		s.smallAt[i] = 0xff
	}
	for i := len(s.small) - 1; i >= 0; i-- {
		s.smallAt[len(s.small[i].key)] = uint8(i)
	}
	for i := range s.smallHash {
		s.smallHash[i] = smallNone
	}
	for i, e := range s.small {
		if e.key == "" {
			continue // looked up by length (smallAt)
		}
		h := smallSlot(e.key)
		if s.smallHash[h] == smallNone {
			s.smallHash[h] = uint8(i)
		} else {
			s.smallHash[h] = smallScan
		}
	}
}

// indexedExactly reports whether the scale has an index and no key of it
// is blank: then a non-blank answer the index finds is what Parse returns
// (Parse reads a blank answer before it asks the index).
func (s *Scale) indexedExactly() bool {
	if s.index == nil {
		return false
	}
	for k := range s.index {
		if isBlank(k) {
			return false
		}
	}
	return true
}

func (s *Scale) lookup(key string) (Answer, bool) {
	if s.small != nil {
		if len(key) > smallMaxLen {
			return Answer{}, false
		}
		if key != "" {
			switch j := s.smallHash[smallSlot(key)]; j {
			case smallNone:
				return Answer{}, false
			case smallScan:
			default:
				if e := &s.small[j]; e.key == key {
					return e.a, true
				}
				return Answer{}, false
			}
		}
		i := int(s.smallAt[len(key)])
		if i == 0xff {
			return Answer{}, false
		}
		for ; i < len(s.small) && len(s.small[i].key) == len(key); i++ {
			if s.small[i].key == key {
				return s.small[i].a, true
			}
		}
		return Answer{}, false
	}
	a, ok := s.index[key]
	return a, ok
}

// Parse reads one raw answer. It never fails: an answer that does not fit
// has Status Invalid. Parse does not allocate for answers that are already
// in normal form.
func (s *Scale) Parse(raw string) Answer {
	if isBlank(raw) {
		if s.EmptyNone && s.Kind == ScaleMulti {
			return Answer{} // nothing ticked: a count of 0, a share of 0
		}
		return Answer{Status: Blank}
	}
	if s.index != nil {
		// One lookup finds answers already in normal form, the common case.
		if a, ok := s.lookup(raw); ok {
			return a
		}
	} else {
		if st, ok := s.Missing[raw]; ok {
			return Answer{Status: st}
		}
		if p, ok := s.Map[raw]; ok && s.Kind == ScaleMap {
			return Answer{Value: p}
		}
	}
	if s.Kind == ScaleNumeric {
		// A plain number ("12", "37,5") is in normal form already: read
		// it as ParseNumber would, without normalising it first.
		if x, ok := shortDecimal(raw, s.Decimal); ok {
			if s.Decimal == DecimalAuto && len(raw) >= 5 && (raw[len(raw)-4] == '.' || raw[len(raw)-4] == ',') && ThousandsOrDecimal(raw) {
				return Answer{Status: Invalid}
			}
			return s.number(x)
		}
	}
	if s.Kind == ScaleMulti && s.index != nil {
		// Items are matched one by one, each as declared or normalised;
		// lower-casing the whole cell first would allocate for nothing.
		// Only a cell that is no list of items may be a missing code in
		// another spelling.
		if a := s.parseMulti(raw); a.Status != Invalid {
			return a
		}
	}
	key := s.normalise(raw)
	if s.index != nil {
		if key != raw {
			if a, ok := s.lookup(key); ok {
				return a
			}
		}
	} else if st, ok := s.Missing[key]; ok {
		return Answer{Status: st}
	}
	switch s.Kind {
	case ScaleMap:
		if p, ok := s.Map[key]; ok {
			return Answer{Value: p}
		}
		if s.HasUnlisted {
			return Answer{Value: s.UnlistedPoints}
		}
		return Answer{Status: Invalid}
	case ScaleNumeric:
		if n, ok := strings.CutSuffix(key, "%"); ok {
			if !s.percent() {
				return Answer{Status: Invalid}
			}
			key = strings.TrimSpace(n)
		}
		x, ok := ParseNumber(key, s.Decimal)
		if !ok || s.Decimal == DecimalAuto && ThousandsOrDecimal(strings.TrimSpace(key)) {
			return Answer{Status: Invalid}
		}
		return s.number(x)
	case ScaleMulti:
		return s.parseMulti(key)
	}
	return Answer{Status: Invalid}
}

// OutOfRange reports whether the raw answer is a number outside the
// scale's declared range or bins, for the data-quality report, which tells
// such numbers apart from answers that are not numbers at all.
func (s *Scale) OutOfRange(raw string) bool {
	if s.Kind != ScaleNumeric {
		return false
	}
	if s.AmbiguousNumber(raw) {
		return false
	}
	x, ok := ParseNumber(s.normalise(raw), s.Decimal)
	return ok && s.outside(x)
}

// percent reports whether the scale runs from 0 to 100, so that a
// percentage ("25%", "25 %", as a workbook's percent cell shows 0.25) is
// read as the number before its sign. On any other scale a percentage is
// refused rather than guessed: 25 or 0.25 on a scale of 0 to 1?
func (s *Scale) percent() bool {
	return s.HasMin && s.Min == 0 && s.HasMax && s.Max == 100
}

// isPercent reports whether raw is a number followed by '%'.
func isPercent(raw string) bool {
	n, ok := strings.CutSuffix(strings.TrimSpace(raw), "%")
	if !ok {
		return false
	}
	_, ok = ParseNumber(n, DecimalAuto)
	return ok
}

// AmbiguousNumber reports whether the raw answer is a number the scale
// does not read because its decimal setting (auto) cannot tell a decimal
// separator from a thousands separator in it (ThousandsOrDecimal), also
// as a percentage on a scale that reads percentages ("1,234 %").
func (s *Scale) AmbiguousNumber(raw string) bool {
	if s.Kind != ScaleNumeric || s.Decimal != DecimalAuto {
		return false
	}
	raw = strings.TrimSpace(raw)
	if n, ok := strings.CutSuffix(raw, "%"); ok && s.percent() {
		raw = strings.TrimSpace(n)
	}
	return ThousandsOrDecimal(raw)
}

// ThousandsOrDecimal reports whether s is a number whose value depends on
// the convention it was written in: an optional sign, one to three digits
// not starting with 0, one '.' or ',' and exactly three digits, nothing
// else. "1.234" is 1.234 with a decimal point and 1234 with a German
// thousands separator; "1,234" is 1.234 with a decimal comma and 1234
// with an English thousands separator. "0.125" and "0,125" (a thousands
// group never starts with 0), "1234.5", "1.234.567", "1,234,567",
// "1,234.5" and "3,5" are not.
func ThousandsOrDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	n := len(s)
	if n < 5 || n > 7 || s[n-4] != '.' && s[n-4] != ',' || s[0] == '0' {
		return false
	}
	for i := 0; i < n; i++ {
		if i != n-4 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// MaxMagnitude and MinMagnitude bound every number reifegrad computes
// with, answers and the model's weights, goalposts and denominators'
// factors alike: 0, or between 10⁻¹⁵ and 10¹⁵ in size. Within them a
// quotient, a square or a sum over millions of units stays finite, so
// that no score can become infinite or NaN (two answers of 1e308 made a
// wave's mean infinite and every z-score NaN, and ranking a NaN never
// ended). No survey asks for a number outside them.
const (
	MaxMagnitude = 1e15
	MinMagnitude = 1e-15
)

// InMagnitude reports whether x is 0 or between MinMagnitude and
// MaxMagnitude in size.
func InMagnitude(x float64) bool {
	a := math.Abs(x)
	return x == 0 || a >= MinMagnitude && a <= MaxMagnitude
}

func (s *Scale) number(x float64) Answer {
	if math.IsNaN(x) || math.IsInf(x, 0) || s.outside(x) {
		return Answer{Status: Invalid}
	}
	return Answer{Value: x}
}

// outside reports whether x is outside the declared range, or above the
// last bin when that bin is closed: a number no bin takes has no points.
// A number beyond the magnitudes every number must keep (InMagnitude) is
// outside every scale.
func (s *Scale) outside(x float64) bool {
	if !InMagnitude(x) {
		return true
	}
	if (s.HasMin && x < s.Min) || (s.HasMax && x > s.Max) {
		return true
	}
	if n := len(s.Bins); n > 0 && !s.Bins[n-1].Open && x > s.Bins[n-1].Max {
		return true
	}
	return false
}

// Points turns a number read by a numeric or count scale into points,
// except for min-max normalisation, which needs the whole wave (see
// Engine). For other scales it returns x unchanged.
func (s *Scale) Points(x float64) float64 {
	if len(s.Bins) > 0 {
		for _, b := range s.Bins {
			if b.Open || x <= b.Max {
				return b.Points
			}
		}
		return s.Bins[len(s.Bins)-1].Points
	}
	switch s.Normalisation {
	case NormaliseGoalposts:
		return clamp01((x - s.Low) / (s.High - s.Low))
	}
	return x
}

// NeedsWave reports whether points depend on the other units of the wave.
func (s *Scale) NeedsWave() bool {
	wave := s.Normalisation == NormaliseMinMax || s.Normalisation == NormaliseZScore || s.Normalisation == NormaliseRank
	return len(s.Bins) == 0 && wave &&
		(s.Kind == ScaleNumeric || (s.Kind == ScaleMulti && s.MultiScore == MultiCount))
}

// numeric reports whether the answer value is a number still to be turned
// into points with Points.
func (s *Scale) numeric() bool {
	return s.Kind == ScaleNumeric || (s.Kind == ScaleMulti && s.MultiScore == MultiCount)
}

func (s *Scale) parseMulti(cell string) Answer {
	sep := s.Separator
	if sep == "" {
		sep = ";"
	}
	var small [64]bool // items seen; most scales have few
	seen := small[:]
	if len(s.Items) > len(small) {
		seen = make([]bool, len(s.Items))
	}
	n := 0
	for part := range strings.SplitSeq(cell, sep) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i, ok := s.itemIndex[part] // as declared, the common case
		if !ok {
			if i, ok = s.itemIndex[s.normalise(part)]; !ok {
				return Answer{Status: Invalid}
			}
		}
		if !seen[i] {
			seen[i] = true
			n++
		}
	}
	if s.MultiScore == MultiCount {
		return Answer{Value: float64(n)}
	}
	return Answer{Value: float64(n) / float64(len(s.Items))}
}

// NotInScale is the part of raw, an answer the scale does not take, that
// it does not take: of a multi-select cell the items it does not offer,
// joined by its separator ("giropay;Bitcoin" → "Bitcoin"), so that the
// reports count one unknown item as one value, whatever was ticked beside
// it; of any other answer, or a cell whose every item it offers, raw.
func (s *Scale) NotInScale(raw string) string {
	if s.Kind != ScaleMulti {
		return raw
	}
	sep := s.Separator
	if sep == "" {
		sep = ";"
	}
	var unknown []string
	for part := range strings.SplitSeq(raw, sep) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if _, ok := s.itemIndex[part]; ok {
			continue
		}
		if _, ok := s.itemIndex[s.normalise(part)]; ok {
			continue
		}
		unknown = append(unknown, part)
	}
	if len(unknown) == 0 {
		return raw
	}
	return strings.Join(unknown, sep)
}

// normalise applies the scale's matching rule to an answer or a key.
func (s *Scale) normalise(v string) string {
	if !s.NoTrim {
		v = strings.TrimSpace(v)
	}
	if s.Exact {
		return v
	}
	return foldCase(v)
}

// foldCase lowercases v, returning v itself when it has no upper case, so
// the common case does not allocate.
func foldCase(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(v)
		}
	}
	return v
}

// isBlank reports whether v is empty or only white space. Most answers
// start with a letter or digit, so the first byte usually decides.
func isBlank(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= utf8.RuneSelf:
			return strings.TrimFunc(v, unicode.IsSpace) == ""
		case c != ' ' && (c < '\t' || c > '\r'):
			return false
		}
	}
	return true
}

func clamp01(x float64) float64 {
	switch {
	case x < 0 || math.IsNaN(x):
		return 0
	case x > 1:
		return 1
	}
	return x
}

// ParseNumber reads a number as German and English spreadsheets write it:
// "3,5", "1.234,5", "1,234.5", "1 234", "-9", and in scientific notation
// "1,5E+02" and "1.5e2" alike (see scientific). See Decimal for how the
// separator is chosen. It reports false for anything else.
func ParseNumber(s string, d Decimal) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return 0, false
	}
	if x, ok := shortDecimal(s, d); ok {
		return x, true
	}
	if strings.ContainsAny(s, "eE") {
		return scientific(s, d)
	}
	// plainNumber first: a failing ParseFloat allocates its error, and
	// "37,5" is common.
	if plainNumber(s) {
		if x, err := strconv.ParseFloat(s, 64); err == nil && (d != DecimalComma || !strings.Contains(s, ".")) {
			return x, true
		}
	}
	dec := byte('.')
	switch d {
	case DecimalComma:
		dec = ','
	case DecimalPoint:
		dec = '.'
	default:
		lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
		switch {
		case lastDot >= 0 && lastComma >= 0:
			if lastComma > lastDot {
				dec = ','
			}
		case lastComma >= 0:
			if strings.Count(s, ",") == 1 {
				dec = ','
			}
		case strings.Count(s, ".") > 1:
			dec = 0 // "1.234.567": every dot groups thousands
		}
	}
	var b [64]byte
	out := b[:0]
	seenDec := false
	// Thousands separators group the whole part in threes, one kind of
	// separator throughout ("1.234.567", "1 234"): "1,234,5", "12.34.5"
	// or, under decimal: comma, "2.5" is no number written either way,
	// and dropping its separators read it as 12345, 12345 and 25.
	var sep byte // the thousands separator met; 0: none yet
	group := -1  // digits since the last thousands separator; -1: none met
	digits := 0  // digits of the whole part
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', (c == '-' || c == '+') && i == 0:
			out = append(out, c)
			if c >= '0' && c <= '9' && !seenDec {
				digits++
				if group >= 0 {
					group++
				}
			}
		case c == dec && dec != 0: // 0: no decimal separator, and no NUL byte either
			if seenDec || (group >= 0 && group != 3) {
				return 0, false
			}
			seenDec = true
			out = append(out, '.')
		case (c == '.' || c == ',' || c == ' ' || c == '\'') && !seenDec:
			// a thousands separator: after one to three digits, then
			// after every three
			if (sep != 0 && c != sep) || digits == 0 || (group < 0 && digits > 3) || (group >= 0 && group != 3) {
				return 0, false
			}
			sep, group = c, 0
		default:
			return 0, false
		}
	}
	if group >= 0 && group != 3 {
		return 0, false
	}
	x, err := strconv.ParseFloat(string(out), 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// scientific reads a number in scientific notation as spreadsheets write
// it in either convention — "1.5e2", "1,5E+02" (German Excel) — the same:
// a mantissa with at most one separator, which must be a decimal
// separator the Decimal setting allows (either under DecimalAuto), then e
// or E, an optional sign and one to three digits. Thousands separators
// have no place in scientific notation: "1.234,5E3" is refused, as is
// "1.5e2" under DecimalComma, where '.' cannot be a decimal separator.
func scientific(s string, d Decimal) (float64, bool) {
	e := strings.LastIndexAny(s, "eE")
	mant, exp := s[:e], s[e+1:]
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	if len(exp) == 0 || len(exp) > 3 || strings.Trim(exp, "0123456789") != "" {
		return 0, false
	}
	var b [64]byte
	out := b[:0]
	digits, seps := 0, 0
	for i := 0; i < len(mant); i++ {
		switch c := mant[i]; {
		case c >= '0' && c <= '9':
			digits++
			out = append(out, c)
		case (c == '-' || c == '+') && i == 0:
			out = append(out, c)
		case (c == ',' && d != DecimalPoint) || (c == '.' && d != DecimalComma):
			seps++
			out = append(out, '.')
		default:
			return 0, false
		}
	}
	if digits == 0 || seps > 1 {
		return 0, false
	}
	out = append(out, 'e')
	out = append(out, s[e+1:]...)
	x, err := strconv.ParseFloat(string(out), 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// shortDecimal reads the numbers surveys mostly hold — "12", "-9", "37,5",
// "0.25" — without strconv: at most 15 digits and one decimal separator,
// no thousands separators. It reports false for anything else, which
// ParseNumber then reads the long way. The result is exact as strconv's:
// both the digits as an integer and the power of ten are exact in float64,
// and one IEEE division rounds correctly (Clinger's fast path).
func shortDecimal(s string, d Decimal) (float64, bool) {
	i, neg := 0, false
	if s[0] == '-' || s[0] == '+' {
		neg, i = s[0] == '-', 1
	}
	var mant uint64
	digits, frac := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case (c == ',' && d != DecimalPoint) || (c == '.' && d != DecimalComma):
			if frac >= 0 {
				return 0, false // a second separator: thousands, the long way
			}
			frac = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 || frac == 0 {
		return 0, false
	}
	x := float64(mant)
	if frac > 0 {
		x /= pow10[frac]
	}
	if neg {
		x = -x
	}
	return x, true
}

// plainNumber excludes the forms strconv accepts but spreadsheets do not
// mean as numbers: "Inf", "NaN", hex, underscores.
func plainNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}
