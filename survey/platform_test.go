package survey

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestDetectPlatform(t *testing.T) {
	tests := []struct {
		hdr  string
		want Platform
		why  string
	}{
		{"id,submitdate,lastpage,startlanguage,seed,AGS,G01Q01", PlatformLimeSurvey, `columns "submitdate", "id"`},
		{"Antwort ID,Datum Abgeschickt,Letzte Seite,AGS", PlatformLimeSurvey, `columns "datum abgeschickt", "antwort id"`},
		{"CASE,SERIAL,REF,QUESTNNR,MODE,STARTED,A001", PlatformSoSci, `columns "case", "serial"`},
		{"ID,Start time,Completion time,Email,Name,AGS", PlatformMSForms, `columns "id", "start time", "completion time"`},
		{"ID,Startzeit,Fertigstellungszeit,E-Mail,Name,AGS", PlatformMSForms, `columns "id", "startzeit", "fertigstellungszeit"`},
		{"Zeitstempel,E-Mail-Adresse,AGS", PlatformGoogleForms, `first column "zeitstempel"`},
		{"Timestamp,AGS,Frage", PlatformGoogleForms, `first column "timestamp"`},
		{"ags,gemeinde,eingang,S01", PlatformGeneric, "no survey tool's bookkeeping columns"},
		// "id" alone is not LimeSurvey.
		{"id,ags,S01", PlatformGeneric, "no survey tool's bookkeeping columns"},
	}
	for _, tt := range tests {
		var norm []string
		for _, h := range strings.Split(tt.hdr, ",") {
			norm = append(norm, normHeader(h))
		}
		if got, why := detectPlatform(norm); got != tt.want || why.text != tt.why {
			t.Errorf("detectPlatform(%s) = %v, %q; want %v, %q", tt.hdr, got, why, tt.want, tt.why)
		}
	}
}

func TestParsePlatform(t *testing.T) {
	for _, s := range []string{"auto", "generic", "limesurvey", "sosci", "lamapoll", "googleforms", "msforms", "qualtrics", "surveymonkey"} {
		p, err := ParsePlatform(s)
		if err != nil || p.String() != s {
			t.Errorf("ParsePlatform(%q) = %v, %v", s, p, err)
		}
	}
	if p, err := ParsePlatform("Google_Forms"); err != nil || p != PlatformGoogleForms {
		t.Errorf("ParsePlatform(Google_Forms) = %v, %v", p, err)
	}
	if _, err := ParsePlatform("typeform"); err == nil {
		t.Error("unknown format accepted")
	}
}

