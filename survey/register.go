package survey

import (
	"cmp"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// The bundled registers are read from register_tables.go, which
// registers/tables derives from registers/<name>.csv; only the successor
// tables are read as files.
//
//go:generate go run ./registers/tables

//go:embed registers/*_successors.csv
var registerFiles embed.FS

// Registers lists the names of the bundled municipality registers.
func Registers() []string { return []string{"sachsen", "deutschland"} }

// RegisterSource is the source note the bundled registers' licence asks
// of whatever shows their data — the districts, populations (and size
// classes from them) and places they give the units: Datenlizenz
// Deutschland – Namensnennung 2.0 names the providers, the licence and
// the address of its text (registers/SOURCES.md), in the report's
// language.
func RegisterSource(l scoring.Language) string {
	if l == scoring.English {
		return "Districts, populations and places of the municipalities: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys (as of 31.12.2019); Statistische Ämter des Bundes und der Länder, Zensus 2022 (table 1000A-0000); Data licence Germany – attribution – version 2.0, https://www.govdata.de/dl-de/by-2-0"
	}
	return "Landkreise, Einwohnerzahlen und Lage der Kommunen: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys (Gebietsstand 31.12.2019); Statistische Ämter des Bundes und der Länder, Zensus 2022 (Tabelle 1000A-0000); Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0"
}

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
	// Warnings are what is read but looks wrong: a point outside
	// Germany's bounding box (lon and lat swapped?), each with its line.
	Warnings []string
	byID     map[scoring.UnitID]int

	nameOnce sync.Once
	nameIdx  *nameIndex // built on first use by MatchName
}

