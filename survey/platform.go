package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// Platform is the survey tool that wrote an export. It decides which
// columns are the tool's bookkeeping (never questions), how completion and
// submission time are read, which answer codes mean "not answered", how a
// multi-select question's item columns are ticked and how answers joined
// in one cell are separated.
//
//   - LimeSurvey (CSV or xlsx, "question code" or "full text" headings):
//     id, submitdate (empty: incomplete), lastpage, startlanguage, seed,
//     token, startdate, datestamp; multi-choice items "Q3[SQ001]" with "Y"
//     or empty ("Ja"/"Nein" with full answers), "Q3[other]" free text,
//     "-oth-" for "other" in lists; "N/A" means not answered.
//   - SoSci Survey: CASE, SERIAL, REF, QUESTNNR, MODE, STARTED, TIME…,
//     LASTDATA, FINISHED (0: incomplete), MISSING…; items "A003_01" with
//     2 = ticked, 1 = not ticked; -9 not answered, -8 faulty (both read as
//     not answered); the residual codes -1, -2, -3 pass through and must
//     be declared in the model or mapped by a Codebook.
//   - Google Forms: Zeitstempel/Timestamp, E-Mail-Adresse, then question
//     texts; grid rows as "Frage [Zeile]"; checkboxes joined with ", ".
//   - Microsoft Forms: ID, Start time, Completion time, Email, Name, Last
//     modified time (or the German Startzeit, Fertigstellungszeit, E-Mail,
//     Name), then question texts; multi-select joined with ";".
//   - LamaPoll: question texts or codes as headers, multi-select joined
//     with ";" or ", ". LamaPoll's export layout is not publicly
//     documented, so it is never recognised automatically.
//   - Qualtrics (CSV or xlsx): three header rows — codes (StartDate,
//     EndDate, Status, IPAddress, Progress, Duration (in seconds),
//     Finished, RecordedDate, ResponseId, …, Q1, Q2_1), question texts
//     ("Start Date", …, "Frage - Option"), and import ids
//     ({"ImportId":"QID1"}); the legacy export has two (V1…V10 over
//     ResponseID, ResponseSet, …, Finished, then codes over texts).
//     Finished 0/False: incomplete; Status (response type) Survey
//     Preview, Survey Test or Spam: not a response, rejected; -99 (seen, not answered): not
//     answered; split multi-select columns Q3_1 (1 or the choice when
//     ticked, empty else), or the choices joined with "," in one cell.
//   - SurveyMonkey (CSV or xlsx): two header rows — Respondent ID,
//     Collector ID, Start Date, End Date, IP Address, Email Address, First
//     Name, Last Name, Custom Data 1, then question texts, with an empty
//     cell over each further column of the same question; the second row
//     names each column's option ("Response" for a single answer,
//     "Open-Ended Response" for text, the row of a matrix). A ticked
//     option's column holds its label.
//   - Generic: any table with the id column; times from a column named
//     eingang, timestamp, zeitstempel or submitdate.
//
// With PlatformAuto the platform is recognised from the header.
type Platform uint8

const (
	PlatformAuto Platform = iota
	PlatformGeneric
	PlatformLimeSurvey
	PlatformSoSci
	PlatformLamaPoll
	PlatformGoogleForms
	PlatformMSForms
	PlatformQualtrics
	PlatformSurveyMonkey
)

var platformNames = [...]string{"auto", "generic", "limesurvey", "sosci", "lamapoll", "googleforms", "msforms", "qualtrics", "surveymonkey"}

func (p Platform) String() string {
	if int(p) < len(platformNames) {
		return platformNames[p]
	}
	return "Platform(" + strconv.Itoa(int(p)) + ")"
}

// ParsePlatform turns a config word into a Platform.
func ParsePlatform(s string) (Platform, error) {
	switch strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(s)) {
	case "", "auto":
		return PlatformAuto, nil
	case "generic", "csv", "excel":
		return PlatformGeneric, nil
	case "limesurvey", "lime":
		return PlatformLimeSurvey, nil
	case "sosci", "soscisurvey":
		return PlatformSoSci, nil
	case "lamapoll":
		return PlatformLamaPoll, nil
	case "googleforms", "google":
		return PlatformGoogleForms, nil
	case "msforms", "microsoftforms", "forms", "microsoft":
		return PlatformMSForms, nil
	case "qualtrics":
		return PlatformQualtrics, nil
	case "surveymonkey", "monkey":
		return PlatformSurveyMonkey, nil
	}
	return 0, fmt.Errorf("unknown survey format %q (want auto, limesurvey, sosci, lamapoll, googleforms, msforms, qualtrics, surveymonkey or generic)", s)
}

// role is what a tool's bookkeeping column means.
type role uint8

const (
	roleMeta         role = iota + 1 // ignored
	roleTime                         // when the response came in
	roleTimeComplete                 // a time that stays empty until submitted
	roleComplete                     // a completion flag
	roleStatus                       // Qualtrics' response type: previews, tests and spam are no responses
)

