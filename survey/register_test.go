package survey

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestRegisterCoordinatesAreCoordinates: a register read with serve init
// --units is the user's file. Empty lon and lat are a unit without a
// location; anything else that is no place on Earth is an error naming
// file, line and column, never a unit quietly without a location (a
// decimal comma, NaN, text) or at an impossible one (Inf, 1e308, latitude
// 95, a latitude without a longitude), nor a negative population (it
// decides the size class).
func TestRegisterCoordinatesAreCoordinates(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n"
	for _, c := range []struct{ name, row, want string }{
		{"decimal comma", `14521010,Amtsberg,Erzgebirgskreis,3700,"13,0856","50,7594"`, `register r.csv:2:5: lon "13,0856" has a decimal comma: write the decimal point (13.0856)`},
		{"NaN", `14521010,Amtsberg,Erzgebirgskreis,3700,NaN,NaN`, `register r.csv:2:5: lon "NaN" is not a coordinate`},
		{"infinite", `14521010,Amtsberg,Erzgebirgskreis,3700,Inf,-Inf`, `register r.csv:2:5: lon "Inf" is not a coordinate`},
		{"longitude out of range", `14521010,Amtsberg,Erzgebirgskreis,3700,1e308,50`, `register r.csv:2:5: lon "1e308" is not a coordinate`},
		{"latitude beyond the pole", `14521010,Amtsberg,Erzgebirgskreis,3700,13.08,95`, `register r.csv:2:6: lat "95" is not a coordinate: want a decimal number from -90 to 90`},
		{"hexadecimal", `14521010,Amtsberg,Erzgebirgskreis,3700,0x1p3,50.76`, `register r.csv:2:5: lon "0x1p3" is not a coordinate`},
		{"longitude only", `14521010,Amtsberg,Erzgebirgskreis,3700,13.08,`, `register r.csv:2:6: lat is empty but lon is not`},
		{"latitude only", `14521010,Amtsberg,Erzgebirgskreis,3700,,50.76`, `register r.csv:2:5: lon is empty but lat is not`},
		{"degrees and minutes", `14521010,Amtsberg,Erzgebirgskreis,3700,13°05'E,50°45'N`, `register r.csv:2:5: lon "13°05'E" is not a decimal number from -180 to 180`},
		{"negative population", `14521010,Amtsberg,Erzgebirgskreis,-3700,13.08,50.76`, `register r.csv:2:4: population "-3700" is not a whole number of 0 or more`},
		{"population as text", `14521010,Amtsberg,Erzgebirgskreis,viele,13.08,50.76`, `register r.csv:2:4: population "viele" is not a whole number`},
		{"empty AGS", `,Amtsberg,Erzgebirgskreis,3700,13.08,50.76`, `register r.csv:2:1: ags is empty`},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg, err := ReadRegister(strings.NewReader(head+c.row+"\n"), "r.csv")
			if err == nil {
				u := reg.Units[0]
				t.Fatalf("read without error: population %d, location %v (%v, %v); want %q", u.Population, u.HasLocation, u.Lon, u.Lat, c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want %q", err, c.want)
			}
		})
	}
}

