package scoring

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DuplicatePolicy decides which response counts when a unit answered one
// wave more than once — twice in one file, or in two files of the wave.
// The decision is always reported: the responses that lose become
// Rejects, and an Issue names both. One rule (Prefer) decides within a
// file (the importer, while it reads) and across the files of a wave
// (Score).
type DuplicatePolicy uint8

const (
	// KeepLatestComplete keeps a response the survey tool marks complete
	// over one it marks unfinished, and among equals the latest by its
	// receipt time (Response.Received: LimeSurvey submitdate, SoSci
	// LASTDATA, Forms completion time, a generic "eingang" or "timestamp"
	// column); without times, within one file the later row.
	KeepLatestComplete DuplicatePolicy = iota
	// KeepLast keeps the response answered last: within one file the
	// later row, across files the later receipt time.
	KeepLast
	// KeepFirst keeps the response answered first: within one file the
	// earlier row, across files the earlier receipt time.
	KeepFirst
	// RejectAll rejects every response of the unit in the wave.
	RejectAll
)

var duplicateNames = [...]string{"keep_latest_complete", "keep_last", "keep_first", "reject_all"}

func (p DuplicatePolicy) String() string {
	if int(p) < len(duplicateNames) {
		return duplicateNames[p]
	}
	return "DuplicatePolicy(" + strconv.Itoa(int(p)) + ")"
}

// Preference is what a DuplicatePolicy makes of two responses of one unit
// in one wave.
type Preference uint8

const (
	// KeepEarlier keeps the response read first (the earlier row, or the
	// file listed first), KeepLater the other.
	KeepEarlier Preference = iota
	KeepLater
	// KeepNeither: reject_all.
	KeepNeither
	// Undecided: the policy needs to know which was answered later and
	// nothing says it — the two come from different files (whose rows
	// are in no common order) and a receipt time is missing or the same.
	// Neither counts: no pick by the order of the inputs.
	Undecided
)

// Ground says what decided a Preference.
type Ground uint8

const (
	ByPolicy       Ground = iota // keep_first, keep_last in one file; reject_all
	ByCompleteness               // the kept one is complete, the other not
	ByTime                       // the receipt times
	ByRow                        // the rows of one file
)

// Prefer applies the policy to two responses of one unit in one wave,
// earlier read before later (within a file: the earlier row). Within one
// file the rows are in the order the tool received them; across files
// only receipt times order them, and where the policy needs an order and
// a time is missing, it is Undecided.
func (p DuplicatePolicy) Prefer(earlier, later *Response) (Preference, Ground) {
	sameFile := earlier.Source == later.Source
	ordered := func(keepLater bool) (Preference, Ground) {
		if keepLater {
			return KeepLater, ByTime
		}
		return KeepEarlier, ByTime
	}
	te, tl := earlier.ReceivedAt(), later.ReceivedAt()
	timed := te != 0 && tl != 0 && te != tl
	// "05/02/2026" is 2 May in the US, 5 February in Britain: where a
	// time reads both ways and the readings order the two answers
	// differently, the times do not decide.
	if de, dl := parseDayFirst(earlier.Received, te), parseDayFirst(later.Received, tl); timed && (de != te || dl != tl) {
		timed = de != 0 && dl != 0 && de != dl && (dl > de) == (tl > te)
	}
	switch p {
	case RejectAll:
		return KeepNeither, ByPolicy
	case KeepFirst, KeepLast:
		switch {
		case sameFile && p == KeepFirst:
			return KeepEarlier, ByPolicy
		case sameFile:
			return KeepLater, ByPolicy
		case !timed:
			return Undecided, ByTime
		}
		return ordered((tl > te) == (p == KeepLast))
	}
	switch {
	case earlier.Incomplete != later.Incomplete:
		if earlier.Incomplete {
			return KeepLater, ByCompleteness
		}
		return KeepEarlier, ByCompleteness
	case timed:
		return ordered(tl > te)
	case sameFile:
		return KeepLater, ByRow
	}
	return Undecided, ByTime
}

// ReceivedAt returns the response's receipt time (Received) as a number
// that orders times — Unix seconds for text, Excel's serial day number
// converted to Unix seconds — or 0 when there is none or it is not a time.
func (r *Response) ReceivedAt() float64 { return parseWhen(r.Received) }

