package main

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestExampleSettings: the config example writes reads the files it
// generates — a wide file a wave, the unit columns ags and gemeinde (and
// landkreis, einwohner for synthetic units) — whatever the config it
// started from said; keys it did not set stay unset.
func TestExampleSettings(t *testing.T) {
	const src = `survey:
  format: lamapoll
  layout: long
  wave_column: welle
  inputs:
    - {wave: "2025", file: daten.csv}
units:
  id: id                  # organisations
  name: name
  district: kreis
  match: name
  municipalities: false
roadmap:
  target_column: ziel
`
	for _, c := range []struct {
		name  string
		units exampleUnits
		want  map[string]map[string]any
	}{
		{"register", exampleUnits{register: "sachsen", municipalities: true}, map[string]map[string]any{
			"survey":  {"format": "auto", "layout": "wide", "wave_column": ""},
			"units":   {"id": "ags", "name": "gemeinde", "district": "", "match": "id", "municipalities": true, "register": "sachsen"},
			"roadmap": {"target_column": ""},
		}},
		{"synthetic", exampleUnits{synthetic: true}, map[string]map[string]any{
			"units": {"id": "ags", "name": "gemeinde", "district": "landkreis", "population": "einwohner", "municipalities": false, "register": ""},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := withSettings([]byte(src), "", c.units, []string{`{wave: "2026", file: umfrage_2026.csv}`})
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]map[string]any
			if err := yaml.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v:\n%s", err, out)
			}
			for section, keys := range c.want {
				for k, v := range keys {
					if got[section][k] != v {
						t.Errorf("%s.%s = %#v, want %#v\n%s", section, k, got[section][k], v, out)
					}
				}
			}
			for _, k := range []string{"sheet", "encoding", "delimiter"} {
				if _, set := got["survey"][k]; set {
					t.Errorf("survey.%s set, though the config did not set it:\n%s", k, out)
				}
			}
			if !c.units.synthetic {
				if _, set := got["units"]["population"]; set {
					t.Errorf("units.population set, though the config did not set it:\n%s", out)
				}
			}
		})
	}
}

// TestExampleSettingsAddSections: a config without survey and units
// sections gets each once, holding every key set.
func TestExampleSettingsAddSections(t *testing.T) {
	out, err := withSettings([]byte("model:\n  name: M\n"), "", exampleUnits{synthetic: true}, []string{`{wave: "2026", file: umfrage_2026.csv}`})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Survey struct {
			Inputs []map[string]string
		}
		Units map[string]any
	}
	if err := yaml.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(got.Survey.Inputs) != 1 || got.Survey.Inputs[0]["file"] != "umfrage_2026.csv" || got.Units["id"] != "ags" || got.Units["district"] != "landkreis" || got.Units["register"] != "" {
		t.Errorf("edited config:\n%s", out)
	}
}
