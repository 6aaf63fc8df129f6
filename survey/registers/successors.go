//go:build ignore

// successors derives a successor table (old AGS → new AGS with the date)
// by comparing a municipality register with a later official list of
// municipalities: the VG5000 boundaries of BKG, whose features carry the
// AGS valid on their reference date. An AGS of the register that the later
// list no longer has was dissolved; its successor is the one AGS of the
// same district that only the later list has (a merger into a new
// municipality, or a new key). A dissolved AGS whose successor cannot be
// told so (an incorporation into an existing municipality, or several new
// AGS in the district) is listed on stderr and the program fails: such a
// row is added by hand from the statistical office's list of changes.
// date is the later list's reference date: the change took effect by
// then. Run from the repository root:
//
//	go run survey/registers/successors.go -register survey/registers/sachsen.csv \
//	    -geo ../shared/data/geo/gemeinden_vg5000_2021.geojson -state 14 -date 2021-01-01 \
//	    -out survey/registers/sachsen_successors.csv
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

func main() {
	register := flag.String("register", "", "the project's register CSV (ags, name, …)")
	geo := flag.String("geo", "", "VG5000 municipalities as GeoJSON (properties ags, name, bez)")
	state := flag.String("state", "", "AGS prefix of the state, e.g. 14 for Saxony")
	date := flag.String("date", "", "reference date of the later list (2006-01-02)")
	out := flag.String("out", "", "successor table to write")
	flag.Parse()
	if err := run(*register, *geo, *state, *date, *out); err != nil {
		fmt.Fprintln(os.Stderr, "successors:", err)
		os.Exit(1)
	}
}

func run(register, geo, state, date, out string) error {
	old, err := readRegister(register, state)
	if err != nil {
		return err
	}
	later, err := readGeo(geo, state)
	if err != nil {
		return err
	}
	var appeared []string
	for ags := range later {
		if _, ok := old[ags]; !ok {
			appeared = append(appeared, ags)
		}
	}
	var rows [][]string
	var unresolved []string
	for ags, name := range old {
		if _, ok := later[ags]; ok {
			continue
		}
		var cands []string
		for _, a := range appeared {
			if a[:5] == ags[:5] {
				cands = append(cands, a)
			}
		}
		if len(cands) != 1 {
			unresolved = append(unresolved, fmt.Sprintf("%s %s (candidates: %s)", ags, name, strings.Join(cands, ", ")))
			continue
		}
		rows = append(rows, []string{ags, cands[0], date, name, later[cands[0]]})
	}
	slices.SortFunc(rows, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	slices.Sort(unresolved)
	if len(unresolved) > 0 {
		return fmt.Errorf("no successor found for:\n  %s", strings.Join(unresolved, "\n  "))
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"from", "to", "date", "from_name", "to_name"})
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d municipalities in the register, %d in the later list, %d successions\n", out, len(old), len(later), len(rows))
	return f.Close()
}

func readRegister(file, state string) (map[string]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		if strings.HasPrefix(r[0], state) {
			out[r[0]] = r[1]
		}
	}
	return out, nil
}

func readGeo(file, state string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var fc struct {
		Features []struct {
			Properties struct{ AGS, Name, Bez string }
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, ft := range fc.Features {
		p := ft.Properties
		// Unincorporated areas (forests, lakes) are no municipalities.
		if strings.HasPrefix(p.AGS, state) && p.Bez != "Gemeindefreies Gebiet" {
			out[p.AGS] = p.Name
		}
	}
	return out, nil
}
