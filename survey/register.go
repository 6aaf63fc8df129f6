package survey

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

//go:embed registers/*.csv
var registerFiles embed.FS

// Registers lists the names of the bundled municipality registers.
func Registers() []string { return []string{"sachsen", "deutschland"} }

// Register is a list of municipalities keyed by AGS, used to check unit
// IDs, match names and add district, population and location to responses
// that lack them. A Register is immutable after loading and safe for
// concurrent use.
type Register struct {
	Name  string
	Units []scoring.Unit
	// Successions are the territorial changes since the register's
	// reference date (registers/<name>_successors.csv; see SOURCES.md).
	Successions []scoring.Succession
	byID        map[scoring.UnitID]int

	nameOnce sync.Once
	nameIdx  *nameIndex // built on first use by MatchName
}

// LoadRegister returns a bundled register by name ("sachsen",
// "deutschland").
func LoadRegister(name string) (*Register, error) {
	b, err := registerFiles.ReadFile("registers/" + name + ".csv")
	if err != nil {
		return nil, fmt.Errorf("unknown register %q (bundled: %s)", name, strings.Join(Registers(), ", "))
	}
	// Sized for its lines, so that the index of 10,786 municipalities is
	// not grown and copied step by step while it is filled.
	reg, err := readRegister(bytes.NewReader(b), name, bytes.Count(b, []byte{'\n'}))
	if err != nil {
		return nil, err
	}
	if sf, err := registerFiles.Open("registers/" + name + "_successors.csv"); err == nil {
		defer sf.Close()
		if reg.Successions, err = ReadSuccessions(sf, name+"_successors.csv"); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// ReadRegister reads a register CSV with the columns ags, name, district,
// population, lon, lat (comma-separated, UTF-8), as gen.go writes it.
func ReadRegister(r io.Reader, name string) (*Register, error) {
	return readRegister(r, name, 0)
}

// readRegister is ReadRegister with room made for about units entries.
func readRegister(r io.Reader, name string, units int) (*Register, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true // the fields are kept as strings, not the record
	hdr, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[h] = i
	}
	for _, c := range []string{"ags", "name", "district", "population", "lon", "lat"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("register %s: missing column %q", name, c)
		}
	}
	cAGS, cName, cDistrict, cPop, cLon, cLat := col["ags"], col["name"], col["district"], col["population"], col["lon"], col["lat"]
	reg := &Register{Name: name, byID: make(map[scoring.UnitID]int, units), Units: make([]scoring.Unit, 0, units)}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("register %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		u := scoring.Unit{ID: scoring.UnitID(rec[cAGS]), Name: rec[cName], District: rec[cDistrict]}
		if u.Population, err = strconv.Atoi(rec[cPop]); err != nil {
			return nil, fmt.Errorf("register %s:%d: population: %w", name, line, err)
		}
		lon, e1 := strconv.ParseFloat(rec[cLon], 64)
		lat, e2 := strconv.ParseFloat(rec[cLat], 64)
		if e1 == nil && e2 == nil {
			u.Lon, u.Lat, u.HasLocation = lon, lat, true
		}
		if _, dup := reg.byID[u.ID]; dup {
			return nil, fmt.Errorf("register %s:%d: AGS %s listed twice", name, line, u.ID)
		}
		reg.byID[u.ID] = len(reg.Units)
		reg.Units = append(reg.Units, u)
	}
	return reg, nil
}

// Lookup returns the register entry for an AGS.
func (r *Register) Lookup(id scoring.UnitID) (scoring.Unit, bool) {
	if i, ok := r.byID[id]; ok {
		return r.Units[i], true
	}
	return scoring.Unit{}, false
}

// NormaliseAGS turns an AGS as spreadsheets write it into 8 digits:
// spaces are removed, a number that passed through a float ("14612000.0",
// "1.4612E+07") is written out, and one that lost its leading zero
// ("1001000") is padded back. It reports false if the result is not 8
// digits.
func NormaliseAGS(s string) (scoring.UnitID, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && allDigits(s) {
		return scoring.UnitID(s), true
	}
	s = strings.ReplaceAll(s, " ", "")
	s = strings.TrimSuffix(s, ".0")
	if strings.ContainsAny(s, "eE") {
		if x, err := strconv.ParseFloat(s, 64); err == nil && x >= 0 && x < 1e8 && x == float64(int64(x)) {
			s = strconv.FormatInt(int64(x), 10)
		}
	}
	if len(s) == 7 {
		s = "0" + s
	}
	if len(s) != 8 || !allDigits(s) {
		return scoring.UnitID(s), false
	}
	return scoring.UnitID(s), true
}

// ReadSuccessions reads a successor table: a CSV with the columns from,
// to (AGS) and date (2006-01-02), one territorial change a row, as
// registers/<name>_successors.csv holds it; further columns (names) are
// for people. A row that cannot be read, a unit with two successors and a
// chain that loops are errors naming the row.
func ReadSuccessions(r io.Reader, name string) ([]scoring.Succession, error) {
	cr := csv.NewReader(r)
	hdr, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("successor table %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[h] = i
	}
	for _, c := range []string{"from", "to", "date"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("successor table %s: missing column %q", name, c)
		}
	}
	var out []scoring.Succession
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("successor table %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		d, err := time.Parse(time.DateOnly, rec[col["date"]])
		if err != nil {
			return nil, fmt.Errorf("successor table %s:%d: date %q: want 2006-01-02", name, line, rec[col["date"]])
		}
		from, ok1 := NormaliseAGS(rec[col["from"]])
		to, ok2 := NormaliseAGS(rec[col["to"]])
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("successor table %s:%d: %q → %q: an AGS has 8 digits", name, line, rec[col["from"]], rec[col["to"]])
		}
		out = append(out, scoring.Succession{From: from, To: to, Date: d})
		lines = append(lines, line)
	}
	if i, err := scoring.CheckSuccessions(out); err != nil {
		return nil, fmt.Errorf("successor table %s:%d: %w", name, lines[i], err)
	}
	return out, nil
}
