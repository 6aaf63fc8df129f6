package web

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestTooMany: the wait after failed sign-ins starts at one second, which
// takes the singular ("1 Sekunden" was written).
func TestTooMany(t *testing.T) {
	for _, tt := range []struct {
		lang scoring.Language
		secs int
		want string
	}{
		{scoring.German, 1, "Zu viele fehlgeschlagene Versuche. Bitte warten Sie 1 Sekunde und versuchen Sie es dann erneut."},
		{scoring.German, 2, "Zu viele fehlgeschlagene Versuche. Bitte warten Sie 2 Sekunden und versuchen Sie es dann erneut."},
		{scoring.English, 1, "Too many failed attempts. Please wait 1 second, then try again."},
		{scoring.English, 900, "Too many failed attempts. Please wait 900 seconds, then try again."},
	} {
		if got := texts(tt.lang).TooManyF(tt.secs); got != tt.want {
			t.Errorf("%s, %d s: %q, want %q", tt.lang, tt.secs, got, tt.want)
		}
	}
}
