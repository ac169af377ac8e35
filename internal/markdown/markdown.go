// Package markdown turns a page body into a goldmark syntax tree and the tree
// into HTML. It owns the goldmark configuration: CommonMark plus GFM
// (tables, strikethrough, autolinks, task lists), footnotes, definition
// lists, typographic quotes and dashes, heading ids with permalink anchors,
// Pandoc's attribute lists on headings, spans, links and images (see
// headings.go and span.go), chroma highlighting with CSS classes, escaping
// of raw HTML unless the site opts in, and the limits that keep every page
// quick to read (limits.go).
//
// Parsing and rendering are separate steps on purpose: between them the site
// assembly reads every page's headings and prompts, numbers them, and
// rewrites links, so that a link to another page can be checked before any
// HTML is written.
package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"io"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// Options configures a Converter.
type Options struct {
	UnsafeHTML bool         // pass raw HTML through instead of escaping it
	Highlight  *Highlighter // code highlighting; nil disables it
	Blocks     blocks.Options
}

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// Heading is one heading of a page, for the on-page contents and anchors.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Doc is a parsed page body.
type Doc struct {
	File     string      // source path, for messages
	Source   []byte      // the Markdown body
	Root     ast.Node    // the syntax tree; the site assembly may change it before rendering
	Lines    *diag.Lines // offset → file:line:col
	Headings []Heading
	Problems diag.List // parse problems, with positions in File
}

// New returns a Converter.
func New(opts Options) *Converter {
	exts := []goldmark.Extender{
		extension.GFM, extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		extension.DefinitionList, typographer(opts.Blocks.Words),
		&permalinks{label: util.EscapeHTML([]byte(opts.Blocks.Words.T("heading.anchor")))}, &rawHTML{unsafe: opts.UnsafeHTML}, blocks.New(opts.Blocks), limitsExtension{},
		headingExtension{unsafe: opts.UnsafeHTML}, spanExtension{},
	}
	if opts.Highlight != nil {
		exts = append(exts, opts.Highlight)
	}
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md}
}

// LayoutIDs are the element ids the default page layout uses itself, which
// no heading may take.
var LayoutIDs = []string{"main"}

// Parse parses body, the Markdown of file starting on line firstLine.
func (c *Converter) Parse(file string, body []byte, firstLine int) *Doc {
	pc := parser.NewContext()
	for _, id := range LayoutIDs {
		pc.IDs().Put([]byte(id)) // so that "## Main" gets the id main-1
	}
	if p, ok := checkLines(body); ok {
		// Not parsed at all: the page is not built, and reading it would
		// take time and memory out of proportion.
		d := &Doc{File: file, Source: body, Root: ast.NewDocument(), Lines: diag.NewLines(file, body, firstLine)}
		d.Problems.Add(d.Lines.Pos(p.Offset), "%s", p.Msg)
		return d
	}
	root := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	checkSize(root, pc)
	d := &Doc{File: file, Source: body, Root: root, Lines: diag.NewLines(file, body, firstLine)}
	for _, p := range append(blocks.Problems(pc), facilitatorClassProblems(root)...) {
		d.Problems = append(d.Problems, &diag.Error{Pos: d.Lines.Pos(p.Offset), Msg: p.Msg})
	}
	if probs := limitProblems(pc); len(probs) > 0 || blocks.LimitBroken(pc) {
		for _, p := range probs {
			d.Problems = append(d.Problems, &diag.Error{Pos: d.Lines.Pos(p.Offset), Msg: p.Msg})
		}
		// The page is not built; what comes after the limit is not worth
		// the work of assembling it.
		d.Root = ast.NewDocument()
	}
	d.Problems = capProblems(d.Problems)
	d.Headings = headings(d.Root, body)
	return d
}

// maxProblems is how many problems of one page are reported; a page with
// thousands of broken fences would otherwise bury the first one.
const maxProblems = 50

// capProblems keeps the first maxProblems of probs, in source order, and
// says how many more there are.
func capProblems(probs diag.List) diag.List {
	if len(probs) <= maxProblems {
		return probs
	}
	probs.Sort()
	more := &diag.Error{Pos: probs[maxProblems].Pos,
		Msg: fmt.Sprintf("and %d more problems on this page", len(probs)-maxProblems)}
	return append(probs[:maxProblems:maxProblems], more)
}

// Render writes the HTML of d to w.
func (c *Converter) Render(w io.Writer, d *Doc) error {
	if buf, ok := w.(*bytes.Buffer); ok {
		w = bufferWriter{buf} // goldmark would put a new bufio.Writer in front
	}
	return c.md.Renderer().Render(w, d.Source, d.Root)
}

// bufferWriter lets goldmark write into a bytes.Buffer directly: it is a
// util.BufWriter that never holds anything back.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

