package survey

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestReadReusedText: a CSV with an ASCII delimiter is read by
// splitReader, which reuses the slices and text of records once the
// reader has moved past them (reuseRecords); every string the dataset
// keeps — ids, names, answers, findings' values — must be the reader's
// own. The file spans a dozen pieces (splitPiece) and is compared with the same file
// read with a delimiter beyond ASCII, through encoding/csv, whose strings
// are fresh.
func TestReadReusedText(t *testing.T) {
	m := mustModel(t)
	rows := [][]string{sampleRows[0]}
	s01 := []string{"ja", "nein", "teilweise", "jein", ""}
	for i := range 40000 {
		ags := fmt.Sprintf("14%06d", 612000+i%36000) // the last 4,000 answer twice
		row := []string{ags, fmt.Sprintf("Gemeinde Nr. %d", i), s01[i%len(s01)], "trifft zu", fmt.Sprint(i % 977), fmt.Sprintf("%d,%d", i%100, i%10), strings.Repeat("x", i%50)}
		if i%1000 == 7 {
			row = []string{"", "", "", "", "", "", ""}
		}
		rows = append(rows, row)
	}
	read := func(comma rune) (any, int) {
		ds, err := Read(bytes.NewReader(encodeCSV(t, rows, comma, "utf-8")), "x.csv", m, Options{UnitsAreMunicipalities: true, Delimiter: comma})
		if err != nil {
			t.Fatal(err)
		}
		var resp []string
		for _, r := range ds.Responses {
			resp = append(resp, fmt.Sprintf("%d %s %q %q %q %q", r.Row, r.Wave, r.Unit.ID, r.Unit.Name, r.Received, r.Answers.Strings()))
		}
		return []any{resp, ds.Rejects, ds.Issues}, len(ds.Responses)
	}
	got, n := read(';')
	want, _ := read('¦')
	if n < 30000 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d responses; read with reused text:\n%v\nwant\n%v", n, got, want)
	}
}

// TestReadReusedTextEveryColumn: every kind of column a row's strings
// reach the dataset from — the wave column, the district, a peer group's
// attribute, the receipt time, names quoted over two lines, answers
// settled at the end of the file (an ambiguous "1.234" among decimal
// commas) and duplicates late in the file, decided by their times — read
// with reused text (splitReader, ';') as with fresh strings (encoding/csv,
// '¦'). The file spans a dozen pieces, so most rows' text is overwritten
// by later pieces before the dataset is complete.
func TestReadReusedTextEveryColumn(t *testing.T) {
	m := mustModel(t)
	rows := [][]string{{"AGS", "Gemeinde", "Welle", "Landkreis", "Kreisart", "Eingang", "S01", "S02", "O02", "P06", "O03"}}
	waves := []string{"2024", "2026", " 2028 "}
	pay := []string{"ePayBL", "PayPal;SEPA-Lastschrift", "", "Kreditkarte, Debitkarte"}
	for i := range 30000 {
		ags := fmt.Sprintf("14%06d", 612000+i%27000) // the last 3,000 answer again, later
		name := fmt.Sprintf("Gemeinde Nr. %d", i)
		if i%997 == 3 {
			name = fmt.Sprintf("Gemeinde \"Nr.\" %d;\nzweite Zeile", i)
		}
		p06 := fmt.Sprintf("%d,%d", i%100, i%10)
		if i%1009 == 5 {
			p06 = "1.234" // settled by the column's decimal commas (Answers.Set)
		}
		rows = append(rows, []string{ags, name, waves[i%27000%len(waves)], fmt.Sprintf("Landkreis %d", i%13),
			fmt.Sprintf("Art %d", i%3), fmt.Sprintf("2026-03-%02d %02d:%02d", 1+i/27000, i%24, i%60),
			[]string{"ja", "nein", "weiß nicht", "vielleicht"}[i%4], "trifft zu", fmt.Sprint(i % 977), p06, pay[i%len(pay)]})
	}
	read := func(comma rune) []any {
		ds, err := Read(bytes.NewReader(encodeCSV(t, rows, comma, "utf-8")), "x.csv", m,
			Options{UnitsAreMunicipalities: true, Delimiter: comma, WaveColumn: "Welle", Attributes: []string{"Kreisart"}, Duplicates: KeepLatestComplete})
		if err != nil {
			t.Fatal(err)
		}
		var resp []string
		for _, r := range ds.Responses {
			resp = append(resp, fmt.Sprintf("%d %q %+v %q %v %q", r.Row, r.Wave, r.Unit, r.Received, r.Incomplete, r.Answers.Strings()))
		}
		var cols [][]scoring.InputColumn
		for _, in := range ds.Inputs {
			cols = append(cols, in.Columns) // the header as read (its encoding counts the '¦'s)
		}
		return []any{resp, ds.Rejects, ds.Issues, cols}
	}
	got, want := read(';'), read('¦')
	if n := len(got[0].([]string)); n < 20000 || len(got[1].([]scoring.Reject)) < 3000 {
		t.Fatalf("%d responses, %d rejects: the file does not read as meant", n, len(got[1].([]scoring.Reject)))
	}
	for k, what := range []string{"responses", "rejects", "findings", "header"} {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s read with reused text differ from a fresh read:\n%v\nwant\n%v", what, got[k], want[k])
		}
	}
}
