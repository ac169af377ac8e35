package blocks

import (
	"bytes"

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

// privateFootnotesKey holds the map[string]bool of the labels of footnotes
// written inside facilitator blocks.
var privateFootnotesKey = parser.NewContextKey()

// footnoteSpotter is a block parser that opens nothing: in the participant
// edition it notes the label of each footnote written inside a facilitator
// block ([^label]: …), for the footnotePruner to remove it and the
// references to it. Goldmark moves footnotes out of the tree into its list
// when they close, so they no longer leave with their block.
type footnoteSpotter struct{}

// Trigger implements parser.BlockParser.
func (footnoteSpotter) Trigger() []byte { return []byte{'['} }

// Open implements parser.BlockParser.
func (footnoteSpotter) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !inFacilitatorBlock(parent) {
		return nil, parser.NoChildren
	}
	rest, ok := bytes.CutPrefix(line[pos:], []byte("[^"))
	end := bytes.Index(rest, []byte("]:"))
	if !ok || end <= 0 {
		return nil, parser.NoChildren
	}
	labels, _ := pc.Get(privateFootnotesKey).(map[string]bool)
	if labels == nil {
		labels = map[string]bool{}
		pc.Set(privateFootnotesKey, labels)
	}
	labels[string(rest[:end])] = true
	return nil, parser.NoChildren
}

// Continue implements parser.BlockParser; it is never called.
func (footnoteSpotter) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

// Close implements parser.BlockParser; it is never called.
func (footnoteSpotter) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser, as footnotes do.
func (footnoteSpotter) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (footnoteSpotter) CanAcceptIndentedLine() bool { return false }