// RenderInline renders a short Markdown text (a title, a label) without the
// surrounding paragraph.
func (c *Converter) RenderInline(src string) string {
	var buf bytes.Buffer
	if err := c.md.Convert([]byte(src), &buf); err != nil {
		return ""
	}
	out := bytes.TrimSpace(buf.Bytes())
	out = bytes.TrimPrefix(out, []byte("<p>"))
	out = bytes.TrimSuffix(out, []byte("</p>"))
	return string(out)
}

func headings(root ast.Node, src []byte) []Heading {
	var hs []Heading
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		hs = append(hs, Heading{Level: h.Level, ID: string(idb), Text: PlainText(h, src)})
	}
	return hs
}

// PlainText returns the text of n and its descendants without markup.
func PlainText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			if t.IsRaw() {
				buf.Write(t.Value(src))
			} else {
				buf.Write(util.UnescapePunctuations(t.Value(src)))
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() { // the typographer's entities, like &rsquo;
				buf.WriteString(stdhtml.UnescapeString(string(t.Value)))
			} else {
				buf.Write(t.Value)
			}
		case *ast.CodeSpan:
			for s := t.FirstChild(); s != nil; s = s.NextSibling() {
				if tx, ok := s.(*ast.Text); ok {
					buf.Write(tx.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(buf.Bytes()))
}

// permalinks renders headings with a visible anchor link to themselves.
type permalinks struct {
	label []byte // the links' aria-label, escaped
}

func (p *permalinks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(p, 500)))
}

func (p *permalinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, p.renderHeading)
}

func (p *permalinks) renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte("0123456"[h.Level])
		if h.Attributes() != nil {
			html.RenderAttributes(w, h, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := h.AttributeString("id"); ok {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id.([]byte)))
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.Write(p.label)
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte("0123456"[h.Level])
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// rawHTML escapes raw HTML so it shows as text, unless the site opted in,
// and drops HTML comments either way: a comment is invisible in every
// Markdown tool, so writers keep private notes in them, and those notes
// must reach neither the page nor its source.
type rawHTML struct{ unsafe bool }

func (r *rawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 500)))
}

func (r *rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.renderInline)
	reg.Register(ast.KindHTMLBlock, r.renderBlock)
}

func (r *rawHTML) renderInline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	var raw []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if bytes.HasPrefix(raw, []byte("<!--")) {
		return ast.WalkSkipChildren, nil
	}
	if r.unsafe {
		_, _ = w.Write(raw)
	} else {
		_, _ = w.Write(util.EscapeHTML(raw))
	}
	return ast.WalkSkipChildren, nil
}

func (r *rawHTML) renderBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var text []byte
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text = append(text, seg.Value(src)...)
	}
	if b.HasClosure() {
		text = append(text, b.ClosureLine.Value(src)...)
	}
	// Comments go from every kind of HTML block, not only from one that
	// starts with <!--: a note in a <div> is a note too.
	text = stripComments(text)
	text = bytes.TrimRight(text, "\n")
	if len(bytes.TrimSpace(text)) == 0 {
		return ast.WalkSkipChildren, nil
	}
	if r.unsafe {
		_, _ = w.Write(text)
		_ = w.WriteByte('\n')
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<p class="escaped-html">`)
	for i, line := range bytes.Split(text, []byte("\n")) {
		if i > 0 {
			_, _ = w.WriteString("<br>\n")
		}
		_, _ = w.Write(util.EscapeHTML(line))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// stripComments removes every HTML comment from text, and an unclosed one
// to the end.
func stripComments(text []byte) []byte {
	var out []byte
	for {
		start := bytes.Index(text, []byte("<!--"))
		if start < 0 {
			return append(out, text...)
		}
		out = append(out, text[:start]...)
		end := bytes.Index(text[start+4:], []byte("-->"))
		if end < 0 {
			return out
		}
		text = text[start+4+end+3:]
	}
}

// footnotePrefixAttr is the Document attribute that holds the prefix of
// footnote ids, so pages combined into the print book keep them unique.
const footnotePrefixAttr = "praxis-footnote-prefix"

// SetFootnotePrefix makes the footnote ids of d start with prefix (or not,
// for "") the next time it is rendered.
func SetFootnotePrefix(d *Doc, prefix string) {
	d.Root.SetAttributeString(footnotePrefixAttr, []byte(prefix))
}

func footnotePrefix(n ast.Node) []byte {
	for ; n != nil; n = n.Parent() {
		if doc, ok := n.(*ast.Document); ok {
			if v, ok := doc.AttributeString(footnotePrefixAttr); ok {
				b, _ := v.([]byte)
				return b
			}
			return nil
		}
	}
	return nil
}

// typographer is goldmark's typographer with the double quotes of the
// words' language ("…" becomes „…“ in German); English, and nil words,
// keep goldmark's own (&ldquo; and &rdquo;).
func typographer(w *i18n.Words) goldmark.Extender {
	q := w.List("typography.quotes")
	if len(q) != 2 || w.Source("typography.quotes") == "en" {
		return extension.Typographer
	}
	return extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
		extension.LeftDoubleQuote: []byte(q[0]), extension.RightDoubleQuote: []byte(q[1]),
	}))
}
