package scoring_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/reifegrad/reifegrad/scoring"
)

// aliasBomb is a "billion laughs" model: each anchor lists the previous
// one ten times, so nine levels expand to 10⁹ dimensions.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(base, "  dimensions:\n    - id: d\n      indicators:\n        - {id: i, question: Q1}\n"))
	b.WriteString("  dimensions:\n    - &x0 {id: i0, question: Q1}\n")
	for k := 1; k <= 9; k++ {
		fmt.Fprintf(&b, "    - &x%d {id: d%d, dimensions: [%s]}\n", k, k, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d, ", k-1), 10), ", "))
	}
	return b.String()
}

// TestParseModelAliases: anchors and aliases that share a block are
// fine; a cycle or a bomb is an error with the alias's line, returned
// without expanding it (before, the bomb ran for more than five minutes).
func TestParseModelAliases(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // whole error text; "" for a valid model
		is   error
	}{
		{"shared scale block", edit(t, "    jn: {map: {ja: 1, nein: 0}}\n", "    jn: &jn {map: {ja: 1, nein: 0}}\n    jn2: *jn\n",
			"    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn}\n    - {id: Q2, scale: jn2}\n",
			"        - {id: i, question: Q1}\n", "        - {id: i, question: Q1}\n        - {id: i2, question: Q2}\n"), "", nil},
		{"cycle", edit(t, "  dimensions:\n", "  dimensions: &c\n    - {id: loop, dimensions: *c}\n"),
			"t.yaml:12:30: alias *c refers to a node that contains it: cycle of aliases", scoring.ErrAliasCycle},
		{"self", "model: &m {name: *m}\n", "t.yaml:1:18: alias *m refers to a node that contains it: cycle of aliases", scoring.ErrAliasCycle},
		// x0 is 5 nodes and x(k) = 5 + 10·x(k-1): x4 is 55,555 nodes. The
		// aliases in x1…x4 add 50 + 550 + 5,550 + 55,550 = 61,700, so the
		// first *x4 in x5 (line 17) passes 100,000.
		{"billion laughs", aliasBomb(), "t.yaml:17:33: alias *x4: aliases expand to too many nodes (more than 100000 added; an alias bomb?)", scoring.ErrAliasLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("t.yaml", []byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ParseModel: %v", err)
				}
				if got := m.Question("Q2").Scale; got == nil || got.Map["ja"] != 1 || got.Map["nein"] != 0 {
					t.Errorf("Q2's scale through the alias = %+v, want ja 1, nein 0", got)
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestCheckYAMLAliasesLimit counts at the boundary: an anchored list of
// 999 items is 1,000 nodes, so 100 aliases to it add exactly
// MaxAliasNodes and 101 aliases one list too many.
func TestCheckYAMLAliasesLimit(t *testing.T) {
	doc := func(aliases int) *yaml.Node {
		src := "a: &a [" + strings.TrimSuffix(strings.Repeat("x, ", 999), ", ") + "]\nb: [" +
			strings.TrimSuffix(strings.Repeat("*a, ", aliases), ", ") + "]\n"
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(src), &n); err != nil {
			t.Fatal(err)
		}
		return &n
	}
	if scoring.MaxAliasNodes != 100*1000 {
		t.Fatalf("MaxAliasNodes = %d; the cases below assume 100,000", scoring.MaxAliasNodes)
	}
	if err := scoring.CheckYAMLAliases("a.yaml", doc(100)); err != nil {
		t.Errorf("100 aliases of 1,000 nodes: %v", err)
	}
	err := scoring.CheckYAMLAliases("a.yaml", doc(101))
	var me *scoring.ModelError
	if !errors.As(err, &me) || !errors.Is(err, scoring.ErrAliasLimit) || me.Line != 2 || me.Col != 5+100*4 {
		t.Errorf("101 aliases: %v, want an alias limit error at a.yaml:2:%d (the 101st alias)", err, 5+100*4)
	}
}

// nested is base with its dimension d nested depth levels deep, each
// level a dimension holding the next; the innermost holds the indicator.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(base, "  dimensions:\n    - id: d\n      indicators:\n        - {id: i, question: Q1}\n"))
	b.WriteString("  dimensions:\n")
	indent := "    "
	for k := 1; k < depth; k++ {
		fmt.Fprintf(&b, "%s- id: d%d\n%s  dimensions:\n", indent, k, indent)
		indent += "    "
	}
	fmt.Fprintf(&b, "%s- id: d%d\n%s  indicators:\n%s    - {id: i, question: Q1}\n", indent, depth, indent, indent)
	return b.String()
}

// TestYAMLLimits: the text of the expanded document and its nesting are
// bounded, and say so with the line; a model 31 dimensions deep (refused
// before as "a cycle of anchors?") is read.
func TestYAMLLimits(t *testing.T) {
	long := strings.Repeat("x", 30_000)
	var labels strings.Builder
	for k := range 150 {
		fmt.Fprintf(&labels, "        - {id: i%d, name: *long, question: Q1}\n", k)
	}
	// With the 30,000 bytes written, 139 aliases of them pass 4 MiB
	// (4,194,304): the 139th indicator (line 14 + 138) is the first beyond.
	aliasBomb := edit(t, "  name: T\n", "  name: &long "+long+"\n", "        - {id: i, question: Q1}\n", labels.String())
	tests := []struct {
		name string
		src  string
		want string // "" parses
		is   error
	}{
		{"31 dimensions deep", nested(31), "", nil},
		// The innermost indicator's keys lie 5 + 2·97 = 199 levels deep.
		{"97 dimensions deep", nested(97), "", nil},
		{"98 dimensions deep", nested(98), fmt.Sprintf("t.yaml:%d:%d: the document nests too deeply: nested deeper than 200 levels",
			strings.Count(nested(98), "\n"), 4*98+8), scoring.ErrYAMLDepth},
		{"long texts behind aliases", aliasBomb,
			"t.yaml:152:28: alias *long: the document is too large: its text with every alias expanded is more than 4194304 bytes (an alias bomb?)", scoring.ErrYAMLSize},
		{"a long text written out", edit(t, "  name: T\n", "  name: "+strings.Repeat("y", scoring.MaxYAMLBytes)+"\n"),
			"t.yaml:2:9: the document is too large: its text is more than 4194304 bytes", scoring.ErrYAMLSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := scoring.ParseModel("t.yaml", []byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ParseModel: %v", err)
				}
				if m == nil {
					t.Error("no model")
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestTextLimit: a text longer than a workbook cell can show is a config
// error with its line, not a cut in reifegrad.xlsx; one at the limit is
// read.
func TestTextLimit(t *testing.T) {
	at := edit(t, "    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn, text: "+strings.Repeat("ä", scoring.MaxTextChars)+"}\n")
	if _, err := scoring.ParseModel("t.yaml", []byte(at)); err != nil {
		t.Errorf("a text of %d characters: %v", scoring.MaxTextChars, err)
	}
	over := edit(t, "    - {id: Q1, scale: jn}\n", "    - {id: Q1, scale: jn, text: "+strings.Repeat("ä", scoring.MaxTextChars+1)+"}\n")
	_, err := scoring.ParseModel("t.yaml", []byte(over))
	if want := "t.yaml:10:33: text too long: 32768 characters, at most 32767 can be shown in a workbook cell (as in Excel)"; err == nil || err.Error() != want || !errors.Is(err, scoring.ErrLongText) {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}
