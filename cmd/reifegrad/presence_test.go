package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestOutputsWriteOnlyWhatUnitsHave runs every bundled example model and
// reads its outputs as their users would: a column, a figure or a
// sentence about districts, size classes, population or peer groups is
// there only where some unit has one (scoring.Presence). OWASP SAMM's
// organisations and ODM's countries have none: with peer_groups left to
// the default (district and size class) the workbook had "Percentile
// (District)" and "Percentile (Size class)" empty for every unit, each
// profile a column "Peer-group median" of "•" with the note that the
// group has "fewer than 1 organisations" and "How to read this profile"
// explaining what "the peer group brings together", and the methodology
// placed them "in peer groups: District, Size class". Every one of them
// had the roadmap's column "… of the size class with this answer" empty,
// an overview hiding groups while "the hidden organisations of a division
// (such as by district) are too few", and a publication workbook "for each
// group of each peer group" with the columns peer group and group. The
// municipal example keeps every column; COINr keeps its peer group
// (Europe or Asia). roadmap.csv keeps its columns for every model
// (README: stable for scripts; its peers is empty there).
func TestOutputsWriteOnlyWhatUnitsHave(t *testing.T) {
	// SAMM as a user's own model might leave it: peer_groups not declared.
	sammDefault := filepath.Join(t.TempDir(), "samm")
	if err := os.MkdirAll(sammDefault, 0o755); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile("../../example/samm/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const declared = "  peer_groups: []"
	if !strings.Contains(string(conf), declared) {
		t.Fatalf("example/samm/config.yaml declares no %q", declared)
	}
	lines := slices.DeleteFunc(strings.Split(string(conf), "\n"), func(l string) bool { return strings.HasPrefix(l, declared) })
	writeFile(t, filepath.Join(sammDefault, "config.yaml"), strings.Join(lines, "\n"))
	data, err := os.ReadFile("../../example/samm/organisationen_2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(sammDefault, "organisationen_2025.csv"), string(data))

	// What a model without districts and size classes must not write, in
	// English (the examples' language).
	noPlaces := map[string][]string{
		"results":  {"District", "Size class", "Population", "Percentile (District)", "Percentile (Size class)"},
		"roadmap":  {"size class"},
		"profile":  {"Peer-group median", "peer group"},
		"overview": {"placed in peer groups", "Size class", "District", "hidden organisations of a division", "hidden countries of a division"},
		"figures":  {"Peer group", "Group"},
		"about":    {"peer group", "for a larger group"},
	}
	ref := os.Getenv("REIFEGRAD_REFERENCE")
	if ref == "" {
		ref = "../../../shared/reference"
	}
	coinr := filepath.Join(ref, "coinr", "ASEM_iData.csv")
	tests := []struct {
		name, config string
		args         []string
		sheets       [4]string // results, roadmap; veroeffentlichung.xlsx: figures, about
		profile      string
		has, hasNot  map[string][]string
	}{
		{"municipalities", repoConfig, nil, [4]string{"Ergebnisse", "Fahrplan", "Kennzahlen", "Hinweise"}, "14521090",
			map[string][]string{
				"results":  {"Landkreis", "Größenklasse", "Einwohner", "Perzentil Land", "Perzentil Landkreis", "Perzentil Größenklasse"},
				"roadmap":  {"Kommunen der Größenklasse mit dieser Antwort"},
				"profile":  {"Median der Vergleichsgruppe", "Die Vergleichsgruppe fasst Kommunen ähnlicher Art zusammen"},
				"overview": {"Zum fairen Vergleich werden die Kommunen in Vergleichsgruppen eingeordnet: Landkreis, Größenklasse.", "die ausgeblendeten Kommunen einer Einteilung (etwa nach Landkreis)"},
				"figures":  {"Vergleichsgruppe", "Gruppe"},
				"about":    {"für jede Gruppe jeder Vergleichsgruppe", "• bei einer größeren Gruppe"},
			}, nil},
		{"SAMM", "../../example/samm/config.yaml", nil, [4]string{"Results", "Roadmap", "Figures", "About"}, "NORD",
			map[string][]string{"results": {"Percentile (all organisations)"}}, noPlaces},
		{"SAMM, peer groups by default", filepath.Join(sammDefault, "config.yaml"), nil, [4]string{"Results", "Roadmap", "Figures", "About"}, "NORD",
			map[string][]string{"results": {"Percentile (all organisations)"}}, noPlaces},
		{"ODM", "../../example/odm/config.yaml", nil, [4]string{"Results", "Roadmap", "Figures", "About"}, "XA",
			map[string][]string{"results": {"Percentile (all countries)"}}, noPlaces},
		{"COINr", "../../example/coinr/config.yaml", []string{"-i", "2018=" + coinr}, [4]string{"Results", "Roadmap", "Figures", "About"}, "AUT",
			map[string][]string{
				"results":  {"Percentile (all countries)", "Percentile (Europe or Asia)"},
				"overview": {"For a fair comparison, countries are placed in peer groups: Europe or Asia.", "the hidden countries of a division"},
				"figures":  {"Peer group", "Group"},
				"about":    {"for each group of each peer group", "• for a larger group"},
			},
			map[string][]string{"results": noPlaces["results"], "roadmap": noPlaces["roadmap"], "overview": {"Size class", "District"}}},
	}
	var csvHeader []string // roadmap.csv's, the same for every model
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "COINr" {
				if _, err := os.Stat(coinr); err != nil {
					t.Skipf("reference data %s is absent: %v", coinr, err)
				}
			}
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"-c", tt.config, "-o", out, "-q"}, tt.args...)
			if _, stderr, code := MustRun(t, args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			f, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got := map[string][]string{}
			for i, key := range []string{"results", "roadmap"} {
				rows, err := f.GetRows(tt.sheets[i])
				if err != nil || len(rows) == 0 {
					t.Fatalf("sheet %s: %v", tt.sheets[i], err)
				}
				got[key] = rows[0]
			}
			pub, err := excelize.OpenFile(filepath.Join(out, "veroeffentlichung.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer pub.Close()
			rows, err := pub.GetRows(tt.sheets[2])
			if err != nil {
				t.Fatal(err)
			}
			if i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 1 && (r[0] == "Welle" || r[0] == "Wave") }); i >= 0 {
				got["figures"] = rows[i]
			} else {
				t.Fatalf("%s: no header row in %q", tt.sheets[2], rows)
			}
			if rows, err = pub.GetRows(tt.sheets[3]); err != nil {
				t.Fatal(err)
			}
			got["about"] = slices.Concat(rows...)
			for key, file := range map[string]string{"profile": filepath.Join("profiles", tt.profile+".html"), "overview": "overview.html"} {
				b, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				got[key] = []string{string(b)}
			}
			for key, ws := range tt.has {
				for _, w := range ws {
					if !slices.ContainsFunc(got[key], func(s string) bool {
						return s == w || (key == "profile" || key == "overview" || key == "about") && strings.Contains(s, w)
					}) {
						t.Errorf("%s: no %q in %q", key, w, shortened(got[key]))
					}
				}
			}
			for key, ws := range tt.hasNot {
				for _, w := range ws {
					for _, s := range got[key] {
						if i := strings.Index(s, w); i >= 0 {
							t.Errorf("%s: %q in …%s…", key, w, s[max(0, i-100):min(len(s), i+len(w)+100)])
						}
					}
				}
			}
			h := readCSV(t, filepath.Join(out, "roadmap.csv"))[0]
			if csvHeader == nil {
				csvHeader = h
			} else if !slices.Equal(h, csvHeader) {
				t.Errorf("roadmap.csv header %q, want %q as for every model", h, csvHeader)
			}
		})
	}
}

// shortened is each text clipped to 200 bytes, for a message.
func shortened(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clip(s, 200)
	}
	return out
}
