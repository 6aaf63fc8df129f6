package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestServeClosedWaveShowsWhatCounts: once the wave is closed, a
// municipality's questionnaire shows the answers that count. One that had
// changed an answer after submitting saw its unsubmitted change as its
// answer (S01 "nein", while its profile and the export held "ja") beside
// "Es gibt Änderungen, die noch nicht eingereicht sind" — which it no
// longer could. It now sees the submitted answers and that the changes do
// not count; one that saved and never submitted is told its answers do
// not count; a submitted sheet without changes gets no note.
func TestServeClosedWaveShowsWhatCounts(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	var units []scoring.UnitID
	for id := range f.codes {
		units = append(units, id)
	}
	slices.Sort(units)
	tests := []struct {
		name   string
		saves  []string // S01's answers saved in turn
		submit int      // the save after which the sheet is submitted (1-based); 0: never
		shown  string   // S01's answer on the closed wave's page
		note   string   // the note beside it, "" for none
	}{
		{"changed after submitting", []string{"ja", "nein"}, 1, "ja",
			"Änderungen nach Ihrer letzten Einreichung wurden nicht mehr eingereicht und zählen nicht; hier stehen die eingereichten Antworten."},
		{"never submitted", []string{"teilweise"}, 0, "teilweise",
			"Dieser Fragebogen wurde nicht eingereicht; gespeicherte Antworten zählen nicht."},
		{"submitted as it stands", []string{"nein"}, 1, "nein", ""},
	}
	clients := make([]*client, len(tests))
	for i, tt := range tests {
		c := f.client(t)
		c.signIn(f.codes[units[i]])
		clients[i] = c
		for v, a := range tt.saves {
			if st, body := c.save(v, map[string][]string{"S01": {a}}); st != http.StatusOK {
				t.Fatalf("%s: save %d: %d %s", tt.name, v+1, st, body)
			}
			if v+1 == tt.submit {
				c.get("/questionnaire")
				if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {strconv.Itoa(v + 1)}}); st != http.StatusSeeOther {
					t.Fatalf("%s: submit: %d %s", tt.name, st, loc)
				}
			}
		}
	}
	if err := f.db.SetWaveState(context.Background(), "2028", fieldwork.WaveClosed, fieldwork.Actor{}); err != nil {
		t.Fatal(err)
	}
	checked := regexp.MustCompile(`name="a:S01" value="([^"]*)" checked`)
	notes := []string{"Änderungen nach Ihrer letzten Einreichung", "Dieser Fragebogen wurde nicht eingereicht", "Es gibt Änderungen, die noch nicht eingereicht sind"}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, page := clients[i].get("/questionnaire")
			if st != http.StatusOK {
				t.Fatalf("status %d", st)
			}
			if m := checked.FindStringSubmatch(page); m == nil || m[1] != tt.shown {
				t.Errorf("S01 shows %q, want %q", m, tt.shown)
			}
			for _, n := range notes {
				if want := tt.note != "" && strings.HasPrefix(tt.note, n); strings.Contains(page, n) != want {
					t.Errorf("the page holds %q: %v, want %v", n, !want, want)
				}
			}
			if tt.note != "" && !strings.Contains(page, tt.note) {
				t.Errorf("the page lacks %q", tt.note)
			}
		})
	}
}
