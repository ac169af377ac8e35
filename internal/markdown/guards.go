package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

// The guards: goldmark parsers that go before goldmark's own and keep their
// work within the limits of limits.go.

// depthGuard is a block parser that goes before all others and refuses to
// open a container (list, quote, ::: block, footnote, definition) below
// maxDepth levels: it takes the line as plain text instead. Goldmark's
// work per line grows with the number of open blocks, so a page nested
// thousands deep took minutes.
type depthGuard struct{}

func (depthGuard) Trigger() []byte {
	return []byte{'>', '-', '+', '*', ':', '[', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (depthGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	pos := pc.BlockOffset()
	if pos < 0 || depth(parent) < maxDepth {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	what := container(line[pos:])
	if what == "" {
		return nil, parser.NoChildren
	}
	off := seg.Start - seg.Padding + pos
	limitsOf(pc).trip(off, "%s nested %d levels deep; praxis allows at most %d levels of nesting (lists, quotes, ::: blocks and footnotes)",
		what, depth(parent)+1, maxDepth)
	if what == "a ::: block" {
		blocks.RefuseFence(pc)
	}
	n := &tooDeep{}
	n.Lines().Append(text.NewSegment(off, seg.Stop))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (depthGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (depthGuard) Close(ast.Node, text.Reader, parser.Context)                 {}
func (depthGuard) CanInterruptParagraph() bool                                 { return true }
func (depthGuard) CanAcceptIndentedLine() bool                                 { return false }

// depth counts the containers n is in, n included: lists and definition
// lists count through their items.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindDocument, ast.KindList, extast.KindDefinitionList, extast.KindFootnoteList:
		default:
			d++
		}
	}
	return d
}

// container names the container that line may open, or "" when it opens
// none. It errs on the side of "yes": it is asked only at maxDepth.
func container(line []byte) string {
	switch c := line[0]; {
	case c == '>':
		return "a quote"
	case c == '-' || c == '+' || c == '*':
		if len(line) == 1 || util.IsSpace(line[1]) {
			return "a list"
		}
	case c >= '0' && c <= '9':
		i := 0
		for i < len(line) && i < 10 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i < len(line) && (line[i] == '.' || line[i] == ')') && (i+1 == len(line) || util.IsSpace(line[i+1])) {
			return "a list"
		}
	case c == ':':
		if len(line) == 1 || util.IsSpace(line[1]) {
			return "a definition"
		}
		if len(line) > 2 && line[1] == ':' && line[2] == ':' && !util.IsBlank(line[3:]) {
			return "a ::: block"
		}
	case c == '[':
		if len(line) > 1 && line[1] == '^' {
			return "a footnote"
		}
	}
	return ""
}

// kindTooDeep is the ast.NodeKind of tooDeep.
var kindTooDeep = ast.NewNodeKind("TooDeep")

// tooDeep is a line that would have opened a container too deep, kept as
// plain text.
type tooDeep struct{ ast.BaseBlock }

func (n *tooDeep) Kind() ast.NodeKind { return kindTooDeep }
func (n *tooDeep) IsRaw() bool        { return true }
func (n *tooDeep) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// tooDeepRenderer writes a tooDeep line as an escaped paragraph.
type tooDeepRenderer struct{}

func (tooDeepRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTooDeep, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<p>")
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				_, _ = w.Write(util.EscapeHTML(util.TrimRightSpace(seg.Value(src))))
			}
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// inlineGuard is an inline parser that goes before goldmark's link,
// emphasis and strikethrough parsers and keeps their work in proportion to
// the paragraph: it takes a [, ], *, _ or ~ as plain text, and reports
// the problem, where reading it as Markdown would cost too much. After a
// limit is broken it takes every one of them as plain text.
type inlineGuard struct{}

func (inlineGuard) Trigger() []byte { return []byte{'[', ']', '!', '*', '_', '~'} }

func (inlineGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	l := limitsOf(pc)
	if l.tripped {
		return plainRest(block, line, seg)
	}
	if !l.started {
		l.started, l.start = true, seg.Start
	}
	switch line[0] {
	case '!':
		if len(line) > 1 && line[1] == '[' && !l.openBracket(seg.Start) {
			return plainChar(block, seg)
		}
	case '[':
		// Footnote references pair their own ].
		if (len(line) < 2 || line[1] != '^') && !l.openBracket(seg.Start) {
			return plainChar(block, seg)
		}
	case ']':
		if !l.closeBracket(line, seg.Start) {
			return plainChar(block, seg)
		}
	default:
		if l.emphasis++; l.emphasis > maxEmphasis {
			l.trip(seg.Start, "more than %d *, _ and ~ marks in one paragraph; praxis allows at most %d: split the paragraph, or write \\%c for a %c that is not emphasis",
				maxEmphasis, maxEmphasis, line[0], line[0])
			return plainChar(block, seg)
		}
	}
	return nil
}

// CloseBlock implements parser.CloseBlocker: the counts are per paragraph.
func (inlineGuard) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	l := limitsOf(pc)
	l.started, l.openers, l.bracketWork, l.angleEnd, l.rescans, l.emphasis = false, l.openers[:0], 0, 0, 0, 0
}

// openBracket records the [ at offset off and reports whether goldmark
// may read it.
func (l *limits) openBracket(off int) bool {
	if len(l.openers) >= maxOpenBrackets {
		l.trip(off, "more than %d [ are open in one paragraph; praxis allows at most %d: close each [ with ], or write \\[ for a [ that starts no link",
			maxOpenBrackets, maxOpenBrackets)
		return false
	}
	l.openers = append(l.openers, off)
	return true
}

// closeBracket checks the ] at offset off, which starts line, and reports
// whether goldmark may read it.
func (l *limits) closeBracket(line []byte, off int) bool {
	if n := len(l.openers); n > 0 {
		l.bracketWork += off - l.openers[n-1]
		l.openers = l.openers[:n-1]
		if l.bracketWork > maxBracketWork*(off-l.start)+bracketSlack {
			l.trip(off, "too many [ brackets are open in this paragraph; close each [ with ], or write \\[ for a [ that starts no link")
			return false
		}
	}
	if len(line) < 2 || line[1] != '(' {
		return true
	}
	i := 2
	for i < len(line) && util.IsSpace(line[i]) {
		i++
	}
	if i < len(line) && line[i] == '<' {
		return l.angleAddress(line, i, off)
	}
	if openParens(line[i:]) > maxParens {
		l.trip(off, "a link address leaves more than %d ( open; close them with ), or write \\( for one that is part of the address", maxParens)
		return false
	}
	return true
}

// openParens returns how many ( a link address at the start of s leaves
// open, reading it as goldmark does, and stops counting past maxParens.
func openParens(s []byte) int {
	open := 0
	for i := 0; i < len(s) && open <= maxParens; i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]):
			i++
		case c == '(':
			open++
		case c == ')':
			if open--; open < 0 {
				return 0
			}
		case util.IsSpace(c):
			return open
		}
	}
	return open
}

