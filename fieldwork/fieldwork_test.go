package fieldwork_test

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// MustModel parses testdata/model.yaml.
func MustModel(tb testing.TB) *scoring.Model {
	tb.Helper()
	src, err := os.ReadFile("testdata/model.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	m, err := scoring.ParseModel("testdata/model.yaml", src)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func seeded(b byte) *rand.ChaCha8 {
	var s [32]byte
	s[0] = b
	return rand.NewChaCha8(s)
}

func TestCode(t *testing.T) {
	c, err := fieldwork.NewCode(seeded(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 20 {
		t.Fatalf("code %q has %d symbols, want 20", c, len(c))
	}
	s := c.String()
	if len(s) != 24 || strings.Count(s, "-") != 4 {
		t.Errorf("String() = %q, want five groups of four", s)
	}
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"as printed", s, true},
		{"lower case, spaces", strings.ToLower(strings.ReplaceAll(s, "-", " ")), true},
		{"no separators", string(c), true},
		{"too short", s[:23], false},
		{"too long", s + "0", false},
		{"letter U", "U" + s[1:], false},
		{"non-ASCII", "Ä" + s[1:], false},
		{"empty", "", false},
		{"huge", strings.Repeat("A", 1000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fieldwork.ParseCode(tt.in)
			if ok != tt.ok || (ok && got != c) {
				t.Errorf("ParseCode(%q) = %q, %v; want %v", tt.in, got, ok, tt.ok)
			}
		})
	}
	// Crockford: O reads as 0, I and L as 1.
	if got, ok := fieldwork.ParseCode("OILO-0000-0000-0000-0000"); !ok || got != "01100000000000000000" {
		t.Errorf("ParseCode with O, I, L = %q, %v", got, ok)
	}
	if !c.Matches(c.Hash()) {
		t.Error("a code does not match its own hash")
	}
	d, _ := fieldwork.NewCode(seeded(2))
	if c.Matches(d.Hash()) || c == d {
		t.Error("two codes from different seeds match")
	}
}

// TestCodeEntropy checks that each symbol of a code takes every one of
// the 32 values about equally often: 100 bits, not fewer.
func TestCodeEntropy(t *testing.T) {
	var counts [20][256]int
	const n = 3200
	r := seeded(3)
	for range n {
		c, err := fieldwork.NewCode(r)
		if err != nil {
			t.Fatal(err)
		}
		for i := range len(c) {
			counts[i][c[i]]++
		}
	}
	for i := range counts {
		distinct := 0
		for _, k := range counts[i] {
			if k > 0 {
				distinct++
				// Expected 100 each; a fair source stays within ±50.
				if k < 50 || k > 150 {
					t.Errorf("symbol %d: a value drawn %d times of %d", i, k, n)
				}
			}
		}
		if distinct != 32 {
			t.Errorf("symbol %d takes %d values, want 32", i, distinct)
		}
	}
}

func FuzzParseCode(f *testing.F) {
	f.Add("K7QM-2XBD-9F3T-HW4C-0RZP")
	f.Add("oilo 0000 0000 0000 0000")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := fieldwork.ParseCode(s)
		if !ok {
			return
		}
		// A parsed code prints in groups and parses back to itself.
		again, ok := fieldwork.ParseCode(c.String())
		if !ok || again != c || len(c) != 20 {
			t.Fatalf("ParseCode(%q) = %q, printed %q, parsed back %q, %v", s, c, c.String(), again, ok)
		}
	})
}

