package survey

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestDraftOptionsHoldingTheSeparator: Google Forms joins the options
// ticked with ", ", also when an option holds one ("Kreditkarte,
// Debitkarte"). init split it into two items, so that one tick counted
// as two; it now reads parts always ticked together, next to each other,
// in two cells or more, as one option, and says so in the draft. Parts
// ticked apart, or together once, stay apart.
func TestDraftOptionsHoldingTheSeparator(t *testing.T) {
	tests := []struct {
		name    string
		answers []string // of one checkbox question, one per municipality
		items   []string
		joined  []string // Together
	}{
		{"always together, next to each other",
			[]string{"ePayBL, Kreditkarte, Debitkarte", "PayPal", "Kreditkarte, Debitkarte, SEPA", "ePayBL, PayPal", "SEPA"},
			[]string{"ePayBL", "Kreditkarte, Debitkarte", "PayPal", "SEPA"}, []string{"Kreditkarte, Debitkarte"}},
		{"together once only",
			[]string{"ePayBL, Kreditkarte, Debitkarte", "PayPal", "ePayBL, PayPal", "SEPA"},
			[]string{"ePayBL", "Kreditkarte", "Debitkarte", "PayPal", "SEPA"}, nil},
		{"one part ticked alone",
			[]string{"ePayBL, Kreditkarte, Debitkarte", "Kreditkarte", "Kreditkarte, Debitkarte, SEPA", "ePayBL, PayPal"},
			[]string{"ePayBL", "Kreditkarte", "Debitkarte", "SEPA", "PayPal"}, nil},
		{"three parts",
			[]string{"Bund, Land, Kommune", "PayPal, Bund, Land, Kommune", "PayPal", "SEPA, PayPal"},
			[]string{"Bund, Land, Kommune", "PayPal", "SEPA"}, []string{"Bund, Land, Kommune"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var csv strings.Builder
			csv.WriteString("Zeitstempel,AGS,Welche Bezahlverfahren bieten Sie an?\n")
			for i, a := range tt.answers {
				fmt.Fprintf(&csv, "02.03.2028 10:0%d:00,1461200%d,%q\n", i, i, a)
			}
			d, err := DraftModel(strings.NewReader(csv.String()), "f.csv", DraftOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var together []string
			for _, sc := range d.Scales {
				for _, it := range sc.Items {
					got = append(got, it.Label)
				}
				together = append(together, sc.Together...)
			}
			if !slices.Equal(got, tt.items) || !slices.Equal(together, tt.joined) {
				t.Errorf("items %q, together %q; want %q, %q", got, together, tt.items, tt.joined)
			}
		})
	}
}
