package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestServeRemindersHeader: the wave's reminders list (a mail merge) is
// headed "ags" and the page's words for municipalities, byte for byte as
// before; for other units its id and district columns are headed as
// 'serve codes' and the reports head them — the model's unit_labels where
// it has them, else "kennung"/"id" and the page's district word — inert
// where a label looks like a formula. An association of organisations got
// a list headed "ags".
func TestServeRemindersHeader(t *testing.T) {
	dir := t.TempDir()
	mini := writeIn(t, dir, "mini.yaml", "units: {id: id, municipalities: false}\n"+miniModel)
	schools := writeIn(t, dir, "schools.yaml", "units: {id: id, municipalities: false}\n"+
		strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  unit_labels: {id: Schul-Nr., district: Schulamt, unit: Schule, units: Schulen}\n", 1))
	formula := writeIn(t, dir, "formula.yaml", "units: {id: id, municipalities: false}\n"+
		strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  unit_labels: {id: \"=Nr\", district: \"@Bezirk\"}\n", 1))
	const others = "ags,name,district,population,lon,lat\nA1,Amt Eins,Nord,100,,\n"
	for _, tt := range []struct {
		name, config, units string
		want                string // the first line, byte order mark and CRLF included
	}{
		{"municipalities", repoConfig, "", "\ufeffags;name;landkreis;stand;zuletzt gespeichert\r\n"},
		{"SAMM organisations", "../../example/samm/config.yaml", "ags,name,district,population,lon,lat\nNORD,Nordlicht Software GmbH,,0,,\n", "\ufefforganisation;name;district;status;last saved\r\n"},
		{"German, no labels", mini, others, "\ufeffkennung;name;landkreis;stand;zuletzt gespeichert\r\n"},
		{"German labels", schools, "ags,name,district,population,lon,lat\nS1,Grundschule Nord,Nord,100,,\n", "\ufeffschul-nr.;name;schulamt;stand;zuletzt gespeichert\r\n"},
		{"labels that look like formulas", formula, others, "\ufeff'=nr;name;'@bezirk;stand;zuletzt gespeichert\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			units := ""
			if tt.units != "" {
				units = writeIn(t, t.TempDir(), "units.csv", tt.units)
			}
			f := MustServe(t, tt.config, units)
			admin := f.client(t)
			admin.adminSignIn()
			st, page := admin.get("/admin/waves/2028/reminders.csv")
			if st != http.StatusOK {
				t.Fatalf("status %d", st)
			}
			first, rest, _ := strings.Cut(page, "\n")
			if first+"\n" != tt.want {
				t.Errorf("header %q, want %q", first+"\n", tt.want)
			}
			if rest == "" {
				t.Error("no unit listed")
			}
		})
	}
}
