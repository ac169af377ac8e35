package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

// Bracketed spans and link attributes, as in Pandoc:
//
//	[a few words]{.smallcaps #anchor}
//	[]{#here}                          an empty span: an anchor to link to
//	[the guide](guide.md){.button}     attributes of a link
//	![a photo](photo.jpg){width=300}   attributes of an image
//
// The attribute list uses the syntax of headings
// (blocks.ParseHeadingAttributes). The id and the classes are kept; the other
// key=value become data- attributes, except an image's width and height
// in pixels. So nothing written in a page can style it or run anything. A
// list that is not valid stays text, as in Pandoc.

// KindSpan is the ast.NodeKind of Span.
var KindSpan = ast.NewNodeKind("Span")

// Span is a bracketed span: inline content with attributes.
type Span struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Span) Kind() ast.NodeKind { return KindSpan }

// Dump implements ast.Node.
func (n *Span) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// spanExtension adds spans and link attributes to goldmark.
type spanExtension struct{}

func (spanExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// After the limits' guard (1), before footnotes (101) and links (200).
		util.Prioritized(spanParser{}, 2),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(spanRenderer{}, 500)))
}

// spanKey holds the *spans of the paragraph being read.
var spanKey = parser.NewContextKey()

// spans is what the span parser knows of the paragraph being read.
type spans struct {
	block   ast.Node
	scanned bool
	matches map[int]spanList // by the offset of its [, a span's ] and attributes
	open    []*spanOpen
}

// spanList is where a span's ] lies, and its attribute list.
type spanList struct {
	close, end int // offsets of the ] and just past the }
	attrs      []blocks.Attr
}

// spanOpen is a span whose [ has been read.
type spanOpen struct {
	spanList
	start  int      // offset of the [
	marker ast.Node // where the span starts among its parent's children
	bottom ast.Node // the last emphasis delimiter before it
}

// spanMarker stands where a span's [ was until its ] is read.
type spanMarker struct{ ast.BaseInline }

var kindSpanMarker = ast.NewNodeKind("SpanMarker")

func (n *spanMarker) Kind() ast.NodeKind         { return kindSpanMarker }
func (n *spanMarker) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// spanParser reads spans and the attribute lists of links and images.
type spanParser struct{}

func (spanParser) Trigger() []byte { return []byte{'[', ']', '{'} }

func (spanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	st, _ := pc.Get(spanKey).(*spans)
	if st == nil || st.block != parent {
		st = &spans{block: parent}
		pc.Set(spanKey, st)
	}
	switch line[0] {
	case '[':
		return st.openSpan(parent, block, pc, seg.Start)
	case ']':
		return st.closeSpan(parent, block, pc, seg.Start)
	}
	return linkAttributes(parent, block, line, seg.Start)
}

// openSpan starts a span at the [ at offset off when its ] is followed by
// a valid attribute list.
func (st *spans) openSpan(parent ast.Node, block text.Reader, pc parser.Context, off int) ast.Node {
	if !st.scanned {
		st.scan(parent, block.Source())
	}
	l, ok := st.matches[off]
	if !ok {
		return nil
	}
	m := &spanMarker{}
	st.open = append(st.open, &spanOpen{spanList: l, start: off, marker: m, bottom: pc.LastDelimiter()})
	block.Advance(1)
	return m
}

// closeSpan ends the innermost open span when off is its ].
func (st *spans) closeSpan(parent ast.Node, block text.Reader, pc parser.Context, off int) ast.Node {
	n := len(st.open)
	if n == 0 || st.open[n-1].close != off {
		return nil
	}
	o := st.open[n-1]
	st.open = st.open[:n-1]
	parser.ProcessDelimiters(o.bottom, pc)
	span := &Span{}
	for c := o.marker.NextSibling(); c != nil; {
		next := c.NextSibling()
		span.AppendChild(span, c)
		c = next
	}
	parent.RemoveChild(parent, o.marker)
	setAnchorAttributes(span, o.attrs, false)
	block.Advance(o.end - off)
	return span
}

