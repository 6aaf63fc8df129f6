package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/opendata"
	"github.com/reifegrad/reifegrad/scoring"
)

// OpenDataSettings are the `opendata:` section: with write (--opendata)
// run also writes a folder ready for an open data portal such as GovData
// (see writeOpenData).
type OpenDataSettings struct {
	Write bool `yaml:"write" flag:"opendata"`
	// Dir is the folder inside the output folder.
	Dir     string           `yaml:"dir"`
	Licence opendata.Licence `yaml:"licence"`
	// Publisher is the body that publishes the data (required with
	// write); PublisherURL its web site, Contact an e-mail address for
	// questions, ContributorID its IRI in DCAT-AP.de's contributor list.
	Publisher     string `yaml:"publisher"`
	PublisherURL  string `yaml:"publisher_url"`
	Contact       string `yaml:"contact"`
	ContributorID string `yaml:"contributor_id"`
	// Title and Description of the dataset; empty ones are made from the
	// model's name and the waves.
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// BaseURL is where the folder will be online; the metadata then names
	// the files by their full address.
	BaseURL string `yaml:"base_url"`
}

// validateOpenData checks the opendata section.
func validateOpenData(s *settings) []error {
	o := s.OpenData
	var errs []error
	if o.Write && strings.TrimSpace(o.Publisher) == "" {
		errs = append(errs, s.errAt("opendata.publisher", errors.New("--opendata needs the body that publishes the data (opendata.publisher)")))
	}
	for _, k := range []struct{ key, v string }{{"opendata.publisher_url", o.PublisherURL}, {"opendata.base_url", o.BaseURL}, {"opendata.contributor_id", o.ContributorID}} {
		if k.v == "" {
			continue
		}
		if u, err := url.Parse(k.v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, s.errAt(k.key, fmt.Errorf("want an http or https address, got %q", k.v)))
		}
	}
	if c := o.Contact; c != "" && (!strings.Contains(c, "@") || strings.ContainsAny(c, " <>\"")) {
		errs = append(errs, s.errAt("opendata.contact", fmt.Errorf("want an e-mail address, got %q", c)))
	}
	if d := o.Dir; d == "" || path.IsAbs(d) || path.Clean(d) != d || d == "." || strings.HasPrefix(d, "..") {
		errs = append(errs, s.errAt("opendata.dir", fmt.Errorf("want a folder inside the output folder, got %q", d)))
	} else if err := openDataDirFree(d); err != nil {
		errs = append(errs, s.errAt("opendata.dir", err))
	}
	return errs
}

// runOutputs are the names run writes at the top of the output folder,
// besides the open data folder, and what they hold where a person should
// know it (TestRunOutputsListed keeps the list whole).
var runOutputs = []struct{ name, what string }{
	{"overview.html", ""}, {"overview.pdf", ""}, {"profiles", "every municipality's own results"},
	{"assets", "the chart library"}, {"reifegrad.xlsx", ""}, {"veroeffentlichung.xlsx", ""},
	{"scores.csv", ""}, {"rejects.csv", ""}, {"roadmap.csv", ""}, {"roadmap.json", ""},
	{"aggregates.csv", ""}, {"indicators.csv", ""}, {"robustness.csv", ""},
}

// openDataDirFree refuses an open data folder d that is, or lies in,
// another output: the folder is what a person uploads to a portal whole,
// so inside profiles/ it would publish every municipality's own results,
// and in place of a file it only fails later, at a mkdir. A file system
// that ignores case (macOS, Windows) makes "Profiles" the profiles'
// folder too.
func openDataDirFree(d string) error {
	first, _, _ := strings.Cut(d, "/")
	if strings.HasPrefix(strings.ToLower(first), reservedPrefix) {
		return fmt.Errorf("names starting with %s are reifegrad's own: want a folder of its own, such as opendata", reservedPrefix)
	}
	for _, out := range runOutputs {
		if !strings.EqualFold(first, out.name) {
			continue
		}
		where := out.name
		if path.Ext(out.name) == "" {
			where += "/"
		}
		if out.what != "" {
			where += " (" + out.what + ")"
		}
		if first != out.name {
			where += " on a file system that ignores case"
		}
		return fmt.Errorf("%q is where run writes %s: want a folder of its own, such as opendata", d, where)
	}
	return nil
}

// The files of the open data folder.
const (
	odAggregates = "aggregates.csv"
	odModel      = "model.json"
	odMetadata   = "metadata.jsonld"
	odReadme     = "README.md"
)

