package survey

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
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
