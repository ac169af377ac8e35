// Package print is the print book: it prepares pages for paper — the
// whole-workbook print book and the chapter handouts, each one HTML page
// holding several workbook pages in reading order, to print in one go or
// save as PDF — and owns what praxis pdf does with a print: reading where
// each section landed (Paginator, Outline), printing again until the page
// numbers hold, and the empty pages of a duplex book (Blanks). Package
// build renders the books' files with it; package cli only drives Chromium.
//
// Pages rendered for the web link to each other by relative address; in a
// book they link to anchors on the same page instead (or to the web page
// when the target is not in the book), and their heading and footnote ids
// are prefixed with the page's anchor so they stay unique. Prompt ids are
// unique across the workbook already and are kept, so saved answers appear
// in the book too. The model is mdBook's print.html.
//
// # Page numbers
//
// Chromium cannot number a link's target page by itself (no CSS
// target-counter), so praxis prints twice: Chromium puts the page titles
// into the PDF outline, and writes a named destination for every element a
// link points to, such as each prompt, whose number links to itself; they
// say on which page each page and prompt landed, and the second print
// shows "question 2.3, page 14" after references and the page numbers in
// the table of contents. A third print corrects numbers that the second
// moved (see Paginator.Paginate).
package print

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// Book says what a printed collection of pages contains.
type Book struct {
	Dir   string              // the book's address, like "print/"; links are relative to it
	Pages map[*site.Page]bool // the pages in the book; links to others go to the web page
	// PageNumbers maps section anchors and prompt ids to the page of the
	// PDF they start on, when known from an earlier print.
	PageNumbers map[string]int
}

// Anchor is the id of page p's section in a book: its address with "-"
// for each slash and "_" for anything but letters, digits, "-", "_" and
// ".", so the id holds no space and no character a URL must encode.
func Anchor(p *site.Page) string {
	if p.URL == "" {
		return "page-home"
	}
	return "page-" + strings.Map(anchorRune, strings.TrimSuffix(p.URL, "/"))
}

func anchorRune(r rune) rune {
	switch {
	case r == '/':
		return '-'
	case r == '-', r == '_', r == '.', unicode.IsLetter(r), unicode.IsDigit(r):
		return r
	}
	return '_'
}

// ID is the id that element id of page p has in a book.
func ID(p *site.Page, id string) string {
	if id == "" {
		return Anchor(p)
	}
	if p.Site().Prompt(id) != nil {
		return id
	}
	return Anchor(p) + "--" + id
}

// bookmarkLength is about the most characters of a prompt's text that a
// bookmark shows.
const bookmarkLength = 60

// PromptTitle is the title of a prompt's bookmark in the PDF outline: its
// number and its text, cut after a word with an ellipsis when longer than
// about 60 characters.
func PromptTitle(number, text string) string {
	words := strings.Fields(text)
	title, n := number, len(number)
	for i, w := range words {
		if i > 0 && n+1+utf8.RuneCountInString(w) > bookmarkLength {
			return strings.TrimRight(title, ",;:.") + "…"
		}
		title += " " + w
		n += 1 + utf8.RuneCountInString(w)
	}
	return title
}

// Render writes page p's body, prepared as t, to w for book b, with links and
// ids rewritten, and restores t afterwards, so the same tree can render
// for the web or for another book.
func (b *Book) Render(w io.Writer, c *markdown.Converter, p *site.Page, t *site.Tree) error {
	restore := b.rewrite(p, t)
	defer restore()
	return c.Render(w, t.Doc)
}

// undoList collects the changes made to a syntax tree, to undo them in
// reverse order.
type undoList []func()

func (u *undoList) add(f func()) { *u = append(*u, f) }

func (u undoList) run() {
	for i := len(u) - 1; i >= 0; i-- {
		u[i]()
	}
}

// rewrite points p's links at anchors of the book and prefixes its ids;
// the returned function undoes all of it.
func (b *Book) rewrite(p *site.Page, t *site.Tree) (restore func()) {
	var undo undoList
	for i, target := range p.Targets {
		b.rewriteLink(target, t.TargetNode(i), &undo)
	}
	_ = ast.Walk(t.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			prefixID(p, n, &undo)
		}
		return ast.WalkContinue, nil
	})
	markdown.SetFootnotePrefix(t.Doc, Anchor(p)+"--")
	undo.add(func() { markdown.SetFootnotePrefix(t.Doc, "") })
	return undo.run
}

func (b *Book) rewriteLink(t site.Target, node ast.Node, undo *undoList) {
	var dest *[]byte
	switch n := node.(type) {
	case *ast.Link:
		dest = &n.Destination
	case *ast.Image:
		dest = &n.Destination
	default:
		return
	}
	old := *dest
	undo.add(func() { *dest = old })
	switch {
	case t.Page == nil:
		*dest = []byte(site.Rel(b.Dir, t.Asset))
	case b.Pages[t.Page]:
		*dest = []byte("#" + ID(t.Page, t.Frag))
	default:
		*dest = []byte(site.Rel(b.Dir, t.Page.OutputFile()))
		if t.Frag != "" {
			*dest = append(*dest, "#"+t.Frag...)
		}
	}
	if link, ok := node.(*ast.Link); ok {
		if ref := b.reference(t); ref != "" {
			link.SetAttributeString("data-print-ref", []byte(ref))
			undo.add(func() { removeAttribute(link, "data-print-ref") })
		}
	}
}

// reference is what a printed link says about its target: "question
// 2.3, page 14", "page 9", or nothing when nothing is known. A link whose
// text names the prompt already says only the page.
func (b *Book) reference(t site.Target) string {
	if t.Page == nil {
		return ""
	}
	var parts []string
	words := t.Page.Site().Config.Words
	page := b.PageNumbers[Anchor(t.Page)]
	if pr := t.Page.Site().Prompt(t.Frag); pr != nil {
		if !t.Named {
			parts = append(parts, words.T("prompt.reference", "number", pr.Number))
		}
		if n := b.PageNumbers[pr.ID]; n > 0 {
			page = n
		}
	}
	if page > 0 && b.Pages[t.Page] {
		parts = append(parts, words.T("print.page_ref", "page", page))
	}
	return strings.Join(parts, words.T("print.ref_separator"))
}

func prefixID(p *site.Page, h *ast.Heading, undo *undoList) {
	v, ok := h.AttributeString("id")
	if !ok {
		return
	}
	old, _ := v.([]byte)
	h.SetAttributeString("id", []byte(ID(p, string(old))))
	undo.add(func() { h.SetAttributeString("id", old) })
}

func removeAttribute(n ast.Node, name string) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != name {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}
