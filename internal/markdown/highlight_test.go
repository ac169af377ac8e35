package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
)

// corpusBlock is one fenced code block of the benchmark corpus.
type corpusBlock struct{ lang, code string }

var (
	corpusOnce   sync.Once
	corpusBlocks []corpusBlock
)

// fence matches a fenced code block as the corpus generator writes it.
var fence = regexp.MustCompile("(?ms)^```([a-z]+)\n(.*?)^```$")

// benchBlocks returns the code blocks of a 200-page benchmark corpus: 25-line
// blocks in Go, Python, JavaScript, YAML and shell, all different, as in the
// workbooks the cold-build benchmark renders.
func benchBlocks(tb testing.TB) []corpusBlock {
	corpusOnce.Do(func() {
		for _, f := range gen.Praxis(gen.Options{Pages: 200}) {
			for _, m := range fence.FindAllSubmatch(f.Data, -1) {
				corpusBlocks = append(corpusBlocks, corpusBlock{string(m[1]), string(m[2])})
			}
		}
	})
	if len(corpusBlocks) < 100 {
		tb.Fatalf("the corpus has %d code blocks", len(corpusBlocks))
	}
	return corpusBlocks
}

// BenchmarkHighlightCold highlights code that is not in the cache: each
// iteration highlights the same sample of corpus blocks (10 per language, or
// all 50 for "all"; lang= and lang=mermaid are the Go blocks without a
// language and with an unknown one), so every run does the same work.
// ns/block is the time of one 25-line block; cpu-ns/block is the CPU time the
// process spent on it, garbage collection on other threads included, which
// is what a build pays and which a busy machine disturbs less.
func BenchmarkHighlightCold(b *testing.B) {
	blocks := benchBlocks(b)
	perLang := map[string][]corpusBlock{}
	var all []corpusBlock
	var langs []string
	for _, c := range blocks {
		if len(perLang[c.lang]) == 10 {
			continue
		}
		if perLang[c.lang] == nil {
			langs = append(langs, c.lang)
		}
		perLang[c.lang] = append(perLang[c.lang], c)
		all = append(all, c)
	}
	slices.Sort(langs)
	perLang["all"] = all
	// The same code without a language, and with one chroma has no lexer
	// for: both come out escaped, not highlighted.
	for _, lang := range []string{"", "mermaid"} {
		name := "lang=" + lang
		for _, c := range perLang["go"] {
			perLang[name] = append(perLang[name], corpusBlock{lang, c.code})
		}
		langs = append(langs, name)
	}
	for _, lang := range append([]string{"all"}, langs...) {
		set := perLang[lang]
		b.Run(lang, func(b *testing.B) {
			h := NewHighlighter()
			for _, c := range set {
				h.highlight(c.lang, c.code) // compile the lexers outside the timing
			}
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				for _, c := range set {
					h.highlight(c.lang, c.code)
				}
			}
			blocks := float64(b.N * len(set))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/blocks, "ns/block")
			if cpu > 0 {
				b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/blocks, "cpu-ns/block")
			}
		})
	}
}

// BenchmarkHighlightColdParallel is the corpus blocks highlighted from
// GOMAXPROCS goroutines sharing one Highlighter, as the build does; an
// iteration is one block.
func BenchmarkHighlightColdParallel(b *testing.B) {
	blocks := benchBlocks(b)
	h := NewHighlighter()
	compiled := map[string]bool{}
	for _, c := range blocks {
		if !compiled[c.lang] {
			h.highlight(c.lang, c.code) // compile the lexer outside the timing
			compiled[c.lang] = true
		}
	}
	b.ReportAllocs()
	var next atomic.Int64
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c := blocks[int(next.Add(1))%len(blocks)]
			h.highlight(c.lang, c.code)
		}
	})
	if cpu > 0 {
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/block")
	}
}

// chromaHTML is the HTML that chroma's own pipeline gives for tokens, the
// way praxis highlighted code before writeTokens: Coalesce, then the HTML
// formatter with the Highlighter's options.
func chromaHTML(t *testing.T, tokens []chroma.Token) []byte {
	t.Helper()
	lexer := chroma.Coalesce(&tokenLexer{tokens})
	it, err := lexer.Tokenise(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
	if err := f.Format(&buf, styles.Fallback, it); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tokenLexer is a lexer that returns the tokens it is given.
type tokenLexer struct{ tokens []chroma.Token }

func (l *tokenLexer) Config() *chroma.Config                         { return &chroma.Config{} }
func (l *tokenLexer) AnalyseText(string) float32                     { return 0 }
func (l *tokenLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return l }
func (l *tokenLexer) SetAnalyser(func(string) float32) chroma.Lexer  { return l }
func (l *tokenLexer) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	return chroma.Literator(l.tokens...), nil
}

// checkAsChroma fails unless writeTokens writes tokens as chroma does.
func checkAsChroma(t *testing.T, what string, tokens []chroma.Token) {
	t.Helper()
	want := chromaHTML(t, tokens)
	var got bytes.Buffer
	writeTokens(&got, chroma.Literator(tokens...))
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("%s: tokens %v\ngot  %s\nwant %s", what, tokens, got.Bytes(), want)
	}
}