// readString reads a CSV export given as text.
func readString(tb testing.TB, in string, opt Options) *scoring.Dataset {
	tb.Helper()
	ds, err := Read(strings.NewReader(in), "t.csv", mustModel(tb), opt)
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

func answersOf(ds *scoring.Dataset, unit scoring.UnitID) []string {
	for _, r := range ds.Responses {
		if r.Unit.ID == unit {
			return r.Answers.Strings()
		}
	}
	return nil
}

// Question indices of the test model.
const (
	qS01 = iota
	qS02
	qO02
	qP06
	qO03
	qI01
	qI02
)

func TestLimeSurvey(t *testing.T) {
	// Full answers ("Ja"/"N/A") and code headings; one response not
	// submitted; "-oth-" for other; a multi-choice with a comment column.
	in := `"id","submitdate","lastpage","startlanguage","AGS","S01","S02","O03[epaybl]","O03[paypal]","O03[karte]","O03[lastschrift]","O03[other]","O03[epayblcomment]"
"1","2024-03-01 10:00:00","3","de","14612000","ja","N/A","Ja","Nein","Ja","Nein","","super"
"2","","1","de","14713000","N/A","trifft zu","N/A","N/A","N/A","N/A","",""
"3","2024-03-02 11:00:00","3","de","14625020","-oth-","trifft zu","","Y","","","",""
`
	t.Run("keep", func(t *testing.T) {
		ds := readString(t, in, Options{UnitsAreMunicipalities: true})
		if len(ds.Responses) != 3 {
			t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
		}
		tests := []struct {
			unit scoring.UnitID
			q    int
			want string
		}{
			{"14612000", qS01, "ja"},
			{"14612000", qS02, ""}, // N/A: not answered
			{"14612000", qO03, "epaybl;karte"},
			{"14713000", qS01, ""},
			{"14713000", qO03, ""}, // not shown
			{"14625020", qS01, "-oth-"},
			{"14625020", qO03, "paypal"},
		}
		for _, tt := range tests {
			if got := answersOf(ds, tt.unit)[tt.q]; got != tt.want {
				t.Errorf("%s question %d = %q, want %q", tt.unit, tt.q, got, tt.want)
			}
		}
		var incomplete []scoring.UnitID
		for _, is := range ds.Issues {
			if is.Kind == scoring.IssueIncomplete {
				incomplete = append(incomplete, is.Unit)
				if is.Place != "t.csv:3:2" {
					t.Errorf("incomplete issue at %s, want t.csv:3:2", is.Place)
				}
			}
		}
		if !slices.Equal(incomplete, []scoring.UnitID{"14713000"}) {
			t.Errorf("incomplete issues for %v, want [14713000]", incomplete)
		}
		// "-oth-" is not in the scale: the engine reports it with its value.
		res := scoring.Score(mustModel(t), ds)
		if !slices.ContainsFunc(res.Issues, func(i scoring.Issue) bool {
			return i.Kind == scoring.IssueUnknownAnswer && i.Question == "S01" && i.Value == "-oth-" && i.Place == "t.csv:4:6"
		}) {
			t.Errorf("no unknown-answer issue for -oth- at t.csv:4:6: %v", res.Issues)
		}
	})
	t.Run("drop", func(t *testing.T) {
		ds := readString(t, in, Options{UnitsAreMunicipalities: true, Incomplete: DropIncomplete})
		if len(ds.Responses) != 2 || len(ds.Rejects) != 1 {
			t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
		}
		r := ds.Rejects[0]
		if r.Unit != "14713000" || r.Row != 3 || !strings.Contains(r.Reason, "incomplete response") {
			t.Errorf("reject %+v", r)
		}
	})
}

func TestSoSci(t *testing.T) {
	// FINISHED 0 is incomplete; -9 not answered; -8 faulty; a residual
	// code in the question column of a multiple choice.
	in := "CASE\tSERIAL\tQUESTNNR\tS01\tS02\tO03\tO03_01\tO03_02\tO03_03\tO03_04\tO03_04a\tTIME001\tLASTDATA\tFINISHED\n" +
		"1\t14612000\tq\tja\t-9\t2\t2\t1\t2\t1\t\t20\t2024-03-01 10:00:00\t1\n" +
		"2\t14713000\tq\t-8\ttrifft zu\t0\t1\t1\t1\t1\t\t20\t2024-03-01 11:00:00\t0\n" +
		"3\t14625020\tq\tnein\ttrifft zu\t-1\t-9\t-9\t-9\t-9\t\t20\t2024-03-01 12:00:00\t1\n"
	cb := &Codebook{items: map[string]map[string]int{"zahlungsarten": {"01": 0, "02": 1, "03": 2, "04": 3}}}
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, IDColumn: "SERIAL", Codebook: cb})
	if len(ds.Responses) != 3 {
		t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
	}
	tests := []struct {
		unit scoring.UnitID
		q    int
		want string
	}{
		{"14612000", qS02, "-9"}, // the test model declares -9 itself: left alone
		{"14612000", qO03, "epaybl;karte"},
		{"14713000", qS01, ""},   // -8: faulty, not answered
		{"14713000", qO03, ";"},  // shown, nothing chosen: no item
		{"14625020", qO03, "-1"}, // residual code of the whole question
	}
	for _, tt := range tests {
		if got := answersOf(ds, tt.unit)[tt.q]; got != tt.want {
			t.Errorf("%s question %d = %q, want %q", tt.unit, tt.q, got, tt.want)
		}
	}
	if !slices.ContainsFunc(ds.Issues, func(i scoring.Issue) bool {
		return i.Kind == scoring.IssueOther && i.Question == "S01" && i.Value == "-8" && i.Place == "t.csv:3:4"
	}) {
		t.Errorf("no note for the faulty answer: %v", ds.Issues)
	}
	if !slices.ContainsFunc(ds.Issues, func(i scoring.Issue) bool { return i.Kind == scoring.IssueIncomplete && i.Unit == "14713000" }) {
		t.Error("FINISHED 0 not noted as incomplete")
	}
	// Nothing chosen scores 0, not "not answered".
	res := scoring.Score(mustModel(t), ds)
	m := res.Model
	for _, u := range res.Units {
		if u.Unit.ID == "14713000" {
			if n := u.Nodes.At(m.Node("zahlung").Index); !n.Scored() || n.Score != 0 {
				t.Errorf("nothing chosen: %+v, want scored 0", n)
			}
		}
	}
}

