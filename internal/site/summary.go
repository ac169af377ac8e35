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
	Lead     bool               // the page starts with a level-1 heading, Headings[0]

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
	if h, ok := d.Root.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		s.Lead = true
	}
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
					info.Text = promptText(n, d.Source)
				}
				s.Blocks = append(s.Blocks, info)
			}
		case *markdown.Span:
			s.checkInlineID(n, ids)
		case *ast.Link:
			s.checkInlineID(n, ids)
			s.Links = append(s.Links, LinkInfo{Dest: string(n.Destination), Offset: markdown.Offset(n),
				Empty: n.ChildCount() == 0, Titled: len(n.Title) > 0})
		case *ast.Image:
			s.checkInlineID(n, ids)
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

// checkInlineID reports a span, link or image whose {#id} another element
// of the page has, like a heading's.
func (s *Summary) checkInlineID(n ast.Node, ids map[string]idUse) {
	v, ok := n.AttributeString("id")
	id, _ := v.([]byte)
	if !ok || len(id) == 0 {
		return
	}
	if slices.Contains(markdown.LayoutIDs, string(id)) {
		s.Problems.Add(s.lines.Pos(markdown.Offset(n)), "the id %q is used by the page layout; give this element another id, like {#%s-section}", id, id)
		return
	}
	s.checkID(string(id), idUse{off: markdown.Offset(n)}, ids)
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

// Empty links to prompts in the text of a prompt stand for the text they
// get once the workbook is assembled (see Site.fillReferences): refStart,
// the id linked to, refEnd. The marks are characters of Unicode's private
// use area, which no workbook text needs.
const (
	refStart = "\uE000"
	refEnd   = "\uE001"
)

// promptText is the question of a prompt block as plain text, with a mark
// for each empty link to a prompt.
func promptText(b *blocks.Block, src []byte) string {
	var marks []ast.Node
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && l.ChildCount() == 0 {
			if id, ok := strings.CutPrefix(string(l.Destination), PromptScheme); ok {
				mark := ast.NewString([]byte(refStart + id + refEnd))
				l.AppendChild(l, mark)
				marks = append(marks, mark)
			}
		}
		return ast.WalkContinue, nil
	})
	text := b.PlainText(src)
	for _, m := range marks {
		m.Parent().RemoveChild(m.Parent(), m)
	}
	return text
}
