package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/sqlite"
)

// TestServeInitUnitsNotMunicipalities: serve init --units asked an OWASP
// SAMM association for a register of municipalities — an "ags" column, a
// district, a whole-number population (empty refused), lon and lat — which
// organisations do not have. Of units that are not municipalities it now
// asks for id and name, and for district and population only where a peer
// group of the model compares by them (the mini model declares none, so it
// has the default two, by district and by size class): there a unit
// without one is an error at its file, line and column, as it would
// quietly fall out of its peer group. Coordinates of an organisation in
// Vienna are not "outside Germany". An id the survey's reader would not
// take as it is (too long for its profile's name, spaces around it) is an
// error: the unit could sign in and answer, and never be scored. A model
// of municipalities reads its register as before.
func TestServeInitUnitsNotMunicipalities(t *testing.T) {
	dir := t.TempDir()
	const samm = "../../example/samm/config.yaml"
	mini := writeIn(t, dir, "mini.yaml", "units: {id: id, municipalities: false}\n"+miniModel)
	byDistrict := writeIn(t, dir, "district.yaml", "units: {id: id, municipalities: false}\n"+
		strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  peer_groups: [{id: region, name: Region, attribute: district}]\n", 1))
	type unit struct {
		id, name, district string
		population         int
		located            bool
	}
	long := strings.Repeat("x", 41)
	for _, tt := range []struct {
		name, config, units string
		want                []unit // the units stored
		err                 string // or the error, after "reifegrad: "
		quiet               bool   // no warning
	}{
		{name: "SAMM: id and name", config: samm, units: "id,name\nNORD,Nordlicht Software GmbH\nSUED,Südwind Digital AG\n",
			want: []unit{{"NORD", "Nordlicht Software GmbH", "", 0, false}, {"SUED", "Südwind Digital AG", "", 0, false}}, quiet: true},
		{name: "SAMM: a register's columns left empty", config: samm, units: "ags,name,district,population,lon,lat\nNORD,Nordlicht Software GmbH,,,,\n",
			want: []unit{{"NORD", "Nordlicht Software GmbH", "", 0, false}}, quiet: true},
		{name: "SAMM: what is known is kept", config: samm, units: "id,name,district,population,lon,lat\nVIE,Wien Digital,Ost,250,16.37,48.21\n",
			want: []unit{{"VIE", "Wien Digital", "Ost", 250, true}}, quiet: true},
		{name: "SAMM: a population that is no number", config: samm, units: "id,name,population\nNORD,Nordlicht,viele\n",
			err: `register u.csv:2:3: population "viele" is not a whole number of 0 or more`},
		{name: "SAMM: a coordinate that is none", config: samm, units: "id,name,lon,lat\nNORD,Nordlicht,\"13,08\",50.7\n",
			err: `register u.csv:2:3: lon "13,08" has a decimal comma`},
		{name: "SAMM: lon without lat", config: samm, units: "id,name,lon\nNORD,Nordlicht,13.08\n",
			err: `register u.csv:1: missing column "lat" beside "lon": give both coordinates or neither`},
		{name: "SAMM: no id column", config: samm, units: "name\nNordlicht\n",
			err: `register u.csv:1: missing column "id" (want id, name; district, population, lon and lat where known)`},
		{name: "SAMM: no name column", config: samm, units: "id\nNORD\n",
			err: `register u.csv:1: missing column "name"`},
		{name: "SAMM: id and ags", config: samm, units: "id,ags,name\nNORD,1,Nordlicht\n",
			err: `register u.csv:1:2: both id and ags: which is the units' id?`},
		{name: "SAMM: empty id", config: samm, units: "id,name\n,Nordlicht\n",
			err: `register u.csv:2:1: id is empty`},
		{name: "SAMM: id twice", config: samm, units: "id,name\nNORD,Nordlicht\nNORD,Nord\n",
			err: `register u.csv:3:1: id NORD listed twice`},
		{name: "SAMM: id too long", config: samm, units: "id,name\n" + long + ",Nordlicht\n",
			err: fmt.Sprintf(`register u.csv:2:1: over the limit: the id %q has 41 characters, at most 40 are allowed`, long)},
		{name: "SAMM: id with spaces", config: samm, units: "id,name\n NORD ,Nordlicht\n",
			err: `register u.csv:2:1: the id " NORD " has spaces around it: the survey's files would name it "NORD"`},
		{name: "SAMM: no --units", config: samm,
			err: `serve init: no units: give --units units.csv, a CSV with the columns id and name (and district, population, lon, lat where known)`},
		{name: "by district and size class: columns missing", config: mini, units: "id,name\nA1,Amt Eins\n",
			err: `register u.csv:1: missing column "district": the model's peer group "Landkreis" compares the units by district`},
		{name: "by district and size class: no population column", config: mini, units: "id,name,district\nA1,Amt Eins,Nord\n",
			err: `register u.csv:1: missing column "population": the model's peer group "Größenklasse" compares the units by size class`},
		{name: "by district and size class: empty district", config: mini, units: "id,name,district,population\nA1,Amt Eins,Nord,120\nA2,Amt Zwei, ,80\n",
			err: `register u.csv:3:3: district is empty: the model's peer group "Landkreis" compares the units by district`},
		{name: "by district and size class: empty population", config: mini, units: "id,name,district,population\nA1,Amt Eins,Nord,\n",
			err: `register u.csv:2:4: population is empty: the model's peer group "Größenklasse" compares the units by size class, from the population`},
		{name: "by district and size class: population 0", config: mini, units: "id,name,district,population\nA1,Amt Eins,Nord,0\n",
			err: `register u.csv:2:4: population 0 has no size class: the model's peer group "Größenklasse" compares the units by size class`},
		{name: "by district and size class: all given", config: mini, units: "id,name,district,population\nA1,Amt Eins,Nord,1200\n",
			want: []unit{{"A1", "Amt Eins", "Nord", 1200, false}}, quiet: true},
		{name: "by district only", config: byDistrict, units: "id,name,district\nA1,Amt Eins,Nord\n",
			want: []unit{{"A1", "Amt Eins", "Nord", 0, false}}, quiet: true},
		{name: "by district only: empty district", config: byDistrict, units: "id,name,district\nA1,Amt Eins,\n",
			err: `register u.csv:2:3: district is empty: the model's peer group "Region" compares the units by district`},
		{name: "municipalities: a register, as before", config: repoConfig, units: "ags,name,district,population,lon,lat\n14521010,Amtsberg,Erzgebirgskreis,,,\n",
			err: `register u.csv:2:4: population "" is not a whole number of 0 or more`},
		{name: "municipalities: no ags column", config: repoConfig, units: "id,name\n14521010,Amtsberg\n",
			err: `register u.csv:1: missing column "ags" (want ags, name, district, population, lon, lat)`},
		{name: "municipalities: outside Germany is said", config: repoConfig, units: "ags,name,district,population,lon,lat\n14521010,Amtsberg,Erzgebirgskreis,3694,16.37,48.21\n",
			want: []unit{{"14521010", "Amtsberg", "Erzgebirgskreis", 3694, true}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := t.TempDir()
			db := filepath.Join(d, "r.db")
			args := []string{"-c", tt.config, "serve", "init", "--db", db, "-q"}
			if tt.units != "" {
				args = append(args, "--units", writeIn(t, d, "u.csv", tt.units))
			}
			var out, errb bytes.Buffer
			cmd := NewRootCommand(strings.NewReader(testPassword+"\n"), &out, &errb)
			cmd.SetArgs(args)
			code := exitCode(cmd.Execute(), &errb)
			if tt.err != "" {
				// The file by the name the test gives it.
				stderr := strings.ReplaceAll(errb.String(), filepath.Join(d, "u.csv"), "u.csv")
				if code == exitOK || !strings.Contains(stderr, "reifegrad: "+tt.err) {
					t.Fatalf("exit %d, stderr %q; want an error %q", code, stderr, tt.err)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if tt.quiet && errb.Len() > 0 {
				t.Errorf("stderr %q, want nothing", errb.String())
			}
			if !tt.quiet && !strings.Contains(errb.String(), "outside Germany") {
				t.Errorf("stderr %q, want the warning of a municipality outside Germany", errb.String())
			}
			s, err := sqlite.Open(context.Background(), db, false)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			stored, err := s.Units(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var got []unit
			for _, u := range stored {
				got = append(got, unit{string(u.ID), u.Name, u.District, u.Population, u.HasLocation})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("stored %v, want %v", got, tt.want)
			}
		})
	}
}

// TestServeInitUnitsAreAGS: of a model of municipalities, serve init
// --units stored any id. A register written by a spreadsheet, "1234567"
// for 01234567, got its unit a code; it signed in, answered and
// submitted, and its profile kept saying it appears once the
// questionnaire is submitted: the survey's reader reads the id as the AGS
// 01234567, which the register does not hold, so the answers were never
// scored. An id that is not an AGS of 8 digits is an error at its file,
// line and column, saying what was read.
func TestServeInitUnitsAreAGS(t *testing.T) {
	const head = "ags,name,district,population,lon,lat\n"
	repo, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	national := writeIn(t, t.TempDir(), "config.yaml", strings.Replace(string(repo), "register: sachsen", "register: deutschland", 1))
	for _, tt := range []struct {
		name, id string
		config   string // repoConfig (register sachsen) if empty
		err      string // after "reifegrad: register u.csv:2:1: "; "" stores the unit
	}{
		{name: "an AGS", id: "14521010"},
		{name: "an AGS with its leading zero", id: "01001000", config: national},
		// Of Schleswig-Holstein, in a survey read against Saxony's
		// register: the unit could sign in and answer, and the reader
		// would reject each submission (TestServeUnitsBeyondRegister).
		{name: "not in units.register", id: "01001000",
			err: `AGS 01001000 is not in register sachsen (units.register), which the answers are read against: the municipality could sign in and answer, and none of its submissions would be scored`},
		{name: "leading zero lost", id: "1001000",
			err: `ags "1001000" has 7 digits: an AGS that lost its leading zero, as a spreadsheet drops it? Write it 01001000: the units are municipalities, keyed by their AGS of 8 digits`},
		{name: "spaces inside", id: "14 5 21 010",
			err: `ags "14 5 21 010" is not written as an AGS: write it 14521010: the units are municipalities`},
		{name: "a spreadsheet's exponent", id: "1.452101E+07",
			err: `ags "1.452101E+07" is not written as an AGS: write it 14521010`},
		{name: "nine digits", id: "145210100",
			err: `ags "145210100" is not an AGS: the units are municipalities, keyed by their AGS of 8 digits (a unit keyed otherwise could sign in and answer, and its answers would never be scored); a model whose units are not municipalities says units.municipalities: false`},
		{name: "a name", id: "NORD", err: `ags "NORD" is not an AGS`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := t.TempDir()
			db := filepath.Join(d, "r.db")
			units := writeIn(t, d, "u.csv", head+`"`+tt.id+`",Amtsberg,Erzgebirgskreis,3694,12.99,50.75`+"\n")
			var out, errb bytes.Buffer
			cmd := NewRootCommand(strings.NewReader(testPassword+"\n"), &out, &errb)
			cmd.SetArgs([]string{"-c", cmp.Or(tt.config, repoConfig), "serve", "init", "--db", db, "-q", "--units", units})
			code := exitCode(cmd.Execute(), &errb)
			stderr := strings.ReplaceAll(errb.String(), units, "u.csv")
			if tt.err != "" {
				if code == exitOK || !strings.Contains(stderr, "reifegrad: register u.csv:2:1: "+tt.err) {
					t.Fatalf("exit %d, stderr %q; want an error %q", code, stderr, tt.err)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			s, err := sqlite.Open(context.Background(), db, false)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			stored, err := s.Units(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) != 1 || string(stored[0].ID) != tt.id {
				t.Errorf("stored %+v, want the unit %s", stored, tt.id)
			}
		})
	}
}

// TestServeUnitsBeyondRegister: serve init --units of municipalities that
// units.register does not hold is refused (TestServeInitUnitsAreAGS) and
// says to set units.register to "" to read the answers against these
// units alone. Done so, such a municipality signs in, submits and gets
// its profile, by the name its line gives.
func TestServeUnitsBeyondRegister(t *testing.T) {
	repo, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := writeIn(t, dir, "config.yaml", strings.Replace(string(repo), "register: sachsen", `register: ""`, 1))
	units := writeIn(t, dir, "units.csv", "ags,name,district,population,lon,lat\n"+
		"14521010,Amtsberg,Erzgebirgskreis,3694,,\n14521999,Neustadt am Test,Erzgebirgskreis,5000,,\n")
	f := MustServe(t, cfg, units)
	m, _ := f.s.Model.Questionnaire("2028")
	c := f.client(t)
	c.signIn(f.codes["14521999"])
	c.submitAll(m, 1, 1)
	st, page := c.get("/profile")
	if st != http.StatusOK || !strings.Contains(page, "Digitalprofil: Neustadt am Test") {
		t.Fatalf("the profile of 14521999: status %d\n%s", st, page)
	}
}