func TestGoogleFormsJoined(t *testing.T) {
	sc := mustModel(t).Questions[qO03].Scale
	tests := []struct {
		in, want string
	}{
		{"ePayBL, Kreditkarte, Debitkarte", "epaybl;karte"},
		{"Kreditkarte, Debitkarte, PayPal", "karte;paypal"},
		{"paypal;SEPA-Lastschrift;", "paypal;lastschrift"},
		{"", ""},
		{"PayPal, Bargeld", "PayPal, Bargeld"}, // an unknown option: left for the engine to report
	}
	for _, tt := range tests {
		if got := splitJoined(tt.in, sc, []string{", ", ";"}, nil); got != tt.want {
			t.Errorf("splitJoined(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		pf   Platform
		in   string
		want tick
	}{
		{PlatformLimeSurvey, "Y", tickOn},
		{PlatformLimeSurvey, "", tickBlank},
		{PlatformLimeSurvey, "N", tickOff},
		{PlatformLimeSurvey, "Ja", tickOn},
		{PlatformLimeSurvey, "N/A", tickBlank},
		{PlatformLimeSurvey, "1", tickOn}, // "convert Y to 1", the R and SPSS exports
		{PlatformLimeSurvey, "0", tickOff},
		{PlatformQualtrics, "1", tickOn},
		{PlatformQualtrics, "PayPal", tickOn}, // choice text
		{PlatformSurveyMonkey, "PayPal", tickOn},
		{PlatformSoSci, "2", tickOn},
		{PlatformSoSci, "1", tickOff},
		{PlatformSoSci, "-9", tickBlank},
		{PlatformGeneric, "1", tickOn},
		{PlatformGeneric, "x", tickOn},
		{PlatformGeneric, "0", tickOff},
		{PlatformGeneric, "PayPal", tickOn}, // the option's own label
		{PlatformGeneric, "vielleicht", tickInvalid},
	}
	for _, tt := range tests {
		if got := tickOf(tt.pf, tt.in, "paypal", "PayPal", false); got != tt.want {
			t.Errorf("tickOf(%v, %q) = %v, want %v", tt.pf, tt.in, got, tt.want)
		}
	}
}

// TestItemColumnsInvalid: a value a tool never writes in an item column
// makes the whole answer unknown (reported by the engine), never 0.
func TestItemColumnsInvalid(t *testing.T) {
	in := "ags;S01;O03_1;O03_2;O03[karte];O03[lastschrift]\n14612000;ja;1;vielleicht;;\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, Codebook: &Codebook{items: map[string]map[string]int{
		"zahlungsarten": {"1": 0, "2": 1}}}})
	if got := ds.Responses[0].Answers.At(qO03); got != "vielleicht" {
		t.Errorf("answer %q, want the offending value", got)
	}
	res := scoring.Score(mustModel(t), ds)
	if !slices.ContainsFunc(res.Issues, func(i scoring.Issue) bool {
		return i.Kind == scoring.IssueUnknownAnswer && i.Question == "O03" && i.Value == "vielleicht"
	}) {
		t.Errorf("no unknown-answer issue: %v", res.Issues)
	}
}

func TestMSFormsNameIsNotTheMunicipality(t *testing.T) {
	in := "ID;Start time;Completion time;Email;Name;AGS;S01\n1;3/1/24 10:00:00;3/1/24 10:10:00;anonymous;Max Mustermann;14612000;ja\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, Register: mustRegister(t, "sachsen")})
	if got := ds.Responses[0].Unit.Name; got != "Dresden, Stadt" {
		t.Errorf("unit name %q, want the register's", got)
	}
	for _, is := range ds.Issues {
		if is.Kind == scoring.IssueUnmatchedName {
			t.Errorf("issue %s", is)
		}
	}
}