// openDataTexts are the generated texts of the dataset, per language.
var openDataTexts = map[scoring.Language]struct {
	titleF, descF, aggTitle, aggDesc, modelTitle, modelDesc string
}{
	scoring.German: {
		titleF: "%s – Ergebnisse",
		descF: "Zusammengefasste Ergebnisse der Erhebung „%s“ (%s): für alle Teilnehmenden jeder Welle und, für die jüngste Welle, für jede Gruppe " +
			"jeder Vergleichsgruppe die Zahl der Teilnehmenden, Mittelwert, Median und Quartile des Gesamtwerts und der Dimensionen (Skala 0–100) und die Anteile " +
			"der Reifegrade. Ergebnisse einzelner Teilnehmender sind nicht enthalten; Kennzahlen kleiner Gruppen sind nicht ausgewiesen.",
		aggTitle:   "Kennzahlen je Gruppe",
		aggDesc:    "eine Zeile je Kennzahl; dieselben Kennzahlen wie in der veröffentlichten Übersicht",
		modelTitle: "Das Reifegradmodell",
		modelDesc:  "Dimensionen, Indikatoren, Fragen, Skalen, Gewichte und Reifegrade, mit der Beschreibung der Berechnung (wie `reifegrad model --json`)",
	},
	scoring.English: {
		titleF: "%s – results",
		descF: "Aggregated results of the survey “%s” (%s): for all participants of each wave and, for the latest wave, for each group of each peer group, " +
			"the number of participants, mean, median and quartiles of the overall score and the dimensions (scale 0–100) and the shares of the maturity levels. " +
			"No single participant's result is included; figures of small groups are not shown.",
		aggTitle:   "Figures per group",
		aggDesc:    "one row per figure; the figures of the published overview",
		modelTitle: "The maturity model",
		modelDesc:  "dimensions, indicators, questions, scales, weights and levels, with the description of the computation (as `reifegrad model --json`)",
	},
}

// writeOpenData writes the open data folder: aggregates.csv (the figures
// of the publication, hidden ones empty with a flag), the model as JSON,
// the metadata in DCAT-AP.de 2.0 (JSON-LD) and a README.
func writeOpenData(write func(string, func(io.Writer) error) error, s *settings, res *scoring.Results, ropt html.Options) error {
	o, m := s.OpenData, res.Model
	lang := ropt.Language
	t := openDataTexts[lang]
	var agg, model bytes.Buffer
	if err := csv.WriteAggregates(&agg, ropt.Disclosure, m); err != nil {
		return err
	}
	if err := writeModelJSON(&model, m, lang); err != nil {
		return err
	}
	var waves []string
	for _, w := range res.Waves {
		waves = append(waves, w.Label)
	}
	md := opendata.Metadata{
		Title: o.Title, Description: o.Description, Language: lang,
		Publisher: opendata.Agent{Name: o.Publisher, URL: o.PublisherURL}, ContactEmail: o.Contact, ContributorID: o.ContributorID,
		Licence: o.Licence, Attribution: fmt.Sprintf("%s: %s (%d)", o.Publisher, m.Name, ropt.Date.Year()),
		Issued: ropt.Date, Temporal: temporalOf(res, ropt), Spatial: areaOf(res), BaseURL: o.BaseURL,
		MinGroupSize: ropt.Disclosure.MinGroup(), Source: ropt.DataSource,
		Distributions: []opendata.Distribution{
			{File: odAggregates, Title: t.aggTitle, Description: t.aggDesc, Format: opendata.CSV, Size: int64(agg.Len()),
				Columns: csv.AggregateColumnDocs(lang)},
			{File: odModel, Title: t.modelTitle, Description: t.modelDesc, Format: opendata.JSON, Size: int64(model.Len())},
		},
	}
	if md.Title == "" {
		md.Title = fmt.Sprintf(t.titleF, m.Name)
	}
	if md.Description == "" {
		md.Description = fmt.Sprintf(t.descF, m.Name, strings.Join(waves, ", "))
	}
	for _, d := range m.Dimensions() {
		md.Keywords = append(md.Keywords, d.Name)
	}
	files := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{odAggregates, func(w io.Writer) error { _, err := w.Write(agg.Bytes()); return err }},
		{odModel, func(w io.Writer) error { _, err := w.Write(model.Bytes()); return err }},
		{odMetadata, func(w io.Writer) error { return opendata.WriteDCAT(w, md) }},
		{odReadme, func(w io.Writer) error { return opendata.WriteREADME(w, md, odMetadata) }},
	}
	for _, f := range files {
		if err := write(o.Dir+"/"+f.name, f.fn); err != nil {
			return err
		}
	}
	return nil
}

// temporalOf is the time the data covers: the years of the waves where
// every wave is a year ("2024"), else up to the data cut-off.
func temporalOf(res *scoring.Results, ropt html.Options) opendata.Period {
	lo, hi := 0, 0
	for _, w := range res.Waves {
		y, err := strconv.Atoi(string(w.ID))
		if err != nil || len(w.ID) != 4 {
			return opendata.Period{End: ropt.DataCutoff}
		}
		if lo == 0 || y < lo {
			lo = y
		}
		hi = max(hi, y)
	}
	if lo == 0 {
		return opendata.Period{}
	}
	return opendata.Period{Start: time.Date(lo, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(hi, 12, 31, 0, 0, 0, 0, time.UTC)}
}

// areaOf is the area the units cover: their state when all are
// municipalities (AGS) of one, Germany when of several, none when they
// are no municipalities.
func areaOf(res *scoring.Results) opendata.Area {
	states := map[string]bool{}
	for i := range res.Units {
		id := string(res.Units[i].Unit.ID)
		if len(id) != 8 || strings.Trim(id, "0123456789") != "" {
			return opendata.Area{None: true}
		}
		states[id[:2]] = true
	}
	if len(states) == 1 {
		for st := range states {
			return opendata.Area{State: st}
		}
	}
	return opendata.Area{}
}
