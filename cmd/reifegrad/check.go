package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/scoring"
)

// check validates config and inputs and reports what it understood and
// every problem, writing nothing: for each input the survey tool
// recognised and why, and the column map (column → question, columns left
// unused, questions without a column); then every rejected row and every
// finding. It fails (exit 1) when a row was rejected, an answer is not in
// its scale or a finding is fatal (a required question without a column);
// other notes are listed but do not fail.
func (a *app) check(cmd *cobra.Command) error {
	stop, err := a.startProfile()
	if err != nil {
		return err
	}
	defer stop()
	defer a.stage("")
	s, _, ds, err := a.load(cmd)
	if err != nil {
		return err
	}
	a.stage(fmt.Sprintf(a.say().scoringF, a.lang.Count(len(ds.Responses))))
	res := scoring.Score(s.Model, ds)
	a.stage("") // the report follows on stdout, maybe the same terminal
	problems := len(res.Rejects)
	for _, is := range res.Issues {
		if is.Fatal || is.Unread() {
			problems++
		}
	}
	if a.json {
		rep := checkReport{summary: summarise(s, res, scoring.NewDisclosure(res, s.Report.MinGroupSize), nil, 0), Inputs: checkInputs(ds.Inputs),
			RejectList: checkRejects(res.Rejects), IssueList: checkIssues(res.Issues), Crosswalks: crosswalks(res)}
		if err := rep.writeJSON(a.stdout); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		t, say := checkTexts[s.Report.Language].words(res), checkSayer{scoring.NewDescriber(s.Report.Language)}
		// Counted as the model command and the methodology count them.
		scored, context := s.Model.QuestionCounts()
		fmt.Fprintf(&b, t.validF, s.File, s.Model.Name, t.scored.of(t.lang, scored))
		if context > 0 {
			fmt.Fprintf(&b, t.contextF, context)
		}
		if n := len(s.Model.Dimensions()); n == 1 {
			b.WriteString(t.dimensionF)
		} else {
			fmt.Fprintf(&b, t.dimensionsF, n)
		}
		for _, in := range ds.Inputs {
			writeColumnMap(&b, in, t, say)
		}
		writeCrosswalks(&b, crosswalks(res), t)
		// The line of rows as run's summary writes it.
		st := summaryTexts[s.Report.Language]
		l := s.Report.Language
		fmt.Fprintf(&b, st.rowsF, l.Count(res.RowsRead), l.Count(len(res.Units)), l.Count(len(res.Rejects)))
		// As the summary, only where every wave's counts may be shown.
		if n := summarise(s, res, scoring.NewDisclosure(res, s.Report.MinGroupSize), nil, 0).NotRated; n != nil && *n > 0 {
			fmt.Fprintf(&b, st.notRatedF, l.Count(*n))
		}
		b.WriteString("\n")
		for _, r := range res.Rejects {
			fmt.Fprintf(&b, t.rejectedF, r.Position(), say.Reject(r))
		}
		for _, is := range res.Issues {
			if is.Place != "" {
				fmt.Fprintf(&b, "%s: ", is.Place)
			}
			fmt.Fprintf(&b, "%s\n", say.Issue(is))
		}
		if _, err := fmt.Fprint(a.stdout, b.String()); err != nil {
			return err
		}
	}
	if problems > 0 {
		return &problemsFound{problems}
	}
	if len(res.Units) == 0 {
		return nothingScored(res) // as run says it, with run's exit code
	}
	return nil
}

// fatalFindings turns the fatal findings of the inputs into one error, so
// that run writes nothing it cannot vouch for. check lists them instead.
func fatalFindings(ds *scoring.Dataset) error {
	fatal := ds.Fatal()
	if len(fatal) == 0 {
		return nil
	}
	var b strings.Builder
	if len(fatal) == 1 {
		b.WriteString("nothing was written: 1 finding makes the scores untrustworthy:")
	} else {
		fmt.Fprintf(&b, "nothing was written: %d findings make the scores untrustworthy:", len(fatal))
	}
	for _, is := range fatal {
		fmt.Fprintf(&b, "\n%s", is)
	}
	b.WriteString("\nEvery row would be scored without these questions. Name each question's column by its code, text or an alias " +
		"(or in a codebook), or declare the question optional: true in the model. 'reifegrad check' shows how each input was read.")
	return errors.New(b.String())
}

