// Package floor is the baseline the importer is measured against: the
// least any CSV importer must do with a German Excel export, a bare
// encoding/csv pass. bench/run's floor phase and the import benchmarks of
// survey and cmd/reifegrad all time this one function, so their ratios
// compare like with like.
package floor

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
)

// CSV skips a UTF-8 byte order mark and reads every ';'-separated record
// of r with encoding/csv, keeping nothing. It returns the number of
// records, the header included.
func CSV(r io.Reader) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); string(head) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	n := 0
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