func TestPassword(t *testing.T) {
	// Cheap parameters: the test checks the format, not the cost.
	p := fieldwork.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	h, err := fieldwork.HashPassword("korrekt Pferd Batterie", seeded(4), p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not in PHC format", h)
	}
	h2, _ := fieldwork.HashPassword("korrekt Pferd Batterie", seeded(5), p)
	if h == h2 {
		t.Error("two hashes of one password with different salts are equal")
	}
	tests := []struct {
		pw, hash string
		ok       bool
		err      bool
	}{
		{"korrekt Pferd Batterie", h, true, false},
		{"korrekt Pferd Batterie ", h, false, false},
		{"", h, false, false},
		{"korrekt Pferd Batterie", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA", false, true},
		{"korrekt Pferd Batterie", "plain", false, true},
		{"korrekt Pferd Batterie", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", false, true},
	}
	for _, tt := range tests {
		ok, err := fieldwork.CheckPassword(tt.pw, tt.hash)
		if ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("CheckPassword(%q, %q) = %v, %v", tt.pw, tt.hash, ok, err)
		}
	}
	if _, err := fieldwork.HashPassword("kurz", seeded(6), p); !errors.Is(err, fieldwork.ErrWeakPassword) {
		t.Errorf("short password: got %v, want ErrWeakPassword", err)
	}
}

func TestClean(t *testing.T) {
	m := MustModel(t)
	tests := []struct {
		q, raw, want string
		err          bool
	}{
		{"Q1", "ja", "ja", false},
		{"Q1", "Ja", "Ja", false}, // the scale ignores case; stored as sent
		{"Q1", "vielleicht", "", true},
		{"Q1", "weiß nicht", "weiß nicht", false},
		{"Q1", "nicht zutreffend", "nicht zutreffend", false},
		{"Q1", "-9", "", false}, // a declared blank code is no answer
		{"Q1", "  ", "", false},
		{"Q1", "", "", false},
		{"Q2", "37,5", "37,5", false},
		{"Q2", "101", "", true},
		{"Q2", "-1", "", true},
		{"Q2", "viel", "", true},
		{"Q3", "a;c", "a;c", false},
		{"Q3", "Alpha;Beta", "Alpha;Beta", false},
		{"Q3", "a;x", "", true},
		{"Q3", "entfällt", "entfällt", false},
		{"Q4", "gut", "gut", false},
		{"Q4", "<script>alert(1)</script>", "", true}, // unlisted answers score, but no form offers them
		{"Q1", "ja\x00", "", true},
		{"Q1", "ja\n", "", true},
		{"Q1", "\xff", "", true},
		{"Q1", strings.Repeat("j", fieldwork.MaxAnswerLength+1), "", true},
	}
	for _, tt := range tests {
		got, err := fieldwork.Clean(m.Question(scoring.QuestionID(tt.q)), tt.raw)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("Clean(%s, %q) = %q, %v; want %q, error %v", tt.q, tt.raw, got, err, tt.want, tt.err)
		}
		if err != nil && !errors.Is(err, fieldwork.ErrInvalidAnswer) {
			t.Errorf("Clean(%s, %q): error %v is not ErrInvalidAnswer", tt.q, tt.raw, err)
		}
	}
}

