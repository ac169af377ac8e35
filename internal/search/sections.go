package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// Section is the searchable text of part of a page: its top, before the
// first heading (ID and Title empty), or a top-level heading and what
// follows it up to the next one.
type Section struct {
	ID    string // the heading's id
	Title string // the heading's text
	Words string // the distinct words of its text, lower-case, separated by spaces
}

// Sections returns the searchable sections of a parsed page: the top
// first, always, then one for each top-level heading with an id. Headings
// nested in blocks or lists count as text of their section. Code blocks,
// raw HTML and the text of prompts are left out: code is rarely what a
// reader of a workbook looks for, and prompts are listed by themselves.
func Sections(d *markdown.Doc) []Section {
	secs := []Section{{}}
	w := newWordSet()
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if id := headingID(h); id != "" {
				secs[len(secs)-1].Words = w.take()
				secs = append(secs, Section{ID: id, Title: markdown.PlainText(h, d.Source)})
				continue
			}
		}
		w.addNode(n, d.Source)
	}
	secs[len(secs)-1].Words = w.take()
	return secs
}

func headingID(h *ast.Heading) string {
	v, _ := h.AttributeString("id")
	id, _ := v.([]byte)
	return string(id)
}

// wordsOf returns the distinct words of text, as Section.Words holds them.
func wordsOf(text string) string {
	w := newWordSet()
	w.addText(text)
	return w.take()
}

// wordSet gathers the distinct words of some text in the order they first
// appear.
type wordSet struct {
	seen map[string]bool
	list []string
	text []byte // the text of the block being read
}

func newWordSet() *wordSet { return &wordSet{seen: map[string]bool{}} }

// take returns the words gathered so far, separated by spaces, and starts
// afresh.
func (w *wordSet) take() string {
	s := strings.Join(w.list, " ")
	clear(w.seen)
	w.list = w.list[:0]
	return s
}

// addNode adds the words of n and its descendants. Each block's text is
// split on its own, so words of two paragraphs never run together.
func (w *wordSet) addNode(n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				w.flush()
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *blocks.Block:
			if c.IsPrompt() {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			w.text = append(w.text, c.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.text = append(w.text, ' ')
			}
		case *ast.String:
			w.text = append(w.text, c.Value...) // typographer entities: flush unescapes them
		}
		if c.Type() == ast.TypeBlock {
			w.flush() // text before a nested block
		}
		return ast.WalkContinue, nil
	})
	w.flush()
}

// flush adds the words of the text read since the last flush.
func (w *wordSet) flush() {
	if len(w.text) == 0 {
		return
	}
	s := string(w.text)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	w.text = w.text[:0]
	w.addText(s)
}

// addText adds the words of s: runs of letters, digits and combining
// marks, lower-cased. Single ASCII letters, like "a" or "I", find nothing
// a reader would look for and are left out.
func (w *wordSet) addText(s string) {
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w.add(s[start:i])
			start = -1
		}
	}
}

func (w *wordSet) add(word string) {
	if len(word) == 1 && word[0] < utf8.RuneSelf && !('0' <= word[0] && word[0] <= '9') {
		return
	}
	word = strings.ToLower(word)
	if !w.seen[word] {
		w.seen[word] = true
		w.list = append(w.list, word)
	}
}
