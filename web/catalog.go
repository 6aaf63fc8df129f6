package web

import (
	"fmt"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// catalog holds every fixed text of the web pages in one language. Fields
// ending in F are fmt formats, their verbs documented beside them.
type catalog struct {
	Lang             string
	SignInTitle      string
	AdminSignInTitle string
	SignInIntro      string
	AdminSignInIntro string
	Code             string
	CodeHint         string
	Password         string
	SignIn           string
	SignOut          string
	SignInFailed     string
	tooManyF         string // %d: seconds
	tooManyOne       string // the same for one second
	// DateTime is the layout of a moment on the pages (time.Format):
	// "06.12.2026 14:05" in German, ISO 8601 in English, as the reports
	// write a day.
	DateTime string
	ForAdmin string
	ForUnits string

	QuestionnaireTitle string
	Progress           string
	ProgressF          string // %d answered, %d questions
	NoAnswer           string
	NumberHintF        string // %s min, %s max
	NumberHint         string
	MultiHint          string
	AsTicked           string
	NoneOfThese        string
	Save               string
	Saved              string
	SavedAt            string
	Saving             string
	NotSaved           string
	Submit             string
	SubmitIntro        string
	ResubmitIntro      string
	SubmittedF         string // %s: time
	DraftNote          string
	// UnsentClosed and NeverSubmittedClosed: a closed wave's sheet with
	// answers saved after its last submission, or never submitted.
	UnsentClosed, NeverSubmittedClosed string
	ProfileLink                        string
	NoWaveOpen                         string
	WaveClosedNote                     string
	OtherQuestions                     string
	NothingToSubmit                    string

	// Before a submission with questions open or an area not scored
	// (confirm.html).
	ConfirmTitle, ConfirmIntro, ConfirmCaption string
	ConfirmOpenF                               string // %d open, %d questions
	ConfirmAllAnswered                         string
	ColDimension, ColAnswered, ColScoring      string
	AnsweredOfF                                string // %d answered, %d questions
	NotScoredF                                 string // %s answered share, %s minimum
	ScoredOnF                                  string // %s answered share
	ScoredOnAll, NotScoredOther                string
	OverallNotScoredF                          string // %s answered share, %s minimum
	OverallPartF                               string // %s answered share
	RejectedF                                  string // %s: reason
	OpenQuestionsF                             string // %s: dimension
	SubmitAnyway, BackToForm                   string

	ConflictMessage string
	InvalidMessage  string
	WaveNotOpen     string
	NoQuestionnaire string
	NotFound        string
	Forbidden       string
	BadCSRF         string
	ServerError     string
	Reload          string
	NoProfileYet    string
	NoProfileF      string // %s: reason
	Back            string
	Error           string
	SessionEnded    string

	AdminTitle     string
	Waves          string
	Wave           string
	Label          string
	State          string
	Opened         string
	Closed         string
	NewWave        string
	WaveID         string
	WaveLabel      string
	Create         string
	Open           string
	Close          string
	Planned        string
	IsOpen         string
	IsClosed       string
	Response       string
	Units          string
	SubmittedN     string
	Started        string
	Share          string
	All            string
	NoGroup        string
	Reminders      string
	RemindersNone  string
	RemindersCSV   string
	ExportCSV      string
	ExportNote     string
	Overview       string
	NoResults      string
	Audit          string
	AuditTime      string
	AuditWho       string
	AuditWhat      string
	AuditUnit      string
	AuditQuestion  string
	AuditValue     string
	Older          string
	Admin          string
	CommandLine    string
	Status         string
	LastSaved      string
	Name           string
	ID             string
	District       string
	Municipality   string
	StartedStatus  string
	NotStartedStat string
}

var catalogs = map[scoring.Language]*catalog{
	scoring.German: {
		Lang: "de", DateTime: "02.01.2006 15:04", SignInTitle: "Anmeldung für Kommunen", AdminSignInTitle: "Anmeldung für den Verband",
		SignInIntro:      "Melden Sie sich mit dem Zugangscode an, den Ihre Kommune per Post oder E-Mail erhalten hat.",
		AdminSignInIntro: "Anmeldung für die Verbandsverwaltung mit dem Passwort aus „reifegrad serve init“.",
		Code:             "Zugangscode", CodeHint: "fünf Gruppen zu vier Zeichen, z. B. K7QM-2XBD-9F3T-HW4C-0RZP",
		Password: "Passwort", SignIn: "Anmelden", SignOut: "Abmelden",
		SignInFailed: "Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie Ihre Eingabe.",
		tooManyF:     "Zu viele fehlgeschlagene Versuche. Bitte warten Sie %d Sekunden und versuchen Sie es dann erneut.",
		tooManyOne:   "Zu viele fehlgeschlagene Versuche. Bitte warten Sie 1 Sekunde und versuchen Sie es dann erneut.",
		ForAdmin:     "Anmeldung für den Verband", ForUnits: "Anmeldung für Kommunen",

		QuestionnaireTitle: "Fragebogen", Progress: "Fortschritt", ProgressF: "%d von %d Fragen beantwortet",
		NoAnswer:    "keine Angabe",
		NumberHintF: "Zahl von %s bis %s (Dezimalkomma erlaubt)", NumberHint: "Zahl (Dezimalkomma erlaubt)",
		MultiHint: "Mehrfachauswahl möglich", AsTicked: "wie angekreuzt", NoneOfThese: "keine davon", Save: "Speichern", Saved: "Gespeichert", SavedAt: "Alle Antworten gespeichert",
		Saving: "Wird gespeichert …", NotSaved: "Nicht gespeichert – neuer Versuch folgt",
		Submit:        "Fragebogen einreichen",
		SubmitIntro:   "Ihre Antworten werden bei jeder Änderung gespeichert. Wenn Sie fertig sind, reichen Sie den Fragebogen ein: Dann sehen Sie sofort Ihr Profil. Solange die Erhebung läuft, können Sie Ihre Antworten danach noch ändern und erneut einreichen.",
		ResubmitIntro: "Sie haben Antworten geändert. Reichen Sie den Fragebogen erneut ein, damit die Änderungen in Ihr Profil eingehen.",
		SubmittedF:    "Eingereicht am %s.", DraftNote: "Es gibt Änderungen, die noch nicht eingereicht sind.",
		ProfileLink: "Zu Ihrem Profil", NoWaveOpen: "Zurzeit ist keine Erhebung geöffnet.",
		WaveClosedNote:       "Die Erhebung ist geschlossen; die Antworten können nicht mehr geändert werden.",
		UnsentClosed:         "Änderungen nach Ihrer letzten Einreichung wurden nicht mehr eingereicht und zählen nicht; hier stehen die eingereichten Antworten.",
		NeverSubmittedClosed: "Dieser Fragebogen wurde nicht eingereicht; gespeicherte Antworten zählen nicht.",
		OtherQuestions:       "Weitere Angaben", NothingToSubmit: "Bitte beantworten Sie zuerst mindestens eine Frage.",

		ConfirmTitle:       "Fragebogen einreichen?",
		ConfirmIntro:       "So würde Ihr Fragebogen jetzt bewertet. Sie können ihn so einreichen oder zuerst weitere Fragen beantworten; solange die Erhebung läuft, können Sie Antworten auch danach noch ändern und erneut einreichen.",
		ConfirmCaption:     "Beantwortete Fragen je Dimension und was das für die Bewertung heißt",
		ConfirmOpenF:       "%d von %d Fragen sind noch nicht beantwortet.",
		ConfirmAllAnswered: "Alle Fragen sind beantwortet.",
		ColDimension:       "Dimension", ColAnswered: "Beantwortet", ColScoring: "Bewertung",
		AnsweredOfF: "%d von %d",
		NotScoredF:  "wird nicht bewertet: %s beantwortet (nach Gewicht), nötig sind mindestens %s",
		ScoredOnF:   "wird bewertet: %s beantwortet (nach Gewicht)",
		ScoredOnAll: "wird bewertet: alles beantwortet", NotScoredOther: "wird nicht bewertet",
		OverallNotScoredF: "Ohne Gesamtwert und ohne Reifegradstufe: Nur %s der Fragen sind beantwortet (nach Gewicht), nötig sind mindestens %s. Ihr Profil zeigt dann keine Stufe.",
		OverallPartF:      "Ihr Gesamtwert beruht auf %s der Fragen (nach Gewicht).",
		RejectedF:         "So eingereicht würde Ihr Fragebogen nicht gewertet: %s",
		OpenQuestionsF:    "Noch offen in „%s“",
		SubmitAnyway:      "Trotzdem einreichen", BackToForm: "Zurück zum Fragebogen",

		ConflictMessage: "Ihre Antworten wurden inzwischen an anderer Stelle geändert (in einem anderen Fenster oder auf einem anderen Gerät). Diese Änderung wurde nicht gespeichert. Bitte laden Sie die Seite neu.",
		InvalidMessage:  "Diese Antwort ist nicht zulässig und wurde nicht gespeichert.",
		WaveNotOpen:     "Die Erhebung ist nicht geöffnet; Antworten können nicht gespeichert werden.",
		NoQuestionnaire: "Das Modell nennt diese Erhebungswelle nicht (model.waves): welche Fragen sie stellt, ist unbekannt.",
		NotFound:        "Diese Seite gibt es nicht.", Forbidden: "Dafür fehlt Ihnen die Berechtigung.",
		BadCSRF:     "Die Anfrage war nicht gültig. Bitte laden Sie die Seite neu.",
		ServerError: "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.", Reload: "Neu laden",
		NoProfileYet: "Ihr Profil entsteht, sobald Sie den Fragebogen eingereicht haben.",
		NoProfileF:   "Ihr Profil konnte nicht berechnet werden: %s", Back: "Zurück", Error: "Fehler",
		SessionEnded: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.",

		AdminTitle: "Verbandsverwaltung", Waves: "Erhebungswellen", Wave: "Welle", Label: "Bezeichnung", State: "Stand",
		Opened: "geöffnet", Closed: "geschlossen", NewWave: "Neue Welle anlegen", WaveID: "Kennung (z. B. 2026)",
		WaveLabel: "Bezeichnung (optional)", Create: "Anlegen", Open: "Öffnen", Close: "Schließen",
		Planned: "geplant", IsOpen: "offen", IsClosed: "geschlossen", Response: "Rücklauf", Units: "Kommunen",
		SubmittedN: "eingereicht", Started: "begonnen", Share: "Quote", All: "Alle",
		NoGroup: "ohne Zuordnung", Reminders: "Erinnerungsliste (noch nicht eingereicht)",
		RemindersNone: "Alle Kommunen haben eingereicht.", RemindersCSV: "Erinnerungsliste als CSV (für den Serienbrief)",
		ExportCSV:  "Antworten als CSV (für reifegrad run)",
		ExportNote: "Die Datei enthält die eingereichten Antworten im Format, das „reifegrad run -i WELLE=datei.csv“ liest.",
		Overview:   "Übersicht (wie reifegrad run)", NoResults: "Es liegen noch keine eingereichten Fragebögen vor.",
		Audit: "Prüfprotokoll", AuditTime: "Zeit", AuditWho: "Wer", AuditWhat: "Was", AuditUnit: "Kommune",
		AuditQuestion: "Frage", AuditValue: "Wert / Angabe", Older: "Ältere Einträge", Admin: "Verband",
		CommandLine: "Kommandozeile", Status: "Stand", LastSaved: "zuletzt gespeichert", Name: "Name", ID: "Kennung",
		District: "Landkreis", Municipality: "Kommune", StartedStatus: "begonnen", NotStartedStat: "nicht begonnen",
	},
	scoring.English: {
		Lang: "en", DateTime: "2006-01-02 15:04", SignInTitle: "Sign in for municipalities", AdminSignInTitle: "Sign in for the association",
		SignInIntro:      "Sign in with the access code your municipality received by post or e-mail.",
		AdminSignInIntro: "Sign in for the association with the password set by “reifegrad serve init”.",
		Code:             "Access code", CodeHint: "five groups of four characters, e.g. K7QM-2XBD-9F3T-HW4C-0RZP",
		Password: "Password", SignIn: "Sign in", SignOut: "Sign out",
		SignInFailed: "Sign-in failed. Please check what you entered.",
		tooManyF:     "Too many failed attempts. Please wait %d seconds, then try again.",
		tooManyOne:   "Too many failed attempts. Please wait 1 second, then try again.",
		ForAdmin:     "Sign in for the association", ForUnits: "Sign in for municipalities",

		QuestionnaireTitle: "Questionnaire", Progress: "Progress", ProgressF: "%d of %d questions answered",
		NoAnswer: "no answer", NumberHintF: "a number from %s to %s", NumberHint: "a number",
		MultiHint: "choose any number", AsTicked: "as ticked", NoneOfThese: "none of these", Save: "Save", Saved: "Saved", SavedAt: "All answers saved",
		Saving: "Saving …", NotSaved: "Not saved – retrying", Submit: "Submit the questionnaire",
		SubmitIntro:   "Your answers are saved on every change. When you are done, submit the questionnaire: you will see your profile at once. While the survey is open you can still change your answers and submit again.",
		ResubmitIntro: "You have changed answers. Submit the questionnaire again so that your profile includes them.",
		SubmittedF:    "Submitted on %s.", DraftNote: "There are changes that have not been submitted.",
		ProfileLink: "Your profile", NoWaveOpen: "No survey is open at the moment.",
		WaveClosedNote:       "The survey is closed; answers can no longer be changed.",
		UnsentClosed:         "Changes made after your last submission were not submitted and do not count; shown here are the answers submitted.",
		NeverSubmittedClosed: "This questionnaire was not submitted; answers saved do not count.", OtherQuestions: "Further questions",
		NothingToSubmit: "Please answer at least one question first.",

		ConfirmTitle:       "Submit the questionnaire?",
		ConfirmIntro:       "This is how your questionnaire would be scored now. You can submit it as it is or answer more questions first; while the survey is open you can still change answers afterwards and submit again.",
		ConfirmCaption:     "Questions answered per dimension and what that means for the scores",
		ConfirmOpenF:       "%d of %d questions are not answered yet.",
		ConfirmAllAnswered: "Every question is answered.",
		ColDimension:       "Dimension", ColAnswered: "Answered", ColScoring: "Scoring",
		AnsweredOfF: "%d of %d",
		NotScoredF:  "not scored: %s answered (by weight), at least %s needed",
		ScoredOnF:   "scored: %s answered (by weight)",
		ScoredOnAll: "scored: everything answered", NotScoredOther: "not scored",
		OverallNotScoredF: "No overall score and no maturity level: only %s of the questions are answered (by weight), at least %s needed. Your profile will then show no level.",
		OverallPartF:      "Your overall score rests on %s of the questions (by weight).",
		RejectedF:         "Submitted like this, your questionnaire would not be scored: %s",
		OpenQuestionsF:    "Still open in “%s”",
		SubmitAnyway:      "Submit anyway", BackToForm: "Back to the questionnaire",

		ConflictMessage: "Your answers were changed elsewhere in the meantime (in another window or on another device). This change was not saved. Please reload the page.",
		InvalidMessage:  "This answer is not allowed and was not saved.",
		WaveNotOpen:     "The survey is not open; answers cannot be saved.",
		NoQuestionnaire: "The model does not declare this wave (model.waves): which questions it asks is unknown.",
		NotFound:        "This page does not exist.", Forbidden: "You are not allowed to do this.",
		BadCSRF:     "The request was not valid. Please reload the page.",
		ServerError: "An internal error occurred. Please try again later.", Reload: "Reload",
		NoProfileYet: "Your profile appears once you have submitted the questionnaire.",
		NoProfileF:   "Your profile could not be computed: %s", Back: "Back", Error: "Error",
		SessionEnded: "Your session has ended. Please sign in again.",

		AdminTitle: "Association", Waves: "Survey waves", Wave: "Wave", Label: "Label", State: "State",
		Opened: "opened", Closed: "closed", NewWave: "New wave", WaveID: "ID (e.g. 2026)", WaveLabel: "Label (optional)",
		Create: "Create", Open: "Open", Close: "Close", Planned: "planned", IsOpen: "open", IsClosed: "closed",
		Response: "Response", Units: "Municipalities", SubmittedN: "submitted", Started: "started",
		Share: "Rate", All: "All", NoGroup: "none", Reminders: "Reminders (not yet submitted)",
		RemindersNone: "Every municipality has submitted.", RemindersCSV: "Reminders as CSV (for a mail merge)",
		ExportCSV:  "Responses as CSV (for reifegrad run)",
		ExportNote: "The file holds the submitted answers in the shape “reifegrad run -i WAVE=file.csv” reads.",
		Overview:   "Overview (as reifegrad run writes it)", NoResults: "No questionnaire has been submitted yet.",
		Audit: "Audit log", AuditTime: "Time", AuditWho: "Who", AuditWhat: "What", AuditUnit: "Municipality",
		AuditQuestion: "Question", AuditValue: "Value / detail", Older: "Older entries", Admin: "Association",
		CommandLine: "command line", Status: "Status", LastSaved: "last saved", Name: "Name", ID: "ID",
		District: "District", Municipality: "Municipality", StartedStatus: "started", NotStartedStat: "not started",
	},
}

func texts(l scoring.Language) *catalog {
	if c, ok := catalogs[l]; ok {
		return c
	}
	return catalogs[scoring.German]
}

// TooManyF formats the message for a sign-in that must wait.
// When writes a moment as the page's language does, in the server's
// local time.
func (c *catalog) When(t time.Time) string { return t.Local().Format(c.DateTime) }

// The first wait is one second: "1 Sekunden" was written.
func (c *catalog) TooManyF(secs int) string {
	if secs == 1 {
		return c.tooManyOne
	}
	return fmt.Sprintf(c.tooManyF, secs)
}

// WaveState names a wave's state.
func (c *catalog) WaveState(s fieldwork.WaveState) string {
	switch s {
	case fieldwork.WaveOpen:
		return c.IsOpen
	case fieldwork.WaveClosed:
		return c.IsClosed
	}
	return c.Planned
}
