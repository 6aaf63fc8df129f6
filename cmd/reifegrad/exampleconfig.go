package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/reifegrad/reifegrad/example"
)

// exampleUnits is how the generated files name and key their units.
type exampleUnits struct {
	register       string // "" for synthetic units
	municipalities bool
	synthetic      bool // they carry their district and population
}

// withSettings edits a config's YAML text so that it reads the example:
// its inputs, register and kind of unit set, the unit columns named as
// the generator writes them (ags, gemeinde; a synthetic unit's district
// and population), settings that would read another kind of file put
// back to their defaults, a codebook path replaced. Only those values
// change; every other line, comments and layout included, stays as it
// was.
func withSettings(src []byte, codebook string, units exampleUnits, inputs []string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the config is not a YAML mapping")
	}
	lines := strings.SplitAfter(string(src), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	e := &yamlEdit{lines: lines}
	root := doc.Content[0]
	e.setScalar(root, "units", "register", yamlString(units.register))
	e.setScalar(root, "units", "municipalities", strconv.FormatBool(units.municipalities))
	// The generator's own columns (example.Generate): a config of other
	// units (SAMM's organisations: units.id: id) would find no id column.
	e.setScalar(root, "units", "id", "ags")
	e.setScalar(root, "units", "name", "gemeinde")
	if units.synthetic {
		e.setScalar(root, "units", "district", example.DistrictColumn)
		e.setScalar(root, "units", "population", example.PopulationColumn)
	} else {
		// The register fills them; a column named here would be missing.
		e.resetScalar(root, "units", "district", `""`)
		e.resetScalar(root, "units", "population", `""`)
	}
	e.resetScalar(root, "units", "match", "id")
	// The files are wide CSV or xlsx with the header in row 1, a wave each.
	for _, k := range [][2]string{{"format", "auto"}, {"layout", "wide"}, {"wave_column", `""`}, {"sheet", `""`},
		{"encoding", "auto"}, {"delimiter", "auto"}} {
		e.resetScalar(root, "survey", k[0], k[1])
	}
	e.resetScalar(root, "roadmap", "target_column", `""`)
	if codebook != "" {
		e.setScalar(root, "survey", "codebook", yamlString(codebook))
	}
	e.setList(root, "survey", "inputs", inputs)
	if e.err != nil {
		return nil, e.err
	}
	out := e.apply()
	// What was meant must be what is read.
	if err := yaml.Unmarshal(out, &yaml.Node{}); err != nil {
		return nil, fmt.Errorf("editing the config: %w", err)
	}
	return out, nil
}

// yamlString writes s plain when YAML reads it back as the same string,
// else quoted.
func yamlString(s string) string {
	var back string
	if s != "" && !strings.ContainsAny(s, "#:'\"{}[],&*!|>%@`") && yaml.Unmarshal([]byte(s), &back) == nil && back == s {
		return s
	}
	return strconv.Quote(s)
}

// yamlEdit collects replacements of whole lines of a YAML text.
type yamlEdit struct {
	lines []string
	edits []lineEdit
	err   error
	// added[section] is the edit that appends a section the text lacks;
	// every key set in it goes there, so that it appears once.
	added map[string]int
}

// addToNewSection appends key lines to a section the text lacks.
func (e *yamlEdit) addToNewSection(section string, keyLines ...string) {
	if i, ok := e.added[section]; ok {
		e.edits[i].text = append(e.edits[i].text, keyLines...)
		return
	}
	if e.added == nil {
		e.added = map[string]int{}
	}
	e.added[section] = len(e.edits)
	e.edits = append(e.edits, lineEdit{from: len(e.lines), to: len(e.lines), text: append([]string{section + ":\n"}, keyLines...)})
}

// lineEdit replaces lines [from, to) (0-based) with text.
type lineEdit struct {
	from, to int
	text     []string
}

func (e *yamlEdit) apply() []byte {
	// From the end of the text, so that an edit does not move the lines
	// of those still to come. Where two edits start at one line, the one
	// replacing it goes first (an insertion first would have it replace
	// the inserted line), and insertions there keep the order they were
	// made in.
	order := make([]int, len(e.edits))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := e.edits[i], e.edits[j]
		return cmp.Or(b.from-a.from, b.to-a.to, j-i)
	})
	lines := e.lines
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	for _, i := range order {
		ed := e.edits[i]
		lines = slices.Replace(lines, ed.from, ed.to, ed.text...)
	}
	return []byte(strings.Join(lines, ""))
}

