package web

import (
	"time"

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

// TestWhen: a moment on the pages is written as the page's language writes
// it — the English questionnaire and wave pages said "06.12.2026 14:05".
func TestWhen(t *testing.T) {
	at := time.Date(2026, 12, 6, 14, 5, 0, 0, time.Local)
	for lang, want := range map[scoring.Language]string{scoring.German: "06.12.2026 14:05", scoring.English: "2026-12-06 14:05"} {
		if got := texts(lang).When(at); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
