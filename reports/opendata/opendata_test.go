package opendata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

func sample() Metadata {
	day := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	return Metadata{
		Title: "Reifegrad Digitale Verwaltung – Ergebnisse", Description: "Zusammengefasste Kennzahlen <je Gruppe> & Welle.",
		Keywords: []string{"Digitalisierung", "OZG"}, Language: scoring.German,
		Publisher: Agent{Name: "Sächsischer Städte- und Gemeindetag", URL: "https://www.ssg-sachsen.de"}, ContactEmail: "daten@example.org",
		ContributorID: "http://dcat-ap.de/def/contributors/example", Licence: DLDEBY20, Attribution: "Sächsischer Städte- und Gemeindetag (2026)",
		Issued: day, Temporal: Period{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
		Spatial: Area{State: "14"}, MinGroupSize: 5,
		Distributions: []Distribution{
			{File: "aggregates.csv", Title: "Kennzahlen", Format: CSV, Size: 1234, Columns: [][2]string{{"wave", "Welle"}, {"flag", "Grund | Vermerk"}}},
			{File: "modell.json", Title: "Das Reifegradmodell", Format: JSON, Size: 99},
		},
	}
}

// properties are the DCAT-AP.de 2.0 properties the metadata may use, by
// the class of the node they are on.
var properties = map[string][]string{
	"dcat:Dataset": {"dct:title", "dct:description", "dct:publisher", "dct:language", "dcat:theme", "dcat:keyword", "dct:issued",
		"dct:modified", "dcat:contactPoint", "dcatde:contributorID", "dct:temporal", "dct:spatial", "dcatde:politicalGeocodingURI",
		"dcatde:politicalGeocodingLevelURI", "dcat:distribution"},
	"dcat:Distribution": {"dct:title", "dct:description", "dcat:accessURL", "dcat:downloadURL", "dct:format", "dcat:mediaType",
		"dct:license", "dcatde:licenseAttributionByText", "dcat:byteSize", "dct:issued"},
	"foaf:Organization":  {"foaf:name", "foaf:homepage"},
	"vcard:Organization": {"vcard:fn", "vcard:hasEmail"},
	"dct:PeriodOfTime":   {"dcat:startDate", "dcat:endDate"},
}

// required are the properties DCAT-AP.de 2.0 makes mandatory (and those
// this writer always sets).
var required = map[string][]string{
	"dcat:Dataset":      {"dct:title", "dct:description", "dct:publisher", "dcat:distribution"},
	"dcat:Distribution": {"dcat:accessURL", "dct:license", "dct:format"},
	"foaf:Organization": {"foaf:name"},
}

// checkShape validates a JSON-LD document of WriteDCAT against the shape
// of DCAT-AP.de 2.0 as far as this writer uses it: every term is a
// compact IRI of a declared prefix and a property its node's class may
// have; mandatory properties are there; references resolve; dates are
// xsd:date; texts carry the document's language; licences are from the
// DCAT-AP.de vocabulary. It returns the nodes by @id.
func checkShape(t *testing.T, doc []byte, lang string) map[string]map[string]any {
	t.Helper()
	nodes, problems := shapeProblems(doc, lang)
	for _, p := range problems {
		t.Error(p)
	}
	return nodes
}

func shapeProblems(doc []byte, lang string) (map[string]map[string]any, []string) {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var d struct {
		Context map[string]string `json:"@context"`
		Graph   []map[string]any  `json:"@graph"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, []string{"not JSON: " + err.Error()}
	}
	for p, iri := range d.Context {
		if context[p] != iri {
			errorf("@context: %s = %s", p, iri)
		}
	}
	byID := map[string]map[string]any{}
	for _, n := range d.Graph {
		id, _ := n["@id"].(string)
		if id == "" || byID[id] != nil {
			errorf("a node without a unique @id: %v", n)
		}
		byID[id] = n
	}
	dateRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	var walk func(n map[string]any, where string)
	walk = func(n map[string]any, where string) {
		typ, _ := n["@type"].(string)
		if _, ok := n["@value"]; ok {
			switch {
			case typ == "xsd:date":
				if !dateRE.MatchString(n["@value"].(string)) {
					errorf("%s: date %v", where, n["@value"])
				}
			case typ == "xsd:decimal":
			case n["@language"] != lang:
				errorf("%s: text %v not in %s", where, n["@value"], lang)
			}
			return
		}
		if typ != "" {
			allowed, ok := properties[typ]
			if !ok {
				errorf("%s: unknown class %s", where, typ)
			}
			for k := range n {
				if strings.HasPrefix(k, "@") {
					continue
				}
				if !slices.Contains(allowed, k) {
					errorf("%s (%s): property %s is not one DCAT-AP.de gives it", where, typ, k)
				}
			}
			for _, k := range required[typ] {
				if _, ok := n[k]; !ok {
					errorf("%s (%s): no %s", where, typ, k)
				}
			}
		}
		for k, v := range n {
			if strings.HasPrefix(k, "@") {
				continue
			}
			if p, _, ok := strings.Cut(k, ":"); !ok || context[p] == "" {
				errorf("%s: %s has no declared prefix", where, k)
			}
			vals, ok := v.([]any)
			if !ok {
				vals = []any{v}
			}
			for _, x := range vals {
				switch x := x.(type) {
				case map[string]any:
					walk(x, where+" "+k)
				case string:
					if k != "foaf:name" && k != "vcard:fn" {
						errorf("%s %s: a bare string %q (want a text with its language or a reference)", where, k, x)
					}
				}
			}
		}
	}
	for id, n := range byID {
		walk(n, id)
	}
	return byID, problems
}

func TestWriteDCAT(t *testing.T) {
	for _, base := range []string{"", "https://daten.example.org/reifegrad"} {
		md := sample()
		md.BaseURL = base
		var b bytes.Buffer
		if err := WriteDCAT(&b, md); err != nil {
			t.Fatal(err)
		}
		nodes := checkShape(t, b.Bytes(), "de")
		prefix := base
		if prefix != "" {
			prefix += "/"
		}
		ds := nodes[prefix+"#dataset"]
		if ds == nil {
			t.Fatalf("no dataset #dataset: %s", b.String())
		}
		dists := ds["dcat:distribution"].([]any)
		if len(dists) != 2 {
			t.Fatalf("%d distributions", len(dists))
		}
		for i, r := range dists {
			n := nodes[r.(map[string]any)["@id"].(string)]
			if n == nil {
				t.Fatalf("distribution %v is not in the graph", r)
			}
			if got, want := n["dcat:accessURL"].(map[string]any)["@id"], prefix+md.Distributions[i].File; got != want {
				t.Errorf("accessURL %v, want %s", got, want)
			}
			if got := n["dct:license"].(map[string]any)["@id"]; got != "http://dcat-ap.de/def/licenses/dl-by-de/2.0" {
				t.Errorf("licence %v", got)
			}
		}
		if got := ds["dcatde:politicalGeocodingURI"].(map[string]any)["@id"]; got != "http://dcat-ap.de/def/politicalGeocoding/regionalKey/140000000000" {
			t.Errorf("spatial %v, want Saxony's ARS 140000000000", got)
		}
		temporal := ds["dct:temporal"].(map[string]any)
		if temporal["dcat:startDate"].(map[string]any)["@value"] != "2024-01-01" || temporal["dcat:endDate"].(map[string]any)["@value"] != "2026-12-31" {
			t.Errorf("temporal %v", temporal)
		}
		if nodes[prefix+"#publisher"]["foaf:name"] != md.Publisher.Name {
			t.Errorf("publisher %v", nodes[prefix+"#publisher"])
		}
	}
	// English, CC BY 4.0, all of Germany, no optional fields.
	md := sample()
	md.Language, md.Licence, md.Spatial, md.Keywords, md.ContactEmail, md.ContributorID, md.Temporal = scoring.English, CCBY40, Area{}, nil, "", "", Period{}
	var b bytes.Buffer
	if err := WriteDCAT(&b, md); err != nil {
		t.Fatal(err)
	}
	nodes := checkShape(t, b.Bytes(), "en")
	if !strings.Contains(b.String(), "http://dcat-ap.de/def/licenses/cc-by/4.0") || !strings.Contains(b.String(), "politicalGeocodingLevel/federal") {
		t.Errorf("licence or level missing:\n%s", b.String())
	}
	if _, ok := nodes["#dataset"]["dct:temporal"]; ok {
		t.Error("a temporal coverage without dates")
	}
	// Required fields.
	md = sample()
	md.Publisher.Name = ""
	if err := WriteDCAT(&b, md); err == nil {
		t.Error("no error without a publisher")
	}
}

// TestShapeCheckFails makes sure the shape check itself finds what it
// looks for: a bare string title, a misspelt property, a missing name.
func TestShapeCheckFails(t *testing.T) {
	bad := []string{
		`{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@graph": [{"@id": "#d", "@type": "dcat:Dataset", "dct:title": "x"}]}`,
		`{"@context": {}, "@graph": [{"@id": "#d", "@type": "dcat:Dataset", "dct:titel": {"@value": "x", "@language": "de"}}]}`,
		`{"@context": {}, "@graph": [{"@id": "#p", "@type": "foaf:Organization"}]}`,
	}
	for _, doc := range bad {
		if _, problems := shapeProblems([]byte(doc), "de"); len(problems) == 0 {
			t.Errorf("the shape check passes %s", doc)
		}
	}
}

func TestLicence(t *testing.T) {
	tests := []struct {
		in   string
		want Licence
		err  bool
	}{
		{"", DLDEBY20, false}, {"dl-de/by-2-0", DLDEBY20, false}, {"DL-DE/BY-2-0", DLDEBY20, false}, {"dl-by-de/2.0", DLDEBY20, false},
		{"cc-by-4.0", CCBY40, false}, {"CC BY 4.0", CCBY40, false}, {"cc0", 0, true}, {"gpl", 0, true},
	}
	for _, tt := range tests {
		var l Licence
		err := l.UnmarshalText([]byte(tt.in))
		if (err != nil) != tt.err || (!tt.err && l != tt.want) {
			t.Errorf("%q: %v, %v; want %v (error %v)", tt.in, l, err, tt.want, tt.err)
		}
	}
}

func TestWriteREADME(t *testing.T) {
	md := sample()
	var b bytes.Buffer
	if err := WriteREADME(&b, md, "metadaten.jsonld"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"# Reifegrad Digitale Verwaltung – Ergebnisse", "`aggregates.csv` – Kennzahlen", "`metadaten.jsonld`",
		"Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0, http://dcat-ap.de/def/licenses/dl-by-de/2.0)",
		"Namensnennung: Sächsischer Städte- und Gemeindetag (2026)", "Regionalschlüssel 140000000000", "01.01.2024 – 31.12.2026",
		"weniger als 5 Teilnehmenden", "| `flag` | Grund \\| Vermerk |", "daten@example.org", "05.12.2026",
		// How the CSV file is written, under its heading, before its columns.
		"## Spalten von `aggregates.csv`\n\nZeichenkodierung UTF-8 (ohne Bytereihenfolgemarke), Trennzeichen Komma, Zeilenende LF, " +
			"Texte mit Komma, Anführungszeichen oder Zeilenumbruch in doppelten Anführungszeichen (RFC 4180); die erste Zeile nennt die Spalten. " +
			"In Excel: Daten › Aus Text/CSV, Dateiursprung „65001: Unicode (UTF-8)“, Trennzeichen Komma.\n\n| Spalte | Bedeutung |"} {
		if !strings.Contains(s, want) {
			t.Errorf("README lacks %q:\n%s", want, s)
		}
	}
}

// TestREADMEIsInert: the title, description, publisher, attribution and
// contact come from config.yaml and the model, and a portal renders the
// README as HTML: "<script>" in the publisher's name reached it as a tag,
// "[link](javascript:…)" as a link and a line break plus "## …" as a
// heading (review 9). Each is written as plain text, escaped by hand here.
func TestREADMEIsInert(t *testing.T) {
	tests := []struct {
		name string
		set  func(*Metadata, string)
		in   string
		want string
	}{
		{"a tag in the title", func(m *Metadata, s string) { m.Title = s }, "<script>alert(1)</script>", "# \\<script\\>alert(1)\\</script\\>\n"},
		{"a heading and a link in the description", func(m *Metadata, s string) { m.Description = s },
			"Zeile 1\n## Überschrift\r\n[Link](javascript:alert(1))", "\nZeile 1 ## Überschrift  \\[Link\\](javascript:alert(1))\n"},
		{"a heading as the publisher", func(m *Metadata, s string) { m.Publisher.Name = s }, "# Kein Titel", "\n\\# Kein Titel"},
		{"a list item as the publisher", func(m *Metadata, s string) { m.Publisher.Name = s }, "1. Stadt", "\n1\\. Stadt"},
		{"a bullet as the publisher", func(m *Metadata, s string) { m.Publisher.Name = s }, "-Minus", "\n\\-Minus"},
		{"emphasis, code, a table cell, an entity", func(m *Metadata, s string) { m.Attribution = s },
			"*fett* _kursiv_ `code` a|b &lt;", ": \\*fett\\* \\_kursiv\\_ \\`code\\` a\\|b \\&lt;\n"},
		{"a terminal sequence in the contact", func(m *Metadata, s string) { m.ContactEmail = s }, "x\x1b[31m@y.org", ": x \\[31m@y.org\n"},
		{"ordinary text stays as it is", func(m *Metadata, s string) { m.Publisher.Name = s }, "Städte- und Gemeindetag (2026) e.V.", "\nStädte- und Gemeindetag (2026) e.V. ("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := sample()
			tt.set(&md, tt.in)
			var b bytes.Buffer
			if err := WriteREADME(&b, md, "metadata.jsonld"); err != nil {
				t.Fatal(err)
			}
			s := b.String()
			if !strings.Contains(s, tt.want) {
				t.Errorf("README lacks %q:\n%s", tt.want, s)
			}
			headings := 0
			for _, l := range strings.Split(s, "\n") {
				if strings.HasPrefix(l, "#") {
					headings++
				}
			}
			if headings != 7 { // the title and six sections
				t.Errorf("%d headings, want 7:\n%s", headings, s)
			}
			if strings.ContainsRune(s, '\x1b') {
				t.Errorf("README carries an ESC:\n%s", s)
			}
			// Every "<" is escaped but the publisher's address (an autolink).
			rest := strings.ReplaceAll(s, "(<https://www.ssg-sachsen.de>)", "")
			for i := strings.IndexByte(rest, '<'); i >= 0; i = strings.IndexByte(rest, '<') {
				if i == 0 || rest[i-1] != '\\' {
					t.Errorf("an unescaped < at %q", rest[max(0, i-10):min(len(rest), i+10)])
					break
				}
				rest = rest[i+1:]
			}
		})
	}
}

// TestREADMEOfGroupsOfOne: under report.min_group_size 1 the README says
// that figures of groups of any size are published, a group of one
// participant's its results — it said "figures of groups with fewer than
// 1 participants are not published" and "the data holds no single
// participant's result", both false there.
func TestREADMEOfGroupsOfOne(t *testing.T) {
	for _, tt := range []struct {
		lang          scoring.Language
		min           int
		want, wantNot string
	}{
		{scoring.German, 1, "Kennzahlen werden für Gruppen jeder Größe veröffentlicht, auch für einzelne Teilnehmende (kleinste Gruppe: 1)", "weniger als 1 "},
		{scoring.English, 1, "Figures are published for groups of any size, single participants included (smallest group: 1)", "single participant's result"},
		{scoring.English, 2, "Figures of groups with fewer than 2 participants are not published", "any size"},
	} {
		md := sample()
		md.Language, md.MinGroupSize = tt.lang, tt.min
		var b bytes.Buffer
		if err := WriteREADME(&b, md, "metadata.jsonld"); err != nil {
			t.Fatal(err)
		}
		if s := b.String(); !strings.Contains(s, tt.want) || strings.Contains(s, tt.wantNot) {
			t.Errorf("%s, min %d: README lacks %q or has %q:\n%s", tt.lang, tt.min, tt.want, tt.wantNot, s)
		}
	}
}
