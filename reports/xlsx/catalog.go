package xlsx

import (
	"fmt"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// catalog holds every fixed text of the workbook and the questionnaire
// template in one language. Labels of the model (dimension, level and
// question names) come from config.yaml and are not translated.
type catalog struct {
	Lang scoring.Language

	// Sheet names: at most 31 characters, none of []:*?/\.
	SheetOverview, SheetResults, SheetIndicators, SheetGroups, SheetQuality, SheetMethod string
	// SheetAnswers holds the raw answers when Indikatoren is too long for
	// one sheet and is written wide.
	SheetAnswers string

	Suppressed     string
	SuppressedNote string // %d: minimum group size
	// NoFigureNote replaces SuppressedNote under report.min_group_size 1,
	// which hides no figure that exists ("fewer than 1 organisations");
	// QuartilesNoteF follows it where quartiles are hidden below %d
	// scores while smaller groups are shown (scoring.FewScores).
	NoFigureNote, QuartilesNoteF string
	// ScoredNoteF follows it where a group large enough has a "•" as
	// fewer than %d of its units are scored on a node
	// (scoring.Disclosure.FewScored), not for its size.
	ScoredNoteF string
	// Comparisons of waves (scoring.Comparison): CoreNoteF has from, to,
	// compared and asked; the list labels are followed by codes.
	CoreNoteF, TrendNote, ChangeCol                                  string
	RenamedL, RescaledL, NewL, DroppedL, SplitL, MergedL, TerritoryF string
	SecondaryNote                                                    string // why a larger group shows "•" too
	NotScored                                                        string
	States                                                           map[scoring.State]string

	// Übersicht
	Subtitle, Figure, Value, LatestWave, UnitsInWave, ScoredUnits, MeanScore, MedianScore string
	RowsRead, Rejected, Issues, LevelDist, DimMeans, Count, Share, NoLevel, Mean          string
	CountOf, ShareOf, MeanOf                                                              string // %s: wave label
	// LevelShareNote says what a level's share is of, in every sheet that
	// shows one (scoring.GroupStats.LevelShare).
	LevelShareNote string

	// Ergebnisse and Indikatoren
	// ID heads the units' id where they are municipalities keyed by their
	// AGS, UnitID where they are not (scoring.Results.UnitIDLabel).
	Wave, ID, UnitID, Name, District, SizeClass, Population, Score, LevelNo, Level, Coverage string
	Note, LowCoverage, PercentileState, PercentileIn, Dimension, Indicator                   string
	IndicatorID, Weight, State, Question, Answer                                             string

	// Gruppen
	GroupsTitle, PeerGroup, Group, AllUnits, GroupUnits, N, Median, Q1, Q3, DimMean string

	// Datenqualität
	RejectsTitle, File, Sheet, Row, Column, Reason, UnknownTitle, Kind, Places string
	DuplicatesTitle, Place, Message, LowCoverageTitle, Area, Needed            string
	QualHiddenF                                                                string // %d: minimum group size, %s: the waves
	OtherTitle, None                                                           string
	// MoreRowsF ends a list of the Datenqualität sheet that was cut short (%d: rows left out).
	MoreRowsF  string
	IssueKinds map[scoring.IssueKind]string

	// Methodik
	ModelTitle, Node, Aggregation, Policy, MinCoverage, Scale, Points, QuestionText string
	LevelsTitle, From, Criteria, Description, CodesTitle, Code, Meaning             string
	SizeClassesTitle, UpTo, MethodText, Open                                        string

	// The analyst's workbook says it is internal; the publication
	// workbook's sheets and texts.
	Internal                                                            string
	SheetAbout, SheetFigures, SheetData, PublicationTitle, FiguresTitle string
	Waves, Date, DataCutoff, ModelVersion, MedianOf                     string // MedianOf: %s node
	ModelFingerprint                                                    string
	PublicationAbout, PublicationData                                   string
	// PublicationAboutAll is PublicationAbout where no unit is in a group
	// of any peer group: there are only the figures of all units.
	PublicationAboutAll string

	// Questionnaire template
	SheetQuestionnaire, SheetLists, QTitle, QVersion, QIntro, QAGS, QName, QNo string
	QHelp, QYourNote, QChooseTitle, QChoose, QNumber, QNumberAny, QMulti       string
	QOptions, QAlso, QAGSPrompt, QOther, QQuote                                string
	// QIntroUnitF and QIDPrompt replace QIntro and QAGSPrompt for a model
	// that names its units (model.unit_labels): %s is its word for their id.
	QIntroUnitF, QIDPrompt string
	QAGSTitle              string // title of the id cell's prompt
}

var catalogs = map[scoring.Language]*catalog{
	scoring.German: {
		Lang:          scoring.German,
		SheetOverview: "Übersicht", SheetResults: "Ergebnisse", SheetIndicators: "Indikatoren", SheetGroups: "Gruppen", SheetAnswers: "Antworten",
		SheetQuality: "Datenqualität", SheetMethod: "Methodik",
		Suppressed:     "•",
		SuppressedNote: "• = nicht ausgewiesen: weniger als %d Kommunen in der Gruppe (Vertraulichkeit).",
		NoFigureNote:   "• = keine Kennzahl: Keine Kommune der Gruppe hat dort einen Wert.",
		ScoredNoteF:    "Ebenso nicht ausgewiesen (•) sind die Kennzahlen eines Bereichs, in dem weniger als %d Kommunen der Gruppe einen Wert haben.",
		QuartilesNoteF: "Quartile aus weniger als %d Werten werden nicht ausgewiesen (•): Sie verrieten den niedrigsten oder höchsten Wert, den einer einzelnen Kommune.",
		SecondaryNote:  "• bei einer größeren Gruppe: nicht ausgewiesen, damit sich die Kennzahlen der zu kleinen Gruppen einer Einteilung nicht als Differenz zu allen Kommunen errechnen lassen (Vertraulichkeit).",
		NotScored:      "nicht bewertet",
		States: map[scoring.State]string{scoring.Scored: "bewertet", scoring.Missing: "nicht beantwortet",
			scoring.NotRated: "zu geringe Abdeckung", scoring.NotApplies: "nicht zutreffend", scoring.Unasked: "nicht gefragt"},
		CoreNoteF: "%s → %s: Veränderungen auf Basis von %d von %d Fragen, die in beiden Wellen gleich gestellt wurden.",
		TrendNote: "Die Tabellen unten zeigen die Werte jeder Welle auf all ihren Fragen; Veränderungen (Ergebnisse, Spalte Veränderung) beruhen auf den gleich gestellten Fragen.",
		ChangeCol: "Veränderung", RenamedL: "umbenannt", RescaledL: "neue Antwortskala", NewL: "neu", DroppedL: "nicht mehr gefragt",
		SplitL: "geteilt", MergedL: "zusammengelegt", TerritoryF: "Gebietsänderungen: %d (zusammengelegte Kommunen haben keine Veränderung)",

		Subtitle: "Auswertung mit reifegrad", Figure: "Kennzahl", Value: "Wert", LatestWave: "Welle",
		UnitsInWave: "Kommunen in der Welle", ScoredUnits: "davon mit Gesamtwert", MeanScore: "Mittelwert Gesamtwert",
		MedianScore: "Median Gesamtwert", RowsRead: "gelesene Zeilen (alle Wellen)", Rejected: "abgelehnte Zeilen",
		Issues: "Hinweise zur Datenqualität", LevelDist: "Verteilung der Reifegrade", DimMeans: "Mittelwert je Dimension",
		Count: "Anzahl", Share: "Anteil", NoLevel: "ohne Reifegrad", Mean: "Mittelwert",
		CountOf: "Anzahl %s", ShareOf: "Anteil %s", MeanOf: "Mittelwert %s",
		LevelShareNote: "Anteil eines Reifegrads: an allen Kommunen der Welle oder Gruppe, auch denen ohne Reifegrad – in allen Ausgaben dieselbe Kennzahl.",
		Internal:       "Interne Auswertung: Diese Arbeitsmappe enthält die Einzelergebnisse jeder Kommune (Blätter Ergebnisse und Indikatoren). Nicht veröffentlichen – zur Veröffentlichung ist veroeffentlichung.xlsx bestimmt.",
		SheetAbout:     "Hinweise", SheetFigures: "Kennzahlen", SheetData: "Daten",
		PublicationTitle: "Veröffentlichung: zusammengefasste Kennzahlen, keine Einzelergebnisse",
		FiguresTitle:     "Kennzahlen je Gruppe (Gesamtwert und Dimensionen 0–100, Anteile der Reifegrade)",
		Waves:            "Wellen", Date: "Stand", DataCutoff: "Datenstand", ModelVersion: "Modellversion", MedianOf: "Median %s",
		ModelFingerprint:    "Kennung des Modells",
		PublicationAbout:    "Diese Arbeitsmappe enthält nur zusammengefasste Kennzahlen: für alle Kommunen jeder Welle und, für die jüngste Welle, für jede Gruppe jeder Vergleichsgruppe. Sie enthält kein Ergebnis einer einzelnen Kommune. Es sind dieselben Kennzahlen wie in der Übersicht (overview.html) und in aggregates.csv.",
		PublicationAboutAll: "Diese Arbeitsmappe enthält nur zusammengefasste Kennzahlen: für alle Kommunen jeder Welle. Sie enthält kein Ergebnis einer einzelnen Kommune. Es sind dieselben Kennzahlen wie in der Übersicht (overview.html) und in aggregates.csv.",
		PublicationData:     "Blatt Daten: jede Kennzahl als eine Zeile (Welle, Einteilung, Gruppe, Zahl der Kommunen, Bereich, Kennzahl, Wert, Vermerk), in derselben Form wie aggregates.csv; ist ein Wert nicht ausgewiesen, bleibt er leer und der Vermerk nennt den Grund (too_small: zu wenige Kommunen; secondary: sonst ließe sich eine zu kleine Gruppe errechnen).",

		Wave: "Welle", ID: "AGS", UnitID: "Kennung", Name: "Name", District: "Landkreis", SizeClass: "Größenklasse", Population: "Einwohner",
		Score: "Gesamtwert", LevelNo: "Stufe", Level: "Reifegrad", Coverage: "Abdeckung", Note: "Hinweis",
		LowCoverage: "geringe Abdeckung", PercentileState: "Perzentil Land", PercentileIn: "Perzentil %s",
		Dimension: "Dimension", Indicator: "Indikator", IndicatorID: "Indikator-ID", Weight: "Gewicht",
		State: "Status", Question: "Frage", Answer: "Antwort",

		GroupsTitle: "Kennzahlen je Vergleichsgruppe (Gesamtwert und Dimensionen, 0–100)", PeerGroup: "Vergleichsgruppe",
		Group: "Gruppe", AllUnits: "alle Kommunen", GroupUnits: "Kommunen", N: "bewertet (n)", Median: "Median",
		Q1: "1. Quartil", Q3: "3. Quartil", DimMean: "Ø %s",

		RejectsTitle: "Abgelehnte Zeilen", File: "Datei", Sheet: "Blatt", Row: "Zeile", Column: "Spalte", Reason: "Grund",
		UnknownTitle: "Antworten, die nicht zur Skala passen (als nicht beantwortet gewertet)", Kind: "Art",
		Places: "Fundstellen", DuplicatesTitle: "Doppelte Antworten", Place: "Fundstelle", Message: "Meldung",
		LowCoverageTitle: "Nicht bewertet wegen geringer Abdeckung", Area: "Bereich", Needed: "benötigt",
		OtherTitle: "Weitere Hinweise", None: "keine",
		QualHiddenF: "Hinweise zu den Kommunen einer Welle mit weniger als %d Teilnehmenden sind hier weder aufgeführt noch mitgezählt (Vertraulichkeit): %s. reifegrad check listet sie einzeln.",
		MoreRowsF:   "… und %d weitere: alle stehen in rejects.csv und in der Ausgabe von „reifegrad check“.",
		IssueKinds: map[scoring.IssueKind]string{scoring.IssueUnknownAnswer: "unbekannte Antwort",
			scoring.IssueOutOfRange: "außerhalb des Bereichs", scoring.IssueDuplicate: "doppelt",
			scoring.IssueUnmatchedName: "Name nicht zugeordnet", scoring.IssueLowCoverage: "geringe Abdeckung",
			scoring.IssueIncomplete: "unvollständig", scoring.IssueOther: "sonstiges",
			scoring.IssueMissingQuestion: "Frage ohne Spalte", scoring.IssueDenominator: "Teilung durch null",
			scoring.IssueDissolved: "aufgelöster Schlüssel", scoring.IssueUnreachableLevel: "Stufe unerreichbar",
			scoring.IssueModelChanged: "Modell seit Einreichung geändert"},

		ModelTitle: "Das Modell", Node: "Ebene", Aggregation: "Zusammenfassung", Policy: "fehlende Werte",
		MinCoverage: "Mindestabdeckung", Scale: "Skala", Points: "Antworten → Punkte (0–1)", QuestionText: "Fragetext",
		LevelsTitle: "Reifegrade", From: "ab Gesamtwert",
		Criteria: "Kriterien", Description: "Beschreibung", CodesTitle: "Codes für fehlende Antworten", Code: "Code",
		Meaning: "Bedeutung", SizeClassesTitle: "Größenklassen", UpTo: "Einwohner bis unter", MethodText: "So wird gerechnet",
		Open: "und mehr",

		SheetQuestionnaire: "Fragebogen", SheetLists: "Listen", QTitle: "Fragebogen: %s", QVersion: "Modellversion %s",
		QIntro: "So füllen Sie den Fragebogen aus: Tragen Sie oben den Amtlichen Gemeindeschlüssel (AGS) und den Namen " +
			"Ihrer Kommune ein. Wählen Sie dann in der gelben Spalte „Antwort“ zu jeder Frage eine Antwort aus der Liste " +
			"oder tragen Sie die erfragte Zahl ein. „weiß nicht“ und „nicht zutreffend“ sind erlaubte Antworten; ein leeres " +
			"Feld gilt als nicht beantwortet. Ändern Sie bitte nichts an Codes und Fragen und senden Sie die Datei als .xlsx zurück.",
		QAGS: "Amtlicher Gemeindeschlüssel (AGS, 8 Ziffern)", QName: "Name der Kommune", QNo: "Nr.",
		QHelp: "Hinweise und Antwortmöglichkeiten", QYourNote: "Ihre Anmerkung (wird nicht ausgewertet)",
		QChooseTitle: "Antwort", QChoose: "Bitte wählen Sie eine Antwort aus der Liste.",
		QNumber: "Bitte eine Zahl von %s bis %s eintragen.", QNumberAny: "Bitte eine Zahl eintragen.", QQuote: "„%s“",
		QMulti: "Mehrfachauswahl: zutreffende Optionen mit „%s“ getrennt eintragen", QOptions: "Antworten: %s",
		QAlso: "außerdem möglich: %s", QAGSPrompt: "8 Ziffern, z. B. 14612000 für Dresden",
		QOther: "Weitere Angaben",
		QIntroUnitF: "So füllen Sie den Fragebogen aus: Tragen Sie oben Ihre Kennung (%s) und Ihren Namen ein. " +
			"Wählen Sie dann in der gelben Spalte „Antwort“ zu jeder Frage eine Antwort aus der Liste " +
			"oder tragen Sie die erfragte Zahl ein. „weiß nicht“ und „nicht zutreffend“ sind erlaubte Antworten; ein leeres " +
			"Feld gilt als nicht beantwortet. Ändern Sie bitte nichts an Codes und Fragen und senden Sie die Datei als .xlsx zurück.",
		QIDPrompt: "Ihre Kennung, wie mit der Erhebung vereinbart", QAGSTitle: "AGS",
	},
	scoring.English: {
		Lang:          scoring.English,
		SheetOverview: "Overview", SheetResults: "Results", SheetIndicators: "Indicators", SheetGroups: "Groups", SheetAnswers: "Answers",
		SheetQuality: "Data quality", SheetMethod: "Methodology",
		Suppressed:     "•",
		SuppressedNote: "• = not shown: fewer than %d municipalities in the group (confidentiality).",
		NoFigureNote:   "• = no figure: no municipality of the group has a value there.",
		ScoredNoteF:    "Nor are the figures of an area in which fewer than %d municipalities of the group have a score (•).",
		QuartilesNoteF: "Quartiles of fewer than %d scores are not shown (•): they would give away the lowest or highest score, a single municipality's.",
		SecondaryNote:  "• for a larger group: not shown so that the figures of the groups of a division too small to show cannot be computed as a difference from all municipalities (confidentiality).",
		NotScored:      "not scored",
		States: map[scoring.State]string{scoring.Scored: "scored", scoring.Missing: "not answered",
			scoring.NotRated: "coverage too low", scoring.NotApplies: "not applicable", scoring.Unasked: "not asked"},
		CoreNoteF: "%s → %s: changes on the basis of %d of %d questions asked the same way in both waves.",
		TrendNote: "The tables below show each wave's figures on all its questions; changes (Results, column Change) rest on the questions asked the same way.",
		ChangeCol: "Change", RenamedL: "renamed", RescaledL: "new answer scale", NewL: "new", DroppedL: "no longer asked",
		SplitL: "split", MergedL: "merged", TerritoryF: "territorial changes: %d (merged municipalities have no change)",

		Subtitle: "Made with reifegrad", Figure: "Figure", Value: "Value", LatestWave: "Wave",
		UnitsInWave: "Municipalities in the wave", ScoredUnits: "with an overall score", MeanScore: "Mean overall score",
		MedianScore: "Median overall score", RowsRead: "Rows read (all waves)", Rejected: "Rows rejected",
		Issues: "Data-quality notes", LevelDist: "Distribution of maturity levels", DimMeans: "Mean per dimension",
		Count: "Count", Share: "Share", NoLevel: "no level", Mean: "Mean",
		CountOf: "Count %s", ShareOf: "Share %s", MeanOf: "Mean %s",
		LevelShareNote: "Share of a level: of all municipalities of the wave or group, those without a level included – the same figure in every output.",
		Internal:       "Internal analysis: this workbook holds every municipality's own results (sheets Results and Indicators). Do not publish it – veroeffentlichung.xlsx is the workbook for publication.",
		SheetAbout:     "About", SheetFigures: "Figures", SheetData: "Data",
		PublicationTitle: "For publication: aggregated figures, no single municipality's result",
		FiguresTitle:     "Figures per group (overall score and dimensions 0–100, shares of the maturity levels)",
		Waves:            "Waves", Date: "Date", DataCutoff: "Data as of", ModelVersion: "Model version", MedianOf: "Median %s",
		ModelFingerprint:    "Model fingerprint",
		PublicationAbout:    "This workbook holds aggregated figures only: for all municipalities of each wave and, for the latest wave, for each group of each peer group. It holds no single municipality's result. The figures are those of the overview (overview.html) and of aggregates.csv.",
		PublicationAboutAll: "This workbook holds aggregated figures only: for all municipalities of each wave. It holds no single municipality's result. The figures are those of the overview (overview.html) and of aggregates.csv.",
		PublicationData:     "Sheet Data: every figure as a row (wave, grouping, group, number of municipalities, measure, statistic, value, flag), in the shape of aggregates.csv; where a figure is not shown its value is empty and the flag says why (too_small: too few municipalities; secondary: it would let a group too small be computed).",

		Wave: "Wave", ID: "AGS", UnitID: "ID", Name: "Name", District: "District", SizeClass: "Size class", Population: "Population",
		Score: "Overall score", LevelNo: "Level", Level: "Maturity level", Coverage: "Coverage", Note: "Note",
		LowCoverage: "low coverage", PercentileState: "Percentile (state)", PercentileIn: "Percentile (%s)",
		Dimension: "Dimension", Indicator: "Indicator", IndicatorID: "Indicator ID", Weight: "Weight",
		State: "Status", Question: "Question", Answer: "Answer",

		GroupsTitle: "Figures per peer group (overall score and dimensions, 0–100)", PeerGroup: "Peer group",
		Group: "Group", AllUnits: "all municipalities", GroupUnits: "Municipalities", N: "scored (n)", Median: "Median",
		Q1: "1st quartile", Q3: "3rd quartile", DimMean: "Mean %s",

		RejectsTitle: "Rejected rows", File: "File", Sheet: "Sheet", Row: "Row", Column: "Column", Reason: "Reason",
		UnknownTitle: "Answers that do not fit their scale (counted as not answered)", Kind: "Kind",
		Places: "Places", DuplicatesTitle: "Duplicate answers", Place: "Place", Message: "Message",
		LowCoverageTitle: "Not scored because of low coverage", Area: "Area", Needed: "needed",
		OtherTitle: "Further notes", None: "none",
		QualHiddenF: "Notes about the municipalities of a wave with fewer than %d participants are neither listed nor counted here (confidentiality): %s. reifegrad check lists them one by one.",
		MoreRowsF:   "… and %d more: all of them are in rejects.csv and in the output of \"reifegrad check\".",
		IssueKinds: map[scoring.IssueKind]string{scoring.IssueUnknownAnswer: "unknown answer",
			scoring.IssueOutOfRange: "out of range", scoring.IssueDuplicate: "duplicate",
			scoring.IssueUnmatchedName: "name not matched", scoring.IssueLowCoverage: "low coverage",
			scoring.IssueIncomplete: "incomplete", scoring.IssueOther: "other",
			scoring.IssueMissingQuestion: "question without a column", scoring.IssueDenominator: "division by zero",
			scoring.IssueDissolved: "dissolved key", scoring.IssueUnreachableLevel: "level out of reach",
			scoring.IssueModelChanged: "model changed since submission"},

		ModelTitle: "The model", Node: "Level of the model", Aggregation: "Aggregation", Policy: "Missing values",
		MinCoverage: "Minimum coverage", Scale: "Scale", Points: "Answers → points (0–1)", QuestionText: "Question text",
		LevelsTitle: "Maturity levels", From: "from overall score",
		Criteria: "Criteria", Description: "Description", CodesTitle: "Codes for missing answers", Code: "Code",
		Meaning: "Meaning", SizeClassesTitle: "Size classes", UpTo: "Population below", MethodText: "How scores are computed",
		Open: "and more",

		SheetQuestionnaire: "Questionnaire", SheetLists: "Lists", QTitle: "Questionnaire: %s", QVersion: "Model version %s",
		QIntro: "How to fill in this questionnaire: enter the official municipality key (AGS) and the name of your " +
			"municipality at the top. Then, in the yellow column \"Answer\", choose an answer from the list for every " +
			"question or enter the number asked for. The answers for \"don't know\" and \"not applicable\" are allowed; an " +
			"empty cell counts as not answered. Please do not change codes or questions, and send the file back as .xlsx.",
		QAGS: "Official municipality key (AGS, 8 digits)", QName: "Name of the municipality", QNo: "No.",
		QHelp: "Notes and possible answers", QYourNote: "Your note (not evaluated)",
		QChooseTitle: "Answer", QChoose: "Please choose an answer from the list.",
		QNumber: "Please enter a number from %s to %s.", QNumberAny: "Please enter a number.", QQuote: "“%s”",
		QMulti: "Several options: enter those that apply, separated by \"%s\"", QOptions: "Answers: %s",
		QAlso: "also possible: %s", QAGSPrompt: "8 digits, e.g. 14612000 for Dresden",
		QOther: "Further information",
		QIntroUnitF: "How to fill in this questionnaire: enter your id (%s) and your name at the top. " +
			"Then, in the yellow column \"Answer\", choose an answer from the list for every " +
			"question or enter the number asked for. The answers for \"don't know\" and \"not applicable\" are allowed; an " +
			"empty cell counts as not answered. Please do not change codes or questions, and send the file back as .xlsx.",
		QIDPrompt: "Your id, as agreed for the survey", QAGSTitle: "AGS",
	},
}

// unitTexts is t with the model's words for its units: the id and
// district headers (scoring.Results.UnitIDLabel, DistrictLabel) — "AGS"
// headed the id of organisations and countries — and the noun in every
// text (Results.UnitNouns) — "alle Kommunen", "Perzentil Land" above them.
// t itself where all are t's own.
func unitTexts(r *scoring.Results, t *catalog) *catalog {
	one, many := r.UnitNouns(t.Lang)
	id, district := r.UnitIDLabel(t.ID, t.UnitID), r.DistrictLabel(t.District)
	if id == t.ID && district == t.District && one == "" {
		return t
	}
	// A copy of its own either way: t is shared by every renderer, and
	// Rewrite hands it back as it is where the noun does not change.
	cc := *nouns.Rewrite(t, nouns.Replacer(t.Lang, one, many))
	c := &cc
	c.ID, c.District = id, district
	if one != "" {
		// "Land"/"state" is Saxony, the whole of the municipalities.
		c.PercentileState = fmt.Sprintf(c.PercentileIn, c.AllUnits)
	}
	return c
}

func catalogFor(l scoring.Language) *catalog {
	if t, ok := catalogs[l]; ok {
		return t
	}
	return catalogs[scoring.German]
}
