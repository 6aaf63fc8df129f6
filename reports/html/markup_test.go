package html

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// templateParts are the parts of profile.html that markup.go writes, as
// the template wrote them before (each in the context it has on the
// page), beside the template action that prints markup's version. The
// template half is the reference: html/template's contextual escaping.
var templateParts = []struct{ name, template, markup string }{
	{"meta",
		"<p class=\"meta\">{{range $i, $m := .Meta}}{{if $i}} · {{end}}{{$m.Label}} <strong>{{$m.Value}}</strong>{{end}}</p>",
		"<p class=\"meta\">{{.MetaLine}}</p>"},
	{"figures",
		"<div class=\"figures\">\n{{range .Figures}}<div class=\"figure\"><div class=\"label\">{{.Label}}</div><div class=\"value\">{{.Value}}</div>{{if .Sub}}<div class=\"sub\">{{.Sub}}</div>{{end}}</div>\n{{end}}</div>",
		"<div class=\"figures\">\n{{.FigureItems}}</div>"},
	{"dimension rows",
		"<table><tbody>\n{{range .Dimensions}}<tr class=\"depth{{.Depth}}\"><th scope=\"row\">{{.Name}}</th><td class=\"num\" data-label=\"{{$.T.Score}}\">{{.Score}}</td>{{if $.HasBands}}<td data-label=\"{{$.T.Level}}\">{{.Band}}</td>{{end}}{{if $.PrevWave}}<td class=\"num\" data-label=\"{{$.T.Change}}\">{{.Change}}</td>{{end}}<td class=\"num\" data-label=\"{{$.T.Coverage}}\">{{.Coverage}}</td><td class=\"num\" data-label=\"{{$.T.StateMedian}}\">{{.StateMedian}}</td>{{if $.HasPeers}}<td class=\"num\" data-label=\"{{$.T.PeerMedian}}\">{{.PeerMedian}}</td>{{end}}</tr>\n{{end}}</tbody></table>",
		"<table><tbody>\n{{.DimensionRows}}</tbody></table>"},
	{"strongest",
		"<ol class=\"indicators\">\n{{range .Strong}}<li><span class=\"score\">{{.Score}}</span><strong>{{.Name}}</strong> <span class=\"dim\">{{.Dimension}}</span>{{if .Answer}}<div class=\"answer\">{{$.T.Answer}}: {{.Answer}}</div>{{end}}</li>\n{{end}}</ol>",
		"<ol class=\"indicators\">\n{{.StrongItems}}</ol>"},
	{"weakest",
		"<ol class=\"indicators weak\">\n{{range .Weak}}<li><span class=\"score\">{{.Score}}</span><strong>{{.Name}}</strong> <span class=\"dim\">{{.Dimension}}</span>{{if .Answer}}<div class=\"answer\">{{$.T.Answer}}: {{.Answer}}</div>{{end}}</li>\n{{end}}</ol>",
		"<ol class=\"indicators weak\">\n{{.WeakItems}}</ol>"},
	{"next steps",
		"<dl class=\"steps\">\n{{range .Steps}}<dt>{{.Dimension}} <span class=\"dim\">{{.Level}}</span></dt><dd>{{.Text}}</dd>\n{{end}}</dl>",
		"<dl class=\"steps\">\n{{.StepItems}}</dl>"},
	{"roadmap steps",
		"{{with .Roadmap}}{{range .Phases}}<ol class=\"roadmap-steps\">\n{{range .Steps}}<li value=\"{{.Number}}\"><div class=\"step-q\">{{.Question}}</div><div class=\"step-change\">{{.Change}}</div><div class=\"step-meta\">{{.Effort}} · {{.After}}</div>{{with .Peers}}<div class=\"step-peers\">{{.}}</div>{{end}}{{if .Advice}}<div class=\"step-advice{{if .NextStep}} next-step{{end}}\">{{.Advice}}</div>{{end}}</li>\n{{end}}</ol>\n{{end}}{{end}}",
		"{{with .Roadmap}}{{range .Phases}}<ol class=\"roadmap-steps\">\n{{.Items}}</ol>\n{{end}}{{end}}"},
}

// compareParts renders every part of p through the template and through
// markup and reports where they differ.
func compareParts(t *testing.T, label string, p *profilePage) {
	t.Helper()
	for _, part := range templateParts {
		var want, got bytes.Buffer
		if err := template.Must(template.New("").Parse(part.template)).Execute(&want, p); err != nil {
			t.Fatal(err)
		}
		if err := template.Must(template.New("").Parse(part.markup)).Execute(&got, p); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s, %s:\nmarkup   %q\ntemplate %q", label, part.name, got.String(), want.String())
		}
	}
}

