package survey

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Structure is what a survey tool's description of its survey says about
// the columns of its exports: LimeSurvey's survey structure (.lss), the R
// or SPSS syntax file that comes with its R or SPSS export, or SoSci
// Survey's R import script. InitModel uses it for question texts, answer
// labels and multi-select items where the export only has codes.
type Structure struct {
	Title string
	// Columns is keyed by the column's name in the export (its code).
	Columns map[string]*StructColumn
	// ByPosition holds the columns by their 1-based position, where the
	// structure gives it (an R syntax file numbers the columns).
	ByPosition map[int]*StructColumn
	// Groups lists question groups in order, as pairs of code prefix
	// (the group's questions) and name.
	Groups []StructGroup
}

// StructColumn is one column of an export as the structure describes it.
type StructColumn struct {
	Text string // the question's text (for an item or array row: "Frage [Zeile]")
	// Values lists the answer codes the column may hold with their labels,
	// in the questionnaire's order.
	Values []ValueLabel
	// Item is set for a column of one option of a multi-select question:
	// Base is the question's code, Item the option's label.
	Base, Item string
	Numeric    bool // a number entry
	FreeText   bool // a text entry
	Group      string
	order      int
}

// ValueLabel is an answer code and its label.
type ValueLabel struct{ Code, Label string }

// StructGroup is a question group.
type StructGroup struct{ ID, Name string }

// ReadStructure reads a structure file, recognised by its content and
// name: LimeSurvey .lss (XML), an R syntax file (LimeSurvey's R export or
// SoSci Survey's import script) or an SPSS syntax file (.sps).
func ReadStructure(r io.Reader, name string) (*Structure, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize))
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	var s *Structure
	text := string(b)
	switch {
	case bytes.Contains(b[:min(len(b), 4096)], []byte("<LimeSurveyDocType>")):
		s, err = readLSS(b)
	case strings.Contains(text, "ds$") && (strings.Contains(text, "comment(ds$") || strings.Contains(text, "factor(ds$")):
		s = readSoSciR(text)
	case strings.Contains(text, "attributes(data)$variable.labels") || strings.Contains(text, "names(data)["):
		s = readLimeR(text)
	case strings.Contains(strings.ToUpper(text), "VARIABLE LABELS") || strings.Contains(strings.ToUpper(text), "VALUE LABELS"):
		s = readSPSS(text)
	default:
		err = fmt.Errorf("%w: not a LimeSurvey structure (.lss), R syntax or import script, or SPSS syntax file", ErrFileFormat)
	}
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	if len(s.Columns) == 0 {
		return nil, &ParseError{File: name, Err: errors.New("the structure file describes no question")}
	}
	if s.Title == "" {
		s.Title = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return s, nil
}

func (s *Structure) column(code string) *StructColumn {
	if s.Columns == nil {
		s.Columns = map[string]*StructColumn{}
	}
	c := s.Columns[code]
	if c == nil {
		c = &StructColumn{order: len(s.Columns)}
		s.Columns[code] = c
	}
	return c
}

