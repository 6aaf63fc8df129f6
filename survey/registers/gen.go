//go:build ignore

// gen derives the project's municipality registers from the official
// register files (Destatis GV-ISys 31.12.2019 and Zensus 2022), keeping only
// the columns reifegrad needs: AGS, name, district, population, longitude,
// latitude. Run from the repository root:
//
//	go run survey/registers/gen.go -in ../shared/data/sachsen_gemeinden.csv -out survey/registers/sachsen.csv
//	go run survey/registers/gen.go -in ../shared/data/deutschland_gemeinden_zensus2022.csv -out survey/registers/deutschland.csv
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	in := flag.String("in", "", "official register CSV")
	out := flag.String("out", "", "derived register CSV")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := []struct{ out, in string }{
		{"ags", "ags"}, {"name", "name"}, {"district", "district"}, {"population", "population"},
		{"lon", "lon_gv2019"}, {"lat", "lat_gv2019"},
	}
	for _, w := range want {
		if _, ok := col[w.in]; !ok {
			return fmt.Errorf("%s: no column %q", in, w.in)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".register-*")
	if err != nil {
		return err
	}
	w := csv.NewWriter(tmp)
	hdr := make([]string, len(want))
	for i, c := range want {
		hdr[i] = c.out
	}
	w.Write(hdr)
	for _, row := range rows[1:] {
		rec := make([]string, len(want))
		for i, c := range want {
			rec[i] = row[col[c.in]]
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