// CloseBlock implements parser.CloseBlocker: a span whose ] never came (it
// was inside code, say) leaves its [ as text.
func (spanParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	st, _ := pc.Get(spanKey).(*spans)
	if st == nil {
		return
	}
	for _, o := range st.open {
		if p := o.marker.Parent(); p != nil {
			p.ReplaceChild(p, o.marker, ast.NewTextSegment(text.NewSegment(o.start, o.start+1)))
		}
	}
	pc.Set(spanKey, nil)
}

// scan finds, in one pass over the paragraph, each [ whose matching ] is
// followed by a valid attribute list. Reading ahead from every [ instead
// would take time that grows with the square of the paragraph.
func (st *spans) scan(parent ast.Node, src []byte) {
	st.scanned = true
	lines := parent.Lines()
	var stack []int
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for j := seg.Start; j < seg.Stop; j++ {
			switch src[j] {
			case '\\':
				j++
			case '[':
				stack = append(stack, j)
			case ']':
				if len(stack) == 0 {
					continue
				}
				open := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if j+1 < seg.Stop && src[j+1] == '{' && (open+1 >= len(src) || src[open+1] != '^') {
					if end, attrs, ok := attributeList(src[j+1 : seg.Stop]); ok {
						if st.matches == nil {
							st.matches = map[int]spanList{}
						}
						st.matches[open] = spanList{close: j, end: j + 1 + end, attrs: attrs}
					}
				}
			}
		}
	}
}

// attributeList reads a {…} list at the start of s, up to the end of its
// line, and returns the length of the list with its braces.
func attributeList(s []byte) (int, []blocks.Attr, bool) {
	end := -1
	quoted := false
	for i := 1; i < len(s) && s[i] != '\n'; i++ {
		switch {
		case s[i] == '\\' && quoted:
			i++
		case s[i] == '"':
			quoted = !quoted
		case s[i] == '}' && !quoted:
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return 0, nil, false
	}
	attrs, err := blocks.ParseHeadingAttributes(string(s[1:end]))
	if err != nil {
		return 0, nil, false
	}
	return end + 1, attrs, true
}

// linkAttributes reads an attribute list right after a link or image, at
// offset off.
func linkAttributes(parent ast.Node, block text.Reader, line []byte, off int) ast.Node {
	last := parent.LastChild()
	_, isLink := last.(*ast.Link)
	_, isImage := last.(*ast.Image)
	if !isLink && !isImage || off == 0 || !strings.ContainsRune(")]", rune(block.Source()[off-1])) {
		return nil
	}
	end, attrs, ok := attributeList(line)
	if !ok {
		return nil
	}
	setAnchorAttributes(last, attrs, isImage)
	block.Advance(end)
	// The list itself shows nothing; an empty text keeps goldmark going.
	return ast.NewTextSegment(text.NewSegment(off+end, off+end))
}

// pixels is an image size HTML takes as it is.
var pixels = regexp.MustCompile(`^[0-9]{1,5}(px)?$`)

// setAnchorAttributes gives n the id and classes of attrs, and the others
// as data- attributes; for an image, width and height in pixels stay.
func setAnchorAttributes(n ast.Node, attrs []blocks.Attr, image bool) {
	var classes []string
	for _, a := range attrs {
		switch {
		case a.Key == "class":
			classes = append(classes, a.Value)
		case a.Key == "id":
			n.SetAttributeString("id", []byte(a.Value))
		case image && (a.Key == "width" || a.Key == "height") && pixels.MatchString(a.Value):
			n.SetAttributeString(a.Key, []byte(strings.TrimSuffix(a.Value, "px")))
		default:
			n.SetAttributeString(blocks.DataName(a.Key), []byte(a.Value))
		}
	}
	if len(classes) > 0 {
		n.SetAttributeString("class", []byte(strings.Join(classes, " ")))
	}
}

// spanRenderer writes a span as <span> with its attributes.
type spanRenderer struct{}

func (spanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSpan, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<span")
			html.RenderAttributes(w, n, html.GlobalAttributeFilter)
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindSpanMarker, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}
