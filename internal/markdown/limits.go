package markdown

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Limits on what one page may hold. Markdown parsers spend time or memory
// out of proportion to the input on a few shapes of text: containers nested
// thousands deep, link brackets and addresses left open thousands of times,
// thousands of emphasis marks in one paragraph, tables padded to millions of
// cells, references repeated until they add up to gigabytes. No workbook
// written by a person comes near these limits; a page that breaks one is an
// error at the place where it does, and the rest of the page is read as plain
// text, so that every page of up to a megabyte builds in well under 2 seconds
// and 200 MB (BenchmarkHostile).
const (
	// maxDepth is how deep lists, quotes, ::: blocks, footnotes and
	// definitions may nest within each other.
	maxDepth = 32
	// maxParens is how many ( a link address may leave open.
	maxParens = 32
	// maxBracketWork bounds, per paragraph, the bytes goldmark walks back
	// over to pair each ] with its [, as a multiple of the paragraph's
	// length (plus bracketSlack).
	maxBracketWork = 32
	bracketSlack   = 1 << 16
	// maxOpenBrackets is how many [ one paragraph may leave open: each is
	// a node goldmark keeps until the paragraph ends.
	maxOpenBrackets = 1000
	// maxAngleRescans is how many <…> link addresses in one paragraph may
	// start inside another one that is left open.
	maxAngleRescans = 32
	// maxEmphasis is how many runs of *, _ and ~ one paragraph may hold.
	maxEmphasis = 1000
	// maxTableCells is how many cells (rows times columns) one table may
	// have, counting the empty cells that short rows are padded with.
	maxTableCells = 50_000
	// maxLines is how many lines one page may have.
	maxLines = 50_000
	// maxElements is how many elements one page may hold: headings,
	// paragraphs, list items, table cells and the other blocks, and links
	// and images. Each costs memory in every step after parsing.
	maxElements = 100_000
	// maxReferenceBytes bounds the bytes that links to references ([text]
	// with [text]: address elsewhere) repeat, in addresses and titles.
	maxReferenceBytes = 8 << 20
)

// checkLines reports a body of more than maxLines lines, which is not
// worth parsing, or "".
func checkLines(body []byte) (problem, bool) {
	off := 0
	for range maxLines {
		i := bytes.IndexByte(body[off:], '\n')
		if i < 0 {
			return problem{}, false
		}
		off += i + 1
	}
	if off == len(body) {
		return problem{}, false
	}
	return problem{off, fmt.Sprintf("the page has more than %d lines; praxis allows at most %d lines in one page: split it into several pages", maxLines, maxLines)}, true
}

// limitsKey holds the *limits of one document in its parser.Context.
var limitsKey = parser.NewContextKey()

// limits is the state of the limit checks while one document is parsed.
type limits struct {
	problems []problem
	tripped  bool // a limit was broken: the rest is read as plain text

	// of the paragraph being read
	started     bool
	start       int   // offset of its first mark
	openers     []int // offsets of the [ not yet paired
	bracketWork int
	angleEnd    int // where the last <…> address scan ended
	rescans     int
	emphasis    int
}

// problem is a limit broken at a byte offset of the page's body.
type problem struct {
	Offset int
	Msg    string
}

// limitsOf returns the limits state of pc, creating it.
func limitsOf(pc parser.Context) *limits {
	if l, ok := pc.Get(limitsKey).(*limits); ok {
		return l
	}
	l := &limits{}
	pc.Set(limitsKey, l)
	return l
}

// limitProblems returns the problems the limit checks found while parsing
// with pc, ordered by offset.
func limitProblems(pc parser.Context) []problem {
	l, ok := pc.Get(limitsKey).(*limits)
	if !ok {
		return nil
	}
	out := append([]problem(nil), l.problems...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// trip records that a limit was broken at off.
func (l *limits) trip(off int, format string, args ...any) {
	if !l.tripped {
		l.problems = append(l.problems, problem{off, fmt.Sprintf(format, args...)})
	}
	l.tripped = true
}

// limitsExtension adds the limit checks to goldmark.
type limitsExtension struct{}

func (limitsExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(depthGuard{}, 1)),
		// After task checkboxes (0), which take their [ ] whole, before
		// everything else that reads brackets and emphasis.
		parser.WithInlineParsers(util.Prioritized(inlineGuard{}, 1)),
		// After link reference definitions (100), before tables (200).
		parser.WithParagraphTransformers(util.Prioritized(tableGuard{}, 150)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tooDeepRenderer{}, 500)))
}

// checkSize reports a page of more than maxElements elements, and links
// to references whose addresses and titles add up to more than
// maxReferenceBytes, which rendering would repeat.
func checkSize(root ast.Node, pc parser.Context) {
	refBytes, elements := 0, 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || !isElement(n) {
			return ast.WalkContinue, nil
		}
		if elements++; elements > maxElements {
			limitsOf(pc).trip(elementOffset(n), "more than %d elements (headings, paragraphs, list items, table cells, links…) on one page; praxis allows at most %d: split the page",
				maxElements, maxElements)
			return ast.WalkStop, nil
		}
		refBytes += referenceBytes(n)
		if refBytes > maxReferenceBytes {
			limitsOf(pc).trip(elementOffset(n), "links to references repeat more than %d MB of addresses on this page; shorten the addresses or use fewer links", maxReferenceBytes>>20)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
}

// isElement reports whether n counts towards maxElements: a block, a link
// or image, a footnote reference.
func isElement(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindLink, ast.KindImage, extast.KindFootnoteLink, extast.KindFootnoteBacklink:
		return true
	}
	return n.Type() == ast.TypeBlock
}

// referenceBytes is what a link or image to a reference repeats of it.
func referenceBytes(n ast.Node) int {
	switch n := n.(type) {
	case *ast.Link:
		if n.Reference != nil {
			return len(n.Destination) + len(n.Title)
		}
	case *ast.Image:
		if n.Reference != nil {
			return len(n.Destination) + len(n.Title)
		}
	}
	return 0
}

// elementOffset is where block or inline node n starts, as closely as the
// tree tells.
func elementOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if n.Pos() >= 0 {
			return n.Pos()
		}
	}
	return Offset(n)
}
