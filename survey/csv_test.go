package survey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/reifegrad/reifegrad/scoring"
)

// sampleRows is a small survey in the model's words, with the shapes a CSV
// field can take: umlauts, a comma, a quote, a line break, a decimal comma
// and German thousands.
var sampleRows = [][]string{
	{"AGS", "Gemeinde", "S01", "S02", "O02", "P06", "Bemerkung"},
	{"14612000", "Dresden, Stadt", "ja", "teils, teils", "1.234", "87,5", "Größe \"XL\"; sehr gut"},
	{"14713000", "Leipzig, Stadt", "teilweise", "trifft zu", "45", "60", "zwei\nZeilen"},
	{"14625020", "Bautzen, Stadt", "nein", "", "0", "12,25", "Budyšin|Tab\there"},
}

func encodeCSV(tb testing.TB, rows [][]string, comma rune, enc string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = comma
	if err := w.WriteAll(rows); err != nil {
		tb.Fatal(err)
	}
	b := buf.Bytes()
	var err error
	switch enc {
	case "utf-8":
	case "utf-8-bom":
		b = append([]byte("\ufeff"), b...)
	case "utf-16le-bom":
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b)
	case "utf-16be-bom":
		b, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(b)
	case "utf-16le":
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes(b)
	case "windows-1252":
		// Budyšin has no Windows-1252 form: Excel writes "?".
		b, err = charmap.Windows1252.NewEncoder().Bytes(bytes.ReplaceAll(b, []byte("š"), []byte("s")))
	default:
		tb.Fatalf("unknown encoding %s", enc)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestReadCSVShapes reads the same survey written in every encoding and
// with every delimiter and checks that the answers are the same.
func TestReadCSVShapes(t *testing.T) {
	m := mustModel(t)
	want := [][]string{ // S01, S02, O02, P06 per unit
		{"ja", "teils, teils", "1.234", "87,5"},
		{"teilweise", "trifft zu", "45", "60"},
		{"nein", "", "0", "12,25"},
	}
	for _, enc := range []string{"utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "windows-1252"} {
		for _, comma := range []rune{';', ',', '\t', '|'} {
			t.Run(enc+"/"+string(comma), func(t *testing.T) {
				b := encodeCSV(t, sampleRows, comma, enc)
				ds, err := Read(bytes.NewReader(b), "x.csv", m, Options{UnitsAreMunicipalities: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(ds.Rejects) != 0 || len(ds.Responses) != 3 {
					t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
				}
				for i, r := range ds.Responses {
					got := r.Answers.Strings()[:4]
					if !slices.Equal(got, want[i]) {
						t.Errorf("row %d: answers %q, want %q", i, got, want[i])
					}
				}
				if got := ds.Responses[0].Unit.Name; got != "Dresden, Stadt" {
					t.Errorf("name %q", got)
				}
				// The record with a line break in a field starts on line 3,
				// so the next one starts on line 5.
				if rows := []int{ds.Responses[0].Row, ds.Responses[1].Row, ds.Responses[2].Row}; !slices.Equal(rows, []int{2, 3, 5}) {
					t.Errorf("rows %v, want [2 3 5]", rows)
				}
			})
		}
	}
}

// TestDecimalCommaEndToEnd scores numbers written with a decimal comma and
// German thousands and checks the points against hand-computed values.
func TestDecimalCommaEndToEnd(t *testing.T) {
	m := mustModel(t)
	b := encodeCSV(t, sampleRows, ';', "windows-1252")
	ds, err := Read(bytes.NewReader(b), "x.csv", m, Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(m, ds)
	tests := []struct {
		unit      scoring.UnitID
		node      scoring.NodeID
		wantScore float64
	}{
		{"14612000", "anzahl", 100},      // 1.234 = 1234 (decimal: comma) > 9
		{"14612000", "papierlos", 87.5},  // 87,5 %
		{"14625020", "papierlos", 12.25}, // 12,25 %
		{"14625020", "anzahl", 0},        // 0
		{"14713000", "anzahl", 100},      // 45 > 9
	}
	for _, tt := range tests {
		var got *scoring.NodeScore
		for i := range res.Units {
			if res.Units[i].Unit.ID == tt.unit {
				s := res.Units[i].Nodes.At(m.Node(tt.node).Index)
				got = &s
			}
		}
		if got == nil || !got.Scored() || got.Score != tt.wantScore {
			t.Errorf("%s %s = %+v, want %v", tt.unit, tt.node, got, tt.wantScore)
		}
	}
}

// TestDetectEncoding: a byte order mark or UTF-16's zero bytes decide at
// the start; otherwise the whole text decides between UTF-8 and
// Windows-1252, whatever its first bytes hold.
func TestDetectEncoding(t *testing.T) {
	ascii := strings.Repeat("ags;name;note\n", 6000) // 84 KB, beyond what the first look sees
	umlauts := strings.Repeat("14612000;Görlitz;Straße über Brücken\n", 200)
	tests := []struct {
		name string
		text string
		want Encoding
		why  string
	}{
		{"utf-8", "ags;größe\n", EncodingUTF8, "all 2 characters beyond ASCII in the file are valid UTF-8"},
		{"utf-8 bom", "\xef\xbb\xbfags;name\n", EncodingUTF8, "it starts with the UTF-8 byte order mark"},
		{"ascii", "ags;name\n", EncodingUTF8, "the file is plain ASCII"},
		{"utf-16le bom", "\xff\xfea\x00;\x00", EncodingUTF16, "it starts with a UTF-16 byte order mark"},
		{"utf-16be bom", "\xfe\xff\x00a\x00;", EncodingUTF16, "it starts with a UTF-16 byte order mark"},
		{"utf-16le without bom", "a\x00g\x00s\x00;\x00n\x00", EncodingUTF16, "a zero byte in most pairs of bytes: UTF-16 without byte order mark"},
		{"windows-1252", "ags;gr\xf6\xdfe\n", EncodingWindows1252, "in the file 2 bytes are not UTF-8 and no character is: Windows-1252, as Excel saves CSV on German Windows"},
		{"utf-8 cut inside a character", "ags;gr\xc3", EncodingUTF8, "the file is plain ASCII"},
		// The issue's case: one Windows-1252 byte in a name near the top
		// of a UTF-8 export made the whole file Windows-1252.
		{"utf-8 with one windows-1252 byte at the top", "ags;name\n14626110;Wei\xdfwasser\n" + umlauts, EncodingUTF8,
			"in the file 800 characters are valid UTF-8 and 1 byte is not: the rows holding those are rejected (set survey.encoding if the file is in another encoding)"},
		{"windows-1252 after 84 KB of ascii", ascii + "14612000;G\xf6rlitz\n", EncodingWindows1252,
			"in the file 1 byte is not UTF-8 and no character is: Windows-1252, as Excel saves CSV on German Windows"},
		{"windows-1252 with a pair that is valid utf-8", "ags;name\n1;\xc3\xa4 \xe4\xf6\xfc\n", EncodingWindows1252,
			"in the file 3 bytes are not UTF-8 and only 1 characters are: Windows-1252, as Excel saves CSV on German Windows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, enc, why, err := decode(strings.NewReader(tt.text), EncodingAuto)
			if err != nil || enc != tt.want || why.text != tt.why {
				t.Errorf("decode: %v (%q), %v; want %v (%q)", enc, why.text, err, tt.want, tt.why)
			}
			// Reports say it in their language: a cause with its values.
			if why.cause.Args() != len(why.args) {
				t.Errorf("cause %d with %d args, want %d", why.cause, len(why.args), why.cause.Args())
			}
		})
	}
}

// TestEncodingOfTheWholeFile reads the issue's file end to end: UTF-8 with
// one Windows-1252 name near the top. Every umlaut elsewhere stays an
// umlaut (and matches its scale); the one row is rejected at its cell;
// the input says which encoding was used and why.
func TestEncodingOfTheWholeFile(t *testing.T) {
	m := mustModel(t)
	src := "ags;gemeinde;S01\n14626110;Wei\xdfwasser;ja\n14612000;Dresden;ja\n14713000;Leipzig;nein\n14522080;Döbeln;ja\n14625020;Bautzen – Budyšin;nein\n"
	ds, err := Read(strings.NewReader(src), "u.csv", m, Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != 4 || len(ds.Rejects) != 1 {
		t.Fatalf("%d responses, %d rejects; want 4 and 1", len(ds.Responses), len(ds.Rejects))
	}
	if j := ds.Rejects[0]; j.Position() != "u.csv:2:2" || !strings.HasPrefix(j.Reason, "the cell is not valid UTF-8 text") {
		t.Errorf("reject %s: %s", j.Position(), j.Reason)
	}
	if got := ds.Responses[2].Unit.Name; got != "Döbeln" {
		t.Errorf("name %q, want Döbeln", got)
	}
	in := ds.Inputs[0]
	if in.Encoding != "utf-8" || in.EncodingReason != "in the file 3 characters are valid UTF-8 and 1 byte is not: the rows holding those are rejected (set survey.encoding if the file is in another encoding)" {
		t.Errorf("encoding %q (%s)", in.Encoding, in.EncodingReason)
	}
	// survey.encoding overrides.
	ds, err = Read(strings.NewReader(src), "u.csv", m, Options{UnitsAreMunicipalities: true, Encoding: EncodingWindows1252})
	if err != nil {
		t.Fatal(err)
	}
	if in := ds.Inputs[0]; in.Encoding != "windows-1252" || in.EncodingReason != "set by survey.encoding" || ds.Responses[0].Unit.Name != "Weißwasser" {
		t.Errorf("with survey.encoding: %q (%s), name %q", in.Encoding, in.EncodingReason, ds.Responses[0].Unit.Name)
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want rune
	}{
		{"semicolon", "a;b;c\n1;2,5;3\n", ';'},
		{"comma", "a,b,c\n1,\"2;5\",3\n", ','},
		{"tab", "a\tb\tc\n1\t2,5\t3\n", '\t'},
		{"pipe", "a|b|c\n1|2,5|3\n", '|'},
		// Decimal commas in every row must not fool the comma: ';' splits
		// every row into 3, ',' into 3 and 4.
		{"semicolon with decimal commas", "a;b;c\n1,5;2;3\n1;2,5;3,5\n", ';'},
		// A quoted field spanning lines.
		{"comma with newline in quotes", "a,b,c\n1,\"x\ny;z\",3\n4,5,6\n", ','},
		{"single column", "ags\n14612000\n", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detectDelimiter([]byte(tt.in), nil); got != tt.want {
				t.Errorf("detectDelimiter(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCROnlyLineEnds reads a file saved by old Mac Excel, with '\r' alone
// between lines.
func TestCROnlyLineEnds(t *testing.T) {
	m := mustModel(t)
	in := "ags;S01\r14612000;ja\r14713000;nein\r"
	ds, err := Read(strings.NewReader(in), "mac.csv", m, Options{UnitsAreMunicipalities: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != 2 || ds.Responses[1].Answers.At(0) != "nein" {
		t.Errorf("responses %+v", ds.Responses)
	}
}

// TestAccounting checks that every row below the header is either a
// response or a reject, counting rows independently with encoding/csv.
func TestAccounting(t *testing.T) {
	m := mustModel(t)
	in := strings.Join([]string{
		"Umfrage 2024;;;",        // title row above the header
		"AGS;Gemeinde;S01;S02",   // header
		"14612000;Dresden;ja;",   // ok
		";;;",                    // empty row
		"14713000;Leipzig;ja;",   // ok
		"1471300;Kurz;ja;",       // 7 digits: padded to 01471300, not in register
		"abc;Text;ja;",           // not an AGS
		"14625020;Bautzen;ja;;x", // a value beyond the header
		"14612000;Dresden;nein;", // duplicate
		";Ohne AGS;ja;",          // empty id
		"14729160;\"Grimma;ja;",  // a stray quote: malformed to the end
	}, "\n") + "\n"
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = ';', -1, true
	records := 0
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		records++
	}
	rowsBelowHeader := records - 2
	ds, err := Read(strings.NewReader(in), "acc.csv", m, Options{UnitsAreMunicipalities: true, Register: mustRegister(t, "sachsen")})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(ds.Responses) + len(ds.Rejects); got != rowsBelowHeader {
		t.Errorf("responses %d + rejects %d = %d, want %d rows", len(ds.Responses), len(ds.Rejects), got, rowsBelowHeader)
		for _, r := range ds.Rejects {
			t.Log(r.Position(), r.Reason)
		}
	}
	wantReasons := []string{"empty row", "not in register", "not an 8-digit AGS", "beyond the header", "duplicate unit", "id column 1 is empty", "malformed CSV"}
	for _, w := range wantReasons {
		if !slices.ContainsFunc(ds.Rejects, func(r scoring.Reject) bool { return strings.Contains(r.Reason, w) }) {
			t.Errorf("no reject says %q", w)
		}
	}
	for _, r := range ds.Rejects {
		if r.File != "acc.csv" || r.Row < 3 {
			t.Errorf("reject without place: %+v", r)
		}
	}
}

// TestQualityIssuesCarryQuestionAndValue: answers outside a scale and
// numbers out of range reach the data-quality report with question, value
// and place, so they can be counted per question and value.
func TestQualityIssuesCarryQuestionAndValue(t *testing.T) {
	m := mustModel(t)
	in := "AGS;S01;P06\n14612000;jein;50\n14713000;jein;150\n14625020;vielleicht;-3\n14521010;ja;50\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true})
	res := scoring.Score(m, ds)
	type key struct {
		kind  scoring.IssueKind
		q     scoring.QuestionID
		value string
	}
	got := map[key]int{}
	places := map[string]bool{}
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueUnknownAnswer || is.Kind == scoring.IssueOutOfRange {
			got[key{is.Kind, is.Question, is.Value}]++
			places[is.Place] = true
		}
	}
	want := map[key]int{
		{scoring.IssueUnknownAnswer, "S01", "jein"}:       2,
		{scoring.IssueUnknownAnswer, "S01", "vielleicht"}: 1,
		{scoring.IssueOutOfRange, "P06", "150"}:           1,
		{scoring.IssueOutOfRange, "P06", "-3"}:            1,
	}
	if len(got) != len(want) {
		t.Errorf("issues %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%v: %d issues, want %d", k, got[k], n)
		}
	}
	for _, p := range []string{"t.csv:2:2", "t.csv:3:2", "t.csv:3:3", "t.csv:4:2", "t.csv:4:3"} {
		if !places[p] {
			t.Errorf("no issue at %s (have %v)", p, places)
		}
	}
	// Never scored as 0: the unit with only an unknown S01 has no S01 score.
	for _, u := range res.Units {
		if u.Unit.ID == "14612000" && u.Nodes.At(m.Node("strat").Index).Scored() {
			t.Error("an unknown answer was scored")
		}
	}
}

// TestRaggedSemicolonFile is the issue's file: semicolons, names that hold
// commas ("Ort 3, Stadt, Kreis, Land, DE"), and 5 rows with a field too
// many. The comma splits every row into five fields — more, and more
// consistently, than the semicolon with its ragged rows — but only the
// semicolon yields the header: the file is read, and the 5 rows are
// rejected with their numbers.
func TestRaggedSemicolonFile(t *testing.T) {
	m := mustModel(t)
	var b strings.Builder
	b.WriteString("id;name;S01;O02\n")
	for i := range 20 {
		fmt.Fprintf(&b, "r%d;Ort %d, Stadt, Kreis, Land, DE;ja;5", i, i)
		if i%4 == 3 {
			b.WriteString(";zu viel")
		}
		b.WriteString("\n")
	}
	ds, err := Read(strings.NewReader(b.String()), "ragged.csv", m, Options{IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Responses) != 15 || len(ds.Rejects) != 5 {
		t.Fatalf("%d responses, %d rejects; want 15 and 5", len(ds.Responses), len(ds.Rejects))
	}
	for i, j := range ds.Rejects {
		if want := fmt.Sprintf("ragged.csv:%d:5", 4*i+5); j.Position() != want || !strings.HasPrefix(j.Reason, "row has 5 fields, the header 4") {
			t.Errorf("reject %d at %s: %s; want %s", i+1, j.Position(), j.Reason, want)
		}
	}
	if got := ds.Responses[0].Unit.Name; got != "Ort 0, Stadt, Kreis, Land, DE" {
		t.Errorf("name %q", got)
	}
}

// TestDelimiterHeaderWhereItDecides: the header is looked for only under a
// delimiter that could win with it (a semicolon file's rows split at their
// commas looked for it in 30 rows of long fields: 2 ms of a national
// check before its first row), and the delimiter chosen is the one looking
// everywhere chooses (detectEveryHeader, the rule as it reads).
func TestDelimiterHeaderWhereItDecides(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("AGS;Gemeinde;F001;F002\n")
	for i := range 40 {
		fmt.Fprintf(&rows, "146%05d;Gemeinde %d, Stadt;45,5;ja\n", i, i)
	}
	tests := []struct {
		name  string
		in    string
		want  rune
		calls int // of isHeader
	}{
		{"semicolon, names and decimals with commas", rows.String(), ';', 1},
		{"comma, no other delimiter", strings.ReplaceAll(strings.ReplaceAll(rows.String(), ", ", " "), ";", ","), ',', 1},
		// The semicolon and the comma score the same, but only the
		// comma's records hold the header: both are looked at.
		{"header under the comma only", "a;b\nc;d\nAGS,Gemeinde\n1,2\n", ',', 3},
		// Without a header so far, a delimiter that scores less could
		// still win with one: it is looked for under each.
		{"no header anywhere", "a;b;c\n1,5;2;3\n", ';', 3},
	}
	isHeader := func(calls *int) func([]string) bool {
		return func(rec []string) bool {
			*calls++
			return slices.Contains(rec, "AGS")
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls, every int
			got := detectDelimiter([]byte(tt.in), isHeader(&calls))
			if want := detectEveryHeader([]byte(tt.in), isHeader(&every)); got != want || got != tt.want {
				t.Errorf("delimiter %q, looking everywhere %q, want %q", got, want, tt.want)
			}
			if calls != tt.calls {
				t.Errorf("looked for the header in %d records, want %d (looking everywhere: %d)", calls, tt.calls, every)
			}
		})
	}
	// Any text: the same choice as looking everywhere.
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte("ab;,\t|\"\n 1AGS")
	for range 5000 {
		b := make([]byte, r.IntN(60))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		var calls, every int
		if got, want := detectDelimiter(b, isHeader(&calls)), detectEveryHeader(b, isHeader(&every)); got != want {
			t.Fatalf("%q: delimiter %q, looking everywhere %q", b, got, want)
		}
	}
}

// detectEveryHeader is detectDelimiter's rule as it reads, looking for the
// header under every delimiter.
func detectEveryHeader(head []byte, isHeader func([]string) bool) rune {
	best, bestHeader, bestScore := ';', false, -1.0
	for _, d := range Delimiters {
		cr := csv.NewReader(bytes.NewReader(head))
		cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = d, -1, true
		counts := map[int]int{}
		n, header := 0, false
		for n < 50 {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			counts[len(rec)]++
			if n < maxTitleRows && !header && len(rec) > 1 {
				header = isHeader(rec)
			}
			n++
		}
		mode, modeN := 0, 0
		for fields, c := range counts {
			if c > modeN || (c == modeN && fields > mode) {
				mode, modeN = fields, c
			}
		}
		if n == 0 || mode < 2 {
			continue
		}
		score := float64(modeN) / float64(n) * float64(mode)
		if (header && !bestHeader) || (header == bestHeader && score > bestScore) {
			best, bestHeader, bestScore = d, header, score
		}
	}
	return best
}