// LoadRegister returns a bundled register by name ("sachsen",
// "deutschland").
func LoadRegister(name string) (*Register, error) {
	// The units as ReadRegister reads registers/<name>.csv
	// (TestBundledRegisterTables), without reading it: the national
	// register is what every run and check against it waited for. They
	// are shared by every Register of that name, immutable as the
	// Register is.
	units, warnings, ok := registerTable(name)
	if !ok {
		return nil, fmt.Errorf("unknown register %q (bundled: %s)", name, strings.Join(Registers(), ", "))
	}
	reg := &Register{Name: name, Units: units, Warnings: slices.Clone(warnings),
		byID: make(map[scoring.UnitID]int, len(units))}
	for i := range reg.Units {
		reg.byID[reg.Units[i].ID] = i
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
// population, lon, lat (comma-separated, UTF-8), as gen.go writes it. Its
// numbers are written as gen.go writes them, with a decimal point: a
// comma is the file's field separator, so "13,0856" is refused rather
// than guessed at. Empty lon and lat are a unit without a location; a
// coordinate that is not a plain decimal number within ±180 (lon) or ±90
// (lat), one of the two alone, an empty AGS, an id that is not an AGS of
// 8 digits (the survey's reader would read "1234567" as 01234567, and
// never match its answers to the unit) or a population that is not a
// whole number ≥ 0 is an error naming file, line and column. A point
// outside Germany's bounding box is read, with a warning
// (Register.Warnings).
func ReadRegister(r io.Reader, name string) (*Register, error) {
	// recordReader reads what encoding/csv reads (FuzzRecords), in a
	// third of its instructions.
	return readUnits(newRecordReader(r, ','), name, nil, nil)
}

// UnitsOptions say what a list of units (serve init --units) must hold.
// The zero value reads a list of units that are not municipalities for
// no model: an id and a name, nothing else required.
type UnitsOptions struct {
	// Municipalities: the units are municipalities keyed by their AGS
	// (units.municipalities, true unless the config says otherwise): the
	// list is a register, read as ReadRegister reads it — every column
	// required, population a whole number, a point outside Germany warned
	// of. False: organisations, countries, teams — see ReadUnits.
	Municipalities bool
	// Model is the model the units answer. Of units that are not
	// municipalities, it decides which of district and population each
	// unit must give: those its peer groups compare by (attribute
	// district; attribute size_class, from the population). Nil: neither.
	Model *scoring.Model
	// Within, of municipalities, is the register their answers are read
	// against (units.register): a municipality it does not hold is an
	// error at its line — it could sign in and answer, and the reader
	// would reject every submission of it as not in that register. Nil:
	// any AGS.
	Within *Register
}

// ReadUnits reads the units 'serve init --units' stores. Of municipalities
// (o.Municipalities) it is ReadRegister. Of other units — an OWASP SAMM
// organisation, an EU country — a register's municipal columns are asked
// only where the model uses them: the id column is id (or ags, as a
// register names it), name is required; district, population, lon and lat
// may be left out or empty, and an empty population is none (no size
// class). Where a peer group of o.Model compares by district, the district
// column and every unit's district are required; by size class, the
// population column and every unit's population: a unit without one
// would quietly fall out of its peer group. An id of more than MaxIDChars
// characters, or with spaces around it, is an error: the survey's reader
// refuses the first and trims the second, so the unit could sign in and
// answer, but its answers would never be scored. Every error names file,
// line and column. No point is checked against Germany's bounding box:
// organisations and countries lie anywhere.
func ReadUnits(r io.Reader, name string, o UnitsOptions) (*Register, error) {
	if o.Municipalities {
		return readUnits(newRecordReader(r, ','), name, nil, o.Within)
	}
	var need unitsNeed
	if o.Model != nil {
		for _, pg := range o.Model.PeerGroups {
			switch pg.Attribute {
			case "district":
				need.district = cmp.Or(need.district, pg.Name)
			case "size_class":
				need.population = cmp.Or(need.population, pg.Name)
			}
		}
	}
	return readUnits(newRecordReader(r, ','), name, &need, nil)
}

// unitsNeed is what a list of units that are not municipalities must
// give (ReadUnits): the name of the peer group that compares by district,
// and of the one that compares by size class, or "" where none does.
type unitsNeed struct {
	district, population string
}

// germany is the bounding box of Germany's municipalities (mainland and
// islands, lon 5.87–15.04, lat 47.27–55.06) with a margin: a
// municipality outside it has its coordinates wrong, most often lon and
// lat swapped.
var germany = struct{ lonMin, lonMax, latMin, latMax float64 }{5.8, 15.1, 47.2, 55.1}

// maxRegisterWarnings bounds the warnings listed one by one; the rest are
// counted.
const maxRegisterWarnings = 10

// readUnits reads a register (other nil) or a list of units that are not
// municipalities, with what other says they must give (ReadUnits); a
// register's units must be in within, if set (UnitsOptions.Within).
func readUnits(cr *recordReader, name string, other *unitsNeed, within *Register) (*Register, error) {
	hdr, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[h] = i
	}
	var cAGS, cName, cDistrict, cPop, cLon, cLat int
	if other == nil {
		for _, c := range []string{"ags", "name", "district", "population", "lon", "lat"} {
			if _, ok := col[c]; !ok {
				return nil, fmt.Errorf("register %s:1: missing column %q (want ags, name, district, population, lon, lat)", name, c)
			}
		}
		cAGS, cName, cDistrict, cPop, cLon, cLat = col["ags"], col["name"], col["district"], col["population"], col["lon"], col["lat"]
	} else if cAGS, cName, cDistrict, cPop, cLon, cLat, err = otherColumns(name, col, other); err != nil {
		return nil, err
	}
	reg := &Register{Name: name, byID: map[scoring.UnitID]int{}}
	outside := 0
	districts := map[string]districtSeen{} // by name, for units with an AGS
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("register %s: %w", name, err)
		}
		line := cr.Line()
		if len(rec) != len(hdr) {
			// encoding/csv's default: every record as long as the first.
			return nil, fmt.Errorf("register %s:%d: %d fields, the header has %d", name, line, len(rec), len(hdr))
		}
		if other != nil {
			// The columns a list of other units left out read as empty.
			rec = append(rec, "")
		}
		u := scoring.Unit{ID: scoring.UnitID(rec[cAGS]), Name: rec[cName], District: rec[cDistrict]}
		if u.ID == "" {
			return nil, fmt.Errorf("%s: %s is empty", registerPlace(name, line, cAGS), hdr[cAGS])
		}
		for _, f := range [...]struct {
			c    int
			what string
		}{{cAGS, hdr[cAGS]}, {cName, "name"}, {cDistrict, "district"}} {
			if why := unsafeText(rec[f.c]); why != "" {
				return nil, fmt.Errorf("%s: %s %q %s", registerPlace(name, line, f.c), f.what, rec[f.c], why)
			}
		}
		if other == nil && !u.ID.IsAGS() {
			return nil, fmt.Errorf("%s: %s", registerPlace(name, line, cAGS), notAnAGS(hdr[cAGS], rec[cAGS]))
		}
		if within != nil && !within.has(u.ID) {
			return nil, fmt.Errorf("%s: AGS %s is not in register %s (units.register), which the answers are read against: the municipality could sign in and answer, and none of its submissions would be scored; list only municipalities of that register, or set units.register to \"\" to read the answers against these units alone", registerPlace(name, line, cAGS), u.ID, within.Name)
		}
		if other != nil {
			if err := otherUnit(name, line, rec, cAGS, cDistrict, cPop, other); err != nil {
				return nil, err
			}
		}
		if other != nil && rec[cPop] == "" {
			// no population: no size class, and the model compares by none
		} else if u.Population, err = strconv.Atoi(rec[cPop]); err != nil || u.Population < 0 {
			return nil, fmt.Errorf("%s: population %q is not a whole number of 0 or more", registerPlace(name, line, cPop), rec[cPop])
		} else if other != nil && other.population != "" && u.Population == 0 {
			return nil, fmt.Errorf("%s: population 0 has no size class: the model's peer group %q compares the units by size class, from the population", registerPlace(name, line, cPop), other.population)
		}
		switch lonText, latText := rec[cLon], rec[cLat]; {
		case lonText == "" && latText == "":
			// no location: the map leaves the unit out
		case lonText == "" || latText == "":
			c, empty, given := cLon, "lon", "lat"
			if latText == "" {
				c, empty, given = cLat, "lat", "lon"
			}
			return nil, fmt.Errorf("%s: %s is empty but %s is not: give both coordinates or neither", registerPlace(name, line, c), empty, given)
		default:
			lon, ok := coordinate(lonText, 180)
			if !ok {
				return nil, fmt.Errorf("%s: lon %q %s", registerPlace(name, line, cLon), lonText, notACoordinate(lonText, 180))
			}
			lat, ok := coordinate(latText, 90)
			if !ok {
				return nil, fmt.Errorf("%s: lat %q %s", registerPlace(name, line, cLat), latText, notACoordinate(latText, 90))
			}
			u.Lon, u.Lat, u.HasLocation = lon, lat, true
			if other == nil && !inGermany(lon, lat) {
				if outside++; outside <= maxRegisterWarnings {
					w := fmt.Sprintf("register %s:%d: %s (%s) lies at lon %s, lat %s, outside Germany (lon %g to %g, lat %g to %g)",
						name, line, u.ID, u.Name, lonText, latText, germany.lonMin, germany.lonMax, germany.latMin, germany.latMax)
					if inGermany(lat, lon) {
						w += ": lon and lat swapped?"
					}
					reg.Warnings = append(reg.Warnings, w)
				}
			}
		}
		if _, dup := reg.byID[u.ID]; dup {
			what := "AGS"
			if other != nil {
				what = "id"
			}
			return nil, fmt.Errorf("%s: %s %s listed twice", registerPlace(name, line, cAGS), what, u.ID)
		}
		if code, ok := u.ID.District(); ok && u.District != "" {
			switch first, seen := districts[u.District]; {
			case !seen:
				districts[u.District] = districtSeen{code, line}
			case first.code != code:
				return nil, fmt.Errorf("%s: district %q names two districts, %s (line %d) and %s: peer groups by district would count them as one; name them apart (as \"Rosenheim, Stadt\" beside \"Rosenheim\")",
					registerPlace(name, line, cDistrict), u.District, first.code, first.line, code)
			}
		}
		reg.byID[u.ID] = len(reg.Units)
		reg.Units = append(reg.Units, u)
	}
	if outside > maxRegisterWarnings {
		reg.Warnings = append(reg.Warnings, fmt.Sprintf("register %s: %d more units lie outside Germany", name, outside-maxRegisterWarnings))
	}
	return reg, nil
}

