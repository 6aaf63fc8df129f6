package survey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/reifegrad/reifegrad/scoring"
)

// Codebook says how one survey tool's export codes the model, where the
// model's own codes, texts and aliases are not enough: which column is
// which question, which answer code is which answer of a scale, and which
// subquestion or item code is which item of a multi-select scale. A model
// stays tool-neutral ("ja", "teilweise", "nein"); a codebook per tool
// maps SoSci Survey's 1/2/3 or LimeSurvey's A1/A2/A3 onto it:
//
//	columns:              # export column → question of the model
//	  G01Q01: S01
//	  A003: O03           # SoSci question; its items A003_01 … follow
//	answers:              # per scale: answer code → the scale's answer
//	  janein: {"1": ja, "2": teilweise, "3": nein, "-1": weiß nicht}
//	  zahlungsarten: {"-1": weiß nicht}   # a code for a whole multi-select answer
//	items:                # per multi-select scale: item code → item
//	  zahlungsarten: {SQ001: ePayBL, SQ002: PayPal, "01": ePayBL, "02": PayPal}
//
// An answer may be any answer the scale accepts, including its missing
// codes. Codes are matched exactly after trimming, else ignoring case. A
// Codebook is immutable after reading and safe for concurrent use; the
// zero value (or nil) maps nothing.
type Codebook struct {
	Name    string
	columns map[string]scoring.QuestionID
	answers map[string]map[string]string // scale → code → answer
	items   map[string]map[string]int    // scale → code → item index
}

type codebookSpec struct {
	Columns yaml.Node `yaml:"columns"`
	Answers yaml.Node `yaml:"answers"`
	Items   yaml.Node `yaml:"items"`
}

// ReadCodebook reads a codebook (YAML) and checks it against the model:
// an unknown key, question, scale, answer or item is an error with its
// line. All problems are returned together.
func ReadCodebook(r io.Reader, name string, m *scoring.Model) (*Codebook, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	// The walk below follows aliases: refuse a cycle or a bomb first.
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) == nil {
		var me *scoring.ModelError
		if err := scoring.CheckYAMLAliases(name, &doc); errors.As(err, &me) {
			return nil, &ParseError{File: name, Row: me.Line, Column: me.Col, Err: fmt.Errorf("codebook: %w", me.Err)}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var spec codebookSpec
	if err := dec.Decode(&spec); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ParseError{File: name, Err: fmt.Errorf("codebook: %s", strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	cb := &Codebook{Name: name, columns: map[string]scoring.QuestionID{},
		answers: map[string]map[string]string{}, items: map[string]map[string]int{}}
	var errs []error
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Row: n.Line, Column: n.Column, Err: fmt.Errorf(format, args...)})
	}
	pairs(&spec.Columns, "columns", bad, func(k, v *yaml.Node) {
		if !askedCode(m, scoring.QuestionID(v.Value)) {
			bad(v, "columns: %q: unknown question %q", k.Value, v.Value)
			return
		}
		cb.columns[strings.TrimSpace(k.Value)] = scoring.QuestionID(v.Value)
	})
	pairs(&spec.Answers, "answers", bad, func(k, v *yaml.Node) {
		sc := m.Scales[k.Value]
		if sc == nil {
			bad(k, "answers: unknown scale %q", k.Value)
			return
		}
		codes := map[string]string{}
		pairs(v, "answers."+k.Value, bad, func(ck, cv *yaml.Node) {
			if sc.Parse(cv.Value).Status == scoring.Invalid {
				bad(cv, "answers.%s: %q: %q is not an answer of scale %s", k.Value, ck.Value, cv.Value, k.Value)
				return
			}
			code := strings.TrimSpace(ck.Value)
			codes[code] = cv.Value
			if low := strings.ToLower(code); low != code {
				if _, clash := codes[low]; !clash {
					codes[low] = cv.Value
				}
			}
		})
		cb.answers[k.Value] = codes
	})
	pairs(&spec.Items, "items", bad, func(k, v *yaml.Node) {
		sc := m.Scales[k.Value]
		if sc == nil || sc.Kind != scoring.ScaleMulti {
			bad(k, "items: %q is not a multi-select scale", k.Value)
			return
		}
		codes := map[string]int{}
		pairs(v, "items."+k.Value, bad, func(ck, cv *yaml.Node) {
			i := findItem(sc, cv.Value)
			if i < 0 {
				bad(cv, "items.%s: %q: %q is not an item of scale %s", k.Value, ck.Value, cv.Value, k.Value)
				return
			}
			codes[normHeader(strings.TrimSpace(ck.Value))] = i
			codes[strings.TrimSpace(ck.Value)] = i
		})
		cb.items[k.Value] = codes
	})
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return cb, nil
}

// askedCode reports whether id is the code of a question of the model, or
// the code a wave asked one under (model.waves may have renamed it since):
// an earlier wave's export is read under that wave's codes, and so is its
// codebook's columns.
func askedCode(m *scoring.Model, id scoring.QuestionID) bool {
	if m.Question(id) != nil {
		return true
	}
	for _, w := range m.Waves {
		if qm, err := m.Questionnaire(w.ID); err == nil {
			if q := qm.Question(id); q != nil && q.HasColumn() {
				return true
			}
		}
	}
	return false
}

// pairs calls fn for every key and value of a YAML mapping.
func pairs(n *yaml.Node, path string, bad func(*yaml.Node, string, ...any), fn func(k, v *yaml.Node)) {
	if n.Kind == 0 {
		return
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		bad(n, "%s: want a mapping", path)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i], n.Content[i+1])
	}
}

// answerCodes returns the answer codes of a scale, or nil.
func (cb *Codebook) answerCodes(scale string) map[string]string {
	if cb == nil {
		return nil
	}
	return cb.answers[scale]
}

// itemCodes returns the item codes of a multi-select scale, or nil.
func (cb *Codebook) itemCodes(scale string) map[string]int {
	if cb == nil {
		return nil
	}
	return cb.items[scale]
}

// item returns the item a code names in a multi-select scale.
func (cb *Codebook) item(scale, code string) (int, bool) {
	codes := cb.itemCodes(scale)
	if codes == nil {
		return 0, false
	}
	if i, ok := codes[strings.TrimSpace(code)]; ok {
		return i, true
	}
	i, ok := codes[normHeader(strings.TrimSpace(code))]
	return i, ok
}
