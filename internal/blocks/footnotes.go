package blocks

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// removedKey is set in the parser.Context of a document from which the
// transformer removed facilitator blocks.
var removedKey = parser.NewContextKey()

// footnotePruner runs pruneFootnotes on documents that lost facilitator
// blocks, once goldmark has gathered their footnotes.
type footnotePruner struct{}

// Transform implements parser.ASTTransformer.
func (footnotePruner) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	if pc.Get(removedKey) != nil {
		private, _ := pc.Get(privateFootnotesKey).(map[string]bool)
		pruneFootnotes(doc, private)
	}
}

// pruneFootnotes keeps only the footnotes that the document still refers
// to, after facilitator blocks left it. Goldmark gathers every footnote
// into one list at the end of the document while parsing, wherever it was
// written, so a footnote written or referred to only inside a facilitator
// block would otherwise stay in the participant edition. So would one
// written inside a facilitator block (its label in private) and referred
// to outside it: it goes, with the references to it. The footnotes left
// are numbered again in order, with their back links.
func pruneFootnotes(doc *ast.Document, private map[string]bool) {
	var list *extast.FootnoteList
	var links []*extast.FootnoteLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *extast.FootnoteList:
			list = n
			return ast.WalkSkipChildren, nil
		case *extast.FootnoteLink:
			links = append(links, n)
		}
		return ast.WalkContinue, nil
	})
	if list == nil {
		return
	}
	links = dropPrivate(list, links, private)
	number, refs := renumber(links)
	for _, fn := range collect[*extast.Footnote](list) {
		old := fn.Index
		if number[old] == 0 {
			list.RemoveChild(list, fn)
			continue
		}
		fn.Index = number[old]
		relink(fn, refs[old])
	}
	if !list.HasChildren() {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	list.SortChildren(func(a, b ast.Node) int { return a.(*extast.Footnote).Index - b.(*extast.Footnote).Index })
}

// dropPrivate removes the references to the footnotes of list whose
// labels are private from the document, and returns the other links.
func dropPrivate(list *extast.FootnoteList, links []*extast.FootnoteLink, private map[string]bool) []*extast.FootnoteLink {
	gone := map[int]bool{}
	for _, fn := range collect[*extast.Footnote](list) {
		gone[fn.Index] = private[string(fn.Ref)]
	}
	kept := links[:0]
	for _, l := range links {
		if gone[l.Index] {
			l.Parent().RemoveChild(l.Parent(), l)
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

// renumber gives the footnotes that links refer to new numbers, 1, 2, …
// in the order of their first reference, sets each link's number and
// place among the references to its footnote, and returns the new number
// and the count of references of each old number.
func renumber(links []*extast.FootnoteLink) (number, refs map[int]int) {
	number, refs = map[int]int{}, map[int]int{}
	for _, l := range links {
		if number[l.Index] == 0 {
			number[l.Index] = len(number) + 1
		}
		refs[l.Index]++
	}
	seen := map[int]int{}
	for _, l := range links {
		old := l.Index
		l.RefCount, l.RefIndex = refs[old], seen[old]
		seen[old]++
		l.Index = number[old]
	}
	return number, refs
}

// relink replaces the back links of footnote fn with one for each of its
// n references, as goldmark makes them.
func relink(fn *extast.Footnote, n int) {
	var container ast.Node = fn
	for _, b := range collect[*extast.FootnoteBacklink](fn) {
		container = b.Parent()
		container.RemoveChild(container, b)
	}
	for i := range n {
		b := extast.NewFootnoteBacklink(fn.Index)
		b.RefCount, b.RefIndex = n, i
		container.AppendChild(container, b)
	}
}
