package main

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
)

// TestServeProgressShareRounding: the response shares on a wave's page
// are rounded as every shown figure is (scoring.Round: half away from
// zero). 1 of the 8 units submitted is 12.5 %: the page said "12 %"
// (Go's printf rounds a half to even) where the rest of the product
// says 13 %. Eight units of the Erzgebirgskreis, one submits: the total
// and the district row show 13 %; the size class below 5,000 inhabitants
// (6 of them) 17 %.
func TestServeProgressShareRounding(t *testing.T) {
	dir := t.TempDir()
	units := writeIn(t, dir, "units.csv", `ags,name,district,population,lon,lat
14521010,Amtsberg,Erzgebirgskreis,3694,12.989482,50.748949
14521020,"Annaberg-Buchholz, Stadt",Erzgebirgskreis,18942,13.003162,50.580572
14521035,"Aue-Bad Schlema, Stadt",Erzgebirgskreis,19278,12.700986,50.585486
14521040,Auerbach (Landkreis Erzgebirgskreis),Erzgebirgskreis,2321,12.914707,50.685786
14521060,Bärenstein,Erzgebirgskreis,2196,13.028733,50.499583
14521080,Bockau,Erzgebirgskreis,2148,12.684835,50.541775
14521090,Börnichen/Erzgeb.,Erzgebirgskreis,957,13.14174,50.7499
14521110,Breitenbrunn/Erzgeb.,Erzgebirgskreis,4943,12.768669,50.474623
`)
	f := MustServe(t, repoConfig, units)
	c := f.client(t)
	c.signIn(f.codes["14521010"])
	if st, body := c.save(0, map[string][]string{"S01": {"ja"}}); st != http.StatusOK {
		t.Fatalf("save: %d %s", st, body)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther || loc != "/profile" {
		t.Fatalf("submit: %d %s", st, loc)
	}
	admin := f.client(t)
	admin.adminSignIn()
	st, page := admin.get("/admin/waves/2028")
	if st != http.StatusOK {
		t.Fatalf("wave page: %d", st)
	}
	row := regexp.MustCompile(`<tr[^>]*><td>([^<]*)</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">\d+</td><td class="num">([^<]*)</td></tr>`)
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(page, -1) {
		got[m[1]+" "+m[3]+"/"+m[2]] = m[4]
	}
	for _, want := range []struct{ row, share string }{
		{"Alle 1/8", "13 %"},
		{"Erzgebirgskreis 1/8", "13 %"},
	} {
		if got[want.row] != want.share {
			t.Errorf("%s: %q, want %q (rows %v)", want.row, got[want.row], want.share, got)
		}
	}
	found := false
	for k, v := range got {
		if strings.HasSuffix(k, " 1/6") {
			found = true
			if v != "17 %" {
				t.Errorf("%s: %q, want \"17 %%\"", k, v)
			}
		}
	}
	if !found {
		t.Errorf("no size class with 1 of 6 submitted: %v", got)
	}
}

// TestServeInitUnitsKept: serve init with a register that lacks a unit
// the database has (a merger, a smaller file) kept the unit — units are
// never removed — and said "2 units" while the wave pages counted 3 and
// listed the third in the reminders. It now says what the database holds
// and warns, naming the unit, with --quiet too.
func TestServeInitUnitsKept(t *testing.T) {
	dir := t.TempDir()
	const head = "ags,name,district,population,lon,lat\n14521010,Amtsberg,Erzgebirgskreis,3694,12.989482,50.748949\n" +
		"14521020,\"Annaberg-Buchholz, Stadt\",Erzgebirgskreis,18942,13.003162,50.580572\n"
	three := writeIn(t, dir, "three.csv", head+"14521035,\"Aue-Bad Schlema, Stadt\",Erzgebirgskreis,19278,12.700986,50.585486\n")
	two := writeIn(t, dir, "two.csv", head)
	db := filepath.Join(dir, "r.db")
	if stderr := MustRunIn(t, testPassword+"\n", "-c", repoConfig, "serve", "init", "--db", db, "--units", three); strings.Contains(stderr, "warning") {
		t.Errorf("first init warns: %s", stderr)
	}
	stderr := MustRunIn(t, "", "-c", repoConfig, "serve", "init", "--db", db, "--units", two)
	for _, want := range []string{
		"warning: the database keeps 1 unit that register " + two + " lacks: 14521035 (Aue-Bad Schlema, Stadt)",
		": 3 Kommunen (Register " + two + ": 2, und 1 von früher behalten)", // the report language, German, of municipalities
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("second init:\n%s\nwant %q", stderr, want)
		}
	}
	if stderr := MustRunIn(t, "", "-c", repoConfig, "serve", "init", "--db", db, "--units", two, "-q"); !strings.Contains(stderr, "14521035") {
		t.Errorf("with --quiet: %q, want the warning", stderr)
	}
}

