package scoring

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxAliasNodes bounds how many nodes the aliases of one YAML file may add
// when they are expanded. A file of a few kilobytes whose anchors refer to
// anchors that refer to anchors ("billion laughs") would otherwise expand
// to billions of nodes while the model is checked and decoded, and never
// finish. The largest bundled model (example/odm) has about 2,600 nodes
// and uses no aliases; a model that shares blocks through anchors stays
// far below this.
const MaxAliasNodes = 100_000

// Errors wrapped by the *ModelError CheckYAMLAliases returns.
var (
	ErrAliasLimit = errors.New("aliases expand to too many nodes")
	ErrAliasCycle = errors.New("cycle of aliases")
)

// CheckYAMLAliases reports an alias that refers to a node containing it (a
// cycle), or the alias at which the nodes added by expanding aliases
// exceed MaxAliasNodes, as a *ModelError with the alias's line. Readers of
// YAML files (models, settings, codebooks) call it on the parsed document
// before they walk or decode it; doc is not changed. Its time is linear in
// the size of the document, not of its expansion.
func CheckYAMLAliases(file string, doc *yaml.Node) error {
	c := aliasCounter{file: file, size: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	return c.walk(doc)
}

type aliasCounter struct {
	file  string
	size  map[*yaml.Node]int  // expanded size of a node, at most MaxAliasNodes+1
	open  map[*yaml.Node]bool // nodes whose size is being computed
	added int                 // nodes added by the aliases walked so far
}

// walk visits the written nodes once each and adds, for every alias, the
// expanded size of what it refers to.
func (c *aliasCounter) walk(n *yaml.Node) error {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		s, err := c.expanded(n)
		if err != nil {
			return err
		}
		c.added += s
		if c.added > MaxAliasNodes {
			return c.fail(n, fmt.Errorf("alias *%s: %w (more than %d added; an alias bomb?)", n.Value, ErrAliasLimit, MaxAliasNodes))
		}
		return nil
	}
	for _, k := range n.Content {
		if err := c.walk(k); err != nil {
			return err
		}
	}
	return nil
}

// expanded returns the number of nodes n stands for with every alias in
// it expanded, saturated at MaxAliasNodes+1.
func (c *aliasCounter) expanded(n *yaml.Node) (int, error) {
	alias := n
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil || c.open[n.Alias] {
			return 0, c.fail(alias, fmt.Errorf("alias *%s refers to a node that contains it: %w", alias.Value, ErrAliasCycle))
		}
		n = n.Alias
	}
	if s, ok := c.size[n]; ok {
		return s, nil
	}
	c.open[n] = true
	s := 1
	for _, k := range n.Content {
		ks, err := c.expanded(k)
		if err != nil {
			return 0, err
		}
		s = min(s+ks, MaxAliasNodes+1)
	}
	delete(c.open, n)
	c.size[n] = s
	return s, nil
}

func (c *aliasCounter) fail(n *yaml.Node, err error) error {
	return &ModelError{File: c.file, Line: n.Line, Col: n.Column, Err: err}
}