// TestMarkupAsTemplate: the parts markup.go writes are byte for byte what
// the template wrote, for every profile of the bundled example (with its
// roadmaps) and of the fixture whose names, answers and labels are
// payloads, in both languages.
func TestMarkupAsTemplate(t *testing.T) {
	m, ds := fixture.Saxony(t)
	saxony := scoring.Score(m, ds)
	hostile := fixture.Fixture(t, fixture.Model(t))
	for _, r := range []*scoring.Results{saxony, hostile} {
		dis := scoring.NewDisclosure(r, 2)
		set, err := roadmap.Build(r, roadmap.Options{Phases: 3, Disclosure: dis})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []scoring.Language{scoring.German, scoring.English} {
			rd := newRenderer(r, Options{Language: lang, Roadmaps: set, Disclosure: dis})
			steps := 0
			for _, u := range ProfileUnits(r) {
				p, err := rd.profilePage(u, "../assets")
				if err != nil {
					t.Fatal(err)
				}
				if p.Roadmap != nil {
					for _, ph := range p.Roadmap.Phases {
						steps += len(ph.Steps)
					}
				}
				compareParts(t, string(u.Unit.ID)+" "+lang.String(), p)
			}
			if steps == 0 {
				t.Errorf("%s: no roadmap step compared", lang)
			}
		}
	}
}

// hostilePage is a profile page with s in every text markup writes, both
// with and without the optional columns and parts.
func hostilePage(s string, optional bool) *profilePage {
	opt := ""
	if optional {
		opt = s
	}
	p := &profilePage{page: page{T: &catalog{Answer: s}}, PrevWave: opt, HasPeers: optional, HasBands: optional}
	p.Meta = []figure{{Label: s, Value: s}, {Label: s, Value: opt}, {Label: opt, Value: s}}
	p.Figures = []figure{{Label: s, Value: s, Sub: s}, {Label: s, Value: s, Sub: opt}}
	p.Dimensions = []profileDimRow{{Name: s, Score: s, Band: s, Coverage: s, Change: s, StateMedian: s, PeerMedian: s, Depth: len(s)}}
	p.Strong = []indicatorRow{{Name: s, Dimension: s, Score: s, Answer: opt}}
	p.Weak = []indicatorRow{{Name: s, Dimension: s, Score: s, Answer: s}, {Name: s}}
	p.Steps = []stepRow{{Dimension: s, Level: s, Text: s}}
	p.Roadmap = &roadmapView{Phases: []roadmapPhase{{Steps: []roadmapStep{
		{Number: len(s), Question: s, Change: s, Effort: s, After: s, Peers: opt, Advice: s, NextStep: optional},
		{Number: -1, Question: s, Advice: opt},
	}}}}
	return p
}

// hostileTexts are texts that html/template escapes, one way or another.
var hostileTexts = []string{
	"", "plain", fixture.PayloadScript, fixture.PayloadImg, fixture.PayloadDimLabel, fixture.PayloadAnswer,
	fixture.PayloadQuote, fixture.PayloadDistrict, `" onmouseover="alert(1)`, "' onfocus='x", "a+b=c",
	"nul\x00byte", "invalid \xff\xfe utf-8 \xc3", "&amp; &lt; already escaped", "{{.T}}", "\u2028\u2029",
	"\ufffd\ufdd0\uffff", "<!-- -->", "]]>", "&#34;", "tab\tnew\nline\r", "Größenklasse „unter 5.000“ · 60 %",
}

// TestMarkupHostile: hostile texts in every field come out as the
// template escaped them.
func TestMarkupHostile(t *testing.T) {
	for _, s := range hostileTexts {
		for _, optional := range []bool{false, true} {
			compareParts(t, strings.ToValidUTF8(s, "?"), hostilePage(s, optional))
		}
	}
}

// FuzzMarkup puts any text in every field markup writes: the result is
// the template's.
func FuzzMarkup(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareParts(t, "fuzz", hostilePage(s, true))
		compareParts(t, "fuzz", hostilePage(s, false))
	})
}

// TestEscapeTextAsTemplate: escapeText writes a string as html/template
// does in HTML text and in a quoted attribute value, for every byte alone
// and within text.
func TestEscapeTextAsTemplate(t *testing.T) {
	text := template.Must(template.New("").Parse(`{{.}}`))
	attr := template.Must(template.New("").Parse(`<p title="{{.}}">`))
	cases := append([]string{}, hostileTexts...)
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range cases {
		var b strings.Builder
		escapeText(&b, s)
		var want bytes.Buffer
		if err := text.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if b.String() != want.String() {
			t.Errorf("text %q: %q, template %q", s, b.String(), want.String())
		}
		want.Reset()
		if err := attr.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if `<p title="`+b.String()+`">` != want.String() {
			t.Errorf("attribute %q: %q, template %q", s, b.String(), want.String())
		}
	}
}
