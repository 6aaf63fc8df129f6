package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRegisterSourceNamed: with units.register the units' districts,
// populations (and so their size classes) and places come from the bundled
// register, derived from Destatis' GV-ISys and Zensus 2022 under the
// Datenlizenz Deutschland – Namensnennung 2.0, which asks every use to
// name the providers and the licence with the address of its text. The
// overview's methodology and every profile's reading guide close with
// that note (a profile shows "Einwohner 240.078" from Zensus 2022), and so
// do the published tables that name the districts and the size classes:
// veroeffentlichung.xlsx (Hinweise) and the open data folder's README; a
// run without a register (SAMM's organisations) has no such note.
func TestRegisterSourceNamed(t *testing.T) {
	source := "Landkreise, Einwohnerzahlen und Lage der Kommunen: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys " +
		"(Gebietsstand 31.12.2019); Statistische Ämter des Bundes und der Länder, Zensus 2022 (Tabelle 1000A-0000); " +
		"Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0"
	note := "<p>" + source + "</p>"
	t.Setenv("REIFEGRAD_OPENDATA_PUBLISHER", "Sächsischer Städte- und Gemeindetag")
	for _, tt := range []struct {
		name, cfg string
		want      bool
	}{{"register", writeTwelve(t), true}, {"SAMM, no register", "../../example/samm/config.yaml", false}} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, stderr, code := MustRun(t, "-c", tt.cfg, "-o", out, "--quiet", "--opendata"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			profiles, err := filepath.Glob(filepath.Join(out, "profiles", "*.html"))
			if err != nil || len(profiles) == 0 {
				t.Fatalf("no profiles (%v)", err)
			}
			for _, f := range []string{filepath.Join(out, "overview.html"), profiles[0], profiles[len(profiles)-1]} {
				page, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Count(string(page), note); got != map[bool]int{true: 1, false: 0}[tt.want] {
					t.Errorf("%s holds the register's source note %d times, want it %v", filepath.Base(f), got, tt.want)
				}
				if !tt.want && strings.Contains(string(page), "GV-ISys") {
					t.Errorf("%s names the register's sources without a register", filepath.Base(f))
				}
			}
			readme, err := os.ReadFile(filepath.Join(out, "opendata", "README.md"))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(readme), "\n"+source+"\n"); got != tt.want {
				t.Errorf("the open data README holds the register's source note: %v, want %v", got, tt.want)
			}
			if got := hasRow(t, filepath.Join(out, "veroeffentlichung.xlsx"), source); got != tt.want {
				t.Errorf("veroeffentlichung.xlsx Hinweise holds the register's source note: %v, want %v", got, tt.want)
			}
		})
	}
}

// hasRow reports whether a row of the workbook's first sheet (Hinweise,
// About) starts with the text first.
func hasRow(t *testing.T, file, first string) bool {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if len(row) > 0 && row[0] == first {
			return true
		}
	}
	return false
}
