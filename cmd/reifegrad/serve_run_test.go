package main

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// exampleSheets reads the first n rows of the bundled 2028 wave: unit and
// answer by question ID, as a municipality would give them.
func exampleSheets(tb testing.TB, n int) ([]scoring.UnitID, []map[string]string) {
	tb.Helper()
	b, err := os.ReadFile("../../example/umfrage_2028.csv")
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var ids []scoring.UnitID
	var answers []map[string]string
	for _, row := range rows[1 : n+1] {
		ids = append(ids, scoring.UnitID(row[0]))
		a := map[string]string{}
		for i, h := range rows[0][3:] {
			a[h] = row[3+i]
		}
		answers = append(answers, a)
	}
	return ids, answers
}

// formAnswers turns raw cells into the fields the questionnaire posts:
// missing codes beside numbers and multi-selects as m:, ticked items by
// code. Cells the scale does not read are left out: the form could not
// send them.
func formAnswers(m *scoring.Model, cells map[string]string) map[string][]string {
	out := map[string][]string{}
	for _, q := range m.Questions {
		raw, ok := cells[string(q.ID)]
		if !ok {
			continue
		}
		sc := q.Scale
		a := sc.Parse(raw)
		switch {
		case a.Status == scoring.Invalid:
			continue
		case a.Status == scoring.Blank:
			out[string(q.ID)] = []string{""}
		case sc.Kind == scoring.ScaleMap:
			out[string(q.ID)] = []string{raw}
		case a.Status != scoring.Answered:
			out[string(q.ID)] = []string{"m:" + raw}
		case sc.Kind == scoring.ScaleNumeric:
			out[string(q.ID)] = []string{raw}
		default:
			var items []string
			for part := range strings.SplitSeq(raw, separatorOf(sc)) {
				for _, it := range sc.Items {
					if strings.EqualFold(strings.TrimSpace(part), it.Code) || strings.EqualFold(strings.TrimSpace(part), it.Label) {
						items = append(items, it.Code)
					}
				}
			}
			if len(items) == 0 {
				items = []string{"m:none"}
			}
			out[string(q.ID)] = items
		}
	}
	return out
}

func separatorOf(sc *scoring.Scale) string {
	if sc.Separator == "" {
		return ";"
	}
	return sc.Separator
}

// TestServeLiveEqualsRun: 60 municipalities answer through the server
// and submit. Each live profile is the page run writes from the export
// (only the assets' path differs), the overview is run's overview, and
// run scores the export and the database (-i 2028=sqlite:…) alike.
func TestServeLiveEqualsRun(t *testing.T) {
	// The same report date for run and the live pages (run's default is
	// today, the live server shows only a date that is set).
	t.Setenv("REIFEGRAD_REPORT_DATE", "2026-12-05")
	f := MustServe(t, repoConfig, "")
	ids, sheets := exampleSheets(t, 60)
	clients := map[scoring.UnitID]*client{}
	for i, id := range ids {
		c := f.client(t)
		c.signIn(f.codes[id])
		st, body := c.save(0, formAnswers(f.s.Model, sheets[i]))
		if st != http.StatusOK {
			t.Fatalf("%s: save: %d %s", id, st, body)
		}
		c.get("/questionnaire")
		if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther || loc != "/profile" {
			t.Fatalf("%s: submit: %d %s", id, st, loc)
		}
		clients[id] = c
	}
	admin := f.client(t)
	admin.adminSignIn()
	st, export := admin.get("/admin/waves/2028/export.csv")
	if st != http.StatusOK {
		t.Fatalf("export: %d", st)
	}
	file := filepath.Join(f.dir, "antworten_2028.csv")
	MustRunIn(t, "", "-c", repoConfig, "serve", "export", "--db", f.dbPath, "--wave", "2028", "-o", file, "-q")
	cli, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(cli) != export {
		t.Error("serve export and /admin/waves/2028/export.csv differ")
	}
	if n := strings.Count(export, "\n"); n != 61 {
		t.Errorf("export has %d lines, want a header and 60 rows", n)
	}
	fromFile, fromDB := filepath.Join(f.dir, "out-file"), filepath.Join(f.dir, "out-db")
	MustRunIn(t, "", "-c", repoConfig, "-i", "2028="+file, "-o", fromFile, "-q")
	MustRunIn(t, "", "-c", repoConfig, "-i", "2028=sqlite:"+f.dbPath, "-o", fromDB, "-q")
	// Without a wave: every wave with submissions (here 2028 alone).
	fromAll := filepath.Join(f.dir, "out-all")
	MustRunIn(t, "", "-c", repoConfig, "-i", "sqlite:"+f.dbPath, "-o", fromAll, "-q")
	for _, name := range []string{"scores.csv", "overview.html"} {
		a, _ := os.ReadFile(filepath.Join(fromFile, name))
		b, _ := os.ReadFile(filepath.Join(fromDB, name))
		c, _ := os.ReadFile(filepath.Join(fromAll, name))
		if len(a) == 0 || !bytes.Equal(a, b) || !bytes.Equal(a, c) {
			t.Errorf("%s: run from the export and from the database differ (or are empty)", name)
		}
	}
	scores := readCSV(t, filepath.Join(fromFile, "scores.csv"))
	overall := 0
	for _, row := range scores[1:] {
		if row[3] == "overall" && row[6] != "" {
			overall++
		}
	}
	if overall < 50 {
		t.Errorf("only %d of 60 municipalities have an overall score in run's scores.csv", overall)
	}
	for _, id := range ids {
		want, err := os.ReadFile(filepath.Join(fromFile, "profiles", string(id)+".html"))
		if err != nil {
			t.Fatal(err)
		}
		st, live := clients[id].get("/profile?wait")
		if st != http.StatusOK {
			t.Fatalf("%s: profile: %d", id, st)
		}
		if got := strings.ReplaceAll(live, `"/assets/`, `"../assets/`); got != string(want) {
			t.Errorf("%s: the live profile differs from run's profiles/%s.html", id, id)
		}
	}
	want, _ := os.ReadFile(filepath.Join(fromFile, "overview.html"))
	if st, got := admin.get("/admin/overview.html?wait"); st != http.StatusOK || got != string(want) {
		t.Errorf("the live overview (status %d) differs from run's overview.html", st)
	}
}
