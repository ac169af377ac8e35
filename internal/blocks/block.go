package blocks

import (
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// KindBlock is the ast.NodeKind of [Block].
var KindBlock = ast.NewNodeKind("Block")

// Block is a fenced div (::: type {attributes} … :::) or a GitHub alert. Its
// children are the Markdown blocks of its content.
type Block struct {
	ast.BaseBlock
	BlockType string   // "prompt", "scale", …; "" for a plain div or an unknown type
	ID        string   // explicit #id, else filled with a slug of the text for blocks that need one
	Classes   []string // from .class, in source order
	Attrs     []Attr   // key=value attributes other than id and class, in source order
	Offset    int      // byte offset of the opening fence (for diagnostics)
	Number    string   // set by site assembly before rendering, e.g. "2.3"; rendered when set
	// Plan is, for a review, the actions block its of= names. Site
	// assembly sets it after checking the id; the review then tells the
	// answers script which of the plan's columns holds the dates.
	Plan *Block

	closed bool // the closing fence was seen
	quarto bool // a Quarto callout (callout-note, …): a heading first in it is its title
}

// Kind implements ast.Node.
func (b *Block) Kind() ast.NodeKind { return KindBlock }

// Dump implements ast.Node.
func (b *Block) Dump(source []byte, level int) {
	kv := map[string]string{"BlockType": b.BlockType, "ID": b.ID, "Number": b.Number,
		"Classes": strings.Join(b.Classes, " "), "Offset": strconv.Itoa(b.Offset)}
	for _, a := range b.Attrs {
		kv["attr "+a.Key] = a.Value
	}
	ast.DumpHelper(b, source, level, kv, nil)
}

// Detached returns a copy of b's type, id, classes, attributes and offset
// without its place in the syntax tree, so that what site assembly keeps
// of a page does not hold on to the page's whole tree.
func (b *Block) Detached() *Block {
	return &Block{BlockType: b.BlockType, ID: b.ID, Classes: b.Classes, Attrs: b.Attrs,
		Offset: b.Offset, closed: b.closed}
}

// IsPrompt reports whether b is answered and numbered as a prompt: a prompt,
// scale, actions or review block.
func (b *Block) IsPrompt() bool { return isPromptType(b.BlockType) }

// Attr returns the value of the key=value attribute key and whether it is set.
func (b *Block) Attr(key string) (string, bool) {
	if a := b.attr(key); a != nil {
		return a.Value, true
	}
	return "", false
}

// attr returns the first attribute named key, or nil.
func (b *Block) attr(key string) *Attr {
	for i := range b.Attrs {
		if b.Attrs[i].Key == key {
			return &b.Attrs[i]
		}
	}
	return nil
}

// intAttr returns the whole-number attribute key, or def when it is missing or
// not a number (validation has reported that already).
func (b *Block) intAttr(key string, def int) int {
	v, ok := b.Attr(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

// PlainText returns the plain text of the block's content, without nested
// blocks: for a prompt, its question. Soft line breaks become spaces, and each
// paragraph, heading or list item starts a new line. (It cannot be called Text:
// ast.Node already has a deprecated Text method returning []byte.)
func (b *Block) PlainText(source []byte) string {
	var sb strings.Builder
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*Block); ok && n != b {
			return ast.WalkSkipChildren, nil
		}
		if !entering {
			if n.Type() == ast.TypeBlock {
				sb.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		writeInlineText(&sb, n, source)
		return ast.WalkContinue, nil
	})
	return tidyLines(sb.String())
}

// writeInlineText appends the text of one inline node.
func writeInlineText(sb *strings.Builder, n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := string(n.Segment.Value(source))
		if !n.IsRaw() { // code spans keep backslashes and entities as written
			v = html.UnescapeString(string(util.UnescapePunctuations([]byte(v))))
		}
		sb.WriteString(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			sb.WriteByte(' ')
		}
	case *ast.String:
		v := string(n.Value)
		if n.IsCode() {
			v = html.UnescapeString(v) // typographer entities such as &rsquo;
		}
		sb.WriteString(v)
	case *ast.AutoLink:
		sb.Write(n.Label(source))
	}
}

// tidyLines trims each line, collapses runs of spaces and drops empty lines.
func tidyLines(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return strings.Join(out, "\n")
}