// otherColumns finds the columns of a list of units that are not
// municipalities (ReadUnits): the id (id, or ags as a register names it)
// and name, which must be there, and district, population, lon and lat,
// which must be there only where the model compares by them (other);
// one left out is the column one past the header's last, which readUnits
// reads as empty.
func otherColumns(name string, col map[string]int, other *unitsNeed) (cID, cName, cDistrict, cPop, cLon, cLat int, err error) {
	want := "want id, name; district, population, lon and lat where known"
	_, hasID := col["id"]
	_, hasAGS := col["ags"]
	switch {
	case hasID && hasAGS:
		return 0, 0, 0, 0, 0, 0, fmt.Errorf("register %s:1:%d: both id and ags: which is the units' id? (%s)", name, col["ags"]+1, want)
	case hasID:
		cID = col["id"]
	case hasAGS:
		cID = col["ags"]
	default:
		return 0, 0, 0, 0, 0, 0, fmt.Errorf("register %s:1: missing column \"id\" (%s)", name, want)
	}
	if _, ok := col["name"]; !ok {
		return 0, 0, 0, 0, 0, 0, fmt.Errorf("register %s:1: missing column \"name\" (%s)", name, want)
	}
	for _, c := range [...]struct{ column, group, by string }{{"district", other.district, "district"}, {"population", other.population, "size class"}} {
		if _, ok := col[c.column]; !ok && c.group != "" {
			return 0, 0, 0, 0, 0, 0, fmt.Errorf("register %s:1: missing column %q: the model's peer group %q compares the units by %s (%s)", name, c.column, c.group, c.by, want)
		}
	}
	_, hasLon := col["lon"]
	_, hasLat := col["lat"]
	if hasLon != hasLat {
		given, missing := "lon", "lat"
		if hasLat {
			given, missing = "lat", "lon"
		}
		return 0, 0, 0, 0, 0, 0, fmt.Errorf("register %s:1: missing column %q beside %q: give both coordinates or neither", name, missing, given)
	}
	absent := len(col) // read as the empty field readUnits appends
	at := func(c string) int {
		if i, ok := col[c]; ok {
			return i
		}
		return absent
	}
	return cID, col["name"], at("district"), at("population"), at("lon"), at("lat"), nil
}

