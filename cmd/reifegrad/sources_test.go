package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegisterSourceNamed: with units.register the units' districts,
// populations (and so their size classes) and places come from the bundled
// register, derived from Destatis' GV-ISys and Zensus 2022 under the
// Datenlizenz Deutschland – Namensnennung 2.0, which asks every use to
// name the providers and the licence with the address of its text. The
// overview's methodology and every profile's reading guide close with
// that note (a profile shows "Einwohner 240.078" from Zensus 2022); a run
// without a register (SAMM's organisations) has no such note, nor the
// English one.
func TestRegisterSourceNamed(t *testing.T) {
	note := "<p>Landkreise, Einwohnerzahlen und Lage der Kommunen: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys " +
		"(Gebietsstand 31.12.2019); Statistische Ämter des Bundes und der Länder, Zensus 2022 (Tabelle 1000A-0000); " +
		"Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0</p>"
	for _, tt := range []struct {
		name, cfg string
		want      bool
	}{{"register", writeTwelve(t), true}, {"SAMM, no register", "../../example/samm/config.yaml", false}} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, stderr, code := MustRun(t, "-c", tt.cfg, "-o", out, "--quiet"); code != 0 {
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
		})
	}
}