// TestHighlightAsChroma checks that the Highlighter writes what chroma's
// formatter writes, byte for byte: for the corpus blocks, for the lexers of
// common languages on short texts that test the edges (markup characters, no
// final newline, CRLF, non-ASCII text, text the lexer does not expect), and
// for random token streams (empty tokens, runs of one type longer than
// coalesceLimit, newlines anywhere, types with and without a class).
func TestHighlightAsChroma(t *testing.T) {
	h := NewHighlighter()
	for i, c := range benchBlocks(t) {
		if i%10 == 0 {
			// The whole path, lexer look-up included.
			out := h.highlight(c.lang, c.code)
			tokens, _ := chroma.Tokenise(lexers.Get(c.lang), nil, c.code)
			if want := chromaHTML(t, tokens); !bytes.Equal(out, want) {
				t.Fatalf("%s block: got %s\nwant %s", c.lang, out, want)
			}
			if strings.Count(string(out), `<span class="`) < 40 {
				t.Fatalf("%s block is hardly highlighted: %s", c.lang, out)
			}
			continue
		}
		tokens, err := chroma.Tokenise(lexers.Get(c.lang), nil, c.code)
		if err != nil {
			t.Fatal(err)
		}
		checkAsChroma(t, c.lang+" block", tokens)
	}

	samples := []string{
		"",
		"\n\n",
		"x",
		"if a < b && c > d { s := \"it's \\\"quoted\\\"\" } // <b>&amp;</b>\n",
		"line one\r\nline two\r\n\tindented\n   spaces\n",
		"no final newline <>&'\"",
		"/* a comment */ # another\n-- and another\n",
		"héllo wörld ✓ 日本語 \U0001F600 = 1;\n",
		"@@@ ``` ))) ]]] }}} ::: \x00 \\\n",
		"def f(x):\n    return x ** 2  # c\n\nclass A: pass\n",
		"<html><body class=\"x\">&nbsp;</body></html>\n",
		"key: value\nlist:\n  - 1\n  - 'two'\n",
	}
	// Languages a workbook is likely to show; not every lexer, since some
	// take seconds on text they do not expect.
	for _, lang := range []string{"go", "python", "javascript", "typescript", "yaml", "bash", "console", "json",
		"toml", "html", "css", "sql", "diff", "markdown", "c", "rust", "java", "ruby", "docker", "makefile", "text"} {
		lexer := lexers.Get(lang)
		for _, code := range samples {
			tokens, err := chroma.Tokenise(lexer, nil, code)
			if err != nil {
				t.Fatal(err)
			}
			checkAsChroma(t, lang, tokens)
		}
	}

	types := []chroma.TokenType{chroma.Text, chroma.Whitespace, chroma.Keyword, chroma.KeywordType, chroma.NameFunction,
		chroma.LiteralStringDouble, chroma.Comment, chroma.CommentSingle, chroma.Error, chroma.Other, chroma.None,
		chroma.Background, chroma.Line, chroma.TokenType(1999), chroma.TokenType(8765), chroma.TokenType(-3)}
	values := []string{"", "a", "\n", "a\nb", "\n\n", "<&>'\"", "x\n", "\ny", strings.Repeat("w", 3000), strings.Repeat("z\n", 1500)}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 1000 {
		tokens := make([]chroma.Token, r.IntN(12))
		for j := range tokens {
			// Few types, so that runs of one type are common.
			tokens[j] = chroma.Token{Type: types[r.IntN(3+r.IntN(len(types)-2))], Value: values[r.IntN(len(values))]}
		}
		checkAsChroma(t, fmt.Sprintf("random stream %d", i), tokens)
	}
}

// TestHighlighterLexer checks that the remembered lexers are chroma's.
func TestHighlighterLexer(t *testing.T) {
	h := NewHighlighter()
	for range 2 {
		for _, name := range []string{"go", "Go", "golang", "sh", "js", "py", "yml", "nosuchlang", "mermaid", "text"} {
			if got, want := h.lexer(name), lexers.Get(name); got != want {
				t.Errorf("%s: got %v, want %v", name, got, want)
			}
		}
	}
	if h.lexer("") != nil {
		t.Error("a block without a language has a lexer")
	}
}