// angleAddress checks a link address in <…> starting at line[i], at
// offset off of the ]. Goldmark reads it up to the > or the end of the
// line; an address that starts inside one read before is read again.
func (l *limits) angleAddress(line []byte, i, off int) bool {
	if off < l.angleEnd {
		if l.rescans++; l.rescans > maxAngleRescans {
			l.trip(off, "more than %d link addresses in <…> are left open on this line; close each with >", maxAngleRescans)
			return false
		}
	}
	end := len(line)
	for j := i + 1; j < len(line); j++ {
		if line[j] == '\\' && j+1 < len(line) && util.IsPunct(line[j+1]) {
			j++
		} else if line[j] == '>' {
			end = j
			break
		}
	}
	l.angleEnd = max(l.angleEnd, off+end)
	return true
}

// plainRest takes the rest of the line as plain text.
func plainRest(block text.Reader, line []byte, seg text.Segment) ast.Node {
	n := len(line)
	for n > 1 && (line[n-1] == '\n' || line[n-1] == '\r') {
		n--
	}
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}

// plainChar takes the next character of block as plain text.
func plainChar(block text.Reader, seg text.Segment) ast.Node {
	block.Advance(1)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
}

// tableGuard is a paragraph transformer that goes before goldmark's
// tables and keeps a paragraph that would make a table of more than
// maxTableCells cells a paragraph: goldmark pads every row to the
// header's number of columns, so a short text could ask for billions.
type tableGuard struct{}

func (tableGuard) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		cols := delimiterCells(seg.Value(src))
		if cols == 0 {
			continue
		}
		rows := lines.Len() - i // the header and the rows after the delimiter row
		if cols*rows <= maxTableCells {
			return
		}
		limitsOf(pc).trip(seg.Start, "a table of %d columns and %d rows; praxis allows at most %d cells in one table: split it",
			cols, rows, maxTableCells)
		plain := ast.NewParagraph()
		plain.SetLines(lines)
		p.Parent().ReplaceChild(p.Parent(), p, plain) // the transformers after this one skip it
		return
	}
}

// delimiterCells returns the number of cells of a table delimiter row such
// as "|---|:-:|", or 0 when line is not one.
func delimiterCells(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	if len(line) == 0 {
		return 0
	}
	cells, dash, inCell := 0, false, false
	for _, c := range line {
		switch c {
		case '|':
			inCell = false
		case '-':
			dash = true
			if !inCell {
				cells, inCell = cells+1, true
			}
		case ':', ' ', '\t':
			if c == ':' && !inCell {
				cells, inCell = cells+1, true
			}
		default:
			return 0
		}
	}
	if !dash {
		return 0
	}
	return cells
}