func FuzzClean(f *testing.F) {
	m, err := scoring.ParseModel("model.yaml", must(os.ReadFile("testdata/model.yaml")))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"ja", "37,5", "a;c", "weiß nicht", "", "<b>"} {
		f.Add(0, s)
	}
	f.Fuzz(func(t *testing.T, qi int, raw string) {
		q := m.Questions[(qi%len(m.Questions)+len(m.Questions))%len(m.Questions)]
		got, err := fieldwork.Clean(q, raw)
		if err != nil {
			return
		}
		// What Clean keeps, the scale reads as an answer or a missing
		// code, never as invalid.
		if st := q.Scale.Parse(got).Status; got != "" && st == scoring.Invalid {
			t.Fatalf("Clean(%s, %q) kept %q, which the scale reads as invalid", q.ID, raw, got)
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestOffered(t *testing.T) {
	m := MustModel(t)
	codes := func(q string) string {
		var s []string
		for _, c := range fieldwork.Offered(m, m.Question(scoring.QuestionID(q)).Scale) {
			s = append(s, c.Code+"="+c.Status.String())
		}
		return strings.Join(s, ",")
	}
	if got, want := codes("Q1"), "weiß nicht=unknown,nicht zutreffend=not_applicable"; got != want {
		t.Errorf("Offered for Q1 = %s, want %s", got, want)
	}
	if got, want := codes("Q3"), "weiß nicht=unknown,nicht zutreffend=not_applicable,entfällt=not_applicable"; got != want {
		t.Errorf("Offered for Q3 = %s, want %s", got, want)
	}
}

func TestCount(t *testing.T) {
	m := MustModel(t)
	a := map[scoring.QuestionID]string{"Q1": "ja", "Q2": "weiß nicht", "Q3": "-9", "X9": "ja"}
	// Q1 and Q2 count ("weiß nicht" is an answer given); -9 is blank, X9
	// is no question of the model.
	if got := fieldwork.Count(m, a); got != 2 {
		t.Errorf("Count = %d, want 2", got)
	}
}

var units = []scoring.Unit{
	{ID: "14511000", Name: "Chemnitz, Stadt", District: "Chemnitz", Population: 250681},
	{ID: "14612000", Name: "Dresden, Stadt", District: "Dresden", Population: 563011},
	{ID: "14730300", Name: "Taucha, Stadt", District: "Nordsachsen", Population: 15781},
	{ID: "14730310", Name: "Torgau", District: "Nordsachsen", Population: 19839},
	{ID: "14730320", Name: "Niemandsland"},
}

func TestProgress(t *testing.T) {
	m := MustModel(t)
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	sheets := []fieldwork.Sheet{
		{Unit: "14612000", Version: 3, SubmittedVersion: 3},
		{Unit: "14730300", Version: 2, Updated: at},
		{Unit: "14730310", Version: 5, SubmittedVersion: 4},
	}
	all, groups := fieldwork.ProgressOf(m, units, sheets)
	if all != (fieldwork.Progress{Units: 5, Submitted: 2, Started: 1}) {
		t.Errorf("all: %+v", all)
	}
	if all.Share() != 0.4 {
		t.Errorf("share %v, want 0.4", all.Share())
	}
	if len(groups) != 2 {
		t.Fatalf("%d peer groups, want 2", len(groups))
	}
	want := []fieldwork.Progress{
		{Group: "Chemnitz", Units: 1},
		{Group: "Dresden", Units: 1, Submitted: 1},
		{Group: "Nordsachsen", Units: 2, Submitted: 1, Started: 1},
		{Group: "", Units: 1},
	}
	if got := groups[0].Groups; !equalProgress(got, want) {
		t.Errorf("by district: %+v, want %+v", got, want)
	}
	// BBSR classes by population; Niemandsland has none.
	wantSizes := []fieldwork.Progress{
		{Group: "10.000 bis unter 20.000", Units: 2, Submitted: 1, Started: 1},
		{Group: "100.000 bis unter 500.000", Units: 1},
		{Group: "500.000 und mehr", Units: 1, Submitted: 1},
		{Group: "", Units: 1},
	}
	if got := groups[1].Groups; !equalProgress(got, wantSizes) {
		t.Errorf("by size class: %+v, want %+v", got, wantSizes)
	}
	rem := fieldwork.Reminders(units, sheets)
	var ids []string
	for _, r := range rem {
		ids = append(ids, string(r.Unit.ID)+map[bool]string{true: "+", false: ""}[r.Started])
	}
	if got, want := strings.Join(ids, " "), "14511000 14730300+ 14730320"; got != want {
		t.Errorf("reminders: %s, want %s", got, want)
	}
	if !rem[1].Updated.Equal(at) {
		t.Errorf("reminder of a started sheet: updated %v, want %v", rem[1].Updated, at)
	}
}

func equalProgress(a, b []fieldwork.Progress) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWriteCSV(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("MEZ", 3600) // the server's zone; no test here runs in parallel
	t.Cleanup(func() { time.Local = local })
	m := MustModel(t)
	at := time.Date(2026, 3, 2, 10, 4, 5, 0, time.UTC)
	sheets := []fieldwork.Sheet{
		{Unit: "14730300", Submitted: at, Answers: map[scoring.QuestionID]string{"Q1": "ja", "Q2": "37,5", "Q3": "a;c"}},
		{Unit: "14612000", Submitted: at.Add(time.Hour), Answers: map[scoring.QuestionID]string{"Q1": "weiß nicht", "Q4": `gut "so"`}},
	}
	var b bytes.Buffer
	if err := fieldwork.WriteCSV(&b, m, units, sheets, fieldwork.Columns{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "export.csv")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("export differs from %s:\n%s", golden, b.String())
	}
	// The time of receipt is the one the pages show (the server's local
	// time), with its offset: a bare "2026-03-02 10:04:05" was UTC, an
	// hour off the "eingereicht am 02.03.2026 11:04" of the profile, and
	// an importer that compares times as written, as one zone, compared
	// it with other files' local times.
	if want := ";2026-03-02T11:04:05+01:00;ja;"; !strings.Contains(b.String(), want) {
		t.Errorf("the time of receipt of 14730300: want %q in\n%s", want, b.String())
	}
	// The importer compares it as written, as a tool of the server's
	// zone would stamp the same submission.
	r, asWritten := scoring.Response{Received: "2026-03-02T11:04:05+01:00"}, scoring.Response{Received: "2026-03-02 11:04:05"}
	if got, want := r.ReceivedAt(), asWritten.ReceivedAt(); got != want || got == 0 {
		t.Errorf("the time of receipt reads back as %v, want %v (as written)", got, want)
	}
	b.Reset()
	err = fieldwork.WriteCSV(&b, m, units[:1], sheets, fieldwork.Columns{})
	if !errors.Is(err, fieldwork.ErrNotFound) {
		t.Errorf("export of a sheet whose unit is unknown: got %v, want ErrNotFound", err)
	}
}

// TestWriteCSVUnaskedAnswer: a submitted answer to a question the
// wave's questionnaire does not ask (the model changed while the wave was
// open: the question renamed or removed) is an error naming the unit and
// the question — the export silently left it out, and the unit's
// dimension was scored, or not, without it. A cleared answer is none.
func TestWriteCSVUnaskedAnswer(t *testing.T) {
	m := MustModel(t)
	sheets := []fieldwork.Sheet{
		{Wave: "2026", Unit: "14730300", Answers: map[scoring.QuestionID]string{"Q1": "ja", "Q1alt": "teilweise", "Q9": ""}},
		{Wave: "2026", Unit: "14612000", Answers: map[scoring.QuestionID]string{"Q1": "nein", "Q9": "ja"}},
	}
	var b bytes.Buffer
	err := fieldwork.WriteCSV(&b, m, units, sheets, fieldwork.Columns{})
	want := "wave 2026: 14612000 answered Q9, 14730300 answered Q1alt: questions the model does not ask in that wave"
	if !errors.Is(err, fieldwork.ErrNotAsked) || !strings.Contains(err.Error(), want) {
		t.Errorf("WriteCSV: %v\nwant ErrNotAsked with %q", err, want)
	}
	sheets[0].Answers, sheets[1].Answers = map[scoring.QuestionID]string{"Q1": "ja", "Q9": ""}, nil
	if err := fieldwork.WriteCSV(&b, m, units, sheets, fieldwork.Columns{}); err != nil {
		t.Errorf("WriteCSV with a cleared answer to Q9: %v", err)
	}
}

// TestEmptyCells: "none of these" and "left open" stay apart in the
// export whatever a scale reads an empty cell as.
func TestEmptyCells(t *testing.T) {
	m := MustModel(t)
	for _, id := range []scoring.QuestionID{"Q3", "Q5"} {
		sc := m.Question(id).Scale
		if a := sc.Parse(fieldwork.NoneTicked(sc)); a.Status != scoring.Answered || a.Value != 0 {
			t.Errorf("%s: NoneTicked reads as %+v, want answered with no item", id, a)
		}
		cell, ok := fieldwork.NotAnsweredCell(m, sc)
		if !ok || sc.Parse(cell).Status != scoring.Blank {
			t.Errorf("%s: NotAnsweredCell = %q, %v; it must read as not answered", id, cell, ok)
		}
	}
	if cell, _ := fieldwork.NotAnsweredCell(m, m.Question("Q3").Scale); cell != "" {
		t.Errorf("Q3 (empty cell = not answered): left open is %q, want empty", cell)
	}
	if cell, _ := fieldwork.NotAnsweredCell(m, m.Question("Q5").Scale); cell != "-9" {
		t.Errorf("Q5 (empty: none): left open is %q, want the model's first blank code -9", cell)
	}
	if err := fieldwork.CheckModel(m); err != nil {
		t.Errorf("CheckModel: %v", err)
	}
	src := []byte(`model:
  name: Ohne
  levels: {method: threshold, bands: [{level: 1, name: A, min: 0}]}
  scales:
    keins: {type: multi, empty: none, items: [x, y]}
  questions: [{id: Q1, scale: keins}]
  dimensions: [{id: d, indicators: [{id: i, question: Q1}]}]
`)
	bad, err := scoring.ParseModel("ohne.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if err := fieldwork.CheckModel(bad); !errors.Is(err, fieldwork.ErrNoBlankCode) {
		t.Errorf("CheckModel of a model without a blank code: got %v, want ErrNoBlankCode", err)
	}
	var b bytes.Buffer
	if err := fieldwork.WriteCSV(&b, bad, units, []fieldwork.Sheet{{Unit: units[0].ID}}, fieldwork.Columns{}); !errors.Is(err, fieldwork.ErrNoBlankCode) {
		t.Errorf("WriteCSV with a model without a blank code: got %v, want ErrNoBlankCode", err)
	}
}

// TestProgressSizeClassesInOrder: the response by size class lists the
// classes from the smallest, as the model orders them; by name "10.000
// bis unter 20.000" came first and "unter 5.000" — most of Saxony's
// municipalities — last. A district's groups stay by name.
func TestProgressSizeClassesInOrder(t *testing.T) {
	m := MustModel(t)
	us := []scoring.Unit{
		{ID: "1", District: "Zwickau", Population: 600000},
		{ID: "2", District: "Bautzen", Population: 3000},
		{ID: "3", District: "Meißen", Population: 60000},
		{ID: "4", District: "Bautzen", Population: 15000},
		{ID: "5", District: "Görlitz", Population: 7000},
		{ID: "6", District: "Meißen", Population: 250000},
		{ID: "7", District: "Zwickau"},
		{ID: "8", District: "Görlitz", Population: 4999},
	}
	_, groups := fieldwork.ProgressOf(m, us, nil)
	tests := []struct {
		peerGroup int
		want      []string
	}{
		{0, []string{"Bautzen", "Görlitz", "Meißen", "Zwickau"}},
		{1, []string{"unter 5.000", "5.000 bis unter 10.000", "10.000 bis unter 20.000", "50.000 bis unter 100.000",
			"100.000 bis unter 500.000", "500.000 und mehr", ""}},
	}
	for _, tt := range tests {
		var got []string
		for _, g := range groups[tt.peerGroup].Groups {
			got = append(got, g.Group)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", groups[tt.peerGroup].PeerGroup.Name, got, tt.want)
		}
	}
}

// TestInWave: a wave asks the units that exist by its time. In the
// bundled model Kurort Rathen (14628310) is part of Königstein
// (14628210) since 1 January 2027: the 2028 wave does not ask it — it
// stood in the reminders and held its district's response at 35 of 36 —
// but the 2026 wave does, and so does 2028 where it saved answers anyway.
func TestInWave(t *testing.T) {
	m, err := scoring.ParseModel("config.yaml", reifegrad.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	us := []scoring.Unit{{ID: "14612000"}, {ID: "14628210"}, {ID: "14628310"}}
	tests := []struct {
		wave   scoring.WaveID
		sheets []fieldwork.Sheet
		want   []scoring.UnitID
	}{
		{"2026", nil, []scoring.UnitID{"14612000", "14628210", "14628310"}},
		{"2028", nil, []scoring.UnitID{"14612000", "14628210"}},
		{"2028", []fieldwork.Sheet{{Unit: "14628310", Version: 1}}, []scoring.UnitID{"14612000", "14628210", "14628310"}},
		{"2028", []fieldwork.Sheet{{Unit: "14612000", Version: 2, SubmittedVersion: 2}}, []scoring.UnitID{"14612000", "14628210"}},
	}
	for _, tt := range tests {
		var got []scoring.UnitID
		for _, u := range fieldwork.InWave(m, tt.wave, us, tt.sheets) {
			got = append(got, u.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("wave %s, sheets %v: %v, want %v", tt.wave, tt.sheets, got, tt.want)
		}
	}
	// The reminders and the response of 2028 leave Rathen out.
	in := fieldwork.InWave(m, "2028", us, nil)
	all, _ := fieldwork.ProgressOf(m, in, nil)
	if all.Units != 2 || len(fieldwork.Reminders(in, nil)) != 2 {
		t.Errorf("2028: %d units, %d reminders; want 2, 2", all.Units, len(fieldwork.Reminders(in, nil)))
	}
}

// TestModelChanges: a finding for each submission made under another
// model than the one scoring it; none for a draft, for a submission under
// this model, for one whose model is unknown (made before sheets kept it)
// or when the model has no fingerprint.
func TestModelChanges(t *testing.T) {
	m := &scoring.Model{Fingerprint: "7835d4f6d808"}
	subs := []fieldwork.Sheet{
		{Wave: "2026", Unit: "14511000", Version: 2, SubmittedVersion: 2, SubmittedModel: "1cdc53190f5e"},
		{Wave: "2026", Unit: "14522080", Version: 1, SubmittedVersion: 1, SubmittedModel: "7835d4f6d808"},
		{Wave: "2026", Unit: "14612000", Version: 3, SubmittedVersion: 1}, // before the fingerprint was kept
		{Wave: "2026", Unit: "14713000", Version: 1},                      // a draft
		{Wave: "2026", Unit: "14625020", Version: 4, SubmittedVersion: 3, SubmittedModel: "aaaaaaaaaaaa"},
	}
	got := fieldwork.ModelChanges(m, "sqlite:reifegrad.db", subs)
	want := []scoring.Issue{
		{Kind: scoring.IssueModelChanged, Place: "sqlite:reifegrad.db", Wave: "2026", Unit: "14511000", Cause: scoring.CauseModelChanged,
			Args: []string{"2026", "14511000", "1cdc53190f5e", "7835d4f6d808"}},
		{Kind: scoring.IssueModelChanged, Place: "sqlite:reifegrad.db", Wave: "2026", Unit: "14625020", Cause: scoring.CauseModelChanged,
			Args: []string{"2026", "14625020", "aaaaaaaaaaaa", "7835d4f6d808"}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g := got[i]
		g.Message = ""
		if !reflect.DeepEqual(g, want[i]) {
			t.Errorf("finding %d: %+v, want %+v", i, g, want[i])
		}
		if !strings.Contains(got[i].Message, want[i].Args[2]) || !strings.Contains(got[i].Message, want[i].Args[3]) {
			t.Errorf("finding %d says %q: no fingerprints", i, got[i].Message)
		}
	}
	if got := fieldwork.ModelChanges(&scoring.Model{}, "sqlite:reifegrad.db", subs); got != nil {
		t.Errorf("a model without fingerprint: %+v, want none", got)
	}
}
