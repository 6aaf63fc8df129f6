package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestServePlainFormAnswerAndCode: without the page's script a form post
// carries both the number typed (or the items ticked) and the missing
// code chosen beside it — the script clears one when the other is set,
// a browser without it does not. The code always won: 40 typed over a
// stored "weiß nicht" was dropped, and the page said saved. Now the one
// that differs from the stored answer is the user's change and is saved;
// both new is refused (422) and nothing is saved. P06 is a number (0 to
// 100), O03 a multi-select of ePayBL, PayPal, Kreditkarte, giropay,
// SEPA-Lastschrift joined with ';'.
func TestServePlainFormAnswerAndCode(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	c := f.client(t)
	c.signIn(f.codes[unitA])
	ctx := context.Background()
	version := 0
	for _, tt := range []struct {
		name    string
		q       string
		stored  []string // the answer before the post, as the script saves it
		answer  []string // a:q
		missing string   // m:q
		want    string   // the answer stored after it
		status  int      // of the plain post
	}{
		{"number typed over a stored code", "P06", []string{"m:weiß nicht"}, []string{"40"}, "weiß nicht", "40", http.StatusSeeOther},
		{"code chosen over a stored number", "P06", []string{"40"}, []string{"40"}, "weiß nicht", "weiß nicht", http.StatusSeeOther},
		{"code and number both new", "P06", []string{""}, []string{"40"}, "nicht zutreffend", "", http.StatusUnprocessableEntity},
		{"code and another number", "P06", []string{"40"}, []string{"55"}, "weiß nicht", "40", http.StatusUnprocessableEntity},
		{"items ticked over a stored none", "O03", []string{"m:none"}, []string{"giropay", "PayPal"}, "none", "PayPal;giropay", http.StatusSeeOther},
		{"code chosen over stored items", "O03", []string{"PayPal", "giropay"}, []string{"PayPal", "giropay"}, "weiß nicht", "weiß nicht", http.StatusSeeOther},
		{"none chosen over stored items", "O03", []string{"PayPal", "giropay"}, []string{"PayPal", "giropay"}, "none", ";", http.StatusSeeOther},
		{"number alone", "P06", []string{"m:weiß nicht"}, []string{"12,5"}, "", "12,5", http.StatusSeeOther},
		{"code alone", "P06", []string{"12,5"}, nil, "weiß nicht", "weiß nicht", http.StatusSeeOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The stored answer, as the script saves it.
			st, body := c.save(version, map[string][]string{tt.q: tt.stored})
			var saved struct{ Version int }
			if err := json.Unmarshal([]byte(body), &saved); st != http.StatusOK || err != nil {
				t.Fatalf("storing %q: %d %s", tt.stored, st, body)
			}
			version = saved.Version
			form := url.Values{"wave": {"2028"}, "version": {strconv.Itoa(version)}, "q": {tt.q},
				"a:" + tt.q: tt.answer, "m:" + tt.q: {tt.missing}}
			if st, _, _ := c.post("/questionnaire/save", form); st != tt.status {
				t.Errorf("plain post of %q and %q: %d, want %d", tt.answer, tt.missing, st, tt.status)
			}
			s, err := f.db.Sheet(ctx, "2028", unitA)
			if err != nil {
				t.Fatal(err)
			}
			version = s.Version
			if got := s.Answers[scoring.QuestionID(tt.q)]; got != tt.want {
				t.Errorf("stored %q, want %q", got, tt.want)
			}
		})
	}
}
