package html

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// render runs one page renderer into a string.
func render(tb testing.TB, fn func(io.Writer) error) string {
	tb.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

func overviewHTML(tb testing.TB, r *scoring.Results, o Options) string {
	return render(tb, func(w io.Writer) error { return RenderOverview(w, r, o) })
}

func profileHTML(tb testing.TB, r *scoring.Results, u *scoring.UnitResult, o Options) string {
	return render(tb, func(w io.Writer) error { return RenderProfile(w, r, u, o, "../assets") })
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\ngot:  %.300s\nwant: %.300s\n(run go test ./reports -update and review the diff)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", name, len(gl), len(wl))
	}
}

func TestGolden(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	staged := fixture.Fixture(t, fixture.MustModel(t, "testdata/staged.yaml"))
	tests := []struct {
		name string
		page func(t *testing.T) string
	}{
		{"overview_de.html", func(t *testing.T) string { return overviewHTML(t, r, Options{}) }},
		{"overview_en_listed.html", func(t *testing.T) string {
			return overviewHTML(t, r, Options{Language: scoring.English, ListUnits: true})
		}},
		{"profile_14001001.html", func(t *testing.T) string {
			return profileHTML(t, r, fixture.UnitResult(t, r, "2026", "14001001"), Options{})
		}},
		{"profile_14003002.html", func(t *testing.T) string {
			return profileHTML(t, r, fixture.UnitResult(t, r, "2026", "14003002"), Options{})
		}},
		{"profile_14002005_en.html", func(t *testing.T) string {
			return profileHTML(t, r, fixture.UnitResult(t, r, "2026", "14002005"), Options{Language: scoring.English})
		}},
		{"profile_staged_14002004.html", func(t *testing.T) string {
			return profileHTML(t, staged, fixture.UnitResult(t, staged, "2026", "14002004"), Options{})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.page(t)
			if again := tt.page(t); again != got {
				t.Fatal("two renderings of the same page differ")
			}
			golden(t, tt.name, got)
		})
	}
}

// element is an HTML start tag as the browser's parser sees it.
type element struct {
	Tag   string
	Attrs []string // attribute names
}

// elements tokenizes a page the way a browser's parser does and returns
// its start tags, and the text of every script element.
func elements(tb testing.TB, page string) ([]element, []string) {
	tb.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var els []element
	var scripts []string
	inScript := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				tb.Fatal(z.Err())
			}
			return els, scripts
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			e := element{Tag: tok.Data}
			for _, a := range tok.Attr {
				e.Attrs = append(e.Attrs, a.Key)
			}
			els = append(els, e)
			inScript = tok.Data == "script"
			if inScript {
				scripts = append(scripts, "")
			}
		case html.TextToken:
			if inScript {
				scripts[len(scripts)-1] += string(z.Text())
			}
		case html.EndTagToken:
			inScript = false
		}
	}
}

// The tags our templates write; a payload that became markup would add
// another (img, svg, b, i) or an extra script.
var ourTags = []string{"html", "head", "meta", "title", "link", "style", "body", "header", "div", "h1", "h2", "h3", "p",
	"nav", "a", "main", "section", "figure", "figcaption", "span", "table", "thead", "tbody", "tr", "th", "td", "strong",
	"ol", "li", "dl", "dt", "dd", "ul", "footer", "script", "caption", "details", "summary"}

