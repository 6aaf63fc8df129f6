package html

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/reifegrad/reifegrad/scoring"
)

// profileTemplates are, per language, the page templates with the
// catalogue's texts written into profile.html and the layout it uses
// ("baked"): every {{.T.X}} and {{$.T.X}} whose value is a plain string
// and whose place html/template escapes as HTML text or a quoted
// attribute becomes text. Text/template looks up .T.X by name in a struct
// of some hundred fields, through the page's embedded struct, and calls
// an escaper by reflection; about 30 times per profile, the same texts on
// every page of a language. Made on first use; read-only after.
var profileTemplates = func() map[scoring.Language]func() (*template.Template, error) {
	m := map[scoring.Language]func() (*template.Template, error){}
	for lang, t := range catalogs {
		m[lang] = sync.OnceValues(func() (*template.Template, error) { return bakeCatalog(t) })
	}
	return m
}()

// profileTemplate returns the baked templates of the language, or the
// plain ones when there are none.
func profileTemplate(lang scoring.Language) (*template.Template, error) {
	if bake, ok := profileTemplates[lang]; ok {
		return bake()
	}
	return pageTemplates(), nil
}

// bakedTrees are the templates a profile page executes with the page as
// dot (and as $); "chart" and "datatable" get a chart and a table.
var bakedTrees = []string{"profile.html", "head", "foot"}

// Escapers html/template puts after a value in HTML text, RCDATA (title)
// and a quoted attribute value: for a plain string all three replace the
// same characters (htmlReplacementTable), as escapeText does.
var textEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// bakeCatalog returns the page templates with t's texts written in.
//
// Where a value goes, and so how it is escaped, html/template decides: the
// templates are parsed and escaped once as they are, and only an action
// whose escaped pipeline is .T.X followed by exactly one of textEscapers
// is baked, into the text escapeText makes of it (TestEscapeTextAsTemplate:
// byte for byte html/template's). The baked text holds no markup and no
// quote, so the contexts around it, and every other action's escaping, stay
// as they were (TestBakedAsTemplate compares whole pages).
func bakeCatalog(t *catalog) (*template.Template, error) {
	escaped, err := template.New("").ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	// Executing escapes the templates first; the page is empty, so the
	// execution itself may fail, but not the escaping.
	err = escaped.ExecuteTemplate(io.Discard, "profile.html", &profilePage{page: page{T: t}})
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return nil, err
	}
	texts := map[nodeAt]string{}
	cat := reflect.ValueOf(t).Elem()
	for _, name := range bakedTrees {
		tmpl := escaped.Lookup(name)
		if tmpl == nil || tmpl.Tree == nil {
			return nil, fmt.Errorf("template %s: not found", name)
		}
		walkActions(tmpl.Tree.Root, true, func(a *parse.ActionNode, dotIsPage bool) {
			field, ok := catalogField(a.Pipe, dotIsPage)
			if !ok {
				return
			}
			v := cat.FieldByName(field)
			if !v.IsValid() || v.Type() != reflect.TypeFor[string]() || v.String() == "" {
				return
			}
			var b strings.Builder
			escapeText(&b, v.String())
			texts[nodeAt{name, a.Pos}] = b.String()
		})
	}
	baked, err := template.New("").ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range bakedTrees {
		tmpl := baked.Lookup(name)
		if err := replaceActions(tmpl.Tree.Root, func(a *parse.ActionNode) (parse.Node, error) {
			s, ok := texts[nodeAt{name, a.Pos}]
			if !ok {
				return nil, nil
			}
			return textNode(s)
		}); err != nil {
			return nil, err
		}
	}
	return baked, nil
}

// nodeAt names an action by its template and its position there.
type nodeAt struct {
	tree string
	pos  parse.Pos
}

// catalogField returns X of an escaped pipeline {{.T.X | escaper}} (dot
// the page) or {{$.T.X | escaper}} whose escaper is one of textEscapers.
func catalogField(p *parse.PipeNode, dotIsPage bool) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 1 || len(p.Cmds[1].Args) != 1 {
		return "", false
	}
	esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	if !ok || !textEscapers[esc.Ident] {
		return "", false
	}
	switch n := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		if dotIsPage && len(n.Ident) == 2 && n.Ident[0] == "T" {
			return n.Ident[1], true
		}
	case *parse.VariableNode:
		if len(n.Ident) == 3 && n.Ident[0] == "$" && n.Ident[1] == "T" {
			return n.Ident[2], true
		}
	}
	return "", false
}

// walkActions calls fn for every action under n, saying whether dot is
// still the page there (not inside the body of a with or range).
func walkActions(n parse.Node, dotIsPage bool, fn func(*parse.ActionNode, bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkActions(c, dotIsPage, fn)
		}
	case *parse.ActionNode:
		fn(n, dotIsPage)
	case *parse.IfNode:
		walkActions(n.List, dotIsPage, fn)
		walkActions(n.ElseList, dotIsPage, fn)
	case *parse.WithNode:
		walkActions(n.List, false, fn)
		walkActions(n.ElseList, dotIsPage, fn)
	case *parse.RangeNode:
		walkActions(n.List, false, fn)
		walkActions(n.ElseList, dotIsPage, fn)
	}
}

// replaceActions replaces every action under n for which fn returns a
// node.
func replaceActions(n parse.Node, fn func(*parse.ActionNode) (parse.Node, error)) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for i, c := range n.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				r, err := fn(a)
				if err != nil {
					return err
				}
				if r != nil {
					n.Nodes[i] = r
				}
				continue
			}
			if err := replaceActions(c, fn); err != nil {
				return err
			}
		}
	case *parse.IfNode:
		return errors.Join(replaceActions(n.List, fn), replaceActions(n.ElseList, fn))
	case *parse.WithNode:
		return errors.Join(replaceActions(n.List, fn), replaceActions(n.ElseList, fn))
	case *parse.RangeNode:
		return errors.Join(replaceActions(n.List, fn), replaceActions(n.ElseList, fn))
	}
	return nil
}

// textNode returns a text node of s, made by the template parser (a node
// must belong to a tree). s holds no NUL (escapeText replaced it), so the
// delimiters cannot occur in it.
func textNode(s string) (parse.Node, error) {
	const left, right = "\x00{{", "}}\x00"
	if strings.Contains(s, "\x00") {
		return nil, fmt.Errorf("baked text %q holds a NUL", s)
	}
	trees, err := parse.Parse("text", s, left, right)
	if err != nil {
		return nil, err
	}
	root := trees["text"].Root
	if len(root.Nodes) != 1 {
		return nil, fmt.Errorf("baked text %q parsed into %d nodes", s, len(root.Nodes))
	}
	return root.Nodes[0], nil
}
