package markdown

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Highlighter renders fenced code blocks with chroma, using CSS classes so
// one stylesheet serves light, dark and print. Each distinct block (language
// and text) is highlighted once and remembered, because highlighting is
// most of the cost of rendering a page. Without a cache folder it remembers
// every block in memory, as praxis serve wants; with one (see LoadCache),
// only the recent ones, the others being in the cache file. It is safe for
// concurrent use.
type Highlighter struct {
	formatter *chromahtml.Formatter // for the stylesheet; code is written by writeTokens
	mu        sync.RWMutex
	cache     map[[32]byte][]byte // by sha256 of language and code
	older     map[[32]byte][]byte // the generation before cache, with a store
	recent    int                 // bytes in cache, with a store
	limit     int                 // recent bytes kept before cache becomes older: recentLimit
	store     *store              // the cache folder's files; nil for none
	lexers    sync.Map            // language name to chroma.Lexer, nil when chroma has none
}

// NewHighlighter returns a Highlighter with an empty cache.
func NewHighlighter() *Highlighter {
	return &Highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)),
		cache:     map[[32]byte][]byte{},
		limit:     recentLimit,
	}
}

// Extend registers the code block renderer; a priority below goldmark's
// default 1000 makes it win over the plain one.
func (h *Highlighter) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 200)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *Highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (h *Highlighter) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	lang, code := codeOf(n.(*ast.FencedCodeBlock), src)
	_, _ = w.WriteString(`<pre class="chroma`)
	if lang != "" {
		_, _ = w.WriteString(` language-`)
		_, _ = w.Write(util.EscapeHTML([]byte(lang)))
	}
	_, _ = w.WriteString(`"><code>`)
	_, _ = w.Write(h.Highlight(lang, code))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// codeOf returns the language and the text of a fenced code block.
func codeOf(b *ast.FencedCodeBlock, src []byte) (lang, code string) {
	var buf bytes.Buffer
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf.Write(seg.Value(src))
	}
	return strings.ToLower(string(b.Language(src))), buf.String()
}

// CodeKey identifies a code block for the highlight cache (see
// Highlighter.Retain).
type CodeKey = [32]byte

func codeKey(lang, code string) CodeKey { return sha256.Sum256([]byte(lang + "\x00" + code)) }

// CodeKeyOf is the key of fenced code block b of a page with source src.
func CodeKeyOf(b *ast.FencedCodeBlock, src []byte) CodeKey { return codeKey(codeOf(b, src)) }

// Highlight returns the HTML of code in language lang (escaped plain text
// when the language is unknown).
func (h *Highlighter) Highlight(lang, code string) []byte {
	key := codeKey(lang, code)
	h.mu.RLock()
	out, ok := h.cache[key]
	if !ok {
		out, ok = h.older[key]
	}
	s := h.store
	h.mu.RUnlock()
	if ok {
		return out
	}
	if s != nil {
		out, ok = s.cached(key)
	}
	if !ok {
		out = h.highlight(lang, code)
	}
	h.mu.Lock()
	h.remember(key, out)
	h.mu.Unlock()
	return out
}

// remember keeps code's HTML in memory and, with a store, in the new cache
// file; then memory keeps only the recent generations.
func (h *Highlighter) remember(key [32]byte, html []byte) {
	h.cache[key] = html
	if h.store == nil {
		return
	}
	h.store.add(key, html)
	if h.recent += len(html); h.recent > h.limit {
		h.older, h.cache, h.recent = h.cache, map[[32]byte][]byte{}, 0
	}
}

func (h *Highlighter) highlight(lang, code string) []byte {
	lexer := h.lexer(lang)
	if lexer == nil {
		return util.EscapeHTML([]byte(code))
	}
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return util.EscapeHTML([]byte(code))
	}
	var buf bytes.Buffer
	writeTokens(&buf, it)
	return bytes.Clone(buf.Bytes()) // without the buffer's spare room, since it is kept
}

// lexer returns chroma's lexer for lang, or nil for none. It remembers the
// answer: for a name that is not a lexer's name or alias, lexers.Get matches
// it against every lexer's file name patterns, which takes milliseconds.
func (h *Highlighter) lexer(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if v, ok := h.lexers.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	h.lexers.Store(lang, l)
	return l
}

// tokenHTMLEscaper escapes as html.EscapeString does, which is what chroma's
// HTML formatter uses.
var tokenHTMLEscaper = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;")

// coalesceLimit is the length past which chroma.Coalesce stops merging
// tokens of one type.
const coalesceLimit = 8192

// writeTokens writes the tokens of it to buf exactly as h.formatter would
// after chroma.Coalesce, that is as the HTML formatter with classes and
// without the surrounding pre does, without building the token slice, the
// merged token values, the lines and a string per token on the way.
//
// Coalescing merges a run of non-empty tokens of one type into one token,
// until it reaches coalesceLimit bytes; the formatter splits each merged
// token after every newline and writes each piece as one span with the
// type's class (or as plain text when the type has no class).
// TestHighlightAsChroma compares the two, so that a chroma upgrade that
// changes its formatter fails there rather than changing pages unnoticed.
func writeTokens(buf *bytes.Buffer, it chroma.Iterator) {
	var (
		run    chroma.TokenType // type of the merged token being written
		runLen = -1             // its length so far; -1 before the first token
		class  string           // its class
		open   bool             // a piece of it has been started and not ended
	)
	end := func() {
		if open && class != "" {
			buf.WriteString("</span>")
		}
		open = false
	}
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value == "" {
			continue
		}
		if runLen < 0 || t.Type != run || runLen >= coalesceLimit {
			end()
			run, runLen, class = t.Type, 0, tokenClass(t.Type)
		}
		runLen += len(t.Value)
		for v := t.Value; v != ""; {
			piece := v
			if i := strings.IndexByte(v, '\n'); i >= 0 {
				piece = v[:i+1]
			}
			v = v[len(piece):]
			if !open && class != "" {
				buf.WriteString(`<span class="`)
				buf.WriteString(class)
				buf.WriteString(`">`)
			}
			open = true
			_, _ = tokenHTMLEscaper.WriteString(buf, piece)
			if piece[len(piece)-1] == '\n' {
				end()
			}
		}
	}
	end()
}

// tokenClass is the CSS class chroma's HTML formatter gives a token type:
// that of the type or of its nearest parent in chroma.StandardTypes.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// Stylesheet returns the CSS for highlighted code: a light style, a dark
// style under prefers-color-scheme: dark, and a black-on-white style for print.
func (h *Highlighter) Stylesheet() []byte {
	var buf bytes.Buffer
	buf.WriteString("/* Code highlighting, generated by praxis from chroma styles. */\n")
	write := func(name string) {
		_ = h.formatter.WriteCSS(&buf, styles.Get(name))
	}
	write("github")
	buf.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	write("github-dark")
	buf.WriteString("}\n@media print {\n")
	write("bw")
	buf.WriteString("}\n")
	return buf.Bytes()
}