func TestPayloadsStayText(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	payloadUnit := fixture.UnitResult(t, r, "2026", "14001001")
	pages := []struct {
		name    string
		page    string
		scripts int      // script elements: the JSON block, the library, ours
		want    []string // payloads that must appear, decoded, in the page's text or chart data
	}{
		{"overview", overviewHTML(t, r, Options{}), 3, []string{fixture.PayloadDimLabel, fixture.PayloadInvalid, fixture.PayloadDistrict}},
		{"overview listed", overviewHTML(t, r, Options{ListUnits: true}), 3,
			[]string{fixture.PayloadScript, fixture.PayloadImg, fixture.PayloadFunc, fixture.PayloadQuote, fixture.PayloadDimLabel, fixture.PayloadInvalid, fixture.PayloadDistrict, fixture.PayloadRejected}},
		{"overview inline", overviewHTML(t, r, Options{InlineAssets: true, ListUnits: true}), 3, []string{fixture.PayloadScript, fixture.PayloadDimLabel}},
		{"profile", profileHTML(t, r, payloadUnit, Options{}), 3, []string{fixture.PayloadScript, fixture.PayloadDimLabel, fixture.PayloadAnswer}},
		{"profile inline", profileHTML(t, r, payloadUnit, Options{InlineAssets: true}), 3, []string{fixture.PayloadScript, fixture.PayloadAnswer}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			els, scripts := elements(t, p.page)
			for _, e := range els {
				if !slices.Contains(ourTags, e.Tag) {
					t.Errorf("page has a <%s> element: a payload became markup", e.Tag)
				}
				for _, a := range e.Attrs {
					if strings.HasPrefix(a, "on") {
						t.Errorf("<%s> has an event handler attribute %q", e.Tag, a)
					}
				}
			}
			if len(scripts) != p.scripts {
				t.Fatalf("got %d script elements, want %d", len(scripts), p.scripts)
			}
			var data map[string]any
			if err := json.Unmarshal([]byte(scripts[0]), &data); err != nil {
				t.Fatalf("chart block is not JSON: %v", err)
			}
			text := pageText(t, p.page) + "\n" + flatten(data)
			for _, want := range p.want {
				if !strings.Contains(text, want) {
					t.Errorf("payload %q does not appear as text", want)
				}
			}
		})
	}
}

// pageText returns the text content of a page outside script elements,
// with entities decoded, as a reader sees it.
func pageText(tb testing.TB, page string) string {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// flatten lists every string in decoded JSON, one per line.
func flatten(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteString("\n")
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range x {
					if !yield(k) {
						return
					}
				}
			}) {
				walk(x[k])
			}
		}
	}
	walk(v)
	return b.String()
}

