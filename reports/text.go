package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Language is a report language. Every fixed text of the reports comes from
// the catalog of its language.
type Language uint8

const (
	German Language = iota
	English
)

// ParseLanguage turns a config word into a Language.
func ParseLanguage(s string) (Language, error) {
	switch strings.ToLower(s) {
	case "", "de", "deutsch", "german":
		return German, nil
	case "en", "english", "englisch":
		return English, nil
	}
	return 0, fmt.Errorf("unknown report language %q (want de or en)", s)
}

func (l Language) String() string {
	if l == English {
		return "en"
	}
	return "de"
}

// catalog holds every fixed text of the reports in one language.
type catalog struct {
	Lang           string
	OverviewTitle  string
	ProfileTitle   string
	Units          string
	Scored         string
	Rejected       string
	RowsRead       string
	MeanScore      string
	MedianScore    string
	Level          string
	Levels         string
	NoLevel        string
	Score          string
	Coverage       string
	Dimension      string
	Dimensions     string
	Indicator      string
	Wave           string
	State          string
	StateMedian    string
	PeerMedian     string
	Percentile     string
	PercentileOf   string
	Rank           string
	LevelDist      string
	DimMeans       string
	RadarTitle     string
	DataQuality    string
	Methodology    string
	Suppressed     string
	SuppressedNote string
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
	OfUnits        string
	Summary        string
	Results        string
	Overview       string
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
	Group          string
	PeerGroup      string
	All            string
	UnitsInGroup   string
	Figure         string
	Rows           string
	Description    string
	From           string
}

var catalogs = map[Language]*catalog{
	German: {
		Lang: "de", OverviewTitle: "Stand der Digitalen Verwaltung – Übersicht", ProfileTitle: "Digitalprofil",
		Units: "Kommunen", Scored: "bewertet", Rejected: "abgelehnt", RowsRead: "gelesene Zeilen",
		MeanScore: "Mittelwert Gesamtwert", MedianScore: "Median Gesamtwert", Level: "Reifegrad", Levels: "Reifegrade",
		NoLevel: "ohne Reifegrad", Score: "Wert", Coverage: "Abdeckung", Dimension: "Dimension", Dimensions: "Dimensionen",
		Indicator: "Indikator", Wave: "Welle", State: "Land", StateMedian: "Median aller Kommunen",
		PeerMedian: "Median der Vergleichsgruppe", Percentile: "Perzentil", PercentileOf: "besser als %s %% der Kommunen",
		Rank: "Rang", LevelDist: "Verteilung der Reifegrade", DimMeans: "Mittelwert je Dimension",
		RadarTitle: "Dimensionen im Vergleich", DataQuality: "Datenqualität", Methodology: "Methodik",
		Suppressed: "•", SuppressedNote: "• = nicht ausgewiesen: weniger als %d Kommunen in der Gruppe (Vertraulichkeit).",
		LowCoverage: "Geringe Abdeckung: Für einzelne Bereiche lagen zu wenige Antworten vor; sie sind nicht bewertet.",
		GeneratedBy: "Erstellt mit reifegrad", Count: "Anzahl", Issues: "Hinweise", Reason: "Grund", Place: "Fundstelle",
		Name: "Name", District: "Landkreis", SizeClass: "Größenklasse", Population: "Einwohner", ID: "AGS",
		Kind: "Art", Label: "Bezeichnung", NotRated: "nicht bewertet", OfUnits: "von", Summary: "Kennzahlen",
		Results: "Ergebnisse", Overview: "Übersicht", Indicators: "Indikatoren", Groups: "Gruppen", Change: "Veränderung",
		Value: "Wert", Answer: "Antwort", Question: "Frage", Weight: "Gewicht", Scale: "Skala", Aggregation: "Aggregation",
		Text: "Text", N: "n", Mean: "Mittelwert", Median: "Median", Q1: "1. Quartil", Q3: "3. Quartil", Group: "Gruppe",
		PeerGroup: "Vergleichsgruppe", All: "alle", UnitsInGroup: "Kommunen in der Gruppe", Figure: "Kennzahl", Rows: "Zeilen",
		Description: "Beschreibung", From: "ab",
	},
	English: {
		Lang: "en", OverviewTitle: "State of Digital Administration – Overview", ProfileTitle: "Digital profile",
		Units: "Municipalities", Scored: "scored", Rejected: "rejected", RowsRead: "rows read",
		MeanScore: "Mean overall score", MedianScore: "Median overall score", Level: "Maturity level", Levels: "Maturity levels",
		NoLevel: "no level", Score: "Score", Coverage: "Coverage", Dimension: "Dimension", Dimensions: "Dimensions",
		Indicator: "Indicator", Wave: "Wave", State: "State", StateMedian: "Median of all municipalities",
		PeerMedian: "Peer-group median", Percentile: "Percentile", PercentileOf: "better than %s %% of municipalities",
		Rank: "Rank", LevelDist: "Distribution of maturity levels", DimMeans: "Mean per dimension",
		RadarTitle: "Dimensions compared", DataQuality: "Data quality", Methodology: "Methodology",
		Suppressed: "•", SuppressedNote: "• = not shown: fewer than %d municipalities in the group (confidentiality).",
		LowCoverage: "Low coverage: too few answers for some areas; they are not scored.",
		GeneratedBy: "Made with reifegrad", Count: "Count", Issues: "Notes", Reason: "Reason", Place: "Place",
		Name: "Name", District: "District", SizeClass: "Size class", Population: "Population", ID: "AGS",
		Kind: "Kind", Label: "Label", NotRated: "not scored", OfUnits: "of", Summary: "Key figures",
		Results: "Results", Overview: "Overview", Indicators: "Indicators", Groups: "Groups", Change: "Change",
		Value: "Value", Answer: "Answer", Question: "Question", Weight: "Weight", Scale: "Scale", Aggregation: "Aggregation",
		Text: "Text", N: "n", Mean: "Mean", Median: "Median", Q1: "1st quartile", Q3: "3rd quartile", Group: "Group",
		PeerGroup: "Peer group", All: "all", UnitsInGroup: "municipalities in the group", Figure: "Figure", Rows: "Rows",
		Description: "Description", From: "from",
	},
}

func texts(l Language) *catalog { return catalogs[l] }

// num formats a score for people: one decimal, decimal comma in German.
func (c *catalog) num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if c.Lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// int formats a count with a thousands separator.
func (c *catalog) int(n int) string {
	s := strconv.Itoa(n)
	sep := ","
	if c.Lang == "de" {
		sep = "."
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[0] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}
