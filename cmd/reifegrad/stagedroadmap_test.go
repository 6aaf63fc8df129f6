package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// stagedConfig is an OZG-style staged model (staged17): level 1 needs
// every OZG service at Reifegrad 1 at least, level 2 an IT security
// officer, level 3 every service at Reifegrad 2. The Kfz-Zulassung is the
// district's service, not the municipality's: "nicht zutreffend".
// overall = mean(ozg, sicher), ozg = mean(O1, O2), sicher = S1.
const stagedConfig = `survey:
  inputs:
    - {wave: "2024", file: w2024.csv}
    - {wave: "2026", file: w2026.csv}
units: {id: id, municipalities: false}
report: {min_group_size: 1, data_cutoff: 2026-06-30, date: 2026-12-06}
model:
  name: OZG-Stufen
  language: de
  missing: {policy: reweight, codes: {"nicht zutreffend": not_applicable}}
  scales:
    ozg: {map: {"0": 0, "1": 0.25, "2": 0.5, "3": 0.75, "4": 1}}
    jn: {map: {ja: 1, teilweise: 0.5, nein: 0}}
  questions:
    - {id: O1, scale: ozg, text: Wohngeld}
    - {id: O2, scale: ozg, text: Kfz-Zulassung}
    - {id: S1, scale: jn, text: Informationssicherheitsbeauftragte(r)}
  levels:
    method: staged
    bands:
      - {level: 1, name: Information, criteria: [{children_of: ozg, min: 25, label: OZG-Reifegrad 1}]}
      - {level: 2, name: Sicher, criteria: [{node: s1, min: 100, label: ISB benannt}]}
      - {level: 3, name: Formular, criteria: [{children_of: ozg, min: 50, label: OZG-Reifegrad 2}]}
  dimensions:
    - id: ozg
      name: OZG-Leistungen
      next_steps: {1: Leistungen online beschreiben., 2: Formulare online stellen., 3: Leistungen voll online anbieten.}
      indicators: [{id: o1, name: Wohngeld, question: O1}, {id: o2, name: Kfz-Zulassung, question: O2}]
    - id: sicher
      name: Sicherheit
      next_steps: {1: Einen ISB benennen., 2: Den Grundschutz umsetzen., 3: Zertifizieren.}
      indicators: [{id: s1, name: ISB, question: S1}]
`