// lssDoc is a LimeSurvey survey structure: tables of rows of fields.
type lssDoc struct {
	Tables []struct {
		XMLName xml.Name
		Rows    []struct {
			Fields []struct {
				XMLName xml.Name
				Value   string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"rows>row"`
	} `xml:",any"`
}

// readLSS reads LimeSurvey's survey structure: questions with their
// subquestions (parent_qid), answers, groups, and their texts in the
// first language (in the row itself before LimeSurvey 4, in the *_l10ns
// tables since).
func readLSS(b []byte) (*Structure, error) {
	var doc lssDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("not a readable LimeSurvey structure: %w", err)
	}
	tables := map[string][]map[string]string{}
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			row := map[string]string{}
			for _, f := range r.Fields {
				row[f.XMLName.Local] = strings.TrimSpace(f.Value)
			}
			tables[t.XMLName.Local] = append(tables[t.XMLName.Local], row)
		}
	}
	lang := ""
	for _, r := range tables["surveys"] {
		lang = r["language"]
	}
	inLang := func(r map[string]string) bool { return lang == "" || r["language"] == "" || r["language"] == lang }
	texts := map[string]string{} // qid → text
	for _, r := range tables["question_l10ns"] {
		if inLang(r) && texts[r["qid"]] == "" {
			texts[r["qid"]] = r["question"]
		}
	}
	answerTexts := map[string]string{} // aid → text
	for _, r := range tables["answer_l10ns"] {
		if inLang(r) && answerTexts[r["aid"]] == "" {
			answerTexts[r["aid"]] = r["answer"]
		}
	}
	s := &Structure{Columns: map[string]*StructColumn{}}
	for _, r := range tables["surveys_languagesettings"] {
		if s.Title == "" {
			s.Title = r["surveyls_title"]
		}
	}
	groupName := map[string]string{}
	for _, table := range []string{"groups", "group_l10ns"} {
		for _, r := range tables[table] {
			if inLang(r) && r["group_name"] != "" && groupName[r["gid"]] == "" {
				groupName[r["gid"]] = r["group_name"]
				s.Groups = append(s.Groups, StructGroup{ID: r["gid"], Name: r["group_name"]})
			}
		}
	}
	type question struct {
		row  map[string]string
		subs []map[string]string
		ans  []ValueLabel
	}
	qs := map[string]*question{}
	var order []string
	var subs []map[string]string
	for _, table := range []string{"questions", "subquestions"} {
		for _, r := range tables[table] {
			if !inLang(r) {
				continue
			}
			if r["question"] != "" && texts[r["qid"]] == "" {
				texts[r["qid"]] = r["question"]
			}
			if p := r["parent_qid"]; p != "" && p != "0" {
				subs = append(subs, r)
				continue
			}
			if qs[r["qid"]] == nil {
				qs[r["qid"]] = &question{row: r}
				order = append(order, r["qid"])
			}
		}
	}
	for _, r := range subs {
		if q := qs[r["parent_qid"]]; q != nil && !slices.ContainsFunc(q.subs, func(x map[string]string) bool { return x["qid"] == r["qid"] }) {
			q.subs = append(q.subs, r)
		}
	}
	answers := tables["answers"]
	slices.SortStableFunc(answers, func(a, b map[string]string) int { return atoiOr(a["sortorder"]) - atoiOr(b["sortorder"]) })
	for _, r := range answers {
		q := qs[r["qid"]]
		if q == nil || !inLang(r) || r["scale_id"] == "1" {
			continue
		}
		label := r["answer"]
		if label == "" {
			label = answerTexts[r["aid"]]
		}
		if !slices.ContainsFunc(q.ans, func(v ValueLabel) bool { return v.Code == r["code"] }) {
			q.ans = append(q.ans, ValueLabel{Code: r["code"], Label: htmlText(label)})
		}
	}
	for _, id := range order {
		q := qs[id]
		code, typ, text := q.row["title"], q.row["type"], htmlText(texts[id])
		group := groupName[q.row["gid"]]
		slices.SortStableFunc(q.subs, func(a, b map[string]string) int {
			return atoiOr(a["question_order"]) - atoiOr(b["question_order"])
		})
		values := q.ans
		switch typ {
		case "Y":
			values = []ValueLabel{{"Y", "Ja"}, {"N", "Nein"}}
		case "G":
			values = []ValueLabel{{"F", "weiblich"}, {"M", "männlich"}}
		case "5", "A":
			values = numberedValues(5)
		case "B":
			values = numberedValues(10)
		case "C":
			values = []ValueLabel{{"Y", "Ja"}, {"U", "Unsicher"}, {"N", "Nein"}}
		case "E":
			values = []ValueLabel{{"I", "Mehr"}, {"S", "Gleich"}, {"D", "Weniger"}}
		}
		switch typ {
		case "M", "P": // multiple choice: a column per option
			for _, sub := range q.subs {
				c := s.column(code + "[" + sub["title"] + "]")
				c.Text, c.Base, c.Item, c.Group = text, code, htmlText(texts[sub["qid"]]), group
			}
		case "F", "H", "A", "B", "C", "E", "K", "Q", ";", ":", "1": // arrays: a column per row
			for _, sub := range q.subs {
				if sub["scale_id"] == "1" {
					continue
				}
				c := s.column(code + "[" + sub["title"] + "]")
				c.Text, c.Values, c.Group = text+" ["+htmlText(texts[sub["qid"]])+"]", values, group
				c.Numeric, c.FreeText = typ == "K", typ == "Q" || typ == ";"
			}
		default:
			c := s.column(code)
			c.Text, c.Values, c.Group = text, values, group
			c.Numeric = typ == "N"
			c.FreeText = typ == "S" || typ == "T" || typ == "U" || typ == "D" || typ == "|" || typ == "*" || typ == "X"
		}
	}
	return s, nil
}

func numberedValues(n int) []ValueLabel {
	out := make([]ValueLabel, n)
	for i := range out {
		out[i] = ValueLabel{strconv.Itoa(i + 1), strconv.Itoa(i + 1)}
	}
	return out
}

func atoiOr(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// htmlText makes a question text from LimeSurvey's HTML: tags dropped,
// entities decoded, whitespace collapsed.
func htmlText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = stripTags(s)
		s = strings.NewReplacer("&nbsp;", " ").Replace(s)
		s = html.UnescapeString(s)
	}
	s = strings.ReplaceAll(s, "\u00ad", "") // soft hyphens
	return strings.Join(strings.Fields(s), " ")
}

// lazyRegexp compiles expr the first time it is used: these patterns
// serve only `reifegrad init` (ReadStructure), and compiling them when
// the package started cost every command 17 million instructions (1 % of
// a national check, whose start-up is about 0.02 s).
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var (
	// R: ds$A101 = factor(ds$A101, levels=c("1","2"), labels=c("Ja","Nein"), ordered=FALSE)
	//    data[, 9] <- factor(data[, 9], levels=c("A1","A2"),labels=c("Ja","Nein"))
	rFactor = lazyRegexp(`(?m)^\s*(ds\$([A-Za-z0-9_.]+)|data\[,\s*(\d+)\])\s*(?:=|<-)\s*factor\(.*?levels\s*=\s*c\((.*?)\)\s*,\s*labels\s*=\s*c\((.*?)\)`)
	// comment(ds$A101) = "Text"
	rComment = lazyRegexp(`(?m)^\s*comment\(ds\$([A-Za-z0-9_.]+)\)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	// attr(ds$A103_01,"F") = "nicht gewählt"
	rAttr = lazyRegexp(`(?m)^\s*attr\(ds\$([A-Za-z0-9_.]+)\s*,\s*"([^"]*)"\)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	// attributes(data)$variable.labels[9] <- "Text"
	rVarLabel = lazyRegexp(`(?m)^\s*attributes\(data\)\$variable\.labels\[(\d+)\]\s*<-\s*"((?:[^"\\]|\\.)*)"`)
	// names(data)[9] <- "G01Q01"
	rName = lazyRegexp(`(?m)^\s*names\(data\)\[(\d+)\]\s*<-\s*"((?:[^"\\]|\\.)*)"`)
	// "a", "b" or 1, -9 inside c(…)
	rElement = lazyRegexp(`"((?:[^"\\]|\\.)*)"|([-+0-9.eE]+)`)
)

// rStrings reads the elements of an R vector c(…): quoted strings or
// bare numbers.
func rStrings(s string) []string {
	var out []string
	for _, m := range rElement().FindAllStringSubmatch(s, -1) {
		if m[2] != "" {
			out = append(out, strings.TrimSpace(m[2]))
		} else {
			out = append(out, rUnquote(m[1]))
		}
	}
	return out
}

func rUnquote(s string) string {
	if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return u
	}
	return s
}

func pairs2(levels, labels []string) []ValueLabel {
	var out []ValueLabel
	for i, l := range levels {
		if i < len(labels) {
			out = append(out, ValueLabel{Code: l, Label: labels[i]})
		}
	}
	return out
}

// readSoSciR reads SoSci Survey's R import script: value labels as
// factor levels, variable labels as comments ("Frage: Option" for an
// option of a multiple choice question), multiple choice options marked
// by their "F"/"T" (or "1"/"2") attributes.
func readSoSciR(text string) *Structure {
	s := &Structure{Columns: map[string]*StructColumn{}}
	if m := regexp.MustCompile(`attr\(ds, "description"\) = "((?:[^"\\]|\\.)*)"`).FindStringSubmatch(text); m != nil {
		s.Title = rUnquote(m[1])
	}
	for _, m := range rFactor().FindAllStringSubmatch(text, -1) {
		if m[2] != "" {
			s.column(m[2]).Values = pairs2(rStrings(m[4]), rStrings(m[5]))
		}
	}
	for _, m := range rAttr().FindAllStringSubmatch(text, -1) {
		switch m[2] {
		case "F", "T", "1", "2":
			s.column(m[1]).Base = "?" // an option of a multiple choice question
		}
	}
	for _, m := range rComment().FindAllStringSubmatch(text, -1) {
		c := s.column(m[1])
		c.Text = rUnquote(m[2])
		if c.Base == "?" {
			// "Frage: Option"; the question's code is the variable's
			// before its last "_".
			c.Base = m[1][:max(0, strings.LastIndexByte(m[1], '_'))]
			if q, opt, ok := strings.Cut(c.Text, ": "); ok {
				c.Text, c.Item = q, opt
			} else {
				c.Item = c.Text
			}
		}
	}
	for code, c := range s.Columns {
		if c.Base == "?" {
			c.Base, c.Item = code[:max(0, strings.LastIndexByte(code, '_'))], code
		}
	}
	return s
}

// readLimeR reads the R syntax file of LimeSurvey's R export: columns by
// position, named by names(data)[i], labelled by variable.labels[i],
// coded by factor levels and labels.
func readLimeR(text string) *Structure {
	s := &Structure{Columns: map[string]*StructColumn{}}
	names := map[string]string{}
	for _, m := range rName().FindAllStringSubmatch(text, -1) {
		names[m[1]] = rUnquote(m[2])
	}
	s.ByPosition = map[int]*StructColumn{}
	col := func(i string) *StructColumn {
		n := names[i]
		if n == "" {
			return nil
		}
		c := s.column(n)
		if pos, err := strconv.Atoi(i); err == nil {
			s.ByPosition[pos] = c
		}
		return c
	}
	for _, m := range rVarLabel().FindAllStringSubmatch(text, -1) {
		if c := col(m[1]); c != nil {
			c.Text = optionLast(htmlText(rUnquote(m[2])))
		}
	}
	for _, m := range rFactor().FindAllStringSubmatch(text, -1) {
		if c := col(m[3]); c != nil {
			c.Values = pairs2(rStrings(m[4]), rStrings(m[5]))
		}
	}
	return s
}

var (
	spssSection = lazyRegexp(`(?ism)\b(VARIABLE LABELS|VALUE LABELS|ADD VALUE LABELS)\b(.*?)(?:^\s*\.\s*$|\.\s*\z)`)
	spssToken   = lazyRegexp(`'((?:[^']|'')*)'|"((?:[^"]|"")*)"|(/)|([^\s'"/]+)`)
)

// readSPSS reads an SPSS syntax file (LimeSurvey's .sps): VARIABLE LABELS
// name 'text', and VALUE LABELS name code 'label' … / name ….
func readSPSS(text string) *Structure {
	s := &Structure{Columns: map[string]*StructColumn{}}
	for _, sec := range spssSection().FindAllStringSubmatch(text, -1) {
		kind := strings.ToUpper(sec[1])
		var toks []struct {
			s      string
			quoted bool
		}
		for _, m := range spssToken().FindAllStringSubmatch(sec[2], -1) {
			switch {
			case m[3] == "/":
				toks = append(toks, struct {
					s      string
					quoted bool
				}{"/", false})
			case m[4] != "":
				toks = append(toks, struct {
					s      string
					quoted bool
				}{m[4], false})
			default:
				v := m[1] + m[2]
				v = strings.ReplaceAll(strings.ReplaceAll(v, "''", "'"), `""`, `"`)
				toks = append(toks, struct {
					s      string
					quoted bool
				}{v, true})
			}
		}
		if kind == "VARIABLE LABELS" {
			for i := 0; i+1 < len(toks); i++ {
				if !toks[i].quoted && toks[i].s != "/" && toks[i+1].quoted {
					s.column(toks[i].s).Text = optionLast(htmlText(toks[i+1].s))
					i++
				}
			}
			continue
		}
		var vars []string
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			switch {
			case t.s == "/" && !t.quoted:
				vars = nil
			case i+1 < len(toks) && toks[i+1].quoted && (t.quoted || len(vars) > 0 && isValueToken(t.s)):
				for _, v := range vars {
					c := s.column(v)
					c.Values = append(c.Values, ValueLabel{Code: t.s, Label: toks[i+1].s})
				}
				i++
			case !t.quoted:
				vars = append(vars, t.s)
			}
		}
	}
	return s
}

// optionLast turns LimeSurvey's R and SPSS label of an option or array
// row, "[Option] Frage", into the heading form "Frage [Option]".
func optionLast(s string) string {
	if !strings.HasPrefix(s, "[") {
		return s
	}
	i := strings.Index(s, "] ")
	if i < 0 {
		return s
	}
	return strings.TrimSpace(s[i+2:]) + " [" + s[1:i] + "]"
}

// isValueToken reports whether an unquoted SPSS token is a value (a
// number) rather than a variable name.
func isValueToken(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
