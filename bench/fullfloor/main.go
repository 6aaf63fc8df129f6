// Command fullfloor is the least a full run of reifegrad costs: it reads
// the survey CSV with a bare encoding/csv pass (bench/floor) and writes
// outputs of the same size as a reifegrad run wrote them — every file of
// that run's output folder with the same bytes, the profiles folder made
// once, and the workbook with the same cells through excelize's
// StreamWriter — one after the other on one goroutine. It prints how long
// that took, in seconds; the reference folder is read before the clock
// starts. bench/run compares reifegrad's own time (--json "seconds") with
// it.
//
//	fullfloor -input umfrage_2026.csv -like out -o floor-out
//
// The workbook's cells are written as numbers where the reference cell
// reads as a number and as text otherwise, without styles, charts or
// conditional formats: what is left is the work every workbook of those
// cells costs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reifegrad/reifegrad/bench/floor"
)

const workbook = "reifegrad.xlsx"

func main() {
	input := flag.String("input", "", "the survey CSV the run read")
	like := flag.String("like", "", "the output folder of a reifegrad run")
	out := flag.String("o", "", "the folder to write (replaced)")
	flag.Parse()
	if *input == "" || *like == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: fullfloor -input survey.csv -like out -o floor-out")
		os.Exit(2)
	}
	ref, err := load(*like)
	if err == nil {
		var secs float64
		secs, err = ref.write(*input, *out)
		fmt.Printf("%.4f\n", secs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fullfloor:", err)
		os.Exit(1)
	}
}

// reference is what a run wrote: its files and its workbook's cells.
type reference struct {
	dirs   []string
	files  []file
	sheets []sheet
}

type file struct {
	name string // slash-separated, relative
	data []byte
}

type sheet struct {
	name string
	rows [][]any
}

func load(dir string) (*reference, error) {
	ref := &reference{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case rel == ".":
			return nil
		case d.IsDir():
			ref.dirs = append(ref.dirs, rel)
			return nil
		case rel == workbook:
			return ref.loadWorkbook(p)
		}
		b, err := os.ReadFile(p)
		ref.files = append(ref.files, file{rel, b})
		return err
	})
	if err == nil && ref.sheets == nil {
		err = errors.New(dir + " has no " + workbook)
	}
	return ref, err
}

func (ref *reference) loadWorkbook(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return err
		}
		sh := sheet{name: name}
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return err
			}
			row := make([]any, len(cols))
			for i, c := range cols {
				row[i] = cellValue(c)
			}
			sh.rows = append(sh.rows, row)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		ref.sheets = append(ref.sheets, sh)
	}
	return nil
}

// cellValue is a number where s is one as a workbook stores it, else s;
// nil for an empty cell.
func cellValue(s string) any {
	if s == "" {
		return nil
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil && strconv.FormatFloat(x, 'g', -1, 64) == s {
		return x
	}
	return s
}

// write is the timed part: the CSV read, then every output written.
func (ref *reference) write(input, out string) (float64, error) {
	if err := os.RemoveAll(out); err != nil {
		return 0, err
	}
	start := time.Now()
	in, err := os.Open(input)
	if err != nil {
		return 0, err
	}
	_, err = floor.CSV(in)
	in.Close()
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	for _, d := range ref.dirs {
		if err := os.Mkdir(filepath.Join(out, d), 0o755); err != nil {
			return 0, err
		}
	}
	for _, f := range ref.files {
		if err := os.WriteFile(filepath.Join(out, f.name), f.data, 0o644); err != nil {
			return 0, err
		}
	}
	if err := ref.writeWorkbook(filepath.Join(out, workbook)); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}

func (ref *reference) writeWorkbook(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range ref.sheets {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}
