package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// The exports below join TestSameAnswersSameResults: the same answers as
// Qualtrics (three header rows, and its legacy two), SurveyMonkey (a row
// of options under the questions) and LimeSurvey with "question code &
// question text" headings write them must score exactly alike.
func init() {
	fixtures = append(fixtures,
		fixture{file: "qualtrics.csv", write: writeQualtrics, opt: plain},
		fixture{file: "qualtrics_legacy.csv", write: writeQualtricsLegacy, opt: withCodebook("qualtrics_codebook.yaml")},
		fixture{file: "qualtrics_codebook.yaml", write: func() ([]byte, error) { return []byte(qualtricsCodebook), nil }},
		fixture{file: "surveymonkey.csv", write: writeSurveyMonkey, opt: plain},
		fixture{file: "limesurvey_codetext.csv", write: writeLimeSurveyCodeText, opt: plain},
	)
}

// quoteAllCSV writes records with every field quoted, as Qualtrics and
// LimeSurvey do.
func quoteAllCSV(rows [][]string, bom bool, crlf bool) []byte {
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\ufeff")
	}
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		if crlf {
			buf.WriteString("\r\n")
		} else {
			buf.WriteString("\n")
		}
	}
	return buf.Bytes()
}

// qualtricsMeta are the columns every Qualtrics response export starts
// with: code, text and import id.
var qualtricsMeta = [][3]string{
	{"StartDate", "Start Date", `{"ImportId":"startDate","timeZone":"Europe/Berlin"}`},
	{"EndDate", "End Date", `{"ImportId":"endDate","timeZone":"Europe/Berlin"}`},
	{"Status", "Response Type", `{"ImportId":"status"}`},
	{"IPAddress", "IP Address", `{"ImportId":"ipAddress"}`},
	{"Progress", "Progress", `{"ImportId":"progress"}`},
	{"Duration (in seconds)", "Duration (in seconds)", `{"ImportId":"duration"}`},
	{"Finished", "Finished", `{"ImportId":"finished"}`},
	{"RecordedDate", "Recorded Date", `{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}`},
	{"ResponseId", "Response ID", `{"ImportId":"_recordId"}`},
	{"RecipientLastName", "Recipient Last Name", `{"ImportId":"recipientLastName"}`},
	{"RecipientFirstName", "Recipient First Name", `{"ImportId":"recipientFirstName"}`},
	{"RecipientEmail", "Recipient Email", `{"ImportId":"recipientEmail"}`},
	{"ExternalReference", "External Data Reference", `{"ImportId":"externalDataReference"}`},
	{"LocationLatitude", "Location Latitude", `{"ImportId":"locationLatitude"}`},
	{"LocationLongitude", "Location Longitude", `{"ImportId":"locationLongitude"}`},
	{"DistributionChannel", "Distribution Channel", `{"ImportId":"distributionChannel"}`},
	{"UserLanguage", "User Language", `{"ImportId":"userLanguage"}`},
}

// qualtricsQuestions are the survey's questions as Qualtrics exports
// them: Q5 a multiple-answer question split into a column per choice, Q6
// a matrix of two statements; AGS an embedded data field.
var qualtricsQuestions = [][3]string{
	{"Q1", "Gibt es eine beschlossene Digitalisierungsstrategie?", `{"ImportId":"QID1"}`},
	{"Q2", "Die Verwaltungsleitung treibt die Digitalisierung voran.", `{"ImportId":"QID2"}`},
	{"Q3", "Wie viele Leistungen bieten Sie online an?", `{"ImportId":"QID3_TEXT"}`},
	{"Q4", "Anteil papierloser Vorgänge (in %)", `{"ImportId":"QID4_TEXT"}`},
	{"Q5_1", "Welche Bezahlverfahren bieten Sie an? - ePayBL", `{"ImportId":"QID5","choiceId":"1"}`},
	{"Q5_2", "Welche Bezahlverfahren bieten Sie an? - PayPal", `{"ImportId":"QID5","choiceId":"2"}`},
	{"Q5_3", "Welche Bezahlverfahren bieten Sie an? - Kreditkarte, Debitkarte", `{"ImportId":"QID5","choiceId":"3"}`},
	{"Q5_4", "Welche Bezahlverfahren bieten Sie an? - SEPA-Lastschrift", `{"ImportId":"QID5","choiceId":"4"}`},
	{"Q6_1", "Informationssicherheit - Notfallkonzept", `{"ImportId":"QID6_1"}`},
	{"Q6_2", "Informationssicherheit - Datensicherung", `{"ImportId":"QID6_2"}`},
	{"AGS", "AGS", `{"ImportId":"AGS"}`},
}

