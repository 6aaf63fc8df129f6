package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/fieldwork"
)

// submittedS01 serves the repository's config, where unitA answers
// S01 "teilweise" in wave 2028 and submits.
func submittedS01(t *testing.T) *serveFixture {
	t.Helper()
	f := MustServe(t, repoConfig, "")
	c := f.client(t)
	c.signIn(f.codes[unitA])
	if st, body := c.saveIn("2028", 0, map[string][]string{"S01": {"teilweise"}, "S02": {"ja"}, "S03": {"nein"}}); st != http.StatusOK {
		t.Fatalf("save: %d %s", st, body)
	}
	if st, loc, _ := c.post("/questionnaire/submit", url.Values{"confirm": {"1"}, "wave": {"2028"}, "version": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", st, loc)
	}
	return f
}

// editConfig writes the repository's config, edited, to path (its
// example files named where they are). An edit that changes nothing
// fails the test.
func editConfig(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	src, err := os.ReadFile(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	edited := edit(string(src))
	if edited == string(src) {
		t.Fatalf("the edit changes nothing in %s", repoConfig)
	}
	edited = strings.ReplaceAll(edited, "file: example/", "file: "+filepath.Join(filepath.Dir(repoConfig), "example")+"/")
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestServeModelChangedMidWave: a municipality submits S01 "teilweise",
// then the question is renamed in the model while the wave is open. check
// and run of the database exited 0 and scored the municipality without
// the answer (Strategie & Steuerung not scored, for want of answers it
// gave), and 'serve export' left the answer out; now each is an error
// naming the wave, the unit and the question, and serve does not start.
func TestServeModelChangedMidWave(t *testing.T) {
	f := submittedS01(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	editConfig(t, cfg, func(src string) string { return strings.ReplaceAll(src, "S01", "S01X") })
	want := "wave 2028: " + string(unitA) + " answered S01: questions the model does not ask in that wave"
	for _, args := range [][]string{
		{"check", "-i", "2028=sqlite:" + f.dbPath},
		{"run", "-q", "-i", "2028=sqlite:" + f.dbPath, "-o", filepath.Join(dir, "out")},
		{"serve", "export", "--db", f.dbPath, "--wave", "2028", "-o", filepath.Join(dir, "export.csv")},
	} {
		_, stderr, code := MustRun(t, append([]string{"-c", cfg}, args...)...)
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want %d with %q", strings.Join(args[:2], " "), code, stderr, exitBadInput, want)
		}
	}
	s, err := loadSettings(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Serve.DB = f.dbPath
	var warned []string
	warn := func(msg string) { warned = append(warned, msg) }
	if err := answersAsked(context.Background(), f.db, s, warn); !errors.Is(err, fieldwork.ErrNotAsked) {
		t.Errorf("serve's check before it starts: %v, want ErrNotAsked", err)
	}
	s, err = loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := answersAsked(context.Background(), f.db, s, warn); err != nil || len(warned) > 0 {
		t.Errorf("serve's check with the model the answers were given under: %v, warned %q", err, warned)
	}
	// The answer "teilweise" taken out of the scale: run and check name
	// the cell (it counts as not answered); serve starts, and says so —
	// the municipality's profile no longer counts what it submitted.
	editConfig(t, cfg, func(src string) string {
		return strings.Replace(src, "map: {ja: 1, teilweise: 0.5, nein: 0}", "map: {ja: 1, nein: 0}", 1)
	})
	if s, err = loadSettings(cfg, nil); err != nil {
		t.Fatal(err)
	}
	want = "wave 2028: " + string(unitA) + " submitted S01 \"teilweise\", which the model's scale no longer takes: it counts as not answered"
	// The edited scale is another model, too (TestServeModelEdited).
	if err := answersAsked(context.Background(), f.db, s, warn); err != nil || len(warned) != 2 || !strings.Contains(warned[1], want) {
		t.Errorf("serve's check with an answer taken out of the scale: %v, warned %q; want a warning %q", err, warned, want)
	}
}

// TestServeModelEdited: a municipality submits, then the association
// edits a point of the model while the wave is open. The municipality's
// profile now shows other figures than it was shown when it submitted,
// and nothing said so: serve warns when it starts, and check, run and
// the reports of the database name the submission (a finding of kind
// model_changed, with both fingerprints). Under the model it submitted
// under, nothing is said.
func TestServeModelEdited(t *testing.T) {
	f := submittedS01(t)
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	editConfig(t, cfg, func(src string) string {
		return strings.Replace(src, "map: {ja: 1, teilweise: 0.5, nein: 0}", "map: {ja: 1, teilweise: 0.4, nein: 0}", 1)
	})
	before, err := loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, err := loadSettings(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	old, now := before.Model.Fingerprint, after.Model.Fingerprint
	if old == "" || old == now {
		t.Fatalf("fingerprints %q and %q: want two", old, now)
	}
	for _, tc := range []struct {
		s    *settings
		warn string
	}{
		{before, ""},
		{after, "wave 2028: 1 of 1 submissions were made under another version of the model (fingerprint " + old + ", now " + now + ")"},
	} {
		tc.s.Serve.DB = f.dbPath
		var warned []string
		if err := answersAsked(context.Background(), f.db, tc.s, func(m string) { warned = append(warned, m) }); err != nil {
			t.Fatal(err)
		}
		if tc.warn == "" && len(warned) > 0 || tc.warn != "" && (len(warned) != 1 || !strings.Contains(warned[0], tc.warn)) {
			t.Errorf("serve's check under %s: warned %q, want %q", tc.s.Model.Fingerprint, warned, tc.warn)
		}
	}
	for _, tc := range []struct {
		config string
		want   int // findings of kind model_changed
	}{{repoConfig, 0}, {cfg, 1}} {
		stdout, stderr, code := MustRun(t, "-c", tc.config, "check", "--json", "-i", "2028=sqlite:"+f.dbPath)
		if code != exitOK {
			t.Fatalf("check under %s: exit %d, %s", tc.config, code, stderr)
		}
		var rep struct {
			Issues []checkIssue `json:"issue_list"`
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		var got []checkIssue
		for _, is := range rep.Issues {
			if is.Kind == "model_changed" {
				got = append(got, is)
			}
		}
		if len(got) != tc.want || tc.want == 1 && (got[0].Unit != unitA || got[0].Wave != "2028" ||
			!strings.Contains(got[0].Message, "fingerprint "+old+" and is now scored under the model "+now)) {
			t.Errorf("check under %s: model_changed findings %+v, want %d naming %s, %s and %s", tc.config, got, tc.want, unitA, old, now)
		}
	}
	// The terminal says it in the report language.
	stdout, _, _ := MustRun(t, "-c", cfg, "check", "-i", "2028=sqlite:"+f.dbPath)
	if want := string(unitA) + " hat unter dem Modell mit der Kennung " + old + " eingereicht und wird jetzt nach dem seither geänderten Modell " + now + " bewertet"; !strings.Contains(stdout, want) {
		t.Errorf("check's text does not say %q:\n%s", want, stdout)
	}
}

// TestServeExportKeepsOthersFiles: 'serve export -o umfrage_2028.csv'
// replaced the survey file of that name, a LimeSurvey export the run
// reads, without a word (codes, template and backup keep an existing
// file unless --force). An earlier export of the database is still
// replaced, as a daily export is; anything else only with --force.
func TestServeExportKeepsOthersFiles(t *testing.T) {
	f := MustServe(t, repoConfig, "")
	dir := t.TempDir()
	foreign := filepath.Join(dir, "umfrage_2028.csv")
	const theirs = "id;submitdate;S01\n1;2028-03-01 10:00:00;ja\n"
	if err := os.WriteFile(foreign, []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	export := func(out string, more ...string) (string, int) {
		_, stderr, code := MustRun(t, append([]string{"-c", repoConfig, "serve", "export", "--db", f.dbPath, "--wave", "2028", "-o", out, "-q"}, more...)...)
		return stderr, code
	}
	stderr, code := export(foreign)
	if b, _ := os.ReadFile(foreign); code != exitBadInput || string(b) != theirs || !strings.Contains(stderr, foreign+" exists and is no export of this database's answers") {
		t.Errorf("export over another file: exit %d, stderr %q, the file now %q; want %d, the file kept", code, stderr, b, exitBadInput)
	}
	daily := filepath.Join(dir, "antworten_2028.csv")
	for _, args := range [][]string{nil, nil} {
		if stderr, code := export(daily, args...); code != 0 {
			t.Errorf("export over an earlier export: exit %d, %s", code, stderr)
		}
	}
	if stderr, code := export(foreign, "--force"); code != 0 {
		t.Errorf("export --force over another file: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(foreign); !strings.HasPrefix(string(b), "\ufeffags;gemeinde;landkreis;einwohner;eingang;") {
		t.Errorf("after --force the file holds %.60q", b)
	}
}
