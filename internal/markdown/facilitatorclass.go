package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

// facilitatorClassProblems reports each element but a facilitator block
// that has the class facilitator, as in [a note]{.facilitator}, ## Notes
// {.facilitator} or ::: note {.facilitator}. Only a ::: facilitator block
// (also written ::: {.facilitator}) is left out of the participant
// edition: anywhere else the class hides nothing, and participants would
// read what the coach meant for facilitators.
func facilitatorClassProblems(root ast.Node) []blocks.Problem {
	var probs []blocks.Problem
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		off, what := -1, ""
		switch b, isBlock := n.(*blocks.Block); {
		case isBlock && b.BlockType == "facilitator":
			return ast.WalkSkipChildren, nil // facilitators' only, whatever its class
		case isBlock:
			if hasFacilitatorClass(b.Classes...) {
				off, what = b.Offset, "a "+b.BlockType+" block"
			}
		default:
			if class, _ := n.AttributeString("class"); class != nil {
				if c, _ := class.([]byte); hasFacilitatorClass(strings.Fields(string(c))...) {
					off, what = elementOffset(n), elementName(n)
				}
			}
		}
		if off >= 0 {
			probs = append(probs, blocks.Problem{Offset: off, Msg: "the class facilitator does not hide " + what +
				", so participants would see it; put what only facilitators may read in a ::: facilitator block"})
		}
		return ast.WalkContinue, nil
	})
	return probs
}

// hasFacilitatorClass reports whether one of classes is facilitator.
func hasFacilitatorClass(classes ...string) bool {
	for _, c := range classes {
		if strings.EqualFold(c, "facilitator") {
			return true
		}
	}
	return false
}

// elementName names the kind of n for a message: "a span", "a heading", ….
func elementName(n ast.Node) string {
	switch n.(type) {
	case *Span:
		return "a span"
	case *ast.Heading:
		return "a heading"
	case *ast.Link:
		return "a link"
	case *ast.Image:
		return "an image"
	}
	return "an element (" + strings.ToLower(n.Kind().String()) + ")"
}
