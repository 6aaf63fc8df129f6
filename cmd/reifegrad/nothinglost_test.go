package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/survey"
)

// lostConfig is the model of the property test: three yes/no questions,
// units checked against the register of Saxony.
const lostConfig = `units: {id: ags, name: gemeinde, municipalities: true, register: sachsen}
survey: {duplicates: %s}
report: {min_group_size: 5}
model:
  name: Nichts geht verloren
  levels: {bands: [{level: 1, name: A, min: 0}, {level: 2, name: B, min: 50}]}
  scales: {jn: {map: {ja: 1, nein: 0}}}
  questions: [{id: Q1, scale: jn}, {id: Q2, scale: jn}, {id: Q3, scale: jn}]
  dimensions: [{id: d, indicators: [{id: i1, question: Q1}, {id: i2, question: Q2}, {id: i3, question: Q3}]}]
`

// lostFile is one generated input file and what must become of its rows,
// judged by the generator itself.
type lostFile struct {
	wave  string
	xlsx  bool
	rows  [][]string
	valid []string // the AGS of each row that must be scored unless a duplicate loses
}

// genLostFile draws rows of every kind: valid, invalid ids, ids not in
// the register, empty rows, rows shorter and longer than the header,
// unknown answers, NUL bytes (CSV only), the same unit twice.
func genLostFile(r *rand.Rand, wave string, xlsx bool, pool []string) lostFile {
	f := lostFile{wave: wave, xlsx: xlsx}
	answer := func() string { return []string{"ja", "nein", "", "-9", "vielleicht", " JA "}[r.IntN(6)] }
	for range 5 + r.IntN(60) {
		ags := pool[r.IntN(len(pool))]
		row := []string{ags, "Gemeinde " + ags, answer(), answer(), answer()}
		kind := r.IntN(10)
		if xlsx && kind == 7 {
			kind = 0 // no NUL bytes in workbooks: excelize writes them escaped
		}
		switch kind {
		case 0, 1, 2, 3: // valid
			f.valid = append(f.valid, ags)
		case 4: // an id that is no AGS
			row[0] = []string{"x" + ags[1:], ags[:5], ags + "9", "", "AGS"}[r.IntN(5)]
		case 5: // an AGS of another state, not in the register
			row[0] = "09162000"
		case 6: // empty
			row = []string{"", " ", "", "", ""}
		case 7: // a NUL byte in an answer
			row[2] = "ja\x00"
		case 8: // shorter than the header: scored without the missing answers
			row = row[:2+r.IntN(3)]
			f.valid = append(f.valid, ags)
		case 9: // longer than the header, with values: rejected
			row = append(row, "zu", "viel")
		}
		f.rows = append(f.rows, row)
	}
	return f
}

func (f lostFile) write(t *testing.T, dir string) string {
	t.Helper()
	header := []string{"ags", "gemeinde", "Q1", "Q2", "Q3"}
	if f.xlsx {
		wb := excelize.NewFile()
		for i, row := range append([][]string{header}, f.rows...) {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := wb.SetCellStr("Sheet1", cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		p := filepath.Join(dir, "umfrage_"+f.wave+".xlsx")
		if err := wb.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write(header)
	w.WriteAll(f.rows)
	p := filepath.Join(dir, "umfrage_"+f.wave+".csv")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// expect returns how many rows the file has and how many units of it
// must be scored under the duplicate policy: one per AGS with valid rows,
// none for an AGS answered twice under reject_all.
func (f lostFile) expect(policy string) (rows, scored int) {
	count := map[string]int{}
	for _, ags := range f.valid {
		count[ags]++
	}
	for _, n := range count {
		if n == 1 || policy != "reject_all" {
			scored++
		}
	}
	return len(f.rows), scored
}

// TestNothingLost is a property test over generated inputs: in every run,
// rows read = units scored + rows rejected, with the numbers the
// generator expects, in the summary, scores.csv, rejects.csv and the
// workbook alike (accountFor).
func TestNothingLost(t *testing.T) {
	reg, err := survey.LoadRegister("sachsen")
	if err != nil {
		t.Fatal(err)
	}
	var pool []string
	for _, u := range reg.Units[:12] { // few units, so that duplicates occur
		pool = append(pool, string(u.ID))
	}
	policies := []string{"keep_latest_complete", "keep_last", "keep_first", "reject_all"}
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 2026))
			dir := t.TempDir()
			policy := policies[r.IntN(len(policies))]
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte(fmt.Sprintf(lostConfig, policy)), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"-c", cfg, "-o", filepath.Join(dir, "out"), "--json"}
			wantRows, wantScored := 0, 0
			for _, wave := range []string{"2024", "2026"} {
				f := genLostFile(r, wave, r.IntN(3) == 0, pool)
				args = append(args, "-i", wave+"="+f.write(t, dir))
				rows, scored := f.expect(policy)
				wantRows += rows
				wantScored += scored
			}
			stdout, stderr, code := MustRun(t, args...)
			if wantScored == 0 {
				if code != exitBadInput || !strings.Contains(stderr, fmt.Sprintf("all %d rows were rejected", wantRows)) {
					t.Errorf("nothing to score: exit %d, %.300s", code, stderr)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %.1000s", code, stderr)
			}
			sum := accountFor(t, stdout, filepath.Join(dir, "out"))
			t.Logf("policy %s: %d rows read = %d scored + %d rejected", policy, sum.RowsRead, sum.Scored, sum.Rejected)
			if sum.RowsRead != wantRows || sum.Scored != wantScored || sum.Rejected != wantRows-wantScored {
				t.Errorf("policy %s: read %d, scored %d, rejected %d; want %d = %d + %d",
					policy, sum.RowsRead, sum.Scored, sum.Rejected, wantRows, wantScored, wantRows-wantScored)
			}
		})
	}
}