func TestCodebookErrors(t *testing.T) {
	m := mustModel(t)
	in := `columns:
  X1: S99
answers:
  janein: {"1": vielleicht}
  gibtsnicht: {"1": ja}
items:
  janein: {SQ001: ja}
  zahlungsarten: {SQ001: Bargeld}
extra: 1
`
	_, err := ReadCodebook(strings.NewReader(in), "cb.yaml", m)
	if err == nil {
		t.Fatal("no error")
	}
	// yaml.v3 reports the unknown key first; fix it and the rest shows.
	if !strings.Contains(err.Error(), "extra") {
		t.Errorf("error %q does not name the unknown key", err)
	}
	_, err = ReadCodebook(strings.NewReader(strings.TrimSuffix(in, "extra: 1\n")), "cb.yaml", m)
	want := []string{
		`cb.yaml:2:7: columns: "X1": unknown question "S99"`,
		`cb.yaml:4:17: answers.janein: "1": "vielleicht" is not an answer of scale janein`,
		`cb.yaml:5:3: answers: unknown scale "gibtsnicht"`,
		`cb.yaml:7:3: items: "janein" is not a multi-select scale`,
		`cb.yaml:8:26: items.zahlungsarten: "SQ001": "Bargeld" is not an item of scale zahlungsarten`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Error("not a ParseError")
	}
}

