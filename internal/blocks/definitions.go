package blocks

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// facilitatorParagraphs removes, in the participant edition, every
// paragraph inside a facilitator block as soon as goldmark closes it, before
// goldmark reads the link reference definitions ([label]: address "title")
// out of it. The transformer removes the whole block later, but by then a
// definition written in it would already serve links outside it, and take
// its address, its title and the file it names to participants.
type facilitatorParagraphs struct{}

// Transform implements parser.ParagraphTransformer.
func (facilitatorParagraphs) Transform(p *ast.Paragraph, _ text.Reader, _ parser.Context) {
	if inFacilitatorBlock(p.Parent()) {
		p.Parent().RemoveChild(p.Parent(), p)
	}
}

// inFacilitatorBlock reports whether n is a facilitator block or lies
// inside one.
func inFacilitatorBlock(n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if b, ok := n.(*Block); ok && b.BlockType == "facilitator" {
			return true
		}
	}
	return false
}