// otherUnit checks what a list of other units must give of a unit
// (ReadUnits): an id the survey's reader takes as it is, and the district
// and population the model's peer groups compare by.
func otherUnit(name string, line int, rec []string, cID, cDistrict, cPop int, other *unitsNeed) error {
	id := rec[cID]
	if n := utf8.RuneCountInString(id); n > MaxIDChars {
		return fmt.Errorf("%s: %v: the id %q has %d characters, at most %d are allowed (its profile is named after it)", registerPlace(name, line, cID), ErrLimit, id, n, MaxIDChars)
	}
	if strings.TrimSpace(id) != id {
		return fmt.Errorf("%s: the id %q has spaces around it: the survey's files would name it %q", registerPlace(name, line, cID), id, strings.TrimSpace(id))
	}
	if other.district != "" && strings.TrimSpace(rec[cDistrict]) == "" {
		return fmt.Errorf("%s: district is empty: the model's peer group %q compares the units by district", registerPlace(name, line, cDistrict), other.district)
	}
	if other.population != "" && rec[cPop] == "" {
		return fmt.Errorf("%s: population is empty: the model's peer group %q compares the units by size class, from the population", registerPlace(name, line, cPop), other.population)
	}
	return nil
}

// notAnAGS says why a register's id is refused: a register's units are
// municipalities keyed by their AGS, eight digits, and the survey's reader
// reads every response's id as an AGS (NormaliseAGS: "1234567", as a
// spreadsheet writes an AGS that lost its leading zero, becomes
// "01234567"). A unit keyed otherwise gets a code, signs in, answers and
// submits, and its answers are never matched to it, so never scored.
func notAnAGS(column, id string) string {
	const why = "the units are municipalities, keyed by their AGS of 8 digits (a unit keyed otherwise could sign in and answer, and its answers would never be scored)"
	if ags, ok := NormaliseAGS(id); ok {
		if len(strings.TrimSpace(id)) == 7 && allDigits(strings.TrimSpace(id)) {
			return fmt.Sprintf("%s %q has 7 digits: an AGS that lost its leading zero, as a spreadsheet drops it? Write it %s: %s", column, id, ags, why)
		}
		return fmt.Sprintf("%s %q is not written as an AGS: write it %s: %s", column, id, ags, why)
	}
	return fmt.Sprintf("%s %q is not an AGS: %s; a model whose units are not municipalities says units.municipalities: false", column, id, why)
}

