package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeCodesHeader: serve codes headed its file ags;gemeinde;landkreis
// for every model, an OWASP SAMM organisation's code under "ags" and its
// name under "gemeinde". A model of municipalities keeps that header byte
// for byte (mail merges and scripts read it), in English too; a model of
// other units heads the id, name and district columns as its reports do —
// the model's unit_labels where it has them, else "kennung"/"id" and the
// report language's district word — and the code and address columns in
// the report's language. The columns keep their places.
func TestServeCodesHeader(t *testing.T) {
	dir := t.TempDir()
	const orgs = "ags,name,district,population,lon,lat\nNORD,Nordlicht Software GmbH,,0,,\n"
	mini := writeIn(t, dir, "mini.yaml", "units: {id: id, municipalities: false}\n"+miniModel)
	schools := writeIn(t, dir, "schools.yaml", "units: {id: id, municipalities: false}\n"+
		strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  unit_labels: {id: Schul-Nr., district: Schulamt, unit: Schule, units: Schulen}\n", 1))
	formula := writeIn(t, dir, "formula.yaml", "units: {id: id, municipalities: false}\n"+
		strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  unit_labels: {id: \"=Nr\", district: \"@Bezirk\"}\n", 1))
	for _, tt := range []struct {
		name, config, units string
		args                []string
		want                string // the first line, byte order mark and CRLF included
	}{
		{"municipalities", repoConfig, "", nil, "\ufeffags;gemeinde;landkreis;code\r\n"},
		{"municipalities, address", repoConfig, "", []string{"--url", "https://umfrage.example.de"}, "\ufeffags;gemeinde;landkreis;code;adresse\r\n"},
		{"municipalities, English", repoConfig, "", []string{"--lang", "en", "--url", "https://x"}, "\ufeffags;gemeinde;landkreis;code;adresse\r\n"},
		{"SAMM organisations", "../../example/samm/config.yaml", orgs, []string{"--url", "https://x"}, "\ufefforganisation;name;district;code;address\r\n"},
		{"ODM countries", "../../example/odm/config.yaml", "ags,name,district,population,lon,lat\nXA,Atlantis,,0,,\n", nil, "\ufeffcountry;name;district;code\r\n"},
		{"German, no labels", mini, "ags,name,district,population,lon,lat\nA1,Amt Eins,Nord,100,,\n", []string{"--url", "https://x"}, "\ufeffkennung;name;landkreis;code;adresse\r\n"},
		{"German, no labels, English", mini, "ags,name,district,population,lon,lat\nA1,Amt Eins,Nord,100,,\n", []string{"--lang", "en"}, "\ufeffid;name;district;code\r\n"},
		{"German labels", schools, "ags,name,district,population,lon,lat\nS1,Grundschule Nord,Nord,100,,\n", nil, "\ufeffschul-nr.;name;schulamt;code\r\n"},
		{"labels that look like formulas", formula, "ags,name,district,population,lon,lat\nA1,Amt Eins,Nord,100,,\n", nil, "\ufeff'=nr;name;'@bezirk;code\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := t.TempDir()
			db := filepath.Join(d, "r.db")
			args := []string{"-c", tt.config, "serve", "init", "--db", db, "-q"}
			if tt.units != "" {
				args = append(args, "--units", writeIn(t, d, "units.csv", tt.units))
			}
			MustRunIn(t, testPassword+"\n", args...)
			out := filepath.Join(d, "codes.csv")
			MustRunIn(t, "", append([]string{"-c", tt.config, "serve", "codes", "--db", db, "-o", out, "-q"}, tt.args...)...)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(b), "\n")
			if first+"\n" != tt.want {
				t.Errorf("header %q, want %q", first+"\n", tt.want)
			}
			// The columns keep their places: what reads the file back
			// (readCodes) takes the id first and the code fourth.
			codes := readCodes(t, out)
			if len(codes) == 0 {
				t.Fatal("no codes read back")
			}
			for u, c := range codes {
				if len(c) != 24 || u == "" {
					t.Errorf("read back %q → %q: not an id and a code", u, c)
				}
			}
		})
	}
}
