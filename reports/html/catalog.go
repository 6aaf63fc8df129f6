package html

import (
	"math"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// catalog holds every fixed text of the HTML reports in one language (and
// the few words the skeleton's Excel and CSV writers borrow). Fields ending
// in F are fmt formats; their verbs are documented beside them. Texts are
// plain: html/template escapes them like any other value.
type catalog struct {
	Lang         scoring.Language
	Overview     string
	UnitID       string // label of a unit ID that is not an AGS
	ProfileTitle string
	ProfileMark  string // at the head of every printed page of a profile
	Units        string
	Scored       string
	Rejected     string
	RowsRead     string
	MeanScore    string
	MedianScore  string
	Level        string
	Levels       string
	NoLevel      string
	Score        string
	Coverage     string
	Dimension    string
	Dimensions   string
	Indicator    string
	Wave         string
	State        string
	StateMedian  string
	PeerMedian   string
	// Points heads a score in the points of a model that counts them
	// (scoring.Model.InPoints), PointsOfF writes it: %s points of %s.
	Points         string
	PointsOfF      string
	Percentile     string
	LevelDist      string
	DimMeans       string
	RadarTitle     string
	DataQuality    string
	Methodology    string
	Suppressed     string
	SuppressedNote string // %d: minimum group size
	// SecondaryNote explains secondary suppression under a chart or table
	// that has some; SecondaryShort is the same as a figure's line.
	SecondaryNote  string
	SecondaryShort string
	LowCoverage    string
	GeneratedBy    string
	Count          string
	Issues         string
	Reason         string
	Place          string
	Name           string
	District       string
	SizeClass      string
	Population     string
	ID             string
	Kind           string
	Label          string
	NotRated       string
	Summary        string
	Results        string
	Indicators     string
	Groups         string
	Change         string
	Value          string
	Answer         string
	Question       string
	Weight         string
	Scale          string
	Aggregation    string
	Text           string
	N              string
	Mean           string
	Median         string
	Q1             string
	Q3             string
	P10            string
	P90            string
	Group          string
	PeerGroup      string
	Figure         string
	Description    string
	From           string

	// Page furniture.
	SkipToContent string
	AssetsMissing string
	ShowTable     string // the summary of a chart's table
	WavesLabel    string
	StampDateF    string // %s: date
	StampCutoffF  string // %s: date
	Contents      string
	Minimum       string
	Maximum       string
	Share         string
	ShareAxis     string
	Overall       string
	AllUnits      string
	Criteria      string
	Range         string
	MoreRowsF     string // %d: rows not shown
	SinceF        string // %s: change, %s: earlier wave ("+5,8 seit 2024")
	// SinceCoreF words a change on the questions both waves asked alike
	// where they are not all the wave asked (%s, %s as SinceF, %d of
	// them), SinceCore1F on one: under "Gesamtwert 46,1" a bare "−2,1
	// seit 2026" read as the change of that score, which had risen from
	// 46,0 (the section on the change says so below).
	SinceCoreF, SinceCore1F string
	NSizeF                  string // %s: group label, %s: units, grouped ("Kleinstadt (n = 12)")
	SuppressedF             string // %s: group label, %s: units, grouped ("Dresden (n = 1) •")
	Trend                   string
	Map                     string
	ByGroupF                string // %s: peer group name

	// Overview.
	FigUnits       string
	FigScored      string
	FigShareFromF  string // %s: level name
	FigShareOfF    string // %s: number of units in the wave (the share's denominator)
	LevelTableNote string // %s: number of units in the wave
	LevelsByF      string // %s: peer group name
	LevelsByNote   string
	DimMeansNote   string
	BoxTitle       string
	BoxNote        string
	BoxTipF        string // %s: category, %s: median, %s–%s: quartiles, %s–%s: min–max
	HeatTitleF     string // %s: peer group name
	HeatNoteF      string // %d: minimum group size
	DimTableTitle  string
	MapTitle       string
	MapNote        string
	MapNamesOff    string
	MapNamesOn     string
	MapMissingF    string // %d: units without coordinates
	MapMissingOne  string // the same for one
	// The district map shown when units may not be named.
	MapDistrictTitle   string
	MapDistrictNote    string
	MapDistrictHiddenF string // %d districts, %d minimum group size
	TrendTitle         string
	TrendLevels        string
	TrendNoteF         string // %s: "2024: 354, 2026: 419"
	TrendPanelF        string // %d: units in both waves, %s: mean change, %s: earlier wave
	TrendPanelMerged   string // after TrendPanelF where units of both waves whose territory changed are left out
	UnitsList          string
	UnitsListNote      string
	ConfNoteF          string // %d: minimum group size
	// ConfAllNoteF is ConfNoteF where no unit is in a group of any peer
	// group: without its sentence on the groups of a division.
	ConfAllNoteF string // %d: minimum group size

	// MapDistrictSecondaryF: %d districts hidden by secondary suppression.
	MapDistrictSecondaryF string
	// The choropleth.
	MapChoroplethNote string
	MapMunicipalNote  string
	// MapSource is the source note dl-de/by-2-0 asks of BKG's boundaries:
	// the provider, that the data was changed, and the licence with the
	// address of its text, written out, as paper has no links.
	MapSource       string
	MapNoUnits      string // a district without participating units
	MapNoUnit       string // a municipality that did not take part
	MapNoData       string // legend: areas without data
	MapOffF         string // %d: units not on the map
	MapOffOne       string // the same for one
	MapSuppressedF  string // %d districts, %d minimum group size
	MedianLevel     string
	SuppressedShort string // legend: what "•" means, briefly

	// Data quality.
	QualKinds       string
	QualRejects     string
	QualRejectsNote string
	QualAnswers     string
	QualAnswersNote string
	QualDuplicates  string
	QualLowCov      string
	QualLowCovNote  string
	QualHiddenF     string // %d: minimum group size, %s: the waves
	IssueKinds      map[scoring.IssueKind]string

	// Profile.
	FigLevel            string
	FigScore            string
	FigState            string
	FigPeerF            string // %s: peer group name, %s: group
	RadarPeerOffF       string // %d: minimum group size
	RadarPeerSecondary  string
	PctF                string // %s: percentile ("besser als 63 % der Kommunen")
	PctAlone            string
	PctNextRefresh      string // the percentile of a new submission, to come (Options.Comparison)
	RadarAsOfRefresh    string // the medians are the last refresh's (Options.Comparison)
	LowCoverageF        string // %s: list of dimensions not scored
	NotScoredDimF       string // %s: dimension, %s: answered %, %s: needed %
	RadarNote           string
	RadarNoPeersNote    string
	BarsTitle           string
	BarsNote            string
	BarsStagedNote      string
	DimTableNote        string
	Strengths           string
	Weaknesses          string
	StrengthsNote       string
	NextSteps           string
	NextStepsNote       string
	NextStepsStagedNote string
	NextStepsNoLevelF   string // staged, a unit without a level: %s: the first level's name
	NoLevelSubF         string // under "ohne Reifegrad" (staged): %s: the first level's name
	NextStepsAtF        string // %s: level name
	NextStepsNotRated   string
	RadarGapNote        string
	Blocking            string
	BlockingF           string // %s: next level name
	BlockingNowF        string // %s: criterion, %s: current score
	BlockingNAF         string // %s: criterion whose node does not apply to the unit
	BlockingUnaskedF    string // %s: criterion whose node the wave did not ask
	PreviousF           string // %s: earlier wave
	PrevNone            string
	PrevAbsent          string // the score before of a unit that did not take part
	PrevLevelF          string // %s: earlier level, %s: level now
	CoreChangeF         string // %d of %d questions; %s, %s: full scores before and now
	MergedF             string // %s name, %s AGS, %s wave, %s score
	MergedAbsentF       string // %s AGS, %s wave: merged in, did not answer that wave
	MergedNote          string
	TrendCoreF          string // %d of %d questions
	PanelCoreF          string // %d of %d questions
	Before              string
	After               string
	// CoreBeforeF and CoreAfterF label the scores on the questions both
	// waves asked alike (%d of them), CoreBefore1 and CoreAfter1 on one.
	CoreBeforeF, CoreAfterF, CoreBefore1, CoreAfter1 string
	HowToRead                                        string
	HowToReadParas                                   []string
	// HowToReadAgg replaces the first of HowToReadParas for a model that
	// combines some part otherwise than by a weighted mean (a sum of
	// points, a minimum, …): "weighted means" was wrong there.
	HowToReadAgg string
	// HowToReadMedian replaces the last of HowToReadParas, which speaks
	// of the peer group, on a profile without one (renderer.peerGroup).
	HowToReadMedian string
	ConfProfileF    string // %d: minimum group size

	// NoSizeClassF and NoGroupF say why a profile has no peer-group
	// median where the unit is in no group (scoring.NoGroup): no
	// population, so no size class; no value for the attribute. %s: the
	// peer group's name.
	NoSizeClassF, NoGroupF string

	// Under report.min_group_size 1 no figure that exists is hidden
	// (scoring.Disclosure.HidesSmallGroups): "•" stands where no unit of
	// the group has a value (NoFigureNote, for SuppressedNote; HeatDarker
	// is HeatNoteF's first sentence), and the notes on confidentiality
	// say figures are shown for groups of any size (ConfOneNote for
	// ConfNoteF, ConfProfileOne for ConfProfileF). They said "fewer than
	// 1 organisations". QuartilesNoteF explains the quartiles hidden
	// below 5 scores (scoring.FewScores) where min_group_size is smaller;
	// %d: that number of scores.
	NoFigureNote, HeatDarker, ConfOneNote, ConfProfileOne string
	// Where a group is large enough but fewer than min_group_size of its
	// units have a score on a node (scoring.Disclosure.FewScored), "•"
	// is not for "fewer than 5 municipalities in the group": %d is
	// min_group_size. SuppressedScoredF is a percentile's line,
	// RadarPeerScoredF the radar's note, ScoredNoteF the sentence added
	// to a legend where such a "•" is shown.
	SuppressedScoredF, RadarPeerScoredF, ScoredNoteF string
	QuartilesNoteF                                   string
}

var catalogs = map[scoring.Language]*catalog{
	scoring.German: {
		Lang: scoring.German, Overview: "Übersicht", UnitID: "Kennung", ProfileTitle: "Digitalprofil", ProfileMark: "Vertraulich",
		Units: "Kommunen", Scored: "bewertet", Rejected: "nicht gewertete Zeilen", RowsRead: "gelesene Zeilen",
		MeanScore: "Mittelwert Gesamtwert", MedianScore: "Median Gesamtwert", Level: "Reifegrad", Levels: "Reifegrade",
		NoLevel: "ohne Reifegrad", Score: "Wert", Coverage: "Abdeckung", Dimension: "Dimension", Dimensions: "Dimensionen",
		Indicator: "Indikator", Wave: "Welle", State: "Land", StateMedian: "Median aller Kommunen", Points: "Punkte", PointsOfF: "%s von %s",
		PeerMedian: "Median der Vergleichsgruppe", Percentile: "Perzentil", LevelDist: "Verteilung der Reifegrade", DimMeans: "Mittelwert je Dimension",
		RadarTitle: "Dimensionen im Vergleich", DataQuality: "Datenqualität", Methodology: "Methodik",
		Suppressed: "•", SuppressedNote: "• = nicht ausgewiesen: weniger als %d Kommunen in der Gruppe (Vertraulichkeit).",
		SecondaryNote: "• bei einer größeren Gruppe: nicht ausgewiesen, damit sich die Kennzahlen der zu kleinen Gruppen nicht als Differenz zu allen Kommunen errechnen lassen (Vertraulichkeit).", SecondaryShort: "nicht ausgewiesen, damit sich kleinere Gruppen nicht errechnen lassen (Vertraulichkeit)",
		LowCoverage: "Geringe Abdeckung: Für einzelne Bereiche lagen zu wenige Antworten vor; sie sind nicht bewertet.",
		GeneratedBy: "Erstellt mit reifegrad", Count: "Anzahl", Issues: "Hinweise", Reason: "Grund", Place: "Fundstelle",
		Name: "Name", District: "Landkreis", SizeClass: "Größenklasse", Population: "Einwohner", ID: "AGS",
		Kind: "Art", Label: "Bezeichnung", NotRated: "nicht bewertet", Summary: "Kennzahlen",
		Results: "Ergebnisse", Indicators: "Indikatoren", Groups: "Gruppen", Change: "Veränderung",
		Value: "Wert", Answer: "Antwort", Question: "Frage", Weight: "Gewicht", Scale: "Skala", Aggregation: "Aggregation",
		Text: "Text", N: "n", Mean: "Mittelwert", Median: "Median", Q1: "1. Quartil", Q3: "3. Quartil", P10: "10. Perzentil", P90: "90. Perzentil", Group: "Gruppe",
		PeerGroup: "Vergleichsgruppe", Figure: "Kennzahl", Description: "Beschreibung", From: "ab",

		SkipToContent: "Zum Inhalt springen", ShowTable: "Die Zahlen als Tabelle",
		AssetsMissing: "Die Diagramme dieses Berichts fehlen: Der Ordner „assets“ gehört neben die Datei (etwa wenn sie einzeln verschickt wurde), oder JavaScript ist ausgeschaltet. Alle Zahlen stehen in den Tabellen dieser Seite.",
		WavesLabel:    "Wellen", StampDateF: "Stand %s", StampCutoffF: "Datenstand %s",
		Contents: "Inhalt", Minimum: "niedrigster Wert", Maximum: "höchster Wert", Share: "Anteil",
		ShareAxis: "Anteil der Kommunen in %", Overall: "Gesamtwert", AllUnits: "Alle Kommunen", Criteria: "Kriterien", Range: "Gesamtwert", MoreRowsF: "… und %d weitere", SinceF: "%s seit %s",
		SinceCoreF: "%s seit %s auf den %d gemeinsamen Fragen", SinceCore1F: "%s seit %s auf der gemeinsamen Frage",
		NSizeF: "%s (n = %s)", SuppressedF: "%s (n = %s) •", Trend: "Entwicklung", Map: "Karte", ByGroupF: "Vergleich nach %s",

		FigUnits: "teilnehmende Kommunen", FigScored: "mit Gesamtwert", FigShareFromF: "Anteil ab Reifegrad „%s“", FigShareOfF: "an allen %s teilnehmenden Kommunen",
		MapDistrictSecondaryF: "Ebenfalls nicht ausgewiesen, damit sich die zu kleinen nicht als Differenz errechnen lassen: %d.",
		MapChoroplethNote:     "Jeder Landkreis und jede kreisfreie Stadt in der Farbe und dem Muster des mittleren Reifegrads (Median) ihrer teilnehmenden Kommunen; die Zahl hinter dem Namen ist die Stufe. Einzelne Kommunen werden nicht gezeigt.",
		MapMunicipalNote:      "Jede Kommune in der Farbe und dem Muster ihres Reifegrads; Linien: Grenzen der Landkreise.",
		MapSource:             "Kartengrundlage: © GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), Daten verändert (vereinfacht); Datenlizenz Deutschland – Namensnennung – Version 2.0, https://www.govdata.de/dl-de/by-2-0",
		MapNoUnits:            "keine teilnehmenden Kommunen",
		MapSuppressedF:        "Landkreise und kreisfreie Städte mit weniger als %[2]d teilnehmenden Kommunen sind schraffiert und ohne Stufe (•, Vertraulichkeit): %[1]d.",
		MapNoUnit:             "nicht teilgenommen",
		MapNoData:             "keine Teilnahme",
		MapOffF:               "%d Kommunen liegen außerhalb der Kartengrundlage (Gebietsstand 2021) und sind nicht eingezeichnet.",
		MapOffOne:             "Eine Kommune liegt außerhalb der Kartengrundlage (Gebietsstand 2021) und ist nicht eingezeichnet.",
		MedianLevel:           "mittlerer Reifegrad (Median)",
		SuppressedShort:       "nicht ausgewiesen (zu wenige Kommunen)", RadarPeerSecondary: "Der Median der Vergleichsgruppe fehlt: Er wird nicht ausgewiesen, damit sich die Kennzahlen kleinerer Gruppen nicht als Differenz errechnen lassen.",
		LevelTableNote:     "Anzahl der Kommunen je Reifegrad und ihr Anteil an allen %s teilnehmenden Kommunen der Welle, auch denen ohne Reifegrad.",
		LevelsByF:          "Reifegrade nach %s",
		LevelsByNote:       "Anteil je Reifegrad an allen Kommunen jeder Gruppe, auch denen ohne Reifegrad; n = Zahl der Kommunen.",
		DimMeansNote:       "Mittelwert aller bewerteten Kommunen auf der Skala von 0 bis 100.",
		BoxTitle:           "Streuung je Dimension",
		BoxNote:            "Kasten: mittlere Hälfte der Kommunen (1. bis 3. Quartil), Strich im Kasten: Median, Linien: 10. bis 90. Perzentil (erst ab 11 Kommunen). Niedrigster und höchster Wert sind nicht gezeigt: Jeder ist der Wert einer einzelnen Kommune.",
		BoxTipF:            "%s: Median %s, mittlere Hälfte %s–%s, 10.–90. Perzentil %s–%s",
		HeatTitleF:         "Mittelwert je Dimension und %s",
		HeatNoteF:          "Je dunkler das Feld, desto höher der Mittelwert (0–100). • = weniger als %d Kommunen: nicht ausgewiesen.",
		DimTableTitle:      "Kennzahlen je Dimension",
		MapTitle:           "Kommunen nach Reifegrad",
		MapNote:            "Jeder Punkt ist eine Kommune, eingezeichnet nach Längen- und Breitengrad (maßstabsgetreu). Die Karte kommt bewusst ohne Hintergrundkarte aus, damit der Bericht ohne Internetverbindung funktioniert.",
		MapNamesOff:        "Namen einzelner Kommunen werden in dieser Übersicht nicht genannt.",
		MapNamesOn:         "Beim Zeigen auf einen Punkt erscheint der Name der Kommune.",
		MapMissingF:        "%d Kommunen ohne Koordinaten sind nicht eingezeichnet.",
		MapMissingOne:      "Eine Kommune ohne Koordinaten ist nicht eingezeichnet.",
		MapDistrictTitle:   "Landkreise nach mittlerem Reifegrad",
		MapDistrictNote:    "Jeder Punkt ist ein Landkreis oder eine kreisfreie Stadt, eingezeichnet in der Mitte seiner teilnehmenden Kommunen (maßstabsgetreu, ohne Hintergrundkarte, damit der Bericht ohne Internetverbindung funktioniert). Die Farbe zeigt den Median der Reifegrade, die Größe die Zahl der Kommunen. Einzelne Kommunen werden nicht gezeigt: Ein Punkt an ihrem Ort würde sie so sicher benennen wie ihr Name.",
		MapDistrictHiddenF: "Landkreise und kreisfreie Städte mit weniger als %[2]d teilnehmenden Kommunen sind nicht eingezeichnet (Vertraulichkeit): %[1]d.",
		TrendTitle:         "Mittelwerte je Welle",
		TrendLevels:        "Reifegrade je Welle",
		TrendNoteF:         "Teilnehmende Kommunen je Welle: %s. Veränderungen der Mittelwerte spiegeln auch wider, wer teilgenommen hat.",
		TrendPanelF:        "Die %d Kommunen, die an beiden Wellen teilgenommen haben, haben ihren Gesamtwert im Mittel um %s Punkte verändert (seit %s).",
		TrendPanelMerged:   "Kommunen, die ebenfalls an beiden Wellen teilgenommen haben, deren Gebiet sich seitdem aber durch einen Zusammenschluss verändert hat, sind darin nicht enthalten.",
		UnitsList:          "Alle Kommunen",
		UnitsListNote:      "Diese Liste erscheint, weil die Einstellung report.list_units eingeschaltet ist.",
		ConfNoteF:          "Vertraulichkeit: Kennzahlen von Gruppen mit weniger als %d Kommunen (Mittelwerte, Mediane, Verteilungen, Felder der Übersichtstabellen) werden nicht ausgewiesen und durch • ersetzt. Weil die Kennzahlen aller Kommunen ausgewiesen werden, ließe sich die Summe der ausgeblendeten Gruppen als Differenz errechnen; deshalb wird, solange die ausgeblendeten Kommunen einer Einteilung (etwa nach Landkreis) zu wenige sind, zusätzlich die nächstkleinere Gruppe ausgeblendet. Die mittlere Veränderung der Kommunen, die an beiden Wellen teilgenommen haben, wird nur genannt, wenn ebenso keine zu kleine Zahl von Kommunen hinzugekommen oder weggefallen ist. Jedes Profil zeigt nur die eigene Kommune und solche Kennzahlen.",
		ConfAllNoteF:       "Vertraulichkeit: Kennzahlen von Gruppen mit weniger als %d Kommunen (Mittelwerte, Mediane, Verteilungen, Felder der Übersichtstabellen) werden nicht ausgewiesen und durch • ersetzt. Die mittlere Veränderung der Kommunen, die an beiden Wellen teilgenommen haben, wird nur genannt, wenn ebenso keine zu kleine Zahl von Kommunen hinzugekommen oder weggefallen ist. Jedes Profil zeigt nur die eigene Kommune und solche Kennzahlen.",

		QualKinds:       "Hinweise nach Art",
		QualRejects:     "Nicht gewertete Zeilen",
		QualRejectsNote: "Diese Zeilen der Eingabedateien sind nicht in die Auswertung eingegangen. Die vollständige Liste steht in rejects.csv.",
		QualAnswers:     "Antworten außerhalb der Skala",
		QualAnswersNote: "Solche Antworten zählen als nicht beantwortet, nie als 0.",
		QualDuplicates:  "Doppelte Antworten",
		QualLowCov:      "Nicht bewertete Bereiche",
		QualLowCovNote:  "Zahl der Kommunen, bei denen ein Bereich wegen zu weniger Antworten nicht bewertet wurde.",
		QualHiddenF:     "Hinweise zu den Kommunen einer Welle mit weniger als %d Teilnehmenden sind hier weder aufgeführt noch mitgezählt (Vertraulichkeit): %s. reifegrad check listet sie einzeln.",
		IssueKinds: map[scoring.IssueKind]string{
			scoring.IssueUnknownAnswer: "Antwort nicht in der Skala", scoring.IssueOutOfRange: "Zahl außerhalb des zulässigen Bereichs",
			scoring.IssueDuplicate: "doppelte Antwort einer Kommune", scoring.IssueUnmatchedName: "Name nicht eindeutig zugeordnet",
			scoring.IssueLowCoverage: "Bereich wegen zu weniger Antworten nicht bewertet", scoring.IssueIncomplete: "unvollständig abgeschickt",
			scoring.IssueOther: "sonstiger Hinweis", scoring.IssueMissingQuestion: "Frage ohne Spalte in einer Eingabedatei", scoring.IssueDenominator: "Teilung durch null oder fehlenden Nenner",
			scoring.IssueDissolved: "Antwort unter einem nicht mehr bestehenden Gemeindeschlüssel", scoring.IssueUnreachableLevel: "Stufe in einer Welle unerreichbar (Frage nicht gestellt)",
			scoring.IssueModelChanged: "online eingereicht unter einer früheren Fassung des Modells",
		},

		FigLevel: "Reifegrad", FigScore: "Gesamtwert (0–100)", FigState: "Vergleich mit allen Kommunen", FigPeerF: "Vergleich: %s „%s“",
		RadarPeerOffF: "Der Median der Vergleichsgruppe fehlt: Sie umfasst weniger als %d Kommunen.",
		PctF:          "besser als %s der Kommunen", PctAlone: "kein Vergleich möglich",
		PctNextRefresh:      "für Ihre neue Einreichung, sobald die Vergleichswerte das nächste Mal aktualisiert werden",
		RadarAsOfRefresh:    "Die Mediane sind die der letzten Aktualisierung der Vergleichswerte; Ihre neue Einreichung geht in die nächste ein (nach weiteren Einreichungen).",
		LowCoverageF:        "Geringe Abdeckung: Für folgende Bereiche lagen zu wenige Antworten vor; sie sind nicht bewertet: %s.",
		NotScoredDimF:       "%s (%s beantwortet, %s nötig)",
		RadarNote:           "Ihre Werte je Dimension (0–100) im Vergleich mit dem Median aller Kommunen und dem Median Ihrer Vergleichsgruppe.",
		RadarNoPeersNote:    "Ihre Werte je Dimension (0–100) im Vergleich mit dem Median aller Kommunen.",
		NoFigureNote:        "• = keine Kennzahl: Keine Kommune der Gruppe hat dort einen Wert.",
		SuppressedScoredF:   "• = nicht ausgewiesen: weniger als %d Kommunen der Gruppe mit Gesamtwert (Vertraulichkeit).",
		RadarPeerScoredF:    "Der Median der Vergleichsgruppe fehlt: Weniger als %d ihrer Kommunen haben dort einen Wert.",
		ScoredNoteF:         "Ebenso nicht ausgewiesen (•) sind die Kennzahlen eines Bereichs, in dem weniger als %d Kommunen der Gruppe einen Wert haben.",
		HeatDarker:          "Je dunkler das Feld, desto höher der Mittelwert (0–100).",
		ConfOneNote:         "Vertraulichkeit: Kennzahlen werden für Gruppen jeder Größe ausgewiesen, auch für eine einzelne Kommune (report.min_group_size: 1). Jedes Profil zeigt nur die eigene Kommune und zusammengefasste Kennzahlen.",
		ConfProfileOne:      "Dieses Profil enthält nur Angaben zu Ihrer Kommune und zusammengefasste Kennzahlen, die für Gruppen jeder Größe ausgewiesen werden. • steht, wo keine Kommune der Gruppe einen Wert hat.",
		QuartilesNoteF:      "Quartile aus weniger als %d Werten werden nicht ausgewiesen (•): Sie verrieten den niedrigsten oder höchsten Wert, den einer einzelnen Kommune.",
		NoSizeClassF:        "Einen Median der Vergleichsgruppe gibt es nicht: Für Ihre Kommune ist keine Einwohnerzahl bekannt, daher gehört sie zu keiner Gruppe nach „%s“.",
		NoGroupF:            "Einen Median der Vergleichsgruppe gibt es nicht: Für Ihre Kommune ist „%s“ nicht angegeben, daher gehört sie zu keiner Gruppe.",
		BarsTitle:           "Dimensionen und Reifegrade",
		BarsNote:            "Balken: Ihr Wert je Dimension. Hintergrund: die Wertebereiche der Reifegrade.",
		BarsStagedNote:      "Balken: Ihr Wert je Dimension (0–100).",
		DimTableNote:        "Abdeckung: Anteil des Gewichts, zu dem Antworten vorlagen.",
		Strengths:           "Stärkste Indikatoren",
		Weaknesses:          "Schwächste Indikatoren",
		StrengthsNote:       "Bis zu drei Indikatoren je Liste, mit Ihrem Wert (0–100) und Ihrer Antwort.",
		NextSteps:           "Nächste Schritte",
		NextStepsNote:       "Empfehlungen aus dem Reifegradmodell, passend zu der Stufe, die Ihr Wert in der jeweiligen Dimension erreicht.",
		NextStepsStagedNote: "Empfehlungen aus dem Reifegradmodell, passend zu Ihrem Reifegrad.",
		NextStepsNoLevelF:   "Empfehlungen aus dem Reifegradmodell für den Anfang: Sie haben noch keine Stufe erreicht, daher die Empfehlungen der ersten Stufe, „%s“.",
		NoLevelSubF:         "Die Kriterien der ersten Stufe, „%s“, sind noch nicht erfüllt.",
		NextStepsAtF:        "Stufe „%s“",
		NextStepsNotRated:   "Diese Dimension ist nicht bewertet: Es lagen zu wenige Antworten vor. Beantworten Sie die offenen Fragen, damit sie bewertet und eine Empfehlung gegeben werden kann.",
		RadarGapNote:        "Eine Lücke in Ihrer Linie: Diese Dimension ist nicht bewertet (zu wenige Antworten) – nicht 0.",
		Blocking:            "Was zur nächsten Stufe fehlt",
		BlockingF:           "Für den Reifegrad „%s“ fehlen noch:",
		BlockingNowF:        "%s (derzeit %s)",
		BlockingNAF:         "%s (trifft bei Ihnen nicht zu: ohne Wert nie erfüllt)",
		BlockingUnaskedF:    "%s (in dieser Welle nicht gefragt: ohne Wert nie erfüllt)",
		PreviousF:           "Veränderung seit Welle %s",
		PrevNone:            "An der vorigen Welle hat die Kommune nicht teilgenommen.",
		PrevAbsent:          "nicht teilgenommen",
		PrevLevelF:          "Reifegrad: %s → %s",
		CoreChangeF:         "Veränderung auf Basis von %d von %d Fragen, die in beiden Wellen gleich gestellt wurden; die Gesamtwerte auf allen Fragen der jeweiligen Welle: vorher %s, jetzt %s.",
		MergedF:             "%s (%s), Welle %s: Gesamtwert %s",
		MergedAbsentF:       "%s, Welle %s: nicht teilgenommen, kein früherer Wert",
		MergedNote:          "Seit der vorigen Welle gehören diese Kommunen zu Ihrer Kommune. Ihre früheren Werte stehen einzeln hier; eine Veränderung wird nicht berechnet, weil sich das Gebiet verändert hat.",
		TrendCoreF:          "Die Mittelwerte beruhen auf %d von %d Fragen, die in allen Wellen gleich gestellt wurden; die Kennzahlen jeder Welle oben beruhen auf all ihren Fragen.",
		PanelCoreF:          "Veränderung auf Basis von %d von %d Fragen, die in beiden Wellen gleich gestellt wurden.",
		Before:              "vorher", After: "jetzt",
		CoreBeforeF: "Wert auf den %d gemeinsamen Fragen, vorher", CoreAfterF: "Wert auf den %d gemeinsamen Fragen, jetzt",
		CoreBefore1: "Wert auf der gemeinsamen Frage, vorher", CoreAfter1: "Wert auf der gemeinsamen Frage, jetzt",
		HowToRead:    "So lesen Sie dieses Profil",
		HowToReadAgg: "Alle Werte liegen auf einer Skala von 0 bis 100. Sie werden aus Ihren Antworten berechnet: Jede Antwort ergibt Punkte, die zu Indikatoren, Dimensionen und dem Gesamtwert zusammengefasst werden – in diesem Modell nicht überall als gewichtete Mittelwerte; wie, beschreibt die Methodik in der Übersicht.",
		HowToReadParas: []string{
			"Alle Werte liegen auf einer Skala von 0 bis 100. Sie werden aus Ihren Antworten berechnet: jede Antwort ergibt Punkte, Indikatoren und Dimensionen sind gewichtete Mittelwerte.",
			"„Besser als 63 % der Kommunen“ heißt: 63 % der übrigen Kommunen haben einen niedrigeren Gesamtwert; gleiche Werte zählen zur Hälfte.",
			"Die Vergleichsgruppe fasst Kommunen ähnlicher Art zusammen, damit der Vergleich fair ist. Der Median ist der mittlere Wert: Die Hälfte der Kommunen liegt darüber, die Hälfte darunter.",
		},
		HowToReadMedian: "Der Median ist der mittlere Wert: Die Hälfte der Kommunen liegt darüber, die Hälfte darunter.",
		ConfProfileF:    "Dieses Profil enthält nur Angaben zu Ihrer Kommune und zusammengefasste Kennzahlen. Kennzahlen von Gruppen mit weniger als %d Kommunen werden nicht ausgewiesen (•), ebenso die einer größeren Gruppe, wenn sich sonst die einer kleineren errechnen ließen.",
	},
	scoring.English: {
		Lang: scoring.English, Overview: "Overview", UnitID: "ID", ProfileTitle: "Digital profile", ProfileMark: "Confidential",
		Units: "Municipalities", Scored: "scored", Rejected: "rows not scored", RowsRead: "rows read",
		MeanScore: "Mean overall score", MedianScore: "Median overall score", Level: "Maturity level", Levels: "Maturity levels",
		NoLevel: "no level", Score: "Score", Coverage: "Coverage", Dimension: "Dimension", Dimensions: "Dimensions",
		Indicator: "Indicator", Wave: "Wave", State: "State", StateMedian: "Median of all municipalities", Points: "Points", PointsOfF: "%s of %s",
		PeerMedian: "Peer-group median", Percentile: "Percentile", LevelDist: "Distribution of maturity levels", DimMeans: "Mean per dimension",
		RadarTitle: "Dimensions compared", DataQuality: "Data quality", Methodology: "Methodology",
		Suppressed: "•", SuppressedNote: "• = not shown: fewer than %d municipalities in the group (confidentiality).",
		SecondaryNote: "• for a larger group: not shown so that the figures of the groups too small to show cannot be computed as a difference from all municipalities (confidentiality).", SecondaryShort: "not shown so that smaller groups cannot be computed (confidentiality)",
		LowCoverage: "Low coverage: too few answers for some areas; they are not scored.",
		GeneratedBy: "Made with reifegrad", Count: "Count", Issues: "Notes", Reason: "Reason", Place: "Place",
		Name: "Name", District: "District", SizeClass: "Size class", Population: "Population", ID: "AGS",
		Kind: "Kind", Label: "Label", NotRated: "not scored", Summary: "Key figures",
		Results: "Results", Indicators: "Indicators", Groups: "Groups", Change: "Change",
		Value: "Value", Answer: "Answer", Question: "Question", Weight: "Weight", Scale: "Scale", Aggregation: "Aggregation",
		Text: "Text", N: "n", Mean: "Mean", Median: "Median", Q1: "1st quartile", Q3: "3rd quartile", P10: "10th percentile", P90: "90th percentile", Group: "Group",
		PeerGroup: "Peer group", Figure: "Figure", Description: "Description", From: "from",

		SkipToContent: "Skip to content", ShowTable: "The figures as a table",
		AssetsMissing: "The charts of this report are missing: the folder “assets” belongs next to the file (for example when it was sent on its own), or JavaScript is switched off. All figures are in the tables on this page.",
		WavesLabel:    "Waves", StampDateF: "Made %s", StampCutoffF: "data as of %s",
		Contents: "Contents", Minimum: "lowest", Maximum: "highest", Share: "Share",
		ShareAxis: "Share of municipalities in %", Overall: "Overall score", AllUnits: "All municipalities", Criteria: "Criteria", Range: "Overall score", MoreRowsF: "… and %d more", SinceF: "%s since %s",
		SinceCoreF: "%s since %s on the %d common questions", SinceCore1F: "%s since %s on the common question",
		NSizeF: "%s (n = %s)", SuppressedF: "%s (n = %s) •", Trend: "Trend", Map: "Map", ByGroupF: "Comparison by %s",

		FigUnits: "participating municipalities", FigScored: "with an overall score", FigShareFromF: "share at level “%s” or above", FigShareOfF: "of all %s participating municipalities",
		MapDistrictSecondaryF: "Also not shown, so that those too small cannot be computed as a difference: %d.",
		MapChoroplethNote:     "Each district and district-free city in the colour and pattern of the median maturity level of its participating municipalities; the number after the name is the level. Single municipalities are not shown.",
		MapMunicipalNote:      "Each municipality in the colour and pattern of its maturity level; lines: district borders.",
		MapSource:             "Boundaries: © GeoBasis-DE / BKG (2021), Verwaltungsgebiete 1:5 000 000 (VG5000), data changed (simplified); Data licence Germany – attribution – version 2.0, https://www.govdata.de/dl-de/by-2-0",
		MapNoUnits:            "no participating municipalities",
		MapSuppressedF:        "Districts and district-free cities with fewer than %[2]d participating municipalities are hatched and shown without a level (•, confidentiality): %[1]d.",
		MapNoUnit:             "did not take part",
		MapNoData:             "did not take part",
		MapOffF:               "%d municipalities lie outside the boundaries (as of 2021) and are not drawn.",
		MapOffOne:             "One municipality lies outside the boundaries (as of 2021) and is not drawn.",
		MedianLevel:           "median maturity level",
		SuppressedShort:       "not shown (too few municipalities)", RadarPeerSecondary: "The peer-group median is missing: it is not shown so that the figures of smaller groups cannot be computed as a difference.",
		LevelTableNote:     "Number of municipalities at each maturity level and their share of all %s participating municipalities of the wave, those without a level included.",
		LevelsByF:          "Maturity levels by %s",
		LevelsByNote:       "Share of each level of all municipalities of each group, those without a level included; n = number of municipalities.",
		DimMeansNote:       "Mean of all scored municipalities on the scale from 0 to 100.",
		BoxTitle:           "Spread per dimension",
		BoxNote:            "Box: middle half of the municipalities (1st to 3rd quartile), line in the box: median, whiskers: 10th to 90th percentile (from 11 municipalities). The lowest and highest scores are not shown: each is a single municipality's score.",
		BoxTipF:            "%s: median %s, middle half %s–%s, 10th–90th percentile %s–%s",
		HeatTitleF:         "Mean per dimension and %s",
		HeatNoteF:          "The darker the cell, the higher the mean (0–100). • = fewer than %d municipalities: not shown.",
		DimTableTitle:      "Figures per dimension",
		MapTitle:           "Municipalities by maturity level",
		MapNote:            "Each dot is a municipality, placed by longitude and latitude (true to scale). The map deliberately has no background map so that the report works without an internet connection.",
		MapNamesOff:        "This overview does not name individual municipalities.",
		MapNamesOn:         "Point at a dot to see the municipality's name.",
		MapMissingF:        "%d municipalities without coordinates are not drawn.",
		MapMissingOne:      "One municipality without coordinates is not drawn.",
		MapDistrictTitle:   "Districts by median maturity level",
		MapDistrictNote:    "Each dot is a district or district-free city, placed at the centre of its participating municipalities (true to scale, without a background map so that the report works offline). Its colour is the median maturity level, its size the number of municipalities. Single municipalities are not shown: a dot at their location would identify them as surely as their name.",
		MapDistrictHiddenF: "Districts and district-free cities with fewer than %[2]d participating municipalities are not drawn (confidentiality): %[1]d.",
		TrendTitle:         "Means per wave",
		TrendLevels:        "Maturity levels per wave",
		TrendNoteF:         "Participating municipalities per wave: %s. Changes of the means also reflect who took part.",
		TrendPanelF:        "The %d municipalities that took part in both waves changed their overall score by %s points on average (since %s).",
		TrendPanelMerged:   "Municipalities that also took part in both waves but whose territory has changed since by a merger are not included.",
		UnitsList:          "All municipalities",
		UnitsListNote:      "This list appears because the setting report.list_units is switched on.",
		ConfNoteF:          "Confidentiality: figures of groups with fewer than %d municipalities (means, medians, distributions, cells of the overview tables) are not shown and replaced by •. As the figures of all municipalities are shown, the sum of the hidden groups could be computed as a difference; so while the hidden municipalities of a division (such as by district) are too few, the next smallest group is hidden as well. The mean change of the municipalities that took part in both waves is given only if likewise no too small number of municipalities joined or left. Each profile shows only its own municipality and such figures.",
		ConfAllNoteF:       "Confidentiality: figures of groups with fewer than %d municipalities (means, medians, distributions, cells of the overview tables) are not shown and replaced by •. The mean change of the municipalities that took part in both waves is given only if likewise no too small number of municipalities joined or left. Each profile shows only its own municipality and such figures.",

		QualKinds:       "Notes by kind",
		QualRejects:     "Rows not scored",
		QualRejectsNote: "These rows of the input files were not scored. The full list is in rejects.csv.",
		QualAnswers:     "Answers outside the scale",
		QualAnswersNote: "Such answers count as not answered, never as 0.",
		QualDuplicates:  "Duplicate answers",
		QualLowCov:      "Areas not scored",
		QualLowCovNote:  "Number of municipalities for which an area was not scored because too few answers were given.",
		QualHiddenF:     "Notes about the municipalities of a wave with fewer than %d participants are neither listed nor counted here (confidentiality): %s. reifegrad check lists them one by one.",
		IssueKinds: map[scoring.IssueKind]string{
			scoring.IssueUnknownAnswer: "answer not in the scale", scoring.IssueOutOfRange: "number out of range",
			scoring.IssueDuplicate: "a municipality answered twice", scoring.IssueUnmatchedName: "name not matched unambiguously",
			scoring.IssueLowCoverage: "area not scored: too few answers", scoring.IssueIncomplete: "submitted incomplete",
			scoring.IssueOther: "other note", scoring.IssueMissingQuestion: "question without a column in an input", scoring.IssueDenominator: "division by zero or a missing denominator",
			scoring.IssueDissolved: "answer under a municipality key that no longer existed", scoring.IssueUnreachableLevel: "level out of reach in a wave (question not asked)",
			scoring.IssueModelChanged: "submitted online under an earlier version of the model",
		},

		FigLevel: "Maturity level", FigScore: "Overall score (0–100)", FigState: "Compared with all municipalities", FigPeerF: "Compared: %s “%s”",
		RadarPeerOffF: "The peer-group median is missing: the group has fewer than %d municipalities.",
		PctF:          "better than %s of municipalities", PctAlone: "no comparison possible",
		PctNextRefresh:      "for your new submission, when the comparison figures are next updated",
		RadarAsOfRefresh:    "The medians are those of the last update of the comparison figures; your new submission enters the next one (after further submissions).",
		LowCoverageF:        "Low coverage: too few answers for these areas; they are not scored: %s.",
		NotScoredDimF:       "%s (%s answered, %s needed)",
		RadarNote:           "Your score per dimension (0–100) compared with the median of all municipalities and the median of your peer group.",
		RadarNoPeersNote:    "Your score per dimension (0–100) compared with the median of all municipalities.",
		NoFigureNote:        "• = no figure: no municipality of the group has a value there.",
		SuppressedScoredF:   "• = not shown: fewer than %d municipalities of the group with an overall score (confidentiality).",
		RadarPeerScoredF:    "The peer-group median is missing: fewer than %d of its municipalities have a score there.",
		ScoredNoteF:         "Nor are the figures of an area in which fewer than %d municipalities of the group have a score (•).",
		HeatDarker:          "The darker the cell, the higher the mean (0–100).",
		ConfOneNote:         "Confidentiality: figures are shown for groups of any size, a single municipality included (report.min_group_size: 1). Each profile shows only its own municipality and aggregated figures.",
		ConfProfileOne:      "This profile contains only data on your municipality and aggregated figures, which are shown for groups of any size. • stands where no municipality of the group has a value.",
		QuartilesNoteF:      "Quartiles of fewer than %d scores are not shown (•): they would give away the lowest or highest score, a single municipality's.",
		NoSizeClassF:        "There is no peer-group median: no population is known for your municipality, so it belongs to no group by “%s”.",
		NoGroupF:            "There is no peer-group median: “%s” is not given for your municipality, so it belongs to no group.",
		BarsTitle:           "Dimensions and maturity levels",
		BarsNote:            "Bars: your score per dimension. Background: the score ranges of the maturity levels.",
		BarsStagedNote:      "Bars: your score per dimension (0–100).",
		DimTableNote:        "Coverage: share of the weight for which answers were given.",
		Strengths:           "Strongest indicators",
		Weaknesses:          "Weakest indicators",
		StrengthsNote:       "Up to three indicators per list, with your score (0–100) and your answer.",
		NextSteps:           "Next steps",
		NextStepsNote:       "Advice from the maturity model, matching the level your score reaches in each dimension.",
		NextStepsStagedNote: "Advice from the maturity model, matching your maturity level.",
		NextStepsNoLevelF:   "Advice from the maturity model for a start: you have not reached a level yet, so this is the advice of the first level, “%s”.",
		NoLevelSubF:         "The criteria of the first level, “%s”, are not met yet.",
		NextStepsAtF:        "level “%s”",
		NextStepsNotRated:   "This dimension is not scored: too few answers were given. Answer the open questions so that it can be scored and advice given.",
		RadarGapNote:        "A gap in your line: that dimension is not scored (too few answers) – not 0.",
		Blocking:            "What the next level needs",
		BlockingF:           "For the maturity level “%s” these are still missing:",
		BlockingNowF:        "%s (now %s)",
		BlockingNAF:         "%s (does not apply to you: never met without a score)",
		BlockingUnaskedF:    "%s (not asked in this wave: never met without a score)",
		PreviousF:           "Change since wave %s",
		PrevNone:            "The municipality did not take part in the previous wave.",
		PrevAbsent:          "did not take part",
		PrevLevelF:          "Maturity level: %s → %s",
		CoreChangeF:         "Change on the basis of %d of %d questions asked the same way in both waves; the overall scores on all questions of each wave: before %s, now %s.",
		MergedF:             "%s (%s), wave %s: overall score %s",
		MergedAbsentF:       "%s, wave %s: did not take part, no earlier score",
		MergedNote:          "Since the previous wave, these municipalities have become part of yours. Their earlier scores are listed one by one; no change is computed, as the territory has changed.",
		TrendCoreF:          "The means rest on %d of %d questions asked the same way in all waves; the figures of each wave above rest on all its questions.",
		PanelCoreF:          "Change on the basis of %d of %d questions asked the same way in both waves.",
		Before:              "before", After: "now",
		CoreBeforeF: "Score on the %d common questions, before", CoreAfterF: "Score on the %d common questions, now",
		CoreBefore1: "Score on the common question, before", CoreAfter1: "Score on the common question, now",
		HowToRead:    "How to read this profile",
		HowToReadAgg: "All scores are on a scale from 0 to 100. They are computed from your answers: each answer gives points, which are combined into indicators, dimensions and the overall score – in this model not everywhere as weighted means; the methodology in the overview says how.",
		HowToReadParas: []string{
			"All scores are on a scale from 0 to 100. They are computed from your answers: each answer gives points; indicators and dimensions are weighted means.",
			"“Better than 63 % of municipalities” means: 63 % of the other municipalities have a lower overall score; equal scores count half.",
			"The peer group brings together municipalities of a similar kind so that the comparison is fair. The median is the middle value: half of the municipalities are above it, half below.",
		},
		HowToReadMedian: "The median is the middle value: half of the municipalities are above it, half below.",
		ConfProfileF:    "This profile contains only data on your municipality and aggregated figures. Figures of groups with fewer than %d municipalities are not shown (•), nor those of a larger group where they would let a smaller one's be computed.",
	},
}

func texts(l scoring.Language) *catalog { return catalogs[l] }

// num formats a figure for people: one decimal, rounded half away from
// zero as every output rounds (scoring.Fixed: 51,25 is "51,3" here as in
// the workbooks), written as the language writes numbers (decimal).
// A unit's score goes through renderer.score instead, which keeps it on
// its side of the level thresholds.
func (c *catalog) num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return c.decimal(scoring.Fixed(x, 1))
}

