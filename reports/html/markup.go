package html

import (
	"html/template"
	"strconv"
	"strings"
)

// markup writes the repeated parts of a profile — the line of the unit's
// attributes, its key figures, the rows of the table of dimensions, the
// strongest and weakest indicators, the next steps and the roadmap's
// steps — in Go rather than through html/template: each
// value a template prints costs an escaper called by reflection, and
// these parts hold most of a profile's values (about 160 of 270). The
// bytes are the ones the template wrote (TestMarkupAsTemplate renders
// every part both ways).
//
// Only fixed markup goes in through tag; every value goes through text,
// which escapes exactly as html/template escapes a string in HTML text
// and in a quoted attribute value (TestEscapeTextAsTemplate, and
// FuzzEscapeText against html/template). A value is only ever written
// where the template had it: as element text or inside a quoted
// attribute of a plain (not URL, script or style) attribute.
type markup struct{ b strings.Builder }

// tag writes fixed markup: a literal of this package, never data.
func (m *markup) tag(s string) { m.b.WriteString(s) }

// text writes a value escaped for HTML text or a quoted attribute.
func (m *markup) text(s string) { escapeText(&m.b, s) }

// int writes a number (digits need no escaping).
func (m *markup) int(n int) { m.b.WriteString(strconv.Itoa(n)) }

// html returns what was written, for a template to print as it is.
func (m *markup) html() template.HTML { return template.HTML(m.b.String()) }

// textEscapes are html/template's replacements (htmlReplacementTable) for
// a string in HTML text, RCDATA and quoted attribute values: NUL becomes
// U+FFFD, and " & ' + < > character references. Every other byte,
// invalid UTF-8 included, is copied as it is.
var textEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeText writes s to b as html/template's htmlEscaper and attrEscaper
// write a plain string.
func escapeText(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(textEscapes) || textEscapes[c] == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(textEscapes[c])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// MetaLine is the line under the summary: the unit's ID, district, size
// class and population, each label with its value.
func (p *profilePage) MetaLine() template.HTML {
	var m markup
	for i, f := range p.Meta {
		if i > 0 {
			m.tag(` · `)
		}
		m.text(f.Label)
		m.tag(` <strong>`)
		m.text(f.Value)
		m.tag(`</strong>`)
	}
	return m.html()
}

// FigureItems are the key figures after the level: score and positions.
func (p *profilePage) FigureItems() template.HTML {
	var m markup
	for _, f := range p.Figures {
		m.tag(`<div class="figure"><div class="label">`)
		m.text(f.Label)
		m.tag(`</div><div class="value">`)
		m.text(f.Value)
		m.tag(`</div>`)
		if f.Sub != "" {
			m.tag(`<div class="sub">`)
			m.text(f.Sub)
			m.tag(`</div>`)
		}
		m.tag("</div>\n")
	}
	return m.html()
}

// DimensionRows are the rows of the table of dimensions. Each cell
// carries its column's name (data-label), which a phone's screen shows
// beside the value when the table's rows are stacked (reifegrad.css).
func (p *profilePage) DimensionRows() template.HTML {
	var m markup
	t := p.T
	for _, r := range p.Dimensions {
		m.tag(`<tr class="depth`)
		m.int(r.Depth)
		m.tag(`"><th scope="row">`)
		m.text(r.Name)
		m.tag(`</th>`)
		m.cell(`<td class="num" data-label="`, t.Score, r.Score)
		if p.HasPoints {
			m.cell(`<td class="num" data-label="`, t.Points, r.Points)
		}
		if p.HasBands {
			m.cell(`<td data-label="`, t.Level, r.Band)
		}
		if p.PrevWave != "" {
			m.cell(`<td class="num" data-label="`, t.Change, r.Change)
		}
		m.cell(`<td class="num" data-label="`, t.Coverage, r.Coverage)
		m.cell(`<td class="num" data-label="`, t.StateMedian, r.StateMedian)
		if p.HasPeers {
			m.cell(`<td class="num" data-label="`, t.PeerMedian, r.PeerMedian)
		}
		m.tag("</tr>\n")
	}
	return m.html()
}

// cell writes a table cell: open is its start tag up to the opening
// quote of its data-label, which holds label.
func (m *markup) cell(open, label, value string) {
	m.tag(open)
	m.text(label)
	m.tag(`">`)
	m.text(value)
	m.tag(`</td>`)
}

// StrongItems and WeakItems are the list items of the strongest and the
// weakest indicators.
func (p *profilePage) StrongItems() template.HTML { return p.indicatorItems(p.Strong) }

func (p *profilePage) WeakItems() template.HTML { return p.indicatorItems(p.Weak) }

func (p *profilePage) indicatorItems(rows []indicatorRow) template.HTML {
	var m markup
	for _, r := range rows {
		m.tag(`<li><span class="score">`)
		m.text(r.Score)
		m.tag(`</span><strong>`)
		m.text(r.Name)
		m.tag(`</strong> <span class="dim">`)
		m.text(r.Dimension)
		m.tag(`</span>`)
		if r.Answer != "" {
			m.tag(`<div class="answer">`)
			m.text(p.T.Answer)
			m.tag(`: `)
			m.text(r.Answer)
			m.tag(`</div>`)
		}
		m.tag("</li>\n")
	}
	return m.html()
}

// StepItems are the next steps, a term and its description each.
func (p *profilePage) StepItems() template.HTML {
	var m markup
	for _, s := range p.Steps {
		m.tag(`<dt>`)
		m.text(s.Dimension)
		m.tag(` <span class="dim">`)
		m.text(s.Level)
		m.tag(`</span></dt><dd>`)
		m.text(s.Text)
		m.tag("</dd>\n")
	}
	return m.html()
}

// Items are the list items of a roadmap phase's steps.
func (ph roadmapPhase) Items() template.HTML {
	var m markup
	for _, s := range ph.Steps {
		m.tag(`<li value="`)
		m.int(s.Number)
		m.tag(`"><div class="step-q">`)
		m.text(s.Question)
		m.tag(`</div><div class="step-change">`)
		m.text(s.Change)
		m.tag(`</div><div class="step-meta">`)
		m.text(s.Effort)
		m.tag(` · `)
		m.text(s.After)
		m.tag(`</div>`)
		if s.Peers != "" {
			m.tag(`<div class="step-peers">`)
			m.text(s.Peers)
			m.tag(`</div>`)
		}
		if s.Advice != "" {
			m.tag(`<div class="step-advice`)
			if s.NextStep {
				m.tag(` next-step`)
			}
			m.tag(`">`)
			m.text(s.Advice)
			m.tag(`</div>`)
		}
		m.tag("</li>\n")
	}
	return m.html()
}
