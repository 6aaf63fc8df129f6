package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/internal/nouns"
	"github.com/reifegrad/reifegrad/scoring"
)

// modelCommand prints the model of the config: its tree with weights,
// aggregation and scales, its levels and peer groups, and the methodology
// text generated from it.
func (a *app) modelCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "model",
		Short: "Print the model as a tree with weights and scales, and its methodology (--lang de|en)",
		Long: `model prints the maturity model of the config as a tree: every dimension and
indicator with its weight, how it combines its parts (mean, geometric, min, max or
sum) and, where it differs from its parent, its missing-data rule; the questions
behind each indicator with their scales; the scales; the levels; the peer groups.
Then the methodology text, generated from the model, in German or English
(--lang, default report.language). With --json, the same as JSON.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(a.configPath, cmd.Flags())
			if err != nil {
				return err
			}
			lang := s.Report.Language
			if a.json {
				return writeModelJSON(a.stdout, s.Model, lang)
			}
			return writeModel(a.stdout, s.Model, s.File, lang)
		},
	}
}

// modelWords are the labels of the printed model.
var modelWords = map[scoring.Language]map[string]string{
	scoring.German: {
		"weight": "Gewicht", "version": "Version", "missing": "fehlend", "coverage": "mind. beantwortet", "points": "Punkte", "point": "Punkt", "max": "max.",
		"scales": "Skalen", "codes": "Fehlende Werte", "levels": "Stufen", "peers": "Vergleichsgruppen",
		"method": "Methodik", "reversed": "umgekehrt", "none": "keine", "from": "ab",
		"context": "nur zur Information (keinem Indikator zugeordnet)", "impute": "Einsetzen nach",
		"wave": "ganze Welle", "threshold": "Schwellenwerte", "staged": "Stufenmodell",
	},
	scoring.English: {
		"weight": "weight", "version": "version", "missing": "missing", "coverage": "min. answered", "points": "points", "point": "point", "max": "max",
		"scales": "Scales", "codes": "Missing codes", "levels": "Levels", "peers": "Peer groups",
		"method": "Methodology", "reversed": "reversed", "none": "none", "from": "from",
		"context": "for information only (no indicator)", "impute": "imputed by",
		"wave": "whole wave", "threshold": "threshold", "staged": "staged",
	},
}

// writeModel prints the model for people.
func writeModel(w io.Writer, m *scoring.Model, file string, lang scoring.Language) error {
	t := modelWords[lang]
	var b strings.Builder
	title := m.Name
	if m.Version != "" {
		title += ", " + t["version"] + " " + m.Version
	}
	fmt.Fprintf(&b, "%s (%s)\n\n", title, file)
	writeTree(&b, m, t, lang)
	writeScales(&b, m, t, lang)
	if len(m.MissingCodes) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", t["codes"])
		for _, c := range m.MissingCodes {
			fmt.Fprintf(&b, "  %-20s %s\n", strconv.Quote(c.Code), c.Status)
		}
	}
	writeLevels(&b, m, t, lang)
	fmt.Fprintf(&b, "\n%s:", t["peers"])
	if len(m.PeerGroups) == 0 {
		b.WriteString(" " + t["none"])
	}
	b.WriteString("\n")
	for _, p := range m.PeerGroups {
		fmt.Fprintf(&b, "  %-20s %s (%s)\n", p.ID, p.Name, p.Attribute)
		if p.Attribute == "size_class" {
			var cs []string
			for _, c := range m.SizeClasses {
				cs = append(cs, c.Name)
			}
			fmt.Fprintf(&b, "  %-20s %s\n", "", strings.Join(cs, " · "))
		}
	}
	fmt.Fprintf(&b, "\n%s:\n", t["method"])
	for _, p := range nouns.ModelMethodology(m, lang) {
		b.WriteString("\n")
		wrap(&b, p, 80, "  ")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTree prints the nodes with box-drawing branches, and under an
// indicator with several questions its questions.
func writeTree(b *strings.Builder, m *scoring.Model, t map[string]string, lang scoring.Language) {
	var walk func(n *scoring.Node, prefix string, last bool)
	walk = func(n *scoring.Node, prefix string, last bool) {
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		if n.Parent < 0 {
			branch, next = "", ""
		}
		fmt.Fprintf(b, "%s%s%s", prefix, branch, n.ID)
		if n.Name != string(n.ID) {
			b.WriteString("  " + n.Name)
		}
		b.WriteString(nodeDetails(m, n, t, lang) + "\n")
		if n.Kind == scoring.KindIndicator && len(n.Questions) > 1 {
			for i, qi := range n.Questions {
				qb := "├─ "
				if i == len(n.Questions)-1 {
					qb = "└─ "
				}
				fmt.Fprintf(b, "%s%s%s%s\n", prefix+next, qb, m.Questions[qi].ID, questionDetails(m.Questions[qi], n.QWeights[i], t, lang))
			}
		}
		for i, c := range n.Children {
			walk(m.Nodes[c], prefix+next, i == len(n.Children)-1)
		}
	}
	walk(m.Root(), "", true)
	var context []string
	used := make([]bool, len(m.Questions))
	for _, n := range m.Nodes {
		for _, q := range n.Questions {
			used[q] = true
		}
	}
	for i, q := range m.Questions {
		if !used[i] {
			context = append(context, string(q.ID))
		}
	}
	if len(context) > 0 {
		fmt.Fprintf(b, "\n%s: %s\n", t["context"], strings.Join(context, ", "))
	}
}

// nodeDetails is the part of a node's line after its name.
func nodeDetails(m *scoring.Model, n *scoring.Node, t map[string]string, lang scoring.Language) string {
	var parts []string
	if n.Parent >= 0 {
		parts = append(parts, t["weight"]+" "+lang.Number(n.Weight))
	}
	if n.Kind != scoring.KindIndicator || len(n.Questions) > 1 {
		parts = append(parts, n.Aggregation.String())
	}
	if n.Parent < 0 || n.Policy != m.Nodes[n.Parent].Policy {
		policy := t["missing"] + ": " + n.Policy.String()
		if n.Policy == scoring.Impute {
			by := t["wave"]
			if m.ImputeBy >= 0 {
				by = string(m.PeerGroups[m.ImputeBy].ID)
			}
			policy += " (" + t["impute"] + " " + by + ")"
		}
		parts = append(parts, policy)
	}
	if (n.Parent < 0 && n.MinCoverage > 0) || (n.Parent >= 0 && n.MinCoverage != m.Nodes[n.Parent].MinCoverage && n.Kind != scoring.KindIndicator) ||
		(n.Kind == scoring.KindIndicator && n.MinCoverage > 0) {
		parts = append(parts, fmt.Sprintf("%s %s %%", t["coverage"], lang.Number(100*n.MinCoverage)))
	}
	if m.InPoints(n) {
		// One point in the singular ("max 1 Punkte" was printed); the
		// German abbreviation takes its full stop, as "mind." does.
		points := t["points"]
		if n.MaxPoints == 1 {
			points = t["point"]
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", t["max"], lang.Number(n.MaxPoints), points))
	}
	s := " · " + strings.Join(parts, " · ")
	if len(parts) == 0 {
		s = ""
	}
	if n.Kind == scoring.KindIndicator && len(n.Questions) == 1 {
		s += "  ← " + string(m.Questions[n.Questions[0]].ID) + questionDetails(m.Questions[n.Questions[0]], 1, t, lang)
	}
	return s
}

// questionDetails is " [scale]" with the question's weight and reversal.
func questionDetails(q *scoring.Question, weight float64, t map[string]string, lang scoring.Language) string {
	s := ""
	if weight != 1 {
		s += " ×" + lang.Number(weight)
	}
	scale := "?"
	if q.Scale != nil {
		scale = q.Scale.ID
	}
	s += " [" + scale
	if q.Reverse {
		s += ", " + t["reversed"]
	}
	return s + "]"
}

func writeScales(b *strings.Builder, m *scoring.Model, t map[string]string, lang scoring.Language) {
	ids := make([]string, 0, len(m.Scales))
	for id := range m.Scales {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	fmt.Fprintf(b, "\n%s:\n", t["scales"])
	width := 0
	for _, id := range ids {
		width = max(width, utf8.RuneCountInString(id))
	}
	for _, id := range ids {
		sc := m.Scales[id]
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(id))
		desc := scoring.NewDescriber(lang).Scale(sc)
		fmt.Fprintf(b, "  %s%s  %s\n", id, pad, desc)
	}
}

func writeLevels(b *strings.Builder, m *scoring.Model, t map[string]string, lang scoring.Language) {
	fmt.Fprintf(b, "\n%s (%s):\n", t["levels"], t[m.Levels.Method.String()])
	for _, l := range m.Levels.List {
		if m.Levels.Method == scoring.Threshold {
			fmt.Fprintf(b, "  %d %-20s %s %s\n", l.Number, l.Name, t["from"], lang.Number(l.Min))
			continue
		}
		fmt.Fprintf(b, "  %d %s\n", l.Number, l.Name)
		for _, c := range l.Criteria {
			name := m.Nodes[c.Node].Name
			fmt.Fprintf(b, "      %s ≥ %s", name, lang.Number(c.Min))
			// A label shared by several nodes carries the node's name,
			// which the line already shows.
			if l := strings.TrimSuffix(c.Label, " ("+name+")"); l != "" {
				fmt.Fprintf(b, "  (%s)", l)
			}
			b.WriteString("\n")
		}
	}
}

// wrap writes text broken into lines of at most width runes, each
// starting with indent.
func wrap(b *strings.Builder, text string, width int, indent string) {
	line := indent
	for _, word := range strings.Fields(text) {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width && line != indent {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	if line != indent {
		b.WriteString(line + "\n")
	}
}

// modelJSON is the model as --json prints it.
type modelJSON struct {
	Name        string       `json:"name"`
	Version     string       `json:"version,omitempty"`
	Fingerprint string       `json:"fingerprint,omitempty"`
	Language    string       `json:"language"`
	Points      bool         `json:"points"`
	Nodes       []nodeJSON   `json:"nodes"`
	Levels      []levelJSON  `json:"levels"`
	LevelMethod string       `json:"level_method"`
	PeerGroups  []peerJSON   `json:"peer_groups"`
	Methodology []string     `json:"methodology"`
	Scales      []scaleJSON  `json:"scales"`
	Missing     []codeJSON   `json:"missing_codes"`
	Questions   []questionJS `json:"questions"`
}

type nodeJSON struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	Parent      string    `json:"parent,omitempty"`
	Depth       int       `json:"depth"`
	Weight      float64   `json:"weight"`
	Aggregation string    `json:"aggregation"`
	Missing     string    `json:"missing"`
	MinCoverage float64   `json:"min_coverage"`
	MaxPoints   float64   `json:"max_points"`
	Questions   []string  `json:"questions,omitempty"`
	QWeights    []float64 `json:"question_weights,omitempty"`
}

type levelJSON struct {
	Level    int      `json:"level"`
	Name     string   `json:"name"`
	Min      *float64 `json:"min,omitempty"`
	Criteria []string `json:"criteria,omitempty"`
}

type peerJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Attribute string `json:"attribute"`
}

type scaleJSON struct {
	ID          string `json:"id"`
	Description string `json:"description"`
}

type codeJSON struct {
	Code    string `json:"code"`
	Meaning string `json:"meaning"`
}

type questionJS struct {
	ID      string `json:"id"`
	Text    string `json:"text,omitempty"`
	Scale   string `json:"scale"`
	Reverse bool   `json:"reverse,omitempty"`
}

func writeModelJSON(w io.Writer, m *scoring.Model, lang scoring.Language) error {
	out := modelJSON{Name: m.Name, Version: m.Version, Fingerprint: m.Fingerprint, Language: m.Language.String(), Points: m.Points,
		LevelMethod: m.Levels.Method.String(), Methodology: nouns.ModelMethodology(m, lang)}
	for _, n := range m.Nodes {
		nj := nodeJSON{ID: string(n.ID), Name: n.Name, Kind: n.Kind.String(), Depth: n.Depth, Weight: n.Weight,
			Aggregation: n.Aggregation.String(), Missing: n.Policy.String(), MinCoverage: n.MinCoverage, MaxPoints: n.MaxPoints}
		if n.Parent >= 0 {
			nj.Parent = string(m.Nodes[n.Parent].ID)
		}
		for i, q := range n.Questions {
			nj.Questions = append(nj.Questions, string(m.Questions[q].ID))
			nj.QWeights = append(nj.QWeights, n.QWeights[i])
		}
		out.Nodes = append(out.Nodes, nj)
	}
	for _, l := range m.Levels.List {
		lj := levelJSON{Level: l.Number, Name: l.Name}
		if m.Levels.Method == scoring.Threshold {
			lj.Min = &l.Min
		}
		for _, c := range l.Criteria {
			lj.Criteria = append(lj.Criteria, scoring.NewDescriber(lang).Criterion(m, c))
		}
		out.Levels = append(out.Levels, lj)
	}
	out.PeerGroups = []peerJSON{}
	for _, p := range m.PeerGroups {
		out.PeerGroups = append(out.PeerGroups, peerJSON{ID: string(p.ID), Name: p.Name, Attribute: p.Attribute})
	}
	ids := make([]string, 0, len(m.Scales))
	for id := range m.Scales {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		out.Scales = append(out.Scales, scaleJSON{ID: id, Description: scoring.NewDescriber(lang).Scale(m.Scales[id])})
	}
	out.Missing = []codeJSON{}
	for _, c := range m.MissingCodes {
		out.Missing = append(out.Missing, codeJSON{Code: c.Code, Meaning: c.Status.String()})
	}
	for _, q := range m.Questions {
		qj := questionJS{ID: string(q.ID), Text: q.Text, Reverse: q.Reverse}
		if q.Scale != nil {
			qj.Scale = q.Scale.ID
		}
		out.Questions = append(out.Questions, qj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
