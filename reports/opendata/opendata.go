// Package opendata describes a run's published figures for an open data
// portal: metadata in DCAT-AP.de 2.0 (the German profile of the EU's DCAT
// application profile, which GovData harvests) as JSON-LD, and a README
// for people. The figures themselves are written by reports/csv
// (aggregates.csv) and the model by the command; this package knows them
// only as distributions with a file name, a format and a size.
//
// Vocabularies: DCAT (http://www.w3.org/ns/dcat#), Dublin Core terms,
// DCAT-AP.de (http://dcat-ap.de/def/dcatde/) with its licence and political
// geocoding vocabularies, FOAF and vCard; the EU's authority tables for
// file types, languages and data themes.
package opendata

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// Licence is the licence the open data is published under. The zero value
// is the Datenlizenz Deutschland – Namensnennung – Version 2.0.
type Licence uint8

const (
	DLDEBY20 Licence = iota // dl-de/by-2-0
	CCBY40                  // cc-by-4.0
)

var licences = []struct{ id, uri, name string }{
	{"dl-de/by-2-0", "http://dcat-ap.de/def/licenses/dl-by-de/2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0"},
	{"cc-by-4.0", "http://dcat-ap.de/def/licenses/cc-by/4.0", "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)"},
}

// String returns the licence's short id: dl-de/by-2-0 or cc-by-4.0.
func (l Licence) String() string { return licences[l].id }

// URI is the licence's IRI in the DCAT-AP.de licence vocabulary.
func (l Licence) URI() string { return licences[l].uri }

// Name is the licence's full name.
func (l Licence) Name() string { return licences[l].name }

// UnmarshalText accepts dl-de/by-2-0 (also dl-by-de/2.0) and cc-by-4.0
// (also "CC BY 4.0"), in any case.
func (l *Licence) UnmarshalText(b []byte) error {
	s := strings.ToLower(strings.Join(strings.Fields(string(b)), "-"))
	switch s {
	case "", "dl-de/by-2-0", "dl-by-de/2.0", "dl-de-by-2.0":
		*l = DLDEBY20
	case "cc-by-4.0", "cc-by/4.0":
		*l = CCBY40
	default:
		return fmt.Errorf("unknown licence %q (want dl-de/by-2-0 or cc-by-4.0)", string(b))
	}
	return nil
}

// MarshalText writes the licence's short id.
func (l Licence) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Metadata describes the dataset. Title, Description and Publisher.Name
// are required; the rest may be left zero and is then left out.
type Metadata struct {
	Title, Description string
	Keywords           []string
	Language           scoring.Language
	Publisher          Agent
	// ContactEmail is where questions about the data go.
	ContactEmail string
	// ContributorID is the publisher's IRI in DCAT-AP.de's contributor
	// list (http://dcat-ap.de/def/contributors/…), which GovData uses to
	// file the dataset.
	ContributorID string
	Licence       Licence
	// Attribution is the text the licence asks users to name.
	Attribution string
	// Issued is the day the dataset was made; Modified defaults to it.
	Issued, Modified time.Time
	// Temporal is the time the data covers.
	Temporal Period
	// Spatial is the area the data covers.
	Spatial Area
	// BaseURL, if set, is where the folder will be online; the files'
	// addresses are relative to the metadata file without it.
	BaseURL       string
	Distributions []Distribution
	// MinGroupSize is the confidentiality rule's smallest group, for the
	// README.
	MinGroupSize int
	// Source is the source note of data the files hold besides the
	// answers (a bundled register's district names and the populations
	// the size classes come from), for the README's licence section; ""
	// for none.
	Source string
}

// Agent is an organisation: its name and web site.
type Agent struct{ Name, URL string }

// Period is a time span; a zero end is left out.
type Period struct{ Start, End time.Time }

// Area is the area the data covers: a state by its two-digit key, or
// Germany ("").
type Area struct {
	State string // "14" for Saxony; "" for all of Germany
	None  bool   // the units are no places (organisations, countries)
}

// Distribution is one file of the dataset.
type Distribution struct {
	File        string // name in the folder: aggregates.csv
	Title       string
	Description string
	Format      Format
	Size        int64 // bytes
	// Columns describe a table's columns for the README: name, meaning.
	Columns [][2]string
}

// Format is a distribution's file type.
type Format uint8

const (
	CSV Format = iota
	JSON
	Markdown
)

var formats = []struct{ code, media string }{
	{"CSV", "text/csv"},
	{"JSON", "application/json"},
	{"TXT", "text/markdown"},
}

// ARS returns the twelve-digit Amtlicher Regionalschlüssel of a state by
// its two-digit key ("14" → "140000000000").
func ARS(state string) string { return state + strings.Repeat("0", 12-len(state)) }

// context is the JSON-LD context: the prefixes the metadata uses.
var context = map[string]string{
	"dcat":   "http://www.w3.org/ns/dcat#",
	"dct":    "http://purl.org/dc/terms/",
	"dcatde": "http://dcat-ap.de/def/dcatde/",
	"foaf":   "http://xmlns.com/foaf/0.1/",
	"vcard":  "http://www.w3.org/2006/vcard/ns#",
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
}

