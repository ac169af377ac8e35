package blocks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Problem is a mistake in a block's fence or attributes, found while parsing.
// Offset is the byte offset in the Markdown source of the fence or attribute
// at fault; convert it with diag.Lines.
type Problem struct {
	Offset int
	Msg    string
}

// problemsKey holds a *[]Problem in the parser.Context of one document.
var problemsKey = parser.NewContextKey()

// Problems returns the problems recorded while parsing with pc, ordered by
// offset. goldmark parsers cannot return errors, so the caller passes its own
// context (parser.WithContext) and asks for them after Parse.
func Problems(pc parser.Context) []Problem {
	p, _ := pc.Get(problemsKey).(*[]Problem)
	if p == nil {
		return nil
	}
	out := append([]Problem(nil), (*p)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// addProblem records a problem, once: goldmark may offer a line to Open again
// right away (after a paragraph transformer), which would repeat the last one.
func addProblem(pc parser.Context, off int, msg string) {
	p, _ := pc.Get(problemsKey).(*[]Problem)
	if p == nil {
		p = &[]Problem{}
		pc.Set(problemsKey, p)
	}
	if n := len(*p); n > 0 && (*p)[n-1] == (Problem{off, msg}) {
		return
	}
	*p = append(*p, Problem{off, msg})
}

// divParser parses fenced divs: a line of three or more colons with a block
// type and/or {attributes} opens a Block; a line of colons alone closes the
// innermost open one.
type divParser struct{}

// newDivParser returns the parser.BlockParser for fenced divs.
func newDivParser() parser.BlockParser { return divParser{} }

// Trigger implements parser.BlockParser.
func (divParser) Trigger() []byte { return []byte{':'} }

// Open implements parser.BlockParser. It parses only the opening fence line.
func (divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	n := colonRun(line[pos:])
	if n < 3 {
		return nil, parser.NoChildren
	}
	off := seg.Start - seg.Padding + pos // line holds the padding before the source bytes
	if util.IsBlank(line[pos+n:]) {
		if refused, _ := pc.Get(refusedKey).(int); refused > 0 {
			pc.Set(refusedKey, refused-1) // the closing fence of a refused one
		} else if !tooManyLines(pc) { // the blocks it closed were closed early
			addProblem(pc, off, "::: closes no open block; remove it, or open a block above with a line such as ::: note")
		}
		return nil, parser.NoChildren
	}
	b, probs := parseFence(strings.TrimRight(string(line[pos:]), "\r\n"), off)
	for _, p := range probs {
		addProblem(pc, p.Offset, p.Msg)
	}
	reader.AdvanceToEOL()
	return b, parser.HasChildren
}

// maxBlockLines bounds the lines inside ::: blocks on one page, a line
// counted once for every block around it. goldmark keeps a record of
// every line for every block it is in, until the outermost block closes, so
// a few blocks nested around a long page took gigabytes.
const maxBlockLines = 1 << 18

// blockLinesKey holds the *int count of lines inside blocks of a document.
var blockLinesKey = parser.NewContextKey()

// refusedKey holds the int count of opening fences refused by RefuseFence
// whose closing fences have not come yet.
var refusedKey = parser.NewContextKey()

// RefuseFence records, in the context of a document being parsed, that a
// line that would open a ::: block was taken as text instead (because it
// was nested too deep), so that the next closing fence that closes nothing
// is its own and no mistake.
func RefuseFence(pc parser.Context) {
	n, _ := pc.Get(refusedKey).(int)
	pc.Set(refusedKey, n+1)
}

// tooManyLines reports whether the blocks of the document held more than
// maxBlockLines lines, which closed them all.
func tooManyLines(pc parser.Context) bool {
	n, _ := pc.Get(blockLinesKey).(*int)
	return n != nil && *n > maxBlockLines
}

// Continue implements parser.BlockParser. A closing fence closes node only
// when no div or fenced code block is open inside it: those take the line.
func (divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	n, _ := pc.Get(blockLinesKey).(*int)
	if n == nil {
		n = new(int)
		pc.Set(blockLinesKey, n)
	}
	if *n++; *n > maxBlockLines {
		if *n == maxBlockLines+1 {
			addProblem(pc, seg.Start, fmt.Sprintf("::: blocks hold too many lines: praxis allows at most %d lines inside ::: blocks on one page, a line counted once for every block around it; close blocks sooner or split the page", maxBlockLines))
		}
		node.(*Block).closed = true
		return parser.Close
	}
	if !isClosingFence(line, reader.LineOffset()) || innerFenceOpen(node, pc) {
		return parser.Continue | parser.HasChildren
	}
	node.(*Block).closed = true
	reader.AdvanceToEOL()
	return parser.Close
}

// Close implements parser.BlockParser and reports a block whose closing fence
// never came.
func (divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b := node.(*Block)
	if b.closed || tooManyLines(pc) {
		return
	}
	what := "::: block"
	if b.BlockType != "" {
		what = b.BlockType + " block"
	}
	addProblem(pc, b.Offset, what+" opened here is never closed; add a line with ::: to close it")
}

// CanInterruptParagraph implements parser.BlockParser.
func (divParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (divParser) CanAcceptIndentedLine() bool { return false }

// isClosingFence reports whether line is three or more colons, indented less
// than four columns, with nothing after them.
func isClosingFence(line []byte, lineOffset int) bool {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 || pos >= len(line) {
		return false
	}
	n := colonRun(line[pos:])
	return n >= 3 && util.IsBlank(line[pos+n:])
}

// innerFenceOpen reports whether a div or fenced code block was opened inside
// node and is still open.
func innerFenceOpen(node ast.Node, pc parser.Context) bool {
	open := pc.OpenedBlocks()
	for i := len(open) - 1; i >= 0 && open[i].Node != node; i-- {
		switch open[i].Node.(type) {
		case *Block, *ast.FencedCodeBlock:
			return true
		}
	}
	return false
}

// colonRun counts the colons at the start of b.
func colonRun(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ':' {
		n++
	}
	return n
}

// parseFence parses an opening fence line s, which starts with its colons at
// source offset off, into a Block and the problems found in it. It always
// returns a Block, so that the closing fence pairs up even after a mistake.
//
// Both of these open a prompt: the first is praxis's own spelling, the
// second Pandoc's, where the type is a class.
//
//	::: prompt {#first-step lines=6}
//	::: {.prompt #first-step lines=6}
//
// A word or class that names no block type (::: challenge, ::: {.aside})
// makes a plain div with that class, as in Pandoc, unless the word is a
// near miss of a type, such as promt. Quarto's callout classes
// (callout-note, callout-tip, …) make praxis's callouts.
func parseFence(s string, off int) (*Block, []Problem) {
	b := &Block{Offset: off}
	i := skipSpace(s, colonRun([]byte(s)))
	var probs []Problem
	typeOK := true
	if i < len(s) && isKeyByte(s[i], true) {
		end := i
		for end < len(s) && isKeyByte(s[end], false) {
			end++
		}
		probs = append(probs, setWord(b, s[i:end], off+i)...)
		typeOK = len(probs) == 0
		i = skipSpace(s, end)
	}
	if i < len(s) && s[i] == '{' {
		j := strings.LastIndexByte(s, '}')
		if j < 0 {
			probs = append(probs, Problem{off + i, "attribute list has no closing }"})
			j = len(s)
		}
		probs = append(probs, setAttrs(b, s[i+1:j], off+i+1)...)
		i = min(j+1, len(s))
	}
	i = skipSpace(s, i)
	i += colonRun([]byte(s[i:])) // Pandoc allows colons after the attributes
	if rest := strings.TrimSpace(s[i:]); rest != "" {
		probs = append(probs, Problem{off + i, trailingText(b)})
	}
	if b.BlockType == "" {
		typeFromClass(b)
	}
	if typeOK { // an unknown type would make every attribute unknown too
		probs = append(probs, validate(b)...)
	}
	return b, probs
}

// trailingText words the problem of text after the block type or attributes.
func trailingText(b *Block) string {
	switch {
	case b.BlockType != "":
		return fmt.Sprintf("unexpected text after the block type; put attributes in braces, as in ::: %s {#my-id}", b.BlockType)
	case len(b.Classes) > 0:
		return fmt.Sprintf("unexpected text after the class; put attributes in braces, as in ::: {.%s #my-id}", b.Classes[0])
	}
	return "expected a block type or {attributes} after :::, such as ::: note or ::: {.wide}"
}

// setWord reads the word after the colons, which starts at source offset
// off: a block type (in any case), a Quarto callout class, or a class of a
// plain div. A near miss of a type is a problem.
func setWord(b *Block, word string, off int) []Problem {
	typ := strings.ToLower(word)
	if t, quarto, ok := blockType(typ); ok {
		b.BlockType, b.quarto = t, quarto
		return nil
	}
	if t := diag.NearMiss(typ, blockTypes()); t != "" {
		return []Problem{{off, fmt.Sprintf("unknown block type %q (did you mean %q?)", word, t)}}
	}
	b.Classes = append(b.Classes, word)
	return nil
}

// typeFromClass makes the first class of b that names a block type its
// type, as in ::: {.prompt #first-step}.
func typeFromClass(b *Block) {
	for i, c := range b.Classes {
		if t, quarto, ok := blockType(strings.ToLower(c)); ok {
			b.BlockType, b.quarto = t, quarto
			b.Classes = append(b.Classes[:i:i], b.Classes[i+1:]...)
			return
		}
	}
}

// blockType returns the block type a word or class names: a type of
// praxis, or the callout of a Quarto callout class (quarto is then true).
func blockType(word string) (typ string, quarto, ok bool) {
	if word == "" {
		return "", false, false
	}
	if _, ok := specFor(word); ok {
		return word, false, true
	}
	if t, ok := strings.CutPrefix(word, "callout-"); ok && calloutTitle(t) != "" && t != "facilitator" {
		return t, true, true
	}
	return "", false, false
}

// setAttrs parses the attribute list s, which starts at source offset off,
// into b.
func setAttrs(b *Block, s string, off int) []Problem {
	attrs, err := ParseAttributes(s)
	var probs []Problem
	if e, ok := err.(*AttrError); ok {
		probs = append(probs, Problem{off + e.Offset, e.Msg})
	}
	for _, a := range attrs {
		a.Offset += off
		switch a.Key {
		case "id":
			if b.ID != "" {
				probs = append(probs, Problem{a.Offset, fmt.Sprintf("the block already has the id %q; keep one", b.ID)})
			}
			b.ID = a.Value
		case "class":
			b.Classes = append(b.Classes, a.Value)
		default:
			b.Attrs = append(b.Attrs, a)
		}
	}
	return probs
}