// section returns the block mapping under key in root, its key node, or
// nil; a section in flow style cannot be edited by lines.
func (e *yamlEdit) section(root *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			k, v = root.Content[i], root.Content[i+1]
			if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle != 0 {
				if v.Kind == yaml.ScalarNode && v.Value == "" {
					return k, nil // "units:" with nothing under it
				}
				e.err = fmt.Errorf("line %d: %s is not a block mapping; write it as one to let example edit it", k.Line, key)
				return nil, nil
			}
			return k, v
		}
	}
	return nil, nil
}

// setScalar sets section.key to a scalar written as text.
func (e *yamlEdit) setScalar(root *yaml.Node, section, key, text string) {
	sk, sv := e.section(root, section)
	if e.err != nil {
		return
	}
	if sk == nil {
		e.addToNewSection(section, "  "+key+": "+text+"\n")
		return
	}
	indent := "  "
	if sv != nil && len(sv.Content) > 0 {
		indent = strings.Repeat(" ", sv.Content[0].Column-1)
		for i := 0; i+1 < len(sv.Content); i += 2 {
			if k, v := sv.Content[i], sv.Content[i+1]; k.Value == key {
				if v.Kind != yaml.ScalarNode || v.Line != k.Line {
					e.err = fmt.Errorf("line %d: %s.%s is not a value on one line", k.Line, section, key)
					return
				}
				line := e.lines[k.Line-1]
				e.edits = append(e.edits, lineEdit{from: k.Line - 1, to: k.Line, text: []string{line[:v.Column-1] + text + afterScalar(line[v.Column-1:], v)}})
				return
			}
		}
	}
	e.edits = append(e.edits, lineEdit{from: sk.Line, to: sk.Line, text: []string{indent + key + ": " + text + "\n"}})
}

// resetScalar sets section.key to a scalar written as text when the
// config sets it; a key it does not set keeps its default.
func (e *yamlEdit) resetScalar(root *yaml.Node, section, key, text string) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if sv := root.Content[i+1]; root.Content[i].Value == section && sv.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(sv.Content); j += 2 {
				if sv.Content[j].Value == key {
					e.setScalar(root, section, key, text)
					return
				}
			}
		}
	}
}

// afterScalar returns what follows a scalar's text on its line (spaces,
// a comment, the line end).
func afterScalar(rest string, v *yaml.Node) string {
	n := len(v.Value)
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := rest[0]
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\\' && q == '"' {
				i++
				continue
			}
			if rest[i] == q {
				if q == '\'' && i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				n = i + 1
				break
			}
		}
	}
	if n > len(rest) {
		n = len(rest)
	}
	return rest[n:]
}

// setList sets section.key to a block sequence of the items (each a YAML
// flow value).
func (e *yamlEdit) setList(root *yaml.Node, section, key string, items []string) {
	sk, sv := e.section(root, section)
	if e.err != nil {
		return
	}
	list := func(indent string) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = indent + "- " + it + "\n"
		}
		return out
	}
	if sk == nil {
		e.addToNewSection(section, append([]string{"  " + key + ":\n"}, list("    ")...)...)
		return
	}
	indent := "  "
	if sv != nil && len(sv.Content) > 0 {
		indent = strings.Repeat(" ", sv.Content[0].Column-1)
		for i := 0; i+1 < len(sv.Content); i += 2 {
			k, v := sv.Content[i], sv.Content[i+1]
			if k.Value != key {
				continue
			}
			switch {
			case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
				first := v.Content[0]
				e.edits = append(e.edits, lineEdit{from: first.Line - 1, to: lastLine(v), text: list(strings.Repeat(" ", first.Column-3))})
			case v.Line == k.Line || (v.Kind == yaml.ScalarNode && v.Value == ""):
				// "inputs: []" or "inputs:" with nothing: the key line anew.
				e.edits = append(e.edits, lineEdit{from: k.Line - 1, to: max(k.Line, lastLine(v)), text: append([]string{indent + key + ":\n"}, list(indent+"  ")...)})
			default:
				e.err = fmt.Errorf("line %d: %s.%s is not a list example can edit", k.Line, section, key)
			}
			return
		}
	}
	e.edits = append(e.edits, lineEdit{from: sk.Line, to: sk.Line, text: append([]string{indent + key + ":\n"}, list(indent+"  ")...)})
}

// lastLine is the last line (1-based) a node's text reaches.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}
