package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/scoring"
)

// MaxMergedRanges is the most merged ranges a sheet may have. A range is
// one short element of the sheet's XML however many cells it spans; a
// survey sheet has a few, a title or a district's name across rows. More
// is an error.
const MaxMergedRanges = 1 << 16

// maxMergedSpans bounds the work of finding the answer cells merged
// ranges cover: the question columns summed over every range (a range
// down one column is 1, however many rows it spans).
const maxMergedSpans = 1 << 20

// mergeRange is a merged range of a sheet: rows 1-based, fields 0-based,
// both ends included. Excel shows the value of its first cell (top,
// left) across it; the sheet holds the value there only.
type mergeRange struct{ top, left, bottom, right int }

// parseMergeRef reads a mergeCell's ref ("D3:D5").
func parseMergeRef(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{min(r1, r2), min(c1, c2) - 1, max(r1, r2), max(c1, c2) - 1}, true
}

func (m mergeRange) String() string {
	return cellName(m.left, m.top) + ":" + cellName(m.right, m.bottom)
}

func cellName(field, row int) string {
	s, _ := excelize.CoordinatesToCellName(field+1, row)
	return s
}

// mergedAnswers finds the answer cells below the header that merged
// ranges cover: Excel shows the range's value in them, the file holds
// none, and the reader would see a blank — not answered, silently. Safe
// for one reader.
type mergedAnswers struct {
	fields []int                // answer fields some range covers, ascending
	spans  map[int][]mergeRange // by field: its ranges, by top row
}

// newMergedAnswers keeps the ranges that cover an answer field (a
// question's column or an item column) below row header.
func newMergedAnswers(ranges []mergeRange, answerFields []int, header int) (*mergedAnswers, error) {
	slices.Sort(answerFields)
	ma := &mergedAnswers{spans: map[int][]mergeRange{}}
	n := 0
	for _, mr := range ranges {
		if mr.bottom <= header {
			continue // a title or the header itself
		}
		i, _ := slices.BinarySearch(answerFields, mr.left)
		for ; i < len(answerFields) && answerFields[i] <= mr.right; i++ {
			if n++; n > maxMergedSpans {
				return nil, fmt.Errorf("%w: merged ranges span more than %d answer columns", ErrLimit, maxMergedSpans)
			}
			f := answerFields[i]
			if len(ma.spans[f]) == 0 {
				ma.fields = append(ma.fields, f)
			}
			ma.spans[f] = append(ma.spans[f], mr)
		}
	}
	if len(ma.fields) == 0 {
		return nil, nil
	}
	slices.Sort(ma.fields)
	for _, f := range ma.fields {
		slices.SortFunc(ma.spans[f], func(a, b mergeRange) int { return a.top - b.top })
	}
	return ma, nil
}

// covered returns the range that covers the cell (row, field) other than
// in its first cell. Ranges of one column do not overlap in a workbook
// Excel wrote: the last one starting at or above the row is the one.
func (ma *mergedAnswers) covered(row, field int) (mergeRange, bool) {
	spans := ma.spans[field]
	i, _ := slices.BinarySearchFunc(spans, row+1, func(m mergeRange, r int) int { return m.top - r })
	if i == 0 {
		return mergeRange{}, false
	}
	mr := spans[i-1]
	if row > mr.bottom || row == mr.top && field == mr.left {
		return mergeRange{}, false
	}
	return mr, true
}

// mergedCells reports each empty answer cell of the row that a merged
// range covers.
func (r *reader) mergedCells(rec []string, row int, wave scoring.WaveID, unit scoring.UnitID) {
	for _, f := range r.merged.fields {
		if strings.TrimSpace(field(rec, f)) != "" {
			continue // the file holds a value of its own there
		}
		mr, ok := r.merged.covered(row, f)
		if !ok {
			continue
		}
		q := r.fieldQuestion[f]
		qq := r.m.Questions[q]
		cell, first := cellName(f, row), cellName(mr.left, mr.top)
		r.issue(scoring.IssueOther, row, f+1, wave, unit, qq.ID, "",
			fmt.Sprintf("question %s: cell %s lies in the merged range %s; Excel shows the value of %s there, the file holds none: treated as not answered — unmerge the cells and give each row its answer", qq.ID, cell, mr, first),
			scoring.CauseMergedCell, string(qq.ID), cell, mr.String(), first)
	}
}

// answerFields maps the fields of the plan that hold answers — a
// question's column, a multi-select's item columns — to their question.
func (p *plan) answerFields() map[int]int {
	out := map[int]int{}
	for q, f := range p.direct {
		if f >= 0 {
			out[f] = q
		}
	}
	for _, mc := range p.multi {
		for _, it := range mc.items {
			out[it.field] = mc.q
		}
	}
	return out
}

// hiddenNote notes the rows of a workbook that Excel does not show (a
// filter hiding test or unfinished answers, a grouping) and that were
// read all the same: the file holds them, so they count, but the one who
// filtered them may not expect it.
func (r *reader) hiddenNote() {
	if len(r.hiddenRead) == 0 {
		return
	}
	rows := rowRanges(r.hiddenRead, 10)
	n := strconv.Itoa(len(r.hiddenRead))
	r.issue(scoring.IssueOther, r.hiddenRead[0], 0, r.opt.Wave.ID, "", "", "",
		fmt.Sprintf("rows hidden in the workbook (a filter, a grouping), %s: %s; they are read like every row — delete those that should not count", n, rows),
		scoring.CauseHiddenRows, n, rows)
}

// rowRanges writes ascending rows as ranges ("5, 9–12"), at most max of
// them, then "…".
func rowRanges(rows []int, max int) string {
	var b strings.Builder
	for i, k := 0, 0; i < len(rows); k++ {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if k == max {
			b.WriteString(", …")
			break
		}
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(rows[i]))
		if j > i {
			b.WriteString("–" + strconv.Itoa(rows[j]))
		}
		i = j + 1
	}
	return b.String()
}
