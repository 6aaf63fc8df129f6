package html

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestSince: a change under a score on all of a wave's questions says
// when it rests on fewer, the questions both waves asked alike; under
// "Gesamtwert 46,1" a bare "−2,1 seit 2026" read as the change of that
// score, which had risen from 46,0 (348 of the example's 413 profiles
// with a change gave a figure other than the difference of the overall
// scores on the same page).
func TestSince(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang scoring.Language
		ch   scoring.Change
		want string
	}{
		{"all questions compared", scoring.German, scoring.Change{Delta: 5.8, Compared: 40, Asked: 40}, "+5,8 seit 2026"},
		{"some compared", scoring.German, scoring.Change{Delta: -2.1, Compared: 38, Asked: 40}, "−2,1 seit 2026 auf den 38 gemeinsamen Fragen"},
		{"one compared", scoring.German, scoring.Change{Delta: 0, Compared: 1, Asked: 3}, "±0,0 seit 2026 auf der gemeinsamen Frage"},
		{"all questions compared, English", scoring.English, scoring.Change{Delta: 5.8, Compared: 40, Asked: 40}, "+5.8 since 2026"},
		{"some compared, English", scoring.English, scoring.Change{Delta: -2.1, Compared: 38, Asked: 40}, "−2.1 since 2026 on the 38 common questions"},
		{"one compared, English", scoring.English, scoring.Change{Delta: 0, Compared: 1, Asked: 3}, "±0.0 since 2026 on the common question"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd := &renderer{t: catalogs[tt.lang]}
			if got := rd.since(tt.ch, "2026"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
