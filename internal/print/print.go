// Package print prepares the whole-workbook print book: every page in
// reading order on one HTML page, for printing in one go or saving as PDF.
//
// Pages rendered for the web link to each other by relative address; in the
// book they link to anchors on the same page instead, and their heading and
// footnote ids are prefixed with the page's anchor so they stay unique.
// Prompt ids are unique across the workbook already and are kept, so saved
// answers appear in the book too. The model is mdBook's print.html.
package print

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// Anchor is the id of page p's section in the print book.
func Anchor(p *site.Page) string {
	if p.URL == "" {
		return "page-home"
	}
	return "page-" + strings.ReplaceAll(strings.TrimSuffix(p.URL, "/"), "/", "-")
}

// ID is the id that element id of page p has in the print book.
func ID(p *site.Page, id string) string {
	if id == "" {
		return Anchor(p)
	}
	if p.Site().Prompt(id) != nil {
		return id
	}
	return Anchor(p) + "--" + id
}

// Render renders page p's body for the print book at address dir, with
// links and ids rewritten, and restores the tree afterwards so the web
// rendering is unaffected.
func Render(c *markdown.Converter, dir string, p *site.Page) (template.HTML, error) {
	restore := rewrite(dir, p)
	defer restore()
	var buf bytes.Buffer
	err := c.Render(&buf, p.Doc)
	return template.HTML(buf.String()), err
}

// rewrite points p's links at anchors of the book and prefixes its ids; the
// returned function undoes both.
func rewrite(dir string, p *site.Page) (restore func()) {
	var undo []func()
	for _, t := range p.Targets {
		var dest *[]byte
		switch n := t.Node.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		default:
			continue
		}
		old := *dest
		undo = append(undo, func() { *dest = old })
		if t.Page != nil {
			*dest = []byte("#" + ID(t.Page, t.Frag))
		} else {
			*dest = []byte(site.Rel(dir, t.Asset))
		}
	}
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if v, ok := h.AttributeString("id"); ok {
				old, _ := v.([]byte)
				h.SetAttributeString("id", []byte(ID(p, string(old))))
				undo = append(undo, func() { h.SetAttributeString("id", old) })
			}
		}
		return ast.WalkContinue, nil
	})
	markdown.SetFootnotePrefix(p.Doc, Anchor(p)+"--")
	undo = append(undo, func() { markdown.SetFootnotePrefix(p.Doc, "") })
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}
