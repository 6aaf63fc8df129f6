package opendata

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// readmeTexts are the fixed texts of the README, per language.
var readmeTexts = map[scoring.Language]struct {
	files, licence, attribution, coverage, area, time, confidentiality, confidentialityF string
	columns, publisher, contact, made, metadata, germany, noPlace, columnHead, meaning   string
	stateF                                                                               string
	// csvFormat says how a CSV file is written, before its columns: a
	// portal shows the file as it is, and German Excel opens a UTF-8 file
	// without a byte order mark as Windows-1252 ("SÃ¤chsische") and
	// splits cells at ";", so its reader must know what to tell the import.
	csvFormat string

	// confidentialityOne replaces confidentialityF under min_group_size
	// 1, where a group of one is published: "fewer than 1 participants"
	// and "the data holds no single participant's result" were false.
	confidentialityOne string
}{
	scoring.German: {
		files: "Dateien", licence: "Lizenz", attribution: "Namensnennung", coverage: "Bezug",
		area: "Raum", time: "Zeit", confidentiality: "Vertraulichkeit",
		confidentialityF: "Kennzahlen von Gruppen mit weniger als %d Teilnehmenden werden nicht veröffentlicht; ebenso die einer größeren Gruppe, wenn sich sonst die einer zu kleinen als Differenz errechnen ließen. Solche Werte sind leer, und die Spalte `flag` nennt den Grund (`too_small`: zu wenige; `secondary`: sonst errechenbar). Die Daten enthalten keine Ergebnisse einzelner Teilnehmender.",
		columns:          "Spalten von %s", publisher: "Herausgeber", contact: "Kontakt",
		made: "Erstellt mit reifegrad am %s.", metadata: "Metadaten nach DCAT-AP.de 2.0 (JSON-LD), für offene Datenportale wie GovData",
		germany: "Deutschland", noPlace: "ohne Raumbezug", columnHead: "Spalte", meaning: "Bedeutung",
		stateF:    "Land mit dem Regionalschlüssel %s",
		csvFormat: "Zeichenkodierung UTF-8 (ohne Bytereihenfolgemarke), Trennzeichen Komma, Zeilenende LF, Texte mit Komma, Anführungszeichen oder Zeilenumbruch in doppelten Anführungszeichen (RFC 4180); die erste Zeile nennt die Spalten. In Excel: Daten › Aus Text/CSV, Dateiursprung „65001: Unicode (UTF-8)“, Trennzeichen Komma.",

		confidentialityOne: "Kennzahlen werden für Gruppen jeder Größe veröffentlicht, auch für einzelne Teilnehmende (kleinste Gruppe: 1): Die Kennzahlen einer Gruppe aus einem Teilnehmenden sind dessen Ergebnisse. Leer sind Quartile aus weniger als 5 Werten, die den niedrigsten oder höchsten Wert verrieten, und Kennzahlen, für die niemand in der Gruppe einen Wert hat; die Spalte `flag` nennt dann `too_small`.",
	},
	scoring.English: {
		files: "Files", licence: "Licence", attribution: "Attribution", coverage: "Coverage",
		area: "Area", time: "Time", confidentiality: "Confidentiality",
		confidentialityF: "Figures of groups with fewer than %d participants are not published, nor those of a larger group where they would let a group too small be computed as a difference. Such values are empty, and the column `flag` says why (`too_small`: too few; `secondary`: computable otherwise). The data holds no single participant's result.",
		columns:          "Columns of %s", publisher: "Publisher", contact: "Contact",
		made: "Made with reifegrad on %s.", metadata: "metadata in DCAT-AP.de 2.0 (JSON-LD), for open data portals such as GovData",
		germany: "Germany", noPlace: "no place", columnHead: "column", meaning: "meaning",
		stateF:    "the state with the regional key %s",
		csvFormat: "Encoding UTF-8 (without byte order mark), separator comma, line end LF, texts holding a comma, quote or line break in double quotes (RFC 4180); the first line names the columns. In Excel: Data › From Text/CSV, file origin “65001: Unicode (UTF-8)”, delimiter comma.",

		confidentialityOne: "Figures are published for groups of any size, single participants included (smallest group: 1): the figures of a group of one participant are its results. Empty are quartiles of fewer than 5 scores, which would give away the lowest or highest score, and figures nobody in the group has a value for; the column `flag` then says `too_small`.",
	},
}