// unsafeText says why a register's text field cannot be stored, or "".
// A register's AGS, names and districts reach every output, and through
// serve's export (fieldwork.WriteCSV) a CSV file that must hold them as
// written, for the importer reads it back: there no apostrophe can make
// "=HYPERLINK(…)", "+49…", "-…" or "@…" inert text for a spreadsheet,
// which would run it as a formula. Nor may a control character reach a
// terminal or a cell. A plain number ("-1") is data, not a formula.
func unsafeText(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return "holds a control character (tab, line break, escape …)"
	}
	t := strings.TrimLeft(s, " \"")
	if t == "" || !strings.ContainsRune("=+-@", rune(t[0])) || strings.Trim(t[1:], "0123456789.,") == "" && len(t) > 1 {
		return ""
	}
	return fmt.Sprintf("starts with %q: a spreadsheet would run it as a formula", t[:1])
}

// districtSeen is where a register first named a district: its code and
// line.
type districtSeen struct {
	code string
	line int
}

// registerPlace is "register <file>:<line>:<column>" for errors; column
// c is 0-based.
func registerPlace(name string, line, c int) string {
	return fmt.Sprintf("register %s:%d:%d", name, line, c+1)
}

func inGermany(lon, lat float64) bool {
	return lon >= germany.lonMin && lon <= germany.lonMax && lat >= germany.latMin && lat <= germany.latMax
}

// coordinate reads a plain decimal number ("-12.9216", "50") within
// ±limit. strconv.ParseFloat alone would also take NaN, Inf, 1e308 and
// hexadecimal numbers, none of which is a place.
func coordinate(s string, limit float64) (float64, bool) {
	digits, point, frac := 0, false, 0
	var mant uint64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			mant = mant*10 + uint64(c-'0')
			if point {
				frac++
			}
		case c == '.' && !point:
			point = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	var x float64
	if digits <= 15 {
		// Clinger's fast path, as strconv takes it: the digits and the
		// power of ten are exact in float64, and one division rounds
		// correctly — the same float as ParseFloat, without its parse.
		x = float64(mant) / pow10[frac]
		if s[0] == '-' {
			x = -x
		}
	} else {
		var err error
		if x, err = strconv.ParseFloat(s, 64); err != nil {
			return 0, false
		}
	}
	if x < -limit || x > limit {
		return 0, false
	}
	return x, true
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// notACoordinate says why coordinate refused s.
func notACoordinate(s string, limit float64) string {
	if strings.Count(s, ",") == 1 {
		if _, ok := coordinate(strings.Replace(s, ",", ".", 1), limit); ok {
			return fmt.Sprintf("has a decimal comma: write the decimal point (%s), as the register's fields are separated by commas", strings.Replace(s, ",", ".", 1))
		}
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return fmt.Sprintf("is not a coordinate: want a decimal number from %g to %g", -limit, limit)
	}
	return fmt.Sprintf("is not a decimal number from %g to %g (degrees, with a decimal point)", -limit, limit)
}

// has reports whether the register holds a unit of that id.
func (r *Register) has(id scoring.UnitID) bool {
	_, ok := r.byID[id]
	return ok
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

// agsOf returns the AGS an id cell holds: written as an AGS
// (NormaliseAGS), or as a Regionalschlüssel (arsAGS, ars set).
// Neither: the id as NormaliseAGS left it, for the reject.
func agsOf(s string) (id scoring.UnitID, ok, ars bool) {
	id, ok = NormaliseAGS(s)
	if ok {
		return id, true, false
	}
	if a, ok := arsAGS(s); ok {
		return a, true, true
	}
	return id, false, false
}

// arsAGS returns the AGS of a Regionalschlüssel (ARS): 12 digits —
// Land, Regierungsbezirk, Kreis (five), Gemeindeverband (four), Gemeinde
// (three) — of which the AGS is the first five and the last three; 11
// digits are one whose leading zero a spreadsheet dropped. Official
// statistics key municipalities by it as often as by the AGS, and a file
// so keyed had every row rejected as "not an 8-digit AGS".
func arsAGS(s string) (scoring.UnitID, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(s) == 11 {
		s = "0" + s
	}
	if len(s) != 12 || !allDigits(s) {
		return "", false
	}
	return scoring.UnitID(s[:5] + s[9:]), true
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