// chartOptions returns the decoded chart options of a page by chart ID.
func chartOptions(tb testing.TB, page string) map[string]map[string]any {
	tb.Helper()
	_, scripts := elements(tb, page)
	var data map[string]map[string]any
	if err := json.Unmarshal([]byte(scripts[0]), &data); err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestOverviewNamesNoUnitUnlessListed(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	off := overviewHTML(t, r, Options{})
	on := overviewHTML(t, r, Options{ListUnits: true})
	for _, f := range fixture.Units {
		if strings.Contains(pageText(t, off), f.Name) || strings.Contains(flatten(chartOptions(t, off)), f.Name) {
			t.Errorf("overview without list_units names %q", f.Name)
		}
		if f.ID != "14004001" && !strings.Contains(pageText(t, on), f.Name) { // N did not answer 2026
			t.Errorf("overview with list_units does not list %q", f.Name)
		}
		if strings.Contains(off, f.ID) {
			t.Errorf("overview without list_units shows the AGS %s", f.ID)
		}
	}
	if strings.Contains(pageText(t, off), fixture.PayloadRejected) || strings.Contains(off, "14009999") {
		t.Error("overview without list_units names the unit of a rejected row")
	}
	// The reason in the page's language (scoring.Cause), never the
	// importer's English.
	if !strings.Contains(on, "Der AGS 14009999 steht nicht im Verzeichnis sachsen.") || strings.Contains(on, "invalid unit id") {
		t.Error("overview with list_units does not give the reason of a rejected row in full, in German")
	}
	if en := overviewHTML(t, r, Options{ListUnits: true, Language: scoring.English}); !strings.Contains(en, "AGS 14009999 is not in register sachsen.") {
		t.Error("English overview with list_units does not give the reason of a rejected row in English")
	}
}

// TestProfileHoldsNoOtherUnit renders every profile and looks for any
// other unit's name or ID, and for the score of J, the middle of the
// three units of size class "groß", whose median would be J's own score.
func TestProfileHoldsNoOtherUnit(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	for _, u := range ProfileUnits(r) {
		page := profileHTML(t, r, u, Options{})
		all := pageText(t, page) + flatten(chartOptions(t, page))
		for _, f := range fixture.Units {
			if f.ID == string(u.Unit.ID) {
				continue
			}
			if strings.Contains(page, f.ID) || strings.Contains(all, f.Name) {
				t.Errorf("profile of %s contains unit %s (%q)", u.Unit.ID, f.ID, f.Name)
			}
		}
	}
	m := fixture.UnitResult(t, r, "2026", "14003002")
	page := profileHTML(t, r, m, Options{})
	for _, leak := range []string{"41,7", "41.7"} {
		if strings.Contains(pageText(t, page), leak) || strings.Contains(flatten(chartOptions(t, page)), leak) {
			t.Errorf("profile of M shows %s, the median of its peer group of 3 (unit J's own score)", leak)
		}
	}
	compare := chartOptions(t, page)["profile-compare"]
	if n := len(compare["series"].([]any)); n != 2 {
		t.Errorf("comparison chart of M has %d series, want 2 (the peer-group median suppressed)", n)
	}
}

// TestSuppression checks that aggregates of groups below min_group_size
// are shown as "•": the heatmap row of Kleinkreis (2 units), the size
// class groß (3 units), and everything once the minimum exceeds the state.
func TestSuppression(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	heat := func(o Options) (shown, hidden []string) {
		opt := chartOptions(t, overviewHTML(t, r, o))["overview-heatmap"]
		series := opt["series"].([]any)
		for i, s := range series {
			for _, d := range s.(map[string]any)["data"].([]any) {
				name := d.(map[string]any)["name"].(string)
				if i == 0 {
					shown = append(shown, name)
				} else {
					hidden = append(hidden, name)
				}
			}
		}
		return shown, hidden
	}
	// Rows: all units, the payload district (5 units, 4 of them with an
	// overall and a dienste score: K has none), Kleinkreis (2), Nordkreis
	// (6); columns: overall and the 2 dimensions. With a minimum of 5 the
	// payload district's strategie mean (5 units) is hidden too: with the
	// state's and Nordkreis' it would give Kleinkreis' (secondary
	// suppression).
	d := fixture.PayloadDistrict + " (n = 5) · "
	k := "Kleinkreis (n = 2) · "
	tests := []struct {
		min    int
		hidden []string
	}{
		{5, []string{d + "Gesamtwert: •", d + "Strategie: •", d + fixture.PayloadDimLabel + ": •", k + "Gesamtwert: •", k + "Strategie: •", k + fixture.PayloadDimLabel + ": •"}},
		{6, []string{d + "Gesamtwert: •", d + "Strategie: •", d + fixture.PayloadDimLabel + ": •", k + "Gesamtwert: •", k + "Strategie: •", k + fixture.PayloadDimLabel + ": •"}},
		{2, nil},
	}
	for _, tt := range tests {
		shown, hidden := heat(Options{MinGroupSize: tt.min})
		if !reflect.DeepEqual(hidden, tt.hidden) {
			t.Errorf("min_group_size %d: suppressed cells %q, want %q", tt.min, hidden, tt.hidden)
		}
		if len(shown)+len(hidden) != 12 {
			t.Errorf("min_group_size %d: %d cells, want 4 rows × 3 columns", tt.min, len(shown)+len(hidden))
		}
	}

	// Size class klein is hidden with groß: the state minus klein is groß.
	page := overviewHTML(t, r, Options{})
	size := chartOptions(t, page)["overview-levels-by-size"]
	cats := size["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if got := fmt.Sprint(cats); got != "[klein (n = 10) • groß (n = 3) •]" {
		t.Errorf("size classes = %s, want [klein (n = 10) • groß (n = 3) •]", got)
	}
	// Under the size chart and the heatmap, a note says why.
	if n := strings.Count(pageText(t, page), texts(scoring.German).SecondaryNote); n != 2 {
		t.Errorf("the note on secondary suppression appears %d times, want 2 (size chart, heatmap)", n)
	}
	if got := pageText(t, overviewHTML(t, r, Options{MinGroupSize: 2})); strings.Contains(got, texts(scoring.German).SecondaryNote) {
		t.Error("with min_group_size 2 nothing is hidden, yet the overview explains secondary suppression")
	}

	big := overviewHTML(t, r, Options{MinGroupSize: 100})
	text := pageText(t, big)
	for _, v := range []string{"45,8", "56,3"} { // B's score; the state median
		if strings.Contains(text, v) {
			t.Errorf("with min_group_size 100 the overview still shows %s", v)
		}
	}
	if _, ok := chartOptions(t, big)["overview-levels"]; ok {
		t.Error("with min_group_size 100 the level distribution is still drawn")
	}
}

func TestProfileContent(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	rd := newRenderer(r, Options{})
	tests := []struct {
		id           scoring.UnitID
		strong, weak []string // indicator: score
		steps        []string // dimension: level
		prev         string   // before → after (delta)
	}{
		// A: every indicator 100; ties keep model order; 100 is never a
		// weakness.
		{"14001001", []string{"Strategie vorhanden 100,0", "Budget 100,0"}, nil,
			[]string{"Strategie: Spitze", fixture.PayloadDimLabel + ": Spitze"}, "29,2 → 100,0 (+70,8)"},
		// E: i1 100, i2 100, i3 50, i4 0: two strongest, two weakest.
		{"14001005", []string{"Strategie vorhanden 100,0", "Budget 100,0"}, []string{"E-Akte 0,0", "Online-Leistungen 50,0"},
			[]string{"Strategie: Spitze", fixture.PayloadDimLabel + ": Anfang"}, ""},
		// F: i2 is not scored (answer outside the scale): the better half
		// of three is two.
		{"14001006", []string{"Online-Leistungen 100,0", "E-Akte 100,0"}, []string{"Strategie vorhanden 50,0"},
			[]string{"Strategie: Mitte", fixture.PayloadDimLabel + ": Spitze"}, ""},
		// K: no level; dienste not scored: its step claims no level, it
		// asks for the missing answers.
		{"14002005", []string{"Strategie vorhanden 100,0"}, nil, []string{"Strategie: Spitze", fixture.PayloadDimLabel + ": nicht bewertet"}, ""},
		// C: 2024 58,3 → 2026 16,7; i1 50, the rest 0: 0 is never a
		// strength.
		{"14001003", []string{"Strategie vorhanden 50,0"}, []string{"E-Akte 0,0", "Online-Leistungen 0,0"},
			[]string{"Strategie: Anfang", fixture.PayloadDimLabel + ": Anfang"}, "58,3 → 16,7 (−41,7)"},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			u := fixture.UnitResult(t, r, "2026", tt.id)
			strong, weak := rd.extremes(u, 3)
			if got := indicatorList(strong); !reflect.DeepEqual(got, tt.strong) {
				t.Errorf("strongest = %q, want %q", got, tt.strong)
			}
			if got := indicatorList(weak); !reflect.DeepEqual(got, tt.weak) {
				t.Errorf("weakest = %q, want %q", got, tt.weak)
			}
			var steps []string
			for _, s := range rd.nextSteps(u) {
				steps = append(steps, s.Dimension+": "+strings.TrimSuffix(strings.TrimPrefix(s.Level, "Stufe „"), "“"))
			}
			if !reflect.DeepEqual(steps, tt.steps) {
				t.Errorf("next steps = %q, want %q", steps, tt.steps)
			}
			p := rd.previous(u, r.Previous(u))
			got := ""
			if p != nil && p.Heading != "" {
				got = p.Before + " → " + p.After + " (" + p.Delta + ")"
			}
			if got != tt.prev {
				t.Errorf("previous = %q, want %q", got, tt.prev)
			}
		})
	}
}

