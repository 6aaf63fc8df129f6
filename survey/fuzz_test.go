package survey

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// FuzzReadCSV reads arbitrary bytes as a CSV export. Read must not panic,
// and whatever it returns must account for rows exactly once: no row is
// both a response and a reject, or two responses.
func FuzzReadCSV(f *testing.F) {
	for _, fx := range fixtures {
		if strings.HasSuffix(fx.file, ".csv") {
			if b, err := fx.write(); err == nil {
				f.Add(b)
			}
		}
	}
	m := mustModel(f)
	reg := mustRegister(f, "sachsen")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, opt := range []Options{
			{UnitsAreMunicipalities: true, Register: reg},
			{Duplicates: RejectAll, Incomplete: DropIncomplete, WaveColumn: "welle"},
		} {
			ds, err := Read(bytes.NewReader(b), "f.csv", m, opt)
			if err != nil {
				continue
			}
			checkAccounting(t, ds, m, "f.csv", opt.UnitsAreMunicipalities)
			scoring.Score(m, ds) // must not panic on anything the importer lets through
		}
	})
}

// checkAccounting asserts what every read must give, whatever the input:
// each row is exactly one response or one reject; a response has a unit
// and an answer per question (an AGS when units are municipalities); a
// reject names its file and a reason, and every reject and issue its
// cause with as many args as the cause's sentence names.
func checkAccounting(t *testing.T, ds *scoring.Dataset, m *scoring.Model, file string, municipalities bool) {
	t.Helper()
	rows := map[int]string{}
	see := func(row int, what string) {
		if row <= 0 {
			t.Fatalf("%s without a row", what)
		}
		if prev, dup := rows[row]; dup {
			t.Fatalf("row %d is both %s and %s", row, prev, what)
		}
		rows[row] = what
	}
	for _, r := range ds.Responses {
		see(r.Row, "a response")
		if r.Unit.ID == "" || r.Answers.Len() != len(m.Questions) {
			t.Fatalf("response %+v", r)
		}
		if municipalities {
			if _, ok := NormaliseAGS(string(r.Unit.ID)); !ok {
				t.Fatalf("response with AGS %q", r.Unit.ID)
			}
		}
	}
	for _, r := range ds.Rejects {
		see(r.Row, "a reject: "+r.Reason)
		if r.Reason == "" || r.File != file {
			t.Fatalf("reject %+v", r)
		}
		if r.Cause.Args() != len(r.Args) {
			t.Fatalf("reject without its cause for the reports (scoring.Cause): %+v", r)
		}
	}
	for _, is := range ds.Issues {
		if is.Cause.Args() != len(is.Args) {
			t.Fatalf("issue without its cause for the reports (scoring.Cause): %+v", is)
		}
	}
}

// FuzzHeaderMapping maps arbitrary headers. mapHeader must not panic, and
// a question it finds must be named by its column: by code, text, alias
// or code heading, or, for a multi-select question, by the column's base.
func FuzzHeaderMapping(f *testing.F) {
	for _, h := range []string{
		"ags\tS01\tS02",
		"AGS\tGibt es eine beschlossene\nDigitalisierungsstrategie?\tO03[ePayBL]\tO03[karte]",
		"id\tsubmitdate\tAGS\tS01. Gibt es\tO03[other]",
		"CASE\tSERIAL\tags\tO03\tO03_01\tO03_02",
		"Zeitstempel\tAGS\tInformationssicherheit [Notfallkonzept]\tWelche Bezahlverfahren bieten Sie an?",
		"ags\t<b>S02</b>\tS02&nbsp;",
	} {
		f.Add(h)
	}
	m := mustModel(f)
	f.Fuzz(func(t *testing.T, s string) {
		hdr := strings.Split(s, "\t")
		if len(hdr) > 64 {
			return
		}
		hm := newHeaderMatcher(m, &Options{})
		p, err := hm.mapHeader(hdr)
		if err != nil {
			return
		}
		used := map[int]bool{}
		for q, f := range p.direct {
			if f < 0 {
				continue
			}
			if used[f] {
				t.Fatalf("column %d mapped twice", f+1)
			}
			used[f] = true
			if !names(m.Questions[q], hdr[f]) {
				t.Fatalf("question %s mapped to unrelated header %q", m.Questions[q].ID, hdr[f])
			}
		}
		for _, mc := range p.multi {
			for _, ic := range mc.items {
				h := hdr[ic.field]
				i := max(strings.LastIndexByte(h, '['), strings.LastIndexByte(h, '_'))
				if i <= 0 || !names(m.Questions[mc.q], h[:i]) {
					t.Fatalf("item column %q is not of question %s", h, m.Questions[mc.q].ID)
				}
			}
		}
	})
}

// names reports whether a header names a question, by the rules of the
// header index.
func names(q *scoring.Question, h string) bool {
	nh := normHeader(h)
	keys := append([]string{string(q.ID), q.Text}, q.Aliases...)
	if strings.TrimSpace(h) == string(q.ID) || slices.ContainsFunc(keys, func(k string) bool { return normHeader(k) == nh }) {
		return true
	}
	code, _, ok := strings.Cut(strings.TrimSpace(h), ". ")
	return ok && names(q, code)
}