// swapDayMonth returns a date written with slashes ("05/02/2026 08:00",
// "5/2/26") with its first two numbers swapped, and whether v is one.
func swapDayMonth(v string) (string, bool) {
	a, rest, ok := strings.Cut(v, "/")
	if !ok {
		return "", false
	}
	b, rest, ok := strings.Cut(rest, "/")
	if !ok || !digits(a) || !digits(b) || len(a) > 2 || len(b) > 2 {
		return "", false
	}
	return b + "/" + a + "/" + rest, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseDayFirst is the receipt time v read day first where it is a
// slashed date that reads both ways ("05/02/2026"); else asRead, its
// time as parseWhen reads it.
func parseDayFirst(v string, asRead float64) float64 {
	v = strings.TrimSpace(v)
	swapped, ok := swapDayMonth(v)
	if !ok || asRead == 0 {
		return asRead
	}
	if t, ok := parseLayouts(swapped); ok {
		return t
	}
	return asRead
}

// whenLayouts are the time formats of the tools' time columns (a web
// form's 2006-01-02T15:04 without seconds, a German date with a comma
// before the time), and of Excel's short dates (a year of two digits:
// 00–68 are 2000–2068) as a CSV saved from it writes them.
var whenLayouts = []string{
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02",
	"02.01.2006, 15:04:05", "02.01.2006, 15:04", "2.1.2006, 15:04:05", "2.1.2006, 15:04",
	"02.01.2006 15:04:05", "02.01.2006 15:04", "2.1.2006 15:04:05", "2.1.2006 15:04", "02.01.2006", "2.1.2006",
	"1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "1/2/2006",
	"2006/01/02 3:04:05 PM", "2006/01/02 15:04:05", "2006/01/02 3:04:05 pm",
	"2.1.06 15:04:05", "2.1.06 15:04", "2.1.06",
	"1/2/06 15:04:05", "1/2/06 15:04", "1/2/06 3:04:05 PM", "1/2/06 3:04 PM", "1/2/06",
}

func parseWhen(v string) float64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && x > 0 && x < 2958466 {
		return (x - 25569) * 86400
	}
	if t, ok := parseLayouts(v); ok {
		return t
	}
	// A slashed date whose first number is no month is written day first
	// ("28/02/2026", as British and French tools write it).
	if swapped, ok := swapDayMonth(v); ok {
		if a, _, _ := strings.Cut(v, "/"); a > "12" && len(a) == 2 {
			if t, ok := parseLayouts(swapped); ok {
				return t
			}
		}
	}
	// Google Forms appends a zone name ("GMT+1", "MEZ"); it is dropped.
	if i := strings.LastIndexByte(v, ' '); i > 0 {
		if t, ok := parseLayouts(strings.TrimSpace(v[:i])); ok {
			return t
		}
	}
	return 0
}

// IsTimeText reports whether v is a date or a time written as text in
// one of the survey tools' formats (whenLayouts, a zone name after it
// allowed) — not a number, which could be anything. init leaves such a
// column out: a submission date is no answer to score.
func IsTimeText(v string) bool {
	v = strings.TrimSpace(v)
	if _, ok := parseLayouts(v); ok {
		return true
	}
	if i := strings.LastIndexByte(v, ' '); i > 0 {
		_, ok := parseLayouts(strings.TrimSpace(v[:i]))
		return ok
	}
	return false
}

// parseLayouts reads v in the first layout that fits, as written: the
// wall clock, an offset (+01:00) ignored as a zone name is, so that times
// of one zone compare alike whether a tool writes the offset or not.
func parseLayouts(v string) (float64, bool) {
	for _, l := range whenLayouts {
		if t, err := time.Parse(l, v); err == nil {
			_, offset := t.Zone()
			return float64(t.Unix() + int64(offset)), true
		}
	}
	return 0, false
}

// duplicateRejects lists, per wave, the units an importer rejected rows
// of as duplicates (CauseDuplicateRow), and where the first of them was:
// under reject_all a unit's responses in the other files of the wave go
// too.
func duplicateRejects(d *Dataset) map[WaveID]map[UnitID]string {
	if d.Duplicates != RejectAll {
		return nil
	}
	out := map[WaveID]map[UnitID]string{}
	for _, rj := range d.Rejects {
		if rj.Cause != CauseDuplicateRow {
			continue
		}
		if out[rj.Wave] == nil {
			out[rj.Wave] = map[UnitID]string{}
		}
		if _, ok := out[rj.Wave][rj.Unit]; !ok {
			out[rj.Wave][rj.Unit] = Pos(rj.File, rj.Sheet, rj.Row, 0)
		}
	}
	return out
}