// writeQualtrics writes a Qualtrics "Download data table" CSV with "use
// choice text": UTF-8 with BOM, every field quoted, three header rows;
// a question seen but not answered is -99.
func writeQualtrics() ([]byte, error) {
	var rows [][]string
	for r := range 3 {
		var row []string
		for _, c := range slices.Concat(qualtricsMeta, qualtricsQuestions) {
			row = append(row, c[r])
		}
		rows = append(rows, row)
	}
	for i, a := range testAnswers {
		start := a.received.Add(-12 * time.Minute)
		row := []string{start.Format("2006-01-02 15:04:05"), a.received.Format("2006-01-02 15:04:05"), "IP Address", fmt.Sprintf("192.0.2.%d", 10+i),
			"100", "720", "True", a.received.Add(time.Second).Format("2006-01-02 15:04:05"), fmt.Sprintf("R_%016x", 0xa11ce+i),
			"", "", "", "", "51.0504", "13.7373", "anonymous", "DE"}
		s01 := a.s01
		if s01 == "" {
			s01 = "-99" // seen, not answered
		}
		row = append(row, s01, a.s02, a.o02, a.p06)
		for _, it := range testItems {
			row = append(row, map[bool]string{true: it.label}[slices.Contains(a.o03, it.code)])
		}
		row = append(row, a.i01, a.i02, a.ags)
		rows = append(rows, row)
	}
	return quoteAllCSV(rows, true, true), nil
}

// qualtricsCodebook maps the legacy export's recode values onto the
// model (Qualtrics numbers choices from 1 in the order they were made).
const qualtricsCodebook = `# Qualtrics: question ids and recode values of the survey
columns:
  Q1: S01
  Q2: S02
  Q3: O02
  Q4: P06
  Q5: O03
  Q6_1: I01_01
  Q6_2: I01_02
answers:
  janein: {"1": ja, "2": teilweise, "3": nein, "4": weiß nicht, "5": nicht zutreffend}
  zustimmung: {"1": trifft zu, "2": "teils, teils", "3": trifft nicht zu}
items:
  zahlungsarten: {"1": epaybl, "2": paypal, "3": karte, "4": lastschrift}
`

// writeQualtricsLegacy writes Qualtrics' legacy CSV export: V1…V10 over
// the names of the bookkeeping columns, question ids over question
// texts, recode values, a split multiple-answer question ticked with 1.
func writeQualtricsLegacy() ([]byte, error) {
	names := []string{"ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status", "StartDate", "EndDate", "Finished"}
	var codes, texts []string
	for i, n := range names {
		codes, texts = append(codes, fmt.Sprintf("V%d", i+1)), append(texts, n)
	}
	for _, q := range qualtricsQuestions {
		codes, texts = append(codes, q[0]), append(texts, q[1])
	}
	recode := map[string]string{"ja": "1", "teilweise": "2", "nein": "3", "weiß nicht": "4", "nicht zutreffend": "5",
		"trifft zu": "1", "teils, teils": "2", "trifft nicht zu": "3"}
	rows := [][]string{codes, texts}
	for i, a := range testAnswers {
		start := a.received.Add(-12 * time.Minute)
		row := []string{fmt.Sprintf("R_%016x", 0xb0b+i), "Default Response Set", "Anonymous", "", "", fmt.Sprintf("192.0.2.%d", 10+i), "0",
			start.Format("2006-01-02 15:04:05"), a.received.Format("2006-01-02 15:04:05"), "1",
			recode[a.s01], recode[a.s02], a.o02, a.p06}
		for _, it := range testItems {
			row = append(row, map[bool]string{true: "1"}[slices.Contains(a.o03, it.code)])
		}
		row = append(row, recode[a.i01], recode[a.i02], a.ags)
		rows = append(rows, row)
	}
	return quoteAllCSV(rows, false, true), nil
}

