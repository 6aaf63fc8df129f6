package scoring

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits on a YAML file (model, settings, codebook), checked on the parsed
// document before anything walks or decodes it. A file of a few kilobytes
// whose anchors refer to anchors that refer to anchors ("billion laughs")
// would otherwise expand to billions of nodes, or — with long texts behind
// the anchors — to gigabytes of labels written into every unit's rows of
// scores.csv. The largest bundled model (example/odm) has about 2,600
// nodes, 42 KB of text and 8 levels of nesting, and uses no aliases.
const (
	// MaxAliasNodes bounds how many nodes the aliases of one file may add
	// when they are expanded.
	MaxAliasNodes = 100_000

	// MaxYAMLBytes bounds the text (keys and values) of the document with
	// every alias expanded: 4 MiB, a hundred times the largest model.
	MaxYAMLBytes = 4 << 20

	// MaxTextChars bounds one text (a scalar) of the document: 32,767
	// characters, what a cell of a workbook can show (Excel's limit).
	// A longer name, label or description would be cut in reifegrad.xlsx
	// and the questionnaire without a word.
	MaxTextChars = 32767

	// MaxYAMLDepth bounds how deeply the document nests: 200 levels of
	// YAML hold dimensions nested 97 deep (each is a list and a mapping).
	MaxYAMLDepth = 200
)

// Errors wrapped by the *ModelError CheckYAMLAliases returns.
var (
	ErrAliasLimit = errors.New("aliases expand to too many nodes")
	ErrAliasCycle = errors.New("cycle of aliases")
	ErrYAMLSize   = errors.New("the document is too large")
	ErrYAMLDepth  = errors.New("the document nests too deeply")
	ErrLongText   = errors.New("text too long")
)

// CheckYAMLAliases checks a parsed YAML document against the limits above:
// an alias that refers to a node containing it (a cycle); the alias at
// which the nodes added by aliases exceed MaxAliasNodes; the node at which
// the text of the expanded document exceeds MaxYAMLBytes; the node nested
// deeper than MaxYAMLDepth levels; a text longer than MaxTextChars. Each
// is a *ModelError with the node's line. Readers of YAML files (models,
// settings, codebooks) call it before they walk or decode the document;
// doc is not changed. Its time is linear
// in the size of the document as written, not of its expansion.
func CheckYAMLAliases(file string, doc *yaml.Node) error {
	c := aliasCounter{file: file, size: map[*yaml.Node]expansion{}, open: map[*yaml.Node]bool{}}
	return c.walk(doc, 0)
}

// expansion is what a node stands for with every alias in it expanded,
// each figure saturated just above its limit.
type expansion struct {
	nodes, bytes, depth int
}

type aliasCounter struct {
	file  string
	size  map[*yaml.Node]expansion
	open  map[*yaml.Node]bool // nodes whose expansion is being computed
	added int                 // nodes added by the aliases walked so far
	bytes int                 // text of the expanded document walked so far
}

// walk visits the written nodes once each, at their depth, and adds for
// every alias the expansion of what it refers to.
func (c *aliasCounter) walk(n *yaml.Node, depth int) error {
	if n == nil {
		return nil
	}
	if depth > MaxYAMLDepth {
		return c.fail(n, fmt.Errorf("%w: nested deeper than %d levels", ErrYAMLDepth, MaxYAMLDepth))
	}
	if n.Kind == yaml.AliasNode {
		e, err := c.expanded(n)
		if err != nil {
			return err
		}
		c.added += e.nodes
		c.bytes += e.bytes
		switch {
		case c.added > MaxAliasNodes:
			return c.fail(n, fmt.Errorf("alias *%s: %w (more than %d added; an alias bomb?)", n.Value, ErrAliasLimit, MaxAliasNodes))
		case c.bytes > MaxYAMLBytes:
			return c.fail(n, fmt.Errorf("alias *%s: %w: its text with every alias expanded is more than %d bytes (an alias bomb?)", n.Value, ErrYAMLSize, MaxYAMLBytes))
		case depth+e.depth > MaxYAMLDepth:
			return c.fail(n, fmt.Errorf("alias *%s: %w: nested deeper than %d levels", n.Value, ErrYAMLDepth, MaxYAMLDepth))
		}
		return nil
	}
	if c.bytes += len(n.Value); c.bytes > MaxYAMLBytes {
		return c.fail(n, fmt.Errorf("%w: its text is more than %d bytes", ErrYAMLSize, MaxYAMLBytes))
	}
	if len(n.Value) > MaxTextChars {
		if k := utf8.RuneCountInString(n.Value); k > MaxTextChars {
			return c.fail(n, fmt.Errorf("%w: %d characters, at most %d can be shown in a workbook cell (as in Excel)", ErrLongText, k, MaxTextChars))
		}
	}
	for _, k := range n.Content {
		if err := c.walk(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// expanded returns the expansion of n (following aliases), saturated at
// the limits.
func (c *aliasCounter) expanded(n *yaml.Node) (expansion, error) {
	alias := n
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil || c.open[n.Alias] {
			return expansion{}, c.fail(alias, fmt.Errorf("alias *%s refers to a node that contains it: %w", alias.Value, ErrAliasCycle))
		}
		n = n.Alias
	}
	if e, ok := c.size[n]; ok {
		return e, nil
	}
	c.open[n] = true
	e := expansion{nodes: 1, bytes: len(n.Value)}
	for _, k := range n.Content {
		ke, err := c.expanded(k)
		if err != nil {
			return expansion{}, err
		}
		e.nodes = min(e.nodes+ke.nodes, MaxAliasNodes+1)
		e.bytes = min(e.bytes+ke.bytes, MaxYAMLBytes+1)
		e.depth = max(e.depth, min(ke.depth+1, MaxYAMLDepth+1))
	}
	delete(c.open, n)
	c.size[n] = e
	return e, nil
}

func (c *aliasCounter) fail(n *yaml.Node, err error) error {
	return &ModelError{File: c.file, Line: n.Line, Col: n.Column, Err: err}
}
