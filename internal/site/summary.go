package site

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// Summary is what assembly needs to know of one parsed page: its headings,
// the ids it defines, its blocks with ids and its links, without the
// syntax tree. A build keeps a summary per page and parses a page again
// when it renders it, so a big workbook never holds every tree at once.
// A Summary is never changed once made, so it can be reused by the next
// build of an unchanged page.
type Summary struct {
	Headings []markdown.Heading
	IDs      []string           // headings, footnotes and elements with an explicit id
	Blocks   []BlockInfo        // blocks with an id, in document order
	Links    []LinkInfo         // links and images, in the order Prepare walks them
	Code     []markdown.CodeKey // the fenced code blocks, for the highlight cache
	Problems diag.List          // parse problems

	lines *diag.Lines // while summarizing
}

// BlockInfo is a block with an id, detached from its tree.
type BlockInfo struct {
	Block       *blocks.Block // a detached copy: never a node of a tree
	Text        string        // the question, as plain text, for prompts
	Facilitator bool          // inside a facilitator block
}

// LinkInfo is a link or image of a page.
type LinkInfo struct {
	Dest   string
	Offset int  // where it starts in the page body
	Empty  bool // no link text: a prompt link then gets the prompt's number and words
	Titled bool // has a title of its own
}

// Summarize reads what assembly needs from a parsed page.
func Summarize(d *markdown.Doc) *Summary {
	s := &Summary{Headings: d.Headings, IDs: markdown.IDs(d), Problems: slices.Clip(d.Problems), lines: d.Lines}
	defer func() { s.lines = nil }() // positions are worked out again when an error needs one
	ids := map[string]idUse{}        // the first use of each id on the page
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			s.checkHeadingID(n, ids)
		case *ast.FencedCodeBlock:
			s.Code = append(s.Code, markdown.CodeKeyOf(n, d.Source))
		case *blocks.Block:
			if n.ID != "" {
				s.checkID(n.ID, idUse{n.Offset, true}, ids)
			}
			if n.ID != "" {
				info := BlockInfo{Block: n.Detached(), Facilitator: inFacilitator(n)}
				if n.IsPrompt() {
					info.Text = n.PlainText(d.Source)
				}
				s.Blocks = append(s.Blocks, info)
			}
		case *ast.Link:
			s.Links = append(s.Links, LinkInfo{Dest: string(n.Destination), Offset: markdown.Offset(n),
				Empty: n.ChildCount() == 0, Titled: len(n.Title) > 0})
		case *ast.Image:
			s.Links = append(s.Links, LinkInfo{Dest: string(n.Destination), Offset: markdown.Offset(n),
				Empty: n.ChildCount() == 0, Titled: len(n.Title) > 0})
		case *ast.AutoLink:
			if url := string(n.URL(d.Source)); strings.HasPrefix(url, PromptScheme) {
				s.Problems.Add(d.Lines.Pos(markdown.Offset(n)), "<%s> cannot link to a prompt; write [](%s) instead", url, url)
			}
		}
		return ast.WalkContinue, nil
	})
	return s
}

// checkHeadingID reports a heading whose id another element of the page
// has, or the page layout.
func (s *Summary) checkHeadingID(h *ast.Heading, ids map[string]idUse) {
	v, ok := h.AttributeString("id")
	id, _ := v.([]byte)
	if !ok || len(id) == 0 {
		return
	}
	off := 0
	if h.Lines().Len() > 0 {
		off = h.Lines().At(0).Start
	}
	if slices.Contains(markdown.LayoutIDs, string(id)) {
		s.Problems.Add(s.lines.Pos(off), "the id %q is used by the page layout; give this heading another id, like {#%s-section}", id, id)
		return
	}
	s.checkID(string(id), idUse{off: off}, ids)
}

// idUse is where an element of a page takes an id.
type idUse struct {
	off   int
	block bool
}

// checkID reports id when an element earlier on the page has it. Two
// blocks with one id are left to assembly, which reports ids of blocks
// used twice anywhere in the workbook.
func (s *Summary) checkID(id string, use idUse, ids map[string]idUse) {
	first, dup := ids[id]
	switch {
	case !dup:
		ids[id] = use
	case !(first.block && use.block):
		s.Problems.Add(s.lines.Pos(use.off), "id %q is already used on this page at %s; give one of them another id with {#...}", id, s.lines.Pos(first.off))
	}
}

// inFacilitator reports whether n lies inside a facilitator block.
func inFacilitator(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if b, ok := p.(*blocks.Block); ok && b.BlockType == "facilitator" {
			return true
		}
	}
	return false
}