// TestRegisterLocations: what a register's coordinates become — a
// location, none, or a location with a warning when it lies outside
// Germany.
func TestRegisterLocations(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n"
	for _, c := range []struct {
		name, row string
		located   bool
		lon, lat  float64
		warning   string
	}{
		{"empty coordinates", "14521010,Amtsberg,Erzgebirgskreis,3700,,", false, 0, 0, ""},
		{"a place in Saxony", "14521010,Amtsberg,Erzgebirgskreis,3700,12.989482,50.748949", true, 12.989482, 50.748949, ""},
		{"signed and whole", "14521010,Amtsberg,Erzgebirgskreis,0,+13,50", true, 13, 50, ""},
		{"lon and lat swapped", "14521010,Amtsberg,Erzgebirgskreis,3700,50.748949,12.989482", true, 50.748949, 12.989482,
			"register r.csv:2: 14521010 (Amtsberg) lies at lon 50.748949, lat 12.989482, outside Germany (lon 5.8 to 15.1, lat 47.2 to 55.1): lon and lat swapped?"},
		{"in Vienna", "14521010,Amtsberg,Erzgebirgskreis,3700,16.37,48.21", true, 16.37, 48.21,
			"register r.csv:2: 14521010 (Amtsberg) lies at lon 16.37, lat 48.21, outside Germany (lon 5.8 to 15.1, lat 47.2 to 55.1)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg, err := ReadRegister(strings.NewReader(head+c.row+"\n"), "r.csv")
			if err != nil {
				t.Fatal(err)
			}
			u := reg.Units[0]
			if u.HasLocation != c.located || u.Lon != c.lon || u.Lat != c.lat {
				t.Errorf("location %v (%v, %v), want %v (%v, %v)", u.HasLocation, u.Lon, u.Lat, c.located, c.lon, c.lat)
			}
			if got := strings.Join(reg.Warnings, "\n"); got != c.warning {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}

// TestRegisterWarningsAreBounded: a register whose every point is
// swapped lists ten of them and counts the rest.
func TestRegisterWarningsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("ags,name,district,population,lon,lat\n")
	for i := range 25 {
		b.WriteString("145210" + string(rune('1'+i/10)) + string(rune('0'+i%10)) + ",G,K,100,50.7,12.9\n")
	}
	reg, err := ReadRegister(strings.NewReader(b.String()), "r.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Warnings) != 11 || reg.Warnings[10] != "register r.csv: 15 more units lie outside Germany" {
		t.Errorf("%d warnings, the last %q; want 10 and \"15 more\"", len(reg.Warnings), reg.Warnings[len(reg.Warnings)-1])
	}
}

// TestBundledRegistersRead: every bundled register reads without a
// warning, and its units without a location are exactly its rows with
// both coordinates empty (counted on the file's text).
func TestBundledRegistersRead(t *testing.T) {
	for _, name := range Registers() {
		t.Run(name, func(t *testing.T) {
			reg, err := LoadRegister(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(reg.Warnings) > 0 {
				t.Errorf("warnings: %q", reg.Warnings)
			}
			src, err := os.ReadFile("registers/" + name + ".csv")
			if err != nil {
				t.Fatal(err)
			}
			empty := bytes.Count(src, []byte(",,\n"))
			none := 0
			for _, u := range reg.Units {
				if !u.HasLocation {
					none++
				}
			}
			if none != empty {
				t.Errorf("%d units without a location, %d rows with empty lon and lat", none, empty)
			}
		})
	}
}

// TestRegisterDistrictNamedTwice: peer groups by district group units by
// the district's name, so a register whose name covers two districts (the
// first five digits of an AGS) would publish figures of a group that is
// neither; it is an error naming both. A register's ids are AGS (an id
// that is none is an error before districts are compared).
func TestRegisterDistrictNamedTwice(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n"
	for _, c := range []struct{ name, rows, want string }{
		{"a city and the Landkreis around it", "09163000,Rosenheim,Rosenheim,63284,,\n09187113,Amerang,Rosenheim,3634,,\n",
			`register r.csv:3:3: district "Rosenheim" names two districts, 09163 (line 2) and 09187`},
		{"named apart", "09163000,Rosenheim,\"Rosenheim, Stadt\",63284,,\n09187113,Amerang,Rosenheim,3634,,\n", ""},
		{"one district", "09187113,Amerang,Rosenheim,3634,,\n09187114,Aschau,Rosenheim,5195,,\n", ""},
		{"no AGS", "A1,Amerang,Rosenheim,3634,,\nB7,Aschau,Rosenheim,5195,,\n", `register r.csv:2:1: ags "A1" is not an AGS`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadRegister(strings.NewReader(head+c.rows), "r.csv")
			switch {
			case c.want == "" && err != nil:
				t.Errorf("error %q", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// FuzzReadRegister: whatever a register file holds, every unit read has
// an AGS, a population of 0 or more and either no location or one on
// Earth, and a district name names one district; anything else is an
// error. Read as a list of units that are not municipalities (ReadUnits),
// every unit has an id the survey's reader takes as it is, and where the
// model compares by district and size class, a district and a
// population of 1 or more.
func FuzzReadRegister(f *testing.F) {
	f.Add("ags,name,district,population,lon,lat\n14521010,Amtsberg,Erzgebirgskreis,3694,12.989482,50.748949\n")
	f.Add("ags,name,district,population,lon,lat\n14521010,Amtsberg,Erzgebirgskreis,3694,,\n")
	f.Add("lat,lon,population,district,name,ags\n50.7,12.9,1,K,\"A,B\",1\n")
	f.Add("ags,name,district,population,lon,lat\n1,a,b,-0,-180,+90.\n")
	f.Add("ags,name,district,population,lon,lat\n09163000,R,R,1,,\n09187113,A,R,1,,\n")
	f.Add("id,name\nNORD,Nordlicht\n")
	f.Add("id,name,district,population,lon\n NORD,N,,0,1\n")
	f.Fuzz(func(t *testing.T, src string) {
		byBoth := &scoring.Model{PeerGroups: []scoring.PeerGroup{{Name: "Landkreis", Attribute: "district"}, {Name: "Größenklasse", Attribute: "size_class"}}}
		for _, m := range []*scoring.Model{nil, byBoth} {
			reg, err := ReadUnits(strings.NewReader(src), "f.csv", UnitsOptions{Model: m})
			if err != nil {
				if !strings.HasPrefix(err.Error(), "register f.csv") {
					t.Errorf("error %q does not name the register", err)
				}
				continue
			}
			for _, u := range reg.Units {
				id := string(u.ID)
				switch {
				case id == "" || strings.TrimSpace(id) != id || utf8.RuneCountInString(id) > MaxIDChars:
					t.Errorf("an id the survey's reader would not take as it is: %+v", u)
				case u.Population < 0:
					t.Errorf("negative population: %+v", u)
				case m != nil && (strings.TrimSpace(u.District) == "" || u.Population < 1):
					t.Errorf("no district or no population where the model compares by them: %+v", u)
				case u.HasLocation && !(u.Lon >= -180 && u.Lon <= 180 && u.Lat >= -90 && u.Lat <= 90):
					t.Errorf("location off Earth: %+v", u)
				}
			}
		}
		reg, err := ReadRegister(strings.NewReader(src), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "register f.csv") {
				t.Errorf("error %q does not name the register", err)
			}
			return
		}
		codes := map[string]string{}
		for _, u := range reg.Units {
			if code, ok := u.ID.District(); ok && u.District != "" {
				if c, seen := codes[u.District]; seen && c != code {
					t.Errorf("district %q names %s and %s", u.District, c, code)
				}
				codes[u.District] = code
			}
			switch {
			case !u.ID.IsAGS():
				t.Errorf("a unit without an AGS: %+v", u)
			case u.Population < 0:
				t.Errorf("negative population: %+v", u)
			case u.HasLocation && !(u.Lon >= -180 && u.Lon <= 180 && u.Lat >= -90 && u.Lat <= 90):
				t.Errorf("location off Earth: %+v", u)
			case !u.HasLocation && (u.Lon != 0 || u.Lat != 0):
				t.Errorf("coordinates without a location: %+v", u)
			}
		}
	})
}

// TestRegisterTextIsInert: a register's AGS, name and district reach
// every output, and serve's export writes them as they are (the importer
// reads that file back, so no apostrophe can neutralise them). A name
// like "=HYPERLINK(…)" (serve init took it, and antworten_2028.csv held
// it as a live formula), a district "@SUM(1)", "+49…", "-…" or a control
// character (ESC, a line break) is an error naming file, line and column;
// a plain number, an inner '-' and quotes or spaces before a plain name
// are not.
func TestRegisterTextIsInert(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n"
	for _, c := range []struct{ name, row, want string }{
		{"formula name", `14511000,"=HYPERLINK(""http://x"",""Chemnitz"")",Chemnitz,240078,12.92,50.83`, `register r.csv:2:2: name "=HYPERLINK(\"http://x\",\"Chemnitz\")" starts with "=": a spreadsheet would run it as a formula`},
		{"plus", `14521010,+49 Amtsberg,Erzgebirgskreis,3700,,`, `register r.csv:2:2: name "+49 Amtsberg" starts with "+"`},
		{"minus", `14521010,-Amtsberg,Erzgebirgskreis,3700,,`, `register r.csv:2:2: name "-Amtsberg" starts with "-"`},
		{"at, district", `14521010,Amtsberg,@SUM(1),3700,,`, `register r.csv:2:3: district "@SUM(1)" starts with "@"`},
		{"after spaces and a quote", `14521010,"  ""=1+1",Erzgebirgskreis,3700,,`, `register r.csv:2:2: name "  \"=1+1" starts with "="`},
		{"formula ags", `=1+1,Amtsberg,Erzgebirgskreis,3700,,`, `register r.csv:2:1: ags "=1+1" starts with "="`},
		{"escape", "14521010,Ams\x1b[2Jberg,Erzgebirgskreis,3700,,", `register r.csv:2:2: name "Ams\x1b[2Jberg" holds a control character`},
		{"line break", "14521010,\"Ams\nberg\",Erzgebirgskreis,3700,,", `register r.csv:2:2: name "Ams\nberg" holds a control character`},
		{"tab", "14521010,Amtsberg,\tErzgebirgskreis,3700,,", `register r.csv:2:3: district "\tErzgebirgskreis" holds a control character`},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg, err := ReadRegister(strings.NewReader(head+c.row+"\n"), "r.csv")
			if err == nil {
				t.Fatalf("read without error: %+v; want %q", reg.Units[0], c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want %q", err, c.want)
			}
		})
	}
	for _, row := range []string{
		`14521010,-1,Erzgebirgskreis,3700,,`,
		`14521010,Bad Schlema-Aue,Erzgebirgskreis,3700,,`,
		`14521010,"""Amtsberg""",Erzgebirgskreis,3700,,`,
		`14521010,Amtsberg,Erzgebirgskreis,3700,,`,
	} {
		if _, err := ReadRegister(strings.NewReader(head+row+"\n"), "r.csv"); err != nil {
			t.Errorf("%s: %v", row, err)
		}
	}
}

// TestCoordinateAgainstParseFloat: coordinate reads every plain decimal
// number to the float strconv.ParseFloat gives, bit for bit (its own fast
// path up to 15 digits, ParseFloat beyond), signs and zeros included.
func TestCoordinateAgainstParseFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	cases := []string{"0", "-0", "+0", "13.7372621", "-12.9216", "50", "5.", ".5", "-.5", "180", "-180", "90.000000000000001", "0.30000000000000004", "9.4375100000000000001", "179.99999999999999"}
	for range 20000 {
		var b strings.Builder
		switch r.IntN(3) {
		case 0:
			b.WriteByte('-')
		case 1:
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(r.IntN(181)))
		if r.IntN(4) > 0 {
			b.WriteByte('.')
			for range r.IntN(19) {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := coordinate(s, 180)
		if in := err == nil && want >= -180 && want <= 180; ok != in || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("coordinate(%q) = %v, %v; ParseFloat %v, %v", s, got, ok, want, err)
		}
	}
}
