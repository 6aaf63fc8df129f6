package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestProfileNoGroup: the profile of a municipality in no group of the
// peer group it would be compared with — no population, so no size class;
// no value for the attribute of another peer group — says that, and has
// no column of "•" for the group's medians. Its profile said "the
// peer-group median is missing: the group has fewer than 5 municipalities"
// of a group it was not in, and the legend at its foot explained the
// column's "•" as a group too small. A municipality in a group of 2 still
// reads that its group is too small.
func TestProfileNoGroup(t *testing.T) {
	const model = `model:
  name: Gruppen
  levels: {bands: [{level: 1, name: A, min: 0}]}
  peer_groups: [{id: gk, name: %s, attribute: %s}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - {id: a, name: Alpha, indicators: [{id: ia, question: QA, scale: jn}]}
    - {id: b, name: Beta, indicators: [{id: ib, question: QB, scale: jn}]}
    - {id: c, name: Gamma, indicators: [{id: ic, question: QC, scale: jn}]}
`
	tests := []struct {
		name, group, attribute string
		lang                   scoring.Language
		unit                   int    // the unit whose profile is read
		want                   string // the radar's note on the peer median
		column                 bool   // the table has the column of peer medians
	}{
		{"no population, de", "Größenklasse", "size_class", scoring.German, 0,
			"Einen Median der Vergleichsgruppe gibt es nicht: Für Ihre Kommune ist keine Einwohnerzahl bekannt, daher gehört sie zu keiner Gruppe nach „Größenklasse“.", false},
		{"no population, en", "Size class", "size_class", scoring.English, 0,
			"There is no peer-group median: no population is known for your municipality, so it belongs to no group by “Size class”.", false},
		{"no attribute, de", "Typ", "typ", scoring.German, 0,
			"Einen Median der Vergleichsgruppe gibt es nicht: Für Ihre Kommune ist „Typ“ nicht angegeben, daher gehört sie zu keiner Gruppe.", false},
		{"no attribute, en", "Type", "typ", scoring.English, 0,
			"There is no peer-group median: “Type” is not given for your municipality, so it belongs to no group.", false},
		{"a group of 2, de", "Größenklasse", "size_class", scoring.German, 7,
			"Der Median der Vergleichsgruppe fehlt: Sie umfasst weniger als 5 Kommunen.", true},
		{"a group of 2, en", "Type", "typ", scoring.English, 7,
			"The peer-group median is missing: the group has fewer than 5 municipalities.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("g.yaml", []byte(fmt.Sprintf(model, tt.group, tt.attribute)))
			if err != nil {
				t.Fatal(err)
			}
			// Unit 0 has neither a population nor a type; units 1–6 are
			// one group (3.000 inhabitants, type A), 7 and 8 another
			// (30.000, type B).
			ds := &scoring.Dataset{}
			for i := range 9 {
				u := scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("1461200%d", i)), Name: fmt.Sprintf("K%d", i)}
				switch {
				case i >= 7:
					u.Population, u.Attrs = 30000, map[string]string{"typ": "B"}
				case i >= 1:
					u.Population, u.Attrs = 3000, map[string]string{"typ": "A"}
				}
				ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: u, Answers: scoring.AnswersOf("ja", "nein", "ja")})
			}
			r := scoring.Score(m, ds)
			u := &r.Units[tt.unit]
			if got := u.Peers[0].Group != ""; got != tt.column {
				t.Fatalf("unit %d in group %q", tt.unit, u.Peers[0].Group)
			}
			page := profileHTML(t, r, u, Options{Language: tt.lang})
			text := pageText(t, page)
			if !strings.Contains(text, tt.want) {
				t.Errorf("the profile lacks %q", tt.want)
			}
			peerMedian := texts(tt.lang).PeerMedian
			if got := strings.Contains(page, `<th scope="col" class="num">`+peerMedian+`</th>`); got != tt.column {
				t.Errorf("column %q: %v, want %v", peerMedian, got, tt.column)
			}
			for _, wrong := range []string{"weniger als 5 Kommunen.", "fewer than 5 municipalities."} {
				if !tt.column && strings.Contains(text, wrong) {
					t.Errorf("the profile of a unit in no group says %q", wrong)
				}
			}
		})
	}
}