func indicatorList(rows []indicatorRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name+" "+r.Score)
	}
	return out
}

func TestStagedBlocking(t *testing.T) {
	r := fixture.Fixture(t, fixture.MustModel(t, "testdata/staged.yaml"))
	rd := newRenderer(r, Options{})
	// Staged levels of testdata/staged.yaml: 1 needs strategie ≥ 25, 2
	// strategie ≥ 50 and dienste ≥ 50, 3 the E-Akte indicator at 100.
	tests := []struct {
		id    scoring.UnitID
		level int
		want  []string
	}{
		{"14001002", 0, []string{"Strategie ≥ 25 (derzeit 16,7)"}},                  // B
		{"14002004", 1, []string{"Strategie ≥ 50 (derzeit 33,3)"}},                  // J: dienste 50 is met
		{"14001005", 1, []string{fixture.PayloadDimLabel + " ≥ 50 (derzeit 25,0)"}}, // E
		{"14001004", 2, []string{"E-Akte flächendeckend (derzeit 50,0)"}},           // D
		{"14001001", 3, nil}, // A: top level
		{"14002001", 0, []string{"Strategie ≥ 25 (derzeit 0,0)"}},                                                   // G
		{"14002002", 2, []string{"E-Akte flächendeckend (derzeit 50,0)"}},                                           // H
		{"14001003", 1, []string{"Strategie ≥ 50 (derzeit 33,3)", fixture.PayloadDimLabel + " ≥ 50 (derzeit 0,0)"}}, // C
		{"14003002", 0, []string{"Strategie ≥ 25 (derzeit 16,7)"}},                                                  // M
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			u := fixture.UnitResult(t, r, "2026", tt.id)
			if u.Level != tt.level {
				t.Fatalf("level = %d, want %d", u.Level, tt.level)
			}
			var got []string
			if b := rd.blocking(u); b != nil {
				got = b.Items
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("blocking = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMapExtent(t *testing.T) {
	tests := []struct {
		name                   string
		lon0, lon1, lat0, lat1 float64
		want                   extent
	}{
		// Saxony: 3.1° × 1.5°; cos(51°) ≈ 0.629 makes it 1.95 : 1.5 wide,
		// so the width is the limit.
		{"saxony", 11.9, 15.0, 50.2, 51.7, extent{Lon0: 11.776, Lon1: 15.124, Lat0: 50.14, Lat1: 51.76, Width: 760, Height: 584}},
		// On the equator a square of degrees is a square.
		{"equator", -1, 1, -1, 1, extent{Lon0: -1.08, Lon1: 1.08, Lat0: -1.08, Lat1: 1.08, Width: 600, Height: 600}},
		// One point gets a small area around it.
		{"one point", 10, 10, 0, 0, extent{Lon0: 9.998, Lon1: 10.002, Lat0: -0.002, Lat1: 0.002, Width: 600, Height: 600}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mapExtent(tt.lon0, tt.lon1, tt.lat0, tt.lat1)
			if got != tt.want {
				t.Errorf("mapExtent = %+v, want %+v", got, tt.want)
			}
			// The plot's aspect ratio is the ground's, within rounding.
			k := math.Cos((got.Lat0 + got.Lat1) / 2 * math.Pi / 180)
			ground := (got.Lon1 - got.Lon0) * k / (got.Lat1 - got.Lat0)
			if plot := float64(got.Width) / float64(got.Height); math.Abs(plot/ground-1) > 0.01 {
				t.Errorf("plot ratio %.3f, ground ratio %.3f", plot, ground)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	de, en := texts(scoring.German), texts(scoring.English)
	tests := []struct {
		name      string
		got, want string
	}{
		{"num de", de.num(43.94), "43,9"},
		{"num en", en.num(43.95), "44.0"},
		{"num NaN", de.num(math.NaN()), "–"},
		{"num negative zero", de.num(-0.04), "0,0"},
		{"signed plus", de.signed(5.81), "+5,8"},
		{"signed minus", de.signed(-2.06), "−2,1"},
		{"signed zero", de.signed(-0.04), "±0,0"},
		{"pct", de.pct(62.5), "63 %"},
		{"plain", de.Lang.Number(37.5), "37,5"},
		{"plain integer", en.Lang.Number(20), "20"},
		{"int de", de.int(1234567), "1.234.567"},
		{"int en", en.int(1234), "1,234"},
		{"ink on dark blue", inkOn("#08306b"), "#ffffff"},
		{"ink on light blue", inkOn("#9ecae1"), inkColour},
		{"ink on orange", inkOn("#e6550d"), "#000000"}, // the dark ink has 4.1:1 (TestInkOn)
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestCatalogs checks the pages' texts: every entry in both languages,
// with the same format verbs, and a text for every kind of data-quality
// note.
func TestCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": texts(scoring.German), "en": texts(scoring.English)})
	catalogtest.Check(t, "de", map[string]any{"de": analyseTexts[scoring.German], "en": analyseTexts[scoring.English]})
	for _, k := range scoring.IssueKinds() {
		if _, ok := texts(scoring.German).IssueKinds[k]; !ok {
			t.Errorf("no text for issue kind %v", k)
		}
	}
}

// memFiles collects RenderAll's outputs in memory.
type memFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

type memFile struct {
	bytes.Buffer
	name string
	fs   *memFiles
}

func (f *memFile) Close() error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	f.fs.files[f.name] = f.Bytes()
	return nil
}

func (fs *memFiles) create(name string) (io.WriteCloser, error) {
	return &memFile{name: name, fs: fs}, nil
}

func TestRenderAll(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	run := func(o Options) map[string][]byte {
		fs := &memFiles{files: map[string][]byte{}}
		if err := RenderAll(context.Background(), r, o, fs.create); err != nil {
			t.Fatal(err)
		}
		return fs.files
	}
	one := run(Options{Workers: 1})
	many := run(Options{Workers: 8})
	if !reflect.DeepEqual(one, many) {
		t.Error("output depends on the number of workers")
	}
	// 14 units answered; N only in 2024, so its profile is of 2024.
	var profiles []string
	for name := range one {
		if strings.HasPrefix(name, "profiles/") {
			profiles = append(profiles, name)
		}
	}
	if len(profiles) != 14 {
		t.Errorf("%d profiles, want 14", len(profiles))
	}
	if !strings.Contains(string(one["profiles/14004001.html"]), "Welle 2024") {
		t.Error("profile of N (2024 only) is not of wave 2024")
	}
	for _, name := range AssetNames() {
		if len(one[AssetsDir+"/"+name]) == 0 {
			t.Errorf("asset %s not written", name)
		}
	}
	if !strings.Contains(string(one["overview.html"]), `src="assets/echarts.min.js"`) ||
		!strings.Contains(string(one["profiles/14001001.html"]), `src="../assets/echarts.min.js"`) {
		t.Error("pages do not link the assets relatively")
	}

	inline := run(Options{InlineAssets: true})
	for name, b := range inline {
		if strings.HasPrefix(name, AssetsDir+"/") {
			t.Errorf("inline run wrote asset %s", name)
		}
		if strings.Contains(string(b), "assets/") {
			t.Errorf("%s refers to the assets folder", name)
		}
		if !bytes.Contains(b, []byte("Apache Software Foundation")) { // echarts.min.js's licence header
			t.Errorf("%s does not contain the chart library", name)
		}
	}
	var progress []int
	var mu sync.Mutex
	run(Options{Workers: 3, Progress: func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != 14 {
			t.Errorf("progress total %d, want 14", total)
		}
		progress = append(progress, done)
	}})
	slices.Sort(progress)
	if len(progress) != 14 || progress[0] != 1 || progress[13] != 14 {
		t.Errorf("progress calls %v, want 1…14", progress)
	}
}
