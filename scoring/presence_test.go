package scoring

import (
	"slices"
	"strings"
	"testing"
)

// TestPresence: what the outputs may speak of is what some unit, in some
// wave, has — worked out by hand for each set of units under the default
// peer groups (district, size class) and one by an attribute of the data.
// The methodology as the outputs print it (Results.Methodology) names the
// peer groups present; the model's own (Methodology) every one declared.
func TestPresence(t *testing.T) {
	const base = `model:
  name: P
%s  levels: {bands: [{level: 1, name: A, min: 0}]}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  dimensions:
    - id: d
      indicators: [{id: i, question: Q, scale: jn}]
`
	type unit struct {
		wave, id, district string
		population         int
		sector             string
	}
	tests := []struct {
		name, peers string
		units       []unit
		want        Presence
		named       string // the peer groups the printed methodology names; "" none
	}{
		{"organisations", "", []unit{{"1", "NORD", "", 0, ""}, {"1", "SUED", "", 0, ""}},
			Presence{PeerGroups: []bool{false, false}}, ""},
		{"municipalities", "", []unit{{"1", "14612000", "Dresden", 560000, ""}, {"1", "14511000", "", 0, ""}},
			Presence{District: true, SizeClass: true, Population: true, PeerGroups: []bool{true, true}}, "Landkreis, Größenklasse"},
		{"a district, in an earlier wave only", "", []unit{{"1", "A", "Nord", 0, ""}, {"2", "A", "", 0, ""}},
			Presence{District: true, PeerGroups: []bool{true, false}}, "Landkreis"},
		{"population only", "", []unit{{"1", "A", "", 1200, ""}},
			Presence{SizeClass: true, Population: true, PeerGroups: []bool{false, true}}, "Größenklasse"},
		{"a peer group of the data", "  peer_groups: [{id: s, name: Sektor, attribute: sector}]\n", []unit{{"1", "A", "", 0, "IT"}, {"1", "B", "", 0, ""}},
			Presence{PeerGroups: []bool{true}}, "Sektor"},
		{"a peer group of the data nobody has", "  peer_groups: [{id: s, name: Sektor, attribute: sector}]\n", []unit{{"1", "A", "", 0, ""}},
			Presence{PeerGroups: []bool{false}}, ""},
		{"none declared", "  peer_groups: []\n", []unit{{"1", "A", "Nord", 100, ""}},
			Presence{District: true, SizeClass: true, Population: true, PeerGroups: []bool{}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel("p.yaml", []byte(strings.Replace(base, "%s", tt.peers, 1)))
			if err != nil {
				t.Fatal(err)
			}
			ds := &Dataset{}
			for _, u := range tt.units {
				unit := Unit{ID: UnitID(u.id), Name: u.id, District: u.district, Population: u.population}
				if u.sector != "" {
					unit.Attrs = map[string]string{"sector": u.sector}
				}
				ds.Responses = append(ds.Responses, Response{Wave: WaveID(u.wave), Answers: AnswersOf("ja"), Unit: unit})
			}
			r := Score(m, ds)
			got := r.Presence()
			if got.District != tt.want.District || got.SizeClass != tt.want.SizeClass || got.Population != tt.want.Population || !slices.Equal(got.PeerGroups, tt.want.PeerGroups) {
				t.Errorf("Presence() = %+v, want %+v", got, tt.want)
			}
			for pg := -1; pg <= len(m.PeerGroups); pg++ {
				if want := pg >= 0 && pg < len(tt.want.PeerGroups) && tt.want.PeerGroups[pg]; got.PeerGroup(pg) != want {
					t.Errorf("PeerGroup(%d) = %v, want %v", pg, got.PeerGroup(pg), want)
				}
			}
			const placed = "Zum fairen Vergleich werden die Kommunen in Vergleichsgruppen eingeordnet: "
			printed := strings.Join(r.Methodology(German), "\n")
			switch i := strings.Index(printed, placed); {
			case tt.named == "" && i >= 0:
				t.Errorf("methodology names peer groups: %s", printed[i:])
			case tt.named != "" && !strings.Contains(printed, placed+tt.named+"."):
				t.Errorf("methodology does not say %q:\n%s", placed+tt.named+".", printed)
			}
			var all []string
			for _, p := range m.PeerGroups {
				all = append(all, p.Name)
			}
			if own := strings.Join(Methodology(m, German), "\n"); len(all) > 0 && !strings.Contains(own, placed+strings.Join(all, ", ")+".") {
				t.Errorf("the model's methodology does not name every peer group %q:\n%s", all, own)
			}
		})
	}
}