// TestCodebookOfAnEarlierWave: the LimeSurvey export of an earlier wave,
// read with its codebook. Its question X was renamed B since, and its
// question A asked on another scale (rhythmus, rescaled onto takt). The
// codebook names X as the export's wave asked it, and gives A's codes as
// answers of rhythmus, the scale that wave asked with. Before, the
// codebook was refused (unknown question "X") and, with X left out,
// every answer of A read "not in scale": the codes were looked up under
// the rescaled scale's own id. Scores by hand: jährlich → 1, selten →
// takt's "selten" (0); ja → 1, nein → 0.
func TestCodebookOfAnEarlierWave(t *testing.T) {
	m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    takt: {map: {halbjährlich: 1, jährlich: 0.8, selten: 0}}
    rhythmus: {map: {jährlich: 1, selten: 0}}
    janein: {map: {ja: 1, nein: 0}}
  questions: [{id: A, scale: takt}, {id: B, scale: janein}]
  dimensions: [{id: d, indicators: [{id: a, question: A}, {id: b, question: B}]}]
  waves:
    - id: "1"
    - id: "2"
      changes:
        renamed: {X: B}
        rescaled: [{question: A, from: rhythmus, map: {jährlich: 1, selten: selten}}]
`))
	if err != nil {
		t.Fatal(err)
	}
	cb, err := ReadCodebook(strings.NewReader(`columns: {G01Q01: A, G01Q02: X}
answers:
  rhythmus: {A1: jährlich, A2: selten}
  janein: {A1: ja, A2: nein}
`), "cb.yaml", m)
	if err != nil {
		t.Fatal(err)
	}
	qm, err := m.Questionnaire("1")
	if err != nil {
		t.Fatal(err)
	}
	export := `"id","submitdate","lastpage","AGS","G01Q01","G01Q02"
"1","2024-03-01 10:00:00","2","u1","A1","A1"
"2","2024-03-01 11:00:00","2","u2","A2","A2"
`
	ds, err := Read(strings.NewReader(export), "lime.csv", qm, Options{Wave: scoring.Wave{ID: "1"}, IDColumn: "AGS", Codebook: cb})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(m, ds)
	tests := []struct {
		unit scoring.UnitID
		node scoring.NodeID
		want float64
	}{
		{"u1", "a", 100}, {"u1", "b", 100},
		{"u2", "a", 0}, {"u2", "b", 0},
	}
	units := map[scoring.UnitID]scoring.UnitResult{}
	for _, u := range res.Units {
		units[u.Unit.ID] = u
	}
	for _, tt := range tests {
		u, ok := units[tt.unit]
		if !ok {
			t.Fatalf("%s not scored; issues %v", tt.unit, ds.Issues)
		}
		if n := u.Nodes.At(m.Node(tt.node).Index); !n.Scored() || n.Score != tt.want {
			t.Errorf("%s, %s: %+v, want %v (issues %v)", tt.unit, tt.node, n, tt.want, ds.Issues)
		}
	}
	for _, is := range append(ds.Issues, res.Issues...) {
		t.Errorf("finding %v", is)
	}
}

// TestToolNotAnsweredIsNoTick: a multi-select whose empty cell means
// nothing ticked (empty: none, as the bundled model's) read from a tool
// that marks a question not answered in its own way — SoSci Survey's -9
// on every item, LimeSurvey's N/A, Qualtrics' -99 — scored 0 items, 0
// points, coverage 1, even where the model declares -9 not answered
// (README: "a declared missing code is missing either way"). It is now
// not answered (the scale's code for a blank), or, where the scale has
// none, the tool's code and a finding. An explicit "not ticked" on every
// item, or LimeSurvey's empty cells, stay nothing ticked. By hand: share
// of 2 items.
func TestToolNotAnsweredIsNoTick(t *testing.T) {
	const notScored = -1.0
	model := func(codes string) *scoring.Model {
		m, err := scoring.ParseModel("m.yaml", []byte(`model:
  name: T
  missing: {codes: {`+codes+`}}
  levels: {bands: [{level: 1, name: Eins, min: 0}]}
  scales:
    wahl: {type: multi, items: [a, {code: b, label: Sonstiges}], score: share, empty: none, separator: ";"}
    janein: {map: {ja: 1, nein: 0}}
  questions: [{id: M, scale: wahl}, {id: J, scale: janein}]
  dimensions: [{id: d, indicators: [{id: i, question: M}, {id: j, question: J}]}]
`))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	const (
		sosci     = "CASE\tSERIAL\tFINISHED\tid\tJ\tM_01\tM_02\n1\t\t1\tu\tja\t%s\t%s\n"
		lime      = "id,submitdate,lastpage,ags,J,M[a],M[b]\n1,2026-03-01 10:00:00,2,u,ja,%s,%s\n"
		limeOther = "id,submitdate,lastpage,ags,J,M[a],M[other]\n1,2026-03-01 10:00:00,2,u,ja,%s,%s\n"
		qual      = "StartDate,EndDate,Finished,ResponseId,id,J,M\nStart Date,End Date,Finished,Response ID,id,J,M\n" +
			`{"ImportId":"startDate"},{"ImportId":"endDate"},{"ImportId":"finished"},{"ImportId":"_recordId"},{"ImportId":"QID9"},{"ImportId":"QID1"},{"ImportId":"QID2"}` +
			"\n2026-03-01 10:00:00,2026-03-01 10:20:00,1,R_1,u,ja,%s%s\n"
	)
	tests := []struct {
		name   string
		codes  string // the model's missing codes
		format string
		a, b   string
		want   float64 // M's score, by hand
		cause  scoring.Cause
	}{
		{"sosci one ticked", `"-9": blank`, sosci, "2", "1", 50, 0},
		{"sosci none ticked", `"-9": blank`, sosci, "1", "1", 0, 0},
		{"sosci not answered", `"-9": blank`, sosci, "-9", "-9", notScored, 0},
		{"sosci faulty", `"-9": blank`, sosci, "-8", "-8", notScored, scoring.CauseFaultyAnswer},
		{"sosci not answered, no code declared", `"weiß nicht": unknown`, sosci, "-9", "-9", notScored, scoring.CauseUnknownAnswer},
		{"limesurvey N/A", `"-9": blank`, lime, "N/A", "N/A", notScored, 0},
		{"limesurvey none ticked", `"-9": blank`, lime, "", "", 0, 0},
		{"qualtrics -99", `"k.A.": blank`, qual, "-99", "", notScored, 0},
		// LimeSurvey's [other] column (item b is "Sonstiges"): N/A there
		// is no answer, not a filled-in "other" (it ticked b: 50 points).
		{"limesurvey N/A in other", `"-9": blank`, limeOther, "N/A", "N/A", notScored, 0},
		{"limesurvey other filled", `"-9": blank`, limeOther, "", "Bargeld", 50, 0},
		{"qualtrics one ticked", `"k.A.": blank`, qual, "a", "", 50, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model(tt.codes)
			cb, err := ReadCodebook(strings.NewReader(`items: {wahl: {"01": a, "02": b}}`), "cb.yaml", m)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Read(strings.NewReader(fmt.Sprintf(tt.format, tt.a, tt.b)), "f.csv", m, Options{IDColumn: "id", Codebook: cb})
			if err != nil {
				t.Fatal(err)
			}
			res := scoring.Score(m, ds)
			if len(res.Units) != 1 {
				t.Fatalf("%d units scored, want 1 (rejects %v)", len(res.Units), ds.Rejects)
			}
			got := notScored
			if n := res.Units[0].Nodes.At(m.Node("i").Index); n.Scored() {
				got = n.Score
			}
			var cause scoring.Cause
			for _, is := range append(ds.Issues, res.Issues...) {
				if is.Question == "M" {
					cause = is.Cause
				}
			}
			if got != tt.want || cause != tt.cause {
				t.Errorf("M read as %q: score %v, finding %v; want %v, %v", ds.Responses[0].Answers.At(0), got, cause, tt.want, tt.cause)
			}
		})
	}
}