// node is a JSON-LD node object.
type node map[string]any

func ref(id string) node { return node{"@id": id} }

func date(t time.Time) node {
	return node{"@value": t.Format(time.DateOnly), "@type": "xsd:date"}
}

// WriteDCAT writes the metadata as a JSON-LD document of DCAT-AP.de 2.0:
// a dcat:Dataset, its dcat:Distribution per file (each with the licence,
// the attribution text, format and media type, and the file's address as
// dcat:accessURL and dcat:downloadURL) and the publisher as a
// foaf:Organization. It fails when a required field is missing.
func WriteDCAT(w io.Writer, md Metadata) error {
	if md.Title == "" || md.Description == "" || md.Publisher.Name == "" {
		return fmt.Errorf("opendata: title, description and publisher are required")
	}
	if md.BaseURL != "" && !strings.HasSuffix(md.BaseURL, "/") {
		md.BaseURL += "/"
	}
	lang := "de"
	langURI := "http://publications.europa.eu/resource/authority/language/DEU"
	if md.Language == scoring.English {
		lang, langURI = "en", "http://publications.europa.eu/resource/authority/language/ENG"
	}
	text := func(s string) node { return node{"@value": s, "@language": lang} }
	modified := md.Modified
	if modified.IsZero() {
		modified = md.Issued
	}
	ds := node{
		"@id":             md.BaseURL + "#dataset",
		"@type":           "dcat:Dataset",
		"dct:title":       text(md.Title),
		"dct:description": text(md.Description),
		"dct:publisher":   ref(md.BaseURL + "#publisher"),
		"dct:language":    ref(langURI),
		// Government and public sector, the EU data theme.
		"dcat:theme": ref("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
	}
	if len(md.Keywords) > 0 {
		var ks []node
		for _, k := range md.Keywords {
			ks = append(ks, text(k))
		}
		ds["dcat:keyword"] = ks
	}
	if !md.Issued.IsZero() {
		ds["dct:issued"], ds["dct:modified"] = date(md.Issued), date(modified)
	}
	if md.ContactEmail != "" {
		ds["dcat:contactPoint"] = node{"@type": "vcard:Organization", "vcard:fn": md.Publisher.Name,
			"vcard:hasEmail": ref("mailto:" + md.ContactEmail)}
	}
	if md.ContributorID != "" {
		ds["dcatde:contributorID"] = ref(md.ContributorID)
	}
	if p := md.Temporal; !p.Start.IsZero() || !p.End.IsZero() {
		t := node{"@type": "dct:PeriodOfTime"}
		if !p.Start.IsZero() {
			t["dcat:startDate"] = date(p.Start)
		}
		if !p.End.IsZero() {
			t["dcat:endDate"] = date(p.End)
		}
		ds["dct:temporal"] = t
	}
	switch a := md.Spatial; {
	case a.None:
	case a.State != "":
		ds["dct:spatial"] = ref("http://dcat-ap.de/def/politicalGeocoding/stateKey/" + a.State)
		ds["dcatde:politicalGeocodingURI"] = ref("http://dcat-ap.de/def/politicalGeocoding/regionalKey/" + ARS(a.State))
		ds["dcatde:politicalGeocodingLevelURI"] = ref("http://dcat-ap.de/def/politicalGeocodingLevel/state")
	default:
		ds["dct:spatial"] = ref("http://publications.europa.eu/resource/authority/country/DEU")
		ds["dcatde:politicalGeocodingLevelURI"] = ref("http://dcat-ap.de/def/politicalGeocodingLevel/federal")
	}
	graph := []node{ds}
	var dists []node
	for _, d := range md.Distributions {
		addr := md.BaseURL + (&url.URL{Path: d.File}).EscapedPath()
		f := formats[d.Format]
		dn := node{
			"@id":                             md.BaseURL + "#" + d.File,
			"@type":                           "dcat:Distribution",
			"dct:title":                       text(d.Title),
			"dcat:accessURL":                  ref(addr),
			"dcat:downloadURL":                ref(addr),
			"dct:format":                      ref("http://publications.europa.eu/resource/authority/file-type/" + f.code),
			"dcat:mediaType":                  ref("https://www.iana.org/assignments/media-types/" + f.media),
			"dct:license":                     ref(md.Licence.URI()),
			"dcatde:licenseAttributionByText": text(md.Attribution),
			"dcat:byteSize":                   node{"@value": fmt.Sprint(d.Size), "@type": "xsd:decimal"},
		}
		if d.Description != "" {
			dn["dct:description"] = text(d.Description)
		}
		if !md.Issued.IsZero() {
			dn["dct:issued"] = date(md.Issued)
		}
		graph = append(graph, dn)
		dists = append(dists, ref(dn["@id"].(string)))
	}
	ds["dcat:distribution"] = dists
	pub := node{"@id": md.BaseURL + "#publisher", "@type": "foaf:Organization", "foaf:name": md.Publisher.Name}
	if md.Publisher.URL != "" {
		pub["foaf:homepage"] = ref(md.Publisher.URL)
	}
	graph = append(graph, pub)
	doc := map[string]any{"@context": context, "@graph": graph}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