// inert makes a text from the settings or the model (a title, the
// description, the publisher's name, the attribution) plain text in
// Markdown: a portal that renders the README as HTML would run
// "<script>" in a model name, follow "[link](javascript:…)", or take a
// line break and "## …" for a heading of its own (review 9). Line breaks
// and other control characters become spaces; the characters that start
// markup anywhere (\ ` * _ [ ] < > & |) are escaped with a backslash, and
// so is what would start a block at the beginning of a line (#, +, -, a
// number's "." or ")"), as the text may begin one.
func inert(s string) string {
	var b strings.Builder
	start, digits := true, false
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029:
			r = ' '
		case strings.ContainsRune("\\`*_[]<>&|", r),
			start && strings.ContainsRune("#+-", r),
			digits && (r == '.' || r == ')'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		digits = (start || digits) && r >= '0' && r <= '9'
		start = start && r == ' '
	}
	return b.String()
}

// WriteREADME writes README.md for the folder: what the dataset is, its
// files (the metadata file named meta among them), licence and attribution,
// coverage, the confidentiality rule and each table's columns.
func WriteREADME(w io.Writer, md Metadata, meta string) error {
	t := readmeTexts[md.Language]
	b := bufio.NewWriter(w)
	day := func(d interface{ Format(string) string }) string {
		if md.Language == scoring.German {
			return d.Format("02.01.2006")
		}
		return d.Format("2006-01-02")
	}
	fmt.Fprintf(b, "# %s\n\n%s\n\n## %s\n\n", inert(md.Title), inert(md.Description), t.files)
	for _, d := range md.Distributions {
		fmt.Fprintf(b, "- `%s` – %s", d.File, d.Title)
		if d.Description != "" {
			fmt.Fprintf(b, ": %s", d.Description)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "- `%s` – %s\n\n", meta, t.metadata)
	fmt.Fprintf(b, "## %s\n\n%s (%s, %s)\n\n%s: %s\n\n", t.licence, md.Licence.Name(), md.Licence, md.Licence.URI(), t.attribution, inert(md.Attribution))
	if md.Source != "" {
		fmt.Fprintf(b, "%s\n\n", inert(md.Source))
	}
	fmt.Fprintf(b, "## %s\n\n", t.coverage)
	switch a := md.Spatial; {
	case a.None:
		fmt.Fprintf(b, "- %s: %s\n", t.area, t.noPlace)
	case a.State != "":
		fmt.Fprintf(b, "- %s: %s\n", t.area, fmt.Sprintf(t.stateF, ARS(a.State)))
	default:
		fmt.Fprintf(b, "- %s: %s\n", t.area, t.germany)
	}
	if p := md.Temporal; !p.Start.IsZero() || !p.End.IsZero() {
		from, to := "", ""
		if !p.Start.IsZero() {
			from = day(p.Start)
		}
		if !p.End.IsZero() {
			to = day(p.End)
		}
		fmt.Fprintf(b, "- %s: %s – %s\n", t.time, from, to)
	}
	conf := fmt.Sprintf(t.confidentialityF, md.MinGroupSize)
	if md.MinGroupSize == 1 { // scoring.Disclosure.HidesSmallGroups: MinGroupSize is its MinGroup
		conf = t.confidentialityOne
	}
	fmt.Fprintf(b, "\n## %s\n\n%s\n", t.confidentiality, conf)
	for _, d := range md.Distributions {
		if len(d.Columns) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n## %s\n\n", fmt.Sprintf(t.columns, "`"+d.File+"`"))
		if d.Format == CSV {
			fmt.Fprintf(b, "%s\n\n", t.csvFormat)
		}
		fmt.Fprintf(b, "| %s | %s |\n| --- | --- |\n", t.columnHead, t.meaning)
		for _, c := range d.Columns {
			fmt.Fprintf(b, "| `%s` | %s |\n", c[0], strings.ReplaceAll(c[1], "|", "\\|"))
		}
	}
	fmt.Fprintf(b, "\n## %s\n\n%s", t.publisher, inert(md.Publisher.Name))
	if md.Publisher.URL != "" {
		fmt.Fprintf(b, " (<%s>)", strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(md.Publisher.URL))
	}
	b.WriteString("\n")
	if md.ContactEmail != "" {
		fmt.Fprintf(b, "\n%s: %s\n", t.contact, inert(md.ContactEmail))
	}
	if !md.Issued.IsZero() {
		fmt.Fprintf(b, "\n%s\n", fmt.Sprintf(t.made, day(md.Issued)))
	}
	return b.Flush()
}