var roleNames = [...]string{roleMeta: "bookkeeping", roleTime: "time", roleTimeComplete: "submission time (empty: incomplete)", roleComplete: "completion flag", roleStatus: "response type (previews, tests, spam rejected)"}

func (r role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

type metaCol struct {
	role role
	rank int // among time columns, the higher rank wins
}

type platformSpec struct {
	meta     map[string]metaCol
	prefixes []string // headers starting with these are bookkeeping (SoSci TIME001…)
	// joined lists the separators of multi-select answers joined in one
	// cell; empty: cells are read with the scale's own separator.
	joined []string
	// blank lists answer codes meaning "not answered"; faulty lists codes
	// read as not answered with a note.
	blank, faulty []string
}

func (s *platformSpec) role(nh string) (role, int, bool) {
	if c, ok := s.meta[nh]; ok {
		return c.role, c.rank, true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(nh, p) && allDigits(nh[len(p):]) {
			return roleMeta, 0, true
		}
	}
	return 0, 0, false
}

func metas(r role, rank int, names ...string) map[string]metaCol {
	m := map[string]metaCol{}
	for _, n := range names {
		m[n] = metaCol{r, rank}
	}
	return m
}

func merge(ms ...map[string]metaCol) map[string]metaCol {
	out := map[string]metaCol{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

var genericTimes = metas(roleTime, 1, "eingang", "eingangsdatum", "timestamp", "zeitstempel", "submitdate", "submitted", "abgeschickt")

// platforms holds each tool's columns. Names are normalised (normHeader).
var platforms = map[Platform]*platformSpec{
	PlatformGeneric:  {meta: genericTimes},
	PlatformLamaPoll: {meta: genericTimes, joined: []string{";", ", "}},
	PlatformLimeSurvey: {
		meta: merge(
			metas(roleMeta, 0, "id", "lastpage", "startlanguage", "seed", "token", "ipaddr", "refurl", "interviewtime",
				"response id", "antwort id", "last page", "letzte seite", "start language", "startsprache", "start-sprache",
				"zufallsstartwert", "ip address", "ip-adresse", "referrer url", "total time", "gesamtzeit"),
			metas(roleTime, 1, "startdate", "date started", "datum gestartet", "startdatum"),
			metas(roleTime, 2, "datestamp", "date last action", "datum der letzten aktivität", "letzte aktivität"),
			metas(roleTimeComplete, 3, "submitdate", "date submitted", "datum abgeschickt", "abgeschickt"),
		),
		blank: []string{"N/A"},
	},
	PlatformSoSci: {
		meta: merge(
			metas(roleMeta, 0, "case", "serial", "ref", "questnnr", "mode", "language", "time_sum", "mailsent", "status",
				"q_viewer", "lastpage", "maxpage", "missing", "missrel", "time_rsi", "deg_time", "deg_miss", "degrade"),
			metas(roleTime, 1, "started"),
			metas(roleTime, 2, "lastdata"),
			metas(roleComplete, 0, "finished"),
		),
		prefixes: []string{"time"},
		blank:    []string{"-9"},
		faulty:   []string{"-8"},
	},
	PlatformGoogleForms: {
		meta: merge(
			metas(roleTime, 1, "timestamp", "zeitstempel", "horodateur", "marca temporal"),
			metas(roleMeta, 0, "email address", "e-mail-adresse", "e-mail address", "score", "punktzahl", "punkte"),
		),
		joined: []string{", ", ";"},
	},
	PlatformQualtrics: {
		meta: merge(
			metas(roleMeta, 0, "ipaddress", "progress", "duration (in seconds)", "responseid", "_recordid",
				"recipientlastname", "recipientfirstname", "recipientemail", "locationlatitude", "locationlongitude",
				"distributionchannel", "userlanguage", "q_recaptchascore", "q_relevantidduplicate", "q_relevantidduplicatescore",
				"q_relevantidfraudscore", "q_relevantidlaststartdate", "q_ballotboxstuffing",
				// the legacy export's names
				"responseset", "name", "emailaddress"),
			metas(roleTime, 1, "startdate"),
			metas(roleTime, 2, "enddate"),
			metas(roleTime, 3, "recordeddate"),
			metas(roleComplete, 0, "finished"),
			metas(roleStatus, 0, "status"),
		),
		blank:  []string{"-99"},
		joined: []string{","},
	},
	PlatformSurveyMonkey: {
		meta: merge(
			metas(roleMeta, 0, "respondent id", "collector id", "ip address", "email address", "first name", "last name"),
			metas(roleTime, 1, "start date"),
			metas(roleTime, 2, "end date"),
		),
		prefixes: []string{"custom data "},
	},
	PlatformMSForms: {
		meta: merge(
			metas(roleMeta, 0, "id", "email", "e-mail", "name", "total points", "gesamtpunktzahl", "quiz feedback",
				"quizfeedback", "grade posted time"),
			metas(roleTime, 1, "start time", "startzeit", "startzeitpunkt"),
			metas(roleTime, 2, "last modified time", "letzte änderungszeit", "zeitpunkt der letzten änderung"),
			metas(roleTimeComplete, 3, "completion time", "fertigstellungszeit", "abschlusszeit", "zeitpunkt des abschlusses"),
		),
		joined: []string{";"},
	},
}

// detectPlatform recognises a tool from its bookkeeping columns, and says
// which columns it went by.
func detectPlatform(norm []string) (Platform, because) {
	// has returns the first of names the header holds, or "".
	has := func(names ...string) string {
		for _, n := range names {
			if slices.Contains(norm, n) {
				return n
			}
		}
		return ""
	}
	by := func(cols ...string) because {
		q := make([]string, len(cols))
		for i, c := range cols {
			q[i] = strconv.Quote(c)
		}
		list := strings.Join(q, ", ")
		return because{}.and("", "columns "+list, scoring.CauseFormatColumns, list)
	}
	if a, b := has("submitdate"), has("id", "lastpage", "startlanguage"); a != "" && b != "" {
		return PlatformLimeSurvey, by(a, b)
	}
	if a, b := has("date submitted", "datum abgeschickt"), has("response id", "antwort id"); a != "" && b != "" {
		return PlatformLimeSurvey, by(a, b)
	}
	if a, b := has("case"), has("serial", "questnnr", "finished", "lastdata"); a != "" && b != "" {
		return PlatformSoSci, by(a, b)
	}
	if a, b, c := has("startdate"), has("enddate"), has("responseid", "_recordid", "recordeddate", "finished"); a != "" && b != "" && c != "" {
		return PlatformQualtrics, by(a, b, c)
	}
	if a, b := has("respondent id"), has("collector id"); a != "" && b != "" {
		return PlatformSurveyMonkey, by(a, b)
	}
	if a, b, c := has("id"), has("start time", "startzeit"), has("completion time", "fertigstellungszeit"); a != "" && b != "" && c != "" {
		return PlatformMSForms, by(a, b, c)
	}
	if len(norm) > 0 {
		switch norm[0] {
		case "timestamp", "zeitstempel", "horodateur", "marca temporal":
			return PlatformGoogleForms, because{}.and("", "first column "+strconv.Quote(norm[0]), scoring.CauseFormatFirstColumn, strconv.Quote(norm[0]))
		}
	}
	return PlatformGeneric, because{}.and("", "no survey tool's bookkeeping columns", scoring.CauseFormatGeneric)
}

// because says why an input was read as it was: in English (check and
// check --json show it) and in parts that the reports and the run summary
// say in their language (scoring.Describer.Format).
type because struct {
	text string
	said []scoring.Said
}

// and returns b with one more part; sep joins its English to b's.
func (b because) and(sep, text string, c scoring.Cause, args ...string) because {
	if b.text != "" {
		text = b.text + sep + text
	}
	return because{text, append(slices.Clip(b.said), scoring.Said{Cause: c, Args: args})}
}

// then returns b followed by o.
func (b because) then(o because) because {
	if o.text == "" {
		return b
	}
	return because{b.text + "; " + o.text, append(slices.Clip(b.said), o.said...)}
}

// tick is the state of one item column of a multi-select question.
type tick uint8

const (
	tickBlank   tick = iota // no answer
	tickOff                 // explicitly not ticked
	tickOn                  // ticked
	tickInvalid             // a value the tool does not write
)

// tickOf reads an item column. Besides the tool's own values, a cell that
// names the item itself (its code or label) is ticked.
func tickOf(pf Platform, v string, code, label string, other bool) tick {
	v = strings.TrimSpace(v)
	if v == "" {
		return tickBlank
	}
	if other {
		// Free text for "other": filled means ticked — but not with
		// the tool's code for no answer (LimeSurvey's N/A, SoSci's -9),
		// which ticked "other" on every question left unanswered.
		if sp := platforms[pf]; sp != nil && (slices.ContainsFunc(sp.blank, func(c string) bool { return strings.EqualFold(c, v) }) ||
			slices.ContainsFunc(sp.faulty, func(c string) bool { return strings.EqualFold(c, v) })) {
			return tickBlank
		}
		return tickOn
	}
	switch pf {
	case PlatformLimeSurvey:
		// Y or, with the export's "convert Y to 1" (and the R and SPSS
		// exports), 1; N or 0 when the export converts N; a workbook's
		// TRUE or FALSE cell (read as such, not as 1 or 0).
		switch strings.ToLower(v) {
		case "y", "yes", "ja", "1", "true":
			return tickOn
		case "n", "no", "nein", "0", "false":
			return tickOff
		case "n/a":
			return tickBlank
		}
	case PlatformSoSci:
		switch strings.ToLower(v) {
		case "2", "true", "t":
			return tickOn
		case "1", "0", "false", "f":
			return tickOff
		case "-9", "-8":
			return tickBlank
		}
	default:
		switch strings.ToLower(v) {
		case "1", "x", "y", "yes", "j", "ja", "true", "wahr", "✓", "✔", "ausgewählt", "checked", "gewählt":
			return tickOn
		case "0", "n", "no", "nein", "false", "falsch", "nicht gewählt", "unchecked":
			return tickOff
		}
	}
	if strings.EqualFold(v, code) || normHeader(v) == normHeader(label) {
		return tickOn
	}
	return tickInvalid
}
