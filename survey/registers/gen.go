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
	names, err := districtNames(rows, col)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	for _, row := range rows[1:] {
		rec := make([]string, len(want))
		for i, c := range want {
			rec[i] = row[col[c.in]]
			if c.out == "district" {
				rec[i] = names[row[col["district_ags"]]]
			}
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

// districtNames names every district (by its code, district_ags) so that
// no two share a name: peer groups by district group units by the name.
// The official register calls a kreisfreie Stadt and the Landkreis around
// it alike ("Rosenheim" is 09163 and 09187, fourteen such pairs in
// Bavaria); the city becomes "Rosenheim, Stadt", as Saxony's register
// names its cities ("Leipzig, Stadt" beside "Leipzig").
func districtNames(rows [][]string, col map[string]int) (map[string]string, error) {
	for _, c := range []string{"district", "district_ags", "district_type"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("no column %q", c)
		}
	}
	name, kind := map[string]string{}, map[string]string{}
	codes := map[string]map[string]bool{} // name → codes
	for _, row := range rows[1:] {
		code, n := row[col["district_ags"]], row[col["district"]]
		name[code], kind[code] = n, row[col["district_type"]]
		if codes[n] == nil {
			codes[n] = map[string]bool{}
		}
		codes[n][code] = true
	}
	out := map[string]string{}
	seen := map[string]string{}
	for code, n := range name {
		if len(codes[n]) > 1 && kind[code] == "Kreisfreie Stadt" {
			n += ", Stadt"
		}
		if other, dup := seen[n]; dup {
			return nil, fmt.Errorf("districts %s and %s are both named %q", other, code, n)
		}
		seen[n], out[code] = code, n
	}
	return out, nil
}