// writeColumnMap describes how one input was read, for people, in the
// language of t and say.
func writeColumnMap(b *strings.Builder, in scoring.InputFile, t checkText, say checkSayer) {
	fmt.Fprintf(b, t.readAsF, scoring.Pos(in.File, in.Sheet, 0, 0), in.Format, say.Format(in))
	if in.Encoding != "" {
		fmt.Fprintf(b, "; %s: %s", in.Encoding, say.Encoding(in))
	}
	switch {
	case in.HeaderRows > 1:
		fmt.Fprintf(b, t.headerRowsF, in.HeaderRow, in.HeaderRow+in.HeaderRows-1)
	case in.HeaderRow > 0:
		fmt.Fprintf(b, t.headerRowF, in.HeaderRow)
	}
	if in.Long {
		b.WriteString(t.units.Long)
	}
	b.WriteString("\n")
	width := 0
	for _, c := range in.Columns {
		width = max(width, len([]rune(quoteHeader(c.Header))))
	}
	width = min(width, 40)
	for _, c := range in.Columns {
		h := quoteHeader(c.Header)
		at := strconv.Itoa(c.Column)
		if c.Row > 0 {
			at = fmt.Sprintf("%d:%d", c.Row, c.Column)
		}
		fmt.Fprintf(b, "  %5s  %s%s  %s\n", at, h, strings.Repeat(" ", max(0, width-len([]rune(h)))), t.columnUse(c))
	}
	if len(in.Missing) > 0 {
		ids := make([]string, len(in.Missing))
		for i, q := range in.Missing {
			ids[i] = string(q)
		}
		fmt.Fprintf(b, t.missingF, strings.Join(ids, ", "))
	}
}

// quoteHeader shows a header on one line, shortened.
func quoteHeader(h string) string {
	r := []rune(strings.Join(strings.Fields(h), " "))
	if len(r) > 38 {
		r = append(r[:37], '…')
	}
	return `"` + string(r) + `"`
}

// checkSayer says what the importers and scoring found in check's
// language: in English their own words, which may hold more than the
// reports' sentence (a parser's detail), in German the reports' sentence;
// either on one line (they quote answers and ids as given: a line break
// in one must not fake a line of the listing).
type checkSayer struct{ scoring.Describer }

func (s checkSayer) Reject(r scoring.Reject) string { return s.pick(r.Reason, s.Describer.Reject(r)) }
func (s checkSayer) Issue(is scoring.Issue) string  { return s.pick(is.Message, s.Describer.Issue(is)) }
func (s checkSayer) Format(in scoring.InputFile) string {
	return s.pick(in.FormatReason, s.Describer.Format(in))
}
func (s checkSayer) Encoding(in scoring.InputFile) string {
	return s.pick(in.EncodingReason, s.Describer.Encoding(in))
}

// pick is english in English, else said; on one line either way: the
// importers' English quotes ids as given too ("unit 7<LF>FAKE answered
// twice" printed a line "FAKE answered twice …" of its own).
func (s checkSayer) pick(english, said string) string {
	if s.Lang == scoring.English {
		return oneLine(english)
	}
	return oneLine(said)
}

// columnUse says what a column was taken for.
func (t checkText) columnUse(c scoring.InputColumn) string {
	switch c.Role {
	case scoring.ColumnQuestion:
		return t.question + string(c.Question) + t.thousands(c)
	case scoring.ColumnItem:
		return fmt.Sprintf(t.itemF, c.Question, c.Item)
	case scoring.ColumnAttribute:
		return t.units.Attribute + c.Attribute
	case scoring.ColumnBookkeeping:
		what := c.Attribute
		if w, ok := t.bookkeeping[what]; ok {
			what = w
		}
		return fmt.Sprintf(t.toolsF, what)
	case scoring.ColumnID:
		return t.units.ID
	case scoring.ColumnName, scoring.ColumnDistrict, scoring.ColumnPopulation:
		return t.units.Role[c.Role]
	case scoring.ColumnWave:
		return t.wave
	case scoring.ColumnQuestionCode:
		// survey says how many questions the column names, in English.
		what := c.Attribute
		if n, ok := strings.CutSuffix(what, " questions"); ok && t.questionsF != "" {
			what = fmt.Sprintf(t.questionsF, n)
		} else if what == "1 question" && t.questionF != "" {
			what = t.questionF
		}
		return fmt.Sprintf(t.questionOfF, what)
	case scoring.ColumnAnswer:
		return t.answerOf + t.thousands(c)
	}
	return t.unused
}