// decimal writes a number as scoring.Fixed or scoring.Rounding.Text
// write it ("-3264.5": a point, an ASCII minus, never "-0.0") as the
// language writes numbers: a true minus sign (U+2212), thousands grouped
// and the decimal mark — "−3.264,5" in German, "−3,264.5" in English, as
// int groups counts.
func (c *catalog) decimal(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	sep, mark := ",", "."
	if c.Lang == scoring.German {
		sep, mark = ".", ","
	}
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}

// signed formats a change with its sign: "+5,8", "−2,1" (a true minus
// sign), "±0,0".
func (c *catalog) signed(x float64) string {
	s := c.num(math.Abs(x))
	switch {
	case math.IsNaN(x):
		return s
	case s == c.num(0):
		return "±" + s
	case x > 0:
		return "+" + s
	}
	return "−" + s
}

// numOrSuppressed formats a figure, or "•" where it is suppressed (NaN).
func (c *catalog) numOrSuppressed(x float64) string {
	if math.IsNaN(x) {
		return c.Suppressed
	}
	return c.num(x)
}

// pctOrSuppressed formats a share, or "•" where it is suppressed (NaN).
func (c *catalog) pctOrSuppressed(x float64) string {
	if math.IsNaN(x) {
		return c.Suppressed
	}
	return c.pct(x)
}

