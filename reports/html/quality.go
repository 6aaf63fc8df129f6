package html

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// Longest lists of the data-quality section; the rest is counted.
const (
	maxRejectRows = 50
	maxAnswerRows = 40
	maxPlaceRows  = 20
)

// quality is the data-quality section of the overview: every input row
// that was not scored, answers outside their scale counted per question
// and value, duplicates and areas not scored for too few answers. The
// findings about the units of a wave too small to show are left out of
// every list and count (scoring.Disclosure.Finding), and a note says so
// whether that wave has findings or not.
type quality struct {
	Figures     []figure
	Kinds       []countRow
	Rejects     []rejectRow
	MoreRejects string
	Answers     []answerRow
	MoreAnswers string
	Duplicates  []rejectRow
	MoreDups    string
	LowCoverage []countRow
	// HiddenWaves says that the findings about the units of the waves too
	// small to show are neither listed nor counted; empty when none is.
	HiddenWaves string
}

// countRow is a label with a count, optionally per wave.
type countRow struct{ Label, Wave, Count string }

// rejectRow is one row of an input file: where, which wave, why. Unit
// and Name are only shown when the overview may name units.
type rejectRow struct{ Place, Wave, Unit, Name, Reason string }

// answerRow counts how often one value was given to one question.
type answerRow struct {
	Wave, Question, Text, Value, Kind, Count string
}

func (rd *renderer) quality() quality {
	r, t := rd.r, rd.t
	var q quality
	issues := rd.findings()
	q.Figures = []figure{{Label: t.RowsRead, Value: t.int(r.RowsRead)}, {Label: t.Rejected, Value: t.int(len(r.Rejects))},
		{Label: t.Issues, Value: t.int(len(issues))}}
	var hidden []string
	for _, w := range r.Waves {
		if rd.dis.Units(rd.group(w.ID, -1, "")) != scoring.Published {
			hidden = append(hidden, w.Label)
		}
	}
	if len(hidden) > 0 {
		q.HiddenWaves = fmt.Sprintf(t.QualHiddenF, rd.dis.MinGroup(), strings.Join(hidden, ", "))
	}

	kinds := map[scoring.IssueKind]int{}
	for _, is := range issues {
		kinds[is.Kind]++
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		q.Kinds = append(q.Kinds, countRow{Label: t.issueKind(k), Count: t.int(kinds[k])})
	}

	for i, rj := range r.Rejects {
		if i == maxRejectRows {
			q.MoreRejects = fmt.Sprintf(t.MoreRowsF, len(r.Rejects)-maxRejectRows)
			break
		}
		reason := scoring.NewDescriber(rd.o.Language).Reject(rj)
		if !rd.o.ListUnits {
			reason = mask(reason, string(rj.Unit), rj.Name)
		}
		q.Rejects = append(q.Rejects, rejectRow{Place: rj.Position(), Wave: rd.waveLabel(rj.Wave), Unit: string(rj.Unit), Name: rj.Name, Reason: reason})
	}

	q.Answers, q.MoreAnswers = rd.answerCounts(issues)

	var dups []scoring.Issue
	for _, is := range issues {
		if is.Kind == scoring.IssueDuplicate {
			dups = append(dups, is)
		}
	}
	for i, is := range dups {
		if i == maxPlaceRows {
			q.MoreDups = fmt.Sprintf(t.MoreRowsF, len(dups)-maxPlaceRows)
			break
		}
		q.Duplicates = append(q.Duplicates, rejectRow{Place: is.Place, Wave: rd.waveLabel(is.Wave), Unit: string(is.Unit), Reason: scoring.NewDescriber(rd.o.Language).Issue(is)})
	}

	q.LowCoverage = rd.lowCoverageCounts(issues)
	return q
}

// findings are the data-quality findings the overview may list and count.
func (rd *renderer) findings() []scoring.Issue {
	var out []scoring.Issue
	for _, is := range rd.r.Issues {
		if rd.dis.Finding(is) == scoring.Published {
			out = append(out, is)
		}
	}
	return out
}

// mask replaces a unit's ID and name in an importer's message by "…",
// so that the overview names no unit unless ListUnits.
func mask(msg string, ids ...string) string {
	for _, id := range ids {
		if strings.TrimSpace(id) != "" {
			msg = strings.ReplaceAll(msg, id, "…")
		}
	}
	return msg
}

// answerCounts counts answers outside their scale by wave, question and
// value, most frequent first. A question is the one its wave asked under
// that code (model.waves: an earlier wave's I06 may be another question
// than the latest's), and of a multi-select cell the value is the items
// the scale does not offer (scoring.Scale.NotInScale).
func (rd *renderer) answerCounts(issues []scoring.Issue) ([]answerRow, string) {
	r, t, m := rd.r, rd.t, rd.r.Model
	type key struct {
		wave     scoring.WaveID
		question scoring.QuestionID
		value    string
		kind     scoring.IssueKind
	}
	counts := map[key]int{}
	var keys []key
	for _, is := range issues {
		if is.Kind != scoring.IssueUnknownAnswer && is.Kind != scoring.IssueOutOfRange {
			continue
		}
		value := is.Value
		if q := m.AskedAs(is.Wave, is.Question); q != nil && is.Kind == scoring.IssueUnknownAnswer {
			value = q.Scale.NotInScale(value)
		}
		k := key{is.Wave, is.Question, value, is.Kind}
		if counts[k] == 0 {
			keys = append(keys, k)
		}
		counts[k]++
	}
	waveOrder := map[scoring.WaveID]int{}
	for i, w := range r.Waves {
		waveOrder[w.ID] = i
	}
	qIndex := func(w scoring.WaveID, id scoring.QuestionID) int {
		if q := m.AskedAs(w, id); q != nil {
			return q.Index
		}
		return len(m.Questions)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(waveOrder[a.wave], waveOrder[b.wave]),
			cmp.Compare(qIndex(a.wave, a.question), qIndex(b.wave, b.question)), cmp.Compare(a.value, b.value))
	})
	var rows []answerRow
	more := ""
	for i, k := range keys {
		if i == maxAnswerRows {
			more = fmt.Sprintf(t.MoreRowsF, len(keys)-maxAnswerRows)
			break
		}
		text := ""
		if q := m.AskedAs(k.wave, k.question); q != nil {
			text = q.Text
		}
		rows = append(rows, answerRow{Wave: rd.waveLabel(k.wave), Question: string(k.question), Text: text,
			Value: k.value, Kind: t.issueKind(k.kind), Count: t.int(counts[k])})
	}
	return rows, more
}

// lowCoverageCounts counts, per wave and node, the units for which the
// node was not scored because too little was answered. Such a count is
// the wave's units less those scored on the node, a figure of the wave's
// units (Disclosure.Units): a wave too small to show them has no row, not
// even one of "•", which would tell that some unit missed that node; the
// note of the section names it.
func (rd *renderer) lowCoverageCounts(issues []scoring.Issue) []countRow {
	r, t, m := rd.r, rd.t, rd.r.Model
	var rows []countRow
	for _, w := range r.Waves {
		counts := make([]int, len(m.Nodes))
		for _, is := range issues {
			if is.Kind != scoring.IssueLowCoverage || is.Wave != w.ID {
				continue
			}
			if n := m.Node(is.Node); n != nil {
				counts[n.Index]++
			}
		}
		for i, c := range counts {
			if c > 0 {
				name := m.Nodes[i].Name
				if i == 0 {
					name = t.Overall
				}
				rows = append(rows, countRow{Label: name, Wave: w.Label, Count: t.int(c)})
			}
		}
	}
	return rows
}
