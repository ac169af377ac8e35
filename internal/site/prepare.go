package site

import (
	"fmt"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// Tree is a page's syntax tree made ready to render: its links point at
// their built pages, empty prompt links read the prompt's number and
// words, and its prompts carry their numbers.
type Tree struct {
	*markdown.Doc
	targets []ast.Node // the node of each of the page's Targets
}

// TargetNode returns the link or image node of the page's i-th Target.
func (t *Tree) TargetNode(i int) ast.Node { return t.targets[i] }

// Prepare applies what assembly decided for page p to d, a tree parsed
// from p's body with the converter that made p's Summary.
func (p *Page) Prepare(d *markdown.Doc) (*Tree, error) {
	t := &Tree{Doc: d, targets: make([]ast.Node, len(p.Targets))}
	nodes := make([]ast.Node, 0, len(p.links))
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *blocks.Block:
			p.number(n)
		case *ast.Link, *ast.Image:
			nodes = append(nodes, n)
		}
		return ast.WalkContinue, nil
	})
	if len(nodes) != len(p.links) {
		return nil, fmt.Errorf("internal error: %s has %d links, but %d when it was assembled", p.Source, len(nodes), len(p.links))
	}
	for i, n := range nodes {
		p.links[i].apply(n)
	}
	for i, target := range p.Targets {
		t.targets[i] = nodes[target.Link]
	}
	if _, ok := p.TitleID(); ok {
		if h, ok := d.Root.FirstChild().(*ast.Heading); ok && h.Level == 1 {
			d.Root.RemoveChild(d.Root, h) // the layout shows the title
		}
	}
	return t, nil
}

// number gives a prompt block of p its number and, for a review, its plan.
func (p *Page) number(b *blocks.Block) {
	if pr := p.site.prompts[b.ID]; pr != nil && pr.Page == p {
		b.Number = pr.Number
		if pr.Plan != nil {
			b.Plan = pr.Plan.Block
		}
	}
}

func (r resolved) apply(n ast.Node) {
	switch l := n.(type) {
	case *ast.Link:
		l.Destination = []byte(r.dest)
		if r.title != "" {
			l.Title = []byte(r.title)
		}
	case *ast.Image:
		l.Destination = []byte(r.dest)
	}
	if r.text != "" {
		n.AppendChild(n, ast.NewString([]byte(r.text)))
	}
}

// AppendDecisions appends to b what assembly decided for page p that its
// rendered body shows: where each link points and what it reads, the
// numbers of its prompts and, for reviews, the plans they look back at.
// With the page's source, it is everything the body is made from, so a
// live rebuild can tell which bodies to render again.
func (p *Page) AppendDecisions(b []byte) []byte {
	for _, l := range p.links {
		b = appendField(appendField(appendField(b, l.dest), l.text), l.title)
	}
	for _, pr := range p.Prompts {
		b = appendField(b, pr.ID+"="+pr.Number)
		if pr.Plan != nil {
			b = appendField(b, pr.Plan.ID)
			for _, a := range pr.Plan.Block.Attrs {
				b = appendField(appendField(b, a.Key), a.Value)
			}
		}
	}
	return b
}

// appendField appends s with its length, so that fields cannot run into
// each other.
func appendField(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}
