package main

import (
	"slices"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestProgress: the line shows what the run does beside the writing, the
// workbook being written and the profiles done; profile counts are shown at most every 100 ms, except the
// last; a change of workbook is shown at once; an unchanged line is not
// shown again; counts that arrive out of order never go back.
func TestProgress(t *testing.T) {
	type call struct {
		at    int // ms
		what  *string
		also  *string
		done  int
		clear bool
	}
	str := func(s string) *string { return &s }
	tests := []struct {
		name  string
		calls []call
		want  []string
	}{
		{"workbook then profiles", []call{
			{at: 0, what: str("reifegrad.xlsx")},
			{at: 10, done: 1}, {at: 50, done: 2}, {at: 120, done: 3},
			{at: 130, what: str("reifegrad.xlsx: Indikatoren 50 %")},
			{at: 140, what: str("")}, {at: 150, done: 4},
			{at: 160, clear: true},
		}, []string{
			"writing reifegrad.xlsx · profiles 0 of 4",
			"writing reifegrad.xlsx · profiles 3 of 4",
			"writing reifegrad.xlsx: Indikatoren 50 % · profiles 3 of 4",
			"writing profiles 3 of 4",
			"writing profiles 4 of 4",
			"",
		}},
		{"analysing beside the writing", []call{
			{at: 0, also: str("analysing the model")},
			{at: 5, what: str("reifegrad.xlsx: Ergebnisse 10 %")},
			{at: 20, also: str("")},
			{at: 30, done: 1},
		}, []string{
			"analysing the model · writing profiles 0 of 4",
			"analysing the model · writing reifegrad.xlsx: Ergebnisse 10 % · profiles 0 of 4",
			"writing reifegrad.xlsx: Ergebnisse 10 % · profiles 0 of 4",
		}},
		{"out of order", []call{
			{at: 0, done: 2}, {at: 200, done: 1}, {at: 400, done: 3},
		}, []string{"writing profiles 2 of 4", "writing profiles 3 of 4"}},
		{"same line once", []call{
			{at: 0, what: str("veroeffentlichung.xlsx")}, {at: 500, what: str("veroeffentlichung.xlsx")},
		}, []string{"writing veroeffentlichung.xlsx · profiles 0 of 4"}},
		{"in German", []call{
			{at: 0, also: str(progressTexts[scoring.German].analysing)},
			{at: 5, what: str("reifegrad.xlsx: Ergebnisse 10 %")}, {at: 200, done: 4},
		}, []string{
			"Modell wird analysiert · Schreiben: Profile 0 von 4",
			"Modell wird analysiert · Schreiben: reifegrad.xlsx: Ergebnisse 10 % · Profile 0 von 4",
			"Modell wird analysiert · Schreiben: reifegrad.xlsx: Ergebnisse 10 % · Profile 4 von 4",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var now time.Time
			lang := scoring.English
			if tt.name == "in German" {
				lang = scoring.German
			}
			p := &progress{show: func(s string) { got = append(got, s) }, words: progressTexts[lang], every: 100 * time.Millisecond,
				now: func() time.Time { return now }, total: 4}
			start := time.Unix(0, 0)
			for _, c := range tt.calls {
				now = start.Add(time.Duration(c.at) * time.Millisecond)
				switch {
				case c.clear:
					p.clear()
				case c.also != nil:
					p.alongside(*c.also)
				case c.what != nil:
					p.writing(*c.what)
				default:
					p.profile(c.done, 4)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("shown %q\nwant  %q", got, tt.want)
			}
		})
	}
	var none *progress // no terminal: nothing happens, nothing breaks
	none.writing("x")
	none.alongside("x")
	none.profile(1, 2)
	none.clear()
}