// writeSurveyMonkey writes a SurveyMonkey "All individual responses" CSV
// (expanded): the bookkeeping columns, then a column per question, a
// multiple-choice question over a column per option (its header empty
// but the first), a matrix over a column per row; the second header row
// names each column's option; a ticked option's cell holds its label.
func writeSurveyMonkey() ([]byte, error) {
	r1 := []string{"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1",
		"AGS", "Gibt es eine beschlossene Digitalisierungsstrategie?", "Die Verwaltungsleitung treibt die Digitalisierung voran.",
		"Wie viele Leistungen bieten Sie online an?", "Anteil papierloser Vorgänge (in %)", "Welche Bezahlverfahren bieten Sie an?", "", "", "",
		"Informationssicherheit", ""}
	r2 := []string{"", "", "", "", "", "", "", "", "", "Open-Ended Response", "Response", "Response", "Open-Ended Response", "Open-Ended Response",
		"ePayBL", "PayPal", "Kreditkarte, Debitkarte", "SEPA-Lastschrift", "Notfallkonzept", "Datensicherung"}
	rows := [][]string{r1, r2}
	for i, a := range testAnswers {
		start := a.received.Add(-12 * time.Minute)
		row := []string{fmt.Sprint(114627780000 + i*7), "431122334", start.Format("01/02/2006 3:04:05 PM"), a.received.Format("01/02/2006 3:04:05 PM"),
			fmt.Sprintf("192.0.2.%d", 10+i), "", "", "", "", a.ags, a.s01, a.s02, a.o02, a.p06}
		for _, it := range testItems {
			row = append(row, map[bool]string{true: it.label}[slices.Contains(a.o03, it.code)])
		}
		row = append(row, a.i01, a.i02)
		rows = append(rows, row)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	err := w.WriteAll(rows)
	return buf.Bytes(), err
}

// writeLimeSurveyCodeText writes a LimeSurvey export with the headings
// "question code & question text" and full answers, ticks converted to
// 1 ("convert Y to 1"): the bookkeeping columns as "id. Antwort ID", the
// AGS question as "AGS. Amtlicher Gemeindeschlüssel", multiple choice
// as "G02Q03[SQ001]. Welche …? [ePayBL]".
func writeLimeSurveyCodeText() ([]byte, error) {
	const multi = "Welche Bezahlverfahren bieten Sie an?"
	hdr := []string{"id. Antwort ID", "submitdate. Datum Abgeschickt", "lastpage. Letzte Seite", "startlanguage. Start-Sprache",
		"seed. Zufallsstartwert", "startdate. Datum gestartet", "datestamp. Datum der letzten Aktivität", "AGS. Amtlicher Gemeindeschlüssel",
		"G01Q01. Gibt es eine beschlossene Digitalisierungsstrategie?", "G01Q02. Die Verwaltungsleitung treibt die Digitalisierung voran.",
		"G02Q01. Wie viele Leistungen bieten Sie online an?", "G02Q02. Anteil papierloser Vorgänge (in %)"}
	for _, it := range testItems {
		hdr = append(hdr, fmt.Sprintf("G02Q03[%s]. %s [%s]", it.ls, multi, it.label))
	}
	hdr = append(hdr, "G02Q03[other]. "+multi+" [Sonstiges]", "G03Q01[SQ001]. Informationssicherheit [Notfallkonzept]",
		"G03Q01[SQ002]. Informationssicherheit [Datensicherung]")
	rows := [][]string{hdr}
	for i, a := range testAnswers {
		ts := a.received.Format("2006-01-02 15:04:05")
		row := []string{fmt.Sprint(i + 1), ts, "3", "de", fmt.Sprint(1000 + i), ts, ts, a.ags, a.s01, a.s02, a.o02, a.p06}
		for _, it := range testItems {
			row = append(row, map[bool]string{true: "1"}[slices.Contains(a.o03, it.code)])
		}
		row = append(row, "", a.i01, a.i02)
		rows = append(rows, row)
	}
	return quoteAllCSV(rows, true, true), nil
}

// TestShapesRecognised: each export is recognised as its tool, says why,
// and counts its header rows.
func TestShapesRecognised(t *testing.T) {
	m := mustModel(t)
	tests := []struct {
		file, format, reason string
		headerRows           int
	}{
		{"qualtrics.csv", "qualtrics", `columns StartDate, EndDate, …; question texts in row 2, import ids in row 3`, 3},
		{"qualtrics_legacy.csv", "qualtrics", "legacy export: V1, V2, … over ResponseID, ResponseSet, … in row 2", 2},
		{"surveymonkey.csv", "surveymonkey", "columns Respondent ID, Collector ID; options in row 2", 2},
		{"limesurvey_codetext.csv", "limesurvey", `columns "submitdate", "id"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var opt Options
			for _, fx := range fixtures {
				if fx.file == tt.file {
					opt = fx.opt(t, m)
				}
			}
			ds, err := Read(bytes.NewReader(readFixture(t, tt.file)), tt.file, m, opt)
			if err != nil {
				t.Fatal(err)
			}
			in := ds.Inputs[0]
			if in.Format != tt.format || in.FormatReason != tt.reason || in.HeaderRows != tt.headerRows || len(in.Missing) != 0 {
				t.Errorf("read as %s (%s), %d header rows, missing %v; want %s (%s), %d",
					in.Format, in.FormatReason, in.HeaderRows, in.Missing, tt.format, tt.reason, tt.headerRows)
			}
			if len(ds.Responses) > 0 && ds.Responses[0].Row != 1+tt.headerRows {
				t.Errorf("first response in row %d, want %d", ds.Responses[0].Row, 1+tt.headerRows)
			}
		})
	}
}

// TestHeaderRowsNeverScored: rows below the header that are header rows
// are recognised (a row of question texts under codes) or the file is
// refused saying so — never scored as units.
func TestHeaderRowsNeverScored(t *testing.T) {
	m := mustModel(t)
	// Qualtrics' three header rows with StartDate and EndDate deleted,
	// so nothing says Qualtrics any more.
	qualtrics := strings.Join([]string{
		`"ResponseId","ags","Q1","Q2"`,
		`"Response ID","AGS","Gibt es eine beschlossene Digitalisierungsstrategie?","Die Verwaltungsleitung treibt die Digitalisierung voran."`,
		`"{""ImportId"":""_recordId""}","{""ImportId"":""AGS""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"`,
		`"R_1","14612000","ja","trifft zu"`, ""}, "\n")
	tests := []struct {
		name, in   string
		opt        Options
		want       string // the error; "" when read
		rows       int    // responses when read
		headerRows int
		reason     string
	}{
		{name: "Qualtrics rows without its bookkeeping", in: qualtrics, rows: 1, headerRows: 3,
			reason: "a row of question texts below the header (row 2) and Qualtrics import ids (row 3)"},
		{name: "a second header row of other names", in: "ags;S01;S02\nAGS;Frage 1;Frage 2\n14612000;ja;trifft zu\n",
			want: `t.csv:2: header rows not understood: row 2 looks like a further header row, not answers: its unit id "AGS" is a column name.`},
		{name: "import ids right below the header", in: "ags,S01,S02\n" + `"{""ImportId"":""AGS""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"` + "\n14612000,ja,trifft zu\n",
			want: `t.csv:2: header rows not understood: row 2 looks like a further header row, not answers: it holds Qualtrics import ids ({"ImportId": …}); set survey.format: qualtrics.`},
		{name: "free ids: question texts as answers", in: "nr,S01,S02,O02\nNummer,Die Verwaltungsleitung treibt die Digitalisierung voran.,Wie viele Leistungen bieten Sie online an?,\n1,ja,trifft zu,3\n",
			opt:  Options{IDColumn: "nr"},
			want: `t.csv:2: header rows not understood: row 2 looks like a further header row, not answers: its cells are question texts, not answers: "Die Verwaltungsleitung treibt die Digit…" (column 2), "Wie viele Leistungen bieten Sie online …" (column 3).`},
		{name: "a row of question texts under the codes", in: "ags;S01;S02;O02\nAmtlicher Gemeindeschlüssel;Gibt es eine beschlossene Digitalisierungsstrategie?;Die Verwaltungsleitung treibt die Digitalisierung voran.;Wie viele Leistungen bieten Sie online an?\n14612000;ja;trifft zu;3\n",
			rows: 1, headerRows: 2, reason: "a row of question texts below the header (row 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Wave = scoring.Wave{ID: "1"}
			ds, err := Read(strings.NewReader(tt.in), "t.csv", m, tt.opt)
			if tt.want != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrHeaderRows) {
					t.Errorf("error %v\nwant %s…", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != tt.rows || len(ds.Rejects) != 0 || ds.Responses[0].Row != 1+tt.headerRows {
				t.Errorf("responses %+v, rejects %v; want %d from row %d", ds.Responses, ds.Rejects, tt.rows, 1+tt.headerRows)
			}
			if in := ds.Inputs[0]; in.HeaderRows != tt.headerRows || !strings.HasSuffix(in.FormatReason, tt.reason) {
				t.Errorf("input %+v", in)
			}
		})
	}
}

// TestIncompleteByPlatform: the tools' own marks of an unfinished
// response — LimeSurvey's empty submitdate also under code-and-text
// headings, Qualtrics' Finished — reject it under survey.incomplete: drop.
func TestIncompleteByPlatform(t *testing.T) {
	m := mustModel(t)
	lime := string(readFixture(t, "limesurvey_codetext.csv"))
	// Empty Amtsberg's submitdate (row 5), as LimeSurvey leaves it.
	lime = strings.Replace(lime, `"4","2024-03-15 14:51:00"`, `"4",""`, 1)
	qualtrics := string(readFixture(t, "qualtrics.csv"))
	// Leipzig (row 5) left after 40 %.
	lines := strings.Split(qualtrics, "\r\n")
	lines[4] = strings.Replace(strings.Replace(lines[4], `"100","720","True"`, `"40","290","False"`, 1), `"teilweise"`, `""`, 1)
	qualtrics = strings.Join(lines, "\r\n")
	for _, tt := range []struct {
		file, in string
		row      int
		why      string
	}{
		{"limesurvey_codetext.csv", lime, 5, "incomplete response: limesurvey marks it unfinished (no submission time); dropped by survey.incomplete: drop"},
		{"qualtrics.csv", qualtrics, 5, "incomplete response: qualtrics marks it unfinished (not finished); dropped by survey.incomplete: drop"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			opt := baseOptions(t)
			opt.Incomplete = DropIncomplete
			ds, err := Read(strings.NewReader(tt.in), tt.file, m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != len(testAnswers)-1 || len(ds.Rejects) != 1 || ds.Rejects[0].Row != tt.row || ds.Rejects[0].Reason != tt.why {
				t.Errorf("%d responses, rejects %+v; want %d and row %d: %s", len(ds.Responses), ds.Rejects, len(testAnswers)-1, tt.row, tt.why)
			}
		})
	}
}

// TestQualtricsStatus: Qualtrics' Status column says whether a row is a
// response at all. A preview, a test run or spam is rejected with the
// type it has, in the text and in the numeric export; a type Qualtrics
// does not document is rejected with its value; a real response (typed
// in the browser, imported, collected offline) is scored.
func TestQualtricsStatus(t *testing.T) {
	m := mustModel(t)
	tests := []struct {
		status string
		why    string // "" if the row is scored
	}{
		{"IP Address", ""},
		{"0", ""},
		{"Imported", ""},
		{"16", ""},
		{"Survey Preview", "not a response: qualtrics marks it as Survey Preview (Status Survey Preview), not a response"},
		{"1", "not a response: qualtrics marks it as Survey Preview (Status 1), not a response"},
		{"Survey Test", "not a response: qualtrics marks it as Survey Test (Status Survey Test), not a response"},
		{"8", "not a response: qualtrics marks it as Spam (Status 8), not a response"},
		{"spam", "not a response: qualtrics marks it as Spam (Status spam), not a response"},
		{"Bot", `not a response: qualtrics marks it with the unknown response type "Bot" (Status); delete the row or set Status to IP Address (0) if it is a real response`},
	}
	base := string(readFixture(t, "qualtrics.csv"))
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			lines := strings.Split(base, "\r\n")
			// Row 5 (Leipzig) gets the status; its third field is Status.
			if !strings.Contains(lines[4], `,"IP Address",`) {
				t.Fatalf("row 5 has no Status IP Address: %s", lines[4])
			}
			lines[4] = strings.Replace(lines[4], `,"IP Address",`, `,"`+tt.status+`",`, 1)
			ds, err := Read(strings.NewReader(strings.Join(lines, "\r\n")), "qualtrics.csv", m, baseOptions(t))
			if err != nil {
				t.Fatal(err)
			}
			if tt.why == "" {
				if len(ds.Responses) != len(testAnswers) || len(ds.Rejects) != 0 {
					t.Errorf("%d responses, rejects %+v; want all %d scored", len(ds.Responses), ds.Rejects, len(testAnswers))
				}
				return
			}
			if len(ds.Responses) != len(testAnswers)-1 || len(ds.Rejects) != 1 {
				t.Fatalf("%d responses, rejects %+v; want %d and one reject", len(ds.Responses), ds.Rejects, len(testAnswers)-1)
			}
			if r := ds.Rejects[0]; r.Row != 5 || r.Column != 3 || r.Reason != tt.why {
				t.Errorf("reject %+v; want row 5, column 3: %s", r, tt.why)
			}
		})
	}
}
