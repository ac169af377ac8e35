package blocks

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer rewrites the parsed document: GitHub alerts become callout
// blocks, facilitator blocks leave the participant edition, and blocks that
// are answered get ids.
type transformer struct {
	opts Options
}

// Transform implements parser.ASTTransformer.
func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	for _, bq := range collect[*ast.Blockquote](doc) {
		convertAlert(bq, src)
	}
	blocks := collect[*Block](doc)
	removed := false
	for _, b := range blocks {
		if b.quarto {
			headingTitle(b, src)
		}
		if b.BlockType == "facilitator" && !t.opts.Facilitator {
			// Removed, not hidden: participants must not find coach notes in
			// the page source.
			b.Parent().RemoveChild(b.Parent(), b)
			removed = true
		}
	}
	if removed {
		pc.Set(removedKey, true) // for footnotePruner
	}
	fields := 0
	r := &htmlRenderer{opts: t.opts}
	for _, b := range blocks {
		if b.ID == "" {
			b.ID = defaultID(b, src)
		}
		n := r.fields(b)
		if b.BlockType == "checklist" {
			n = numberBoxes(b)
		}
		if fields += n; fields > MaxFields && fields-n <= MaxFields && b.Parent() != nil {
			pc.Set(limitKey, true)
			addProblem(pc, b.Offset, fmt.Sprintf("more than %d answer fields (text boxes, rating buttons, table cells, checkboxes) on one page; praxis allows at most %d: split the page", MaxFields, MaxFields))
		}
	}
}

// limitKey is set in the parser.Context of a document that broke a limit.
var limitKey = parser.NewContextKey()

// LimitBroken reports whether the document parsed with pc broke one of the
// limits of blocks (MaxFields, or the lines ::: blocks may hold). The caller
// should then not render it: the limits are there because rendering would
// cost too much.
func LimitBroken(pc parser.Context) bool {
	v, _ := pc.Get(limitKey).(bool)
	return v || tooManyLines(pc)
}

// MaxFields is how many answer fields one page may have. Each is an element
// in the page, the print book and the chapter handout, so a few lines of
// ::: actions {rows=20} repeated made hundreds of megabytes of HTML.
const MaxFields = 10_000

// fields returns how many answer fields block b renders, not counting
// checklists' boxes.
func (r *htmlRenderer) fields(b *Block) int {
	switch b.BlockType {
	case "prompt":
		return 1
	case "commitment":
		return 2
	case "scale":
		lo, hi := b.scaleRange()
		return hi - lo + 1
	case "actions":
		return r.rows(b) * len(r.columns(b))
	case "review":
		return r.rows(b) * (len(r.columns(b)) + 1)
	}
	return 0
}

// headingTitle makes a heading that opens callout b its title, as Quarto
// does, unless b has a title= already.
func headingTitle(b *Block, src []byte) {
	h, ok := b.FirstChild().(*ast.Heading)
	if _, titled := b.Attr("title"); !ok || titled {
		return
	}
	var sb strings.Builder
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			writeInlineText(&sb, n, src)
		}
		return ast.WalkContinue, nil
	})
	b.Attrs = append(b.Attrs, Attr{Key: "title", Value: tidyLines(sb.String()), Offset: h.Pos()})
	b.RemoveChild(b, h)
}

// boxIndexAttr is the node attribute holding a checklist box's index. The
// renderer reads it; no renderer writes it out.
const boxIndexAttr = "praxis-box-index"

// numberBoxes records on each task checkbox of a checklist its 1-based index
// among the checklist's own boxes (not those of checklists nested inside),
// puts each box and its words in a label (see labelBox), and returns how
// many boxes it numbered.
func numberBoxes(list *Block) int {
	var boxes []*extast.TaskCheckBox
	_ = ast.Walk(list, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := node.(*Block); ok && b != list && b.BlockType == "checklist" {
			return ast.WalkSkipChildren, nil
		}
		if box, ok := node.(*extast.TaskCheckBox); ok && entering {
			boxes = append(boxes, box)
			box.SetAttributeString(boxIndexAttr, len(boxes))
		}
		return ast.WalkContinue, nil
	})
	for _, box := range boxes {
		labelBox(box)
	}
	return len(boxes)
}

// collect returns the nodes of type T under root, in document order. Changing
// the tree while walking it would skip nodes, so callers collect first.
func collect[T ast.Node](root ast.Node) []T {
	var out []T
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if v, ok := n.(T); ok && entering {
			out = append(out, v)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// defaultID returns the id of a block without #id: a slug of its text for
// blocks whose answers are saved, "" for the others. A checklist is named by
// its first line, a review by the block it reviews, and a block without words
// by its type.
func defaultID(b *Block, src []byte) string {
	var s string
	switch {
	case b.BlockType == "review":
		of, _ := b.Attr("of")
		s = Slug("review " + of)
	case b.BlockType == "checklist":
		first, _, _ := strings.Cut(b.PlainText(src), "\n")
		s = Slug(first)
	case b.IsPrompt() || b.BlockType == "commitment":
		s = Slug(b.PlainText(src))
	default:
		return ""
	}
	if s == "" {
		return b.BlockType
	}
	return s
}

// convertAlert replaces a blockquote whose first line is [!NOTE], [!TIP],
// [!WARNING], [!IMPORTANT] or [!CAUTION] (GitHub's alert syntax) with the
// callout Block of that type, so both spellings render alike.
func convertAlert(bq *ast.Blockquote, src []byte) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	typ := alertType(first.Value(src))
	if typ == "" || !dropFirstLine(para, first.Stop) {
		return
	}
	b := &Block{BlockType: typ, Offset: bq.Pos(), closed: true}
	b.SetPos(bq.Pos())
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		b.AppendChild(b, c)
		c = next
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, b)
}

// alertType returns the callout type named by an alert marker line such as
// "[!NOTE]", or "".
func alertType(line []byte) string {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || !bytes.HasPrefix(line, []byte("[!")) || line[len(line)-1] != ']' {
		return ""
	}
	typ := strings.ToLower(string(line[2 : len(line)-1]))
	switch typ {
	case "note", "tip", "warning", "important", "caution":
		return typ
	}
	return ""
}

// dropFirstLine removes the inline nodes of a paragraph's first line, which
// ends at source offset stop, and the paragraph itself when nothing is left.
// It refuses (returns false) when the line holds anything but plain text, such
// as a link to a reference named "!note".
func dropFirstLine(para *ast.Paragraph, stop int) bool {
	var drop []ast.Node
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return false
		}
		drop = append(drop, c)
		if t.Segment.Stop >= stop || t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	for _, c := range drop {
		para.RemoveChild(para, c)
	}
	lines := para.Lines()
	lines.SetSliced(1, lines.Len())
	if !para.HasChildren() {
		para.Parent().RemoveChild(para.Parent(), para)
	}
	return true
}