// thousands says how many answers of a column were read with a thousands
// separator, settled by the column (or, in the long layout, by each
// question's answers).
func (t checkText) thousands(c scoring.InputColumn) string {
	switch {
	case c.Thousands == 0:
		return ""
	case c.ThousandsSeparator == ".":
		return t.thousandsF.of(t.lang, c.Thousands)
	case c.ThousandsSeparator == ",":
		return t.thousandCF.of(t.lang, c.Thousands)
	}
	return t.thousandXF.of(t.lang, c.Thousands)
}

// checkReport is check's --json: the run summary, plus what each input
// was read as and every rejected row and finding.
type checkReport struct {
	*summary
	Inputs     []checkInput `json:"inputs"`
	RejectList []checkRow   `json:"reject_list"`
	IssueList  []checkIssue `json:"issue_list"`
	// Crosswalks compare each wave with the one before (crosswalk.go).
	Crosswalks []crosswalkReport `json:"crosswalks,omitempty"`
}

type checkInput struct {
	File         string               `json:"file"`
	Sheet        string               `json:"sheet,omitempty"`
	HeaderRow    int                  `json:"header_row"`
	HeaderRows   int                  `json:"header_rows"`
	Format       string               `json:"format"`
	FormatReason string               `json:"format_reason"`
	Encoding     string               `json:"encoding,omitempty"`
	EncodingWhy  string               `json:"encoding_reason,omitempty"`
	Long         bool                 `json:"long,omitempty"`
	ColumnList   []checkColumn        `json:"columns"`
	Missing      []scoring.QuestionID `json:"questions_without_column"`
}

type checkColumn struct {
	Column    int                `json:"column"`
	Row       int                `json:"row,omitempty"`
	Header    string             `json:"header"`
	Role      scoring.ColumnRole `json:"role"`
	Question  scoring.QuestionID `json:"question,omitempty"`
	Item      string             `json:"item,omitempty"`
	Attribute string             `json:"attribute,omitempty"`
	Thousands int                `json:"thousands,omitempty"`
	// ThousandsSeparator is "." (a column of decimal commas) or ","
	// (a column of decimal points); "" in the long layout's answer column
	// when its questions read both.
	ThousandsSeparator string `json:"thousands_separator,omitempty"`
}

type checkRow struct {
	Place  string         `json:"place"`
	Wave   scoring.WaveID `json:"wave"`
	Unit   scoring.UnitID `json:"unit"`
	Name   string         `json:"name"`
	Reason string         `json:"reason"`
}

type checkIssue struct {
	Kind     string             `json:"kind"`
	Fatal    bool               `json:"fatal"`
	Place    string             `json:"place"`
	Wave     scoring.WaveID     `json:"wave"`
	Unit     scoring.UnitID     `json:"unit,omitempty"`
	Question scoring.QuestionID `json:"question,omitempty"`
	Node     scoring.NodeID     `json:"node,omitempty"`
	Value    string             `json:"value,omitempty"`
	Message  string             `json:"message"`
}

func checkInputs(ins []scoring.InputFile) []checkInput {
	out := make([]checkInput, 0, len(ins))
	for _, in := range ins {
		ci := checkInput{File: in.File, Sheet: in.Sheet, HeaderRow: in.HeaderRow, HeaderRows: in.HeaderRows, Format: in.Format,
			FormatReason: in.FormatReason, Encoding: in.Encoding, EncodingWhy: in.EncodingReason, Long: in.Long, Missing: in.Missing}
		if ci.Missing == nil {
			ci.Missing = []scoring.QuestionID{}
		}
		for _, c := range in.Columns {
			ci.ColumnList = append(ci.ColumnList, checkColumn(c))
		}
		out = append(out, ci)
	}
	return out
}

func checkRejects(rs []scoring.Reject) []checkRow {
	out := make([]checkRow, 0, len(rs))
	for _, r := range rs {
		out = append(out, checkRow{Place: r.Position(), Wave: r.Wave, Unit: r.Unit, Name: r.Name, Reason: r.Reason})
	}
	return out
}

func checkIssues(is []scoring.Issue) []checkIssue {
	out := make([]checkIssue, 0, len(is))
	for _, i := range is {
		out = append(out, checkIssue{Kind: i.Kind.String(), Fatal: i.Fatal, Place: i.Place, Wave: i.Wave, Unit: i.Unit,
			Question: i.Question, Node: i.Node, Value: i.Value, Message: i.Message})
	}
	return out
}

func (r *checkReport) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// oneLine shows line breaks as \n and \r.
var oneLine = strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace
