package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/content"
)

// Heading attributes: a heading may end in a Pandoc attribute list,
//
//	## Small experiments {#experiments .unnumbered}
//
// read with the attribute syntax of blocks (blocks.ParseHeadingAttributes).
// The list is taken off the heading's text. Of the attributes, only the id
// and the classes reach the page, unless the workbook sets unsafe_html:
// true; the others (style=…, say) are dropped, so text pasted from
// anywhere cannot restyle the page or load anything. A list that is not
// valid stays part of the heading's text, as in Pandoc.
//
// goldmark's own heading attributes are not used: they pass any attribute
// (style included), and reading them took time and memory that grew with
// the square of the line's length.

// headingExtension replaces goldmark's ATX and setext heading parsers with
// ones that read attributes as described above and give every heading an
// id.
type headingExtension struct{ unsafe bool }

func (e headingExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Before goldmark's own (600 and 100), which then never see a heading.
		util.Prioritized(&headingParser{inner: parser.NewATXHeadingParser(), unsafe: e.unsafe}, 590),
		util.Prioritized(&headingParser{inner: parser.NewSetextHeadingParser(), unsafe: e.unsafe, setext: true}, 90),
	))
}

// headingParser wraps goldmark's parser of one kind of heading, made
// without attribute or id options, and adds both.
type headingParser struct {
	inner  parser.BlockParser
	unsafe bool
	setext bool // the setext parser makes its heading in Close
}

func (p *headingParser) Trigger() []byte { return p.inner.Trigger() }

func (p *headingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, state := p.inner.Open(parent, reader, pc)
	if h, ok := n.(*ast.Heading); ok && !p.setext {
		p.takeAttributes(h, reader.Source())
	}
	return n, state
}

func (p *headingParser) Continue(n ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return p.inner.Continue(n, reader, pc)
}

func (p *headingParser) Close(n ast.Node, reader text.Reader, pc parser.Context) {
	p.inner.Close(n, reader, pc)
	h := n.(*ast.Heading)
	if h.Parent() == nil {
		return // a setext underline with no text above: not a heading after all
	}
	if p.setext {
		p.takeAttributes(h, reader.Source())
	}
	if id, ok := h.AttributeString("id"); ok {
		pc.IDs().Put(id.([]byte))
		return
	}
	// The id goes first, as goldmark put it.
	attrs := h.Attributes()
	h.RemoveAttributes()
	h.SetAttributeString("id", pc.IDs().Generate(idText(h.Lines(), reader.Source()), ast.KindHeading))
	for _, a := range attrs {
		h.SetAttribute(a.Name, a.Value)
	}
}

// idText returns the text a heading's id is made from: its last line, as
// goldmark takes it, without the HTML comments in the heading, which must
// appear nowhere in the built workbook.
func idText(lines *text.Segments, src []byte) []byte {
	var all []byte
	for i := range lines.Len() {
		seg := lines.At(i)
		all = append(all, seg.Value(src)...)
		all = append(bytes.TrimRight(all, "\r\n"), '\n')
	}
	all = bytes.TrimRight([]byte(content.DropComments(string(all))), "\n")
	if i := bytes.LastIndexByte(all, '\n'); i >= 0 {
		return all[i+1:]
	}
	return all
}

func (p *headingParser) CanInterruptParagraph() bool { return p.inner.CanInterruptParagraph() }
func (p *headingParser) CanAcceptIndentedLine() bool { return p.inner.CanAcceptIndentedLine() }

// takeAttributes moves a valid attribute list at the end of h's last line
// into h's attributes.
func (p *headingParser) takeAttributes(h *ast.Heading, src []byte) {
	k := h.Lines().Len()
	if k == 0 {
		return
	}
	seg := h.Lines().At(k - 1)
	start, attrs, ok := trailingAttributes(seg.Value(src))
	if !ok {
		return
	}
	kept := text.NewSegment(seg.Start, seg.Start+start)
	h.Lines().Set(k-1, kept.TrimRightSpace(src))
	setAttributes(h, attrs, p.unsafe)
}

// setAttributes gives n the id and classes of attrs and, when all is true,
// the other attributes too.
func setAttributes(n ast.Node, attrs []blocks.Attr, all bool) {
	var classes []string
	for _, a := range attrs {
		switch {
		case a.Key == "class":
			classes = append(classes, a.Value)
		case a.Key == "id" || all:
			n.SetAttributeString(a.Key, []byte(a.Value))
		}
	}
	if len(classes) > 0 {
		n.SetAttributeString("class", []byte(strings.Join(classes, " ")))
	}
}

// trailingAttributes finds a Pandoc attribute list, such as {#id .class},
// at the end of a heading's text line, after optional spaces. It returns
// where the list's { starts and the attributes, or false when the line
// does not end in a valid list. A list right after ] is a bracketed span's
// ([text]{.class}), not the heading's.
func trailingAttributes(line []byte) (int, []blocks.Attr, bool) {
	line = util.TrimRightSpace(line)
	if len(line) < 2 || line[len(line)-1] != '}' {
		return 0, nil, false
	}
	open := bytes.LastIndexByte(line, '{')
	if open < 0 || open > 0 && line[open-1] == ']' || open > 0 && line[open-1] == '\\' {
		return 0, nil, false
	}
	attrs, err := blocks.ParseHeadingAttributes(string(line[open+1 : len(line)-1]))
	if err != nil {
		return 0, nil, false
	}
	return open, attrs, true
}
