package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// IDs returns the element ids a parsed page defines: every node with an id
// attribute (headings) and the footnote anchors goldmark generates.
func IDs(d *Doc) []string {
	var ids []string
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				ids = append(ids, string(b))
			}
		}
		if fn, ok := n.(*extast.Footnote); ok {
			ids = append(ids, fmt.Sprintf("fn:%d", fn.Index), fmt.Sprintf("fnref:%d", fn.Index))
		}
		return ast.WalkContinue, nil
	})
	return ids
}

// Offset returns the byte offset in the source at which an inline node such
// as a link starts, as closely as goldmark's tree allows: inline nodes carry
// no position of their own, so it looks at the text inside the node, then at
// the text before it, then at the enclosing block.
func Offset(n ast.Node) int {
	if off, ok := firstText(n); ok {
		return max(off-1, 0)
	}
	for prev := n.PreviousSibling(); prev != nil; prev = prev.PreviousSibling() {
		if t, ok := lastText(prev); ok {
			return t
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func firstText(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstText(c); ok {
			return off, true
		}
	}
	return 0, false
}

func lastText(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		if t.SoftLineBreak() || t.HardLineBreak() {
			return t.Segment.Stop + 1, true // the node after it starts a line
		}
		return t.Segment.Stop, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if off, ok := lastText(c); ok {
			return off, true
		}
	}
	return 0, false
}