// TestServeDissolvedUnitNotAsked: the wave's response and reminders leave
// out a municipality that had become part of another by the wave's time.
// The bundled model merges Kurort Rathen (14628310) into Königstein
// (14628210) on 1 January 2027; the 2028 wave's reminders listed Rathen
// ("nicht begonnen") and its district's response read 35 of 36 when all
// 35 existing municipalities had submitted.
func TestServeDissolvedUnitNotAsked(t *testing.T) {
	dir := t.TempDir()
	units := writeIn(t, dir, "units.csv", `ags,name,district,population,lon,lat
14628210,"Königstein/Sächs. Schw., Stadt",Sächsische Schweiz-Osterzgebirge,2073,14.07,50.92
14628310,"Rathen, Kurort",Sächsische Schweiz-Osterzgebirge,339,14.08,50.96
14628400,"Stolpen, Stadt",Sächsische Schweiz-Osterzgebirge,5614,14.08,51.05
`)
	f := MustServe(t, repoConfig, units)
	admin := f.client(t)
	admin.adminSignIn()
	tests := []struct {
		path string
		want []string // in the page
		not  []string
	}{
		{"/admin/waves/2028/reminders.csv", []string{"14628210", "14628400"}, []string{"14628310"}},
		{"/admin/waves/2028", []string{`<td class="num">2</td>`, "Stolpen"}, []string{"Rathen", `<td class="num">3</td>`}},
		// submitted, started, units
		{"/admin", []string{`<td class="num">0</td><td class="num">0</td><td class="num">2</td>`}, []string{`<td class="num">0</td><td class="num">0</td><td class="num">3</td>`}},
	}
	for _, tt := range tests {
		st, page := admin.get(tt.path)
		if st != http.StatusOK {
			t.Fatalf("%s: status %d", tt.path, st)
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(page, n) {
				t.Errorf("%s holds %q", tt.path, n)
			}
		}
	}
}

// TestServeWaveTimes: the wave page gives the time it was closed only
// while it is closed. Opened again, it read "Stand: offen · geöffnet
// 02:05 · geschlossen 01:49", as if it had closed after it opened.
func TestServeWaveTimes(t *testing.T) {
	f := MustServe(t, repoConfig, "") // wave 2028, open
	admin := f.client(t)
	admin.adminSignIn()
	for i, tt := range []struct {
		set    fieldwork.WaveState // set before the look; WavePlanned: nothing
		closed bool                // the page says when it closed
	}{
		{fieldwork.WavePlanned, false},
		{fieldwork.WaveClosed, true},
		{fieldwork.WaveOpen, false}, // opened again
		{fieldwork.WaveClosed, true},
	} {
		if tt.set != fieldwork.WavePlanned {
			if err := f.db.SetWaveState(context.Background(), "2028", tt.set, fieldwork.Actor{}); err != nil {
				t.Fatal(err)
			}
		}
		st, page := admin.get("/admin/waves/2028")
		if st != http.StatusOK {
			t.Fatalf("step %d: status %d", i+1, st)
		}
		if got := strings.Contains(page, " · geschlossen "); got != tt.closed {
			t.Errorf("step %d: the page gives a closing time: %v, want %v", i+1, got, tt.closed)
		}
	}
}
