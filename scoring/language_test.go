package scoring_test

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestParseLanguage(t *testing.T) {
	tests := []struct {
		in      string
		want    scoring.Language
		wantErr string
	}{
		{"", scoring.German, ""},
		{"de", scoring.German, ""},
		{"Deutsch", scoring.German, ""},
		{" german ", scoring.German, ""},
		{"en", scoring.English, ""},
		{"EN", scoring.English, ""},
		{"English", scoring.English, ""},
		{"englisch", scoring.English, ""},
		{"fr", 0, `unknown language "fr" (want de or en)`},
		{"de-DE", 0, `unknown language "de-DE" (want de or en)`},
	}
	for _, tt := range tests {
		got, err := scoring.ParseLanguage(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseLanguage(%q) error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		var l scoring.Language
		if err := l.UnmarshalText([]byte(tt.in)); err != nil || l != tt.want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", tt.in, l, err, tt.want)
		}
	}
}

func TestLanguageNumber(t *testing.T) {
	tests := []struct {
		x      float64
		de, en string
	}{
		{0, "0", "0"},
		{20, "20", "20"},
		{37.5, "37,5", "37.5"},
		{-2.25, "-2,25", "-2.25"},
		{1.0 / 3, "0,333", "0.333"},
		{2.0 / 3, "0,667", "0.667"},
		{12345.678901, "12.345,679", "12,345.679"},
		// Thousands grouped as Count groups them: a bound of 100000 read
		// "0 bis 100000" beside a size class "unter 5.000".
		{100000, "100.000", "100,000"},
		{-2540, "-2.540", "-2,540"},
		{999.5, "999,5", "999.5"},
		{1000, "1.000", "1,000"},
		{0.1, "0,1", "0.1"},
	}
	for _, tt := range tests {
		if got := scoring.German.Number(tt.x); got != tt.de {
			t.Errorf("German.Number(%v) = %q, want %q", tt.x, got, tt.de)
		}
		if got := scoring.English.Number(tt.x); got != tt.en {
			t.Errorf("English.Number(%v) = %q, want %q", tt.x, got, tt.en)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n      int
		de, en string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{10786, "10.786", "10,786"},
		{100000, "100.000", "100,000"},
		{1234567, "1.234.567", "1,234,567"},
		{-1234, "-1.234", "-1,234"},
		{-999, "-999", "-999"},
	} {
		if got := scoring.German.Count(tc.n); got != tc.de {
			t.Errorf("German.Count(%d) = %q, want %q", tc.n, got, tc.de)
		}
		if got := scoring.English.Count(tc.n); got != tc.en {
			t.Errorf("English.Count(%d) = %q, want %q", tc.n, got, tc.en)
		}
	}
}