// dedupe applies the duplicate policy across the files of one wave. The
// importer has applied it within each file, so a unit has at most one
// response per file here, in the order of the inputs; Prefer decides
// between them as it decides between two rows of one file, and each unit
// that answered in several files is an Issue. What loses becomes a Reject
// naming the response that counts; where neither counts (reject_all, or
// no receipt time to decide by), every response of the unit in the wave
// is rejected. dropped lists the units whose duplicate rows an importer
// rejected under reject_all.
func (r *Results) dedupe(rs []*Response, policy DuplicatePolicy, dropped map[UnitID]string) []*Response {
	// Where a unit answered first is worked out only for a unit that
	// answered twice: formatting it for every response was a fortieth of
	// checking the national data.
	type unitSeen struct {
		at    int       // index in out; -1 when none counts
		resp  *Response // the unit's first response
		where string    // where it answered first, when resp is nil
	}
	first := func(s *unitSeen) string {
		if s.resp != nil {
			return s.resp.Position(-1)
		}
		return s.where
	}
	seen := make(map[UnitID]int, len(rs)) // index into units
	units := make([]unitSeen, 0, len(rs))
	out := rs[:0:0]
	for _, resp := range rs {
		id := resp.Unit.ID
		k, dup := seen[id]
		if !dup {
			seen[id] = len(units)
			if where, ok := dropped[id]; ok {
				units = append(units, unitSeen{at: -1, where: where})
				r.loseDuplicate(resp, where, policy, "answered more than once")
				continue
			}
			units = append(units, unitSeen{at: len(out), resp: resp})
			out = append(out, resp)
			continue
		}
		s := &units[k]
		r.Issues = append(r.Issues, Issue{Kind: IssueDuplicate, Place: resp.Position(-1), Wave: resp.Wave, Unit: id,
			Message: fmt.Sprintf("unit %s answered wave %s in two files (%s and %s); policy %s", id, resp.Wave, first(s), resp.Position(-1), policy),
			Cause:   CauseDuplicate, Args: []string{string(id), string(resp.Wave), first(s), resp.Position(-1), policy.String()}})
		if s.at < 0 {
			// Neither counted already: nor does this one.
			if policy == RejectAll {
				r.loseDuplicate(resp, first(s), policy, "answered more than once")
			} else {
				r.undecided(resp, first(s))
			}
			continue
		}
		kept := out[s.at]
		pref, ground := policy.Prefer(kept, resp)
		switch pref {
		case KeepEarlier:
			r.loseDuplicate(resp, kept.Position(-1), policy, "already answered at "+kept.Position(-1)+groundWords(ground, policy))
		case KeepLater:
			r.loseDuplicate(kept, resp.Position(-1), policy, "answered again at "+resp.Position(-1)+groundWords(ground, policy))
			out[s.at] = resp
		case KeepNeither:
			r.loseDuplicate(kept, resp.Position(-1), policy, "answered more than once")
			r.loseDuplicate(resp, kept.Position(-1), policy, "answered more than once")
			out[s.at], s.at = nil, -1
		case Undecided:
			r.undecided(kept, resp.Position(-1))
			r.undecided(resp, kept.Position(-1))
			out[s.at], s.at = nil, -1
		}
	}
	kept := out[:0]
	for _, resp := range out {
		if resp != nil {
			kept = append(kept, resp)
		}
	}
	return kept
}

// groundWords says in English why the kept response won.
func groundWords(g Ground, p DuplicatePolicy) string {
	switch g {
	case ByCompleteness:
		return ", which is complete"
	case ByTime:
		if p == KeepFirst {
			return ", which came earlier"
		}
		return ", which is more recent"
	case ByRow:
		return ", which comes later"
	}
	return ""
}

// loseDuplicate rejects a response the duplicate policy does not keep;
// other is where the unit answered the wave too.
func (r *Results) loseDuplicate(resp *Response, other string, policy DuplicatePolicy, why string) {
	file, sheet := "", ""
	if resp.Source != nil {
		file, sheet = resp.Source.File, resp.Source.Sheet
	}
	r.Rejects = append(r.Rejects, Reject{File: file, Sheet: sheet, Row: resp.Row, Wave: resp.Wave, Unit: resp.Unit.ID, Name: resp.Unit.Name,
		Reason: fmt.Sprintf("duplicate unit: unit %s %s (policy %s)", resp.Unit.ID, why, policy),
		Cause:  CauseDuplicateRow, Args: []string{string(resp.Unit.ID), other, policy.String()}})
}

// undecided rejects a response of a unit that answered the wave in two
// files where the policy needs to know which came later and no receipt
// time says it.
func (r *Results) undecided(resp *Response, other string) {
	file, sheet := "", ""
	if resp.Source != nil {
		file, sheet = resp.Source.File, resp.Source.Sheet
	}
	r.Rejects = append(r.Rejects, Reject{File: file, Sheet: sheet, Row: resp.Row, Wave: resp.Wave, Unit: resp.Unit.ID, Name: resp.Unit.Name,
		Reason: fmt.Sprintf("duplicate unit: unit %s answered wave %s at %s too, and without receipt times that tell the two apart it cannot be decided which counts, so neither does (give both files a time column, or remove one)",
			resp.Unit.ID, resp.Wave, other),
		Cause: CauseDuplicateFile, Args: []string{string(resp.Unit.ID), string(resp.Wave), other}})
}