// TestStagedRoadmapOutputs (staged17): what a municipality reads of its
// way under staged levels, end to end. By hand:
//
// N (2026: O1 0, O2 1, S1 nein): ozg 12,5, no level (Wohngeld 0 < 25); its
// one step O1 0 → 1 carries ozg's advice for the first level, and
// "Nächste Schritte" gives the first level's advice of both dimensions
// (it gave none) under a note that says why; the key figure reads "ohne
// Reifegrad" (an empty badge).
//
// K (2026: O1 2, O2 nicht zutreffend, S1 ja): no level, and no answer
// meets "OZG-Reifegrad 1" on the Kfz-Zulassung, which does not apply:
// the profile names it (it listed every cause there can be), and the
// list of what level 1 needs says so (it said "derzeit nicht bewertet");
// roadmap.json's unmeetable and Fahrplan's note name it too.
//
// F (2024: O1 1, O2 1, S1 teilweise: (25 + 50)/2 = 37,5, level 1; 2026:
// O1 0, O2 1, S1 ja: (12,5 + 100)/2 = 56,25, no level): back to level 1,
// O1 → 1, (25 + 100)/2 = 62,5. The formula: (56,25 − 37,5)/(62,5 − 37,5)
// = 75 % of a way it had come already: none, target_met_then.
//
// P (2024 all 0 and nein: 0; 2026 O1 0, O2 1, S1 teilweise: (12,5 +
// 50)/2 = 31,25; O1 → 1: 37,5): 31,25/37,5 = 83 %, given (the guard).
func TestStagedRoadmapOutputs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"config.yaml": stagedConfig,
		"w2024.csv": "id;O1;O2;S1\nF;1;1;teilweise\nP;0;0;nein\n",
		"w2026.csv": "id;O1;O2;S1\nN;0;1;nein\nK;2;nicht zutreffend;ja\nF;0;1;ja\nP;0;1;teilweise\n"})
	out := filepath.Join(dir, "out")
	if _, stderr, code := MustRun(t, "-c", filepath.Join(dir, "config.yaml"), "-o", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	for id, wants := range map[string][]string{
		"N": {
			`<span class="level" style="background: #b8bec6; color: #1d2733">ohne Reifegrad</span></div><div class="sub">Die Kriterien der ersten Stufe, „Information“, sind noch nicht erfüllt.</div>`,
			`<div class="step-advice next-step">Leistungen online beschreiben.</div>`, // the step's
			`<p class="note">Empfehlungen aus dem Reifegradmodell für den Anfang: Sie haben noch keine Stufe erreicht, daher die Empfehlungen der ersten Stufe, „Information“.</p>`,
			`<dt>OZG-Leistungen <span class="dim">Stufe „Information“</span></dt><dd>Leistungen online beschreiben.</dd>`,
			`<dt>Sicherheit <span class="dim">Stufe „Information“</span></dt><dd>Einen ISB benennen.</dd>`,
		},
		"K": {
			"<p>Stufe 1 Information ist nicht erreichbar: Sie verlangt „OZG-Reifegrad 1 (Kfz-Zulassung)“ (trifft bei Ihnen nicht zu), und ohne Wert ist ein Kriterium nie erfüllt.</p>",
			"<li>OZG-Reifegrad 1 (Kfz-Zulassung) (trifft bei Ihnen nicht zu: ohne Wert nie erfüllt)</li>",
		},
		"F": {"Fortschritt seit 2024: – (damals standen Sie schon auf Stufe 1 Information, am Ziel dieses Weges oder darüber)."},
		"P": {"Seit 2024 haben Sie 83 % des Weges zurückgelegt."},
	} {
		b, err := os.ReadFile(filepath.Join(out, "profiles", id+".html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(b), want) {
				t.Errorf("profile of %s lacks %q", id, want)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "roadmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Units []struct {
			ID         string          `json:"id"`
			Status     string          `json:"status"`
			Progress   *float64        `json:"progress"`
			NoProgress string          `json:"no_progress"`
			Unmeetable json.RawMessage `json:"unmeetable"`
		} `json:"units"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"N": "planned no_baseline", "K": "unreachable no_baseline", "F": "planned target_met_then", "P": "planned "}
	// K's criterion no answer can meet, in roadmap.json and in the
	// sheet Fahrplan's note (both said only "unreachable").
	unmeetable := map[string]string{"K": `[{"node":"o2","label":"OZG-Reifegrad 1 (Kfz-Zulassung)","min":25,"why":"not_applicable"}]`}
	for _, u := range set.Units {
		if got := u.Status + " " + u.NoProgress; got != want[u.ID] || (u.Progress == nil) != (u.NoProgress != "") {
			t.Errorf("roadmap.json %s: %s, progress %v; want %s", u.ID, got, u.Progress, want[u.ID])
		}
		var got bytes.Buffer
		if len(u.Unmeetable) > 0 {
			if err := json.Compact(&got, u.Unmeetable); err != nil {
				t.Fatal(err)
			}
		}
		if got.String() != unmeetable[u.ID] {
			t.Errorf("roadmap.json %s: unmeetable %s, want %s", u.ID, got.String(), unmeetable[u.ID])
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Fahrplan")
	if err != nil {
		t.Fatal(err)
	}
	note := slices.Index(rows[0], "Hinweis")
	notes := map[string]string{}
	for _, r := range rows[1:] {
		if note < len(r) {
			notes[r[0]] = r[note]
		}
	}
	if want := "Stufe 1 Information verlangt „OZG-Reifegrad 1 (Kfz-Zulassung)“ (trifft nicht zu); ohne Wert ist ein Kriterium nie erfüllt."; notes["K"] != want || len(notes) != 1 {
		t.Errorf("Fahrplan's notes %q, want K: %q alone", notes, want)
	}
}