// pct formats a share in percent (0–100) as a whole number, rounded as
// num rounds and written as decimal writes numbers: "63 %", "−3.264 %".
// A share beside a minimum it decides goes through pctAt.
func (c *catalog) pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return c.decimal(scoring.Fixed(x, 0)) + " %"
}

// pctAt formats a share in percent (0–100) beside the minimum min (in
// percent) that decides something about it — a coverage beside
// min_coverage, a share beside the 90 % a count uses: a whole number as
// pct, or more decimals where a whole number would reach min and the
// share does not, or fall below it and the share does not ("59,7 %"
// beside 60 %, never "60 %"; scoring.NewRoundingAt).
func (c *catalog) pctAt(x, min float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return c.decimal(scoring.NewRoundingAt(0, min).Text(x)) + " %"
}

// date formats a day: "05.12.2026" in German, "2026-12-05" (ISO 8601) in
// English.
func (c *catalog) date(d time.Time) string {
	if c.Lang == scoring.German {
		return d.Format("02.01.2006")
	}
	return d.Format("2006-01-02")
}

// int formats a count with a thousands separator (scoring.Language.Count).
func (c *catalog) int(n int) string { return c.Lang.Count(n) }

// issueKind names a kind of data-quality note.
func (c *catalog) issueKind(k scoring.IssueKind) string {
	if s, ok := c.IssueKinds[k]; ok {
		return s
	}
	return k.String()
}
